"""Numerals, catalog, structure, ids and the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import cn2an
import pytest

from ingest.indicators import detect_report_year, extract, load_catalog, observation_ids
from ingest.indicators.cli import run_extract_cli
from ingest.indicators.numerals import parse_chinese, scan_values
from models.observation_schema import COLUMNS


@pytest.mark.parametrize(
    ("span", "value"),
    [
        ("两千", 2000),
        ("一万二千", 12000),
        ("三点五", 3.5),
        ("一百零五", 105),
        ("十", 10),
        ("十二", 12),
        ("二〇二四", 2024),
        ("三万亿", 3e12),
        ("一亿二千万", 1.2e8),
        ("六十三点一", 63.1),
        ("一万二", 12000),  # spoken: the last digit counts in the next unit down
        ("三百五", 350),
        ("两万三", 23000),
        ("一万零二", 10002),
        ("壹佰", 100),  # 大写
        ("叁仟伍佰", 3500),
    ],
)
def test_parse_chinese_agrees_with_cn2an(span: str, value: float) -> None:
    assert parse_chinese(span) == value
    if "亿" not in span and "〇" not in span:
        assert float(cn2an.cn2an(span, "smart")) == value


@pytest.mark.parametrize("span", ["十四五", "一般", "", "点", "百百"])
def test_parse_chinese_rejects_non_numerals(span: str) -> None:
    assert parse_chinese(span) is None


def test_full_width_digits_after_normalization() -> None:
    from ingest.text import normalize_text

    text = normalize_text("一、2023年工作回顾\n全市ＧＤＰ增长６．３％，排名全省第１")
    got = extract(text, report_year=2024)
    assert [(r.indicator_code, r.measure, r.obs_value) for r in got] == [
        ("gdp", "growth", 6.3),
        ("gdp", "rank", 1.0),
    ]


def test_scan_values_thousands_separator_and_units() -> None:
    text = "收入1,234.5亿元,人口3.55万人,占比8%"
    got = [(t.value, t.unit, t.unit_zh) for t in scan_values(text, 0, len(text))]
    assert got == [
        (123450000000.0, "CNY", "亿元"),
        (35500.0, "count", "万人"),
        (8.0, "percent", "%"),
    ]


def test_catalog_has_every_schema_alias() -> None:
    cat = load_catalog()
    required = {
        "gdp": ["地区生产总值", "生产总值", "GDP", "全市GDP", "全省GDP"],
        "industrial_value_added": ["规模以上工业增加值", "规上工业增加值"],
        "fixed_asset_investment": ["固定资产投资"],
        "retail_sales": ["社会消费品零售总额"],
        "public_budget_revenue": ["一般公共预算收入", "地方一般公共预算收入"],
        "disposable_income": ["居民人均可支配收入"],
        "urban_disposable_income": ["城镇居民人均可支配收入"],
        "rural_disposable_income": ["农村居民人均可支配收入"],
        "cpi": ["居民消费价格", "居民消费价格总水平", "居民消费价格涨幅"],
        "urban_new_jobs": ["城镇新增就业", "新增城镇就业"],
        "urban_unemployment_rate": ["城镇调查失业率"],
        "grain_output": ["粮食总产量", "粮食产量"],
        "grain_sown_area": ["粮食播种面积"],
        "foreign_trade": ["进出口总额", "外贸进出口"],
        "exports": ["出口总额", "出口"],
        "foreign_investment": ["实际利用外资", "实际使用外资"],
        "rd_intensity": ["R&D经费占GDP比重", "研发经费投入强度", "全社会研发经费投入强度"],
        "pm25": ["PM2.5平均浓度", "细颗粒物平均浓度"],
        "energy_intensity": ["单位地区生产总值能耗", "单位GDP能耗"],
    }
    for code, aliases in required.items():
        ind = cat.by_code(code)
        assert ind is not None and ind.en
        for alias in aliases:
            hit = cat.match(alias)
            assert hit is not None and hit.code == code, alias


@pytest.mark.parametrize(
    ("subject", "code"),
    [
        ("对全省经济增长贡献率", None),
        ("人均GDP", "gdp_per_capita"),
        ("单位GDP能耗", "energy_intensity"),
        ("银行业金融机构存贷款余额", None),
        ("生产型企业出口额", None),
        ("全省经济", "gdp"),
        ("固定资产投资增速", "fixed_asset_investment"),
    ],
)
def test_catalog_matches_by_head_noun(subject: str, code: str | None) -> None:
    hit = load_catalog().match(subject)
    assert (hit.code if hit else None) == code


def test_catalog_loads_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "cat.toml"
    path.write_text('[[indicator]]\ncode = "x"\nen = "X"\nzh = ["旅游收入"]\n', encoding="utf-8")
    cat = load_catalog(path)
    assert cat.match("全县旅游收入").code == "x"  # type: ignore[union-attr]
    assert load_catalog(path) is cat


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("政府工作报告(2024年)\n...", 2024),
        ("2025年政府工作报告\n", 2025),
        ("报告\n一、2022年工作回顾\n", 2023),
        ("报告\n二、2021年主要任务\n", 2021),
        ("2020年1月9日在某县第十七届人民代表大会第五次会议上", 2020),
        ("没有年份", None),
    ],
)
def test_detect_report_year(text: str, year: int | None) -> None:
    assert detect_report_year(text) == year


def _doc(value: str, preface: str = "") -> str:
    return (
        f"一、2023年工作回顾\n{preface}全县生产总值增长{value}%,排名全省第2。全县生产总值增长5%。"
    )


def test_ids_survive_revision_and_insertion() -> None:
    a = observation_ids("p", extract(_doc("6.1")))
    b = observation_ids("p", extract(_doc("6.4", "过去一年,我们砥砺前行。")))
    assert a == b
    assert len(set(a)) == len(a) == 3
    assert observation_ids("q", extract(_doc("6.1"))) != a


def test_cli_csv_json_ndjson(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(
        "政府工作报告(2024年)\n一、2023年工作回顾\n全市GDP增长6.3%。".encode("gb18030")
    )
    out = io.StringIO()
    assert run_extract_cli(str(path), area="某市", area_code="", year=None, fmt="csv", out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert len(lines) == 2 and ",6.3,," in lines[1]
    out = io.StringIO()
    run_extract_cli(str(path), area="某市", area_code="", year=None, fmt="json", out=out)
    data = json.loads(out.getvalue())
    assert list(data[0]) == list(COLUMNS)
    assert data[0]["obs_value_max"] is None and data[0]["publication_version"] == 1
    out = io.StringIO()
    run_extract_cli(str(path), area="某市", area_code="", year=None, fmt="ndjson", out=out)
    assert json.loads(out.getvalue().splitlines()[0])["time_period"] == "2023"


def test_cli_html(tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    html = "<html><body><div>一、2023年工作回顾</div><p>全市GDP增长6.3%。</p></body></html>"
    path.write_text(html, encoding="utf-8")
    out = io.StringIO()
    assert run_extract_cli(str(path), area="", area_code="", year=2024, fmt="json", out=out) == 0
    assert [r["obs_value"] for r in json.loads(out.getvalue())] == [6.3]


def test_cli_unreadable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    code = run_extract_cli(
        str(tmp_path / "missing.txt"), area="", area_code="", year=None, fmt="csv", out=out
    )
    assert code != 0
    assert "cannot read" in capsys.readouterr().err
