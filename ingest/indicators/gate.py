"""The precision gate: rows whose reading is doubtful are withheld, not published.

"A missing number is better than a wrong one." The extractor reads every quantitative
statement it can; most of what it gets wrong lies outside the main scopes (targets and the
review's headline): a subject cut short or that names nothing, a count of the things a
ranking is made among, a ratio filed as a count, a five-year total dated to one year. Each
rule below recognises one such shape from the row's own columns, its quote and the line it
stands in, and withholds the row with the rule's name. Withheld rows are not published;
``gongkai extract --withheld`` lists them with the rule that withheld them.

The rules were written from the hand reviews of corpus rounds 1-5 and the held-out texts
(tests/indicators/corpus/precision_review.toml) and then measured once on rounds 6 and 7
(FIRST_RUN.md, "Precision gate"). A catalogued row (one with an ``indicator_code``) is the
row that matters most: only the rules on the shape of the reading (``rate_as_count``,
``ranked_pool``, ``plan_items``, ``cut_as_level``, ``task_surplus``, ``present_state``) can
withhold it, never those on the subject's words, since the catalog has named its subject.
The seed's gold and the corpus's gold say which rows are right: no rule withholds a gold row
of either (a rule that did, on a bare ``完成率`` of the corpus, was dropped).

Rules, in the order they are tried (the first that fits names the row's rule):

``rate_as_count``
    A count whose subject is a rate or share (``17个集中式饮用水水源地水质达标率均实现100%``
    read as 17 of ``...达标率``): the number counts the things the rate is of, a descriptor,
    and a rate is never a count.
``rate_scope``
    A count written before its noun and followed by ``、`` and another count that ends in a
    rate (``10个主要流域国省控断面、17个集中式饮用水水源地水质达标率均实现100%``): the two
    counts say what the rate is of, and the first is no observation of its own.
``ranked_pool``
    The subject ranks within a group (``中位居``, ``中占据``, ``中排名``) or ends in ``在…中``
    or an evaluation's ``考核中``, ``评价中`` (not any ``中``: ``高中`` is a subject), as in
    (``在全国168个重点城市中位居前列``,
    ``全市首批4个试点创新项目中占据3席``, ``在全省增比进位综合测评中继续保持第一``): the
    number counts the group the area is ranked among, or the rank has lost what it ranks.
``plan_items``
    A count of programme items (``民生实事``, ``民生工程``, ``改革任务``, ``改革举措``) that
    are announced, launched or pushed on (``推出168项改革任务``, ``连续实施20项民生工程``): the
    number of items on a list is not a measure of the area (the corpus's gold has no row for
    them). Items reported done are kept (``全面完成省政府下达的10件民生实事任务`` is a row of
    the seed's gold): the clause says ``完成``, ``兑现``, ``完工`` or ``落实``.
``bare_subject``
    An uncatalogued subject that is a bare head noun once its verb is set aside (``投资``,
    ``安排资金``, ``下达资金``, ``总投资``, ``投资额``, ``企业``, ``作品``): it does not say what
    the money is for or which enterprises are counted, so the row cannot be read alone; so is
    a subject that is only a verb (``投入1.6亿元,全面实施...`` read as ``投入``), or one that
    opens with what was contributed and not by whom (``...聚集科技企业32家,贡献全税2302万元``
    read as ``贡献全税``: the firms' tax, the subject lost). So is a subject that is only a
    verb of bringing in or a scope (``新引进46个创新创业团队`` read as ``新引进``,
    ``全球全国第一`` as a rank of ``全球``, ``全市15万人实现脱贫`` as ``全市``), or only a
    verdict (``其中42项全国领先``: 42 of what is not said).
``lost_qualifier``
    A count written number first whose subject stops before the predicate that says which
    ones are counted (``5家企业获得中国专利优秀奖``, ``1961家企业参与...试点``, ``2人来自深圳``):
    the row would say "5 enterprises", the qualifier being lost.
``merged_clause``
    An uncatalogued subject that contains another count (``60余家医疗卫生机构与京津80多家医院
    开展150多项合作`` read as ``医院开展150多项合作``), or an amount that is no size class
    (``投入5100余万元救助困难群众``, ``坪山中心区从4.7平方公里扩容``; a size class is kept:
    ``10亿元以上项目``): two statements run together.
``cut_as_level``
    A level read right after a verb of cutting (``减少1671条重复开挖计划``, ``精简会议文件30%
    以上``): the number is a reduction, not a level.
``five_year_flow``
    In a line that speaks of several years (``五年来``, ``过去五年``, ``“十三五”时期``,
    ``三年来``), an uncatalogued flow (built, invested, held, supplied: no 达到, 增至, 总数,
    从...到 of a stock) dated to a single year: it is the period's total, and its years are
    not in the row (``过去五年原特区外投资8899亿元`` dated 2015; ``这五年...压减退出粗钢产能
    8212.4万吨``: cut, retired, cleared or set up over the years, since tuning round 16; the
    government's work, ``办理省人大代表建议4228件``, ``提请…审议地方性法规草案47项``, since
    precision round 17). A
    clause that names its own year is that year's (``2020年全市实现...税费收入144.8亿元``).
``target_in_subject``
    An uncatalogued subject that contains ``目标`` (``生产总值预期目标``): a heading's words
    taken for the subject, so the catalogued subject it stands for was missed.

Second round (written from the reviews of rounds 6-8, on uncatalogued rows only; FIRST_RUN.md,
"Precision gate, second round"):

``action_count``
    A count of measures or actions (``55项具体行动``, ``开展28项重点整治行动``,
    ``落实疫情防控常态化十项30条措施``, ``40项首批授权事项``): the subject's head, or the quote's
    last word, is ``措施``, ``举措``, ``行动``, ``具体任务`` or ``授权事项``; how many items a
    programme has is not a measure of the area, done or not.
``bare_extent``
    A subject that is only a generic measure of extent (``总里程``, ``总面积``, ``总数``,
    ``密度``, ``规模``, ``金额``), once its verb is set aside: ``总里程45.2公里`` does not say
    the mileage of what.
``garbled_subject``
    A subject with a space in it or that ends in a cut number (``增 长-``, ``下 ``,
    ``一般公共预算收入年均增长3.``): a copy's break inside a word or a figure was read as a
    subject, so the number is part of another one.
``flow_and_stock``
    A subject that starts with an addition (``新增``, ``新接入``, ``新建``) and ends in a
    total (``总数``, ``总量``): ``新增跨黄桥隧8处、总数达21处`` read as 21 of
    ``新增跨黄桥隧总数``, the added things and their total run together.
``paired_area``
    A figure of the places an area helps (``对口``, ``助力``, ``协作``, ``帮助``, ``援``) lifted
    out of poverty (``脱贫``, ``减贫``, ``摘帽``, ``出列``):
    ``助力120个村…贫困人口全部实现脱贫出列`` counts the paired area's people, not the
    reporting area's (a bare ``帮扶`` is kept: ``省级重点帮扶县`` are the area's own); the
    help may be written earlier in the clause (``帮助广西、四川、贵州、云南4省区93个贫困县
    摘帽``, since tuning round 16).

Third round (written from round 11's first run; FIRST_RUN.md, "Tuning round 11 (parts and
dating)"):

``task_surplus``
    An excess over a task or target set from above (``固定资产投资完成17亿元,超额完成年度任务
    2.1亿元``, ``超出市级下调任务指标⏎6000万元``, ``超出市下达任务50万平方米``): the number is
    how far the figure passed the task, not a measure of the area. Withheld when the value
    comes right after the words of the excess (catalogued or not), or when an uncatalogued
    subject is those words (``超额完成年度任务2.1亿元,增长20.6%`` read as the growth of
    ``超额完成年度任务``: the subject the growth is of was lost).

Fourth round (written from the whole-document precision sample of tuning round 16; the
review file's notes of that round):

``count_over_list``
    A count written number first whose noun is the first of a list that runs on without
    numbers (``76所小学、中学、大学运动场地向社会公益开放``, ``1800余家各类图书馆、博物馆、
    美术馆...``): the number counts the whole list, not its first item.
``aided_area``
    An uncatalogued subject that opens on helping another area (``帮助对口协作地区转移就业超
    700人``, ``帮助广西靖西、那坡引进企业14家``, ``帮助当地农村劳动力就业约1.3万人``): the
    figure is the helped area's, not the reporting area's (``帮助企业...`` is kept: the area's
    own firms).
``unsplit_list``
    An uncatalogued subject that lists several (``、``) read with one of a run of values
    (``畜禽、奶肉牛饲养量增长4.8%和4.4%``, ``高层次人才、博士人才达724名和1003名``, no
    分别): the values are the items' one each, and the row files one of them under all.
``present_state``
    A target whose clause says the figure is already so (``而且开发强度已经达到了65%``,
    ``目前全区城市更新计划项目已有139个``, ``管好用好现有260个公园``): a plan's words around
    a state of today, not a goal (catalogued or not).
``honours``
    A count of honours (``中国特色魅力会展城市等36项国字号荣誉纷至沓来``): how many titles an
    area won is not a measure of it (the decisions of round 13).

Fifth round (written from round 16's whole-document precision sample; FIRST_RUN.md,
"Precision round 16b"):

``reform_items``
    A count of reforms, powers, rule sets, reform outcomes, pilot experiences, powers granted
    or clusters being built (``“织网工程”等18项关键领域改革``, ``下放第一批60项省级管理权限``,
    ``新推出制度创新成果111项``, ``首批40项授权事项全部落地``): how many items a programme
    has, not a measure of the area (a count of units reformed, ``50家…事业单位改革``, is kept).
    Since precision round 17 also any count of experiences (``41项改革创新经验在全国复制推广``),
    reform projects (``170个人民至上“微改革”项目``), reform or consultation outcomes
    (``14项政协协商议政重大成果落地``), key items of a programme (``两批21个“高效办成一件事”
    重点事项``), items devolved (``下放区级政务服务事项102个``) and the articles of a policy
    issued (``出台加强知识产权保护36条``).
``run_count``
    A count of a run (``国家质量考核连续7次获得A级``): no number of things.
``set_task``
    The size of a task set from above, passed (``超额完成国家下达的110万人就业任务``): the task,
    not the figure done.

Sixth round (written from the reviews of precision round 17; FIRST_RUN.md, "Precision round
17"; ``reform_items``, ``bare_subject`` and ``five_year_flow`` above were widened too):

``size_class``
    An uncatalogued amount that is the size class of the firms or projects named after it
    (``年主营业务收入超千亿元、百亿元的企业分别达22家``, ``深化培育超百亿元、超千亿元大型骨干
    企业``): a threshold, not a value.

Seventh round (written from the reviews of round 17's whole-document sample; FIRST_RUN.md,
"Precision round 17c"; ``reform_items`` above also takes rule sets, sectors opened, a
platform's modules and powers abolished or cleared: ``“两个维护”十项制度``, ``对港澳开放153个
服务业门类``, ``金融端4个模块``, ``取消职权152项``):

``list_members``
    A count right after a ``、``-list with as many members, of what they are called together
    (``社区工作站、社区居委会、社区股份合作公司3支力量的作用``): the list counted, not a
    measure of the area.
``inner_region``
    A subject that opens with a region inside the document's area that is no division
    (``珠三角光纤入户率超过30%`` in the province's report, ``原特区外投资五年累计超过8000亿元`` in
    the city's): the region's figure, which cannot be filed under a division code (catalogued
    or not: the catalog names the subject, not the area).
``sub_area_descriptor``
    A count of the streets or towns a piece of work is pushed in (``推动10个街道全面依法治街
    委员会实体化运作``, ``推动4个新设街道规划建设高水平医院``), or of the pilot counties of a
    programme pushed on (``推进6个村村通自来水工程示范县建设``): where the work is, not a value.
    (``bare_subject`` above also takes a subject that is a scope and a verb of spending only:
    ``今年全省将投入1900亿元``, ``其中省级投入792亿元``; and a bare standard: ``补助标准从每户
    1.5万元提高到2万元``.)

Eighth round (written from round 19's whole-document sample; the review file's notes of that
round). ``bare_subject`` above also takes an award's grade alone (``优秀奖27项``, ``其中金奖3项``),
a bare project head (``实施项目1300个以上``, ``全年安排项目380个以上``), a verb of reach alone
(``惠及9.5万户``, ``覆盖11万人次``), a subject that stops on its verb (``企业签订了``) and the
area's own name (``武进继续位居全国综合实力百强区第三位`` read as ``武进``); ``bare_extent`` a
bare capital, deal or freight (``注册资本金7.19万亿元``, ``协议规模777.5亿元``, ``年货物吞吐量
150万吨``); ``inner_region`` a region after ``在`` (``…综合指数在原特区外排名第一``). A bare level
(``其中国家级84家``) is kept: c224's gold holds one.

``ongoing_in_plan``
    A target count of projects under way (``在建``, ``续建``) that the plan pushes on (``加快长城
    汽车10个在建项目投产达效``, ``抓好深中通道等54个续建项目``): the projects of today, no goal.
``state_in_subject``
    A count whose subject ends in a state of what is counted (``深圳人才公园等7条无人机配送航线
    总订单量破万``): the count is of the routes, the state run into the subject.
``paired_park``
    An uncatalogued subject that is a park co-built in a list of places (``连平、河源和吉安共建
    产业园入驻企业27家``): the parks' figure, in the paired areas, not the reporting area's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from ingest.indicators.areas import own_names
from ingest.indicators.model import ExtractedObservation

__all__ = ["RULES", "Withheld", "collecting", "gate", "screen", "withheld_reason"]


@dataclass(frozen=True)
class Withheld:
    """A row the gate did not publish, and the rule that withheld it."""

    row: ExtractedObservation
    rule: str


_RATE_END = ("率", "比重", "占比", "比例")
_ITEMS = ("实事", "民生工程", "民心工程", "改革任务", "改革举措")  # (连续四年实施十项民心工程)
_DONE = re.compile(r"完成|兑现|完工|落实")
_CLAUSE_END = ",,;;。\n"
_WINDOW = 200  # how far a clause is looked for either side of a quote
_POOL = re.compile(
    r"中(?:位居|位列|占据|排名|排|居|名列|继续保持|保持)|在.+中$|(?:考核|评价|测评|考评|评比|评估|城市)中$"
)
# A verb, a 的 or a bracket may stand before the head noun: 完成投资, 安排资金, 累计完成投资.
_VERBS = re.compile(
    r"^(?:其中|全年|累计|共|总|完成|实现|安排|下达|新增|实施|争取|投入|拨付|启动|只?保留|新?推出"
    r"|建成)+"
)
_BARE = frozenset({"投资", "总投资", "投资额", "总投资额", "资金", "企业", "作品", "合作", "站点"})
# 确保年内300个村, 2条完工、3条在建, 满意率均达100% (of the proposals handled): the places, the
# state or the rate, not what is counted or rated
_BARE |= {"村", "镇", "单位", "国际", "完工", "在建", "满意率", "办结率", "答复率"}
# A subject that is only a verb of bringing in, or only a scope (全球全国第一 read as 全球's rank)
# A scope or level and a verb of spending only (全省将投入, 省级投入, 市财政安排)
_SPENDER_ONLY = re.compile(
    r"(?:全[省市区县]|[省市区县]级|各级|[省市区县]财政|财政)(?:将|要|共|累计|计划)?"
    r"(?:投入|投资|安排|支出|拨付|筹集)(?:资金)?"
)
# A bare standard, per head or not (补助标准每户): what it is for is in the clause before
_STANDARD_ONLY = re.compile(r"(?:补助|补贴|奖励|救助|保障)?标准(?:每[人户亩月年学]{1,3})?")
_NAMES_NOTHING = frozenset(
    {"引进", "新引进", "引入", "新引入", "引导", "新引导", "全球", "全国", "全省", "全市"}
    | {"全部办结", "办结", "全部完成"}  # 政协提案923件全部办结 read as 全部办结: a state only
    # a verb of reach only (惠及9.5万户, 覆盖11万人次, 共吸引约50万名境外采购商: who or what
    # reached them is lost; precision round 19)
    | {"惠及", "共惠及", "覆盖", "吸引", "共吸引", "带动", "吸纳"}
)
# An award's grade only (优秀奖27项, 其中金奖3项, 银奖5项: the award of what?), or a subject
# that stops on its verb (并与20家企业签订了入驻协议 read as 企业签订了)
_AWARD_ONLY = re.compile(r"(?:其中)?(?:获得?|荣获)?(?:金奖|银奖|铜奖|优秀奖|[一二三特]等奖)")
_CUT_AT_VERB = re.compile(r"(?:签订|签署|签约)了?$|了$")
# A bare project head (实施项目1300个以上, 全年安排项目380个以上): which projects, of what?
_PROJECTS_ONLY = re.compile(r"(?:全年|今年|共)?(?:实施|安排)项目")
# A preposition and a short name only (对东盟, 出口 cut off), a count that is a preposition's
# object, the quote stopping at a short noun (为176万户烈属…悬挂光荣牌; 为1.6万人提供…服务 is
# kept: what was done is read), a subject cut after a 的 (低于全国5.1张的平均水平 read as
# 的平) or a subject that is a state of work (首批50个建设进展顺利 read as 建设进展)
_PREPOSITION_ONLY = re.compile(r"^[对向][\u4e00-\u9fff]{1,3}$")
_OBJECT_COUNT = re.compile(r"^[为向给对]\d")
_STATE_OF_WORK = ("进展", "凸显", "顺利", "全部落实")  # (65项基本公共服务全部落实)
# A verdict only (其中42项全国领先: 42 of what?)
_VERDICT_ONLY = re.compile(r"(?:全球|全国|全省|全市|国际|国内|行业)?(?:领先|先进|一流|前列)")


def _own_name(zh: str, area: str) -> bool:
    """Whether ``zh`` is ``area``'s name, full or short (武进 of 武进区, 大鹏 of 大鹏新区)."""
    return zh in own_names(area)


_NUMERAL = "0123456789.零〇一二三四五六七八九十百千万两"
_PREDICATE = re.compile(r"(?:荣获|获得|获|参与|参加|来自|入选)")
_COUNT_IN = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:多|余)?[项个家席件座所名人]")
# An amount inside a subject that is not a size class (10亿元项目, 超10亿元重点科技企业, 100亿元
# 以上项目): 投入5100余万元救助困难群众, 坪山中心区从4.7平方公里扩容, 重大民生工程投资300亿元
_AMOUNT_IN = re.compile(
    r"\d+(?:\.\d+)?(?:多|余)?[万亿]*(?:元|美元|平方公里|平方米|公里|亩|吨)"
    r"(?!以上|以下|及以上|级|的|[\u4e00-\u9fff]{0,4}?(?:项目|企业))"
)
_CUT = ("减少", "精简", "压减", "压缩", "削减", "缩减")
_YEARS_LINE = re.compile(
    r"五年来|过去五年|这五年|五年间|五年中|五年累计|三年来|[“\"]?十[一二三四五][五][”\"]?(?:时期|期间|以来)"
)
_STOCK = re.compile(r"达|增至|增加到|提高|提升|突破|总数|总量|余额|拥有|由|从|超过|保持")
# What was done over the years: built, held, invested, supplied, cleared, upgraded.
_FLOW = re.compile(
    r"完成|举办|建立|建成|新建|改建|实施|投资|供应|清拆|开工|筹集|改造|争创|引进|打通|开展|治理|累计|(?<![公])共"
    r"|压减|淘汰|退出|处置|清理|搭建|整治|化解|拆除|关停"
    r"|办理|提请|审议|解决|制定|修订|受理"  # the government's work (办理省人大代表建议4228件)
)
_CLAUSE_START = ",,;;。:\n"
_A_YEAR = re.compile(r"(?:19|20)\d\d年")


def _quote(row: ExtractedObservation, text: str) -> str:
    """The row's quote as read (``text`` is the text the extractor read: a 繁體 report's
    simplified twin, with the same offsets, so it compares with ``indicator_zh``)."""
    return text[row.char_start : row.char_end] or row.quote


def _value_at(quote: str, row: ExtractedObservation, *, last: bool = False) -> int:
    """Where the row's value stands in its ``quote`` (its last occurrence with ``last``), or
    -1 (also for a row with no value text)."""
    if not row.value_text:
        return -1
    return quote.rfind(row.value_text) if last else quote.find(row.value_text)


def _rate_as_count(row: ExtractedObservation, text: str) -> bool:
    return row.unit == "count" and row.indicator_zh.endswith(_RATE_END)


def _ranked_pool(row: ExtractedObservation, text: str) -> bool:
    return bool(_POOL.search(row.indicator_zh))


def _bare_subject(row: ExtractedObservation, text: str) -> bool:
    if row.indicator_code:
        return False
    zh = row.indicator_zh
    bare = _VERBS.sub("", zh)
    if zh.startswith("贡献"):
        return True  # 贡献全税2302万元: contributed by whom?
    if _STANDARD_ONLY.fullmatch(zh):
        return True  # 补助标准从每户1.5万元提高到2万元: the standard of what?
    if _SPENDER_ONLY.fullmatch(zh):
        return True  # 今年全省将投入1900亿元, 其中省级投入792亿元: who spends, not on what
    if zh in _NAMES_NOTHING:
        return True  # 新引进46个创新创业团队和33名领军人才 read as 新引进
    if zh.startswith("的") or zh.endswith(_STATE_OF_WORK) or _PREPOSITION_ONLY.match(zh):
        return True
    if _VERDICT_ONLY.fullmatch(bare):
        return True  # 其中42项全国领先: a verdict, the things judged are not named
    if _AWARD_ONLY.fullmatch(zh) or _PROJECTS_ONLY.fullmatch(zh):
        return True  # 优秀奖27项, 实施项目1300个以上: the award or the projects of what?
    if len(zh) <= 6 and _CUT_AT_VERB.search(zh):
        return True  # 企业签订了: the subject stops on its verb
    if _own_name(zh, row.ref_area):
        return True  # 武进继续位居全国综合实力百强区第三位: the area's rank in what?
    quote = _quote(row, text)
    if _OBJECT_COUNT.match(quote) and quote.endswith(zh) and len(zh) <= 4:
        return True  # the quote stops at the object: what was done for them is lost
    return bare in _BARE or zh in _BARE or (bare == "" and zh != "")  # 投入1.6亿元: a verb only


def _clause(row: ExtractedObservation, text: str) -> str:
    """The clause the row stands in: from the last ``,;。:`` or line break before its quote
    to the next one after it."""
    lo = max(0, row.char_start - _WINDOW)
    start = max(max(text.rfind(c, lo, row.char_start) for c in _CLAUSE_START) + 1, lo)
    after = text[row.char_end : row.char_end + _WINDOW]
    end = min((i for c in _CLAUSE_END if (i := after.find(c)) >= 0), default=len(after))
    return text[start : row.char_end + end]


def _plan_items(row: ExtractedObservation, text: str) -> bool:
    if row.unit != "count" or not any(w in row.indicator_zh for w in _ITEMS):
        return False
    return not _DONE.search(_clause(row, text))


def _rate_scope(row: ExtractedObservation, text: str) -> bool:
    if row.unit != "count" or row.indicator_code:
        return False
    if text[row.char_end : row.char_end + 2][:1] != "、":
        return False
    rest = text[row.char_end : row.char_end + _WINDOW]
    rest = rest[: min((i for c in _CLAUSE_END if (i := rest.find(c)) >= 0), default=len(rest))]
    return rest[1:2].isdigit() and "率" in rest


def _lost_qualifier(row: ExtractedObservation, text: str) -> bool:
    quote = _quote(row, text)
    if row.unit != "count" or row.indicator_code or not quote or quote[0] not in _NUMERAL:
        return False
    at = quote.find(row.indicator_zh)
    return at >= 0 and bool(_PREDICATE.match(quote, at + len(row.indicator_zh)))


def _merged_clause(row: ExtractedObservation, text: str) -> bool:
    if row.indicator_code:
        return False
    return bool(_COUNT_IN.search(row.indicator_zh, 1) or _AMOUNT_IN.search(row.indicator_zh))


def _cut_as_level(row: ExtractedObservation, text: str) -> bool:
    if row.measure != "level":
        return False
    quote = _quote(row, text)
    at = _value_at(quote, row)
    before = quote[:at] if at >= 0 else ""
    if before.endswith(_CUT):
        return True
    return row.unit == "percent" and row.indicator_zh.startswith(_CUT)


def _five_year_flow(row: ExtractedObservation, text: str) -> bool:
    if row.indicator_code or row.measure != "level" or row.obs_kind != "actual":
        return False
    if row.unit == "percent" or "/" in row.time_period or _STOCK.search(_quote(row, text)):
        return False
    line = text.rfind("\n", 0, row.char_start) + 1
    if not _YEARS_LINE.search(text, line, row.char_start):
        return False
    clause = max(max(text.rfind(c, line, row.char_start) for c in _CLAUSE_START) + 1, line)
    if _A_YEAR.search(text, clause, row.char_end):
        return False  # 2020年新增上市企业9家: the clause's own year
    return bool(_FLOW.search(text, clause, row.char_end))


def _target_in_subject(row: ExtractedObservation, text: str) -> bool:
    return not row.indicator_code and "目标" in row.indicator_zh


# The quote's last word or the subject's head: a measure or an action, not a thing counted.
_ACTIONS = ("措施", "举措", "行动", "具体任务", "授权事项")
# Generic measures of extent, which say nothing without what they measure.
_EXTENT = frozenset(
    {"总里程", "里程", "总面积", "面积", "总数", "总量", "密度", "规模", "总规模", "数量"}
    | {"金额", "总金额", "总额"}
    # (precision round 19: 注册资本金7.19万亿元, 协议规模777.5亿元, 年货物吞吐量150万吨: the
    # capital, deals or freight of what?)
    | {"注册资本", "注册资本金", "协议规模", "交易额", "货物吞吐量", "年货物吞吐量"}
)
_CUT_NUMBER = re.compile(r"\s|\d\.$|[-—]$")
_ADDED = re.compile(r"^(?:全市|全省|全区|全县)?(?:新增|新接入|新建|新开工|新引进)")
_TOTAL_END = ("总数", "总量")
_AIDED = re.compile(r"对口|助力|协作|协助|帮助|援")
# 超额完成年度任务, 超出市级下调任务指标, 超过省下达目标: an excess over a task set from above
# (a copy's line break may stand before the number).
_SURPLUS = re.compile(r"超(?:额完成|额|出|过)了?[^,,;;。:\d]{0,10}?(?:任务|目标|计划)(?:指标|数)?")
_LIFTED = re.compile(r"脱贫|减贫|摘帽|出列")


def _action_count(row: ExtractedObservation, text: str) -> bool:
    if row.indicator_code or row.unit != "count":
        return False
    return row.indicator_zh.endswith(_ACTIONS) or _quote(row, text).endswith(_ACTIONS)


def _bare_extent(row: ExtractedObservation, text: str) -> bool:
    if row.indicator_code:
        return False
    zh = row.indicator_zh
    return zh in _EXTENT or _VERBS.sub("", zh) in _EXTENT


def _garbled_subject(row: ExtractedObservation, text: str) -> bool:
    return not row.indicator_code and bool(_CUT_NUMBER.search(row.indicator_zh))


def _flow_and_stock(row: ExtractedObservation, text: str) -> bool:
    zh = row.indicator_zh
    return not row.indicator_code and zh.endswith(_TOTAL_END) and bool(_ADDED.match(zh))


def _paired_area(row: ExtractedObservation, text: str) -> bool:
    if row.indicator_code:
        return False
    quote = _quote(row, text)
    if not _LIFTED.search(quote):
        return False
    # (帮助广西、四川、贵州、云南4省区93个贫困县摘帽: the help is written before the quote,
    # in the same clause)
    return bool(_AIDED.search(quote) or _AIDED.search(_clause(row, text)))


def _task_surplus(row: ExtractedObservation, text: str) -> bool:
    quote = _quote(row, text)
    if "超" not in quote:  # (the subject is read from the quote: a cheap test first)
        return False
    if not row.indicator_code and _SURPLUS.search(row.indicator_zh):
        return True
    at = _value_at(quote, row)
    if at <= 0:
        return False
    before = quote[:at].rstrip()
    return any(m.end() == len(before) for m in _SURPLUS.finditer(before))


_LIST_RUN = re.compile(r"、[\u4e00-\u9fff“”\"]{1,6}、")
_AIDS_OTHER = re.compile(r"^(?:帮助|协助|助力)(?!企业|群众|居民|辖区|本地|我)")
_HONOURS = ("荣誉", "殊荣")
# 已经达到, 已有, 目前, 现有: the figure as it is, in a plan's words
_ALREADY = re.compile(r"已经|已(?:有|达|突破|超)|目前|现有")
# a value of a run: another value right after it (4.8%和4.4%), or one right before it
_RUN_AFTER = re.compile(r"\s*[、和及]\s*[\d一二三四五六七八九十两]")
_RUN_BEFORE = re.compile(r"[\d一二三四五六七八九十两][\u4e00-\u9fff%‰]{0,6}[、和及]\s*$")


def _count_over_list(row: ExtractedObservation, text: str) -> bool:
    quote = _quote(row, text)
    if row.unit != "count" or row.indicator_code or not quote or quote[0] not in _NUMERAL:
        return False
    if not quote.endswith(row.indicator_zh) or text[row.char_end : row.char_end + 1] != "、":
        return False
    rest = text[row.char_end : row.char_end + _WINDOW]
    rest = rest[: min((i for c in _CLAUSE_END if (i := rest.find(c)) >= 0), default=len(rest))]
    return bool(_LIST_RUN.match(rest)) and not any(ch.isdigit() for ch in rest)


def _aided_area(row: ExtractedObservation, text: str) -> bool:
    return not row.indicator_code and bool(_AIDS_OTHER.match(row.indicator_zh))


def _unsplit_list(row: ExtractedObservation, text: str) -> bool:
    if row.indicator_code or "、" not in row.indicator_zh:
        return False
    if _RUN_AFTER.match(text, row.char_end):
        return True
    quote = _quote(row, text)
    at = _value_at(quote, row, last=True)
    return at > 0 and bool(_RUN_BEFORE.search(quote, 0, at))


def _present_state(row: ExtractedObservation, text: str) -> bool:
    if row.obs_kind != "target":
        return False
    quote = _quote(row, text)
    at = _value_at(quote, row, last=True)
    return at > 0 and bool(_ALREADY.search(quote, 0, at))


# Reforms, powers, rule sets, reform outcomes and pilot experiences counted (“织网工程”等18项
# 关键领域改革, 下放第一批60项省级管理权限, 新推出制度创新成果111项, 十项制度机制,
# 18条试点经验): how many items a programme has, not a measure of the area; also clusters
# being built (推进20个战略性产业集群建设) and powers granted (首批40项授权事项全部落地).
_REFORM_HEADS: tuple[str, ...] = (
    "改革",
    "管理权限",
    "制度创新成果",
    "制度机制",
    "经验",
    "产业集群建设",
    # (precision round 17c: “两个维护”十项制度, 对港澳开放153个服务业门类, 金融端4个模块: rule
    # sets, sectors opened, modules of a platform)
    "制度",
    "门类",
    "模块",
)
_REFORM_MORE = re.compile(
    # 人民至上“微改革”项目, 政协协商议政重大成果, 改革创新成果; 两批21个“高效办成一件事”重点事项,
    # 下放区级政务服务事项102个 (items of a programme, powers devolved)
    r"改革(?:项目|事项)$|(?:改革|制度|协商|议政)[\u4e00-\u9fff]{0,6}成果$|重点事项$|一件事.{0,4}事项$"
    r"|^下放[\u4e00-\u9fff]{0,10}(?:事项|职权|权力)$"
    # 取消职权152项, 清理行政职权4174项: powers abolished or cleared (precision round 17c)
    r"|^(?:取消|清理|精简|调整)[\u4e00-\u9fff]{0,8}(?:事项|职权|权力|权限)$"
)
# 出台加强知识产权保护36条, 印发…若干措施20条: the articles of a policy issued
_POLICY_VERB = re.compile(r"^(?:全年|先后|相继|累计|共)?(?:出台|印发|制定|颁布|发布|制订)")
_DEVOLVED = re.compile(
    r"\s*(?:[一二三四五六七八九十\d]+[、.]|[((][一二三四五六七八九十\d]+[))])?下放"
)
_DEVOLVED_ITEMS = ("事项", "职权", "权限", "权力")
_QUOTES = str.maketrans("", "", '“”"‘’')
_COUNTED_UNITS = ("家", "所", "户", "人", "名", "座", "处")
_ITEM_STATE = re.compile(r"(?:全部|大部分|稳步推进|稳步|落地)$")
# 国家质量考核连续7次获得A级: a run of assessments, not a count of things
_RUN = re.compile(r"连续$")
# 年主营业务收入超千亿元、百亿元的企业分别达22家, 深化培育超百亿元、超千亿元大型骨干企业: an
# amount that is the size class of the firms or projects counted after it
_SIZE_CLASS = re.compile(
    r"(?:以上|级)?(?:、超?[\d.一二三四五六七八九十百千万亿]+(?:亿|万)?元?(?:以上|级)?)*的?"
    r"[\u4e00-\u9fff]{0,4}?(?:企业|项目|公司)"
)
# 超额完成国家下达的110万人就业任务: the task set from above, not the figure done
_SET_TASK_BEFORE = re.compile(r"超额完成[^,,;;。:\d]{0,12}?(?:下达|分解|交办|安排)的?$")
_SET_TASK_AFTER = re.compile(r"[^,,;;。:\d]{0,8}?(?:任务|指标)")


def _reform_items(row: ExtractedObservation, text: str) -> bool:
    if row.indicator_code or row.unit != "count":
        return False
    if row.value_text.endswith(_COUNTED_UNITS):
        return False  # 第一批50家…事业单位改革顺利完成: the units reformed are counted
    zh = _ITEM_STATE.sub("", row.indicator_zh)
    if zh.endswith(_REFORM_HEADS) or "授权事项" in zh or "经验" in zh:
        return True
    if row.value_text.endswith("条") and _POLICY_VERB.match(zh):
        return True  # 出台提升建设工程质量24条: a policy's articles
    if zh.endswith(_DEVOLVED_ITEMS) and _DEVOLVED.match(_clause(row, text)):
        return True  # 下放区级政务服务事项102个、行政执法职权事项424个: both devolved
    return bool(_REFORM_MORE.search(zh.translate(_QUOTES)))


# 社区工作站、社区居委会、社区股份合作公司3支力量: a count of the list just named
_LIST_BEFORE_END = ",,;;。:\n"
# ...what the list's members are called together, not things counted in the area
_MEMBERS_NOUN = re.compile(r"(?:力量|方面|环节|主体|板块|支队伍|类主体)")
# 推动10个街道全面依法治街委员会实体化运作, 推动4个新设街道规划建设高水平医院: the streets (or
# towns) the work is pushed in, a descriptor, not a value
_PUSHED_IN = re.compile(r"(?:推动|推进|支持|指导|引导|督促|鼓励)$")
# (推进6个村村通自来水工程示范县建设: the counties of a programme pushed on)
_SUB_AREA_AFTER = re.compile(
    r"(?:新设)?(?:街道|镇|乡镇|社区)(?![\d、,,;;。]|$)"
    r"|[\u4e00-\u9fff“”]{2,12}?(?:示范县|试点县|示范市|试点市)建设"
)


def _list_members(row: ExtractedObservation, text: str) -> bool:
    if row.indicator_code or row.unit != "count" or not row.value_text:
        return False
    quote = _quote(row, text)
    at = _value_at(quote, row)
    if at < 0 or not row.value_text[:1].isdigit():
        return False
    pos = row.char_start + at
    lo = max(0, pos - _WINDOW)
    start = max(max(text.rfind(c, lo, pos) for c in _LIST_BEFORE_END) + 1, lo)
    before = text[start:pos]
    if "、" not in before or any(ch.isdigit() for ch in before):
        return False
    items = [x for x in before.split("、") if x.strip()]
    if len(items) < 2 or row.obs_value != len(items):
        return False
    if row.obs_kind == "target" and row.indicator_zh.endswith("集群"):
        return True  # 培育…、新能源3个千亿级产业集群: the clusters of the plan, named
    return bool(_MEMBERS_NOUN.match(text, pos + len(row.value_text)))


# Regions inside a province or city that are no division (珠三角, 粤东西北, 原特区外)
_INNER_REGION = re.compile(
    r"^在?(?:全省|全市)?(?:珠三角|珠江三角洲|粤东西北|粤东|粤西|粤北|苏南|苏中|苏北|皖北|皖南|"
    r"原特区[内外]|特区[内外]|原?关[内外])(?:地区|城市|各市)?"
)


def _inner_region(row: ExtractedObservation, text: str) -> bool:
    return bool(_INNER_REGION.match(row.indicator_zh))


def _sub_area_descriptor(row: ExtractedObservation, text: str) -> bool:
    if row.indicator_code or row.unit != "count" or not row.value_text.endswith("个"):
        return False
    quote = _quote(row, text)
    at = _value_at(quote, row)
    if at < 0:
        return False
    pos = row.char_start + at
    if not _PUSHED_IN.search(text, max(0, pos - 4), pos):
        return False
    return bool(_SUB_AREA_AFTER.match(text, pos + len(row.value_text)))


# 加快长城汽车10个在建项目投产达效, 抓好深中通道等54个续建项目: the projects under way today
# that a plan pushes on (precision round 19)
_ONGOING = re.compile(r"(?:在建|续建)[\u4e00-\u9fff]{0,4}项目")
# 深圳人才公园等7条无人机配送航线总订单量破万: a state of the things counted read into the subject
_STATE_END = ("破万", "破千", "破亿", "过万", "超万")
# 连平、河源和吉安共建产业园入驻企业27家: a park co-built in other places, their figure
_PAIRED_PARK = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,4}[、和])+[\u4e00-\u9fff]{2,4}共建(?:产业园|园区)"
)


def _ongoing_in_plan(row: ExtractedObservation, text: str) -> bool:
    if row.indicator_code or row.unit != "count" or row.obs_kind != "target":
        return False
    return bool(_ONGOING.search(row.indicator_zh))


def _state_in_subject(row: ExtractedObservation, text: str) -> bool:
    return not row.indicator_code and row.unit == "count" and row.indicator_zh.endswith(_STATE_END)


def _paired_park(row: ExtractedObservation, text: str) -> bool:
    return not row.indicator_code and bool(_PAIRED_PARK.match(row.indicator_zh))


def _run_count(row: ExtractedObservation, text: str) -> bool:
    if row.indicator_code or not row.value_text:
        return False
    quote = _quote(row, text)
    at = _value_at(quote, row)
    after = quote[at + len(row.value_text) :][:1]
    return at > 0 and bool(_RUN.search(quote, 0, at)) and "次" in (row.value_text[-1:], after)


def _set_task(row: ExtractedObservation, text: str) -> bool:
    quote = _quote(row, text)
    at = _value_at(quote, row)
    if at <= 0 or not _SET_TASK_BEFORE.search(quote[:at]):
        return False
    return bool(_SET_TASK_AFTER.match(text, row.char_start + at + len(row.value_text)))


def _size_class(row: ExtractedObservation, text: str) -> bool:
    if row.indicator_code or row.unit != "CNY" or not row.value_text:
        return False
    quote = _quote(row, text)
    at = _value_at(quote, row, last=True)
    if at < 0:
        return False
    return bool(_SIZE_CLASS.match(text, row.char_start + at + len(row.value_text)))


def _honours(row: ExtractedObservation, text: str) -> bool:
    if row.indicator_code or row.unit != "count":
        return False
    return any(w in row.indicator_zh for w in _HONOURS)


Rule = Callable[[ExtractedObservation, str], bool]
RULES: tuple[tuple[str, Rule], ...] = (
    ("rate_as_count", _rate_as_count),
    ("ranked_pool", _ranked_pool),
    ("rate_scope", _rate_scope),
    ("plan_items", _plan_items),
    ("bare_subject", _bare_subject),
    ("lost_qualifier", _lost_qualifier),
    ("merged_clause", _merged_clause),
    ("cut_as_level", _cut_as_level),
    ("five_year_flow", _five_year_flow),
    ("target_in_subject", _target_in_subject),
    ("action_count", _action_count),
    ("bare_extent", _bare_extent),
    ("garbled_subject", _garbled_subject),
    ("flow_and_stock", _flow_and_stock),
    ("paired_area", _paired_area),
    ("task_surplus", _task_surplus),
    ("count_over_list", _count_over_list),
    ("aided_area", _aided_area),
    ("unsplit_list", _unsplit_list),
    ("honours", _honours),
    ("present_state", _present_state),
    ("reform_items", _reform_items),
    ("list_members", _list_members),
    ("inner_region", _inner_region),
    ("sub_area_descriptor", _sub_area_descriptor),
    ("run_count", _run_count),
    ("set_task", _set_task),
    ("size_class", _size_class),
    ("ongoing_in_plan", _ongoing_in_plan),
    ("state_in_subject", _state_in_subject),
    ("paired_park", _paired_park),
)


# The rules that can withhold a catalogued row (the others return False for one at once):
# a report has hundreds of rows, so a catalogued one skips the calls.
_ANY_ROW = frozenset(
    {
        "rate_as_count",
        "ranked_pool",
        "plan_items",
        "cut_as_level",
        "task_surplus",
        "present_state",
        "set_task",
        "inner_region",
    }
)
_CODED_RULES = tuple((name, rule) for name, rule in RULES if name in _ANY_ROW)


def withheld_reason(row: ExtractedObservation, text: str) -> str:
    """The name of the first rule that withholds ``row`` (read from ``text``), or ``""``."""
    for name, rule in _CODED_RULES if row.indicator_code else RULES:
        if rule(row, text):
            return name
    return ""


def screen(
    rows: Sequence[ExtractedObservation], text: str
) -> tuple[list[ExtractedObservation], list[Withheld]]:
    """``rows`` split into those published and those withheld (with their rule), in order."""
    kept: list[ExtractedObservation] = []
    withheld: list[Withheld] = []
    for row in rows:
        reason = withheld_reason(row, text)
        if reason:
            withheld.append(Withheld(row, reason))
        else:
            kept.append(row)
    return kept, withheld


_COLLECTOR: ContextVar[list[Withheld] | None] = ContextVar("gate_withheld", default=None)


def gate(rows: Sequence[ExtractedObservation], text: str) -> list[ExtractedObservation]:
    """The rows of ``rows`` that are published; the others go to ``collecting()``, if open."""
    kept, withheld = screen(rows, text)
    sink = _COLLECTOR.get()
    if sink is not None:
        sink.extend(withheld)
    return kept


@contextmanager
def collecting() -> Iterator[list[Withheld]]:
    """A list that receives the rows every ``extract`` call inside the block withholds."""
    sink: list[Withheld] = []
    token = _COLLECTOR.set(sink)
    try:
        yield sink
    finally:
        _COLLECTOR.reset(token)
