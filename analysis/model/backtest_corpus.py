"""The back-test corpus: the real public series (China, Gansu), the bundled illustrative data and
user files, as one dict per series (years, values, kind of indicator).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config
from analysis.io.catalogue import infer_kind, load_targets
from analysis.io.dataset import normalise_public
from analysis.io.readers import read_observations

__all__ = [
    "MIN_SERIES_POINTS", "public_series", "illustrative_series", "user_series", "plan_observations", "series_list",
]

MIN_SERIES_POINTS = 5


def _kind_for(unit: str, values: np.ndarray, catalogue_kind: str | None = None) -> str:
    kind = catalogue_kind or infer_kind(unit, float(values[0]) if len(values) else 0.0)
    if kind in ("count", "milestone") and not np.all(values == np.round(values)):
        kind = "level"  # e.g. 万人: a count published in a scaled unit
    return kind


def public_series() -> pd.DataFrame:
    """The real public series: ``source, region, indicator_id, unit, kind, year, value``."""
    pub = normalise_public()
    pub = pub.loc[:, ["region", "indicator_id", "unit", "year", "value", "file"]].copy()
    pub["source"] = np.where(pub["file"].str.startswith("china"), "china", "gansu")
    return _with_kinds(pub.drop(columns="file"), None)


def _with_kinds(df: pd.DataFrame, catalogue: pd.DataFrame | None) -> pd.DataFrame:
    kinds = {}
    cat = {} if catalogue is None else dict(zip(catalogue["id"], catalogue["kind"]))
    for (r, i), g in df.groupby(["region", "indicator_id"], sort=False):
        kinds[(r, i)] = _kind_for(str(g["unit"].iloc[0]) if "unit" in g else "", g["value"].to_numpy(float),
                                  cat.get(i))
    df = df.copy()
    df["kind"] = [kinds[(r, i)] for r, i in zip(df["region"], df["indicator_id"])]
    return df


def illustrative_series(path: str | Path | None = None) -> pd.DataFrame:
    """The bundled illustrative monitoring data with the plan catalogue's kinds."""
    p = Path(path) if path is not None else config.monitoring_path()
    if not p.exists():
        return pd.DataFrame(columns=["source", "region", "indicator_id", "unit", "kind", "year", "value"])
    raw = pd.read_csv(p, dtype={"region": str, "indicator_id": str, "unit": str})
    df = raw.loc[:, ["region", "indicator_id", "unit", "year", "value"]].copy()
    df["source"] = "illustrative"
    return _with_kinds(df, load_targets())


def user_series(paths) -> pd.DataFrame:
    """Observation files given with ``--data`` (read through the intake when available)."""
    targets = load_targets()
    frames = []
    for p in paths:
        df = read_observations(p, targets=None)
        df = df.loc[:, [c for c in ("region", "indicator_id", "unit", "year", "value") if c in df.columns]].copy()
        if "region" not in df:
            df["region"] = config.DEFAULT_REGION
        if "unit" not in df:
            df["unit"] = ""
        df["source"] = Path(p).name
        frames.append(_with_kinds(df, targets))
    return pd.concat(frames, ignore_index=True) if frames else illustrative_series()


def plan_observations(paths, targets: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Observation files for a plan check of one's own targets (``backtest --targets``).

    Each file is read through the intake against the targets' catalogue (one row per indicator:
    a catalogue may name an indicator once per region), so the values come in the catalogue unit
    of their indicator and every conversion, ignored column and skipped indicator is in the
    file's summary, ``df.attrs["intake"]`` (a list: one :class:`~analysis.io.readers.Intake` per
    file). Returns ``region, indicator_id, unit, year, value``.
    """
    cat = targets.drop_duplicates("id")
    frames, infos = [], []
    for p in paths:
        df = read_observations(p, cat, skip_unknown=True, lang=lang)
        infos.append(df.attrs["intake"])
        frames.append(df.loc[:, ["region", "indicator_id", "unit", "year", "value"]])
    out = (pd.concat(frames, ignore_index=True) if frames else
           pd.DataFrame(columns=["region", "indicator_id", "unit", "year", "value"]))
    out.attrs["intake"] = infos
    return out


def series_list(df: pd.DataFrame, min_points: int = MIN_SERIES_POINTS) -> list[dict]:
    """Tidy rows -> one dict per series (duplicated years averaged) with >= ``min_points``."""
    out = []
    df = df.copy()
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    df = df[np.isfinite(df["value"].to_numpy(float))]
    for (src, r, i), g in df.groupby(["source", "region", "indicator_id"], sort=True):
        s = g.groupby(g["year"].astype(int))["value"].mean().sort_index()
        if len(s) >= min_points:
            out.append(dict(source=src, region=r, indicator_id=i, kind=g["kind"].iloc[0],
                            years=s.index.to_numpy(int), values=s.to_numpy(float)))
    return out


def _is_real(source) -> bool:
    return source in ("china", "gansu")
