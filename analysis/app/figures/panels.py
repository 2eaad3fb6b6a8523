"""Layout shared by the report's figures: one panel per region, small multiples, a shared legend."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from analysis import config
from analysis.app.figures.context import ReportContext
from analysis.i18n import t
from analysis.i18n.names import unit_label
from analysis.viz import common

def plot_kw(ctx: ReportContext, lang: str) -> dict:
    cap = ctx.caption("observations", lang)
    return {"targets": ctx.targets, "lang": lang, "as_of": ctx.as_of, "illustrative": cap["illustrative"],
            "source": cap["source"]}


#: Regions drawn one panel each in figures 01-03 (more: figures 05-06 compare them all).
MAX_REGION_PANELS = 6


def report_regions(ctx: ReportContext) -> list[str]:
    """Regions of the scorecard, in its order (the main region first when present)."""
    regions = ctx.assessment.regions
    return sorted(regions, key=lambda r: r != config.DEFAULT_REGION) if config.DEFAULT_REGION in regions else regions


def per_region(ctx: ReportContext, lang: str, draw, *, row_height: float = 0.28, width: float = 7.2, rows=None):
    """One panel per region (up to :data:`MAX_REGION_PANELS`), stacked; every panel its own region.
    ``rows(table) -> int``: how many rows a region's panel draws (default: every target), its height."""
    regions = report_regions(ctx)[:MAX_REGION_PANELS]
    count = rows if rows is not None else len
    n = max(count(ctx.assessment.region(r).table) for r in regions) if regions else 0
    # a figure of its own is at least 3 inches high; a stacked panel of one or two rows less (three
    # countries' one target each drew three 3-inch panels with one bar filling each)
    h = max(3.0 if len(regions) <= 1 else 1.9, row_height * n + 1.2)
    if len(regions) <= 1:
        return draw(ctx.assessment, regions[0] if regions else None, new_axes((width, h)))
    fig, axes = plt.subplots(len(regions), 1, figsize=(width, h * len(regions)), layout="constrained",
                             squeeze=False)
    for ax, r in zip(axes[:, 0], regions):
        draw(ctx.assessment, r, ax)
    return fig


def new_axes(figsize):
    return plt.subplots(figsize=figsize)[1]


def main_region(obs: pd.DataFrame) -> str | None:
    regions = list(dict.fromkeys(obs["region"].astype(str))) if len(obs) else []
    if not regions:
        return None
    return config.DEFAULT_REGION if config.DEFAULT_REGION in regions else regions[0]


def compact_panel(ax) -> list[str]:
    """Small-multiple panel: title wrapped to the panel's width (at most 2 lines), three to four
    year ticks, whole-number y ticks for counts, no per-panel legend (the y unit is shown in
    the figure's language by :func:`render`).

    Returns the panel's footnotes (``* 规划未设期限…``, gid ``horizon_note``), taken out of the
    panel: the figure says each once (:func:`analysis.viz.style.figure_note`)."""
    notes = []
    for text in list(ax.texts):
        if text.get_gid() == "horizon_note":
            notes.append(text.get_text())
            text.remove()
    leg = ax.get_legend()
    if leg is not None:
        leg.remove()
    for title in (ax.title, ax._left_title, ax._right_title):
        if title.get_text():
            title.set_fontsize(7.5)
            title.set_text(common.wrap(title.get_text().replace("\n", " "),
                                       common.chars_for(ax, 7.5), max_lines=2))
    ax.tick_params(labelsize=6.5)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True, min_n_ticks=2))
    # a count (unit 个, 家, 项 ...: no unit in English) gets whole-number ticks
    count = bool(ax.get_ylabel()) and unit_label(ax.get_ylabel(), "en") == ""
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, min_n_ticks=2, integer=count))
    for text in ax.texts:  # per-panel notes ("no deadline in the plan ...") fit the panel too
        if text.get_fontsize() > 6.5:
            text.set_fontsize(6.0)
        text.set_text(common.wrap(text.get_text().replace("\n", " "), common.chars_for(ax, 6.0), max_lines=2))
    ax.xaxis.label.set_visible(False)
    ax.yaxis.label.set_fontsize(6.5)
    return notes


#: Legend entries that name one panel's values ("目标 ≥1 个", "期限 2020") shortened to the
#: generic word for a legend shared by all panels.
_GENERIC_LABELS = ("目标", "期限", "target", "deadline", "Target", "Deadline")


def shared_legend(fig, ax) -> None:
    handles, labels = ax.get_legend_handles_labels()
    seen: dict[str, object] = {}
    for h, lab in zip(handles, labels):
        if lab and not lab.startswith("_"):
            lab = next((g for g in _GENERIC_LABELS if lab.startswith(g + " ")), lab)
            seen.setdefault(lab, h)
    if seen:
        fig.legend(list(seen.values()), list(seen.keys()), loc="outside upper center",
                   ncols=min(len(seen), 6), fontsize=7.5, frameon=False)


def empty_figure(lang: str):
    fig, ax = plt.subplots(figsize=(7.2, 2.0))
    ax.set_axis_off()
    ax.text(0.5, 0.5, t("figures.no_data", lang), ha="center", va="center")
    return fig
