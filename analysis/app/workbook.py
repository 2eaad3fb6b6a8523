"""The scorecard workbook (scorecard.xlsx) and its CSV / JSON siblings.

Sheets (names in the report's language): 汇总 (counts by status, the headline, as-of,
source), 目标评估 (one row per region x target: Chinese columns in reading order, the
clause / task / responsible unit, the per-target sentence as 说明, the indicator id
last; ≥ and ≤; whole numbers for counts; status colours; landscape A4, fit to width,
header row repeated, a title), 任务台账 (the task ledger as read, when the pack has one:
:func:`analysis.io.ledger.append_ledger_sheet`, text cells), 产业比较 (when the pack has a
sector panel) and 来源与方法.

Text from input files is always stored as text, never as a formula
(:mod:`analysis.io.safe_cells`); the bytes are reproducible (fixed timestamps).
"""

from __future__ import annotations

import math

import json
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from analysis import vocab
from analysis.app.content import ReportContent, region_name, responsible_label, status_color
from analysis.app.reproducible import FIXED_TIME, save_fixed
from analysis.i18n import t
from analysis.io.atomic import atomic_write
from analysis.io.ledger import append_ledger_sheet
from analysis.io.safe_cells import frame_to_csv, write_cell
from analysis.model import text

__all__ = ["write_workbook", "write_scorecard_csv", "write_scorecard_json", "target_sheet_frame",
           "TARGET_COLUMNS", "COMPARATOR_SIGNS"]

COMPARATOR_SIGNS = vocab.COMPARATOR_SIGNS  # (re-exported: the report's 目标评估 sheet)
#: 目标评估 columns in reading order: (column id, i18n key). ``region`` only with several regions.
TARGET_COLUMNS = (
    # printed (the print area ends with 说明)
    ("region", "report.col.region"), ("name", "report.col.name"), ("target_text", "report.col.target_text"),
    ("task", "report.col.task"), ("responsible", "report.col.responsible"),
    ("comparator", "report.col.comparator"), ("target", "report.col.target"), ("unit", "report.col.unit"),
    ("deadline", "report.col.deadline"), ("last_value", "report.col.latest"),
    ("completion_rate", "report.col.completion"), ("forecast", "report.col.forecast"),
    ("prob_meet", "report.col.prob_long"), ("status", "report.col.status"), ("note", "report.col.sentence"),
    # details for analysis (on screen)
    ("last_year", "report.col.latest_year"), ("gap", "report.col.gap"),
    ("lower_80", "report.col.lower_80"), ("upper_80", "report.col.upper_80"),
    ("required_growth", "report.col.required"), ("required_per_year", "report.col.required_per_year"),
    ("actual_growth", "report.col.actual_growth"), ("stage", "report.col.stage"), ("model", "report.col.model"),
    ("clause", "report.col.clause"), ("indicator_id", "report.col.id"),
)
#: The last printed column of 目标评估.
PRINT_LAST = "note"
_VALUE_COLUMNS = ("target", "last_value", "gap", "forecast", "lower_80", "upper_80", "required_per_year")
_FORMATS = {"completion_rate": "0.0%", "prob_meet": "0%", "required_growth": "0.0%", "actual_growth": "0.0%",
            "deadline": "0", "last_year": "0"}
#: A probability as the report says it (text.fmt_prob): below 0.5 % "<1%", above 99.5 % ">99%"
#: (a "0%" or "100%" cell beside the report's "<1%" read as certainty); the cell keeps the number.
PROB_FORMAT = '[<0.005]"<1%";[>0.995]">99%";0%'
_WIDTHS = {"region": 10, "name": 22, "target_text": 26, "task": 8, "clause": 36, "responsible": 16,
           "comparator": 5, "target": 9, "unit": 7, "deadline": 6, "last_year": 8, "last_value": 9,
           "completion_rate": 8, "gap": 8, "forecast": 9, "lower_80": 9, "upper_80": 9, "prob_meet": 9,
           "required_growth": 9, "required_per_year": 9, "actual_growth": 9, "status": 10, "stage": 10,
           "model": 12, "note": 48, "indicator_id": 22}
#: Value columns said beside the target (their decimals tell them from it).
_BESIDE_TARGET = ("forecast", "lower_80", "upper_80", "last_value")
_HEAD_FILL = PatternFill("solid", start_color="FFE8EEF4", end_color="FFE8EEF4")
_LINE = Border(bottom=Side(style="thin", color="FF7F7F7F"))
_TITLE_ROWS = 2  # title and as-of/source lines above the header row


def _number_format(column: str, v, whole: bool, target=None) -> str | None:
    """The Excel number format of a 目标评估 cell (None: as it is): values to 2 decimals, counts
    whole (their forecasts too, as the report says them: 预测1家, not 1.3), rates and
    probabilities as percentages. A value beside ``target`` that 2 decimals would show as the
    target (a forecast of 0.703 for 0.7, a latest value of 1.349 for 1.35) gets the decimals the
    report gives it (:func:`text.fmt_beside`): 0.703, not 0.70 beside a probability of 39 %."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    if column in _VALUE_COLUMNS:
        if column in ("forecast", "lower_80", "upper_80") and whole:
            return "#,##0"
        if whole and float(v).is_integer():
            return "#,##0"
        digits = text.fmt_beside(v, target) if column in _BESIDE_TARGET and target is not None else ""
        return "#,##0." + "0" * max(2, len(digits.split(".")[1]) if "." in digits else 0)
    return _FORMATS.get(column)


def _as_shown(v, fmt: str | None):
    """A number rounded as its Excel format ``fmt`` shows it, still a number (a percentage in
    percent: 1.1259 -> 112.6; whole numbers as integers)."""
    if fmt is None:
        return v
    decimals = fmt.split(".")[1].count("0") if "." in fmt else 0
    if fmt == _FORMATS["prob_meet"] and (0 < v < 0.005 or 0.995 < v < 1):
        # a probability the sheet shows as <1% / >99%: never 0 or 100 (certainty); one decimal, or the
        # first significant digit below 0.1 % (0.0003 -> 0.03, 0.99996 -> 99.996)
        if 0.0005 <= v <= 0.9995:
            return round(v * 100, 1)
        return float(f"{v * 100:.1g}") if v < 0.5 else round(100 - float(f"{(1 - v) * 100:.1g}"), 10)
    v = v * 100 if fmt.endswith("%") else v
    return int(round(v)) if decimals == 0 else round(v, decimals)


def _csv_values(values: list):
    """A CSV column: whole numbers (and blanks) as integers, other numbers as floats, text as it is."""
    nums = [v for v in values if v is not None]
    if nums and all(isinstance(v, int) and not isinstance(v, bool) for v in nums):
        return pd.array(values, dtype="Int64")
    return values


def _num(v):
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if hasattr(v, "item"):
        v = v.item()
    return v


def _no_forecast(r) -> bool:
    """The report shows no forecast for this row: from fewer than 3 points, a target already met, its
    deadline year reported, or no forecast at all."""
    return (text.low_information(r) or text.stage_of(r) in ("met early", "deadline observed")
            or r.get("forecast") is None or pd.isna(r.get("forecast")))


def target_sheet_frame(content: ReportContent) -> pd.DataFrame:
    """The 目标评估 table: one row per region x target, column ids of :data:`TARGET_COLUMNS`."""
    lang = content.lang
    frames = []
    for part in content.regions:
        rows = part.rows.assign(as_of=content.as_of)  # (whether a deadline has passed)
        completion = [text.completion_of(r) for _, r in rows.iterrows()]
        df = pd.DataFrame({
            "region": region_name(part.region, lang),
            "name": rows[f"name_{lang}"] if f"name_{lang}" in rows else rows["name_zh"],
            "target_text": list(part.table.iloc[:, 0]),
            "task": list(part.table.iloc[:, 1]),
            "clause": rows["clause"].fillna("") if "clause" in rows else "",
            "responsible": [responsible_label(r, lang) for _, r in rows.iterrows()],
            "comparator": [COMPARATOR_SIGNS.get(c, c) for c in rows["comparator"]],
            "target": rows["target"], "unit": [text.unit_label(u, lang) for u in rows["unit"]],
            "deadline": rows["deadline"], "last_year": rows["last_year"], "last_value": rows["last_value"],
            "completion_rate": [c[0] for c in completion], "gap": [c[1] for c in completion],
            # no forecast from fewer than 3 points (the report's table, sentences and figure 04 show none),
            # nor for a target already met or whose deadline year is reported (the report shows none there)
            **{c: [None if _no_forecast(r) else r.get(c) for _, r in rows.iterrows()]
               for c in ("forecast", "lower_80", "upper_80")},
            "prob_meet": [None if text.deadline_passed(r) else r.get("prob_meet") for _, r in rows.iterrows()],
            # the pace still required only where it means something: not for a target already met (it
            # said -20.0 %) nor once its deadline has passed; a count's pace is in things a year (年均增加2家,
            # 还须年均增加3家: the note's words and the required-per-year column), not a percentage, which
            # on a base of 1 or 3 can invert the comparison
            **{c: [None if text.deadline_passed(r) or text.stage_of(r) in ("met early", "deadline observed")
                   or (c != "required_per_year" and r.get("kind") in text.COUNT_KINDS)
                   else r.get(c) for _, r in rows.iterrows()] for c in ("required_growth", "required_per_year")},
            "actual_growth": [None if r.get("kind") in text.COUNT_KINDS else r.get("actual_growth")
                              for _, r in rows.iterrows()],
            "status": [text.status_label(s, lang) for s in rows["status"]],
            "stage": [text.stage_label(text.stage_of(r), lang) for _, r in rows.iterrows()],
            "model": [None if _no_forecast(r) else text.model_name(r.get("model"), lang) for _, r in rows.iterrows()],
            "note": part.sentences, "indicator_id": rows["indicator_id"],
            "_status": rows["status"], "_kind": rows["kind"] if "kind" in rows else "",
        })
        frames.append(df)
    out = pd.concat(frames, ignore_index=True)
    order = [c for c, _ in TARGET_COLUMNS if c != "region" or content.multi_region]
    return out[order + ["_status", "_kind"]]


def _title(ws, title: str, subtitle: str, n_cols: int) -> None:
    write_cell(ws, 1, 1, title).font = Font(bold=True, size=14)
    write_cell(ws, 2, 1, subtitle).font = Font(italic=True, color="FF555555")
    if n_cols > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n_cols)
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n_cols)


def _print_ready(ws, header_row: int | None, *, landscape: bool = True) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if header_row is not None:  # the header repeated on every printed page (none for 汇总: no table header)
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_margins.left = ws.page_margins.right = 0.4
    # the printed header (示例数据) sits 0.3 in from the top, clear of the first row at 0.75 in
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = "&P / &N"
    _fit_title_rows(ws)


def _fit_title_rows(ws) -> None:
    """The title and subtitle rows (merged over the table's width) wrap, their height the lines their
    text takes at the merged width (a long subtitle was cut mid-sentence: 数据说明：2021年数据为快报（初步…)."""
    for rng in ws.merged_cells.ranges:
        if rng.min_row != rng.max_row or rng.min_row > 2:
            continue
        cell = ws.cell(rng.min_row, rng.min_col)
        value = "" if cell.value is None else str(cell.value)
        width = sum((ws.column_dimensions[get_column_letter(j)].width or 8.43)
                    for j in range(rng.min_col, rng.max_col + 1))
        # a CJK character takes about two width units, a Latin one about 1.1; bold 14 pt about 1.5 times more
        units = sum(2.0 if ord(ch) > 0x2E80 else 1.1 for ch in value) * (1.5 if cell.font and cell.font.sz and cell.font.sz > 12 else 1.0)
        lines = max(1, -(-int(units) // max(1, int(width))))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[rng.min_row].height = lines * (20 if rng.min_row == 1 else 15) + 2


def _subtitle(content: ReportContent) -> str:
    lang = content.lang
    bits = [t("report.source", lang, source=content.source),
            t("report.as_of", lang, year=content.shown_as_of if content.shown_as_of is not None else text.MISSING)]
    bits += [line for line in (content.stage_line, content.region_line, content.status_line) if line]
    # (the stamp before it said 示例数据 twice; the bundled data's source already says it, once is enough)
    if content.illustrative and not any(w in bits[0] for w in ("非官方", "not official")):
        bits.append(vocab.ILLUSTRATIVE_NOTE[lang])
    return t("report.sentence.sep", lang).join(bits)


def _header(ws, row: int, names) -> None:
    for j, name in enumerate(names, start=1):
        c = write_cell(ws, row, j, str(name))
        c.font, c.fill, c.border = Font(bold=True), _HEAD_FILL, _LINE
        c.alignment = Alignment(wrap_text=True, vertical="center")


def _summary_sheet(ws, content: ReportContent) -> None:
    lang = content.lang
    _title(ws, content.title, _subtitle(content), 4)
    r = 4
    as_of = t("report.year", lang, year=content.shown_as_of) if content.shown_as_of is not None else text.MISSING
    for label, value in ((t("report.summary.as_of", lang), as_of),
                         (t("report.summary.source", lang), content.source)):
        write_cell(ws, r, 1, label).font = Font(bold=True)
        write_cell(ws, r, 2, value)
        r += 1
    if content.illustrative:
        write_cell(ws, r, 1, t("report.illustrative", lang)).font = Font(bold=True, color="FFB2182B")
        r += 1
    r += 1
    for part in content.regions:
        if content.multi_region:
            write_cell(ws, r, 1, region_name(part.region, lang)).font = Font(bold=True, size=12)
            r += 1
        write_cell(ws, r, 1, t("report.summary.headline", lang)).font = Font(bold=True)
        for sentence in part.headline:
            _paragraph(ws, r, 2, 4, sentence, per_line=90)
            r += 1
        r += 1
        _header(ws, r, [t("report.col.status", lang), t("report.col.count", lang), t("report.col.share", lang)])
        total = sum(part.counts.values())
        for status, n in part.counts.items():
            r += 1
            c = write_cell(ws, r, 1, text.status_label(status, lang))
            colour = "FF" + status_color(status).lstrip("#").upper()
            c.fill = PatternFill("solid", start_color=colour, end_color=colour)
            write_cell(ws, r, 2, int(n)).number_format = "0"
            write_cell(ws, r, 3, n / total if total else None).number_format = "0%"
        r += 1
        write_cell(ws, r, 1, t("report.summary.total", lang)).font = Font(bold=True)
        write_cell(ws, r, 2, int(total)).number_format = "0"
        r += 2
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 30
    ws.column_dimensions["D"].width = 30
    _print_ready(ws, None, landscape=False)


def _paragraph(ws, row: int, first: int, last: int, text: str, *, per_line: int) -> None:
    """``text`` in one wrapped cell merged over columns ``first``..``last`` of ``row``, the row tall
    enough for its lines (``per_line`` half-width characters a line, :func:`text_width`)."""
    c = write_cell(ws, row, first, text)
    c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    ws.row_dimensions[row].height = 15 * max(1, -(-text_width(text) // per_line))


def text_width(s: str) -> int:
    """Display width of ``s`` (CJK characters count double)."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(s))


def _targets_sheet(ws, content: ReportContent) -> None:
    lang = content.lang
    df = target_sheet_frame(content)
    cols = [c for c in df.columns if not c.startswith("_")]
    keys = dict(TARGET_COLUMNS)
    header_row = _TITLE_ROWS + 1
    _title(ws, content.title, _subtitle(content), len(cols))
    _header(ws, header_row, [t(keys[c], lang) for c in cols])
    for i, rec in enumerate(df.to_dict("records"), start=header_row + 1):
        whole = rec["_kind"] in text.COUNT_KINDS
        for j, c in enumerate(cols, start=1):
            v = _num(rec[c])
            cell = write_cell(ws, i, j, v)
            fmt = _number_format(c, v, whole, _num(rec.get("target")))
            if fmt is not None:
                cell.number_format = PROB_FORMAT if c == "prob_meet" else fmt
            if c in ("note", "clause", "target_text", "responsible", "name"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.alignment = Alignment(vertical="top")
        j = cols.index("status") + 1
        colour = "FF" + status_color(rec["_status"]).lstrip("#").upper()
        ws.cell(row=i, column=j).fill = PatternFill("solid", start_color=colour, end_color=colour)
    for j, c in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(j)].width = _WIDTHS.get(c, 10)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=cols.index("target_text") + 1 if "target_text" in cols else 2)
    last = header_row + len(df)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(cols))}{last}"
    write_cell(ws, last + 2, 1, content.footnote).font = Font(italic=True, color="FF555555")
    _print_ready(ws, header_row)
    ws.print_area = f"A1:{get_column_letter(cols.index(PRINT_LAST) + 1)}{last + 2}"
    for i, note in enumerate(df["note"], start=header_row + 1):  # room for the wrapped sentence
        ws.row_dimensions[i].height = 15 * max(2, -(-text_width(note) // int(_WIDTHS["note"] * 0.8)))
    if content.illustrative:
        ws.oddHeader.center.text = vocab.illustrative_stamp(content.lang)


def _sectors_sheet(ws, content: ReportContent) -> None:
    sp = content.sectors
    _title(ws, sp.table.attrs["caption"], _subtitle(content) if not sp.note else sp.note, len(sp.table.columns))
    header_row = _TITLE_ROWS + 1
    # numbers, not the report's formatted text (34.6亿元): the units are in the headers
    table = sp.table.attrs.get("numbers", sp.table)
    formats = sp.table.attrs.get("formats", [None] * len(table.columns))
    _header(ws, header_row, list(table.columns))
    for i, values in enumerate(table.itertuples(index=False), start=header_row + 1):
        for j, v in enumerate(values, start=1):
            blank = isinstance(v, float) and math.isnan(v)
            c = write_cell(ws, i, j, None if blank else v)
            if formats[j - 1] and not isinstance(v, str):
                c.number_format = formats[j - 1]
            if sp.table.attrs["focus"][i - header_row - 1]:
                c.font = Font(bold=True)
    r = header_row + len(sp.table) + 2
    for s in [sp.intro, *sp.sentences]:
        write_cell(ws, r, 1, s)
        r += 1
    ws.column_dimensions["A"].width = 24
    for j in range(2, len(sp.table.columns) + 1):
        ws.column_dimensions[get_column_letter(j)].width = 14
    _print_ready(ws, header_row)
    if sp.note:  # the bundled sector panel beside the user's own monitoring data
        ws.oddHeader.center.text = vocab.illustrative_stamp(content.lang)


def _sources_sheet(ws, content: ReportContent) -> None:
    lang = content.lang
    write_cell(ws, 1, 1, t("report.method_notes", lang)).font = Font(bold=True, size=12)
    r = 2
    for m in content.methods:
        _paragraph(ws, r, 1, 3, m, per_line=150)
        r += 1
    if content.illustrative:
        write_cell(ws, r, 1, vocab.ILLUSTRATIVE_NOTE[lang]).font = \
            Font(bold=True, color="FFB2182B")
        r += 1
    r += 1
    write_cell(ws, r, 1, t("report.method.sources", lang)).font = Font(bold=True, size=12)
    r += 1
    src = content.sources
    _header(ws, r, [t(f"report.src.{c}", lang) for c in src.columns])
    widths = (60, 40, 50, 12, 10)
    for values in src.itertuples(index=False):
        r += 1
        lines = 1
        for j, v in enumerate(values, start=1):
            write_cell(ws, r, j, v).alignment = Alignment(wrap_text=True, vertical="top")
            lines = max(lines, -(-text_width(v) // widths[j - 1]))
        ws.row_dimensions[r].height = 15 * lines
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    _print_ready(ws, 1)
    ws.print_title_rows = None


def _ledger_sheet(wb, content: ReportContent) -> None:
    """任务台账: the ledger as read (text cells), print-ready (landscape A4, header row repeated)."""
    lp = content.ledger
    ws = append_ledger_sheet(wb, lp.ledger, lang=content.lang, title=t("report.sheet.ledger", content.lang)[:31])
    header_row = 2 if lp.ledger.attrs.get("illustrative") else 1
    last = ws.max_row
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(ws.max_column)}{last}"
    for r in range(header_row + 1, last + 1):  # room for the wrapped progress and evidence
        lines = 1
        for j in range(1, ws.max_column + 1):
            width = ws.column_dimensions[get_column_letter(j)].width or 10
            lines = max(lines, -(-text_width(ws.cell(row=r, column=j).value or "") // max(1, int(width * 0.9))))
        ws.row_dimensions[r].height = 15 * lines
    _print_ready(ws, header_row)
    if lp.illustrative:
        ws.oddHeader.center.text = vocab.illustrative_stamp(content.lang)


def write_workbook(content: ReportContent, path: str | Path) -> Path:
    """Write the scorecard workbook (see the module docstring); returns the path."""
    lang = content.lang
    wb = Workbook()
    ws = wb.active
    ws.title = t("report.sheet.summary", lang)
    _summary_sheet(ws, content)
    _targets_sheet(wb.create_sheet(t("report.sheet.targets", lang)), content)
    if content.ledger.included and content.ledger.ledger is not None:
        _ledger_sheet(wb, content)
    if content.sectors.table is not None:
        _sectors_sheet(wb.create_sheet(t("report.sheet.sectors", lang)), content)
    _sources_sheet(wb.create_sheet(t("report.sheet.sources", lang)), content)
    if content.illustrative:  # every printed page says so, not only the targets' and the ledger's
        for sheet in wb.worksheets:
            sheet.oddHeader.center.text = vocab.illustrative_stamp(content.lang)
    wb.properties.creator = "pingchuan-analysis"
    wb.properties.title = content.title
    wb.properties.created = wb.properties.modified = FIXED_TIME
    return save_fixed(wb, path)


def write_scorecard_csv(content: ReportContent, path: str | Path) -> Path:
    """目标评估 as CSV (UTF-8 with BOM so Excel opens it; headers in the report's language;
    text cells starting with = + - @ tab CR neutralised; illustrative data say so in a last column). Numbers as the workbook shows them
    (完成率 112.6%, 0.17 亿元, not 1.1259259259259258 and 0.16999999999999993); every digit is
    in scorecard.json."""
    df = target_sheet_frame(content)
    cols = [c for c in df.columns if not c.startswith("_")]
    keys = dict(TARGET_COLUMNS)
    whole = df["_kind"].isin(text.COUNT_KINDS).to_numpy()
    targets = [_num(v) for v in df["target"]]
    out = pd.DataFrame({c: _csv_values([_as_shown(v, _number_format(c, v, w, g))
                                        for v, w, g in zip(map(_num, df[c]), whole, targets)]) for c in cols})
    percent = {c for c in cols if _FORMATS.get(c, "").endswith("%")}
    out.columns = [t("report.col.in_percent", content.lang, name=t(keys[c], content.lang)) if c in percent
                   else t(keys[c], content.lang) for c in cols]
    if content.illustrative:  # a CSV has no header or stamp: every row says so (the workbook's pages do)
        out[t("report.col.data_status", content.lang)] = vocab.ILLUSTRATIVE_NOTE[content.lang]
    path = Path(path)
    with atomic_write(path, encoding="utf-8-sig") as fh:
        fh.write(frame_to_csv(out))
    return path


def write_scorecard_json(assessment: pd.DataFrame, content: ReportContent, path: str | Path) -> Path:
    """The full assessment as JSON: ``{"meta": {...}, "scorecard": [records with column ids]}``.

    Adds ``status_name`` and ``sentence`` (in the report's language); numbers stay numbers,
    missing values are null.
    """
    lang = content.lang
    df = getattr(assessment, "table", assessment).copy()
    df["status_name"] = [text.status_label(s, lang) for s in df["status"]]
    df["sentence"] = [text.target_sentence(r, lang) for _, r in df.assign(as_of=content.as_of).iterrows()]
    records = json.loads(df.to_json(orient="records", force_ascii=False))
    meta = {"as_of": content.as_of, "illustrative": content.illustrative, "source": content.source, "lang": lang,
            "targets": int(sum(len(p.rows) for p in content.regions) // max(1, len(content.regions))),
            "regions": [p.region for p in content.regions]}
    body = json.dumps({"meta": meta, "scorecard": records}, ensure_ascii=False, indent=2) + "\n"
    path = Path(path)
    with atomic_write(path) as fh:
        fh.write(body)
    return path
