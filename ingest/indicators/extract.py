"""Turn the quantitative statements of a work report into SCHEMA.md observations.

    >>> rows = extract("一、2023年工作回顾\\n全市GDP增长6.3%,排名全省第3。", ref_area="抚州市")
    >>> [(r.indicator_code, r.measure, r.obs_value, r.compare_scope) for r in rows]
    [('gdp', 'growth', 6.3, ''), ('gdp', 'rank', 3.0, 'province')]

How it reads: the text is cut into sentences (。;!? and line breaks) and each sentence into
segments (, 、 :). In each segment every value is found (``numerals``) and the words before
it are peeled from the right: qualifier (约, 突破), verb (增长, 排名, 占), adverbs (分别,
同比); what remains is the subject. Empty or generic subjects (增速) borrow the previous
subject of the same sentence; 、-lists share one verb and split their subjects (分别). When
any of this is unclear the value is skipped: a wrong published number is worse than a
missing one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from itertools import pairwise

import msgspec

from ingest.indicators import words as W
from ingest.indicators.areas import Gazetteer, own_names
from ingest.indicators.catalog import Catalog, Indicator, load_catalog
from ingest.indicators.gate import gate
from ingest.indicators.hanzi import reading_text
from ingest.indicators.model import ExtractedObservation
from ingest.indicators.numerals import ValueToken, scan_ranks, scan_values
from ingest.indicators.structure import (
    Layout,
    Section,
    detect_report_year,
    late_in_year,
    opens_plan_multi,
    opens_targets,
    own_year_review,
    plan_number,
    plan_years,
)
from ingest.indicators.text import SCOPES, is_cjk, strip_area_prefix
from ingest.text import repair_text

_SENTENCE = re.compile(r"[^。;!?\n]+")
_STATE_THEN_GOAL = re.compile(W.STATES + r"、(?:力争|确保|争取)")
_DELIM = re.compile(r"[,、:]")
_ANY_NUMERAL = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿首榜壹贰貳叁參肆伍陆陸柒捌玖拾]")
_ENUM = re.compile(
    r"\d{1,2}[.、](?=\D)|[((][一二三四五六七八九十\d]{1,3}[))]|[一二三四五六七八九十]{1,3}是"
)
_QUOTES = re.compile(r"“[^”\n]{0,40}”|《[^》\n]{0,60}》|\"[^\"\n]{0,40}\"|「[^」\n]{0,40}」")
_YEAR_HINT = re.compile(r"(?:到|至)((?:19|20)\d\d)年(?:底|末)?|((?:19|20)\d\d)年度")
_YEAR_START = re.compile(r"((?:19|20)\d\d)年(?=[,全])")
# 预计2015年, 初步核算,2015年: an estimate's word before the year a sentence opens on
_ESTIMATE_LEAD = re.compile(r"(?:据)?(?:预计|初步核算|初步统计|初步预计)[,,]?(?=(?:19|20)\d\d年)")
# (not 农村低保制度从2005年开始实施: when a thing began, not a value's start)
_ORIGIN_YEAR = re.compile(r"(?:由|从)((?:19|20)\d\d)年(?!开始|起|以来)(?:底|末)?的?")
# 从1978年的186亿元增加到2018年的9.73万亿元: a change between two years, both written
_ORIGIN_SPAN = re.compile(
    r"(?:由|从)((?:19|20)\d\d)年(?:底|末)?的?[^。;;,,]{1,16}?(?:到|至)((?:19|20)\d\d)年"
)
# 果洛州划定发展预期目标,地区生产总值增长3%;全社会固定资产投资增长7%;...: a sentence that
# opens on the targets it sets (no number, no word of a result before its comma) binds every
# clause after its ; up to the full stop, not only its first.
# (2024年湟中区经济发展的主要预期目标是:, with the report's own year first: group 1)
_GOAL_LEAD = re.compile(
    r"(?:((?:19|20)\d\d)年)?"
    r"[^,,。;:\d\n]{0,16}?(?:预期目标|主要目标|发展目标|年度目标|主要预期目标)(?:是|为)?[,,::]"
)
_YEAR_TO_START = re.compile(r"(?:到|至)((?:19|20)\d\d)年(?:末|底)?(?=[,,])")
# 由2017年的3857亿元, 增加到2022年底的: an explicit year written right before a value.
# 2015年的161.1亿元; 增长到2020年约1100亿元 (the year of a level reached, before its qualifier)
_YEAR_OF = re.compile(
    r"((?:19|20)\d\d)年(?:底|末)?的$|(?<=[到至])((?:19|20)\d\d)年(?:底|末)?(?=(?:约|近)?$)"
    r"|(?<=[从由])((?:19|20)\d\d)年(?:底|末)?$"
    r"|(?<=[从由])“?十([一二三四五])五”?(?:期)?末的?$"  # 从“十三五”末的117亿元: 2020
)
# A comparator that a note carries to the figures after it (比2012年(下同)增长47.7%)
_BASE_CARRIED = re.compile(r"[比较]((?:19|20)\d\d)年[((]下同[))]")
# The last year of a five-year plan (十三五: 2016-2020)
_PLAN_END = {"一": 2010, "二": 2015, "三": 2020, "四": 2025, "五": 2030}
# A year opening a clause (2023年增长6.2%), not 2023年以来 / 2023年的 / 2023年前.
_YEAR_SEGMENT = re.compile(
    r"((?:19|20)\d\d)年(?:底|末)?(?!以来|的|前|起|开始|以后|之前|之后|至|到|[-—~]|\d|度|计划)"
)
# 累计达到32家: a total reached, said of a stock (see _stock_reached).
_STOCK_REACHED = re.compile(r"累计(?:已经|已)?(?:达到|达)了?$")
# 同时,五年来: a connective before the words that open a sentence.
_CONNECTIVE = re.compile(r"(?:同时|此外|另外|与此同时|总的来看)[,,]")
# 2018年57个贫困村: a year before a count of things, not a month or a date.
_YEAR_COUNT = re.compile(r"((?:19|20)\d\d)年(?=\d{1,5}(?:\.\d+)?[万亿]?[个家项所座户名人条])")
# 累计引进…, 五年累计完成…: a clause that opens on a total over the years.
_TOTAL_OPENING = re.compile(r"(?:[两三四五]年)?累计")
# A bare pollutant measured in µg/m³ is its mean concentration (not 珠三角地区PM2.5).
_BARE_PM25 = frozenset(["PM2.5", "细颗粒物", "PM2.5年均", "细颗粒物年均"])
_CLAUSE_STOP = re.compile(r"[,,;;]")
_DONE_BY = ("建成", "完成", "实现", "达到", "累计达")
# Good-air days counted in percent are their share of the year (not 优良天数159天).
_GOOD_DAYS = re.compile(r"(?:全市|全省|城市)?(?:空气质量)?优良天数")
# 五年内新增…, 力争五年内,…: what a plan's clause adds within its years.
# (力争五年新增超20亿企业100家,超50亿企业25家,超百亿企业10家; 力争五年引进…20-30家上市公司:
# the later clauses share the years too)
# 从每人每学年600元, 由每人每月415元: a starting value written per head or per year
_PER_ORIGIN = re.compile(r"[由从](每(?:人|户|亩|名)?每?(?:学年|年|月|天|人|户|亩))$")
_WITHIN_YEARS = re.compile(r"(?<![第十])[两三四五]年(?:内|(?=新增|引进|新建))")
# 其中2021年5100座、2022年2500座: a schedule of a plan's (or review's) total, year by year.
_YEAR_ITEM = re.compile(
    r"(?:其中)?((?:19|20)\d\d)年(?=\d{1,5}(?:\.\d+)?[万亿]?(?![月日号])[\u4e00-\u9fff])"
)
# Between subject and verb: a note (同比(下同), 地区生产总值(预计数)), a target year
# (地区生产总值力争到2025年达到), a time since (时隔21年重返全省第三),
# the years a change covers (单位GDP能耗五年下降21%; dated by the clause, ``_INLINE_MULTI``).
_SUBJECT_TAIL = re.compile(
    r"(?:[((](?:(?:预计数?|初步(?:核算|统计)数?|快报数)(?:[,,、]下同)?|下同)[))]|时隔(?:\d{1,3}|[一二三四五六七八九十]{1,3})年"
    r"|(?:力争|争取|确保|预计)?(?:到|至)(?:19|20)\d\d年(?:底|末)?"
    r"|(?<![第十未今后来])五年)$"
)
# 比"十二五"目标高出, 比年度目标多: an excess over a goal written after the subject
_OVER_GOAL = re.compile(r"比[^,,;;。]{0,10}?(?:目标|计划|任务)(?:高出|超出|多出?|高)$")
_OVER_GOAL_AT = re.compile(r"比[^,,;;。]{0,10}?目标(?:高出|超出|多)")
_YEARS_TAIL = re.compile(r"(?:[两三四五六七八九十]|\d{1,2})年$")
# 全省经济总量2025年达到6.5万亿元: the year of the value written between subject and verb
# (not 比2020年, 到2025年, 由2015年: comparisons, targets and start values are read elsewhere).
_YEAR_AFTER_SUBJECT = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<![比较与同由从到至于自])((?:19|20)\d\d)年(?:底|末)?$"
)
# 城镇登记失业率远低于3%: a degree adverb before a comparing qualifier is not the subject's
# A parenthesis right after a value opens a restatement of the same subject: (增长8.5%),
# (同比增长3%), (不含雄安增长7.3%), (剔除价格因素增长5%)
_CAVEAT = re.compile(r"\((?:(?:不含|剔除|扣除|除去|不计)[\u4e00-\u9fff]{1,8}?(?:因素|影响)?后?)?")
_SCOPE_NAMES = ("全国", "全省", "全市", "全区", "全州")
_COMPARED_BEFORE = re.compile(
    r"(?:高于|低于|快于|慢于|高出)(?:全国|全省|全市|全区|全州)(?:平均水平|平均)?$"
)
_DEGREE_BEFORE = ("远", "明显", "大幅")
_COMPARING = frozenset(["低于", "高于", "超过", "小于", "大于", "少于", "多于", "超出"])
_YEAR_COMPARATOR = re.compile(r"((?:19|20)\d\d)年(?:同期|水平)?")
# 五年来, 过去五年, 五年累计, "十三五"时期: a clause about several years, whatever its part.
_CLAUSE_MULTI = re.compile(
    r"(?:过去|近)?([两三四五])年(?:来|间|累计|共|合计)|过去([两三四五])年"
    r"|[“\"]?十([一二三四五六七八九])五[”\"]?(?:时期|期间|以来)"
    r"|[“\"]([七八九十])五[”\"](?:时期|期间|以来)"  # “九五”期间: the earlier plans, quoted
    r"|近(10|十)年(?=[,,])"  # 近10年,获国家科学技术奖近80项: the last ten years
)
# 2013年以来新增商事主体24.9万户 in a review: a flow over the years since then, up to the one
# under review (not 2013年以来最高, a record)
# (2003年以来城镇新增就业116万人, 其中2003年以来年均增长26.2%: a short subject between, or an
# average over those years)
_SINCE_FLOW = re.compile(
    r"((?:19|20)\d\d)年以来[,,]?"
    r"(?=[\u4e00-\u9fff]{0,6}?(?:累计|新增|共计?|新建|建成|引进|新开工|筹集|完成|年均))"
)
# 用三年时间完成...改制,累计化解不良贷款超过500亿元 in a review: the years up to the one
# under review
_SPENT_YEARS = re.compile(r"用([两三四五])年(?:左右)?(?:的)?时间")
# 增长高于7%: a growth bound from below (高于 right before the figure, after a verb of change;
# 高于全国 is a gap, read elsewhere)
_ABOVE = "高于"
# 五年实际利用外资超过8000亿元: the years under review written before the subject (not
# 未来五年, 五年来 or 五年间, which the part or the clause dates)
_YEARS_LEAD = re.compile(r"[两三四五]年")
# The marks that end a clause or a list item (a title or a dateline holds none).
_CLAUSE_MARK = re.compile(r"[,,;;。、]")
# 单位GDP能耗五年下降21%, 五年城镇新增就业445万人: the five years under review, written
# inside a clause right before its verb (not 未来五年, 第五年, 连续五年, 五年规划).
_INLINE_MULTI = re.compile(
    r"(?<![第十未今后来续])五年(?![内后前里中规计行])(?=[^,,;。、]{0,14}?(?:下降|增长|提高|新增|减少|降低|增加))"
)
# 五年生态补水33亿立方米, 五年投入财政扶贫资金74.9亿元: a clause that opens on 五年 sums its
# figure over the five years under review (not 五年来, 五年间: those open a passage).
_LEAD_MULTI = re.compile(
    r"(?:^|(?<=[,,;;。:\n]))([两三四五])年(?![来内后前里中规计行间中级期])(?=[^,,;;。、\d]{1,14}?\d)"
)
# 与2010年相比, 较2016年: the base of a sentence's comparisons (the year of its start values)
# 比"十五"末增长74%, 比2005年增长1.4倍, 是2005年的2.1倍: set against the level the years
# under review start from
_TERM_START = re.compile(
    r'(?:比|较|是)(?:[“"](?:十[一二三四五]?|[七八九])五[”"](?:末|期末)|((?:19|20)\d\d)年(?:末|底)?的?)'
)
_BASE_YEAR = re.compile(r"(?:较|比|与|同)((?:19|20)\d\d)年(?:末|底)?(?:相比|比较)?")
# 今年以来, 今年上半年, 今年是...: not the whole year's figures that follow
_THIS_YEAR_NOT = re.compile(r"以来|[上下]半年|[一二三四]季度|前|1[-—~至]|是|[1-9]")
# Marks a sentence, heading or quotation may end with: a line ending in one is not wrapped.
_CLOSING = frozenset("。;!?::…”」』))》】\"'")
# A line ending on a figure (3%以内, 9.3%左右, 40万人 is not: a word may follow a unit)
_FIGURE_END = re.compile(r"\d%?(?:左右|以上|以内|以下)?$")
# A price index stated in percent under a level's verb (控制在3%以内) states its rise: the
# index itself is about 103, never 3%.
_PRICE_INDEX = ("消费价格", "消费价格指数", "价格总水平", "消费价格总水平")
_WRAP_MIN = 30  # a hard-wrapped copy's lines are long; headings and titles are short
# The verbs a shorter wrapped line may end on when its figure opens the next line
_WRAP_VERBS = ("增长", "下降", "达到", "实现", "完成", "突破", "提高", "降低", "增加", "减少")
# A line that ends inside a figure (its digits, a magnitude), and what its unit opens with
_CUT_FIGURE = re.compile(r"\d *[万亿]?$")
_UNIT_OPENING = frozenset("万亿元%")
# A copy site's mark (9ti) a stored page puts after a paragraph's last stop
_MARK_AFTER_END = re.compile(r"[。;!?][0-9A-Za-z]{1,4}$")
_ONE_YEAR_OPENINGS = ("全年", "去年", "过去一年", "一年来", "今年")
# The adverbs a verb of steps or of thresholds passed may carry (连续突破, 先后跨越)
_STEP_ADVERBS = "(?:连续|先后|接连|相继|成功|首次)?"
# 全省经济总量连跨两个万亿台阶,2025年达到6.5万亿元: a clause of steps passed, with no value
# of its own, still names the subject of the values after it.
_STEP_CLAUSE = re.compile(
    r"([^,,、:]{2,16}?)"
    + _STEP_ADVERBS
    + r"(?:连跨|跨越|跨上|跨过|迈上|迈过|迈入|突破|站上|越过|跃上)了?"
    r"(?:(?:[两三四五六七八九十]|\d{1,2})个)?[^,,、]{0,8}?(?:台阶|大关|关口)"
)
# A clause of a subject's trend with no figure (财政一般预算持续增收), before its figures
_STATE_CLAUSE = re.compile(
    r"([^,,、:]{2,16}?)(?:(?:持续|稳步|稳定|保持|快速|较快|平稳)(?:增收|增长|提升|回升|上升)"
    r"|实现了?历史性突破"  # 经济总量实现历史性突破,在全国的排位从2015年第23位跃升到第18位
    # 固定资产投资五年翻一番,总额达629亿元: a multiple (no observation), then the figure
    r"|(?:[两三四五六七八九十]年)?翻了?(?:近|超)?[一两]番)"
)
_INCREMENT_WORDS = frozenset(
    ["增量", "新增量", "新增数量", "新增数", "净增量", "净增数量", "增加量", "增加数量", "新增规模"]
)
# 增长9.1%,增量: an increase written right after the subject's growth
_AMOUNT_PREV = re.compile(r"增长-?\d+(?:\.\d+)?%[,,]$")
_CN_SMALL_N = {"两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# A count's noun phrase that stops at one of these goes on as the subject of a later value.
_STILL_SUBJECT = ("累计", "共", "合计", "总计")
_CHANGE_MEASURES = ("growth", "avg_growth", "pp_change", "avg_pp_change", "change")
# 占计划的100%, 占预算调整数的100.11%, 为年初预算的102%: how much of a plan or budget was done
# (完成调整任务的100%, 完成年度任务的102%: of the year's task, as of its plan)
_OF_PLAN = re.compile(
    r"(?:占|为|完成)(?:年度|年初|调整后的?)?(?:计划|预算)(?:调整数|数)?的?$"
    r"|完成(?:年度|全年|调整后?的?)?(?:目标)?任务的$"
)
_GOAL_AFTER = ("的目标", "的预期目标", "的年度目标", "的发展目标", "的增长目标", "目标", "预期目标")
_GOAL_TAIL = re.compile(r"的?(?:预期|年度|发展)?目标$")
_HEAD_WINDOW = 40  # a subject+verb longer than this is not read (unclear, and keeps it linear)
_QUOTE_MAX = 200
_SPLIT_AND = re.compile(r"[和及与、]")
_VALUE_AND = "和与及"
_NEW_VERBS = tuple(
    sorted((w for w, (k, _) in W.VERBS.items() if k == "new"), key=len, reverse=True)
)
# A subject that opens with what was added or newly put to use names a flow too (增加绿地面积
# 200公顷 in a five-year plan, "十三五"新投入使用校舍51万平方米: over the years, as 新增 is).
_NEW_LEADS = (
    "增加", "新投入", "新投用", "新投产", "新建成", "新开工", "新改扩建", "新引进", "新落地",
    "新认定", "新培育", "新签约", "新登记", "新开通", "新铺设", "新改造",
)  # fmt: skip


@dataclass(slots=True)
class _Head:
    """What the words before a value say about it."""

    subject: str = ""
    subject_start: int = -1
    verb: str = ""
    verb_kind: str = ""
    sign: int = 1
    qualifier: str = ""
    to_level: bool = False
    dist: str = ""
    linking: bool = False
    gap: tuple[int, str] | None = None  # (sign, scope) of 高于全国...
    gap_scopes: tuple[str, ...] = ()  # 分别高于全省和全国: one scope per value of the list
    compared: bool = False
    year: int | None = None  # 由2017年的3857亿元: the value is for an explicit year
    origin: bool = False  # 由/从 X (增加到 Y): X is a starting value
    multi_year: bool = False  # 年均/累计/两年平均: a change over several years
    average: bool = False  # 年均/两年平均: an average annual change
    cumulative: bool = False  # 累计: a total over the period
    n_years: int = 0  # 两年平均: the number of years averaged
    base_year: int | None = None  # 比2020年增长: the change counts from this year on
    new: bool = False  # 新增, as the verb or inside the subject: a flow, not a stock


_RANK_IN = re.compile(r"第[一二三四五六七八九十\d]|首位|榜首")
_GROUP_AFTER = re.compile(r"(?:[((][^()()]{0,12}[))])?(?:中|当中|里|之中)")
_GAP_QUALIFIERS = ("将近", "接近", "超过", "近", "约", "超", "逾")
_SCOPE_WORDS = re.compile("|".join(sorted(SCOPES, key=len, reverse=True)))
# 全国全省, 全省和全国, 全省、全国 (平均水平): a list of comparators and nothing else
_SCOPE_LIST = re.compile(
    "(?:" + _SCOPE_WORDS.pattern + ")(?:[和、及与]?(?:" + _SCOPE_WORDS.pattern + "))+"
    r"(?:平均水平|平均|增速|水平)?"
)
# 高于全国、全省1个、0.2个百分点: a gap verb before a 、-list of comparators (GAP_RE reads none)
_GAP_LIST = re.compile(
    "(" + "|".join(sorted(W.GAP_VERBS, key=len, reverse=True)) + ")(" + _SCOPE_LIST.pattern + ")$"
)


@dataclass(slots=True)
class _Item:
    tok: ValueToken
    seg: int
    head: _Head
    cont: bool = False
    subject: str = ""
    subject_start: int = -1
    follow_end: int = -1
    skip: bool = False
    chain: list[_Item] = field(default_factory=list)
    lead: _Item | None = None  # the first item of this item's 、-list
    index: int = 0
    clones: list[_Item] | None = None  # one value, several subjects (均)
    gap_scope: str | None = None  # this value's own comparator in a list of gaps
    of_plan: bool = False  # 占计划的100%: a share of the plan done, never a row
    plan_subject: tuple[str, int] | None = None  # what was done (收入完成任务的100%)


def _stock_after_flow(prev: _Item, head: _Head, tok: ValueToken) -> bool:
    """Whether a 、-item bounded from below (突破, 超过) after a flow of the same unit is the
    stock reached, not a second flow: ``经营主体净增98万户、突破1900万户``."""
    return (
        head.qualifier in ("gt", "ge")
        and tok.unit in ("count", "CNY")
        and tok.unit == prev.tok.unit
        and prev.head.verb_kind in ("new", "change")
        and prev.head.sign > 0
    )


def _parse_head(text: str, start: int, end: int, pp: bool) -> _Head:
    """Peel qualifier, verb and adverbs off the right of ``text[start:end]``.

    Gaps (高于全国...) are read only before percentage points: before a percent, 低于
    is the ``lt`` qualifier (失业率低于4%).
    """
    h = _Head()
    s = text[start:end].rstrip(" \u3000\n")  # 财政总收入从 172.3亿元: a copy's stray space
    y = _YEAR_OF.search(s)
    if y:
        plan = y.group(4)
        h.year = _PLAN_END[plan] if plan else int(y.group(1) or y.group(2) or y.group(3))
        s = s[: y.start()] + s[y.end() :]
    gap = W.GAP_RE.search(s) if pp else None
    if gap is None and pp and "、" in s:
        gap = _GAP_LIST.search(s)
    if gap and gap.group(2) and not s[: gap.start()].endswith("不"):
        comparator = gap.group(2)
        year_cmp = _YEAR_COMPARATOR.fullmatch(comparator)
        if year_cmp:
            # 增速快于2023年1.2个百分点: compared with an earlier year, a change over time
            h.verb, h.verb_kind, h.sign = gap.group(1), "change", W.GAP_VERBS[gap.group(1)]
            h.base_year = int(year_cmp.group(1))
            s = s[: gap.start()]
        elif not comparator.startswith(("上年", "去年", "同期", "年初")):
            for w in _GAP_QUALIFIERS:
                if comparator.endswith(w) and len(comparator) > len(w):
                    h.qualifier, comparator = W.QUAL_PRE[w], comparator[: -len(w)]
                    break  # 高出全市平均水平近20个百分点
            h.gap = (W.GAP_VERBS[gap.group(1)], _scope_of(comparator))
            scopes = _SCOPE_WORDS.findall(comparator)
            if len(scopes) > 1 and _SCOPE_LIST.fullmatch(comparator):
                h.gap_scopes = tuple(SCOPES[w] for w in scopes)
            s = s[: gap.start()]
    elif pp:
        bi = W.GAP_BI_RE.search(s)
        if bi:
            sign = 1 if bi.group(2) in ("高出", "高", "快") else -1
            h.gap = (sign, SCOPES.get(bi.group(1), ""))
            s = s[: bi.start()]
    above = W.VERB_SET.suffix(s[: -len(_ABOVE)]) if s.endswith(_ABOVE) else ""
    if above and W.VERBS.get(above, ("",))[0] == "change":
        h.qualifier, s = "gt", s[: -len(_ABOVE)]  # 年均实际增长高于7%: more than 7% a year
    for _ in range(8):
        before = s
        w = W.QUAL_PRE_SET.suffix(s)
        if w:
            q = W.QUAL_PRE[w]
            if w == "为" and W.VERB_SET.suffix(s[:-1]) in W.SHIFT_UP + W.SHIFT_DOWN:
                q = "to"  # 由全国第6位上升为第4位: the level reached, as 上升到
            if q == "to":
                h.to_level = True
            elif not h.qualifier:
                h.qualifier = q
                h.linking = h.linking or w in W.LINKING
            if w == "累计":
                h.multi_year = h.cumulative = True
            s = s[: -len(w)]
            if w in _COMPARING:
                s = _ends_with(s, _DEGREE_BEFORE)[0]
        if s == before and not h.verb:
            w = W.VERB_SET.suffix(s)
            if w:
                h.verb = w
                h.verb_kind, h.sign = W.VERBS[w]
                s = s[: -len(w)]
        if s == before:
            n = W.compared_suffix(s)
            if n:
                h.compared = True
                h.base_year = W.compared_year(s)
                s = s[:-n]
        if s == before and (qt := W.QUALIFIER_TAIL.search(s)):
            s = s[: qt.start()]  # before 比 is read as an adverb: 同口径对比
        if s == before:
            w = W.ADVERB_SET.suffix(s)
            if w == "比" and s.endswith(("占比", *W.RATIO_SUBJECTS)):
                w = ""  # 税收占比: a noun (share), not 比 (compared with)
            if w == "均" and s[:-1].endswith(("人", "户", "亩", "地")):
                w = ""  # 农民人均增收1.2万元: 人均 is part of the subject, not 均 (each)
            if w == "均值" and s[:-2].endswith("年"):
                w = ""  # PM2.5年均值控制在20微克/立方米: 年均值 is part of the name
            if w in ("力争", "确保") and s == w:
                w = ""  # 增长6%以上,力争达到7%: a bare 力争 stays and names nothing
            if w:
                if w in ("分别", "均", "都", "双双", "各"):
                    h.dist = "均" if w in ("都", "双双") else w
                elif w == "累计":
                    h.multi_year = h.cumulative = True
                elif w == "年均" and s[:-2].endswith("每"):
                    w = "每年均"  # 失业率每年均控制在3.5%以内: each year, not an average
                elif w == "年均":
                    h.multi_year = h.average = True
                elif w == "平均" and (tail := _YEARS_TAIL.search(s[:-2])):
                    h.multi_year = h.average = True  # 两年平均增长
                    h.n_years = _years_count(tail.group(0))
                    w = tail.group(0) + w
                s = s[: -len(w)]
        if s == before:
            d = W.DURATION_TAIL.search(s) or W.STATE_TAIL.search(s)
            if d:
                s = s[: d.start()]
        g = _GOAL_TAIL.search(s) if s == before and not h.verb else None
        if g is not None and W.VERB_SET.suffix(s[: g.start()]):
            s = s[: g.start()]  # GDP增长预期目标为5%左右: the goal of a change is the change
        if s == before and s.endswith(("由", "从")):
            h.origin = True
            s = s[:-1]
        if s == before and (per := _PER_ORIGIN.search(s)):
            # 补助从每人每学年600元提高到800元: the start of a raise, per head (a plan's 600
            # is the level before it, not a target)
            h.origin = True
            s = s[: per.start()] + per.group(1)
        if s == before and (tail := _SUBJECT_TAIL.search(s)):
            s = s[: tail.start()]  # 同比(下同), 力争到2025年, 五年: not part of the subject
        if s == before and h.year is None and (ya := _YEAR_AFTER_SUBJECT.search(s)):
            h.year = int(ya.group(1))
            s = s[: ya.start()]
        if s == before:
            break
    if (
        h.verb_kind == "change"
        and (goal := _GOAL_TAIL.search(s))
        and s[: goal.start()].endswith(h.verb)
    ):
        s = s[: goal.start()]  # 经济增长预期目标是年均增长7%: the growth's goal is the growth
    if _CAVEAT.fullmatch(s):
        s = ""  # 完成2581.9亿元(不含雄安增长6.6%: the figure of the subject before, restated
    elif (
        s[:1] == "("
        and len(s) > 2
        and not (h.verb or h.qualifier)
        and is_cjk(s[-1])
        and not _CLAUSE_MARK.search(s)
    ):
        # 高新技术企业突破1万家(国高企业7000家以上): a part named in a parenthesis, its own
        # (not (其中第三产业占52%), a share of the figure before)
        s = s[1:].removeprefix("其中")
    elif (
        h.origin
        and h.verb in ("排名", "排位")
        and text.startswith((h.verb + "由", h.verb + "从"), start + len(s))
    ):
        # 县域综合排名由第60名上升至第35名, 在全国的排位从2015年第23位跃升到第18位: the
        # ranking is the subject
        s += h.verb
    lead = W.strip_lead(s)
    if "累计" in s:
        h.cumulative = True  # 累计新增城镇就业28.6万人: a total over the period
    elif _YEARS_LEAD.fullmatch(s, 0, len(s) - len(lead)):
        h.cumulative = True  # 五年实际利用外资超过8000亿元: a total over the years under review
    # 城镇新增就业: a subject that is itself a flow (新增, 净增), whatever its verb
    h.new = h.verb_kind == "new" or lead.startswith(_NEW_VERBS) or "新增" in lead
    h.new = h.new or (lead.startswith(_NEW_LEADS) and not lead.startswith("增加值"))
    h.subject = lead
    h.subject_start = start + (len(s) - len(lead)) if lead else -1
    return h


def _years_count(tail: str) -> int:
    """两年 -> 2, 3年 -> 3."""
    n = tail[:-1]
    return int(n) if n.isdigit() else _CN_SMALL_N.get(n, 0)


def _scope_of(comparator: str) -> str:
    for word, scope in SCOPES.items():
        if comparator.startswith(word):
            return scope
    return ""


def _valid_subject(subject: str) -> bool:
    """Subjects we trust: short noun phrases, no unexplained 分别/的 tail."""
    if not subject or len(subject) > 30:
        return False
    if "百分点" in subject or subject.endswith("的基础上"):
        return False  # 在三产占比上升10个以上百分点的基础上: a clause, not a subject
    if len(subject) == 1 and subject not in "县区村镇乡市":
        return False  # 年, 次, 已: a unit's or a word's last character (5个县 is a count)
    if "\n" in subject:
        return False  # 生产\n总值: a word broken by a hard wrap is not read as a name
    if "分别" in subject or (subject.endswith(("的", "均")) and "占" not in subject):
        return False
    if "%" in subject:
        return False  # 90%以上的行政村实现集体经济收入10万元以上: a share of things, not a level
    if subject.count("(") != subject.count(")"):
        return False  # (折合...: a parenthesis opened and not closed
    if subject in W.LEAD_JUNK or subject in W.BARE_HEADS:
        return False  # 增长6%以上,力争达到7%: a bare 力争 names nothing
    if W.COUNTED_SUBJECT.search(subject):
        return False  # 物资53批76万余件, 13个园区累计建成面积: a descriptor with a count
    return any(is_cjk(c) or c.isalpha() for c in subject)


def _follow_phrase(text: str, pos: int, limit: int) -> tuple[str, int]:
    """The noun phrase after a count (4项举措入选... -> 举措), or ("", pos)."""
    end = pos
    quoted = False
    while end < limit and end - pos < 24 and (quoted or text[end] not in ",、:;。!?()\n"):
        if text[end] in "“”":
            quoted = text[end] == "“"
        end += 1
    phrase = text[pos:end]
    for i in range(1, len(phrase)):
        if phrase.startswith(W.FOLLOW_CUT, i) and phrase.count("“", 0, i) == phrase.count(
            "”", 0, i
        ):
            phrase = phrase[:i]
            break
    if _CUT_MODIFIER.search(phrase) and text.startswith("、", pos + len(phrase)):
        return "", pos  # 新增10家央企二级、三级子公司: a modifier cut off by a list
    if not phrase or len(phrase) > 16 or not (is_cjk(phrase[0]) or phrase[0] == "“"):
        return "", pos
    if W.COUNT_IN.search(phrase) or _RANK_IN.search(phrase):
        return "", pos  # 7条道路沿线和2个重要节点: two counts; 居全州11个省级园区第一: a group
    return phrase, pos + len(phrase)


def _people_phrase(phrase: str) -> bool:
    """Whether the phrase after a bare 万 names people (5.2万贫困人口脱贫), not a threshold
    (10万人口以上城镇, 百万人口城市)."""
    for noun in W.PEOPLE_NOUNS:
        i = phrase.find(noun)
        if 0 <= i <= 6:
            return not phrase.startswith(W.PEOPLE_NOT_AFTER, i + len(noun))
    return False


def _followed_ok(text: str, pos: int, limit: int) -> bool:
    """Whether the text after a value leaves it a value (not a modifier of a noun)."""
    if pos >= limit:
        return True
    ch = text[pos]
    if not is_cjk(ch):
        return True
    return bool(W.FOLLOW_OK_SET.prefix(text, pos, len(text)))


class _Sentence:
    """Extraction state for one sentence."""

    def __init__(
        self,
        ex: _Extractor,
        start: int,
        end: int,
        section: Section,
        carry: int | None = None,
        carry_multi: tuple[int, int] | None = None,
        carry_future: bool = False,
        cut: bool = False,
        carry_base: int | None = None,
        part_base: int | None = None,
    ) -> None:
        self.ex = ex
        # 2015年实现地区生产总值274.5亿元,比2012年(下同)增长11.7% opening a review of 2012-2015:
        # the changes of the review's later paragraphs are counted from that year's level too
        self.part_base = part_base
        # 比2012年(下同)增长47.7%;固定资产投资...增长125.1%: the comparator a note carries to
        # the growths after it in the paragraph
        self.carry_base = carry_base
        # the sentence goes on from a hard-wrapped line (生产\n总值突破400亿元): its first
        # subject is cut short
        self.cut = cut
        self._attends: bool | None = None
        self.carry = carry  # 2022年,...;城镇...: the year that opened the sentence before ;
        self.carry_future = carry_future  # 到2020年,...;...: that year is a target's
        # "十二五"期间,...;新增医院4家: the years that opened the sentence before ;
        self.carry_multi = carry_multi
        self.text = ex.text
        self.start = start
        self.end = end
        self.section = section
        self.items: list[_Item] = []
        self.seg_bounds: list[tuple[int, int]] = []
        self._seg_starts: list[int] = []
        self._hints: list[tuple[int, int, bool]] = []
        self._hint_pos: list[int] = []
        self._first_marker = end
        self._partial: list[tuple[int, bool]] = []
        self._multi: list[tuple[int, tuple[int, int]]] = []
        self._year_items: dict[int, int] = {}
        self._inline: list[int] = []  # where an inline 五年 (五年增加) ends
        self._lead_multi: list[int] = []  # where a clause's opening 五年 (五年生态补水) ends
        self.lead_area: tuple[str, str] | None = None

    def _part_of_year(self, pos: int) -> bool:
        """Whether the last period word before ``pos`` names part of a year (上半年...)."""
        if not self._partial:
            return False
        i = bisect_right(self._partial, (pos, False)) - 1
        while i >= 0 and self._partial[i][0] >= pos:
            i -= 1
        return i >= 0 and self._partial[i][1]

    def run(self) -> list[ExtractedObservation]:
        text = self.text
        segments = self._segments()
        for si, (s_start, s_end, delim, toks) in enumerate(segments):
            head_from = s_start
            for ti, tok in enumerate(toks):
                lo = max(head_from, tok.start - _HEAD_WINDOW)
                head = _parse_head(text, lo, tok.start, tok.unit == "percentage_point")
                item = _Item(tok, si, head)
                if text.startswith(_GOAL_AFTER, tok.stop):
                    continue  # 增长6.5%左右的目标顺利实现: a goal restated, not the result
                if text.endswith(("向着", "朝着"), lo, tok.start):
                    continue  # 向着600亿元大关全力冲刺: a goal aimed at, not reached
                if tok.unit == "percent" and (op := _OF_PLAN.search(text, lo, tok.start)):
                    # 564亿元,占计划的100%: how much of the plan was done, no figure; kept
                    # unread so that its subject goes on to the level after it (一般公共预算
                    # 收入完成调整任务的100%,达到413.84亿元)
                    item.of_plan = True
                    if head.subject and head.subject_start < op.start():
                        own = text[head.subject_start : op.start()]
                        item.plan_subject = (own, head.subject_start)
                    self.items.append(item)
                    head_from = tok.stop
                    continue
                grown = (
                    tok.unit == "percent"
                    and not head.verb
                    and bool(head.subject)
                    and text.startswith(("的增长", "的增速"), tok.stop)
                )
                if grown:
                    # 地区生产总值确保6%以上的增长: the growth written after its figure
                    head = replace(head, verb="增长", verb_kind="change", sign=1)
                    item = _Item(tok, si, head)
                quoted_next = text.startswith("“", tok.stop) and tok.unit == "count"
                # 虾山涌等2个排涝泵站: the count is of the noun after it, 虾山涌等 its examples
                examples = tok.unit == "count" and head.subject.endswith("等")
                if not tok.is_rank and (
                    quoted_next or examples or not (grown or _followed_ok(text, tok.stop, s_end))
                ):
                    if not tok.unit and tok.multiplier != 1.0 and not tok.chinese:
                        phrase, _ = _follow_phrase(text, tok.stop, s_end)
                        if _people_phrase(phrase):  # 剩余5.2万贫困人口脱贫
                            tok.unit, tok.unit_word = "count", "人"
                    if tok.unit != "count":
                        continue  # 50亿企业, 10%工作法: part of a name or subject
                    if _follow_phrase(text, tok.stop, s_end)[0].endswith(W.STEP_NOUNS):
                        continue  # 五年跨越3个十亿级台阶: thresholds passed, not things
                    if not (head.linking and head.subject):
                        phrase, p_end = _follow_phrase(text, tok.stop, s_end)
                        if not phrase:
                            continue
                        if (phrase in W.PLAN_ITEMS or phrase.endswith(W.PLAN_ITEM_TAILS)) and (
                            self.section.kind == "target" or text.endswith("以下", 0, tok.start)
                        ):
                            continue  # 抓好以下12项工作: the items of a plan, not a value
                        items = W.plan_items(phrase) and not text.startswith(W.HONOURS, p_end)
                        if items or text.endswith("大类", lo, tok.start):
                            continue  # 十一个方面工作, 10大类52项民生实事: a plan's items
                        if _GROUP_AFTER.match(text, p_end):
                            continue  # 在珠三角48个县(市、区)中排名第五: the group ranked in
                        if ti + 1 < len(toks) and phrase.endswith(_STILL_SUBJECT):
                            continue  # 13个园区累计建成面积48平方公里: the next value's subject
                        item.subject, item.subject_start, item.follow_end = (
                            self._done_to(s_start, tok.start) + phrase,
                            tok.stop,
                            p_end,
                        )
                prev = self.items[-1] if self.items else None
                if (
                    ti == 0
                    and delim == "、"
                    and prev is not None
                    and prev.seg == si - 1
                    and not head.subject
                    and not head.verb
                    and head.gap is None
                    and not head.to_level
                    and head.qualifier != "eq"
                    and not item.subject
                    and prev.follow_end < 0
                    and not text[prev.tok.stop : s_start - 1].strip()
                    and not _stock_after_flow(prev, head, tok)
                ):
                    item.cont = True
                self.items.append(item)
                head_from = max(tok.stop, item.follow_end)
        if not self.items:
            return []
        self._seg_starts = [a for a, _ in self.seg_bounds]
        self._scan_time_words()
        self._chains(segments)
        self.lead_area = self._lead_area()
        return self._emit()

    def _tokens(self) -> list[ValueToken]:
        """Values and ranks of the sentence, in order, minus those inside quotes or names."""
        text, start, end = self.text, self.start, self.end
        if not _ANY_NUMERAL.search(text, start, end):
            return []
        ranks = scan_ranks(text, start, end)
        rank_starts = [r.start for r in ranks]
        values = []
        for v in scan_values(text, start, end):
            i = bisect_right(rank_starts, v.start) - 1
            if i < 0 or v.start >= ranks[i].end:
                values.append(v)
        toks = sorted(ranks + values, key=lambda t: t.start)
        _elided_points(text, toks)
        quoted = [m.span() for m in _QUOTES.finditer(text, start, end)]
        starts = [a for a, _ in quoted]
        out = []
        for t in toks:
            i = bisect_right(starts, t.start) - 1
            if i < 0 or t.start >= quoted[i][1]:
                out.append(t)
        return out

    def _segments(self) -> list[tuple[int, int, str, list[ValueToken]]]:
        """Cut the sentence at , 、 : (never inside a value such as 1,234) and share out values."""
        text = self.text
        toks = self._tokens()
        if not toks:
            return []  # most sentences hold no value: nothing to cut
        bounds: list[int] = [self.start]
        ti = 0
        for m in _DELIM.finditer(text, self.start, self.end):
            pos = m.start()
            while ti < len(toks) and toks[ti].stop <= pos:
                ti += 1
            if ti < len(toks) and toks[ti].start < pos < toks[ti].stop:
                continue
            if text[pos] == "、" and _STATE_THEN_GOAL.match(text, max(0, pos - 4)):
                continue  # 固定资产投资止跌回稳、力争增长5%: one clause, its subject before
            if (
                text[pos] == "、"
                and text.startswith(_SCOPE_NAMES, pos + 1)
                and _COMPARED_BEFORE.search(text, max(self.start, pos - 9), pos)
            ):
                continue  # 高于全国、全省1个、0.2个百分点: one list of comparators
            bounds.append(pos)
        # 分别增长0.6%和2.3%: a 和/与/及 right between two values joins a list like 、.
        for a_tok, b_tok in pairwise(toks):
            if (
                b_tok.start > a_tok.stop
                and text[a_tok.stop] in _VALUE_AND
                and W.PER_CAPITA_RE.fullmatch(text, a_tok.stop + 1, b_tok.start)
            ):  # also 每人每月580元和每人每年3900元
                bounds.append(a_tok.stop)
        # 分别增长4.4%5.9%5.8%: a copy lost the 、 between percentages (no mark to skip); with
        # no 分别 before them, whose the later ones are is unclear: they are dropped
        glued: set[int] = set()
        dropped: set[int] = set()
        lead: ValueToken | None = None
        for a_tok, b_tok in pairwise(toks):
            if b_tok.start == a_tok.stop and a_tok.unit_word == "%" and b_tok.unit_word == "%":
                lead = lead or a_tok
                glued.add(b_tok.start)
            else:
                lead = None
            if (
                lead is not None
                and b_tok.start in glued
                and "分别" not in text[max(self.start, lead.start - 12) : lead.start]
            ):
                glued.discard(b_tok.start)
                dropped.add(b_tok.start)
        if dropped:
            toks = [t for t in toks if t.start not in dropped]
        # 同比增长6%社会消费品零售总额完成17亿元: a copy lost the stop after a percentage, and
        # a catalogued subject with its verb opens the next clause right after it
        run_on = {
            a_tok.stop
            for a_tok, b_tok in pairwise(toks)
            if a_tok.unit_word == "%" and self._opens_clause(a_tok.stop, b_tok.start)
        }
        bounds.extend(glued | run_on)
        bounds.sort()
        bounds.append(self.end)
        segments: list[tuple[int, int, str, list[ValueToken]]] = []
        ti = 0
        for i in range(len(bounds) - 1):
            a = bounds[i] + (1 if i and bounds[i] not in glued and bounds[i] not in run_on else 0)
            b = bounds[i + 1]
            mine = []
            while ti < len(toks) and toks[ti].start < b:
                if toks[ti].start >= a:
                    mine.append(toks[ti])
                ti += 1
            if a >= b and not mine:
                continue
            delim = text[a - 1] if i else ""
            if i and bounds[i] in run_on:
                delim = ","
            elif delim in _VALUE_AND or (i and bounds[i] in glued):
                delim = "、"
            segments.append((a, b, delim, mine))
            self.seg_bounds.append((a, b))
        return segments

    def _opens_clause(self, pos: int, limit: int) -> bool:
        """Whether a clause with no mark before it opens at ``pos``: a Han character no value
        is followed by, then a catalogued subject and its verb, up to the next value at
        ``limit`` (``社会消费品零售总额完成`` in ``增长6%社会消费品零售总额完成17亿元``)."""
        text = self.text
        if not (pos < limit <= pos + _HEAD_WINDOW) or _followed_ok(text, pos, limit):
            return False
        phrase = text[pos:limit]
        if _DELIM.search(phrase) or not is_cjk(phrase[0]):
            return False
        name = phrase
        for _ in range(3):  # 完成, 达到, 增长, 为: the words between a subject and its value
            word = W.VERB_SET.suffix(name) or W.ADVERB_SET.suffix(name)
            word = word or W.QUAL_PRE_SET.suffix(name)
            if not word:
                break
            name = name[: len(name) - len(word)]
        return name != phrase and len(name) >= 2 and self.ex.catalog.match(name) is not None

    def _chains(self, segments: list[tuple[int, int, str, list[ValueToken]]]) -> None:
        """Group list continuations with their head item; back-fill units; split subjects."""
        heads: list[_Item] = []
        for i, item in enumerate(self.items):
            item.index = i
            if item.cont and heads:
                heads[-1].chain.append(item)
                item.lead = heads[-1]
            else:
                item.chain = [item]
                heads.append(item)
        for h in heads:
            chain = h.chain
            # 分别达3.2万亿、2.7万亿、9600亿元: an elided unit comes from a later item.
            donor: _Item | None = None
            for it in reversed(chain):
                if it.tok.unit:
                    donor = it
                    continue
                if donor is None or donor.tok.is_rank:
                    # a lone bare ratio (收入比缩小至1.65) is read in _row; else unreadable
                    it.skip = len(chain) > 1 or not it.head.subject.endswith(W.RATIO_SUBJECTS)
                    continue
                it.tok.unit = donor.tok.unit
                it.tok.unit_zh = it.tok.unit_zh + donor.tok.unit_word
            self._subjects(h, segments)

    def _pending(
        self, seg: int, segments: list[tuple[int, int, str, list[ValueToken]]]
    ) -> list[tuple[str, int]]:
        """No-value segments joined by 、 right before segment ``seg`` (城镇、农村...)."""
        out: list[tuple[str, int]] = []
        j = seg - 1
        while j >= 0 and segments[seg if not out else j + 1][2] == "、" and not segments[j][3]:
            s_start, s_end = segments[j][0], segments[j][1]
            out.insert(0, (W.strip_lead(self.text[s_start:s_end]), s_start))
            j -= 1
        return out

    def _subjects(self, h: _Item, segments: list[tuple[int, int, str, list[ValueToken]]]) -> None:
        chain = h.chain
        if h.subject:  # a count's following noun phrase
            return
        subj, subj_start = h.head.subject, h.head.subject_start
        scopes = h.head.gap_scopes
        if scopes and len(scopes) == len(chain):
            # 年均增长13.7%,分别高于全国全省5.9和2.9个百分点: one subject, one gap per scope
            for it, scope in zip(chain, scopes, strict=True):
                it.subject, it.subject_start, it.gap_scope = subj, subj_start, scope
            return
        pending = self._pending(h.seg, segments) if subj else []
        urban_rural = (
            (_split_urban_rural(subj, subj_start) or _split_deposits_loans(subj, subj_start))
            if not pending
            else []
        )
        rural = _RURAL_OF.get(strip_area_prefix(pending[0][0]), "") if pending else ""
        if len(pending) == 1 and rural and subj.startswith(rural) and len(subj) > len(rural) + 1:
            # 城、乡居民人均可支配收入分别为22694元、9527元, 城镇、农村居民人均可支配收入29462元、
            # 16733元 (no 分别): 城镇居民... and 农村居民..., one value each
            rest = subj[len(rural) :]
            urban_rural = [("城镇" + rest, pending[0][1]), ("农村" + rest, subj_start)]
            pending = []
        # 完成3725亿元,增长7.2%、全省第一: a value and the rank it gives, one subject (the one
        # named before, when the value has none of its own), not a list of two
        ranked = (
            not subj
            and h.head.dist != "分别"
            and not chain[0].tok.is_rank
            and all(it.tok.is_rank for it in chain[1:])
        )
        # 分别增长8%和9%, and 增长4.5%和6.2% with no subject of its own: one value each.
        # 万元GDP水耗、电耗累计下降40.7%和31.6% (no 分别): changes of short heads sharing the
        # first item's modifier, as many as the subjects listed, one each
        paired = (
            len(pending) + 1 == len(chain) > 1
            and not h.head.dist
            and h.head.verb_kind == "change"
            and 2 <= len(subj) <= 3
            and all(2 <= len(name) <= 3 for name, _ in pending[1:])
            and all(it.tok.unit == "percent" for it in chain)
        )
        if (
            (h.head.dist == "分别" or not subj or urban_rural or paired)
            and len(chain) > 1
            and not ranked
        ):
            joined: list[tuple[str, int]] = []
            if urban_rural and len(chain) == 2:
                names = urban_rural
            elif subj:
                names = [*pending, (subj, subj_start)]
                if not pending:
                    joined = _split_industries(subj, subj_start) or _split_and(subj, subj_start)
                names = joined or names  # 接待人次和旅游总收入分别增长15%和20%
                if pending and len(names) + 1 == len(chain):
                    # 服务业、装备制造和高新技术产业投资分别增长55%、38%和45%: the last item
                    # joins two with 和, as its values do
                    last = _split_and(subj, subj_start)
                    if len(last) == 2:
                        names = [*pending, *last]
            else:
                names = self._previous_subjects(h, len(chain))
                first = chain[0].tok.start
                if (
                    not names
                    and _PASSED.fullmatch(self.text, self._segment_start(first), first)
                    and all(it.tok.unit == chain[0].tok.unit for it in chain)
                    and self._step_subject() is not None
                ):
                    # 经济总量连跨两个台阶,连续突破五千亿元、六千亿元: the steps' subject passed
                    # each (left unnamed here: the clause of steps names it for every value)
                    return
            if len(names) != len(chain):
                for it in chain:
                    it.skip = True
                return
            if subj and not urban_rural:
                names = self._complete(names, guess=not joined)
            for it, (name, start) in zip(chain, names, strict=True):
                it.subject, it.subject_start = name, start
            return
        # 财政、税收收入总量保持全市第一: a rank after a bare modifier and its sibling (no 均)
        # is each one's, as 均 says (a sibling with a head of its own stays unclear)
        elided = (
            len(pending) == 1
            and chain[0].tok.is_rank
            and len(strip_area_prefix(pending[0][0])) == 2
            and h.head.verb_kind == "rank"
        )
        if pending and (h.head.dist in ("均", "分别") or elided) and len(chain) == 1:
            # 城镇、农村居民收入均增长7%: one value, several subjects.
            h.subject, h.subject_start = subj, subj_start
            h.chain = [h]
            extra = self._complete([*pending, (subj, subj_start)])
            self._share(h, extra)
            return
        if pending:
            whole = self.text[pending[0][1] : subj_start + len(subj)]
            lead = W.strip_lead(whole)
            subj, subj_start = lead, pending[0][1] + len(whole) - len(lead)
        elif h.head.dist == "均" and urban_rural and len(chain) == 1:
            h.subject, h.subject_start = subj, subj_start
            self._share(h, urban_rural)
            return
        elif h.head.dist == "各":
            # 新建工程技术研究中心和重点实验室各1家: one value for each subject listed (the
            # list's shared verb, where it has one, is every one's); a list that does not split
            # into whole names (新认定省市"专精特新"企业各50家) is withheld
            parts = _SPLIT_AND.split(subj)
            listed = len(parts) > 1 and all(2 <= len(p) <= 12 and "的" not in p for p in parts)
            if listed:
                # 升级改造市政垃圾站和市政公厕各10座: the first item's verb is the list's
                verb = _lead_verb(parts[0])
                parts[1:] = [p if _lead_verb(p) else verb + p for p in parts[1:]]
            names = [(p, subj_start) for p in parts] if listed else []
            names = names or (urban_rural if len(chain) == 1 else [])
            for it in chain:
                it.skip = True
            if names and len(chain) == 1:
                h.skip = False
                h.subject, h.subject_start = subj, subj_start
                self._share(h, names)
            return
        elif h.head.dist == "均" and subj:
            names = _split_and(subj, subj_start)
            if names:
                h.subject, h.subject_start = subj, subj_start
                self._share(h, names)
                return
        elif not h.head.dist and len(chain) == 1 and "和" in subj:
            # 城市居民可支配收入和农民人均纯收入年均增长10%以上: two figures (one of them
            # catalogued, each named as a figure) and one value, as 均 says; a joined name
            # that is not two figures (科学技术和信息化支出) stays whole
            names = _split_and(subj, subj_start)
            cat = self.ex.catalog
            coded = [cat.match(name) is not None for name, _ in names]
            figures = all(
                c or n.endswith(_FIGURE_HEADS) for c, (n, _) in zip(coded, names, strict=True)
            )
            if names and any(coded) and figures:
                h.subject, h.subject_start = subj, subj_start
                self._share(h, names)
                return
        for it in chain:
            it.subject, it.subject_start = subj, subj_start

    def _share(self, h: _Item, names: list[tuple[str, int]]) -> None:
        """One value stated for several subjects (均): one item per subject."""
        clones = []
        for name, start in names:
            clone = _Item(h.tok, h.seg, h.head, subject=name, subject_start=start)
            clone.chain = [clone]
            clones.append(clone)
        h.clones = clones

    def _previous_subjects(self, h: _Item, n: int) -> list[tuple[str, int]]:
        """分别 with no subject: the subjects of the items before, in order."""
        seen: list[tuple[str, int]] = []
        for it in reversed(self.items[max(0, h.index - 2 * n) : h.index]):
            if it.subject and not it.skip and (not seen or seen[-1][0] != it.subject):
                seen.append((it.subject, it.subject_start))
            if len(seen) == n:
                return seen[::-1]
        return []

    def _complete(self, names: list[tuple[str, int]], guess: bool = True) -> list[tuple[str, int]]:
        """Fill elided heads of list items from the last item (城镇 -> 城镇居民...收入).

        Without ``guess`` only a catalog alias completes a name (X和Y lists name whole
        noun phrases: 接待人次和旅游总收入 is not 接待人次收入)."""
        industries = _industry_names(names) or self._area_names(names)
        if industries is not None:
            return industries
        last = names[-1][0]
        if (c := _COUNTED_LIST.search(last)) is not None and c.start() > 0:
            # 电子信息、绿色建材和装配式建筑两大主导产业产值: the head after the count is every
            # item's (电子信息主导产业产值), the last item's own words end before the count
            head = last[c.end() :]
            return [(name + head, start) for name, start in names[:-1]] + [
                (last[: c.start()] + head, names[-1][1])
            ]
        if (g := _ETC_HEAD.fullmatch(last)) is not None and len(names) > 1:
            # 电子信息、汽车、专用装备等产业规模均超过千亿元: the head after 等 is every
            # item's (电子信息产业规模), the last item's own words end at 等
            head = g.group(2)
            return [(name + head, start) for name, start in names[:-1]] + [
                (g.group(1) + head, names[-1][1])
            ]
        out = []
        cat = self.ex.catalog
        for name, start in names[:-1]:
            full = name
            parallel = _parallel_head(name, last)
            if parallel:
                full = parallel  # 城镇、农村居民: 城镇居民; 14号、16号线: 14号线
            elif cat.match(name) is None:
                for k in range(1, len(last)):
                    cand = name + last[k:]
                    if cat.is_alias(strip_area_prefix(cand)) or cat.is_alias(cand):
                        full = cand
                        break
                else:
                    _, suffix = _ends_with(last, W.METRIC_SUFFIXES) if guess else ("", "")
                    # (事故宗数、死亡人数分别下降: an item that ends as the head does, 数,
                    # names its own measure: two subjects, not 事故宗数人数)
                    own = suffix and name[-1] == suffix[-1]
                    if suffix and not own and not _ends_with(name, W.METRIC_SUFFIXES)[1]:
                        # 食品、药品抽检合格率: the name replaces the head it parallels
                        tail = last[len(name) :] if len(last) > len(name) + len(suffix) else ""
                        q = _shared_head_at(last)
                        if q > 0:
                            # 装备制造业、高新技术产业增加值占规上工业的比重, 工业机器人、
                            # 风力发电机组产量: the head the items share starts at a head word
                            # of the last (增加值, 产量), not where this item's length puts it
                            tail = last[q:]
                        full = name + (tail if tail.endswith(suffix) else suffix)
            out.append((full, start))
        out.append(names[-1])
        return self._per_gdp(_rate_list(_front_modifier(out, names)))

    def _per_gdp(self, names: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """单位地区生产总值能耗和二氧化碳排放, 万元GDP用水量、能耗、二氧化碳排放: the first item's
        per-GDP prefix is every item's, where the catalog knows the whole name."""
        first = strip_area_prefix(names[0][0])
        prefix = next((p for p in _PER_GDP if first.startswith(p) and len(first) > len(p)), "")
        if not prefix:
            return names
        cat = self.ex.catalog
        out = [names[0]]
        for name, start in names[1:]:
            whole = prefix + name
            if not name.startswith(_PER_GDP) and cat.match(whole) is not None:
                name = whole
            out.append((name, start))
        return out

    def _area_names(self, names: list[tuple[str, int]]) -> list[tuple[str, int]] | None:
        """赣州、吉安经济总量: each area takes the subject the last item names after its own."""
        last = self.ex.areas.split(names[-1][0]) if len(names) > 1 else None
        if last is None:
            return None
        gaz = self.ex.areas
        if not all(gaz.lookup(n) is not None for n, _ in names[:-1]):
            return None
        rest = last[2]
        return [(n + rest, start) for n, start in names[:-1]] + [names[-1]]

    def _step_subject(self) -> tuple[str, int] | None:
        """The subject of a clause of steps passed (``_STEP_CLAUSE``) or of a trend
        (``_STATE_CLAUSE``) before the sentence's first value, else None."""
        first = next((it.seg for it in self.items if not it.skip), 0)
        found = None
        for a, b in self.seg_bounds[:first]:
            state = _STATE_CLAUSE.fullmatch(self.text, a, b)
            if state is not None:
                # 财政一般预算持续增收,达到1.2亿元: a catalogued subject's trend, then its figures
                lead = W.strip_lead(state.group(1))
                if len(lead) >= 2 and self.ex.catalog.match(lead) is not None:
                    found = (lead, state.end(1) - len(lead))
                continue
            if not any(self.text.find(n, a, b) >= 0 for n in W.STEP_NOUNS):
                continue  # (a cheap test before the pattern)
            m = _STEP_CLAUSE.fullmatch(self.text, a, b)
            if m is not None:
                lead = W.strip_lead(m.group(1))
                at = m.end(1) - len(lead)
                if (ya := _YEAR_AFTER_SUBJECT.search(lead)) is not None:
                    lead = lead[: ya.start()]  # 地区生产总值2018年突破百亿元大关: its year
                if lead and _valid_subject(lead) and lead not in W.GENERIC:
                    found = (lead, at)
        return found

    def _lead_area(self) -> tuple[str, str] | None:
        """(name, code) of another area whose goals the sentence lists after a lead clause
        before its first value (``卫辉市提出的目标是:GDP增速15%,...``), else None."""
        first = next((it.seg for it in self.items if not it.skip), 0)
        found = None
        for a, b in self.seg_bounds[:first]:
            other = self.ex.areas.split(self.text[a:b].strip())
            if other is not None and _AREA_GOAL_LEAD.fullmatch(other[2]):
                found = other[0], other[1]
        return found

    def _emit(self) -> list[ExtractedObservation]:
        out: list[ExtractedObservation] = []
        seen: set[tuple[str, str, float, float | None, str, str]] = set()
        carried: tuple[str, int] | None = self._step_subject()
        named: list[tuple[str, int]] = []  # the distinct subjects of the rows so far
        listed: list[tuple[str, int]] = []  # the subjects of the last 分别 clause, if it was last
        changed: str | None = None  # the period of the sentence's last growth
        # the distinct subjects of the last 、-list of values (not ranks), and its first item
        list_lead: _Item | None = None
        list_names: list[tuple[str, int]] = []
        for item in self._expanded():
            if item.of_plan:
                if item.plan_subject is not None:
                    carried = item.plan_subject  # ...完成调整任务的100%,达到413.84亿元
                continue
            if item.skip:
                continue
            head = item.lead.head if item.lead is not None else item.head
            subject, s_start = item.subject, item.subject_start
            if (
                item.tok.unit == "percentage_point"
                and head.verb in W.GROWTH_NOUNS
                and head.linking
                and head.gap is None
                and not head.compared
            ):
                continue  # 连续三年增幅超13个百分点: a growth written in points, no change of one
            if (
                item.tok.is_rank
                and head.dist == "均"
                and (not subject or subject in W.GENERIC)
                and len(named) >= 2
                and _HUNDRED_GROUP.search(self.text, item.tok.start, item.tok.end) is None
            ):
                # 研发投入占GDP比重15.8%,PCT国际专利申请量超5800件,均全市第一: each subject of
                # the sentence ranks so (more than three: which ones is unclear, none); after
                # a 分别 clause its subjects (地区生产总值7569.5亿元,财政总收入、一般公共预算收入
                # 分别达到1073.6亿元和638.7亿元,均保持全省第三: the two revenues)
                ranked = listed if len(listed) >= 2 else named
                for name, at in ranked if len(ranked) <= 3 else ():
                    row = self._row(item, head, name, at)
                    if row is not None and self._new_key(row, seen):
                        out.append(row)
                carried = None
                continue
            if item.tok.is_rank and (
                not subject or subject in W.GENERIC or self._names_only_the_area(subject)
            ):
                g = _HUNDRED_GROUP.search(self.text, item.tok.start, item.tok.end)
                if g is not None:
                    # 排名全国综合竞争力百强区第22位, 位居全国工业百强区榜首: the area ranks
                    # among the hundred best; the group says in what
                    subject, s_start = g.group(1), g.start(1)
            if carried is not None and subject and self.ex.areas.other(subject) is not None:
                # 全省生产总值增长4.1%,其中赣州增长5%: the area's figure for the same subject
                base = carried[0]
                own = self.ex.areas.split(base)
                subject = subject + (own[2] if own is not None else strip_area_prefix(base))
            elif subject in _INCREMENT_WORDS:
                # 全区新增床位超6000张、增量全市第一: the new things the clause before names;
                # of a stock (存款余额...、增量第一) or of several subjects (均) it names none
                if (
                    carried is not None
                    and head.dist != "均"
                    and not head.verb
                    and subject == "增量"
                    and item.tok.unit == "CNY"
                    and not item.tok.is_rank
                    and not any(w in carried[0] for w in _NEW_VERBS)
                    and self.ex.catalog.match(carried[0]) is not None
                    and _AMOUNT_PREV.search(self.text, max(0, s_start - 24), s_start) is not None
                ):
                    # 实现本地生产总值7630.59亿元,增长9.1%,增量超过1100亿元: the year's
                    # increase of the catalogued amount just named
                    subject, s_start = carried
                    head = replace(head, verb="增加", verb_kind="change", sign=1)
                elif (
                    carried is None
                    or head.dist == "均"
                    or not any(w in carried[0] for w in _NEW_VERBS)
                ):
                    carried = None  # 增量1.5万亿元、占全国比重11.3%: nothing for 占 to borrow
                    continue
                else:
                    subject, s_start = carried
            elif (subject in W.GENERIC or not subject) and (
                paired := self._list_rank(item, list_names)
            ) is not None:
                # 城镇、农村居民人均可支配收入分别达到39098元、16340元,增长4.7%、5.1%,总量全市
                # 第二、第三: as many ranks as the list before has subjects, one each
                subject, s_start = paired
            elif subject in W.GENERIC or not subject:
                if carried is None:
                    continue
                extra = subject if subject and subject not in W.NOTHING_TO_ADD else ""
                base = carried[0]
                share = base.find("占全") if item.tok.is_rank and not extra else -1
                if share >= 0 and base.endswith(_SCOPE_NAMES, share + 1):
                    # 专利授权数总量占全市26.3%,连续两年全市排名第一: the amount ranks (as its
                    # share of the whole does); not 诊疗量占比57%,居全市第一 (a ratio ranks)
                    base = base[:share]
                    if not base:
                        continue
                # 新增上市公司5家,累计达到32家: a stock, not the new ones
                # (新增污水日处理能力280万吨、累计达760万吨: the capacity, whatever the unit)
                stock = (
                    not extra
                    and item.head.multi_year
                    and (item.tok.unit == "count" or item.head.cumulative)
                )
                if extra in ("总数", "总量", "规模") and base.endswith(_RATIO_HEADS):
                    continue  # 研发投入占...比重保持在93%以上,总量稳居...: the total of what?
                if extra in ("总数", "总量") or stock:  # 新增上市公司13家、总数达到139家
                    new_verb = next((v for v in _NEW_VERBS if base.startswith(v)), "")
                    base = base[len(new_verb) :]
                if extra and base.endswith(extra):
                    extra = ""  # 总量全市第一、全省第二: both the 总量's (not 总量总量)
                elif item.tok.is_rank and (
                    subject in W.GROWTH_WORDS or head.verb in W.GROWTH_NOUNS
                ):
                    # 总量全市第二,增速全市第一: the growth's rank is the subject's, not its
                    # 总量's (经济总量 keeps its name)
                    base = self._without_total(base)
                subject, s_start = base + extra, carried[1]
            elif subject.startswith(("占", "比", "较")) and carried is not None:
                if subject.startswith("占") and subject.endswith("的"):
                    subject = subject[:-1]  # 研发投入达到643亿元,占GDP的4.02%: its share of GDP
                base = carried[0]
                if (
                    subject.startswith("占")
                    and base.endswith(("总量", "总数"))
                    and self.ex.catalog.match(strip_area_prefix(base[:-2] + subject)) is not None
                ):
                    # 研发投入…,总量跃居全国城市第二,占地区生产总值比重6.46%: the R&D intensity
                    base = base[:-2]
                subject, s_start = base + subject, carried[1]
            elif (
                subject == "人均"
                and carried is not None
                and self.ex.catalog.match(per_head := "人均" + strip_area_prefix(carried[0]))
                is not None
            ):
                # 地区生产总值...达到160亿元,人均突破15万元: per head of the subject before
                subject, s_start = per_head, s_start
            elif (
                subject == "增加值"
                and carried is not None
                and (output := _OUTPUT_OF.match(strip_area_prefix(carried[0]))) is not None
            ):
                # 规上工业总产值...增长30亿元以上,增加值增长13.5%: the value added of the
                # output named before
                subject, s_start = output.group(1) + "增加值", carried[1]
            elif carried is not None and item.tok.is_rank and _SCOPED_RANK.fullmatch(subject):
                # 经济总量实现历史性突破,在全国的排位从2015年第23位跃升到第18位: the rank of
                # the subject before, in the group named (read by _RANKED_IN)
                subject, s_start = carried[0] + subject, carried[1]
            elif carried is not None and _SCOPED_SHARE.fullmatch(subject):
                # 地区生产总值...,总量迈上4千亿元台阶,在全省占比由22.5%提高到23.5%: the share
                # of the subject before (its 总量's)
                base = carried[0].removesuffix("总量")
                subject, s_start = (base if len(base) >= 2 else carried[0]) + subject, carried[1]
            elif subject.startswith("占") and item.tok.unit == "percent":
                continue  # 占全国比重11.3% with no subject before it: a share of nothing named
            elif (
                item.tok.unit == "percent"
                and 3 <= len(subject) <= 5
                and subject.endswith("率")
                and 0 < s_start < len(self.text)
                and self.text[s_start - 1] == "、"
                and (
                    rated := _RATED_BEFORE.search(
                        self.text[self._segment_start(s_start - 2) : s_start - 1]
                    )
                )
                is not None
            ):
                # 实现生活垃圾100%无害化处理、回收利用率超过45%: the rate of the thing the item
                # before names ahead of its figure (生活垃圾回收利用率)
                subject = rated.group(1) + subject
            if item.tok.unit != "percentage_point" and _EXCESS.match(subject):
                # 固定资产投资完成17亿元,超额完成年度任务2.1亿元,增长20.6%: an excess over a
                # task is no observation; the growth after is the investment's
                continue
            if item.tok.unit != "count" and _FIGURE_IN_SUBJECT.search(subject):
                # 新能源装机总量达695万千瓦新能源年发电量超130亿千瓦时: two clauses run on (a
                # count's subject may hold a threshold: 营收超10亿元重点科技企业5家)
                continue
            if not _valid_subject(subject):
                if len(subject) == 1:
                    carried = None  # 47.4万人年、居全国城市首位: not the subject before 年
                continue
            if self.cut and 0 <= s_start < self.seg_bounds[0][1]:
                continue
            if (
                carried is not None
                and item.tok.unit not in ("", "percent", "percentage_point", "CNY")
                and not item.tok.is_rank
                and not head.verb
                and 0 < s_start < len(self.text)
                and self.text[s_start - 1] == "、"
                and not subject.startswith((*_NEW_VERBS, *_OWN_VERBS))
                # (招引项目26个、总投资116.2亿元: the projects' total, nothing new of its own)
                and not (item.tok.unit != "count" and subject.startswith("总"))
                and (shared := _SHARED_NEW.match(_AREA_WHOLE.sub("", carried[0], count=1)))
                is not None
            ):
                # 新增国家级高新技术企业2200家、科技型中小企业1.2万家: the list shares 新增, for
                # its subject and for its dating (新增造林绿化面积1510万亩、绿地面积51.53万公顷
                # in a five-year review: both added over its years)
                subject = shared.group(0) + subject
                head = replace(head, new=True)
            if (more := _UNCOUNTED_MORE.search(subject)) is not None and more.start() >= 2:
                # 新建100个城市书房和一大批社区便民文体设施: the count is of the first noun only
                subject = subject[: more.start()]
            parts = self._bound_parts(item, head, subject)
            if parts:
                # 新兴产业增加值、固定资产投资总额、社会消费品零售总额突破千亿元: each item
                # passed the bound, one row each
                carried = (subject, s_start)
                for part in parts:
                    row = self._row(item, head, part, s_start)
                    if row is not None and self._new_key(row, seen):
                        out.append(row)
                continue
            carried = (subject, s_start)
            if (over := _OVER_GOAL.search(subject)) is not None and over.start() >= 2:
                # 地区生产总值比"十二五"目标高出313.8亿元,年均增速达10.8%: the clause after
                # borrows the subject, not its excess over the goal
                carried = (subject[: over.start()], s_start)
            row = self._row(item, head, subject, s_start)
            if row is None or not self._new_key(row, seen):
                continue
            if row.measure != "rank":
                lead = item.lead or item
                if lead is not list_lead:
                    list_lead, list_names = lead, []
                if all(n != subject for n, _ in list_names):
                    list_names.append((subject, s_start))
            if row.measure != "rank" and all(n != subject for n, _ in named):
                named.append((subject, s_start))
            if row.measure != "rank":
                if head.dist != "分别":
                    listed = []
                elif all(n != subject for n, _ in listed):
                    listed.append((subject, s_start))
            if row.measure in ("growth", "avg_growth"):
                changed = row.time_period
            elif (
                row.measure == "pp_gap"
                and changed is not None
                and "/" in changed
                and changed.endswith("/" + row.time_period)
            ):
                # 年均增长13.7%,分别高于全国全省5.9和2.9个百分点: a gap between the averages
                row = msgspec.structs.replace(row, time_period=changed)
            out.append(row)
        return out

    def _bound_parts(self, item: _Item, head: _Head, subject: str) -> list[str]:
        """The items of a 、-list of amounts that share one bound (``新兴产业增加值、固定资产投资
        总额、社会消费品零售总额突破千亿元``), else []: each item is a whole amount's name."""
        if "、" not in subject or item.tok.unit != "CNY" or head.dist == "分别":
            return []
        if head.qualifier not in ("gt", "ge") and head.dist != "均":
            return []
        if _RUN_NEXT.match(self.text, item.tok.end):
            return []  # 分别达3.2万亿、2.7万亿: a run of values, one per item
        parts = subject.split("、")
        if len(parts) < 2 or not all(len(p) >= 4 and p.endswith(_AMOUNT_HEADS) for p in parts):
            return []
        return parts

    def _without_total(self, name: str) -> str:
        """``name`` without a 总量 (总数, 规模) appended to a subject the catalogue codes the
        same without it (地区生产总值总量 -> 地区生产总值; 经济总量 stays)."""
        cat = self.ex.catalog
        for w in _TOTAL_WORDS:
            rest = name[: -len(w)]
            if name.endswith(w) and len(strip_area_prefix(rest)) >= 4:  # (经济总量: 经济)
                ind = cat.match(rest)
                if ind is not None and ind is cat.match(name):
                    return rest
        return name

    @staticmethod
    def _list_rank(item: _Item, names: list[tuple[str, int]]) -> tuple[str, int] | None:
        """The subject of a rank in a 、-list of as many ranks as ``names`` has subjects (two
        or three): the one at its place, with the list's own word (总量) after it."""
        lead = item.lead or item
        chain = lead.chain
        if not 2 <= len(chain) <= 3 or len(names) != len(chain):
            return None
        if not all(it.tok.is_rank for it in chain) or item not in chain:
            return None
        name, at = names[chain.index(item)]
        extra = lead.subject if lead.subject in ("总量", "总数", "规模") else ""
        return name + extra, at

    @staticmethod
    def _new_key(
        row: ExtractedObservation, seen: set[tuple[str, str, float, float | None, str, str]]
    ) -> bool:
        """Whether ``row`` says something no earlier row of the sentence said (then noted)."""
        key = (
            row.indicator_code or row.indicator_zh,
            row.measure,
            row.obs_value,
            row.obs_value_max,
            row.compare_scope,
            row.ref_area,
        )
        if key in seen:
            return False
        seen.add(key)
        return True

    def _expanded(self) -> list[_Item]:
        out: list[_Item] = []
        for it in self.items:
            out.extend(it.clones if it.clones is not None else (it,))
        return out

    def _rate_reached(self, item: _Item) -> bool:
        """Whether the percent reached at ``item`` ends a growth rate's rise or fall from the
        value just before it (``增速从2011年的3.3%提高到32.4%``)."""
        if item.index == 0:
            return False
        before = self.items[item.index - 1]
        return (
            before.head.origin
            and before.seg == item.seg
            and before.head.verb in W.GROWTH_NOUNS
            and before.tok.unit == "percent"
        )

    def _rank_reached(self, item: _Item, head: _Head) -> _Item | None:
        """The start rank just before a rank reached from it (由全省第4位跃升至第3位: the
        province's 4th), else None."""
        if not head.to_level or item.index == 0 or item.tok.rank_scope:
            return None
        before = self.items[item.index - 1]
        if not (before.head.origin and before.tok.is_rank and before.seg == item.seg):
            return None
        return before

    def _row(
        self, item: _Item, head: _Head, subject: str, s_start: int
    ) -> ExtractedObservation | None:
        tok = item.tok
        measure, unit, scope, sign = "level", tok.unit, "", 1
        if tok.is_rank:
            start = self._rank_reached(item, head)
            lead = item.lead.tok if item.lead is not None else None
            # 总量全市第二、第三: a bare position after a scoped one in its list is the scope's
            own = tok.rank_scope or (lead.rank_scope if lead is not None and lead.is_rank else "")
            if head.verb_kind != "rank" and not own and start is None:
                return None
            if (
                head.verb_kind == "change"
                and start is None
                and not (own and (item.cont or head.verb in W.GROWTH_NOUNS))
            ):
                return None  # 增长5%、全省第二, 增速全市第一: the rank of the value before it
            if "、" in subject and not head.dist:
                return None  # 群众安全感、扫黑除恶满意度连续4年排名全省第一: whose rank is unclear
            parts = subject.split("和") if "和" in subject else []
            if not head.dist and any(0 < len(p) < 3 for p in parts):
                return None  # 建成2400公里绿道,总长和密度居珠三角城市首位: of what, unclear
            measure, scope = "rank", tok.rank_scope or (start.tok.rank_scope if start else "")
            if scope == "region":
                if not self.ex.in_region:
                    return None  # 全区第一 in a district's report: no group named
                scope = "province"  # 签约项目数量全区第一 in 赤峰 (内蒙古自治区)
            if not scope and (r := _RANKED_IN.fullmatch(subject)) is not None:
                scope, subject = SCOPES[r.group(2)], r.group(1)
            if not scope and lead is not None and lead.is_rank:
                scope = lead.rank_scope  # 分别居全市第2位和第3位
            if not scope and (g := _COUNTY_GROUP.match(subject)) is not None:
                # 全省县域经济排名第5: the counties of the province rank; 县域经济 is ranked
                scope, subject = SCOPES[g.group(1)], subject[len(g.group(1)) :]
        elif unit == "percentage_point":
            if head.gap is not None:
                if len(head.gap_scopes) > 1 and item.gap_scope is None:
                    return None  # 高于全国、全省2.2个百分点: one figure for several, unclear
                measure, (sign, scope) = "pp_gap", head.gap
                scope = item.gap_scope if item.gap_scope is not None else scope
            elif head.verb_kind == "change":
                measure, sign = ("avg_pp_change" if head.average else "pp_change"), head.sign
            else:
                return None
        elif unit == "percent":
            if head.gap is not None or (head.verb_kind == "rank" and head.verb != "保持"):
                return None  # 保持100%: a level kept, not a rank
            if head.verb_kind == "change" and not head.to_level:
                measure, sign = ("avg_growth" if head.average else "growth"), head.sign
            elif head.to_level and self._rate_reached(item):
                measure = "growth"  # 增速从2011年的3.3%提高到32.4%: the growth rate reached
            elif subject.endswith(_PRICE_INDEX) and not head.average:
                measure = "growth"  # 居民消费价格指数控制在3%以内: a price index's rise
        elif tok.unit_word == "‰":
            # 人口自然增长率控制在7.6‰以内: a rate per thousand, a level as written (增长率 is
            # read as a verb: it belongs to the subject); 下降0.5‰ has no measure
            if head.verb_kind == "change" and not head.verb.endswith("率"):
                return None
            if head.verb.endswith("率"):
                subject += head.verb
        elif tok.unit_word in ("位", "位次", "个位次", "名") and head.verb_kind == "change":
            if head.verb not in W.SHIFT_UP and head.verb not in W.SHIFT_DOWN:
                return None
            measure, unit = "rank_change", "rank"
            sign = 1 if head.verb in W.SHIFT_UP else -1
        elif item.follow_end >= 0:
            pass  # 增加3个国家级平台: a count of the things named after it
        elif (
            head.verb == "提升"
            and tok.unit_word in _WORK_UNITS
            and not subject.endswith(_AMOUNT_NOUNS)
            and not (head.to_level or head.average or head.origin)
        ):
            # 绿化提升19万平方米, 完成电机能效提升224.9万千瓦: the area or the power the work
            # was done on, a level of X提升 (but 公园绿地面积提升30万平方米: the area grew)
            subject += "提升"
        elif head.verb == "净增" and unit in ("CNY", "count"):
            # 五年间经济总量净增283.56亿元, 商事主体净增4.5万家: the stock named before 净增 gained
            # this much (a change); 净增规上工业企业175户 counts the things named after it (a
            # level, as the dev gold labels it)
            measure = "change"
        elif (
            head.verb_kind == "change"
            and head.verb in W.CHANGE_VERBS
            and head.gap is None
            and not head.to_level
            and not head.average
            and tok.unit_word != "倍"
        ):
            measure, sign = "change", head.sign  # 增加120亿元, 减少50平方公里
        elif head.gap is not None or (
            (head.verb_kind == "change" or (head.verb_kind == "rank" and head.verb != "保持"))
            and not head.to_level
        ):
            return None  # 年均增加120亿元, 增长2倍: no measure says what these are
        if not unit and measure == "level" and subject.endswith(W.RATIO_SUBJECTS):
            if tok.multiplier != 1.0 or tok.chinese or tok.value_max is not None:
                return None
            unit = "other"  # 城乡居民收入比缩小至1.65: a unitless ratio
        if not unit:
            return None
        if unit == "count" and item.follow_end < 0 and W.plan_items(subject):
            return None  # 出台举措4项, 完成重点民生实事36件: counts of a plan's items
        if unit == "count" and self._attendance():
            return None  # 本次大会应到人大代表302人,实到293人: the session, not the area
        if tok.unit_word == "倍":
            return None  # 是2010年的1.8倍: a multiple is not an observation
        if unit == "CNY" and subject.startswith(W.PER_AREA):
            unit = "other"  # 每平方公里GDP产出30.2亿元: money per area, not an amount
        if self._part_of_year(tok.start):
            return None  # 前三季度增长5.2%: not the year's value
        if head.origin and head.year is None and measure not in ("level", "rank"):
            return None  # a start value is a level (or a rank); its year is settled in _period
        value, vmax = (
            tok.value * sign,
            (tok.value_max * sign if tok.value_max is not None else None),
        )
        if vmax is not None and vmax < value:
            value, vmax = vmax, value
        if vmax is not None:
            qualifier = "range"
        elif tok.qualifier:
            qualifier = tok.qualifier
        elif head.qualifier and measure not in ("rank", "rank_change"):
            qualifier = head.qualifier
        elif measure == "level" and unit == "percent" and "约占" in subject:
            # 民生类支出约占一般公共预算支出的七成: the share is about the value
            qualifier, subject = "approx", subject.replace("约占", "占", 1)
        else:
            qualifier = "eq"
        lead_at = item.lead.tok.start if item.lead is not None and item.lead is not item else -1
        if _cut_in_parentheses(
            self.text, self._segment_start(s_start if s_start >= 0 else tok.start), tok.start
        ):
            return None  # 每个县(市、区)每年至少培育10家: a clause cut inside a parenthesis
        dated = self._period(tok, head, measure, lead_at)
        if dated is None:
            return None  # 年均增长 with no years to average over: unclear, not guessed
        kind, period = dated
        if measure == "growth" and head.to_level and "/" in period and self._rate_reached(item):
            period = period.split("/")[1]  # 增速从2011年的3.3%提高到32.4%: the end year's rate
        cat = self.ex.catalog
        ref_area, ref_area_code, bare = self.ex.ref_area, self.ex.ref_area_code, subject
        other = self.ex.areas.split(subject)
        if other is None and self.lead_area is not None:
            # 卫辉市提出的目标是:GDP增速15%: the goals of the area the lead clause names
            ref_area, ref_area_code = self.lead_area
        if other is not None:  # 赣州经济总量: about 赣州市, not the document's area
            if _ZONE.search(other[2], 0, _ZONE_WINDOW):
                # 北京大兴国际机场临空经济区完成投资: a zone or facility named after the area,
                # not the area itself (and it may lie in the document's own area)
                return None
            ref_area, ref_area_code, bare = other
        ind = cat.match(bare) or self._by_context(bare, item.index, cat)
        if ind is None and tok.unit == "ug_m3" and strip_area_prefix(bare) in _BARE_PM25:
            ind = cat.by_code("pm25")  # PM2.5年均控制在24微克/立方米以下: its concentration
        elif ind is None and tok.unit == "percent" and _GOOD_DAYS.fullmatch(bare):
            ind = cat.by_code("air_quality_good_days")  # 城市空气质量优良天数达到70%: a share
        if (
            ind is not None
            and measure in ("pp_change", "avg_pp_change")
            and strip_area_prefix(bare) in _BARE_INDUSTRIES
        ):
            ind = None  # 一产和三产分别提高3.9和2.2个百分点: their shares moved, not value added
        # The quote is the clause: from the start of the subject's segment to the end of the
        # value's segment (never across a sentence end).
        seg_start, end = self.seg_bounds[item.seg]
        q_start = self._segment_start(s_start) if 0 <= s_start < tok.start else seg_start
        if end - q_start > _QUOTE_MAX:
            q_start = (
                seg_start
                if end - seg_start <= _QUOTE_MAX
                else max(seg_start, tok.start - _HEAD_WINDOW)
            )
            end = min(end, max(tok.stop, item.follow_end) + _HEAD_WINDOW)
        text = self.ex.stored  # quotes are cut from the stored text (繁體: same offsets)
        return ExtractedObservation(
            ref_area=ref_area,
            ref_area_code=ref_area_code,
            time_period=period,
            obs_kind=kind,
            indicator_code=ind.code if ind else "",
            indicator_zh=subject,
            indicator_en=ind.en if ind else "",
            measure=measure,
            obs_value=value,
            obs_value_max=vmax,
            qualifier=qualifier,
            unit="rank" if measure in ("rank", "rank_change") else unit,
            unit_zh=tok.unit_zh if not tok.is_rank else "",
            compare_scope=scope,
            value_text=text[tok.start : tok.end],
            quote=text[q_start:end],
            char_start=q_start,
            char_end=end,
        )

    def _built(self, pos: int) -> bool:
        """Whether the clause of the value at ``pos`` opens with a verb of building, doing or
        winning (建成, 完成, 获)."""
        a = self._segment_start(pos)
        i = bisect_right(self._seg_starts, pos) - 1
        b = self.seg_bounds[i][1] if i >= 0 else pos
        head = self._clause_head(pos, from_place=True)
        clause = self.text[a:b]
        built = head.startswith(W.BUILT_VERBS) or (
            head.startswith(_WORK_DONE) and not head.startswith("覆盖全")
        )  # (覆盖全部28个社区: the reach, every one of them, not work done)
        # 22个项目列入更新计划 in a review of several years: listed over them (not 115个列入计划
        # 项目, a kind of project)
        listed = _LISTED_AFTER.match(self.text, pos, b) is not None
        return built or listed or any(v in clause for v in _DONE_IN_CLAUSE)

    def _after_flow(self, pos: int) -> bool:
        """Whether the value at ``pos`` is in a clause of a subject and its figure only, right
        after a clause that counts things built or done (``_built_list``)."""
        a = self._segment_start(pos)
        if a < 2 or a == pos or self.text[a - 1] not in ",,":
            return False
        h = _parse_head(self.text, a, pos, False)
        if h.verb or h.qualifier or h.to_level or h.year is not None or h.cumulative:
            return False
        prev = a - 2
        for _ in range(3):
            if self._built_list(prev) and self._built_opening(prev):
                return True
            b = self._segment_start(prev)
            if b < 2 or self.text[b - 1] not in ",,":
                return False
            clause = self.text[b : prev + 1]
            if _RANK_IN.search(clause) is None and not (
                _TOTAL_OF_FLOW.search(W.strip_enum(clause)) or clause.startswith("总")
            ):
                return False
            # 共出让产业用地55宗,总用地面积240万平方米,土地供应规模居全市第一,涉及项目总投资
            # 382亿元: a rank or a total of the same flow in between
            prev = b - 2
        return False

    def _built_opening(self, pos: int) -> bool:
        """Whether the clause of the value at ``pos`` opens with a verb of building or doing
        (``BUILT_VERBS``), not only names one inside (园区累计建成面积48平方公里,入驻企业744户:
        the firms are a stock)."""
        return self._clause_head(pos).startswith(W.BUILT_VERBS)

    def _clause_head(self, pos: int, *, from_place: bool = False) -> str:
        """The words of the clause before the value at ``pos`` where its verb would stand:
        the enumerator and a leading 共/累计 total word dropped (新区共出让产业用地55宗, 共建设和
        筹集…住房), and with ``from_place`` a source place too (从上海引进内资项目244个)."""
        head = W.strip_enum(self.text[self._segment_start(pos) : pos])
        if (y := _YEARS_SPENT_LEAD.match(head)) is not None:
            head = head[y.end() :]  # 五年间实施千万元以上项目146个: the years, then the verb
        if from_place and (f := _FROM_PLACE.match(head)) is not None:
            head = head[f.end() :]
        if (t := _TOTAL_LEAD.match(head)) is not None:
            head = head[t.end() :]
        if (a := _MANNER_LEAD.match(head)) is not None:
            head = head[a.end() :]  # 依法拆除, 统一更换, 在县城区新安装: the verb after them
        return head

    def _new_opening(self, pos: int) -> bool:
        """Whether the clause of the value at ``pos`` opens with 新增 before a count written
        first (新增6个以上名师工作室): the verb a 、-list after it shares."""
        head = W.strip_enum(self.text[self._segment_start(pos) : pos + 1])
        return _NEW_COUNT_FIRST.match(head) is not None

    def _built_list(self, pos: int) -> bool:
        """``_built``, or a list item after one with no verb of its own: 建成国家级经济技术开发区
        1个、省级经济开发区4个 (but not ...1个、园区达到4个)."""
        comma = False  # whether a comma item was crossed: then the list must open with the verb
        for step in range(8):
            if self._built(pos) and (not comma or self._built_opening(pos)):
                return True
            if step and not comma and self._new_opening(pos):
                return True  # 新增6个以上名师工作室、1所九年一贯制学校: both added
            a = self._segment_start(pos)
            if a < 2 or self.text[a - 1] not in "、,,":
                return False
            if self.text[a - 1] != "、" and a == pos:
                return False  # (建成…10个,23个…: a comma item must name what it counts)
            if a < pos:  # (新建改造10个社区公园、75个社区共建花园: a count opening its item)
                h = _parse_head(self.text, a, pos, False)
                if h.verb or h.qualifier or h.to_level or h.subject.startswith(_OWN_VERBS):
                    return False
                if self.text[a - 1] != "、" and (
                    h.year is not None
                    or h.cumulative
                    or h.subject.startswith(("在建", "现有", "存量", "全", "其中"))
                    or len(h.subject) > 12
                ):
                    return False  # 建成保障房10499套,人才迷你公寓217套: a comma item too
            b = self._segment_start(a - 2)
            if (
                self.text[a - 1] != "、"
                and W.strip_enum(self.text[b : a - 1]).startswith(_ACTIVITY_VERBS)
                and not _ANY_NUMERAL.search(self.text, b, a - 1)
            ):
                return False  # (开展…试点城市建设,VC/PE机构4.6万家: an activity, no count)
            comma = comma or self.text[a - 1] != "、"
            pos = a - 2  # the value before the 、
        return False

    def _under_total(self, pos: int) -> bool:
        """Whether the value at ``pos`` is in a clause of a subject and its figure only, right
        after a clause that opens with 累计 (``累计引进外商直接投资项目3.2万个,实际利用外资
        1240亿美元``): the 累计 governs the list."""
        a = self._segment_start(pos)
        if a < 2 or a == pos or self.text[a - 1] not in ",,、":
            return False
        h = _parse_head(self.text, a, pos, False)
        if h.verb or h.qualifier or h.to_level or h.year is not None or not h.subject:
            return False
        if h.subject.startswith(("在建", "现有", "存量")):
            return False  # 五年累计列入更新计划项目62个,在建项目24个: a stock, not a total
        b = self._segment_start(a - 2)
        while self.text[a - 1] == "、" and b >= 2 and self.text[b - 1] == "、":
            # 五年累计完成固定资产投资2153亿元、社会消费品零售总额3095亿元、进出口总额3149亿美元:
            # the 、-list's first item opens with the 累计 that governs it
            b = self._segment_start(b - 2)
        return b < a - 1 and _TOTAL_OPENING.match(W.strip_enum(self.text[b : a - 1])) is not None

    def _stock_reached(self, tok: ValueToken, head: _Head) -> bool:
        """Whether ``累计达到`` before the value at ``tok`` says what stock was reached: of a
        count with a subject that names no flow (no 新增, nothing built or done), or of the
        subject a clause before names (新增污水日处理能力280万吨、累计达760万吨)."""
        before = W.strip_enum(self.text[self._segment_start(tok.start) : tok.start])
        if _STOCK_REACHED.search(before) is None:
            return False
        if not head.subject:
            return True
        s = head.subject
        flow = s.startswith(W.BUILT_VERBS) or any(v in s for v in _DONE_IN_CLAUSE)
        return tok.unit == "count" and not flow

    def _spent(self, pos: int) -> bool:
        """Whether the clause of the money at ``pos`` opens with a verb of spending or raising
        it (投资, 投入, 筹集; also after an area's name: 北京市投入帮扶资金)."""
        head = W.strip_enum(self.text[self._segment_start(pos) : pos])
        return _SPENT.match(head) is not None

    def _money_done(self, pos: int) -> bool:
        """Whether the money at ``pos`` is what was invested or brought in (``_MONEY_DONE``)."""
        head = W.strip_enum(self.text[self._segment_start(pos) : pos])
        return _MONEY_DONE.search(head) is not None

    def _attendance(self) -> bool:
        """Whether the sentence reports who attends the session (应到代表148名)."""
        if self._attends is None:
            i = self.text.find("代表", self.start, self.end)
            self._attends = (
                i >= 0 and W.ATTENDANCE.search(self.text, self.start, self.end) is not None
            )
        return self._attends

    def _done_to(self, start: int, pos: int) -> str:
        """The verb of work done that opens the clause (from ``start``) of a count written
        before its noun (新增5个街道综合文体中心, 打掉5个犯罪集团): it belongs to the subject,
        which without it reads as the whole stock; "" where the clause opens otherwise."""
        head = W.strip_enum(self.text[start:pos])
        if (lead := _MANNER_LEAD.match(head)) is not None:
            head = head[lead.end() :]
        while q := W.QUAL_PRE_SET.suffix(head):
            head = head[: -len(q)]  # 新增不少于5个…: the bound is the value's qualifier
        if not 2 <= len(head) <= 6 or not all(is_cjk(c) for c in head):
            return ""
        return head if head.startswith(_DONE_TO_VERBS) else ""

    def _names_only_the_area(self, subject: str) -> bool:
        """Whether a rank's subject is the document's own area and the years or a verb only
        (龙华稳居, 南山区连续多年, 获): the area ranks, the group it ranks in says in what."""
        for name in own_names(self.ex.ref_area):
            if subject.startswith(name):
                subject = subject[len(name) :]
                break
        return _RANK_LEAD_ONLY.fullmatch(subject) is not None

    def _segment_start(self, pos: int) -> int:
        i = bisect_right(self._seg_starts, pos) - 1
        if i >= 0 and pos < self.seg_bounds[i][1]:
            return self.seg_bounds[i][0]
        return pos

    def _by_context(self, subject: str, index: int, cat: Catalog) -> Indicator | None:
        """A short subject after a fuller one: its head elided (粮食播种面积...、产量 ->
        粮食产量) or its modifier replaced (居民人均可支配收入..., 其中城镇居民45612元 ->
        城镇居民人均可支配收入; 出口总额..., 进口 -> 进口总额)."""
        if len(subject) > 4:
            return None
        for prev in reversed(self.items[max(0, index - 4) : index]):
            name = prev.subject
            if not name or name == subject:
                continue
            for k in range(len(name) - 1, 0, -1):
                cand = strip_area_prefix(name[:k]) + subject
                if cat.is_alias(cand):
                    return cat.match(cand)
            bare = strip_area_prefix(name)
            for k in range(1, len(bare)):
                cand = subject + bare[k:]
                if len(bare) - k >= 2 and cat.is_alias(cand):
                    return cat.match(cand)
            if len(name) > 4:
                return None  # only an elided sibling (城镇居民、农村居民) is looked past
        return None

    def _scan_time_words(self) -> None:
        """Find, once per sentence, explicit years and the first target marker."""
        text, start, end = self.text, self.start, self.end
        hints: list[tuple[int, int, bool]] = []
        m = _YEAR_START.match(text, start, end)
        if m is None and self.section.span is not None:
            # 2020年建成学校5所, 2018年57个贫困村全部退出 in a five-year review: the year the
            # clause names (not 2018年5月)
            lead = _ESTIMATE_LEAD.match(text, start, end)
            s0 = lead.end() if lead is not None else start  # 预计2015年新区...增长35.55%
            m = _YEAR_SEGMENT.match(text, s0, end) or _YEAR_COUNT.match(text, s0, end)
        if m:
            hints.append((m.start(), int(m.group(1)), False))
        elif self.carry is not None:
            hints.append((start, self.carry, self.carry_future))
        for m in _YEAR_HINT.finditer(text, start, end):
            if m.group(1):
                hints.append((m.start(), int(m.group(1)), True))
            else:
                hints.append((m.start(), int(m.group(2)), False))
        items = [_YEAR_ITEM.match(text, a, end) for a, _ in self.seg_bounds]
        self._year_items = {}
        for i, (a, _) in enumerate(self.seg_bounds):
            m = items[i]
            if m and any(items[j] for j in (i - 1, i + 1) if 0 <= j < len(items)):
                # 新增学前学位2.96万座,其中2021年5100座、2022年2500座: each year's share is
                # that year's (a run of two or more items opening on their years)
                self._year_items[a] = int(m.group(1))
        for a, _ in self.seg_bounds[1:]:
            m = _YEAR_SEGMENT.match(text, a, end)
            if m is None and self.section.span is not None:
                m = _YEAR_COUNT.match(text, a, end)  # ...,2019年14216户...全部脱贫
            if m:  # 2022年增长3.1%,2023年增长6.2%
                hints.append((m.start(), int(m.group(1)), False))
        ry = self.ex.report_year
        if ry is not None:
            for a, _ in self.seg_bounds:
                if text.startswith("今年", a) and not _THIS_YEAR_NOT.match(text, a + 2):
                    hints.append((a, ry, True))  # 今年地区生产总值增长5.5%左右: the plan's year
        hints.sort()
        self._hints = hints
        partial: list[tuple[int, bool]] = []
        for m in W.PARTIAL_PERIOD.finditer(text, start, end):
            partial.append((m.start(), True))
            if m.start() > start and text[m.start() - 1] in "由从":
                # 降幅由一季度的-23.1%收窄到-1.4%,其中出口增长1.5%: a part of the year a
                # change starts from dates its own clause only
                stop = _CLAUSE_STOP.search(text, m.end(), end)
                if stop is not None:
                    partial.append((stop.start(), False))
        if partial:
            for m in W.FULL_YEAR.finditer(text, start, end):
                partial.append((m.start(), False))
            for m in _YEAR_SEGMENT.finditer(text, start, end):
                partial.append((m.start(), False))
            partial.sort()
        self._partial = partial
        self._hint_pos = [h[0] for h in hints]
        self._multi = []
        self._inline = []
        self._lead_multi = []
        if self.carry_multi is not None:
            self._multi.append((start, self.carry_multi))
        if ry is not None:
            plan_span = self.section.span if self.section.kind == "target" else None
            for m in _CLAUSE_MULTI.finditer(text, start, end):
                span = clause_span(m, ry)
                if (
                    plan_span is not None
                    and m.group(1)
                    and not m.group(0).startswith(("过去", "近"))
                ):
                    span = plan_span  # 五年累计新增就业335万人 in a five-year plan: its years
                if span is not None:
                    self._multi.append((m.start(), span))
            for m in (
                _SINCE_FLOW.finditer(text, start, end) if self.section.kind == "actual" else ()
            ):
                since = int(m.group(1))
                if ry - 10 <= since < ry - 1:
                    self._multi.append((m.start(), (since, ry - 1)))
            for m in _SPENT_YEARS.finditer(text, start, end):
                if self.section.kind != "actual":
                    break  # 用三年时间 in a plan: the years ahead, not dated here
                n = _CN_SMALL_N[m.group(1)]
                self._multi.append((m.start(), (ry - n, ry - 1)))
            for m in _INLINE_MULTI.finditer(text, start, end):
                if self.section.kind != "actual":
                    break  # 力争五年新增...: in a plan, the plan's years (its own section)
                if not _CLAUSE_MULTI.match(text, max(start, m.start() - 2), end):
                    self._multi.append((m.start(), (ry - 5, ry - 1)))
                    self._inline.append(m.end())
            if self.section.kind == "actual":
                for m in _LEAD_MULTI.finditer(text, start, end):
                    if m.end() not in self._inline:
                        n = _CN_SMALL_N[m.group(1)]  # 三年实施重点工程150项: the last three
                        self._multi.append((m.start(), (ry - n, ry - 1)))
                        self._inline.append(m.end())
                        self._lead_multi.append(m.end())
            self._multi.sort()
        first = end
        for marker in W.TARGET_MARKERS:
            i = text.find(marker, start, end)
            while 0 <= i < first:
                window = text[max(start, i - 10) : i]
                after = text[i + len(marker) : min(end, i + len(marker) + 8)]
                done_after = marker in ("目标", "预期") and any(
                    w in after for w in W.TARGET_DONE_AFTER
                )
                done_after = done_after or W.policy_phrase(text, i, marker, start, end)
                # 经济运行在预期的合理区间: where the economy runs, a state, not a plan
                done_after = done_after or _IN_RANGE.match(text, i - 1, end) is not None
                # 比"十二五"目标高出313.8亿元: the goal is a yardstick of a result
                done_after = done_after or (
                    marker == "目标"
                    and _OVER_GOAL_AT.search(text, max(start, i - 10), min(end, i + 4)) is not None
                )
                if not done_after and not any(w in window for w in W.TARGET_DONE):
                    first = i
                    break
                i = text.find(marker, i + 1, end)
        self._first_marker = first

    def _kind_year(self, pos: int) -> tuple[str, int | None, str]:
        """(kind, year, how the clause wrote a year: "" none, "year" 2022年, "to" 到2027年)."""
        sec = self.section
        kind, year = sec.kind, sec.year
        if kind == "actual" and self._first_marker < pos:
            kind = "target"
            year = self.ex.report_year or (year + 1 if year else None)
        i = bisect_right(self._hint_pos, pos - 1) - 1
        if i >= 0:
            _, explicit, future = self._hints[i]
            if future and year is not None and explicit > year:
                kind = "target"
            ry = self.ex.report_year
            if kind == "actual" and explicit == ry and year is not None and year < ry:
                # 会议提出,2020年重庆地区生产总值增长6% in a 2020 report: the year it plans
                kind = "target"
            return kind, explicit, "to" if future else "year"
        return kind, year, ""

    def _period(
        self, tok: ValueToken, head: _Head, measure: str, lead: int = -1
    ) -> tuple[str, str] | None:
        """(obs_kind, time_period) of a value (SCHEMA.md: how every part dates its numbers).

        A level is for one year: the clause's own year, else its part's (the end year of a
        multi-year part). A change, average or total is for the interval its clause or its
        part covers (``2021/2025``), or for one year where the clause names one; an average
        with no interval to average over is dropped.
        """
        kind, year, written = self._kind_year(tok.start)
        if head.year is not None and (not tok.is_rank or head.origin or head.to_level):
            # (a rank's own year only in 由2016年的第60名上升至2019年的第35名: elsewhere a year
            # before a rank dates the clause, not the rank)
            year, written = head.year, "year"
        if (own := self._year_items.get(self._segment_start(tok.start))) is not None:
            year, written = own, "year"  # 其中2021年5100座、2022年2500座: the item's own year
        ry = self.ex.report_year
        if (
            kind == "target"
            and self.section.part == "plan_multi"
            and written == "year"
            and year is not None
            and ry is not None
            and year < ry - 1
        ):
            return None  # 1979年宝安县撤县设立深圳市 in a five-year plan: history, no target
        if kind == "target" and self.section.kind == "actual" and self.section.span:
            span = None  # a target in a review: for the plan's years, not the review's
        elif self.section.span and W.FULL_YEAR.search(self.text, self.start, tok.start):
            span = None  # 全年增长3.5%: the year's own figure, even in a five-year review
        else:
            span = self.section.span
        if (
            span is None
            and kind == "target"
            and written == "to"
            and ry is not None
            and year == ry + 4
            and (ry - 2006) % 5 == 0
        ):
            # 到2025年,...年均增长6%,新增城镇就业5万人 in a 2021 report outside its plan's own
            # part: for the years of the plan that starts this year
            span = (ry, ry + 4)
        elif (
            span is None
            and kind == "target"
            and written == "to"
            and ry is not None
            and year is not None
            and ry < year <= ry + 5
            and measure in ("avg_growth", "avg_pp_change")
        ):
            # 到2017年,...城市居民可支配收入年均增长10%以上 in a new term's goals of 2013: the
            # average over the years from the report's to the target's
            span = (ry, year)
        cue = self._multi_at(tok.start)
        if cue is not None and ry is not None and cue[0] >= ry:
            kind = "target"  # "十五五"期间年均增长5%以上: the plan ahead's years
            span, year = cue, (year if written else cue[1])
        elif cue is not None and not (kind == "target" and self.section.kind == "actual"):
            span = cue
            year = year if written else cue[1]
        if head.origin and head.year is None:
            # 由9581.5亿元增加到1.75万亿元 in a review of 2011-2015: the start of the changes
            # the interval counts, the level of the year before it (2010). In a one-year
            # review or in a plan the start is not dated by the text: not published.
            if kind != "actual":
                return None
            base = _BASE_YEAR.search(self.text, self.start, self.end)
            if base is not None and (year is None or int(base.group(1)) < year):
                return kind, base.group(1)  # 由184亿元增长至384亿元,较2016年翻了一番
            first = self._origin_before(tok.start, year)
            if first is not None:
                return kind, first  # 从1978年的186亿元增加到2018年的...;收入从41.8亿元增加到...
            if span is None or (written and year is not None and not span[0] <= year <= span[1]):
                return None
            return kind, str(span[0] - 1)
        total = head.cumulative or head.new  # 累计, 五年新增: a sum over the years
        if total and kind == "actual" and self.section.undated_term:
            return None  # 累计完成126亿元 in 本届政府工作回顾 naming no years: over which years?
        # (拆除违法建筑2万余平方米, 植树造林4.7万亩: work done on areas, in a review)
        # (not 人均公园绿地面积29.3平方米 after a count built: a level per head)
        built = tok.unit == "count" or (
            tok.unit in ("km", "mu", "square_m")
            and kind == "actual"
            and not head.subject.startswith("人均")
        )
        if (
            tok.unit == "CNY"
            and kind == "actual"
            and span is not None
            and written != "to"  # (预计到2016年底,...固定资产投资完成160亿元: that year's)
            and (self._spent(tok.start) or self._money_done(tok.start))
            and not _TIMES_A_YEAR.match(self.text, tok.stop)
        ):
            total = True  # 投资187亿元, 北京市投入帮扶资金16.4亿元 in a five-year review
        if (
            not total
            and kind == "actual"
            and span is not None
            and tok.unit in ("CNY", "other", "count")
            and self._under_total(tok.start)
        ):
            total = True  # 累计引进外资项目3.2万个,实际利用外资1240亿美元: both totals
        if (
            tok.unit in ("count", "CNY")
            and kind == "actual"
            and span is not None
            and measure == "level"
            and head.subject.endswith(_MOVED)
        ):
            total = True  # 农村劳动力转移就业374.1万人 in a five-year review: moved over its years
        if (
            built
            and span is not None
            and (self._built_list(tok.start) or (0 <= lead < tok.start and self._built(lead)))
        ):
            # 建成国家级经济技术开发区1个, 建成污水管网300公里 in a five-year review: built in them
            total = True
        if (
            not total
            and kind == "actual"
            and span is not None
            and measure == "level"
            and tok.unit in ("square_m", "mu", "CNY", "other")
            and _TOTAL_OF_FLOW.search(head.subject)
            and self._after_flow(tok.start)
        ):
            # 新区共出让产业用地55宗,总用地面积240万平方米; 新设内资企业3226家,注册资本总额91亿元
            # in a five-year review: the sum of what was counted over its years
            total = True
        if (
            not total
            and kind == "actual"
            and span is not None
            and tok.unit != "percent"
            and any(
                end <= tok.start and not _CLAUSE_MARK.search(self.text, end, tok.start)
                for end in self._lead_multi
            )
        ):
            total = True  # 五年生态补水33亿立方米 in a five-year review: a sum over its years
        if (
            not total
            and kind == "target"
            and self.section.part == "plan_multi"
            and span is not None
            and measure == "level"
            and tok.unit not in ("percent", "percentage_point", "rank")
            and not (head.linking or head.to_level)
            and not head.subject.endswith(_TOTAL_WORDS)
            and self._within_years(tok.start, head.subject)
        ):
            # 五年内开工筹集公共住房3万套, 力争五年内,...产业用房720万平方米 in a five-year plan:
            # what the plan's years add, a total over them (not 五年内...总数达到20家: a stock)
            total = True
        if (
            not total
            and span is not None
            and measure == "level"
            and tok.unit in ("square_m", "mu", "other", "CNY")
            and (kind == "actual" or self.section.part == "plan_multi")
            and (
                _AMOUNT_FLOW.match(
                    W.strip_enum(self.text[self._segment_start(tok.start) : tok.start])
                )
                or (kind == "actual" and _LAND_FLOW.search(head.subject))
            )
        ):
            # 释放用地面积约140万平方米 in a term review, 释放产业用地40万平方米, 投入…扶持资金6亿元
            # in a five-year plan: land released or money put in over the years
            total = True
        if (
            not total
            and span is not None
            and measure == "level"
            and tok.unit not in ("rank", "ug_m3")
            and _AVERAGE_LEVEL.search(head.subject)
        ):
            # 空气质量年均优良率达92.6% in a term review, 2017年-2020年,年均供应…住房8000套以上:
            # an average over the years, not the end year's level
            total = True
            rng = _YEAR_RANGE.search(self.text, self.start, tok.start)
            if rng is not None and span[0] <= int(rng.group(1)) < int(rng.group(2)) <= span[1]:
                span = (int(rng.group(1)), int(rng.group(2)))
        if (
            not total
            and kind == "target"
            and self.section.part == "plan_multi"
            and span is not None
            and measure == "level"
            and tok.unit not in ("percent", "percentage_point", "rank", "ug_m3")
            and not (head.linking or head.to_level)
            and _PLAN_FLOW.match(
                W.strip_enum(self.text[self._segment_start(tok.start) : tok.start])
            )
        ):
            # 完成土地整备5平方公里, 到2020年,完成雨污分流管网建设1180公里, 试点创建3个生态社区,
            # 转型淘汰落后低端企业100家 in a five-year plan: work the plan's years do, a flow
            total = True
        if (
            total
            and measure == "level"
            and _PER_PLACE.search(self.text, self._segment_start(tok.start), tok.start)
        ):
            total = False  # 每个社区建成3支以上文体活动队伍: so many in each place, a level
        if total and head.cumulative and not head.new and self._stock_reached(tok, head):
            # 新增上市公司5家,累计达到32家; 高新技术企业累计达到1100家: the stock reached, a
            # level for the end year (but 固定资产投资累计达到...: money spent, a total)
            total = False
        if (
            measure == "rank_change"
            and head.base_year is not None
            and year is not None
            and head.base_year < year - 1
        ):
            # 2019年,GDP全省排名比2015年上升4位: places gained over the years after 2015
            return kind, f"{head.base_year + 1}/{year}"
        if (
            measure == "rank"
            and kind == "actual"
            and span is not None
            and not written
            and not W.FULL_YEAR.search(self.text, self.start, tok.start)
            and (
                _AMOUNT_FLOW.search(head.subject)
                or head.subject.startswith((*W.BUILT_VERBS, "新增"))
                or head.subject.endswith(_MOVED)
            )
        ):
            # 新区共出让产业用地55宗,...,土地供应规模居全市第一 in a five-year review: the rank of
            # what was supplied over its years
            return kind, f"{span[0]}/{span[1]}"
        if measure not in _CHANGE_MEASURES and not (measure == "level" and total and span):
            return kind, str(year) if year else ""
        if year is None:  # no year known anywhere: a one-year change stays undated
            return None if head.average or head.cumulative else (kind, "")
        since = head.base_year
        if since is None and measure == "growth" and not (head.compared or head.multi_year):
            since = self.carry_base
        if since is not None:
            span = (since + 1, year) if since < year - 1 else None
        elif (
            span is not None
            and not ((head.average or head.cumulative) and year == span[1])
            and not (cue is not None and self._inline_at(tok.start))
            and (written == "year" or (written and year != span[1]))
        ):
            # 2022年增长4.7% in a five-year review: that year's growth (but 2025年达到6.5万亿元,
            # 年均增长5.6%: an average up to the review's last year is over its years)
            span = None
        if (
            since is None
            and span is not None
            and kind == "actual"
            and self.part_base is not None
            and span == self.section.span
            and span[0] == self.part_base < span[1]
            and measure in _CHANGE_MEASURES
        ):
            # 比2012年(下同) before a review of 2012-2015: its changes are over 2013-2015 (its
            # totals stay over its years)
            span = (self.part_base + 1, span[1])
        if (
            span is not None
            and since is None
            and kind == "actual"
            and measure in ("growth", "pp_change", "change")
            and not (head.average or head.cumulative or head.n_years > 1)
            and not (cue is not None and self._inline_at(tok.start))
            and _YEAR_ON_YEAR.search(self.text, self._segment_start(tok.start), tok.start)
        ):
            # 规模以上工业增加值265.36亿元,同比增长10.6% in a five-year review: the change on
            # the year before, the review's last year's (not a change over its years)
            span = None
        if span is not None and head.base_year is None:
            o = _ORIGIN_YEAR.search(self.text, self.start, tok.start)
            if o is not None and span[0] <= int(o.group(1)) < span[1]:
                # 由2016年的532亿元跃升至2020年的801亿元,年均增长9.5%: the years after 2016
                span = (int(o.group(1)) + 1, span[1])
        if span is None and head.n_years > 1:
            span = (year - head.n_years + 1, year)
        if span is None and head.average and kind == "actual":
            o = _ORIGIN_YEAR.search(self.text, self.start, tok.start)
            if o is not None and int(o.group(1)) < year - 1:
                # 经济总量从2020年的59.94亿元增至88.08亿元,年均增长5.8%: the years after 2020
                span = (int(o.group(1)) + 1, year)
        if span is None and kind == "actual" and measure in ("growth", "pp_change", "change"):
            o = _ORIGIN_YEAR.search(self.text, self.start, tok.start)
            if o is not None and int(o.group(1)) < year - 1:
                # PM2.5平均浓度从2015年的74微克/立方米降至44.8微克/立方米、降幅近40%: the
                # change from the start year's level to the end's, over the years after it
                span = (int(o.group(1)) + 1, year)
        if span is None and (head.average or head.cumulative) and kind == "actual":
            outer = self.ex.layout.at(self.start).span
            if outer is not None and year == outer[1]:
                # 2020年全市地区生产总值达到476.16亿元,年均增长4.98% in a review of 2016-2020
                # (a paragraph on its last year): the average is over the review's years, and
                # so is a total (2016年,...;万元GDP能耗累计下降24.1% in a review of 2012-2016)
                span = outer
        if span is None and (head.average or head.cumulative):
            return None
        if span is None:
            return kind, str(year)
        return kind, f"{span[0]}/{span[1]}"

    def _within_years(self, pos: int, subject: str) -> bool:
        """Whether a 五年内 earlier in the sentence governs the value at ``pos`` (力争五年内,
        综合整治…,新增…; 五年内新增土地供应210公顷以上,城市更新供应土地100公顷以上): not in a
        later clause that says what is built or done by then (五年内新增床位8000张以上,建成环城
        绿道135公里: the greenway is a level reached)."""
        found = None
        for m in _WITHIN_YEARS.finditer(self.text, self.start, pos):
            found = m
        if found is None:
            return False
        return (
            not subject.startswith(_DONE_BY)
            or _CLAUSE_STOP.search(self.text, found.end(), pos) is None
        )

    def _origin_before(self, pos: int, year: int | None) -> str | None:
        """The start year of an earlier ``从1978年的186亿元增加到2018年的9.73万亿元`` in the same
        full sentence (its clauses up to ``pos``, across ;), when it ends in ``year``: a
        yearless ``从41.8亿元增加到1.21万亿元`` after it counts from the same year."""
        if year is None:
            return None
        a = max(self.text.rfind("。", 0, self.start), self.text.rfind("\n", 0, self.start)) + 1
        found = None
        for m in _ORIGIN_SPAN.finditer(self.text, a, pos):
            if int(m.group(2)) == year:
                found = m.group(1)
        return found

    def _inline_at(self, pos: int) -> bool:
        """Whether a 五年 right before this value's verb (``五年增加1670亿元``) dates it: the
        five years under review, even after the sentence's own year (2016年,...同比增长6.5%,
        五年增加1670亿元 in a term review given in December 2016)."""
        return any(
            end <= pos and pos - end <= 16 and not _CLAUSE_MARK.search(self.text, end, pos)
            for end in self._inline
        )

    def _multi_at(self, pos: int) -> tuple[int, int] | None:
        """The years of a 五年来/"十三五"时期 written earlier in the sentence, if any."""
        found = None
        for at, span in self._multi:
            if at < pos:
                found = span
        return found


_IN_RANGE = re.compile(r"在(?:预期|目标)(?:的|目标)?(?:合理)?区间")


def clause_span(m: re.Match[str], ry: int) -> tuple[int, int] | None:
    """The years of a ``_CLAUSE_MULTI`` match in a report of year ``ry`` (None for the plan
    under way, whose review is not yet over; a plan starting this year or later is the plan's
    years: ``"十五五"期间年均增长5%`` in a 2026 report is a 2026/2030 target)."""
    if m.group(5):
        return (ry - 10, ry - 1)
    if m.group(3) or m.group(4):
        first, last = plan_years(plan_number(m, 3))
        if m.group(0).endswith("以来") and last < ry - 1:
            return (first, ry - 1)  # "十三五"以来 in a 2022 report: from 2016 to the year reviewed
        return (first, last) if last < ry or first >= ry else None
    n = _CN_SMALL_N[m.group(1) or m.group(2)]
    return (ry - n, ry - 1)


def _elided_points(text: str, toks: list[ValueToken]) -> None:
    """分别快于全国0.6个、1.2个百分点: a list's 个百分点 written once, at its end, is every
    item's unit (read before the heads, which read gaps only before percentage points)."""
    for a, b in reversed(list(pairwise(toks))):
        if (
            b.unit == "percentage_point"
            and a.unit_word in ("个", "")
            and not a.is_rank
            and a.multiplier == 1.0
            and text[a.stop : b.start] in ("、", "和", "与", "及")
        ):
            a.unit, a.unit_zh, a.unit_word = "percentage_point", "个百分点", "个百分点"


# Modifiers that come in parallel pairs: in 城镇、农村居民 the first names the same head.
_COUNTY_GROUP = re.compile(r"(全省|全市|全国)县域[\u4e00-\u9fff]{1,6}$")
_PARALLEL_MODIFIERS = ("城镇", "农村", "城市", "乡村", "城区", "农民", "城乡")
_NUMBERED = re.compile(r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})([号期条座])")


# A zone or facility named after an area (大兴国际机场, 临空经济区, 东湖高新区, 某某港).
_ZONE = re.compile(
    r"机场|港区|港口|[^香]港|经济区|开发区|新区|园区|示范区|合作区|自贸|片区|高新区|试验区|枢纽"
)
_ZONE_WINDOW = 12
# GB/T 2260 codes of the five autonomous regions: 内蒙古, 广西, 西藏, 宁夏, 新疆.
_REGION_PREFIXES = frozenset(["15", "45", "54", "64", "65"])
# 新增, 打掉, 更新提升, 新开工: verbs of work done a count-first clause opens with (_done_to)
_DONE_TO_VERBS = ("新增", "新建", "新开工", "打掉", "更新", "迁出", "改造", "升级改造", "新改扩建")
# 连续多年, 稳居, 获: the years or the verb of a rank, no subject of its own
_RANK_LEAD_ONLY = re.compile(
    r"(?:连续(?:多|[一二三四五六七八九十\d]{1,2})年|多年|持续|继续|再次|首次|稳|稳居|位居|荣获|获)*"
)
_HUNDRED_GROUP = re.compile(r"(?:全国|全省|全市)([\u4e00-\u9fff]{0,8}?百强[区县市])")
# Words in a clause that make a count in a multi-year part a total over its years (有5个项目
# 落地, 7746个贫困村全部出列, 62个贫困县全部摘帽, 易地扶贫搬迁19.8万人).
_DONE_IN_CLAUSE: tuple[str, ...] = ("获", "建成", "落地", "出列", "摘帽", "脱贫", "退出", "搬迁")
# 17条道路"机非分离"交通设施整治, 5个街道医院(一期)扩建主体工程完工: the work done on the
# things counted, said after them
_DONE_IN_CLAUSE += ("整治", "完工", "开工")  # (儿童医院等5家医院开工建设: started in them)
# 6座水库除险加固工程按时完成, 社康中心标准化改造等46个项目已完成: the work finished on them
_DONE_IN_CLAUSE += ("已完成", "按时完成", "全部完成", "顺利完成")
# 40辆纯电动绿色公交车投入运行, 2个国家重点实验室落户我市, 6条主要街道通信线缆全部入地 in a
# review of several years: put to use or settled in them
_DONE_IN_CLAUSE += ("投入运行", "投入使用", "落户", "入地")
# 为43万户城市低收入家庭提供了住房保障, 解决了…问题,84万人实现了脱贫: help given to them
_DONE_IN_CLAUSE += ("提供了住房保障", "提供住房保障", "实现了脱贫")
# 20个重点电源项目并网发电, 100个重点项目竣工投产, 其中26座已基本完成, 1753.3万农村人口饮水
# 安全得到保障: finished or secured in the years under review
_DONE_IN_CLAUSE += ("并网发电", "竣工投产", "建成投产", "基本完成", "得到保障", "得到解决")
# The government's and the assemblies' work done (办理省人大代表建议4228件, 提请…审议地方性法规
# 草案47项, 协调解决相关问题1023个): in a review of several years, a total over them.
_WORK_DONE: tuple[str, ...] = ("办理", "提请", "审议", "协调解决", "解决", "制定", "修订", "受理")
# Work done on things or people over the years under review (组建12个教育集团, 打掉黑恶势力犯罪
# 团伙20个, 化解…风险隐患190宗, 主动公开各类政务信息36630条, 帮扶12万贫困人口, 覆盖贫困人口约
# 14万人): in a review of several years, a total over them, as 破获涉黑恶案件447宗 is.
_WORK_DONE += ("组建", "打掉", "化解", "公开", "主动公开", "帮扶", "覆盖", "整治")
_WORK_DONE += ("查处", "严肃查处", "查办")  # 严肃查处相关违法违纪案件65件65人
# A level or kind word that modifies a noun after a list (二级、三级子公司; 国家级、省级平台).
_CUT_MODIFIER = re.compile(r"(?:[一二三四五省市县区]|国家|[百千万十]亿元?)级$|等$")
# 新增A 5个、B 3个: the verbs a list shares; a later item opening with a verb of its own
# (竣工5万套, 压减液化气钢瓶97万个) does not take it.
# (引进北京新设机构55家、项目21个: 21 projects brought in; 引进培育国高企业150家、市战新库企业
# 60家: brought in or grown, both verbs)
# X提升N平方米 / 万千瓦: the amount of work done (绿化提升, 电机能效提升), unless X is itself an
# amount (面积, 容量, 规模: then it grew by N)
_WORK_UNITS = ("平方米", "平方公里", "亩", "公顷", "千瓦", "公里")
_AMOUNT_NOUNS = ("面积", "规模", "量", "能力", "里程", "长度", "总长", "产能", "装机", "总数")
# 全区新增道路里程290公里、非机动车道128公里: the whole area's prefix before a shared 新增
_AREA_WHOLE = re.compile(r"^全[省市县区州旗盟]")
# (新建改造绿道300公里、碧道150公里: the whole verb, 新建改造碧道)
_SHARED_NEW = re.compile(r"新增|新建改造|新建|净增|(?:引进|招引)(?:培育|认定|培养)?")
_OWN_VERBS = (
    "竣工", "开工", "压减", "调整", "改造", "完成", "建成", "实施", "推进", "打造", "培育",
    "引进", "招引", "建设", "开通", "提供", "筹集", "发放", "培训", "整治", "清理", "拆除",
    "减少", "关停", "淘汰", "治理", "修复", "服务", "帮助", "带动", "吸引", "认定", "获评",
)  # fmt: skip
# A place things were brought in from, before the verb (从上海引进)
_FROM_PLACE = re.compile(r"从[\u4e00-\u9fff]{1,8}?(?=引进|招引)")
_SPENT = re.compile(
    r"(?:[\u4e00-\u9fff]{1,6}?[省市县区]|[省市县区](?=财政))?(?:财政)?(?:成功|先后|累计|共)?"
    r"(?:对上|向上)?(?:累计)?(?:统筹)?"
    # (统筹整合涉农资金, 省财政补助市县; 消化…工资陈欠, 兑现…养老金欠账: debts paid off)
    r"(?:投资|投入|筹集|筹措|争取|拨付|兑付|兑现|消化|发放|利用|整合|补助)"
)
# 全社会固定资产投资预计完成469亿元, 到位资金249.3亿元 in a five-year review: money invested or
# brought in over its years (a level reached says 达到: 固定资产投资达到300亿元 is the end year's).
_MONEY_DONE = re.compile(
    r"(?:投资|投入)(?:额|总额)?(?:预计|累计|共)?(?:完成|实现)$|(?:^|[、,,])(?:招商)?到位资金$|资金到位$"
    r"|完成(?:全社会)?(?:固定资产)?投资$|引进(?:[盟市省州县区]外)?到位资金$"  # 引进盟外到位资金
    r"|用于[\u4e00-\u9fff]{1,12}支出$"  # 市财政用于民生和社会事业支出640亿元: money spent
)
# 全社会固定资产投资完成59.4亿元,是2011年的2.65倍: a value set against one year's is the end
# year's, not a sum over the five
# 释放产业用地, 投入…资金: land or money put to use, a flow over the years (not 投入使用)
# (提供各类用地90公顷, 供应土地100公顷 in a five-year plan: land provided over it)
# 新区共出让, 共建设和筹集, 先后引进: an area and 共 before a verb of work done over the years
_TOTAL_LEAD = re.compile(
    r"(?:(?:新区|全[省市县区])(?:共|累计|先后)|共计|共|先后)(?=[\u4e00-\u9fff])"
)
# 五年间, 五年来, 2012年以来: the years a clause of work done opens with, before its verb
_YEARS_SPENT_LEAD = re.compile(r"(?:[两三四五]年(?:来|间)|(?:19|20)\d\d年以来)[,,]?")
# 依法拆除, 统一更换, 重点培育, 在县城区新安装: a manner or a place before the verb
_MANNER_LEAD = re.compile(
    r"(?:依法|统一|重点|集中|大力|全面|积极|相继|陆续|在[\u4e00-\u9fff]{1,6}?(?=新安装|安装|新建|建成)"
    # (市区新改扩建主干道16条: a place before the verb)
    r"|(?:全[省市县区]|市区|城区|县城|主城区|中心城区)(?=新|改|建|完成|实施))"
)
# 总用地面积, 注册资本总额, 涉及项目总投资: the sum over the things a clause before counts
# 农村劳动力转移, 转移就业: people who moved to work, counted over the years they moved in
# (直接融资127亿元: money raised, likewise)
_MOVED = ("转移", "转移就业", "融资")
_TOTAL_OF_FLOW = re.compile(r"^(?:涉及)?(?:项目)?总|总额$|总投资$")
# 同比增长, 比上年增长: a change on the year before, one year's
_YEAR_ON_YEAR = re.compile(r"同比|[比较与](?:上年|去年|上一年)(?:同期)?")
# 完成土地整备, 试点创建, 转型淘汰 opening a clause of a five-year plan: work over its years
# (not 完成率, a ratio)
_PLAN_FLOW = re.compile(r"(?:试点|转型)?(?:完成(?!率)|创建|淘汰)")
# 每个社区, 每平方公里: a figure for each place, not a sum over the years (每年新增: per year)
_PER_PLACE = re.compile(r"每(?:一)?(?:个|所|家|平方公里)")
# 开展, 落实: verbs of an activity, which govern a count of their own only
_ACTIVITY_VERBS = ("开展", "落实")
# 城市更新供应用地面积: the land supplied (or sold, released) in the years under review
_LAND_FLOW = re.compile(r"(?:供应|出让|释放|整备)(?:土地|用地)")
_LISTED_AFTER = re.compile(r"\d+(?:\.\d+)?[个项家所座条][\u4e00-\u9fff]{1,12}?列入")
_NEW_COUNT_FIRST = re.compile(r"新增\d+(?:\.\d+)?[个所家座条支处项名]")
_AMOUNT_FLOW = re.compile(
    r"(?:释放|投入(?!使用|运营)|提供|供应|整备|设立|安排|节约)"
)  # (整备入库900公顷)
# 年均优良率, 年均供应: a yearly average (not 年均浓度, the year's mean, nor 年均增长, a change)
_AVERAGE_LEVEL = re.compile(r"年均(?!浓度|值|增|降|提|下降|减)")
_YEAR_RANGE = re.compile(r"((?:19|20)\d\d)年?[-—–至到]((?:19|20)\d\d)年[,,]")
_TIMES_A_YEAR = re.compile(r"[,,]是(?:19|20)\d\d年的\d+(?:\.\d+)?倍")
_RATIO_HEADS = ("比重", "占比", "率", "强度", "指数", "比例")
_PER_GDP = (
    "单位地区生产总值",
    "万元地区生产总值",
    "单位生产总值",
    "万元生产总值",
    "单位GDP",
    "万元GDP",
)


# The words a shared head of a list of industries or measures starts with
_HEAD_WORDS = re.compile(
    r"产业集群|抽检|增加值|产值|产量|营收|营业收入|零售额|合格率|覆盖率|完成率|比重|占比|占"
)


def _shared_head_at(last: str) -> int:
    """Where the head a list's items share starts in its last item (0: not found)."""
    m = _HEAD_WORDS.search(last, 1)
    return m.start() if m is not None else 0


def _parallel_head(name: str, last: str) -> str:
    """The whole name of an elided list item whose modifier parallels the last item's:
    ``城镇`` before ``农村居民`` is ``城镇居民``; ``14号`` before ``16号线车站`` is ``14号线车站``
    (else "")."""
    bare = strip_area_prefix(name)
    if bare in _PARALLEL_MODIFIERS:
        for mod in _PARALLEL_MODIFIERS:
            if last.startswith(mod) and len(last) > len(mod) and mod != bare:
                return name + last[len(mod) :]
        return ""
    n = _NUMBERED.fullmatch(name)
    if n is not None:
        m = _NUMBERED.match(last)
        if m is not None and m.group(1) == n.group(1) and len(last) > m.end():
            return name + last[m.end() :]
    return ""


# Measures of extent a list's items may name after a shared modifier
_EXTENT_TAILS = ("总数", "数量", "个数", "总量", "规模", "金额", "总额")


# 人大代表建议、政协委员提案办理率、满意率: the rates a list's items share
# 实现生活垃圾100%无害化处理: a thing named ahead of its rate, then what the rate is of
_RATED_BEFORE = re.compile(
    r"^(?:实现|推进|确保)?([\u4e00-\u9fff]{2,6}?)\d+(?:\.\d+)?%[\u4e00-\u9fff]{2,6}$"
)
# ...和一大批…: more things named after the counted ones, without a number
_UNCOUNTED_MORE = re.compile(r"(?:和|及|以及)(?:一大批|一批|若干|众多|一系列)")
# The heads of a whole amount's name, and a value right after another (3.2万亿、2.7万亿)
_AMOUNT_HEADS = ("增加值", "总额", "总值", "收入", "产值", "营收", "零售额", "投资", "规模", "总量")
_RUN_NEXT = re.compile(r"\s*[、和及]\s*[\d一二三四五六七八九十两百千]")
_LIST_RATE = re.compile(r"^(.{2,}?)([\u4e00-\u9fff]{2}率)$")


def _rate_list(names: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A list whose one item names what is rated and its rate (``政协委员提案办理率``): a later
    bare rate (``满意率``) is of the same thing (``政协委员提案满意率``), and an earlier item
    that names no rate (``人大代表建议``) has the same rate (``人大代表建议办理率``)."""
    at = next(
        (
            i
            for i, (n, _) in enumerate(names)
            if (m := _LIST_RATE.match(n)) is not None and len(m.group(1)) >= 3
        ),
        -1,
    )
    if at < 0 or len(names) < 2:
        return names
    m = _LIST_RATE.match(names[at][0])
    assert m is not None
    rated, rate = m.group(1), m.group(2)
    out = []
    for i, (n, start) in enumerate(names):
        if i > at and len(n) == 3 and n.endswith("率") and n != rate:
            n = rated + n  # 满意率 after 政协委员提案办理率
        elif i < at and not n.endswith(_RATIO_HEADS) and len(n) >= 4:
            n = n + rate  # 人大代表建议 before 政协委员提案办理率
        out.append((n, start))
    return out


def _front_modifier(
    out: list[tuple[str, int]], written: list[tuple[str, int]]
) -> list[tuple[str, int]]:
    """A later list item that is only a measure of extent, another than the first item's, takes
    the first item's modifier: ``“白名单”项目总数、融资金额`` is ``“白名单”项目融资金额`` (but
    ``项目总量、投资总量``, the same measure twice, are whole names). ``written``: the names as
    the text has them (``out``: completed)."""
    first = written[0][0]
    tail = next((t for t in _EXTENT_TAILS if first.endswith(t)), "")
    modifier = first[: -len(tail)] if tail else ""
    if len(modifier) < 2 or len(out) < 2 or out[0][0] != first:
        return out
    done = [out[0]]
    for (name, start), (own, _) in zip(out[1:], written[1:], strict=True):
        if (
            name == own
            and len(name) <= 4
            and name.endswith(_EXTENT_TAILS)
            and not name.endswith(tail)
            and not name.startswith(modifier)
        ):
            name = modifier + name
        done.append((name, start))
    return done


def _cut_in_parentheses(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` closes a parenthesis it never opened: the clause was cut at
    a 、 inside it (每个县(市、|区)每年至少培育10家), so its head is a fragment."""
    depth = 0
    for ch in text[start:end]:
        if ch in "((":
            depth += 1
        elif ch in "))":
            depth -= 1
            if depth < 0:
                return True
    return False


# (连续)突破五千亿元、六千亿元, 先后跨越4000亿元、5000亿元: thresholds passed, the clause's verb
_PASSED = re.compile(_STEP_ADVERBS + r"(?:突破|跨越|跨过|跨上|迈上|迈过|站上|越过|跃上)了?")
#: the heads of a figure's name (收入, 总额...): a part of a joined subject that names one
_FIGURE_HEADS = ("收入", "总额", "总值", "产值", "增加值", "投资", "产量", "支出")


def _split_and(subject: str, start: int) -> list[tuple[str, int]]:
    """财政总收入和一般公共预算收入 -> its parts, when each is a plain noun phrase (else [])."""
    parts = _SPLIT_AND.split(subject)
    if len(parts) < 2 or not all(
        2 <= len(p) <= 12 and not re.search("[在中的对]", p) for p in parts
    ):
        return []
    names, pos = [], start
    for p in parts:
        names.append((p, pos))
        pos += len(p) + 1
    return names


# A figure reached inside a subject
_FIGURE_IN_SUBJECT = re.compile(r"(?:达到?|超过?|突破|增长|完成)\d")
# An output whose value added a bare 增加值 after it is (规上工业总产值 -> 规上工业增加值)
_OUTPUT_OF = re.compile(r"([\u4e00-\u9fff]{2,10}?)总?产值(?![占比])")
_TOTAL_WORDS = ("总量", "总数", "规模")
# A share of a scope named with no subject (在全省占比, 占全市比重 is handled with 占)
_SCOPED_SHARE = re.compile(r"在(?:全国|全省|全市|全区|全州|全盟)(?:的)?(?:占比|比重|份额)")
# A rank in a scope named with no subject (在全国的排位从2015年第23位...)
_SCOPED_RANK = re.compile(r"在(?:全国|全省|全市)的?(?:排名|排位|位次)")
# A subject that names the group it ranks in after it (人均地区生产总值在全国省会城市排名由...
# 第18位上升到第15位): the subject before 在, the scope of the group
_RANKED_IN = re.compile(
    r"(.{2,}?)在(全国|全省|全市)[\u4e00-\u9fff]{0,8}?(?:排名|排位|位次)(?:由|从)?"
)
# An industry named alone: its value added in a level or a growth, but a change in points is
# of its share of the economy (an uncatalogued indicator)
_BARE_INDUSTRIES = frozenset(
    ["第一产业", "第二产业", "第三产业", "一产", "二产", "三产", "服务业", "一产业", "三产业"]
)
# An excess over a task or a quota (超额完成年度任务, 超出市级下调任务指标): of a figure's
# amount, not an observation (in points, 超额完成省考核目标2.7个百分点, a gap: kept)
# What follows an area's name in a lead clause that lists its goals: 提出的目标是, 今年的主要目标为
_AREA_GOAL_LEAD = re.compile(
    r"(?:今年|全年|(?:19|20)\d\d年)?(?:提出|确定|明确)?的?(?:主要|预期|发展|奋斗)*(?:目标|任务)(?:是|为)?"
)
_EXCESS = re.compile(r"(?:超额完成|超出|超过)[^,,;;]{0,10}(?:任务|目标|指标|计划)$")
# The count of a list's items before their shared head (两大主导产业产值, 三大产业)
_COUNTED_LIST = re.compile(r"[两二三四五六七八九十]大(?=[\u4e00-\u9fff]{2})")
# A list's last item that ends in 等 and the head all its items share (专用装备等产业规模);
# not the 等 of a word (高等教育, 中等职业, 同等, 等级)
_ETC_HEAD = re.compile(r"(.*[^高中初同平对上优])等(?!级|次|于|同)([\u4e00-\u9fff]{2,})")
_INDUSTRY_ONE = re.compile(r"第?([一二三])")
_INDUSTRY_LAST = re.compile(r"第?([一二三])(产业?|次产业)(.*)")
_INDUSTRY_RUN = re.compile(r"第?([一二三])、?第?([一二三])(?:、?第?([一二三]))?(产业?|次产业)(.*)")


def _industry(digit: str, rest: str) -> str:
    return f"第{digit}产业{rest}"


def _industry_names(names: list[tuple[str, int]]) -> list[tuple[str, int]] | None:
    """第一、第三产业增加值 and 一、二、三产业...: each item is a whole 第N产业 name."""
    last = _INDUSTRY_LAST.fullmatch(strip_area_prefix(names[-1][0]))
    if last is None:
        return None
    first = names[0][0].removeprefix("其中")  # 其中一、二、三产增加值: 其中 opens the list
    names = [(first, names[0][1]), *names[1:]]
    if not all(_INDUSTRY_ONE.fullmatch(n) for n, _ in names[:-1]):
        return None
    rest = last.group(3)
    out = [(_industry(n[-1], rest), start) for n, start in names[:-1]]
    out.append((_industry(last.group(1), rest), names[-1][1]))
    return out


def _split_industries(subject: str, start: int) -> list[tuple[str, int]]:
    """一二三产业增加值 (also 一、二、三产) -> 第一产业增加值, 第二..., 第三... (else [])."""
    m = _INDUSTRY_RUN.fullmatch(strip_area_prefix(subject))
    if m is None:
        return []
    rest = m.group(5)
    return [(_industry(d, rest), start) for d in m.groups()[:3] if d]


def _split_urban_rural(subject: str, start: int) -> list[tuple[str, int]]:
    """城乡居民人均可支配收入 names two subjects: 城镇居民... and 农村居民... (else []); so does
    a subject that lists the two (城镇、农村居民人均可支配收入29462元、16733元)."""
    bare = strip_area_prefix(subject)
    head, rural = next(((p, r) for p, r in _URBAN_RURAL if bare.startswith(p)), ("", ""))
    if not head or len(bare) < len(head) + 2:
        return []
    rest = bare[len(head) :]
    return [("城镇" + rest, start), (rural + rest, start)]


def _lead_verb(name: str) -> str:
    """The verb a list item opens with (升级改造市政垃圾站 -> 升级改造; within its first four
    characters), else ""."""
    for v in (*_NEW_VERBS, *_OWN_VERBS):
        i = name.find(v, 0, 4 + len(v))
        if 0 <= i <= 2 and len(name) > i + len(v) + 1:
            return name[: i + len(v)]
    return ""


def _split_deposits_loans(subject: str, start: int) -> list[tuple[str, int]]:
    """金融机构存贷款余额 names two subjects: 金融机构存款余额 and 金融机构贷款余额 (else [])."""
    i = subject.find("存贷款")
    if i < 0 or subject.count("存贷款") > 1:
        return []
    before, after = subject[:i], subject[i + 3 :]
    return [(before + "存款" + after, start), (before + "贷款" + after, start)]


# 城、乡 and 城镇、农村: an urban item listed before the rural one it parallels
_RURAL_OF = {"城": "乡", "城镇": "农村"}
# The ways a subject names the urban and the rural figure at once, with the rural one's
# prefix (城镇和农村牧区常住居民: 城镇常住居民 and 农村牧区常住居民, in pastoral areas)
_URBAN_RURAL = (
    ("城镇、农村牧区", "农村牧区"),
    ("城镇和农村牧区", "农村牧区"),
    ("城镇、农村", "农村"),
    ("城镇和农村", "农村"),
    ("城乡", "农村"),
)


def _ends_with(text: str, suffixes: tuple[str, ...]) -> tuple[str, str]:
    for s in suffixes:
        if text.endswith(s):
            return text[: -len(s)], s
    return text, ""


class _Extractor:
    def __init__(
        self,
        text: str,
        ref_area: str,
        ref_area_code: str,
        report_year: int | None,
        catalog: Catalog,
        stored: str | None = None,
    ) -> None:
        self.text = text
        self.stored = text if stored is None else stored
        self.ref_area = ref_area
        self.ref_area_code = ref_area_code
        self.report_year = report_year
        self.catalog = catalog
        self.layout = Layout(text, report_year)
        self.areas = Gazetteer(ref_area, ref_area_code)
        # a place inside an autonomous region (not a district, not the region itself): its
        # 全区 is the region
        self.in_region = ref_area_code[:2] in _REGION_PREFIXES and not (
            ref_area.endswith("区") or ref_area_code.endswith("0000")
        )

    def run(self) -> list[ExtractedObservation]:
        out: list[ExtractedObservation] = []
        carry: int | None = None
        carry_multi: tuple[int, int] | None = None
        future = False
        targets: Section | None = None  # the year's targets opened mid-paragraph
        one_year: Section | None = None  # a five-year review's paragraph on its last year
        # 五年来,...。地区生产总值由9581.5亿元增加到1.75万亿元: a sentence that opens with
        # the years under review dates the rest of its paragraph (in a one-year part)
        para_multi: tuple[int, int] | None = None
        base: int | None = None  # 比2012年(下同): the comparator of the paragraph's growths
        part_base: int | None = None  # the same note, for the review it opens (below)
        goal: Section | None = None  # the targets a sentence's opening sets (_GOAL_LEAD)
        for start, end in self._sentences():
            first = start
            if start == 0 or self.text[start - 1] != ";":
                carry, carry_multi, future = None, None, False
                goal = None
            if start == 0 or self.text[start - 1] == "\n":
                targets = one_year = para_multi = base = None
            section = self.layout.at(start)
            if section.kind != "actual":
                part_base = None  # a plan's part: the review's comparator ends with it
            if section.skip or section.heading:
                continue
            # (the year's targets may follow a five-year plan's goals in one paragraph:
            # 今后五年发展的主要目标是:...。2026年主要预期目标是:...)
            opened = (targets is None or targets.part == "plan_multi") and section.part != "targets"
            if opened and opens_targets(self.text, start, self.report_year):
                targets = replace(
                    section, kind="target", year=self.report_year, part="targets", span=None
                )
                para_multi = None  # "十五五"时期是...。2026年主要预期目标是: the year's own
            plan = (
                None
                if targets or section.part == "plan_multi"
                else opens_plan_multi(self.text, start, end, self.report_year)
            )
            if plan is not None:  # the plan's goals, announced mid-paragraph
                targets = replace(
                    section, kind="target", year=plan[1], part="plan_multi", span=plan
                )
            section = targets or section
            if section.kind == "actual" and self.report_year is not None:
                if goal is not None:
                    section = goal
                elif (
                    (g := _GOAL_LEAD.match(self.text, start, end)) is not None
                    and not any(w in g.group(0) for w in W.TARGET_DONE)
                    and (g.group(1) is None or int(g.group(1)) == self.report_year)
                ):
                    goal = replace(
                        section, kind="target", year=self.report_year, part="targets", span=None
                    )
            if start == 0 or self.text[start - 1] == "\n":
                e = _ENUM.match(self.text, start, end)
                if e:
                    start = e.end()
            while start < end and self.text[start] in " ——-●■◆▲•·":  # bullets too
                start += 1
            y = _YEAR_START.match(self.text, start, end)
            if y:
                carry, future = int(y.group(1)), False
            elif (t := self._year_to_start(start, end)) is not None:
                # 力争通过五年的不懈努力,到2020年,...;人均GDP达11.1万元: the sentences after ;
                carry, future = t, True
            elif section.span is not None and (
                (ys := _YEAR_SEGMENT.match(self.text, start, end)) is not None
            ):
                # 2025年新区地区生产总值达到500亿元;...;居民人均可支配收入增速达到7% in a
                # five-year plan: the year goes on after ; (as 2025年, does)
                carry, future = int(ys.group(1)), False
            c = _CLAUSE_MULTI.match(self.text, start, end)
            if c is None and (k := _CONNECTIVE.match(self.text, start, end)) is not None:
                c = _CLAUSE_MULTI.match(self.text, k.end(), end)  # 同时,五年来,...
            if c and self.report_year is not None:
                carry_multi = clause_span(c, self.report_year)
                if section.kind == "actual" and section.span is None and targets is None:
                    para_multi = carry_multi
            elif y is not None or self.text.startswith(_ONE_YEAR_OPENINGS, start):
                para_multi = None  # 2015年,... / 全年...: back to the year itself
            if carry_multi is None and c is None:
                carry_multi = para_multi
            if targets is None and section.span and section.kind == "actual":
                one_year = self._one_year(section, start, end, y) or one_year
                section = one_year or section
            if start < end and _ANY_NUMERAL.search(self.text, start, end):
                own = y is not None or c is not None or self.text.startswith("全年", start)
                sentence = _Sentence(
                    self,
                    start,
                    end,
                    section,
                    carry if not y else None,
                    carry_multi if not own else None,
                    future,
                    cut=self._wrapped(first),
                    carry_base=base,
                    part_base=part_base,
                )
                out.extend(sentence.run())
            if (b := _BASE_CARRIED.search(self.text, start, end)) is not None:
                base = int(b.group(1))
                if section.kind == "actual":
                    part_base = base
        return out

    def _year_to_start(self, start: int, end: int) -> int | None:
        """The year of a sentence's opening ``到2020年,``: in its first 20 characters, or
        further on before any other figure when it is after the report's year
        (新一届政府的中心任务是:通过不懈努力,实现"三个翻番"目标,到2017年,...)."""
        t = _YEAR_TO_START.search(self.text, start, end)
        if t is None:
            return None
        if t.start() - start <= 20:
            return int(t.group(1))
        later = self.report_year is not None and int(t.group(1)) > self.report_year
        if later and not any(ch.isdigit() for ch in self.text[start : t.start()]):
            return int(t.group(1))
        return None

    def _sentences(self) -> list[tuple[int, int]]:
        """(start, end) of each sentence: runs between 。;!? and line breaks, a hard wrap's
        line break (``_soft_break``) joined, so a sentence broken across lines is read
        whole (``万元GDP用水量、能耗、二氧化碳排放分别降低\n15%、15%、\n19%``)."""
        out: list[tuple[int, int]] = []
        for m in _SENTENCE.finditer(self.text):
            a, b = m.start(), m.end()
            if out and out[-1][1] == a - 1 and self._soft_break(a - 1):
                out[-1] = (out[-1][0], b)
            else:
                out.append((a, b))
        return out

    def _soft_break(self, pos: int) -> bool:
        """Whether the line break at ``pos`` is a copy's hard wrap inside a sentence: the line
        before ends in no closing mark, is no heading and is long (or ends in 、 or ,), and
        the line after opens no heading, part or list item."""
        text = self.text
        if (
            pos < 1
            or pos + 1 >= len(text)
            or text[pos] != "\n"
            or text[pos - 1] in _CLOSING
            or text[pos + 1] in _CLOSING
        ):
            return False
        if text[pos + 1].isspace() or text[pos - 1].isspace():
            return False
        prev = text.rfind("\n", 0, pos) + 1
        if _MARK_AFTER_END.search(text, max(prev, pos - 6), pos):
            return False  # 确定的目标任务。9ti⏎: a copy's mark after a sentence's end
        before, after = self.layout.at(prev), self.layout.at(pos + 1)
        if before.heading or before.level in (1, 2) or after.heading or after.level:
            return False
        if _ENUM.match(text, pos + 1) or text.startswith(("——", "一是", "二是"), pos + 1):
            return False
        if text[pos + 1] in _UNIT_OPENING and _CUT_FIGURE.search(text, max(prev, pos - 4), pos):
            return True  # 进出口总额 15.4⏎亿元, 固定资产投资 316 亿⏎元: a figure cut from its unit
        if (
            prev >= 2
            and _FIGURE_END.search(text, max(prev, pos - 12), pos)
            and _FIGURE_END.search(text, max(0, prev - 13), prev - 1)
        ):
            # 城乡居民收入分别增长8.5%和9.3%左右⏎城镇登记失业率...控制在3.9%和3%以内⏎全年...:
            # two lines in a row that end on a figure are a list's items, not a wrapped line
            return False
        if pos - prev >= _WRAP_MIN or text[pos - 1] in "、,":
            return True
        # 增长⏎7.6%;, 分别增长 20%和⏎30%: a shorter line cut between a verb (or 和) and its
        # figure
        return text[pos + 1].isdigit() and (
            text[pos - 1] == "和" or text.endswith(_WRAP_VERBS, prev, pos)
        )

    def joints(self) -> list[int]:
        """Positions of the characters a copy put inside a figure or a word, which are read
        as if absent (``extract``): spaces around a number (突破 4000 亿元, 增长 6.5 %), and
        the line break of a hard wrap between two characters of a word or a figure
        (社会消费品⏎零售总额, 一般公共预算收⏎入32.83亿元), and a copy site's pinyin after a
        character (生产(chǎn)总值), and a note on the figures after a subject whose comma
        would cut the clause (地区生产总值(预计数,下同)从117亿元)."""
        text = self.text
        out = [i for a, b in self._figure_spaces() for i in range(a, b)]
        aids: list[int] = []
        if "(" in text or "(" in text:
            aids = [
                i
                for m in _PINYIN_AID.finditer(text)
                if _after_han(text, m.start())
                for i in range(*m.span())
            ]
            out += aids
            for m in _ESTIMATE_NOTE.finditer(text):
                a = m.start()
                if _after_han(text, a) if m.group(1) else text[max(0, a - 2) : a] == "预计":
                    out += range(*m.span())
        if "[" in text:  # 九大类民生支出[2]累计达到246亿元: a note's number after a word
            out += [
                i
                for m in _NOTE_MARK.finditer(text)
                if _after_han(text, m.start())
                for i in range(*m.span())
            ]
        pos = text.find("\n")
        while pos >= 0:
            if (
                0 < pos < len(text) - 1
                and (_WORD_CHAR.match(text, pos - 1) or text[pos - 1] in "、,")  # 城镇、⏎农村
                and _WORD_CHAR.match(text, pos + 1)
                # a title, a dateline: lines kept; a preamble's prose (a summary given
                # without a part heading) is read through its wraps
                and (self.layout.at(pos).part != "preamble" or self._prose_line(pos))
                and self._soft_break(pos)
                and (not aids or self._long_without(pos, aids))
            ):
                out.append(pos)
            pos = text.find("\n", pos + 1)
        out += self._figure_lines()
        if ";;" in text:
            # ;;十三五;;时期: a copy's quotation marks turned into doubled semicolons, which
            # would cut the sentence; read as if absent (十三五时期)
            for m in _MANGLED_QUOTES.finditer(text):
                a, b = m.span()
                out += [a, a + 1, b - 2, b - 1]
        return sorted(set(out))

    def _prose_line(self, pos: int) -> bool:
        """Whether the line ending at ``pos``, or the one after, is prose: it holds a clause
        mark (a title or a dateline has none)."""
        text = self.text
        after = text.find("\n", pos + 1)
        return (
            _CLAUSE_MARK.search(text, text.rfind("\n", 0, pos) + 1, pos) is not None
            or _CLAUSE_MARK.search(text, pos + 1, len(text) if after < 0 else after) is not None
        )

    def _long_without(self, pos: int, aids: list[int]) -> bool:
        """Whether the line ending at ``pos`` is a hard wrap's long line once the pinyin a
        copy put after its characters is left out (生产(chǎn)总值增长(zhǎng)6.5%左右, a list
        item on a line of its own, is short)."""
        text = self.text
        prev = text.rfind("\n", 0, pos) + 1
        n = bisect_right(aids, pos) - bisect_right(aids, prev - 1)
        return pos - prev - n >= _WRAP_MIN or text[pos - 1] in "、,"

    def _figure_lines(self) -> list[int]:
        """The line breaks around a figure a copy put on a line of its own (地区生产总值从⏎
        497.8⏎亿元增加到⏎779⏎亿元,年均增长⏎7.3%⏎。): the line before ends in a word or a
        list mark, the line after opens with the figure's unit or a mark; a page number's
        line (a word after it) and the lines of a title or dateline keep their breaks."""
        text = self.text
        out: list[int] = []
        for m in _FIGURE_LINE.finditer(text) if "\n" in text else ():
            a, b = m.start(1) - 1, m.end(1)  # the breaks before and after the figure
            if a < 1 or b + 1 >= len(text) or self.layout.at(a).part == "preamble":
                continue
            if (is_cjk(text[a - 1]) or text[a - 1] in "、,") and text[b + 1] in _UNIT_OR_MARK:
                out += [a, b]
        for m in _CHARACTER_LINE.finditer(text) if "\n" in text else ():
            b = m.end(1)  # 规⏎上工业产值从: one character of a word left on its line
            if self.layout.at(b).part != "preamble":
                out.append(b)
        return out

    def _figure_spaces(self) -> list[tuple[int, int]]:
        """Spans of spaces inside a figure of prose (``_SPACES``, ``_prose_before``), and
        inside the change verb before one (增 长- 39.7%, 下 降0.3%)."""
        text = self.text
        out: list[tuple[int, int]] = []
        for m in _SPACES.finditer(text) if " " in text else ():
            a, b = m.span()
            if a == 0 or b == len(text) or (out and out[-1][1] >= b):
                continue
            before = text[a - 1]
            v = _VERB_SPACED.match(text, a - 1)
            if v is not None and v[1] + v[2] in _SPACED_VERBS and _prose_before(text, a - 1):
                # 增 长- 39.7%: the verb's own space, and those around its sign
                out += [v.span(g) for g in (3, 4, 5) if v.start(g) < v.end(g)]
                continue
            w = a - 1 if before in "-−" else a  # 增长 - 5%, 增长- 3%: spaces around the sign
            g = _SIGN_SPACED.match(text, w) if text[w - 2 : w] in _SPACED_VERBS else None
            if g is not None and _prose_before(text, w - 2):
                out += [g.span(k) for k in (1, 2) if g.start(k) < g.end(k)]
                continue
            if is_cjk(before):
                n = _NUMBER_AFTER.match(text, b)
                if n is None:
                    if before in "万亿" and _UNIT_START.match(text, b) and _figure_ends(text, a):
                        out.append((a, b))  # 5312 亿 元: a unit's own space
                    continue
                if not _prose_before(text, a):
                    continue
                out.append((a, b))  # 突破 4000 (亿元)
                if n.group(1):
                    out.append(n.span(1))  # 4000 亿元
            elif before == "." and _FRACTION_AFTER.match(text, b) and _figure_ends(text, a):
                out.append((a, b))  # 年均增长3. 9%: a space after the decimal point
            elif before.isdigit() and _UNIT_START.match(text, b):
                lo = a - 1
                while lo > 0 and a - lo < 20 and (text[lo - 1].isdigit() or text[lo - 1] == "."):
                    lo -= 1
                if lo > 0 and is_cjk(text[lo - 1]) and _prose_before(text, lo):
                    out.append((a, b))  # 增长6.5 %
        return out

    def _wrapped(self, start: int) -> bool:
        """Whether the line before ``start`` was broken off mid-sentence by a copy's hard
        wrap (a long line ending in a character, not a heading), so that the sentence at
        ``start`` goes on from it."""
        text = self.text
        if start < 2 or text[start - 1] != "\n" or not is_cjk(text[start - 2]):
            return False
        prev = text.rfind("\n", 0, start - 1) + 1
        if start - 1 - prev < _WRAP_MIN:
            return False
        return not self.layout.at(prev).heading

    def _one_year(
        self, section: Section, start: int, end: int, y: re.Match[str] | None
    ) -> Section | None:
        """The section for the rest of a five-year review's paragraph from a sentence that
        opens with the review's last year (2020年,全区...; 全年实现...), else None.

        A 五年来 later in the paragraph returns to the five years (``_CLAUSE_MULTI``)."""
        assert section.span is not None
        first, last = section.span
        if (y and int(y.group(1)) == last) or self.text.startswith("全年", start):
            if y and self._against_term_start(start, end, first):
                return section  # 2010年生产总值完成2050.3亿元,比"十五"末增长74%: the five years'
            return replace(section, part="review", span=None, year=last)
        if _CLAUSE_MULTI.match(self.text, start, end):
            return section
        return None

    def _against_term_start(self, start: int, end: int, first: int) -> bool:
        """Whether the sentence sets its figures against the level before the review's years
        (比"十五"末, 比2005年, 是2005年的): a summary of the years, not of the last one."""
        for m in _TERM_START.finditer(self.text, start, end):
            if m.group(1) is None or int(m.group(1)) == first - 1:
                return True
        return False


def extract(
    text: str,
    *,
    ref_area: str = "",
    ref_area_code: str = "",
    report_year: int | None = None,
    catalog: Catalog | None = None,
) -> list[ExtractedObservation]:
    """Every observation in a normalized work report, in document order.

    ``text`` must already be ``ingest.text.normalize_text`` output; every row's ``quote`` is
    ``text[char_start:char_end]``. ``report_year`` defaults to ``detect_report_year(text)``.
    A text in traditional characters is read through its simplified twin (``hanzi``), which
    has the same offsets; quotes and values as written still come from ``text``. Unpaired
    surrogates become U+FFFD first (as in ``normalize_text``; offsets keep), so every row can
    be encoded and given an id whatever text the caller passes. Spaces a stored page puts
    inside a figure and hard wraps inside a word are read through (``_Extractor.joints``);
    offsets, quotes and values as written still come from ``text``.
    """
    text, _ = repair_text(text)
    reading = reading_text(text) or text
    if report_year is None:
        report_year = detect_report_year(reading)
    else:  # a title's year, for a report given late in that year, plans for the next
        report_year += late_in_year(reading[:4000], report_year) or own_year_review(
            reading, report_year
        )
    cat = catalog or load_catalog()
    ex = _Extractor(reading, ref_area, ref_area_code, report_year, cat, stored=text)
    drop = ex.joints()
    if not drop:
        rows = ex.run()
    else:
        # 突破 4000 亿元, 社会消费品⏎零售总额: read as if the copy had no such space or break,
        # and give every row its offsets (and quote, and value as written) in ``text``
        keep = _kept(drop)
        compact = _Extractor(
            _without(reading, drop),
            ref_area,
            ref_area_code,
            report_year,
            cat,
            stored=_without(text, drop),
        )
        rows = [_restored(row, text, compact.stored, keep) for row in compact.run()]
    return gate(rows, reading)


# A space a stored page puts inside a figure: between a word and a number (突破 4000), a
# number and its unit (4000 亿元, 6.5 %); a number after no word (a list item's 10 更新改造,
# a page's 47 浏览次数) keeps its space, and so do the fields of a line that spaces its words
# (添加时间 2026/2/12  浏览次数 4034 次): only a clause of prose is read through its spaces
_SPACES = re.compile(r" +")
# [2] right after a word: the number of its note in the glossary (名词解释), not a figure
_NOTE_MARK = re.compile(r"\[\d{1,2}\](?=[\u4e00-\u9fff,,;;。、])")
# A short word between doubled semicolons (;;十三五;;): a copy's mangled quotation marks
_MANGLED_QUOTES = re.compile(r";;[\u4e00-\u9fff]{1,10};;")
# A copy site's reading aid: the pinyin of a character in brackets right after it
# (地區(qū)生產(chǎn)總值, 財(cái)政收入). One syllable with its tone mark, lower case: a report's
# own brackets hold words, figures or abbreviations (GDP, 含雄安), never a toned syllable.
# Some copies leave a space inside the brackets (會(huì )議).
# (the character before is checked in ``joints``: a pattern that opens with its bracket is
# scanned for fast, one behind a lookbehind is tried at every position)
_PINYIN_AID = re.compile(r"[((] ?[a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,5} ?[))]")
# A change verb a copy split with a space, before its figure (增 长- 39.7%, 下 降0.3%): groups
# 1 and 2 the verb's two characters, 3 its space, 4 and 5 the spaces around a sign
_VERB_SPACED = re.compile(r"(?=(\S) *(\S))\S( *)\S( *)[-−]?( *)(?=\d)")
_SPACED_VERBS = frozenset({"增长", "下降", "增加", "减少", "上涨", "上升", "降低", "提高", "回落"})
_SIGN_SPACED = re.compile(r"( *)[-−]( *)(?=\d)")
_FRACTION_AFTER = re.compile(r"\d+ *[%‰万亿]")
# One character alone on its line, before a line that goes on with a word (规⏎上工业产值), after
# a sentence's end
_CHARACTER_LINE = re.compile(r"[。;!?]\n([\u4e00-\u9fff])(?=\n[\u4e00-\u9fff])")
# A figure alone on its line, and what may open the line after it: its unit, or a mark
_FIGURE_LINE = re.compile(r"\n(\d+(?:\.\d+)?%?)(?=\n)")
_UNIT_OR_MARK = frozenset("亿万千元%‰个家项人户年月日吨亩倍平公米美次名位座条所台辆套强。,、;")
# A note that the figures are estimates, with a comma inside (地区生产总值(预计数,下同)从)
# after a character (group 1), or a bare (下同) after 预计 (2016年,预计(下同)全县生产总值340亿元);
# ``joints`` checks what comes before
_ESTIMATE_NOTE = re.compile(r"[((](?:((?:预计数?|初步(?:核算|统计)数?|快报数)[,,、]下同)|下同)[))]")
_NUMBER_AFTER = re.compile(r"\d+(?:\.\d+)?( *)(?=\n?[\u4e00-\u9fff%‰])")
_UNIT_START = re.compile(r"[\u4e00-\u9fff%‰]")
_WORD_CHAR = re.compile(r"[\u4e00-\u9fff\d%]")


_CLAUSE_END = re.compile(r"[,、:;。!?\n]")
_PROSE_WINDOW = 40
# A figure spaced off inside prose: a word, spaces, a number, spaces, a word or a percent sign
_SPACED_FIGURE = re.compile(r"[\u4e00-\u9fff] *\d+(?:\.\d+)? *(?=[\u4e00-\u9fff%‰])")


def _prose_before(text: str, pos: int) -> bool:
    """Whether the clause before ``pos`` (up to a mark, within a bounded window) has no space."""
    lo = max(0, pos - _PROSE_WINDOW)
    back = text[lo:pos]
    marks = list(_CLAUSE_END.finditer(back))
    clause = back[marks[-1].end() if marks else 0 :].lstrip(" ")
    if " " not in clause:
        return True
    # 分别达到 39159 元和 20598 元: the spaces of an earlier figure in the clause are a
    # figure's, not a spaced line's (添加时间 2026/2/12  浏览次数 4034 次 keeps its own)
    return " " not in _SPACED_FIGURE.sub("", clause)


def _figure_ends(text: str, pos: int) -> bool:
    """Whether ``text`` before ``pos`` ends in a figure of prose: digits (a decimal point, a
    magnitude 万 or 亿, spaces) after a word whose clause has no space (``_prose_before``)."""
    lo = pos
    while lo > 0 and pos - lo < 20 and text[lo - 1] in " 万亿":
        lo -= 1
    digits = lo
    while lo > 0 and digits - lo < 20 and (text[lo - 1].isdigit() or text[lo - 1] == "."):
        lo -= 1
    if lo == digits:
        return False
    while lo > 0 and text[lo - 1] == " ":
        lo -= 1
    return lo > 0 and is_cjk(text[lo - 1]) and _prose_before(text, lo)


def _after_han(text: str, pos: int) -> bool:
    """Whether the character before ``pos`` is a Han character (U+4E00-U+9FFF)."""
    return pos > 0 and "\u4e00" <= text[pos - 1] <= "\u9fff"


def _without(text: str, drop: list[int]) -> str:
    """``text`` minus the characters at the (sorted) positions ``drop``."""
    parts, at = [], 0
    for i in drop:
        parts.append(text[at:i])
        at = i + 1
    parts.append(text[at:])
    return "".join(parts)


def _kept(drop: list[int]) -> list[int]:
    """Where each of the (sorted) dropped positions falls in the text without them: a
    position ``c`` there is ``c + bisect_right(kept, c)`` in the whole text."""
    return [d - j for j, d in enumerate(drop)]


def _restored(
    row: ExtractedObservation, text: str, compact: str, keep: list[int]
) -> ExtractedObservation:
    """``row`` read in the text without dropped characters, with offsets in ``text``."""

    def whole(c: int) -> int:
        return c + bisect_right(keep, c)

    a, b = row.char_start, row.char_end
    start, end = whole(a), whole(b - 1) + 1
    while end - start > 1 and text[end - 1] in " \n":
        end -= 1  # a line break kept where the joined line now ends (居⏎全国第一⏎,)
    value_text = row.value_text
    v = compact.find(value_text, a, b) if value_text else -1
    if v >= 0:
        value_text = text[whole(v) : whole(v + len(value_text) - 1) + 1]
    return msgspec.structs.replace(
        row, char_start=start, char_end=end, quote=text[start:end], value_text=value_text
    )
