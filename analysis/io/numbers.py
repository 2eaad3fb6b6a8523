"""Numbers, years and units as statistics offices write them.

The lowest layer of the intake (no file access, no catalogue): the catalogue and the
readers both import it. Rules:

* digits are ASCII or full-width (``１２３`` is read as 123 and reported as a
  conversion); any other digits (Arabic-Indic ``٣``, Devanagari ...) are refused;
* Western thousands separators only (``1,234,567.8``), never ``12,34``;
* a value cell may carry a unit after its number (``1.2亿元``, ``35%``);
* money units convert among themselves exactly (decimal arithmetic);
* ``%``, ``％`` and ``百分比`` are one unit; ``件`` is accepted for ``件/万人``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

#: Units whose values are money, with their factor to 亿元 (1e8 元).
MONEY_UNITS: dict[str, float] = {"元": 1e-8, "千元": 1e-5, "万元": 1e-4, "百万元": 1e-2, "千万元": 1e-1, "亿元": 1.0,
                                 "万亿元": 1e4}
#: Unit words a value cell may carry after its number (``8家``).
COUNT_UNITS: tuple[str, ...] = ("件", "家", "个", "项", "人", "名")
#: Count units written in ten thousands (``万件`` is 10,000 件), each converting to its count unit.
TEN_THOUSAND_UNITS: dict[str, str] = {"万" + u: u for u in COUNT_UNITS + ("户",)}
#: Counters of people, one unit under two words (a count in 人 is the same count in 名).
PERSON_UNITS: frozenset[str] = frozenset({"人", "名"})
#: Largest magnitude accepted for any value after conversion (issue: 1e308 must be an input error).
MAX_ABS_VALUE: float = 1e15
#: Cells that mean "not reported" in Chinese statistical tables (counted as blank, reported).
NOT_REPORTED: frozenset[str] = frozenset({"—", "——", "-", "--", "…", "……", "...", "/", "－", "―"})

_PERCENT_ALIASES = {"％": "%", "百分比": "%", "percent": "%", "pct": "%"}
_NUMBER_RE = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")
_THOUSANDS_RE = re.compile(r"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?$")
_FULLWIDTH_RE = re.compile(r"[\uff10-\uff19\uff0b\uff0d\uff0e\uff0c\uff05\u3000]")
_YEAR_RE = re.compile(r"^([0-9]{4})(?:\.0+)?\s*(年度?)?$")
#: A footnote mark after a number (``6①``, ``13000²``, ``1.2*``, ``35（注1）``): circled, parenthesised
#: and full-stop numbers, superscript digits, asterisks, ※, daggers, a bracketed 注.
_NOTE_MARK_RE = re.compile(
    "(?:[\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf\u00b9\u00b2\u00b3\u2070-\u2079"
    "*＊※†‡]|[(（]\\s*注\\s*[0-9０-９一二三四五六七八九十]{0,2}\\s*[)）])+$")


def _compat_digit(ch: str) -> bool:
    """Whether ``ch`` is a compatibility form NFKC turns into a digit or a point that is not a
    full-width one (``①`` -> 1, ``²`` -> 2, ``⒈`` -> "1.", ``½``): never part of a number."""
    if ch.isascii() or "\uff00" <= ch <= "\uffef":
        return False
    folded = unicodedata.normalize("NFKC", ch)
    return folded != ch and any(c.isdigit() or c == "." for c in folded)


def nfkc(text: str) -> str:
    """NFKC-normalised, stripped text (full-width letters and digits become ASCII)."""
    return unicodedata.normalize("NFKC", text).strip()


def has_fullwidth(text: object) -> bool:
    """Whether a cell uses full-width digits or signs (a conversion worth reporting)."""
    return isinstance(text, str) and bool(_FULLWIDTH_RE.search(text))


def has_foreign_digits(text: object) -> bool:
    """Whether a cell holds decimal digits other than ASCII and full-width (``٣``, ``३``)."""
    if not isinstance(text, str):
        return False
    return any(ch.isdigit() and not ("0" <= ch <= "9") and not ("\uff10" <= ch <= "\uff19") for ch in text)


def parse_number(text: object) -> float | None:
    """Parse one cell as a number, or return ``None`` when it is not unambiguous.

    Handles full-width digits and signs (``１２３．５``), Western thousands separators
    (``1,234,567.8``, also full-width ``，``) and surrounding blanks. Rejects text such
    as ``约12``, ``12-15``, ``1.2.3``, ``n/a``, digits other than ASCII/full-width and
    non-finite numbers.
    """
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, (int, float, np.integer, np.floating)):
        v = float(text)
        return v if math.isfinite(v) else None
    raw = str(text)
    if any(_compat_digit(ch) for ch in raw):  # 6① is not 61, 13000² not 130002
        return None
    s = unicodedata.normalize("NFKC", raw).strip().replace("\u3000", "")
    if not s:
        return None
    if "," in s:
        if not _THOUSANDS_RE.match(s):
            return None
        s = s.replace(",", "")
    if not _NUMBER_RE.match(s):
        return None
    try:
        v = float(s)
    except (ValueError, OverflowError):  # pragma: no cover - the regex guards this
        return None
    return v if math.isfinite(v) else None


def normalize_unit(unit: object) -> str:
    """Canonical spelling of a unit: NFKC, no blanks, ``％``/``百分比``/``% of GDP`` -> ``%``, no brackets
    around it (``（万元）``), no ``人民币`` beside a money unit, ``件/万人口`` -> ``件/万人``."""
    if unit is None or (isinstance(unit, float) and math.isnan(unit)):
        return ""
    u = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(unit)))
    u = re.sub(r"^\((.+)\)$", r"\1", u)                       # （万元）, (个): the unit in brackets
    u = re.sub(r"^(?:人民币)?(.*元)(?:人民币)?$", r"\1", u) if "人民币" in u else u  # 万元人民币
    u = re.sub(r"^(.+)/(?:每)?万(?:常住)?人口?$", r"\1/万人", u)   # 件/万人口, 件/每万人
    if re.fullmatch(r"%of[a-z]+", u.lower()):  # "% of GDP": still a percentage
        return "%"
    return _PERCENT_ALIASES.get(u.lower(), u)


def is_money(unit: object) -> bool:
    """Whether ``unit`` is one of :data:`MONEY_UNITS`."""
    return normalize_unit(unit) in MONEY_UNITS


def unit_factor(given: object, target: object) -> Decimal | None:
    """Factor that converts a value in unit ``given`` to unit ``target``, or ``None``.

    * an empty ``given`` means the target unit (factor 1);
    * money units (元, 千元, 万元, 百万元, 亿元, 万亿元) convert among themselves;
    * a count in ten thousands converts to its count and back (``万件`` -> ``件``, ×10,000; ``万人`` -> ``名``);
    * ``%``, ``％`` and ``百分比`` are the same unit;
    * for a ratio unit such as ``件/万人`` its numerator ``件`` is accepted;
    * ``人`` and ``名`` (both count people) are the same unit, as are ``户`` and ``家`` (enterprises);
    * ``‰`` converts to ``%`` (×0.1);
    * anything else must equal the target unit.
    """
    g, t = normalize_unit(given), normalize_unit(target)
    if g == "" or g == t:
        return Decimal(1)
    if g in MONEY_UNITS and t in MONEY_UNITS:
        return Decimal(repr(MONEY_UNITS[g])) / Decimal(repr(MONEY_UNITS[t]))
    if "/" in t and g == t.split("/", 1)[0]:
        return Decimal(1)
    if (g in TEN_THOUSAND_UNITS or t in TEN_THOUSAND_UNITS) and "/" not in t:  # 万件 -> 件 ×10,000; 件 -> 万件 ÷10,000
        f = unit_factor(TEN_THOUSAND_UNITS.get(g, g), TEN_THOUSAND_UNITS.get(t, t))
        if f is not None:
            return f * (Decimal(10_000) if g in TEN_THOUSAND_UNITS else 1) / (Decimal(10_000) if t in TEN_THOUSAND_UNITS else 1)
    if {g, t} <= PERSON_UNITS:  # 人 and 名 both count people (联系企业专家博士 10名 = 10人)
        return Decimal(1)
    if {g, t} == {"户", "家"}:  # 户 and 家 both count enterprises (the statistical 企业户数: 高新技术企业 9户 = 9家)
        return Decimal(1)
    if g == "‰" and t == "%":  # per mille: 6.4‰ is 0.64%
        return Decimal("0.1")
    return None


def convert(value: float, factor: Decimal) -> float:
    """``value * factor`` computed in decimal so that 3500 万元 is exactly 0.35 亿元."""
    if factor == 1:
        return float(value)
    try:
        return float(Decimal(repr(float(value))) * factor)
    except (InvalidOperation, ValueError, OverflowError):  # non-finite or huge
        return float(value) * float(factor)


def convert_array(values: np.ndarray, factor: Decimal) -> np.ndarray:
    """:func:`convert` over an array (decimal exactness for the usual short decimals)."""
    if factor == 1:
        return values.astype("float64")
    out = np.array([convert(v, factor) if math.isfinite(v) else v for v in values.tolist()], dtype="float64")
    return out


def _cell_units() -> tuple[str, ...]:
    units = list(MONEY_UNITS) + ["%", "‰", "百分比", "件/万人"] + list(COUNT_UNITS) + list(TEN_THOUSAND_UNITS)
    return tuple(sorted(set(units), key=len, reverse=True))


_CELL_UNITS = _cell_units()


def parse_value(text: object) -> tuple[float | None, str]:
    """Parse a value cell: a number, optionally followed by a unit (``1.2亿元``, ``3,500万元``, ``35%``).

    Returns ``(number, unit_in_cell)``; ``(None, "")`` when the cell is not an
    unambiguous number.
    """
    n = parse_number(text)
    if n is not None or text is None or not isinstance(text, str) or any(_compat_digit(ch) for ch in text):
        return n, ""
    s = nfkc(text)
    for u in _CELL_UNITS:
        if s.endswith(u) and len(s) > len(u):
            n = parse_number(s[: -len(u)])
            if n is not None:
                return n, normalize_unit(u)
    return None, ""


def strip_note_mark(text: object) -> str | None:
    """The cell without the footnote mark after its number (``6①`` -> ``6``, ``1.2亿元*`` ->
    ``1.2亿元``), or ``None`` when it carries none (the caller reports the mark it drops)."""
    if not isinstance(text, str):
        return None
    s = text.strip()
    base = _NOTE_MARK_RE.sub("", s).rstrip()
    return base if base and base != s else None


def parse_year(text: object) -> int | None:
    """A whole year (``2018``, ``2018.0`` from Excel, ``２０１８``, ``2018年``, ``2018年度``), else ``None``."""
    if isinstance(text, str):
        m = _YEAR_RE.match(nfkc(text))
        return int(m.group(1)) if m else None
    n = parse_number(text)
    if n is None or n != int(n) or abs(n) > 1e6:
        return None
    return int(n)


def parse_values(cells: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vectorised :func:`parse_value` for a column of cells.

    Returns
    -------
    numbers : float array (NaN where not a number)
    units : object array of the unit written in the cell ('' when none)
    fullwidth : bool array, cells that used full-width digits or signs
    marked : bool array, cells read without the footnote mark after the number (``6①``)
    """
    n = len(cells)
    fast = pd.to_numeric(cells, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    ok = np.isfinite(fast)
    # to_numeric reads ASCII only; a numeric non-string (float/int cell) is exact already
    numbers = np.where(ok, fast, np.nan)
    units = np.full(n, "", dtype=object)
    fullwidth = np.zeros(n, dtype=bool)
    marked = np.zeros(n, dtype=bool)
    values = cells.to_numpy(dtype=object)
    for i in np.flatnonzero(~ok):
        v = values[i]
        if v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and math.isnan(v)):
            continue
        num, unit = parse_value(v)
        if num is None and (base := strip_note_mark(v)) is not None:
            num, unit = parse_value(base)
            marked[i] = num is not None
        if num is not None:
            numbers[i] = num
            units[i] = unit
            fullwidth[i] = has_fullwidth(v)
    return numbers, units, fullwidth, marked
