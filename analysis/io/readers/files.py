"""Several monitoring files read together: a value two files give differently is an error at its cell.

``assess --data a.xlsx --data b.csv`` (and ``report``, ``validate a.xlsx b.csv``) stack the files; a
(region, indicator, year) in both must carry the same value (it is then kept once). Which figure to
believe is the user's call, not ours, so a difference names both cells, in the catalogue's unit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from analysis.errors import Problem, display_name
from analysis.i18n import t
from analysis.i18n.names import place_name, unit_after
from analysis.io.readers.read import as_targets, option, value_cells

__all__ = ["disagreements"]

_KEY = ["region", "indicator_id", "year"]


def disagreements(frames: Sequence[tuple[str | Path, pd.DataFrame]], targets=None, *, lang: str | None = None,
                  sheet=None, skip_unknown: bool = False) -> list[Problem]:
    """Every value a later file gives differently from an earlier one, at the later file's cell.

    Parameters
    ----------
    frames : sequence of (path, DataFrame)
        Each file and what :func:`~analysis.io.readers.read_observations` read of it, in order.
    targets : DataFrame or path, optional
        The catalogue (its units and names are in the messages).

    Returns
    -------
    list of Problem
        ``FILE[SHEET]:ROW:COLUMN: 平川区 技术市场合同交易额 2019年：此格为 1.35亿元，a.xlsx[Sheet1] 第 5 行 I 列为
        1.3亿元；…`` (empty when the files agree).
    """
    if len(frames) < 2:
        return []
    lang = option("lang", lang, "zh")
    stacked = pd.concat([df[_KEY + ["value"]].assign(src=k) for k, (_, df) in enumerate(frames)], ignore_index=True)
    first = stacked.drop_duplicates(_KEY)
    merged = stacked.merge(first, on=_KEY, suffixes=("", "_first"))
    clash = merged[(merged["src"] != merged["src_first"])
                   & ~np.isclose(merged["value"].astype(float), merged["value_first"].astype(float))]
    if not len(clash):
        return []
    tt = as_targets(targets)
    units = dict(zip(tt["id"].astype(str), tt["unit"].astype(str))) if "unit" in tt else {}
    names = dict(zip(tt["id"].astype(str), tt["name_zh" if lang == "zh" else "name_en"].astype(str))) \
        if {"name_zh", "name_en"} <= set(tt.columns) else {}
    cells: dict[int, dict] = {}
    for k in sorted(set(clash["src"]) | set(clash["src_first"])):  # read again: only the files involved
        path = frames[int(k)][0]
        try:
            pos = value_cells(path, targets, sheet=sheet, lang=lang, skip_unknown=skip_unknown)
        except Exception:  # noqa: BLE001 - read once already; a place is a courtesy, the problem stands
            pos = pd.DataFrame(columns=_KEY + ["where", "row", "column"])
        cells[int(k)] = {(r.region, r.indicator_id, int(r.year)): (r.where, int(r.row), r.column)
                         for r in pos.itertuples(index=False)}
    out = []
    for r in clash.itertuples(index=False):
        key = (str(r.region), str(r.indicator_id), int(r.year))
        here = cells.get(int(r.src), {}).get(key, (display_name(frames[int(r.src)][0]), None, None))
        there = cells.get(int(r.src_first), {}).get(key, (display_name(frames[int(r.src_first)][0]), None, None))
        unit = unit_after(units.get(key[1], ""), lang)
        name = names.get(key[1])
        shown = f"{name}（{key[1]}）" if lang == "zh" and name else (name or key[1])
        place = there[0] if there[1] is None else t("intake.files_disagree_place", lang, where=there[0], row=there[1],
                                                      col=there[2])
        out.append(Problem(here[0], here[1], here[2], t(
            "intake.files_disagree", lang, region=place_name(key[0], lang), name=shown, year=key[2], value=f"{r.value:g}{unit}",
            other=f"{r.value_first:g}{unit}", file=place)))
    return out
