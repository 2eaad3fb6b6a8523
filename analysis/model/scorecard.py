"""The scorecard: where does each target stand, at this stage of the plan?

:func:`assess` gives a :class:`Scorecard` whose ``.table`` has one row per (region,
target): the latest value, the stage of the plan, the verdict of that stage, the growth
still required and achieved, three published progress labels
(:mod:`analysis.model.labels`) and one status. Everything is computed with array
operations over all series at once (no Python loop per series).

One rule per stage (pinned in ``tests/test_assess.py``; see ``docs/attainment.md``):

=======================  ==========================================================  ==========================
stage                    when                                                        status
=======================  ==========================================================  ==========================
``deadline observed``    the deadline year has a value                               ``achieved`` /
                                                                                     ``not achieved``, with
                                                                                     ``completion_rate`` and
                                                                                     ``gap``; no forecast
``deadline not reported`` the data reach the deadline year (``as_of``) but this       ``deadline year not
                         series has no value for it                                  reported``; the nearest
                                                                                     years before and after are
                                                                                     shown, never a forecast
``met early``            a *stock* whose last value before the deadline meets the    ``achieved``, ``prob_meet``
                         target, no value after the deadline missing it (checked     = 1 ("met in 2018; to be
                         before "deadline not reported")                             held")
``before deadline``      otherwise                                                   fewer than 3 points:
                                                                                     ``insufficient data``; else
                                                                                     by ``prob_meet``: >= 0.8
                                                                                     ``on track``, 0.2-0.8 ``at
                                                                                     risk``, < 0.2 ``off track``
=======================  ==========================================================  ==========================

A *flow* (an annual amount, a share of a year's GDP) must be met in the deadline year:
meeting it earlier is noted, its status still comes from the forecast. Stock or flow: the
catalogue's optional ``measure`` column, else kinds ``level`` and ``share`` are flows.

Baseline (growth since the base year, 序时进度): ``baseline=`` (``--baseline``), else the
catalogue's ``baseline`` column, else the series' first observed year; the
``baseline_source`` column says which. Per-region targets: a catalogue row with a
``region`` applies to that region only (and replaces a general row of the same id); a
row without one applies to every region. A (region, indicator) with data but no target
for that region is listed in :attr:`Scorecard.untargeted`, never judged against another
region's target.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config
from analysis.errors import InputError, Problem
from analysis.i18n import t
from analysis.io import catalogue, dataset
from analysis.io.output import render
from analysis.io.readers.validate import intake_warning_line
from analysis.model import forecast, labels, text, trends
from analysis.model.labels import is_illustrative
from analysis.model.scorecard_result import Scorecard, table_view

__all__ = ["assess", "cli_assess", "measure_of", "table_view", "Scorecard", "COLUMNS", "FLOW_KINDS",
           "STAGES"]

FLOW_KINDS = ("level", "share", "rate")
OBS_COLUMNS = ("indicator_id", "year", "value")
#: Stages of the plan, in the ``stage`` column.
STAGES = ("before deadline", "deadline observed", "deadline not reported", "met early")

#: Output columns, in order.
COLUMNS = (
    "region", "indicator_id", "name_zh", "name_en", "unit", "kind", "measure", "target", "comparator",
    "deadline", "deadline_assumed", "baseline_year", "baseline_value", "baseline_source", "last_year",
    "last_value", "n_points", "achieved_year", "stage", "deadline_value", "completion_rate", "gap",
    "before_year", "before_value", "after_year", "after_value", "forecast", "lower_80", "upper_80",
    "lower_95", "upper_95", "prob_meet", "required_growth", "required_per_year", "actual_growth",
    "actual_per_year", "growth_from", "growth_basis", "growth_ratio", "anticipated_ratio", "progress_share",
    "time_share", "eurostat_label", "anticipated_label", "schedule_label", "model", "status", "note",
)
_INT_COLUMNS = ("baseline_year", "last_year", "achieved_year", "growth_from", "deadline", "n_points",
                "before_year", "after_year")
_FC_COLUMNS = ("forecast", "lower_80", "upper_80", "lower_95", "upper_95", "prob_meet")
_KEY = "\x1f"  # joins region and id into one forecast-panel id for per-region catalogues


def measure_of(meta: pd.Series) -> str:
    """``"stock"`` or ``"flow"`` for one catalogue row (``measure`` column, else by kind)."""
    m = str(meta.get("measure", "") or "").strip().lower()
    if m in ("stock", "flow"):
        return m
    return "flow" if meta.get("kind") in FLOW_KINDS else "stock"


def _measures(rows: pd.DataFrame) -> np.ndarray:
    m = rows["measure"].fillna("").astype(str).str.strip().str.lower() if "measure" in rows.columns \
        else pd.Series("", index=rows.index)
    by_kind = np.where(rows["kind"].isin(FLOW_KINDS), "flow", "stock")
    return np.where(m.isin(["stock", "flow"]), m, by_kind)


# ------------------------------------------------------------------------------ inputs
def _load_targets(targets) -> pd.DataFrame:
    if targets is None or isinstance(targets, (str, Path)):
        return catalogue.load_targets(targets)
    return targets


def _read_warnings(attrs: dict) -> list[str]:
    """The reader's warnings on one file (``attrs["intake"]``), as printed (``FILE:ROW:COLUMN: 警告：...``)."""
    info = attrs.get("intake")
    return [intake_warning_line(w, info.lang) for w in info.warnings] if info is not None else []


def _load_obs(obs, targets: pd.DataFrame, skip_unknown: bool = False) -> pd.DataFrame:
    if isinstance(obs, (list, tuple)):
        if len(obs) == 1:
            obs = obs[0]
        else:  # several files: read, checked across (a value two give differently), stacked
            return dataset.load_observations(list(obs), targets, skip_unknown=skip_unknown)
    if obs is None or isinstance(obs, (str, Path)):
        df = dataset.load_observations(obs, targets=targets, skip_unknown=skip_unknown)
        if "illustrative" not in df.attrs:
            try:
                prov = dataset.provenance(obs)
                df.attrs.update(illustrative=bool(prov.get("illustrative", False)),
                                source_zh=prov.get("source_zh", ""), source_en=prov.get("source_en", ""))
            except Exception:  # noqa: BLE001 - provenance is best effort  # pragma: no cover
                pass
        return df
    missing = [c for c in OBS_COLUMNS if c not in obs.columns]
    if missing:
        raise InputError([Problem.said("<observations>", None, c, "intake.required_column") for c in missing])
    df = obs.copy()
    if "illustrative" not in df.attrs:  # the sources looked at once each, not once a row
        df.attrs["illustrative"] = is_illustrative(df[["source"]].drop_duplicates() if "source" in df else df)
    if "region" not in df.columns:
        df["region"] = config.DEFAULT_REGION
    return df


# ------------------------------------------------------------------ (region, target) rows
def _target_rows(targets: pd.DataFrame, obs_regions: list[str]) -> pd.DataFrame:
    """Every region's own targets, one row per (region, target), regions then catalogue order.

    A catalogue row with a ``region`` applies to that region only and replaces the general
    row (no region) of the same id there. Regions: those of the observations in order of
    appearance, then regions only the catalogue names.
    """
    tg = targets.reset_index(drop=True).copy()
    tg["region"] = tg["region"].fillna("").astype(str).str.strip() if "region" in tg.columns else ""
    named = [r for r in dict.fromkeys(tg["region"]) if r]
    regions = list(dict.fromkeys(list(obs_regions) + named)) or [config.DEFAULT_REGION]
    tg["_order"] = tg.groupby("id", sort=False).ngroup()  # first position of the id in the catalogue
    if not named:
        out = tg.drop(columns="region").merge(pd.DataFrame({"region": regions}), how="cross")
        out["_r"] = out["region"].map({r: i for i, r in enumerate(regions)})
        out = out.sort_values(["_r", "_order"], kind="stable")
    else:
        general, specific = tg[tg["region"] == ""], tg[tg["region"] != ""]
        g = general.drop(columns="region").merge(pd.DataFrame({"region": regions}), how="cross")
        g["_specific"] = 0
        s = specific.assign(_specific=1)
        out = pd.concat([s, g], ignore_index=True)
        out = out.drop_duplicates(["region", "id"], keep="first")  # a region's own row wins
        out["_r"] = out["region"].map({r: i for i, r in enumerate(regions)})
        out = out.sort_values(["_r", "_order"], kind="stable").drop(columns="_specific")
    return out.drop(columns=["_r", "_order"]).reset_index(drop=True)


def _panel(obs: pd.DataFrame, rows: pd.DataFrame, as_of: int | None) -> pd.DataFrame:
    """The forecast panel (:func:`analysis.model.forecast.forecast_panel`) aligned to ``rows``."""
    cols = ["model", "insufficient", *_FC_COLUMNS]
    if obs.empty:
        return pd.DataFrame({c: [np.nan] * len(rows) for c in cols}, index=rows.index)
    spec = ["value", "comparator", "deadline_effective", "kind"]
    per_region = bool((rows.groupby("id", sort=False)[spec].nunique(dropna=False) > 1).to_numpy().any())
    if per_region:  # the same id has different targets in different regions: one panel id each
        o = obs.assign(indicator_id=obs["region"].astype(str) + _KEY + obs["indicator_id"].astype(str))
        tg = rows.assign(id=rows["region"].astype(str) + _KEY + rows["id"].astype(str))
        o = o[o["indicator_id"].isin(tg["id"])]  # series without a target for their region: not fitted
        panel = forecast.forecast_panel(o, tg, as_of=as_of)
        key = rows["region"].astype(str) + _KEY + rows["id"].astype(str)
        pkey = panel["indicator_id"].astype(str)
    else:
        panel = forecast.forecast_panel(obs, rows.drop_duplicates("id"), as_of=as_of)
        key = rows["region"].astype(str) + _KEY + rows["id"].astype(str)
        pkey = panel["region"].astype(str) + _KEY + panel["indicator_id"].astype(str)
    panel = panel.assign(_k=pkey.to_numpy()).drop_duplicates("_k").set_index("_k")
    out = panel.reindex(key.to_numpy())
    out.index = rows.index
    for c in cols:
        if c not in out.columns:
            out[c] = np.nan
    return out[cols]


# ------------------------------------------------------------------------------ arrays
def _last_true(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column of the last True per row and whether there is one."""
    any_ = mask.any(axis=1)
    if not mask.shape[1]:  # no years at all (a file with no values)
        return np.zeros(len(mask), dtype=np.int64), any_
    idx = mask.shape[1] - 1 - np.argmax(mask[:, ::-1], axis=1)
    return np.where(any_, idx, 0), any_


def _first_true(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    any_ = mask.any(axis=1)
    if not mask.shape[1]:
        return np.zeros(len(mask), dtype=np.int64), any_
    return np.where(any_, np.argmax(mask, axis=1), 0), any_


def _pick(W: np.ndarray, idx: np.ndarray, ok: np.ndarray) -> np.ndarray:
    v = W[np.arange(W.shape[0]), idx] if W.shape[1] else np.full(W.shape[0], np.nan)
    return np.where(ok, v, np.nan)


def _series_matrix(obs: pd.DataFrame, rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """Values of each row's series as a (rows x years) matrix (NaN where not observed).

    Region and indicator are factorised separately and combined into one integer code per
    series (no string keys per row), so this stays fast for hundreds of thousands of series.
    A year given twice keeps the last value (as :func:`analysis.model.trends.clean`). Also
    returns the series that no row uses (``region, indicator_id, n_points``): data without
    a target for their region.
    """
    rc, ru = pd.factorize(obs["region"].to_numpy())
    ic, iu = pd.factorize(obs["indicator_id"].to_numpy())
    years, yc = np.unique(obs["year"].to_numpy(), return_inverse=True)
    n_i, n_y = max(len(iu), 1), max(len(years), 1)
    code = rc.astype(np.int64) * n_i + ic
    cell = pd.Series(code * n_y + yc)
    keep = ~cell.duplicated(keep="last").to_numpy()
    W = np.full((len(ru) * n_i + 1, len(years)), np.nan)  # last row: "no series"
    W[code[keep], yc[keep]] = obs["value"].to_numpy(float)[keep]
    rr = pd.Index(ru).get_indexer(rows["region"].to_numpy()) if len(ru) else np.full(len(rows), -1)
    ri = pd.Index(iu).get_indexer(rows["id"].to_numpy()) if len(iu) else np.full(len(rows), -1)
    ridx = np.where((rr < 0) | (ri < 0), len(W) - 1, rr.astype(np.int64) * n_i + ri)
    counts = np.bincount(code[keep], minlength=len(W))
    used = np.zeros(len(W), bool)
    used[ridx] = True
    lost = np.nonzero((counts > 0) & ~used)[0]
    untargeted = pd.DataFrame({"region": ru[lost // n_i] if len(lost) else [],
                               "indicator_id": iu[lost % n_i] if len(lost) else [],
                               "n_points": counts[lost]})
    return W[ridx], years.astype(int), untargeted


def _fmt(v: float) -> str:
    return f"{float(v):.4g}"


def _join_notes(parts: list[np.ndarray], n: int) -> np.ndarray:
    out = np.full(n, "", dtype=object)
    for p in parts:
        has = p != ""
        both = has & (out != "")
        out = np.where(both, out + "; " + p, np.where(has, p, out))
    return out


def _notes_where(mask: np.ndarray, fn, *cols) -> np.ndarray:
    """A note for the rows in ``mask`` (``fn`` called on their values only), "" elsewhere."""
    out = np.full(mask.shape[0], "", dtype=object)
    idx = np.nonzero(mask)[0]
    if idx.size:
        out[idx] = [fn(*vals) for vals in zip(*(np.asarray(c)[idx] for c in cols))] if cols else fn()
    return out


def _score(obs: pd.DataFrame, rows: pd.DataFrame, as_of: int | None,
           baseline: int | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The scorecard table for ``rows`` (one per region x target), all series at once, and the
    series left untargeted."""
    R = len(rows)
    W, years, untargeted = _series_matrix(obs, rows)
    yrs = years.astype(float)
    T = rows["value"].to_numpy(float)
    ge = rows["comparator"].astype(str).to_numpy() == ">="
    D = rows["deadline_effective"].to_numpy(float)
    measure = _measures(rows)
    # a stock, and a share whose target is full coverage (100 %, 全覆盖) once reached: a state held, not a
    # yearly flow to be met again (a coverage of 100 % in 2019 is the target met, to be kept)
    kind = rows["kind"].astype(str).to_numpy()
    stock = (measure == "stock") | ((kind == "share") & ge & (T >= 100))
    milestone = kind == "milestone"
    assumed = rows["deadline_assumed"].fillna(False).astype(bool).to_numpy() if "deadline_assumed" in rows \
        else np.zeros(R, bool)

    m = np.isfinite(W)
    n = m.sum(axis=1)
    has = n > 0
    fi, _ = _first_true(m)
    li, _ = _last_true(m)
    first_year, first_val = np.where(has, yrs[fi] if len(yrs) else np.nan, np.nan), _pick(W, fi, has)
    last_year, last_val = np.where(has, yrs[li] if len(yrs) else np.nan, np.nan), _pick(W, li, has)
    with np.errstate(invalid="ignore"):
        meets_m = m & np.where(ge[:, None], W >= T[:, None], W <= T[:, None])
        met_last = has & np.where(ge, last_val >= T, last_val <= T)
    ai, ever_met = _first_true(meets_m)
    achieved_year = np.where(ever_met, yrs[ai] if len(yrs) else np.nan, np.nan)

    # the deadline year and its neighbours
    at_d = m & (yrs[None, :] == D[:, None])
    di, d_obs = _first_true(at_d)
    v_d = _pick(W, di, d_obs)
    bi, b_ok = _last_true(m & (yrs[None, :] < D[:, None]))
    ai2, a_ok = _first_true(m & (yrs[None, :] > D[:, None]))
    before_year, before_val = np.where(b_ok, yrs[bi] if len(yrs) else np.nan, np.nan), _pick(W, bi, b_ok)
    after_year, after_val = np.where(a_ok, yrs[ai2] if len(yrs) else np.nan, np.nan), _pick(W, ai2, a_ok)

    # baseline: argument > catalogue column > first observed year
    cat_base = pd.to_numeric(rows["baseline"], errors="coerce").to_numpy(float) if "baseline" in rows \
        else np.full(R, np.nan)
    if baseline is not None:
        by, source = np.full(R, float(baseline)), np.full(R, "argument", dtype=object)
    else:
        by = np.where(np.isfinite(cat_base), cat_base, first_year)
        source = np.where(np.isfinite(cat_base), "catalogue", "first observed").astype(object)
    ki, k_ok = _last_true(m & (yrs[None, :] <= by[:, None]))
    base_year = np.where(k_ok, yrs[ki] if len(yrs) else np.nan, first_year)
    base_val = np.where(k_ok, _pick(W, ki, k_ok), first_val)

    t0, v0 = base_year.copy(), base_val.copy()
    shift = has & (last_year <= base_year) & (n >= 2)
    t0[shift], v0[shift] = first_year[shift], first_val[shift]
    actual = trends.growth_arrays(t0, v0, last_year, last_val)
    required_base = trends.required_growth_arrays(v0, t0, T, D)
    required = trends.required_growth_arrays(last_val, last_year, T, D)
    if as_of is not None:  # the deadline passed (its year unreported): no pace is still required (a 2019 value
        # and a 2020 deadline gave "200 % a year" at the end of term; the report left it blank; stop 43)
        gone = np.isfinite(D) & (D <= as_of)
        required.rate[gone], required.per_year[gone] = np.nan, np.nan
    signed = kind == "rate"  # a growth rate or a balance: its change in points per year, never compound growth
    actual, required_base, required = (trends.absolute_where(g, signed) for g in (actual, required_base, required))
    ratio, basis = trends.growth_ratio_arrays(actual, required_base, ge)

    # 序时进度
    gap_b = T - base_val
    with np.errstate(divide="ignore", invalid="ignore"):
        progress = np.where(gap_b != 0, (last_val - base_val) / gap_b, np.nan)
        period = D - base_year
        time_share = np.where((period <= 0) | (last_year <= base_year),
                              np.where(last_year <= base_year, np.nan, 1.0),
                              np.minimum((last_year - base_year) / period, 1.0))
    progress[~has], time_share[~has] = np.nan, np.nan

    # forecasts and labels
    fc = _panel(obs, rows, as_of)
    F = fc["forecast"].to_numpy(float)
    insufficient_fc = fc["insufficient"].where(fc["insufficient"].notna(), pd.Series(n < labels.MIN_POINTS,
                                                                                      index=fc.index))
    insufficient_fc = insufficient_fc.astype(bool).to_numpy() | ~np.isfinite(F)
    with np.errstate(divide="ignore", invalid="ignore"):
        ant_gap = T - v0
        ant = np.where(~insufficient_fc & (ant_gap != 0), (F - v0) / ant_gap, np.nan)
        # a base value that already met the target leaves no change to make: a share of it, or a ratio to it,
        # means nothing (2.1 -> 1.3 against >= 2 would read "200 % of the way"); judged on the values instead
        sched_base_met = has & np.where(ge, base_val >= T, base_val <= T)
        ant_base_met = has & np.where(ge, v0 >= T, v0 <= T)
        fc_met = np.where(ge, F >= T, F <= T)
    progress = np.where(sched_base_met, np.nan, progress)
    ant = np.where(ant_base_met, np.nan, ant)
    eu = labels.eurostat_labels(ratio, achieved=met_last)
    an = labels.anticipated_labels(ant, achieved=met_last, base_met=ant_base_met & ~insufficient_fc,
                                   forecast_met=fc_met)
    sc = labels.schedule_labels(progress, time_share, achieved=met_last, base_met=sched_base_met)
    ms = np.where(ever_met, "achieved", "not yet")
    eu, an, sc = (np.where(milestone, ms, x) for x in (eu, an, sc))
    eu, an, sc = (np.where(has, x, labels.INSUFFICIENT) for x in (eu, an, sc))

    # stage and status: one rule per stage
    passed = np.full(R, False) if as_of is None else (D <= float(as_of))
    # a stock met before the deadline stays achieved while nothing observed says otherwise: the last
    # value before the deadline meets the target and no value after it misses (deadline year unreported)
    with np.errstate(invalid="ignore"):
        held = np.where(ge, before_val >= T, before_val <= T) & \
            (~a_ok | np.where(ge, after_val >= T, after_val <= T))
    early = stock & has & b_ok & held & ~d_obs
    stage = np.select([d_obs, early, passed & has],
                      ["deadline observed", "met early", "deadline not reported"], "before deadline")
    stage = np.where(~has, np.where(passed, "deadline not reported", "before deadline"), stage)
    prob = fc["prob_meet"].to_numpy(float).copy()
    met_d = d_obs & np.where(ge, v_d >= T, v_d <= T)
    # once the deadline year is observed each method's answer is the outcome (达标 / 未达标): its progress
    # categories ("acceleration needed", "behind schedule", ESCAP's forecast) are about a deadline still ahead
    final = stage == "deadline observed"
    eu, an, sc = (np.where(final, np.where(met_d, "achieved", labels.NOT_ACHIEVED), x) for x in (eu, an, sc))
    before_status = labels.status_labels(n_points=n, prob_meet=prob)
    status = np.select(
        [~has, stage == "deadline observed", stage == "deadline not reported", stage == "met early"],
        [labels.INSUFFICIENT, np.where(met_d, "achieved", "not achieved"), "deadline year not reported",
         "achieved"], before_status)
    prob = np.where(stage == "met early", 1.0, np.where(stage == "before deadline", prob, np.nan))
    prob[~has] = np.nan
    no_fc = np.isin(stage, ["deadline observed", "deadline not reported"]) | passed  # never once it has passed
    fc_cols = {c: np.where(no_fc, np.nan, fc[c].to_numpy(float)) for c in _FC_COLUMNS if c != "prob_meet"}
    model = fc["model"].where(fc["model"].notna(), "").astype(str).to_numpy(dtype=object)
    model = np.where(stage == "deadline not reported", "", model)
    with np.errstate(divide="ignore", invalid="ignore"):
        # 完成率: actual / target; for a limit (≤, a 逆向指标) target / actual, so that 100 % and above
        # always means met (an energy use 5 % over its limit is 95.2 %, never 105 %)
        lower = np.isin(rows["comparator"].astype(str).to_numpy(), ["<=", "<"])
        completion = np.where(d_obs & lower & (v_d > 0), T / np.where(v_d > 0, v_d, 1.0),
                              np.where(d_obs & ~lower & (T != 0), v_d / np.where(T != 0, T, 1.0), np.nan))
    completion = np.where(kind == "rate", np.nan, completion)  # -4.5 against 2: no ratio means anything
    gap = np.where(d_obs, v_d - T, np.nan)

    # notes (English; the same templates in zh via analysis.i18n)
    en = {k: t(f"scorecard.note.{k}", "en") for k in ("no_observations", "meets", "misses", "nothing_near")}
    comp_txt = rows["comparator"].astype(str).to_numpy()
    reasons = np.array(trends.GROWTH_REASONS, dtype=object)
    g_act = np.where(actual.basis == 2, reasons[actual.reason], "")
    g_req = np.where(required.basis == 2, reasons[required.reason], "")
    g_req = np.where(g_req == g_act, "", g_req)

    def around(y_b, v_b, y_a, v_a, tt, c):
        bits = []
        for y, v in ((y_b, v_b), (y_a, v_a)):
            if np.isfinite(y):
                ok = (v >= tt) if c == ">=" else (v <= tt)
                bits.append(t("scorecard.note.nearest", "en", year=int(y), value=_fmt(v),
                              verdict=en["meets"] if ok else en["misses"]))
        return ", ".join(bits) or en["nothing_near"]

    parts = [
        _notes_where(assumed, lambda d: t("scorecard.note.no_deadline", "en", deadline=int(d)), D),
        _notes_where(~has, lambda: en["no_observations"]),
        _notes_where(has & ~stock & met_last & (stage == "before deadline"),
                     lambda d: t("scorecard.note.flow_early", "en", deadline=int(d)), D),
        _notes_where(shift, lambda b, s: t("scorecard.note.growth_from", "en", base=int(b), start=int(s)),
                     base_year, t0),
        np.where(has, g_act, ""), np.where(has, g_req, ""),
        _notes_where(has & milestone & ever_met & (stage != "met early"), lambda y: t("scorecard.note.milestone", "en", year=int(y)),
                     achieved_year),
        _notes_where(stage == "deadline observed",
                     lambda d, v, c, tt, r: t("scorecard.note.observed", "en", deadline=int(d), value=_fmt(v),
                                              comparator=c, target=_fmt(tt),
                                              rate="-" if not np.isfinite(r) else text.fmt_completion(r)),
                     D, v_d, comp_txt, T, completion),
        _notes_where(has & (stage == "deadline not reported"),
                     lambda d, yb, vb, ya, va, tt, c: t("scorecard.note.not_reported", "en", deadline=int(d),
                                                        around=around(yb, vb, ya, va, tt, c)),
                     D, before_year, before_val, after_year, after_val, T, comp_txt),
        _notes_where((stage == "met early") & ~passed, lambda y: t("scorecard.note.met_early", "en", year=int(y)),
                     np.where(np.isfinite(achieved_year), achieved_year, last_year)),
        _notes_where((stage == "met early") & passed,  # no "to be held" once the deadline has passed
                     lambda y: t("scorecard.note.met_early_passed", "en", year=int(y)),
                     np.where(np.isfinite(achieved_year), achieved_year, last_year)),
        _notes_where((stage == "met early") & passed,
                     lambda d: t("scorecard.note.held_unreported", "en", deadline=int(d)), D),
        _notes_where(~met_last & ~milestone & (sched_base_met | ant_base_met),
                     lambda y: t("scorecard.note.fell_back", "en", year=int(y)), np.where(sched_base_met, base_year, t0)),
        _notes_where(has & (status == labels.INSUFFICIENT) & (n < labels.MIN_POINTS),
                     lambda: t("scorecard.note.few_points", "en", n=labels.MIN_POINTS)),
    ]

    basis_txt = np.array(["", "cagr", "absolute"], dtype=object)
    nan_unless = (lambda a: np.where(has, a, np.nan))
    out = pd.DataFrame({
        "region": rows["region"].astype(str).to_numpy(), "indicator_id": rows["id"].astype(str).to_numpy(),
        "name_zh": rows["name_zh"].to_numpy(),
        "name_en": rows["name_en"].to_numpy() if "name_en" in rows else rows["id"].to_numpy(),
        "unit": rows["unit"].to_numpy(), "kind": rows["kind"].to_numpy() if "kind" in rows else "",
        "measure": measure, "target": T, "comparator": comp_txt, "deadline": D, "deadline_assumed": assumed,
        "baseline_year": base_year, "baseline_value": base_val,
        "baseline_source": np.where(has, source, ""), "last_year": last_year, "last_value": last_val,
        "n_points": n, "achieved_year": achieved_year, "stage": stage, "deadline_value": v_d,
        "completion_rate": completion, "gap": gap, "before_year": before_year, "before_value": before_val,
        "after_year": after_year, "after_value": after_val, **fc_cols, "prob_meet": prob,
        "required_growth": required.rate, "required_per_year": required.per_year,
        "actual_growth": nan_unless(actual.rate), "actual_per_year": nan_unless(actual.per_year),
        "growth_from": np.where(has, t0, np.nan), "growth_basis": np.where(has, basis_txt[basis], ""),
        "growth_ratio": nan_unless(ratio), "anticipated_ratio": nan_unless(ant),
        "progress_share": progress, "time_share": time_share,
        "eurostat_label": eu, "anticipated_label": an, "schedule_label": sc, "model": model,
        "status": status, "note": _join_notes(parts, R),
    }, columns=list(COLUMNS))
    for c in _INT_COLUMNS:
        out[c] = pd.array(np.where(np.isfinite(out[c].to_numpy(float)), out[c].to_numpy(float), np.nan),
                          dtype="Float64").astype("Int64")
    for c in ("model", "growth_basis", "note", "baseline_source"):
        out[c] = out[c].fillna("").astype(str)
    out["deadline_assumed"] = out["deadline_assumed"].astype(bool)
    return out, untargeted


# ------------------------------------------------------------------------------ assess
def assess(obs=None, targets=None, *, as_of: int | None = None, baseline: int | None = None,
           baseline_year: int | None = None, skip_unknown: bool = False) -> Scorecard:
    """Score every target in every region.

    Parameters
    ----------
    obs : DataFrame, path, list of paths or None
        Observations ``region, indicator_id, year, value`` (the intake format), a
        file to read with :func:`analysis.io.dataset.load_observations` (or several: stacked;
        a region/indicator/year in two files must agree), or ``None`` for the bundled
        illustrative data.
    targets : DataFrame, path or None
        A catalogue (:func:`analysis.io.catalogue.load_targets`); default the plan's. An
        optional ``region`` column holds per-region targets, ``baseline`` per-target base years.
    as_of : int, optional
        Use only observations up to this year. The filter is applied before anything
        else, so later data cannot change the result. Default: the latest year observed.
        A deadline at or before ``as_of`` has passed.
    baseline : int, optional
        The plan's base year for the schedule check and growth since the base year
        (``--baseline``); default the catalogue's ``baseline`` column, else each series'
        first observed year. ``baseline_year`` is the old name of this argument.
    skip_unknown : bool
        When reading a file: drop rows of indicators not in ``targets`` instead of
        reporting them as errors (:attr:`Scorecard.skipped` lists them).

    Returns
    -------
    Scorecard
        ``.table``: one row per (region, target), columns :data:`COLUMNS`; regions in the
        order they appear in ``obs`` (then regions only the catalogue names), targets in
        catalogue order. Attributes ``as_of``, ``baseline``, ``illustrative``, ``sources``,
        ``skipped``, ``untargeted``.

    Raises
    ------
    InputError
        Bad input files (from the intake / catalogue).
    """
    baseline = baseline if baseline is not None else baseline_year
    targets = _load_targets(targets)
    obs = _load_obs(obs, targets, skip_unknown)
    attrs = dict(obs.attrs)
    if "read_warnings" not in attrs:  # what the reader said of the user's file
        attrs["read_warnings"] = _read_warnings(attrs)
    year = pd.to_numeric(obs["year"], errors="coerce")
    keep = year.notna() & pd.to_numeric(obs["value"], errors="coerce").notna()
    # the data's first year, before the cut: --as-of before it leaves nothing to score (said, not silent)
    first_observed = int(year[keep].min()) if keep.any() else None
    if as_of is not None:
        keep &= year <= int(as_of)  # filter BEFORE anything else
    obs = pd.DataFrame({"region": obs.loc[keep, "region"].astype(str).to_numpy(),
                        "indicator_id": obs.loc[keep, "indicator_id"].astype(str).to_numpy(),
                        "year": year[keep].astype(int).to_numpy(),
                        "value": pd.to_numeric(obs.loc[keep, "value"]).astype(float).to_numpy()})
    as_of_eff = int(as_of) if as_of is not None else (int(obs["year"].max()) if len(obs) else None)
    # the last year actually observed at or before as_of: what "数据截至" shows (--as-of 2030 on data ending
    # in 2020 said 数据截至2030年); as_of itself still decides which deadlines have passed
    last_observed = int(obs["year"].max()) if len(obs) else None
    ids = set(targets["id"].astype(str))
    obs = obs[obs["indicator_id"].isin(ids)].reset_index(drop=True)
    rows = _target_rows(targets, list(pd.unique(obs["region"].to_numpy())))
    table, untargeted = _score(obs, rows, as_of_eff, baseline)
    cat_years = pd.to_numeric(rows["baseline"], errors="coerce") if "baseline" in rows else pd.Series(dtype=float)
    choice = {"argument": [int(baseline)] if baseline is not None else [],
              "catalogue": sorted({int(y) for y in cat_years.dropna()}) if baseline is None else [],
              "first observed": bool(baseline is None and cat_years.isna().any() or
                                     (baseline is None and not len(cat_years)))}
    return Scorecard(table, as_of=as_of_eff, baseline=baseline, baseline_choice=choice, illustrative=bool(attrs.get("illustrative", False)),
                     sources={"zh": attrs.get("source_zh", ""), "en": attrs.get("source_en", "")},
                     skipped=attrs.get("skipped") or {}, untargeted=untargeted,
                     warnings=attrs.get("read_warnings") or [], first_observed=first_observed,
                     last_observed=last_observed)


def cli_assess(args) -> int:
    """``python -m analysis assess [--data FILE ...] [--targets FILE] [--baseline YEAR] [--as-of YEAR] [--format ...] [--output PATH]``."""
    targets = catalogue.load_targets(args.targets)
    sc = assess(args.data, targets, as_of=args.as_of, baseline=getattr(args, "baseline", None),
                skip_unknown=getattr(args, "skip_unknown", False))
    lang = getattr(args, "lang", None) or "zh"
    for w in sc.warnings:
        print(w, file=sys.stderr)
    for note in sc.as_of_notes(lang):  # --as-of before the data's first year: every target 数据不足, and why
        print(t("scorecard.cli.note", lang) + note, file=sys.stderr)
    if sc.skipped:
        print(t("scorecard.cli.skipped", lang, n=sum(map(len, sc.skipped.values())), ids=", ".join(sorted(sc.skipped))),
              file=sys.stderr)
    if len(sc.untargeted):
        items = ", ".join(f"{r} {i}" for r, i in zip(sc.untargeted["region"], sc.untargeted["indicator_id"]))
        print(t("scorecard.cli.note", lang) + t("scorecard.summary.untargeted", lang, items=items), file=sys.stderr)
    fmt = getattr(args, "format", "table") or "table"
    output = getattr(args, "output", None)
    if fmt == "table":
        render(table_view(sc.table, lang), "table", output)
        if output is None:
            sys.stdout.write(sc.caption(lang) + "\n" + (sc.hint(lang) + "\n" if sc.hint(lang) else ""))
    elif fmt == "json":  # for programs: every column, machine words
        render(sc.table, fmt, output, sheet_name="scorecard")
    else:  # csv / xlsx, the tables an evaluator passes on: every word in the chosen language
        render(sc.to_readable(lang), fmt, output, sheet_name=t("scorecard.sheet", lang))
        print(sc.caption(lang), file=sys.stderr)  # as of, source, and whether the data are illustrative
    return 0
