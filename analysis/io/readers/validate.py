"""The ``validate`` command: guess the kind of each file, read it, print problems and the summary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable

import pandas as pd

from analysis.errors import InputError, Problem
from analysis.i18n import t
from analysis.io.contract import COLUMN_ALIASES, PANEL_ALIASES, header_role
from analysis.io.readers.files import disagreements
from analysis.io.readers.layout import SCAN_ROWS, row_values
from analysis.io.readers.read import as_targets, read_observations, read_sector_panel
from analysis.io.readers.summary import Intake
from analysis.io.sheets import Book, Limits, open_book

def detect_kind(raw_df: pd.DataFrame) -> str:
    """``"sectors"`` when the header has sector and metric columns and no indicator id, else ``"observations"``."""
    roles = {header_role(c) for c in raw_df.columns}
    panel = {header_role(c, {**COLUMN_ALIASES, **PANEL_ALIASES}) for c in raw_df.columns}
    if "indicator_id" not in roles and {"sector", "metric"} <= panel:
        return "sectors"
    return "observations"


def _guess_kind(book: Book | None, sheet) -> str:
    if book is None:
        return "observations"
    try:
        idx = 0
        if sheet is not None and str(sheet) in book.sheet_names:
            idx = book.sheet_names.index(str(sheet))
        g = book.grid(idx)
    except InputError:
        return "observations"
    panel_aliases = {**{k: v for k, v in COLUMN_ALIASES.items() if v not in ("indicator_id", "indicator_name")},
                     **PANEL_ALIASES}
    for i in range(min(len(g.cells), SCAN_ROWS)):
        cells = row_values(g, i)
        roles = {header_role(c) for c in cells if isinstance(c, str)}
        if "indicator_id" in roles:
            return "observations"
        proles = {header_role(c, panel_aliases) for c in cells if isinstance(c, str)}
        if {"sector", "metric", "year", "value"} <= proles:
            return "sectors"
    return "observations"


def check_file(path: str | Path, targets: pd.DataFrame | None = None, kind: str = "auto", *,
               sheet: str | int | None = None, lang: str = "zh", limits: Limits | None = None
               ) -> tuple[list[Problem], Intake | None]:
    """Read one file; return ``(problems, summary)`` (problems empty when clean)."""
    problems, info, _ = _check(path, targets, kind, sheet=sheet, lang=lang, limits=limits)
    return problems, info


def _check(path, targets, kind, *, sheet, lang, limits=None) -> tuple[list[Problem], Intake | None, pd.DataFrame | None]:
    """:func:`check_file`, with what was read of a clean file of observations (else None)."""
    try:
        book = open_book(path, lang=lang, limits=limits)
    except InputError as exc:
        return exc.problems, Intake(exc.problems[0].file if exc.problems else str(path), lang), None
    k = _guess_kind(book, sheet) if kind == "auto" else kind
    try:
        if k == "sectors":
            df = read_sector_panel(path, sheet=sheet, lang=lang, limits=limits, _book=book)
            return [], df.attrs["intake"], None
        df = read_observations(path, targets, sheet=sheet, lang=lang, limits=limits, _book=book)
        return [], df.attrs["intake"], df
    except InputError as exc:
        return exc.problems, getattr(exc, "intake", None), None


def validate_files(paths: Iterable[str | Path], targets: pd.DataFrame | str | Path | None = None,
                   kind: str = "auto", *, sheet: str | int | None = None, lang: str = "zh") -> list[Problem]:
    """Check monitoring files; return every problem of every file (empty when all are clean).

    ``kind`` is ``"observations"``, ``"sectors"`` or ``"auto"`` (guessed from the header).
    """
    if kind not in ("auto", "observations", "sectors"):
        raise ValueError(f"kind must be auto, observations or sectors, got {kind!r}")
    try:
        tt = as_targets(targets)
    except InputError as exc:
        return exc.problems
    out: list[Problem] = []
    frames = []
    for p in paths:
        problems, _, df = _check(p, tt, kind, sheet=sheet, lang=lang)
        out.extend(problems)
        if df is not None:
            frames.append((p, df))
    if not out:  # files read together (assess --data a --data b): a value two give differently
        out.extend(disagreements(frames, tt, lang=lang, sheet=sheet))
    return out


def cli_validate(args) -> int:
    """``python -m analysis validate FILE... [--targets FILE] [--kind K] [--sheet NAME|N] [--lang zh|en]``.

    Problems go to standard error, one ``FILE[SHEET]:ROW:COLUMN: message`` per line
    (exit status 1); warnings (columns not used) and the summary of what was
    understood go to standard output, for every file.
    """
    lang = getattr(args, "lang", None) or "zh"
    tt = as_targets(getattr(args, "targets", None))
    kind = getattr(args, "kind", "auto") or "auto"
    sheet = getattr(args, "sheet", None)
    status = 0
    frames = []
    for p in args.files:
        problems, info, df = _check(p, tt, kind, sheet=sheet, lang=lang)
        if df is not None:
            frames.append((p, df))
        if info is not None:
            for w in info.warnings:
                print(intake_warning_line(w, lang))
        if problems:
            status = 1
            sys.stdout.flush()
            for problem in problems:
                print(problem, file=sys.stderr)
            if unknown_indicator_said(problems):
                print(t("cli.hint_skip_unknown", lang), file=sys.stderr)
            sys.stderr.flush()
            print(t("intake.sum_failed_one" if len(problems) == 1 else "intake.sum_failed", lang, n=len(problems)))
        else:
            print(t("intake.sum_ok", lang))
        if info is not None:
            for line in info.lines():
                print("  " + line)
    if status == 0 and len(frames) > 1:  # as assess reads them together: a value two files give differently
        across = disagreements(frames, tt, lang=lang, sheet=sheet)
        if across:
            status = 1
            sys.stdout.flush()
            for problem in across:
                print(problem, file=sys.stderr)
            sys.stderr.flush()
            print(t("intake.sum_failed_across", lang, n=len(across), files=len(frames)))
    return status


def unknown_indicator_said(problems) -> bool:
    """Whether ``problems`` name an indicator the catalogue does not have (``--skip-unknown`` would
    drop its rows)."""
    return any(p.message.startswith(("unknown indicator", "未知指标")) for p in problems)


def intake_warning_line(w: Problem, lang: str) -> str:
    """A reader's warning as printed: ``FILE:ROW:COLUMN: 警告：message``."""
    return f"{w.file}:{'' if w.row is None else w.row}:{w.column or ''}: {t('intake.warning', lang)}{w.message}"
