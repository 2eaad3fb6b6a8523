"""``python -m analysis targets``: print the target catalogue."""

from __future__ import annotations

from analysis.io import catalogue
from analysis.io.output import render

CSV_COLUMNS = list(catalogue.REQUIRED_COLUMNS) + list(catalogue.OPTIONAL_COLUMNS)


def cli_targets(args) -> int:
    """Print the catalogue; csv keeps the catalogue's own columns so it round-trips."""
    t = catalogue.load_targets(args.targets)
    if args.format == "table":
        cols = ["id", "name_zh", "value", "unit", "comparator", "deadline_effective", "kind", "task"]
        out = t[cols].rename(columns={"deadline_effective": "deadline"})
    else:
        out = t[CSV_COLUMNS].assign(value=t["value"].map(lambda v: f"{v:g}"))
    render(out, args.format, args.output)
    return 0
