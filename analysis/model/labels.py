"""Progress labels: published rules, each a small pure function.

Every rule returns a short English key (what tables store); :data:`LABEL_NAMES` gives
the display names in ``zh`` and ``en``. Shared edge cases (documented in
``docs/attainment.md``):

* **target already met** -> ``"achieved"`` whatever the trend (every rule);
* **lower-is-better** targets (comparator ``<=``): ratios are signed by the desired
  direction, so a positive ratio always means moving the right way;
* **zero or negative values**: compound growth is undefined; the growth ratio falls
  back to absolute changes per year (:func:`analysis.model.trends.growth_ratio`);
* **a single data point**: no actual growth -> ``"insufficient data"``;
* **milestones** (establish one incubator): :func:`milestone_label` ->
  ``"achieved"`` with the year it was reached, or ``"not yet"``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis import vocab
from analysis.i18n import LANGS, t, words
from analysis.model import trends

__all__ = [
    "INSUFFICIENT", "NOT_ACHIEVED", "EUROSTAT_LABELS", "ANTICIPATED_LABELS", "SCHEDULE_LABELS", "MILESTONE_LABELS",
    "LABEL_NAMES", "label_name", "eurostat_label", "anticipated_ratio", "anticipated_label",
    "schedule_label", "milestone_label", "status_rule",
    "EUROSTAT_ON_TRACK", "EUROSTAT_ACCELERATION", "ANTICIPATED_EXPECTED", "ANTICIPATED_PROGRESS",
    "SCHEDULE_TOLERANCE", "STATUS_ON_TRACK", "STATUS_AT_RISK", "MIN_POINTS",
    "eurostat_labels", "anticipated_labels", "schedule_labels", "status_labels",
    "GRADES", "LABEL_COLUMNS", "label_agreement", "is_illustrative",
]

INSUFFICIENT = "insufficient data"
#: Every method's label once the deadline year is observed and the target was missed (the scorecard
#: gives a met target ``achieved``): the progress categories below are about a deadline still ahead.
NOT_ACHIEVED = "not achieved"

#: Eurostat / Statistics Canada thresholds on the ratio of actual to required growth.
EUROSTAT_ON_TRACK = 0.95
EUROSTAT_ACCELERATION = 0.60
EUROSTAT_LABELS = ("achieved", "on track", "acceleration needed", "limited progress", "moving away",
                   INSUFFICIENT)

#: UN ESCAP anticipated-progress thresholds.
ANTICIPATED_EXPECTED = 0.95
ANTICIPATED_PROGRESS = 0.10
ANTICIPATED_LABELS = ("achieved", "expected to achieve", "acceleration needed",
                      "stagnation or regression", INSUFFICIENT)

#: 序时进度 tolerance: progress within +-5 percentage points of elapsed time is "on schedule".
SCHEDULE_TOLERANCE = 0.05
SCHEDULE_LABELS = ("achieved", "ahead of schedule", "on schedule", "behind schedule", INSUFFICIENT)

MILESTONE_LABELS = ("achieved", "not yet")

#: Scorecard status thresholds on the probability of meeting the target.
STATUS_ON_TRACK = 0.8
STATUS_AT_RISK = 0.2
#: Fewer observations than this -> "insufficient data" status.
MIN_POINTS = 3

#: Display names of the label keys, from the catalogue (``scorecard.label.<key>``); English shows the key.
LABEL_NAMES: dict[str, dict[str, str]] = {lang: words("scorecard.label", lang) for lang in LANGS}


def label_name(label: str, lang: str = "zh") -> str:
    """Display name of a label key in ``zh`` or ``en`` (unknown keys pass through)."""
    return LABEL_NAMES.get(lang, {}).get(label, label)


def _nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or bool(pd.isna(x))


def eurostat_label(ratio: float, *, achieved: bool = False) -> str:
    """Progress towards a quantified target from the ratio of actual to required growth.

    ``ratio = d * CAGR_actual / |CAGR_required|`` where both rates run from the base
    year ``t0``: the actual rate to the latest observation, the required rate from the
    base value to the target in the target year; ``d = +1`` for higher-is-better and
    ``-1`` for lower-is-better targets. Absolute changes per year replace compound
    rates when a value is zero or negative (:func:`analysis.model.trends.growth_ratio`).

    ==============================  ======================
    condition                       label
    ==============================  ======================
    latest value meets the target   ``achieved``
    ratio >= 0.95                   ``on track``
    0.60 <= ratio < 0.95            ``acceleration needed``
    0 <= ratio < 0.60               ``limited progress``
    ratio < 0                       ``moving away``
    ratio undefined (one point)     ``insufficient data``
    ==============================  ======================

    Sources: Eurostat, *SDG indicators: methodology for assessing progress* (EU SDG
    monitoring report, annex: "significant progress" >= 95 %, "moderate progress"
    60-95 %, "insufficient progress" 0-60 %, "movement away" < 0 of the required
    rate); Statistics Canada, *Progress measurement for Canada's SDGs* (same
    thresholds: "On track", "Progress made but acceleration needed", "Limited
    progress", "Deterioration"; reproduced in open-sdg ``docs/progress-methodology.md``).
    """
    if achieved:
        return "achieved"
    if _nan(ratio):
        return INSUFFICIENT
    if ratio >= EUROSTAT_ON_TRACK:
        return "on track"
    if ratio >= EUROSTAT_ACCELERATION:
        return "acceleration needed"
    if ratio >= 0:
        return "limited progress"
    return "moving away"


def anticipated_ratio(forecast: float, base_value: float, target: float) -> float:
    """ESCAP anticipated progress ratio: projected change to the target year / needed change.

    ``(forecast - base) / (target - base)``; ``NaN`` when the base already equals the
    target or an input is missing. The sign convention needs no direction flag: for a
    ``<=`` target both numerator and denominator are negative when moving the right way.
    """
    if _nan(forecast) or _nan(base_value) or _nan(target):
        return float("nan")
    gap = float(target) - float(base_value)
    if gap == 0:
        return float("nan")
    return (float(forecast) - float(base_value)) / gap


def anticipated_label(ratio: float, *, achieved: bool = False, base_met: bool = False,
                      forecast_met: bool = False) -> str:
    """UN ESCAP / UNSD anticipated progress category.

    ==============================  ==============================
    condition                       label
    ==============================  ==============================
    latest value meets the target   ``achieved``
    ratio >= 0.95                   ``expected to achieve``
    0.10 <= ratio < 0.95            ``acceleration needed``
    ratio < 0.10                    ``stagnation or regression``
    base already met, forecast met  ``expected to achieve``
    base already met, not forecast  ``stagnation or regression``
    ratio undefined (no forecast)   ``insufficient data``
    ==============================  ==============================

    ``base_met``: the base value already met the target, and the latest no longer does. No change
    was needed, so the ratio means nothing (2.1 -> 1.3 against ``>= 2`` gives 8, "expected"); the
    label is read from whether the forecast (``forecast_met``) meets the target.

    Source: UN ESCAP, *Asia and the Pacific SDG Progress Report*, annex "Technical
    notes - methodology to measure progress" (Anticipated Progress Index: the
    indicator value projected to the target year by (time-weighted) trend, compared
    with the change needed from the base year). The three category names follow the
    brief of this suite ("target expected to be achieved", "progress but acceleration
    needed", "stagnation or regression"); the exact wording in ESCAP's report could not
    be verified offline. Here the projection is the forecast model's mean at the
    deadline (:mod:`analysis.model.forecast`), not ESCAP's weighted regression.
    """
    if achieved:
        return "achieved"
    if base_met:
        return "expected to achieve" if forecast_met else "stagnation or regression"
    if _nan(ratio):
        return INSUFFICIENT
    if ratio >= ANTICIPATED_EXPECTED:
        return "expected to achieve"
    if ratio >= ANTICIPATED_PROGRESS:
        return "acceleration needed"
    return "stagnation or regression"


def schedule_label(progress_share: float, time_share: float, *, achieved: bool = False,
                   base_met: bool = False, tolerance: float = SCHEDULE_TOLERANCE) -> str:
    """序时进度 (schedule) check used in Chinese plan evaluation.

    Compares the share of the way from baseline to target covered
    (``progress_share``) with the share of the plan period elapsed since the baseline
    year (``time_share``); see :func:`analysis.model.trends.schedule`.

    ==============================================  ======================
    condition                                       label
    ==============================================  ======================
    latest value meets the target                   ``achieved``
    progress >= time + tolerance                    ``ahead of schedule``
    time - tolerance <= progress < time + tolerance ``on schedule``
    progress < time - tolerance                     ``behind schedule``
    base already met, latest no longer (base_met)   ``behind schedule``
    no time elapsed / not computable                ``insufficient data``
    ==============================================  ======================

    ``tolerance`` defaults to 0.05 (5 percentage points), this suite's choice (no
    published threshold exists). Source: the 序时进度 / "时间过半、任务过半" (half the
    time, half the work) convention of Chinese government target monitoring and plan
    mid-term evaluation: a target is on schedule when the share of the task done is at
    least the share of the period elapsed.
    """
    if achieved:
        return "achieved"
    if base_met and not _nan(time_share) and time_share > 0:
        return "behind schedule"  # it had met the target and fell back: no share of the way means anything
    if _nan(progress_share) or _nan(time_share) or time_share <= 0:
        return INSUFFICIENT
    if progress_share >= time_share + tolerance:
        return "ahead of schedule"
    if progress_share >= time_share - tolerance:
        return "on schedule"
    return "behind schedule"


def milestone_label(series: pd.Series, target: float, comparator: str = ">=") -> tuple[str, int | None]:
    """A milestone ("establish 1 incubator"): ``("achieved", year first reached)`` or ``("not yet", None)``.

    Growth rates of 0 -> 1 series mean nothing, so milestones get this label in every
    label column instead of the growth-based rules.
    """
    year = trends.first_year_met(series, target, comparator)
    return ("achieved", year) if year is not None else ("not yet", None)


def status_rule(*, met_now: bool, counts_now: bool, deadline_reached: bool, n_points: int,
                prob_meet: float) -> str:
    """A status for one value judged as of now (the scenario explorer's rule).

    The scorecard itself uses one rule per stage of the plan (deadline observed -> achieved /
    not achieved; deadline passed unreported -> deadline year not reported; a stock met
    early -> achieved; before the deadline -> :func:`status_labels`), see
    :mod:`analysis.model.scorecard`. This scalar rule:

    1. ``achieved`` if the latest value meets the target and that counts now: the
       indicator is a stock (``counts_now``), or the deadline year has been observed;
    2. ``not achieved`` if the deadline year has been observed and the target is not met (an
       outcome, as the scorecard says it: "off track" is a forecast's word, stop 43);
    3. ``insufficient data`` if fewer than 3 observations (or no probability);
    4. by the probability of meeting the target at the deadline:
       ``>= 0.8`` on track; ``0.2 <= p < 0.8`` at risk; ``< 0.2`` off track.
    """
    if met_now and (counts_now or deadline_reached):
        return "achieved"
    if deadline_reached:
        return NOT_ACHIEVED
    if n_points < MIN_POINTS or _nan(prob_meet):
        return INSUFFICIENT
    if prob_meet >= STATUS_ON_TRACK:
        return "on track"
    if prob_meet >= STATUS_AT_RISK:
        return "at risk"
    return "off track"


# ------------------------------------------------------------------ arrays (vectorised)
# The same rules as the scalar functions above, for whole columns at once (the scorecard).
def _arr(x) -> np.ndarray:
    return np.asarray(x, dtype=float)


def eurostat_labels(ratio, *, achieved) -> np.ndarray:
    """:func:`eurostat_label` for arrays."""
    r = _arr(ratio)
    with np.errstate(invalid="ignore"):
        out = np.select([np.asarray(achieved, bool), np.isnan(r), r >= EUROSTAT_ON_TRACK,
                         r >= EUROSTAT_ACCELERATION, r >= 0],
                        ["achieved", INSUFFICIENT, "on track", "acceleration needed", "limited progress"],
                        "moving away")
    return out.astype(object)


def anticipated_labels(ratio, *, achieved, base_met=False, forecast_met=False) -> np.ndarray:
    """:func:`anticipated_label` for arrays (``base_met`` and ``forecast_met`` as there)."""
    r = _arr(ratio)
    fell_back = np.asarray(base_met, bool)
    with np.errstate(invalid="ignore"):
        out = np.select([np.asarray(achieved, bool), fell_back & np.asarray(forecast_met, bool), fell_back,
                         np.isnan(r), r >= ANTICIPATED_EXPECTED, r >= ANTICIPATED_PROGRESS],
                        ["achieved", "expected to achieve", "stagnation or regression", INSUFFICIENT,
                         "expected to achieve", "acceleration needed"],
                        "stagnation or regression")
    return out.astype(object)


def schedule_labels(progress_share, time_share, *, achieved, base_met=False,
                    tolerance: float = SCHEDULE_TOLERANCE) -> np.ndarray:
    """:func:`schedule_label` for arrays (``base_met`` as there)."""
    p, tm = _arr(progress_share), _arr(time_share)
    with np.errstate(invalid="ignore"):
        out = np.select([np.asarray(achieved, bool), np.asarray(base_met, bool) & (tm > 0),
                         np.isnan(p) | np.isnan(tm) | (tm <= 0),
                         p >= tm + tolerance, p >= tm - tolerance],
                        ["achieved", "behind schedule", INSUFFICIENT, "ahead of schedule", "on schedule"],
                        "behind schedule")
    return out.astype(object)


def status_labels(*, n_points, prob_meet) -> np.ndarray:
    """The forecast part of the status rule (before the deadline), for arrays.

    Fewer than :data:`MIN_POINTS` observations or no probability: ``insufficient data``;
    else ``>= 0.8`` on track, ``0.2 <= p < 0.8`` at risk, ``< 0.2`` off track.
    """
    p = _arr(prob_meet)
    with np.errstate(invalid="ignore"):
        out = np.select([(np.asarray(n_points) < MIN_POINTS) | np.isnan(p), p >= STATUS_ON_TRACK,
                         p >= STATUS_AT_RISK], [INSUFFICIENT, "on track", "at risk"], "off track")
    return out.astype(object)


# ---------------------------------------------------------------- comparing the rules
#: Every label mapped onto one ordinal scale, for comparing the rules.
GRADES: dict[str, str] = {
    "achieved": "achieved",
    "on track": "on track", "expected to achieve": "on track", "ahead of schedule": "on track",
    "on schedule": "on track",
    "acceleration needed": "at risk", "at risk": "at risk",
    "not yet": INSUFFICIENT,  # a milestone not reached is not a graded judgement
    "limited progress": "off track", "moving away": "off track", "stagnation or regression": "off track",
    "behind schedule": "off track", "off track": "off track", "not achieved": "off track",
    "deadline year not reported": INSUFFICIENT,
    INSUFFICIENT: INSUFFICIENT,
}
#: The three published labels and the status, in the order figures show them.
LABEL_COLUMNS = ("eurostat_label", "anticipated_label", "schedule_label", "status")


def label_agreement(scorecard) -> pd.DataFrame:
    """The three labels and the status on one ordinal scale (:data:`GRADES`), and whether they agree.

    Parameters
    ----------
    scorecard : Scorecard or DataFrame
        :func:`analysis.model.scorecard.assess` (or its ``.table``).

    Returns
    -------
    DataFrame
        ``region, indicator_id, name_zh, name_en``, the four label columns, ``<column>_grade``
        for each, ``agree`` (True when the three published labels' informative grades - not
        "insufficient data" or a milestone's "not yet" - are all the same) and
        ``status_agrees`` (the status has the same grade as every informative label).
    """
    df = getattr(scorecard, "table", scorecard)
    out = df[["region", "indicator_id", "name_zh", "name_en", *LABEL_COLUMNS]].copy()
    for c in LABEL_COLUMNS:
        out[f"{c}_grade"] = out[c].map(GRADES).fillna(INSUFFICIENT)
    grades = out[[f"{c}_grade" for c in LABEL_COLUMNS[:3]]]
    sets = [set(g) - {INSUFFICIENT} for g in grades.itertuples(index=False)]
    out["agree"] = [len(g) <= 1 for g in sets]
    out["status_agrees"] = [g <= {st} for g, st in zip(sets, out["status_grade"])]
    return out


def is_illustrative(data) -> bool:
    """Whether a frame (or a scorecard) holds the bundled illustrative data.

    A :class:`~analysis.model.scorecard.Scorecard`'s ``illustrative`` attribute, else
    ``data.attrs["illustrative"]`` when set, else True when a ``source`` column says
    "illustrative" / "示例".
    """
    if isinstance(getattr(data, "illustrative", None), bool):
        return bool(data.illustrative)
    if "illustrative" in getattr(data, "attrs", {}):
        return bool(data.attrs["illustrative"])
    if "source" in getattr(data, "columns", ()):
        src = data["source"].astype(str)
        return bool(src.str.contains("illustrative", case=False).any() or src.str.contains("示例").any())
    return False


#: The label table's columns (:func:`label_view`): (column, header key).
_VIEW_COLUMNS = (("region", "scorecard.col.region"), ("name", "scorecard.col.indicator"),
                 ("growth_ratio", "scorecard.col.growth_ratio"), ("eurostat_label", "scorecard.col.eurostat"),
                 ("anticipated_ratio", "scorecard.col.anticipated_ratio"), ("anticipated_label", "scorecard.col.escap"),
                 ("progress_share", "scorecard.col.progress_share"), ("time_share", "scorecard.col.time_share"),
                 ("schedule_label", "scorecard.col.schedule"), ("status", "scorecard.col.status"))


def label_view(scorecard, lang: str = "zh", *, disagreeing: bool = False) -> pd.DataFrame:
    """The three progress labels, their ratios and the status, every word in ``lang`` (the
    notebook's table; ratios rounded to 2 decimals). ``disagreeing``: only the targets whose
    labels and status disagree (:func:`label_agreement`)."""
    df = getattr(scorecard, "table", scorecard)
    if disagreeing:
        agree = label_agreement(scorecard)
        df = df.loc[~agree["agree"].to_numpy()]
    cols = {"region": df["region"], "name": df.get(f"name_{lang}", df["indicator_id"]),
            "growth_ratio": df["growth_ratio"].round(2), "eurostat_label": df["eurostat_label"].map(
                lambda x: label_name(x, lang)), "anticipated_ratio": df["anticipated_ratio"].round(2),
            "anticipated_label": df["anticipated_label"].map(lambda x: label_name(x, lang)),
            "progress_share": df["progress_share"].round(2), "time_share": df["time_share"].round(2),
            "schedule_label": df["schedule_label"].map(lambda x: label_name(x, lang)),
            "status": df["status"].map(lambda s: vocab.status_name(s, lang))}
    keep = [(c, k) for c, k in _VIEW_COLUMNS if c != "region" or df["region"].nunique() > 1]
    return pd.DataFrame({t(k, lang): cols[c].to_numpy() for c, k in keep})
