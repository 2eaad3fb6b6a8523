"""Scenarios: "what if" paths to a target's deadline, and the composite score (考核评分).

Pure model code, no widgets and no charts (charts: :mod:`analysis.viz.scenarios`; the
app: :mod:`analysis.app.explorer`). Everything is vectorised with numpy so one scenario
with its Monte Carlo runs in a few milliseconds.

========================  ==================================================================
module                    job
========================  ==================================================================
:mod:`.spec`              the scenario JSON file: :class:`Scenario`, checks, limits
:mod:`.engine`            the engine: :func:`run`, defaults, the paths, band and probability
:mod:`.flows`             the stock-flow arithmetic: paths, certificate cohorts, stocks
:mod:`.result`            what a run gives: :class:`ScenarioResult`
:mod:`.text`              the answer sentence, what is still required, pace labels
:mod:`.score`             progress per target, :func:`score`, :func:`sensitivity`
:mod:`.questions`         the researchers' three questions
========================  ==================================================================
"""

from __future__ import annotations

from analysis.model.scenarios import text
from analysis.model.scenarios.engine import (
    BAND, CERTIFICATE_VALIDITY, DEFAULT_CLOSURE_RATE, DEFAULT_LAPSE_RATE, DEFAULT_N_SIMS, DEFAULT_RENEWAL_RATE,
    EXTRA_YEARS, PACE_PARAM, additions_path, certificate_flows, certificate_validity,
    compound_path, data_as_of, default_basis, default_params, defaults, history_for, infer_cohorts, population_path, required_params, run, run_for,
    scenario_types, stock_flow,
)
from analysis.model.scenarios.questions import (
    QUESTION_COMPARE, QUESTIONS, QuestionAnswer, question_results, questions,
)
from analysis.model.scenarios.result import ScenarioResult
from analysis.model.scenarios.score import (
    SENSITIVITY_DRAWS, ScoreResult, SensitivityResult, equal_weights, latest_values, progress, progress_table, score,
    sensitivity, validate_weights,
)
from analysis.model.scenarios.spec import (
    COMMON_PARAMS, DEFAULT_SEED, LIMITS, MAX_FILE_BYTES, MAX_WEIGHT, PARAMS, SCENARIO_KEYS, SCENARIO_TYPES,
    SCENARIO_VERSION, Scenario, check_params, check_weights,
)

__all__ = [
    "SCENARIO_VERSION", "SCENARIO_TYPES", "SCENARIO_KEYS", "PARAMS", "COMMON_PARAMS", "LIMITS", "MAX_WEIGHT",
    "MAX_FILE_BYTES", "DEFAULT_N_SIMS", "EXTRA_YEARS", "BAND", "DEFAULT_RENEWAL_RATE", "DEFAULT_LAPSE_RATE",
    "DEFAULT_CLOSURE_RATE", "CERTIFICATE_VALIDITY", "PACE_PARAM", "DEFAULT_SEED", "SENSITIVITY_DRAWS",
    "Scenario", "ScenarioResult", "scenario_types", "certificate_validity", "check_params", "check_weights",
    "history_for", "data_as_of", "default_params", "default_basis", "defaults", "run", "run_for",
    "compound_path", "additions_path", "infer_cohorts", "certificate_flows", "stock_flow", "population_path",
    "progress", "progress_table", "validate_weights", "equal_weights", "ScoreResult", "score",
    "SensitivityResult", "sensitivity", "QUESTIONS", "questions", "QUESTION_COMPARE", "QuestionAnswer",
    "question_results", "required_params", "latest_values", "text",
]
