"""Shared vocabulary: scorecard statuses, focus sectors, bilingual words used across modules."""

from __future__ import annotations

#: Scorecard statuses, best first. Keys are what tables store (CSV/JSON keep these English
#: machine words); names are for display. ``achieved`` / ``not achieved`` judge an observed
#: deadline year (or a stock met early); ``on track`` / ``at risk`` / ``off track`` a forecast
#: before the deadline; ``deadline year not reported`` a deadline that has passed unobserved.
STATUSES: tuple[str, ...] = ("achieved", "on track", "at risk", "off track", "not achieved",
                             "deadline year not reported", "insufficient data")
STATUS_NAMES: dict[str, dict[str, str]] = {
    "zh": {"achieved": "已完成", "not achieved": "未完成", "on track": "按期可达", "at risk": "存在风险",
           "off track": "难以完成", "insufficient data": "数据不足", "deadline year not reported": "期限年数据缺失"},
    "en": {s: s for s in STATUSES},
}
#: Colour-blind-safe, greyscale-distinguishable status colours (Okabe-Ito based), shared by
#: figures and the workbook's conditional formatting.
STATUS_COLORS: dict[str, str] = {
    "achieved": "#009E73",        # bluish green
    "on track": "#56B4E9",        # sky blue
    "at risk": "#E69F00",         # orange
    "off track": "#D55E00",       # vermillion
    "not achieved": "#882255",    # wine (Tol muted): a missed deadline, darker than off track
    "deadline year not reported": "#F0E442",  # yellow: no verdict possible, look at the file
    "insufficient data": "#BBBBBB",
}
#: The sectors the plan bets on most visibly; the default focus of sector charts.
FOCUS_SECTORS: tuple[str, ...] = ("ceramics", "lithium_cathode", "bio_enzymes")
#: Sector panel metric ids (see data/raw/metadata/sector_metrics.csv).
SECTOR_METRICS: tuple[str, ...] = (
    "enterprises", "high_tech_enterprises", "output_value", "rd_spending",
    "invention_patents", "tech_contract_turnover", "platforms",
)
#: A target's comparator as printed (``>=`` -> ``≥``).
COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "="}
ILLUSTRATIVE_NOTE = {"zh": "示例数据，非官方统计", "en": "illustrative data, not official statistics"}
ILLUSTRATIVE_STAMP = "示例数据 / illustrative data"


def status_name(status: str, lang: str = "zh") -> str:
    """Display name of a scorecard status in ``zh`` or ``en``."""
    return STATUS_NAMES[lang].get(status, status)
