"""Trend charts: an indicator's history, its target and deadline, the forecast fan (one or several regions)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import config
from analysis.i18n import t
from analysis.i18n.names import place_name
from analysis.io.catalogue import horizon_note, indicator_label
from analysis.model import forecast as fc
from analysis.viz.attainment.base import (REGION_COLORS, REGION_MARKERS, TEXT, as_catalogue, colors, fmt_value,
                                          indicator_series, setup_ax, stamp_ax, target_meta)


def trend_plot(data: pd.DataFrame, *, indicator: str, targets=None, region: str | None = None,
               forecast: bool = False, lang: str = "zh", ax=None, as_of: int | None = None,
               illustrative: bool | None = None, source: str | None = None):
    """History of one indicator against its target line and deadline.

    Parameters
    ----------
    data : DataFrame
        Long observations (``region, indicator_id, year, value``).
    indicator : str
        Catalogue id.
    targets : DataFrame or path, optional
        The catalogue (default: the plan's).
    region : str, optional
        Which region (default: 平川区 when present, else the first).
    forecast : bool
        Add the forecast mean and its 80 % / 95 % bands to the deadline.
    lang : {"zh", "en"}
    ax : Axes, optional
    as_of, illustrative, source :
        Passed to the caption stamp; guessed from ``data`` when omitted.

    Returns
    -------
    Axes
        Artists carry gids: ``history`` (line), ``target`` (horizontal line),
        ``deadline`` (vertical line), ``forecast`` (mean line), ``band80``/``band95``.
    """
    cat = as_catalogue(targets)
    if as_of is not None and "year" in data.columns:
        data = data.loc[data["year"] <= as_of]
    if isinstance(region, (list, tuple)):
        return _trend_regions(data, cat, indicator, list(region), forecast=forecast, lang=lang, ax=ax,
                              as_of=as_of, illustrative=illustrative, source=source)
    s, region = indicator_series(data, indicator, region)
    meta = target_meta(cat, indicator, region)
    ax = setup_ax(lang, ax)
    txt = TEXT[lang]
    c_obs, c_tgt, c_fc, c_neu = colors()
    deadline = int(meta["deadline_effective"])
    g = _with_gaps(s)
    ax.plot(g.index.to_numpy(), g.to_numpy(), marker="o", color=c_obs, label=txt["history"], gid="history")
    tops = None
    if forecast and len(s) and deadline > _data_year(data, as_of):
        tops = _fan(ax, s, meta, deadline, txt, c_fc)
    comp = "≥" if meta["comparator"] == ">=" else "≤"
    ax.axhline(float(meta["value"]), color=c_tgt, linestyle="--", linewidth=1.2, gid="target",
               label=f"{txt['target']} {comp}{fmt_value(float(meta['value']))} {meta['unit']}")
    ax.axvline(deadline, color=c_neu, linestyle=":", linewidth=1.0, gid="deadline",
               label=f"{txt['deadline']} {deadline}" + ("*" if bool(meta.get("deadline_assumed")) else ""))
    from matplotlib.ticker import MaxNLocator

    years = list(s.index) + [deadline, min(deadline - 2, config.PLAN_BASELINE_YEAR)]
    ax.set_xlim(min(years) - 0.5, max(years) + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.ticklabel_format(axis="x", useOffset=False, style="plain")
    title = indicator_label(meta, lang, with_unit=False) + ("*" if horizon_note(meta, lang) else "")
    if region and "region" in data.columns and data["region"].nunique() > 1:
        title = t("scorecard.fig.region_title", lang, region=place_name(region, lang), title=title)
    ax.set_title(title)
    ax.set_ylabel(str(meta["unit"]))
    ax.set_xlabel(txt["year"])
    ax.ticklabel_format(axis="y", useOffset=False, style="plain")  # never a "1e6" above the axis
    if tops is not None:
        # a 95 % band that runs far above everything else (counts from three points) would flatten
        # the history and the target into the bottom of the panel: the axis stops above the 80 % band
        # and the history, target and forecast, and a note says the 95 % band goes on
        focus = max([float(np.nanmax(s.to_numpy())), float(meta["value"]), tops[0]])
        low = min([float(np.nanmin(s.to_numpy())), float(meta["value"]), tops[2]])
        core = max([float(np.nanmax(s.to_numpy())), float(meta["value"]), tops[3]])  # no band
        if core > 0 and tops[0] > _RUNAWAY * core:
            # the 80 % band too (2 -> 107 workstations from three points): the axis stops at 2.5 times
            # the history, target and forecast, so they stay readable; a note says both bands go on
            low = min(float(np.nanmin(s.to_numpy())), float(meta["value"]), 0.0)
            ax.set_ylim(low, 2.5 * core)
            ax.text(0.98, 0.97, txt["bands_clipped"], transform=ax.transAxes,
                    ha="right", va="top", fontsize=7, color=c_neu, gid="bands_clipped")
        elif focus > 0 and tops[1] > _RUNAWAY * focus:
            pad = 0.08 * (focus - low)
            ax.set_ylim(low - pad, focus + 2 * pad)
            ax.text(0.98, 0.97, txt["band95_clipped"], transform=ax.transAxes,
                    ha="right", va="top", fontsize=7, color=c_neu, gid="band95_clipped")
    _horizon_footnote(ax, meta, lang, c_neu)
    ax.legend(loc="best", fontsize=8)
    stamp_ax(ax, data, lang, illustrative, source, as_of)
    return ax


def _horizon_footnote(ax, meta, lang: str, color: str) -> None:
    """``* 规划未设期限，按规划期末2020年评估`` under the year axis label (the title carries the ``*``):
    below the panel, so it never lies over the lines. Small multiples (the report's figure 04) take
    it out and say it once under the figure (:func:`analysis.app.figures.panels.compact_panel`)."""
    note = horizon_note(meta, lang)
    if note:
        ax.annotate("* " + note, xy=(0, 0), xycoords=("axes fraction", ax.xaxis.label), xytext=(0, -2),
                    textcoords="offset points", ha="left", va="top", fontsize=7, color=color, gid="horizon_note")


#: A 95 % band whose top is this many times the history, target and 80 % band is cut at the chart's edge.
_RUNAWAY = 5.0


def _fan(ax, s: pd.Series, meta, deadline: int, txt: dict, color: str, *, band95: bool = True,
         suffix: str = "", label: bool = True) -> None:
    kind = meta.get("kind", "level")
    res = fc.fit(s, kind=kind if kind else "level")
    if getattr(res, "insufficient", False) or deadline <= int(s.index[-1]):
        return None
    years = list(range(int(s.index[-1]) + 1, deadline + 1))
    f95 = res.summary_frame(alpha=0.05, years=years)
    f80 = res.summary_frame(alpha=0.20, years=years)
    x0, y0 = int(s.index[-1]), float(s.iloc[-1])
    xs = np.array([x0] + years)

    def _with_anchor(col, frame):
        return np.concatenate([[y0], frame[col].to_numpy(dtype=float)])

    if band95:
        ax.fill_between(xs, _with_anchor("lower", f95), _with_anchor("upper", f95), color=color, alpha=0.18,
                        linewidth=0, label=txt["band95"] if label else "_nolegend_", gid="band95" + suffix)
    ax.fill_between(xs, _with_anchor("lower", f80), _with_anchor("upper", f80), color=color,
                    alpha=0.35 if band95 else 0.2, linewidth=0, label=txt["band80"] if label else "_nolegend_",
                    gid="band80" + suffix)
    ax.plot(xs, _with_anchor("mean", f95), color=color, linestyle="--", marker=".",
            label=txt["forecast"] if label else "_nolegend_", gid="forecast" + suffix)
    top80 = float(np.nanmax(np.r_[_with_anchor("upper", f80), _with_anchor("mean", f95)]))
    low80 = float(np.nanmin(np.r_[_with_anchor("lower", f80), _with_anchor("mean", f95)]))
    return (top80, (float(np.nanmax(_with_anchor("upper", f95))) if band95 else top80), low80,
            float(np.nanmax(_with_anchor("mean", f95))))


def _with_gaps(s: pd.Series) -> pd.Series:
    """``s`` over every year from its first to its last, a missing year NaN: the line breaks there
    (2019 to 2021 drawn straight across an unreported 2020 looked like a 2020 value)."""
    if len(s) < 2:
        return s
    years = range(int(s.index.min()), int(s.index.max()) + 1)
    return s.reindex(years) if len(years) != len(s) else s


def _data_year(data: pd.DataFrame, as_of: int | None) -> int:
    """The year the data run to (``as_of`` when given): once a deadline is that year or earlier, no
    fan is drawn, as the scorecard makes no forecast then (期限已过但期限年未报: 不作预测)."""
    if as_of is not None:
        return int(as_of)
    years = pd.to_numeric(data["year"], errors="coerce") if "year" in data.columns else pd.Series(dtype=float)
    return int(years.max()) if years.notna().any() else -1


def _trend_regions(data: pd.DataFrame, cat: pd.DataFrame, indicator: str, regions: list[str], *, forecast: bool,
                   lang: str, ax, as_of, illustrative, source):
    """Several regions' histories (and 80 % fans) of one indicator on one Axes, one colour each.

    Each region keeps its own target line when the catalogue gives regions different targets.
    Nothing is averaged. Artists carry gids ``history-<region>``, ``forecast-<region>``,
    ``band80-<region>``, ``target-<region>`` (or ``target`` when all regions share it).
    """
    ax = setup_ax(lang, ax)
    txt = TEXT[lang]
    _, c_tgt, _, c_neu = colors()
    metas = {r: target_meta(cat, indicator, r) for r in regions}
    shared = len({(float(m["value"]), m["comparator"]) for m in metas.values()}) == 1
    years: list[int] = []
    for i, r in enumerate(regions):
        color = REGION_COLORS[i % len(REGION_COLORS)]
        s, _ = indicator_series(data, indicator, r)
        meta = metas[r]
        years += list(s.index)
        g = _with_gaps(s)
        ax.plot(g.index.to_numpy(), g.to_numpy(), marker=REGION_MARKERS[i % len(REGION_MARKERS)], markersize=3,
                linestyle="-", color=color, label=place_name(r, lang), gid=f"history-{r}")
        if forecast and len(s) and int(meta["deadline_effective"]) > _data_year(data, as_of):
            _fan(ax, s, meta, int(meta["deadline_effective"]), txt, color, band95=False, suffix=f"-{r}",
                 label=False)
        if not shared:
            ax.axhline(float(meta["value"]), color=color, linestyle="--", linewidth=1.0, gid=f"target-{r}")
    meta = next(iter(metas.values()))
    deadline = int(meta["deadline_effective"])
    if shared:
        comp = "≥" if meta["comparator"] == ">=" else "≤"
        ax.axhline(float(meta["value"]), color=c_tgt, linestyle="--", linewidth=1.2, gid="target",
                   label=f"{txt['target']} {comp}{fmt_value(float(meta['value']))} {meta['unit']}")
    ax.axvline(deadline, color=c_neu, linestyle=":", linewidth=1.0, gid="deadline",
               label=f"{txt['deadline']} {deadline}")
    from matplotlib.ticker import MaxNLocator

    years += [deadline, min(deadline - 2, config.PLAN_BASELINE_YEAR)]
    ax.set_xlim(min(years) - 0.5, max(years) + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(indicator_label(meta, lang, with_unit=False) + ("*" if horizon_note(meta, lang) else ""))
    ax.set_ylabel(str(meta["unit"]))
    ax.set_xlabel(txt["year"])
    _horizon_footnote(ax, meta, lang, c_neu)
    ax.legend(loc="best", fontsize=7)
    stamp_ax(ax, data, lang, illustrative, source, as_of)
    return ax


def fan_chart(data: pd.DataFrame, *, indicator: str, targets=None, region: str | None = None,
              lang: str = "zh", ax=None, as_of: int | None = None, illustrative: bool | None = None,
              source: str | None = None):
    """History plus the forecast's 80 % and 95 % bands to the deadline, and the target.

    The same as :func:`trend_plot` with ``forecast=True``; the bands start at the latest
    observation. With fewer than 3 points (or the deadline already observed) no fan is
    drawn.
    """
    return trend_plot(data, indicator=indicator, targets=targets, region=region, forecast=True, lang=lang,
                      ax=ax, as_of=as_of, illustrative=illustrative, source=source)


def trend_grid(data: pd.DataFrame, *, targets, lang: str = "zh", as_of: int | None = None, ncols: int = 3,
               panel_size: tuple[float, float] = (5.0, 4.3)):
    """Every catalogue indicator's :func:`trend_plot`, one panel each, ``ncols`` to a row (notebook 01).

    With several regions each panel draws one line per region (never an average). The figure is
    laid out once here and then keeps that layout, so showing or saving it does not lay out its
    dozens of panels again.

    Returns
    -------
    Figure
    """
    import matplotlib.pyplot as plt

    cat = as_catalogue(targets)
    ids = list(dict.fromkeys(cat["id"]))
    regions = list(dict.fromkeys(data["region"].astype(str))) if "region" in data.columns else []
    nrows = max(1, -(-len(ids) // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel_size[0] * ncols, panel_size[1] * nrows),
                             layout="constrained", squeeze=False)
    for ax, ind in zip(axes.flat, ids):
        trend_plot(data, indicator=ind, targets=cat, lang=lang, ax=ax, as_of=as_of,
                   region=regions if len(regions) > 1 else None)
    for ax in list(axes.flat)[len(ids):]:
        ax.set_visible(False)
    fig.get_layout_engine().execute(fig)
    fig.set_layout_engine("none")
    return fig
