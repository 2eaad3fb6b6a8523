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
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config
from analysis.io import catalogue, dataset, output
from analysis.io import readers as intake
from analysis.io.catalogue import MONEY_UNITS

from analysis import vocab
from analysis.errors import InputError, Problem
from analysis.i18n import check_lang, has, t

PANEL_COLUMNS = ("region", "sector", "year", "metric", "value", "unit", "source", "note")
REGISTRY_COLUMNS = ("sector", "name_zh", "name_en", "anchor_firms", "centres", "bases",
                    "partners", "tasks")
KEYS = ["region", "sector", "metric"]

#: Entity types of entities.csv mapped to the registry column that lists them.
_TYPE_COLUMN = {"firm": "anchor_firms", "research_centre": "centres",
                "transfer_base": "bases", "institution": "partners"}
_SEP = re.compile(r"[;；]")

#: Derived intensity metrics: numerator / denominator (x scale). ``unit=None`` means
#: "numerator unit / denominator unit". Money units are converted with
#: :data:`analysis.io.catalogue.MONEY_UNITS` (R&D spending is in 万元, output in 亿元).
INTENSITIES: dict[str, dict] = {
    "rd_intensity": dict(num="rd_spending", den="output_value", percent=True, money=True,
                         name_zh="研发经费占产值比重", name_en="R&D spending / output value"),
    "patents_per_enterprise": dict(num="invention_patents", den="enterprises", percent=False,
                                   money=False, unit="件/家", name_zh="企业平均发明专利拥有量",
                                   name_en="Invention patents per enterprise"),
    "high_tech_share": dict(num="high_tech_enterprises", den="enterprises", percent=True,
                            money=False, name_zh="高新技术企业占比",
                            name_en="High-tech share of enterprises"),
    "turnover_per_enterprise": dict(num="tech_contract_turnover", den="enterprises",
                                    percent=False, money=False, unit="万元/家",
                                    name_zh="企业平均技术合同交易额",
                                    name_en="Technology-contract turnover per enterprise"),
}


# ----------------------------------------------------------------------------- helpers
def _split(text: object) -> list[str]:
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return []
    return [t.strip() for t in _SEP.split(str(text)) if t.strip()]


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for i in items:
        seen.setdefault(i, None)
    return list(seen)


def _task_key(t: str):
    # the plan's general parts (一(四) ...) first, then tasks 1, 2, ... 17 numerically
    return (1, int(t), "") if t.isdigit() else (0, 0, t)


def _as_panel(panel: pd.DataFrame) -> pd.DataFrame:
    """A clean copy of a long panel (year int, value float, optional columns filled)."""
    df = panel.copy()
    for c in ("region", "sector", "year", "metric", "value"):
        if c not in df.columns:
            raise ValueError(f"sector panel needs a {c!r} column")
    for c in ("unit", "source", "note"):
        if c not in df.columns:
            df[c] = ""
    df["year"] = df["year"].astype(int)
    df["value"] = pd.to_numeric(df["value"], errors="coerce").astype(float)
    for c in ("region", "sector", "metric", "unit"):
        df[c] = df[c].astype(str)
    return df.reset_index(drop=True)


def _metric_order(metrics: Iterable[str]) -> list[str]:
    order = list(vocab.SECTOR_METRICS) + list(INTENSITIES)
    ms = _unique(metrics)
    return sorted(ms, key=lambda m: (order.index(m) if m in order else len(order), m))


def _units(panel: pd.DataFrame) -> dict[str, str]:
    """metric -> unit (the first unit seen for it)."""
    u = panel.drop_duplicates("metric")
    return dict(zip(u["metric"], u["unit"]))


# ---------------------------------------------------------------------- registry/meta
def sector_registry(entities: pd.DataFrame | str | Path | None = None) -> pd.DataFrame:
    """One row per sector the plan names, with the firms, centres, bases and partners behind it.

    Parameters
    ----------
    entities : DataFrame or path, optional
        The plan's entities (``entity_id, type, name_zh, name_en, sector, task, partners,
        note``); defaults to ``data/raw/plan/entities.csv``.

    Returns
    -------
    DataFrame
        Columns ``sector, name_zh, name_en, anchor_firms, centres, bases, partners, tasks``.
        List columns are ``;``-separated Chinese names (``tasks``: task numbers, sorted).
        ``anchor_firms`` are entities of type ``firm`` tagged with the sector; ``centres``
        type ``research_centre``; ``bases`` type ``transfer_base``; ``partners`` are
        institutions tagged with the sector plus every name in the ``partners`` column of
        the sector's entities (entity ids are resolved to names), minus its anchor firms.
        ``tasks`` is the union of the ``task`` column over the sector row and all entities
        tagged with it. Sector rows come first in file order; a sector id used by an
        entity but with no ``sector`` row is appended with its id as name.
    """
    if entities is None or isinstance(entities, (str, Path)):
        ent = catalogue.load_entities(entities)
    else:
        ent = entities.copy()
    for c in ("entity_id", "type", "name_zh", "name_en", "sector", "task", "partners", "note"):
        if c not in ent.columns:
            ent[c] = ""
    ent = ent.fillna("").astype(str).apply(lambda s: s.str.strip())
    names = dict(zip(ent["entity_id"], ent["name_zh"]))
    ent["sector_ids"] = [_split(s) for s in ent["sector"]]

    info: dict[str, dict] = {}
    for r in ent.loc[ent["type"] == "sector"].itertuples(index=False):
        own = r.sector_ids
        sid = own[0] if len(own) == 1 else r.entity_id
        info.setdefault(sid, {"name_zh": r.name_zh or sid, "name_en": r.name_en or sid,
                              "tasks": _split(r.task)})
    for sl in ent["sector_ids"]:
        for s in sl:
            info.setdefault(s, {"name_zh": s, "name_en": s, "tasks": []})

    # Parties named after the first one in a partnership's ``partners`` column are
    # partners (the file lists the Pingchuan firm or village first), so an external firm
    # such as 青岛啤酒 tagged with a sector is a partner, not an anchor firm.
    entity_names = set(ent.loc[ent["type"].isin(["firm", "institution"]), "name_zh"])
    partnership_parties: dict[str, list[str]] = {}
    for r in ent.loc[ent["type"] == "partnership"].itertuples(index=False):
        parties = [names.get(p) or p for p in _split(r.partners)]
        for s in r.sector_ids:
            partnership_parties.setdefault(s, []).extend(p for p in parties[1:] if p in entity_names)
    rows = []
    for sid, d in info.items():
        members = ent.loc[[sid in sl and t != "sector" for sl, t in zip(ent["sector_ids"], ent["type"])]]
        cols = {c: [] for c in _TYPE_COLUMN.values()}
        extra = list(partnership_parties.get(sid, []))
        for r in members.itertuples(index=False):
            col = _TYPE_COLUMN.get(r.type)
            if col is not None:
                cols[col].append(r.name_zh or r.entity_id)
            if r.type in ("firm", "institution"):
                extra.extend(names.get(p) or p for p in _split(r.partners))
        external = set(partnership_parties.get(sid, []))
        firms = [f for f in _unique(cols["anchor_firms"]) if f not in external]
        partners = [p for p in _unique(cols["partners"] + extra) if p not in firms]
        tasks = d["tasks"] or [t for x in members["task"] for t in _split(x)]
        rows.append({"sector": sid, "name_zh": d["name_zh"], "name_en": d["name_en"],
                     "anchor_firms": ";".join(firms), "centres": ";".join(_unique(cols["centres"])),
                     "bases": ";".join(_unique(cols["bases"])), "partners": ";".join(partners),
                     "tasks": ";".join(sorted(_unique(tasks), key=_task_key))})
    return pd.DataFrame(rows, columns=list(REGISTRY_COLUMNS))


def metrics_path() -> Path:
    """``data/raw/metadata/sector_metrics.csv`` (metric names, units, links to targets)."""
    return config.raw_dir() / "metadata" / "sector_metrics.csv"


def _truthy(x: object) -> bool:
    return str(x).strip().lower() in ("1", "true", "yes", "y", "是", "t")


def metric_metadata(path: str | Path | None = None) -> pd.DataFrame:
    """Sector-panel metric metadata plus the derived intensities, indexed by metric id.

    Columns: ``name_zh, name_en, unit, kind, additive (bool), district_indicator, note``.
    When the metadata file is absent, the seven panel metrics get their id as name,
    ``additive=True`` and no district indicator (so contributions need an explicit link).
    """
    p = Path(path) if path is not None else metrics_path()
    if p.exists():
        df = intake.read_table(p).fillna("").astype(str)
        df.columns = [str(c).strip() for c in df.columns]
        for c in ("name_zh", "name_en", "unit", "kind", "additive", "district_indicator", "note"):
            if c not in df.columns:
                df[c] = ""
        df = df.apply(lambda s: s.str.strip())
        df["additive"] = [_truthy(x) if str(x) else True for x in df["additive"]]
    else:
        df = pd.DataFrame({"metric": list(vocab.SECTOR_METRICS)})
        df["name_zh"] = df["metric"]
        df["name_en"] = df["metric"]
        df["unit"] = ""
        df["kind"] = ""
        df["additive"] = True
        df["district_indicator"] = ""
        df["note"] = ""
    extra = pd.DataFrame([{"metric": k, "name_zh": v["name_zh"], "name_en": v["name_en"],
                           "unit": "%" if v["percent"] else v.get("unit", ""), "kind": "intensity",
                           "additive": False, "district_indicator": "",
                           "note": f"{v['num']} / {v['den']}"}
                          for k, v in INTENSITIES.items() if k not in set(df["metric"])])
    out = pd.concat([df, extra], ignore_index=True)
    return out.set_index("metric")


def sector_label(sector: str, lang: str = "zh", registry: pd.DataFrame | None = None) -> str:
    """Display name of a sector id from the registry (the id itself when unknown)."""
    col = f"name_{check_lang(lang)}"
    if registry is not None and not registry.empty:
        hit = registry.loc[registry["sector"] == sector]
        if not hit.empty:
            return str(hit.iloc[0][col])
    return sector


def metric_label(metric: str, lang: str = "zh", meta: pd.DataFrame | None = None,
                 *, unit: str | None = None, with_unit: bool = True) -> str:
    """Display name of a metric, with its unit when known and ``with_unit`` (``产值 (亿元)``).

    The unit is shown as given (``unit``, else the metadata's); English figures pass it
    through :func:`analysis.i18n.names.unit_label` first.
    """
    col = f"name_{check_lang(lang)}"
    name, u = metric, unit
    if meta is not None and metric in meta.index:
        row = meta.loc[metric]
        name = str(row[col]) or metric
        u = u if u is not None else (str(row["unit"]) or None)
    elif metric in INTENSITIES:
        name = INTENSITIES[metric][col]
    return f"{name} ({u})" if u and with_unit else name


def _registry_or_none() -> pd.DataFrame | None:
    try:
        return sector_registry()
    except (InputError, OSError, ValueError):
        return None


# ---------------------------------------------------------------------------- metrics
def levels(panel: pd.DataFrame, *, metrics: Iterable[str] | None = None,
           sectors: Iterable[str] | None = None, years: Iterable[int] | None = None) -> pd.DataFrame:
    """Wide table of levels: one row per ``region, sector, year``, one column per metric."""
    df = _as_panel(panel)
    if metrics is not None:
        df = df.loc[df["metric"].isin(list(metrics))]
    if sectors is not None:
        df = df.loc[df["sector"].isin(list(sectors))]
    if years is not None:
        df = df.loc[df["year"].isin([int(y) for y in years])]
    wide = df.pivot_table(index=["region", "sector", "year"], columns="metric", values="value",
                          aggfunc="sum", dropna=False, observed=True)
    wide = wide.dropna(how="all")
    wide = wide[_metric_order(wide.columns)]
    wide.columns.name = None
    return wide.reset_index()


def intensities(panel: pd.DataFrame) -> pd.DataFrame:
    """Derived intensities as a long panel (same columns as the input panel).

    ==========================  ==========================================================
    metric                      formula
    ==========================  ==========================================================
    ``rd_intensity``            R&D spending / output value x 100 (%), both converted to
                                元 first (R&D is in 万元, output in 亿元: 万元/亿元/100)
    ``patents_per_enterprise``  invention patents (stock) / enterprises (件/家)
    ``high_tech_share``         high-tech enterprises / enterprises x 100 (%)
    ``turnover_per_enterprise`` technology-contract turnover / enterprises (万元/家)
    ==========================  ==========================================================

    A zero or missing denominator gives NaN (``note`` says why). Intensities whose inputs
    are not both in the panel are left out.
    """
    df = _as_panel(panel)
    idx = ["region", "sector", "year"]
    present = set(df["metric"])
    units = _units(df)
    out = []
    for key, d in INTENSITIES.items():
        if d["num"] not in present or d["den"] not in present:
            continue
        num = df.loc[df["metric"] == d["num"]].groupby(idx)["value"].sum(min_count=1)
        den = df.loc[df["metric"] == d["den"]].groupby(idx)["value"].sum(min_count=1)
        j = pd.concat([num.rename("num"), den.rename("den")], axis=1).reset_index()
        nu, du = units.get(d["num"], ""), units.get(d["den"], "")
        factor = 1.0
        if d["money"]:
            if nu not in MONEY_UNITS or du not in MONEY_UNITS:
                raise ValueError(f"{key}: cannot convert {nu!r} and {du!r} to money units")
            factor = MONEY_UNITS[nu] / MONEY_UNITS[du]
        if d["percent"]:
            factor *= 100.0
        ok = j["den"].notna() & (j["den"] != 0) & j["num"].notna()
        j["value"] = np.where(ok, j["num"] * factor / j["den"].where(ok, 1.0), np.nan)
        j["note"] = np.where(ok, "", np.where(j["den"] == 0, f"{d['den']} is zero",
                                              "input missing"))
        j["metric"] = key
        j["unit"] = "%" if d["percent"] else f"{nu}/{du}"
        j["source"] = f"derived: {d['num']} / {d['den']}"
        out.append(j[list(PANEL_COLUMNS)])
    if not out:
        return pd.DataFrame(columns=list(PANEL_COLUMNS))
    return pd.concat(out, ignore_index=True)


def with_intensities(panel: pd.DataFrame) -> pd.DataFrame:
    """The panel with the derived :func:`intensities` appended as extra metrics."""
    df = _as_panel(panel)
    extra = intensities(df)
    return df if extra.empty else pd.concat([df, extra], ignore_index=True)


def _value_at(df: pd.DataFrame, year: int) -> pd.DataFrame:
    return df.loc[df["year"] == year, KEYS + ["value"]]


def growth(panel: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Compound annual growth rate between ``start`` and ``end``, per region, sector and metric.

    ``cagr_pct = ((value_end / value_start) ** (1 / (year_end - year_start)) - 1) * 100``.

    * A sector missing ``start`` (``end``) uses the nearest year it has *inside*
      ``[start, end]``: the first year after ``start`` (last year before ``end``); the
      years actually used are ``year_a_used``/``year_b_used`` and ``note`` says so.
    * Fewer than two years inside the interval -> NaN, ``note`` "fewer than two years".
    * A zero start value -> NaN ("zero start value": growth from zero is undefined); a
      negative value -> NaN. An end value of zero from a positive start gives -100 %.

    Returns columns ``region, sector, metric, year_a_used, year_b_used, value_a_used,
    value_b_used, cagr_pct, note``.
    """
    start, end = int(start), int(end)
    df = _as_panel(panel)
    df = df.loc[df["value"].notna() & df["year"].between(start, end)]
    rows = []
    for (region, sector, metric), g in df.groupby(KEYS, sort=False):
        g = g.groupby("year")["value"].sum().sort_index()
        notes, cagr = [], np.nan
        ya = yb = va = vb = np.nan
        if len(g) < 2:
            notes.append(f"fewer than two years in {start}-{end}")
            if len(g) == 1:
                ya = yb = int(g.index[0])
                va = vb = float(g.iloc[0])
        else:
            ya, yb = int(g.index[0]), int(g.index[-1])
            va, vb = float(g.iloc[0]), float(g.iloc[-1])
            if ya != start:
                notes.append(f"no {start} value; growth from {ya}")
            if yb != end:
                notes.append(f"no {end} value; growth to {yb}")
            if va == 0:
                notes.append("zero start value")
            elif va < 0 or vb < 0:
                notes.append("negative value")
            else:
                cagr = ((vb / va) ** (1.0 / (yb - ya)) - 1.0) * 100.0
        rows.append({"region": region, "sector": sector, "metric": metric,
                     "year_a_used": ya, "year_b_used": yb, "value_a_used": va,
                     "value_b_used": vb, "cagr_pct": cagr, "note": "; ".join(notes)})
    out = pd.DataFrame(rows, columns=["region", "sector", "metric", "year_a_used", "year_b_used",
                                      "value_a_used", "value_b_used", "cagr_pct", "note"])
    for c in ("year_a_used", "year_b_used"):
        out[c] = out[c].astype("Int64")
    return out


def district_totals(panel: pd.DataFrame, meta: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sum over sectors per region, year and metric (additive metrics only).

    Returns ``region, year, metric, unit, value, n_sectors``.
    """
    df = _as_panel(panel)
    df = df.loc[df["metric"].map(lambda m: _is_additive(m, meta))]
    g = df.groupby(["region", "year", "metric"], sort=True)
    out = g.agg(value=("value", lambda s: s.sum(min_count=1)), unit=("unit", "first"),
                n_sectors=("value", "count")).reset_index()
    return out[["region", "year", "metric", "unit", "value", "n_sectors"]]


def _is_additive(metric: str, meta: pd.DataFrame | None) -> bool:
    if metric in INTENSITIES:
        return False
    if meta is not None and metric in meta.index:
        return bool(meta.loc[metric, "additive"])
    return True


def shares(panel: pd.DataFrame, meta: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each sector's share of the district total (sum over the panel's sectors), in per cent.

    Adds ``district_total`` and ``share_pct`` to the panel rows. Non-additive metrics
    (intensities, or ``additive = no`` in the metric metadata) and a zero total give NaN.
    """
    df = _as_panel(panel)
    tot = district_totals(df, meta)[["region", "year", "metric", "value"]].rename(
        columns={"value": "district_total"})
    out = df.merge(tot, on=["region", "year", "metric"], how="left")
    ok = out["district_total"].notna() & (out["district_total"] != 0)
    out["share_pct"] = np.where(ok, out["value"] / out["district_total"].where(ok, 1.0) * 100, np.nan)
    return out


def zscores(panel: pd.DataFrame) -> pd.DataFrame:
    """Standardised distance across sectors: ``z = (x - mean) / sd`` per region, year, metric.

    ``mean`` and ``sd`` (population sd, ``ddof=0``) are over the sectors with a value. When
    the sd is zero (all sectors equal, or only one sector) every z is 0 - never a division
    by zero or inf. Missing values stay NaN. Adds column ``z``.
    """
    df = _as_panel(panel)
    grp = df.groupby(["region", "year", "metric"])["value"]
    mean = grp.transform("mean")
    sd = grp.transform(lambda s: s.std(ddof=0))
    scale = np.maximum(np.abs(mean.to_numpy(dtype=float)), 1.0)
    flat = ~(sd.to_numpy(dtype=float) > 1e-12 * scale)
    z = np.where(flat, 0.0, (df["value"] - mean) / sd.where(~flat, 1.0))
    df["z"] = np.where(df["value"].isna(), np.nan, z)
    return df


def ranks(panel: pd.DataFrame) -> pd.DataFrame:
    """Rank of each sector per region, year and metric (1 = largest; ties share the
    smaller rank; missing values unranked). Adds integer column ``rank`` (nullable)."""
    df = _as_panel(panel)
    df["rank"] = (df.groupby(["region", "year", "metric"])["value"]
                  .rank(ascending=False, method="min").astype("Int64"))
    return df


def rank_change(panel: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Ranks in ``start`` and ``end`` and the change ``rank_change = rank_a - rank_b``
    (positive = the sector climbed). Ranks are taken in the exact years (a sector missing
    that year has no rank there). Columns ``region, sector, metric, rank_a, rank_b, rank_change``."""
    r = ranks(panel)
    a = r.loc[r["year"] == int(start), KEYS + ["rank"]].rename(columns={"rank": "rank_a"})
    b = r.loc[r["year"] == int(end), KEYS + ["rank"]].rename(columns={"rank": "rank_b"})
    out = a.merge(b, on=KEYS, how="outer")
    out["rank_change"] = (out["rank_a"] - out["rank_b"]).astype("Int64")
    return out


def index_to_base(panel: pd.DataFrame, base_year: int | None = None) -> pd.DataFrame:
    """Index each series to a base year (= 100): ``index = value / value_base x 100``.

    ``base_year`` defaults to the panel's first year. A series without a base-year value,
    or with a zero base value, gets NaN. Adds column ``index``.
    """
    df = _as_panel(panel)
    base_year = int(df["year"].min()) if base_year is None else int(base_year)
    base = _value_at(df, base_year).groupby(KEYS)["value"].sum(min_count=1).rename("_base")
    df = df.merge(base.reset_index(), on=KEYS, how="left")
    ok = df["_base"].notna() & (df["_base"] != 0)
    df["index"] = np.where(ok, df["value"] / df["_base"].where(ok, 1.0) * 100, np.nan)
    return df.drop(columns="_base")


# ----------------------------------------------------------------------- contributions
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
    df = _as_panel(panel)
    targets = catalogue.load_targets() if targets is None else targets
    meta = metric_metadata() if meta is None else meta
    links = target_links(meta, targets)
    if indicator is not None:
        if indicator in links:
            links = {indicator: links[indicator]}
        elif indicator in links.values():
            links = {m: i for m, i in links.items() if i == indicator}
        else:
            raise InputError([Problem("indicator", None, None,
                                      f"{indicator!r} is not a district target that sums over sectors; "
                                      f"known: {', '.join(sorted(set(links) | set(links.values()))) or 'none'}")])
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


# --------------------------------------------------------------------------- compare
def _check_choice(values: Iterable[str] | None, known: list[str], label: str, what: str,
                  problems: list[Problem]) -> list[str] | None:
    if values is None:
        return None
    values = [str(v) for v in values]
    problems.extend(Problem(label, None, None, f"unknown {what} {v!r}; the panel has: {', '.join(known)}")
                    for v in values if v not in known)
    return _unique(values)


def compare(panel: pd.DataFrame, *, metrics: Iterable[str] | None = None,
            sectors: Iterable[str] | None = None, years: tuple[int, int] | None = None,
            registry: pd.DataFrame | None = None, meta: pd.DataFrame | None = None,
            lang: str = "zh", intensities: bool = True,
            _labels: tuple[str, str, str] = ("metrics", "sectors", "years")) -> pd.DataFrame:
    """The comparison table printed by ``python -m analysis sectors``.

    Layout: one row per region x metric x sector (the per-sector block repeats for each
    metric; long rather than wide so the table stays readable and any number of metrics
    fits). Rows are ordered by region, metric (panel order), then rank in year B.

    Columns
    -------
    region, metric, sector, name (sector name in ``lang``), unit, year_a, year_b,
    value_a, value_b (levels in the exact years A and B), cagr_pct (A -> B, see
    :func:`growth`), share_pct (share of the district total in B; NaN for intensities),
    rank_a, rank_b, rank_change (:func:`rank_change`), z (z-score in B, :func:`zscores`),
    note (why a growth rate is missing or which years it used).

    Parameters
    ----------
    metrics, sectors : list of str, optional
        Subsets to show (default: all in the panel, plus the derived intensities when
        ``intensities=True``). Ranks, shares and z-scores are always computed across all
        sectors of the panel. An id not in the panel raises :class:`InputError`.
    years : (int, int), optional
        Years A and B (default: the panel's first and last year).
    """
    df = with_intensities(panel) if intensities else _as_panel(panel)
    known_metrics = _metric_order(df["metric"])
    known_sectors = _unique(df["sector"])
    problems: list[Problem] = []
    metrics = _check_choice(metrics, known_metrics, _labels[0], "metric", problems)
    sectors = _check_choice(sectors, known_sectors, _labels[1], "sector", problems)
    if years is None:
        a, b = int(df["year"].min()), int(df["year"].max())
    else:
        a, b = int(years[0]), int(years[1])
        if a >= b:
            problems.append(Problem(_labels[2], None, None, f"year A ({a}) must be before year B ({b})"))
    if problems:
        raise InputError(problems)
    units = _units(df)
    meta = metric_metadata() if meta is None else meta
    g = growth(df, a, b)
    rc = rank_change(df, a, b)
    sh = shares(df, meta)
    sh = sh.loc[sh["year"] == b, KEYS + ["share_pct"]]
    z = zscores(df)
    z = z.loc[z["year"] == b, KEYS + ["z"]]
    va = _value_at(df, a).groupby(KEYS)["value"].sum(min_count=1).rename("value_a")
    vb = _value_at(df, b).groupby(KEYS)["value"].sum(min_count=1).rename("value_b")
    base = df[KEYS].drop_duplicates()
    out = (base.merge(va.reset_index(), on=KEYS, how="left")
           .merge(vb.reset_index(), on=KEYS, how="left")
           .merge(g[KEYS + ["cagr_pct", "note"]], on=KEYS, how="left")
           .merge(sh, on=KEYS, how="left")
           .merge(rc, on=KEYS, how="left")
           .merge(z, on=KEYS, how="left"))
    out["note"] = out["note"].fillna(f"no values in {a}-{b}")
    if metrics is not None:
        out = out.loc[out["metric"].isin(metrics)]
    if sectors is not None:
        out = out.loc[out["sector"].isin(sectors)]
    reg = registry if registry is not None else _registry_or_none()
    out["name"] = [sector_label(s, lang, reg) for s in out["sector"]]
    out["unit"] = out["metric"].map(units)
    out["year_a"], out["year_b"] = a, b
    order = {m: i for i, m in enumerate(metrics or known_metrics)}
    out["_m"] = out["metric"].map(order)
    out["_r"] = out["rank_b"].astype("float64").fillna(np.inf)
    out = out.sort_values(["region", "_m", "_r", "sector"], kind="stable")
    cols = ["region", "metric", "sector", "name", "unit", "year_a", "year_b", "value_a", "value_b",
            "cagr_pct", "share_pct", "rank_a", "rank_b", "rank_change", "z", "note"]
    return out[cols].reset_index(drop=True)


def focus_summary(panel: pd.DataFrame, *, focus: Iterable[str] | None = None,
                  years: tuple[int, int] | None = None, meta: pd.DataFrame | None = None) -> pd.DataFrame:
    """The focus sectors as a group against the rest, per region and additive metric.

    Columns: ``region, metric, unit, year_a, year_b, focus_a, focus_b, rest_a, rest_b,
    focus_share_a_pct, focus_share_b_pct, focus_cagr_pct, rest_cagr_pct``
    (group sums; CAGR as in :func:`growth` on the group sums). ``focus`` defaults to
    :data:`analysis.vocab.FOCUS_SECTORS`.
    """
    df = _as_panel(panel)
    focus = list(vocab.FOCUS_SECTORS if focus is None else focus)
    a, b = (int(df["year"].min()), int(df["year"].max())) if years is None else map(int, years)
    df = df.loc[df["metric"].map(lambda m: _is_additive(m, meta))].copy()
    df["sector"] = np.where(df["sector"].isin(focus), "focus", "rest")
    grp = df.groupby(["region", "sector", "year", "metric"], as_index=False).agg(
        value=("value", lambda s: s.sum(min_count=1)), unit=("unit", "first"))
    gr = growth(grp, a, b)
    rows = []
    for (region, metric), g in grp.groupby(["region", "metric"], sort=False):
        def val(s, y):
            v = g.loc[(g["sector"] == s) & (g["year"] == y), "value"]
            return float(v.iloc[0]) if len(v) else np.nan

        def cg(s):
            v = gr.loc[(gr["region"] == region) & (gr["metric"] == metric) & (gr["sector"] == s), "cagr_pct"]
            return float(v.iloc[0]) if len(v) else np.nan

        fa, fb, ra, rb = val("focus", a), val("focus", b), val("rest", a), val("rest", b)
        fa0, fb0, ra0, rb0 = (0.0 if np.isnan(x) else x for x in (fa, fb, ra, rb))
        rows.append({"region": region, "metric": metric, "unit": g["unit"].iloc[0], "year_a": a,
                     "year_b": b, "focus_a": fa, "focus_b": fb, "rest_a": ra, "rest_b": rb,
                     "focus_share_a_pct": fa0 / (fa0 + ra0) * 100 if fa0 + ra0 else np.nan,
                     "focus_share_b_pct": fb0 / (fb0 + rb0) * 100 if fb0 + rb0 else np.nan,
                     "focus_cagr_pct": cg("focus"), "rest_cagr_pct": cg("rest")})
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    order = {m: i for i, m in enumerate(_metric_order(out["metric"]))}
    return out.sort_values(["region", "metric"], key=lambda s: s.map(order) if s.name == "metric" else s,
                           kind="stable").reset_index(drop=True)


# ------------------------------------------------------------------------------- CLI
def load_panel(path: str | Path | None = None) -> tuple[pd.DataFrame, dict]:
    """Read a sector panel (default: the bundled illustrative one) and its provenance."""
    if path is None:
        panel = dataset.load_sector_panel()
        ppath = config.sector_panel_path()
    else:
        panel = intake.read_sector_panel(path)
        ppath = Path(path)
    try:
        prov = dataset.provenance(ppath)
    except Exception:  # noqa: BLE001 - provenance is a caption, not a result
        prov = {"illustrative": path is None, "source_zh": "", "source_en": ""}
    return panel, prov


def cli_sectors(args) -> int:
    """``python -m analysis sectors``: print :func:`compare` on a sector panel.

    Unknown ``--metric``/``--sectors`` values raise :class:`InputError` (one line each,
    exit status 1). The table format rounds to 2 decimals for reading; csv, json and
    xlsx carry full precision, equal to :func:`compare` in a notebook.
    """
    import sys

    panel, prov = load_panel(getattr(args, "data", None))
    years = tuple(args.years) if getattr(args, "years", None) else None
    table = compare(panel, metrics=getattr(args, "metric", None), sectors=getattr(args, "sectors", None),
                    years=years, _labels=("--metric", "--sectors", "--years"))
    fmt = getattr(args, "format", "table") or "table"
    if fmt == "table":  # for reading: rounded, headers in the user's language (csv/json keep the ids)
        lang = getattr(args, "lang", None) or "zh"
        table = table.round(2).rename(columns={c: t(f"sectors.col.{c}", lang) for c in table.columns
                                               if has(f"sectors.col.{c}")})
    if prov.get("illustrative"):
        print(vocab.ILLUSTRATIVE_STAMP, file=sys.stderr)
    output.render(table, fmt, getattr(args, "output", None), sheet_name="sectors")
    return 0
