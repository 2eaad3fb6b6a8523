"""``python -m analysis targets``: print the target catalogue."""

from __future__ import annotations

import pandas as pd

from analysis.i18n import has, t
from analysis.i18n.names import unit_label
from analysis.io import catalogue
from analysis.io.output import render

CSV_COLUMNS = list(catalogue.REQUIRED_COLUMNS) + list(catalogue.OPTIONAL_COLUMNS)
#: The terminal table's columns (headers from ``analysis.i18n``, ``cli.targets.col.*``).
TABLE_COLUMNS = ("name", "target", "unit", "deadline", "kind", "task", "id")  # and "region" first, where given


def table_view(targets, lang: str = "zh"):
    """The catalogue as people read it: name, ≥/≤ target, unit, deadline, task; the id last."""
    name = targets["name_zh"] if lang == "zh" else targets["name_en"]
    signs = {">=": "≥", "<=": "≤"}
    regions = targets["region"].fillna("").astype(str) if "region" in targets.columns else None
    cols = {} if regions is None or not (regions != "").any() else {"region": regions}  # a per-region catalogue
    cols |= {
        "name": name,
        "target": [f"{signs.get(c, c)}{v:g}" for c, v in zip(targets["comparator"], targets["value"])],
        "unit": [unit_label(u, lang) for u in targets["unit"]],
        "deadline": [f"{d}{'*' if a else ''}" for d, a in zip(targets["deadline_effective"], targets["deadline_assumed"])],
        "kind": [t(f"intake.kind.{k}", lang) if lang == "zh" and has(f"intake.kind.{k}") else k
                 for k in targets["kind"]],
        "task": targets["task"],
        "id": targets["id"],
    }
    return pd.DataFrame({t(f"cli.targets.col.{k}", lang): v for k, v in cols.items()})


def cli_targets(args) -> int:
    """Print the catalogue; csv keeps the catalogue's own columns so it round-trips."""
    targets = catalogue.load_targets(args.targets)
    if args.format == "table":
        out = table_view(targets, getattr(args, "lang", None) or "zh")
    else:  # with a per-region catalogue's region and base-year columns, where it fills them
        scope = [c for c in catalogue.SCOPE_COLUMNS if c in targets.columns
                 and targets[c].astype("string").fillna("").str.strip().ne("").any()]
        out = targets[CSV_COLUMNS + scope].assign(value=targets["value"].map(lambda v: f"{v:g}"))
    render(out, args.format, args.output)
    return 0
