"""Tests for analysis.model.forecast: models, support, intervals, probabilities, the panel."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.model import forecast as fc
from analysis.model import forecast_calibration as fcal
from analysis.model import forecast_components as fcc
from analysis.model import forecast_mixture as fcm

YEARS = np.arange(2013, 2020)
GROWING = pd.Series([10.0, 12.1, 13.9, 16.4, 18.2, 21.5, 23.9], index=YEARS)
COUNTS = pd.Series([2.0, 3, 3, 5, 6, 6, 9], index=YEARS)
UNCAL = dict(calibrate=False)


def _s(values, start=2015):
    return pd.Series(np.asarray(values, float), index=np.arange(start, start + len(values)))


# ------------------------------------------------------------------ models, hand-computable

@pytest.mark.parametrize("model", ["drift", "linear", "holt"])
def test_exact_linear_series_is_forecast_exactly_with_the_floor_width(model):
    r = fc.fit(_s([3, 5, 7, 9, 11, 13, 15]), model=model, **UNCAL)
    sf = r.summary_frame(years=[2022, 2024])
    np.testing.assert_allclose(sf["mean"], [17, 21], atol=1e-9)
    # zero residuals: the residual scale is the floor, FLOOR_CHANGE x the mean yearly change
    assert np.all(sf["upper"] - sf["lower"] > 0)
    assert np.all(sf["upper"] - sf["lower"] < 0.1 * sf["mean"])
    assert r.prob_meets_target(17, 2022) == pytest.approx(0.5)
    assert r.prob_meets_target(16, 2022) > 0.9 and r.prob_meets_target(18, 2022) < 0.1


def test_drift_floor_by_hand():
    r = fc.fit(_s([3, 5, 7, 9, 11, 13, 15]), model="drift", **UNCAL)
    s = fc.FLOOR_CHANGE * 2.0                                # mean |yearly change| = 2
    h, T = 1, 6                                              # 2015..2021 -> 2022
    half = stats.t.ppf(0.975, 5) * s * np.sqrt(h + h * h / T)
    row = r.summary_frame(0.05, years=[2022]).iloc[0]
    np.testing.assert_allclose([row["lower"], row["upper"]], [17 - half, 17 + half], rtol=1e-10)


@pytest.mark.parametrize("values,years,year,expect", [
    ([100.0, 110, 121, 133.1], [2015, 2016, 2017, 2018], 2020, 133.1 * 1.1 ** 2),
    ([2.0, 4, 8], [2017, 2018, 2019], 2020, 16.0),
    ([50.0, 40, 32, 25.6, 20.48], [2015, 2016, 2017, 2018, 2019], 2022, 20.48 * 0.8 ** 3),
    ([1.0, 1.21, 1.4641], [2010, 2012, 2014], 2015, 1.4641 * 1.1),          # two-year steps
    ([10.0, 20.0, 40.0], [2014, 2015, 2017], 2019, 40 * 4 ** (2 / 3)),      # a gap: CAGR over 3 years
])
def test_logdrift_on_a_geometric_series_is_the_compound_growth_rule(values, years, year, expect):
    from analysis.model import backtest as bt

    s = pd.Series(values, index=years)
    r = fc.fit(s, model="logdrift", **UNCAL)
    point = r.forecast([year]).iloc[0]
    assert point == pytest.approx(expect, rel=1e-12)
    assert point == pytest.approx(bt.compound_growth(np.array(years), np.array(values), year), rel=1e-12)
    sf = r.summary_frame(0.05, years=[year]).iloc[0]
    assert sf["lower"] < point < sf["upper"]                 # exact fit: the floor, not a point


def test_logdrift_by_hand_and_against_statsmodels():
    import statsmodels.api as sm

    y = GROWING.to_numpy()
    z = np.log(y)
    dz = np.diff(z)
    res = sm.OLS(dz, np.ones_like(dz)).fit()
    h = 3
    var = res.scale * h + h ** 2 * res.bse[0] ** 2              # s^2 h + h^2 se(d)^2
    half = stats.t.ppf(0.9, res.df_resid) * np.sqrt(var)
    m = z[-1] + res.params[0] * h
    r = fc.fit(GROWING, model="logdrift", **UNCAL)
    row = r.summary_frame(0.2, years=[2022]).iloc[0]
    np.testing.assert_allclose([row["mean"], row["lower"], row["upper"]],
                               np.exp([m, m - half, m + half]), rtol=1e-10)
    d = (z[-1] - z[0]) / 6
    np.testing.assert_allclose(np.sqrt(np.sum((dz - d) ** 2) / 5), np.sqrt(res.scale), rtol=1e-12)


def test_logdrift_needs_positive_values():
    with pytest.raises(ValueError, match="strictly positive"):
        fc.fit(_s([0.0, 1, 2, 3]), model="logdrift")


CONTINUOUS_EXACT = {"constant": [5.0] * 5, "linear": [3.0, 5, 7, 9, 11], "geometric": [2.0, 4, 8, 16, 32],
                    "constant_100": [100.0] * 5}


@pytest.mark.parametrize("shape", list(CONTINUOUS_EXACT))
@pytest.mark.parametrize("kind,model", [(k, m) for k in ("level", "ratio", "share", "count")
                                        for m in (None, "drift", "logdrift", "linear", "loglinear", "holt")
                                        if not (k == "count" and m == "loglinear")])
@pytest.mark.parametrize("calibrate", [False, True])
def test_interval_is_never_a_point_beyond_the_last_observation(shape, kind, model, calibrate):
    values = CONTINUOUS_EXACT[shape]
    if kind == "share" and shape == "geometric":
        values = [v / 4 for v in values]                    # stays below 100 by 2022
    r = fc.fit(_s(values), kind=kind, model=model, calibrate=calibrate)
    sf = r.summary_frame(0.2, years=[2020, 2022])
    assert np.all(sf["upper"] > sf["lower"]), sf
    p = [r.prob_meets_target(v, 2020) for v in sf["mean"].iloc[:1]]
    assert 0 < p[0] < 1


def test_all_zero_continuous_series_is_the_documented_exception():
    # no scale at all in the data: a level stuck at exactly 0 keeps a point forecast
    sf = fc.fit(_s([0.0, 0, 0, 0]), **UNCAL).summary_frame(0.2, years=[2020])
    assert sf["lower"].iloc[0] == sf["upper"].iloc[0] == 0.0
    # ... but counts keep the Poisson floor
    sf = fc.fit(_s([0.0, 0, 0, 0]), kind="count", **UNCAL).summary_frame(0.05, years=[2021])
    assert sf["upper"].iloc[0] >= 1


def test_linear_matches_statsmodels_ols_prediction_interval():
    import statsmodels.api as sm

    r = fc.fit(GROWING, model="linear", **UNCAL)
    t = YEARS - YEARS.mean()
    res = sm.OLS(GROWING.to_numpy(), sm.add_constant(t)).fit()
    sf = res.get_prediction(np.array([[1.0, 2022 - YEARS.mean()]])).summary_frame(alpha=0.05)
    ours = r.summary_frame(0.05, years=[2022]).iloc[0]
    np.testing.assert_allclose([ours["mean"], ours["lower"], ours["upper"]],
                               [sf["mean"].iloc[0], sf["obs_ci_lower"].iloc[0], sf["obs_ci_upper"].iloc[0]],
                               rtol=1e-10)


def test_loglinear_is_ols_on_logs_back_transformed_median():
    import statsmodels.api as sm

    r = fc.fit(GROWING, model="loglinear", **UNCAL)
    res = sm.OLS(np.log(GROWING.to_numpy()), sm.add_constant(YEARS - YEARS.mean())).fit()
    sf = res.get_prediction(np.array([[1.0, 2021 - YEARS.mean()]])).summary_frame(alpha=0.2)
    ours = r.summary_frame(0.2, years=[2021]).iloc[0]
    np.testing.assert_allclose([ours["mean"], ours["lower"], ours["upper"]],
                               np.exp([sf["mean"].iloc[0], sf["obs_ci_lower"].iloc[0], sf["obs_ci_upper"].iloc[0]]),
                               rtol=1e-10)


def test_drift_by_hand_with_a_gap():
    s = pd.Series([1.0, 3.0, 4.0, 8.0], index=[2014, 2015, 2017, 2018])   # 2016 missing
    r = fc.fit(s, model="drift", **UNCAL)
    d = (8 - 1) / 4                                                       # per year
    g, D = np.array([1, 2, 1.0]), np.array([2, 1, 4.0])
    sd = np.sqrt(np.sum((D - d * g) ** 2 / g) / (3 - 1))
    h = 2
    half = stats.t.ppf(0.9, 2) * sd * np.sqrt(h + h * h / 4)
    row = r.summary_frame(0.2, years=[2020]).iloc[0]
    np.testing.assert_allclose([row["mean"], row["lower"], row["upper"]], [8 + 2 * d, 8 + 2 * d - half, 8 + 2 * d + half])


@pytest.mark.parametrize("model", ["holt", "damped"])
def test_holt_point_forecasts_match_statsmodels_with_the_fixed_parameters(model):
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    a, b, phi = fc.HOLT_PARAMS[model]
    y = GROWING.to_numpy()
    b0 = y[1] - y[0]
    es = ExponentialSmoothing(pd.Series(y), trend="add", damped_trend=model == "damped",
                              initialization_method="known", initial_level=y[0] - phi * b0,
                              initial_trend=b0)
    res = es.fit(smoothing_level=a, smoothing_trend=b, damping_trend=phi if model == "damped" else None,
                 optimized=False)
    ours = fc.fit(GROWING, model=model, **UNCAL).forecast(3).to_numpy()
    np.testing.assert_allclose(ours, res.forecast(3).to_numpy(), rtol=1e-10)


@pytest.mark.parametrize("model", ["poisson", "negbin"])
def test_count_glm_matches_statsmodels(model):
    import statsmodels.api as sm

    y = np.array([3.0, 9, 4, 14, 8, 20, 12])            # over-dispersed
    r = fc.fit(pd.Series(y, index=YEARS), kind="count", model=model, **UNCAL)
    X = sm.add_constant(YEARS - YEARS.mean())
    pois = sm.GLM(y, X, family=sm.families.Poisson()).fit()
    if model == "negbin":
        mu = pois.mu
        alpha = np.sum(((y - mu) ** 2 - mu) / mu ** 2) / (len(y) - 2)
        ref = sm.GLM(y, X, family=sm.families.NegativeBinomial(alpha=alpha)).fit()
    else:
        ref = pois
    comp = fcc._component(model, YEARS.astype(float), y[None, :], np.array([2021.0]), "count")
    np.testing.assert_allclose(comp.point()[0, 0], ref.predict(np.array([[1.0, 2021 - YEARS.mean()]]))[0],
                               rtol=1e-5)   # statsmodels stops IRLS at a 1e-8 deviance change
    se = np.sqrt(np.array([1.0, 2021 - YEARS.mean()]) @ ref.cov_params() @ np.array([1.0, 2021 - YEARS.mean()]))
    np.testing.assert_allclose(comp.scale[0, 0], se, rtol=1e-5)
    assert r.model == model


def test_automatic_choice_is_the_equal_weight_additive_and_multiplicative_drift():
    for values in ([3, 5, 7, 9, 11, 13], [4.0, 5.0, 7.0, 8.0], GROWING.to_numpy()):
        r = fc.fit(_s(values), **UNCAL)
        assert r.weights == {"drift": 0.5, "logdrift": 0.5}
        assert r.model == "drift+logdrift"
        both = 0.5 * (fc.fit(_s(values), model="drift", **UNCAL).forecast(2).to_numpy()
                      + fc.fit(_s(values), model="logdrift", **UNCAL).forecast(2).to_numpy())
        np.testing.assert_allclose(r.forecast(2).to_numpy(), both, rtol=1e-12)


def test_non_positive_series_fall_back_to_additive_drift():
    r = fc.fit(_s([0.0, 2, 3, 5, 4]), **UNCAL)
    assert r.weights == {"drift": 1.0, "logdrift": 0.0} and r.model == "drift"
    np.testing.assert_allclose(r.forecast(2).to_numpy(),
                               fc.fit(_s([0.0, 2, 3, 5, 4]), model="drift", **UNCAL).forecast(2).to_numpy())


@pytest.mark.parametrize("config", [dict(short=("drift", "linear"), long="kind", shrink=0.0, error="abs"),
                                    dict(short=("drift", "linear", "logdrift"), long="kind", shrink=5.0,
                                         error="rel")])
def test_back_test_weighting_configurations(monkeypatch, config):
    monkeypatch.setattr(fcc, "AUTO_CONFIG", dict(config))
    short = fc.fit(_s([4.0, 5.0, 7.0, 8.0]), **UNCAL)
    assert set(short.weights) == set(config["short"])
    assert all(w == pytest.approx(1 / len(config["short"])) for w in short.weights.values())
    exact = fc.fit(_s([3, 5, 7, 9, 11, 13]), **UNCAL)       # drift and linear are exact
    w = exact.weights
    assert w["drift"] == pytest.approx(w["linear"]) and w["drift"] > w["logdrift"]
    if config["shrink"] == 0:
        assert w["drift"] + w["linear"] == pytest.approx(1.0)
    else:                                                   # shrunk towards equal weights
        m, K = 6, 4                                         # 3 + 2 + 1 errors; drift, linear, logdrift, loglinear
        lam = config["shrink"] / (config["shrink"] + m)
        assert w["logdrift"] == pytest.approx(lam / K)
    assert sum(w.values()) == pytest.approx(1.0)


# ------------------------------------------------------------------ support

def test_counts_are_non_negative_integers_in_intervals_and_paths(rng):
    s = _s([6, 5, 3, 2, 1, 1, 0])                   # falling towards zero
    r = fc.fit(s, kind="count")
    sf = r.summary_frame(0.05, years=range(2022, 2027))
    for col in ("lower", "upper"):
        v = sf[col].to_numpy()
        assert np.all(v >= 0) and np.all(v == np.round(v))
    paths = r.sample_paths(200, [2022, 2023, 2024], rng)
    assert paths.shape == (200, 3)
    assert np.all(paths >= 0) and np.all(paths == np.round(paths))
    assert r.prob_meets_target(0, 2024) == pytest.approx(1.0)


def test_milestone_probability_is_discrete():
    r = fc.fit(_s([0, 0, 1, 1, 1]), kind="milestone")
    p1 = r.prob_meets_target(1, 2021)
    assert r.prob_meets_target(0.5, 2021) == pytest.approx(p1)  # P(Y >= 0.5) = P(Y >= 1)
    assert 0 < p1 <= 1


def test_shares_stay_within_0_and_100(rng):
    up = fc.fit(_s([90, 94, 97, 99, 99.5, 100]), kind="share")
    sf = up.summary_frame(0.05, years=range(2021, 2026))
    assert (sf[["mean", "lower", "upper"]].to_numpy() <= 100).all()
    assert up.prob_meets_target(100, 2023) > 0                   # full coverage reachable
    assert up.prob_meets_target(100.5, 2023) == 0.0
    down = fc.fit(_s([9, 6, 4, 2, 1]), kind="share")
    assert (down.summary_frame(0.05, years=range(2020, 2025))[["lower"]].to_numpy() >= 0).all()
    paths = up.sample_paths(100, [2021, 2022], rng)
    assert paths.min() >= 0 and paths.max() <= 100


@pytest.mark.parametrize("kind", ["level", "ratio"])
def test_levels_are_non_negative(kind):
    r = fc.fit(_s([10, 8, 6.5, 4, 3, 1.5]), kind=kind)
    assert (r.summary_frame(0.05, years=range(2021, 2026)).to_numpy() >= 0).all()


# ------------------------------------------------------------------ intervals, probabilities

@pytest.mark.parametrize("model", ["drift", "linear", "loglinear", "holt", "damped", None])
@pytest.mark.parametrize("calibrate", [False, True])
def test_interval_width_is_non_decreasing_in_the_horizon(model, calibrate):
    r = fc.fit(GROWING, model=model, calibrate=calibrate)
    for alpha in (0.05, 0.2):
        sf = r.summary_frame(alpha, years=range(2020, 2028))
        w = (sf["upper"] - sf["lower"]).to_numpy()
        assert np.all(np.diff(w) >= -1e-9), w


@pytest.mark.parametrize("model", ["poisson", None])
def test_count_interval_width_non_decreasing(model):
    r = fc.fit(COUNTS, kind="count", model=model)
    sf = r.summary_frame(0.05, years=range(2020, 2026))
    assert np.all(np.diff((sf["upper"] - sf["lower"]).to_numpy()) >= 0)


def test_calibration_widens_by_the_factor():
    cal = {"factors": {"linear": [2.0, 3.0]}}
    raw = fc.fit(GROWING, model="linear", calibrate=False).summary_frame(years=[2020, 2021, 2025])
    wide = fc.fit(GROWING, model="linear", calibration=cal).summary_frame(years=[2020, 2021, 2025])
    ratio = ((wide["upper"] - wide["lower"]) / (raw["upper"] - raw["lower"])).to_numpy()
    np.testing.assert_allclose(ratio, [2.0, 3.0, 3.0], rtol=1e-8)
    np.testing.assert_allclose(wide["mean"], raw["mean"])


@pytest.mark.parametrize("kind,series", [("level", GROWING), ("count", COUNTS)])
def test_prob_meets_target_is_monotone_in_the_target(kind, series):
    r = fc.fit(series, kind=kind)
    grid = np.linspace(0.5, 60, 61)                # (0 is an atom of the censored law)
    ge = np.array([r.prob_meets_target(v, 2022) for v in grid])
    le = np.array([r.prob_meets_target(v, 2022, "<=") for v in grid])
    assert np.all(np.diff(ge) <= 1e-12) and np.all(np.diff(le) >= -1e-12)
    assert np.all((ge >= 0) & (ge <= 1))
    if kind == "level":                          # continuous: the two add up to one
        np.testing.assert_allclose(ge + le, 1.0, atol=1e-9)
    else:                                        # discrete: P(Y >= k) + P(Y <= k) = 1 + P(Y = k)
        assert np.all(ge + le >= 1 - 1e-12)


def test_lower_is_better_comparator_on_a_falling_series():
    r = fc.fit(_s([50, 46, 43, 40, 36, 33]))
    p_low = r.prob_meets_target(25, 2023, "<=")
    assert p_low > 0.5
    assert r.prob_meets_target(25, 2023, ">=") == pytest.approx(1 - p_low)


def test_observed_years_give_the_observation():
    r = fc.fit(GROWING)
    assert r.prob_meets_target(22, 2018) == 0.0 and r.prob_meets_target(22, 2019) == 1.0
    assert r.forecast([2019]).iloc[0] == GROWING[2019]


@pytest.mark.parametrize("n_points", [4, 7])
def test_probability_agrees_with_the_interval(n_points):
    """Without the probability map the 80% bounds are the 90% / 10% points; with it (issue 16) the
    probability is moved exactly as ``recalibrate`` says, the interval is not: from a short series
    (at most ``RECAL_SHORT_POINTS`` points) it is marked down, from a longer one left as it is."""
    cal = fc.load_calibration()
    raw = {k: v for k, v in cal.items() if k != "recalibration"}
    series = GROWING.iloc[-n_points:]
    short = n_points <= fcal.RECAL_SHORT_POINTS
    r = fc.fit(series, calibration=raw)
    sf = r.summary_frame(0.2, years=[2022]).iloc[0]
    assert r.prob_meets_target(sf["lower"], 2022) == pytest.approx(0.9, abs=1e-6)
    assert r.prob_meets_target(sf["upper"], 2022) == pytest.approx(0.1, abs=1e-6)
    mapped = fc.fit(series)
    pd.testing.assert_frame_equal(mapped.summary_frame(0.2, years=[2022]), r.summary_frame(0.2, years=[2022]))
    want = fcal.recalibrate(np.array([0.9, 0.1]), True, 3, False, cal["recalibration"]["coef"], short)
    got = [mapped.prob_meets_target(sf["lower"], 2022), mapped.prob_meets_target(sf["upper"], 2022)]
    np.testing.assert_allclose(got, want, atol=1e-6)
    if short:
        assert got[0] < 0.9 and got[1] < 0.1              # a rising trend carries on less often than said
    else:
        np.testing.assert_allclose(got, [0.9, 0.1], atol=1e-6)
    le = mapped.prob_meets_target(sf["lower"], 2022, "<=")
    assert le == pytest.approx(1 - got[0], abs=1e-6)       # the same map for a lower-is-better target


def test_recalibrate_is_symmetric_in_the_direction_of_the_trend():
    coef = {"shift": -0.2, "per_year": -0.05, "low_information": 0.1, "short": -0.3}
    q = np.array([0.0, 0.03, 0.5, 0.8, 1.0, np.nan])
    up = fcal.recalibrate(q, True, 2, False, coef)
    down = fcal.recalibrate(1 - q, False, 2, False, coef)
    np.testing.assert_allclose(up, 1 - down)               # a falling series mirrors a rising one
    assert up[0] == 0.0 and up[4] == 1.0 and np.isnan(up[5])
    z = np.log(0.8 / 0.2) - 0.2 - 0.05
    assert up[3] == pytest.approx(1 / (1 + np.exp(-z)))
    np.testing.assert_array_equal(fcal.recalibrate(q, True, 2, False, None), q)
    assert fcal.recalibrate(0.5, True, 1, True, coef) > fcal.recalibrate(0.5, True, 1, False, coef)
    short = fcal.recalibrate(q, True, 2, False, coef, short=True)
    assert short[3] == pytest.approx(1 / (1 + np.exp(-(z - 0.3))))
    np.testing.assert_allclose(short, 1 - fcal.recalibrate(1 - q, False, 2, False, coef, short=True))


def test_the_map_is_for_the_automatic_rule_with_calibration_only():
    cal = fc.load_calibration()
    assert cal["recalibration"]["coef"]
    raw = {k: v for k, v in cal.items() if k != "recalibration"}
    for kw in (dict(model="drift"), dict(calibrate=False)):
        a = fc.fit(GROWING, calibration=cal, **kw).prob_meets_target(27, 2021)
        b = fc.fit(GROWING, calibration=raw, **kw).prob_meets_target(27, 2021)
        assert a == b
    short = GROWING.iloc[-4:]
    assert fc.fit(short).prob_meets_target(27, 2021) < fc.fit(short, calibration=raw).prob_meets_target(27, 2021)


# ------------------------------------------------------------------ insufficient data, errors

@pytest.mark.parametrize("values, kw", [([5.0], dict(low_information=True)), ([5.0, 6.0], {}),
                                        ([5.0, 6.0], dict(prior={}, low_information=True)),
                                        ([5.0, 6.0], dict(model="drift", low_information=True))])
def test_fewer_than_three_points_is_insufficient(values, kw, rng):
    """One point; two unless asked (``low_information``), or without a pooled prior, or with an
    explicit model: no call."""
    r = fc.fit(_s(values), **kw)
    assert r.insufficient and r.model == "insufficient" and r.n_points == len(values)
    assert not r.low_information
    assert r.summary_frame(years=[2020, 2021]).isna().all().all()
    assert np.isnan(r.prob_meets_target(1.0, 2020))
    assert np.isnan(r.sample_paths(3, [2020], rng)).all()


def test_nan_values_are_dropped():
    s = _s([1.0, np.nan, 3.0, 4.0])
    assert fc.fit(s).n_points == 3


@pytest.mark.parametrize("kwargs,match", [
    (dict(model="arima"), "unknown model"),
    (dict(kind="money"), "unknown kind"),
    (dict(model="loglinear", series=_s([0.0, 1, 2, 3])), "strictly positive"),
    (dict(model="poisson"), "for counts"),
    (dict(model="holt", series=_s([1.0, 2, 3, 4])), "at least 5 points"),
    (dict(model="holt", series=pd.Series([1.0, 2, 3, 4, 5], index=[2010, 2011, 2013, 2014, 2015])), "gaps"),
    (dict(series=pd.Series([], dtype=float)), "empty"),
    (dict(series=pd.Series([1.0, 2.0], index=[2015, 2015])), "duplicate years"),
])
def test_bad_arguments_raise(kwargs, match):
    series = kwargs.pop("series", GROWING)
    with pytest.raises(ValueError, match=match):
        fc.fit(series, **kwargs)


def test_bad_comparator_and_alpha_raise():
    r = fc.fit(GROWING)
    with pytest.raises(ValueError, match="comparator"):
        r.prob_meets_target(10, 2021, ">")
    with pytest.raises(ValueError, match="alpha"):
        r.summary_frame(alpha=1.5)


# ------------------------------------------------------------------ the panel

def _panel_inputs():
    rows = []
    data = {
        ("A", "lvl"): GROWING, ("B", "lvl"): GROWING * 1.7 + 3,
        ("A", "cnt"): COUNTS, ("B", "cnt"): pd.Series([1.0, 0, 2, 2], index=[2016, 2017, 2018, 2019]),
        ("A", "shr"): pd.Series([20.0, 22, 25, 24, 28], index=[2014, 2015, 2017, 2018, 2019]),  # gap
        ("B", "shr"): pd.Series([50.0, 52], index=[2018, 2019]),                                  # too short
        ("A", "rat"): _s([1.0, 1.1, 1.3, 1.2, 1.6, 1.7, 1.65, 2.0], 2012),
        ("C", "cnt"): _s([19.0, 24, 29, 34, 39]),                                             # exactly linear
        ("C", "lvl"): _s([0.0, 1.0, 3.0, 2.0, 4.0, 6.0, 7.0], 2013),                          # not positive
        ("C", "rat"): _s([1.0, 2.0, 4.0, 8.0], 2016),                                         # exactly geometric
    }
    for (reg, ind), s in data.items():
        for y, v in s.items():
            rows.append(dict(region=reg, indicator_id=ind, year=int(y), value=float(v)))
    obs = pd.DataFrame(rows)
    targets = pd.DataFrame({
        "id": ["lvl", "cnt", "shr", "rat"], "value": [30.0, 8.0, 30.0, 1.5],
        "comparator": [">=", ">=", ">=", "<="], "kind": ["level", "count", "share", "ratio"],
        "deadline_effective": [2021, 2020, 2022, 2020]})
    return obs, targets, data


def test_panel_equals_fit_per_series():
    obs, targets, data = _panel_inputs()
    panel = fc.forecast_panel(obs, targets)
    assert list(panel.columns[:len(fc.PANEL_COLUMNS)]) == fc.PANEL_COLUMNS
    assert fc.PANEL_COLUMNS[:13] == ["region", "indicator_id", "model", "n_points", "last_year", "last_value",
                                    "forecast", "lower_80", "upper_80", "lower_95", "upper_95", "prob_meet",
                                    "insufficient"]       # the scorecard relies on these: added to, never renamed
    assert len(panel) == len(data)
    tg = targets.set_index("id")
    for row in panel.itertuples(index=False):
        s = data[(row.region, row.indicator_id)]
        meta = tg.loc[row.indicator_id]
        r = fc.fit(s, kind=meta["kind"], low_information=True)
        assert row.n_points == r.n_points and row.last_year == r.last_year
        assert row.insufficient == r.insufficient and row.model == r.model
        d = int(meta["deadline_effective"])
        sf80 = r.summary_frame(0.2, years=[d]).iloc[0]
        sf95 = r.summary_frame(0.05, years=[d]).iloc[0]
        expect = [sf80["mean"], sf80["lower"], sf80["upper"], sf95["lower"], sf95["upper"],
                  r.prob_meets_target(meta["value"], d, meta["comparator"])]
        got = [row.forecast, row.lower_80, row.upper_80, row.lower_95, row.upper_95, row.prob_meet]
        np.testing.assert_allclose(got, expect, rtol=1e-12, atol=1e-12, equal_nan=True)


def test_panel_exact_series_get_intervals_not_points():
    obs, targets, _ = _panel_inputs()
    p = fc.forecast_panel(obs, targets).set_index(["region", "indicator_id"])
    for key in [("C", "cnt"), ("C", "rat")]:
        row = p.loc[key]
        assert row["upper_80"] > row["lower_80"] and 0 < row["prob_meet"] < 1, key
    # 19, 24, ..., 39: additive drift says 44, compound growth 39 (39/19)^(1/4); the mean of the two
    assert p.loc[("C", "cnt"), "forecast"] == pytest.approx((44 + 39 * (39 / 19) ** 0.25) / 2)
    assert p.loc[("C", "lvl"), "model"] == "drift"


def test_panel_as_of_never_looks_ahead():
    obs, targets, _ = _panel_inputs()
    a = fc.forecast_panel(obs, targets, as_of=2017)
    changed = obs.copy()
    later = changed["year"] > 2017
    changed.loc[later, "value"] = changed.loc[later, "value"] * 10 + 99
    b = fc.forecast_panel(changed, targets, as_of=2017)
    pd.testing.assert_frame_equal(a, b)
    assert (a["last_year"] <= 2017).all()


def test_panel_deadline_already_observed():
    obs, targets, _ = _panel_inputs()
    targets = targets.assign(deadline_effective=2019)
    p = fc.forecast_panel(obs, targets).set_index(["region", "indicator_id"])
    assert p.loc[("A", "lvl"), "prob_meet"] == 0.0        # 23.9 < 30
    assert p.loc[("A", "lvl"), "forecast"] == GROWING[2019]


def test_panel_empty_and_bad_columns():
    _, targets, _ = _panel_inputs()
    empty = pd.DataFrame(columns=["region", "indicator_id", "year", "value"])
    assert fc.forecast_panel(empty, targets).empty
    with pytest.raises(ValueError, match="obs lacks columns"):
        fc.forecast_panel(pd.DataFrame({"region": ["A"]}), targets)


@pytest.mark.parametrize("kind,series", [("level", GROWING), ("count", COUNTS)])
def test_sample_paths_follow_the_predictive_distribution(kind, series):
    # the paths follow the predictive distribution: its probability before the map of issue 16
    raw = {k: v for k, v in fc.load_calibration().items() if k != "recalibration"}
    r = fc.fit(series, kind=kind, calibration=raw)
    paths = r.sample_paths(4000, [2021, 2023], np.random.default_rng(3))
    sf = r.summary_frame(0.2, years=[2021, 2023])
    for j, year in enumerate([2021, 2023]):
        below = np.mean(paths[:, j] < sf.loc[year, "lower"])
        above = np.mean(paths[:, j] > sf.loc[year, "upper"])
        assert below <= 0.13 and above <= 0.13            # about 10% each (less for discrete)
        target = sf.loc[year, "mean"]
        assert np.mean(paths[:, j] >= target) == pytest.approx(r.prob_meets_target(target, year), abs=0.04)


# --- growth regime and targets at zero -----------------------------------------------------------
def test_growth_regime_test_tells_proportional_from_constant_growth():
    t = np.arange(2010, 2018, dtype=float)
    rng = np.random.default_rng(3)
    geometric = 10 * np.exp(0.2 * np.arange(8) + rng.normal(0, 0.01, 8))
    linear = 10 + 3 * np.arange(8) + rng.normal(0, 0.1, 8)
    llr = fc.growth_regime(t, np.stack([geometric, linear]))
    assert llr[0] > 0 > llr[1]
    assert np.isnan(fc.growth_regime(t, np.r_[0.0, linear[1:]][None, :]))[0]     # no log model


def test_regime_weights_follow_the_test_and_the_prior(monkeypatch):
    t = np.arange(2010, 2016, dtype=float)
    Y = np.array([[1, 2, 4, 8, 16, 32.5], [10, 12, 14.1, 16, 18, 20]], dtype=float)
    monkeypatch.setitem(fcc.AUTO_CONFIG, "regime", "lik")
    w = fcc._auto_weights(t, Y, "level", ["drift", "logdrift"])
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    assert w[0, 1] > 0.5 > w[1, 1]                                   # logdrift weight
    monkeypatch.setitem(fcc.AUTO_CONFIG, "regime", "prior")
    monkeypatch.setitem(fcc.AUTO_CONFIG, "prior", {"share": 0.0})
    np.testing.assert_array_equal(fcc._auto_weights(t, Y, "share", ["drift", "logdrift"]), [[1, 0], [1, 0]])
    np.testing.assert_array_equal(fcc._auto_weights(t, Y, "level", ["drift", "logdrift"]), [[0.5, 0.5]] * 2)


def test_target_of_zero_is_not_capped_by_the_multiplicative_model():
    """100, 75, 50, 25: the straight decline reaches 0 in 2019. Log-scale models never reach 0,
    so the automatic 50/50 mixture would answer at most 0.5 however fast the decline."""
    r = fc.fit(pd.Series([100.0, 75, 50, 25], index=range(2015, 2019)), kind="level", calibrate=False)
    assert r.model == "drift+logdrift"
    drift = fc.fit(pd.Series([100.0, 75, 50, 25], index=range(2015, 2019)), kind="level", model="drift",
                   calibrate=False)
    assert r.prob_meets_target(0, 2020, "<=") == pytest.approx(drift.prob_meets_target(0, 2020, "<="))
    assert r.prob_meets_target(0, 2020, "<=") > 0.9
    # a positive threshold still uses the whole mixture (the log model can go below 5)
    p5 = r.prob_meets_target(5, 2020, "<=")
    assert drift.prob_meets_target(5, 2020, "<=") > p5 > 0.5 * drift.prob_meets_target(5, 2020, "<=")


def test_point_forecast_counts_a_drift_below_zero_as_zero():
    r = fc.fit(pd.Series([100.0, 75, 50, 25], index=range(2015, 2019)), kind="level", calibrate=False)
    logd = fc.fit(pd.Series([100.0, 75, 50, 25], index=range(2015, 2019)), kind="level", model="logdrift",
                  calibrate=False)
    # drift point in 2021 is -50 -> 0 in its censored forecast; the mix is half the log point
    assert r.forecast([2021]).iloc[0] == pytest.approx(0.5 * logd.forecast([2021]).iloc[0])


def test_quantiles_inside_the_censored_mass_are_the_bound_itself():
    low = fc.fit(pd.Series([100.0, 75, 50, 25], index=range(2015, 2019)), kind="level")
    assert low.summary_frame(0.2, years=[2021])["lower"].iloc[0] == 0.0          # not 6e-14
    high = fc.fit(pd.Series([90.0, 94, 97, 99.5], index=range(2015, 2019)), kind="share")
    assert high.summary_frame(0.05, years=[2024])["upper"].iloc[0] == 100.0


@pytest.mark.parametrize("kind", ["share", "level", "ratio"])
def test_a_series_below_zero_has_no_lower_bound(kind):
    # a balance in % of GDP: the kind's bound of 0 would make every target at or below 0 certain
    deficit = pd.Series([-6.5, -4.9, -4.1, -3.3, -3.0], index=range(2010, 2015))
    r = fc.fit(deficit, kind=kind)
    sf = r.summary_frame(0.2, years=[2016]).iloc[0]
    assert sf["lower"] < 0 < sf["upper"]
    p_zero, p_deficit = r.prob_meets_target(0.0, 2020, ">="), r.prob_meets_target(-3.0, 2020, ">=")
    assert 0.1 < p_zero < p_deficit < 1.0
    assert r.prob_meets_target(-3.0, 2020, "<=") == pytest.approx(1.0 - p_deficit, abs=1e-9)


def test_the_bounds_go_per_series_and_never_for_counts():
    Y = np.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0], [95.0, 99.0, 103.0]])
    lo, hi = fcm.data_support(Y, "share")
    assert lo[:, 0].tolist() == [0.0, -np.inf, 0.0] and hi[:, 0].tolist() == [100.0, 100.0, np.inf]
    assert fcm.data_support(Y[:1], "share") == (None, None)
    assert fcm.data_support(Y, "count") == (None, None)
    lo, hi = fcm.data_support(Y, "level")            # a level has no upper bound to leave
    assert lo[1, 0] == -np.inf and hi is None
    # in a panel the positive series keeps its bound: a falling level is still censored at 0
    obs = pd.DataFrame({"region": ["A"] * 4 + ["B"] * 4, "indicator_id": "x", "year": list(range(2015, 2019)) * 2,
                        "value": [100.0, 75, 50, 25, 0.5, 0.1, -0.3, -0.6]})
    targets = pd.DataFrame({"id": ["x"], "kind": ["level"], "value": [0.0], "comparator": [">="],
                            "deadline": [2021], "unit": [""]})
    panel = fc.forecast_panel(obs, targets).set_index("region")
    assert panel.loc["A", "lower_80"] == 0.0 and panel.loc["B", "lower_80"] < 0


def test_a_share_above_100_has_no_upper_bound():
    # debt in % of GDP: the share's bound of 100 would make "within 100 %" certain
    debt = pd.Series([95.0, 101.0, 106.0, 112.0, 118.0], index=range(2010, 2015))
    r = fc.fit(debt, kind="share")
    assert r.summary_frame(0.05, years=[2018])["upper"].iloc[0] > 118
    assert 0.0 < r.prob_meets_target(100.0, 2018, "<=") < 0.1
    assert r.prob_meets_target(130.0, 2018, ">=") > 0.5


# ------------------------------------------------------------------ pooled prior, low information (issue 16)

#: A prior by hand: drift only (no logdrift scale, so the 2-point logdrift has none and drops out).
PRIOR_DRIFT = {"nu0": 4.0, "nu0_long": 0.0, "ref": "level", "scale": {"level": {"drift": 0.1}}}


def test_two_points_with_a_prior_are_a_wide_low_information_call():
    assert fc.fit(_s([10.0, 12.0]), prior=PRIOR_DRIFT, calibrate=False).insufficient     # off by default
    r = fc.fit(_s([10.0, 12.0]), prior=PRIOR_DRIFT, calibrate=False, low_information=True)   # 2015, 2016
    assert not r.insufficient and r.low_information and r.model == "drift"
    # growth of the two points (d = 2), scale from the prior alone: 0.1 x mean level 11 = 1.1,
    # 4 degrees of freedom; 2018 is h = 2 years on, T = 1: scale 1.1 sqrt(2 + 4) = 1.1 sqrt(6)
    loc, scale = 16.0, 1.1 * np.sqrt(6.0)
    sf = r.summary_frame(0.2, years=[2018]).iloc[0]
    assert sf["mean"] == pytest.approx(16.0)
    np.testing.assert_allclose([sf["lower"], sf["upper"]], loc + scale * stats.t.ppf([0.1, 0.9], 4), rtol=1e-9)
    assert r.prob_meets_target(15.0, 2018) == pytest.approx(1 - stats.t.cdf((15 - loc) / scale, 4), rel=1e-9)


def test_three_points_use_the_prior_only_with_nu0_long():
    s = _s([0.0, 2.0, 3.0])                  # a zero: no log model; changes 2, 1: d = 1.5, residuals +-0.5
    own = fc.fit(s, prior=PRIOR_DRIFT, calibrate=False)          # nu0_long = 0: the series' own scale
    alone = fc.fit(s, prior={}, calibrate=False)
    assert not own.low_information and own.model == "drift"
    assert own.summary_frame(years=[2019]).equals(alone.summary_frame(years=[2019]))
    both = fc.fit(s, prior={**PRIOR_DRIFT, "nu0_long": 2.0}, calibrate=False)
    # posterior variance (nu0 s0^2 + (k-1) s^2) / (nu0 + k - 1) with s^2 = 0.5 / 1, s0 = 0.1 x 5/3
    s0 = 0.1 * 5 / 3
    s_post = np.sqrt((2 * s0 ** 2 + 1 * 0.5) / 3)
    loc, scale = 3 + 1.5 * 2, s_post * np.sqrt(2 + 4 / 2)        # 2019: h = 2, T = 2
    sf = both.summary_frame(0.05, years=[2019]).iloc[0]
    np.testing.assert_allclose([sf["lower"], sf["upper"]], loc + scale * stats.t.ppf([0.025, 0.975], 3),
                               rtol=1e-9)


def test_explicit_models_ignore_the_prior():
    s = _s([10.0, 12.0, 13.0, 15.0])
    a = fc.fit(s, model="drift", prior={**PRIOR_DRIFT, "nu0_long": 50.0}, calibrate=False)
    b = fc.fit(s, model="drift", prior={}, calibrate=False)
    assert a.summary_frame(years=[2020]).equals(b.summary_frame(years=[2020]))


def test_the_committed_calibration_carries_the_learned_prior():
    pr = fc.load_calibration()["priors"]
    assert pr["nu0"] > 0 and pr["nu0_long"] >= 0 and pr["ref"] in ("level", "change")
    assert {"all", "level", "share", "count"} <= set(pr["scale"])
    assert all(0 < v < 1 for row in pr["scale"].values() for v in row.values())


def test_panel_marks_low_information_rows_and_agrees_with_fit():
    obs = pd.DataFrame({"region": ["A", "A", "B", "C", "C", "C"], "indicator_id": ["x"] * 6,
                        "year": [2018, 2019, 2019, 2017, 2018, 2019], "value": [10.0, 12, 5, 1, 2, 3]})
    targets = pd.DataFrame({"id": ["x"], "value": [15.0], "comparator": [">="], "kind": ["level"],
                            "deadline_effective": [2021]})
    p = fc.forecast_panel(obs, targets, prior=PRIOR_DRIFT, calibrate=False).set_index("region")
    assert list(p["low_information"]) == [True, False, False]
    assert list(p["insufficient"]) == [False, True, False]
    r = fc.fit(pd.Series([10.0, 12.0], index=[2018, 2019]), prior=PRIOR_DRIFT, calibrate=False,
               low_information=True)
    assert p.loc["A", "prob_meet"] == pytest.approx(r.prob_meets_target(15.0, 2021), rel=1e-12)
    assert np.isnan(p.loc["B", "prob_meet"])
    for kw in (dict(prior={}), dict(prior=PRIOR_DRIFT, low_information=False)):
        none = fc.forecast_panel(obs, targets, calibrate=False, **kw).set_index("region")
        assert not none["low_information"].any() and none.loc["A", "insufficient"]


# ------------------------------------------------------------------ speed-ups, same numbers

_Q = np.r_[np.linspace(0.001, 0.999, 41), 0.0, 1.0, 0.5, 0.5, 0.5, np.nan]
_MU = np.r_[np.geomspace(1e-3, 1e4, 41), 3.0, 3.0, 0.0, np.inf, np.nan, 2.0]


@pytest.mark.parametrize("shape", ["flat", "grid"])
def test_poisson_ppf_equals_scipy_stats(shape):
    q, mu = (_Q, _MU) if shape == "flat" else (_Q[:, None], _MU[None, :])
    np.testing.assert_array_equal(fcm._poisson_ppf(q, mu), stats.poisson.ppf(q, mu))


@pytest.mark.parametrize("shape", ["flat", "grid"])
def test_nbinom_ppf_equals_scipy_stats(shape):
    n = np.r_[np.geomspace(0.05, 50, 41), 2.0, 2.0, 0.0, -1.0, 1.0, np.nan]
    with np.errstate(invalid="ignore"):  # the invalid parameters on purpose (0 / 0 among them)
        p = n / (n + _MU)
    q = _Q if shape == "flat" else _Q[:, None]
    n, p = (n, p) if shape == "flat" else (n[None, :], p[None, :])
    with np.errstate(all="ignore"):
        want = stats.nbinom.ppf(q, n, p)
    np.testing.assert_array_equal(fcm._nbinom_ppf(q, n, p), want)


@pytest.mark.parametrize("q, mu, expected", [(0.5, 3.0, 3.0), (0.0, 3.0, -1.0), (1.0, 3.0, np.inf),
                                             (0.9, 0.0, 0.0), (0.5, -1.0, np.nan)])
def test_poisson_ppf_by_hand(q, mu, expected):
    """P(N <= 2) = 0.423, P(N <= 3) = 0.647 for mu = 3: the median is 3."""
    np.testing.assert_array_equal(fcm._poisson_ppf(np.array([q]), np.array([mu])), [expected])


def test_labels_all_rows_at_once_equal_row_by_row():
    rng = np.random.default_rng(7)
    cands = ["drift", "logdrift", "count_glm", "linear"]
    W = rng.dirichlet([0.3] * 4, 400)
    W[::9] = [0.5, 0.5, 0.0, 0.0]
    W[::13, 1] = 0.005
    W[::50, 2] = np.nan
    alpha = rng.choice([0.0, 0.3, np.nan], 400)
    got = fcm._labels(cands, W, [None, None, alpha, None])
    assert list(got) == [fcm._label(cands, W[j], {"count_glm": float(alpha[j])}) for j in range(400)]
    assert fcm._labels(["drift", "linear"], np.array([[0.25, 0.75], [1.0, 0.0], [np.nan, 1.0]]),
                      [None, None]).tolist() == ["linear+drift", "drift", "none"]


@pytest.mark.parametrize("alpha", [0.0, 0.02, 1e-6])
def test_count_cdf_on_a_factor_grid_equals_the_entry_by_entry_one(alpha):
    """Along a grid of scale factors the count CDF skips the values squeezed between two exact
    0s or 1s; the result is the same to the bit as computing every entry."""
    from analysis.model import forecast_mixture as fm

    rng = np.random.default_rng(3)
    grid = np.round(np.arange(1.0, 12.0001, 0.05), 2)[:, None, None]          # (G, 1, 1)
    k = np.floor(np.exp(rng.uniform(0, 12, size=(1, 5, 4))))                   # counts small to large
    k[0, 0, 0] = np.nan                                                         # a value not asked
    eta = np.log(k * np.exp(rng.normal(0, 0.2, size=k.shape)))
    eta[0, 0, 0] = 2.0
    s = grid * rng.uniform(0.01, 0.3, size=(1, 1, 4))
    fast = fm._count_cdf(k, eta, s, np.full((1, 1, 1), alpha))
    assert fm._monotone_along_first_axis(*np.broadcast_arrays(k, eta, s, np.full((1, 1, 1), alpha)))
    K, E, S = np.broadcast_arrays(k, eta, s)
    mu = np.exp(E[..., None] + S[..., None] * fm._GH_Z)
    F = fm._count_law_cdf(K[..., None], mu, np.full(mu.shape, alpha))
    assert np.array_equal(fast, (F * fm._GH_W).sum(axis=-1), equal_nan=True)
    assert ((F == 0) | (F == 1)).mean() > 0.2 and ((F > 0) & (F < 1)).mean() > 0.2  # both kinds of entry


@pytest.mark.parametrize("series", [
    pd.Series([1.0, np.nan, 2.0, 4.0], index=[2016, 2017, 2018, 2015]),            # numbers by int years
    pd.Series(["1.0", "", "2", "4"], index=[2016, 2017, 2018, 2015]),              # text, as read
    pd.Series([1, None, 2, 4], index=[2016.0, 2017.0, 2018.0, 2015.0]),            # float years
    pd.Series([1, pd.NA, 2, 4], index=[2016, 2017, 2018, 2015], dtype="Int64"),    # nullable integers
], ids=["float", "text", "float-years", "Int64"])
def test_a_series_is_read_the_same_whichever_types_it_holds(series):
    years, values = fc._clean_series(series)
    assert years.tolist() == [2015, 2016, 2018] and values.tolist() == [4.0, 1.0, 2.0]


@pytest.mark.parametrize("series, message", [
    (pd.Series([np.nan, np.nan], index=[2018, 2019]), "empty series"),
    (pd.Series([1.0, 2.0], index=[2018, 2018]), "duplicate years"),
    (pd.Series([1.0, 2.0], index=[2018.5, 2019.0]), "whole years"),
    (pd.Series([1.0, 2.0], index=["a", "b"]), "whole years"),
])
def test_a_series_that_cannot_be_fitted_says_why(series, message):
    with pytest.raises(ValueError, match=message):
        fc.fit(series)


@pytest.mark.parametrize("years", [[2020], [2019, 2020]])
def test_a_reported_deadline_year_is_the_answer_however_few_the_points(years):
    """H1's workbook said 数据不足，未预测 beside 期限年已观测 for a series of 2 points ending in 2020."""
    obs = pd.DataFrame({"region": "R", "indicator_id": "cnt", "year": years, "value": [7.0, 9.0][-len(years):]})
    targets = pd.DataFrame({"id": ["cnt"], "value": [8.0], "comparator": [">="], "kind": ["count"],
                            "deadline_effective": [2020]})
    row = fc.forecast_panel(obs, targets).iloc[0]
    assert row["model"] == "observed" and row["forecast"] == 9.0 and row["prob_meet"] == 1.0


def test_a_rate_is_forecast_by_the_drift_alone_on_an_unbounded_support():
    """kind ``rate`` (a growth rate, a balance): never on the log scale, even while every value is
    positive; the drift's own calibrated factors, no probability map; any value possible."""
    growth = pd.Series([2.1, 1.8, 2.4, 1.9, 1.3], index=range(2015, 2020))
    r = fc.fit(growth, kind="rate")
    assert r.weights == {"drift": 1.0} and r.model == "drift"
    sf = r.summary_frame(0.2, years=[2022]).iloc[0]
    assert sf["lower"] < 0 < sf["upper"]
    p = r.prob_meets_target(2.0, 2020, ">=")
    same = fc.fit(growth, kind="level", model="drift")      # the drift itself, with its own factors
    assert p == pytest.approx(same.prob_meets_target(2.0, 2020, ">="), abs=1e-12)
    assert fc.fit(growth.iloc[:2], kind="rate", low_information=True).insufficient  # no pooled prior for rates


def _bisection_ppf(d, q: float) -> np.ndarray:
    """The quantile by plain bisection on the CDF (the method before stop 40), as a reference."""
    qs = np.stack([np.where(d.w[:, k:k + 1] > 0, d._comp_ppf(cp, q), np.nan) for k, cp in enumerate(d.comps)])
    lo, hi = np.nanmin(qs, axis=0), np.nanmax(qs, axis=0)
    for _ in range(200):  # to 1e-13 of the value (about 45 halvings), far inside the test's 1e-9
        mid = lo + (hi - lo) / 2.0
        ge = d.cdf(mid) >= q
        hi, lo = np.where(ge, mid, hi), np.where(ge, lo, mid)
        if np.all(hi - lo <= 1e-13 * np.maximum(1.0, np.abs(hi))):
            break
    for bound, upper in ((d.lo, False), (d.hi, True)):
        bound = np.broadcast_to(bound, hi.shape)
        at = np.where(np.isfinite(bound), bound, 0.0)
        inside = np.isfinite(bound) & ((d.cdf(at, strict=True) < q) if upper else (d.cdf(at) >= q))
        hi = np.where(inside, bound, hi)
    return hi


@pytest.mark.parametrize("kind", ["level", "share", "ratio", "rate"])
def test_quantiles_by_newton_equal_plain_bisection(kind):
    """ppf finds each quantile by Newton's method inside a shrinking bracket (about 4 steps): the same
    quantiles as bisection, censored ends included (a share near 100, a level falling to 0)."""
    rng = np.random.default_rng(7)
    for _ in range(40):
        n = int(rng.integers(3, 12))
        y = rng.uniform(1, 80) * np.exp(np.cumsum(rng.normal(rng.normal(0.0, 0.15), 0.1, n)))
        y = np.clip(y, 0.1, 99.9) if kind == "share" else (y - y[0] if kind == "rate" else y)
        d = fc.fit(pd.Series(y, index=range(2010, 2010 + n)), kind=kind)._dist(np.array([2010 + n + 1, 2010 + n + 5]))
        for q in (0.025, 0.1, 0.5, 0.9, 0.975):
            got, ref = d.ppf(q), _bisection_ppf(d, q)
            assert np.allclose(got, ref, rtol=1e-9, atol=1e-9), (y, q, got, ref)
