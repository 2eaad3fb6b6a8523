"""Scores of the plan-set pickles written by drift_window.py: all horizons and 1-3 years ahead
(accuracy / Brier / confident wrong calls), the sets ours beats or ties (on accuracy) against both
rules 1-3 years ahead, and the national and other countries' sets one by one."""
import sys

import numpy as np
import pandas as pd


def load(f):
    p = pd.read_pickle(f).drop_duplicates(["region", "indicator_id", "target", "comparator", "as_of"])
    p["h"] = p.deadline - p.as_of
    p = p[p.met.notna() & (p.n_points >= 2)].copy()
    p["y"] = (p.met.astype(float) == 1).astype(float)
    p["ours"] = p.prob.astype(float).fillna(0.5)
    return p


def sc(q, y):
    return (((q >= .5) == (y == 1)).mean(), ((q - y) ** 2).mean(),
            int((((q >= .9) & (y == 0)) | ((q <= .1) & (y == 1))).sum()))


for f in sys.argv[1:]:
    p = load(f)
    out = [f.split("/")[-1]]
    for lab, m in [("all", p.h > 0), ("1-3", p.h <= 3)]:
        a = sc(p.ours[m].to_numpy(), p.y[m].to_numpy())
        out.append(f"{lab}: {a[0]:.3f}/{a[1]:.4f}/{a[2]}")
    beats = ties = 0
    sets = {}
    for k, g in p[p.h <= 3].groupby("plan"):
        y = g.y.to_numpy()
        o, c, s = sc(g.ours.to_numpy(), y), sc(g.cagr_call.to_numpy(float), y), sc(g.straight_line_call.to_numpy(float), y)
        if o[1] < min(c[1], s[1]) and o[0] > max(c[0], s[0]):
            beats += 1
        elif o[1] < min(c[1], s[1]) and o[0] >= max(c[0], s[0]):
            ties += 1
        sets[k] = f"{o[0]:.3f}/{o[1]:.3f}/{o[2]}"
    out.append(f"beats {beats} ties {ties}")
    print("  ".join(out))
    print("   ", {k: v for k, v in sets.items() if k.startswith(("eu", "outline", "st_plan"))})
