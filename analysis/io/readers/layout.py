"""Where the table is: the header row found by content, and which layout it is.

A sheet's header is the first row (of the first :data:`SCAN_ROWS`) that fits one layout (long,
wide or transposed, see ``docs/data_contract.md``); title rows and unit statements above it are
kept in the :class:`Layout`, spacer, serial and unused columns are sorted out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Mapping

import numpy as np
import pandas as pd

from analysis.io.contract import (NameIndex, header_role, is_note, near_miss, split_unit, title_unit_statement,
                                  unit_statement, year_header)
from analysis.io.numbers import COUNT_UNITS, MONEY_UNITS, TEN_THOUSAND_UNITS, normalize_unit, parse_number
from analysis.io.sheets import Grid
from analysis.io.sheets.cells import letters_to_index

SCAN_ROWS = 60


@dataclass
class Layout:
    kind: str                                   # long | wide | transposed
    header: list[int]                           # grid indices of the header row(s)
    start: int                                  # first data row (grid index)
    roles: dict[str, list[int]]                 # role -> columns
    years: dict[int, int] = field(default_factory=dict)         # wide: column -> year
    indicators: dict[int, str] = field(default_factory=dict)    # transposed: column -> header text
    unit_row: int | None = None                 # transposed: a 单位 row under the header
    blank_unit_header: int | None = None        # a unit column found by its cells, its header blank
    spacer: list[int] = field(default_factory=list)
    unused: list[int] = field(default_factory=list)
    near: list[tuple[int, str]] = field(default_factory=list)
    statements: list[tuple[int, int, str, str]] = field(default_factory=list)  # (row idx, col, scope, unit)


def row_values(grid: Grid, i: int) -> list:
    return list(grid.cells.iloc[i].to_numpy(dtype=object))


def blank_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Cells that are empty (grid cells are stripped text or numbers; ``""`` is empty)."""
    return df.eq("")


def first_cells(df: pd.DataFrame, blank: pd.DataFrame) -> pd.Series:
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


def note_rows(df: pd.DataFrame, blank: pd.DataFrame) -> np.ndarray:
    first = first_cells(df, blank)
    if isinstance(first.dtype, pd.StringDtype):  # a column of text (a CSV): no per-cell type test
        is_str = first.notna().to_numpy()
    elif pd.api.types.infer_dtype(first, skipna=False) == "string":
        is_str = np.ones(len(first), dtype=bool)
    else:
        is_str = first.map(type).eq(str).to_numpy()
    out = np.zeros(len(df), dtype=bool)
    if is_str.any():
        text = first[is_str]
        hit = map_unique(text.to_numpy(dtype=object), is_note).astype(bool)
        out[np.flatnonzero(is_str)[hit]] = True
    return out


def map_unique(values, fn) -> np.ndarray:
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


def is_blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and math.isnan(v))


_RANGE_RE = re.compile(r"([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)")


def merged_heading_rows(grid: Grid, lay: Layout) -> set[int]:
    """Grid indices of the wide table's body rows whose only content is one merged range of text
    that runs from the indicator column into the year columns (``一、科技投入与产出`` merged over
    B:J or A:J): a section heading. The merge fill (:func:`~analysis.io.sheets.workbook.workbook_grid`)
    has copied its text into every year cell, so the row no longer looks empty of values; unmerged,
    the same heading is skipped as a heading row, and so it is here (the text is no number of any year)."""
    merged = grid.merged
    kj = next((js[0] for r in ("indicator_id", "indicator_name", "metric") if (js := lay.roles.get(r))), None)
    if lay.kind != "wide" or not merged or kj is None or not lay.years or lay.start >= len(grid.cells):
        return set()
    first, start, end = int(grid.rows[0]), int(grid.rows[lay.start]), int(grid.rows[-1])
    key, years = grid.col0 + kj, [grid.col0 + j for j in lay.years]
    out: set[int] = set()
    for rng in set(merged.values()):
        m = _RANGE_RE.fullmatch(rng)
        if not m:
            continue
        ca, ra, cb, rb = letters_to_index(m.group(1)), int(m.group(2)), letters_to_index(m.group(3)), int(m.group(4))
        if not (ca <= key <= cb and any(ca <= y <= cb for y in years)):
            continue
        for r in range(max(ra, start), min(rb, end) + 1):
            i = r - first  # workbook grids hold every sheet row from the first
            if not 0 <= i < len(grid.cells) or int(grid.rows[i]) != r:
                continue
            cells = row_values(grid, i)
            filled = [(grid.col0 + j, c) for j, c in enumerate(cells) if not is_blank(c)]
            if filled and all(ca <= j <= cb for j, _ in filled) and all(
                    isinstance(c, str) and parse_number(c) is None for _, c in filled):
                out.add(i)
    return out


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
            if is_blank(cells[j]) and j in below.columns:
                col = [v for v in below[j].tolist() if isinstance(v, str) and v.strip()]
                if sum(1 for v in col if names.resolve(split_unit(v)[0])[0]) >= 1:
                    hits.append(j)
        return {"indicator_name": hits} if len(hits) == 1 else {}
    named = [j for j, c in enumerate(cells) if isinstance(c, str) and c.strip()
             and names.resolve(split_unit(c)[0])[0]]
    if len(named) >= 2:
        hits = [j for j in range(min(named)) if is_blank(cells[j]) and j in below.columns
                and sum(1 for v in below[j].tolist() if not is_blank(v) and year_header(v) is not None) >= 1]
        return {"year": hits} if len(hits) == 1 else {}
    return {}


def detect(grid: Grid, aliases: Mapping[str, str], names: NameIndex | None, panel: bool
            ) -> tuple[Layout | None, list[str]]:
    """The first row that is a header of one layout; ``(None, reasons)`` when no row is.

    A row that could be the header of two layouts is reported as ambiguous (``reasons``
    then holds ``"ambiguous"``).
    """
    n = min(len(grid.cells), SCAN_ROWS)
    statements: list[tuple[int, int, str, str]] = []
    partial: list | None = None
    for i in range(n):
        cells = row_values(grid, i)
        if all(is_blank(c) for c in cells):
            continue
        for j, c in enumerate(cells):
            st = unit_statement(c)
            if st:
                statements.append((i, j, st[0], st[1]))
        # a title merged across the table is one cell: the merge fill's copies are not more cells
        row = int(grid.rows[i])
        filled = [(j, c) for j, c in enumerate(cells) if not is_blank(c) and (row, grid.col0 + j) not in grid.merged]
        if len(filled) == 1 and not any(si == i for si, *_ in statements):  # a title row: 主要指标（单位：万元）
            st = title_unit_statement(filled[0][1])
            if st:
                statements.append((i, filled[0][0], st[0], st[1]))
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
            nxt = row_values(grid, i + 1)
            ny = {j: y for j, c in enumerate(nxt) if (y := year_header(c)) is not None}
            rest = [j for j in range(len(nxt)) if j not in ny and not is_blank(nxt[j])]
            if (len(ny) >= 2 or any(isinstance(nxt[j], str) for j in ny)) and "value" not in roles and all(
                    is_blank(cells[j]) or j in roles.get("year", []) for j in ny) and all(
                    j < len(cells) and nxt[j] == cells[j] for j in rest):
                years, header, start = ny, [i, i + 1], i + 2
        if years and len(header) == 1 and i + 1 < len(grid.cells):  # labels under the years: 目标值 | 预计完成
            header, start = _sub_label_row(grid, i, years, header, start)
        if years and "year" in roles:  # the 年份 label merged over the year columns
            roles["year"] = [j for j in roles["year"] if j not in years]
            if not roles["year"]:
                del roles["year"]
        kinds = []
        if panel:
            if {"sector", "metric", "year", "value"} <= set(roles) and not years:
                kinds.append("long")
            if {"sector", "metric"} <= set(roles) and years and "value" not in roles and "year" not in roles:
                kinds.append("wide")  # 行业 | 指标 | 计量单位 | 2017年 | 2018年: a row per sector and metric
        else:
            has_ind = "indicator_id" in roles or "indicator_name" in roles
            # 指标 | 年份 | 平川区 | 白银区 (titles.region_columns): the year column is each row's, beside the regions
            row_year = roles.get("year") == [getattr(grid, "row_year_col", None)]
            if has_ind and "year" in roles and "value" in roles and not years:
                kinds.append("long")
            if has_ind and years and "value" not in roles and ("year" not in roles or row_year):
                kinds.append("wide")
            if has_ind and years and "value" in roles:
                return None, ["ambiguous"]
            if "year" in roles and not has_ind and "value" not in roles and not years:
                others = [j for j, c in enumerate(cells) if not is_blank(c) and j not in
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
    if not len(grid.cells) or not any(not is_blank(v) for v in grid.cells.to_numpy(dtype=object).reshape(-1)[:100000]):
        return None, ["empty"]
    return None, (["partial"] + partial if partial and len(partial) > 1 else [])


def _sub_label_row(grid: Grid, i: int, years: dict[int, int], header: list[int], start: int
                   ) -> tuple[list[int], int]:
    """A second header row under a row of years: the header's own cells merged down into it, and
    words (no numbers) under the years, such as 目标值 / 预计完成 / 实际 under 2020年. It is part
    of the header, not a row of data."""
    nxt = row_values(grid, i + 1)
    row = int(grid.rows[i + 1])
    words = 0
    for j, v in enumerate(nxt):
        if is_blank(v) or (row, grid.col0 + j) in grid.merged:
            continue
        if j in years and isinstance(v, str) and parse_number(v) is None and year_header(v) is None:
            words += 1
            continue
        return header, start
    return ([i, i + 1], i + 2) if words else (header, start)


def _classify_columns(grid: Grid, lay: Layout, cells: list, years: dict[int, int], aliases, names) -> None:
    used = {j for js in lay.roles.values() for j in js}
    start = lay.start
    blank_cache: list = []

    def column_blank(j: int) -> bool:
        """Whether column j is empty below the header (note rows and section headings, merged
        across the table, do not count); the whole body is looked at only when a column is not used."""
        if not blank_cache:
            data = grid.cells.iloc[start:]
            dblank = blank_frame(data)
            if len(data):
                keep = ~note_rows(data, dblank)
                # a section heading merged across the table is no content of the columns it spans
                keep[[i - start for i in merged_heading_rows(grid, lay)]] = False
                data, dblank = data.loc[keep], dblank.loc[keep]
            blank_cache.append((data, dblank))
        data, dblank = blank_cache[0]
        return bool(dblank[j].all()) if j in data.columns else True

    if lay.kind == "wide":
        lay.years = years
        used |= set(years)
    if lay.kind == "transposed":
        for j, c in enumerate(cells):
            if j not in used and not is_blank(c):
                if near_miss(c, aliases):
                    continue
                lay.indicators[j] = str(c)
        used |= set(lay.indicators)
        # a row of units right under the header (单位 in the year column)
        if lay.start < len(grid.cells):
            first = row_values(grid, lay.start)
            yj = lay.roles["year"][0]
            labelled = header_role(first[yj]) == "unit" if isinstance(first[yj], str) else False
            # or no label, the year cell empty and every indicator's cell a unit (万元 | 家 | 件/万人)
            units = [first[j] for j in lay.indicators if j < len(first) and not is_blank(first[j])]
            unlabelled = is_blank(first[yj]) and len(units) >= max(1, len(lay.indicators) // 2) and all(
                isinstance(u, str) and _is_unit(u) for u in units)
            if labelled or unlabelled:
                lay.unit_row = lay.start
                lay.start += 1
    for j in range(len(cells)):
        if j in used:
            continue
        c = cells[j]
        if len(lay.header) > 1 and is_blank(c):
            c = row_values(grid, lay.header[1])[j]
        if is_blank(c):
            if column_blank(j):
                lay.spacer.append(j)
            elif lay.kind != "transposed" and "unit" not in lay.roles and _unit_column(grid, lay, j):
                lay.roles["unit"] = [j]      # a unit column whose header was left blank (万元 | 家 | 百万元)
                lay.blank_unit_header = j
            else:
                lay.unused.append(j)
            continue
        if near_miss(c, aliases):
            lay.near.append((j, near_miss(c, aliases)))
        else:
            lay.unused.append(j)


def _unit_column(grid: Grid, lay: Layout, j: int) -> bool:
    """Whether the body of column ``j`` holds units only (at least two cells, every one a unit)."""
    body = [c for c in grid.cells.iloc[lay.start:, j].tolist() if not is_blank(c)]
    return len(body) >= 2 and all(isinstance(c, str) and _is_unit(c) for c in body)


def _is_unit(text: str) -> bool:
    """Whether a cell is a unit as tables write them (万元, 家, 件/万人, %, 亿元): a known unit, or a
    short one built of unit words around a slash."""
    u = normalize_unit(text)
    if u in MONEY_UNITS or u in COUNT_UNITS or u in TEN_THOUSAND_UNITS or u in ("%", "‰", "户", "人", "个百分点"):
        return True
    return bool(re.fullmatch(r"[\u4e00-\u9fff%]{1,3}/[\u4e00-\u9fff]{1,3}", u))
