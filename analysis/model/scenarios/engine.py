"""The stock-flow engine: a scenario's path to the deadline, its band and probability.

Scenario types
--------------
==============  ==========================================================================
type            path from the latest observation to the deadline (and a few years beyond)
==============  ==========================================================================
trend           the trend forecast of :mod:`analysis.model.forecast` (mean, 80 % band, probability)
growth          a constant compound growth ``rate`` a year (0.15 = 15 %), with ``sd`` noise
additions       a constant absolute addition ``per_year`` (in the indicator's unit), ``sd`` noise
certificates    a stock of certificates valid ``validity`` years (high-tech enterprises: 3):
                new certifications + renewals of expiring certificates; a certificate issued
                in 2017 counts in 2017, 2018 and 2019 and expires after 2019 unless renewed
per_capita      a stock per 10,000 residents (invention patents held per 10,000):
                ``stock_t = stock_{t-1} + grants - lapses``, divided by a population path
stock           a count of platforms or institutions: ``openings`` a year minus closures
==============  ==========================================================================

:func:`run` returns a :class:`ScenarioResult`: the path, whether and when the target is
reached, the probability of meeting it at the deadline (seeded Monte Carlo,
reproducible), the pace still required, and the scorecard status by the scorecard's
own rule, so the explorer, the report and the workbook give one answer: the **stage** of
the plan as :func:`analysis.model.scorecard.assess` finds it (before the deadline, a stock
met early, the deadline year observed, the deadline passed unreported), and at the end of
term the outcome (完成率, achieved / not achieved), never a forecast of a year already past.
"""

from __future__ import annotations

import math
from typing import Callable, Mapping, NamedTuple

import numpy as np
import pandas as pd

from analysis import config
from analysis.errors import InputError, Problem
from analysis.i18n import t
from analysis.io import catalogue, dataset
from analysis.model import forecast, labels, trends
from analysis.model.scenarios.flows import (
    CERTIFICATE_VALIDITY, _certificates, additions_path, certificate_flows, certificate_validity, compound_path,
    infer_cohorts, population_path, stock_flow,
)
from analysis.model.scenarios.result import ScenarioResult
from analysis.model.scenarios.spec import SCENARIO_TYPES, Scenario, _jsonable, check_params
from analysis.model.scorecard import measure_of

__all__ = [
    "DEFAULT_N_SIMS", "EXTRA_YEARS", "BAND", "DEFAULT_RENEWAL_RATE", "DEFAULT_LAPSE_RATE", "DEFAULT_CLOSURE_RATE",
    "CERTIFICATE_VALIDITY", "PACE_PARAM", "ScenarioResult", "scenario_types", "certificate_validity",
    "history_for", "default_params", "default_basis", "defaults", "run", "run_for", "compound_path", "additions_path", "infer_cohorts",
    "certificate_flows", "stock_flow", "population_path", "required_params", "data_as_of",
]

#: Monte Carlo paths per scenario.
DEFAULT_N_SIMS: int = 2000
#: Years projected beyond the deadline (so "reached in 2021, one year late" can be said).
EXTRA_YEARS: int = 5
#: Central coverage of the uncertainty band drawn around a path.
BAND: float = 0.80
#: Assumptions, not estimates (the bundled data have no renewals, lapses or closures);
#: every one is a slider in the explorer and is saved with the scenario.
DEFAULT_RENEWAL_RATE: float = 0.7
DEFAULT_LAPSE_RATE: float = 0.05
DEFAULT_CLOSURE_RATE: float = 0.0
#: The parameter that sets a scenario's pace (what :attr:`ScenarioResult.required` solves for).
PACE_PARAM: dict[str, str] = {"growth": "rate", "additions": "per_year", "certificates": "new_per_year",
                              "per_capita": "grants_per_year", "stock": "per_year"}
#: Defaults offered for a growth rate stay in this range (a 1 -> 3 history is not "200 % a year").
DEFAULT_RATE_RANGE: tuple[float, float] = (-0.3, 0.6)
#: Years of history that make "the recent trend".
RECENT_YEARS: int = 3


# --------------------------------------------------------------------------- scenario types
def scenario_types(meta: Mapping, *, has_population: bool = True) -> tuple[str, ...]:
    """Scenario types that make sense for one catalogue row."""
    out = ["trend", "growth", "additions"]
    if certificate_validity(meta):
        out.append("certificates")
    unit = str(meta.get("unit", ""))
    if has_population and ("万人" in unit or "10,000" in str(meta.get("name_en", ""))):
        out.append("per_capita")
    if str(meta.get("kind", "")) in ("count", "milestone") and "certificates" not in out:
        out.append("stock")
    return tuple(out)


def history_for(obs: pd.DataFrame, region: str, indicator_id: str, *, as_of: int | None = None) -> pd.Series:
    """The observed series of one indicator in one region (float values indexed by int year).

    District-level rows are those with an empty ``sector`` when the file has sector
    rows too; duplicates of a year keep the last row.
    """
    d = obs.loc[(obs["region"] == region) & (obs["indicator_id"] == indicator_id)]
    if "sector" in d.columns and len(d):
        blank = d["sector"].isna() | (d["sector"].astype(str).str.strip() == "")
        if blank.any():
            d = d.loc[blank]
    s = pd.Series(d["value"].to_numpy(dtype=float), index=d["year"].astype(int).to_numpy())
    s = s[~np.isnan(s.to_numpy())]
    s = s[~s.index.duplicated(keep="last")].sort_index()
    s.index.name = "year"
    if as_of is not None:
        s = s[s.index <= int(as_of)]
    return s


def data_as_of(obs: pd.DataFrame) -> int | None:
    """The year the data reach, as :func:`analysis.model.scorecard.assess` takes it by default: the
    latest year with a value in the whole file (any region, any indicator). A deadline at or before it
    has passed, even for a series whose own last value is older (a file with 2021 values and none for
    2020: the deadline year is "not reported", never still ahead)."""
    if obs is None or not len(obs):
        return None
    year = pd.to_numeric(obs["year"], errors="coerce")
    keep = year.notna() & pd.to_numeric(obs["value"], errors="coerce").notna()
    return int(year[keep].max()) if keep.any() else None


def _population_at(population: pd.Series, year: int) -> float:
    p = population.dropna().sort_index()
    if p.empty:
        raise ValueError("empty population series")
    before = p[p.index <= year]
    return float(before.iloc[-1] if len(before) else p.iloc[0])


def _mean_change(population: pd.Series | None) -> float:
    if population is None:
        return 0.0
    p = population.dropna().sort_index()
    if len(p) < 2:
        return 0.0
    span = int(p.index[-1]) - int(p.index[0])
    return float((p.iloc[-1] / p.iloc[0]) ** (1.0 / span) - 1.0) if span > 0 and p.iloc[0] > 0 else 0.0


def _hist_sd_growth(h: pd.Series) -> float:
    v = h.to_numpy(dtype=float)
    y = h.index.to_numpy()
    ok = (np.diff(y) == 1) & (v[:-1] > 0) & (v[1:] > 0)
    r = (v[1:] / np.where(v[:-1] > 0, v[:-1], 1.0) - 1.0)[ok]
    return float(np.std(r, ddof=1)) if len(r) >= 2 else 0.0




def _hist_diffs(h: pd.Series) -> np.ndarray:
    v = h.to_numpy(dtype=float)
    y = h.index.to_numpy()
    return (np.diff(v) / np.maximum(np.diff(y), 1)) if len(v) >= 2 else np.array([])


def _recent(h: pd.Series) -> pd.Series:
    """The last :data:`RECENT_YEARS` years of history (the "recent trend" window)."""
    return h[h.index >= int(h.index[-1]) - RECENT_YEARS] if len(h) else h


def _deadline(meta: Mapping) -> int:
    return int(meta.get("deadline_effective", meta.get("deadline", config.PLAN_HORIZON)))


def _pick(candidates, lo: float, hi: float, *, fallback: float) -> tuple[float, int | None]:
    """The first finite, non-zero candidate in ``[lo, hi]``; else the first finite one clipped; else
    ``fallback``. With the candidate's position (None for the fallback)."""
    finite = [(i, float(c)) for i, c in enumerate(candidates) if c is not None and math.isfinite(float(c))]
    for i, c in finite:
        if lo <= c <= hi and abs(c) > 1e-9:
            return c, i
    for i, c in finite:
        c = min(max(c, lo), hi)
        if abs(c) > 1e-9:
            return c, i
    return fallback, None


def default_params(scenario_type: str, history: pd.Series, meta: Mapping, *,
                   population: pd.Series | None = None) -> dict:
    """Starting parameters of a scenario (the slider positions of the explorer).

    The pace comes from the **recent trend** (the last :data:`RECENT_YEARS` years) when
    that moves the indicator towards its target at a plausible pace, else from the pace
    **still required** to meet the target at the deadline; growth rates stay within
    :data:`DEFAULT_RATE_RANGE` and a pace is never 0 unless the target is already met
    and the indicator is flat. The noise (``sd``) is the spread of the recent annual
    changes; renewal, lapse and closure rates are the documented assumptions.
    :func:`default_basis` says which of these the pace is.
    """
    return defaults(scenario_type, history, meta, population=population)[0]


def default_basis(scenario_type: str, history: pd.Series, meta: Mapping, *,
                  population: pd.Series | None = None) -> dict:
    """Where the pace of :func:`default_params` comes from, for the reader.

    Returns
    -------
    dict
        ``{"source": "recent", "years": [first, last]}`` (the actual trend of those years),
        ``{"source": "required", "deadline": year}`` (the pace still needed to meet the target
        by then), ``{"source": "assumed"}`` (too little data for either) or ``{}`` (no pace:
        the trend forecast, or no data).
    """
    return defaults(scenario_type, history, meta, population=population)[1]


def defaults(scenario_type: str, history: pd.Series, meta: Mapping, *,
             population: pd.Series | None = None) -> tuple[dict, dict]:
    """:func:`default_params` and :func:`default_basis` at once (computed once)."""
    h = trends.clean(history)
    if scenario_type == "trend":
        return {}, {}
    if scenario_type not in SCENARIO_TYPES:
        raise ValueError(f"unknown scenario type {scenario_type!r}")
    if h.empty:
        return {}, {}
    target, comp = float(meta["value"]), str(meta.get("comparator", ">="))
    last_year, last = int(h.index[-1]), float(h.iloc[-1])
    req = trends.required_growth(last, last_year, target, _deadline(meta))
    met = trends.meets(last, target, comp)
    sign = 1.0 if comp == ">=" else -1.0
    recent = _recent(h)
    basis = {"source": "recent", "years": [int(recent.index[0]), last_year]}
    required = {"source": "required", "deadline": _deadline(meta)}
    assumed = {"source": "assumed"}
    if scenario_type == "growth":
        g = trends.growth(recent).rate
        if met:  # keep the recent pace (within range); a flat series stays flat
            rate = min(max(g, DEFAULT_RATE_RANGE[0]), DEFAULT_RATE_RANGE[1]) if math.isfinite(g) else 0.0
            basis = basis if math.isfinite(g) else assumed
        else:
            toward = g if (not math.isnan(g) and sign * g > 0) else float("nan")
            rate, i = _pick([toward, req.rate, g], *DEFAULT_RATE_RANGE, fallback=0.05 * sign)
            basis = required if i == 1 else assumed if i is None else basis
        return {"rate": round(rate, 4), "sd": round(min(_hist_sd_growth(recent), 0.5), 4)}, basis
    if scenario_type == "additions":
        d = _hist_diffs(recent)
        mean = float(d.mean()) if len(d) else float("nan")
        toward = mean if (met or (not math.isnan(mean) and sign * mean > 0)) else float("nan")
        big = max(abs(target), abs(last), 1.0) * 10
        per, i = _pick([toward, req.per_year, mean], -big, big,
                       fallback=0.0 if met else sign * max(abs(target - last), 1.0))
        basis = required if i == 1 else assumed if i is None else basis
        return ({"per_year": _round_pace(per), "sd": _round_pace(float(np.std(d, ddof=1))) if len(d) >= 2 else 0.0},
                basis)
    validity = int(certificate_validity(meta) or 3)
    if scenario_type == "certificates":
        coh = infer_cohorts(h, validity)
        r = DEFAULT_RENEWAL_RATE
        recent_new = [coh.get(y, 0.0) - r * coh.get(y - validity, 0.0)
                      for y in range(last_year - validity + 1, last_year + 1) if y in coh]
        new = max(float(np.mean(recent_new)), 0.0) if recent_new else 0.0
        basis = basis if recent_new else assumed
        params = {"new_per_year": round(new, 2), "renewal_rate": r, "validity": validity}
    elif scenario_type == "per_capita":
        lapse, grants = DEFAULT_LAPSE_RATE, 0.0
        if population is not None and len(recent) >= 2:
            pops = np.array([_population_at(population, int(y)) for y in recent.index])
            stock = recent.to_numpy() * pops
            net = np.diff(stock) / np.maximum(np.diff(recent.index.to_numpy()), 1)
            grants = max(float(net.mean() + lapse * stock[:-1].mean()), 0.0)
        else:
            basis = assumed
        params = {"grants_per_year": round(grants, 2), "lapse_rate": lapse,
                  "population_change": round(_mean_change(population), 4)}
    else:  # stock
        d = _hist_diffs(recent)
        closure = DEFAULT_CLOSURE_RATE
        per = max(float(d.mean() + closure * recent.to_numpy()[:-1].mean()), 0.0) if len(d) else 0.0
        basis = basis if len(d) else assumed
        params = {"per_year": round(per, 2), "closure_rate": closure}
    key = PACE_PARAM[scenario_type]
    if params[key] <= 0 and not met:  # no recent inflow: offer the pace still required
        try:
            probe = run(Scenario(indicator_id=str(meta.get("id", "")), scenario_type=scenario_type,
                                 params={**params, key: 1.0}), h, meta, population=population, n_sims=1)
            need = probe.required
        except (InputError, ValueError):
            need = float("nan")
        ok = math.isfinite(need) and need > 0
        params[key] = round(need, 2) if ok else 1.0
        basis = required if ok else assumed
    return params, basis


def _round_pace(x: float) -> float:
    """Round a pace to 3 significant digits (0.0123, 1.23, 123)."""
    if not math.isfinite(x) or x == 0:
        return 0.0
    return float(f"{x:.3g}")


def _meets(values, target: float, comparator: str):
    v = np.asarray(values, dtype=float)
    return (v >= target) if comparator == ">=" else (v <= target)


# --------------------------------------------------------------------------- run
class _Setup(NamedTuple):
    """Everything a path builder needs."""

    h: pd.Series
    params: dict
    meta: Mapping
    population: pd.Series | None
    target: float
    comparator: str
    deadline: int
    kind: str
    last_year: int
    last: float
    years: np.ndarray
    n: int
    rng: np.random.Generator
    req: trends.Growth
    validity: int
    #: The year the data reach (a deadline at or before it has passed; the scorecard's ``as_of``).
    as_of: int

    @property
    def k(self) -> np.ndarray:
        return self.years - self.last_year

    @property
    def di(self) -> int:
        """Index of the deadline in the projected years (negative: deadline observed)."""
        return self.deadline - self.last_year - 1


class _Paths(NamedTuple):
    path: np.ndarray
    sims: np.ndarray | None
    lower: np.ndarray | None
    upper: np.ndarray | None
    prob: float
    required: float
    required_kind: str
    flows: pd.DataFrame | None = None
    notes: tuple = ()
    params: dict | None = None


def _setup(scenario: Scenario, history: pd.Series, meta: Mapping, population, n_sims,
           as_of: int | None = None) -> _Setup:
    """Check the scenario, cut the history at ``as_of`` (the scenario's, the data's), fill the defaults."""
    stype = scenario.scenario_type
    if stype not in SCENARIO_TYPES:
        raise InputError([Problem.said("scenario", None, "scenario_type", "scenarios.err_type",
                                       allowed=", ".join(SCENARIO_TYPES), value=repr(stype)[:40])])
    problems = check_params(stype, scenario.params, "scenario")
    if problems:
        raise InputError(problems)
    params = dict(scenario.params)
    h = trends.clean(history)
    # the scenario's own as_of (a back-dated view) and the data's: the earlier one decides, as
    # ``assess --as-of`` filters before anything else
    cuts = [int(x) for x in (params.get("as_of"), as_of) if x is not None]
    if cuts:
        h = h[h.index <= min(cuts)]
    if h.empty:
        raise InputError([Problem.said("observations", None, scenario.indicator_id, "scenarios.err_no_history",
                                       region=scenario.region)])
    if stype == "per_capita" and population is None:
        raise InputError([Problem.said("population", None, scenario.indicator_id, "scenarios.err_population")])
    filled = default_params(stype, h, meta, population=population) if not _complete(stype, params) else {}
    filled.update({k: v for k, v in params.items() if v is not None})
    n = int(n_sims or filled.get("n_sims") or DEFAULT_N_SIMS)
    deadline = _deadline(meta)
    last_year, last = int(h.index[-1]), float(h.iloc[-1])
    target = float(meta["value"])
    return _Setup(h=h, params=filled, meta=meta, population=population, target=target,
                  comparator=str(meta.get("comparator", ">=")), deadline=deadline,
                  kind=str(meta.get("kind", "level")), last_year=last_year, last=last,
                  years=np.arange(last_year + 1, max(deadline, last_year) + EXTRA_YEARS + 1), n=n,
                  rng=np.random.default_rng(int(scenario.seed)),
                  req=trends.required_growth(last, last_year, target, deadline),
                  validity=int(filled.get("validity") or certificate_validity(meta) or 3),
                  as_of=min(cuts) if cuts else last_year)


def _complete(stype: str, params: Mapping) -> bool:
    """Whether ``params`` sets every parameter with a default (no defaults to compute)."""
    need = {"trend": (), "growth": ("rate", "sd"), "additions": ("per_year", "sd"),
            "certificates": ("new_per_year", "renewal_rate", "validity"),
            "per_capita": ("grants_per_year", "lapse_rate", "population_change"),
            "stock": ("per_year", "closure_rate")}[stype]
    return all(params.get(k) is not None for k in need)


def _linear_required(s: _Setup, f: Callable[[float], float]) -> float:
    """Solve ``f(x) = target`` for a per-year inflow ``x``, ``f`` linear (value at the deadline)."""
    if s.deadline <= s.last_year:
        return float("nan")
    a, b = f(0.0), f(1.0)
    if b == a:
        return float("nan")
    return max((s.target - a) / (b - a), 0.0)


def _paths_trend(s: _Setup, fit: Callable | None) -> _Paths:
    fr = _cached_fit(fit or forecast.fit, s.h, s.kind, s.params.get("model"))
    T = len(s.years)
    required = s.req.rate if s.kind in ("level", "ratio", "share") else s.req.per_year
    required_kind = "growth" if s.kind in ("level", "ratio", "share") else "additions"
    if required_kind == "growth" and math.isnan(required):
        required, required_kind = s.req.per_year, "additions"
    if getattr(fr, "insufficient", False):
        path = np.full(T, s.last)
        return _Paths(path, None, path.copy(), path.copy(), float("nan"), required, required_kind,
                      notes=("scenarios.note_flat",))
    sf = fr.summary_frame(alpha=1 - BAND, years=list(map(int, s.years)))
    prob = float(fr.prob_meets_target(s.target, s.deadline, s.comparator)) if s.deadline > s.last_year \
        else float("nan")
    return _Paths(np.asarray(sf["mean"], dtype=float), None, np.asarray(sf["lower"], dtype=float),
                  np.asarray(sf["upper"], dtype=float), prob, required, required_kind)


def _paths_growth(s: _Setup) -> _Paths:
    rate, sd = float(s.params["rate"]), float(s.params.get("sd") or 0.0)
    T = len(s.years)
    rates = s.rng.normal(rate, sd, (s.n, T)) if sd > 0 else np.full((s.n, T), rate)
    notes = ("scenarios.note_nonpositive",) if s.last <= 0 else ()
    return _Paths(s.last * (1.0 + rate) ** s.k, compound_path(s.last, np.maximum(rates, -0.99)), None, None,
                  float("nan"), s.req.rate, "growth", notes=notes)


def _paths_additions(s: _Setup) -> _Paths:
    per, sd = float(s.params["per_year"]), float(s.params.get("sd") or 0.0)
    T = len(s.years)
    adds = s.rng.normal(per, sd, (s.n, T)) if sd > 0 else np.full((s.n, T), per)
    return _Paths(s.last + per * s.k, additions_path(s.last, adds), None, None, float("nan"),
                  s.req.per_year, "additions")


def _paths_certificates(s: _Setup) -> _Paths:
    coh = s.params.get("cohorts")
    coh = {int(y): float(v) for y, v in coh.items()} if coh else infer_cohorts(s.h, s.validity)
    coh = {y: v for y, v in coh.items() if y <= s.last_year} or {s.last_year: s.last}
    hist = np.array([coh.get(y, 0.0) for y in range(min(coh), s.last_year + 1)])
    new, r, v = float(s.params["new_per_year"]), float(s.params["renewal_rate"]), s.validity
    T = len(s.years)
    det = _certificates(hist, np.full((1, T), new), r, v)
    sims = _certificates(hist, s.rng.poisson(new, (s.n, T)).astype(float), r, v, rng=s.rng)["stock"]
    flows = pd.DataFrame({k: det[k][0] for k in ("new", "renewals", "expiries", "issued", "stock")},
                         index=pd.Index(s.years, name="year"))
    required = _linear_required(s, lambda x: _certificates(hist, np.full((1, T), x), r, v)["stock"][0, s.di])
    params = {"cohorts": {str(y): round(c, 6) for y, c in coh.items()}}
    return _Paths(det["stock"][0], sims, None, None, float("nan"), required, "new_certifications", flows,
                  params=params)


def _paths_stock_flow(s: _Setup, stype: str) -> _Paths:
    T = len(s.years)
    if stype == "per_capita":
        inflow, rate = float(s.params["grants_per_year"]), float(s.params["lapse_rate"])
        pop0 = _population_at(s.population, s.last_year)
        pops = population_path(pop0, float(s.params["population_change"]), s.k)
        stock0 = s.last * pop0
    else:
        inflow, rate = float(s.params["per_year"]), float(s.params["closure_rate"])
        pops, stock0 = np.ones(T), s.last
    det_stock, det_out = stock_flow(stock0, np.full(T, inflow), rate)
    sim_stock, _ = stock_flow(np.full(s.n, stock0), s.rng.poisson(inflow, (s.n, T)).astype(float), rate, rng=s.rng)
    cols = {"inflow": np.full(T, inflow), "outflow": det_out[0], "stock": det_stock[0]}
    if stype == "per_capita":
        cols.update(population=pops, value=det_stock[0] / pops)
    required = _linear_required(s, lambda x: stock_flow(stock0, np.full(T, x), rate)[0][0, s.di] / pops[s.di])
    return _Paths(det_stock[0] / pops, sim_stock / pops, None, None, float("nan"), required,
                  "grants" if stype == "per_capita" else "openings", pd.DataFrame(cols, index=pd.Index(s.years,
                                                                                                     name="year")))


def _build_paths(s: _Setup, stype: str, fit: Callable | None) -> _Paths:
    if stype == "trend":
        return _paths_trend(s, fit)
    if stype == "growth":
        return _paths_growth(s)
    if stype == "additions":
        return _paths_additions(s)
    if stype == "certificates":
        return _paths_certificates(s)
    return _paths_stock_flow(s, stype)


def _clip_and_band(s: _Setup, p: _Paths) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Clip to the indicator's range; the 80 % band and the probability from the simulations."""
    hi = 100.0 if s.kind == "share" and str(s.meta.get("unit", "")) in ("%", "％") else np.inf
    path = np.clip(p.path, 0.0, hi)
    lower = p.lower if p.lower is not None else path
    upper = p.upper if p.upper is not None else path
    prob = p.prob
    if p.sims is not None:
        sims = np.clip(p.sims, 0.0, hi)
        lower, upper = np.quantile(sims, [(1 - BAND) / 2, 1 - (1 - BAND) / 2], axis=0)
        if s.deadline > s.last_year:
            prob = float(_meets(sims[:, s.di], s.target, s.comparator).mean())
    return path, np.asarray(lower, dtype=float), np.asarray(upper, dtype=float), prob


def _reached(s: _Setup, path: np.ndarray) -> tuple[float, int | None]:
    """The value at the deadline and the first year (from the latest run of met years) it is met."""
    h = s.h
    if s.deadline <= s.last_year:
        before = h[h.index <= s.deadline]
        v_dead = float(h.loc[s.deadline]) if s.deadline in h.index else (
            float(before.iloc[-1]) if len(before) else float("nan"))
    else:
        v_dead = float(path[s.di])
    ok = _meets(np.r_[s.last, path], s.target, s.comparator)
    if ok[0]:  # already met: since when (start of the latest run of met years)?
        hm = _meets(h.to_numpy(), s.target, s.comparator)
        i = len(hm) - 1
        while i > 0 and hm[i - 1]:
            i -= 1
        return v_dead, int(h.index[i])
    years = np.r_[s.last_year, s.years]
    return v_dead, (int(years[np.argmax(ok)]) if ok.any() else None)


def _is_stock(s: _Setup) -> bool:
    """A value that counts once reached (the scorecard's rule): a stock, or a share whose target is full
    coverage (100 %, 全覆盖), a state held rather than a yearly flow met again."""
    return measure_of(pd.Series(dict(s.meta))) == "stock" or \
        (s.kind == "share" and s.comparator == ">=" and s.target >= 100)


def _verdict(s: _Setup) -> dict:
    """The stage of the plan and the end-of-term numbers, by the scorecard's rule for one series
    (:func:`analysis.model.scorecard.assess`; ``tests/test_scenarios.py`` checks they agree).

    ``deadline observed`` (the deadline year has a value: 完成率 = value ÷ target, for a limit
    target ÷ value), ``met early`` (a stock whose last value before the deadline meets the target
    and no later value misses it), ``deadline not reported`` (the data reach the deadline, this
    series has no value for it), else ``before deadline``. The keys are the scorecard's columns.
    """
    h, T, D = s.h, s.target, s.deadline
    lower = s.comparator in ("<=", "<")
    before, after = h[h.index < D], h[h.index > D]
    b = (int(before.index[-1]), float(before.iloc[-1])) if len(before) else (None, math.nan)
    a = (int(after.index[0]), float(after.iloc[0])) if len(after) else (None, math.nan)
    observed = D in h.index
    v_d = float(h.loc[D]) if observed else math.nan
    held = b[0] is not None and trends.meets(b[1], T, s.comparator) and (
        a[0] is None or trends.meets(a[1], T, s.comparator))
    if observed:
        stage = "deadline observed"
    elif _is_stock(s) and held:
        stage = "met early"
    elif D <= s.as_of:
        stage = "deadline not reported"
    else:
        stage = "before deadline"
    rate = math.nan
    if observed and s.kind != "rate":  # a growth rate or balance: no ratio to its target means anything
        rate = (T / v_d if v_d > 0 else math.nan) if lower else (v_d / T if T != 0 else math.nan)
    met = _meets(h.to_numpy(), T, s.comparator)
    return {"stage": stage, "deadline_value": v_d, "completion_rate": rate,
            "gap": v_d - T if observed else math.nan, "before_year": b[0], "before_value": b[1],
            "after_year": a[0], "after_value": a[1],
            "achieved_year": int(h.index[int(np.argmax(met))]) if met.any() else None,
            "measure": "stock" if _is_stock(s) else "flow"}


def _status(s: _Setup, prob: float, stage: str) -> tuple[str, float]:
    """The scorecard status of ``stage`` and the probability consistent with it (one answer): once the
    deadline has passed the outcome (achieved / not achieved, or the deadline year not reported) and
    no probability, as the scorecard says it; a stock met early is achieved (probability 1); before the
    deadline the scenario's probability by :func:`analysis.model.labels.status_rule`."""
    if stage == "deadline observed":
        met = trends.meets(float(s.h.loc[s.deadline]), s.target, s.comparator)
        return ("achieved" if met else labels.NOT_ACHIEVED), float("nan")
    if stage == "deadline not reported":
        return "deadline year not reported", float("nan")
    if stage == "met early":
        return "achieved", 1.0
    status = labels.status_rule(met_now=trends.meets(s.last, s.target, s.comparator), counts_now=_is_stock(s),
                                deadline_reached=False, n_points=len(s.h), prob_meet=prob)
    if status == labels.INSUFFICIENT:
        prob = float("nan")
    return status, prob


def run(scenario: Scenario, history: pd.Series, meta: Mapping, *, population: pd.Series | None = None,
        fit: Callable | None = None, n_sims: int | None = None, as_of: int | None = None) -> ScenarioResult:
    """Run one scenario for one indicator.

    Parameters
    ----------
    scenario : Scenario
        Type and parameters (missing parameters are filled by :func:`default_params`;
        ``params["as_of"]`` cuts the history, ``params["n_sims"]`` sets the paths).
    history : Series
        Observations of the indicator, indexed by integer year.
    meta : Series or mapping
        The indicator's catalogue row (:func:`analysis.io.catalogue.target`).
    population : Series, optional
        Resident population (万人) by year; required by ``per_capita`` scenarios.
    fit : callable, optional
        ``fit(series, kind=...) -> ForecastResult`` (default :func:`analysis.model.forecast.fit`).
    n_sims : int, optional
        Monte Carlo paths (default ``params["n_sims"]`` or :data:`DEFAULT_N_SIMS`).
    as_of : int, optional
        The year the data reach (:func:`data_as_of` of the whole file, the scorecard's ``as_of``):
        a deadline at or before it has passed even when this series stops earlier (its deadline year
        then "not reported"). Default: the series' last year. ``params["as_of"]``, when earlier, wins.

    Returns
    -------
    ScenarioResult
    """
    stype = scenario.scenario_type
    s = _setup(scenario, history, meta, population, n_sims, as_of)
    p = _build_paths(s, stype, fit)
    path, lower, upper, prob = _clip_and_band(s, p)
    v_dead, year_reached = _reached(s, path)
    verdict = _verdict(s)
    status, prob = _status(s, prob, verdict["stage"])
    filled = {**s.params, **(p.params or {})}
    done = Scenario(indicator_id=scenario.indicator_id, scenario_type=stype, params=_jsonable(filled),
                    region=scenario.region, weights=scenario.weights, seed=scenario.seed,
                    lang=scenario.lang, version=scenario.version)
    return ScenarioResult(
        scenario=done, history=s.h, years=s.years, path=path, lower=lower, upper=upper,
        target=s.target, comparator=s.comparator, deadline=s.deadline, unit=str(meta.get("unit", "")),
        kind=s.kind, name_zh=str(meta.get("name_zh", "")), name_en=str(meta.get("name_en", "")),
        value_at_deadline=v_dead, met_at_deadline=bool(trends.meets(v_dead, s.target, s.comparator)),
        year_reached=year_reached,
        years_late=None if year_reached is None else max(year_reached - s.deadline, 0),
        probability=prob, required=float(p.required), required_kind=p.required_kind,
        required_growth=float(s.req.rate), required_additions=float(s.req.per_year),
        flows=p.flows, status=status, notes=list(p.notes), stage=verdict["stage"], as_of=s.as_of,
        verdict=verdict)


def run_for(scenario: Scenario, obs: pd.DataFrame | None = None, targets: pd.DataFrame | None = None, *,
            population: pd.Series | None = None, fit: Callable | None = None,
            n_sims: int | None = None) -> ScenarioResult:
    """:func:`run` with the history, catalogue row and population looked up.

    ``obs`` defaults to :func:`analysis.io.dataset.load_observations`, ``targets`` to the
    plan's catalogue, ``population`` (for ``per_capita``) to
    :func:`analysis.io.dataset.load_population` of the scenario's region; the data's
    :func:`data_as_of` decides which deadlines have passed, as in the scorecard.
    """
    targets = catalogue.load_targets() if targets is None else targets
    obs = dataset.load_observations() if obs is None else obs
    meta = catalogue.target(targets, scenario.indicator_id)
    if population is None and scenario.scenario_type == "per_capita":
        population = dataset.load_population(scenario.region)
    h = history_for(obs, scenario.region, scenario.indicator_id)
    return run(scenario, h, meta, population=population, fit=fit, n_sims=n_sims, as_of=data_as_of(obs))


def required_params(res: ScenarioResult) -> dict | None:
    """``res``'s completed parameters with its pace set to :attr:`ScenarioResult.required`.

    Running them gives the path that meets the target at the deadline (every other
    assumption unchanged). ``None`` for trend scenarios or when nothing can be required.
    """
    key = PACE_PARAM.get(res.scenario.scenario_type)
    r = float(res.required)
    if key is None or math.isnan(r) or (key == "rate" and res.required_kind != "growth"):
        return None
    params = dict(res.scenario.params)
    # a hair above the solution, so floating-point error cannot leave the deadline value
    # a rounding error short of the target
    params[key] = r + max(abs(r), 1.0) * 1e-9
    return params


_FIT_CACHE: dict = {}


def _cached_fit(fit, h: pd.Series, kind: str, model):
    key = (id(fit), tuple(h.index), tuple(np.round(h.to_numpy(), 12)), kind, model)
    hit = _FIT_CACHE.get(key)
    if hit is None:
        hit = fit(h, kind=kind) if model is None else fit(h, kind=kind, model=model)
        if len(_FIT_CACHE) > 256:
            _FIT_CACHE.clear()
        _FIT_CACHE[key] = hit
    return hit
