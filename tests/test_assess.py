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
from analysis.model import labels
from analysis.model import scorecard as A
from analysis.io import catalogue
from analysis import config
from analysis import vocab
from analysis.cli import main

sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
import scorecard_reference  # noqa: E402  the per-series implementation before vectorisation

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
    sc = A.assess(obs, small_targets)
    assert isinstance(sc, A.Scorecard)
    df = sc.table
    assert list(df.columns) == list(A.COLUMNS)
    assert len(df) == len(small_targets)
    assert sc.as_of == 2019 and sc.illustrative is False
    assert set(df["status"]) <= set(vocab.STATUSES)
    assert sc.attrs["as_of"] == 2019 and df.attrs == {}   # provenance lives on the Scorecard
    e = df.set_index("indicator_id").loc["empty"]
    assert e["status"] == "insufficient data" and e["n_points"] == 0
    assert e["deadline"] == config.PLAN_HORIZON and bool(e["deadline_assumed"])


@pytest.mark.parametrize("ident, values, anticipated", [
    ("turnover", {2015: 1.6, 2016: 1.8, 2017: 2.0, 2018: 2.2, 2019: 1.9}, "expected to achieve"),   # line -> 2.2
    ("energy", {2015: 90, 2016: 85, 2017: 80, 2018: 78, 2019: 95}, "stagnation or regression"),    # line -> 86.5
])
def test_base_already_met_then_fell_back(fake_fc, small_targets, ident, values, anticipated):
    """A base value that met the target leaves no share of the way to measure (2.2 -> 1.9 against >= 2.0 is
    not "150 % of the way" nor "ahead of schedule"): behind schedule, and ESCAP's call read from the forecast."""
    obs = obs_frame({ident: values})
    r = A.assess(obs, small_targets, baseline=2018).set_index("indicator_id").loc[ident]
    assert math.isnan(r["progress_share"]) and math.isnan(r["anticipated_ratio"])
    assert r["schedule_label"] == "behind schedule"
    assert r["anticipated_label"] == anticipated
    assert "met the target in the base year 2018, no longer since" in r["note"]


def test_hand_computed_row(fake_fc, small_targets):
    obs = obs_frame({"firms": {2015: 10, 2016: 12, 2017: 14, 2018: 16, 2019: 18}})
    r = A.assess(obs, small_targets, baseline=2018).set_index("indicator_id").loc["firms"]
    assert r["stage"] == "before deadline" and r["baseline_source"] == "argument"
    assert math.isnan(r["completion_rate"]) and math.isnan(r["gap"])
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


# Flat series at `level` for 2015-2019; target 2.0 (a flow, >=) in 2020; the fake forecast is the
# flat line with sd 1, so P(meet) = Phi(level - 2.0), read from a normal table:
# Phi(0.9) = 0.8159, Phi(0.85) = 0.8023, Phi(0) = 0.5, Phi(-0.8) = 0.2119, Phi(-1) = 0.1587.
@pytest.mark.parametrize("level, prob, expected", [
    (2.90, 0.8159, "on track"),
    (2.85, 0.8023, "on track"),      # just above the 0.8 line
    (2.00, 0.5000, "at risk"),
    (1.20, 0.2119, "at risk"),       # just above the 0.2 line
    (1.00, 0.1587, "off track"),
])
def test_status_from_probability(fake_fc, small_targets, level, prob, expected):
    obs = obs_frame({"turnover": {y: level for y in range(2015, 2020)}})
    t = small_targets.copy()
    t.loc[t["id"] == "turnover", "value"] = 2.0
    result = A.assess(obs, t)
    r = getattr(result, "table", result).set_index("indicator_id").loc["turnover"]
    assert r["prob_meet"] == pytest.approx(prob, abs=1e-4)
    assert r["status"] == expected


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
    assert r["stage"] == "deadline observed"
    assert r["status"] == "not achieved" and math.isnan(r["prob_meet"]) and math.isnan(r["forecast"])
    assert r["completion_rate"] == pytest.approx(0.95) and r["gap"] == pytest.approx(-0.1)   # 1.9 / 2.0
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
    assert met.set_index("indicator_id").loc["energy", "stage"] == "met early"


def test_zero_values_fall_back_to_absolute(fake_fc, small_targets):
    obs = obs_frame({"firms": {2016: 0, 2017: 0, 2018: 0, 2019: 4}})
    r = A.assess(obs, small_targets, baseline=2018).set_index("indicator_id").loc["firms"]
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
    assert r["stage"] == "met early" and r["prob_meet"] == 1.0
    assert "met in 2017; to be held" in r["note"]
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
    pd.testing.assert_frame_equal(a.table, b.table)
    pd.testing.assert_frame_equal(a.table, c.table)
    assert a["last_year"].max() == 2018 and a.as_of == 2018 and a.attrs["as_of"] == 2018


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
    assert df.loc["pm25", "baseline_year"] == 2019   # no baseline anywhere: the first observation
    assert df.loc["pm25", "baseline_source"] == "first observed"


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
    # the table an evaluator passes on: Chinese by default, the report's words, the id last
    assert list(df.columns[:3]) == ["指标", "比较", "目标值"] and df.columns[-1] == "指标代码" and len(df) == 2
    assert set(df["状态"]) <= {vocab.status_name(s, "zh") for s in vocab.STATUSES}
    assert list(df["指标代码"]) == ["firms", "energy"] and set(df["评估阶段"]) == {"期限前"}
    sc = A.assess(str(o), str(t))
    assert df["按期达标概率"].tolist() == pytest.approx(sc.table["prob_meet"].tolist())  # not rounded
    assert main(["--lang", "en", "assess", "--data", str(o), "--targets", str(t), "--format", "csv"]) == 0
    en = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert en.columns[0] == "Indicator" and set(en["Status"]) <= set(vocab.STATUSES)
    assert main(["assess", "--data", str(o), "--targets", str(t), "--format", "json"]) == 0
    recs = json.loads(capsys.readouterr().out)
    assert len(recs) == 2 and recs[0]["indicator_id"] == "firms" and recs[0]["last_year"] == 2019
    assert isinstance(recs[0]["last_year"], int) and isinstance(recs[0]["deadline_assumed"], bool)
    assert 0 <= recs[0]["prob_meet"] <= 1


def test_cli_xlsx_readable(fake_fc, fake_dataset, cli_files, tmp_path):
    t, o = cli_files
    out = tmp_path / "score.xlsx"
    assert main(["assess", "--data", str(o), "--targets", str(t), "--format", "xlsx", "--output", str(out)]) == 0
    df = pd.read_excel(out, sheet_name="目标评估", engine="openpyxl")
    assert len(df) == 2 and "状态" in df.columns and "status" not in df.columns


def test_cli_table_and_as_of(fake_fc, fake_dataset, cli_files, capsys):
    t, o = cli_files
    assert main(["assess", "--data", str(o), "--targets", str(t), "--as-of", "2018", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "firms" in out and "16 (2018)" in out and "as of 2018" in out
    assert "19 (2019)" not in out


def test_console_table_gives_each_target_its_unit(fake_fc, small_targets):
    obs = obs_frame({"firms": {2018: 16, 2019: 18}, "turnover": {2018: 1.5, 2019: 1.8}})
    sc = A.assess(obs, small_targets)
    zh = A.table_view(sc, "zh").set_index("指标")["目标（期限）"]
    assert zh["企业"] == "≥20家 (2020)" and zh["交易额"] == "≥2亿元 (2020)" and zh["能耗"] == "≤80吨 (2020)"
    assert zh["无数据"] == f"≥5个 ({config.PLAN_HORIZON}*)"
    en = A.table_view(sc, "en").set_index("indicator")["target"]
    assert en["firms"] == "≥20 (2020)" and en["turnover"] == "≥2 hundred million yuan (2020)"  # a count has no unit word


def test_cli_bad_input_exit_1(fake_fc, fake_dataset, tmp_path, capsys):
    bad = tmp_path / "bad_targets.csv"
    bad.write_text("id,name_zh,value,unit,comparator,deadline\nx,某,abc,家,>=,2020\n", encoding="utf-8")
    assert main(["assess", "--targets", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad_targets.csv:2:value: 不是数字：'abc'" in err
    assert main(["--lang", "en", "assess", "--targets", str(bad)]) == 1  # the same problem, in English
    assert "bad_targets.csv:2:value: not a number: 'abc'" in capsys.readouterr().err
    assert main(["assess", "--data", str(tmp_path / "missing.csv")]) == 1
    assert "missing.csv" in capsys.readouterr().err


# ------------------------------------------------------- the real forecast + bundled data
@pytest.mark.skipif(not (HAVE_FORECAST and HAVE_DATASET), reason="forecast.py / dataset.py not there yet")
def test_real_bundled_scorecard():
    df = A.assess()
    t = catalogue.load_targets()
    assert len(df) == len(t) == 21
    assert set(df["status"]) <= set(vocab.STATUSES)
    assert df.illustrative is True and df.attrs["illustrative"] is True
    assert set(df["baseline_source"]) == {"catalogue"} and df.baseline_choice["catalogue"] == [2018]
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
    pd.testing.assert_frame_equal(a.table, b.table)


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
    assert "已跳过" in out.err and "rd_expenditure" in out.err  # Chinese by default
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
    # no baseline in this catalogue: the first observed year; --baseline 2015 sets the plan's own
    assert rows["urbanization_rate"]["baseline_source"] == "first observed"
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
    # in Chinese (the default) and naming the indicator, not the column the reader made
    # at the later file's cell, naming the earlier one's, in the catalogue's unit (stop 43: was FILE::: with
    # bare numbers, and no "what next" line)
    assert f"{b}:2:D: 平川区 全区技术市场合同交易额（tech_contract_turnover） 2018年：此格为 0.7亿元，{a} 第 2 行 D 列 为 0.5亿元" in err
    assert "::: " not in err and "value" not in err and "keep one" not in err and "改正后重新运行" in err
    b.write_text(row.format(0.5), encoding="utf-8")                            # the same figure twice: fine
    assert main(["assess", "--data", str(a), "--data", str(b), "--format", "csv"]) == 0


# ------------------------------------------------------------- one rule per stage (issue 12)
@pytest.fixture
def plan_targets(tmp_path):
    """Four of the plan's targets, as the plan words them (deadline 2020)."""
    return catalogue.load_targets(catalogue_csv(tmp_path, [
        ("tech_contract_turnover", "全区技术市场合同交易额", 1.35, "亿元", ">=", 2020, "level"),
        ("high_tech_enterprises", "高新技术企业", 18, "家", ">=", 2020, "count"),
        ("energy", "能耗", 80, "吨", "<=", 2020, "count"),
        ("incubators", "孵化器", 1, "家", ">=", 2020, "milestone"),
    ], name="plan.csv"))


def test_2021_without_2020_is_deadline_year_not_reported(fake_fc, plan_targets):
    """G1: 1.61 in 2021 against >= 1.35 in 2020, no 2020 row: not judged, never a forecast."""
    obs = obs_frame({"tech_contract_turnover": {2015: 0.36, 2016: 0.55, 2017: 0.79, 2018: 1.04, 2019: 1.2,
                                                2021: 1.61}})
    r = A.assess(obs, plan_targets).set_index("indicator_id").loc["tech_contract_turnover"]
    assert r["stage"] == "deadline not reported"
    assert r["status"] == "deadline year not reported" and r["status"] != "off track"
    for c in ("forecast", "lower_80", "upper_95", "prob_meet", "completion_rate", "gap", "deadline_value"):
        assert math.isnan(r[c]), c
    assert (r["before_year"], r["before_value"]) == (2019, 1.2)
    assert (r["after_year"], r["after_value"]) == (2021, 1.61)
    assert "2020 not reported" in r["note"] and "2021: 1.61 (meets the target)" in r["note"]
    assert "2019: 1.2 (short of the target)" in r["note"]
    assert r["eurostat_label"] == "achieved"              # the labels look at 2021; the status does not contradict
    assert vocab.status_name(r["status"], "zh") == "期限年数据缺失"


def test_deadline_passed_series_stopped_before_it(fake_fc, plan_targets):
    """H1: other series reach 2020; this one stops in 2019: no quiet forecast labelled on track."""
    obs = obs_frame({"tech_contract_turnover": {2016: 0.5, 2017: 0.8, 2018: 1.1, 2019: 1.3, 2020: 1.5},
                     "high_tech_enterprises": {2016: 10, 2017: 12, 2018: 14, 2019: 16}})
    r = A.assess(obs, plan_targets).set_index("indicator_id").loc["high_tech_enterprises"]
    assert r["stage"] == "deadline not reported" and r["status"] == "deadline year not reported"
    assert math.isnan(r["prob_meet"]) and pd.isna(r["after_year"]) and r["before_year"] == 2019
    # the same file cut at 2019 is before the deadline: a forecast again
    r = A.assess(obs, plan_targets, as_of=2019).set_index("indicator_id").loc["high_tech_enterprises"]
    assert r["stage"] == "before deadline" and r["status"] == "at risk"   # line to 18 in 2020: P = 0.5


@pytest.mark.parametrize("value, status, rate, gap", [
    (1.52, "achieved", 1.52 / 1.35, 0.17),      # 完成率 112.6 %
    (1.35, "achieved", 1.0, 0.0),
    (1.08, "not achieved", 0.8, -0.27),         # 完成率 80 %
])
def test_deadline_observed_completion_rate_hand_computed(fake_fc, plan_targets, value, status, rate, gap):
    obs = obs_frame({"tech_contract_turnover": {2017: 0.79, 2018: 1.04, 2019: 1.3, 2020: value}})
    r = A.assess(obs, plan_targets).set_index("indicator_id").loc["tech_contract_turnover"]
    assert r["stage"] == "deadline observed" and r["status"] == status
    assert r["deadline_value"] == value
    assert r["completion_rate"] == pytest.approx(rate, abs=1e-12)
    assert r["gap"] == pytest.approx(gap, abs=1e-12)
    for c in ("forecast", "lower_80", "upper_80", "lower_95", "upper_95", "prob_meet"):
        assert math.isnan(r[c]), c                      # no forecast shown once the year is observed


@pytest.mark.parametrize("indicator, values, outcome", [
    ("incubators", {2018: 0, 2019: 0, 2020: 0}, "not achieved"),                 # a milestone: "not yet" before
    ("high_tech_enterprises", {2018: 6, 2019: 8, 2020: 9}, "not achieved"),      # "limited progress" before
    ("tech_contract_turnover", {2017: 0.79, 2018: 1.04, 2019: 1.3, 2020: 1.52}, "achieved"),
    ("energy", {2017: 100, 2018: 95, 2019: 90, 2020: 88.0}, "not achieved"),     # a ceiling, 88 > 80
    ("tech_contract_turnover", {2018: 1.04, 2019: 1.6, 2020: 1.2}, "not achieved"),  # met in 2019, lost in 2020
])
def test_labels_at_the_deadline_are_the_outcome(fake_fc, plan_targets, indicator, values, outcome):
    """An end-of-term file (the deadline year observed): the three methods' columns say 达标 / 未达标
    as the status does, never "acceleration needed", "behind schedule" or ESCAP's forecast category."""
    obs = obs_frame({indicator: values})
    r = A.assess(obs, plan_targets).set_index("indicator_id").loc[indicator]
    assert r["stage"] == "deadline observed" and r["status"] == outcome
    assert [r["eurostat_label"], r["anticipated_label"], r["schedule_label"]] == [outcome] * 3
    before = A.assess(obs[obs["year"] < 2020], plan_targets).set_index("indicator_id").loc[indicator]
    assert before["stage"] == "before deadline" and "not achieved" not in set(
        before[["eurostat_label", "anticipated_label", "schedule_label"]])
    assert labels.label_name(outcome, "zh") == {"achieved": "已达标", "not achieved": "未达标"}[outcome]


def test_console_completion_rate_names_its_year_when_a_later_one_is_latest(fake_fc, plan_targets):
    """最新值 10 (2021) beside = 50%: the rate is of 2020's 9, and the cell says so."""
    obs = obs_frame({"high_tech_enterprises": {2018: 6, 2019: 8, 2020: 9, 2021: 10}})
    view = A.table_view(A.assess(obs, plan_targets), "zh").set_index("指标")
    assert view.loc["高新技术企业", "预测[80%]/完成率"] == "= 50% (9, 2020)"
    assert view.loc["高新技术企业", "最新值"] == "10 (2021)"
    obs = obs_frame({"high_tech_enterprises": {2018: 6, 2019: 8, 2020: 9}})
    assert A.table_view(A.assess(obs, plan_targets), "zh").set_index("指标").loc["高新技术企业", "预测[80%]/完成率"] == "= 50%"


def test_hand_computed_completion_rate_literal(fake_fc, plan_targets):
    obs = obs_frame({"high_tech_enterprises": {2018: 6, 2019: 8, 2020: 9}})
    r = A.assess(obs, plan_targets).set_index("indicator_id").loc["high_tech_enterprises"]
    assert r["completion_rate"] == 0.5 and r["gap"] == -9.0 and r["status"] == "not achieved"   # 9 / 18


@pytest.mark.parametrize("value, status, rate, gap", [
    # a limit (逆向指标): 完成率 = target / actual, so that 100 % and above means met
    (88.0, "not achieved", 80 / 88, 8.0),       # 10 % above the ceiling: 90.9 %, never 110 %
    (76.0, "achieved", 80 / 76, -4.0),          # 5 % below it: 105.3 %
    (80.0, "achieved", 1.0, 0.0),
])
def test_lower_is_better_deadline_observed(fake_fc, plan_targets, value, status, rate, gap):
    obs = obs_frame({"energy": {2017: 100, 2018: 95, 2019: 90, 2020: value}})
    r = A.assess(obs, plan_targets).set_index("indicator_id").loc["energy"]
    assert r["comparator"] == "<=" and r["status"] == status
    assert r["completion_rate"] == pytest.approx(rate) and r["gap"] == pytest.approx(gap)


def test_achieved_stock_met_early_is_held(fake_fc, plan_targets):
    obs = obs_frame({"high_tech_enterprises": {2016: 12, 2017: 16, 2018: 21, 2019: 20}})
    r = A.assess(obs, plan_targets).set_index("indicator_id").loc["high_tech_enterprises"]
    assert r["stage"] == "met early" and r["status"] == "achieved"
    assert r["prob_meet"] == 1.0 and r["achieved_year"] == 2018
    assert "met in 2018; to be held" in r["note"]
    assert math.isnan(r["completion_rate"])             # before the deadline: no 完成率 yet


@pytest.mark.parametrize("after, stage, status", [
    ({}, "met early", "achieved"),                                    # 2020 not reported, nothing since
    ({2021: 19}, "met early", "achieved"),                            # still held in 2021
    ({2021: 15}, "deadline not reported", "deadline year not reported"),  # lost by 2021: no verdict
])
def test_stock_met_early_with_the_deadline_year_unreported(fake_fc, plan_targets, after, stage, status):
    obs = obs_frame({"high_tech_enterprises": {2016: 12, 2017: 16, 2018: 21, 2019: 20, **after},
                     "tech_contract_turnover": {2019: 1.3, 2020: 1.5, 2021: 1.6}})   # the data reach 2021
    r = A.assess(obs, plan_targets).set_index("indicator_id").loc["high_tech_enterprises"]
    assert (r["stage"], r["status"]) == (stage, status)
    assert math.isnan(r["forecast"])                      # the deadline has passed: never a forecast
    if stage == "met early":
        assert r["prob_meet"] == 1.0 and "met in 2018" in r["note"] and "to be held" not in r["note"]
        assert "deadline 2020 not reported" in r["note"]


def test_stock_met_early_then_missed_in_the_deadline_year(fake_fc, plan_targets):
    obs = obs_frame({"high_tech_enterprises": {2017: 16, 2018: 21, 2019: 20, 2020: 17}})
    r = A.assess(obs, plan_targets).set_index("indicator_id").loc["high_tech_enterprises"]
    assert r["stage"] == "deadline observed" and r["status"] == "not achieved"
    assert r["completion_rate"] == pytest.approx(17 / 18)


def test_flow_met_early_stays_a_forecast(fake_fc, plan_targets):
    obs = obs_frame({"tech_contract_turnover": {2016: 0.9, 2017: 1.1, 2018: 1.3, 2019: 1.5}})
    r = A.assess(obs, plan_targets).set_index("indicator_id").loc["tech_contract_turnover"]
    assert r["stage"] == "before deadline" and r["status"] == "at risk"    # line to 1.7: P = Phi(0.35) = 0.64
    assert r["prob_meet"] == pytest.approx(0.6368, abs=1e-4)
    assert "must be met in 2020" in r["note"]


# ------------------------------------------------------------------------- baseline
def test_baseline_from_catalogue_column_argument_or_first_year(fake_fc, tmp_path):
    p = tmp_path / "b.csv"
    pd.DataFrame([("firms", "企业", 20, "家", ">=", 2020, "count", 2017),
                  ("energy", "能耗", 80, "吨", "<=", 2020, "count", "")],
                 columns=["id", "name_zh", "value", "unit", "comparator", "deadline", "kind", "baseline"]
                 ).to_csv(p, index=False)
    t = catalogue.load_targets(p)
    obs = obs_frame({"firms": {2015: 10, 2016: 12, 2017: 14, 2018: 16, 2019: 18},
                     "energy": {2015: 100, 2016: 96, 2017: 92, 2018: 88, 2019: 84}})
    sc = A.assess(obs, t)
    r = sc.set_index("indicator_id")
    assert (r.loc["firms", "baseline_year"], r.loc["firms", "baseline_source"]) == (2017, "catalogue")
    assert (r.loc["energy", "baseline_year"], r.loc["energy", "baseline_source"]) == (2015, "first observed")
    assert r.loc["firms", "actual_growth"] == pytest.approx((18 / 14) ** 0.5 - 1)
    assert "2017" in sc.summary("en") and "first observed year" in sc.summary("en")
    forced = A.assess(obs, t, baseline=2016).set_index("indicator_id")
    assert set(forced["baseline_year"]) == {2016} and set(forced["baseline_source"]) == {"argument"}


def test_bad_baseline_in_catalogue_is_a_located_error(tmp_path):
    from analysis.errors import InputError

    p = tmp_path / "b.csv"
    p.write_text("id,name_zh,value,unit,comparator,deadline,baseline\nfirms,企业,20,家,>=,2020,去年\n",
                 encoding="utf-8")
    with pytest.raises(InputError, match="b.csv:2:baseline: 须为 2000–2035 之间的年份或留空"):
        catalogue.load_targets(p)


# ------------------------------------------------------------------ per-region targets
@pytest.fixture
def regional_targets(tmp_path):
    p = tmp_path / "province.csv"
    pd.DataFrame([
        ("firms", "企业", 20, "家", ">=", 2020, "count", ""),         # every region ...
        ("firms", "企业", 30, "家", ">=", 2020, "count", "乙区"),     # ... except 乙区: its own
        ("energy", "能耗", 80, "吨", "<=", 2020, "count", "甲区"),    # only 甲区 has this target
        ("firms", "企业", 5, "家", ">=", 2020, "count", "丙区"),      # a region without data
    ], columns=["id", "name_zh", "value", "unit", "comparator", "deadline", "kind", "region"]).to_csv(p, index=False)
    return catalogue.load_targets(p)


def test_per_region_catalogue(fake_fc, regional_targets):
    obs = pd.concat([obs_frame({"firms": {2017: 15, 2018: 18, 2019: 22}, "energy": {2017: 90, 2018: 85, 2019: 79}},
                               region="甲区"),
                     obs_frame({"firms": {2017: 15, 2018: 18, 2019: 22}, "energy": {2017: 90, 2018: 85, 2019: 79}},
                               region="乙区")])
    sc = A.assess(obs, regional_targets)
    tb = sc.table.set_index(["region", "indicator_id"])
    assert list(tb.index) == [("甲区", "firms"), ("甲区", "energy"), ("乙区", "firms"), ("丙区", "firms")]
    assert tb.loc[("甲区", "firms"), "target"] == 20 and tb.loc[("甲区", "firms"), "status"] == "achieved"
    assert tb.loc[("乙区", "firms"), "target"] == 30 and tb.loc[("乙区", "firms"), "status"] != "achieved"
    assert tb.loc[("甲区", "energy"), "status"] == "achieved"
    assert tb.loc[("丙区", "firms"), "status"] == "insufficient data" and tb.loc[("丙区", "firms"), "n_points"] == 0
    # 乙区 energy has data but no target: reported, never judged against 甲区's
    assert ("乙区", "energy") not in tb.index
    assert sc.untargeted[["region", "indicator_id", "n_points"]].values.tolist() == [["乙区", "energy", 3]]
    assert "乙区 energy" in sc.summary("en")


def test_per_region_catalogue_with_the_real_forecast(regional_targets):
    obs = pd.concat([obs_frame({"firms": {2016: 10, 2017: 12, 2018: 14, 2019: 16}}, region=r) for r in ("甲区", "乙区")])
    tb = A.assess(obs, regional_targets).set_index(["region", "indicator_id"])
    # same series, different targets: the probability differs, each against its own target
    assert tb.loc[("甲区", "firms"), "prob_meet"] > tb.loc[("乙区", "firms"), "prob_meet"]
    assert tb.loc[("乙区", "firms"), "target"] == 30


def test_duplicate_id_for_the_same_region_is_an_error(tmp_path):
    from analysis.errors import InputError

    p = tmp_path / "dup.csv"
    p.write_text("id,name_zh,value,unit,comparator,deadline,region\nfirms,企业,20,家,>=,2020,甲区\n"
                 "firms,企业,30,家,>=,2020,甲区\n", encoding="utf-8")
    with pytest.raises(InputError, match="dup.csv:3:id: 地区 '甲区' 的编号 'firms' 重复（首次出现在第 2 行）"):
        catalogue.load_targets(p)


# ------------------------------------------------------------------ several regions
def test_multi_region_views_never_average(fake_fc, small_targets):
    obs = pd.concat([obs_frame({"firms": {2016: 10, 2017: 15, 2018: 20, 2019: 25}}, region="平川区"),
                     obs_frame({"firms": {2016: 1, 2017: 2, 2018: 3, 2019: 4}}, region="白银区"),
                     obs_frame({"firms": {2016: 8, 2017: 12, 2018: 16, 2019: 19}}, region="靖远县")])
    sc = A.assess(obs, small_targets)
    assert sc.regions == ["平川区", "白银区", "靖远县"]
    ov = sc.overview()
    assert list(ov.columns) == sc.regions and list(ov.index) == list(small_targets["id"])
    assert ov.loc["firms"].tolist() == ["achieved", "off track", "on track"]  # one cell per region, no mean
    c = sc.counts()
    assert (c.sum(axis=1) == len(small_targets)).all()
    rk = sc.ranking()
    assert rk["region"].tolist()[0] == "平川区" and set(rk["region"]) == set(sc.regions)
    assert rk.loc[rk["region"] == "平川区", "achieved"].item() == 1
    one = sc.region("白银区")
    assert one.regions == ["白银区"] and len(one) == len(small_targets)
    text = sc.summary("zh")
    assert all(r in text for r in sc.regions) and "不跨地区平均" in text
    # the tables a reader gets in English name the regions in English (the data keep their names)
    assert list(dict.fromkeys(sc.to_readable("en").iloc[:, 0])) == ["Pingchuan District", "Baiyin District",
                                                                   "Jingyuan County"]
    assert list(dict.fromkeys(sc.to_readable("zh").iloc[:, 0])) == sc.regions


# ------------------------------------------------------------------ results object
def test_scorecard_exports_and_provenance(fake_fc, small_targets, tmp_path):
    obs = obs_frame({"firms": {2015: 10, 2016: 12, 2017: 14, 2018: 16, 2019: 18}})
    obs.attrs["illustrative"] = True
    sc = A.assess(obs, small_targets)
    assert sc.illustrative is True and "illustrative" in sc.summary("en")
    doc = json.loads(sc.to_json())
    assert doc["meta"]["as_of"] == 2019 and doc["meta"]["illustrative"] is True
    assert [r["indicator_id"] for r in doc["scorecard"]] == list(small_targets["id"])
    back = pd.read_csv(__import__("io").StringIO(sc.to_csv()))
    assert back["status"].tolist() == sc["status"].tolist()
    sc.to_excel(tmp_path / "s.xlsx", lang="zh")
    sheet = pd.read_excel(tmp_path / "s.xlsx", sheet_name="scorecard", engine="openpyxl")
    assert "已完成" not in sheet["status"].tolist() and set(sheet["status_name"]) <= set(vocab.STATUS_NAMES["zh"].values())
    old_style = sc.copy()                                   # the DataFrame consumers used to get
    assert isinstance(old_style, pd.DataFrame) and old_style.attrs["as_of"] == 2019
    html = sc._repr_html_()
    assert "rows ×" not in html and html.count("<tr") == len(sc) + 1     # the whole table, never truncated


def test_status_words_machine_and_chinese():
    assert set(vocab.STATUSES) == {"achieved", "not achieved", "on track", "at risk", "off track",
                                   "insufficient data", "deadline year not reported"}
    zh = [vocab.status_name(s, "zh") for s in ("achieved", "not achieved", "on track", "at risk", "off track",
                                               "insufficient data", "deadline year not reported")]
    assert zh == ["已完成", "未完成", "按期可达", "存在风险", "难以完成", "数据不足", "期限年数据缺失"]
    assert set(vocab.STATUS_COLORS) == set(vocab.STATUSES)


# -------------------------------------------------- vectorised == per-series (the old loop)
#: What the stage rule changed after the reference loop was written (compared before the deadline only;
#: from the deadline year the three labels are the outcome too: test_labels_at_the_deadline_are_the_outcome).
_CHANGED_BY_STAGE = {"prob_meet", "forecast", "lower_80", "upper_80", "lower_95", "upper_95", "status", "note",
                     "model", "eurostat_label", "anticipated_label", "schedule_label"}


def _assert_same(old: pd.DataFrame, new: pd.DataFrame) -> None:
    assert old[["region", "indicator_id"]].values.tolist() == new[["region", "indicator_id"]].values.tolist()
    before = (new["stage"] == "before deadline").to_numpy()
    for c in old.columns:
        rows = before if c in _CHANGED_BY_STAGE else np.ones(len(old), bool)
        a, b = old[c].to_numpy()[rows], new[c].to_numpy()[rows]
        if c in ("status", "note", "model", "growth_basis", "eurostat_label", "anticipated_label",
                 "schedule_label", "region", "indicator_id", "name_zh", "name_en", "unit", "kind",
                 "measure", "comparator"):
            assert [str(x) for x in a] == [str(x) for x in b], c
        else:
            a = pd.to_numeric(pd.Series(a), errors="coerce").to_numpy(float)
            b = pd.to_numeric(pd.Series(b), errors="coerce").to_numpy(float)
            same = (np.isnan(a) & np.isnan(b)) | (np.abs(a - b) <= 1e-9)
            assert same.all(), (c, a[~same][:3], b[~same][:3])


def _random_batch(seed: int, regions: int = 16):
    """Irregular series: gaps, zeros, negatives, short series, <= targets, past deadlines, milestones."""
    rng = np.random.default_rng(seed)
    kinds = ["level", "count", "share", "ratio", "milestone", "count", "level", "count"]
    cat = pd.DataFrame({
        "id": [f"i{j}" for j in range(len(kinds))], "name_zh": [f"指标{j}" for j in range(len(kinds))],
        "value": [50.0, 30.0, 40.0, 2.0, 1.0, 10.0, -5.0, 60.0], "unit": ["亿元", "家", "%", "件/万人", "个", "家",
                                                                        "亿元", "吨"],
        "comparator": [">=", ">=", ">=", ">=", ">=", ">=", ">=", "<="],
        "deadline": [2020, 2020, 2022, 2019, 2020, 2018, 2021, 2020], "kind": kinds})
    rows = []
    for r in range(regions):
        for j, k in enumerate(kinds):
            base, g = rng.uniform(1, 60), rng.normal(0.1, 0.2)
            for y in range(2013, 2021):
                if rng.random() < 0.25:
                    continue
                v = base * np.exp(g * (y - 2013)) + rng.normal(0, 2)
                if k == "milestone":
                    v = float(y >= 2013 + rng.integers(3, 9))
                elif k == "count":
                    v = float(max(0, round(v)))
                if j == 6 and rng.random() < 0.3:
                    v = -abs(v)
                rows.append((f"r{r}", cat["id"][j], y, v))
    obs = pd.DataFrame(rows, columns=["region", "indicator_id", "year", "value"])
    return obs, cat


def _catalogue(cat: pd.DataFrame, tmp_path) -> pd.DataFrame:
    p = tmp_path / "rand.csv"
    cat.to_csv(p, index=False)
    return catalogue.load_targets(p)


@pytest.mark.parametrize("as_of", [None, 2019, 2017])
def test_vectorised_equals_per_series_reference_on_a_random_batch(tmp_path, as_of):
    obs, cat = _random_batch(seed=12 + (as_of or 0))
    t = _catalogue(cat, tmp_path)
    old = scorecard_reference.reference_assess(obs, t, as_of=as_of, baseline_year=2016)
    new = A.assess(obs, t, as_of=as_of, baseline=2016).table
    assert set(new["stage"]) >= {"before deadline"}
    _assert_same(old, new)


@pytest.mark.skipif(not (HAVE_FORECAST and HAVE_DATASET), reason="forecast.py / dataset.py not there yet")
@pytest.mark.parametrize("as_of", [None, 2018])
def test_vectorised_equals_per_series_reference_on_the_bundled_data(as_of):
    from analysis.io import dataset

    obs, t = dataset.load_observations(), catalogue.load_targets()
    old = scorecard_reference.reference_assess(obs, t, as_of=as_of, baseline_year=2018)
    _assert_same(old, A.assess(obs, t, as_of=as_of).table)


def test_cli_table_hints_as_of_when_deadlines_passed_unreported(tmp_path, capsys):
    t = catalogue_csv(tmp_path, [("tech_contract_turnover", "全区技术市场合同交易额", 1.35, "亿元", ">=", 2020, "level")])
    o = tmp_path / "g1.csv"
    obs_frame({"tech_contract_turnover": {2017: 0.79, 2018: 1.04, 2019: 1.2, 2021: 1.61}}, region="平川区").to_csv(
        o, index=False)
    assert main(["assess", "--data", str(o), "--targets", str(t), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "deadline year not reported" in out and "? 1.2 (2019) / 1.61 (2021)" in out
    assert "--as-of 2019" in out
    # in Chinese every word of the table is Chinese: ？ as its legend says, a change per year 每年 (/年, not /yr),
    # full-width punctuation in the line under it
    assert main(["assess", "--data", str(o), "--targets", str(t)]) == 0
    out = capsys.readouterr().out
    assert "？ 1.2 (2019) / 1.61 (2021)" in out and "/yr" not in out and ";" not in out
    assert "\n数据截至2021年；基期：首个观测年份；* 规划未设期限，按规划期末评估；" in out
    # the bundled catalogue names its base year: 基期：2018（目标清单的基期列）, Chinese brackets, no space
    assert main(["assess", "--as-of", "2019"]) == 0
    assert "；基期：2018（目标清单的基期列）；" in capsys.readouterr().out
    assert main(["assess", "--data", str(o), "--targets", str(t), "--as-of", "2019", "--format", "json"]) == 0
    rec = json.loads(capsys.readouterr().out)[0]
    assert rec["stage"] == "before deadline" and rec["status"] in ("on track", "at risk", "off track")


def test_report_takes_baseline():
    from analysis.cli import build_parser

    args = build_parser().parse_args(["report", "--baseline", "2015", "--no-notebooks"])
    assert args.baseline == 2015


@pytest.mark.parametrize("text", ["indicator_id,year,value\n", "指标名称,2018年,2019年\n技术经纪人,,\n"])
def test_a_file_without_values_is_said_so_never_a_traceback(tmp_path, capsys, text):
    """A header only, or an unfilled table: validate warns (the template is valid unfilled),
    assess and report say there is nothing to assess; the library's assess scores every target as without data."""
    p = tmp_path / "empty.csv"
    p.write_text(text, encoding="utf-8")
    assert main(["validate", str(p)]) == 0
    assert "警告：没有读到任何数值" in capsys.readouterr().out
    for cmd in (["assess", "--data", str(p)], ["report", "--data", str(p), "--out", str(tmp_path / "pack"),
                                                "--no-notebooks", "--formats", "png"]):
        assert main(cmd) == 1
        err = capsys.readouterr().err
        assert f"{p}::: 没有读到任何数值" in err and "Traceback" not in err, err
    assert not [f for f in (tmp_path / "pack").rglob("*") if f.is_file()]  # nothing written
    empty = pd.DataFrame(columns=["region", "indicator_id", "year", "value"])
    table = A.assess(empty).table  # the plan's region, every target without data
    assert len(table) == 21 and table["last_value"].isna().all() and (table["status"] == "insufficient data").all()


@pytest.mark.parametrize("series, stage, status", [
    ({2017: 90, 2018: 100, 2019: 100}, "met early", "achieved"),          # full coverage reached in 2018, held
    ({2017: 90, 2018: 100, 2019: 98}, "before deadline", None),            # lost again: judged by its forecast
    ({2017: 90, 2018: 95, 2019: 97}, "before deadline", None),             # not yet reached
])
def test_full_coverage_reached_is_a_state_held(fake_fc, tmp_path, series, stage, status):
    """A share whose target is full coverage (100 %, 全覆盖): once at 100 % it is met and to be held, like a
    stock (not a coin-flip on whether next year's value stays at the cap)."""
    targets = catalogue.load_targets(catalogue_csv(tmp_path, [
        ("coverage", "覆盖率", 100, "%", ">=", 2020, "share"), ("share_of_gdp", "占比", 0.7, "%", ">=", 2020, "share")]))
    obs = obs_frame({"coverage": series, "share_of_gdp": {2017: 0.5, 2018: 0.8, 2019: 0.9}})
    tb = A.assess(obs, targets).set_index("indicator_id")
    assert tb.loc["coverage", "stage"] == stage
    if status:
        assert tb.loc["coverage", "status"] == status and tb.loc["coverage", "achieved_year"] == 2018
    assert tb.loc["share_of_gdp", "stage"] == "before deadline"   # a share below its cap is still a yearly level


def test_terminal_table_in_english_names_targets_and_counts_whole():
    """`assess --lang en`: indicators by their English names (not ids), a count's forecast in whole things
    (as in the report), and the legend readable."""
    targets = catalogue.load_targets()
    obs = obs_frame({"maker_spaces": {2017: 0, 2018: 0, 2019: 1}}, region="平川区")
    sc = A.assess(obs, targets)
    view = A.table_view(sc, "en")
    row = view.loc[view["indicator"] == "Provincial or municipal maker spaces"].iloc[0]
    fc = row["forecast [80%] / rate"].split(" [")[0]
    assert fc == str(int(float(fc)))
    assert "tech_incubators" not in set(view["indicator"])
    assert "'= x%' is the completion rate" in sc.caption("en")


def test_a_rate_is_judged_on_its_deadline_year_in_points_per_year(tmp_path):
    """kind ``rate``: a budget balance met in 2015 is not "met early" (a flow), its progress is in points
    per year (no compound growth of a balance), and -7 against -3 has no completion rate."""
    t = catalogue_csv(tmp_path, [("balance", "财政余额", -3.0, "%", ">=", 2020, "rate")])
    obs = obs_frame({"balance": {2015: -2.5, 2016: -1.9, 2017: -1.1, 2018: -0.6, 2019: -0.9}}, region="平川区")
    assert A.measure_of(pd.Series({"kind": "rate"})) == "flow"
    row = A.assess(obs, catalogue.load_targets(t)).iloc[0]
    assert row["stage"] == "before deadline" and 0.5 < row["prob_meet"] < 1.0
    assert np.isnan(row["required_growth"]) and row["required_per_year"] == pytest.approx(-2.1 / 1)
    assert np.isnan(row["actual_growth"]) and row["actual_per_year"] == pytest.approx((-0.9 + 2.5) / 4)
    done = obs_frame({"balance": {2015: -2.5, 2019: -0.9, 2020: -7.0}}, region="平川区")
    row = A.assess(done, catalogue.load_targets(t)).iloc[0]
    assert row["status"] == "not achieved" and np.isnan(row["completion_rate"]) and row["gap"] == -4.0
