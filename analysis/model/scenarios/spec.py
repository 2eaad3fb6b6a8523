"""The scenario file: a small JSON object that reproduces one "what if".

``{"version", "region", "indicator_id", "scenario_type", "params", "weights", "seed",
"lang"}``. Every key is applied or reported: unknown keys, wrong types, numbers out
of range (huge numbers included) become :class:`~analysis.errors.Problem` s in the
reader's language, raised together as one :class:`~analysis.errors.InputError`.

Reading is from text or bytes (an upload); writing is to text (a download) or, for
library users, to a path they choose (:meth:`Scenario.save`). The served app never
passes a path from the page to this module.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import numpy as np

from analysis import config
from analysis.errors import InputError, Problem, display_name
from analysis.i18n import t
from analysis.io.atomic import atomic_write

__all__ = [
    "SCENARIO_VERSION", "SCENARIO_TYPES", "PARAMS", "COMMON_PARAMS", "SCENARIO_KEYS", "LIMITS", "MAX_WEIGHT",
    "MAX_FILE_BYTES", "Scenario", "check_params", "check_weights", "is_number",
]

#: Version of the scenario JSON format.
SCENARIO_VERSION: int = 1
SCENARIO_TYPES: tuple[str, ...] = ("trend", "growth", "additions", "certificates", "per_capita", "stock")
#: Parameters each scenario type accepts (``as_of`` and ``n_sims`` are accepted by all).
PARAMS: dict[str, tuple[str, ...]] = {
    "trend": ("model",),
    "growth": ("rate", "sd"),
    "additions": ("per_year", "sd"),
    "certificates": ("new_per_year", "renewal_rate", "validity", "cohorts"),
    "per_capita": ("grants_per_year", "lapse_rate", "population_change"),
    "stock": ("per_year", "closure_rate"),
}
#: Accepted by every type: the last year of history used and the Monte Carlo paths.
COMMON_PARAMS: tuple[str, ...] = ("as_of", "n_sims")
#: The keys of a scenario file.
SCENARIO_KEYS: tuple[str, ...] = ("version", "region", "indicator_id", "scenario_type", "params", "weights",
                                  "seed", "lang")
#: Closed ranges of every numeric parameter (huge numbers would overflow the engine).
#: The simulations' seed when a scenario names none (the app's and the report's default alike).
DEFAULT_SEED = 2019
LIMITS: dict[str, tuple[float, float]] = {
    "rate": (-0.99, 10.0), "sd": (0.0, 10.0), "per_year": (-1e12, 1e12), "new_per_year": (0.0, 1e7),
    "grants_per_year": (0.0, 1e7), "renewal_rate": (0.0, 1.0), "lapse_rate": (0.0, 1.0),
    "closure_rate": (0.0, 1.0), "population_change": (-0.5, 0.5), "validity": (1, 50),
    "n_sims": (1, 100_000), "as_of": (1900, 2100), "seed": (0, 2**32 - 1), "cohort": (0.0, 1e9),
}
#: Largest weight of one target in the composite score.
MAX_WEIGHT: float = 1000.0
#: Largest scenario file read (an upload of more is refused before parsing).
MAX_FILE_BYTES: int = 64 * 1024
_WHOLE = ("validity", "n_sims", "as_of")


def is_number(v) -> bool:
    """A finite int or float (not a bool)."""
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) \
        and math.isfinite(float(v))


def _jsonable(obj):
    if isinstance(obj, Mapping):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        return float(obj)
    return obj


def _range_problem(source: str, col: str, key: str, v: float, lang: str) -> Problem | None:
    lo, hi = LIMITS[key]
    if key in _WHOLE and v != int(v):
        return Problem.said(source, None, col, "scenarios.err_whole", lang=lang, lo=f"{lo:g}", hi=f"{hi:g}",
                            value=f"{v:g}")
    if not lo <= v <= hi:
        return Problem.said(source, None, col, "scenarios.err_range", lang=lang, lo=f"{lo:g}", hi=f"{hi:g}",
                            value=f"{v:g}")
    return None


def check_params(stype: str, params: Mapping, source: str = "scenario", lang: str = "zh") -> list[Problem]:
    """Every problem of ``params`` for a ``stype`` scenario (unknown keys, types, ranges)."""
    problems = []
    allowed = set(PARAMS[stype]) | set(COMMON_PARAMS)
    for k, v in params.items():
        col = f"params.{k}"
        if k not in allowed:
            problems.append(Problem.said(source, None, col, "scenarios.err_param", lang=lang, type=stype,
                                         allowed=", ".join(sorted(allowed))))
            continue
        if v is None:
            continue
        if k == "model":
            if not isinstance(v, str):
                problems.append(Problem.said(source, None, col, "scenarios.err_text", lang=lang, value=repr(v)[:40]))
            continue
        if k == "cohorts":
            problems += _check_cohorts(v, source, col, lang)
            continue
        if not is_number(v):
            problems.append(Problem.said(source, None, col, "scenarios.err_number", lang=lang, value=repr(v)[:40]))
            continue
        p = _range_problem(source, col, k, float(v), lang)
        if p:
            problems.append(p)
    return problems


def _check_cohorts(v, source: str, col: str, lang: str) -> list[Problem]:
    if not isinstance(v, Mapping) or not v:
        return [Problem.said(source, None, col, "scenarios.err_cohorts", lang=lang)]
    out = []
    for y, n in v.items():
        try:
            year = int(str(y))
        except ValueError:
            out.append(Problem.said(source, None, f"{col}.{y}", "scenarios.err_cohorts", lang=lang))
            continue
        if not 1900 <= year <= 2100 or not is_number(n) or not 0 <= float(n) <= LIMITS["cohort"][1]:
            out.append(Problem.said(source, None, f"{col}.{y}", "scenarios.err_cohorts", lang=lang))
    return out


def check_weights(weights, ids=None, *, source: str = "weights", lang: str = "zh") -> dict[str, float]:
    """Check weights (a mapping id -> number in ``[0, MAX_WEIGHT]``, positive total).

    Returns the weights over ``ids`` (missing ids get 1) as a dict; raises
    :class:`InputError` with one problem per bad weight.
    """
    ids = list(ids) if ids is not None else list((weights or {}).keys()) if isinstance(weights, Mapping) else []
    w = {str(i): 1.0 for i in ids}
    if weights is not None and not isinstance(weights, Mapping):
        raise InputError([Problem.said(source, None, "weights", "scenarios.err_weights_map", lang=lang)])
    problems = []
    for k, v in (weights or {}).items():
        col = f"weights.{k}"
        if ids and str(k) not in w:
            problems.append(Problem.said(source, None, col, "scenarios.err_weight_id", lang=lang))
        elif not is_number(v) or not 0 <= float(v) <= MAX_WEIGHT:
            problems.append(Problem.said(source, None, col, "scenarios.err_weight", lang=lang, hi=f"{MAX_WEIGHT:g}",
                                         value=repr(v)[:40]))
        else:
            w[str(k)] = float(v)
    if not problems and not sum(w.values()) > 0:
        problems.append(Problem.said(source, None, "weights", "scenarios.err_weights_total", lang=lang))
    if problems:
        raise InputError(problems)
    return w


# --------------------------------------------------------------------------- the scenario
@dataclass
class Scenario:
    """A reproducible "what if": everything needed to recompute the same numbers.

    Saved as JSON ``{"version", "region", "indicator_id", "scenario_type", "params",
    "weights", "seed", "lang"}`` (:meth:`to_json`, :meth:`from_json`).
    """

    indicator_id: str
    scenario_type: str = "trend"
    params: dict = field(default_factory=dict)
    region: str = config.DEFAULT_REGION
    weights: dict | None = None
    seed: int = DEFAULT_SEED
    lang: str = "zh"
    version: int = SCENARIO_VERSION

    def to_dict(self) -> dict:
        """The JSON-ready dict (keys in the documented order)."""
        return {"version": self.version, "region": self.region, "indicator_id": self.indicator_id,
                "scenario_type": self.scenario_type, "params": _jsonable(self.params),
                "weights": None if self.weights is None else {str(k): float(v) for k, v in self.weights.items()},
                "seed": int(self.seed), "lang": self.lang}

    def to_json(self) -> str:
        """JSON text (UTF-8, Chinese kept readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: Mapping, *, source: str = "scenario", lang: str = "zh") -> "Scenario":
        """Build and check a scenario; :class:`InputError` lists every problem (in ``lang``)."""
        if not isinstance(data, Mapping):
            raise InputError([Problem.said(source, None, None, "scenarios.err_object", lang=lang)])
        problems: list[Problem] = []

        def bad(key, key_msg, **kw):
            problems.append(Problem(source, None, key, t(key_msg, lang, **kw)))

        version = data.get("version", SCENARIO_VERSION)
        if version != SCENARIO_VERSION or isinstance(version, bool):
            bad("version", "scenarios.err_version", value=repr(version)[:40], version=SCENARIO_VERSION)
        for k in sorted(set(map(str, data)) - set(SCENARIO_KEYS)):
            bad(k, "scenarios.err_key", allowed=", ".join(SCENARIO_KEYS))
        ind = data.get("indicator_id")
        if not isinstance(ind, str) or not ind.strip():
            bad("indicator_id", "scenarios.err_indicator")
        stype = data.get("scenario_type", "trend")
        if not isinstance(stype, str) or stype not in SCENARIO_TYPES:
            bad("scenario_type", "scenarios.err_type", allowed=", ".join(SCENARIO_TYPES), value=repr(stype)[:40])
        params = data.get("params") or {}
        if not isinstance(params, Mapping):
            bad("params", "scenarios.err_params")
            params = {}
        elif isinstance(stype, str) and stype in PARAMS:
            problems += check_params(stype, params, source, lang)
        region = data.get("region", config.DEFAULT_REGION)
        if not isinstance(region, str) or not region.strip():
            bad("region", "scenarios.err_region")
        seed = data.get("seed", DEFAULT_SEED)
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= LIMITS["seed"][1]:
            bad("seed", "scenarios.err_seed", hi=f"{LIMITS['seed'][1]:d}", value=repr(seed)[:40])
        lang_ = data.get("lang", "zh")
        if lang_ not in ("zh", "en"):
            bad("lang", "scenarios.err_lang", value=repr(lang_)[:40])
        weights = data.get("weights")
        if weights is not None:
            try:
                check_weights(weights, source=source, lang=lang)
            except InputError as exc:
                problems += exc.problems
        if problems:
            raise InputError(problems)
        return cls(indicator_id=ind, scenario_type=stype, params=dict(params), region=region,
                   weights=None if weights is None else {str(k): float(v) for k, v in weights.items()},
                   seed=int(seed), lang=lang_, version=int(version))

    @classmethod
    def from_json(cls, text: str | bytes, *, source: str = "scenario", lang: str = "zh") -> "Scenario":
        """Parse JSON text or UTF-8 bytes (see :meth:`from_dict`)."""
        if isinstance(text, (bytes, bytearray, memoryview)):
            raw = bytes(text)
            if len(raw) > MAX_FILE_BYTES:
                raise InputError([Problem.said(source, None, None, "scenarios.err_too_big", lang=lang,
                                               kb=MAX_FILE_BYTES // 1024)])
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise InputError([Problem.said(source, None, None, "scenarios.err_encoding", lang=lang)]) from None
        try:
            data = json.loads(text, parse_constant=_no_constant)
        except (json.JSONDecodeError, ValueError, RecursionError) as exc:
            line = getattr(exc, "lineno", None)
            raise InputError([Problem.said(source, line, None, "scenarios.err_json", lang=lang)]) from None
        return cls.from_dict(data, source=source, lang=lang)

    def save(self, path: str | Path) -> Path:
        """Write the scenario as JSON to a path the *library user* chose (atomically).

        The served explorer never calls this: it offers the JSON as a download.
        """
        path = Path(path)
        with atomic_write(path) as fh:
            fh.write(self.to_json())
        return path

    @classmethod
    def load(cls, path: str | Path, *, lang: str = "zh") -> "Scenario":
        """Read a scenario JSON file (:class:`InputError` when missing or invalid)."""
        path = Path(path)
        shown = display_name(path)
        try:
            raw = path.read_bytes()
        except OSError:
            raise InputError([Problem.said(shown, None, None, "scenarios.err_read", lang=lang)]) from None
        return cls.from_json(raw, source=shown, lang=lang)


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")
