"""``python -m analysis validate``: exit codes, one problem per stderr line, a summary, zh and en, no tracebacks."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest

from analysis.io import readers as intake
from analysis.cli import main
from analysis.errors import Problem

OBS = "indicator_id,year,value,unit\ntech_brokers,2018,2,\ntech_brokers,2019,3,\ntech_contract_turnover,2019,3500,万元\n"
PANEL = "sector,year,metric,value,unit\nceramics,2018,enterprises,4,家\nequipment,2018,enterprises,6,家\n"
OFFICE = Path(__file__).parent / "fixtures" / "office"


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


def test_clean_file_summary_zh(capsys):
    code, out, err = run(capsys, put("obs.csv", OBS))
    assert code == 0 and err == []
    assert out == [
        "检查通过。读取情况：",
        "  文件：obs.csv",
        "  布局：长表（每行一个指标、一个年份）；表头在第 1 行",
        "  数据行 3 行；数值单元格 3 个；空白（未报告）0 个；有错误的行 0 行",
        "  指标 2 个；年份 2018-2019；地区 1 个（平川区）",
        "  单位换算：万元 → 亿元（×0.0001）（1 处）",
        "  未注明单位，按目录单位读取（2 处）",
        "  未填地区，默认为 平川区（3 处）",
    ]


def test_clean_file_summary_en(capsys):
    code, out, err = run(capsys, put("obs.csv", OBS), "--lang", "en")
    assert code == 0 and err == []
    assert out[0] == "OK. What was read:"
    assert "  layout: long (one row per indicator and year); header on row 1" in out
    assert "  unit converted: 万元 (10,000 yuan) → 亿元 (100 million yuan) (×0.0001) (1 cell)" in out


def test_clean_xlsx_gbk_and_panel(capsys):
    wb = openpyxl.Workbook()
    for line in OBS.strip().splitlines():
        wb.active.append(line.split(","))
    wb.save("obs.xlsx")
    code, out, err = run(capsys, "obs.xlsx", put("gbk.csv", OBS, "gbk"), put("panel.csv", PANEL), "--lang", "en")
    assert code == 0 and err == []
    assert "  sheet read: Sheet" in out
    assert out.count("  data rows 3; values 3; blank (not reported) 0; rows with errors 0") == 2
    assert "  data rows 2; values 2; blank (not reported) 0; rows with errors 0" in out


def test_problems_one_per_line(capsys):
    text = OBS + "patents,2019,3,\ntech_brokers,1999,约12,\ntech_brokers,2018,5,\n"
    code, out, err = run(capsys, put("obs.csv", text), "--lang", "en")
    assert code == 1 and out[0] == "4 problems (listed on standard error). What was read:"
    assert err == [
        "obs.csv:5:A: unknown indicator 'patents' (not an id, name or alias in the target catalogue)",
        "obs.csv:6:B: 1999 is outside 2000-2035 (the years monitoring data are read for; to replay an older plan use python -m analysis backtest --targets)",
        "obs.csv:6:C: not a number: '约12'; write the exact number (put words such as 约, 以上, 左右 in the note column)",
        "obs.csv:7:C: duplicate of row 2 (平川区, tech_brokers, 2018): 5 here, 2 in row 2; one region, indicator and year can have one value only: check them and delete one row",
        "hint: if these are indicators outside the plan (a bureau's table often has others), add --skip-unknown to "
        "leave their rows out (they are listed); if they are the catalogue's indicators written another way, use the "
        "catalogue's name or id",
    ]


def test_problems_in_chinese_by_default(capsys):
    code, out, err = run(capsys, put("obs.csv", OBS + "tech_brokers,2020,约12,\n"))
    assert code == 1 and err == ["obs.csv:5:C: 不是数字：'约12'；请填写准确数值（约数、“以上”“左右”等说明请写到备注列）"]
    assert out[0] == "发现 1 个问题（见上方错误输出）。读取情况："


def test_several_files_mixed(capsys):
    code, out, err = run(capsys, put("good.csv", OBS), put("bad.csv", "indicator_id,year\ntech_brokers,2018\n"),
                         "--lang", "en")
    assert code == 1
    assert out.count("OK. What was read:") == 1
    assert err == ["bad.csv:1:: this row looks like the header but lacks the required columns: value (数值)"]


def test_files_that_each_pass_but_disagree_together_are_said(capsys):
    """validate a.csv b.csv passed what assess --data a --data b then refused; now it says so, at the cell."""
    other = OBS.replace("tech_brokers,2019,3,", "tech_brokers,2019,4,")
    code, out, err = run(capsys, put("a.csv", OBS), put("b.csv", other))
    assert code == 1 and out.count("检查通过。读取情况：") == 2
    assert err == ["b.csv:3:C: 平川区 技术经纪人（tech_brokers） 2019年：此格为 4人，a.csv 第 3 行 C 列 为 3人；"
                   "两个文件的同一数值不一致，请核对后只保留其中一个"]
    assert out[-1].startswith("2 个文件各自检查通过，但一起读取时有 1 处数值不一致")
    assert run(capsys, "a.csv", put("c.csv", OBS))[0] == 0                    # the same figure twice: fine


@pytest.mark.parametrize("content, line", [
    (b"", "junk.csv::: file is empty"),
    (bytes(range(256)) * 8, "junk.csv::: not a text file (binary data): expected a CSV file or a workbook"),
    (b"1,2,3\n4,5,6\n", "junk.csv::: no header in the first 60 rows: a long table needs indicator, year and value "
                        "columns; a wide table an indicator column and year columns (2019, 2019年); a transposed "
                        "table a year column and columns named after indicators"),
])
def test_garbage(capsys, content, line):
    code, out, err = run(capsys, put("junk.csv", content), "--lang", "en")
    assert (code, err) == (1, [line])


def test_missing_file(capsys):
    code, out, err = run(capsys, "nope.csv")
    assert (code, err) == (1, ["nope.csv::: 找不到文件"])


def test_kind_flag(capsys):
    put("panel.csv", PANEL)
    assert run(capsys, "--kind", "sectors", "panel.csv")[0] == 0
    code, out, err = run(capsys, "--kind", "observations", "panel.csv", "--lang", "en")
    assert code == 1 and err == ["panel.csv:1:: this row looks like the header but lacks the required columns: "
                                 "indicator_id (or 指标名称)"]


def test_panel_problems(capsys):
    code, _, err = run(capsys, put("panel.csv", PANEL + "ceramics,2018,enterprises,5,家\nnowhere,2018,enterprises,1,\n"),
                       "--lang", "en")
    assert code == 1
    assert err == ["panel.csv:4:D: duplicate of row 2 (平川区, ceramics, enterprises, 2018): 5 here, 4 in row 2; one region, indicator and year can have one value only: check them and delete one row",
                   "panel.csv:5:A: unknown sector 'nowhere' (not a sector in entities.csv)"]


def test_custom_targets(capsys):
    put("cat.csv", "id,name_zh,value,unit,comparator,deadline\nfirms,企业,10,家,>=,2025\n")
    put("obs.csv", "indicator_id,year,value\nfirms,2024,3\n")
    assert run(capsys, "obs.csv", "--targets", "cat.csv")[0] == 0
    code, _, err = run(capsys, put("obs2.csv", OBS), "--targets", "cat.csv", "--lang", "en")
    assert code == 1 and err[0] == ("obs2.csv:2:A: unknown indicator 'tech_brokers' (not an id, name or alias in "
                                    "the target catalogue); one more row names it (row 3)")


def test_bad_targets_file(capsys):
    put("cat.csv", "id,name_zh\nx,y\n")
    code, out, err = run(capsys, put("obs.csv", OBS), "--targets", "cat.csv")
    assert code == 1 and out == [] and "cat.csv:1:value: 缺少必需的列（也可用这些表头：目标值 / 目标 / 目标数值 / target / target value / goal）" in err


def test_validate_leaves_files_unchanged(capsys):
    put("bad.csv", OBS + "x,1,2,\n", "gbk")
    before = hashlib.sha256(Path("bad.csv").read_bytes()).hexdigest()
    assert run(capsys, "bad.csv")[0] == 1
    assert hashlib.sha256(Path("bad.csv").read_bytes()).hexdigest() == before


def test_validate_files_api():
    put("a.csv", OBS)
    put("b.csv", "indicator_id,year,value\nx,2018,1\n")
    assert intake.validate_files(["a.csv"]) == []
    assert intake.validate_files(["a.csv", "b.csv"], lang="en") == [
        Problem("b.csv", 2, "A", "unknown indicator 'x' (not an id, name or alias in the target catalogue)")]
    with pytest.raises(ValueError):
        intake.validate_files(["a.csv"], kind="other")


# --------------------------------------------------------------------------------------
# the office samples, as a Chinese evaluator runs them
# --------------------------------------------------------------------------------------

SAMPLES = {
    "A1_宽表_统计局格式.xlsx": (0, ["  读取工作表：Sheet1", "  布局：宽表（指标为行、年份为列）；表头在第 3-4 行",
                                "  跳过的注释、落款、合计和分组标题行：第 16 行", "  忽略的列：D 列（空白分隔列）、A 列（序号）",
                                "  按指标别名识别：“技术市场合同交易额”→“全区技术市场合同交易额”（5 处）",
                                "  单位换算：万元 → 亿元（×0.0001）（5 处）"]),
    "B1_宽表_简单_ids.xlsx": (0, ["  布局：宽表（指标为行、年份为列）；表头在第 1 行",
                               "  数据行 21 行；数值单元格 88 个；空白（未报告）17 个；有错误的行 0 行"]),
    "C2_长表_代码列填中文名_gbk.csv": (1, ["  按指标别名识别：“技术市场合同交易额”→“全区技术市场合同交易额”（1 处）",
                                     "  “—”等符号视为未报告（空白）（1 处）"]),
    "E1_多工作表_封面在前.xlsx": (0, ["  读取工作表：2019年报（跳过：封面、Sheet3）"]),
    "G1_模板_文员填好.xlsx": (0, ["  读取工作表：填报（跳过：指标 indicators、说明 instructions）",
                               "  数据行 128 行；数值单元格 88 个；空白（未报告）40 个；有错误的行 0 行"]),
    "H1_终期_含2020实际值.csv": (0, ["  指标 21 个；年份 2015-2020；地区 1 个（平川区）"]),
    "I1_三区县_长表.csv": (0, ["  指标 21 个；年份 2015-2019；地区 3 个（平川区、白银区、靖远县）"]),
    "X1_宽表_旧版xls.xls": (0, ["  单位换算：万元 → 亿元（×0.0001）（5 处）"]),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_office_samples_zh(capsys, name):
    shutil.copy(OFFICE / name, name)
    code, out, err = run(capsys, name)
    expected_code, expected_lines = SAMPLES[name]
    assert code == expected_code, err
    for line in expected_lines:
        assert line in out


def test_english_summary_names_the_regions_in_english_beside_the_files_words(capsys):
    name = "I1_三区县_长表.csv"
    shutil.copy(OFFICE / name, name)
    code, out, _ = run(capsys, name, "--lang", "en")
    assert code == 0
    assert ("  indicators 21; years 2015-2019; regions 3 (Pingchuan District (平川区), Baiyin District (白银区), "
            "Jingyuan County (靖远县))") in out


def test_office_sample_c2_messages(capsys):
    name = "C2_长表_代码列填中文名_gbk.csv"
    shutil.copy(OFFICE / name, name)
    assert run(capsys, name)[2] == [
        f"{name}:8:E: 技术经纪人（tech_brokers）：单位“个”无法换算为目标目录中的单位“人”；如“个”在此就是“人”，请把单位改为“人”"]
    assert run(capsys, name, "--lang", "en")[2] == [
        f"{name}:8:E: unit '个' cannot be converted to 人 (the catalogue unit of tech_brokers); if 个 means 人 here, write 人"]


def test_sheet_option(capsys):
    name = "E1_多工作表_封面在前.xlsx"
    shutil.copy(OFFICE / name, name)
    code, out, err = run(capsys, name, "--sheet", "2", "--lang", "en")
    assert code == 0 and "  sheet read: 2019年报 (skipped: 封面, Sheet3)" in out
    code, out, err = run(capsys, name, "--sheet", "封面", "--lang", "en")
    assert code == 1 and err == [f"{name}[封面]::: no header in the first 60 rows: a long table needs indicator, "
                                 "year and value columns; a wide table an indicator column and year columns (2019, "
                                 "2019年); a transposed table a year column and columns named after indicators"]
    code, out, err = run(capsys, name, "--sheet", "数据", "--lang", "en")
    assert code == 1 and err == [f"{name}::: no sheet '数据'; the sheets are: 1='封面', 2='2019年报', 3='Sheet3'"]


EXTRA = "指标名称,单位,2018年,2019年\n高新技术企业,家,5,6\n规模以上工业增加值,亿元,30.1,31.5\n"


@pytest.mark.parametrize("lang, hint, skipped", [
    ("zh", "提示：如这些是本规划以外的指标", "目标目录中没有的指标，未读取：规模以上工业增加值（第 3 行）"),
    ("en", "hint: if these are indicators outside the plan", "indicators the target catalogue does not have, not "
                                                           "read: 规模以上工业增加值 (row 3)"),
])
def test_a_bureau_table_with_other_indicators_is_read_with_skip_unknown_and_says_which(capsys, lang, hint, skipped):
    """A statistics table holds indicators the plan has no target for: an error with a hint by
    default (it may be a catalogue name written another way), read with --skip-unknown, the rows left
    out listed in the summary."""
    f = put("extra.csv", EXTRA)
    code, out, err = run(capsys, f, "--lang", lang)
    assert code == 1 and err[0].startswith("extra.csv:3:A: ") and err[1].startswith(hint)
    code, out, err = run(capsys, f, "--lang", lang, "--skip-unknown")
    assert code == 0 and err == [] and "  " + skipped in out


def test_skip_unknown_reaches_every_read_of_a_command(capsys, monkeypatch):
    """``report --skip-unknown`` (and ``build``) read the user's file with the option on; without it the
    error comes with the hint."""
    from analysis.app import report
    from analysis.io import dataset

    f = put("extra.csv", EXTRA)
    seen = []
    monkeypatch.setattr(report, "cli_report",
                        lambda args: seen.append(dataset.load_observations(args.data).attrs["skipped"]) or 0)
    assert main(["report", "--data", f, "--skip-unknown"]) == 0
    assert seen == [{"规模以上工业增加值": [3]}]
    assert main(["report", "--data", f]) == 1
    err = capsys.readouterr().err
    assert "未知指标 '规模以上工业增加值'" in err and "--skip-unknown" in err
    assert dataset.load_observations(f, skip_unknown=True).attrs["skipped"] == {"规模以上工业增加值": [3]}
