"""Trend and attainment charts (seaborn-style: each function draws on one Axes and returns it).

=========================  ==================================================================
function                   draws
=========================  ==================================================================
:func:`trend_plot`         history, target line, deadline marker, optional forecast fan
:func:`fan_chart`          history + 80 % / 95 % forecast bands to the deadline + target
:func:`growth_plot`        actual growth vs growth still required, per indicator
:func:`scorecard_plot`     status per target (colour); bar = probability before the deadline,
                           completion rate when the deadline year is observed
:func:`label_agreement_plot` the three progress labels and the status side by side
:func:`status_heatmap`     region x target status table (several regions), nothing averaged
:func:`region_ranking_plot` regions ranked by their own targets achieved / on track
:func:`calibration_plot`   back-test interval coverage (80 % / 95 %) by horizon, before/after calibration
:func:`brier_plot`         Brier score or accuracy: ours vs straight line vs CAGR (back-test, national plan)
=========================  ==================================================================

All take ``lang="zh"`` or ``"en"`` (names and units from the catalogue) and ``ax``.
Figures made from illustrative data carry "示例数据 / illustrative data" (via
:func:`analysis.viz.style.stamp`, or a plain fallback note when the style module is missing).
``trend_plot`` and ``fan_chart`` take long observations
(``region, indicator_id, year, value``) and the catalogue; the scorecard charts take a computed
:class:`~analysis.model.scorecard.Scorecard` (or its ``.table``): they never load files or run
the model.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import config, vocab
from analysis.i18n import t
from analysis.i18n.names import place_name
from analysis.io.catalogue import horizon_note, indicator_label, target as target_row
from analysis.model import forecast as fc
from analysis.model import labels, trends
from analysis.model.labels import LABEL_COLUMNS as _LABEL_COLUMNS, is_illustrative, label_agreement
from analysis.model.scorecard_result import Scorecard
from analysis.viz import style

__all__ = ["trend_plot", "fan_chart", "growth_plot", "scorecard_plot", "label_agreement_plot",
           "status_heatmap", "region_ranking_plot", "calibration_plot", "brier_plot", "BACKTEST_SOURCE",
           "REGION_COLORS"]

_OBSERVED, _TARGET, _FORECAST, _NEUTRAL = "#0072B2", "#D55E00", "#E69F00", "#555555"
FALLBACK_GID = "analysis-illustrative-fallback"

_TEXT = {
    "zh": {"history": "实际值", "target": "目标", "deadline": "期限", "forecast": "预测",
           "band80": "80%区间", "band95": "95%区间", "year": "年份", "actual": "实际年均增速",
           "required": "所需年均增速", "growth": "年均增速(%)", "prob": "按期达标概率",
           "scorecard": "目标完成情况", "growth_title": "实际增速与所需增速",
           "labels_title": "三种进展判断与综合状态", "disagree": "不一致",
           "eurostat": "欧盟统计局\n(增速比)", "anticipated": "亚太经社会\n(预期进展)",
           "schedule": "序时进度", "status": "综合状态"},
    "en": {"history": "observed", "target": "target", "deadline": "deadline", "forecast": "forecast",
           "band80": "80% interval", "band95": "95% interval", "year": "year",
           "actual": "actual growth a year", "required": "growth still required a year",
           "growth": "growth a year (%)", "prob": "probability of meeting the target",
           "scorecard": "Target attainment", "growth_title": "Actual vs required growth",
           "labels_title": "Three progress labels and the status", "disagree": "disagree",
           "eurostat": "Eurostat\n(growth ratio)", "anticipated": "ESCAP\n(anticipated)",
           "schedule": "schedule\n(序时进度)", "status": "status"},
}

#: Line colours of several regions in one chart (Okabe-Ito / Tol, colour-blind safe; not the
#: target line's vermillion, which stays the target's).
REGION_COLORS = ("#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#882255", "#999933")
_REGION_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


# ----------------------------------------------------------------------------- helpers
def _style():
    return style


def _setup(lang: str, ax, figsize=None):
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    st = _style()
    if st is not None and hasattr(st, "apply"):
        st.apply(lang)
    if ax is None:
        import matplotlib.pyplot as plt

        size = figsize or getattr(st, "FIGSIZE", (7.2, 4.4))
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _colors():
    st = _style()
    return (getattr(st, "OBSERVED_COLOR", _OBSERVED), getattr(st, "TARGET_COLOR", _TARGET),
            getattr(st, "FORECAST_COLOR", _FORECAST), getattr(st, "NEUTRAL_COLOR", _NEUTRAL))


def _source(data: pd.DataFrame, lang: str, illustrative: bool) -> str:
    s = data.attrs.get(f"source_{lang}") if hasattr(data, "attrs") else None
    if s:
        return str(s)
    if illustrative:
        return vocab.ILLUSTRATIVE_NOTE[lang]
    return ""


def _stamp(ax, data: pd.DataFrame, lang: str, illustrative: bool | None, source: str | None,
           as_of: int | None) -> None:
    ill = is_illustrative(data) if illustrative is None else bool(illustrative)
    src = _source(data, lang, ill) if source is None else source
    if as_of is None:
        as_of = data.attrs.get("as_of") if hasattr(data, "attrs") else None
        if as_of is None and "year" in getattr(data, "columns", ()) and len(data):
            as_of = int(data["year"].max())
    st = _style()
    if st is not None and hasattr(st, "stamp"):
        st.stamp(ax, illustrative=ill, source=src, as_of=as_of, lang=lang)
    elif ill:  # pragma: no cover - used only without analysis.viz.style
        ax.figure.text(0.99, 0.01, vocab.ILLUSTRATIVE_STAMP, ha="right", va="bottom", fontsize=8,
                       color="#B2182B", gid=FALLBACK_GID)


def _targets(targets) -> pd.DataFrame:
    if not isinstance(targets, pd.DataFrame):
        raise TypeError("pass the target catalogue as a DataFrame: analysis.io.catalogue.load_targets(path)")
    return targets


def _meta(targets: pd.DataFrame, indicator: str, region: str | None) -> pd.Series:
    """The catalogue row of ``indicator`` for ``region`` (its own row first, else the general one)."""
    if "region" in targets.columns and region is not None:
        own = targets.loc[(targets["id"] == indicator) & (targets["region"].fillna("").astype(str) == region)]
        if len(own):
            return own.iloc[0]
        general = targets.loc[(targets["id"] == indicator) & (targets["region"].fillna("").astype(str) == "")]
        if len(general):
            return general.iloc[0]
    return target_row(targets, indicator)


def _series(data: pd.DataFrame, indicator: str, region: str | None) -> tuple[pd.Series, str]:
    d = data.loc[data["indicator_id"] == indicator]
    if "region" in d.columns and len(d):
        regions = list(dict.fromkeys(d["region"]))
        region = region if region is not None else (
            config.DEFAULT_REGION if config.DEFAULT_REGION in regions else regions[0])
        d = d.loc[d["region"] == region]
    s = trends.clean(pd.Series(d["value"].to_numpy(), index=d["year"].to_numpy()))
    return s, region or ""


def _scorecard(data) -> pd.DataFrame:
    """The table of a computed scorecard (plot functions never run the model)."""
    table = getattr(data, "table", data)
    if not isinstance(table, pd.DataFrame) or "status" not in table.columns:
        raise TypeError("pass a computed scorecard: analysis.model.scorecard.assess(obs, targets)")
    return table


def _name(row, lang: str) -> str:
    return str(row["name_zh"] if lang == "zh" else row.get("name_en", row["indicator_id"]))


def _fmt(v: float) -> str:
    return f"{v:.4g}"


# ------------------------------------------------------------------------ trend charts
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
    cat = _targets(targets)
    if as_of is not None and "year" in data.columns:
        data = data.loc[data["year"] <= as_of]
    if isinstance(region, (list, tuple)):
        return _trend_regions(data, cat, indicator, list(region), forecast=forecast, lang=lang, ax=ax,
                              as_of=as_of, illustrative=illustrative, source=source)
    s, region = _series(data, indicator, region)
    meta = _meta(cat, indicator, region)
    ax = _setup(lang, ax)
    txt = _TEXT[lang]
    c_obs, c_tgt, c_fc, c_neu = _colors()
    deadline = int(meta["deadline_effective"])
    ax.plot(s.index.to_numpy(), s.to_numpy(), marker="o", color=c_obs, label=txt["history"], gid="history")
    if forecast and len(s):
        _fan(ax, s, meta, deadline, txt, c_fc)
    comp = "≥" if meta["comparator"] == ">=" else "≤"
    ax.axhline(float(meta["value"]), color=c_tgt, linestyle="--", linewidth=1.2, gid="target",
               label=f"{txt['target']} {comp}{_fmt(float(meta['value']))} {meta['unit']}")
    ax.axvline(deadline, color=c_neu, linestyle=":", linewidth=1.0, gid="deadline",
               label=f"{txt['deadline']} {deadline}" + ("*" if bool(meta.get("deadline_assumed")) else ""))
    from matplotlib.ticker import MaxNLocator

    years = list(s.index) + [deadline, min(deadline - 2, config.PLAN_BASELINE_YEAR)]
    ax.set_xlim(min(years) - 0.5, max(years) + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.ticklabel_format(axis="x", useOffset=False, style="plain")
    title = indicator_label(meta, lang, with_unit=False)
    if region and "region" in data.columns and data["region"].nunique() > 1:
        title = t("scorecard.fig.region_title", lang, region=place_name(region, lang), title=title)
    ax.set_title(title)
    ax.set_ylabel(str(meta["unit"]))
    ax.set_xlabel(txt["year"])
    note = horizon_note(meta, lang)
    if note:
        # inside the axes (upper left, on a light box) so it never collides with a neighbour's title
        ax.text(0.02, 0.97, "* " + note, transform=ax.transAxes, ha="left", va="top", fontsize=7,
                color=c_neu, gid="horizon_note",
                bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none", alpha=0.85))
    ax.legend(loc="best", fontsize=8)
    _stamp(ax, data, lang, illustrative, source, as_of)
    return ax


def _fan(ax, s: pd.Series, meta, deadline: int, txt: dict, color: str, *, band95: bool = True,
         suffix: str = "", label: bool = True) -> None:
    kind = meta.get("kind", "level")
    res = fc.fit(s, kind=kind if kind else "level")
    if getattr(res, "insufficient", False) or deadline <= int(s.index[-1]):
        return
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


def _trend_regions(data: pd.DataFrame, cat: pd.DataFrame, indicator: str, regions: list[str], *, forecast: bool,
                   lang: str, ax, as_of, illustrative, source):
    """Several regions' histories (and 80 % fans) of one indicator on one Axes, one colour each.

    Each region keeps its own target line when the catalogue gives regions different targets.
    Nothing is averaged. Artists carry gids ``history-<region>``, ``forecast-<region>``,
    ``band80-<region>``, ``target-<region>`` (or ``target`` when all regions share it).
    """
    ax = _setup(lang, ax)
    txt = _TEXT[lang]
    _, c_tgt, _, c_neu = _colors()
    metas = {r: _meta(cat, indicator, r) for r in regions}
    shared = len({(float(m["value"]), m["comparator"]) for m in metas.values()}) == 1
    years: list[int] = []
    for i, r in enumerate(regions):
        color = REGION_COLORS[i % len(REGION_COLORS)]
        s, _ = _series(data, indicator, r)
        meta = metas[r]
        years += list(s.index)
        ax.plot(s.index.to_numpy(), s.to_numpy(), marker=_REGION_MARKERS[i % len(_REGION_MARKERS)], markersize=3,
                linestyle="-", color=color, label=place_name(r, lang), gid=f"history-{r}")
        if forecast and len(s):
            _fan(ax, s, meta, int(meta["deadline_effective"]), txt, color, band95=False, suffix=f"-{r}",
                 label=False)
        if not shared:
            ax.axhline(float(meta["value"]), color=color, linestyle="--", linewidth=1.0, gid=f"target-{r}")
    meta = next(iter(metas.values()))
    deadline = int(meta["deadline_effective"])
    if shared:
        comp = "≥" if meta["comparator"] == ">=" else "≤"
        ax.axhline(float(meta["value"]), color=c_tgt, linestyle="--", linewidth=1.2, gid="target",
                   label=f"{txt['target']} {comp}{_fmt(float(meta['value']))} {meta['unit']}")
    ax.axvline(deadline, color=c_neu, linestyle=":", linewidth=1.0, gid="deadline",
               label=f"{txt['deadline']} {deadline}")
    from matplotlib.ticker import MaxNLocator

    years += [deadline, min(deadline - 2, config.PLAN_BASELINE_YEAR)]
    ax.set_xlim(min(years) - 0.5, max(years) + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(indicator_label(meta, lang, with_unit=False))
    ax.set_ylabel(str(meta["unit"]))
    ax.set_xlabel(txt["year"])
    ax.legend(loc="best", fontsize=7)
    _stamp(ax, data, lang, illustrative, source, as_of)
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


# ------------------------------------------------------------------ attainment charts
def growth_plot(data: pd.DataFrame, *, indicator: str | list[str] | None = None, targets=None,
                region: str | None = None, lang: str = "zh", ax=None, as_of: int | None = None,
                illustrative: bool | None = None, source: str | None = None):
    """Actual compound growth (since the baseline) vs the growth still required, per indicator.

    One row per indicator with both rates defined (milestones, zero values and targets
    with no time left are left out and counted in the caption): a filled dot for the
    actual rate, an open diamond for the required rate, joined by a line. ``data`` is a
    computed scorecard (:func:`analysis.model.scorecard.assess`, or its ``.table``); with
    several regions, ``region`` picks one (default 平川区 when present, else the first).

    Returns
    -------
    Axes
        ``ax.collections[0]`` holds the actual rates (%), ``[1]`` the required ones.
    """
    df = _one_region(_scorecard(data), region)
    if indicator is not None:
        ids = [indicator] if isinstance(indicator, str) else list(indicator)
        df = df.loc[df["indicator_id"].isin(ids)]
    keep = df.loc[df["actual_growth"].notna() & df["required_growth"].notna() & (df["kind"] != "milestone")]
    left_out = len(df) - len(keep)
    ax = _setup(lang, ax, figsize=(7.2, max(2.5, 0.38 * len(keep) + 1.2)))
    txt = _TEXT[lang]
    c_obs, c_tgt, _, c_neu = _colors()
    y = np.arange(len(keep))[::-1]
    act = keep["actual_growth"].to_numpy(float) * 100
    req = keep["required_growth"].to_numpy(float) * 100
    for yi, a, r in zip(y, act, req):
        ax.plot([a, r], [yi, yi], color="#BBBBBB", linestyle="-", linewidth=1.5, zorder=1)
    ax.scatter(act, y, color=c_obs, s=40, zorder=3, label=txt["actual"], gid="actual")
    ax.scatter(req, y, facecolor="white", edgecolor=c_tgt, marker="D", s=40, zorder=3,
               label=txt["required"], gid="required")
    ax.axvline(0, color=c_neu, linewidth=0.8)
    ax.set_yticks(y, [_name(r, lang) for _, r in keep.iterrows()])
    ax.set_xlabel(txt["growth"])
    ax.set_title(txt["growth_title"])
    ax.legend(loc="best", fontsize=8)
    if left_out:
        msg = (f"另有{left_out}项(里程碑、零值或已到期)未列出" if lang == "zh"
               else f"{left_out} more not shown (milestones, zero values or no time left)")
        ax.text(0.99, 0.01, msg, transform=ax.transAxes, ha="right", va="bottom", fontsize=7, color=c_neu)
    _region_title(ax, df, lang)
    _stamp(ax, data, lang, illustrative, source, as_of)
    return ax


def _region_title(ax, df: pd.DataFrame, lang: str = "zh") -> None:
    """Add the region to the title when the scorecard has several (or one named) region."""
    if "region" in df.columns and len(df) and df["region"].nunique() == 1:
        r = place_name(str(df["region"].iloc[0]), lang)
        if r and r not in ax.get_title():
            ax.set_title(f"{ax.get_title()} ({r})")


def _one_region(df: pd.DataFrame, region: str | None) -> pd.DataFrame:
    if "region" not in df.columns or df["region"].nunique() <= 1:
        return df
    regions = list(dict.fromkeys(df["region"]))
    region = region if region is not None else (
        config.DEFAULT_REGION if config.DEFAULT_REGION in regions else regions[0])
    out = df.loc[df["region"] == region]
    out.attrs.update(df.attrs)
    return out


def _bar(row) -> tuple[float, str]:
    """Bar length and the words beside it for one scorecard row (one rule per stage)."""
    stage, status, lang = row["stage"], row["status"], row["_lang"]
    name = vocab.status_name(status, lang)
    if stage == "deadline observed":
        rate = row["completion_rate"]
        width = 0.0 if pd.isna(rate) else float(min(max(rate, 0.0), 1.2))
        return width, f"{name} · " + t("scorecard.fig.rate", lang, rate="-" if pd.isna(rate) else f"{rate:.0%}")
    if stage == "deadline not reported":
        return 0.0, name
    if stage == "met early":
        y = row["achieved_year"]
        return 1.0, name + ("" if pd.isna(y) else " · " + t("scorecard.fig.met_in", lang, year=int(y)))
    p = row["prob_meet"]
    if status == "insufficient data" and not pd.isna(p):
        # two points: a wide, low-information probability (pooled priors), shown as such
        return float(p), name + " · " + t("scorecard.fig.low_info", lang, p=f"{float(p):.0%}")
    return (0.0 if pd.isna(p) else float(p)), name


def scorecard_plot(data, *, indicator: str | list[str] | None = None, targets=None,
                   region: str | None = None, lang: str = "zh", ax=None, as_of: int | None = None,
                   illustrative: bool | None = None, source: str | None = None):
    """The scorecard of one region: one bar per target, colour = status, one rule per stage.

    Before the deadline the bar is the probability of meeting the target (reference lines
    at the status thresholds 0.2 and 0.8); a stock met early is drawn at 1 with the year it
    was met; when the deadline year is observed the bar is the **completion rate** (actual /
    target, line at 100 %), never a probability; when the deadline year is not reported
    there is no bar, only the status. Colours are :data:`analysis.vocab.STATUS_COLORS`
    (hatched per status for greyscale).

    Parameters
    ----------
    data : Scorecard or DataFrame
        :func:`analysis.model.scorecard.assess` (or its ``.table``).
    region : str, optional
        Which region when there are several (default 平川区 when present, else the first);
        :func:`status_heatmap` and :func:`region_ranking_plot` show them all.

    Returns
    -------
    Axes
        ``ax.patches`` are the bars, in catalogue order from the top.
    """
    df = _one_region(_scorecard(data), region)
    if indicator is not None:
        ids = [indicator] if isinstance(indicator, str) else list(indicator)
        df = df.loc[df["indicator_id"].isin(ids)]
    ax = _setup(lang, ax, figsize=(7.2, max(2.5, 0.34 * len(df) + 1.3)))
    txt = _TEXT[lang]
    hatches = getattr(style, "STATUS_HATCHES", {})
    y = np.arange(len(df))[::-1]
    bars_words = [_bar(r) for r in df.assign(_lang=lang).to_dict("records")]
    width = [w for w, _ in bars_words]
    colors = [vocab.STATUS_COLORS.get(s, vocab.STATUS_COLORS["insufficient data"]) for s in df["status"]]
    bars = ax.barh(y, width, color=colors, edgecolor="white", height=0.7, gid="scorecard")
    for b, s in zip(bars, df["status"]):
        if hatches.get(s):
            b.set_hatch(hatches[s])
            b.set_edgecolor("#333333")
            b.set_linewidth(0)
    for yi, w, (_, words) in zip(y, width, bars_words):
        ax.text(min(w, 1.2) + 0.01, yi, words, va="center", fontsize=7)
    stages = set(df["stage"]) if "stage" in df.columns else set()
    forecasts = stages & {"before deadline"}
    if forecasts or not stages:
        for x in (labels.STATUS_AT_RISK, labels.STATUS_ON_TRACK):
            ax.axvline(x, color="#999999", linestyle=":", linewidth=0.8)
    if "deadline observed" in stages:
        ax.axvline(1.0, color="#555555", linestyle="--", linewidth=0.8, gid="full")
    ax.set_xlim(0, 1.5 if lang == "zh" else 2.0)  # room for the words beside the bars (longer in English)
    ax.set_yticks(y, [_name(r, lang) for _, r in df.iterrows()])
    ax.set_xlabel(t("scorecard.fig.prob_or_rate", lang) if "deadline observed" in stages and forecasts
                  else t("scorecard.fig.rate_axis", lang) if "deadline observed" in stages
                  else txt["prob"])
    ax.set_title(txt["scorecard"] + (f" ({place_name(df['region'].iloc[0], lang)})"
                                     if "region" in df.columns and len(df) else ""))
    from matplotlib.patches import Patch

    present = [s for s in vocab.STATUSES if s in set(df["status"])]
    ax.legend(handles=[Patch(facecolor=vocab.STATUS_COLORS[s], hatch=hatches.get(s, ""), edgecolor="#999999",
                             label=vocab.status_name(s, lang)) for s in present],
              loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
    _stamp(ax, data, lang, illustrative, source, as_of)
    return ax


def status_heatmap(data, *, lang: str = "zh", ax=None, as_of: int | None = None,
                   illustrative: bool | None = None, source: str | None = None):
    """Region x target overview: one cell per (target, region), coloured and named by status.

    Rows are targets (catalogue order), columns regions (in the scorecard's order); a
    region with no such target shows an empty cell marked "no target". No number is
    combined across regions.

    Returns
    -------
    Axes
        ``ax.patches`` are the cells, column by column; each has gid ``cell-<region>-<indicator>``.
    """
    df = _scorecard(data)
    regions = list(dict.fromkeys(df["region"]))
    ids = list(dict.fromkeys(df["indicator_id"]))
    names = dict(zip(df["indicator_id"], df["name_zh"] if lang == "zh" else df["name_en"]))
    status = {(r, i): s for r, i, s in zip(df["region"], df["indicator_id"], df["status"])}
    # room for the target names (longer in English) and a cell wide enough for its status word
    label_in = 2.6 if lang == "zh" else 3.6
    ax = _setup(lang, ax, figsize=(min(label_in + 1.25 * max(len(regions), 2), 14.0),
                                   max(2.5, 0.3 * len(ids) + 1.6)))
    from matplotlib.patches import Rectangle

    for j, r in enumerate(regions):
        for k, i in enumerate(ids):
            yi = len(ids) - 1 - k
            s = status.get((r, i))
            face = vocab.STATUS_COLORS.get(s, "#FFFFFF") if s else "#FFFFFF"
            # no hatch: the status is written in the cell, which keeps it legible in greyscale
            ax.add_patch(Rectangle((j, yi), 0.96, 0.9, facecolor=face,
                                   edgecolor="#DDDDDD" if s is None else "white", gid=f"cell-{r}-{i}"))
            word = vocab.status_name(s, lang) if s else t("scorecard.no_target", lang)
            ax.text(j + 0.48, yi + 0.45, word, ha="center", va="center", fontsize=6,
                    color="white" if s in ("not achieved", "off track") else "#222222")
    ax.set_xlim(0, len(regions))
    ax.set_ylim(0, max(len(ids), 1))
    ax.set_xticks(np.arange(len(regions)) + 0.48, [place_name(r, lang) for r in regions], fontsize=7.5)
    ax.xaxis.tick_top()
    ax.set_yticks(np.arange(len(ids))[::-1] + 0.45, [names[i] for i in ids], fontsize=7)
    ax.tick_params(length=0)
    for sp in ax.spines.values():
        sp.set_visible(False)
    ax.set_title(t("scorecard.overview_title", lang), pad=18)
    _stamp(ax, data, lang, illustrative, source, as_of)
    return ax


def region_ranking_plot(data, *, lang: str = "zh", ax=None, as_of: int | None = None,
                        illustrative: bool | None = None, source: str | None = None):
    """Regions ranked by their own targets: stacked counts of each status, best region on top.

    Order and ranks from :meth:`analysis.model.scorecard.Scorecard.ranking` (share achieved,
    then on track, then fewest missed). Counts, not averages: each bar is one region's own
    targets.

    Returns
    -------
    Axes
        One bar segment per (region, status) with gid ``<status>``; y tick labels are the
        regions with their rank.
    """
    sc = data if isinstance(data, Scorecard) else Scorecard(_scorecard(data))
    rank = sc.ranking()
    counts = sc.counts().reindex(rank["region"])
    ax = _setup(lang, ax, figsize=(7.2, max(2.2, 0.4 * len(rank) + 1.4)))
    hatches = getattr(style, "STATUS_HATCHES", {})
    y = np.arange(len(rank))[::-1]
    left = np.zeros(len(rank))
    for s in vocab.STATUSES:
        w = counts[s].to_numpy(float)
        if not w.any():
            continue
        ax.barh(y, w, left=left, color=vocab.STATUS_COLORS[s], hatch=hatches.get(s, "") or None,
                edgecolor="#999999", linewidth=0.3, height=0.7, label=vocab.status_name(s, lang), gid=s)
        left += w
    ax.set_yticks(y, [f"{int(k)}. {place_name(r, lang)}" for k, r in zip(rank["rank"], rank["region"])])
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(t("scorecard.ranking_axis", lang) + "\n" + t("scorecard.ranking_note", lang))
    ax.set_title(t("scorecard.ranking_title", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
    _stamp(ax, data, lang, illustrative, source, as_of)
    return ax


def label_agreement_plot(data: pd.DataFrame, *, indicator: str | list[str] | None = None, targets=None,
                         region: str | None = None, lang: str = "zh", ax=None, as_of: int | None = None,
                         illustrative: bool | None = None, source: str | None = None):
    """Where the Eurostat, ESCAP and 序时进度 labels and the status disagree.

    A grid: one row per target, one column per rule; each cell coloured by its grade on
    the common scale (:data:`GRADES`, status colours) and labelled with the rule's own
    words. Rows where the three published rules disagree are marked "≠" on the right
    (the status column is shown for comparison; see :func:`label_agreement`).

    Returns
    -------
    Axes
        ``ax.patches`` are the cells (row by row); texts with gid ``disagree`` mark rows.
    """
    ag = _one_region(label_agreement(_scorecard(data)), region)
    if indicator is not None:
        ids = [indicator] if isinstance(indicator, str) else list(indicator)
        ag = ag.loc[ag["indicator_id"].isin(ids)]
    ax = _setup(lang, ax, figsize=(8.0, max(2.5, 0.34 * len(ag) + 1.5)))
    txt = _TEXT[lang]
    from matplotlib.patches import Rectangle

    n = len(ag)
    for i, (_, r) in enumerate(ag.iterrows()):
        yi = n - 1 - i
        for j, c in enumerate(_LABEL_COLUMNS):
            grade = r[f"{c}_grade"]
            ax.add_patch(Rectangle((j, yi), 0.96, 0.9, facecolor=vocab.STATUS_COLORS.get(grade, "#BBBBBB"),
                                   edgecolor="white", gid=f"cell-{c}"))
            word = vocab.status_name(r[c], lang) if c == "status" else labels.label_name(r[c], lang)
            ax.text(j + 0.48, yi + 0.45, word, ha="center", va="center", fontsize=6.5)
        if not r["agree"]:
            ax.text(len(_LABEL_COLUMNS) + 0.1, yi + 0.45, "≠", ha="left", va="center", fontsize=11,
                    color="#B2182B", gid="disagree")
    ax.set_xlim(0, len(_LABEL_COLUMNS) + 0.5)
    ax.set_ylim(0, max(n, 1))
    ax.set_xticks(np.arange(len(_LABEL_COLUMNS)) + 0.48,
                  [txt["eurostat"], txt["anticipated"], txt["schedule"], txt["status"]], fontsize=7)
    ax.xaxis.tick_top()
    ax.set_yticks(np.arange(n)[::-1] + 0.45, [_name(r, lang) for _, r in ag.iterrows()])
    ax.tick_params(length=0)
    for sp in ax.spines.values():
        sp.set_visible(False)
    k = int((~ag["agree"]).sum())
    ax.set_title(f"{txt['labels_title']}  (≠ {txt['disagree']}: {k}/{n})")
    _region_title(ax, ag, lang)
    _stamp(ax, data, lang, illustrative, source, as_of)
    return ax


# ------------------------------------------------------------- forecast calibration (back-test)
#: Who published the real public series the back-test runs on (caption of the calibration
#: figures; producers as in ``data/raw/sources.csv``, each row's URL in ``data/raw/public/*.csv``).
BACKTEST_SOURCE = {
    "zh": "国家统计局统计公报、国务院政府工作报告、科技部、国家知识产权局(全国);\n"
          "甘肃省政府工作报告、甘肃省科技厅、白银市政府及统计公报(甘肃、白银、兰州、平川);\n"
          "《“十三五”国家科技创新规划》(国发〔2016〕43号)、“十三五”规划纲要及2016年政府工作报告;\n"
          "逐项出处见 data/raw/sources.csv",
    "en": "NBS statistical communiqués, State Council government work reports, MOST, CNIPA (China);\n"
          "Gansu government work reports, Gansu S&T Department, Baiyin government and statistical "
          "communiqués (Gansu, Baiyin, Lanzhou, Pingchuan);\n"
          "13th Five-Year National S&T Innovation Plan (Guofa [2016] No. 43), 13th Five-Year Plan outline "
          "and 2016 Government Work Report;\nevery figure's source in data/raw/sources.csv",
}
#: Colours of the 80 % and 95 % intervals (dark / light in greyscale) and of the three methods.
_LEVEL_COLORS = {80: "#0072B2", 95: "#E69F00"}
_METHOD_COLORS = {"ours": "#0072B2", "straight_line": "#999999", "cagr": "#D55E00"}
_METHOD_HATCH = {"ours": "", "straight_line": "//", "cagr": ".."}
_BT_TEXT = {
    "zh": {"coverage": "区间覆盖率(实际值落在区间内的比例)", "horizon": "预测步长(年)", "all": "合计",
           "before": "校准前", "after": "校准后", "after_cv": "校准后(留一序列)",
           "nominal": "名义 {L}%", "level": "{L}%区间", "cal_title": "预测区间校准:名义与实际覆盖率",
           "ours": "本项目方法(自动,校准)", "straight_line": "直线外推(FORECAST.LINEAR)",
           "cagr": "复合增速外推(CAGR)", "brier": "Brier 分数(越低越好)", "accuracy": "准确率(越高越好)",
           "pooled": "回测合计\n(真实序列 {s} 条,{n} 例)", "national": "国家“十三五”两项规划检验\n({n} 次判断)",
           "brier_title": "达标判断:Brier 分数", "accuracy_title": "达标判断:准确率",
           "data_real": "真实公开序列", "data_illustrative": "示例数据", "data_user": "用户数据"},
    "en": {"coverage": "interval coverage (share of outcomes inside)", "horizon": "years ahead",
           "all": "all", "before": "before calibration", "after": "after calibration",
           "after_cv": "after calibration (leave-one-series-out)", "nominal": "nominal {L}%",
           "level": "{L}% interval", "cal_title": "Forecast intervals: nominal vs actual coverage",
           "ours": "ours (automatic, calibrated)", "straight_line": "straight line (FORECAST.LINEAR)",
           "cagr": "compound growth (CAGR)", "brier": "Brier score (lower is better)",
           "accuracy": "accuracy (higher is better)",
           "pooled": "pooled back-test\n({s} real series, {n} cases)",
           "national": "national 13th FYP plans check\n({n} calls)",
           "brier_title": "Calling targets: Brier score", "accuracy_title": "Calling targets: accuracy",
           "data_real": "real public series", "data_illustrative": "illustrative data",
           "data_user": "user data"},
}
_NATIONAL_METHODS = {"ours (auto, calibrated)": "ours", "straight_line": "straight_line", "cagr": "cagr"}


def _bt_stamp(ax, illustrative: bool, lang: str, as_of: int | None) -> None:
    _stamp(ax, pd.DataFrame(), lang, illustrative, BACKTEST_SOURCE[lang], as_of)


def calibration_plot(table: pd.DataFrame | None = None, *, data: str = "real", method: str = "auto",
                     after: str = "after_cv", lang: str = "zh", ax=None, as_of: int | None = None):
    """Interval coverage at 80 % and 95 % by horizon, before and after calibration.

    One group of four bars per horizon (1-5 years ahead, then all horizons pooled): the
    share of back-test outcomes inside the 80 % interval before and after calibration,
    then the same for the 95 % interval; dashed lines at the nominal 0.80 and 0.95. A
    calibrated forecast's bars reach its line.

    Parameters
    ----------
    table : DataFrame, optional
        :func:`analysis.model.backtest.score` (``data, method, horizon, n, coverage_80_before,
        coverage_95_before, coverage_80_after, ...``); from :func:`analysis.model.backtest_results.backtest_results`.
    data : {"real", "illustrative", "user"}
        Which series' cases (default the real public series).
    method : str
        Forecast method (default the automatic one the scorecard uses).
    after : {"after_cv", "after"}
        "After" coverage: factors learned leaving the case's series out (honest,
        default) or in-sample.
    lang : {"zh", "en"}
    ax : Axes, optional
    as_of : int, optional
        Year in the caption (default: ``table.attrs["last_year"]`` when set).

    Returns
    -------
    Axes
        Bars carry gids ``cov80_before``, ``cov80_<after>``, ``cov95_before``,
        ``cov95_<after>`` (one bar per horizon, in ``table`` order); the nominal lines
        ``nominal80`` and ``nominal95``. The illustrative-data note only when
        ``data="illustrative"``.
    """
    if table is None:
        raise TypeError("pass the back-test table: analysis.model.backtest_results.backtest_results()['table']")
    if after not in ("after", "after_cv"):
        raise ValueError(f"after must be 'after' or 'after_cv', got {after!r}")
    rows = table.loc[(table["data"] == data) & (table["method"] == method)] if len(table) else table
    if rows.empty:
        raise ValueError(f"no back-test cases for data={data!r}, method={method!r}")
    txt = _BT_TEXT[lang]
    ax = _setup(lang, ax, figsize=(7.2, 3.8))
    x = np.arange(len(rows))
    width = 0.2
    bars = [(80, "before", -1.5), (80, after, -0.5), (95, "before", 0.5), (95, after, 1.5)]
    for level, tag, off in bars:
        heights = rows[f"coverage_{level}_{tag}"].to_numpy(float)
        light = tag == "before"
        ax.bar(x + off * width, heights, width * 0.95, color="white" if light else _LEVEL_COLORS[level],
               edgecolor=_LEVEL_COLORS[level], hatch="////" if light else None, linewidth=0.8,
               label=f"{txt['level'].format(L=level)}, {txt[tag]}" if lang == "en"
               else f"{txt['level'].format(L=level)}·{txt[tag]}", gid=f"cov{level}_{tag}")
    for level in (80, 95):
        ax.axhline(level / 100, color=_LEVEL_COLORS[level], linestyle="--", linewidth=1.0,
                   gid=f"nominal{level}")
        ax.text(1.005, level / 100, txt["nominal"].format(L=level), transform=ax.get_yaxis_transform(),
                ha="left", va="center", fontsize=7, color=_LEVEL_COLORS[level])
    labels_x = [(txt["all"] if h == "all" else str(h)) + f"\nn={int(n)}" for h, n in zip(rows["horizon"], rows["n"])]
    ax.set_xticks(x, labels_x)
    ax.set_xlabel(txt["horizon"])
    ax.set_ylim(0, 1.02)
    ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 0.95])
    ax.set_ylabel(txt["coverage"])
    ax.set_title(f"{txt['cal_title']} ({txt['data_' + data] if 'data_' + data in txt else data})")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2, fontsize=7.5, frameon=False)
    if as_of is None:
        as_of = table.attrs.get("last_year")
    _bt_stamp(ax, data == "illustrative", lang, as_of)
    return ax


def _brier_values(table: pd.DataFrame, national: pd.DataFrame | None, metric: str, data: str) -> pd.DataFrame:
    """Rows ``group, method, value, n`` for :func:`brier_plot` (ours: leave-one-series-out)."""
    col = {"brier": "brier_after_cv", "accuracy": "accuracy_cv"}[metric]
    out = []
    pooled = table.loc[(table["data"] == data) & (table["horizon"] == "all")] if len(table) else table
    for m, key in (("auto", "ours"), ("straight_line", "straight_line"), ("cagr", "cagr")):
        r = pooled.loc[pooled["method"] == m]
        if len(r):
            out.append(dict(group="pooled", method=key, value=float(r[col].iloc[0]), n=int(r["n"].iloc[0]),
                            n_series=int(r["n_series"].iloc[0])))
    if national is not None and len(national) and data == "real":
        for _, r in national.iterrows():
            key = _NATIONAL_METHODS.get(r["method"])
            if key is not None and r.get("n", 0) and pd.notna(r.get(metric)):
                out.append(dict(group="national", method=key, value=float(r[metric]), n=int(r["n"]),
                                n_series=0))
    return pd.DataFrame(out, columns=["group", "method", "value", "n", "n_series"])


def brier_plot(table: pd.DataFrame | None = None, national: pd.DataFrame | None = None, *,
               metric: str = "brier", data: str = "real", lang: str = "zh", ax=None, legend: bool = True,
               as_of: int | None = None):
    """Calling targets met or missed: ours vs the straight line vs compound growth (CAGR).

    Two groups of three bars: the pooled rolling-origin back-test (pseudo-targets around
    each realised value, all horizons) and the national-plan check (the 2020 targets of the
    13th Five-Year S&T plan and of the 13th Five-Year Plan outline called from 2015-2019). Ours is the automatic
    method's probability with leave-one-series-out calibration; the hand rules give 0/1
    calls, so their Brier score is their error rate. Each bar is labelled with its value.

    Parameters
    ----------
    table : DataFrame, optional
        :func:`analysis.model.backtest.score`; from :func:`analysis.model.backtest_results.backtest_results`.
    national : DataFrame, optional
        :func:`analysis.model.backtest.national_summary` (``method, n, accuracy, brier``);
        else no
        national group.
    metric : {"brier", "accuracy"}
    data : {"real", "illustrative", "user"}
        Series of the pooled group (the national check is real data; shown with "real").
    lang : {"zh", "en"}
    ax : Axes, optional
    legend : bool
        Draw the method legend (a two-panel figure draws one shared legend instead).
    as_of : int, optional
        Year in the caption.

    Returns
    -------
    Axes
        Bars carry gids ``<group>_<method>`` (``pooled_ours``, ``national_cagr`` ...).
    """
    if metric not in ("brier", "accuracy"):
        raise ValueError(f"metric must be 'brier' or 'accuracy', got {metric!r}")
    if table is None:
        raise TypeError("pass the back-test table: analysis.model.backtest_results.backtest_results()['table']")
    vals = _brier_values(table, national, metric, data)
    if vals.empty:
        raise ValueError(f"no back-test scores for data={data!r}")
    txt = _BT_TEXT[lang]
    ax = _setup(lang, ax, figsize=(5.0, 3.6))
    groups = list(dict.fromkeys(vals["group"]))
    methods = [m for m in ("ours", "straight_line", "cagr") if m in set(vals["method"])]
    width = 0.8 / len(methods)
    for j, m in enumerate(methods):
        labelled = False
        for i, g in enumerate(groups):
            r = vals.loc[(vals["group"] == g) & (vals["method"] == m)]
            if r.empty:
                continue
            v = float(r["value"].iloc[0])
            xpos = i + (j - (len(methods) - 1) / 2) * width
            hatch = _METHOD_HATCH[m] or None
            ax.bar(xpos, v, width * 0.92, color=_METHOD_COLORS[m], hatch=hatch,
                   edgecolor="#333333" if hatch else "white", linewidth=0.4 if hatch else 0,
                   label="_nolegend_" if labelled else txt[m], gid=f"{g}_{m}")
            labelled = True
            ax.text(xpos, v + 0.015, f"{v:.2f}", ha="center", va="bottom", fontsize=7)
    names = []
    for g in groups:
        r = vals.loc[vals["group"] == g].iloc[0]
        names.append(txt[g].format(n=int(r["n"]), s=int(r["n_series"])))
    ax.set_xticks(np.arange(len(groups)), names, fontsize=7.5)
    ax.set_ylim(0, 1.08)
    ax.set_ylabel(txt[metric])
    ax.set_title(txt[f"{metric}_title"])
    if legend:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncols=1, fontsize=7.5, frameon=False)
    if as_of is None:
        as_of = table.attrs.get("last_year")
    _bt_stamp(ax, data == "illustrative", lang, as_of)
    return ax
