"""Trends: changes, growth, index, required growth, 序时进度 (hand-computed cases)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis.model import trends


def S(d):
    return pd.Series(d, dtype="float64")


def test_yoy_uses_previous_observed_year_and_span():
    t = trends.yoy(S({2015: 100, 2016: 110, 2018: 121}))
    assert list(t.index) == [2015, 2016, 2018]
    assert math.isnan(t.loc[2015, "change"])
    assert t.loc[2016, "change"] == pytest.approx(10)
    assert t.loc[2016, "pct_change"] == pytest.approx(0.10)
    assert t.loc[2018, "span"] == 2 and t.loc[2018, "prev_year"] == 2016
    assert t.loc[2018, "pct_change"] == pytest.approx(0.10)


def test_yoy_pct_undefined_from_zero():
    t = trends.yoy(S({2015: 0, 2016: 2}))
    assert t.loc[2016, "change"] == 2 and math.isnan(t.loc[2016, "pct_change"])


def test_clean_sorts_and_drops_nan():
    s = trends.clean(pd.Series([3.0, np.nan, 1.0], index=[2019, 2018, 2017]))
    assert list(s.index) == [2017, 2019] and list(s) == [1.0, 3.0]


@pytest.mark.parametrize("data, expected", [
    ({2015: 100, 2017: 121}, 0.10),            # gap: uses the actual span of 2 years
    ({2015: 100, 2016: 90, 2018: 72.9}, -0.10),
    ({2010: 50, 2020: 100}, 2 ** 0.1 - 1),
])
def test_cagr_uses_actual_year_span(data, expected):
    assert trends.cagr(S(data)) == pytest.approx(expected)


def test_cagr_window():
    s = S({2015: 10, 2016: 20, 2017: 40, 2018: 40})
    assert trends.cagr(s, 2016, 2017) == pytest.approx(1.0)
    assert trends.cagr(s, start=2017) == pytest.approx(0.0)


@pytest.mark.parametrize("data, word", [({2015: 0, 2017: 4}, "start value is zero"),
                                        ({2015: -2, 2017: 4}, "start value is negative"),
                                        ({2015: 3, 2017: 0}, "end value is zero")])
def test_growth_zero_or_negative_falls_back_to_absolute(data, word):
    g = trends.growth(S(data))
    assert math.isnan(g.rate) and g.basis == "absolute" and word in g.reason
    assert g.per_year == pytest.approx((list(data.values())[1] - list(data.values())[0]) / 2)


def test_growth_single_point_and_empty():
    g = trends.growth(S({2019: 5}))
    assert math.isnan(g.rate) and math.isnan(g.per_year) and "single" in g.reason
    e = trends.growth(S({}))
    assert math.isnan(e.rate) and e.reason == "no data"


def test_index_base_100():
    i = trends.index(S({2015: 50, 2016: 60, 2017: 75}))
    assert list(i) == pytest.approx([100, 120, 150])
    assert trends.index(S({2015: 50, 2016: 60}), base=2016).loc[2015] == pytest.approx(50 / 60 * 100)
    assert trends.index(S({2015: 0, 2016: 60})).isna().all()


def test_required_growth_rate_and_absolute():
    r = trends.required_growth(12, 2018, 18, 2020)
    assert r.rate == pytest.approx(math.sqrt(1.5) - 1)
    assert r.per_year == pytest.approx(3)
    assert r.basis == "cagr"


def test_required_growth_from_zero_is_absolute():
    r = trends.required_growth(0, 2019, 1, 2020)
    assert math.isnan(r.rate) and r.per_year == pytest.approx(1) and r.basis == "absolute"


def test_required_growth_no_time_left():
    r = trends.required_growth(5, 2020, 6, 2020)
    assert math.isnan(r.rate) and math.isnan(r.per_year) and "no time" in r.reason


def test_required_growth_lower_is_better_negative():
    assert trends.required_growth(100, 2018, 81, 2020).rate == pytest.approx(-0.10)


def test_baseline_default_and_fallbacks():
    s = S({2015: 1, 2017: 2, 2019: 3})
    assert config.PLAN_BASELINE_YEAR == 2018
    assert trends.baseline(s) == (2017, 2.0)           # last observation at or before 2018
    assert trends.baseline(S({2019: 3, 2020: 4})) == (2019, 3.0)  # data start later: first point
    assert trends.baseline(s, 2015) == (2015, 1.0)
    assert trends.baseline(S({}))[0] is None


def test_schedule_shares_hand_computed():
    # baseline 2018 = 10, target 20 in 2020, 2019 = 14: 40 % done, 50 % of time elapsed
    sc = trends.schedule(S({2016: 8, 2018: 10, 2019: 14}), 20, 2020)
    assert (sc.base_year, sc.base_value, sc.last_year) == (2018, 10, 2019)
    assert sc.progress_share == pytest.approx(0.4)
    assert sc.time_share == pytest.approx(0.5)


def test_schedule_lower_is_better_and_no_time():
    sc = trends.schedule(S({2018: 100, 2019: 90}), 80, 2020)
    assert sc.progress_share == pytest.approx(0.5) and sc.time_share == pytest.approx(0.5)
    assert math.isnan(trends.schedule(S({2018: 100}), 80, 2020).time_share)
    # past the deadline the elapsed share is capped at 1
    assert trends.schedule(S({2018: 1, 2022: 2}), 3, 2020).time_share == 1.0


def test_meets_and_first_year_met():
    s = S({2015: 0, 2016: 0, 2017: 1, 2018: 1})
    assert trends.first_year_met(s, 1) == 2017
    assert trends.first_year_met(s, 2) is None
    assert trends.first_year_met(S({2015: 9, 2016: 7}), 8, "<=") == 2016
    assert trends.meets(5, 5, ">=") and trends.meets(5, 5, "<=") and not trends.meets(float("nan"), 1)


@pytest.mark.parametrize("actual, required, comp, expected, basis", [
    ((0.10, 1.0), (0.20, 2.0), ">=", 0.5, "cagr"),
    ((-0.10, -1.0), (-0.20, -2.0), "<=", 0.5, "cagr"),       # lower is better, moving the right way
    ((0.05, 1.0), (-0.20, -2.0), "<=", -0.25, "cagr"),       # lower is better, moving away
    ((float("nan"), 1.0), (0.20, 2.0), ">=", 0.5, "absolute"),  # zero value: absolute fallback
])
def test_growth_ratio(actual, required, comp, expected, basis):
    mk = lambda rp: trends.Growth(0, 1, 1, 1, rp[0], rp[1], "", "")  # noqa: E731
    ratio, b = trends.growth_ratio(mk(actual), mk(required), comp)
    assert ratio == pytest.approx(expected) and b == basis


def test_frame_helpers_group_by_region_and_indicator():
    obs = pd.DataFrame({"region": ["A"] * 3 + ["B"] * 2, "indicator_id": ["x"] * 5,
                        "year": [2017, 2015, 2016, 2015, 2016], "value": [121.0, 100, 110, 1, 2]})
    y = trends.yoy_table(obs)
    assert list(y.columns[:3]) == ["region", "indicator_id", "year"]
    assert len(y) == 5
    g = trends.growth_table(obs).set_index("region")
    assert g.loc["A", "rate"] == pytest.approx(0.10) and g.loc["B", "rate"] == pytest.approx(1.0)


# --------------------------------------------------------------- arrays (the scorecard's path)
def test_growth_arrays_hand_computed():
    g = trends.growth_arrays([2015, 2015, 2016, 2016, 2019, 2017], [100.0, 0.0, 5.0, -2.0, 4.0, 4.0],
                             [2017, 2018, 2018, 2019, 2019, 2019], [121.0, 6.0, 0.0, 4.0, 4.0, -1.0])
    assert g.rate[0] == pytest.approx(0.1)                     # 100 -> 121 over 2 years: +10 %/yr
    assert g.per_year.tolist()[:4] == pytest.approx([10.5, 2.0, -2.5, 2.0])
    assert np.isnan(g.rate[1:]).all()
    assert g.basis.tolist() == [1, 2, 2, 2, 0, 2]              # cagr, absolute x3, single point, absolute
    assert [trends.GROWTH_REASONS[r] for r in g.reason] == [
        "", "start value is zero: compound growth undefined, absolute change used",
        "end value is zero: compound growth undefined, absolute change used",
        "start value is negative: compound growth undefined, absolute change used",
        "a single data point: no growth can be measured",
        "end value is negative: compound growth undefined, absolute change used"]


def test_required_growth_arrays_no_time_left_and_lower_is_better():
    g = trends.required_growth_arrays([18.0, 90.0, 5.0], [2019, 2019, 2020], [20.0, 80.0, 9.0], [2020, 2021, 2020])
    assert g.rate[0] == pytest.approx(20 / 18 - 1) and g.per_year[0] == pytest.approx(2.0)
    assert g.rate[1] == pytest.approx((80 / 90) ** 0.5 - 1) and g.per_year[1] == pytest.approx(-5.0)
    assert np.isnan(g.rate[2]) and np.isnan(g.per_year[2]) and g.reason[2] == 6


def test_growth_ratio_arrays_signed_by_direction():
    actual = trends.growth_arrays([2018, 2018], [10.0, 100.0], [2019, 2019], [11.0, 90.0])
    required = trends.growth_arrays([2018, 2018], [10.0, 100.0], [2020, 2020], [14.4, 81.0])
    ratio, basis = trends.growth_ratio_arrays(actual, required, [True, False])
    assert ratio[0] == pytest.approx(0.5)                      # +10 % vs +20 % needed
    assert ratio[1] == pytest.approx(0.1 / 0.1)                # -10 % a year, -10 % needed: 1.0
    assert basis.tolist() == [1, 1]


def test_yoy_table_one_row_per_region_never_averaged():
    # the case: +100 %, +66.7 %, 0 % in three districts; a mean would say 55.6 %
    obs = pd.DataFrame({"region": ["平川区", "平川区", "白银区", "白银区", "靖远县", "靖远县"],
                        "indicator_id": ["x"] * 6, "year": [2018, 2019] * 3,
                        "value": [1.0, 2.0, 3.0, 5.0, 4.0, 4.0]})
    y = trends.yoy_table(obs)
    got = y.loc[y["year"] == 2019].set_index("region")["pct_change"]
    assert got.to_dict() == pytest.approx({"平川区": 1.0, "白银区": 2 / 3, "靖远县": 0.0})
    assert len(y) == 6 and y["prev_year"].dropna().tolist() == [2018] * 3
