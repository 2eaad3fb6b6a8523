"""Reliability diagram of the attainment probabilities (data from
:func:`analysis.model.backtest.reliability`)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from analysis.i18n import t
from analysis.viz import style


def reliability_plot(table: pd.DataFrame, *, lang: str = "zh", ax=None, min_n: int = 1):
    """Draw the reliability diagram: mean forecast probability per bin (x) against the observed
    share met (y), the diagonal for perfect calibration, point size by the number of calls.

    Parameters
    ----------
    table : DataFrame
        ``bin_lower, bin_upper, n, mean_p, observed`` (:func:`analysis.model.backtest.reliability`).
    lang : {"zh", "en"}
    ax : matplotlib Axes, optional
    min_n : int
        Bins with fewer calls are not drawn.

    Returns
    -------
    matplotlib.axes.Axes
    """
    style.apply(lang)
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 5))
    g = table[(table["n"] >= min_n) & np.isfinite(table["mean_p"].to_numpy(float))]
    ax.plot([0, 1], [0, 1], color="0.6", linestyle="--", linewidth=1, label=t("forecast.reliability_ideal", lang))
    sizes = 20 + 180 * g["n"].to_numpy(float) / max(float(g["n"].max()), 1.0) if len(g) else []
    ax.plot(g["mean_p"], g["observed"], color="C0", linewidth=1.5,
            label=t("forecast.reliability_ours", lang, n=min_n))
    ax.scatter(g["mean_p"], g["observed"], s=sizes, color="C0", zorder=3)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel(t("forecast.reliability_x", lang))
    ax.set_ylabel(t("forecast.reliability_y", lang))
    ax.set_title(t("forecast.reliability_title", lang))
    ax.legend(loc="upper left")
    return ax
