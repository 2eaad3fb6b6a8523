"""Opening a user's file: the checks that need no parsing, the format, the sheet names (:class:`Book`).

Limits are checked *before* parsing: file size, uncompressed size of each workbook part (from the
zip directory). Special files (FIFO, devices, sockets) are refused without being opened; messages
never quote file content.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from analysis.io.sheets.cells import Grid, Limits, fail
from analysis.io.sheets.text import csv_grid
from analysis.io.sheets.workbook import workbook_grid

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


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
    #: the workbook's styles part (.xlsx), read once for all its sheets
    _styles_cache: str | None = None
    #: sheets the workbook hides (read only when named with ``--sheet`` or when no other fits)
    hidden_sheets: set[str] = field(default_factory=set)

    _grids: dict = field(default_factory=dict)

    def grid(self, index: int) -> Grid:
        """The sheet ``index`` (0-based) as a :class:`Grid` (read once, then kept)."""
        if index not in self._grids:
            self._grids[index] = csv_grid(self) if self.fmt == "csv" else workbook_grid(self, index)
        return self._grids[index]


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
        raise fail(shown, lang, "intake.file_not_found") from None
    except OSError as exc:
        raise fail(shown, lang, "intake.cannot_open", reason=exc.strerror or type(exc).__name__) from None
    if stat.S_ISDIR(st.st_mode):
        raise fail(shown, lang, "intake.is_directory")
    if not stat.S_ISREG(st.st_mode):
        raise fail(shown, lang, "intake.special_file")
    if st.st_size > limits.max_file_bytes:
        raise fail(shown, lang, "intake.file_too_large", size=_mb(st.st_size), limit=_mb(limits.max_file_bytes))
    try:
        with open(path, "rb") as fh:  # read-only: inputs are never modified
            data = fh.read(limits.max_file_bytes + 1)
    except OSError as exc:
        raise fail(shown, lang, "intake.cannot_open", reason=exc.strerror or type(exc).__name__) from None
    except MemoryError:
        raise fail(shown, lang, "intake.out_of_memory") from None
    if len(data) > limits.max_file_bytes:
        raise fail(shown, lang, "intake.file_too_large", size=_mb(len(data)), limit=_mb(limits.max_file_bytes))
    if not data.strip():
        raise fail(shown, lang, "intake.file_empty")
    suffix = path.suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        fmt = "ods" if suffix == ".ods" or b"oasis.opendocument.spreadsheet" in data[:200] else (
            "xlsb" if suffix == ".xlsb" else "xlsx")
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        # an .xlsx with an opening password is an encrypted package in an OLE file: say so
        if "EncryptedPackage".encode("utf-16-le") in data[:1 << 20]:
            raise fail(shown, lang, "intake.encrypted_workbook")
        fmt = "xls"
    elif suffix in WORKBOOK_SUFFIXES:
        head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith(b"<") and (b"<table" in head or b"<html" in head):   # 网页格式 saved as .xls
            raise fail(shown, lang, "intake.html_workbook", suffix=suffix)
        if b"\x00" not in data[:4096] and (b"\t" in data[:4096] or b"," in data[:4096]):   # text exported as .xls
            raise fail(shown, lang, "intake.text_workbook", suffix=suffix)
        raise fail(shown, lang, "intake.not_a_workbook", suffix=suffix)
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
        raise fail(shown, lang, "intake.out_of_memory") from None
    except Exception as exc:  # CalamineError, PasswordError, ZipError, XmlError ...
        raise fail(shown, lang, "intake.not_readable_workbook", fmt=fmt, error=type(exc).__name__) from None
    book._wb = wb
    book.sheet_names = [m.name for m in meta if getattr(m.typ, "name", "WorkSheet") == "WorkSheet"] or list(
        wb.sheet_names)
    if not book.sheet_names:
        raise fail(shown, lang, "intake.no_sheets")
    book.hidden_sheets = {m.name for m in meta if str(getattr(m, "visible", "Visible")).rsplit(".", 1)[-1] != "Visible"}
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
        raise fail(book.file, book.lang, "intake.not_readable_workbook", fmt=book.fmt, error="BadZipFile") from None
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > lim.max_part_bytes or total > 2 * lim.max_part_bytes:
            raise fail(book.file, book.lang, "intake.part_too_large", part=info.filename[:60],
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
