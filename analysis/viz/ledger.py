"""Charts of the task ledger (任务台账), drawn from :class:`analysis.model.ledger.LedgerAnalysis`.

==============================  ===============================================================
function                        shows
==============================  ===============================================================
:func:`plot_status_grid`        tasks x reporting periods, each cell the task's status
:func:`plot_by_unit`            tasks per responsible unit, stacked by status
:func:`plot_by_phase`           tasks per due phase (实施 / 巩固), stacked by status
:func:`plot_late`               the plan's phases on a time line, each task's span, the as-of
                                date and the late tasks with their reasons
:func:`plot_consistency`        each task with targets: the ledger's status beside its targets'
                                scorecard statuses; the disagreements marked
==============================  ===============================================================

Each takes the computed analysis (never a file), ``lang`` ("zh"/"en") and ``ax`` and returns the
Axes. The ledger's own source and as-of date are written under the title (the report's caption
line names the monitoring data); an illustrative ledger says so there too.
"""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch, Rectangle

from analysis import vocab
from analysis.i18n import t, zh_punctuation
from analysis.i18n.names import unit_names
from analysis.io.ledger import PHASES, STATUS_COLORS, STATUS_HATCHES, period_display, status_label
from analysis.model.ledger import STATUS_ORDER, LedgerAnalysis, combine, late_reason
from analysis.model.text import date_text
from analysis.viz import style
from analysis.viz.common import wrap, wrap_ticklabels

NOTE_GID = "ledger-note"
_EDGE = "#777777"
#: White box behind labels drawn on hatched cells, so they stay legible.
_LABEL_BOX = dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85)


def _check(analysis, lang: str) -> None:
    style.apply(lang)
    if not isinstance(analysis, LedgerAnalysis):
        raise TypeError(f"expected a LedgerAnalysis (analysis.model.ledger.analyse), got {type(analysis).__name__}")


def task_label(task_id: str, title: str, title_en: str, lang: str) -> str:
    """``11. 不断强化高层次人才引进培养`` / ``11. High-level talent`` (一(四) as the overall goals)."""
    if task_id == "一(四)":
        return t("ledger.fig.goal_label", lang)
    return f"{task_id}. {dict(zh=title, en=title_en)[lang]}"


def _note(ax, analysis: LedgerAnalysis, lang: str, offset: float = 3.0) -> None:
    """The ledger's source and as-of date under the title."""
    parts = [t("ledger.fig.as_of", lang, as_of=date_text(analysis.as_of, lang))]
    src = analysis.source.get(lang) or ""
    if src:
        parts.append(zh_punctuation(src))  # 示例任务台账（虚构），… (a text without Chinese is left as it is)
    if analysis.illustrative:
        parts.append(vocab.illustrative_stamp(lang))
    ax.annotate(t("ledger.sep_clause", lang).join(parts), xy=(0.0, 1.0), xycoords="axes fraction",
                xytext=(0, offset), textcoords="offset points", ha="left", va="bottom",
                fontsize=plt.rcParams["font.size"] * 0.8,
                color=style.STAMP_COLOR if analysis.illustrative else style.NEUTRAL_COLOR, gid=NOTE_GID)


def _title(ax, key: str, lang: str, pad: float = 18) -> None:
    ax.set_title(t(key, lang), loc="left", pad=pad)


def _legend(ax, statuses, lang: str, **kw) -> None:
    handles = [Patch(facecolor=STATUS_COLORS[s], hatch=STATUS_HATCHES[s], edgecolor=_EDGE,
                     label=status_label(s, lang)) for s in statuses]
    ax.legend(handles=handles, frameon=False, **kw)


# ------------------------------------------------------------------------------ status grid
def status_grid(analysis: LedgerAnalysis) -> pd.DataFrame:
    """Task x period table of combined statuses (``not_reported`` where nobody reported)."""
    led = analysis.ledger
    if analysis.as_of is not None and len(led):
        led = led.loc[[pe <= analysis.as_of for pe in led["period_end"]]]
    periods = (led[["period", "period_end"]].drop_duplicates().sort_values("period_end")["period"].tolist()
               if len(led) else [])
    rows = {}
    for task in analysis.tasks.itertuples(index=False):
        mine = led.loc[led["task_id"] == task.task_id] if len(led) else led
        rows[task.task_id] = [combine(mine.loc[mine["period"] == p, "status"]) if len(mine) else "not_reported"
                              for p in periods]
    return pd.DataFrame.from_dict(rows, orient="index", columns=periods)


def plot_status_grid(analysis: LedgerAnalysis, *, lang: str = "zh", ax=None):
    """Each task's status in each reporting period (rows: tasks in plan order)."""
    _check(analysis, lang)
    grid = status_grid(analysis)
    n, m = grid.shape
    if ax is None:
        _, ax = plt.subplots(figsize=(7.2, max(3.0, 0.3 * n + 1.4)))
    for i, task_id in enumerate(grid.index):
        for j, p in enumerate(grid.columns):
            s = grid.iloc[i, j]
            ax.add_patch(Rectangle((j, i), 1, 1, facecolor=STATUS_COLORS[s], hatch=STATUS_HATCHES[s],
                                   edgecolor="white" if s != "not_reported" else "#DDDDDD", linewidth=1.2,
                                   gid=f"cell:{task_id}:{p}:{s}"))
            ax.text(j + 0.5, i + 0.5, status_label(s, lang), ha="center", va="center",
                    fontsize=plt.rcParams["font.size"] * 0.75, color="black", bbox=_LABEL_BOX)
    tk = analysis.tasks.set_index("task_id")
    ax.set_xlim(0, max(m, 1))
    ax.set_ylim(n, 0)
    ax.set_yticks([i + 0.5 for i in range(n)])
    ax.set_yticklabels([task_label(k, tk.loc[k, "title"], tk.loc[k, "title_en"], lang) for k in grid.index])
    ax.set_xticks([j + 0.5 for j in range(m)])
    ax.set_xticklabels([period_display(p, lang) for p in grid.columns])
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    _title(ax, "ledger.fig.status_title", lang, pad=36)
    _note(ax, analysis, lang, offset=20)
    present = [x for x in STATUS_ORDER if (grid == x).any().any()]
    _legend(ax, present, lang, loc="upper left", bbox_to_anchor=(0, -0.01), ncol=5,
            fontsize=plt.rcParams["font.size"] * 0.8)
    return ax


# ------------------------------------------------------------------------------ stacked bars
def _stacked(ax, table: pd.DataFrame, labels: list[str], lang: str) -> None:
    left = pd.Series(0, index=table.index, dtype=float)
    for s in [x for x in STATUS_ORDER if table[x].sum() > 0]:
        vals = table[s].astype(float)
        ax.barh(range(len(table)), vals, left=left, color=STATUS_COLORS[s], hatch=STATUS_HATCHES[s],
                edgecolor=_EDGE, linewidth=0.6, label=status_label(s, lang), gid=f"status:{s}")
        for i, (v, l0) in enumerate(zip(vals, left)):
            if v > 0:
                ax.text(l0 + v / 2, i, f"{int(v)}", ha="center", va="center",
                        fontsize=plt.rcParams["font.size"] * 0.8, color="black", bbox=_LABEL_BOX)
        left = left + vals
    ax.set_yticks(range(len(table)))
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    ax.set_xlabel(t("ledger.fig.axis_tasks", lang))
    ax.xaxis.get_major_locator().set_params(integer=True)
    if ax.get_legend_handles_labels()[0]:  # (no bars, e.g. --as-of before the plan: no legend, no warning)
        ax.legend(frameon=False, loc="lower right", fontsize=plt.rcParams["font.size"] * 0.8)


def plot_by_unit(analysis: LedgerAnalysis, *, lang: str = "zh", ax=None):
    """Tasks per responsible unit, stacked by the unit's latest status on each."""
    _check(analysis, lang)
    table = analysis.by_unit
    if ax is None:
        _, ax = plt.subplots(figsize=(7.2, max(2.6, 0.38 * len(table) + 1.4)))
    labels = [unit_names(u, lang) or t("ledger.fig.unit_unnamed", lang) for u in table.index]
    labels = wrap_ticklabels(labels, 26, max_lines=2)  # long names (English, several units) on two lines
    _stacked(ax, table, labels, lang)
    _title(ax, "ledger.fig.units_title", lang)
    _note(ax, analysis, lang)
    return ax


def plot_by_phase(analysis: LedgerAnalysis, *, lang: str = "zh", ax=None):
    """Tasks per due phase (实施 / 巩固), stacked by status."""
    _check(analysis, lang)
    table = analysis.by_phase
    if ax is None:
        _, ax = plt.subplots(figsize=(7.2, 2.8))
    labels = [f"{t(f'ledger.phase.{p}', lang)}" for p in table.index]
    _stacked(ax, table, labels, lang)
    _title(ax, "ledger.fig.phases_title", lang)
    _note(ax, analysis, lang)
    return ax


# ------------------------------------------------------------------------------ late tasks
def plot_late(analysis: LedgerAnalysis, *, lang: str = "zh", ax=None):
    """The plan's phases on a time line; each task's span from its start to its due date
    (an open arrow for 巩固); the as-of date; late tasks in red with their reasons."""
    _check(analysis, lang)
    st = analysis.status
    n = len(st)
    if ax is None:
        _, ax = plt.subplots(figsize=(7.2, max(3.2, 0.3 * n + 1.6)))
    x0, x1 = dt.date(2019, 1, 1), dt.date(2021, 12, 31)
    if analysis.as_of is not None and analysis.as_of > x1:
        x1 = dt.date(analysis.as_of.year, 12, 31)
    shades = {"筹备": "#F2F2F2", "实施": "#E5EEF7", "巩固": "#EEF5EA"}
    for name, (a, b) in PHASES.items():
        ax.axvspan(a, b or x1, color=shades[name], zorder=0, gid=f"phase:{name}")
        ax.text(a + (((b or x1) - a) / 2), -0.9, t(f"ledger.phase.{name}", lang), ha="center", va="bottom",
                fontsize=plt.rcParams["font.size"] * 0.8, color=style.NEUTRAL_COLOR)
    late = analysis.late.set_index("task_id") if len(analysis.late) else pd.DataFrame()
    for i, r in enumerate(st.itertuples(index=False)):
        end = r.due or x1
        ax.plot([r.start, end], [i, i], color="#AAAAAA", linestyle="-", linewidth=3, solid_capstyle="butt", zorder=1)
        if r.due is None:
            ax.annotate("", xy=(x1, i), xytext=(x1 - dt.timedelta(days=40), i),
                        arrowprops=dict(arrowstyle="->", color="#AAAAAA"))
        if analysis.as_of is not None:
            is_late = r.task_id in late.index
            ax.scatter([analysis.as_of], [i], s=60, marker="X" if is_late else "o", zorder=3,
                       color=style.TARGET_COLOR if is_late else STATUS_COLORS[r.status],
                       edgecolor=_EDGE, linewidth=0.5, gid=f"task:{r.task_id}:{'late' if is_late else 'ok'}")
            if is_late:
                reasons = late.loc[r.task_id, "reasons"]
                text = "; ".join(late_reason(x, r, analysis.as_of, lang) for x in reasons)
                ax.text(analysis.as_of + dt.timedelta(days=18), i, text, va="center", ha="left",
                        fontsize=plt.rcParams["font.size"] * 0.68, color=style.TARGET_COLOR, bbox=_LABEL_BOX,
                        zorder=4)
    if analysis.as_of is not None:
        ax.axvline(analysis.as_of, color=style.NEUTRAL_COLOR, linestyle="--", linewidth=0.8, zorder=2)
    ax.set_xlim(x0, x1)
    ax.set_ylim(n - 0.5, -1.2)
    ax.set_yticks(range(n))
    ax.set_yticklabels([task_label(r.task_id, r.title, r.title_en, lang) for r in st.itertuples()])
    for lab, r in zip(ax.get_yticklabels(), st.itertuples()):
        if r.task_id in late.index:
            lab.set_color(style.TARGET_COLOR)
    present = [x for x in STATUS_ORDER if (st["status"] == x).any()]
    handles = [plt.Line2D([], [], linestyle="", marker="o", markersize=7, markerfacecolor=STATUS_COLORS[x],
                          markeredgecolor=_EDGE, label=status_label(x, lang)) for x in present]
    handles.append(plt.Line2D([], [], linestyle="", marker="X", markersize=8, markerfacecolor=style.TARGET_COLOR,
                              markeredgecolor=_EDGE, label=t("ledger.fig.late_marker", lang)))
    ax.legend(handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(0, -0.06), ncol=len(handles),
              fontsize=plt.rcParams["font.size"] * 0.75, handletextpad=0.3, columnspacing=0.8)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.tick_params(axis="y", length=0)
    _title(ax, "ledger.fig.late_title", lang)
    _note(ax, analysis, lang)
    return ax


# ------------------------------------------------------------------------------ consistency
def plot_consistency(analysis: LedgerAnalysis, *, lang: str = "zh", ax=None, names: dict | None = None):
    """Tasks with quantified targets: the ledger's status (square) beside each target's
    scorecard status (markers, named underneath); rows where they disagree are framed in red.

    ``names``: indicator id -> short name to write under each marker (default: the id).
    """
    _check(analysis, lang)
    if analysis.consistency is None:
        raise ValueError("the analysis has no consistency check: pass scorecard= to analyse()")
    c = analysis.consistency
    n = len(c)
    if ax is None:
        _, ax = plt.subplots(figsize=(7.2, max(2.8, 0.52 * n + 1.6)))
    width = max([len(x) for x in c["targets"]] + [1])
    seen = set()
    for i, r in enumerate(c.itertuples(index=False)):
        ax.add_patch(Rectangle((-0.45, i - 0.35), 0.9, 0.7, facecolor=STATUS_COLORS[r.ledger_status],
                               hatch=STATUS_HATCHES[r.ledger_status], edgecolor=_EDGE,
                               gid=f"ledger:{r.task_id}:{r.ledger_status}"))
        ax.text(0, i, status_label(r.ledger_status, lang), ha="center", va="center",
                fontsize=plt.rcParams["font.size"] * 0.7, color="black", bbox=_LABEL_BOX)
        for k, (tid, ts) in enumerate(zip(r.targets, r.target_status), start=1):
            marker = style.STATUS_MARKERS.get(ts, "o")
            ax.scatter([k + 0.3], [i - 0.14], s=80, marker=marker, color=style.status_color(ts),
                       edgecolor=None if marker == "x" else _EDGE, linewidth=0.6 if marker != "x" else 2, zorder=3,
                       gid=f"target:{r.task_id}:{tid}:{ts}")
            # the target's name on up to two lines under its marker (one line cut it to 7 characters)
            label = wrap((names or {}).get(tid, tid), 16, max_lines=2)
            ax.text(k + 0.3, i + 0.06, label, ha="center", va="top", fontsize=plt.rcParams["font.size"] * 0.55,
                    color=style.NEUTRAL_COLOR, linespacing=1.1)
            seen.add(ts)
        if r.flag:
            ax.add_patch(Rectangle((-0.6, i - 0.48), width + 1.3, 0.96, fill=False,
                                   edgecolor=style.TARGET_COLOR, linewidth=1.2, gid=f"flag:{r.task_id}"))
    ax.set_xlim(-0.7, width + 1.0)
    ax.set_ylim(n - 0.5, -0.6)
    ax.set_yticks(range(n))
    ax.set_yticklabels([task_label(r.task_id, r.title, r.title_en, lang) for r in c.itertuples()])
    for lab, r in zip(ax.get_yticklabels(), c.itertuples()):
        if r.flag:
            lab.set_color(style.TARGET_COLOR)
    ax.set_xticks([0, (1 + width) / 2 + 0.3])
    ax.set_xticklabels([t("ledger.fig.ledger_status", lang), t("ledger.col.target_status", lang)])
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    order = [s for s in vocab.STATUSES if s in seen] + sorted(seen - set(vocab.STATUSES))
    handles = [plt.Line2D([], [], linestyle="", marker=style.STATUS_MARKERS.get(s, "o"), markersize=7,
                          markerfacecolor=style.status_color(s), markeredgecolor=_EDGE,
                          label=vocab.status_name(s, lang)) for s in order]
    handles.append(Patch(facecolor="white", edgecolor=style.TARGET_COLOR,
                         label=t("ledger.fig.flag_legend", lang)))
    # at most four entries a row: six English entries in one row run past the figure's edge
    ax.legend(handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(0, -0.02),
              ncol=min(len(handles), 4), fontsize=plt.rcParams["font.size"] * 0.75, handletextpad=0.3,
              columnspacing=0.8)
    if not c["flag"].any():
        ax.text(0.99, 0.01, t("ledger.fig.no_flags", lang), transform=ax.transAxes, ha="right", va="bottom",
                fontsize=plt.rcParams["font.size"] * 0.8, color=style.NEUTRAL_COLOR)
    _title(ax, "ledger.fig.consistency_title", lang, pad=36)
    _note(ax, analysis, lang, offset=20)
    return ax
