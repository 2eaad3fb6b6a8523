"""The long sector panel as every sector function takes it: its columns, the derived intensities, clean copies."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis import vocab

PANEL_COLUMNS = ("region", "sector", "year", "metric", "value", "unit", "source", "note")
KEYS = ["region", "sector", "metric"]

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


def unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for i in items:
        seen.setdefault(i, None)
    return list(seen)


def as_panel(panel: pd.DataFrame) -> pd.DataFrame:
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


def metric_order(metrics: Iterable[str]) -> list[str]:
    order = list(vocab.SECTOR_METRICS) + list(INTENSITIES)
    ms = unique(metrics)
    return sorted(ms, key=lambda m: (order.index(m) if m in order else len(order), m))


def panel_units(panel: pd.DataFrame) -> dict[str, str]:
    """metric -> unit (the first unit seen for it)."""
    u = panel.drop_duplicates("metric")
    return dict(zip(u["metric"], u["unit"]))
