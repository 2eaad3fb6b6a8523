"""Simple tables (catalogues, metadata): the header in the first non-empty row, every cell as text."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import InputError, Problem
from analysis.i18n import t
from analysis.io.sheets.book import open_book
from analysis.io.sheets.cells import Limits, fail

def _as_text(v: object) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    return str(v).strip()


#: How many non-empty rows :func:`read_table` looks through for a header that names its columns.
HEADER_SEARCH_ROWS = 10


def header_key(text: object) -> str:
    """A header as compared with a list of header names: NFKC, lower case, without blanks, ``_`` and
    ``-`` (``Target year``, ``target_year`` and ``TARGET-YEAR`` are one header)."""
    return re.sub(r"[\s_\-]+", "", unicodedata.normalize("NFKC", str(text)).lower())


def read_table(path: str | Path, *, lang: str = "zh", limits: Limits | None = None,
               header_names=None) -> pd.DataFrame:
    """Read a CSV or workbook (first sheet) whose header is its first non-empty row, every cell as text.

    ``header_names`` (a collection of header texts, compared by :func:`header_key`): the header is
    instead the first of the first :data:`HEADER_SEARCH_ROWS` non-empty rows with at least two cells
    among them, so an office's
    title row above it (平川区…目标任务表) is not taken for the header; the first non-empty row when
    none has. The frame has a ``RangeIndex``; ``df.attrs["rows"]`` holds each record's row
    number in the file and ``df.attrs["header_row"]`` the header's. Raises
    :class:`InputError` for unreadable files and for rows longer than the header.
    """
    book = open_book(path, lang=lang, limits=limits)
    grid = book.grid(0)
    cells = grid.cells.map(_as_text) if len(grid.cells) else grid.cells
    nonempty = cells.ne("").any(axis=1).to_numpy() if len(cells) else np.zeros(0, dtype=bool)
    idx = np.flatnonzero(nonempty)
    if not len(idx):
        raise fail(grid.where, lang, "intake.file_empty")
    first = 0
    if header_names:
        wanted = {header_key(n) for n in header_names}
        first = next((k for k, i in enumerate(idx[:HEADER_SEARCH_ROWS])
                      if sum(header_key(c) in wanted for c in cells.iloc[int(i)] if c) >= 2), 0)
    h = int(idx[first])
    header = list(cells.iloc[h])
    while header and header[-1] == "":
        header.pop()
    width = len(header)
    body = cells.iloc[idx[first + 1:]]
    problems = []
    if body.shape[1] > width:
        extra = body.iloc[:, width:].ne("").any(axis=1).to_numpy()
        for k in np.flatnonzero(extra):
            problems.append(Problem(grid.where, int(grid.rows[idx[first + 1:][k]]), None,
                                    t("intake.row_longer_than_header", lang, width=width)))
    if problems:
        raise InputError(problems)
    names: list[str] = []
    seen: dict[str, int] = {}
    for j, name in enumerate(header):
        name = name or f"Unnamed: {j}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        else:
            seen[name] = 0
        names.append(name)
    data = body.iloc[:, :width].copy() if width else body.iloc[:, :0].copy()
    if data.shape[1] < width:
        for j in range(data.shape[1], width):
            data[j] = ""
    data.columns = names
    data = data.reset_index(drop=True).astype(str)
    data.attrs["headers"] = header
    data.attrs["rows"] = [int(r) for r in grid.rows[idx[first + 1:]]]
    data.attrs["header_row"] = int(grid.rows[h])
    data.attrs["file"] = grid.where
    return data
