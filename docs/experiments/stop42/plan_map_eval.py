"""The probability map's short-series term learned on the real plan sets instead of the corpus: nested,
each set's calls mapped with a term learned on the other sets only (least Brier score), against the
committed term and no term. Reads plan_map_collect.py's output. Argument: ``shift`` adds a shift of
every call's log-odds learned the same way (the base rate of section 8, with the short term)."""
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.special import expit, logit

from analysis.model.forecast_calibration import LOW_INFORMATION_MAX, RECAL_SHORT_POINTS

OUT = Path(os.environ.get("EXPERIMENT_OUT", "/tmp/experiments"))
p = pd.read_pickle(OUT / "plans_nomap.pkl").drop_duplicates(["region", "indicator_id", "target", "comparator", "as_of"])
p["h"] = p.deadline - p.as_of
p = p[p.met.notna() & (p.n_points >= 2)].copy()
y = (p.met.astype(float) == 1).to_numpy()
has = p.prob.notna().to_numpy()
ge = (p.comparator == ">=").to_numpy()
raw = np.where(has, p.prob.astype(float).fillna(0.5), 0.5)
pge = np.where(ge, raw, 1 - raw)
up = (p.forecast >= p.last_value).to_numpy()
short = (p.n_points <= RECAL_SHORT_POINTS).to_numpy()
low = p.low_information.fillna(False).astype(bool).to_numpy()
h = p.h.to_numpy()
plans = p.plan.to_numpy()


def mapped(s, shift=0.0):
    u = np.where(up, pge, 1 - pge)
    with np.errstate(divide="ignore"):
        u2 = expit(logit(np.clip(u, 0, 1)) + s * short + shift)
    u2 = np.where(low, np.clip(u2, 1 - LOW_INFORMATION_MAX, LOW_INFORMATION_MAX), u2)
    q = np.where(up, u2, 1 - u2)
    return np.where(has, np.where(ge, q, 1 - q), 0.5)


def sc(q, m):
    return (f"{((q[m] >= .5) == y[m]).mean():.3f} / {((q[m] - y[m]) ** 2).mean():.4f} / "
            f"{int((((q[m] >= .9) & ~y[m]) | ((q[m] <= .1) & y[m])).sum())}")


GRID = np.round(np.arange(-1.0, 1.0001, 0.05), 2)
SHIFTS = GRID if "shift" in sys.argv else [0.0]
nested = np.empty(len(p))
chosen = {}
for k in np.unique(plans):
    tr = plans != k
    best = min(((s, b) for s in GRID for b in SHIFTS), key=lambda sb: ((mapped(*sb)[tr] - y[tr]) ** 2).mean())
    chosen[k] = best
    nested[plans == k] = mapped(*best)[plans == k]
print("chosen (short, shift) leaving each set out:", sorted(set(chosen.values())))
committed = mapped(-0.26902)
none = mapped(0.0)
cagr, sl = p.cagr_call.to_numpy(float), p.straight_line_call.to_numpy(float)
rows = []
for lab, m in [("all", h > 0), ("1-3", h <= 3), ("4-5", h >= 4), ("short calls (2-5 points), 1-3", short & (h <= 3))]:
    rows.append(dict(calls=lab, n=int(m.sum()), committed=sc(committed, m), no_term=sc(none, m), nested=sc(nested, m),
                     compound_growth=sc(cagr, m), straight_line=sc(sl, m)))
pd.set_option("display.width", 250)
print(pd.DataFrame(rows).to_string(index=False))


def beats(q, m):
    a, b = ((q[m] >= .5) == y[m]).mean(), ((q[m] - y[m]) ** 2).mean()
    ra = max(((r[m] >= .5) == y[m]).mean() for r in (cagr, sl))
    rb = min(((r[m] - y[m]) ** 2).mean() for r in (cagr, sl))
    return "beats" if b < rb and a > ra else ("ties acc" if b < rb and a >= ra else "behind")


per = []
for k in np.unique(plans):
    m = (plans == k) & (h <= 3)
    per.append(dict(plan=k, n=int(m.sum()), committed=sc(committed, m), no_term=sc(none, m), nested=sc(nested, m),
                    committed_vs_rules=beats(committed, m), no_term_vs_rules=beats(none, m),
                    nested_vs_rules=beats(nested, m)))
per = pd.DataFrame(per)
print(per.to_string(index=False))
print({c: per[c].value_counts().to_dict() for c in ("committed_vs_rules", "no_term_vs_rules", "nested_vs_rules")})
