"""The report's figure registry: one function per figure, each with a number and a slug.

A registered figure is a function ``f(ctx, lang) -> Figure | Axes`` that draws from a
:class:`ReportContext` (the data, the assessment, the sector panel, their provenance)
using the plot functions of :mod:`analysis.viz.attainment`, :mod:`analysis.viz.sectors`,
:mod:`analysis.model.backtest` and :mod:`analysis.model.scenarios`. :func:`render` applies the
house style, calls it and stamps the caption line (data source, as-of year and, for
the bundled data, "示例数据 / illustrative data"); :func:`export` writes
``<out>/<NN>_<slug>_<lang>.<ext>`` in PNG (300 dpi), SVG and PDF with reproducible bytes.

The plot functions are imported at the top of this module: a broken plot module makes
``import analysis.app.figures`` fail loudly instead of silently dropping its figures.
A figure with nothing to show for these inputs raises :class:`NotApplicable` (skipped
and reported). Adding a figure is one decorated function (titles from :mod:`analysis.i18n`)::

    @register(15, "sector_growth", title_zh=t("figures.title.sector_growth", "zh"),
              title_en=t("figures.title.sector_growth", "en"), source="sectors")
    def _sector_growth(ctx, lang):
        return viz_sectors.plot_growth(ctx.sector_panel, lang=lang, provenance=ctx.sector_provenance)

Small-multiple panels go through :func:`_compact_panel`, which wraps each panel's title to
the panel's width and keeps a few readable ticks, so English titles never overprint.
"""

from __future__ import annotations

import copy
import datetime as _dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Sequence

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from analysis import config
from analysis.i18n import check_lang, t
from analysis.i18n.names import unit_label
from analysis.io import catalogue, dataset
from analysis.io import ledger as io_ledger
from analysis.model import benchmarks as model_benchmarks
from analysis.model import ledger as model_ledger
from analysis.model import scenarios
from analysis.model import sectors as model_sectors
from analysis.model.backtest_results import backtest_results
from analysis.model.forecast import calibration_path
from analysis.model.scorecard import assess
from analysis.viz import attainment, benchmarks as viz_benchmarks, common, ledger as viz_ledger, style
from analysis.viz import scenarios as scenario_charts
from analysis.viz import sectors as viz_sectors

__all__ = [
    "NotApplicable", "FigureSpec", "ReportContext", "REGISTRY", "register", "get", "specs", "available", "unavailable",
    "render", "export", "file_stem",
]

#: Sources a figure can be stamped with (see :meth:`ReportContext.caption`).
SOURCES = ("observations", "sectors", "public", "mixed", "backtest")


class NotApplicable(Exception):
    """Raised by a figure function when these inputs give it nothing to show (e.g. another
    plan's catalogue without the indicator the figure is about). :func:`export` skips the
    figure and records the reason; it is not an error."""


# The back-test is the same for every report context of a process (it reads only the public
# series and the calibration file): run it once per process and inputs (about 5 s), so a report
# in two languages, or several contexts in one session, do not repeat it. Keyed on the files'
# paths, sizes and modification times; each caller gets its own copy.
_BACKTEST_MEMO: dict[tuple, dict] = {}


def _backtest_inputs() -> tuple:
    public = config.public_dir()
    files = sorted(public.glob("*.csv")) if public.is_dir() else []
    key = []
    for p in [*files, calibration_path()]:
        try:
            st = p.stat()
        except OSError:
            continue
        key.append((str(p), st.st_size, st.st_mtime_ns))
    return tuple(key)


def _backtest_once() -> dict:
    key = _backtest_inputs()
    if key not in _BACKTEST_MEMO:
        _BACKTEST_MEMO.clear()
        _BACKTEST_MEMO[key] = backtest_results()
    return copy.deepcopy(_BACKTEST_MEMO[key])


@dataclass(frozen=True)
class FigureSpec:
    """One registered report figure."""

    number: int
    slug: str
    title_zh: str
    title_en: str
    func: Callable = field(repr=False, compare=False)
    source: str = "observations"

    def title(self, lang: str = "zh") -> str:
        """The figure's title in ``lang`` (used by the index page and notebook 05)."""
        return {"zh": self.title_zh, "en": self.title_en}[check_lang(lang)]

    def stem(self, lang: str = "zh") -> str:
        """File name without extension: ``<NN>_<slug>_<lang>``."""
        return file_stem(self.number, self.slug, lang)

    def missing(self) -> list[str]:
        """Always ``[]``: kept for callers of the old ``requires=`` probing (plot functions are
        imported at module top now, so a figure is never silently unavailable)."""
        return []


#: Every registered figure by slug, in registration order (see :func:`specs` for number order).
REGISTRY: dict[str, FigureSpec] = {}


def file_stem(number: int, slug: str, lang: str) -> str:
    """``<NN>_<slug>_<lang>``, the file name of a figure without its extension."""
    return f"{int(number):02d}_{slug}_{lang}"


def register(number: int, slug: str, *, title_zh: str, title_en: str, source: str = "observations"):
    """Decorator: register ``f(ctx, lang)`` as report figure ``number`` / ``slug``.

    ``source`` is which data the caption names: ``observations`` (monitoring data),
    ``sectors`` (sector panel), ``public`` (real public series), ``mixed`` or
    ``backtest`` (the calibration back-test: its real series' publishers, last year, and
    the illustrative note only when illustrative series are in it).
    """
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}, got {source!r}")

    def deco(func):
        for other in REGISTRY.values():
            if other.slug != slug and other.number == number:
                raise ValueError(f"figure number {number} already used by {other.slug!r}")
        REGISTRY[slug] = FigureSpec(int(number), slug, title_zh, title_en, func, source)
        return func

    return deco


def get(slug_or_number: str | int) -> FigureSpec:
    """A registered figure by slug or number."""
    for spec in REGISTRY.values():
        if spec.slug == slug_or_number or spec.number == slug_or_number or (
                isinstance(slug_or_number, str) and slug_or_number.isdigit() and spec.number == int(slug_or_number)):
            return spec
    raise KeyError(f"no figure {slug_or_number!r}; registered: {', '.join(s.slug for s in specs())}")


def specs(only: Iterable[str | int] | None = None) -> list[FigureSpec]:
    """Registered figures in number order (``only``: a subset by slug or number)."""
    if only is not None:
        return sorted({get(x).slug: get(x) for x in only}.values(), key=lambda s: s.number)
    return sorted(REGISTRY.values(), key=lambda s: s.number)


def available(only: Iterable[str | int] | None = None) -> list[FigureSpec]:
    """Same as :func:`specs` (every registered figure is available; kept for callers)."""
    return specs(only)


def unavailable(only: Iterable[str | int] | None = None) -> dict[str, list[str]]:
    """Always ``{}`` (kept for callers; see :meth:`FigureSpec.missing`)."""
    return {}


# ------------------------------------------------------------------------------ context
class ReportContext:
    """The data a report is drawn from, loaded once and shared by every figure and table.

    Parameters
    ----------
    data : path-like, optional
        Monitoring observations (default: the bundled illustrative data).
    targets : path-like, optional
        Target catalogue (default: the plan's).
    as_of : int, optional
        Use only observations (and sector-panel years) up to this year.
    sector_data : path-like, optional
        Sector panel (default: the bundled illustrative panel).
    baseline : int, optional
        The plan's base year (``--baseline``; default the catalogue's, else the first observed year).
    ledger : path-like or DataFrame, optional
        The filled task ledger (a file for :func:`analysis.io.ledger.read_ledger`, or what it
        returned); default: the bundled illustrative ledger.
    """

    def __init__(self, data: str | Path | None = None, targets: str | Path | None = None,
                 as_of: int | None = None, sector_data: str | Path | None = None, baseline: int | None = None,
                 ledger: str | Path | pd.DataFrame | None = None):
        self.ledger_input = ledger
        self.baseline = int(baseline) if baseline is not None else None
        self.data = Path(data) if data is not None else None
        self.targets_path = Path(targets) if targets is not None else None
        self.as_of = int(as_of) if as_of is not None else None
        self.sector_data = Path(sector_data) if sector_data is not None else None

    # ---------------------------------------------------------------- inputs
    @cached_property
    def targets(self) -> pd.DataFrame:
        """The target catalogue."""
        return catalogue.load_targets(self.targets_path)

    @cached_property
    def observations(self) -> pd.DataFrame:
        """All observations (not cut at ``as_of``; see :attr:`observations_as_of`)."""
        return dataset.load_observations(self.data, self.targets if self.targets_path else None)

    @cached_property
    def observations_as_of(self) -> pd.DataFrame:
        """Observations up to ``as_of`` (what every figure and table uses)."""
        obs = self.observations
        if self.as_of is None:
            return obs
        return obs.loc[obs["year"].astype(int) <= self.as_of].reset_index(drop=True)

    @cached_property
    def assessment(self):
        """:func:`analysis.model.scorecard.assess` on these inputs: a
        :class:`~analysis.model.scorecard.Scorecard` (``.table`` is the DataFrame) carrying
        the data file's provenance."""
        sc = assess(self.observations, self.targets, as_of=self.as_of, baseline=self.baseline)
        prov = self.provenance
        sources = {lang: sc.sources.get(lang) or prov.get(f"source_{lang}", "") for lang in ("zh", "en")}
        return sc.with_provenance(illustrative=bool(prov.get("illustrative", sc.illustrative)), sources=sources)

    @cached_property
    def provenance(self) -> dict:
        """:func:`analysis.io.dataset.provenance` of the monitoring data."""
        return _provenance(self.data if self.data is not None else config.monitoring_path())

    @cached_property
    def sector_panel(self) -> pd.DataFrame:
        """The sector panel up to ``as_of``."""
        panel = dataset.load_sector_panel(self.sector_data)
        if self.as_of is not None:
            panel = panel.loc[panel["year"].astype(int) <= self.as_of].reset_index(drop=True)
        return panel

    @cached_property
    def sector_provenance(self) -> dict:
        """Provenance of the sector panel."""
        return _provenance(self.sector_data if self.sector_data is not None else config.sector_panel_path())

    @cached_property
    def ledger(self) -> pd.DataFrame:
        """The task ledger (:func:`analysis.io.ledger.read_ledger`; default the bundled illustrative one)."""
        if isinstance(self.ledger_input, pd.DataFrame):
            return self.ledger_input
        return io_ledger.load_ledger(self.ledger_input)

    @property
    def ledger_as_of(self):
        """The ledger's as-of date: the end of its latest reporting period, cut at the end of
        ``as_of`` when that is earlier (``None`` for an empty ledger)."""
        last = model_ledger.default_as_of(self.ledger)
        if last is None or self.as_of is None:
            return last
        return min(last, _dt.date(self.as_of, 12, 31))

    @cached_property
    def public(self) -> pd.DataFrame:
        """The real public series (:func:`analysis.io.dataset.load_public`)."""
        return dataset.load_public()

    @cached_property
    def backtest(self) -> dict:
        """The calibration back-test on the real public series and the national-plan check
        (:func:`analysis.model.backtest_results.backtest_results`), computed once per context (about 5 s).

        It tests the forecasting method, not the district: it uses every year of the
        public series whatever ``as_of`` is (the national check needs the 2020 outcomes).
        """
        return _backtest_once()

    # ---------------------------------------------------------------- captions
    @property
    def as_of_year(self) -> int | None:
        """Last year of monitoring data used."""
        y = self.assessment.attrs.get("as_of")
        if y is not None:
            return int(y)
        obs = self.observations_as_of
        return int(obs["year"].max()) if len(obs) else None

    @property
    def sector_as_of_year(self) -> int | None:
        """Last year of the sector panel used."""
        p = self.sector_panel
        return int(p["year"].max()) if len(p) else None

    def caption(self, source: str, lang: str = "zh") -> dict:
        """``illustrative``, ``source`` and ``as_of`` for :func:`analysis.viz.style.stamp`.

        Whether data are illustrative comes from their ``.meta.json`` (:func:`common.provenance`).
        """
        check_lang(lang)
        if source == "sectors":
            return common.caption(self.sector_provenance, lang=lang, as_of=self.sector_as_of_year)
        if source == "backtest":
            bt = self.backtest
            return common.caption({"illustrative": bt["illustrative"]}, lang=lang, as_of=bt["last_year"],
                                  source=attainment.BACKTEST_SOURCE[lang])
        if source == "public":
            pub = self.public
            year = int(pub["year"].max()) if len(pub) else None
            if self.as_of is not None and year is not None:
                year = min(year, self.as_of)
            return common.caption(None, lang=lang, as_of=year, source=t("figures.public_source", lang))
        cap = common.caption(self.provenance, lang=lang, as_of=self.as_of_year)
        if source == "mixed":
            extra = t("figures.public_short", lang)
            cap["source"] = t("figures.source_join", lang, a=cap["source"], b=extra) if cap["source"] else extra
        return cap


def _provenance(path: Path) -> dict:
    """:func:`analysis.io.dataset.provenance` (the file's ``.meta.json``); a caption never stops
    the report, so an unreadable ``.meta.json`` gives the file name as source (and the bundled
    files, whose metadata say illustrative, stay illustrative)."""
    try:
        return dict(dataset.provenance(path))
    except (OSError, ValueError) as exc:
        bundled = Path(path).resolve() in (config.monitoring_path().resolve(),
                                           config.sector_panel_path().resolve())
        return {"illustrative": bundled, "source_zh": Path(path).name, "source_en": Path(path).name,
                "file": str(path), "problem": str(exc)}


# ------------------------------------------------------------------------------ drawing
def _root_figure(obj):
    fig = obj if hasattr(obj, "savefig") else getattr(obj, "figure", None)
    if fig is None and hasattr(obj, "flat"):  # an array of Axes
        fig = obj.flat[0].figure
    if fig is None:
        raise TypeError(f"a figure function must return a Figure or Axes, got {type(obj).__name__}")
    while getattr(fig, "figure", None) is not None and fig.figure is not fig:
        fig = fig.figure
    return fig


def render(spec: FigureSpec | str | int, ctx: ReportContext | None = None, lang: str = "zh"):
    """Draw one registered figure in ``lang`` with the house style and caption line.

    Returns the matplotlib ``Figure`` (the caller closes it).
    """
    spec = spec if isinstance(spec, FigureSpec) else get(spec)
    ctx = ctx if ctx is not None else ReportContext()
    style.apply(lang)
    before = set(plt.get_fignums())
    try:
        fig = _root_figure(spec.func(ctx, lang))
    except BaseException:
        for num in set(plt.get_fignums()) - before:
            plt.close(num)
        raise
    _localise_units(fig, lang)
    common.fit_titles(fig)
    style.stamp(fig, lang=lang, **ctx.caption(spec.source, lang))
    return fig


def _localise_units(fig, lang: str) -> None:
    """An axis label that is only a catalogue unit (``家``, ``亿元``) is shown in ``lang``
    (:func:`analysis.i18n.names.unit_label`); plot functions that label axes with a bare unit
    thus read right in English figures."""
    for ax in fig.axes:
        for label in (ax.xaxis.label, ax.yaxis.label):
            text = label.get_text()
            if text and text != unit_label(text, lang):
                label.set_text(unit_label(text, lang))


def export(ctx: ReportContext | None = None, *, langs: Sequence[str] = ("zh",),
           formats: Sequence[str] = ("png", "svg", "pdf"), out_dir: str | Path | None = None,
           only: Iterable[str | int] | None = None, dpi: int = 300,
           progress: Callable[[str], None] | None = None,
           skipped: dict[str, list[str]] | None = None) -> list[Path]:
    """Write every registered figure in every language and format.

    Parameters
    ----------
    ctx : ReportContext, optional
        Default: the bundled data.
    langs : sequence of {"zh", "en"}
    formats : sequence of {"png", "svg", "pdf"}
    out_dir : path-like, optional
        Default :func:`analysis.config.figures_dir`.
    only : slugs or numbers, optional
        A subset of figures.
    dpi : int
        PNG resolution.
    progress : callable, optional
        Called with each figure's file stem after it is written (or skipped).
    skipped : dict, optional
        Filled with slug -> [reason] for figures that raised :class:`NotApplicable`.

    Returns
    -------
    list of Path
        Files written, figure by figure.
    """
    ctx = ctx if ctx is not None else ReportContext()
    out = Path(out_dir) if out_dir is not None else config.figures_dir()
    written: list[Path] = []
    for spec in available(only):
        for lang in langs:
            try:
                fig = render(spec, ctx, lang)
            except NotApplicable as exc:
                if skipped is not None:
                    skipped[spec.slug] = [f"not applicable: {exc}"]
                if progress is not None:
                    progress(spec.stem(lang))
                continue
            try:
                written += style.savefig(fig, out / spec.stem(lang), formats=formats, dpi=dpi)
            finally:
                plt.close(fig)
            if progress is not None:
                progress(spec.stem(lang))
    return written


# ================================================================ the report's figures
# Numbering: 01-09 scorecard and trends, 10-19 sectors, 20-29 forecasts, 30-39 scenarios.
# Each function only calls the owning module's plot function with the context's data.


# ---------------------------------------------------------------- sectors (analysis.viz.sectors)
def _titles(slug: str) -> dict:
    """``title_zh`` / ``title_en`` of a figure from the ``figures.title.<slug>`` catalogue key."""
    return {"title_zh": t(f"figures.title.{slug}", "zh"), "title_en": t(f"figures.title.{slug}", "en")}


@register(11, "sector_trends", **_titles("sector_trends"), source="sectors")
def _sector_trends(ctx: ReportContext, lang: str):
    return viz_sectors.plot_trends(ctx.sector_panel, metric="output_value", lang=lang,
                                   provenance=ctx.sector_provenance)


@register(12, "sector_rank_slope", **_titles("sector_rank_slope"), source="sectors")
def _sector_rank_slope(ctx: ReportContext, lang: str):
    return viz_sectors.plot_rank_slope(ctx.sector_panel, metric="tech_contract_turnover", lang=lang,
                                       provenance=ctx.sector_provenance)


@register(13, "sector_heatmap", **_titles("sector_heatmap"), source="sectors")
def _sector_heatmap(ctx: ReportContext, lang: str):
    return viz_sectors.plot_zscore_heatmap(ctx.sector_panel, lang=lang, provenance=ctx.sector_provenance)


@register(14, "sector_contribution", **_titles("sector_contribution"), source="sectors")
def _sector_contribution(ctx: ReportContext, lang: str):
    indicator = "tech_contract_turnover"
    if indicator not in set(model_sectors.target_links(targets=ctx.targets).values()):
        raise NotApplicable(f"the catalogue has no sector-additive target {indicator!r}")
    return viz_sectors.plot_contribution(ctx.sector_panel, indicator=indicator, targets=ctx.targets,
                                         lang=lang, provenance=ctx.sector_provenance)


# ---------------------------------------------------------------- forecast calibration (analysis.viz.attainment)
@register(20, "calibration", **_titles("calibration"), source="backtest")
def _calibration(ctx: ReportContext, lang: str):
    bt = ctx.backtest
    if not len(bt["table"]):
        raise NotApplicable("no real public series with enough points to back-test")
    _, ax = plt.subplots(figsize=(7.2, 4.0), layout="constrained")
    return attainment.calibration_plot(bt["table"], lang=lang, as_of=bt["last_year"], ax=ax)


@register(21, "brier", **_titles("brier"), source="backtest")
def _brier(ctx: ReportContext, lang: str):
    bt = ctx.backtest
    if not len(bt["table"]):
        raise NotApplicable("no real public series with enough points to back-test")
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.6), layout="constrained")
    for ax, metric in zip(axes, ("brier", "accuracy")):
        attainment.brier_plot(bt["table"], bt["national"], metric=metric, lang=lang, ax=ax, legend=False,
                              as_of=bt["last_year"])
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside upper center", ncols=3, fontsize=7.5, frameon=False)
    return fig


# ---------------------------------------------------------------- scorecard and trends (analysis.viz.attainment)
def _plot_kw(ctx: ReportContext, lang: str) -> dict:
    cap = ctx.caption("observations", lang)
    return {"targets": ctx.targets, "lang": lang, "as_of": ctx.as_of, "illustrative": cap["illustrative"],
            "source": cap["source"]}


#: Regions drawn one panel each in figures 01-03 (more: figures 05-06 compare them all).
MAX_REGION_PANELS = 6


def _regions(ctx: ReportContext) -> list[str]:
    """Regions of the scorecard, in its order (the main region first when present)."""
    regions = ctx.assessment.regions
    return sorted(regions, key=lambda r: r != config.DEFAULT_REGION) if config.DEFAULT_REGION in regions else regions


def _per_region(ctx: ReportContext, lang: str, draw, *, row_height: float = 0.28, width: float = 7.2):
    """One panel per region (up to :data:`MAX_REGION_PANELS`), stacked; every panel its own region."""
    regions = _regions(ctx)[:MAX_REGION_PANELS]
    n = max(len(ctx.assessment.region(r)) for r in regions) if regions else 0
    h = max(3.0, row_height * n + 1.2)
    if len(regions) <= 1:
        return draw(ctx.assessment, regions[0] if regions else None, _axes((width, h)))
    fig, axes = plt.subplots(len(regions), 1, figsize=(width, h * len(regions)), layout="constrained",
                             squeeze=False)
    for ax, r in zip(axes[:, 0], regions):
        draw(ctx.assessment, r, ax)
    return fig


@register(1, "scorecard", title_zh="目标完成情况:按期达标概率、完成率与状态",
          title_en="Scorecard: probability of meeting each target or its completion rate, and status")
def _scorecard(ctx: ReportContext, lang: str):
    kw = _plot_kw(ctx, lang)
    return _per_region(ctx, lang, lambda sc, r, ax: attainment.scorecard_plot(sc, region=r, ax=ax, **kw))


@register(2, "growth", title_zh="实际年均增速与所需年均增速", title_en="Actual growth vs growth still required")
def _growth(ctx: ReportContext, lang: str):
    kw = _plot_kw(ctx, lang)
    return _per_region(ctx, lang, lambda sc, r, ax: attainment.growth_plot(sc, region=r, ax=ax, **kw))


@register(3, "label_agreement", title_zh="三种进度判定方法与状态对照",
          title_en="Three progress labels and the status, side by side")
def _label_agreement(ctx: ReportContext, lang: str):
    kw = _plot_kw(ctx, lang)
    return _per_region(ctx, lang, lambda sc, r, ax: attainment.label_agreement_plot(sc, region=r, ax=ax, **kw))


@register(4, "fan_charts", title_zh="各指标走势与到期预测区间", title_en="Each indicator's history and forecast to its deadline")
def _fan_charts(ctx: ReportContext, lang: str):
    obs = ctx.observations_as_of
    regions = [r for r in _regions(ctx) if r in set(obs["region"].astype(str))][:8]
    have = set(obs.loc[obs["region"].astype(str).isin(regions), "indicator_id"])
    ids = [i for i in dict.fromkeys(ctx.targets["id"]) if i in have]
    if not ids:
        return _empty_figure(lang)
    ncols = 3 if len(ids) > 4 else len(ids)
    nrows = -(-len(ids) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, 2.1 * nrows + 0.4), squeeze=False)
    kw = _plot_kw(ctx, lang)
    region = regions if len(regions) > 1 else (regions[0] if regions else None)
    for ax, ind in zip(axes.flat, ids):
        attainment.fan_chart(obs, indicator=ind, region=region, ax=ax, **kw)
        _compact_panel(ax)
    for ax in list(axes.flat)[len(ids):]:
        ax.set_visible(False)
    _shared_legend(fig, axes.flat[0])
    return fig


@register(5, "region_overview", title_zh="各地区目标状态总览", title_en="Status of every target in every region")
def _region_overview(ctx: ReportContext, lang: str):
    return attainment.status_heatmap(ctx.assessment, **{k: v for k, v in _plot_kw(ctx, lang).items() if k != "targets"})


@register(6, "region_ranking", title_zh="地区排名:已完成与按期可达的目标数",
          title_en="Regions ranked by targets achieved or on track")
def _region_ranking(ctx: ReportContext, lang: str):
    return attainment.region_ranking_plot(ctx.assessment, **{k: v for k, v in _plot_kw(ctx, lang).items() if k != "targets"})


def _axes(figsize):
    return plt.subplots(figsize=figsize)[1]


def _main_region(obs: pd.DataFrame) -> str | None:
    regions = list(dict.fromkeys(obs["region"].astype(str))) if len(obs) else []
    if not regions:
        return None
    return config.DEFAULT_REGION if config.DEFAULT_REGION in regions else regions[0]


def _compact_panel(ax) -> None:
    """Small-multiple panel: title wrapped to the panel's width (at most 2 lines), three to four
    year ticks, whole-number y ticks for counts, no per-panel legend (the y unit is shown in
    the figure's language by :func:`render`)."""
    leg = ax.get_legend()
    if leg is not None:
        leg.remove()
    for title in (ax.title, ax._left_title, ax._right_title):
        if title.get_text():
            title.set_fontsize(7.5)
            title.set_text(common.wrap(title.get_text().replace("\n", " "),
                                       common.chars_for(ax, 7.5), max_lines=2))
    ax.tick_params(labelsize=6.5)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True, min_n_ticks=2))
    # a count (unit 个, 家, 项 ...: no unit in English) gets whole-number ticks
    count = bool(ax.get_ylabel()) and unit_label(ax.get_ylabel(), "en") == ""
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, min_n_ticks=2, integer=count))
    for text in ax.texts:  # per-panel notes ("no deadline in the plan ...") fit the panel too
        if text.get_fontsize() > 6.5:
            text.set_fontsize(6.0)
        text.set_text(common.wrap(text.get_text().replace("\n", " "), common.chars_for(ax, 6.0), max_lines=2))
    ax.xaxis.label.set_visible(False)
    ax.yaxis.label.set_fontsize(6.5)


#: Legend entries that name one panel's values ("目标 ≥1 个", "期限 2020") shortened to the
#: generic word for a legend shared by all panels.
_GENERIC_LABELS = ("目标", "期限", "target", "deadline", "Target", "Deadline")


def _shared_legend(fig, ax) -> None:
    handles, labels = ax.get_legend_handles_labels()
    seen: dict[str, object] = {}
    for h, lab in zip(handles, labels):
        if lab and not lab.startswith("_"):
            lab = next((g for g in _GENERIC_LABELS if lab.startswith(g + " ")), lab)
            seen.setdefault(lab, h)
    if seen:
        fig.legend(list(seen.values()), list(seen.keys()), loc="outside upper center",
                   ncols=min(len(seen), 6), fontsize=7.5, frameon=False)


def _empty_figure(lang: str):
    fig, ax = plt.subplots(figsize=(7.2, 2.0))
    ax.set_axis_off()
    ax.text(0.5, 0.5, t("figures.no_data", lang), ha="center", va="center")
    return fig


# ------------------------------------------------------------------------------ notebooks
def table(lang: str = "zh") -> pd.DataFrame:
    """The registry as a table: number, slug, title in ``lang``, file stem, available, missing."""
    rows = []
    for s in specs():
        miss = s.missing()
        rows.append({"number": s.number, "slug": s.slug, "title": s.title(lang), "file": s.stem(lang),
                     "available": not miss, "missing": "; ".join(miss)})
    return pd.DataFrame(rows, columns=["number", "slug", "title", "file", "available", "missing"])


#: Set by ``python -m analysis report`` while it runs the notebooks: the folder it has just
#: written the figures to, so :func:`show` displays those files instead of drawing again.
EXPORTED_ENV = "ANALYSIS_REPORT_FIGURES"


def show(ctx: ReportContext | None = None, lang: str = "zh", only: Iterable[str | int] | None = None) -> int:
    """Render the available figures inline in a notebook, each under a numbered heading.

    Inside ``python -m analysis report`` (environment variable :data:`EXPORTED_ENV` set)
    the PNG files the report has just written for these inputs are shown instead of
    drawing each figure a second time; they are the same figures.

    Returns the number of figures shown.
    """
    import os

    import matplotlib.pyplot as plt
    from IPython.display import Image, Markdown, display

    ctx = ctx if ctx is not None else ReportContext()
    exported = os.environ.get(EXPORTED_ENV, "").strip()
    n = 0
    for spec in available(only):
        display(Markdown(f"### {spec.number:02d} {spec.title(lang)}"))
        png = Path(exported) / f"{spec.stem(lang)}.png" if exported else None
        if png is not None and png.is_file():
            display(Image(filename=str(png), width=720))
        else:
            try:
                fig = render(spec, ctx, lang)
            except NotApplicable as exc:
                display(Markdown(f"*{exc}*"))
                continue
            try:
                display(fig)
            finally:
                plt.close(fig)
        n += 1
    return n


# ---------------------------------------------------------------- scenarios (analysis.model.scenarios)
@register(30, "scenario_questions", title_zh="情景问答:增速、高新技术企业认定与人口变化",
          title_en="Scenario questions: growth rate, high-tech certifications, shrinking population")
def _scenario_questions(ctx: ReportContext, lang: str):
    obs = ctx.observations_as_of
    region = _main_region(obs)
    answers = scenarios.question_results(obs, ctx.targets, region=region, lang=lang) if region else []
    if not answers:
        ids = ", ".join(dict.fromkeys(q[2] for q in scenarios.QUESTIONS))
        raise NotApplicable(f"neither the catalogue nor the data have the questions' indicators ({ids})")
    return scenario_charts.questions_plot(answers, lang=lang, provenance=ctx.provenance)


@register(31, "score_sensitivity", title_zh="考核评分及权重扰动下的排名范围",
          title_en="Composite score and rank ranges under weight perturbation")
def _score_sensitivity(ctx: ReportContext, lang: str):
    obs = ctx.observations_as_of
    region = _main_region(obs)
    if region is None:
        raise NotApplicable("no observations to score")
    table = scenarios.progress_table(scenarios.latest_values(obs, region), ctx.targets)
    if not table["progress"].notna().any():
        raise NotApplicable("no target of the catalogue has an observation to score")
    results = {}
    for by in ("task", "sector"):
        sens = scenarios.sensitivity(table, by=by, spread=0.2, n=500, seed=0)
        if sens.groups["score"].notna().sum() >= 2:  # a ranking needs two groups with data
            results[by] = sens
    if not results:
        raise NotApplicable("the catalogue names fewer than two tasks or sectors with data to rank")
    return scenario_charts.score_sensitivity_plot(results, lang=lang, provenance=ctx.provenance, as_of=ctx.as_of_year)


# ---------------------------------------------------------------- task ledger and benchmarks (issue 17)
# 40-44: the task ledger (analysis.viz.ledger); 45-46: the district beside Gansu and the nation.
def _ledger_analysis(ctx: ReportContext):
    """The ledger analysis of ``ctx.ledger`` (default: the bundled illustrative ledger), once per context."""
    cached = getattr(ctx, "_ledger_analysis", None)
    if cached is None:
        cached = model_ledger.analyse(ctx.ledger, scorecard=ctx.assessment, as_of=ctx.ledger_as_of)
        ctx._ledger_analysis = cached
    return cached


def _benchmarks(ctx: ReportContext):
    cached = getattr(ctx, "_benchmarks", None)
    if cached is None:
        cached = model_benchmarks.benchmarks(ctx.observations_as_of, ctx.public, ctx.targets,
                            illustrative=bool(ctx.provenance.get("illustrative")))
        if not cached.compared:
            raise NotApplicable("no catalogue indicator has a comparable public series")
        ctx._benchmarks = cached
    return cached


@register(40, "ledger_status", title_zh="任务台账:各项任务各报告期进展状态",
          title_en="Task ledger: status of each task by reporting period")
def _ledger_status(ctx: ReportContext, lang: str):
    return viz_ledger.plot_status_grid(_ledger_analysis(ctx), lang=lang)


@register(41, "ledger_units", title_zh="任务台账:各责任单位任务进展", title_en="Task ledger: tasks by responsible unit")
def _ledger_units(ctx: ReportContext, lang: str):
    return viz_ledger.plot_by_unit(_ledger_analysis(ctx), lang=lang)


@register(42, "ledger_phases", title_zh="任务台账:按完成阶段统计的任务状态",
          title_en="Task ledger: task status by due phase")
def _ledger_phases(ctx: ReportContext, lang: str):
    return viz_ledger.plot_by_phase(_ledger_analysis(ctx), lang=lang)


@register(43, "ledger_late", title_zh="对照建设进度安排的滞后任务", title_en="Tasks late against the plan's phases")
def _ledger_late(ctx: ReportContext, lang: str):
    return viz_ledger.plot_late(_ledger_analysis(ctx), lang=lang)


@register(44, "ledger_consistency", title_zh="台账与量化目标一致性核查",
          title_en="Task ledger against the quantified targets")
def _ledger_consistency(ctx: ReportContext, lang: str):
    names = dict(zip(ctx.targets["id"], ctx.targets[f"name_{lang}"])) if f"name_{lang}" in ctx.targets else None
    return viz_ledger.plot_consistency(_ledger_analysis(ctx), lang=lang, names=names)


@register(45, "benchmark_levels", title_zh="与全省、全国比较:水平", title_en="Beside Gansu and China: levels", source="mixed")
def _benchmark_levels(ctx: ReportContext, lang: str):
    return viz_benchmarks.plot_benchmark_levels(_benchmarks(ctx), lang=lang)


@register(46, "benchmark_growth", title_zh="与全省、全国比较:年均增速",
          title_en="Beside Gansu and China: average annual growth", source="mixed")
def _benchmark_growth(ctx: ReportContext, lang: str):
    return viz_benchmarks.plot_benchmark_growth(_benchmarks(ctx), lang=lang)
