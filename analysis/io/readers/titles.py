"""What a sheet says about its table beyond the columns: its title and header words.

* :func:`period_years`: a one-year sheet (``平川区2019年…完成情况``, or a sheet named ``2019年``)
  whose columns are 本年实际 and 上年同期 is read as 2019 and 2018, its one value column (数值) as
  2019 (said in the summary, with the title or the sheet's name).
* :func:`region_columns`: a one-year table with one column per region (指标名称 | 平川区 | 白银区,
  or the regions in a second header row under a merged 地区), the year in its title or sheet name,
  is read as each region's values of that year (said); with a year column beside the indicator
  (指标 | 年份 | 平川区 | 白银区) each row's values are read as its year's (said).
* :func:`no_header`: the sentence when no table is found, with what a one-year cross-section
  lacks (columns named after regions; the year only in the title).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from pathlib import Path
from typing import Iterable

from analysis import config
from analysis.errors import Problem
from analysis.i18n import t
from analysis.io.contract import (PLAN_CITY, PLAN_DISTRICTS, NameIndex, header_role, header_unit, name_key, split_unit,
                                  year_header)
from analysis.io.readers.checks import place_read_as, says_part_year
from analysis.io.readers.layout import SCAN_ROWS, is_blank, row_values
from analysis.io.readers.summary import join_words, quote
from analysis.io.sheets import Grid, column_letter

__all__ = ["period_years", "region_columns", "no_header", "named_region", "indicator_column"]


#: A year written with two digits (15年, 19年度): not read as a year (which century is not ours to guess).
_SHORT_YEAR_RE = re.compile(r"([0-9]{2})\s*年度?")


def no_header(grid: Grid, reasons: list[str], lang: str, panel: bool) -> Problem:
    if reasons and reasons[0] == "empty":
        return Problem(grid.where, None, None, t("intake.sheet_empty", lang))
    if reasons and reasons[0] == "partial":
        i, missing = reasons[1], reasons[2:]
        hint = ""
        row = row_values(grid, i)
        if "indicator" in missing and sum(bool(year_header(c)) for c in row if not is_blank(c)) >= 2:
            # years across the row (a wide table): only the indicators' column is missing; say which
            # column holds them when its header cell is empty (空白 over 技术市场合同交易额 …)
            missing = ["indicator"]
            first_year = next(j for j, c in enumerate(row) if not is_blank(c) and year_header(c))
            body = grid.cells.iloc[i + 1:i + 11]
            named = [j for j in range(first_year) if is_blank(row[j]) and sum(
                isinstance(c, str) and bool(re.search(r"[\u4e00-\u9fffA-Za-z]{2}", c)) for c in body[j]) >= 2]
            if named:
                hint = t("intake.hint_name_header_blank", lang, col=column_letter(named[0]))
        where_col = None
        if "year" in missing:  # 统计年月 over 2015, 2016 …: the column that holds the years, named
            body = grid.cells.iloc[i + 1:i + 11]
            for j, c in enumerate(row):
                cells = [v for v in (body[j] if j in body.columns else []) if not is_blank(v)]
                if not is_blank(c) and len(cells) >= 2 and sum(bool(year_header(v)) for v in cells) >= 0.8 * len(cells):
                    hint += t("intake.hint_year_header", lang, col=column_letter(j), name=quote(str(c).strip()))
                    where_col = column_letter(j)
                    break
        if "value" in missing or "year" in missing:  # 15年 | 16年 …: years of two digits, not read as years
            short = [(k, j, str(c).strip()) for k in (i, i + 1) if k < len(grid.cells)
                     for j, c in enumerate(row_values(grid, k))
                     if isinstance(c, str) and _SHORT_YEAR_RE.fullmatch(c.strip())]
            if short:
                k, j, c = short[0]
                hint += t("intake.hint_short_year", lang, col=column_letter(j), row=int(grid.rows[k]), value=quote(c),
                          year=f"20{_SHORT_YEAR_RE.fullmatch(c).group(1)}")
                where_col = where_col or column_letter(j)
        words = join_words([t(f"intake.col_{m}", lang) for m in missing], lang)
        text = (t("intake.missing_columns", lang, columns=words) + hint + _part_year_hint(grid, lang, i)
                + _part_year_title_hint(grid, lang, i) + _cross_section_hints(grid, lang, [i]))
        return Problem(grid.where, int(grid.rows[i]), where_col, text)
    key = "intake.ambiguous_layout" if "ambiguous" in reasons else (
        "intake.no_header_panel" if panel else "intake.no_header")
    text = t(key, lang, rows=SCAN_ROWS)
    if _garbled(grid):  # Chinese saved in a Western code page: 地区 became åœ°åŒº or ??
        text += t("intake.garbled_encoding", lang)
    if key == "intake.no_header":
        text += _cross_section_hints(grid, lang, range(min(SCAN_ROWS, len(grid.cells))))
    return Problem(grid.where, None, None, text)


#: A header naming part of a year, not the year: a month (2019年12月, 2019年6月末), months (2019年1-9月),
#: a half or a quarter (上半年, 一季度, Q3). (2019年1-12月 is the whole year: :func:`year_header`.)
PART_YEAR_RE = re.compile(r"年\s*(?:[0-9]{1,2}|十[一二]?|[一二三四五六七八九])\s*月(?:末|底)?$"
                          r"|[0-9一二三四五六七八九十]+\s*[-—~至]\s*[0-9一二三四五六七八九十]+\s*月|上半年|下半年|季度|\bQ[1-4]\b",
                          re.I)


def _part_year_hint(grid: Grid, lang: str, i: int) -> str:
    """After a header that lacks its years: the cells of row ``i`` (and the next) that name part of
    a year (2019年12月, 2019年1-9月), said as not read as years."""
    cells = [c for k in (i, i + 1) if k < len(grid.cells) for c in row_values(grid, k)
             if isinstance(c, str) and re.search(r"(?:19|20)\d\d", c) and PART_YEAR_RE.search(c.strip())]
    return t("intake.part_year_headers", lang, headers=join_words([quote(c) for c in cells[:4]], lang)) if cells else ""


def _part_year_title_hint(grid: Grid, lang: str, i: int) -> str:
    """After a one-year table that lacks its year: the title above row ``i`` or the sheet's name when
    it names part of a year (2021年1-9月…, 截至2021年6月底, a sheet 2021年上半年), said as why no year
    is read from it."""
    texts = [c for k in range(min(i, len(grid.cells))) for c in row_values(grid, k) if isinstance(c, str)]
    texts += [grid.sheet] if grid.sheet else []
    found = next((x for x in texts if re.search(r"(?:19|20)\d\d", x) and says_part_year(x)), None)
    return t("intake.part_year_title", lang, title=quote(found.strip())) if found else ""


def _cross_section_hints(grid: Grid, lang: str, rows: Iterable[int]) -> str:
    """What a one-year cross-section lacks, said after the message: columns named after regions
    (指标名称 | 平川区 | 白银区, or under a 地区 label, in the first of ``rows`` that has them) and
    the year written only in the title (2019年各区县科技指标)."""
    text = ""
    # the region headers of a table with a year column are renamed by region_columns (then read as a panel)
    renamed = list(grid.column_regions.values()) if getattr(grid, "row_year_col", None) is not None else []
    for i in rows:  # the regions may be in the row under a label (地区 merged over them)
        places = renamed or _region_headers(row_values(grid, i + 1 if _region_band(grid, i) else i))
        if places:
            text += t("intake.regions_as_columns", lang, regions=join_words([quote(x) for x in places], lang))
            break
    title = _year_title(grid)
    if title is not None:
        text += t("intake.year_only_in_title", lang, title=quote(title[0]), year=title[1])
    return text


#: A header cell naming a place (平川区, 靖远县, 白银市): a table with one column per region.
_PLACE_HEADER_RE = re.compile(r"[\u4e00-\u9fff]{1,10}(?:区|县|市|旗)")


def _region_headers(cells, minimum: int = 2) -> list[str]:
    """The header cells that name places, when there are at least ``minimum`` of them."""
    found = [str(c).strip() for c in cells if isinstance(c, str) and header_role(c) is None and is_place(c)]
    return found if len(found) >= minimum else []


def is_place(cell: str) -> bool:
    """A header cell naming a place: ``平川区``, ``白银市``, ``全市``, or a name the reader completes
    (``平川``, ``靖远``, ``Pingchuan``: :func:`~.checks.place_read_as`), or ``白银`` (kept and warned)."""
    k = re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell))
    return bool(_PLACE_HEADER_RE.fullmatch(k)) or k == "白银" or place_read_as(k)[0] is not None


#: A year in a title (2019年各区县…), not a range (2016-2020年) or a date (2020年3月).
_TITLE_YEAR_RE = re.compile(r"(?<![\d-])(20\d\d)\s*年(?!\s*[-—~至0-9一二三四五六七八九十])")


_WHOLE_YEAR_RE = re.compile(r"年\s*(?:1\s*月?\s*[-—–~至到]\s*12\s*月(?:份)?|12\s*月\s*(?:31\s*日|末|底)|全年)")


def _year_title(grid: Grid, rows: int = 5) -> tuple[str, int] | None:
    """A title row (its only filled cell, no ``label：value``) naming one year, with a table of at
    least three columns below it: ``(title, year)``."""
    n = len(grid.cells)
    merged = getattr(grid, "merged", {})  # a title merged across the table fills every cell: the copies
    for i in range(min(rows, n)):          # are not cells of their own
        cells = [c for j, c in enumerate(row_values(grid, i))
                 if not is_blank(c) and (int(grid.rows[i]), j) not in merged]
        if len(cells) != 1 or not isinstance(cells[0], str) or re.search(r"[:：]", cells[0]):
            continue
        # the whole year or its end written out (2020年1-12月, 截至2020年12月31日, 2020年12月末) names that year
        text = _WHOLE_YEAR_RE.sub("年", unicodedata.normalize("NFKC", cells[0]))
        years = set(_TITLE_YEAR_RE.findall(text)) if len(set(re.findall(r"20\d\d", text))) == 1 else set()
        below = any(sum(not is_blank(c) for c in row_values(grid, k)) >= 3 for k in range(i + 1, min(i + 4, n)))
        if len(years) == 1 and below:
            return cells[0].strip(), int(years.pop())
    return None


#: Header words for this year's and last year's values in a one-year table (本年实际 | 上年同期).
_THIS_YEAR_RE = re.compile(r"(?:本年度?|本期|今年)(?:实际|累计|完成)?(?:数|值)?")
_LAST_YEAR_RE = re.compile(r"(?:上年度?|去年)(?:同期)?(?:实际|累计|完成)?(?:数|值)?")


#: A yearbook's edition year in a title (2020年统计年鉴, 统计年鉴2020): a yearbook holds the year before's figures.
_YEARBOOK_RE = re.compile(r"(20\d\d)\s*年?\s*(?:版\s*)?[^\d，。；;,]{0,8}?年鉴|年鉴\s*[(（]?\s*(20\d\d)")


def _yearbook_title(grid: Grid, rows: int = 5) -> tuple[str, int] | None:
    """A title row above the table naming a yearbook and its one edition year: ``(title, edition)``
    (2020年白银市统计年鉴, 《平川统计年鉴2020》; merged across the table or not)."""
    merged = getattr(grid, "merged", {})
    for i in range(min(rows, len(grid.cells))):
        cells = [c for j, c in enumerate(row_values(grid, i))
                 if not is_blank(c) and (int(grid.rows[i]), j) not in merged]
        if len(cells) != 1 or not isinstance(cells[0], str):
            continue
        text = unicodedata.normalize("NFKC", cells[0])
        m = _YEARBOOK_RE.search(text)
        if m and len(set(re.findall(r"20\d\d", text))) == 1:
            return cells[0].strip(), int(m.group(1) or m.group(2))
    return None


def _sheet_year(grid: Grid) -> tuple[str, int, str] | None:
    """The one year a one-year sheet is about: from its title (平川区2019年…完成情况), else from the
    sheet's name (2019年): ``(title or name, year, "title" or "sheet")``."""
    book = _yearbook_title(grid)
    if book is not None:  # 平川区2020年统计年鉴, 《平川统计年鉴2020》: the 2020 edition holds 2019's figures
        return book[0], book[1] - 1, "yearbook"
    title = _year_title(grid)
    if title is not None:
        return title[0], title[1], "title"
    y = sheet_name_year(grid.sheet)
    if y is not None:
        return grid.sheet, y, "sheet"
    return None


#: Words in a sheet's name that make its year not the year of actual values (2020年目标, 2020年预计, 计划).
_NOT_ACTUAL_NAME_RE = re.compile(r"目标|计划|预计|预期|预测|规划|分解|上半年|季度|[0-9]+\s*月")


def sheet_name_year(name: str | None) -> int | None:
    """The one year a sheet's name says its table is of: ``2019年``, ``2019年报`` and also ``2019年报表``,
    ``2019年统计表``, ``2019年统计数据`` (stop 43: these were refused as tables without a year); not a
    name with two years, or one saying targets, estimates or part of a year (``2020年目标``, ``2020年1-6月``)."""
    if not name:
        return None
    y = year_header(name)
    if y is not None:
        return int(y)
    text = unicodedata.normalize("NFKC", name)
    years = set(re.findall(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])", text))
    if len(years) != 1 or _NOT_ACTUAL_NAME_RE.search(text) or not re.search(r"(?:19|20)[0-9]{2}\s*年", text):
        return None
    return int(years.pop())


def period_years(grid: Grid) -> Grid:
    """``grid`` with the value headers of a one-year sheet read as the years they mean, when the
    sheet's title (平川区2019年…完成情况) or else its name (2019年) names one year:

    * 本年实际 and 上年同期 as 2019 and 2018;
    * the one value column of a table without years (指标名称 | 计量单位 | 数值, 本期数, 实际值) as 2019
      (not when its header carries a unit, 数值（万元）: that is left to the long-table reading).

    The cells become ``2019年`` (``2018年``) in a copy; :attr:`period_years` keeps
    ``{(header, year): (title or sheet name, "title" or "sheet")}`` to say so. The grid itself when
    nothing applies (no such header, no year, or a year column or year header beside them: then
    本期数 is the value column of a long table)."""
    n = min(SCAN_ROWS, len(grid.cells))
    found: dict[tuple[int, int], tuple[str, int]] = {}
    for i in range(n):
        row = row_values(grid, i)
        if any(year_header(c) or header_role(c) == "year" for c in row if not is_blank(c)):
            continue
        kinds = {}
        for j, c in enumerate(row):
            if isinstance(c, str):
                s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", c))
                kinds[j] = (0 if _THIS_YEAR_RE.fullmatch(s) else 1 if _LAST_YEAR_RE.fullmatch(s) else None, c)
        if any(k == 0 for k, _ in kinds.values()):
            found.update({(i, j): (c.strip(), k) for j, (k, c) in kinds.items() if k is not None})
            break
        roles = {j: header_role(c) for j, c in enumerate(row) if not is_blank(c)}
        values = [j for j, r in roles.items() if r == "value"]
        if set(roles.values()) & {"indicator_id", "indicator_name"} and len(values) == 1 and isinstance(
                row[values[0]], str) and not header_unit(row[values[0]]):
            found[(i, values[0])] = (row[values[0]].strip(), 0)
            break
    if not found:
        return grid
    year = _sheet_year(grid)
    if year is None or says_part_year(year[0]) or (grid.sheet and says_part_year(grid.sheet)):
        return grid  # 平川区2019年主要科技指标（截至9月底）, a sheet 2019年三季度: not the years' values
    out = _as_years(grid, {(i, j): year[1] - back for (i, j), (_, back) in found.items()})
    out.period_years = {(text, year[1] - back): (year[0], year[2])  # type: ignore[attr-defined]
                        for text, back in found.values()}
    return out


def _as_years(grid: Grid, cells: dict[tuple[int, int], int], cleared: Iterable[tuple[int, int]] = ()) -> Grid:
    """A copy of ``grid`` whose header cells ``(row, column)`` read ``2019年`` (their year) and whose
    ``cleared`` cells are empty (the 地区 label over region columns that now read as years)."""
    copy = grid.cells.copy()
    for i, j in cleared:
        copy.iat[i, j] = ""
    for (i, j), year in cells.items():
        copy.iat[i, j] = f"{year}年"
    return _with_cells(grid, copy)


def _with_cells(grid: Grid, cells) -> Grid:
    """A copy of ``grid`` with ``cells``, keeping what :func:`period_years` noted (本年 read as 2019)."""
    out = dataclasses.replace(grid, cells=cells)
    if getattr(grid, "period_years", None):
        out.period_years = grid.period_years  # type: ignore[attr-defined]
    return out


def _one_year_header(row: list, skip: Iterable[int] = ()) -> bool:
    """Whether ``row`` (its columns ``skip`` aside) heads a one-year table: an indicator column, no
    year, value or region column and no year header (those are a long or a wide table's)."""
    skip = set(skip)
    cells = [c for j, c in enumerate(row) if not is_blank(c) and j not in skip]
    roles = {header_role(c) for c in cells}
    return bool(roles & {"indicator_id", "indicator_name"}) and not roles & {"year", "value", "region"} and not any(
        year_header(c) for c in cells)


def _row_year_column(row: list, skip: Iterable[int] = ()) -> int | None:
    """The year column of ``row`` (its columns ``skip`` aside) when it heads a table of one row per
    indicator and year with no value column (指标 | 年份 | 平川区 | 白银区): an indicator column,
    exactly one year column, no value, region or sector column and no year header. ``None`` else."""
    skip = set(skip)
    roles = [(j, header_role(c)) for j, c in enumerate(row) if not is_blank(c) and j not in skip]
    found = {r for _, r in roles}
    years = [j for j, r in roles if r == "year"]
    if (len(years) != 1 or not found & {"indicator_id", "indicator_name"} or found & {"value", "region", "sector"}
            or any(year_header(row[j]) for j, _ in roles)):
        return None
    return years[0]


def _region_band(grid: Grid, i: int) -> list[int]:
    """The columns of header row ``i`` holding a region label (地区, 区县: a region header word) that
    stands over place names in row ``i + 1`` (地区 merged over 平川区 | 白银区 | 靖远县, or in a CSV
    地区 then empty cells): a two-row header. Row ``i`` must head a one-year table besides the
    label (or head a table with a year column, 指标 | 年份, :func:`_row_year_column`), the label stand
    over the first place and every other cell of row ``i`` over a place be empty (or the label again:
    a merged cell, filled), and row ``i + 1`` hold nothing but the places and row ``i``'s cells merged
    down (指标名称, 计量单位). ``[]`` when row ``i`` is no such band."""
    row = row_values(grid, i)
    labels = [j for j, c in enumerate(row) if not is_blank(c) and header_role(c) == "region"]
    if not labels or i + 1 >= len(grid.cells) or not (_one_year_header(row, labels)
                                                      or _row_year_column(row, labels) is not None):
        return []
    names = row_values(grid, i + 1)
    places = set(_region_headers(names))
    cols = [j for j, c in enumerate(names) if isinstance(c, str) and c.strip() in places]
    if not cols or cols[0] not in labels or not set(labels) <= set(cols):
        return []
    if any(not is_blank(row[j]) and j not in labels for j in cols) or any(
            not is_blank(c) and j not in cols and c != row[j] for j, c in enumerate(names)):
        return []
    return labels


#: The year the region headers of a table with a year column are renamed to, only so that the table is
#: found as a wide one: every value's year is read from its row (``row_year_col``), never this.
ROW_YEAR_PLACEHOLDER = config.MIN_YEAR


def _header_pair(grid: Grid, i: int) -> tuple[dict[int, int], dict[int, str], bool] | None:
    """Header rows ``i`` and ``i + 1`` of a table by region and year: ``({column: year}, {column:
    region}, years_above)`` when, over the same two or more columns, one row names a year in each
    (2018年 merged over 平川区 | 白银区 | 靖远县, or written once with the cells after it empty) and the
    other a place (平川区 merged over 2018年 | 2019年, likewise), row ``i`` holds an indicator column
    and row ``i + 1`` nothing but those cells and row ``i``'s cells merged down. ``None`` else."""
    if i + 1 >= len(grid.cells):
        return None
    up, lo = row_values(grid, i), row_values(grid, i + 1)
    if not {header_role(c) for c in up if not is_blank(c)} & {"indicator_id", "indicator_name"}:
        return None
    above, below = up, lo
    for years_above in (True, False):  # the upper row's cells are written once over the lower row's
        keyed = [j for j, c in enumerate(below) if isinstance(c, str) and header_role(c) is None
                 and (is_place(c) if years_above else year_header(c))]
        if len(keyed) < 2:
            continue
        spread, last = {}, None  # the upper cell written once over its columns (merged, or empty after it)
        for j in keyed:
            c = above[j]
            if not is_blank(c):
                last = c if (year_header(c) if years_above else isinstance(c, str) and is_place(c)) else None
            elif j - 1 not in keyed:
                last = None
            if last is None:
                break
            spread[j] = last
        if len(spread) != len(keyed) or len(set(spread.values())) == len(keyed):  # 2018年 | 2019年 over 2 places
            continue                                                            # would be one column each: no pair
        others = [j for j, c in enumerate(lo) if not is_blank(c) and j not in keyed]
        if any(c != up[j] for j in others for c in [lo[j]]):  # row i + 1 holds more than the pair's cells
            continue
        if years_above:
            years = {j: year_header(spread[j]) for j in keyed}
            places = {j: str(below[j]).strip() for j in keyed}
        else:
            years = {j: year_header(below[j]) for j in keyed}
            places = {j: str(spread[j]).strip() for j in keyed}
        if len(set(zip(years.values(), places.values()))) != len(keyed):
            continue
        return years, places, years_above
    return None


def year_region_headers(grid: Grid) -> Grid:
    """``grid`` with a two-row header by year and region (2018年 over 平川区 | 白银区 | 靖远县, then 2019年
    over the same; or 平川区 over 2018年 | 2019年) made one header row of years, and
    :attr:`column_regions` ``{column: region}``: each value is its column's region and year. The
    lower row becomes the header (row ``i``'s cells copied down where it is empty), row ``i`` is
    emptied; :attr:`regions_two_rows` is ``(years above, header row)``. The grid itself when no such
    pair of rows heads the table."""
    for i in range(min(SCAN_ROWS, len(grid.cells)) - 1):
        pair = _header_pair(grid, i)
        if pair is None:
            continue
        years, places, years_above = pair
        copy = grid.cells.copy()
        up = row_values(grid, i)
        for j, c in enumerate(up):
            if is_blank(copy.iat[i + 1, j]) and not is_blank(c):
                copy.iat[i + 1, j] = c
            copy.iat[i, j] = ""
        for j, y in years.items():
            copy.iat[i + 1, j] = f"{y}年"
        out = _with_cells(grid, copy)
        out.column_regions = places  # type: ignore[attr-defined]
        out.regions_two_rows = (years_above, int(grid.rows[i]))  # type: ignore[attr-defined]
        return out
    return grid


def region_columns(grid: Grid) -> Grid:
    """``grid`` with one column per region read as that year's values of each region, when the
    title (2019年各县区主要科技指标) or else the sheet's name (2019年) names one year.

    The regions are named in the header row (指标名称 | 计量单位 | 平川区 | 白银区 | 靖远县) or in the
    row under a region label (``地区`` merged over the region columns, see :func:`_region_band`).
    The region cells become ``2019年`` in a copy, so that the table reads as a wide one (under a
    label: a two-row header like 年份 over 2018年 | 2019年, the label cleared), and
    :attr:`column_regions` keeps ``{column: region}``, :attr:`regions_year_from` where the year
    was read.

    With a year column beside the indicator column and no value column (指标 | 年份 | 平川区 | 白银区,
    :func:`_row_year_column`), each row is one indicator and year: the region cells become a year
    header too (:data:`ROW_YEAR_PLACEHOLDER`, never read as a year), :attr:`row_year_col` is the year
    column, and each value's year is the one of its row (:func:`~.records.cell_records`); the title
    or the sheet name is not needed.

    A two-row header by year and region is :func:`year_region_headers`'s.

    The grid itself when nothing applies (then :func:`no_header` says how to turn it).
    """
    two = year_region_headers(grid)
    if two is not grid:
        return two
    n = min(SCAN_ROWS, len(grid.cells))
    for i in range(n):
        row = row_values(grid, i)
        band = _region_band(grid, i)
        k = i + 1 if band else i
        names = row_values(grid, k) if band else row
        year_col = _row_year_column(row, band)
        # beside a year column one place is enough (指标 | 年份 | 单位 | 平川区: that district's values)
        places = _region_headers(names, minimum=1 if year_col is not None else 2)
        if not places:
            continue
        regions = {j: c.strip() for j, c in enumerate(names) if isinstance(c, str) and c.strip() in places}
        if year_col is not None:  # 指标 | 年份 | 平川区 | 白银区: the year is each row's
            out = _as_years(grid, {(k, j): ROW_YEAR_PLACEHOLDER for j in regions}, cleared=[(i, j) for j in band])
            out.column_regions = regions  # type: ignore[attr-defined]
            out.row_year_col = year_col  # type: ignore[attr-defined]
            return out
        if not _one_year_header(row, band):
            return grid
        year = _sheet_year(grid)
        if year is None:
            return grid
        out = _as_years(grid, {(k, j): year[1] for j in regions}, cleared=[(i, j) for j in band])
        out.column_regions = regions  # type: ignore[attr-defined]
        out.regions_year_from = year  # type: ignore[attr-defined]
        return out
    return grid


def _districts_in(text: object) -> list[str]:
    """The districts of the plan's city a text names (``白银区统计局``, ``白银市白银区…``), in the order
    written (a set's order changed from run to run)."""
    if not isinstance(text, str):
        return []
    k = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return sorted((d for d in PLAN_DISTRICTS if d in k), key=k.index)


def _sheet_district(name: str | None) -> str | None:
    """The district a sheet is named for (``靖远县``, ``白银市靖远县``, a tab's short ``靖远``), the city
    (``白银市``), else None."""
    k = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))
    if k in PLAN_DISTRICTS or k == PLAN_CITY:
        return k
    full, how = place_read_as(k)  # 白银市靖远县, 靖远: the reader's own rules for a district's name
    return full if how in ("intake.conv_place_prefix", "intake.conv_place_short") else None


#: A place a title names that is none of the plan's (兰州市红古区…, 平川经济开发区…): the figures are not the
#: default district's, whose they are is said in the error. Words ending like a place that are not one are left out.
_OTHER_PLACE_RE = re.compile(r"([\u4e00-\u9fff]{2,10}?(?:经济开发区|开发区|工业园区|产业园区|高新区|新区|园区|区|县|市))")
_NOT_A_PLACE = re.compile(r"示范区|全区|本区|辖区|各区|城区|市区|地区|社区|景区|县区|区县|全市|本市|全县|本县|各县|城市|省市")


def _other_place(text: object) -> str | None:
    """The first place a title names that is not a district of the plan's city nor the city (兰州市红古区,
    平川经济开发区), else None."""
    if not isinstance(text, str):
        return None
    k = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    k = re.sub(r"[“”\"'《》].*?[“”\"'《》]", "", k)   # a plan's name in quotes (“十三五”) is not a place
    m = _OTHER_PLACE_RE.match(k)
    if not m or _NOT_A_PLACE.search(m.group(1)):
        return None
    place = m.group(1)
    return None if place in PLAN_DISTRICTS or place == PLAN_CITY or place_read_as(place)[0] else place


def file_district(path: object) -> tuple[str, str] | None:
    """``(district, file name)`` when the file's name (without folders and suffix) names exactly one
    district of the plan's city (``白银区科技指标2017-2019.xlsx``, as a district e-mails it); None
    when it names none or several (``平川区与白银区对比.csv``)."""
    stem = Path(str(path)).stem
    found = _districts_in(stem)
    return (found[0], stem) if len(found) == 1 else None


def year_conflict(grid: Grid) -> tuple[str, int, str, int] | None:
    """``(title, its year, sheet name, its year)`` when the title above a one-year table names one year
    (a yearbook's title: the year before its edition) and the sheet's name another (a sheet copied
    from last year's and renamed 2019年, its title still 平川区2018年…): which year 本年 means cannot
    be told. None when they agree or either names no year."""
    if not grid.sheet or not year_header(grid.sheet):
        return None
    book = _yearbook_title(grid)
    title = (book[0], book[1] - 1) if book is not None else _year_title(grid)
    if title is None or title[1] == year_header(grid.sheet):
        return None
    return title[0], title[1], str(grid.sheet), int(year_header(grid.sheet))


#: The reporting unit written as ``label：unit`` (填报单位：白银区科学技术局, 报送单位:平川区统计局), anywhere in a cell.
_UNIT_LABEL_RE = re.compile(r"(?:(?:填报|报送|填表|制表|编制|报表)单位(?:名称)?|单位名称)\s*(?:[(（](?:盖章|公章|章|签章)[)）])?"
                            r"\s*[:：]\s*([^\s　，,；;、]+)")
#: How many rows at the bottom of a sheet are looked at for its sign-off (填报单位 under the table).
_FOOTER_ROWS = 12


def _unit_label(cell: object) -> str:
    """The unit a ``填报单位：…`` cell names, else ""."""
    if not isinstance(cell, str):
        return ""
    m = _UNIT_LABEL_RE.search(unicodedata.normalize("NFKC", cell))
    return re.sub(r"\(盖章\)$", "", m.group(1)) if m else ""


def named_region(grid: Grid, first_header_row: int) -> tuple[str, str, str] | None:
    """``(region, "title" | "unit" | "sheet", text)`` when the rows above the table's header (its title,
    the 填报单位 line, also among other cells), the 填报单位 of its sign-off rows below it and its
    sheet's name name one district of the plan's city between them
    (``白银区科技创新主要指标完成情况``, ``填报单位：白银区统计局``, a sheet named ``靖远县``);
    ``("", "several", "白银区、平川区")`` when they name several (an error: whose figures they are cannot be
    told); None when they name none. A table without a region column is then that district's, not
    the plan's district by default."""
    found: dict[str, tuple[str, str]] = {}
    sheet = _sheet_district(grid.sheet)
    if sheet is not None:
        found.setdefault(sheet, ("sheet", str(grid.sheet)))
    merged = getattr(grid, "merged", {})
    city = other = None
    for i in range(min(first_header_row, len(grid.cells))):
        cells = [c for j, c in enumerate(row_values(grid, i))
                 if not is_blank(c) and (int(grid.rows[i]), j) not in merged]
        if len(cells) > 2:  # a row of region headers over the years (平川区 | 白银区): not a title, but
            cells = [c for c in cells if _unit_label(c)]  # 填报单位：白银区科学技术局 | 金额单位：万元 | 填报日期
        for cell in cells:
            label = _unit_label(cell)
            for d in _districts_in(label or cell):
                found.setdefault(d, ("unit", label) if label else ("title", str(cell).strip()))
            text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(label or cell)))
            if city is None and text.startswith(PLAN_CITY) and not _districts_in(text):
                city = ("unit", label) if label else ("title", str(cell).strip())   # 白银市“十三五”主要科技指标…
            if other is None and not label:
                place = _other_place(cell)
                other = (place, str(cell).strip()) if place else None
    # the sign-off rows below the table (填表人：… 填报单位：白银区科学技术局（盖章）)
    for i in range(max(first_header_row + 1, len(grid.cells) - _FOOTER_ROWS), len(grid.cells)):
        for cell in row_values(grid, i):
            label = _unit_label(cell)
            for d in _districts_in(label):
                found.setdefault(d, ("unit", label))
    if len(found) > 1:  # 白银区… under 填报单位：平川区统计局: whose figures they are cannot be told
        return "", "several", "、".join(found)
    if not found and city is not None:  # the city's own table (its totals), no district named
        return PLAN_CITY, city[0], city[1]
    if not found and other is not None:  # another city's district, a park: not the default district's
        return "", "other", other[1]
    if len(found) != 1:
        return None
    (region, (source, text)), = found.items()
    return region, source, text


def _garbled(grid: Grid) -> bool:
    """Whether the first rows look like Chinese text mis-saved: no Chinese character, and runs of ``?``
    (Chinese replaced when saved in a Western code page) or many Latin letters with accents (UTF-8
    read as Windows-1252, åœ°åŒº for 地区)."""
    cells = [c for i in range(min(20, len(grid.cells))) for c in row_values(grid, i) if isinstance(c, str)]
    text = " ".join(cells)
    if not text.strip() or re.search(r"[\u4e00-\u9fff]", text):
        return False
    accents = len(re.findall(r"[\u00c0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2018-\u2030\ufffd]", text))
    return len(re.findall(r"\?{2,}", text)) >= 3 or accents >= max(6, len(text) // 5)


def _indicator_in(text: str, names: NameIndex) -> str | None:
    """The catalogue indicator a title or a sheet name names (``研发强度（%）``, ``2015-2020年各县区技术市场合同
    交易额（万元）``): the whole text less its unit, else the longest catalogue name or alias inside it."""
    base = split_unit(text.strip())[0] or text.strip()
    ident = names.resolve(base)[0]
    if ident:
        return ident
    key = name_key(base)
    hits = sorted(((k, i) for k, i in {**names.names, **names.aliases}.items() if len(k) >= 2 and k in key),
                  key=lambda x: -len(x[0]))
    return hits[0][1] if hits else None


def indicator_column(grid: Grid, names: NameIndex | None) -> Grid | None:
    """A table of one indicator by place and year (研发强度 over 地区 | 2015 | … | 2020, or Country | 2014 | …;
    or turned, a row a year and a column a district: 年份 | 平川区 | 白银区) has no indicator column, so no
    layout fits. The indicator is the one its title above the header names, else its sheet's name, else
    the catalogue's only one; the copy returned has it as a last column (headed 指标名称, filled on every
    row with a value; with a 单位 column too when the title gives a unit in brackets) and
    ``indicator_from = (how, text, id)`` for the summary. None when the table is not such a one or names
    no indicator."""
    if names is None:
        return None
    for i in range(min(SCAN_ROWS, len(grid.cells))):
        row = row_values(grid, i)
        roles = [header_role(c) if isinstance(c, str) else None for c in row]
        years = [j for j, c in enumerate(row) if year_header(c) is not None]
        by_year_rows = False
        if len(years) < 2:  # 年份 | 平川区 | 白银区: a row a year, a column a district
            places = _region_headers(row)
            if (roles.count("year") != 1 or not places
                    or {"indicator_id", "indicator_name", "value", "region"} & set(roles)):
                continue
            years = [j for j, c in enumerate(row) if isinstance(c, str) and c.strip() in places]
            by_year_rows = True
        elif roles.count("region") != 1 or {"indicator_id", "indicator_name", "value", "year"} & set(roles):
            return None
        found = None
        for k in range(i):  # a title row above the header
            for c in row_values(grid, k):
                if found is None and isinstance(c, str) and c.strip() and (ident := _indicator_in(c, names)):
                    found = ("title", c.strip(), ident)
        if found is None and grid.sheet and (ident := _indicator_in(grid.sheet, names)):
            found = ("sheet", grid.sheet, ident)
        if found is None and len(names.ids) == 1:
            found = ("catalogue", "", next(iter(names.ids)))
        if found is None:
            return None
        cells = grid.cells.copy()
        col = cells.shape[1]
        unit = split_unit(found[1])[1] if found[0] != "catalogue" else ""  # 技术市场合同交易额（万元）: its unit
        label = names.label.get(found[2]) or found[2]
        for k, (head, fill) in enumerate([("指标名称", label)] + ([("单位", unit)] if unit else [])):
            cells[col + k] = ""
            cells.iat[i, col + k] = head
            for r in range(i + 1, len(cells)):
                if any(not is_blank(cells.iat[r, j]) for j in years):
                    cells.iat[r, col + k] = fill
        out = _with_cells(grid, cells)
        out = region_columns(out) if by_year_rows else out  # the districts' columns, each row's year
        out.indicator_from = found  # type: ignore[attr-defined]
        return out
    return None
