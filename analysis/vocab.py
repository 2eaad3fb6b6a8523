"""Shared vocabulary: scorecard statuses, focus sectors, bilingual words used across modules."""

from __future__ import annotations

from analysis.i18n import LANGS, t

#: Scorecard statuses, best first. Keys are what tables store (CSV/JSON keep these English
#: machine words); names are for display. ``achieved`` / ``not achieved`` judge an observed
#: deadline year (or a stock met early); ``on track`` / ``at risk`` / ``off track`` a forecast
#: before the deadline; ``deadline year not reported`` a deadline that has passed unobserved.
STATUSES: tuple[str, ...] = ("achieved", "on track", "at risk", "off track", "not achieved",
                             "deadline year not reported", "insufficient data")
#: Display names of the statuses, from the catalogue (``common.status.<status>``).
STATUS_NAMES: dict[str, dict[str, str]] = {lang: {s: t(f"common.status.{s}", lang) for s in STATUSES}
                                           for lang in LANGS}
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
#: The note beside illustrative numbers, in each language, and the stamp every output of them carries
#: (in the output's language: :func:`illustrative_stamp`), from the catalogue (``common.illustrative_note``,
#: ``common.illustrative_stamp``). :data:`ILLUSTRATIVE_STAMP` is the Chinese one.
ILLUSTRATIVE_NOTE: dict[str, str] = {lang: t("common.illustrative_note", lang) for lang in LANGS}
ILLUSTRATIVE_STAMPS: dict[str, str] = {lang: t("common.illustrative_stamp", lang) for lang in LANGS}
ILLUSTRATIVE_STAMP: str = ILLUSTRATIVE_STAMPS["zh"]


def illustrative_stamp(lang: str = "zh") -> str:
    """The stamp on an output of illustrative data, in ``lang`` (示例数据; illustrative data)."""
    return ILLUSTRATIVE_STAMPS.get(lang, ILLUSTRATIVE_STAMP)


def status_name(status: str, lang: str = "zh") -> str:
    """Display name of a scorecard status in ``zh`` or ``en``."""
    return STATUS_NAMES[lang].get(status, status)
