"""A drift on the last W points only: corpus back-test refitted (nested leave-one-series-out
scores) and the nineteen plan sets called with that calibration. Usage: drift_window.py none|8|6."""
import os, sys, json
os.environ["ANALYSIS_CACHE_DIR"] = "off"
from pathlib import Path
OUT = Path(os.environ.get("EXPERIMENT_OUT", "/tmp/experiments")); OUT.mkdir(parents=True, exist_ok=True)
W = None if sys.argv[1] == "none" else int(sys.argv[1])
import numpy as np, pandas as pd
from analysis.model import forecast_components as fcc
_orig = fcc._c_drift
def _windowed(t, Y, hy, log=False, prior=None):
    """The drift components on the last W points only (the whole series when it is no longer)."""
    if W and Y.shape[1] > W:
        t, Y = t[-W:], Y[:, -W:]
    return _orig(t, Y, hy, log, prior)
fcc._c_drift = _windowed
from analysis.model.backtest import (run, calibrate, calls, summarise_calls, national_plan_check, provincial_plan_check,
    city_plan_check, prefecture_plan_check, older_plan_check, subnational_11th_plan_check, other_plan_check)
from analysis.model.backtest_corpus import public_series, series_list, illustrative_series
from analysis.model.backtest_run import public_window_run
public = series_list(public_series())
other = series_list(illustrative_series())
bt = run(public + other, ets=False)
window = public_window_run(public)
cal = calibrate(bt, window)
print("recal", cal.get("recalibration", {}).get("coef"), "factors", cal["factors"].get("auto"))
c = calls(bt, cal, window=window)
s = summarise_calls(c)
print(s.to_string())
s2 = summarise_calls(c, by=["horizon"]); print(s2[s2.method == "ours"].to_string())
parts = []
for name, f in [("national", national_plan_check), ("older", older_plan_check), ("prov", provincial_plan_check),
                ("city", city_plan_check), ("pref", prefecture_plan_check), ("11th", subnational_11th_plan_check),
                ("other", other_plan_check)]:
    d = f(calibration=cal); d["family"] = name; parts.append(d)
plans = pd.concat(parts, ignore_index=True)
plans.to_pickle(OUT / f"plans_w{sys.argv[1]}.pkl")
json.dump(cal, open(OUT / f"cal_w{sys.argv[1]}.json", "w"), default=float)
