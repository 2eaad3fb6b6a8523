"""Charts for the sector comparison (matplotlib/seaborn).

Four charts, each computed from a long sector panel with :mod:`analysis.model.sectors`:

=========================  ===============================================  ===========
function                   shows                                            returns
=========================  ===============================================  ===========
:func:`plot_trends`        small multiples: each sector's trend (level or   ``Figure``
                           index, base year = 100), others faint behind
:func:`plot_rank_slope`    slope chart of ranks between two years           ``Axes``
:func:`plot_zscore_heatmap` sectors x metrics, z-scores in one year          ``Axes``
:func:`plot_contribution`  stacked bars by year of the sectors'             ``Axes``
                           contributions to a district target, target line
=========================  ===============================================  ===========

Highlighting: the sectors in ``sectors=`` (default :data:`analysis.vocab.FOCUS_SECTORS`)
get the house colours; every other sector is drawn in grey (in the contribution chart the
others are summed into one grey "其他行业 / other sectors" segment). Labels come from the
sector registry (``entities.csv``) and the metric metadata in ``lang`` ("zh" or "en").

Provenance: pass ``provenance=dataset.provenance(path)`` (the ``.meta.json`` beside the
data file says whether it is illustrative; see :func:`analysis.viz.common.provenance`).
Without it the data are taken as unknown: stamped with no source and not as illustrative.
Figures are stamped with :func:`analysis.viz.common.stamp` (caption + "示例数据 /
illustrative data"). Words come from :mod:`analysis.i18n` (``figures.sectors.*``), units and
the region name in English from :mod:`analysis.i18n.names`; long labels are wrapped
(:func:`analysis.viz.common.wrap`).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from analysis import config
from analysis import vocab
from analysis.i18n import check_lang, t
from analysis.i18n.names import place_name, unit_label, with_unit
from analysis.io import catalogue
from analysis.model import sectors as S
from analysis.model.sectors.panel import as_panel, metric_order, panel_units
from analysis.model.sectors.registry import registry_or_none
from analysis.viz import common, style

GREY = "#BBBBBB"
GREY_DARK = "#777777"
_GID_PREFIX = "sector:"
#: Half-width columns a sector name may take on one line before it wraps.
LABEL_WIDTH = 26


# ----------------------------------------------------------------------------- helpers
def _apply(lang: str) -> None:
    check_lang(lang)
    style.apply(lang)


def _palette() -> tuple[str, ...]:
    # skip black and grey: they read as "not highlighted"
    return tuple(c for c in style.PALETTE if c.upper() not in ("#000000", "#999999"))


def _stamp(fig_or_ax, provenance: dict | None, lang: str, as_of: int | None) -> None:
    common.stamp(fig_or_ax, provenance, lang=lang, as_of=as_of)


def _region(panel: pd.DataFrame, region: str | None) -> str:
    regions = list(dict.fromkeys(panel["region"].astype(str)))
    if region is not None:
        if region not in regions:
            raise ValueError(f"region {region!r} not in the panel; it has: {', '.join(regions)}")
        return region
    return config.DEFAULT_REGION if config.DEFAULT_REGION in regions else regions[0]


def _focus(sectors: Iterable[str] | None, present: Iterable[str]) -> list[str]:
    present = list(present)
    focus = list(vocab.FOCUS_SECTORS if sectors is None else sectors)
    if sectors is not None:
        bad = [s for s in focus if s not in present]
        if bad:
            raise ValueError(f"sectors not in the panel: {', '.join(bad)}; it has: {', '.join(present)}")
    return [s for s in focus if s in present]


def sector_colors(all_sectors: Iterable[str], focus: Iterable[str]) -> dict[str, str]:
    """Colour per sector: house colours for the focus sectors (in order), grey for the rest."""
    pal = _palette()
    focus = list(focus)
    return {s: (pal[focus.index(s) % len(pal)] if s in focus else GREY) for s in all_sectors}


def _labels(registry, meta):
    if registry is None:
        registry = registry_or_none()
    if meta is None:
        meta = S.metric_metadata()
    return registry, meta


def _prepare(panel: pd.DataFrame, region: str | None, with_intensities: bool = False):
    df = S.with_intensities(panel) if with_intensities else as_panel(panel)
    reg = _region(df, region)
    return df.loc[df["region"] == reg].copy(), reg


def _units(df: pd.DataFrame) -> dict[str, str]:
    return panel_units(df)


def _name(sector: str, lang: str, registry, width: int | None = LABEL_WIDTH) -> str:
    """A sector's display name, wrapped at ``width`` half-width columns."""
    name = S.sector_label(sector, lang, registry)
    return common.wrap(name, width) if width else name


def _metric(metric: str, lang: str, meta, unit: str | None) -> str:
    """A metric's display name with its unit in ``lang`` (no unit for plain counts in English)."""
    if unit is None and meta is not None and metric in meta.index:
        unit = str(meta.loc[metric, "unit"]) or None
    return with_unit(S.metric_label(metric, lang, meta, with_unit=False), unit, lang)


# ------------------------------------------------------------------------------ charts
def plot_trends(data: pd.DataFrame, *, metric: str = "output_value", sectors: Iterable[str] | None = None,
                region: str | None = None, index: bool = False, base_year: int | None = None,
                lang: str = "zh", col_wrap: int = 3, fig: plt.Figure | None = None,
                provenance: dict | None = None, registry: pd.DataFrame | None = None,
                meta: pd.DataFrame | None = None) -> plt.Figure:
    """Small multiples: one panel per sector with its trend, every other sector faint behind.

    Parameters
    ----------
    data : DataFrame
        Long sector panel.
    metric : str
        A panel metric or derived intensity (:data:`analysis.model.sectors.INTENSITIES`).
    sectors : list of str, optional
        Sectors to highlight (default :data:`analysis.vocab.FOCUS_SECTORS`); they come
        first and in colour, the rest follow in grey.
    index : bool
        Plot ``value / value[base_year] x 100`` (:func:`analysis.model.sectors.index_to_base`)
        instead of levels, so sectors of different size compare.
    fig : Figure, optional
        Draw into this figure (it is cleared); default a new one.

    Returns
    -------
    Figure
        One Axes per sector (``fig.axes``, in panel order); the sector's own line has gid
        ``"sector:<id>"``.
    """
    _apply(lang)
    df, reg = _one_metric(data, metric, region)
    registry, meta = _labels(registry, meta)
    unit = _units(df).get(metric, "")
    col = "value"
    if index:
        df = S.index_to_base(df, base_year)
        col = "index"
        base_year = int(df["year"].min()) if base_year is None else int(base_year)
    present = list(dict.fromkeys(df["sector"]))
    focus = _focus(sectors, present)
    order = focus + [s for s in present if s not in focus]
    colors = sector_colors(present, focus)
    n = len(order)
    ncol = max(1, min(col_wrap, n))
    nrow = int(np.ceil(n / ncol))
    if fig is None:
        fig = plt.figure(figsize=(2.6 * ncol + 0.6, 2.0 * nrow + 0.9))
    else:
        fig.clear()
    axes = fig.subplots(nrow, ncol, sharex=True, sharey=True, squeeze=False).ravel()
    series = {s: g.sort_values("year") for s, g in df.groupby("sector")}
    for ax, s in zip(axes, order):
        for other in order:
            if other == s:
                continue
            g = series[other]
            ax.plot(g["year"], g[col], color="#E3E3E3", lw=0.8, ls="-", zorder=1)
        g = series[s]
        ax.plot(g["year"], g[col], color=colors[s] if s in focus else GREY_DARK,
                lw=2.2 if s in focus else 1.5, ls="-", marker="o", ms=3, zorder=3, gid=_GID_PREFIX + s)
        ax.set_title(_name(s, lang, registry, common.chars_for(ax, plt.rcParams["axes.titlesize"])),
                     loc="left", color=colors[s] if s in focus else GREY_DARK)
        if index:
            ax.axhline(100, color="#999999", lw=0.6, ls=":", zorder=0)
    for ax in axes[n:]:
        ax.set_visible(False)
    years = sorted(df["year"].unique())
    for ax in axes[:n]:
        ax.set_xticks(years if len(years) <= 6 else years[:: max(1, len(years) // 5)])
        ax.tick_params(axis="x", labelrotation=0)
    label = _metric(metric, lang, meta, unit)
    region_name = place_name(reg, lang)
    if index:
        title = t("figures.sectors.index_title", lang, label=label, base=base_year, region=region_name)
    else:
        title = t("figures.sectors.trend_title", lang, label=label, region=region_name)
    fig.suptitle(title, x=0.01, ha="left")
    _stamp(fig, provenance, lang, int(df["year"].max()))
    return fig


def _one_metric(data: pd.DataFrame, metric: str, region: str | None) -> tuple[pd.DataFrame, str]:
    """The panel's rows of one metric (intensities derived when asked for) and the region shown."""
    df, reg = _prepare(data, region, with_intensities=metric in S.INTENSITIES)
    df = df.loc[df["metric"] == metric]
    if df.empty:
        raise ValueError(f"metric {metric!r} not in the panel")
    return df, reg


def plot_rank_slope(data: pd.DataFrame, *, metric: str = "output_value",
                    years: tuple[int, int] | None = None, sectors: Iterable[str] | None = None,
                    region: str | None = None, lang: str = "zh", ax: plt.Axes | None = None,
                    provenance: dict | None = None, registry: pd.DataFrame | None = None,
                    meta: pd.DataFrame | None = None) -> plt.Axes:
    """Slope chart of each sector's rank (1 = largest) in two years.

    Ranks come from :func:`analysis.model.sectors.rank_change` (computed across all sectors of
    the panel). Each sector is a line from its rank in year A (x = 0) to year B (x = 1);
    highlighted sectors are coloured and labelled at both ends, the others grey. Lines
    carry gid ``"sector:<id>"``; a sector missing a year is drawn as a single point.
    """
    _apply(lang)
    df, reg = _one_metric(data, metric, region)
    registry, meta = _labels(registry, meta)
    a, b = (int(df["year"].min()), int(df["year"].max())) if years is None else map(int, years)
    rc = S.rank_change(df, a, b)
    present = list(dict.fromkeys(df["sector"]))
    focus = _focus(sectors, present)
    colors = sector_colors(present, focus)
    if ax is None:
        longest = max((max(common.text_width(line) for line in _name(x, lang, registry).split("\n"))
                       for x in present), default=10)
        label_in = longest * 0.068 + 0.4  # inches of one side's labels (8.5 pt, 0.55 em a column)
        _, ax = plt.subplots(figsize=(max(6.0, 2.2 + 2 * label_in), 0.42 * len(present) + 1.6))
    rc = rc.set_index("sector")
    left: dict[int, list[tuple[str, str]]] = {}
    right: dict[int, list[tuple[str, str]]] = {}
    for s in [x for x in present if x not in focus] + focus:  # focus drawn on top
        if s not in rc.index:
            continue
        ra, rb = rc.loc[s, "rank_a"], rc.loc[s, "rank_b"]
        xs = [x for x, r in ((0, ra), (1, rb)) if not pd.isna(r)]
        ys = [float(r) for r in (ra, rb) if not pd.isna(r)]
        hi = s in focus
        ax.plot(xs, ys, color=colors[s], lw=2.4 if hi else 1.2, ls="-", marker="o", ms=6 if hi else 4,
                zorder=3 if hi else 2, gid=_GID_PREFIX + s)
        name = _name(s, lang, registry)
        tc = colors[s] if hi else GREY_DARK
        if not pd.isna(ra):
            left.setdefault(int(ra), []).append((name, tc))
        if not pd.isna(rb):
            right.setdefault(int(rb), []).append((name, tc))
    n = max(len(present), 1)
    ax.set_ylim(n + 0.5, 0.5)
    ax.set_xlim(-0.15, 1.15)
    ax.set_xticks([0, 1], [str(a), str(b)])
    ax.grid(False)
    # sector names as tick labels (left: year A, right: year B) so the layout makes room for them
    twin = ax.twinx()
    twin.set_ylim(ax.get_ylim())
    for axis, ranks, fmt in ((ax, left, "{name}  {r}"), (twin, right, "{r}  {name}")):
        ticks = sorted(ranks)
        axis.set_yticks(ticks, [fmt.format(name=" / ".join(nm for nm, _ in ranks[r]), r=r) for r in ticks])
        for lab, r in zip(axis.get_yticklabels(), ticks):
            lab.set_color(ranks[r][-1][1])
            lab.set_fontsize(8.5)
        axis.tick_params(axis="y", length=0)
        axis.grid(False)
        for side in ("left", "right", "top"):
            axis.spines[side].set_visible(False)
    ax.rank_labels = {"left": {r: [nm for nm, _ in v] for r, v in left.items()},
                      "right": {r: [nm for nm, _ in v] for r, v in right.items()}}
    label = _metric(metric, lang, meta, _units(df).get(metric))
    ax.set_title(common.wrap(t("figures.sectors.rank_title", lang, label=label, a=a, b=b,
                               region=place_name(reg, lang)), 90), loc="center")
    _stamp(ax, provenance, lang, b)
    return ax


def plot_zscore_heatmap(data: pd.DataFrame, *, year: int | None = None,
                        metrics: Iterable[str] | None = None, sectors: Iterable[str] | None = None,
                        region: str | None = None, intensities: bool = True, lang: str = "zh",
                        ax: plt.Axes | None = None, provenance: dict | None = None,
                        registry: pd.DataFrame | None = None, meta: pd.DataFrame | None = None,
                        annotate: bool = True) -> plt.Axes:
    """Heatmap of standardised metrics: sectors (rows) x metrics (columns) in one year.

    Cells are z-scores across sectors (:func:`analysis.model.sectors.zscores`; a metric with
    no variance is 0), on a diverging colour map centred at 0 and symmetric. Highlighted
    sectors come first, their row labels in colour. ``year`` defaults to the last year.
    The plotted matrix is ``ax.zscores`` (DataFrame, sectors x metrics) for reuse.
    """
    _apply(lang)
    df, reg = _prepare(data, region, with_intensities=intensities)
    year = int(df["year"].max()) if year is None else int(year)
    if metrics is not None:
        metrics = list(metrics)
        bad = [m for m in metrics if m not in set(df["metric"])]
        if bad:
            raise ValueError(f"metrics not in the panel: {', '.join(bad)}")
        df = df.loc[df["metric"].isin(metrics)]
    registry, meta = _labels(registry, meta)
    z = S.zscores(df)
    z = z.loc[z["year"] == year]
    if z.empty:
        raise ValueError(f"no data in {year}")
    present = list(dict.fromkeys(df["sector"]))
    focus = _focus(sectors, present)
    order = focus + [s for s in present if s not in focus]
    morder = metric_order(z["metric"]) if metrics is None else [m for m in metrics]
    mat = z.pivot_table(index="sector", columns="metric", values="z", aggfunc="first", dropna=False)
    mat = mat.reindex(index=[s for s in order if s in mat.index], columns=morder)
    if ax is None:
        _, ax = plt.subplots(figsize=(1.0 * len(morder) + 2.6, 0.45 * len(mat) + 1.8))
    lim = max(1.0, float(np.nanmax(np.abs(mat.to_numpy(dtype=float)))) if mat.notna().any().any() else 1.0)
    cmap = style.DIVERGING_CMAP
    with warnings.catch_warnings():  # seaborn 0.13 calls the deprecated Colormap.set_bad
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        import seaborn as sns  # here: seaborn (and scipy.stats) cost 0.6-0.8 s of every start

        sns.heatmap(mat.astype(float), ax=ax, cmap=cmap, center=0, vmin=-lim, vmax=lim,
                    annot=annotate, fmt=".1f", linewidths=0.5, linecolor="white",
                    cbar_kws={"label": t("figures.sectors.z_label", lang), "shrink": 0.8})
    units = _units(df)
    # one column of labels per cell, wrapped to the cell's width (less a small gap)
    per_cell = max(6, int(common.chars_for(ax, 7.5) / max(len(mat.columns), 1)) - 2)
    ax.set_xticklabels([common.wrap(_metric(m, lang, meta, units.get(m)), per_cell, max_lines=4)
                        for m in mat.columns], rotation=0, ha="center", fontsize=7.5)
    ax.set_yticklabels([_name(s, lang, registry) for s in mat.index], rotation=0)
    colors = sector_colors(present, focus)
    for lab, s in zip(ax.get_yticklabels(), mat.index):
        lab.set_color(colors[s] if s in focus else GREY_DARK)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    ax.set_title(t("figures.sectors.heatmap_title", lang, year=year, region=place_name(reg, lang)))
    ax.zscores = mat
    _stamp(ax, provenance, lang, year)
    return ax


def plot_contribution(data: pd.DataFrame, *, indicator: str = "tech_contract_turnover",
                      sectors: Iterable[str] | None = None, region: str | None = None,
                      targets: pd.DataFrame | None = None, population=None, lang: str = "zh",
                      ax: plt.Axes | None = None, provenance: dict | None = None,
                      registry: pd.DataFrame | None = None, meta: pd.DataFrame | None = None) -> plt.Axes:
    """Stacked bars by year of the sectors' contributions to a district target, with the target line.

    Values are converted to the catalogue unit by :func:`analysis.model.sectors.contributions`
    (万元 -> 亿元; patent stock / population for 件/万人). Highlighted sectors are stacked
    first in colour; all other sectors are summed into one grey segment, so the bar height
    is the district total. Each bar segment has gid ``"sector:<id>"`` (``"sector:others"``);
    the target line has gid ``"target"``.

    Parameters
    ----------
    indicator : str
        Catalogue indicator id (``tech_contract_turnover``, ``invention_patents_per_10k``,
        ``high_tech_enterprises``) or the panel metric linked to it.
    targets, population : optional
        Passed to :func:`analysis.model.sectors.contributions`.
    """
    _apply(lang)
    df, reg = _prepare(data, region)
    registry, meta = _labels(registry, meta)
    targets = catalogue.load_targets() if targets is None else targets
    con = S.contributions(df, indicator, targets=targets, meta=meta, population=population)
    if con.empty:
        raise ValueError(f"no sector data linked to {indicator!r}")
    ind = con["indicator_id"].iloc[0]
    con = con.loc[con["indicator_id"] == ind]
    tgt = catalogue.target(targets, ind)
    present = list(dict.fromkeys(con["sector"]))
    focus = _focus(sectors, present)
    colors = sector_colors(present, focus)
    wide = con.pivot_table(index="year", columns="sector", values="value", aggfunc="sum")
    years = list(wide.index)
    if ax is None:
        _, ax = plt.subplots()
    bottom = np.zeros(len(years))
    others = [s for s in present if s not in focus]
    segments = [(s, wide[s].fillna(0).to_numpy(), colors[s], _name(s, lang, registry)) for s in focus]
    if others:
        segments.append(("others", wide[others].fillna(0).sum(axis=1).to_numpy(), GREY,
                         t("figures.sectors.others", lang)))
    for key, vals, color, label in segments:
        bars = ax.bar(years, vals, bottom=bottom, color=color, label=label, width=0.65,
                      edgecolor="white", linewidth=0.6)
        for b in bars:
            b.set_gid(_GID_PREFIX + key)
        bottom = bottom + vals
    target = float(tgt["value"])
    ty = int(tgt["deadline_effective"])
    unit = unit_label(tgt["unit"], lang)
    tl = t("figures.sectors.target_line", lang, year=ty, value=f"{target:g}", unit=unit).strip()
    ax.axhline(target, color=style.TARGET_COLOR, ls="--", lw=1.4, label=tl, gid="target")
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylim(0, max(target, float(np.nanmax(bottom)) if len(bottom) else target) * 1.12)
    name = catalogue.indicator_label(tgt, lang, with_unit=False)
    ax.set_ylabel(common.wrap(f"{name} ({unit})" if unit else name, 40))
    ax.set_title(common.wrap(t("figures.sectors.contribution_title", lang, name=name,
                               region=place_name(reg, lang)), 70))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    _stamp(ax, provenance, lang, int(max(years)))
    return ax
