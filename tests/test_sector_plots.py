"""Sector charts: assert on the plotted data, not on pixels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.viz import sectors as P
from analysis.model import sectors as S
from analysis import vocab

from tests.sector_fixtures import META_CSV, make_panel

REGISTRY = pd.DataFrame({
    "sector": ["ceramics", "lithium_cathode", "bio_enzymes", "coal"],
    "name_zh": ["陶瓷建材", "锂电池正极材料", "生物酶制剂", "煤炭"],
    "name_en": ["Ceramics", "Cathodes", "Enzymes", "Coal"],
})


@pytest.fixture
def panel():
    return make_panel()


@pytest.fixture
def meta(tmp_path):
    p = tmp_path / "m.csv"
    p.write_text(META_CSV, encoding="utf-8")
    return S.metric_metadata(p)


def by_gid(artists, gid):
    hits = [a for a in artists if a.get_gid() == gid]
    assert hits, gid
    return hits


def test_trends_small_multiples_index(panel, meta):
    fig = P.plot_trends(panel, metric="output_value", index=True, registry=REGISTRY, meta=meta)
    axes = [a for a in fig.axes if a.get_visible()]
    assert len(axes) == 4
    assert [a.get_title(loc="left") for a in axes] == ["陶瓷建材", "锂电池正极材料", "生物酶制剂", "煤炭"]
    (line,) = by_gid(axes[0].lines, "sector:ceramics")
    assert np.allclose(line.get_ydata(), [100, 110, 121])
    (coal,) = by_gid(axes[3].lines, "sector:coal")
    assert np.isnan(np.asarray(coal.get_ydata(), dtype=float)).all()  # no 2017 base
    assert line.get_color() != P.GREY and coal.get_color() == P.GREY_DARK
    assert "2017" in fig.get_suptitle() and "100" in fig.get_suptitle()


def test_trends_choose_sectors_and_levels(panel, meta):
    fig = P.plot_trends(panel, metric="turnover_per_enterprise", sectors=["coal"], registry=REGISTRY,
                        meta=meta, lang="en", col_wrap=2)
    axes = [a for a in fig.axes if a.get_visible()]
    assert axes[0].get_title(loc="left") == "Coal"
    (line,) = by_gid(axes[0].lines, "sector:coal")
    assert np.allclose(line.get_ydata(), [200, 300])  # 1000/5, 1500/5 万元 per enterprise
    assert line.get_color() != P.GREY_DARK  # highlighted
    with pytest.raises(ValueError, match="not in the panel"):
        P.plot_trends(panel, sectors=["steel"], registry=REGISTRY, meta=meta)
    with pytest.raises(ValueError, match="lang"):
        P.plot_trends(panel, lang="fr", registry=REGISTRY, meta=meta)


def test_rank_slope(panel, meta):
    ax = P.plot_rank_slope(panel, metric="output_value", registry=REGISTRY, meta=meta)
    (cer,) = by_gid(ax.lines, "sector:ceramics")
    assert list(cer.get_xdata()) == [0, 1] and list(cer.get_ydata()) == [1, 3]
    (coal,) = by_gid(ax.lines, "sector:coal")
    assert list(coal.get_xdata()) == [1] and list(coal.get_ydata()) == [1]  # only ranked in 2019
    assert coal.get_color() == P.GREY and cer.get_color() != P.GREY
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2017", "2019"]
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # rank 1 on top
    ax2 = P.plot_rank_slope(panel, metric="output_value", years=(2018, 2019), registry=REGISTRY, meta=meta)
    (coal2,) = by_gid(ax2.lines, "sector:coal")
    assert list(coal2.get_ydata()) == [1, 1]


def test_zscore_heatmap(panel, meta):
    ax = P.plot_zscore_heatmap(panel, registry=REGISTRY, meta=meta)
    mat = ax.zscores
    assert list(mat.index) == list(vocab.FOCUS_SECTORS) + ["coal"]
    assert "platforms" in mat.columns and (mat["platforms"] == 0).all()
    assert np.isfinite(mat.to_numpy(dtype=float)).all()
    z = S.zscores(S.with_intensities(panel))
    want = z.loc[(z["year"] == 2019) & (z["metric"] == "tech_contract_turnover")].set_index("sector")["z"]
    assert np.allclose(mat["tech_contract_turnover"], want.reindex(mat.index))
    shown = np.asarray(ax.collections[0].get_array(), dtype=float).reshape(mat.shape)
    assert np.allclose(shown, mat.to_numpy(dtype=float))
    ax2 = P.plot_zscore_heatmap(panel, year=2018, metrics=["output_value", "platforms"], intensities=False,
                                registry=REGISTRY, meta=meta, lang="en")
    assert list(ax2.zscores.columns) == ["output_value", "platforms"]
    assert [t.get_text() for t in ax2.get_yticklabels()][0] == "Ceramics"


def test_contribution_bars_add_up_with_target(panel, meta):
    ax = P.plot_contribution(panel, indicator="tech_contract_turnover", registry=REGISTRY, meta=meta)
    heights: dict[float, float] = {}
    for p in ax.patches:
        if p.get_gid() and p.get_gid().startswith("sector:"):
            x = round(p.get_x() + p.get_width() / 2, 6)
            heights[x] = heights.get(x, 0.0) + p.get_height()
    assert heights == pytest.approx({2017: 0.15, 2018: 0.37, 2019: 0.70})  # 亿元, sums over sectors
    others = [p for p in ax.patches if p.get_gid() == "sector:others"]
    assert [round(p.get_height(), 6) for p in others] == [0, 0.1, 0.15]  # coal in 亿元
    (tl,) = by_gid(ax.lines, "target")
    assert list(tl.get_ydata()) == [1.35, 1.35]
    assert "亿元" in ax.get_ylabel()


def test_contribution_per_10k_uses_population(panel, meta):
    pop = pd.Series({2017: 20.0, 2018: 20.0, 2019: 25.0})
    ax = P.plot_contribution(panel, indicator="invention_patents_per_10k", sectors=["ceramics"],
                             population=pop, registry=REGISTRY, meta=meta, lang="en")
    cer = [p.get_height() for p in ax.patches if p.get_gid() == "sector:ceramics"]
    assert cer == pytest.approx([5 / 20, 6 / 20, 8 / 25])
    (tl,) = by_gid(ax.lines, "target")
    assert tl.get_ydata()[0] == 1.3


def test_illustrative_stamp(panel, meta):
    ax = P.plot_rank_slope(panel, registry=REGISTRY, meta=meta)
    assert vocab.ILLUSTRATIVE_STAMP not in [t.get_text() for t in ax.figure.texts]
    ax = P.plot_rank_slope(panel, registry=REGISTRY, meta=meta,
                           provenance={"illustrative": True, "source_zh": "示例", "source_en": "x"})
    assert vocab.ILLUSTRATIVE_STAMP in [t.get_text() for t in ax.figure.texts]
    # one rule: the .meta.json (provenance), never the panel's source/note columns
    marked = panel.assign(source="illustrative (synthetic) 示例数据", note="示例")
    fig = P.plot_trends(marked, registry=REGISTRY, meta=meta)
    assert vocab.ILLUSTRATIVE_STAMP not in [t.get_text() for t in fig.texts]


def test_illustrative_from_the_meta_json_beside_the_file(panel, meta, tmp_path):
    csv = tmp_path / "panel.csv"
    panel.to_csv(csv, index=False)
    (tmp_path / "panel.meta.json").write_text(
        '{"illustrative": true, "source_zh": "示例面板", "source_en": "sample panel"}', encoding="utf-8")
    ax = P.plot_rank_slope(panel, registry=REGISTRY, meta=meta, lang="en", provenance=str(csv))
    texts = [t.get_text() for t in ax.figure.texts]
    assert vocab.illustrative_stamp("en") == "illustrative data" and "illustrative data" in texts
    assert any(t.startswith("Source: sample panel") for t in texts)


def test_english_titles_translate_units_and_region(panel, meta):
    fig = P.plot_trends(panel, metric="output_value", registry=REGISTRY, meta=meta, lang="en")
    title = fig.get_suptitle()
    assert "亿元" not in title and "100 million yuan" in title
    ax = P.plot_contribution(panel, indicator="tech_contract_turnover", registry=REGISTRY, meta=meta,
                             lang="en")
    assert "亿元" not in ax.get_ylabel() and "100 million yuan" in ax.get_ylabel()
    labels = [t.get_label() for t in ax.get_lines() if t.get_gid() == "target"]
    assert labels and "100 million yuan" in labels[0]
