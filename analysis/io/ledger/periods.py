"""Reporting periods and dates as a ledger writes them (``2020年上半年``, ``2020Q2``, ``2020/6/30``)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from analysis.i18n import t

@dataclass(frozen=True)
class Period:
    """A reporting period: its canonical label and first and last day."""

    label: str
    start: dt.date
    end: dt.date


_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def parse_period(value: object) -> Period | None:
    """Read a reporting period: ``2020年上半年``/``2020H1``, ``2020年第2季度``/``2020Q2``,
    ``2020年``/``2020``, ``2020年6月``/``2020-06``. ``None`` when it is none of these."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer() and 2000 <= value <= 2100:
        value = str(int(value))
    s = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "").upper()
    m = re.fullmatch(r"(20\d\d)(?:年)?(?:-|_)?(上半年|下半年|H1|H2)", s)
    if m:
        y, h = int(m.group(1)), m.group(2) in ("下半年", "H2")
        return Period(f"{y}年{'下' if h else '上'}半年", dt.date(y, 7 if h else 1, 1), dt.date(y, 12 if h else 6, 30 + h))
    m = re.fullmatch(r"(20\d\d)(?:年)?(?:-|_)?(?:第([一二三四1-4])季度?|Q([1-4]))", s)
    if m:
        y, q = int(m.group(1)), _CN_NUM[m.group(2) or m.group(3)]
        return Period(f"{y}年第{q}季度", dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
    m = re.fullmatch(r"(20\d\d)(?:年(?:度|全年)?)?", s)
    if m:
        y = int(m.group(1))
        return Period(f"{y}年", dt.date(y, 1, 1), dt.date(y, 12, 31))
    m = re.fullmatch(r"(20\d\d)(?:年|-|/|\.)(1[0-2]|0?[1-9])月?", s)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return Period(f"{y}年{mo}月", dt.date(y, mo, 1), _month_end(y, mo))
    return None


def parse_date(value: object) -> dt.date | None:
    """A date cell: an Excel date, ``2020-06-30``, ``2020/6/30``, ``2020.6.30``, ``2020年6月30日``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    s = unicodedata.normalize("NFKC", str(value)).strip()
    m = re.fullmatch(r"(20\d\d)\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})\s*日?(?:\s+00:00(?::00)?)?", s)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def period_display(label: str, lang: str = "zh") -> str:
    """A canonical period label in ``lang`` (``2020年上半年`` -> ``2020 H1`` in English)."""
    if not label:
        return label
    per = parse_period(label)
    if per is None:
        return label
    y = per.start.year
    months = (per.end.year - y) * 12 + per.end.month - per.start.month + 1
    if months == 12:
        return t("ledger.period.year", lang, year=y)
    if months == 6:
        return t(f"ledger.period.h{1 if per.start.month == 1 else 2}", lang, year=y)
    if months == 3:
        return t("ledger.period.quarter", lang, year=y, q=(per.start.month + 2) // 3)
    return t("ledger.period.month", lang, year=y, month=per.start.month)


def half_year_periods(first: int, last: int) -> tuple[str, ...]:
    """Half-year labels from ``first`` 上半年 to ``last`` 下半年."""
    return tuple(f"{y}年{h}半年" for y in range(int(first), int(last) + 1) for h in ("上", "下"))
