"""Open a user's file safely and return its sheets as grids of cells.

Formats: CSV/TSV text (UTF-8, UTF-8 with BOM, GBK/GB18030, UTF-16 with BOM) read by
pandas' C parser; ``.xlsx``/``.xlsm``/``.xlsb``, ``.xls`` and ``.ods`` read by
python-calamine (Rust; one dependency for every workbook format, 10-30x faster than
openpyxl on large sheets, see ``docs/data_contract.md``). For ``.xlsx`` the sheet
XML is also scanned (C-speed regular expressions, no DOM) for what calamine does not
report: percent-formatted cells and formula cells without a saved value.

Limits are checked *before* parsing (:class:`Limits`, overridable with environment
variables): file size, uncompressed size of each workbook part (from the zip
directory), rows, cells and cell length. Special files (FIFO, devices, sockets) are
refused without being opened. Messages never quote file content.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import InputError, Problem
from analysis.i18n import t

ENCODINGS = ("utf-8-sig", "gb18030")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


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

    @property
    def where(self) -> str:
        """``file`` or ``file[sheet]`` as printed at the start of each message."""
        return self.file if self.sheet is None else f"{self.file}[{self.sheet}]"


@dataclass
class Book:
    """A file opened for reading: its display name, format and sheet names."""

    file: str
    path: Path
    fmt: str
    sheet_names: list[str]
    limits: Limits
    lang: str
    _data: bytes | None = None
    _wb: object = None
    _zip_parts: dict[str, str] = field(default_factory=dict)

    _grids: dict = field(default_factory=dict)

    def grid(self, index: int) -> Grid:
        """The sheet ``index`` (0-based) as a :class:`Grid` (read once, then kept)."""
        if index not in self._grids:
            self._grids[index] = _csv_grid(self) if self.fmt == "csv" else _workbook_grid(self, index)
        return self._grids[index]


def column_letter(j: int) -> str:
    """Excel column letters of the 0-based column ``j`` (0 -> A, 26 -> AA)."""
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s


def _letters_to_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def _fail(file: str, lang: str, key: str, **kw) -> InputError:
    return InputError([Problem(file, None, None, t(key, lang, **kw))])


# --------------------------------------------------------------------------------------
# opening
# --------------------------------------------------------------------------------------

def open_book(path: str | Path, *, lang: str = "zh", limits: Limits | None = None) -> Book:
    """Open ``path`` for reading after the checks that need no parsing.

    Raises
    ------
    InputError
        One line (no file content quoted) when the file is missing, special, too
        large, empty, binary, undecodable or not a workbook.
    """
    limits = limits or Limits()
    path = Path(path)
    shown = shown_name(path)
    try:
        st = os.stat(path)  # follows symlinks: the target is what would be read
    except FileNotFoundError:
        raise _fail(shown, lang, "intake.file_not_found") from None
    except OSError as exc:
        raise _fail(shown, lang, "intake.cannot_open", reason=exc.strerror or type(exc).__name__) from None
    if stat.S_ISDIR(st.st_mode):
        raise _fail(shown, lang, "intake.is_directory")
    if not stat.S_ISREG(st.st_mode):
        raise _fail(shown, lang, "intake.special_file")
    if st.st_size > limits.max_file_bytes:
        raise _fail(shown, lang, "intake.file_too_large", size=_mb(st.st_size), limit=_mb(limits.max_file_bytes))
    try:
        with open(path, "rb") as fh:  # read-only: inputs are never modified
            data = fh.read(limits.max_file_bytes + 1)
    except OSError as exc:
        raise _fail(shown, lang, "intake.cannot_open", reason=exc.strerror or type(exc).__name__) from None
    except MemoryError:
        raise _fail(shown, lang, "intake.out_of_memory") from None
    if len(data) > limits.max_file_bytes:
        raise _fail(shown, lang, "intake.file_too_large", size=_mb(len(data)), limit=_mb(limits.max_file_bytes))
    if not data.strip():
        raise _fail(shown, lang, "intake.file_empty")
    suffix = path.suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        fmt = "ods" if suffix == ".ods" or b"oasis.opendocument.spreadsheet" in data[:200] else (
            "xlsb" if suffix == ".xlsb" else "xlsx")
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        fmt = "xls"
    elif suffix in WORKBOOK_SUFFIXES:
        raise _fail(shown, lang, "intake.not_a_workbook", suffix=suffix)
    else:
        fmt = "csv"
    book = Book(shown, path, fmt, [""], limits, lang, _data=data)
    if fmt == "csv":
        return book
    if fmt in ("xlsx", "ods", "xlsb"):
        _check_zip(book)
    try:
        import python_calamine

        wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        meta = wb.sheets_metadata
    except MemoryError:
        raise _fail(shown, lang, "intake.out_of_memory") from None
    except Exception as exc:  # CalamineError, PasswordError, ZipError, XmlError ...
        raise _fail(shown, lang, "intake.not_readable_workbook", fmt=fmt, error=type(exc).__name__) from None
    book._wb = wb
    book.sheet_names = [m.name for m in meta if getattr(m.typ, "name", "WorkSheet") == "WorkSheet"] or list(
        wb.sheet_names)
    if not book.sheet_names:
        raise _fail(shown, lang, "intake.no_sheets")
    return book


def shown_name(path: str | Path) -> str:
    """The file name as the user typed it (relative when under the cwd), symlinks *not* followed."""
    p = Path(os.path.abspath(path))
    try:
        return str(p.relative_to(Path(os.path.abspath(os.getcwd()))))
    except ValueError:
        return str(path)


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f}"


def _check_zip(book: Book) -> None:
    """Uncompressed part sizes from the zip directory, before anything is inflated."""
    lim = book.limits
    try:
        zf = zipfile.ZipFile(io.BytesIO(book._data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _fail(book.file, book.lang, "intake.not_readable_workbook", fmt=book.fmt, error="BadZipFile") from None
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > lim.max_part_bytes or total > 2 * lim.max_part_bytes:
            raise _fail(book.file, book.lang, "intake.part_too_large", part=info.filename[:60],
                        size=_mb(info.file_size), limit=_mb(lim.max_part_bytes))
    if book.fmt == "xlsx":
        book._zip_parts = _xlsx_sheet_parts(zf)


def _xlsx_sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> part name (``xl/worksheets/sheet2.xml``) from workbook.xml and its rels."""
    try:
        wb = zf.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {}
    for m in re.finditer(r"<Relationship\b[^>]*>", rels):
        tag = m.group(0)
        rid = re.search(r'\bId="([^"]+)"', tag)
        tgt = re.search(r'\bTarget="([^"]+)"', tag)
        if rid and tgt:
            p = tgt.group(1)
            p = p.lstrip("/") if p.startswith("/") else "xl/" + p
            targets[rid.group(1)] = p
    out = {}
    import html

    for m in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", wb):
        tag = m.group(0)
        name = re.search(r'\bname="([^"]*)"', tag)
        rid = re.search(r'\br:id="([^"]+)"', tag) or re.search(r'\b\w+:id="([^"]+)"', tag)
        if name and rid and rid.group(1) in targets:
            out[html.unescape(name.group(1))] = targets[rid.group(1)]
    return out


# --------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------

def decode(data: bytes, shown: str, lang: str = "zh") -> str:
    """Bytes of a text file to str (UTF-16 with BOM, UTF-8, GB18030), or one clear error."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _fail(shown, lang, "intake.cannot_decode") from None
    if b"\x00" in data[:65536]:
        raise _fail(shown, lang, "intake.binary")
    for enc in ENCODINGS:
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _fail(shown, lang, "intake.cannot_decode")
    if len(_CONTROL_RE.findall(text[:4096])) > 2:
        raise _fail(shown, lang, "intake.binary")
    return text


def _csv_grid(book: Book) -> Grid:
    lang, lim = book.lang, book.limits
    text = decode(book._data, book.file, lang)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.count("\n") + 1
    if lines > lim.max_rows:
        raise _fail(book.file, lang, "intake.too_many_rows", n=lines, limit=lim.max_rows)
    # the delimiter most used on the first lines (a title line above the header has none)
    head = [ln for ln in text[:65536].splitlines() if ln.strip()][:20]
    counts = {d: sum(ln.count(d) for ln in head) for d in (",", "\t", ";")}
    delimiter = max(counts, key=lambda d: (counts[d], d == ","))
    # width: the most delimiters on any line (quoted ones only add empty columns)
    width = _most_per_line(text, delimiter) + 1
    if width * lines > lim.max_cells:
        raise _fail(book.file, lang, "intake.too_many_cells", n=width * lines, limit=lim.max_cells)
    try:
        df = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, names=range(width), dtype=str,
                         keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c",
                         quotechar='"', doublequote=True, skipinitialspace=False)
    except MemoryError:
        raise _fail(book.file, lang, "intake.out_of_memory") from None
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
    grid = Grid(book.file, None, df, rows.astype(np.int64), 0, fmt="csv")
    grid.multiline = sorted(set(multiline))  # type: ignore[attr-defined]
    _check_cell_length(grid, lim, lang)
    return grid


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


def _check_cell_length(grid: Grid, lim: Limits, lang: str) -> None:
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


# --------------------------------------------------------------------------------------
# workbooks
# --------------------------------------------------------------------------------------

_CHUNK = 16 * 2**20


def _scan_xlsx_part(book: Book, part: str, percent_styles: set[str], sheet: str) -> tuple[
        set[tuple[int, int]], dict[tuple[int, int], str]]:
    """Stream one sheet part: limits (rows, cells, long text runs), percent cells, formulas without value."""
    lim, lang = book.limits, book.lang
    where = f"{book.file}[{sheet}]"
    percent: set[tuple[int, int]] = set()
    formulas: dict[tuple[int, int], str] = {}
    pct_re = (re.compile(rb'<c\b[^>]*\bs="(?:' + b"|".join(re.escape(s.encode()) for s in percent_styles)
                         + rb')"[^>]*>') if percent_styles else None)
    f_re = re.compile(rb'<c\b([^>]*)>(<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)(<v\s*/>|<v>\s*</v>)?</c>')
    r_re = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
    n_rows = n_cells = 0
    last_row = 0
    max_col = 25
    zf = zipfile.ZipFile(io.BytesIO(book._data))
    try:
        fh = zf.open(part)
    except KeyError:
        return percent, formulas
    tail = b""
    with fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            buf = tail + chunk
            # keep an incomplete last element for the next round
            cut = buf.rfind(b"<")
            cut = cut if cut > 0 and len(buf) - cut < 2**20 else len(buf)
            body, tail = buf[:cut], buf[cut:]
            n_rows += body.count(b"<row")
            n_cells += body.count(b"<c ") + body.count(b"<c>")
            if n_rows > lim.max_rows:
                raise _fail(where, lang, "intake.too_many_rows", n=n_rows, limit=lim.max_rows)
            if n_cells > lim.max_cells:
                raise _fail(where, lang, "intake.too_many_cells", n=n_cells, limit=lim.max_cells)
            if re.search(rb'<c\b[^>]*\br="[A-Z]{2}', body):  # columns beyond Z: find the last one
                for letters in set(re.findall(rb'<c\b[^>]*?\br="([A-Z]{2,3})[0-9]', body)):
                    max_col = max(max_col, _letters_to_index(letters.decode()))
            m = None
            for m in re.finditer(rb'<row\b[^>]*\br="([0-9]+)"', body[-4096:] if len(body) > 4096 else body):
                pass
            if m:
                last_row = max(last_row, int(m.group(1)))
            # longest text run between tags (a cell that expands to gigabytes)
            arr = np.frombuffer(body, dtype=np.uint8)
            lt = np.flatnonzero(arr == 60)
            if len(lt):
                gaps = np.diff(np.concatenate([[-1], lt, [len(arr)]]))
                if int(gaps.max()) > 4 * lim.max_cell_chars + 16:
                    raise _fail(where, lang, "intake.cell_too_long_xml", limit=lim.max_cell_chars)
            elif len(arr) > 4 * lim.max_cell_chars:
                raise _fail(where, lang, "intake.cell_too_long_xml", limit=lim.max_cell_chars)
            if pct_re is not None:
                for mm in pct_re.finditer(body):
                    r = r_re.search(mm.group(0))
                    if r:
                        percent.add((int(r.group(2)), _letters_to_index(r.group(1).decode())))
            if b"<f" in body:
                for mm in f_re.finditer(body):
                    attrs = mm.group(1)
                    if mm.group(3) is not None and b't="str"' in attrs:
                        continue  # a formula whose saved result is empty text
                    r = r_re.search(attrs)
                    if r:
                        ftext = re.sub(rb"<[^>]*>", b"", mm.group(2)).decode("utf-8", "replace")
                        formulas[(int(r.group(2)), _letters_to_index(r.group(1).decode()))] = "=" + ftext[:60]
    if last_row > lim.max_rows:
        raise _fail(where, lang, "intake.too_many_rows", n=last_row, limit=lim.max_rows)
    dense = last_row * (max_col + 1)  # calamine holds the sheet as a dense rectangle
    if dense > 4 * lim.max_cells:
        raise _fail(where, lang, "intake.too_many_cells", n=dense, limit=lim.max_cells)
    return percent, formulas


def _percent_styles(book: Book) -> set[str]:
    """Indices of the cell formats (``cellXfs``) whose number format shows a percentage."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(book._data))
        xml = zf.read("xl/styles.xml").decode("utf-8", "replace")
    except KeyError:
        return set()
    pct_fmts = {"9", "10"}
    for m in re.finditer(r'<numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"', xml):
        code = re.sub(r'"[^"]*"|\\.', "", m.group(2).replace("&quot;", '"'))
        if "%" in code:
            pct_fmts.add(m.group(1))
    xfs = re.search(r"<cellXfs\b[^>]*>(.*?)</cellXfs>", xml, re.S)
    out = set()
    if xfs:
        for i, m in enumerate(re.finditer(r"<xf\b[^>]*?/?>", xfs.group(1))):
            fid = re.search(r'numFmtId="(\d+)"', m.group(0))
            if fid and fid.group(1) in pct_fmts:
                out.add(str(i))
    return out


def _workbook_grid(book: Book, index: int) -> Grid:
    lang, lim = book.lang, book.limits
    name = book.sheet_names[index]
    percent: set[tuple[int, int]] = set()
    formulas: dict[tuple[int, int], str] = {}
    if book.fmt == "xlsx":
        part = book._zip_parts.get(name)
        if part:
            percent, formulas = _scan_xlsx_part(book, part, _percent_styles(book), name)
    elif book.fmt == "ods":
        percent = _ods_percent(book, name)
    elif book.fmt == "xls":
        percent = _xls_percent(book, name)
    try:
        sheet = book._wb.get_sheet_by_name(name)
        if sheet.height > lim.max_rows:
            raise _fail(f"{book.file}[{name}]", lang, "intake.too_many_rows", n=sheet.height, limit=lim.max_rows)
        if sheet.height * max(sheet.width, 1) > lim.max_cells:
            raise _fail(f"{book.file}[{name}]", lang, "intake.too_many_cells", n=sheet.height * sheet.width,
                        limit=lim.max_cells)
        data = sheet.to_python(skip_empty_area=False)
        try:
            merged = sheet.merged_cell_ranges
        except Exception:  # not every format records merges
            merged = None
    except InputError:
        raise
    except MemoryError:
        raise _fail(book.file, lang, "intake.out_of_memory") from None
    except Exception as exc:
        raise _fail(f"{book.file}[{name}]", lang, "intake.sheet_unreadable", error=type(exc).__name__) from None
    width = max((len(r) for r in data), default=0)
    df = pd.DataFrame(data, columns=range(width), dtype=object) if data else pd.DataFrame(dtype=object)
    # to_python(skip_empty_area=False) starts at A1: grid row i is sheet row i + 1
    rows = np.arange(1, len(df) + 1, dtype=np.int64)
    filled: dict[tuple[int, int], str] = {}
    for (ra, ca), (rb, cb) in (merged or []):
        if (rb - ra + 1) * (cb - ca + 1) <= 100_000 and ra < len(df) and ca < width:
            v = df.iat[ra, ca]
            df.iloc[ra:rb + 1, ca:cb + 1] = v
            rng = f"{column_letter(ca)}{ra + 1}:{column_letter(cb)}{rb + 1}"
            for r in range(ra, min(rb, len(df) - 1) + 1):
                for c in range(ca, min(cb, width - 1) + 1):
                    if (r, c) != (ra, ca):
                        filled[(r + 1, c)] = rng
    for j in df.columns:  # str stripped, numbers as float, "" for empty; bools and dates as text (vectorised)
        col = df[j]
        types = col.map(type)
        odd = ~types.isin([str, float])
        if odd.any():
            col = col.copy()
            col[odd] = col[odd].map(_clean_cell)
            df[j] = col
    grid = Grid(book.file, name, df, rows, 0, percent, formulas, fmt=book.fmt)
    grid.merged = filled
    if book.fmt != "xlsx":  # for .xlsx the XML scan has checked every text run already
        _check_cell_length(grid, lim, lang)
    return grid


def _clean_cell(v: object) -> object:
    """Workbook cell -> str or float ('' for empty); bools and dates as text."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        return v.strip()
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v).strip()


def _ods_percent(book: Book, sheet: str) -> set[tuple[int, int]]:
    """Percent-typed cells of an .ods sheet (``office:value-type="percentage"``)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(book._data))
        with zf.open("content.xml") as fh:
            head = fh.read()
    except (KeyError, zipfile.BadZipFile):
        return set()
    if b'value-type="percentage"' not in head:
        return set()
    import xml.etree.ElementTree as ET

    ns_t = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    ns_o = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    out: set[tuple[int, int]] = set()
    root = ET.fromstring(head)
    for table in root.iter(f"{{{ns_t}}}table"):
        if table.get(f"{{{ns_t}}}name") != sheet:
            continue
        r = 0
        for row in table.iter(f"{{{ns_t}}}table-row"):
            rep_r = int(row.get(f"{{{ns_t}}}number-rows-repeated", "1"))
            c = 0
            for cell in row:
                rep_c = int(cell.get(f"{{{ns_t}}}number-columns-repeated", "1"))
                if cell.get(f"{{{ns_o}}}value-type") == "percentage":
                    for k in range(min(rep_c, 1000)):
                        for q in range(min(rep_r, 1000)):
                            out.add((r + q + 1, c + k))
                c += rep_c
            r += rep_r
    return out


# --------------------------------------------------------------------------------------
# simple tables (catalogues, metadata): header in the first non-empty row
# --------------------------------------------------------------------------------------

def _as_text(v: object) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    return str(v).strip()


def read_table(path: str | Path, *, lang: str = "zh", limits: Limits | None = None) -> pd.DataFrame:
    """Read a CSV or workbook (first sheet) whose header is its first non-empty row, every cell as text.

    The frame has a ``RangeIndex``; ``df.attrs["rows"]`` holds each record's row
    number in the file and ``df.attrs["header_row"]`` the header's. Raises
    :class:`InputError` for unreadable files and for rows longer than the header.
    """
    book = open_book(path, lang=lang, limits=limits)
    grid = book.grid(0)
    cells = grid.cells.map(_as_text) if len(grid.cells) else grid.cells
    nonempty = cells.ne("").any(axis=1).to_numpy() if len(cells) else np.zeros(0, dtype=bool)
    idx = np.flatnonzero(nonempty)
    if not len(idx):
        raise _fail(grid.where, lang, "intake.file_empty")
    h = int(idx[0])
    header = list(cells.iloc[h])
    while header and header[-1] == "":
        header.pop()
    width = len(header)
    body = cells.iloc[idx[1:]]
    problems = []
    if body.shape[1] > width:
        extra = body.iloc[:, width:].ne("").any(axis=1).to_numpy()
        for k in np.flatnonzero(extra):
            problems.append(Problem(grid.where, int(grid.rows[idx[1:][k]]), None,
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
    data.attrs["rows"] = [int(r) for r in grid.rows[idx[1:]]]
    data.attrs["header_row"] = int(grid.rows[h])
    data.attrs["file"] = grid.where
    return data


# --------------------------------------------------------------------------------------
# .xls (BIFF8): percent-formatted cells, which calamine does not report
# --------------------------------------------------------------------------------------

def _ole_stream(data: bytes, names: tuple[str, ...]) -> bytes | None:
    """A stream of an OLE2 compound file (the container of .xls), by name; ``None`` if absent."""
    import struct

    ssz = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mssz = 1 << struct.unpack_from("<H", data, 0x20)[0]
    first_dir, cutoff, first_mfat, n_mfat, first_difat, n_difat = struct.unpack_from("<I4xIIIII", data, 0x30)
    difat = list(struct.unpack_from("<109I", data, 0x4C))
    sid = first_difat
    for _ in range(n_difat):
        if sid >= 0xFFFFFFFA:
            break
        off = (sid + 1) * ssz
        vals = struct.unpack_from(f"<{ssz // 4}I", data, off)
        difat.extend(vals[:-1])
        sid = vals[-1]
    fat: list[int] = []
    for s in difat:
        if s >= 0xFFFFFFFA:
            continue
        fat.extend(struct.unpack_from(f"<{ssz // 4}I", data, (s + 1) * ssz))

    def chain(start: int, size: int, sector: int, table: list[int], blob: bytes, base: int) -> bytes:
        out, s, seen = [], start, 0
        while s < 0xFFFFFFFA and seen < len(table) + 1:
            off = base + s * sector
            out.append(blob[off:off + sector])
            s = table[s] if s < len(table) else 0xFFFFFFFE
            seen += 1
        return b"".join(out)[:size] if size >= 0 else b"".join(out)

    directory = chain(first_dir, -1, ssz, fat, data, ssz)
    entries = []
    for k in range(len(directory) // 128):
        e = directory[k * 128:(k + 1) * 128]
        nlen = struct.unpack_from("<H", e, 64)[0]
        name = e[:max(nlen - 2, 0)].decode("utf-16-le", "replace")
        typ = e[66]
        start, size = struct.unpack_from("<II", e, 116)
        entries.append((name, typ, start, size))
    root = next((e for e in entries if e[1] == 5), None)
    for name, typ, start, size in entries:
        if typ == 2 and name in names:
            if size >= cutoff or root is None:
                return chain(start, size, ssz, fat, data, ssz)
            mfat: list[int] = []
            if n_mfat:
                raw = chain(first_mfat, -1, ssz, fat, data, ssz)
                mfat = list(struct.unpack_from(f"<{len(raw) // 4}I", raw, 0))
            ministream = chain(root[2], root[3], ssz, fat, data, ssz)
            return chain(start, size, mssz, mfat, ministream, 0)
    return None


def _xls_percent(book: Book, sheet: str) -> set[tuple[int, int]]:
    """Cells of an .xls sheet whose number format shows a percentage, as ``(row, col)`` (row 1-based).

    Reads the BIFF8 records of the ``Workbook`` stream: FORMAT and XF records give the
    percent formats; NUMBER, RK, MULRK and FORMULA records of the sheet give each cell's
    format. Any structure it does not understand gives an empty set (no cell marked).
    """
    import struct

    try:
        wb = _ole_stream(book._data, ("Workbook", "Book"))
        if not wb:
            return set()
        pct_fmts = {9, 10}
        xf_fmt: list[int] = []
        sheets: dict[str, int] = {}
        pos = 0
        n = len(wb)
        while pos + 4 <= n:
            rid, ln = struct.unpack_from("<HH", wb, pos)
            body = wb[pos + 4:pos + 4 + ln]
            if rid == 0x041E and ln >= 5:  # FORMAT
                ifmt, cch, flags = struct.unpack_from("<HHB", body, 0)
                raw = body[5:]
                code = raw[:2 * cch].decode("utf-16-le", "replace") if flags & 1 else raw[:cch].decode("latin-1")
                if "%" in re.sub(r'"[^"]*"|\\.', "", code):
                    pct_fmts.add(ifmt)
            elif rid == 0x00E0 and ln >= 4:  # XF
                xf_fmt.append(struct.unpack_from("<H", body, 2)[0])
            elif rid == 0x0085 and ln >= 8:  # BOUNDSHEET
                ply = struct.unpack_from("<I", body, 0)[0]
                cch, flags = body[6], body[7]
                raw = body[8:]
                name = raw[:2 * cch].decode("utf-16-le", "replace") if flags & 1 else raw[:cch].decode("latin-1")
                sheets[name] = ply
            elif rid == 0x000A:  # EOF of the globals
                break
            pos += 4 + ln
        pct_xf = {i for i, f in enumerate(xf_fmt) if f in pct_fmts}
        if not pct_xf or sheet not in sheets:
            return set()
        out: set[tuple[int, int]] = set()
        pos = sheets[sheet]
        while pos + 4 <= n:
            rid, ln = struct.unpack_from("<HH", wb, pos)
            body = wb[pos + 4:pos + 4 + ln]
            if rid in (0x0203, 0x027E, 0x0006) and ln >= 6:  # NUMBER, RK, FORMULA
                r, c, ixfe = struct.unpack_from("<HHH", body, 0)
                if ixfe in pct_xf:
                    out.add((r + 1, c))
            elif rid == 0x00BD and ln >= 6:  # MULRK
                r, c0 = struct.unpack_from("<HH", body, 0)
                k = (ln - 6) // 6
                for q in range(k):
                    if struct.unpack_from("<H", body, 4 + 6 * q)[0] in pct_xf:
                        out.add((r + 1, c0 + q))
            elif rid == 0x000A:
                break
            pos += 4 + ln
        return out
    except Exception:  # a structure this scan does not know: mark nothing
        return set()
