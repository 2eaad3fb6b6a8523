"""Charts of the district beside Baiyin, Gansu and the nation (:mod:`analysis.model.benchmarks`).

=================================  ==========================================================
function                           shows
=================================  ==========================================================
:func:`plot_benchmark`             one compared indicator: each region's series (level, or per
                                   resident for totals), the district's marked illustrative
:func:`plot_benchmark_levels`      the family: one panel per compared indicator (a Figure)
:func:`plot_benchmark_growth`      average annual growth of each compared indicator by region,
                                   with the years each rate covers; "no data" where none
=================================  ==========================================================

The sources of the public values (hosts of their ``source_url``) and of the population are
written under the title; the report's caption line adds the data source and the
illustrative stamp.
"""

from __future__ import annotations

import math
import re
import textwrap

import matplotlib.pyplot as plt
import numpy as np

from analysis.i18n import has, t
from analysis.i18n.names import unit_label
from analysis.model.benchmarks import MAIN_REGIONS, Benchmarks, source_label
from analysis.viz import style

SOURCES_GID = "benchmark-sources"
#: Characters per line unit for wrapping (a Chinese character is about twice a Latin one wide).
_CHARS: dict[str, int] = {"zh": 10, "en": 16}
#: Colour, line style and marker per region (district in the house "observed" blue, dashed).
REGION_STYLE: dict[str, dict] = {
    "平川区": dict(color=style.OBSERVED_COLOR, linestyle="--", marker="o"),
    "白银市": dict(color="#CC79A7", linestyle=":", marker="s"),
    "甘肃省": dict(color=style.FORECAST_COLOR, linestyle="-", marker="D"),
    "中国": dict(color="#555555", linestyle="-", marker="^"),
}


def _check(bench, lang: str) -> None:
    style.apply(lang)
    if not isinstance(bench, Benchmarks):
        raise TypeError(f"expected Benchmarks (analysis.model.benchmarks.benchmarks), got {type(bench).__name__}")


def region_label(region: str, bench: Benchmarks, lang: str) -> str:
    """Region name in ``lang``; the district's says "illustrative" when it is."""
    if region == bench.district and bench.illustrative:
        return t("ledger.bench.fig.district_illustrative", lang)
    key = f"ledger.bench.region.{region}"
    return t(key, lang) if has(key) else region


def sources_text(bench: Benchmarks, lang: str, width: int = 120) -> str:
    """``Sources: Pingchuan illustrative; Gansu: gansu.gov.cn, ...; population: ...`` (wrapped); a host
    that is not the government's own marked second-hand (:func:`~analysis.model.benchmarks.source_label`)."""
    sep = t("ledger.sep_clause", lang)
    parts = []
    for region, hosts in bench.sources.items():
        if not hosts:
            continue
        name = t("ledger.bench.population", lang) if region == "population" else region_label(region, bench, lang)
        # a page quoting the figure second-hand marked so (m.novel.qq.com（转引）), as the report's table does
        parts.append(t("common.label", lang, label=name) + t("report.list_sep", lang).join(
            source_label(h, lang) for h in hosts))
    text = t("ledger.bench.fig.sources", lang, sources=sep.join(parts))
    if not bench.illustrative:
        text = text.split(sep, 1)[-1] if sep in text else text
    return _wrap_at_separators(text, width)


def _wrap_at_separators(text: str, width: int) -> str:
    """``text`` in lines of at most about ``width`` characters, broken after a separator or a space
    (、；, ;), never inside a host name (Chinese has no spaces: textwrap cut m.lycygs.|cn)."""
    pieces = re.findall(r"[^、；，,;\s]+(?:[、；，,;]\s*|\s+|$)", text)
    lines, line = [], ""
    for piece in pieces:
        if line and len(line) + len(piece.rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        line += piece
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


def _indicator_name(bench: Benchmarks, indicator_id: str, lang: str) -> str:
    row = bench.coverage.set_index("indicator_id").loc[indicator_id]
    return row[f"name_{lang}"]


def plot_benchmark(bench: Benchmarks, indicator_id: str, *, lang: str = "zh", ax=None, legend: bool = True):
    """One compared indicator: each region's series (levels; per resident for totals)."""
    _check(bench, lang)
    if indicator_id not in bench.compared:
        raise ValueError(f"{indicator_id!r} is not compared (no comparable public series); compared: "
                         f"{', '.join(bench.compared)}")
    if ax is None:
        _, ax = plt.subplots(figsize=style.FIGSIZE)
    lv = bench.levels.loc[bench.levels["indicator_id"] == indicator_id]
    measure = lv["measure"].iloc[0]
    unit = lv["unit"].iloc[0]
    for region in dict.fromkeys([bench.district] + list(lv["region"])):
        r = lv.loc[lv["region"] == region].sort_values("year")
        if r.empty:
            continue
        st = REGION_STYLE.get(region, dict(color="#999999", linestyle="-", marker="o"))
        ax.plot(r["year"], r["value"], label=region_label(region, bench, lang), linewidth=1.6, markersize=5,
                gid=f"region:{region}", **st)
    ax.set_title(t("ledger.bench.fig.panel_title", lang, indicator=_indicator_name(bench, indicator_id, lang),
                   measure=t(f"ledger.bench.measure.{measure}", lang)),
                 loc="left", fontsize=plt.rcParams["font.size"] * 0.95)
    ax.set_ylabel(unit_label(unit, lang))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_ylim(bottom=0)
    if legend:
        ax.legend(frameon=False, fontsize=plt.rcParams["font.size"] * 0.8)
    return ax


def plot_benchmark_levels(bench: Benchmarks, *, lang: str = "zh", fig=None):
    """The benchmark family: one panel per compared indicator, a shared legend and the sources."""
    _check(bench, lang)
    ids = bench.compared
    if fig is None:
        # no layout engine: the positions below leave room for the suptitle and the sources
        fig = plt.figure(figsize=(7.2, 4.0 if len(ids) <= 3 else 6.8), layout="none")
    ncol = min(3, max(1, len(ids)))
    nrow = math.ceil(len(ids) / ncol) if ids else 1
    axes = fig.subplots(nrow, ncol, squeeze=False).ravel()
    handles = {}
    for ax, ind in zip(axes, ids):
        plot_benchmark(bench, ind, lang=lang, ax=ax, legend=False)
        for h, lab in zip(*ax.get_legend_handles_labels()):
            handles.setdefault(lab, h)
        ax.tick_params(labelsize=plt.rcParams["font.size"] * 0.75)
        ax.title.set_fontsize(plt.rcParams["font.size"] * 0.8)
        ax.set_title(textwrap.fill(ax.get_title(loc="left"), _CHARS[lang] * 16 // 10), loc="left",
                     fontsize=plt.rcParams["font.size"] * 0.8)
    for ax in axes[len(ids):]:
        ax.set_visible(False)
    fig.suptitle(t("ledger.bench.fig.levels_title", lang), x=0.01, y=0.995, ha="left", va="top")
    src = sources_text(bench, lang, _CHARS[lang] * 10)
    fig.text(0.01, 0.925, src, ha="left", va="top", fontsize=plt.rcParams["font.size"] * 0.62,
             color=style.NEUTRAL_COLOR, gid=SOURCES_GID)
    fig.legend(list(handles.values()), list(handles.keys()), loc="lower center", ncol=len(handles),
               frameon=False, bbox_to_anchor=(0.5, 0.0), fontsize=plt.rcParams["font.size"] * 0.8)
    n_lines = src.count("\n") + 1
    height = fig.get_figheight()
    top = 1 - (0.32 + 0.12 * n_lines + 0.42) / height          # inches: suptitle, sources, panel titles
    engine = fig.get_layout_engine()
    if engine is None or engine.adjust_compatible:
        fig.subplots_adjust(left=0.08, right=0.98, top=top, bottom=0.62 / height, wspace=0.42,
                            hspace=0.6)
    return fig


def plot_benchmark_growth(bench: Benchmarks, *, lang: str = "zh", ax=None):
    """Average annual growth (%) of each compared indicator by region, labelled with the years
    each rate covers; "no data" where a region has fewer than two years in the district's window."""
    _check(bench, lang)
    ids = bench.compared
    has_rate = set(bench.growth.loc[bench.growth["cagr"].notna(), "region"])
    regions = [r for r in dict.fromkeys([bench.district, *MAIN_REGIONS] + list(bench.growth["region"]))
               if r == bench.district or r in MAIN_REGIONS or r in has_rate]
    if ax is None:
        _, ax = plt.subplots(figsize=(7.2, max(3.2, 1.1 * len(ids) + 1.6)))
    g = bench.growth.set_index(["indicator_id", "region"])
    h = 0.8 / len(regions)
    finite = [v for v in bench.growth["cagr"] if v == v]
    span = max([abs(v) for v in finite] + [1.0])
    for j, region in enumerate(regions):
        st = REGION_STYLE.get(region, dict(color="#999999"))
        ys, vals = [], []
        for i, ind in enumerate(ids):
            y = i - 0.4 + h * (j + 0.5)
            v = g["cagr"].get((ind, region), np.nan)
            ys.append(y)
            vals.append(v)
            if v == v:
                row = g.loc[(ind, region)]
                ax.text(v + span * 0.02 if v >= 0 else v - span * 0.02, y,
                        t("ledger.bench.fig.rate", lang, rate=f"{v:.1f}", first=int(row["first_year"]),
                          last=int(row["last_year"])),
                        va="center", ha="left" if v >= 0 else "right", fontsize=plt.rcParams["font.size"] * 0.7)
            else:
                ax.text(span * 0.02, y, t("ledger.bench.fig.no_value", lang), va="center", ha="left",
                        fontsize=plt.rcParams["font.size"] * 0.7, color=style.NEUTRAL_COLOR)
        ax.barh(ys, [0 if v != v else v for v in vals], height=h * 0.9, color=st["color"],
                hatch="//" if region == bench.district and bench.illustrative else "",
                edgecolor="white", label=region_label(region, bench, lang), gid=f"region:{region}")
    ax.axvline(0, color=style.NEUTRAL_COLOR, linewidth=0.8)
    ax.set_yticks(range(len(ids)))
    ax.set_yticklabels([textwrap.fill(_indicator_name(bench, i, lang), _CHARS[lang]) for i in ids])
    ax.invert_yaxis()
    ax.set_xlim(min(0, min(finite + [0]) * 1.3), span * 1.55)
    ax.set_xlabel(t("ledger.bench.unit.growth", lang))
    ax.legend(frameon=False, loc="lower right", fontsize=plt.rcParams["font.size"] * 0.8)
    ax.set_title(t("ledger.bench.fig.growth_title", lang), loc="left", pad=30)
    ax.annotate(sources_text(bench, lang, _CHARS[lang] * 9), xy=(0, 1), xycoords="axes fraction",
                xytext=(0, 4), textcoords="offset points", ha="left", va="bottom",
                fontsize=plt.rcParams["font.size"] * 0.6, color=style.NEUTRAL_COLOR, gid=SOURCES_GID)
    return ax


__all__ = ["plot_benchmark", "plot_benchmark_levels", "plot_benchmark_growth", "sources_text", "region_label",
           "REGION_STYLE"]
