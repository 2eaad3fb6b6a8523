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
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pandas as pd

from analysis import config
from analysis.errors import InputError, Problem, display_name
from analysis.i18n import t
from analysis.io.atomic import atomic_write
from analysis.io.dataset import provenance
from analysis.io.sheets import decode_text

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


# ----------------------------------------------------------------------------- periods, dates
@dataclass(frozen=True)
class Period:
    """A reporting period: its canonical label and first and last day."""

    label: str
    start: dt.date
    end: dt.date


_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def parse_period(value: object) -> Period | None:
    """Read a reporting period: ``2020年上半年``/``2020H1``, ``2020年第2季度``/``2020Q2``,
    ``2020年``/``2020``, ``2020年6月``/``2020-06``. ``None`` when it is none of these."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer() and 2000 <= value <= 2100:
        value = str(int(value))
    s = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "").upper()
    m = re.fullmatch(r"(20\d\d)(?:年)?(?:-|_)?(上半年|下半年|H1|H2)", s)
    if m:
        y, h = int(m.group(1)), m.group(2) in ("下半年", "H2")
        return Period(f"{y}年{'下' if h else '上'}半年", dt.date(y, 7 if h else 1, 1), dt.date(y, 12 if h else 6, 30 + h))
    m = re.fullmatch(r"(20\d\d)(?:年)?(?:-|_)?(?:第([一二三四1-4])季度?|Q([1-4]))", s)
    if m:
        y, q = int(m.group(1)), _CN_NUM[m.group(2) or m.group(3)]
        return Period(f"{y}年第{q}季度", dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
    m = re.fullmatch(r"(20\d\d)(?:年(?:度|全年)?)?", s)
    if m:
        y = int(m.group(1))
        return Period(f"{y}年", dt.date(y, 1, 1), dt.date(y, 12, 31))
    m = re.fullmatch(r"(20\d\d)(?:年|-|/|\.)(1[0-2]|0?[1-9])月?", s)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return Period(f"{y}年{mo}月", dt.date(y, mo, 1), _month_end(y, mo))
    return None


def parse_date(value: object) -> dt.date | None:
    """A date cell: an Excel date, ``2020-06-30``, ``2020/6/30``, ``2020.6.30``, ``2020年6月30日``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    s = unicodedata.normalize("NFKC", str(value)).strip()
    m = re.fullmatch(r"(20\d\d)\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})\s*日?(?:\s+00:00(?::00)?)?", s)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def period_display(label: str, lang: str = "zh") -> str:
    """A canonical period label in ``lang`` (``2020年上半年`` -> ``2020 H1`` in English)."""
    if not label:
        return label
    per = parse_period(label)
    if per is None:
        return label
    y = per.start.year
    months = (per.end.year - y) * 12 + per.end.month - per.start.month + 1
    if months == 12:
        return t("ledger.period.year", lang, year=y)
    if months == 6:
        return t(f"ledger.period.h{1 if per.start.month == 1 else 2}", lang, year=y)
    if months == 3:
        return t("ledger.period.quarter", lang, year=y, q=(per.start.month + 2) // 3)
    return t("ledger.period.month", lang, year=y, month=per.start.month)


def half_year_periods(first: int, last: int) -> tuple[str, ...]:
    """Half-year labels from ``first`` 上半年 to ``last`` 下半年."""
    return tuple(f"{y}年{h}半年" for y in range(int(first), int(last) + 1) for h in ("上", "下"))


# ----------------------------------------------------------------------------- template
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
    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        print(f"template: the output must be an .xlsx file, got {args.output}", file=sys.stderr)
        return 2
    years = getattr(args, "years", None)
    periods = half_year_periods(*years) if years else DEFAULT_PERIODS
    for opt in ("targets", "region"):
        if getattr(args, opt, None):
            print(t("ledger.template.unused_option", "zh", option=f"--{opt}"), file=sys.stderr)
    tk = load_tasks()
    try:
        write_ledger_template(out, tk, periods)
    except OSError as exc:
        raise InputError([Problem(str(out), None, None,
                                  t("ledger.err.cannot_write", "zh", reason=exc.strerror or exc))]) from None
    print(t("ledger.template.wrote", "zh", path=out, n_tasks=len(tk), n_periods=len(periods),
            n_rows=len(tk) * len(periods), sheet=SHEET))
    return 0


# ----------------------------------------------------------------------------- reading
def _norm(text: object) -> str:
    return unicodedata.normalize("NFKC", "" if text is None else str(text)).strip()


def _header_key(text: object) -> str | None:
    s = re.sub(r"[\s*＊]", "", _norm(text)).lower()
    return HEADER_ALIASES.get(s)


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, float) and pd.isna(v)) or (isinstance(v, str) and not v.strip())


def _read_cells(path: Path, shown: str, lang: str) -> list[tuple[int, list]]:
    """(row number as the user sees it, cell values) for every row of the ledger sheet."""
    if path.suffix.lower() in (".xls", ".et", ".ods", ".numbers"):
        raise InputError([Problem(shown, None, None, t("ledger.err.format", lang, suffix=path.suffix))])
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            wb = load_workbook(path, data_only=False, read_only=False)
            ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
            cached = load_workbook(path, data_only=True, read_only=False)[ws.title]
            rows = []
            for i, (r, v) in enumerate(zip(ws.iter_rows(values_only=True), cached.iter_rows(values_only=True)),
                                       start=1):
                # a formula cell: its value as the spreadsheet program saved it (a Formula marker
                # when there is none, which the reader reports)
                rows.append((i, [Formula(a, b) if isinstance(a, str) and a.startswith("=") else a
                                 for a, b in zip(r, v)]))
            return rows
        data = path.read_bytes()
    except Exception as exc:  # noqa: BLE001 - any unreadable file is one sentence
        reason = getattr(exc, "strerror", None) or f"{type(exc).__name__}: {exc}"
        raise InputError([Problem(shown, None, None, t("ledger.err.unreadable", lang, reason=reason))]) from None
    text = decode_text(data)
    if text is None:
        raise InputError([Problem(shown, None, None, t("ledger.err.unreadable", lang, reason="encoding"))])
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    return [(i, r) for i, r in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1)]


@dataclass(frozen=True)
class Formula:
    """A formula cell of an ``.xlsx`` ledger: its text and the value saved with it (or None)."""

    text: str
    saved: object


def _hint(value: str, options: Sequence[str], lang: str) -> str:
    close = difflib.get_close_matches(value, list(options), n=3, cutoff=0.34)
    return t("ledger.did_you_mean", lang, options=" / ".join(close)) if close else ""


def read_ledger(path: str | Path, tasks: pd.DataFrame | str | Path | None = None, *,
                lang: str = "zh") -> pd.DataFrame:
    """Read a filled task ledger (``.xlsx``: sheet 任务台账 or the first sheet; or CSV).

    The header is the first row (of the first 15) holding 任务编号 and 状态 (aliases accepted:
    编号/序号, 完成状态 ...); rows above it (a merged title row) are skipped. Blank rows are
    skipped; a row whose status, progress, evidence and date are all blank is *not reported*
    (a template row nobody filled): it is left out and counted in ``attrs["not_reported"]``.

    Parameters
    ----------
    path : path-like
        The ledger; only read.
    tasks : DataFrame or path, optional
        The task list the numbers must come from (default: the plan's).
    lang : {"zh", "en"}
        Language of the messages.

    Returns
    -------
    DataFrame
        :data:`OUTPUT_COLUMNS`: ``task_id`` (text, as in tasks.csv), ``task`` (the plan's title),
        ``unit`` (as filled; else the plan's named units; else the reporting unit), ``period``
        (canonical label), ``period_start``/``period_end`` (dates), ``progress``, ``status``
        (key of :data:`STATUSES`), ``status_text`` (as typed), ``evidence``, ``date`` (date or
        None), ``reporter``, ``row`` (row in the file). ``attrs``: ``file``, ``conversions``
        (list of :class:`Problem`: every value read differently from how it was typed),
        ``not_reported`` (rows), ``illustrative``, ``source_zh``, ``source_en``.

    Raises
    ------
    InputError
        Every problem, one ``FILE:ROW:COLUMN: message`` each.
    """
    path = Path(path)
    shown = display_name(path)
    tk = tasks if isinstance(tasks, pd.DataFrame) else load_tasks(tasks)
    titles = dict(zip(tk["task_id"], tk["title"]))
    units_by_task = dict(zip(tk["task_id"], tk["units"]))
    by_title = {v: k for k, v in titles.items()}
    cells = _read_cells(path, shown, lang)

    header_at, colmap = None, {}
    for rnum, values in cells[:15]:
        keys = {j: _header_key(v) for j, v in enumerate(values) if not _blank(v)}
        found = {k: j for j, k in keys.items() if k}
        if "task_id" in found and "status" in found:
            header_at, colmap = rnum, {k: found[k] for k in found}
            headers = values
            break
    if header_at is None:
        raise InputError([Problem(shown, 1, None, t("ledger.err.no_header", lang))])
    missing = [c for c in REQUIRED if c not in colmap]
    if missing:
        raise InputError([Problem(shown, header_at, HEADERS[c], t("ledger.err.missing_column", lang, column=HEADERS[c]))
                          for c in missing])
    col_name = {k: _norm(headers[j]) for k, j in colmap.items()}

    problems: list[Problem] = []
    notes: list[Problem] = []
    records: list[dict] = []
    not_reported: list[int] = []
    seen: dict[tuple, int] = {}
    for rnum, values in cells:
        if rnum <= header_at:
            continue

        def cell(key):
            j = colmap.get(key)
            return values[j] if j is not None and j < len(values) else None

        raw = {k: cell(k) for k in COLUMNS}
        if all(not isinstance(v, Formula) and _blank(v) for v in raw.values()):
            continue
        bad = False
        for k, v in raw.items():
            if isinstance(v, Formula):
                if _blank(v.saved):
                    problems.append(Problem(shown, rnum, col_name.get(k, HEADERS[k]),
                                            t("ledger.err.formula", lang, value=v.text)))
                    bad = True
                else:
                    notes.append(Problem(shown, rnum, col_name.get(k, HEADERS[k]),
                                         t("ledger.note.formula_value", lang, value=v.text, saved=str(v.saved))))
                    raw[k] = v.saved
        if bad:
            continue
        if all(_blank(raw[k]) for k in ("status", "progress", "evidence", "date")):
            not_reported.append(rnum)
            continue
        # task number
        task_id = None
        v = raw["task_id"]
        title_text = _norm(raw["task"])
        if _blank(v):
            match = by_title.get(title_text) or next((k for k, ti in titles.items() if title_text and
                                                      (title_text in ti or ti in title_text)), None)
            if match is None:
                problems.append(Problem(shown, rnum, col_name["task_id"], t("ledger.err.no_task", lang)))
            else:
                task_id = match
                notes.append(Problem(shown, rnum, col_name["task_id"], t("ledger.note.task_from_title", lang, task_id=match)))
        else:
            s = _norm(int(v) if isinstance(v, float) and v.is_integer() else v)
            s2 = re.sub(r"^(?:任务|第|task|no\.?)\s*", "", s, flags=re.I)
            s2 = re.sub(r"(?:项|号|\.)$", "", s2).replace("（", "(").replace("）", ")").strip()
            if s2 in titles:
                task_id = s2
                if s2 != s and not (isinstance(v, (int, float))):
                    notes.append(Problem(shown, rnum, col_name["task_id"],
                                         t("ledger.note.task_id_converted", lang, value=s, task_id=s2)))
            else:
                problems.append(Problem(shown, rnum, col_name["task_id"], t(
                    "ledger.err.unknown_task", lang, value=s, hint=_hint(s, list(titles), lang))))
        if task_id is not None and title_text and title_text in by_title and by_title[title_text] != task_id:
            other = by_title[title_text]
            problems.append(Problem(shown, rnum, col_name.get("task", HEADERS["task"]), t(
                "ledger.err.task_title_mismatch", lang, task_id=task_id, other=other, title=title_text)))
        # status
        status = None
        st = _norm(raw["status"])
        if not st:
            problems.append(Problem(shown, rnum, col_name["status"], t("ledger.err.no_status", lang)))
        else:
            key = re.sub(r"[\s。.!!]+$", "", st)
            if key in STATUS_WORDS:
                status = STATUS_WORDS[key]  # blanks or a full stop around the word change nothing
            elif key.lower() in STATUS_ALIASES:
                status = STATUS_ALIASES[key.lower()]
                notes.append(Problem(shown, rnum, col_name["status"], t(
                    "ledger.note.status_converted", lang, value=st, status=status_label(status, "zh"))))
            else:
                problems.append(Problem(shown, rnum, col_name["status"], t(
                    "ledger.err.unknown_status", lang, value=st,
                    hint=_hint(key, list(STATUS_WORDS), lang))))
        # period
        period = None
        if _blank(raw["period"]):
            problems.append(Problem(shown, rnum, col_name["period"], t("ledger.err.no_period", lang)))
        else:
            period = parse_period(raw["period"])
            if period is None:
                problems.append(Problem(shown, rnum, col_name["period"], t("ledger.err.bad_period", lang,
                                                                              value=_norm(raw["period"]))))
        # date
        date = None
        if not _blank(raw["date"]):
            date = parse_date(raw["date"])
            if date is None:
                problems.append(Problem(shown, rnum, col_name.get("date", HEADERS["date"]),
                                        t("ledger.err.bad_date", lang, value=_norm(raw["date"]))))
        if task_id is None or status is None or period is None or (not _blank(raw["date"]) and date is None):
            continue
        reporter = _norm(raw["reporter"])
        key = (task_id, period.label, reporter)
        if key in seen:
            problems.append(Problem(shown, rnum, col_name["task_id"], t("ledger.err.duplicate", lang, first=seen[key])))
            continue
        seen[key] = rnum
        unit = _norm(raw["unit"]) or "、".join(units_by_task.get(task_id, [])) or reporter
        records.append({
            "task_id": task_id, "task": titles[task_id], "unit": unit, "period": period.label,
            "period_start": period.start, "period_end": period.end, "progress": _norm(raw["progress"]),
            "status": status, "status_text": st, "evidence": _norm(raw["evidence"]), "date": date,
            "reporter": reporter, "row": rnum,
        })
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
    if not_reported:
        notes.append(Problem(shown, None, None, t("ledger.note.not_reported", lang, n=len(not_reported))))
    df = pd.DataFrame.from_records(records, columns=list(OUTPUT_COLUMNS))
    df["row"] = df["row"].astype("int64")
    prov = provenance(path)
    df.attrs.update(file=shown, conversions=notes, not_reported=not_reported,
                    illustrative=bool(prov.get("illustrative")), source_zh=prov.get("source_zh", shown),
                    source_en=prov.get("source_en", shown))
    return df


def load_ledger(path: str | Path | None = None, *, lang: str = "zh") -> pd.DataFrame:
    """:func:`read_ledger` of ``path`` (default: the bundled illustrative ledger)."""
    return read_ledger(path if path is not None else ledger_path(), lang=lang)


# ----------------------------------------------------------------------------- workbook sheet
def append_ledger_sheet(wb, ledger: pd.DataFrame, *, lang: str = "zh", title: str | None = None):
    """Append a 任务台账 sheet (the ledger as read) to an openpyxl workbook.

    Every text cell is written as text (a value starting with ``=`` stays text, never a
    formula). An illustrative ledger gets a first line saying so.

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
    for rec in ledger.itertuples(index=False):
        r += 1
        vals = {"task_id": rec.task_id, "task": rec.task, "unit": rec.unit, "period": period_display(rec.period, lang),
                "progress": rec.progress, "status": status_label(rec.status, lang), "evidence": rec.evidence,
                "date": rec.date.isoformat() if isinstance(rec.date, dt.date) else "", "reporter": rec.reporter}
        for j, c in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=r, column=j)
            _set_text(cell, "" if vals[c] is None else str(vals[c]))
            cell.alignment = Alignment(wrap_text=c in ("progress", "evidence"), vertical="top")
    ws.freeze_panes = ws.cell(row=(3 if ledger.attrs.get("illustrative") else 2), column=3)
    return ws
