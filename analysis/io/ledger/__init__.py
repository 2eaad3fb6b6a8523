"""The task ledger (任务台账): the plan's task list, the Excel template, and its intake.

The plan (平政办发〔2019〕137号) has 17 tasks (二、主要任务), most of them qualitative. Evaluators
track them in a 任务台账: per task and reporting period, the responsible unit, what was done
(进展情况), a status from a fixed list (未启动 / 推进中 / 已完成 / 滞后), evidence (佐证材料),
a date and the reporting unit.

* :func:`load_tasks` reads ``data/raw/plan/tasks.csv`` (the task list, verbatim from the plan).
* :func:`write_ledger_template` writes the template (``python -m analysis template --ledger
  OUT.xlsx``): one sheet ``任务台账``, one row per task x reporting period, the status cell a
  drop-down list; a ``任务清单`` sheet with the plan's words and a ``说明`` sheet.
* :func:`read_ledger` reads a filled ledger (``.xlsx`` or CSV) back. It tolerates a (merged)
  title row above the header, blank cells and a status typed slightly differently
  ("进行中" is read as 推进中, "完成" as 已完成) and reports every such conversion in
  ``df.attrs["conversions"]``; anything it cannot read is a
  :class:`~analysis.errors.Problem` (``FILE:ROW:COLUMN: message``, Chinese by default,
  English with ``lang="en"``) raised together as one :class:`~analysis.errors.InputError`.
* :func:`append_ledger_sheet` adds a 任务台账 sheet to an openpyxl workbook (text cells, never
  formulas).

Statuses are stored as machine keys (:data:`STATUSES`); :func:`status_label` gives the words.

========================  ==================================================================
module                    job
========================  ==================================================================
:mod:`.tasks`             the words (statuses, phases, columns, sheets), the task list
:mod:`.periods`           reporting periods and dates as a ledger writes them
:mod:`.template`          the template to fill in and the ``template --ledger`` command
:mod:`.reader`            a filled ledger read back, every problem at once
:mod:`.sheet`             the ledger as read, as a sheet of the report's workbook
========================  ==================================================================
"""

from __future__ import annotations

from analysis.io.ledger.periods import Period, half_year_periods, parse_date, parse_period, period_display
from analysis.io.ledger.reader import Formula, load_ledger, read_ledger
from analysis.io.ledger.sheet import append_ledger_sheet
from analysis.io.ledger.tasks import (COLUMNS, COORDINATION_CLAUSE, COORDINATION_UNITS, DEFAULT_PERIODS, HEADER_ALIASES,
                                      HEADERS, HELP_SHEET, OUTPUT_COLUMNS, PHASE_HEADINGS, PHASES, REQUIRED, SHEET,
                                      STATUS_ALIASES, STATUS_COLORS, STATUS_HATCHES, STATUS_WORDS, STATUSES,
                                      TASKS_SHEET, ledger_path, load_tasks, status_label, tasks_path)
from analysis.io.ledger.template import build_ledger_workbook, cli_template, write_ledger_template

__all__ = [
    "STATUSES", "STATUS_WORDS", "STATUS_ALIASES", "STATUS_COLORS", "STATUS_HATCHES", "PHASES", "PHASE_HEADINGS",
    "COORDINATION_UNITS", "COORDINATION_CLAUSE", "COLUMNS", "HEADERS", "HEADER_ALIASES", "REQUIRED",
    "OUTPUT_COLUMNS", "SHEET", "TASKS_SHEET", "HELP_SHEET", "DEFAULT_PERIODS", "tasks_path", "ledger_path",
    "status_label", "load_tasks", "Period", "parse_period", "parse_date", "period_display", "half_year_periods",
    "build_ledger_workbook", "write_ledger_template", "cli_template", "Formula", "read_ledger", "load_ledger",
    "append_ledger_sheet",
]
