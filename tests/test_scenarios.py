"""The scenario engine and the composite score: hand-computed cases."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.model import scenarios as S
from analysis.viz import scenarios as V
from analysis.io import dataset
from analysis.io.catalogue import load_targets, target
from analysis.model import text as report_text
from analysis.model.scorecard import assess
from analysis.errors import InputError


@pytest.fixture(scope="module")
def targets():
    return load_targets()


def meta_of(targets, ind):
    return target(targets, ind)


def hist(values: dict) -> pd.Series:
    return pd.Series(values, dtype="float64")


# ----------------------------------------------------------------------------- certificates
def test_certificate_issued_2017_expires_after_2019_unless_renewed():
    df = S.certificate_flows({2017: 1}, 2020)
    assert df["stock"].tolist() == [1.0, 1.0, 1.0, 0.0]
    assert df.loc[2020, "expiries"] == 1.0
    assert df.loc[2020, "renewals"] == 0.0
    renewed = S.certificate_flows({2017: 1}, 2023, renewal_rate=1.0)
    # renewed in 2020 for three more years, expiring again after 2022 and renewed again
    assert renewed["stock"].tolist() == [1.0] * 7
    assert renewed.loc[2020, "renewals"] == 1.0 and renewed.loc[2023, "renewals"] == 1.0
    half = S.certificate_flows({2017: 1}, 2020, renewal_rate=0.5, new_per_year=2)
    # new certifications start in 2018: 2 (2018) + 2 (2019) + 2 new and 0.5 renewed (2020)
    assert half.loc[2020, "stock"] == pytest.approx(6.5)


def test_certificate_stock_counts_three_cohorts():
    df = S.certificate_flows({2016: 2, 2017: 1, 2018: 3}, 2021, new_per_year=4, renewal_rate=0.5)
    # 2019: 2016 cohort (2) expires, 1 renewed; issued 5; stock = 1 + 3 + 5
    assert df.loc[2019, "expiries"] == 2 and df.loc[2019, "renewals"] == 1
    assert df.loc[2019, "stock"] == pytest.approx(9.0)
    # 2020: 2017 cohort (1) expires, 0.5 renewed; issued 4.5; stock = 3 + 5 + 4.5
    assert df.loc[2020, "stock"] == pytest.approx(12.5)


def test_infer_cohorts_from_stock():
    coh = S.infer_cohorts(hist({2015: 3, 2016: 4, 2017: 4, 2018: 5, 2019: 6}), 3)
    assert coh == {2013: 1, 2014: 1, 2015: 1, 2016: 2, 2017: 1, 2018: 2, 2019: 3}
    # the inferred cohorts reproduce the stock
    stock = {y: sum(coh.get(y - k, 0) for k in range(3)) for y in range(2015, 2020)}
    assert stock == {2015: 3, 2016: 4, 2017: 4, 2018: 5, 2019: 6}


def test_certificate_scenario_path_and_required(targets):
    h = hist({2015: 3, 2016: 4, 2017: 4, 2018: 5, 2019: 6})
    sc = S.Scenario("high_tech_enterprises", "certificates", {"new_per_year": 4, "renewal_rate": 0.5}, lang="en")
    res = S.run(sc, h, meta_of(targets, "high_tech_enterprises"), n_sims=500)
    # 2020: the 2017 cohort (1) expires, 0.5 renewed, 4 new -> 2 + 3 + 4.5
    assert res.path[0] == pytest.approx(9.5)
    assert res.flows.loc[2020, "expiries"] == 1 and res.flows.loc[2020, "renewals"] == 0.5
    # 18 in 2020 needs 2 + 3 + 0.5 + n >= 18 -> n = 12.5
    assert res.required_kind == "new_certifications"
    assert res.required == pytest.approx(12.5)
    assert not res.met_at_deadline and res.probability < 0.05
    # the inferred cohorts are saved, so a reload reproduces the path
    assert res.scenario.params["cohorts"]["2019"] == 3


# ----------------------------------------------------------------------------- per capita
def test_stock_flow_patents_hand_computed():
    stock, lapses = S.stock_flow(21.0, np.array([3.0, 3.0]), 0.05)
    assert stock[0].tolist() == pytest.approx([21 * 0.95 + 3, (21 * 0.95 + 3) * 0.95 + 3])
    assert lapses[0, 0] == pytest.approx(1.05)


def test_patents_per_10k_with_a_falling_population(targets):
    meta = meta_of(targets, "invention_patents_per_10k")
    h = hist({2017: 0.8, 2018: 0.95, 2019: 1.3})
    pop = hist({2017: 20.0, 2018: 20.0, 2019: 20.0})  # 1.3 per 10k of 20万 = 26 patents
    flat = S.run(S.Scenario(meta["id"], "per_capita", {"grants_per_year": 2, "lapse_rate": 0.0,
                                                       "population_change": 0.0}), h, meta, population=pop)
    falling = S.run(S.Scenario(meta["id"], "per_capita", {"grants_per_year": 2, "lapse_rate": 0.0,
                                                          "population_change": -0.01}), h, meta, population=pop)
    assert flat.path[0] == pytest.approx(28 / 20.0)
    assert falling.path[0] == pytest.approx(28 / 19.8)
    assert falling.path[1] == pytest.approx(30 / (20 * 0.99 ** 2))
    assert falling.flows.loc[2020, "population"] == pytest.approx(19.8)
    assert (falling.path > flat.path).all()  # fewer residents, more patents per 10,000


def test_per_capita_required_grants(targets):
    meta = meta_of(targets, "invention_patents_per_10k")
    h = hist({2017: 0.8, 2018: 0.95, 2019: 1.05})
    pop = hist({2019: 20.0})
    res = S.run(S.Scenario(meta["id"], "per_capita", {"grants_per_year": 3, "lapse_rate": 0.05,
                                                      "population_change": -0.02}), h, meta, population=pop)
    assert res.path[0] == pytest.approx((21 * 0.95 + 3) / 19.6)
    # 1.3 x 19.6 = 25.48 patents needed; 21 x 0.95 = 19.95 kept -> 5.53 grants
    assert res.required_kind == "grants"
    assert res.required == pytest.approx(25.48 - 19.95)


def test_per_capita_needs_population(targets):
    with pytest.raises(InputError, match="population"):
        S.run(S.Scenario("invention_patents_per_10k", "per_capita", {}), hist({2018: 1.0, 2019: 1.1}),
              meta_of(targets, "invention_patents_per_10k"))


def test_counts_of_platforms(targets):
    meta = meta_of(targets, "enterprise_tech_centres")
    res = S.run(S.Scenario(meta["id"], "stock", {"per_year": 1, "closure_rate": 0.0}),
                hist({2017: 3, 2018: 3, 2019: 4}), meta)
    assert res.path[:2].tolist() == [5.0, 6.0]
    assert res.year_reached == 2021 and res.years_late == 1
    assert res.required == pytest.approx(2.0)


# ----------------------------------------------------------------------------- growth and additions
def test_growth_path_and_sentence(targets):
    meta = meta_of(targets, "tech_contract_turnover")
    h = hist({2017: 0.7, 2018: 0.9, 2019: 1.05})
    res = S.run(S.Scenario(meta["id"], "growth", {"rate": 0.15, "sd": 0.0}, lang="en"), h, meta)
    k = np.arange(1, len(res.years) + 1)
    assert res.path == pytest.approx(1.05 * 1.15 ** k)
    assert res.year_reached == 2021 and res.years_late == 1 and not res.met_at_deadline
    assert res.probability == 0.0
    assert res.sentence("en") == "At 15% a year, the target (1.35 hundred million yuan) is reached in 2021, one year late (deadline 2020)."
    assert res.sentence("zh") == "按每年增长15%，目标（1.35亿元）在2021年实现，比期限（2020年）晚1年。"
    assert res.required_kind == "growth"
    assert res.required == pytest.approx(1.35 / 1.05 - 1)
    assert "28.6%" in res.required_sentence("en")


def test_on_time_and_never(targets):
    meta = meta_of(targets, "tech_contract_turnover")
    h = hist({2018: 0.9, 2019: 1.2})
    on_time = S.run(S.Scenario(meta["id"], "growth", {"rate": 0.15, "sd": 0}, lang="en"), h, meta)
    assert on_time.year_reached == 2020 and on_time.years_late == 0
    assert on_time.sentence().endswith("reached in 2020, on time.")
    never = S.run(S.Scenario(meta["id"], "additions", {"per_year": 0.0, "sd": 0}, lang="en"), h, meta)
    assert never.year_reached is None and never.years_late is None
    assert "not reached by 2025" in never.sentence()


def test_additions_path_and_required(targets):
    meta = meta_of(targets, "tech_based_enterprises")
    h = hist({2017: 26, 2018: 31, 2019: 36})
    res = S.run(S.Scenario(meta["id"], "additions", {"per_year": 3, "sd": 0}), h, meta)
    assert res.path[:3].tolist() == [39.0, 42.0, 45.0]
    assert res.required == pytest.approx(4.0) and res.required_kind == "additions"
    assert res.year_reached == 2021


def test_defaults_come_from_history(targets):
    meta = meta_of(targets, "tech_contract_turnover")
    h = hist({2017: 1.0, 2018: 1.1, 2019: 1.21})
    d = S.default_params("growth", h, meta)
    assert d["rate"] == pytest.approx(0.1)
    assert d["sd"] == pytest.approx(0.0, abs=1e-9)
    assert S.default_params("additions", h, meta)["per_year"] == pytest.approx(0.105)


@pytest.mark.parametrize("stype, history, basis", [
    # 1.0 -> 1.21 over 2017-2019 moves towards 1.35: the slider starts at that trend
    ("growth", {2016: 0.9, 2017: 1.0, 2018: 1.1, 2019: 1.21}, {"source": "recent", "years": [2016, 2019]}),
    ("additions", {2017: 1.0, 2018: 1.1, 2019: 1.21}, {"source": "recent", "years": [2017, 2019]}),
    # falling away from the target: the pace still needed by the deadline (2020)
    ("growth", {2017: 1.3, 2018: 1.2, 2019: 1.1}, {"source": "required", "deadline": 2020}),
    ("additions", {2017: 1.3, 2018: 1.2, 2019: 1.1}, {"source": "required", "deadline": 2020}),
    # one value: no trend, and from 0 no growth rate: an assumed pace (5 % a year)
    ("growth", {2019: 0.0}, {"source": "assumed"}),
    ("trend", {2017: 1.0, 2018: 1.1, 2019: 1.21}, {}),
    ("growth", {}, {}),
])
def test_defaults_say_where_the_pace_comes_from(targets, stype, history, basis):
    meta = meta_of(targets, "tech_contract_turnover")
    assert S.default_basis(stype, hist(history), meta) == basis


# ----------------------------------------------------------------------------- Monte Carlo
def test_monte_carlo_is_reproducible_with_a_seed(targets):
    meta = meta_of(targets, "tech_contract_turnover")
    h = hist({2016: 0.5, 2017: 0.7, 2018: 0.9, 2019: 1.2})
    sc = S.Scenario(meta["id"], "growth", {"rate": 0.12, "sd": 0.08}, seed=7)
    a, b = S.run(sc, h, meta), S.run(sc, h, meta)
    assert a.probability == b.probability
    assert np.array_equal(a.lower, b.lower) and np.array_equal(a.upper, b.upper)
    assert 0 < a.probability < 1
    other = S.run(S.Scenario(meta["id"], "growth", {"rate": 0.12, "sd": 0.08}, seed=8), h, meta)
    assert not np.array_equal(a.lower, other.lower)
    # the band brackets the deterministic path
    assert (a.lower <= a.path + 1e-9).all() and (a.path <= a.upper + 1e-9).all()


def test_monte_carlo_of_stock_models_is_reproducible(targets):
    meta = meta_of(targets, "high_tech_enterprises")
    h = hist({2015: 3, 2016: 4, 2017: 4, 2018: 5, 2019: 6})
    sc = S.Scenario(meta["id"], "certificates", {"new_per_year": 12, "renewal_rate": 0.7}, seed=3)
    a, b = S.run(sc, h, meta, n_sims=800), S.run(sc, h, meta, n_sims=800)
    assert a.probability == b.probability and np.array_equal(a.upper, b.upper)
    assert 0 < a.probability < 1


# ----------------------------------------------------------------------------- trend (fake forecast)
class FakeForecast:
    insufficient = False

    def __init__(self, series):
        self.last = float(series.iloc[-1])

    def summary_frame(self, alpha=0.05, years=None):
        years = list(years)
        mean = [self.last + 0.1 * (y - 2019) for y in years]
        return pd.DataFrame({"mean": mean, "lower": [m - 0.05 for m in mean], "upper": [m + 0.05 for m in mean]},
                            index=years)

    def prob_meets_target(self, value, year, comparator=">="):
        return 0.42


def fake_fit(series, *, kind, model=None):
    return FakeForecast(series)


def test_trend_uses_the_forecast(targets):
    meta = meta_of(targets, "tech_contract_turnover")
    res = S.run(S.Scenario(meta["id"], "trend", lang="en"), hist({2017: 1.0, 2018: 1.1, 2019: 1.2}), meta,
                fit=fake_fit)
    assert res.path[:2] == pytest.approx([1.3, 1.4])
    assert res.probability == 0.42
    assert res.year_reached == 2021
    assert res.sentence().startswith("On the current trend")
    assert res.status == "at risk"


def test_deadline_already_observed(targets):
    meta = meta_of(targets, "tech_contract_turnover")
    h = hist({2018: 1.0, 2019: 1.2, 2020: 1.4, 2021: 1.5})
    res = S.run(S.Scenario(meta["id"], "growth", {"rate": 0.0, "sd": 0}), h, meta)
    # an outcome, not a forecast: no probability once the deadline year is observed (as the scorecard)
    assert res.met_at_deadline and math.isnan(res.probability) and res.value_at_deadline == 1.4
    assert (res.stage, res.status) == ("deadline observed", "achieved")
    assert math.isnan(res.required)
    early = S.run(S.Scenario(meta["id"], "growth", {"rate": 0.3, "as_of": 2019, "sd": 0}), h, meta)
    assert early.last_year == 2019 and early.path[0] == pytest.approx(1.56)


# ----------------------------------------------------------------------------- scenario JSON
def test_scenario_json_round_trip_gives_the_same_numbers(tmp_path, targets):
    meta = meta_of(targets, "high_tech_enterprises")
    h = hist({2015: 3, 2016: 4, 2017: 4, 2018: 5, 2019: 6})
    res = S.run(S.Scenario(meta["id"], "certificates", {"new_per_year": 9, "renewal_rate": 0.6},
                           weights={"high_tech_enterprises": 2.0}, seed=11), h, meta, n_sims=600)
    path = res.scenario.save(tmp_path / "s.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"version", "region", "indicator_id", "scenario_type", "params", "weights", "seed", "lang"}
    loaded = S.Scenario.load(path)
    assert loaded.to_dict() == res.scenario.to_dict()
    again = S.run(loaded, h, meta, n_sims=600)
    assert again.numbers() == res.numbers()


@pytest.mark.parametrize("data, where", [
    ({"indicator_id": "x", "scenario_type": "magic"}, "scenario_type"),
    ({"indicator_id": "x", "scenario_type": "growth", "params": {"rate": "fast"}}, "params.rate"),
    ({"indicator_id": "x", "scenario_type": "growth", "params": {"renewal_rate": 0.5}}, "params.renewal_rate"),
    ({"indicator_id": "x", "scenario_type": "certificates", "params": {"renewal_rate": 1.5}}, "params.renewal_rate"),
    ({"indicator_id": "x", "weights": {"a": -1}}, "weights.a"),
    ({"indicator_id": "x", "weights": {"a": 0, "b": 0}}, "weights"),
    ({"indicator_id": "x", "seed": -3}, "seed"),
    ({"indicator_id": "x", "version": 99}, "version"),
    ({"indicator_id": "x", "colour": "red"}, "colour"),
    ({"scenario_type": "growth"}, "indicator_id"),
])
def test_bad_scenarios_are_reported(data, where):
    with pytest.raises(InputError) as exc:
        S.Scenario.from_dict(data, source="s.json")
    assert any(p.column == where and p.file == "s.json" for p in exc.value.problems), exc.value.problems


def test_bad_json_and_missing_file(tmp_path):
    with pytest.raises(InputError, match="不是有效的JSON文本"):  # Chinese first
        S.Scenario.from_json("{nope", source="x.json")
    with pytest.raises(InputError, match="not valid JSON"):
        S.Scenario.from_json("{nope", source="x.json", lang="en")
    with pytest.raises(InputError, match="找不到或无法读取该文件"):
        S.Scenario.load(tmp_path / "missing.json")


# ----------------------------------------------------------------------------- composite score
def test_progress_is_capped():
    p = S.progress([0.5, 2.0, np.nan, 3.0, 1.0], [1.0, 1.0, 1.0, 2.0, 2.0], [">=", ">=", ">=", "<=", "<="])
    assert p[:2].tolist() == [0.5, 1.0]
    assert math.isnan(p[2])
    assert p[3] == pytest.approx(2 / 3) and p[4] == 1.0


def test_weights_must_sum_to_a_positive_total():
    with pytest.raises(InputError, match="weights must sum to a positive total"):
        S.validate_weights({"a": 0, "b": 0.0}, lang="en")
    with pytest.raises(InputError, match="权重之和必须大于0"):
        S.validate_weights({"a": 0, "b": 0.0})
    with pytest.raises(InputError, match="0到1000之间的数字，而不是-1"):
        S.validate_weights({"a": -1, "b": 3})
    with pytest.raises(InputError, match="0到1000之间的数字，而不是1e"):
        S.validate_weights({"a": 1e308})  # bounded: no weight of 1e308
    with pytest.raises(InputError, match="0到1000之间的数字，而不是nan"):
        S.validate_weights({"a": float("nan")})
    with pytest.raises(InputError, match="不是目标目录中的指标"):
        S.validate_weights({"zzz": 1}, ["a", "b"])
    w = S.validate_weights({"a": 2}, ["a", "b"])
    assert w.to_dict() == {"a": 2.0, "b": 1.0}  # missing ids keep the equal weight


def _table(targets):
    vals = {"tech_contract_turnover": 1.35 * 0.8, "high_tech_enterprises": 9, "tech_based_enterprises": 40,
            "maker_spaces": 1}
    t = targets.loc[targets["id"].isin(vals)].reset_index(drop=True)
    return S.progress_table(vals, t)


def test_score_equal_and_weighted(targets):
    table = _table(targets)
    prog = dict(zip(table["indicator_id"], table["progress"]))
    assert prog == pytest.approx({"maker_spaces": 0.5, "tech_contract_turnover": 0.8,
                                  "tech_based_enterprises": 1.0, "high_tech_enterprises": 0.5})
    eq = S.score(table)
    assert eq.total == pytest.approx((0.5 + 0.8 + 1.0 + 0.5) / 4)
    w = S.score(table, {"tech_based_enterprises": 3})
    assert w.total == pytest.approx((0.5 + 0.8 + 3 * 1.0 + 0.5) / 6)
    assert w.items["share"].sum() == pytest.approx(1.0)
    # by task: 一(四) holds maker spaces + turnover, task 2 the two enterprise targets
    g = S.score(table, by="task").groups.set_index("group")
    assert g.loc["一(四)", "score"] == pytest.approx(0.65) and g.loc["2", "score"] == pytest.approx(0.75)
    assert g.loc["2", "rank"] == 1 and g.loc["一(四)", "rank"] == 2
    with pytest.raises(InputError, match="权重之和必须大于0"):
        S.score(table, {i: 0 for i in table["indicator_id"]})


def test_a_target_without_a_value_scores_zero(targets):
    """考核: what is not reported earns nothing (left out, a district reporting fewer targets scored higher)."""
    t = targets.loc[targets["id"].isin(["maker_spaces", "tech_brokers"])].reset_index(drop=True)
    sr = S.score(S.progress_table({"maker_spaces": 1}, t))
    assert sr.total == pytest.approx(0.25) and sr.n_missing == 1
    full = S.score(S.progress_table({"maker_spaces": 1, "tech_brokers": 0.5}, t))
    assert full.total > sr.total


def test_sensitivity(targets):
    table = _table(targets)
    none = S.sensitivity(table, by="task", spread=0.0, n=50)
    assert none.total["p05"] == pytest.approx(none.total["base"]) == pytest.approx(none.total["p95"])
    assert (none.groups["p_rank_change"] == 0).all()
    a = S.sensitivity(table, {"tech_based_enterprises": 2}, by="indicator", spread=0.5, n=200, seed=4)
    b = S.sensitivity(table, {"tech_based_enterprises": 2}, by="indicator", spread=0.5, n=200, seed=4)
    assert a.total == b.total
    assert a.total["min"] < a.total["base"] < a.total["max"]
    # one at a time: raising the weight of the best target raises the total
    oat = a.one_at_a_time.set_index("indicator_id")
    assert oat.loc["tech_based_enterprises", "total_up"] > a.total["base"]
    assert oat.loc["maker_spaces", "total_up"] < a.total["base"]
    with pytest.raises(InputError, match="spread"):
        S.sensitivity(table, spread=1.5)


def test_score_by_sector_counts_multi_sector_targets(targets):
    t = targets.loc[targets["id"].isin(["strategic_emerging_share", "major_achievements_transferred"])]
    table = S.progress_table({"strategic_emerging_share": 0.35, "major_achievements_transferred": 6},
                             t.reset_index(drop=True))
    g = S.score(table, by="sector").groups.set_index("group")
    assert g.loc["coal", "score"] == pytest.approx(0.5)       # only the emerging-industries share
    assert g.loc["ceramics", "score"] == pytest.approx(0.75)  # both targets
    assert g.loc["ceramics", "rank"] == 1


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0, 50), min_size=1, max_size=8), st.floats(0, 100))
def test_stock_flow_without_outflow_is_a_cumulative_sum(inflows, start):
    stock, _ = S.stock_flow(start, np.array(inflows), 0.0)
    assert stock[0] == pytest.approx(start + np.cumsum(inflows))


# ----------------------------------------------------------------------------- helpers
def test_scenario_types(targets):
    assert "certificates" in S.scenario_types(meta_of(targets, "high_tech_enterprises"))
    assert "per_capita" in S.scenario_types(meta_of(targets, "invention_patents_per_10k"))
    assert "per_capita" not in S.scenario_types(meta_of(targets, "invention_patents_per_10k"),
                                                has_population=False)
    assert "stock" in S.scenario_types(meta_of(targets, "maker_spaces"))
    assert S.scenario_types(meta_of(targets, "tech_contract_turnover")) == ("trend", "growth", "additions")
    other = pd.Series({"id": "licences", "note": "Licences are valid for five years.", "kind": "count", "unit": "个"})
    assert S.certificate_validity(other) == 5


def test_history_for_prefers_district_rows():
    obs = pd.DataFrame({"region": ["A", "A", "A", "B"], "indicator_id": ["x", "x", "x", "x"],
                        "year": [2018, 2019, 2019, 2019], "value": [1.0, 2.0, 0.5, 9.0],
                        "sector": ["", "", "ceramics", ""]})
    s = S.history_for(obs, "A", "x")
    assert s.to_dict() == {2018: 1.0, 2019: 2.0}
    assert S.history_for(obs, "A", "x", as_of=2018).to_dict() == {2018: 1.0}


def test_questions_answer_from_the_data(targets):
    obs = pd.DataFrame({
        "region": "平川区",
        "indicator_id": ["tech_contract_turnover"] * 3 + ["high_tech_enterprises"] * 3 + ["invention_patents_per_10k"] * 3,
        "year": [2017, 2018, 2019] * 3,
        "value": [0.8, 1.0, 1.1, 4, 5, 6, 0.8, 0.9, 1.0]})
    q = S.questions(obs, targets, population=hist({2017: 20.0, 2018: 20.0, 2019: 20.0}), lang="en")
    assert len(q) == 3
    assert list(q.columns) == ["Question", "Answer", "Still required", "Probability on time"]
    assert q.iloc[0, 1].startswith("At 15% a year")
    assert "new certifications a year" in q.iloc[1, 2]
    assert "shrinking 1.0% a year" in q.iloc[2, 1]
    zh = S.questions(obs, targets, population=hist({2017: 20.0, 2018: 20.0, 2019: 20.0}), lang="zh")
    assert list(zh.columns) == ["问题", "回答", "仍需", "按期达标概率"]


# ----------------------------------------------------------------------------- plots
import re  # noqa: E402

from analysis.viz import style  # noqa: E402
from analysis import vocab

CJK = re.compile(r"[\u3400-\u9fff]")


def by_gid(ax, gid):
    return [a for a in ax.get_children() if a.get_gid() == gid]


def one(ax, gid):
    hits = by_gid(ax, gid)
    assert len(hits) == 1, (gid, hits)
    return hits[0]


def band_limits(coll) -> dict[int, tuple[float, float]]:
    """{x: (lowest y, highest y)} of a fill_between polygon."""
    v = np.concatenate([p.vertices for p in coll.get_paths()])
    out = {}
    for x in np.unique(np.round(v[:, 0], 9)):
        ys = v[np.isclose(v[:, 0], x), 1]
        out[int(round(x))] = (float(ys.min()), float(ys.max()))
    return out


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


ILLUSTRATIVE = {"illustrative": True, "source_zh": "示例来源", "source_en": "example source"}
REAL = {"illustrative": False, "source_zh": "区统计局", "source_en": "district statistics bureau"}


@pytest.fixture(scope="module")
def growth_result(targets):
    sc = S.Scenario("tech_contract_turnover", "growth", {"rate": 0.15, "sd": 0.05})
    return S.run(sc, hist({2016: 0.8, 2017: 0.9, 2018: 1.0, 2019: 1.1}), meta_of(targets, "tech_contract_turnover"),
                 n_sims=400)


def test_scenario_plot_draws_the_result(growth_result):
    res = growth_result
    ax = V.scenario_plot(res, lang="zh", provenance=ILLUSTRATIVE)
    h = one(ax, "history")
    assert list(h.get_xdata()) == list(res.history.index) and list(h.get_ydata()) == list(res.history)
    path = one(ax, "path")
    x, y = np.asarray(path.get_xdata()), np.asarray(path.get_ydata())
    assert x[0] == res.last_year and y[0] == res.last_value  # the path starts at the latest observation
    np.testing.assert_array_equal(x[1:], res.years)
    np.testing.assert_allclose(y[1:], res.path)
    lim = band_limits(one(ax, "band"))
    for yr, lo, hi in zip(res.years, res.lower, res.upper):
        assert lim[int(yr)] == pytest.approx((lo, hi))
    assert list(one(ax, "target").get_ydata()) == [res.target, res.target]
    assert list(one(ax, "deadline").get_xdata()) == [res.deadline, res.deadline]
    # 1.1 * 1.15 = 1.265 < 1.35 <= 1.1 * 1.15**2: reached in 2021, one year late
    assert res.year_reached == 2021
    star = one(ax, "reached")
    assert list(star.get_xdata()) == [2021]
    assert star.get_ydata()[0] == pytest.approx(1.1 * 1.15 ** 2)
    assert flat(one(ax, "answer").get_text()) == flat(res.sentence("zh"))
    assert "比期限（2020年）晚1年" in res.sentence("zh")
    assert ax.get_title(loc="left") == res.name_zh


def test_scenario_plot_stamps_illustrative_data_only(growth_result):
    ax = V.scenario_plot(growth_result, lang="zh", provenance=ILLUSTRATIVE)
    texts = {t.get_gid(): t.get_text() for t in ax.figure.texts}
    assert texts[style.ILLUSTRATIVE_GID] == vocab.ILLUSTRATIVE_STAMP
    assert "示例来源" in texts[style.CAPTION_GID] and "2019" in texts[style.CAPTION_GID]
    ax = V.scenario_plot(growth_result, lang="en", provenance=REAL)
    texts = {t.get_gid(): t.get_text() for t in ax.figure.texts}
    assert style.ILLUSTRATIVE_GID not in texts
    assert "district statistics bureau" in texts[style.CAPTION_GID]
    # default: the bundled monitoring data's provenance, which is illustrative
    ax = V.scenario_plot(growth_result, lang="en")
    assert style.ILLUSTRATIVE_GID in {t.get_gid() for t in ax.figure.texts}


def test_scenario_plot_in_english(growth_result):
    res = growth_result
    ax = V.scenario_plot(res, lang="en", provenance=REAL)
    assert ax.get_title(loc="left") == res.name_en and ax.get_xlabel() == "year"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"observed", "80% band", "15% a year", "year reached", "deadline 2020"} <= set(labels)
    assert not any(CJK.search(s.replace(res.unit, "")) for s in labels + [ax.get_title(loc="left")])
    assert " ".join(one(ax, "answer").get_text().split()) == res.sentence("en")
    with pytest.raises(ValueError, match="lang"):
        V.scenario_plot(res, lang="fr")


@pytest.fixture(scope="module")
def answers(targets):
    obs = pd.DataFrame({
        "region": "平川区",
        "indicator_id": ["tech_contract_turnover"] * 3 + ["high_tech_enterprises"] * 3
        + ["invention_patents_per_10k"] * 3,
        "year": [2017, 2018, 2019] * 3,
        "value": [0.8, 1.0, 1.1, 4, 5, 6, 0.8, 0.9, 1.0]})
    return S.question_results(obs, targets, population=hist({2017: 20.0, 2018: 20.0, 2019: 20.0}), lang="en")


def test_question_results_compare_with_the_other_rate_and_the_required_pace(answers):
    assert [a.indicator_id for a in answers] == [q[2] for q in S.QUESTIONS]
    turnover, certs, patents = answers
    assert turnover.compare_kinds == ["alternative"]
    assert turnover.compare[0].scenario.params["rate"] == 0.25
    assert turnover.compare[0].scenario.params["sd"] == turnover.result.scenario.params["sd"]
    for qa in (certs, patents):
        assert qa.compare_kinds == ["required"]
        req = qa.compare[0]
        # the required pace meets the target exactly at the deadline, other assumptions unchanged
        assert req.value_at_deadline == pytest.approx(qa.result.target, rel=1e-6)
        assert req.met_at_deadline and req.year_reached == 2020
    assert certs.compare[0].scenario.params["new_per_year"] == pytest.approx(certs.result.required)
    assert certs.compare[0].scenario.params["renewal_rate"] == certs.result.scenario.params["renewal_rate"]
    assert patents.compare[0].scenario.params["population_change"] == -0.01
    no_data = pd.DataFrame({"region": ["平川区"], "indicator_id": ["maker_spaces"], "year": [2019], "value": [1.0]})
    assert S.question_results(no_data, load_targets(), population=hist({2019: 20.0})) == []


def test_questions_plot_answers_each_question_from_the_data(answers):
    axes = V.questions_plot(answers, lang="en", provenance=ILLUSTRATIVE)
    assert len(axes) == 3
    for ax, qa in zip(axes, answers):
        assert ax.get_title(loc="left") == qa.question("en")
        np.testing.assert_allclose(one(ax, "path").get_ydata()[1:], qa.result.path)
        np.testing.assert_allclose(one(ax, "path-compare").get_ydata()[1:], qa.compare[0].path)
        assert list(one(ax, "target").get_ydata()) == [qa.result.target] * 2
        answer = " ".join(one(ax, "answer").get_text().split())
        assert qa.result.sentence("en") in answer and qa.result.required_sentence("en") in answer
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert not any(CJK.search(s.replace(qa.result.unit, "")) for s in legend)
    # certificates: the required scenario's flows as bars, expiries below zero
    req = answers[1].compare[0]
    ax = axes[1]
    assert [b.get_height() for b in by_gid(ax, "new")] == pytest.approx(req.flows["new"].tolist())
    assert [b.get_height() for b in by_gid(ax, "expiries")] == pytest.approx((-req.flows["expiries"]).tolist())
    assert [b.get_x() + b.get_width() / 2 for b in by_gid(ax, "renewals")] == pytest.approx(list(req.years))
    # ... and inside the axes: the y-axis reaches below the deepest expiry bar of the years shown
    shown = [b.get_height() for b in by_gid(ax, "expiries") + by_gid(ax, "expiries_observed")
             if b.get_x() <= ax.get_xlim()[1]]
    assert min(shown) < 0 and ax.get_ylim()[0] < min(shown)
    assert any(t.startswith("required pace: ") for t in (t.get_text() for t in ax.get_legend().get_texts()))
    assert style.ILLUSTRATIVE_GID in {t.get_gid() for t in axes[0].figure.texts}
    # Chinese version: the question and the answer in Chinese
    zh = V.questions_plot(answers, lang="zh", provenance=ILLUSTRATIVE)
    assert zh[1].get_title(loc="left") == S.QUESTIONS[1][0]
    assert any(t.startswith("所需速度：") for t in (t.get_text() for t in zh[1].get_legend().get_texts()))
    assert flat(answers[1].result.required_sentence("zh")) in flat(one(zh[1], "answer").get_text())


def test_score_sensitivity_plot_shows_scores_and_rank_ranges(targets):
    table = _table(targets)
    sens = S.sensitivity(table, by="task", spread=0.2, n=100, seed=1)
    (row,) = V.score_sensitivity_plot(sens, lang="en", by="task", provenance=ILLUSTRATIVE)
    ax_s, ax_r = row
    bars = by_gid(ax_s, "score-task")
    assert [b.get_width() for b in bars] == pytest.approx((sens.groups["score"] * 100).tolist())
    assert [t.get_text() for t in ax_s.get_yticklabels()] == ["task 2", "Part 1(4)"]  # 一(四) in digits, named as the report names it (not a task)
    assert list(one(ax_s, "total").get_xdata()) == pytest.approx([sens.total["base"] * 100] * 2)
    seg = one(ax_r, "rank_minmax-task").get_segments()
    assert [(s[0][0], s[1][0]) for s in seg] == list(zip(sens.groups["rank_min"], sens.groups["rank_max"]))
    dots = one(ax_r, "rank-task").get_offsets()
    assert list(dots[:, 0]) == sens.groups["rank"].tolist()
    assert style.ILLUSTRATIVE_GID in {t.get_gid() for t in ax_s.figure.texts}
    # one row per grouping; Chinese group names
    rows = V.score_sensitivity_plot({"task": sens, "sector": S.sensitivity(table, by="sector", n=50)}, lang="zh",
                                    names={"sector": {}}, provenance=REAL)
    assert rows.shape == (2, 2)
    assert rows[0, 0].get_yticklabels()[0].get_text().startswith("任务")
    assert style.ILLUSTRATIVE_GID not in {t.get_gid() for t in rows[0, 0].figure.texts}


def test_report_registers_the_scenario_figures():
    from analysis.app import figures

    assert figures.get(30).slug == "scenario_questions" and figures.get(31).slug == "score_sensitivity"
    for n in (30, 31):
        spec = figures.get(n)
        assert not spec.missing() and spec.title("zh") and spec.title("en") and not CJK.search(spec.title("en"))


def test_scenario_figures_are_not_applicable_to_another_catalogue(tmp_path):
    from analysis.app import figures

    targets = tmp_path / "targets.csv"
    targets.write_text("id,name_zh,name_en,value,unit,comparator,deadline\n"
                       "foo_count,测试企业数,Test enterprises,10,家,>=,2020\n"
                       "bar_share,测试比重,Test share,5,%,<=,\n", encoding="utf-8")
    obs = tmp_path / "obs.csv"
    rows = [("foo_count", y, v, "家") for y, v in zip(range(2015, 2020), (2, 3, 5, 6, 8))]
    obs.write_text("region,indicator_id,year,value,unit\n" + "".join(
        f"平川区,{i},{y},{v},{u}\n" for i, y, v, u in rows), encoding="utf-8")
    ctx = figures.ReportContext(data=obs, targets=targets)
    for slug in ("scenario_questions", "score_sensitivity"):
        with pytest.raises(figures.NotApplicable):
            figures.get(slug).func(ctx, "zh")


@pytest.mark.parametrize("p, zh, en", [(0.001, "在此情景下，2020年按期达标概率<1%", "Under this scenario, probability of meeting it in 2020: <1%"),
                                       (0.89, "在此情景下，2020年按期达标概率89%", "Under this scenario, probability of meeting it in 2020: 89%")])
def test_a_scenarios_probability_says_it_is_the_scenarios(p, zh, en):
    """Figure 30 and the explorer gave 89 % / 0 % beside the scorecard's 96 % / <1% with no word that they
    were the scenario's: now said, and never a 0 % that reads as certainty."""
    from types import SimpleNamespace

    from analysis.model.scenarios.text import probability_sentence

    res = SimpleNamespace(probability=p, deadline=2020)
    assert probability_sentence(res, "zh").startswith(zh) and probability_sentence(res, "en").startswith(en)


def test_the_score_figure_says_how_many_targets_were_not_reported(targets):
    """Unreported targets score 0 (before: left out, a district reporting fewer scored higher): the figure
    says how many, and a group none of whose targets is reported reads 未报送 (0分)."""
    t = targets.loc[targets["id"].isin(["maker_spaces", "tech_brokers"])].reset_index(drop=True)
    sens = S.sensitivity(S.progress_table({"maker_spaces": 1}, t), by="indicator", n=20, seed=1)
    assert sens.n_missing == 1 and sens.total["base"] == pytest.approx(0.25)
    (row,) = V.score_sensitivity_plot(sens, lang="zh", by="indicator", provenance=ILLUSTRATIVE)
    title = row[0].figure._suptitle.get_text()
    assert "未报送的1项目标按0分计" in title
    assert any(x.get_text() == "未报送(0分)" for x in row[0].texts) or any("未报送" in x.get_text() for x in row[0].texts)


# ----------------------------------------------------------------------------- end of term (stop 43)
def _file(series: dict, extra: dict | None = None) -> pd.DataFrame:
    """An observations file: ``series`` of the case's indicator, ``extra`` other indicators (which set
    how far the file reaches: its 2021 value makes 2020 a deadline passed for every series)."""
    rows = [{"region": "平川区", "indicator_id": ind, "year": y, "value": float(v), "unit": "", "sector": "",
             "source": "test", "note": ""}
            for ind, s in {**series, **(extra or {})}.items() for y, v in s.items()]
    return pd.DataFrame(rows)


LATER = {"tech_based_enterprises": {2019: 39, 2021: 45}}
END_OF_TERM = [
    # indicator, type, its values, other series, stage, status, 完成率
    ("high_tech_enterprises", "certificates", {2016: 3, 2017: 4, 2018: 5, 2019: 6, 2020: 9}, None,
     "deadline observed", "not achieved", 0.5),
    ("tech_contract_turnover", "growth", {2017: 0.8, 2018: 1.0, 2019: 1.2, 2020: 1.52}, None,
     "deadline observed", "achieved", 1.52 / 1.35),
    ("tech_contract_turnover", "growth", {2017: 0.8, 2018: 1.0, 2019: 1.2, 2021: 1.61}, None,
     "deadline not reported", "deadline year not reported", math.nan),
    ("maker_spaces", "additions", {2017: 0, 2018: 1, 2019: 1}, LATER,
     "deadline not reported", "deadline year not reported", math.nan),
    ("tech_incubators", "additions", {2016: 0, 2017: 0, 2018: 1, 2019: 1}, LATER, "met early", "achieved", math.nan),
    ("poor_village_commissioner_coverage", "growth", {2017: 80, 2018: 100, 2019: 100}, LATER,
     "met early", "achieved", math.nan),
    ("high_tech_enterprises", "certificates", {2016: 3, 2017: 4, 2018: 5, 2019: 6}, None, "before deadline", None,
     math.nan),
]


@pytest.mark.parametrize("ind, stype, values, extra, stage, status, rate", END_OF_TERM)
def test_the_explorer_judges_each_stage_as_assess_does(targets, ind, stype, values, extra, stage, status, rate):
    """The scenario engine's stage, status, 完成率 and probability agree with the scorecard's on the same
    file (stop 43: the app said 难以完成 and 0 % where ``assess`` said 未完成, 完成率50%; and 已完成 beside
    0 % for a file with 2021 values and none for 2020, where ``assess`` said 期限年数据缺失)."""
    obs = _file({ind: values}, extra)
    row = assess(obs, targets).table.set_index("indicator_id").loc[ind]
    res = S.run(S.Scenario(ind, stype, {}), S.history_for(obs, "平川区", ind), meta_of(targets, ind), n_sims=200,
                as_of=S.data_as_of(obs))
    assert res.stage == row["stage"] == stage
    if status is not None:
        assert res.status == row["status"] == status
    rate_here = res.verdict["completion_rate"]
    assert (math.isnan(rate_here) and math.isnan(rate)) or rate_here == pytest.approx(rate)
    assert (math.isnan(row["completion_rate"]) and math.isnan(rate)) or row["completion_rate"] == pytest.approx(rate)
    if stage != "before deadline":  # the probability: none once passed, 1 for a stock met early
        assert (math.isnan(res.probability) and math.isnan(row["prob_meet"])) or res.probability == row["prob_meet"]


@pytest.mark.parametrize("lang, outcome, after", [
    ("zh", "2020年实际为9家；完成率50.0%；比目标少9家。判定：未完成。",
     "期限（2020年）已过，以下仅为此后的情景，不改变考核结果："),
    ("en", "9 in 2020; completion rate 50.0%; 9 short of the target. Status: not achieved.",
     "The deadline (2020) has passed; what follows is a scenario for the years after it"),
])
def test_a_deadline_observed_is_said_as_what_happened(targets, lang, outcome, after):
    """End of term: the answer is the report's sentence (the year's value, 完成率, 未完成), the scenario
    only what a pace would give after the deadline, said as such; never "在2021年实现" as a verdict."""
    obs = _file({"high_tech_enterprises": END_OF_TERM[0][2]})
    res = S.run(S.Scenario("high_tech_enterprises", "certificates", {"new_per_year": 3}, lang=lang),
                S.history_for(obs, "平川区", "high_tech_enterprises"), meta_of(targets, "high_tech_enterprises"),
                n_sims=200)
    assert res.passed and res.sentence().endswith(outcome)
    assert res.required_sentence().startswith(after)
    assert S.text.probability_text(res, lang) == {"zh": "已判定", "en": "decided"}[lang]
    # the report says the same words of the same row
    assert res.sentence() == report_text.target_sentence(res.row(), lang)


@pytest.mark.parametrize("lang, around, bad", [
    ("zh", "期限年2020年的数据未报送；2019年为1.2亿元（未达标）、2021年为1.61亿元（已达标）。判定：期限年数据缺失。",
     ("2020年已有观测值", "按期完成", "已判定")),
    ("en", "the deadline year 2020 is not reported", ("2020 has been observed", "on time", "decided")),
])
def test_a_deadline_year_not_reported_is_never_said_observed(targets, lang, around, bad):
    """2019 and 2021 reported, 2020 not (the clerk's template): 期限年数据缺失 with the years around it,
    no probability, and never "2020年已有观测值" (stop 43: 0 % beside 已完成 and that claim)."""
    obs = _file({"tech_contract_turnover": END_OF_TERM[2][2]})
    res = S.run(S.Scenario("tech_contract_turnover", "growth", {}, lang=lang),
                S.history_for(obs, "平川区", "tech_contract_turnover"), meta_of(targets, "tech_contract_turnover"),
                n_sims=200)
    words = res.sentence() + res.required_sentence() + S.text.probability_text(res, lang)
    assert res.status == "deadline year not reported" and math.isnan(res.probability)
    assert around in res.sentence() and S.text.probability_text(res, lang) == "–"
    assert not any(b in words for b in bad)


def test_a_limit_target_completion_is_target_over_value(targets):
    """完成率 of a ceiling (≤, a 逆向指标) is target ÷ value, as the scorecard's: 10 % over the ceiling is
    90.9 %, never 110 %; a growth rate (kind ``rate``) has none."""
    meta = meta_of(targets, "tech_contract_turnover").copy()
    meta["comparator"], meta["value"] = "<=", 80.0
    res = S.run(S.Scenario("x", "growth", {}), hist({2018: 90.0, 2019: 89.0, 2020: 88.0}), meta, n_sims=50)
    assert res.status == "not achieved" and res.verdict["completion_rate"] == pytest.approx(80 / 88)
    meta["kind"] = "rate"
    res = S.run(S.Scenario("x", "growth", {}), hist({2018: 90.0, 2019: 89.0, 2020: 88.0}), meta, n_sims=50)
    assert math.isnan(res.verdict["completion_rate"])


def test_the_three_questions_at_the_end_of_term_give_the_outcome(targets):
    """The researchers' three questions on a file with the 2020 values: 判定 and 已判定, not a forecast."""
    obs = dataset.load_observations()
    extra = pd.DataFrame([{"region": "平川区", "indicator_id": i, "year": 2020, "value": v}
                          for i, v in (("tech_contract_turnover", 1.52), ("high_tech_enterprises", 9),
                                       ("invention_patents_per_10k", 1.21))])
    obs = pd.concat([obs, extra.reindex(columns=obs.columns)], ignore_index=True)
    table = S.questions(obs, targets, lang="zh")
    assert len(table) == 3
    assert list(table.iloc[:, 3]) == ["已判定"] * 3
    assert all("判定：" in a for a in table.iloc[:, 1]) and "完成率50.0%" in table.iloc[1, 1]
    assert all(r.startswith("期限（2020年）已过") for r in table.iloc[:, 2])
