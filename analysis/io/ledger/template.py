"""The task-ledger template (``python -m analysis template --ledger OUT.xlsx``).

One sheet ``任务台账``, one row per task x reporting period, the status cell a drop-down
list; a ``任务清单`` sheet with the plan's words and a ``说明`` sheet.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

import pandas as pd

from analysis.errors import InputError, Problem
from analysis.i18n import check_lang, t
from analysis.io.atomic import atomic_write
from analysis.io.ledger.periods import half_year_periods, parse_period
from analysis.io.ledger.tasks import (_WIDTHS, COLUMNS, DEFAULT_PERIODS, HEADERS, HELP_SHEET, SHEET, STATUS_WORDS,
                                      TASKS_SHEET, load_tasks)

def _help_lines() -> list[tuple[str, str]]:
    return [(t(f"ledger.help.{i}", "zh"), t(f"ledger.help.{i}", "en")) for i in range(1, 8)]


def _set_text(cell, value) -> None:
    """Write ``value`` as a text cell (never a formula, whatever it starts with)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def build_ledger_workbook(tasks: pd.DataFrame, periods: Sequence[str] = DEFAULT_PERIODS, *,
                          include_goals: bool = True):
    """The ledger template as an ``openpyxl.Workbook`` (see :func:`write_ledger_template`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    labels = []
    for p in periods:
        per = parse_period(p)
        if per is None:
            raise ValueError(f"not a reporting period: {p!r}")
        labels.append(per.label)
    rows = tasks if include_goals else tasks.loc[tasks["kind"] == "task"]
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    head = PatternFill("solid", fgColor="DDEBF7")
    entry = PatternFill("solid", fgColor="FFF2CC")
    ws.append([HEADERS[c] for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = head
    r = 1
    for task in rows.itertuples(index=False):
        for label in labels:
            r += 1
            values = {"task_id": task.task_id, "task": task.title, "unit": "、".join(task.units), "period": label}
            for j, c in enumerate(COLUMNS, start=1):
                cell = ws.cell(row=r, column=j)
                _set_text(cell, values.get(c))
                if c not in values:
                    cell.fill = entry
                if c in ("progress", "evidence"):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                if c in ("task_id", "task", "unit", "period", "progress", "evidence", "reporter", "status"):
                    cell.number_format = "@"
                if c == "date":
                    cell.number_format = "yyyy-mm-dd"
    for j, c in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(j)].width = _WIDTHS[c]
    ws.freeze_panes = "C2"
    last = max(r, 2) + 300
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(r, 1)}"
    scol = get_column_letter(COLUMNS.index("status") + 1)
    dcol = get_column_letter(COLUMNS.index("date") + 1)
    dv = DataValidation(type="list", formula1='"' + ",".join(STATUS_WORDS) + '"', allow_blank=True,
                        showInputMessage=True, showErrorMessage=True, errorStyle="stop",
                        promptTitle=HEADERS["status"], prompt=t("ledger.template.prompt_status", "zh"),
                        errorTitle=HEADERS["status"], error=t("ledger.template.error_status", "zh"))
    dv.add(f"{scol}2:{scol}{last}")
    dd = DataValidation(type="date", operator="greaterThan", formula1="43466", allow_blank=True,
                        showInputMessage=True, showErrorMessage=True, errorStyle="warning",
                        promptTitle=HEADERS["date"], prompt=t("ledger.template.prompt_date", "zh"))
    dd.add(f"{dcol}2:{dcol}{last}")
    ws.add_data_validation(dv)
    ws.add_data_validation(dd)

    wt = wb.create_sheet(TASKS_SHEET)
    cols = ["task_id", "section", "section_title", "title", "title_en", "due_phase", "responsible", "targets", "text"]
    wt.append(cols)
    for cell in wt[1]:
        cell.font = Font(bold=True)
        cell.fill = head
    for i, task in enumerate(tasks.itertuples(index=False), start=2):
        for j, c in enumerate(cols, start=1):
            _set_text(wt.cell(row=i, column=j), str(getattr(task, c)))
    for j, w in enumerate((8, 8, 26, 30, 30, 9, 40, 40, 100), start=1):
        wt.column_dimensions[get_column_letter(j)].width = w
    wt.freeze_panes = "B2"

    wh = wb.create_sheet(HELP_SHEET)
    wh.append(["中文", "English"])
    for cell in wh[1]:
        cell.font = Font(bold=True)
        cell.fill = head
    for zh, en in _help_lines():
        wh.append([zh, en])
    wh.column_dimensions["A"].width = 80
    wh.column_dimensions["B"].width = 90
    for row in wh.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return wb


def write_ledger_template(path: str | Path, tasks: pd.DataFrame | str | Path | None = None,
                          periods: Sequence[str] = DEFAULT_PERIODS, *, include_goals: bool = True) -> Path:
    """Write the task-ledger template (``.xlsx``) atomically.

    Parameters
    ----------
    path : path-like
        Output ``.xlsx``.
    tasks : DataFrame or path, optional
        The task list (default: the plan's, :func:`load_tasks`).
    periods : sequence of str
        Reporting periods, one row per task and period (default: the half-years of the
        plan's 实施阶段, 2019年下半年 to 2020年下半年).
    include_goals : bool
        Also a row per period for the overall goals 一(四) (default True).

    Returns
    -------
    Path
    """
    tk = tasks if isinstance(tasks, pd.DataFrame) else load_tasks(tasks)
    wb = build_ledger_workbook(tk, periods, include_goals=include_goals)
    path = Path(path)
    with atomic_write(path, binary=True) as fh:
        wb.save(fh)
    return path


def cli_template(args) -> int:
    """``python -m analysis template --ledger OUT.xlsx [--years FIRST LAST]``."""
    lang = check_lang(getattr(args, "lang", "zh") or "zh")
    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        print(f"template: {t('intake.tpl_not_xlsx', lang, out=args.output)}", file=sys.stderr)
        return 2
    years = getattr(args, "years", None)
    periods = half_year_periods(*years) if years else DEFAULT_PERIODS
    for opt in ("targets", "region"):
        if getattr(args, opt, None):
            print(t("ledger.template.unused_option", lang, option=f"--{opt}"), file=sys.stderr)
    tk = load_tasks()
    try:
        write_ledger_template(out, tk, periods)
    except OSError as exc:
        raise InputError([Problem(str(out), None, None,
                                  t("ledger.err.cannot_write", lang, reason=exc.strerror or exc))]) from None
    print(t("ledger.template.wrote", lang, path=out, n_tasks=len(tk), n_periods=len(periods),
            n_rows=len(tk) * len(periods), sheet=SHEET))
    return 0
