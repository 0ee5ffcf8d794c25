"""Word lists that tell what a number next to them means (verbs, qualifiers, adverbs).

Each list is what a Chinese government report writes between a subject and its value:
``规模以上工业增加值 | 同比 | 增长 | 约 | 6%``. Matching is greedy (longest word first).
"""

from __future__ import annotations

import re

from ingest.indicators.structure import plan_number, plan_years
from ingest.indicators.text import WordSet, by_length

#: Words right before a value that bound it (SCHEMA.md qualifiers). ``to`` marks
#: 提高到/降至: the value is the new level, not the change.
QUAL_PRE: dict[str, str] = {
    "不低于": "ge",
    "不少于": "ge",
    "至少": "ge",
    "不超过": "le",
    "不高于": "le",
    "控制在": "le",
    "突破": "gt",
    "破": "gt",  # 社会消费品零售总额连续2年破万亿元
    "迈上": "ge",  # 迈上550亿元新台阶: the level reached is at least 550亿元
    "站上": "ge",
    "跃上": "ge",  # 经济总量跃上千亿元台阶: as 迈上
    "跨上": "ge",
    "迈过": "gt",
    "跨越": "gt",  # 外贸进出口额跨越7000亿元大关
    "跨过": "gt",  # 总量跨过3000亿元历史性节点
    "越过": "gt",
    "超过": "gt",
    "超出": "gt",
    "超": "gt",
    "逾": "gt",
    "低于": "lt",
    "高于": "gt",  # 占地区生产总值比重高于33%: right before its bound (高于全国… is a gap)
    "小于": "lt",  # 细颗粒物年均浓度小于33微克/立方米
    "大于": "gt",
    "不到": "lt",
    "不足": "lt",
    "约": "approx",
    "近": "approx",
    "接近": "approx",
    "接近或达到": "approx",  # 接近或达到1万亿元: about (a bound either way)
    "将近": "approx",
    "大约": "approx",
    "达到": "eq",
    "达": "eq",
    "为": "eq",
    "是": "eq",
    "共": "eq",
    "共计": "eq",
    "总计": "eq",
    "合计": "eq",
    "累计": "eq",
    "保持在": "eq",
    "稳定在": "eq",
    "维持在": "eq",
    "在": "eq",
    "了": "eq",
    "到": "to",
    "至": "to",
}
QUAL_PRE_WORDS = by_length(list(QUAL_PRE))
#: Linking words: a count after one of these belongs to the subject before it
#: (存栏量保持在16万头合理区间), not to a noun after it.
# (为 is left out: 整合为63所区域性中心敬老院 counts the noun after it.)
LINKING = frozenset(w for w, q in QUAL_PRE.items() if q not in ("to",)) - {"在", "了", "为", "是"}

UP: tuple[str, ...] = (
    "增长",
    "增加",
    "提高",
    "提升",
    "上升",
    "上涨",
    "增",
    "涨",
    "攀升",
    "扩大",
    "增收",
    "跃升",
)
DOWN: tuple[str, ...] = ("下降", "降低", "减少", "回落", "下滑", "下跌", "缩小", "收窄", "降", "减")
DOWN += ("缩减", "压减", "压缩", "精简", "削减")  # 二氧化硫排放量削减1%以上
UP += ("微增", "微涨")  # 集装箱吞吐量1306.92万标箱,微跌0.7%: a slight change is a change
DOWN += ("微跌", "微降")  # 社会投资项目核准事项压减90%
#: Verbs of an absolute change (增加120亿元): growth nouns (增速) never take an amount.
CHANGE_VERBS = frozenset(UP + DOWN) - {"缩小", "收窄", "扩大"}
GROWTH_NOUNS = {"涨幅": 1, "增幅": 1, "增速": 1, "增长率": 1, "增长速度": 1, "降幅": -1}
RANK_VERBS = (
    "排名",
    "排",
    "居",
    "位居",
    "位列",
    "列",
    "跃居",
    "跃升至",
    "升至",
    "稳居",
    "名列",
    "排位",
    "保持",
    "上升至",
    "提升至",
    "跃至",
    "居于",
    "位于",
    "处于",
    "进入",  # 进入全国前十
    "跻身",
    "挺进",
    "重返",  # 总量达到4773.3亿元,重返全省第三
)
SHIFT_UP = ("前移", "前进", "上升", "提升", "跃升", "进位", "提高", "上移", "晋位", "攀升", "再进")
SHIFT_DOWN = ("后移", "后退", "下降", "下滑", "退位", "回落", "下移")

#: verb -> (kind, sign); kinds: change (增长...), rank (排名...), share (占).
VERBS: dict[str, tuple[str, int]] = {}
for _w in UP:
    VERBS[_w] = ("change", 1)
for _w in DOWN:
    VERBS[_w] = ("change", -1)
for _w, _s in GROWTH_NOUNS.items():
    VERBS[_w] = ("change", _s)
for _w in RANK_VERBS:
    VERBS[_w] = ("rank", 1)
for _w in ("前移", "前进", "跃升", "进位", "上移", "晋位", "再进"):  # 较上一年度再进两位
    VERBS[_w] = ("change", 1)
for _w in ("后移", "后退", "退位", "下移"):
    VERBS[_w] = ("change", -1)
VERBS["占"] = ("share", 1)
# 新增1家, 净增3万户: the number of new things, a level (not an absolute change).
for _w in ("新增", "新建", "净增", "新开", "累计新增"):
    VERBS[_w] = ("new", 1)
VERB_WORDS = by_length(list(VERBS))

#: Per-head / per-period phrases before a value (低保标准提高到每人每月580元): they say what
#: the amount is per, not what it is about, so they are peeled off like adverbs.
PER_CAPITA = ("每人每月", "每人每年", "每人每天", "每人每日", "每月每人", "每年每人")
PER_CAPITA_RE = re.compile("(?:" + "|".join(PER_CAPITA) + ")?")

#: Subjects that are ratios written without a unit (城乡居民收入比缩小至1.65): their bare
#: value is a level in unit ``other``; any other bare number stays unread.
RATIO_SUBJECTS = ("收入比", "收入倍差")

#: After 5.2万 with no unit word, a noun phrase ending like this counts people
#: (剩余5.2万贫困人口脱贫): the value is a count of them.
PEOPLE_NOUNS = ("人口",)
PEOPLE_NOT_AFTER = ("以上", "以下", "以内", "规模", "级", "城市", "大", "的", "县", "镇", "城")

#: A duration at the end of a subject (粮食总产量连续6年稳定在...): not part of it.
DURATION_TAIL = re.compile(
    r"(?:已|已经)?连续第?(?:\d{1,2}|[两三四五六七八九十]{1,2})(?:年|个季度|个月)$"
)
#: A qualifier clause between subject and verb (剔除一次性政策因素后增长10.5%, 同口径对比增长):
#: it says how the figure was computed, not what it is of.
QUALIFIER_TAIL = re.compile(
    r"(?:(?:剔除|剔出|扣除)[^,,;。]{0,12}?因素(?:影响)?后?|同口径对比|同口径计算|按可比口径(?:计算)?"
    r"|根据[^,,;。]{0,14}?(?:结果|数据|核算))$"  # 根据省统计局的修订结果: the source
)
STATES = r"(?:止跌回稳|止跌回升|企稳回升|稳中有升|回稳向好)"
#: A target word after a state (固定资产投资止跌回稳、力争增长5%): the state is no subject.
STATE_TAIL = re.compile(STATES + r"[、,,]?(?:力争|确保|争取|努力)?$")

#: Adverbs between subject and verb; 分别/均 make the statement distributive.
ADVERBS = by_length(
    [
        "分别",
        "均",
        "都",
        "双双",  # 固定资产投资额、社会消费品零售总额双双突破千亿元: both
        "各",  # 工程技术研究中心和重点实验室各1家: each of the subjects listed
        "同比",
        "环比",
        "实际",  # 居民人均可支配收入实际增长5.1%
        "名义",
        "均值",  # PM2.5浓度均值为28微克/立方米: the subject's mean
        "年均",
        "平均",
        "同口径",
        "可比",  # 地方一般公共预算收入可比增长7.5%
        "全年",
        "也",
        "又",
        "再",
        "已",
        "已经",
        "将",
        "要",
        "继续",
        "进一步",
        "大幅",
        "稳步",
        "高速",  # 辖区税收高速增长30.3%
        "快速",
        "有望",  # 全年有望历史性突破三千亿元大关: the subject before
        "持续",
        "始终",  # 民生支出占财政支出的比重,始终超过七成: the subject before
        "一直",
        "明显",
        "实现",
        "完成",
        "较",
        "比",
        "(折合",  # 进出口总额1856亿元(折合263亿美元): the same subject, restated
        "折合",  # 人均达到5.62万元,折合8606美元
        "(约合",
        "预期",  # 全省生产总值预期增长5.5%左右
        "首次",  # 生产总值首次突破300亿元
        "历史性",  # 地区生产总值1080亿元,历史性突破千亿大关: the subject before
        "力争",  # 固定资产投资力争完成1100亿元以上: the target word, not part of the subject
        "确保",  # 地区生产总值确保6%以上的增长
        "历史首次",  # 一般公共预算收入完成10.75亿元,历史首次突破10亿元大关: the subject before
        "成功",  # 达到1000.86亿元,成功突破千亿大关
        "先后",  # 地区生产总值先后突破500亿元大关
        "相继",
        "连续",  # 扬州全市GDP连续迈上5000亿元、6000亿元两大台阶 (连续3年 is a duration)
        "首度",
        "首",  # 实现地区生产总值3256.24亿元,总量首超三千亿元: first passed
        "一举",
        "稳定",  # 研发支出占GDP比重稳定达到6%以上: kept, not part of the subject
        "预计",
        *PER_CAPITA,
    ]
)
_YEAR_IN = re.compile(r"(?:19|20)\d\d")
_COMPARED = re.compile(
    r"(?:[比较与]|相比|相较于?|较之)(?:上年|去年|上一年|年初|(?:19|20)\d\d年|[“\"]?十[一二三四五六七八九]五[”\"]?|[“\"][七八九十]五[”\"])"
    r"(?:度)?(?:同期|末|底)?$"
)
# 十三五, or an earlier plan quoted in one character (“八五”): the groups plan_number reads
_PLAN_NAME = re.compile(r"十([一二三四五六七八九])五|[“\"]([七八九十])五[”\"]")

#: Leading words that are not part of a subject (targets, connectives, time words).
LEAD_JUNK = by_length(
    [
        "力争",
        "确保",
        "争取",
        "努力",
        "推动",
        "推进",
        "实现",
        "完成",  # 完成地区生产总值670.6亿元: the verb before the subject
        "其中",
        "全年",
        "今年",
        "去年",
        "年末",
        "年底",
        "同时",
        "并",
        "且",
        "使",
        "让",
        "全力",
        "力促",
        "促进",
        "另外",
        "此外",
        "目标是",
        "以及",
        "和",
        "及",
        "而",
        "但",
        "预计",
        "预期",
        "计划",
        "累计",
        "带动",
        "助推",
        "以上",
        "之后",
        "当年",
        "截至年底",
        "截至年末",
        "截至目前",
        "目前",
    ]
)
_GOAL_LEAD = re.compile(r"[^,,、]{0,12}?(?:目标|任务)(?:是|为)")
_LEAD_TIME = re.compile(
    r"^(?:(?:到|至)?(?:19|20)\d\d年(?:度|末|底|全年|上半年|以来)?|连续第?\d{1,2}年|(?:19|20)\d\d-(?:19|20)\d\d年"
    # 五年间经济总量, "十五五"期间: the years, not the subject
    r"|(?:过去|近|今后|未来)?[两三四五]年(?:间|来|里|中|内)?(?=.{2})"
    r"|[“\"]?十[一二三四五六七八九]五[”\"]?(?:期间|时期|以来|末)?)"
)

#: Part of a year (前三季度, 上半年, 1-11月): a value for it is not the year's value. The
#: last such marker before a value in its sentence, unless 全年 follows it, drops the value.
PARTIAL_PERIOD = re.compile(
    r"前[一二三两]季度|[上下]半年|[一二三四]季度|第[一二三四]季度|前\d{1,2}个?月|前[一二三四五六七八九十]{1,2}个月"
    r"|1[-—~至]\d{1,2}月(?:份)?|一至[一二三四五六七八九十]{1,3}月"
    r"|近(?:[一二三四五六七八九十两]|\d{1,2})个?月"  # 近两月交通拥堵警情下降34.9%
)
FULL_YEAR = re.compile(r"全年")

#: Subjects that only say "its growth"/"its rank": they refer to the subject before.
GENERIC = frozenset(
    [
        "增速",
        "增幅",
        "增长",
        "增长率",
        "涨幅",  # 居民消费价格上涨1.8%,涨幅比上年回落0.5个百分点
        "降幅",
        "增长速度",
        "总量",
        "总数",
        "绝对数",  # 全社会固定资产投资达到45亿元,绝对数位居全州第一: the amount's rank
        "绝对值",  # 实现进出口总额1186.55亿美元,绝对值排名全市各区第一: the same
        "规模",
        "数量",
        "排名",
        "位次",
        "总额",
        "其中",
        "总体",
        "整体",
        "水平",
        "全年",
        "同比",
        "初步",  # 初步预计全年增长6.3%: the subject before, estimated
        "预计",
        "初步预计",
        "初步核算",
    ]
)
#: Generic subjects that only restate a change (增速比上年提高...): nothing to add.
GROWTH_WORDS = frozenset(["增速", "增幅", "增长", "增长率", "涨幅", "降幅", "增长速度"])
#: Generic subjects that add nothing to the subject they borrow (初步预计全年增长6.3%).
NOTHING_TO_ADD = GROWTH_WORDS | {"初步", "预计", "初步预计", "初步核算", "绝对数", "绝对值", "其中"}
#: Metric head nouns, for completing elided list items (电子证照、电子印章使用率).
METRIC_SUFFIXES = by_length(
    [
        "使用率",
        "覆盖率",
        "合格率",
        "优良率",
        "达标率",
        "完成率",
        "普及率",
        "参保率",
        "增加值",
        "产值",
        "营业收入",
        "零售额",  # 新能源汽车、通讯器材零售额: 新能源汽车零售额
        "营业额",
        "收入",
        "面积",
        "产量",
        "人数",
        "起数",
        "数量",
        "比重",
        "占比",
        "总额",
        "规模",
        "投资",
        "贷款",
        "余额",
        "支出",
    ]
)

#: Target markers (SCHEMA.md): 力争, 确保, 目标, 预期 mark targets anywhere; 争取 also
#: means "secured" in a review (争取各类项目资金177.6亿元), so it marks targets only outside
#: review sections.
TARGET_MARKERS = ("力争", "确保", "目标", "预期", "力求")
#: In a review, 完成/实现...目标 reports an actual: a marker counts only when not preceded by these.
TARGET_DONE = (
    "完成",
    "实现",
    "超额完成",
    "达成",
    "超过",
    "高于",
    "低于",
    "好于",  # 主要经济指标好于预期
    "优于",
    "超出",
    "符合",
)
#: 目标/预期 followed by one of these reports a result (全年目标任务全面完成), not a plan.
TARGET_DONE_AFTER = ("完成", "达成", "实现")

#: Target words inside a policy phrase bind no number (SCHEMA.md): 稳预期, 目标任务清单,
#: 完成年度目标任务, 目标导向.
_POLICY_BEFORE = ("稳", "超", "社会", "市场", "改善", "引导", "好于", "低于", "高于", "符合")
# 预期寿命 (life expectancy) is a noun, not an expectation.
_POLICY_AFTER = (
    *("任务", "责任", "导向", "管理", "考核", "清单", "体系", "要求", "引领", "、", "寿命"),
    "不变",  # 始终保持目标不变、力度不减: a stance kept, no goal set
)


def policy_phrase(text: str, i: int, marker: str, start: int, end: int) -> bool:
    """Whether the target word ``marker`` at ``text[i]`` is part of a policy phrase."""
    if marker not in ("目标", "预期"):
        return False
    before = text[max(start, i - 2) : i]
    after = text[i + len(marker) : min(end, i + len(marker) + 2)]
    return before.endswith(_POLICY_BEFORE) or after.startswith(_POLICY_AFTER)


#: Gap verbs: 高于全国1.2个百分点 (+), 低于全省0.5个百分点 (-).
GAP_VERBS = {"高于": 1, "快于": 1, "高出": 1, "领先": 1, "领先于": 1, "好于": 1, "优于": 1}
GAP_VERBS |= {"超过": 1, "超出": 1}  # 超过全市增速0.4个百分点 (a comparator must follow)
GAP_VERBS |= {"低于": -1, "慢于": -1, "落后": -1, "落后于": -1}
GAP_RE = re.compile(r"(" + "|".join(by_length(list(GAP_VERBS))) + r")([^,、:;。]{0,14})$")
GAP_BI_RE = re.compile(r"比(全国|全省|全市)(?:平均水平|平均)?(高出|高|低|快|慢)$")

#: Words that may follow a value without making it a modifier of a noun
#: (突破2000亿元大关, 增长6.3%、高于...); any other Chinese character after a non-count value
#: means the value is part of a name or subject (50亿企业, 10亿元以上项目, 10%工作法).
FOLLOW_OK = by_length(
    [
        "大关",
        "关口",
        "台阶",
        "新台阶",  # 迈上550亿元新台阶
        "两大台阶",  # 迈上5000亿元、6000亿元两大台阶: the last of the thresholds listed
        "三大台阶",
        "两个台阶",
        "两大关口",
        "历史性节点",  # 总量跨过3000亿元历史性节点
        "同比",
        "比上年",
        "较上年",
        "比去年",
        "较去年",
        "比",
        "较",
        "增长",
        "下降",
        "提高",
        "降低",
        "减少",
        "高于",
        "低于",
        "快于",
        "慢于",
        "居",
        "位居",
        "排名",
        "排",
        "列",
        "创",
        "为",
        "是",
        "和",
        "及",
        "与",
        "或",
        "等",
        "并",
        "占",
        "其中",
        "分别",
        "均",
        "实现",
        "完成",
        "以内",
        "水平",
        "目标",
        "任务",
        "之间",
        "的目标",
        "的水平",
        "以来",
        "预计",  # 由2011年的1.24万亿元预计提高到1.95万亿元
        "跃升",  # 由2016年的532亿元跃升至2020年的801亿元
        "大幅",  # 增速从2011年的3.3%大幅增长到32.4%: the adverb of the next verb
        "左右",
        "达到",
        "达",
        "以上",
        "位列",
        "跃居",
        "稳居",
        "增幅",
        "增速",
        "涨幅",
        # 由482家增加到1206家, 由59微克/立方米降至39微克/立方米: a start value, then its change.
        "增加",
        "增至",
        "降至",
        "降到",
        "减至",
        "上升",
        "提升",
        "攀升",
        "扩大",
        "回落",
    ]
)
#: Nouns after a count that, in a plan (or after 以下), make it a count of plan items
#: (抓好以下12项工作, 办好十件民生实事), not a statistic; in a review, 完成十项民生实事 is one.
PLAN_ITEMS = frozenset(
    [
        "工作",
        "任务",
        "举措",
        "措施",
        "方面",
        "要求",
        "原则",
        "实事",
        "民生实事",
        "民生微实事",
        "微实事",
        "民心工程",  # 实施十项民心工程: the plan's own programme
    ]
)
#: In a plan, a count of things ending so is a count of the plan's own items (细化分解150项市
#: 生态文明建设任务, 实施68项微改革).
PLAN_ITEM_TAILS = ("任务", "改革", "举措", "措施", "工作", "实事")  # 完成59件年度民生实事
#: Nouns of a plan's own items: a count of them (十一个方面工作, 9项约束性指标, 出台举措4项)
#: is not an observation (FIRST_RUN.md, labelling decisions). 民生实事 done in a review stay a
#: count (the seed's 全面完成省政府下达的10件民生实事任务); in a plan they are items (PLAN_ITEMS).
_PLAN_ITEM_RE = re.compile(
    r"(?:方面工作|重点工作|重点任务|目标任务|举措|措施|约束性指标|预期性指标|主要指标)"
    r"(?:全部|基本|均|都|已)?(?:超额)?(?:完成|实现|落实)?$"
)
#: Thresholds passed by steps (跨越3个百亿台阶): not a count of things.
STEP_NOUNS = ("台阶", "大关", "关口")
#: Attendance of the session a news report opens with (应到代表148名,实到代表133名).
ATTENDANCE = re.compile(
    r"代表.{0,12}(?:应到|实到|应出席|实际出席|出席|列席|与会|到会)|(?:应到|实到|应出席|实际出席)[^,,。;]{0,8}代表|代表与会|名代表"
)
#: Money per unit of land (每平方公里GDP产出, 地均税收): unit other, not CNY.
PER_AREA = ("每平方公里", "每亩", "地均", "亩均")


_ENUM_LEAD = re.compile(
    r"^(?:\d{1,2}[.、]|[((][一二三四五六七八九十\d]{1,3}[))]|[一二三四五六七八九十]是)?\s*"
)


def strip_enum(text: str) -> str:
    """``text`` without a leading enumerator (1. (一) 一是) or spaces."""
    return text[_ENUM_LEAD.match(text).end() :] if text else text  # type: ignore[union-attr]


def plan_items(phrase: str) -> bool:
    """Whether ``phrase`` names the items of a plan (民生实事, 方面工作, 举措)."""
    return _PLAN_ITEM_RE.search(phrase) is not None


#: Where a noun phrase after a count stops (4项举措入选..., 361个项目开工).
FOLLOW_CUT = by_length(
    [
        "入选",
        "开工",
        "建成",
        "获得",
        "获评",
        "获批",
        "获",
        "通过",
        "得到",
        "进入",
        "实现",
        "达到",
        "完成",
        "纳入",
        "列入",
        "分别",
        "均",
        "被",
        "为",
        "是",
        "做大做强",
        "上云",
        "投入",
        "投产",
        "竣工",
        "落地",
        "签约",
        "参与",
        "参加",
        "受益",
        "在",
        "得以",
        "整合",
        "改造",
        "实施",
        "入驻",  # 吸引15个港澳台项目入驻
        "落户",
        "开业",
        "加快",  # 燕川片区等8个平方公里级更新整备加快推进
        "推进",
        "有序",
        "顺利",
        "全面",
        "较好",  # 383件民生微实事较好完成
        "圆满",
        "异军突起",  # 45家新型研发机构异军突起
        "取得",  # 36项国家试点项目取得重要进展
    ]
)
#: A subject holding a count of other things (13个重点产业园区累计建成面积, 物资53批): a
#: descriptor, not what the number is about (FIRST_RUN.md, labelling decisions).
COUNTED_SUBJECT = re.compile(r"[^\d.]\d+(?:\.\d+)?[个批项家件条所座户名种类]")
COUNT_IN = re.compile(r"\d+(?:\.\d+)?[个批项家件条所座户名种类]")
#: After a plan's items, an honour makes the count an achievement (4项举措入选全国首批...).
HONOURS = ("入选", "获评", "获批", "获", "为全国", "被评为", "被列为", "列入", "纳入")
#: Bare metric heads: the subject before them was lost (增加值实现约1900亿元).
BARE_HEADS = frozenset(["增加值", "总值", "收入", "比重", "面积", "供应", "建设", "筹集", "供给"])
BARE_HEADS |= {"吸引", "发布", "供应分配", "分配", "签约", "总营收", "营收"}  # verbs, cut heads
BARE_HEADS |= {"建筑面积"}  # 开工440万平方米、建筑面积全国第一: what was built is lost
#: Verbs before a count of things built, done or won: in a review of several years, the count
#: is a total over them (FIRST_RUN.md: 建成...1个 is dated to the interval).
# 实施, 承接, 引进: 承接京津投资5000万元以上项目1171个 in a five-year review (in its years)
BUILT_VERBS: tuple[str, ...] = (
    "建成",
    "新建",
    "新上",  # 新上电力项目12个 in a five-year review: projects started in its years
    # 关闭破产企业84家, 安排下岗失业人员再就业117万人, 除险加固大中型水库15座, 新办15所…学院,
    # 成功接收了39所…院校 in a review of several years: done in them
    "关闭",
    "安排",
    "除险加固",
    "新办",
    "接收",
    "成功接收",
    "改建",
    "新改扩建",
    "改扩建",
    "完成",
    "获",
    "打造",
    "创建",
    "培育",
    "实施",
    "承接",
    "引进",
    "建设筹集",  # 建设筹集各类住房75万套 in a five-year plan: over its years
    "筹集",
    "建设",  # 建设1家国家级产业创新中心 in a five-year review, 建设3个...公园 in a plan
    "建立",  # 建立云计算等45个产学研资联盟
    "举办",  # 这五年...举办各类赛事6300多场
    # 出让产业用地55宗, 取消…许可19项, 惠及幼儿3万名, 新签外资合同项目21宗, 新设内资企业3226家,
    # 办复人大建议226件 in a review of several years: done over them
    "出让",
    "取消",
    "惠及",
    "新签",
    "新设",
    "办复",
    "挂牌成立",
    "扶持",
    "促进",
    # 开展职业技术培训超过1万人次, 落实教育合作项目60个, (新增道路里程10.95公里,)改造7.5公里 in a
    # review of several years: work done over them
    "开展",
    "落实",
    "改造",
    # 淘汰黄标车694辆, 拆除违法建筑2万余平方米, 取缔非法加油摊点12个, 植树造林4.7万亩, 派驻
    # 工作队, 新安装交通信号灯12处, 硬化堤顶道路20公里 in a review of several years: work done
    # over them (a county's 2012-2016 review)
    "淘汰",
    "拆除",
    "清理",
    "整顿",
    "取缔",
    "推广",
    "更换",
    "安装",
    "新安装",
    "新改建",
    "硬化",
    "治理",
    "开发治理",
    "植树造林",
    "造林",
    "派驻",
    "还清",
    "转移",
)


def compared_suffix(text: str) -> int:
    """Length of a trailing 比上年/较2022年 comparison in ``text`` (0 if none)."""
    m = _COMPARED.search(text)
    return len(m.group(0)) if m else 0


def compared_year(text: str) -> int | None:
    """The year of a trailing 比2020年/较2020年末 comparison (None for 比上年 or none)."""
    m = _COMPARED.search(text)
    y = _YEAR_IN.search(m.group(0)) if m else None
    if m and y is None and (p := _PLAN_NAME.search(m.group(0))):
        # 较"十三五"末增加9784元, 比"八五"增长49.6%: from the plan's last year (十三五 ends in
        # 2020, the tenth plan, quoted “十五”, in 2005)
        return plan_years(plan_number(p))[1]
    return int(y.group(0)) if y else None


_OWN_AREA = ("全市", "全省", "全县", "全区", "全旗", "全州", "全盟")


def strip_lead(subject: str) -> str:
    """Remove leading target words, connectives and time words from a subject."""
    subject = subject.lstrip(" \u3000\t")  # a space a copy left after a colon
    for _ in range(6):
        before = subject
        g = _GOAL_LEAD.match(subject)
        if g and len(subject) - g.end() >= 2:  # 新区的总体目标是地区生产总值 -> 地区生产总值
            subject = subject[g.end() :]
        m = _LEAD_TIME.match(subject) or PARTIAL_PERIOD.match(subject)
        if m:
            subject = subject[m.end() :]
        w = LEAD_JUNK_SET.prefix(subject, 0, len(subject) - 1)
        if w and len(subject) - len(w) >= 2:  # 完成率: a noun, not 完成 + 率
            subject = subject[len(w) :]
        elif subject[:2] in _OWN_AREA and subject[2:4] in ("实现", "完成", "预计", "初步"):
            # 全市实现地区生产总值 -> 全市地区生产总值; 全区预计实现地区生产总值 (then 实现)
            subject = subject[:2] + subject[4:]
        elif (vm := _VERB_INSIDE.fullmatch(subject)) is not None:
            # 第三产业实现增加值 -> 第三产业增加值: the verb inside the subject is not its name
            subject = vm.group(1) + vm.group(2)
        if subject == before:
            break
    return subject


_VERB_INSIDE = re.compile(
    r"([\u4e00-\u9fff]{2,8}?)(?:实现|完成)(增加值|总产值|产值|营业收入|主营业务收入|税收)"
)


QUAL_PRE_SET = WordSet(QUAL_PRE_WORDS)
VERB_SET = WordSet(VERB_WORDS)
ADVERB_SET = WordSet(ADVERBS)
LEAD_JUNK_SET = WordSet(LEAD_JUNK)
FOLLOW_OK_SET = WordSet(FOLLOW_OK)
