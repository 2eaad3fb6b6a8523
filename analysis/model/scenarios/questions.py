"""The researchers' three questions, answered from the data by the scenario engine."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis import config
from analysis.errors import InputError
from analysis.i18n import t
from analysis.io import catalogue, dataset
from analysis.model.scenarios.engine import data_as_of, history_for, required_params, run
from analysis.model.scenarios import text
from analysis.model.scenarios.result import ScenarioResult
from analysis.model.scenarios.spec import Scenario

__all__ = ["QUESTIONS", "QUESTION_COMPARE", "QuestionAnswer", "question_results", "questions"]

#: The researchers' three questions, as scenarios: (question key, indicator, scenario spec).
QUESTIONS: tuple[tuple[str, str, str, dict], ...] = (
    (t("scenarios.q_turnover", "zh"), t("scenarios.q_turnover", "en"),
     "tech_contract_turnover", {"scenario_type": "growth", "params": {"rate": 0.15}}),
    (t("scenarios.q_high_tech", "zh"), t("scenarios.q_high_tech", "en"),
     "high_tech_enterprises", {"scenario_type": "certificates", "params": {}}),
    (t("scenarios.q_patents", "zh"), t("scenarios.q_patents", "en"),
     "invention_patents_per_10k", {"scenario_type": "per_capita", "params": {"population_change": -0.01}}),
)
#: What each question is compared with in the questions figure: parameter overrides of
#: the question's scenario, or ``"required"`` (the pace that meets the target exactly at
#: the deadline, :attr:`ScenarioResult.required`).
QUESTION_COMPARE: dict[str, tuple] = {
    "tech_contract_turnover": ({"rate": 0.25},),
    "high_tech_enterprises": ("required",),
    "invention_patents_per_10k": ("required",),
}


@dataclass
class QuestionAnswer:
    """One of :data:`QUESTIONS` answered from the data.

    Attributes
    ----------
    indicator_id, question_zh, question_en : str
    result : ScenarioResult
        The question's scenario (parameters the question leaves open come from the data).
    compare : list of ScenarioResult
        What it is compared with (:data:`QUESTION_COMPARE`): another parameter value, or
        the pace still required to meet the target exactly at the deadline.
    compare_kinds : list of str
        ``"required"`` or ``"alternative"``, one per ``compare`` entry.
    """

    indicator_id: str
    question_zh: str
    question_en: str
    result: ScenarioResult
    compare: list = field(default_factory=list)
    compare_kinds: list = field(default_factory=list)

    def question(self, lang: str = "zh") -> str:
        """The question in ``lang``."""
        return {"zh": self.question_zh, "en": self.question_en}[lang]


def question_results(obs: pd.DataFrame | None = None, targets: pd.DataFrame | None = None, *,
                     population: pd.Series | None = None, region: str = config.DEFAULT_REGION,
                     lang: str = "zh", seed: int = 2019, compare: bool = True) -> list[QuestionAnswer]:
    """Run :data:`QUESTIONS` (and, with ``compare``, their comparisons) on the data.

    Questions whose indicator is not in the catalogue or has no observations in
    ``region`` (or, for per-capita questions, no population series) are left out, so
    the list may be empty for another plan's catalogue.
    """
    targets = targets if targets is not None else catalogue.load_targets()
    obs = dataset.load_observations() if obs is None else obs
    ids = set(targets["id"])
    as_of = data_as_of(obs)  # which deadlines have passed: the whole file's, as the scorecard takes it
    out: list[QuestionAnswer] = []
    for q_zh, q_en, ind, spec in QUESTIONS:
        if ind not in ids:
            continue
        sc = Scenario(indicator_id=ind, region=region, seed=seed, lang=lang, **spec)
        pop = population
        if sc.scenario_type == "per_capita" and pop is None:
            try:
                pop = dataset.load_population(region)
            except (KeyError, FileNotFoundError, InputError):
                continue
        h = history_for(obs, region, ind)
        if h.empty:
            continue
        meta = catalogue.target(targets, ind)
        res = run(sc, h, meta, population=pop, as_of=as_of)
        qa = QuestionAnswer(ind, q_zh, q_en, res)
        for c in (QUESTION_COMPARE.get(ind, ()) if compare else ()):
            if c == "required":
                # solve on the completed (saved, rounded) parameters the comparison runs with
                again = run(Scenario(indicator_id=ind, scenario_type=sc.scenario_type, params=res.scenario.params,
                                     region=region, seed=seed, lang=lang), h, meta, population=pop,
                            as_of=as_of)
                params = required_params(again)
            else:
                params = {**res.scenario.params, **dict(c)}
            if params is None:
                continue
            other = Scenario(indicator_id=ind, scenario_type=sc.scenario_type, params=params, region=region,
                             seed=seed, lang=lang)
            qa.compare.append(run(other, h, meta, population=pop, as_of=as_of))
            qa.compare_kinds.append("required" if c == "required" else "alternative")
        out.append(qa)
    return out


def questions(obs: pd.DataFrame | None = None, targets: pd.DataFrame | None = None, *,
              population: pd.Series | None = None, region: str = config.DEFAULT_REGION,
              lang: str = "zh", seed: int = 2019) -> pd.DataFrame:
    """Answer :data:`QUESTIONS` (those whose indicator is in the catalogue and the data).

    Returns a table with one row per question and the columns question, answer, still
    required, probability, headed in ``lang`` (问题, 回答, 仍需, 按期达标概率).
    """
    cols = [t(f"scenarios.col_{c}", lang) for c in ("question", "answer", "still_required", "probability")]
    rows = []
    for qa in question_results(obs, targets, population=population, region=region, lang=lang, seed=seed,
                               compare=False):
        res = qa.result
        rows.append([qa.question(lang), res.sentence(lang), res.required_sentence(lang),
                     text.probability_text(res, lang)])
    return pd.DataFrame(rows, columns=cols)
