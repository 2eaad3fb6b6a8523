"""The calls on the plan sets whose side (met or not) the map's short-series term turns: the map's
shift of the log-odds undone on each call from 3-5 points (a 2-point call is also bounded, left
out here), and the side before and after compared with the outcome. Reads bunching_collect.py's output."""
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.special import expit, logit

OUT = Path(os.environ.get("EXPERIMENT_OUT", "/tmp/experiments"))
coef = json.load(open(Path(__file__).resolve().parents[3] / "analysis/model/calibration.json"))["recalibration"]["coef"]
a = float(coef.get("short", 0.0))
p = pd.read_pickle(OUT / "plans_bunch.pkl").drop_duplicates(["region", "indicator_id", "target", "comparator", "as_of"])
p["h"] = p.deadline - p.as_of
p = p[p.met.notna() & (p.n_points >= 3) & (p.n_points <= 5) & p.prob.notna()].copy()
y = (p.met.astype(float) == 1).to_numpy()
pge = np.where(p.comparator == ">=", p.prob, 1 - p.prob)          # P(Y >= target)
up = (p.forecast >= p.last_value).to_numpy()
u2 = np.where(up, pge, 1 - pge)                                     # the map's u after its shift
u = expit(logit(np.clip(u2, 1e-12, 1 - 1e-12)) - a)                 # before it
raw_ge = np.where(up, u, 1 - u)
raw = np.where(p.comparator == ">=", raw_ge, 1 - raw_ge)
flip = (raw >= .5) != (p.prob.to_numpy() >= .5)
right = (p.prob.to_numpy() >= .5) == y
print(f"short-series shift {a}: {len(p)} calls from 3-5 points; turned: {flip.sum()}, the map's side right on {(flip & right).sum()}")
for h in sorted(p.h.unique()):
    m = flip & (p.h.to_numpy() == h)
    print(f"  {h} years ahead: turned {m.sum()}, right {(m & right).sum()}")
for lab, m in [("all", np.ones(len(p), bool)), ("1-3", p.h.to_numpy() <= 3), ("4-5", p.h.to_numpy() >= 4)]:
    b0 = ((p.prob.to_numpy()[m] - y[m]) ** 2).mean()
    b1 = ((raw[m] - y[m]) ** 2).mean()
    a0 = ((p.prob.to_numpy()[m] >= .5) == y[m]).mean()
    a1 = ((raw[m] >= .5) == y[m]).mean()
    print(f"  {lab}: {m.sum()} calls; with the term Brier {b0:.4f} accuracy {a0:.3f}; without it {b1:.4f} / {a1:.3f}")
