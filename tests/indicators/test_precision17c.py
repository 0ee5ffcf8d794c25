"""Precision round 17c: the recurring classes of wrong rows in round 17's whole-document sample
(bench/bench_precision.py --round 17 --per-doc 15; the reviews of rev17a). Each test is a short
text in the style of the sampled rows -> the rows the extractor publishes, or the gate's rule
for the rows it withholds."""

from __future__ import annotations

from ingest.indicators import extract
from ingest.indicators.gate import collecting
from ingest.text import normalize_text
from tests.indicators.support import extracted


def _withheld(text: str, year: int, area: str = "某区", code: str = "") -> list[tuple[str, str]]:
    """(subject, rule) of each row the gate withholds."""
    with collecting() as sink:
        extract(normalize_text(text), ref_area=area, ref_area_code=code, report_year=year)
    return [(w.row.indicator_zh, w.rule) for w in sink]


Row = tuple[str, str, str, str, float]


def _rows(text: str, year: int, area: str = "某区", code: str = "") -> list[Row]:
    """(subject, area, kind, period, value) of each published row."""
    return [
        (r.indicator_zh, r.ref_area, r.obs_kind, r.time_period, r.obs_value)
        for r in extracted(text, area, year, code)
    ]


def test_work_done_over_a_term_review_is_a_total_of_its_years() -> None:
    # c204 组建12个教育集团, 打掉黑恶势力犯罪团伙20个, 化解…风险隐患190宗, 17条道路…整治; c208
    # 主动公开各类政务信息36630条, 5个街道医院…完工; c207 帮扶12万贫困人口: done over the term
    # (as 破获涉黑恶案件447宗 beside them); a level reached (达到) keeps the end year
    text = (
        "一、过去五年工作回顾\n"
        "组建10个教育集团,打掉黑恶势力犯罪团伙15个,破获涉黑恶案件300宗,"
        "化解政治安全风险隐患120宗。主动公开各类政务信息20000条。帮扶8万贫困人口。"
        "12条道路交通设施整治。3个街道医院扩建主体工程完工。公园总数达到120个。\n"
    )
    assert _rows(text, 2021) == [
        ("教育集团", "某区", "actual", "2016/2020", 10.0),
        ("打掉黑恶势力犯罪团伙", "某区", "actual", "2016/2020", 15.0),
        ("破获涉黑恶案件", "某区", "actual", "2016/2020", 300.0),
        ("化解政治安全风险隐患", "某区", "actual", "2016/2020", 120.0),
        ("主动公开各类政务信息", "某区", "actual", "2016/2020", 20000.0),
        ("贫困人口", "某区", "actual", "2016/2020", 80000.0),
        ("道路交通设施整治", "某区", "actual", "2016/2020", 12.0),
        ("街道医院扩建主体工程完工", "某区", "actual", "2016/2020", 3.0),
        ("公园总数", "某区", "actual", "2020", 120.0),
    ]


def test_a_heading_on_the_term_since_its_first_session_is_a_term_review() -> None:
    # c206 一、区六届人大一次会议以来的工作: the term's review (a full term), its flows over
    # the years; 覆盖全部28个社区 is the reach, not work done
    text = (
        "一、区六届人大一次会议以来的工作\n"
        "新增就业10万人,建成全国民主法治示范社区2个,全区新增道路里程200公里、非机动车道100公里。\n"
        "二、未来五年发展目标\n"
        "地区生产总值达到5000亿元。\n"
    )
    assert _rows(text, 2021) == [
        ("新增就业", "某区", "actual", "2016/2020", 100000.0),
        ("建成全国民主法治示范社区", "某区", "actual", "2016/2020", 2.0),
        ("全区新增道路里程", "某区", "actual", "2016/2020", 200.0),
        ("新增非机动车道", "某区", "actual", "2016/2020", 100.0),
        ("地区生产总值", "某区", "target", "2025", 5e11),
    ]


def test_five_year_plan_flows_share_their_years() -> None:
    # c208 力争五年新增超20亿企业100家,超50亿企业25家,超百亿企业10家; 力争五年引进…20-30家
    # 上市公司; c204 释放产业用地40万平方米, 投入…扶持资金6亿元以上, 新建改造10个社区公园、
    # 75个社区共建花园 in a 今后五年 plan: over the plan's years
    text = (
        "二、今后五年的主要工作\n"
        "力争五年新增超20亿企业80家,超百亿企业8家。力争五年引进20-30家上市公司。"
        "释放产业用地30万平方米,投入企业科技创新扶持资金5亿元以上。"
        "新建改造8个社区公园、60个社区共建花园。\n"
    )
    assert [(r[0], r[2], r[3], r[4]) for r in _rows(text, 2021)] == [
        ("新增超20亿企业", "target", "2021/2025", 80.0),
        ("超百亿企业", "target", "2021/2025", 8.0),
        ("上市公司", "target", "2021/2025", 20.0),
        ("释放产业用地", "target", "2021/2025", 300000.0),
        ("投入企业科技创新扶持资金", "target", "2021/2025", 5e8),
        ("新建改造社区公园", "target", "2021/2025", 8.0),
        ("社区共建花园", "target", "2021/2025", 60.0),
    ]


def test_a_yearly_average_level_is_over_the_years() -> None:
    # c205 空气质量年均优良率达92.6% in a term review; c208 2017年-2020年,年均供应…8000套以上
    # in a five-year plan: averages over the years; PM2.5年均浓度 is the year's own mean
    text = (
        "一、过去五年工作回顾\n"
        "空气质量年均优良率达93.5%,PM2.5年均浓度降至20微克/立方米。\n"
        "二、今后五年的主要工作\n"
        "2017年-2020年,年均供应人才住房6000套以上。\n"
    )
    assert [(r[0], r[2], r[3]) for r in _rows(text, 2016)] == [
        ("空气质量年均优良率", "actual", "2011/2015"),
        ("PM2.5年均浓度", "actual", "2015"),
        ("年均供应人才住房", "target", "2017/2020"),
    ]


def test_counts_of_named_items_are_no_observation() -> None:
    # c206 社区工作站、社区居委会、社区股份合作公司3支力量; 推动10个街道…实体化运作; 金融端4个
    # 模块; c205 “两个维护”十项制度, …、新能源3个千亿级产业集群 (plan); c208 取消职权152项,
    # 清理行政职权4174项; c210 对港澳开放153个服务业门类
    text = (
        "二、今后五年的主要工作\n"
        "发挥社区工作站、社区居委会、社区股份合作公司3支力量的作用。"
        "推动10个街道全面依法治街委员会实体化运作。建设企业端、政府端、金融端3个模块。"
        "培育新一代信息技术、高端装备、新能源3个千亿级产业集群。\n"
    )
    assert _rows(text, 2021) == []
    assert sorted(_withheld(text, 2021)) == [
        ("力量的作用", "list_members"),
        ("千亿级产业集群", "list_members"),
        ("模块", "reform_items"),
        ("街道", "sub_area_descriptor"),
    ]
    text = (
        "一、2015年工作回顾\n"
        "严格执行“两个维护”十项制度。取消职权150项,清理行政职权4000项。"
        "对港澳开放150个服务业门类。\n"
    )
    assert _rows(text, 2016) == []
    assert {rule for _, rule in _withheld(text, 2016)} == {"reform_items"}


def test_common_nouns_titles_and_inner_regions_set_no_area() -> None:
    # c206 城区绿化覆盖率: 城区 is no area (not 汕尾市城区); c208 10个以上广东省著名商标: the
    # title's issuer, not the area counted; c210 珠三角光纤入户率, c209 原特区外投资: a region
    # inside the area with no division code, withheld
    text = "二、今后五年的主要工作\n城区绿化覆盖率达到50%,新增10个以上广东省著名商标。\n"
    assert [(r[0], r[1]) for r in _rows(text, 2021, "宝安区", "440306")] == [
        ("城区绿化覆盖率", "宝安区"),
        ("新增广东省著名商标", "宝安区"),
    ]
    text = "二、2015年工作安排\n珠三角光纤入户率超过30%,原特区外投资超过1000亿元。\n"
    assert _rows(text, 2015, "广东省", "440000") == []
    assert {rule for _, rule in _withheld(text, 2015, "广东省", "440000")} == {"inner_region"}


def test_a_shared_bound_or_head_goes_to_every_item() -> None:
    # c207 新兴产业增加值、固定资产投资总额、社会消费品零售总额突破千亿元: three rows; c211
    # 新能源汽车、通讯器材零售额; c205 人大代表建议、政协委员提案办理率、满意率; c207 生活垃圾
    # 100%无害化处理、回收利用率; c211 新建改造绿道300公里、碧道150公里
    text = (
        "一、2020年工作回顾\n"
        "新兴产业增加值、固定资产投资总额、社会消费品零售总额突破千亿元。"
        "新能源汽车、通讯器材零售额分别增长40%、20%。"
        "人大代表建议、政协委员提案办理率、满意率均达100%。\n"
        "二、2021年工作安排\n"
        "实现生活垃圾100%无害化处理、回收利用率超过45%。新建改造绿道300公里、碧道150公里。\n"
    )
    got = [(r.indicator_zh, r.indicator_code, r.obs_value) for r in extracted(text, "某区", 2021)]
    assert got[:3] == [
        ("新兴产业增加值", "", 1e11),
        ("固定资产投资总额", "fixed_asset_investment", 1e11),
        ("社会消费品零售总额", "retail_sales", 1e11),
    ]
    names = [g[0] for g in got]
    for name in (
        "新能源汽车零售额",
        "通讯器材零售额",
        "人大代表建议办理率",
        "政协委员提案办理率",
        "政协委员提案满意率",
        "生活垃圾回收利用率",
        "新建改造碧道",
    ):
        assert name in names, name


def test_a_raise_from_a_per_head_standard_starts_from_it() -> None:
    # c210 补助从每人每学年600元提高到800元 in the year's plan: 600 is the standard before the
    # raise, no target (withheld, as every start of a raise in a plan); 800 is the target
    text = "二、2015年工作安排\n营养改善计划补助从每人每学年600元提高到800元。\n"
    assert [(r[0], r[2], r[3], r[4]) for r in _rows(text, 2015, "某省")] == [
        ("营养改善计划补助每人每学年", "target", "2015", 800.0),
    ]


def test_cases_handled_works_started_and_land_supplied_are_flows() -> None:
    # c205 严肃查处相关违法违纪案件65件 in a term review, c206 儿童医院等5家医院开工建设; c205
    # 提供各类用地90公顷 in a five-year plan: over the years
    text = (
        "一、过去五年工作回顾\n"
        "严肃查处相关违法违纪案件60件。儿童医院等4家医院开工建设。供应土地100公顷。\n"
        "二、今后五年的主要工作\n"
        "提供各类用地80公顷。\n"
    )
    assert [(r[0], r[3], r[4]) for r in _rows(text, 2021)] == [
        ("严肃查处相关违法违纪案件", "2016/2020", 60.0),
        ("医院", "2016/2020", 4.0),
        ("供应土地", "2016/2020", 100.0),
        ("提供各类用地", "2021/2025", 80.0),
    ]


def test_a_spender_alone_or_a_programmes_pilot_counties_are_withheld() -> None:
    # c210 今年全省将投入1900亿元,其中省级投入792亿元…办好十件民生实事: who spends, not on
    # what; 推进6个村村通自来水工程示范县建设: the counties of a programme pushed on
    text = (
        "二、2015年工作安排\n"
        "今年全省将投入1800亿元,其中省级投入700亿元,集中力量办好十件民生实事。"
        "推进5个村村通自来水工程示范县建设。\n"
    )
    assert _rows(text, 2015, "某省") == []
    assert sorted(_withheld(text, 2015, "某省")) == [
        ("全省将投入", "bare_subject"),
        ("村村通自来水工程示范县建设", "sub_area_descriptor"),
        ("省级投入", "bare_subject"),
    ]


def test_uncounted_things_after_a_count_and_a_bare_standard() -> None:
    # c207 新建100个城市书房和一大批社区便民文体设施: 100 is the 城市书房; c210 完成…危旧房改造,
    # 补助标准从每户1.5万元提高到2万元: the standard of what is in the clause before (withheld)
    text = (
        "二、今后五年的主要工作\n新建80个城市书房和一大批社区便民文体设施。\n"
        "完成5000户危旧房改造,补助标准从每户1.5万元提高到2万元。\n"
    )
    assert [(r[0], r[4]) for r in _rows(text, 2021)] == [("新建城市书房", 80.0), ("危旧房", 5000.0)]
    assert ("补助标准每户", "bare_subject") in _withheld(text, 2021)
