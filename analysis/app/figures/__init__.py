"""The report's figure registry: one function per figure, each with a number and a slug.

A registered figure is a function ``f(ctx, lang) -> Figure | Axes`` that draws from a
:class:`ReportContext` (the data, the assessment, the sector panel, their provenance)
using the plot functions of :mod:`analysis.viz.attainment`, :mod:`analysis.viz.sectors`,
:mod:`analysis.model.backtest` and :mod:`analysis.model.scenarios`. :func:`render` applies the
house style, calls it and stamps the caption line (data source, as-of year and, for
the bundled data, "示例数据" (in English "illustrative data")); :func:`export` writes
``<out>/<NN>_<slug>_<lang>.<ext>`` in PNG (300 dpi), SVG and PDF with reproducible bytes.

The plot functions are imported at the top of :mod:`.builders`: a broken plot module makes
``import analysis.app.figures`` fail loudly instead of silently dropping its figures.
A figure with nothing to show for these inputs raises :class:`NotApplicable` (skipped
and reported). Adding a figure is one decorated function (titles from :mod:`analysis.i18n`)::

    @register(15, "sector_growth", title_zh=t("figures.title.sector_growth", "zh"),
              title_en=t("figures.title.sector_growth", "en"), source="sectors")
    def _sector_growth(ctx, lang):
        return viz_sectors.plot_growth(ctx.sector_panel, lang=lang, provenance=ctx.sector_provenance)

Small-multiple panels go through :func:`.panels.compact_panel`, which wraps each panel's title to
the panel's width and keeps a few readable ticks, so English titles never overprint.

=====================  =====================================================================
module                 job
=====================  =====================================================================
:mod:`.registry`       :func:`register`, :class:`FigureSpec`, :data:`REGISTRY`, look-ups
:mod:`.context`        :class:`ReportContext`: the inputs, loaded once, and the captions
:mod:`.render`         :func:`render`, :func:`export`, :func:`show`
:mod:`.panels`         one panel per region, small multiples, the shared legend
:mod:`.builders`       the registered figures themselves (importing it registers them)
=====================  =====================================================================
"""

from __future__ import annotations

from analysis.app.figures import builders  # noqa: F401 - registers the report's figures
from analysis.app.figures.context import ReportContext
from analysis.app.figures.registry import (REGISTRY, SOURCES, FigureSpec, NotApplicable, available, file_stem, get, has,
                                           register, specs, table, unavailable)
from analysis.app.figures.render import EXPORTED_ENV, SHOW_DPI, export, render, show

__all__ = [
    "NotApplicable", "FigureSpec", "ReportContext", "REGISTRY", "register", "get", "has", "specs", "available",
    "unavailable", "render", "export", "file_stem", "SOURCES", "table", "show", "EXPORTED_ENV", "SHOW_DPI",
]
