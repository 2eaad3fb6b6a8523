"""Trend and attainment charts (seaborn-style: each function draws on one Axes and returns it).

=========================  ==================================================================
function                   draws
=========================  ==================================================================
:func:`trend_plot`         history, target line, deadline marker, optional forecast fan
:func:`fan_chart`          history + 80 % / 95 % forecast bands to the deadline + target
:func:`trend_grid`         every indicator's trend_plot, a panel each (returns the Figure, laid out once)
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
Figures made from illustrative data carry "示例数据" ("illustrative data" in English) (via
:func:`analysis.viz.style.stamp`, or a plain fallback note when the style module is missing).
``trend_plot`` and ``fan_chart`` take long observations
(``region, indicator_id, year, value``) and the catalogue; the scorecard charts take a computed
:class:`~analysis.model.scorecard.Scorecard` (or its ``.table``): they never load files or run
the model.

Modules: :mod:`.trends` (trend and fan charts), :mod:`.scorecard` (the scorecard charts and the
region tables), :mod:`.backtest` (forecast calibration), :mod:`.base` (what they share).
"""

from __future__ import annotations

from analysis.viz.attainment.backtest import BACKTEST_SOURCE, brier_plot, calibration_plot
from analysis.viz.attainment.base import REGION_COLORS
from analysis.viz.attainment.scorecard import (growth_plot, growth_rows, label_agreement_plot, region_ranking_plot,
                                               scorecard_plot, status_heatmap)
from analysis.viz.attainment.trends import fan_chart, trend_grid, trend_plot

__all__ = ["trend_plot", "fan_chart", "trend_grid", "growth_plot", "growth_rows", "scorecard_plot", "label_agreement_plot",
           "status_heatmap", "region_ranking_plot", "calibration_plot", "brier_plot", "BACKTEST_SOURCE",
           "REGION_COLORS"]
