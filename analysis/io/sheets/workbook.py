"""Workbook sheets (``.xlsx``/``.xlsm``/``.xlsb``, ``.xls``, ``.ods``) as grids, read by python-calamine.

For ``.xlsx`` the sheet XML is also scanned (C-speed regular expressions, no DOM) for what
calamine does not report: percent-formatted cells, formula cells without a saved value, hidden
rows and columns; for ``.ods`` the percentage cells and the hidden rows and columns of
``content.xml``; for ``.xls`` see :mod:`.xls`. Merged ranges are filled and remembered.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
import zlib
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.io.sheets.cells import Grid, check_cell_length, column_letter, fail, letters_to_index, strip_invisible
from analysis.io.sheets.xls import xls_marks

if TYPE_CHECKING:  # pragma: no cover
    from analysis.io.sheets.book import Book

_CHUNK = 16 * 2**20
#: ``<col min="10" max="10" hidden="1"/>`` (attributes in any order) and ``<row r="7" hidden="1">``.
_HIDDEN_COLS_RE = re.compile(rb'<col\b(?=[^>]*\bhidden="(?:1|true)")(?=[^>]*\bmin="([0-9]+)")(?=[^>]*\bmax="([0-9]+)")[^>]*>')
_HIDDEN_ROW_RE = re.compile(rb'<(?:\w+:)?row\b(?=[^>]*\bhidden="(?:1|true)")[^>]*\br="([0-9]+)"')


def _scan_xlsx_part(book: Book, part: str, percent_styles: set[str], sheet: str,
                    scaled_styles: dict[str, int] | None = None,
                    font_styles: dict[str, frozenset[str]] | None = None) -> tuple[
        set[tuple[int, int]], dict[tuple[int, int], str], set[int], set[int], dict[tuple[int, int], str], set[int]]:
    """Stream one sheet part: limits (rows, cells, long text runs), percent cells, formulas without
    value, hidden rows (1-based), hidden columns (0-based), error cells (``#DIV/0!``: calamine
    gives them as empty, which would read a failed formula as "not reported") and the rows an
    AutoFilter hides (a view of the table, not rows the clerk took out: not among the hidden rows)."""
    lim, lang = book.limits, book.lang
    where = f"{book.file}[{sheet}]"
    percent: set[tuple[int, int]] = set()
    formulas: dict[tuple[int, int], str] = {}
    hidden_rows: set[int] = set()
    hidden_cols: set[int] = set()
    errors: dict[tuple[int, int], str] = {}
    e_re = re.compile(rb'<(?:\w+:)?c\b([^>]*\bt="e"[^>]*)>(?:<(?:\w+:)?f\b[^>]*/>|<(?:\w+:)?f\b[^>]*>[^<]*</(?:\w+:)?f>)?<(?:\w+:)?v>([^<]{1,20})</(?:\w+:)?v>')
    pct_re = (re.compile(rb'<(?:\w+:)?c\b[^>]*\bs="(?:' + b"|".join(re.escape(s.encode()) for s in percent_styles)
                         + rb')"[^>]*>') if percent_styles else None)
    scaled_styles = scaled_styles or {}
    scaled: dict[tuple[int, int], int] = {}
    sc_re = (re.compile(rb'<(?:\w+:)?c\b[^>]*\bs="(' + b"|".join(re.escape(s.encode()) for s in scaled_styles)
                        + rb')"[^>]*>') if scaled_styles else None)
    font_styles = font_styles or {}
    marks: dict[tuple[int, int], frozenset[str]] = {}
    ft_re = (re.compile(rb'<(?:\w+:)?c\b[^>]*\bs="(' + b"|".join(re.escape(s.encode()) for s in font_styles)
                        + rb')"[^>]*>') if font_styles else None)
    f_re = re.compile(rb'<(?:\w+:)?c\b([^>]*)>(<(?:\w+:)?f\b[^>]*/>|<(?:\w+:)?f\b[^>]*>[^<]*</(?:\w+:)?f>)(<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?</(?:\w+:)?c>')
    r_re = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
    n_rows = n_cells = 0
    last_row = 0
    max_col = 25
    zf = zipfile.ZipFile(io.BytesIO(book._data))
    try:
        fh = zf.open(part)
    except KeyError:
        return percent, formulas, hidden_rows, hidden_cols, errors, set(), scaled, marks
    tail = b""
    recent = b""  # the sheet's last bytes: its <autoFilter> comes after the rows
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
            recent = (recent + body)[-65536:]
            n_rows += body.count(b"<row") + body.count(b":row ")
            n_cells += body.count(b"<c ") + body.count(b"<c>")
            if n_rows > lim.max_rows:
                raise fail(where, lang, "intake.too_many_rows", n=n_rows, limit=lim.max_rows)
            if n_cells > lim.max_cells:
                raise fail(where, lang, "intake.too_many_cells", n=n_cells, limit=lim.max_cells)
            if re.search(rb'<(?:\w+:)?c\b[^>]*\br="[A-Z]{2}', body):  # columns beyond Z: find the last one
                for letters in set(re.findall(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{2,3})[0-9]', body)):
                    max_col = max(max_col, letters_to_index(letters.decode()))
            if b"hidden=" in body:  # rows and columns the clerk has hidden (Excel shows none of them)
                for mm in _HIDDEN_COLS_RE.finditer(body):
                    lo, hi = int(mm.group(1)), int(mm.group(2))
                    if hi - lo <= 16384:
                        hidden_cols.update(range(lo - 1, hi))
                for mm in _HIDDEN_ROW_RE.finditer(body):
                    hidden_rows.add(int(mm.group(1)))
            m = None
            for m in re.finditer(rb'<(?:\w+:)?row\b[^>]*\br="([0-9]+)"', body[-4096:] if len(body) > 4096 else body):
                pass
            if m:
                last_row = max(last_row, int(m.group(1)))
            # longest text run between tags (a cell that expands to gigabytes)
            arr = np.frombuffer(body, dtype=np.uint8)
            lt = np.flatnonzero(arr == 60)
            if len(lt):
                gaps = np.diff(np.concatenate([[-1], lt, [len(arr)]]))
                if int(gaps.max()) > 4 * lim.max_cell_chars + 16:
                    raise fail(where, lang, "intake.cell_too_long_xml", limit=lim.max_cell_chars)
            elif len(arr) > 4 * lim.max_cell_chars:
                raise fail(where, lang, "intake.cell_too_long_xml", limit=lim.max_cell_chars)
            if pct_re is not None:
                for mm in pct_re.finditer(body):
                    r = r_re.search(mm.group(0))
                    if r:
                        percent.add((int(r.group(2)), letters_to_index(r.group(1).decode())))
            if sc_re is not None:  # a format that shows the value divided by 1,000 (#,##0,)
                for mm in sc_re.finditer(body):
                    r = r_re.search(mm.group(0))
                    if r and b't="s"' not in mm.group(0) and b't="inlineStr"' not in mm.group(0):
                        scaled[(int(r.group(2)), letters_to_index(r.group(1).decode()))] = \
                            scaled_styles[mm.group(1).decode()]
            if ft_re is not None:  # italic, bold or red figures: what a 注 row may say they are
                for mm in ft_re.finditer(body):
                    r = r_re.search(mm.group(0))
                    if r:
                        marks[(int(r.group(2)), letters_to_index(r.group(1).decode()))] = font_styles[mm.group(1).decode()]
            if b't="e"' in body:
                for mm in e_re.finditer(body):
                    r = r_re.search(mm.group(1))
                    if r:
                        errors[(int(r.group(2)), letters_to_index(r.group(1).decode()))] = mm.group(2).decode(
                            "utf-8", "replace")
            if b"<f" in body:
                for mm in f_re.finditer(body):
                    attrs = mm.group(1)
                    if mm.group(3) is not None and b't="str"' in attrs:
                        continue  # a formula whose saved result is empty text
                    r = r_re.search(attrs)
                    if r:
                        ftext = html.unescape(re.sub(rb"<[^>]*>", b"", mm.group(2)).decode("utf-8", "replace"))
                        formulas[(int(r.group(2)), letters_to_index(r.group(1).decode()))] = "=" + ftext[:60]
    if last_row > lim.max_rows:
        raise fail(where, lang, "intake.too_many_rows", n=last_row, limit=lim.max_rows)
    dense = last_row * (max_col + 1)  # calamine holds the sheet as a dense rectangle
    if dense > 4 * lim.max_cells:
        raise fail(where, lang, "intake.too_many_cells", n=dense, limit=lim.max_cells)
    filtered: set[int] = set()
    af = _AUTOFILTER_RE.search(recent + tail)
    if af and b"<filterColumn" in af.group(3):  # a filter set on a column: the rows it hides are a view
        first, last = int(af.group(1)), int(af.group(2))
        filtered = {r for r in hidden_rows if first < r <= last}
        hidden_rows -= filtered
    return percent, formulas, hidden_rows, hidden_cols, errors, filtered, scaled, marks


#: A number format that shows the value divided by 1,000 per comma after its last digit (#,##0, shows
#: 130000000 as 130,000): the comma(s) right after the last 0 # ? of its first section.
_SCALING_RE = re.compile(r"[0#?]+(,+)(?![0#?,])")


def _styles_xml(book: Book) -> str:
    """The workbook's styles part, read once per workbook (every sheet's formats and fonts are in it)."""
    cached = book._styles_cache
    if cached is None:
        try:
            cached = zipfile.ZipFile(io.BytesIO(book._data)).read("xl/styles.xml").decode("utf-8", "replace")
        except KeyError:
            cached = ""
        book._styles_cache = cached
    return cached


def _number_styles(book: Book) -> tuple[set[str], dict[str, int]]:
    """Indices of the cell formats (``cellXfs``) whose number format shows a percentage, and of those
    that show the value scaled down (``#,##0,``: by 1,000; ``0.0,,``: by 1,000,000) -> the divisor."""
    xml = _styles_xml(book)
    if not xml:
        return set(), {}
    pct_fmts = {"9", "10"}
    scaled_fmts: dict[str, int] = {}
    for tag in re.findall(r"<(?:\w+:)?numFmt\b[^>]*>", xml):  # (its attributes in either order)
        fid, fcode = re.search(r'\bnumFmtId="(\d+)"', tag), re.search(r'\bformatCode="([^"]*)"', tag)
        if not fid or not fcode:
            continue
        code = re.sub(r'"[^"]*"|\\.', "", fcode.group(1).replace("&quot;", '"'))
        if "%" in code:
            pct_fmts.add(fid.group(1))
        first = re.sub(r"\[[^\]]*\]", "", code.split(";")[0])  # [Red], [$-804] are not digits
        found = _SCALING_RE.findall(first)
        if found and "%" not in code:
            scaled_fmts[fid.group(1)] = 1000 ** len(found[-1])
    xfs = re.search(r"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", xml, re.S)
    out, scaled = set(), {}
    if xfs:
        for i, m in enumerate(re.finditer(r"<(?:\w+:)?xf\b[^>]*?/?>", xfs.group(1))):
            fid = re.search(r'numFmtId="(\d+)"', m.group(0))
            if fid and fid.group(1) in pct_fmts:
                out.add(str(i))
            elif fid and fid.group(1) in scaled_fmts:
                scaled[str(i)] = scaled_fmts[fid.group(1)]
    return out, scaled


def _font_styles(book: Book) -> dict[str, frozenset[str]]:
    """Cell formats (``cellXfs`` index) whose font or fill marks a figure as a table's note may name it
    (斜体数字为预计数, 黄色底纹为预计数): ``italic``, ``bold``, ``red`` (a red font colour), ``yellow`` (a yellow fill)."""
    xml = _styles_xml(book)
    fonts_part = re.search(r"<(?:\w+:)?fonts\b[^>]*>(.*?)</(?:\w+:)?fonts>", xml, re.S)
    xfs = re.search(r"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", xml, re.S)
    if not fonts_part or not xfs:
        return {}
    fills_part = re.search(r"<(?:\w+:)?fills\b[^>]*>(.*?)</(?:\w+:)?fills>", xml, re.S)
    yellow_fills = []
    for f in re.finditer(r"<(?:\w+:)?fill\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?fill>)", fills_part.group(1) if fills_part else "", re.S):
        fg = re.search(r'<(?:\w+:)?fgColor\b[^>]*\brgb="(?:FF)?([0-9A-Fa-f]{6})"', f.group(1) or "")
        rgb = fg.group(1) if fg else ""
        yellow_fills.append((bool(rgb) and int(rgb[:2], 16) >= 0xC0 and int(rgb[2:4], 16) >= 0xC0 and int(rgb[4:], 16) < 0x80)
                            or bool(re.search(r'<(?:\w+:)?fgColor\b[^>]*\bindexed="(?:5|13)"', f.group(1) or "")))
    flags = []
    for f in re.finditer(r"<(?:\w+:)?font\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?font>)", fonts_part.group(1), re.S):
        inner = f.group(1) or ""
        on = lambda tag: bool(re.search(rf'<(?:\w+:)?{tag}\b(?![^>]*\bval="(?:0|false)")[^>]*/?>', inner))
        color = re.search(r'<(?:\w+:)?color\b[^>]*\brgb="(?:FF)?([0-9A-Fa-f]{6})"', inner)
        red = bool(color) and int(color.group(1)[:2], 16) >= 0xC0 and int(color.group(1)[2:4], 16) < 0x60 \
            and int(color.group(1)[4:], 16) < 0x60
        # a red from the legacy palette (<color indexed="10"/>: 2 and 10 are FF0000), as older files and WPS write it
        red = red or bool(re.search(r'<(?:\w+:)?color\b[^>]*\bindexed="(?:2|10)"', inner))
        flags.append(frozenset(k for k, v in (("italic", on("i")), ("bold", on("b")), ("red", red)) if v))
    out = {}
    for i, m in enumerate(re.finditer(r"<(?:\w+:)?xf\b[^>]*?/?>", xfs.group(1))):
        fid = re.search(r'fontId="(\d+)"', m.group(0))
        found = flags[int(fid.group(1))] if fid and int(fid.group(1)) < len(flags) else frozenset()
        fill = re.search(r'fillId="(\d+)"', m.group(0))
        if fill and int(fill.group(1)) < len(yellow_fills) and yellow_fills[int(fill.group(1))]:
            found = found | {"yellow"}
        if found:
            out[str(i)] = frozenset(found)
    return out


def _xlsx_comments(book: Book, part: str) -> dict[tuple[int, int], str]:
    """The comments (批注) of one sheet part: ``(row, col)`` in sheet coordinates -> their text, from
    the comments part its relationships name (the clerk's note on a cell: 预计数, 1-11月数)."""
    import html as _html
    import posixpath

    folder, name = posixpath.split(part)
    try:
        zf = zipfile.ZipFile(io.BytesIO(book._data))
        rels = zf.read(f"{folder}/_rels/{name}.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    out: dict[tuple[int, int], str] = {}
    for m in re.finditer(r"<Relationship\b[^>]*>", rels):
        tag = m.group(0)
        tgt = re.search(r'\bTarget="([^"]+)"', tag)
        if not tgt or not re.search(r'\bType="[^"]*/comments"', tag):
            continue
        target = tgt.group(1)
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        try:
            xml = zf.read(path).decode("utf-8", "replace")
        except KeyError:
            continue
        for c in re.finditer(r'<comment\b[^>]*\bref="([A-Z]+)([0-9]+)"[^>]*>(.*?)</comment>', xml, re.S):
            text = _html.unescape("".join(re.findall(r"<t\b[^>]*>([^<]*)</t>", c.group(3)))).strip()
            # a threaded comment's legacy copy (Excel 365): its boilerplate, then 注释: / Comment: and the text
            thread = re.match(r"\[(?:线程批注|Threaded comment)\].*?(?:注释|Comment)\s*[:：]\s*(.*)$", text, re.S | re.I)
            if thread:
                text = re.sub(r"\s*\n\s*", " ", thread.group(1)).strip()
            if text:
                out[(int(c.group(2)), letters_to_index(c.group(1)))] = text[:500]
    return out


_AUTOFILTER_RE = re.compile(rb'<autoFilter\b[^>]*\bref="[A-Z]+([0-9]+):[A-Z]+([0-9]+)"[^>]*>(.*?)</autoFilter>', re.S)


def workbook_grid(book: Book, index: int) -> Grid:
    lang, lim = book.lang, book.limits
    name = book.sheet_names[index]
    percent: set[tuple[int, int]] = set()
    formulas: dict[tuple[int, int], str] = {}
    hidden_rows: set[int] = set()
    hidden_cols: set[int] = set()
    filtered: set[int] = set()
    errors: dict[tuple[int, int], str] = {}
    scaled: dict[tuple[int, int], int] = {}
    comments: dict[tuple[int, int], str] = {}
    marks: dict[tuple[int, int], frozenset[str]] = {}
    if book.fmt == "xlsx":
        part = book._zip_parts.get(name)
        if part:
            pct_styles, scaled_styles = _number_styles(book)
            percent, formulas, hidden_rows, hidden_cols, errors, filtered, scaled, marks = _scan_xlsx_part(
                book, part, pct_styles, name, scaled_styles, _font_styles(book))
            comments = _xlsx_comments(book, part)
    elif book.fmt == "ods":
        percent, errors = _ods_percent(book, name)
    elif book.fmt == "xls":
        percent, hidden_rows, hidden_cols, filtered, errors = xls_marks(book, name)
    try:
        sheet = book._wb.get_sheet_by_name(name)
        if sheet.height > lim.max_rows:
            raise fail(f"{book.file}[{name}]", lang, "intake.too_many_rows", n=sheet.height, limit=lim.max_rows)
        if sheet.height * max(sheet.width, 1) > lim.max_cells:
            raise fail(f"{book.file}[{name}]", lang, "intake.too_many_cells", n=sheet.height * sheet.width,
                        limit=lim.max_cells)
        data = sheet.to_python(skip_empty_area=False)
        try:
            merged = sheet.merged_cell_ranges
        except Exception:  # not every format records merges
            merged = None
    except InputError:
        raise
    except MemoryError:
        raise fail(book.file, lang, "intake.out_of_memory") from None
    except Exception as exc:
        raise fail(f"{book.file}[{name}]", lang, "intake.sheet_unreadable", error=type(exc).__name__) from None
    width = max((len(r) for r in data), default=0)
    if book.fmt == "ods":  # after the read: a sheet's hidden trailing rows and columns stop at its last cell
        hidden_rows, hidden_cols, filtered = _ods_hidden(book, name, len(data), width)
    df = pd.DataFrame(data, columns=range(width), dtype=object) if data else pd.DataFrame(dtype=object)
    # to_python(skip_empty_area=False) starts at A1: grid row i is sheet row i + 1
    rows = np.arange(1, len(df) + 1, dtype=np.int64)
    for (r, c), text in errors.items():  # #DIV/0!, #N/A: what Excel shows, never an empty (not reported) cell
        if r - 1 < len(df) and c < width and df.iat[r - 1, c] in ("", None):
            df.iat[r - 1, c] = text
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
    invisible = strip_invisible(df)
    grid = Grid(book.file, name, df, rows, 0, percent, formulas, fmt=book.fmt, invisible=invisible)
    grid.merged = filled
    grid.hidden_rows, grid.hidden_cols, grid.filtered_rows = hidden_rows, hidden_cols, filtered
    grid.scaled = scaled
    grid.comments = comments
    grid.marks = marks
    if book.fmt != "xlsx":  # for .xlsx the XML scan has checked every text run already
        check_cell_length(grid, lim, lang)
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


def _ods_percent(book: Book, sheet: str) -> tuple[set[tuple[int, int]], dict[tuple[int, int], str]]:
    """Percent-typed cells of an .ods sheet (``office:value-type="percentage"``), and the cells holding
    an error value (``calcext:value-type="error"``: a formula's #REF!, Err:502), with what they show
    (calamine reads those as empty, "not reported"; stop 43)."""
    errors: dict[tuple[int, int], str] = {}
    try:
        zf = zipfile.ZipFile(io.BytesIO(book._data))
        with zf.open("content.xml") as fh:
            head = fh.read()
    except (KeyError, zipfile.BadZipFile):
        return set(), errors
    if b'value-type="percentage"' not in head and b'value-type="error"' not in head:
        return set(), errors
    import xml.etree.ElementTree as ET

    ns_t = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    ns_o = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    ns_c = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
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
                elif cell.get(f"{{{ns_c}}}value-type") == "error":
                    shown = "".join(cell.itertext()).strip() or "#ERROR"
                    for k in range(min(rep_c, 1000)):
                        for q in range(min(rep_r, 1000)):
                            errors[(r + q + 1, c + k)] = shown
                c += rep_c
            r += rep_r
    return out, errors


#: In ``content.xml`` (with the ``table:`` prefix every writer gives the table namespace): a table's
#: start (its name), a column element, a row's start (its attributes) or end. A name must end where the tag's attributes start: not ``table:table-cell``,
#: ``table:table-row-group``, ``table:table-columns`` ...
_ODS_TABLE_RE = re.compile(rb'<table:table(?=[\s>])([^>]*)>')
_ODS_COLUMN_RE = re.compile(rb'<table:table-column(?=[\s/>])([^>]*)>')
_ODS_ROW_RE = re.compile(rb'<table:table-row(?=[\s>])([^>]*)>|</table:table-row>')
_ODS_REPEAT_RE = re.compile(rb'table:number-(?:rows|columns)-repeated="([0-9]+)"')
_ODS_VISIBILITY_RE = re.compile(rb'table:visibility="([a-z]+)"')
_ODS_ROWS_REPEATED_RE = re.compile(rb'number-rows-repeated="([0-9]+)"')


def _ods_hidden(book: Book, sheet: str, height: int, width: int) -> tuple[set[int], set[int], set[int]]:
    """Rows (1-based) and columns (0-based) of an .ods sheet that are hidden (``table:visibility="collapse"``),
    and the rows a filter hides (``"filter"``: read and said, as an .xlsx AutoFilter's), up to the
    sheet's last row and column (``height``, ``width``): LibreOffice hides "every row below" as one
    row element repeated a million times.

    ``content.xml`` is streamed, not parsed into a DOM (it is some 150 bytes a cell). The columns
    come first, few; a row counts its ``number-rows-repeated`` when it opens (less one) and one when
    it closes, so a stretch of rows without ``visibility=`` is counted by C-speed byte counts alone.
    A row always holds a cell (ODF), so it always closes. Tables nested in cells are not expected
    in a data sheet.
    """
    hidden_rows: set[int] = set()
    hidden_cols: set[int] = set()
    filtered: set[int] = set()
    try:
        zf = zipfile.ZipFile(io.BytesIO(book._data))
        fh = zf.open("content.xml")
    except (KeyError, zipfile.BadZipFile):
        return hidden_rows, hidden_cols, filtered
    inside = columns_done = False
    r = c = 0  # rows and columns of the sheet counted so far
    tail = b""
    with fh:
        while True:
            try:
                chunk = fh.read(_CHUNK)
            except (zipfile.BadZipFile, zlib.error, EOFError):  # calamine read it; if this cannot, mark nothing
                return set(), set(), set()
            buf = tail + chunk
            cut = buf.rfind(b"<") if chunk else len(buf)  # keep an incomplete last tag for the next round
            cut = cut if cut > 0 else len(buf)
            body, tail = buf[:cut], buf[cut:]
            pos = 0
            while pos < len(body):
                if not inside:
                    m = _ODS_TABLE_RE.search(body, pos)
                    if not m:
                        break
                    name = re.search(rb'\btable:name="([^"]*)"', m.group(1))
                    inside = bool(name) and html.unescape(name.group(1).decode("utf-8", "replace")) == sheet
                    pos = m.end()
                    continue
                end = body.find(b"</table:table>", pos)
                stop = end if end >= 0 else len(body)  # (searched within bounds: a 16 MB slice is not copied)
                if not columns_done:
                    first_row = body.find(b"<table:table-row", pos, stop)
                    columns_done = first_row >= 0
                    for m in _ODS_COLUMN_RE.finditer(body, pos, first_row if first_row >= 0 else stop):
                        rep = _ODS_REPEAT_RE.search(m.group(1))
                        n = int(rep.group(1)) if rep else 1
                        vis = _ODS_VISIBILITY_RE.search(m.group(1))
                        if vis and vis.group(1) != b"visible" and c < width:
                            hidden_cols.update(range(c, min(c + n, width)))
                        c += n
                if body.find(b"visibility=", pos, stop) < 0:  # no row hidden here: count them
                    r += body.count(b"</table:table-row>", pos, stop)
                    if body.find(b"rows-repeated=", pos, stop) >= 0:
                        r += sum(int(n) - 1 for n in _ODS_ROWS_REPEATED_RE.findall(body, pos, stop))
                else:
                    for m in _ODS_ROW_RE.finditer(body, pos, stop):
                        attrs = m.group(1)
                        if attrs is None:  # </table:table-row>
                            r += 1
                            continue
                        rep = _ODS_REPEAT_RE.search(attrs)
                        n = int(rep.group(1)) if rep else 1
                        vis = _ODS_VISIBILITY_RE.search(attrs)
                        if vis and vis.group(1) != b"visible" and r < height:
                            (filtered if vis.group(1) == b"filter" else hidden_rows).update(
                                range(r + 1, min(r + n, height) + 1))
                        r += n - 1
                if end >= 0:  # the sheet's end: nothing more to read
                    return hidden_rows, hidden_cols, filtered
                pos = len(body)
            if not chunk:
                break
    return hidden_rows, hidden_cols, filtered
