"""The scorecard: status rule, edge cases, --as-of, regions, foreign catalogues, CLI formats.

Most tests run on a tiny, deterministic *fake* forecast panel (a straight line through
the points with a fixed spread) so the status rule can be pinned exactly; the
``test_real_*`` tests run on the real :mod:`analysis.model.forecast` and the bundled data
when those exist.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
import types

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import analysis
from analysis.model import scorecard as A
from analysis.io import catalogue
from analysis import config
from analysis import vocab
from analysis.cli import main

HAVE_FORECAST = importlib.util.find_spec("analysis.model.forecast") is not None
HAVE_DATASET = importlib.util.find_spec("analysis.io.dataset") is not None

# ----------------------------------------------------------------------------- fakes
FAKE_SD = 1.0


def fake_forecast_panel(obs, targets, *, as_of=None):
    """Line through the points, normal errors with sd FAKE_SD; prob at each deadline."""
    meta = targets.set_index("id")
    rows = []
    for (region, ind), g in obs.groupby(["region", "indicator_id"], sort=False):
        g = g.sort_values("year")
        n = len(g)
        m = meta.loc[ind]
        dl = int(m["deadline_effective"])
        row = dict(region=region, indicator_id=ind, model="fake-linear", n_points=n,
                   last_year=int(g["year"].iloc[-1]), last_value=float(g["value"].iloc[-1]),
                   insufficient=n < 3)
        if n < 3:
            row.update(forecast=np.nan, lower_80=np.nan, upper_80=np.nan, lower_95=np.nan,
                       upper_95=np.nan, prob_meet=np.nan)
        else:
            b, a = np.polyfit(g["year"].to_numpy(float), g["value"].to_numpy(float), 1)
            f = a + b * dl
            z80, z95 = stats.norm.ppf(0.9), stats.norm.ppf(0.975)
            p = stats.norm.sf((m["value"] - f) / FAKE_SD) if m["comparator"] == ">=" else \
                stats.norm.cdf((m["value"] - f) / FAKE_SD)
            row.update(forecast=f, lower_80=f - z80 * FAKE_SD, upper_80=f + z80 * FAKE_SD,
                       lower_95=f - z95 * FAKE_SD, upper_95=f + z95 * FAKE_SD, prob_meet=float(p))
        rows.append(row)
    return pd.DataFrame(rows)


@pytest.fixture
def fake_fc(monkeypatch):
    """Install the fake forecast module (works whether or not the real one exists)."""
    mod = types.ModuleType("analysis.model.forecast")
    mod.forecast_panel = fake_forecast_panel
    monkeypatch.setattr(A, "forecast", mod)
    return mod


def _bundled_obs() -> pd.DataFrame:
    df = pd.read_csv(config.monitoring_path())
    df.attrs["illustrative"] = True
    return df


@pytest.fixture
def fake_dataset(monkeypatch):
    """A stand-in ``analysis.io.dataset`` only when the real one is missing."""
    if HAVE_DATASET:
        return None
    mod = types.ModuleType("analysis.io.dataset")

    def load_observations(path=None, targets=None):
        df = pd.read_csv(path if path is not None else config.monitoring_path())
        if "region" not in df.columns:
            df["region"] = config.DEFAULT_REGION
        return df

    mod.load_observations = load_observations
    mod.provenance = lambda path=None: dict(illustrative=path is None, source_zh="示例数据", source_en="illustrative")
    monkeypatch.setitem(sys.modules, "analysis.io.dataset", mod)
    monkeypatch.setattr(analysis, "dataset", mod, raising=False)
    return mod


def catalogue_csv(tmp_path, rows, name="targets.csv"):
    p = tmp_path / name
    pd.DataFrame(rows, columns=["id", "name_zh", "value", "unit", "comparator", "deadline", "kind"]).to_csv(
        p, index=False)
    return p


def obs_frame(data: dict, region="R") -> pd.DataFrame:
    """{indicator: {year: value}} -> long observations."""
    rows = [(region, ind, y, v) for ind, s in data.items() for y, v in s.items()]
    return pd.DataFrame(rows, columns=["region", "indicator_id", "year", "value"])


@pytest.fixture
def small_targets(tmp_path):
    return catalogue.load_targets(catalogue_csv(tmp_path, [
        ("firms", "企业", 20, "家", ">=", 2020, "count"),            # stock
        ("turnover", "交易额", 2.0, "亿元", ">=", 2020, "level"),     # flow
        ("incubator", "孵化器", 1, "家", ">=", 2020, "milestone"),
        ("energy", "能耗", 80, "吨", "<=", 2020, "count"),            # lower is better
        ("empty", "无数据", 5, "个", ">=", "", "count"),             # no deadline, no data
    ]))


# ------------------------------------------------------------------------ structure
def test_columns_and_one_row_per_target(fake_fc, small_targets):
    obs = obs_frame({"firms": {2015: 10, 2016: 12, 2017: 14, 2018: 16, 2019: 18}})
    df = A.assess(obs, small_targets)
    assert list(df.columns) == list(A.COLUMNS)
    assert len(df) == len(small_targets)
    assert set(df["status"]) <= set(vocab.STATUSES)
    assert df.attrs["as_of"] == 2019
    e = df.set_index("indicator_id").loc["empty"]
    assert e["status"] == "insufficient data" and e["n_points"] == 0
    assert e["deadline"] == config.PLAN_HORIZON and bool(e["deadline_assumed"])


def test_hand_computed_row(fake_fc, small_targets):
    obs = obs_frame({"firms": {2015: 10, 2016: 12, 2017: 14, 2018: 16, 2019: 18}})
    r = A.assess(obs, small_targets).set_index("indicator_id").loc["firms"]
    assert r["forecast"] == pytest.approx(20.0)                    # line 10 + 2/yr -> 20 in 2020
    assert r["prob_meet"] == pytest.approx(0.5)
    assert r["status"] == "at risk"
    assert r["required_growth"] == pytest.approx(20 / 18 - 1)      # from the latest value
    assert r["required_per_year"] == pytest.approx(2.0)
    assert r["baseline_year"] == 2018 and r["growth_from"] == 2018
    assert r["actual_growth"] == pytest.approx(18 / 16 - 1)        # since the baseline
    assert r["growth_ratio"] == pytest.approx((18 / 16 - 1) / ((20 / 16) ** 0.5 - 1))
    assert r["eurostat_label"] == "on track"                       # ratio 1.06
    assert r["anticipated_ratio"] == pytest.approx(1.0)
    assert r["anticipated_label"] == "expected to achieve"
    assert r["progress_share"] == pytest.approx(0.5) and r["time_share"] == pytest.approx(0.5)
    assert r["schedule_label"] == "on schedule"
    assert r["model"] == "fake-linear"


@pytest.mark.parametrize("last, expected", [(21.0, "on track"), (20.0, "at risk"), (18.8, "off track")])
def test_status_from_probability(fake_fc, small_targets, last, expected):
    # flat series at `last` -> forecast = last; sd 1: P = Phi(last - 20)... except when already met
    obs = obs_frame({"turnover": {2015: last / 10, 2016: last / 10, 2017: last / 10, 2018: last / 10,
                                  2019: last / 10}})
    t = small_targets.copy()
    t.loc[t["id"] == "turnover", "value"] = 2.0
    r = A.assess(obs, t).set_index("indicator_id").loc["turnover"]
    p = stats.norm.sf((2.0 - last / 10) / FAKE_SD)
    assert r["prob_meet"] == pytest.approx(p)
    want = "on track" if p >= 0.8 else "at risk" if p >= 0.2 else "off track"
    assert r["status"] == want


def test_status_thresholds_pinned(fake_fc, small_targets, monkeypatch):
    def panel(prob):
        def f(obs, targets, *, as_of=None):
            out = fake_forecast_panel(obs, targets, as_of=as_of)
            out["prob_meet"] = prob
            return out
        return f

    obs = obs_frame({"firms": {2016: 10, 2017: 11, 2018: 12, 2019: 13}})
    for prob, status in [(0.8, "on track"), (0.79, "at risk"), (0.2, "at risk"), (0.19, "off track")]:
        monkeypatch.setattr(fake_fc, "forecast_panel", panel(prob))
        r = A.assess(obs, small_targets).set_index("indicator_id").loc["firms"]
        assert r["status"] == status, prob


# ------------------------------------------------------------------------ edge cases
def test_stock_already_met_is_achieved_regardless_of_trend(fake_fc, small_targets):
    obs = obs_frame({"firms": {2015: 40, 2016: 35, 2017: 30, 2018: 25, 2019: 21}})   # falling fast
    r = A.assess(obs, small_targets).set_index("indicator_id").loc["firms"]
    assert r["status"] == "achieved"
    assert r["eurostat_label"] == r["anticipated_label"] == r["schedule_label"] == "achieved"
    assert r["achieved_year"] == 2015


def test_flow_met_early_is_not_achieved(fake_fc, small_targets):
    obs = obs_frame({"turnover": {2015: 1.0, 2016: 1.5, 2017: 2.0, 2018: 2.5, 2019: 3.0}})
    r = A.assess(obs, small_targets).set_index("indicator_id").loc["turnover"]
    assert r["measure"] == "flow"
    assert r["status"] == "on track"          # from the forecast (4.0 in 2020, P ~ 0.98)
    assert "must be met in 2020" in r["note"]
    assert r["eurostat_label"] == "achieved"  # the published labels say it is at the target now


def test_flow_judged_in_deadline_year(fake_fc, small_targets):
    obs = obs_frame({"turnover": {2017: 1.0, 2018: 1.5, 2019: 2.5, 2020: 1.9}})
    r = A.assess(obs, small_targets).set_index("indicator_id").loc["turnover"]
    assert r["status"] == "off track" and r["prob_meet"] == 0.0
    r2 = A.assess(obs_frame({"turnover": {2018: 1.0, 2019: 1.5, 2020: 2.1}}), small_targets)
    assert r2.set_index("indicator_id").loc["turnover", "status"] == "achieved"


def test_lower_is_better(fake_fc, small_targets):
    obs = obs_frame({"energy": {2015: 120, 2016: 110, 2017: 100, 2018: 90, 2019: 85}})
    r = A.assess(obs, small_targets).set_index("indicator_id").loc["energy"]
    assert r["comparator"] == "<="
    assert r["required_growth"] < 0 and r["actual_growth"] < 0
    assert r["growth_ratio"] > 0                  # moving the right way
    assert r["forecast"] < 85 and r["prob_meet"] > 0.9
    assert r["status"] == "on track"
    met = A.assess(obs_frame({"energy": {2018: 90, 2019: 79}}), small_targets)
    assert met.set_index("indicator_id").loc["energy", "status"] == "achieved"


def test_zero_values_fall_back_to_absolute(fake_fc, small_targets):
    obs = obs_frame({"firms": {2016: 0, 2017: 0, 2018: 0, 2019: 4}})
    r = A.assess(obs, small_targets).set_index("indicator_id").loc["firms"]
    assert r["growth_basis"] == "absolute"
    assert math.isnan(r["actual_growth"]) and r["actual_per_year"] == pytest.approx(4)
    assert r["growth_ratio"] == pytest.approx(4 / 10)          # +4/yr vs +10/yr needed from 0 in 2018
    assert r["eurostat_label"] == "limited progress"
    assert "compound growth undefined" in r["note"]


def test_single_point_insufficient_but_required_growth_shown(fake_fc, small_targets):
    r = A.assess(obs_frame({"firms": {2019: 12}}), small_targets).set_index("indicator_id").loc["firms"]
    assert r["n_points"] == 1 and r["status"] == "insufficient data"
    assert r["eurostat_label"] == "insufficient data"
    assert r["anticipated_label"] == "insufficient data"
    assert r["required_per_year"] == pytest.approx(8) and r["required_growth"] == pytest.approx(20 / 12 - 1)


def test_two_points_insufficient_status(fake_fc, small_targets):
    r = A.assess(obs_frame({"firms": {2018: 12, 2019: 16}}), small_targets).set_index("indicator_id").loc["firms"]
    assert r["status"] == "insufficient data"
    assert r["eurostat_label"] == "on track"      # two points are enough for the growth ratio


def test_milestone(fake_fc, small_targets):
    done = A.assess(obs_frame({"incubator": {2015: 0, 2016: 0, 2017: 1, 2018: 1, 2019: 1}}), small_targets)
    r = done.set_index("indicator_id").loc["incubator"]
    assert r["status"] == "achieved" and r["achieved_year"] == 2017
    assert r["eurostat_label"] == r["anticipated_label"] == r["schedule_label"] == "achieved"
    assert "reached in 2017" in r["note"]
    notyet = A.assess(obs_frame({"incubator": {2015: 0, 2016: 0, 2017: 0, 2018: 0, 2019: 0}}), small_targets)
    r = notyet.set_index("indicator_id").loc["incubator"]
    assert r["eurostat_label"] == r["anticipated_label"] == r["schedule_label"] == "not yet"
    assert pd.isna(r["achieved_year"]) and r["status"] == "off track"


# ----------------------------------------------------------------------------- as-of
def test_as_of_never_looks_at_later_data(fake_fc, small_targets):
    base = {"firms": {2015: 10, 2016: 12, 2017: 14, 2018: 16},
            "turnover": {2015: 1.0, 2016: 1.1, 2017: 1.3, 2018: 1.4}}
    later_a = {k: v | {2019: 99.0, 2020: 0.0} for k, v in base.items()}
    later_b = {k: v | {2019: -5.0} for k, v in base.items()}
    a = A.assess(obs_frame(later_a), small_targets, as_of=2018)
    b = A.assess(obs_frame(later_b), small_targets, as_of=2018)
    c = A.assess(obs_frame(base), small_targets)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, c)
    assert a["last_year"].max() == 2018 and a.attrs["as_of"] == 2018


def test_as_of_filters_before_forecasting(small_targets, monkeypatch, fake_fc):
    seen = {}

    def spy(obs, targets, *, as_of=None):
        seen["max_year"] = int(obs["year"].max())
        seen["as_of"] = as_of
        return fake_forecast_panel(obs, targets, as_of=as_of)

    monkeypatch.setattr(fake_fc, "forecast_panel", spy)
    A.assess(obs_frame({"firms": {2015: 1, 2016: 2, 2017: 3, 2018: 4, 2019: 50}}), small_targets, as_of=2017)
    assert seen == {"max_year": 2017, "as_of": 2017}


# --------------------------------------------------------------- regions, catalogues
def test_multi_region(fake_fc, small_targets):
    obs = pd.concat([obs_frame({"firms": {2016: 10, 2017: 15, 2018: 20, 2019: 25}}, region="甲区"),
                     obs_frame({"firms": {2016: 1, 2017: 2, 2018: 3, 2019: 4},
                                "energy": {2017: 90, 2018: 85, 2019: 79}}, region="乙区")])
    df = A.assess(obs, small_targets)
    assert len(df) == 2 * len(small_targets)
    assert list(dict.fromkeys(df["region"])) == ["甲区", "乙区"]
    s = df.set_index(["region", "indicator_id"])["status"]
    assert s["甲区", "firms"] == "achieved" and s["乙区", "firms"] == "off track"
    assert s["乙区", "energy"] == "achieved" and s["甲区", "energy"] == "insufficient data"


def test_foreign_catalogue_with_lower_is_better(fake_fc, tmp_path):
    t = catalogue.load_targets(catalogue_csv(tmp_path, [
        ("pm25", "PM2.5年均浓度", 35, "微克/立方米", "<=", 2025, "ratio"),
        ("water", "万元GDP用水量", 50, "立方米/万元", "≤", 2025, ""),
    ]))
    obs = obs_frame({"pm25": {2019: 48, 2020: 45, 2021: 43, 2022: 40},
                     "water": {2019: 70, 2020: 69, 2021: 69, 2022: 68.5}}, region="某市")
    df = A.assess(obs, t).set_index("indicator_id")
    assert list(df["comparator"]) == ["<=", "<="]
    assert df.loc["pm25", "status"] == "on track" and df.loc["water", "status"] == "off track"
    assert df.loc["pm25", "eurostat_label"] in ("on track", "acceleration needed")
    assert df.loc["water", "schedule_label"] == "behind schedule"
    assert df.loc["pm25", "baseline_year"] == 2019   # data start after 2018: first observation


def test_bad_observations_frame_raises_input_error(fake_fc, small_targets):
    from analysis.errors import InputError

    with pytest.raises(InputError, match="year"):
        A.assess(pd.DataFrame({"indicator_id": ["firms"], "value": [1.0]}), small_targets)


def test_measure_column_overrides_kind():
    assert A.measure_of(pd.Series({"kind": "level"})) == "flow"
    assert A.measure_of(pd.Series({"kind": "count"})) == "stock"
    assert A.measure_of(pd.Series({"kind": "level", "measure": "stock"})) == "stock"


# ------------------------------------------------------------------------------- CLI
@pytest.fixture
def cli_files(tmp_path):
    t = catalogue_csv(tmp_path, [("firms", "企业", 20, "家", ">=", 2020, "count"),
                                 ("energy", "能耗", 80, "吨", "<=", 2020, "count")])
    o = tmp_path / "obs.csv"
    obs_frame({"firms": {2016: 10, 2017: 13, 2018: 16, 2019: 19},
               "energy": {2016: 100, 2017: 95, 2018: 90, 2019: 86}}, region="平川区").to_csv(o, index=False)
    return t, o


def test_cli_csv_and_json_parse_back(fake_fc, fake_dataset, cli_files, tmp_path, capsys):
    t, o = cli_files
    assert main(["assess", "--data", str(o), "--targets", str(t), "--format", "csv"]) == 0
    import io

    df = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(df.columns) == list(A.COLUMNS) and len(df) == 2
    assert set(df["status"]) <= set(vocab.STATUSES)
    assert main(["assess", "--data", str(o), "--targets", str(t), "--format", "json"]) == 0
    recs = json.loads(capsys.readouterr().out)
    assert len(recs) == 2 and recs[0]["indicator_id"] == "firms" and recs[0]["last_year"] == 2019
    assert isinstance(recs[0]["last_year"], int) and isinstance(recs[0]["deadline_assumed"], bool)
    assert 0 <= recs[0]["prob_meet"] <= 1


def test_cli_xlsx_readable(fake_fc, fake_dataset, cli_files, tmp_path):
    t, o = cli_files
    out = tmp_path / "score.xlsx"
    assert main(["assess", "--data", str(o), "--targets", str(t), "--format", "xlsx", "--output", str(out)]) == 0
    df = pd.read_excel(out, sheet_name="scorecard")
    assert len(df) == 2 and "status" in df.columns


def test_cli_table_and_as_of(fake_fc, fake_dataset, cli_files, capsys):
    t, o = cli_files
    assert main(["assess", "--data", str(o), "--targets", str(t), "--as-of", "2018"]) == 0
    out = capsys.readouterr().out
    assert "firms" in out and "16 (2018)" in out and "as of 2018" in out
    assert "19 (2019)" not in out


def test_cli_bad_input_exit_1(fake_fc, fake_dataset, tmp_path, capsys):
    bad = tmp_path / "bad_targets.csv"
    bad.write_text("id,name_zh,value,unit,comparator,deadline\nx,某,abc,家,>=,2020\n", encoding="utf-8")
    assert main(["assess", "--targets", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad_targets.csv:2:value: not a number" in err
    assert main(["assess", "--data", str(tmp_path / "missing.csv")]) == 1
    assert "missing.csv" in capsys.readouterr().err


# ------------------------------------------------------- the real forecast + bundled data
@pytest.mark.skipif(not (HAVE_FORECAST and HAVE_DATASET), reason="forecast.py / dataset.py not there yet")
def test_real_bundled_scorecard():
    df = A.assess()
    t = catalogue.load_targets()
    assert len(df) == len(t) == 21
    assert set(df["status"]) <= set(vocab.STATUSES)
    assert df.attrs["illustrative"] is True
    ok = df["prob_meet"].dropna()
    assert ((ok >= 0) & (ok <= 1)).all()
    assert (df.loc[df["n_points"] < 3, "status"].isin(["achieved", "insufficient data"])).all()


@pytest.mark.skipif(not (HAVE_FORECAST and HAVE_DATASET), reason="forecast.py / dataset.py not there yet")
def test_real_as_of_ignores_later_data():
    from analysis.io import dataset

    obs = dataset.load_observations()
    a = A.assess(obs, as_of=2018)
    tampered = obs.copy()
    tampered.loc[tampered["year"] == 2019, "value"] = tampered.loc[tampered["year"] == 2019, "value"] * 7 + 3
    b = A.assess(tampered, as_of=2018)
    pd.testing.assert_frame_equal(a, b)


def test_plan_catalogue_flows_are_the_documented_ones():
    t = catalogue.load_targets()
    flows = [r["id"] for _, r in t.iterrows() if A.measure_of(r) == "flow"]
    assert flows == ["tech_contract_turnover", "strategic_emerging_share", "poor_village_commissioner_coverage"]


# --- a real national plan with its published statistics, as a new user would run it ------------
def test_national_plan_with_published_statistics(capsys):
    """The real NBS series hold more indicators than the 13th-FYP catalogue: strict by default
    (with a hint), scored with --skip-unknown; --as-of 2017 never sees the 2018+ values."""
    data = str(config.public_dir() / "china_st_observations.csv")
    targets = str(config.public_dir() / "china_13th_fyp_st_targets.csv")
    assert main(["assess", "--data", data, "--targets", targets]) == 1
    err = capsys.readouterr().err
    assert "未知指标 'rd_expenditure'" in err and "--skip-unknown" in err
    assert main(["assess", "--data", data, "--targets", targets, "--as-of", "2017", "--skip-unknown",
                 "--format", "json"]) == 0
    out = capsys.readouterr()
    rows = {r["indicator_id"]: r for r in json.loads(out.out)}
    assert "skipped" in out.err and "rd_expenditure" in out.err
    assert rows["rd_intensity"]["last_year"] == 2017 and rows["rd_intensity"]["last_value"] == pytest.approx(2.12)
    assert 0 <= rows["rd_intensity"]["prob_meet"] <= 1


def test_outline_plan_scored_from_two_statistics_files(capsys):
    """The 13th FYP outline's targets draw on two files: --data repeats; --as-of applies to both."""
    pub = config.public_dir()
    args = ["assess", "--targets", str(pub / "china_13th_fyp_outline_targets.csv"),
            "--data", str(pub / "china_st_observations.csv"),
            "--data", str(pub / "china_nbs_communique_observations.csv"),
            "--skip-unknown", "--as-of", "2017", "--format", "json"]
    assert main(args) == 0
    rows = {r["indicator_id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["rd_intensity"]["last_value"] == pytest.approx(2.12)          # from the first file
    assert rows["urbanization_rate"]["last_value"] == pytest.approx(58.52)    # from the second
    assert all(r["last_year"] in (2017, None) for r in rows.values())
    assert rows["rural_poor"]["prob_meet"] > 0.5                               # the 2020 outcome: met
    # the plan's own baseline (2015) instead of the Pingchuan plan's (2018): the schedule check works
    assert rows["urbanization_rate"]["schedule_label"] == "insufficient data"
    assert main(args + ["--baseline", "2015"]) == 0
    rows = {r["indicator_id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["urbanization_rate"]["baseline_year"] == 2015
    assert rows["urbanization_rate"]["schedule_label"] != "insufficient data"


def test_two_files_that_disagree_are_an_error_naming_both(tmp_path, capsys):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    row = "region,indicator_id,year,value,unit\n平川区,tech_contract_turnover,2018,{},亿元\n"
    a.write_text(row.format(0.5), encoding="utf-8")
    b.write_text(row.format(0.7), encoding="utf-8")
    assert main(["assess", "--data", str(a), "--data", str(b)]) == 1
    err = capsys.readouterr().err
    assert "b.csv" in err and "a.csv" in err and "0.7" in err and "0.5" in err and "Traceback" not in err
    b.write_text(row.format(0.5), encoding="utf-8")                            # the same figure twice: fine
    assert main(["assess", "--data", str(a), "--data", str(b), "--format", "csv"]) == 0
