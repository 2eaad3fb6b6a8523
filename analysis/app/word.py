"""The evaluation report as a Word document (评估报告.docx), with python-docx.

Layout (A4 portrait, page numbers in the footer, Chinese text in 宋体/黑体 through the
East Asian font slot ``w:eastAsia`` so that Word and WPS pick a Chinese font):

title, date, data source · 一 总体情况 · 二 分项目标完成情况 (table + one paragraph per
target) · 三 任务落实情况 (the task ledger) · 四 重点产业 · 五 与全省、全国比较 · 六 问题与建议 ·
附 方法与数据来源. Several regions give a part per region after an overview table. The content comes from :mod:`analysis.app.content`.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

import pandas as pd

from analysis import vocab
from analysis.app.content import ReportContent, region_name, status_color
from analysis.app.reproducible import FIXED_TIME, save_fixed
from analysis.i18n import t
from analysis.model import text

__all__ = ["write_docx", "FONTS", "PAGE_WIDTH_MM", "PAGE_HEIGHT_MM"]

#: (Latin font, East Asian font) for body text and headings.
FONTS = {"body": ("Times New Roman", "宋体"), "heading": ("Arial", "黑体")}
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
_TEXT_WIDTH_MM = 160
_MAX_FIGURE_HEIGHT_MM = 215


def _set_fonts(style_or_run, latin: str, east_asian: str) -> None:
    """Latin and East Asian fonts on a style or a run (python-docx sets only the Latin slots)."""
    style_or_run.font.name = latin
    el = style_or_run.element
    rpr = el.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _styles(doc, lang: str) -> None:
    normal = doc.styles["Normal"]
    _set_fonts(normal, *FONTS["body"])
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.3
    lang_el = normal.element.get_or_add_rPr().find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        normal.element.get_or_add_rPr().append(lang_el)
    # w:val is the language of the Latin-script text (digits, names): English, as Chinese Word writes
    # it. Tagged zh-CN, LibreOffice breaks lines inside numbers ("2 / 020 年", "0. / 64%").
    lang_el.set(qn("w:val"), t("report.latin_lang_tag", lang))
    lang_el.set(qn("w:eastAsia"), "zh-CN")
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 12)):
        st = doc.styles[name]
        _set_fonts(st, *FONTS["heading"])
        st.font.size = Pt(size)
        st.font.bold = True
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.paragraph_format.space_before = Pt(12 if name != "Title" else 0)
        st.paragraph_format.space_after = Pt(6)
    doc.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # the Title style draws a blue rule under the title: not in a government report
    pbdr = doc.styles["Title"].element.pPr.find(qn("w:pBdr")) if doc.styles["Title"].element.pPr is not None else None
    if pbdr is not None:
        pbdr.getparent().remove(pbdr)
    cap = doc.styles["Caption"]
    _set_fonts(cap, *FONTS["body"])
    cap.font.size = Pt(10)
    cap.font.italic = False
    cap.font.bold = True
    cap.font.color.rgb = RGBColor(0, 0, 0)


def _page(doc, lang: str) -> None:
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    sec.left_margin = sec.right_margin = Mm(25)
    sec.top_margin, sec.bottom_margin = Mm(25), Mm(22)
    para = sec.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run(t("report.page_prefix", lang))
    _field(para, "PAGE")
    para.add_run(t("report.page_suffix", lang))


def _field(paragraph, code: str) -> None:
    """A Word field (e.g. ``PAGE``) as begin / instruction / separate / result / end runs."""
    def run_with(tag: str, **attrs):
        r = paragraph.add_run()
        el = OxmlElement(tag)
        for k, v in attrs.items():
            el.set(qn(k), v)
        r._r.append(el)
        return r

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    instr = run_with("w:instrText", **{"xml:space": "preserve"})
    instr._r[-1].text = f" {code} "
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    paragraph.add_run("1")
    run_with("w:fldChar", **{"w:fldCharType": "end"})


def _shade(cell, hex_colour: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_colour.lstrip("#").upper())
    tcpr.append(shd)


def _row_flag(row, tag: str) -> None:
    """``w:tblHeader`` (repeat on every page) or ``w:cantSplit`` (keep a row on one page)."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement(tag)
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _tight(paragraph) -> None:
    paragraph.paragraph_format.line_spacing = 1.0
    paragraph.paragraph_format.space_after = Pt(0)


def _table(doc, df, *, widths_mm=None, font_pt: float = 9, status=None, caption: str | None = None,
           bold_rows=None) -> None:
    if caption:
        doc.add_paragraph(caption, style="Caption").paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=len(df.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    hdr = table.rows[0]
    _row_flag(hdr, "w:tblHeader")
    for j, name in enumerate(df.columns):
        cell = hdr.cells[j]
        cell.text = ""
        _tight(cell.paragraphs[0])
        run = cell.paragraphs[0].add_run(str(name))
        run.bold = True
        run.font.size = Pt(font_pt)
        _shade(cell, "#E8EEF4")
    status_j = len(df.columns) - 1 if status is not None else None
    for i, values in enumerate(df.itertuples(index=False)):
        row = table.add_row()
        _row_flag(row, "w:cantSplit")
        cells = row.cells
        for j, v in enumerate(values):
            cells[j].text = ""
            _tight(cells[j].paragraphs[0])
            run = cells[j].paragraphs[0].add_run(str(v))
            run.font.size = Pt(font_pt)
            if bold_rows is not None and bold_rows[i]:
                run.bold = True
        if status_j is not None:
            _shade(cells[status_j], _light(status_color(status[i])))
    # a table that fits on a page is not split (never its header and a row or two at the foot of a
    # page): every row keeps with the next (Word and LibreOffice break a longer table where they must)
    rows = [row.cells for row in table.rows]  # (python-docx builds a row's cells anew on each call)
    for cells in rows[:-1]:
        for cell in cells:
            for par in cell.paragraphs:
                par.paragraph_format.keep_with_next = True
    n = len(df.columns)
    if not widths_mm:  # first column wider, the others share the rest of the text width
        first = min(50, _TEXT_WIDTH_MM / 2) if n > 1 else _TEXT_WIDTH_MM
        widths_mm = [first] + [(_TEXT_WIDTH_MM - first) / max(1, n - 1)] * (n - 1)
    table.autofit = False
    for j, w in enumerate(widths_mm):
        table.columns[j].width = Mm(w)
    for cells in rows:
        for j, w in enumerate(widths_mm):
            cells[j].width = Mm(w)


#: A cut must leave each part at least this share of a page tall (no sliver of a figure alone on a page).
_MIN_PART_SHARE = 0.5
#: Rows of a figure whose darkest pixel is at least this light count as empty (the white background).
_BLANK_LEVEL = 250


def _page_parts(im: Image.Image) -> list[Image.Image]:
    """A figure taller than the page allows at full width, cut into parts that each fit, at empty
    rows between its panels (each cut in the middle of the longest run of empty rows that leaves
    the part at least :data:`_MIN_PART_SHARE` of a page tall). ``[]`` when the figure fits, or when
    it has no empty rows to cut at (a single tall panel: the caller shrinks it instead)."""
    w, h = im.size
    page = int(w * _MAX_FIGURE_HEIGHT_MM / _TEXT_WIDTH_MM)
    if h <= page:
        return []
    grey = np.asarray(im.convert("L"))
    blank = grey.min(axis=1) >= _BLANK_LEVEL
    cuts, top = [0], 0
    while h - top > page:
        lo, hi = top + int(page * _MIN_PART_SHARE), top + page
        window = np.r_[False, blank[lo:hi], False].astype(np.int8)
        edges = np.flatnonzero(np.diff(window))
        starts, ends = edges[::2], edges[1::2]          # runs of empty rows: [start, end)
        if not len(starts):
            return []
        k = int(np.flatnonzero((ends - starts) == (ends - starts).max())[-1])  # the longest; the lowest of equals
        top = lo + (int(starts[k]) + int(ends[k])) // 2
        cuts.append(top)
    cuts.append(h)
    return [im.crop((0, a, w, b)) for a, b in zip(cuts[:-1], cuts[1:])]


def _light(hex_colour: str, mix: float = 0.55) -> str:
    """A lighter tint of a status colour so black text stays readable on it."""
    h = hex_colour.lstrip("#")
    rgb = [int(h[k:k + 2], 16) for k in (0, 2, 4)]
    return "#" + "".join(f"{round(c + (255 - c) * mix):02X}" for c in rgb)


def _figure(doc, content: ReportContent, slug: str, counter: list[int], sources_table: int | None = None) -> None:
    item = content.figures.get(slug)
    if item is None or not Path(item[2]).exists():
        return
    number, title, png = item
    with Image.open(png) as im:
        w, h = im.size
        parts = _page_parts(im)
    if parts:
        # taller than a page (one panel per region, stacked): at full width, cut between its panels
        for part in parts:
            buf = io.BytesIO()
            part.save(buf, format="PNG")
            buf.seek(0)
            doc.add_picture(buf, width=Mm(_TEXT_WIDTH_MM))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif h / w * _TEXT_WIDTH_MM > _MAX_FIGURE_HEIGHT_MM:  # taller than a page, nowhere to cut: shrunk
        doc.add_picture(str(png), height=Mm(_MAX_FIGURE_HEIGHT_MM))
    else:
        doc.add_picture(str(png), width=Mm(_TEXT_WIDTH_MM))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the caption on the figure's page, never the next
    counter[0] += 1
    caption = t("report.figure_caption", content.lang, n=counter[0], title=title)
    if sources_table:
        caption = t("report.figure_caption_sources", content.lang, caption=caption, n=sources_table)
    p = doc.add_paragraph(caption, style="Caption")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _region_block(doc, content: ReportContent, part, level: int, counters) -> None:
    """One region's 一 and 二 under headings of ``level`` (a report of one region)."""
    doc.add_heading(t("report.h.overview", content.lang), level=level)
    _overview_part(doc, content, part, counters)
    doc.add_heading(t("report.h.targets", content.lang), level=level)
    _targets_part(doc, content, part, level + 1, counters)


def _overview_part(doc, content: ReportContent, part, counters) -> None:
    """一 总体情况 of one region: the headline sentences and the counts by status."""
    lang = content.lang
    counts = part.counts
    for sentence in part.headline:
        doc.add_paragraph(sentence)
    total = sum(counts.values())
    df = pd.DataFrame([[text.status_label(s, lang), n, f"{n / total * 100:.0f}%" if total else "—"]
                       for s, n in counts.items()],
                      columns=[t("report.col.status", lang), t("report.col.count", lang), t("report.col.share", lang)])
    counters["table"] += 1
    _table(doc, df, widths_mm=[50, 25, 25], font_pt=10,
           caption=t("report.table_caption", lang, n=counters["table"], title=t("report.counts_table", lang)))


def _widths_by_header(df: pd.DataFrame) -> list[float]:
    """Column widths (mm, the text width in all) in proportion to each header's length (a Chinese
    character counting one, a Latin letter half), at least 4 characters: 期限年数据缺失 on one line;
    and never narrower than the longest word of its cells (Pingchuan District broke as Pingchua|n)."""
    def length(h) -> float:
        return sum(1.0 if ord(ch) > 0x2e80 else 0.55 for ch in str(h))

    def longest_word(col) -> float:
        return max((length(w) for v in col.tolist() for w in str(v).split()), default=0.0)

    lens = [max(4.0, length(h), longest_word(df[h]) + 1.0) for h in df.columns]
    return [_TEXT_WIDTH_MM * x / sum(lens) for x in lens]


#: Column widths of the target table (mm, 160 in all); at the end of term (完成率, no probability)
#: the room goes to the plan's words, the units and the latest value.
TARGET_WIDTHS_MM = {"target_text": 38, "task": 13, "responsible": 16, "latest": 31, "result": 31, "prob": 13,
                    "status": 18}  # 最新值 wide enough for 1.05件/万人（2019年） on one line
TARGET_WIDTHS_MM_END = {**TARGET_WIDTHS_MM, "target_text": 48, "responsible": 25, "latest": 32, "completion": 24}


def target_widths(keys, lang: str = "zh") -> list[int]:
    """Widths (mm, 160 in all) of the target table's columns ``keys`` (:data:`content.TABLE_COLUMNS`,
    ``completion`` for ``result`` at the end of term, ``prob`` perhaps left out). In English the
    responsible units get 6 mm more (Organisation, Technology: long words a line cannot break)."""
    widths = dict(TARGET_WIDTHS_MM if "result" in keys else TARGET_WIDTHS_MM_END)
    if lang == "en":
        widths["responsible"] += 6
    widths["target_text"] += 160 - sum(widths[k] for k in keys)  # a column left out: its room to the plan's words
    return [widths[k] for k in keys]


def _targets_part(doc, content: ReportContent, part, notes_level: int, counters) -> None:
    """二 分项目标完成情况 of one region: the target table and one sentence per target."""
    lang = content.lang
    counters["table"] += 1
    _table(doc, part.table, widths_mm=target_widths(part.table.attrs["columns"], content.lang), font_pt=8,
           status=part.table.attrs["status"],
           caption=t("report.table_caption", lang, n=counters["table"], title=t("report.targets_table", lang)))
    doc.add_paragraph(content.footnote).runs[0].font.size = Pt(9)
    doc.add_heading(t("report.h.paragraphs", lang), level=notes_level)
    for (_, row), sentence in zip(part.rows.iterrows(), part.sentences):
        head, _ = text.sentence_parts(row, lang)
        p = doc.add_paragraph()
        p.add_run(head).bold = True
        p.add_run(sentence[len(head):])


def _note(doc, line: str, *, red: bool = False, size: float = 9) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.keep_with_next = red
    r = p.add_run(line)
    r.font.size = Pt(size)
    if red:
        r.bold = True
        r.font.color.rgb = RGBColor(0xB2, 0x18, 0x2B)


def _ledger_block(doc, content: ReportContent, counters, fig_counter) -> None:
    """三 任务落实情况: headline, the task table, late tasks, the consistency check, figures 40-44."""
    lang = content.lang
    lp = content.ledger
    doc.add_heading(t("report.h.ledger", lang), level=1)
    if not lp.included:
        doc.add_paragraph(lp.note)
        return
    if lp.illustrative:
        _note(doc, t("report.ledger_illustrative", lang), red=True, size=11)
    for sentence in lp.headline:
        doc.add_paragraph(sentence)
    _note(doc, lp.source)
    doc.add_heading(t("report.h.ledger_tasks", lang), level=2)
    counters["table"] += 1
    _table(doc, lp.tables["status"], widths_mm=[48, 25, 20, 25, 42], font_pt=9,
           caption=t("report.table_caption", lang, n=counters["table"], title=t("report.ledger_status_table", lang)))
    for slug in ("ledger_status", "ledger_units", "ledger_phases"):
        if slug in lp.figures:
            _figure(doc, content, slug, fig_counter)
    doc.add_heading(t("report.h.ledger_late", lang), level=2)
    late = lp.tables.get("late")
    if late is not None and len(late):
        counters["table"] += 1
        _table(doc, late, widths_mm=[50, 20, 24, 66], font_pt=9,
               caption=t("report.table_caption", lang, n=counters["table"], title=t("report.ledger_late_table", lang)))
        if "ledger_late" in lp.figures:
            _figure(doc, content, "ledger_late", fig_counter)
    else:
        doc.add_paragraph(t("report.ledger_late_none", lang))
    cons = lp.tables.get("consistency")
    if cons is not None:
        doc.add_heading(t("report.h.ledger_consistency", lang), level=2)
        doc.add_paragraph(t("report.ledger_consistency_intro", lang))
        counters["table"] += 1
        _table(doc, cons, widths_mm=[36, 18, 53, 53], font_pt=8, bold_rows=cons.attrs.get("flag"),
               caption=t("report.table_caption", lang, n=counters["table"],
                         title=t("report.ledger_consistency_table", lang)))
        if "ledger_consistency" in lp.figures:
            _figure(doc, content, "ledger_consistency", fig_counter)
    for line in lp.notes:
        _note(doc, t("report.ledger_notes", lang, notes=line))


#: Column widths of the comparison table (mm, 160 in all): in English the longest words (Pingchuan,
#: average, illustrative) on one line, not "Pingch uan", "averag e".
BENCH_WIDTHS_MM = {"zh": [30, 16, 13, 11, 17, 14, 13, 19, 27], "en": [28, 16, 17, 10, 15, 18, 16, 16, 24]}


def _benchmark_block(doc, content: ReportContent, counters, fig_counter) -> None:
    """五 与全省、全国比较: headline, the values table, comparability, figures 45-46."""
    lang = content.lang
    bp = content.benchmarks
    doc.add_heading(t("report.h.benchmarks", lang), level=1)
    for sentence in bp.headline:
        doc.add_paragraph(sentence)
    if bp.table is not None:
        counters["table"] += 1
        _table(doc, bp.table, widths_mm=BENCH_WIDTHS_MM[lang], font_pt=8,
               caption=t("report.table_caption", lang, n=counters["table"],
                         title=t("report.bench_table", lang, sources=bp.sources)))
        for slug in bp.figures:
            _figure(doc, content, slug, fig_counter, sources_table=counters["table"])
    if bp.coverage is not None and len(bp.coverage):
        counters["table"] += 1
        _table(doc, bp.coverage, widths_mm=[45, 28, 87], font_pt=9,
               caption=t("report.table_caption", lang, n=counters["table"], title=t("report.bench_coverage_table", lang)))
    if bp.not_compared:
        doc.add_paragraph(bp.not_compared)
    if bp.note:
        doc.add_paragraph(bp.note)


def write_docx(content: ReportContent, path: str | Path) -> Path:
    """Write the report to ``path`` (A4, page numbers, East Asian fonts); returns the path."""
    lang = content.lang
    doc = Document()
    _styles(doc, lang)
    _page(doc, lang)
    if content.illustrative:  # on every page, also those that are only a table or a figure
        head = doc.sections[0].header.paragraphs[0]
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = head.add_run(vocab.illustrative_stamp(lang))
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0xB2, 0x18, 0x2B)
    doc.add_paragraph(content.title, style="Title")
    for line in (t("report.date", lang, date=content.date),
                 t("report.source", lang, source=content.source) + t("report.sentence.sep", lang)
                 + t("report.as_of", lang, year=content.shown_as_of if content.shown_as_of is not None else "—")
                 + t("report.sentence.end", lang), content.stage_line, content.region_line, content.status_line):
        if not line:
            continue
        p = doc.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if content.illustrative:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(t("report.illustrative", lang))
        r.bold = True
        r.font.color.rgb = RGBColor(0xB2, 0x18, 0x2B)
    counters = {"table": 0}
    fig_counter = [0]
    if content.multi_region:
        # 一 with the regions compared, then each region; 二 each region's targets (headings 一 to 六
        # at one level, the regions under them)
        doc.add_heading(t("report.h.overview", lang), level=1)
        doc.add_paragraph(t("report.regions_intro", lang, n=len(content.regions),
                            names=t("report.list_sep", lang).join(region_name(r.region, lang) for r in content.regions)))
        counters["table"] += 1
        _table(doc, content.overview, font_pt=10, widths_mm=_widths_by_header(content.overview),
               caption=t("report.table_caption", lang, n=counters["table"], title=t("report.regions_table", lang)))
        for part in content.regions:
            doc.add_heading(region_name(part.region, lang), level=2)
            _overview_part(doc, content, part, counters)
        _figure(doc, content, "scorecard", fig_counter)
        doc.add_heading(t("report.h.targets", lang), level=1)
        for part in content.regions:
            doc.add_heading(region_name(part.region, lang), level=2)
            _targets_part(doc, content, part, 3, counters)
        _figure(doc, content, "fan_charts", fig_counter)
    else:
        _region_block(doc, content, content.regions[0], 1, counters)
        for slug in ("scorecard", "growth", "fan_charts"):
            _figure(doc, content, slug, fig_counter)
    _ledger_block(doc, content, counters, fig_counter)
    # 四 重点产业
    doc.add_heading(t("report.h.sectors", lang), level=1)
    sp = content.sectors
    if sp.table is not None:
        doc.add_paragraph(sp.intro)
        counters["table"] += 1
        _table(doc, sp.table, font_pt=9, bold_rows=sp.table.attrs.get("focus"),
               caption=t("report.table_caption", lang, n=counters["table"], title=sp.table.attrs["caption"]))
        for s in sp.sentences:
            doc.add_paragraph(s)
        for slug in ("sector_trends", "sector_rank_slope"):
            _figure(doc, content, slug, fig_counter)
    if sp.note:
        doc.add_paragraph(sp.note)
    _benchmark_block(doc, content, counters, fig_counter)
    # 六 问题与建议
    doc.add_heading(t("report.h.issues", lang), level=1)
    for part in content.regions:
        if content.multi_region:
            doc.add_heading(region_name(part.region, lang), level=2)
        if part.issues:
            doc.add_paragraph(t("report.issues_intro", lang))
            for k, line in enumerate(part.issues, 1):  # numbered here: a Word list would run on into the next
                doc.add_paragraph(t("report.item_number", lang, n=k) + line)
        if part.unverified:  # short the year before an unreported deadline: report it, then judge (numbered on)
            doc.add_paragraph(t("report.issues_unverified_intro", lang, deadline=part.unverified_deadline))
            for k, line in enumerate(part.unverified, len(part.issues) + 1):
                doc.add_paragraph(t("report.item_number", lang, n=k) + line)
        if not part.issues and not part.unverified:  # ("保持现有进度" only when nothing is short)
            doc.add_paragraph(t("report.issues_none", lang))
        if part.missing:
            doc.add_paragraph(part.missing)
    if content.ledger.issues:
        doc.add_paragraph(t("report.ledger_issues_intro", lang))
        for k, line in enumerate(content.ledger.issues, 1):  # numbered afresh, not on from the targets
            doc.add_paragraph(t("report.item_number", lang, n=k) + line)
    # 附 方法与数据来源
    doc.add_heading(t("report.h.methods", lang), level=1)
    for m in content.methods:
        doc.add_paragraph(m)
    if content.illustrative:
        doc.add_paragraph(t("report.illustrative", lang))
    if content.data_notes:  # how the user's file was read: every conversion and warning, as the reader said
        doc.add_heading(t("report.method.data_notes", lang), level=2)
        for line in content.data_notes:
            doc.add_paragraph(line, style="List Bullet")
    doc.add_heading(t("report.method.sources", lang), level=2)
    doc.add_paragraph(t("report.source", lang, source=content.source))
    for _, s in content.sources.iterrows():
        bits = [s.get("title", ""), s.get("producer", ""), s.get("url", "")]
        doc.add_paragraph(t("report.list_sep", lang).join(b for b in bits if b), style="List Bullet")
    props = doc.core_properties
    props.title, props.author, props.language = content.title, "pingchuan-analysis", t("report.lang_tag", lang)
    props.created = props.modified = FIXED_TIME
    props.last_modified_by = "pingchuan-analysis"
    props.revision = 1
    return save_fixed(doc, path)
