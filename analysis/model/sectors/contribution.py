"""Each sector's part of the district targets that sum over sectors (the gap each one closes)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from analysis import config, vocab
from analysis.errors import InputError, Problem
from analysis.i18n import t
from analysis.io import catalogue, dataset
from analysis.io.catalogue import MONEY_UNITS
from analysis.model.sectors.panel import as_panel
from analysis.model.sectors.registry import metric_metadata

def _conversion(metric_unit: str, target_unit: str) -> tuple[float, bool]:
    """(factor, divide_by_population) turning a metric unit into a catalogue unit."""
    mu, tu = metric_unit.strip(), target_unit.strip()
    per_pop = False
    if tu.endswith("/万人"):
        tu, per_pop = tu[: -len("/万人")], True
    if mu == tu:
        return 1.0, per_pop
    if mu in MONEY_UNITS and tu in MONEY_UNITS:
        return MONEY_UNITS[mu] / MONEY_UNITS[tu], per_pop
    raise ValueError(f"cannot convert {metric_unit!r} to {target_unit!r}")


def _population_for(region: str, population) -> pd.Series | None:
    if population is None:
        try:
            return dataset.load_population(region)
        except Exception:  # noqa: BLE001 - population is optional; NaN + note instead
            return None
    if isinstance(population, pd.Series):
        return population
    if isinstance(population, Mapping):
        return population.get(region)
    raise TypeError("population must be a Series (by year) or a mapping region -> Series")


def target_links(meta: pd.DataFrame | None = None, targets: pd.DataFrame | None = None) -> dict[str, str]:
    """metric -> catalogue indicator id, from ``district_indicator`` in the metric metadata
    (only links to indicators present in the catalogue)."""
    meta = metric_metadata() if meta is None else meta
    targets = catalogue.load_targets() if targets is None else targets
    known = set(targets["id"])
    return {m: str(r["district_indicator"]).strip() for m, r in meta.iterrows()
            if str(r["district_indicator"]).strip() in known}


def contributions(panel: pd.DataFrame, indicator: str | None = None, *,
                  targets: pd.DataFrame | None = None, meta: pd.DataFrame | None = None,
                  population=None, base_year: int | None = None) -> pd.DataFrame:
    """Each sector's contribution to the district-level targets that sum over sectors.

    For every metric linked to a catalogue indicator (``district_indicator`` in
    ``sector_metrics.csv``; e.g. technology-contract turnover, invention patents,
    high-tech enterprises), values are converted to the catalogue unit (万元 -> 亿元;
    a ``件/万人`` target divides the sector's stock by the region's population in 万人)
    and compared with the target.

    Parameters
    ----------
    panel : DataFrame
        Long sector panel.
    indicator : str, optional
        A catalogue indicator id or a panel metric id; default: every linked indicator.
    targets, meta : DataFrame, optional
        Catalogue (:func:`analysis.io.catalogue.load_targets`) and metric metadata
        (:func:`metric_metadata`); defaults are the plan's.
    population : Series or mapping, optional
        Resident population in 万人 by year (or ``{region: Series}``), needed for
        per-10,000-residents targets; default :func:`analysis.io.dataset.load_population`.
    base_year : int, optional
        Year the gap is measured from (default :data:`analysis.config.PLAN_BASELINE_YEAR`,
        or the latest earlier year in the panel, or its first year).

    Returns
    -------
    DataFrame
        One row per region, indicator, year and sector: ``value`` (catalogue unit),
        ``district_total`` (sum over sectors), ``share_pct`` (value / district total),
        ``target`` and ``target_year``, ``share_of_target_pct`` (value / target; sums to
        the district's progress), ``gap`` (district shortfall to the target in that year,
        0 once met), ``gap_pro_rata`` (gap x share: the sector's part of the remaining gap
        if it keeps its share), ``base_year``, ``gap_closed_pct`` (the sector's change
        since the base year / the district's gap in the base year x 100; sums over
        sectors to the share of the base-year gap the district has closed), ``note``.
    """
    df = as_panel(panel)
    targets = catalogue.load_targets() if targets is None else targets
    meta = metric_metadata() if meta is None else meta
    links = target_links(meta, targets)
    if indicator is not None:
        if indicator in links:
            links = {indicator: links[indicator]}
        elif indicator in links.values():
            links = {m: i for m, i in links.items() if i == indicator}
        else:
            known = ", ".join(sorted(set(links) | set(links.values())))
            raise InputError([Problem.said("indicator", None, None, "sectors.err.not_summable", value=repr(indicator),
                                           known=known or t("sectors.err.none"))])
    links = {m: i for m, i in links.items() if m in set(df["metric"])}
    cols = ["region", "indicator_id", "metric", "year", "sector", "value", "unit",
            "district_total", "share_pct", "target", "target_year", "share_of_target_pct",
            "gap", "gap_pro_rata", "base_year", "gap_closed_pct", "note"]
    out = []
    for metric, ind in links.items():
        t = catalogue.target(targets, ind)
        sub = df.loc[df["metric"] == metric].copy()
        parts = []
        for (region, unit), g in sub.groupby(["region", "unit"], sort=False):
            factor, per_pop = _conversion(unit, str(t["unit"]))
            g = g.copy()
            g["value"] = g["value"] * factor
            g["note"] = ""
            if per_pop:
                pop = _population_for(region, population)
                if pop is None:
                    g["value"] = np.nan
                    g["note"] = "population unavailable"
                else:
                    p = g["year"].map(pd.Series(pop).astype(float))
                    g["value"] = g["value"] / p.where(p > 0)
                    g.loc[p.isna(), "note"] = "no population for this year"
            parts.append(g)
        if not parts:
            continue
        g = pd.concat(parts, ignore_index=True)
        g["indicator_id"] = ind
        g["unit"] = str(t["unit"])
        tot = g.groupby(["region", "year"])["value"].sum(min_count=1).rename("district_total")
        g = g.merge(tot.reset_index(), on=["region", "year"], how="left")
        ok = g["district_total"].notna() & (g["district_total"] != 0)
        g["share_pct"] = np.where(ok, g["value"] / g["district_total"].where(ok, 1.0) * 100, np.nan)
        target, higher = float(t["value"]), bool(t["higher_is_better"])
        g["target"] = target
        g["target_year"] = int(t["deadline_effective"])
        g["share_of_target_pct"] = g["value"] / target * 100 if target else np.nan
        short = (target - g["district_total"]) if higher else (g["district_total"] - target)
        g["gap"] = short.clip(lower=0)
        g["gap_pro_rata"] = g["gap"] * g["share_pct"] / 100
        bases = {}
        for region, yrs in g.groupby("region")["year"]:
            want = config.PLAN_BASELINE_YEAR if base_year is None else int(base_year)
            ys = sorted(set(yrs))
            earlier = [y for y in ys if y <= want]
            bases[region] = earlier[-1] if earlier else ys[0]
        g["base_year"] = g["region"].map(bases).astype(int)
        base_val = g.loc[g["year"] == g["base_year"], ["region", "sector", "value"]].rename(
            columns={"value": "_vbase"})
        base_tot = g.loc[g["year"] == g["base_year"]].groupby("region")["value"].sum(min_count=1).rename("_tbase")
        g = g.merge(base_val, on=["region", "sector"], how="left").merge(
            base_tot.reset_index(), on="region", how="left")
        gap0 = (target - g["_tbase"]) if higher else (g["_tbase"] - target)
        okg = gap0 > 0
        g["gap_closed_pct"] = np.where(okg, (g["value"] - g["_vbase"]) * (1 if higher else -1)
                                       / gap0.where(okg, 1.0) * 100, np.nan)
        g.loc[~okg & g["_tbase"].notna(), "note"] = g["note"].where(g["note"] != "", "target already met in base year")
        out.append(g[cols])
    if not out:
        return pd.DataFrame(columns=cols)
    res = pd.concat(out, ignore_index=True)
    return res.sort_values(["region", "indicator_id", "year", "sector"], kind="stable").reset_index(drop=True)


def contribution_summary(contrib: pd.DataFrame, *, focus: Iterable[str] | None = None,
                         year: int | None = None) -> pd.DataFrame:
    """The focus sectors' part of each district target, from :func:`contributions`.

    One row per region and indicator in ``year`` (default: the last year of each):
    ``region, indicator_id, unit, year, district_total, target, target_year, gap,
    focus_value, focus_share_pct, focus_share_of_target_pct, focus_gap_closed_pct,
    base_year, top_sector, top_share_pct`` (``top_*``: the sector with the largest value).
    ``focus`` defaults to :data:`analysis.vocab.FOCUS_SECTORS`.
    """
    focus = list(vocab.FOCUS_SECTORS if focus is None else focus)
    rows = []
    for (region, ind), g in contrib.groupby(["region", "indicator_id"], sort=False):
        y = int(g["year"].max()) if year is None else int(year)
        g = g.loc[g["year"] == y]
        if g.empty:
            continue
        f = g.loc[g["sector"].isin(focus)]
        top = g.sort_values("value", ascending=False, kind="stable").iloc[0]
        first = g.iloc[0]
        rows.append({"region": region, "indicator_id": ind, "unit": first["unit"], "year": y,
                     "district_total": first["district_total"], "target": first["target"],
                     "target_year": first["target_year"], "gap": first["gap"],
                     "focus_value": f["value"].sum(min_count=1),
                     "focus_share_pct": f["share_pct"].sum(min_count=1),
                     "focus_share_of_target_pct": f["share_of_target_pct"].sum(min_count=1),
                     "focus_gap_closed_pct": f["gap_closed_pct"].sum(min_count=1),
                     "base_year": first["base_year"], "top_sector": top["sector"],
                     "top_share_pct": top["share_pct"]})
    return pd.DataFrame(rows)
