"""The comparison table (``python -m analysis sectors``) and the focus sectors against the rest."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config, vocab
from analysis.errors import InputError, Problem
from analysis.i18n import has, t
from analysis.i18n.names import place_name, unit_label
from analysis.io import dataset, output
from analysis.io import readers as intake
from analysis.model.sectors.metrics import growth, is_additive, rank_change, shares, value_at, with_intensities, zscores
from analysis.model.sectors.panel import KEYS, as_panel, metric_order, panel_units, unique
from analysis.model.sectors.registry import metric_metadata, registry_or_none, sector_label

def _check_choice(values: Iterable[str] | None, known: list[str], label: str, what: str,
                  problems: list[Problem]) -> list[str] | None:
    if values is None:
        return None
    values = [str(v) for v in values]
    problems.extend(Problem.said(label, None, None, f"sectors.err.unknown_{what}", value=repr(v), known=", ".join(known))
                    for v in values if v not in known)
    return unique(values)


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
    df = with_intensities(panel) if intensities else as_panel(panel)
    known_metrics = metric_order(df["metric"])
    known_sectors = unique(df["sector"])
    problems: list[Problem] = []
    metrics = _check_choice(metrics, known_metrics, _labels[0], "metric", problems)
    sectors = _check_choice(sectors, known_sectors, _labels[1], "sector", problems)
    if years is None:
        a, b = int(df["year"].min()), int(df["year"].max())
    else:
        a, b = int(years[0]), int(years[1])
        if a >= b:
            problems.append(Problem.said(_labels[2], None, None, "sectors.err.years_order", a=a, b=b))
    if problems:
        raise InputError(problems)
    units = panel_units(df)
    meta = metric_metadata() if meta is None else meta
    g = growth(df, a, b)
    rc = rank_change(df, a, b)
    sh = shares(df, meta)
    sh = sh.loc[sh["year"] == b, KEYS + ["share_pct"]]
    z = zscores(df)
    z = z.loc[z["year"] == b, KEYS + ["z"]]
    va = value_at(df, a).groupby(KEYS)["value"].sum(min_count=1).rename("value_a")
    vb = value_at(df, b).groupby(KEYS)["value"].sum(min_count=1).rename("value_b")
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
    reg = registry if registry is not None else registry_or_none()
    out["name"] = [sector_label(s, lang, reg) for s in out["sector"]]
    out["note"] = [note_text(n, lang) for n in out["note"]]
    out["unit"] = out["metric"].map(units)
    out["year_a"], out["year_b"] = a, b
    order = {m: i for i, m in enumerate(metrics or known_metrics)}
    out["_m"] = out["metric"].map(order)
    out["_r"] = out["rank_b"].astype("float64").fillna(np.inf)
    out = out.sort_values(["region", "_m", "_r", "sector"], kind="stable")
    cols = ["region", "metric", "sector", "name", "unit", "year_a", "year_b", "value_a", "value_b",
            "cagr_pct", "share_pct", "rank_a", "rank_b", "rank_change", "z", "note"]
    return out[cols].reset_index(drop=True)


#: The notes of :func:`~analysis.model.sectors.metrics.growth` and :func:`compare` (English, as the
#: model writes them) -> the ``sectors.note.*`` text and its fields.
_NOTES = ((re.compile(r"fewer than two years in (?P<a>\d{4})-(?P<b>\d{4})"), "sectors.note.few_years"),
          (re.compile(r"no (?P<year>\d{4}) value; growth from (?P<used>\d{4})"), "sectors.note.no_start"),
          (re.compile(r"no (?P<year>\d{4}) value; growth to (?P<used>\d{4})"), "sectors.note.no_end"),
          (re.compile(r"zero start value"), "sectors.note.zero_start"),
          (re.compile(r"negative value"), "sectors.note.negative"),
          (re.compile(r"no values in (?P<a>\d{4})-(?P<b>\d{4})"), "sectors.note.no_values"),
          (re.compile(r"(?P<metric>[a-z_]+) is zero"), "sectors.note.zero_den"))


def note_text(note: object, lang: str = "zh") -> str:
    """A note of the comparison table in ``lang`` (``zero start value`` -> ``起始值为0，增速无法计算``;
    several notes joined by the language's separator). A note it does not know stays as written."""
    text = "" if note is None or (isinstance(note, float) and note != note) else str(note)
    if not text:
        return ""
    parts, rest = [], text
    while rest:
        for pattern, key in _NOTES:
            m = pattern.match(rest)
            if m:
                parts.append(t(key, lang, **m.groupdict()))
                rest = rest[m.end():].lstrip("; ")
                break
        else:
            parts.append(rest)
            break
    return t("common.list_sep", lang).join(parts)


def focus_summary(panel: pd.DataFrame, *, focus: Iterable[str] | None = None,
                  years: tuple[int, int] | None = None, meta: pd.DataFrame | None = None) -> pd.DataFrame:
    """The focus sectors as a group against the rest, per region and additive metric.

    Columns: ``region, metric, unit, year_a, year_b, focus_a, focus_b, rest_a, rest_b,
    focus_share_a_pct, focus_share_b_pct, focus_cagr_pct, rest_cagr_pct``
    (group sums; CAGR as in :func:`growth` on the group sums). ``focus`` defaults to
    :data:`analysis.vocab.FOCUS_SECTORS`.
    """
    df = as_panel(panel)
    focus = list(vocab.FOCUS_SECTORS if focus is None else focus)
    a, b = (int(df["year"].min()), int(df["year"].max())) if years is None else map(int, years)
    df = df.loc[df["metric"].map(lambda m: is_additive(m, meta))].copy()
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
    order = {m: i for i, m in enumerate(metric_order(out["metric"]))}
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
    lang = getattr(args, "lang", None) or "zh"
    table = compare(panel, metrics=getattr(args, "metric", None), sectors=getattr(args, "sectors", None),
                    years=years, lang=lang, _labels=("--metric", "--sectors", "--years"))
    fmt = getattr(args, "format", "table") or "table"
    if fmt == "table":  # for reading: rounded, words in the user's language (csv/json keep the ids)
        table = table.assign(region=[place_name(r, lang) for r in table["region"]],
                             unit=[unit_label(u, lang) for u in table["unit"]])
        table = table.round(2).rename(columns={c: t(f"sectors.col.{c}", lang) for c in table.columns
                                               if has(f"sectors.col.{c}")})
    if prov.get("illustrative"):
        print(vocab.illustrative_stamp(lang), file=sys.stderr)
    output.render(table, fmt, getattr(args, "output", None), sheet_name="sectors")
    return 0
