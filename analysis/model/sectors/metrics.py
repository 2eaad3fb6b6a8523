"""Numbers per sector from the panel: levels, intensities, growth, shares, z-scores, ranks, indices.

Every function is pure: it takes a panel and returns a new DataFrame (conventions in
:mod:`analysis.model.sectors`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.io.catalogue import MONEY_UNITS
from analysis.model.sectors.panel import INTENSITIES, KEYS, PANEL_COLUMNS, as_panel, metric_order, panel_units

def levels(panel: pd.DataFrame, *, metrics: Iterable[str] | None = None,
           sectors: Iterable[str] | None = None, years: Iterable[int] | None = None) -> pd.DataFrame:
    """Wide table of levels: one row per ``region, sector, year``, one column per metric."""
    df = as_panel(panel)
    if metrics is not None:
        df = df.loc[df["metric"].isin(list(metrics))]
    if sectors is not None:
        df = df.loc[df["sector"].isin(list(sectors))]
    if years is not None:
        df = df.loc[df["year"].isin([int(y) for y in years])]
    wide = df.pivot_table(index=["region", "sector", "year"], columns="metric", values="value",
                          aggfunc="sum", dropna=False, observed=True)
    wide = wide.dropna(how="all")
    wide = wide[metric_order(wide.columns)]
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
    df = as_panel(panel)
    idx = ["region", "sector", "year"]
    present = set(df["metric"])
    units = panel_units(df)
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
    df = as_panel(panel)
    extra = intensities(df)
    return df if extra.empty else pd.concat([df, extra], ignore_index=True)


def value_at(df: pd.DataFrame, year: int) -> pd.DataFrame:
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
    df = as_panel(panel)
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
    df = as_panel(panel)
    df = df.loc[df["metric"].map(lambda m: is_additive(m, meta))]
    g = df.groupby(["region", "year", "metric"], sort=True)
    out = g.agg(value=("value", lambda s: s.sum(min_count=1)), unit=("unit", "first"),
                n_sectors=("value", "count")).reset_index()
    return out[["region", "year", "metric", "unit", "value", "n_sectors"]]


def is_additive(metric: str, meta: pd.DataFrame | None) -> bool:
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
    df = as_panel(panel)
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
    df = as_panel(panel)
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
    df = as_panel(panel)
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
    df = as_panel(panel)
    base_year = int(df["year"].min()) if base_year is None else int(base_year)
    base = value_at(df, base_year).groupby(KEYS)["value"].sum(min_count=1).rename("_base")
    df = df.merge(base.reset_index(), on=KEYS, how="left")
    ok = df["_base"].notna() & (df["_base"] != 0)
    df["index"] = np.where(ok, df["value"] / df["_base"].where(ok, 1.0) * 100, np.nan)
    return df.drop(columns="_base")
