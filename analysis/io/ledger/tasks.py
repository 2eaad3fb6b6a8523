"""The plan's tasks and the ledger's words: statuses, phases, columns, the task list.

:func:`load_tasks` reads ``data/raw/plan/tasks.csv`` (the task list, verbatim from the plan).
Statuses are stored as machine keys (:data:`STATUSES`); :func:`status_label` gives the words.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.errors import InputError, Problem, display_name
from analysis.i18n import t

# ----------------------------------------------------------------------------- vocabulary
#: Ledger statuses (machine keys), in the order of the template's drop-down list.
STATUSES: tuple[str, ...] = ("not_started", "in_progress", "completed", "delayed")
#: The four words of the drop-down list (what a filled ledger normally holds).
STATUS_WORDS: dict[str, str] = {"未启动": "not_started", "推进中": "in_progress", "已完成": "completed", "滞后": "delayed"}
#: Other spellings read as a status; each use is reported as a conversion.
STATUS_ALIASES: dict[str, str] = {
    "未开始": "not_started", "尚未启动": "not_started", "未开展": "not_started", "没有启动": "not_started",
    "未启": "not_started", "not started": "not_started", "not_started": "not_started",
    "进行中": "in_progress", "推进": "in_progress", "正在推进": "in_progress", "实施中": "in_progress",
    "在建": "in_progress", "持续推进": "in_progress", "in progress": "in_progress", "in_progress": "in_progress",
    "ongoing": "in_progress",
    "完成": "completed", "已办结": "completed", "已落实": "completed", "已建成": "completed",
    "completed": "completed", "complete": "completed", "done": "completed",
    "落后": "delayed", "延期": "delayed", "进度滞后": "delayed", "已滞后": "delayed", "延误": "delayed",
    "delayed": "delayed", "late": "delayed", "behind": "delayed",
}
#: Colours of the ledger statuses (Okabe-Ito, the scorecard's hues for the same meaning).
STATUS_COLORS: dict[str, str] = {
    "not_started": "#BBBBBB", "in_progress": "#56B4E9", "completed": "#009E73", "delayed": "#D55E00",
    "not_reported": "#FFFFFF",
}
STATUS_HATCHES: dict[str, str] = {"not_started": "", "in_progress": "//", "completed": "", "delayed": "xx",
                                  "not_reported": ""}

#: The plan's phases (三、建设进度安排): name -> (first day, last day or None), and the
#: heading as the plan words it (verbatim, tested).
PHASES: dict[str, tuple[dt.date, dt.date | None]] = {
    "筹备": (dt.date(2019, 1, 1), dt.date(2019, 6, 30)),
    "实施": (dt.date(2019, 6, 1), dt.date(2020, 12, 31)),
    "巩固": (dt.date(2021, 1, 1), None),
}
PHASE_HEADINGS: dict[str, str] = {
    "筹备": "筹备阶段(2019年1月至2019年6月)",
    "实施": "实施阶段(2019年6月至2020年12月)",
    "巩固": "巩固阶段(2021年以后)",
}
#: The bureaus of the coordination mechanism (四(一)), verbatim; the plan names task-level
#: responsible units only for task 11.
COORDINATION_UNITS: tuple[str, ...] = ("区科技局", "区发改局", "区教育局", "区工信局", "区财政局", "区商务局", "区税务局")
COORDINATION_CLAUSE = "区科技局、区发改局、区教育局、区工信局、区财政局、区商务局、区税务局等相关部门建立协调会议机制"

# ----------------------------------------------------------------------------- columns
#: The template's columns: key -> header (Chinese; the header is what the reader looks for).
COLUMNS: tuple[str, ...] = ("task_id", "task", "unit", "period", "progress", "status", "evidence", "date", "reporter")
HEADERS: dict[str, str] = {c: t(f"ledger.col.{c}", "zh") for c in COLUMNS}
#: Header aliases (compared after NFKC, without blanks and ``*``, lower-cased).
HEADER_ALIASES: dict[str, str] = {
    "任务编号": "task_id", "编号": "task_id", "序号": "task_id", "任务序号": "task_id", "task_id": "task_id",
    "taskno.": "task_id", "task": "task", "任务": "task", "任务名称": "task", "主要任务": "task",
    "责任单位": "unit", "牵头单位": "unit", "unit": "unit", "responsibleunit": "unit",
    "报告期": "period", "报告期间": "period", "填报期": "period", "period": "period", "reportingperiod": "period",
    "进展情况": "progress", "进展": "progress", "工作进展": "progress", "完成情况": "progress", "progress": "progress",
    "状态": "status", "完成状态": "status", "进度状态": "status", "status": "status",
    "佐证材料": "evidence", "佐证": "evidence", "证明材料": "evidence", "evidence": "evidence",
    "日期": "date", "填报日期": "date", "完成日期": "date", "date": "date",
    "填报单位": "reporter", "报送单位": "reporter", "reporter": "reporter", "reportingunit": "reporter",
}
REQUIRED: tuple[str, ...] = ("task_id", "period", "status")
OUTPUT_COLUMNS: tuple[str, ...] = (
    "task_id", "task", "unit", "period", "period_start", "period_end", "progress", "status", "status_text",
    "evidence", "date", "reporter", "row",
)
SHEET = "任务台账"
TASKS_SHEET = "任务清单"
HELP_SHEET = "说明"
DEFAULT_PERIODS: tuple[str, ...] = ("2019年下半年", "2020年上半年", "2020年下半年")
_WIDTHS = {"task_id": 9, "task": 30, "unit": 22, "period": 14, "progress": 50, "status": 10, "evidence": 30,
           "date": 12, "reporter": 16}


def tasks_path() -> Path:
    """The plan's task list (``data/raw/plan/tasks.csv``)."""
    return config.plan_dir() / "tasks.csv"


def ledger_path() -> Path:
    """The bundled *illustrative* filled ledger."""
    return config.raw_dir() / "monitoring" / "pingchuan_task_ledger_illustrative.csv"


def status_label(status: str, lang: str = "zh") -> str:
    """Display word of a ledger status key (``in_progress`` -> 推进中 / in progress)."""
    return t(f"ledger.status.{status}", lang)


def _split(cell: object) -> list[str]:
    s = "" if cell is None or (isinstance(cell, float) and pd.isna(cell)) else str(cell)
    return [x.strip() for x in s.split(";") if x.strip()]


def load_tasks(path: str | Path | None = None) -> pd.DataFrame:
    """The plan's task list, one row per task (and one for the overall goals 一(四)).

    Returns
    -------
    DataFrame
        The columns of ``tasks.csv`` as text (``task_id, kind, section, section_title, title,
        title_en, text, targets, entities, start_phase, due_phase, phase_clause, responsible,
        responsible_clause, note``) plus lists ``target_ids``, ``entity_ids``, ``units`` and the
        dates ``start`` (first day of the start phase) and ``due`` (last day of the due phase,
        ``None`` for a phase without an end).
    """
    p = Path(path) if path is not None else tasks_path()
    try:
        df = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")
    except OSError as exc:
        raise InputError([Problem(display_name(p), None, None,
                                  t("ledger.err.unreadable", "zh", reason=exc.strerror or exc))]) from None
    df["target_ids"] = df["targets"].map(_split)
    df["entity_ids"] = df["entities"].map(_split)
    df["units"] = df["responsible"].map(_split)
    df["start"] = df["start_phase"].map(lambda ph: PHASES[ph][0])
    df["due"] = df["due_phase"].map(lambda ph: PHASES[ph][1])
    return df
