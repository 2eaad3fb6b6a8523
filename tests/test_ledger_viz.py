"""Ledger and benchmark figures (data on the artists, both languages), registry wiring, report hooks."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.app import figures  # noqa: E402
from analysis.io import dataset  # noqa: E402
from analysis.io import ledger as io_ledger  # noqa: E402
from analysis.model import benchmarks as B  # noqa: E402
from analysis.model import ledger as M  # noqa: E402
from analysis.viz import benchmarks as VB  # noqa: E402
from analysis.viz import ledger as V  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")
LEDGER_CSV = """任务编号,责任单位,报告期,状态,填报单位
1,区工信局,2019年下半年,推进中,区工信局
1,区工信局,2020年上半年,已完成,区工信局
2,区科技局,2020年上半年,已完成,区科技局
2,区财政局,2020年上半年,推进中,区财政局
5,区工信局,2020年上半年,未启动,区工信局
7,区科技局,2020年上半年,滞后,区科技局
"""
SCORECARD = pd.DataFrame({"region": ["平川区"] * 3,
                          "indicator_id": ["strategic_emerging_share", "high_tech_enterprises", "enterprise_tech_centres"],
                          "status": ["not achieved", "at risk", "off track"]})


@pytest.fixture(scope="module")
def led(tmp_path_factory):
    p = tmp_path_factory.mktemp("v") / "hand.csv"
    p.write_text(LEDGER_CSV, encoding="utf-8")
    return io_ledger.read_ledger(p)


@pytest.fixture(scope="module")
def analysis(led):
    return M.analyse(led, scorecard=SCORECARD)


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _gids(ax, prefix):
    return {a.get_gid() for a in ax.get_children() if str(a.get_gid() or "").startswith(prefix)}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_grid_cells(analysis, lang):
    ax = V.plot_status_grid(analysis, lang=lang)
    cells = _gids(ax, "cell:")
    assert "cell:2:2020年上半年:in_progress" in cells      # 已完成 + 推进中
    assert "cell:7:2020年上半年:delayed" in cells
    assert "cell:1:2019年下半年:in_progress" in cells and "cell:1:2020年上半年:completed" in cells
    assert "cell:13:2019年下半年:not_reported" in cells
    assert len(cells) == 18 * 2
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[2] == {"zh": "2. 推进企业创新能力建设", "en": "2. Enterprise innovation capacity"}[lang]
    periods = [t.get_text() for t in ax.get_xticklabels()]
    assert periods == {"zh": ["2019年下半年", "2020年上半年"], "en": ["2019 H2", "2020 H1"]}[lang]
    if lang == "en":
        assert not any(CJK.search(x) for x in labels + periods)


def test_by_unit_bars(analysis):
    ax = V.plot_by_unit(analysis)
    bars = {(p.get_gid(), round(p.get_y() + p.get_height() / 2)): p.get_width() for p in ax.patches}
    # 区工信局 (1 completed, 5 not started) and 区科技局 (2 completed, 7 delayed) both have 2 tasks: ties by
    # name (工 U+5DE5 before 科 U+79D1); 区财政局 (2 in progress) last
    assert [t.get_text() for t in ax.get_yticklabels()] == ["区工信局", "区科技局", "区财政局"]
    assert bars[("status:completed", 0)] == 1 and bars[("status:not_started", 0)] == 1
    assert bars[("status:completed", 1)] == 1 and bars[("status:delayed", 1)] == 1
    assert bars[("status:in_progress", 2)] == 1


def test_by_unit_before_the_plan_draws_no_legend_and_warns_nothing(recwarn):
    """``--as-of 2018``: no task has a status yet, so no bars, no legend and no matplotlib
    warning in the user's console or the notebooks page."""
    fig = figures.render("ledger_units", figures.ReportContext(as_of=2018), "zh")
    assert not [p for p in fig.axes[0].patches if str(p.get_gid()).startswith("status:")]
    assert fig.axes[0].get_legend() is None
    assert not [w for w in recwarn if "legend" in str(w.message)]


def test_late_markers(analysis):
    ax = V.plot_late(analysis, lang="en")
    late = {g.split(":")[1] for g in _gids(ax, "task:") if g.endswith(":late")}
    assert {"5", "7"} <= late and "1" not in late and "2" not in late
    assert _gids(ax, "phase:") == {"phase:筹备", "phase:实施", "phase:巩固"}
    # the legend names the late mark apart from the 滞后 status (it listed 滞后 twice)
    zh = V.plot_late(analysis, lang="zh")
    words = [x.get_text() for x in (zh.get_legend() or zh.figure.legends[0]).get_texts()]
    assert len(words) == len(set(words)) and "对照进度安排滞后" in words


def test_consistency_flags(analysis):
    ax = V.plot_consistency(analysis, lang="zh", names={"high_tech_enterprises": "高新技术企业"})
    assert _gids(ax, "flag:") == {"flag:1", "flag:2"}
    assert "target:7:enterprise_tech_centres:off track" in _gids(ax, "target:")
    assert "ledger:7:delayed" in _gids(ax, "ledger:")
    with pytest.raises(ValueError, match="scorecard"):
        V.plot_consistency(M.analyse(analysis.ledger))


def test_consistency_names_each_target_in_full_on_two_lines(analysis):
    """The name under a target's marker was cut to 7 characters (全区技术市场合…); it wraps onto
    two lines of 8 characters, and only a longer name ends in "…"."""
    names = {"high_tech_enterprises": "全区技术市场合同交易额", "enterprise_tech_centres": "省级企业技术中心"}
    ax = V.plot_consistency(analysis, lang="zh", names=names)
    texts = {x.get_text() for x in ax.texts}
    assert "全区技术市场合同\n交易额" in texts and "省级企业技术中心" in texts
    assert not [x for x in texts if x.endswith("…")]


@pytest.fixture(scope="module")
def bench():
    return B.benchmarks(dataset.load_observations())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_benchmark_lines_are_the_table(bench, lang):
    ax = VB.plot_benchmark(bench, "invention_patents_per_10k", lang=lang)
    lines = {l.get_gid(): l for l in ax.get_lines()}
    china = bench.levels.loc[(bench.levels.indicator_id == "invention_patents_per_10k") & (bench.levels.region == "中国")]
    assert list(lines["region:中国"].get_xdata()) == list(china["year"])
    assert list(lines["region:中国"].get_ydata()) == list(china["value"])
    assert "region:平川区" in lines
    district = {"zh": "平川区（示例数据）", "en": "Pingchuan (illustrative)"}[lang]
    assert district in [t.get_text() for t in ax.get_legend().get_texts()]
    with pytest.raises(ValueError, match="not compared"):
        VB.plot_benchmark(bench, "maker_spaces")


def test_benchmark_growth_bars(bench):
    ax = VB.plot_benchmark_growth(bench, lang="en")
    gansu = [p.get_width() for p in ax.patches if p.get_gid() == "region:甘肃省"]
    expected = bench.growth.set_index(["indicator_id", "region"])["cagr"]
    assert gansu == pytest.approx([expected[(i, "甘肃省")] for i in bench.compared])
    src = [t for t in ax.texts if t.get_gid() == VB.SOURCES_GID][0].get_text()
    assert "stats.gov.cn" in src and "gansu.gov.cn" in src and "illustrative" in src


def test_benchmark_family_has_a_panel_per_indicator(bench):
    fig = VB.plot_benchmark_levels(bench, lang="en")
    assert sum(ax.get_visible() for ax in fig.axes) == len(bench.compared) == 3


def test_registered_and_rendered():
    slugs = {"ledger_status", "ledger_units", "ledger_phases", "ledger_late", "ledger_consistency",
             "benchmark_levels", "benchmark_growth"}
    assert slugs <= {s.slug for s in figures.available()}
    ctx = figures.ReportContext()
    fig = figures.render("ledger_consistency", ctx, "en")
    texts = [t.get_text() for t in fig.texts]
    assert any("illustrative" in t for t in texts)


def test_ledger_section(led):
    sec = M.ledger_section(led, SCORECARD, "zh")
    assert sec["title"] == "任务落实情况"
    # reported tasks 1, 2, 5, 7: 1 completed, 1 in progress, 1 delayed, 1 not started; 14 not reported
    assert sec["headline"][0] == ("截至2020年6月30日，台账共填报 4 项任务：已完成 1 项、推进中 1 项、滞后 1 项、"
                                  "未启动 1 项，另有 14 项未填报。")
    assert "2 项任务的台账状态与量化目标评估不一致" in sec["headline"][2]
    assert list(sec["tables"]["status"].columns) == ["任务编号", "任务", "完成阶段", "状态", "报告期", "责任单位"]
    assert list(sec["tables"]["by_status"].iloc[0]) == ["2020年6月30日", 1, 1, 1, 1, 14, 18]
    assert sec["figures"][-1] == "ledger_consistency" and sec["illustrative"] is False
    en = M.ledger_section(led, None, "en")
    assert en["tables"]["late"].columns[-1] == "why late" and "ledger_consistency" not in en["figures"]
    assert not any(CJK.search(s) for s in en["headline"][:1])


def test_benchmark_section():
    sec = B.benchmark_section(dataset.load_observations(), "zh")
    assert sec["title"] == "与全省、全国比较"
    assert sec["headline"][0].startswith("3 项目标指标有可比的全省或全国公开数据")
    vals = sec["tables"]["values"]
    assert list(vals.columns)[:3] == ["指标", "口径", "地区"]
    row = vals.loc[(vals["地区"] == "全国") & (vals["指标"] == "每万人发明专利拥有量")].iloc[0]
    assert (row["年份"], row["数值"]) == ("2019", "13.30")
    assert sec["figures"] == ["benchmark_levels", "benchmark_growth"]


def test_ledger_section_defaults_to_the_bundled_ledger():
    sec = M.ledger_section(None, None, "en")
    assert sec["illustrative"] is True and sec["headline"][-1] == "The ledger used here is illustrative, not a real report."
