"""The cells of a sheet as the readers see them (:class:`Grid`), the size caps (:class:`Limits`), positions."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.errors import InputError, Problem
from analysis.i18n import t


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    """Caps checked before a file is parsed (environment variables override the defaults).

    ========================  ==============================  ===========
    attribute                 variable                        default
    ========================  ==============================  ===========
    ``max_file_bytes``        ``ANALYSIS_MAX_FILE_MB``        200 MB
    ``max_part_bytes``        ``ANALYSIS_MAX_PART_MB``        1024 MB
    ``max_rows``              ``ANALYSIS_MAX_ROWS``           3,000,000
    ``max_cells``             ``ANALYSIS_MAX_CELLS``          30,000,000
    ``max_cell_chars``        ``ANALYSIS_MAX_CELL_CHARS``     32,767 (Excel's own limit)
    ========================  ==============================  ===========
    """

    max_file_bytes: int = field(default_factory=lambda: _env_int("ANALYSIS_MAX_FILE_MB", 200) * 2**20)
    max_part_bytes: int = field(default_factory=lambda: _env_int("ANALYSIS_MAX_PART_MB", 1024) * 2**20)
    max_rows: int = field(default_factory=lambda: _env_int("ANALYSIS_MAX_ROWS", 3_000_000))
    max_cells: int = field(default_factory=lambda: _env_int("ANALYSIS_MAX_CELLS", 30_000_000))
    max_cell_chars: int = field(default_factory=lambda: _env_int("ANALYSIS_MAX_CELL_CHARS", 32_767))


#: Characters a web page or a PDF leaves in copied text that no sheet shows (zero-width spaces and
#: joiners, a byte-order mark inside a cell): removed from every text cell, and counted (said).
INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def strip_invisible(df: pd.DataFrame) -> int:
    """Remove :data:`INVISIBLE_RE` characters from the text cells of ``df`` in place; the cells changed.
    One search per column over its joined text, so a sheet without them costs next to nothing."""
    changed = 0
    for j in df.columns:
        col = df[j]
        texts = col[col.map(type) == str]
        if texts.empty or not INVISIBLE_RE.search("".join(texts.tolist())):
            continue
        hit = texts.str.contains(INVISIBLE_RE)
        idx = hit[hit].index
        df.loc[idx, j] = texts[idx].str.replace(INVISIBLE_RE, "", regex=True).str.strip()
        changed += len(idx)
    return changed


@dataclass
class Grid:
    """One sheet (or a CSV file) as cells, with the positions the user sees.

    ``cells`` has positional columns ``0..n-1`` (object dtype: str, float, or ``""``
    for empty) and one row per sheet row from ``rows[0]``; ``col0`` is the 0-based
    column of the first grid column. ``percent`` and ``formulas`` are keyed by
    ``(row, col)`` in sheet coordinates (row 1-based, col 0-based).
    """

    file: str
    sheet: str | None
    cells: pd.DataFrame
    rows: np.ndarray
    col0: int = 0
    percent: set[tuple[int, int]] = field(default_factory=set)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    fmt: str = "csv"
    #: cells filled from a merged range (not its top-left cell) -> the range, e.g. ``"E5:F5"``
    merged: dict[tuple[int, int], str] = field(default_factory=dict)
    #: rows (sheet row, 1-based) and columns (0-based) the clerk has hidden (.xlsx, .xls, .ods)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    #: rows an AutoFilter hides (.xlsx, .xls, .ods): read, and said (a filter is a view, not rows taken out)
    filtered_rows: set[int] = field(default_factory=set)
    #: text cells that held invisible characters (zero-width spaces), removed (:func:`strip_invisible`)
    invisible: int = 0
    #: number cells whose format shows them divided by 1,000 per trailing comma (``#,##0,``), ``(row, col)``
    #: in sheet coordinates -> the divisor (.xlsx)
    scaled: dict[tuple[int, int], int] = field(default_factory=dict)
    #: the comments (批注) on cells, ``(row, col)`` in sheet coordinates -> text (.xlsx)
    comments: dict[tuple[int, int], str] = field(default_factory=dict)
    #: cells whose font marks them (``italic``, ``bold``, ``red``), ``(row, col)`` -> the marks (.xlsx)
    marks: dict[tuple[int, int], frozenset] = field(default_factory=dict)

    @property
    def where(self) -> str:
        """``file`` or ``file[sheet]`` as printed at the start of each message."""
        return self.file if self.sheet is None else f"{self.file}[{self.sheet}]"


def column_letter(j: int) -> str:
    """Excel column letters of the 0-based column ``j`` (0 -> A, 26 -> AA)."""
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s


def letters_to_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def fail(file: str, lang: str, key: str, **kw) -> InputError:
    return InputError([Problem(file, None, None, t(key, lang, **kw))])


def check_cell_length(grid: Grid, lim: Limits, lang: str) -> None:
    for j in grid.cells.columns:
        col = grid.cells[j]
        if col.dtype != object and not pd.api.types.is_string_dtype(col):
            continue
        lengths = col.astype(str).str.len() if col.dtype == object else col.str.len()
        if len(lengths) and int(lengths.max()) > lim.max_cell_chars:
            i = int(np.argmax(lengths.to_numpy()))
            raise InputError([Problem(grid.where, int(grid.rows[i]), column_letter(grid.col0 + int(j)),
                                      t("intake.cell_too_long", lang, n=int(lengths.iloc[i]),
                                        limit=lim.max_cell_chars))])
