"""The per-series scorecard as it was before vectorisation: the reference for tests.

Copied from ``analysis/assess.py`` / ``analysis/model/scorecard.py`` before the scorecard
was computed with array operations (commit e3e5c22). One Python ``_row`` per (region, target)
with the scalar rules of :mod:`analysis.model.trends` and :mod:`analysis.model.labels`. The
vectorised scorecard must give the same numbers (1e-9) for every column the stages did not
change on purpose (see ``tests/test_assess.py::test_vectorised_equals_per_series_reference``).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis import config
from analysis.model import forecast, labels, trends
from analysis.model.scorecard import measure_of


def _num(x) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return float("nan")
    return v


def _row(region: str, meta: pd.Series, s: pd.Series, fc: dict, baseline_year: int | None) -> dict:
    target, comp = float(meta["value"]), str(meta["comparator"])
    deadline = int(meta["deadline_effective"])
    measure = measure_of(meta)
    notes: list[str] = []
    if bool(meta.get("deadline_assumed", False)):
        notes.append(f"no deadline in the plan: judged at the horizon {deadline}")
    n = int(len(s))
    row = dict(region=region, indicator_id=meta["id"], name_zh=meta["name_zh"],
               name_en=meta.get("name_en", meta["id"]), unit=meta["unit"], kind=meta.get("kind", ""),
               measure=measure, target=target, comparator=comp, deadline=deadline,
               deadline_assumed=bool(meta.get("deadline_assumed", False)), n_points=n,
               model=fc.get("model", ""))
    for c in ("forecast", "lower_80", "upper_80", "lower_95", "upper_95", "prob_meet"):
        row[c] = _num(fc.get(c, float("nan")))
    if n == 0:
        notes.append("no observations")
        row.update(eurostat_label=labels.INSUFFICIENT, anticipated_label=labels.INSUFFICIENT,
                   schedule_label=labels.INSUFFICIENT, status=labels.INSUFFICIENT, note="; ".join(notes))
        return row

    last_year, last_value = int(s.index[-1]), float(s.iloc[-1])
    deadline_reached = last_year >= deadline
    if measure == "flow" and deadline_reached:
        at = s[s.index <= deadline]
        judged = float(at.iloc[-1]) if len(at) and int(at.index[-1]) == deadline else float("nan")
        met_now = trends.meets(judged, target, comp)
    else:
        met_now = trends.meets(last_value, target, comp)
    if measure == "flow" and met_now and not deadline_reached:
        notes.append(f"flow: already at the target, but it must be met in {deadline}")
    achieved_year = trends.first_year_met(s, target, comp)

    # baseline for the growth ratio, the anticipated ratio and the schedule check
    base_year, base_value = trends.baseline(s, baseline_year)
    t0, v0 = base_year, base_value
    if last_year <= base_year and n >= 2:  # no growth since the baseline yet: use the first point
        t0, v0 = int(s.index[0]), float(s.iloc[0])
        notes.append(f"latest year is not after the baseline {base_year}: growth measured from {t0}")
    actual = trends.growth(s, start=t0)
    required_base = trends.required_growth(v0, t0, target, deadline)
    required = trends.required_growth(last_value, last_year, target, deadline)
    ratio, basis = trends.growth_ratio(actual, required_base, comp)
    for g in (actual, required):
        if g.reason and g.basis == "absolute" and g.reason not in notes:
            notes.append(g.reason)
    sched = trends.schedule(s, target, deadline, baseline_year=baseline_year)
    insufficient_fc = bool(fc.get("insufficient", n < labels.MIN_POINTS)) or math.isnan(row["forecast"])
    ant = float("nan") if insufficient_fc else labels.anticipated_ratio(row["forecast"], v0, target)
    # a base that already met the target: no share of the way, labels read from the values (stop 41)
    sched_base_met, ant_base_met = trends.meets(base_value, target, comp), trends.meets(v0, target, comp)
    progress = float("nan") if sched_base_met else sched.progress_share
    if ant_base_met:
        ant = float("nan")

    achieved_label = trends.meets(last_value, target, comp)
    if meta.get("kind") == "milestone":
        lab, year = labels.milestone_label(s, target, comp)
        eu = an = sc = lab
        if lab == "achieved":
            notes.append(f"milestone reached in {year}")
    else:
        eu = labels.eurostat_label(ratio, achieved=achieved_label)
        an = labels.anticipated_label(ant, achieved=achieved_label, base_met=ant_base_met and not insufficient_fc,
                                      forecast_met=trends.meets(row["forecast"], target, comp))
        sc = labels.schedule_label(progress, sched.time_share, achieved=achieved_label, base_met=sched_base_met)
        if not achieved_label and (sched_base_met or ant_base_met):
            notes.append(f"met the target in the base year {base_year if sched_base_met else t0}, "
                         "no longer since: no share of progress")

    prob = row["prob_meet"]
    if deadline_reached:
        prob = 1.0 if met_now else 0.0
        notes.append(f"deadline {deadline} observed: judged on the data")
    status = labels.status_rule(met_now=met_now, counts_now=measure == "stock",
                                deadline_reached=deadline_reached, n_points=n, prob_meet=prob)
    if status == labels.INSUFFICIENT and n < labels.MIN_POINTS:
        notes.append(f"fewer than {labels.MIN_POINTS} observations")
    row.update(
        baseline_year=base_year, baseline_value=base_value, last_year=last_year, last_value=last_value,
        achieved_year=achieved_year, prob_meet=prob,
        required_growth=required.rate, required_per_year=required.per_year,
        actual_growth=actual.rate, actual_per_year=actual.per_year, growth_from=t0,
        growth_basis=basis, growth_ratio=ratio, anticipated_ratio=ant,
        progress_share=progress, time_share=sched.time_share,
        eurostat_label=eu, anticipated_label=an, schedule_label=sc, status=status, note="; ".join(notes),
    )
    return row



def reference_assess(obs: pd.DataFrame, targets: pd.DataFrame, *, as_of=None, baseline_year=None) -> pd.DataFrame:
    """The old loop: forecast panel once, then one ``_row`` per (region, target)."""
    if as_of is not None:
        obs = obs.loc[obs["year"].astype(int) <= int(as_of)]
    obs = obs.dropna(subset=["value"]).copy()
    obs["year"] = obs["year"].astype(int)
    obs["value"] = obs["value"].astype(float)
    as_of_eff = int(as_of) if as_of is not None else (int(obs["year"].max()) if len(obs) else None)
    panel = forecast.forecast_panel(obs, targets, as_of=as_of_eff)
    fc_by_key = {(r["region"], r["indicator_id"]): r for r in panel.to_dict("records")}
    regions = list(dict.fromkeys(obs["region"])) or [config.DEFAULT_REGION]
    series = {k: pd.Series(g["value"].to_numpy(), index=g["year"].to_numpy()).sort_index()
              for k, g in obs.groupby(["region", "indicator_id"], sort=False)}
    rows = []
    empty = pd.Series(dtype="float64")
    for region in regions:
        for _, meta in targets.iterrows():
            key = (region, meta["id"])
            s = trends.clean(series.get(key, empty))
            rows.append(_row(region, meta, s, fc_by_key.get(key, {}), baseline_year))
    out = pd.DataFrame(rows)
    if as_of_eff is not None:  # a deadline passed (its year unreported): no pace still required (stop 43)
        gone = pd.to_numeric(targets["deadline_effective"], errors="coerce").to_numpy()
        gone = np.tile(gone <= as_of_eff, len(regions))
        out.loc[gone, ["required_growth", "required_per_year"]] = np.nan
    for c in ("model", "growth_basis", "note"):
        out[c] = out[c].fillna("").astype(str)
    return out
