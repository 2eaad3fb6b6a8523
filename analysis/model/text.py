"""Sentences from numbers: one sentence per target, in Chinese or English.

:func:`target_sentence` turns one row of the scorecard table
(:func:`analysis.model.scorecard.assess`) into the sentence the Word report, the HTML
report, the workbook's 说明 column and the explorer show. It says where the target
stands, how fast it moves, what is still needed, how likely it is to be met and the
verdict, with wording for each stage of the plan:

* ``before deadline``: latest value, pace since the baseline, growth (or additions) still
  required a year, forecast at the deadline with its 80 % interval, probability;
* ``met early``: a stock that reached its target before the deadline ("met in 2018; to be
  held");
* ``deadline observed``: the actual value in the deadline year, 完成率 (completion rate =
  actual / target) and the gap;
* ``deadline not reported``: the deadline year is past but missing; latest value and, if
  there is one, the forecast.

Every word comes from :mod:`analysis.i18n.report`; the number formatting helpers
(:func:`fmt_number`, :func:`fmt_value`, :func:`fmt_rate`, :func:`fmt_prob`) are shared by
every table of the report so that a number reads the same everywhere.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Mapping

from analysis import vocab
from analysis.i18n import has, t
from analysis.i18n.names import unit_after
from analysis.model.labels import STATUS_ON_TRACK as ON_TRACK
from analysis.model.trends import meets

__all__ = ["target_sentence", "sentence_parts", "target_text", "stage_of", "completion_of", "fmt_number", "fmt_value",
           "fmt_rate", "fmt_completion", "fmt_prob", "low_information", "unit_text", "unit_label", "model_name", "status_label", "stage_label", "meets_target", "STAGES", "MISSING"]

STAGES = ("before deadline", "deadline observed", "deadline not reported", "met early")
#: Shown for a missing number in every table (with a footnote).
MISSING = "—"
#: Kinds whose values are whole numbers (counts of things).
COUNT_KINDS = ("count", "milestone")
MIN_POINTS = 3
_UNIT_KEYS = {"个": "count", "家": "count", "项": "count", "名": "count", "人": "count", "件": "count",
              "亿元": "yi_yuan", "万元": "wan_yuan", "件/万人": "per_10k", "%": "percent"}


# ------------------------------------------------------------------------------ numbers
def _f(x) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return math.nan
    return v


def _ok(x) -> bool:
    v = _f(x)
    return not (math.isnan(v) or math.isinf(v))


def fmt_number(x, *, whole: bool = False) -> str:
    """A number for reading: whole numbers without decimals, others with 2 (1 above 10,
    none above 1000), trailing zeros dropped, thousands separated; :data:`MISSING` for NaN."""
    v = _f(x)
    if math.isnan(v) or math.isinf(v):
        return MISSING
    if whole or abs(v - round(v)) < 1e-9:
        digits = 0
    else:
        digits = 0 if abs(v) >= 1000 else 1 if abs(v) >= 10 else 2
    # half away from zero, as people round (format() rounds half to even: 1234.5 -> 1234)
    q = Decimal(repr(v)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    text = f"{q:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def unit_text(unit: str, lang: str = "zh") -> str:
    """The unit as it follows a number in ``lang`` (English counts carry no unit word; money units
    spelled out: :func:`analysis.i18n.names.unit_after`)."""
    return unit_after(unit, lang)


def unit_label(unit: str, lang: str = "zh") -> str:
    """The unit on its own (a table's unit column): ``"家"`` / ``"number"``, ``"亿元"`` / ``"100 million yuan"`` (the
    figures' axis word, :func:`analysis.i18n.names.unit_label`)."""
    unit = "" if unit is None or (isinstance(unit, float) and math.isnan(unit)) else str(unit)
    key = _UNIT_KEYS.get(unit)
    return t(f"report.unit_label.{key}", lang, unit=unit) if key else unit


def whole(x) -> int:
    """A count's forecast in whole things, halves up as people (and Excel's ``#,##0``) round them:
    2.5 firms is 3 (Python's ``round`` says 2, the workbook showed 3 beside the report's 2)."""
    return int(Decimal(repr(_f(x))).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def fmt_value(x, unit: str = "", lang: str = "zh", *, kind: str = "") -> str:
    """A value with its unit, e.g. ``"18家"``, ``"1.35亿元"``, ``"0.64%"`` (en: ``"18"``,
    ``"1.35 hundred million yuan"``)."""
    text = fmt_number(x, whole=kind in COUNT_KINDS and _ok(x) and abs(_f(x) - round(_f(x))) < 1e-9)
    if text == MISSING:
        return text
    return text + unit_text(unit, lang)


def fmt_beside(x, target, unit: str = "", lang: str = "zh", *, kind: str = "") -> str:
    """:func:`fmt_value` of ``x`` said beside ``target``: with the decimals it takes not to print
    the target when it differs from it (a forecast of 0.703 % for a target of 0.7 %: ``0.703%``,
    not ``0.7%``, which reads as the target met exactly beside a probability of 39 %). Counts are
    whole things, as always."""
    shown = fmt_value(x, unit, lang, kind=kind)
    if kind in COUNT_KINDS or not (_ok(x) and _ok(target)) or _f(x) == _f(target) or \
            fmt_number(x) != fmt_number(target):
        return shown
    for digits in range(3, 7):
        text = f"{_f(x):.{digits}f}".rstrip("0").rstrip(".")
        if text != fmt_number(target):
            return text + unit_text(unit, lang)
    return shown


def fmt_small(x) -> str:
    """:func:`fmt_number`, with the decimals it takes not to print 0 for a number that is not 0 (a gap
    of 0.0001 亿元 beside 未完成 read "比目标少0亿元"; stop 43)."""
    text = fmt_number(x)
    if not _ok(x) or _f(x) == 0 or text.lstrip("-") != "0":
        return text
    for digits in range(3, 9):
        text = f"{_f(x):.{digits}f}".rstrip("0").rstrip(".")
        if text.lstrip("-") != "0":
            return text
    return text


def fmt_gap(x, unit: str = "", lang: str = "zh", *, kind: str = "") -> str:
    """A gap with its unit: whole things for counts (:func:`fmt_value`), else :func:`fmt_small` (差0.0001亿元,
    never 差0亿元)."""
    if kind in COUNT_KINDS or not _ok(x):
        return fmt_value(x, unit, lang, kind=kind)
    return fmt_small(x) + unit_text(unit, lang)


def fmt_rate(x, digits: int = 1) -> str:
    """A ratio as a percentage, ``0.0385 -> "3.8%"``; :data:`MISSING` for NaN."""
    if not _ok(x):
        return MISSING
    return f"{_f(x) * 100:.{digits}f}%"


def fmt_completion(x, digits: int = 1) -> str:
    """A completion rate (actual / target) as a percentage, ``0.85 -> "85.0%"``, never rounded up to
    100 % when the target is missed: 1.349 of 1.35 is ``99.9%`` (more digits where needed), not
    ``100%`` beside 未完成. :data:`MISSING` for NaN."""
    if not _ok(x):
        return MISSING
    v = _f(x) * 100
    out = f"{v:.{digits}f}"
    d = max(digits, 1)
    while v < 100 and float(out) >= 100 and d <= 6:
        out = f"{math.floor(v * 10 ** d) / 10 ** d:.{d}f}"
        d += 1
    return out + "%"


def fmt_prob(p, lang: str = "zh") -> str:
    """A probability in whole percent; below 1 % and above 99 % said in words."""
    if not _ok(p):
        return MISSING
    p = _f(p)
    if p < 0.005:
        return t("report.prob.below", lang)
    if p > 0.995:
        return t("report.prob.above", lang)
    return f"{p * 100:.0f}%"


def model_name(model, lang: str = "zh") -> str:
    """The forecast model's name in ``lang`` (the table stores ids such as ``drift+logdrift``)."""
    key = str(model or "").strip() or "none"
    full = f"report.model.{_key(key)}"
    if has(full):
        return t(full, lang)
    parts = key.split("+")
    if len(parts) > 1 and all(has(f"report.model.{_key(p)}") for p in parts):  # e.g. drift+linear+holt
        names = [t(f"report.model.{_key(p)}", lang) for p in parts]
        if lang == "zh":
            names = [n.removesuffix("模型") for n in names]
        return t("report.model.combined", lang, parts=t("report.model.sep", lang).join(names))
    return key


def status_label(status: str, lang: str = "zh") -> str:
    """A status's display name: :func:`analysis.vocab.status_name`, or this module's words for
    statuses the vocabulary does not list yet (``not achieved``, ``deadline year not reported``)."""
    name = vocab.status_name(status, lang)
    key = f"report.status.{_key(status)}"
    return t(key, lang) if name == status and has(key) else name


def _key(word: str) -> str:
    """A machine word as an i18n key part (``"met early"`` -> ``met_early``)."""
    return "".join(ch if ch.isalnum() else "_" for ch in str(word).lower())


def stage_label(stage: str, lang: str = "zh") -> str:
    """A stage's display name (评估阶段)."""
    key = f"report.stage.{_key(stage)}"
    return t(key, lang) if has(key) else stage


# ------------------------------------------------------------------------------ stages
def _get(row: Mapping, key: str, default=None):
    try:
        v = row[key]
    except (KeyError, IndexError):
        return default
    return default if v is None else v


def stage_of(row: Mapping) -> str:
    """The row's ``stage``; when the table has no such column, inferred from the years.

    Deadline year observed -> ``deadline observed``; past the deadline without it ->
    ``deadline not reported``; a stock achieved before the deadline -> ``met early``;
    otherwise ``before deadline``.
    """
    stage = _get(row, "stage")
    if isinstance(stage, str) and stage in STAGES:
        return stage
    deadline, last = _f(_get(row, "deadline")), _f(_get(row, "last_year"))
    status = _get(row, "status", "")
    if status == "deadline year not reported":
        return "deadline not reported"
    if _ok(deadline) and _ok(last) and last >= deadline:
        return "deadline observed"
    if status == "achieved":
        return "met early"
    return "before deadline"


def completion_of(row: Mapping) -> tuple[float, float]:
    """``(completion_rate, gap)`` from the row; derived from the deadline-year value when the
    table has no such columns (older scorecards)."""
    rate, gap = _f(_get(row, "completion_rate")), _f(_get(row, "gap"))
    if ("completion_rate" in row or "gap" in row) or stage_of(row) != "deadline observed":
        return rate, gap
    value, target = _f(_get(row, "last_value")), _f(_get(row, "target"))
    rate = value / target if _ok(value) and _ok(target) and target != 0 else math.nan
    return rate, value - target if _ok(value) and _ok(target) else math.nan


# ------------------------------------------------------------------------------ sentence
def target_text(row: Mapping, lang: str = "zh") -> str:
    """The target in words, e.g. ``"2020年达到18家以上"`` / ``"at least 18 by 2020"``."""
    comp = str(_get(row, "comparator", ">="))
    key = {">=": "ge", ">": "ge", "<=": "le", "<": "le"}.get(comp, "eq")
    if key == "ge" and _is_share(row) and _ok(_get(row, "target")) and _f(_get(row, "target")) >= 100:
        key = "full"  # ≥ 100 %: 实现全覆盖（100%）, never "达到100%以上"
    deadline = _get(row, "deadline")
    deadline = int(_f(deadline)) if _ok(deadline) else MISSING
    return t(f"report.target.{key}", lang, deadline=deadline,
             value=fmt_value(_get(row, "target"), _get(row, "unit", ""), lang, kind=_get(row, "kind", "")))


def _name(row: Mapping, lang: str) -> str:
    name = _get(row, f"name_{lang}") or _get(row, "name_zh") or _get(row, "indicator_id", "")
    return str(name)


def _is_share(row: Mapping) -> bool:
    return str(_get(row, "unit", "")) == "%"


def _counts(row: Mapping) -> bool:
    return _get(row, "kind", "") in COUNT_KINDS


def _pace(row: Mapping, lang: str) -> str | None:
    """How fast the indicator moved since the growth start year."""
    start = _get(row, "growth_from", _get(row, "baseline_year"))
    if not _ok(start):
        return None
    start = int(_f(start))
    last = _get(row, "last_year")
    if _ok(last) and int(_f(last)) <= start:
        return None
    rate, per = _f(_get(row, "actual_growth")), _f(_get(row, "actual_per_year"))
    unit, kind = _get(row, "unit", ""), _get(row, "kind", "")
    if _is_share(row) and _ok(per) or (_counts(row) or not _ok(rate)) and _ok(per):
        if abs(per) < 1e-12:
            return t("report.sentence.pace_flat", lang, start=start)
        if _is_share(row):
            key = "pace_up_pp" if per > 0 else "pace_down_pp"
            return t(f"report.sentence.{key}", lang, start=start, amount=fmt_number(abs(per)))
        key = "pace_up_n" if per > 0 else "pace_down_n"
        return t(f"report.sentence.{key}", lang, start=start, amount=fmt_value(abs(per), unit, lang, kind=kind))
    if _ok(rate):
        if abs(rate) < 1e-12:
            return t("report.sentence.pace_flat", lang, start=start)
        key = "pace_up_pct" if rate > 0 else "pace_down_pct"
        return t(f"report.sentence.{key}", lang, start=start, rate=fmt_rate(abs(rate)))
    return None


def _need(row: Mapping, lang: str) -> str | None:
    """What is still needed a year to meet the target by the deadline."""
    rate, per = _f(_get(row, "required_growth")), _f(_get(row, "required_per_year"))
    comp = str(_get(row, "comparator", ">="))
    unit, kind = _get(row, "unit", ""), _get(row, "kind", "")
    up = comp.startswith(">")
    value = per if (_is_share(row) or _counts(row) or not _ok(rate)) else rate
    if not _ok(value):
        return None
    if (up and value <= 1e-12) or (not up and value >= -1e-12):
        return t("report.sentence.need_hold", lang)
    direction = "up" if value > 0 else "down"
    if _is_share(row):
        return t(f"report.sentence.need_{direction}_pp", lang, amount=fmt_number(abs(per)))
    if value is per:
        return t(f"report.sentence.need_{direction}_n", lang, amount=fmt_value(abs(per), unit, lang, kind=kind))
    return t(f"report.sentence.need_{direction}_pct", lang, rate=fmt_rate(abs(rate)))


def _forecast(row: Mapping, lang: str) -> str | None:
    fc = _get(row, "forecast")
    if not _ok(fc):
        return None
    unit, kind = _get(row, "unit", ""), _get(row, "kind", "")
    deadline = int(_f(_get(row, "deadline")))
    lo, hi = _get(row, "lower_80"), _get(row, "upper_80")
    if kind in COUNT_KINDS:  # a count is forecast in whole things
        fc = whole(fc)
    value = fmt_beside(fc, _get(row, "target"), unit, lang, kind=kind)
    if _ok(lo) and _ok(hi):
        return t("report.sentence.forecast", lang, deadline=deadline, value=value,
                 low=fmt_number(lo), high=fmt_value(hi, unit, lang, kind=kind))
    return t("report.sentence.forecast_point", lang, deadline=deadline, value=value)


def _prob(row: Mapping, lang: str) -> str | None:
    p = _f(_get(row, "prob_meet"))
    if not _ok(p):
        return None
    if p < 0.005:
        return t("report.sentence.prob_below", lang)
    if p > 0.995:
        return t("report.sentence.prob_above", lang)
    return t("report.sentence.prob", lang, prob=fmt_prob(p, lang))


def _why_odds(row: Mapping, lang: str) -> str | None:
    """Why the probability seems to disagree with the numbers beside it, when it does: a forecast
    that reaches the target with under even odds (its spread), one short of it with better than
    even odds, or a recent pace near the one required with a forecast still short of the target."""
    p, fc, target = _f(_get(row, "prob_meet")), _f(_get(row, "forecast")), _f(_get(row, "target"))
    if not (_ok(p) and _ok(fc) and _ok(target)):
        return None
    if _get(row, "kind", "") in COUNT_KINDS:
        fc = whole(fc)
    comp = str(_get(row, "comparator", ">="))
    reached = meets(fc, target, comp)
    if reached and p < 0.5:
        return t("report.sentence.why_just_above", lang)
    if reached and p < ON_TRACK and _get(row, "status", "") == "at risk":
        # 须年均增加2家（近年实际年均增加3家）… 存在风险: the forecast reaches it, the odds are not yet on-track odds
        return t("report.sentence.why_not_sure", lang, threshold=f"{ON_TRACK:.0%}")
    if not reached and p >= 0.5:
        return t("report.sentence.why_just_below", lang)
    if not reached:
        for need, got in (("required_growth", "actual_growth"), ("required_per_year", "actual_per_year")):
            r, a = _f(_get(row, need)), _f(_get(row, got))
            if _ok(r) and _ok(a) and r > 0 and a >= 0.9 * r:
                return t("report.sentence.why_pace_near", lang)
    return None


def _result(row: Mapping, lang: str) -> list[str]:
    """Completion rate and gap in the deadline year."""
    rate, gap = completion_of(row)
    unit, kind = _get(row, "unit", ""), _get(row, "kind", "")
    parts = []
    if _ok(rate):
        parts.append(t("report.sentence.rate", lang, rate=fmt_completion(rate)))
    if _ok(gap):
        comp = str(_get(row, "comparator", ">="))
        pp = "_pp" if _is_share(row) else ""
        # (a gap shown with the decimals it takes not to read 0: 比目标少0.0001亿元, not 少0亿元)
        amount = fmt_small(abs(_f(gap))) if pp else fmt_gap(abs(_f(gap)), unit, lang, kind=kind)
        if abs(_f(gap)) < 1e-12:
            parts.append(t("report.sentence.exact", lang))
        elif comp.startswith("<"):
            key = "over_ceiling" if _f(gap) > 0 else "under_ceiling"
            parts.append(t(f"report.sentence.{key}{pp}", lang, amount=amount))
        else:
            key = "above_by" if _f(gap) > 0 else "short_by"
            parts.append(t(f"report.sentence.{key}{pp}", lang, amount=amount))
    return parts


def meets_target(row: Mapping, value: float) -> bool:
    """Whether ``value`` meets the row's target (``>``/``>=`` a floor, ``<``/``<=`` a ceiling)."""
    comp = str(_get(row, "comparator", ">="))
    return meets(value, _f(_get(row, "target")), ">=" if comp.startswith(">") else "<=")


def around_deadline(row: Mapping) -> list[tuple[int, float, bool]]:
    """The values reported either side of an unreported deadline year: ``[(year, value, meets), ...]``
    (the year before, then the year after; those the table has)."""
    out = []
    for yk, vk in (("before_year", "before_value"), ("after_year", "after_value")):
        y, v = _f(_get(row, yk)), _f(_get(row, vk))
        if _ok(y) and _ok(v):
            out.append((int(y), v, meets_target(row, v)))
    return out


def misses_around_deadline(row: Mapping) -> bool:
    """An unreported deadline year with a value reported after it, and every value either side of
    it short of the target: not a verdict (the year is missing) but a target to look at."""
    around = around_deadline(row) if stage_of(row) == "deadline not reported" else []
    after = _f(_get(row, "after_year"))
    return _ok(after) and bool(around) and not any(m for _, _, m in around)


def short_before_deadline(row: Mapping) -> bool:
    """An unreported deadline year with nothing reported after it, and the latest value before it
    short of the target (2019: 4 firms against 18, 2020 not in). Not a verdict either, the deadline
    year decides; but not a target to call on course: the report names it and asks for the deadline
    year's value before it is judged (stop 43: the headline said 没有未完成的目标, 六 said 保持现有进度,
    for a county short on 17 of 21 in 2019). With a value after the deadline, see
    :func:`misses_around_deadline`."""
    if stage_of(row) != "deadline not reported" or _ok(_f(_get(row, "after_year"))):
        return False
    around = around_deadline(row)
    return bool(around) and not any(m for _, _, m in around)


def low_information(row: Mapping) -> bool:
    """A probability before the deadline from fewer than :data:`MIN_POINTS` observations: a
    low-information estimate (the status 数据不足), marked † wherever it is shown."""
    p, n = _get(row, "prob_meet"), _get(row, "n_points")
    return stage_of(row) == "before deadline" and _ok(p) and _ok(n) and int(_f(n)) < MIN_POINTS


def _passed(row: Mapping, deadline: int) -> bool:
    """Whether the row's ``as_of`` (the last year of the data, when the row carries it) is at or
    after ``deadline``."""
    as_of = _get(row, "as_of")
    return _ok(as_of) and int(_f(as_of)) >= deadline


def deadline_passed(row: Mapping) -> bool:
    """Whether the row's deadline is at or before its ``as_of``: an end-of-term row, judged on what
    was reported, never on a probability."""
    deadline = _get(row, "deadline")
    return _ok(deadline) and _passed(row, int(_f(deadline)))


def target_sentence(row: Mapping, lang: str = "zh") -> str:
    """One sentence on one target (see :func:`sentence_parts`): ``head + body``."""
    head, body = sentence_parts(row, lang)
    return head + body


def sentence_parts(row: Mapping, lang: str = "zh") -> tuple[str, str]:
    """One sentence on one target: where it stands, its pace, what is still needed, how likely.

    Parameters
    ----------
    row : mapping
        One row of the scorecard table (a ``pandas.Series`` or a dict) with at least
        ``name_zh`` (and ``name_en``), ``unit``, ``kind``, ``target``, ``comparator``,
        ``deadline``, ``last_year``, ``last_value``, ``status``; used when present:
        ``stage`` (inferred by :func:`stage_of` when absent), ``forecast``, ``lower_80``,
        ``upper_80``, ``prob_meet``, ``required_growth``, ``required_per_year``,
        ``actual_growth``, ``actual_per_year``, ``growth_from``, ``achieved_year``,
        ``completion_rate``, ``gap``, ``measure``, ``deadline_assumed``, ``n_points``,
        ``after_year``, ``after_value``, ``as_of`` (the last year of the data: a target met early
        whose deadline has passed unreported is not said to be "held until" it).
    lang : {"zh", "en"}

    Returns
    -------
    (str, str)
        The head (the indicator and its target, which documents set in bold) and the rest:
        together, e.g. ``"高新技术企业(目标:2020年达到18家以上):2019年为6家;2018年以来年均增加1家;
        按期达标还须年均增加12家;预测2020年为7家(80%区间5~9家);按期达标概率不到1%。判定:难以完成。"``
    """
    sep, end = t("report.sentence.sep", lang), t("report.sentence.end", lang)
    unit, kind = _get(row, "unit", ""), _get(row, "kind", "")
    stage = stage_of(row)
    status = str(_get(row, "status", ""))
    deadline = int(_f(_get(row, "deadline"))) if _ok(_get(row, "deadline")) else None
    head = t("report.sentence.head", lang, name=_name(row, lang), target_text=target_text(row, lang))
    parts: list[str | None] = []
    if bool(_get(row, "deadline_assumed", False)) and deadline is not None:
        parts.append(t("report.sentence.assumed", lang, deadline=deadline))
    last_year, last_value = _get(row, "last_year"), _get(row, "last_value")
    has_data = _ok(last_year) and _ok(last_value)
    if has_data:
        last_year = int(_f(last_year))
        stands = t("report.sentence.stands", lang, year=last_year, value=fmt_value(last_value, unit, lang, kind=kind))

    if not has_data:
        parts.append(t("report.sentence.no_data", lang))
    elif stage == "deadline observed":
        # beside the target with the decimals it takes not to print the target when it was missed (1.3499 亿元
        # against 1.35 read "实际为1.35亿元 … 未完成")
        target = _get(row, "target")
        value = fmt_beside(last_value, target, unit, lang, kind=kind)
        if last_year != deadline:  # a flow judged in its deadline year while later years exist
            value = fmt_beside(_get(row, "deadline_value", last_value), target, unit, lang, kind=kind)
        parts.append(t("report.sentence.actual", lang, deadline=deadline, value=value))
        parts.extend(_result(row, lang))
        if deadline is not None and last_year > deadline:  # what came after: a fall below the target is said
            ok = meets_target(row, _f(last_value))
            was = meets_target(row, _f(_get(row, "deadline_value", last_value)))  # met in the deadline year?
            key = ("met" if ok else "short") + ("" if was else "_after_miss")     # 仍达到 / 已达到（期限后）
            parts.append(t("report.sentence.later_" + key, lang, year=last_year,
                           value=fmt_value(last_value, unit, lang, kind=kind)))
    elif stage == "met early":
        year = _get(row, "achieved_year")
        # the deadline passed with its year unreported: said, not "to be held until" it
        passed = deadline is not None and _passed(row, deadline)
        after_year, after_value = _get(row, "after_year"), _get(row, "after_value")
        after = passed and _ok(after_year) and _ok(after_value)
        if _ok(year) and int(_f(year)) == last_year:
            parts.append(t("report.sentence.met_now", lang, year=last_year,
                           value=fmt_value(last_value, unit, lang, kind=kind)))
        else:
            if _ok(year):
                parts.append(t("report.sentence.met_early", lang, year=int(_f(year))))
            if not (after and int(_f(after_year)) == last_year):  # (said once, below)
                parts.append(stands)
        if after:
            parts.append(t("report.sentence.held_after", lang, deadline=deadline, year=int(_f(after_year)),
                           value=fmt_value(after_value, unit, lang, kind=kind)))
        elif passed:
            parts.append(t("report.sentence.held_unreported", lang, deadline=deadline))
        elif deadline is not None:
            parts.append(t("report.sentence.hold", lang, deadline=deadline))
    elif stage == "deadline not reported":
        parts.append(t("report.sentence.not_reported", lang, deadline=deadline))
        around = around_deadline(row)
        if around:  # the years either side of the deadline, and whether they meet the target
            met = {m for _, _, m in around}
            listed = t("report.list_sep", lang).join(t("report.sentence.year_value", lang, year=y, value=fmt_value(
                v, unit, lang, kind=kind)) + (t("report.sentence.mark_" + ("met" if m else "short"), lang)
                                              if len(met) > 1 else "") for y, v, m in around)
            key = ("around_all_met" if met == {True} else "around_none_met" if met == {False} else "around_mixed") + (
                "_one" if len(around) == 1 and len(met) == 1 else "")
            parts.append(t(f"report.sentence.{key}", lang, values=listed))
        else:
            parts.append(t("report.sentence.latest", lang, year=last_year,
                           value=fmt_value(last_value, unit, lang, kind=kind)))
        parts.append(_pace(row, lang))
        parts.append(_forecast(row, lang))
        parts.append(_prob(row, lang))
    else:  # before deadline
        parts.append(stands)
        parts.append(_pace(row, lang))
        measure = _get(row, "measure", "")
        met = meets(_f(last_value), _f(_get(row, "target")), str(_get(row, "comparator", ">=")))
        if measure == "flow" and met and deadline is not None:
            parts.append(t("report.sentence.flow_early", lang, deadline=deadline))
        else:
            parts.append(_need(row, lang))
        n = _f(_get(row, "n_points"))
        if status == "insufficient data" or (_ok(n) and n < MIN_POINTS):
            p = _f(_get(row, "prob_meet"))
            if _ok(p):  # two points: the pooled-prior, low-information probability, said as such
                parts.append(t("report.sentence.low_info", lang, n=MIN_POINTS, p=f"{p:.0%}"))
            else:
                parts.append(t("report.sentence.too_few", lang, n=MIN_POINTS))
        else:
            parts.append(_forecast(row, lang))
            parts.append(_prob(row, lang))
            parts.append(_why_odds(row, lang))
    body = sep.join(p for p in parts if p)
    verdict = t("report.sentence.verdict", lang, status=status_label(status, lang))
    return head, f"{body}{end}{t('report.sentence.space', lang)}{verdict}{end}"


def date_text(day, lang: str = "zh") -> str:
    """A date as a report writes it: ``2020年6月30日`` / ``2020-06-30``; ``—`` without one."""
    if day is None:
        return MISSING
    return t("common.date", lang, y=day.year, m=day.month, d=day.day)
