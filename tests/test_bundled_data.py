"""The bundled raw data: entities, sector metrics, the illustrative monitoring data and sector panel."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis.io import readers as intake
from analysis import vocab
from analysis.io.catalogue import load_entities, load_targets
from analysis.io.dataset import provenance

RAW = config.raw_dir()
MON = config.monitoring_path()
PANEL = config.sector_panel_path()
MAIN_SECTORS = ("coal", "power", "ceramics", "equipment", "new_energy", "new_materials",
                "lithium_cathode", "bio_enzymes", "agro_processing")
MINOR_SECTORS = ("energy_saving", "biomedicine", "modern_services", "seed_technology")
YEARS = list(range(2015, 2020))


@pytest.fixture(scope="module")
def plan_text() -> str:
    return (RAW / "plan" / "plan_text.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def entities() -> pd.DataFrame:
    return load_entities()


@pytest.fixture(scope="module")
def targets() -> pd.DataFrame:
    return load_targets()


@pytest.fixture(scope="module")
def obs(targets) -> pd.DataFrame:
    return intake.read_observations(MON, targets)


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return intake.read_sector_panel(PANEL)


@pytest.fixture(scope="module")
def meta() -> dict:
    return json.loads(MON.with_suffix(".meta.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def population() -> pd.Series:
    pub = pd.read_csv(RAW / "public" / "gansu_observations.csv")
    pop = pub[(pub.region == "平川区") & (pub.indicator_id == "population")]
    return pop.set_index("year")["value"]


def _wide(obs: pd.DataFrame, ind: str) -> pd.Series:
    return obs.loc[obs.indicator_id == ind].set_index("year")["value"]


# ----------------------------------------------------------------------------- entities
def test_entities_columns_types_and_ids(entities):
    assert list(entities.columns) == ["entity_id", "type", "name_zh", "name_en", "sector", "task", "partners", "note"]
    assert entities["entity_id"].is_unique
    assert set(entities["type"]) == {"sector", "firm", "research_centre", "transfer_base", "partnership", "institution"}
    sectors = entities.loc[entities.type == "sector"]
    assert set(sectors["entity_id"]) == set(MAIN_SECTORS + MINOR_SECTORS)
    assert (sectors["entity_id"] == sectors["sector"]).all()
    names = dict(zip(sectors.entity_id, sectors.name_zh))
    assert names["lithium_cathode"] == "锂电池正极材料" and names["bio_enzymes"] == "生物酶制剂"
    assert names["agro_processing"] == "农畜产品深加工" and names["ceramics"] == "陶瓷建材"
    # every sector link points at a sector id; every row has a task
    others = entities.loc[entities.type != "sector"]
    assert set(others["sector"]) - {""} <= set(sectors["entity_id"])
    assert (entities["task"] != "").all()
    assert set(vocab.FOCUS_SECTORS) <= set(sectors["entity_id"])


def test_entity_names_are_verbatim_from_the_plan(entities, plan_text):
    for r in entities.itertuples():
        assert r.name_zh in plan_text, (r.entity_id, r.name_zh)
        for p in filter(None, r.partners.split(";")):
            assert p in plan_text, (r.entity_id, p)


def test_the_eight_research_centres_of_task_7(entities, plan_text):
    c7 = entities.loc[(entities.type == "research_centre") & (entities.task == "7")]
    assert len(c7) == 8
    # in the order the plan lists them, exactly as named
    sentence = plan_text[plan_text.index("巩固提升"):plan_text.index("建设能力")]
    listed = sentence.removeprefix("巩固提升").split("、")
    assert list(c7["name_zh"]) == listed
    assert dict(zip(c7.name_zh, c7.sector))["白银市锂电池正极材料工程技术研究中心"] == "lithium_cathode"


def test_anchor_firms_bases_and_partnerships(entities):
    firms = entities.loc[entities.type == "firm"].set_index("name_zh")
    for name in ("甘肃大象能源公司", "德宝公司", "种籽公司", "容和公司", "海佳电泵", "赛诺公司", "丰嘉晟现代农业公司",
                 "顺宝养殖公司", "雪松公司", "恒丰公司", "陇烨公司"):
        assert name in firms.index, name
    assert firms.loc["甘肃大象能源公司", "sector"] == "lithium_cathode"
    assert firms.loc["赛诺公司", "sector"] == "bio_enzymes"
    bases = entities.loc[entities.type == "transfer_base"]
    assert {"9"} <= set(bases["task"])
    assert "锂电产业关键材料研发甘肃省国际科技合作基地" in set(bases["name_zh"])
    assert "平川陶瓷研究中心" in set(entities["name_zh"])
    parts = entities.loc[(entities.type == "partnership") & (entities.task == "4")]
    assert len(parts) == 6
    saino = parts.loc[parts.name_zh.str.startswith("赛诺公司")].iloc[0]
    assert saino["partners"].split(";") == ["赛诺公司", "江南大学", "青岛啤酒股份有限公司"]


# ----------------------------------------------------------------------------- metadata
def test_sector_metrics_metadata(targets):
    m = pd.read_csv(RAW / "metadata" / "sector_metrics.csv", dtype=str, keep_default_na=False)
    assert list(m.columns) == ["metric", "name_zh", "name_en", "unit", "kind", "additive", "district_indicator", "note"]
    assert tuple(m["metric"]) == vocab.SECTOR_METRICS
    units = dict(zip(m.metric, m.unit))
    assert units == {"enterprises": "家", "high_tech_enterprises": "家", "output_value": "亿元", "rd_spending": "万元",
                     "invention_patents": "件", "tech_contract_turnover": "万元", "platforms": "个"}
    assert (m["additive"] == "true").all()
    links = dict(zip(m.metric, m.district_indicator))
    assert links["high_tech_enterprises"] == "high_tech_enterprises"
    assert links["invention_patents"] == "invention_patents_per_10k"
    assert links["tech_contract_turnover"] == "tech_contract_turnover"
    assert set(filter(None, m["district_indicator"])) <= set(targets["id"])


# ----------------------------------------------------------------------------- monitoring data
def test_monitoring_validates_and_covers_the_catalogue(obs, targets):
    assert set(obs["indicator_id"]) == set(targets["id"])
    assert set(obs["region"]) == {"平川区"}
    assert obs["year"].between(2015, 2019).all()
    assert obs["source"].str.contains("illustrative").all()
    assert not obs.duplicated(["indicator_id", "year"]).any()
    assert (obs["value"] >= 0).all()
    units = dict(zip(targets.id, targets.unit))
    assert (obs["unit"] == obs["indicator_id"].map(units)).all()
    counts = set(targets.loc[targets.kind.isin(["count", "milestone"]), "id"])
    v = obs.loc[obs.indicator_id.isin(counts), "value"]
    assert (v == v.round()).all()


def test_metadata_says_illustrative(meta):
    for path in (MON, PANEL):
        m = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
        assert m["illustrative"] is True and m["not_official_statistics"] is True
        for key in ("title_zh", "title_en", "description", "how_made", "generator", "seed"):
            assert m[key], key
        p = provenance(path)
        assert p["illustrative"] is True and "示例" in p["source_zh"]
    readme = (MON.parent / "README.md").read_text(encoding="utf-8")
    assert "不是官方统计数据" in readme and "NOT official statistics" in readme


def test_the_designed_mix(obs, targets, meta):
    design = meta["design"]
    assert sorted(sum(design.values(), [])) == sorted(targets["id"])
    goal = dict(zip(targets.id, targets.value))
    last = obs.sort_values("year").groupby("indicator_id").last()
    met = {i for i, r in last.iterrows() if r.year == 2019 and r.value >= goal[i]}
    assert met == set(design["met_by_2019"])
    npoints = obs.groupby("indicator_id").size()
    assert set(npoints[npoints <= 2].index) == set(design["short_series"])
    # as documented in docs/data.md
    doc = (config.root() / "docs" / "data.md").read_text(encoding="utf-8")
    assert f"{len(met)} targets are already met" in doc
    assert f"{len(design['short_series'])} indicators have only one or two" in doc
    # a few stories
    assert _wide(obs, "high_tech_enterprises")[2019] <= goal["high_tech_enterprises"] / 2
    share = _wide(obs, "strategic_emerging_share")
    assert share.between(0.4, 0.7).all() and (share < 0.7).all() and share.is_monotonic_increasing
    cov = _wide(obs, "poor_village_commissioner_coverage")
    assert cov.is_monotonic_increasing and cov[2019] < 100
    assert _wide(obs, "star_innovation_spaces")[2019] < goal["star_innovation_spaces"] / 2


def test_patents_per_10k_is_stock_over_real_population(obs, meta, population):
    per10k = _wide(obs, "invention_patents_per_10k")
    stock = pd.Series({int(y): v for y, v in meta["patent_stock"].items()})
    expected = stock / population.reindex(stock.index)
    assert np.allclose(per10k.reindex(stock.index), expected, atol=5e-5, rtol=0)
    notes = obs.loc[obs.indicator_id == "invention_patents_per_10k"].set_index("year")["note"]
    for y, s in stock.items():
        assert f"stock {s} 件" in notes[y] and f"{population[y]:g} 万人" in notes[y]


# ----------------------------------------------------------------------------- sector panel
def test_panel_complete_nonnegative(panel):
    assert set(panel["sector"]) == set(MAIN_SECTORS)
    assert set(panel["metric"]) == set(vocab.SECTOR_METRICS)
    assert len(panel) == len(MAIN_SECTORS) * len(vocab.SECTOR_METRICS) * len(YEARS)
    assert not panel.duplicated(["sector", "metric", "year"]).any()
    assert (panel["value"] >= 0).all()
    assert panel["source"].str.contains("illustrative").all()
    zero = panel.query("sector == 'bio_enzymes' and metric == 'tech_contract_turnover' and year == 2015")
    assert zero["value"].item() == 0


def test_panel_adds_up_to_the_district(obs, panel, meta):
    sums = panel.groupby(["metric", "year"])["value"].sum()
    hte = _wide(obs, "high_tech_enterprises")
    turnover = _wide(obs, "tech_contract_turnover")
    for y in YEARS:
        assert sums["high_tech_enterprises", y] == hte[y]
        assert sums["tech_contract_turnover", y] / 1e4 == turnover[y]
        assert sums["invention_patents", y] == meta["patent_stock"][str(y)]


def test_panel_sector_stories(panel):
    w = panel.pivot_table(index=["sector", "year"], columns="metric", values="value")
    growth = lambda s, m: w.loc[(s, 2019), m] / w.loc[(s, 2015), m]  # noqa: E731
    intensity = lambda s, y: w.loc[(s, y), "rd_spending"] / (w.loc[(s, y), "output_value"] * 1e4)  # noqa: E731
    assert growth("lithium_cathode", "output_value") > 3 > growth("ceramics", "output_value") > 1
    assert intensity("lithium_cathode", 2019) > 0.04 > 0.003 > intensity("coal", 2019)
    assert w.loc[("ceramics", 2019), "output_value"] > 10 * w.loc[("lithium_cathode", 2015), "output_value"]
    assert w.loc[("bio_enzymes", 2019), "output_value"] < 1 and w.loc[("bio_enzymes", 2019), "invention_patents"] >= 2
    big = min(w.loc[("coal", 2019), "output_value"], w.loc[("power", 2019), "output_value"])
    assert big > w.loc[("ceramics", 2019), "output_value"]
    assert (w["high_tech_enterprises"] <= w["enterprises"]).all()


# ----------------------------------------------------------------------------- generator
def test_generator_is_byte_reproducible(tmp_path):
    script = MON.parent / "make_illustrative.py"
    res = subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([MON.name, MON.with_suffix(".meta.json").name, PANEL.name,
                            PANEL.with_suffix(".meta.json").name])
    for name in names:
        assert (tmp_path / name).read_bytes() == (MON.parent / name).read_bytes(), name
