"""Plots: assert on the plotted data (line ydata, bars, colours, texts), not pixels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
from matplotlib.layout_engine import ConstrainedLayoutEngine
import numpy as np
import pandas as pd
import pytest

from analysis.model import scorecard as A
from analysis.io import catalogue
from analysis.model import labels
from analysis.viz import attainment as plots
from analysis.viz.attainment import backtest as backtest_plots
from analysis import vocab


@pytest.fixture(scope="module")
def targets(tmp_path_factory):
    p = tmp_path_factory.mktemp("cat") / "targets.csv"
    pd.DataFrame([
        ("firms", "企业", "Firms", 20, "家", ">=", 2020, "count"),
        ("turnover", "交易额", "Turnover", 2.0, "亿元", ">=", 2020, "level"),
        ("incubator", "孵化器", "Incubators", 1, "家", ">=", "", "milestone"),
        ("energy", "能耗", "Energy use", 80, "吨", "<=", 2020, "count"),
    ], columns=["id", "name_zh", "name_en", "value", "unit", "comparator", "deadline", "kind"]).to_csv(p, index=False)
    return catalogue.load_targets(p)


@pytest.fixture(scope="module")
def obs():
    rows = []
    for ind, s in {"firms": {2015: 10, 2016: 12, 2017: 14, 2018: 16, 2019: 18},
                   "turnover": {2015: 1.0, 2016: 1.1, 2017: 1.2, 2018: 1.3, 2019: 1.4},
                   "incubator": {2017: 0, 2018: 1, 2019: 1},
                   "energy": {2016: 100, 2017: 95, 2018: 90, 2019: 85}}.items():
        rows += [("平川区", ind, y, float(v), "illustrative (synthetic) 示例数据") for y, v in s.items()]
    return pd.DataFrame(rows, columns=["region", "indicator_id", "year", "value", "source"])


@pytest.fixture(scope="module")
def scorecard(obs, targets):
    return A.assess(obs, targets)


def _by_gid(ax, gid):
    return [a for a in ax.get_children() if a.get_gid() == gid]


def _title(ax):
    return ax.get_title() or ax.get_title(loc="left") or ax.get_title(loc="right")


def _stamp_texts(ax):
    return [t.get_text() for t in ax.figure.texts]


def test_trend_plot_history_target_deadline(obs, targets):
    ax = plots.trend_plot(obs, indicator="firms", targets=targets)
    hist = _by_gid(ax, "history")[0]
    assert list(hist.get_xdata()) == [2015, 2016, 2017, 2018, 2019]
    assert list(hist.get_ydata()) == [10, 12, 14, 16, 18]
    assert list(_by_gid(ax, "target")[0].get_ydata()) == [20, 20]
    assert list(_by_gid(ax, "deadline")[0].get_xdata()) == [2020, 2020]
    assert _title(ax) == "企业"
    assert ax.get_ylabel() == "家"
    assert vocab.ILLUSTRATIVE_STAMP in _stamp_texts(ax)
    assert not _by_gid(ax, "forecast")


def test_trend_plot_english_and_assumed_deadline(obs, targets):
    ax = plots.trend_plot(obs, indicator="incubator", targets=targets, lang="en")
    assert _title(ax) == "Incubators*"                     # the title carries the footnote's mark
    assert ax.get_legend().get_texts()[-1].get_text() == "deadline 2020*"
    note = next(t for t in ax.texts if t.get_gid() == "horizon_note")
    assert note.get_text().startswith("* ") and "plan horizon" in note.get_text()
    # the footnote sits under the year label, below the plotting area: never over a line
    ax.figure.canvas.draw()
    r = ax.figure.canvas.get_renderer()
    box, plot_area, year = note.get_window_extent(r), ax.get_window_extent(r), ax.xaxis.label.get_window_extent(r)
    assert box.y1 <= year.y0 + 1 and box.y1 < plot_area.y0


def test_trend_grid_one_panel_per_indicator_laid_out_once(obs, targets):
    fig = plots.trend_grid(obs, targets=targets, lang="en", ncols=3)
    try:
        shown = [ax for ax in fig.axes if ax.get_visible()]
        assert len(fig.axes) == 6 and [_title(ax) for ax in shown] == ["Firms", "Turnover", "Incubators*", "Energy use"]
        assert not isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine)  # laid out once, kept when shown
        assert list(_by_gid(shown[0], "history")[0].get_ydata()) == [10, 12, 14, 16, 18]
        two = pd.concat([obs, obs.assign(region="白银区", value=obs["value"] + 1)])
        fig2 = plots.trend_grid(two, targets=targets, lang="zh", as_of=2018)
        lines = [a.get_gid() for a in fig2.axes[0].get_children() if str(a.get_gid()).startswith("history-")]
        assert lines == ["history-平川区", "history-白银区"]      # one line per region, never an average
        assert list(_by_gid(fig2.axes[0], "history-白银区")[0].get_ydata()) == [11, 13, 15, 17]
    finally:
        plt.close("all")


def test_trend_plot_as_of_drops_later_points(obs, targets):
    ax = plots.trend_plot(obs, indicator="firms", targets=targets, as_of=2017)
    assert list(_by_gid(ax, "history")[0].get_ydata()) == [10, 12, 14]


def test_fan_chart_bands_reach_deadline_and_are_nested(obs, targets):
    ax = plots.fan_chart(obs, indicator="firms", targets=targets)
    mean = _by_gid(ax, "forecast")[0]
    assert list(mean.get_xdata()) == [2019, 2020]
    assert mean.get_ydata()[0] == 18                       # anchored at the latest observation
    b80 = _by_gid(ax, "band80")[0].get_paths()[0].vertices
    b95 = _by_gid(ax, "band95")[0].get_paths()[0].vertices
    assert b80[:, 0].max() == b95[:, 0].max() == 2020
    assert b95[:, 1].max() >= b80[:, 1].max() and b95[:, 1].min() <= b80[:, 1].min()


def test_fan_chart_no_fan_when_too_short(obs, targets):
    short = obs.loc[(obs["indicator_id"] == "firms") & (obs["year"] >= 2018)]
    ax = plots.fan_chart(short, indicator="firms", targets=targets)
    assert not _by_gid(ax, "forecast") and len(_by_gid(ax, "history")[0].get_xdata()) == 2


def test_growth_plot_points(scorecard):
    ax = plots.growth_plot(scorecard, lang="en")
    act, req = ax.collections[0], ax.collections[1]
    both = scorecard["actual_growth"].notna() & scorecard["required_growth"].notna()
    keep = scorecard.loc[both & ~scorecard["kind"].isin(["milestone", "share", "count"])]
    # counts are left out: their pace is in things a year (+2 against +3 needed), as the report says it
    assert len(act.get_offsets()) == len(keep) == 1 and (both & (scorecard["kind"] == "count")).sum() == 2
    np.testing.assert_allclose(sorted(act.get_offsets()[:, 0]), sorted(keep["actual_growth"] * 100))
    due = keep["status"] != "achieved"   # a target already met: no required rate drawn, 已达标 said
    np.testing.assert_allclose(sorted(req.get_offsets()[:, 0]), sorted(keep.loc[due, "required_growth"] * 100))
    assert len([c for c in ax.texts if c.get_gid() == "met"]) == int((~due).sum())
    assert {t.get_text() for t in ax.get_yticklabels()} == set(keep["name_en"])


def test_growth_plot_says_met_instead_of_a_negative_required_rate(scorecard):
    sc = scorecard.copy()
    row = sc.loc[sc["actual_growth"].notna() & sc["required_growth"].notna()
                 & ~sc["kind"].isin(["milestone", "share", "count"])].index[0]
    sc.loc[row, ["status", "required_growth"]] = ["achieved", -0.2]
    ax = plots.growth_plot(sc, lang="zh")
    assert not np.isclose(np.asarray(ax.collections[1].get_offsets())[:, 0], -20.0).any()
    assert [c.get_text() for c in ax.texts if c.get_gid() == "met"] == ["已达标"]


@pytest.mark.parametrize("fn", [plots.growth_plot, plots.scorecard_plot, plots.label_agreement_plot,
                                plots.status_heatmap])
def test_scorecard_charts_never_run_the_model(obs, targets, fn):
    with pytest.raises(TypeError, match="pass a computed scorecard"):
        fn(obs, targets=targets) if fn is not plots.status_heatmap else fn(obs)


def test_trend_plot_needs_the_catalogue_not_a_path(obs):
    with pytest.raises(TypeError, match="catalogue as a DataFrame"):
        plots.trend_plot(obs, indicator="firms")


def test_scorecard_bars_colours_and_widths(scorecard):
    ax = plots.scorecard_plot(scorecard)
    bars = ax.patches
    assert len(bars) == len(scorecard)
    for bar, (_, r) in zip(bars, scorecard.iterrows()):
        assert mcolors.to_hex(bar.get_facecolor()) == vocab.STATUS_COLORS[r["status"]].lower()
        want = 1.0 if r["status"] == "achieved" else (0.0 if pd.isna(r["prob_meet"]) else r["prob_meet"])
        assert bar.get_width() == pytest.approx(want)
    assert vocab.ILLUSTRATIVE_STAMP in _stamp_texts(ax)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert set(legend) == {vocab.status_name(s, "zh") for s in set(scorecard["status"])}


def test_scorecard_one_region_of_many(obs, targets):
    two = pd.concat([obs, obs.assign(region="乙区")])
    sc = A.assess(two, targets)
    ax = plots.scorecard_plot(sc, region="乙区")
    assert len(ax.patches) == len(targets) and "乙区" in _title(ax)


def test_label_agreement_table_and_plot(scorecard):
    ag = labels.label_agreement(scorecard)
    assert len(ag) == len(scorecard)
    for _, r in ag.iterrows():
        grades = {r[f"{c}_grade"] for c in ("eurostat_label", "anticipated_label", "schedule_label")}
        assert r["agree"] == (len(grades - {labels.INSUFFICIENT}) <= 1)
    ax = plots.label_agreement_plot(scorecard, lang="en")
    assert len(ax.patches) == 4 * len(scorecard)
    assert len(_by_gid(ax, "disagree")) == int((~ag["agree"]).sum())
    first = ax.patches[:4]
    r0 = ag.iloc[0]
    for p, c in zip(first, ("eurostat_label", "anticipated_label", "schedule_label", "status")):
        assert mcolors.to_hex(p.get_facecolor()) == vocab.STATUS_COLORS[r0[f"{c}_grade"]].lower()


def test_label_agreement_detects_a_disagreement():
    df = pd.DataFrame({"region": ["R"] * 2, "indicator_id": ["a", "b"], "name_zh": ["甲", "乙"],
                       "name_en": ["A", "B"],
                       "eurostat_label": ["on track", "moving away"],
                       "anticipated_label": ["expected to achieve", "stagnation or regression"],
                       "schedule_label": ["behind schedule", "insufficient data"],
                       "status": ["on track", "off track"]})
    ag = labels.label_agreement(df)
    assert list(ag["agree"]) == [False, True]
    assert list(ag["status_agrees"]) == [False, True]


def test_real_data_not_illustrative_has_no_stamp(obs, targets):
    real = obs.drop(columns="source")
    ax = plots.trend_plot(real, indicator="firms", targets=targets)
    assert vocab.ILLUSTRATIVE_STAMP not in _stamp_texts(ax)


def test_bad_lang(obs, targets):
    with pytest.raises(ValueError):
        plots.trend_plot(obs, indicator="firms", targets=targets, lang="fr")


def test_unknown_indicator(obs, targets):
    with pytest.raises(KeyError):
        plots.trend_plot(obs, indicator="nope", targets=targets)


# ------------------------------------------------------------- calibration figures (fake back-test table)
@pytest.fixture
def bt_table():
    """A small table in the columns of :func:`analysis.model.backtest.score`."""
    rows = []
    for data, shift in (("real", 0.0), ("illustrative", 0.1)):
        for i, h in enumerate(["1", "2", "all"]):
            rows.append(dict(data=data, method="auto", horizon=h, n=10 * (3 - i), n_series=4,
                             coverage_80_before=0.70 + 0.01 * i + shift / 2, coverage_95_before=0.85 + 0.01 * i,
                             coverage_80_after=0.81, coverage_95_after=0.96 - 0.01 * i,
                             coverage_80_after_cv=0.78 + 0.01 * i, coverage_95_after_cv=0.93 + 0.01 * i,
                             brier_before=0.2, brier_after=0.15, brier_after_cv=0.16 + shift, accuracy=0.8,
                             accuracy_cv=0.79 - shift))
        for m, b in (("straight_line", 0.25), ("cagr", 0.2)):
            rows.append(dict(data=data, method=m, horizon="all", n=30, n_series=4, brier_before=b, brier_after=b,
                             brier_after_cv=b, accuracy=1 - b, accuracy_cv=1 - b))
    return pd.DataFrame(rows)


@pytest.fixture
def national():
    return pd.DataFrame([dict(method="ours (auto, calibrated)", n=15, accuracy=0.8, brier=0.11, confident_wrong=0),
                         dict(method="straight_line", n=15, accuracy=0.53, brier=0.47, confident_wrong=7),
                         dict(method="cagr", n=15, accuracy=0.93, brier=0.07, confident_wrong=1)])


def _bars(ax, gid):
    return [p for p in ax.patches if p.get_gid() == gid] or \
        [p for c in ax.containers if c.get_gid() == gid for p in c.patches]


def test_calibration_plot_bar_heights_and_nominal_lines(bt_table):
    ax = plots.calibration_plot(bt_table, lang="en", as_of=2022)
    real = bt_table[(bt_table["data"] == "real") & (bt_table["method"] == "auto")]
    for level in (80, 95):
        for tag in ("before", "after_cv"):
            heights = [b.get_height() for b in _bars(ax, f"cov{level}_{tag}")]
            np.testing.assert_allclose(heights, real[f"coverage_{level}_{tag}"])
        assert list(_by_gid(ax, f"nominal{level}")[0].get_ydata()) == [level / 100] * 2
    assert [t.get_text().split("\n")[0] for t in ax.get_xticklabels()] == ["1", "2", "all"]
    texts = _stamp_texts(ax)
    assert any("NBS statistical communiqués" in t and "2022" in t for t in texts)
    assert vocab.ILLUSTRATIVE_STAMP not in texts               # real series only: no stamp


def test_calibration_plot_in_sample_and_illustrative(bt_table):
    ax = plots.calibration_plot(bt_table, data="illustrative", after="after", lang="zh")
    ill = bt_table[(bt_table["data"] == "illustrative") & (bt_table["method"] == "auto")]
    np.testing.assert_allclose([b.get_height() for b in _bars(ax, "cov80_after")], ill["coverage_80_after"])
    np.testing.assert_allclose([b.get_height() for b in _bars(ax, "cov80_before")], ill["coverage_80_before"])
    assert vocab.ILLUSTRATIVE_STAMP in _stamp_texts(ax)       # illustrative cases shown: stamped
    assert any("国家统计局" in t for t in _stamp_texts(ax))
    with pytest.raises(ValueError):
        plots.calibration_plot(bt_table, data="user")


@pytest.mark.parametrize("metric", ["brier", "accuracy"])
def test_brier_plot_bars_are_the_table_values(bt_table, national, metric):
    ax = plots.brier_plot(bt_table, national, metric=metric, lang="en")
    col = {"brier": "brier_after_cv", "accuracy": "accuracy_cv"}[metric]
    pooled = bt_table[(bt_table["data"] == "real") & (bt_table["horizon"] == "all")].set_index("method")[col]
    for m, key in (("auto", "ours"), ("straight_line", "straight_line"), ("cagr", "cagr")):
        (bar,) = _bars(ax, f"pooled_{key}")
        assert bar.get_height() == pytest.approx(pooled[m])
    nat = national.set_index("method")[metric]
    assert _bars(ax, "national_ours")[0].get_height() == pytest.approx(nat["ours (auto, calibrated)"])
    assert _bars(ax, "national_cagr")[0].get_height() == pytest.approx(nat["cagr"])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        backtest_plots._BT_TEXT["en"][m] for m in ("ours", "straight_line", "cagr")]
    assert vocab.ILLUSTRATIVE_STAMP not in _stamp_texts(ax)


@pytest.mark.parametrize("lang,words", [("zh", ("十二五", "十四五", "十三五")), ("en", ("12th", "14th", "13th"))])
def test_brier_plot_names_every_plan_of_the_national_check(bt_table, national, lang, words):
    """The national group pools the 13th-plan targets and the 12th and 14th outlines' (four plans since
    issue 16): its label and the source line name every five-year plan, not only the 13th."""
    from analysis.model import backtest_national

    assert set(backtest_national.NATIONAL_PLANS) == {"st_plan", "outline", "outline_12th", "outline_14th"}
    ax = plots.brier_plot(bt_table, national, lang=lang)
    label = [t.get_text() for t in ax.get_xticklabels()][-1]
    assert all(w in label for w in words[:2]), label                 # 12th to 14th
    assert all(any(w in t for t in _stamp_texts(ax)) for w in words)


def test_brier_plot_without_national_check(bt_table):
    ax = plots.brier_plot(bt_table, None, lang="zh")
    assert {p.get_gid() for p in ax.patches if p.get_gid()} == {"pooled_ours", "pooled_straight_line", "pooled_cagr"}
    with pytest.raises(ValueError):
        plots.brier_plot(bt_table, metric="rmse")


# ------------------------------------------------------------ one rule per stage, several regions
@pytest.fixture(scope="module")
def end_of_term(targets):
    """2020 observed for firms (missed: 17 of 20) and energy (76 <= 80); turnover reported for
    2021 only; the incubator (a stock) met in 2018."""
    rows = []
    for ind, s in {"firms": {2017: 14, 2018: 16, 2019: 18, 2020: 17},
                   "turnover": {2017: 1.2, 2018: 1.5, 2019: 1.8, 2021: 2.4},
                   "incubator": {2017: 0, 2018: 1, 2019: 1},
                   "energy": {2017: 95, 2018: 90, 2019: 85, 2020: 76}}.items():
        rows += [("平川区", ind, y, float(v)) for y, v in s.items()]
    return A.assess(pd.DataFrame(rows, columns=["region", "indicator_id", "year", "value"]), targets)


def test_scorecard_plot_draws_the_outcome_not_a_probability(end_of_term):
    tb = end_of_term.table.set_index("indicator_id")
    assert tb.loc["firms", "stage"] == "deadline observed" and tb.loc["turnover", "stage"] == "deadline not reported"
    ax = plots.scorecard_plot(end_of_term, lang="zh")
    width = dict(zip(end_of_term["indicator_id"], [b.get_width() for b in ax.patches]))
    assert width["firms"] == pytest.approx(17 / 20)          # 完成率 85 %
    assert width["energy"] == pytest.approx(80 / 76)        # a limit: target / actual (105 %: met)
    assert width["turnover"] == 0.0                           # no bar: the deadline year is not reported
    texts = [t.get_text() for t in ax.texts]
    assert "未完成 · 完成率85%" in texts and "期限年数据缺失" in texts
    assert "完成率" in ax.get_xlabel() and "概率" not in ax.get_xlabel()   # every deadline has passed
    assert _by_gid(ax, "full")                                # the 100 % line


@pytest.mark.parametrize("firms_2020, width, cut", [(26, 1.3, False), (50, 2.0, True)])
def test_completion_rates_past_120_percent_are_drawn_at_their_length(targets, firms_2020, width, cut):
    """H1's 125 % and 133 % were both cut at 120 % (the same bar); up to 200 % a bar is its rate,
    beyond it is cut there and its words marked » (they give the rate)."""
    rows = [("平川区", "firms", y, float(v)) for y, v in {2018: 16, 2019: 18, 2020: firms_2020}.items()]
    sc = A.assess(pd.DataFrame(rows, columns=["region", "indicator_id", "year", "value"]), targets)
    ax = plots.scorecard_plot(sc, lang="zh")
    assert ax.patches[0].get_width() == pytest.approx(width)
    assert bool([t for t in ax.texts if t.get_gid() == "cut" and t.get_text().startswith("» ")]) is cut
    assert ax.get_xticks()[-1] >= width - 1e-9  # the scale reaches the longest bar


def test_scorecard_axis_ticks_stay_apart_in_english(end_of_term):
    """English names are long and leave the bars a narrow axis: ticks every 50 % there (every 20 % in Chinese),
    so the labels do not run together (0%20%40%…)."""
    assert list(plots.scorecard_plot(end_of_term, lang="zh").get_xticks()) == pytest.approx([0, .2, .4, .6, .8, 1, 1.2])
    assert list(plots.scorecard_plot(end_of_term, lang="en").get_xticks()) == pytest.approx([0, .5, 1])


def test_scorecard_axis_when_only_targets_met_early_remain(end_of_term):
    """A region whose deadline years are all unreported, one target met early (a 白银区 without 2020):
    its bars are no probability, and the axis does not say so."""
    sc = end_of_term.table
    sub = sc[sc["indicator_id"].isin(["incubator", "turnover"])].reset_index(drop=True)
    assert set(sub["stage"]) == {"met early", "deadline not reported"}
    for lang, words in (("zh", "达标情况（已达标记为100%）"), ("en", "attainment (met = 100%)")):
        assert plots.scorecard_plot(sub, lang=lang).get_xlabel() == words


def test_scorecard_plot_achieved_stock_at_one_with_its_year(end_of_term, obs, targets):
    sc = A.assess(obs, targets)
    r = sc.table.set_index("indicator_id").loc["incubator"]
    assert r["stage"] == "met early" and r["prob_meet"] == 1.0
    ax = plots.scorecard_plot(sc, lang="en")
    i = list(sc["indicator_id"]).index("incubator")
    assert ax.patches[i].get_width() == 1.0
    assert "achieved · met in 2018" in [t.get_text() for t in ax.texts]


@pytest.fixture(scope="module")
def three_regions(obs, targets):
    other = obs.assign(region="白银区", value=obs["value"] * 1.5)
    third = obs.assign(region="靖远县", value=obs["value"] * 0.5)
    return A.assess(pd.concat([obs, other, third]), targets)


def test_status_heatmap_every_region_every_target(three_regions):
    ax = plots.status_heatmap(three_regions, lang="zh")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["平川区", "白银区", "靖远县"]
    cells = {p.get_gid(): mcolors.to_hex(p.get_facecolor()) for p in ax.patches}
    assert len(cells) == 3 * 4
    for _, r in three_regions.table.iterrows():
        assert cells[f"cell-{r['region']}-{r['indicator_id']}"] == vocab.STATUS_COLORS[r["status"]].lower()
    words = [t.get_text() for t in ax.texts]
    assert words.count(vocab.status_name("achieved", "zh")) == int((three_regions["status"] == "achieved").sum())


def test_status_heatmap_marks_a_missing_target(three_regions):
    tb = three_regions.table
    sparse = tb.loc[~((tb["region"] == "靖远县") & (tb["indicator_id"] == "energy"))]
    ax = plots.status_heatmap(sparse, lang="en")
    assert "no target" in [t.get_text() for t in ax.texts]


def test_region_ranking_counts_not_averages(three_regions):
    ax = plots.region_ranking_plot(three_regions, lang="en")
    labels_y = [t.get_text() for t in ax.get_yticklabels()]
    # English figures name the places in English
    assert sorted(x.split(". ", 1)[1] for x in labels_y) == ["Baiyin District", "Jingyuan County", "Pingchuan District"]
    counts = three_regions.counts()
    for s in vocab.STATUSES:
        segs = [p for p in ax.patches if p.get_gid() == s]
        if counts[s].sum():
            assert sorted(p.get_width() for p in segs) == sorted(float(v) for v in counts[s])
    total = {}
    for p in ax.patches:
        total[p.get_y()] = total.get(p.get_y(), 0) + p.get_width()
    assert set(total.values()) == {4.0}                       # each region: its own 4 targets


def test_fan_chart_several_regions_one_line_each(obs, targets):
    two = pd.concat([obs, obs.assign(region="白银区", value=obs["value"] * 2)])
    ax = plots.fan_chart(two, indicator="firms", targets=targets, region=["平川区", "白银区"], lang="en")
    a, b = _by_gid(ax, "history-平川区")[0], _by_gid(ax, "history-白银区")[0]
    assert list(b.get_ydata()) == [2 * v for v in a.get_ydata()]      # each region its own line, no mean
    assert _by_gid(ax, "forecast-平川区") and _by_gid(ax, "forecast-白银区")
    assert {t.get_text() for t in ax.get_legend().get_texts()} >= {"Pingchuan District", "Baiyin District"}


def test_multi_region_pack_every_region_in_every_figure_and_table(obs, targets, tmp_path):
    """A three-region file through the report's figures and tables: every region shown, none averaged."""
    import matplotlib.pyplot as plt

    from analysis.app import figures, report

    data = tmp_path / "three.csv"
    three = pd.concat([obs.assign(region=r, value=obs["value"] * k)
                       for r, k in (("平川区", 1.0), ("白银区", 1.5), ("靖远县", 0.5))]).drop(columns="source")
    three.assign(unit=three["indicator_id"].map(dict(zip(targets["id"], targets["unit"])))).to_csv(data, index=False)
    cat = tmp_path / "targets.csv"
    targets[["id", "name_zh", "name_en", "value", "unit", "comparator", "deadline", "kind"]].to_csv(cat, index=False)
    ctx = figures.ReportContext(data, cat)
    regions = ["平川区", "白银区", "靖远县"]
    assert ctx.assessment.regions == regions
    for slug in ("scorecard", "growth", "label_agreement", "region_overview", "region_ranking", "fan_charts"):
        fig = figures.render(slug, ctx, "zh")
        try:
            words = " ".join([_title(ax) for ax in fig.axes]
                             + [t.get_text() for ax in fig.axes for t in ax.get_xticklabels() + ax.get_yticklabels()]
                             + [t.get_text() for leg in fig.legends for t in leg.get_texts()]
                             + [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()])
            for r in regions:
                assert r in words, (slug, r)
        finally:
            plt.close(fig)
    from analysis.app import content, workbook

    table = workbook.target_sheet_frame(content.build_content(ctx, "zh", include_sectors=False))
    assert len(table) == 3 * len(targets) and set(table["region"]) == set(regions)


@pytest.mark.parametrize("slug, zh, en", [
    ("growth", "实际增速与所需增速（平川区）", "Actual vs required growth (Pingchuan District)"),
    ("label_agreement", "三种进展判断与综合状态（≠ 三种判断不一致：", "(≠ rules disagree: "),
    ("scorecard", "目标完成情况（平川区）", "Target attainment (Pingchuan District)"),
])
def test_a_figure_keeps_its_title_when_the_region_is_added(slug, zh, en):
    """The house style puts titles on the left: the region is added to that title, never set as a
    second title that replaces it (figures 02 and 03 once read only "(平川区)")."""
    from analysis.app import figures

    ctx = figures.ReportContext()
    for lang, want in (("zh", zh), ("en", en)):
        fig = figures.render(slug, ctx, lang)
        titles = [ax.get_title(loc=loc) for ax in fig.axes for loc in ("left", "center", "right")]
        titles = [" ".join(x.split()) for x in titles]  # (a long title is wrapped over two lines)
        assert any(want in x and len(x) > len(want) - 2 for x in titles), titles
        assert not any(x.strip().startswith(("(", "（")) for x in titles), titles


def test_a_fan_whose_bands_run_away_keeps_the_history_and_target_in_view():
    """Three points of a count (1, 1, 2 IP-advantage enterprises as of 2017, a mid-term report): the
    95 % band's top is a million and the 80 % band's over a hundred (0~107 firms), which flattened the
    history and the target into the panel's foot. The axis stops at 2.5 times the history, target and
    forecast; a note says both bands go on; no "1e6" offset is printed."""
    obs = pd.DataFrame({"region": "平川区", "indicator_id": "ip_advantage_enterprises", "year": [2015, 2016, 2017],
                        "value": [1.0, 1.0, 2.0]})
    ax = plots.fan_chart(obs, indicator="ip_advantage_enterprises", targets=catalogue.load_targets(), lang="zh")
    band80 = next(c for c in ax.collections if c.get_gid() == "band80")
    top80 = max(p.vertices[:, 1].max() for p in band80.get_paths())
    mean = next(ln for ln in ax.lines if ln.get_gid() == "forecast").get_ydata().max()
    core = max(2.0, 4.0, mean)                             # history, target (4), forecast
    assert top80 > 5 * core                                # the case: bands that run away
    lo, hi = ax.get_ylim()
    assert (lo, hi) == (0.0, pytest.approx(2.5 * core))
    assert [t.get_text() for t in ax.texts if t.get_gid() == "bands_clipped"] == \
        ["80%、95%区间上端超出图幅"]
    ax.figure.canvas.draw()
    assert ax.yaxis.get_offset_text().get_text() == ""


def test_a_fan_whose_95_band_alone_runs_away_stops_above_the_80_band():
    """Four points: the 80 % band stays in view whole, the 95 % band is cut and said."""
    obs = pd.DataFrame({"region": "平川区", "indicator_id": "ip_advantage_enterprises", "year": [2014, 2015, 2016, 2017],
                        "value": [1.0, 1.0, 1.0, 2.0]})
    ax = plots.fan_chart(obs, indicator="ip_advantage_enterprises", targets=catalogue.load_targets(), lang="zh")
    tops = {c.get_gid(): max(p.vertices[:, 1].max() for p in c.get_paths()) for c in ax.collections}
    lo, hi = ax.get_ylim()
    texts = {t.get_gid() for t in ax.texts}
    assert tops["band80"] <= hi < tops["band95"] and texts == {"band95_clipped"}, (tops, hi, texts)


def test_an_unreported_year_breaks_the_line():
    """2019 to 2021 drawn straight across an unreported 2020 looked like a 2020 value."""
    obs = pd.DataFrame({"region": "平川区", "indicator_id": "high_tech_enterprises", "year": [2018, 2019, 2021],
                        "value": [5.0, 6.0, 11.0]})
    ax = plots.trend_plot(obs, indicator="high_tech_enterprises", targets=catalogue.load_targets(), lang="zh")
    line = next(ln for ln in ax.lines if ln.get_gid() == "history")
    assert list(line.get_xdata()) == [2018, 2019, 2020, 2021]
    assert np.isnan(line.get_ydata()[2]) and list(line.get_ydata()[[0, 1, 3]]) == [5.0, 6.0, 11.0]


def test_no_fan_once_the_deadline_has_passed_in_the_data():
    """Data to 2021 without a 2020 value (an end-of-term file): the scorecard makes no forecast
    (期限已过但期限年未报), so the fan chart draws none either (it drew one to 2020)."""
    obs = pd.DataFrame({"region": "平川区", "indicator_id": ["high_tech_enterprises"] * 3 + ["tech_brokers"],
                        "year": [2017, 2018, 2019, 2021], "value": [4.0, 5.0, 6.0, 4.0]})
    ax = plots.fan_chart(obs, indicator="high_tech_enterprises", targets=catalogue.load_targets(), lang="zh")
    assert not [c for c in ax.collections if str(c.get_gid()).startswith("band")]
    assert not [ln for ln in ax.lines if ln.get_gid() == "forecast"]
    ax = plots.fan_chart(obs.iloc[:3], indicator="high_tech_enterprises", targets=catalogue.load_targets(), lang="zh")
    assert [ln for ln in ax.lines if ln.get_gid() == "forecast"]   # data to 2019: the fan to 2020


def test_a_report_of_another_district_says_whose_it_is(tmp_path):
    """A file of 白银区 alone (read by its title, or with a region column) gives a report under the
    plan's title: the district assessed is said below it in the docx, the HTML and the workbook,
    in either language; nothing is said for the plan's own district."""
    from analysis.app import content, figures, word, workbook
    from analysis.io import dataset

    data = tmp_path / "baiyin.csv"
    dataset.load_observations().assign(region="白银区")[["region", "indicator_id", "year", "value", "unit"]].to_csv(
        data, index=False)
    ctx = figures.ReportContext(data)
    zh = content.build_content(ctx, "zh", include_sectors=False, include_ledger=False)
    assert zh.region_line == "评估地区：白银区（按平川区实施方案的目标评估）"
    en = content.build_content(ctx, "en", include_sectors=False, include_ledger=False)
    assert en.region_line == ("Region assessed: Baiyin District (against the targets of Pingchuan District's plan)")
    doc = word.write_docx(zh, tmp_path / "r.docx")
    import docx

    assert zh.region_line in [p.text for p in docx.Document(doc).paragraphs[:6]]
    assert zh.region_line in workbook._subtitle(zh)
    own = content.build_content(figures.ReportContext(), "zh", include_sectors=False, include_ledger=False)
    assert own.region_line == "" and "评估地区" not in workbook._subtitle(own)


def test_a_report_of_several_districts_says_which_are_held_to_the_plans_targets(tmp_path):
    """Three districts in one file are each scored against 平川区's targets: the report said nothing,
    as if they were their own (and figure 06 said "each region's own targets"). With targets of their
    own in the target list, nothing is said."""
    from pathlib import Path

    from analysis.app import content, figures
    from analysis.io import catalogue

    data = Path(__file__).parent / "fixtures" / "office" / "I1_三区县_长表.csv"
    zh = content.build_content(figures.ReportContext(data), "zh", include_sectors=False, include_ledger=False)
    assert zh.region_line == "白银区、靖远县按平川区实施方案的目标评估，并非其本地区的目标，仅供比较"
    # and 六 does not hand Pingchuan's responsible units to the other districts
    others = [i for part in zh.regions if part.region != "平川区" for i in part.issues]
    assert others and all("责任单位：本规划的责任单位为平川区单位，不适用于本地区" in i for i in others)
    assert not any("区委组织部" in i for i in others)
    en = content.build_content(figures.ReportContext(data), "en", include_sectors=False, include_ledger=False)
    assert en.region_line.startswith("Baiyin District, Jingyuan County: assessed against the targets of Pingchuan")
    targets = catalogue.load_targets()
    own = pd.concat([targets] + [targets.assign(region=r) for r in ("白银区", "靖远县")], ignore_index=True)
    own["region"] = own["region"].fillna("") if "region" in targets else own["region"]
    path = tmp_path / "targets.csv"
    own.to_csv(path, index=False)
    mine = content.build_content(figures.ReportContext(data, targets=path), "zh", include_sectors=False,
                                 include_ledger=False)
    assert mine.region_line == ""


@pytest.mark.parametrize("data, as_of, zh, en", [
    (None, None, "评估类型：进度评估（期限2020年未到，按趋势判断按期达标概率）", "Type of evaluation: progress (the deadline, 2020,"),
    (None, 2017, "评估类型：进度评估（期限2020年未到", "Type of evaluation: progress (the deadline, 2020, is ahead"),
    ("H1_终期_含2020实际值.csv", None, "评估类型：终期评估（期限2020年已到，按期限年实际值判定是否完成）",
     "Type of evaluation: end of term (the deadline, 2020, has passed"),
])
def test_the_report_says_which_stage_of_the_plan_it_evaluates(data, as_of, zh, en):
    """中期（进度）or 终期: an evaluator hands in a progress report or an end-of-term one; the report
    says which, from the targets' stages (every deadline ahead / every deadline passed / both)."""
    from pathlib import Path

    from analysis.app import content, figures, workbook

    path = Path(__file__).parent / "fixtures" / "office" / data if data else None
    ctx = figures.ReportContext(path, as_of=as_of)
    for lang, start in (("zh", zh), ("en", en)):
        c = content.build_content(ctx, lang, include_sectors=False, include_ledger=False)
        assert c.stage_line.startswith(start) and c.stage_line in workbook._subtitle(c)
    mixed = content.ReportContent.stage_line.fget(type("C", (), {
        "regions": [type("R", (), {"rows": pd.DataFrame({"stage": ["deadline observed", "before deadline"],
                                                         "deadline": [2020, 2025]})})()],
        "lang": "zh", "as_of": 2020})())
    assert mixed == "评估类型：部分目标已到期（已到期的按期限年实际值判定，未到期的按趋势判断）"


@pytest.mark.parametrize("lang, words", [("zh", "仅供比较"), ("en", "for comparison only")])
def test_region_figures_say_every_region_is_measured_against_one_plan(three_regions, lang, words):
    """Figures 05 and 06 rank regions against the plan district's targets: said on the figures themselves."""
    assert words in plots.region_ranking_plot(three_regions, lang=lang).get_xlabel()
    assert words in plots.status_heatmap(three_regions, lang=lang).get_title(loc="left")
