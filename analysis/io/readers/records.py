"""Cells -> records: one record per value cell of a long, wide or transposed table.

Every record keeps the file row and column of each cell it came from, so that a check can name
``FILE:ROW:COLUMN``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.io.contract import HEADING_RE, HEADING_SERIAL_RE, header_unit, is_total, split_unit
from analysis.io.readers.layout import (Layout, blank_frame, first_cells, is_blank, map_unique, merged_heading_rows,
                                       note_rows, row_values)
from analysis.io.sheets import Grid

_FIELDS = ("ind", "year", "value", "unit", "region", "sector", "source", "note")


def cell_records(grid: Grid, lay: Layout, key_role: str) -> tuple[pd.DataFrame, list[int], dict[int, int]]:
    """One record per value cell, with the position of every cell it came from; the rows skipped
    (notes, totals, headings) and the key columns filled down (:func:`fill_grouped`)."""
    cells = grid.cells
    body = cells.iloc[lay.start:]
    rows_idx = np.arange(lay.start, len(cells))
    # skip empty rows and note rows
    bblank = blank_frame(body)
    nonblank = ~bblank.all(axis=1).to_numpy() if len(body) else np.zeros(0, dtype=bool)
    note = note_rows(body, bblank) if len(body) else np.zeros(0, dtype=bool)
    if lay.kind == "wide" and len(body):  # section headings (一、科技创新主体) with no value in the row
        ycols = sorted(lay.years)
        kj = (lay.roles.get("indicator_id") or lay.roles.get("indicator_name") or [None])[0]
        if kj is not None and ycols:
            novalue = bblank[ycols].all(axis=1).to_numpy()
            names = body[kj].to_numpy(dtype=object)
            firsts = first_cells(body, bblank).to_numpy(dtype=object)
            heading = np.array([any(isinstance(v, str) and HEADING_RE.match(v.strip()) for v in (a, b))
                                or isinstance(b, str) and bool(HEADING_SERIAL_RE.match(b.strip()))
                                for a, b in zip(names[novalue], firsts[novalue])], dtype=bool)
            idx = np.flatnonzero(novalue)
            note = note.copy()
            if len(idx):
                note[idx[heading]] = True
        # the same heading merged across the table (一、科技投入与产出 over B:J): its text copied into the year cells
        for i in merged_heading_rows(grid, lay):
            note[i - lay.start] = True
    if len(body) and lay.kind != "transposed":  # 5 | 合计 | …: a total row with a 序号, in the id or name column
        for kcol in {js[0] for r in ("indicator_id", "indicator_name", "metric") if (js := lay.roles.get(r))}:
            note = note | map_unique(body[kcol].to_numpy(dtype=object), is_total).astype(bool)
    skipped = [int(grid.rows[i]) for i in rows_idx[nonblank & note]]
    keep = rows_idx[nonblank & ~note]
    merged = getattr(grid, "merged", None) or {}
    if merged:  # the cells a merged range filled, as (position in the kept rows, column)
        pos = {int(r): k for k, r in enumerate(grid.rows[keep])}
        copies = {(pos[r], c) for r, c in merged if r in pos}
    else:
        copies = set()
    sub, grouped = fill_grouped(cells.iloc[keep], lay, copies)
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
        _names_beside_ids(out, sub, lay, kj, file_rows, None)
        out["_hunit"] = header_unit(cells.iat[lay.header[-1], spec["value"]]) if spec["value"] is not None else ""
        return out, skipped, grouped
    ycols = sorted(lay.years) if lay.kind == "wide" else sorted(lay.indicators)
    m = len(ycols)
    rep = np.repeat(np.arange(n), m)
    vc = np.tile(np.array(ycols, dtype=np.int64), n)
    values = sub[ycols].to_numpy(dtype=object).reshape(-1) if m and n else np.zeros(0, dtype=object)
    rr = np.repeat(file_rows, m)
    out = pd.DataFrame({"value": values, "_value_c": vc, "_value_r": rr, "_row": rr})
    if lay.kind == "wide":
        kj = next((col(r) for r in ("indicator_id", "indicator_name", "metric") if col(r) is not None), None)
        out["ind"] = sub[kj].to_numpy(dtype=object)[rep]
        out["_ind_c"], out["_ind_r"] = kj, rr
        yj = getattr(grid, "row_year_col", None)
        if yj is not None:  # 指标 | 年份 | 平川区 | 白银区 (titles.region_columns): the year of the value's row
            out["year"] = sub[yj].to_numpy(dtype=object)[rep]
            out["_year_c"], out["_year_r"] = yj, rr
        else:
            out["year"] = np.array([lay.years[j] for j in ycols], dtype=object)[np.tile(np.arange(m), n)] if m else []
            out["_year_c"], out["_year_r"] = vc, hdr_row
        uj = col("unit")
        out["unit"] = sub[uj].to_numpy(dtype=object)[rep] if uj is not None else ""
        out["_unit_c"], out["_unit_r"] = (uj if uj is not None else -1), rr
        out["_hunit"] = ""
        _names_beside_ids(out, sub, lay, kj, rr, rep)
    else:  # transposed
        heads = [split_unit(lay.indicators[j]) for j in ycols]
        out["ind"] = np.array([h[0] for h in heads], dtype=object)[np.tile(np.arange(m), n)] if m else []
        out["_ind_c"], out["_ind_r"] = vc, hdr_row
        yj = col("year")
        out["year"] = sub[yj].to_numpy(dtype=object)[rep]
        out["_year_c"], out["_year_r"] = yj, rr
        hunits = np.array([h[1] for h in heads], dtype=object)
        if lay.unit_row is not None:
            urow = row_values(grid, lay.unit_row)
            ucells = np.array([urow[j] if not is_blank(urow[j]) else "" for j in ycols], dtype=object)
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
    regions = getattr(grid, "column_regions", None)
    if lay.kind == "wide" and regions:  # one column per region (titles.region_columns): the region is the column's
        out["region"] = np.array([regions.get(j, "") for j in ycols], dtype=object)[np.tile(np.arange(m), n)] if m \
            else []
        out["_region_c"], out["_region_r"] = vc, hdr_row
    return out, skipped, grouped


#: The key columns a clerk may fill once per group of rows (地区 on the first row of each region's block).
GROUPED_ROLES = ("region", "indicator_id", "indicator_name", "sector", "metric")


def _blank(col: pd.Series) -> np.ndarray:
    """:func:`is_blank` of each cell, computed once per distinct value (key columns repeat a few names)."""
    return map_unique(col.to_numpy(dtype=object), is_blank).astype(bool)


def fill_grouped(sub: pd.DataFrame, lay: Layout, merged=None) -> tuple[pd.DataFrame, dict[int, int]]:
    """``sub`` with the key columns written once per group filled down, and ``{column: cells filled}``.

    A column is written once per group when its first row is filled, some rows below are empty,
    and no filled cell repeats the one above it (平川区 on the first row of its rows, then empty
    until 白银区): the empty cells mean "as above", as merged cells would. A column where some
    rows repeat the name and others leave it empty, or with a single empty cell, is not (the empty
    cells stay empty: an error where a name is required). The unit written on an indicator's first
    row then holds for its group too (万元 once).

    ``merged`` (``(row index of sub, column)`` of cells a merged range filled) are copies, not names
    typed again: they neither break the pattern nor count as filled down. A name column beside a
    complete id column only checks the ids: it is not filled."""
    if not len(sub):
        return sub, {}
    merged = merged or set()
    ids = lay.roles.get("indicator_id", [])[:1]
    ids_complete = bool(ids) and not _blank(sub[ids[0]]).any()
    out, counts = sub, {}
    starts = np.zeros(len(sub), dtype=bool)  # rows where a group of a column filled before starts (a new region)
    for role in GROUPED_ROLES:
        if role == "indicator_name" and ids_complete:
            continue
        for j in lay.roles.get(role, [])[:1]:
            col = sub[j]
            blank = _blank(col)
            copied = np.zeros(len(sub), dtype=bool)
            copied[[i for i, c in merged if c == j]] = True
            typed = ~blank & ~copied
            # one empty cell is a cell left out, not a group (unless merged groups above show the style)
            if blank[0] or not blank.any() or (blank | copied).sum() < 2 or blank.all():
                continue
            at = np.flatnonzero(typed)
            named = np.array([str(v).strip() for v in col.to_numpy(dtype=object)[at]], dtype=object)
            # the same name twice in a row is no group start, unless a new group of another column starts
            # there (技术经纪人 under 平川区, then 技术经纪人 under 白银区)
            if ((named[1:] == named[:-1]) & ~starts[at[1:]]).any():
                continue
            starts |= typed
            if out is sub:
                out = sub.copy()
            out[j] = col.mask(blank).ffill()
            counts[j] = int(blank.sum())
            units = lay.roles.get("unit", [])[:1]
            if role in ("indicator_id", "indicator_name", "metric") and units:
                # the unit written on an indicator's first row holds for its group (万元 once, then empty)
                u = units[0]
                ublank = pd.Series(_blank(out[u]), index=out.index)
                filled = out[u].mask(ublank).groupby(np.cumsum(~blank)).ffill()
                n_units = int((ublank & filled.notna()).sum())
                if n_units:
                    out[u] = out[u].where(~ublank | filled.isna(), filled)
                    counts[u] = n_units
    return out, counts


def _names_beside_ids(out: pd.DataFrame, sub: pd.DataFrame, lay: Layout, kj: int | None, rows, rep) -> None:
    """A name column (指标名称) beside the id column the indicator is read from: its cells as
    ``_name`` (with ``_name_c`` / ``_name_r``), for the check that each row's name and id agree."""
    names = [j for j in lay.roles.get("indicator_name", []) if j != kj]
    if kj is None or kj not in lay.roles.get("indicator_id", []) or not names:
        return
    cells = sub[names[0]].to_numpy(dtype=object)
    out["_name"] = cells if rep is None else cells[rep]
    out["_name_c"], out["_name_r"] = names[0], rows
