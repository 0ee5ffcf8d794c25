"""Integrity flags on single texts: words not substrings, context, evidence, weights."""

from __future__ import annotations

import re

import pytest

from ingest.integrity import Lexicon, find_terms, is_flagged, load_lexicon, scan, score
from ingest.integrity.lexicon import fold
from ingest.parse import parse_detail
from ingest.parse.structs import DetailPage, Link
from tests.fakesite.pages import SeedParts, hanweb_detail_page

URL = "https://www.jxfz.gov.cn/art/2024/3/11/art_5120_3760539.html"


def seed_page(seed_text: str) -> DetailPage:
    parts = SeedParts(seed_text)
    html = hanweb_detail_page(parts.title, parts.body, metadata=parts.metadata, source=parts.source)
    return parse_detail(html, URL)


def counted(text: str, **kwargs: object) -> list[tuple[str, float]]:
    return [(f.term, f.weight) for f in scan(DetailPage(text=text), **kwargs) if f.weight]  # type: ignore[arg-type]


def kinds(flag: object) -> list[str]:
    return [e.kind for e in flag.evidence]  # type: ignore[attr-defined]


def test_seed_injections_found_at_exact_offsets_and_explained(seed_text: str) -> None:
    page = seed_page(seed_text)
    expected = [(m.group(0), m.start()) for m in re.finditer("雷速体育|中国竞彩网", page.text)]
    assert [t for t, _ in expected] == [
        "雷速体育",
        "雷速体育",
        "中国竞彩网",
        "中国竞彩网",
        "中国竞彩网",
    ]
    flags = scan(page)
    assert [(f.term, f.start) for f in flags] == expected
    assert all(page.text[f.start : f.end] == f.term for f in flags)
    assert is_flagged(flags) and score(flags) == 3.5
    first, _, second_brand, *_ = flags
    # 央视多次对雷速体育:文旅活动进行宣传报道 - a brand wedged into an honest clause
    assert kinds(first) == ["brand", "breaks_sentence"] and first.weight == 1.5
    assert kinds(second_brand) == ["brand", "breaks_sentence", "several_brands"]
    # each distinct term counts once; the repeats say where it was counted
    repeats = [f for f in flags if f.weight == 0]
    assert len(repeats) == 3
    assert all(f.evidence[-1].kind == "counted_once" for f in repeats)
    assert sum(e.weight for e in first.evidence) == first.weight


def test_clean_seed_gives_no_findings(seed_text: str) -> None:
    page = seed_page(seed_text)
    clean = re.sub("雷速体育:|中国竞彩网", "", page.text)
    assert scan(DetailPage(text=clean)) == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("推动投资提速增效,加快三大产业协调发展。", "快三"),
        ("加快三农工作补短板,加快三峡库区后续发展。", "快三"),
        ("培育壮大棋牌类体育赛事之外的群众体育项目。", None),
    ],
)
def test_terms_across_word_boundaries_are_not_terms(text: str, term: str | None) -> None:
    lex = load_lexicon()
    if term is not None:
        assert term in text  # a substring search would see it
    assert [f for f in find_terms(text, lex) if f[3] == "快三"] == []
    assert not is_flagged(scan(DetailPage(text=text)))


def test_a_term_that_is_a_word_is_found() -> None:
    assert [t for t, *_ in find_terms("快三开奖结果实时更新", load_lexicon())] == ["快三"]


@pytest.mark.parametrize(
    "text",
    [
        "全年销售体育彩票12亿元,筹集体育彩票公益金3亿元。",
        "深入开展打击网络赌博专项行动,依法打击跨境赌博。",
        "依法严厉打击群众反映强烈的黄赌毒、食药环、盗抢骗等突出违法犯罪。",
        "严厉打击开设赌场、赌博、网络诈骗等违法犯罪活动,整治六合彩等私彩。",
        "停止为境外赌场及其经营人员提供电信服务。",
        "以赛马、赛狗等体育竞赛为投注内容的彩票应运而生。",
        "警惕刷单返利类诈骗,切勿下注所谓内部盘口。",
    ],
)
def test_enforcement_and_regulation_context_is_evidence_against(text: str) -> None:
    flags = scan(DetailPage(text=text))
    assert score(flags) == 0, flags
    assert all(f.weight == 0 for f in flags)


def test_enforcement_context_is_shown_as_negative_evidence() -> None:
    (flag,) = scan(DetailPage(text="建立赌博网站账户黑名单制度,依法查处。"))
    assert kinds(flag) == ["word", "enforcement_context"]
    assert flag.evidence[1].weight == -flag.evidence[0].weight and flag.weight == 0


@pytest.mark.parametrize(
    "text",
    [
        "支持澳门产业多元发展,加快引进一批澳资企业和项目。",
        "推动横琴与澳门一体化发展,便利澳门居民就业。",
        "与香港、澳门在金融、经贸、科技领域深化合作。",
        "澳门、香港、台湾同胞踊跃参与。",
        "澳門單牌車入出橫琴覆蓋面進一步擴大。",
        "皇冠酒店旁的开元广场",
    ],
)
def test_place_names_are_not_gambling(text: str) -> None:
    assert score(scan(DetailPage(text=text))) == 0


def test_thirty_mentions_of_macau_are_one_word_and_not_a_flag() -> None:
    text = "\n".join(f"第{i}项:澳门与珠海共建合作平台,服务澳门青年创业。" for i in range(30))
    flags = scan(DetailPage(text=text))
    assert len(flags) == 60 and score(flags) == 0


def test_generic_words_add_up_only_in_company() -> None:
    assert not is_flagged(scan(DetailPage(text="本场比赛的赔率引发热议。")))
    assert is_flagged(scan(DetailPage(text="澳门百家乐在线投注,注册送彩金")))


def test_a_term_new_in_a_barely_changed_version_is_evidence() -> None:
    before = "全市新增就业岗位2.3万个。\n城镇调查失业率控制在5.5%以内。\n居民人均可支配收入增长6%。"
    after = before.replace("新增就业", "新增时时彩就业", 1)
    assert counted(after) == [("时时彩", 0.8)]  # one generic word alone is not enough
    (flag,) = scan(DetailPage(text=after), previous_text=before)
    assert kinds(flag) == ["word", "new_in_version"] and flag.weight == 1.4
    assert is_flagged([flag])
    # the same word in a page rewritten from scratch is not "new in a small change"
    rewritten = "时时彩开奖。" + "全新的一段文字内容。" * 20
    (flag,) = scan(DetailPage(text=rewritten), previous_text=before)
    assert "new_in_version" not in kinds(flag)


def test_a_term_that_splits_a_word_breaks_its_sentence() -> None:
    (flag,) = scan(DetailPage(text="坚决遏米乐m6制违法犯罪活动。"))
    assert kinds(flag) == ["brand", "breaks_sentence"]
    assert flag.evidence[1].note.startswith("splits a word: 坚决遏|制")
    # a word splitting another word is not the author's, even in enforcement text
    assert is_flagged([flag])


def test_a_word_already_in_the_previous_version_is_not_new() -> None:
    text = "本场比赛的赔率引发热议。\n其他内容。"
    (flag,) = scan(DetailPage(text=text + "\n新增一句。"), previous_text=text)
    assert kinds(flag) == ["word"] and not is_flagged([flag])


def test_a_bare_brand_in_enforcement_text_still_counts_but_a_quoted_one_is_context() -> None:
    quoted = scan(DetailPage(text="依法查处“开云体育”等非法网站。"))
    assert [(f.term, f.weight, kinds(f)) for f in quoted] == [
        ("开云体育", 0.3, ["brand", "enforcement_context"])
    ]
    bare = scan(DetailPage(text="持续保持严打高压态势开云体育不动摇。"))
    assert is_flagged(bare)


def test_longest_term_wins_and_ascii_case_is_ignored() -> None:
    assert [(f.term, f.start) for f in scan(DetailPage(text="访问中国竞彩网"))] == [
        ("中国竞彩网", 2)
    ]
    assert [(f.term, f.start) for f in scan(DetailPage(text="BET365官网入口"))] == [
        ("BET365", 0),
        ("官网入口", 6),
    ]


def test_traditional_characters_are_matched_in_place() -> None:
    text = "澳門新葡京娛樂場,百家樂線上投注,註冊送彩金。"
    flags = scan(DetailPage(text=text))
    assert is_flagged(flags)
    assert {f.term for f in flags if f.weight} >= {"新葡京", "百家樂", "註冊送"}
    assert all(text[f.start : f.end] == f.term for f in flags)


def test_hidden_spam_link_and_hidden_text() -> None:
    spam = '<a href="https://www.leisu-sports.com/">雷速体育直播</a><a href="/art/1.html">站内</a>'
    page = parse_detail(hanweb_detail_page("标题", ["正文。"], extra_hidden_html=spam), URL)
    flags = scan(page, previous_text="正文。", previous_links={"https://www.leisu-sports.com/"})
    link = next(f for f in flags if f.reason == "hidden_link")
    assert link.term == "https://www.leisu-sports.com/"
    assert kinds(link) == ["hidden_link", "spam_link"]
    hidden = next(f for f in flags if f.reason == "spam_term")
    assert (hidden.term, hidden.start) == ("雷速体育", -1)
    assert "hidden_text" in kinds(hidden)
    assert not any("new_external_link" in kinds(f) for f in flags)
    assert not any("/art/1.html" in f.term for f in flags)
    assert is_flagged(flags)


def test_new_external_links_only_count_against_a_previous_version() -> None:
    links = [
        Link("统计局", "http://www.stats.gov.cn/x"),
        Link("新华网", "http://www.xinhuanet.com/a"),
        Link("本站镜像", "https://fz.jxzwfww.cn/a"),
        Link("外站", "https://shop.example.com/"),
    ]
    page = DetailPage(text="正文", links=links)
    flags = scan(page, previous_links={"http://www.xinhuanet.com/a"}, own_domains={"jxzwfww.cn"})
    assert [(f.reason, f.term, f.weight) for f in flags] == [
        ("new_external_link", "https://shop.example.com/", 0.3)
    ]
    assert not is_flagged(flags)
    # a first version has nothing to be new against
    assert scan(page, own_domains={"jxzwfww.cn"}) == []


def test_new_external_spam_link_is_flagged() -> None:
    page = DetailPage(text="正文", links=[Link("开云体育官方网站", "https://www.kaiyun-app.com/")])
    (flag,) = scan(page, previous_links=set())
    assert (flag.reason, kinds(flag), flag.weight) == (
        "spam_link",
        ["spam_link", "new_external_link"],
        1.3,
    )


def test_fold_keeps_offsets() -> None:
    text = "İstanbul BET365 全市GDP"
    assert len(fold(text)) == len(text) and fold(text).endswith("bet365 全市gdp")


def test_lexicon_file_is_valid_and_errors_are_clear() -> None:
    lex = load_lexicon()
    assert lex.threshold == 1.0 and lex.terms["雷速体育"].kind == "brand"
    assert lex.variants["雷速體育"] == "雷速体育"  # traditional forms derived, not listed
    assert "体育彩票公益金" in lex.whitelist
    with pytest.raises(ValueError, match="no terms"):
        Lexicon.from_toml({"brands": {}})
    with pytest.raises(ValueError, match=r"\[words\] '测试' needs a number"):
        Lexicon.from_toml({"words": {"测试": "heavy"}})
    with pytest.raises(ValueError, match=r"unknown \[evidence\] key 'typo'"):
        Lexicon.from_toml({"words": {"测试": 1}, "evidence": {"typo": 1}})
    with pytest.raises(ValueError, match="threshold must be a positive number"):
        Lexicon.from_toml({"words": {"测试": 1}, "threshold": 0})
    custom = Lexicon.from_toml({"words": {"测试词": 0.5}, "whitelist": {"phrases": ["非测试词语"]}})
    assert find_terms("测试词,非测试词语", custom) == [("测试词", 0, 3, "测试词")]


def test_scan_is_linear_on_adversarial_text() -> None:
    # near-misses everywhere: the alternation has no nested quantifiers to backtrack in
    text = ("澳" * 5000 + "门") * 20
    assert len(find_terms(text, load_lexicon())) == 20


def test_a_keyword_in_place_of_a_place_name_breaks_its_sentence() -> None:
    flags = scan(DetailPage(text="4月20日,中文博彩平台公安局以“全民反诈宣传月”为契机开展宣传。"))
    (flag,) = [f for f in flags if f.weight]
    assert flag.term == "博彩" and "breaks_sentence" in kinds(flag)
    # named with the organ in enforcement text, it is context as usual
    assert score(scan(DetailPage(text="公安局依法打击网络赌博犯罪。"))) == 0


def test_a_word_the_page_fights_elsewhere_is_its_subject() -> None:
    text = "严厉打击各类赌博活动。\n提升居民对网络赌博手段的知晓率。"
    first, second = scan(DetailPage(text=text))
    assert kinds(first) == ["word", "enforcement_context"]
    assert kinds(second) == ["word", "document_context"] and second.weight == 0
    # but a brand is never excused by the page's subject
    assert is_flagged(scan(DetailPage(text=text + "\n欢迎访问开云体育。")))


@pytest.mark.parametrize(
    "text", ["建设金沙国际会展中心。", "万博体育中心改造完成。", "举办星空体育音乐节。"]
)
def test_a_brand_like_name_of_a_venue_is_not_a_brand(text: str) -> None:
    (flag,) = scan(DetailPage(text=text))
    assert kinds(flag) == ["brand", "venue_name"] and flag.weight == 0


def test_a_casino_is_not_a_venue() -> None:
    assert is_flagged(scan(DetailPage(text="澳门新葡京娱乐场欢迎您。")))


def test_one_hidden_plain_link_is_evidence_a_farm_is_a_flag() -> None:
    one = '<a href="https://share.example.com/">分享</a>'
    farm = (
        one + '<a href="https://seo.example.top/1">1</a><a href="https://seo.example.top/2">2</a>'
    )
    flags = scan(parse_detail(hanweb_detail_page("标题", ["正文。"], extra_hidden_html=one), URL))
    assert [(f.reason, f.weight) for f in flags] == [("hidden_link", 0.5)]
    assert not is_flagged(flags)
    page = parse_detail(hanweb_detail_page("标题", ["正文。"], extra_hidden_html=farm), URL)
    assert score(scan(page)) == 1.5 and is_flagged(scan(page))


def test_a_term_in_the_other_script_breaks_its_sentence() -> None:
    # a simplified brand pasted into a traditional-character enforcement text
    text = "公安、檢察院、法院乐鱼体育等部門將各司其職,嚴厲查處賭博違法犯罪活動。"
    brand = next(f for f in scan(DetailPage(text=text)) if f.term == "乐鱼体育")
    assert kinds(brand) == ["brand", "breaks_sentence"]
    assert brand.evidence[1].note == "simplified-script term among traditional-script words"
    # a traditional-character word in a simplified page
    (word,) = scan(DetailPage(text="全市新增就业岗位百家樂二万个"))
    assert kinds(word) == ["word", "breaks_sentence"]
    # the same script throughout is no evidence
    assert kinds(scan(DetailPage(text="澳門新葡京娛樂場"))[1]) == ["brand"]


def test_taking_a_term_out_to_join_two_whole_words_is_not_a_split() -> None:
    # 推进|网赌|改革: without it jieba reads 推进改革 as one word, but neither neighbour
    # was a fragment, so the term did not split anything
    (flag,) = scan(DetailPage(text="大力推进网赌改革,维护秩序"))
    assert kinds(flag) == ["word"]
