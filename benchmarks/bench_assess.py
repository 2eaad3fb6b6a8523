"""Benchmark: the user's ``assess`` command end to end vs a plain per-series statsmodels loop.

A synthetic, seeded, province-scale batch - regions x 20 targets of 6-point yearly series
(levels, counts, shares, ratios) - is written as a catalogue CSV and an observations CSV.
For each size of the scale curve (default 6,000, 60,000 and 300,000 series):

* **the command**: ``python -m analysis assess --targets T --data OBS --format csv --output OUT``
  run as a subprocess, timed from start to exit (Python start-up, imports, reading and
  validating the file, the scorecard, writing the CSV), with the subprocess's peak resident
  memory (``ru_maxrss`` from ``os.wait4``);
* **the plain loop**: read the same CSV with pandas, then per series fit with statsmodels
  what the automatic forecast needs (the random walk with drift on ``y`` and on ``log y``,
  each an intercept-only OLS on the yearly differences, with its 95 % prediction interval),
  then write a CSV. Up to ``--loop-full`` series the loop runs on every series; above that
  on a seeded sample of ``--sample`` series and is extrapolated (reported as such). The
  loop does no validation, no mixture, no calibration, no labels, so it is a lower bound
  of what the same job costs done series by series;
* at every size, the time of each stage inside the command (imports, intake, scorecard,
  CSV) measured in a second fresh interpreter, so the README can say where the seconds go
  (their sum is a little less than the command's time: Python's own start-up and argument
  parsing are not in it).

``--source DIR`` times the command of another checkout of the suite (``PYTHONPATH=DIR``),
e.g. ``git archive <commit> | tar -x -C /tmp/old`` for a before/after comparison on the same
files and the same machine load; ``--no-loop`` skips the statsmodels loop.

Run: ``python benchmarks/bench_assess.py`` (writes ``benchmarks/results/bench_assess.json``);
``--sizes 6000`` for a quick run. The machine is shared: run the full curve rarely.
:func:`run` is the older, narrower check: the forecast panel alone (in-process) against the
statsmodels loop on a sample, and that both give the same numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
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
UNITS = {"level": "亿元", "count": "家", "share": "%", "ratio": "件/万人"}
TARGETS = 20


def make_batch(regions: int, targets: int = TARGETS, seed: int = 20190821) -> tuple[pd.DataFrame, pd.DataFrame]:
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
        df["region"] = [f"r{i:06d}" for i in range(regions)]
        df = df.melt("region", var_name="year", value_name="value")
        df["indicator_id"] = ids[j]
        frames.append(df)
    obs = pd.concat(frames, ignore_index=True)
    obs["year"] = obs["year"].astype(int)
    cat = pd.DataFrame({"id": ids, "value": tvals, "comparator": ">=", "kind": kinds,
                        "deadline_effective": deadlines})
    return obs[["region", "indicator_id", "year", "value"]], cat


def write_files(regions: int, folder: Path, seed: int) -> tuple[Path, Path]:
    """The batch as the files a user passes: ``targets.csv`` and ``observations.csv``."""
    obs, cat = make_batch(regions, TARGETS, seed)
    t = folder / f"targets_{regions}.csv"
    o = folder / f"observations_{regions}.csv"
    cat.assign(name_zh=cat["id"], unit=cat["kind"].map(UNITS), deadline=cat["deadline_effective"])[
        ["id", "name_zh", "value", "unit", "comparator", "deadline", "kind"]].to_csv(t, index=False)
    obs.assign(value=obs["value"].round(6)).to_csv(o, index=False)
    return t, o


def time_command(targets: Path, obs: Path, out: Path, source: Path = ROOT) -> dict:
    """Run the user's command as a subprocess: wall seconds, peak memory (MB), exit status."""
    cmd = [sys.executable, "-m", "analysis", "assess", "--targets", str(targets), "--data", str(obs),
           "--format", "csv", "--output", str(out)]
    env = dict(os.environ, PYTHONPATH=str(source))
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=str(source), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    return {"seconds": round(seconds, 2), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mb": round(usage.ru_maxrss / 1024, 1),
            "exit": proc.returncode, "stderr": err[-500:], "command": " ".join(cmd[1:])}


def statsmodels_series(years: np.ndarray, y: np.ndarray, deadline: int) -> dict:
    """The per-series loop: the fits the automatic choice needs, done with statsmodels.

    Each model is an intercept-only OLS on the yearly differences (of ``y``, and of
    ``log y`` for positive series): drift ``d`` = the constant, residual variance
    ``s^2`` = ``res.scale``, the h-step predictive variance ``s^2 h + h^2 se(d)^2`` (t with
    ``res.df_resid`` df) - the same models as :mod:`analysis.model.forecast`, including its
    documented residual-scale floor.
    """
    import statsmodels.api as sm
    from scipy import stats

    t = years.astype(float)
    out: dict[str, float] = {}

    def drift(z, log):
        dz = np.diff(z)
        res = sm.OLS(dz, np.ones_like(dz)).fit()
        d, s = float(res.params[0]), float(np.sqrt(res.scale))
        level = fc.FLOOR_LEVEL if log else fc.FLOOR_LEVEL * np.mean(np.abs(z))
        s_floor = max(s, fc.FLOOR_CHANGE * np.mean(np.abs(dz)), level)
        se_d = float(res.bse[0]) * s_floor / s if s > 0 else s_floor / np.sqrt(len(dz))
        h = deadline - t[-1]
        m = z[-1] + d * h
        half = stats.t.ppf(0.975, res.df_resid) * np.sqrt(s_floor ** 2 * h + h ** 2 * se_d ** 2)
        vals = (m, m - half, m + half)
        return tuple(float(np.exp(v)) for v in vals) if log else vals

    m, lo, hi = drift(y, False)
    out.update(drift_point=m, drift_lower_95=lo, drift_upper_95=hi)
    if np.all(y > 0):
        m, lo, hi = drift(np.log(y), True)
        out.update(logdrift_point=m, logdrift_lower_95=lo, logdrift_upper_95=hi)
    return out


def time_loop(targets: Path, obs: Path, out: Path, sample: int | None, seed: int) -> dict:
    """Read, fit every (or a sample of the) series with statsmodels, write: seconds (extrapolated)."""
    t0 = time.perf_counter()
    cat = pd.read_csv(targets).set_index("id")
    df = pd.read_csv(obs)
    t_read = time.perf_counter() - t0
    groups = list(df.groupby(["region", "indicator_id"], sort=False).indices.items())
    n = len(groups)
    if sample is not None and sample < n:
        rng = np.random.default_rng(seed)
        groups = [groups[i] for i in np.sort(rng.choice(n, size=sample, replace=False))]
    years, values = df["year"].to_numpy(int), df["value"].to_numpy(float)
    t1 = time.perf_counter()
    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for (region, ind), idx in groups:
            order = np.argsort(years[idx])
            r = statsmodels_series(years[idx][order], values[idx][order], int(cat.loc[ind, "deadline"]))
            r.update(region=region, indicator_id=ind)
            rows.append(r)
    t_fit = time.perf_counter() - t1
    t2 = time.perf_counter()
    pd.DataFrame(rows).to_csv(out, index=False)
    t_write = (time.perf_counter() - t2) * n / len(groups)
    fit_all = t_fit * n / len(groups)
    return {"seconds": round(t_read + fit_all + t_write, 2), "fit_seconds": round(fit_all, 2),
            "read_seconds": round(t_read, 2), "series_fitted": len(groups), "series": n,
            "extrapolated": len(groups) < n}


def stage_times(targets: Path, obs: Path, out: Path, source: Path = ROOT) -> dict:
    """Seconds of each stage of the command, in a fresh interpreter (imports included)."""
    code = f"""
import json, time
t0 = time.perf_counter()
from analysis.io import catalogue, dataset
from analysis.io.output import render
from analysis.model import scorecard
t1 = time.perf_counter()
t = catalogue.load_targets({str(targets)!r})
o = dataset.load_observations({str(obs)!r}, targets=t)
t2 = time.perf_counter()
sc = scorecard.assess(o, t)
t3 = time.perf_counter()
render(sc.table, "csv", {str(out)!r}, sheet_name="scorecard")
t4 = time.perf_counter()
print(json.dumps({{"imports": t1 - t0, "intake": t2 - t1, "scorecard": t3 - t2, "write_csv": t4 - t3}}))
"""
    env = dict(os.environ, PYTHONPATH=str(source))
    res = subprocess.run([sys.executable, "-c", code], cwd=str(source), env=env, capture_output=True, text=True,
                         check=True)
    return {k: round(v, 2) for k, v in json.loads(res.stdout.strip().splitlines()[-1]).items()}


def curve(sizes=(6000, 60000, 300000), sample: int = 1000, loop_full: int = 6000, seed: int = 20190821,
          output: str | Path | None = ROOT / "benchmarks" / "results" / "bench_assess.json",
          quiet: bool = False, source: str | Path | None = None, loop: bool = True, repeat: int = 1) -> dict:
    """The scale curve: for each size the command (subprocess; the fastest of ``repeat`` runs, with
    its CPU seconds, which depend less on the machine's load than wall seconds), its stages and
    the plain loop."""
    src = Path(source).resolve() if source is not None else ROOT
    curve = []
    with tempfile.TemporaryDirectory(prefix="bench_assess_") as tmp:
        folder = Path(tmp)
        for n_series in sizes:
            regions = max(1, n_series // TARGETS)
            t, o = write_files(regions, folder, seed)
            runs = [time_command(t, o, folder / "out.csv", src) for _ in range(max(1, repeat))]
            cmd = min(runs, key=lambda r: r["seconds"])
            row = {"series": regions * TARGETS, "rows": regions * TARGETS * len(YEARS),
                   "command_seconds": cmd["seconds"], "command_cpu_seconds": cmd["cpu_seconds"],
                   "command_runs_seconds": [r["seconds"] for r in runs],
                   "command_peak_mb": max(r["peak_mb"] for r in runs), "command_exit": cmd["exit"]}
            if cmd["exit"] != 0:
                row["stderr"] = cmd["stderr"]
            row["stages"] = stage_times(t, o, folder / "out2.csv", src)
            if loop:
                lp = time_loop(t, o, folder / "loop.csv", None if regions * TARGETS <= loop_full else sample, seed)
                row.update(loop_seconds=lp["seconds"], loop_extrapolated=lp["extrapolated"],
                           loop_series_fitted=lp["series_fitted"],
                           speedup=round(lp["seconds"] / cmd["seconds"], 1) if cmd["seconds"] else None)
            row["load_average"] = [round(x, 2) for x in os.getloadavg()]
            curve.append(row)
            if not quiet:
                line = (f"{row['series']:>8,} series: command {row['command_seconds']:7.2f} s "
                        f"(cpu {row['command_cpu_seconds']:.2f} s), peak {row['command_peak_mb']:7.0f} MB")
                if loop:
                    line += (f" | statsmodels loop {row['loop_seconds']:8.1f} s"
                             + (f" (extrapolated from {row['loop_series_fitted']})" if row["loop_extrapolated"] else "")
                             + f" | {row['speedup']}x")
                line += " | " + ", ".join(f"{k} {v:.2f} s" for k, v in row["stages"].items())
                line += f" | load {row['load_average'][0]}"
                print(line, flush=True)
    result = {"command": "python -m analysis assess --targets T --data OBS --format csv --output OUT",
              "source": str(src), "curve": curve, "cpu_count": os.cpu_count(), "python": platform.python_version(),
              "numpy": np.__version__, "pandas": pd.__version__,
              "statsmodels": __import__("statsmodels").__version__, "seed": seed}
    if output is not None:
        out = Path(output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return result


def run(regions: int = 3000, targets: int = 20, sample: int = 300, seed: int = 20190821,
        output: str | Path | None = ROOT / "benchmarks" / "results" / "bench_assess_panel.json",
        quiet: bool = False) -> dict:
    """The forecast panel alone vs the statsmodels loop on a sample: time and the numbers agree."""
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
                                 int(meta.loc[i, "deadline_effective"]))
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
    p.add_argument("--sizes", type=int, nargs="+", default=[6000, 60000, 300000],
                   help="numbers of series (20 targets x regions)")
    p.add_argument("--sample", type=int, default=1000, help="series the loop fits above --loop-full")
    p.add_argument("--loop-full", type=int, default=6000, help="the loop fits every series up to this size")
    p.add_argument("--seed", type=int, default=20190821)
    p.add_argument("--output", default=str(ROOT / "benchmarks" / "results" / "bench_assess.json"))
    p.add_argument("--source", default=None, help="time the command of this checkout (default: this one)")
    p.add_argument("--no-loop", action="store_true", help="skip the statsmodels loop")
    p.add_argument("--repeat", type=int, default=1, help="run the command this many times, keep the fastest")
    a = p.parse_args(argv)
    curve(tuple(a.sizes), a.sample, a.loop_full, a.seed, a.output, source=a.source, loop=not a.no_loop,
          repeat=a.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
