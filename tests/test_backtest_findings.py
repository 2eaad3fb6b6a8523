"""Tests for analysis.model.backtest_findings: the numbers notebook 06 puts into words (synthetic data)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.i18n import t
from analysis.model import backtest as bt
from analysis.model import backtest_findings as bf

REGION = bt.NATIONAL_REGION


def _row(plan, ind, as_of, prob, cagr_call, *, target, actual, met, forecast=np.nan, cagr_forecast=np.nan):
    return dict(plan=plan, indicator_id=ind, target=target, unit="亿元", comparator=">=", deadline=2020, as_of=as_of,
                n_points=5, actual=actual, met=met, prob=prob, forecast=forecast, cagr_forecast=cagr_forecast,
                cagr_call=float(cagr_call), straight_line_call=float(cagr_call))


@pytest.fixture
def check():
    """p1: ``a`` (3 calls: ours wrong, compound growth right), ``c`` (1 such call, 1 without our
    probability); p2: ``a`` again (the same target: counted once) and ``b`` (5 calls: ours right,
    compound growth wrong)."""
    a = [dict(as_of=y, prob=p, forecast=f, cagr_forecast=cf)
         for y, p, f, cf in ((2015, 0.3, 95, 110), (2016, 0.3, 96, 111), (2017, 0.4, 97, 112))]
    rows = [_row("p1", "a", r["as_of"], r["prob"], 1, target=100.0, actual=130.0, met=True,
                 forecast=r["forecast"], cagr_forecast=r["cagr_forecast"]) for r in a]
    rows += [_row("p1", "c", 2016, 0.45, 1, target=5.0, actual=6.0, met=True),
             _row("p1", "c", 2017, np.nan, 1, target=5.0, actual=6.0, met=True)]
    rows += [_row("p2", "a", r["as_of"], r["prob"], 1, target=100.0, actual=130.0, met=True,
                  forecast=r["forecast"], cagr_forecast=r["cagr_forecast"]) for r in a]
    rows += [_row("p2", "b", y, 0.2, 1, target=10.0, actual=8.0, met=False) for y in range(2015, 2020)]
    return pd.DataFrame(rows)


def _public(after_growth=0.3):
    """``a`` in China: +10 % a year to 2017, then ``after_growth`` a year to 2020; a decoy region."""
    years = list(range(2012, 2021))
    vals = [100 * 1.1 ** min(k, 5) * (1 + after_growth) ** max(0, k - 5) for k in range(len(years))]
    china = pd.DataFrame(dict(region=REGION, indicator_id="a", year=years, value=vals))
    decoy = china.assign(region="甘肃省", value=1.0)
    return pd.concat([china, decoy], ignore_index=True)


def test_lost_to_compound_growth_counts_and_explains(check):
    lost = bf.lost_to_compound_growth(check, _public())
    # a (3 calls, the same target in both plans once) and c (1; its call without our probability left out)
    assert (lost.n_lost, lost.indicator_id, lost.n) == (4, "a", 3)
    assert (lost.target, lost.actual, lost.deadline, lost.met, lost.unit, lost.comparator) == (
        100.0, 130.0, 2020, True, "亿元", ">=")
    assert lost.probs.to_dict() == pytest.approx({2015: 0.3, 2016: 0.3, 2017: 0.4})
    assert (lost.first_year, lost.last_year) == (2014, 2017)
    assert lost.growth_before == pytest.approx(10.0)             # 2014-2017 on the year before, China only
    assert lost.growth_after.to_dict() == pytest.approx({2018: 30.0, 2019: 30.0, 2020: 30.0})
    assert (lost.ours_forecast, lost.cagr_forecast, lost.mean_prob) == pytest.approx((96.0, 111.0, 1 / 3))
    assert lost.faster_than_trend
    assert (lost.name_zh, lost.name_en) == ("a", "a")             # a check without names: the id
    named = check.assign(name_zh=check["indicator_id"].map({"a": "技术合同成交额", "b": "乙", "c": "丙"}),
                         name_en=check["indicator_id"].str.upper())
    lost = bf.lost_to_compound_growth(named, _public())
    assert (lost.name_zh, lost.name_en) == ("技术合同成交额", "A")


def test_national_check_rows_carry_the_indicator_names():
    check = bt.national_plan_check(leave_out=False, plans=("st_plan",))
    row = check.loc[check["indicator_id"] == "tech_contract_turnover"].iloc[0]
    assert (row["name_zh"], row["name_en"]) == ("全国技术合同成交金额", "National technology-contract turnover")


def test_lost_calls_not_faster_than_trend_and_none(check):
    assert not bf.lost_to_compound_growth(check, _public(after_growth=0.05)).faster_than_trend
    assert bf.lost_to_compound_growth(check.loc[check["indicator_id"] == "b"], _public()) is None


def test_plans_cagr_did_better(check):
    out = bf.plans_cagr_did_better(check)
    assert list(out["plan"]) == ["p1"]                           # p2: ours right on 5 of 8 calls
    r = out.iloc[0]
    # p1: a (ours wrong x3), c (wrong), c without our probability (counted as 0.5: "met", right)
    assert r["ours_accuracy"] == pytest.approx(1 / 5) and r["cagr_accuracy"] == pytest.approx(1.0)
    assert r["ours_brier"] == pytest.approx((0.49 + 0.49 + 0.36 + 0.55 ** 2 + 0.25) / 5)
    assert r["cagr_brier"] == 0
    assert bf.plans_cagr_did_better(check.iloc[0:0]).empty


def test_method_scores_and_who_wins(check):
    table = pd.DataFrame([
        dict(data="real", method="auto", horizon="all", n=100, brier_after_cv=0.10, accuracy_cv=0.86),
        dict(data="real", method="straight_line", horizon="all", n=98, brier_after_cv=0.16, accuracy_cv=0.84),
        dict(data="real", method="cagr", horizon="all", n=98, brier_after_cv=0.18, accuracy_cv=0.82),
        dict(data="real", method="auto", horizon="1", n=40, brier_after_cv=0.05, accuracy_cv=0.9),
        dict(data="illustrative", method="auto", horizon="all", n=7, brier_after_cv=0.5, accuracy_cv=0.5)])
    national = bt.national_summary(check)
    scores = bf.method_scores(table, national)
    assert list(zip(scores["method"], scores["check"])) == [
        ("ours", "pooled"), ("straight_line", "pooled"), ("cagr", "pooled"),
        ("ours", "national"), ("straight_line", "national"), ("cagr", "national")]
    assert scores["n"].dtype.kind == "i" and list(scores["n"]) == [100, 98, 98, 10, 10, 10]   # a target in two plans: once
    assert list(scores["brier"].iloc[:3]) == [0.10, 0.16, 0.18]
    nat = bf.national_scores(national)
    assert list(nat.index) == ["ours", "straight_line", "cagr"]          # ets is not compared
    assert nat.loc["ours", "accuracy"] == pytest.approx(national.set_index("method").loc[
        "ours (auto, calibrated)", "accuracy"])
    assert list(bf.method_scores(table)["check"]) == ["pooled"] * 3
    pooled = scores.loc[scores["check"] == "pooled"].set_index("method")
    assert bf.beats_hand_rules(pooled) and bf.beats_hand_rules(pooled, measures=("brier", "accuracy"))
    assert bf.beats_hand_rules(nat, measures=("accuracy", "brier"))       # 6 of 10 right vs 5 of 10
    assert not bf.beats_hand_rules(pooled.assign(accuracy=[0.8, 0.84, 0.82]), measures=("brier", "accuracy"))
    tied = pooled.assign(brier=[0.16, 0.16, 0.18])
    assert not bf.beats_hand_rules(tied)                                  # strictly better, or not
    assert not bf.beats_hand_rules(pooled.drop(index="ours")) and not bf.beats_hand_rules(pooled.loc[["ours"]])


def test_well_calibrated_within_the_tolerance():
    assert bf.well_calibrated({"coverage_80_after_cv": 0.81, "coverage_95_after_cv": 0.92})
    assert bf.well_calibrated({"coverage_80_after_cv": 0.76, "coverage_95_after_cv": 0.95})
    assert not bf.well_calibrated({"coverage_80_after_cv": 0.80, "coverage_95_after_cv": 0.89})
    assert not bf.well_calibrated({"coverage_80_after_cv": 0.81, "coverage_95_after_cv": 0.92}, tolerance=0.02)


def test_plan_names_come_from_the_catalogue():
    for key in bt.NATIONAL_PLANS:
        assert bt.NATIONAL_PLAN_NAMES[key] == (t(f"forecast.plan.{key}", "zh"), t(f"forecast.plan.{key}", "en"))


def _summary(ours, sl, cagr, cw=0):
    return pd.DataFrame([dict(method="ours (auto, calibrated)", n=10, accuracy=ours[1], brier=ours[0], log_score=-0.3,
                              confident_wrong=cw),
                         dict(method="straight_line", n=10, accuracy=sl[1], brier=sl[0], log_score=-0.9, confident_wrong=3),
                         dict(method="cagr", n=10, accuracy=cagr[1], brier=cagr[0], log_score=-0.9, confident_wrong=2)])


@pytest.mark.parametrize("ours, cw, brier_best, vs, goal, bar", [
    ((0.10, 0.9), 0, True, "above", True, True),
    ((0.10, 0.8), 0, True, "tied", True, False),        # level with compound growth's accuracy: not beaten
    ((0.10, 0.9), 1, True, "above", True, False),       # a confident wrong call
    ((0.13, 0.7), 0, True, "below", False, False),
    ((0.25, 0.9), 0, False, "above", False, False),
])
def test_the_hand_rule_verdict_judges_a_set_as_the_issue_does(ours, cw, brier_best, vs, goal, bar):
    v = bf.hand_rule_verdict(_summary(ours, (0.30, 0.7), (0.20, 0.8), cw=cw))
    assert (v["brier_best"], v["accuracy_vs"], v["brier_goal"], v["bar"]) == (brier_best, vs, goal, bar)
    assert v["rules"] == {"straight_line": (0.30, 0.7), "cagr": (0.20, 0.8)}
    assert bf.hand_rule_verdict(_summary(ours, (0.30, 0.7), (0.20, 0.8)).iloc[:2]) is None   # a rule missing


def test_the_verdict_is_said_in_the_user_s_language():
    v = bf.hand_rule_verdict(_summary((0.070, 0.889), (0.111, 0.889), (0.044, 0.956)))
    assert bt.verdict_sentence(v, "zh") == (
        "结论（10个计分判断）：Brier 分数 0.070，不低于两种手工方法中较好的一种（直线外推 0.111，复合增速外推 0.044）；判对率 0.889，"
        "低于较好的手工方法（0.889、0.956）；高置信误判 0 次；Brier 分数达到 0.12 以下的目标。"
        "这组目标上本项目未能在两项得分上都胜过两种手工方法且无高置信误判。")
    assert bt.verdict_sentence(v, "en").startswith("Verdict (10 scored calls): Brier score 0.070, not lower than "
                                                          "the better rule's")
