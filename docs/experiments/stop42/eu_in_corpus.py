"""The EU series in the corpus (docs/forecast.md §17, point 4). Run in a scratch checkout where
``analysis/io/dataset.py``'s ``PUBLIC_FILES`` also lists the four ``eu_*_observations.csv`` files and
``analysis/model/backtest_national.py``'s ``_ALL_PLANS`` maps the four EU keys (``eu_2020``, ``eu_2020_rd``,
``eu_2020_education``, ``eu_2020_employment``) to their catalogues, after ``python -m analysis backtest --refit``
there, with ``PYTHONPATH`` pointing at it and its own ``ANALYSIS_CACHE_DIR``. The EU sets are then called
like the Chinese provinces: each with the calibration re-learned without its own series."""
import os
from pathlib import Path

import pandas as pd

import analysis.model.forecast as fc
from analysis.model.backtest import (city_plan_check, national_plan_check, older_plan_check, prefecture_plan_check,
                                     provincial_plan_check, set_verdicts, subnational_11th_plan_check,
                                     summary_by_horizon)

OUT = Path(os.environ.get("EXPERIMENT_OUT", "/tmp/experiments"))
OUT.mkdir(parents=True, exist_ok=True)
cal = fc.load_calibration()
parts = []
for name, f in [("national", lambda: national_plan_check()), ("older", lambda: older_plan_check(calibration=cal)),
                ("prov", lambda: provincial_plan_check()), ("city", lambda: city_plan_check()),
                ("pref", lambda: prefecture_plan_check(calibration=cal)),
                ("11th", lambda: subnational_11th_plan_check(calibration=cal)),
                ("other", lambda: national_plan_check(plans=("eu_2020", "eu_2020_rd", "eu_2020_education",
                                                             "eu_2020_employment")))]:
    d = f()
    d["family"] = name
    parts.append(d)
plans = pd.concat(parts, ignore_index=True)
plans.to_pickle(OUT / "plans_eu_corpus.pkl")
print(summary_by_horizon(plans).query("horizon in ['1-3', 'all']").round(3).to_string())
print(set_verdicts(plans).round(3).to_string())
