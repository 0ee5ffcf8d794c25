"""Tuning round 16: the classes of wrong rows in the whole-document precision sample
(bench/bench_precision.py, seed 10). Each test is a short text in the style of the sampled
rows -> the rows the extractor publishes (subject, code, measure, kind, value, period)."""

from __future__ import annotations

from ingest.indicators.numerals import parse_chinese
from tests.indicators.support import coded_brief, extracted


def test_a_clause_opening_on_five_years_sums_over_the_review() -> None:
    # c51, c38, c48: in a five-year review, 五年生态补水33亿立方米 is water supplied over the
    # five years, not in its last one; a stock reached in the same review stays the end year's
    text = (
        "一、“十三五”时期经济社会发展回顾\n"
        "持续推进白洋淀上游流域综合治理,五年生态补水33亿立方米,五年投入财政扶贫资金74.9亿元。"
        "常住人口城镇化率达到56%。\n"
    )
    assert coded_brief(text, 2021) == [
        ("生态补水", "", "level", "actual", 3300000000.0, "2016/2020"),
        ("投入财政扶贫资金", "", "level", "actual", 7490000000.0, "2016/2020"),
        ("常住人口城镇化率", "urbanization_rate", "level", "actual", 56.0, "2020"),
    ]
    # 五年来 opens a passage (read as before), and 连续五年 is a duration, not the years summed
    text = "一、“十三五”时期经济社会发展回顾\n连续五年财政民生支出占比稳定在80%以上。\n"
    assert [r.time_period for r in extracted(text, year=2021)] == ["2020"]


def test_a_list_ending_in_etc_gives_each_item_the_shared_head() -> None:
    # c103, c67: 电子信息、汽车、专用装备等产业规模均超过千亿元 is each industry's size, not
    # 汽车装备等产业规模 (the last item's words glued to the first); 分别 the same
    text = (
        "一、2025年工作回顾\n"
        "电子信息、汽车、专用装备等产业规模均超过千亿元。"
        "节能环保、新材料、高端装备制造等产业增加值分别同比增长29.2%、16%和33%。\n"
    )
    assert coded_brief(text, 2026) == [
        ("电子信息产业规模", "", "level", "actual", 100000000000.0, "2025"),
        ("汽车产业规模", "", "level", "actual", 100000000000.0, "2025"),
        ("专用装备产业规模", "", "level", "actual", 100000000000.0, "2025"),
        ("节能环保产业增加值", "", "growth", "actual", 29.2, "2025"),
        ("新材料产业增加值", "", "growth", "actual", 16.0, "2025"),
        ("高端装备制造产业增加值", "", "growth", "actual", 33.0, "2025"),
    ]


def test_a_count_before_a_list_of_nouns_is_not_its_first_items() -> None:
    # c63, c45: 76所小学、中学、大学运动场地 counts every school: not 76 of 小学 (withheld);
    # a list whose items carry their own numbers is read item by item
    text = (
        "一、2020年工作回顾\n"
        "76所小学、中学、大学运动场地向社会公益开放。"
        "1800余家各类图书馆、博物馆、美术馆信步可达。"
        "建成5个社区公园、3个花漾街区。\n"
    )
    assert [(r[0], r[4]) for r in coded_brief(text, 2021)] == [
        ("社区公园", 5.0),
        ("花漾街区", 3.0),
    ]


def test_a_figure_of_the_area_helped_is_not_the_reporting_areas() -> None:
    # c71, c58: 帮助对口协作地区转移就业超700人 are the partner area's workers (withheld);
    # 帮助企业... is the area's own firms (kept)
    text = (
        "一、2024年工作回顾\n"
        "帮助对口协作地区转移就业超700人,帮助当地农村劳动力就业约1.3万人,"
        "帮助企业知识产权质押融资8.2亿元。\n"
    )
    assert [(r[0], r[4]) for r in coded_brief(text, 2025)] == [
        ("帮助企业知识产权质押融资", 820000000.0),
    ]


def test_a_count_of_honours_is_no_observation() -> None:
    # c161: 36项国字号荣誉纷至沓来 counts titles won (withheld, as round 13 decided)
    text = (
        "一、2024年工作回顾\n"
        "中国特色魅力会展城市等36项国字号荣誉纷至沓来,新增国家级专精特新企业12家。\n"
    )
    assert [(r[0], r[4]) for r in coded_brief(text, 2025)] == [("新增国家级专精特新企业", 12.0)]


def test_what_five_years_cut_or_cleared_is_no_one_years_figure() -> None:
    # c50, c41, c51: 这五年...压减退出粗钢产能8212.4万吨 is capacity cut over the five years,
    # dated 2020 (withheld); 清理散乱污企业1.4万家 is read as work done over them (round 20), a
    # total; c94: in the same kind of line, 2020年...税费收入144.8亿元 names its year
    text = (
        "一、“十三五”时期工作回顾\n"
        "这五年,我们持续深化供给侧结构性改革,压减退出粗钢产能8212.4万吨,清理散乱污企业1.4万家,"
        "科技进步贡献率达到60%。"
        "过去五年,经济实力稳步提升,2020年全市实现一般公共预算收入48.6亿元、税费收入144.8亿元。\n"
    )
    assert [(r[0], r[4], r[5]) for r in coded_brief(text, 2021)] == [
        ("清理散乱污企业", 14000.0, "2016/2020"),
        ("科技进步贡献率", 60.0, "2020"),
        ("全市一般公共预算收入", 4860000000.0, "2020"),
        ("税费收入", 14480000000.0, "2020"),
    ]


def test_a_listed_subject_read_with_one_of_its_values_is_withheld() -> None:
    # c109, c46: 畜禽、奶肉牛饲养量增长4.8%和4.4% (no 分别) gives each item one value; a row of
    # 4.8% for both is wrong (withheld); a listed subject with one value of its own is kept
    text = (
        "一、2025年工作回顾\n"
        "畜禽、奶肉牛饲养量增长4.8%和4.4%。全区高层次人才、博士人才达724名和1003名。"
        "破获网络诈骗、开设赌场等案件1270宗。\n"
    )
    assert [(r[0], r[4]) for r in coded_brief(text, 2026)] == [
        ("破获网络诈骗、开设赌场等案件", 1270.0),
    ]


def test_a_state_of_today_in_the_plan_is_no_target() -> None:
    # c52, c38: in the plan's words, 开发强度已经达到了65% and 现有260个公园 are how things
    # are now, not goals (withheld); the plan's own goals are kept
    text = (
        "二、“十四五”时期奋斗目标和主要任务\n"
        "龙华的城区看起来有点老,而且开发强度已经达到了65%。"
        "到2025年文化产业增加值达到440亿元,全面管好用好现有260个公园。\n"
    )
    assert [(r[0], r[3], r[4]) for r in coded_brief(text, 2021)] == [
        ("文化产业增加值", "target", 44000000000.0),
    ]


def test_foreign_trade_named_as_such_carries_its_code() -> None:
    # c120: 对外贸易年均增长14.8% is the whole foreign trade (foreign_trade), not an
    # uncatalogued subject; a 对外贸易 inside another subject is not
    text = "一、“十三五”时期工作回顾\n对外贸易年均增长14.8%,对外贸易企业新增120家。\n"
    assert [(r[0], r[1]) for r in coded_brief(text, 2021)] == [
        ("对外贸易", "foreign_trade"),
        ("对外贸易企业", ""),
    ]


def test_an_amount_run_into_a_subject_is_a_merged_clause() -> None:
    # c42, c46: 投入5100余万元救助困难群众1.6万余人次 and 坪山中心区从4.7平方公里扩容至24.1
    # 平方公里 put another figure inside the subject (withheld); a size class is no figure
    # (10亿元以上项目, 超10亿元重点科技企业)
    text = (
        "一、2020年工作回顾\n"
        "投入5100余万元救助困难群众1.6万余人次。坪山中心区从4.7平方公里扩容至24.1平方公里。"
        "引进10亿元以上项目10宗。\n"
    )
    assert [(r[0], r[4]) for r in coded_brief(text, 2021)] == [("引进10亿元以上项目", 10.0)]


def test_a_subject_that_is_only_a_verb_or_a_scope_names_nothing() -> None:
    # c65, c41, c66: 新引进46个创新创业团队 read as 新引进, 全球全国第一 as a rank of 全球,
    # 全市15万人实现脱贫 as 全市: the subject names nothing (withheld); the list's second
    # item names its own (领军人才)
    text = (
        "一、2020年工作回顾\n"
        "新引进46个创新创业团队和33名领军人才。全球全国第一、唯一性的项目不断呈现。"
        "全市15万人实现脱贫。建成人行天桥20座。\n"
    )
    assert [(r[0], r[4]) for r in coded_brief(text, 2021)] == [
        ("领军人才", 33.0),
        ("建成人行天桥", 20.0),
    ]


def test_two_chinese_digits_in_a_row_are_no_number() -> None:
    # c94, c41: 获评全省唯一一个“中国食品名城” read 一一个 as 11 of them; a year written digit by
    # digit (二〇二四年) still reads
    text = (
        "一、“十三五”时期工作回顾\n"
        "获评全省唯一一个“中国食品名城”,建成全国首家也是唯一一家纯中医治疗医院。\n"
    )
    assert coded_brief(text, 2021) == []
    assert parse_chinese("二〇二四") == 2024.0
    assert parse_chinese("一九九八") == 1998.0
    assert parse_chinese("一一") is None


def test_the_help_before_a_paired_areas_count_is_read_in_the_clause() -> None:
    # c61, c42: 帮助广西、四川、贵州、云南4省区93个贫困县摘帽 counts the paired provinces'
    # counties (the quote starts after 帮助): withheld; the area's own villages are kept
    text = (
        "一、“十三五”时期发展成就\n"
        "帮助广西、四川、贵州、云南4省区93个贫困县摘帽、500多万人口脱贫。"
        "全省2277个相对贫困村全部达到脱贫出列标准。\n"
    )
    assert [(r[0], r[4]) for r in coded_brief(text, 2021)] == [("相对贫困村全部", 2277.0)]


def test_a_lists_shared_head_starts_at_a_head_word_of_the_last_item() -> None:
    # c61, c51: 工业机器人、风力发电机组产量分别增长20%、49% is 工业机器人产量, not
    # 工业机器人组产量 (the last item's modifier is longer); 装备制造业、高新技术产业增加值占规上
    # 工业的比重 shares 增加值占规上工业的比重; parallel items of one length read as before
    text = (
        "一、2020年工作回顾\n"
        "工业机器人、风力发电机组产量分别增长20%、49%。"
        "装备制造业、高新技术产业增加值占规上工业的比重分别达到45.4%、23.2%。"
        "流通、餐饮抽检合格率分别达98.8%、98.6%。\n"
    )
    assert [(r[0], r[4]) for r in coded_brief(text, 2021)] == [
        ("工业机器人产量", 20.0),
        ("风力发电机组产量", 49.0),
        ("装备制造业增加值占规上工业的比重", 45.4),
        ("高新技术产业增加值占规上工业的比重", 23.2),
        ("流通抽检合格率", 98.8),
        ("餐饮抽检合格率", 98.6),
    ]
