""".xls (BIFF8): the percent-formatted cells, which calamine does not report.

The ``Workbook`` stream is taken out of its OLE2 compound file and its FORMAT, XF and cell
records are read with :mod:`struct`; anything not understood marks no cell.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from analysis.io.sheets.book import Book

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


def xls_percent(book: Book, sheet: str) -> set[tuple[int, int]]:
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
