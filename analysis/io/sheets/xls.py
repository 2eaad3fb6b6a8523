""".xls (BIFF8): what calamine does not report: the percent-formatted cells, and the rows and
columns the clerk has hidden (left out and said, as in an .xlsx: the same workbook saved as .xls
must not give other numbers), with the rows an AutoFilter hides kept apart (a view: read, said).

The ``Workbook`` stream is taken out of its OLE2 compound file and its FORMAT, XF, NAME, ROW,
COLINFO and cell records are read with :mod:`struct`; anything not understood marks no cell.
"""

from __future__ import annotations

import re
import struct
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    from analysis.io.sheets.book import Book


class XlsMarks(NamedTuple):
    """What one scan of an .xls sheet found, in the keys of :class:`~analysis.io.sheets.cells.Grid`."""

    #: percent-formatted number cells, ``(row, col)`` (row 1-based, col 0-based)
    percent: set[tuple[int, int]]
    #: rows hidden by hand (1-based) and hidden columns (0-based)
    hidden_rows: set[int]
    hidden_cols: set[int]
    #: rows an AutoFilter hides (1-based), not among ``hidden_rows``
    filtered_rows: set[int]
    #: cells holding an error value (a formula's #REF!, a typed #N/A): ``(row, col)`` -> what Excel shows
    errors: dict[tuple[int, int], str]


def _empty() -> XlsMarks:
    return XlsMarks(set(), set(), set(), set(), {})


#: BIFF8 error codes -> what Excel shows (calamine reads such a cell as empty: "not reported").
_ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
                0x2A: "#N/A"}


def _ole_stream(data: bytes, names: tuple[str, ...]) -> bytes | None:
    """A stream of an OLE2 compound file (the container of .xls), by name; ``None`` if absent."""
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


def xls_marks(book: Book, sheet: str) -> XlsMarks:
    """Percent-formatted cells, hidden rows and columns and AutoFilter rows of an .xls sheet.

    Reads the BIFF8 records of the ``Workbook`` stream: FORMAT and XF records give the percent
    formats; the built-in NAME ``_FilterDatabase`` (code 0x0D) gives a sheet's AutoFilter range.
    In the sheet, NUMBER, RK, MULRK and FORMULA records give each cell's format, ROW records
    (bit 0x20 of their options: fDyZero) the hidden rows, COLINFO records (bit 0x0001) the hidden
    columns, and an AUTOFILTER or FILTERMODE record says a filter is set. As for an .xlsx, the
    hidden rows under the header of a set filter's range are the filter's, not the clerk's.
    Any structure it does not understand gives empty sets (nothing marked).
    """
    try:
        return _scan(book._data, sheet)
    except Exception:  # a structure this scan does not know: mark nothing
        return _empty()


#: Cell records carrying a format index (XF) at offset 4: NUMBER, RK, FORMULA.
_CELL_RECORDS = frozenset((0x0203, 0x027E, 0x0006))


def _scan(data: bytes, sheet: str) -> XlsMarks:
    wb = _ole_stream(data, ("Workbook", "Book"))
    if not wb:
        return _empty()
    up = struct.unpack_from
    pct_fmts = {9, 10}
    xf_fmt: list[int] = []
    sheets: dict[str, int] = {}
    order: list[str] = []  # BOUNDSHEET order: a sheet-local NAME's itab counts in it (1-based)
    filter_ranges: dict[int, tuple[int, int]] = {}  # itab -> first, last row (0-based) of _FilterDatabase
    pos = 0
    n = len(wb)
    while pos + 4 <= n:
        rid, ln = up("<HH", wb, pos)
        body = wb[pos + 4:pos + 4 + ln]
        if rid == 0x041E and ln >= 5:  # FORMAT
            ifmt, cch, flags = up("<HHB", body, 0)
            raw = body[5:]
            code = raw[:2 * cch].decode("utf-16-le", "replace") if flags & 1 else raw[:cch].decode("latin-1")
            if "%" in re.sub(r'"[^"]*"|\\.', "", code):
                pct_fmts.add(ifmt)
        elif rid == 0x00E0 and ln >= 4:  # XF
            xf_fmt.append(up("<H", body, 2)[0])
        elif rid == 0x0085 and ln >= 8:  # BOUNDSHEET
            ply = up("<I", body, 0)[0]
            cch, flags = body[6], body[7]
            raw = body[8:]
            name = raw[:2 * cch].decode("utf-16-le", "replace") if flags & 1 else raw[:cch].decode("latin-1")
            sheets[name] = ply
            order.append(name)
        elif rid == 0x0018 and ln >= 25:  # NAME: the built-in _FilterDatabase, one per filtered sheet
            grbit, cch, cce, itab = up("<HxBH2xH", body, 0)
            # built-in (0x20), a one-character name (code 0x0D, after its flags byte: 2 bytes if wide),
            # then the formula: one area (ptgArea3d 0x3B/0x5B/0x7B: ixti first, or ptgArea 0x25/0x45/0x65)
            at = 15 + (2 if body[14] & 1 else 1)
            if grbit & 0x20 and cch == 1 and body[15] == 0x0D and itab and at < ln:
                ptg = body[at]
                if ptg in (0x3B, 0x5B, 0x7B) and cce >= 11 and at + 7 <= ln:
                    filter_ranges[itab] = up("<HH", body, at + 3)
                elif ptg in (0x25, 0x45, 0x65) and cce >= 9 and at + 5 <= ln:
                    filter_ranges[itab] = up("<HH", body, at + 1)
        elif rid == 0x000A:  # EOF of the globals
            break
        pos += 4 + ln
    if sheet not in sheets:
        return _empty()
    pct_xf = {i for i, f in enumerate(xf_fmt) if f in pct_fmts}
    percent: set[tuple[int, int]] = set()
    hidden_rows: set[int] = set()
    hidden_cols: set[int] = set()
    errors: dict[tuple[int, int], str] = {}
    filtered = False
    pos = sheets[sheet]
    # one pass over the sheet's records (the rows' and the cells' records interleave, block by block),
    # the cells' first and without slicing a record's body: on a sheet of a million cells it takes
    # about what the percent scan alone took (about what calamine takes to read the sheet)
    while pos + 4 <= n:
        rid, ln = up("<HH", wb, pos)
        if rid in _CELL_RECORDS:
            if pct_xf and ln >= 6:
                r, c, ixfe = up("<HHH", wb, pos + 4)
                if ixfe in pct_xf:
                    percent.add((r + 1, c))
            # a FORMULA whose result is an error (result bytes 6-7 0xFFFF, byte 0 = 2, byte 2 its code)
            if rid == 0x0006 and ln >= 14 and wb[pos + 10] == 2 and wb[pos + 16:pos + 18] == b"\xff\xff":
                r, c = up("<HH", wb, pos + 4)
                errors[(r + 1, c)] = _ERROR_CODES.get(wb[pos + 12], "#ERROR")
        elif rid == 0x0205:  # BOOLERR: a typed error (fError 1) or a boolean
            if ln >= 8 and wb[pos + 11] == 1:
                r, c = up("<HH", wb, pos + 4)
                errors[(r + 1, c)] = _ERROR_CODES.get(wb[pos + 10], "#ERROR")
        elif rid == 0x0208:  # ROW
            if ln >= 16 and wb[pos + 16] & 0x20:  # fDyZero: a row the clerk has hidden
                hidden_rows.add(up("<H", wb, pos + 4)[0] + 1)
        elif rid == 0x00BD:  # MULRK
            if pct_xf and ln >= 6:
                r, c0 = up("<HH", wb, pos + 4)
                for q in range((ln - 6) // 6):
                    if up("<H", wb, pos + 8 + 6 * q)[0] in pct_xf:
                        percent.add((r + 1, c0 + q))
        elif rid == 0x007D:  # COLINFO: colFirst, colLast, width, XF, options (bit 0: hidden)
            if ln >= 10:
                first, last, grbit = up("<HH4xH", wb, pos + 4)
                if grbit & 0x0001:
                    hidden_cols.update(range(first, min(last, 255) + 1))
        elif rid in (0x009E, 0x009B):  # AUTOFILTER (a column's criterion), FILTERMODE: a filter is set
            filtered = True
        elif rid == 0x000A:
            break
        pos += 4 + ln
    rows_filtered: set[int] = set()
    if filtered and hidden_rows:
        rng = filter_ranges.get(order.index(sheet) + 1)
        if rng is None:  # a filter without its range: every hidden row may be its (read and said, not dropped)
            rows_filtered = set(hidden_rows)
        else:  # the rows below the range's first (its header), as for .xlsx; rwFirst, rwLast are 0-based
            rows_filtered = {r for r in hidden_rows if rng[0] + 1 < r <= rng[1] + 1}
        hidden_rows -= rows_filtered
    return XlsMarks(percent, hidden_rows, hidden_cols, rows_filtered, errors)
