"""Scenario charts: one scenario's path to its deadline, the three questions, the score.

One function draws a scenario, :func:`scenario_plot`; the report's figures
(``scenario_questions``) and the explorer app both call it, so the app and the report
draw the same figure the same way. Plot functions take computed results
(:class:`~analysis.model.scenarios.ScenarioResult`, :class:`~analysis.model.scenarios.QuestionAnswer`,
:class:`~analysis.model.scenarios.SensitivityResult`) and never load data or run the model.

Axes are sized to what matters: the x axis runs from the first observation to the
deadline (one year beyond it, or to the year a late target is reached), the y axis
to the history, the target and the path *within those years* (a path projected years
past the deadline cannot stretch it), and legends sit outside the data.
"""

from __future__ import annotations

import textwrap
from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.ticker import MaxNLocator

from analysis.errors import InputError
from analysis.i18n import t, words
from analysis.io import catalogue, dataset
from analysis.model.scenarios import text
from analysis.model.scenarios.flows import certificate_flows
from analysis.model.scenarios.result import ScenarioResult
from analysis.model.scenarios.questions import QuestionAnswer
from analysis.viz import style
from analysis.viz.common import wrap

__all__ = ["scenario_plot", "questions_plot", "score_sensitivity_plot", "scenario_view", "alt_text",
           "APP_FIGSIZE", "app_figure", "update_scenario", "wrap_text"]

#: Colours of the scenario charts (Okabe-Ito, as :mod:`analysis.viz.style`).
_C_HISTORY, _C_PATH, _C_COMPARE, _C_TARGET, _C_NEUTRAL = "#000000", "#0072B2", "#009E73", "#D55E00", "#555555"
_C_NEW, _C_RENEWALS, _C_EXPIRIES, _C_INFERRED = "#009E73", "#8FD1BB", "#E69F00", "#BBBBBB"
#: Figure size of the explorer's chart (inches; drawn at 100 dpi and scaled by the browser:
#: narrow enough that its text stays readable on a 360 px phone).
APP_FIGSIZE: tuple[float, float] = (4.8, 4.4)
_SEP = {"zh": "", "en": " "}


def _stamp(fig_or_ax, provenance: Mapping | None, lang: str, as_of: int | None) -> list:
    """The caption and, for illustrative data, the visible note (:func:`analysis.viz.style.stamp`)."""
    prov = dict(provenance) if provenance is not None else dict(dataset.provenance())
    return style.stamp(fig_or_ax, illustrative=bool(prov.get("illustrative", False)),
                       source=str(prov.get(f"source_{lang}", "") or ""), as_of=as_of, lang=lang)


def _join(parts: Sequence[str], lang: str) -> str:
    return _SEP[lang].join(parts)


def wrap_text(text: str, width_em: float) -> str:
    """Wrap ``text`` to lines of about ``width_em`` ems (a CJK character is 1 em, a Latin one about
    half): :func:`analysis.viz.common.wrap`, which keeps Chinese line-breaking rules (no line starts
    with a closing bracket or a comma) and never splits a number or a Latin word."""
    return wrap(text, max(4, int(2 * width_em)))


def _subtitle(ax, title: str, subtitle: str, *, fontsize: float = 8.0, title_size: float | None = None,
              width_in: float | None = None) -> None:
    """The title with a wrapped, smaller subtitle between it and the axes (gid ``answer``)."""
    fig = ax.figure
    if width_in is None:
        width_in = ax.get_position().width * fig.get_figwidth()
    wrapped = wrap_text(subtitle, width_in * 72.0 / fontsize * 0.97) if subtitle else ""
    n = wrapped.count("\n") + 1 if wrapped else 0
    if wrapped:
        ax.annotate(wrapped, xy=(0, 1), xycoords="axes fraction", xytext=(0, 5), textcoords="offset points",
                    ha="left", va="bottom", fontsize=fontsize, color="#222222", linespacing=1.35,
                    gid="answer", annotation_clip=False)
    pad = 5 + n * fontsize * 1.42 + 4 if n else 6
    ax.set_title(title, loc="left", pad=pad, **({"fontsize": title_size} if title_size else {}))


def _reached_value(res: ScenarioResult) -> float | None:
    if res.year_reached is None:
        return None
    years = np.r_[res.history.index.to_numpy(dtype=int), res.years.astype(int)]
    vals = np.r_[res.history.to_numpy(dtype=float), res.path]
    hit = np.nonzero(years == int(res.year_reached))[0]
    return float(vals[hit[-1]]) if len(hit) else None


def _draw_path(ax, res: ScenarioResult, *, color: str, label: str, band: bool, suffix: str = "",
               linestyle="--", band_label: str | None = None, reached_label: str | None = None) -> None:
    """The scenario path (from the latest observation on), its 80 % band and the reached marker."""
    x = np.r_[res.last_year, res.years.astype(int)]
    if band:
        ax.fill_between(x, np.r_[res.last_value, res.lower], np.r_[res.last_value, res.upper], color=color,
                        alpha=0.18, linewidth=0, label=band_label or "_nolegend_", gid="band" + suffix, zorder=2)
    ax.plot(x, np.r_[res.last_value, res.path], color=color, linestyle=linestyle, marker="o", markersize=3,
            linewidth=1.6, label=label, gid="path" + suffix, zorder=4)
    yv = _reached_value(res)
    if yv is not None:
        ax.plot([res.year_reached], [yv], linestyle="none", marker="*", markersize=9 if suffix else 12, color=color,
                markeredgecolor="#000000", markeredgewidth=0.6, label=reached_label or "_nolegend_",
                gid="reached" + suffix, zorder=6)


def _certificate_bars(ax, res: ScenarioResult, lang: str, x1: int | None = None) -> float:
    """Certificates issued (new, renewed; inferred from the stock for observed years) as bars
    above zero and expiring certificates below, year by year, for ``res``'s scenario.
    Returns the lowest bar's bottom up to year ``x1`` (minus the most certificates expiring in a
    year; 0 when none)."""
    T = words("scenarios.plot", lang)
    p = res.scenario.params
    validity = int(p.get("validity") or 3)
    coh = {int(y): float(v) for y, v in (p.get("cohorts") or {}).items()}
    first = int(res.history.index[0])
    w = 0.34
    if coh:
        hist = certificate_flows(coh, res.last_year, validity=validity)
        hist = hist.loc[hist.index >= first]
        ax.bar(hist.index, hist["issued"], width=w, color=_C_INFERRED, edgecolor="none", label=T["inferred"],
               gid="issued_inferred", zorder=1)
        ax.bar(hist.index, -hist["expiries"], width=w, color=_C_EXPIRIES, edgecolor="none", alpha=0.8,
               label=T["expiries"], gid="expiries_observed", zorder=1)
    def lowest(frame) -> float:
        shown = frame["expiries"][frame.index <= (x1 if x1 is not None else frame.index.max())]
        return -float(shown.max()) if len(shown) else 0.0

    low = lowest(hist) if coh and len(hist) else 0.0
    f = res.flows
    if f is None or f.empty:
        return min(low, 0.0)
    yrs = f.index.to_numpy(dtype=int)
    ax.bar(yrs, f["new"], width=w, color=_C_NEW, edgecolor="none", alpha=0.55, label=T["new"], gid="new", zorder=1)
    ax.bar(yrs, f["renewals"], bottom=f["new"], width=w, color=_C_RENEWALS, edgecolor="none", alpha=0.8,
           label=T["renewals"], gid="renewals", zorder=1)
    ax.bar(yrs, -f["expiries"], width=w, color=_C_EXPIRIES, edgecolor="none", alpha=0.8,
           label="_nolegend_" if coh else T["expiries"], gid="expiries", zorder=1)
    ax.axhline(0, color="#333333", linewidth=0.6, zorder=1)
    return min(low, lowest(f), 0.0)


def scenario_view(res: ScenarioResult, compare: Sequence[ScenarioResult] = ()) -> dict:
    """The x and y ranges of a scenario chart (data, target and deadline; nothing past them).

    x runs from the first observation to one year after the deadline, or to the year a
    late target is reached (at most :data:`~analysis.model.scenarios.EXTRA_YEARS` after
    the deadline); y covers the history, the target and the paths and bands within
    those years, from 0 (or below, for negative values) with 12 % headroom.

    Returns
    -------
    dict with ``x0, x1`` (years shown) and ``ylim`` (bottom, top).
    """
    h = res.history
    x0 = int(h.index[0])
    x1 = max(res.deadline + 1, res.last_year + 1)
    for r in (res, *compare):
        if r.year_reached is not None and r.year_reached > x1:
            x1 = min(int(r.year_reached), int(r.years[-1]) if len(r.years) else x1)
    vals = [h.to_numpy(dtype=float), np.array([res.target])]
    for r in (res, *compare):
        keep = r.years <= x1
        vals += [r.path[keep], r.lower[keep], r.upper[keep]]
    v = np.concatenate([np.asarray(a, dtype=float).ravel() for a in vals])
    v = v[np.isfinite(v)]
    lo, hi = (float(v.min()), float(v.max())) if len(v) else (0.0, 1.0)
    lo = min(0.0, lo)
    span = (hi - lo) or max(abs(hi), 1.0)
    return {"x0": x0, "x1": x1, "ylim": (lo - (0.05 * span if lo < 0 else 0.0), hi + 0.12 * span)}


def _scenario_axes(ax, res: ScenarioResult, lang: str, *, compare: Sequence[ScenarioResult] = (),
                   labels: Sequence[str] | None = None, title: str | None = None, subtitle: str | None = None,
                   legend: str = "below", flows: bool = False, view: Mapping | None = None,
                   legend_cols: int = 3, legend_size: float = 7.5) -> None:
    T = words("scenarios.plot", lang)
    h = res.history
    view = view or scenario_view(res, compare)
    labels = list(labels) if labels is not None else [text.pace_label(r, lang) for r in (res, *compare)]
    if flows and res.scenario.scenario_type == "certificates":
        low = _certificate_bars(ax, compare[0] if compare else res, lang, x1=view["x1"])
        if low < 0:  # the expiring certificates are drawn below zero: show them (they were cut off)
            bottom, top = view["ylim"]
            view = {**view, "ylim": (min(bottom, low - 0.08 * (top - low)), top)}
    ax.plot(h.index.to_numpy(dtype=int), h.to_numpy(dtype=float), color=_C_HISTORY, marker="o", markersize=4,
            linewidth=1.6, label=T["history"], gid="history", zorder=5)
    _draw_path(ax, res, color=_C_PATH, label=labels[0], band=True, band_label=T["band"],
               reached_label=T["reached"])
    styles = ["-.", ":", (0, (5, 1))]
    for i, (other, lab) in enumerate(zip(compare, labels[1:])):
        _draw_path(ax, other, color=(_C_COMPARE, _C_NEUTRAL, "#CC79A7")[i % 3], label=lab, band=False,
                   suffix=f"-compare{i}" if i else "-compare", linestyle=styles[i % 3])
    comp = "≥" if res.comparator == ">=" else "≤"
    ax.axhline(res.target, color=_C_TARGET, linestyle="--", linewidth=1.2, gid="target", zorder=3,
               label=f"{T['target']} {comp}{text.quantity(res.target, res.unit, lang)}")
    ax.axvline(res.deadline, color=_C_NEUTRAL, linestyle=":", linewidth=1.0, gid="deadline", zorder=3,
               label=f"{T['deadline']} {res.deadline}")
    ax.set_xlim(view["x0"] - 0.6, view["x1"] + 0.6)
    ax.set_ylim(*view["ylim"])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.ticklabel_format(axis="x", useOffset=False, style="plain")
    ax.set_xlabel(T["year"])
    ax.set_ylabel(text.unit_label(res.unit, lang))
    if legend == "right":
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False, borderaxespad=0)
    elif legend == "below":
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.2), fontsize=legend_size, ncols=legend_cols,
                  frameon=False, borderaxespad=0)
    name = getattr(res, f"name_{lang}") or res.scenario.indicator_id
    _subtitle(ax, title if title is not None else name, res.sentence(lang) if subtitle is None else subtitle)


def scenario_plot(result: ScenarioResult, *, lang: str = "zh", ax=None, compare: Sequence[ScenarioResult] = (),
                  provenance: Mapping | None = None, answer: bool = True, title: str | None = None,
                  path_label: str | None = None, view: Mapping | None = None, legend_cols: int = 3,
                  legend_size: float = 7.5):
    """One scenario: history, the scenario path with its 80 % band, the target, the deadline,
    the year the target is reached, and the one-sentence answer as the subtitle.

    The explorer app draws its chart with this function too.

    Parameters
    ----------
    result : ScenarioResult
        From :func:`analysis.model.scenarios.run` or :func:`~analysis.model.scenarios.run_for`.
    lang : {"zh", "en"}
        Language of the title, legend, axes and the answer sentence.
    ax : Axes, optional
    compare : sequence of ScenarioResult, optional
        Other paths for the same indicator, drawn without a band (e.g. another growth rate).
    provenance : dict, optional
        ``illustrative``, ``source_zh``, ``source_en`` for the caption line
        (default: the bundled monitoring data's, which are illustrative, so the figure
        is stamped "示例数据" / "illustrative data").
    answer : bool
        Print the answer sentence as the subtitle (the app shows it as text instead).
    title : str, optional
        Default: the indicator's name.
    path_label : str, optional
        Legend label of the path (default: its pace, "每年增长15%").
    view : dict, optional
        ``x0, x1, ylim`` to draw with (default :func:`scenario_view`); the app passes a
        view that stays put while a slider moves.
    legend_cols, legend_size : int, float
        Columns and font size of the legend below the axes (the app, read on a phone,
        uses 2 columns of larger text).

    Returns
    -------
    Axes
        Artists carry gids: ``history`` (observed line), ``path`` (the path, starting at
        the latest observation), ``band`` (80 % band, also anchored at the latest
        observation), ``target`` (horizontal line), ``deadline`` (vertical line),
        ``reached`` (star at the year reached; absent when never reached), ``answer``
        (the subtitle); compared paths ``path-compare``, ``path-compare1``, ...
    """
    style.apply(lang)
    if ax is None:
        _, ax = plt.subplots(figsize=style.FIGSIZE, layout="constrained")
    labels = None if path_label is None else [path_label] + [text.pace_label(r, lang) for r in compare]
    _scenario_axes(ax, result, lang, compare=compare, title=title, subtitle=None if answer else "",
                   labels=labels, view=view, legend_cols=legend_cols, legend_size=legend_size)
    _stamp(ax, provenance, lang, result.last_year)
    return ax


def update_scenario(ax, result: ScenarioResult) -> list:
    """Move the path, band and "reached" marker of Axes drawn by :func:`scenario_plot` to
    ``result`` (same indicator and view) and return those artists.

    The explorer redraws only these when a slider moves (the rest of the figure is
    unchanged), so a change costs a few milliseconds instead of a full draw.
    """
    arts = {a.get_gid(): a for a in ax.get_children() if a.get_gid() in ("path", "band", "reached")}
    x = np.r_[result.last_year, result.years.astype(int)]
    arts["path"].set_data(x, np.r_[result.last_value, result.path])
    lo, hi = np.r_[result.last_value, result.lower], np.r_[result.last_value, result.upper]
    arts["band"].set_data(x, lo, hi)
    yv = _reached_value(result)
    if "reached" not in arts:
        (arts["reached"],) = ax.plot([], [], linestyle="none", marker="*", markersize=12, color=_C_PATH,
                                     markeredgecolor="#000000", markeredgewidth=0.6, label="_nolegend_",
                                     gid="reached", zorder=6)
    arts["reached"].set_data([] if yv is None else [result.year_reached], [] if yv is None else [yv])
    return [arts["band"], arts["path"], arts["reached"]]


def alt_text(result: ScenarioResult, lang: str = "zh") -> str:
    """A text alternative of :func:`scenario_plot` (the chart's ``alt``): what it shows, in one paragraph."""
    name = getattr(result, f"name_{lang}") or result.scenario.indicator_id
    return t("scenarios.alt", lang, name=name, first=int(result.history.index[0]), last=result.last_year,
             value=text.quantity(result.last_value, result.unit, lang),
             target=text.quantity(result.target, result.unit, lang), deadline=result.deadline,
             answer=result.sentence(lang))


def app_figure() -> Figure:
    """A figure for the explorer (no pyplot, fixed margins so a redraw costs no layout pass), in the
    house style like the report's scenario figure (an Axes takes its spines and grid from the style
    in force when it is made: before, the first explorer of a process drew a box without a grid)."""
    style.apply()
    fig = Figure(figsize=APP_FIGSIZE, dpi=100, layout="none")
    fig.subplots_adjust(left=0.14, right=0.97, top=0.91, bottom=0.42)
    # "none" keeps a placeholder engine: savefig restores the engine it found, and restoring
    # no engine at all would pick up the house style's constrained layout (slow)
    fig.set_layout_engine(PlaceHolderLayoutEngine(adjust_compatible=True, colorbar_gridspec=True))
    fig.add_subplot(1, 1, 1)
    return fig


def _question_subtitle(qa: QuestionAnswer, lang: str) -> str:
    res = qa.result
    parts = [res.sentence(lang)]
    parts += [c.sentence(lang) for c, k in zip(qa.compare, qa.compare_kinds) if k == "alternative"]
    parts.append(res.required_sentence(lang))
    parts.append(text.probability_sentence(res, lang))
    return _join([p for p in parts if p], lang)


def questions_plot(answers: Sequence[QuestionAnswer], *, lang: str = "zh", axes=None,
                   provenance: Mapping | None = None):
    """Small multiples answering the researchers' questions (:func:`question_results`).

    One panel per question, titled with the question, the computed answer as subtitle
    (the scenario's sentence, the compared path's, what is still required per year and
    the probability of meeting the target on time):

    * growth (technology-contract turnover): the question's rate (15 %) with its 80 %
      band against the compared rate (25 %) and the target;
    * certificates (high-tech enterprises): the stock at the recent pace of new
      certifications against the pace required to reach the target by the deadline,
      with that scenario's flows as bars: new certifications and renewals above zero,
      certificates expiring after three years below (grey: issued, inferred from the
      observed stock);
    * per capita (invention patents per 10,000): the recent pace of grants with the
      shrinking population against the required pace.

    Parameters
    ----------
    answers : sequence of QuestionAnswer
    lang : {"zh", "en"}
    axes : sequence of Axes, optional
        One per answer (default: a new figure, one row per answer).
    provenance : dict, optional
        As in :func:`scenario_plot`.

    Returns
    -------
    ndarray of Axes
        One per answer, with the gids of :func:`scenario_plot`; certificate panels add
        bars ``new``, ``renewals``, ``expiries`` and ``issued_inferred``.
    """
    style.apply(lang)
    answers = list(answers)
    if not answers:
        raise ValueError("no answered question to plot (see question_results)")
    if axes is None:
        width = style.FIGSIZE[0]
        fig, axes = plt.subplots(len(answers), 1, figsize=(width, 2.95 * len(answers) + 0.2), squeeze=False,
                                 layout="constrained")
        axes = axes[:, 0]
        fig.get_layout_engine().set(h_pad=0.12, hspace=0.06)
    axes = np.asarray(axes, dtype=object).ravel()
    if len(axes) != len(answers):
        raise ValueError(f"need one Axes per answer: {len(answers)} answers, {len(axes)} axes")
    T = words("scenarios.plot", lang)
    for ax, qa in zip(axes, answers):
        res = qa.result
        labels = [text.pace_label(res, lang)] + [text.pace_label(c, lang) for c in qa.compare]
        if "required" in qa.compare_kinds:
            labels[0] = t("scenarios.plot.labelled", lang, a=T["recent"], b=labels[0])
            labels[1:] = [t("scenarios.plot.labelled", lang, a=T["required"], b=lab) if k == "required" else lab
                          for lab, k in zip(labels[1:], qa.compare_kinds)]
        # the legend sits to the right of the axes: the text column is narrower than the axes
        _scenario_axes(ax, res, lang, compare=qa.compare, labels=labels, title=qa.question(lang),
                       subtitle=_question_subtitle(qa, lang), legend="right", flows=True)
    _stamp(axes[0], provenance, lang, max(qa.result.last_year for qa in answers))
    return axes


def _group_label(group: str, by: str, lang: str, names: Mapping[str, str] | None) -> str:
    if names and group in names:
        return str(names[group])
    if by == "task":
        return t("scenarios.plot.all", lang) if group == "—" else text.task_label(group, lang)
    return str(group)


def _sector_names(lang: str) -> dict:
    try:
        ent = catalogue.load_entities()
    except (OSError, InputError):  # names are a nicety; ids are shown without them
        return {}
    col = f"name_{lang}"
    if "entity_id" not in ent or col not in ent:
        return {}
    return {str(i): str(n) for i, n in zip(ent["entity_id"], ent[col]) if str(n)}


def score_sensitivity_plot(sens, *, lang: str = "zh", axes=None, by: str = "task",
                           names: Mapping[str, Mapping[str, str] | str] | None = None,
                           provenance: Mapping | None = None, as_of: int | None = None):
    """The composite score (考核评分) by task or sector and each group's rank range when the
    weights are perturbed (:func:`sensitivity`).

    Left: each group's score (weighted mean progress, %) as a bar, the total as a dashed
    line with its 5-95 % range under weight noise shaded. Right: the rank without noise
    (dot), its 5-95 % range over the draws (thick line), min-max (thin line) and the
    probability that the rank changes (text, when above 0).

    Parameters
    ----------
    sens : SensitivityResult or mapping {"task" | "sector" | "indicator": SensitivityResult}
        A mapping draws one row per grouping (in its order).
    lang : {"zh", "en"}
    axes : array of Axes, optional
        Shape (rows, 2): score and rank panel per row (default: a new figure).
    by : {"task", "sector", "indicator"}
        Grouping of a single ``sens`` (for its labels).
    names : mapping, optional
        Display names of groups: ``{group: name}`` or ``{by: {group: name}}``
        (default: "任务N" / "task N"; sector names from the plan's entities).
    provenance : dict, optional
        As in :func:`scenario_plot`.
    as_of : int, optional
        Year of the data, for the caption.

    Returns
    -------
    ndarray of Axes, shape (rows, 2)
        Score panel gids: ``score-<by>`` (bars, in rank order from the top), ``total``,
        ``total_range``; rank panel: ``rank-<by>`` (dots), ``rank_range-<by>`` and
        ``rank_minmax-<by>`` (line collections, one segment per group).
    """
    style.apply(lang)
    rows = list(sens.items()) if isinstance(sens, Mapping) else [(by, sens)]
    if not rows:
        raise ValueError("nothing to plot: no sensitivity result")
    T = words("scenarios.plot", lang)
    sizes = [len(s.groups) for _, s in rows]
    if axes is None:
        width = style.FIGSIZE[0]
        fig, axes = plt.subplots(len(rows), 2, figsize=(width, sum(0.24 * n + 0.95 for n in sizes) + 0.5),
                                 squeeze=False, width_ratios=(1.6, 1.0), sharey="row", layout="constrained",
                                 gridspec_kw={"height_ratios": [max(n, 1) + 3.0 for n in sizes]})
    axes = np.asarray(axes, dtype=object).reshape(len(rows), 2)
    first = rows[0][1]
    tot = first.total
    for (grouping, s), (ax_s, ax_r) in zip(rows, axes):
        g = s.groups
        gnames = names.get(grouping, names) if isinstance(names, Mapping) and grouping in names else names
        if gnames is None and grouping == "sector":
            gnames = _sector_names(lang)
        n = len(g)
        y = np.arange(n)[::-1].astype(float)
        score = g["score"].to_numpy(dtype=float) * 100
        # a group none of whose targets is reported: 0 (scored so), said 未报送 rather than 0%
        if "reported" in g:
            score = np.where(g["reported"].to_numpy() == 0, np.nan, score)
        ok = ~np.isnan(score)
        ax_s.barh(y, np.where(ok, score, 0.0), height=0.62, color=_C_PATH, alpha=0.85, edgecolor="none",
                  gid=f"score-{grouping}", zorder=2)
        for yi, v in zip(y, score):
            ax_s.text((0 if np.isnan(v) else v) + 1.5, yi, T["no_data"] if np.isnan(v) else f"{v:.0f}%",
                      va="center", ha="left", fontsize=7, color=_C_NEUTRAL, zorder=3)
        ax_s.axvspan(tot["p05"] * 100, tot["p95"] * 100, color=_C_TARGET, alpha=0.15, linewidth=0,
                     gid="total_range", label=T["total_range"], zorder=1)
        ax_s.axvline(tot["base"] * 100, color=_C_TARGET, linestyle="--", linewidth=1.2, gid="total",
                     label=f"{T['total']} {tot['base']:.1%}", zorder=4)
        ax_s.set_xlim(0, 112)
        ax_s.set_ylim(-0.7, n - 0.3)
        ticks = [_group_label(str(x), grouping, lang, gnames) for x in g["group"]]
        if lang == "en":  # long English sector names on two lines
            ticks = ["\n".join(textwrap.wrap(t, 34)) or t for t in ticks]
        ax_s.set_yticks(y, ticks)
        ax_s.tick_params(axis="y", labelsize=7.5)
        ax_s.set_xlabel(T["score"])
        ax_s.grid(True, axis="x", color="#DDDDDD", linewidth=0.6)
        ax_s.grid(False, axis="y")
        ax_s.set_title(T[f"by_{grouping}"] if f"by_{grouping}" in T else str(grouping), loc="left")
        # rank panel
        r = g["rank"].to_numpy(dtype=float)
        rk = ~np.isnan(r)
        ax_r.hlines(y[rk], g["rank_min"].to_numpy(dtype=float)[rk], g["rank_max"].to_numpy(dtype=float)[rk],
                    color="#999999", linewidth=1.0, gid=f"rank_minmax-{grouping}", label=T["rank_minmax"])
        ax_r.hlines(y[rk], g["rank_p05"].to_numpy(dtype=float)[rk] - 0.12,
                    g["rank_p95"].to_numpy(dtype=float)[rk] + 0.12, color=_C_PATH, linewidth=4.5, alpha=0.45,
                    gid=f"rank_range-{grouping}", label=T["rank_p90"])
        ax_r.scatter(r[rk], y[rk], s=18, color=_C_HISTORY, zorder=3, gid=f"rank-{grouping}", label=T["rank_base"])
        pc = g["p_rank_change"].to_numpy(dtype=float)
        top = max(np.nanmax(g["rank_max"].to_numpy(dtype=float)) if rk.any() else 1.0, 2.0)
        for yi, p in zip(y, pc):
            if p > 0:
                ax_r.text(top + 0.9, yi, f"{p:.0%}", va="center", ha="left", fontsize=7, color=_C_NEUTRAL)
        ax_r.set_xlim(0.4, top + 2.4)
        ax_r.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax_r.set_xlabel(T["rank"])
        ax_r.grid(True, axis="x", color="#EEEEEE", linewidth=0.6)
        ax_r.grid(False, axis="y")
        ax_r.tick_params(axis="y", left=False, labelleft=False)
        ax_r.set_title(f"{T['rank']} · {T['p_change']}" if pc[~np.isnan(pc)].any() else T["rank"],
                       loc="left", fontsize=8.5)
    fig = axes[0, 0].figure
    # legends in the first row only, where the rank order leaves room: bars shorten towards
    # the bottom of the score panel, ranks grow towards its right
    axes[0, 0].legend(loc="lower right", fontsize=7, frameon=True, facecolor="white", edgecolor="none",
                      framealpha=0.9)
    axes[0, 1].legend(loc="upper right", fontsize=7, frameon=True, facecolor="white", edgecolor="none",
                      framealpha=0.9)
    head = T["score_title"].format(total=f"{tot['base']:.1%}", p05=f"{tot['p05']:.1%}", p95=f"{tot['p95']:.1%}")
    sub = T["rank_title"].format(lo=f"{1 - first.spread:g}", hi=f"{1 + first.spread:g}", n=first.n)
    if getattr(first, "n_missing", 0):
        sub += T["unreported"].format(n=first.n_missing)
    fig.suptitle(f"{head}\n{sub}", x=0.01, ha="left", fontsize=9.5, linespacing=1.4)
    _stamp(fig, provenance, lang, as_of)
    return axes

