"""Office-shaped files: each layout and each case of the intake issue, values read or the exact message."""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.errors import InputError
from analysis.io import catalogue
from analysis.io import readers as intake
from analysis.io.contract import unit_statement
from analysis.io.readers import checks
from analysis.io.sheets import Limits, open_book

OFFICE = Path(__file__).parent / "fixtures" / "office"


@pytest.fixture(scope="module")
def targets():
    return catalogue.load_targets()


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with intake.options(lang="en"):
        yield


def lines(exc) -> list[str]:
    return [str(p) for p in exc.value.problems]


def xlsx(name: str, rows: list[list], *, sheets: dict[str, list[list]] | None = None, fmt=None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for r in rows:
        ws.append(r)
    for title, body in (sheets or {}).items():
        w = wb.create_sheet(title)
        for r in body:
            w.append(r)
    if fmt:
        fmt(ws)
    wb.save(name)
    return Path(name)


def series(df: pd.DataFrame, ident: str) -> dict[int, float]:
    sub = df[df["indicator_id"] == ident]
    return dict(zip(sub["year"], sub["value"]))


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


# --------------------------------------------------------------------------------------
# the samples: values read
# --------------------------------------------------------------------------------------

def test_bureau_wide_sheet(targets):
    p = shutil.copy(OFFICE / "A1_宽表_统计局格式.xlsx", "a1.xlsx")
    df = intake.read_observations(p, targets)
    assert series(df, "tech_contract_turnover") == {2015: 0.36, 2016: 0.55, 2017: 0.79, 2018: 1.04, 2019: 1.3}
    assert series(df, "tech_brokers") == {2017: 1.0, 2018: 2.0, 2019: 4.0}
    assert series(df, "strategic_emerging_share")[2019] == 0.64
    assert series(df, "poor_village_commissioner_coverage")[2019] == 97.0
    assert series(df, "invention_patents_per_10k")[2015] == 0.46
    assert set(df["region"]) == {"平川区"} and len(df) == 48
    assert df.loc[df["indicator_id"] == "tech_brokers", "note"].unique().tolist() == ["2015-2016年未统计"]
    info = df.attrs["intake"]
    assert (info.layout, info.header_rows, info.skipped_rows) == ("wide", [3, 4], [16])
    assert (info.values_read, info.blank, info.rejected) == (48, 2, 0)


def test_old_xls_is_read(targets):
    df = intake.read_observations(OFFICE / "X1_宽表_旧版xls.xls", targets)
    assert series(df, "tech_contract_turnover") == {2015: 0.36, 2016: 0.55, 2017: 0.79, 2018: 1.04, 2019: 1.3}
    assert series(df, "high_tech_enterprises")[2019] == 6.0


def test_plain_wide_with_ids(targets):
    df = intake.read_observations(OFFICE / "B1_宽表_简单_ids.xlsx", targets)
    assert len(df) == 88 and df.attrs["intake"].blank == 17
    assert series(df, "invention_patents_per_10k")[2019] == 1.049
    assert series(df, "engineering_innovation_centres") == {2018: 1.0, 2019: 1.0}


def test_cover_sheet_first(targets):
    df = intake.read_observations(OFFICE / "E1_多工作表_封面在前.xlsx", targets)
    info = df.attrs["intake"]
    assert (info.sheet, info.sheets_skipped) == ("2019年报", ["封面", "Sheet3"])
    assert len(df) == 88


def test_filled_template(targets):
    df = intake.read_observations(OFFICE / "G1_模板_文员填好.xlsx", targets)
    t = series(df, "tech_contract_turnover")
    assert t[2019] == 1.2 and t[2021] == 1.61 and 2020 not in t
    assert series(df, "invention_patents_per_10k")[2019] == pytest.approx(21 / 20.2)
    assert series(df, "enterprise_tech_centres")[2019] == 5.0
    # the template's name column: read by the ids beside it, listed as such, no warning (its names match)
    info = df.attrs["intake"]
    assert info.warnings == []
    assert info.ignored == ["column C (name_zh: read by the id column; the names only checked against it)"]


def test_gbk_names_in_the_id_column(targets):
    p = OFFICE / "C2_长表_代码列填中文名_gbk.csv"
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    # 户 is the statistical unit of enterprises (企业户数): read as 家 and said; 个 for people is refused
    assert lines(exc) == [
        f"{p}:8:E: unit '个' cannot be converted to 人 (the catalogue unit of tech_brokers); if 个 means 人 here, write 人"]
    info = exc.value.intake
    assert (info.values_read, info.blank, info.rejected) == (9, 1, 1)


@pytest.mark.parametrize("name, n_regions, n", [("H1_终期_含2020实际值.csv", 1, 109), ("I1_三区县_长表.csv", 3, 264)])
def test_long_samples(targets, name, n_regions, n):
    df = intake.read_observations(OFFICE / name, targets)
    assert df["region"].nunique() == n_regions and len(df) == n


@pytest.mark.parametrize("name", sorted(p.name for p in OFFICE.iterdir() if p.suffix != ".md"))
def test_samples_unchanged(targets, name):
    p = shutil.copy(OFFICE / name, name)
    before, mtime = sha(Path(p)), os.stat(p).st_mtime_ns
    try:
        intake.read_observations(p, targets)
    except InputError:
        pass
    assert sha(Path(p)) == before and os.stat(p).st_mtime_ns == mtime
    assert sorted(os.listdir(".")) == [name]


# --------------------------------------------------------------------------------------
# layouts made here
# --------------------------------------------------------------------------------------

def test_transposed_with_units_in_headers(targets):
    p = xlsx("t.xlsx", [["平川区主要科技指标"], [],
                        ["年份", "技术市场合同交易额（万元）", "高新技术企业", "每万人发明专利拥有量", "备注"],
                        ["2018年", 10400, 5, 0.85, ""], ["2019年", 13000, 6, 1.05, "快报"],
                        ["注：2019年为快报数"]])
    df = intake.read_observations(p, targets)
    assert series(df, "tech_contract_turnover") == {2018: 1.04, 2019: 1.3}
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    info = df.attrs["intake"]
    assert (info.layout, info.header_rows, info.skipped_rows) == ("transposed", [3], [6])


def test_transposed_with_a_unit_row(targets):
    p = xlsx("t.xlsx", [["年份", "技术市场合同交易额", "高新技术企业"], ["单位", "万元", "家"], [2019, 13000, 6]])
    df = intake.read_observations(p, targets)
    assert series(df, "tech_contract_turnover") == {2019: 1.3}


def test_transposed_unknown_column_gets_did_you_mean(targets):
    p = xlsx("t.xlsx", [["年份", "技术市场合同交易额度", "高新技术企业"], [2019, 1.3, 6]])
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == ["t.xlsx[Sheet1]:1:B: unknown indicator '技术市场合同交易额度'; did you mean: "
                          "tech_contract_turnover (全区技术市场合同交易额)"]


def test_sheet_level_money_unit_without_unit_column(targets):
    p = xlsx("w.xlsx", [["（金额单位：万元）"], ["指标名称", "2018", "2019"], ["技术合同成交额", 10400, 13000],
                        ["高新技术企业", 5, 6]])
    df = intake.read_observations(p, targets)
    assert series(df, "tech_contract_turnover") == {2018: 1.04, 2019: 1.3}
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}  # 万元 cannot mean 家: not applied


def test_sheet_level_unit_disagreeing_with_unit_column(targets):
    p = xlsx("w.xlsx", [["金额单位：万元"], ["指标名称", "单位", "2019"], ["技术合同成交额", "亿元", 1.3]])
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == ["w.xlsx[Sheet1]:3:B: unit 亿元 differs from the sheet's 金额单位 万元: ambiguous; correct the "
                          "unit column or the sheet's 金额单位 so that they agree"]


def test_money_without_any_unit_that_looks_like_wan_yuan(targets):
    p = xlsx("w.xlsx", [["指标名称", "2019"], ["技术合同成交额", 13000]])
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == ["w.xlsx[Sheet1]:2:B: 13000 has no unit; read in the catalogue unit 亿元 it is over 1000 "
                          "times the target 1.35 of tech_contract_turnover: probably another unit (万元?); state "
                          "the unit"]


def test_wide_with_region_column_and_merged_regions(targets):
    def merge(ws):
        ws.merge_cells("A2:A3")
    p = xlsx("w.xlsx", [["地区", "指标代码", "2018年", "2019年"], ["白银区", "tech_brokers", 1, 2],
                        [None, "high_tech_enterprises", 7, 8], ["靖远县", "tech_brokers", 3, 4]], fmt=merge)
    df = intake.read_observations(p, targets)
    assert df[["region", "indicator_id", "year", "value"]].values.tolist() == [
        ["白银区", "high_tech_enterprises", 2018, 7.0], ["白银区", "high_tech_enterprises", 2019, 8.0],
        ["白银区", "tech_brokers", 2018, 1.0], ["白银区", "tech_brokers", 2019, 2.0],
        ["靖远县", "tech_brokers", 2018, 3.0], ["靖远县", "tech_brokers", 2019, 4.0]]


@pytest.mark.parametrize("merge, said", [
    ("A2:A3", ["column A '地区' has cells merged over several rows: every row of a merged range is read with its "
               "value (1 cell)"]),
    (None, []),
])
def test_a_region_column_merged_down_is_said(targets, merge, said):
    """Stop 43: the regions of a 地区 column merged down over their rows are read as the merged cell's
    (as before) and now said in the summary, as a column filled down is; typed on every row, nothing said."""
    rows = [["地区", "指标代码", "2018年", "2019年"], ["白银区", "tech_brokers", 1, 2],
            [None if merge else "白银区", "high_tech_enterprises", 7, 8], ["靖远县", "tech_brokers", 3, 4]]
    df = intake.read_observations(xlsx("w.xlsx", rows, fmt=(lambda ws: ws.merge_cells(merge)) if merge else None),
                                  targets)
    assert sorted(set(zip(df["region"], df["indicator_id"]))) == [
        ("白银区", "high_tech_enterprises"), ("白银区", "tech_brokers"), ("靖远县", "tech_brokers")]
    assert [ln for ln in df.attrs["intake"].lines() if "merged" in ln] == said


def test_ambiguous_header_stops(targets):
    p = xlsx("a.xlsx", [["指标代码", "数值", "2018", "2019"], ["tech_brokers", 1, 2, 3]])
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == ["a.xlsx[Sheet1]::: the header fits two layouts (a value column and year columns): "
                          "remove one so the reading is unambiguous"]


def test_several_sheets_fit(targets):
    body = [["指标代码", "年份", "数值"], ["tech_brokers", 2019, 3]]
    p = xlsx("s.xlsx", body, sheets={"copy": body})
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == ["s.xlsx::: several sheets look like data: 'Sheet1', 'copy'; choose one with "
                          "--sheet NAME|NUMBER"]
    assert len(intake.read_observations(p, targets, sheet="copy")) == 1
    assert intake.read_observations(p, targets, sheet=2).attrs["intake"].sheet == "copy"
    # the history beside the 2020 values: reading one drops the other's years, said (stop 43)
    wide = [["指标名称", "2018年", "2019年"], ["技术经纪人", 2, 3]]
    p = xlsx("h.xlsx", wide, sheets={"2020年数据": [["指标名称", "数值"], ["技术经纪人", 4]]})
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc)[0].endswith("save each sheet as a file and give them together with several --data (values "
                                  "they share must agree)")


# --------------------------------------------------------------------------------------
# nothing silent
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("header, letter, bad, known", [
    ("region,indicator_id,year,value,units", "E", "units", "unit"),
    ("regin,indicator_id,year,value,unit", "A", "regin", "region"),
    ("region,indicator_id,year,valeu,数值", "D", "valeu", "value"),
])
def test_near_miss_headers_are_errors(targets, header, letter, bad, known):
    p = Path("o.csv")
    p.write_text(header + "\n白银区,tech_contract_turnover,2019,3500,万元\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert f"o.csv:1:{letter}: column '{bad}' is close to '{known}' but not the same; rename it to '{known}' or " \
           f"remove it" in lines(exc)


def test_unused_columns_are_warned(targets):
    p = Path("o.csv")
    p.write_text("indicator_id,year,value,填报人,联系电话\ntech_brokers,2019,3,张三,123\n", encoding="utf-8")
    df = intake.read_observations(p, targets)
    assert [str(w) for w in df.attrs["intake"].warnings] == [
        "o.csv:1:D: column '填报人' is not used (not a column this reader knows)",
        "o.csv:1:E: column '联系电话' is not used (not a column this reader knows)"]


def test_stray_quote_is_an_error_where_it_starts(targets):
    rows = ["indicator_id,year,value,note"] + [f"tech_brokers,{2000 + i},{i},ok" for i in range(2, 6)]
    rows.insert(2, 'high_tech_enterprises,2019,5,"约数')
    p = Path("q.csv")
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc)[0].startswith("q.csv:3:: a quote opened on this row swallows the rows after it")


def test_multiline_note_in_quotes_is_fine(targets):
    p = Path("q.csv")
    p.write_text('indicator_id,year,value,note\ntech_brokers,2019,3,"第一行\n第二行"\ntech_brokers,2018,2,\n',
                 encoding="utf-8")
    df = intake.read_observations(p, targets)
    assert df["value"].tolist() == [2.0, 3.0]


def test_formula_without_saved_value(targets):
    p = xlsx("f.xlsx", [["指标代码", "年份", "数值"], ["tech_brokers", 2018, 2], ["tech_brokers", 2019, "=B3-2016"]])
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == ["f.xlsx[Sheet1]:3:C: C3 holds the formula '=B3-2016' without a saved result: open and "
                          "save the file in Excel/WPS, or paste the value"]


@pytest.mark.parametrize("rows, expected", [
    # a wide table's year headers as formulas (2015, =B1+1): an error at each, not years dropped and "passed"
    ([["指标代码", "2018", "=B1+1"], ["tech_brokers", 2, 3]],
     ["f.xlsx[Sheet1]:1:C: C1 holds the formula '=B1+1' without a saved result: open and save the file in "
      "Excel/WPS, or paste the value"]),
    # a year cell and a region cell: an error, not "year empty" or the default region
    ([["地区", "指标代码", "年份", "数值"], ["平川区", "tech_brokers", 2018, 2], ["=A2", "tech_brokers", "=C2+1", 3]],
     ["f.xlsx[Sheet1]:3:A: A3 holds the formula '=A2' without a saved result: open and save the file in "
      "Excel/WPS, or paste the value",
      "f.xlsx[Sheet1]:3:C: C3 holds the formula '=C2+1' without a saved result: open and save the file in "
      "Excel/WPS, or paste the value"]),
    # a unit typed as a formula: an error, not the catalogue's unit (152 百万元 read as 152 亿元 before)
    ([["指标代码", "年份", "数值", "单位"], ["tech_contract_turnover", 2019, 152, '="百万元"']],
     ["f.xlsx[Sheet1]:2:D: D2 holds the formula '=\"百万元\"' without a saved result: open and save the file in "
      "Excel/WPS, or paste the value"]),
    # an id cell: not read by the row's name instead
    ([["指标代码", "指标名称", "年份", "数值"], ["tech_brokers", "技术经纪人", 2018, 2], ["=A2", "技术经纪人", 2019, 3]],
     ["f.xlsx[Sheet1]:3:A: A3 holds the formula '=A2' without a saved result: open and save the file in "
      "Excel/WPS, or paste the value"]),
])
def test_formula_without_saved_value_in_a_header_or_key_cell(targets, rows, expected):
    """openpyxl (any script) saves formulas without their results: such a cell read as empty dropped
    year columns, put the default region or the catalogue's unit in its place, silently."""
    with pytest.raises(InputError) as exc:
        intake.read_observations(xlsx("f.xlsx", rows), targets, lang="en")
    assert lines(exc) == expected
    assert not [w for w in exc.value.problems if "no header" in w.message]


@pytest.mark.parametrize("rows", [
    [["指标名称", "计量单位", "2019年", "2020年（快报）"], ["高新技术企业", "家", 8, 9]],
    [["指标名称", "计量单位", "年份", "数值"], ["高新技术企业", "家", "2019年", 8], ["高新技术企业", "家", "2020年快报", 9]],
])
def test_a_year_written_as_preliminary_marks_its_values_so(targets, rows):
    """2020年（快报） over a column or in a year cell: read as 2020, and 2020 said preliminary, as a note
    saying 快报 is (the report's title line carries it)."""
    df = intake.read_observations(xlsx("k.xlsx", rows), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2019: 8.0, 2020: 9.0}
    assert df.attrs["intake"].preliminary == [2020]


def test_percent_formatted_cells(targets):
    def pct(ws):
        for row in ws.iter_rows(min_row=2, max_row=3, min_col=3, max_col=4):
            for c in row:
                c.number_format = "0.00%"
    p = xlsx("p.xlsx", [["指标名称", "计量单位", "2018年", "2019年"],
                        ["战略性新兴产业增加值占生产总值比重", "%", 0.0061, 0.0064],
                        ["科技特派员对贫困村覆盖率", "%", 0.92, 0.97], ["高新技术企业", "家", 5, 6]], fmt=pct)
    df = intake.read_observations(p, targets)
    assert series(df, "strategic_emerging_share") == {2018: pytest.approx(0.61), 2019: pytest.approx(0.64)}
    assert series(df, "poor_village_commissioner_coverage") == {2018: pytest.approx(92), 2019: pytest.approx(97)}
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}


def test_a_number_typed_as_text_in_a_percent_formatted_cell_is_read_as_typed(targets):
    """The sheet shows 0.64 (text is not formatted): 0.64 %, never 64 % (the 0.7 % target then met)."""
    def pct(ws):
        for c in ws[2][2:]:
            c.number_format = "0.00%"
    p = xlsx("p.xlsx", [["指标名称", "计量单位", "2017年", "2018年", "2019年"],
                        ["战略性新兴产业增加值占生产总值比重", "%", 0.0053, "0.61", "0.64%"]], fmt=pct)
    df = intake.read_observations(p, targets)
    assert series(df, "strategic_emerging_share") == {2017: pytest.approx(0.53), 2018: 0.61, 2019: 0.64}


def test_percent_formatted_cell_for_a_count_is_an_error(targets):
    def pct(ws):
        ws["C2"].number_format = "0%"
    p = xlsx("p.xlsx", [["指标代码", "年份", "数值"], ["tech_brokers", 2019, 0.3]], fmt=pct)
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == ["p.xlsx[Sheet1]:2:C: unit '%' cannot be converted to 人 (the catalogue unit of tech_brokers)"]


@pytest.mark.parametrize("cell, column", [("٣", "C"), ("३", "C")])
def test_other_digits_are_rejected(targets, cell, column):
    p = Path("d.csv")
    p.write_text(f"indicator_id,year,value\ntech_brokers,2019,{cell}\ntech_brokers,٢٠١٨,3\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == [f"d.csv:2:{column}: '{cell}' uses digits other than 0-9 (only ASCII and full-width "
                          "digits are read)",
                          "d.csv:3:B: '٢٠١٨' uses digits other than 0-9 (only ASCII and full-width digits are read)"]


@pytest.mark.parametrize("value, unit", [("1e308", ""), ("1e308", "元"), ("9e307", "亿元"), ("1e16", "")])
def test_values_outside_a_sane_range(targets, value, unit):
    p = Path("r.csv")
    p.write_text(f"indicator_id,year,value,unit\ntech_brokers,2019,{value},{'人' if not unit else ''}\n"
                 f"tech_contract_turnover,2019,{value},{unit or '亿元'}\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == [f"r.csv:{r}:C: value '{value}' is outside the sane range (magnitude at most 1e+15)"
                          for r in (2, 3)]


# --------------------------------------------------------------------------------------
# limits and special files: one sentence, no file content quoted
# --------------------------------------------------------------------------------------

def test_file_size_limit(targets):
    p = Path("big.csv")
    p.write_text("indicator_id,year,value\n" + "tech_brokers,2019,3\n" * 100, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets, limits=Limits(max_file_bytes=1000))
    assert lines(exc) == ["big.csv::: file too large (0.0 MB, limit 0.0 MB; set ANALYSIS_MAX_FILE_MB to change)"]


def test_xlsx_part_size_checked_before_inflating(targets):
    p = Path("bomb.xlsx")
    shutil.copy(OFFICE / "B1_宽表_简单_ids.xlsx", p)
    with zipfile.ZipFile(p, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/zeros.bin", b"\0" * (3 * 2**20))
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets, limits=Limits(max_part_bytes=2**20))
    assert lines(exc) == ["bomb.xlsx::: workbook part xl/media/zeros.bin is too large uncompressed (3.0 MB, limit "
                          "1.0 MB; set ANALYSIS_MAX_PART_MB to change)"]


def test_one_huge_cell_in_xlsx(targets):
    p = xlsx("cell.xlsx", [["指标代码", "年份", "数值", "备注"], ["tech_brokers", 2019, 3, "x" * 5000]])
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets, limits=Limits(max_cell_chars=1000))
    assert lines(exc) == ["cell.xlsx[Sheet1]::: the sheet holds a cell longer than 1000 characters: refused"]


def test_row_limit(targets):
    p = Path("rows.csv")
    p.write_text("indicator_id,year,value\n" + "".join(f"tech_brokers,{2000 + i},1\n" for i in range(30)))
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets, limits=Limits(max_rows=10))
    assert lines(exc) == ["rows.csv::: too many rows (32, limit 10; set ANALYSIS_MAX_ROWS to change)"]


def test_fifo_is_refused_without_blocking(targets):
    os.mkfifo("pipe.csv")
    with pytest.raises(InputError) as exc:
        intake.read_observations("pipe.csv", targets)
    assert lines(exc) == ["pipe.csv::: not a regular file (a pipe, device or socket): refused"]


def test_device_is_refused(targets):
    with pytest.raises(InputError) as exc:
        intake.read_observations("/dev/zero", targets)
    assert lines(exc) == ["/dev/zero::: not a regular file (a pipe, device or socket): refused"]


def test_symlink_to_a_system_file_does_not_leak_it(targets):
    secret = Path("secret.txt")
    secret.write_text("root:x:0:0:TOPSECRET:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin\n", encoding="utf-8")
    os.symlink(secret.resolve(), "obs.csv")
    with pytest.raises(InputError) as exc:
        intake.read_observations("obs.csv", targets)
    text = "\n".join(lines(exc))
    assert "TOPSECRET" not in text and "root" not in text and text.startswith("obs.csv::: no header")
    if Path("/etc/passwd").exists():
        os.symlink("/etc/passwd", "passwd.csv")
        with pytest.raises(InputError) as exc:
            intake.read_observations("passwd.csv", targets)
        assert "root" not in "\n".join(lines(exc))


# --------------------------------------------------------------------------------------
# .ods (hand-written OpenDocument, with a percentage cell)
# --------------------------------------------------------------------------------------

def _ods(name: str, rows: list[list], *, row_attrs: dict[int, str] | None = None, columns: str = "") -> Path:
    """``row_attrs``: the attributes of the element of ``rows[i]`` (``table:number-rows-repeated="3"``);
    an empty row holds one empty cell. ``columns``: the ``table:table-column`` elements."""
    def cell(v):
        if isinstance(v, tuple):  # (value, "percentage")
            return (f'<table:table-cell office:value-type="percentage" office:value="{v[0]}">'
                    f'<text:p>{v[0] * 100}%</text:p></table:table-cell>')
        if isinstance(v, (int, float)):
            return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
    body = "".join(f"<table:table-row {(row_attrs or {}).get(i, '')}>" + ("".join(cell(v) for v in r) or "<table:table-cell/>")
                   + "</table:table-row>" for i, r in enumerate(rows))
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="数据">{columns}{body}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(name, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest)
        z.writestr("content.xml", content)
    return Path(name)


def test_ods_with_percentage_cells(targets):
    p = _ods("o.ods", [["指标名称", "计量单位", "2019年"], ["科技特派员对贫困村覆盖率", "%", (0.97, "pct")],
                       ["技术合同成交额", "万元", 13000]])
    df = intake.read_observations(p, targets)
    assert series(df, "poor_village_commissioner_coverage") == {2019: pytest.approx(97.0)}
    assert series(df, "tech_contract_turnover") == {2019: 1.3}



def test_ods_hidden_rows_and_columns_counted_through_repeated_elements(targets):
    """Hidden rows and columns of an .ods, found by counting ``number-rows-repeated`` /
    ``number-columns-repeated``: three empty hidden rows as one element, a hidden row after them,
    and LibreOffice's "hide every row and column below and right" (a million-row element) that
    stops at the sheet's last row and column."""
    rows = [["指标名称", "2018年", "2019年", "2020年"], [], ["高新技术企业", 5, 6, 18], ["技术经纪人", 2, 3, 3],
            ["科技型企业", 34, 39, 50], []]
    cols = ('<table:table-column table:number-columns-repeated="3"/><table:table-column table:visibility="collapse"/>'
            '<table:table-column table:number-columns-repeated="16380" table:visibility="collapse"/>')
    p = _ods("h.ods", rows, columns=cols, row_attrs={
        1: 'table:number-rows-repeated="3" table:visibility="collapse"', 3: 'table:visibility="collapse"',
        5: 'table:number-rows-repeated="1048568" table:visibility="collapse"'})
    grid = open_book(p).grid(0)
    assert grid.hidden_rows == {2, 3, 4, 6} and grid.hidden_cols == {3} and not grid.filtered_rows
    df = intake.read_observations(p, targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    assert series(df, "tech_based_enterprises") == {2018: 34.0, 2019: 39.0} and "tech_brokers" not in set(df["indicator_id"])
    assert [str(w) for w in df.attrs["intake"].warnings] == [
        "h.ods[数据]:1:D: the 2020 column is hidden: not read (only what the sheet shows is read; unhide it to read it)",
        "h.ods[数据]:6:: rows 6 are hidden: not read (only what the sheet shows is read; unhide them to read them)"]

# --------------------------------------------------------------------------------------
# round trip: random long data written wide and transposed reads back identical
# --------------------------------------------------------------------------------------

_IDS = ["tech_brokers", "high_tech_enterprises", "tech_contract_turnover", "strategic_emerging_share",
        "invention_patents_per_10k", "maker_spaces"]


@st.composite
def _long(draw):
    ids = draw(st.lists(st.sampled_from(_IDS), min_size=1, max_size=4, unique=True))
    years = draw(st.lists(st.integers(2010, 2025), min_size=1, max_size=5, unique=True))
    rows = []
    for i in ids:
        for y in years:
            if draw(st.booleans()):
                v = draw(st.integers(0, 9999)) / draw(st.sampled_from([1, 10, 100]))
                cap = {"strategic_emerging_share": 100.0, "tech_contract_turnover": 999.0}.get(i, v)
                rows.append((i, y, float(min(v, cap))))
    return ids, sorted(years), rows


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=_long(), layout=st.sampled_from(["wide", "transposed"]), title=st.booleans())
def test_round_trip_wide_and_transposed(targets, tmp_path, data, layout, title):
    ids, years, rows = data
    got = {(i, y): v for i, y, v in rows}
    names = dict(zip(targets["id"], targets["name_zh"]))
    body = [["平川区监测表"], []] if title else []
    if layout == "wide":
        body.append(["序号", "指标名称", "计量单位"] + [f"{y}年" for y in years])
        for k, i in enumerate(ids, start=1):
            unit = targets.loc[targets["id"] == i, "unit"].iloc[0]
            body.append([k, names[i], unit] + [got.get((i, y)) for y in years])
    else:
        body.append(["年份"] + ids)
        for y in years:
            body.append([y] + [got.get((i, y)) for i in ids])
    p = xlsx(str(tmp_path / f"rt_{layout}.xlsx"), body)
    before = sha(p)
    df = intake.read_observations(p, targets)
    assert {(r.indicator_id, r.year): r.value for r in df.itertuples()} == got
    assert df.attrs["intake"].layout == layout
    assert df.attrs["intake"].blank == len(ids) * len(years) - len(rows)
    assert sha(p) == before


def test_total_rows_and_units_after_names_in_a_wide_sheet(targets):
    p = xlsx("v.xlsx", [["2019年平川区科技指标"],
                        ["指标", "计量单位", 2018, 2019, "2019年比上年增长（%）"],
                        ["技术市场合同交易额（万元）", None, 10400, 13000, 25], ["高新技术企业", "家", 5, 6, 20],
                        ["合计", None, 10405, 13006, None]])
    df = intake.read_observations(p, targets)
    assert series(df, "tech_contract_turnover") == {2018: 1.04, 2019: 1.3}
    info = df.attrs["intake"]
    assert info.skipped_rows == [5]
    assert [str(w) for w in info.warnings] == [
        "v.xlsx[Sheet1]:2:E: column '2019年比上年增长（%）' is not used: growth is computed here from the yearly values"]


def test_a_number_merged_over_two_years_is_an_error(targets):
    def merge(ws):
        ws.merge_cells("B2:C2")
    p = xlsx("m.xlsx", [["指标代码", "2018", "2019"], ["tech_brokers", 3, None], ["high_tech_enterprises", 5, 6]],
             fmt=merge)
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == ["m.xlsx[Sheet1]:2:C: this cell is part of the merged range B2:C2: its value cannot be "
                          "assigned to one year or indicator; unmerge and fill each cell"]


def test_sparse_sheet_that_would_expand_is_refused(targets):
    def far(ws):
        ws["ZZ900000"] = 1
    p = xlsx("sparse.xlsx", [["指标代码", "年份", "数值"], ["tech_brokers", 2019, 3]], fmt=far)
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets, limits=Limits(max_cells=1_000_000))
    assert lines(exc) == ["sparse.xlsx[Sheet1]::: too many cells (about 631800000, limit 1000000; set "
                          "ANALYSIS_MAX_CELLS to change)"]


def test_tab_separated_with_a_title_line(targets):
    p = Path("t.txt")
    p.write_text("平川区监测数据\n指标代码\t年份\t数值\ntech_brokers\t2019\t3\n", encoding="gbk")
    df = intake.read_observations(p, targets)
    assert df["value"].tolist() == [3.0] and df.attrs["intake"].header_rows == [2]


def test_out_of_memory_is_one_sentence(targets, monkeypatch):
    p = Path("o.csv")
    p.write_text("indicator_id,year,value\ntech_brokers,2019,3\n", encoding="utf-8")

    def boom(*a, **k):
        raise MemoryError

    monkeypatch.setattr(checks, "parse_values", boom)
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == ["o.csv::: not enough memory to read this file: split it or keep only the data sheet"]


def test_section_headings_and_sub_rows_in_a_wide_sheet(targets):
    p = xlsx("h.xlsx", [["序号", "指标名称", "计量单位", "2018年", "2019年"],
                        ["一、", None, None, None, None],
                        [None, "一、创新主体", None, None, None],
                        [1, "科技型企业", "家", 34, 39],
                        [None, "其中：高新技术企业", "家", 5, 6],
                        [None, "（二）创新平台", None, None, None],
                        [2, "1.省级企业技术中心", "家", 4, 5]])
    df = intake.read_observations(p, targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    assert series(df, "enterprise_tech_centres") == {2018: 4.0, 2019: 5.0}
    assert df.attrs["intake"].skipped_rows == [2, 3, 6]


def test_footnote_marks_after_names_in_a_wide_sheet(targets):
    """（注1）, *, ※ and ① after an indicator name are footnote marks: the name is read without
    them, and the summary lists the name as written."""
    p = xlsx("n.xlsx", [["指标名称", "计量单位", "2018年", "2019年"],
                        ["技术市场合同交易额（注1）", "万元", 10400, 13000],
                        ["高新技术企业*", "家", 5, 6],
                        ["院士工作站①", "个", 2, 2],
                        ["技术经纪人 ※", "人", 3, 4],
                        ["注1：含技术开发、转让、咨询、服务合同。", None, None, None]])
    df = intake.read_observations(p, targets)
    assert series(df, "tech_contract_turnover") == {2018: 1.04, 2019: 1.3}
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    assert series(df, "academician_workstations") == {2018: 2.0, 2019: 2.0}
    assert series(df, "tech_brokers") == {2018: 3.0, 2019: 4.0}
    info = df.attrs["intake"]
    assert any("技术市场合同交易额（注1）" in ln and "tech_contract_turnover" in ln for ln in info.lines())
    assert info.skipped_rows == [6]


@pytest.mark.parametrize("header, why", [
    ("2020年目标", "targets come from the target catalogue (--targets); the monitoring sheet gives observed values only"),
    ("目标值", "targets come from the target catalogue (--targets); the monitoring sheet gives observed values only"),
    ("2020年（预计）", "estimates and forecasts are not observed values"),
    ("比上年增长%", "growth is computed here from the yearly values"),
    ("2019年1-6月", "only whole-year values (year columns) are read"),
    ("上半年", "only whole-year values (year columns) are read"),
    ("联系人", None),
])
def test_a_column_beside_the_years_is_not_read_and_the_warning_says_why(targets, header, why):
    """A bureau sheet's target, estimate, growth or half-year column is never read as a year's value."""
    p = xlsx("w.xlsx", [["指标名称", "计量单位", "2018年", "2019年", header], ["高新技术企业", "家", 5, 6, 18]])
    df = intake.read_observations(p, targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    said = f": {why}" if why else " (not a column this reader knows)"
    assert [str(w) for w in df.attrs["intake"].warnings] == [f"w.xlsx[Sheet1]:1:E: column '{header}' is not used{said}"]


def test_regions_by_indicators_with_the_year_only_in_the_title(targets):
    """A city bureau's cross-section (2019年各区县…, regions as rows, indicators as columns) has no
    year column: the message says so and how to add it; with the column added the sheet is read."""
    rows = [["2019年各区县科技成果转化主要指标"],
            ["地区", "高新技术企业（家）", "技术经纪人（人）"], ["平川区", 6, 4], ["白银区", 18, 6]]
    with pytest.raises(InputError) as exc:
        intake.read_observations(xlsx("y.xlsx", rows), targets)
    assert lines(exc)[0].endswith(". The year seems to be only in the title '2019年各区县科技成果转化主要指标': "
                                  "add a year column with 2019 on every row")
    fixed = [rows[0], ["地区", "年份", "高新技术企业（家）", "技术经纪人（人）"], ["平川区", 2019, 6, 4], ["白银区", 2019, 18, 6]]
    df = intake.read_observations(xlsx("y2.xlsx", fixed), targets)
    assert {(r.region, r.indicator_id): r.value for r in df.itertuples()} == {
        ("平川区", "high_tech_enterprises"): 6.0, ("平川区", "tech_brokers"): 4.0,
        ("白银区", "high_tech_enterprises"): 18.0, ("白银区", "tech_brokers"): 6.0}


def test_regions_as_columns_are_read_with_the_year_of_the_title_or_sheet(targets):
    """A city bureau's one-year table with one column per region (指标名称 | 平川区 | 白银区): each
    region's values of the title's (or else the sheet name's) year, said; a bad cell is named where
    it is; without a year anywhere the message names the region columns and how to turn the table."""
    rows = [["2019年各区县科技成果转化主要指标"], ["指标名称", "计量单位", "平川区", "白银区"], ["高新技术企业", "家", 6, 18],
            ["技术市场合同交易额", "万元", 13000, "约2万"]]
    with pytest.raises(InputError) as exc:
        intake.read_observations(xlsx("r.xlsx", rows), targets)
    assert lines(exc) == ["r.xlsx[Sheet1]:4:D: not a number: '约2万'; write the exact number (put words such as 约, 以上, 左右 in the note column)"]  # the cell of 白银区's turnover
    rows[3][3] = 25000
    df = intake.read_observations(xlsx("r.xlsx", rows), targets)
    assert {(r.region, r.indicator_id, r.year): r.value for r in df.itertuples()} == {
        ("平川区", "high_tech_enterprises", 2019): 6.0, ("白银区", "high_tech_enterprises", 2019): 18.0,
        ("平川区", "tech_contract_turnover", 2019): 1.3, ("白银区", "tech_contract_turnover", 2019): 2.5}
    said = df.attrs["intake"].lines()
    assert "layout: wide (indicators as rows, regions as columns, one year); header on row 2" in said
    assert ("columns '平川区', '白银区' read as regions, the year 2019 from the title '2019年各区县科技成果转化主要指标' "
            "(2 cells)") in said
    wb = openpyxl.Workbook()   # the year in the sheet's name, no title
    wb.active.title = "2019年"
    for r in rows[1:]:
        wb.active.append(r)
    wb.save("s.xlsx")
    df = intake.read_observations(Path("s.xlsx"), targets, lang="zh")
    assert set(zip(df["region"], df["year"])) == {("平川区", 2019), ("白银区", 2019)}
    assert "列 '平川区'、'白银区' 按地区读取，年份取自工作表名 '2019年'：2019 年（2 处）" in df.attrs["intake"].lines()
    with pytest.raises(InputError) as exc:   # no year anywhere: not guessed
        intake.read_observations(xlsx("n.xlsx", rows[1:]), targets)
    assert lines(exc) == [
        "n.xlsx[Sheet1]:1:: this row looks like the header but lacks the required columns: year (年份), value (数值). "
        "The columns '平川区', '白银区' look like regions: transpose the table so that each region is a row and each "
        "indicator a column (Excel: Paste Special, Transpose), or make it a long table (one column each for region, "
        "indicator, year and value)"]
    plain = [["指标名称", "计量单位", "备注"], ["高新技术企业", "家", ""]]   # no place names: no region hint
    with pytest.raises(InputError) as exc:
        intake.read_observations(xlsx("p.xlsx", plain), targets)
    assert "look like regions" not in lines(exc)[0]


#: 2019年各县区… with the regions in a second header row under 地区 (merged over them in .xlsx).
_BAND_ROWS = [["2019年各县区主要科技指标"], ["指标名称", "计量单位", "地区", None, None],
              [None, None, "平川区", "白银区", "靖远县"], ["高新技术企业", "家", 6, 18, 4],
              ["技术市场合同交易额", "万元", 13000, 25000, 8000]]


def _band_xlsx(name: str, rows: list[list], *, down: bool = True, sheet: str = "Sheet1") -> Path:
    """``rows`` as a workbook with 地区 merged over the region columns (the row of 指标名称) and, with
    ``down``, 指标名称 and 计量单位 merged down over both header rows."""
    h = next(k for k, r in enumerate(rows, 1) if r[0] == "指标名称")

    def merge(ws):
        ws.title = sheet
        ws.merge_cells(f"C{h}:E{h}")
        if down:
            ws.merge_cells(f"A{h}:A{h + 1}")
            ws.merge_cells(f"B{h}:B{h + 1}")
    return xlsx(name, rows, fmt=merge)


def _csv(name: str, rows: list[list]) -> Path:
    """``rows`` as a UTF-8 CSV file (a merged cell is its value then empty cells)."""
    p = Path(name)
    p.write_text("\n".join(",".join("" if c is None else str(c) for c in r) for r in rows) + "\n", encoding="utf-8")
    return p


def _by_region(df: pd.DataFrame) -> dict:
    return {(r.region, r.indicator_id, r.year): r.value for r in df.itertuples()}


@pytest.mark.parametrize("down", [True, False])
def test_regions_under_a_merged_label_read_as_regions_as_columns(targets, down):
    """地区 merged over 平川区 | 白银区 | 靖远县 in a second header row reads as the one-row header
    (指标名称 | 计量单位 | 平川区 | 白银区 | 靖远县): the same values, regions, year and note."""
    one = [_BAND_ROWS[0], ["指标名称", "计量单位", "平川区", "白银区", "靖远县"]] + _BAND_ROWS[3:]
    ref = intake.read_observations(xlsx("one.xlsx", one), targets)
    df = intake.read_observations(_band_xlsx("band.xlsx", _BAND_ROWS, down=down), targets)
    assert _by_region(df) == _by_region(ref) == {
        ("平川区", "high_tech_enterprises", 2019): 6.0, ("白银区", "high_tech_enterprises", 2019): 18.0,
        ("靖远县", "high_tech_enterprises", 2019): 4.0, ("平川区", "tech_contract_turnover", 2019): 1.3,
        ("白银区", "tech_contract_turnover", 2019): 2.5, ("靖远县", "tech_contract_turnover", 2019): 0.8}
    said, said_one = df.attrs["intake"].lines(), ref.attrs["intake"].lines()
    note = ("columns '平川区', '白银区', '靖远县' read as regions, the year 2019 from the title "
            "'2019年各县区主要科技指标' (3 cells)")
    assert note in said and note in said_one
    assert "layout: wide (indicators as rows, regions as columns, one year); header on rows 2-3" in said
    assert [x for x in said if "header on row" not in x and "file:" not in x] == [
        x for x in said_one if "header on row" not in x and "file:" not in x]


def test_regions_under_a_label_in_csv_and_a_bad_cell_named_where_it_is(targets):
    """In a CSV the merged 地区 is 地区 then empty cells; a bad value is named at its own cell."""
    df = intake.read_observations(_csv("band.csv", _BAND_ROWS), targets)
    assert set(zip(df["region"], df["year"])) == {("平川区", 2019), ("白银区", 2019), ("靖远县", 2019)}
    assert _by_region(df)[("靖远县", "tech_contract_turnover", 2019)] == 0.8
    assert ("columns '平川区', '白银区', '靖远县' read as regions, the year 2019 from the title "
            "'2019年各县区主要科技指标' (3 cells)") in df.attrs["intake"].lines()
    bad = [r if r[0] != "技术市场合同交易额" else r[:3] + ["约2万"] + r[4:] for r in _BAND_ROWS]
    with pytest.raises(InputError) as exc:
        intake.read_observations(_csv("bad.csv", bad), targets)
    assert lines(exc) == ["bad.csv:5:D: not a number: '约2万'; write the exact number (put words such as 约, 以上, 左右 in the note column)"]


def test_regions_under_a_label_take_the_sheet_name_year_said_in_zh(targets):
    df = intake.read_observations(_band_xlsx("s.xlsx", _BAND_ROWS[1:], sheet="2019年"), targets, lang="zh")
    assert set(zip(df["region"], df["year"])) == {("平川区", 2019), ("白银区", 2019), ("靖远县", 2019)}
    assert "列 '平川区'、'白银区'、'靖远县' 按地区读取，年份取自工作表名 '2019年'：2019 年（3 处）" in df.attrs["intake"].lines()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_regions_under_a_label_without_a_year_are_refused(targets, fmt):
    """No year in a title or the sheet's name: nothing is guessed; the message names the regions."""
    p = _band_xlsx("n.xlsx", _BAND_ROWS[1:]) if fmt == "xlsx" else _csv("n.csv", _BAND_ROWS[1:])
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    where = "n.xlsx[Sheet1]" if fmt == "xlsx" else "n.csv"
    assert lines(exc) == [
        f"{where}:1:: this row looks like the header but lacks the required columns: year (年份), value (数值). "
        "The columns '平川区', '白银区', '靖远县' look like regions: transpose the table so that each region is a "
        "row and each indicator a column (Excel: Paste Special, Transpose), or make it a long table (one column "
        "each for region, indicator, year and value)"]


#: 指标 | 年份 | 单位 | 平川区 | 白银区 | 靖远县: a row per indicator and year, a column per region, no value column.
_YEAR_COL_ROWS = [["序号", "指标", "年份", "单位", "平川区", "白银区", "靖远县"],
                  [1, "高新技术企业", 2018, "家", 5, 13, 4], [2, "高新技术企业", "2019年", "家", 6, 16, 4],
                  [3, "技术市场合同交易额", 2018, "万元", 10400, 27040, 7280],
                  [4, "tech_contract_turnover", 2019, "万元", 13000, 33800, 9100]]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_regions_as_columns_beside_a_year_column_each_row_its_year(targets, fmt):
    """A year column beside the indicator and one column per region (no value column): each region
    cell is that row's indicator and year, the column's region; 万元 converted; said how it was read."""
    p = xlsx("y.xlsx", _YEAR_COL_ROWS) if fmt == "xlsx" else _csv("y.csv", _YEAR_COL_ROWS)
    df = intake.read_observations(p, targets)
    assert _by_region(df) == {
        ("平川区", "high_tech_enterprises", 2018): 5.0, ("白银区", "high_tech_enterprises", 2018): 13.0,
        ("靖远县", "high_tech_enterprises", 2018): 4.0, ("平川区", "high_tech_enterprises", 2019): 6.0,
        ("白银区", "high_tech_enterprises", 2019): 16.0, ("靖远县", "high_tech_enterprises", 2019): 4.0,
        ("平川区", "tech_contract_turnover", 2018): 1.04, ("白银区", "tech_contract_turnover", 2018): 2.704,
        ("靖远县", "tech_contract_turnover", 2018): 0.728, ("平川区", "tech_contract_turnover", 2019): 1.3,
        ("白银区", "tech_contract_turnover", 2019): 3.38, ("靖远县", "tech_contract_turnover", 2019): 0.91}
    assert set(df["unit"][df["indicator_id"] == "tech_contract_turnover"]) == {"亿元"}
    said = df.attrs["intake"].lines()
    assert "layout: wide (indicators and years as rows, regions as columns); header on row 1" in said
    assert "columns '平川区', '白银区', '靖远县' read as regions, each row's year from column C '年份' (3 cells)" in said
    assert "unit converted: 万元 (10,000 yuan) → 亿元 (100 million yuan) (×0.0001) (6 cells)" in said
    assert "data rows 4; values 12; blank (not reported) 0; rows with errors 0" in said


def test_regions_beside_a_year_column_read_as_the_long_table_they_pivot(targets):
    """The three-district long sample turned into 指标 | 年份 | 平川区 | 白银区 | 靖远县 reads as the
    same observations; a year in the title does not override the year column."""
    long = intake.read_observations(OFFICE / "I1_三区县_长表.csv", targets)
    wide = long.pivot(index=["indicator_id", "year"], columns="region", values="value").reset_index()
    rows = [["2019年各县区主要科技指标"], ["指标代码", "年度", "平川区", "白银区", "靖远县"]] + [
        [r["indicator_id"], r["year"], r["平川区"], r["白银区"], r["靖远县"]] for _, r in wide.iterrows()]
    df = intake.read_observations(xlsx("i1.xlsx", rows), targets)
    assert _by_region(df) == _by_region(long) and len(df) == 264


def test_regions_beside_a_year_column_a_bad_cell_is_named_at_its_own_row_and_column(targets):
    """A value's problem names its own cell (the row's, the region column's); a year's, the year cell,
    once (not once per region)."""
    rows = [list(r) for r in _YEAR_COL_ROWS]
    rows[3][5] = "约2.7万"  # 白银区's turnover of 2018: row 4, column F
    rows[2][2] = "二零一九"  # row 3's year: column C
    rows[4][2] = None       # row 5 without a year
    with pytest.raises(InputError) as exc:
        intake.read_observations(xlsx("b.xlsx", rows), targets)
    assert lines(exc) == [
        "b.xlsx[Sheet1]:3:C: not a year: '二零一九'",
        "b.xlsx[Sheet1]:4:F: not a number: '约2.7万'; write the exact number (put words such as 约, 以上, 左右 in "
        "the note column)",
        "b.xlsx[Sheet1]:5:C: missing year (the cell is empty)"]


def test_regions_beside_a_year_column_a_hidden_region_and_an_estimate_row_are_not_read(targets):
    """A hidden region column is said and not read; a row's 预计数 note is its one year's (every region)."""
    rows = [r[:6] + ["备注" if k == 0 else "预计数" if k == 2 else ""] for k, r in enumerate(_YEAR_COL_ROWS)]

    def hide(ws):
        ws.column_dimensions["F"].hidden = True
    df = intake.read_observations(xlsx("h.xlsx", rows, fmt=hide), targets)
    assert set(zip(df["region"], df["indicator_id"], df["year"])) == {
        ("平川区", "high_tech_enterprises", 2018), ("平川区", "tech_contract_turnover", 2018),
        ("平川区", "tech_contract_turnover", 2019)}
    said = [str(w) for w in df.attrs["intake"].warnings]
    assert said[0] == ("h.xlsx[Sheet1]:1:F: the column of the region '白银区' is hidden: not read (only what the "
                       "sheet shows is read; unhide it to read it)")
    assert said[1].startswith("h.xlsx[Sheet1]:3:G: 平川区, high_tech_enterprises, 2019: the note '预计数' says")


def test_regions_beside_a_year_column_said_in_zh_and_without_a_year_column_still_refused(targets):
    df = intake.read_observations(_csv("z.csv", _YEAR_COL_ROWS), targets, lang="zh")
    said = df.attrs["intake"].lines()
    assert "布局：宽表（指标和年份为行、地区为列）；表头在第 1 行" in said
    assert "列 '平川区'、'白银区'、'靖远县' 按地区读取，每行的年份取自 C 列 '年份'（3 处）" in said
    no_year = [[c for k, c in enumerate(r) if k != 2] for r in _YEAR_COL_ROWS]  # the year column removed
    with pytest.raises(InputError) as exc:
        intake.read_observations(_csv("n.csv", no_year), targets, lang="zh")
    assert lines(exc) == [
        "n.csv:1:: 这一行像表头，但缺少必需的列：年份（year）、数值（value）。列名 '平川区'、'白银区'、'靖远县' 像地区："
        "每个地区一列的表请转置为每个地区一行、每个指标一列（Excel“选择性粘贴—转置”），或改为长表（地区、指标名称、年份、数值各一列）"]


def test_a_long_table_with_a_region_column_under_a_title_stays_long(targets):
    rows = [["2019年各县区主要科技指标"], ["地区", "指标名称", "年份", "数值", "计量单位"],
            ["平川区", "高新技术企业", 2019, 6, "家"], ["白银区", "高新技术企业", 2019, 18, "家"]]
    df = intake.read_observations(xlsx("l.xlsx", rows), targets)
    assert df.attrs["intake"].layout == "long"
    assert _by_region(df) == {("平川区", "high_tech_enterprises", 2019): 6.0,
                              ("白银区", "high_tech_enterprises", 2019): 18.0}


def test_percent_formatted_cells_in_old_xls(targets):
    df = intake.read_observations(OFFICE / "X2_百分比格式_xls.xls", targets)
    assert series(df, "strategic_emerging_share") == {2018: 0.61, 2019: 0.64}
    assert series(df, "poor_village_commissioner_coverage") == {2018: 92.0, 2019: 97.0}
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}



@pytest.mark.parametrize("fixture", ["X3_隐藏行列_xls.xls", "X4_隐藏行列_ods.ods"])
def test_hidden_rows_and_columns_of_old_xls_and_ods_as_of_xlsx(targets, fixture):
    """The same workbook saved as .xls or .ods reads as its .xlsx does: the hidden 2020 column and the
    hidden row (技术经纪人) said and not read (they were read silently: other numbers and verdicts
    by the format the clerk saved in); the rows an AutoFilter hides read and said, the title row
    hidden by hand above the filter's range is the clerk's."""
    shutil.copy(OFFICE / fixture, fixture)
    df = intake.read_observations(Path(fixture), targets, sheet="隐藏行列")
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    assert series(df, "tech_based_enterprises") == {2018: 34.0, 2019: 39.0} and "tech_brokers" not in set(df["indicator_id"])
    assert [str(w) for w in df.attrs["intake"].warnings] == [
        f"{fixture}[隐藏行列]:1:D: the 2020 column is hidden: not read (only what the sheet shows is read; unhide it "
        "to read it)",
        f"{fixture}[隐藏行列]:3:: rows 3 are hidden: not read (only what the sheet shows is read; unhide them to read them)"]
    zh = intake.read_observations(Path(fixture), targets, sheet="隐藏行列", lang="zh")
    assert [str(w) for w in zh.attrs["intake"].warnings] == [
        f"{fixture}[隐藏行列]:1:D: 2020年这一列是隐藏列，未读取（只读表中看得见的数据；如需读取请取消隐藏）",
        f"{fixture}[隐藏行列]:3:: 第 3 行是隐藏行，未读取（只读表中看得见的数据；如需读取请取消隐藏）"]
    book = open_book(Path(fixture))
    filt = book.grid(book.sheet_names.index("筛选"))
    assert filt.hidden_rows == {1} and filt.filtered_rows == {3, 5}
    df = intake.read_observations(Path(fixture), targets, sheet="筛选")
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0} and len(df) == 4
    assert any(ln.startswith("rows 3, 5 hidden by an AutoFilter are read") for ln in df.attrs["intake"].lines())

@pytest.mark.parametrize("layout", ["wide", "transposed"])
def test_empty_top_left_header_found_by_content(targets, layout):
    if layout == "wide":
        rows = [["平川区主要指标"], [None, 2018, 2019], ["技术合同成交额（万元）", 10400, 13000], ["高新技术企业", 5, 6]]
    else:
        rows = [[None, "技术合同成交额（万元）", "高新技术企业"], [2018, 10400, 5], [2019, 13000, 6]]
    df = intake.read_observations(xlsx("e.xlsx", rows), targets)
    assert series(df, "tech_contract_turnover") == {2018: 1.04, 2019: 1.3}
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    assert df.attrs["intake"].layout == layout


# ------------------------------------------------ what is not an actual value, what the clerk hid
def test_a_year_under_a_target_label_is_not_read_as_an_actual_value(targets):
    """规划目标 over 2020年 (beside 实际完成情况 over 2015-2019), or 目标值 / 预计完成 under a merged
    2020年: the targets would otherwise be read as 2020's actual values (every target "met")."""
    band = [["平川区主要指标完成情况"], ["序号", "指标名称", "实际完成情况", None, "规划目标"],
            [None, None, "2018年", "2019年", "2020年"], [1, "高新技术企业", 5, 6, 18]]
    df = intake.read_observations(xlsx("band.xlsx", band, fmt=lambda ws: [ws.merge_cells(r) for r in (
        "A2:A3", "B2:B3", "C2:D2")]), targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    assert [str(w) for w in df.attrs["intake"].warnings] == [
        "band.xlsx[Sheet1]:3:E: the 2020 column is headed '规划目标': a target or an estimate, not read as an "
        "actual value"]

    def merge(ws):
        for rng in ("A1:A2", "B1:B2", "C1:C2", "D1:E1"):
            ws.merge_cells(rng)

    under = [["序号", "指标名称", "2019年", "2020年", None], [None, None, None, "目标值", "预计完成"],
             [1, "高新技术企业", 6, 18, 9]]
    df = intake.read_observations(xlsx("under.xlsx", under, fmt=merge), targets)
    assert series(df, "high_tech_enterprises") == {2019: 6.0}
    info = df.attrs["intake"]
    assert info.header_rows == [1, 2] and [(w.row, w.column) for w in info.warnings] == [(2, "D"), (2, "E")]
    # a title with 目标 over the whole table is a title, not a label: every year is read
    title = [["目标任务", None, None], ["指标名称", "2018年", "2019年"], ["高新技术企业", 5, 6]]
    df = intake.read_observations(xlsx("title.xlsx", title, fmt=lambda ws: ws.merge_cells("A1:C1")), targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}


def test_hidden_rows_columns_and_sheets_are_said_and_not_read(targets):
    """What the sheet shows is what is read: a hidden 2020 column (the targets, kept for the
    clerk), a hidden row and a hidden sheet (last year's) are named in warnings, not read."""
    rows = [["指标名称", "2018年", "2019年", "2020年"], ["高新技术企业", 5, 6, 18], ["技术经纪人", 2, 3, 3]]

    def hide(ws):
        ws.column_dimensions["D"].hidden = True
        ws.row_dimensions[3].hidden = True

    df = intake.read_observations(xlsx("h.xlsx", rows, fmt=hide), targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    assert "tech_brokers" not in set(df["indicator_id"])
    assert [str(w) for w in df.attrs["intake"].warnings] == [
        "h.xlsx[Sheet1]:1:D: the 2020 column is hidden: not read (only what the sheet shows is read; unhide it "
        "to read it)",
        "h.xlsx[Sheet1]:3:: rows 3 are hidden: not read (only what the sheet shows is read; unhide them to read them)"]
    old = [["指标名称", "2017年", "2018年"], ["高新技术企业", 4, 50]]
    wb = openpyxl.Workbook()
    wb.active.title = "2018年报(旧)"
    for r in old:
        wb.active.append(r)
    wb.active.sheet_state = "hidden"
    ws = wb.create_sheet("2019年报")
    for r in rows[:2]:
        ws.append(r[:3])
    wb.save("s.xlsx")
    df = intake.read_observations(Path("s.xlsx"), targets)
    assert df.attrs["intake"].sheet == "2019年报" and series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    assert [str(w) for w in df.attrs["intake"].warnings] == ["s.xlsx::: hidden sheet '2018年报(旧)' not read"]
    df = intake.read_observations(Path("s.xlsx"), targets, sheet="2018年报(旧)")  # named: read
    assert series(df, "high_tech_enterprises") == {2017: 4.0, 2018: 50.0}


@pytest.mark.parametrize("head, year", [
    ("二〇一九年", 2019), ("二零一九年", 2019), ("2019年（快报）", 2019), ("2019年(快报)", 2019), ("2019年报", 2019),
    ("2019年实际", 2019), ("2017-01-01T00:00:00", 2017), ("2019年（预计）", None), ("2019年目标", None),
    ("2019-06-30", None), ("2019年1-6月", None), ("2019年末", 2019), ("2019年底", 2019), ("2019年全年", 2019),
    ("2019年1-12月", 2019), ("2019年1—12月", 2019), ("2019年1-11月", None), ("2019年末（快报）", 2019), ("2019年末数", 2019),
])
def test_year_headers_as_bureaus_write_them(head, year):
    from analysis.io.contract import year_header

    assert year_header(head) == year


def test_a_wide_table_with_years_written_several_ways_reads_every_year_and_says_how(targets):
    import datetime as dt

    def fmt(ws):
        ws["B1"].number_format = 'yyyy"年"'

    rows = [["指标名称", dt.datetime(2017, 1, 1), "2018年", "二〇一九年", "2020年（快报）"], ["高新技术企业", 4, 5, 6, 7]]
    df = intake.read_observations(xlsx("y.xlsx", rows, fmt=fmt), targets)
    assert series(df, "high_tech_enterprises") == {2017: 4.0, 2018: 5.0, 2019: 6.0, 2020: 7.0}
    said = [t.strip() for t in df.attrs["intake"].lines() if "read as the year" in t]
    assert said == ["header '2017-01-01' read as the year 2017 (1 cell)",   # in the order of the years
                    "header '二〇一九年' read as the year 2019 (1 cell)",
                    "header '2020年（快报）' read as the year 2020 (1 cell)"]
    rows = [["指标名称", "二〇一七年", "二〇一八年", "二〇一九年"], ["高新技术企业", 4, 5, 6]]
    said = [t.strip() for t in intake.read_observations(xlsx("y.xlsx", rows), targets).attrs["intake"].lines()
            if "read as the year" in t]
    assert [s.split("'")[1] for s in said] == ["二〇一七年", "二〇一八年", "二〇一九年"]


def test_total_rows_with_a_serial_number_or_a_unit_are_skipped_and_said(targets):
    rows = [["序号", "指标名称", "2018年", "2019年"], [1, "高新技术企业", 5, 6], [2, "科技型企业", 34, 39],
            [3, "合  计", 39, 45], [4, "平川区合计", 39, 45], [5, "小计（家）", 39, 45]]
    df = intake.read_observations(xlsx("tot.xlsx", rows), targets)
    assert set(df["indicator_id"]) == {"high_tech_enterprises", "tech_based_enterprises"}
    assert df.attrs["intake"].skipped_rows == [4, 5, 6]


@pytest.mark.parametrize("cell, said", [
    ("/ ", None),                                              # a marker with a blank after it: not reported
    ("未统计", "; leave it empty or write '—' when not reported (0 when it is zero)"),
    ("1.3亿", "; write the whole unit (e.g. '1.3亿元', '13000万元'), or only the number with its unit in the unit column"),
    ("39（含拟认定）", "; put the remark in the note column and only the number here"),  # (39（快报）: read, stop 41)
    # what a clerk types where the actual value is not known yet, or not exactly
    ("预计45", "; an estimate or a plan is not an actual value and is not read as one: write the actual value, or "
             "leave the cell empty while there is none"),
    ("38~40", "; the cell must hold one number, not a range: write the actual value"),
    ("约3", "; write the exact number (put words such as 约, 以上, 左右 in the note column)"),
    ("3人以上", "; write the exact number (put words such as 约, 以上, 左右 in the note column)"),
])
def test_a_cell_that_is_not_a_number_says_how_to_write_it(targets, cell, said):
    rows = [["指标名称", "2018年", "2019年"], ["技术经纪人", 2, cell]]
    if said is None:
        df = intake.read_observations(xlsx("n.xlsx", rows), targets)
        assert series(df, "tech_brokers") == {2018: 2.0} and df.attrs["intake"].blank == 1
        return
    with pytest.raises(InputError) as exc:
        intake.read_observations(xlsx("n.xlsx", rows), targets)
    assert lines(exc) == [f"n.xlsx[Sheet1]:2:C: not a number: {cell!r}{said}"]


def test_one_region_column_beside_a_year_column_is_that_regions_values(targets):
    """指标 | 年份 | 单位 | 平川区: with a year column, one place-named column is enough (no 数值 header)."""
    rows = [["指标", "年份", "单位", "平川区"], ["高新技术企业", 2018, "家", 5], ["高新技术企业", 2019, "家", 6],
            ["技术市场合同交易额", 2019, "万元", 13000]]
    df = intake.read_observations(xlsx("one.xlsx", rows), targets)
    assert sorted(zip(df["region"], df["indicator_id"], df["year"], df["value"])) == [
        ("平川区", "high_tech_enterprises", 2018, 5.0), ("平川区", "high_tech_enterprises", 2019, 6.0),
        ("平川区", "tech_contract_turnover", 2019, 1.3)]
    # without the year column one place is not taken for a region column (the header error as before)
    with pytest.raises(InputError):
        intake.read_observations(xlsx("none.xlsx", [["指标", "单位", "平川区"], ["高新技术企业", "家", 5]]), targets)


def test_names_written_once_after_merged_groups_are_filled_down(targets):
    """地区 merged over its first region's rows, then typed once over the next region's: the copies a
    merge made are not names typed again, so the column still reads as written once per group."""
    rows = [["地区", "指标名称", "年份", "数值"], ["平川区", "高新技术企业", 2018, 5], [None, "高新技术企业", 2019, 6],
            ["白银区", "高新技术企业", 2018, 13], [None, "高新技术企业", 2019, 16]]
    df = intake.read_observations(xlsx("m.xlsx", rows, fmt=lambda ws: ws.merge_cells("A2:A3")), targets)
    assert sorted(zip(df["region"], df["year"], df["value"])) == [("平川区", 2018, 5.0), ("平川区", 2019, 6.0),
                                                                  ("白银区", 2018, 13.0), ("白银区", 2019, 16.0)]
    assert any(line.startswith("column A '地区' is filled on the first row") for line in df.attrs["intake"].lines())


def test_a_name_column_beside_complete_ids_is_not_filled_down(targets):
    """The ids on every row, the name (and 万元) only on the first: the names only check the ids, so they
    are not filled down (which would contradict the ids), nor the unit by them."""
    text = ("指标代码,指标名称,年份,数值,单位\ntech_contract_turnover,技术市场合同交易额,2019,10400,万元\n"
            "high_tech_enterprises,,2019,6,\ntech_brokers,,2019,4,\n")
    p = Path("ids.csv")
    p.write_text(text, encoding="utf-8")
    df = intake.read_observations(p, targets)
    assert dict(zip(df["indicator_id"], df["value"])) == {"tech_contract_turnover": 1.04, "high_tech_enterprises": 6.0,
                                                          "tech_brokers": 4.0}
    assert not [line for line in df.attrs["intake"].lines() if "filled on the first row" in line]


def test_a_number_in_a_date_formatted_cell_says_so(targets):
    """6 typed into a cell formatted as a date shows as 1900-01-06: the message says why."""
    import datetime

    rows = [["指标名称", "2018年", "2019年"], ["技术经纪人", 2, datetime.datetime(1900, 1, 6)]]
    with pytest.raises(InputError) as exc:
        intake.read_observations(xlsx("d.xlsx", rows), targets)
    assert lines(exc) == ["d.xlsx[Sheet1]:2:C: not a number: '1900-01-06'; a date, not a number (in a cell formatted "
                          "as a date the number 6 shows as 1900-01-06): set its format to General or Number and check "
                          "the value"]


def test_a_second_table_under_the_first_is_an_error_a_repeated_header_is_skipped(targets):
    """Two tables stacked on one sheet: the second's values would be read under the first's years
    (2017 as 2018 ...): an error at its header row. The same header again (a page break) is skipped."""
    stacked = [["指标名称", "2018年", "2019年"], ["高新技术企业", 5, 6], [None], ["指标名称", "2017年", "2018年"],
               ["技术经纪人", 1, 2]]
    with pytest.raises(InputError) as exc:
        intake.read_observations(xlsx("two.xlsx", stacked), targets)
    assert lines(exc) == ["two.xlsx[Sheet1]:4:: this row looks like the header of another table (years 2017, 2018): "
                          "one sheet holds one table, or the values below would be read under the first table's "
                          "years; move this table to another sheet or file"]
    again = [["指标名称", "2018年", "2019年"], ["高新技术企业", 5, 6], ["指标名称", "2018年", "2019年"], ["技术经纪人", 1, 2]]
    df = intake.read_observations(xlsx("again.xlsx", again), targets)
    assert series(df, "tech_brokers") == {2018: 1.0, 2019: 2.0} and df.attrs["intake"].skipped_rows == [3]


def test_values_a_clerk_should_look_at_again_are_warned_never_changed(targets):
    """A value over a hundred times its target (150 亿元 for 1.35: 万元 figures misplaced, or a slip), a
    fraction of an enterprise, a share written as a fraction among percentages: read as written, each
    warned at its cell. (Over 1000 times, 13000 under 亿元, it is refused: test_intake.)"""
    rows = [["指标名称", "计量单位", "2018年", "2019年"], ["全区技术市场合同交易额", "亿元", 1.04, 150],
            ["高新技术企业", "家", 5, 6.5], ["科技特派员对贫困村覆盖率", "%", 92, 0.97]]
    df = intake.read_observations(xlsx("p.xlsx", rows), targets)
    assert series(df, "tech_contract_turnover") == {2018: 1.04, 2019: 150.0}
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.5}
    assert series(df, "poor_village_commissioner_coverage") == {2018: 92.0, 2019: 0.97}
    said = [(w.row, w.column, w.message.split(":")[0].split(" ")[0]) for w in df.attrs["intake"].warnings]
    assert said == [(2, "D", "tech_contract_turnover"), (3, "D", "high_tech_enterprises"),
                    (4, "D", "poor_village_commissioner_coverage")]
    assert "111 times the target" in df.attrs["intake"].warnings[0].message


def test_a_small_share_growing_or_beside_another_regions_is_not_called_a_fraction(targets, tmp_path):
    """0.3 % rising to 10.7 %: a real share, no warning (stop 38); 0.97 beside the same region's 92
    and 88 still is one; a region's 0.8 % is warned for its target (100 %), not for another's 92 %."""
    p = tmp_path / "s.csv"
    p.write_text("region,indicator_id,year,value\n"
                 + "".join(f"甲区,poor_village_commissioner_coverage,{y},{v}\n"
                           for y, v in zip(range(2012, 2020), [0.3, 0.4, 0.7, 1.5, 3.0, 5.2, 8.0, 10.7]))
                 + "乙区,poor_village_commissioner_coverage,2018,0.8\n丙区,poor_village_commissioner_coverage,2018,92\n"
                 + "丁区,poor_village_commissioner_coverage,2017,92\n丁区,poor_village_commissioner_coverage,2018,88\n"
                 + "丁区,poor_village_commissioner_coverage,2019,0.97\n", encoding="utf-8")
    df = intake.read_observations(p, targets)
    warned = [(w.row, w.column, "目标值" in w.message or "below the target" in w.message)
              for w in df.attrs["intake"].warnings]
    assert warned == [(10, "D", True), (14, "D", False)]


def test_a_unit_stated_in_the_title_is_used_and_said(targets):
    rows = [["平川区技术合同成交额（单位：万元）"], ["指标名称", "2018年", "2019年"], ["技术市场合同交易额", 10400, 13000]]
    df = intake.read_observations(xlsx("t.xlsx", rows), targets)
    assert series(df, "tech_contract_turnover") == {2018: 1.04, 2019: 1.3}
    assert any("unit statement '平川区技术合同成交额（单位：万元）' on row 1" in x
               or "平川区技术合同成交额（单位：万元）" in x for x in df.attrs["intake"].lines())


@pytest.mark.parametrize("lang, said", [
    ("zh", ["单位换算：元 → 亿元（×0.00000001）（2 处）", "单位换算：千元 → 亿元（×0.00001）（1 处）"]),
    ("en", ["unit converted: 元 (yuan) → 亿元 (100 million yuan) (×0.00000001) (2 cells)",
            "unit converted: 千元 (1,000 yuan) → 亿元 (100 million yuan) (×0.00001) (1 cell)"]),
])
def test_a_unit_conversion_is_said_with_a_plain_factor_and_english_units(targets, lang, said):
    """元 to 亿元 is ×0.00000001 (not 1E-8); in English the file's unit is kept and glossed."""
    head = ["指标名称", "单位", "2018", "2019"]
    for name, row, sentence in [("y.xlsx", ["技术市场合同交易额", "元", 100_000_000, 130_000_000], said[0]),
                                ("k.xlsx", ["技术市场合同交易额", "千元", 100_000, None], said[1])]:
        df = intake.read_observations(xlsx(name, [head, row]), targets, lang=lang)
        assert series(df, "tech_contract_turnover")[2018] == pytest.approx(1.0)
        assert [s.strip() for s in df.attrs["intake"].lines() if "→ 亿元" in s] == [sentence]


@pytest.mark.parametrize("this, last", [("本年实际", "上年同期"), ("本年", "上年"), ("本期", "上年同期数"),
                                        ("本年累计", "去年同期")])
def test_this_and_last_year_columns_are_read_as_the_titles_year_and_said(targets, this, last):
    """A bureau's one-year sheet (平川区2019年…完成情况 | 本年实际 | 上年同期): 2019 and 2018, said with the
    title; the growth column is left out as before."""
    rows = [["平川区2019年科技成果转移转化指标完成情况"], ["指标名称", "计量单位", this, last, "增长（%）"],
            ["高新技术企业", "家", 6, 5, 20], ["技术市场合同交易额", "万元", 13000, 10400, 25]]
    df = intake.read_observations(xlsx("p.xlsx", rows), targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    assert series(df, "tech_contract_turnover") == {2018: 1.04, 2019: 1.3}
    said = [s.strip() for s in df.attrs["intake"].lines() if "from the title" in s]
    assert sorted(said) == sorted(f"header '{h}' read as the year {y} (from the title "
                                  f"'平川区2019年科技成果转移转化指标完成情况') (1 cell)" for h, y in ((this, 2019), (last, 2018)))


def test_this_year_columns_without_a_year_in_the_title_are_not_guessed(targets):
    for title in ("平川区科技成果转移转化指标完成情况", "平川区2019年1-9月科技指标"):   # no year; part of a year
        rows = [[title], ["指标名称", "计量单位", "本年实际", "上年同期"], ["高新技术企业", "家", 6, 5]]
        with pytest.raises(InputError) as exc:
            intake.read_observations(xlsx("n.xlsx", rows), targets)
        assert "lacks the required columns: year" in lines(exc)[0]


@pytest.mark.parametrize("title, headers, years", [
    ("平川区2020年统计年鉴  主要科技指标", ["指标名称", "计量单位", "数值"], {2019: 6.0}),
    ("《平川统计年鉴2020》12-3 主要科技指标", ["指标名称", "计量单位", "本年", "上年"], {2019: 6.0, 2018: 5.0}),
])
def test_a_yearbook_table_holds_the_figures_of_the_year_before_its_edition(targets, title, headers, years):
    """The 2020 yearbook's one-year table is 2019's figures (it was read as 2020: final verdicts on
    2019's values), said in the summary."""
    rows = [[title], headers, ["高新技术企业", "家", 6, 5][:len(headers)]]
    df = intake.read_observations(xlsx("y.xlsx", rows), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == years
    assert any("读作 2019 年（年鉴刊载上一年的数据）" in ln for ln in df.attrs["intake"].lines())


@pytest.mark.parametrize("note, read, said", [
    # preliminary: read, and said (the note row was only listed as skipped)
    ("注：1.2019年为快报数；2.数据来源：区统计局。", {2018: 5.0, 2019: 6.0}, "2019 年的数是快报（初步）数：2019 年的 1 个数值按此读取"),
    # estimates are not actual values: the year's values are not read, as a 2019年（预计） column is not
    ("注：2019年数据为预计数。", {2018: 5.0}, "2019 年的数是预计（预测）数，不是实际值：2019 年的 1 个数值未读取"),
    # the plan's figures beside the actuals (before: read as 2019's actual values, every target met)
    ("注：2019年数据为规划目标值。", {2018: 5.0}, "2019 年的数是规划目标（计划）值，不是实际值：2019 年的 1 个数值未读取"),
    ("注：2019年为计划数", {2018: 5.0}, "2019 年的数是规划目标（计划）值"),
    ("说明：2019年为目标年，数据为快报数", {2018: 5.0, 2019: 6.0}, "跳过"),  # the target year: nothing said of its figures
    # round 13: 栏, 全年, 推算, 暂为 (before: read as 2019's actual values, silently)
    ("注：2019年栏数据为预计数。", {2018: 5.0}, "2019 年的数是预计（预测）数，不是实际值"),
    ("注：2019年数据为全年预计数。", {2018: 5.0}, "2019 年的数是预计（预测）数，不是实际值"),
    ("注：2019年数据为推算数，按近三年平均增速推算。", {2018: 5.0}, "2019 年的数是预计（预测）数，不是实际值"),
    ("注：2019年数据暂为估计值，以年报为准。", {2018: 5.0}, "2019 年的数是预计（预测）数，不是实际值"),
])
def test_a_note_row_saying_what_a_years_figures_are(targets, note, read, said):
    rows = [["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5, 6], [note]]
    df = intake.read_observations(xlsx("n.xlsx", rows), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == read
    if said != "跳过":
        assert [w.row for w in df.attrs["intake"].warnings if said in w.message] == [3]


@pytest.mark.parametrize("note", ["注：2019年数据统计至11月底。", "注：2019年数据截止到11月底，全年数据待年报。",
                                  "注：2019年只统计到11月。", "注：2019年为11个月数据。", "注：2019.1-2019.11数据。",
                                  # round 13: a double dash, 年初至, 不含12月, from 1 January to a date, a cut-off time,
                                  # a 填报日期 inside the year, a monthly report's title line
                                  "注：2019年数据为1——11月数。", "注：2019年为年初至11月底累计数。", "注：2019年数据不含12月份。",
                                  "填报单位：平川区科技局    填报日期：2019年11月20日"])
def test_a_note_that_a_years_figures_stop_before_december_leaves_them_out(targets, note):
    rows = [["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5, 6], [note]]
    df = intake.read_observations(xlsx("n.xlsx", rows), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0}


@pytest.mark.parametrize("title, sheet", [("平川区2019年主要科技指标（截至9月底）", None), ("平川区2019年前三季度主要科技指标", None),
                                          ("平川区2019年主要科技指标", "2019年三季度")])
def test_this_and_last_period_under_a_part_year_title_are_not_whole_years(targets, title, sheet):
    """本期 / 上年同期 under 2019年…（截至9月底） were read as 2019's and 2018's annual values."""
    rows = [[title], ["指标名称", "计量单位", "本期", "上年同期"], ["高新技术企业", "家", 6, 5]]
    with pytest.raises(InputError, match="说明这是部分"):
        intake.read_observations(xlsx("p.xlsx", rows, sheets={sheet: rows} if sheet else None), targets,
                                 sheet=sheet, lang="zh")


def test_the_same_period_of_last_year_is_left_out_with_a_part_year_this_period(targets):
    """统计时段：2019年1-9月 over 本年 | 上年同期: 2019 was left out, 上年同期 (2018's Jan-Sep) read as 2018's year."""
    rows = [["平川区2019年主要科技指标完成情况"], ["统计时段：2019年1-9月"], ["指标名称", "计量单位", "本年", "上年同期"],
            ["高新技术企业", "家", 6, 5]]
    df = intake.read_observations(xlsx("p.xlsx", rows), targets, lang="zh")
    assert len(df) == 0
    assert any("上年同期（2018 年）也是同样月份的数" in w.message for w in df.attrs["intake"].warnings)


def test_a_note_calling_this_periods_value_an_estimate_in_a_one_year_table(targets):
    """本年为预计数 beside 本年 | 上年 under a 2019 title: 'no year named', every value read as actual."""
    rows = [["平川区2019年主要科技指标完成情况"], ["指标名称", "计量单位", "本年", "上年", "备注"],
            ["高新技术企业", "家", 6, 5, "本年为预计数"], ["科技型企业", "家", 39, 34, None]]
    df = intake.read_observations(xlsx("e.xlsx", rows), targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0} and series(df, "tech_based_enterprises") == {
        2018: 34.0, 2019: 39.0}


def test_a_merged_yearbook_title_naming_its_city(targets):
    """2020年白银市统计年鉴 merged across the table (as printed) was read as 2020."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in [["2020年白银市统计年鉴", None, None, None], ["指标名称", "计量单位", "平川区", "白银区"],
              ["高新技术企业", "家", 6, 20]]:
        ws.append(r)
    ws.merge_cells("A1:D1")
    wb.save("y.xlsx")
    df = intake.read_observations(Path("y.xlsx"), targets)
    assert set(df["year"]) == {2019} and sorted(df["region"]) == ["平川区", "白银区"]


def test_part_of_a_year_under_its_year_is_not_read(targets):
    """2019年 merged over 1-9月 | 全年预计: the nine months were read as 2019's value."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in [["指标名称", "计量单位", "2018年", "2019年", None], [None, None, None, "1-9月", "全年预计"],
              ["高新技术企业", "家", 5, 4, 6]]:
        ws.append(r)
    ws.merge_cells("D1:E1")
    for c in ("A", "B", "C"):
        ws.merge_cells(f"{c}1:{c}2")
    wb.save("p.xlsx")
    df = intake.read_observations(Path("p.xlsx"), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0}
    assert any("2019 年下的列 '1-9月' 是部分月份的数" in w.message for w in df.attrs["intake"].warnings)


def test_a_name_marked_with_a_star_is_read_and_a_note_on_marked_figures_is_said(targets):
    """*技术市场合同交易额 (a bureau's mark for 快报) was skipped as a note row: its values dropped."""
    rows = [["指标名称", "计量单位", "2018年", "2019年"], ["*技术市场合同交易额", "万元", 10400, 13000],
            ["高新技术企业", "家", 5, 6], ["*注：带*的指标为快报数。"], ["* 资料来源：区统计局"]]
    df = intake.read_observations(xlsx("s.xlsx", rows), targets, lang="zh")
    assert series(df, "tech_contract_turnover") == {2018: 1.04, 2019: 1.3}
    said = [w for w in df.attrs["intake"].warnings if "看不出哪些数字是快报数" in w.message]
    assert [w.row for w in said] == [4]


def test_a_unit_in_the_name_that_differs_from_the_unit_column_is_an_error(targets):
    """技术市场合同交易额（亿元） with 万元 in the unit column: read in 万元 (0.000036 亿元), silently."""
    rows = [["指标名称", "计量单位", "2018年", "2019年"], ["技术市场合同交易额（亿元）", "万元", 1.04, 1.3],
            ["高新技术企业（家）", "家", 5, 6]]
    with pytest.raises(InputError) as exc:
        intake.read_observations(xlsx("u.xlsx", rows), targets, lang="zh")
    assert lines(exc) == ["u.xlsx[Sheet1]:2:C: 指标名称中的单位（亿元）与单位列（万元）不一致，无法确定数值的单位；请删去其一"]


def test_money_thousands_of_times_below_its_target_is_warned_once(targets):
    """亿元 figures under a 万元 unit (0.36 … 1.3): read as 0.000036 亿元 with no word."""
    rows = [["指标名称", "计量单位", "2018年", "2019年"], ["技术市场合同交易额", "万元", 1.04, 1.3]]
    df = intake.read_observations(xlsx("m.xlsx", rows), targets, lang="zh")
    said = [w for w in df.attrs["intake"].warnings if "千分之一" in w.message]
    assert [(w.row, w.column) for w in said] == [(2, "C")] and "换算后为 0.000104亿元" in said[0].message
    assert series(df, "tech_contract_turnover") == {2018: pytest.approx(0.000104), 2019: pytest.approx(0.00013)}


def test_a_wide_table_whose_name_column_has_no_header_says_which_column(targets):
    """It said the year and value columns were missing too, though the years were there."""
    rows = [["平川区科技创新主要指标完成情况（2017—2019年）"], ["填报单位：平川区统计局"],
            [None, None, "单位", "2017年", "2018年", "2019年", "备注"],
            [1, "技术市场合同交易额", "万元", 7900, 10400, 13000, None], [2, "高新技术企业", "家", 4, 5, 6, None]]
    with pytest.raises(InputError) as exc:
        intake.read_observations(xlsx("n.xlsx", rows), targets, lang="zh")
    assert lines(exc) == ["n.xlsx[Sheet1]:3:: 这一行像表头，但缺少必需的列：指标代码或指标名称（indicator_id）"
                          "（B 列像是指标名称，但表头是空的：请在表头填写“指标名称”）"]


def test_rows_an_autofilter_hides_are_read_and_said(targets):
    """The template's AutoFilter left on 年份 = 2019 hid every other year: 21 of 88 values were read.
    A filter is a view; the rows it hides are read, said. A row hidden by hand still is not."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in [["指标名称", "年份", "数值"], ["高新技术企业", 2018, 5], ["高新技术企业", 2019, 6], ["科技型企业", 2018, 34],
              ["科技型企业", 2019, 39]]:
        ws.append(r)
    ws.auto_filter.ref = "A1:C5"
    ws.auto_filter.add_filter_column(1, ["2019"])
    for r in (2, 4):
        ws.row_dimensions[r].hidden = True
    wb.save("f.xlsx")
    df = intake.read_observations(Path("f.xlsx"), targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0} and len(df) == 4
    assert any(ln.startswith("rows 2, 4 hidden by an AutoFilter are read") for ln in df.attrs["intake"].lines())
    ws.auto_filter.ref = None  # no filter: rows hidden by hand are not read (what the clerk sees)
    wb.save("h.xlsx")
    assert series(intake.read_observations(Path("h.xlsx"), targets), "high_tech_enterprises") == {2019: 6.0}


def test_one_value_column_is_read_as_the_year_of_the_sheet_name_or_title(targets):
    """指标名称 | 计量单位 | 数值 in a sheet named 2019年 (a bureau's one-year sheet), or under a title naming
    2019: that year's values, said with where the year was read. Not guessed without a year; not when
    the header carries its own unit (数值（万元）: renaming it would drop the unit)."""
    body = [["高新技术企业", "家", 6], ["技术市场合同交易额", "万元", 13000]]
    wb = openpyxl.Workbook()
    wb.active.title = "2019年"
    for r in [["指标名称", "计量单位", "数值"], *body]:
        wb.active.append(r)
    for y in (2017, 2018):   # a sheet per year: combined (below), or each one read when named (--sheet)
        ws = wb.create_sheet(f"{y}年")
        for r in [["指标名称", "计量单位", "数值"], ["高新技术企业", "家", y - 2013]]:
            ws.append(r)
    wb.save("y.xlsx")
    df = intake.read_observations(Path("y.xlsx"), targets)
    assert series(df, "high_tech_enterprises") == {2017: 4.0, 2018: 5.0, 2019: 6.0}
    assert "3 sheets read and combined (one a year): 2017年, 2018年, 2019年" in df.attrs["intake"].lines()
    df = intake.read_observations(Path("y.xlsx"), targets, sheet="2019年", lang="zh")
    assert series(df, "high_tech_enterprises") == {2019: 6.0} and series(df, "tech_contract_turnover") == {2019: 1.3}
    assert "表头 '数值' 按工作表名 '2019年' 读作 2019 年（1 处）" in df.attrs["intake"].lines()
    assert series(intake.read_observations(Path("y.xlsx"), targets, sheet="2018年"), "high_tech_enterprises") == {
        2018: 5.0}
    wb = openpyxl.Workbook()   # 本年实际 / 上年同期 in a sheet named 2019年 (no title)
    wb.active.title = "2019年"
    for r in [["指标名称", "计量单位", "本年实际", "上年同期"], ["高新技术企业", "家", 6, 5]]:
        wb.active.append(r)
    wb.save("p.xlsx")
    df = intake.read_observations(Path("p.xlsx"), targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    assert "header '上年同期' read as the year 2018 (from the sheet name '2019年') (1 cell)" in df.attrs["intake"].lines()
    df = intake.read_observations(xlsx("t.xlsx", [["平川区2019年科技指标完成情况"], ["指标名称", "计量单位", "实际值"],
                                                  *body]), targets)
    assert series(df, "high_tech_enterprises") == {2019: 6.0}
    assert ("header '实际值' read as the year 2019 (from the title '平川区2019年科技指标完成情况') (1 cell)"
            in df.attrs["intake"].lines())
    for rows in ([["指标名称", "计量单位", "数值"], *body],                          # no year anywhere
                 [["平川区2019年科技指标"], ["指标名称", "数值（万元）"], ["技术市场合同交易额", 13000]]):  # a unit
        with pytest.raises(InputError) as exc:
            intake.read_observations(xlsx("n.xlsx", rows), targets)
        assert "lacks the required columns: year" in lines(exc)[0]


@pytest.mark.parametrize("head", ["本期数", "实际值", "完成数", "统计数", "本年实际", "实际完成", "年末数", "本年实际（家）"])
def test_a_long_tables_value_column_as_bureaus_head_it(targets, head):
    """本期数 beside a 年份 column is the value (even under a title naming the year)."""
    rows = [["平川区2019年科技指标"], ["地区", "指标名称", "年份", head, "计量单位"],
            ["平川区", "高新技术企业", 2019, 6, "家"], ["平川区", "高新技术企业", 2018, 5, "家"]]
    df = intake.read_observations(xlsx("l.xlsx", rows), targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    assert df.attrs["intake"].layout == "long"


def _year_sheets(path: str, tables: dict, cover: bool = True) -> Path:
    """A bureau's workbook: a cover page, then one sheet a year, each the wide table as published
    that year (title, unit statement, 年份 over the years)."""
    wb = openpyxl.Workbook()
    if cover:
        wb.active.title = "封面"
        wb.active.append(["平川区科技成果转移转化监测数据"])
    else:
        wb.remove(wb.active)
    for name, rows in tables.items():
        ws = wb.create_sheet(name)
        years = sorted({y for _, _, vals in rows for y in vals})
        ws.append([f"平川区主要科技指标（{years[0]}—{years[-1]}年）"])
        ws.append(["填报单位：平川区统计局", None, None, None, "金额单位：万元"])
        ws.append(["指标名称", "计量单位", *[f"{y}年" for y in years]])
        for name_, unit, vals in rows:
            ws.append([name_, unit, *[vals.get(y) for y in years]])
    wb.save(path)
    return Path(path)


def test_a_workbook_with_one_sheet_a_year_is_read_whole_the_later_sheet_wins_and_says_so(targets):
    """2018年 (2016-2018) and 2019年 (2016-2019, 2018's turnover revised): every year read; a value both
    sheets give is read once, from the later sheet; where they differ, a warning names both cells."""
    p = _year_sheets("b.xlsx", {
        "2018年": [["技术市场合同交易额", "万元", {2016: 5500, 2017: 7900, 2018: 10400}],
                  ["高新技术企业", "家", {2016: 4, 2017: 4, 2018: 5}]],
        "2019年": [["技术市场合同交易额", "万元", {2016: 5500, 2017: 7900, 2018: 10500, 2019: 13000}],
                  ["高新技术企业", "家", {2016: 4, 2017: 4, 2018: 5, 2019: 6}]]})
    df = intake.read_observations(p, targets, lang="zh")
    assert series(df, "tech_contract_turnover") == {2016: 0.55, 2017: 0.79, 2018: 1.05, 2019: 1.3}
    assert series(df, "high_tech_enterprises") == {2016: 4.0, 2017: 4.0, 2018: 5.0, 2019: 6.0}
    info = df.attrs["intake"]
    assert info.sheet is None and info.sheets == ["2018年", "2019年"] and info.sheets_skipped == ["封面"]
    assert "读取并合并 2 个工作表（每年一张）：2018年、2019年（跳过：封面）" in info.lines()
    assert "同一数值在较早和较新的工作表中都有、且相同：只计一次（5 处）" in info.lines()
    assert [w.line("zh") for w in info.warnings] == [
        "b.xlsx[2019年]:4:E: 平川区，全区技术市场合同交易额（tech_contract_turnover），2018：本表为 1.05亿元，"
        "较早的工作表 '2018年' 第 4 行 E 列为 1.04亿元；采用较新的工作表 '2019年' 的数（后发布的表通常是修订数），请核对"]
    # the sheets in any order in the workbook: the later year still wins
    q = _year_sheets("c.xlsx", {"2019年": [["技术市场合同交易额", "万元", {2018: 10500, 2019: 13000}]],
                                "2018年": [["技术市场合同交易额", "万元", {2017: 7900, 2018: 10400}]]}, cover=False)
    assert series(intake.read_observations(q, targets), "tech_contract_turnover") == {2017: 0.79, 2018: 1.05,
                                                                                     2019: 1.3}
    # one sheet named: only that one
    assert series(intake.read_observations(p, targets, sheet="2018年"), "tech_contract_turnover") == {
        2016: 0.55, 2017: 0.79, 2018: 1.04}


def test_one_sheet_a_year_problems_of_every_sheet_and_sheets_without_a_year(targets):
    """Every sheet's problem is reported with its own sheet; sheets not each named for a year (数据 and
    2019年, or two named 2019) are not combined: the user is asked to choose one."""
    p = _year_sheets("e.xlsx", {"2018年": [["高新技术企业", "家", {2017: "abc", 2018: 5}]],
                                "2019年": [["高新技术企业", "家", {2018: 5, 2019: "x"}]]})
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert lines(exc) == ["e.xlsx[2018年]:4:C: not a number: 'abc'", "e.xlsx[2019年]:4:D: not a number: 'x'"]
    assert exc.value.intake.sheets == ["2018年", "2019年"]
    q = _year_sheets("f.xlsx", {n: [["高新技术企业", "家", {2018: 5, 2019: 6}]] for n in ("数据", "2019年")})
    with pytest.raises(InputError) as exc:
        intake.read_observations(q, targets)
    assert "several sheets look like data" in lines(exc)[0]
    # two named 2019, one its 年报: the final one is read, the other said (not asked to choose)
    q = _year_sheets("f.xlsx", {n: [["高新技术企业", "家", {2018: 5, 2019: v}]] for n, v in (("2019年", 6), ("2019年报", 7))})
    df = intake.read_observations(q, targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 7.0}
    assert any("'2019年报' is read" in w.message for w in df.attrs["intake"].warnings)


def test_a_workbook_with_one_sheet_a_region_is_read_whole_each_sheet_its_region(targets):
    """平川区, 白银区, 靖远县 (a sheet each, the same wide table): every region read, its name taken from
    the sheet and said; a value two region sheets both give differently is an error naming both."""
    rows = {r: [["高新技术企业", "家", {2018: 5 + k, 2019: 6 + k}]] for k, r in enumerate(["平川区", "白银区", "靖远县"])}
    df = intake.read_observations(_year_sheets("r.xlsx", rows), targets, lang="zh")
    assert {r: series(df[df["region"] == r], "high_tech_enterprises") for r in rows} == {
        "平川区": {2018: 5.0, 2019: 6.0}, "白银区": {2018: 6.0, 2019: 7.0}, "靖远县": {2018: 7.0, 2019: 8.0}}
    lines_ = df.attrs["intake"].lines()
    assert "读取并合并 3 个工作表（每个地区一张）：平川区、白银区、靖远县（跳过：封面）" in lines_
    assert "地区取自工作表名：白银区（2 处）" in lines_ and not any("默认为" in ln for ln in lines_)
    wb = openpyxl.Workbook()   # a sheet with a region column naming another sheet's region, another number
    wb.active.title = "平川区"
    for r in [["指标名称", "计量单位", "2019年"], ["高新技术企业", "家", 6]]:
        wb.active.append(r)
    ws = wb.create_sheet("白银区")
    for r in [["地区", "指标名称", "计量单位", "2019年"], ["白银区", "高新技术企业", "家", 7],
              ["平川区", "高新技术企业", "家", 9]]:
        ws.append(r)
    wb.save("d.xlsx")
    with pytest.raises(InputError) as exc:
        intake.read_observations(Path("d.xlsx"), targets)
    assert lines(exc) == ["d.xlsx[白银区]:3:D: 平川区, high_tech_enterprises, 2019: 9 here, 6 in the sheet '平川区' "
                          "(row 2, column C); one region, indicator and year can have one value only: remove one of them"]


def _district_sheets(path: str, titles: dict[str, str]) -> Path:
    """One sheet per tab name, under its title (the k-th sheet's 高新技术企业 5+k, 6+k in 2018, 2019)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for k, (tab, title) in enumerate(titles.items()):
        ws = wb.create_sheet(tab)
        for r in [[title], ["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5 + k, 6 + k]]:
            ws.append(r)
    wb.save(path)
    return Path(path)


@pytest.mark.parametrize("titles, regions, said", [
    ({"平川": "科技指标", "白银": "科技指标", "靖远": "科技指标"}, ["平川区", "白银区", "靖远县"],
     ["region taken from the sheet name '平川': Pingchuan District (平川区) (2 cells)",
      "region taken from the sheet name '白银': Baiyin District (白银区) (written short beside the other sheets' "
      "district names: the district, not the city) (2 cells)"]),
    ({"平川": "科技指标", "靖远": "科技指标", "会宁": "科技指标"}, ["平川区", "靖远县", "会宁县"],
     ["region taken from the sheet name '会宁': Huining County (会宁县) (2 cells)"]),
    ({"Sheet1": "平川区科技指标", "Sheet2": "靖远县科技指标"}, ["平川区", "靖远县"],
     ["region taken from the table's title '靖远县科技指标': Jingyuan County (靖远县) (2 cells)"]),
    ({"平川区": "科技指标", "Sheet2": "白银区科技指标"}, ["平川区", "白银区"],
     ["region taken from the sheet name: Pingchuan District (平川区) (2 cells)",
      "region taken from the table's title '白银区科技指标': Baiyin District (白银区) (2 cells)"]),
])
def test_district_sheets_named_short_or_by_their_title_are_read_whole(targets, titles, regions, said):
    """Stop 43: sheets one a district are combined also when the tabs name the districts short (平川,
    靖远; 白银 beside them is 白银区) or are generic (Sheet1) under a title naming the district, each
    sheet's region said with what named it (these were refused: choosing one dropped the others)."""
    df = intake.read_observations(_district_sheets("d.xlsx", titles), targets)
    assert {r: series(df[df["region"] == r], "high_tech_enterprises") for r in regions} == {
        r: {2018: 5.0 + k, 2019: 6.0 + k} for k, r in enumerate(regions)}
    assert set(df["region"]) == set(regions)
    info = df.attrs["intake"]
    assert (info.sheets, info.sheets_by) == (list(titles), "region")
    for line in said:
        assert line in info.lines()


@pytest.mark.parametrize("titles, hint", [
    ({"平川": "靖远县科技指标", "白银区": "科技指标"}, True),       # a tab and its title name two districts
    ({"平川区": "科技指标", "Sheet2": "平川区科技指标"}, True),      # two sheets of one district
    ({"平川区": "科技指标", "白银": "科技指标", "靖远县": "科技指标"}, True),  # 白银 beside full names: city or district
    ({"Sheet1": "科技指标", "Sheet2": "科技指标"}, False),          # nothing names a place: no word of districts
])
def test_district_sheets_not_told_apart_ask_for_full_names(targets, titles, hint):
    """Sheets that may be one a district but cannot be told apart are refused as before, and the
    error says to name each sheet with its district's full name (choosing one would drop the others)."""
    with pytest.raises(InputError) as exc:
        intake.read_observations(_district_sheets("d.xlsx", titles), targets)
    (line,) = lines(exc)
    assert line.startswith("d.xlsx::: several sheets look like data: ")
    assert line.endswith(". If there is one sheet a district, name each sheet with its district's full name (平川区, "
                         "白银区, 靖远县: a different district each), and all are read") == hint


@pytest.mark.parametrize("header, expected", [
    (["指标名称", "计量单位", "本年实际", "上年同期"], {("平川区", 2018): 5.0, ("平川区", 2019): 6.0}),
    (["指标名称", "计量单位", "数值"], {("平川区", 2019): 6.0}),
    (["指标名称", "计量单位", "平川区", "白银区"], {("平川区", 2019): 6.0, ("白银区", 2019): 5.0}),
])
def test_a_title_merged_across_the_table_still_names_the_year(targets, header, expected):
    """The bureau's title is merged across the table (A1:D1), which fills every cell of its row: it is
    still the one title naming 2019 (本年实际/上年同期, the one value column, the region columns)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["平川区2019年科技指标完成情况"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    ws.append(["高新技术企业", "家", 6, 5][:len(header)])
    wb.save("m.xlsx")
    df = intake.read_observations(Path("m.xlsx"), targets)
    assert {(r, int(y)): v for r, y, v in zip(df["region"], df["year"], df["value"])} == expected


def test_section_heading_rows_numbered_in_the_serial_column_are_skipped_and_said(targets):
    """一 | 科技创新平台 | (no values) above 1 | 高新技术企业 | 家 | 4 | 5: a heading, not an unknown indicator;
    a name typed on two lines is shown on one in the summary."""
    rows = [["序号", "指标名称", "计量单位", "2018年", "2019年"],
            ["一", "科技创新平台", None, None, None],
            [1, "高新技术\n企业", "家", 5, 6],
            ["（二）", "成果转化", None, None, None],
            [2, "技术市场合同交易额", "万元", 10400, 13000]]
    df = intake.read_observations(xlsx("h.xlsx", rows), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    lines_ = df.attrs["intake"].lines()
    assert "跳过的注释、落款、合计和分组标题行：第 2, 4 行" in lines_
    assert "按指标名称识别：“高新技术 企业”→“高新技术企业”（2 处）" in lines_
    rows[1][3] = 7   # a value in the row: an indicator row after all, and unknown
    with pytest.raises(InputError, match="科技创新平台"):
        intake.read_observations(xlsx("h2.xlsx", rows), targets, lang="zh")


def test_a_year_over_its_value_and_its_growth_reads_the_value_and_says_the_growth_is_not_read(targets):
    """2018年 merged over 绝对值 | 比上年增长% (a statistical communiqué's table): the value is read, the
    growth column is said as not read (it was read as a second value of the year: a duplicate)."""
    def fmt(ws):
        for rng in ("C1:D1", "E1:F1", "A1:A2", "B1:B2"):
            ws.merge_cells(rng)
    rows = [["指标名称", "计量单位", "2018年", None, "2019年", None],
            [None, None, "绝对值", "比上年增长%", "绝对值", "比上年增长%"],
            ["技术市场合同交易额", "万元", 10400, 31.6, 13000, 25.0]]
    df = intake.read_observations(xlsx("g.xlsx", rows, fmt=fmt), targets, lang="zh")
    assert series(df, "tech_contract_turnover") == {2018: 1.04, 2019: 1.3}
    assert [w.line("zh") for w in df.attrs["intake"].warnings] == [
        "g.xlsx[Sheet1]:2:D: 列 '2018年 / 比上年增长%' 未被读取：增长率由本程序从各年数值计算",
        "g.xlsx[Sheet1]:2:F: 列 '2019年 / 比上年增长%' 未被读取：增长率由本程序从各年数值计算"]


def test_month_headers_are_not_years_and_the_message_says_so(targets):
    """2019年12月 is a month (a flow for December only would be a twelfth of the year): never read as the
    year; beside real years it is a column not read, alone the header error says why."""
    rows = [["指标名称", "计量单位", "2017年", "2018年12月", "2019年12月"], ["高新技术企业", "家", 4, 5, 6]]
    df = intake.read_observations(xlsx("mo.xlsx", rows), targets)
    assert series(df, "high_tech_enterprises") == {2017: 4.0}
    assert [w.line("en") for w in df.attrs["intake"].warnings][0] == \
        "mo.xlsx[Sheet1]:1:D: column '2018年12月' is not used: only whole-year values (year columns) are read"
    with pytest.raises(InputError) as exc:
        intake.read_observations(xlsx("mo2.xlsx", [["指标名称", "计量单位", "2018年12月", "2019年12月"],
                                                    ["高新技术企业", "家", 5, 6]]), targets)
    assert "The headers '2018年12月', '2019年12月' name a month or months, not a whole year" in lines(exc)[0]


def test_a_value_its_note_calls_an_estimate_is_not_read_as_actual(targets):
    """A long row noted 预计数 is not an actual value: not read, said at its note. In a wide table the note
    is the row's: 2020年为预计数 leaves out 2020 only; 预计 without a year is a warning (every year read);
    超额完成预计目标 is about the target, not the number: nothing said."""
    long_ = [["指标名称", "年份", "数值", "计量单位", "备注"], ["高新技术企业", 2019, 6, "家", ""],
             ["高新技术企业", 2020, 8, "家", "预计数"], ["科技型企业", 2020, 40, "家", "快报"]]
    df = intake.read_observations(xlsx("l.xlsx", long_), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2019: 6.0} and series(df, "tech_based_enterprises") == {2020: 40.0}
    assert [w.line("zh") for w in df.attrs["intake"].warnings] == [
        "l.xlsx[Sheet1]:3:E: 平川区，高新技术企业（high_tech_enterprises），2020：备注 '预计数' 说明这是预计（或计划）数，"
        "不是实际值，未读取；实际数公布后请填入"]
    wide = [["指标名称", "计量单位", "2019年", "2020年", "备注"], ["高新技术企业", "家", 6, 8, "2020年为预计数"],
            ["技术经纪人", "人", 2, 3, "预计"], ["科技型企业", "家", 34, 40, "超额完成预计目标"]]
    df = intake.read_observations(xlsx("w.xlsx", wide), targets, lang="en")
    assert series(df, "high_tech_enterprises") == {2019: 6.0}
    assert series(df, "tech_brokers") == {2019: 2.0, 2020: 3.0} and series(df, "tech_based_enterprises") == {
        2019: 34.0, 2020: 40.0}
    assert [w.line("en") for w in df.attrs["intake"].warnings] == [
        "w.xlsx[Sheet1]:2:E: 平川区, high_tech_enterprises, 2020: the note '2020年为预计数' says this is an estimate "
        "(or a plan), not an actual value: not read; enter the actual value when it is published",
        "w.xlsx[Sheet1]:3:E: the note '预计' says this row holds an estimate (or a plan) but not for which year; every "
        "year's value is read as actual: please check (say, 2020年为预计数)"]


def test_numbers_an_export_wrote_as_excel_text_are_read_and_said(targets, tmp_path):
    """="10400" (a system's CSV export keeping text) is the number 10400, counted in the summary; a real
    formula (=A1+1) is still not a number."""
    p = tmp_path / "q.csv"
    p.write_text('指标名称,计量单位,2018年,2019年\n高新技术企业,家,="5",="6"\n技术经纪人,人,=A1+1,3\n', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert [ln.split(": ", 1)[1] for ln in lines(exc)] == ["not a number: '=A1+1'"]
    p.write_text('指标名称,计量单位,2018年,2019年\n高新技术企业,家,="5",="6"\n', encoding="utf-8")
    df = intake.read_observations(p, targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    assert "按文本写法 =\"…\" 读取的数字（导出文件以此保留文本，Excel 显示为数字本身）（2 处）" in df.attrs["intake"].lines()


# --------------------------------------------------------------------------------------
# what a district's own table says about itself (stop 32: files of the kinds A, C, H, I)
# --------------------------------------------------------------------------------------

def _notes(df) -> dict[str, int]:
    return {key: n for (key, _), n in df.attrs["intake"].conversions.items()}


BUREAU_WIDE = [["序号", "指标名称", "计量单位", "2018年", "2019年"],
               [1, "技术市场合同交易额", "万元", 15280, 22650],
               [2, "高新技术企业", "家", 9, 11]]


@pytest.mark.parametrize("title, unit_row, region", [
    ("白银区科技创新主要指标完成情况（2018—2019年）", "填报单位：白银区统计局", "白银区"),
    ("科技创新主要指标完成情况", "填报单位：靖远县科技局", "靖远县"),
    ("甘肃省白银市会宁县主要科技指标", "", "会宁县"),
    ("平川区科技成果转移转化主要指标", "填报单位：平川区统计局", "平川区"),
])
def test_a_district_named_in_the_title_is_the_tables_region(targets, title, unit_row, region):
    """A table without a region column is the district its title or 填报单位 line names (it was
    read as 平川区, the default, and a 白银区 table scored as Pingchuan's), said in the summary."""
    df = intake.read_observations(xlsx("t.xlsx", [[title], [unit_row, "", "", "金额单位：万元"], *BUREAU_WIDE]), targets)
    assert set(df["region"]) == {region}
    assert series(df, "tech_contract_turnover") == {2018: 1.528, 2019: 2.265}
    by_title = region in title  # the title first; else the 填报单位 line, said as the reporting unit
    key, said = (("intake.conv_region_title", "region taken from the table's title") if by_title else
                 ("intake.conv_region_unit", f"region taken from the reporting unit '{unit_row.split('：')[1]}'"))
    assert _notes(df).get(key) == 4 and "intake.conv_default_region" not in _notes(df)
    assert any(said in line for line in df.attrs["intake"].lines())


@pytest.mark.parametrize("rows, where", [
    # 填报单位 among the other cells of the line above the header (填报单位 | 金额单位 | 填报日期)
    ([["主要科技指标完成情况"], ["填报单位：白银区科学技术局", "", "金额单位：万元", "", "填报日期：2020年1月15日"],
      *BUREAU_WIDE], None),
    # the sign-off row below the table, in one cell or beside 填表人 and 报出日期
    ([["主要科技指标完成情况"], *BUREAU_WIDE, [], ["填表人：王丽　审核人：张强　填报单位：白银区科学技术局（盖章）"]], 6),
    ([["主要科技指标完成情况"], *BUREAU_WIDE, [], ["填报单位：白银区科学技术局（盖章）", "", "填表人：王丽", "",
                                                 "报出日期：2020年1月15日"]], 6),
])
def test_the_reporting_unit_names_the_district_wherever_it_is_written(targets, rows, where):
    """Before, these 白银区 tables were read as 平川区 (the default), said only as "no region given";
    the sign-off row beside 填表人 was an unknown indicator."""
    df = intake.read_observations(xlsx("t.xlsx", rows), targets, lang="zh")
    assert set(df["region"]) == {"白银区"} and series(df, "tech_contract_turnover") == {2018: 1.528, 2019: 2.265}
    assert "地区取自填报单位“白银区科学技术局”：白银区（4 处）" in df.attrs["intake"].lines()
    assert df.attrs["intake"].skipped_rows == ([where] if where else [])


def test_a_column_of_reporting_offices_is_read_as_their_districts(targets, tmp_path):
    p = tmp_path / "offices.csv"
    p.write_text("单位名称,指标名称,计量单位,年份,数值\n白银区科学技术局,高新技术企业,家,2019,16\n"
                 "平川区统计局,高新技术企业,家,2019,6\n", encoding="utf-8")
    df = intake.read_observations(p, targets, lang="zh")
    assert sorted(df[["region", "value"]].values.tolist()) == [["平川区", 6.0], ["白银区", 16.0]]
    assert "地区 '白银区科学技术局' 按 '白银区' 读取（填报单位所属的区县）（1 处）" in df.attrs["intake"].lines()


@pytest.mark.parametrize("title, sheet, region", [
    ("白银市科技创新主要指标", "Sheet1", "白银市"),        # the city alone: the city's table (its totals), said
    ("主要指标", "靖远", "靖远县"),                        # a tab's short name
    ("主要指标", "靖远县", "靖远县"),                      # one sheet named for a district
    ("主要指标", "白银市靖远县", "靖远县"),
    ("全区主要指标", "全区", "平川区"),                    # 全区 is no district's name
])
def test_the_region_from_a_title_or_a_sheet_only_when_it_names_one_district(targets, title, sheet, region):
    def name(ws):
        ws.title = sheet
    df = intake.read_observations(xlsx("t.xlsx", [[title], *BUREAU_WIDE], fmt=name), targets)
    assert set(df["region"]) == {region}
    notes = _notes(df)
    assert (notes.get("intake.conv_default_region") == 4) == (region == "平川区")


@pytest.mark.parametrize("title, sheet, named", [
    ("平川区、白银区科技指标对比", "Sheet1", "平川区、白银区"),
    ("白银区科技创新主要指标", "Sheet1", None),          # with 填报单位：平川区统计局 below it
    ("主要指标", "白银区", None),
])
def test_two_districts_named_above_a_table_without_a_region_column_is_an_error(targets, title, sheet, named):
    """They were read as the default district's (平川区), said only as 未填地区，默认为平川区: another
    district's figures could be scored as Pingchuan's."""
    def name(ws):
        ws.title = sheet
    rows = [[title], *([["填报单位：平川区统计局"]] if named is None else []), *BUREAU_WIDE]
    with pytest.raises(InputError, match="中出现了不止一个区县（(平川区、白银区|白银区、平川区)）"):
        intake.read_observations(xlsx("t.xlsx", rows, fmt=name), targets, lang="zh")


def test_a_region_column_wins_over_the_title(targets):
    rows = [["白银区科技指标"], ["地区名称", "指标名称", "统计年度", "数值", "单位"],
            ["平川区", "高新技术企业", 2019, 6, "家"], ["白银区", "高新技术企业", "2019年", 11, "家"]]
    df = intake.read_observations(xlsx("t.xlsx", rows), targets)
    assert sorted(zip(df["region"], df["value"])) == [("平川区", 6.0), ("白银区", 11.0)]


@pytest.mark.parametrize("region_head, year_head", [("地区名称", "年份"), ("区县名称", "统计年度"),
                                                    ("县（市、区）", "报告期"), ("行政区划", "统计年份")])
def test_region_and_year_columns_as_bureaus_head_them(targets, region_head, year_head):
    """地区名称 / 区县名称 were "not a column this reader knows" (warned, then every row read as
    平川区: two districts' values collided); 统计年度 / 报告期 left the file without a year column."""
    text = (f"{region_head},指标名称,{year_head},数值,单位\n平川区,高新技术企业,2019年,6,家\n"
            f"白银区,高新技术企业,2019年,11,家\n")
    Path("l.csv").write_text(text, encoding="utf-8")
    df = intake.read_observations("l.csv", targets)
    assert sorted(zip(df["region"], df["year"], df["value"])) == [("平川区", 2019, 6.0), ("白银区", 2019, 11.0)]
    assert df.attrs["intake"].warnings == []


@pytest.mark.parametrize("head, year", [("“十三五”期末（2020年）", 2020), ("“十三五”初（2015年）", 2015),
                                        ("2020年（十三五期末）", 2020), ("2020年完成值", 2020), ("2020年实际值", 2020),
                                        ("十二五末(2015)", 2015), ("2015年基期值", 2015), ("2015年（基期）", 2015)])
def test_end_of_term_year_headers(targets, head, year):
    """An end-of-term table's year columns: their values were left unread (a generic "column not
    used" warning), and the file was judged on 2019 with forecasts instead of 已完成 / 未完成."""
    df = intake.read_observations(xlsx("t.xlsx", [["指标名称", "计量单位", "2019年", head],
                                                  ["高新技术企业", "家", 8, 9]]), targets)
    assert series(df, "high_tech_enterprises") == {2019: 8.0, year: 9.0}


def test_a_year_in_a_header_not_read_is_said_as_such(targets):
    df = intake.read_observations(xlsx("t.xlsx", [["指标名称", "计量单位", "2019年", "2020年度考核数"],
                                                  ["高新技术企业", "家", 8, 9]]), targets)
    assert series(df, "high_tech_enterprises") == {2019: 8.0}
    [w] = df.attrs["intake"].warnings
    assert w.column == "D" and "its header holds a year but is not a heading this reader knows" in w.message


@pytest.mark.parametrize("written, read", [("平川", "平川区"), ("靖远", "靖远县"), ("白银市平川区", "平川区")])
def test_a_district_written_short_is_read_by_its_name(targets, written, read):
    Path("l.csv").write_text(f"地区,指标名称,年份,数值\n{written},高新技术企业,2019,6\n", encoding="utf-8")
    df = intake.read_observations("l.csv", targets)
    assert set(df["region"]) == {read} and df.attrs["intake"].warnings == []


def test_short_and_full_names_together_stay_two_regions_and_baiyin_alone_is_warned(targets):
    Path("l.csv").write_text("地区,指标名称,年份,数值\n平川,高新技术企业,2019,6\n平川区,高新技术企业,2019,6\n"
                             "白银,高新技术企业,2019,11\n", encoding="utf-8")
    df = intake.read_observations("l.csv", targets)
    assert sorted(set(df["region"])) == ["平川", "平川区", "白银"]
    warned = [(w.row, w.column, w.message) for w in df.attrs["intake"].warnings]
    assert (4, "A", "region '白银' may be Baiyin City (白银市) or Baiyin District (白银区); read as written: "
                    "write the full name") in warned
    assert any("'平川'" in m and "'平川区'" in m for _, _, m in warned)   # said alike, never merged


def test_a_bureaus_own_codes_beside_the_names(targets):
    """指标代码 KJ01, KJ02 (the bureau's own) beside valid 指标名称: read by the names, said (it was
    one "unknown indicator 'KJ01'" per row and nothing read)."""
    Path("l.csv").write_text("指标代码,指标名称,年份,数值,单位\nKJ01,技术市场合同交易额,2019,13000,万元\n"
                             "KJ02,高新技术企业,2019,6,家\n", encoding="utf-8")
    df = intake.read_observations("l.csv", targets)
    assert series(df, "tech_contract_turnover") == {2019: 1.3} and series(df, "high_tech_enterprises") == {2019: 6.0}
    assert df.attrs["intake"].ignored == ["column A (指标代码: not the target catalogue's ids, e.g. 'KJ01'; "
                                          "indicators recognised by the names in column B)"]
    # one known code among them: read by the codes as before, the unknown one an error
    Path("m.csv").write_text("指标代码,指标名称,年份,数值,单位\nKJ01,技术市场合同交易额,2019,13000,万元\n"
                             "high_tech_enterprises,高新技术企业,2019,6,家\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        intake.read_observations("m.csv", targets)
    assert [(p.row, p.column) for p in exc.value.problems] == [(2, "A")]


def test_words_in_a_value_cell_get_advice_and_an_unquoted_thousands_separator_one_message(targets):
    Path("l.csv").write_text("地区,指标名称,年份,数值,单位\n平川区,技术市场合同交易额,2019,13,000,万元\n"
                             "平川区,科技特派员对贫困村覆盖率,2019,全覆盖,%\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        intake.read_observations("l.csv", targets)
    got = [(p.row, p.column, p.message) for p in exc.value.problems]
    assert [(r, c) for r, c, _ in got] == [(2, None), (3, "D")]   # not also "unit '000' cannot be converted"
    assert got[1][2].startswith("not a number: '全覆盖'; write only the number here")


@pytest.mark.parametrize("name, year", [("2019年报表", 2019), ("2019年统计表", 2019), ("2019年统计数据", 2019),
                                        ("平川区2019年", 2019), ("2020年目标", None), ("2020年1-6月", None),
                                        ("2018-2019年", None)])
def test_a_one_year_sheet_is_that_year_by_its_name(targets, name, year):
    """指标名称 | 计量单位 | 数值 on a sheet named for one year: that year's values (2019年报表 and
    2019年统计数据 were refused before); not a sheet named for targets, part of a year or two years."""
    wb = openpyxl.Workbook()
    wb.active.title = name
    for r in [["指标名称", "计量单位", "数值"], ["高新技术企业", "家", 6]]:
        wb.active.append(r)
    wb.save("n.xlsx")
    if year is None:
        with pytest.raises(InputError):
            intake.read_observations(Path("n.xlsx"), targets)
    else:
        assert series(intake.read_observations(Path("n.xlsx"), targets), "high_tech_enterprises") == {year: 6.0}


def test_a_year_column_headed_shijian_is_read_and_an_unknown_one_pointed_at(targets):
    Path("s.csv").write_text("指标代码,时间,数值\ntech_brokers,2018,2\ntech_brokers,2019,3\n", encoding="utf-8")
    assert series(intake.read_observations("s.csv", targets), "tech_brokers") == {2018: 2.0, 2019: 3.0}
    Path("u.csv").write_text("指标代码,统计年月,数值\ntech_brokers,2018,2\ntech_brokers,2019,3\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        intake.read_observations("u.csv", targets, lang="zh")
    [p] = exc.value.problems
    assert p.column == "B" and "（B 列 '统计年月' 的内容是年份：请把表头改为“年份”" in p.message


@pytest.mark.parametrize("second, said", [("17", "：本行为 17，第 2 行为 16，同一地区、指标、年份只能有一个数"),
                                          ("16", "：两行数值相同（16），删去其中一行即可")])
def test_a_duplicate_row_says_both_values(targets, second, said):
    Path("d.csv").write_text(f"指标代码,年份,数值\nhigh_tech_enterprises,2019,16\nhigh_tech_enterprises,2019,{second}\n",
                             encoding="utf-8")
    with pytest.raises(InputError) as exc:
        intake.read_observations("d.csv", targets, lang="zh")
    [p] = exc.value.problems
    assert p.row == 3 and p.message.startswith("与第 2 行重复（") and said in p.message


@pytest.mark.parametrize("region, said", [("靖远区", "'靖远区' is not a district of Baiyin City, which has '靖远县'"),
                                          ("白银县", "'白银县' is not a district of Baiyin City, which has '白银区'"),
                                          ("红古区", None), ("靖远县", None), ("靖远", None)])
def test_a_region_named_like_a_district_of_the_city_with_another_suffix_is_warned(targets, region, said):
    Path("r.csv").write_text(f"地区,指标代码,年份,数值\n平川区,tech_brokers,2018,2\n{region},tech_brokers,2018,3\n",
                             encoding="utf-8")
    df = intake.read_observations("r.csv", targets)
    # scored as written, never merged (靖远 is completed to 靖远县, said)
    assert sorted(df["region"].unique()) == sorted({"平川区", "靖远县" if region == "靖远" else region})
    got = [w for w in df.attrs["intake"].warnings if "is not a district of" in w.message]
    if said is None:
        assert not got
    else:
        [w] = got
        assert (w.row, w.column) == (3, "A") and said in w.message


@pytest.mark.parametrize("text", [
    "地区,指标代码,年份,数值（万元）\nregion,indicator_id,year,value\n平川区,tech_contract_turnover,2019,13000\n",
    "指标代码,2018年,2019年\nindicator_id,2018,2019\ntech_contract_turnover,1.04,1.3\n",
])
def test_the_header_repeated_in_english_under_it_is_skipped_and_said(targets, text):
    Path("b.csv").write_text(text, encoding="utf-8")
    df = intake.read_observations("b.csv", targets, lang="zh")
    assert series(df, "tech_contract_turnover")[2019] == 1.3         # 万元 of the Chinese header still read
    assert "第 2 行是表头的另一种写法（如英文列名），未作数据读取（1 处）" in df.attrs["intake"].lines()


def test_no_sheet_fits_names_the_sheet_whose_header_lacks_one_column(targets):
    """The template with 数值 renamed (上报值), beside its instructions: where the header is and what it lacks,
    not only "no sheet has a header"; 填报数值 is a value column."""
    body = [["地区", "指标代码", "年份", "上报值"], ["平川区", "tech_brokers", 2019, 3]]
    p = xlsx("t.xlsx", [["填报说明"], ["请在“填报”表中填写"]], sheets={"填报": body})
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets, lang="zh")
    got = lines(exc)
    assert len(got) == 2 and got[0].startswith("t.xlsx::: 没有哪个工作表含有可识别的数据表头")
    assert got[1] == "t.xlsx[填报]:1:: 这一行像表头，但缺少必需的列：数值（value）"
    body[0][3] = "填报数值"
    df = intake.read_observations(xlsx("u.xlsx", [["填报说明"]], sheets={"填报": body}), targets)
    assert series(df, "tech_brokers") == {2019: 3.0}


def test_name_and_unit_under_a_merged_indicator_heading_and_two_digit_years_pointed_at(targets):
    """指标 merged over 名称 | 单位 (a two-row header) is the indicator's name; years written 15年 are
    not guessed, but the error points at them (it only said the value column was missing)."""
    def merge(ws):
        ws.merge_cells("A1:B1")
        ws.merge_cells("C1:D1")
    rows = [["指标", None, "年份", None], ["名称", "单位", "2018年", "2019年"], ["高新技术企业", "家", 5, 6]]
    df = intake.read_observations(xlsx("m.xlsx", rows, fmt=merge), targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    rows[1][2:] = ["18年", "19年"]
    with pytest.raises(InputError) as exc:
        intake.read_observations(xlsx("s.xlsx", rows, fmt=merge), targets, lang="zh")
    [p] = exc.value.problems
    assert "（第 2 行 C 列的 '18年' 等只有两位数，不是完整的年份：请写作 2018年）" in p.message


def test_a_final_figure_marked_in_its_source_replaces_the_preliminary_one(targets):
    """H1's 2020 rows say 区统计局 2020年统计年报 in the source: a 快报 row beside one was a duplicate error."""
    Path("f.csv").write_text("指标代码,年份,数值,来源,备注\nhigh_tech_enterprises,2020,9,区统计局 2020年统计年报,\n"
                             "high_tech_enterprises,2020,8,区科技局,快报\n", encoding="utf-8")
    df = intake.read_observations("f.csv", targets)
    assert series(df, "high_tech_enterprises") == {2020: 9.0}
    assert any("'快报' 的 1 个数值未读取" in w.message for w in df.attrs["intake"].warnings) or any(
        "not read" in w.message for w in df.attrs["intake"].warnings)


@pytest.mark.parametrize("note", ["预计完成", "预计完成数", "全年预计", "（预计）", "年底预计", "预计可完成", "预计达到",
                                  "初步预计"])
def test_an_estimate_however_worded_is_not_read_as_the_actual(targets, note):
    """A 2020 row noted 预计完成 was scored as the 2020 actual (已完成, 完成率100%): an estimate is left out."""
    Path("n.csv").write_text("指标代码,年份,数值,备注\nhigh_tech_enterprises,2019,16,\n"
                             f"high_tech_enterprises,2020,18,{note}\n", encoding="utf-8")
    df = intake.read_observations("n.csv", targets)
    assert series(df, "high_tech_enterprises") == {2019: 16.0}


@pytest.mark.parametrize("bom, first, pasted", [(True, "utf-8", "gbk"), (False, "gbk", "utf-8")])
def test_a_line_pasted_in_another_encoding_is_pointed_at(targets, bom, first, pasted):
    """One GBK line pasted into a UTF-8 file (or the reverse): the line, not "save as CSV UTF-8" alone."""
    head = "地区,指标名称,年份,数值\n平川区,高新技术企业,2018,5\n平川区,高新技术企业,2019,6\n"
    data = (b"\xef\xbb\xbf" if bom else b"") + head.encode(first) + "平川区,科技型企业,2019,30\n".encode(pasted)
    Path("e.csv").write_bytes(data)
    with pytest.raises(InputError) as exc:
        intake.read_observations("e.csv", targets, lang="en")
    [p] = exc.value.problems
    assert p.row == 4 and p.message.startswith("this line is not in the encoding of the lines before it")


@pytest.mark.parametrize("label", ["2020年目标", "规划目标值", "2020年目标（规划）"])
def test_a_row_of_targets_among_the_indicators_is_said_not_read(targets, label):
    """A 2020年目标 row was an unknown indicator (the same words over a column are warned, not read)."""
    rows = [["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5, 6], [label, "", 18, 18]]
    df = intake.read_observations(xlsx("t.xlsx", rows), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0} and len(df) == 2
    [w] = [w for w in df.attrs["intake"].warnings if "目标值以目标清单为准" in w.message]
    assert (w.row, w.column) == (3, "A") and w.message.startswith(f"行 '{label}' 未被读取")


@pytest.mark.parametrize("between", ["", "\n"])
def test_a_long_tables_header_repeated_below_is_skipped_and_said(targets, between):
    """Two exports pasted together: 地区,指标代码,年份,数值 again halfway down was three errors and a wrong
    --skip-unknown hint (stop 43)."""
    head = "地区,指标代码,年份,数值\n"
    Path("r.csv").write_text(head + "平川区,tech_brokers,2018,2\n" + between + head + "平川区,tech_brokers,2019,3\n",
                             encoding="utf-8")
    df = intake.read_observations("r.csv", targets)
    assert series(df, "tech_brokers") == {2018: 2.0, 2019: 3.0}
    assert df.attrs["intake"].skipped_rows == [4 if between else 3]


@pytest.mark.parametrize("name", ["X5_错误值_xls.xls", "X6_错误值_ods.ods"])
def test_an_error_value_in_old_excel_or_ods_is_an_error_not_a_blank(targets, name):
    """#DIV/0! and #N/A (formulas that failed) read as empty cells from .xls and .ods: "not reported", the
    latest value silently the year before. As in .xlsx, each is an error at its cell (stop 43)."""
    with pytest.raises(InputError) as exc:
        intake.read_observations(OFFICE / name, targets, lang="en")
    got = [(p.row, p.column, p.message.split(";")[0]) for p in exc.value.problems]
    assert got == [(2, "D", "not a number: '#DIV/0!'"), (3, "D", "not a number: '#N/A'")]


@pytest.mark.parametrize("text, row, col", [
    # the row's last cell empty: as many cells as the header, 13 was read (0.0013 亿元) with 000 as the note
    ("地区,指标代码,年份,数值（万元）,备注\n平川区,tech_contract_turnover,2018,10400,\n"
     "平川区,tech_contract_turnover,2019,13,000\n", 3, "D"),
    ("指标代码,年份,数值,单位,来源,备注\ntech_contract_turnover,2019,1,350,万元,区统计局,\n", 2, "C"),
])
def test_an_unquoted_thousands_separator_in_a_row_of_the_headers_width_is_one_error(targets, text, row, col):
    Path("t.csv").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        intake.read_observations("t.csv", targets)
    [p] = exc.value.problems
    assert (p.row, p.column) == (row, col) and "look like one number" in p.message
    assert not [w for w in exc.value.intake.warnings if w.row == row]   # not also "a thousandth of the target"


def test_a_small_value_beside_a_three_digit_target_column_is_not_a_split_number(targets):
    Path("w.csv").write_text("指标名称,计量单位,2018年,2019年,2020年目标\n科技特派员对贫困村覆盖率,%,90,95,100\n",
                             encoding="utf-8")
    df = intake.read_observations("w.csv", targets)
    assert series(df, "poor_village_commissioner_coverage") == {2018: 90.0, 2019: 95.0}


# --------------------------------------------------------------------------------------
# second round (stop 32): shares as fractions, completion rates, codes and English names
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("ident, values, target_pct", [
    ("poor_village_commissioner_coverage", [0.62, 0.7, 0.97], "100"),      # 97 % typed 0.97, every year
    ("strategic_emerging_share", [0.0042, 0.0053, 0.0064], "0.7"),         # 0.64 % typed 0.0064
])
def test_a_share_written_as_fractions_is_warned_never_changed(targets, ident, values, target_pct):
    rows = "\n".join(f"{ident},{2017 + k},{v},%" for k, v in enumerate(values))
    Path("l.csv").write_text("指标代码,年份,数值,单位\n" + rows + "\n", encoding="utf-8")
    df = intake.read_observations("l.csv", targets)
    assert list(series(df, ident).values()) == values                     # read as written
    [w] = df.attrs["intake"].warnings
    assert (w.row, w.column) == (2, "C") and f"is a hundred times below the target {target_pct}%" in w.message
    assert "(3 such values of this indicator)" in w.message
    # a real share near its target is not warned
    Path("m.csv").write_text("指标代码,年份,数值,单位\nstrategic_emerging_share,2019,0.64,%\n", encoding="utf-8")
    assert intake.read_observations("m.csv", targets).attrs["intake"].warnings == []


def test_a_completion_rate_is_not_read_as_a_value(targets):
    """A 2020 完成率 (97.1 for 0.68 of 0.7) in a long table whose note says so, or in a column headed
    2020年完成率: not read, said as not an actual value (the rate is computed from the catalogue)."""
    Path("l.csv").write_text("指标代码,年份,数值,单位,备注\nstrategic_emerging_share,2018,0.61,%,\n"
                             "strategic_emerging_share,2019,0.64,%,\nstrategic_emerging_share,2020,97.1,%,完成率\n",
                             encoding="utf-8")
    df = intake.read_observations("l.csv", targets)
    assert series(df, "strategic_emerging_share") == {2018: 0.61, 2019: 0.64}
    [w] = df.attrs["intake"].warnings   # not also "0.61 … a hundred times below the other years"
    assert (w.row, w.column) == (4, "E") and "says this is a completion rate, not an actual value" in w.message
    df = intake.read_observations(xlsx("t.xlsx", [["指标名称", "计量单位", "2019年", "2020年完成率", "总计"],
                                                  ["高新技术企业", "家", 8, 50, 58]]), targets)
    assert series(df, "high_tech_enterprises") == {2019: 8.0}
    assert [(w.column, w.message.split(": ", 1)[1][:40]) for w in df.attrs["intake"].warnings] == [
        ("D", "a completion rate (actual ÷ target) is n"), ("E", "a total over the years is no one year's ")]


@pytest.mark.parametrize("band, target", [("D3:E3", False), ("D3:E3", True), ("D3:F3", True)])
def test_a_header_merged_over_two_rows_is_said_as_both_rows(targets, band, target):
    """Stop 43: 指标名称 merged down over rows 3-4 under a 年份 band: the header is rows 3-4, also with a
    2020年目标 column beside the years, under the band or not (the header is then found on row 4 alone,
    and was said as row 4)."""
    def merge(ws):
        ws.merge_cells(band)
        for c in "ABC":
            ws.merge_cells(f"{c}3:{c}4")
    rows = [["平川区科技指标"], ["金额单位：万元"], ["序号", "指标名称", "计量单位", "年份", None] + [None] * target,
            [None, None, None, "2018年", "2019年"] + ["2020年目标"] * target, [1, "高新技术企业", "家", 5, 6] + [9] * target]
    df = intake.read_observations(xlsx("h.xlsx", rows, fmt=merge), targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    assert "layout: wide (indicators as rows, years as columns); header on rows 3-4" in df.attrs["intake"].lines()


@pytest.mark.parametrize("rows, where, n", [
    # transposed: the 2020年1-9月 row holds one cell per indicator (3 cells, 1 row)
    ([["年份", "高新技术企业（家）", "科技型企业（家）", "省级企业技术中心（家）"], ["2019年", 6, 39, 5],
      ["2020年1-9月", 7, 40, 5]], (3, "A"), 1),
    # long: one cell a row (2 rows)
    ([["指标名称", "年份", "数值", "单位"], ["高新技术企业", "2019年", 6, "家"], ["高新技术企业", "2020年1-9月", 7, "家"],
      ["科技型企业", "2020年1-9月", 40, "家"]], (3, "B"), 2),
])
def test_part_year_cells_count_the_rows_left_out(targets, rows, where, n):
    """Stop 43: a year cell naming part of a year says how many rows are left out (a transposed
    table's one row of six indicators was said as 6 rows)."""
    df = intake.read_observations(xlsx("p.xlsx", rows), targets)
    assert set(df["year"]) == {2019}
    [w] = [w for w in df.attrs["intake"].warnings if "part of a year" in w.message]
    assert ((w.row, w.column), w.message) == (where, "the year '2020年1-9月' is part of a year, not the whole year: "
                                              f"not read ({n} row(s) so labelled); enter the year's values when they "
                                              "are published")


@pytest.mark.parametrize("rows, said", [
    ([["2019年各县区科技指标"], ["指标名称", "计量单位", "平川区", "白银区", "靖远县", "合计"],
      ["高新技术企业", "家", 6, 18, 12, 36]], "a total over the regions is no one region's value"),
    ([["指标名称", "计量单位", "2018年", "2019年", "合计"], ["高新技术企业", "家", 5, 6, 11]],
     "a total over the years is no one year's value"),
])
def test_a_total_column_is_said_as_a_total_over_what_the_columns_are(targets, rows, said):
    """Stop 43: 合计 beside region columns (one year by region) is the regions' total, not the years'
    as it was said; beside year columns, the years' total as before."""
    df = intake.read_observations(xlsx("t.xlsx", rows), targets)
    assert len(df) == (3 if len(rows) == 3 else 2)
    [w] = df.attrs["intake"].warnings
    assert w.message == f"column '合计' is not used: {said}"


@pytest.mark.parametrize("header, written, read, note", [
    ("行政区划代码", "620403", "平川区", "division code"),
    ("地区代码", "620402000000", "白银区", "division code"),
    ("地区", "Pingchuan District", "平川区", "its English name"),
    ("地区", "jingyuan", "靖远县", "its English name"),
    ("地区", "平川区（本级）", "平川区", "the district's own level"),
])
def test_a_district_by_its_code_english_name_or_own_level(targets, header, written, read, note):
    Path("l.csv").write_text(f"{header},指标名称,年份,数值\n{written},高新技术企业,2019,6\n"
                             f"{written},高新技术企业,2018,5\n", encoding="utf-8")
    df = intake.read_observations("l.csv", targets)
    assert set(df["region"]) == {read} and df.attrs["intake"].warnings == []
    assert any(note in line for line in df.attrs["intake"].lines())


def test_a_code_column_beside_the_names_and_baiyin_in_english(targets):
    Path("l.csv").write_text("区划代码,地区,指标名称,年份,数值\n620403,平川区,高新技术企业,2019,6\n"
                             "620402,Baiyin,高新技术企业,2019,11\n", encoding="utf-8")
    df = intake.read_observations("l.csv", targets)
    assert sorted(set(df["region"])) == ["Baiyin", "平川区"]
    info = df.attrs["intake"]
    assert info.ignored == ["column A (区划代码: regions read from the region-name column)"]
    assert [(w.row, w.column) for w in info.warnings] == [(3, "B")] and "'Baiyin' may be" in info.warnings[0].message


def test_a_pivot_table_is_read_and_its_source_preferred():
    from analysis.io import catalogue

    targets = catalogue.load_targets()
    pivot = [["地区", "平川区"], [], ["求和项:数值", "列标签"], ["行标签", 2018, 2019, "总计"],
             ["高新技术企业", 5, 6, 11], ["总计", 5, 6, 11]]
    df = intake.read_observations(xlsx("p.xlsx", pivot), targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0} and set(df["region"]) == {"平川区"}
    source = [["地区", "指标名称", "年份", "数值"], ["平川区", "高新技术企业", 2018, 5], ["平川区", "高新技术企业", 2019, 6]]
    df = intake.read_observations(xlsx("q.xlsx", pivot, sheets={"源数据": source}), targets)
    assert df.attrs["intake"].sheet == "源数据" and len(df) == 2


def test_a_year_cell_at_the_years_end_and_the_advice_on_two_units(targets):
    Path("l.csv").write_text("指标代码,年份,数值,单位\nhigh_tech_enterprises,2019-12-31,6,家\n"
                             "high_tech_enterprises,2018-12-31 00:00:00,5,家\n", encoding="utf-8")
    assert series(intake.read_observations("l.csv", targets), "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    Path("m.csv").write_text("指标代码,年份,数值,单位\ntech_contract_turnover,2019,13000万元,亿元\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        intake.read_observations("m.csv", targets)
    assert lines(exc) == ["m.csv:2:C: the unit in the cell (万元) differs from the unit column (亿元): which is meant "
                          "is not guessed; change the unit column to 万元, or write only the number here (read in "
                          "the unit column's 亿元)"]


# --------------------------------------------------------------------------------------
# third round (stop 32): error cells, footnote marks, merged name headers, encodings
# --------------------------------------------------------------------------------------

def test_an_excel_error_cell_is_an_error_not_a_blank(targets):
    """#DIV/0! in an .xlsx was given by the workbook library as an empty cell, read as "not reported"
    and the verdict taken from the year before. openpyxl writes these strings as error cells."""
    p = xlsx("e.xlsx", [["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5, "#DIV/0!"],
                        ["科技型企业", "家", 34, "#N/A"]])
    assert openpyxl.load_workbook(p).active["D2"].data_type == "e"
    with pytest.raises(InputError) as exc:
        intake.read_observations(p, targets)
    assert [(q.row, q.column) for q in exc.value.problems] == [(2, "D"), (3, "D")]
    assert "not a number: '#DIV/0!'; Excel's mark of a formula that failed" in exc.value.problems[0].message


@pytest.mark.parametrize("mark", ["¹", "²³", "(1)", "（注1）", "注1", "[注]", "【1】", "#", "*"])
def test_a_footnote_mark_after_a_name(targets, mark):
    df = intake.read_observations(xlsx("f.xlsx", [["指标名称", "计量单位", "2019年"], [f"高新技术企业{mark}", "家", 6]]),
                                  targets)
    assert series(df, "high_tech_enterprises") == {2019: 6.0}


@pytest.mark.parametrize("head, year", [("2020年完成情况", 2020), ("十三五期末", 2020), ("“十二五”末", 2015)])
def test_end_of_term_headings_without_a_plain_year(targets, head, year):
    df = intake.read_observations(xlsx("t.xlsx", [["指标名称", "计量单位", head], ["高新技术企业", "家", 9]]), targets)
    assert series(df, "high_tech_enterprises") == {year: 9.0}


def test_a_name_header_merged_over_a_category_column(targets):
    def merge(ws):
        ws.merge_cells("A1:B1")
    rows = [["指标名称", None, "计量单位", "2018年", "2019年"], ["科技企业", "高新技术企业", "家", 5, 6],
            [None, "科技型企业", "家", 34, 39]]
    df = intake.read_observations(xlsx("m.xlsx", rows, fmt=merge), targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0} and len(df) == 4
    assert "column A (a category under the merged 指标名称 header" in df.attrs["intake"].ignored[0]


def test_a_second_note_column_is_said_not_refused(targets):
    Path("l.csv").write_text("指标代码,年份,数值,备注,备注\nhigh_tech_enterprises,2019,6,快报,见附表\n", encoding="utf-8")
    df = intake.read_observations("l.csv", targets)
    assert df["note"].tolist() == ["快报"] and df.attrs["intake"].ignored == [
        "column E (another 备注 column: the first one is read)"]


@pytest.mark.parametrize("text", ["åœ°åŒº,æŒ‡æ ‡ä»£ç ,å¹´ä»½,æ•°å€¼\nå¹³å·åŒº,é«˜æ–°,2019,6\n",
                                  "??,????,??,??\n???,??????,2019,6\n???,?????,2019,7\n"])
def test_a_csv_saved_in_a_western_encoding_is_said_so(targets, text):
    Path("g.csv").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        intake.read_observations("g.csv", targets)
    assert "looks garbled" in exc.value.problems[0].message and "CSV UTF-8" in exc.value.problems[0].message


@pytest.mark.parametrize("heading", ["{}", "一、{}", "（二）{}"])
def test_districts_stacked_in_blocks_under_heading_rows(targets, heading):
    """A city's table of its districts one block under another, each under a row naming the district
    (merged across the row, or 一、平川区): each block is its district's (it was read as 平川区 three
    times: duplicates, or 'unknown indicator 平川区')."""
    rows = [["白银市各县区科技指标"], ["指标名称", "计量单位", "2018年", "2019年"]]
    merges = []
    for name, k in (("平川区", 1), ("白银区", 3), ("靖远县", 2)):
        rows.append([heading.format(name)] * 4 if heading == "{}" else [heading.format(name)])
        if heading == "{}":
            merges.append(len(rows))
        rows.append(["高新技术企业", "家", 5 * k, 6 * k])

    def merge(ws):
        for r in merges:
            ws.merge_cells(f"A{r}:D{r}")
    df = intake.read_observations(xlsx("b.xlsx", rows, fmt=merge), targets)
    got = {(r, y): v for r, y, v in zip(df["region"], df["year"], df["value"])}
    assert got == {("平川区", 2018): 5.0, ("平川区", 2019): 6.0, ("白银区", 2018): 15.0, ("白银区", 2019): 18.0,
                   ("靖远县", 2018): 10.0, ("靖远县", 2019): 12.0}
    assert df.attrs["intake"].skipped_rows == [3, 5, 7]
    assert any("heading row above each block" in line for line in df.attrs["intake"].lines())


def test_a_section_heading_is_not_a_region(targets):
    rows = [["平川区科技指标"], ["指标名称", "计量单位", "2019年"], ["一、工业园区"], ["高新技术企业", "家", 6]]
    df = intake.read_observations(xlsx("s.xlsx", rows), targets)
    assert set(df["region"]) == {"平川区"}


# --------------------------------------------------------------------------------------
# fourth round (stop 32): 人 and 名, a row without its id, an instructions sheet with an example
# --------------------------------------------------------------------------------------

def test_people_counted_in_ren_or_ming_are_one_unit(targets):
    """联系企业专家博士 in 名, technology brokers in 人: a file writing the other word was refused, and the
    advice for 9人 under a 名 column ("change the unit column to 人") led to the first refusal."""
    Path("l.csv").write_text("指标代码,年份,数值,单位\nexpert_doctors_linked,2019,9,人\ntech_brokers,2019,4,名\n",
                             encoding="utf-8")
    df = intake.read_observations("l.csv", targets)
    assert series(df, "expert_doctors_linked") == {2019: 9.0} and series(df, "tech_brokers") == {2019: 4.0}
    assert any("both count people" in line for line in df.attrs["intake"].lines())
    Path("m.csv").write_text("指标代码,年份,数值,单位\nexpert_doctors_linked,2019,9人,名\n", encoding="utf-8")
    assert series(intake.read_observations("m.csv", targets), "expert_doctors_linked") == {2019: 9.0}
    Path("n.csv").write_text("指标代码,年份,数值,单位\ntech_brokers,2019,4,个\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot be converted"):   # 个 for 人 stays an error (issue 11)
        intake.read_observations("n.csv", targets)


def test_a_row_without_its_id_is_read_by_its_name(targets):
    """A clerk's row added to the template with the name filled and the id left empty was
    'missing indicator' (not even --skip-unknown could pass it)."""
    rows = [["indicator_id", "name_zh", "unit", "year", "value"],     # the template: an id on each year's row
            ["high_tech_enterprises", "高新技术企业", "家", 2018, 5],
            ["high_tech_enterprises", "高新技术企业", "家", 2019, 6],
            [None, "科技型企业", "家", 2019, 39],
            [None, "规上工业企业研发机构数", "个", 2019, 3]]
    with pytest.raises(InputError) as exc:
        intake.read_observations(xlsx("t.xlsx", rows), targets)
    assert [(p.row, p.column) for p in exc.value.problems] == [(5, "B")] and "unknown" in exc.value.problems[0].message
    df = intake.read_observations("t.xlsx", targets, skip_unknown=True)
    assert series(df, "tech_based_enterprises") == {2019: 39.0}
    assert any("rows without an indicator id read by their name" in line for line in df.attrs["intake"].lines())


def test_an_instructions_sheet_with_an_example_table_is_not_the_data(targets):
    example = [["填报示例"], ["指标名称", "计量单位", "2019年"], ["高新技术企业", "家", 99]]
    data = [["指标名称", "计量单位", "2019年"], ["高新技术企业", "家", 6]]
    wb = openpyxl.Workbook()
    wb.active.title = "填报说明"
    for r in example:
        wb.active.append(r)
    ws = wb.create_sheet("数据")
    for r in data:
        ws.append(r)
    wb.save("e.xlsx")
    df = intake.read_observations("e.xlsx", targets)
    assert df.attrs["intake"].sheet == "数据" and series(df, "high_tech_enterprises") == {2019: 6.0}


@pytest.mark.parametrize("extra, cells, said", [
    ("2020年完成情况", ["未完成", "已完成"], "the table has a plain 2020 column"),   # beside 2020年: not read twice
    ("2020年完成情况", [9, 42], "the table has a plain 2020 column"),
])
def test_a_second_column_of_a_year_is_said_not_read_twice(targets, extra, cells, said):
    rows = [["指标名称", "计量单位", "2019年", "2020年", extra], ["高新技术企业", "家", 6, 9, cells[0]],
            ["科技型企业", "家", 39, 42, cells[1]]]
    df = intake.read_observations(xlsx("t.xlsx", rows), targets)
    assert series(df, "high_tech_enterprises") == {2019: 6.0, 2020: 9.0}
    [w] = df.attrs["intake"].warnings
    assert w.column == "E" and said in w.message


def test_a_year_column_of_words_is_said_not_read(targets):
    rows = [["指标名称", "计量单位", "2019年", "2020年完成情况"], ["高新技术企业", "家", 6, "未完成"],
            ["科技型企业", "家", 39, "已完成"]]
    df = intake.read_observations(xlsx("t.xlsx", rows), targets)
    assert series(df, "high_tech_enterprises") == {2019: 6.0}
    [w] = df.attrs["intake"].warnings
    assert w.column == "D" and "most of its cells are words" in w.message


def test_a_sheet_of_part_of_a_year_is_said_when_left_out(targets):
    """A workbook with a sheet per period (2019年, 2020年上半年): the half-year sheet is not read, and said."""
    rows = [["指标名称", "2018年", "2019年"], ["高新技术企业", 5, 6]]
    half = [["指标名称", "本期"], ["高新技术企业", 7]]
    df = intake.read_observations(xlsx("p.xlsx", rows, sheets={"2020年上半年": half}), targets)
    assert set(df["year"]) == {2018, 2019}
    said = [w.message for w in df.attrs["intake"].warnings]
    assert said == ["the sheet '2020年上半年' covers part of a year, not the whole year: not read"]


@pytest.mark.parametrize("title, sheet", [("平川区2021年1-9月科技创新主要指标完成情况", "Sheet1"),
                                          ("平川区科技创新主要指标", "2021年上半年")])
def test_a_one_year_table_of_part_of_a_year_says_why_no_year_is_read(targets, title, sheet):
    rows = [[title, None, None], ["指标名称", "计量单位", "本年实际"], ["高新技术企业", "家", 9], ["科技型企业", "家", 42]]
    path = xlsx("p.xlsx", [], sheets={sheet: rows}) if sheet != "Sheet1" else xlsx("p.xlsx", rows)
    with pytest.raises(InputError, match="covers part of a year|says these figures cover part of a year"):
        intake.read_observations(path, targets, sheet=sheet)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_invisible_characters_copied_from_a_web_page_are_removed_and_said(targets, tmp_path, fmt):
    """2019年 with a zero-width space after it, names with one inside or a BOM before: read, said.
    Before, the 2019 column was dropped (not a year) and the names were unknown indicators."""
    rows = [["指标名称", "计量单位", "2018年", "2019年\u200b"], ["高新技术企业\u200b", "家", 5, 6],
            ["\ufeff科技型企业", "家", 34, 39], ["院士\u200d工作站", "个", 2, 2]]
    if fmt == "xlsx":
        p = xlsx("z.xlsx", rows)
    else:
        p = tmp_path / "z.csv"
        p.write_text("\n".join(",".join(str(c) for c in r) for r in rows) + "\n", encoding="utf-8")
    df = intake.read_observations(p, targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    assert series(df, "academician_workstations") == {2018: 2.0, 2019: 2.0} and len(df) == 6
    assert "单元格中看不见的字符（零宽空格等，常见于从网页复制的文字）已去掉（4 处）" in df.attrs["intake"].lines()


@pytest.mark.parametrize("name", ["⑴高新技术企业", "①高新技术企业", "1.1 高新技术企业", "Ⅳ.高新技术企业", "1)高新技术企业"])
def test_numbering_before_a_name_is_not_part_of_it(targets, name):
    df = intake.read_observations(xlsx("n.xlsx", [["指标名称", "计量单位", "2019年"], [name, "家", 6]]), targets)
    assert series(df, "high_tech_enterprises") == {2019: 6.0}


def test_a_totals_row_named_huizong_is_skipped(targets):
    """An Excel table's totals row (汇总) sums the indicators: skipped, as 合计 is (before: an unknown indicator)."""
    rows = [["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5, 6], ["科技型企业", "家", 34, 39],
            ["汇总", None, 39, 45]]
    df = intake.read_observations(xlsx("h.xlsx", rows), targets)
    assert len(df) == 4 and df.attrs["intake"].skipped_rows == [4]


@pytest.mark.parametrize("subs, read", [
    (["数值", "全市位次"], {2018: 5.0, 2019: 6.0}),             # a rank among the districts beside the value
    (["实际", "完成率（%）"], {2018: 5.0, 2019: 6.0}),           # a completion rate beside it
])
def test_a_rate_or_rank_under_each_year_is_not_the_years_value(targets, subs, read):
    """Before, the second sub-column was a second value of the year: a duplicate-year error at every row."""
    rows = [["指标名称", "计量单位", "2018年", None, "2019年", None], [None, None, *subs, *subs],
            ["高新技术企业", "家", 5, 3, 6, 2]]
    def merge(ws):  # each year merged over its two sub-columns, as such sheets are laid out
        for m in ("A1:A2", "B1:B2", "C1:D1", "E1:F1"):
            ws.merge_cells(m)
    df = intake.read_observations(xlsx("s.xlsx", rows, fmt=merge), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == read
    said = [w.message for w in df.attrs["intake"].warnings if "不是该年的数值（是完成率、位次、占比或说明）" in w.message]
    assert len(said) == 2


def test_values_whose_source_says_preliminary_are_read_and_their_year_said(targets, tmp_path):
    """区科技局台账（快报） beside 2021's values: read, and 2021 said preliminary (the report's title line
    then says so too). Before, nothing was said and the verdicts rested on 快报 figures silently."""
    p = tmp_path / "s.csv"
    p.write_text("指标名称,年份,数值,计量单位,来源\n高新技术企业,2020,10,家,区统计局年报\n"
                 "高新技术企业,2021,11,家,区科技局台账(快报)\n科技型企业,2021,45,家,区统计局（年报更正）\n",
                 encoding="utf-8")
    df = intake.read_observations(p, targets, lang="zh")
    assert len(df) == 3 and df.attrs["intake"].preliminary == [2021]
    assert ("年份、来源或备注注明为快报（初步）数的数值按快报读取（2021 年），据此作出的判断以快报数为准；年报数公布后请更新（1 处）"
            in df.attrs["intake"].lines())


@pytest.mark.parametrize("note, read, preliminary", [
    ("注：标*者为预计数。", {2018: 5.0}, []),              # estimates: the starred values left out, said
    ("注：带*的为快报数", {2018: 5.0, 2019: 6.0}, [2019]),  # preliminary: read, their year said
])
def test_starred_values_explained_by_a_note_are_what_it_says(targets, note, read, preliminary):
    """6* with 注：标*者为预计数 below: the star is in the cell, so which figures are meant can be seen
    (before: every number read as actual, with a warning that the marks cannot be seen)."""
    rows = [["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5, "6*"], ["科技型企业", "家", 34, 39],
            [note]]
    df = intake.read_observations(xlsx("s.xlsx", rows), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == read and series(df, "tech_based_enterprises") == {2018: 34.0, 2019: 39.0}
    assert df.attrs["intake"].preliminary == preliminary
    said = [w for w in df.attrs["intake"].warnings if "标*的 1 个数值（D2）" in w.message]
    assert len(said) == 1 and said[0].row == 4
    assert not [w for w in df.attrs["intake"].warnings if "看不出哪些数字" in w.message]


@pytest.mark.parametrize("fmt, stored, read", [
    ("#,##0,", 130_000_000, 1.3),        # shown 130,000 under 千元: 1.3 亿元 (before: 1300 亿元, the target met)
    ('0.0,,"百万"', 130_000_000, 1.3),   # shown 130.0百万 under 百万元
    ("#,##0", 130_000, 1.3),             # no scaling: as stored
])
def test_a_number_format_that_scales_the_value_is_read_as_shown(targets, fmt, stored, read):
    unit = {"#,##0,": "千元", '0.0,,"百万"': "百万元", "#,##0": "千元"}[fmt]

    def scale(ws):
        ws["C2"].number_format = fmt
    p = xlsx("k.xlsx", [["指标名称", "计量单位", "2019年"], ["技术市场合同交易额", unit, stored]], fmt=scale)
    df = intake.read_observations(p, targets, lang="zh")
    assert series(df, "tech_contract_turnover") == {2019: pytest.approx(read)}
    said = any("数字格式按千位缩放显示" in ln for ln in df.attrs["intake"].lines())
    assert said == (fmt != "#,##0")


def test_a_cell_comment_saying_the_value_is_not_actual_leaves_it_out(targets):
    """批注 预计数 on 2019's 6, 1-11月数 on 39: before, both read as the year's actual values, silently."""
    from openpyxl.comments import Comment

    def comment(ws):
        ws["D2"].comment = Comment("预计数，待高企认定结果公布后更正", "统计局")
        ws["D3"].comment = Comment("1-11月数", "统计局")
        ws["C3"].comment = Comment("已核对", "统计局")  # a comment that says nothing of the value: read
    rows = [["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5, 6], ["科技型企业", "家", 34, 39]]
    df = intake.read_observations(xlsx("c.xlsx", rows, fmt=comment), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0} and series(df, "tech_based_enterprises") == {2018: 34.0}
    said = [(w.row, w.column) for w in df.attrs["intake"].warnings if w.message.startswith("单元格批注")]
    assert said == [(2, "D"), (3, "D")]


def _rewrite_part(path: Path, part: str, edit) -> None:
    """Rewrite one XML part of an .xlsx (as other software writes it)."""
    import zipfile

    data = {n: zipfile.ZipFile(path).read(n) for n in zipfile.ZipFile(path).namelist()}
    data[part] = edit(data[part].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in data.items():
            z.writestr(n, b)


@pytest.mark.parametrize("variant", ["prefixed", "attributes_swapped"])
def test_percent_cells_are_found_in_xml_other_software_writes(targets, variant):
    """A sheet whose elements carry a namespace prefix (<x:c>, .NET writers) or a styles part with
    formatCode before numFmtId: the %-formatted 0.0064 is 0.64 %, as Excel shows it (before: 0.0064 %)."""
    import re
    import zipfile

    def pct(ws):
        ws["C2"].number_format = "0.0%"  # (a custom format: written as a numFmt of styles.xml)
    p = xlsx("x.xlsx", [["指标名称", "计量单位", "2019年"], ["战略性新兴产业增加值占生产总值比重", "%", 0.0064]], fmt=pct)
    if variant == "prefixed":
        def prefix(xml):
            xml = re.sub(r"<(/?)(?![?!])(\w+)(?=[\s>/])", r"<\1x:\2", xml)
            return xml.replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                               'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 1)
        _rewrite_part(p, "xl/worksheets/sheet1.xml", prefix)
    else:
        _rewrite_part(p, "xl/styles.xml", lambda xml: re.sub(
            r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', r'<numFmt formatCode="\2" numFmtId="\1"', xml))
        assert b'formatCode="0.0%" numFmtId=' in zipfile.ZipFile(p).read("xl/styles.xml")
    df = intake.read_observations(p, targets)
    assert series(df, "strategic_emerging_share") == {2019: pytest.approx(0.64)}


@pytest.mark.parametrize("note, font, read", [
    ("注：表中斜体数字为预计数。", {"italic": True}, {2018: 5.0}),        # a yearbook's convention
    ("注：红色数字为预计数", {"color": "FFFF0000"}, {2018: 5.0}),
    ("注：表中斜体数字为预计数。", {"bold": True}, {2018: 5.0, 2019: 6.0}),  # bold is not what it names: read
])
def test_figures_marked_by_their_font_as_a_note_says_are_left_out(targets, note, font, read):
    """2019's 6 in italics under 注：表中斜体数字为预计数: the sheet's fonts are read (before: every number
    read as actual, with a warning that the marks could not be seen)."""
    from openpyxl.styles import Font

    def style(ws):
        ws["D2"].font = Font(**font)
    rows = [["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5, 6], ["科技型企业", "家", 34, 39],
            [note]]
    df = intake.read_observations(xlsx("f.xlsx", rows, fmt=style), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == read and series(df, "tech_based_enterprises") == {2018: 34.0, 2019: 39.0}
    left_out = [w for w in df.attrs["intake"].warnings if "的 1 个数值（D2）是预计数" in w.message]
    assert len(left_out) == (1 if len(read) == 1 else 0)


def test_a_yearbooks_bilingual_cells_are_read_by_their_chinese_line(targets):
    """指标\\nItem over 高新技术企业\\nHigh-tech Enterprises (a yearbook's bilingual table): before, no header found."""
    rows = [["指标\nItem", "单位\nUnit", "2018年", "2019年"], ["高新技术企业\nHigh-tech Enterprises", "家", 5, 6],
            ["技术市场合同交易额\nTurnover of Technology Contracts", "万元", 10400, 13000]]
    df = intake.read_observations(xlsx("b.xlsx", rows), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    assert series(df, "tech_contract_turnover") == {2018: 1.04, 2019: 1.3}


@pytest.mark.parametrize("title", ["平川区2020年科技创新工作目标任务分解表", "平川区2020年主要科技指标预计完成情况",
                                   "平川区科技创新规划主要指标年度目标分解表（2018—2020年）"])
def test_a_table_titled_as_targets_or_estimates_is_not_read_as_outcomes(targets, title):
    """Before, the year was taken from such a title and the targets scored as that year's outcomes."""
    rows = [[title], ["指标名称", "计量单位", "2019年", "2020年"], ["高新技术企业", "家", 12, 18]]
    df = intake.read_observations(xlsx("t.xlsx", rows), targets, lang="zh")
    assert df.empty
    assert [w.row for w in df.attrs["intake"].warnings if "表明表中是目标任务（计划）数或预计数" in w.message] == [1]
    rows[0] = ["平川区2019年主要科技指标目标完成情况"]  # the outcomes against the targets: read
    assert len(intake.read_observations(xlsx("t.xlsx", rows), targets)) == 2


@pytest.mark.parametrize("header, cells, read", [
    ("数据来源", ["区统计局年报", "《平川区“十三五”科技创新规划》目标值"], {2019: 6.0}),
    ("值类型", ["实际值", "目标值"], {2019: 6.0}),
    ("期别", ["年报", "1-11月"], {2019: 6.0}),
    ("数据截止日期", ["2019-12-31", "2020-11-30"], {2019: 6.0}),
])
def test_a_long_tables_column_saying_a_value_is_not_an_outcome(targets, tmp_path, header, cells, read):
    """The 2020 row is the plan's target or part of the year: before, read as 2020's value (the target met)."""
    p = tmp_path / "l.csv"
    p.write_text(f"指标名称,年份,数值,计量单位,{header}\n高新技术企业,2019,6,家,{cells[0]}\n"
                 f"高新技术企业,2020,18,家,{cells[1]}\n", encoding="utf-8")
    df = intake.read_observations(p, targets, lang="zh")
    assert series(df, "high_tech_enterprises") == read


def test_the_data_year_is_read_beside_the_report_year(targets, tmp_path):
    """报告年度 2020 beside 统计时期 2019年: the figures are 2019's (before: scored as 2020's outcomes)."""
    p = tmp_path / "y.csv"
    p.write_text("指标名称,计量单位,报告年度,统计时期,数值\n高新技术企业,家,2020,2019年,6\n", encoding="utf-8")
    df = intake.read_observations(p, targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2019: 6.0}
    assert any("报表的年度" in x for x in df.attrs["intake"].ignored)


def test_a_count_under_the_per_capita_indicators_numerator_unit_is_refused(targets):
    """每万人发明专利拥有量 | 件 | 21 (patents, not per 10,000 residents): before, 21 件/万人, met since 2017."""
    rows = [["指标名称", "计量单位", "2019年"], ["每万人发明专利拥有量", "件", 21]]
    with pytest.raises(InputError, match="像是总件数"):
        intake.read_observations(xlsx("u.xlsx", rows), targets, lang="zh")
    rows[1][2] = 1.05  # the ratio under 件, as bureaus write it: read
    assert series(intake.read_observations(xlsx("u.xlsx", rows), targets), "invention_patents_per_10k") == {2019: 1.05}


@pytest.mark.parametrize("written, region", [("平川区（含平川经济开发区）", "平川区"), ("Pingchuan Qu", "平川区"),
                                             ("Jingyuan Xian", "靖远县")])
def test_district_names_with_what_they_include_or_in_pinyin(targets, tmp_path, written, region):
    p = tmp_path / "r.csv"
    p.write_text(f"地区,指标名称,年份,数值\n{written},高新技术企业,2019,6\n", encoding="utf-8")
    assert set(intake.read_observations(p, targets)["region"]) == {region}


@pytest.mark.parametrize("revised", ["2019年(修订)", "2019年（更正）", "2019年年报"])
def test_a_revised_sheet_of_a_year_is_read_instead_of_the_first(targets, tmp_path, revised):
    """Sheets 2019年 (快报: 5) and 2019年(修订) (6): before, the 快报 sheet was read and the revised
    one only listed as skipped."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "2019年"
    for ws, v in ((wb.active, 5), (wb.create_sheet(revised), 6)):
        ws.append(["指标名称", "计量单位", "数值"])
        ws.append(["高新技术企业", "家", v])
    wb.save(tmp_path / "r.xlsx")
    df = intake.read_observations(tmp_path / "r.xlsx", targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2019: 6.0}
    assert any(f"按修订（年报）后的 '{revised}' 读取" in w.message for w in df.attrs["intake"].warnings)


def test_a_revised_column_beside_the_plain_one_is_read(targets):
    rows = [["指标名称", "计量单位", "2018年", "2019年", "2019年（修订）"], ["高新技术企业", "家", 4, 5, 6]]
    df = intake.read_observations(xlsx("c.xlsx", rows), targets)
    assert series(df, "high_tech_enterprises") == {2018: 4.0, 2019: 6.0}



@pytest.mark.parametrize("rows", [
    [["指标名称", "计量单位", "2018年数据", "2019年数据"], ["高新技术企业", "家", 5, 6]],       # 2019年数据
    [["指标名称", "计量单位", "截至2018年底", "截至2019年底"], ["高新技术企业", "家", 5, 6]],   # 截至2019年底
    [["指标名称", "计量单位", "2018年", "2019年"], ["甲", "乙", 1, 2], ["高新技术企业", "家", 5, 6]],  # a 栏次 row
    [["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业（有效期内）", "家", 5, 6]],   # said more fully
    [["考核指标", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5, 6]],              # a 考核 table's header
])
def test_more_ways_bureau_tables_write_years_names_and_headers(targets, rows):
    """Readable tables that were refused (no header found, an unknown indicator '甲' or '…（有效期内）')."""
    df = intake.read_observations(xlsx("w.xlsx", rows), targets)
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}


def test_a_new_count_in_brackets_is_not_the_stock(targets):
    """（当年新增） changes what is counted: not read past (an unknown indicator, with the suggestion)."""
    with pytest.raises(InputError, match="高新技术企业（当年新增）"):
        intake.read_observations(xlsx("n.xlsx", [["指标名称", "计量单位", "2019年"], ["高新技术企业（当年新增）", "家", 2]]),
                                 targets, lang="zh")


def test_a_summary_sheet_before_one_sheet_a_district_is_left_out(targets, tmp_path):
    """汇总 (one column per district) then 平川区, 白银区, 靖远县: before, refused (several sheets fit)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "汇总"
    for r in [["2019年白银市各县区主要科技指标"], ["指标名称", "计量单位", "平川区", "白银区", "靖远县"],
              ["高新技术企业", "家", 6, 16, 4]]:
        wb.active.append(r)
    for k, d in enumerate(["平川区", "白银区", "靖远县"]):
        ws = wb.create_sheet(d)
        for r in [["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5 + k, 6 + k]]:
            ws.append(r)
    wb.save(tmp_path / "s.xlsx")
    df = intake.read_observations(tmp_path / "s.xlsx", targets, lang="zh")
    assert sorted(set(df["region"])) == ["平川区", "白银区", "靖远县"] and len(df) == 6
    assert any(w.message.startswith("工作表 '汇总' 是各区县工作表") for w in df.attrs["intake"].warnings)


def test_a_pipe_delimited_export_is_read(targets, tmp_path):
    """A database export with | between the fields: before, no header was found."""
    p = tmp_path / "e.txt"
    p.write_text("指标名称|计量单位|年份|数值\n高新技术企业|家|2018|5\n高新技术企业|家|2019|6\n", encoding="utf-8")
    assert series(intake.read_observations(p, targets), "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}


def test_a_transposed_tables_unit_row_without_a_label(targets):
    """年份 | 技术市场合同交易额 | 高新技术企业 over an unlabelled row 万元 | 家: the units (before: refused,
    'year missing' and '万元 is not a number')."""
    rows = [["年份", "技术市场合同交易额", "高新技术企业"], [None, "万元", "家"], ["2018年", 10400, 5], ["2019年", 13000, 6]]
    df = intake.read_observations(xlsx("t.xlsx", rows), targets)
    assert series(df, "tech_contract_turnover") == {2018: 1.04, 2019: 1.3}
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}


@pytest.mark.parametrize("rows", [
    # the cut-off in the title (数据截至2020年11月底): 2020's figures are eleven months'
    [["平川区主要科技指标完成情况（数据截至2020年11月底）"], ["指标名称", "计量单位", "2019年", "2020年"],
     ["高新技术企业", "家", 6, 9]],
    # the note written beside the table, not below it
    [["指标名称", "计量单位", "2019年", "2020年", None, "注：2020年为1-11月数据"], ["高新技术企业", "家", 6, 9]],
    # 2020年数为预计数 (数, not 数据)
    [["指标名称", "计量单位", "2019年", "2020年"], ["高新技术企业", "家", 6, 9], ["注：高新技术企业2020年数为预计数。"]],
])
def test_more_ways_a_note_says_a_years_figures_are_not_its_outcome(targets, rows):
    """Before, 2020's eleven-month or estimated 9 was read as the year's outcome."""
    df = intake.read_observations(xlsx("n.xlsx", rows), targets)
    assert series(df, "high_tech_enterprises") == {2019: 6.0}


def test_a_ditto_mark_in_the_region_column_is_the_region_above(targets, tmp_path):
    """同上 / 〃 under 平川区: before, a region named 同上 with its own verdicts, 平川区 left one value."""
    p = tmp_path / "d.csv"
    p.write_text("地区,指标名称,年份,数值\n平川区,高新技术企业,2018,5\n同上,高新技术企业,2019,6\n"
                 "白银区,高新技术企业,2018,13\n〃,高新技术企业,2019,16\n", encoding="utf-8")
    df = intake.read_observations(p, targets, lang="zh")
    assert sorted(map(tuple, df[["region", "year", "value"]].values.tolist())) == [
        ("平川区", 2018, 5.0), ("平川区", 2019, 6.0), ("白银区", 2018, 13.0), ("白银区", 2019, 16.0)]
    assert "A 列地区写作“同上”（或 〃）的单元格按上一行的地区读取（2 处）" in df.attrs["intake"].lines()



# --------------------------------------------------------------------------- round 13 of bureau-file variants

@pytest.mark.parametrize("title", ["平川区2020年主要科技指标预期值", "平川区2020年科技工作主要预期指标"])
def test_a_table_of_expected_values_is_not_read_as_outcomes(targets, title):
    """预期值 / 预期指标 (a plan's expected figures) over one 数值 column: before, read as 2020's outcomes."""
    rows = [[title], ["指标名称", "计量单位", "数值"], ["高新技术企业", "家", 18], ["科技型企业", "家", 40]]
    df = intake.read_observations(xlsx("t.xlsx", rows), targets, lang="zh")
    assert df.empty


def test_a_plans_indicator_table_reads_the_base_year_only(targets):
    """“十二五”末（2015年） | “十三五”末（2020年） | 指标属性 预期性: the 2020 column is the plan's target (before:
    read as 2020's outcome, every target met); 2015, the base, is read."""
    rows = [["平川区“十三五”科技创新规划主要指标"],
            ["序号", "指标名称", "计量单位", "“十二五”末（2015年）", "“十三五”末（2020年）", "年均增长（%）", "指标属性"],
            [1, "高新技术企业", "家", 3, 18, 43.1, "预期性"], [2, "科技型企业", "家", 19, 40, 16.1, "预期性"]]
    df = intake.read_observations(xlsx("p.xlsx", rows), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2015: 3.0} and series(df, "tech_based_enterprises") == {2015: 19.0}
    assert [w.row for w in df.attrs["intake"].warnings if "是规划的主要指标表" in w.message] == [2]
    # the same table of outcomes (完成情况, five years) with the attribute listed: every year read
    rows[0] = ["平川区“十三五”科技创新主要指标完成情况"]
    assert series(intake.read_observations(xlsx("p.xlsx", rows), targets), "high_tech_enterprises") == {2015: 3.0,
                                                                                                   2020: 18.0}
    # a monitoring table of consecutive years that lists the attribute: every year read
    rows = [["平川区主要科技指标"], ["指标名称", "计量单位", "2018年", "2019年", "2020年", "指标属性"],
            ["高新技术企业", "家", 5, 6, 9, "预期性"]]
    assert series(intake.read_observations(xlsx("p.xlsx", rows), targets), "high_tech_enterprises") == {
        2018: 5.0, 2019: 6.0, 2020: 9.0}


@pytest.mark.parametrize("note", ["注：表中年份为报送年份，各栏数据均为上一年度数据。", "注：“本年”栏为2018年数据，“上年”栏为2017年数据。"])
def test_a_note_saying_the_headers_years_are_not_the_figures_is_refused(targets, note):
    """Before, every value was read one year late (2019's figures scored as 2020's), silently."""
    rows = [["平川区主要科技指标"], ["指标名称", "计量单位", "2019年", "2020年"], ["高新技术企业", "家", 5, 6], [note]]
    with pytest.raises(InputError, match="表头的年份不是数据所属的年份") as exc:
        intake.read_observations(xlsx("r.xlsx", rows), targets, lang="zh")
    assert ":4:A:" in str(exc.value)


def test_a_note_naming_the_years_the_headers_were_read_as_is_fine(targets):
    """“本年”栏为2019年数据 under a 2019 title says what the reader took anyway: read, not refused."""
    rows = [["平川区2019年主要科技指标"], ["指标名称", "计量单位", "本年", "上年"], ["高新技术企业", "家", 6, 5],
            ["注：“本年”栏为2019年数据，“上年”栏为2018年数据。"]]
    df = intake.read_observations(xlsx("r.xlsx", rows), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}


@pytest.mark.parametrize("text", ["2020年为1-11月数据",
                                  "[线程批注]\n你的Excel版本允许你读取此线程批注；但如果在更新版本的Excel中打开文件，则对批注所作的"
                                  "任何编辑都将被删除。了解详细信息：https://go.microsoft.com/fwlink/?linkid=870924\n注释:\n"
                                  "    2020年为1-11月数据"])
def test_a_comment_on_a_year_header_is_said_of_its_column(targets, text):
    """A comment on the 2020年 header (Excel 365 writes a threaded comment's copy with its boilerplate): the
    column's values are not read, said once at the header with the comment's own text."""
    from openpyxl.comments import Comment

    def comment(ws):
        ws["D1"].comment = Comment(text, "统计局")
    rows = [["指标名称", "计量单位", "2019年", "2020年"], ["高新技术企业", "家", 5, 6], ["科技型企业", "家", 34, 39]]
    df = intake.read_observations(xlsx("c.xlsx", rows, fmt=comment), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2019: 5.0} and series(df, "tech_based_enterprises") == {2019: 34.0}
    said = [w for w in df.attrs["intake"].warnings if w.message.startswith("表头单元格的批注")]
    assert [(w.row, w.column) for w in said] == [(1, "D")] and "'2020年为1-11月数据'" in said[0].message


def test_a_long_name_marked_with_a_star_is_read(targets):
    """*战略性新兴产业增加值占生产总值比重 (a binding indicator's star): before, skipped as a note row."""
    rows = [["指标名称", "计量单位", "2018年", "2019年"], ["*战略性新兴产业增加值占生产总值比重", "%", 0.61, 0.64],
            ["*以上数据由区统计局提供"], ["注：带*的为约束性指标。"]]
    df = intake.read_observations(xlsx("s.xlsx", rows), targets, lang="zh")
    assert series(df, "strategic_emerging_share") == {2018: 0.61, 2019: 0.64}


@pytest.mark.parametrize("note, mark", [
    ("注：红色数字为预计数", "red"),            # <color indexed="10"/>: red in the legacy palette (older files, WPS)
    ("注：黄色底纹数字为预计数。", "yellow"),     # a yellow fill
])
def test_figures_marked_by_a_legacy_red_or_a_yellow_fill_are_seen(targets, note, mark):
    """Before, every number was read as actual (warned: the marks could not be seen)."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.styles.colors import Color

    def style(ws):
        if mark == "red":
            ws["D2"].font = Font(color=Color(indexed=10))
        else:
            ws["D2"].fill = PatternFill("solid", fgColor="FFFFFF00")
    rows = [["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5, 6], ["科技型企业", "家", 34, 39],
            [note]]
    df = intake.read_observations(xlsx("f.xlsx", rows, fmt=style), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0}
    assert series(df, "tech_based_enterprises") == {2018: 34.0, 2019: 39.0}


def test_a_blocks_own_title_names_its_district(targets):
    """Two tables stacked, the second under 白银区主要科技指标: before, its rows were read as 平川区's (the
    sheet title's district)."""
    rows = [["平川区主要科技指标"], ["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5, 6], [None],
            ["白银区主要科技指标"], ["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 13, 16]]
    df = intake.read_observations(xlsx("b.xlsx", rows), targets, lang="zh")
    got = {(r.region, int(r.year)): r.value for r in df.itertuples()}
    assert got == {("平川区", 2018): 5.0, ("平川区", 2019): 6.0, ("白银区", 2018): 13.0, ("白银区", 2019): 16.0}


def test_a_unit_column_with_a_blank_header_is_read_as_units(targets):
    """A unit column left without a header, 百万元 in it: before, 130 read as 130亿元 (only 'column B not read')."""
    rows = [["平川区主要科技指标"], ["指标名称", None, "2018年", "2019年"], ["技术市场合同交易额", "百万元", 104, 130],
            ["高新技术企业", "家", 5, 6]]
    df = intake.read_observations(xlsx("u.xlsx", rows), targets, lang="zh")
    assert series(df, "tech_contract_turnover") == {2018: 1.04, 2019: 1.3}
    assert any("B 列没有列名，内容均为计量单位" in ln for ln in df.attrs["intake"].lines())


def test_this_and_last_year_written_with_du(targets):
    """本年度 | 上年度 under a 2019 title read as 本年 | 上年 (before: refused, no year found)."""
    rows = [["平川区2019年主要科技指标"], ["指标名称", "计量单位", "本年度", "上年度"], ["高新技术企业", "家", 6, 5]]
    df = intake.read_observations(xlsx("y.xlsx", rows), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}


def test_a_monthly_reports_cumulative_columns_are_not_whole_years(targets):
    """…2019年主要科技指标月报（11月）, 本年累计 | 上年同期累计: Jan-Nov, not 2019's and 2018's years (before:
    read as both years' values, silently); a December report's (月报（12月）) are the whole years."""
    rows = [["平川区2019年主要科技指标月报（11月）"], ["指标名称", "计量单位", "本年累计", "上年同期累计"],
            ["高新技术企业", "家", 6, 5]]
    df = intake.read_observations(xlsx("m.xlsx", rows), targets, lang="zh")
    assert df.empty and [w.row for w in df.attrs["intake"].warnings if "部分月份" in w.message] == [1, 1]
    rows[0] = ["平川区2019年主要科技指标月报（12月）"]
    df = intake.read_observations(xlsx("m.xlsx", rows), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}


def test_a_row_note_carrying_last_years_value_over(targets):
    """备注 2019年暂沿用上年数: 2019's value is 2018's repeated, not 2019's figure: not read, said."""
    rows = [["指标名称", "计量单位", "2018年", "2019年", "备注"], ["高新技术企业", "家", 5, 5, "2019年暂沿用上年数"],
            ["科技型企业", "家", 34, 39, None]]
    df = intake.read_observations(xlsx("n.xlsx", rows), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0}
    assert series(df, "tech_based_enterprises") == {2018: 34.0, 2019: 39.0}


@pytest.mark.parametrize("content, says", [
    (b"<html><body><table><tr><td>\xe6\x8c\x87\xe6\xa0\x87</td></tr></table></body></html>", "网页（HTML）表格"),
    ("指标名称\t计量单位\t2019年\n高新技术企业\t家\t6\n".encode("utf-8"), "以制表符或逗号分隔的文本"),
])
def test_a_web_page_or_text_saved_as_xls_says_what_it_is(targets, tmp_path, content, says):
    p = tmp_path / "export.xls"
    p.write_bytes(content)
    with pytest.raises(InputError, match=says):
        intake.read_observations(p, targets, lang="zh")


@pytest.mark.parametrize("line", ["（统计时段：2019年1月1日至2019年11月30日）", "平川区主要科技指标完成情况（2019.1.1-2019.11.30）",
                                  "数据截止时间：2019年11月30日    金额单位：万元"])
def test_a_line_above_the_table_ending_the_period_before_december(targets, line):
    rows = [[line], ["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5, 6]]
    df = intake.read_observations(xlsx("n.xlsx", rows), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0}



def test_enterprises_counted_in_hu_are_read_as_jia(targets, tmp_path):
    """户 is the statistical unit of enterprises (企业户数): 高新技术企业 9户 is 9家, read and said (before:
    the whole file refused)."""
    p = tmp_path / "h.csv"
    p.write_text("指标名称,年份,数值,计量单位\n高新技术企业,2019,9,户\n", encoding="utf-8")
    df = intake.read_observations(p, targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2019: 9.0}
    assert any("单位“户”按“家”读取（同为企业数）" in ln for ln in df.attrs["intake"].lines())



@pytest.mark.parametrize("line", ["填报单位（盖章）：白银区科学技术局", "单位名称：白银区科学技术局"])
def test_the_reporting_unit_with_its_seal_or_as_unit_name(targets, line):
    """填报单位（盖章）：… (a printed form's seal between the label and the colon), 单位名称：…: before, the
    table was read as the default district's, silently."""
    rows = [["主要科技指标"], [line, None, "金额单位：万元"], ["指标名称", "计量单位", "2019年"], ["高新技术企业", "家", 16]]
    df = intake.read_observations(xlsx("u.xlsx", rows), targets, lang="zh")
    assert set(df["region"]) == {"白银区"}


@pytest.mark.parametrize("title", ["兰州市红古区主要科技指标完成情况（对标区县）", "平川经济开发区主要科技指标完成情况"])
def test_a_title_naming_a_place_outside_the_plan_is_refused(targets, title):
    """Another city's district, a park inside the district: never read as the default district's."""
    rows = [[title], ["指标名称", "计量单位", "2019年"], ["高新技术企业", "家", 4]]
    with pytest.raises(InputError, match="说明这是另一个地方"):
        intake.read_observations(xlsx("o.xlsx", rows), targets, lang="zh")


def test_the_citys_figure_in_a_districts_table_is_not_the_districts(targets):
    """全市技术市场合同交易额 in 平川区's table (for reference): before, read as 平川区's turnover (已达标)."""
    rows = [["平川区主要科技指标"], ["指标名称", "计量单位", "2019年"], ["高新技术企业", "家", 6],
            ["全市技术市场合同交易额", "万元", 66000]]
    with pytest.raises(InputError, match="全市技术市场合同交易额"):
        intake.read_observations(xlsx("c.xlsx", rows), targets, lang="zh")
    rows[3][0] = "技术市场合同交易额合计"     # the indicator's own total, named so: read
    df = intake.read_observations(xlsx("c.xlsx", rows), targets, lang="zh")
    assert series(df, "tech_contract_turnover") == {2019: 6.6}


@pytest.mark.parametrize("note, read", [
    # near misses: notes that mention an estimate, a monthly report or last year for another reason
    ("注：2019年数据为年报数（已替代月报快报数）。", {2018: 5.0, 2019: 6.0}),
    ("注：2019年为年报实际数，非预计数。", {2018: 5.0, 2019: 6.0}),
    ("注：2019年1-11月数据见附表2，本表为全年数。", {2018: 5.0, 2019: 6.0}),
    # round 14: estimates, plans and part-year said in other words
    ("注：2019年数据尚未经区统计局核定，为预计数。", {2018: 5.0}),
    ("注：2019年数据为预估数。", {2018: 5.0}),
    ("注：2019年数据为市考核目标值。", {2018: 5.0}),
    ("注：2019年数据为区政府下达任务数。", {2018: 5.0}),
    ("注：2019年各项指标按全年预计完成情况填报。", {2018: 5.0}),
    ("注：1.2018年：快报数；2.2019年：预计数。", {2018: 5.0}),
    ("注：2018、2019年数据为预计数。", {}),
    ("注：2019年数据为11月份快报数。", {2018: 5.0}),
    ("注：2019年为1〜11月数据。", {2018: 5.0}),
    ("注：2019年为1―11月数据。", {2018: 5.0}),
])
def test_round_14_notes(targets, note, read):
    rows = [["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5, 6], [note]]
    df = intake.read_observations(xlsx("n.xlsx", rows), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == read


@pytest.mark.parametrize("text", ["请填报全年实际数，不得填报预计数。", "该数据已与统计局核实，是实际数，不是预计数。"])
def test_a_comment_saying_a_value_is_not_an_estimate_is_read(targets, text):
    from openpyxl.comments import Comment

    def comment(ws):
        ws["D1"].comment = Comment(text, "统计局")
        ws["D2"].comment = Comment(text, "统计局")
    rows = [["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5, 6]]
    df = intake.read_observations(xlsx("c.xlsx", rows, fmt=comment), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}


def test_a_comment_on_a_rows_name_or_the_title(targets):
    from openpyxl.comments import Comment

    def comment(ws):
        ws["A3"].comment = Comment("2019年为预计数", "统计局")      # 高新技术企业's name
    rows = [["平川区主要科技指标"], ["指标名称", "计量单位", "2018年", "2019年"], ["高新技术企业", "家", 5, 6],
            ["科技型企业", "家", 34, 39]]
    df = intake.read_observations(xlsx("c.xlsx", rows, fmt=comment), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0} and series(df, "tech_based_enterprises") == {
        2018: 34.0, 2019: 39.0}

    def title(ws):
        ws["A1"].comment = Comment("2019年为1-11月数据", "统计局")
    df = intake.read_observations(xlsx("t.xlsx", rows, fmt=title), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0}


def test_a_long_tables_scope_column_and_a_monthly_report_as_source(targets, tmp_path):
    p = tmp_path / "l.csv"
    p.write_text("指标名称,年份,数值,计量单位,统计口径,数据来源\n高新技术企业,2018,5,家,全年,2018年统计年鉴\n"
                 "高新技术企业,2019,6,家,1-11月,区统计局\n科技型企业,2019,39,家,,区统计局2019年11月统计月报\n",
                 encoding="utf-8")
    df = intake.read_observations(p, targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2018: 5.0} and series(df, "tech_based_enterprises") == {}


def test_an_encrypted_workbook_says_it_has_a_password(targets, tmp_path):
    """An .xlsx with an opening password is an OLE file holding an encrypted package: before, "cannot
    read as an xls workbook (CalamineError)"."""
    p = tmp_path / "locked.xlsx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le")
                  + b"\0" * 16 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64)
    with pytest.raises(InputError, match="设有打开密码"):
        intake.read_observations(p, targets, lang="zh")


def test_round_15_controls(targets):
    """An indicator's own 合计 with 其中 rows under it is read (it was skipped as a total row); a 填报说明 /
    数据说明 row is a note (it was an unknown indicator, the file refused); 2020年数据中，高新技术企业为预计数
    leaves 2020 out (it was read as actual, silently)."""
    rows = [["指标名称", "计量单位", "2019年", "2020年"], ["科技型企业合计", "家", 39, 42], ["其中：高新技术企业", "家", 6, 9],
            ["院士工作站合计", "个", 2, 3], ["填报说明：数据截止时间为2021年1月，填报日期2021年1月10日。"],
            ["数据说明：2019年为年报数。"]]
    df = intake.read_observations(xlsx("r.xlsx", rows), targets, lang="zh")
    assert series(df, "tech_based_enterprises") == {2019: 39.0, 2020: 42.0}
    assert series(df, "academician_workstations") == {2019: 2.0, 2020: 3.0}
    rows = [["指标名称", "计量单位", "2019年", "2020年"], ["高新技术企业", "家", 6, 9],
            ["注：2020年数据中，高新技术企业为预计数，其余均为实际数。"]]
    df = intake.read_observations(xlsx("r.xlsx", rows), targets, lang="zh")
    assert series(df, "high_tech_enterprises") == {2019: 6.0}


def test_a_file_of_towns_only_is_not_read_as_regions(targets, tmp_path):
    """共和镇, 王家山镇, 水泉镇 and their 合计, no district: before, each town read as a region and scored
    against the district's target (共和镇's 21 enterprises 未完成 against 40)."""
    p = tmp_path / "t.csv"
    p.write_text("地区,指标名称,计量单位,年份,数值\n共和镇,科技型企业,家,2019,20\n王家山镇,科技型企业,家,2019,12\n"
                 "合计,科技型企业,家,2019,32\n", encoding="utf-8")
    df = intake.read_observations(p, targets, lang="zh")
    assert df.empty
    assert any("个乡镇（街道）是 '平川区' 以下的单位" in w.message for w in df.attrs["intake"].warnings)


def test_share_warnings_go_per_region_and_indicator_in_the_file_s_order(targets):
    """The share checks run on every region and indicator at once (stop 40; a loop over the groups took
    36 s at 60,000 series): a fraction among one region's percentages, a whole series written as
    fractions in another, and the same values that are a region's own small share not warned."""
    rows = ["甲区,poor_village_commissioner_coverage,2017,83,%", "甲区,poor_village_commissioner_coverage,2018,0.92,%",
            "甲区,poor_village_commissioner_coverage,2019,95,%",
            "乙区,strategic_emerging_share,2017,0.0042,%", "乙区,strategic_emerging_share,2018,0.0053,%",
            "乙区,poor_village_commissioner_coverage,2018,0.9,%", "乙区,poor_village_commissioner_coverage,2019,0.97,%",
            "丙区,strategic_emerging_share,2018,0.3,%", "丙区,strategic_emerging_share,2019,0.4,%"]
    Path("r.csv").write_text("地区,指标代码,年份,数值,单位\n" + "\n".join(rows) + "\n", encoding="utf-8")
    df = intake.read_observations("r.csv", targets)
    got = [(w.row, "other years" in w.message, "below the target" in w.message) for w in df.attrs["intake"].warnings]
    assert got == [(3, True, False), (5, False, True), (7, False, True)], [w.message for w in df.attrs["intake"].warnings]
    assert len(df) == len(rows)                                            # warned, every value read as written


def test_aggregate_of_names_what_a_total_holds_and_skips_a_place_of_its_own():
    from analysis.io.readers.checks import aggregate_of

    districts = ["平川区", "白银区", "靖远县"]
    assert aggregate_of("全市", districts + ["全市"]) == districts
    assert aggregate_of("白银市", districts + ["白银市", "兰州市"]) == districts
    assert aggregate_of("白银市", ["白银市平川区", "兰州市"]) == ["白银市平川区"]
    assert aggregate_of("甘肃省白银市", ["会宁县", "兰州市"]) == ["会宁县"]
    assert aggregate_of("市区", districts + ["白银高新区"]) == ["平川区", "白银区"]

    class NotToBeRead(list):
        def __iter__(self):
            raise AssertionError("a place of its own needs no look at the others")

    assert aggregate_of("平川区", NotToBeRead(districts)) == [] and aggregate_of("r000001", NotToBeRead()) == []


@pytest.mark.parametrize("cell, flags", [('="10400"', 8 | 2), (' ="1" ', 8 | 2), ("'39", 8 | 4), ("\u201839", 8 | 4),
                                         ("—", 8 | 1), ("12", 8), ("", 8), (12.0, 0), (None, 0), ("=A1", 8)])
def test_value_cells_are_sorted_once_per_distinct_text(cell, flags):
    """One look per distinct value cell (stop 40): a not-reported marker, an export's ="10400", Excel's '39."""
    from analysis.io.readers.checks import _value_text_flags

    assert _value_text_flags(cell) == flags


# ------------------------------------------------------- a table of one indicator by place and year
def test_a_table_of_one_indicator_by_district_and_year_named_by_its_title(targets):
    """各县区技术市场合同交易额（万元） over 县区 | 2015年 | … : a yearbook's table of one indicator has no
    indicator column, and no layout fitted ("no header in the first 60 rows"). The title names the
    indicator and its unit: every district's values are read, converted, and the summary says how."""
    p = Path("xq.csv")
    p.write_text("2015-2019年各县区技术市场合同交易额（万元）\n县区,2017年,2018年,2019年\n平川区,5800,8600,11800\n"
                 "白银区,26000,28800,33800\n靖远县,1500,2200,2600\n", encoding="utf-8")
    df = intake.read_observations(p, targets)
    assert sorted(set(df["region"])) == ["平川区", "白银区", "靖远县"] and set(df["indicator_id"]) == {
        "tech_contract_turnover"}
    assert series(df[df["region"] == "平川区"], "tech_contract_turnover") == pytest.approx(
        {2017: 0.58, 2018: 0.86, 2019: 1.18})
    said = df.attrs["intake"].lines()
    assert any("no indicator column" in x and "named by the title" in x and "tech_contract_turnover" in x
               for x in said), said


def test_a_workbook_of_one_sheet_per_indicator_is_read_whole(targets):
    p = xlsx("xq2.xlsx", [["县区", "2017年", "2018年", "2019年"], ["平川区", 3, 4, 6], ["白银区", 10, 12, 15]],
             sheets={"技术市场合同交易额": [["各县区技术市场合同交易额（万元）"], ["县区", "2017年", "2018年", "2019年"],
                                   ["平川区", 5800, 8600, 11800], ["白银区", 26000, 28800, 33800]]})
    wb = openpyxl.load_workbook(p)
    wb["Sheet1"].title = "高新技术企业"
    wb.save(p)
    df = intake.read_observations(p, targets)
    assert sorted(set(df["indicator_id"])) == ["high_tech_enterprises", "tech_contract_turnover"]
    assert series(df[df["region"] == "白银区"], "high_tech_enterprises") == {2017: 10, 2018: 12, 2019: 15}
    assert any("one an indicator" in x for x in df.attrs["intake"].lines())


def test_a_places_by_years_table_that_names_no_indicator_is_still_refused(targets):
    p = Path("none.csv")
    p.write_text("县区,2017年,2018年\n平川区,3,4\n白银区,5,6\n", encoding="utf-8")
    with pytest.raises(InputError, match="no header"):
        intake.read_observations(p, targets)


def test_a_table_of_one_indicator_by_year_and_district_named_by_its_title(targets):
    """The same table turned: 年份 | 平川区 | 白银区 | 靖远县 under its title. It was refused with advice to
    turn it; now each row's year and each column's district are read."""
    p = Path("yt.csv")
    p.write_text("各县区技术市场合同交易额（万元）\n年份,平川区,白银区,靖远县\n2017,5800,26000,1500\n2018,8600,28800,2200\n"
                 "2019,11800,33800,2600\n", encoding="utf-8")
    df = intake.read_observations(p, targets)
    assert series(df[df["region"] == "靖远县"], "tech_contract_turnover") == pytest.approx(
        {2017: 0.15, 2018: 0.22, 2019: 0.26})
    assert any("named by the title" in x for x in df.attrs["intake"].lines())


# ------------------------------------------------ stop 43: a heading or a unit statement merged across the table
@pytest.mark.parametrize("col, merge", [
    ("B", "B{r}:F{r}"),   # over the name column to the table's right edge (the bureau's usual sheet)
    ("A", "A{r}:F{r}"),   # over the whole width, 序号 included
    ("B", "B{r}:E{r}"),   # into the first year only
    ("B", "B{r}:C{r}"),   # over the name and unit columns: the year cells stay empty (read so before)
    ("B", None),          # not merged (read so before)
])
def test_a_section_heading_merged_across_the_table_is_skipped_and_said(targets, col, merge):
    """一、科技投入与产出 merged over B:J was 18 errors: an unknown indicator, and "此单元格属于合并单元格" at
    each year cell the merge had copied the text into (the spacer column D also warned as holding content).
    A row whose only content is one merge of text running from the name column into the years holds no
    number of any year: it is a heading, skipped and listed as the unmerged one is, and D is a spacer."""
    rows = [["平川区主要科技指标"], ["序号", "指标名称", "计量单位", None, "2018年", "2019年"],
            [None, None, None, None, None, None], [1, "技术市场合同交易额", "万元", None, 10400, 13000],
            [None, None, None, None, None, None], [2, "高新技术企业", "家", None, 5, 6]]
    for r, text in ((3, "一、科技投入与产出"), (5, "二、创新主体")):
        rows[r - 1]["AB".index(col)] = text

    def fmt(ws):
        for r in (3, 5):
            if merge:
                ws.merge_cells(merge.format(r=r))

    df = intake.read_observations(xlsx("h.xlsx", rows, fmt=fmt), targets, lang="zh")
    assert series(df, "tech_contract_turnover") == {2018: 1.04, 2019: 1.3}
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    info = df.attrs["intake"]
    assert info.skipped_rows == [3, 5] and info.warnings == []
    assert "跳过的注释、落款、合计和分组标题行：第 3, 5 行" in info.lines()
    assert any(x.startswith("忽略的列：D 列（空白分隔列）") for x in info.lines())


@pytest.mark.parametrize("row, message", [
    # a value beside the merge: an indicator row after all (the heading text is no indicator)
    ([None, "一、科技投入与产出", None, None, None, 7], "未知指标 '一、科技投入与产出'"),
    # a number merged over the years of an indicator's row: whose year it is cannot be told
    ([1, "高新技术企业", "家", None, 6, None], "此单元格属于合并单元格 E3:F3"),
])
def test_a_merged_row_with_a_number_or_a_name_beside_it_is_no_heading(targets, row, message):
    rows = [["序号", "指标名称", "计量单位", None, "2018年", "2019年"], [1, "技术经纪人", "人", None, 3, 4], row]
    merge = "B3:E3" if row[1].startswith("一") else "E3:F3"
    with pytest.raises(InputError) as exc:
        intake.read_observations(xlsx("h.xlsx", rows, fmt=lambda ws: ws.merge_cells(merge)), targets, lang="zh")
    assert any(message in x for x in lines(exc))


@pytest.mark.parametrize("title, unit_line, merge, said", [
    # the unit in the title, merged across the table as titles are (it was ignored once merged)
    ("平川区科技创新主要指标完成情况（单位：万元）", None, "A1:E1", "第 1 行的单位说明“平川区科技创新主要指标完成情况（单位：万元）”"),
    ("平川区科技创新主要指标完成情况（单位：万元）", None, None, "第 1 行的单位说明“平川区科技创新主要指标完成情况（单位：万元）”"),
    # 金额单位 in the same cell as 填报单位 (it was never read), merged across the table or not
    ("平川区科技创新主要指标完成情况", "填报单位：平川区统计局                金额单位：万元", None,
     "第 2 行的单位说明“填报单位：平川区统计局 金额单位：万元”"),
    ("平川区科技创新主要指标完成情况", "填报单位：平川区统计局                金额单位：万元", "A2:E2",
     "第 2 行的单位说明“填报单位：平川区统计局 金额单位：万元”"),
])
def test_a_unit_statement_in_a_merged_title_or_beside_the_reporting_unit_is_used_and_said(
        targets, title, unit_line, merge, said):
    """A turnover in 万元 with its unit cell empty was refused ("疑似单位错误（如万元）；请填写单位列或“金额单位”")
    though the sheet states 万元 above the table."""
    rows = [[title], [unit_line], ["序号", "指标名称", "计量单位", "2018年", "2019年"],
            [1, "技术市场合同交易额", None, 10400, 13000], [2, "高新技术企业", "家", 5, 6]]
    df = intake.read_observations(xlsx("u.xlsx", rows, fmt=lambda ws: merge and ws.merge_cells(merge)), targets,
                                  lang="zh")
    assert series(df, "tech_contract_turnover") == {2018: 1.04, 2019: 1.3}
    assert series(df, "high_tech_enterprises") == {2018: 5.0, 2019: 6.0}
    assert set(df["region"]) == {"平川区"}
    assert f"{said}用于未注明单位的金额（2 处）" in df.attrs["intake"].lines()


@pytest.mark.parametrize("cell, statement", [
    ("金额单位：万元", ("money", "万元")),
    ("（单位：万元）", ("all", "万元")),
    ("单 位：家", ("all", "家")),
    ("填报单位：平川区统计局        金额单位：万元", ("money", "万元")),
    ("填报单位：平川区统计局；金额单位：万元", ("money", "万元")),
    ("金额 单位：万元", ("money", "万元")),           # a piece without a colon belongs to the label after it
    ("金额单位：万元    填报日期：2020年1月", ("money", "万元")),  # was read as the unit '万元填报日期:2020年1月'
    ("填报单位：平川区统计局", None),
    ("注：单位：万元", None),                        # a note's own words, not a statement of the sheet
])
def test_a_unit_statement_is_found_among_the_labelled_parts_of_a_cell(cell, statement):
    assert unit_statement(cell) == statement


# --------------------------------------------------------------------------------------
# stop 43: a total region (全市, a 全市 or 合计 block) is left out before its values are checked and counted
# --------------------------------------------------------------------------------------

def _stacked_blocks(last: str, *, merged: bool = True, first: bool = False, colon: str = ""):
    """A city's sheet of district blocks (平川区, 白银区, 靖远县) and a block ``last`` holding their sum,
    under a heading merged across A:E (or not), first or last; a share whose sum is over 100."""
    blocks = [(f"一、平川区{colon}", 1), (f"二、白银区{colon}", 3), (f"三、靖远县{colon}", 2), (last, 6)]
    if first:
        blocks = blocks[-1:] + blocks[:-1]
    rows = [["白银市各县区科技创新主要指标"], ["序号", "指标名称", "计量单位", "2018年", "2019年"]]
    heads = []
    for name, k in blocks:
        rows.append([name] * 5 if merged else [name])
        heads.append(len(rows))
        rows += [[1, "高新技术企业", "家", 5 * k, 6 * k], [2, "科技特派员贫困村覆盖率", "%", 15 * k, 16 * k]]

    def merge(ws):
        for r in heads if merged else ():
            ws.merge_cells(f"A{r}:E{r}")
    return rows, merge, heads[[n for n, _ in blocks].index(last)]


@pytest.mark.parametrize("last, region, first, merged, colon", [
    ("四、全市", "全市", False, True, ""),        # was 'unknown indicator' + merged-cell errors, its rows 靖远县's
    ("全市", "全市", True, True, ""),              # the total's block first, under a title naming the city
    ("四、白银市", "白银市", False, True, ""),     # worked; said at no row, and 白银市 listed among the regions taken
    ("四、全市合计", "全市合计", False, True, ""),
    ("合计", "合计", False, False, ""),            # a 合计 row alone above the sums (once skipped, its rows 靖远县's)
    ("全市：", "全市", False, True, "："),         # headings with a colon (平川区：) were no headings at all
])
def test_a_total_block_among_district_blocks_is_left_out_said_at_its_heading(targets, last, region, first, merged,
                                                                              colon):
    rows, merge, head = _stacked_blocks(last, merged=merged, first=first, colon=colon)
    df = intake.read_observations(xlsx("b.xlsx", rows, fmt=merge), targets, lang="zh")
    assert series(df[df["region"] == "白银区"], "high_tech_enterprises") == {2018: 15.0, 2019: 18.0}
    assert series(df[df["region"] == "靖远县"], "poor_village_commissioner_coverage") == {2018: 30.0, 2019: 32.0}
    assert set(df["region"]) == {"平川区", "白银区", "靖远县"} and len(df) == 12
    info = df.attrs["intake"]
    # one warning, at the heading's first cell; the sums over 100 of the share are not checked
    assert [(w.row, w.column) for w in info.warnings] == [(head, "A")]
    assert f"地区 '{region}' 是文件中其他地区（'平川区'、'白银区'、'靖远县'）的合计" in info.warnings[0].message
    assert "其 4 个数值未读取" in info.warnings[0].message
    # the counts and the regions taken are what is read (the total's rows and values said with it)
    lines_ = info.lines()
    assert "数据行 6 行；数值单元格 12 个；空白（未报告）0 个；有错误的行 0 行" in lines_
    assert "地区取自各块上方的标题行：'平川区'、'白银区'、'靖远县'（12 处）" in lines_
    assert "按指标名称识别：“高新技术企业”（6 处）" in lines_


def test_a_total_heading_without_district_blocks_is_no_block(targets):
    """A 合计 row alone (no district's block above it) is a total row skipped, as before: the rows below it
    are not taken for a total's block, and a single district's table stays the title's district's."""
    rows = [["平川区科技指标"], ["指标名称", "计量单位", "2019年"], ["技术经纪人", "人", 4], ["合计"],
            ["高新技术企业", "家", 6]]
    df = intake.read_observations(xlsx("s.xlsx", rows), targets)
    assert set(df["region"]) == {"平川区"} and series(df, "high_tech_enterprises") == {2019: 6.0}
    assert df.attrs["intake"].warnings == [] and df.attrs["intake"].skipped_rows == [4]


@pytest.mark.parametrize("layout", ["year_column", "one_year"])
def test_a_total_region_column_is_not_value_checked_nor_counted(targets, layout):
    """全市 holding the clerk's SUM of the districts: a share over 100 (249) refused the file, and a count's
    average-like fraction warned, at cells of a column the same output said it did not read; its values
    were counted among the values read."""
    if layout == "year_column":
        rows = [["白银市各县区科技指标（2018-2019年）"], ["指标", "年份", "单位", "全市", "平川区", "白银区", "靖远县"],
                ["科技特派员贫困村覆盖率", 2018, "%", 249, 83, 83, 83],
                ["科技特派员贫困村覆盖率", 2019, "%", 276, 92, 92, 92],
                ["高新技术企业", 2019, "家", 7.5, 2, 3, 2.5]]
        cells, read = 12, 9
    else:
        rows = [["各县区科技指标（2019年）"], ["指标名称", "计量单位", "全市", "平川区", "白银区", "靖远县"],
                ["科技特派员贫困村覆盖率", "%", 276, 92, 92, 92],
                ["高新技术企业", "家", 7.5, 2, 3, 2.5]]
        cells, read = 8, 6
    df = intake.read_observations(xlsx("c.xlsx", rows), targets, lang="zh")
    assert set(df["region"]) == {"平川区", "白银区", "靖远县"} and len(df) == read
    info = df.attrs["intake"]
    total = [w for w in info.warnings if "合计或上级地区" in w.message]
    assert len(total) == 1 and (total[0].row, total[0].column) == (2, "D" if layout == "year_column" else "C")
    assert f"其 {cells - read} 个数值未读取" in total[0].message
    # 2.5 enterprises in 靖远县 (read) is still said; 7.5 in the total (not read) is not
    fractions = [(w.row, w.column) for w in info.warnings if "不是整数" in w.message]
    assert fractions == [(len(rows), "G" if layout == "year_column" else "F")]
    assert f"数值单元格 {read} 个" in next(x for x in info.lines() if x.startswith("数据行"))
