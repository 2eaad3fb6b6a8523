"""The scorecard: will each target be met?

:func:`assess` gives one row per (region, target): the latest value, the forecast at
the target's deadline with 80 % and 95 % intervals, the probability of meeting the
target, the growth still required and the growth achieved, three published progress
labels (:mod:`analysis.model.labels`) and one scorecard status.

Status rule (pinned in ``tests/test_assess.py``; see ``docs/attainment.md``):

1. **achieved** if the latest value meets the target *and that counts now*: the
   indicator is a *stock* (a count of enterprises or platforms held, patents held per
   10,000 residents, a cumulative count, a milestone), or the deadline year has been
   observed. A *flow* (an annual amount such as technology-contract turnover, or the
   share of a year's GDP) must be met **in the deadline year**; meeting it earlier
   does not make it achieved, its status then comes from the forecast.
2. **off track** if the deadline year has been observed and the target is not met.
3. **insufficient data** if fewer than 3 observations (required growth is still shown).
4. otherwise by ``prob_meet``: >= 0.8 **on track**, 0.2-0.8 **at risk**, < 0.2
   **off track**.

Stock or flow: the catalogue may say so in an optional ``measure`` column
(``stock``/``flow``); otherwise kinds ``level`` (money amounts) and ``share`` are
flows, ``count``, ``ratio`` and ``milestone`` are stocks.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config
from analysis.model import forecast, labels
from analysis.model import trends
from analysis.errors import InputError, Problem

__all__ = ["assess", "cli_assess", "measure_of", "table_view", "COLUMNS", "FLOW_KINDS"]

FLOW_KINDS = ("level", "share")
OBS_COLUMNS = ("indicator_id", "year", "value")

#: Output columns, in order.
COLUMNS = (
    "region", "indicator_id", "name_zh", "name_en", "unit", "kind", "measure", "target", "comparator",
    "deadline", "deadline_assumed", "baseline_year", "baseline_value", "last_year", "last_value",
    "n_points", "achieved_year", "forecast", "lower_80", "upper_80", "lower_95", "upper_95",
    "prob_meet", "required_growth", "required_per_year", "actual_growth", "actual_per_year",
    "growth_from", "growth_basis", "growth_ratio", "anticipated_ratio", "progress_share", "time_share",
    "eurostat_label", "anticipated_label", "schedule_label", "model", "status", "note",
)
_PANEL_COLUMNS = ("model", "forecast", "lower_80", "upper_80", "lower_95", "upper_95", "prob_meet",
                  "insufficient")


def measure_of(meta: pd.Series) -> str:
    """``"stock"`` or ``"flow"`` for one catalogue row (``measure`` column, else by kind)."""
    m = str(meta.get("measure", "") or "").strip().lower()
    if m in ("stock", "flow"):
        return m
    return "flow" if meta.get("kind") in FLOW_KINDS else "stock"


def _load_targets(targets) -> pd.DataFrame:
    from analysis.io import catalogue

    if targets is None or isinstance(targets, (str, Path)):
        return catalogue.load_targets(targets)
    return targets


def _load_files(paths, targets: pd.DataFrame, skip_unknown: bool) -> pd.DataFrame:
    """Several observation files read through the intake and stacked.

    Every file's problems are reported together. A (region, indicator, year) in two files
    must carry the same value (then it is kept once); different values are an error naming
    both files - which figure to believe is the user's call, not ours.
    """
    from analysis.errors import display_name

    frames, problems, skipped = [], [], {}
    for p in paths:
        try:
            df = _load_obs(p, targets, skip_unknown)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        df = df.assign(_file=display_name(p))
        frames.append(df)
        for k, rows in (df.attrs.get("skipped") or {}).items():
            skipped.setdefault(k, []).extend(rows)
    if problems:
        raise InputError(problems)
    out = pd.concat(frames, ignore_index=True)
    key = ["region", "indicator_id", "year"]
    first = out.drop_duplicates(key)
    merged = out.merge(first[key + ["value", "_file"]], on=key, suffixes=("", "_first"))
    clash = merged[(merged["_file"] != merged["_file_first"])
                   & ~np.isclose(merged["value"].astype(float), merged["value_first"].astype(float))]
    if len(clash):
        raise InputError([Problem(r["_file"], None, "value",
                                  f"{r['region']} {r['indicator_id']} {int(r['year'])}: {r['value']:g} here but "
                                  f"{r['value_first']:g} in {r['_file_first']}; keep one of them")
                          for _, r in clash.iterrows()])
    out = first.drop(columns="_file").sort_values(key, kind="stable").reset_index(drop=True)
    out.attrs = dict(frames[0].attrs)
    out.attrs["illustrative"] = any(bool(f.attrs.get("illustrative", False)) for f in frames)
    out.attrs["skipped"] = skipped
    for lang in ("zh", "en"):
        srcs = [f.attrs.get(f"source_{lang}", "") for f in frames]
        out.attrs[f"source_{lang}"] = "; ".join(dict.fromkeys(s for s in srcs if s))
    return out


def _load_obs(obs, targets: pd.DataFrame, skip_unknown: bool = False) -> pd.DataFrame:
    if isinstance(obs, (list, tuple)):
        if len(obs) == 1:
            obs = obs[0]
        else:
            return _load_files(obs, targets, skip_unknown)
    if obs is None or isinstance(obs, (str, Path)):
        from analysis.io import dataset

        df = dataset.load_observations(obs, targets=targets, skip_unknown=skip_unknown)
        if "illustrative" not in df.attrs:
            try:
                prov = dataset.provenance(obs)
                df.attrs.update(illustrative=bool(prov.get("illustrative", False)),
                                source_zh=prov.get("source_zh", ""), source_en=prov.get("source_en", ""))
            except Exception:  # pragma: no cover - provenance is best effort
                pass
        return df
    missing = [c for c in OBS_COLUMNS if c not in obs.columns]
    if missing:
        raise InputError([Problem("<observations>", None, c, "required column is missing") for c in missing])
    df = obs.copy()
    if "illustrative" not in df.attrs:
        from analysis.viz.attainment import is_illustrative

        df.attrs["illustrative"] = is_illustrative(df)
    if "region" not in df.columns:
        df["region"] = config.DEFAULT_REGION
    return df


def _panel(obs: pd.DataFrame, targets: pd.DataFrame, as_of: int | None) -> pd.DataFrame:
    """Vectorised forecasts at each target's deadline, keyed by (region, indicator_id)."""

    if obs.empty:
        return pd.DataFrame(columns=["region", "indicator_id", *_PANEL_COLUMNS])
    panel = forecast.forecast_panel(obs, targets, as_of=as_of)
    keep = ["region", "indicator_id"] + [c for c in _PANEL_COLUMNS if c in panel.columns]
    return panel[keep]


def _num(x) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return float("nan")
    return v


def _row(region: str, meta: pd.Series, s: pd.Series, fc: dict, baseline_year: int | None) -> dict:
    target, comp = float(meta["value"]), str(meta["comparator"])
    deadline = int(meta["deadline_effective"])
    measure = measure_of(meta)
    notes: list[str] = []
    if bool(meta.get("deadline_assumed", False)):
        notes.append(f"no deadline in the plan: judged at the horizon {deadline}")
    n = int(len(s))
    row = dict(region=region, indicator_id=meta["id"], name_zh=meta["name_zh"],
               name_en=meta.get("name_en", meta["id"]), unit=meta["unit"], kind=meta.get("kind", ""),
               measure=measure, target=target, comparator=comp, deadline=deadline,
               deadline_assumed=bool(meta.get("deadline_assumed", False)), n_points=n,
               model=fc.get("model", ""))
    for c in ("forecast", "lower_80", "upper_80", "lower_95", "upper_95", "prob_meet"):
        row[c] = _num(fc.get(c, float("nan")))
    if n == 0:
        notes.append("no observations")
        row.update(eurostat_label=labels.INSUFFICIENT, anticipated_label=labels.INSUFFICIENT,
                   schedule_label=labels.INSUFFICIENT, status=labels.INSUFFICIENT, note="; ".join(notes))
        return row

    last_year, last_value = int(s.index[-1]), float(s.iloc[-1])
    deadline_reached = last_year >= deadline
    if measure == "flow" and deadline_reached:
        at = s[s.index <= deadline]
        judged = float(at.iloc[-1]) if len(at) and int(at.index[-1]) == deadline else float("nan")
        met_now = trends.meets(judged, target, comp)
    else:
        met_now = trends.meets(last_value, target, comp)
    if measure == "flow" and met_now and not deadline_reached:
        notes.append(f"flow: already at the target, but it must be met in {deadline}")
    achieved_year = trends.first_year_met(s, target, comp)

    # baseline for the growth ratio, the anticipated ratio and the schedule check
    base_year, base_value = trends.baseline(s, baseline_year)
    t0, v0 = base_year, base_value
    if last_year <= base_year and n >= 2:  # no growth since the baseline yet: use the first point
        t0, v0 = int(s.index[0]), float(s.iloc[0])
        notes.append(f"latest year is not after the baseline {base_year}: growth measured from {t0}")
    actual = trends.growth(s, start=t0)
    required_base = trends.required_growth(v0, t0, target, deadline)
    required = trends.required_growth(last_value, last_year, target, deadline)
    ratio, basis = trends.growth_ratio(actual, required_base, comp)
    for g in (actual, required):
        if g.reason and g.basis == "absolute" and g.reason not in notes:
            notes.append(g.reason)
    sched = trends.schedule(s, target, deadline, baseline_year=baseline_year)
    insufficient_fc = bool(fc.get("insufficient", n < labels.MIN_POINTS)) or math.isnan(row["forecast"])
    ant = float("nan") if insufficient_fc else labels.anticipated_ratio(row["forecast"], v0, target)

    achieved_label = trends.meets(last_value, target, comp)
    if meta.get("kind") == "milestone":
        lab, year = labels.milestone_label(s, target, comp)
        eu = an = sc = lab
        if lab == "achieved":
            notes.append(f"milestone reached in {year}")
    else:
        eu = labels.eurostat_label(ratio, achieved=achieved_label)
        an = labels.anticipated_label(ant, achieved=achieved_label)
        sc = labels.schedule_label(sched.progress_share, sched.time_share, achieved=achieved_label)

    prob = row["prob_meet"]
    if deadline_reached:
        prob = 1.0 if met_now else 0.0
        notes.append(f"deadline {deadline} observed: judged on the data")
    status = labels.status_rule(met_now=met_now, counts_now=measure == "stock",
                                deadline_reached=deadline_reached, n_points=n, prob_meet=prob)
    if status == labels.INSUFFICIENT and n < labels.MIN_POINTS:
        notes.append(f"fewer than {labels.MIN_POINTS} observations")
    row.update(
        baseline_year=base_year, baseline_value=base_value, last_year=last_year, last_value=last_value,
        achieved_year=achieved_year, prob_meet=prob,
        required_growth=required.rate, required_per_year=required.per_year,
        actual_growth=actual.rate, actual_per_year=actual.per_year, growth_from=t0,
        growth_basis=basis, growth_ratio=ratio, anticipated_ratio=ant,
        progress_share=sched.progress_share, time_share=sched.time_share,
        eurostat_label=eu, anticipated_label=an, schedule_label=sc, status=status, note="; ".join(notes),
    )
    return row


def assess(obs=None, targets=None, *, as_of: int | None = None,
           baseline_year: int | None = None, skip_unknown: bool = False) -> pd.DataFrame:
    """Score every target in every region.

    Parameters
    ----------
    obs : DataFrame, path, list of paths or None
        Observations ``region, indicator_id, year, value`` (the intake format), a
        file to read with :func:`analysis.io.dataset.load_observations` (or several: stacked;
        a region/indicator/year in two files must agree), or ``None`` for the bundled
        illustrative data.
    targets : DataFrame, path or None
        A catalogue (:func:`analysis.io.catalogue.load_targets`); default the plan's.
    as_of : int, optional
        Use only observations up to this year. The filter is applied before anything
        else, so later data cannot change the result. Default: the latest year.
    baseline_year : int, optional
        Baseline of the schedule check and the growth ratios (default
        :data:`config.PLAN_BASELINE_YEAR`, or the first observation when later).
    skip_unknown : bool
        When reading a file: drop rows of indicators not in ``targets`` instead of
        reporting them as errors (``attrs["skipped"]`` lists them).

    Returns
    -------
    DataFrame
        One row per (region, target), columns :data:`COLUMNS`; regions in the order
        they appear in ``obs``, targets in catalogue order. ``attrs`` carries
        ``as_of``, ``illustrative``, ``source_zh``, ``source_en``.

    Raises
    ------
    InputError
        Bad input files (from the intake / catalogue).
    """
    targets = _load_targets(targets)
    obs = _load_obs(obs, targets, skip_unknown)
    attrs = dict(obs.attrs)
    if as_of is not None:
        obs = obs.loc[obs["year"].astype(int) <= int(as_of)]  # filter BEFORE anything else
    obs = obs.dropna(subset=["value"]).copy()
    obs["year"] = obs["year"].astype(int)
    obs["value"] = obs["value"].astype(float)
    as_of_eff = int(as_of) if as_of is not None else (int(obs["year"].max()) if len(obs) else None)

    panel = _panel(obs, targets, as_of_eff)
    fc_by_key = {(r["region"], r["indicator_id"]): r for r in panel.to_dict("records")}
    regions = list(dict.fromkeys(obs["region"])) or [config.DEFAULT_REGION]
    series = {k: pd.Series(g["value"].to_numpy(), index=g["year"].to_numpy()).sort_index()
              for k, g in obs.groupby(["region", "indicator_id"], sort=False)}
    rows = []
    empty = pd.Series(dtype="float64")
    for region in regions:
        for _, meta in targets.iterrows():
            key = (region, meta["id"])
            s = trends.clean(series.get(key, empty))
            rows.append(_row(region, meta, s, fc_by_key.get(key, {}), baseline_year))
    out = pd.DataFrame(rows).reindex(columns=list(COLUMNS))
    for c in ("baseline_year", "last_year", "achieved_year", "growth_from", "deadline", "n_points"):
        out[c] = pd.array([None if pd.isna(v) else int(v) for v in out[c]], dtype="Int64")
    for c in ("model", "growth_basis", "note"):
        out[c] = out[c].fillna("").astype(str)
    out["deadline_assumed"] = out["deadline_assumed"].astype(bool)
    out.attrs.update(attrs)
    out.attrs["as_of"] = as_of_eff
    out.attrs.setdefault("illustrative", False)
    return out


# ------------------------------------------------------------------ table for people
def _fmt(v, digits: int = 4) -> str:
    if v is None or pd.isna(v):
        return "-"
    return f"{float(v):.{digits}g}"


def _growth_cell(rate, per_year) -> str:
    if rate is not None and not pd.isna(rate):
        return f"{rate * 100:+.1f}%"
    if per_year is not None and not pd.isna(per_year):
        return f"{per_year:+.3g}/yr"
    return "-"


def table_view(df: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """A compact, rounded view of :func:`assess` for the terminal."""
    show_region = df["region"].nunique() > 1
    out = pd.DataFrame({
        **({"region": df["region"]} if show_region else {}),
        "indicator": df["indicator_id"],
        "target": [f"{c}{_fmt(t)} ({d}{'*' if a else ''})" for c, t, d, a in
                   zip(df["comparator"], df["target"], df["deadline"], df["deadline_assumed"])],
        "last": [f"{_fmt(v)} ({y})" if not pd.isna(y) else "-" for v, y in zip(df["last_value"], df["last_year"])],
        "forecast [80%]": [f"{_fmt(f, 3)} [{_fmt(lo, 3)}, {_fmt(hi, 3)}]" if not pd.isna(f) else "-"
                           for f, lo, hi in zip(df["forecast"], df["lower_80"], df["upper_80"])],
        "P(meet)": [f"{p:.2f}" if not pd.isna(p) else "-" for p in df["prob_meet"]],
        "need/yr": [_growth_cell(r, a) for r, a in zip(df["required_growth"], df["required_per_year"])],
        "actual/yr": [_growth_cell(r, a) for r, a in zip(df["actual_growth"], df["actual_per_year"])],
        "eurostat": df["eurostat_label"],
        "escap": df["anticipated_label"],
        "schedule": df["schedule_label"],
        "status": df["status"],
    })
    return out


def cli_assess(args) -> int:
    """``python -m analysis assess [--data FILE [--data FILE ...]] [--targets FILE] [--baseline YEAR] [--as-of YEAR] [--format ...] [--output PATH]``."""
    import sys

    from analysis.io.catalogue import load_targets
    from analysis.io.output import render

    targets = load_targets(args.targets)
    df = assess(args.data, targets, as_of=args.as_of, baseline_year=getattr(args, "baseline", None),
                skip_unknown=getattr(args, "skip_unknown", False))
    skipped = df.attrs.get("skipped") or {}
    if skipped:
        print(f"note: skipped {sum(map(len, skipped.values()))} rows of indicators not in the target catalogue: "
              + ", ".join(sorted(skipped)), file=sys.stderr)
    fmt = getattr(args, "format", "table") or "table"
    output = getattr(args, "output", None)
    if fmt == "table":
        view = table_view(df)
        render(view, "table", output)
        if output is None:
            lines = [f"as of {df.attrs.get('as_of')}; * = no deadline in the plan, judged at the horizon; "
                     f"need/yr = growth still required from the latest value; actual/yr = since "
                     f"the baseline; see docs/attainment.md"]
            if df.attrs.get("illustrative"):
                from analysis.vocab import ILLUSTRATIVE_STAMP

                lines.append(ILLUSTRATIVE_STAMP)
            sys.stdout.write("\n".join(lines) + "\n")
    else:
        render(df, fmt, output, sheet_name="scorecard")
    return 0
