"""Read monitoring data as statistics offices send it, and never change a number silently.

Layouts (found by content, see ``docs/data_contract.md``):

* **long**: one row per indicator, year and value (``指标代码, 年份, 数值`` ...);
* **wide**: one row per indicator, one column per year (``2019``, ``2019年``, a merged
  ``年份`` over the years), the statistics bureau's usual sheet;
* **transposed**: one row per year, one column per indicator.

The header is the first row (of the first 60) that fits one layout; title rows,
``填报单位 / 金额单位：万元`` rows above it and note rows (注：, 资料来源：, 填表人：)
below the data are skipped and reported; ``序号`` and blank spacer columns are
ignored; every other column that is not used is named in a warning; a header that
is a near miss of a known one (``units``, ``regin``) is an error. Indicators may be
given by id, exact ``name_zh`` or a catalogue alias.

Every problem is one line ``FILE[SHEET]:ROW:COLUMN: message`` (ROW as the user sees
it in the file, COLUMN the spreadsheet column letter), in Chinese by default or
English with ``lang="en"``. The summary of what was understood (:class:`Intake`) is
in ``df.attrs["intake"]`` (and on the :class:`InputError` as ``.intake``). Input
files are only ever read.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis import config
from analysis.errors import InputError, Problem
from analysis.i18n import t
from analysis.io import catalogue
from analysis.io.contract import (HEADING_RE, COLUMN_ALIASES, OBS_COLUMNS, OBS_OPTIONAL, OBS_REQUIRED, PANEL_ALIASES,
                                  PANEL_COLUMNS, PANEL_OPTIONAL, PANEL_REQUIRED, NameIndex, header_role,
                                  header_unit, is_note, near_miss, split_unit, unit_statement, year_header)
from analysis.io.numbers import (COUNT_UNITS, MAX_ABS_VALUE, MONEY_UNITS, NOT_REPORTED, convert, has_foreign_digits,
                                 normalize_unit, parse_number, parse_value, parse_values, parse_year,
                                 unit_factor)
from analysis.vocab import FOCUS_SECTORS, SECTOR_METRICS
from analysis.io.sheets import Book, Grid, Limits, column_letter, open_book, read_table, shown_name

__all__ = [
    "OBS_COLUMNS", "OBS_OPTIONAL", "OBS_REQUIRED", "PANEL_COLUMNS", "PANEL_OPTIONAL", "PANEL_REQUIRED",
    "COLUMN_ALIASES", "PANEL_ALIASES", "COUNT_UNITS", "Intake", "Limits", "parse_number", "parse_value",
    "parse_year", "normalize_unit", "unit_factor", "convert", "read_table", "read_observations",
    "read_sector_panel", "validate_observations", "validate_sector_panel", "validate_files", "detect_kind",
    "cli_validate",
]

#: Kinds whose values may not be negative (all the catalogue kinds except share, which is 0-100).
NONNEGATIVE_KINDS: tuple[str, ...] = ("level", "count", "ratio", "milestone")
#: A money value with no unit written anywhere larger than this many times its target is refused.
IMPLAUSIBLE_FACTOR = 1000.0
_SCAN_ROWS = 60
_CONV_ORDER = ("intake.conv_name", "intake.conv_alias", "intake.conv_statement", "intake.conv_unit",
               "intake.conv_percent_format", "intake.conv_fullwidth", "intake.conv_not_reported",
               "intake.conv_unit_assumed", "intake.conv_default_region")
_OPTIONS: contextvars.ContextVar[dict] = contextvars.ContextVar("intake_options", default={})


@contextlib.contextmanager
def options(*, sheet: str | int | None = None, lang: str | None = None):
    """Defaults for every read in this context (the CLI's ``--sheet`` and ``--lang``).

    Functions called deep inside other commands (``assess``, ``build``, ``report``)
    read the user's files with the sheet and language the user chose::

        with readers.options(sheet="2019年报", lang="en"):
            cli_assess(args)
    """
    token = _OPTIONS.set({k: v for k, v in {"sheet": sheet, "lang": lang}.items() if v is not None})
    try:
        yield
    finally:
        _OPTIONS.reset(token)


def _opt(name: str, value, default):
    if value is not None:
        return value
    return _OPTIONS.get().get(name, default)


# --------------------------------------------------------------------------------------
# what was understood
# --------------------------------------------------------------------------------------

@dataclass
class Intake:
    """What the reader understood of one file: printed by ``validate`` as the summary."""

    file: str
    lang: str = "zh"
    kind: str = "observations"
    sheet: str | None = None
    sheets_skipped: list[str] = field(default_factory=list)
    layout: str = ""
    header_rows: list[int] = field(default_factory=list)
    rows_read: int = 0
    values_read: int = 0
    blank: int = 0
    rejected: int = 0
    indicators: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    conversions: Counter = field(default_factory=Counter)
    ignored: list[str] = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    #: cells a sheet-level unit statement (金额单位：万元) was applied to, by scope
    statement_use: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """The summary, one sentence a line, in ``self.lang``."""
        L = self.lang
        out = [t("intake.sum_file", L, file=self.file)]
        if self.sheet is not None:
            skipped = _join(self.sheets_skipped, L)
            out.append(t("intake.sum_sheet", L, sheet=self.sheet) + (
                t("intake.sum_sheets_skipped", L, sheets=skipped) if self.sheets_skipped else ""))
        if self.layout:
            out.append(t("intake.sum_layout", L, layout=t(f"intake.layout_{self.layout}", L),
                         rows="-".join(str(r) for r in sorted({self.header_rows[0], self.header_rows[-1]}))
                         if self.header_rows else "?"))
        if not self.layout:
            return out
        out.append(t("intake.sum_rows", L, rows=self.rows_read, values=self.values_read, blank=self.blank,
                     rejected=self.rejected))
        if self.skipped_rows:
            out.append(t("intake.sum_skipped_rows", L, rows=", ".join(map(str, self.skipped_rows[:20]))))
        if self.ignored:
            out.append(t("intake.sum_ignored", L, cols=_join(self.ignored, L)))
        ys = sorted(set(self.years))
        out.append(t("intake.sum_content", L, n_ind=len(set(self.indicators)),
                     years=(f"{ys[0]}-{ys[-1]}" if ys else "-"), n_reg=len(set(self.regions)),
                     regions=_join(sorted(set(self.regions))[:10], L)))
        if self.conversions:
            order = {k: i for i, k in enumerate(_CONV_ORDER)}
            for (key, kw), n in sorted(self.conversions.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[0])):
                out.append(t("intake.sum_conversion", L, n=n, what=t(key, L, **dict(kw))))
        else:
            out.append(t("intake.sum_no_conversion", L))
        return out

    def note(self, key: str, n: int = 1, **kw) -> None:
        """Count one kind of conversion (``intake.conv_*`` message key with its fields)."""
        if n:
            self.conversions[(key, tuple(sorted(kw.items())))] += int(n)


# --------------------------------------------------------------------------------------
# layout detection
# --------------------------------------------------------------------------------------

@dataclass
class Layout:
    kind: str                                   # long | wide | transposed
    header: list[int]                           # grid indices of the header row(s)
    start: int                                  # first data row (grid index)
    roles: dict[str, list[int]]                 # role -> columns
    years: dict[int, int] = field(default_factory=dict)         # wide: column -> year
    indicators: dict[int, str] = field(default_factory=dict)    # transposed: column -> header text
    unit_row: int | None = None                 # transposed: a 单位 row under the header
    spacer: list[int] = field(default_factory=list)
    unused: list[int] = field(default_factory=list)
    near: list[tuple[int, str]] = field(default_factory=list)
    statements: list[tuple[int, int, str, str]] = field(default_factory=list)  # (row idx, col, scope, unit)


def _row_values(grid: Grid, i: int) -> list:
    return list(grid.cells.iloc[i].to_numpy(dtype=object))


def _blank_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Cells that are empty (grid cells are stripped text or numbers; ``""`` is empty)."""
    return df.eq("")


def _first_cells(df: pd.DataFrame, blank: pd.DataFrame) -> pd.Series:
    """The first non-empty cell of each row ("" for an empty row), column by column (vectorised)."""
    if not df.shape[1]:
        return pd.Series([""] * len(df), index=df.index, dtype=object)
    first = df.iloc[:, 0].where(~blank.iloc[:, 0], "")
    for j in range(1, df.shape[1]):
        empty = first.eq("")
        if not empty.any():
            break
        first = first.where(~empty, df.iloc[:, j].where(~blank.iloc[:, j], ""))
    return first


def _note_rows(df: pd.DataFrame, blank: pd.DataFrame) -> np.ndarray:
    first = _first_cells(df, blank)
    if isinstance(first.dtype, pd.StringDtype):  # a column of text (a CSV): no per-cell type test
        is_str = first.notna().to_numpy()
    elif pd.api.types.infer_dtype(first, skipna=False) == "string":
        is_str = np.ones(len(first), dtype=bool)
    else:
        is_str = first.map(type).eq(str).to_numpy()
    out = np.zeros(len(df), dtype=bool)
    if is_str.any():
        text = first[is_str]
        hit = _map_unique(text.to_numpy(dtype=object), is_note).astype(bool)
        out[np.flatnonzero(is_str)[hit]] = True
    return out


def _map_unique(values, fn) -> np.ndarray:
    """``fn`` applied once per distinct value (columns repeat a few values many times)."""
    s = pd.Series(values, dtype=object)
    if not len(s):
        return np.zeros(0, dtype=object)
    first = s.iat[0]
    if isinstance(first, str) and (s.to_numpy(dtype=object) == first).all():
        out = np.empty(len(s), dtype=object)
        out[:] = fn(first)
        return out
    codes, uniq = pd.factorize(s, use_na_sentinel=False)
    table = np.empty(len(uniq), dtype=object)
    table[:] = [fn(u) for u in uniq]
    return table[codes]


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and math.isnan(v))


def _unnamed_key_column(grid: Grid, i: int, cells: list, names: NameIndex) -> dict[str, list[int]]:
    """A header row whose key column has no header (an empty top-left cell), found by content.

    * wide: two or more year headers, and exactly one column left of them whose cells below
      name catalogue indicators -> that column is the indicator column;
    * transposed: two or more headers that name catalogue indicators, and exactly one blank-headed
      column left of them whose cells below are years -> that column is the year column.
    Anything less clear gives ``{}`` (no header here).
    """
    below = grid.cells.iloc[i + 1:i + 41]
    if not len(below):
        return {}
    years = [j for j, c in enumerate(cells) if year_header(c) is not None]
    if len(years) >= 2:
        hits = []
        for j in range(min(years)):
            if _blank(cells[j]) and j in below.columns:
                col = [v for v in below[j].tolist() if isinstance(v, str) and v.strip()]
                if sum(1 for v in col if names.resolve(split_unit(v)[0])[0]) >= 1:
                    hits.append(j)
        return {"indicator_name": hits} if len(hits) == 1 else {}
    named = [j for j, c in enumerate(cells) if isinstance(c, str) and c.strip()
             and names.resolve(split_unit(c)[0])[0]]
    if len(named) >= 2:
        hits = [j for j in range(min(named)) if _blank(cells[j]) and j in below.columns
                and sum(1 for v in below[j].tolist() if not _blank(v) and year_header(v) is not None) >= 1]
        return {"year": hits} if len(hits) == 1 else {}
    return {}


def _detect(grid: Grid, aliases: Mapping[str, str], names: NameIndex | None, panel: bool
            ) -> tuple[Layout | None, list[str]]:
    """The first row that is a header of one layout; ``(None, reasons)`` when no row is.

    A row that could be the header of two layouts is reported as ambiguous (``reasons``
    then holds ``"ambiguous"``).
    """
    n = min(len(grid.cells), _SCAN_ROWS)
    statements: list[tuple[int, int, str, str]] = []
    partial: list | None = None
    for i in range(n):
        cells = _row_values(grid, i)
        if all(_blank(c) for c in cells):
            continue
        for j, c in enumerate(cells):
            st = unit_statement(c)
            if st:
                statements.append((i, j, st[0], st[1]))
        roles: dict[str, list[int]] = {}
        for j, c in enumerate(cells):
            r = header_role(c, aliases) if isinstance(c, str) else None
            if r:
                roles.setdefault(r, []).append(j)
        if not roles and names is not None and not panel:
            roles = _unnamed_key_column(grid, i, cells, names)
        if not roles:
            continue
        years = {j: y for j, c in enumerate(cells) if (y := year_header(c)) is not None}
        header = [i]
        start = i + 1
        if not years and i + 1 < len(grid.cells):  # a two-row header: 年份 over 2015年 … 2019年
            nxt = _row_values(grid, i + 1)
            ny = {j: y for j, c in enumerate(nxt) if (y := year_header(c)) is not None}
            rest = [j for j in range(len(nxt)) if j not in ny and not _blank(nxt[j])]
            if (len(ny) >= 2 or any(isinstance(nxt[j], str) for j in ny)) and "value" not in roles and all(
                    _blank(cells[j]) or j in roles.get("year", []) for j in ny) and all(
                    j < len(cells) and nxt[j] == cells[j] for j in rest):
                years, header, start = ny, [i, i + 1], i + 2
        if years and "year" in roles:  # the 年份 label merged over the year columns
            roles["year"] = [j for j in roles["year"] if j not in years]
            if not roles["year"]:
                del roles["year"]
        kinds = []
        if panel:
            if {"sector", "metric", "year", "value"} <= set(roles) and not years:
                kinds.append("long")
        else:
            has_ind = "indicator_id" in roles or "indicator_name" in roles
            if has_ind and "year" in roles and "value" in roles and not years:
                kinds.append("long")
            if has_ind and years and "value" not in roles and "year" not in roles:
                kinds.append("wide")
            if has_ind and years and "value" in roles:
                return None, ["ambiguous"]
            if "year" in roles and not has_ind and "value" not in roles and not years:
                others = [j for j, c in enumerate(cells) if not _blank(c) and j not in
                          {k for js in roles.values() for k in js}]
                if names is not None and any(names.resolve(split_unit(str(cells[j]))[0])[0] for j in others):
                    kinds.append("transposed")
        if len(kinds) > 1:
            return None, ["ambiguous"]
        if not kinds:
            known = {r for r in roles if r not in ("serial", "informational")}
            if len(known) >= 2 and partial is None:
                need = (["sector", "year", "metric", "value"] if panel else ["indicator", "year", "value"])
                have = set(known) | ({"indicator"} if known & {"indicator_id", "indicator_name"} else set())
                partial = [i] + [r for r in need if r not in have]
            continue
        lay = Layout(kinds[0], header, start, roles, statements=list(statements))
        _classify_columns(grid, lay, cells, years, aliases, names)
        return lay, []
    if not len(grid.cells) or not any(not _blank(v) for v in grid.cells.to_numpy(dtype=object).reshape(-1)[:100000]):
        return None, ["empty"]
    return None, (["partial"] + partial if partial and len(partial) > 1 else [])


def _classify_columns(grid: Grid, lay: Layout, cells: list, years: dict[int, int], aliases, names) -> None:
    used = {j for js in lay.roles.values() for j in js}
    start = lay.start
    blank_cache: list = []

    def column_blank(j: int) -> bool:
        """Whether column j is empty below the header (note rows, merged across the table,
        do not count); the whole body is looked at only when a column is not used."""
        if not blank_cache:
            data = grid.cells.iloc[start:]
            dblank = _blank_frame(data)
            if len(data):
                keep = ~_note_rows(data, dblank)
                data, dblank = data.loc[keep], dblank.loc[keep]
            blank_cache.append((data, dblank))
        data, dblank = blank_cache[0]
        return bool(dblank[j].all()) if j in data.columns else True

    if lay.kind == "wide":
        lay.years = years
        used |= set(years)
    if lay.kind == "transposed":
        for j, c in enumerate(cells):
            if j not in used and not _blank(c):
                if near_miss(c, aliases):
                    continue
                lay.indicators[j] = str(c)
        used |= set(lay.indicators)
        # a row of units right under the header (单位 in the year column)
        if lay.start < len(grid.cells):
            first = _row_values(grid, lay.start)
            yj = lay.roles["year"][0]
            if header_role(first[yj]) == "unit" if isinstance(first[yj], str) else False:
                lay.unit_row = lay.start
                lay.start += 1
    for j in range(len(cells)):
        if j in used:
            continue
        c = cells[j]
        if len(lay.header) > 1 and _blank(c):
            c = _row_values(grid, lay.header[1])[j]
        if _blank(c):
            if column_blank(j):
                lay.spacer.append(j)
            else:
                lay.unused.append(j)
            continue
        if near_miss(c, aliases):
            lay.near.append((j, near_miss(c, aliases)))
        else:
            lay.unused.append(j)


# --------------------------------------------------------------------------------------
# cells -> records
# --------------------------------------------------------------------------------------

_FIELDS = ("ind", "year", "value", "unit", "region", "sector", "source", "note")


def _records(grid: Grid, lay: Layout, key_role: str) -> tuple[pd.DataFrame, list[int]]:
    """One record per value cell, with the position of every cell it came from."""
    cells = grid.cells
    body = cells.iloc[lay.start:]
    rows_idx = np.arange(lay.start, len(cells))
    # skip empty rows and note rows
    bblank = _blank_frame(body)
    nonblank = ~bblank.all(axis=1).to_numpy() if len(body) else np.zeros(0, dtype=bool)
    note = _note_rows(body, bblank) if len(body) else np.zeros(0, dtype=bool)
    if lay.kind == "wide" and len(body):  # section headings (一、科技创新主体) with no value in the row
        ycols = sorted(lay.years)
        kj = (lay.roles.get("indicator_id") or lay.roles.get("indicator_name") or [None])[0]
        if kj is not None and ycols:
            novalue = bblank[ycols].all(axis=1).to_numpy()
            names = body[kj].to_numpy(dtype=object)
            firsts = _first_cells(body, bblank).to_numpy(dtype=object)
            heading = np.array([any(isinstance(v, str) and HEADING_RE.match(v.strip()) for v in (a, b))
                                for a, b in zip(names[novalue], firsts[novalue])], dtype=bool)
            idx = np.flatnonzero(novalue)
            note = note.copy()
            if len(idx):
                note[idx[heading]] = True
    skipped = [int(grid.rows[i]) for i in rows_idx[nonblank & note]]
    keep = rows_idx[nonblank & ~note]
    sub = cells.iloc[keep]
    file_rows = grid.rows[keep]
    hdr_row = int(grid.rows[lay.header[-1]])

    def col(role: str) -> int | None:
        js = lay.roles.get(role)
        return js[0] if js else None

    n = len(keep)
    rec: dict[str, object] = {}
    if lay.kind == "long":
        kj = col(key_role) if col(key_role) is not None else col("indicator_name")
        spec = {"ind": kj, "year": col("year"), "value": col("value"), "unit": col("unit"),
                "region": col("region"), "sector": col("sector"), "source": col("source"), "note": col("note")}
        for f, j in spec.items():
            rec[f] = sub[j].to_numpy(dtype=object) if j is not None else np.full(n, "", dtype=object)
            rec[f"_{f}_c"] = np.full(n, -1 if j is None else j, dtype=np.int64)
            rec[f"_{f}_r"] = file_rows
        out = pd.DataFrame(rec, copy=False)  # no consolidation: no copy of two dozen columns of every row
        out["_row"] = file_rows
        out["_hunit"] = header_unit(cells.iat[lay.header[-1], spec["value"]]) if spec["value"] is not None else ""
        return out, skipped
    ycols = sorted(lay.years) if lay.kind == "wide" else sorted(lay.indicators)
    m = len(ycols)
    rep = np.repeat(np.arange(n), m)
    vc = np.tile(np.array(ycols, dtype=np.int64), n)
    values = sub[ycols].to_numpy(dtype=object).reshape(-1) if m and n else np.zeros(0, dtype=object)
    rr = np.repeat(file_rows, m)
    out = pd.DataFrame({"value": values, "_value_c": vc, "_value_r": rr, "_row": rr})
    if lay.kind == "wide":
        kj = col("indicator_id") if col("indicator_id") is not None else col("indicator_name")
        out["ind"] = sub[kj].to_numpy(dtype=object)[rep]
        out["_ind_c"], out["_ind_r"] = kj, rr
        out["year"] = np.array([lay.years[j] for j in ycols], dtype=object)[np.tile(np.arange(m), n)] if m else []
        out["_year_c"], out["_year_r"] = vc, hdr_row
        uj = col("unit")
        out["unit"] = sub[uj].to_numpy(dtype=object)[rep] if uj is not None else ""
        out["_unit_c"], out["_unit_r"] = (uj if uj is not None else -1), rr
        out["_hunit"] = ""
    else:  # transposed
        heads = [split_unit(lay.indicators[j]) for j in ycols]
        out["ind"] = np.array([h[0] for h in heads], dtype=object)[np.tile(np.arange(m), n)] if m else []
        out["_ind_c"], out["_ind_r"] = vc, hdr_row
        yj = col("year")
        out["year"] = sub[yj].to_numpy(dtype=object)[rep]
        out["_year_c"], out["_year_r"] = yj, rr
        hunits = np.array([h[1] for h in heads], dtype=object)
        if lay.unit_row is not None:
            urow = _row_values(grid, lay.unit_row)
            ucells = np.array([urow[j] if not _blank(urow[j]) else "" for j in ycols], dtype=object)
            out["unit"] = ucells[np.tile(np.arange(m), n)] if m else []
            out["_unit_c"], out["_unit_r"] = vc, int(grid.rows[lay.unit_row])
        else:
            out["unit"] = ""
            out["_unit_c"], out["_unit_r"] = -1, rr
        out["_hunit"] = hunits[np.tile(np.arange(m), n)] if m else []
    for f in ("region", "sector", "source", "note"):
        j = col(f)
        out[f] = sub[j].to_numpy(dtype=object)[rep] if j is not None else ""
        out[f"_{f}_c"], out[f"_{f}_r"] = (j if j is not None else -1), rr
    return out, skipped


# --------------------------------------------------------------------------------------
# checks
# --------------------------------------------------------------------------------------

@dataclass
class _Catalogue:
    names: NameIndex
    units: dict[str, str]
    kinds: dict[str, str]
    targets: dict[str, float]
    label: str  # "indicator" | "metric"


def _quote(v: object, limit: int = 40) -> str:
    s = str(v).replace("\n", " ").replace("\r", " ")
    return repr(s if len(s) <= limit else s[:limit] + "…")


class _Collector:
    def __init__(self, grid: Grid, lang: str):
        self.grid, self.lang, self.items = grid, lang, []

    def add(self, row: int | None, col: int | None, key: str, **kw) -> None:
        letter = column_letter(int(col)) if col is not None and col >= 0 else None
        self.items.append(Problem(self.grid.where, None if row is None else int(row), letter,
                                  t(key, self.lang, **kw)))


def _text(v: object) -> str:
    if _blank(v):
        return ""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    return str(v).strip()


def _check(rec: pd.DataFrame, grid: Grid, lay: Layout, cat: _Catalogue, info: Intake, *,
           default_region: str, skip_unknown: bool, panel: bool, known_sectors: set[str] | None,
           stmt_units: dict[str, str]) -> tuple[pd.DataFrame, list[Problem], dict[str, list[int]]]:
    lang = info.lang
    P = _Collector(grid, lang)
    n = len(rec)
    bad = np.zeros(n, dtype=bool)
    # ---- blank values and not-reported markers
    vtext = rec["value"].to_numpy(dtype=object)
    vser = pd.Series(vtext, dtype=object)
    blank = vser.eq("").to_numpy().copy()
    marker = vser.isin(list(NOT_REPORTED)).to_numpy()
    info.note("intake.conv_not_reported", int(marker.sum()))
    blank |= marker
    # ---- rows that hold nothing but blanks in the value cells and no indicator
    # ---- indicator names (one factorisation: every per-indicator array is a table lookup)
    icodes, iuniq = pd.factorize(pd.Series(rec["ind"].to_numpy(dtype=object), dtype=object), use_na_sentinel=False)
    itext = [_text(u) for u in iuniq]
    resolved, name_units = [], []
    for u in itext:
        r = cat.names.resolve(u) if u else (None, "")
        nu = ""
        if u and r[0] is None:  # 技术市场合同交易额（万元）: a unit in brackets after the name
            base, nu = split_unit(u)
            r = cat.names.resolve(base) if nu else (None, "")
            nu = nu if r[0] else ""
        resolved.append(r)
        name_units.append(nu)
    iid = [r[0] or "" for r in resolved]

    def per_ind(values) -> np.ndarray:
        table = np.empty(len(iuniq), dtype=object)
        table[:] = values
        return table[icodes] if len(icodes) else np.zeros(0, dtype=object)

    ind_text, ids = per_ind(itext), per_ind(iid)
    icounts = np.bincount(icodes, minlength=len(iuniq)) if len(icodes) else np.zeros(len(iuniq), dtype=int)
    conv = Counter()
    for k, (u, (i, how)) in enumerate(zip(itext, resolved)):
        if how in ("name", "alias"):
            conv[(u, i, how)] += int(icounts[k])
    for (u, i, how), k in conv.items():
        info.note(f"intake.conv_{how}", k, name=u, id=i)
    uniq = pd.unique(ind_text)
    empty_ind = ind_text == ""
    unknown = (~empty_ind) & (ids == "")
    skipped: dict[str, list[int]] = {}
    if skip_unknown and unknown.any():
        for u in pd.unique(ind_text[unknown]):
            skipped[str(u)] = sorted({int(r) for r in rec.loc[ind_text == u, "_ind_r"]})
    # an empty indicator cell on a row with no value is a blank row part (wide: a row without a name)
    for i in np.flatnonzero(empty_ind & ~blank):
        P.add(rec["_ind_r"].iat[i], rec["_ind_c"].iat[i], f"intake.{cat.label}_empty")
        bad[i] = True
    if not skip_unknown:
        seen: set[tuple[int, int]] = set()
        for i in np.flatnonzero(unknown):
            pos = (int(rec["_ind_r"].iat[i]), int(rec["_ind_c"].iat[i]))
            if pos in seen:
                bad[i] = True
                continue
            seen.add(pos)
            sug = cat.names.suggest(ind_text[i])
            key = f"intake.unknown_{cat.label}" + ("_suggest" if sug else "")
            P.add(pos[0], pos[1], key, value=_quote(ind_text[i]), suggestions=_join(sug, lang))
            bad[i] = True
    drop_unknown = unknown if skip_unknown else np.zeros(n, dtype=bool)
    # ---- years
    ytext = rec["year"].to_numpy(dtype=object)
    years = np.full(n, -1, dtype=np.int64)
    parsed_years = _map_unique(ytext, lambda v: -1 if _blank(v) else (parse_year(v) if parse_year(v) is not None
                                                                      else -1))
    parsed_years = parsed_years.astype(np.int64) if n else np.zeros(0, dtype=np.int64)
    in_range = (parsed_years >= config.MIN_YEAR) & (parsed_years <= config.MAX_YEAR)
    years[in_range] = parsed_years[in_range]
    for i in np.flatnonzero(~in_range):
        v = ytext[i]
        y = None if parsed_years[i] < 0 else int(parsed_years[i])
        if y is None:
            if not drop_unknown[i]:
                if _blank(v):
                    P.add(rec["_year_r"].iat[i], rec["_year_c"].iat[i], "intake.year_empty")
                elif isinstance(v, str) and has_foreign_digits(v):
                    P.add(rec["_year_r"].iat[i], rec["_year_c"].iat[i], "intake.foreign_digits", value=_quote(v))
                else:
                    P.add(rec["_year_r"].iat[i], rec["_year_c"].iat[i], "intake.year_not_a_year", value=_quote(v))
                bad[i] = True
        elif not (config.MIN_YEAR <= y <= config.MAX_YEAR):
            if not drop_unknown[i]:
                P.add(rec["_year_r"].iat[i], rec["_year_c"].iat[i], "intake.year_range", year=y,
                      lo=config.MIN_YEAR, hi=config.MAX_YEAR)
            bad[i] = True
    if lay.kind != "long":  # one message per bad header year, not one per row
        P.items = list(dict.fromkeys(P.items))
    # ---- formulas without a saved value, percent-formatted cells
    vcol = rec["_value_c"].to_numpy(dtype=np.int64)
    vrow = rec["_value_r"].to_numpy(dtype=np.int64)
    formula_bad = np.zeros(n, dtype=bool)
    if grid.formulas:
        fkeys = {r * 100_000 + c for r, c in grid.formulas}
        hit = np.isin(vrow * 100_000 + vcol, list(fkeys))
        for i in np.flatnonzero(hit):
            P.add(vrow[i], vcol[i], "intake.formula_no_value",
                  cell=f"{column_letter(int(vcol[i]))}{vrow[i]}", formula=_quote(grid.formulas[(vrow[i], vcol[i])]))
            bad[i] = True
            formula_bad[i] = True
            blank[i] = False
    if grid.merged:  # a number spread by a merged range over several years or indicators: whose is it?
        hit = np.isin(vrow * 100_000 + vcol, [r * 100_000 + c for r, c in grid.merged]) & ~blank
        for i in np.flatnonzero(hit):
            P.add(vrow[i], vcol[i], "intake.merged_value", range=grid.merged[(int(vrow[i]), int(vcol[i]))])
            bad[i] = True
            formula_bad[i] = True
    pct = np.zeros(n, dtype=bool)
    if grid.percent:
        pct = np.isin(vrow * 100_000 + vcol, [r * 100_000 + c for r, c in grid.percent]) & ~blank
    # ---- numbers
    numbers, cell_units, fullwidth = parse_values(pd.Series(vtext, dtype=object))
    for i in np.flatnonzero(np.isnan(numbers) & ~blank):
        v = vtext[i]
        if isinstance(v, str) and not v.strip():
            blank[i] = True
    info.note("intake.conv_fullwidth", int((fullwidth & ~blank).sum()))
    notnum = ~blank & np.isnan(numbers) & ~formula_bad
    for i in np.flatnonzero(notnum & ~drop_unknown):
        v = vtext[i]
        key = "intake.foreign_digits" if has_foreign_digits(v) else "intake.not_a_number"
        P.add(vrow[i], vcol[i], key, value=_quote(v))
    bad |= notnum
    if pct.any():
        numbers = numbers.copy()
        numbers[pct] = [convert(v, Decimal(100)) for v in numbers[pct].tolist()]  # 0.0064 -> 0.64 exactly
        cell_units = np.where(pct, "%", cell_units)
        info.note("intake.conv_percent_format", int(pct.sum()))
    # ---- units
    targets_u = per_ind([cat.units.get(i, "") for i in iid])
    kinds = per_ind([cat.kinds.get(i, "") for i in iid])
    col_u = _map_unique(rec["unit"].to_numpy(dtype=object), lambda u: normalize_unit(_text(u)))
    hdr_u = _map_unique(rec["_hunit"].to_numpy(dtype=object), normalize_unit)
    if any(name_units):
        hdr_u = np.where(hdr_u == "", per_ind(name_units), hdr_u)
    given = np.where(cell_units != "", cell_units, np.where(col_u != "", col_u, hdr_u))
    conflict = (cell_units != "") & (col_u != "") & (cell_units != col_u) & ~bad
    for i in np.flatnonzero(conflict):
        P.add(vrow[i], vcol[i], "intake.unit_conflict", cell=cell_units[i], column=col_u[i])
    bad |= conflict
    # sheet-level statements (金额单位：万元) where the row states no unit
    implicit = (given == "")
    if stmt_units:
        money_target = per_ind([normalize_unit(cat.units.get(i, "")) in MONEY_UNITS for i in iid]).astype(bool)
        su = stmt_units.get("money") or stmt_units.get("all")
        if su and su in MONEY_UNITS:
            use = implicit & money_target
            given = np.where(use, su, given)
            implicit &= ~use
            info.statement_use = {("money" if stmt_units.get("money") else "all"): int((use & ~blank).sum())}
        if stmt_units.get("all") and stmt_units["all"] not in MONEY_UNITS:
            same = implicit & _map_unique(targets_u, lambda u: unit_factor(stmt_units["all"], u) is not None).astype(bool)
            given = np.where(same, stmt_units["all"], given)
            implicit &= ~same
        # a row whose own unit disagrees with the sheet's money unit
        sm = stmt_units.get("money")
        if sm:
            clash = (col_u != "") & _map_unique(col_u, lambda u: u in MONEY_UNITS).astype(bool) & (col_u != sm) & ~bad
            for i in np.flatnonzero(clash):
                P.add(rec["_unit_r"].iat[i], rec["_unit_c"].iat[i], "intake.unit_statement_conflict",
                      unit=col_u[i], sheet_unit=sm)
            bad |= clash
    values = np.full(n, np.nan)
    ok = ~bad & ~blank & (ids != "")
    conv_counts: Counter = Counter()
    unit_bad = np.zeros(n, dtype=bool)
    okidx = np.flatnonzero(ok)
    groups = (pd.DataFrame({"g": given[okidx], "t": targets_u[okidx]}).groupby(["g", "t"], sort=False).indices
              if len(okidx) else {})
    for (g, tu), loc in groups.items():
        f = unit_factor(g, tu) if tu else Decimal(1)
        sel = np.zeros(n, dtype=bool)
        sel[okidx[loc]] = True
        if f is None:
            for i in np.flatnonzero(sel):
                col = vcol[i] if cell_units[i] else (rec["_unit_c"].iat[i] if rec["_unit_c"].iat[i] >= 0 else vcol[i])
                row = vrow[i] if cell_units[i] else rec["_unit_r"].iat[i]
                P.add(row, col, f"intake.unit_not_convertible_{cat.label}", unit=g, target=tu, id=ids[i])
            unit_bad |= sel
            continue
        idx = np.flatnonzero(sel)
        if f == 1:
            values[idx] = numbers[idx]
        else:
            values[idx] = [convert(v, f) for v in numbers[idx].tolist()]
            conv_counts[(g, tu, str(f.normalize()) if hasattr(f, "normalize") else str(f))] += len(idx)
    for (g, tu, f), k in conv_counts.items():
        info.note("intake.conv_unit", k, given=g, target=tu, factor=f)
    bad |= unit_bad
    # ---- ranges
    good = ok & ~unit_bad
    huge = good & ~(np.abs(values) <= MAX_ABS_VALUE)
    for i in np.flatnonzero(huge):
        P.add(vrow[i], vcol[i], "intake.value_out_of_range", value=_quote(_text(vtext[i])), limit=f"{MAX_ABS_VALUE:g}")
    bad |= huge
    good &= ~huge
    neg = good & np.isin(kinds, NONNEGATIVE_KINDS) & (values < 0)
    for i in np.flatnonzero(neg):
        P.add(vrow[i], vcol[i], "intake.value_negative", value=f"{numbers[i]:g}", id=ids[i],
              kind=kinds[i] or "count")
    share = good & (kinds == "share") & ~((values >= 0) & (values <= 100))
    for i in np.flatnonzero(share):
        P.add(vrow[i], vcol[i], "intake.value_share_range", value=f"{numbers[i]:g}", id=ids[i])
    bad |= neg | share
    good &= ~(neg | share)
    if cat.targets:
        tv = per_ind([cat.targets.get(i, np.nan) for i in iid]).astype(float)
        money = per_ind([normalize_unit(cat.units.get(i, "")) in MONEY_UNITS for i in iid]).astype(bool)
        implaus = good & implicit & money & (tv > 0) & (values > IMPLAUSIBLE_FACTOR * tv)
        for i in np.flatnonzero(implaus):
            P.add(vrow[i], vcol[i], "intake.value_implausible_no_unit", value=f"{numbers[i]:g}", unit=targets_u[i],
                  target=f"{tv[i]:g}", id=ids[i])
        bad |= implaus
        good &= ~implaus
    info.note("intake.conv_unit_assumed", int((good & implicit & (targets_u != "")).sum()))
    # ---- regions
    reg_text = _map_unique(rec["region"].to_numpy(dtype=object), _text)
    has_region_col = bool(lay.roles.get("region"))
    no_reg = reg_text == ""
    others = set(reg_text[~no_reg].tolist()) - {default_region}
    if has_region_col and others and no_reg.any():
        for i in np.flatnonzero(no_reg & ~blank & ~drop_unknown):
            P.add(rec["_region_r"].iat[i], rec["_region_c"].iat[i], "intake.region_empty")
            bad[i] = True
    elif no_reg.any():
        info.note("intake.conv_default_region", int((no_reg & good).sum()), region=default_region)
    regions = np.where(no_reg, default_region, reg_text)
    # ---- sectors (panel)
    sec_text = _map_unique(rec["sector"].to_numpy(dtype=object), _text)
    if panel:
        for i in np.flatnonzero((sec_text == "") & ~blank):
            P.add(rec["_sector_r"].iat[i], rec["_sector_c"].iat[i], "intake.sector_empty")
            bad[i] = True
        if known_sectors is not None:
            for i in np.flatnonzero((sec_text != "") & ~np.isin(sec_text, list(known_sectors)) & ~blank):
                P.add(rec["_sector_r"].iat[i], rec["_sector_c"].iat[i], "intake.sector_unknown",
                      value=_quote(sec_text[i]))
                bad[i] = True
    # ---- duplicates (among rows that are otherwise fine, blank ones included: a repeated key is a mistake)
    keyok = (ids != "") & (years > 0)
    # one int64 key per (region, sector, indicator, year): duplicated() on it is fast
    rcode = pd.factorize(pd.Series(regions, dtype=object))[0].astype(np.int64)
    scode = (pd.factorize(pd.Series(sec_text, dtype=object))[0].astype(np.int64) if panel
             else np.zeros(n, dtype=np.int64))
    icode = pd.factorize(pd.Series(ids, dtype=object))[0].astype(np.int64)
    ni, ns = int(icode.max(initial=0)) + 1, int(scode.max(initial=0)) + 1
    key = ((rcode * ns + scode) * ni + icode) * 10_000 + np.clip(years, 0, 9_999)
    key = np.where(keyok, key, -1 - np.arange(n))  # rows without a full key never collide
    dup = pd.Series(key).duplicated(keep="first").to_numpy() & keyok
    if dup.any():
        first_row = pd.Series(vrow).groupby(key).transform("first").to_numpy()
        for i in np.flatnonzero(dup & ~(blank)):
            parts = [regions[i]] + ([sec_text[i]] if panel else []) + [ids[i], str(years[i])]
            P.add(vrow[i], vcol[i], "intake.duplicate", first=int(first_row[i]), what=", ".join(parts))
            bad[i] = True
    good &= ~bad
    # ---- the result
    rejected_rows = int(pd.Series(vrow[bad]).nunique())
    info.values_read = int((~blank).sum())
    info.blank = int(blank.sum())
    info.rejected = int(rejected_rows)
    keep = good & ~drop_unknown
    info.indicators = sorted(set(ids[keep].tolist()))
    info.years = sorted(set(years[keep].tolist()))
    info.regions = sorted(set(regions[keep].tolist()))
    out = pd.DataFrame({
        "region": regions[keep], "key": ids[keep], "year": years[keep], "value": values[keep],
        "unit": np.where(targets_u[keep] != "", targets_u[keep], given[keep]),
        "sector": sec_text[keep],
        "source": _map_unique(rec["source"].to_numpy(dtype=object)[keep], _text),
        "note": _map_unique(rec["note"].to_numpy(dtype=object)[keep], _text),
    })
    return out, P.items, skipped


# --------------------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------------------

def _as_targets(targets: pd.DataFrame | str | Path | None) -> pd.DataFrame:
    if isinstance(targets, pd.DataFrame):
        return targets
    return catalogue.load_targets(targets)


def _obs_catalogue(targets: pd.DataFrame) -> _Catalogue:
    units = {str(i): str(u) for i, u in zip(targets["id"], targets["unit"])}
    kinds = ({str(i): str(k) for i, k in zip(targets["id"], targets["kind"])} if "kind" in targets
             else {i: catalogue.infer_kind(u, 0.0) for i, u in units.items()})
    tv = {}
    if "value" in targets:
        for i, v in zip(targets["id"], targets["value"]):
            x = parse_number(v)
            if x is not None:
                tv[str(i)] = x
    return _Catalogue(NameIndex.from_targets(targets), units, kinds, tv, "indicator")


def _choose_sheet(book: Book, sheet, aliases, names, panel: bool, info: Intake) -> tuple[Grid, Layout]:
    lang = book.lang
    n = len(book.sheet_names)
    if sheet is not None and str(sheet) != "":
        s = str(sheet).strip()
        idx = None
        if s in book.sheet_names:
            idx = book.sheet_names.index(s)
        elif s.isdigit() and 1 <= int(s) <= n:
            idx = int(s) - 1
        else:
            low = [x.strip().casefold() for x in book.sheet_names]
            if s.casefold() in low:
                idx = low.index(s.casefold())
        if idx is None or book.fmt == "csv" and s not in ("1", ""):
            raise InputError([Problem(book.file, None, None, t("intake.sheet_not_found", lang, sheet=_quote(s),
                                                               sheets=_sheet_list(book, lang)))])
        grid = book.grid(idx)
        lay, reasons = _detect(grid, aliases, names, panel)
        if lay is None:
            raise InputError([_no_header(grid, reasons, lang, panel)])
        info.sheet = grid.sheet
        info.sheets_skipped = [x for x in book.sheet_names if x != grid.sheet]
        return grid, lay
    fits: list[tuple[Grid, Layout]] = []
    failures: list[Problem] = []
    for k in range(n):
        grid = book.grid(k)
        lay, reasons = _detect(grid, aliases, names, panel)
        if lay is not None:
            fits.append((grid, lay))
        else:
            failures.append(_no_header(grid, reasons, lang, panel))
    if not fits:
        raise InputError(failures[:1] if n == 1 else [Problem(book.file, None, None, t(
            "intake.no_sheet_fits", lang, sheets=_sheet_list(book, lang)))])
    if len(fits) > 1:
        names_ = [g.sheet for g, _ in fits]
        raise InputError([Problem(book.file, None, None, t(
            "intake.several_sheets_fit", lang, sheets=_join([_quote(x) for x in names_], lang)))])
    grid, lay = fits[0]
    info.sheet = grid.sheet
    info.sheets_skipped = [x for x in book.sheet_names if x != grid.sheet]
    return grid, lay


def _join(items: Sequence[str], lang: str) -> str:
    return t("intake.list_sep", lang).join(items)


def _sheet_list(book: Book, lang: str) -> str:
    return _join([f"{k + 1}={_quote(x)}" for k, x in enumerate(book.sheet_names)], lang)


def _no_header(grid: Grid, reasons: list[str], lang: str, panel: bool) -> Problem:
    if reasons and reasons[0] == "empty":
        return Problem(grid.where, None, None, t("intake.sheet_empty", lang))
    if reasons and reasons[0] == "partial":
        i, missing = reasons[1], reasons[2:]
        words = _join([t(f"intake.col_{m}", lang) for m in missing], lang)
        return Problem(grid.where, int(grid.rows[i]), None, t("intake.missing_columns", lang, columns=words))
    key = "intake.ambiguous_layout" if "ambiguous" in reasons else (
        "intake.no_header_panel" if panel else "intake.no_header")
    return Problem(grid.where, None, None, t(key, lang, rows=_SCAN_ROWS))


def _read(path, **kw):
    """:func:`_read_checked`, with running out of memory turned into one sentence."""
    try:
        return _read_checked(path, **kw)
    except MemoryError:
        raise InputError([Problem(shown_name(path) if path is not None else "<data>", None, None,
                                  t("intake.out_of_memory", kw.get("lang") or "zh"))]) from None


def _read_checked(path, *, panel: bool, cat: _Catalogue, sheet, lang: str, default_region: str, skip_unknown: bool,
          known_sectors: set[str] | None, limits: Limits | None, grid: Grid | None = None,
          book: Book | None = None) -> tuple[pd.DataFrame, Intake, dict[str, list[int]]]:
    aliases = ({**{k: v for k, v in COLUMN_ALIASES.items() if v not in ("indicator_id", "indicator_name")},
                **PANEL_ALIASES} if panel else COLUMN_ALIASES)
    if grid is None:
        book = book if book is not None else open_book(path, lang=lang, limits=limits)
        info = Intake(book.file, lang, "sectors" if panel else "observations")
        try:
            grid, lay = _choose_sheet(book, sheet, aliases, None if panel else cat.names, panel, info)
        except InputError as exc:
            exc.intake = info  # type: ignore[attr-defined]
            raise
    else:
        info = Intake(grid.file, lang, "sectors" if panel else "observations")
        lay, reasons = _detect(grid, aliases, None if panel else cat.names, panel)
        if lay is None:
            exc = InputError([_no_header(grid, reasons, lang, panel)])
            exc.intake = info  # type: ignore[attr-defined]
            raise exc
    info.layout = lay.kind if not panel else "long"
    info.header_rows = [int(grid.rows[i]) for i in lay.header]
    problems: list[Problem] = []
    hdr = int(grid.rows[lay.header[-1]])
    header_cells = _row_values(grid, lay.header[0])
    for role, js in lay.roles.items():
        if len(js) > 1 and role not in ("serial", "informational"):
            problems.append(Problem(grid.where, hdr, column_letter(js[1]), t(
                "intake.column_twice", lang, name=_quote(header_cells[js[1]]), role=role)))
    if lay.kind == "long" and not panel and "indicator_id" in lay.roles and "indicator_name" in lay.roles:
        for j in lay.roles["indicator_name"]:
            lay.unused.append(j)
    for j, suggestion in lay.near:
        problems.append(Problem(grid.where, hdr, column_letter(j), t(
            "intake.near_miss_header", lang, name=_quote(header_cells[j] if not _blank(header_cells[j]) else
                                                          _row_values(grid, lay.header[-1])[j]),
            known=suggestion)))
    for j in lay.spacer:
        info.ignored.append(t("intake.ignored_blank", lang, col=column_letter(j)))
    for j in lay.roles.get("serial", []):
        info.ignored.append(t("intake.ignored_serial", lang, col=column_letter(j), name=str(header_cells[j])))
    if grid.fmt == "csv":
        body = grid.cells.iloc[lay.start:]
        width = max((j for j, c in enumerate(_row_values(grid, lay.header[-1])) if not _blank(c)), default=-1) + 1
        beyond = [j for j in body.columns if j >= width]
        if beyond:
            filled = ~_blank_frame(body[beyond]).all(axis=1).to_numpy()
            for k in np.flatnonzero(filled)[:50]:
                cells_k = _row_values(grid, lay.start + int(k))
                n_cells = max(j for j, c in enumerate(cells_k) if not _blank(c)) + 1
                problems.append(Problem(grid.where, int(grid.rows[lay.start + int(k)]), None, t(
                    "intake.row_longer_than_header_csv", lang, n=n_cells, width=width)))
            lay.unused = [j for j in lay.unused if j < width]
            lay.spacer = [j for j in lay.spacer if j < width]
    for j in sorted(set(lay.unused)):
        name = header_cells[j] if not _blank(header_cells[j]) else _row_values(grid, lay.header[-1])[j]
        info.warnings.append(Problem(grid.where, hdr, column_letter(j), t(
            "intake.unused_column", lang, name=_quote(name) if not _blank(name) else t("intake.no_name", lang))))
    # unit statements above the header
    stmt_units: dict[str, str] = {}
    statement_cells: dict[str, tuple[str, int]] = {}
    for i, j, scope, unit in lay.statements:
        prev = stmt_units.get(scope)
        if prev and prev != unit:
            problems.append(Problem(grid.where, int(grid.rows[i]), column_letter(j), t(
                "intake.statements_disagree", lang, a=prev, b=unit)))
        stmt_units[scope] = unit
        statement_cells[scope] = (str(grid.cells.iat[i, j]), int(grid.rows[i]))
    # a quoted CSV cell that runs over rows it swallowed
    for i in getattr(grid, "multiline", []):
        if i >= lay.header[0]:
            cells = [c for c in _row_values(grid, i) if isinstance(c, str) and "\n" in c]
            if any(("," in ln or "\t" in ln or ";" in ln) for c in cells for ln in c.split("\n")[1:]) or any(
                    c.count("\n") > 3 for c in cells):
                span = sum(c.count("\n") for c in cells[:1])
                problems.append(Problem(grid.where, int(grid.rows[i]), None, t(
                    "intake.quote_merges_rows", lang, last=int(grid.rows[i]) + span)))
    key_role = "metric" if panel else "indicator_id"
    rec, skipped_rows = _records(grid, lay, key_role)
    info.skipped_rows = skipped_rows
    info.rows_read = int(rec["_row"].nunique()) if len(rec) else 0
    if lay.kind == "long" and "value" not in lay.roles:  # pragma: no cover - detection guarantees it
        pass
    out, more, skipped = _check(rec, grid, lay, cat, info, default_region=default_region,
                                skip_unknown=skip_unknown, panel=panel, known_sectors=known_sectors,
                                stmt_units=stmt_units)
    for scope, n_used in info.statement_use.items():
        if n_used and scope in statement_cells:
            text, row = statement_cells[scope]
            info.note("intake.conv_statement", n_used, statement=text, row=row)
    problems += more
    problems = sorted(set(problems), key=lambda p: (p.row if p.row is not None else -1, p.column or "", p.message))
    if problems:
        exc = InputError(problems)
        exc.intake = info  # type: ignore[attr-defined]
        raise exc
    return out, info, skipped


def read_observations(path: str | Path, targets: pd.DataFrame | str | Path | None = None, *,
                      default_region: str = config.DEFAULT_REGION, skip_unknown: bool = False,
                      sheet: str | int | None = None, lang: str | None = None,
                      limits: Limits | None = None, _book: Book | None = None) -> pd.DataFrame:
    """Read a monitoring file (CSV, ``.xlsx``, ``.xls``, ``.ods``) in any of the three layouts.

    Parameters
    ----------
    path : path-like
        The file; it is only read.
    targets : DataFrame or path, optional
        The target catalogue indicators must come from (default: the plan's).
    default_region : str
        Region of rows without one (default 平川区), reported in the summary.
    skip_unknown : bool
        Drop the rows of indicators that are not in the catalogue instead of reporting
        them; the names skipped are in ``df.attrs["skipped"]`` as ``{name: [rows]}``.
    sheet : str or int, optional
        Sheet name or 1-based number; default: the one sheet whose content fits.
    lang : {"zh", "en"}
        Language of the messages and the summary.
    limits : Limits, optional
        Size caps checked before parsing.

    Returns
    -------
    DataFrame
        ``region, indicator_id, year (int64), value (float64, in the catalogue unit),
        unit (the catalogue unit), sector, source, note`` sorted by region,
        indicator_id, year; blank values are not rows. ``df.attrs["intake"]`` is the
        :class:`Intake` summary.

    Raises
    ------
    InputError
        With every problem, one ``FILE[SHEET]:ROW:COLUMN: message`` each.
    """
    sheet, lang = _opt("sheet", sheet, None), _opt("lang", lang, "zh")
    cat = _obs_catalogue(_as_targets(targets))
    out, info, skipped = _read(path, panel=False, cat=cat, sheet=sheet, lang=lang, default_region=default_region,
                               skip_unknown=skip_unknown, known_sectors=None, limits=limits, book=_book)
    df = _finish(out, "indicator_id", OBS_COLUMNS, ("region", "indicator_id", "year"))
    df.attrs["skipped"] = skipped
    df.attrs["intake"] = info
    return df


def _finish(out: pd.DataFrame, key: str, columns: Sequence[str], sort: Sequence[str]) -> pd.DataFrame:
    out = out.rename(columns={"key": key})
    df = pd.DataFrame({c: out[c] if c in out else pd.Series([], dtype=object) for c in columns})
    df["year"] = df["year"].astype("int64")
    df["value"] = df["value"].astype("float64")
    df = df.astype({c: "str" for c in columns if c not in ("year", "value")})
    return df.sort_values(list(sort), kind="stable").reset_index(drop=True)


def _frame_grid(raw_df: pd.DataFrame, file: str, rows: Sequence[int] | None) -> Grid:
    headers = raw_df.attrs.get("headers")
    if headers is None or len(headers) != len(raw_df.columns):
        headers = [str(c) for c in raw_df.columns]
    body = [[_text(v) if not isinstance(v, float) else v for v in r] for r in raw_df.itertuples(index=False)]
    cells = pd.DataFrame([list(headers)] + body, dtype=object)
    cells.columns = range(cells.shape[1])
    if rows is None:
        rows = raw_df.attrs.get("rows") or []
        if len(rows) != len(raw_df):
            rows = list(range(2, len(raw_df) + 2))
    hdr = int(raw_df.attrs.get("header_row", 1) or 1)
    return Grid(file, None, cells, np.array([hdr] + list(rows), dtype=np.int64))


def validate_observations(raw_df: pd.DataFrame, targets: pd.DataFrame | str | Path | None = None, *,
                          file: str = "<data>", rows: Sequence[int] | None = None,
                          default_region: str = config.DEFAULT_REGION, lang: str | None = None) -> list[Problem]:
    """Check observation cells (header = the frame's columns) against the contract; return every problem."""
    lang = _opt("lang", lang, "zh")
    cat = _obs_catalogue(_as_targets(targets))
    try:
        _read(None, panel=False, cat=cat, sheet=None, lang=lang, default_region=default_region, skip_unknown=False,
              known_sectors=None, limits=None, grid=_frame_grid(raw_df, file, rows))
    except InputError as exc:
        return exc.problems
    return []


# --------------------------------------------------------------------------------------
# sector panels
# --------------------------------------------------------------------------------------

def sector_metrics_path() -> Path:
    """``data/raw/metadata/sector_metrics.csv`` (metric, name_zh, name_en, unit, kind, ...)."""
    return config.raw_dir() / "metadata" / "sector_metrics.csv"


def _metric_catalogue(metrics) -> _Catalogue:
    if metrics is None:
        p = sector_metrics_path()
        if p.exists():
            metrics = read_table(p)
        else:
            metrics = list(SECTOR_METRICS)
    if isinstance(metrics, pd.DataFrame):
        ids = [str(m).strip() for m in metrics["metric"]]
        units = [str(u).strip() for u in metrics["unit"]] if "unit" in metrics else [""] * len(ids)
        ks = [str(k).strip() for k in metrics["kind"]] if "kind" in metrics else [""] * len(ids)
        u, k = dict(zip(ids, units)), dict(zip(ids, ks))
    elif isinstance(metrics, Mapping):
        u, k = {str(a): str(b or "") for a, b in metrics.items()}, {}
    else:
        u, k = dict.fromkeys((str(m) for m in metrics), ""), {}
    return _Catalogue(NameIndex.from_ids(u), u, k, {}, "metric")


def _sector_ids(sectors) -> set[str] | None:
    if sectors is not None:
        if isinstance(sectors, pd.DataFrame):
            sectors = sectors["entity_id"]
        return {str(s) for s in sectors}
    p = config.entities_path()
    if p.exists():
        e = read_table(p)
        if {"entity_id", "type"} <= set(e.columns):
            return set(e.loc[e["type"].str.strip().eq("sector"), "entity_id"].str.strip())
    out = set(FOCUS_SECTORS)
    try:
        for s in _as_targets(None).get("sectors", pd.Series([], dtype=str)):
            out |= {x.strip() for x in str(s).split(";") if x.strip()}
    except InputError:  # pragma: no cover
        pass
    return out


def validate_sector_panel(raw_df: pd.DataFrame, *, sectors=None, metrics=None, file: str = "<data>",
                          rows: Sequence[int] | None = None, default_region: str = config.DEFAULT_REGION,
                          lang: str | None = None) -> list[Problem]:
    """Check sector-panel cells (header = the frame's columns); return every problem."""
    lang = _opt("lang", lang, "zh")
    try:
        _read(None, panel=True, cat=_metric_catalogue(metrics), sheet=None, lang=lang, default_region=default_region,
              skip_unknown=False, known_sectors=_sector_ids(sectors), limits=None,
              grid=_frame_grid(raw_df, file, rows))
    except InputError as exc:
        return exc.problems
    return []


def read_sector_panel(path: str | Path, *, sectors: Iterable[str] | pd.DataFrame | None = None,
                      metrics: Iterable[str] | Mapping[str, str] | pd.DataFrame | None = None,
                      default_region: str = config.DEFAULT_REGION, sheet: str | int | None = None,
                      lang: str | None = None, limits: Limits | None = None,
                      _book: Book | None = None) -> pd.DataFrame:
    """Read a sector panel (long layout): ``sector, year, metric, value`` per row.

    Returns ``region, sector, year (int64), metric, value (float64), unit, source, note``
    sorted by region, sector, metric, year; raises :class:`InputError` with every problem.
    """
    sheet, lang = _opt("sheet", sheet, None), _opt("lang", lang, "zh")
    cat = _metric_catalogue(metrics)
    out, info, _ = _read(path, panel=True, cat=cat, sheet=sheet, lang=lang, default_region=default_region,
                         skip_unknown=False, known_sectors=_sector_ids(sectors), limits=limits, book=_book)
    # a metric without a known unit keeps its own; money goes to 亿元
    units = out["unit"].tolist()
    vals = out["value"].to_numpy(dtype=float).copy()
    for i, (m, u) in enumerate(zip(out["key"], units)):
        if not cat.units.get(m) and u in MONEY_UNITS and u != "亿元":
            vals[i] = convert(vals[i], unit_factor(u, "亿元"))
            units[i] = "亿元"
    out["value"], out["unit"] = vals, units
    df = _finish(out, "metric", PANEL_COLUMNS, ("region", "sector", "metric", "year"))
    df.attrs["intake"] = info
    return df


# --------------------------------------------------------------------------------------
# validate command
# --------------------------------------------------------------------------------------

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
    for i in range(min(len(g.cells), _SCAN_ROWS)):
        cells = _row_values(g, i)
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
    try:
        book = open_book(path, lang=lang, limits=limits)
    except InputError as exc:
        return exc.problems, Intake(exc.problems[0].file if exc.problems else str(path), lang)
    k = _guess_kind(book, sheet) if kind == "auto" else kind
    try:
        if k == "sectors":
            df = read_sector_panel(path, sheet=sheet, lang=lang, limits=limits, _book=book)
        else:
            df = read_observations(path, targets, sheet=sheet, lang=lang, limits=limits, _book=book)
        return [], df.attrs["intake"]
    except InputError as exc:
        return exc.problems, getattr(exc, "intake", None)


def validate_files(paths: Iterable[str | Path], targets: pd.DataFrame | str | Path | None = None,
                   kind: str = "auto", *, sheet: str | int | None = None, lang: str = "zh") -> list[Problem]:
    """Check monitoring files; return every problem of every file (empty when all are clean).

    ``kind`` is ``"observations"``, ``"sectors"`` or ``"auto"`` (guessed from the header).
    """
    if kind not in ("auto", "observations", "sectors"):
        raise ValueError(f"kind must be auto, observations or sectors, got {kind!r}")
    try:
        tt = _as_targets(targets)
    except InputError as exc:
        return exc.problems
    out: list[Problem] = []
    for p in paths:
        out.extend(check_file(p, tt, kind, sheet=sheet, lang=lang)[0])
    return out


def cli_validate(args) -> int:
    """``python -m analysis validate FILE... [--targets FILE] [--kind K] [--sheet NAME|N] [--lang zh|en]``.

    Problems go to standard error, one ``FILE[SHEET]:ROW:COLUMN: message`` per line
    (exit status 1); warnings (columns not used) and the summary of what was
    understood go to standard output, for every file.
    """
    lang = getattr(args, "lang", None) or "zh"
    tt = _as_targets(getattr(args, "targets", None))
    kind = getattr(args, "kind", "auto") or "auto"
    sheet = getattr(args, "sheet", None)
    status = 0
    for p in args.files:
        problems, info = check_file(p, tt, kind, sheet=sheet, lang=lang)
        if info is not None:
            for w in info.warnings:
                print(f"{w.file}:{'' if w.row is None else w.row}:{w.column or ''}: "
                      f"{t('intake.warning', lang)}{w.message}")
        if problems:
            status = 1
            sys.stdout.flush()
            for problem in problems:
                print(problem, file=sys.stderr)
            sys.stderr.flush()
            print(t("intake.sum_failed", lang, n=len(problems)))
        else:
            print(t("intake.sum_ok", lang))
        if info is not None:
            for line in info.lines():
                print("  " + line)
    return status
