"""A workbook with one sheet per year (2017年, 2018年, 2019年) or per region (平川区, 白银区, 靖远县):
every sheet read, then combined.

Bureaus often keep a year's table on a sheet of its own, each one the table as published that
year (often with the earlier years again, sometimes revised). When several sheets of a workbook
look like data and each is named for a different year (by its name, else by its title), the
reader reads every one of them and combines them:

* a value given by one sheet only is read as it is;
* a value given by several sheets (the 2018 figure in the 2018 and the 2019 tables) is read once,
  from the sheet of the **latest year** (the newer publication: a later table carries the revised
  figure); where the sheets agree this is counted in the summary, where they differ each value
  is a warning naming both cells and both numbers (never a silent choice);
* every problem of every sheet is reported, each with its own sheet, row and column.

A workbook with one sheet per indicator, each a table of places by year with no indicator column (the
sheet 技术市场合同交易额, or its title 各县区技术市场合同交易额（万元）, naming the indicator) is read the same
way, each sheet's values that indicator's. A workbook with one sheet per region (each sheet's name a
place: 平川区, 靖远县, 白银市) is read the same way, each sheet's rows without a region of their own being that sheet's region (said in the
summary); a value two sheets both give is read once when they agree and an error when they differ
(no sheet is the newer one).

The sheets not combined (a cover page, notes) are listed as skipped, as for a single sheet.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from analysis.errors import InputError, Problem
from analysis.i18n import t
from analysis.i18n.names import unit_after
from analysis.io.contract import year_header
from analysis.io.readers.checks import place_read_as
from analysis.io.readers.layout import Layout
from analysis.io.readers.summary import Intake, quote
from analysis.io.readers.titles import _PLACE_HEADER_RE, _year_title, named_region
from analysis.io.sheets import Grid, column_letter

__all__ = ["sheet_years", "sheet_regions", "sheet_indicators", "combinable", "names_places", "read_sheets"]

_NAME_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
#: The columns that name one value (a second value for them is a repeat).
KEY = ["region", "key", "sector", "year"]


def _name_year(name: str | None) -> int | None:
    """The one year a sheet's name gives (2019年, 2019年报, 2019年数据, 二〇一九年), else None."""
    if not name:
        return None
    y = year_header(name)
    if y is not None:
        return int(y)
    years = set(_NAME_YEAR_RE.findall(name))
    return int(years.pop()) if len(years) == 1 else None


def sheet_years(grids: Sequence[Grid]) -> list[int] | None:
    """The year each sheet is named for (by its name, else by a title naming one year), when every
    sheet has one and no two share it; otherwise None (the sheets are not one table a year)."""
    years = []
    for g in grids:
        y = _name_year(g.sheet)
        if y is None:
            title = _year_title(g)
            y = title[1] if title is not None else None
        if y is None:
            return None
        years.append(y)
    return years if len(set(years)) == len(years) else None


def sheet_regions(chosen: Sequence[tuple[Grid, Layout]]) -> list[tuple[str, str, str]] | None:
    """The region each sheet is of, ``(region, how, text)``, when every sheet names one and no two the
    same one; otherwise None. A sheet's whole name a place (平川区, 靖远县, 白银市) is that place, as
    written; else (stop 43) the one district its name and its title or 填报单位 line name between them
    (:func:`~.titles.named_region`): a tab's short name (平川, 靖远: ``how`` "sheet", ``text`` the tab),
    a generic tab (Sheet1) under a title 平川区科技指标… (``how`` "title" / "unit", ``text`` that line).
    ``白银`` alone is 白银区 beside other tabs naming districts short (平川, 靖远), as in a region column;
    a sheet naming no district or several is not decided (the error then asks for full names)."""
    found: list[tuple[str, str, str]] = []
    for g, lay in chosen:
        name = re.sub(r"\s+", "", unicodedata.normalize("NFKC", g.sheet or ""))
        if _PLACE_HEADER_RE.fullmatch(name):  # the tab as written (a place not of the plan's city too)
            found.append((name, "sheet", str(g.sheet)))
            continue
        named = named_region(g, lay.header[0])
        if named is None and name == "白银":
            found.append(("白银", "baiyin", str(g.sheet)))
        elif named is not None and named[1] in ("sheet", "title", "unit"):
            found.append(named)
        else:  # none, several (平川 over a title 靖远县…), another city's: whose figures cannot be told
            return None
    short = [f for f in found if f[1] == "sheet" and place_read_as(
        re.sub(r"\s+", "", unicodedata.normalize("NFKC", f[2])))[1] == "intake.conv_place_short"]
    for k, f in enumerate(found):
        if f[1] == "baiyin":  # 白银 beside 平川, 靖远 (short names of the city's districts): the district
            if not short or any(r == "白银区" for r, _, _ in found):
                return None
            found[k] = ("白银区", "baiyin", f[2])
    regions = [r for r, _, _ in found]
    return found if len(set(regions)) == len(regions) else None


def names_places(chosen: Sequence[tuple[Grid, Layout]]) -> bool:
    """Whether any of these sheets names a place, by its tab (平川区, 平川, 白银) or its title or 填报单位
    line (平川区科技指标…): they may be one a district that could not be told apart, and the error
    then says to name each with its district's full name."""
    for g, lay in chosen:
        name = re.sub(r"\s+", "", unicodedata.normalize("NFKC", g.sheet or ""))
        if _PLACE_HEADER_RE.fullmatch(name) or name == "白银" or named_region(g, lay.header[0]) is not None:
            return True
    return False


def sheet_indicators(grids: Sequence[Grid]) -> list[str] | None:
    """The indicator each sheet is a table of, by place and year, when every sheet is such a table
    named by its sheet or its title (:func:`~.titles.indicator_column`) and no two name the same one;
    otherwise None."""
    found = [getattr(g, "indicator_from", None) for g in grids]
    if any(f is None or f[0] == "catalogue" for f in found):
        return None
    ids = [f[2] for f in found]
    return ids if len(set(ids)) == len(ids) else None


def combinable(chosen: Sequence[tuple[Grid, Layout]]) -> bool:
    """Whether these sheets (with their layouts) are one table a year, a region or an indicator (and
    so read together)."""
    grids = [g for g, _ in chosen]
    return sheet_years(grids) is not None or sheet_regions(chosen) is not None or sheet_indicators(grids) is not None


#: ``read_one(grid, layout, intake, **kw)`` -> ``(records, intake, skipped)``: one sheet's read
#: (``kw``: ``default_region`` for a sheet named for a region).
Reader = Callable[..., tuple[pd.DataFrame, Intake, dict]]


def read_sheets(chosen: Sequence[tuple[Grid, Layout]], info: Intake, read_one: Reader,
                shown: Callable[[str], str]) -> tuple[pd.DataFrame, Intake, dict]:
    """Read each sheet of ``chosen`` (:func:`combinable`) with ``read_one(grid, layout, intake,
    default_region=...)`` and combine them as the module says: by year (:func:`sheet_years`; oldest
    first, the later one wins a repeat), else by region (:func:`sheet_regions`, each sheet's default
    region). ``info`` (the workbook's summary) receives every sheet's; ``shown(id)`` names an
    indicator in a message. Returns ``(records, info, skipped)`` like one sheet's read; raises
    :class:`InputError` with every sheet's problems."""
    years = sheet_years([g for g, _ in chosen])
    regions = sheet_regions(chosen) if years is None else None
    order = sorted(range(len(chosen)), key=lambda k: years[k]) if years is not None else list(range(len(chosen)))
    info.sheets = [chosen[k][0].sheet for k in order]
    info.sheets_by = "year" if years is not None else "region" if regions is not None else "indicator"
    info.sheet = None
    info.sheets_skipped = [s for s in info.sheets_skipped if s not in info.sheets]
    outs, parts, problems, skipped = [], [], [], {}
    for rank, k in enumerate(order):
        grid, lay = chosen[k]
        part = Intake(info.file, info.lang, info.kind, sheet=grid.sheet)
        try:
            kw = {} if regions is None else {"default_region": regions[k][0]}
            out, part, sk = read_one(grid, lay, part, **kw)
            if regions is not None:  # rows without a region: the sheet's, said as where it was found
                _said_region(part, *regions[k])
            outs.append(out.assign(_sheet=grid.sheet, _where=grid.where, _rank=rank))
            for name, rows in sk.items():
                skipped.setdefault(name, []).extend(f"{grid.sheet}!{r}" for r in rows)
        except InputError as exc:
            problems += exc.problems
            part = getattr(exc, "intake", part)
        parts.append(part)
    _merge(info, parts)
    if problems:
        exc = InputError(problems)
        exc.intake = info  # type: ignore[attr-defined]
        raise exc
    out = pd.concat(outs, ignore_index=True)
    out = _resolve_repeats(out, info, shown, by_year=years is not None)
    info.skipped_unknown = skipped
    return out.drop(columns=["_sheet", "_rank"]), info, skipped  # (_where kept: where each value was read)


#: The notes a sheet's read gives its rows without a region (the default, or the region its own
#: name or title names): replaced by the one the workbook's sheets were told apart by.
_REGION_NOTES = ("intake.conv_default_region", "intake.conv_region_sheet", "intake.conv_region_title",
                 "intake.conv_region_unit")


def _said_region(part: Intake, region: str, how: str, text: str) -> None:
    """Say the rows without a region as the sheet's ``region``, and how it was told: its tab as the
    region (平川区), a tab naming it short (平川; 白银 beside such tabs), its title or 填报单位 line.
    (The first sheet's read, its region the default, names its region itself: the same, said alike.)"""
    shown = quote(text)[1:-1]
    if how == "sheet" and re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)) == region:
        key, extra = "intake.conv_region_sheet", {}
    elif how in ("sheet", "baiyin"):
        key, extra = f"intake.conv_region_sheet_{'named' if how == 'sheet' else 'baiyin'}", {"sheet": quote(text)}
    else:
        key, extra = f"intake.conv_region_{how}", {"title": shown}
    for (k, params), n in list(part.conversions.items()):
        if k in _REGION_NOTES:
            del part.conversions[(k, params)]
            part.note(key, n, region=region, **extra)


def _merge(info: Intake, parts: Sequence[Intake]) -> None:
    """Add each sheet's summary to the workbook's (counts summed, lists joined; rows named with
    their sheet, ``2019年!7``)."""
    first = next((p for p in parts if p.layout), parts[0])
    info.layout, info.header_rows = first.layout, list(first.header_rows)
    for p in parts:
        info.rows_read += p.rows_read
        info.values_read += p.values_read
        info.blank += p.blank
        info.rejected += p.rejected
        info.indicators = sorted(set(info.indicators) | set(p.indicators))
        info.years = sorted(set(info.years) | set(p.years))
        info.regions = sorted(set(info.regions) | set(p.regions))
        info.conversions.update(p.conversions)
        info.ignored += [x for x in p.ignored if x not in info.ignored]
        info.skipped_rows += [f"{p.sheet}!{r}" for r in p.skipped_rows]
        info.warnings += p.warnings


def _shown_value(row, lang: str) -> str:
    """A value as the messages show it: in the catalogue's unit (after any conversion), with it
    (in English, the English unit: 1.05 hundred million yuan, 6 for a count)."""
    return f"{float(row['value']):g}" + unit_after(row.get("unit") or "", lang)


def _letter(col) -> str | None:
    return column_letter(int(col)) if col is not None and int(col) >= 0 else None


def _resolve_repeats(out: pd.DataFrame, info: Intake, shown: Callable[[str], str], by_year: bool) -> pd.DataFrame:
    """One value per (region, indicator, sector, year): the latest sheet's; repeats that agree are
    counted, repeats that differ are warned (sheets by year: the later one is used) or errors
    (sheets by region), each naming both cells."""
    if out.empty:
        return out
    out = out.sort_values("_rank", kind="stable").reset_index(drop=True)
    dup_later = out.duplicated(KEY, keep="last")  # every copy but the latest sheet's
    if not dup_later.any():
        return out
    latest = out.loc[~out.duplicated(KEY, keep="last")].set_index(KEY)
    same, errors = 0, []
    for _, old in out.loc[dup_later].iterrows():
        new = latest.loc[tuple(old[c] for c in KEY)]
        if np.isclose(float(old["value"]), float(new["value"]), rtol=1e-9, atol=0.0) or (
                np.isnan(old["value"]) and np.isnan(new["value"])):
            same += 1
            continue
        sep = "，" if info.lang == "zh" else ", "
        what = sep.join([str(old["region"])] + ([str(old["sector"])] if old["sector"] else [])
                        + [shown(str(old["key"])), str(int(old["year"]))])
        said = Problem(new["_where"], int(new["_row"]), _letter(new["_col"]), t(
            "intake.sheets_differ" if by_year else "intake.sheets_differ_regions", info.lang, what=what,
            new=_shown_value(new, info.lang), old=_shown_value(old, info.lang), old_sheet=repr(str(old["_sheet"])),
            old_row=int(old["_row"]), old_col=_letter(old["_col"]) or "", sheet=repr(str(new["_sheet"]))))
        (info.warnings if by_year else errors).append(said)
    if same:
        info.note("intake.conv_sheets_same", same)
    if errors:
        info.rejected += len(errors)
        exc = InputError(errors)
        exc.intake = info  # type: ignore[attr-defined]
        raise exc
    return out.loc[~dup_later].reset_index(drop=True)
