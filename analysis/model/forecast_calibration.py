"""The forecast's calibration file: where it is, how it is read, the per-horizon factors and the
recalibration of the automatic rule's probability.

:mod:`analysis.model.backtest` learns per horizon a factor ``c_h >= 1`` multiplying the predictive
scale of every model, the pooled prior of the automatic rule and (issue 16) a map of its
probability of meeting a target (:func:`recalibrate`); they live in
``analysis/model/calibration.json``, read here (cached by path and modification time).
"""

from __future__ import annotations

import errno
import json
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import special

__all__ = ["calibration_path", "load_calibration", "recalibrate", "RECAL_TERMS", "RECAL_SHORT_POINTS",
           "LOW_INFORMATION_MAX"]

#: The terms of the probability map (see :func:`recalibrate`), in the calibration file's
#: ``"recalibration"`` entry: a shift of the log-odds, its change per year of horizon beyond
#: the first, its change for a 2-point (low-information) call and its change for a call from a
#: short series (at most :data:`RECAL_SHORT_POINTS` points).
RECAL_TERMS: tuple[str, ...] = ("shift", "per_year", "low_information", "short")
#: A call from at most this many known points is "short" for the map's ``short`` term: the
#: back-test report's split of the calls by points known (2, 3-5, 6+), not a tuned threshold.
RECAL_SHORT_POINTS = 5
#: A call from 2 known points (one change: "low information") is never a confident call: the map keeps
#: its probability within [1 - LOW_INFORMATION_MAX, LOW_INFORMATION_MAX], just inside the back-test's
#: confident calls (p >= 0.9 or <= 0.1). One change cannot tell a trend from a shock (China's surveyed
#: unemployment rate, 5.1 % in 2021 and 5.6 % in 2022, 5.2 % in 2025), whatever the pooled prior says
#: about the noise; on the corpus the bound removes every confident wrong 2-point call and gains Brier
#: and log score (docs/forecast.md, section 10).
LOW_INFORMATION_MAX = 0.89


def calibration_path() -> Path:
    """The committed calibration factors (``analysis/calibration.json``)."""
    return Path(__file__).resolve().parent / "calibration.json"


@lru_cache(maxsize=4)
def _load_calibration_cached(path: str, mtime: int) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def load_calibration(path: str | Path | None = None) -> dict:
    """The calibration factors, ``{"factors": {method: [c_1, c_2, ...]}, ...}``.

    Raises
    ------
    FileNotFoundError
        When the file does not exist: intervals would silently be uncalibrated (an install
        without the package data). Pass ``calibrate=False`` to :func:`fit` for raw intervals.
    """
    p = Path(path) if path is not None else calibration_path()
    if not p.is_file():
        raise FileNotFoundError(
            errno.ENOENT, "forecast calibration file missing; reinstall the package "
            "(its wheel must contain analysis/model/calibration.json) or run "
            "`python -m analysis backtest --refit`", str(p))
    return _load_calibration_cached(str(p), p.stat().st_mtime_ns)


def _factors(method: str, horizons: np.ndarray, calibration: dict | None) -> np.ndarray:
    """Scale factors for integer horizons (years ahead); 1 when uncalibrated."""
    h = np.asarray(horizons, dtype=float)
    if not calibration:
        return np.ones_like(h)
    table = calibration.get("factors", {})
    f = table.get(method) or table.get("auto")
    if not f:
        return np.ones_like(h)
    f = np.maximum.accumulate(np.asarray(f, dtype=float))
    idx = np.clip(np.round(h).astype(int) - 1, 0, len(f) - 1)
    return np.where(h >= 1, f[idx], 1.0)



def recalibrate(q: np.ndarray, up: np.ndarray, h: np.ndarray, low: np.ndarray, recal: dict | None,
                short: np.ndarray | bool = False) -> np.ndarray:
    """Map the probability ``q = P(Y >= v)`` of the automatic rule through the learned recalibration.

    The map works on the probability that the trend *carries the indicator past* ``v``: ``u = q``
    when the forecast rises from the last value (``up``), ``1 - q`` when it falls, so that a
    rising and a falling series are treated alike. Its log-odds are shifted,
    ``logit u' = logit u + shift + per_year (h - 1) + low_information * low + short * short``
    (a negative shift: the trend carries on less often than the forecast says). A probability
    of exactly 0 or 1 stays so, except in a 2-point call (``low``), which is then kept within
    ``[1 - LOW_INFORMATION_MAX, LOW_INFORMATION_MAX]`` (never confident: :data:`LOW_INFORMATION_MAX`).
    ``recal`` ``None`` or empty: ``q`` unchanged.

    Parameters
    ----------
    q : ndarray
        ``P(Y >= v)``, any shape.
    up, h, low : ndarray
        Broadcastable with ``q``: the forecast at least the last value; years ahead; a 2-point call.
    recal : dict or None
        ``{term: coefficient}`` for the terms of :data:`RECAL_TERMS` (missing terms are 0).
    short : ndarray or bool
        Broadcastable with ``q``: a call from at most :data:`RECAL_SHORT_POINTS` points.

    Returns
    -------
    ndarray
        The recalibrated ``P(Y >= v)``.
    """
    q = np.asarray(q, dtype=float)
    if not recal:
        return q
    a = (float(recal.get("shift", 0.0)) + float(recal.get("per_year", 0.0)) * (np.asarray(h, float) - 1.0)
         + float(recal.get("low_information", 0.0)) * np.asarray(low, float)
         + float(recal.get("short", 0.0)) * np.asarray(short, float))
    up = np.asarray(up, bool)
    u = np.where(up, q, 1.0 - q)
    with np.errstate(divide="ignore"):
        u2 = special.expit(special.logit(np.clip(u, 0.0, 1.0)) + a)
    u2 = np.where(np.asarray(low, bool), np.clip(u2, 1.0 - LOW_INFORMATION_MAX, LOW_INFORMATION_MAX), u2)
    return np.where(np.isnan(q), np.nan, np.where(up, u2, 1.0 - u2))
