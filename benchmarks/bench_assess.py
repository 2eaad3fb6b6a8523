"""Benchmark: the vectorised forecast panel vs a per-series statsmodels loop.

A synthetic, seeded, province-scale batch - ``--regions`` regions x ``--targets`` targets of
6-point yearly series (levels, counts, shares, ratios) - is forecast at the deadline by
:func:`analysis.model.forecast.forecast_panel` (whole batch, timed), and a plain per-series loop
does the fits the automatic choice needs with statsmodels (the random walk with drift on
``y`` and on ``log y``, each an intercept-only OLS on the differences, with its prediction
interval) on a seeded sample of ``--sample`` series, timed and extrapolated to the whole
batch. The loop does not mix the two models nor compute calibrated mixture quantiles and
probabilities, so the speed-up is a lower bound. Numbers both compute (point and 95%
interval of each single model, uncalibrated) are compared: max absolute and relative
differences.

Run: ``python benchmarks/bench_assess.py`` (writes ``benchmarks/results/bench_assess.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.model import forecast as fc  # noqa: E402

YEARS = np.arange(2014, 2020)          # 6 points
KIND_CYCLE = ("level", "count", "share", "ratio", "level", "count", "level", "ratio", "count", "share")


def make_batch(regions: int, targets: int, seed: int = 20190821) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Synthetic observations (region, indicator_id, year, value) and a catalogue."""
    rng = np.random.default_rng(seed)
    ids = [f"t{j:02d}" for j in range(targets)]
    kinds = [KIND_CYCLE[j % len(KIND_CYCLE)] for j in range(targets)]
    deadlines = [2020 if j % 3 else 2022 for j in range(targets)]
    t = (YEARS - YEARS[0]).astype(float)
    frames, tvals = [], []
    for j, kind in enumerate(kinds):
        base = rng.uniform(5, 200, size=(regions, 1))
        growth = rng.normal(0.08, 0.06, size=(regions, 1))
        if kind == "count":
            vals = rng.poisson(base * np.exp(growth * t)).astype(float)
        elif kind == "share":
            vals = np.clip(rng.uniform(5, 60, (regions, 1)) + rng.normal(1.0, 1.0, (regions, 1)) * t
                           + rng.normal(0, 1.5, (regions, len(t))), 0, 100)
        else:
            vals = base * np.exp(growth * t + rng.normal(0, 0.06, size=(regions, len(t))))
        level = float(np.median(vals[:, -1]))
        tvals.append(round(level * 1.25, 2) if kind != "share" else round(min(level + 8, 100), 1))
        df = pd.DataFrame(vals, columns=YEARS)
        df["region"] = [f"r{i:05d}" for i in range(regions)]
        df = df.melt("region", var_name="year", value_name="value")
        df["indicator_id"] = ids[j]
        frames.append(df)
    obs = pd.concat(frames, ignore_index=True)
    obs["year"] = obs["year"].astype(int)
    cat = pd.DataFrame({"id": ids, "value": tvals, "comparator": ">=", "kind": kinds,
                        "deadline_effective": deadlines})
    return obs[["region", "indicator_id", "year", "value"]], cat


def statsmodels_series(years: np.ndarray, y: np.ndarray, kind: str, deadline: int) -> dict:
    """The per-series loop: the fits the automatic choice needs, done with statsmodels.

    The automatic choice is the equal-weight mixture of the random walk with drift on
    ``y`` (``drift``) and on ``log y`` (``logdrift``, positive series). Each is an
    intercept-only OLS on the yearly differences: drift ``d`` = the constant, residual
    variance ``s^2`` = ``res.scale``, and the h-step predictive variance
    ``s^2 h + h^2 se(d)^2`` (t with ``res.df_resid`` df) - the same model as
    :mod:`analysis.model.forecast`, including its documented residual-scale floor.
    """
    import statsmodels.api as sm
    from scipy import stats

    t = years.astype(float)
    out: dict[str, float] = {}

    def drift(tt, z, x_new, log):
        dz = np.diff(z)
        res = sm.OLS(dz, np.ones_like(dz)).fit()
        d, s = float(res.params[0]), float(np.sqrt(res.scale))
        level = fc.FLOOR_LEVEL if log else fc.FLOOR_LEVEL * np.mean(np.abs(z))
        s_floor = max(s, fc.FLOOR_CHANGE * np.mean(np.abs(dz)), level)
        se_d = float(res.bse[0]) * s_floor / s if s > 0 else s_floor / np.sqrt(len(dz))
        h = x_new - tt[-1]
        m = z[-1] + d * h
        half = stats.t.ppf(0.975, res.df_resid) * np.sqrt(s_floor ** 2 * h + h ** 2 * se_d ** 2)
        m, lo, hi = m, m - half, m + half
        return tuple(float(np.exp(v)) for v in (m, lo, hi)) if log else (m, lo, hi)

    assert np.all(np.diff(t) == 1), "the benchmark batch has consecutive years"
    m, lo, hi = drift(t, y, deadline, False)
    out.update(drift_point=m, drift_lower_95=lo, drift_upper_95=hi)
    if np.all(y > 0):
        m, lo, hi = drift(t, np.log(y), deadline, True)
        out.update(logdrift_point=m, logdrift_lower_95=lo, logdrift_upper_95=hi)
    return out


def run(regions: int = 3000, targets: int = 20, sample: int = 300, seed: int = 20190821,
        output: str | Path | None = ROOT / "benchmarks" / "results" / "bench_assess.json",
        quiet: bool = False) -> dict:
    obs, cat = make_batch(regions, targets, seed)
    n_series = regions * targets
    t0 = time.perf_counter()
    panel = fc.forecast_panel(obs, cat)
    t_panel = time.perf_counter() - t0

    rng = np.random.default_rng(seed + 1)
    keys = panel[["region", "indicator_id"]].drop_duplicates()
    pick = keys.iloc[np.sort(rng.choice(len(keys), size=min(sample, len(keys)), replace=False))]
    sub = obs.merge(pick, on=["region", "indicator_id"])
    meta = cat.set_index("id")
    t0 = time.perf_counter()
    loop_rows = []
    for (r, i), g in sub.groupby(["region", "indicator_id"], sort=True):
        g = g.sort_values("year")
        res = statsmodels_series(g["year"].to_numpy(int), g["value"].to_numpy(float),
                                 meta.loc[i, "kind"], int(meta.loc[i, "deadline_effective"]))
        res.update(region=r, indicator_id=i)
        loop_rows.append(res)
    t_loop = time.perf_counter() - t0
    loop = pd.DataFrame(loop_rows)

    comp = fc.forecast_panel(sub, cat, calibrate=False, components=True)
    both = loop.merge(comp, on=["region", "indicator_id"], suffixes=("_sm", ""))
    diffs = {}
    upper = np.where(both["kind"] == "share", 100.0, np.inf)
    for col in [c for c in loop.columns if c not in ("region", "indicator_id")]:
        # interval bounds of counts are rounded and have the Poisson floor: compared for the
        # continuous kinds; statsmodels' bounds are censored to the support ([0, inf), shares [0, 100]).
        sel = both["kind"].isin(["level", "ratio", "share"]).to_numpy() if "point" not in col \
            else np.ones(len(both), bool)
        a = both[f"{col}_sm"].to_numpy(float)
        if "point" not in col:
            a = np.clip(a, 0.0, upper)
        a, b = a[sel], both.loc[sel, col].to_numpy(float)
        ok = np.isfinite(a) & np.isfinite(b)
        if ok.any():
            diffs[col] = dict(n=int(ok.sum()), max_abs_diff=float(np.max(np.abs(a[ok] - b[ok]))),
                              max_rel_diff=float(np.max(np.abs(a[ok] - b[ok]) / np.maximum(np.abs(a[ok]), 1e-12))))
    per_series_loop = t_loop / max(len(loop), 1)
    loop_extrap = per_series_loop * n_series
    result = {
        "n_series": n_series, "regions": regions, "targets": targets, "points_per_series": len(YEARS),
        "panel_seconds": round(t_panel, 3), "panel_series_per_second": round(n_series / t_panel, 1),
        "loop_sample": len(loop), "loop_seconds_sample": round(t_loop, 3),
        "loop_seconds_per_series": round(per_series_loop, 6),
        "loop_seconds_extrapolated": round(loop_extrap, 1),
        "speedup": round(loop_extrap / t_panel, 1),
        "max_abs_diff": diffs,
        "cpu_count": os.cpu_count(), "python": platform.python_version(), "numpy": np.__version__,
        "pandas": pd.__version__, "statsmodels": __import__("statsmodels").__version__, "seed": seed,
    }
    if output is not None:
        out = Path(output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if not quiet:
        rows = [("series in batch", f"{n_series:,}"), ("forecast_panel, whole batch", f"{t_panel:.2f} s"),
                (f"statsmodels loop, {len(loop)} series", f"{t_loop:.2f} s"),
                ("statsmodels loop, extrapolated", f"{loop_extrap:.0f} s"),
                ("speed-up", f"{loop_extrap / t_panel:.0f}x")]
        rows += [(f"max |diff| {k} (n={v['n']})", f"{v['max_abs_diff']:.2e} (rel {v['max_rel_diff']:.1e})")
                 for k, v in diffs.items()]
        w = max(len(a) for a, _ in rows)
        for a, b in rows:
            print(f"{a:<{w}}  {b}")
    return result


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--regions", type=int, default=3000)
    p.add_argument("--targets", type=int, default=20)
    p.add_argument("--sample", type=int, default=300)
    p.add_argument("--seed", type=int, default=20190821)
    p.add_argument("--output", default=str(ROOT / "benchmarks" / "results" / "bench_assess.json"))
    a = p.parse_args(argv)
    run(a.regions, a.targets, a.sample, a.seed, a.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
