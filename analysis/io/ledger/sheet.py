"""The ledger as read, as the 任务台账 sheet of the report's workbook (text cells, never formulas)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.i18n import t
from analysis.i18n.names import unit_names
from analysis.io.ledger.periods import period_display
from analysis.io.ledger.tasks import _WIDTHS, COLUMNS, load_tasks, status_label
from analysis.io.ledger.template import _set_text

def append_ledger_sheet(wb, ledger: pd.DataFrame, *, lang: str = "zh", title: str | None = None):
    """Append a 任务台账 sheet (the ledger as read) to an openpyxl workbook.

    Every text cell is written as text (a value starting with ``=`` stays text, never a
    formula). An illustrative ledger gets a first line saying so. In English a task of the plan's
    catalogue is named by its English title and a unit the plan names by its English name; what
    the units wrote (progress, evidence) stays as written.

    Returns
    -------
    openpyxl.worksheet.worksheet.Worksheet
    """
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title or t("ledger.sheet", lang)[:31])
    r = 1
    if ledger.attrs.get("illustrative"):
        _set_text(ws.cell(row=1, column=1), f"{t('common.illustrative_note', lang)} / {ledger.attrs.get('source_' + lang, '')}")
        ws.cell(row=1, column=1).font = Font(color="B2182B")
        r = 2
    for j, c in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=r, column=j)
        _set_text(cell, t(f"ledger.col.{c}", lang))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        ws.column_dimensions[get_column_letter(j)].width = _WIDTHS[c]
    titles: dict[str, str] = {}
    if lang != "zh":
        try:
            titles = {str(k): str(v) for k, v in load_tasks()[["task_id", "title_en"]].itertuples(index=False) if v}
        except (OSError, ValueError):  # no catalogue: the tasks as written
            titles = {}
    for rec in ledger.itertuples(index=False):
        r += 1
        vals = {"task_id": rec.task_id, "task": titles.get(str(rec.task_id), rec.task),
                "unit": unit_names(rec.unit, lang) if lang != "zh" and rec.unit else rec.unit, "period": period_display(rec.period, lang),
                "progress": rec.progress, "status": status_label(rec.status, lang), "evidence": rec.evidence,
                "date": rec.date.isoformat() if isinstance(rec.date, dt.date) else "",
                "reporter": unit_names(rec.reporter, lang) if lang != "zh" and rec.reporter else rec.reporter}
        for j, c in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=r, column=j)
            _set_text(cell, "" if vals[c] is None else str(vals[c]))
            cell.alignment = Alignment(wrap_text=c in ("progress", "evidence"), vertical="top")
    ws.freeze_panes = ws.cell(row=(3 if ledger.attrs.get("illustrative") else 2), column=3)
    return ws
