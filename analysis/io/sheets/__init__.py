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

=====================  =========================================================================
module                 job
=====================  =========================================================================
:mod:`.book`           :func:`open_book`: the checks before parsing, the format, :class:`Book`
:mod:`.cells`          :class:`Grid` (a sheet's cells and their positions), :class:`Limits`
:mod:`.text`           CSV/TSV text: encodings, delimiter, the grid
:mod:`.workbook`       workbook sheets through python-calamine; the ``.xlsx`` XML scan, ``.ods``
:mod:`.xls`            ``.xls`` (BIFF8) percent-formatted cells, hidden rows and columns
:mod:`.table`          :func:`read_table`: simple tables, the header in the first non-empty row
=====================  =========================================================================
"""

from __future__ import annotations

from analysis.io.sheets.book import WORKBOOK_SUFFIXES, Book, open_book, shown_name
from analysis.io.sheets.cells import Grid, Limits, column_letter
from analysis.io.sheets.table import header_key, read_table
from analysis.io.sheets.text import ENCODINGS, decode, decode_text

__all__ = ["Book", "Grid", "Limits", "ENCODINGS", "WORKBOOK_SUFFIXES", "column_letter", "decode", "decode_text",
           "open_book", "read_table", "header_key", "shown_name"]
