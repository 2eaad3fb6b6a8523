"""More weight on the log-drift (compound growth) half for long series only: from N points on, the
mixture's weights are (1 - a, a) instead of (0.5, 0.5). Corpus back-test and calibration refitted (nested
leave-one-series-out scores), then the nineteen plan sets with that calibration. Usage: long_weight.py N a."""
import os
import sys
from pathlib import Path

os.environ["ANALYSIS_CACHE_DIR"] = "off"
import numpy as np
import pandas as pd

from analysis.model import forecast_components as fcc
from analysis.model import forecast_mixture as fcm

N, A = int(sys.argv[1]), float(sys.argv[2])
OUT = Path(os.environ.get("EXPERIMENT_OUT", "/tmp/experiments"))
OUT.mkdir(parents=True, exist_ok=True)
_orig = fcc._auto_weights


def _weights(t, Y, kind, cands):
    w = _orig(t, Y, kind, cands)
    if list(cands) == ["drift", "logdrift"] and len(t) >= N:
        w = np.tile([1.0 - A, A], (Y.shape[0], 1))
    return w


fcc._auto_weights = _weights
fcm._auto_weights = _weights
from analysis.model.backtest import (calibrate, calls, city_plan_check, national_plan_check,  # noqa: E402
                                     older_plan_check, other_plan_check, prefecture_plan_check, provincial_plan_check,
                                     run, set_verdicts, subnational_11th_plan_check, summarise_calls,
                                     summary_by_horizon)
from analysis.model.backtest_corpus import illustrative_series, public_series, series_list  # noqa: E402
from analysis.model.backtest_run import public_window_run  # noqa: E402

public = series_list(public_series())
bt = run(public + series_list(illustrative_series()), ets=False)
window = public_window_run(public)
cal = calibrate(bt, window)
print("recal", cal.get("recalibration", {}).get("coef"), "factors", cal["factors"].get("auto"))
print(summarise_calls(calls(bt, cal, window=window)).round(4).to_string())
parts = []
for name, f in [("national", national_plan_check), ("older", older_plan_check), ("prov", provincial_plan_check),
                ("city", city_plan_check), ("pref", prefecture_plan_check), ("11th", subnational_11th_plan_check),
                ("other", other_plan_check)]:
    d = f(calibration=cal)
    d["family"] = name
    parts.append(d)
plans = pd.concat(parts, ignore_index=True)
plans.to_pickle(OUT / f"plans_long_{N}_{A}.pkl")
print(summary_by_horizon(plans).query("horizon in ['1-3', 'all']").round(3).to_string())
v = set_verdicts(plans)
print(v.verdict.value_counts().to_dict(), "brier<=0.12:", int(v.brier_goal.sum()))
print(v[v.plan.str.startswith("eu")].round(3).to_string())
