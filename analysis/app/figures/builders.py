"""The report's figures: one registered function each, drawing from a :class:`ReportContext`."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.app.figures.context import ReportContext
from analysis.app.figures.panels import (compact_panel, empty_figure, main_region, per_region, plot_kw,
                                         report_regions, shared_legend)
from analysis.app.figures.registry import NotApplicable, register
from analysis.i18n import t
from analysis.model import benchmarks as model_benchmarks
from analysis.model import ledger as model_ledger
from analysis.model import scenarios
from analysis.model import sectors as model_sectors
from analysis.viz import attainment, benchmarks as viz_benchmarks, ledger as viz_ledger
from analysis.viz import scenarios as scenario_charts
from analysis.viz import sectors as viz_sectors
from analysis.viz import style

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
        raise NotApplicable("figures.na.no_sector_target", indicator=indicator)
    return viz_sectors.plot_contribution(ctx.sector_panel, indicator=indicator, targets=ctx.targets,
                                         lang=lang, provenance=ctx.sector_provenance)


# ---------------------------------------------------------------- forecast calibration (analysis.viz.attainment)
@register(20, "calibration", **_titles("calibration"), source="backtest")
def _calibration(ctx: ReportContext, lang: str):
    bt = ctx.backtest
    if not len(bt["table"]):
        raise NotApplicable("figures.na.no_backtest")
    _, ax = plt.subplots(figsize=(7.2, 4.0), layout="constrained")
    return attainment.calibration_plot(bt["table"], lang=lang, as_of=bt["last_year"], ax=ax)


@register(21, "brier", **_titles("brier"), source="backtest")
def _brier(ctx: ReportContext, lang: str):
    bt = ctx.backtest
    if not len(bt["table"]):
        raise NotApplicable("figures.na.no_backtest")
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.6), layout="constrained")
    for ax, metric in zip(axes, ("brier", "accuracy")):
        attainment.brier_plot(bt["table"], bt["national"], metric=metric, lang=lang, ax=ax, legend=False,
                              as_of=bt["last_year"])
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside upper center", ncols=3, fontsize=7.5, frameon=False)
    return fig


# ---------------------------------------------------------------- scorecard and trends (analysis.viz.attainment)
@register(1, "scorecard", **_titles("scorecard"))
def _scorecard(ctx: ReportContext, lang: str):
    kw = plot_kw(ctx, lang)
    return per_region(ctx, lang, lambda sc, r, ax: attainment.scorecard_plot(sc, region=r, ax=ax, **kw))


@register(2, "growth", **_titles("growth"))
def _growth(ctx: ReportContext, lang: str):
    # an end-of-term file: every deadline observed or passed, no growth still required to show
    # (with the assessment's year: a target met early whose deadline has passed has no time left)
    tables = [ctx.assessment.region(r).table.assign(as_of=ctx.as_of_year) for r in ctx.assessment.regions]
    if not any(attainment.growth_rows(tb).any() for tb in tables):
        # targets with time left, all shares, counts or milestones (their pace in points or things a year)
        open_ = any(attainment.growth_rows(tb, kinds=False).any() for tb in tables)
        raise NotApplicable("figures.na.no_growth_rate_kind" if open_ else "figures.na.no_growth_left")
    kw = plot_kw(ctx, lang)
    # as tall as the rows it draws (2 rows in a 7-inch-high figure left a page of white)
    return per_region(ctx, lang, lambda sc, r, ax: attainment.growth_plot(sc, region=r, ax=ax, **kw),
                      rows=lambda table: int(attainment.growth_rows(table).sum()), row_height=0.45)


@register(3, "label_agreement", **_titles("label_agreement"))
def _label_agreement(ctx: ReportContext, lang: str):
    kw = plot_kw(ctx, lang)
    return per_region(ctx, lang, lambda sc, r, ax: attainment.label_agreement_plot(sc, region=r, ax=ax, **kw))


@register(4, "fan_charts", **_titles("fan_charts"))
def _fan_charts(ctx: ReportContext, lang: str):
    obs = ctx.observations_as_of
    regions = [r for r in report_regions(ctx) if r in set(obs["region"].astype(str))][:8]
    have = set(obs.loc[obs["region"].astype(str).isin(regions), "indicator_id"])
    ids = [i for i in dict.fromkeys(ctx.targets["id"]) if i in have]
    if not ids:
        return empty_figure(lang)
    ncols = 3 if len(ids) > 4 else len(ids)
    nrows = -(-len(ids) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, 2.1 * nrows + 0.4), squeeze=False)
    kw = plot_kw(ctx, lang)
    region = regions if len(regions) > 1 else (regions[0] if regions else None)
    notes: list[str] = []
    for ax, ind in zip(axes.flat, ids):
        attainment.fan_chart(obs, indicator=ind, region=region, ax=ax, **kw)
        notes += compact_panel(ax)
    for ax in list(axes.flat)[len(ids):]:
        ax.set_visible(False)
    shared_legend(fig, axes.flat[0])
    if notes:
        style.figure_note(fig, t("common.list_sep", lang).join(dict.fromkeys(notes)))
    return fig


def _several_regions(ctx: ReportContext) -> None:
    """Figures 05 and 06 compare regions: with one region they would repeat figure 01 (05) or
    rank a region against itself (06)."""
    if len(ctx.assessment.regions) < 2:
        raise NotApplicable("figures.na.one_region")


@register(5, "region_overview", **_titles("region_overview"))
def _region_overview(ctx: ReportContext, lang: str):
    _several_regions(ctx)
    return attainment.status_heatmap(ctx.assessment, **{k: v for k, v in plot_kw(ctx, lang).items() if k != "targets"})


@register(6, "region_ranking", **_titles("region_ranking"))
def _region_ranking(ctx: ReportContext, lang: str):
    _several_regions(ctx)
    return attainment.region_ranking_plot(ctx.assessment, **{k: v for k, v in plot_kw(ctx, lang).items() if k != "targets"})


# ---------------------------------------------------------------- scenarios (analysis.model.scenarios)
@register(30, "scenario_questions", **_titles("scenario_questions"))
def _scenario_questions(ctx: ReportContext, lang: str):
    obs = ctx.observations_as_of
    region = main_region(obs)
    # what-if questions about a deadline the data have passed (an end-of-term file): none to ask
    asked = ctx.targets.loc[ctx.targets["id"].isin([q[2] for q in scenarios.QUESTIONS])]
    deadlines = pd.to_numeric(asked.get("deadline", pd.Series(dtype=float)), errors="coerce").dropna()
    if len(obs) and len(deadlines) and int(deadlines.max()) <= int(obs["year"].max()):
        raise NotApplicable("figures.na.questions_deadline_passed", deadline=int(deadlines.max()),
                            year=int(obs["year"].max()))
    answers = scenarios.question_results(obs, ctx.targets, region=region, lang=lang) if region else []
    if not answers:
        ids = ", ".join(dict.fromkeys(q[2] for q in scenarios.QUESTIONS))
        raise NotApplicable("figures.na.no_question_indicators", ids=ids)
    return scenario_charts.questions_plot(answers, lang=lang, provenance=ctx.provenance)


@register(31, "score_sensitivity", **_titles("score_sensitivity"))
def _score_sensitivity(ctx: ReportContext, lang: str):
    obs = ctx.observations_as_of
    region = main_region(obs)
    if region is None:
        raise NotApplicable("figures.na.no_observations")
    table = scenarios.progress_table(scenarios.latest_values(obs, region), ctx.targets)
    if not table["progress"].notna().any():
        raise NotApplicable("figures.na.no_scored_target")
    results = {}
    for by in ("task", "sector"):
        sens = scenarios.sensitivity(table, by=by, spread=0.2)  # the app's defaults: the same numbers there
        if sens.groups["score"].notna().sum() >= 2:  # a ranking needs two groups with data
            results[by] = sens
    if not results:
        raise NotApplicable("figures.na.too_few_groups")
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
            raise NotApplicable("figures.na.no_public_series")
        ctx._benchmarks = cached
    return cached


@register(40, "ledger_status", **_titles("ledger_status"), source="ledger")
def _ledger_status(ctx: ReportContext, lang: str):
    return viz_ledger.plot_status_grid(_ledger_analysis(ctx), lang=lang)


@register(41, "ledger_units", **_titles("ledger_units"), source="ledger")
def _ledger_units(ctx: ReportContext, lang: str):
    return viz_ledger.plot_by_unit(_ledger_analysis(ctx), lang=lang)


@register(42, "ledger_phases", **_titles("ledger_phases"), source="ledger")
def _ledger_phases(ctx: ReportContext, lang: str):
    return viz_ledger.plot_by_phase(_ledger_analysis(ctx), lang=lang)


@register(43, "ledger_late", **_titles("ledger_late"), source="ledger")
def _ledger_late(ctx: ReportContext, lang: str):
    return viz_ledger.plot_late(_ledger_analysis(ctx), lang=lang)


@register(44, "ledger_consistency", **_titles("ledger_consistency"), source="ledger")
def _ledger_consistency(ctx: ReportContext, lang: str):
    names = dict(zip(ctx.targets["id"], ctx.targets[f"name_{lang}"])) if f"name_{lang}" in ctx.targets else None
    return viz_ledger.plot_consistency(_ledger_analysis(ctx), lang=lang, names=names)


@register(45, "benchmark_levels", **_titles("benchmark_levels"), source="mixed")
def _benchmark_levels(ctx: ReportContext, lang: str):
    return viz_benchmarks.plot_benchmark_levels(_benchmarks(ctx), lang=lang)


@register(46, "benchmark_growth", **_titles("benchmark_growth"), source="mixed")
def _benchmark_growth(ctx: ReportContext, lang: str):
    return viz_benchmarks.plot_benchmark_growth(_benchmarks(ctx), lang=lang)
