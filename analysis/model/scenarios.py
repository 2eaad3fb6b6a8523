"""Scenario engine: "what if" paths to a target's deadline, and the composite score (考核评分).

Pure functions, no widgets (those live in :mod:`analysis.app.explorer`). Everything is
vectorised with numpy so that one scenario with its Monte Carlo runs in a few
milliseconds.

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

Each scenario returns a :class:`ScenarioResult`: the path, whether and when the
target is reached, the probability of meeting it at the deadline under uncertainty
(seeded Monte Carlo, reproducible), and the addition or growth still required per
year. Scenarios save to and load from JSON (:class:`Scenario`).

Composite score
---------------
:func:`progress_table` turns values into per-target progress (capped at 1),
:func:`score` weights them (equal by default) into a total and a ranking of tasks or
sectors, and :func:`sensitivity` shows how the total and the ranking move when the
weights are perturbed.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis import config
from analysis.errors import InputError, Problem, display_name

__all__ = [
    "SCENARIO_VERSION", "SCENARIO_TYPES", "PARAMS", "DEFAULT_N_SIMS", "EXTRA_YEARS", "BAND",
    "DEFAULT_RENEWAL_RATE", "DEFAULT_LAPSE_RATE", "DEFAULT_CLOSURE_RATE", "CERTIFICATE_VALIDITY",
    "Scenario", "ScenarioResult", "scenario_types", "certificate_validity",
    "history_for", "default_params", "run", "run_for",
    "compound_path", "additions_path", "infer_cohorts", "certificate_flows", "stock_flow",
    "population_path",
    "progress", "progress_table", "validate_weights", "equal_weights", "ScoreResult", "score",
    "SensitivityResult", "sensitivity", "QUESTIONS", "questions",
    "QUESTION_COMPARE", "QuestionAnswer", "question_results", "required_params",
    "scenario_plot", "questions_plot", "score_sensitivity_plot", "latest_values",
]

#: Version of the scenario JSON format.
SCENARIO_VERSION: int = 1
SCENARIO_TYPES: tuple[str, ...] = ("trend", "growth", "additions", "certificates", "per_capita", "stock")
#: Parameters each scenario type accepts (``as_of`` and ``n_sims`` are accepted by all).
PARAMS: dict[str, tuple[str, ...]] = {
    "trend": ("model",),
    "growth": ("rate", "sd"),
    "additions": ("per_year", "sd"),
    "certificates": ("new_per_year", "renewal_rate", "validity", "cohorts"),
    "per_capita": ("grants_per_year", "lapse_rate", "population_change"),
    "stock": ("per_year", "closure_rate"),
}
_COMMON_PARAMS = ("as_of", "n_sims")
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
#: Indicators that are stocks of time-limited certificates, with the validity in years.
#: China's high-tech enterprise certificates are valid for three years
#: (高新技术企业认定管理办法, 2016, art. 9). Other catalogues: a note saying
#: "valid for N years" also switches the model on (:func:`certificate_validity`).
CERTIFICATE_VALIDITY: dict[str, int] = {"high_tech_enterprises": 3}

_NUM_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


# --------------------------------------------------------------------------- scenario spec
@dataclass
class Scenario:
    """A reproducible "what if": everything needed to recompute the same numbers.

    Saved as JSON ``{"version", "region", "indicator_id", "scenario_type", "params",
    "weights", "seed", "lang"}`` (:meth:`save`, :meth:`load`).
    """

    indicator_id: str
    scenario_type: str = "trend"
    params: dict = field(default_factory=dict)
    region: str = config.DEFAULT_REGION
    weights: dict | None = None
    seed: int = 2019
    lang: str = "zh"
    version: int = SCENARIO_VERSION

    def to_dict(self) -> dict:
        """The JSON-ready dict (keys in the documented order)."""
        return {"version": self.version, "region": self.region, "indicator_id": self.indicator_id,
                "scenario_type": self.scenario_type, "params": _jsonable(self.params),
                "weights": None if self.weights is None else {str(k): float(v) for k, v in self.weights.items()},
                "seed": int(self.seed), "lang": self.lang}

    def to_json(self) -> str:
        """JSON text (UTF-8, Chinese kept readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: Mapping, *, source: str = "scenario") -> "Scenario":
        """Build and check a scenario; :class:`InputError` lists every problem."""
        problems: list[Problem] = []

        def bad(key, msg):
            problems.append(Problem(source, None, key, msg))

        if not isinstance(data, Mapping):
            raise InputError([Problem(source, None, None, "a scenario must be a JSON object")])
        version = data.get("version", SCENARIO_VERSION)
        if version != SCENARIO_VERSION:
            bad("version", f"unsupported scenario version {version!r} (this suite reads {SCENARIO_VERSION})")
        unknown = set(data) - {"version", "region", "indicator_id", "scenario_type", "params",
                               "weights", "seed", "lang"}
        for k in sorted(unknown):
            bad(k, "unknown key")
        ind = data.get("indicator_id")
        if not isinstance(ind, str) or not ind:
            bad("indicator_id", "missing indicator_id")
        stype = data.get("scenario_type", "trend")
        if stype not in SCENARIO_TYPES:
            bad("scenario_type", f"must be one of {', '.join(SCENARIO_TYPES)}, got {stype!r}")
        params = data.get("params") or {}
        if not isinstance(params, Mapping):
            bad("params", "params must be an object")
            params = {}
        elif stype in PARAMS:
            problems += _check_params(stype, params, source)
        region = data.get("region", config.DEFAULT_REGION)
        if not isinstance(region, str) or not region:
            bad("region", "region must be a non-empty string")
        seed = data.get("seed", 2019)
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            bad("seed", f"seed must be a non-negative integer, got {seed!r}")
        lang = data.get("lang", "zh")
        if lang not in ("zh", "en"):
            bad("lang", f"lang must be 'zh' or 'en', got {lang!r}")
        weights = data.get("weights")
        if weights is not None:
            try:
                validate_weights(weights, source=source)
            except InputError as exc:
                problems += exc.problems
        if problems:
            raise InputError(problems)
        return cls(indicator_id=ind, scenario_type=stype, params=dict(params), region=region,
                   weights=None if weights is None else {str(k): float(v) for k, v in weights.items()},
                   seed=int(seed), lang=lang, version=int(version))

    @classmethod
    def from_json(cls, text: str, *, source: str = "scenario") -> "Scenario":
        """Parse JSON text (see :meth:`from_dict`)."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError([Problem(source, exc.lineno, None, f"not valid JSON: {exc.msg}")]) from None
        return cls.from_dict(data, source=source)

    def save(self, path: str | Path) -> Path:
        """Write the scenario as JSON (atomically) and return the path."""
        from analysis.io.atomic import atomic_write

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path) as fh:
            fh.write(self.to_json())
        return path

    @classmethod
    def load(cls, path: str | Path) -> "Scenario":
        """Read a scenario JSON file (:class:`InputError` when missing or invalid)."""
        path = Path(path)
        shown = display_name(path)
        if not path.exists():
            raise InputError([Problem(shown, None, None, "file not found")])
        return cls.from_json(path.read_text(encoding="utf-8-sig"), source=shown)


def _jsonable(obj):
    if isinstance(obj, Mapping):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (np.floating,)):
        return float(obj)
    return obj


def _is_num(v) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) \
        and math.isfinite(float(v))


def _check_params(stype: str, params: Mapping, source: str) -> list[Problem]:
    problems = []
    allowed = set(PARAMS[stype]) | set(_COMMON_PARAMS)
    for k, v in params.items():
        col = f"params.{k}"
        if k not in allowed:
            problems.append(Problem(source, None, col, f"not a parameter of a {stype!r} scenario "
                                                       f"(allowed: {', '.join(sorted(allowed))})"))
            continue
        if v is None or k == "model":
            continue
        if k == "cohorts":
            if not isinstance(v, Mapping) or not all(_is_num(x) and x >= 0 for x in v.values()):
                problems.append(Problem(source, None, col, "cohorts must map years to non-negative numbers"))
            else:
                try:
                    [int(y) for y in v]
                except ValueError:
                    problems.append(Problem(source, None, col, "cohort keys must be years"))
            continue
        if not _is_num(v):
            problems.append(Problem(source, None, col, f"must be a number, got {v!r}"))
            continue
        v = float(v)
        if k in ("renewal_rate", "lapse_rate", "closure_rate") and not 0 <= v <= 1:
            problems.append(Problem(source, None, col, f"must be between 0 and 1, got {v:g}"))
        elif k in ("rate", "population_change") and v <= -1:
            problems.append(Problem(source, None, col, f"must be above -1 (-100 %), got {v:g}"))
        elif k in ("sd", "new_per_year", "grants_per_year") and v < 0:
            problems.append(Problem(source, None, col, f"must not be negative, got {v:g}"))
        elif k in ("validity", "n_sims", "as_of") and (v != int(v) or v < 1):
            problems.append(Problem(source, None, col, f"must be a positive whole number, got {v:g}"))
    return problems


# --------------------------------------------------------------------------- building blocks
def compound_path(start: float, rates: np.ndarray) -> np.ndarray:
    """Values after compounding ``rates`` (shape ``(..., T)``, 0.1 = 10 %) from ``start``."""
    return float(start) * np.cumprod(1.0 + np.asarray(rates, dtype=float), axis=-1)


def additions_path(start: float, additions: np.ndarray) -> np.ndarray:
    """Values after adding ``additions`` (shape ``(..., T)``) year by year to ``start``."""
    return float(start) + np.cumsum(np.asarray(additions, dtype=float), axis=-1)


def stock_flow(initial, inflows: np.ndarray, outflow_rate: float = 0.0, *,
               rng: np.random.Generator | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``stock_t = stock_{t-1} + inflow_t - outflow_t`` with ``outflow_t = rate * stock_{t-1}``.

    Parameters
    ----------
    initial : float or array of shape (n,)
        Stock at the end of the year before the first inflow.
    inflows : array of shape (T,) or (n, T)
    outflow_rate : float
        Share of the previous stock leaving each year (lapsed patents, closed platforms).
    rng : Generator, optional
        When given, outflows are binomial draws on the (rounded) stock; otherwise the
        expected values are used.

    Returns
    -------
    (stock, outflows) : arrays shaped like ``inflows``
    """
    inflows = np.atleast_2d(np.asarray(inflows, dtype=float))
    n, T = inflows.shape
    stock = np.empty((n, T))
    out = np.empty((n, T))
    prev = np.broadcast_to(np.asarray(initial, dtype=float), (n,)).copy()
    if rng is not None:
        prev = np.rint(prev)
    for j in range(T):
        if rng is not None:
            o = rng.binomial(np.maximum(prev, 0).astype(np.int64), outflow_rate).astype(float)
        else:
            o = prev * outflow_rate
        prev = prev - o + inflows[:, j]
        out[:, j] = o
        stock[:, j] = prev
    return stock, out


def population_path(population: float, change: float, years_ahead: np.ndarray) -> np.ndarray:
    """Population after ``years_ahead`` years of a constant annual ``change`` (-0.01 = -1 %)."""
    return float(population) * (1.0 + float(change)) ** np.asarray(years_ahead, dtype=float)


def certificate_validity(meta: Mapping) -> int | None:
    """Validity in years when the indicator is a stock of time-limited certificates, else ``None``."""
    ind = str(meta.get("id", ""))
    if ind in CERTIFICATE_VALIDITY:
        return CERTIFICATE_VALIDITY[ind]
    m = re.search(r"valid for (\w+) years?|有效期(\d+)年", str(meta.get("note", "")))
    if m:
        words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
        tok = m.group(1) or m.group(2)
        return int(tok) if tok.isdigit() else words.get(tok.lower())
    return None


def infer_cohorts(stock: pd.Series, validity: int = 3) -> dict[int, float]:
    """Certificates issued (new + renewed) each year, inferred from the stock of valid ones.

    ``stock_t = issued_t + issued_{t-1} + ... + issued_{t-validity+1}``, so
    ``issued_t = stock_t - (issued_{t-1} + ...)``. The first observed stock is
    assumed to be spread evenly over the ``validity`` years before it; negative
    inferences are set to 0 (the stock then no longer adds up exactly). Pass known
    cohorts in the scenario's ``params["cohorts"]`` instead when the issuing
    authority publishes them.
    """
    from analysis.model import trends

    s = trends.clean(stock)
    if s.empty:
        return {}
    y0 = int(s.index[0])
    issued: dict[int, float] = {y0 - k: float(s.iloc[0]) / validity for k in range(validity)}
    for y in range(y0 + 1, int(s.index[-1]) + 1):
        prev = sum(issued.get(y - k, 0.0) for k in range(1, validity))
        if y in s.index:
            issued[y] = max(float(s.loc[y]) - prev, 0.0)
        else:  # a gap: assume the stock stayed constant
            issued[y] = issued.get(y - validity, 0.0)
    return dict(sorted(issued.items()))


def _certificates(hist_issued: np.ndarray, new: np.ndarray, renewal_rate: float, validity: int,
                  rng: np.random.Generator | None = None) -> dict[str, np.ndarray]:
    """Core of the certificate model, vectorised over ``n`` paths.

    ``hist_issued`` (H,) are the certificates issued in the H years before the
    projection; ``new`` (n, T) the new certifications of each projected year.
    Certificates issued in year t are valid in t .. t+validity-1; in year t the ones
    issued in t-validity expire, and ``renewal_rate`` of them are renewed (a renewal
    is a new three-year certificate issued in year t).
    """
    new = np.atleast_2d(np.asarray(new, dtype=float))
    n, T = new.shape
    H = len(hist_issued)
    issued = np.zeros((n, H + T))
    issued[:, :H] = hist_issued if rng is None else np.rint(hist_issued)
    expiries = np.zeros((n, T))
    renewals = np.zeros((n, T))
    for j in range(T):
        t = H + j
        if t - validity >= 0:
            expiries[:, j] = issued[:, t - validity]
        if rng is None:
            renewals[:, j] = expiries[:, j] * renewal_rate
        else:
            renewals[:, j] = rng.binomial(expiries[:, j].astype(np.int64), renewal_rate)
        issued[:, t] = new[:, j] + renewals[:, j]
    csum = np.cumsum(np.pad(issued, ((0, 0), (1, 0))), axis=1)
    idx = np.arange(H, H + T) + 1
    stock = csum[:, idx] - csum[:, np.maximum(idx - validity, 0)]
    return {"stock": stock, "new": new, "renewals": renewals, "expiries": expiries,
            "issued": issued[:, H:]}


def certificate_flows(cohorts: Mapping[int, float], end_year: int, *, new_per_year: float = 0.0,
                      renewal_rate: float = 0.0, validity: int = 3) -> pd.DataFrame:
    """Expected certificate flows year by year (deterministic).

    Parameters
    ----------
    cohorts : mapping year -> certificates issued that year
        The projection starts the year after the last cohort.
    end_year : int
    new_per_year : float
        New certifications in each projected year.
    renewal_rate : float
        Share of expiring certificates renewed (0..1).
    validity : int
        Years a certificate is valid (3 for high-tech enterprises).

    Returns
    -------
    DataFrame indexed by year with ``new, renewals, expiries, issued, stock``
    (for cohort years ``new`` is the cohort and ``renewals`` is NaN: the split is unknown).

    Examples
    --------
    A certificate issued in 2017 counts in 2017-2019 and expires after 2019:

    >>> certificate_flows({2017: 1}, 2020)["stock"].tolist()
    [1.0, 1.0, 1.0, 0.0]
    """
    years_h = list(range(min(cohorts), max(cohorts) + 1))
    hist = np.array([float(cohorts.get(y, 0.0)) for y in years_h])
    T = max(int(end_year) - years_h[-1], 0)
    core = _certificates(hist, np.full((1, T), float(new_per_year)), renewal_rate, validity)
    # stock and expiries within the cohort years
    h_stock = [hist[max(0, i - validity + 1):i + 1].sum() for i in range(len(hist))]
    h_exp = [hist[i - validity] if i - validity >= 0 else 0.0 for i in range(len(hist))]
    df = pd.DataFrame({
        "new": np.r_[hist, core["new"][0]],
        "renewals": np.r_[np.full(len(hist), np.nan), core["renewals"][0]],
        "expiries": np.r_[h_exp, core["expiries"][0]],
        "issued": np.r_[hist, core["issued"][0]],
        "stock": np.r_[h_stock, core["stock"][0]],
    }, index=pd.Index(years_h + list(range(years_h[-1] + 1, years_h[-1] + 1 + T)), name="year"))
    return df


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


def default_params(scenario_type: str, history: pd.Series, meta: Mapping, *,
                   population: pd.Series | None = None) -> dict:
    """Starting parameters computed from the history (the slider positions of the explorer).

    growth: the historical compound rate and the standard deviation of annual rates;
    additions: the mean and standard deviation of annual changes; certificates,
    per_capita and stock: inflows that reproduce the historical net change given the
    assumed renewal, lapse or closure rate; population change: the observed average.
    """
    from analysis.model import trends

    h = trends.clean(history)
    if scenario_type == "trend":
        return {}
    if scenario_type == "growth":
        g = trends.growth(h)
        rate = g.rate if not math.isnan(g.rate) else 0.0
        return {"rate": round(float(rate), 4), "sd": round(_hist_sd_growth(h), 4)}
    if scenario_type == "additions":
        d = _hist_diffs(h)
        return {"per_year": round(float(d.mean()), 4) if len(d) else 0.0,
                "sd": round(float(np.std(d, ddof=1)), 4) if len(d) >= 2 else 0.0}
    if scenario_type == "certificates":
        validity = certificate_validity(meta) or 3
        coh = infer_cohorts(h, validity)
        r = DEFAULT_RENEWAL_RATE
        last = int(h.index[-1]) if len(h) else 0
        recent = [coh.get(y, 0.0) - r * coh.get(y - validity, 0.0) for y in range(last - validity + 1, last + 1)
                  if y in coh]
        new = max(float(np.mean(recent)), 0.0) if recent else 0.0
        return {"new_per_year": round(new, 2), "renewal_rate": r, "validity": validity}
    if scenario_type == "per_capita":
        lapse = DEFAULT_LAPSE_RATE
        grants = 0.0
        if population is not None and len(h) >= 2:
            pops = np.array([_population_at(population, int(y)) for y in h.index])
            stock = h.to_numpy() * pops
            net = np.diff(stock) / np.maximum(np.diff(h.index.to_numpy()), 1)
            grants = max(float(net.mean() + lapse * stock[:-1].mean()), 0.0)
        return {"grants_per_year": round(grants, 2), "lapse_rate": lapse,
                "population_change": round(_mean_change(population), 4)}
    if scenario_type == "stock":
        d = _hist_diffs(h)
        closure = DEFAULT_CLOSURE_RATE
        per = max(float(d.mean() + closure * h.to_numpy()[:-1].mean()), 0.0) if len(d) else 0.0
        return {"per_year": round(per, 2), "closure_rate": closure}
    raise ValueError(f"unknown scenario type {scenario_type!r}")


# --------------------------------------------------------------------------- results
@dataclass
class ScenarioResult:
    """The outcome of one scenario.

    Attributes
    ----------
    scenario : Scenario
        With ``params`` completed by the defaults actually used (save it to reproduce).
    history : Series
        Observations used (indexed by year).
    years, path, lower, upper : ndarray
        Projected years (after the last observation) with the central path and the
        80 % band.
    target, comparator, deadline, unit, kind, name_zh, name_en
        From the catalogue.
    value_at_deadline : float
    met_at_deadline : bool
    year_reached : int or None
        First year, from the latest observation on, whose value meets the target
        (``None``: not within ``EXTRA_YEARS`` after the deadline).
    years_late : int or None
        ``year_reached - deadline`` when positive, 0 when on time, ``None`` when never.
    probability : float
        Probability of meeting the target at the deadline (Monte Carlo share, or the
        forecast's own probability for the trend).
    required : float
        What is still needed per year from the latest observation to the deadline:
        see ``required_kind`` (``growth`` rate, ``additions``, ``new_certifications``,
        ``grants`` or ``openings`` per year); NaN when no time is left.
    required_growth, required_additions : float
        The compound rate and the absolute addition per year still required.
    flows : DataFrame or None
        Year-by-year flows of stock-flow models (expected values).
    status : str
        Scorecard status (:func:`analysis.model.labels.status_rule`).
    """

    scenario: Scenario
    history: pd.Series
    years: np.ndarray
    path: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    target: float
    comparator: str
    deadline: int
    unit: str
    kind: str
    name_zh: str
    name_en: str
    value_at_deadline: float
    met_at_deadline: bool
    year_reached: int | None
    years_late: int | None
    probability: float
    required: float
    required_kind: str
    required_growth: float
    required_additions: float
    flows: pd.DataFrame | None
    status: str
    notes: list = field(default_factory=list)

    @property
    def last_year(self) -> int:
        return int(self.history.index[-1])

    @property
    def last_value(self) -> float:
        return float(self.history.iloc[-1])

    def frame(self) -> pd.DataFrame:
        """History and path in one long table: ``year, value, lower, upper, part``."""
        h = pd.DataFrame({"year": self.history.index.astype(int), "value": self.history.to_numpy(),
                          "lower": np.nan, "upper": np.nan, "part": "history"})
        p = pd.DataFrame({"year": self.years.astype(int), "value": self.path, "lower": self.lower,
                          "upper": self.upper, "part": "scenario"})
        return pd.concat([h, p], ignore_index=True)

    def numbers(self) -> dict:
        """The headline numbers (for comparing a saved scenario with its reload)."""
        return {"path": [float(x) for x in self.path], "years": [int(y) for y in self.years],
                "probability": float(self.probability), "year_reached": self.year_reached,
                "met_at_deadline": self.met_at_deadline, "required": float(self.required),
                "value_at_deadline": float(self.value_at_deadline)}

    def sentence(self, lang: str | None = None) -> str:
        """One-sentence answer, e.g. "At 15% a year the target is reached in 2021, one year late."."""
        lang = lang or self.scenario.lang
        return _sentence(self, lang)

    def required_sentence(self, lang: str | None = None) -> str:
        """What is still needed per year to meet the target at the deadline."""
        lang = lang or self.scenario.lang
        return _required_sentence(self, lang)


def _meets(values, target: float, comparator: str):
    v = np.asarray(values, dtype=float)
    return (v >= target) if comparator == ">=" else (v <= target)


def _fmt(x: float, digits: int = 3) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if abs(x - round(x)) < 1e-9 and abs(x) < 1e6:
        return str(int(round(x)))
    s = f"{x:.{digits}g}" if abs(x) < 1 else f"{x:,.2f}".rstrip("0").rstrip(".")
    return s


def _pct(x: float, digits: int | None = None) -> str:
    """Per cent; ``digits=None``: whole per cent unless that would hide a decimal (21.8%)."""
    if x is None or math.isnan(x):
        return "–"
    v = x * 100
    if digits is None:
        digits = 0 if abs(v - round(v)) < 1e-6 else 1
    return f"{v:.{digits}f}%"


def run(scenario: Scenario, history: pd.Series, meta: Mapping, *, population: pd.Series | None = None,
        fit: Callable | None = None, n_sims: int | None = None) -> ScenarioResult:
    """Run one scenario for one indicator.

    Parameters
    ----------
    scenario : Scenario
        Type and parameters (missing parameters are filled by :func:`default_params`).
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

    Returns
    -------
    ScenarioResult
    """
    from analysis.model import trends

    stype = scenario.scenario_type
    if stype not in SCENARIO_TYPES:
        raise InputError([Problem("scenario", None, "scenario_type",
                                  f"must be one of {', '.join(SCENARIO_TYPES)}, got {stype!r}")])
    problems = _check_params(stype, scenario.params, "scenario")
    if problems:
        raise InputError(problems)
    params = dict(scenario.params)
    h = trends.clean(history)
    if params.get("as_of") is not None:
        h = h[h.index <= int(params["as_of"])]
    if h.empty:
        raise InputError([Problem("observations", None, scenario.indicator_id,
                                  f"no observations for {scenario.region}")])
    if stype == "per_capita" and population is None:
        raise InputError([Problem("population", None, scenario.indicator_id,
                                  "a per-capita scenario needs the resident population")])
    filled = default_params(stype, h, meta, population=population)
    for k, v in params.items():
        if v is not None:
            filled[k] = v
    n = int(n_sims or filled.get("n_sims") or DEFAULT_N_SIMS)
    rng = np.random.default_rng(int(scenario.seed))

    target = float(meta["value"])
    comparator = str(meta.get("comparator", ">="))
    deadline = int(meta.get("deadline_effective", meta.get("deadline", config.PLAN_HORIZON)))
    kind = str(meta.get("kind", "level"))
    unit = str(meta.get("unit", ""))
    last_year, last = int(h.index[-1]), float(h.iloc[-1])
    end = max(deadline, last_year) + EXTRA_YEARS
    years = np.arange(last_year + 1, end + 1)
    k = years - last_year
    T = len(years)
    notes: list[str] = []
    flows = None
    prob = float("nan")
    lower = upper = None
    req = trends.required_growth(last, last_year, target, deadline)
    validity = int(filled.get("validity") or certificate_validity(meta) or 3)

    def linear_required(f):
        """Solve f(x) = target for a per-year inflow x, f linear (value at the deadline)."""
        if deadline <= last_year:
            return float("nan")
        a, b = f(0.0), f(1.0)
        if b == a:
            return float("nan")
        return max((target - a) / (b - a), 0.0)

    di = deadline - last_year - 1  # index of the deadline in the projected years

    if stype == "trend":
        fit = fit or _default_fit()
        fr = _cached_fit(fit, h, kind, filled.get("model"))
        if getattr(fr, "insufficient", False):
            notes.append("insufficient data for a trend forecast; the path is held flat")
            path = np.full(T, last)
            lower, upper = path.copy(), path.copy()
        else:
            sf = fr.summary_frame(alpha=1 - BAND, years=list(map(int, years)))
            path = np.asarray(sf["mean"], dtype=float)
            lower = np.asarray(sf["lower"], dtype=float)
            upper = np.asarray(sf["upper"], dtype=float)
            if deadline > last_year:
                prob = float(fr.prob_meets_target(target, deadline, comparator))
        required = req.rate if kind in ("level", "ratio", "share") else req.per_year
        required_kind = "growth" if kind in ("level", "ratio", "share") else "additions"
        if required_kind == "growth" and math.isnan(required):
            required, required_kind = req.per_year, "additions"
        sims = None
    elif stype == "growth":
        rate, sd = float(filled["rate"]), float(filled.get("sd") or 0.0)
        path = last * (1.0 + rate) ** k
        rates = rng.normal(rate, sd, (n, T)) if sd > 0 else np.full((n, T), rate)
        sims = compound_path(last, np.maximum(rates, -0.99))
        required, required_kind = req.rate, "growth"
        if last <= 0:
            notes.append("the latest value is zero or negative: compound growth cannot move it")
    elif stype == "additions":
        per, sd = float(filled["per_year"]), float(filled.get("sd") or 0.0)
        path = last + per * k
        adds = rng.normal(per, sd, (n, T)) if sd > 0 else np.full((n, T), per)
        sims = additions_path(last, adds)
        required, required_kind = req.per_year, "additions"
    elif stype == "certificates":
        coh = filled.get("cohorts")
        coh = {int(y): float(v) for y, v in coh.items()} if coh else infer_cohorts(h, validity)
        coh = {y: v for y, v in coh.items() if y <= last_year}
        ys = list(range(min(coh), last_year + 1))
        hist = np.array([coh.get(y, 0.0) for y in ys])
        new, r = float(filled["new_per_year"]), float(filled["renewal_rate"])
        det = _certificates(hist, np.full((1, T), new), r, validity)
        path = det["stock"][0]
        sims = _certificates(hist, rng.poisson(new, (n, T)).astype(float), r, validity, rng=rng)["stock"]
        flows = pd.DataFrame({k_: det[k_][0] for k_ in ("new", "renewals", "expiries", "issued", "stock")},
                             index=pd.Index(years, name="year"))
        required = linear_required(
            lambda x: _certificates(hist, np.full((1, T), x), r, validity)["stock"][0, di])
        required_kind = "new_certifications"
        filled["cohorts"] = {str(y): round(v, 6) for y, v in coh.items()}
    elif stype in ("per_capita", "stock"):
        if stype == "per_capita":
            inflow, rate = float(filled["grants_per_year"]), float(filled["lapse_rate"])
            pop0 = _population_at(population, last_year)
            pops = population_path(pop0, float(filled["population_change"]), k)
            stock0 = last * pop0
        else:
            inflow, rate = float(filled["per_year"]), float(filled["closure_rate"])
            pops = np.ones(T)
            stock0 = last
        det_stock, det_out = stock_flow(stock0, np.full(T, inflow), rate)
        path = det_stock[0] / pops
        sim_stock, _ = stock_flow(np.full(n, stock0), rng.poisson(inflow, (n, T)).astype(float), rate, rng=rng)
        sims = sim_stock / pops
        cols = {"inflow": np.full(T, inflow), "outflow": det_out[0], "stock": det_stock[0]}
        if stype == "per_capita":
            cols.update(population=pops, value=path)
        flows = pd.DataFrame(cols, index=pd.Index(years, name="year"))
        required = linear_required(
            lambda x: stock_flow(stock0, np.full(T, x), rate)[0][0, di] / pops[di] if di >= 0 else float("nan"))
        required_kind = "grants" if stype == "per_capita" else "openings"
    else:  # pragma: no cover - checked above
        raise ValueError(stype)

    lo_clip = 0.0
    hi_clip = 100.0 if kind == "share" and unit in ("%", "％") else np.inf
    path = np.clip(path, lo_clip, hi_clip)
    if sims is not None:
        sims = np.clip(sims, lo_clip, hi_clip)
        q = np.quantile(sims, [(1 - BAND) / 2, 1 - (1 - BAND) / 2], axis=0)
        lower, upper = q[0], q[1]
        if deadline > last_year:
            prob = float(_meets(sims[:, di], target, comparator).mean())

    # value at the deadline, whether and when the target is reached
    if deadline <= last_year:
        v_dead = float(h.loc[deadline]) if deadline in h.index else float(
            h[h.index <= deadline].iloc[-1]) if (h.index <= deadline).any() else float("nan")
        prob = float(trends.meets(v_dead, target, comparator))
    else:
        v_dead = float(path[di])
    met = bool(trends.meets(v_dead, target, comparator))
    all_years = np.r_[last_year, years]
    all_vals = np.r_[last, path]
    ok = _meets(all_vals, target, comparator)
    if ok[0]:  # already met: since when (start of the latest run of met years)?
        hm = _meets(h.to_numpy(), target, comparator)
        i = len(hm) - 1
        while i > 0 and hm[i - 1]:
            i -= 1
        year_reached = int(h.index[i])
    else:
        year_reached = int(all_years[np.argmax(ok)]) if ok.any() else None
    years_late = None if year_reached is None else max(year_reached - deadline, 0)

    try:
        from analysis.model import labels

        from analysis.model.scorecard import measure_of

        status = labels.status_rule(met_now=bool(ok[0]), counts_now=measure_of(meta) == "stock",
                                    deadline_reached=last_year >= deadline, n_points=len(h),
                                    prob_meet=prob)
    except ImportError:  # pragma: no cover - labels is part of the suite
        status = "insufficient data" if math.isnan(prob) else ("on track" if prob >= 0.8 else
                                                               "at risk" if prob >= 0.2 else "off track")
    done = Scenario(indicator_id=scenario.indicator_id, scenario_type=stype, params=_jsonable(filled),
                    region=scenario.region, weights=scenario.weights, seed=scenario.seed,
                    lang=scenario.lang, version=scenario.version)
    return ScenarioResult(
        scenario=done, history=h, years=years, path=path,
        lower=np.asarray(lower if lower is not None else path, dtype=float),
        upper=np.asarray(upper if upper is not None else path, dtype=float),
        target=target, comparator=comparator, deadline=deadline, unit=unit, kind=kind,
        name_zh=str(meta.get("name_zh", "")), name_en=str(meta.get("name_en", "")),
        value_at_deadline=v_dead, met_at_deadline=met, year_reached=year_reached, years_late=years_late,
        probability=prob, required=float(required), required_kind=required_kind,
        required_growth=float(req.rate), required_additions=float(req.per_year),
        flows=flows, status=status, notes=notes)


def run_for(scenario: Scenario, obs: pd.DataFrame | None = None, targets: pd.DataFrame | None = None, *,
            population: pd.Series | None = None, fit: Callable | None = None,
            n_sims: int | None = None) -> ScenarioResult:
    """:func:`run` with the history, catalogue row and population looked up.

    ``obs`` defaults to :func:`analysis.io.dataset.load_observations`, ``targets`` to the
    plan's catalogue, ``population`` (for ``per_capita``) to
    :func:`analysis.io.dataset.load_population` of the scenario's region.
    """
    from analysis.io import catalogue

    if targets is None:
        targets = catalogue.load_targets()
    if obs is None:
        from analysis.io import dataset

        obs = dataset.load_observations()
    meta = catalogue.target(targets, scenario.indicator_id)
    if population is None and scenario.scenario_type == "per_capita":
        from analysis.io import dataset

        population = dataset.load_population(scenario.region)
    h = history_for(obs, scenario.region, scenario.indicator_id)
    return run(scenario, h, meta, population=population, fit=fit, n_sims=n_sims)


_FIT_CACHE: dict = {}


def _default_fit():
    from analysis.model import forecast

    return forecast.fit


def _cached_fit(fit, h: pd.Series, kind: str, model):
    key = (id(fit), tuple(h.index), tuple(np.round(h.to_numpy(), 12)), kind, model)
    hit = _FIT_CACHE.get(key)
    if hit is None:
        hit = fit(h, kind=kind) if model is None else fit(h, kind=kind, model=model)
        if len(_FIT_CACHE) > 256:
            _FIT_CACHE.clear()
        _FIT_CACHE[key] = hit
    return hit


# --------------------------------------------------------------------------- sentences
def _years_word(n: int, lang: str) -> str:
    if lang == "zh":
        return f"{n}年"
    word = _NUM_WORDS.get(n, str(n))
    return f"{word} year" if n == 1 else f"{word} years"


def _lead(res: ScenarioResult, lang: str) -> str:
    p = res.scenario.params
    u = res.unit
    t = res.scenario.scenario_type
    zh = lang == "zh"
    if t == "trend":
        return "按当前趋势" if zh else "On the current trend"
    if t == "growth":
        r = float(p["rate"])
        if zh:
            return f"按每年增长{_pct(r)}" if r >= 0 else f"按每年下降{_pct(-r)}"
        return f"At {_pct(r)} a year" if r >= 0 else f"Falling {_pct(-r)} a year"
    if t == "additions":
        a = float(p["per_year"])
        if zh:
            return f"按每年新增{_fmt(a)}{u}" if a >= 0 else f"按每年减少{_fmt(-a)}{u}"
        return f"Adding {_fmt(a)} {u} a year" if a >= 0 else f"Losing {_fmt(-a)} {u} a year"
    if t == "certificates":
        n, r = float(p["new_per_year"]), float(p["renewal_rate"])
        if zh:
            return f"按每年新认定{_fmt(n)}家、到期证书{_pct(r)}重新认定"
        word = "certification" if _fmt(n) == "1" else "certifications"
        return f"With {_fmt(n)} new {word} a year and {_pct(r)} of expiring certificates renewed"
    if t == "per_capita":
        g, lr, pc = float(p["grants_per_year"]), float(p["lapse_rate"]), float(p["population_change"])
        if zh:
            pop = f"人口每年{'增长' if pc >= 0 else '减少'}{_pct(abs(pc), 1)}"
            return f"按每年新增{_fmt(g)}件、每年失效{_pct(lr)}、{pop}"
        pop = f"the population {'growing' if pc >= 0 else 'shrinking'} {_pct(abs(pc), 1)} a year"
        word = "grant" if _fmt(g) == "1" else "grants"
        return f"With {_fmt(g)} new {word} a year, {_pct(lr)} lapsing a year and {pop}"
    if t == "stock":
        a, c = float(p["per_year"]), float(p["closure_rate"])
        if zh:
            return f"按每年新增{_fmt(a)}{u}、每年撤销{_pct(c)}"
        return f"With {_fmt(a)} {u} opened and {_pct(c)} closed a year"
    return ""


def _sentence(res: ScenarioResult, lang: str) -> str:
    zh = lang == "zh"
    lead = _lead(res, lang)
    tgt = f"{_fmt(res.target)}{res.unit}" if zh else f"{_fmt(res.target)} {res.unit}"
    y, d = res.year_reached, res.deadline
    end = int(res.years[-1]) if len(res.years) else res.last_year
    if y is None:
        return (f"{lead},到{end}年仍达不到目标({tgt})。" if zh
                else f"{lead}, the target ({tgt}) is not reached by {end}.")
    if y <= res.last_year and y <= d:
        if not res.met_at_deadline:
            return (f"{lead},目标({tgt})已于{y}年达到,但到{d}年将跌回目标以下。" if zh
                    else f"{lead}, the target ({tgt}), met since {y}, is missed again in {d}.")
        return (f"{lead},目标({tgt})已于{y}年达到,{d}年仍然达标。" if zh
                else f"{lead}, the target ({tgt}) is already met (since {y}) and still met in {d}.")
    if y <= d:
        if not res.met_at_deadline:
            return (f"{lead},目标({tgt})在{y}年达到,但到{d}年又跌回目标以下。" if zh
                    else f"{lead}, the target ({tgt}) is reached in {y} but missed again in {d}.")
        if y == d:
            return (f"{lead},目标({tgt})在{y}年实现,按期完成。" if zh
                    else f"{lead}, the target ({tgt}) is reached in {y}, on time.")
        return (f"{lead},目标({tgt})在{y}年实现,提前{_years_word(d - y, lang)}。" if zh
                else f"{lead}, the target ({tgt}) is reached in {y}, {_years_word(d - y, lang)} early.")
    return (f"{lead},目标({tgt})在{y}年实现,比期限({d}年)晚{_years_word(y - d, lang)}。" if zh
            else f"{lead}, the target ({tgt}) is reached in {y}, {_years_word(y - d, lang)} late.")


def _required_sentence(res: ScenarioResult, lang: str) -> str:
    zh = lang == "zh"
    d = res.deadline
    if res.last_year >= d:
        return (f"{d}年已有观测值,无需再测算年度要求。" if zh
                else f"{d} has been observed: nothing is left to require.")
    if _trends_meets(res.last_value, res.target, res.comparator) and res.required_kind in ("growth", "additions"):
        return (f"最新值({res.last_year}年)已达到目标,只需保持。" if zh
                else f"The latest value ({res.last_year}) already meets the target; it only has to be kept.")
    r, u = res.required, res.unit
    kind = res.required_kind
    if isinstance(r, float) and math.isnan(r):
        return "无法测算所需增速。" if zh else "The required pace cannot be computed."
    if kind == "growth":
        return (f"要在{d}年达标,{res.last_year}年后每年需增长{_pct(r, 1)}。" if zh
                else f"Meeting the target in {d} needs {_pct(r, 1)} growth a year after {res.last_year}.")
    names = {"additions": ("新增", "more", u), "new_certifications": ("新认定", "new certifications", "家"),
             "grants": ("新增授权发明专利", "new invention-patent grants", "件"),
             "openings": ("新增", "openings", u)}
    zh_w, en_w, uu = names[kind]
    if zh:
        return f"要在{d}年达标,每年需{zh_w}{_fmt(r)}{uu}。"
    return f"Meeting the target in {d} needs {_fmt(r)} {en_w} a year" + (
        f" ({uu})." if kind in ("additions", "openings") else ".")


def _trends_meets(value, target, comparator) -> bool:
    from analysis.model import trends

    return trends.meets(value, target, comparator)


# --------------------------------------------------------------------------- composite score
def progress(values, targets, comparators=">=") -> np.ndarray:
    """Progress towards each target, capped to [0, 1] (NaN where the value is missing).

    ``>=`` targets: ``value / target``; ``<=`` targets: 1 when the value is at or
    below the target, else ``target / value``. A non-positive target counts as met
    (1) once the value meets it and 0 otherwise.
    """
    v = np.asarray(values, dtype=float)
    t = np.broadcast_to(np.asarray(targets, dtype=float), v.shape)
    c = np.broadcast_to(np.asarray(comparators, dtype=object), v.shape)
    hi = c == ">="
    with np.errstate(divide="ignore", invalid="ignore"):
        p_hi = np.where(t > 0, v / t, np.where(v >= t, 1.0, 0.0))
        p_lo = np.where(v <= t, 1.0, np.where(v > 0, t / v, 0.0))
    p = np.where(hi, p_hi, p_lo)
    p = np.clip(p, 0.0, 1.0)
    return np.where(np.isnan(v), np.nan, p)


def progress_table(values: Mapping[str, float] | pd.Series, targets: pd.DataFrame) -> pd.DataFrame:
    """Per-target progress from one value per indicator.

    Parameters
    ----------
    values : mapping or Series indicator_id -> value (e.g. the scorecard's
        ``last_value`` or a scenario's value at the deadline); missing ids give NaN.
    targets : DataFrame
        The catalogue (:func:`analysis.io.catalogue.load_targets`).

    Returns
    -------
    DataFrame with ``indicator_id, name_zh, name_en, task, sectors, target, comparator,
    value, progress`` in catalogue order.
    """
    vals = pd.Series(values, dtype="float64") if not isinstance(values, pd.Series) else values.astype(float)
    t = targets
    v = t["id"].map(vals).astype(float).to_numpy()
    out = pd.DataFrame({
        "indicator_id": t["id"].astype(str).to_numpy(),
        "name_zh": t["name_zh"].astype(str).to_numpy(),
        "name_en": t["name_en"].astype(str).to_numpy() if "name_en" in t else t["id"].astype(str).to_numpy(),
        "task": t["task"].astype(str).to_numpy() if "task" in t else "",
        "sectors": t["sectors"].astype(str).to_numpy() if "sectors" in t else "",
        "target": t["value"].astype(float).to_numpy(),
        "comparator": t["comparator"].astype(str).to_numpy(),
        "value": v,
    })
    out["progress"] = progress(v, out["target"].to_numpy(), out["comparator"].to_numpy())
    return out


def equal_weights(ids: Sequence[str]) -> dict[str, float]:
    """Weight 1 for every indicator."""
    return {str(i): 1.0 for i in ids}


def validate_weights(weights: Mapping[str, float] | None, ids: Sequence[str] | None = None, *,
                     source: str = "weights") -> pd.Series:
    """Check weights and return them as a Series over ``ids`` (missing ids get weight 1).

    Every weight must be a finite number >= 0 and the total must be positive.

    Raises
    ------
    InputError
        One problem per bad weight, or "weights must sum to a positive total".
    """
    ids = list(ids) if ids is not None else list((weights or {}).keys())
    w = equal_weights(ids)
    problems = []
    if weights is not None and not isinstance(weights, Mapping):
        raise InputError([Problem(source, None, "weights", "weights must map indicator ids to numbers")])
    for k, v in (weights or {}).items():
        col = f"weights.{k}"
        if ids and k not in w:
            problems.append(Problem(source, None, col, "not an indicator of the catalogue"))
            continue
        if not _is_num(v):
            problems.append(Problem(source, None, col, f"weight must be a finite number, got {v!r}"))
            continue
        if float(v) < 0:
            problems.append(Problem(source, None, col, f"weight must not be negative, got {float(v):g}"))
            continue
        w[str(k)] = float(v)
    if not problems and not (sum(w.values()) > 0):
        problems.append(Problem(source, None, "weights",
                                f"weights must sum to a positive total (sum is {sum(w.values()):g})"))
    if problems:
        raise InputError(problems)
    return pd.Series(w, dtype="float64")


def _groups_of(table: pd.DataFrame, by: str) -> list[list[str]]:
    if by == "indicator":
        return [[i] for i in table["indicator_id"]]
    if by == "task":
        return [[str(t) if str(t) else "—"] for t in table["task"]]
    if by == "sector":
        return [[s for s in str(x).split(";") if s.strip()] for x in table["sectors"]]
    raise ValueError(f"by must be indicator, task or sector, got {by!r}")


def _membership(table: pd.DataFrame, by: str) -> tuple[list[str], np.ndarray]:
    gl = _groups_of(table, by)
    names: list[str] = []
    for g in gl:
        for x in g:
            if x not in names:
                names.append(x)
    m = np.zeros((len(names), len(table)))
    for j, g in enumerate(gl):
        for x in g:
            m[names.index(x), j] = 1.0
    return names, m


def _scores(prog: np.ndarray, w: np.ndarray, member: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Totals and group scores for weight matrices ``w`` of shape (k, n_items)."""
    ok = ~np.isnan(prog)
    p = np.where(ok, prog, 0.0)
    wk = w * ok
    with np.errstate(invalid="ignore", divide="ignore"):
        total = (wk * p).sum(axis=-1) / wk.sum(axis=-1)
        gw = wk @ member.T
        gs = ((wk * p) @ member.T) / gw
    return total, gs


def _rank(scores: np.ndarray) -> np.ndarray:
    """Ranks (1 = best) along the last axis; ties share the better rank; NaN scores get NaN."""
    s = np.where(np.isnan(scores), -np.inf, scores)
    r = ((s[..., None, :] > s[..., :, None]).sum(axis=-1) + 1).astype(float)
    return np.where(np.isnan(scores), np.nan, r)


@dataclass
class ScoreResult:
    """The composite score.

    Attributes
    ----------
    total : float
        Weighted mean progress (0..1) over targets with a value.
    items : DataFrame
        Per target: ``indicator_id, name_zh, name_en, value, target, progress, weight,
        share`` (the normalised weight) and ``contribution`` (share x progress).
    groups : DataFrame
        Per task or sector: ``group, weight, score, rank`` (rank 1 = best).
    by : str
    n_missing : int
        Targets without a value (left out; the other weights renormalised).
    """

    total: float
    items: pd.DataFrame
    groups: pd.DataFrame
    by: str
    n_missing: int


def score(table: pd.DataFrame, weights: Mapping[str, float] | None = None, *, by: str = "task") -> ScoreResult:
    """Composite performance score (考核评分) with a ranking of tasks or sectors.

    Parameters
    ----------
    table : DataFrame
        From :func:`progress_table`.
    weights : mapping indicator_id -> weight, optional
        Equal by default; missing ids get 1. Must be >= 0 with a positive total.
    by : {"task", "sector", "indicator"}
        Grouping for the ranking. A group's score is the weighted mean progress of
        its targets; a target naming several sectors counts in each; targets naming
        no sector are left out of the sector ranking.
    """
    w = validate_weights(weights, table["indicator_id"].tolist()).reindex(table["indicator_id"]).to_numpy()
    prog = table["progress"].to_numpy(dtype=float)
    names, member = _membership(table, by)
    total, gs = _scores(prog, w[None, :], member)
    ok = ~np.isnan(prog)
    share = np.where(ok, w, 0.0) / (np.where(ok, w, 0.0).sum() or np.nan)
    items = table[["indicator_id", "name_zh", "name_en", "value", "target", "progress"]].copy()
    items["weight"] = w
    items["share"] = share
    items["contribution"] = share * np.where(ok, prog, 0.0)
    gw = (np.where(ok, w, 0.0)[None, :] * member).sum(axis=1)
    groups = pd.DataFrame({"group": names, "weight": gw, "score": gs[0], "rank": _rank(gs[0])})
    groups = groups.sort_values(["rank", "group"], kind="stable").reset_index(drop=True)
    return ScoreResult(total=float(total[0]), items=items, groups=groups, by=by, n_missing=int((~ok).sum()))


@dataclass
class SensitivityResult:
    """How the score moves when the weights are perturbed.

    Attributes
    ----------
    total : dict
        ``base, p05, p50, p95, min, max`` of the total over the perturbed weights.
    groups : DataFrame
        Per group: ``group, score, rank`` (unperturbed), ``rank_p05, rank_p95,
        rank_min, rank_max`` and ``p_rank_change`` (share of draws where the rank differs).
    one_at_a_time : DataFrame
        Per target: ``indicator_id, total_down, total_up`` (total with that weight
        alone scaled by ``1 - spread`` and ``1 + spread``) and ``swing``, largest first.
    spread, n, seed
    """

    total: dict
    groups: pd.DataFrame
    one_at_a_time: pd.DataFrame
    spread: float
    n: int
    seed: int


def sensitivity(table: pd.DataFrame, weights: Mapping[str, float] | None = None, *, by: str = "task",
                spread: float = 0.2, n: int = 500, seed: int = 0) -> SensitivityResult:
    """Perturb every weight by an independent factor drawn uniformly from
    ``[1 - spread, 1 + spread]`` (``n`` draws, seeded) and report the spread of the
    total and of each group's rank; plus a one-at-a-time view per target."""
    if not 0 <= spread < 1:
        raise InputError([Problem("weights", None, "spread", f"spread must be in [0, 1), got {spread:g}")])
    ids = table["indicator_id"].tolist()
    w = validate_weights(weights, ids).reindex(ids).to_numpy()
    prog = table["progress"].to_numpy(dtype=float)
    names, member = _membership(table, by)
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1 - spread, 1 + spread, (n, len(ids)))
    W = w[None, :] * factors
    totals, gs = _scores(prog, W, member)
    base_total, base_gs = _scores(prog, w[None, :], member)
    base_rank = _rank(base_gs[0])
    ranks = _rank(gs)
    qs = np.nanquantile(totals, [0.05, 0.5, 0.95]) if np.isfinite(totals).any() else [np.nan] * 3
    total = {"base": float(base_total[0]), "p05": float(qs[0]), "p50": float(qs[1]), "p95": float(qs[2]),
             "min": float(np.nanmin(totals)) if np.isfinite(totals).any() else float("nan"),
             "max": float(np.nanmax(totals)) if np.isfinite(totals).any() else float("nan")}
    groups = pd.DataFrame({
        "group": names, "score": base_gs[0], "rank": base_rank,
        "rank_p05": np.quantile(ranks, 0.05, axis=0), "rank_p95": np.quantile(ranks, 0.95, axis=0),
        "rank_min": ranks.min(axis=0), "rank_max": ranks.max(axis=0),
        "p_rank_change": np.where(np.isnan(base_rank), np.nan,
                                  (ranks != base_rank[None, :]).mean(axis=0)),
    }).sort_values(["rank", "group"], kind="stable").reset_index(drop=True)
    eye = np.eye(len(ids))
    down, _ = _scores(prog, w[None, :] * (1 - spread * eye), member)
    up, _ = _scores(prog, w[None, :] * (1 + spread * eye), member)
    oat = pd.DataFrame({"indicator_id": ids, "total_down": down, "total_up": up})
    oat["swing"] = (oat["total_up"] - oat["total_down"]).abs()
    oat = oat.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
    return SensitivityResult(total=total, groups=groups, one_at_a_time=oat, spread=spread, n=n, seed=seed)


# --------------------------------------------------------------------------- the questions
#: The researchers' three questions, as scenarios (answered from the data by :func:`questions`).
QUESTIONS: tuple[tuple[str, str, str, dict], ...] = (
    ("技术市场合同交易额每年增长15%(而非25%)会怎样?",
     "What if technology-contract turnover grows 15% a year instead of 25%?",
     "tech_contract_turnover", {"scenario_type": "growth", "params": {"rate": 0.15}}),
    ("每年需新认定多少家高新技术企业才能在2020年达到18家?",
     "How many enterprises must be certified high-tech each year to reach 18 by 2020?",
     "high_tech_enterprises", {"scenario_type": "certificates", "params": {}}),
    ("人口每年减少1%时,每万人发明专利拥有量目标需要什么?",
     "What does the per-10,000 patent target need if the population shrinks 1% a year?",
     "invention_patents_per_10k", {"scenario_type": "per_capita", "params": {"population_change": -0.01}}),
)
#: What each question is compared with in :func:`questions_plot`: parameter overrides of
#: the question's scenario, or ``"required"`` (the pace that meets the target exactly at
#: the deadline, :attr:`ScenarioResult.required`).
QUESTION_COMPARE: dict[str, tuple] = {
    "tech_contract_turnover": ({"rate": 0.25},),
    "high_tech_enterprises": ("required",),
    "invention_patents_per_10k": ("required",),
}


def questions(obs: pd.DataFrame | None = None, targets: pd.DataFrame | None = None, *,
              population: pd.Series | None = None, region: str = config.DEFAULT_REGION,
              lang: str = "zh", seed: int = 2019) -> pd.DataFrame:
    """Answer :data:`QUESTIONS` (those whose indicator is in the catalogue and the data).

    Returns a table ``question, answer, still_required, probability``.
    """
    rows = []
    for qa in question_results(obs, targets, population=population, region=region, lang=lang, seed=seed,
                               compare=False):
        res = qa.result
        p = res.probability
        rows.append({"question": qa.question(lang), "answer": res.sentence(lang),
                     "still_required": res.required_sentence(lang),
                     "probability": "–" if math.isnan(p) else f"{p:.0%}"})
    return pd.DataFrame(rows, columns=["question", "answer", "still_required", "probability"])


@dataclass
class QuestionAnswer:
    """One of :data:`QUESTIONS` answered from the data.

    Attributes
    ----------
    indicator_id, question_zh, question_en : str
    result : ScenarioResult
        The question's scenario (parameters the question leaves open come from the data).
    compare : list of ScenarioResult
        What it is compared with (:data:`QUESTION_COMPARE`): another parameter value, or
        the pace still required to meet the target exactly at the deadline.
    compare_kinds : list of str
        ``"required"`` or ``"alternative"``, one per ``compare`` entry.
    """

    indicator_id: str
    question_zh: str
    question_en: str
    result: ScenarioResult
    compare: list = field(default_factory=list)
    compare_kinds: list = field(default_factory=list)

    def question(self, lang: str = "zh") -> str:
        """The question in ``lang``."""
        return self.question_zh if lang == "zh" else self.question_en


#: The parameter that sets a scenario's pace (what :attr:`ScenarioResult.required` solves for).
_PACE_PARAM = {"growth": "rate", "additions": "per_year", "certificates": "new_per_year",
               "per_capita": "grants_per_year", "stock": "per_year"}


def required_params(res: ScenarioResult) -> dict | None:
    """``res``'s completed parameters with its pace set to :attr:`ScenarioResult.required`.

    Running them gives the path that meets the target at the deadline (every other
    assumption unchanged). ``None`` for trend scenarios or when nothing can be required.
    """
    key = _PACE_PARAM.get(res.scenario.scenario_type)
    r = float(res.required)
    if key is None or math.isnan(r) or (key == "rate" and res.required_kind != "growth"):
        return None
    params = dict(res.scenario.params)
    # a hair above the solution, so floating-point error cannot leave the deadline value
    # a rounding error short of the target
    params[key] = r + max(abs(r), 1.0) * 1e-9
    return params


def question_results(obs: pd.DataFrame | None = None, targets: pd.DataFrame | None = None, *,
                     population: pd.Series | None = None, region: str = config.DEFAULT_REGION,
                     lang: str = "zh", seed: int = 2019, compare: bool = True) -> list[QuestionAnswer]:
    """Run :data:`QUESTIONS` (and, with ``compare``, their comparisons) on the data.

    Questions whose indicator is not in the catalogue or has no observations in
    ``region`` (or, for per-capita questions, no population series) are left out, so
    the list may be empty for another plan's catalogue.
    """
    from analysis.io import catalogue

    targets = targets if targets is not None else catalogue.load_targets()
    if obs is None:
        from analysis.io import dataset

        obs = dataset.load_observations()
    ids = set(targets["id"])
    out: list[QuestionAnswer] = []
    for q_zh, q_en, ind, spec in QUESTIONS:
        if ind not in ids:
            continue
        sc = Scenario(indicator_id=ind, region=region, seed=seed, lang=lang, **spec)
        pop = population
        if sc.scenario_type == "per_capita" and pop is None:
            try:
                from analysis.io import dataset

                pop = dataset.load_population(region)
            except (KeyError, FileNotFoundError, InputError):
                continue
        h = history_for(obs, region, ind)
        if h.empty:
            continue
        meta = catalogue.target(targets, ind)
        res = run(sc, h, meta, population=pop)
        qa = QuestionAnswer(ind, q_zh, q_en, res)
        for c in (QUESTION_COMPARE.get(ind, ()) if compare else ()):
            if c == "required":
                # solve on the completed (saved, rounded) parameters the comparison runs with
                again = run(Scenario(indicator_id=ind, scenario_type=sc.scenario_type, params=res.scenario.params,
                                     region=region, seed=seed, lang=lang), h, meta, population=pop)
                params = required_params(again)
            else:
                params = {**res.scenario.params, **dict(c)}
            if params is None:
                continue
            other = Scenario(indicator_id=ind, scenario_type=sc.scenario_type, params=params, region=region,
                             seed=seed, lang=lang)
            qa.compare.append(run(other, h, meta, population=pop))
            qa.compare_kinds.append("required" if c == "required" else "alternative")
        out.append(qa)
    return out


def latest_values(obs: pd.DataFrame, region: str = config.DEFAULT_REGION, *,
                  as_of: int | None = None) -> pd.Series:
    """Each indicator's latest observed value in ``region`` (district-level rows), the
    "latest values" basis of the composite score."""
    d = obs.loc[(obs["region"] == region) & obs["value"].notna()]
    if "sector" in d.columns and len(d):
        blank = d["sector"].isna() | (d["sector"].astype(str).str.strip() == "")
        if blank.any():
            d = d.loc[blank]
    if as_of is not None:
        d = d.loc[d["year"].astype(int) <= int(as_of)]
    return d.sort_values("year", kind="stable").groupby("indicator_id")["value"].last().astype(float)


# --------------------------------------------------------------------------- plots
#: Colours of the scenario charts (Okabe-Ito, as :mod:`analysis.viz.style`).
_C_HISTORY, _C_PATH, _C_COMPARE, _C_TARGET, _C_NEUTRAL = "#000000", "#0072B2", "#009E73", "#D55E00", "#555555"
_C_NEW, _C_RENEWALS, _C_EXPIRIES, _C_INFERRED = "#009E73", "#8FD1BB", "#E69F00", "#BBBBBB"

_PLOT_TEXT = {
    "zh": {"history": "实际值", "path": "情景路径", "band": "80%区间", "target": "目标", "deadline": "期限",
           "reached": "达标年份", "year": "年份", "prob": "按期达标概率", "recent": "近年速度",
           "required": "所需速度", "new": "新认定", "renewals": "到期重新认定", "expiries": "到期失效",
           "inferred": "认定(由存量推算)", "score": "得分(完成进度,%)", "rank": "排名(1为最好)",
           "total": "总分", "total_range": "权重扰动下5–95%", "rank_p90": "排名5–95%", "rank_minmax": "排名最小–最大",
           "p_change": "排名变动概率", "rank_base": "排名(原权重)", "by_task": "按任务", "by_sector": "按产业", "by_indicator": "按指标",
           "no_data": "无数据", "task": "任务{g}", "all": "全部",
           "score_title": "考核评分(各目标最新值,等权重):总分{total}(权重扰动下5–95%:{p05}–{p95})",
           "rank_title": "权重各乘以[{lo}, {hi}]内的随机因子,{n}次抽样",
           "questions_title": "情景问答"},
    "en": {"history": "observed", "path": "scenario path", "band": "80% band", "target": "target",
           "deadline": "deadline", "reached": "year reached", "year": "year",
           "prob": "probability of meeting the target on time", "recent": "recent pace",
           "required": "required pace", "new": "new certifications", "renewals": "renewals",
           "expiries": "expiring", "inferred": "issued (inferred from the stock)",
           "score": "score (progress to target, %)", "rank": "rank (1 = best)", "total": "total",
           "total_range": "5–95% under weight noise", "rank_p90": "rank 5–95%", "rank_minmax": "rank min–max",
           "p_change": "probability the rank changes",
           "rank_base": "rank (weights as set)", "by_task": "by task", "by_sector": "by sector",
           "by_indicator": "by target", "no_data": "no data", "task": "task {g}", "all": "all",
           "score_title": "Composite score (latest values, equal weights): total {total} "
                          "(5–95% under weight noise: {p05}–{p95})",
           "rank_title": "every weight times a random factor in [{lo}, {hi}], {n} draws",
           "questions_title": "Scenario questions"},
}


def _check_plot_lang(lang: str) -> None:
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")


def _plot_setup(lang: str):
    _check_plot_lang(lang)
    try:
        from analysis.viz import style
    except ImportError:  # pragma: no cover - style is part of the package
        return None
    style.apply(lang)
    return style


def _plot_provenance(provenance: Mapping | None) -> dict:
    """The provenance to stamp with (default: the bundled monitoring data's)."""
    if provenance is not None:
        return dict(provenance)
    try:
        from analysis.io import dataset

        return dict(dataset.provenance())
    except Exception:  # noqa: BLE001 - a caption must not stop a plot
        return {"illustrative": False, "source_zh": "", "source_en": ""}


def _plot_stamp(fig_or_ax, provenance: Mapping | None, lang: str, as_of: int | None) -> None:
    prov = _plot_provenance(provenance)
    illustrative = bool(prov.get("illustrative", False))
    source = str(prov.get("source_zh" if lang == "zh" else "source_en", "") or "")
    try:
        from analysis.viz import style
    except ImportError:  # pragma: no cover
        style = None
    if style is not None:
        style.stamp(fig_or_ax, illustrative=illustrative, source=source, as_of=as_of, lang=lang)
        return
    if illustrative:  # pragma: no cover - only without analysis.viz.style
        from analysis import vocab

        fig = fig_or_ax if hasattr(fig_or_ax, "savefig") else fig_or_ax.figure
        fig.text(0.99, 0.005, vocab.ILLUSTRATIVE_STAMP, ha="right", va="bottom", color="#B2182B",
                 fontsize=8, gid="analysis-illustrative")


def _text_width(ch: str) -> float:
    """Width of a character in ems (CJK and full-width forms 1, the rest about half)."""
    o = ord(ch)
    return 1.0 if (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF
                   or 0x3000 <= o <= 0x303F) else 0.55


def _wrap(text: str, width_em: float) -> str:
    """Wrap ``text`` to lines of about ``width_em`` ems: at spaces for English; for Chinese
    after punctuation where possible, never inside a number or a Latin word."""
    out_lines: list[str] = []
    for para in str(text).split("\n"):
        line, w = "", 0.0
        tokens = re.findall(r"[A-Za-z0-9.,%'’\-–/()]+ ?|\s|.", para)
        for tok in tokens:
            tw = sum(_text_width(c) for c in tok)
            if w + tw > width_em and line.strip():
                # Chinese: prefer to break after the last punctuation mark of the line
                cut = max(line.rfind(c) for c in ",,。;;、")
                if cut >= 0 and cut >= len(line) * 0.6 and not line.endswith(" "):
                    out_lines.append(line[:cut + 1].rstrip())
                    line = line[cut + 1:]
                else:
                    out_lines.append(line.rstrip())
                    line = ""
                line = line.lstrip()
                w = sum(_text_width(c) for c in line)
                if not tok.strip():
                    continue
            line += tok
            w += tw
        if line.strip():
            out_lines.append(line.rstrip())
    return "\n".join(out_lines)


def _subtitle(ax, title: str, subtitle: str, *, fontsize: float = 8.0, title_size: float | None = None,
              width_in: float | None = None) -> None:
    """The title with a wrapped, smaller subtitle between it and the axes (gid ``answer``)."""
    fig = ax.figure
    if width_in is None:
        width_in = ax.get_position().width * fig.get_figwidth()
    wrapped = _wrap(subtitle, width_in * 72.0 / fontsize * 0.97) if subtitle else ""
    n = wrapped.count("\n") + 1 if wrapped else 0
    if wrapped:
        ax.annotate(wrapped, xy=(0, 1), xycoords="axes fraction", xytext=(0, 5), textcoords="offset points",
                    ha="left", va="bottom", fontsize=fontsize, color="#222222", linespacing=1.35,
                    gid="answer", annotation_clip=False)
    pad = 5 + n * fontsize * 1.42 + 4 if n else 6
    ax.set_title(title, loc="left", pad=pad, **({"fontsize": title_size} if title_size else {}))


def _pace_label(res: ScenarioResult, lang: str) -> str:
    """A short legend label for a scenario's pace ("每年增长15%", "12.3 new certifications a year")."""
    p, t, u = res.scenario.params, res.scenario.scenario_type, res.unit
    zh = lang == "zh"
    if t == "growth":
        r = float(p["rate"])
        if zh:
            return f"每年增长{_pct(r)}" if r >= 0 else f"每年下降{_pct(-r)}"
        return f"{_pct(r)} a year" if r >= 0 else f"falling {_pct(-r)} a year"
    if t == "additions":
        a = float(p["per_year"])
        return f"每年新增{_fmt(a)}{u}" if zh else f"{_fmt(a)} {u} more a year"
    if t == "certificates":
        n = float(p["new_per_year"])
        return f"每年新认定{_fmt(n)}家" if zh else f"{_fmt(n)} new certifications a year"
    if t == "per_capita":
        g = float(p["grants_per_year"])
        return f"每年新增授权{_fmt(g)}件" if zh else f"{_fmt(g)} new grants a year"
    if t == "stock":
        a = float(p["per_year"])
        return f"每年新增{_fmt(a)}{u}" if zh else f"{_fmt(a)} {u} opened a year"
    return "当前趋势" if zh else "current trend"


def _reached_value(res: ScenarioResult) -> float | None:
    if res.year_reached is None:
        return None
    years = np.r_[res.history.index.to_numpy(dtype=int), res.years.astype(int)]
    vals = np.r_[res.history.to_numpy(dtype=float), res.path]
    hit = np.nonzero(years == int(res.year_reached))[0]
    return float(vals[hit[-1]]) if len(hit) else None


def _draw_path(ax, res: ScenarioResult, *, color: str, label: str, band: bool, suffix: str = "",
               linestyle="--", band_label: str | None = None, reached_label: str | None = None) -> None:
    """The scenario path (from the latest observation on), its 80 % band and the reached marker."""
    x = np.r_[res.last_year, res.years.astype(int)]
    if band:
        ax.fill_between(x, np.r_[res.last_value, res.lower], np.r_[res.last_value, res.upper], color=color,
                        alpha=0.18, linewidth=0, label=band_label or "_nolegend_", gid="band" + suffix, zorder=2)
    ax.plot(x, np.r_[res.last_value, res.path], color=color, linestyle=linestyle, marker="o", markersize=3,
            linewidth=1.6, label=label, gid="path" + suffix, zorder=4)
    yv = _reached_value(res)
    if yv is not None:
        ax.plot([res.year_reached], [yv], linestyle="none", marker="*", markersize=9 if suffix else 12, color=color,
                markeredgecolor="#000000", markeredgewidth=0.6, label=reached_label or "_nolegend_",
                gid="reached" + suffix, zorder=6)


def _certificate_bars(ax, res: ScenarioResult, lang: str) -> None:
    """Certificates issued (new, renewed; inferred from the stock for observed years) as bars
    above zero and expiring certificates below, year by year, for ``res``'s scenario."""
    T = _PLOT_TEXT[lang]
    p = res.scenario.params
    validity = int(p.get("validity") or 3)
    coh = {int(y): float(v) for y, v in (p.get("cohorts") or {}).items()}
    first = int(res.history.index[0])
    w = 0.34
    if coh:
        hist = certificate_flows(coh, res.last_year, validity=validity)
        hist = hist.loc[hist.index >= first]
        ax.bar(hist.index, hist["issued"], width=w, color=_C_INFERRED, edgecolor="none", label=T["inferred"],
               gid="issued_inferred", zorder=1)
        ax.bar(hist.index, -hist["expiries"], width=w, color=_C_EXPIRIES, edgecolor="none", alpha=0.8,
               label=T["expiries"], gid="expiries_observed", zorder=1)
    f = res.flows
    if f is None or f.empty:
        return
    yrs = f.index.to_numpy(dtype=int)
    ax.bar(yrs, f["new"], width=w, color=_C_NEW, edgecolor="none", alpha=0.55, label=T["new"], gid="new", zorder=1)
    ax.bar(yrs, f["renewals"], bottom=f["new"], width=w, color=_C_RENEWALS, edgecolor="none", alpha=0.8,
           label=T["renewals"], gid="renewals", zorder=1)
    ax.bar(yrs, -f["expiries"], width=w, color=_C_EXPIRIES, edgecolor="none", alpha=0.8,
           label="_nolegend_" if coh else T["expiries"], gid="expiries", zorder=1)
    ax.axhline(0, color="#333333", linewidth=0.6, zorder=1)


def _scenario_axes(ax, res: ScenarioResult, lang: str, *, compare: Sequence[ScenarioResult] = (),
                   labels: Sequence[str] | None = None, title: str | None = None, subtitle: str | None = None,
                   legend_outside: bool = False, flows: bool = False) -> None:
    from matplotlib.ticker import MaxNLocator

    T = _PLOT_TEXT[lang]
    h = res.history
    labels = list(labels) if labels is not None else [_pace_label(r, lang) for r in (res, *compare)]
    if flows and res.scenario.scenario_type == "certificates":
        _certificate_bars(ax, compare[0] if compare else res, lang)
    ax.plot(h.index.to_numpy(dtype=int), h.to_numpy(dtype=float), color=_C_HISTORY, marker="o", markersize=4,
            linewidth=1.6, label=T["history"], gid="history", zorder=5)
    _draw_path(ax, res, color=_C_PATH, label=labels[0], band=True, band_label=T["band"],
               reached_label=T["reached"])
    styles = ["-.", ":", (0, (5, 1))]
    for i, (other, lab) in enumerate(zip(compare, labels[1:])):
        _draw_path(ax, other, color=(_C_COMPARE, _C_NEUTRAL, "#CC79A7")[i % 3], label=lab, band=False,
                   suffix=f"-compare{i}" if i else "-compare", linestyle=styles[i % 3])
    comp = "≥" if res.comparator == ">=" else "≤"
    unit_sep = "" if lang == "zh" else " "
    ax.axhline(res.target, color=_C_TARGET, linestyle="--", linewidth=1.2, gid="target", zorder=3,
               label=f"{T['target']} {comp}{_fmt(res.target)}{unit_sep}{res.unit}")
    ax.axvline(res.deadline, color=_C_NEUTRAL, linestyle=":", linewidth=1.0, gid="deadline", zorder=3,
               label=f"{T['deadline']} {res.deadline}")
    end = int(res.years[-1]) if len(res.years) else res.last_year
    ax.set_xlim(int(h.index[0]) - 0.6, end + 0.6)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.ticklabel_format(axis="x", useOffset=False, style="plain")
    ax.set_xlabel(T["year"])
    ax.set_ylabel(res.unit)
    lo = min(0.0, ax.get_ylim()[0])
    ax.set_ylim(bottom=lo)
    if legend_outside:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False, borderaxespad=0)
    else:
        ax.legend(loc="upper left", fontsize=7.5, ncols=2, frameon=False)
    name = res.name_zh if lang == "zh" else (res.name_en or res.scenario.indicator_id)
    _subtitle(ax, title if title is not None else name, res.sentence(lang) if subtitle is None else subtitle)


def scenario_plot(result: ScenarioResult, *, lang: str = "zh", ax=None, compare: Sequence[ScenarioResult] = (),
                  provenance: Mapping | None = None):
    """One scenario: history, the scenario path with its 80 % band, the target, the deadline,
    the year the target is reached, and the one-sentence answer as the subtitle.

    Parameters
    ----------
    result : ScenarioResult
        From :func:`run` or :func:`run_for`.
    lang : {"zh", "en"}
        Language of the title, legend, axes and the answer sentence.
    ax : Axes, optional
    compare : sequence of ScenarioResult, optional
        Other paths for the same indicator, drawn without a band (e.g. another growth rate).
    provenance : dict, optional
        ``illustrative``, ``source_zh``, ``source_en`` for the caption line
        (:func:`analysis.io.dataset.provenance`; default: the bundled monitoring data's, which
        are illustrative, so the figure is stamped "示例数据 / illustrative data").

    Returns
    -------
    Axes
        Artists carry gids: ``history`` (observed line), ``path`` (the path, starting at
        the latest observation), ``band`` (80 % band, also anchored at the latest
        observation), ``target`` (horizontal line), ``deadline`` (vertical line),
        ``reached`` (star at the year reached; absent when never reached), ``answer``
        (the subtitle); compared paths ``path-compare``, ``path-compare1``, ...
    """
    st = _plot_setup(lang)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=getattr(st, "FIGSIZE", (7.2, 4.4)), layout="constrained")
    _scenario_axes(ax, result, lang, compare=compare)
    _plot_stamp(ax, provenance, lang, result.last_year)
    return ax


def _question_subtitle(qa: QuestionAnswer, lang: str) -> str:
    res = qa.result
    parts = [res.sentence(lang)]
    parts += [c.sentence(lang) for c, k in zip(qa.compare, qa.compare_kinds) if k == "alternative"]
    parts.append(res.required_sentence(lang))
    p = res.probability
    if not math.isnan(p):
        parts.append(f"{_PLOT_TEXT['zh']['prob']}{p:.0%}。" if lang == "zh"
                     else f"Probability of meeting it in {res.deadline}: {p:.0%}.")
    return ("" if lang == "zh" else " ").join(parts)


def questions_plot(answers: Sequence[QuestionAnswer], *, lang: str = "zh", axes=None,
                   provenance: Mapping | None = None):
    """Small multiples answering the researchers' questions (:func:`question_results`).

    One panel per question, titled with the question, the computed answer as subtitle
    (the scenario's sentence, the compared path's, what is still required per year and
    the probability of meeting the target on time):

    * growth (technology-contract turnover): the question's rate (15 %) with its 80 %
      band against the compared rate (25 %) and the target;
    * certificates (high-tech enterprises): the stock at the recent pace of new
      certifications against the pace required to reach the target by the deadline,
      with that scenario's flows as bars: new certifications and renewals above zero,
      certificates expiring after three years below (grey: issued, inferred from the
      observed stock);
    * per capita (invention patents per 10,000): the recent pace of grants with the
      shrinking population against the required pace.

    Parameters
    ----------
    answers : sequence of QuestionAnswer
    lang : {"zh", "en"}
    axes : sequence of Axes, optional
        One per answer (default: a new figure, one row per answer).
    provenance : dict, optional
        As in :func:`scenario_plot`.

    Returns
    -------
    ndarray of Axes
        One per answer, with the gids of :func:`scenario_plot`; certificate panels add
        bars ``new``, ``renewals``, ``expiries`` and ``issued_inferred``.
    """
    st = _plot_setup(lang)
    answers = list(answers)
    if not answers:
        raise ValueError("no answered question to plot (see question_results)")
    if axes is None:
        import matplotlib.pyplot as plt

        width = getattr(st, "FIGSIZE", (7.2, 4.4))[0]
        fig, axes = plt.subplots(len(answers), 1, figsize=(width, 2.95 * len(answers) + 0.2), squeeze=False,
                                 layout="constrained")
        axes = axes[:, 0]
        fig.get_layout_engine().set(h_pad=0.12, hspace=0.06)
    axes = np.asarray(axes, dtype=object).ravel()
    if len(axes) != len(answers):
        raise ValueError(f"need one Axes per answer: {len(answers)} answers, {len(axes)} axes")
    T = _PLOT_TEXT[lang]
    for ax, qa in zip(axes, answers):
        res = qa.result
        labels = [_pace_label(res, lang)] + [_pace_label(c, lang) for c in qa.compare]
        if "required" in qa.compare_kinds:
            sep = ":" if lang == "zh" else ": "
            labels[0] = f"{T['recent']}{sep}{labels[0]}"
            labels[1:] = [f"{T['required']}{sep}{lab}" if k == "required" else lab
                          for lab, k in zip(labels[1:], qa.compare_kinds)]
        # the legend sits to the right of the axes: the text column is narrower than the axes
        _scenario_axes(ax, res, lang, compare=qa.compare, labels=labels, title=qa.question(lang),
                       subtitle=_question_subtitle(qa, lang), legend_outside=True, flows=True)
    _plot_stamp(axes[0], provenance, lang, max(qa.result.last_year for qa in answers))
    return axes


def _group_label(group: str, by: str, lang: str, names: Mapping[str, str] | None) -> str:
    if names and group in names:
        return str(names[group])
    if by == "task":
        return _PLOT_TEXT[lang]["all"] if group == "—" else _PLOT_TEXT[lang]["task"].format(g=group)
    return str(group)


def _sector_names(lang: str) -> dict:
    try:
        from analysis.io import catalogue

        ent = catalogue.load_entities()
    except Exception:  # noqa: BLE001 - names are a nicety; ids are shown without them
        return {}
    col = "name_zh" if lang == "zh" else "name_en"
    if "entity_id" not in ent or col not in ent:
        return {}
    return {str(i): str(n) for i, n in zip(ent["entity_id"], ent[col]) if str(n)}


def score_sensitivity_plot(sens, *, lang: str = "zh", axes=None, by: str = "task",
                           names: Mapping[str, Mapping[str, str] | str] | None = None,
                           provenance: Mapping | None = None, as_of: int | None = None):
    """The composite score (考核评分) by task or sector and each group's rank range when the
    weights are perturbed (:func:`sensitivity`).

    Left: each group's score (weighted mean progress, %) as a bar, the total as a dashed
    line with its 5-95 % range under weight noise shaded. Right: the rank without noise
    (dot), its 5-95 % range over the draws (thick line), min-max (thin line) and the
    probability that the rank changes (text, when above 0).

    Parameters
    ----------
    sens : SensitivityResult or mapping {"task" | "sector" | "indicator": SensitivityResult}
        A mapping draws one row per grouping (in its order).
    lang : {"zh", "en"}
    axes : array of Axes, optional
        Shape (rows, 2): score and rank panel per row (default: a new figure).
    by : {"task", "sector", "indicator"}
        Grouping of a single ``sens`` (for its labels).
    names : mapping, optional
        Display names of groups: ``{group: name}`` or ``{by: {group: name}}``
        (default: "任务N" / "task N"; sector names from the plan's entities).
    provenance : dict, optional
        As in :func:`scenario_plot`.
    as_of : int, optional
        Year of the data, for the caption.

    Returns
    -------
    ndarray of Axes, shape (rows, 2)
        Score panel gids: ``score-<by>`` (bars, in rank order from the top), ``total``,
        ``total_range``; rank panel: ``rank-<by>`` (dots), ``rank_range-<by>`` and
        ``rank_minmax-<by>`` (line collections, one segment per group).
    """
    st = _plot_setup(lang)
    rows = list(sens.items()) if isinstance(sens, Mapping) else [(by, sens)]
    if not rows:
        raise ValueError("nothing to plot: no sensitivity result")
    T = _PLOT_TEXT[lang]
    sizes = [len(s.groups) for _, s in rows]
    if axes is None:
        import matplotlib.pyplot as plt

        width = getattr(st, "FIGSIZE", (7.2, 4.4))[0]
        fig, axes = plt.subplots(len(rows), 2, figsize=(width, sum(0.24 * n + 0.95 for n in sizes) + 0.5),
                                 squeeze=False, width_ratios=(1.6, 1.0), sharey="row", layout="constrained",
                                 gridspec_kw={"height_ratios": [max(n, 1) + 3.0 for n in sizes]})
    axes = np.asarray(axes, dtype=object).reshape(len(rows), 2)
    first = rows[0][1]
    tot = first.total
    for (grouping, s), (ax_s, ax_r) in zip(rows, axes):
        g = s.groups
        gnames = names.get(grouping, names) if isinstance(names, Mapping) and grouping in names else names
        if gnames is None and grouping == "sector":
            gnames = _sector_names(lang)
        n = len(g)
        y = np.arange(n)[::-1].astype(float)
        score = g["score"].to_numpy(dtype=float) * 100
        ok = ~np.isnan(score)
        ax_s.barh(y, np.where(ok, score, 0.0), height=0.62, color=_C_PATH, alpha=0.85, edgecolor="none",
                  gid=f"score-{grouping}", zorder=2)
        for yi, v in zip(y, score):
            ax_s.text((0 if np.isnan(v) else v) + 1.5, yi, T["no_data"] if np.isnan(v) else f"{v:.0f}%",
                      va="center", ha="left", fontsize=7, color=_C_NEUTRAL, zorder=3)
        ax_s.axvspan(tot["p05"] * 100, tot["p95"] * 100, color=_C_TARGET, alpha=0.15, linewidth=0,
                     gid="total_range", label=T["total_range"], zorder=1)
        ax_s.axvline(tot["base"] * 100, color=_C_TARGET, linestyle="--", linewidth=1.2, gid="total",
                     label=f"{T['total']} {tot['base']:.1%}", zorder=4)
        ax_s.set_xlim(0, 112)
        ax_s.set_ylim(-0.7, n - 0.3)
        ticks = [_group_label(str(x), grouping, lang, gnames) for x in g["group"]]
        if lang == "en":  # long English sector names on two lines
            import textwrap

            ticks = ["\n".join(textwrap.wrap(t, 34)) or t for t in ticks]
        ax_s.set_yticks(y, ticks)
        ax_s.tick_params(axis="y", labelsize=7.5)
        ax_s.set_xlabel(T["score"])
        ax_s.grid(True, axis="x", color="#DDDDDD", linewidth=0.6)
        ax_s.grid(False, axis="y")
        ax_s.set_title(T[f"by_{grouping}"] if f"by_{grouping}" in T else str(grouping), loc="left")
        # rank panel
        r = g["rank"].to_numpy(dtype=float)
        rk = ~np.isnan(r)
        ax_r.hlines(y[rk], g["rank_min"].to_numpy(dtype=float)[rk], g["rank_max"].to_numpy(dtype=float)[rk],
                    color="#999999", linewidth=1.0, gid=f"rank_minmax-{grouping}", label=T["rank_minmax"])
        ax_r.hlines(y[rk], g["rank_p05"].to_numpy(dtype=float)[rk] - 0.12,
                    g["rank_p95"].to_numpy(dtype=float)[rk] + 0.12, color=_C_PATH, linewidth=4.5, alpha=0.45,
                    gid=f"rank_range-{grouping}", label=T["rank_p90"])
        ax_r.scatter(r[rk], y[rk], s=18, color=_C_HISTORY, zorder=3, gid=f"rank-{grouping}", label=T["rank_base"])
        pc = g["p_rank_change"].to_numpy(dtype=float)
        top = max(np.nanmax(g["rank_max"].to_numpy(dtype=float)) if rk.any() else 1.0, 2.0)
        for yi, p in zip(y, pc):
            if p > 0:
                ax_r.text(top + 0.9, yi, f"{p:.0%}", va="center", ha="left", fontsize=7, color=_C_NEUTRAL)
        ax_r.set_xlim(0.4, top + 2.4)
        from matplotlib.ticker import MaxNLocator

        ax_r.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax_r.set_xlabel(T["rank"])
        ax_r.grid(True, axis="x", color="#EEEEEE", linewidth=0.6)
        ax_r.grid(False, axis="y")
        ax_r.tick_params(axis="y", left=False, labelleft=False)
        ax_r.set_title(f"{T['rank']} · {T['p_change']}" if pc[~np.isnan(pc)].any() else T["rank"],
                       loc="left", fontsize=8.5)
    fig = axes[0, 0].figure
    # legends in the first row only, where the rank order leaves room: bars shorten towards
    # the bottom of the score panel, ranks grow towards its right
    axes[0, 0].legend(loc="lower right", fontsize=7, frameon=True, facecolor="white", edgecolor="none",
                      framealpha=0.9)
    axes[0, 1].legend(loc="upper right", fontsize=7, frameon=True, facecolor="white", edgecolor="none",
                      framealpha=0.9)
    head = T["score_title"].format(total=f"{tot['base']:.1%}", p05=f"{tot['p05']:.1%}", p95=f"{tot['p95']:.1%}")
    sub = T["rank_title"].format(lo=f"{1 - first.spread:g}", hi=f"{1 + first.spread:g}", n=first.n)
    fig.suptitle(f"{head}\n{sub}", x=0.01, ha="left", fontsize=9.5, linespacing=1.4)
    _plot_stamp(fig, provenance, lang, as_of)
    return axes
