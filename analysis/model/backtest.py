"""Rolling-origin back-tests: interval coverage, attainment-probability skill, calibration.

Design
------
* **Series.** The real public series (China 2010-2022, Gansu/Baiyin/Lanzhou/Pingchuan;
  :func:`analysis.io.dataset.normalise_public`, one figure per year where sources disagree)
  and the bundled *illustrative* monitoring data, every series with >= 5 points.
* **Cases.** For each series, each origin ``o`` (the first ``o >= 2`` points are known) and
  each later observed year: the forecast made at the origin vs the realised value, at
  horizon ``h`` = years after the origin's last observation (1-5 years; longer horizons are not
  back-tested). From 2 points the automatic rule calls from the pooled prior (``low_information``);
  without a prior such a case counts as p = 0.5 ("insufficient data").
* **Pooled prior** (issue 16). :func:`learn_priors`: per kind of indicator, the typical yearly
  residual scale of the real series, learned leaving the forecast series out;
  :func:`select_prior` chooses its strength by nested leave-one-series-out.
* **Coverage.** Share of realised values inside the central 80% and 95% intervals.
* **Attainment skill.** For each case, pseudo-targets at the realised value times
  :data:`TARGET_RATIOS` (0.8, 0.9, 0.95, 1.05, 1.1, 1.25): met exactly when the ratio
  is <= 1, so every case has three targets just met and three just missed, placed where
  the call is hard (the neighbourhood of the outcome). Our probability ``P(Y_h >= target)``
  is scored by the Brier score and by accuracy (call "met" when p >= 0.5) against the
  evaluators' hand methods, each a deterministic 0/1 call: a straight line through the
  points (Excel ``FORECAST.LINEAR``), compound growth from the first to the last point
  (CAGR; no growth when undefined), Holt's method with fixed parameters (>= 5 consecutive
  points) and ``FORECAST.ETS`` (statsmodels' additive ETS, :func:`ets_points`; opt-in, slow).
  :func:`calls` puts ours and the rules on the same calls; :func:`summarise_calls` (Brier,
  accuracy, log score, confident wrong calls), :func:`reliability` and :func:`worst_calls`
  report them.
* **Calibration.** Per method and horizon, the factor ``c_h >= 1`` multiplying the
  predictive scale that minimises ``|cov80 - 0.80| + |cov95 - 0.95|`` on the pooled
  *real* cases (split-conformal in spirit: a quantile of standardised errors, chosen on a
  grid :data:`GRID`; made non-decreasing in ``h``; horizons with fewer than
  :data:`MIN_CASES` cases inherit the previous factor). The illustrative data are not used
  to learn it - they are synthetic - but are reported as an out-of-sample check. Coverage
  "after" is in-sample; ``after_cv`` re-learns the factors leaving each series out.
* **Recalibrated probability** (issue 16). A map of the automatic rule's probability (a shift of
  the log-odds that the trend carries the indicator past the target, for calls from at most 5
  points; :mod:`~analysis.model.backtest_recalibration`), least squares on the real series' calls, applied
  leaving the series out in the comparisons (:func:`calls`) and the national check; its terms
  chosen by :func:`select_recalibration` (nested leave-one-series-out).
* **Choosing the automatic rule.** :func:`select_auto` compares automatic rules
  (:data:`AUTO_SHORT` x :data:`AUTO_WEIGHTING`) by the leave-one-series-out Brier score on
  the real series, nested: the rule used for a series is chosen on the others.
* **National plan check.** Real plans (:data:`NATIONAL_PLANS`: the 13th Five-Year S&T plan and
  outline, 2020 targets; the 12th Five-Year outline, 2015 targets) called from each of the five
  years before the deadline and scored on the outcome; calibration factors and prior re-learned
  without the series.
* **Provincial plan check.** Provinces' five-year-plan targets (:data:`PROVINCIAL_PLANS`: 13th
  Five-Year 2020, 12th Five-Year 2015 and 14th Five-Year 2025 targets stated in the provinces' work reports)
  called the same way on each province's own published values (:func:`provincial_plan_check`).
* **City plan check.** Major cities' 13th and 14th Five-Year targets (:data:`CITY_PLANS`), the same way
  on each city's published values (:func:`city_plan_check`).

``python -m analysis backtest [--data FILE ...] [--refit]`` prints the table;
``--refit`` rewrites ``analysis/calibration.json`` (deterministic).

Modules
-------
This module is the public face (every public name below is importable from here) and the CLI:
:mod:`~analysis.model.backtest_corpus` (the series), :mod:`~analysis.model.backtest_rules` (the hand
rules), :mod:`~analysis.model.backtest_priors` (the pooled prior), :mod:`~analysis.model.backtest_recalibration`
(the probability map), :mod:`~analysis.model.backtest_run`
(the rolling-origin run and the calibration factors), :mod:`~analysis.model.backtest_scoring` (scores,
calls, reliability, worst calls), :mod:`~analysis.model.backtest_selection` (nested choice of the
automatic rule and the prior), :mod:`~analysis.model.backtest_national` (the real plans),
:mod:`~analysis.model.backtest_findings` (the numbers notebook 06 states); the CLI here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import display_name
from analysis.i18n import check_lang, has, t
from analysis.i18n.names import place_name
from analysis.io.output import render
from analysis.model import forecast as fc
from analysis.model.backtest_corpus import (
    MIN_SERIES_POINTS, public_series, illustrative_series, user_series, plan_observations, series_list,
)
from analysis.model.backtest_rules import (
    ETS_MIN, straight_line, compound_growth, holt_point, ets_points, ets_point,
)
from analysis.model.backtest_priors import (
    PRIOR_GRID, PRIOR_NU0, PRIOR_MIN_SERIES, series_scales, learn_priors,
)
from analysis.model.backtest_recalibration import (
    RECAL_GRID, RECAL_SPEC, fit_recalibration, loso_recalibrate, recal_inputs, training_calls,
)
from analysis.model.backtest_run import (
    METHODS, BASELINES, TARGET_RATIOS, LEVELS, GRID, HORIZONS, MAX_H, MIN_CASES, FIRST_ORIGIN, Backtest,
    run, calibrate, public_auto_run, public_window_run, window_series, window_calls, write_calibration,
)
from analysis.model.backtest_scoring import (
    CONFIDENT, LOG_CLIP, case_scores, score, COMPARED, calls, summarise_calls, reliability, worst_calls,
)
from analysis.model.backtest_selection import (
    AUTO_SHORT, AUTO_WEIGHTING, AUTO_REGIMES, KIND_WEIGHT_GRID, select_auto, select_prior, select_recalibration,
    select_kind_weights,
)
from analysis.model.backtest_national import (
    NATIONAL_TARGETS, NATIONAL_PLANS, NATIONAL_PLAN_NAMES, NATIONAL_REGION, national_plan_check,
    NATIONAL_METHODS, national_summary,
    PROVINCIAL_PLANS, PROVINCIAL_PLAN_NAMES, provincial_plan_check, CITY_PLANS, CITY_PLAN_NAMES, city_plan_check,
    OTHER_PLANS, OTHER_PLAN_NAMES, other_plan_check, PREFECTURE_PLANS, PREFECTURE_PLAN_NAMES, prefecture_plan_check,
    OLDER_PLANS, OLDER_PLAN_NAMES, older_plan_check, SUBNATIONAL_11TH_PLANS, subnational_11th_plan_check,
    plan_check, AMBITIOUS_P, base_rate_check, summary_by_horizon,
)
from analysis.model.backtest_findings import (
    COMPARED_METHODS, CALIBRATION_TOLERANCE, BRIER_GOAL, method_scores, national_scores, beats_hand_rules,
    hand_rule_verdict, set_verdicts, well_calibrated,
    plans_cagr_did_better, LostCalls, lost_to_compound_growth,
)

__all__ = [
    "MIN_SERIES_POINTS", "public_series", "illustrative_series", "user_series", "plan_observations", "series_list",
    "ETS_MIN", "straight_line", "compound_growth", "holt_point", "ets_points", "ets_point",
    "PRIOR_GRID", "PRIOR_NU0", "PRIOR_MIN_SERIES", "series_scales", "learn_priors", "RECAL_GRID",
    "RECAL_SPEC", "fit_recalibration", "loso_recalibrate", "recal_inputs", "training_calls", "METHODS",
    "BASELINES", "TARGET_RATIOS", "LEVELS", "GRID", "HORIZONS", "MAX_H", "MIN_CASES",
    "FIRST_ORIGIN", "Backtest", "run", "public_auto_run", "public_window_run", "window_series", "window_calls",
    "calibrate", "write_calibration", "CONFIDENT", "LOG_CLIP",
    "case_scores", "score", "COMPARED", "calls", "summarise_calls", "reliability", "worst_calls",
    "AUTO_SHORT", "AUTO_WEIGHTING", "AUTO_REGIMES", "select_auto", "select_prior", "select_recalibration",
    "KIND_WEIGHT_GRID", "select_kind_weights",
    "NATIONAL_TARGETS", "NATIONAL_PLANS", "NATIONAL_PLAN_NAMES", "NATIONAL_REGION",
    "national_plan_check", "NATIONAL_METHODS", "national_summary",
    "PROVINCIAL_PLANS", "PROVINCIAL_PLAN_NAMES", "provincial_plan_check", "CITY_PLANS", "CITY_PLAN_NAMES",
    "city_plan_check", "OTHER_PLANS", "OTHER_PLAN_NAMES", "other_plan_check", "PREFECTURE_PLANS",
    "PREFECTURE_PLAN_NAMES", "prefecture_plan_check", "OLDER_PLANS", "OLDER_PLAN_NAMES", "older_plan_check",
    "SUBNATIONAL_11TH_PLANS", "subnational_11th_plan_check", "plan_check", "base_rate_check",
    "summary_by_horizon", "COMPARED_METHODS", "CALIBRATION_TOLERANCE", "BRIER_GOAL", "hand_rule_verdict", "verdict_sentence", "set_verdicts",
    "method_scores", "national_scores",
    "beats_hand_rules", "well_calibrated", "plans_cagr_did_better", "LostCalls", "lost_to_compound_growth", "cli_backtest",
]


def _n_bucket(n: pd.Series) -> pd.Series:
    return np.where(n <= 2, "2 (low information)", np.where(n <= 5, "3-5", "6+"))


#: Columns whose values the printed tables show in the reader's language (``backtest.<column>.<value>``).
_SHOWN_VALUES = ("data", "method", "points", "plan", "horizon", "subset", "verdict")


def shown(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A back-test table as ``python -m analysis backtest`` prints it in ``lang``: column names, methods,
    plans, places, yes/no and the worst calls' reasons in that language (``--format csv/json`` keeps
    the identifiers). A plan check's indicator is shown by its name where the table has it."""
    out = df.copy()
    if "region" in out.columns:  # the other countries' plans: Sweden is 瑞典; 中国 is China
        out["region"] = [place_name(r, lang) if isinstance(r, str) else r for r in out["region"]]
    name = f"name_{lang}"
    if "indicator_id" in out.columns and name in out.columns:  # 全区技术市场合同交易额, not tech_contract_turnover
        out["indicator_id"] = [n if isinstance(n, str) and n else i for n, i in zip(out[name], out["indicator_id"])]
        out = out.rename(columns={"indicator_id": "indicator"})
    out = out.drop(columns=[c for c in ("name_zh", "name_en") if c in out.columns])
    for col in out.columns:
        if col in _SHOWN_VALUES:
            out[col] = [t(f"backtest.{col}.{v}", lang) if has(f"backtest.{col}.{v}") else v for v in out[col]]
        elif col == "comparator":  # >= and <= as a reader writes them
            out[col] = [{">=": "≥", "<=": "≤"}.get(v, v) for v in out[col]]
        elif col == "kind":
            out[col] = [t(f"intake.kind.{v}", lang) if has(f"intake.kind.{v}") else v for v in out[col]]
        elif col == "reason":
            out[col] = [t("common.list_sep", lang).join(
                t(f"backtest.reason.{part}", lang) if has(f"backtest.reason.{part}") else part
                for part in str(v).split("; ")) for v in out[col]]
        elif col in ("met", "low_information", "brier_goal", "bar") or col.endswith("_call"):  # True/False: 是/否
            out[col] = ["—" if v is None or (isinstance(v, float) and np.isnan(v)) else
                        t("backtest.yes" if bool(v) else "backtest.no", lang) for v in out[col]]
    return out.rename(columns={c: t(f"backtest.col.{c}", lang) for c in out.columns if has(f"backtest.col.{c}")})


#: Columns of a printed plan check after its ``plan`` / ``region`` columns.
_CALL_COLUMNS = ["indicator_id", "as_of", "n_points", "target", "comparator", "deadline", "actual", "met", "prob",
                 "low_information", "forecast", "straight_line_forecast", "straight_line_call", "cagr_forecast",
                 "cagr_call", "ets_forecast", "ets_call"]
#: Columns of the printed own-targets check (``backtest --targets``).
_OWN_COLUMNS = ["region"] + _CALL_COLUMNS
#: The indicator's names, which :func:`shown` puts in the place of its identifier.
_NAME_COLUMNS = ["name_zh", "name_en"]


def _print_plan_check(check: pd.DataFrame, heading: str, per_plan: str, lang: str, region: bool = True) -> None:
    """One plan check as ``backtest`` prints it: its calls under ``heading``, then its scores per plan
    (and all, when it has several) under ``per_plan`` (catalogue keys ``cli.backtest.*``)."""
    cols = (["region"] if region else []) + ["plan"] + _CALL_COLUMNS + _NAME_COLUMNS
    print("\n" + t(heading, lang))
    render(shown(check.reindex(columns=cols).round(3), lang), "table")
    print("\n" + t(per_plan, lang))
    render(shown(national_summary(check, by_plan=check["plan"].nunique() > 1).round(3), lang), "table")


def _cli_own_targets(args) -> int:
    """``backtest --targets FILE [--data FILE ...]``: the plan check of one's own catalogue."""
    lang = check_lang(getattr(args, "lang", "zh") or "zh")
    data = getattr(args, "data", None) or None
    before = getattr(args, "years_before", None)
    check = plan_check(args.targets, data, lang=lang, years_before=before)
    for info in check.attrs.get("intake", []):  # what the reader understood: on stderr, as assess says it
        print("\n".join(info.lines()), file=sys.stderr)
        for w in info.warnings:
            print(w.line(lang), file=sys.stderr)
    table = check.reindex(columns=_OWN_COLUMNS)
    if len(table) and table["region"].nunique() == 1:
        table = table.drop(columns="region")
    fmt = getattr(args, "format", "table") or "table"
    out = getattr(args, "output", None)
    named = table.join(check.reindex(columns=_NAME_COLUMNS))
    if fmt != "table" or out is not None:
        render(shown(named.round(4), lang) if fmt in ("table", "xlsx") else table.round(4), fmt, out)
        return 0
    shown_file = display_name(Path(args.targets))
    print(t("cli.backtest.own", lang, file=shown_file) if before is None else
          t("cli.backtest.own_years", lang, file=shown_file, years=("、" if lang == "zh" else ", ").join(map(str, before))))
    render(shown(named.round(3), lang), "table")
    seen = check.groupby(["region", "indicator_id"], sort=False)["n_points"].max()
    missing = [f"{place_name(r, lang)} {i}" for (r, i), n in seen.items() if not n > 0]
    if missing:
        print("\n" + t("cli.backtest.own_no_data", lang, n=len(missing), items="、".join(missing) if lang == "zh"
                        else ", ".join(missing)))
    unscored = check.loc[check["met"].isna() & (check["n_points"] > 0), ["region", "indicator_id", "target"]]
    unscored = unscored.drop_duplicates()
    if len(unscored):
        print("\n" + t("cli.backtest.own_unscored", lang, n=len(unscored)))
    summary = national_summary(check)
    if len(summary) and (summary["n"] > 0).any():
        print("\n" + t("cli.backtest.own_summary", lang))
        render(shown(summary.round(3), lang), "table")
        v = hand_rule_verdict(summary)
        if v is not None:  # the scores in one sentence, as the issue judges a held-out set
            print("\n" + verdict_sentence(v, lang))
        if (check["deadline"] - check["as_of"]).nunique() > 1:  # and by years ahead, as the plan sets are shown
            print("\n" + t("cli.backtest.own_by_horizon", lang))
            render(shown(summary_by_horizon(check).round(3), lang), "table")
    else:
        print(t("cli.backtest.own_none", lang))
    print("\n" + t("cli.backtest.own_calibration" if data else "cli.backtest.own_public", lang))
    return 0


def verdict_sentence(v: dict, lang: str) -> str:
    """:func:`hand_rule_verdict` in words: Brier score and accuracy beside the two rules', confident wrong
    calls, the 0.12 goal and whether the set meets the bar."""
    (sl_b, sl_a), (cg_b, cg_a) = v["rules"]["straight_line"], v["rules"]["cagr"]
    return t("cli.backtest.verdict", lang, calls=v["n"], brier=f"{v['brier']:.3f}", sl_brier=f"{sl_b:.3f}", cagr_brier=f"{cg_b:.3f}",
             brier_word=t("cli.backtest.verdict.brier_" + ("best" if v["brier_best"] else "not_best"), lang),
             accuracy=f"{v['accuracy']:.3f}", sl_accuracy=f"{sl_a:.3f}", cagr_accuracy=f"{cg_a:.3f}",
             accuracy_word=t(f"cli.backtest.verdict.accuracy_{v['accuracy_vs']}", lang), n=v["confident_wrong"],
             goal=t("cli.backtest.verdict.goal_" + ("met" if v["brier_goal"] else "not_met"), lang, goal=BRIER_GOAL),
             bar=t("cli.backtest.verdict.bar_" + ("met" if v["bar"] else "not_met"), lang))


def cli_backtest(args) -> int:
    """``python -m analysis backtest``: print the coverage / Brier table, then (table output) the
    comparison with the evaluators' rules on held-out real series (overall, per horizon, per kind,
    per number of points), the reliability-diagram data, our 10 worst calls and the national plans."""
    if getattr(args, "targets", None):
        return _cli_own_targets(args)
    if getattr(args, "years_before", None):  # the corpus back-test has no deadlines to count back from
        print(t("cli.backtest.years_before_needs_targets", check_lang(getattr(args, "lang", "zh") or "zh")),
              file=sys.stderr)
        return 2
    refit = bool(getattr(args, "refit", False))
    public = series_list(public_series())
    if getattr(args, "data", None):
        other = series_list(user_series(args.data))
    else:
        other = series_list(illustrative_series())
    bt = run(public + other, ets=True)
    window = public_window_run(public)      # the short histories at every period, of the public series
    if refit:
        cal = calibrate(bt, window)
        path = write_calibration(cal)
        print(t("cli.backtest.wrote", check_lang(getattr(args, "lang", "zh") or "zh"), path=path), flush=True)
    else:
        cal = fc.load_calibration()
    table = score(bt, cal)
    fmt = getattr(args, "format", "table") or "table"
    lang = check_lang(getattr(args, "lang", "zh") or "zh")
    render(shown(table.round(4), lang) if fmt == "table" else table.round(4), fmt, getattr(args, "output", None))
    if fmt == "table" and getattr(args, "output", None) is None:
        c = calls(bt, cal, window=window)
        if not c.empty:
            c["points"] = _n_bucket(c["n_train"])
            print("\n" + t("cli.backtest.calls", lang, clip=LOG_CLIP))
            render(shown(summarise_calls(c).round(4), lang), "table")
            for by in ("horizon", "kind", "points"):
                print("\n" + t(f"cli.backtest.by_{by}", lang))
                render(shown(summarise_calls(c, by=[by]).round(4), lang), "table")
            print("\n" + t("cli.backtest.reliability", lang))
            render(shown(reliability(c).round(3), lang), "table")
            print("\n" + t("cli.backtest.worst", lang))
            render(shown(worst_calls(c, public + other).round(3), lang), "table")
        check = national_plan_check(calibration=cal)
        _print_plan_check(check, "cli.backtest.national", "cli.backtest.per_plan", lang, region=False)
        prov = provincial_plan_check(calibration=cal)
        _print_plan_check(prov, "cli.backtest.provincial", "cli.backtest.provincial_per_plan", lang)
        city = city_plan_check(calibration=cal)
        if len(city):
            _print_plan_check(city, "cli.backtest.city", "cli.backtest.city_per_plan", lang)
        pref = prefecture_plan_check(calibration=cal)
        if len(pref):
            _print_plan_check(pref, "cli.backtest.prefecture", "cli.backtest.prefecture_per_plan", lang)
        older = older_plan_check(calibration=cal)
        if len(older):
            _print_plan_check(older, "cli.backtest.older", "cli.backtest.older_per_plan", lang, region=False)
        eleventh = subnational_11th_plan_check(calibration=cal)
        if len(eleventh):
            _print_plan_check(eleventh, "cli.backtest.eleventh", "cli.backtest.eleventh_per_plan", lang)
        other = other_plan_check(calibration=cal)
        if len(other):
            _print_plan_check(other, "cli.backtest.other", "cli.backtest.other_per_plan", lang)
        plans = pd.concat([check, older, prov, city, pref, eleventh, other], ignore_index=True)
        print("\n" + t("cli.backtest.plans_by_horizon", lang))
        render(shown(summary_by_horizon(plans).round(3), lang), "table")
        sets = set_verdicts(plans)
        if len(sets):  # each set as the issue judges a held-out one
            print("\n" + t("cli.backtest.set_verdicts", lang, goal=BRIER_GOAL))
            render(shown(sets.round(3), lang), "table")
            counts = sets["verdict"].value_counts()
            print(t("cli.backtest.set_verdicts_count", lang, n=len(sets), beats=int(counts.get("beats", 0)),
                    ties=int(counts.get("ties", 0)), behind=int(counts.get("behind", 0)),
                    goal=int(sets["brier_goal"].sum()), bar=int(sets["bar"].sum()), limit=BRIER_GOAL))
        print("\n" + t("cli.backtest.base_rate", lang, p=AMBITIOUS_P))
        render(shown(base_rate_check(plans).round(3), lang), "table")
    return 0
