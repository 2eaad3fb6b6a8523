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

Provenance: pass ``provenance=dataset.provenance(path)``; without it a panel whose
``source``/``note`` mention "illustrative" or "示例" is treated as illustrative. Figures
are stamped with :func:`analysis.viz.style.stamp` (caption + "示例数据 / illustrative data");
if the style module is unavailable a plain note is added instead.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from analysis import config
from analysis.model import sectors as S
from analysis import vocab

GREY = "#BBBBBB"
GREY_DARK = "#777777"
_FALLBACK_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
OTHERS_LABEL = {"zh": "其他行业", "en": "other sectors"}
_GID_PREFIX = "sector:"


# ----------------------------------------------------------------------------- helpers
def _style():
    try:
        from analysis.viz import style
    except ImportError:  # pragma: no cover - the style module ships with the suite
        return None
    return style


def _apply(lang: str) -> None:
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    st = _style()
    if st is not None and hasattr(st, "apply"):
        st.apply(lang)


def _palette() -> tuple[str, ...]:
    st = _style()
    pal = getattr(st, "PALETTE", None) if st is not None else None
    # skip black and grey: they read as "not highlighted"
    pal = [c for c in (pal or _FALLBACK_PALETTE) if c.upper() not in ("#000000", "#999999")]
    return tuple(pal)


def _provenance(panel: pd.DataFrame, provenance: dict | None, lang: str) -> tuple[bool, str]:
    if provenance is not None:
        src = provenance.get("source_zh" if lang == "zh" else "source_en", "") or ""
        return bool(provenance.get("illustrative", False)), str(src)
    text = " ".join(str(x) for c in ("source", "note") if c in panel.columns
                    for x in panel[c].dropna().unique())
    illustrative = "illustrative" in text.lower() or "示例" in text
    return illustrative, ""


def _stamp(fig_or_ax, panel: pd.DataFrame, provenance: dict | None, lang: str,
           as_of: int | None) -> None:
    illustrative, source = _provenance(panel, provenance, lang)
    st = _style()
    if st is not None and hasattr(st, "stamp"):
        st.stamp(fig_or_ax, illustrative=illustrative, source=source, as_of=as_of, lang=lang)
        return
    if illustrative:  # pragma: no cover - fallback without the style module
        fig = fig_or_ax if isinstance(fig_or_ax, plt.Figure) else fig_or_ax.figure
        fig.text(0.99, 0.005, vocab.ILLUSTRATIVE_STAMP, ha="right", va="bottom", color="#B2182B",
                 fontsize=8, gid="analysis-illustrative")


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
        registry = S._registry_or_none()
    if meta is None:
        meta = S.metric_metadata()
    return registry, meta


def _prepare(panel: pd.DataFrame, region: str | None, with_intensities: bool = False):
    df = S.with_intensities(panel) if with_intensities else S._as_panel(panel)
    reg = _region(df, region)
    return df.loc[df["region"] == reg].copy(), reg


def _units(df: pd.DataFrame) -> dict[str, str]:
    return S._units(df)


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
        ax.set_title(S.sector_label(s, lang, registry), loc="left",
                     color=colors[s] if s in focus else GREY_DARK)
        if index:
            ax.axhline(100, color="#999999", lw=0.6, ls=":", zorder=0)
    for ax in axes[n:]:
        ax.set_visible(False)
    years = sorted(df["year"].unique())
    for ax in axes[:n]:
        ax.set_xticks(years if len(years) <= 6 else years[:: max(1, len(years) // 5)])
        ax.tick_params(axis="x", labelrotation=0)
    label = S.metric_label(metric, lang, meta, unit=unit)
    if index:
        title = (f"{label}:指数({base_year}年=100) · {reg}" if lang == "zh"
                 else f"{label}: index ({base_year} = 100) · {reg}")
    else:
        title = f"{label} · {reg}"
    fig.suptitle(title, x=0.01, ha="left")
    _stamp(fig, data, provenance, lang, int(df["year"].max()))
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
        longest = max((len(S.sector_label(x, lang, registry)) for x in present), default=10)
        label_in = longest * (0.13 if lang == "zh" else 0.068) + 0.4  # inches of one side's labels
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
        name = S.sector_label(s, lang, registry)
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
    label = S.metric_label(metric, lang, meta, unit=_units(df).get(metric))
    ax.set_title(f"{label}:行业排名 {a}→{b}(1=最大)· {reg}" if lang == "zh"
                 else f"{label}: sector rank {a}→{b} (1 = largest) · {reg}")
    _stamp(ax, data, provenance, lang, b)
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
    import seaborn as sns

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
    morder = S._metric_order(z["metric"]) if metrics is None else [m for m in metrics]
    mat = z.pivot_table(index="sector", columns="metric", values="z", aggfunc="first", dropna=False)
    mat = mat.reindex(index=[s for s in order if s in mat.index], columns=morder)
    if ax is None:
        _, ax = plt.subplots(figsize=(1.0 * len(morder) + 2.6, 0.45 * len(mat) + 1.8))
    lim = max(1.0, float(np.nanmax(np.abs(mat.to_numpy(dtype=float)))) if mat.notna().any().any() else 1.0)
    st = _style()
    cmap = getattr(st, "DIVERGING_CMAP", "PuOr") if st is not None else "PuOr"
    with warnings.catch_warnings():  # seaborn 0.13 calls the deprecated Colormap.set_bad
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        sns.heatmap(mat.astype(float), ax=ax, cmap=cmap, center=0, vmin=-lim, vmax=lim,
                    annot=annotate, fmt=".1f", linewidths=0.5, linecolor="white",
                    cbar_kws={"label": "z" if lang == "en" else "标准分数 z", "shrink": 0.8})
    units = _units(df)
    ax.set_xticklabels([S.metric_label(m, lang, meta, unit=units.get(m)) for m in mat.columns],
                       rotation=35, ha="right")
    ax.set_yticklabels([S.sector_label(s, lang, registry) for s in mat.index], rotation=0)
    colors = sector_colors(present, focus)
    for t, s in zip(ax.get_yticklabels(), mat.index):
        t.set_color(colors[s] if s in focus else GREY_DARK)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    ax.set_title(f"各行业指标标准分数(z,{year}年)· {reg}" if lang == "zh"
                 else f"Sector metrics, standardised across sectors (z, {year}) · {reg}")
    ax.zscores = mat
    _stamp(ax, data, provenance, lang, year)
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
    from analysis.io import catalogue

    _apply(lang)
    df, reg = _prepare(data, region)
    registry, meta = _labels(registry, meta)
    targets = catalogue.load_targets() if targets is None else targets
    con = S.contributions(df, indicator, targets=targets, meta=meta, population=population)
    if con.empty:
        raise ValueError(f"no sector data linked to {indicator!r}")
    ind = con["indicator_id"].iloc[0]
    con = con.loc[con["indicator_id"] == ind]
    t = catalogue.target(targets, ind)
    present = list(dict.fromkeys(con["sector"]))
    focus = _focus(sectors, present)
    colors = sector_colors(present, focus)
    wide = con.pivot_table(index="year", columns="sector", values="value", aggfunc="sum")
    years = list(wide.index)
    if ax is None:
        _, ax = plt.subplots()
    bottom = np.zeros(len(years))
    others = [s for s in present if s not in focus]
    segments = [(s, wide[s].fillna(0).to_numpy(), colors[s], S.sector_label(s, lang, registry))
                for s in focus]
    if others:
        segments.append(("others", wide[others].fillna(0).sum(axis=1).to_numpy(), GREY, OTHERS_LABEL[lang]))
    for key, vals, color, label in segments:
        bars = ax.bar(years, vals, bottom=bottom, color=color, label=label, width=0.65,
                      edgecolor="white", linewidth=0.6)
        for b in bars:
            b.set_gid(_GID_PREFIX + key)
        bottom = bottom + vals
    target = float(t["value"])
    ty = int(t["deadline_effective"])
    tl = (f"{ty}年目标 {target:g} {t['unit']}" if lang == "zh" else f"{ty} target {target:g} {t['unit']}")
    ax.axhline(target, color=_target_color(), ls="--", lw=1.4, label=tl, gid="target")
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylim(0, max(target, float(np.nanmax(bottom)) if len(bottom) else target) * 1.12)
    ax.set_ylabel(catalogue.indicator_label(t, lang))
    ax.set_title(f"{catalogue.indicator_label(t, lang, with_unit=False)}:各行业贡献 · {reg}" if lang == "zh"
                 else f"{catalogue.indicator_label(t, lang, with_unit=False)}: contribution by sector · {reg}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    _stamp(ax, data, provenance, lang, int(max(years)))
    return ax


def _target_color() -> str:
    st = _style()
    return getattr(st, "TARGET_COLOR", "#D55E00") if st is not None else "#D55E00"
