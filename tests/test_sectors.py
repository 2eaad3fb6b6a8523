"""Sector comparison metrics, pinned on a hand-computed panel.

The panel (region "R", 2017-2019) has four sectors and every metric:

* ``bio_enzymes`` has zero output (and zero turnover, zero high-tech firms) in 2017;
* ``coal`` is missing 2017 entirely;
* ``platforms`` is 2 for every sector and year (no variance -> z = 0, no division by zero).
"""

from __future__ import annotations

import re

import io
import math
import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.io import catalogue
from analysis import config
from analysis.model import sectors as S
from analysis import vocab
from analysis.cli import main
from analysis.errors import InputError

from tests.sector_fixtures import HAND, META_CSV, make_panel  # noqa: E402,F401


@pytest.fixture
def panel():
    return make_panel()


@pytest.fixture
def meta(tmp_path):
    p = tmp_path / "sector_metrics.csv"
    p.write_text(META_CSV, encoding="utf-8")
    return S.metric_metadata(p)


@pytest.fixture(scope="module")
def targets():
    return catalogue.load_targets()


def one(df: pd.DataFrame, **where):
    mask = np.ones(len(df), dtype=bool)
    for k, v in where.items():
        mask &= (df[k] == v).to_numpy()
    hit = df.loc[mask]
    assert len(hit) == 1, (where, hit)
    return hit.iloc[0]


# ------------------------------------------------------------------------------ registry
ENTITIES = pd.DataFrame([
    dict(entity_id="ceramics", type="sector", name_zh="陶瓷建材", name_en="Ceramics", sector="ceramics",
         task="一(四);10;9;1", partners="", note=""),
    dict(entity_id="bio_enzymes", type="sector", name_zh="生物酶制剂", name_en="Enzymes", sector="bio_enzymes",
         task="9;4", partners="", note=""),
    dict(entity_id="f_longye", type="firm", name_zh="陇烨公司", name_en="", sector="ceramics", task="9",
         partners="", note=""),
    dict(entity_id="c_cer", type="research_centre", name_zh="陶瓷中心", name_en="", sector="ceramics",
         task="7", partners="", note=""),
    dict(entity_id="b_cer", type="transfer_base", name_zh="陶瓷基地", name_en="", sector="ceramics", task="9",
         partners="陶瓷中心;陇烨公司", note=""),
    dict(entity_id="f_saino", type="firm", name_zh="赛诺公司", name_en="", sector="bio_enzymes", task="4;9",
         partners="i_jn;青岛啤酒", note=""),
    dict(entity_id="f_tsingtao", type="firm", name_zh="青岛啤酒", name_en="", sector="bio_enzymes", task="4",
         partners="赛诺公司", note=""),
    dict(entity_id="i_jn", type="institution", name_zh="江南大学", name_en="", sector="bio_enzymes",
         task="4", partners="", note=""),
    dict(entity_id="p_saino", type="partnership", name_zh="赛诺与江南大学、青岛啤酒", name_en="",
         sector="bio_enzymes", task="4", partners="赛诺公司;江南大学;青岛啤酒", note=""),
    dict(entity_id="f_pump", type="firm", name_zh="泵厂", name_en="", sector="pumps", task="9",
         partners="", note=""),
])


def test_registry_from_entities():
    reg = S.sector_registry(ENTITIES)
    assert list(reg.columns) == list(S.REGISTRY_COLUMNS)
    assert list(reg["sector"]) == ["ceramics", "bio_enzymes", "pumps"]
    cer = one(reg, sector="ceramics")
    assert (cer.name_zh, cer.anchor_firms, cer.centres, cer.bases) == ("陶瓷建材", "陇烨公司", "陶瓷中心", "陶瓷基地")
    assert cer.partners == ""  # a transfer base's operators are not partners
    assert cer.tasks == "一(四);1;9;10"
    bio = one(reg, sector="bio_enzymes")
    assert bio.anchor_firms == "赛诺公司"  # 青岛啤酒 is a later party of the partnership
    assert bio.partners.split(";") == ["江南大学", "青岛啤酒"]
    pumps = one(reg, sector="pumps")  # no sector row: id as name, tasks from its entities
    assert (pumps.name_zh, pumps.anchor_firms, pumps.tasks) == ("pumps", "泵厂", "9")
    assert S.sector_label("ceramics", "en", reg) == "Ceramics"
    assert S.sector_label("unknown", "zh", reg) == "unknown"


@pytest.mark.skipif(not config.entities_path().exists(), reason="entities.csv not written yet")
def test_registry_on_the_plan():
    reg = S.sector_registry().set_index("sector")
    for s in ("coal", "power", "ceramics", "equipment", "new_energy", "new_materials",
              "lithium_cathode", "bio_enzymes", "agro_processing"):
        assert s in reg.index
    assert "陇烨公司" in reg.loc["ceramics", "anchor_firms"]
    assert "大象" in reg.loc["lithium_cathode", "anchor_firms"]
    assert "赛诺公司" in reg.loc["bio_enzymes", "anchor_firms"]
    assert "青岛啤酒" not in reg.loc["bio_enzymes", "anchor_firms"]
    assert "江南大学" in reg.loc["bio_enzymes", "partners"]
    assert "青岛啤酒" in reg.loc["bio_enzymes", "partners"]
    assert "容和" in reg.loc["equipment", "anchor_firms"] and "海佳" in reg.loc["equipment", "anchor_firms"]
    assert "9" in reg.loc["ceramics", "tasks"].split(";")


def test_metric_metadata_links_targets(meta, targets):
    assert bool(meta.loc["output_value", "additive"]) and not bool(meta.loc["rd_intensity", "additive"])
    links = S.target_links(meta, targets)
    assert links == {"high_tech_enterprises": "high_tech_enterprises",
                     "invention_patents": "invention_patents_per_10k",
                     "tech_contract_turnover": "tech_contract_turnover"}
    assert S.metric_label("output_value", "zh", meta) == "工业总产值 (亿元)"
    assert S.metric_label("rd_intensity", "en", meta) == "R&D spending / output value (%)"
    assert S.metric_label("output_value", "en", meta, with_unit=False) == "Output"  # the fixture's name
    assert S.metric_label("output_value", "en", meta, unit="100 million yuan") == "Output (100 million yuan)"
    with pytest.raises(ValueError, match="lang"):
        S.metric_label("output_value", "fr", meta)


# ------------------------------------------------------------------------------- metrics
def test_levels_wide(panel):
    w = S.levels(panel)
    assert list(w.columns[:3]) == ["region", "sector", "year"]
    assert list(w.columns[3:]) == list(vocab.SECTOR_METRICS) and len(w) == 11  # 3 + 3 + 3 + 2 (coal lacks 2017)
    assert one(w, sector="ceramics", year=2019)["output_value"] == 12.1
    assert w.loc[(w["sector"] == "coal") & (w["year"] == 2017)].empty
    sub = S.levels(panel, metrics=["platforms"], sectors=["coal"], years=[2019])
    assert sub.shape == (1, 4) and sub["platforms"].iloc[0] == 2


def test_the_comparison_says_why_a_growth_is_missing_in_the_language(panel):
    """The 说明 column of ``python -m analysis sectors`` is in the table's language (the model's notes
    are English); several notes are joined by the language's separator."""
    for lang, zero, coal in (("zh", "起始值为0，增速无法计算", "无2017年数值，自2018年起算"),
                             ("en", "zero start value", "no 2017 value; growth from 2018")):
        out = S.compare(panel, metrics=["output_value"], years=(2017, 2019), lang=lang).set_index("sector")
        assert out.loc["bio_enzymes", "note"] == zero and out.loc["coal", "note"] == coal
    assert S.comparison.note_text("no 2015 value; growth from 2016; no 2019 value; growth to 2018", "zh") == \
        "无2015年数值，自2016年起算；无2019年数值，算至2018年"
    assert S.comparison.note_text("something new", "zh") == "something new"   # unknown: as written


def test_growth_hand_computed(panel):
    g = S.growth(panel, 2017, 2019)
    out = g.loc[g["metric"] == "output_value"].set_index("sector")
    assert out.loc["ceramics", "cagr_pct"] == pytest.approx(10.0)          # 10 -> 12.1 in 2 years
    assert out.loc["lithium_cathode", "cagr_pct"] == pytest.approx(100.0)  # 5 -> 20
    assert math.isnan(out.loc["bio_enzymes", "cagr_pct"])                  # 0 -> 2: undefined
    assert out.loc["bio_enzymes", "note"] == "zero start value"
    # coal has no 2017: the nearest year inside the interval (2018) is used, 40 -> 36 in 1 year
    assert out.loc["coal", "cagr_pct"] == pytest.approx(-10.0)
    assert out.loc["coal", "year_a_used"] == 2018 and "no 2017 value" in out.loc["coal", "note"]
    tt = g.loc[g["metric"] == "tech_contract_turnover"].set_index("sector")
    assert tt.loc["ceramics", "cagr_pct"] == pytest.approx((2 ** 0.5 - 1) * 100)


def test_growth_missing_end_year_and_too_few_years(panel):
    p = panel.loc[~((panel["sector"] == "lithium_cathode") & (panel["year"] == 2019))]
    g = S.growth(p, 2017, 2019)
    r = one(g, sector="lithium_cathode", metric="output_value")
    assert r.year_b_used == 2018 and r.cagr_pct == pytest.approx(100.0)  # 5 -> 10 in 1 year
    assert "no 2019 value; growth to 2018" in r.note
    g2 = S.growth(panel, 2018, 2018 + 0)  # one year only
    assert g2["cagr_pct"].isna().all() and g2["note"].str.contains("fewer than two years").all()
    # end value zero from a positive start: -100 %
    q = panel.copy()
    q.loc[(q["sector"] == "ceramics") & (q["metric"] == "platforms") & (q["year"] == 2019), "value"] = 0.0
    assert one(S.growth(q, 2017, 2019), sector="ceramics", metric="platforms").cagr_pct == pytest.approx(-100.0)


def test_intensities_mind_units(panel):
    it = S.intensities(panel)
    r = one(it, sector="ceramics", year=2019, metric="rd_intensity")
    assert r.value == pytest.approx(0.1) and r.unit == "%"  # 121 万元 / 12.1 亿元 = 0.1 %
    assert one(it, sector="bio_enzymes", year=2019, metric="rd_intensity").value == pytest.approx(0.2)
    z = one(it, sector="bio_enzymes", year=2017, metric="rd_intensity")
    assert math.isnan(z.value) and z.note == "output_value is zero"
    assert one(it, sector="lithium_cathode", year=2019, metric="patents_per_enterprise").value == 2.0
    assert one(it, sector="bio_enzymes", year=2019, metric="high_tech_share").value == pytest.approx(50.0)
    r = one(it, sector="lithium_cathode", year=2019, metric="turnover_per_enterprise")
    assert r.value == pytest.approx(750.0) and r.unit == "万元/家"
    # the same R&D spending stated in 亿元 gives the same intensity
    q = panel.copy()
    rd = q["metric"] == "rd_spending"
    q.loc[rd, "value"] = q.loc[rd, "value"] / 1e4
    q.loc[rd, "unit"] = "亿元"
    assert one(S.intensities(q), sector="ceramics", year=2019, metric="rd_intensity").value == pytest.approx(0.1)
    assert set(S.intensities(panel.loc[panel["metric"] != "enterprises"])["metric"]) == {"rd_intensity"}


def test_shares_and_district_totals(panel, meta):
    sh = S.shares(S.with_intensities(panel), meta)
    r = one(sh, sector="ceramics", year=2019, metric="tech_contract_turnover")
    assert r.district_total == 7000 and r.share_pct == pytest.approx(2000 / 7000 * 100)
    base = sh.loc[~sh["metric"].isin(list(S.INTENSITIES))]
    assert np.allclose(base.groupby(["year", "metric"])["share_pct"].sum(), 100.0)
    assert sh.loc[sh["metric"].isin(list(S.INTENSITIES)), "share_pct"].isna().all()
    # 2017 output: bio_enzymes has zero output, its share is 0, not NaN
    assert one(sh, sector="bio_enzymes", year=2017, metric="output_value").share_pct == 0.0
    tot = S.district_totals(panel, meta)
    assert one(tot, year=2017, metric="output_value").value == 15  # coal missing: sum of present sectors
    assert one(tot, year=2017, metric="output_value").n_sectors == 3


def test_zscores_hand_computed_and_no_division_by_zero(panel):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning from a zero sd
        z = S.zscores(panel)
    r = one(z, sector="ceramics", year=2019, metric="tech_contract_turnover")
    # values 2000, 3000, 500, 1500: mean 1750, population sd 250*sqrt(13)
    assert r.z == pytest.approx(1 / math.sqrt(13))
    plat = z.loc[z["metric"] == "platforms", "z"]
    assert (plat == 0).all() and np.isfinite(plat).all()
    assert np.isfinite(z["z"]).all()
    assert np.allclose(z.groupby(["year", "metric"])["z"].mean(), 0.0)
    single = S.zscores(panel.loc[panel["sector"] == "coal"])
    assert (single["z"] == 0).all()
    q = panel.copy()
    q.loc[0, "value"] = np.nan
    assert math.isnan(S.zscores(q).loc[0, "z"])


def test_ranks_and_rank_change(panel):
    r = S.ranks(panel)
    out19 = r.loc[(r["metric"] == "output_value") & (r["year"] == 2019)].set_index("sector")["rank"]
    assert out19.to_dict() == {"coal": 1, "lithium_cathode": 2, "ceramics": 3, "bio_enzymes": 4}
    plat = r.loc[(r["metric"] == "platforms") & (r["year"] == 2019), "rank"]
    assert (plat == 1).all()  # ties share the smaller rank
    rc = S.rank_change(panel, 2017, 2019)
    oc = rc.loc[rc["metric"] == "output_value"].set_index("sector")
    assert (oc.loc["ceramics", "rank_a"], oc.loc["ceramics", "rank_b"], oc.loc["ceramics", "rank_change"]) == (1, 3, -2)
    assert oc.loc["lithium_cathode", "rank_change"] == 0
    assert oc.loc["bio_enzymes", "rank_change"] == -1
    assert pd.isna(oc.loc["coal", "rank_a"]) and pd.isna(oc.loc["coal", "rank_change"])


def test_index_to_base(panel):
    ix = S.index_to_base(panel)
    cer = ix.loc[(ix["sector"] == "ceramics") & (ix["metric"] == "output_value")].sort_values("year")
    assert np.allclose(cer["index"], [100, 110, 121])
    assert ix.loc[(ix["sector"] == "bio_enzymes") & (ix["metric"] == "output_value"), "index"].isna().all()
    assert ix.loc[(ix["sector"] == "coal"), "index"].isna().all()  # no 2017 base
    ix18 = S.index_to_base(panel, 2018)
    assert one(ix18, sector="coal", metric="output_value", year=2019)["index"] == pytest.approx(90.0)


def test_multi_region(panel):
    both = pd.concat([panel, make_panel("S", scale=2.0)], ignore_index=True)
    cmp = S.compare(both, registry=S.sector_registry(ENTITIES))
    r, s = (cmp.loc[cmp["region"] == x].reset_index(drop=True) for x in ("R", "S"))
    assert len(r) == len(s) > 0
    for col in ("cagr_pct", "share_pct", "z"):
        assert np.allclose(r[col].astype(float), s[col].astype(float), equal_nan=True), col
    assert (r["rank_b"].fillna(-1) == s["rank_b"].fillna(-1)).all()
    base = ~r["metric"].isin(list(S.INTENSITIES))  # levels double, intensities (ratios) do not
    assert np.allclose(s.loc[base, "value_b"].astype(float), 2 * r.loc[base, "value_b"].astype(float), equal_nan=True)
    assert np.allclose(s.loc[~base, "value_b"].astype(float), r.loc[~base, "value_b"].astype(float), equal_nan=True)
    tot = S.district_totals(both)
    assert one(tot, region="S", year=2019, metric="tech_contract_turnover").value == 14000


# ------------------------------------------------------------------------- contributions
def test_contributions_hand_computed(panel, meta, targets):
    pop = pd.Series({2017: 20.0, 2018: 20.0, 2019: 25.0})
    c = S.contributions(panel, targets=targets, meta=meta, population=pop)
    assert set(c["indicator_id"]) == {"tech_contract_turnover", "high_tech_enterprises", "invention_patents_per_10k"}
    r = one(c, indicator_id="tech_contract_turnover", year=2019, sector="ceramics")
    assert r.unit == "亿元" and r.value == pytest.approx(0.2)            # 2000 万元
    assert r.district_total == pytest.approx(0.7)
    assert r.share_pct == pytest.approx(200 / 7)
    assert r.target == 1.35 and r.target_year == 2020
    assert r.share_of_target_pct == pytest.approx(0.2 / 1.35 * 100)
    assert r.gap == pytest.approx(0.65) and r.gap_pro_rata == pytest.approx(0.65 * 2 / 7)
    assert r.base_year == 2018
    assert r.gap_closed_pct == pytest.approx(0.05 / 0.98 * 100)         # (2000-1500) 万元 of (1.35-0.37) 亿元
    tt = c.loc[(c["indicator_id"] == "tech_contract_turnover") & (c["year"] == 2019)]
    assert tt["gap_closed_pct"].sum() == pytest.approx((0.7 - 0.37) / 0.98 * 100)
    # contributions add up to the district total, every indicator and year
    g = c.groupby(["indicator_id", "year"]).agg(v=("value", "sum"), t=("district_total", "first"),
                                                s=("share_pct", "sum"))
    assert np.allclose(g["v"], g["t"]) and np.allclose(g["s"], 100)
    pat = one(c, indicator_id="invention_patents_per_10k", year=2019, sector="lithium_cathode")
    assert pat.unit == "件/万人" and pat.value == pytest.approx(8 / 25) and pat.district_total == pytest.approx(0.8)
    ht = one(c, indicator_id="high_tech_enterprises", year=2019, sector="ceramics")
    assert (ht.value, ht.district_total, ht.gap) == (2, 5, 13)
    # choose one indicator, by catalogue id or by metric id
    only = S.contributions(panel, "tech_contract_turnover", targets=targets, meta=meta)
    assert set(only["indicator_id"]) == {"tech_contract_turnover"}
    assert set(S.contributions(panel, "invention_patents", targets=targets, meta=meta, population=pop)["metric"]) == {"invention_patents"}
    with pytest.raises(InputError):
        S.contributions(panel, "output_value", targets=targets, meta=meta)


def test_contributions_without_population_year(panel, meta, targets):
    c = S.contributions(panel, "invention_patents_per_10k", targets=targets, meta=meta,
                        population=pd.Series({2019: 25.0}))
    assert c.loc[c["year"] == 2018, "value"].isna().all()
    assert (c.loc[c["year"] == 2018, "note"] == "no population for this year").all()
    assert c.loc[c["year"] == 2019, "value"].notna().all()


@pytest.mark.skipif(not (config.sector_panel_path().exists() and config.monitoring_path().exists()),
                    reason="bundled data not written yet")
def test_contributions_add_up_to_the_bundled_monitoring_data():
    from analysis.io import dataset

    panel = dataset.load_sector_panel()
    obs = dataset.load_observations()
    c = S.contributions(panel)
    assert set(c["indicator_id"]) >= {"tech_contract_turnover", "high_tech_enterprises", "invention_patents_per_10k"}
    tot = c.groupby(["indicator_id", "year"])["value"].sum()
    assert np.allclose(tot, c.groupby(["indicator_id", "year"])["district_total"].first())
    o = obs.loc[obs["region"] == config.DEFAULT_REGION].set_index(["indicator_id", "year"])["value"]
    common = tot.index.intersection(o.index)
    assert len(common) >= 10
    # per-10k values in the monitoring data are rounded to 4 decimals
    assert np.allclose(tot.loc[common], o.loc[common], atol=1e-4, rtol=1e-6)


# ---------------------------------------------------------------------------- compare
COMPARE_COLUMNS = ["region", "metric", "sector", "name", "unit", "year_a", "year_b", "value_a", "value_b",
                   "cagr_pct", "share_pct", "rank_a", "rank_b", "rank_change", "z", "note"]


def test_compare_layout_and_numbers(panel, meta):
    reg = S.sector_registry(ENTITIES)
    cmp = S.compare(panel, registry=reg, meta=meta)
    assert list(cmp.columns) == COMPARE_COLUMNS
    assert len(cmp) == 4 * (len(HAND) + len(S.INTENSITIES))
    assert list(dict.fromkeys(cmp["metric"]))[:3] == ["enterprises", "high_tech_enterprises", "output_value"]
    out = cmp.loc[cmp["metric"] == "output_value"]
    assert list(out["sector"]) == ["coal", "lithium_cathode", "ceramics", "bio_enzymes"]  # by rank in B
    cer = one(cmp, metric="output_value", sector="ceramics")
    assert (cer.year_a, cer.year_b, cer.value_a, cer.value_b) == (2017, 2019, 10, 12.1)
    assert cer.cagr_pct == pytest.approx(10) and cer.share_pct == pytest.approx(12.1 / 70.1 * 100)
    assert (cer.rank_a, cer.rank_b, cer.rank_change) == (1, 3, -2)
    assert cer["name"] == "陶瓷建材" and cer.unit == "亿元"
    coal = one(cmp, metric="output_value", sector="coal")
    assert math.isnan(coal.value_a) and coal.cagr_pct == pytest.approx(-10) and "2018" in coal.note
    rdi = one(cmp, metric="rd_intensity", sector="bio_enzymes")
    assert rdi.value_b == pytest.approx(0.2) and math.isnan(rdi.share_pct)
    assert (cmp.loc[cmp["metric"] == "platforms", "z"] == 0).all()


def test_compare_selection_keeps_cross_sector_numbers(panel, meta):
    full = S.compare(panel, meta=meta, registry=S.sector_registry(ENTITIES))
    sub = S.compare(panel, metrics=["tech_contract_turnover", "rd_intensity"], sectors=["bio_enzymes", "ceramics"],
                    years=(2018, 2019), meta=meta, registry=S.sector_registry(ENTITIES))
    assert list(dict.fromkeys(sub["metric"])) == ["tech_contract_turnover", "rd_intensity"]
    assert set(sub["sector"]) == {"bio_enzymes", "ceramics"} and len(sub) == 4
    r = one(sub, metric="tech_contract_turnover", sector="ceramics")
    assert r.rank_b == one(full, metric="tech_contract_turnover", sector="ceramics").rank_b == 2
    assert r.share_pct == pytest.approx(200 / 7)
    assert r.cagr_pct == pytest.approx((2000 / 1500 - 1) * 100)
    assert r.rank_a == 1 and r.rank_change == -1  # 2018: 1500 ceramics first, lithium and coal tie at 1000


def test_compare_rejects_unknown_choices(panel):
    with pytest.raises(InputError) as e:
        S.compare(panel, metrics=["output_value", "bogus"], sectors=["steel"], years=(2019, 2017))
    msgs = [str(p) for p in e.value.problems]
    assert len(msgs) == 3
    assert msgs[0].startswith("metrics:") and "未知指标 'bogus'" in msgs[0]
    assert "未知产业 'steel'" in msgs[1]
    en = [p.line("en") for p in e.value.problems]  # the same problems in English (the CLI's --lang en)
    assert "unknown metric 'bogus'" in en[0] and "unknown sector 'steel'" in en[1]
    assert en[2] == "years::: year A (2019) must be before year B (2017)"
    assert "起始年（2019）须早于终止年（2017）" in msgs[2]


def test_focus_summary(panel, meta):
    fs = S.focus_summary(panel, meta=meta)
    r = one(fs, metric="tech_contract_turnover")
    assert (r.focus_b, r.rest_b) == (5500, 1500)
    assert r.focus_share_b_pct == pytest.approx(5500 / 7000 * 100)
    assert r.focus_share_a_pct == pytest.approx(100.0)  # coal has no 2017
    assert r.focus_cagr_pct == pytest.approx(((5500 / 1500) ** 0.5 - 1) * 100)
    assert r.rest_cagr_pct == pytest.approx(50.0)  # the rest (coal) has no 2017: 2018 -> 2019
    custom = S.focus_summary(panel, focus=["coal"], meta=meta)
    assert one(custom, metric="tech_contract_turnover").focus_b == 1500


# --------------------------------------------------------------------------------- CLI
def _write_panel(path, panel):
    panel.to_csv(path, index=False, encoding="utf-8")
    return path


def _hand_panel_file(tmp_path):
    # a region name the intake accepts; sectors and metrics from the plan's vocabulary
    return _write_panel(tmp_path / "panel.csv", make_panel(config.DEFAULT_REGION))


needs_intake = pytest.mark.skipif(
    not (config.entities_path().exists() and S.metrics_path().exists()),
    reason="entities.csv / sector_metrics.csv not written yet")


@needs_intake
def test_cli_csv_equals_compare(tmp_path, capsys):
    from analysis.io import readers as intake

    path = _hand_panel_file(tmp_path)
    args = ["sectors", "--data", str(path), "--metric", "output_value", "rd_intensity",
            "--sectors", "ceramics", "coal", "--years", "2017", "2019", "--format", "csv"]
    assert main(args) == 0
    got = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False, na_values=[""])
    want = S.compare(intake.read_sector_panel(path), metrics=["output_value", "rd_intensity"],
                     sectors=["ceramics", "coal"], years=(2017, 2019))
    assert list(got.columns) == list(want.columns) and len(got) == len(want) == 4
    for c in want.columns:
        if c in ("region", "metric", "sector", "name", "unit", "note"):
            assert list(got[c].fillna("").astype(str)) == list(want[c].fillna("").astype(str)), c
        else:
            assert np.allclose(got[c].astype(float), want[c].astype("float64"), equal_nan=True, rtol=1e-12), c
    # written to a file, the same
    out = tmp_path / "cmp.csv"
    assert main(args + ["--output", str(out)]) == 0
    again = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    pd.testing.assert_frame_equal(again, got)


@needs_intake
def test_cli_table_json_on_hand_panel(tmp_path, capsys):
    path = _hand_panel_file(tmp_path)
    assert main(["sectors", "--data", str(path), "--metric", "tech_contract_turnover"]) == 0
    out = capsys.readouterr().out
    assert "ceramics" in out and "28.57" in out
    assert main(["sectors", "--data", str(path), "--metric", "platforms", "--format", "json"]) == 0
    import json

    rows = json.loads(capsys.readouterr().out)
    assert {r["z"] for r in rows} == {0}


@needs_intake
@pytest.mark.parametrize("flag, value, needle", [
    ("--metric", "bogus", "选项 --metric：未知指标 'bogus'"),     # an option, not FILE:ROW:COLUMN
    ("--sectors", "steel", "选项 --sectors：未知产业 'steel'"),
])
def test_cli_unknown_choice_is_one_clear_line(tmp_path, capsys, flag, value, needle):
    path = _hand_panel_file(tmp_path)
    assert main(["sectors", "--data", str(path), flag, value]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(needle)
    assert "Traceback" not in "\n".join(err)


@needs_intake
@pytest.mark.parametrize("column, bad", [("sector", "steel"), ("metric", "widgets")])
def test_cli_bad_panel_gives_intake_error(tmp_path, capsys, column, bad):
    p = make_panel(config.DEFAULT_REGION)
    p.loc[3, column] = bad
    path = _write_panel(tmp_path / "bad.csv", p)
    assert main(["sectors", "--data", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    letter = chr(ord("A") + list(p.columns).index(column))  # FILE:ROW:COLUMN-LETTER (docs/data_contract.md)
    assert f"bad.csv:5:{letter}:" in err and bad in err  # data row 3 (0-based) is file row 5


@pytest.mark.skipif(not config.sector_panel_path().exists(), reason="bundled panel not written yet")
def test_cli_on_bundled_panel(capsys):
    assert main(["sectors", "--metric", "output_value", "--format", "csv"]) == 0
    cap = capsys.readouterr()
    df = pd.read_csv(io.StringIO(cap.out))
    assert len(df) == df["sector"].nunique() >= 9
    assert df["share_pct"].sum() == pytest.approx(100)
    assert "示例数据" in cap.err  # illustrative provenance is said


def test_contribution_summary(panel, meta, targets):
    c = S.contributions(panel, targets=targets, meta=meta, population=pd.Series({2017: 20.0, 2018: 20.0, 2019: 25.0}))
    cs = S.contribution_summary(c).set_index("indicator_id")
    r = cs.loc["tech_contract_turnover"]
    assert r.year == 2019 and r.focus_value == pytest.approx(0.55)
    assert r.focus_share_pct == pytest.approx(55 / 70 * 100)
    assert r.focus_share_of_target_pct == pytest.approx(0.55 / 1.35 * 100)
    assert r.focus_gap_closed_pct == pytest.approx((0.55 - 0.27) / 0.98 * 100)
    assert (r.top_sector, r.top_share_pct) == ("lithium_cathode", pytest.approx(300 / 7))
    assert S.contribution_summary(c, focus=["coal"], year=2018).loc[0, "year"] == 2018


def test_cli_table_in_english_has_english_words(capsys):
    """`sectors --lang en`: region, sector names and units in English (only the stamp's own 示例数据 stays)."""
    assert main(["--lang", "en", "sectors"]) == 0
    out = capsys.readouterr().out
    assert "Pingchuan District" in out and "Ceramics and building materials" in out
    assert not re.search(r"[\u4e00-\u9fff]", out), out[:400]
