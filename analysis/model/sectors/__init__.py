"""Sector comparison: which of the plan's sectors carry the district's targets, grow or lag.

The plan (平政办发〔2019〕137号) bets on named sectors, each with anchor firms, an
engineering research centre and a transfer base. This module turns the long sector
panel (``region, sector, year, metric, value, unit, source, note``; read by
:func:`analysis.io.readers.read_sector_panel`) into comparable numbers. Every function is
pure: it takes a panel (any subset of sectors and metrics, any years, several regions)
and returns a new DataFrame; nothing is read from disk unless a default is asked for.

Conventions (see ``docs/sectors.md`` for the formulas):

* percentages are in per cent (``*_pct`` columns), never fractions;
* the *district total* of a metric is the sum over the sectors present in the panel for
  that region and year (only for metrics that are additive over sectors);
* ranks are 1 for the largest value (ties share the smaller rank), computed across all
  sectors of the panel for the region and year, *before* any ``sectors=`` selection, so
  a selection never changes a sector's rank, share or z-score;
* growth between two years uses, for a sector missing one of them, the nearest year
  available *inside* the interval (never extrapolating) and says so in ``note``.

======================  =========================================================================
module                  job
======================  =========================================================================
:mod:`.panel`           the panel's columns, the derived :data:`INTENSITIES`, clean copies
:mod:`.registry`        :func:`sector_registry`, :func:`metric_metadata`, sector and metric labels
:mod:`.metrics`         levels, intensities, growth, shares, z-scores, ranks, indices
:mod:`.contribution`    :func:`contributions` to the district targets, :func:`contribution_summary`
:mod:`.comparison`      :func:`compare` (the ``sectors`` command's table), :func:`focus_summary`, the CLI
======================  =========================================================================
"""

from __future__ import annotations

from analysis.model.sectors.comparison import cli_sectors, compare, focus_summary, load_panel
from analysis.model.sectors.contribution import contribution_summary, contributions, target_links
from analysis.model.sectors.metrics import (district_totals, growth, index_to_base, intensities, levels, rank_change,
                                            ranks, shares, with_intensities, zscores)
from analysis.model.sectors.panel import INTENSITIES, KEYS, PANEL_COLUMNS
from analysis.model.sectors.registry import (REGISTRY_COLUMNS, metric_label, metric_metadata, metrics_path,
                                             sector_label, sector_registry)

__all__ = [
    "PANEL_COLUMNS", "REGISTRY_COLUMNS", "KEYS", "INTENSITIES", "sector_registry", "metrics_path", "metric_metadata",
    "sector_label", "metric_label", "levels", "intensities", "with_intensities", "growth", "district_totals",
    "shares", "zscores", "ranks", "rank_change", "index_to_base", "target_links", "contributions",
    "contribution_summary", "compare", "focus_summary", "load_panel", "cli_sectors",
]
