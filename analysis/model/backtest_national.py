"""The national plan check: real plans' targets called from each of the five years before the
deadline (calibration and prior re-learned without the series called) and scored on the outcome,
ours against the evaluators' rules. The provincial and city plan checks do the same for provinces' and
cities' five-year-plan targets (:data:`PROVINCIAL_PLANS`, :data:`CITY_PLANS`), each called on its own
region's series; :func:`other_plan_check` for other countries' plans (:data:`OTHER_PLANS`, held out of
the corpus), and :func:`plan_check` for any catalogue and data (``backtest --targets``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config
from analysis.i18n import t
from analysis.io.cache import key_for, memo
from analysis.errors import InputError, Problem, display_name
from analysis.io.catalogue import load_targets
from analysis.io.numbers import convert_array, unit_factor
from analysis.model import forecast as fc
from analysis.model.backtest_corpus import plan_observations, public_series, series_list
from analysis.model.backtest_priors import PRIOR_NU0, learn_priors, series_scales
from analysis.model.backtest_rules import compound_growth, ets_point, straight_line
from analysis.model.backtest_recalibration import RECAL_SPEC, fit_recalibration, recal_inputs, training_calls
from analysis.model.backtest_run import TARGET_RATIOS, _learn, public_auto_run, public_window_run, window_calls
from analysis.model.backtest_scoring import _confident_wrong, _log_score, _loso_factor_lists, case_scores

__all__ = [
    "NATIONAL_TARGETS", "NATIONAL_PLANS", "NATIONAL_PLAN_NAMES", "NATIONAL_REGION",
    "national_plan_check", "NATIONAL_METHODS", "national_summary",
    "PROVINCIAL_PLANS", "PROVINCIAL_PLAN_NAMES", "provincial_plan_check", "CITY_PLANS", "CITY_PLAN_NAMES",
    "city_plan_check", "OTHER_PLANS", "OTHER_PLAN_NAMES", "other_plan_check", "plan_check", "base_rate_check",
    "OLDER_PLANS", "OLDER_PLAN_NAMES", "older_plan_check", "SUBNATIONAL_11TH_PLANS", "subnational_11th_plan_check",
    "summary_by_horizon",
]

NATIONAL_TARGETS = "china_13th_fyp_st_targets.csv"
#: The real national plans whose targets the check calls (key -> catalogue in
#: ``data/raw/public/``): the 13th Five-Year S&T innovation plan and the 13th Five-Year Plan
#: outline (2020 targets), the 12th outline (2015) and the 14th outline (2025). A target in two
#: plans (same id, value and comparator) is one target: the pooled figures count it once.
NATIONAL_PLANS: dict[str, str] = {"st_plan": NATIONAL_TARGETS, "outline": "china_13th_fyp_outline_targets.csv",
                                  "outline_12th": "china_12th_fyp_outline_targets.csv",
                                  "outline_14th": "china_14th_fyp_outline_targets.csv"}
#: Display names of the plans (zh, en), from the catalogue (``forecast.plan.<key>``).
NATIONAL_PLAN_NAMES: dict[str, tuple[str, str]] = {
    k: (t(f"forecast.plan.{k}", "zh"), t(f"forecast.plan.{k}", "en")) for k in NATIONAL_PLANS}
NATIONAL_REGION = "中国"
#: Provinces' five-year-plan targets (key -> catalogue in ``data/raw/public/`` with a ``region``
#: column naming the province): the 2020 targets of the 13th, the 2015 targets of the 12th and the
#: 2025 targets of the 14th Five-Year Plans as the provinces' 2016, 2011 and 2021 government work
#: reports state them, scored on the yearly values the provinces' work reports published
#: (``china_provincial_observations.csv``).
PROVINCIAL_PLANS: dict[str, str] = {"provincial_13th": "china_provincial_13th_fyp_targets.csv",
                                    "provincial_12th": "china_provincial_12th_fyp_targets.csv",
                                    "provincial_14th": "china_provincial_14th_fyp_targets.csv"}
#: Display names of the provincial plan sets (zh, en), from the catalogue (``forecast.plan.<key>``).
PROVINCIAL_PLAN_NAMES: dict[str, tuple[str, str]] = {
    k: (t(f"forecast.plan.{k}", "zh"), t(f"forecast.plan.{k}", "en")) for k in PROVINCIAL_PLANS}
#: Major cities' five-year-plan targets (key -> catalogue with a ``region`` column naming the city):
#: the 2020 targets of the 13th and the 2025 targets of the 14th Five-Year Plans as the cities' 2016
#: and 2021 government work reports state them, scored on the yearly values the cities' work reports
#: published (``china_city_observations.csv``). Added after the method was fixed: held out.
CITY_PLANS: dict[str, str] = {"city_13th": "china_city_13th_fyp_targets.csv",
                              "city_14th": "china_city_14th_fyp_targets.csv"}
#: Display names of the city plan sets (zh, en), from the catalogue (``forecast.plan.<key>``).
CITY_PLAN_NAMES: dict[str, tuple[str, str]] = {
    k: (t(f"forecast.plan.{k}", "zh"), t(f"forecast.plan.{k}", "en")) for k in CITY_PLANS}
_ALL_PLANS: dict[str, str] = {**NATIONAL_PLANS, **PROVINCIAL_PLANS, **CITY_PLANS}
#: Other countries' plans (key -> (catalogue, its series) in ``data/raw/public/``): the EU member
#: states' binding 2020 targets for the share of renewable energy, on Eurostat's values, their Europe
#: 2020 national R&D-intensity targets, five states' education targets (early leavers, tertiary
#: attainment) and 15 states' employment-rate targets. Held out: the series are not in the back-test
#: corpus, so the committed calibration never saw them.
OTHER_PLANS: dict[str, tuple[str, str]] = {
    "eu_2020": ("eu_2020_renewable_share_targets.csv", "eu_renewable_share_observations.csv"),
    "eu_2020_rd": ("eu_2020_rd_targets.csv", "eu_rd_observations.csv"),
    "eu_2020_education": ("eu_2020_education_targets.csv", "eu_education_observations.csv"),
    "eu_2020_employment": ("eu_2020_employment_targets.csv", "eu_employment_observations.csv")}
#: Display names of the other countries' plan sets (zh, en).
OTHER_PLAN_NAMES: dict[str, tuple[str, str]] = {
    k: (t(f"forecast.plan.{k}", "zh"), t(f"forecast.plan.{k}", "en")) for k in OTHER_PLANS}
#: Prefecture-level cities' 13th Five-Year targets for 2020 (key -> (catalogue, its series)), as
#: their own 2016 work reports state them, on the yearly values their work reports published
#: (stop 40). Built after the method was fixed and kept out of the corpus, like :data:`OTHER_PLANS`:
#: called with the committed calibration.
PREFECTURE_PLANS: dict[str, tuple[str, str]] = {
    "prefecture_13th": ("china_prefecture_13th_fyp_targets.csv", "china_prefecture_observations.csv")}
#: Display names of the prefecture cities' plan sets (zh, en).
PREFECTURE_PLAN_NAMES: dict[str, tuple[str, str]] = {
    k: (t(f"forecast.plan.{k}", "zh"), t(f"forecast.plan.{k}", "en")) for k in PREFECTURE_PLANS}
#: China's 9th, 10th and 11th Five-Year Plans' national targets for 2000, 2005 and 2010 (key ->
#: (catalogue, its series)): the outlines' level targets on the NBS communiqués' values as first
#: published (1994-2010), years before the corpus starts (stop 41). Built after the method was
#: fixed and kept out of the corpus: called with the committed calibration.
OLDER_PLANS: dict[str, tuple[str, str]] = {
    f"outline_{k}": (f"china_{k}_fyp_outline_targets.csv", "china_nbs_communique_1995_2010_observations.csv")
    for k in ("9th", "10th", "11th")}
#: Provinces' and major cities' 11th Five-Year targets for 2010 (key -> (catalogue, its series)), as
#: their 2006 work reports state them, on the values their later reports first published (2004-2010;
#: stop 41). Held out like :data:`OLDER_PLANS`.
SUBNATIONAL_11TH_PLANS: dict[str, tuple[str, str]] = {
    f"{level}_11th": (f"china_{level}_11th_fyp_targets.csv", "china_subnational_2004_2010_observations.csv")
    for level in ("provincial", "city")}
#: Display names of the older plans (zh, en).
OLDER_PLAN_NAMES: dict[str, tuple[str, str]] = {
    k: (t(f"forecast.plan.{k}", "zh"), t(f"forecast.plan.{k}", "en")) for k in {**OLDER_PLANS, **SUBNATIONAL_11TH_PLANS}}
#: Every plan set kept out of the corpus: key -> (catalogue, its series).
_HELD_OUT_PLANS: dict[str, tuple[str, str]] = {**OTHER_PLANS, **PREFECTURE_PLANS, **OLDER_PLANS,
                                                **SUBNATIONAL_11TH_PLANS}


def _national_targets(plans) -> pd.DataFrame:
    frames = []
    for key in plans:
        path = config.public_dir() / _ALL_PLANS[key]
        if path.exists():
            frames.append(load_targets(path).assign(plan=key))
    if not frames:
        return pd.DataFrame(columns=["id", "plan", "region"])
    df = pd.concat(frames, ignore_index=True)
    df["region"] = df["region"].where(df["region"].astype(str).str.strip() != "", NATIONAL_REGION)
    return df


def national_plan_check(as_of_years=None, year: int | None = None,
                        calibration: dict | None = None, leave_out: bool = True,
                        plans=tuple(NATIONAL_PLANS), recal_terms: tuple[str, ...] = RECAL_SPEC) -> pd.DataFrame:
    """Call real national plans' targets from each as-of year, scored on the outcome.

    One row per (plan, indicator, as_of): points used, our calibrated probability (and whether it
    is a ``low_information`` call from 2 points), the straight-line, compound-growth and ETS
    extrapolations and their 0/1 calls, the outcome at the deadline (``actual``; ``actual_2020``
    is the same column under its old name), NaN when the public data lack it, and whether it was
    met. ``as_of_years``: default the five years before each target's deadline; ``year``: default
    each target's deadline. ``plans``: keys of :data:`NATIONAL_PLANS`, :data:`PROVINCIAL_PLANS` or :data:`CITY_PLANS`
    (a plan whose catalogue file is missing is skipped). Each target is called on the series of
    its catalogue's ``region`` (:data:`NATIONAL_REGION` where the catalogue has none), named in the
    ``region`` column.

    With ``leave_out`` (default) the calibration factors and the pooled prior used for an indicator
    are re-learned without that series (region and indicator), so its outcome never informs its own call, and so
    is the probability map with the terms ``recal_terms`` (``()``: none, the rule before issue 16's
    recalibration); otherwise ``calibration`` (default: the committed file) is used.

    The result depends only on the public data, the calibration file, the code and these
    arguments, so it is kept by :func:`analysis.io.cache.memo` (a few seconds the first time).
    """
    # one saved result per plan (a call of several plans reuses each plan's); with ``leave_out``
    # the ``calibration`` argument is not used, so it is not part of the key
    inputs = [p for p in config.public_dir().iterdir() if p.is_file()] + [fc.calibration_path()]
    parts = []
    for key in plans:
        params = json.dumps(dict(as_of_years=None if as_of_years is None else [int(a) for a in as_of_years],
                                 year=year, calibration=None if leave_out else calibration,
                                 leave_out=bool(leave_out), plans=[key], recal_terms=list(recal_terms)),
                            sort_keys=True, default=str)
        # one name per plan and arguments: the cache keeps one file per name (the newest key)
        name = f"national_check_{key}_{hashlib.sha256(params.encode()).hexdigest()[:12]}"
        parts.append(memo(name, lambda key=key: _national_plan_check(
            as_of_years, year, calibration, leave_out, (key,), recal_terms), inputs=inputs, params=params))
    parts = [p for p in parts if len(p)]
    if not parts:
        return _national_plan_check(as_of_years, year, calibration, leave_out, (), recal_terms)
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


#: What every plan's check shares, kept in the process (one entry: the current public files).
_BASIS: dict = {}


def _basis() -> dict:
    """The public series, their series list and scales, and (filled on first use) the
    leave-one-series-out run, its case scores and each left-out calibration: computed once per
    process for every plan checked, and again only when the public files change."""
    key = key_for("national_basis", [p for p in config.public_dir().iterdir() if p.is_file()])
    if key not in _BASIS:
        _BASIS.clear()
        pub = public_series()
        series = series_list(pub)
        _BASIS[key] = {"pub": pub, "series": series, "scales": series_scales(series), "cal": {}}
    return _BASIS[key]


def _leave_out_calibration(basis: dict, region: str, indicator: str, recal_terms: tuple[str, ...]) -> dict:
    """Calibration factors, prior and probability map learned without the series called."""
    key = (region, indicator, tuple(recal_terms))
    if key in basis["cal"]:
        return basis["cal"][key]
    if "bt" not in basis:
        basis["bt"] = public_auto_run(basis["series"])
    bt, series = basis["bt"], basis["series"]
    c = bt.cases
    train = ((c["region"] != region) | (c["indicator_id"] != indicator)).to_numpy()
    train = train & ~c["insufficient"].to_numpy(bool)
    f, _ = _learn(bt.f_le[train, :, 0], bt.f_lt[train, :, 0], c.loc[train, "horizon"].to_numpy())
    own = [i for i, x in enumerate(series) if x["region"] == region and x["indicator_id"] == indicator]
    cal = {"factors": {"auto": f}, "priors": learn_priors(basis["scales"], PRIOR_NU0, exclude=own)}
    if recal_terms:
        if "recal" not in basis:
            cs = case_scores(bt, {"factors": {}})
            ok = ((cs["actual"] > 0) & ~cs["insufficient"] & np.isfinite(cs["point"])).to_numpy(bool)
            P = np.stack([cs[f"p{j}_after_cv"].to_numpy(float) for j in range(len(TARGET_RATIOS))], axis=1)
            met_r = np.broadcast_to(np.asarray(TARGET_RATIOS) <= 1.0, P.shape)
            # and the short histories ending in every year, each with the factors learned without its series
            window = window_calls(public_window_run(series), _loso_factor_lists(bt, "auto"))
            basis["recal"] = (cs["series"], ok, P, met_r, *recal_inputs(cs), window)
        cs_series, ok, P, met_r, up, hh, low, short, window = basis["recal"]
        tr = ok & ~cs_series.isin(own).to_numpy()
        coef = fit_recalibration(**training_calls((P[tr], met_r[tr], up[tr], hh[tr], low[tr], short[tr]), window, own),
                                 terms=tuple(recal_terms))
        cal["recalibration"] = {"coef": coef}
    basis["cal"][key] = cal
    return cal


def _national_plan_check(as_of_years, year, calibration, leave_out, plans, recal_terms) -> pd.DataFrame:
    basis = _basis()
    if leave_out:
        def cal_for(region, indicator):
            return _leave_out_calibration(basis, region, indicator, recal_terms)
    else:
        def cal_for(region, indicator):
            return calibration if calibration is not None else fc.load_calibration()
    return _call_targets(_national_targets(plans), basis["pub"], cal_for, as_of_years, year)


def _call_targets(targets: pd.DataFrame, pub: pd.DataFrame, cal_for, as_of_years, year,
                  convert: bool = False, years_before=None) -> pd.DataFrame:
    """The calls of every target from each as-of year on its region's series in ``pub``
    (``region, indicator_id, year, value`` and, with ``convert``, ``unit``: each series converted to
    its target's unit), with ``cal_for(region, indicator)`` the calibration of each."""
    rows = []
    for tg in targets.itertuples(index=False):
        cal_t = cal_for(tg.region, tg.id)
        deadline = int(tg.deadline) if year is None else int(year)
        own = pub[(pub["region"] == tg.region) & (pub["indicator_id"] == tg.id)]
        if convert and len(own):  # plan_check has refused units that do not convert
            factor = unit_factor(own["unit"].iloc[0], tg.unit)
            own = own.assign(value=convert_array(own["value"].to_numpy(float), factor))
        s = own.groupby("year")["value"].mean().sort_index()
        actual = float(s.get(deadline, np.nan))
        met = (actual >= tg.value if tg.comparator == ">=" else actual <= tg.value) if np.isfinite(actual) else None
        years = (range(deadline - 5, deadline) if as_of_years is None else as_of_years) if years_before is None \
            else sorted(deadline - int(k) for k in years_before)
        for a in years:
            hist = s[s.index <= a]
            row = dict(plan=tg.plan, region=tg.region, indicator_id=tg.id, name_zh=tg.name_zh, name_en=tg.name_en,
                       target=tg.value, unit=tg.unit, comparator=tg.comparator,
                       deadline=deadline, as_of=a, n_points=len(hist), actual=actual, actual_2020=actual,
                       met=met)
            if len(hist) >= 1:
                r = fc.fit(hist, kind=tg.kind, calibration=cal_t, low_information=True)
                p = r.prob_meets_target(tg.value, deadline, tg.comparator)
                sf = r.summary_frame(0.2, years=[deadline]) if not r.insufficient else None
                row.update(model=r.model, prob=p, low_information=bool(r.low_information),
                           forecast=float(sf["mean"].iloc[0]) if sf is not None else np.nan,
                           lower_80=float(sf["lower"].iloc[0]) if sf is not None else np.nan,
                           upper_80=float(sf["upper"].iloc[0]) if sf is not None else np.nan)
            if len(hist) >= 2:
                yy, vv = hist.index.to_numpy(int), hist.to_numpy(float)
                for name, f in (("straight_line", straight_line), ("cagr", compound_growth), ("ets", ets_point)):
                    e = f(yy, vv, deadline)
                    row[f"{name}_forecast"] = e
                    row[f"{name}_call"] = float(e >= tg.value if tg.comparator == ">=" else e <= tg.value)
            rows.append(row)
    df = pd.DataFrame(rows)
    for c in ("plan", "region", "indicator_id", "as_of", "met", "prob", "straight_line_call", "cagr_call", "ets_call",
              "low_information", "n_points"):
        if c not in df:
            df[c] = np.nan
    return df


def plan_check(targets, observations=None, *, as_of_years=None, year: int | None = None,
               calibration: dict | None = None, lang: str = "zh", years_before=None) -> pd.DataFrame:
    """Call the targets of a plan of one's own from each as-of year and score them on the outcome,
    ours against the evaluators' rules: the national plan check on any catalogue.

    Parameters
    ----------
    targets : path-like or DataFrame
        A target catalogue (``id, name_zh, name_en, value, unit, comparator, deadline, kind``, as
        :func:`analysis.io.catalogue.load_targets` reads it), with an optional ``region`` column
        naming the series each target is called on (one indicator may have a target per region).
        A target without a region is called for every region of ``observations`` that has its
        indicator (a county table against one catalogue).
    observations : list of path-like, or DataFrame, optional
        The yearly values: files read through the intake against ``targets`` (any layout the
        intake reads; values converted to each target's unit, conversions in
        ``df.attrs["intake"]``), or a frame ``region, indicator_id, year, value[, unit]``. Default:
        the bundled public series, with the calibration re-learned without the series called (as
        in :func:`national_plan_check`).
    as_of_years : iterable of int, optional
        Default: the five years before each target's deadline.
    year : int, optional
        The year each target is scored in (default: its deadline).
    years_before : iterable of int, optional
        Call each target this many years before its own deadline instead (``(1, 2, 3)``: the calls
        made 1-3 years ahead, whatever the deadlines); overrides ``as_of_years``.
    calibration : dict, optional
        For one's own observations (default: the committed calibration file, learned on the
        public series: the observations given are held out from it).

    Returns
    -------
    DataFrame
        One row per (target, as-of year), as :func:`national_plan_check`; summarise with
        :func:`national_summary`. A target whose outcome is not in the data yet (a plan still
        running) has its calls and no score. ``df.attrs["intake"]``: the files' summaries.

    Raises
    ------
    InputError
        With one ``FILE:ROW:COLUMN: message`` per problem in the catalogue or the files.
    """
    with config.years_accepted():  # a plan's history may start before the district's monitoring does
        return _plan_check(targets, observations, as_of_years=as_of_years, year=year, calibration=calibration,
                           lang=lang, years_before=years_before)


def _plan_check(targets, observations, *, as_of_years, year, calibration, lang, years_before) -> pd.DataFrame:
    tg = targets.copy() if isinstance(targets, pd.DataFrame) else load_targets(targets)
    infos = []
    if observations is None:
        basis = _basis()
        pub, default_region = basis["pub"], NATIONAL_REGION

        def cal_for(region, indicator):
            return _leave_out_calibration(basis, region, indicator, RECAL_SPEC)
    else:
        if isinstance(observations, pd.DataFrame):
            pub = observations.copy()
            if "region" not in pub:
                pub["region"] = config.DEFAULT_REGION
        else:
            pub = plan_observations([observations] if isinstance(observations, (str, Path)) else observations,
                                    tg, lang=lang)
            infos = pub.attrs["intake"]
        regions = pub["region"].dropna().astype(str).unique()
        default_region = regions[0] if len(regions) == 1 else config.DEFAULT_REGION
        cal = calibration if calibration is not None else fc.load_calibration()

        def cal_for(region, indicator):
            return cal
    if "unit" not in pub:
        pub = pub.assign(unit="")
    if "region" not in tg:
        tg["region"] = ""
    tg["region"] = tg["region"].fillna("").astype(str).str.strip()
    tg["plan"] = tg["plan"] if "plan" in tg else "own"
    tg["deadline"] = tg["deadline_effective"] if "deadline_effective" in tg else tg["deadline"]
    if observations is not None:
        units = pub.groupby("indicator_id")["unit"].first()
        shown = display_name(Path(targets)) if isinstance(targets, (str, Path)) else "<targets>"
        bad = [Problem.said(shown, i + 2, "unit", "intake.unit_not_convertible_indicator", lang, id=r.id,
                            unit=units[r.id], target=r.unit)
               for i, r in enumerate(tg.itertuples(index=False))
               if r.id in units.index and unit_factor(units[r.id], r.unit) is None]
        if bad:
            raise InputError(bad)
        # a target without a region is every region's whose data hold its indicator (a county table)
        has = pub.groupby("indicator_id")["region"].unique()
        regions = [[reg] if reg else sorted(map(str, has.get(i, [default_region])))
                   for reg, i in zip(tg["region"], tg["id"])]
        tg = tg.loc[np.repeat(tg.index, [len(r) for r in regions])].reset_index(drop=True)
        tg["region"] = [reg for r in regions for reg in r]
    tg["region"] = tg["region"].replace("", default_region)
    df = _call_targets(tg, pub, cal_for, as_of_years, year, convert=observations is not None,
                       years_before=years_before)
    df.attrs["intake"] = infos
    return df


#: The methods of the national check: (name, column of the probability or 0/1 call).
NATIONAL_METHODS: tuple[tuple[str, str], ...] = (
    ("ours (auto, calibrated)", "prob"), ("straight_line", "straight_line_call"), ("cagr", "cagr_call"),
    ("ets", "ets_call"))


def national_summary(check: pd.DataFrame, by_plan: bool = False) -> pd.DataFrame:
    """Accuracy, Brier, log score and confident wrong calls per method over the scorable calls.

    Scorable: the outcome is known and at least 2 values were published by the as-of year (the
    hand rules' minimum); every method is scored on the same calls, and where ours makes no call
    it counts as p = 0.5 ("insufficient data"). Pooled over the plans (a target shared by two
    plans counted once); ``by_plan`` adds one block per plan, with a ``plan`` column (``all`` for
    the pooled block). ``log_score``: mean log probability of what happened, clipped at
    :data:`LOG_CLIP`.
    """
    if by_plan and "plan" in check:
        parts = [national_summary(g).assign(plan=k) for k, g in check.groupby("plan", sort=False)]
        parts.append(national_summary(check).assign(plan="all"))
        out = pd.concat(parts, ignore_index=True)
        return out[["plan"] + [c for c in out.columns if c != "plan"]]
    key = [c for c in ("region", "indicator_id", "target", "comparator", "as_of") if c in check]
    check = check.drop_duplicates(key) if key else check
    ok = check["met"].notna() & (pd.to_numeric(check.get("n_points", 2), errors="coerce").fillna(2) >= 2)
    out = []
    for m, col in NATIONAL_METHODS:
        if col not in check:
            continue
        g = check[ok]
        if m.startswith("ours"):
            p = g[col].astype(float).fillna(0.5).to_numpy(float)
        else:
            g = g[g[col].notna()]
            p = g[col].to_numpy(float)
        if g.empty:
            out.append(dict(method=m, n=0))
            continue
        y = g["met"].astype(float).to_numpy() == 1
        wrong = (p >= 0.5) != y
        out.append(dict(method=m, n=len(g), accuracy=float(1 - wrong.mean()),
                        brier=float(((p - y) ** 2).mean()), log_score=float(_log_score(p, y).mean()),
                        confident_wrong=int(_confident_wrong(p, y).sum())))
    return pd.DataFrame(out)


def summary_by_horizon(check: pd.DataFrame) -> pd.DataFrame:
    """:func:`national_summary` per number of years between the call and the deadline (``horizon``
    1, 2, ...), for the calls made 1-3 years ahead (the issue's held-out calls) and for all: how good a
    call is, made so long before the deadline, pooled over every plan in ``check``."""
    h = (pd.to_numeric(check["deadline"]) - pd.to_numeric(check["as_of"])).to_numpy()
    parts = [national_summary(check[h == k]).assign(horizon=str(int(k))) for k in sorted(set(h[h > 0]))]
    parts += [national_summary(check[(h >= 1) & (h <= 3)]).assign(horizon="1-3"),
              national_summary(check).assign(horizon="all")]
    out = pd.concat(parts, ignore_index=True)
    return out[["horizon"] + [c for c in out.columns if c != "horizon"]]


def provincial_plan_check(as_of_years=None, year: int | None = None, calibration: dict | None = None,
                          leave_out: bool = True, plans=tuple(PROVINCIAL_PLANS),
                          recal_terms: tuple[str, ...] = RECAL_SPEC) -> pd.DataFrame:
    """The provincial plan check: :func:`national_plan_check` on :data:`PROVINCIAL_PLANS`.

    Each province's 13th (deadline 2020), 12th (2015) and 14th (2025) Five-Year targets called from each of the
    five years before the deadline on that province's published yearly values, with calibration,
    prior and probability map re-learned without the province's series of the indicator called.
    Summarise with :func:`national_summary` (a target is one region, indicator, value and
    comparator).
    """
    return national_plan_check(as_of_years=as_of_years, year=year, calibration=calibration, leave_out=leave_out,
                               plans=plans, recal_terms=recal_terms)


def city_plan_check(as_of_years=None, year: int | None = None, calibration: dict | None = None,
                    leave_out: bool = True, plans=tuple(CITY_PLANS),
                    recal_terms: tuple[str, ...] = RECAL_SPEC) -> pd.DataFrame:
    """The city plan check: :func:`national_plan_check` on :data:`CITY_PLANS`.

    Each major city's 13th (deadline 2020) and 14th (2025) Five-Year targets called from each of the
    five years before the deadline on that city's published yearly values, with calibration, prior and
    probability map re-learned without the city's series of the indicator called. Summarise with
    :func:`national_summary`.
    """
    return national_plan_check(as_of_years=as_of_years, year=year, calibration=calibration, leave_out=leave_out,
                               plans=plans, recal_terms=recal_terms)


def other_plan_check(plans=tuple(OTHER_PLANS), as_of_years=None, calibration: dict | None = None) -> pd.DataFrame:
    """Other countries' plans (:data:`OTHER_PLANS`; or ``plans`` of :data:`PREFECTURE_PLANS`):
    :func:`plan_check` on each set's catalogue and series, with a ``plan`` column; the committed
    calibration (or ``calibration``), learned on series that do not include these. A set whose files
    are missing is skipped. Each set's calls are kept by :func:`analysis.io.cache.memo` (they depend
    only on its two files, the calibration, the code and the arguments)."""
    parts = []
    for key in plans:
        targets, obs = (config.public_dir() / f for f in _HELD_OUT_PLANS[key])
        if targets.exists() and obs.exists():
            params = json.dumps(dict(as_of_years=None if as_of_years is None else [int(a) for a in as_of_years],
                                     calibration=calibration, plan=key), sort_keys=True, default=str)
            name = f"other_check_{key}_{hashlib.sha256(params.encode()).hexdigest()[:12]}"
            parts.append(memo(name, lambda targets=targets, obs=obs, key=key: plan_check(
                _held_out_targets(targets, key), [obs], as_of_years=as_of_years, calibration=calibration),
                inputs=[targets, obs, fc.calibration_path()], params=params))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["plan", "region", "met", "prob"])


def _held_out_targets(path: Path, key: str) -> pd.DataFrame:
    """A held-out set's catalogue, its years read as a plan's history, with its ``plan`` key."""
    with config.years_accepted():
        return load_targets(path).assign(plan=key)


def older_plan_check(as_of_years=None, calibration: dict | None = None) -> pd.DataFrame:
    """China's 9th, 10th and 11th Five-Year Plans' targets: :func:`other_plan_check` on
    :data:`OLDER_PLANS` (held out, the committed calibration). Summarise with :func:`national_summary`."""
    return other_plan_check(plans=tuple(OLDER_PLANS), as_of_years=as_of_years, calibration=calibration)


def subnational_11th_plan_check(as_of_years=None, calibration: dict | None = None) -> pd.DataFrame:
    """Provinces' and major cities' 11th Five-Year targets: :func:`other_plan_check` on
    :data:`SUBNATIONAL_11TH_PLANS` (held out, the committed calibration)."""
    return other_plan_check(plans=tuple(SUBNATIONAL_11TH_PLANS), as_of_years=as_of_years, calibration=calibration)


def prefecture_plan_check(as_of_years=None, calibration: dict | None = None) -> pd.DataFrame:
    """The prefecture cities' plan check: :func:`other_plan_check` on :data:`PREFECTURE_PLANS` (held out,
    the committed calibration). Summarise with :func:`national_summary`."""
    return other_plan_check(plans=tuple(PREFECTURE_PLANS), as_of_years=as_of_years, calibration=calibration)


#: The shifts of the log-odds :func:`base_rate_check` chooses from (a base rate pulling every call
#: towards the share of plan targets met: positive when most are met).
BASE_RATE_GRID = np.round(np.arange(-1.0, 1.0001, 0.05), 2)
#: A call below this probability is "ambitious" in :func:`base_rate_check`: the trend says the target
#: is out of reach, which a base rate would contradict.
AMBITIOUS_P = 0.3


def base_rate_check(check: pd.DataFrame) -> pd.DataFrame:
    """Would the base rate at which real plans' targets are met improve our calls? Nested: for each
    plan (``check["plan"]``) a shift of the log-odds of every call, ``logit p' = logit p + s``, is
    chosen (:data:`BASE_RATE_GRID`, least Brier score) on the *other* plans' scorable calls and applied
    to this plan's; the calls are scored as :func:`national_summary` scores them (a target in two plans
    once; ours without a call is 0.5, shifted like any other 0.5).

    Parameters
    ----------
    check : DataFrame
        :func:`national_plan_check` and :func:`provincial_plan_check` rows (at least two plans).

    Returns
    -------
    DataFrame
        One row per subset (``all``: every scorable call; ``ambitious``: the calls ours put below
        :data:`AMBITIOUS_P`) and method (``ours``; ``ours + base rate``), with ``n``, ``accuracy``,
        ``brier``, ``log_score``, ``confident_wrong``, ``mean_p`` (mean probability) and ``observed``
        (share met); ``shift`` is the mean shift applied (the base-rate rows). ``attrs["calls"]``: the
        scored calls with their shift and shifted probability (``prob_base_rate``).
    """
    from scipy import special

    key = [c for c in ("region", "indicator_id", "target", "comparator", "as_of") if c in check]
    d = check.drop_duplicates(key) if key else check
    ok = d["met"].notna() & (pd.to_numeric(d.get("n_points", 2), errors="coerce").fillna(2) >= 2)
    d = d[ok]
    p = d["prob"].astype(float).fillna(0.5).to_numpy(float)
    y = d["met"].astype(float).to_numpy() == 1
    plan = d["plan"].astype(str).to_numpy()
    inner = (p > 0) & (p < 1)  # a probability of 0 or 1 stays so (as the probability map leaves it)
    lo = special.logit(np.clip(p, 1e-9, 1 - 1e-9))
    shifted, shift = p.copy(), np.zeros(len(p))
    for k in dict.fromkeys(plan.tolist()):
        own, other = plan == k, plan != k
        if not other.any():
            continue
        briers = [float(((np.where(inner[other], special.expit(lo[other] + s), p[other]) - y[other]) ** 2).mean())
                  for s in BASE_RATE_GRID]
        s = float(BASE_RATE_GRID[int(np.argmin(briers))])
        shifted[own] = np.where(inner[own], special.expit(lo[own] + s), p[own])
        shift[own] = s
    rows = []
    for subset, mask in (("all", np.ones(len(p), bool)), ("ambitious", p < AMBITIOUS_P)):
        for method, q in (("ours", p), ("ours + base rate", shifted)):
            qq, yy = q[mask], y[mask]
            row = dict(subset=subset, method=method, n=int(mask.sum()))
            if mask.any():
                row.update(accuracy=float(((qq >= 0.5) == yy).mean()), brier=float(((qq - yy) ** 2).mean()),
                           log_score=float(_log_score(qq, yy).mean()), confident_wrong=int(_confident_wrong(qq, yy).sum()),
                           mean_p=float(qq.mean()), observed=float(yy.mean()),
                           shift=float(shift[mask].mean()) if method != "ours" else 0.0)
            rows.append(row)
    out = pd.DataFrame(rows)
    out.attrs["calls"] = d.assign(prob_base_rate=shifted, shift=shift)
    return out
