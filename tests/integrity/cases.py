"""The integrity corpus as cases to scan, shared by the tests and ``bench/bench_flags.py``::

    for case in honest_cases(): scan(case.page, previous_text=case.previous_text)  # 0 flags
    for case in defaced_cases(): ...                                               # flagged

Honest: ``corpus/honest.toml`` (real government texts on Macau/Hong Kong cooperation,
lottery regulation, anti-gambling campaigns, sports events) and the held-out work reports
of ``tests/indicators/heldout``. Defaced: ``corpus/defaced.toml`` (real spam mirrors) and
defacements built here from the honest texts the ways defacers work: hidden link blocks,
brand names injected into paragraphs, a spam paragraph appended, traditional-character
spam, a term slipped into a new version, a new external spam link.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ingest.integrity import is_flagged, load_lexicon, scan
from ingest.integrity.lexicon import fold
from ingest.parse import parse_detail
from ingest.parse.structs import DetailPage, Link
from ingest.text import normalize_text, paragraphs
from tests.fakesite.pages import hanweb_detail_page

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
HELDOUT = HERE.parent / "indicators" / "heldout"
URL = "https://www.jxfz.gov.cn/art/2024/3/11/art_5120_3760539.html"


@dataclass(frozen=True)
class Case:
    name: str
    page: DetailPage
    previous_text: str | None = None
    previous_links: frozenset[str] | None = None


def _docs(name: str) -> list[dict[str, str]]:
    with (CORPUS / name).open("rb") as f:
        docs: list[dict[str, str]] = tomllib.load(f)["doc"]
    return docs


def honest_texts() -> list[tuple[str, str]]:
    """(name, normalized text) of every honest document."""
    found = [(f"{d['topic']}: {d['url']}", normalize_text(d["text"])) for d in _docs("honest.toml")]
    found += [
        (f"heldout: {p.name}", normalize_text(p.read_text("utf-8")))
        for p in sorted(HELDOUT.glob("*.txt"))
    ]
    return found


def honest_cases() -> list[Case]:
    return [Case(name, DetailPage(text=text)) for name, text in honest_texts()]


BRANDS = ["开云体育", "雷速体育", "华体会", "九游会", "新葡京", "bet365", "乐鱼体育", "米乐m6"]

SPAM_PARAGRAPHS = [
    "澳门新葡京娱乐场官网入口,百家乐、真人视讯24小时在线,注册送彩金,首存即享返水。",
    "开云体育kaiyun官方网站,足球投注、篮球竞猜实时赔率,APP下载立即领取彩金。",
    "时时彩、北京赛车PK10、快三计划免费推荐,购彩平台安全稳定,官网入口点击进入。",
    "华体会体育投注平台,世界杯盘口每日更新,新用户注册送38元。",
]

# the same spam as defacers post it in traditional characters
TRADITIONAL_SPAM = [
    "澳門新葡京娛樂場官網入口,百家樂、真人視訊24小時在線,註冊送彩金,首存即享返水。",
    "威尼斯人娛樂城線上百家樂,體育投注賠率最高,六合彩、時時彩一站式購彩平台。",
]

HIDDEN_LINKS = [
    '<a href="http://www.casino-win888.com/">澳门威尼斯人娱乐场</a>'
    '<a href="http://bet365-cn.net/">体育投注 百家乐</a>',
    '<a href="https://www.kaiyun-app.com/">开云体育官网</a>'
    '<a href="https://hth-sports.vip/">华体会</a><a href="https://lsty.cc/">雷速体育直播</a>',
    '<a href="https://example-seo.top/a">a</a><a href="https://example-seo.top/b">b</a>',
]


def _inject(text: str, brand: str, k: int) -> str:
    """``brand`` wedged mid-clause into the k-th long enough paragraph of ``text``."""
    paras = paragraphs(text)
    long_ones = [i for i, p in enumerate(paras) if len(p) >= 30] or [0]
    i = long_ones[k % len(long_ones)]
    p = paras[i]
    cut = len(p) // 2
    while cut < len(p) - 1 and not (p[cut - 1].isalnum() and p[cut].isalnum()):
        cut += 1
    paras[i] = p[:cut] + brand + p[cut:]
    return "\n".join(paras)


def _html_page(text: str, hidden_html: str) -> DetailPage:
    html = hanweb_detail_page("政府信息公开", paragraphs(text), extra_hidden_html=hidden_html)
    return parse_detail(html, URL)


def defaced_cases() -> list[Case]:
    cases = [
        Case(f"real: {d['kind']}", DetailPage(text=normalize_text(d["text"])))
        for d in _docs("defaced.toml")
    ]
    honest = [t for _, t in honest_texts()]
    for k, text in enumerate(honest[:: max(1, len(honest) // 12)]):
        cases.append(
            Case(f"brand injected #{k}", DetailPage(text=_inject(text, BRANDS[k % len(BRANDS)], k)))
        )
    for k, spam in enumerate(SPAM_PARAGRAPHS):
        cases.append(
            Case(f"spam paragraph appended #{k}", DetailPage(text=f"{honest[k * 7]}\n{spam}"))
        )
    for k, spam in enumerate(TRADITIONAL_SPAM):
        cases.append(
            Case(f"traditional spam #{k}", DetailPage(text=f"{honest[k * 5 + 2]}\n{spam}"))
        )
    for k, block in enumerate(HIDDEN_LINKS):
        cases.append(Case(f"hidden link block #{k}", _html_page(honest[k * 3 + 1], block)))
    # A later version: one generic word slipped into an otherwise unchanged page.
    before = honest[0]
    cases.append(
        Case(
            "word new in a barely changed version",
            DetailPage(text=_inject(before, "时时彩", 1)),
            previous_text=before,
        )
    )
    # A later version: a new visible link to a betting site.
    link = Link("开云体育官方网站", "https://www.kaiyun-app.com/")
    cases.append(
        Case(
            "new external spam link",
            DetailPage(text=honest[3], links=[link]),
            previous_text=honest[3],
            previous_links=frozenset(),
        )
    )
    return cases


def flagged(case: Case) -> bool:
    """Whether ``ingest.integrity`` flags ``case`` (as ``ingest.store`` would call it)."""
    previous_links = set(case.previous_links) if case.previous_links is not None else None
    flags = scan(
        case.page,
        previous_text=case.previous_text,
        previous_links=previous_links,
        own_domains={"jxfz.gov.cn"},
    )
    return is_flagged(flags)


def substring_flagged(case: Case) -> bool:
    """The peer: every lexicon form found as a substring, weights summed, no context
    (what a lexicon without words, context and evidence does)."""
    lex = load_lexicon()
    texts = [case.page.text, *case.page.hidden_text, *(link.text for link in case.page.links)]
    total = sum(
        lex.terms[lex.variants[m.group(0)]].weight
        for text in texts
        for m in lex.term_re.finditer(fold(text))
    )
    total += sum(lex.evidence.hidden_link for link in case.page.links if link.hidden)
    return total >= lex.threshold
