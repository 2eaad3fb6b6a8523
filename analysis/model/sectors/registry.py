"""The plan's sectors and the panel's metrics: who stands behind each sector, names, units, labels."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from analysis import config, vocab
from analysis.errors import InputError
from analysis.i18n import check_lang
from analysis.io import catalogue
from analysis.io import readers as intake
from analysis.model.sectors.panel import INTENSITIES, unique

REGISTRY_COLUMNS = ("sector", "name_zh", "name_en", "anchor_firms", "centres", "bases",
                    "partners", "tasks")

#: Entity types of entities.csv mapped to the registry column that lists them.
_TYPE_COLUMN = {"firm": "anchor_firms", "research_centre": "centres",
                "transfer_base": "bases", "institution": "partners"}
_SEP = re.compile(r"[;；]")


def _split(text: object) -> list[str]:
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return []
    return [t.strip() for t in _SEP.split(str(text)) if t.strip()]


def _task_key(t: str):
    # the plan's general parts (一(四) ...) first, then tasks 1, 2, ... 17 numerically
    return (1, int(t), "") if t.isdigit() else (0, 0, t)


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
        firms = [f for f in unique(cols["anchor_firms"]) if f not in external]
        partners = [p for p in unique(cols["partners"] + extra) if p not in firms]
        tasks = d["tasks"] or [t for x in members["task"] for t in _split(x)]
        rows.append({"sector": sid, "name_zh": d["name_zh"], "name_en": d["name_en"],
                     "anchor_firms": ";".join(firms), "centres": ";".join(unique(cols["centres"])),
                     "bases": ";".join(unique(cols["bases"])), "partners": ";".join(partners),
                     "tasks": ";".join(sorted(unique(tasks), key=_task_key))})
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


def registry_or_none() -> pd.DataFrame | None:
    try:
        return sector_registry()
    except (InputError, OSError, ValueError):
        return None
