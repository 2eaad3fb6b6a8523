"""Scorecard charts: status and probability per target, growth against growth required, the three
progress labels, and the region tables (status heatmap, ranking)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import PercentFormatter

from analysis import config, vocab
from analysis.i18n import t
from analysis.i18n.names import place_name
from analysis.model import labels, text
from analysis.model.labels import LABEL_COLUMNS as _LABEL_COLUMNS, label_agreement
from analysis.model.scorecard_result import Scorecard
from analysis.viz import style
from analysis.viz.attainment.base import TEXT, colors, scorecard_table, setup_ax, stamp_ax, target_name


def growth_rows(table: pd.DataFrame, kinds: bool = True) -> np.ndarray:
    """The rows of a scorecard table :func:`growth_plot` draws: both rates defined, not a share (its pace
    is in percentage points in the report, not a growth rate) nor a count or milestone (its pace is in
    things a year: +2 a year against +3 needed, which a percentage on a base of 1 or 3 can invert), and
    time left before the deadline (once the deadline year is reported or has passed, the verdict is the
    actual value's: a growth "still required" then means nothing). ``kinds=False``: every kind (the rows
    with time left, to say why none is drawn)."""
    if not len(table):
        return np.zeros(0, dtype=bool)
    # (a stock met early whose deadline the table's ``as_of`` has passed has no time left either: the
    # report said "the targets with time left are all shares, counts..." of an end-of-term file; stop 43)
    ended = np.array([text.stage_of(r) in ("deadline observed", "deadline not reported") or text.deadline_passed(r)
                      for r in table.to_dict("records")], dtype=bool)
    # (a share's pace is in percentage points, a count's in things a year, as the report says them)
    drawn = ~table["kind"].isin(["milestone", "share", "count"]) if kinds else True
    return (table["actual_growth"].notna() & table["required_growth"].notna() & drawn).to_numpy(bool) & ~ended


def growth_plot(data: pd.DataFrame, *, indicator: str | list[str] | None = None, targets=None,
                region: str | None = None, lang: str = "zh", ax=None, as_of: int | None = None,
                illustrative: bool | None = None, source: str | None = None):
    """Actual compound growth (since the baseline) vs the growth still required, per indicator.

    One row per indicator with both rates defined (:func:`growth_rows`: milestones, zero values and
    targets with no time left are left out and counted in the caption): a filled dot for the
    actual rate, an open diamond for the required rate, joined by a line. ``data`` is a
    computed scorecard (:func:`analysis.model.scorecard.assess`, or its ``.table``); with
    several regions, ``region`` picks one (default 平川区 when present, else the first).

    Returns
    -------
    Axes
        ``ax.collections[0]`` holds the actual rates (%), ``[1]`` the required ones (none for a target
        already met: it needs no growth, and its row says 已达标 instead).
    """
    df = _one_region(scorecard_table(data), region)
    if indicator is not None:
        ids = [indicator] if isinstance(indicator, str) else list(indicator)
        df = df.loc[df["indicator_id"].isin(ids)]
    keep = df.loc[growth_rows(df)]
    left_out = len(df) - len(keep)
    ax = setup_ax(lang, ax, figsize=(7.2, max(2.5, 0.38 * len(keep) + 1.2)))
    txt = TEXT[lang]
    c_obs, c_tgt, _, c_neu = colors()
    y = np.arange(len(keep))[::-1]
    act = keep["actual_growth"].to_numpy(float) * 100
    req = keep["required_growth"].to_numpy(float) * 100
    # a target already met needs no growth (its "required" rate is negative: it may fall): said, not drawn
    met = (keep["status"] == "achieved").to_numpy() if "status" in keep else np.zeros(len(keep), bool)
    for yi, a, r, m in zip(y, act, req, met):
        if m:
            ax.annotate(t("figures.att.met", lang), (a, yi), xytext=(6, 0), textcoords="offset points",
                        va="center", fontsize=7, color=c_neu, gid="met")
        else:
            ax.plot([a, r], [yi, yi], color="#BBBBBB", linestyle="-", linewidth=1.5, zorder=1)
    ax.scatter(act, y, color=c_obs, s=40, zorder=3, label=txt["actual"], gid="actual")
    ax.scatter(req[~met], y[~met], facecolor="white", edgecolor=c_tgt, marker="D", s=40, zorder=3,
               label=txt["required"], gid="required")
    ax.axvline(0, color=c_neu, linewidth=0.8)
    ax.set_yticks(y, [target_name(r, lang) for _, r in keep.iterrows()])
    ax.set_xlabel(txt["growth"])
    ax.set_title(txt["growth_title"])
    ax.legend(loc="best", fontsize=8)
    if left_out:  # under the axis label (inside the axes it ran into the last row's label in a short figure)
        msg = t("figures.att.left_out", lang, n=left_out)
        ax.annotate(msg, (1.0, 0.0), xycoords="axes fraction", xytext=(0, -38), textcoords="offset points",
                    ha="right", va="top", fontsize=7, color=c_neu, gid="left_out")
    _region_title(ax, df, lang)
    stamp_ax(ax, data, lang, illustrative, source, as_of)
    return ax


def _region_title(ax, df: pd.DataFrame, lang: str = "zh") -> None:
    """Add the region to the title when the scorecard has several (or one named) region."""
    if "region" in df.columns and len(df) and df["region"].nunique() == 1:
        r = place_name(str(df["region"].iloc[0]), lang)
        # the title wherever the house style put it (axes.titlelocation: left), never a second, empty one
        loc = next((where for where in ("left", "center", "right") if ax.get_title(loc=where)), "left")
        title = ax.get_title(loc=loc)
        if r and r not in title:
            ax.set_title(f"{title}{t('scorecard.region_paren', lang, region=r)}", loc=loc)


def _one_region(df: pd.DataFrame, region: str | None) -> pd.DataFrame:
    if "region" not in df.columns or df["region"].nunique() <= 1:
        return df
    regions = list(dict.fromkeys(df["region"]))
    region = region if region is not None else (
        config.DEFAULT_REGION if config.DEFAULT_REGION in regions else regions[0])
    out = df.loc[df["region"] == region]
    out.attrs.update(df.attrs)
    return out


#: The longest completion-rate bar figure 01 draws (200 %); a longer one is cut there, marked » .
RATE_CAP = 2.0


def _bar(row) -> tuple[float, str]:
    """Bar length and the words beside it for one scorecard row (one rule per stage)."""
    stage, status, lang = row["stage"], row["status"], row["_lang"]
    name = vocab.status_name(status, lang)
    if stage == "deadline observed":
        rate = row["completion_rate"]
        width = 0.0 if pd.isna(rate) else float(max(rate, 0.0))  # (cut at the chart's cap when drawn)
        return width, f"{name} · " + t("scorecard.fig.rate", lang, rate="-" if pd.isna(rate) else text.fmt_completion(rate, 0))
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
    df = _one_region(scorecard_table(data), region)
    if indicator is not None:
        ids = [indicator] if isinstance(indicator, str) else list(indicator)
        df = df.loc[df["indicator_id"].isin(ids)]
    ax = setup_ax(lang, ax, figsize=(7.2, max(2.5, 0.34 * len(df) + 1.3)))
    txt = TEXT[lang]
    hatches = getattr(style, "STATUS_HATCHES", {})
    y = np.arange(len(df))[::-1]
    bars_words = [_bar(r) for r in df.assign(_lang=lang).to_dict("records")]
    # completion rates up to 200 % drawn at their length (125 % and 133 % were both cut at 120 %);
    # beyond, cut at 200 % with a mark, the words beside the bar give the rate
    cap = min(RATE_CAP, max(1.2, np.ceil(max((w for w, _ in bars_words), default=0.0) * 5 - 1e-9) / 5))
    width = [min(w, cap) for w, _ in bars_words]
    cut = [w > cap for w, _ in bars_words]
    colors = [vocab.STATUS_COLORS.get(s, vocab.STATUS_COLORS["insufficient data"]) for s in df["status"]]
    bars = ax.barh(y, width, color=colors, edgecolor="white", height=0.7, gid="scorecard")
    for b, s in zip(bars, df["status"]):
        if hatches.get(s):
            b.set_hatch(hatches[s])
            b.set_edgecolor("#333333")
            b.set_linewidth(0)
    for yi, w, (_, words), c in zip(y, width, bars_words, cut):
        ax.text(w + 0.01, yi, ("» " if c else "") + words, va="center", fontsize=7, gid="cut" if c else None)
    stages = set(df["stage"]) if "stage" in df.columns else set()
    forecasts = stages & {"before deadline"}
    if forecasts or not stages:
        for x in (labels.STATUS_AT_RISK, labels.STATUS_ON_TRACK):
            ax.axvline(x, color="#999999", linestyle=":", linewidth=0.8)
    if "deadline observed" in stages:
        ax.axvline(1.0, color="#555555", linestyle="--", linewidth=0.8, gid="full")
    top = cap if "deadline observed" in stages else 1.0
    # room for the words beside the bars (longer in English)
    ax.set_xlim(0, max(1.5 if lang == "zh" else 2.0, top + (0.3 if lang == "zh" else 0.8)))
    # the scale stops at certainty (a completion rate may pass it: up to the bars' cap), in per cent
    # (English names are long and leave the bars a narrow axis: ticks every 50 %, not 20 %, so they stay apart)
    ax.set_xticks(np.round(np.arange(0, top + 1e-9, 0.2 if lang == "zh" else 0.5), 1))
    ax.spines["bottom"].set_bounds(0, top)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_yticks(y, [target_name(r, lang) for _, r in df.iterrows()])
    ax.set_xlabel(t("scorecard.fig.prob_or_rate", lang) if "deadline observed" in stages and forecasts
                  else t("scorecard.fig.rate_axis", lang) if "deadline observed" in stages
                  else txt["prob"] if forecasts or not stages
                  else t("scorecard.fig.met_axis", lang))  # only targets met early (and years unreported)
    ax.set_title(txt["scorecard"] + (t("scorecard.region_paren", lang, region=place_name(df["region"].iloc[0], lang))
                                     if "region" in df.columns and len(df) else ""))
    from matplotlib.patches import Patch

    present = [s for s in vocab.STATUSES if s in set(df["status"])]
    ax.legend(handles=[Patch(facecolor=vocab.STATUS_COLORS[s], hatch=hatches.get(s, ""), edgecolor="#999999",
                             label=vocab.status_name(s, lang)) for s in present],
              loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
    stamp_ax(ax, data, lang, illustrative, source, as_of)
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
    df = scorecard_table(data)
    regions = list(dict.fromkeys(df["region"]))
    ids = list(dict.fromkeys(df["indicator_id"]))
    names = dict(zip(df["indicator_id"], df["name_zh"] if lang == "zh" else df["name_en"]))
    status = {(r, i): s for r, i, s in zip(df["region"], df["indicator_id"], df["status"])}
    # room for the target names (longer in English) and a cell wide enough for its status word
    label_in = 2.6 if lang == "zh" else 3.6
    ax = setup_ax(lang, ax, figsize=(min(label_in + 1.25 * max(len(regions), 2), 14.0),
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
    stamp_ax(ax, data, lang, illustrative, source, as_of)
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
    sc = data if isinstance(data, Scorecard) else Scorecard(scorecard_table(data))
    rank = sc.ranking()
    counts = sc.counts().reindex(rank["region"])
    ax = setup_ax(lang, ax, figsize=(7.2, max(2.2, 0.4 * len(rank) + 1.4)))
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
    stamp_ax(ax, data, lang, illustrative, source, as_of)
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
    ag = _one_region(label_agreement(scorecard_table(data)), region)
    if indicator is not None:
        ids = [indicator] if isinstance(indicator, str) else list(indicator)
        ag = ag.loc[ag["indicator_id"].isin(ids)]
    ax = setup_ax(lang, ax, figsize=(8.0, max(2.5, 0.34 * len(ag) + 1.5)))
    txt = TEXT[lang]
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
    ax.set_yticks(np.arange(n)[::-1] + 0.45, [target_name(r, lang) for _, r in ag.iterrows()])
    ax.tick_params(length=0)
    for sp in ax.spines.values():
        sp.set_visible(False)
    k = int((~ag["agree"]).sum())
    ax.set_title(txt["labels_title"] + t("scorecard.disagree_paren", lang, disagree=txt["disagree"], k=k, n=n))
    _region_title(ax, ag, lang)
    stamp_ax(ax, data, lang, illustrative, source, as_of)
    return ax
