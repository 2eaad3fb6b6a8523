"""What the evaluation report says, computed once and laid out by the Word, HTML and Excel writers.

:func:`build_content` turns a :class:`~analysis.app.figures.ReportContext` into a
:class:`ReportContent`: the title block, the overview (counts by status and a two-sentence
headline, per region), the target table and one sentence per target
(:func:`analysis.model.text.target_sentence`), the implementation of the tasks (the task
ledger, :func:`analysis.model.ledger.ledger_section`), the key-sector comparison, the district
beside Gansu and China (:func:`analysis.model.benchmarks.benchmark_section`), the problems
and recommendations and the methods and sources. Every word comes from
:mod:`analysis.i18n.report`; every number is formatted by :mod:`analysis.model.text`, so the
three documents read the same.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config, vocab
from analysis.app import figures
from analysis.errors import InputError
from analysis.i18n import has, t
from analysis.i18n.names import place_name, unit_names
from analysis.io.ledger import status_label as ledger_status_label
from analysis.model import benchmarks as model_benchmarks
from analysis.model import ledger as model_ledger
from analysis.model import labels, sectors, text

__all__ = ["ReportContent", "RegionPart", "SectorPart", "LedgerPart", "BenchmarkPart", "build_content",
           "STATUS_ORDER", "status_color", "REPORT_FIGURES", "SECTOR_FIGURES", "LEDGER_FIGURES",
           "BENCHMARK_FIGURES"]

#: Statuses in the order the report lists them (the contract's seven, then any other).
STATUS_ORDER = ("achieved", "not achieved", "on track", "at risk", "off track", "insufficient data",
                "deadline year not reported")
#: Statuses that need action (六 问题与建议).
ATTENTION = ("not achieved", "off track", "at risk")
#: Statuses that need data.
MISSING_DATA = ("insufficient data", "deadline year not reported")
#: Figures shown in 二 and 三 of the report (slugs of :mod:`analysis.app.figures`).
REPORT_FIGURES = ("scorecard", "fan_charts", "growth")
SECTOR_FIGURES = ("sector_trends", "sector_rank_slope")
#: Figures of 三 任务落实情况 and 五 与全省、全国比较.
LEDGER_FIGURES = model_ledger.LEDGER_FIGURES
BENCHMARK_FIGURES = model_benchmarks.BENCHMARK_FIGURES
_FALLBACK_COLOURS = {"not achieved": "#CC3311", "deadline year not reported": "#999999"}
#: Sector metric compared in 三 (the first one the panel has).
SECTOR_METRICS = ("output_value", "tech_contract_turnover", "enterprises")


def status_color(status: str) -> str:
    """The status colour (``#RRGGBB``) from :data:`analysis.vocab.STATUS_COLORS`."""
    return vocab.STATUS_COLORS.get(status) or _FALLBACK_COLOURS.get(status, "#BBBBBB")


@dataclass
class RegionPart:
    """One region's part of the report."""

    region: str
    rows: pd.DataFrame                      #: scorecard rows of this region, with catalogue columns
    counts: dict[str, int]                  #: status -> number of targets (statuses present only)
    headline: list[str]                     #: two (or three) sentences
    table: pd.DataFrame                     #: the target table, formatted text, headers in lang
    sentences: list[str]                    #: one per target, in table order
    issues: list[str]                       #: one line per target at risk / off track / not achieved
    missing: str | None                     #: the targets that lack data, in one sentence
    #: one line per target whose deadline year is unreported and whose latest value before it is short
    #: (:func:`analysis.model.text.short_before_deadline`): not judged, but not "keep the pace" either
    unverified: list[str] = field(default_factory=list)
    #: the deadline year(s) those targets need, for the sentence that asks for them ("2020")
    unverified_deadline: str = ""


@dataclass
class SectorPart:
    """四 重点产业."""

    intro: str
    table: pd.DataFrame | None
    sentences: list[str]
    note: str | None = None                 #: why the part is left out or where the data come from


@dataclass
class LedgerPart:
    """三 任务落实情况 (from :func:`analysis.model.ledger.ledger_section`)."""

    included: bool
    headline: list[str] = field(default_factory=list)
    #: ``status`` (one row per task of the plan), ``late``, ``consistency`` (headers in lang)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    figures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  #: what the intake read differently from how it was typed
    issues: list[str] = field(default_factory=list)  #: late and inconsistent tasks, for 六 问题与建议
    illustrative: bool = False
    source: str = ""                                 #: the ledger's source line
    note: str | None = None                          #: why the section is left out
    ledger: pd.DataFrame | None = None               #: the ledger as read (the workbook's 任务台账 sheet)


@dataclass
class BenchmarkPart:
    """五 与全省、全国比较 (from :func:`analysis.model.benchmarks.benchmark_section`)."""

    headline: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None               #: the values table (headers in lang)
    coverage: pd.DataFrame | None = None            #: compared indicators and the named non-comparable ones
    not_compared: str | None = None                 #: one sentence for the other indicators
    sources: str = ""                               #: sources for the captions
    figures: list[str] = field(default_factory=list)
    note: str | None = None                         #: why the section is empty


@dataclass
class ReportContent:
    """Everything the report says, in one language."""

    lang: str
    title: str
    date: str
    as_of: int | None                       #: the assessment's year: a deadline at or before it has passed
    source: str
    illustrative: bool
    regions: list[RegionPart]
    overview: pd.DataFrame | None           #: region x status counts (several regions)
    sectors: SectorPart
    methods: list[str]
    sources: pd.DataFrame
    figures: dict[str, tuple[int, str, Path]] = field(default_factory=dict)  #: slug -> (no., title, png)
    footnote: str = ""
    #: slug -> link from report.html to the figure (set by the pack; default: relative to the PNG)
    hrefs: dict[str, str | None] = field(default_factory=dict)
    ledger: LedgerPart = field(default_factory=lambda: LedgerPart(included=False))
    benchmarks: BenchmarkPart = field(default_factory=BenchmarkPart)
    #: how the user's data file was read (the reader's summary and its warnings); empty for the bundled data
    data_notes: list[str] = field(default_factory=list)
    #: regions the target list gives targets of their own (a ``region`` column); the others are
    #: assessed against the plan's district's targets
    own_targets: frozenset = frozenset()
    #: ``数据说明：2019年数据为快报（初步）数…`` when the user's file says so (a note row, its title), else ""
    status_line: str = ""
    #: the last year observed at or before ``as_of`` (None: ``as_of``): what 数据截至 shows
    data_as_of: int | None = None

    @property
    def shown_as_of(self) -> int | None:
        """The year 数据截至 shows: never after the last year observed (``--as-of 2030`` on data ending in
        2020: 2020); ``as_of`` still decides which deadlines have passed."""
        return self.data_as_of if self.data_as_of is not None else self.as_of

    @property
    def multi_region(self) -> bool:
        return len(self.regions) > 1

    @property
    def stage_line(self) -> str:
        """The kind of evaluation the data allow (评估类型): progress (every deadline ahead: a forecast
        and a probability), end of term (every deadline passed: met or not on the deadline year's
        value) or both; "" without targets."""
        rows = [r.rows for r in self.regions if len(r.rows)]
        if not rows:
            return ""
        rows = pd.concat(rows)
        passed = rows["stage"].isin(["deadline observed", "deadline not reported"]).to_numpy()
        if self.as_of is not None:  # (a stock met early whose deadline year passed unreported: passed too)
            passed = passed | (pd.to_numeric(rows["deadline"], errors="coerce") <= int(self.as_of)).to_numpy()
        deadlines = sorted({int(d) for d in pd.to_numeric(rows["deadline"], errors="coerce").dropna()})
        key = "final" if passed.all() else "progress" if not passed.any() else "mixed"
        deadline = t("report.list_sep", self.lang).join(map(str, deadlines))
        # most deadline years unreported (a template filled up to 2019 and 2021, 2020 left empty): "按期限年
        # 实际值判定" claimed a final verdict 17 of 21 targets do not have; say how many wait for their value
        # (stop 43). A stock met early is judged (achieved) and not counted here.
        unreported = int((rows["stage"] == "deadline not reported").sum())
        if key == "final" and 2 * unreported > len(rows):
            return t("report.stage.final_unreported", self.lang, deadline=deadline, n=len(rows), k=unreported)
        return t(f"report.stage.{key}", self.lang, deadline=deadline)

    @property
    def region_line(self) -> str:
        """``评估地区：白银区（按平川区实施方案的目标评估）`` when the report's one region is not the plan's
        district (a 白银区 table read by its title); with several regions, which of them are assessed
        against the plan's district's targets (白银区、靖远县按平川区…：仅供比较); else "" (the title
        names the plan's district, or every region has targets of its own)."""
        borrowed = [p.region for p in self.regions
                    if p.region != config.DEFAULT_REGION and p.region not in self.own_targets]
        if not borrowed:
            return ""
        plan = region_name(config.DEFAULT_REGION, self.lang)
        if not self.multi_region:
            return t("report.region_line", self.lang, region=region_name(borrowed[0], self.lang), plan_region=plan)
        return t("report.region_line_multi", self.lang, plan_region=plan, regions=t("report.list_sep", self.lang).join(
            region_name(r, self.lang) for r in borrowed))

    def target_table(self) -> pd.DataFrame:
        """The 二 table of every region (a region column first when there are several)."""
        frames = []
        for part in self.regions:
            df = part.table.copy()
            if self.multi_region:
                df.insert(0, t("report.col.region", self.lang), region_name(part.region, self.lang))
            frames.append(df)
        out = pd.concat(frames, ignore_index=True)
        out.attrs = {}
        return out


# ------------------------------------------------------------------------------ pieces
def _text(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return ""
    return str(v).strip()


_CN_NUM = dict(zip("一二三四五六七八九十", map(str, range(1, 11))))


def task_label(task, lang: str) -> str:
    """The plan's task reference: ``"2"`` -> 任务2 / Task 2; ``"一(四)"`` -> 一(四) / Part 1(4)."""
    task = _text(task)
    if not task:
        return text.MISSING
    if task.isdigit():
        return t("report.task_no", lang, task=task)
    latin = "".join(_CN_NUM.get(ch, ch) for ch in task)
    return t("report.task_part", lang, task=task, latin=latin)


def plan_words(row, lang: str) -> str:
    """The target in the plan's words (catalogue ``value_text``) with the indicator's name."""
    name = _text(row.get(f"name_{lang}")) or _text(row.get("name_zh"))
    words = _text(row.get("value_text"))
    if lang == "zh" and words:  # the catalogue's words are the plan's (Chinese) words
        return words if name and name in words else t("report.cell.plan_words", lang, name=name, words=words)
    return t("report.cell.target", lang, name=name, target=text.target_text(row, lang))


def responsible_label(row, lang: str, *, short: bool = False) -> str:
    """The responsible units (catalogue ``responsible``); ``short``: the first one and how many."""
    units = [unit_names(u, lang) for u in re.split(r"[;；]", _text(row.get("responsible"))) if u.strip()]
    if not units:
        return text.MISSING
    if short and len(units) > 2:
        return t("report.cell.units_more", lang, first=units[0], n=str(len(units)), more=str(len(units) - 1))
    return t("report.list_sep", lang).join(units)


def _prob_short(p) -> str:
    if p is None or pd.isna(p):
        return text.MISSING
    p = float(p)
    return "<1%" if p < 0.005 else ">99%" if p > 0.995 else f"{p * 100:.0f}%"


def result_cell(row, lang: str, *, bare_rate: bool = False) -> str:
    """完成率 in the deadline year (``bare_rate``: the percentage alone, under a 完成率 header), or
    the forecast with its 80 % interval."""
    stage = text.stage_of(row)
    if stage == "deadline observed":
        rate, _ = text.completion_of(row)
        return text.fmt_completion(rate) if bare_rate else t("report.cell.rate", lang, rate=text.fmt_completion(rate))
    year = row.get("achieved_year")
    if stage == "met early" and year is not None and not pd.isna(year):
        return t("report.cell.met_early_passed" if text.deadline_passed(row) else "report.cell.met_early", lang,
                 year=int(year))  # achieved: no forecast shown ("to be held" until a deadline not yet passed)
    fc = row.get("forecast")
    if fc is None or pd.isna(fc) or text.low_information(row):  # (two points: no forecast, as the text and figure)
        return text.MISSING
    kind = row.get("kind", "")
    value = text.whole(fc) if kind in text.COUNT_KINDS else fc
    lo, hi = row.get("lower_80"), row.get("upper_80")
    shown = text.fmt_beside(value, row.get("target"), row.get("unit", ""), lang, kind=kind)
    if lo is None or hi is None or pd.isna(lo) or pd.isna(hi):
        return shown
    return t("report.cell.forecast", lang, value=shown, low=text.fmt_number(lo), high=text.fmt_number(hi))


def latest_cell(row, lang: str) -> str:
    v, y = row.get("last_value"), row.get("last_year")
    d, dv = row.get("deadline"), row.get("deadline_value")
    if text.stage_of(row) == "deadline observed" and dv is not None and pd.notna(dv) and d is not None and pd.notna(d):
        v, y = dv, d  # the deadline year's value, the one the 完成率 beside it is of (later years: the sentence)
    if v is None or pd.isna(v) or y is None or pd.isna(y):
        return text.MISSING
    # (beside the target with the decimals it takes not to print it when missed: 1.3499 亿元, not 1.35 … 未完成)
    return t("report.cell.latest", lang, value=text.fmt_beside(v, row.get("target"), row.get("unit", ""), lang,
                                                               kind=row.get("kind", "")), year=int(y))


def counts_of(rows: pd.DataFrame) -> dict[str, int]:
    present = list(rows["status"])
    order = [s for s in STATUS_ORDER if s in present] + sorted(set(present) - set(STATUS_ORDER))
    return {s: present.count(s) for s in order}


def headline(rows: pd.DataFrame, lang: str, as_of, *, shown=None) -> list[str]:
    """Two sentences: the counts by status, then what needs attention (``as_of``: the assessment's year,
    which deadlines have passed; ``shown``: the year "截至" shows, default ``as_of``)."""
    counts = counts_of(rows)
    sep = t("report.list_sep", lang)
    shown = as_of if shown is None else shown
    first = t("report.counts_intro_one" if len(rows) == 1 else "report.counts_intro", lang, n=len(rows),
              year=shown if shown is not None else text.MISSING) + \
        sep.join(t("report.count_item", lang, status=text.status_label(s, lang), n=n) for s, n in counts.items()) + \
        t("report.sentence.end", lang)
    good = sum(counts.get(s, 0) for s in ("achieved", "on track"))
    share = text.fmt_rate(good / len(rows), 0) if len(rows) else text.MISSING
    bad_rows = _attention(rows)
    short = _unverified(rows)
    names = _names(bad_rows, lang)
    statuses = [text.status_label(s, lang) for s in ATTENTION if s in set(bad_rows["status"])]
    if (~bad_rows["status"].isin(ATTENTION)).any():  # an unreported deadline year, short either side of it
        statuses.append(t("report.status_short_around", lang))
    # at the end of term nothing is "on track" any more: only 已完成
    # (a stock met early whose deadline year passed unreported is final too: its deadline is before as_of)
    ahead = rows["stage"].isin(["before deadline", "met early"]) if "stage" in rows.columns else None
    if ahead is not None and as_of is not None:
        ahead = ahead & ~(pd.to_numeric(rows["deadline"], errors="coerce") <= int(as_of))
    final = ahead is not None and not ahead.any()
    second = t(("report.headline_good_final" if final else "report.headline_good") + ("_one" if good == 1 else ""),
               lang, good=good, share=share) + \
        t("report.sentence.space", lang) + \
        (t("report.headline_bad_one" if len(bad_rows) == 1 else "report.headline_bad", lang, bad=len(bad_rows),
           names=names,
           statuses=t("report.list_or", lang).join(statuses)) if len(bad_rows)
         # an unreported deadline year with the year before it short is no verdict, but "没有未完成的目标"
         # beside it read as all clear (靖远县: 4 high-tech firms against 18 in 2019): those targets are
         # named instead, and the deadline year asked for before they are judged
         else _unverified_sentence(short, lang) if len(short)
         else t("report.headline_bad_none_final" if final else "report.headline_bad_none", lang))
    out = [first, second]
    if len(bad_rows) and len(short):  # both: the targets to push, then those to report first
        out.append(_unverified_sentence(short, lang))
    # (另有: the others, not one already named above as short either side of its unreported deadline, nor
    # short the year before it)
    n_missing = int((rows["status"].isin(MISSING_DATA) & ~rows.index.isin(bad_rows.index)
                     & ~rows.index.isin(short.index)).sum())
    if n_missing:
        out.append(t("report.headline_missing_one" if n_missing == 1 else "report.headline_missing", lang, n=n_missing))
    return out


def _names(rows: pd.DataFrame, lang: str) -> str:
    """The rows' target names in ``lang`` (the Chinese name when there is no other), joined."""
    return t("report.names_sep", lang).join(_text(r.get(f"name_{lang}")) or _text(r.get("name_zh"))
                                            for _, r in rows.iterrows())


def _unverified(rows: pd.DataFrame) -> pd.DataFrame:
    """The targets whose deadline year is unreported, with nothing after it, and the latest value
    before it short of the target (:func:`analysis.model.text.short_before_deadline`): no verdict,
    the deadline year is asked for."""
    short = np.array([text.short_before_deadline(r) for _, r in rows.iterrows()], dtype=bool) if len(rows) \
        else np.zeros(0, dtype=bool)
    return rows[short]


def _unverified_sentence(short: pd.DataFrame, lang: str) -> str:
    """``2项目标期限年数据未报，且最近一年（2019年）未达到目标：甲、乙；请补报2020年数据后判定。``"""
    key = "report.headline_unverified_one" if len(short) == 1 else "report.headline_unverified"
    return t(key, lang, n=len(short), names=_names(short, lang), years=_year_list(short["before_year"], lang),
             deadline=_year_list(short["deadline"], lang))


def _year_list(values, lang: str) -> str:
    """``2019`` or ``2018、2019`` (``2018, 2019`` in English): the distinct years in ``values``, in
    order (NaN left out)."""
    years = sorted({int(y) for y in pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce").dropna()})
    return t("report.list_sep", lang).join(map(str, years)) if years else text.MISSING


def _signed(x, fmt, lang: str, *, pp: bool = False, count: bool = False) -> str:
    """A recent change in words: 增长3.0% / 下降5.2% / 增加1家 (up 3.0% / down 5.2%), never a minus sign."""
    if x is None or pd.isna(x):
        return text.MISSING
    x = float(x)
    word = "up" if x > 0 else "down" if x < 0 else "flat"
    return t(f"report.change_{word}{'_pp' if pp else '_n' if count else ''}", lang, amount=fmt(abs(x)))


def _attention(rows: pd.DataFrame) -> pd.DataFrame:
    """The targets that need attention: not achieved, off track, at risk, and an unreported deadline
    year with every value either side of it short of the target."""
    around = np.array([text.misses_around_deadline(r) for _, r in rows.iterrows()], dtype=bool) if len(rows) \
        else np.zeros(0, dtype=bool)
    return rows[rows["status"].isin(ATTENTION).to_numpy() | around]


def _issue(row, lang: str, *, borrowed: bool = False) -> str:
    """One item of 六 问题与建议 (``borrowed``: a region held to the plan's district's targets, whose
    responsible units are not its own)."""
    unit, kind = row.get("unit", ""), row.get("kind", "")
    stage = text.stage_of(row)
    if text.misses_around_deadline(row):
        values = t("report.list_sep", lang).join(t("report.sentence.year_value", lang, year=y, value=text.fmt_value(
            v, unit, lang, kind=kind)) for y, v, _ in text.around_deadline(row))
        need = t("report.issue_need_around", lang, values=values,
                 target=text.fmt_value(row.get("target"), unit, lang, kind=kind))
    elif text.short_before_deadline(row):  # (not a pace "still required": the deadline has passed)
        values = t("report.list_sep", lang).join(t("report.sentence.year_value", lang, year=y, value=text.fmt_value(
            v, unit, lang, kind=kind)) for y, v, _ in text.around_deadline(row))
        need = t("report.issue_need_unverified", lang, values=values, deadline=int(row["deadline"]),
                 target=text.fmt_value(row.get("target"), unit, lang, kind=kind))
    elif stage == "deadline observed":
        _, gap = text.completion_of(row)
        gap = abs(gap) if gap == gap else gap
        need = t("report.issue_need_missed", lang, deadline=int(row["deadline"]),
                 actual=text.fmt_beside(row.get("deadline_value", row.get("last_value")), row.get("target"), unit,
                                        lang, kind=kind),
                 target=text.fmt_value(row.get("target"), unit, lang, kind=kind),
                 # a share's gap in percentage points (0.68% against 0.7%: 0.02 个百分点, not 0.02%), with the
                 # decimals it takes not to read 0 (差0.0001亿元, not 差0亿元)
                 gap=t("report.pp", lang, amount=text.fmt_small(gap)) if unit == "%" and gap == gap
                 else text.fmt_gap(gap, unit, lang, kind=kind))
    elif (pd.notna(row.get("last_value")) and pd.notna(row.get("deadline"))
          and text.meets_target(row, row["last_value"])):
        # at the target's level, not yet in the deadline year: "须年均降低0.01个百分点" read as an instruction
        value, fc = (text.fmt_value(row.get(k), unit, lang, kind=kind) for k in ("last_value", "forecast"))
        need = (t("report.issue_need_hold_forecast", lang, value=value, deadline=int(row["deadline"]), forecast=fc)
                if pd.notna(row.get("forecast")) else
                t("report.issue_need_hold", lang, value=value, deadline=int(row["deadline"])))
    elif unit == "%" and pd.notna(row.get("required_per_year")):
        req = float(row["required_per_year"])  # a fall (a ≤ target) in words, never "提高-0.5个百分点"
        need = t("report.issue_need_pp" + ("_down" if req < 0 else ""), lang, amount=text.fmt_number(abs(req)),
                 actual=_signed(row.get("actual_per_year"), text.fmt_number, lang, pp=True))
    elif (kind in text.COUNT_KINDS or pd.isna(row.get("required_growth"))) and pd.notna(row.get("required_per_year")):
        req = float(row["required_per_year"])
        need = t("report.issue_need_add" + ("_down" if req < 0 else ""), lang,
                 amount=text.fmt_value(abs(req), unit, lang, kind=kind),
                 actual=_signed(row.get("actual_per_year"), lambda x: text.fmt_value(x, unit, lang, kind=kind), lang,
                                count=True))
    elif pd.notna(row.get("required_growth")):
        req = float(row["required_growth"])
        need = t("report.issue_need_growth" + ("_down" if req < 0 else ""), lang, rate=text.fmt_rate(abs(req)),
                 actual=_signed(row.get("actual_growth"), text.fmt_rate, lang))
    else:
        need = t("report.issue_need_unknown", lang, gap=text.MISSING)
    resp = t("report.responsible_other_region", lang) if borrowed else responsible_label(row, lang)
    return t("report.issue_item", lang, name=_text(row.get(f"name_{lang}")) or _text(row.get("name_zh")),
             status=text.status_label(row["status"], lang),
             unit=resp if resp != text.MISSING else t("report.responsible_unknown", lang), need=need)


TABLE_COLUMNS = ("target_text", "task", "responsible", "latest", "result", "prob", "status")


def target_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The 二 table: formatted text cells, headers in ``lang``; ``attrs["status"]`` the status keys,
    ``attrs["columns"]`` the column keys (:data:`TABLE_COLUMNS`).

    At the end of term (every deadline year observed, or passed without a value) the table has no
    forecast to show: the result column is ``完成率`` (key ``completion``); the probability column
    is left out whenever no row has a probability."""
    data = {
        "target_text": [plan_words(r, lang) for _, r in rows.iterrows()],
        "task": [task_label(r.get("task"), lang) for _, r in rows.iterrows()],
        "responsible": [responsible_label(r, lang, short=True) for _, r in rows.iterrows()],
        "latest": [latest_cell(r, lang) for _, r in rows.iterrows()],
        "result": [result_cell(r, lang) for _, r in rows.iterrows()],
        # (a probability from fewer than 3 points is a low-information estimate: marked †, see the footnote)
        # (none once the deadline has passed: a target met in 2019 with 2020 unreported is not ">99%")
        "prob": [_prob_short(r.get("prob_meet")) + ("†" if text.low_information(r) else "")
                 if text.stage_of(r) != "deadline observed" and not text.deadline_passed(r) else text.MISSING
                 for _, r in rows.iterrows()],
        "status": [text.status_label(s, lang) for s in rows["status"]],
    }
    keys = list(TABLE_COLUMNS)
    if len(rows) and all(p == text.MISSING for p in data["prob"]):
        keys.remove("prob")
    if len(rows) and all(text.stage_of(r) in ("deadline observed", "deadline not reported") for _, r in rows.iterrows()):
        data.pop("result")
        data["completion"] = [result_cell(r, lang, bare_rate=True) for _, r in rows.iterrows()]
        keys[keys.index("result")] = "completion"
    out = pd.DataFrame({k: data[k] for k in keys}, columns=keys)
    out.columns = [t(f"report.col.{c}", lang) for c in keys]
    out.attrs = {"status": list(rows["status"]), "columns": keys}
    return out


def with_catalogue(assessment: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """The scorecard rows with the catalogue's ``task``, ``clause``, ``value_text``, ``responsible``: from
    the row of the scorecard row's region where the catalogue has one, else from its row without a region
    (as the scorecard reads a per-region catalogue). One row out per row in, in the same order."""
    cols = [c for c in ("task", "clause", "value_text", "responsible") if c in targets.columns]
    cat = targets[["id", *cols]].rename(columns={"id": "indicator_id"})
    where = (targets["region"].fillna("").astype(str).str.strip() if "region" in targets.columns
             else pd.Series("", index=targets.index))
    cat = cat.assign(region=where.to_numpy())
    df = assessment.drop(columns=[c for c in cols if c in assessment.columns])
    general = cat[cat["region"] == ""].drop(columns="region").drop_duplicates("indicator_id")
    out = df.merge(general, on="indicator_id", how="left")
    own = cat[cat["region"] != ""].drop_duplicates(["indicator_id", "region"]).set_index(["indicator_id", "region"])
    if len(own) and "region" in out.columns:
        key = pd.MultiIndex.from_arrays([out["indicator_id"].astype(str), out["region"].astype(str)])
        hit = key.isin(own.index)
        for c in cols:
            out.loc[hit, c] = own.loc[key[hit], c].to_numpy()
    out.attrs = dict(assessment.attrs)
    return out


# ------------------------------------------------------------------------------ sectors
def sector_part(ctx: figures.ReportContext, lang: str, *, include: bool, left_out_reason: str | None = None
                ) -> SectorPart:
    """四 重点产业 from :mod:`analysis.model.sectors` (comparison table and focus summary)."""
    if not include:
        return SectorPart(intro="", table=None, sentences=[], note=left_out_reason or t("report.sectors_left_out_doc", lang))
    try:
        panel = ctx.sector_panel
        metrics = list(dict.fromkeys(panel["metric"]))
        metric = next((m for m in SECTOR_METRICS if m in metrics), metrics[0] if metrics else None)
        if metric is None:
            raise ValueError("empty sector panel")
        cmp_ = sectors.compare(panel, metrics=[metric], lang=lang, intensities=False)
        focus = sectors.focus_summary(panel)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - the report goes on without this part, and says why
        return SectorPart(intro="", table=None, sentences=[],
                          note=t("report.sectors_unavailable", lang, why=f"{type(exc).__name__}: {exc}"))
    meta = None
    try:
        meta = sectors.metric_metadata()
    except Exception:  # noqa: BLE001 - a label only
        pass
    mname = re.sub(r"\s*\([^()]*\)$", "", sectors.metric_label(metric, lang, meta))
    region = cmp_["region"].iloc[0] if len(cmp_) else ""
    cmp_ = cmp_[cmp_["region"] == region]
    a, b = int(cmp_["year_a"].iloc[0]), int(cmp_["year_b"].iloc[0])
    unit = cmp_["unit"].iloc[0] if len(cmp_) else ""
    table = pd.DataFrame({
        t("report.col.sector", lang): cmp_["name"].tolist(),
        t("report.col.value_a", lang, year=a): [text.fmt_value(v, unit, lang) for v in cmp_["value_a"]],
        t("report.col.value_b", lang, year=b): [text.fmt_value(v, unit, lang) for v in cmp_["value_b"]],
        t("report.col.cagr", lang): [text.fmt_rate(v / 100 if pd.notna(v) else v) for v in cmp_["cagr_pct"]],
        t("report.col.share_b", lang): [text.fmt_rate(v / 100 if pd.notna(v) else v) for v in cmp_["share_pct"]],
        t("report.col.rank", lang): [text.fmt_number(v) for v in cmp_["rank_b"]],
    })
    # the same table as numbers, the units in the headers (the workbook: a clerk sorts and sums these)
    unit_word = text.unit_label(unit, lang)
    in_unit = (lambda h: t("common.with_unit", lang, name=h, unit=unit_word)) if unit_word else (lambda h: h)
    numbers = pd.DataFrame({
        t("report.col.sector", lang): cmp_["name"].tolist(),
        in_unit(t("report.col.value_a", lang, year=a)): cmp_["value_a"].astype(float).tolist(),
        in_unit(t("report.col.value_b", lang, year=b)): cmp_["value_b"].astype(float).tolist(),
        t("report.col.cagr", lang): (cmp_["cagr_pct"].astype(float) / 100).tolist(),
        t("report.col.share_b", lang): (cmp_["share_pct"].astype(float) / 100).tolist(),
        t("report.col.rank", lang): cmp_["rank_b"].astype(float).tolist(),
    })
    table.attrs = {"focus": [s in vocab.FOCUS_SECTORS for s in cmp_["sector"]],
                   "caption": t("report.sector_table", lang, metric=mname, a=a, b=b),
                   "numbers": numbers, "formats": ["@", "#,##0.00", "#,##0.00", "0.0%", "0.0%", "0"]}
    sentences = []
    f = focus[(focus["region"] == region) & (focus["metric"] == metric)] if len(focus) else focus
    if len(f):
        r = f.iloc[0]
        sentences.append(t("report.sector_focus", lang, metric=mname, share=text.fmt_rate(r["focus_share_b_pct"] / 100),
                           rest=text.fmt_rate(1 - r["focus_share_b_pct"] / 100), a=a, b=b,
                           fg=text.fmt_rate(r["focus_cagr_pct"] / 100), rg=text.fmt_rate(r["rest_cagr_pct"] / 100)))
    for _, r in cmp_[cmp_["sector"].isin(vocab.FOCUS_SECTORS)].iterrows():
        sentences.append(t("report.sector_row", lang, name=r["name"], b=b, a=a, value=text.fmt_value(r["value_b"], unit, lang),
                           growth=text.fmt_rate(r["cagr_pct"] / 100 if pd.notna(r["cagr_pct"]) else r["cagr_pct"]),
                           share=text.fmt_rate(r["share_pct"] / 100 if pd.notna(r["share_pct"]) else r["share_pct"]),
                           rank=text.fmt_number(r["rank_b"])))
    note = t("report.sectors_illustrative", lang) if ctx.caption("sectors", lang)["illustrative"] else None
    return SectorPart(intro=t("report.sector_intro", lang, metric=mname, a=a, b=b), table=table,
                      sentences=sentences, note=note)


# ------------------------------------------------------------------------------ tasks and benchmarks
def ledger_part(ctx: figures.ReportContext, lang: str, *, include: bool, left_out_reason: str | None = None
                ) -> LedgerPart:
    """三 任务落实情况 from the context's ledger (:func:`analysis.model.ledger.ledger_section`)."""
    if not include:
        return LedgerPart(included=False, note=left_out_reason or t("report.ledger_left_out_doc", lang))
    led = ctx.ledger
    names = _indicator_names(ctx.targets, lang)
    sec = model_ledger.ledger_section(led, ctx.assessment, lang, as_of=ctx.ledger_as_of, names=names)
    a = sec["analysis"]
    tables = {k: sec["tables"][k] for k in ("status", "late", "consistency") if k in sec["tables"]}
    tables["status"] = tables["status"].drop(columns=[t("ledger.col.task_id", lang)])
    if "late" in tables:
        tables["late"] = tables["late"].drop(columns=[t("ledger.col.task_id", lang)])
    if "consistency" in tables:
        tables["consistency"] = tables["consistency"].drop(columns=[t("ledger.col.task_id", lang)])
        tables["consistency"].attrs = {"flag": [bool(f) for f in a.consistency["flag"]]}
    units = dict(zip(a.status["task_id"], a.status["units"]))
    labels = {r.task_id: (t("report.ledger_task", lang, task=r.task_id, title=r.title if lang == "zh" else r.title_en)
                          if str(r.task_id).isdigit() else t("ledger.fig.goal_label", lang))
              for r in a.status.itertuples()}
    issues = []
    for r in a.late.itertuples():
        why = t("ledger.sep_clause", lang).join(model_ledger.late_reason(k, r, a.as_of, lang) for k in r.reasons)
        issues.append(t("report.ledger_issue_late", lang, task=labels[r.task_id], why=why,
                        unit=unit_names(units.get(r.task_id), lang) or t("report.responsible_unknown", lang)))
    for r in a.flagged.itertuples():
        issues.append(t("report.ledger_issue_flag", lang, task=labels[r.task_id],
                        finding=model_ledger.finding_text(r, lang, names)))
    source = led.attrs.get(f"source_{lang}") or led.attrs.get("file", "")
    # the illustrative note is shown once, as a stamp (LedgerPart.illustrative), not in the headline
    headline = [x for x in sec["headline"] if x != t("ledger.section.illustrative", lang)]
    if len(a.flagged) and len(headline) > 2:  # the findings themselves are in the table and in 六
        flagged = sec["tables"]["consistency"].loc[list(a.consistency["flag"]), t("ledger.col.task", lang)]
        headline[2] = t("report.ledger_flags_short", lang, n=len(flagged),
                        tasks=t("ledger.sep", lang).join(flagged))
    return LedgerPart(included=True, headline=headline, tables=tables, figures=list(sec["figures"]),
                      notes=[_note(p, lang) for p in led.attrs.get("conversions", [])], issues=issues, illustrative=bool(sec["illustrative"]),
                      source=t("report.ledger_source", lang, source=source, as_of=sec["as_of"] or text.MISSING),
                      ledger=led)


def _note(problem, lang: str) -> str:
    """A conversion note of the ledger intake: ``row N, column: message`` (no empty ``::``)."""
    row, col = getattr(problem, "row", None), getattr(problem, "column", None)
    message = problem.text(lang) if hasattr(problem, "text") else str(getattr(problem, "message", problem))
    if row is None and not col:
        return message
    return t("report.ledger_note_at", lang, row=row if row is not None else text.MISSING, column=col or text.MISSING,
             message=message)


def _indicator_names(targets: pd.DataFrame, lang: str) -> dict[str, str]:
    col = f"name_{lang}" if f"name_{lang}" in targets.columns else "name_zh"
    return {i: _text(n) or i for i, n in zip(targets["id"], targets[col])}


def _bench_sources(b, lang: str) -> str:
    """The benchmark's sources in one line: the district's data, then each region's hosts."""
    sep = t("report.list_sep", lang)
    used = b.table
    items = []
    for region in model_benchmarks.REGIONS[1:]:
        hosts = sorted({model_benchmarks.source_label(u, lang) for u, r in zip(used["source_url"], used["region"])
                        if r == region and u})
        if hosts:
            items.append(t("report.bench_source_item", lang, region=model_benchmarks._region(region, lang),
                           hosts=sep.join(hosts)))
    if (used["measure"] == "per_capita").any() and b.sources.get("population"):
        items.append(t("report.bench_population", lang, hosts=sep.join(
            model_benchmarks.source_label(h, lang) for h in b.sources["population"])))
    district = t("report.bench_district_illustrative" if b.illustrative else "report.bench_district_own", lang)
    return t("report.bench_sources", lang, district=district, others=t("report.sentence.sep", lang).join(items))


def benchmark_part(ctx: figures.ReportContext, lang: str) -> BenchmarkPart:
    """五 与全省、全国比较 from :func:`analysis.model.benchmarks.benchmark_section`."""
    try:
        sec = model_benchmarks.benchmark_section(ctx.observations_as_of, lang, public=ctx.public, targets=ctx.targets,
                                                 illustrative=bool(ctx.provenance.get("illustrative")))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - the report goes on without this part, and says why
        return BenchmarkPart(note=t("report.bench_unavailable", lang, why=f"{type(exc).__name__}: {exc}"))
    b = sec["benchmarks"]
    if not b.compared:
        return BenchmarkPart(headline=[], note=t("report.bench_none", lang))
    cov = b.coverage
    named = [(r.basis != "none") or has(f"ledger.bench.why.{r.indicator_id}") for r in cov.itertuples()]
    rest = cov.loc[[not k for k in named]]
    not_compared = t("report.bench_not_compared", lang, n=len(rest), names=t("report.list_sep", lang).join(
        rest[f"name_{lang}"])) if len(rest) else None
    coverage = sec["tables"]["coverage"].loc[named].reset_index(drop=True)
    return BenchmarkPart(headline=list(sec["headline"]), table=sec["tables"]["values"], coverage=coverage,
                         not_compared=not_compared, sources=_bench_sources(b, lang), figures=list(sec["figures"]))


# ------------------------------------------------------------------------------ the whole
#: Files of the register that only the back-test uses (``python -m analysis backtest``): the national,
#: provincial, city and EU plans' targets and the provinces', cities' and EU states' own series; the
#: district's report cites none of them.
_BACKTEST_ONLY = ("_targets.csv", "china_provincial_observations.csv", "china_city_observations.csv",
                  "eu_renewable_share_observations.csv", "eu_rd_observations.csv", "eu_education_observations.csv",
                  "eu_employment_observations.csv", "china_prefecture_observations.csv",
                  "china_nbs_communique_1995_2010_observations.csv", "china_subnational_2004_2010_observations.csv")


def _sources(lang: str) -> pd.DataFrame:
    path = config.sources_path()
    if not path.exists():
        return pd.DataFrame(columns=["title", "producer", "url"])
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    # the plan and the published statistics; the suite's own metadata files are not sources
    if "producer" in df.columns:
        producer = df["producer"].str.strip().str.lower()
        df = df[~(producer.str.startswith("this project") | (producer == ""))]
    if "path" in df.columns:  # the back-test's plan checks (targets of other plans, other provinces) are not this report's
        df = df[~df["path"].str.endswith(_BACKTEST_ONLY)]
    # Chinese first: the register's Chinese title and producer where it has them
    for col in ("title", "producer"):
        zh = f"{col}_zh"
        if lang == "zh" and zh in df.columns and col in df.columns:
            df[col] = df[zh].where(df[zh].str.strip() != "", df[col])
    if "url" in df.columns:  # the register's note for sources cited row by row ("per row: note column")
        per_row = df["url"].str.extract(r"^per row: (\w+) column$", expand=False)
        df["url"] = df["url"].where(per_row.isna(), per_row.map(
            lambda c: t("report.src.per_row", lang, column=c) if isinstance(c, str) else ""))
    keep = [c for c in ("title", "producer", "url", "accessed") if c in df.columns]
    return df[keep].reset_index(drop=True)


def build_content(ctx: figures.ReportContext, lang: str = "zh", *, include_sectors: bool = True,
                  sectors_reason: str | None = None, figure_files: dict[str, Path] | None = None,
                  date: _dt.date | None = None, include_ledger: bool = True,
                  ledger_reason: str | None = None) -> ReportContent:
    """Compute what the report says (see the module docstring).

    Parameters
    ----------
    ctx : ReportContext
    lang : {"zh", "en"}
    include_sectors : bool
        Write 四 重点产业 from the context's sector panel; when False the part says why it
        is left out (``sectors_reason``, default: the user's own data).
    include_ledger : bool
        Write 三 任务落实情况 from the context's ledger; when False the section says why it is
        left out (``ledger_reason``, default: the user's own data without ``--ledger``).
    figure_files : dict, optional
        Figure slug -> exported PNG (figures shown in the report).
    date : date, optional
        The report's date (default today).
    """
    table = getattr(ctx.assessment, "table", ctx.assessment)
    rows_all = with_catalogue(table, ctx.targets)
    cap = ctx.caption("observations", lang)
    # (the caption's year is the last year observed, what 数据截至 shows; which deadlines have passed is
    # the assessment's own as_of: --as-of 2030 on data ending in 2019 has passed the 2020 deadline)
    as_of, shown = ctx.as_of_year, cap["as_of"]
    regions = []
    order = list(dict.fromkeys(rows_all["region"]))  # the plan's own region first, as in the figures
    order.sort(key=lambda r: r != config.DEFAULT_REGION)
    own = {str(r) for r in ctx.targets.get("region", pd.Series(dtype=object)).dropna() if str(r).strip()}
    for region in order:
        rows = rows_all[rows_all["region"] == region]
        rows = rows.reset_index(drop=True)
        dated = rows.assign(as_of=as_of)  # the sentences know whether a deadline has passed
        attention = _attention(rows)
        unverified = _unverified(rows)
        # (those short the year before an unreported deadline are listed with their values in 六, the
        # deadline year asked for there: not named a second time among the targets that lack data)
        missing = rows[rows["status"].isin(MISSING_DATA) & ~rows.index.isin(unverified.index)]
        sep = t("report.names_sep", lang)
        borrowed = str(region) != config.DEFAULT_REGION and str(region) not in own
        regions.append(RegionPart(
            region=str(region), rows=rows, counts=counts_of(rows), headline=headline(rows, lang, as_of, shown=shown),
            table=target_table(dated, lang), sentences=[text.target_sentence(r, lang) for _, r in dated.iterrows()],
            issues=[_issue(r, lang, borrowed=borrowed) for _, r in attention.iterrows()],
            missing=t("report.issues_missing", lang, names=sep.join(
                _text(r.get(f"name_{lang}")) or _text(r.get("name_zh")) for _, r in missing.iterrows()))
            if len(missing) else None,
            unverified=[_issue(r, lang, borrowed=borrowed) for _, r in unverified.iterrows()],
            unverified_deadline=_year_list(unverified["deadline"], lang) if len(unverified) else ""))
    overview = None
    if len(regions) > 1:
        statuses = [s for s in STATUS_ORDER if any(s in r.counts for r in regions)]
        overview = pd.DataFrame(
            [[region_name(r.region, lang)] + [r.counts.get(s, 0) for s in statuses] + [len(r.rows)] for r in regions],
            columns=[t("report.col.region", lang)] + [text.status_label(s, lang) for s in statuses]
            + [t("report.summary.total", lang)])
    plan_own = config.is_plan_catalogue(ctx.targets_path)
    catalogue_name = "" if plan_own else Path(ctx.targets_path).name
    methods = [t("report.method.plan", lang, n=len(ctx.targets)) if plan_own else
               t("report.method.plan_catalogue", lang, file=catalogue_name, n=len(ctx.targets)),
               t("report.method.status", lang),
               t("report.method.forecast", lang), t("report.method.growth", lang)]
    if include_ledger:
        methods.append(t("report.method.ledger", lang))
    if include_sectors:
        methods.append(t("report.method.sectors", lang))
    methods.append(t("report.method.benchmarks", lang))
    methods.append(t("report.method.software", lang))
    figs = {}
    stages = {text.stage_of(r) for _, r in rows_all.iterrows()}
    for slug, png in (figure_files or {}).items():
        if slug == "growth" and "before deadline" not in stages:
            continue  # growth still required means nothing once every deadline has passed (or is met)
        spec = figures.get(slug)
        figs[slug] = (spec.number, spec.title(lang), Path(png))
    return ReportContent(
        lang=lang, title=t("report.title", lang) if plan_own else t("report.title_catalogue", lang,
                                                                      name=Path(catalogue_name).stem),
        date=_date_text(date or _dt.date.today(), lang), as_of=as_of,
        source=cap["source"], illustrative=bool(cap["illustrative"]), regions=regions, overview=overview,
        sectors=sector_part(ctx, lang, include=include_sectors, left_out_reason=sectors_reason),
        methods=methods, sources=_sources(lang), figures=figs,
        footnote=t("report.missing_footnote", lang)
        + (t("report.prob_footnote", lang) if any(t("report.col.prob", lang) in p.table.columns for p in regions) else "")
        + (t("report.low_information_footnote", lang, n=labels.MIN_POINTS)
           if any(text.low_information(r) for _, r in rows_all.iterrows()) else ""),
        ledger=ledger_part(ctx, lang, include=include_ledger, left_out_reason=ledger_reason),
        benchmarks=benchmark_part(ctx, lang), data_notes=_data_notes(ctx, lang), status_line=_status_line(ctx, lang),
        own_targets=frozenset(own), data_as_of=shown)


def _data_notes(ctx: figures.ReportContext, lang: str) -> list[str]:
    """The reader's account of the user's data files, for the annex: what it read of each (layout,
    rows, years, regions, every conversion) and each warning at its row and column."""
    out: list[str] = []
    for info in _intakes(ctx):
        if getattr(info, "lang", lang) != lang:
            continue
        lines = [ln.strip() for ln in info.lines() if ln.strip()]
        if lines and lines[0].endswith(str(info.file)):  # the file by its name, not the path on this machine
            lines[0] = lines[0][: -len(str(info.file))] + Path(str(info.file)).name
        warn = [t("report.data_note_at", lang, row=w.row, column=w.column, message=w.message) if w.row is not None
                and w.column else t("report.data_note_row", lang, row=w.row, message=w.message) if w.row is not None
                else w.message for w in info.warnings]
        out += lines + warn
    return out


def _intakes(ctx: figures.ReportContext) -> list:
    """What the reader understood of each of the user's data files (:class:`~analysis.io.readers.summary.Intake`;
    several with ``--data a --data b``); none for the bundled data."""
    if ctx.data is None:
        return []
    attrs = ctx.observations.attrs
    found = attrs.get("intakes") or [attrs.get("intake")]
    return [i for i in found if i is not None]


def _status_line(ctx: figures.ReportContext, lang: str) -> str:
    """Under the title: the years the user's files say are preliminary (快报) figures, the verdicts
    resting on them (said in the annex alone, it was easy to miss)."""
    years = sorted({y for info in _intakes(ctx) for y in (getattr(info, "preliminary", []) or [])})
    return t("report.preliminary_line", lang, years=t("report.list_sep", lang).join(map(str, years))) if years else ""


def _date_text(day: _dt.date, lang: str) -> str:
    return t("report.date_value", lang, year=str(day.year), month=str(day.month), day=str(day.day),
             iso=day.isoformat())


#: Region names the report knows in English (key of ``report.region.<id>``); others are shown as given.
REGION_IDS = {"平川区": "pingchuan", "白银区": "baiyin_district", "靖远县": "jingyuan", "会宁县": "huining",
              "景泰县": "jingtai", "白银市": "baiyin_city"}
#: Responsible units named in the catalogue (key of ``report.unit_name.<id>``).



def region_name(region: str, lang: str) -> str:
    """A region's name in ``lang``: the i18n name when there is one, else :func:`analysis.i18n.names.place_name`
    (a country the data name in English is 奥地利 in Chinese, as in the figures; a Chinese place romanised in
    English)."""
    key = f"report.region.{REGION_IDS.get(region, '')}"
    return t(key, lang) if has(key) else place_name(region, lang)
