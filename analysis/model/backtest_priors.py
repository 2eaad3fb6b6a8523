"""The pooled (empirical-Bayes) prior of the automatic rule (issue 16): per kind of indicator, the
typical yearly residual scale of the real series, learned leaving the forecast series out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.model import forecast as fc
from analysis.model.backtest_corpus import _is_real

__all__ = [
    "PRIOR_GRID", "PRIOR_NU0", "PRIOR_MIN_SERIES", "series_scales", "learn_priors",
]

#: Prior degrees of freedom ``(nu0, nu0_long)`` compared by :func:`select_prior`: for 2-point
#: calls and from 3 points (0: no pooled prior; ``(0, 0)`` is the rule before issue 16), and the
#: pair chosen by its nested leave-one-series-out back-test.
PRIOR_GRID: tuple[tuple, ...] = ((0.0, 0.0, "level"), (1.0, 0.0, "level"), (2.0, 0.0, "level"),
                                 (4.0, 0.0, "level"), (8.0, 0.0, "level"), (16.0, 0.0, "level"),
                                 (32.0, 0.0, "level"), (8.0, 2.0, "level"), (8.0, 8.0, "level"))
PRIOR_NU0: tuple = (32.0, 0.0, "level")
#: A kind needs this many real series for a prior of its own (else the pooled ``all``).
PRIOR_MIN_SERIES = 4


def series_scales(series: list[dict]) -> pd.DataFrame:
    """Per series (>= 3 points): kind and the yearly residual scale of the additive drift relative
    to the mean level (``drift``) and of the log drift in log units (``logdrift``; NaN unless
    positive) - the same estimate :mod:`analysis.model.forecast` uses, on the whole series."""
    rows = []
    for i, s in enumerate(series):
        t, y = np.asarray(s["years"], float), np.asarray(s["values"], float)
        if len(y) < fc.MIN_POINTS:
            continue
        row = dict(series=i, source=s["source"], kind=s["kind"])
        for name, log in (("drift", False), ("logdrift", True)):
            if log and not np.all(y > 0):
                row[name] = row[name + "_change"] = np.nan
                continue
            z = np.log(y) if log else y
            g, D = np.diff(t), np.diff(z)
            d = (z[-1] - z[0]) / (t[-1] - t[0])
            sc = np.sqrt(np.sum((D - d * g) ** 2 / g) / (len(y) - 2))
            ref = 1.0 if log else np.mean(np.abs(y))
            row[name] = sc / ref if ref > 0 and sc > 0 else np.nan
            chg = np.mean(np.abs(D) / g)                   # the mean yearly change
            row[name + "_change"] = sc / chg if chg > 0 and sc > 0 else np.nan
        rows.append(row)
    return pd.DataFrame(rows, columns=["series", "source", "kind", "drift", "logdrift", "drift_change",
                                       "logdrift_change"])


def _nu_pair(nu0) -> tuple[float, float]:
    return (float(nu0[0]), float(nu0[1])) if isinstance(nu0, (tuple, list)) else (float(nu0), float(nu0))


def _prior_spec(spec) -> tuple[float, float, str]:
    """``(nu0, nu0_long, ref)`` from a grid entry: a number, a pair or a triple."""
    if isinstance(spec, (tuple, list)) and len(spec) == 3:
        return float(spec[0]), float(spec[1]), str(spec[2])
    return (*_nu_pair(spec), "level")


def learn_priors(scales: pd.DataFrame, nu0, exclude=()) -> dict:
    """The pooled (empirical-Bayes) prior of the automatic rule from the real series' scales.

    Per kind, the geometric mean of the real series' residual scales (``drift`` relative to the
    level, ``logdrift`` in log units); a kind with fewer than :data:`PRIOR_MIN_SERIES` real series
    uses the pooled ``all``. ``nu0``: ``(nu0, nu0_long, ref)``, ``(nu0, nu0_long)`` or one number
    for both (``ref`` ``"level"``: scales relative to the mean level; ``"change"``: to the mean
    yearly change). ``exclude``: series ids left out (the held-out series).
    """
    nu0, nu0_long, ref = _prior_spec(nu0)
    sfx = "_change" if ref == "change" else ""
    sc = scales[scales["source"].map(_is_real) & ~scales["series"].isin(list(exclude))]
    out = {"nu0": nu0, "nu0_long": nu0_long, "ref": ref, "scale": {}, "n_series": {}}

    def gm(x):
        x = x[np.isfinite(x) & (x > 0)]
        return float(np.exp(np.mean(np.log(x)))) if len(x) else float("nan")

    out["scale"]["all"] = {m: round(gm(sc[m + sfx].to_numpy(float)), 6) for m in ("drift", "logdrift")}
    out["n_series"]["all"] = int(len(sc))
    for kind, g in sc.groupby("kind", sort=True):
        if len(g) >= PRIOR_MIN_SERIES:
            out["scale"][kind] = {m: round(gm(g[m + sfx].to_numpy(float)), 6) for m in ("drift", "logdrift")}
            out["n_series"][kind] = int(len(g))
    return out
