"""Stock-flow building blocks of the scenario engine (pure numpy, vectorised over paths).

Compound and additive paths, a stock with inflows and proportional outflows (lapsed
patents, closed platforms), a population path, and the certificate model: a stock of
certificates valid ``validity`` years (new certifications + renewals − expiries).
"""

from __future__ import annotations

import re
from typing import Mapping

import numpy as np
import pandas as pd

from analysis.model import trends

__all__ = ["CERTIFICATE_VALIDITY", "compound_path", "additions_path", "stock_flow", "population_path",
           "certificate_validity", "infer_cohorts", "certificate_flows"]

#: Indicators that are stocks of time-limited certificates, with the validity in years.
#: China's high-tech enterprise certificates are valid for three years
#: (高新技术企业认定管理办法, 2016, art. 9). Other catalogues: a note saying
#: "valid for N years" also switches the model on (:func:`certificate_validity`).
CERTIFICATE_VALIDITY: dict[str, int] = {"high_tech_enterprises": 3}

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



