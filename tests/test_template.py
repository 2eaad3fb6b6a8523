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
    assert [c.value for c in ws[1]] == list(template.DATA_COLUMNS)
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


def test_data_validations(book, targets):
    ws = openpyxl.load_workbook(book)["填报"]
    dvs = ws.data_validations.dataValidation
    by_type = {(d.type, d.operator): d for d in dvs}
    nonneg = by_type[("decimal", "greaterThanOrEqual")]
    share = by_type[("decimal", "between")]
    listv = by_type[("list", None)]
    assert nonneg.formula1 == "0" and nonneg.showInputMessage and nonneg.prompt
    assert (share.formula1, share.formula2) == ("0", "100") and share.prompt
    assert listv.formula1.startswith("'指标 indicators'!$A$2:$A$")
    kinds = dict(zip(targets["id"], targets["kind"]))
    for row in range(2, ws.max_row + 1):
        ident = ws.cell(row=row, column=2).value
        cell = f"F{row}"
        in_share = any(cell in rng for rng in share.sqref.ranges)
        in_nonneg = any(cell in rng for rng in nonneg.sqref.ranges)
        assert in_share == (kinds[ident] == "share") and in_nonneg == (kinds[ident] != "share"), cell
        assert any(f"B{row}" in rng for rng in listv.sqref.ranges)


def test_indicator_sheet_lists_the_catalogue(book, targets):
    rows = _cells(openpyxl.load_workbook(book)["指标 indicators"])
    header, body = rows[0], rows[1:]
    assert header[:4] == ["id", "name_zh", "name_en", "unit"] and "clause" in header and "target" in header
    assert [r[0] for r in body] == list(targets["id"])
    target_col = header.index("target")
    assert [r[target_col] for r in body] == list(targets["value"])


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
        intake.read_observations(out, targets)
    assert [str(p) for p in exc.value.problems] == [f"{out}:3:value: not a number: '约5'"]


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
    assert "21 indicators x 3 years = 63 rows" in captured.out and captured.err == ""
    ws = openpyxl.load_workbook(out)["填报"]
    assert ws.max_row == 1 + 21 * 3 and ws["A2"].value == "白银区"


@pytest.mark.parametrize("argv, message", [
    (["--years", "2020", "2015"], "--years FIRST LAST must satisfy"),
    (["--years", "1990", "2015"], "--years FIRST LAST must satisfy"),
])
def test_cli_template_bad_years(tmp_path, capsys, argv, message):
    assert main(["template", str(tmp_path / "t.xlsx"), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "t.xlsx").exists()


def test_cli_template_not_xlsx(tmp_path, capsys):
    assert main(["template", str(tmp_path / "t.csv")]) == 2
    assert "must be an .xlsx file" in capsys.readouterr().err


def test_cli_template_bad_catalogue(tmp_path, capsys):
    cat = tmp_path / "cat.csv"
    cat.write_text("id,name_zh\nx,y\n", encoding="utf-8")
    assert main(["template", str(tmp_path / "t.xlsx"), "--targets", str(cat)]) == 1
    err = capsys.readouterr().err
    assert "required column is missing" in err and "Traceback" not in err
