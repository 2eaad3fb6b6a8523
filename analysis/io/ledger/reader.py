"""Reading a filled task ledger back (``.xlsx`` or CSV): :func:`read_ledger`, :func:`load_ledger`.

It tolerates a (merged) title row above the header, blank cells and a status typed slightly
differently ("进行中" is read as 推进中, "完成" as 已完成) and reports every such conversion in
``df.attrs["conversions"]``; anything it cannot read is a :class:`~analysis.errors.Problem`
(``FILE:ROW:COLUMN: message``, Chinese by default, English with ``lang="en"``) raised
together as one :class:`~analysis.errors.InputError`.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pandas as pd

from analysis.errors import InputError, Problem, display_name
from analysis.i18n import t
from analysis.io.dataset import provenance
from analysis.io.ledger.periods import parse_date, parse_period
from analysis.io.ledger.tasks import (COLUMNS, HEADER_ALIASES, HEADERS, OUTPUT_COLUMNS, REQUIRED, SHEET,
                                      STATUS_ALIASES, STATUS_WORDS, ledger_path, load_tasks, status_label)
from analysis.io.sheets import decode_text

def _norm(text: object) -> str:
    if isinstance(text, (dt.datetime, pd.Timestamp)) and (text.hour, text.minute, text.second) == (0, 0, 0):
        text = text.date()  # a date cell as the clerk sees it (2019-12-31), not 2019-12-31 00:00:00
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
            _fill_merged_down(rows, ws)
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


def _fill_merged_down(rows: list[tuple[int, list]], ws) -> None:
    """A cell merged down over several rows (one task, 任务编号 and 任务 merged over the rows of its
    units) holds its value in the top row only: every row of the range gets it, as the clerk sees it.
    Ranges across columns only (a title) are left as they are."""
    for rng in ws.merged_cells.ranges:
        if rng.max_row == rng.min_row or rng.min_row > len(rows):
            continue
        top = rows[rng.min_row - 1][1]
        value = top[rng.min_col - 1] if rng.min_col - 1 < len(top) else None
        for r in range(rng.min_row + 1, min(rng.max_row, len(rows)) + 1):
            cells = rows[r - 1][1]
            for c in range(rng.min_col - 1, min(rng.max_col, len(cells))):
                if _blank(cells[c]):
                    cells[c] = value


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
                    notes.append(Problem.said(shown, rnum, col_name.get(k, HEADERS[k]), "ledger.note.formula_value",
                                              lang, value=v.text, saved=str(v.saved)))
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
                notes.append(Problem.said(shown, rnum, col_name["task_id"], "ledger.note.task_from_title", lang,
                                          task_id=match))
        else:
            s = _norm(int(v) if isinstance(v, float) and v.is_integer() else v)
            s2 = re.sub(r"^(?:任务|第|task|no\.?)\s*", "", s, flags=re.I)
            s2 = re.sub(r"(?:项|号|\.)$", "", s2).replace("（", "(").replace("）", ")").strip()
            if s2 in titles:
                task_id = s2
                if s2 != s and not (isinstance(v, (int, float))):
                    notes.append(Problem.said(shown, rnum, col_name["task_id"], "ledger.note.task_id_converted", lang,
                                              value=s, task_id=s2))
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
            if period is None:  # a date typed as the period (2019-12-31): which period it closes is not told
                problems.append(Problem(shown, rnum, col_name["period"], t(
                    "ledger.err.period_is_date" if parse_date(raw["period"]) else "ledger.err.bad_period", lang,
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
        # one task, its units on rows of their own and no 填报单位 column: each unit reports its own
        key = (task_id, period.label, reporter or _norm(raw["unit"]))
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
        notes.append(Problem.said(shown, None, None, "ledger.note.not_reported", lang, n=len(not_reported)))
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
