"""What a scenario run gives: :class:`ScenarioResult` (the path, band, probability, pace, status).

Computed by :func:`analysis.model.scenarios.engine.run`; its sentences come from
:mod:`analysis.model.scenarios.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.i18n import t
from analysis.model.scenarios import text
from analysis.model.scenarios.spec import Scenario

__all__ = ["ScenarioResult"]


@dataclass
class ScenarioResult:
    """The outcome of one scenario.

    Attributes
    ----------
    scenario : Scenario
        With ``params`` completed by the defaults actually used (save it to reproduce).
    history : Series
        Observations used (indexed by year; cut at ``params["as_of"]`` when given).
    years, path, lower, upper : ndarray
        Projected years (after the last observation) with the central path and the
        80 % band.
    target, comparator, deadline, unit, kind, name_zh, name_en
        From the catalogue.
    value_at_deadline : float
    met_at_deadline : bool
    year_reached : int or None
        First year, from the latest observation on, whose value meets the target
        (``None``: not within ``EXTRA_YEARS`` after the deadline).
    years_late : int or None
        ``year_reached - deadline`` when positive, 0 when on time, ``None`` when never.
    probability : float
        Probability of meeting the target at the deadline, consistent with ``status``:
        1 for a stock already achieved, NaN once the deadline has passed (observed or not
        reported: an outcome, not a forecast, as in the scorecard) and when the status is
        "insufficient data" (never "0 %" next to 数据不足).
    required : float
        What is still needed per year from the latest observation to the deadline:
        see ``required_kind`` (``growth`` rate, ``additions``, ``new_certifications``,
        ``grants`` or ``openings`` per year); NaN when no time is left.
    required_growth, required_additions : float
        The compound rate and the absolute addition per year still required.
    flows : DataFrame or None
        Year-by-year flows of stock-flow models (expected values).
    status : str
        Scorecard status by the scorecard's rule: once the deadline has passed ``achieved``,
        ``not achieved`` or ``deadline year not reported``; before it
        :func:`analysis.model.labels.status_rule`.
    notes : list of str
        i18n keys of notes on the result (:meth:`note_texts`).
    stage : str
        The stage of the plan, as the scorecard's ``stage`` column: ``before deadline``,
        ``met early``, ``deadline observed`` or ``deadline not reported``.
    as_of : int or None
        The year the data reach (a deadline at or before it has passed).
    verdict : dict
        The scorecard's end-of-term columns for this series: ``deadline_value``,
        ``completion_rate``, ``gap``, ``before_year``/``before_value``, ``after_year``/``after_value``,
        ``achieved_year``, ``measure``.
    """

    scenario: Scenario
    history: pd.Series
    years: np.ndarray
    path: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    target: float
    comparator: str
    deadline: int
    unit: str
    kind: str
    name_zh: str
    name_en: str
    value_at_deadline: float
    met_at_deadline: bool
    year_reached: int | None
    years_late: int | None
    probability: float
    required: float
    required_kind: str
    required_growth: float
    required_additions: float
    flows: pd.DataFrame | None
    status: str
    notes: list = field(default_factory=list)
    stage: str = "before deadline"
    as_of: int | None = None
    verdict: dict = field(default_factory=dict)

    @property
    def last_year(self) -> int:
        return int(self.history.index[-1])

    @property
    def last_value(self) -> float:
        return float(self.history.iloc[-1])

    @property
    def passed(self) -> bool:
        """Whether the deadline has passed (the data reach it): the answer is then what happened, and
        the scenario only what a pace would give afterwards."""
        return self.stage in ("deadline observed", "deadline not reported") or (
            self.as_of is not None and self.deadline <= self.as_of)

    def row(self) -> dict:
        """This result as one row of the scorecard table (the columns
        :func:`analysis.model.text.target_sentence` reads), so the explorer says the report's sentence."""
        return {"name_zh": self.name_zh, "name_en": self.name_en, "unit": self.unit, "kind": self.kind,
                "target": self.target, "comparator": self.comparator, "deadline": self.deadline,
                "last_year": self.last_year, "last_value": self.last_value, "n_points": len(self.history),
                "status": self.status, "stage": self.stage, "prob_meet": self.probability,
                "as_of": self.as_of, "indicator_id": self.scenario.indicator_id,
                "region": self.scenario.region, **self.verdict}

    def frame(self) -> pd.DataFrame:
        """History and path in one long table: ``year, value, lower, upper, part``."""
        h = pd.DataFrame({"year": self.history.index.astype(int), "value": self.history.to_numpy(),
                          "lower": np.nan, "upper": np.nan, "part": "history"})
        p = pd.DataFrame({"year": self.years.astype(int), "value": self.path, "lower": self.lower,
                          "upper": self.upper, "part": "scenario"})
        return pd.concat([h, p], ignore_index=True)

    def numbers(self) -> dict:
        """The headline numbers (for comparing a saved scenario with its reload)."""
        return {"path": [float(x) for x in self.path], "years": [int(y) for y in self.years],
                "probability": float(self.probability), "year_reached": self.year_reached,
                "met_at_deadline": self.met_at_deadline, "required": float(self.required),
                "value_at_deadline": float(self.value_at_deadline)}

    def sentence(self, lang: str | None = None) -> str:
        """One-sentence answer, e.g. "At 15% a year the target is reached in 2021, one year late."."""
        return text.sentence(self, lang or self.scenario.lang)

    def required_sentence(self, lang: str | None = None) -> str:
        """What is still needed per year to meet the target at the deadline."""
        return text.required_sentence(self, lang or self.scenario.lang)

    def note_texts(self, lang: str | None = None) -> list[str]:
        """The notes in ``lang``."""
        return [t(k, lang or self.scenario.lang) for k in self.notes]
