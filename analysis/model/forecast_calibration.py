"""The forecast's calibration file: where it is, how it is read, the per-horizon factors.

:mod:`analysis.model.backtest` learns per horizon a factor ``c_h >= 1`` multiplying the predictive
scale of every model (and the pooled prior of the automatic rule); they live in
``analysis/model/calibration.json``, read here (cached by path and modification time).
"""

from __future__ import annotations

import errno
import json
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["calibration_path", "load_calibration"]


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

