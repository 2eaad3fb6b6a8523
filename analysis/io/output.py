"""Writing tables in the CLI's formats (table, csv, json, xlsx)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from analysis.io.atomic import atomic_write
from analysis.io.safe_cells import frame_to_csv, frame_to_xlsx


def render(df: pd.DataFrame, fmt: str = "table", output: str | Path | None = None,
           *, sheet_name: str = "data") -> None:
    """Write ``df`` as an aligned text table, CSV (UTF-8 with BOM when written to a file,
    so Excel opens it), JSON records or an Excel sheet, to ``output`` or standard output."""
    if fmt == "xlsx":
        if output is None:
            raise ValueError("format 'xlsx' needs an output path")  # the CLI checks this first
        with atomic_write(output, binary=True) as fh:
            frame_to_xlsx(df, fh, sheet_name=sheet_name)  # text stays text, never a formula
        return
    if fmt == "csv":
        text = frame_to_csv(df)  # cells starting with = + - @ tab CR neutralised (OWASP)
    elif fmt == "json":
        text = json.dumps(json.loads(df.to_json(orient="records", force_ascii=False)),
                          ensure_ascii=False, indent=2) + "\n"
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 250, "display.max_colwidth", 60,
                               "display.unicode.east_asian_width", True):
            text = df.to_string(index=False, na_rep="—") + "\n"  # a cell with no value: —, not NaN
    if output is None:
        sys.stdout.write(text)
    else:
        with atomic_write(output, encoding="utf-8-sig" if fmt == "csv" else "utf-8") as fh:
            fh.write(text)
