"""The report's 三 任务落实情况 and 五 与全省、全国比较 sections, the 任务台账 sheet and ``report --ledger``.

The packs are built once per test run and shared with test_report_pack (tests/packs.py).
"""

from __future__ import annotations

import re

import pytest
from docx import Document
from openpyxl import load_workbook

from analysis.cli import build_parser, main
from analysis.i18n import t
from analysis.io.ledger import load_tasks
from tests.packs import packs  # noqa: F401 - the shared packs fixture

#: 17 tasks of 二、主要任务 and the overall goals 一(四) (data/raw/plan/tasks.csv)
N_TASK_ROWS = 18
ZH_HEADINGS = ["一、总体情况", "二、分项目标完成情况", "三、任务落实情况", "四、重点产业", "五、与全省、全国比较",
               "六、问题与建议", "附：方法与数据来源"]
EN_HEADINGS = ["1. Overview", "2. Target by target", "3. Implementation of the tasks", "4. Key sectors",
               "5. Compared with Gansu and China", "6. Problems and recommendations", "Annex: methods and data sources"]


def _docx(packs, name: str, filename: str = "评估报告.docx"):
    return Document(packs.file(name, filename))


def _headings(doc, level: int = 1) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def _table(doc, header: list[str]):
    found = [tb for tb in doc.tables if [c.text for c in tb.rows[0].cells] == header]
    assert len(found) == 1, header
    return found[0]


def _section(doc, heading: str) -> list[str]:
    """Paragraph texts from a Heading 1 to the next one."""
    out, inside = [], False
    for p in doc.paragraphs:
        if p.style.name == "Heading 1":
            inside = p.text == heading
            continue
        if inside:
            out.append(p.text)
    return out


ZH_STATUS_HEADER = ["任务", "完成阶段", "状态", "报告期", "责任单位"]


# ------------------------------------------------------------------------------------- docx
@pytest.mark.parametrize("name, filename, expected", [
    ("zh", "评估报告.docx", ZH_HEADINGS),
    ("en", "evaluation_report.docx", EN_HEADINGS),
])
def test_docx_has_both_new_sections_in_order(packs, name, filename, expected):
    assert _headings(_docx(packs, name, filename)) == expected


def test_bundled_ledger_table_has_a_row_per_task_and_is_stamped_illustrative(packs):
    doc = _docx(packs, "zh")
    tb = _table(doc, ZH_STATUS_HEADER)
    assert len(tb.rows) - 1 == N_TASK_ROWS == len(load_tasks())
    first = [c.text for c in tb.rows[1].cells]
    assert first[0] == "一（四） 建设目标"
    section = _section(doc, "三、任务落实情况")
    assert "本节所用任务台账为示例数据（非真实填报），仅用于演示。" in section
    assert sum("示例数据" in s for s in section) == 1  # said once, not twice
    # the late-task table and the consistency table are there
    _table(doc, ["任务", "状态", "应完成时间", "滞后原因"])
    _table(doc, ["任务", "状态", "量化目标", "核查结论"])


def test_own_ledger_statuses_by_hand_and_no_illustrative_stamp(packs):
    doc = _docx(packs, "own_ledger")
    tb = _table(doc, ZH_STATUS_HEADER)
    assert len(tb.rows) - 1 == N_TASK_ROWS
    status = {r.cells[0].text: r.cells[2].text for r in tb.rows[1:]}
    # task 2: one unit delayed -> 滞后 (docs/ledger.md); task 7 推进中; task 1 已完成; others 未填报
    assert status["1. 组织实施重大科技项目"] == "已完成"
    assert status["2. 推进企业创新能力建设"] == "滞后"
    assert status["7. 推动企业研发机构建设"] == "推进中"
    assert sum(v == "未填报" for v in status.values()) == N_TASK_ROWS - 3
    section = _section(doc, "三、任务落实情况")
    assert not any("示例" in s for s in section)
    assert any("my_ledger.csv" in s for s in section)  # the source line names the file
    # 六 问题与建议 names the delayed task
    issues = _section(doc, "六、问题与建议")
    assert any(re.match(r"（\d+）任务2“推进企业创新能力建设”：填报单位自报滞后", s) for s in issues)
    # the ledger's items are numbered afresh, not on from the targets' (the Word list ran 1-17 through both)
    intro = issues.index("任务台账反映的问题：")
    assert issues[intro + 1].startswith("（1）")


def test_own_data_without_ledger_leaves_the_section_out_and_says_so(packs):
    doc = _docx(packs, "own_data")
    assert _headings(doc) == ZH_HEADINGS  # numbering unchanged
    assert _section(doc, "三、任务落实情况") == [t("report.ledger_left_out_doc", "zh")]  # no command-line words
    assert not [tb for tb in doc.tables if [c.text for c in tb.rows[0].cells] == ZH_STATUS_HEADER]
    assert t("report.ledger_left_out", "zh") in packs.result("own_data").warnings
    assert not list((packs.dir("own_data") / "figures").glob("40_ledger_status_*"))
    wb = load_workbook(packs.file("own_data", "scorecard.xlsx"))
    assert "任务台账" not in wb.sheetnames


def test_benchmark_section_table_and_sources_caption(packs):
    doc = _docx(packs, "zh")
    tb = _table(doc, ["指标", "口径", "地区", "年份", "数值", "单位", "年均增速", "区间", "资料来源"])
    rows = [[c.text for c in r.cells] for r in tb.rows[1:]]
    # data/raw/public: 每万人发明专利拥有量, China, 2019 = 13.3
    assert ["每万人发明专利拥有量", "水平", "全国", "2019", "13.30"] in [r[:5] for r in rows]
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    table_cap = next(c for c in captions if "可比指标" in c)
    assert "来源：平川区为示例数据（非官方统计）" in table_cap and "stats.gov.cn" in table_cap
    n = re.match(r"表(\d+) ", table_cap).group(1)
    assert any(c.startswith("图") and c.endswith(f"（资料来源同表{n}）") for c in captions)


# ------------------------------------------------------------------------------------- html
@pytest.mark.parametrize("name, titles", [
    ("zh", ("三、任务落实情况", "五、与全省、全国比较")),
    ("en", ("3. Implementation of the tasks", "5. Compared with Gansu and China")),
])
def test_html_table_of_contents_lists_both_sections(packs, name, titles):
    page = packs.file(name, "report.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="toc">(.*?)</nav>', page, re.S).group(1)
    assert f'<a href="#ledger">{titles[0]}</a>' in nav
    assert f'<a href="#benchmarks">{titles[1]}</a>' in nav
    assert f'<h2 id="ledger">{titles[0]}</h2>' in page and f'<h2 id="benchmarks">{titles[1]}</h2>' in page


def test_html_own_data_says_the_section_is_left_out(packs):
    page = packs.file("own_data", "report.html").read_text(encoding="utf-8")
    section = page.split('<h2 id="ledger">', 1)[1].split("<h2", 1)[0]
    assert "本报告未提供任务台账，任务落实情况从略。" in section and "--ledger" not in section and "<table" not in section


# ------------------------------------------------------------------------------------- workbook
def test_workbook_ledger_sheet_text_cells_and_print_setup(packs):
    wb = load_workbook(packs.file("zh", "scorecard.xlsx"))
    assert "任务台账" in wb.sheetnames
    ws = wb["任务台账"]
    assert "示例" in ws["A1"].value  # illustrative ledger: said on the first line
    assert [c.value for c in ws[2]][:3] == ["任务编号", "任务", "责任单位"]
    # bundled ledger: 40 rows under its header, 2 of them left unfilled (rows 28 and 42: not reported)
    assert ws.max_row - 2 == 40 - 2
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$2:$2"
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_workbook_own_ledger_sheet_rows(packs):
    ws = load_workbook(packs.file("own_ledger", "scorecard.xlsx"))["任务台账"]
    assert [c.value for c in ws[1]][:3] == ["任务编号", "任务", "责任单位"]  # no illustrative line
    assert ws.max_row - 1 == 4


# ------------------------------------------------------------------------------------- cli
def test_cli_has_the_ledger_option():
    assert build_parser().parse_args(["report", "--ledger", "台账.xlsx"]).ledger == "台账.xlsx"


@pytest.mark.parametrize("lang, message", [("zh", "无法识别的状态"), ("en", "unknown status")])
def test_cli_bad_status_cell_is_a_file_row_column_error(tmp_path, capsys, lang, message):
    bad = tmp_path / "bad_ledger.csv"
    bad.write_text("任务编号,报告期,状态\n1,2020年上半年,推进中\n2,2020年上半年,差不多\n", encoding="utf-8")
    assert main(["report", "--ledger", str(bad), "--out", str(tmp_path / "o"), "--no-notebooks",
                 "--formats", "png", "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"bad_ledger\.csv:3:状态: {message}", err), err
    assert not (tmp_path / "o" / "reports").exists()  # nothing written


def test_cli_missing_ledger_file_exits_1(tmp_path, capsys):
    assert main(["report", "--ledger", str(tmp_path / "nope.xlsx"), "--out", str(tmp_path / "o"),
                 "--no-notebooks"]) == 1
    assert "nope.xlsx" in capsys.readouterr().err


def test_the_ledger_figures_name_the_ledger_and_its_year_in_their_caption():
    """Figures 40-44 said 资料来源：示例数据（合成）；数据截至2019年 (the monitoring data's) under a
    subtitle dated 2020年6月30日: their caption is the ledger's."""
    from analysis.app import figures

    ctx = figures.ReportContext()
    cap = ctx.caption("ledger", "zh")
    assert cap["source"].startswith("示例任务台账") and cap["as_of"] == ctx.ledger_as_of.year == 2020
    assert cap["illustrative"] is True
    assert {figures.get(n).source for n in (40, 41, 42, 43, 44)} == {"ledger"}


@pytest.mark.parametrize("as_of, data, ledger, shown", [
    (2017, None, None, False),        # before the plan took effect (2019): its tasks had not started
    (2018, None, "my_ledger.csv", False),
    (2019, None, None, True),
    (None, None, None, True),
    (None, "mine.csv", None, False),  # the user's data without a ledger: left out, as before
])
def test_the_ledger_section_is_left_out_before_the_plan_took_effect(as_of, data, ledger, shown):
    """A report as of 2017 said 截至2017年12月31日…填报0项任务…18项未填报 over two empty charts."""
    from analysis.app import report

    include, note = report._ledger_plan(data, ledger, "zh", as_of)
    assert include is shown
    if as_of is not None and as_of < 2019:
        assert note == f"数据截至{as_of}年，早于实施方案实施（2019年起），任务落实情况从略。"
