"""Bunching at the target, nested leave-one-set-out over the nineteen plan sets (argument h13: fitted
on the calls made 1-3 years ahead only). Reads bunching_collect.py's output."""
import os, sys
from pathlib import Path
import numpy as np, pandas as pd
OUT = Path(os.environ.get("EXPERIMENT_OUT", "/tmp/experiments"))
p = pd.read_pickle(OUT / "plans_bunch.pkl")
p = p.drop_duplicates(["region","indicator_id","target","comparator","as_of"])
p["h"] = p.deadline - p.as_of
p = p[p.met.notna() & (p.n_points >= 2)].copy()
p["y"] = (p.met.astype(float) == 1).astype(float)
DELTAS = [0.0025, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08]
BETAS = np.round(np.arange(0, 1.01, 0.1), 2)
p0 = p.prob.astype(float).fillna(0.5).to_numpy()
y = p.y.to_numpy()
P = {d: p[f"p_{d}"].astype(float).fillna(0.5).to_numpy() for d in DELTAS}
def newp(d, b): return p0 + b * (P[d] - p0) if b else p0
def sc(pp, m):
    yy = y[m]; q = pp[m]
    return dict(n=int(m.sum()), acc=float(((q >= .5) == (yy == 1)).mean()), brier=float(((q - yy) ** 2).mean()),
                cw=int((((q >= .9) & (yy == 0)) | ((q <= .1) & (yy == 1))).sum()))
plans = p.plan.to_numpy()
h = p.h.to_numpy()
mask_h = (h <= 3) if (len(sys.argv) > 1 and sys.argv[1] == "h13") else np.ones(len(p), bool)
out = np.empty(len(p)); chosen = {}
for k in np.unique(plans):
    tr = (plans != k) & mask_h
    best = min(((d, b) for d in DELTAS for b in BETAS), key=lambda db: ((newp(*db)[tr] - y[tr]) ** 2).mean())
    chosen[k] = best
    te = plans == k
    out[te] = newp(*best)[te]
print("chosen", chosen)
rows = []
for lab, m in [("all", np.ones(len(p), bool)), ("1-3", h <= 3), ("4-5", h >= 4)]:
    rows.append(dict(calls=lab, method="ours", **sc(p0, m)))
    rows.append(dict(calls=lab, method="ours+bunch", **sc(out, m)))
    for r in ("cagr_call", "straight_line_call"):
        rows.append(dict(calls=lab, method=r, **sc(p[r].to_numpy(float), m)))
print(pd.DataFrame(rows).round(4).to_string())
# per set 1-3
rows = []
m13 = h <= 3
for k in np.unique(plans):
    m = (plans == k) & m13
    a, b, c, s = sc(p0, m), sc(out, m), sc(p["cagr_call"].to_numpy(float), m), sc(p["straight_line_call"].to_numpy(float), m)
    def beats(x): return x["brier"] < min(c["brier"], s["brier"]) and x["acc"] > max(c["acc"], s["acc"]) - 1e-12 and x["acc"] >= max(c["acc"], s["acc"])
    rows.append(dict(plan=k, n=a["n"], ours=f'{a["acc"]:.3f}/{a["brier"]:.3f}/{a["cw"]}', bunch=f'{b["acc"]:.3f}/{b["brier"]:.3f}/{b["cw"]}',
                     cagr=f'{c["acc"]:.3f}/{c["brier"]:.3f}', sl=f'{s["acc"]:.3f}/{s["brier"]:.3f}'))
print(pd.DataFrame(rows).to_string())
