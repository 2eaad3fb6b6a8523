"""Latency of the scenario explorer: widget change -> updated output.

Headless: builds :class:`analysis.app.explorer.ScenarioExplorer` on the bundled data and sets
widget values from Python. ipywidgets calls the observers synchronously, so the time
from ``slider.value = x`` to its return covers the whole redraw: the scenario with its
Monte Carlo, the PNG chart, the answer, the probability and the composite score.

Two kinds of change per control:

* ``step``: one slider step up or down (a drag or an arrow key: the common case);
* ``jump``: a random value anywhere on the slider (a click far along the track; this
  often changes the y range and forces the static chart layer to be redrawn).

Reports the median, 95th percentile and maximum, wall clock and process CPU time (the
wall clock includes waiting for the CPU on a shared machine). Writes
``benchmarks/results/bench_widgets.json``.

Usage::

    python benchmarks/bench_widgets.py [--n 200] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: (label, indicator, scenario type, control name)
CASES = (
    ("growth rate (turnover)", "tech_contract_turnover", "growth", "growth"),
    ("additions (turnover)", "tech_contract_turnover", "additions", "additions"),
    ("new certifications (high-tech)", "high_tech_enterprises", "certificates", "additions"),
    ("renewal rate (high-tech)", "high_tech_enterprises", "certificates", "renewal"),
    ("population change (patents/10k)", "invention_patents_per_10k", "per_capita", "population"),
    ("grants (patents/10k)", "invention_patents_per_10k", "per_capita", "additions"),
    ("weight editor", "tech_contract_turnover", "growth", "weight"),
    ("weight noise (sensitivity)", "tech_contract_turnover", "growth", "spread"),
)


def _grid(slider) -> np.ndarray:
    n = int(round((slider.max - slider.min) / slider.step))
    return slider.min + slider.step * np.arange(n + 1)


def measure(app, indicator: str, stype: str, control: str, mode: str, n: int,
            rng: np.random.Generator) -> dict:
    """Time ``n`` changes of one control; returns the timings in milliseconds."""
    app.c["indicator"].value = indicator
    if app.c["type"].value != stype:
        app.c["type"].value = stype
    if control == "weight":
        box = app.weight_boxes[indicator]
        values = np.arange(0.0, 5.01, 0.5)
    else:
        box = app.c[control]
        values = _grid(box)
    i = int(np.argmin(np.abs(values - box.value)))
    wall, cpu, changed = [], [], 0
    for _ in range(n):
        if mode == "step":
            j = i + (1 if rng.random() < 0.5 else -1)
            if j < 0 or j >= len(values):
                j = i - (j - i)
        else:
            j = int(rng.integers(len(values)))
            if j == i:
                j = (j + 1) % len(values)
        i = j
        before = (app.answer.value, app.chart.value, app.score_html.value)
        t0, c0 = time.perf_counter(), time.process_time()
        box.value = float(values[j])
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        changed += (app.answer.value, app.chart.value, app.score_html.value) != before
    return {"wall_ms": wall, "cpu_ms": cpu, "changed": changed, "n": n}


def _stats(xs) -> dict:
    a = np.asarray(xs, dtype=float)
    return {"p50": float(np.percentile(a, 50)), "p95": float(np.percentile(a, 95)), "max": float(a.max())}


def run(n: int = 200, seed: int = 1) -> dict:
    """Run every case in both modes; returns the summary (also written as JSON)."""
    from analysis.app import explorer as widgets

    t0 = time.perf_counter()
    app = widgets.explorer()  # the app's own Monte Carlo size (state.APP_N_SIMS)
    build_s = time.perf_counter() - t0
    rng = np.random.default_rng(seed)
    # warm up: fonts, caches, the first static layer of every case
    for _, ind, stype, control in CASES:
        measure(app, ind, stype, control, "jump", 3, rng)
    rows, all_wall, all_cpu = [], {"step": [], "jump": []}, {"step": [], "jump": []}
    for label, ind, stype, control in CASES:
        for mode in ("step", "jump"):
            static0 = getattr(app, "n_static_draws", 0)
            m = measure(app, ind, stype, control, mode, n, rng)
            all_wall[mode] += m["wall_ms"]
            all_cpu[mode] += m["cpu_ms"]
            rows.append({"case": label, "mode": mode, "n": n, "changed": m["changed"],
                         "static_redraws": getattr(app, "n_static_draws", 0) - static0,
                         "wall": _stats(m["wall_ms"]), "cpu": _stats(m["cpu_ms"])})
    summary = {
        "what": "widget change -> updated output (answer, PNG chart, probability, score), headless",
        "python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
        "load_avg": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "build_s": build_s, "n_per_case": n, "n_sims": 1000,
        "overall": {mode: {"wall": _stats(all_wall[mode]), "cpu": _stats(all_cpu[mode])} for mode in all_wall},
        "cases": rows,
    }
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_widgets.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
    return summary


def report(summary: dict) -> str:
    lines = [f"{'case':34s} {'mode':5s} {'wall p50':>9s} {'wall p95':>9s} {'cpu p95':>8s} "
             f"{'max':>7s} {'static':>6s} {'changed':>8s}"]
    for r in summary["cases"]:
        lines.append(f"{r['case']:34s} {r['mode']:5s} {r['wall']['p50']:9.1f} {r['wall']['p95']:9.1f} "
                     f"{r['cpu']['p95']:8.1f} {r['wall']['max']:7.1f} {r['static_redraws']:6d} "
                     f"{r['changed']:>4d}/{r['n']}")
    for mode, s in summary["overall"].items():
        lines.append(f"{'ALL':34s} {mode:5s} {s['wall']['p50']:9.1f} {s['wall']['p95']:9.1f} "
                     f"{s['cpu']['p95']:8.1f} {s['wall']['max']:7.1f}")
    lines.append(f"(ms; {summary['cpus']} CPUs, load average {summary['load_avg']}; app built in "
                 f"{summary['build_s']:.1f} s)")
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=200, help="changes per control and mode (default 200)")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args(argv)
    print(report(run(a.n, a.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
