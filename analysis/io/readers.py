"""Read and check monitoring data from statistics offices.

Two file contracts (see ``docs/data_contract.md``):

* **observations** (long format): ``indicator_id, year, value`` required; optional
  ``region`` (default 平川区), ``sector``, ``unit``, ``source``, ``note``. Values are
  converted to the unit of the target catalogue.
* **sector panel**: ``sector, year, metric, value`` required; optional ``region``,
  ``unit``, ``source``, ``note``. Values are converted to the metric's unit
  (``data/raw/metadata/sector_metrics.csv``).

Files may be CSV (UTF-8, UTF-8 with BOM, GBK/GB18030, UTF-16 with BOM) or Excel
``.xlsx`` (the sheet named ``填报`` or ``data``, else the first sheet); headers may be
Chinese (``指标代码, 年份, 数值`` ...). Every problem is reported at once, one per line,
as ``FILE:ROW:COLUMN: message`` with ROW as the user sees it (header = row 1; for
Excel the sheet's row number). Input files are only ever read.

The checks are declared as a pandera schema (:func:`_schema`) over a frame of the
cells plus derived, parsed columns; pandera's ``failure_cases`` (with ``lazy=True``)
are mapped back to file rows and turned into specific messages.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

import pandas as pd

from analysis import config
from analysis.errors import InputError, Problem, display_name

ENCODINGS = ("utf-8-sig", "gb18030")
_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")

#: Observations contract.
OBS_REQUIRED: tuple[str, ...] = ("indicator_id", "year", "value")
OBS_OPTIONAL: tuple[str, ...] = ("region", "sector", "unit", "source", "note")
OBS_COLUMNS: tuple[str, ...] = ("region", "indicator_id", "year", "value", "unit", "sector", "source", "note")
#: Sector-panel contract.
PANEL_REQUIRED: tuple[str, ...] = ("sector", "year", "metric", "value")
PANEL_OPTIONAL: tuple[str, ...] = ("region", "unit", "source", "note")
PANEL_COLUMNS: tuple[str, ...] = ("region", "sector", "year", "metric", "value", "unit", "source", "note")

#: Header aliases (compared after NFKC normalisation, stripping and lower-casing).
COLUMN_ALIASES: dict[str, str] = {
    "indicator_id": "indicator_id", "indicator": "indicator_id", "indicator id": "indicator_id",
    "指标代码": "indicator_id", "指标id": "indicator_id", "指标编号": "indicator_id",
    "year": "year", "年份": "year", "年度": "year", "年": "year",
    "value": "value", "数值": "value", "值": "value",
    "region": "region", "地区": "region", "区域": "region",
    "sector": "sector", "行业": "sector", "行业代码": "sector", "产业": "sector",
    "unit": "unit", "单位": "unit", "计量单位": "unit",
    "source": "source", "来源": "source", "数据来源": "source",
    "note": "note", "notes": "note", "备注": "note", "说明": "note",
}
#: Extra aliases of the sector-panel contract.
PANEL_ALIASES: dict[str, str] = {
    "metric": "metric", "指标": "metric", "指标代码": "metric", "指标id": "metric", "统计指标": "metric",
}
#: Unit words a value cell may carry after its number (``1.2亿元``, ``35%``).
COUNT_UNITS: tuple[str, ...] = ("件", "家", "个", "项", "人", "名")
_PERCENT_ALIASES = {"％": "%", "百分比": "%", "percent": "%", "pct": "%"}
#: Kinds whose values may not be negative (all the catalogue kinds except share, which is 0-100).
NONNEGATIVE_KINDS: tuple[str, ...] = ("level", "count", "ratio", "milestone")
SHEET_NAMES: tuple[str, ...] = ("填报", "data")

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


# --------------------------------------------------------------------------------------
# numbers and units
# --------------------------------------------------------------------------------------

def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def parse_number(text: object) -> float | None:
    """Parse one cell as a number, or return ``None`` when it is not unambiguous.

    Handles full-width digits and signs (``１２３．５``), thousands separators in
    the Western style (``1,234,567.8``, also full-width ``，``), surrounding blanks.
    Rejects text such as ``约12``, ``12-15``, ``1.2.3``, ``n/a`` and non-finite numbers.
    """
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        if pd.isna(text) or not math.isfinite(float(text)):
            return None
        return float(text)
    s = unicodedata.normalize("NFKC", str(text)).strip().replace("\u3000", "")
    if not s:
        return None
    if "," in s:
        if not re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?", s):
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
    """Canonical spelling of a unit: NFKC, no blanks, ``％``/``百分比``/``% of GDP`` -> ``%``."""
    if unit is None or (isinstance(unit, float) and math.isnan(unit)):
        return ""
    u = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(unit)))
    if re.fullmatch(r"%of[a-z]+", u.lower()):  # "% of GDP": still a percentage
        return "%"
    return _PERCENT_ALIASES.get(u.lower(), u)


def _money_units() -> dict[str, float]:
    from analysis.io.catalogue import MONEY_UNITS

    return MONEY_UNITS


def unit_factor(given: object, target: object) -> Decimal | None:
    """Factor that converts a value in unit ``given`` to unit ``target``, or ``None``.

    * an empty ``given`` means the target unit (factor 1);
    * money units (元, 千元, 万元, 百万元, 亿元) convert among themselves;
    * ``%``, ``％`` and ``百分比`` are the same unit;
    * for a ratio unit such as ``件/万人`` its numerator ``件`` is accepted;
    * anything else must equal the target unit.
    """
    g, t = normalize_unit(given), normalize_unit(target)
    if g == "" or g == t:
        return Decimal(1)
    money = _money_units()
    if g in money and t in money:
        return Decimal(repr(money[g])) / Decimal(repr(money[t]))
    if "/" in t and g == t.split("/", 1)[0]:
        return Decimal(1)
    return None


def convert(value: float, factor: Decimal) -> float:
    """``value * factor`` computed in decimal so that 3500 万元 is exactly 0.35 亿元."""
    if factor == 1:
        return float(value)
    try:
        return float(Decimal(repr(float(value))) * factor)
    except (InvalidOperation, ValueError):  # pragma: no cover - finite floats only
        return float(value) * float(factor)


def _cell_units() -> tuple[str, ...]:
    units = list(_money_units()) + ["%", "百分比", "件/万人"] + list(COUNT_UNITS)
    return tuple(sorted(set(units), key=len, reverse=True))


def parse_value(text: object) -> tuple[float | None, str]:
    """Parse a value cell: a number, optionally followed by a unit (``1.2亿元``, ``3,500万元``, ``35%``).

    Returns ``(number, unit_in_cell)``; ``(None, "")`` when the cell is not an
    unambiguous number.
    """
    n = parse_number(text)
    if n is not None or text is None or isinstance(text, (int, float)):
        return n, ""
    s = _nfkc(str(text))
    for u in _cell_units():
        if s.endswith(u) and len(s) > len(u):
            n = parse_number(s[: -len(u)])
            if n is not None:
                return n, normalize_unit(u)
    return None, ""


def parse_year(text: object) -> int | None:
    """A whole year (``2018``, ``2018.0`` from Excel, ``２０１８``, ``2018年``), else ``None``."""
    if isinstance(text, str):
        s = _nfkc(text)
        if s.endswith("年"):
            s = s[:-1].strip()
        text = s
    n = parse_number(text)
    if n is None or n != int(n):
        return None
    return int(n)


# --------------------------------------------------------------------------------------
# reading files
# --------------------------------------------------------------------------------------

@dataclass
class RawTable:
    """The cells of a CSV or sheet as text, with their row numbers in the file."""

    shown: str
    header: list[str]
    records: list[list[str]]
    rows: list[int]
    header_row: int = 1
    problems: list[Problem] = field(default_factory=list)

    def frame(self) -> pd.DataFrame:
        """The records as a DataFrame of strings (duplicate header names get ``.1``, ``.2``)."""
        names: list[str] = []
        seen: dict[str, int] = {}
        for j, h in enumerate(self.header):
            name = h if h else f"Unnamed: {j}"
            if name in seen:
                seen[name] += 1
                name = f"{name}.{seen[name]}"
            else:
                seen[name] = 0
            names.append(name)
        width = len(names)
        data = [(r + [""] * width)[:width] for r in self.records]
        df = pd.DataFrame(data, columns=names, dtype=str) if data else pd.DataFrame(
            {n: pd.Series([], dtype=str) for n in names})
        df.attrs["headers"] = list(self.header)
        df.attrs["rows"] = list(self.rows)
        df.attrs["header_row"] = self.header_row
        df.attrs["file"] = self.shown
        return df


def _cell_text(v: object) -> str:
    """One cell (from CSV, Excel or a DataFrame) as stripped text; empty for missing."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(v)
    try:
        if pd.isna(v):  # pd.NA, NaT, numpy nan
            return ""
    except (TypeError, ValueError):
        pass
    if hasattr(v, "item") and not isinstance(v, str):  # numpy scalars
        try:
            return _cell_text(v.item())
        except Exception:  # pragma: no cover
            pass
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v).strip()


def _decode(data: bytes, shown: str) -> str:
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError([Problem(shown, None, None, "cannot decode the UTF-16 text")]) from None
    if b"\x00" in data:
        raise InputError([Problem(shown, None, None,
                                  "not a text file (binary data): expected a CSV or an Excel .xlsx file")])
    for enc in ENCODINGS:
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError([Problem(shown, None, None,
                                  "cannot decode: not UTF-8 or GBK/GB18030 text (save the file as CSV UTF-8)")])
    if len(_CONTROL_RE.findall(text[:4096])) > 2:
        raise InputError([Problem(shown, None, None,
                                  "not a text file (binary data): expected a CSV or an Excel .xlsx file")])
    return text


def _read_csv_records(text: str, shown: str) -> list[tuple[int, list[str]]]:
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = ","
    if "," not in first:
        if "\t" in first:
            delimiter = "\t"
        elif ";" in first:
            delimiter = ";"
    out: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for rec in reader:
            if rec and any(c.strip() for c in rec):
                out.append((start, [c.strip() for c in rec]))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError([Problem(shown, start, None, f"cannot read as CSV: {exc}")]) from None
    return out


def _read_xlsx_records(data: bytes, shown: str) -> list[tuple[int, list[str]]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException, ...
        raise InputError([Problem(shown, None, None,
                                  f"cannot read as an Excel .xlsx workbook ({type(exc).__name__})")]) from None
    try:
        sheets = wb.worksheets
        if not sheets:
            raise InputError([Problem(shown, None, None, "the workbook has no sheets")])
        ws = sheets[0]
        for name in SHEET_NAMES:
            hit = [s for s in sheets if s.title.strip().lower() == name.lower()]
            if hit:
                ws = hit[0]
                break
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()  # do not trust the stored dimension
        out = []
        try:
            for i, values in enumerate(ws.iter_rows(values_only=True), start=1):
                cells = [_cell_text(v) for v in values]
                if any(cells):
                    out.append((i, cells))
        except Exception as exc:
            raise InputError([Problem(shown, None, None,
                                      f"cannot read the sheet {ws.title!r} ({type(exc).__name__})")]) from None
        return out
    finally:
        wb.close()


def read_raw(path: str | Path) -> RawTable:
    """Read a CSV or ``.xlsx`` file into a :class:`RawTable` (header + text records).

    Raises
    ------
    InputError
        One line when the file is missing, empty, binary, undecodable or not a workbook.
    """
    path = Path(path)
    shown = display_name(path)
    if not path.exists():
        raise InputError([Problem(shown, None, None, "file not found")])
    if path.is_dir():
        raise InputError([Problem(shown, None, None, "is a directory, not a file")])
    try:
        with open(path, "rb") as fh:  # read-only: inputs are never modified
            data = fh.read()
    except OSError as exc:
        raise InputError([Problem(shown, None, None, f"cannot open: {exc.strerror or exc}")]) from None
    if not data.strip():
        raise InputError([Problem(shown, None, None, "file is empty")])
    suffix = path.suffix.lower()
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError([Problem(shown, None, None,
                                  "old Excel .xls format is not supported: save it as .xlsx or CSV")])
    if data.startswith(b"PK\x03\x04") or suffix in (".xlsx", ".xlsm"):
        records = _read_xlsx_records(data, shown)
    else:
        records = _read_csv_records(_decode(data, shown), shown)
    if not records:
        raise InputError([Problem(shown, None, None, "file is empty (no header row)")])
    header_row, header = records[0]
    while header and header[-1] == "":
        header.pop()
    problems: list[Problem] = []
    recs, rows = [], []
    for row, cells in records[1:]:
        extra = [c for c in cells[len(header):] if c]
        if extra:
            width = max(j for j, c in enumerate(cells) if c) + 1
            hint = ("" if suffix in (".xlsx", ".xlsm") else
                    ' (in CSV a number with a thousands separator must be quoted, e.g. "1,234")')
            problems.append(Problem(shown, row, None,
                                    f"row has {width} cells but the header has {len(header)}{hint}"))
        recs.append(cells)
        rows.append(row)
    return RawTable(shown, header, recs, rows, header_row, problems)


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or ``.xlsx`` file, every cell as text.

    The frame has a ``RangeIndex``; ``df.attrs["rows"]`` holds each record's row
    number in the file (header = row 1). Raises :class:`InputError` for unreadable files.
    """
    raw = read_raw(path)
    if raw.problems:
        raise InputError(raw.problems)
    return raw.frame()


# --------------------------------------------------------------------------------------
# contracts and validation
# --------------------------------------------------------------------------------------

def _header_key(name: object) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(name)).strip().lower())


def _canonical_columns(columns: Sequence[object], aliases: Mapping[str, str]) -> dict[str, list[int]]:
    """Map contract column -> positions of the raw columns that name it."""
    out: dict[str, list[int]] = {}
    for j, c in enumerate(columns):
        canon = aliases.get(_header_key(c))
        if canon is not None:
            out.setdefault(canon, []).append(j)
    return out


@dataclass(frozen=True)
class _Contract:
    kind: str
    key: str                      # indicator_id | metric
    required: tuple[str, ...]
    optional: tuple[str, ...]
    aliases: Mapping[str, str]
    dup_key: tuple[str, ...]      # for the duplicate message, in this order
    unknown_key_msg: str          # format with {value!r}
    key_label: str                # "indicator" | "metric"


_OBS = _Contract("observations", "indicator_id", OBS_REQUIRED, OBS_OPTIONAL, COLUMN_ALIASES,
                 ("region", "indicator_id", "year"),
                 "unknown indicator {value!r} (not in the target catalogue)", "indicator")
_PANEL = _Contract("sectors", "metric", PANEL_REQUIRED, PANEL_OPTIONAL,
                   {**{k: v for k, v in COLUMN_ALIASES.items() if v != "indicator_id"}, **PANEL_ALIASES},
                   ("region", "sector", "metric", "year"),
                   "unknown metric {value!r} (not in sector_metrics.csv)", "metric")


def _fmt_num(v: float) -> str:
    return f"{v:g}" if abs(v) < 1e15 else repr(v)


def _pandera():
    try:
        import pandera.pandas as pa  # pandera >= 0.24
    except ImportError:  # pragma: no cover - older pandera
        import pandera as pa
    return pa


def _check(name: str, fn: Callable[[pd.Series], pd.Series], *, ignore_na: bool = True):
    return _pandera().Check(fn, name=name, ignore_na=ignore_na)


def _schema(contract: _Contract, present: set[str], known_keys: set[str],
            known_sectors: set[str] | None):
    """The pandera schema of the working frame (cells + derived columns).

    Every check is vectorised; derived columns are NaN/None where a check does not
    apply (pandera ignores those), so each problem is reported once.
    """
    pa = _pandera()

    def col(checks=(), required=False):
        return pa.Column(nullable=True, required=required, checks=list(checks))

    cols: dict[str, pa.Column] = {}
    for c in contract.required:
        cols[c] = col(required=True)
    key = contract.key
    cols[key] = col([
        _check(f"{key}_empty", lambda s: s.ne("")),
        _check(f"{key}_unknown", lambda s: s.eq("") | s.isin(known_keys)),
    ], required=True)
    if "sector" in contract.required or "sector" in present:
        checks = []
        if "sector" in contract.required:
            checks.append(_check("sector_empty", lambda s: s.ne("")))
        if known_sectors is not None:
            checks.append(_check("sector_unknown", lambda s: s.eq("") | s.isin(known_sectors)))
        cols["sector"] = col(checks, required="sector" in contract.required)
    cols["year"] = col([
        _check("year_empty", lambda s: s.ne("")),
    ], required=True)
    cols["value"] = col(required=True)
    if "year" in present:
        cols["_year_text"] = col([_check("year_number", lambda s: s.astype(bool))])
        cols["_year"] = col([_check("year_range", lambda s: s.between(config.MIN_YEAR, config.MAX_YEAR))])
    if "value" in present:
        cols["_value_ok"] = col([_check("value_number", lambda s: s.astype(bool))])
        cols["_unit_conflict"] = col([_check("unit_conflict", lambda s: ~s.astype(bool))])
        cols["_unit_ok"] = col([_check("unit_convertible", lambda s: s.astype(bool))])
        cols["_nonneg"] = col([_check("value_negative", lambda s: s.ge(0))])
        cols["_share"] = col([_check("value_share_range", lambda s: s.between(0, 100))])
        cols["_dup_of"] = col([_check("duplicate", lambda s: s.lt(0))])
    return pa.DataFrameSchema(cols, strict=False, coerce=False)


def _work_frame(raw_df: pd.DataFrame, contract: _Contract, rows: Sequence[int],
                default_region: str, units: Mapping[str, str], kinds: Mapping[str, str],
                header_row: int, shown: str) -> tuple[pd.DataFrame, set[str], list[Problem]]:
    """Cells as text under contract names, the empty-value rows dropped, plus parsed columns."""
    problems: list[Problem] = []
    headers = raw_df.attrs.get("headers")
    if headers is None or len(headers) != len(raw_df.columns):
        headers = list(raw_df.columns)
    positions = _canonical_columns(headers, contract.aliases)
    present = set(positions)
    data: dict[str, pd.Series] = {}
    n = len(raw_df)
    for canon, js in positions.items():
        if len(js) > 1:
            names = ", ".join(repr(str(headers[j])) for j in js)
            problems.append(Problem(shown, header_row, canon, f"column given more than once ({names})"))
        s = raw_df.iloc[:, js[0]]
        data[canon] = pd.Series([_cell_text(v) for v in s], index=range(n), dtype=object)
    w = pd.DataFrame(data, index=range(n))
    w["_row"] = list(rows)
    if "value" in w:
        w = w.loc[w["value"].ne("")].reset_index(drop=True)
    for c in ("indicator_id", "metric", "sector", "year", "unit"):
        if c in w:
            w[c] = w[c].map(_nfkc)
    if "region" in w:
        w["region"] = w["region"].where(w["region"].ne(""), default_region)
    else:
        w["region"] = default_region
    key = contract.key
    if key not in w:
        w[key] = pd.Series([""] * len(w), index=w.index, dtype=object)
    if "year" in w:
        years = [parse_year(t) if t else None for t in w["year"]]
        w["_year_text"] = pd.Series([None if t == "" else (y is not None) for t, y in zip(w["year"], years)],
                                    index=w.index, dtype=object)
        w["_year"] = pd.Series([math.nan if y is None else float(y) for y in years], index=w.index,
                               dtype="float64")
    if "value" in w:
        parsed = w["value"].map(parse_value)
        w["_number"] = [p[0] for p in parsed]
        w["_number"] = w["_number"].astype("float64")
        cell_unit = pd.Series([p[1] for p in parsed], index=w.index, dtype=object)
        col_unit = w["unit"].map(normalize_unit) if "unit" in w else pd.Series("", index=w.index, dtype=object)
        w["_value_ok"] = w["_number"].notna()
        conflict = cell_unit.ne("") & col_unit.ne("") & cell_unit.ne(col_unit)
        w["_unit_conflict"] = conflict.where(w["_value_ok"], None)
        w["_cell_unit"] = cell_unit
        w["_given_unit"] = cell_unit.where(cell_unit.ne(""), col_unit)
        w["_target_unit"] = w[key].map(lambda k: units.get(k))
        w["_kind"] = w[key].map(lambda k: kinds.get(k, ""))
        known = w[key].isin(list(units))
        factors = [(unit_factor(g, t) if t else Decimal(1)) if ok else None
                   for g, t, ok in zip(w["_given_unit"], w["_target_unit"], known)]
        w["_factor"] = factors
        applicable = known & w["_value_ok"] & ~conflict
        w["_unit_ok"] = pd.Series([f is not None for f in factors], index=w.index, dtype=object).where(
            applicable, None)
        good = applicable & w["_unit_ok"].eq(True)
        w["_value"] = [convert(v, f) if g else math.nan
                       for v, f, g in zip(w["_number"], factors, good)]
        w["_value"] = w["_value"].astype("float64")
        is_share = w["_kind"].eq("share")
        w["_nonneg"] = w["_value"].where(w["_kind"].isin(NONNEGATIVE_KINDS) & good)
        w["_share"] = w["_value"].where(is_share & good)
        # duplicates among rows that are otherwise fine
        key_ok = known & w["_year"].notna() if "year" in w else known & False
        if "sector" in contract.dup_key:
            key_ok = key_ok & w.get("sector", pd.Series("", index=w.index)).ne("")
        keycols = [("_year" if c == "year" else c) for c in contract.dup_key if c in w] if key_ok.any() else []
        dup_of = pd.Series(math.nan, index=w.index, dtype="float64")
        if keycols:
            sub = w.loc[key_ok, keycols].astype(str)
            dup = sub.duplicated(keep="first")
            first_row = w.loc[key_ok, "_row"].groupby([sub[c] for c in keycols]).transform("first")
            dup_of.loc[dup[dup].index] = first_row.loc[dup[dup].index].astype("float64")
        w["_dup_of"] = dup_of.where(dup_of.notna(), -1.0).where(key_ok | dup_of.notna())
    return w, present, problems


def _messages(contract: _Contract) -> dict[str, tuple[str | Callable[[pd.Series], str],
                                                     Callable[[pd.Series], str]]]:
    """check name -> (column shown to the user, message for one working-frame row)."""
    key = contract.key

    def dup_msg(r: pd.Series) -> str:
        parts = []
        for c in contract.dup_key:
            v = r.get(c, "")
            parts.append(str(int(r["_year"])) if c == "year" else str(v))
        return f"duplicate of row {int(r['_dup_of'])} ({', '.join(parts)})"

    def unit_msg(r: pd.Series) -> str:
        return (f"unit {r['_given_unit']!r} cannot be converted to {r['_target_unit']} "
                f"(the catalogue unit of {r[key]})" if contract.kind == "observations" else
                f"unit {r['_given_unit']!r} cannot be converted to {r['_target_unit']} "
                f"(the unit of metric {r[key]})")

    return {
        f"{key}_empty": (key, lambda r: f"missing {contract.key_label} id (the cell is empty)"),
        f"{key}_unknown": (key, lambda r: contract.unknown_key_msg.format(value=r[key])),
        "sector_empty": ("sector", lambda r: "missing sector (the cell is empty)"),
        "sector_unknown": ("sector", lambda r: f"unknown sector {r['sector']!r} (not a sector in entities.csv)"),
        "year_empty": ("year", lambda r: "missing year (the cell is empty)"),
        "year_number": ("year", lambda r: f"not a year: {r['year']!r}"),
        "year_range": ("year", lambda r: f"{int(r['_year'])} is outside {config.MIN_YEAR}-{config.MAX_YEAR}"),
        "value_number": ("value", lambda r: f"not a number: {r['value']!r}"),
        "unit_conflict": ("value", lambda r: f"the unit in the cell ({r['_cell_unit']}) differs from the "
                                             f"unit column ({normalize_unit(r.get('unit', ''))})"),
        "unit_convertible": (lambda r: "value" if r["_cell_unit"] else "unit", unit_msg),
        "value_negative": ("value", lambda r: f"negative value {_fmt_num(r['_number'])}: "
                                              f"{r[key]} is a {r['_kind'] or 'count'} and cannot be negative"),
        "value_share_range": ("value", lambda r: f"{_fmt_num(r['_number'])} is outside 0-100 "
                                                 f"({r[key]} is a share in %)"),
        "duplicate": (key, dup_msg),
    }


def _validate(raw_df: pd.DataFrame, contract: _Contract, *, file: str, rows: Sequence[int] | None,
              default_region: str, units: Mapping[str, str], kinds: Mapping[str, str],
              known_sectors: set[str] | None) -> tuple[pd.DataFrame, list[Problem]]:
    """Run the contract's pandera schema; return the working frame and every problem."""
    from pandera.errors import SchemaError, SchemaErrors

    attrs = dict(getattr(raw_df, "attrs", {}) or {})
    raw_df = pd.DataFrame(raw_df).reset_index(drop=True)
    raw_df.attrs.update(attrs)
    if rows is None:
        rows = raw_df.attrs.get("rows") or []
        if len(rows) != len(raw_df):
            rows = list(range(2, len(raw_df) + 2))
    header_row = int(raw_df.attrs.get("header_row", 1) or 1)
    headers = raw_df.attrs.get("headers")
    if headers is None or len(headers) != len(raw_df.columns):
        headers = list(raw_df.columns)
    positions = _canonical_columns(headers, contract.aliases)
    if len(raw_df.columns) and not positions:
        first = ", ".join(repr(str(c)) for c in list(headers)[:4])
        return pd.DataFrame(), [Problem(
            file, header_row, None,
            f"no header row: expected the columns {', '.join(contract.required)} (the first row is {first})")]
    w, present, problems = _work_frame(raw_df, contract, rows, default_region, units, kinds, header_row, file)
    schema = _schema(contract, present, set(units), known_sectors)
    messages = _messages(contract)
    order = {c: i for i, c in enumerate(("region",) + contract.required + contract.optional)}
    checked = w if contract.key in present else w.drop(columns=[contract.key])
    try:
        schema.validate(checked, lazy=True)
    except SchemaErrors as exc:
        fc = exc.failure_cases
        for check, column, case, index in zip(fc["check"], fc["column"], fc["failure_case"], fc["index"]):
            check = str(check)
            if check == "column_in_dataframe":
                problems.append(Problem(file, header_row, str(case), "required column is missing"))
                continue
            if check in messages and index is not None and not pd.isna(index) and int(index) in w.index:
                shown_col, make = messages[check]
                r = w.loc[int(index)]
                if callable(shown_col):
                    shown_col = shown_col(r)
                problems.append(Problem(file, int(r["_row"]), shown_col, make(r)))
            else:  # pragma: no cover - a check that errored inside pandera
                problems.append(Problem(file, None, None if pd.isna(column) else str(column),
                                        f"check {check} failed: {case}"))
    except SchemaError as exc:  # pragma: no cover - lazy=True collects everything
        problems.append(Problem(file, None, None, str(exc).splitlines()[0]))
    problems = sorted(set(problems), key=lambda p: (p.row if p.row is not None else -1,
                                                    order.get(p.column or "", 99), p.message))
    return w, problems


def _as_targets(targets: pd.DataFrame | str | Path | None) -> pd.DataFrame:
    from analysis.io import catalogue

    if isinstance(targets, pd.DataFrame):
        return targets
    return catalogue.load_targets(targets)


def _catalogue_maps(targets: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    units = {str(i): str(u) for i, u in zip(targets["id"], targets["unit"])}
    kinds = ({str(i): str(k) for i, k in zip(targets["id"], targets["kind"])} if "kind" in targets else {})
    if not kinds:
        from analysis.io.catalogue import infer_kind

        kinds = {i: infer_kind(u, 0.0) for i, u in units.items()}
    return units, kinds


def validate_observations(raw_df: pd.DataFrame, targets: pd.DataFrame | str | Path | None = None, *,
                          file: str = "<data>", rows: Sequence[int] | None = None,
                          default_region: str = config.DEFAULT_REGION) -> list[Problem]:
    """Check raw observation cells against the contract and the target catalogue.

    Parameters
    ----------
    raw_df : DataFrame
        The cells as read (any dtype; text is expected), with the user's headers
        (English or Chinese aliases). Rows with an empty value cell are "not reported"
        and skipped.
    targets : DataFrame or path, optional
        The target catalogue (default: the plan's).
    file : str
        File name used in the messages.
    rows : sequence of int, optional
        Row number in the file of each record; default ``raw_df.attrs["rows"]`` or
        2, 3, ... (header = row 1).
    default_region : str
        Region of rows without one.

    Returns
    -------
    list of Problem
        Every problem, sorted by row; empty when the data are clean. Never raises
        for bad cells.
    """
    units, kinds = _catalogue_maps(_as_targets(targets))
    _, problems = _validate(raw_df, _OBS, file=file, rows=rows, default_region=default_region,
                            units=units, kinds=kinds, known_sectors=None)
    return problems


def _tidy(w: pd.DataFrame, columns: Sequence[str], units: Mapping[str, str], sort: Sequence[str]) -> pd.DataFrame:
    out = pd.DataFrame(index=w.index)
    for c in columns:
        if c == "year":
            out[c] = (w["_year"].astype("int64") if len(w) else pd.Series([], dtype="int64"))
        elif c == "value":
            out[c] = (w["_value"].astype("float64") if len(w) else pd.Series([], dtype="float64"))
        elif c == "unit":
            out[c] = [units.get(k) or normalize_unit(g) for k, g in
                      zip(w["_key"], w["_out_unit"])] if len(w) else []
        else:
            out[c] = w[c] if c in w else ""
    out = out.astype({c: "str" for c in columns if c not in ("year", "value")})
    return out.sort_values(list(sort), kind="stable").reset_index(drop=True)


def read_observations(path: str | Path, targets: pd.DataFrame | str | Path | None = None, *,
                      default_region: str = config.DEFAULT_REGION, skip_unknown: bool = False) -> pd.DataFrame:
    """Read a monitoring file (CSV or ``.xlsx``) in the observations contract.

    Parameters
    ----------
    path : path-like
        The file; it is only read.
    targets : DataFrame or path, optional
        The target catalogue the indicator ids must come from (default: the plan's).
    default_region : str
        Region of rows without one (default 平川区).
    skip_unknown : bool
        Drop the rows whose ``indicator_id`` is not in the catalogue (and every problem
        on those rows) instead of reporting them: for a statistics file that holds more
        series than the plan has targets. The ids skipped are in ``df.attrs["skipped"]``
        as ``{indicator_id: [rows]}``. Default ``False``: unknown ids are errors.

    Returns
    -------
    DataFrame
        ``region, indicator_id, year (int64), value (float64, in the catalogue unit),
        unit (the catalogue unit), sector, source, note`` sorted by region,
        indicator_id, year. Rows with an empty value are dropped (not reported).

    Raises
    ------
    InputError
        With every problem, one ``FILE:ROW:COLUMN: message`` each.
    """
    raw = read_raw(path)
    t = _as_targets(targets)
    units, kinds = _catalogue_maps(t)
    w, problems = _validate(raw.frame(), _OBS, file=raw.shown, rows=raw.rows, default_region=default_region,
                            units=units, kinds=kinds, known_sectors=None)
    skipped: dict[str, list[int]] = {}
    if skip_unknown:
        for p in problems:
            if p.column == "indicator_id" and p.message.startswith("unknown indicator"):
                skipped.setdefault(p.message.split("'")[1], []).append(p.row)
        bad = {r for rows in skipped.values() for r in rows}
        problems = [p for p in problems if p.row not in bad]
        if len(w) and "indicator_id" in w:
            w = w.loc[w["indicator_id"].isin(list(units))]
    problems = _merge(raw.problems, problems)
    if problems:
        raise InputError(problems)
    out = _finish(w, "indicator_id", OBS_COLUMNS, units, ("region", "indicator_id", "year"))
    out.attrs["skipped"] = skipped
    return out


def _merge(a: list[Problem], b: list[Problem]) -> list[Problem]:
    """Read-level problems merged into the (already sorted) validation problems, by row."""
    return sorted(a + b, key=lambda p: p.row if p.row is not None else -1) if a else b


def _finish(w: pd.DataFrame, key: str, columns: Sequence[str], units: Mapping[str, str],
            sort: Sequence[str]) -> pd.DataFrame:
    if "value" not in w or "_value" not in w:
        w = pd.DataFrame(columns=list(columns) + ["_year", "_value", "_given_unit"])
    w = w.copy()
    w["_key"] = w[key] if key in w else ""
    w["_out_unit"] = w.get("_given_unit", "")
    # a value whose metric has no known unit keeps its own unit; money goes to 亿元
    if len(w):
        money = _money_units()
        unknown = ~w["_key"].isin(list(units))
        for i in w.index[unknown]:
            g = normalize_unit(w.at[i, "_out_unit"])
            if g in money and g != "亿元":
                w.at[i, "_value"] = convert(w.at[i, "_number"], unit_factor(g, "亿元"))
                w.at[i, "_out_unit"] = "亿元"
    return _tidy(w, columns, units, sort)


# --------------------------------------------------------------------------------------
# sector panels
# --------------------------------------------------------------------------------------

def sector_metrics_path() -> Path:
    """``data/raw/metadata/sector_metrics.csv`` (metric, name_zh, name_en, unit, kind, ...)."""
    return config.raw_dir() / "metadata" / "sector_metrics.csv"


def _metric_maps(metrics) -> tuple[dict[str, str], dict[str, str]]:
    """metric -> unit ('' when unknown) and metric -> kind."""
    if metrics is None:
        p = sector_metrics_path()
        if p.exists():
            metrics = read_table(p)
        else:
            from analysis.vocab import SECTOR_METRICS

            metrics = list(SECTOR_METRICS)
    if isinstance(metrics, pd.DataFrame):
        ids = [str(m).strip() for m in metrics["metric"]]
        units = [str(u).strip() for u in metrics["unit"]] if "unit" in metrics else [""] * len(ids)
        ks = [str(k).strip() for k in metrics["kind"]] if "kind" in metrics else [""] * len(ids)
        return dict(zip(ids, units)), dict(zip(ids, ks))
    if isinstance(metrics, Mapping):
        return {str(k): str(v or "") for k, v in metrics.items()}, {}
    ids = [str(m) for m in metrics]
    return dict.fromkeys(ids, ""), {}


def _sector_ids(sectors) -> set[str] | None:
    if sectors is not None:
        if isinstance(sectors, pd.DataFrame):
            sectors = sectors["entity_id"]
        return {str(s) for s in sectors}
    p = config.entities_path()
    if p.exists():
        e = read_table(p)
        if {"entity_id", "type"} <= set(e.columns):
            return set(e.loc[e["type"].str.strip().eq("sector"), "entity_id"].str.strip())
    # fallback: the sectors the catalogue names plus the focus sectors
    from analysis.vocab import FOCUS_SECTORS

    out = set(FOCUS_SECTORS)
    try:
        t = _as_targets(None)
        for s in t.get("sectors", pd.Series([], dtype=str)):
            out |= {x.strip() for x in str(s).split(";") if x.strip()}
    except InputError:  # pragma: no cover
        pass
    return out


def validate_sector_panel(raw_df: pd.DataFrame, *, sectors=None, metrics=None, file: str = "<data>",
                          rows: Sequence[int] | None = None,
                          default_region: str = config.DEFAULT_REGION) -> list[Problem]:
    """Check raw sector-panel cells (the pure function :func:`read_sector_panel` uses)."""
    _, problems = _validate_panel(raw_df, sectors=sectors, metrics=metrics, file=file, rows=rows,
                                  default_region=default_region)
    return problems


def _validate_panel(raw_df, *, sectors, metrics, file, rows, default_region):
    units, kinds = _metric_maps(metrics)
    known = _sector_ids(sectors)
    # a metric with an empty unit (unknown) accepts any unit as it is
    return _validate(raw_df, _PANEL, file=file, rows=rows, default_region=default_region,
                     units=units, kinds=kinds, known_sectors=known)


def read_sector_panel(path: str | Path, *, sectors: Iterable[str] | pd.DataFrame | None = None,
                      metrics: Iterable[str] | Mapping[str, str] | pd.DataFrame | None = None,
                      default_region: str = config.DEFAULT_REGION) -> pd.DataFrame:
    """Read a sector panel (CSV or ``.xlsx``): ``sector, year, metric, value`` per row.

    Parameters
    ----------
    path : path-like
        The file; it is only read.
    sectors : iterable of str or DataFrame, optional
        Valid sector ids (default: ``entity_id`` of the ``type == "sector"`` rows of
        ``data/raw/plan/entities.csv``).
    metrics : iterable of str, mapping metric -> unit, or DataFrame, optional
        Valid metrics (default: ``data/raw/metadata/sector_metrics.csv``; its
        ``unit`` column is the unit values are converted to).
    default_region : str
        Region of rows without one.

    Returns
    -------
    DataFrame
        ``region, sector, year (int64), metric, value (float64), unit, source, note``
        sorted by region, sector, metric, year.

    Raises
    ------
    InputError
        With every problem, one ``FILE:ROW:COLUMN: message`` each.
    """
    raw = read_raw(path)
    w, problems = _validate_panel(raw.frame(), sectors=sectors, metrics=metrics, file=raw.shown,
                                  rows=raw.rows, default_region=default_region)
    problems = _merge(raw.problems, problems)
    if problems:
        raise InputError(problems)
    units, _ = _metric_maps(metrics)
    return _finish(w, "metric", PANEL_COLUMNS, {k: v for k, v in units.items() if v},
                   ("region", "sector", "metric", "year"))


# --------------------------------------------------------------------------------------
# validate command
# --------------------------------------------------------------------------------------

def detect_kind(raw_df: pd.DataFrame) -> str:
    """``"sectors"`` when the header has sector and metric columns and no indicator id, else ``"observations"``."""
    obs = _canonical_columns(list(raw_df.columns), _OBS.aliases)
    panel = _canonical_columns(list(raw_df.columns), _PANEL.aliases)
    if "indicator_id" not in obs and {"sector", "metric"} <= set(panel):
        return "sectors"
    return "observations"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _summary(shown: str, kind: str, df: pd.DataFrame) -> str:
    """One line per clean file: rows, indicators (or metrics and sectors), regions, years."""
    key, label = ("indicator_id", "indicator") if kind == "observations" else ("metric", "metric")
    years = (f"years {df['year'].min()}-{df['year'].max()}" if len(df) else "no years")
    parts = [_plural(len(df), "row"), _plural(df[key].nunique(), label)]
    if kind == "sectors":
        parts.append(_plural(df["sector"].nunique(), "sector"))
    parts += [_plural(df["region"].nunique(), "region"), years]
    return f"{shown}: OK ({kind}): {', '.join(parts)}"


def _check_file(path: str | Path, targets: pd.DataFrame | None, kind: str
                ) -> tuple[list[Problem], str | None]:
    try:
        raw = read_raw(path)
        k = detect_kind(raw.frame()) if kind == "auto" else kind
        if k == "sectors":
            df = read_sector_panel(path)
        else:
            df = read_observations(path, targets if targets is not None else None)
        return [], _summary(raw.shown, k, df)
    except InputError as exc:
        return exc.problems, None


def validate_files(paths: Iterable[str | Path], targets: pd.DataFrame | str | Path | None = None,
                   kind: str = "auto") -> list[Problem]:
    """Check monitoring files; return every problem of every file (empty when all are clean).

    ``kind`` is ``"observations"``, ``"sectors"`` or ``"auto"`` (guessed from the header).
    """
    if kind not in ("auto", "observations", "sectors"):
        raise ValueError(f"kind must be auto, observations or sectors, got {kind!r}")
    try:
        t = _as_targets(targets)
    except InputError as exc:
        return exc.problems
    out: list[Problem] = []
    for p in paths:
        out.extend(_check_file(p, t, kind)[0])
    return out


def cli_validate(args) -> int:
    """``python -m analysis validate FILE... [--targets FILE] [--kind auto|observations|sectors]``.

    Problems go to standard error, one per line (exit status 1); each clean file
    gets a one-line summary on standard output.
    """
    t = _as_targets(getattr(args, "targets", None))  # a bad catalogue raises InputError -> exit 1
    kind = getattr(args, "kind", "auto") or "auto"
    status = 0
    for p in args.files:
        problems, summary = _check_file(p, t, kind)
        if problems:
            status = 1
            for problem in problems:
                print(problem, file=sys.stderr)
        else:
            print(summary)
    return status
