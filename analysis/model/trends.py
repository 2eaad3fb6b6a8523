"""Trends of one indicator: changes, growth rates, the growth still required, 序时进度.

Pure functions on a :class:`pandas.Series` of values indexed by integer years (gaps
allowed), plus frame-level helpers on long observation tables
(``region, indicator_id, year, value``).

Growth conventions
------------------
* **Compound annual growth rate (CAGR)** between years *a* and *b* uses the actual
  span ``b - a`` (so a gap year is not counted as a year of no growth):
  ``(v_b / v_a) ** (1 / (b - a)) - 1``.
* CAGR is **undefined** when either value is zero or negative, or the span is zero.
  Then the rate is ``NaN`` and :class:`Growth` says why (``reason``); the absolute
  change per year ``(v_b - v_a) / (b - a)`` is always given and is what the labels
  fall back on (``basis == "absolute"``).
* Counts (enterprises, incubators ...) are also described by the absolute number
  still to be added per year (``per_year``).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from analysis import config

__all__ = [
    "Growth", "Schedule", "clean", "yoy", "cagr", "growth", "index", "required_growth",
    "baseline", "schedule", "meets", "first_year_met", "growth_ratio",
    "yoy_table", "growth_table", "GrowthArrays", "growth_arrays", "required_growth_arrays",
    "growth_ratio_arrays",
]


@dataclass(frozen=True)
class Growth:
    """Growth between two points.

    Attributes
    ----------
    start_year, end_year : int
    start_value, end_value : float
    rate : float
        Compound annual growth rate (0.05 = 5 % a year); ``NaN`` when undefined.
    per_year : float
        Absolute change per year (in the indicator's unit).
    basis : str
        ``"cagr"`` when ``rate`` is defined, else ``"absolute"`` (or ``""`` when
        nothing can be computed).
    reason : str
        Why the rate is undefined ("" when it is defined).
    """

    start_year: float
    end_year: float
    start_value: float
    end_value: float
    rate: float
    per_year: float
    basis: str
    reason: str

    def as_dict(self) -> dict:
        """The fields as a plain dict."""
        return asdict(self)


_NAN = float("nan")
_EMPTY = Growth(_NAN, _NAN, _NAN, _NAN, _NAN, _NAN, "", "no data")


def clean(series: pd.Series) -> pd.Series:
    """Drop missing values, coerce the index to int years and sort it (float values)."""
    s = pd.Series(series, dtype="float64").dropna()
    s.index = pd.Index([int(y) for y in s.index], name="year")
    s = s[~s.index.duplicated(keep="last")]
    return s.sort_index()


def yoy(series: pd.Series) -> pd.DataFrame:
    """Change from the previous *observed* year.

    Returns
    -------
    DataFrame indexed by year with ``value, prev_year, change, pct_change, span``.
    ``pct_change`` is ``NaN`` when the previous value is zero or negative; ``span`` is
    the number of years since the previous observation (>1 across gaps; the change is
    then over the whole gap, not annualised).
    """
    s = clean(series)
    years = pd.Series(s.index, index=s.index, dtype="float64")
    prev_v = s.shift(1)
    prev_y = years.shift(1)
    change = s - prev_v
    pct = (change / prev_v).where(prev_v > 0)
    return pd.DataFrame({"value": s, "prev_year": prev_y.astype("Int64"), "change": change,
                         "pct_change": pct, "span": (years - prev_y).astype("Int64")})


def growth(series: pd.Series, start: int | None = None, end: int | None = None) -> Growth:
    """Growth between the observations at ``start`` and ``end`` (default: first and last).

    ``start``/``end`` that are not observed snap to the nearest observation inside the
    window (first observed year >= start, last observed year <= end).
    """
    s = clean(series)
    if start is not None:
        s = s[s.index >= start]
    if end is not None:
        s = s[s.index <= end]
    if len(s) == 0:
        return _EMPTY
    a, b = int(s.index[0]), int(s.index[-1])
    return _between(a, float(s.iloc[0]), b, float(s.iloc[-1]))


def _between(a: float, va: float, b: float, vb: float) -> Growth:
    span = b - a
    if span <= 0:
        return Growth(a, b, va, vb, _NAN, _NAN, "", "a single data point: no growth can be measured")
    per_year = (vb - va) / span
    if va <= 0 or vb <= 0:
        which = "start" if va <= 0 else "end"
        word = "zero" if (va if which == "start" else vb) == 0 else "negative"
        return Growth(a, b, va, vb, _NAN, per_year, "absolute",
                      f"{which} value is {word}: compound growth undefined, absolute change used")
    return Growth(a, b, va, vb, (vb / va) ** (1.0 / span) - 1.0, per_year, "cagr", "")


def cagr(series: pd.Series, start: int | None = None, end: int | None = None) -> float:
    """Compound annual growth rate between two observed years (``NaN`` when undefined).

    >>> cagr(pd.Series({2015: 100.0, 2017: 121.0}))  # doctest: +ELLIPSIS
    0.1...
    """
    return growth(series, start, end).rate


def index(series: pd.Series, base: int | None = None) -> pd.Series:
    """Values as an index, ``base`` year = 100 (default: the first observed year).

    ``NaN`` throughout when the base value is zero or negative (an index of such a base
    means nothing) or the base year is not observed.
    """
    s = clean(series)
    if s.empty:
        return s
    base = int(s.index[0]) if base is None else int(base)
    if base not in s.index or s.loc[base] <= 0:
        return s * np.nan
    return s / s.loc[base] * 100.0


def required_growth(last_value: float, last_year: int, target: float, deadline: int) -> Growth:
    """Growth still required from the latest value to reach ``target`` in ``deadline``.

    ``rate`` is the compound annual rate, ``per_year`` the absolute addition per year
    (negative: the indicator may fall and still meet the target, or must fall for a
    ``<=`` target). With no time left (``deadline <= last_year``) both are ``NaN``.
    """
    if any(pd.isna(x) for x in (last_value, last_year, target, deadline)):
        return _EMPTY
    if deadline <= last_year:
        return Growth(last_year, deadline, last_value, target, _NAN, _NAN, "",
                      "no time left: the deadline is not after the latest year")
    return _between(int(last_year), float(last_value), int(deadline), float(target))


def meets(value: float, target: float, comparator: str = ">=") -> bool:
    """Whether ``value`` meets ``target`` under ``comparator`` (``>=`` or ``<=``); False for NaN."""
    if pd.isna(value) or pd.isna(target):
        return False
    return bool(value >= target) if comparator == ">=" else bool(value <= target)


def first_year_met(series: pd.Series, target: float, comparator: str = ">=") -> int | None:
    """First observed year whose value meets the target (``None`` if never)."""
    s = clean(series)
    ok = s >= target if comparator == ">=" else s <= target
    return int(ok[ok].index[0]) if ok.any() else None


def baseline(series: pd.Series, baseline_year: int | None = None) -> tuple[int | None, float]:
    """The schedule check's baseline ``(year, value)``.

    The last observation at or before ``baseline_year`` (default
    :data:`config.PLAN_BASELINE_YEAR`, 2018); when there is none, the first observation
    (data starting after the baseline year). ``(None, NaN)`` for an empty series.
    """
    s = clean(series)
    if s.empty:
        return None, _NAN
    by = config.PLAN_BASELINE_YEAR if baseline_year is None else int(baseline_year)
    before = s[s.index <= by]
    if before.empty:
        return int(s.index[0]), float(s.iloc[0])
    return int(before.index[-1]), float(before.iloc[-1])


@dataclass(frozen=True)
class Schedule:
    """The 序时进度 check: share of the way to the target covered vs share of time elapsed.

    ``progress_share = (last - base) / (target - base)``;
    ``time_share = (last_year - base_year) / (deadline - base_year)`` (capped at 1).
    Both ``NaN`` when not computable (no data, or no time elapsed since the baseline,
    or the baseline already equals the target).
    """

    base_year: float
    base_value: float
    last_year: float
    last_value: float
    progress_share: float
    time_share: float

    def as_dict(self) -> dict:
        """The fields as a plain dict."""
        return asdict(self)


def schedule(series: pd.Series, target: float, deadline: int, *,
             baseline_year: int | None = None) -> Schedule:
    """Compute the 序时进度 shares for one series (see :class:`Schedule`)."""
    s = clean(series)
    if s.empty:
        return Schedule(_NAN, _NAN, _NAN, _NAN, _NAN, _NAN)
    by, bv = baseline(s, baseline_year)
    ly, lv = int(s.index[-1]), float(s.iloc[-1])
    gap = float(target) - bv
    progress = (lv - bv) / gap if gap != 0 else _NAN
    period = int(deadline) - by
    if period <= 0 or ly <= by:
        time = _NAN if ly <= by else 1.0
    else:
        time = min((ly - by) / period, 1.0)
    return Schedule(by, bv, ly, lv, progress, time)


def growth_ratio(actual: Growth, required: Growth, comparator: str = ">=") -> tuple[float, str]:
    """Ratio of actual to required growth, signed by the desired direction.

    Uses compound rates when both are defined, else absolute changes per year.
    ``d * actual / |required|`` with ``d = +1`` for ``>=`` and ``-1`` for ``<=``
    targets (Statistics Canada's form), so a positive ratio always means movement in
    the desired direction. Returns ``(ratio, basis)``; ``(NaN, "")`` when undefined.
    """
    d = 1.0 if comparator == ">=" else -1.0
    if not math.isnan(actual.rate) and not math.isnan(required.rate):
        a, r, basis = actual.rate, required.rate, "cagr"
    elif not math.isnan(actual.per_year) and not math.isnan(required.per_year):
        a, r, basis = actual.per_year, required.per_year, "absolute"
    else:
        return _NAN, ""
    if r == 0:
        return _NAN, basis
    return d * a / abs(r), basis


# --------------------------------------------------------------------------- frames
def _groups(obs: pd.DataFrame):
    keys = [k for k in ("region", "indicator_id") if k in obs.columns]
    return keys, obs.sort_values(keys + ["year"]).groupby(keys, sort=False) if keys else [((), obs)]


def yoy_table(obs: pd.DataFrame) -> pd.DataFrame:
    """Year-on-year changes for every (region, indicator) in a long observation table.

    Returns the input's keys plus ``year, value, prev_year, change, pct_change, span``, the
    same numbers as :func:`yoy` series by series, computed for all series at once (a shift
    within each group). One row per (region, indicator, year): regions are never combined.
    """
    keys = [k for k in ("region", "indicator_id") if k in obs.columns]
    cols = keys + ["year", "value", "prev_year", "change", "pct_change", "span"]
    d = obs.loc[obs["value"].notna(), keys + ["year", "value"]].copy()
    if d.empty:
        return pd.DataFrame(columns=cols)
    d["year"] = d["year"].astype(int)
    d["value"] = d["value"].astype("float64")
    d = d.drop_duplicates(keys + ["year"], keep="last").sort_values(keys + ["year"], kind="stable")
    prev = d.groupby(keys, sort=False)[["year", "value"]].shift(1) if keys else d[["year", "value"]].shift(1)
    change = d["value"] - prev["value"]
    out = d.assign(prev_year=prev["year"].astype("Int64"), change=change,
                   pct_change=(change / prev["value"]).where(prev["value"] > 0),
                   span=(d["year"] - prev["year"]).astype("Int64"))
    return out[cols].reset_index(drop=True)


def growth_table(obs: pd.DataFrame, start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Growth (:class:`Growth` fields) between ``start`` and ``end`` for every series."""
    keys, groups = _groups(obs)
    rows = []
    for key, g in groups:
        gr = growth(pd.Series(g["value"].to_numpy(), index=g["year"].to_numpy()), start, end)
        rows.append(dict(zip(keys, key if isinstance(key, tuple) else (key,))) | gr.as_dict())
    return pd.DataFrame(rows, columns=keys + list(Growth.__dataclass_fields__))


# --------------------------------------------------------------------- arrays (vectorised)
#: Reason codes of :class:`GrowthArrays` (``reason``): 0 none, 1 a single point, 2 start value
#: zero, 3 start negative, 4 end zero, 5 end negative, 6 no time left, 7 no data.
GROWTH_REASONS = ("", "a single data point: no growth can be measured",
                  "start value is zero: compound growth undefined, absolute change used",
                  "start value is negative: compound growth undefined, absolute change used",
                  "end value is zero: compound growth undefined, absolute change used",
                  "end value is negative: compound growth undefined, absolute change used",
                  "no time left: the deadline is not after the latest year", "no data")


@dataclass(frozen=True)
class GrowthArrays:
    """:class:`Growth` for many pairs of points at once (numpy arrays, same length).

    ``basis`` is 0 (none), 1 (``"cagr"``) or 2 (``"absolute"``); ``reason`` indexes
    :data:`GROWTH_REASONS`. The numbers are those of :func:`growth` /
    :func:`required_growth` pair by pair.
    """

    rate: np.ndarray
    per_year: np.ndarray
    basis: np.ndarray
    reason: np.ndarray


def growth_arrays(a, va, b, vb) -> GrowthArrays:
    """Vectorised growth from ``(a, va)`` to ``(b, vb)`` (years, values; NaN = no data)."""
    a, va, b, vb = (np.asarray(x, dtype=float) for x in (a, va, b, vb))
    n = a.shape[0]
    rate, per_year = np.full(n, np.nan), np.full(n, np.nan)
    basis, reason = np.zeros(n, dtype=np.int8), np.full(n, 7, dtype=np.int8)
    have = np.isfinite(a) & np.isfinite(va) & np.isfinite(b) & np.isfinite(vb)
    span = b - a
    single = have & ~(span > 0)
    reason[single] = 1
    ok = have & (span > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_year[ok] = ((vb - va) / span)[ok]
        bad = ok & ((va <= 0) | (vb <= 0))
        start_bad = bad & (va <= 0)
        reason[start_bad] = np.where(va[start_bad] == 0, 2, 3)
        end_bad = bad & ~(va <= 0)
        reason[end_bad] = np.where(vb[end_bad] == 0, 4, 5)
        basis[bad] = 2
        good = ok & ~bad
        rate[good] = (vb[good] / va[good]) ** (1.0 / span[good]) - 1.0
    basis[good] = 1
    reason[good] = 0
    return GrowthArrays(rate, per_year, basis, reason)


def absolute_where(g: GrowthArrays, mask) -> GrowthArrays:
    """``g`` with the rows of ``mask`` on the absolute basis (change per year; no compound growth):
    for a growth rate or a balance, where a percentage change of the value means nothing."""
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return g
    rate = np.where(mask, np.nan, g.rate)
    have = mask & np.isfinite(g.per_year)
    basis = np.where(have, 2, g.basis).astype(np.int8)
    reason = np.where(have, 0, g.reason).astype(np.int8)
    return GrowthArrays(rate, g.per_year, basis, reason)


def required_growth_arrays(last_value, last_year, target, deadline) -> GrowthArrays:
    """Vectorised :func:`required_growth` (no time left -> NaN with reason 6)."""
    last_value, last_year, target, deadline = (np.asarray(x, dtype=float)
                                               for x in (last_value, last_year, target, deadline))
    g = growth_arrays(last_year, last_value, deadline, target)
    have = np.isfinite(last_value) & np.isfinite(last_year) & np.isfinite(target) & np.isfinite(deadline)
    late = have & (deadline <= last_year)
    g.rate[late] = np.nan
    g.per_year[late] = np.nan
    g.basis[late] = 0
    g.reason[late] = 6
    return g


def growth_ratio_arrays(actual: GrowthArrays, required: GrowthArrays, higher_is_better) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised :func:`growth_ratio`: ``(ratio, basis)`` with basis 0 none, 1 cagr, 2 absolute."""
    d = np.where(np.asarray(higher_is_better, dtype=bool), 1.0, -1.0)
    use_rate = np.isfinite(actual.rate) & np.isfinite(required.rate)
    use_abs = ~use_rate & np.isfinite(actual.per_year) & np.isfinite(required.per_year)
    a = np.where(use_rate, actual.rate, np.where(use_abs, actual.per_year, np.nan))
    r = np.where(use_rate, required.rate, np.where(use_abs, required.per_year, np.nan))
    basis = np.where(use_rate, 1, np.where(use_abs, 2, 0)).astype(np.int8)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(r != 0, d * a / np.abs(r), np.nan)
    return ratio, basis
