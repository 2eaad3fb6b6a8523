"""Benchmarks: the table holds the bundled public values, per-capita values and growth computed by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import config
from analysis.io import dataset
from analysis.model import benchmarks as B

RAW_CHINA = pd.read_csv(config.public_dir() / "china_st_observations.csv", dtype=str)
RAW_GANSU = pd.read_csv(config.public_dir() / "gansu_observations.csv", dtype=str)


@pytest.fixture(scope="module")
def bench():
    return B.benchmarks(dataset.load_observations())


@pytest.fixture(scope="module")
def public():
    return dataset.load_public()


def test_level_rows_equal_the_bundled_public_values(bench, public):
    pub = public.set_index(["region", "indicator_id", "year"])["value"]
    rows = bench.levels.loc[(bench.levels["measure"] == "level") & (bench.levels["region"] != "平川区")]
    assert len(rows) > 0
    for r in rows.itertuples():
        assert r.value == pub.loc[(r.region, r.indicator_id, r.year)], r


@pytest.mark.parametrize("raw, region, year, expected", [
    (RAW_CHINA, "中国", 2019, "13.3"),
    (RAW_GANSU, "甘肃省", 2017, "2.32"),
    (RAW_GANSU, "甘肃省", 2015, "1.59"),
])
def test_table_equals_the_raw_files(bench, raw, region, year, expected):
    raw_value = raw.loc[(raw.region == region) & (raw.indicator_id == "invention_patents_per_10k")
                        & (raw.year == str(year)), "value"]
    assert list(raw_value) == [expected]
    lv = bench.levels.set_index(["indicator_id", "region", "year"])
    assert lv.loc[("invention_patents_per_10k", region, year), "value"] == float(expected)


def test_the_figure_and_the_table_stop_at_the_districts_last_year(public):
    """As of 2019, nothing later is drawn beside the district (no 2020 Baiyin or China point in the levels
    figure while the table gives 2019 and earlier)."""
    obs = dataset.load_observations()
    b = B.benchmarks(obs.loc[obs["year"] <= 2018].reset_index(drop=True), public)
    assert len(b.levels) and b.levels["year"].max() <= 2018
    assert public.loc[public["indicator_id"] == "invention_patents_per_10k", "year"].max() > 2018


def test_report_table_latest_values(bench):
    t = bench.table.set_index(["indicator_id", "region"])
    assert t.loc[("invention_patents_per_10k", "中国"), ["year", "value"]].tolist() == [2019, 13.3]
    assert t.loc[("invention_patents_per_10k", "甘肃省"), ["year", "value"]].tolist() == [2017, 2.32]
    assert t.loc[("invention_patents_per_10k", "甘肃省"), "growth_window"] == "2015-2017"


def test_per_capita_by_hand(bench):
    lv = bench.levels.loc[bench.levels["measure"] == "per_capita"].set_index(["indicator_id", "region", "year"])
    # 196.42 亿元 / 2647.43 万人 = 0.0741931 亿元/万人 = 741.93 元/人
    assert lv.loc[("tech_contract_turnover", "甘肃省", 2019), "value"] == pytest.approx(741.93, abs=0.01)
    assert lv.loc[("tech_contract_turnover", "甘肃省", 2019), "unit"] == "元/人"
    # 1052 家 / 2647.43 万人 = 0.3974 家/万人
    assert lv.loc[("high_tech_enterprises", "甘肃省", 2019), "value"] == pytest.approx(0.3974, abs=1e-4)
    # the national population is in the NBS communique series: 22398 亿元 / 140005 万人 = 1599.80 元/人
    assert lv.loc[("tech_contract_turnover", "中国", 2019), "value"] == pytest.approx(1599.80, abs=0.01)
    assert bench.no_population == []


def test_growth_by_hand(bench):
    g = bench.growth.set_index(["indicator_id", "region"])
    # China: 9835 (2015) -> 22398 (2019) 亿元: (22398/9835)^(1/4) - 1 = 22.85 %
    assert g.loc[("tech_contract_turnover", "中国"), "cagr"] == pytest.approx(22.85, abs=0.01)
    # Gansu: 319 (2015) -> 1052 (2019) 家: (1052/319)^(1/4) - 1 = 34.76 %
    assert g.loc[("high_tech_enterprises", "甘肃省"), "cagr"] == pytest.approx(34.76, abs=0.01)
    # Gansu patents only 2015 and 2017 inside 2015-2019: (2.32/1.59)^(1/2) - 1 = 20.79 %, another window
    row = g.loc[("invention_patents_per_10k", "甘肃省")]
    assert (row["first_year"], row["last_year"], bool(row["same_window"])) == (2015, 2017, False)
    assert row["cagr"] == pytest.approx(20.79, abs=0.01)
    # China high-tech enterprises: only 2019 inside 2015-2019 -> no growth
    assert math.isnan(g.loc[("high_tech_enterprises", "中国"), "cagr"])


def test_coverage_says_what_is_not_compared(bench):
    cov = bench.coverage.set_index("indicator_id")
    assert sorted(bench.compared) == ["high_tech_enterprises", "invention_patents_per_10k", "tech_contract_turnover"]
    assert (cov["basis"] == "none").sum() == 18
    assert cov.loc["tech_contract_turnover", "basis"] == "growth_per_capita"
    assert cov.loc["invention_patents_per_10k", "basis"] == "level"
    assert cov.loc["strategic_emerging_share", "not_used"] == "high_tech_manufacturing_share"


def test_district_side_from_hand_made_observations(public):
    obs = pd.DataFrame({"region": ["平川区", "平川区"], "indicator_id": ["invention_patents_per_10k"] * 2,
                        "year": [2016, 2018], "value": [1.0, 1.21], "unit": ["件/万人"] * 2})
    b = B.benchmarks(obs, public, illustrative=False)
    g = b.growth.set_index("region")
    assert g.loc["平川区", "cagr"] == pytest.approx(10.0)          # 1.0 -> 1.21 in two years
    # China inside 2016-2018: 8.0 -> 11.5: (11.5/8)^(1/2) - 1 = 19.90 %
    assert g.loc["中国", "cagr"] == pytest.approx(19.90, abs=0.01)
    assert math.isnan(g.loc["甘肃省", "cagr"])                     # only 2017 inside the window
    assert b.compared == ["invention_patents_per_10k"] and b.illustrative is False
    t = b.table.set_index("region")
    assert t.loc["甘肃省", ["year", "value"]].tolist() == [2017, 2.32]
    # the user's own data: not labelled illustrative anywhere in the table, its source named as given
    assert not b.table["illustrative"].any()
    for lang, own in (("zh", "所提供的监测数据"), ("en", "monitoring data given")):
        values = B.section_tables(b, lang)["values"]
        src = dict(zip(values.iloc[:, 2], values.iloc[:, -1]))
        assert src[{"zh": "平川区", "en": "Pingchuan"}[lang]] == own
        assert src[{"zh": "全国", "en": "China"}[lang]] == "stats.gov.cn"


def test_bundled_illustrative_district_is_labelled_so(bench):
    assert bench.illustrative and bench.table.loc[bench.table["region"] == "平川区", "illustrative"].all()
    assert not bench.table.loc[bench.table["region"] != "平川区", "illustrative"].any()
    values = B.section_tables(bench, "zh")["values"]
    assert set(values.loc[values.iloc[:, 2] == "平川区"].iloc[:, -1]) == {"示例数据"}


def test_host_names():
    assert B.host("https://www.stats.gov.cn/sj/x.html") == "stats.gov.cn"
    assert B.host("github:lawtext/gov/政府工作报告-国务院/2017.md") == "github:lawtext/gov"


def test_units_in_the_reader_s_language(bench):
    """The English section, table and chart say 'yuan per resident', not 元/人 (units by
    analysis.i18n.names.unit_label); the Chinese ones keep the catalogue's units."""
    import re

    import matplotlib.pyplot as plt

    from analysis.viz import benchmarks as viz

    cjk = re.compile(r"[\u4e00-\u9fff]")
    en = B.section_tables(bench, "en")["values"]
    assert set(en["unit"]) >= {"yuan per resident", "per 10,000 residents"} and not any(cjk.search(u) for u in en["unit"])
    zh = B.section_tables(bench, "zh")["values"]
    assert "元/人" in set(zh.iloc[:, 5])
    lines = B.benchmark_section(dataset.load_observations(), "en")["headline"]
    assert any("yuan per resident" in ln for ln in lines) and not any("元/人" in ln or "万人" in ln for ln in lines)
    ax = viz.plot_benchmark(bench, "tech_contract_turnover", lang="en")
    assert ax.get_ylabel() == "yuan per resident"
    plt.close(ax.figure)


@pytest.mark.parametrize("url, zh, en", [
    ("https://www.stats.gov.cn/sj/zxfb/x.html", "stats.gov.cn", "stats.gov.cn"),
    ("http://www.gansu.gov.cn/gsszf/x.shtml", "gansu.gov.cn", "gansu.gov.cn"),
    ("http://www.tibet.cn/cn/tech/201801/x.html", "tibet.cn（转引）", "tibet.cn (second-hand)"),
    ("5728338.com", "5728338.com（转引）", "5728338.com (second-hand)"),     # a host already (the population's)
    ("github:lawtext/gov/政府工作报告-省自治区/甘肃/2016.md", "github:lawtext/gov（政府文件镜像）",
     "github:lawtext/gov (mirror of government documents)"),
])
def test_a_source_says_when_it_is_not_the_publishers_own(url, zh, en):
    """The comparison table cited tibet.cn and 5728338.com like the statistics bureau: a figure a
    web page quotes second-hand is labelled so in the report."""
    from analysis.model.benchmarks import source_label

    assert (source_label(url, "zh"), source_label(url, "en")) == (zh, en)


@pytest.mark.parametrize("lang, mark", [("zh", "（转引）"), ("en", " (second-hand)")])
def test_the_figures_sources_mark_second_hand_pages_and_never_break_a_host(bench, lang, mark):
    """Figure 45 listed m.novel.qq.com beside stats.gov.cn unmarked (the report's table marked it), and
    wrapped Chinese text inside host names (m.lycygs.|cn)."""
    from analysis.viz import benchmarks as viz

    text = viz.sources_text(bench, lang, 60)
    hosts = {h for hs in bench.sources.values() for h in hs}
    flat = text.replace("\n", "" if lang == "zh" else " ")  # (English breaks at spaces)
    for h in hosts:
        assert any(h in line for line in text.splitlines()), h  # each host whole on one line
        assert B.source_label(h, lang) in flat, h                # as the report's table labels it
    assert "m.novel.qq.com" + mark in flat and "stats.gov.cn" + mark not in flat


def test_an_estimate_is_never_a_benchmark(public):
    """China's 2020 high-tech enterprises (27.5万家, '预计' on a third-party page) set a national growth of
    22.2 % a year beside the district's end-of-term figure: estimates are left out (as of 2020 no national
    growth is left to show), and every host a growth rate rests on is named (to 2021: the 2021 figure's)."""
    rows = [("平川区", "high_tech_enterprises", y, v, "家") for y, v in ((2015, 3.0), (2017, 4.0), (2019, 6.0), (2020, 9.0))]
    obs = pd.DataFrame(rows, columns=["region", "indicator_id", "year", "value", "unit"])
    b = B.benchmarks(obs, public, illustrative=True)
    g = b.growth.set_index(["region", "indicator_id"]).loc[("中国", "high_tech_enterprises")]
    assert math.isnan(g["cagr"])                                  # before: 22.2 % from the estimate
    assert "jillmcgivering.com" not in b.sources["中国"]
    later = B.benchmarks(pd.concat([obs, obs.tail(1).assign(year=2021, value=11.0)]), public, illustrative=True)
    g = later.growth.set_index(["region", "indicator_id"]).loc[("中国", "high_tech_enterprises")]
    assert (int(g["first_year"]), int(g["last_year"])) == (2019, 2021) and "ghqlgyb.cn" in later.sources["中国"]
