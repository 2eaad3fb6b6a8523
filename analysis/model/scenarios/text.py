"""The words of a scenario's answer: one sentence, what is still required, pace labels.

Every word comes from :func:`analysis.i18n.t` (catalogue ``analysis/i18n/scenarios.py``);
numbers are formatted here once (:func:`fmt`, :func:`pct`, :func:`quantity`) so the
explorer, the report's figures and the notebooks say the same thing.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from analysis import i18n
from analysis.i18n import t
from analysis.model import text as report_text
from analysis.model.trends import meets

if TYPE_CHECKING:  # pragma: no cover
    from analysis.model.scenarios.result import ScenarioResult

__all__ = ["fmt", "pct", "quantity", "unit_label", "years_word", "lead", "sentence", "required_sentence",
           "after_deadline_sentence", "probability_text", "pace_label", "task_label"]

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def fmt(x: float | None, digits: int = 3) -> str:
    """A number as people write it: whole numbers plain, else 3 significant digits or 2 decimals."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if abs(x - round(x)) < 1e-9 and abs(x) < 1e6:
        return str(int(round(x)))
    return f"{x:.{digits}g}" if abs(x) < 1 else f"{x:,.2f}".rstrip("0").rstrip(".")


def pct(x: float | None, digits: int | None = None) -> str:
    """Per cent; ``digits=None``: whole per cent unless that would hide a decimal (21.8%)."""
    if x is None or math.isnan(x):
        return "–"
    v = x * 100
    if digits is None:
        digits = 0 if abs(v - round(v)) < 1e-6 else 1
    return f"{v:.{digits}f}%"


def quantity(x: float, unit: str, lang: str) -> str:
    """``x`` with its unit in ``lang`` ("1.35亿元", "1.35 hundred million yuan", "18" for 家 in English)."""
    key = f"scenarios.qty.{unit}"
    if i18n.has(key):
        return t(key, lang, n=fmt(x))
    return t("scenarios.qty_other", lang, n=fmt(x), unit=unit) if unit else fmt(x)


def unit_label(unit: str, lang: str) -> str:
    """The unit word in ``lang`` (an axis label)."""
    key = f"scenarios.unit.{unit}"
    return t(key, lang) if i18n.has(key) else unit


def years_word(n: int, lang: str) -> str:
    """"1年" / "one year", "3年" / "three years"."""
    key = f"scenarios.years_{n}"
    return t(key, lang) if i18n.has(key) else t("scenarios.years_n", lang, n=n)


def task_label(group: str, lang: str) -> str:
    """"任务2" / "task 2"; a part of the plan that is not one of its 17 tasks (一(四), its overall goals)
    as the report names it: "一(四)" / "Part 1(4)" (Chinese numerals become digits in English)."""
    g = str(group)
    if lang == "en":
        g = re.sub("[一二三四五六七八九十]+", lambda m: str(_cn_number(m.group(0))), g).replace("\uff08", "(").replace("\uff09", ")")
    if not g.isdigit() and re.search("[一二三四五六七八九十]", str(group)):
        return t("report.task_part", lang, task=str(group), latin=g)
    return t("scenarios.task", lang, g=g)


def _cn_number(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_DIGITS[s[1]]
    if len(s) == 2 and s[1] == "十":
        return _CN_DIGITS[s[0]] * 10
    if len(s) == 3 and s[1] == "十":
        return _CN_DIGITS[s[0]] * 10 + _CN_DIGITS[s[2]]
    return _CN_DIGITS.get(s, 0)


def lead(res: "ScenarioResult", lang: str) -> str:
    """The assumption the answer starts with ("按每年增长15%", "At 15% a year")."""
    p, u, kind = res.scenario.params, res.unit, res.scenario.scenario_type
    if kind == "growth":
        r = float(p["rate"])
        return t("scenarios.lead_growth" if r >= 0 else "scenarios.lead_decline", lang, rate=pct(abs(r)))
    if kind == "additions":
        a = float(p["per_year"])
        return t("scenarios.lead_add" if a >= 0 else "scenarios.lead_lose", lang, q=quantity(abs(a), u, lang))
    if kind == "certificates":
        return t("scenarios.lead_certificates", lang, n=fmt(float(p["new_per_year"])),
                 r=pct(float(p["renewal_rate"])))
    if kind == "per_capita":
        pc = float(p["population_change"])
        return t("scenarios.lead_per_capita_up" if pc >= 0 else "scenarios.lead_per_capita_down", lang,
                 n=fmt(float(p["grants_per_year"])), lapse=pct(float(p["lapse_rate"])), pop=pct(abs(pc), 1))
    if kind == "stock":
        return t("scenarios.lead_stock", lang, q=quantity(float(p["per_year"]), u, lang),
                 c=pct(float(p["closure_rate"])))
    return t("scenarios.lead_trend", lang)


def sentence(res: "ScenarioResult", lang: str) -> str:
    """The one-sentence answer: whether and when the scenario's path meets the target.

    Once the deadline has passed (:attr:`ScenarioResult.passed`) the answer is what happened, in the
    report's own sentence (:func:`analysis.model.text.target_sentence` of :meth:`ScenarioResult.row`):
    the deadline year's value, 完成率 and 已完成 / 未完成, or the deadline year not reported with the
    years around it; no scenario can change a year already past (stop 43: the app said
    "目标在2021年实现" and 难以完成 for a target the CLI called 未完成, 完成率93%).
    """
    if res.passed:
        return report_text.target_sentence(res.row(), lang)
    kw = {"lead": lead(res, lang), "tgt": quantity(res.target, res.unit, lang), "d": res.deadline}
    y, d = res.year_reached, res.deadline
    if y is None:
        end = int(res.years[-1]) if len(res.years) else res.last_year
        return t("scenarios.never", lang, end=end, **kw)
    if y <= res.last_year and y <= d:
        return t("scenarios.already_met" if res.met_at_deadline else "scenarios.met_then_missed", lang, y=y, **kw)
    if y <= d and not res.met_at_deadline:
        return t("scenarios.reached_then_missed", lang, y=y, **kw)
    if y == d:
        return t("scenarios.on_time", lang, y=y, **kw)
    if y < d:
        return t("scenarios.early", lang, y=y, n=years_word(d - y, lang), **kw)
    return t("scenarios.late", lang, y=y, n=years_word(y - d, lang), **kw)


def required_sentence(res: "ScenarioResult", lang: str) -> str:
    """What is still needed per year to meet the target at the deadline.

    The same words whatever the scenario type: a target already met that needs no
    further inflow "only has to be kept" (never "0 a year").
    """
    d, y, r = res.deadline, res.last_year, res.required
    if res.passed:
        return after_deadline_sentence(res, lang)
    if y >= d:  # (a deadline observed is a deadline passed; kept for a result built by hand)
        return t("scenarios.req_observed", lang, d=d)
    met = (res.last_value >= res.target) if res.comparator == ">=" else (res.last_value <= res.target)
    if met and (math.isnan(r) or r <= 0 or res.required_kind in ("growth", "additions")):
        return t("scenarios.req_keep", lang, y=y)
    if math.isnan(r):
        return t("scenarios.req_unknown", lang)
    kind = res.required_kind
    if kind == "growth":
        return t("scenarios.req_growth", lang, d=d, y=y, rate=pct(r, 1))
    if kind in ("additions", "openings"):
        return t(f"scenarios.req_{kind}", lang, d=d, q=quantity(r, res.unit, lang))
    return t(f"scenarios.req_{kind}", lang, d=d, n=fmt(r))


def after_deadline_sentence(res: "ScenarioResult", lang: str) -> str:
    """What the scenario's pace would give after a deadline that has passed, said as such: a scenario,
    not the verdict ("期限（2020年）已过，以下仅为此后的情景，不改变考核结果：按每年新增1家，目标（18家）在
    2023年达到。"). The sliders still move the path after the last observation; this sentence never
    says whether the target "is met in 2020" (stop 43)."""
    key = "scenarios.after_unreported" if res.stage == "deadline not reported" else "scenarios.after_passed"
    prefix = t(key, lang, d=res.deadline)
    kw = {"lead": lead(res, lang), "tgt": quantity(res.target, res.unit, lang)}
    years = [int(y) for y in res.years]
    ok = [bool(meets(float(v), res.target, res.comparator)) for v in res.path]
    end = years[-1] if years else res.last_year
    if meets(res.last_value, res.target, res.comparator):
        body = (t("scenarios.after_held", lang, end=end, **kw) if all(ok) else
                t("scenarios.after_falls", lang, y=years[ok.index(False)], **kw))
    elif any(ok):
        body = t("scenarios.after_reached", lang, y=years[ok.index(True)], **kw)
    else:
        body = t("scenarios.after_never", lang, end=end, **kw)
    return prefix + body


def probability_text(res: "ScenarioResult", lang: str) -> str:
    """The probability as a table cell or the app's figure: "71%"; "已判定" / "decided" once the deadline
    has passed with a verdict (the year observed, or a stock met early and held: an outcome, not a
    chance); "–" when there is no probability (数据不足, the deadline year not reported)."""
    if res.passed and res.stage != "deadline not reported":
        return t("scenarios.prob_decided", lang)
    p = res.probability
    if p is None or (isinstance(p, float) and math.isnan(p)) or res.status == "insufficient data":
        return "–"
    return f"{p:.0%}"


def probability_sentence(res: "ScenarioResult", lang: str) -> str:
    """"在此情景下，2020年按期达标概率71%（…）。" ("" when the status has no probability): the scenario's
    probability, not the scorecard's (which is the current trend's), said as the report says one
    (below 1 %: "<1%", never a "0%" that reads as certainty)."""
    p = res.probability
    if p is None or math.isnan(p):
        return ""
    shown = "<1%" if p < 0.005 else ">99%" if p > 0.995 else f"{p:.0%}"
    return t("scenarios.prob_sentence", lang, p=shown, d=res.deadline)


def pace_label(res: "ScenarioResult", lang: str) -> str:
    """A short legend label for a scenario's pace ("每年增长15%", "12.3 new certifications a year")."""
    p, kind, u = res.scenario.params, res.scenario.scenario_type, res.unit
    if kind == "growth":
        r = float(p["rate"])
        return t("scenarios.pace_growth" if r >= 0 else "scenarios.pace_decline", lang, rate=pct(abs(r)))
    if kind in ("additions", "stock"):
        return t(f"scenarios.pace_{kind}", lang, q=quantity(float(p["per_year"]), u, lang))
    if kind == "certificates":
        return t("scenarios.pace_certificates", lang, n=fmt(float(p["new_per_year"])))
    if kind == "per_capita":
        return t("scenarios.pace_per_capita", lang, n=fmt(float(p["grants_per_year"])))
    return t("scenarios.pace_trend", lang)
