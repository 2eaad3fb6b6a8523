"""Label rules pinned on hand-computed cases, thresholds at their boundaries."""

from __future__ import annotations

import re
import math

import pandas as pd
import pytest

from analysis.model import labels
from analysis.model import trends
from analysis import vocab

NAN = float("nan")


@pytest.mark.parametrize("ratio, expected", [
    (1.50, "on track"), (0.95, "on track"), (0.9499, "acceleration needed"), (0.60, "acceleration needed"),
    (0.5999, "limited progress"), (0.0, "limited progress"), (-0.01, "moving away"),
    (NAN, "insufficient data"),
])
def test_eurostat_thresholds(ratio, expected):
    assert labels.eurostat_label(ratio) == expected


def test_eurostat_achieved_wins_over_trend():
    assert labels.eurostat_label(-3.0, achieved=True) == "achieved"
    assert labels.eurostat_label(NAN, achieved=True) == "achieved"


def test_eurostat_hand_computed_case():
    # base 2018 = 10, latest 2019 = 11 (+10 %); target 14.4 in 2020 needs +20 %/yr from the base
    s = pd.Series({2018: 10.0, 2019: 11.0})
    actual = trends.growth(s, start=2018)
    required = trends.required_growth(10, 2018, 14.4, 2020)
    ratio, basis = trends.growth_ratio(actual, required, ">=")
    assert ratio == pytest.approx(0.5) and basis == "cagr"
    assert labels.eurostat_label(ratio) == "limited progress"


def test_eurostat_lower_is_better():
    # must fall 100 -> 81 by 2020 (-10 %/yr); fell 100 -> 91 in 2019 (-9 %): ratio 0.9
    actual = trends.growth(pd.Series({2018: 100.0, 2019: 91.0}))
    required = trends.required_growth(100, 2018, 81, 2020)
    ratio, _ = trends.growth_ratio(actual, required, "<=")
    assert ratio == pytest.approx(0.9)
    assert labels.eurostat_label(ratio) == "acceleration needed"
    rising = trends.growth(pd.Series({2018: 100.0, 2019: 105.0}))
    assert labels.eurostat_label(trends.growth_ratio(rising, required, "<=")[0]) == "moving away"


def test_eurostat_zero_start_falls_back_to_absolute():
    actual = trends.growth(pd.Series({2018: 0.0, 2019: 1.0}))   # +1 a year, CAGR undefined
    required = trends.required_growth(0, 2018, 4, 2020)         # +2 a year needed
    ratio, basis = trends.growth_ratio(actual, required, ">=")
    assert basis == "absolute" and ratio == pytest.approx(0.5)


def test_eurostat_single_point_is_insufficient():
    actual = trends.growth(pd.Series({2019: 3.0}))
    ratio, _ = trends.growth_ratio(actual, trends.required_growth(3, 2019, 6, 2020), ">=")
    assert labels.eurostat_label(ratio) == "insufficient data"


@pytest.mark.parametrize("forecast, base, target, ratio", [
    (19, 10, 20, 0.9), (20, 10, 20, 1.0), (10, 10, 20, 0.0), (8, 10, 20, -0.2),
    (85, 100, 80, 0.75),            # lower is better: no direction flag needed
    (5, 20, 20, NAN),               # base already equals the target
])
def test_anticipated_ratio(forecast, base, target, ratio):
    got = labels.anticipated_ratio(forecast, base, target)
    assert (math.isnan(got) and math.isnan(ratio)) or got == pytest.approx(ratio)


@pytest.mark.parametrize("ratio, expected", [
    (1.2, "expected to achieve"), (0.95, "expected to achieve"), (0.9499, "acceleration needed"),
    (0.10, "acceleration needed"), (0.0999, "stagnation or regression"), (-1, "stagnation or regression"),
    (NAN, "insufficient data"),
])
def test_anticipated_thresholds(ratio, expected):
    assert labels.anticipated_label(ratio) == expected


@pytest.mark.parametrize("forecast_met, expected", [(True, "expected to achieve"),
                                                     (False, "stagnation or regression")])
def test_anticipated_base_already_met(forecast_met, expected):
    # 2.1 -> 1.3 against >= 2: the ratio (1.0 - 2.1) / (2 - 2.1) = 11 would read "expected"
    ratio = labels.anticipated_ratio(1.0, 2.1, 2.0)
    assert ratio == pytest.approx(11.0)
    assert labels.anticipated_label(ratio, base_met=True, forecast_met=forecast_met) == expected
    assert list(labels.anticipated_labels([ratio], achieved=[False], base_met=[True],
                                          forecast_met=[forecast_met])) == [expected]


def test_schedule_base_already_met():
    assert labels.schedule_label(8.0, 0.5, base_met=True) == "behind schedule"
    assert labels.schedule_label(8.0, 0.5, base_met=True, achieved=True) == "achieved"
    assert list(labels.schedule_labels([NAN, NAN], [0.5, 0.0], achieved=[False, False], base_met=[True, True])) == [
        "behind schedule", "insufficient data"]


def test_anticipated_achieved():
    assert labels.anticipated_label(-5, achieved=True) == "achieved"


@pytest.mark.parametrize("progress, time, expected", [
    (0.60, 0.50, "ahead of schedule"), (0.55, 0.50, "ahead of schedule"), (0.54, 0.50, "on schedule"),
    (0.45, 0.50, "on schedule"), (0.44, 0.50, "behind schedule"), (-0.2, 0.5, "behind schedule"),
    (0.3, NAN, "insufficient data"), (0.0, 0.0, "insufficient data"),
])
def test_schedule_thresholds(progress, time, expected):
    assert labels.schedule_label(progress, time) == expected


def test_schedule_tolerance_and_achieved():
    assert labels.schedule_label(0.44, 0.5, tolerance=0.1) == "on schedule"
    assert labels.schedule_label(0.1, 0.9, achieved=True) == "achieved"


def test_schedule_hand_computed_case():
    sc = trends.schedule(pd.Series({2018: 10.0, 2019: 14.0}), 20, 2020)   # 40 % done, 50 % elapsed
    assert labels.schedule_label(sc.progress_share, sc.time_share) == "behind schedule"


def test_milestone_label():
    assert labels.milestone_label(pd.Series({2016: 0.0, 2017: 1.0, 2018: 1.0}), 1) == ("achieved", 2017)
    assert labels.milestone_label(pd.Series({2016: 0.0, 2019: 0.0}), 1) == ("not yet", None)


@pytest.mark.parametrize("kw, expected", [
    (dict(met_now=True, counts_now=True, deadline_reached=False, n_points=1, prob_meet=NAN), "achieved"),
    (dict(met_now=True, counts_now=False, deadline_reached=False, n_points=5, prob_meet=0.9), "on track"),
    (dict(met_now=True, counts_now=False, deadline_reached=True, n_points=5, prob_meet=1.0), "achieved"),
    (dict(met_now=False, counts_now=True, deadline_reached=True, n_points=5, prob_meet=0.0), "not achieved"),
    (dict(met_now=False, counts_now=True, deadline_reached=False, n_points=2, prob_meet=0.99), "insufficient data"),
    (dict(met_now=False, counts_now=True, deadline_reached=False, n_points=5, prob_meet=NAN), "insufficient data"),
    (dict(met_now=False, counts_now=True, deadline_reached=False, n_points=3, prob_meet=0.80), "on track"),
    (dict(met_now=False, counts_now=True, deadline_reached=False, n_points=3, prob_meet=0.7999), "at risk"),
    (dict(met_now=False, counts_now=True, deadline_reached=False, n_points=3, prob_meet=0.20), "at risk"),
    (dict(met_now=False, counts_now=True, deadline_reached=False, n_points=3, prob_meet=0.1999), "off track"),
])
def test_status_rule(kw, expected):
    assert labels.status_rule(**kw) == expected
    assert expected in vocab.STATUSES


def test_label_names_cover_every_label():
    every = set(labels.EUROSTAT_LABELS + labels.ANTICIPATED_LABELS + labels.SCHEDULE_LABELS
                + labels.MILESTONE_LABELS)
    assert every <= set(labels.LABEL_NAMES["zh"])
    assert labels.label_name("on track", "en") == "on track"
    assert labels.label_name("behind schedule", "zh") == "慢于序时进度"


# ------------------------------------------------------------- the same rules on whole columns
def test_eurostat_labels_array_thresholds():
    ratio = [1.50, 0.95, 0.9499, 0.60, 0.5999, 0.0, -0.01, NAN, -3.0]
    achieved = [False] * 8 + [True]
    assert list(labels.eurostat_labels(ratio, achieved=achieved)) == [
        "on track", "on track", "acceleration needed", "acceleration needed", "limited progress",
        "limited progress", "moving away", "insufficient data", "achieved"]


def test_anticipated_labels_array_thresholds():
    ratio = [1.2, 0.95, 0.9499, 0.10, 0.0999, -1.0, NAN, NAN]
    achieved = [False] * 7 + [True]
    assert list(labels.anticipated_labels(ratio, achieved=achieved)) == [
        "expected to achieve", "expected to achieve", "acceleration needed", "acceleration needed",
        "stagnation or regression", "stagnation or regression", "insufficient data", "achieved"]


def test_schedule_labels_array_thresholds():
    progress = [0.60, 0.55, 0.50, 0.4501, 0.4499, NAN, 0.5, 0.1]
    time = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.0, 0.5]
    achieved = [False] * 7 + [True]
    assert list(labels.schedule_labels(progress, time, achieved=achieved)) == [
        "ahead of schedule", "ahead of schedule", "on schedule", "on schedule", "behind schedule",
        "insufficient data", "insufficient data", "achieved"]


def test_status_labels_before_the_deadline():
    assert list(labels.status_labels(n_points=[5, 5, 5, 5, 2, 5], prob_meet=[0.8, 0.79, 0.2, 0.19, 0.99, NAN])) == [
        "on track", "at risk", "at risk", "off track", "insufficient data", "insufficient data"]


def test_grades_cover_the_new_statuses():
    assert labels.GRADES["not achieved"] == "off track"
    assert labels.GRADES["deadline year not reported"] == labels.INSUFFICIENT
    assert set(vocab.STATUSES) <= set(labels.GRADES)


def test_is_illustrative_reads_the_scorecard_attribute():
    from analysis.model.scorecard_result import Scorecard

    assert labels.is_illustrative(Scorecard(pd.DataFrame({"status": []}), illustrative=True)) is True
    assert labels.is_illustrative(pd.DataFrame({"source": ["区统计局"]})) is False
    assert labels.is_illustrative(pd.DataFrame({"source": ["示例数据"]})) is True


def test_the_label_table_is_in_the_notebooks_language():
    """Notebook 02's label tables: headers and words in the language (a Chinese run showed
    growth_ratio, eurostat_label, "acceleration needed")."""
    from analysis.model import scorecard as A

    sc = A.assess()
    zh = labels.label_view(sc, "zh")
    assert list(zh.columns) == ["指标", "增速比", "欧盟统计局法", "预期进展比", "亚太经社会法", "进度占比", "时间占比", "序时进度", "状态"]
    words = set(zh["欧盟统计局法"]) | set(zh["序时进度"]) | set(zh["状态"])
    assert not any(re.search(r"[a-z]", w) for w in words), words
    assert len(labels.label_view(sc, "en", disagreeing=True)) == int((~labels.label_agreement(sc)["agree"]).sum())
