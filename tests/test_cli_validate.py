"""``python -m analysis validate``: exit codes, one problem per stderr line, no tracebacks."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest

from analysis.io import readers as intake
from analysis.cli import main
from analysis.errors import Problem

OBS = "indicator_id,year,value,unit\ntech_brokers,2018,2,\ntech_brokers,2019,3,\ntech_contract_turnover,2019,3500,万元\n"
PANEL = "sector,year,metric,value,unit\nceramics,2018,enterprises,4,家\nequipment,2018,enterprises,6,家\n"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def put(name: str, content: str | bytes, encoding: str = "utf-8") -> str:
    Path(name).write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return name


def run(capsys, *argv: str) -> tuple[int, list[str], list[str]]:
    code = main(["validate", *argv])
    cap = capsys.readouterr()
    assert "Traceback" not in cap.out + cap.err
    return code, cap.out.splitlines(), cap.err.splitlines()


def test_clean_file(capsys):
    code, out, err = run(capsys, put("obs.csv", OBS))
    assert code == 0 and err == []
    assert out == ["obs.csv: OK (observations): 3 rows, 2 indicators, 1 region, years 2018-2019"]


def test_clean_xlsx_gbk_and_panel(capsys):
    wb = openpyxl.Workbook()
    for line in OBS.strip().splitlines():
        wb.active.append(line.split(","))
    wb.save("obs.xlsx")
    code, out, err = run(capsys, "obs.xlsx", put("gbk.csv", OBS, "gbk"), put("panel.csv", PANEL))
    assert code == 0 and err == []
    assert out[0].startswith("obs.xlsx: OK (observations): 3 rows")
    assert out[1].startswith("gbk.csv: OK (observations): 3 rows")
    assert out[2] == "panel.csv: OK (sectors): 2 rows, 1 metric, 2 sectors, 1 region, years 2018-2018"


def test_problems_one_per_line(capsys):
    text = OBS + "patents,2019,3,\ntech_brokers,1999,约12,\ntech_brokers,2018,5,\n"
    code, out, err = run(capsys, put("obs.csv", text))
    assert code == 1 and out == []
    assert err == [
        "obs.csv:5:indicator_id: unknown indicator 'patents' (not in the target catalogue)",
        "obs.csv:6:year: 1999 is outside 2000-2035",
        "obs.csv:6:value: not a number: '约12'",
        "obs.csv:7:indicator_id: duplicate of row 2 (平川区, tech_brokers, 2018)",
    ]


def test_several_files_mixed(capsys):
    code, out, err = run(capsys, put("good.csv", OBS), put("bad.csv", "indicator_id,year\ntech_brokers,2018\n"))
    assert code == 1
    assert out == ["good.csv: OK (observations): 3 rows, 2 indicators, 1 region, years 2018-2019"]
    assert err == ["bad.csv:1:value: required column is missing"]


@pytest.mark.parametrize("content, line", [
    (b"", "junk.csv::: file is empty"),
    (bytes(range(256)) * 8, "junk.csv::: not a text file (binary data): expected a CSV or an Excel .xlsx file"),
    (b"1,2,3\n4,5,6\n", "junk.csv:1:: no header row: expected the columns indicator_id, year, value "
                        "(the first row is '1', '2', '3')"),
])
def test_garbage(capsys, content, line):
    code, out, err = run(capsys, put("junk.csv", content))
    assert (code, out, err) == (1, [], [line])


def test_missing_file(capsys):
    assert run(capsys, "nope.csv") == (1, [], ["nope.csv::: file not found"])


def test_kind_flag(capsys):
    put("panel.csv", PANEL)
    assert run(capsys, "--kind", "sectors", "panel.csv")[0] == 0
    code, out, err = run(capsys, "--kind", "observations", "panel.csv")
    assert code == 1 and err == ["panel.csv:1:indicator_id: required column is missing"]


def test_panel_problems(capsys):
    code, _, err = run(capsys, put("panel.csv", PANEL + "ceramics,2018,enterprises,5,家\nnowhere,2018,enterprises,1,\n"))
    assert code == 1
    assert err == ["panel.csv:4:metric: duplicate of row 2 (平川区, ceramics, enterprises, 2018)",
                   "panel.csv:5:sector: unknown sector 'nowhere' (not a sector in entities.csv)"]


def test_custom_targets(capsys):
    put("cat.csv", "id,name_zh,value,unit,comparator,deadline\nfirms,企业,10,家,>=,2025\n")
    put("obs.csv", "indicator_id,year,value\nfirms,2024,3\n")
    assert run(capsys, "obs.csv", "--targets", "cat.csv")[0] == 0
    code, _, err = run(capsys, put("obs2.csv", OBS), "--targets", "cat.csv")
    assert code == 1 and err[0] == "obs2.csv:2:indicator_id: unknown indicator 'tech_brokers' (not in the target catalogue)"


def test_bad_targets_file(capsys):
    put("cat.csv", "id,name_zh\nx,y\n")
    code, out, err = run(capsys, put("obs.csv", OBS), "--targets", "cat.csv")
    assert code == 1 and out == [] and "cat.csv:1:value: required column is missing" in err


def test_validate_leaves_files_unchanged(capsys):
    put("bad.csv", OBS + "x,1,2,\n", "gbk")
    before = hashlib.sha256(Path("bad.csv").read_bytes()).hexdigest()
    assert run(capsys, "bad.csv")[0] == 1
    assert hashlib.sha256(Path("bad.csv").read_bytes()).hexdigest() == before


def test_validate_files_api():
    put("a.csv", OBS)
    put("b.csv", "indicator_id,year,value\nx,2018,1\n")
    assert intake.validate_files(["a.csv"]) == []
    assert intake.validate_files(["a.csv", "b.csv"]) == [
        Problem("b.csv", 2, "indicator_id", "unknown indicator 'x' (not in the target catalogue)")]
    with pytest.raises(ValueError):
        intake.validate_files(["a.csv"], kind="other")
