"""The data intake: formats, encodings, units, digits, and one clear line per problem."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.io import catalogue
from analysis import config
from analysis.io import readers as intake
from analysis.io.numbers import parse_value, parse_values
from analysis.errors import InputError, Problem

HEADER = "indicator_id,year,value,unit\n"


@pytest.fixture(scope="module")
def targets():
    return catalogue.load_targets()


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Run in tmp_path so files display as their bare names (obs.csv:ROW:COL: ...), messages in English."""
    monkeypatch.chdir(tmp_path)
    with intake.options(lang="en"):
        yield


def write_csv(name: str, text: str, encoding: str = "utf-8") -> Path:
    p = Path(name)
    p.write_bytes(text.encode(encoding))
    return p


def write_xlsx(name: str, rows: list[list], sheet: str | None = None, first_sheet: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if first_sheet is not None:  # a decoy first sheet; the data go into `sheet`
        ws.title = first_sheet
        ws.append(["not", "the", "data"])
        ws = wb.create_sheet(sheet or "data")
    elif sheet:
        ws.title = sheet
    for r in rows:
        ws.append(r)
    p = Path(name)
    wb.save(p)
    return p


def sha256(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def lines(exc: pytest.ExceptionInfo) -> list[str]:
    return [str(p) for p in exc.value.problems]


# --------------------------------------------------------------------------------------
# numbers
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("12", 12.0), (" 12.5 ", 12.5), ("-3", -3.0), ("1,234.5", 1234.5), ("１，２３４．５", 1234.5),
    ("１２３", 123.0), ("1,234,567", 1234567.0), ("\u3000７\u3000", 7.0), (3, 3.0), (2.5, 2.5), ("1e3", 1000.0),
])
def test_parse_number_accepts(text, expected):
    assert intake.parse_number(text) == expected


@pytest.mark.parametrize("text", ["约12", "12-15", "1.2.3", "n/a", "", "12,34", "1,2345", "-", "1e400",
                                  "inf", "nan", None, float("nan"), True, "1 234", "1_000",
                                  # compatibility forms NFKC would turn into digits: 6① is not 61
                                  "6①", "13000²", "6⒈", "½", "²3", "1⑵"])
def test_parse_number_rejects(text):
    assert intake.parse_number(text) is None


@pytest.mark.parametrize("text, number, unit", [
    ("1.2亿元", 1.2, "亿元"), ("3,500万元", 3500.0, "万元"), ("３５００万元", 3500.0, "万元"),
    ("35%", 35.0, "%"), ("35％", 35.0, "%"), ("12", 12.0, ""), ("8家", 8.0, "家"), ("120000元", 120000.0, "元"),
    ("12万人", 12.0, "万人"), ("3.5万件", 3.5, "万件"), ("1.2万亿元", 1.2, "万亿元"),   # ten thousands (stop 38)
])
def test_parse_value_with_unit_in_cell(text, number, unit):
    assert intake.parse_value(text) == (number, unit)


@pytest.mark.parametrize("text", ["约12", "亿元", "1.2亿", "12万", "12 15万元", "6①家", "1.2亿元²"])
def test_parse_value_rejects(text):
    assert intake.parse_value(text) == (None, "")


@pytest.mark.parametrize("given, target, factor", [
    ("万元", "亿元", 1e-4), ("元", "亿元", 1e-8), ("亿元", "万元", 1e4), ("", "家", 1), ("％", "%", 1),
    ("百分比", "%", 1), ("件", "件/万人", 1), ("千元", "万元", 0.1), ("百万元", "亿元", 0.01),
    ("人", "名", 1), ("名", "人", 1),   # both count people (stop 32); 个 for 家 or 人 is still refused
    ("万亿元", "亿元", 1e4), ("亿元", "万亿元", 1e-4), ("万件", "件", 1e4), ("万家", "家", 1e4), ("万人", "人", 1e4),
    ("万名", "人", 1e4), ("万户", "家", 1e4), ("家", "万家", 1e-4), ("人", "万名", 1e-4),   # ten thousands (stop 38)
])
def test_unit_factor(given, target, factor):
    assert float(intake.unit_factor(given, target)) == pytest.approx(factor)


@pytest.mark.parametrize("given, target", [("个", "家"), ("个", "人"), ("户", "人"), ("万人", "亿元"), ("%", "家"),
                                           ("元", "%"), ("万家", "件"), ("万人", "件/万人"), ("万个", "家"),
                                           ("万家", "万家家"), ("件", "万家"), ("万件", "件/万人")])
def test_unit_factor_refuses(given, target):
    assert intake.unit_factor(given, target) is None


# --------------------------------------------------------------------------------------
# formats and encodings
# --------------------------------------------------------------------------------------

GOOD = ("indicator_id,year,value,unit,region,note\n"
        "tech_brokers,2018,2,人,平川区,经纪人\n"
        "tech_brokers,2019,3,,平川区,\n"
        "tech_contract_turnover,2019,0.8,亿元,平川区,技术合同\n")


def _check_good(df: pd.DataFrame) -> None:
    assert list(df.columns) == list(intake.OBS_COLUMNS)
    assert df["year"].dtype == "int64" and df["value"].dtype == "float64"
    assert df[["indicator_id", "year", "value"]].values.tolist() == [
        ["tech_brokers", 2018, 2.0], ["tech_brokers", 2019, 3.0], ["tech_contract_turnover", 2019, 0.8]]
    assert df["unit"].tolist() == ["人", "人", "亿元"]
    assert set(df["region"]) == {"平川区"}
    assert df.loc[0, "note"] == "经纪人"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_encodings(targets, encoding):
    p = write_csv("obs.csv", GOOD, encoding)
    _check_good(intake.read_observations(p, targets))


def test_gb18030_only_characters(targets):
    text = GOOD.replace("经纪人", "㐀经纪人")  # 㐀 is in GB18030 but not in GBK
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    df = intake.read_observations(write_csv("obs.csv", text, "gb18030"), targets)
    assert df.loc[0, "note"] == "㐀经纪人"


def _rows(text: str) -> list[list]:
    return [line.split(",") for line in text.strip().splitlines()]


def test_xlsx_first_sheet(targets):
    _check_good(intake.read_observations(write_xlsx("obs.xlsx", _rows(GOOD)), targets))


@pytest.mark.parametrize("sheet", ["填报", "data"])
def test_xlsx_named_sheet_wins_over_first(targets, sheet):
    p = write_xlsx("obs.xlsx", _rows(GOOD), sheet=sheet, first_sheet="封面")
    _check_good(intake.read_observations(p, targets))


def test_xlsx_numeric_cells(targets):
    p = write_xlsx("obs.xlsx", [["indicator_id", "year", "value"], ["tech_brokers", 2018, 2],
                                ["tech_contract_turnover", 2019.0, 0.35]])
    df = intake.read_observations(p, targets)
    assert df["year"].tolist() == [2018, 2019] and df["value"].tolist() == [2.0, 0.35]


CHINESE = ("指标代码,年份,数值,单位,地区,行业,来源,备注\n"
           "tech_brokers,2018,2,人,平川区,,台账,\n"
           "tech_brokers,2019,3,,平川区,,台账,\n"
           "tech_contract_turnover,2019,0.8,亿元,平川区,ceramics,年鉴,\n")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_chinese_headers(targets, fmt):
    p = write_csv("obs.csv", CHINESE, "gbk") if fmt == "csv" else write_xlsx("obs.xlsx", _rows(CHINESE))
    df = intake.read_observations(p, targets)
    assert df["value"].tolist() == [2.0, 3.0, 0.8]
    assert df["source"].tolist() == ["台账", "台账", "年鉴"]
    assert df.loc[2, "sector"] == "ceramics"


@pytest.mark.parametrize("header", ["指标ID,年份,值", "指标id,年份,数值", "Indicator_ID,Year,VALUE"])
def test_header_aliases(targets, header):
    df = intake.read_observations(write_csv("obs.csv", f"{header}\ntech_brokers,2018,2\n"), targets)
    assert df["value"].tolist() == [2.0]


def test_an_id_in_other_letter_case_is_that_id_and_said(targets):
    text = "indicator_id,year,value\nTECH_BROKERS,2018,2\n Tech_Brokers ,2019,3\ntech_brokers,2017,1\n"
    df = intake.read_observations(write_csv("obs.csv", text), targets)
    assert set(df["indicator_id"]) == {"tech_brokers"} and sorted(df["value"]) == [1.0, 2.0, 3.0]
    lines = df.attrs["intake"].lines()
    assert "indicator id in other letter case: 'TECH_BROKERS' → tech_brokers (1 cell)" in lines
    assert "indicator id in other letter case: 'Tech_Brokers' → tech_brokers (1 cell)" in lines


def test_ids_that_differ_only_in_case_are_never_guessed_between():
    from analysis.io.contract import NameIndex

    index = NameIndex.from_ids(["a_b", "A_B", "c"])
    assert index.resolve("C") == ("c", "id_case") and index.resolve("a_b") == ("a_b", "id")
    assert index.resolve("A_b") == (None, "")


def test_extra_columns_ignored(targets):
    text = "region,indicator_id,name_zh,unit,year,value,whatever\n平川区,tech_brokers,技术经纪人,人,2018,2,x\n"
    df = intake.read_observations(write_csv("obs.csv", text), targets)
    assert list(df.columns) == list(intake.OBS_COLUMNS) and len(df) == 1


def test_tab_separated(targets):
    df = intake.read_observations(write_csv("obs.csv", "indicator_id\tyear\tvalue\ntech_brokers\t2018\t2\n"),
                                  targets)
    assert df["value"].tolist() == [2.0]


# --------------------------------------------------------------------------------------
# units, digits, regions, empties
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, unit, expected", [
    ("3500", "万元", 0.35), ("120000000", "元", 1.2), ("1.2亿元", "", 1.2), ('"3,500万元"', "", 0.35),
    ("1.35", "亿元", 1.35), ("1350", "千元", 0.0135), ("135", "百万元", 1.35), ('"１，２００"', "万元", 0.12),
    ("1.2亿元", "亿元", 1.2),
])
def test_money_conversion(targets, value, unit, expected):
    p = write_csv("obs.csv", f"{HEADER}tech_contract_turnover,2019,{value},{unit}\n")
    df = intake.read_observations(p, targets)
    assert df["value"].tolist() == [pytest.approx(expected)]
    assert df["unit"].tolist() == ["亿元"]


def test_money_conversion_is_exact(targets):
    df = intake.read_observations(write_csv("obs.csv", f"{HEADER}tech_contract_turnover,2019,3500,万元\n"), targets)
    assert df["value"].iloc[0] == 0.35


@pytest.mark.parametrize("ident, value, unit, expected", [
    ("invention_patents_per_10k", "1.1", "件", 1.1), ("invention_patents_per_10k", "1.1", "件/万人", 1.1),
    ("strategic_emerging_share", "0.5", "％", 0.5), ("strategic_emerging_share", "0.5", "百分比", 0.5),
    ("strategic_emerging_share", "0.5%", "", 0.5), ("high_tech_enterprises", "１８", "家", 18.0),
    ("high_tech_enterprises", "18家", "", 18.0), ("tech_brokers", "3", "", 3.0),
    ("high_tech_enterprises", "0.0018", "万家", 18.0), ("tech_brokers", "0.0003万人", "", 3.0),   # stop 38
    ("tech_contract_turnover", "0.0002", "万亿元", 2.0),
])
def test_other_units(targets, ident, value, unit, expected):
    df = intake.read_observations(write_csv("obs.csv", f"{HEADER}{ident},2019,{value},{unit}\n"), targets)
    assert df["value"].tolist() == [pytest.approx(expected)]


@pytest.mark.parametrize("cell, number", [("6①", 6.0), ("13000²", 13000.0), ("6⒈", 6.0), ("39⑵", 39.0),
                                          ("7*", 7.0), ("7 ※", 7.0), ("7（注1）", 7.0), ("8家①", 8.0)])
def test_a_footnote_mark_after_a_number_is_dropped_and_said_at_its_cell(targets, cell, number):
    """NFKC would read 6① as 61 and 13000² as 130002: the mark is dropped, never read as a digit,
    and a warning names the cell and the number read."""
    p = write_xlsx("m.xlsx", [["指标代码", "年份", "数值"], ["high_tech_enterprises", 2019, cell]])
    df = intake.read_observations(p, targets)
    assert df["value"].tolist() == [number]
    info = df.attrs["intake"]
    marks = [w for w in info.warnings if "footnote mark" in w.message]
    assert [(w.row, w.column) for w in marks] == [(2, "C")]
    assert f"read as {number:g} without it" in marks[0].message
    assert any(k == "intake.conv_note_mark" for k, _ in info.conversions)


def test_full_width_and_thousands(targets):
    text = HEADER + 'tech_brokers,２０１８,"1,234",\ntech_brokers,2019年,"１，２３４．５",\n'
    df = intake.read_observations(write_csv("obs.csv", text), targets)
    assert df["year"].tolist() == [2018, 2019] and df["value"].tolist() == [1234.0, 1234.5]


def test_multiple_regions(targets):
    text = ("region,indicator_id,year,value\n白银区,tech_brokers,2018,1\n平川区,tech_brokers,2018,2\n"
            "平川区,tech_brokers,2019,3\n")
    df = intake.read_observations(write_csv("obs.csv", text), targets)
    assert df[["region", "year", "value"]].values.tolist() == [
        ["平川区", 2018, 2.0], ["平川区", 2019, 3.0], ["白银区", 2018, 1.0]]


def test_blank_region_among_other_regions_is_an_error(targets):
    """Other districts in the file: a blank region is not silently 平川区."""
    text = "region,indicator_id,year,value\n白银区,tech_brokers,2018,1\n,tech_brokers,2020,4\n"
    with pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", text), targets)
    assert lines(exc) == ["obs.csv:3:A: missing region (other rows name a region, so no default is assumed)"]
    # a region left blank on many rows: one line, with the other rows (it was a line a row)
    with pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", "region,indicator_id,year,value\n"
                                           + "".join(f",tech_brokers,{y},3\n" for y in (2015, 2016, 2017, 2019))
                                           + "白银区,tech_brokers,2018,2\n"), targets)
    assert lines(exc) == ["obs.csv:2:A: missing region (other rows name a region, so no default is assumed); "
                          "3 more rows lack it too (rows 3-5)"]


def test_key_columns_written_once_per_group_are_filled_down_and_said(targets):
    """地区 on the first row of each region's rows and 指标 on the first row of each indicator's
    years (with its unit, 万元 once): the empty cells below mean "as above", and the summary says so."""
    text = ("地区,指标,年份,数值,单位\n平川区,全区技术市场合同交易额,2018,10400,万元\n,,2019,13000,\n"
            ",技术经纪人,2018,2,人\n,,2019,4,\n白银区,技术经纪人,2018,3,人\n,,2019,5,\n")
    df = intake.read_observations(write_csv("obs.csv", text), targets, lang="en")
    assert df[["region", "indicator_id", "year", "value"]].values.tolist() == [
        ["平川区", "tech_brokers", 2018, 2.0], ["平川区", "tech_brokers", 2019, 4.0],
        ["平川区", "tech_contract_turnover", 2018, 1.04], ["平川区", "tech_contract_turnover", 2019, 1.3],
        ["白银区", "tech_brokers", 2018, 3.0], ["白银区", "tech_brokers", 2019, 5.0]]
    lines_ = df.attrs["intake"].lines()
    assert "column A '地区' is filled on the first row of each group: an empty cell takes the value above it " \
           "(4 cells)" in lines_
    assert any(line.startswith("column B '指标' is filled on the first row") and line.endswith("(3 cells)")
               for line in lines_)
    assert any(line.startswith("column E '单位' is filled on the first row") and line.endswith("(3 cells)")
               for line in lines_)
    # a name repeated on some rows and left out on others is not a group: the empty cell is an error
    text = "地区,指标代码,年份,数值\n白银区,tech_brokers,2017,1\n白银区,tech_brokers,2018,1\n,tech_brokers,2019,4\n" \
           ",tech_brokers,2020,4\n"
    with pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", text), targets, lang="en")
    assert [p.row for p in exc.value.problems] == [4]                   # one line, naming the other row (stop 43)
    assert exc.value.problems[0].message.endswith("; one more row lacks it too (row 5)")


def test_a_year_cell_labelled_as_bureaus_do_is_that_year_and_said(targets):
    """2019年（快报）, 2019年报 in a long table's year column are 2019 (as in a wide table's header);
    part of a year (2019年1-6月) and estimates are not."""
    text = "指标名称,年份,数值\n高新技术企业,2018年报,5\n高新技术企业,2019年（快报）,6\n"
    df = intake.read_observations(write_csv("obs.csv", text), targets, lang="zh")
    assert dict(zip(df["year"], df["value"])) == {2018: 5.0, 2019: 6.0}
    assert "年份 '2019年（快报）' 按 2019 年读取（1 处）" in df.attrs["intake"].lines()
    with pytest.raises(InputError, match="not a year"):
        intake.read_observations(write_csv("obs.csv", "指标名称,年份,数值\n高新技术企业,2019年预计,6\n"), targets,
                                 lang="en")
    # part of a year (2019年1-6月, 2021年上半年) is not the year's value: not read, said (as a column so headed)
    for part in ("2019年1-6月", "2021年上半年", "2021年6月末"):
        df = intake.read_observations(write_csv("obs.csv", f"指标名称,年份,数值\n高新技术企业,2018,5\n"
                                                           f"高新技术企业,{part},6\n"), targets, lang="en")
        assert df["year"].tolist() == [2018]
        assert [(w.row, w.column) for w in df.attrs["intake"].warnings if "part of a year" in w.message] == [(3, "B")]


@pytest.mark.parametrize("rows, where, dropped", [
    # the note of a long row (a template row for 2021 noted 1-6月快报)
    ([["高新技术企业", 2020, 9, ""], ["高新技术企业", 2021, 5, "1-6月快报"]], (3, "D"), {2021}),
    # a note naming no part of the year: read
    ([["高新技术企业", 2020, 9, ""], ["高新技术企业", 2021, 11, "快报"]], None, set()),
    # 1-12月 is the whole year
    ([["高新技术企业", 2020, 9, ""], ["高新技术企业", 2021, 11, "1-12月"]], None, set()),
])
def test_a_note_saying_part_of_a_year_leaves_the_value_out(targets, rows, where, dropped):
    path = write_xlsx("obs.xlsx", [["指标名称", "年份", "数值", "备注"], *rows])
    df = intake.read_observations(path, targets)
    assert set(df["year"]) == {r[1] for r in rows} - dropped
    said = [(w.row, w.column) for w in df.attrs["intake"].warnings if "part of the year" in w.message]
    assert said == ([where] if where else [])


@pytest.mark.parametrize("note, part", [
    ("1-6月快报", True), ("2021年为１－６月数", True), ("截止6月底", True), ("2021年为1月至6月累计数", True),
    ("半年数", True), ("二季度末数", True), ("上半年快报", True),
    ("含上半年新认定3家", False), ("较1-6月增加5家", False), ("1-12月", False), ("2021年6月新认定2家", False),
    ("快报", False),
])
def test_which_notes_say_part_of_a_year(note, part):
    """Part of a year said of the value (1-6月快报), not of its make-up (含上半年新认定3家)."""
    from analysis.io.readers.checks import says_part_year

    assert says_part_year(note) is part


def test_a_title_or_note_row_saying_a_year_is_part_of_it_leaves_that_year_out(targets):
    """（2021年上半年） in the title, 注：2021年1-6月为快报数 below: the 2021 column is half a year's."""
    rows = [["平川区科技指标完成情况（2021年上半年）", None, None, None],
            ["指标名称", "2019年", "2020年", "2021年"],
            ["高新技术企业", 6, 9, 9], ["科技型企业", 39, 42, 30],
            ["注：2021年1-6月为快报数。", None, None, None]]
    df = intake.read_observations(write_xlsx("obs.xlsx", rows), targets)
    assert sorted(set(df["year"])) == [2019, 2020]
    said = [w for w in df.attrs["intake"].warnings if "part of the year" in w.message]
    assert [(w.row, w.column) for w in said] == [(1, "A")] and "the 2 values of 2021" in said[0].message
    # without the statement, 2021 is read
    df = intake.read_observations(write_xlsx("obs.xlsx", [["指标名称", "2019年", "2020年", "2021年"], *rows[2:4]]),
                                  targets)
    assert 2021 in set(df["year"])


@pytest.mark.parametrize("layout", ["wide", "long"])
def test_a_final_figure_replaces_the_preliminary_one_of_the_same_year(targets, layout):
    """快报 and 年报 for 2020 (two columns, or two rows noted so): the 年报 is read and the 快报 said."""
    if layout == "wide":
        rows = [["指标名称", "2019年", "2020年（快报）", "2020年（年报）"], ["高新技术企业", 6, 8, 9],
                ["科技型企业", 39, 41, 42]]
    else:
        rows = [["指标名称", "年份", "数值", "备注"], ["高新技术企业", 2020, 8, "快报"], ["高新技术企业", 2019, 6, "年报"],
                ["高新技术企业", 2020, 9, "年报（更正快报数）"]]
    df = intake.read_observations(write_xlsx("obs.xlsx", rows), targets)
    got = df.set_index(["indicator_id", "year"])["value"]
    assert got[("high_tech_enterprises", 2020)] == 9 and got[("high_tech_enterprises", 2019)] == 6
    said = [w.message for w in df.attrs["intake"].warnings if "given twice" in w.message]
    assert len(said) == 1 and ("the 2 values of '2020年（快报）'" if layout == "wide" else "'快报'") in said[0]
    # a column marked final beside a plain one of its year: the final one is read (and 初步数 / 正式数 are years)
    for heads in (["2020年", "2020年年报"], ["2020年初步数", "2020年正式数"]):
        df = intake.read_observations(write_xlsx("obs.xlsx", [["指标名称", *heads], ["高新技术企业", 8, 9]]), targets)
        assert df["value"].tolist() == [9.0]
    # a 快报 note still awaiting the 年报 is not final (快报数，待年报更正 beside 年报数)
    rows = [["指标名称", "年份", "数值", "备注"], ["高新技术企业", 2020, 8, "快报数，待年报更正"],
            ["高新技术企业", 2020, 9, "年报数"]]
    assert intake.read_observations(write_xlsx("obs.xlsx", rows), targets)["value"].tolist() == [9.0]
    # two unmarked columns of one year stay an error, said against the other column of the same row
    with pytest.raises(InputError, match=r"obs.xlsx\[Sheet\]:2:C: read as the same year as column B of this row"):
        intake.read_observations(write_xlsx("obs.xlsx", [["指标名称", "2020年", "2020年"], ["高新技术企业", 8, 9]]),
                                 targets)


def test_data_status_column_is_read_like_a_note(targets):
    path = write_csv("obs.csv", "指标名称,年份,数值,数据状态\n高新技术企业,2018,5,年报\n高新技术企业,2019,6,预计\n"
                                "高新技术企业,2020,7,预估数\n高新技术企业,2021,8,计划\n")
    df = intake.read_observations(path, targets)
    assert df["year"].tolist() == [2018]
    assert any("estimate" in w.message for w in df.attrs["intake"].warnings)


def test_apostrophe_numbers_per_mille_and_float_noise(targets):
    """'39 (Excel's text mark) is 39, said; 6.4‰ is 0.64%; 4.000000000000001 enterprises is no fraction."""
    text = ("指标名称,单位,2018,2019\n科技型企业,家,'34,＇39\n战略性新兴产业增加值占生产总值比重,‰,6.1,6.4\n"
            "高新技术企业,家,4.000000000000001,5\n")
    df = intake.read_observations(write_csv("obs.csv", text), targets)
    got = df.set_index(["indicator_id", "year"])["value"]
    assert got[("tech_based_enterprises", 2019)] == 39 and got[("strategic_emerging_share", 2019)] == 0.64
    lines = df.attrs["intake"].lines()
    assert any("apostrophe" in ln and "(2 cells)" in ln for ln in lines) and any("‰ → %" in ln for ln in lines)
    assert not [w for w in df.attrs["intake"].warnings if "whole number" in w.message]


def test_sub_item_rows_are_said_not_read(targets):
    """其中：当年新认定高新技术企业 under 高新技术企业 is a part of it, not an indicator: said and left out,
    without --skip-unknown; a 其中 row naming a catalogue indicator is read."""
    rows = [["指标名称", "2018年", "2019年"], ["科技型企业", 34, 39], ["其中：高新技术企业", 5, 6],
            ["其中：当年新认定高新技术企业", 1, 2]]
    df = intake.read_observations(write_xlsx("obs.xlsx", rows), targets)
    assert sorted(set(df["indicator_id"])) == ["high_tech_enterprises", "tech_based_enterprises"]
    said = [(w.row, w.column) for w in df.attrs["intake"].warnings if "sub-item" in w.message]
    assert said == [(4, "A")]


@pytest.mark.parametrize("title", ["平川区2020年1-12月科技指标完成情况", "平川区科技指标（截至2020年12月31日）"])
def test_a_one_year_table_titled_with_the_whole_year_written_out(targets, title):
    rows = [[title, None, None], ["指标名称", "计量单位", "本年实际"], ["高新技术企业", "家", 9],
            ["科技型企业", "家", 42]]
    df = intake.read_observations(write_xlsx("obs.xlsx", rows), targets)
    assert set(df["year"]) == {2020} and len(df) == 2


def test_region_names_spaced_to_align_are_read_without_the_spaces(targets):
    df = intake.read_observations(write_csv("obs.csv", "地区,指标名称,年份,数值\n平 川 区,高新技术企业,2020,9\n"), targets)
    assert df["region"].tolist() == ["平川区"]
    assert any("'平 川 区'" in ln and "spaces" in ln for ln in df.attrs["intake"].lines())


@pytest.mark.parametrize("header", ["District", "所属区县", "区划名称", "County", "行政单位"])
def test_a_column_of_district_names_is_the_region_whatever_its_header(targets, header):
    """Baiyin District's rows under a header the reader did not know were all 平川区's (the default)."""
    text = f"{header},指标名称,年份,数值\n白银区,高新技术企业,2019,101\n白银区,科技型企业,2019,150\n"
    df = intake.read_observations(write_csv("obs.csv", text), targets)
    assert set(df["region"]) == {"白银区"} and not any("no region given" in ln for ln in df.attrs["intake"].lines())
    if header == "行政单位":  # a header no alias covers: read by its cells, and said
        assert "column A '行政单位' holds region names: read as the region (2 cells)" in df.attrs["intake"].lines()


@pytest.mark.parametrize("note", ["规划目标", "目标任务", "规划值", "任务数", "2020年规划目标"])
def test_a_value_whose_note_calls_it_the_plans_figure_is_not_read(targets, note):
    text = f"指标名称,年份,数值,备注\n高新技术企业,2019,6,\n高新技术企业,2020,18,{note}\n"
    df = intake.read_observations(write_csv("obs.csv", text), targets)
    assert df["year"].tolist() == [2019]


def test_a_year_cell_holding_a_year_and_month_says_so(targets):
    text = "指标名称,报告期,数值\n高新技术企业,201812,5\n"
    with intake.options(lang="zh"), pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", text), targets)
    assert lines(exc) == ["obs.csv:2:B: 不是年份：'201812'（像是年月 2018年12月：年份列请只填年份，如 2018；非全年的数不要填入）"]


def test_a_year_header_in_chinese_numerals_typed_with_a_digit_zero(targets):
    text = "指标名称,二0一八年,二〇一九年\n高新技术企业,5,6\n"
    df = intake.read_observations(write_csv("obs.csv", text), targets)
    assert sorted(df["year"]) == [2018, 2019]


def test_a_month_column_before_december_is_an_error_and_december_alone_is_read(targets):
    """2019 rows at month 9 were read as the year's values, said only as a column not read."""
    text = "指标名称,年份,月份,数值\n高新技术企业,2018,12,5\n高新技术企业,2019,9,6\n"
    with intake.options(lang="zh"), pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", text), targets)
    assert lines(exc) == ["obs.csv:3:C: 列 '月份' 表明这些是月度数（本行为 9 月），不是全年值；本程序只读全年数："
                          "请只保留 12 月（全年）的数，并删去该列"]
    df = intake.read_observations(write_csv("obs.csv", text.replace(",9,", ",12,")), targets)
    assert df["value"].tolist() == [5.0, 6.0]


def test_a_skipped_name_close_to_a_plan_indicator_is_said(targets):
    """--skip-unknown dropped 国家级高新技术企业 as "not in the catalogue" while the error without it had
    suggested high_tech_enterprises: its values went unassessed with no word."""
    text = "指标名称,年份,数值\n国家级高新技术企业,2019,6\n规模以上工业增加值,2019,30\n"
    df = intake.read_observations(write_csv("obs.csv", text), targets, skip_unknown=True, lang="zh")
    said = [w for w in df.attrs["intake"].warnings if "与目录中的" in w.message]
    assert [(w.row, w.column) for w in said] == [(2, "A")]
    assert "跳过的指标 '国家级高新技术企业' 与目录中的 high_tech_enterprises（高新技术企业）" in said[0].message


def test_a_skipped_name_is_not_said_to_resemble_one_by_chance(targets):
    """The communiqué's series against the plan's catalogue: afforestation was said to resemble 院士工作站
    (academician_workstations), urbanization_rate 星创天地 (star_innovation_spaces), 11 such warnings at
    difflib's 0.5; a near miss (invention_patents_granted) is still said."""
    text = ("indicator_id,year,value\nafforestation,2019,707\nurbanization_rate,2019,60.6\nhealth_workers,2019,1292\n"
            "invention_patents_granted,2019,45.3\n")
    df = intake.read_observations(write_csv("obs.csv", text), targets, skip_unknown=True, lang="en")
    said = [w for w in df.attrs["intake"].warnings if "invention_patents" in w.message or "resembl" in w.message
            or "similar" in w.message or "close" in w.message]
    assert [w.row for w in said] == [5], [w.message for w in said]


@pytest.mark.parametrize("unit, value, expected", [
    ("（万元）", "13000", 1.3), ("万元人民币", "13000", 1.3), ("人民币万元", "13000", 1.3), ("(亿元)", "1.3", 1.3),
])
def test_units_as_offices_write_them_are_read(targets, unit, value, expected):
    """（万元） in brackets and 万元人民币 were refused as units that cannot be converted."""
    df = intake.read_observations(write_csv("obs.csv", f"{HEADER}tech_contract_turnover,2019,{value},{unit}\n"), targets)
    assert df["value"].tolist() == [pytest.approx(expected)]


def test_patents_per_ten_thousand_people_written_with_kou_is_the_catalogue_unit(targets):
    df = intake.read_observations(write_csv("obs.csv", f"{HEADER}invention_patents_per_10k,2019,1.05,件/万人口\n"),
                                  targets)
    assert df["value"].tolist() == [1.05] and df["unit"].tolist() == ["件/万人"]


def test_year_cells_written_as_dates_or_their_serial_numbers(targets):
    text = "指标名称,年份,数值\n高新技术企业,2018/12/31,5\n高新技术企业,2019.12.31,6\n科技型企业,43465,34\n"
    with intake.options(lang="zh"), pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", text), targets)
    assert lines(exc) == ["obs.csv:4:B: 不是年份：'43465'（像是日期 2018-12-31 的 Excel 序列号：请在年份列直接填写年份，如 2018）"]
    df = intake.read_observations(write_csv("obs.csv", text.rsplit("科技型企业", 1)[0]), targets)
    assert df["year"].tolist() == [2018, 2019]


def test_district_names_after_their_division_code_are_read_as_the_district(targets):
    text = "地区,指标名称,年份,数值\n620403平川区,高新技术企业,2019,6\n620421 靖远县,高新技术企业,2019,4\n"
    df = intake.read_observations(write_csv("obs.csv", text), targets)
    assert sorted(df["region"]) == ["平川区", "靖远县"]
    assert "region '620403平川区' read as '平川区' (the division code before the name left out) (1 cell)" \
        in df.attrs["intake"].lines()


def test_a_one_year_table_with_short_district_names_as_columns(targets):
    """全市 | 白银 | 平川 | 靖远 under a 2019 title: read by district (平川 -> 平川区; 白银 beside the
    districts' short names is 白银区, said), 全市 left out."""
    rows = [["2019年白银市各县区科技指标", None, None, None, None], ["指标名称", "全市", "白银", "平川", "靖远"],
            ["高新技术企业", 20, 8, 6, 4], ["科技型企业", 110, 45, 39, 20]]
    df = intake.read_observations(write_xlsx("obs.xlsx", rows), targets)
    assert sorted(set(df["region"])) == ["平川区", "白银区", "靖远县"] and set(df["year"]) == {2019}
    assert any("region '白银' read as '白银区' (written short beside" in ln for ln in df.attrs["intake"].lines())
    assert df.set_index(["region", "indicator_id"]).loc[("平川区", "tech_based_enterprises"), "value"] == 39


def test_two_tables_side_by_side_are_said_so(targets):
    rows = [["指标名称", "2018年", "2019年", "指标名称", "2018年", "2019年"],
            ["高新技术企业", 5, 6, "科技型企业", 34, 39]]
    with pytest.raises(InputError, match="from column D on it looks like a second table"):
        intake.read_observations(write_xlsx("obs.xlsx", rows), targets)


def test_blank_region_when_only_the_default_is_named(targets):
    text = "region,indicator_id,year,value\n平川区,tech_brokers,2018,1\n,tech_brokers,2020,4\n"
    df = intake.read_observations(write_csv("obs.csv", text), targets)
    assert df["region"].tolist() == ["平川区", "平川区"]


def test_default_region(targets):
    df = intake.read_observations(write_csv("obs.csv", f"{HEADER}tech_brokers,2018,1,\n"), targets,
                                  default_region="白银区")
    assert df["region"].tolist() == ["白银区"]


def test_empty_value_means_not_reported(targets):
    text = HEADER + "tech_brokers,2018,,\ntech_brokers,2019,3,\nhigh_tech_enterprises,2019,—,\n"
    df = intake.read_observations(write_csv("obs.csv", text), targets)
    assert df["year"].tolist() == [2019]
    info = df.attrs["intake"]
    assert (info.values_read, info.blank, info.rejected) == (1, 2, 0)


def test_rows_with_blank_values_are_still_checked(targets):
    """An unknown indicator or a bad year is an error even when its value is blank."""
    text = HEADER + "tech_brokers,2019,3,\npatents,abc,,\n"
    with pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", text), targets)
    assert lines(exc) == [
        "obs.csv:3:A: unknown indicator 'patents' (not an id, name or alias in the target catalogue)",
        "obs.csv:3:B: not a year: 'abc'"]


def test_header_only_is_zero_observations(targets):
    df = intake.read_observations(write_csv("obs.csv", HEADER), targets)
    assert df.empty and list(df.columns) == list(intake.OBS_COLUMNS)
    assert df["year"].dtype == "int64" and df["value"].dtype == "float64"


def test_sorted_output(targets):
    text = HEADER + "tech_brokers,2019,3,\ntech_brokers,2018,2,\nhigh_tech_enterprises,2019,9,\n"
    df = intake.read_observations(write_csv("obs.csv", text), targets)
    assert df[["indicator_id", "year"]].values.tolist() == [
        ["high_tech_enterprises", 2019], ["tech_brokers", 2018], ["tech_brokers", 2019]]


def test_any_catalogue_works(tmp_path):
    cat = write_csv("cat.csv", "id,name_zh,value,unit,comparator,deadline\n"
                               "rd_intensity,研发强度,2.5,%,>=,2025\nfirms,企业,10,家,>=,\n")
    df = intake.read_observations(write_csv("obs.csv", f"{HEADER}rd_intensity,2024,1.8,％\nfirms,2024,4,\n"),
                                  cat)
    assert df["indicator_id"].tolist() == ["firms", "rd_intensity"]
    with pytest.raises(InputError, match=r"obs2\.csv:2:A: unknown indicator 'tech_brokers'"):
        intake.read_observations(write_csv("obs2.csv", f"{HEADER}tech_brokers,2024,1,\n"), cat)


# --------------------------------------------------------------------------------------
# bad input: one exact line each
# --------------------------------------------------------------------------------------

BAD = [
    ("patents,2019,3,", "obs.csv:2:A: unknown indicator 'patents' (not an id, name or alias in the target catalogue)"),
    (",2019,3,", "obs.csv:2:A: missing indicator (the cell is empty)"),
    ("tech_brokers,2019,约12,", "obs.csv:2:C: not a number: '约12'; write the exact number (put words such as 约, 以上, 左右 in the note column)"),
    ("tech_brokers,2019,12-15,", "obs.csv:2:C: not a number: '12-15'; the cell must hold one number, not a range: write the actual value"),
    ("tech_brokers,2019,1.2.3,", "obs.csv:2:C: not a number: '1.2.3'"),
    ("tech_brokers,2019,n/a,", "obs.csv:2:C: not a number: 'n/a'; leave it empty or write '—' when not reported (0 when it is zero)"),
    ("tech_brokers,1999,3,", "obs.csv:2:B: 1999 is outside 2000-2035 (the years monitoring data are read for; to replay an older plan use python -m analysis backtest --targets)"),
    ("tech_brokers,1899,3,", "obs.csv:2:B: 1899 is outside 2000-2035"),
    ("tech_brokers,2036,3,", "obs.csv:2:B: 2036 is outside 2000-2035"),
    ("tech_brokers,2018.5,3,", "obs.csv:2:B: not a year: '2018.5'"),
    ("tech_brokers,二〇一八,3,", "obs.csv:2:B: not a year: '二〇一八'"),
    ("tech_brokers,,3,", "obs.csv:2:B: missing year (the cell is empty)"),
    ("high_tech_enterprises,2019,-3,",
     "obs.csv:2:C: negative value -3: high_tech_enterprises is a count and cannot be negative"),
    ("tech_contract_turnover,2019,-0.5,",
     "obs.csv:2:C: negative value -0.5: tech_contract_turnover is a level and cannot be negative"),
    ("invention_patents_per_10k,2019,-1,",
     "obs.csv:2:C: negative value -1: invention_patents_per_10k is a ratio and cannot be negative"),
    ("tech_incubators,2019,-1,",
     "obs.csv:2:C: negative value -1: tech_incubators is a milestone and cannot be negative"),
    ("strategic_emerging_share,2019,150,%",
     "obs.csv:2:C: 150 is outside 0-100 (strategic_emerging_share is a share in %)"),
    ("strategic_emerging_share,2019,-1,",
     "obs.csv:2:C: -1 is outside 0-100 (strategic_emerging_share is a share in %)"),
    ("tech_contract_turnover,2019,5,万人",
     "obs.csv:2:D: unit '万人' cannot be converted to 亿元 (the catalogue unit of tech_contract_turnover)"),
    ("high_tech_enterprises,2019,5,个",
     "obs.csv:2:D: unit '个' cannot be converted to 家 (the catalogue unit of high_tech_enterprises); if 个 means 家 here, write 家"),
    ("strategic_emerging_share,2019,5,亿元",
     "obs.csv:2:D: unit '亿元' cannot be converted to % (the catalogue unit of strategic_emerging_share)"),
    ("high_tech_enterprises,2019,1.2亿元,",
     "obs.csv:2:C: unit '亿元' cannot be converted to 家 (the catalogue unit of high_tech_enterprises)"),
    ("tech_contract_turnover,2019,1.2亿元,万元",
     "obs.csv:2:C: the unit in the cell (亿元) differs from the unit column (万元): which is meant is not guessed; "
     "change the unit column to 亿元, or write only the number here (read in the unit column's 万元)"),
]


@pytest.mark.parametrize("row, expected", BAD, ids=[b[1].split(": ", 1)[1][:40] for b in BAD])
def test_bad_cell_gives_exact_line(targets, row, expected):
    p = write_csv("obs.csv", HEADER + row + "\n")
    with pytest.raises(InputError, match=re.escape(expected)) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == [expected]


#: The same mistakes in Chinese (the default): the indicator by its catalogue name, with its id after
#: it, and the kind of indicator in Chinese words, never "high_tech_enterprises 为 count 类指标".
BAD_ZH = [
    ("high_tech_enterprises,2019,-3,", "obs.csv:2:C: 负数 -3：高新技术企业（high_tech_enterprises）为计数类指标，不能为负"),
    ("tech_contract_turnover,2019,-0.5,",
     "obs.csv:2:C: 负数 -0.5：全区技术市场合同交易额（tech_contract_turnover）为总量类指标，不能为负"),
    ("strategic_emerging_share,2019,150,%",
     "obs.csv:2:C: 150 不在 0-100 之间：战略性新兴产业增加值占生产总值比重（strategic_emerging_share）是百分比指标"),
    ("high_tech_enterprises,2019,5,个",
     "obs.csv:2:D: 高新技术企业（high_tech_enterprises）：单位“个”无法换算为目标目录中的单位“家”；如“个”在此就是“家”，请把单位改为“家”"),
    ("tech_contract_turnover,2019,13000,",
     "obs.csv:2:C: 13000 未注明单位，按目录单位 亿元 读是全区技术市场合同交易额（tech_contract_turnover）目标值 1.35 "
     "的一千倍以上，疑似单位错误（如万元）；请填写单位列或“金额单位”"),
    # the same number under a 亿元 the clerk did not change (their 万元 figure): refused too, it was a warning
    ("tech_contract_turnover,2019,13000,亿元",
     "obs.csv:2:C: 13000（单位 亿元）按目录单位 亿元 计是全区技术市场合同交易额（tech_contract_turnover）目标值 1.35 "
     "的一千倍以上，数值与单位不符（如把万元的数填在亿元下）；请核对数值和单位"),
]


@pytest.mark.parametrize("row, expected", BAD_ZH, ids=[f"zh-{i}" for i in range(len(BAD_ZH))])
def test_bad_cell_in_chinese_names_the_indicator_and_its_kind_in_chinese(targets, row, expected):
    p = write_csv("obs.csv", HEADER + row + "\n")
    with intake.options(lang="zh"), pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == [expected]


def test_duplicate_in_chinese_names_the_indicator(targets):
    text = HEADER + "tech_brokers,2018,2,\n技术经纪人,2018,3,\n"  # the same indicator, once by id and once by name
    with intake.options(lang="zh"), pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", text), targets)
    assert lines(exc) == ["obs.csv:3:C: 与第 2 行重复（平川区，技术经纪人（tech_brokers），2018）"
                          "：本行为 3，第 2 行为 2，同一地区、指标、年份只能有一个数；请核对后删去其中一行"]


@pytest.mark.parametrize("text, expected", [
    # long: id, name, year, value; row 3 has the id of 技术经纪人 beside the name of 高新技术企业
    ("indicator_id,指标名称,year,value\ntech_brokers,技术经纪人,2018,2\ntech_brokers,高新技术企业,2019,3\n"
     "high_tech_enterprises,我们自己的叫法,2019,5\n",
     "obs.csv:3:B: the name '高新技术企业' belongs to high_tech_enterprises, not to this row's id tech_brokers; "
     "read as tech_brokers: check the row"),
    # wide: id, name, one column per year
    ("指标代码,指标名称,2018,2019\ntech_brokers,技术经纪人,2,3\nhigh_tech_enterprises,技术经纪人,4,5\n",
     "obs.csv:3:B: the name '技术经纪人' belongs to tech_brokers, not to this row's id high_tech_enterprises; "
     "read as high_tech_enterprises: check the row"),
], ids=["long", "wide"])
def test_a_name_column_beside_the_ids_is_checked_against_them(targets, text, expected):
    """The template's 指标名称 column: the ids are read; a name that belongs to another indicator is
    a warning at its cell (an id typed against the wrong name); a name the catalogue does not know
    is left alone."""
    df = intake.read_observations(write_csv("obs.csv", text), targets)
    info = df.attrs["intake"]
    assert sorted(df["indicator_id"].unique()) == ["high_tech_enterprises", "tech_brokers"]  # read by the ids
    assert info.ignored == ["column B (指标名称: read by the id column; the names only checked against it)"]
    assert [str(w) for w in info.warnings] == [expected]


def test_duplicate(targets):
    text = HEADER + "tech_brokers,2017,1,\ntech_brokers,2018,2,\nhigh_tech_enterprises,2018,2,\ntech_brokers,2018.0,3,\n"
    with pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", text), targets)
    assert lines(exc) == ["obs.csv:5:C: duplicate of row 3 (平川区, tech_brokers, 2018)"
                          ": 3 here, 2 in row 3; one region, indicator and year can have one value only: check them and delete one row"]


def test_same_indicator_year_in_two_regions_is_not_duplicate(targets):
    text = "region,indicator_id,year,value\n平川区,tech_brokers,2018,1\n白银区,tech_brokers,2018,1\n"
    assert len(intake.read_observations(write_csv("obs.csv", text), targets)) == 2


@pytest.mark.parametrize("header, missing", [
    ("indicator_id,year\n", "value (数值)"), ("year,value\n", "indicator_id (or 指标名称)"),
    ("indicator_id,value,note\n", "year (年份)"), ("indicator_id,note\n", "year (年份), value (数值)"),
])
def test_missing_required_columns(targets, header, missing):
    with pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", header), targets)
    assert lines(exc) == [f"obs.csv:1:: this row looks like the header but lacks the required columns: {missing}"]


def test_five_problems_five_lines(targets):
    text = (HEADER
            + "tech_brokers,2018,2,\n"            # row 2 fine
            + "tech_brokers,2019,约12,\n"          # row 3 not a number
            + "tech_brokers,2018,3,\n"            # row 4 duplicate of row 2
            + "patents,2019,3,\n"                 # row 5 unknown indicator
            + "tech_brokers,1999,3,\n"            # row 6 year out of range
            + "strategic_emerging_share,2019,101,%\n")  # row 7 share > 100
    with pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", text), targets)
    assert lines(exc) == [
        "obs.csv:3:C: not a number: '约12'; write the exact number (put words such as 约, 以上, 左右 in the note column)",
        "obs.csv:4:C: duplicate of row 2 (平川区, tech_brokers, 2018): 3 here, 2 in row 2; one region, indicator and year can have one value only: check them and delete one row",
        "obs.csv:5:A: unknown indicator 'patents' (not an id, name or alias in the target catalogue)",
        "obs.csv:6:B: 1999 is outside 2000-2035 (the years monitoring data are read for; to replay an older plan use python -m analysis backtest --targets)",
        "obs.csv:7:C: 101 is outside 0-100 (strategic_emerging_share is a share in %)",
    ]


def test_missing_column_and_bad_cells_together(targets):
    text = "indicator_id,value\npatents,3\ntech_brokers,x\n"
    with pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", text), targets)
    assert lines(exc) == ["obs.csv:1:: this row looks like the header but lacks the required columns: year (年份)"]


def test_row_numbers_count_blank_lines(targets):
    text = HEADER + "tech_brokers,2018,2,\n\n,,,\ntech_brokers,2019,bad,\n"
    with pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", text), targets)
    assert lines(exc) == ["obs.csv:5:C: not a number: 'bad'"]


def test_xlsx_rows_are_excel_rows(targets):
    p = write_xlsx("obs.xlsx", [["indicator_id", "year", "value"], ["tech_brokers", 2018, 1], [],
                                ["tech_brokers", 2019, "约3"]])
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == ["obs.xlsx[Sheet]:4:C: not a number: '约3'; write the exact number (put words such as 约, 以上, 左右 in the note column)"]


def test_column_given_twice(targets):
    with pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", "indicator_id,year,value,数值\ntech_brokers,2018,1,2\n"),
                                 targets)
    assert lines(exc) == ["obs.csv:1:D: column '数值' repeats an earlier column (value); keep one"]


def test_same_column_twice(targets):
    text = "indicator_id,year,value,unit,unit,x,x\ntech_brokers,2018,1,人,人,c,d\n"
    with pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", text), targets)
    assert lines(exc) == ["obs.csv:1:E: column 'unit' repeats an earlier column (unit); keep one"]
    # a second note column is said, not refused (two 备注 columns are common)
    df = intake.read_observations(write_csv("n.csv", "indicator_id,year,value,note,note\ntech_brokers,2018,1,a,b\n"),
                                  targets)
    assert df["note"].tolist() == ["a"]


def test_unquoted_thousands_separator_shifts_the_row(targets):
    with pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", "indicator_id,year,value\ntech_brokers,2018,1,234\n"),
                                 targets)
    assert lines(exc) == ['obs.csv:2:: row has 4 cells but the header has 3 '
                          '(in CSV a number with a thousands separator must be quoted, e.g. "1,234"; or a column has no header)']


# --------------------------------------------------------------------------------------
# garbage files: one line, never a traceback
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, expected", [
    ("obs.csv", b"", "obs.csv::: file is empty"),
    ("obs.csv", b"\n \n\r\n", "obs.csv::: file is empty"),
    ("obs.csv", bytes(range(256)) * 4, "obs.csv::: not a text file (binary data): expected a CSV file or a workbook"),
    ("obs.csv", b"\x81\x30\xff\xfe\x81", "obs.csv::: cannot decode: not UTF-8 or GBK/GB18030 text (save the file as CSV UTF-8)"),
    ("obs.xlsx", b"this is not a workbook", "obs.xlsx::: the name ends in .xlsx but the content is not a workbook"),
    ("obs.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
     "obs.xls::: cannot read as a xls workbook (CalamineError); save it again as .xlsx or CSV"),
    ("obs.csv", "tech_brokers,2018,3\ntech_brokers,2019,4\n".encode(),
     "obs.csv::: no header in the first 60 rows: a long table needs indicator, year and value columns; a wide "
     "table an indicator column and year columns (2019, 2019年); a transposed table a year column and columns "
     "named after indicators"),
])
def test_garbage_gives_one_line(targets, name, content, expected):
    p = Path(name)
    p.write_bytes(content)
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == [expected]


def test_missing_file(targets):
    with pytest.raises(InputError, match=r"^nope\.csv::: file not found$"):
        intake.read_observations("nope.csv", targets)


def test_empty_xlsx(targets):
    p = write_xlsx("obs.xlsx", [])
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == ["obs.xlsx[Sheet]::: the sheet (or file) is empty"]


# --------------------------------------------------------------------------------------
# inputs are never modified
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("clean", [True, False])
def test_inputs_unchanged(targets, fmt, clean):
    text = GOOD if clean else GOOD + "patents,1999,约3,万人,平川区,\n"
    p = write_csv("obs.csv", text, "gbk") if fmt == "csv" else write_xlsx("obs.xlsx", _rows(text))
    before, mtime = sha256(p), p.stat().st_mtime_ns
    try:
        intake.read_observations(p, targets)
    except InputError:
        assert not clean
    intake.validate_files([p], targets)
    assert sha256(p) == before and p.stat().st_mtime_ns == mtime
    assert sorted(x.name for x in Path(".").iterdir()) == [p.name]  # no temp or lock files


# --------------------------------------------------------------------------------------
# validate_observations, the pure function
# --------------------------------------------------------------------------------------

def test_validate_observations_pure(targets):
    raw = pd.DataFrame({"indicator_id": ["tech_brokers", "x"], "year": ["2018", 2019], "value": [1, "2"]})
    before = raw.copy()
    probs = intake.validate_observations(raw, targets, file="f.csv")
    assert probs == [Problem("f.csv", 3, "A", "unknown indicator 'x' (not an id, name or alias in the target catalogue)")]
    pd.testing.assert_frame_equal(raw, before)
    assert intake.validate_observations(raw.iloc[:1], targets, file="f.csv") == []


def test_validate_observations_rows_argument(targets):
    raw = pd.DataFrame({"indicator_id": ["x"], "year": ["2018"], "value": ["1"]})
    assert [p.row for p in intake.validate_observations(raw, targets, rows=[17])] == [17]


_CELL = st.one_of(
    st.text(max_size=8),
    st.text(alphabet="０１２３４５６７８９，．－＋％亿万元件家约 ,.-e", max_size=8),
    st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.just(""),
    st.sampled_from(["tech_brokers", "strategic_emerging_share", "tech_contract_turnover", "2018", "2020",
                     "1999", "1.2亿元", "3,500万元", "万元", "％", "件", "平川区", "约12", "n/a"]),
)
_COLUMN = st.sampled_from(["indicator_id", "year", "value", "unit", "region", "sector", "note", "数值",
                           "年份", "指标代码", "x", ""])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(columns=st.lists(_COLUMN, min_size=0, max_size=6),
       data=st.data())
def test_validate_observations_never_raises(targets, columns, data):
    n = data.draw(st.integers(0, 6))
    rows = [[data.draw(_CELL) for _ in columns] for _ in range(n)]
    raw = pd.DataFrame(rows, columns=columns) if columns else pd.DataFrame(index=range(n))
    probs = intake.validate_observations(raw, targets, file="h.csv")
    assert isinstance(probs, list) and all(isinstance(p, Problem) for p in probs)
    for p in probs:
        assert str(p).startswith("h.csv:") and "\n" not in str(p)


@settings(max_examples=50, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from(["tech_brokers", "strategic_emerging_share", "nope"]),
                               st.one_of(st.integers(1990, 2040), st.text(max_size=4)),
                               _CELL), max_size=6))
def test_validate_observations_never_raises_on_contract_columns(targets, rows):
    raw = pd.DataFrame(rows, columns=["indicator_id", "year", "value"])
    probs = intake.validate_observations(raw, targets)
    assert all(isinstance(p, Problem) and p.row is not None for p in probs)


# --------------------------------------------------------------------------------------
# sector panels
# --------------------------------------------------------------------------------------

SECTORS = ["ceramics", "equipment", "lithium_cathode"]
METRICS = pd.DataFrame({"metric": ["output_value", "rd_spending", "enterprises"],
                        "unit": ["亿元", "万元", "家"], "kind": ["level", "level", "count"]})


def test_sector_panel_reads_and_converts():
    text = ("sector,year,metric,value,unit,region\n"
            "ceramics,2018,output_value,30000,万元,平川区\n"
            "ceramics,2018,rd_spending,1.5亿元,,平川区\n"
            "equipment,２０１９,enterprises,１２,家,白银区\n"
            "equipment,2019,enterprises,,家,\n")
    df = intake.read_sector_panel(write_csv("panel.csv", text, "gbk"), sectors=SECTORS, metrics=METRICS)
    assert list(df.columns) == list(intake.PANEL_COLUMNS)
    assert df[["region", "sector", "metric", "year", "value", "unit"]].values.tolist() == [
        ["平川区", "ceramics", "output_value", 2018, 3.0, "亿元"],
        ["平川区", "ceramics", "rd_spending", 2018, 15000.0, "万元"],
        ["白银区", "equipment", "enterprises", 2019, 12.0, "家"],
    ]


def test_sector_panel_chinese_headers_xlsx():
    p = write_xlsx("panel.xlsx", [["行业", "年份", "指标", "数值", "单位"], ["ceramics", 2018, "output_value", 3, "亿元"]])
    df = intake.read_sector_panel(p, sectors=SECTORS, metrics=METRICS)
    assert df["value"].tolist() == [3.0]


def test_sector_panel_in_chinese_names_long_or_wide():
    """The bureau names sectors and metrics in Chinese (陶瓷建材, 工业总产值: the names of entities.csv and
    sector_metrics.csv), long or wide (行业 | 指标 | 计量单位 | 2018年 | 2019年): read, each name said."""
    long_ = write_xlsx("cn.xlsx", [["行业", "年份", "指标", "数值", "单位"], ["陶瓷建材", 2018, "工业总产值", 3, "亿元"],
                                   ["ceramics", 2019, "output_value", 4, "亿元"]])
    df = intake.read_sector_panel(long_, lang="zh")
    assert df[["sector", "metric", "year", "value"]].values.tolist() == [["ceramics", "output_value", 2018, 3.0],
                                                                        ["ceramics", "output_value", 2019, 4.0]]
    lines_ = df.attrs["intake"].lines()
    assert "按行业名称识别：“陶瓷建材”→ ceramics（1 处）" in lines_
    assert "按指标名称识别：“工业总产值”（1 处）" in lines_
    wide = write_xlsx("cnw.xlsx", [["平川区重点行业主要指标"], ["行业", "指标", "计量单位", "2018年", "2019年"],
                                   ["煤炭", "工业总产值", "亿元", 28.0, 27.1], ["煤炭", "研发经费支出", "万元", 400, 410]])
    df = intake.read_sector_panel(wide, lang="en")
    assert df[["sector", "metric", "year", "value"]].values.tolist() == [
        ["coal", "output_value", 2018, 28.0], ["coal", "output_value", 2019, 27.1],
        ["coal", "rd_spending", 2018, 400.0], ["coal", "rd_spending", 2019, 410.0]]
    assert df.attrs["intake"].layout == "wide"
    assert "sector recognised by name: '煤炭' → coal (4 cells)" in df.attrs["intake"].lines()


def test_sector_panel_problems():
    text = ("sector,year,metric,value,unit\n"
            "ceramics,2018,output_value,3,\n"
            "foo,2018,output_value,3,\n"
            "ceramics,2018,bar,3,\n"
            "ceramics,2018,output_value,4,\n"
            "equipment,2018,enterprises,-1,\n"
            "equipment,2019,enterprises,2,亿元\n"
            ",2019,enterprises,2,\n")
    with pytest.raises(InputError) as exc:
        intake.read_sector_panel(write_csv("panel.csv", text), sectors=SECTORS, metrics=METRICS)
    assert lines(exc) == [
        "panel.csv:3:A: unknown sector 'foo' (not a sector in entities.csv)",
        "panel.csv:4:C: unknown metric 'bar' (not in sector_metrics.csv)",
        "panel.csv:5:D: duplicate of row 2 (平川区, ceramics, output_value, 2018): 4 here, 3 in row 2; one region, indicator and year can have one value only: check them and delete one row",
        "panel.csv:6:D: negative value -1: enterprises is a count and cannot be negative",
        "panel.csv:7:E: unit '亿元' cannot be converted to 家 (the unit of metric enterprises)",
        "panel.csv:8:A: missing sector (the cell is empty)",
    ]


def test_sector_panel_missing_columns():
    with pytest.raises(InputError) as exc:
        intake.read_sector_panel(write_csv("panel.csv", "sector,year,value\nceramics,2018,1\n"),
                                 sectors=SECTORS, metrics=METRICS)
    assert lines(exc) == ["panel.csv:1:: this row looks like the header but lacks the required columns: metric"]


def test_sector_panel_metric_list_without_units():
    text = "sector,year,metric,value,unit\nceramics,2018,output_value,3000,万元\nceramics,2018,enterprises,4,家\n"
    df = intake.read_sector_panel(write_csv("panel.csv", text), sectors=SECTORS,
                                  metrics=["output_value", "enterprises"])
    assert df[["metric", "value", "unit"]].values.tolist() == [["enterprises", 4.0, "家"],
                                                                ["output_value", 0.3, "亿元"]]


def test_sector_panel_default_metadata():
    """With no explicit lists, sectors come from entities.csv and metrics from sector_metrics.csv
    (or the vocab fallback)."""
    text = "sector,year,metric,value\nceramics,2018,enterprises,4\n"
    df = intake.read_sector_panel(write_csv("panel.csv", text))
    assert df["value"].tolist() == [4.0]


def test_detect_kind():
    assert intake.detect_kind(pd.DataFrame(columns=["sector", "year", "metric", "value"])) == "sectors"
    assert intake.detect_kind(pd.DataFrame(columns=["行业", "年份", "指标", "数值"])) == "sectors"
    assert intake.detect_kind(pd.DataFrame(columns=["indicator_id", "year", "value", "sector"])) == "observations"
    assert intake.detect_kind(pd.DataFrame(columns=["a", "b"])) == "observations"


def test_read_table_keeps_catalogue_working():
    df = intake.read_table(config.targets_path())
    assert isinstance(df.index, pd.RangeIndex) and "id" in df.columns and len(df) == 21
    assert df.attrs["rows"][0] == 2


# --- skip_unknown: a statistics file with more series than the plan has targets -------------------
def test_skip_unknown_drops_rows_of_other_indicators(tmp_path):
    p = tmp_path / "stats.csv"
    p.write_text("indicator_id,year,value,unit\n"
                 "tech_brokers,2018,3,人\n"
                 "rd_expenditure,2018,100,亿元\n"
                 "rd_expenditure,2018,100,亿元\n"
                 "tech_brokers,2019,4,人\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"stats.csv:3:A: unknown indicator 'rd_expenditure'"):
        intake.read_observations(p)
    df = intake.read_observations(p, skip_unknown=True)
    assert list(df["indicator_id"]) == ["tech_brokers", "tech_brokers"]
    assert df.attrs["skipped"] == {"rd_expenditure": [3, 4]}


def test_skip_unknown_still_reports_problems_of_known_rows(tmp_path):
    p = tmp_path / "stats.csv"
    p.write_text("indicator_id,year,value\nrd_expenditure,2018,x\ntech_brokers,2018,约3\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        intake.read_observations(p, skip_unknown=True)
    assert [str(q) for q in e.value.problems] == ["stats.csv:3:C: not a number: '约3'; write the exact number (put words such as 约, 以上, 左右 in the note column)"]


@pytest.mark.parametrize("unit", ["% of GDP", "%ofGDP", "％", "百分比"])
def test_percent_spellings(unit):
    assert intake.normalize_unit(unit) == "%"


# --------------------------------------------------------------------------------------
# a large clean file: whole-column checks, the careful parsers only on the cells that need them
# --------------------------------------------------------------------------------------

#: awkward rows (region, indicator, year cell, value cell, unit cell) and what they mean, by hand
AWKWARD = [
    ("乙区", "tech_contract_turnover", "2019年", '"3,500"', "万元", 2019, 0.35),
    ("乙区", "tech_contract_turnover", "２０１８", "1.2亿元", "", 2018, 1.2),
    ("乙区", "tech_brokers", "2019", '"１，２３４"', "", 2019, 1234.0),
    ("乙区", "tech_brokers", " 2018 ", " 12 ", "", 2018, 12.0),
    ("乙区", "strategic_emerging_share", "2019", "12.5%", "", 2019, 12.5),
    ("乙区", "maker_spaces", "2019", "—", "", None, None),           # not reported: no row
]


def _clean_rows(regions: int) -> list[str]:
    return [f"r{i:04d},{ind},{y},{(i % 97) * 1.25 + y - 2000:.2f},"
            for i in range(regions) for ind in ("tech_brokers", "maker_spaces") for y in (2017, 2018, 2019)]


def test_large_file_vectorised_checks_match_row_by_row_reading(targets):
    """Clean rows and awkward rows in one file read as each alone: the whole-column fast
    checks and the careful per-cell parsing give identical frames."""
    head = "region,indicator_id,year,value,unit\n"
    clean = _clean_rows(400)
    awkward = [",".join(r[:5]) for r in AWKWARD]
    mixed = clean[:600] + awkward + clean[600:]
    both = intake.read_observations(write_csv("mixed.csv", head + "\n".join(mixed) + "\n"), targets)
    only_clean = intake.read_observations(write_csv("clean.csv", head + "\n".join(clean) + "\n"), targets)
    only_awk = intake.read_observations(write_csv("awk.csv", head + "\n".join(awkward) + "\n"), targets)
    expected = (pd.concat([only_clean, only_awk], ignore_index=True)
                .sort_values(["region", "indicator_id", "year"], kind="stable").reset_index(drop=True))
    pd.testing.assert_frame_equal(both, expected)
    got = both[both["region"] == "乙区"]
    want = sorted((r[1], r[5], r[6]) for r in AWKWARD if r[5] is not None)
    assert sorted(zip(got["indicator_id"], got["year"], got["value"])) == [
        (i, y, pytest.approx(v)) for i, y, v in want]
    assert len(both) == len(clean) + 5


def test_large_file_problems_are_the_same_as_in_a_small_file(targets):
    """A bad cell among thousands of clean ones gets the message (FILE:ROW:COLUMN) it gets alone."""
    head = "region,indicator_id,year,value,unit\n"
    clean = _clean_rows(300)
    bad = ["乙区,tech_brokers,20x9,5,", "乙区,tech_brokers,2019,abc,", "乙区,tech_brokers,2018,-3,"]
    with pytest.raises(InputError) as big:
        intake.read_observations(write_csv("obs.csv", head + "\n".join(clean + bad) + "\n"), targets)
    with pytest.raises(InputError) as small:
        intake.read_observations(write_csv("obs.csv", head + "\n".join(bad) + "\n"), targets)
    shift = len(clean)
    assert lines(big) == [re.sub(r"^obs\.csv:(\d+):", lambda m: f"obs.csv:{int(m.group(1)) + shift}:", s)
                          for s in lines(small)]
    assert [s.split(":")[1:3] for s in lines(small)] == [["2", "C"], ["3", "D"], ["4", "D"]]


@pytest.mark.parametrize("cell, number, unit", [
    ("1e3", 1000.0, ""), ("+5", 5.0, ""), (" 5 ", 5.0, ""), (".5", 0.5, ""), ("-0", -0.0, ""),
    ("1,234", 1234.0, ""), ("１２", 12.0, ""), ("12万元", 12.0, "万元"), ("1.5%", 1.5, "%"),
    ("0.1e+02", 10.0, ""), ("1_0", None, ""), ("NaN", None, ""), ("Infinity", None, ""), ("1e400", None, ""),
    ("0x10", None, ""), ("1 234", None, ""), ("—", None, ""),
])
def test_parse_values_column_equals_parse_value_per_cell(cell, number, unit):
    """The whole-column parse (to_numeric, then the careful parser only where it fails) equals
    the careful parser cell by cell, and both equal the hand-written meaning."""
    col = pd.Series(["7", cell, "8.25"], dtype=object)
    numbers, units, _, _ = parse_values(col)
    careful = parse_value(cell)
    assert careful == (number, unit)
    if number is None:
        assert numbers[1] != numbers[1]  # NaN
    else:
        assert numbers[1] == number and str(numbers[1]) == str(number) and units[1] == unit
    assert numbers[[0, 2]].tolist() == [7.0, 8.25]


@pytest.mark.parametrize("names, alike", [
    (["平川", "平川区"], [("平川", "平川区")]),
    (["平川区", "甘肃省白银市平川区"], [("平川区", "甘肃省白银市平川区")]),
    (["白银区", "白银市"], []),                      # a district and a city
    (["平川区", "白银区", "靖远县"], []),
])
def test_region_names_that_may_be_one_region(names, alike):
    from analysis.io.readers.checks import alike_regions

    assert alike_regions(names) == alike


def test_one_region_written_two_ways_is_warned_by_validate_assess_and_report(tmp_path, capsys, monkeypatch):
    from analysis.cli import main

    p = tmp_path / "two.csv"
    p.write_text("地区,指标代码,年份,数值\n平川,tech_brokers,2018,2\n平川区,tech_brokers,2019,3\n", encoding="utf-8")
    said = "two.csv::: 警告：地区 '平川' 与 '平川区' 可能是同一地区的两种写法，现按两个地区分别评价；如是同一地区，请统一写法"
    assert main(["validate", str(p)]) == 0
    assert said in capsys.readouterr().out
    assert main(["assess", "--data", str(p)]) == 0
    assert said in capsys.readouterr().err
    from analysis.app import figures, report

    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "processed"))
    monkeypatch.setattr(report, "DPI", 30)
    orig = figures.available
    monkeypatch.setattr(figures, "available", lambda only=None: orig(["scorecard"]))
    assert main(["report", "--data", str(p), "--out", str(tmp_path / "pack"), "--no-notebooks", "--formats", "png"]) == 0
    err = capsys.readouterr().err
    assert said in err and "提示：" + said not in err


@pytest.mark.parametrize("total, regions, dropped", [
    ("全市", ["平川区", "白银区"], "全市"),                        # a whole area beside its parts
    ("白银市", ["平川区", "靖远县"], "白银市"),                    # the plan's city beside its districts
    ("甘肃省", ["平川区"], "甘肃省"),                              # ... and its province
    ("白银市", ["白银市平川区", "兰州市城关区"], "白银市"),        # written with the city before it
    ("靖远县", [], None),                                        # alone: a region of its own
    ("市区", ["白银区", "平川区"], "市区"),                      # the urban area beside its districts: a subtotal
    ("市区", ["靖远县"], None),                                  # ... beside a county only: a region of its own
    ("全  市", ["平川区", "白银区"], "全市"),                    # spaced for alignment (read without the spaces, said)
    ("甘肃省白银市", ["平川区", "白银区"], "甘肃省白银市"),      # the city with its province before it
    ("全国", ["平川区"], "全国"),                                # the nation: not a district to score
    ("兰州市", ["平川区"], None),                                # another city: a region of its own
])
def test_a_region_that_is_the_total_of_the_others_is_said_and_not_read(tmp_path, total, regions, dropped):
    rows = [f"{r},tech_brokers,{y},{v}" for r in [*regions, total] for y, v in ((2018, 2), (2019, 3))]
    p = tmp_path / "regions.csv"
    p.write_text("地区,指标代码,年份,数值\n" + "\n".join(rows) + "\n", encoding="utf-8")
    for lang, words in (("zh", f"地区 '{dropped}' 是文件中其他地区（"), ("en", f"region '{dropped}' is the total")):
        df = intake.read_observations(p, lang=lang)
        said = [w for w in df.attrs["intake"].warnings if words in w.message]
        if dropped is None:
            assert sorted(df["region"].unique()) == sorted([*regions, total])
            assert not [w for w in df.attrs["intake"].warnings if "合计" in w.message or "total" in w.message]
            continue
        assert sorted(df["region"].unique()) == sorted(r.removeprefix("白银市") for r in regions)
        assert len(said) == 1 and said[0].row == 2 + 2 * len(regions) and said[0].column == "A"
        assert ("其 2 个数值未读取" if lang == "zh" else "its 2 values are not read") in said[0].message


@pytest.mark.parametrize("title, own", [(None, "平川区"), ("白银区科技指标完成情况（分乡镇）", "白银区")])
def test_the_whole_district_is_the_district_and_its_towns_are_said_and_not_read(tmp_path, title, own):
    """全区 under 7 towns (a district's breakdown by town): 全区 is the district the file is about
    (its title's, else the default), said; the towns are below the plan's level: left out, said
    once. Before, 全区 and every town were scored as regions of their own against district targets."""
    towns = ["共和镇", "复兴乡", "宝积镇"]
    rows = [f"{r},高新技术企业,2019,{v}" for r, v in zip(towns + ["全区"], (1, 2, 3, 6))]
    p = tmp_path / "towns.csv"
    p.write_text((f"{title}\n" if title else "") + "地区,指标名称,年份,数值\n" + "\n".join(rows) + "\n",
                 encoding="utf-8")
    for lang, note, warn in (
            ("zh", f"地区 '全区' 指整个区（县），按 '{own}' 读取（1 处）", f"等 3 个乡镇（街道）是 '{own}' 以下的单位"),
            ("en", f"region '全区' (the district as a whole) read as '{own}' (1 cell)",
             f"(3 towns or sub-districts) are below '{own}'")):
        df = intake.read_observations(p, lang=lang)
        assert df[["region", "value"]].values.tolist() == [[own, 6.0]]
        assert note in df.attrs["intake"].lines()
        said = [w for w in df.attrs["intake"].warnings if warn in w.message]
        assert len(said) == 1 and said[0].row == (3 if title else 2) and said[0].column == "A"


def test_a_whole_district_column_beside_the_city_is_the_titled_district(tmp_path):
    """A one-year table 全区 | 全市 under 2019年平川区…与全市对比: 全区 is 平川区 2019, 全市 left out."""
    rows = [["2019年平川区主要科技指标与全市对比", None, None], ["指标名称", "全区", "全市"],
            ["高新技术企业", 6, 20], ["科技型企业", 39, 110]]
    df = intake.read_observations(write_xlsx("obs.xlsx", rows))
    assert sorted(df[["region", "year", "value"]].values.tolist()) == [["平川区", 2019, 6.0], ["平川区", 2019, 39.0]]


@pytest.mark.parametrize("name, region", [
    ("白银区科技指标2017-2019.xlsx", "白银区"),     # e-mailed by the district: its figures, said
    ("平川区科技指标.xlsx", "平川区"),             # the default: said as the default
    ("平川区与白银区对比.xlsx", "平川区"),         # two districts: the name cannot tell, the default
    ("科技指标.xlsx", "平川区"),
])
def test_a_file_named_for_one_district_without_one_inside_is_that_districts(tmp_path, name, region):
    rows = [["指标名称", "2018年", "2019年"], ["高新技术企业", 5, 6]]
    df = intake.read_observations(write_xlsx(str(tmp_path / name), rows), lang="zh")
    assert set(df["region"]) == {region}
    said = [ln for ln in df.attrs["intake"].lines() if "地区取自文件名" in ln]
    assert said == ([f"地区取自文件名“{Path(name).stem}”：{region}（2 处）"] if region != "平川区" else [])


def test_a_title_and_a_sheet_name_naming_two_years_over_this_years_column_is_an_error(tmp_path):
    """A sheet copied from last year's and renamed 2019年, its title still 平川区2018年…: 本年 could be
    2018 or 2019. Before, read as 2018 (the title's) without a word."""
    rows = [["平川区2018年主要科技指标完成情况", None, None], ["指标名称", "本年", "上年"], ["高新技术企业", 6, 5]]
    with pytest.raises(InputError, match=r"obs.xlsx\[2019年\]:1:: the title '平川区2018年主要科技指标完成情况' says "
                                         r"2018 and the sheet name '2019年' says 2019"):
        intake.read_observations(write_xlsx("obs.xlsx", rows, sheet="2019年"))
    rows[0][0] = "平川区2019年主要科技指标完成情况"  # the two agree: read
    df = intake.read_observations(write_xlsx("obs.xlsx", rows, sheet="2019年"))
    assert sorted(df["year"]) == [2018, 2019]


def _merged_xlsx(path: Path, rows: list[list], merges: list[str]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return path


EXPECTED_BY_REGION_AND_YEAR = [["平川区", 2018, 5.0], ["平川区", 2019, 6.0], ["白银区", 2018, 13.0], ["白银区", 2019, 16.0]]


@pytest.mark.parametrize("rows, merges", [
    # 2018年 and 2019年 each merged over the districts below them
    ([["指标名称", "计量单位", "2018年", None, "2019年", None], [None, None, "平川区", "白银区", "平川区", "白银区"],
      ["高新技术企业", "家", 5, 13, 6, 16]], ["A1:A2", "B1:B2", "C1:D1", "E1:F1"]),
    # the same written once, the cells after it empty (a CSV saved from it)
    ([["指标名称", "计量单位", "2018年", None, "2019年", None], [None, None, "平川区", "白银区", "平川区", "白银区"],
      ["高新技术企业", "家", 5, 13, 6, 16]], []),
    # the districts merged over 2018年 | 2019年
    ([["指标名称", "计量单位", "平川区", None, "白银区", None], [None, None, "2018年", "2019年", "2018年", "2019年"],
      ["高新技术企业", "家", 5, 6, 13, 16]], ["A1:A2", "B1:B2", "C1:D1", "E1:F1"]),
])
def test_a_two_row_header_by_year_and_district_reads_each_column_as_its_year_and_district(tmp_path, rows, merges):
    """Before, each column was read as its year alone, for 平川区: a duplicate-year error at every
    cell (or, with one year, every district's value a duplicate)."""
    df = intake.read_observations(_merged_xlsx(tmp_path / "t.xlsx", rows, merges), lang="zh")
    assert sorted(df[["region", "year", "value"]].values.tolist()) == EXPECTED_BY_REGION_AND_YEAR
    info = df.attrs["intake"]
    assert info.layout == "wide_regions_year_rows"
    assert any("第 1 行的" in ln and "'平川区'、'白银区'" in ln for ln in info.lines())


def test_one_year_over_the_districts_with_no_year_in_the_title(tmp_path):
    rows = [["白银市各县区主要科技指标完成情况", None, None, None], ["指标名称", "计量单位", "2019年", None],
            [None, None, "平川区", "白银区"], ["高新技术企业", "家", 6, 16]]
    df = intake.read_observations(_merged_xlsx(tmp_path / "t.xlsx", rows, ["A1:D1", "C2:D2", "A2:A3", "B2:B3"]))
    assert sorted(df[["region", "year", "value"]].values.tolist()) == [["平川区", 2019, 6.0], ["白银区", 2019, 16.0]]


def test_districts_over_this_and_last_year_under_a_titled_year(tmp_path):
    """平川区 | 白银区 each merged over 本年 | 上年 under 2019年…: 本年 2019 and 上年 2018 per district, both said."""
    rows = [["2019年各县区主要科技指标完成情况", None, None, None, None],
            ["指标名称", "计量单位", "平川区", None, "白银区", None], [None, None, "本年", "上年", "本年", "上年"],
            ["高新技术企业", "家", 6, 5, 16, 13]]
    df = intake.read_observations(_merged_xlsx(tmp_path / "t.xlsx", rows, ["A1:F1", "C2:D2", "E2:F2", "A2:A3", "B2:B3"]),
                                  lang="zh")
    assert sorted(df[["region", "year", "value"]].values.tolist()) == EXPECTED_BY_REGION_AND_YEAR
    lines = df.attrs["intake"].lines()
    assert any("表头 '本年' 按标题" in ln and "2019 年" in ln for ln in lines)


def test_a_district_of_the_plan_written_with_its_city_is_that_district(tmp_path):
    """白银市平川区 and 甘肃省白银市靖远县 are 平川区 and 靖远县 (the plan's region, its population and
    English name found), said in the summary; other cities' districts are kept as written."""
    rows = ["白银市平川区,tech_brokers,2019,3", "甘肃省白银市靖远县,tech_brokers,2019,2", "兰州市城关区,tech_brokers,2019,9"]
    p = tmp_path / "full_names.csv"
    p.write_text("地区,指标代码,年份,数值\n" + "\n".join(rows) + "\n", encoding="utf-8")
    df = intake.read_observations(p, lang="zh")
    assert sorted(df["region"]) == ["兰州市城关区", "平川区", "靖远县"]
    lines = df.attrs["intake"].lines()
    assert "地区 '白银市平川区' 按 '平川区' 读取（去掉所属省、市名称）（1 处）" in lines
    assert "地区 '甘肃省白银市靖远县' 按 '靖远县' 读取（去掉所属省、市名称）（1 处）" in lines


def test_alike_regions_looks_at_each_name_once(monkeypatch):
    """3,000 regions (a province's batch): each name's core computed once, never every pair (a
    quadratic check made the 60,000-series command 10 s instead of 3)."""
    from analysis.io.readers import checks

    calls = []
    orig = checks._region_core
    monkeypatch.setattr(checks, "_region_core", lambda n: calls.append(n) or orig(n))
    names = [f"地区{i:04d}县" for i in range(3000)] + ["平川", "平川区"]
    assert checks.alike_regions(names) == [("平川", "平川区")]
    assert len(calls) == len(names)


@pytest.mark.parametrize("header", ["source_url", "来源网址"])
def test_a_source_url_column_is_the_values_source(targets, header):
    """The public files' source_url (and 来源网址) is read as the value's source, not reported unused;
    beside a 来源 column it is the second source column, ignored and said (stop 38)."""
    df = intake.read_observations(write_csv("obs.csv", f"indicator_id,year,value,{header}\n"
                                                       "tech_brokers,2019,3,https://tjj.example.gov.cn/1\n"), targets)
    assert df["source"].tolist() == ["https://tjj.example.gov.cn/1"] and not df.attrs["intake"].ignored
    df = intake.read_observations(write_csv("obs2.csv", f"indicator_id,year,value,来源,{header}\n"
                                                        "tech_brokers,2019,3,统计局,https://x\n"), targets)
    assert df["source"].tolist() == ["统计局"] and len(df.attrs["intake"].ignored) == 1


def test_a_column_of_a_year_before_the_monitoring_s_says_how_to_replay_an_older_plan(targets):
    """1994年 … 1999年 beside 2000年 were "a header this reader does not know": they are years, only before
    the monitoring's 2000-2035; the message now says so and names backtest --targets."""
    p = write_xlsx("old.xlsx", [["指标", "单位", "1998年", "1999年", "2000年"], ["科技型企业", "家", 5, 6, 7]])
    df = intake.read_observations(p, targets, lang="en")
    said = [w.message for w in df.attrs["intake"].warnings]
    assert said[:2] == [f"column '{y}年' is not used: monitoring data are read for 2000-2035 only; to replay an "
                        "older plan use python -m analysis backtest --targets" for y in (1998, 1999)]
    assert df["year"].tolist() == [2000]


@pytest.mark.parametrize("place", ["Country", "country", "State", "GEO", "国家", "省份", "城市"])
def test_another_country_s_place_column_is_the_region(place):
    """A held-out plan of the EU's states comes as Country | Indicator | Year | Value: 'Country' was "close to
    'county' but not the same", and every state's rows collided as 平川区's. Eurostat's TIME_PERIOD and OBS_VALUE
    headers are read too."""
    from analysis.io import catalogue as cat_mod

    p = Path("t.csv")
    p.write_text("id,name_zh,value,unit,comparator,deadline,kind\nrd,研发强度,3,%,>=,2020,share\n", encoding="utf-8")
    targets = cat_mod.load_targets(p)
    text = (f"{place},indicator,TIME_PERIOD,OBS_VALUE\nBelgium,rd,2018,2.76\nBelgium,rd,2019,2.89\n"
            "Estonia,rd,2018,1.40\nEstonia,rd,2019,1.61\n")
    df = intake.read_observations(write_csv("eu.csv", text), targets)
    assert df[["region", "year", "value"]].values.tolist() == [
        ["Belgium", 2018, 2.76], ["Belgium", 2019, 2.89], ["Estonia", 2018, 1.40], ["Estonia", 2019, 1.61]]


@pytest.mark.parametrize("corner", ["GEO (Labels)", "GEO\\TIME", "geo\\time", "Country"])
def test_eurostat_s_table_of_one_indicator_by_place_and_year(corner):
    """Eurostat's data browser heads the places 'GEO (Labels)' under a title naming the indicator, and its
    older tables put 'geo\\time' in the corner: "no header in the first 60 rows". The English name in the title
    names the catalogue's indicator."""
    from analysis.io import catalogue as cat_mod

    p = Path("t.csv")
    p.write_text("Country,Indicator,Target,Unit,Direction,Target year\nBelgium,R&D intensity,3,%,at least,2020\n",
                 encoding="utf-8")
    targets = cat_mod.load_targets(p)
    text = f"R&D intensity\n{corner},2018,2019\nBelgium,2.76,2.89\nEstonia,1.40,1.61\n"
    df = intake.read_observations(write_csv("eu.csv", text), targets)
    assert df[["region", "indicator_id", "year", "value"]].values.tolist() == [
        ["Belgium", "R&D intensity", 2018, 2.76], ["Belgium", "R&D intensity", 2019, 2.89],
        ["Estonia", "R&D intensity", 2018, 1.40], ["Estonia", "R&D intensity", 2019, 1.61]]


@pytest.mark.parametrize("ident, cells, expected, said", [
    ("tech_contract_turnover", ("1,04", "1,2"), [1.04, 1.2], True),       # a European-locale Excel's CSV
    ("tech_contract_turnover", ("1.234,5", "0,98"), [1234.5, 0.98], True),  # with thousands dots
    ("tech_based_enterprises", ("1,234", "1,500"), [1234, 1500], False),   # three digits after every comma
])
def test_a_semicolon_file_with_decimal_commas(targets, ident, cells, expected, said):
    """Values 1,04 in a ;-separated CSV were "not a number"; a comma that can only be a decimal one makes the
    file's commas decimal points, and the summary says so. 1,234 alone stays a thousands separator."""
    text = "indicator_id;year;value\n" + "".join(f"{ident};{y};{c}\n" for y, c in zip((2018, 2019), cells))
    df = intake.read_observations(write_csv("semi.csv", text), targets)
    assert df["value"].tolist() == pytest.approx(expected)
    assert any("decimal comma" in x for x in df.attrs["intake"].lines()) is said


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_the_status_written_in_a_value_cell_is_read_as_its_note(targets, layout):
    """1.2（快报） and 6（预计） in value cells were "not a number". The number is the value and the word
    its note, so a 快报 figure is read (and said), and a 预计 one is not read as an actual value."""
    if layout == "long":
        text = ("indicator_id,year,value,unit\ntech_contract_turnover,2017,0.79,亿元\ntech_contract_turnover,2018,1.04,亿元\n"
                "tech_contract_turnover,2019,1.2（快报）,亿元\nhigh_tech_enterprises,2018,4,家\n"
                "high_tech_enterprises,2019,6（预计）,家\n")
    else:
        text = ("指标名称,单位,2017年,2018年,2019年\n全区技术市场合同交易额,亿元,0.79,1.04,1.2（快报）\n"
                "高新技术企业,家,,4,6（预计）\n")
    df = intake.read_observations(write_csv("kb.csv", text), targets, lang="en")

    def series(ident):
        sub = df[df["indicator_id"] == ident]
        return dict(zip(sub["year"], sub["value"]))

    assert series("tech_contract_turnover") == pytest.approx({2017: 0.79, 2018: 1.04, 2019: 1.2})
    assert series("high_tech_enterprises") == {2018: 4}                 # the estimate left out, and said
    lines_ = df.attrs["intake"].lines()
    assert any("value cell '1.2（快报）': the number 1.2" in x for x in lines_), lines_
    assert any("2019" in w.message and "estimate" in w.message for w in df.attrs["intake"].warnings)


def test_an_unknown_name_repeated_on_every_year_s_row_is_one_line(targets):
    """A county's long table against a short catalogue: one "unknown indicator" line per row (219 lines for
    I1 against five targets, the hint to use --skip-unknown at the bottom). Now one line per name, at its
    first cell, with the other rows that name it."""
    text = "indicator_id,year,value\n" + "".join(f"patents,{y},{y - 2014}\n" for y in range(2015, 2020)) + \
        "tech_brokers,2019,3\n" + "".join(f"patents,{y},1\n" for y in (2018, 2019)) + "awards,2019,2\n"
    with pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", text), targets, lang="zh")
    assert [(p.row, p.column) for p in exc.value.problems] == [(2, "A"), (10, "A")]
    assert exc.value.problems[0].message.endswith("；另有6行也是这一名称（第3-6、8-9行）")
    assert "另有" not in exc.value.problems[1].message
    with pytest.raises(InputError) as exc:
        intake.read_observations(write_csv("obs.csv", text), targets, lang="en")
    assert exc.value.problems[0].message.endswith("; 6 more rows name it (rows 3-6, 8-9)")
