"""CSV/TSV text: the encoding (UTF-8, UTF-8 with BOM, GB18030, UTF-16 with BOM), the delimiter, the grid.

Read by pandas' C parser; the physical line of every record is kept (a quoted cell may hold line
breaks), and a quote that never closes is one sentence naming the row it starts on.
"""

from __future__ import annotations

import codecs
import io
import re
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.errors import InputError, Problem
from analysis.i18n import t
from analysis.io.sheets.cells import INVISIBLE_RE, Grid, check_cell_length, fail, strip_invisible

if TYPE_CHECKING:  # pragma: no cover
    from analysis.io.sheets.book import Book

ENCODINGS = ("utf-8-sig", "gb18030")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> str | None:
    """``data`` decoded with the first of :data:`ENCODINGS` that fits (UTF-8, BOM or not; GB18030), else ``None``."""
    for enc in ENCODINGS:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return None


def decode(data: bytes, shown: str, lang: str = "zh") -> str:
    """Bytes of a text file to str (UTF-16 with BOM, UTF-8, GB18030), or one clear error."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise fail(shown, lang, "intake.cannot_decode") from None
    if b"\x00" in data[:65536]:
        raise fail(shown, lang, "intake.binary")
    text = decode_text(data)
    if text is None:
        raise _undecodable(data, shown, lang)
    if len(_CONTROL_RE.findall(text[:4096])) > 2:
        raise fail(shown, lang, "intake.binary")
    return text


def _undecodable(data: bytes, shown: str, lang: str) -> InputError:
    """The error for a text in none of :data:`ENCODINGS`: at the line where the encoding the file is
    mostly in stops fitting (a GBK line pasted into a UTF-8 file: re-saving the whole file would not
    mend it), else the file as a whole."""
    best, enc = -1, ""
    for e in ENCODINGS:
        try:
            data.decode(e)
        except UnicodeDecodeError as exc:
            # (utf-8-sig counts from after its BOM)
            start = exc.start + (3 if e == "utf-8-sig" and data.startswith(codecs.BOM_UTF8) else 0)
            if start > best:
                best, enc = start, e
    if best <= 0:
        return fail(shown, lang, "intake.cannot_decode")
    line = data[:best].count(b"\n") + 1
    name = "UTF-8" if enc.startswith("utf") else "GBK/GB18030"
    return InputError([Problem(shown, line, None, t("intake.cannot_decode_line", lang, line=line, encoding=name))])


def csv_grid(book: Book) -> Grid:
    lang, lim = book.lang, book.limits
    text = decode(book._data, book.file, lang)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.count("\n") + 1
    if lines > lim.max_rows:
        raise fail(book.file, lang, "intake.too_many_rows", n=lines, limit=lim.max_rows)
    # the delimiter most used on the first lines (a title line above the header has none)
    head = [ln for ln in text[:65536].splitlines() if ln.strip()][:20]
    counts = {d: sum(ln.count(d) for ln in head) for d in (",", "\t", ";", "|")}  # (| from database exports)
    delimiter = max(counts, key=lambda d: (counts[d], d == ","))
    # width: the most delimiters on any line (quoted ones only add empty columns)
    width = _most_per_line(text, delimiter) + 1
    if width * lines > lim.max_cells:
        raise fail(book.file, lang, "intake.too_many_cells", n=width * lines, limit=lim.max_cells)
    try:
        df = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, names=range(width), dtype=str,
                         keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c",
                         quotechar='"', doublequote=True, skipinitialspace=False)
    except MemoryError:
        raise fail(book.file, lang, "intake.out_of_memory") from None
    except (pd.errors.ParserError, ValueError) as exc:
        m = re.search(r"EOF inside string starting at row (\d+)", str(exc))
        if m:  # a quote that never closes: every row after it was swallowed
            start = text[: _nth_line_offset(text, int(m.group(1)))].count("\n") + 1
            raise InputError([Problem(book.file, start, None, t("intake.quote_merges_rows", lang,
                                                                last=lines))]) from None
        m = re.search(r"line (\d+)", str(exc))
        raise InputError([Problem(book.file, int(m.group(1)) if m else None, None,
                                  t("intake.csv_unreadable", lang))]) from None
    # the width guess counts quoted delimiters too: drop trailing columns that are wholly empty
    while df.shape[1] > 1 and not df[df.columns[-1]].astype(bool).any():
        df = df.drop(columns=df.columns[-1])
    # physical line of each record: records are one line each unless a quoted cell holds a line break
    nl = np.zeros(len(df), dtype=np.int64)
    multiline: list[int] = []
    physical = text.count("\n") + (0 if text.endswith("\n") else 1)
    for j in (df.columns if physical != len(df) else []):  # some record spans lines
        col = df[j]
        has = col.str.contains("\n", regex=False)
        if has.any():
            idx = np.flatnonzero(has.to_numpy())
            nl[idx] += col.iloc[idx].str.count("\n").to_numpy()
            multiline.extend(idx.tolist())
    rows = 1 + np.concatenate([[0], np.cumsum(nl + 1)[:-1]]) if len(df) else np.zeros(0, dtype=np.int64)
    invisible = strip_invisible(df) if INVISIBLE_RE.search(text) else 0
    comma = _decimal_commas(df) if delimiter == ";" else 0
    grid = Grid(book.file, None, df, rows.astype(np.int64), 0, fmt="csv", invisible=invisible)
    grid.decimal_comma = comma  # type: ignore[attr-defined]
    grid.multiline = sorted(set(multiline))  # type: ignore[attr-defined]
    check_cell_length(grid, lim, lang)
    return grid


#: A number written with a decimal comma (1,04; 1.234,5; -0,7), as a European-locale Excel saves it.
_DECIMAL_COMMA_RE = re.compile(r"-?\d{1,3}(?:\.\d{3})+,\d+|-?\d+,\d+")
#: One that cannot be a thousands separator (not three digits after the comma: 1,04, 2,5).
_UNAMBIGUOUS_COMMA_RE = re.compile(r"-?[\d.]+,(?:\d{1,2}|\d{4,})")


def _decimal_commas(df: pd.DataFrame) -> int:
    """A semicolon-separated file (a European-locale Excel's CSV) writes 1,04 for 1.04: its numbers are
    rewritten with a decimal point, in place, when at least one can only be a decimal comma and none is
    written with a point; the number rewritten (0 when the file is not so)."""
    cells = pd.Series(df.to_numpy().ravel(), dtype=object)
    text = cells[cells.astype(bool)].astype(str).str.strip()
    hit = text.str.fullmatch(_DECIMAL_COMMA_RE.pattern)
    if not hit.any() or not text[hit].str.fullmatch(_UNAMBIGUOUS_COMMA_RE.pattern).any() \
            or text.str.fullmatch(r"-?\d+\.\d+").any():
        return 0
    n = 0
    for j in df.columns:
        col = df[j].astype(str)
        m = col.str.strip().str.fullmatch(_DECIMAL_COMMA_RE.pattern)
        if m.any():
            df.loc[m, j] = col[m].str.strip().str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
            n += int(m.sum())
    return n


def _most_per_line(text: str, char: str) -> int:
    """``max(line.count(char) for line in text.split("\\n"))`` for an ASCII ``char``, counted on
    the UTF-8 bytes with numpy (an ASCII byte never occurs inside a multi-byte character)."""
    data = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    hits = np.flatnonzero(data == ord(char))
    if not len(hits):
        return 0
    line = np.searchsorted(np.flatnonzero(data == 10), hits)  # line breaks before each hit
    return int(np.bincount(line).max())


def _nth_line_offset(text: str, n: int) -> int:
    """Offset of the start of record ``n`` (0-based) when records are one line each."""
    pos = 0
    for _ in range(n):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return pos
