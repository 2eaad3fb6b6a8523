"""Ledger template and intake: written, filled as a spreadsheet program would, read back."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from analysis.cli import main
from analysis.errors import InputError
from analysis.io import ledger

HEADER = ["任务编号", "任务", "责任单位", "报告期", "进展情况", "状态", "佐证材料", "日期", "填报单位"]


@pytest.fixture()
def template(tmp_path):
    return ledger.write_ledger_template(tmp_path / "ledger.xlsx")


def test_template_sheet_header_rows_and_list(template):
    wb = load_workbook(template)
    assert wb.sheetnames == ["任务台账", "任务清单", "说明"]
    ws = wb["任务台账"]
    assert [c.value for c in ws[1]] == HEADER
    assert ws.max_row == 1 + 18 * 3          # 17 tasks + 一(四), 3 half-years
    assert [ws.cell(2, j).value for j in (1, 2, 4)] == ["一(四)", "建设目标", "2019年下半年"]
    row11 = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "11")
    assert row11[2] == "区委组织部、区人社局、区教育局、区科技局、各乡镇街道"
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1 and lists[0].formula1 == '"未启动,推进中,已完成,滞后"'
    assert "F2" in lists[0].sqref


def test_unfilled_template_reads_as_nothing_reported(template):
    df = ledger.read_ledger(template)
    assert df.empty and len(df.attrs["not_reported"]) == 54


def test_cli_writes_the_ledger_template(tmp_path, capsys):
    out = tmp_path / "台账.xlsx"
    assert main(["template", "--ledger", str(out), "--years", "2020", "2020"]) == 0
    ws = load_workbook(out)["任务台账"]
    assert ws.max_row == 1 + 18 * 2
    assert {ws.cell(r, 4).value for r in range(2, ws.max_row + 1)} == {"2020年上半年", "2020年下半年"}
    assert "任务台账" in capsys.readouterr().out
    assert main(["template", "--ledger", str(out), "--region", "白银区"]) == 0
    assert "未使用 --region" in capsys.readouterr().err
    assert main(["template", "--ledger", str(tmp_path / "x.csv")]) == 2
    assert "只能保存为 .xlsx" in capsys.readouterr().err
    # English when asked for: the error and the summary line
    assert main(["--lang", "en", "template", "--ledger", str(tmp_path / "x.csv")]) == 2
    assert "must be an .xlsx file" in capsys.readouterr().err
    assert main(["--lang", "en", "template", "--ledger", str(out), "--years", "2020", "2020"]) == 0
    assert "wrote" in capsys.readouterr().out


def _fill_like_an_office(path):
    """A merged title row above the header, blank cells, statuses typed by hand."""
    wb = load_workbook(path)
    ws = wb["任务台账"]
    ws.insert_rows(1)
    ws["A1"] = "平川区任务台账(2019年下半年)"
    ws.merge_cells("A1:I1")
    rows = {(ws.cell(r, 1).value, ws.cell(r, 4).value): r for r in range(3, ws.max_row + 1)}
    r = rows[("1", "2019年下半年")]
    ws.cell(r, 5).value, ws.cell(r, 6).value, ws.cell(r, 8).value = "申报项目2项", "进行中", dt.datetime(2019, 12, 20)
    ws.cell(r, 9).value = "区工信局"
    r = rows[("6", "2019年下半年")]
    ws.cell(r, 6).value, ws.cell(r, 7).value, ws.cell(r, 8).value = "完成", "认定文件", "2019年11月5日"
    r = rows[("11", "2020年上半年")]
    ws.cell(r, 3).value = None                      # blank unit: the plan's units are used
    ws.cell(r, 6).value, ws.cell(r, 9).value = "已完成", "区科技局"
    r = rows[("5", "2020年下半年")]
    ws.cell(r, 6).value = " 滞后 "                  # blanks around the word
    wb.save(path)
    return path


def test_filled_ledger_round_trips(template):
    df = ledger.read_ledger(_fill_like_an_office(template))
    got = {(r.task_id, r.period): r for r in df.itertuples()}
    assert set(got) == {("1", "2019年下半年"), ("6", "2019年下半年"), ("11", "2020年上半年"), ("5", "2020年下半年")}
    assert got[("1", "2019年下半年")].status == "in_progress"
    assert got[("1", "2019年下半年")].date == dt.date(2019, 12, 20)
    assert got[("1", "2019年下半年")].row == 6       # title row 1, header 2, 一(四) rows 3-5
    assert got[("6", "2019年下半年")].status == "completed"
    assert got[("6", "2019年下半年")].date == dt.date(2019, 11, 5)
    assert got[("11", "2020年上半年")].unit == "区委组织部、区人社局、区教育局、区科技局、各乡镇街道"
    assert got[("5", "2020年下半年")].status == "delayed"
    assert got[("5", "2020年下半年")].period_end == dt.date(2020, 12, 31)
    notes = [str(p) for p in df.attrs["conversions"]]
    assert any(":6:状态: 状态 '进行中' 按“推进中”读取" in n for n in notes)
    assert any("'完成' 按“已完成”读取" in n for n in notes)
    assert any("50 行未填写状态和进展情况" in n for n in notes)
    assert not any("滞后" in n for n in notes)       # the canonical word is not a conversion


def test_unknown_status_says_did_you_mean(template, tmp_path):
    wb = load_workbook(template)
    ws = wb["任务台账"]
    ws["F2"] = "已完工"
    ws["F3"] = "xyz"
    ws["E4"] = "进展"                                # progress without a status
    wb.save(template)
    with pytest.raises(InputError) as e:
        ledger.read_ledger(template)
    text = str(e.value)
    assert "ledger.xlsx:2:状态: 无法识别的状态 '已完工'，是否为 已完成？" in text
    assert "ledger.xlsx:3:状态: 无法识别的状态 'xyz'；可选" in text
    assert "ledger.xlsx:4:状态: 已填写进展情况但状态为空" in text
    with pytest.raises(InputError, match=r"ledger.xlsx:2:状态: unknown status '已完工'; did you mean 已完成\?"):
        ledger.read_ledger(template, lang="en")


@pytest.mark.parametrize("cell, value, message", [
    ("A2", "99", r":2:任务编号: 未知任务编号 '99'"),
    ("D2", "明年", r":2:报告期: 无法识别的报告期 '明年'"),
    # a date typed as the period: said as the clerk sees it, with what to write (was '2019-12-31 00:00:00')
    ("D2", dt.datetime(2019, 12, 31), r":2:报告期: 报告期填的是日期 '2019-12-31'：请写明是哪一期"),
    ("H2", "上周", r":2:日期: 无法识别的日期 '上周'"),
    ("H2", "=TODAY()", r":2:日期: 单元格是公式"),
])
def test_bad_cells(template, cell, value, message):
    wb = load_workbook(template)
    ws = wb["任务台账"]
    ws["F2"] = "推进中"
    ws[cell] = value
    wb.save(template)
    with pytest.raises(InputError, match=message):
        ledger.read_ledger(template)


def test_csv_gb18030_with_aliases_and_duplicates(tmp_path):
    p = tmp_path / "台账.csv"
    p.write_text("台账\n序号,任务名称,报告期,完成状态,填报单位\n"
                 "3,强化知识产权创造应用,2020H1,done,区科技局\n"
                 ",推动科技金融加速融合,2020年第2季度,延期,区财政局\n"
                 "3,强化知识产权创造应用,2020年上半年,推进中,区科技局\n", encoding="gb18030")
    with pytest.raises(InputError, match=r"台账.csv:5:序号: 与第 3 行重复"):
        ledger.read_ledger(p)
    p.write_text(p.read_text(encoding="gb18030").rsplit("\n", 2)[0] + "\n", encoding="gb18030")
    df = ledger.read_ledger(p, lang="en")
    assert list(df["task_id"]) == ["3", "13"]
    assert list(df["status"]) == ["completed", "delayed"]
    assert list(df["period"]) == ["2020年上半年", "2020年第2季度"]
    notes = [str(p) for p in df.attrs["conversions"]]
    assert any(":4:序号: task number empty; read as task 13 from the title" in n for n in notes)
    assert any(":3:完成状态: status 'done' read as 已完成" in n for n in notes)


def test_missing_status_column(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("任务编号,报告期\n1,2020年\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x.csv:1:: 找不到表头行"):
        ledger.read_ledger(p)


def test_bundled_illustrative_ledger_reads_and_is_stamped():
    df = ledger.load_ledger()
    assert df.attrs["illustrative"] is True
    assert len(df) == 38 and set(df["period"]) == {"2019年下半年", "2020年上半年"}
    assert len(df.attrs["not_reported"]) == 2


def test_append_sheet_writes_text_never_formulas(tmp_path):
    from openpyxl import Workbook

    p = tmp_path / "x.csv"
    p.write_text("任务编号,报告期,状态,进展情况\n1,2020年,推进中,=HYPERLINK(\"http://x\")\n", encoding="utf-8")
    df = ledger.read_ledger(p)
    wb = Workbook()
    ws = ledger.append_ledger_sheet(wb, df, lang="en")
    wb.save(tmp_path / "out.xlsx")
    ws = load_workbook(tmp_path / "out.xlsx")["task ledger"]
    assert [c.value for c in ws[1]][:3] == ["task no.", "task", "responsible unit"]
    cell = ws.cell(2, 5)
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"
    assert ws.cell(2, 6).value == "in progress"


def _save_values(path, values: dict[str, tuple[str, str]]):
    """Give formula cells the saved value a spreadsheet program writes (openpyxl writes none)."""
    import shutil
    import zipfile

    src = path.with_suffix(".tmp")
    shutil.move(path, src)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                for ref, (kind, saved) in values.items():
                    i = text.index(f'<c r="{ref}"')
                    j = text.index("</c>", i)
                    cell = text[i:j].replace("<v></v>", f"<v>{saved}</v>").replace("<v />", f"<v>{saved}</v>")
                    if kind == "str":
                        cell = cell.replace(f'<c r="{ref}"', f'<c r="{ref}" t="str"', 1)
                    text = text[:i] + cell + text[j:]
                data = text.encode("utf-8")
            zout.writestr(item, data)
    src.unlink()


def test_formula_with_a_saved_value_is_read_and_reported(template):
    wb = load_workbook(template)
    ws = wb["任务台账"]
    ws["F2"] = '=IF(1,"推进中")'
    ws["H2"] = "=DATE(2020,6,30)"
    ws["F3"] = '=IF(1,"已完成")'              # no saved value: an error
    wb.save(template)
    _save_values(template, {"F2": ("str", "推进中"), "H2": ("n", "44012")})
    with pytest.raises(InputError, match=r"ledger.xlsx:3:状态: 单元格是公式 '=IF\(1,\"已完成\"\)' 且没有保存的计算结果"):
        ledger.read_ledger(template)
    wb = load_workbook(template)
    wb["任务台账"]["F3"] = None
    wb.save(template)
    _save_values(template, {"F2": ("str", "推进中"), "H2": ("n", "44012")})
    df = ledger.read_ledger(template)
    assert df.loc[0, "status"] == "in_progress" and df.loc[0, "date"] == dt.date(2020, 6, 30)
    notes = [str(p) for p in df.attrs["conversions"]]
    assert any(":2:状态: 公式 '=IF(1,\"推进中\")' 按保存的结果 '推进中' 读取" in n for n in notes)


def test_tab_separated_and_old_excel(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("任务编号\t报告期\t状态\n4\t2020年\t推进中\n", encoding="utf-8")
    assert list(ledger.read_ledger(p)["task_id"]) == ["4"]
    x = tmp_path / "old.xls"
    x.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match=r"old.xls::: 不支持 .xls 文件；请另存为 .xlsx 或 CSV"):
        ledger.read_ledger(x)


def test_ledger_words_in_both_languages_with_the_same_placeholders():
    from analysis.i18n import ledger as words
    from analysis.i18n import placeholders

    for key, texts in words.MESSAGES.items():
        assert key.startswith("ledger."), key
        assert set(texts) == {"zh", "en"} and texts["zh"] and texts["en"], key
        assert placeholders(texts["zh"]) == placeholders(texts["en"]), key


def test_reading_notes_are_said_in_any_language():
    """The notes of a read (2 rows not reported) keep their message key: a report in English says
    them in English although the ledger was read with the default language."""
    notes = ledger.load_ledger().attrs["conversions"]
    assert [n.text("en") for n in notes if n.row is None] == [
        "2 rows have neither status nor progress: not reported (left out of the counts)"]
    assert [n.text("zh") for n in notes if n.row is None] == ["2 行未填写状态和进展情况，按“未填报”处理（不计入统计）"]


def test_a_task_merged_over_the_rows_of_its_units_is_read_on_every_row(tmp_path):
    """One task, 任务编号 and 任务 merged down over its two units' rows, no 填报单位 column: both rows
    are task 1, one per unit (not "no task number" on the second, nor a duplicate of the first)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["平川区科技成果转移转化示范区建设任务台账"])
    ws.merge_cells("A1:F1")
    ws.append(["任务编号", "任务", "责任单位", "报告期", "进展情况", "状态"])
    ws.append([1, "组织实施重大科技项目", "区科技局", "2020年上半年", "已立项3项", "推进中"])
    ws.append([None, None, "区工信局", "2020年上半年", "配合推进", "滞后"])
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    p = tmp_path / "merged.xlsx"
    wb.save(p)
    df = ledger.read_ledger(p)
    assert df[["task_id", "unit", "status", "row"]].values.tolist() == [
        ["1", "区科技局", "in_progress", 3], ["1", "区工信局", "delayed", 4]]


@pytest.mark.parametrize("lang, task, unit, progress", [
    ("zh", "组织实施重大科技项目", "区科技局、区工信局", "已立项2项(示例)"),
    # in English the plan's task and units by their English names; the units' own words as written
    ("en", "Major S&T projects", "S&T Bureau, Industry and IT Bureau", "已立项2项(示例)"),
])
def test_the_ledger_sheet_names_tasks_and_units_in_the_language_asked(tmp_path, lang, task, unit, progress):
    """Before, the English workbook's task ledger sheet named every task and unit in Chinese."""
    from openpyxl import Workbook

    p = tmp_path / "x.csv"
    p.write_text("任务编号,任务,责任单位,报告期,状态,进展情况,填报单位\n"
                 "1,组织实施重大科技项目,区科技局、区工信局,2020年,推进中,已立项2项(示例),区科技局\n", encoding="utf-8")
    wb = Workbook()
    ws = ledger.append_ledger_sheet(wb, ledger.read_ledger(p), lang=lang)
    row = [c.value for c in ws[2]]
    assert row[1:3] == [task, unit] and row[4] == progress
    assert row[8] == ("区科技局" if lang == "zh" else "S&T Bureau")
