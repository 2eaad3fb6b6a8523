"""The task ledger's analysis: status, responsible units, phases, late tasks, and the
consistency of the ledger with the quantified targets.

Input: a ledger as read by :func:`analysis.io.ledger.read_ledger` (one row per task x
reporting period x reporting unit), the task list (:func:`analysis.io.ledger.load_tasks`) and,
for the consistency check, the scorecard table (``assess(...)`` or its ``.table``).

Rules (documented in ``docs/ledger.md``; the tests derive their expected values by hand):

* **A task's status as of a date** is read from its latest reporting period that ended on or
  before the date. When several units report on the task in that period: any 滞后 -> 滞后;
  all 已完成 -> 已完成; any 推进中 or 已完成 -> 推进中; else 未启动. A task with no report up
  to the date is ``not_reported``.
* **As-of date**: default the last day of the latest reporting period in the ledger.
* **Late against the plan's phases** (三、建设进度安排; a task's start and due phase come from
  ``tasks.csv``): reported 滞后; or 未启动 (or never reported) although its start phase has
  begun; or not 已完成 after the last day of its due phase (实施阶段 ends 2020-12-31; 巩固阶段
  has no end). A task may be late for several reasons.
* **Consistency with the targets**: a task whose ledger status is 推进中 or 已完成 while at
  least one of its targets (``tasks.csv`` ``targets``) has scorecard status ``at risk``,
  ``off track`` or ``not achieved``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from analysis import config
from analysis import vocab
from analysis.i18n import t
from analysis.i18n.names import unit_names
from analysis.io.ledger import PHASES, STATUSES, load_ledger, load_tasks, parse_date, period_display, status_label
from analysis.model.text import date_text

#: Scorecard statuses that contradict a ledger status of 推进中 / 已完成.
RISKY_TARGET_STATUSES: tuple[str, ...] = ("at risk", "off track", "not achieved")
#: The ledger statuses the consistency check questions.
CLAIMING_STATUSES: tuple[str, ...] = ("in_progress", "completed")
#: Column order of every "by status" table (ledger statuses, then not reported).
STATUS_ORDER: tuple[str, ...] = STATUSES + ("not_reported",)
_UNIT_SPLIT = re.compile(r"[、,,;;/|\s]+")


def _as_date(value) -> dt.date | None:
    if value is None:
        return None
    return parse_date(value) or pd.Timestamp(str(value)).date()


def combine(statuses) -> str:
    """One status from several units' reports in the same period (see the module rules)."""
    s = set(statuses)
    if not s:
        return "not_reported"
    if "delayed" in s:
        return "delayed"
    if s == {"completed"}:
        return "completed"
    if s & {"in_progress", "completed"}:
        return "in_progress"
    return "not_started"


def default_as_of(ledger: pd.DataFrame) -> dt.date | None:
    """Last day of the latest reporting period in the ledger (``None`` for an empty ledger)."""
    return max(ledger["period_end"]) if len(ledger) else None


def _upto(ledger: pd.DataFrame, as_of: dt.date | None) -> pd.DataFrame:
    if as_of is None or ledger.empty:
        return ledger
    return ledger.loc[[pe <= as_of for pe in ledger["period_end"]]]


def task_status(ledger: pd.DataFrame, tasks: pd.DataFrame | None = None, *,
                as_of=None) -> pd.DataFrame:
    """Each task's status as of ``as_of`` (one row per task of the task list).

    Returns
    -------
    DataFrame
        ``task_id, kind, title, title_en, section, start_phase, due_phase, start, due, status,
        period`` (the period the status is read from, "" when not reported), ``units`` (the units
        reporting in that period, 、-joined), ``n_reports`` (rows up to ``as_of``), ``targets``
        (list of target ids).
    """
    tk = tasks if tasks is not None else load_tasks()
    as_of = _as_date(as_of) if as_of is not None else default_as_of(ledger)
    led = _upto(ledger, as_of)
    rows = []
    for task in tk.itertuples(index=False):
        mine = led.loc[led["task_id"] == task.task_id] if len(led) else led
        if mine.empty:
            status, period, units = "not_reported", "", ""
        else:
            last = max(mine["period_end"])
            cur = mine.loc[[pe == last for pe in mine["period_end"]]]
            status = combine(cur["status"])
            period = str(cur["period"].iloc[0])
            units = "、".join(dict.fromkeys(u for u in cur["unit"] if u))
        rows.append({"task_id": task.task_id, "kind": task.kind, "title": task.title, "title_en": task.title_en,
                     "section": task.section, "start_phase": task.start_phase, "due_phase": task.due_phase,
                     "start": task.start, "due": task.due, "status": status, "period": period, "units": units,
                     "n_reports": int(len(mine)), "targets": list(task.target_ids)})
    out = pd.DataFrame(rows)
    out.attrs["as_of"] = as_of
    return out


def count_by(status_table: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Tasks counted by status (columns :data:`STATUS_ORDER` + ``total``), optionally per ``by``."""
    if by is None:
        counts = status_table["status"].value_counts()
        out = pd.DataFrame([[int(counts.get(s, 0)) for s in STATUS_ORDER]], columns=list(STATUS_ORDER))
    else:
        out = pd.crosstab(status_table[by], status_table["status"]).reindex(columns=list(STATUS_ORDER), fill_value=0)
        out.columns.name = None
    out["total"] = out[list(STATUS_ORDER)].sum(axis=1)
    return out.astype("int64")


def by_phase(status_table: pd.DataFrame) -> pd.DataFrame:
    """Tasks by due phase and status (rows in the plan's phase order)."""
    out = count_by(status_table, "due_phase")
    return out.reindex([p for p in PHASES if p in out.index])


def split_units(text: str) -> list[str]:
    """The units of a 责任单位 cell (``区科技局、区财政局`` -> two units)."""
    return [u for u in _UNIT_SPLIT.split(str(text or "")) if u]


def by_unit(ledger: pd.DataFrame, tasks: pd.DataFrame | None = None, *, as_of=None) -> pd.DataFrame:
    """Tasks per responsible unit and status, as of ``as_of``.

    A unit's status on a task is read from the unit's own latest report (up to ``as_of``)
    on that task, combined over its rows in that period. A cell naming several units (``区科技局、
    区财政局``) counts for each. Rows: units by number of tasks, then name.
    """
    as_of = _as_date(as_of) if as_of is not None else default_as_of(ledger)
    led = _upto(ledger, as_of)
    recs = []
    for r in led.itertuples(index=False):
        for u in split_units(r.unit) or [""]:
            recs.append({"unit": u, "task_id": r.task_id, "period_end": r.period_end, "status": r.status})
    if not recs:
        return pd.DataFrame(columns=list(STATUS_ORDER) + ["total"])
    df = pd.DataFrame(recs)
    rows = []
    for (unit, task_id), g in df.groupby(["unit", "task_id"], sort=False):
        last = max(g["period_end"])
        rows.append({"unit": unit, "task_id": task_id,
                     "status": combine(g.loc[[pe == last for pe in g["period_end"]], "status"])})
    out = count_by(pd.DataFrame(rows), "unit")
    out = out.loc[sorted(out.index, key=lambda u: (-out.loc[u, "total"], u))]
    out.index.name = "unit"
    out.attrs["as_of"] = as_of
    return out


def late_tasks(status_table: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Tasks late against the plan's phases as of ``as_of`` (default: the table's).

    Returns
    -------
    DataFrame
        One row per late task: ``task_id, title, title_en, status, period, start_phase,
        due_phase, start, due, reasons`` (list of ``delayed``, ``not_started``,
        ``not_reported``, ``not_done``).
    """
    as_of = _as_date(as_of) if as_of is not None else status_table.attrs.get("as_of")
    rows = []
    for r in status_table.itertuples(index=False):
        reasons = []
        if r.status == "delayed":
            reasons.append("delayed")
        started = as_of is not None and as_of >= r.start
        if r.status == "not_started" and started:
            reasons.append("not_started")
        if r.status == "not_reported" and started:
            reasons.append("not_reported")
        if r.status != "completed" and r.due is not None and as_of is not None and as_of > r.due:
            reasons.append("not_done")
        if reasons:
            rows.append({"task_id": r.task_id, "title": r.title, "title_en": r.title_en, "status": r.status,
                         "period": r.period, "start_phase": r.start_phase, "due_phase": r.due_phase,
                         "start": r.start, "due": r.due, "reasons": reasons})
    out = pd.DataFrame(rows, columns=["task_id", "title", "title_en", "status", "period", "start_phase",
                                      "due_phase", "start", "due", "reasons"])
    out.attrs["as_of"] = as_of
    return out


def _scorecard_rows(scorecard, region: str | None) -> pd.DataFrame:
    table = getattr(scorecard, "table", scorecard)
    if "region" in table.columns:
        region = region or config.DEFAULT_REGION
        if (table["region"] == region).any():
            table = table.loc[table["region"] == region]
    return table


def consistency(status_table: pd.DataFrame, scorecard, *, region: str | None = None) -> pd.DataFrame:
    """The ledger against the scorecard, for every task with quantified targets.

    Parameters
    ----------
    status_table : DataFrame
        :func:`task_status`.
    scorecard : Scorecard or DataFrame
        ``assess(...)`` (its ``.table`` is used) or the table itself; columns ``indicator_id``,
        ``status`` (and ``region``: the rows of ``region``, default 平川区, when present).
    region : str, optional

    Returns
    -------
    DataFrame
        ``task_id, title, title_en, ledger_status, targets`` (ids of the task's targets in the
        scorecard), ``target_status`` (their scorecard statuses, same order), ``risky`` (ids
        whose status is in :data:`RISKY_TARGET_STATUSES`), ``flag`` (bool) and ``finding``
        (``completed_at_risk``, ``progress_at_risk`` or "").
    """
    table = _scorecard_rows(scorecard, region)
    st = dict(zip(table["indicator_id"], table["status"]))
    rows = []
    for r in status_table.itertuples(index=False):
        ids = [i for i in r.targets if i in st]
        if not ids:
            continue
        risky = [i for i in ids if st[i] in RISKY_TARGET_STATUSES]
        flag = bool(risky) and r.status in CLAIMING_STATUSES
        finding = ("completed_at_risk" if r.status == "completed" else "progress_at_risk") if flag else ""
        rows.append({"task_id": r.task_id, "title": r.title, "title_en": r.title_en, "ledger_status": r.status,
                     "targets": ids, "target_status": [st[i] for i in ids], "risky": risky, "flag": flag,
                     "finding": finding})
    return pd.DataFrame(rows, columns=["task_id", "title", "title_en", "ledger_status", "targets",
                                       "target_status", "risky", "flag", "finding"])


@dataclass
class LedgerAnalysis:
    """Results of :func:`analyse` (like a statsmodels results object: computed once, read many).

    Attributes
    ----------
    ledger : DataFrame           the ledger as read
    tasks : DataFrame            the task list
    as_of : datetime.date        the as-of date
    status : DataFrame           :func:`task_status`
    by_status : DataFrame        :func:`count_by` (one row)
    by_unit : DataFrame          :func:`by_unit`
    by_phase : DataFrame         :func:`by_phase`
    late : DataFrame             :func:`late_tasks`
    consistency : DataFrame or None  :func:`consistency` (None without a scorecard)
    illustrative : bool          the ledger is the bundled illustrative one
    """

    ledger: pd.DataFrame
    tasks: pd.DataFrame
    as_of: dt.date | None
    status: pd.DataFrame
    by_status: pd.DataFrame
    by_unit: pd.DataFrame
    by_phase: pd.DataFrame
    late: pd.DataFrame
    consistency: pd.DataFrame | None
    illustrative: bool = False
    source: dict = field(default_factory=dict)

    @property
    def flagged(self) -> pd.DataFrame:
        """The tasks the consistency check flags (empty without a scorecard)."""
        if self.consistency is None:
            return pd.DataFrame(columns=["task_id"])
        return self.consistency.loc[self.consistency["flag"]]


def analyse(ledger: pd.DataFrame, tasks: pd.DataFrame | None = None, scorecard=None, *,
            as_of=None, region: str | None = None) -> LedgerAnalysis:
    """Every ledger result at once (see the module rules).

    Parameters
    ----------
    ledger : DataFrame
        :func:`analysis.io.ledger.read_ledger`.
    tasks : DataFrame, optional
        The task list (default: the plan's).
    scorecard : Scorecard or DataFrame, optional
        For the consistency check.
    as_of : date-like, optional
        Default: the end of the ledger's latest reporting period.
    region : str, optional
        Scorecard region (default 平川区).
    """
    tk = tasks if tasks is not None else load_tasks()
    as_of = _as_date(as_of) if as_of is not None else default_as_of(ledger)
    status = task_status(ledger, tk, as_of=as_of)
    return LedgerAnalysis(
        ledger=ledger, tasks=tk, as_of=as_of, status=status, by_status=count_by(status),
        by_unit=by_unit(ledger, tk, as_of=as_of), by_phase=by_phase(status), late=late_tasks(status, as_of),
        consistency=consistency(status, scorecard, region=region) if scorecard is not None else None,
        illustrative=bool(ledger.attrs.get("illustrative")),
        source={"zh": ledger.attrs.get("source_zh", ""), "en": ledger.attrs.get("source_en", "")},
    )


# ------------------------------------------------------------------------------ words and report hooks
#: Figures of the report's 任务落实情况 section (slugs of :mod:`analysis.app.figures`).
LEDGER_FIGURES: tuple[str, ...] = ("ledger_status", "ledger_units", "ledger_phases", "ledger_late", "ledger_consistency")


def late_reason(key: str, row, as_of: dt.date | None, lang: str = "zh") -> str:
    """One reason why a task is late, as a sentence (``row``: a row of :func:`task_status` or
    :func:`late_tasks`, with ``start_phase``, ``due_phase``, ``start``, ``due``)."""
    phase = t(f"ledger.phase.{row.start_phase}", lang)
    if key == "delayed":
        return t("ledger.late.delayed", lang)
    if key in ("not_started", "not_reported"):
        return t(f"ledger.late.{key}", lang, phase=phase, start=date_text(row.start, lang))
    return t("ledger.late.not_done", lang, phase=t(f"ledger.phase.{row.due_phase}", lang),
             due=date_text(row.due, lang), as_of=date_text(as_of, lang))


def _label(task_id: str, title: str, title_en: str, lang: str) -> str:
    if task_id == "一(四)":
        return t("ledger.fig.goal_label", lang)
    return f"{task_id}. {dict(zh=title, en=title_en)[lang]}"


def _counts_table(df: pd.DataFrame, index_name: str, lang: str, index_words=None) -> pd.DataFrame:
    out = df.copy()
    out.columns = [t("ledger.col.total", lang) if c == "total" else status_label(c, lang) for c in out.columns]
    if index_words is not None:
        out.index = [index_words(i) for i in out.index]
    out.index.name = index_name
    return out.reset_index()


def tables(analysis: LedgerAnalysis, lang: str = "zh", names: dict | None = None) -> dict[str, pd.DataFrame]:
    """The section's tables with headers in ``lang`` (Chinese by default).

    ``status`` (one row per task), ``by_status``, ``by_unit``, ``by_phase``, ``late`` and, with a
    scorecard, ``consistency`` (every task with targets; ``names``: indicator id -> name).
    """
    col = lambda k: t(f"ledger.col.{k}", lang)  # noqa: E731 - a local shorthand
    st = analysis.status
    out = {
        "status": pd.DataFrame({
            col("task_id"): st["task_id"], col("task"): [_label(r.task_id, r.title, r.title_en, lang) for r in st.itertuples()],
            col("phase"): [t(f"ledger.phase.{p}", lang) for p in st["due_phase"]],
            col("status"): [status_label(s, lang) for s in st["status"]],
            col("period"): [period_display(p, lang) for p in st["period"]],
            col("unit"): [unit_names(u, lang) for u in st["units"]],
        }),
        "by_status": _counts_table(analysis.by_status.rename(index={0: col("as_of")}), col("as_of"), lang,
                                   lambda _: date_text(analysis.as_of, lang) if analysis.as_of else ""),
        "by_unit": _counts_table(analysis.by_unit, col("unit"), lang, lambda u: unit_names(u, lang) or t("ledger.fig.unit_unnamed", lang)),
        "by_phase": _counts_table(analysis.by_phase, col("phase"), lang, lambda p: t(f"ledger.phase.{p}", lang)),
        "late": pd.DataFrame({
            col("task_id"): analysis.late["task_id"],
            col("task"): [_label(r.task_id, r.title, r.title_en, lang) for r in analysis.late.itertuples()],
            col("status"): [status_label(s, lang) for s in analysis.late["status"]],
            col("due"): [date_text(r.due, lang) if r.due else t(f"ledger.phase.{r.due_phase}", lang)
                         for r in analysis.late.itertuples()],
            col("late_reason"): [t("ledger.sep_clause", lang).join(late_reason(k, r, analysis.as_of, lang)
                                                                      for k in r.reasons)
                                 for r in analysis.late.itertuples()],
        }),
    }
    if analysis.consistency is not None:
        c = analysis.consistency
        nm = names or {}
        out["consistency"] = pd.DataFrame({
            col("task_id"): c["task_id"],
            col("task"): [_label(r.task_id, r.title, r.title_en, lang) for r in c.itertuples()],
            col("status"): [status_label(s, lang) for s in c["ledger_status"]],
            col("targets"): [t("ledger.sep", lang).join(t("ledger.section.target_item", lang, name=nm.get(i, i), status=vocab.status_name(s, lang))
                                                                   for i, s in zip(r.targets, r.target_status))
                             for r in c.itertuples()],
            col("finding"): [finding_text(r, lang, nm) if r.flag else t("ledger.finding_consistent", lang)
                             for r in c.itertuples()],
        })
    return out


def finding_text(row, lang: str = "zh", names: dict | None = None) -> str:
    """The consistency finding of one row of :func:`consistency` as a sentence."""
    nm = names or {}
    sep = t("ledger.sep", lang)
    status = dict(zip(row.targets, row.target_status))
    # each target with its own status (never "A, B and C are off track, at risk")
    return t(f"ledger.finding.{row.finding}", lang, targets=sep.join(
        t("ledger.target_status", lang, name=nm.get(i, i), status=vocab.status_name(status.get(i, ""), lang))
        for i in row.risky))


def ledger_section(ledger_df: pd.DataFrame | None, scorecard_table=None, lang: str = "zh", *,
                   tasks: pd.DataFrame | None = None, as_of=None, names: dict | None = None) -> dict:
    """Everything the report's 任务落实情况 section needs, as plain data (a pure function).

    Parameters
    ----------
    ledger_df : DataFrame or None
        :func:`analysis.io.ledger.read_ledger`; ``None``: the bundled illustrative ledger.
    scorecard_table : Scorecard or DataFrame, optional
        ``assess(...)`` or its ``.table``: enables the consistency check.
    lang : {"zh", "en"}
    names : dict, optional
        Indicator id -> display name for the consistency table (default: the ids).

    Returns
    -------
    dict
        ``title``; ``headline`` (list of sentences: counts, late tasks, consistency, and the
        illustrative note when it applies); ``tables`` (:func:`tables`, DataFrames with headers in
        ``lang``); ``figures`` (slugs, :data:`LEDGER_FIGURES`); ``notes`` (the intake's conversion
        messages); ``as_of`` (ISO date); ``illustrative``; ``analysis`` (the :class:`LedgerAnalysis`).
    """
    if ledger_df is None:
        ledger_df = load_ledger(lang=lang)
    a = analyse(ledger_df, tasks, scorecard_table, as_of=as_of)
    counts = a.by_status.iloc[0]
    n_unrep = int(counts["not_reported"])
    sep = t("ledger.sep", lang)
    lines = [t("ledger.section.headline", lang, as_of=date_text(a.as_of, lang),
               n_reported=int(counts["total"]) - n_unrep, completed=int(counts["completed"]),
               in_progress=int(counts["in_progress"]), delayed=int(counts["delayed"]),
               not_started=int(counts["not_started"]),
               goals=t("ledger.section.incl_goals", lang) if ((a.status["kind"] == "goal")
                                                              & (a.status["status"] != "not_reported")).any() else "",
               unreported=t("ledger.section.unreported", lang, n=n_unrep) if n_unrep else "")]
    if len(a.late):
        lines.append(t("ledger.section.late", lang, n=len(a.late), tasks=sep.join(
            _label(r.task_id, r.title, r.title_en, lang) for r in a.late.itertuples())))
    else:
        lines.append(t("ledger.section.no_late", lang))
    if a.consistency is not None:
        fl = a.flagged
        if len(fl):
            lines.append(t("ledger.section.flags", lang, n=len(fl), tasks=sep.join(
                t("ledger.section.flag_item", lang, task=_label(r.task_id, r.title, r.title_en, lang),
                  finding=finding_text(r, lang, names)) for r in fl.itertuples())))
        else:
            lines.append(t("ledger.section.no_flags", lang))
    if a.illustrative:
        lines.append(t("ledger.section.illustrative", lang))
    return {
        "title": t("ledger.section.title", lang), "headline": lines, "tables": tables(a, lang, names),
        "figures": list(LEDGER_FIGURES if a.consistency is not None else LEDGER_FIGURES[:-1]),
        "notes": [str(p) for p in ledger_df.attrs.get("conversions", [])],
        "as_of": a.as_of.isoformat() if a.as_of else None, "illustrative": a.illustrative, "analysis": a,
    }
