"""Reading a file: the sheet chosen, the header checked, the records checked, the frame returned.

:func:`read_observations` and :func:`read_sector_panel` read a user's file; their pure twins
:func:`validate_observations` and :func:`validate_sector_panel` check a frame's cells; :func:`options`
sets the sheet and language of every read in a context (the CLI's ``--sheet`` and ``--lang``).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import unicodedata
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis import config
from analysis.errors import InputError, Problem
from analysis.i18n import has, t
from analysis.io import catalogue
from analysis.io.contract import (COLUMN_ALIASES, DATA_YEAR_HEADERS, OBS_COLUMNS, PANEL_ALIASES, PANEL_COLUMNS, REGION_CODE_HEADERS,
                                  HEADING_RE, PLAN_CITY, PLAN_DISTRICTS, NameIndex, header_key, header_role,
                                  year_header)
from analysis.io.numbers import MONEY_UNITS, convert, parse_number, parse_year, unit_factor
from analysis.io.readers.checks import (PART_YEAR_NOTE_RE, Catalogue, aggregate_of, place_read_as, cell_text,
                                        check_cells, is_final_label, shown_indicator)
from analysis.io.readers.combine import combinable, names_places, read_sheets
from analysis.io.readers.layout import Layout, blank_frame, detect, is_blank, row_values
from analysis.io.readers.records import GROUPED_ROLES, cell_records
from analysis.io.readers.summary import Intake, join_words, quote
from analysis.io.readers.titles import (PART_YEAR_RE, file_district, indicator_column, is_place, named_region, no_header,
                                        period_years, region_columns, sheet_name_year, year_conflict)
from analysis.io.sheets import Book, Grid, Limits, column_letter, open_book, read_table, shown_name
from analysis.vocab import FOCUS_SECTORS, SECTOR_METRICS

_OPTIONS: contextvars.ContextVar[dict] = contextvars.ContextVar("intake_options", default={})


@contextlib.contextmanager
def options(*, sheet: str | int | None = None, lang: str | None = None, skip_unknown: bool | None = None):
    """Defaults for every read in this context (the CLI's ``--sheet``, ``--lang`` and
    ``--skip-unknown``, which drops the rows of indicators the catalogue does not have from every
    monitoring file read, saying which).

    Functions called deep inside other commands (``assess``, ``build``, ``report``)
    read the user's files with the sheet and language the user chose::

        with readers.options(sheet="2019年报", lang="en"):
            cli_assess(args)
    """
    token = _OPTIONS.set({k: v for k, v in {"sheet": sheet, "lang": lang, "skip_unknown": skip_unknown or None}.items()
                          if v is not None})
    try:
        yield
    finally:
        _OPTIONS.reset(token)


def option(name: str, value, default):
    if value is not None:
        return value
    return _OPTIONS.get().get(name, default)


def as_targets(targets: pd.DataFrame | str | Path | None) -> pd.DataFrame:
    if isinstance(targets, pd.DataFrame):
        return targets
    return catalogue.load_targets(targets)


def _obs_catalogue(targets: pd.DataFrame) -> Catalogue:
    units = {str(i): str(u) for i, u in zip(targets["id"], targets["unit"])}
    kinds = ({str(i): str(k) for i, k in zip(targets["id"], targets["kind"])} if "kind" in targets
             else {i: catalogue.infer_kind(u, 0.0) for i, u in units.items()})
    tv = {}
    if "value" in targets:
        for i, v in zip(targets["id"], targets["value"]):
            x = parse_number(v)
            if x is not None:
                tv[str(i)] = x
    return Catalogue(NameIndex.from_targets(targets), units, kinds, tv, "indicator")


#: Names of a sheet of instructions or examples, not of data (填报说明, 说明, 示例, 样表, instructions).
_INSTRUCTIONS_SHEET_RE = re.compile(r"说明|须知|示例|样表|样例|范例|instruction|example|readme", re.I)


def _pivot(grid: Grid, lay: Layout) -> bool:
    """Whether a sheet's table is a pivot table copied as values (its indicator column headed 行标签)."""
    return any(header_key(grid.cells.iat[i, j]) == "行标签" for i in lay.header for j in range(grid.cells.shape[1]))


def _choose_sheet(book: Book, sheet, aliases, names, panel: bool, info: Intake) -> list[tuple[Grid, Layout]]:
    """The sheet to read (``--sheet``, else the one whose content fits), or the sheets to combine
    (each named for a different year: :mod:`analysis.io.readers.combine`), with their layouts."""
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
            raise InputError([Problem(book.file, None, None, t("intake.sheet_not_found", lang, sheet=quote(s),
                                                               sheets=_sheet_list(book, lang)))])
        grid, lay, reasons = _detect(region_columns(period_years(book.grid(idx))), aliases, names, panel)
        if lay is None:
            raise InputError([no_header(grid, reasons, lang, panel)])
        info.sheet = grid.sheet
        info.sheets_skipped = [x for x in book.sheet_names if x != grid.sheet]
        return [(grid, lay)]
    fits: list[tuple[Grid, Layout]] = []
    failures: list[Problem] = []
    near: list[Problem] = []  # a header that lacks one column only: nearly the data table
    for k in range(n):
        grid, lay, reasons = _detect(region_columns(period_years(book.grid(k))), aliases, names, panel)
        if lay is not None:
            fits.append((grid, lay))
        else:
            failures.append(no_header(grid, reasons, lang, panel))
            if reasons and reasons[0] == "partial" and len(reasons) == 3:
                near.append(failures[-1])
    if not fits:  # and the sheets whose header lacks a column: what it lacks, at the row (stop 43)
        raise InputError(failures[:1] if n == 1 else [Problem(book.file, None, None, t(
            "intake.no_sheet_fits", lang, sheets=_sheet_list(book, lang)))] + near[:3])
    if len(fits) > 1 and book.hidden_sheets:  # a hidden sheet (an old year's, a helper's) is not the table shown
        shown = [f for f in fits if f[0].sheet not in book.hidden_sheets]
        fits = shown or fits
    if len(fits) > 1:  # a pivot table beside its source data (行标签 | 2015 | … | 总计): the source is read
        fits = [f for f in fits if not _pivot(f[0], f[1])] or fits
    if len(fits) > 1:  # an instructions sheet with a sample table (填报说明, 示例) beside the data sheet
        fits = [f for f in fits if not _INSTRUCTIONS_SHEET_RE.search(f[0].sheet or "")] or fits
    if len(fits) > 1:  # 2019年 (快报) beside 2019年(修订) / 2019年年报: the final one is read, the other said
        fits = _final_sheets(fits, info, book)
    if len(fits) > 2:  # a city's workbook: a 汇总 sheet before one sheet per district: the districts' are read
        summary = [f for f in fits if _SUMMARY_SHEET_RE.fullmatch(re.sub(r"\s+", "", f[0].sheet or ""))]
        rest = [f for f in fits if f not in summary]
        if len(summary) == 1 and combinable(rest):
            info.warnings.append(Problem(book.file, None, None, t(
                "intake.summary_sheet_skipped", lang, sheet=quote(summary[0][0].sheet),
                sheets=join_words([quote(g.sheet) for g, _ in rest], lang))))
            fits = rest
    if len(fits) > 1:
        if combinable(fits):  # 2018年, 2019年 / 平川区, 白银区 / 平川, 靖远: read them all
            info.sheets_skipped = [x for x in book.sheet_names if x not in {g.sheet for g, _ in fits}]
            _hidden_skipped(book, info)
            return fits
        names_ = [g.sheet for g, _ in fits]
        # sheets naming places that could not be told apart: choosing one would drop the other districts
        # (one district a sheet: name them so; otherwise, parts of one table (历年数据 beside 2020年数据): read
        # together as separate files, never one of them alone, which drops the other's years; stop 43)
        hint = t("intake.several_sheets_regions_hint", lang) if names_places(fits) else \
            t("intake.several_sheets_parts_hint", lang) if any(sheet_name_year(g.sheet) is not None or g_lay.years
                                                                for g, g_lay in fits) else ""
        raise InputError([Problem(book.file, None, None, t(
            "intake.several_sheets_fit", lang, sheets=join_words([quote(x) for x in names_], lang)) + hint)])
    grid, lay = fits[0]
    info.sheet = grid.sheet
    info.sheets_skipped = [x for x in book.sheet_names if x != grid.sheet]
    if grid.sheet in book.hidden_sheets:
        info.warnings.append(Problem(book.file, None, None, t("intake.hidden_sheet_read", lang, sheet=quote(grid.sheet))))
    _hidden_skipped(book, info)
    return [(grid, lay)]


#: A sheet that sums the others (汇总, 汇总表, 合计, 总表, 全市): left out when the others are one a district.
_SUMMARY_SHEET_RE = re.compile(r"汇总表?|合计|总表|全市(?:汇总)?|白银市(?:汇总)?|summary|total", re.I)


def _final_sheets(fits: list[tuple[Grid, Layout]], info: Intake, book: Book) -> list[tuple[Grid, Layout]]:
    """Sheets of one year where exactly one is named final (2019年(修订), 2019年（更正）, 2019年年报) and
    the others not: the final one kept, each other said as not read."""
    by_year: dict[int, list[int]] = {}
    for k, (g, _) in enumerate(fits):
        y = year_header(re.sub(r"\s+", "", g.sheet or "")) or next(
            (int(m) for m in re.findall(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])", g.sheet or "")), None)
        if y is not None:
            by_year.setdefault(y, []).append(k)
    drop: set[int] = set()
    for y, ks in by_year.items():
        finals = [k for k in ks if is_final_label(fits[k][0].sheet or "")]
        if len(ks) > 1 and len(finals) == 1:
            for k in ks:
                if k != finals[0]:
                    drop.add(k)
                    info.warnings.append(Problem(book.file, None, None, t(
                        "intake.sheet_superseded", book.lang, old=quote(fits[k][0].sheet), new=quote(fits[finals[0]][0].sheet),
                        year=y)))
    return [f for k, f in enumerate(fits) if k not in drop]


def _hidden_skipped(book: Book, info: Intake) -> None:
    """Sheets not read that the user may miss: hidden ones, and ones named for part of a year (2020年上半年)."""
    for x in info.sheets_skipped:
        if x in book.hidden_sheets:
            info.warnings.append(Problem(book.file, None, None, t("intake.hidden_sheet_skipped", book.lang,
                                                                   sheet=quote(x))))
        elif re.search(r"(?:19|20)[0-9]{2}", x) and PART_YEAR_NOTE_RE.search(re.sub(r"\s+", "", x)):
            info.warnings.append(Problem(book.file, None, None, t("intake.part_year_sheet", book.lang,
                                                                   sheet=quote(x))))


def _sheet_list(book: Book, lang: str) -> str:
    return join_words([f"{k + 1}={quote(x)}" for k, x in enumerate(book.sheet_names)], lang)


def _read(path, **kw):
    """:func:`_read_checked`, with running out of memory turned into one sentence."""
    try:
        return _read_checked(path, **kw)
    except MemoryError:
        raise InputError([Problem(shown_name(path) if path is not None else "<data>", None, None,
                                  t("intake.out_of_memory", kw.get("lang") or "zh"))]) from None


def _read_checked(path, *, panel: bool, cat: Catalogue, sheet, lang: str, default_region: str, skip_unknown: bool,
          known_sectors: set[str] | None, limits: Limits | None, grid: Grid | None = None,
          book: Book | None = None) -> tuple[pd.DataFrame, Intake, dict[str, list[int]]]:
    aliases = ({**{k: v for k, v in COLUMN_ALIASES.items() if v not in ("indicator_id", "indicator_name")},
                **PANEL_ALIASES} if panel else COLUMN_ALIASES)
    read_one = functools.partial(_read_grid, panel=panel, cat=cat, lang=lang, default_region=default_region,
                                 skip_unknown=skip_unknown, known_sectors=known_sectors)
    if grid is None:
        book = book if book is not None else open_book(path, lang=lang, limits=limits)
        info = Intake(book.file, lang, "sectors" if panel else "observations")
        try:
            chosen = _choose_sheet(book, sheet, aliases, None if panel else cat.names, panel, info)
        except InputError as exc:
            exc.intake = info  # type: ignore[attr-defined]
            raise
        if len(chosen) > 1:
            return read_sheets(chosen, info, read_one, lambda ident: shown_indicator(cat, ident, lang))
        grid, lay = chosen[0]
        info.where = grid.where
    else:
        info = Intake(grid.file, lang, "sectors" if panel else "observations")
        grid, lay, reasons = _detect(region_columns(period_years(grid)), aliases, None if panel else cat.names,
                                     panel)
        if lay is None:
            exc = InputError([no_header(grid, reasons, lang, panel)])
            exc.intake = info  # type: ignore[attr-defined]
            raise exc
    return read_one(grid, lay, info)


def _detect(grid: Grid, aliases, names, panel: bool):
    """:func:`detect`, and where no layout fits, the table of one indicator by place and year
    (:func:`~.titles.indicator_column`) with its indicator as a column: ``(grid, layout, reasons)``."""
    lay, reasons = detect(grid, aliases, names, panel)
    if lay is None and not panel:
        alt = indicator_column(grid, names)
        if alt is not None:
            lay2, _ = detect(alt, aliases, names, panel)
            if lay2 is not None:
                return alt, lay2, []
    return grid, lay, reasons


def _second_header_row(grid: Grid, lay: Layout, info: Intake, aliases) -> int | None:
    """The header again in other words right under it (地区 | 指标代码 | 年份 over region | indicator_id |
    year, a bilingual template): skipped and said, not three errors for a row of data (stop 43); its
    sheet row, else None. (The header proper stays the first: its units, 数值（万元）, are the ones read.)"""
    if lay.start >= len(grid.cells):
        return None
    role_of = {j: role for role, cols in lay.roles.items() for j in cols}
    matched = 0
    for j, c in enumerate(row_values(grid, lay.start)):
        if is_blank(c):
            continue
        if j in lay.years and year_header(c) == lay.years[j]:
            matched += 1
        elif j in role_of and header_role(c, aliases) == role_of[j]:
            matched += 1
        else:
            return None
    if matched < 2:
        return None
    row = int(grid.rows[lay.start])
    info.note("intake.conv_second_header", 1, row=row)
    lay.start += 1
    return row


def _row_of(grid: Grid, text: str) -> int | None:
    """The sheet row of the first cell reading ``text`` (a title), else None."""
    for i in range(min(10, len(grid.cells))):
        if any(isinstance(c, str) and c.strip() == text for c in row_values(grid, i)):
            return int(grid.rows[i])
    return None


def _merged_down(grid: Grid, lay: Layout, rec: pd.DataFrame, info: Intake) -> None:
    """Say a key column merged down over its rows (地区 平川区 merged over A4:A9): the rows under a merged
    cell are read with its value, an interpretation as a column filled down is (said the same way)."""
    merged = getattr(grid, "merged", {})
    if not merged or not len(rec):
        return
    rows = set(rec["_row"].astype(int).tolist())
    for role in GROUPED_ROLES:
        for j in lay.roles.get(role, [])[:1]:
            col = grid.col0 + j
            n = sum(1 for r in rows if (rng := merged.get((r, col))) and  # down over rows, not across columns
                    len(set(re.findall(r"\d+", rng))) > 1)
            if n:
                info.note("intake.conv_merged_down", n, column=column_letter(j),
                          header=quote(cell_text(grid.cells.iat[lay.header[-1], j])))


def _header_rows(grid: Grid, lay: Layout) -> list[int]:
    """The sheet rows the header takes, as the summary says them: its rows, from the row above them
    where its columns' cells are merged down from there (序号 | 指标名称 | 年份 over 2015年 … 2020年目标 |
    完成率: rows 3-4, the header found on row 4 where the band 年份 also spans non-year columns; the same
    header with the band over the years alone is found on rows 3-4)."""
    rows = [int(grid.rows[i]) for i in lay.header]
    merged = getattr(grid, "merged", {})
    starts = [int(m.group(1)) for j in sorted({k for js in lay.roles.values() for k in js})
              if (rng := merged.get((rows[0], grid.col0 + j))) and (m := re.match(r"[A-Z]+(\d+):", rng))]
    top = min(starts, default=rows[0])
    return list(range(top, rows[0])) + rows if top < rows[0] else rows


def _read_grid(grid: Grid, lay: Layout, info: Intake, *, panel: bool, cat: Catalogue, lang: str,
               default_region: str, skip_unknown: bool,
               known_sectors: set[str] | None) -> tuple[pd.DataFrame, Intake, dict[str, list[int]]]:
    """Read one sheet whose header was found: its records checked, ``info`` filled."""
    row_year = getattr(grid, "row_year_col", None)  # 指标 | 年份 | 平川区 | 白银区: each row's year, beside the regions
    info.layout = ("wide_regions_years" if row_year is not None else
                   "wide_regions_year_rows" if getattr(grid, "regions_two_rows", None) else
                   "wide_regions" if getattr(grid, "column_regions", None) else lay.kind)
    second = _second_header_row(grid, lay, info, PANEL_ALIASES if panel else COLUMN_ALIASES)
    info.header_rows = _header_rows(grid, lay) + ([second] if second else [])
    problems: list[Problem] = []
    long_rows: set[int] = set()  # CSV rows with more cells than the header: their cells are read shifted
    hdr = int(grid.rows[lay.header[-1]])
    header_cells = row_values(grid, lay.header[0])
    # a region name column beside a division-code column (地区 | 行政区划代码): the names are read
    codes = [j for j in lay.roles.get("region", []) if any(
        header_key(grid.cells.iat[i, j]) in REGION_CODE_HEADERS for i in lay.header)]
    if codes and len(lay.roles["region"]) > len(codes):
        lay.roles["region"] = [j for j in lay.roles["region"] if j not in codes]
        for j in codes:
            info.ignored.append(t("intake.ignored_region_codes", lang, col=column_letter(j),
                                  name=str(header_cells[j])))
    years_cols = lay.roles.get("year", [])
    if len(years_cols) == 2:  # 报告年度 2020 beside 统计时期 2019年: the figures are 2019's
        data = [j for j in years_cols if header_key(header_cells[j]) in DATA_YEAR_HEADERS]
        if len(data) == 1:
            other = next(j for j in years_cols if j != data[0])
            lay.roles["year"] = data
            info.ignored.append(t("intake.ignored_report_year", lang, col=column_letter(other),
                                  name=str(header_cells[other]), data=str(header_cells[data[0]])))
    if not lay.roles.get("region") and not getattr(grid, "column_regions", None):
        _place_column(grid, lay, info, header_cells)
    problems += _month_column(grid, lay, header_cells, lang)
    _merged_name_columns(grid, lay, cat, info, header_cells)
    for role, js in lay.roles.items():
        if len(js) > 1 and role in ("note", "source"):  # a second 备注 column: the first is read, the other said
            for j in js[1:]:
                info.ignored.append(t("intake.ignored_second", lang, col=column_letter(j), name=str(header_cells[j])))
            lay.roles[role] = js[:1]
        elif len(js) > 1 and role not in ("serial", "informational"):
            # a second indicator column right of the year columns: a second table beside the first
            beside = role in ("indicator_name", "indicator_id") and any(j < js[1] for j in lay.years)
            problems.append(Problem(grid.where, hdr, column_letter(js[1]), t(
                "intake.column_twice", lang, name=quote(header_cells[js[1]]),
                role=t(f"intake.role_{role}", lang) if has(f"intake.role_{role}") else role) + (t(
                    "intake.hint_second_table", lang, col=column_letter(js[1])) if beside else "")))
    if lay.kind in ("long", "wide") and not panel and "indicator_id" in lay.roles and "indicator_name" in lay.roles:
        for j in lay.roles["indicator_name"]:  # read by the id column; the names are checked against it
            info.ignored.append(t("intake.ignored_names", lang, col=column_letter(j), name=str(header_cells[j])))
    for j, suggestion in lay.near:
        problems.append(Problem(grid.where, hdr, column_letter(j), t(
            "intake.near_miss_header", lang, name=quote(header_cells[j] if not is_blank(header_cells[j]) else
                                                          row_values(grid, lay.header[-1])[j]),
            known=suggestion)))
    for j in lay.spacer:
        info.ignored.append(t("intake.ignored_blank", lang, col=column_letter(j)))
    for j in lay.roles.get("serial", []):
        info.ignored.append(t("intake.ignored_serial", lang, col=column_letter(j), name=str(header_cells[j])))
    if grid.fmt == "csv":
        body = grid.cells.iloc[lay.start:]
        width = max((j for j, c in enumerate(row_values(grid, lay.header[-1])) if not is_blank(c)), default=-1) + 1
        beyond = [j for j in body.columns if j >= width]
        if beyond:
            filled = ~blank_frame(body[beyond]).all(axis=1).to_numpy()
            for k in np.flatnonzero(filled)[:50]:
                cells_k = row_values(grid, lay.start + int(k))
                n_cells = max(j for j, c in enumerate(cells_k) if not is_blank(c)) + 1
                long_rows.add(int(grid.rows[lay.start + int(k)]))
                problems.append(Problem(grid.where, int(grid.rows[lay.start + int(k)]), None, t(
                    "intake.row_longer_than_header_csv", lang, n=n_cells, width=width)))
            lay.unused = [j for j in lay.unused if j < width]
            lay.spacer = [j for j in lay.spacer if j < width]
        # 13,000 unquoted where the row's last cells are empty: as many cells as the header, so the width check
        # above does not see it, and 13 was read as the value with 000 in the unit or note column (stop 43)
        # (only where the next column is one such a shifted 000 lands in unseen: a unit, note or source column,
        # or one without a header; not a 2020年目标 column holding 100 beside a 95)
        vcols = set(lay.roles.get("value", [])) | set(lay.years) | set(lay.indicators)
        soft = {j for r in ("unit", "note", "source") for j in lay.roles.get(r, [])} | {
            j for j, c in enumerate(row_values(grid, lay.header[-1])) if is_blank(c)}
        for j in sorted(vcols):
            if j + 1 not in body.columns or j + 1 in vcols or j + 1 not in soft:
                continue
            nxt = body[j + 1]
            cand = np.flatnonzero((nxt != "").to_numpy())  # (an empty note column costs one comparison)
            if not len(cand):
                continue
            sub = body.iloc[cand]
            hit = (sub[j + 1].astype(str).str.fullmatch(r"[0-9]{3}(?:\.[0-9]+)?") &
                   sub[j].astype(str).str.fullmatch(r"[+-]?[0-9]{1,3}")).to_numpy()
            for k in cand[hit][:50]:
                r = int(grid.rows[lay.start + int(k)])
                if r in long_rows:
                    continue
                long_rows.add(r)
                problems.append(Problem(grid.where, r, column_letter(j), t(
                    "intake.csv_split_thousands", lang, a=body[j].iat[k], b=body[j + 1].iat[k],
                    col=column_letter(j + 1), num=f"{body[j].iat[k]},{body[j + 1].iat[k]}",
                    joined=f"{body[j].iat[k]}{body[j + 1].iat[k]}")))
    for (header, year), (title, source) in getattr(grid, "period_years", {}).items():  # 本年实际 in a 2019年… sheet
        info.note("intake.conv_period_header" + ("" if source == "title" else f"_{source}"), 1, header=quote(header),
                  year=year, title=quote(title))
    if row_year is not None:
        regions = list(grid.column_regions.values())  # type: ignore[attr-defined]
        info.note("intake.conv_region_columns_year_column", len(regions), col=column_letter(row_year),
                  regions=join_words([quote(r) for r in regions], lang),
                  header=quote(cell_text(header_cells[row_year])))
    elif getattr(grid, "regions_two_rows", None):  # 2018年 over 平川区 | 白银区, or 平川区 over 2018年 | 2019年
        above, row = grid.regions_two_rows  # type: ignore[attr-defined]
        info.note("intake.conv_region_year_rows" + ("" if above else "_below"), len(grid.column_regions),  # type: ignore[attr-defined]
                  row=row, regions=join_words([quote(r) for r in dict.fromkeys(grid.column_regions.values())], lang))  # type: ignore[attr-defined]
    elif getattr(grid, "column_regions", None):  # 指标名称 | 平川区 | 白银区 under 2019年各县区…
        where, year, source = grid.regions_year_from  # type: ignore[attr-defined]
        info.note(f"intake.conv_region_columns_{source}", len(grid.column_regions), year=year,  # type: ignore[attr-defined]
                  regions=join_words([quote(r) for r in grid.column_regions.values()], lang), where=quote(where))
    if getattr(grid, "indicator_from", None):  # 研发强度 over 地区 | 2015 | …: no indicator column
        how, text, ident = grid.indicator_from  # type: ignore[attr-defined]
        places = int((grid.cells.iloc[lay.start:, -1] != "").sum())  # the rows given the indicator
        info.note(f"intake.conv_indicator_from_{how}", places, text=quote(text), id=shown_indicator(cat, ident, lang))
    _drop_year_columns_not_actual(grid, lay, hdr, info)
    _drop_second_year_columns(grid, lay, hdr, info)
    for j in sorted(lay.years):  # 2019年（快报）, 二〇一九年, a date shown as a year: read as the year, said
        head = next((grid.cells.iat[i, j] for i in reversed(lay.header) if year_header(grid.cells.iat[i, j])), "")
        if head != "" and parse_number(str(head).replace("年", "").replace("度", "").strip()) is None:
            info.note("intake.conv_year_header", 1, header=quote(head), year=lay.years[j])
    lo, hi = config.year_range()
    head_rows = {int(grid.rows[i]) for i in lay.header}
    for j in sorted(set(lay.unused)):
        if any((r, j) in grid.formulas for r in head_rows):
            continue  # a header formula without a saved result: an error at the cell (checks), not "no header"
        name = header_cells[j] if not is_blank(header_cells[j]) else row_values(grid, lay.header[-1])[j]
        key = _unused_key(name)
        if key == "intake.unused_total_column" and getattr(grid, "column_regions", None):
            key += "_regions"  # 合计 beside 平川区 | 白银区 | 靖远县: a total over the regions, not the years
        info.warnings.append(Problem(grid.where, hdr, column_letter(j), t(
            key, lang, name=quote(name) if not is_blank(name) else t("intake.no_name", lang),
            lo=lo, hi=hi)))
    # unit statements above the header
    stmt_units: dict[str, str] = {}
    statement_cells: dict[str, tuple[str, int]] = {}
    for i, j, scope, unit in lay.statements:
        prev = stmt_units.get(scope)
        if prev and prev != unit:
            problems.append(Problem(grid.where, int(grid.rows[i]), column_letter(j), t(
                "intake.statements_disagree", lang, a=prev, b=unit)))
        stmt_units[scope] = unit
        # quoted as one line (填报单位：… and 金额单位：万元 spaced apart in one cell)
        statement_cells[scope] = (re.sub(r"\s+", " ", str(grid.cells.iat[i, j])), int(grid.rows[i]))
    # a quoted CSV cell that runs over rows it swallowed
    for i in getattr(grid, "multiline", []):
        if i >= lay.header[0]:
            cells = [c for c in row_values(grid, i) if isinstance(c, str) and "\n" in c]
            if any(("," in ln or "\t" in ln or ";" in ln) for c in cells for ln in c.split("\n")[1:]) or any(
                    c.count("\n") > 3 for c in cells):
                span = sum(c.count("\n") for c in cells[:1])
                problems.append(Problem(grid.where, int(grid.rows[i]), None, t(
                    "intake.quote_merges_rows", lang, last=int(grid.rows[i]) + span)))
    repeated, second = _second_headers(grid, lay, problems, lang)
    key_role = "metric" if panel else "indicator_id"
    rec, skipped_rows, grouped = cell_records(grid, lay, key_role)
    if lay.kind == "wide" and not lay.roles.get("region") and not getattr(grid, "column_regions", None):
        rec, skipped_rows = _region_blocks(grid, lay, rec, skipped_rows, info)
    if lay.blank_unit_header is not None:
        info.note("intake.conv_blank_unit_header", int(len(rec)), column=column_letter(lay.blank_unit_header))
    for j, n_filled in grouped.items():  # 平川区 on the first row of its block, the rows below empty
        info.note("intake.conv_filled_down", n_filled, column=column_letter(j),
                  header=quote(cell_text(grid.cells.iat[lay.header[-1], j])))
    _merged_down(grid, lay, rec, info)
    if repeated or second:  # a header printed again (a page break) is skipped and said; a second table's is an error
        rec = rec.loc[~rec["_row"].isin(repeated + second)].reset_index(drop=True)
        skipped_rows = sorted(set(skipped_rows) | set(repeated))
    if grid.hidden_rows and len(rec):  # what the clerk sees is what is read: hidden rows are said, not read
        hidden = rec["_row"].isin(list(grid.hidden_rows)).to_numpy()
        if hidden.any():
            rows_h = sorted(set(rec.loc[hidden, "_row"].astype(int)))
            info.warnings.append(Problem(grid.where, rows_h[0], None, t(
                "intake.hidden_rows", lang, rows=", ".join(map(str, rows_h[:20])) + ("…" if len(rows_h) > 20 else ""))))
            rec = rec.loc[~hidden].reset_index(drop=True)
    if grid.invisible:  # zero-width spaces copied from a web page: no sheet shows them
        info.note("intake.conv_invisible", int(grid.invisible))
    if getattr(grid, "decimal_comma", 0):  # 1,04 in a semicolon-separated file: a European-locale Excel's
        info.note("intake.conv_decimal_comma", int(grid.decimal_comma))  # type: ignore[attr-defined]
    if grid.filtered_rows and len(rec):
        shown = sorted(set(rec["_row"].astype(int)) & grid.filtered_rows)
        if shown:
            info.note("intake.conv_filtered_rows", len(shown), rows=", ".join(map(str, shown[:20])) + (
                "…" if len(shown) > 20 else ""))
    info.skipped_rows = skipped_rows
    info.rows_read = int(rec["_row"].nunique()) if len(rec) else 0
    _own_codes(rec, cat, info, header_cells)
    _blank_ids_by_name(rec, info, grid.formulas)
    if lay.kind == "long" and "value" not in lay.roles:  # pragma: no cover - detection guarantees it
        pass
    # no region column: the district the title or the sheet's name names (白银区…完成情况, 填报单位：白银区统计局,
    # a sheet named 靖远县), else the default; said either way
    # (a file named for one district, 白银区科技指标.xlsx, with no district inside: that district's, said)
    own = named_region(grid, lay.header[0]) if default_region == config.DEFAULT_REGION else None
    by_name = file_district(grid.file) if own is None and default_region == config.DEFAULT_REGION else None
    if by_name is not None:
        own = (by_name[0], "filename", by_name[1])
    named = own if not lay.roles.get("region") and not getattr(grid, "column_regions", None) else None
    if named is not None and named[1] == "several":
        problems.append(Problem(grid.where, int(grid.rows[lay.header[0]]), None, t(
            "intake.regions_named_several", lang, regions=named[2])))
        named = None
    if named is not None and named[1] == "other":  # 兰州市红古区…, 平川经济开发区…: not the default district's
        problems.append(Problem(grid.where, int(grid.rows[lay.header[0]]), None, t(
            "intake.region_named_other", lang, title=quote(named[2]), region=default_region)))
        named = None
    if named is not None and named[1] == "filename" and named[0] == default_region:
        named = None  # 平川区….xlsx: the default, said as before
    if named is not None:
        default_region = named[0]
    conflict = year_conflict(grid) if (getattr(grid, "period_years", None)
                                       or getattr(grid, "regions_year_from", None)) else None
    if conflict is not None:  # 本年 under a title 平川区2018年… in a sheet renamed 2019年
        headers = ([h for h, _ in grid.period_years] if getattr(grid, "period_years", None)  # type: ignore[attr-defined]
                   else list(grid.column_regions.values()))  # type: ignore[attr-defined]
        problems.append(Problem(grid.where, _row_of(grid, conflict[0]), None, t(
            "intake.year_title_sheet_conflict", lang, title=quote(conflict[0]), year_title=conflict[1],
            sheet=quote(conflict[2]), year_sheet=conflict[3],
            headers=join_words([quote(h) for h in dict.fromkeys(headers)][:6], lang))))
    whole = own[0] if own is not None and own[1] not in ("several", "other") else default_region
    out, more, skipped = check_cells(rec, grid, lay, cat, info, default_region=default_region,
                                skip_unknown=skip_unknown, panel=panel, known_sectors=known_sectors,
                                stmt_units=stmt_units, own_region=whole)
    if named is not None:
        for (key, params), n in list(info.conversions.items()):
            if key == "intake.conv_default_region":
                del info.conversions[(key, params)]
                info.note(f"intake.conv_region_{named[1]}", n, **dict(params),
                          **({"title": quote(named[2])[1:-1]} if named[1] in ("title", "filename", "unit") else {}))
    for scope, n_used in info.statement_use.items():
        if n_used and scope in statement_cells:
            text, row = statement_cells[scope]
            info.note("intake.conv_statement", n_used, statement=text, row=row)
    problems += [p for p in more if p.row not in long_rows]  # (a unit "000" from 13,000 unquoted: the row's one message says it)
    if long_rows:  # nor a warning on the shifted row (13 for 13,000 is "below a thousandth of the target")
        info.warnings = [w for w in info.warnings if w.row not in long_rows]
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
        them; the names skipped are in ``df.attrs["skipped"]`` as ``{name: [rows]}`` and in the
        summary. Also on inside ``options(skip_unknown=True)``.
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
    sheet, lang = option("sheet", sheet, None), option("lang", lang, "zh")
    skip_unknown = bool(skip_unknown or option("skip_unknown", None, False))
    cat = _obs_catalogue(as_targets(targets))
    out, info, skipped = _read(path, panel=False, cat=cat, sheet=sheet, lang=lang, default_region=default_region,
                               skip_unknown=skip_unknown, known_sectors=None, limits=limits, book=_book)
    df = _finish(out, "indicator_id", OBS_COLUMNS, ("region", "indicator_id", "year"))
    df.attrs["skipped"] = info.skipped_unknown = skipped
    df.attrs["intake"] = info
    return df


def value_cells(path, targets=None, *, sheet=None, lang: str | None = None, skip_unknown: bool = False
                ) -> pd.DataFrame:
    """Where each value of a monitoring file was read: ``region, indicator_id, year, where, row,
    column`` (``where`` is ``FILE`` or ``FILE[SHEET]``, ``column`` a letter). The file is read again
    (only to point at the cells of a problem across files, which are not kept in what
    :func:`read_observations` returns: a frame's ``attrs`` are deep-copied by every pandas operation)."""
    sheet, lang = option("sheet", sheet, None), option("lang", lang, "zh")
    skip_unknown = bool(skip_unknown or option("skip_unknown", None, False))
    cat = _obs_catalogue(as_targets(targets))
    out, info, _ = _read(path, panel=False, cat=cat, sheet=sheet, lang=lang, default_region=config.DEFAULT_REGION,
                         skip_unknown=skip_unknown, known_sectors=None, limits=None, book=None)
    where = out["_where"].astype(str) if "_where" in out else pd.Series(info.where or info.file, index=out.index)
    return pd.DataFrame({"region": out["region"].astype(str), "indicator_id": out["key"].astype(str),
                         "year": out["year"].astype("int64"), "where": where.to_numpy(),
                         "row": out["_row"].astype("int64"), "column": [column_letter(int(c)) for c in out["_col"]]})


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
    body = [[cell_text(v) if not isinstance(v, float) else v for v in r] for r in raw_df.itertuples(index=False)]
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
    lang = option("lang", lang, "zh")
    cat = _obs_catalogue(as_targets(targets))
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


def _metric_catalogue(metrics) -> Catalogue:
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
        if "name_zh" in metrics:  # a bureau's table names its metrics in Chinese (工业总产值 -> output_value)
            named = pd.DataFrame({"id": ids, "name_zh": metrics["name_zh"].fillna("").astype(str).str.strip(),
                                  "aliases": metrics["aliases"].fillna("") if "aliases" in metrics else ""})
            return Catalogue(NameIndex.from_targets(named), u, k, {}, "metric")
    elif isinstance(metrics, Mapping):
        u, k = {str(a): str(b or "") for a, b in metrics.items()}, {}
    else:
        u, k = dict.fromkeys((str(m) for m in metrics), ""), {}
    return Catalogue(NameIndex.from_ids(u), u, k, {}, "metric")


def _sector_ids(sectors) -> dict[str, str] | set[str] | None:
    """The sectors a panel may name: ``{text: sector id}`` (the id, and the Chinese and English
    names of ``entities.csv``'s sectors: 陶瓷建材 -> ceramics), or a set of ids when given as such."""
    if sectors is not None:
        if isinstance(sectors, pd.DataFrame):
            return _sector_names(sectors) if "entity_id" in sectors else {str(s): str(s) for s in sectors["sector"]}
        return {str(s) for s in sectors}
    p = config.entities_path()
    if p.exists():
        e = read_table(p)
        if {"entity_id", "type"} <= set(e.columns):
            return _sector_names(e.loc[e["type"].str.strip().eq("sector")])
    out = set(FOCUS_SECTORS)
    try:
        for s in as_targets(None).get("sectors", pd.Series([], dtype=str)):
            out |= {x.strip() for x in str(s).split(";") if x.strip()}
    except InputError:  # pragma: no cover
        pass
    return out


def _sector_names(entities: pd.DataFrame) -> dict[str, str]:
    """``{id: id, name_zh: id, name_en: id}`` for the sectors of an entities table."""
    out: dict[str, str] = {}
    for r in entities.itertuples(index=False):
        i = str(r.entity_id).strip()
        for name in (getattr(r, "name_zh", ""), getattr(r, "name_en", "")):
            if isinstance(name, str) and name.strip():
                out.setdefault(name.strip(), i)
        out[i] = i
    return out


def validate_sector_panel(raw_df: pd.DataFrame, *, sectors=None, metrics=None, file: str = "<data>",
                          rows: Sequence[int] | None = None, default_region: str = config.DEFAULT_REGION,
                          lang: str | None = None) -> list[Problem]:
    """Check sector-panel cells (header = the frame's columns); return every problem."""
    lang = option("lang", lang, "zh")
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
    sheet, lang = option("sheet", sheet, None), option("lang", lang, "zh")
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


#: A header of growth, not a value: a column beside the years, or a sub-header under a year (2019年 over
#: 比上年增长%).
_GROWTH_HEADER = re.compile(r"增长|增速|同比|比上年|growth", re.I)

#: A sub-header under a year that is not the year's value: a completion rate, a rank among districts,
#: a share of the city (2019年 over 数值 | 全市位次, or 计划 | 实际 | 完成率（%）).
_NOT_VALUE_SUB = re.compile(r"完成率|完成比例|完成进度|达标率|完成程度|位次|排名|排序|名次|占全[市省区县]|占比"
                            r"|^(?:说明|备注|注释|数据说明)$")

#: Headers of columns a monitoring sheet often holds beside its years, and why each is not read.
_UNUSED_KINDS: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"完成率|完成比例|完成进度|达标率|完成程度"), "intake.unused_rate_column"),
    (re.compile(r"^\s*(?:合\s*计|总\s*计|小\s*计|累\s*计)\s*$"), "intake.unused_total_column"),
    (re.compile(r"目标|规划值|target", re.I), "intake.unused_target_column"),
    (re.compile(r"预计|预测|估计|estimate|forecast", re.I), "intake.unused_estimate_column"),
    (_GROWTH_HEADER, "intake.unused_growth_column"),
    (PART_YEAR_RE, "intake.unused_partial_year_column"),
    (re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])"), "intake.unused_year_column"),
)


#: A header band over year columns that says they are not actual values (规划目标, 预计完成, 计划).
_NOT_ACTUAL_BAND = re.compile(r"目标|规划|计划|预计|预测|预期|任务|target|plan|estimate|forecast", re.I)


def _second_headers(grid: Grid, lay: Layout, problems: list[Problem], lang: str) -> tuple[list[int], list[int]]:
    """Rows below a long table's header that repeat it word for word (two exports pasted together, a
    page break; skipped and said, stop 43), and rows below a wide table's header that are a header
    themselves (two or more years in the year columns). The same years again (a header repeated at a page break) are skipped (returned); other
    years are a second table stacked under the first, whose values would be read under the first
    table's years: an error at that row."""
    if lay.kind == "long" and len(grid.cells) > lay.start:  # 地区,指标代码,年份,数值 again (two exports pasted together)
        head = pd.Series(row_values(grid, lay.header[-1]), index=grid.cells.columns, dtype=object)
        named = [j for j in grid.cells.columns if isinstance(head[j], str) and head[j].strip()]
        body = grid.cells.iloc[lay.start:, named]
        same = body.eq(head[named]).to_numpy()
        blank = blank_frame(body).to_numpy()
        again = (same.sum(axis=1) >= 2) & (same | blank).all(axis=1)
        return [int(grid.rows[lay.start + int(k)]) for k in np.flatnonzero(again)], []
    if lay.kind != "wide" or len(lay.years) < 2 or getattr(grid, "row_year_col", None) is not None:
        return [], []  # (region columns beside a year column hold no year headers: nothing to compare)
    ycols = sorted(lay.years)
    body = grid.cells.iloc[lay.start:, ycols]
    repeated, second = [], []
    for k, row in enumerate(body.itertuples(index=False, name=None)):
        found = {j: y for j, v in zip(ycols, row) if isinstance(v, str) and (y := year_header(v)) is not None}
        if len(found) < 2:
            continue
        r = int(grid.rows[lay.start + k])
        if all(lay.years[j] == y for j, y in found.items()):
            repeated.append(r)
        else:  # said once, at this row (not again as an unknown indicator and cells that are not numbers)
            problems.append(Problem(grid.where, r, None, t("intake.second_table", lang, years=join_words(
                [str(y) for y in found.values()], lang))))
            second.append(r)
    return repeated, second


def _drop_second_year_columns(grid: Grid, lay: Layout, hdr: int, info: Intake) -> None:
    """A year column whose header adds words to its year (2020年完成情况, 2020年实际) is not read, and
    said, where a plain column of that year is also there (2020年 beside it) or where its cells are
    mostly words (已完成, 未完成: verdicts, not values)."""
    if lay.kind != "wide" or not lay.years or getattr(grid, "row_year_col", None) is not None:
        return
    body = grid.cells.iloc[lay.start:]

    def head(j: int):
        return next((grid.cells.iat[i, j] for i in reversed(lay.header) if year_header(grid.cells.iat[i, j])), "")

    plain = {y for j, y in lay.years.items() if parse_year(head(j)) is not None}
    # a column marked final (2020年年报, 2020年正式数) beside a plain one of its year: the final one is read
    final = {lay.years[j]: j for j in lay.years if parse_year(head(j)) is None and is_final_label(str(head(j)))}
    for j in sorted(lay.years):
        h = head(j)
        if parse_year(h) is not None:
            if lay.years[j] in final:
                info.warnings.append(Problem(grid.where, hdr, column_letter(j), t(
                    "intake.unused_year_beside_final", info.lang, name=quote(h), year=lay.years[j],
                    final=quote(head(final[lay.years[j]])))))
                del lay.years[j]
            continue
        if lay.years[j] in final:
            continue
        cells = [v for v in body[j].tolist() if not is_blank(v)]
        words = sum(isinstance(v, str) and parse_number(v) is None and bool(re.search(r"[\u4e00-\u9fff]", v))
                    for v in cells)
        if lay.years[j] in plain or (cells and words * 2 > len(cells)):
            info.warnings.append(Problem(grid.where, hdr, column_letter(j), t(
                "intake.unused_year_words" if lay.years[j] not in plain else "intake.unused_year_twice",
                info.lang, name=quote(h), year=lay.years[j])))
            del lay.years[j]


def _drop_year_columns_not_actual(grid: Grid, lay: Layout, hdr: int, info: Intake) -> None:
    """Year columns of a wide table that must not be read as actual values, each said at its header:
    a year under or over a label such as 规划目标, 目标值 or 预计完成 (in the header's rows or the two
    rows above it; a merged label spreads over its columns; one label over *every* year is a
    title, not a label), and a column the clerk has hidden."""
    if lay.kind != "wide" or not lay.years:
        return
    lang = info.lang
    ycols = sorted(lay.years)
    if getattr(grid, "row_year_col", None) is not None:  # 指标 | 年份 | 平川区 | 白银区: the columns are regions
        regions = grid.column_regions  # type: ignore[attr-defined]
        for j in ycols:
            if grid.col0 + j in grid.hidden_cols:
                info.warnings.append(Problem(grid.where, hdr, column_letter(j), t(
                    "intake.hidden_region_column", lang, region=quote(regions[j]))))
                del lay.years[j]
        return
    rows = list(range(max(0, lay.header[0] - 2), lay.header[0])) + list(lay.header)
    labels: dict[int, str] = {}
    for j in ycols:
        for i in rows:
            v = grid.cells.iat[i, j] if j < grid.cells.shape[1] else ""
            if (isinstance(v, str) and 0 < len(v.strip()) <= 16 and year_header(v) is None
                    and _NOT_ACTUAL_BAND.search(v)):
                labels[j] = v.strip()
                break
    if len(labels) == len(ycols) and len(set(labels.values())) == 1:
        labels = {}  # one label over all the years: a title such as 主要指标目标完成情况
    growth: dict[int, str] = {}  # 2019年 over 绝对值 | 比上年增长%: the growth column is not a value of 2019
    part: dict[int, str] = {}    # 2019年 over 1-9月 | 全年预计: nine months are not the year's value
    other: dict[int, str] = {}   # 2019年 over 数值 | 全市位次 or 实际 | 完成率: a rank or a rate, not a value
    if len(lay.header) > 1:
        for j in ycols:
            for i in lay.header:
                v = grid.cells.iat[i, j] if j < grid.cells.shape[1] else ""
                if isinstance(v, str) and year_header(v) is None and _GROWTH_HEADER.search(v):
                    growth[j] = v.strip()
                    break
                if isinstance(v, str) and year_header(v) is None and PART_YEAR_RE.search(v.strip()):
                    part[j] = v.strip()
                    break
                if isinstance(v, str) and year_header(v) is None and _NOT_VALUE_SUB.search(v):
                    other[j] = v.strip()
                    break
    for j in ycols:
        name = f"{lay.years[j]}"
        if j in growth:
            head = next((str(grid.cells.iat[i, j]) for i in lay.header if year_header(grid.cells.iat[i, j])), name)
            info.warnings.append(Problem(grid.where, hdr, column_letter(j), t(
                "intake.unused_growth_column", lang, name=quote(f"{head} / {growth[j]}"))))
        elif j in part:
            info.warnings.append(Problem(grid.where, hdr, column_letter(j), t(
                "intake.part_year_column", lang, year=name, part=quote(part[j]))))
        elif j in other:
            info.warnings.append(Problem(grid.where, hdr, column_letter(j), t(
                "intake.not_value_sub_column", lang, year=name, sub=quote(other[j]))))
        elif j in labels:
            info.warnings.append(Problem(grid.where, hdr, column_letter(j), t(
                "intake.year_under_target_band", lang, year=name, band=quote(labels[j]))))
        elif grid.col0 + j in grid.hidden_cols:
            info.warnings.append(Problem(grid.where, hdr, column_letter(j), t("intake.hidden_year_column", lang,
                                                                              year=name)))
        else:
            continue
        del lay.years[j]


#: What follows a district's name in a block's title: (2019年)(主要)(科技(创新))(工作)(主要)指标(完成情况|统计表…).
_BLOCK_TITLE_RE = re.compile(r"(?:(?:19|20)[0-9]{2}年度?)?(?:主要)?(?:科技(?:创新)?|科技成果转化)?(?:工作)?(?:主要)?指标"
                             r"(?:完成情况|情况|统计表|汇总表|表)?$")


#: A block heading naming the districts' total (全市, 全省, 全市合计, 白银市汇总, 合计, 总计, 各县区合计): the
#: total's block when other blocks are the districts' (not 平川区小计, a district's part).
_TOTAL_BLOCK_RE = re.compile(r"^(?:全[市省]|(?:全[市省区县]|白银市|各县区|各区县|县区|区县)?(?:合计|总计|汇总))$")


def _region_blocks(grid: Grid, lay: Layout, rec: pd.DataFrame, skipped_rows: list[int], info: Intake):
    """A wide table of several districts stacked in blocks, each under a heading row that names it
    (``平川区`` merged across the row, ``一、平川区`` or ``平川区：``) and holds nothing else: each block's rows are
    that district's (said), the heading rows skipped, each row's region cell the heading's first cell. A
    block under the districts' total (``四、全市``, ``全市合计``, ``合计``, or ``白银市`` beside its districts) is the
    total's: named so (``grid.total_blocks``), left out and said by the checks, as a 全市 column is, not
    listed here among the regions taken. Returns ``(records, skipped rows)``."""
    headings: dict[int, tuple[str, int]] = {}
    totals: dict[int, tuple[str, int]] = {}
    for i in range(lay.start, len(grid.cells)):
        row = row_values(grid, i)
        cells = [str(c).strip() for c in row if not is_blank(c)]
        if not cells or len(set(cells)) != 1:
            continue
        j = next(k for k, c in enumerate(row) if not is_blank(c))
        name = re.sub(r"\s+", "", unicodedata.normalize("NFKC", HEADING_RE.sub("", cells[0]).strip()))
        name = re.sub(r":$", "", name)  # 平川区： (NFKC makes the full-width colon ':')
        # a block's own title (白银区主要科技指标, 白银区2019年科技指标完成情况): the district it names
        name = _BLOCK_TITLE_RE.sub("", name) or name
        # only the plan's city and its districts, as a file may write them (not 工业园区, a section heading)
        if name in PLAN_DISTRICTS + (PLAN_CITY,) or place_read_as(name)[0] is not None:
            headings[int(grid.rows[i])] = (name, j)
        elif _TOTAL_BLOCK_RE.match(name):  # 全市, 全市合计, 合计: a total's block, if there are districts' blocks
            totals[int(grid.rows[i])] = (name, j)
    if not headings:
        return rec, skipped_rows
    headings.update(totals)
    # (全市 is a total by its name, as a 全市 column is; 全市合计, 合计 … are only as such a heading: the checks told)
    grid.total_blocks = {name for name, _ in totals.values()}  # type: ignore[attr-defined]
    rows = np.array(sorted(headings), dtype=np.int64)
    rec = rec.loc[~rec["_row"].isin(rows)].reset_index(drop=True)
    k = np.searchsorted(rows, rec["_row"].to_numpy(np.int64), side="right") - 1
    names = np.array([headings[r][0] for r in rows], dtype=object)
    at = np.array([headings[r][1] for r in rows], dtype=np.int64)
    rec["region"] = np.where(k >= 0, names[np.clip(k, 0, None)], "")
    rec["_region_r"] = np.where(k >= 0, rows[np.clip(k, 0, None)], rec["_region_r"].to_numpy())
    rec["_region_c"] = np.where(k >= 0, at[np.clip(k, 0, None)], rec["_region_c"].to_numpy())
    # the regions taken: not the total's block (白银市 over its districts' blocks, 全市), said with its warning
    all_names = list(dict.fromkeys(names.tolist()))
    total_names = set(grid.total_blocks) | {x for x in all_names if aggregate_of(x, all_names)}  # type: ignore[attr-defined]
    taken = (k >= 0) & ~np.isin(rec["region"].to_numpy(dtype=object), list(total_names))
    info.note("intake.conv_region_headings", int(taken.sum()),
              regions=join_words([quote(x) for x in all_names if x not in total_names], info.lang))
    return rec, sorted(set(skipped_rows) | set(int(r) for r in rows))


def _merged_name_columns(grid: Grid, lay: Layout, cat: Catalogue, info: Intake, header_cells) -> None:
    """指标名称 merged over two columns (a category | the indicator: 科技成果转化 | 技术市场合同交易额): the
    column whose cells are the catalogue's names is read, the other said as a category column."""
    js = lay.roles.get("indicator_name", [])
    if len(js) < 2 or not all(any((int(grid.rows[i]), j) in grid.merged for i in lay.header) for j in js[1:]):
        return
    body = grid.cells.iloc[lay.start:]

    def known(j: int) -> int:
        return sum(1 for v in pd.unique(body[j].to_numpy(dtype=object)) if not is_blank(v)
                   and cat.names.resolve(cell_text(v))[0])

    best = max(js, key=known)
    if not known(best):
        return
    lay.roles["indicator_name"] = [best]
    for j in js:
        if j != best:
            info.ignored.append(t("intake.ignored_name_category", info.lang, col=column_letter(j),
                                  name=str(header_cells[js[0]])))


def _blank_ids_by_name(rec: pd.DataFrame, info: Intake, formulas: dict | None = None) -> None:
    """A row whose id cell is empty but whose name cell is not (a clerk's row added to the
    template) is read by its name (said), not refused for a missing indicator. An id cell that holds a
    formula without a saved result is not empty: it stays, and is an error (checks)."""
    if "_name" not in rec or not len(rec):
        return
    ids = rec["ind"].to_numpy(dtype=object)
    names = rec["_name"].to_numpy(dtype=object)
    fill = np.array([cell_text(i) == "" and cell_text(m) != "" for i, m in zip(ids, names)], dtype=bool)
    if formulas and fill.any():
        at = zip(rec["_ind_r"].to_numpy(dtype=np.int64), rec["_ind_c"].to_numpy(dtype=np.int64))
        fill &= np.array([(int(r), int(c)) not in formulas for r, c in at], dtype=bool)
    if fill.any():  # new arrays: the columns may be read-only views of the sheet
        rec["ind"] = np.where(fill, names, ids)
        rec["_ind_c"] = np.where(fill, rec["_name_c"].to_numpy(), rec["_ind_c"].to_numpy())
        info.note("intake.conv_blank_id_name", int(rec.loc[fill, "_row"].nunique()))


def _own_codes(rec: pd.DataFrame, cat: Catalogue, info: Intake, header_cells) -> None:
    """A code column none of whose codes is the catalogue's (a bureau's own: KJ01, KJ02 …) beside a
    name column whose names are: the indicators are read by their names (said), not refused as
    unknown codes."""
    if "_name" not in rec or not len(rec):
        return
    codes = {cell_text(v) for v in pd.unique(rec["ind"].to_numpy(dtype=object))} - {""}
    names = {cell_text(v) for v in pd.unique(rec["_name"].to_numpy(dtype=object))} - {""}
    if not codes or any(cat.names.resolve(c)[0] for c in codes) or not any(cat.names.resolve(n)[0] for n in names):
        return
    code_c, name_c = int(rec["_ind_c"].iat[0]), int(rec["_name_c"].iat[0])
    rec["ind"], rec["_ind_c"], rec["_ind_r"] = rec["_name"], rec["_name_c"], rec["_name_r"]
    for c in ("_name", "_name_c", "_name_r"):
        del rec[c]
    info.ignored[:] = [x for x in info.ignored if x != t("intake.ignored_names", info.lang, col=column_letter(name_c),
                                                       name=str(header_cells[name_c]))]
    info.ignored.append(t("intake.ignored_own_codes", info.lang, col=column_letter(code_c),
                          name=str(header_cells[code_c]), example=quote(sorted(codes)[0]),
                          names=column_letter(name_c)))


_MONTH_HEADER = re.compile(r"^(?:报告|统计|数据)?月份?$|^month$", re.I)


def _month_column(grid: Grid, lay: Layout, header_cells, lang: str) -> list[Problem]:
    """A 月份 column beside the years (a monthly report's rows): a value of a month before December is
    not the year's, and read as such it was scored as the whole year, said only as a column not
    read. An error at the first such row; a column of 12 alone is the year's end (read)."""
    out = []
    for j in sorted(set(lay.unused)):
        if not _MONTH_HEADER.match(re.sub(r"\s+", "", str(header_cells[j]))):
            continue
        for i in range(lay.start, len(grid.cells)):
            v = grid.cells.iat[i, j]
            m = re.fullmatch(r"(\d{1,2})(?:\.0)?\s*月?(?:份)?", str(v).strip()) if not is_blank(v) else None
            if m and int(m.group(1)) != 12:
                out.append(Problem(grid.where, int(grid.rows[i]), column_letter(j), t(
                    "intake.month_column", lang, name=quote(header_cells[j]), month=int(m.group(1)))))
                break
    return out


def _place_column(grid: Grid, lay: Layout, info: Intake, header_cells) -> None:
    """A column the reader does not know whose cells name places (所属区县, District, 区划名称 …
    over 白银区, 靖远县): the region column, said. Left unread, every row was the default district's,
    another district's numbers scored as 平川区's."""
    for j in sorted(set(lay.unused)):
        body = [c for c in grid.cells.iloc[lay.start:, j].tolist() if not is_blank(c)]
        places = sum(isinstance(c, str) and is_place(c) for c in body)
        if body and places >= max(1, 0.8 * len(body)):
            lay.roles["region"] = [j]
            lay.unused = [x for x in lay.unused if x != j]
            info.note("intake.conv_region_column", places, col=column_letter(j), name=quote(header_cells[j]))
            return


def _out_of_range_year(name: object) -> int | None:
    """The year a header names plainly (1994, 1994年) when it is outside the years read here."""
    y = None if is_blank(name) else parse_year(str(name).strip())
    lo, hi = config.year_range()
    return y if y is not None and 1000 <= y <= 2999 and not lo <= y <= hi else None


def _unused_key(name: object) -> str:
    """The message for a column that is not read: why, when its header says what it holds."""
    if _out_of_range_year(name) is not None:  # 1994年 in a monitoring file: a year, only not one read here
        return "intake.unused_year_out_of_range"
    text = "" if is_blank(name) else str(name)
    return next((key for pattern, key in _UNUSED_KINDS if pattern.search(text)), "intake.unused_column")
