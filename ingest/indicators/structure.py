"""Document structure: the parts of a work report and what the numbers of each part are.

A report is a tree of parts (``一、``, ``第一部分``, un-numbered stand-alone lines, slogans)
and sections (``(一)``); each part is classified, and the class dates its numbers::

    >>> text = "报告\\n一、2023年工作回顾\\nGDP增长6%。\\n二、2024年工作安排\\nGDP增长5%。"
    >>> detect_report_year(text)
    2024
    >>> [(s.part, s.kind, s.year) for s in sections(text, 2024)][1:4]
    [('review', 'actual', 2023), ('review', 'actual', 2023), ('plan', 'target', 2024)]
    >>> print(render_outline(outline(text, 2024)))  # doctest: +NORMALIZE_WHITESPACE
    [0-2] preamble actual 2023 报告
    [3-23] review actual 2023 一、2023年工作回顾
    [24-44] plan target 2024 二、2024年工作安排

Part classes (``PART_KINDS``): ``review`` (one year: actuals for it), ``review_multi``
(several years, ``过去五年``: actuals for the interval ``span`` for changes, averages and
totals, for its end year for levels; a government's term for the years its text names: a part
headed ``十五届人民政府工作回顾`` whose opening says ``2018年以来,`` or ``四年来,``; a heading
alone names no years, so it stays the year's review, ``undated_term``, until then), ``plan``
(the year's plan: targets), ``targets`` (the year's main targets), ``plan_multi``
(``今后五年``, ``"十五五"时期``: targets for the end year or the interval) and ``annex``
(``名词解释``: no observations). A part starts at a heading or at a paragraph whose opening
words say what follows (``过去五年,``, ``今年是``, ``今后五年的主要目标是``), since many
reports open their plan without a numbered heading.

HTML pages reach this module as plain text (ingest/parse puts every block element on its own
line), so a bold-only paragraph arrives as a short stand-alone line: that is what is read as
an un-numbered heading here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_YEAR = r"((?:19|20)\d\d)"
_TITLE_YEAR = (
    re.compile(r"政府工作报告\s*[((\[【]?\s*" + _YEAR + r"\s*年?"),
    re.compile(_YEAR + r"\s*年\s*[^\n]{0,12}?政府工作报告"),
)
# ——2024年1月10日在...代表大会; the day is sometimes left out (2024年1月在...).
_SPEECH_DATE = re.compile(
    _YEAR + r"年\d{1,2}月(?:\d{1,2}日)?(?:在|\d{1,2}日[,,]?)[^\n]{0,40}?代表大会"
)
# A top-level heading: 一、..., or 第二部分 ..., short, on its own line.
_HEADING = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分[、:: ]?)([^\n]{1,40})"
)
# A section heading: (一)... on a line of its own, with no sentence in it.
_SUBHEADING = re.compile(r"[((][一二三四五六七八九十]{1,3}[))]([^\n。;!?]{1,30})")
_HEADING_YEAR = re.compile(_YEAR + r"年")
# (计划执行情况: a plan report's review of the year, 2025年国民经济和社会发展计划执行情况)
_REVIEW_WORDS = (
    "回顾",
    "过去一年",
    "过去五年",
    "过去的一年",
    "工作总结",
    "主要成绩",
    "成就",
    "执行情况",
)
_PLAN_WORDS = ("安排", "任务", "目标", "总体要求", "重点工作", "部署", "计划", "展望", "今后")
# Where the report proper ends: appendices and glossaries describe programmes; their numbers
# are definitions, not observations.
_ANNEX = re.compile(r"(附件|附录|名词解释|名词注释|注释|附:)[^\n]{0,12}")
# Five-year plans by number: 十三五 = 2016-2020 (一五 began in 1953).
# The earlier plans are named quoted, in one character (“九五”: 1996-2000, “十五”: 2001-2005):
# unquoted, 十五 is fifteen (十五届) and 九五 a part of other words.
_PLAN_NO = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?|[“\"]([七八九十])五[”\"]")
_PLAN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
_EARLY_PLANS = {"七": 7, "八": 8, "九": 9, "十": 10}


def plan_number(m: re.Match[str], group: int = 1) -> int:
    """The plan a match names: its group ``group`` holds the digit of a 十X五 name, the next
    one the character of a quoted earlier plan (as ``_PLAN_NO``): 十三五 -> 13, “九五” -> 9."""
    tenth = m.group(group)
    return 10 + _PLAN_DIGITS[tenth] if tenth else _EARLY_PLANS[m.group(group + 1)]


_N_YEARS = {"两": 2, "三": 3, "四": 4, "五": 5, "十": 10}
# Opening words of a paragraph that start a part without a heading (checked on the first
# 24 characters, after an enumerator such as 1. or (一)).
_CUE_REVIEW_MULTI = re.compile(
    r"(?:(?:回首|回顾|回望|纵观)?过去(?:的)?([两三四五])年|(?:回首|回顾|回望|纵观)?([两三四五])年多?来"
    # 本届市人民政府任期的五年: the term's years, counted
    r"|本届(?:[省市县区州旗盟]?人民)?政府任期的([两三四五])年"
    r"|本届政府(?:任期|以来)|([两三四五])年间"
    r"|[^今未]的([两三四五])年$"  # 赶超发展的五年: a heading for the years under review
    r"|这([两三四五])年[,,]"  # 这五年,我们坚定不移...: a paragraph on the years under review
    r"|^([两三四五])年(?:工作)?回顾$"  # 五年工作回顾: a term's review, its heading (c183)
    r"|这([两三四五])年$"  # 砥砺奋进这五年: a slogan heading for them
    # ——这是城区环境实现历史性优化的五年。: a paragraph on one side of the years under review
    r"|这是[^。;,,]{0,20}?的([两三四五])年[。;,,])"
)
# 2018年以来,在盟委...领导下: a paragraph on the years since then (the opening of a term
# review headed 十五届人民政府工作回顾, which names no years itself: a term is five years by
# law, but the corpus's three term reviews, c115, c139, c142, each cover four).
_CUE_SINCE = re.compile(r"((?:19|20)\d\d)年以来[,,]")
_TERM_HEADING = re.compile(r"(?:本|[一二三四五六七八九十]{1,3})届(?:人民)?政府(?:工作)?回顾")
_TERM_YEARS = 5  # 本届政府以来 with no years: a full term
# 一、新区成立以来的工作回顾: a review of the years since the area was set up, which the heading
# does not count: read as an undated term review until the text names its years (四年多来,)
_FOUNDED_HEADING = re.compile(r"(?:成立|设立|组建|挂牌)以来的?(?:政府)?工作(?:回顾)?$")
# 一、区六届人大一次会议以来的工作: a heading on the term since the assembly that began it (a
# term review naming no years; a full term unless the text names them).
_TERM_SINCE_HEADING = re.compile(r"[一二三四五六七八九十]{1,3}届人大一次会议以来的?(?:政府)?工作$")
_CUE_REVIEW = re.compile(r"(?:过去一年|过去的一年|刚刚过去的一年|一年来)[,,]")
# 2025年是"十四五"规划收官之年, 刚刚过去的2020年: a paragraph about last year opens with it,
# even inside a five-year review (a plan's name in it does not make it multi-year).
# (特别需要指出的是,刚刚过去的2005年,...: after a short lead of emphasis)
_CUE_REVIEW_YEAR = re.compile(
    r"(?:[^,,。;;]{0,10}的是[,,])?(?:(?:刚刚)?过去的((?:19|20)\d\d)年|((?:19|20)\d\d)年是)"
)
_CUE_PLAN_MULTI = re.compile(r"(?:今后|未来)([两三四五])年")
# 刚刚过去的2020年,是"十三五"规划收官之年。经过5年持续奋斗,...突出表现为: a short paragraph
# inside the year's review that closes the plan and goes on to its five years: the paragraphs
# after it (——综合实力大幅提升。地区生产总值年均增长8.0%) review the plan, up to the next heading.
# (2010年是"十一五"规划的最后一年。...,"十一五"规划主要目标如期实现: the same, said so)
_CUE_PLAN_CLOSED = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?规划的?(?:收官之年|最后一年)")
_PLAN_CLOSED_YEARS = re.compile(
    r"(?:经过|历经)(?:5|五)年|[“\"]?十[一二三四五六七八九]五[”\"]?(?:规划)?(?:的)?(?:主要)?"
    r"(?:目标任务|目标)(?:圆满|全面|胜利|如期|基本)?(?:完成|实现)"
)
# 我们实现"十三五"规划和全面建成小康社会的全面收官,...累计疏解面积178万平方米: a paragraph
# inside the year's review that opens on the plan just completed reviews its five years.
_CUE_PLAN_DONE = re.compile(
    r"(?:我们)?(?:实现|完成)了?[“\"]?十([一二三四五六七八九])五[”\"]?规划[^。;;,,]{0,16}?"
    r"(?:全面|圆满|胜利|顺利)?收官"
)
# 过去的一年,区政府扎实推进各项工作,实现了"十二五"圆满收官。"十二五"期间,...: the year's
# work closed the plan, and the paragraph goes on to the plan's years (a January report whose
# review of the plan follows its review of the year).
_CUE_PLAN_DONE_LED = re.compile(
    r"过去的?一年[,,][^。;;]{0,20}?(?:实现|完成)了?[“\"]?十([一二三四五六七八九])五[”\"]?(?:规划)?"
    r"[^。;;,,]{0,8}?(?:全面|圆满|胜利|顺利)?收官[。;;,,][“\"]?十\1五[”\"]?(?:时期|期间|以来)"
)
_PLAN_CLOSED_MAX = 120  # an introduction, not a paragraph of figures
_PLAN_CLOSED_WORDS_MAX = 400  # a longer one of words only (no figure but years)
_FIGURE = re.compile(r"\d(?:\.\d+)?(?:%|个百分点|[万亿]|元|倍)")
_CUE_TARGETS = re.compile(
    # the area word between the year and 发展 is any short one (全市, 我省, 新区, 全旗)
    # (2024年湟中区经济发展的主要预期目标是: 经济 without 社会)
    r"(?:今年|(?:19|20)\d\d年)[,,]?[^,,。:;\n]{0,4}?(?:经济(?:社会)?)?(?:发展的?)?主要(?:预期)?目标"
)
_CUE_PLAN = re.compile(
    r"(?:今年是|做好今年|今年(?:政府)?工作的总体要求|今年(?:全市|全省|全县|全区)?(?:政府)?工作"
    r"|((?:19|20)\d\d)年是)"
)
_CUE_PLAN_NO = re.compile(
    r"(?:[“\"]?十([一二三四五六七八九])五[”\"]?|[“\"]([七八九十])五[”\"])(?:时期|期间|以来|规划|计划)"
)
_CUE_WINDOW = 24
_SENTENCE_END = re.compile(r"[。;;!?!?\n]")
_LIST_ITEM_MAX = 60  # the lines of a list of targets are short
_TITLE = re.compile(r"报告|会议|代表大会|^——")  # the title and speech lines, not headings
# An un-numbered stand-alone line is a heading only when it names a class.
_STANDALONE_CLASS = re.compile(
    r"(?:19|20)\d\d年|回顾|工作安排|总体要求|主要(?:预期)?目标|过去|今后|未来五年|十[一二三四五六七八九]五|名词解释|附件"
    r"|[的这]五年$"
)
# 2021年目标: / "十三五"成就: on a line of its own (a news report of a speech lists the
# figures on the short lines after it); a copy may leave a reading in pinyin after a
# character (目标(biāo):).
_COLON_HEADING = re.compile(
    r"((?:(?:19|20)\d\d年|[“\"]?十[一二三四五六七八九]五[”\"]?)(?:主要)?(?:预期)?(?:成就|目标))"
    r"(?:\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\))?[::]"
)
_TOC = re.compile(r"(?:共|分为|分成)[两三四五六七八九十]个?部分[::]$")
_LEAD_ENUM = re.compile(
    r"(?:各位代表[!!,,]\s*)?(?:\d{1,2}[.、]|[((][一二三四五六七八九十\d]{1,3}[))]|——)?\s*"
    # 一是综合实力全面增强。"十三五"时期,...: a theme's short sentence before the paragraph
    r"(?:[一二三四五六七八九十]是[^。;,,\n]{2,16}。)?"
)
# A copy's quotation marks as ;; ("十三五" -> ;;十三五;;): read as quotation marks.
_COPY_QUOTES = ";;"


#: Every class a part can have; ``preamble`` is what comes before the first part.
PART_KINDS = ("preamble", "review", "review_multi", "plan", "targets", "plan_multi", "annex")
_KIND_OF = {
    "preamble": "actual",
    "review": "actual",
    "review_multi": "actual",
    "plan": "target",
    "targets": "target",
    "plan_multi": "target",
    "annex": "actual",
}


@dataclass(frozen=True, slots=True)
class Section:
    """What the numbers of one paragraph are: ``kind`` actual/target for ``year``.

    ``part`` is the class of the part it belongs to; ``span`` the (first, last) years of a
    multi-year part (``year`` is then its last year), else None.
    """

    start: int
    kind: str
    year: int | None
    skip: bool = False
    heading: bool = False
    part: str = "review"
    span: tuple[int, int] | None = None
    level: int = 0  # 1 a part's heading, 2 a section's, 3 an opening cue; 0 body text
    # a term review whose years the text has not named (本届政府工作回顾 with no 2018年以来 yet):
    # read as the year's review, its totals (累计) not dated to any years
    undated_term: bool = False


@dataclass(slots=True)
class Node:
    """One part or section of the outline, with the character range it covers."""

    start: int
    end: int
    title: str
    part: str
    kind: str
    year: int | None
    span: tuple[int, int] | None
    level: int
    children: list[Node]

    @property
    def period(self) -> str:
        """``2021/2025`` for a multi-year part, else its year (or "")."""
        if self.span is not None:
            return f"{self.span[0]}/{self.span[1]}"
        return str(self.year) if self.year else ""


def detect_report_year(text: str) -> int | None:
    """The year a work report plans for: from its title, headings or speech date line.

    ``政府工作报告(2024年)`` -> 2024; ``一、2023年工作回顾`` -> 2024;
    ``二、2024年工作安排`` -> 2024.
    """
    head = text[:4000]
    for rx in _TITLE_YEAR:
        m = rx.search(head)
        if m:
            return int(m.group(1)) + late_in_year(head, int(m.group(1)))
    for para in _paragraphs(text):
        line = para[1]
        m = _HEADING.fullmatch(line)
        if not m:
            continue
        y = _HEADING_YEAR.search(m.group(1))
        if not y:
            continue
        kind = _heading_kind(m.group(1))
        if kind == "actual":
            return int(y.group(1)) + 1
        if kind == "target":
            return int(y.group(1))
    m = _SPEECH_DATE.search(head)
    return int(m.group(1)) if m else None


def late_in_year(head: str, year: int) -> int:
    """1 when the speech was given in the last quarter of ``year`` (a government at the end
    of its term reports in November on the year then closing, and plans the next), else 0:
    ``2016年桂阳县人民政府工作报告 … 2016年11月25日在…人民代表大会`` plans for 2017."""
    m = _SPEECH_DATE.search(head)
    if m is None or int(m.group(1)) != year:
        return 0
    month = re.match(r"\d{4}年(\d{1,2})月", m.group(0))
    return 1 if month and int(month.group(1)) >= 10 else 0


# The year under review named as the report's own in its review part: 预计到2016年底,本区生产
# 总值超过1800亿元 (an estimate of the year still running), 实现了"十二五"圆满收官、"十三五"
# 良好开局 (the plan's first year done). A January report says 预计 only of the year before.
# (a clause of its own: 某项目预计到2016年底建成 in a January review is a project's outlook)
_OWN_ESTIMATE = "预计(?:到)?{y}年(?:底|末|全年)?[,,]"
_OWN_PLAN_START = re.compile(
    r"实现了[^。;;!!]{0,20}?[“\"]?十([一二三四五六七八九])五[”\"]?(?:发展)?的?良好开局"
)


def own_year_review(text: str, year: int) -> int:
    """1 when a report with no date line reviews ``year`` itself (a new term's report given in
    the autumn, ``预计到2016年底`` in its review), so it plans for the next year; else 0.

        >>> own_year_review("一、过去五年工作回顾\\n预计到2016年底,生产总值超过1800亿元。", 2016)
        1
        >>> own_year_review("一、2015年工作回顾\\n预计2015年生产总值增长8%。", 2016)
        0
    """
    if _SPEECH_DATE.search(text[:4000]):
        return 0  # a dated speech: late_in_year reads its month
    estimate = re.compile(_OWN_ESTIMATE.format(y=year))
    starts = [
        m.start()
        for m in _OWN_PLAN_START.finditer(text)
        if plan_years(10 + _PLAN_DIGITS[m.group(1)])[0] == year
    ]
    starts += [m.start() for m in estimate.finditer(text)]
    if not starts:
        return 0
    secs = sections(text, year)
    at = [s.start for s in secs]
    for pos in starts:
        sec = secs[max(bisect_right(at, pos) - 1, 0)]
        if sec.kind == "actual" and sec.part in ("preamble", "review", "review_multi"):
            return 1
    return 0


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _heading_kind(title: str) -> str:
    if any(w in title for w in _REVIEW_WORDS):
        return "actual"
    if any(w in title for w in _PLAN_WORDS):
        return "target"
    return ""


def plan_years(number: int) -> tuple[int, int]:
    """The years of the N-th five-year plan: ``plan_years(14)`` -> (2021, 2025).

    Counted from 十一五 (2006-2010): the early plans were not back to back.
    """
    first = 2006 + 5 * (number - 11)
    return first, first + 4


def _plan_span(title: str) -> tuple[int, int] | None:
    m = _PLAN_NO.search(title)
    return plan_years(plan_number(m)) if m else None


@dataclass(slots=True)
class _Part:
    part: str
    year: int | None
    span: tuple[int, int] | None
    # a term review's years not yet read from its text (a full term assumed): the first
    # paragraph's 2018年以来 sets them
    term: bool = False


def _classify(title: str, ry: int | None, cue: bool) -> _Part | None:
    """The part a heading (or, with ``cue``, a paragraph's opening words) starts, if any."""
    if _ANNEX.match(title) or (not cue and _ANNEX.search(title) and len(title) <= 16):
        return _Part("annex", None, None)
    if ry is None:
        if cue:
            return None  # without the report's year a paragraph's words date nothing
        kind = _heading_kind(title)
        return _Part("review" if kind == "actual" else "plan", None, None) if kind else None
    probe = title[:_CUE_WINDOW] if cue else title
    plan_no = (_CUE_PLAN_NO if cue else _PLAN_NO).search(probe)
    m = _CUE_REVIEW_MULTI.search(probe)
    if m and (not cue or m.start() == 0):
        if any(m.groups()):
            n = _N_YEARS[next(g for g in m.groups() if g)]
            return _Part("review_multi", ry - 1, (ry - n, ry - 1))
        # 本届政府以来: the term's years, a full term unless the text names them
        return _Part("review_multi", ry - 1, (ry - _TERM_YEARS, ry - 1), term=True)
    if not cue and _TERM_SINCE_HEADING.search(title):
        return _Part("review_multi", ry - 1, (ry - _TERM_YEARS, ry - 1), term=True)
    m = _CUE_PLAN_MULTI.search(probe)
    if m and (not cue or m.start() == 0):
        n = _N_YEARS[m.group(1)]
        return _Part("plan_multi", ry + n - 1, (ry, ry + n - 1))
    if plan_no and (not cue or plan_no.start() == 0):
        first, last = plan_years(plan_number(plan_no))
        if not cue and f"{ry - 1}年" in title and last < ry:
            # "十三五"时期和2020年工作回顾: mostly the year; clauses name their five years
            return _Part("review", ry - 1, None)
        if last < ry:
            return _Part("review_multi", last, (first, last))
        if not cue and last == ry and _heading_kind(title) == "actual":
            # 一、十三五工作回顾 in a report dated 2020 (delivered in its December): the
            # heading reviews the whole plan, its last year included
            return _Part("review_multi", last, (first, last))
        if first < ry <= last and "以来" in probe:  # "十四五"以来, in its third year
            return _Part("review_multi", ry - 1, (first, ry - 1))
        goal = ("目标",) if cue else ("目标", "规划", "计划", "展望", "时期")  # (关于"十五"计划)
        if first >= ry - 1 and any(w in probe for w in goal):
            return _Part("plan_multi", last, (first, last))
        if not cue and first >= ry and _heading_kind(title) != "actual":
            # 二、"十三五"发展的主要思路: a heading naming the plan that starts this year
            return _Part("plan_multi", last, (first, last))
    if cue:
        t = _CUE_TARGETS.match(probe)
        if t and (not t.group(0)[:4].isdigit() or int(t.group(0)[:4]) == ry):
            return _Part("targets", ry, None)
        p = _CUE_PLAN.match(probe)
        if p and (p.group(1) is None or int(p.group(1)) == ry):
            return _Part("plan", ry, None)
        if _CUE_REVIEW.match(probe):
            return _Part("review", ry - 1, None)
        since = _CUE_SINCE.match(probe)
        if since and int(since.group(1)) < ry - 1:
            return _Part("review_multi", ry - 1, (int(since.group(1)), ry - 1))
        y = _CUE_REVIEW_YEAR.match(probe)
        if y and int(y.group(1) or y.group(2)) == ry - 1:
            return _Part("review", ry - 1, None)
        return None
    if (
        _TERM_HEADING.search(title) or _FOUNDED_HEADING.search(title)
    ) and f"{ry - 1}年" not in title:
        return _Part("review", ry - 1, None, term=True)  # (2021年和本届政府工作回顾: the year)
    y = _HEADING_YEAR.search(title)
    h_year = int(y.group(1)) if y else None
    if "主要目标" in title or "预期目标" in title:
        return _Part("targets", h_year or ry, None)
    kind = _heading_kind(title)
    if not kind and h_year is not None:
        kind = "actual" if h_year < ry else "target"
    if kind == "actual":
        return _Part("review", h_year if h_year is not None else ry - 1, None)
    if kind == "target":
        return _Part("plan", h_year if h_year is not None else ry, None)
    return None


def opens_targets(text: str, start: int, report_year: int | None) -> bool:
    """Whether the sentence at ``start`` opens the year's main targets (``2016年新区经济社会
    发展的主要预期目标是:``), as it may mid-paragraph, after a sentence on the five-year plan.

        >>> opens_targets("十三五期间总体目标是...。2016年新区发展的主要预期目标是:", 14, 2016)
        True
    """
    # The cue is read inside this sentence only: a short review sentence right before the
    # targets' opening line (全区生产总值增长5%。\n二、…\n今年主要预期目标是:) does not open them.
    stop = _SENTENCE_END.search(text, start, start + _CUE_WINDOW + 14)
    limit = stop.start() if stop is not None else start + _CUE_WINDOW + 14
    if report_year is None or text.find("目标", start, limit) < 0:
        return False  # (the cue below holds 目标 within its window: a cheap test first)
    t = _CUE_TARGETS.match(text, start, min(limit, start + _CUE_WINDOW))
    if t is None:  # 某某表示,今年...主要预期目标是: after a speaker, with its 是 or colon
        t = _CUE_TARGETS.search(text, start, min(limit, start + _CUE_WINDOW + 12))
        if t is None or not text.startswith(("是", ":", ":", "为"), t.end()):
            return False
    return not t.group(0)[:4].isdigit() or int(t.group(0)[:4]) == report_year


_PLAN_MULTI_GOALS = re.compile(
    r"(?:今后|未来)([两三四五])年[^。;,,]{0,12}?(?:主要)?(?:目标|任务)(?:是|为)?[::]"
)


def opens_plan_multi(text: str, start: int, end: int, ry: int | None) -> tuple[int, int] | None:
    """The years of a multi-year plan whose goals a sentence announces mid-paragraph
    (``记者了解到,今后五年某市经济社会发展的主要目标是:``), else None.

        >>> opens_plan_multi("据悉,今后五年全市发展的主要目标是:", 0, 18, 2017)
        (2017, 2021)
    """
    if ry is None or (text.find("今后", start, end) < 0 and text.find("未来", start, end) < 0):
        return None
    m = _PLAN_MULTI_GOALS.search(text, start, end)
    if m is None:
        return None
    return ry, ry + _N_YEARS[m.group(1)] - 1


def _standalone(line: str) -> bool:
    """A short line with no sentence in it: an un-numbered heading or a slogan; a line that
    states a percentage (广州2026年GDP增长预期目标为5%左右, a news flash's title) is a sentence."""
    s = line.strip()
    return (
        2 <= len(s) <= 30
        and not any(c in s for c in "。;!?,,:")
        and not s[-1].isdigit()
        and _PERCENT.search(s) is None
    )


_PERCENT = re.compile(r"\d%")
# 开好局, 起好步: the year's work opening a plan (为"十五五"开好局起好步)
_PLAN_OPENING = re.compile(r"开好局|起好步|开局|起步")


def sections(text: str, report_year: int | None) -> list[Section]:
    """One ``Section`` per paragraph, in order (headings included)."""
    out: list[Section] = []
    ry = report_year
    cur = _Part("preamble", ry - 1 if ry else None, None)
    listing = False  # inside the short lines of a 主要预期目标是: list
    headed = False  # whether the current part was started by a heading
    toc = False  # inside a list of the parts (报告分为三部分:), not the parts themselves
    # a speech given in the year before the report's (2022年12月16日 for the 2023 report):
    # its 今年 in the year's review is the year under review
    said = _SPEECH_DATE.search(text[:4000])
    early = ry is not None and said is not None and int(said.group(1)) == ry - 1
    for start, line in _paragraphs(text):
        if _TOC.search(line):
            toc = True
        elif toc and _HEADING.match(line) and len(line) <= 44:
            out.append(
                Section(start, _KIND_OF[cur.part], cur.year, False, False, cur.part, cur.span)
            )
            continue
        else:
            toc = False
        if cur.part == "annex":
            out.append(Section(start, "actual", None, True, False, "annex", None, 0))
            continue
        level = 0
        title = line
        m = _HEADING.fullmatch(line) if len(line) <= 44 else None
        if m:
            level, title = 1, m.group(1).replace(_COPY_QUOTES, '"')
        elif (sm := _SUBHEADING.fullmatch(line.strip())) is not None:
            level, title = 2, sm.group(1)
        elif _standalone(line) and _STANDALONE_CLASS.search(line) and not _TITLE.search(line):
            level = 1  # a slogan says nothing of the class: it is read as body text
        elif len(line) <= 24 and (cm := _COLON_HEADING.fullmatch(line.strip())) is not None:
            level, title = 1, cm.group(1)
        new: _Part | None = None
        body = ""
        if listing and cur.part == "targets" and line.strip() and len(line) > _LIST_ITEM_MAX:
            listing = False
            cur = _Part("plan", ry, None) if ry else cur
        if level:
            new = _classify(title, ry, cue=False)
            if (
                level == 2
                and new is not None
                and new.part == "plan_multi"
                and cur.part == "plan"
                and cur.year == ry
                and _PLAN_OPENING.search(title)
            ):
                # (一)为"十三五"经济中高速增长开好局、起好步 inside 三、2016年工作安排: the
                # year's work for the plan's first year, not the plan
                new = None
            if level == 2 and (new is None or new.part in ("review", "plan")):
                # (一)坚持扩大内需: a theme of the part it is in, not a new part; only a
                # section that names a class of its own (主要目标, 过去五年) starts one,
                # and the next section of an annual plan closes its main targets.
                new = _Part("plan", ry, None) if cur.part == "targets" and ry else None
        elif line.strip():
            body = _LEAD_ENUM.sub("", line.lstrip().replace(_COPY_QUOTES, '"'), count=1)
            new = _classify(body, ry, cue=True)
            if (
                early
                and new is not None
                and new.part in ("plan", "targets")
                and headed
                and cur.part == "review"
                and cur.year == (ry or 0) - 1
                and body.startswith("今年")
            ):
                new = None  # 今年是...里程碑意义的一年 said in December, in its own review
            if (
                new is not None
                and new.part == "review_multi"
                and _CUE_SINCE.match(body)
                and cur.part not in ("preamble", "review", "review_multi")
            ):
                new = None  # 2019年以来,... in a plan: background, not a part
            if new is None or new.part == "review":
                new = _plan_closed(line, ry) or _plan_done(body, ry) or new
            if (
                new is None
                and ry is not None
                and cur.part == "plan_multi"
                and not headed
                and opens_targets(body, 0, ry)
            ):
                # 未来五年,...。(a paragraph) 根据总体思路,...,今年我区经济社会发展主要预期目标
                # 是: after a paragraph on the five-year plan, the year's targets, and its plan
                new = _Part("targets", ry, None)
            if new is not None:
                level = 3
        if new is not None:
            if new.part == "annex":
                cur = new
                out.append(Section(start, "actual", None, True, True, "annex", None, level))
                continue
            if level == 3 and new.part == "review_multi" and cur.part == "review_multi":
                if cur.term and not new.term:
                    # 2018年以来, 四年来 after 本届政府以来: the years of the term, from its text
                    cur.span, cur.term = new.span, False
                new = cur  # 这五年 inside a review of the plan: its years (2020 report, 十三五)
            if (
                level == 3
                and new.part == "review_multi"
                and cur.part == "review"
                and headed
                and not cur.term
                and _CUE_SINCE.match(body)
            ):
                # 2019年以来,累计... inside a part headed as the year's review (一、2021年
                # 工作回顾): this paragraph is on the years since then, the next on the year
                out.append(Section(start, "actual", new.year, False, False, new.part, new.span, 3))
                continue
            if not (level == 3 and _same(cur, new)):
                cur = new
                headed = level in (1, 2)
            if level == 3 and new.part == "review_multi" and cur.part == "review" and headed:
                # "十三五"时期,... inside a part headed as the year's review: this paragraph
                out.append(Section(start, "actual", new.year, False, False, new.part, new.span, 3))
                continue
            if level == 3 and new.part == "targets":
                # 今年...主要预期目标是: a paragraph, or a list of short lines after its
                # colon; the plan goes on after it
                out.append(Section(start, "target", new.year, False, False, "targets", None, 3))
                listing = line.rstrip().endswith((":", ":"))
                if not listing:
                    cur = _Part("plan", ry, None) if ry else cur
                continue
        is_heading = level in (1, 2) and (
            m is not None or level == 2 or _standalone(line) or line.rstrip().endswith((":", ":"))
        )
        out.append(
            Section(
                start,
                _KIND_OF[cur.part],
                cur.year,
                False,
                is_heading,
                cur.part,
                cur.span,
                level,
                cur.term and cur.span is None,
            )
        )
    return out


def _plan_closed(line: str, ry: int | None) -> _Part | None:
    """The review of the plan that ended last year, when ``line`` closes it (see
    ``_CUE_PLAN_CLOSED``), else None."""
    if ry is None or len(line) > _PLAN_CLOSED_WORDS_MAX:
        return None
    if len(line) > _PLAN_CLOSED_MAX and _FIGURE.search(line):
        return None
    m = _CUE_PLAN_CLOSED.search(line)
    if m is None or not _PLAN_CLOSED_YEARS.search(line, m.end()):
        return None
    first, last = plan_years(10 + _PLAN_DIGITS[m.group(1)])
    return _Part("review_multi", last, (first, last)) if last == ry - 1 else None


def _plan_done(body: str, ry: int | None) -> _Part | None:
    """The review of the plan that ended last year, for a paragraph that opens on its
    completion (see ``_CUE_PLAN_DONE``), else None."""
    m = (_CUE_PLAN_DONE.match(body) or _CUE_PLAN_DONE_LED.match(body)) if ry is not None else None
    if m is None or ry is None:
        return None
    first, last = plan_years(10 + _PLAN_DIGITS[m.group(1)])
    return _Part("review_multi", last, (first, last)) if last == ry - 1 else None


def _same(a: _Part, b: _Part) -> bool:
    """An opening cue that says what the current part already is changes nothing (过去一年,
    in a one-year review); ``targets`` inside ``plan`` and the reverse are distinct."""
    return a.part == b.part and a.span == b.span


def outline(text: str, report_year: int | None) -> list[Node]:
    """The tree of parts (level 1, and opening cues) and their sections (level 2)."""
    secs = sections(text, report_year)
    paras = _paragraphs(text)
    roots: list[Node] = []
    n = len(text)
    first = Node(0, 0, paras[0][1][:30], "preamble", secs[0].kind, secs[0].year, None, 0, [])
    roots.append(first)
    for (start, line), sec in zip(paras, secs, strict=True):
        end = start + len(line)
        title = line.strip()[:30]
        changed = roots[-1].part != sec.part or roots[-1].span != sec.span
        if (sec.level == 1 and sec.heading) or (changed and line.strip()):
            if sec.level == 1 or changed:
                roots.append(Node(start, end, title, sec.part, sec.kind, sec.year, sec.span, 1, []))
        elif sec.level == 2 and sec.heading:
            roots[-1].children.append(
                Node(start, end, title, sec.part, sec.kind, sec.year, sec.span, 2, [])
            )
    for i, node in enumerate(roots):
        node.end = roots[i + 1].start - 1 if i + 1 < len(roots) else n
        for j, child in enumerate(node.children):
            nxt = node.children[j + 1].start - 1 if j + 1 < len(node.children) else node.end
            child.end = nxt
    if roots[0].end <= 0 and len(roots) > 1:
        roots[0].end = max(0, roots[1].start - 1)
    return roots


def render_outline(nodes: list[Node]) -> str:
    """The outline as text: ``[start-end] part kind period title``, sections indented."""
    lines: list[str] = []
    for node in nodes:
        lines.append(_line(node, ""))
        lines.extend(_line(child, "  ") for child in node.children)
    return "\n".join(lines)


def _line(node: Node, indent: str) -> str:
    period = node.period or "-"
    return f"{indent}[{node.start}-{node.end}] {node.part} {node.kind} {period} {node.title}"


class Layout:
    """Looks up the section of any offset (binary search over paragraph starts)."""

    def __init__(self, text: str, report_year: int | None) -> None:
        self.report_year = report_year
        self.sections = sections(text, report_year)
        self._starts = [s.start for s in self.sections]

    def at(self, offset: int) -> Section:
        """The section holding ``offset``."""
        i = bisect_right(self._starts, offset) - 1
        return self.sections[max(i, 0)]
