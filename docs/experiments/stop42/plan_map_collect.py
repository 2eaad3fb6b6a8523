"""Every plan-set call's probability *before* the probability map (no recalibration: the national,
provincial and city checks with ``recal_terms=()``, the held-out sets with the committed calibration
less its map), with what the map needs: the last value, the forecast, points known, 2-point call."""
import os
from pathlib import Path

os.environ["ANALYSIS_CACHE_DIR"] = "off"
import numpy as np
import pandas as pd

import analysis.model.backtest_national as bn
import analysis.model.forecast as fc
from analysis.model.backtest import (city_plan_check, national_plan_check, older_plan_check, other_plan_check,
                                     prefecture_plan_check, provincial_plan_check, subnational_11th_plan_check)

OUT = Path(os.environ.get("EXPERIMENT_OUT", "/tmp/experiments"))
OUT.mkdir(parents=True, exist_ok=True)
LOG = []
orig_fit = fc.fit


class Wrap:
    def __init__(self, r):
        self._r = r

    def __getattr__(self, k):
        return getattr(self._r, k)

    def prob_meets_target(self, value, year, comparator):
        p = self._r.prob_meets_target(value, year, comparator)
        LOG.append({"p": p, "last_value": self._r.last_value})
        return p


bn.fc.fit = lambda *a, **k: Wrap(orig_fit(*a, **k))
cal = {k: v for k, v in fc.load_calibration().items() if k != "recalibration"}
parts = []
for name, f in [("national", lambda: national_plan_check(recal_terms=())),
                ("older", lambda: older_plan_check(calibration=cal)),
                ("prov", lambda: provincial_plan_check(recal_terms=())),
                ("city", lambda: city_plan_check(recal_terms=())),
                ("pref", lambda: prefecture_plan_check(calibration=cal)),
                ("11th", lambda: subnational_11th_plan_check(calibration=cal)),
                ("other", lambda: other_plan_check(calibration=cal))]:
    LOG.clear()
    d = f()
    d["family"] = name
    idx = d.index[d["n_points"] >= 1]
    assert len(idx) == len(LOG), (name, len(idx), len(LOG))
    d = d.join(pd.DataFrame(LOG, index=idx).drop(columns="p"))
    parts.append(d)
plans = pd.concat(parts, ignore_index=True)
plans.to_pickle(OUT / "plans_nomap.pkl")
print(len(plans))
