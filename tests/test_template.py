"""The Excel data-entry template: layout, Excel-side checks, and the round trip through the intake."""

from __future__ import annotations

import openpyxl
import pytest

from analysis.io import catalogue
from analysis.io import readers as intake
from analysis.io import template
from analysis.cli import main
from analysis.errors import InputError


@pytest.fixture(scope="module")
def targets():
    return catalogue.load_targets()


@pytest.fixture(scope="module")
def book(tmp_path_factory, targets):
    path = tmp_path_factory.mktemp("tpl") / "template.xlsx"
    template.write_template(path, targets, years=(2016, 2020))
    return path


def _cells(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_sheets_and_header(book):
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["填报", "指标 indicators", "说明 instructions"]
    ws = wb["填报"]
    assert [c.value for c in ws[1]] == ["地区", "指标代码", "指标名称", "计量单位", "年份", "数值", "数据来源", "备注"]
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width >= 30


def test_prefilled_every_indicator_and_year(book, targets):
    rows = _cells(openpyxl.load_workbook(book)["填报"])[1:]
    assert len(rows) == len(targets) * 5
    keys = {(r[1], r[4]) for r in rows}
    assert keys == {(i, y) for i in targets["id"] for y in range(2016, 2021)}
    assert all(r[0] == "平川区" and r[5] is None for r in rows)
    units = dict(zip(targets["id"], targets["unit"]))
    names = dict(zip(targets["id"], targets["name_zh"]))
    assert all(r[3] == units[r[1]] and r[2] == names[r[1]] for r in rows)


def _dv_for(ws, cell):
    return [d for d in ws.data_validations.dataValidation if any(cell in rng for rng in d.sqref.ranges)]


def test_data_validations(book, targets):
    """Every value cell accepts numbers >= 0 (shares 0-100) or text ('1.2亿元'), as the reader does."""
    ws = openpyxl.load_workbook(book)["填报"]
    kinds = dict(zip(targets["id"], targets["kind"]))
    for row in range(2, ws.max_row + 1):
        ident = ws.cell(row=row, column=2).value
        (dv,) = _dv_for(ws, f"F{row}")
        assert dv.type == "custom" and dv.prompt and dv.showErrorMessage
        anchor = str(dv.sqref).split(":")[0].split()[0]
        share = ", " + anchor + "<=100" if kinds[ident] == "share" else ""
        assert dv.formula1 == f"OR(ISTEXT({anchor}),AND(ISNUMBER({anchor}),{anchor}>=0{share.replace(', ', ',')}))"
        (listv,) = _dv_for(ws, f"B{row}")
        assert listv.type == "list" and listv.formula1.startswith("'指标 indicators'!$A$2:$A$")
        assert listv.errorStyle == "warning"  # names and aliases are accepted by the reader too


def test_indicator_sheet_lists_the_catalogue(book, targets):
    rows = _cells(openpyxl.load_workbook(book)["指标 indicators"])
    header, body = rows[0], rows[1:]
    # headed in Chinese first, over the catalogue's own column name
    assert header[:4] == ["指标代码\nid", "指标名称\nname_zh", "英文名称\nname_en", "计量单位\nunit"]
    assert header[-1] == "规划原文\nclause"
    assert [r[0] for r in body] == list(targets["id"])
    target_col = header.index("目标值\ntarget")
    assert [r[target_col] for r in body] == list(targets["value"])
    # the kind in words and the comparator as a sign
    row = dict(zip(header, body[0]))
    assert row["指标类型\nkind"] == "里程碑 milestone" and row["目标方向\ncomparator"] == "≥"
    assert {r[header.index("指标类型\nkind")] for r in body} <= {
        "里程碑 milestone", "计数 count", "总量 level", "比率 ratio", "百分比 share"}


def test_instructions_are_bilingual(book):
    rows = _cells(openpyxl.load_workbook(book)["说明 instructions"])
    text = "\n".join(str(c) for r in rows for c in r if c)
    assert "留空" in text and "leave the value empty" in text.lower() and "validate" in text


def test_unfilled_template_reads_as_zero_observations(book, targets):
    df = intake.read_observations(book, targets)
    assert df.empty and list(df.columns) == list(intake.OBS_COLUMNS)
    assert intake.validate_files([book], targets) == []


def test_filled_template_round_trip(book, targets, tmp_path):
    wb = openpyxl.load_workbook(book)
    ws = wb["填报"]
    filled = {("tech_brokers", 2019): (2, None, 2.0), ("tech_contract_turnover", 2020): (1.1, None, 1.1),
              ("tech_contract_turnover", 2019): (3500, "万元", 0.35),
              ("strategic_emerging_share", 2018): ("0.4", None, 0.4)}
    for row in range(2, ws.max_row + 1):
        key = (ws.cell(row=row, column=2).value, ws.cell(row=row, column=5).value)
        if key in filled:
            value, unit, _ = filled[key]
            ws.cell(row=row, column=6).value = value
            if unit:
                ws.cell(row=row, column=4).value = unit
            ws.cell(row=row, column=7).value = "区科技局台账"
    out = tmp_path / "filled.xlsx"
    wb.save(out)
    df = intake.read_observations(out, targets)
    got = {(r.indicator_id, r.year): r.value for r in df.itertuples()}
    assert got == {k: pytest.approx(v[2]) for k, v in filled.items()}
    assert set(df["source"]) == {"区科技局台账"} and set(df["region"]) == {"平川区"}
    assert df.loc[df["indicator_id"] == "tech_contract_turnover", "unit"].unique().tolist() == ["亿元"]


def test_filled_template_errors_use_excel_rows(book, targets, tmp_path):
    wb = openpyxl.load_workbook(book)
    ws = wb["填报"]
    ws["F3"] = "约5"
    out = tmp_path / "bad.xlsx"
    wb.save(out)
    with pytest.raises(InputError) as exc:
        intake.read_observations(out, targets, lang="en")
    assert [str(p) for p in exc.value.problems] == [f"{out}[填报]:3:F: not a number: '约5'; write the exact number (put words such as 约, 以上, 左右 in the note column)"]


def test_custom_region_and_catalogue(tmp_path):
    cat = tmp_path / "cat.csv"
    cat.write_text("id,name_zh,value,unit,comparator,deadline\nfirms,企业,10,家,>=,2025\n", encoding="utf-8")
    out = template.write_template(tmp_path / "t.xlsx", cat, years=(2021, 2025), region="白银区")
    rows = _cells(openpyxl.load_workbook(out)["填报"])[1:]
    assert rows == [["白银区", "firms", "企业", "家", y, None, None, None] for y in range(2021, 2026)]


def test_atomic_and_overwrites(tmp_path, targets):
    out = tmp_path / "t.xlsx"
    out.write_bytes(b"old")
    template.write_template(out, targets)
    assert openpyxl.load_workbook(out).sheetnames[0] == "填报"
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


def test_bad_years(tmp_path, targets):
    with pytest.raises(ValueError, match="years"):
        template.write_template(tmp_path / "t.xlsx", targets, years=(2020, 2015))


def test_cli_template(tmp_path, capsys):
    out = tmp_path / "cli.xlsx"
    assert main(["template", str(out), "--years", "2018", "2020", "--region", "白银区"]) == 0
    captured = capsys.readouterr()
    assert "21 个指标 × 3 年 = 63 个待填单元格" in captured.out and captured.err == ""
    ws = openpyxl.load_workbook(out)["填报"]
    assert ws.max_row == 1 + 21 * 3 and ws["A2"].value == "白银区"


@pytest.mark.parametrize("argv, message", [
    (["--years", "2020", "2015"], "--years 起止年份须满足"),
    (["--years", "1990", "2015", "--lang", "en"], "--years FIRST LAST must satisfy"),
])
def test_cli_template_bad_years(tmp_path, capsys, argv, message):
    assert main(["template", str(tmp_path / "t.xlsx"), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "t.xlsx").exists()


def test_cli_template_not_xlsx(tmp_path, capsys):
    assert main(["template", str(tmp_path / "t.csv")]) == 2
    assert "模板只能保存为 .xlsx 文件" in capsys.readouterr().err


def test_cli_template_bad_catalogue(tmp_path, capsys):
    cat = tmp_path / "cat.csv"
    cat.write_text("id,name_zh\nx,y\n", encoding="utf-8")
    assert main(["template", str(tmp_path / "t.xlsx"), "--targets", str(cat)]) == 1
    err = capsys.readouterr().err
    assert "缺少必需的列" in err and "Traceback" not in err


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_title_row_above_header_and_text_values(tmp_path, targets, layout):
    """Clerks insert a title row and type '1.2亿元': the filled template reads back with the right values."""
    out = template.write_template(tmp_path / "t.xlsx", targets, years=(2018, 2019), layout=layout)
    wb = openpyxl.load_workbook(out)
    ws = wb["填报"]
    ws.insert_rows(1)
    ws["A1"] = "平川区科技成果转移转化监测数据填报表(2018-2019年)"
    for row in ws.iter_rows(min_row=3):
        if row[1].value == "tech_contract_turnover":
            if layout == "long":
                row[5].value = "1.2亿元" if row[4].value == 2019 else "０．３５亿元"
            else:
                row[4].value, row[5].value = "0.35亿元", "1.2亿元"
    wb.save(out)
    df = intake.read_observations(out, targets)
    assert df[["indicator_id", "year", "value"]].values.tolist() == [
        ["tech_contract_turnover", 2018, 0.35], ["tech_contract_turnover", 2019, 1.2]]
    info = df.attrs["intake"]
    assert info.layout == layout and info.header_rows[0] == 2


def test_wide_template_layout(tmp_path, targets):
    out = template.write_template(tmp_path / "w.xlsx", targets, years=(2016, 2020), layout="wide")
    ws = openpyxl.load_workbook(out)["填报"]
    assert [c.value for c in ws[1]] == ["地区", "指标代码", "指标名称", "计量单位", "2016年", "2017年", "2018年",
                                        "2019年", "2020年", "数据来源", "备注"]
    assert ws.max_row == 1 + len(targets)
    assert intake.read_observations(out, targets).empty


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_a_per_region_catalogue_gives_each_region_its_own_rows(tmp_path, capsys, layout):
    """A catalogue with a target per district (or per country): every row was filled in for 平川区 (three
    identical blocks), and the indicators sheet did not say whose target each row is."""
    cat = tmp_path / "districts.csv"
    cat.write_text("地区,编号,指标名称,目标值,单位,比较,期限\n白银区,firms,科技型企业,60,家,≥,2020\n"
                   "平川区,firms,科技型企业,40,家,≥,2020\n靖远县,firms,科技型企业,20,家,≥,2020\n", encoding="utf-8")
    out = tmp_path / "t.xlsx"
    assert main(["template", str(out), "--targets", str(cat), "--layout", layout, "--years", "2018", "2020"]) == 0
    assert "3 项目标（3 个地区）× 3 年 = 9 个待填单元格" in capsys.readouterr().out
    wb = openpyxl.load_workbook(out)
    rows = list(wb[template.DATA_SHEET].iter_rows(min_row=2, values_only=True))
    assert list(dict.fromkeys(r[0] for r in rows)) == ["白银区", "平川区", "靖远县"]
    ind = list(wb[template.INDICATOR_SHEET].iter_rows(values_only=True))
    assert ind[0][-1] == "地区\nregion" and [r[-1] for r in ind[1:]] == ["白银区", "平川区", "靖远县"]
    assert "地区：白银区、平川区、靖远县" in wb[template.HELP_SHEET].cell(wb[template.HELP_SHEET].max_row, 1).value
    ws = wb[template.DATA_SHEET]   # filled as a clerk would, it reads back in each region
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if c.fill.fgColor.rgb in ("00FFF2CC", "FFFFF2CC"):
                c.value = 10
    wb.save(out)
    df = intake.read_observations(out, catalogue.load_targets(cat))
    assert sorted(set(df["region"])) == sorted(["白银区", "平川区", "靖远县"]) and len(df) == 9
