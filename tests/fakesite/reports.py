"""Several years of one column: the annual government work reports of a made-up run of
years, written the way the real reports are (a speech line, a review of last year with
its actuals, this year's plan with its 主要预期目标), built from one table of figures so
that tests can compute what the pages say without reading them::

    gov = HanwebSite(server, with_seed=False)
    arts = {year: gov.publish_report(year) for year in REPORT_YEARS[:5]}
    FIGURES[2021].actual["gdp"]       # what the 2021 report says of 2020: 3.9
    gov.revise(arts[2021], *PRELIMINARY_REVISION)   # the preliminary GDP figure, revised

Each report of year Y reviews year Y - 1 (actuals for Y - 1) and plans year Y (targets
for Y); the targets use the qualifiers the real reports use: 左右 (approx), 以上 (ge),
以内 (le), a range (3%-4%) and a bare figure (eq).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Final


@dataclasses.dataclass(frozen=True)
class Target:
    value: float
    qualifier: str  # eq | approx | ge | le | range
    value_max: float | None = None

    def text(self) -> str:
        if self.qualifier == "range":
            return f"{_num(self.value)}%-{_num(self.value_max or 0)}%"
        suffix = {"approx": "左右", "ge": "以上", "le": "以内", "eq": ""}[self.qualifier]
        return f"{_num(self.value)}%{suffix}"


@dataclasses.dataclass(frozen=True)
class Report:
    year: int
    date: dt.date
    session: str  # 第N届人民代表大会第M次会议
    gdp_level: float  # 亿元, last year
    actual: dict[str, float]  # last year's results, in percent
    target: dict[str, Target]  # this year's targets


def _num(value: float) -> str:
    return f"{value:g}"


#: the indicators each report states, with the words it uses for them
INDICATORS: Final = (
    "gdp",
    "industrial_value_added",
    "fixed_asset_investment",
    "retail_sales",
    "public_budget_revenue",
    "urban_unemployment_rate",
    "cpi",
)


def _t(v: float, q: str, vmax: float | None = None) -> Target:
    return Target(v, q, vmax)


FIGURES: Final[dict[int, Report]] = {
    2019: Report(
        2019,
        dt.date(2019, 1, 18),
        "第四届人民代表大会第四次会议",
        1382.4,
        {
            "gdp": 8.9,
            "industrial_value_added": 9.4,
            "fixed_asset_investment": 11.3,
            "retail_sales": 11.1,
            "public_budget_revenue": 7.5,
            "urban_unemployment_rate": 4.5,
            "cpi": 2.1,
        },
        {
            "gdp": _t(8.5, "approx"),
            "industrial_value_added": _t(9, "ge"),
            "fixed_asset_investment": _t(10, "ge"),
            "retail_sales": _t(10, "approx"),
            "public_budget_revenue": _t(6, "eq"),
            "urban_unemployment_rate": _t(5.5, "le"),
            "cpi": _t(3, "approx"),
        },
    ),
    2020: Report(
        2020,
        dt.date(2020, 1, 10),
        "第四届人民代表大会第五次会议",
        1510.5,
        {
            "gdp": 8.1,
            "industrial_value_added": 8.7,
            "fixed_asset_investment": 10.2,
            "retail_sales": 10.9,
            "public_budget_revenue": 6.0,
            "urban_unemployment_rate": 5.1,
            "cpi": 2.7,
        },
        {
            "gdp": _t(8, "approx"),
            "industrial_value_added": _t(8.5, "ge"),
            "fixed_asset_investment": _t(9, "ge"),
            "retail_sales": _t(9.5, "approx"),
            "public_budget_revenue": _t(5, "range", 6),
            "urban_unemployment_rate": _t(5.5, "le"),
            "cpi": _t(3, "approx"),
        },
    ),
    2021: Report(
        2021,
        dt.date(2021, 2, 1),
        "第五届人民代表大会第一次会议",
        1572.7,
        {
            "gdp": 3.9,
            "industrial_value_added": 4.6,
            "fixed_asset_investment": 8.1,
            "retail_sales": -2.3,
            "public_budget_revenue": 1.2,
            "urban_unemployment_rate": 5.6,
            "cpi": 2.6,
        },
        {
            "gdp": _t(8.5, "approx"),
            "industrial_value_added": _t(9, "ge"),
            "fixed_asset_investment": _t(8, "ge"),
            "retail_sales": _t(10, "approx"),
            "public_budget_revenue": _t(5, "eq"),
            "urban_unemployment_rate": _t(5.5, "le"),
            "cpi": _t(3, "approx"),
        },
    ),
    2022: Report(
        2022,
        dt.date(2022, 1, 21),
        "第五届人民代表大会第二次会议",
        1794.6,
        {
            "gdp": 8.0,
            "industrial_value_added": 11.9,
            "fixed_asset_investment": 10.5,
            "retail_sales": 14.2,
            "public_budget_revenue": 5.0,
            "urban_unemployment_rate": 5.2,
            "cpi": 0.9,
        },
        {
            "gdp": _t(7.5, "approx"),
            "industrial_value_added": _t(8.5, "ge"),
            "fixed_asset_investment": _t(8, "ge"),
            "retail_sales": _t(8, "approx"),
            "public_budget_revenue": _t(4, "range", 5),
            "urban_unemployment_rate": _t(5.5, "le"),
            "cpi": _t(3, "approx"),
        },
    ),
    2023: Report(
        2023,
        dt.date(2023, 2, 8),
        "第五届人民代表大会第三次会议",
        1929.7,
        {
            "gdp": 4.2,
            "industrial_value_added": 6.5,
            "fixed_asset_investment": 8.6,
            "retail_sales": 3.3,
            "public_budget_revenue": 4.5,
            "urban_unemployment_rate": 5.5,
            "cpi": 1.8,
        },
        {
            "gdp": _t(6, "approx"),
            "industrial_value_added": _t(7, "ge"),
            "fixed_asset_investment": _t(5, "ge"),
            "retail_sales": _t(6.5, "approx"),
            "public_budget_revenue": _t(3, "eq"),
            "urban_unemployment_rate": _t(5.5, "le"),
            "cpi": _t(3, "approx"),
        },
    ),
    2024: Report(
        2024,
        dt.date(2024, 1, 16),
        "第五届人民代表大会第四次会议",
        2016.3,
        {
            "gdp": 5.3,
            "industrial_value_added": 6.9,
            "fixed_asset_investment": 5.1,
            "retail_sales": 6.2,
            "public_budget_revenue": 3.4,
            "urban_unemployment_rate": 5.3,
            "cpi": 0.1,
        },
        {
            "gdp": _t(5.5, "approx"),
            "industrial_value_added": _t(7, "ge"),
            "fixed_asset_investment": _t(4, "ge"),
            "retail_sales": _t(6, "approx"),
            "public_budget_revenue": _t(2, "eq"),
            "urban_unemployment_rate": _t(5.5, "le"),
            "cpi": _t(3, "approx"),
        },
    ),
}
REPORT_YEARS: Final = tuple(sorted(FIGURES))

#: the page of the 2021 report revised in place: the preliminary 2020 GDP growth, 3.9%,
#: becomes the verified 4.0% (the report is corrected after the statistics bureau's
#: final figures)
PRELIMINARY_REVISION: Final = ("增长3.9%,", "增长4%,")
REVISED_GDP_2020: Final = 4.0


def report_title(year: int) -> str:
    return f"{year}年抚州市人民政府工作报告"


def report_paragraphs(year: int) -> list[str]:
    """The paragraphs of the report of ``year`` as its page shows them."""
    r = FIGURES[year]
    a, t = r.actual, r.target
    last = year - 1
    cpi_verb = "上涨" if a["cpi"] >= 0 else "下降"
    retail_verb = "增长" if a["retail_sales"] >= 0 else "下降"
    return [
        "政府工作报告",
        f"——{r.date.year}年{r.date.month}月{r.date.day}日在抚州市{r.session}上",
        "市长",
        "各位代表:",
        "现在,我代表市人民政府向大会报告工作,请予审议,并请市政协委员和其他列席人员提出意见。",
        f"一、{last}年工作回顾",
        f"{last}年,面对复杂严峻的外部环境,全市上下坚持稳中求进工作总基调,经济社会发展取得新成效。",
        f"全市地区生产总值达到{_num(r.gdp_level)}亿元,增长{_num(a['gdp'])}%,"
        f"规模以上工业增加值增长{_num(a['industrial_value_added'])}%,"
        f"固定资产投资增长{_num(a['fixed_asset_investment'])}%,"
        f"社会消费品零售总额{retail_verb}{_num(abs(a['retail_sales']))}%,"
        f"一般公共预算收入增长{_num(a['public_budget_revenue'])}%。",
        f"城镇调查失业率{_num(a['urban_unemployment_rate'])}%,"
        f"居民消费价格{cpi_verb}{_num(abs(a['cpi']))}%,民生保障持续加强。",
        "这些成绩的取得,是全市人民团结奋斗的结果。在此,我代表市人民政府,向全市人民表示衷心感谢!",
        f"二、{year}年工作安排",
        f"{year}年是关键之年。综合考虑各方面因素,"
        "今年全市经济社会发展的主要预期目标是:"
        f"地区生产总值增长{t['gdp'].text()},"
        f"规模以上工业增加值增长{t['industrial_value_added'].text()},"
        f"固定资产投资增长{t['fixed_asset_investment'].text()},"
        f"社会消费品零售总额增长{t['retail_sales'].text()},"
        f"一般公共预算收入增长{t['public_budget_revenue'].text()},"
        f"城镇调查失业率控制在{t['urban_unemployment_rate'].text()},"
        f"居民消费价格涨幅{t['cpi'].text()}。",
        "各位代表,新征程催人奋进。让我们团结一心、实干争先,为谱写新篇章而努力奋斗!",
    ]
