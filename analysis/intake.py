"""Read and check monitoring data from statistics offices.

(Being built: readers, unit and digit normalisation, schema validation.)
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd

from .errors import InputError, Problem, display_name

ENCODINGS = ("utf-8-sig", "gb18030")
_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_number(text: object) -> float | None:
    """Parse one cell as a number, or return ``None`` when it is not unambiguous.

    Handles full-width digits and signs (``１２３．５``), thousands separators in
    the Western style (``1,234,567.8``, also full-width ``，``), surrounding blanks.
    Rejects text such as ``约12`` or ``12-15``.
    """
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return None if pd.isna(text) else float(text)
    s = unicodedata.normalize("NFKC", str(text)).strip().replace("\u3000", "")
    if not s:
        return None
    if "," in s:
        if not re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?", s):
            return None
        s = s.replace(",", "")
    if not _NUMBER_RE.match(s):
        return None
    return float(s)


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or ``.xlsx`` file, every cell as text."""
    path = Path(path)
    shown = display_name(path)
    if not path.exists():
        raise InputError([Problem(shown, None, None, "file not found")])
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return pd.read_excel(path, dtype=str, keep_default_na=False)
    data = path.read_bytes()
    for enc in ENCODINGS:
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError([Problem(shown, None, None, "cannot decode: not UTF-8 or GBK/GB18030 text")])
    import io

    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
