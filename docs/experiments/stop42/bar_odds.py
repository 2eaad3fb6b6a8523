"""The odds of the issue's bar on a held-out set of 22 targets drawn from the nineteen sets' targets
(calls made 1-3 years ahead; 4,000 draws). Reads bunching_collect.py's output."""
import os
from pathlib import Path
import numpy as np, pandas as pd
OUT = Path(os.environ.get("EXPERIMENT_OUT", "/tmp/experiments"))
p = pd.read_pickle(OUT / "plans_bunch.pkl")
p = p.drop_duplicates(["region","indicator_id","target","comparator","as_of"])
p["h"] = p.deadline - p.as_of
g = p[p.met.notna() & (p.n_points >= 2) & (p.h <= 3)].copy()
g["y"] = (g.met.astype(float) == 1).astype(float)
g["ours"] = g.prob.astype(float).fillna(0.5)
g["tkey"] = g.plan + "|" + g.region.astype(str) + "|" + g.indicator_id + "|" + g.target.astype(str)
T = g.groupby("tkey")
keys = np.array(list(T.groups))
fam = g.groupby("tkey").family.first().reindex(keys).to_numpy()
plan = g.groupby("tkey").plan.first().reindex(keys).to_numpy()
arr = {}
for k, d in T:
    y = d.y.to_numpy()
    r = {}
    for m in ("ours", "cagr_call", "straight_line_call"):
        q = d[m].to_numpy(float)
        r[m] = (((q >= .5) == (y == 1)).sum(), ((q - y) ** 2).sum(), (((q >= .9) & (y == 0)) | ((q <= .1) & (y == 1))).sum(), len(y))
    arr[k] = r
rng = np.random.default_rng(0)
def trial(sample):
    tot = {m: np.zeros(4) for m in ("ours", "cagr_call", "straight_line_call")}
    for k in sample:
        for m in tot: tot[m] += arr[k][m]
    n = tot["ours"][3]
    acc = {m: tot[m][0] / n for m in tot}; br = {m: tot[m][1] / n for m in tot}
    beat = br["ours"] < min(br["cagr_call"], br["straight_line_call"]) and acc["ours"] > max(acc["cagr_call"], acc["straight_line_call"])
    beat_ge = br["ours"] < min(br["cagr_call"], br["straight_line_call"]) and acc["ours"] >= max(acc["cagr_call"], acc["straight_line_call"])
    return beat, beat_ge, tot["ours"][2] == 0, br["ours"] <= 0.12
for label, pool in [("all targets", keys), ("2010s+ (no 9th-11th era)", keys[~np.isin(plan, ["outline_9th","outline_10th","outline_11th","provincial_11th","city_11th"])]),
                    ("other countries", keys[fam == "other"]), ("national", keys[fam == "national"])]:
    res = np.array([trial(rng.choice(pool, 22, replace=False if len(pool) >= 22 else True)) for _ in range(4000)])
    print(f"{label:28s} n_targets={len(pool):4d}  beats both (acc strictly)={res[:,0].mean():.2f}  (acc >=)={res[:,1].mean():.2f}  no CW={res[:,2].mean():.2f}  Brier<=0.12={res[:,3].mean():.2f}  all four(>=)={(res[:,1]&res[:,2]&res[:,3]).mean():.2f}")
