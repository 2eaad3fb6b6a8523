"""Collect, for every plan-set call, P(meet T) and P(meet T shifted by delta towards the near side)."""
import os
os.environ["ANALYSIS_CACHE_DIR"] = "off"
import numpy as np, pandas as pd
from pathlib import Path
OUT = Path(os.environ.get("EXPERIMENT_OUT", "/tmp/experiments")); OUT.mkdir(parents=True, exist_ok=True)
import analysis.model.backtest_national as bn
import analysis.model.forecast as fc
DELTAS = [0.0025, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08]
orig_fit = fc.fit
class Wrap:
    def __init__(self, r): self._r = r
    def __getattr__(self, k): return getattr(self._r, k)
    def prob_meets_target(self, value, year, comparator):
        p = self._r.prob_meets_target(value, year, comparator)
        LOG.append({"p": p, "last_value": self._r.last_value, **{f"p_{d}": (self._r.prob_meets_target(value * (1 - d) if comparator == ">=" else value * (1 + d), year, comparator)
                                          if value > 0 else np.nan) for d in DELTAS}})
        return p
LOG = []
def fit(*a, **k): return Wrap(orig_fit(*a, **k))
bn.fc.fit = fit
from analysis.model.backtest import (national_plan_check, provincial_plan_check, city_plan_check,
    prefecture_plan_check, older_plan_check, subnational_11th_plan_check, other_plan_check)
cal = fc.load_calibration()
parts = []
for name, f in [("national", national_plan_check), ("older", older_plan_check), ("prov", provincial_plan_check),
                ("city", city_plan_check), ("pref", prefecture_plan_check), ("11th", subnational_11th_plan_check),
                ("other", other_plan_check)]:
    LOG.clear()
    d = f(calibration=cal); d["family"] = name
    has = d["prob"].notna() | d["model"].notna() if "model" in d else d["prob"].notna()
    # rows with a fit are those with n_points >= 1, in order
    idx = d.index[d["n_points"] >= 1]
    assert len(idx) == len(LOG), (name, len(idx), len(LOG))
    extra = pd.DataFrame(LOG, index=idx)
    assert np.allclose(extra["p"].astype(float).fillna(-1), d.loc[idx, "prob"].astype(float).fillna(-1))
    d = d.join(extra.drop(columns="p"))
    parts.append(d)
plans = pd.concat(parts, ignore_index=True)
plans.to_pickle(str(OUT / "plans_bunch.pkl"))
print(len(plans))
