"""The composite score (考核评分): progress per target, weighted, ranked, perturbed.

:func:`progress_table` turns values into per-target progress (capped at 1),
:func:`score` weights them (equal by default) into a total and a ranking of tasks or
sectors, and :func:`sensitivity` shows how the total and the ranking move when the
weights are perturbed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis import config
from analysis.errors import InputError, Problem
from analysis.i18n import t
from analysis.model.scenarios.spec import DEFAULT_SEED, check_weights

__all__ = ["progress", "progress_table", "equal_weights", "validate_weights", "ScoreResult", "score",
           "SensitivityResult", "sensitivity", "latest_values"]


def progress(values, targets, comparators=">=") -> np.ndarray:
    """Progress towards each target, capped to [0, 1] (NaN where the value is missing).

    ``>=`` targets: ``value / target``; ``<=`` targets: 1 when the value is at or
    below the target, else ``target / value``. A non-positive target counts as met
    (1) once the value meets it and 0 otherwise.
    """
    v = np.asarray(values, dtype=float)
    t = np.broadcast_to(np.asarray(targets, dtype=float), v.shape)
    c = np.broadcast_to(np.asarray(comparators, dtype=object), v.shape)
    hi = c == ">="
    with np.errstate(divide="ignore", invalid="ignore"):
        p_hi = np.where(t > 0, v / t, np.where(v >= t, 1.0, 0.0))
        p_lo = np.where(v <= t, 1.0, np.where(v > 0, t / v, 0.0))
    p = np.where(hi, p_hi, p_lo)
    p = np.clip(p, 0.0, 1.0)
    return np.where(np.isnan(v), np.nan, p)


def progress_table(values: Mapping[str, float] | pd.Series, targets: pd.DataFrame) -> pd.DataFrame:
    """Per-target progress from one value per indicator.

    Parameters
    ----------
    values : mapping or Series indicator_id -> value (e.g. the scorecard's
        ``last_value`` or a scenario's value at the deadline); missing ids give NaN.
    targets : DataFrame
        The catalogue (:func:`analysis.io.catalogue.load_targets`).

    Returns
    -------
    DataFrame with ``indicator_id, name_zh, name_en, task, sectors, target, comparator,
    value, progress`` in catalogue order.
    """
    vals = pd.Series(values, dtype="float64") if not isinstance(values, pd.Series) else values.astype(float)
    t = targets
    v = t["id"].map(vals).astype(float).to_numpy()
    out = pd.DataFrame({
        "indicator_id": t["id"].astype(str).to_numpy(),
        "name_zh": t["name_zh"].astype(str).to_numpy(),
        "name_en": t["name_en"].astype(str).to_numpy() if "name_en" in t else t["id"].astype(str).to_numpy(),
        "task": t["task"].astype(str).to_numpy() if "task" in t else "",
        "sectors": t["sectors"].astype(str).to_numpy() if "sectors" in t else "",
        "target": t["value"].astype(float).to_numpy(),
        "comparator": t["comparator"].astype(str).to_numpy(),
        "value": v,
    })
    out["progress"] = progress(v, out["target"].to_numpy(), out["comparator"].to_numpy())
    return out


def equal_weights(ids: Sequence[str]) -> dict[str, float]:
    """Weight 1 for every indicator."""
    return {str(i): 1.0 for i in ids}


def validate_weights(weights: Mapping[str, float] | None, ids: Sequence[str] | None = None, *,
                     source: str = "weights", lang: str = "zh") -> pd.Series:
    """Check weights and return them as a Series over ``ids`` (missing ids get weight 1).

    Every weight must be a finite number in ``[0, MAX_WEIGHT]`` and the total must be
    positive (:func:`analysis.model.scenarios.spec.check_weights`).

    Raises
    ------
    InputError
        One problem per bad weight, or "weights must sum to a positive total".
    """
    return pd.Series(check_weights(weights, ids, source=source, lang=lang), dtype="float64")


def _groups_of(table: pd.DataFrame, by: str) -> list[list[str]]:
    if by == "indicator":
        return [[i] for i in table["indicator_id"]]
    if by == "task":
        return [[str(t) if str(t) else "—"] for t in table["task"]]
    if by == "sector":
        return [[s for s in str(x).split(";") if s.strip()] for x in table["sectors"]]
    raise ValueError(f"by must be indicator, task or sector, got {by!r}")


def _membership(table: pd.DataFrame, by: str) -> tuple[list[str], np.ndarray]:
    gl = _groups_of(table, by)
    names: list[str] = []
    for g in gl:
        for x in g:
            if x not in names:
                names.append(x)
    m = np.zeros((len(names), len(table)))
    for j, g in enumerate(gl):
        for x in g:
            m[names.index(x), j] = 1.0
    return names, m


def _scores(prog: np.ndarray, w: np.ndarray, member: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Totals and group scores for weight matrices ``w`` of shape (k, n_items). A target without a
    value scores 0 and keeps its weight (考核: what is not reported earns nothing; leaving it out
    had a district that reported 10 of 21 targets score 79.6 % against 65.9 % with all 21)."""
    ok = ~np.isnan(prog)
    p = np.where(ok, prog, 0.0)
    wk = w * np.ones_like(prog)
    with np.errstate(invalid="ignore", divide="ignore"):
        total = (wk * p).sum(axis=-1) / wk.sum(axis=-1)
        gw = wk @ member.T
        gs = ((wk * p) @ member.T) / gw
    return total, gs


def _rank(scores: np.ndarray) -> np.ndarray:
    """Ranks (1 = best) along the last axis; ties share the better rank; NaN scores get NaN."""
    s = np.where(np.isnan(scores), -np.inf, scores)
    r = ((s[..., None, :] > s[..., :, None]).sum(axis=-1) + 1).astype(float)
    return np.where(np.isnan(scores), np.nan, r)


@dataclass
class ScoreResult:
    """The composite score.

    Attributes
    ----------
    total : float
        Weighted mean progress (0..1) over every target, a target without a value scoring 0.
    items : DataFrame
        Per target: ``indicator_id, name_zh, name_en, value, target, progress, weight,
        share`` (the normalised weight) and ``contribution`` (share x progress).
    groups : DataFrame
        Per task or sector: ``group, weight, score, rank`` (rank 1 = best).
    by : str
    n_missing : int
        Targets without a value (scored 0, their weight kept: said under the figure's title).
    """

    total: float
    items: pd.DataFrame
    groups: pd.DataFrame
    by: str
    n_missing: int


def score(table: pd.DataFrame, weights: Mapping[str, float] | None = None, *, by: str = "task") -> ScoreResult:
    """Composite performance score (考核评分) with a ranking of tasks or sectors.

    Parameters
    ----------
    table : DataFrame
        From :func:`progress_table`.
    weights : mapping indicator_id -> weight, optional
        Equal by default; missing ids get 1. Must be >= 0 with a positive total.
    by : {"task", "sector", "indicator"}
        Grouping for the ranking. A group's score is the weighted mean progress of
        its targets; a target naming several sectors counts in each; targets naming
        no sector are left out of the sector ranking.
    """
    w = validate_weights(weights, table["indicator_id"].tolist()).reindex(table["indicator_id"]).to_numpy()
    prog = table["progress"].to_numpy(dtype=float)
    names, member = _membership(table, by)
    total, gs = _scores(prog, w[None, :], member)
    ok = ~np.isnan(prog)
    share = w / (w.sum() or np.nan)
    items = table[["indicator_id", "name_zh", "name_en", "value", "target", "progress"]].copy()
    items["weight"] = w
    items["share"] = share
    items["contribution"] = share * np.where(ok, prog, 0.0)
    gw = (w[None, :] * member).sum(axis=1)
    groups = pd.DataFrame({"group": names, "weight": gw, "score": gs[0], "rank": _rank(gs[0])})
    groups = groups.sort_values(["rank", "group"], kind="stable").reset_index(drop=True)
    return ScoreResult(total=float(total[0]), items=items, groups=groups, by=by, n_missing=int((~ok).sum()))


@dataclass
class SensitivityResult:
    """How the score moves when the weights are perturbed.

    Attributes
    ----------
    total : dict
        ``base, p05, p50, p95, min, max`` of the total over the perturbed weights.
    groups : DataFrame
        Per group: ``group, score, rank`` (unperturbed), ``reported`` (its targets with a value), ``rank_p05, rank_p95,
        rank_min, rank_max`` and ``p_rank_change`` (share of draws where the rank differs).
    one_at_a_time : DataFrame
        Per target: ``indicator_id, total_down, total_up`` (total with that weight
        alone scaled by ``1 - spread`` and ``1 + spread``) and ``swing``, largest first.
    spread, n, seed
    """

    total: dict
    groups: pd.DataFrame
    one_at_a_time: pd.DataFrame
    spread: float
    n: int
    seed: int
    #: targets without a value (each scored 0)
    n_missing: int = 0


#: Draws of the weight sensitivity in the report's figure and the app alike (the same numbers in both).
SENSITIVITY_DRAWS = 500


def sensitivity(table: pd.DataFrame, weights: Mapping[str, float] | None = None, *, by: str = "task",
                spread: float = 0.2, n: int = SENSITIVITY_DRAWS, seed: int = DEFAULT_SEED) -> SensitivityResult:
    """Perturb every weight by an independent factor drawn uniformly from
    ``[1 - spread, 1 + spread]`` (``n`` draws, seeded) and report the spread of the
    total and of each group's rank; plus a one-at-a-time view per target."""
    if not 0 <= spread < 1:
        raise InputError([Problem.said("weights", None, "spread", "scenarios.err_spread", value=f"{spread:g}")])
    ids = table["indicator_id"].tolist()
    w = validate_weights(weights, ids).reindex(ids).to_numpy()
    prog = table["progress"].to_numpy(dtype=float)
    names, member = _membership(table, by)
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1 - spread, 1 + spread, (n, len(ids)))
    W = w[None, :] * factors
    totals, gs = _scores(prog, W, member)
    base_total, base_gs = _scores(prog, w[None, :], member)
    base_rank = _rank(base_gs[0])
    ranks = _rank(gs)
    qs = np.nanquantile(totals, [0.05, 0.5, 0.95]) if np.isfinite(totals).any() else [np.nan] * 3
    total = {"base": float(base_total[0]), "p05": float(qs[0]), "p50": float(qs[1]), "p95": float(qs[2]),
             "min": float(np.nanmin(totals)) if np.isfinite(totals).any() else float("nan"),
             "max": float(np.nanmax(totals)) if np.isfinite(totals).any() else float("nan")}
    reported = (~np.isnan(prog))[None, :] * member
    groups = pd.DataFrame({
        "group": names, "score": base_gs[0], "rank": base_rank, "reported": reported.sum(axis=1),
        "rank_p05": np.quantile(ranks, 0.05, axis=0), "rank_p95": np.quantile(ranks, 0.95, axis=0),
        "rank_min": ranks.min(axis=0), "rank_max": ranks.max(axis=0),
        "p_rank_change": np.where(np.isnan(base_rank), np.nan,
                                  (ranks != base_rank[None, :]).mean(axis=0)),
    }).sort_values(["rank", "group"], kind="stable").reset_index(drop=True)
    eye = np.eye(len(ids))
    down, _ = _scores(prog, w[None, :] * (1 - spread * eye), member)
    up, _ = _scores(prog, w[None, :] * (1 + spread * eye), member)
    oat = pd.DataFrame({"indicator_id": ids, "total_down": down, "total_up": up})
    oat["swing"] = (oat["total_up"] - oat["total_down"]).abs()
    oat = oat.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
    return SensitivityResult(total=total, groups=groups, one_at_a_time=oat, spread=spread, n=n, seed=seed,
                             n_missing=int(np.isnan(prog).sum()))



def latest_values(obs: pd.DataFrame, region: str = config.DEFAULT_REGION, *,
                  as_of: int | None = None) -> pd.Series:
    """Each indicator's latest observed value in ``region`` (district-level rows), the
    "latest values" basis of the composite score."""
    d = obs.loc[(obs["region"] == region) & obs["value"].notna()]
    if "sector" in d.columns and len(d):
        blank = d["sector"].isna() | (d["sector"].astype(str).str.strip() == "")
        if blank.any():
            d = d.loc[blank]
    if as_of is not None:
        d = d.loc[d["year"].astype(int) <= int(as_of)]
    return d.sort_values("year", kind="stable").groupby("indicator_id")["value"].last().astype(float)

