"""Forecast calibration charts from the back-test: interval coverage by horizon, Brier score / accuracy."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.i18n import LANGS, t, words
from analysis.viz.attainment.base import setup_ax, stamp_ax


#: Who published the real public series the back-test runs on (caption of the calibration
#: figures; producers as in ``data/raw/sources.csv``, each row's URL in ``data/raw/public/*.csv``).
BACKTEST_SOURCE: dict[str, str] = {lang: t("backtest.fig.source", lang) for lang in LANGS}
#: Colours of the 80 % and 95 % intervals (dark / light in greyscale) and of the three methods.
_LEVEL_COLORS = {80: "#0072B2", 95: "#E69F00"}
_METHOD_COLORS = {"ours": "#0072B2", "straight_line": "#999999", "cagr": "#D55E00"}
_METHOD_HATCH = {"ours": "", "straight_line": "//", "cagr": ".."}
#: The figures' labels in each language, from the catalogue (``backtest.fig.<key>``).
_BT_TEXT = {lang: words("backtest.fig", lang) for lang in LANGS}
for _lang, _txt in _BT_TEXT.items():   # the compared methods' names: the catalogue's (shared with notebook 06)
    _txt.update({m: t(f"forecast.method.{m}", _lang) for m in _METHOD_COLORS})
_NATIONAL_METHODS = {"ours (auto, calibrated)": "ours", "straight_line": "straight_line", "cagr": "cagr"}


def _bt_stamp(ax, illustrative: bool, lang: str, as_of: int | None) -> None:
    stamp_ax(ax, pd.DataFrame(), lang, illustrative, BACKTEST_SOURCE[lang], as_of)


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
    ax = setup_ax(lang, ax, figsize=(7.2, 3.8))
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
    ax.set_title(txt["cal_title"] + t("figures.paren", lang, text=txt["data_" + data] if "data_" + data in txt else data))
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
    13th Five-Year S&T plan and of the 13th Five-Year Plan outline, the 2015 targets of the
    12th outline and the 2025 targets of the 14th, each called in the five years before its deadline). Ours is the automatic
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
    ax = setup_ax(lang, ax, figsize=(5.0, 3.6))
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
