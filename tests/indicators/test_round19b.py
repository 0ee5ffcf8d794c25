"""Tuning round 19b: dating classes left after round 19 (hand-reviewed wrong rows and the
corpus's multi-year period misses). Each test is a short text in the style of the documents
that showed the class -> the rows' subject, kind, value, period."""

from __future__ import annotations

from tests.indicators.support import coded_brief

OPENING = "各位代表:\n现在,我代表某区人民政府向大会作政府工作报告,请予审议。\n"
REVIEW = OPENING + "一、2015年工作回顾\n全年地区生产总值增长8%。\n"
PLAN_MULTI = REVIEW + "二、今后五年的主要目标和任务\n"


def _targets(body: str, text: str = PLAN_MULTI) -> list[tuple[str, float, str]]:
    return [(r[0], r[4], r[5]) for r in coded_brief(text + body, 2016, "某区") if r[3] == "target"]


def test_work_done_in_a_five_year_plan_is_over_its_years() -> None:
    # c222, c214: 完成/创建/淘汰 opening a clause of a five-year plan (with or without 到2020年)
    rows = _targets(
        "优化空间布局。完成土地整备5平方公里。试点创建3个生态社区。转型淘汰落后低端企业100家。"
        "到2020年,完成雨污分流管网建设1180公里。"
    )
    assert ("土地整备", 5.0, "2016/2020") in rows
    assert ("生态社区", 3.0, "2016/2020") in rows
    assert ("转型淘汰落后低端企业", 100.0, "2016/2020") in rows
    assert ("雨污分流管网建设", 1180.0, "2016/2020") in rows
    # a level to reach stays the end year's (完成率 is a ratio)
    rows = _targets("人均公园绿地面积达到15平方米。项目完成率达到95%。")
    assert ("人均公园绿地面积", 15.0, "2020") in rows
    assert [r[2] for r in rows if r[1] == 95.0] == ["2020"]


def test_a_count_in_each_place_of_a_five_year_plan_is_a_level() -> None:
    # c222: 每个社区建成3支以上文体活动队伍: so many in each place by the end year
    rows = _targets("丰富人文内涵。每个社区建成3支以上文体活动队伍。新建公园6个。")
    assert ("文体活动队伍", 3.0, "2020") in rows
    assert ("新建公园", 6.0, "2016/2020") in rows
    # 每年新增 is per year: over the plan's years
    assert [r[2] for r in _targets("每年新增社会组织不少于80家。")] == ["2016/2020"]


def test_a_list_after_new_count_first_shares_its_new() -> None:
    # c222: 新增6个以上名师工作室、1所九年一贯制学校: both added over the plan's years
    rows = _targets(
        "完善公共服务。新增6个以上名师工作室、1所九年一贯制学校。新增4个名医工作室、2所名医院。"
    )
    assert ("九年一贯制学校", 1.0, "2016/2020") in rows
    assert ("名医院", 2.0, "2016/2020") in rows


def test_the_years_targets_after_a_five_year_paragraph_close_it() -> None:
    # c215: 二、2016年工作思路和重点 / 未来五年,... / 根据总体思路,...,今年...主要预期目标是:
    # the task list after it is the year's, not the plan's
    text = (
        REVIEW
        + "二、2016年工作思路和重点\n"
        + "未来五年,我们要加快建设美好城区,新建公园20个。\n"
        + "根据总体思路,综合考虑各方面因素,今年我区经济社会发展主要预期目标是:"
        + "本区生产总值增长7%。\n"
        + "为实现上述目标,我们将重点抓好以下工作:\n"
        + "1.推进教育发展。新增基础教育学位1800个,新增公园绿化面积1.3万平方米。\n"
    )
    rows = _targets("", text)
    assert ("新建公园", 20.0, "2016/2020") in rows
    assert ("新增基础教育学位", 1800.0, "2016") in rows
    assert ("新增公园绿化面积", 13000.0, "2016") in rows


FIVE = OPENING + "一、过去五年工作回顾\n五年来,我们坚持改革创新,各项事业取得新进展。\n"


def _review(body: str) -> list[tuple[str, float, str]]:
    text = FIVE + body + "\n二、2016年工作安排\n地区生产总值增长7%。\n"
    return [(r[0], r[4], r[5]) for r in coded_brief(text, 2016, "某区") if r[3] == "actual"]


def test_work_done_in_a_five_year_review_is_a_total_over_its_years() -> None:
    # c222, c194: 开展/落实/改造 opening a count, a count whose clause says it was finished
    rows = _review(
        "开展职业技术培训超过1万人次。落实人才住房1095套。新增道路里程10.95公里,"
        "改造7.5公里。6座水库除险加固工程按时完成。社康中心标准化改造等46个项目已完成。"
    )
    assert [r[2] for r in rows] == ["2011/2015"] * 6
    # an activity with no count of its own governs no later clause: VC/PE机构 are a stock
    rows = _review("开展科技金融试点城市建设,VC/PE机构4.6万家。")
    assert ("VC/PE机构", 46000.0, "2015") in rows


def test_the_rank_and_total_of_a_flow_in_a_five_year_review_are_over_its_years() -> None:
    # c224: 共出让产业用地55宗,总用地面积240万平方米,土地供应规模居全市第一,涉及项目总投资382亿元
    text = (
        FIVE
        + "新区共出让产业用地55宗,总用地面积240万平方米,土地供应规模居全市第一,"
        + "涉及项目总投资382亿元。\n二、2016年工作安排\n地区生产总值增长7%。\n"
    )
    rows = [(r[0], r[2], r[5]) for r in coded_brief(text, 2016, "某区") if r[3] == "actual"]
    assert ("土地供应规模", "rank", "2011/2015") in rows
    assert ("涉及项目总投资", "level", "2011/2015") in rows
    # the rank of a stock stays the end year's
    rows = [
        (r[0], r[2], r[5])
        for r in coded_brief(FIVE + "高新技术企业达到800家,数量居全市第一。\n", 2016, "某区")
    ]
    assert [r[2] for r in rows if r[1] == "rank"] == ["2015"]


def test_land_supplied_and_projects_listed_in_a_five_year_review_are_totals() -> None:
    # c214, c224: 城市更新供应用地面积约380公顷, 22个项目列入更新计划
    rows = _review(
        "整备土地约18平方公里,城市更新供应用地面积约380公顷。城市更新加快推进,22个项目列入更新计划。"
    )
    assert ("城市更新供应用地面积", 380.0, "2011/2015") in rows
    assert [r[2] for r in rows if r[1] == 22.0] == ["2011/2015"]
    # 115个列入计划项目: a kind of project, not what was listed over the years
    rows = _targets("统筹好115个列入计划项目的更新时序。")
    assert [r[2] for r in rows if r[1] == 115.0] == ["2020"]


def test_a_section_opening_the_plan_inside_the_years_plan_is_the_years() -> None:
    # c193: 三、2016年工作安排 / (一)为"十三五"经济中高速增长开好局、起好步 / 全年安排…5000亿元
    text = (
        REVIEW
        + "二、2016年工作安排\n(一)为“十三五”经济中高速增长开好局、起好步\n"
        + "全年安排省重点项目投资5000亿元,新增通车里程716公里。\n"
        + "(二)深入推进重点领域改革\n实现城镇新增就业110万人。\n"
    )
    rows = _targets("", text)
    assert ("安排省重点项目投资", 500000000000.0, "2016") in rows
    assert ("新增通车里程", 716.0, "2016") in rows
    assert ("城镇新增就业", 1100000.0, "2016") in rows
    # a section naming the plan's goals inside it is still the plan's
    text = REVIEW + "二、2016年工作安排\n(一)“十三五”时期的主要目标\n新建公园20个。\n"
    assert _targets("", text) == [("新建公园", 20.0, "2016/2020")]
