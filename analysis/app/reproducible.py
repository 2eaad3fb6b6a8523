"""Reproducible bytes for zipped office files (xlsx, docx): fixed timestamps."""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from pathlib import Path

from analysis.io.atomic import atomic_write

__all__ = ["FIXED_TIME", "fixed_zip", "save_fixed"]

#: Fixed timestamp written into workbooks, documents and their zip entries.
FIXED_TIME = _dt.datetime(2020, 1, 1, 0, 0, 0)


def fixed_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with fixed entry timestamps and fixed core-property dates."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = blob.decode("utf-8")
                text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rf"\g<1>{stamp}\g<2>", text)
                blob = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, blob)
    return out.getvalue()


def save_fixed(doc, path: str | Path) -> Path:
    """Save an office document (anything with ``save(file)``: a python-docx ``Document``, an openpyxl
    ``Workbook``) to ``path`` atomically, its zip rewritten by :func:`fixed_zip`; return the path."""
    buf = io.BytesIO()
    doc.save(buf)
    path = Path(path)
    with atomic_write(path, binary=True) as fh:
        fh.write(fixed_zip(buf.getvalue()))
    return path
