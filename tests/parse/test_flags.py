"""Spam lexicon scanning, hidden links and new external links."""

from __future__ import annotations

import re
import time

import pytest

from ingest.flags import Lexicon, find_terms, is_flagged, load_lexicon, scan
from ingest.parse import parse_detail
from ingest.parse.structs import DetailPage, Link
from tests.fakesite.pages import hanweb_detail_page, seed_detail_page

URL = "https://www.jxfz.gov.cn/art/2024/3/11/art_5120_3760539.html"


def spam_terms(text: str) -> list[tuple[str, int]]:
    return [(f.term, f.start) for f in scan(DetailPage(text=text)) if f.reason == "spam_term"]


def test_seed_injections_flagged_at_exact_positions() -> None:
    page = parse_detail(seed_detail_page(), URL)
    expected = [(m.group(0), m.start()) for m in re.finditer("雷速体育|中国竞彩网", page.text)]
    # Described as "four places"; the seed text carries five occurrences (雷速体育 twice,
    # 中国竞彩网 three times, each in its own paragraph). All must be found.
    assert len(expected) == 5
    flags = scan(page)
    assert [(f.term, f.start) for f in flags] == expected
    assert all(page.text[f.start : f.end] == f.term for f in flags)
    assert {f.reason for f in flags} == {"spam_term"}
    assert is_flagged(flags)


def test_clean_seed_text_is_not_flagged() -> None:
    page = parse_detail(seed_detail_page(), URL)
    clean = re.sub("雷速体育:|中国竞彩网", "", page.text)
    assert scan(DetailPage(text=clean)) == []


@pytest.mark.parametrize(
    "text",
    [
        "全年销售体育彩票12亿元,筹集体育彩票公益金3亿元。",
        "发行中国福利彩票,彩票公益金用于社会福利事业。",
        "深入开展打击网络赌博专项行动,依法打击跨境赌博。",
        "加强与澳门特别行政区在会展领域的合作。",
        "开元路改造工程完工;社区新建棋牌室一处。",
        "禁毒宣传进校园;严厉打击开设赌场犯罪。",
    ],
)
def test_legitimate_phrases_are_whitelisted(text: str) -> None:
    flags = scan(DetailPage(text=text))
    assert not is_flagged(flags), flags


def test_generic_words_only_count_in_company() -> None:
    assert not is_flagged(scan(DetailPage(text="皇冠酒店旁的开元广场")))
    assert is_flagged(scan(DetailPage(text="澳门百家乐在线投注,注册送彩金")))


def test_longest_term_wins_and_case_is_ignored() -> None:
    assert spam_terms("访问中国竞彩网") == [("中国竞彩网", 2)]
    assert spam_terms("BET365官网入口") == [("BET365", 0), ("官网入口", 6)]


def test_hidden_spam_link_and_hidden_text() -> None:
    spam = '<a href="https://www.leisu-sports.com/">雷速体育直播</a><a href="/art/1.html">站内</a>'
    page = parse_detail(hanweb_detail_page("标题", ["正文。"], extra_hidden_html=spam), URL)
    flags = scan(page, previous_links={"https://www.leisu-sports.com/"})
    reasons = [(f.reason, f.term, f.start) for f in flags]
    assert ("hidden_link", "https://www.leisu-sports.com/", -1) in reasons
    assert ("spam_term", "雷速体育", -1) in reasons
    assert not any(f.reason == "new_external_link" for f in flags)
    assert not any("/art/1.html" in f.term for f in flags)
    assert is_flagged(flags)


def test_new_external_links_versus_previous_and_own_domains() -> None:
    links = [
        Link("统计局", "http://www.stats.gov.cn/x"),
        Link("新华网", "http://www.xinhuanet.com/a"),
        Link("本站镜像", "https://fz.jxzwfww.cn/a"),
        Link("外站", "https://shop.example.com/"),
    ]
    page = DetailPage(text="正文", links=links)
    flags = scan(page, previous_links={"http://www.xinhuanet.com/a"}, own_domains={"jxzwfww.cn"})
    assert [(f.reason, f.term) for f in flags] == [
        ("new_external_link", "https://shop.example.com/")
    ]
    assert not is_flagged(flags)
    first_version = scan(page, own_domains={"jxzwfww.cn"})
    assert [f.term for f in first_version] == [
        "http://www.xinhuanet.com/a",
        "https://shop.example.com/",
    ]


def test_lexicon_file_is_valid_and_errors_are_clear() -> None:
    lex = load_lexicon()
    assert (
        lex.threshold == 1.0 and lex.terms["雷速体育"] == 1.0 and "体育彩票公益金" in lex.whitelist
    )
    with pytest.raises(ValueError, match="no terms"):
        Lexicon.from_toml({"terms": {}})
    custom = Lexicon.from_toml({"terms": {"测试词": 0.5}, "whitelist": {"phrases": ["非测试词语"]}})
    assert find_terms("测试词 非测试词语", custom) == [("测试词", 0, 3, 0.5)]


def test_scan_is_fast_and_linear_on_adversarial_text() -> None:
    load_lexicon()
    text = ("澳" * 5000 + "门") * 20  # near-misses everywhere
    start = time.perf_counter()
    assert len(find_terms(text, load_lexicon())) == 20
    assert time.perf_counter() - start < 0.5
