"""How the multi-year parts date their numbers (issue 10; SCHEMA.md's dating rules): totals
of a five-year review for its interval, levels for its end year, a five-year plan's added
items for the plan's years, list subjects never merged, and the parts found whatever their
heading. Each test is a real report's phrasing (corpus rounds 1-7) -> exact rows."""

from __future__ import annotations

from ingest.indicators.gate import collecting
from tests.indicators.support import brief

REPORT_2021 = "政府工作报告\n——2021年1月20日在某县第十七届人民代表大会第五次会议上\n"
REPORT_2016 = "政府工作报告\n——2016年1月20日在某市第六届人民代表大会第五次会议上\n"
REPORT_2019 = "政府工作报告\n——2019年1月20日在某区第六届人民代表大会第五次会议上\n"
REVIEW_135 = "一、“十三五”时期工作回顾\n"
PLAN_2021 = "二、2021年工作安排\n地区生产总值增长6%。\n"


def test_money_invested_or_brought_in_over_five_years_is_a_total() -> None:
    text = (
        REPORT_2021
        + REVIEW_135
        + "五年来,全社会固定资产投资预计完成469亿元、年均增长12.6%,引进招商项目95个、"
        "到位资金249.3亿元,成功对上争取无偿资金54.7亿元。\n"
    )
    assert brief(text) == [
        ("全社会固定资产投资", "level", "actual", 46900000000.0, "2016/2020"),
        ("全社会固定资产投资", "avg_growth", "actual", 12.6, "2016/2020"),
        ("引进招商项目", "level", "actual", 95.0, "2016/2020"),
        ("到位资金", "level", "actual", 24930000000.0, "2016/2020"),
        ("成功对上争取无偿资金", "level", "actual", 5470000000.0, "2016/2020"),
    ]


def test_investment_reached_or_of_a_named_year_stays_a_level() -> None:
    text = REPORT_2021 + REVIEW_135 + "固定资产投资达到300亿元。2020年固定资产投资完成100亿元。\n"
    assert brief(text) == [
        ("固定资产投资", "level", "actual", 30000000000.0, "2020"),
        ("固定资产投资", "level", "actual", 10000000000.0, "2020"),
    ]


def test_space_newly_put_to_use_in_the_plan_years_is_a_total() -> None:
    text = (
        REPORT_2021
        + "过去五年工作回顾\n建成“智”系产业空间,“十三五”新投入使用创新型产业用房约51万平方米。\n"
    )
    assert brief(text) == [
        ("新投入使用创新型产业用房", "level", "actual", 510000.0, "2016/2020"),
    ]


def test_a_list_item_without_a_verb_takes_the_first_items_built() -> None:
    text = (
        REPORT_2016
        + "一、“十二五”时期工作回顾\n"
        + "建成国家级经济技术开发区1个、省级经济开发区4个、园区达到9个。\n"
    )
    assert brief(text) == [
        ("建成国家级经济技术开发区", "level", "actual", 1.0, "2011/2015"),
        ("省级经济开发区", "level", "actual", 4.0, "2011/2015"),
        ("园区", "level", "actual", 9.0, "2015"),  # 达到: a level reached, the end year
    ]


def test_added_items_of_a_five_year_plan_are_for_its_years_as_new_ones_are() -> None:
    text = (
        REPORT_2021 + "未来五年工作思路和任务\n投资建设幼儿园学位1.35万座,新改扩建学校33所,"
        "增加义务教育学位4.9万座,新建高中2所,增加学位3900座。"
        "未来五年新增就业60万人,三甲医院达30家,建设筹集各类住房75万套。\n" + PLAN_2021
    )
    rows = brief(text)
    assert ("增加义务教育学位", "level", "target", 49000.0, "2021/2025") in rows
    assert ("新改扩建学校", "level", "target", 33.0, "2021/2025") in rows
    assert ("新建高中", "level", "target", 2.0, "2021/2025") in rows
    assert ("增加学位", "level", "target", 3900.0, "2021/2025") in rows
    assert ("新增就业", "level", "target", 600000.0, "2021/2025") in rows
    assert ("建设筹集各类住房", "level", "target", 750000.0, "2021/2025") in rows
    assert ("三甲医院", "level", "target", 30.0, "2025") in rows  # 达: the end year's level


def test_a_value_added_is_no_added_item() -> None:
    text = REPORT_2021 + "未来五年工作思路和任务\n增加值率达到30%。\n" + PLAN_2021
    assert brief(text)[0] == ("增加值率", "level", "target", 30.0, "2025")


def test_two_counted_subjects_of_one_list_stay_two() -> None:
    text = (
        REPORT_2019
        + "一、2018年工作回顾\n建成82座社区小型消防站;安全生产事故宗数、死亡人数分别下降27.1%、"
        "11.6%。食品、药品抽检合格率分别达到98%、99%。\n"
    )
    rows = brief(text)
    assert ("安全生产事故宗数", "growth", "actual", -27.1, "2018") in rows
    assert ("死亡人数", "growth", "actual", -11.6, "2018") in rows
    assert not any(r[0].endswith("宗数人数") for r in rows)
    # an elided head is still filled in: 食品 is 食品抽检合格率
    assert ("食品抽检合格率", "level", "actual", 98.0, "2018") in rows


def test_an_average_in_a_paragraph_on_the_reviews_last_year_is_over_its_years() -> None:
    text = (
        REPORT_2021 + "十三五工作回顾\n过去的五年,是全市克难奋进、顽强拼搏的五年,十三五胜利收官。"
        "2020年全市地区生产总值达到476.16亿元,年均增长4.98%;一般公共预算支出242.14亿元。\n"
        + PLAN_2021
    )
    rows = brief(text)
    assert rows[:3] == [
        ("全市地区生产总值", "level", "actual", 47616000000.0, "2020"),
        ("全市地区生产总值", "avg_growth", "actual", 4.98, "2016/2020"),
        ("一般公共预算支出", "level", "actual", 24214000000.0, "2020"),
    ]


def test_a_year_opening_a_clause_in_a_five_year_review_dates_it() -> None:
    text = (
        REPORT_2021
        + "“十三五”时期,是脱贫攻坚取得决定性胜利的五年。\n"
        + "2018年57个贫困村全部退出。2020年建成学校5所。\n"
    )
    assert brief(text) == [
        ("贫困村全部退出", "level", "actual", 57.0, "2018"),
        ("建成学校", "level", "actual", 5.0, "2020"),  # that year's, not the five years'
    ]


def test_a_slogan_heading_on_these_five_years_opens_a_five_year_review() -> None:
    text = (
        REPORT_2021
        + "砥砺奋进这五年\n全市地区生产总值年均增长7%,累计新增城镇就业5万人,城镇化率达到58%。\n"
        + PLAN_2021
    )
    assert brief(text)[:3] == [
        ("全市地区生产总值", "avg_growth", "actual", 7.0, "2016/2020"),
        ("新增城镇就业", "level", "actual", 50000.0, "2016/2020"),
        ("城镇化率", "level", "actual", 58.0, "2020"),
    ]


def test_a_five_year_paragraph_inside_a_one_year_review() -> None:
    text = (
        REPORT_2021 + "一、2020年工作回顾\n地区生产总值增长3%。五年来,全县地区生产总值突破500亿元,"
        "年均增长7%,累计实施重点项目45个。\n" + PLAN_2021
    )
    assert brief(text)[:4] == [
        ("地区生产总值", "growth", "actual", 3.0, "2020"),
        ("全县地区生产总值", "level", "actual", 50000000000.0, "2020"),
        ("全县地区生产总值", "avg_growth", "actual", 7.0, "2016/2020"),
        ("实施重点项目", "level", "actual", 45.0, "2016/2020"),
    ]


def test_a_change_compared_with_a_year_before_is_over_the_years_after_it() -> None:
    text = (
        "政府工作报告\n——2023年1月10日在某区第七届人民代表大会第三次会议上\n一、2022年工作回顾\n"
        "实现本地生产总值8036亿元,增长3.3%,相较于2020年增长超1500亿元,跨越两个千亿级台阶。\n"
    )
    assert brief(text) == [
        ("本地生产总值", "level", "actual", 803600000000.0, "2022"),
        ("本地生产总值", "growth", "actual", 3.3, "2022"),
        ("本地生产总值", "change", "actual", 150000000000.0, "2021/2022"),
    ]


def test_levels_reached_in_a_five_year_review_keep_their_subject() -> None:
    text = (
        REPORT_2021
        + REVIEW_135
        + "这五年,全市GDP连续迈上5000亿元、6000亿元两大台阶,人均GDP突破13万元。"
        + "全县地区生产总值2018年突破百亿元大关,预计2020年实现144亿元、年均增长8.7%。\n"
    )
    assert brief(text) == [
        ("全市GDP", "level", "actual", 500000000000.0, "2020"),
        ("全市GDP", "level", "actual", 600000000000.0, "2020"),  # both steps, as c89's gold
        ("人均GDP", "level", "actual", 130000.0, "2020"),
        ("全县地区生产总值", "level", "actual", 10000000000.0, "2018"),  # the year it names
        ("全县地区生产总值", "level", "actual", 14400000000.0, "2020"),
        ("全县地区生产总值", "avg_growth", "actual", 8.7, "2016/2020"),
    ]


def test_a_plans_end_year_opening_a_sentence_dates_the_clauses_after_its_semicolons() -> None:
    text = (
        REPORT_2021
        + "二、“十四五”时期主要目标\n2025年新区地区生产总值达到500亿元;全社会固定资产投资达到"
        "220亿元;居民人均可支配收入增速达到7%;PM2.5年均值控制在20微克/立方米以内。\n" + PLAN_2021
    )
    assert brief(text)[:4] == [
        ("新区地区生产总值", "level", "target", 50000000000.0, "2025"),
        ("全社会固定资产投资", "level", "target", 22000000000.0, "2025"),
        ("居民人均可支配收入", "growth", "target", 7.0, "2025"),  # that year's growth rate
        ("PM2.5年均值", "level", "target", 20.0, "2025"),
    ]


def test_places_gained_since_a_named_year_are_for_the_years_after_it() -> None:
    text = (
        REPORT_2021
        + REVIEW_135
        + "2019年,GDP全省排名比2015年上升4位。2019年,全县综合排名比2018年上升9位。\n"
    )
    assert brief(text) == [
        ("GDP全省排名", "rank_change", "actual", 4.0, "2016/2019"),
        ("全县综合排名", "rank_change", "actual", 9.0, "2019"),  # one year: that year
    ]


def test_each_clause_of_a_five_year_review_keeps_the_year_it_opens_with() -> None:
    text = (
        REPORT_2021
        + REVIEW_135
        + "2018年57个贫困村全部退出,2019年14216户52820名建档立卡贫困人口全部脱贫。\n"
    )
    rows = brief(text)
    assert ("贫困村全部退出", "level", "actual", 57.0, "2018") in rows
    assert ("建档立卡贫困人口全部脱贫", "level", "actual", 52820.0, "2019") in rows


def test_people_and_villages_out_of_poverty_in_a_five_year_review_are_totals() -> None:
    text = (
        "政府工作报告\n——2023年1月10日在某省第十四届人民代表大会第一次会议上\n"
        "一、过去五年工作回顾\n718.6万建档立卡贫困人口全部脱贫,53个贫困县全部摘帽。\n"
    )
    assert brief(text) == [
        ("建档立卡贫困人口全部脱贫", "level", "actual", 7186000.0, "2018/2022"),
        ("贫困县全部摘帽", "level", "actual", 53.0, "2018/2022"),
    ]


def test_investment_completed_and_things_set_up_or_held_are_totals() -> None:
    text = (
        REPORT_2016 + "一、“十二五”时期工作回顾\n省、市重点项目1349个,完成投资3210亿元。"
        "建立云计算等45个产学研资联盟,举办各类赛事6300多场,建设5家省实验室。\n"
    )
    with collecting() as held:
        rows = brief(text)
    # dated as a total of the five years; a bare 投资 is not published (the gate's bare_subject)
    invested = [w for w in held if w.row.indicator_zh == "投资"]
    assert [(w.row.obs_value, w.row.time_period, w.rule) for w in invested] == [
        (321000000000.0, "2011/2015", "bare_subject")
    ]
    assert ("产学研资联盟", "level", "actual", 45.0, "2011/2015") in rows  # 建立...45个
    assert ("举办各类赛事", "level", "actual", 6300.0, "2011/2015") in rows
    assert ("省实验室", "level", "actual", 5.0, "2011/2015") in rows


def test_a_five_year_opening_after_a_connective_dates_the_paragraph() -> None:
    text = (
        REPORT_2021
        + "各位代表:\n记者了解到,这些成绩来之不易。同时,五年来,扬州关闭退出化工企业501家,"
        "长江生态岸线占比提升至56.9%。全市PM2.5浓度下降34.5%、空气优良率上升12.2个百分点。\n"
    )
    rows = brief(text)
    assert ("全市PM2.5浓度", "growth", "actual", -34.5, "2016/2020") in rows
    assert ("空气优良率", "pp_change", "actual", 12.2, "2016/2020") in rows
    assert ("长江生态岸线占比", "level", "actual", 56.9, "2020") in rows


def test_history_told_in_a_five_year_plan_is_no_target() -> None:
    text = (
        REPORT_2021
        + "二、“十四五”时期发展目标\n1979年宝安县撤县设立深圳市,龙华作为建市之初的6个管理区之一。"
        "到2025年,地区生产总值达到4000亿元。\n"
    )
    assert brief(text) == [("地区生产总值", "level", "target", 400000000000.0, "2025")]


def test_the_years_targets_after_a_five_year_plans_goals_in_one_paragraph() -> None:
    text = (
        "某市政府工作报告(2026年)\n"
        '"十五五"时期是全市承前启后、全面发力的关键时期。 政府工作报告提出,今后五年发展的主要'
        "目标是:全市经济实力明显增强。 政府工作报告提出,2026年主要预期目标是:全市生产总值增长"
        "5%以上,在实际工作中努力争取更好结果;一般公共预算收入增长2%,居民收入增长与经济增长同步。\n"
    )
    assert brief(text) == [
        ("全市生产总值", "growth", "target", 5.0, "2026"),
        ("一般公共预算收入", "growth", "target", 2.0, "2026"),  # not the plan's 2026/2030
    ]


def test_a_paragraph_on_one_side_of_the_five_years_inside_a_mixed_review() -> None:
    text = (
        REPORT_2021
        + "一、2020年工作和“十三五”发展回顾\n地区生产总值增长3%。\n"
        + "——这是城区环境实现历史性优化的五年。PM2.5年均浓度累计下降26.8%。"
        + "新增教育学位4.3万座。\n全年新增就业1万人。\n"
    )
    assert brief(text) == [
        ("地区生产总值", "growth", "actual", 3.0, "2020"),
        ("PM2.5年均浓度", "growth", "actual", -26.8, "2016/2020"),
        ("新增教育学位", "level", "actual", 43000.0, "2016/2020"),
        ("新增就业", "level", "actual", 10000.0, "2020"),  # the next paragraph: the year's
    ]


def test_a_stock_reached_in_a_five_year_review_is_the_end_years_level() -> None:
    text = (
        REPORT_2021
        + REVIEW_135
        + "新增污水日处理能力280万吨、累计达760万吨。新增上市公司5家,累计达到32家。"
        + "高新技术企业累计达到1100家。城镇新增就业累计达到5万人。固定资产投资累计达到1000亿元。\n"
    )
    assert brief(text) == [
        ("新增污水日处理能力", "level", "actual", 2800000.0, "2016/2020"),
        ("污水日处理能力", "level", "actual", 7600000.0, "2020"),
        ("新增上市公司", "level", "actual", 5.0, "2016/2020"),
        ("上市公司", "level", "actual", 32.0, "2020"),
        ("高新技术企业", "level", "actual", 1100.0, "2020"),
        ("城镇新增就业", "level", "actual", 50000.0, "2016/2020"),  # a flow: a total
        ("固定资产投资", "level", "actual", 100000000000.0, "2016/2020"),  # money: a total
    ]


def test_goals_to_the_end_of_the_plan_starting_this_year_outside_its_own_part() -> None:
    text = (
        REPORT_2021
        + REVIEW_135
        + "地区生产总值年均增长7%。\n开启全面建设社会主义现代化新征程\n"
        + "到2025年,地区生产总值达到1000亿元,年均增长6%,新增城镇就业5万人。\n"
    )
    assert brief(text) == [
        ("地区生产总值", "avg_growth", "actual", 7.0, "2016/2020"),
        ("地区生产总值", "level", "target", 100000000000.0, "2025"),
        ("地区生产总值", "avg_growth", "target", 6.0, "2021/2025"),
        ("新增城镇就业", "level", "target", 50000.0, "2021/2025"),
    ]


def test_a_paragraph_looking_back_on_five_years_inside_a_one_year_review() -> None:
    text = (
        REPORT_2021
        + "一、2020年工作回顾\n地区生产总值增长3%。\n"
        + "回首过去五年,我们砥砺前行。地区生产总值年均增长7%,累计新增城镇就业5万人。\n"
        + "全年新增就业1万人。\n"
    )
    assert brief(text) == [
        ("地区生产总值", "growth", "actual", 3.0, "2020"),
        ("地区生产总值", "avg_growth", "actual", 7.0, "2016/2020"),
        ("新增城镇就业", "level", "actual", 50000.0, "2016/2020"),
        ("新增就业", "level", "actual", 10000.0, "2020"),
    ]
