"""The report's figure registry: one function per figure, each with a number and a slug.

A registered figure is a function ``f(ctx, lang) -> Figure | Axes`` that draws from a
:class:`ReportContext` (the data, the assessment, the sector panel, their provenance)
using the plot functions of :mod:`analysis.viz.attainment`, :mod:`analysis.viz.sectors`,
:mod:`analysis.model.backtest` and :mod:`analysis.model.scenarios`. :func:`render` applies the
house style, calls it and stamps the caption line (data source, as-of year and, for
the bundled data, "示例数据 / illustrative data"); :func:`export` writes
``<out>/<NN>_<slug>_<lang>.<ext>`` in PNG (300 dpi), SVG and PDF with reproducible bytes.

A figure whose plot function is not importable (another part of the suite missing or
broken) is *unavailable*: :func:`available` leaves it out and :func:`unavailable`
says why, so the report still runs. Adding a figure is one decorated function::

    @register(15, "sector_growth", title_zh="…", title_en="…",
              requires=("analysis.viz.sectors:plot_growth",), source="sectors")
    def _sector_growth(ctx, lang):
        from analysis.viz.sectors import plot_growth
        return plot_growth(ctx.sector_panel, lang=lang, provenance=ctx.sector_provenance)
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Sequence

import pandas as pd

from analysis import config
from analysis.model import scenarios
from analysis.viz import scenarios as scenario_charts
from analysis.viz import style

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


@dataclass(frozen=True)
class FigureSpec:
    """One registered report figure."""

    number: int
    slug: str
    title_zh: str
    title_en: str
    func: Callable = field(repr=False, compare=False)
    requires: tuple[str, ...] = ()
    source: str = "observations"

    def title(self, lang: str = "zh") -> str:
        """The figure's title in ``lang`` (used by the index page and notebook 05)."""
        return self.title_zh if lang == "zh" else self.title_en

    def stem(self, lang: str = "zh") -> str:
        """File name without extension: ``<NN>_<slug>_<lang>``."""
        return file_stem(self.number, self.slug, lang)

    def missing(self) -> list[str]:
        """Requirements (``module:attribute``) that cannot be imported now."""
        out = []
        for req in self.requires:
            mod, _, attr = req.partition(":")
            try:
                m = importlib.import_module(mod)
            except Exception as exc:  # noqa: BLE001 - any import failure makes it unavailable
                out.append(f"{mod} ({type(exc).__name__}: {exc})")
                continue
            if attr and not hasattr(m, attr):
                out.append(f"{mod}.{attr} (not defined)")
        return out


#: Every registered figure by slug, in registration order (see :func:`specs` for number order).
REGISTRY: dict[str, FigureSpec] = {}


def file_stem(number: int, slug: str, lang: str) -> str:
    """``<NN>_<slug>_<lang>``, the file name of a figure without its extension."""
    return f"{int(number):02d}_{slug}_{lang}"


def register(number: int, slug: str, *, title_zh: str, title_en: str,
             requires: Sequence[str] = (), source: str = "observations"):
    """Decorator: register ``f(ctx, lang)`` as report figure ``number`` / ``slug``.

    ``requires`` lists ``"module:attribute"`` strings; the figure is skipped (and
    reported by :func:`unavailable`) while any of them cannot be imported.
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
        REGISTRY[slug] = FigureSpec(int(number), slug, title_zh, title_en, func, tuple(requires), source)
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
    """Registered figures whose plot functions can be imported now, in number order."""
    return [s for s in specs(only) if not s.missing()]


def unavailable(only: Iterable[str | int] | None = None) -> dict[str, list[str]]:
    """Slug -> missing requirements, for the figures :func:`available` leaves out."""
    return {s.slug: s.missing() for s in specs(only) if s.missing()}


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
    """

    def __init__(self, data: str | Path | None = None, targets: str | Path | None = None,
                 as_of: int | None = None, sector_data: str | Path | None = None):
        self.data = Path(data) if data is not None else None
        self.targets_path = Path(targets) if targets is not None else None
        self.as_of = int(as_of) if as_of is not None else None
        self.sector_data = Path(sector_data) if sector_data is not None else None

    # ---------------------------------------------------------------- inputs
    @cached_property
    def targets(self) -> pd.DataFrame:
        """The target catalogue."""
        from analysis.io.catalogue import load_targets

        return load_targets(self.targets_path)

    @cached_property
    def observations(self) -> pd.DataFrame:
        """All observations (not cut at ``as_of``; see :attr:`observations_as_of`)."""
        from analysis.io import dataset

        return dataset.load_observations(self.data, self.targets if self.targets_path else None)

    @cached_property
    def observations_as_of(self) -> pd.DataFrame:
        """Observations up to ``as_of`` (what every figure and table uses)."""
        obs = self.observations
        if self.as_of is None:
            return obs
        return obs.loc[obs["year"].astype(int) <= self.as_of].reset_index(drop=True)

    @cached_property
    def assessment(self) -> pd.DataFrame:
        """:func:`analysis.model.scorecard.assess` on these inputs."""
        from analysis.model.scorecard import assess

        out = assess(self.observations, self.targets, as_of=self.as_of)
        out.attrs.update({k: v for k, v in self.provenance.items() if k not in out.attrs or k == "illustrative"})
        return out

    @cached_property
    def provenance(self) -> dict:
        """:func:`analysis.io.dataset.provenance` of the monitoring data."""
        return _provenance(self.data if self.data is not None else config.monitoring_path())

    @cached_property
    def sector_panel(self) -> pd.DataFrame:
        """The sector panel up to ``as_of``."""
        from analysis.io import dataset

        panel = dataset.load_sector_panel(self.sector_data)
        if self.as_of is not None:
            panel = panel.loc[panel["year"].astype(int) <= self.as_of].reset_index(drop=True)
        return panel

    @cached_property
    def sector_provenance(self) -> dict:
        """Provenance of the sector panel."""
        return _provenance(self.sector_data if self.sector_data is not None else config.sector_panel_path())

    @cached_property
    def public(self) -> pd.DataFrame:
        """The real public series (:func:`analysis.io.dataset.load_public`)."""
        from analysis.io import dataset

        return dataset.load_public()

    @cached_property
    def backtest(self) -> dict:
        """The calibration back-test on the real public series and the national-plan check
        (:func:`analysis.viz.attainment.backtest_results`), computed once per context (about 5 s).

        It tests the forecasting method, not the district: it uses every year of the
        public series whatever ``as_of`` is (the national check needs the 2020 outcomes).
        """
        from analysis.viz.attainment import backtest_results

        return backtest_results()

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
        """``illustrative``, ``source`` and ``as_of`` for :func:`analysis.viz.style.stamp`."""
        key = "source_zh" if lang == "zh" else "source_en"
        if source == "sectors":
            prov = self.sector_provenance
            return {"illustrative": bool(prov.get("illustrative")), "source": prov.get(key, ""),
                    "as_of": self.sector_as_of_year}
        if source == "backtest":
            from analysis.viz.attainment import BACKTEST_SOURCE

            bt = self.backtest
            return {"illustrative": bool(bt["illustrative"]), "source": BACKTEST_SOURCE[lang],
                    "as_of": bt["last_year"]}
        if source == "public":
            pub = self.public
            label = "公开统计资料(见 data/raw/sources.csv)" if lang == "zh" else \
                "published statistics (see data/raw/sources.csv)"
            year = int(pub["year"].max()) if len(pub) else None
            if self.as_of is not None and year is not None:
                year = min(year, self.as_of)
            return {"illustrative": False, "source": label, "as_of": year}
        prov = self.provenance
        src = prov.get(key, "")
        illustrative = bool(prov.get("illustrative"))
        if source == "mixed":
            extra = "公开统计资料" if lang == "zh" else "published statistics"
            src = f"{src}{'、' if lang == 'zh' else '; '}{extra}" if src else extra
        return {"illustrative": illustrative, "source": src, "as_of": self.as_of_year}


def _provenance(path: Path) -> dict:
    try:
        from analysis.io import dataset

        return dict(dataset.provenance(path))
    except Exception:  # noqa: BLE001 - a caption must not stop the report
        bundled = Path(path).resolve() in (config.monitoring_path().resolve(),
                                           config.sector_panel_path().resolve())
        return {"illustrative": bundled, "source_zh": Path(path).name, "source_en": Path(path).name,
                "file": str(path)}


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
    import matplotlib.pyplot as plt

    spec = spec if isinstance(spec, FigureSpec) else get(spec)
    ctx = ctx if ctx is not None else ReportContext()
    missing = spec.missing()
    if missing:
        raise RuntimeError(f"figure {spec.slug!r} is unavailable: missing {', '.join(missing)}")
    style.apply(lang)
    before = set(plt.get_fignums())
    try:
        fig = _root_figure(spec.func(ctx, lang))
    except BaseException:
        for num in set(plt.get_fignums()) - before:
            plt.close(num)
        raise
    style.stamp(fig, lang=lang, **ctx.caption(spec.source, lang))
    return fig


def export(ctx: ReportContext | None = None, *, langs: Sequence[str] = ("zh",),
           formats: Sequence[str] = ("png", "svg", "pdf"), out_dir: str | Path | None = None,
           only: Iterable[str | int] | None = None, dpi: int = 300,
           progress: Callable[[str], None] | None = None,
           skipped: dict[str, list[str]] | None = None) -> list[Path]:
    """Write every available registered figure in every language and format.

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
    import matplotlib.pyplot as plt

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
@register(11, "sector_trends", title_zh="重点产业产值走势", title_en="Output of the plan's sectors",
          requires=("analysis.viz.sectors:plot_trends",), source="sectors")
def _sector_trends(ctx: ReportContext, lang: str):
    from analysis.viz.sectors import plot_trends

    return plot_trends(ctx.sector_panel, metric="output_value", lang=lang,
                       provenance=ctx.sector_provenance)


@register(12, "sector_rank_slope", title_zh="产业技术合同交易额位次变化",
          title_en="Sector ranks by technology-contract turnover, first and last year",
          requires=("analysis.viz.sectors:plot_rank_slope",), source="sectors")
def _sector_rank_slope(ctx: ReportContext, lang: str):
    from analysis.viz.sectors import plot_rank_slope

    return plot_rank_slope(ctx.sector_panel, metric="tech_contract_turnover", lang=lang,
                           provenance=ctx.sector_provenance)


@register(13, "sector_heatmap", title_zh="产业指标标准化得分", title_en="Sector metrics, standardised scores",
          requires=("analysis.viz.sectors:plot_zscore_heatmap",), source="sectors")
def _sector_heatmap(ctx: ReportContext, lang: str):
    from analysis.viz.sectors import plot_zscore_heatmap

    return plot_zscore_heatmap(ctx.sector_panel, lang=lang, provenance=ctx.sector_provenance)


@register(14, "sector_contribution", title_zh="各产业对技术合同成交额的贡献",
          title_en="Sector contributions to technology-contract turnover",
          requires=("analysis.viz.sectors:plot_contribution",), source="sectors")
def _sector_contribution(ctx: ReportContext, lang: str):
    from analysis.model import sectors
    from analysis.viz.sectors import plot_contribution

    indicator = "tech_contract_turnover"
    if indicator not in set(sectors.target_links(targets=ctx.targets).values()):
        raise NotApplicable(f"the catalogue has no sector-additive target {indicator!r}")
    return plot_contribution(ctx.sector_panel, indicator="tech_contract_turnover", targets=ctx.targets,
                             lang=lang, provenance=ctx.sector_provenance)


# ---------------------------------------------------------------- forecast calibration (analysis.viz.attainment)
@register(20, "calibration", title_zh="预测区间校准:名义与实际覆盖率",
          title_en="Forecast interval calibration: nominal vs actual coverage",
          requires=("analysis.viz.attainment:calibration_plot", "analysis.model.backtest:score"), source="backtest")
def _calibration(ctx: ReportContext, lang: str):
    from analysis.viz.attainment import calibration_plot

    bt = ctx.backtest
    if not len(bt["table"]):
        raise NotApplicable("no real public series with enough points to back-test")
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(7.2, 4.0), layout="constrained")
    return calibration_plot(bt["table"], lang=lang, as_of=bt["last_year"], ax=ax)


@register(21, "brier", title_zh="达标判断:本项目方法与直线、复合增速外推比较",
          title_en="Calling targets: ours vs straight line vs compound growth",
          requires=("analysis.viz.attainment:brier_plot", "analysis.model.backtest:national_summary"), source="backtest")
def _brier(ctx: ReportContext, lang: str):
    import matplotlib.pyplot as plt

    from analysis.viz.attainment import brier_plot

    bt = ctx.backtest
    if not len(bt["table"]):
        raise NotApplicable("no real public series with enough points to back-test")
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.6), layout="constrained")
    for ax, metric in zip(axes, ("brier", "accuracy")):
        brier_plot(bt["table"], bt["national"], metric=metric, lang=lang, ax=ax, legend=False,
                   as_of=bt["last_year"])
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside upper center", ncols=3, fontsize=7.5, frameon=False)
    return fig


# ---------------------------------------------------------------- scorecard and trends (analysis.viz.attainment)
def _plot_kw(ctx: ReportContext, lang: str) -> dict:
    cap = ctx.caption("observations", lang)
    return {"targets": ctx.targets, "lang": lang, "as_of": ctx.as_of, "illustrative": cap["illustrative"],
            "source": cap["source"]}


@register(1, "scorecard", title_zh="目标完成情况:按期达标概率与状态",
          title_en="Scorecard: probability of meeting each target, and status",
          requires=("analysis.viz.attainment:scorecard_plot",))
def _scorecard(ctx: ReportContext, lang: str):
    from analysis.viz.attainment import scorecard_plot

    n = len(ctx.assessment)
    return scorecard_plot(ctx.assessment, ax=_axes((7.2, max(3.0, 0.28 * n + 1.2))), **_plot_kw(ctx, lang))


@register(2, "growth", title_zh="实际年均增速与所需年均增速", title_en="Actual growth vs growth still required",
          requires=("analysis.viz.attainment:growth_plot",))
def _growth(ctx: ReportContext, lang: str):
    from analysis.viz.attainment import growth_plot

    n = len(ctx.assessment)
    return growth_plot(ctx.assessment, ax=_axes((7.2, max(3.0, 0.28 * n + 1.2))), **_plot_kw(ctx, lang))


@register(3, "label_agreement", title_zh="三种进度判定方法与状态对照",
          title_en="Three progress labels and the status, side by side",
          requires=("analysis.viz.attainment:label_agreement_plot",))
def _label_agreement(ctx: ReportContext, lang: str):
    from analysis.viz.attainment import label_agreement_plot

    n = len(ctx.assessment)
    return label_agreement_plot(ctx.assessment, ax=_axes((7.2, max(3.0, 0.28 * n + 1.2))),
                                **_plot_kw(ctx, lang))


@register(4, "fan_charts", title_zh="各指标走势与到期预测区间", title_en="Each indicator's history and forecast to its deadline",
          requires=("analysis.viz.attainment:fan_chart",))
def _fan_charts(ctx: ReportContext, lang: str):
    import matplotlib.pyplot as plt

    from analysis.viz.attainment import fan_chart

    obs = ctx.observations_as_of
    region = _main_region(obs)
    have = set(obs.loc[obs["region"] == region, "indicator_id"]) if region is not None else set()
    ids = [i for i in ctx.targets["id"] if i in have]
    if not ids:
        return _empty_figure(lang)
    ncols = 3 if len(ids) > 4 else len(ids)
    nrows = -(-len(ids) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, 2.1 * nrows + 0.4), squeeze=False)
    kw = _plot_kw(ctx, lang)
    for ax, ind in zip(axes.flat, ids):
        fan_chart(obs, indicator=ind, region=region, ax=ax, **kw)
        _compact_panel(ax)
    for ax in list(axes.flat)[len(ids):]:
        ax.set_visible(False)
    _shared_legend(fig, axes.flat[0])
    return fig


def _axes(figsize):
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=figsize)[1]


def _main_region(obs: pd.DataFrame) -> str | None:
    regions = list(dict.fromkeys(obs["region"].astype(str))) if len(obs) else []
    if not regions:
        return None
    return config.DEFAULT_REGION if config.DEFAULT_REGION in regions else regions[0]


def _compact_panel(ax) -> None:
    """Small-multiple panel: smaller title and ticks, no per-panel legend."""
    leg = ax.get_legend()
    if leg is not None:
        leg.remove()
    ax.title.set_fontsize(7.5)
    ax.tick_params(labelsize=6.5)
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
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.2, 2.0))
    ax.set_axis_off()
    ax.text(0.5, 0.5, "无可用数据" if lang == "zh" else "no data available", ha="center", va="center")
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
          title_en="Scenario questions: growth rate, high-tech certifications, shrinking population",
          requires=("analysis.viz.scenarios:questions_plot",))
def _scenario_questions(ctx: ReportContext, lang: str):

    obs = ctx.observations_as_of
    region = _main_region(obs)
    answers = scenarios.question_results(obs, ctx.targets, region=region, lang=lang) if region else []
    if not answers:
        ids = ", ".join(dict.fromkeys(q[2] for q in scenarios.QUESTIONS))
        raise NotApplicable(f"neither the catalogue nor the data have the questions' indicators ({ids})")
    return scenario_charts.questions_plot(answers, lang=lang, provenance=ctx.provenance)


@register(31, "score_sensitivity", title_zh="考核评分及权重扰动下的排名范围",
          title_en="Composite score and rank ranges under weight perturbation",
          requires=("analysis.viz.scenarios:score_sensitivity_plot",))
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
