"""The checks of every record: names, years, numbers, units, ranges, regions, sectors, duplicates.

:func:`check_cells` turns the records of :mod:`.records` into the checked frame and every problem
(``FILE[SHEET]:ROW:COLUMN: message``); what it converted is counted on the :class:`Intake`.
"""

from __future__ import annotations

import datetime

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from analysis import config
from analysis.errors import Problem
from analysis.i18n import has, t
from analysis.i18n.names import PLACES_EN, place_name, unit_as_written
from analysis.io.contract import (PLACE_CODES, PLACE_PREFIXES, PLAN_CITY, PLAN_DISTRICTS, SKIPPED_SUGGEST_CUTOFF,
                                  NameIndex, is_note, split_unit, year_header)
from analysis.io.numbers import (COUNT_UNITS, PERSON_UNITS, MAX_ABS_VALUE, MONEY_UNITS, NOT_REPORTED, convert, has_foreign_digits,
                                 nfkc, normalize_unit, parse_number, parse_values, parse_year, unit_factor)
from analysis.io.readers.layout import Layout, is_blank, map_unique, row_values
from analysis.io.readers.summary import Intake, join_words, quote
from analysis.io.sheets import Grid, column_letter


#: Kinds whose values may not be negative (all the catalogue kinds except share, which is 0-100).
NONNEGATIVE_KINDS: tuple[str, ...] = ("level", "count", "ratio", "milestone")
#: Units that count things (a unit of one the catalogue does not take as another's: 户 is not 家).
COUNTING: frozenset[str] = frozenset(COUNT_UNITS) | {"户"}
#: A money value with no unit written anywhere larger than this many times its target is refused.
IMPLAUSIBLE_FACTOR = 1000.0
#: A per-capita value (件/万人) written under its numerator's unit (件) this many times its target or more
#: is a count, not the ratio: refused.
PER_CAPITA_FACTOR = 10.0


@dataclass
class Catalogue:
    names: NameIndex
    units: dict[str, str]
    kinds: dict[str, str]
    targets: dict[str, float]
    label: str  # "indicator" | "metric"


def shown_indicator(cat: Catalogue, ident: str, lang: str) -> str:
    """An indicator as a message names it: in Chinese its catalogue name with the id after it
    (高新技术企业（high_tech_enterprises）), else the id."""
    label = cat.names.label.get(ident, "")
    return f"{label}（{ident}）" if lang == "zh" and label and label != ident else ident


class _Collector:
    def __init__(self, grid: Grid, lang: str):
        self.grid, self.lang, self.items = grid, lang, []

    def shown(self, cat: Catalogue, ident: str) -> str:
        return shown_indicator(cat, ident, self.lang)

    def kind(self, kind: str) -> str:
        """A kind of indicator (count, share ...) in the messages' language."""
        return t(f"intake.kind.{kind}", self.lang) if has(f"intake.kind.{kind}") else kind

    def add(self, row: int | None, col: int | None, key: str, *, hint: str | None = None, **kw) -> None:
        """A problem at a cell: the text ``key`` (then the text ``hint``, how to fix it) with ``kw``."""
        letter = column_letter(int(col)) if col is not None and col >= 0 else None
        text = t(key, self.lang, **kw) + (t(hint, self.lang, **kw) if hint else "")
        self.items.append(Problem(self.grid.where, None if row is None else int(row), letter, text))


def row_spans(rows: list[int], lang: str, limit: int = 6) -> str:
    """Row numbers as runs, ``7-11、72-76、137-141`` (at most ``limit`` runs, then ``…``)."""
    runs: list[list[int]] = []
    for r in sorted(rows):
        if runs and r == runs[-1][1] + 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    text = t("intake.list_sep", lang).join(f"{a}-{b}" if b > a else str(a) for a, b in runs[:limit])
    return text + ("…" if len(runs) > limit else "")


def _excel_serial_date(v) -> str | None:
    """``"2018-12-31"`` when ``v`` is a whole number Excel would show as a date of 2000-2039 (a year
    column whose dates were saved as their serial numbers), else None."""
    n = parse_number(v)
    if n is None or n != int(n) or not 36526 <= n <= 51136:
        return None
    return (datetime.date(1899, 12, 30) + datetime.timedelta(days=int(n))).isoformat()


_REGION_SUFFIX = ("区", "县", "市", "旗", "镇", "乡")
_REGION_PREFIX_RE = re.compile(r"^(?:[\u4e00-\u9fff]{2,7}?(?:自治区|省|市|州|盟))+")


def _region_core(name: str) -> str:
    """The name without the province and city written before it (甘肃省白银市平川区 -> 平川区)."""
    core = _REGION_PREFIX_RE.sub("", name)
    return core if len(core) >= 2 else name


#: The places the plan's city and province hold: a file giving 白银市 beside 平川区 gives the city's total.
_PLACE_PARTS = {PLAN_CITY: PLAN_DISTRICTS, "甘肃省": (PLAN_CITY,)}
_PLAN_PLACES = PLAN_DISTRICTS
_PLAN_PLACE_PREFIXES = PLACE_PREFIXES


@functools.lru_cache(maxsize=65536)
def _place_key(name: object) -> str:
    """A place name as compared: NFKC, without blanks (``全  市``, ``白银市 平川区``)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(name)))


#: A district of the plan's city written without 区 / 县 (平川, 靖远): the name is no other place's.
#: 白银 alone is not here: the city (白银市) or its district (白银区).
_SHORT_PLACES = {d[:-1]: d for d in _PLAN_PLACES if d != "白银区"}
#: The places' English names as a file may write them (Pingchuan District, Pingchuan, pingchuan district):
#: compared in lower case without blanks. Baiyin alone is not here (the city or the district).
_ENGLISH_PLACES = {re.sub(r"\s+", "", en).lower(): zh for zh, en in PLACES_EN.items() if zh in _PLAN_PLACES + (PLAN_CITY,)}
_ENGLISH_PLACES.update({k.removesuffix("district").removesuffix("county"): v for k, v in list(_ENGLISH_PLACES.items())
                        if v in _PLAN_PLACES and v != "白银区"})
# in pinyin with the level's own word (Pingchuan Qu, Jingyuan Xian, Baiyin Qu, Baiyin Shi)
_ENGLISH_PLACES.update({re.sub(r"(district|county|city)$", lambda m: {"district": "qu", "county": "xian", "city": "shi"}[
    m.group(1)], k): v for k, v in list(_ENGLISH_PLACES.items()) if re.search(r"(district|county|city)$", k)})
#: A district's own level written after its name (平川区（本级）, 平川区本级).
_OWN_LEVEL_RE = re.compile(r"^(.+?)[(（]?本级[)）]?$")


@functools.lru_cache(maxsize=65536)  # (3,000 regions' names looked at three times a read: stop 43)
def place_read_as(text: str) -> tuple[str | None, str]:
    """The district (or the city) a region cell names, and how (the key of its note), else ``(None, "")``."""
    prefix = next((p for p in _PLAN_PLACE_PREFIXES if text.startswith(p)), "")
    rest = text[len(prefix):]
    if rest in _PLAN_PLACES and prefix:
        return rest, "intake.conv_place_prefix"
    if rest in _SHORT_PLACES:
        return _SHORT_PLACES[rest], "intake.conv_place_short"
    code = re.fullmatch(r"(\d{6})(?:0{3}|0{6})?", text)
    if code and code.group(1) in PLACE_CODES:
        return PLACE_CODES[code.group(1)], "intake.conv_place_code"
    both = re.fullmatch(r"(\d{6})(?:0{3}|0{6})?[-_:：、.·\s]*([\u4e00-\u9fff]{2,})", text)  # 620403平川区
    if both:
        named = both.group(2) if both.group(2) in _PLAN_PLACES else place_read_as(both.group(2))[0]
        by_code = PLACE_CODES.get(both.group(1))
        if named is not None and by_code in (None, named):
            return named, "intake.conv_place_code_name"
    english = _ENGLISH_PLACES.get(text.lower())
    if english:
        return english, "intake.conv_place_english"
    own = _OWN_LEVEL_RE.match(text)
    if own and own.group(1) in _PLAN_PLACES:
        return own.group(1), "intake.conv_place_own_level"
    office = _OFFICE_RE.match(text)
    if office and office.group(1) in _PLAN_PLACES:
        return office.group(1), "intake.conv_place_office"
    including = re.fullmatch(r"(.+?)[(（]含[^)）]*[)）]", text)  # 平川区（含平川经济开发区）: the district
    if including:
        inner = including.group(1)
        return (inner, "intake.conv_place_including") if inner in _PLAN_PLACES else (
            (place_read_as(inner)[0], "intake.conv_place_including") if place_read_as(inner)[0] else (None, ""))
    return None, ""


#: A district's office as the reporting unit (白银区科学技术局, 平川区统计局, 靖远县人民政府办公室): that district.
_OFFICE_RE = re.compile(r"^(?:甘肃省)?(?:白银市)?([\u4e00-\u9fff]{1,4}?(?:区|县))(?:人民)?(?:政府)?[\u4e00-\u9fff]{0,10}?"
                        r"(?:局|委员会|委|办公室|政府|中心)(?:[(（]盖章[)）])?$")


#: A ditto mark in a region cell (同上, 〃): the region above it.
_DITTO = frozenset({"同上", "〃", "″", "同前", "仝上"})
#: A region cell naming the file's own district as a whole (全区, 本区, 全县): that district.
_WHOLE_OWN_RE = re.compile(r"^(?:全|本)(?:区|县|旗)$")


def _whole_district(regions: np.ndarray, ok: np.ndarray, info: Intake, own: str) -> np.ndarray:
    """``全区`` / ``本区`` / ``全县`` as a region (a column 全区 beside 全市, a 全区 row under the towns)
    -> the district the file is about (``own``: the one its title, sheet name or file name names,
    else the default), said in the summary. Never a region named 全区 beside 平川区."""
    whole = map_unique(regions, lambda r: bool(_WHOLE_OWN_RE.match(_place_key(r)))).astype(bool) if len(
        regions) else np.zeros(0, dtype=bool)
    if not whole.any():
        return regions
    out = regions.copy()
    for name in dict.fromkeys(regions[whole].tolist()):
        mask = regions == name
        out[mask] = own
        info.note("intake.conv_whole_district", int((mask & ok).sum()), written=quote(str(name)), region=quote(own))
    return out


def _plan_place_names(regions: np.ndarray, ok: np.ndarray, info: Intake, grid: Grid, rows: np.ndarray,
                      cols: np.ndarray) -> np.ndarray:
    """``白银市平川区`` / ``甘肃省白银市平川区`` -> ``平川区``: a district of the plan's city written
    with its province and city before it is that district (so the plan's region, its population
    and its English name are found); so is ``平川`` / ``靖远`` written without 区 / 县, when the file
    does not also write the full name (then both are kept and said alike). Said in the summary.
    ``白银`` alone (the city or its district) is kept as written, with a warning. Other names are
    kept as written."""
    out = regions
    names = dict.fromkeys(regions.tolist())
    # 白银 beside 平川, 靖远 (the city's districts written short): the district 白银区, not the city
    short_beside = [n for n in names if place_read_as(_place_key(n))[1] == "intake.conv_place_short"
                    and place_read_as(_place_key(n))[0] not in names]  # (平川 beside 平川区: both kept, said)
    for name in names:
        text = _place_key(name)
        full, key = place_read_as(text)
        if text == "白银" and short_beside and "白银区" not in names:
            full, key = "白银区", "intake.conv_place_short_baiyin"
        if full is None and text != str(name).strip() and re.fullmatch(r"[\u4e00-\u9fff]+", text):
            full, key = text, "intake.conv_place_spaces"  # 平 川 区: spaces to align the characters
        if full is None or (key not in ("intake.conv_place_prefix", "intake.conv_place_spaces") and full in names):
            if text == "白银" or text.lower() == "baiyin":
                i = int(np.flatnonzero(regions == name)[0])
                info.warnings.append(Problem(grid.where, int(rows[i]), column_letter(int(cols[i])) if cols[i] >= 0
                                             else None, t("intake.region_baiyin_ambiguous", info.lang,
                                                          written=quote(str(name)))))
            continue
        mask = regions == name
        if out is regions:
            out = regions.copy()
        out[mask] = full
        info.note(key, int((mask & ok).sum()), written=quote(str(name)), region=quote(full),
                  **({"others": "、".join(quote(str(n)) for n in short_beside[:3])}
                     if key == "intake.conv_place_short_baiyin" else {}))
    return out


def alike_regions(regions) -> list[tuple[str, str]]:
    """Pairs of region names that may be one region written two ways: one is the other with a
    suffix (平川 / 平川区) or with the province and city before it (甘肃省白银市平川区 / 平川区).
    白银区 and 白银市 are not alike (a district and a city). Indexed by the name without its
    prefix, so 3,000 regions take milliseconds (not every pair)."""
    names = sorted({str(r).strip() for r in regions if str(r).strip()})
    by_core: dict[str, list[str]] = {}
    for n in names:
        by_core.setdefault(_region_core(n), []).append(n)
    out = set()
    for core, group in by_core.items():
        out.update((a, b) for i, a in enumerate(group) for b in group[i + 1:])
        for suffix in _REGION_SUFFIX:  # 平川 and 平川区
            for a in group:
                for b in by_core.get(core + suffix, ()):
                    out.add(tuple(sorted((a, b))))
    return sorted(out)


def _misnamed_plan_districts(regions) -> list[tuple[str, str]]:
    """Regions named like one of the plan city's districts with another suffix (靖远区 for 靖远县,
    白银县 for 白银区): ``(region, district)``. Such a typo made a fourth region, scored and ranked,
    without a word; a place that is simply elsewhere (红古区) is not said."""
    stems = {d[:-1]: d for d in PLAN_DISTRICTS}
    out = []
    for r in sorted({str(r).strip() for r in regions}):
        core = _region_core(r)
        if core in PLAN_DISTRICTS or not core or core[-1] not in _REGION_SUFFIX:
            continue
        d = stems.get(core[:-1])
        if d is not None:
            out.append((r, d))
    return out


#: A number an export wrote as Excel text, ``="10400"`` (a literal, not a formula that computes).
_EXCEL_TEXT_RE = re.compile(r'^\s*=\s*"([^"=]*)"\s*$')
#: The text marks :data:`_APOSTROPHE_RE` starts with.
_APOSTROPHES = frozenset("'\u2018\u2019\uff07`")
#: ``'39``: a number typed after an apostrophe, Excel's way of keeping it as text (a CSV keeps the mark).
_APOSTROPHE_RE = re.compile(r"^\s*['\u2018\u2019\uff07`]\s*([+\-\uff0b\uff0d]?[0-9\uff10-\uff19.\uff0e].*)$")

#: A row's note saying its value is an estimate or a plan, not an actual value (预计数, 2020年为预计数,
#: 估算值, 计划数, 目标值); not 超额完成预计目标 or 完成目标 (words about the target, not the number).
ESTIMATE_NOTE_RE = re.compile(r"(?:^|为|是)(?:预计|预测|预估|估计|估算|推算)(?:数据|数|值)?(?:$|[，,。;；)）])"
                              r"|(?:预计|预测|预估|估计|估算|推算)(?:数|值)"
                              # a value carried over from the year before (2019年暂沿用上年数): not that year's figure
                              r"|(?:沿用|暂用)上一?年度?(?:的)?(?:数据|数值|数|值)"
                              r"|(?:下达|考核)(?:的)?(?:考核)?(?:目标|任务)(?:值|数)|(?:^|为|是)(?:计划|目标)(?:数据|数|值)?(?:$|[，,。;；)）])"
                              r"|(?:^|为|是)(?:完成率|完成比例|完成进度|达标率)(?:[(（]?%[)）]?)?(?:$|[，,。;；)）])"
                              # a note that is the plan's figure (规划目标, 目标任务, 规划值, 任务数, 2020年规划目标)
                              r"|^(?:(?:19|20)[0-9]{2}年?)?(?:规划|计划)?(?:目标任务|目标|任务)(?:数据|数|值)?$"
                              r"|^(?:(?:19|20)[0-9]{2}年?)?规划(?:值|数)$")

#: A note or comment saying a value is NOT an estimate (是实际数，不是预计数; 2020年为年报实际数，非预计数;
#: 请填报全年实际数，不得填报预计数): never read as calling it one.
_NOT_ESTIMATE_RE = re.compile(r"(?:非|不是|并非|不属于|不得|不要|不应|不能|不可|禁止|严禁)(?:填报|填写|填|为|是|报)?"
                              r"(?:预计|预测|预估|估计|估算|推算|测算)")


#: A clerk's short note calling the value an estimate in other words: 预计完成, 全年预计, 年底预计, （预计）
#: (stop 43: these were read as the 2020 actual, 已完成). Only in a short note: a long one quoting a government
#: work report (…预计全年完成…) gives that report's first published figure, read as such (the held-out plan
#: checks read the public series so).
_SHORT_ESTIMATE_RE = re.compile(r"(?:预计|预估|估计)(?:可|能)?(?:完成|达到|全年)|(?:全年|年底|年末|初步|年度)(?:预计|预估|估计)"
                                r"|^[(（](?:预计|预测|预估|估计|估算|推算)[)）]$")


def says_estimate(text: object) -> bool:
    """Whether a note calls its value an estimate or a plan (:data:`ESTIMATE_NOTE_RE`, or in a short note
    :data:`_SHORT_ESTIMATE_RE`), not saying it is not one."""
    if not isinstance(text, str):
        return False
    flat = re.sub(r"\s+", "", text)
    said = bool(ESTIMATE_NOTE_RE.search(flat)) or (len(flat) <= 16 and bool(_SHORT_ESTIMATE_RE.search(flat)))
    return said and not _NOT_ESTIMATE_RE.search(flat)


_RATE_WORDS = re.compile(r"完成率|完成比例|完成进度|达标率")
#: A row of the plan's targets among the indicators' rows (2020年目标, 规划目标值, 目标任务数).
_TARGET_ROW_RE = re.compile(r"(?:(?:19|20)[0-9]{2}年?度?)?(?:规划|计划|考核|年度|期末)?目标(?:值|数|任务|任务数)?"
                            r"(?:[(（][^)）]*[)）])?|规划值|计划值|目标任务")
#: A sub-item row of a bureau table (其中：…, 其中:…).
_SUB_ITEM_RE = re.compile(r"^\s*其中\s*[:：]?")
_MONTHS = r"(?:1[01]|[1-9]|十一|十|[一二三四五六七八九])"
#: From … to: a dash (one or two: 1——11月), a tilde, 至 or 到.
_TO = r"(?:[-－—–~～〜―‐‑‒]{1,2}|至|到)"
#: Part of a year in a note or a statement: 1-6月, 上半年, 前三季度, 一季度, 前9个月, 截至6月底 (1-12月, the
#: whole year, is not).
PART_YEAR_NOTE_RE = re.compile(rf"(?<![0-9])(?:1|一)\s*月?份?\s*{_TO}\s*{_MONTHS}\s*月"
                               # 1月1日至11月30日, 2020年1月1日至2020年11月30日, 年初至11月底, 不含12月份
                               rf"|(?<![0-9])1\s*月\s*1\s*日\s*{_TO}\s*(?:(?:19|20)[0-9]{{2}}\s*年)?\s*{_MONTHS}\s*月"
                               rf"|年初\s*(?:至|到)\s*{_MONTHS}\s*月|不含\s*(?:12|十二)\s*月"
                               rf"|(?<![0-9十]){_MONTHS}\s*月份?\s*(?:的)?(?:统计)?(?:快报|月报)"
                               rf"|上半年|下半年|(?<![上下])半年(?:数|度|报)|前三季度|第?[一二三四1-4]季度"
                               rf"|前{_MONTHS}个?月|截[至止]到?\s*(?:(?:19|20)[0-9]{{2}}\s*年)?\s*{_MONTHS}\s*月"
                               # 统计至11月底, 只统计到11月, 为11月末数, 为11个月数据, 2019.1-2019.11
                               rf"|统计[至到]\s*{_MONTHS}\s*月|(?<![0-9十]){_MONTHS}\s*月(?:末|底)数"
                               rf"|(?<![0-9十]){_MONTHS}\s*个月(?:的)?(?:数据|数)"
                               rf"|(?:19|20)[0-9]{{2}}\.\s*0?1(?:\.\s*0?1)?\s*{_TO}\s*(?:(?:19|20)[0-9]{{2}}\.)?\s*(?:0?[1-9]|1[01])(?![0-9])")
#: A statement that one year's figures are part of the year (（2021年上半年）, 注：表中2021年数据均为1-6月快报数).
_PART_YEAR_STATEMENT_RE = re.compile(rf"((?:19|20)[0-9]{{2}})\s*年(?:度)?[^，。；;,.、()（）]{{0,8}}?"
                                     rf"(?P<part>{PART_YEAR_NOTE_RE.pattern})"
                                     # 数据截至2020年11月底, 截止到2020年11月30日: the year inside the cut-off
                                     rf"|截[至止]到?\s*(?:时间|日期)?\s*[:：]?\s*(?P<cutyear>(?:19|20)[0-9]{{2}})\s*年\s*(?P<cut>{_MONTHS})\s*月(?:底|末|[0-9]{{1,2}}日)?"
                                     # 填报日期：2020年11月20日 under a table with a 2020 column: 2020 is not over
                                     rf"|(?:填报|报送|填表|制表)(?:日期|时间)\s*[:：]?\s*(?P<fillyear>(?:19|20)[0-9]{{2}})\s*(?:年|[-/.])\s*(?:0?[1-9]|1[0-2])(?![0-9])"
                                     # a monthly report's title (2019年主要科技指标月报（11月）: its 本年累计 is Jan-Nov)
                                     rf"|(?P<monthyear>(?:19|20)[0-9]{{2}})\s*年(?:度)?[^，。；;,.、()（）年]{{0,12}}?月报"
                                     # 科技统计月报（2019年第11期）: issue 11 of a monthly report (第12期 is December)
                                     rf"|月报\s*[(（]?\s*(?P<issueyear>(?:19|20)[0-9]{{2}})\s*年\s*第\s*(?:1[01]|[1-9]|十一|十|[一二三四五六七八九])\s*期")
#: A year cell naming one month of it (2021年6月末): part of a year too (2021年12月末 is the year's end).
_MONTH_CELL_RE = re.compile(rf"(?:19|20)[0-9]{{2}}\s*年\s*{_MONTHS}\s*月(?:末|底|份)?$")


def _part_year_matches(text: object, statement: bool):
    """The matches of a part of a year in ``text`` (with ``statement``: a year and its part) that are said
    of a figure, not of its make-up (含上半年新认定3家, 较1-6月增加5家)."""
    if not isinstance(text, str):
        return
    k = re.sub(r"\s+", "", nfkc(text))
    for m in (_PART_YEAR_STATEMENT_RE if statement else PART_YEAR_NOTE_RE).finditer(k):
        start = (m.start("part") if m.group("part") is not None else m.start()) if statement else m.start()
        before, after = k[max(0, start - 2):start], k[m.end():m.end() + 2]
        # a December monthly report (2019年12月科技统计月报, 月报（12月）): its 1-12月累计 is the whole year
        elsewhere = bool(re.match(r"(?:的)?(?:数据|数)?(?:另|详)?见", k[m.end():m.end() + 6]))
        december = m.group(0).endswith("月报") and bool(re.search(r"(?<![0-9])(?:12|十二)月", k[max(0, start - 12):m.end() + 6]))
        if not (re.search(r"含|括|较|比|与", before) or re.match(r"新|增|减|内|中", after) or december or elsewhere):
            yield m


def says_part_year(text: object, statement: bool = False) -> bool:
    """Whether a note (or, with ``statement``, a title or note row naming the year) says a figure covers
    part of a year (1-6月快报, 2021年为1-6月数, 上半年, 截至6月底), not a figure's make-up (含上半年新认定3家,
    较1-6月增加5家)."""
    if not statement and isinstance(text, str):  # a cut-off date alone (数据截止日期 2020-11-30): before 31 December
        d = re.fullmatch(r"\s*((?:19|20)[0-9]{2})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?\s*", nfkc(text))
        if d and (int(d.group(2)), int(d.group(3))) != (12, 31) and 1 <= int(d.group(2)) <= 12:
            return True
    return next(_part_year_matches(text, statement), None) is not None


_DOTTED_PART_RE = re.compile(rf"((?:19|20)[0-9]{{2}})\.\s*0?1(?:\.\s*0?1)?\s*{_TO}\s*(?:(?:19|20)[0-9]{{2}}\.)?\s*(?:0?[1-9]|1[01])(?![0-9])")


def part_year_statement_years(text: object) -> list[int]:
    """The years a title or note row says are part of the year (（2021年上半年）: [2021]; 2019.1-2019.11)."""
    out = [int(m.group(1) or m.group("cutyear") or m.group("fillyear") or m.group("monthyear") or m.group("issueyear"))
           for m in _part_year_matches(text, statement=True)]
    if isinstance(text, str):
        out += [int(y) for y in _DOTTED_PART_RE.findall(re.sub(r"\s+", "", nfkc(text)))]
    return out


#: What Excel shows for a formula that failed (#DIV/0!, #N/A, #VALUE!, #REF!, #NAME?, #NUM!, #NULL!).
_EXCEL_ERROR_RE = re.compile(r"^#(?:DIV/0!|N/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$", re.I)

#: Words a clerk writes for "not reported" that are not a number (an error: 无 may also mean 0).
_NOT_REPORTED_WORDS = re.compile(r"^(无|暂无|未统计|未报|未报送|未填报|不详|缺|缺报|空|n/?a|null|none)$", re.I)


#: A value this many times its target (after unit conversion) is warned: a unit mistaken (万元 as 亿元).
PLAUSIBLE_TARGET_FACTOR = 100.0


def _plausibility(P: _Collector, info: Intake, cat: Catalogue, ids, kinds, tv, values, numbers, vrow, vcol,
                  good, grid: Grid, regs=None) -> None:
    """Warnings (never a change) at the cells a clerk should look at again: a value over
    :data:`PLAUSIBLE_TARGET_FACTOR` times its target ``tv`` (per row; a unit mistaken), a fraction for a count
    (6.5 enterprises), a share written as a fraction among percentages (0.97 beside 83 and 92) of the same
    region (``regs``, the rows' region cells: Malta's 0.3 % is not compared with Sweden's 60 %)."""
    lang = info.lang
    big = good & (tv > 0) & (np.abs(values) > PLAUSIBLE_TARGET_FACTOR * tv)
    for i in np.flatnonzero(big):
        info.warnings.append(Problem(grid.where, int(vrow[i]), column_letter(int(vcol[i])), t(
            "intake.value_far_above_target", lang, value=f"{numbers[i]:g}", times=f"{values[i] / tv[i]:,.0f}",
            id=P.shown(cat, ids[i]))))
    # a money value thousands of times below its target (1.3 under 万元 for a 1.35 亿元 target: the 亿元
    # figure under the template's 万元), once per indicator
    money = map_unique(ids, lambda i: normalize_unit(cat.units.get(i, "")) in MONEY_UNITS).astype(bool) if len(ids) \
        else np.zeros(0, dtype=bool)
    small = good & money & (tv > 0) & (values > 0) & (values < tv / (PLAUSIBLE_TARGET_FACTOR * 10))
    for ident in dict.fromkeys(ids[small].tolist()):
        i = int(np.flatnonzero(small & (ids == ident))[0])
        info.warnings.append(Problem(grid.where, int(vrow[i]), column_letter(int(vcol[i])), t(
            "intake.value_far_below_target", lang, value=f"{numbers[i]:g}", shown=f"{values[i]:.10f}".rstrip("0").rstrip("."),
            target=f"{tv[i]:g}", unit=cat.units.get(ident, ""), id=P.shown(cat, ident),
            n=int((small & (ids == ident)).sum()))))
    # (4.000000000000001, a spreadsheet's floating-point noise after a formula, is a whole number)
    counts = good & np.isin(kinds, ["count", "milestone"]) & np.isfinite(values) & \
        ~np.isclose(values, np.round(values), rtol=1e-9, atol=1e-9)
    for i in np.flatnonzero(counts):
        info.warnings.append(Problem(grid.where, int(vrow[i]), column_letter(int(vcol[i])), t(
            "intake.value_count_fraction", lang, value=f"{numbers[i]:g}", id=P.shown(cat, ids[i]))))
    share = good & (kinds == "share") & np.isfinite(values)
    if share.any():
        df = pd.DataFrame({"id": ids[share], "v": values[share], "t": tv[share], "i": np.flatnonzero(share),
                           "region": regs[share] if regs is not None else ""})
        # per region and indicator, all groups at once (a loop over groups took 36 s at 60,000 series)
        keys = [df["region"], df["id"]]
        v = df["v"]
        grp = v.groupby(keys, sort=False)
        gidx = grp.ngroup().to_numpy()
        among = ((grp.transform("size") >= 2) & (v > 5).groupby(keys, sort=False).transform("any")).to_numpy()
        # a hundred times below the others: 0.97 beside 83 and 92, not a share growing from 0.3 % to 10 %
        med = v.where(v > 1).groupby(keys, sort=False).transform("median").to_numpy()
        vv = v.to_numpy()
        small = (vv > 0) & (vv <= 1)
        with np.errstate(invalid="ignore"):
            fraction = among & small & (vv * 100 >= med / 3) & (vv * 100 <= med * 3)
        # 0.97 for 97 %, 0.0064 for 0.64 %: far below the target, and a hundred times it near the target
        # (the whole series written so, or a year among percentages that are not over 5)
        target = df["t"].groupby(keys, sort=False).transform("first").to_numpy()
        with np.errstate(invalid="ignore", divide="ignore"):
            low = ~among & (target > 0) & small & (vv < target / 20) & (vv * 100 >= target / 5) & (vv * 100 <= target * 5)
        low_s = pd.Series(low)
        n_low = low_s.groupby(gidx).transform("sum").to_numpy()
        first_low = low & (low_s.groupby(gidx).cumsum().to_numpy() == 1)
        order = np.lexsort((np.arange(len(df)), np.where(fraction, 0, 1), gidx))  # each group's fractions, then its low
        for k in order:
            if not (fraction[k] or first_low[k]):
                continue
            i = int(df["i"].iat[k])
            if fraction[k]:
                info.warnings.append(Problem(grid.where, int(vrow[i]), column_letter(int(vcol[i])), t(
                    "intake.value_share_fraction", lang, value=f"{numbers[i]:g}", id=P.shown(cat, ids[i]),
                    pct=f"{numbers[i] * 100:g}")))
            else:
                info.warnings.append(Problem(grid.where, int(vrow[i]), column_letter(int(vcol[i])), t(
                    "intake.value_share_below_target", lang, value=f"{numbers[i]:g}", id=P.shown(cat, ids[i]),
                    pct=f"{numbers[i] * 100:g}", target=f"{target[k]:g}", n=int(n_low[k]))))


def _number_hint(v: object) -> str | None:
    """How to write a cell that is not a number (1.3亿, 未统计, 39（快报）), or None."""
    s = str(v).strip() if v is not None else ""
    if _EXCEL_ERROR_RE.match(s):
        return "intake.hint_excel_error"
    if _NOT_REPORTED_WORDS.match(s):
        return "intake.hint_not_reported"
    if s in ("×", "✕"):
        return "intake.hint_not_applicable"
    if re.fullmatch(r"[0-9０-９.,，．]+\s*[亿万]", s):
        return "intake.hint_amount"
    if re.fullmatch(r"[0-9０-９.,，．]+\s*[(（].*[)）]", s):
        return "intake.hint_remark"
    date = re.fullmatch(r"(19\d\d|20\d\d)[-/.](\d{1,2})(?:[-/.](\d{1,2})(?:[ T]\d\d:\d\d(?::\d\d)?)?)?", s)
    if date:
        return "intake.hint_date"
    num = r"[0-9０-９][0-9０-９.,，．]*"
    if re.fullmatch(rf"(?:预计|预测|估计|估算|计划|力争)\s*(?:数|值|为|达到?)?\s*[:：]?\s*{num}.*", s):
        return "intake.hint_estimate"
    if re.fullmatch(rf"{num}\s*[~～\-—–至到]\s*{num}.*", s):
        return "intake.hint_range"
    if re.fullmatch(rf"(?:约|大约|近|接近|超过|突破|不少于|不低于|不到|不足)\s*{num}.*", s) or re.fullmatch(
            rf"{num}\s*\S{{0,3}}?(?:左右|以上|以下|多|余|有余)", s):
        return "intake.hint_approx"
    if re.search(r"[\u4e00-\u9fff]", s):  # 全覆盖, 已建成1家: words where a number belongs
        return "intake.hint_words"
    return None


#: A number with the status of the figure in brackets after it, in its value cell: 1.5（快报）, 6(预计), 12（年报）.
_VALUE_STATUS_RE = re.compile(r"\s*(-?[0-9][0-9,]*(?:\.[0-9]+)?)\s*[(（]\s*(快报数?|初步数?|初步统计数?|年报数?|正式数|"
                              r"预计数?|预估数?|估计数?|推算数?)\s*[)）]\s*")


def _status_in_value_cells(rec: pd.DataFrame, info: Intake) -> None:
    """A value cell holding a number and the figure's status (``1.5（快报）``, ``6（预计）``) was "not a
    number": the number is read as the value and the word goes first into the row's note, where it counts
    as any note does (快报 and 年报 read and said, 预计 not read as an actual value). Said, per spelling."""
    vtext = rec["value"].to_numpy(dtype=object)
    # (a cell ending in a bracket only: the 250,000 plain numbers of a province's file skip the NFKC and the regex)
    found = map_unique(vtext, lambda v: _VALUE_STATUS_RE.fullmatch(nfkc(v))
                       if isinstance(v, str) and v.rstrip()[-1:] in (")", "）") else None)
    hit = np.array([m is not None for m in found], dtype=bool)
    if not hit.any():
        return
    notes = rec["note"].to_numpy(dtype=object).copy()
    years = rec["year"].to_numpy(dtype=object) if "year" in rec else np.full(len(rec), "", dtype=object)
    values = vtext.copy()
    for i in np.flatnonzero(hit):
        m = found[i]
        values[i] = m.group(1)
        old = cell_text(notes[i])
        y = year_header(years[i]) if not is_blank(years[i]) else None
        word = m.group(2) if m.group(2).endswith("数") else m.group(2) + "数"
        said = f"{y}年为{word}" if y else m.group(2)  # a wide row's note is read for the year it names
        notes[i] = said + (f"；{old}" if old else "")
    rec["value"] = values
    rec["note"] = notes
    for text, k in Counter(vtext[hit].tolist()).items():  # said once per spelling
        m = found[int(np.flatnonzero(vtext == text)[0])]
        info.note("intake.conv_value_status", k, cell=quote(text), value=m.group(1), word=m.group(2))


def _value_text_flags(v: object) -> int:
    """What a value cell's content is (:func:`check_cells`): 1 a not-reported marker (—, …), 2 a number
    kept as text by an export (``="10400"``), 4 Excel's text mark (``'39``), 8 text at all; 0 a number."""
    if not isinstance(v, str):
        return 0
    s = v.strip()
    return (8 | (1 if s in NOT_REPORTED else 0) | (2 if s[:1] == "=" and _EXCEL_TEXT_RE.match(v) else 0)
            | (4 if s[:1] in _APOSTROPHES and _APOSTROPHE_RE.match(v) else 0))


def cell_text(v: object) -> str:
    if is_blank(v):
        return ""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    return str(v).strip()


def _unsaved_key_formulas(rec: pd.DataFrame, grid: Grid, lay: Layout, P: _Collector,
                          hit_any: np.ndarray) -> dict[tuple[int, str], list[str]]:
    """Formulas without a saved result in the header rows or in a record's key cells (year, indicator,
    region, unit, note ...): one error per cell, the records so read marked in ``hit_any``; returns the
    cells (row, letter) with the message said there."""
    if not grid.formulas:
        return {}
    heads = {int(grid.rows[h]) for h in lay.header} | (
        {int(grid.rows[lay.unit_row])} if lay.unit_row is not None else set())
    cells: dict[tuple[int, int], str] = {rc: f for rc, f in grid.formulas.items() if rc[0] in heads}
    fkeys = np.array([r * 100_000 + c for r, c in grid.formulas], dtype=np.int64)
    for f in [c[1:-2] for c in rec.columns if c.startswith("_") and c.endswith("_c") and c != "_value_c"]:
        if f"_{f}_r" not in rec.columns:
            continue
        cc = rec[f"_{f}_c"].to_numpy(dtype=np.int64)
        rr = rec[f"_{f}_r"].to_numpy(dtype=np.int64)
        hit = (cc >= 0) & np.isin(rr * 100_000 + cc, fkeys)
        hit_any |= hit
        for i in np.flatnonzero(hit):
            cells[(int(rr[i]), int(cc[i]))] = grid.formulas[(int(rr[i]), int(cc[i]))]
    if heads:  # a record whose year or indicator came from a header cell that holds such a formula
        for f in ("year", "ind", "region", "unit"):
            if f"_{f}_c" in rec.columns:
                keys = rec[f"_{f}_r"].to_numpy(dtype=np.int64) * 100_000 + rec[f"_{f}_c"].to_numpy(dtype=np.int64)
                hit_any |= np.isin(keys, [r * 100_000 + c for r, c in cells])
    out: dict[tuple[int, str], list[str]] = {}
    for (r, c), formula in sorted(cells.items()):
        letter = column_letter(c)
        P.add(r, c, "intake.formula_no_value", cell=f"{letter}{r}", formula=quote(formula))
        out[(r, letter)] = [P.items[-1].message]
    return out


def _region_names(rec: pd.DataFrame, lay: Layout, info: Intake, grid: Grid, good: np.ndarray, default_region: str,
                  own_region: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Each value's region as read (同上 filled, the default where none is written, 全区 as the file's
    district, 白银市平川区 as 平川区; said in ``info``, counted over ``good``), and the cells whose region is
    missing where the file names regions (an error at each, by the caller)."""
    reg_text = map_unique(rec["region"].to_numpy(dtype=object), cell_text)
    ditto = np.isin(reg_text, list(_DITTO))
    if ditto.any():  # 同上 / 〃 under 平川区: the region above it, said
        filled = pd.Series(np.where(ditto, None, reg_text), dtype=object).replace("", None).ffill()
        ok_fill = ditto & filled.notna().to_numpy()
        reg_text = np.where(ok_fill, filled.fillna("").to_numpy(dtype=object), reg_text)
        info.note("intake.conv_ditto", int(ok_fill.sum()), column=column_letter(int(rec["_region_c"].iat[0]))
                  if len(rec) and int(rec["_region_c"].iat[0]) >= 0 else "")
    no_reg = reg_text == ""
    others = set(reg_text[~no_reg].tolist()) - {default_region}
    missing = np.zeros(len(rec), dtype=bool)
    if bool(lay.roles.get("region")) and others and no_reg.any():
        missing = no_reg
    elif no_reg.any():
        info.note("intake.conv_default_region", int((no_reg & good).sum()), region=default_region)
    regions = np.where(no_reg, default_region, reg_text)
    regions = _whole_district(regions, good, info, own_region or default_region)
    regions = _plan_place_names(regions, good, info, grid, rec["_region_r"].to_numpy(), rec["_region_c"].to_numpy())
    return regions, missing


def check_cells(rec: pd.DataFrame, grid: Grid, lay: Layout, cat: Catalogue, info: Intake, *,
           default_region: str, skip_unknown: bool, panel: bool, known_sectors: set[str] | dict[str, str] | None,
           stmt_units: dict[str, str], own_region: str | None = None,
           ) -> tuple[pd.DataFrame, list[Problem], dict[str, list[int]]]:
    lang = info.lang
    P = _Collector(grid, lang)
    n = len(rec)
    bad = np.zeros(n, dtype=bool)
    _status_in_value_cells(rec, info)  # 1.5（快报）: the number, and its word a note (read as any note is)
    # a formula without a saved result (a file a script wrote) in a header or key cell reads as empty: an
    # error, as in a value cell (below), never a year column dropped or a default region put in its place
    key_formula = np.zeros(n, dtype=bool)
    formula_cells = _unsaved_key_formulas(rec, grid, lay, P, key_formula)
    bad |= key_formula
    # ---- blank values and not-reported markers
    vtext = rec["value"].to_numpy(dtype=object)
    vser = pd.Series(vtext, dtype=object)
    blank = vser.eq("").to_numpy().copy()
    # what the value cells are, looked at once per distinct text: 1 a not-reported marker (—), 2 an
    # export's ="10400", 4 Excel's '39, 8 any text at all
    flags = map_unique(vtext, _value_text_flags).astype(np.int8)
    marker = (flags & 1).astype(bool)
    info.note("intake.conv_not_reported", int(marker.sum()))
    blank |= marker
    # ---- rows that hold nothing but blanks in the value cells and no indicator
    # ---- indicator names (one factorisation: every per-indicator array is a table lookup)
    icodes, iuniq = pd.factorize(pd.Series(rec["ind"].to_numpy(dtype=object), dtype=object), use_na_sentinel=False)
    itext = [cell_text(u) for u in iuniq]
    resolved, name_units = [], []
    for u in itext:
        r = cat.names.resolve(u) if u else (None, "")
        nu = ""
        if u and r[0] is None:  # 技术市场合同交易额（万元）: a unit in brackets after the name
            base, nu = split_unit(u)
            r = cat.names.resolve(base) if nu else (None, "")
            nu = nu if r[0] else ""
        resolved.append(r)
        name_units.append(nu)
    iid = [r[0] or "" for r in resolved]

    def per_ind(values) -> np.ndarray:
        table = np.empty(len(iuniq), dtype=object)
        table[:] = values
        return table[icodes] if len(icodes) else np.zeros(0, dtype=object)

    ind_text, ids = per_ind(itext), per_ind(iid)
    empty_ind = ind_text == ""
    unknown = (~empty_ind) & (ids == "")
    # 其中：当年新认定高新技术企业 under 高新技术企业: a part of the row above, not an indicator of the
    # plan's: not read, said once per row (a 其中 row naming a catalogue indicator exactly is read)
    sub_item = unknown & map_unique(ind_text, lambda v: bool(_SUB_ITEM_RE.match(nfkc(str(v))))).astype(bool)
    for u in pd.unique(ind_text[sub_item]):
        for r, c in sorted({(int(a), int(b)) for a, b in zip(rec.loc[ind_text == u, "_ind_r"],
                                                             rec.loc[ind_text == u, "_ind_c"])}):
            info.warnings.append(Problem(grid.where, r, column_letter(c), t("intake.sub_item", lang, name=quote(u))))
    unknown &= ~sub_item
    # a row of the plan's targets (2020年目标, 规划目标值) among the indicators: not an indicator, not read,
    # said as a column of targets is (the targets are the catalogue's; stop 43: it was an unknown indicator)
    target_row = unknown & map_unique(ind_text, lambda v: bool(_TARGET_ROW_RE.fullmatch(
        re.sub(r"\s+", "", nfkc(str(v)))))).astype(bool)
    for u in pd.unique(ind_text[target_row]):
        first = int(np.flatnonzero(ind_text == u)[0])
        info.warnings.append(Problem(grid.where, int(rec["_ind_r"].iat[first]), column_letter(
            int(rec["_ind_c"].iat[first])), t("intake.unused_target_row", lang, name=quote(u))))
    unknown &= ~target_row
    sub_item |= target_row
    skipped: dict[str, list[int]] = {}
    if skip_unknown and unknown.any():
        for u in pd.unique(ind_text[unknown]):
            skipped[str(u)] = sorted({int(r) for r in rec.loc[ind_text == u, "_ind_r"]})
            sug = cat.names.suggest(u, lang=lang, cutoff=SKIPPED_SUGGEST_CUTOFF)
            if sug:  # a plan indicator written another way, perhaps: its values would go unassessed
                first = int(np.flatnonzero(ind_text == u)[0])
                info.warnings.append(Problem(grid.where, int(rec["_ind_r"].iat[first]), column_letter(
                    int(rec["_ind_c"].iat[first])), t("intake.skipped_near_catalogue", lang, value=quote(u),
                                                      suggestions=join_words(sug, lang))))
    # an empty indicator cell on a row with no value is a blank row part (wide: a row without a name)
    for i in np.flatnonzero(empty_ind & ~blank):
        P.add(rec["_ind_r"].iat[i], rec["_ind_c"].iat[i], f"intake.{cat.label}_empty")
        bad[i] = True
    if not skip_unknown:
        # one line per unknown name, at its first cell, with the other rows that name it (a long table
        # repeats a name on every year's row: 219 lines for a county table against a short catalogue)
        seen: set[tuple[int, int]] = set()
        first_at: dict[str, tuple[int, int]] = {}
        more: dict[str, list[int]] = {}
        for i in np.flatnonzero(unknown):
            bad[i] = True
            pos = (int(rec["_ind_r"].iat[i]), int(rec["_ind_c"].iat[i]))
            if pos in seen:
                continue
            seen.add(pos)
            u = str(ind_text[i])
            if u in first_at:
                more[u].append(pos[0])
            else:
                first_at[u], more[u] = pos, []
        for u, pos in first_at.items():
            sug = cat.names.suggest(u, lang=lang)
            key = f"intake.unknown_{cat.label}" + ("_suggest" if sug else "")
            rows = sorted(set(more[u]))
            hint = None if not rows else "intake.unknown_more_one" if len(rows) == 1 else "intake.unknown_more"
            P.add(pos[0], pos[1], key, hint=hint, value=quote(u), suggestions=join_words(sug, lang), n=len(rows),
                  rows=row_spans(rows, lang))
    drop_unknown = (unknown if skip_unknown else np.zeros(n, dtype=bool)) | sub_item
    # ---- a name column beside the id column (the template's 指标名称): each row's name must be its id's
    if "_name" in rec:
        ntext = map_unique(rec["_name"].to_numpy(dtype=object), cell_text)
        nid = map_unique(ntext, lambda s: (cat.names.resolve(s)[0] or "") if s else "")
        seen_names: set[tuple[int, int]] = set()
        for i in np.flatnonzero((nid != "") & (ids != "") & (nid != ids)):
            pos = (int(rec["_name_r"].iat[i]), int(rec["_name_c"].iat[i]))
            if pos not in seen_names:
                seen_names.add(pos)
                info.warnings.append(Problem(grid.where, pos[0], column_letter(pos[1]), t(
                    "intake.name_id_mismatch", lang, name=quote(ntext[i]), other=nid[i], id=P.shown(cat, ids[i]))))
    # ---- years
    ytext = rec["year"].to_numpy(dtype=object)
    years = np.full(n, -1, dtype=np.int64)
    parsed_years = map_unique(ytext, lambda v: -1 if is_blank(v) else (parse_year(v) if parse_year(v) is not None
                                                                      else -1))
    parsed_years = parsed_years.astype(np.int64) if n else np.zeros(0, dtype=np.int64)
    # a year cell written as bureaus label an actual value (2019年（快报）, 2019年报, 2019年末): that year, said
    for v in dict.fromkeys(ytext[parsed_years < 0].tolist()) if n else ():
        y = year_header(v) if isinstance(v, str) else None
        if y is not None:
            hit = (ytext == v) & (parsed_years < 0)
            parsed_years[hit] = y
            info.note("intake.conv_year_cell", int(hit.sum()), cell=quote(v), year=y)
    lo_year, hi_year = config.year_range()
    in_range = (parsed_years >= lo_year) & (parsed_years <= hi_year)
    years[in_range] = parsed_years[in_range]
    # a year cell naming part of a year (2021年上半年, 2020年1-6月): not a year's value, so not read, and said
    # once per spelling (as a column headed so is in a wide table)
    part_cells = map_unique(ytext, lambda v: isinstance(v, str) and bool(re.search(r"(?:19|20)[0-9]{2}", v))
                            and (says_part_year(v) or bool(_MONTH_CELL_RE.match(re.sub(r"\s+", "", nfkc(v)))))
                            ).astype(bool) & \
        (parsed_years < 0) & ~drop_unknown if n else np.zeros(0, dtype=bool)
    for v in dict.fromkeys(ytext[part_cells].tolist()):
        hit = part_cells & (ytext == v)
        first = int(np.flatnonzero(hit)[0])
        # rows, not cells: a transposed table's 2020年1-9月 row holds one cell per indicator (6 cells, 1 row)
        n_rows = len(set(rec["_row"].to_numpy()[hit].tolist()))
        info.warnings.append(Problem(grid.where, int(rec["_year_r"].iat[first]), column_letter(
            int(rec["_year_c"].iat[first])), t("intake.part_year_cell", lang, value=quote(v), n=n_rows)))
    drop_unknown = drop_unknown | part_cells
    for i in np.flatnonzero(~in_range):
        v = ytext[i]
        y = None if parsed_years[i] < 0 else int(parsed_years[i])
        if y is None:
            if not drop_unknown[i]:
                if is_blank(v):
                    P.add(rec["_year_r"].iat[i], rec["_year_c"].iat[i], "intake.year_empty")
                elif isinstance(v, str) and has_foreign_digits(v):
                    P.add(rec["_year_r"].iat[i], rec["_year_c"].iat[i], "intake.foreign_digits", value=quote(v))
                else:
                    serial = _excel_serial_date(v)  # 43465: a date cell saved as its number (2018-12-31)
                    month = re.fullmatch(r"((?:19|20)[0-9]{2})(0[1-9]|1[0-2])", cell_text(v).replace(".0", ""))
                    P.add(rec["_year_r"].iat[i], rec["_year_c"].iat[i], "intake.year_not_a_year", value=quote(v),
                          hint="intake.hint_year_serial" if serial else "intake.hint_year_month" if month else None,
                          date=serial, year=month.group(1) if month else "", month=int(month.group(2)) if month else 0)
                bad[i] = True
        elif not (lo_year <= y <= hi_year):
            if not drop_unknown[i]:
                older = config.HISTORY_MIN_YEAR <= y < lo_year  # a real year, only before the monitoring's
                P.add(rec["_year_r"].iat[i], rec["_year_c"].iat[i],
                      "intake.year_range_older" if older else "intake.year_range", year=y, lo=lo_year, hi=hi_year)
            bad[i] = True
    if lay.kind != "long":  # one message per bad header year, not one per row
        P.items = list(dict.fromkeys(P.items))
    # ---- formulas without a saved value, percent-formatted cells
    vcol = rec["_value_c"].to_numpy(dtype=np.int64)
    vrow = rec["_value_r"].to_numpy(dtype=np.int64)
    formula_bad = np.zeros(n, dtype=bool)
    if grid.formulas:
        fkeys = {r * 100_000 + c for r, c in grid.formulas}
        hit = np.isin(vrow * 100_000 + vcol, list(fkeys))
        for i in np.flatnonzero(hit):
            P.add(vrow[i], vcol[i], "intake.formula_no_value",
                  cell=f"{column_letter(int(vcol[i]))}{vrow[i]}", formula=quote(grid.formulas[(vrow[i], vcol[i])]))
            bad[i] = True
            formula_bad[i] = True
            blank[i] = False
    if grid.merged:  # a number spread by a merged range over several years or indicators: whose is it?
        hit = np.isin(vrow * 100_000 + vcol, [r * 100_000 + c for r, c in grid.merged]) & ~blank
        for i in np.flatnonzero(hit):
            P.add(vrow[i], vcol[i], "intake.merged_value", range=grid.merged[(int(vrow[i]), int(vcol[i]))])
            bad[i] = True
            formula_bad[i] = True
    pct = np.zeros(n, dtype=bool)
    if grid.percent:
        pct = np.isin(vrow * 100_000 + vcol, [r * 100_000 + c for r, c in grid.percent]) & ~blank
        # a number typed as text (0.64, 0.64%) shows as typed in a %-formatted cell: read as typed, not ×100
        pct &= ~(flags & 8).astype(bool)
    # ---- a region that is the total of the others (全市 beside 平川区 and 白银区, a 全市 block): its values are
    # not read, so not checked either (numbers, units, ranges, plausibility): a clerk's SUM of three shares
    # over 100 refused a file for a column the same output said it did not read. Found on the regions as
    # read (a scratch Intake: their notes are made once, below), said where they were.
    present = ~bad & ~blank & (ids != "") & ~drop_unknown
    first_regions, _ = _region_names(rec, lay, Intake(info.file, lang, info.kind), grid, present, default_region,
                                     own_region)
    total, total_said = _aggregate_regions(first_regions, present, P, rec, own_region or default_region)
    # the names recognised, counted at the cells read (not at a total's, said with it)
    icounts = np.bincount(icodes[~total], minlength=len(iuniq)) if len(icodes) else np.zeros(len(iuniq), dtype=int)
    conv = Counter()
    for k, (u, (i, how)) in enumerate(zip(itext, resolved)):
        if how in ("name", "alias", "id_case"):
            conv[(u, i, how)] += int(icounts[k])
    for (u, i, how), k in conv.items():
        name = re.sub(r"\s*\n\s*", " ", str(u))  # a name on two lines: one
        label = cat.names.label.get(i, "") or i      # in Chinese the catalogue's name, not the id
        key = "intake.conv_name_same" if how == "name" and label == name else f"intake.conv_{how}"
        to = i if how == "id_case" or info.lang != "zh" else label
        if key == "intake.conv_name_same":
            to = "" if info.lang == "zh" else f" → {i}"
        info.note(key, k, name=name, to=to)
    # ---- numbers
    quoted = (flags & 2).astype(bool)
    if quoted.any():  # ="10400": how an export keeps a number as text in a CSV (Excel shows 10400)
        vtext = vtext.copy()
        vtext[quoted] = [_EXCEL_TEXT_RE.match(v).group(1) for v in vtext[quoted]]
        info.note("intake.conv_excel_text", int((quoted & ~total).sum()))
        apos = map_unique(vtext, lambda v: isinstance(v, str) and bool(_APOSTROPHE_RE.match(v))).astype(bool)
    else:
        apos = (flags & 4).astype(bool)
    if apos.any():  # '39: the apostrophe is Excel's text mark, not part of the number
        vtext = vtext.copy()
        vtext[apos] = [_APOSTROPHE_RE.match(v).group(1) for v in vtext[apos]]
        info.note("intake.conv_apostrophe", int((apos & ~total).sum()))
    numbers, cell_units, fullwidth, marked = parse_values(pd.Series(vtext, dtype=object))
    for i in np.flatnonzero(np.isnan(numbers) & ~blank):
        v = vtext[i]
        if isinstance(v, str) and not v.strip():
            blank[i] = True
    info.note("intake.conv_fullwidth", int((fullwidth & ~blank & ~total).sum()))
    # 1.2亿元 typed in a value cell: the number read with the unit it carries (converted below if need be)
    info.note("intake.conv_unit_in_cell", int(((cell_units != "") & ~blank & ~formula_bad & ~total).sum()))
    marked &= ~blank & ~formula_bad & ~total
    info.note("intake.conv_note_mark", int(marked.sum()))
    for i in np.flatnonzero(marked & ~drop_unknown):  # 6① is 6 (never 61): said at its cell
        info.warnings.append(Problem(grid.where, int(vrow[i]), column_letter(int(vcol[i])), t(
            "intake.note_mark_value", lang, value=quote(cell_text(vtext[i])), number=f"{numbers[i]:g}")))
    notnum = ~blank & np.isnan(numbers) & ~formula_bad & ~total
    for i in np.flatnonzero(notnum & ~drop_unknown):
        v = vtext[i]
        key = "intake.foreign_digits" if has_foreign_digits(v) else "intake.not_a_number"
        P.add(vrow[i], vcol[i], key, hint=_number_hint(v), value=quote(v))
    bad |= notnum
    if getattr(grid, "scaled", None):  # #,##0, shows 130000000 as 130,000 under 千元: read what the sheet shows
        keys = vrow.astype(np.int64) * 100_000 + vcol.astype(np.int64)
        divisor = pd.Series({r * 100_000 + c: f for (r, c), f in grid.scaled.items()}).reindex(keys).to_numpy()
        shown_scaled = ~np.isnan(divisor.astype(float)) & ~blank & ~np.isnan(numbers) & ~pct & ~map_unique(
            vtext, lambda v: isinstance(v, str)).astype(bool)
        if shown_scaled.any():
            numbers = numbers.copy()
            numbers[shown_scaled] = [convert(v, Decimal(1) / Decimal(int(f))) for v, f in
                                     zip(numbers[shown_scaled].tolist(), divisor[shown_scaled].tolist())]
            info.note("intake.conv_scaled_format", int((shown_scaled & ~total).sum()))
    if pct.any():
        numbers = numbers.copy()
        numbers[pct] = [convert(v, Decimal(100)) for v in numbers[pct].tolist()]  # 0.0064 -> 0.64 exactly
        cell_units = np.where(pct, "%", cell_units)
        info.note("intake.conv_percent_format", int((pct & ~total).sum()))
    # ---- units
    targets_u = per_ind([cat.units.get(i, "") for i in iid])
    kinds = per_ind([cat.kinds.get(i, "") for i in iid])
    col_u = map_unique(rec["unit"].to_numpy(dtype=object), lambda u: normalize_unit(cell_text(u)))
    hdr_u = map_unique(rec["_hunit"].to_numpy(dtype=object), normalize_unit)
    if any(name_units):
        hdr_u = np.where(hdr_u == "", per_ind(name_units), hdr_u)
    given = np.where(cell_units != "", cell_units, np.where(col_u != "", col_u, hdr_u))
    conflict = (cell_units != "") & (col_u != "") & (cell_units != col_u) & ~bad & ~total
    # 9人 under a unit column 名: one unit under two words (unit_factor 1), not two units to choose from
    conflict &= ~np.array([{c, k} <= PERSON_UNITS for c, k in zip(cell_units, col_u)], dtype=bool) if n else conflict
    for i in np.flatnonzero(conflict):
        P.add(vrow[i], vcol[i], "intake.unit_conflict", hint="intake.hint_unit_conflict", cell=cell_units[i],
              column=col_u[i])
    bad |= conflict
    # 技术市场合同交易额（亿元） on a row whose unit column says 万元: which one the numbers are in cannot be told
    if any(name_units):
        nu = per_ind([normalize_unit(u) for u in name_units])
        named = (nu != "") & (col_u != "") & (nu != col_u) & (cell_units == "") & ~bad & ~total
        named &= ~np.array([{a, b} <= PERSON_UNITS for a, b in zip(nu, col_u)], dtype=bool) if n else named
        said: set[int] = set()
        for i in np.flatnonzero(named):  # once a row (every value of it is refused)
            if int(vrow[i]) not in said:
                said.add(int(vrow[i]))
                P.add(vrow[i], vcol[i], "intake.unit_conflict_name", name=nu[i], column=col_u[i])
        bad |= named
    # sheet-level statements (金额单位：万元) where the row states no unit
    implicit = (given == "")
    if stmt_units:
        money_target = per_ind([normalize_unit(cat.units.get(i, "")) in MONEY_UNITS for i in iid]).astype(bool)
        su = stmt_units.get("money") or stmt_units.get("all")
        if su and su in MONEY_UNITS:
            use = implicit & money_target
            given = np.where(use, su, given)
            implicit &= ~use
            info.statement_use = {("money" if stmt_units.get("money") else "all"): int((use & ~blank & ~total).sum())}
        if stmt_units.get("all") and stmt_units["all"] not in MONEY_UNITS:
            same = implicit & map_unique(targets_u, lambda u: unit_factor(stmt_units["all"], u) is not None).astype(bool)
            given = np.where(same, stmt_units["all"], given)
            implicit &= ~same
        # a row whose own unit disagrees with the sheet's money unit
        sm = stmt_units.get("money")
        if sm:
            clash = (col_u != "") & map_unique(col_u, lambda u: u in MONEY_UNITS).astype(bool) & (col_u != sm) & ~bad
            clash &= ~total
            for i in np.flatnonzero(clash):
                P.add(rec["_unit_r"].iat[i], rec["_unit_c"].iat[i], "intake.unit_statement_conflict",
                      unit=col_u[i], sheet_unit=sm)
            bad |= clash
    values = np.full(n, np.nan)
    ok = ~bad & ~blank & (ids != "") & ~total
    conv_counts: Counter = Counter()
    unit_bad = np.zeros(n, dtype=bool)
    okidx = np.flatnonzero(ok)
    groups = (pd.DataFrame({"g": given[okidx], "t": targets_u[okidx]}).groupby(["g", "t"], sort=False).indices
              if len(okidx) else {})
    for (g, tu), loc in groups.items():
        f = unit_factor(g, tu) if tu else Decimal(1)
        sel = np.zeros(n, dtype=bool)
        sel[okidx[loc]] = True
        if f is None:
            for i in np.flatnonzero(sel):
                col = vcol[i] if cell_units[i] else (rec["_unit_c"].iat[i] if rec["_unit_c"].iat[i] >= 0 else vcol[i])
                row = vrow[i] if cell_units[i] else rec["_unit_r"].iat[i]
                counting = g in COUNTING and tu in COUNTING  # 户 for 家, 个 for 人: say how to fix it
                P.add(row, col, f"intake.unit_not_convertible_{cat.label}", hint="intake.unit_hint_count" if counting
                      else None, unit=g, target=tu, id=P.shown(cat, ids[i]))
            unit_bad |= sel
            continue
        idx = np.flatnonzero(sel)
        if f == 1 and {g, tu} == set(PERSON_UNITS):  # 人 for 名: the same count, said
            info.note("intake.conv_unit_same", len(idx), given=g, target=tu)
        elif f == 1 and {g, tu} == {"户", "家"}:  # 户 for 家: the same count of enterprises, said
            info.note("intake.conv_unit_same_firms", len(idx), given=g, target=tu)
        if f == 1:
            values[idx] = numbers[idx]
        else:
            values[idx] = [convert(v, f) for v in numbers[idx].tolist()]
            conv_counts[(g, tu, format(f.normalize(), "f") if hasattr(f, "normalize") else str(f))] += len(idx)
    for (g, tu, f), k in conv_counts.items():
        info.note("intake.conv_unit", k, given=unit_as_written(g, lang), target=unit_as_written(tu, lang), factor=f)
    bad |= unit_bad
    good = ok & ~unit_bad
    # ---- ranges
    huge = good & ~(np.abs(values) <= MAX_ABS_VALUE)
    for i in np.flatnonzero(huge):
        P.add(vrow[i], vcol[i], "intake.value_out_of_range", value=quote(cell_text(vtext[i])), limit=f"{MAX_ABS_VALUE:g}")
    bad |= huge
    good &= ~huge
    neg = good & np.isin(kinds, NONNEGATIVE_KINDS) & (values < 0)
    for i in np.flatnonzero(neg):
        P.add(vrow[i], vcol[i], "intake.value_negative", value=f"{numbers[i]:g}", id=P.shown(cat, ids[i]),
              kind=P.kind(kinds[i] or "count"))
    share = good & (kinds == "share") & ~((values >= 0) & (values <= 100))
    for i in np.flatnonzero(share):
        P.add(vrow[i], vcol[i], "intake.value_share_range", value=f"{numbers[i]:g}", id=P.shown(cat, ids[i]))
    bad |= neg | share
    good &= ~(neg | share)
    tv = (per_ind([cat.targets.get(i, np.nan) for i in iid]).astype(float) if cat.targets
          else np.full(n, np.nan))  # each indicator's target, looked up once per indicator
    if cat.targets:
        money = per_ind([normalize_unit(cat.units.get(i, "")) in MONEY_UNITS for i in iid]).astype(bool)
        implaus = good & implicit & money & (tv > 0) & (values > IMPLAUSIBLE_FACTOR * tv)
        for i in np.flatnonzero(implaus):
            P.add(vrow[i], vcol[i], "intake.value_implausible_no_unit", value=f"{numbers[i]:g}", unit=targets_u[i],
                  target=f"{tv[i]:g}", id=P.shown(cat, ids[i]))
        bad |= implaus
        good &= ~implaus
        # a unit written beside it that cannot be right (13000 under 亿元 for a target of 1.35亿元: the
        # clerk's 万元 figure under the template's 亿元): refused as well, never scored
        stated = good & ~implicit & money & (tv > 0) & (values > IMPLAUSIBLE_FACTOR * tv)
        for i in np.flatnonzero(stated):
            P.add(vrow[i], vcol[i], "intake.value_implausible_unit", value=f"{numbers[i]:g}", given=given[i],
                  unit=targets_u[i], target=f"{tv[i]:g}", id=P.shown(cat, ids[i]))
        bad |= stated
        good &= ~stated
        # 件 for 件/万人 (the ratio's numerator, as bureaus write it) with a value ten times the target and
        # more: the count of patents, not the count per 10,000 residents; refused, never scored as met
        per_capita = per_ind(["/" in normalize_unit(cat.units.get(i, "")) for i in iid]).astype(bool)
        pairs = np.empty(n, dtype=object)
        pairs[:] = list(zip(map(str, given.tolist()), map(str, targets_u.tolist())))
        numerator = map_unique(pairs, lambda gu: bool(gu[0]) and "/" in gu[1]
                               and normalize_unit(gu[0]) == gu[1].split("/", 1)[0]).astype(bool)
        counted = good & per_capita & numerator & (tv > 0) & (values > PER_CAPITA_FACTOR * tv)
        for i in np.flatnonzero(counted):
            P.add(vrow[i], vcol[i], "intake.value_count_not_per_capita", value=f"{numbers[i]:g}", given=given[i],
                  unit=targets_u[i], target=f"{tv[i]:g}", id=P.shown(cat, ids[i]))
        bad |= counted
        good &= ~counted
    info.note("intake.conv_unit_assumed", int((good & implicit & (targets_u != "")).sum()))
    # (a value whose note calls it an estimate, a plan or a rate is left out below: not compared here either)
    noted = map_unique(rec["note"].to_numpy(dtype=object), says_estimate).astype(bool)
    _plausibility(P, info, cat, ids, kinds, tv, values, numbers, vrow, vcol, good & ~drop_unknown & ~noted, grid,
                  regs=map_unique(rec["region"].to_numpy(dtype=object), cell_text))
    # ---- regions
    regions, no_region = _region_names(rec, lay, info, grid, good, default_region, own_region)
    # one line for the empty region cells, at the first, with the other rows (88 lines for a column left
    # blank for one district; stop 43)
    empty_at = np.flatnonzero(no_region & ~blank & ~drop_unknown)
    bad[empty_at] = True
    if len(empty_at):
        cells = sorted({(int(rec["_region_r"].iat[i]), int(rec["_region_c"].iat[i])) for i in empty_at})
        more = sorted({r for r, _ in cells[1:]} - {cells[0][0]})
        P.add(cells[0][0], cells[0][1], "intake.region_empty", n=len(more), rows=row_spans(more, lang),
              hint=None if not more else "intake.region_empty_more_one" if len(more) == 1 else
              "intake.region_empty_more")
    # ---- sectors (panel)
    sec_text = map_unique(rec["sector"].to_numpy(dtype=object), cell_text)
    if panel:
        for i in np.flatnonzero((sec_text == "") & ~blank):
            P.add(rec["_sector_r"].iat[i], rec["_sector_c"].iat[i], "intake.sector_empty")
            bad[i] = True
        if isinstance(known_sectors, dict):  # 陶瓷建材 -> ceramics: a sector named as the plan names it, said
            mapped = map_unique(sec_text, lambda v: known_sectors.get(v, v))
            for (a, b), k in Counter(zip(sec_text[(mapped != sec_text) & ~blank],
                                         mapped[(mapped != sec_text) & ~blank])).items():
                info.note("intake.conv_sector_name", k, name=a, id=b)
            sec_text = mapped
            known_sectors = set(known_sectors.values())
        if known_sectors is not None:
            for i in np.flatnonzero((sec_text != "") & ~np.isin(sec_text, list(known_sectors)) & ~blank):
                P.add(rec["_sector_r"].iat[i], rec["_sector_c"].iat[i], "intake.sector_unknown",
                      value=quote(sec_text[i]))
                bad[i] = True
    # ---- duplicates (among rows that are otherwise fine, blank ones included: a repeated key is a mistake)
    keyok = (ids != "") & (years > 0) & ~key_formula  # a key read as empty from a formula is no key
    keyok &= ~total  # (a total's rows repeat its parts' keys under its own name; they are not read)
    # one int64 key per (region, sector, indicator, year): duplicated() on it is fast
    rcode = pd.factorize(pd.Series(regions, dtype=object))[0].astype(np.int64)
    scode = (pd.factorize(pd.Series(sec_text, dtype=object))[0].astype(np.int64) if panel
             else np.zeros(n, dtype=np.int64))
    icode = pd.factorize(pd.Series(ids, dtype=object))[0].astype(np.int64)
    ni, ns = int(icode.max(initial=0)) + 1, int(scode.max(initial=0)) + 1
    key = ((rcode * ns + scode) * ni + icode) * 10_000 + np.clip(years, 0, 9_999)
    key = np.where(keyok, key, -1 - np.arange(n))  # rows without a full key never collide
    superseded = _preliminary_superseded(rec, lay, P, key, keyok & ~bad & ~blank, ytext, vrow, vcol, info)
    key = np.where(superseded, -1 - np.arange(n), key)
    drop_unknown = drop_unknown | superseded
    dup = pd.Series(key).duplicated(keep="first").to_numpy() & keyok
    if dup.any():
        first_row = pd.Series(vrow).groupby(key).transform("first").to_numpy()
        first_col = pd.Series(vcol).groupby(key).transform("first").to_numpy()
        first_at = pd.Series(np.arange(n)).groupby(key).transform("first").to_numpy()
        for i in np.flatnonzero(dup & ~(blank)):
            parts = [regions[i]] + ([sec_text[i]] if panel else []) + [P.shown(cat, ids[i]), str(years[i])]
            what = ("，" if P.lang == "zh" else ", ").join(parts)
            if int(first_row[i]) == int(vrow[i]):  # two columns of one row read as the same year
                P.add(vrow[i], vcol[i], "intake.duplicate_same_row", column=column_letter(int(first_col[i])),
                      what=what)
            else:
                this, other = cell_text(vtext[i]), cell_text(vtext[int(first_at[i])])
                P.add(vrow[i], vcol[i], "intake.duplicate", first=int(first_row[i]), what=what, this=this, other=other,
                      hint=None if not this or not other else
                      "intake.duplicate_values_same" if this == other else "intake.duplicate_values_differ")
            bad[i] = True
    good &= ~bad
    # ---- the result
    rejected_rows = int(pd.Series(vrow[bad]).nunique())
    # the counts are of what is read: a total's cells are said with it (its n values not read), not here
    info.values_read = int((~blank & ~total).sum())
    if not info.values_read and not bad.any():
        info.warnings.append(Problem(grid.where, None, None, t("intake.no_values_warning", lang)))
    info.blank = int((blank & ~total).sum())
    if total.any():  # a row of the total's alone (a 全市 block's) is not a data row read
        rows_all = rec["_row"].to_numpy()
        info.rows_read -= len(set(rows_all[total].tolist()) - set(rows_all[~total].tolist()))
    info.rejected = int(rejected_rows)
    keep = good & ~drop_unknown & ~_estimates(rec, lay, P, cat, ids, years, regions, good & ~drop_unknown, info)
    keep &= ~_part_year_statements(rec, lay, P, years, keep, info)
    keep &= ~_status_statements(rec, lay, P, years, keep, info)
    keep &= ~_target_table_title(rec, lay, P, keep, info)
    keep &= ~_plan_indicator_table(rec, lay, P, years, keep, info)
    keep &= ~_comment_statements(rec, P, years, keep, info, lay)
    info.warnings.extend(total_said)  # (the total's cells are out of ``good``, so of ``keep``, since found)
    wide_years = lay.kind == "wide" and getattr(grid, "row_year_col", None) is None
    if wide_years:  # 2020年（快报） over the column: the year's heading, said as a note is
        heads = {j: " ".join(cell_text(grid.cells.iat[i, j]) for i in lay.header) for j in lay.years}
        year_texts = np.array([heads.get(int(c), "") for c in rec["_year_c"].to_numpy()], dtype=object)
    else:
        year_texts = rec["year"].to_numpy(dtype=object)
    _preliminary_cells(rec, years, keep, info, wide=wide_years, year_texts=year_texts)
    info.indicators = sorted(set(ids[keep].tolist()))
    info.years = sorted(set(years[keep].tolist()))
    info.regions = sorted(set(regions[keep].tolist()))
    for a, b in alike_regions(info.regions):  # 平川 and 平川区: two regions, said (never merged silently)
        info.warnings.append(Problem(grid.where, None, None, t("intake.regions_alike", lang, a=quote(a), b=quote(b))))
    for a, b in _misnamed_plan_districts(info.regions):  # 靖远区 for 靖远县: a region of its own, said (stop 43)
        at = np.flatnonzero((regions == a) & keep)  # at its first cell
        r, c = (int(rec["_region_r"].iat[at[0]]), int(rec["_region_c"].iat[at[0]])) if len(at) else (None, -1)
        info.warnings.append(Problem(grid.where, r, column_letter(c) if c >= 0 else None, t(
            "intake.region_like_plan_district", lang, a=quote(a), b=quote(b), city=place_name(PLAN_CITY, lang))))
    out = pd.DataFrame({
        "region": regions[keep], "key": ids[keep], "year": years[keep], "value": values[keep],
        "unit": np.where(targets_u[keep] != "", targets_u[keep], given[keep]),
        "sector": sec_text[keep],
        "source": map_unique(rec["source"].to_numpy(dtype=object)[keep], cell_text),
        "note": map_unique(rec["note"].to_numpy(dtype=object)[keep], cell_text),
        "_row": vrow[keep], "_col": vcol[keep],  # where each value was read (dropped from the result)
    })
    if formula_cells:  # not also "empty" at a cell already said to hold a formula
        P.items = [p for p in P.items if (p.row, p.column) not in formula_cells or
                   p.message in formula_cells[(p.row, p.column)]]
    return out, P.items, skipped


#: A whole area above the plan's district written as a region (全市, 全省, 全国): beside the file's
#: districts, their total or their upper level. (全区 and 全县 are a district's or county's own figure,
#: the level of the plan: read.)
_WHOLE_AREA_RE = re.compile(r"^全(?:省|市|州|盟|国)$")
#: The urban area as a region (市区, 城区): the city's districts together, a subtotal beside them.
_URBAN_AREAS = frozenset({"市区", "城区", "主城区", "市辖区"})
#: A park or zone written as a region (白银高新区, 经济开发区, 工业园区): its own place, not a district.
_PARK_RE = re.compile(r"高新|开发|园区|工业|新区")
#: A town, township or sub-district below a county or district (共和镇, 复兴乡, 街道办事处).
_TOWN_RE = re.compile(r"(?:镇|乡|街道|街道办|办事处)$")


def aggregate_of(region: str, others) -> list[str]:
    """The regions among ``others`` that ``region`` is the total or the upper level of: every other
    one for 全市 / 全省 / 全国, the places it holds for the plan's city or province (白银市, also written
    甘肃省白银市, -> 平川区, 白银区; 白银市 -> 白银市平川区); ``[]`` when it is a region of its own."""
    name = _place_key(region)
    own = name.removeprefix("甘肃省") if name.startswith("甘肃省") and len(name) > 3 else name
    parts, todo = set(), [own]
    while todo:  # 甘肃省 holds 白银市, which holds 平川区
        for part in _PLACE_PARTS.get(todo.pop(), ()):
            parts.add(part)
            todo.append(part)
    whole, urban = bool(_WHOLE_AREA_RE.match(name)), name in _URBAN_AREAS
    if not (whole or urban or parts or name.endswith(("省", "市", "州", "盟", "自治区"))):
        return []  # a place of its own (平川区, r000001): the others are not looked at (n regions, not n²)
    others = [o for o in others if o != region]
    if whole:
        return list(others)
    if urban:  # 市区 beside 白银区 and 平川区: the city's districts together (not its counties)
        return [o for o in others if _place_key(o).endswith("区") and not _PARK_RE.search(_place_key(o))
                and not _URBAN_AREAS.intersection([_place_key(o)])]
    return [o for o in others if _place_key(o) in parts or (
        name.endswith(("省", "市", "州", "盟", "自治区")) and _place_key(o).startswith(name)
        and len(_place_key(o)) > len(name))]


def _aggregate_regions(regions, ok, P: _Collector, rec: pd.DataFrame,
                       district: str = "") -> tuple[np.ndarray, list[Problem]]:
    """Values of a region that is the total of the file's other regions (全市 beside 平川区 and 白银区;
    白银市 beside its districts; a block under a heading 合计 among district blocks): not read, and said
    once per region. The plan's targets are a district's, and a total scored against them (or ranked
    beside its own parts) misleads. Returns every cell of such regions (blank or not) and the warnings,
    each counting the region's values among ``ok``."""
    out = np.zeros(len(regions), dtype=bool)
    said: list[Problem] = []
    # block headings the reader found to be the total's (四、合计, 全市合计 over a block): of every other region
    block_totals = getattr(P.grid, "total_blocks", set())
    present = list(dict.fromkeys(regions[ok].tolist()))
    towns = [r for r in present if _TOWN_RE.search(_place_key(r))]
    if len(present) < 2 and not towns:
        return out, said
    above = [r for r in present if r not in towns and not _PARK_RE.search(_place_key(r))
             and re.search(r"(?:区|县|旗)$", _place_key(r))]
    if towns and not above and district and len(towns) == len(present):
        above = [district]  # only towns (共和镇, 王家山镇 …, the district's 合计 skipped): the file's district's
    if towns and above:  # 共和镇, 复兴乡 under 全区 (平川区): below the plan's level, not scored against it
        mask = ok & np.isin(regions, towns)
        out |= np.isin(regions, towns)
        first = int(np.flatnonzero(mask)[0])
        row, col = int(rec["_region_r"].iat[first]), int(rec["_region_c"].iat[first])
        said.append(Problem(P.grid.where, row if col >= 0 else None, column_letter(col) if col >= 0
                            else None, t(
            "intake.region_towns", P.lang, n=int(mask.sum()), district=join_words([quote(r) for r in above[:3]], P.lang),
            towns=join_words([quote(r) for r in towns[:5]], P.lang),
            count=len(towns))))
        present = [r for r in present if r not in towns]
    for region in present:
        parts = aggregate_of(region, present) or ([r for r in present if r != region] if region in block_totals
                                                  else [])
        if parts:
            mask = ok & (regions == region)
            out |= regions == region
            first = int(np.flatnonzero(mask)[0])  # said at its first cell (a region column, or the sheet's)
            row, col = int(rec["_region_r"].iat[first]), int(rec["_region_c"].iat[first])
            said.append(Problem(P.grid.where, row if col >= 0 else None, column_letter(col) if col >= 0
                                else None, t(
                "intake.region_aggregate", P.lang, region=quote(region), n=int(mask.sum()),
                parts=join_words([quote(r) for r in parts[:5]], P.lang) + ("…" if len(parts) > 5 else ""))))
    return out, said


#: Words that mark a figure as final (年报, 年报（更正）, 正式数) or preliminary (快报, 初步统计, 预计) beside it.
_FINAL_RE = re.compile(r"年报|正式|终审|最终|核定|更正|修订|订正|调整后")
_PRELIMINARY_RE = re.compile(r"快报|初步|初报|预计|预估|预报")


def is_final_label(text: str) -> bool:
    """Whether a header, note or year cell marks a figure as final (年报, 年报（更正）, 正式数), and not
    as still awaiting it (快报数，待年报更正; 年报数待更新)."""
    return bool(_FINAL_RE.search(text)) and not re.search(r"[待未尚]", text) and not (
        _PRELIMINARY_RE.search(text) and not re.search(r"更正|修订|订正|调整", text))


def _preliminary_superseded(rec: pd.DataFrame, lay: Layout, P: _Collector, key, ok, ytext, vrow, vcol,
                            info: Intake) -> np.ndarray:
    """Values given twice for one region, indicator and year where exactly one is marked final (年报,
    更正, by its column's header, its note or its year cell) and the others preliminary (快报, 初步):
    the preliminary ones are not read (the final figure replaces them) and said, one warning per pair of
    labels. Any other repeat stays an error (:data:`intake.duplicate`)."""
    out = np.zeros(len(rec), dtype=bool)
    grp = pd.Series(np.where(ok, key, -1 - np.arange(len(key)))).duplicated(keep=False).to_numpy() & ok
    if not grp.any():
        return out
    grid = P.grid
    notes = rec["note"].to_numpy(dtype=object)
    sources = rec["source"].to_numpy(dtype=object)

    def label(i: int) -> str:
        texts = []
        if lay.kind == "wide":  # the value column's header (2020年（快报）): the header rows' words at it
            j = int(vcol[i]) - getattr(grid, "col0", 0)
            texts += [cell_text(grid.cells.iat[h, j]) for h in lay.header if 0 <= j < grid.cells.shape[1]]
        # then its note, its year cell and its source (区统计局 2020年统计年报 beside a row noted 快报; stop 43)
        texts += [cell_text(notes[i]), cell_text(ytext[i]), cell_text(sources[i])]
        for text in texts:
            if text and (_FINAL_RE.search(text) or _PRELIMINARY_RE.search(text)):
                return text
        return ""

    where = np.flatnonzero(grp)
    labels = {int(i): label(int(i)) for i in where}
    pairs: dict[tuple[str, str], list[int]] = {}
    for rows in pd.Series(where).groupby(key[grp]).agg(list):
        final = [i for i in rows if is_final_label(labels[i])]
        prelim = [i for i in rows if i not in final and _PRELIMINARY_RE.search(labels[i])]
        if len(final) == 1 and len(prelim) == len(rows) - 1:
            out[prelim] = True
            for i in prelim:
                pairs.setdefault((labels[final[0]], labels[i]), []).append(i)
    for (fin, pre), dropped in pairs.items():
        i = dropped[0]
        info.warnings.append(Problem(grid.where, int(vrow[i]), column_letter(int(vcol[i])), t(
            "intake.preliminary_superseded", P.lang, final=quote(fin), preliminary=quote(pre), n=len(dropped))))
    return out


def _cells_outside_table(rec: pd.DataFrame, lay: Layout, grid: Grid):
    """``(sheet row, column, text)`` of every text cell outside the table's header and data rows: its
    title, 填报单位 line, note and sign-off rows (what they say about the figures)."""
    data_rows = set(rec["_row"].astype(int).tolist()) | {int(grid.rows[i]) for i in lay.header}
    width = len(row_values(grid, lay.header[-1])) if lay.header else grid.cells.shape[1]
    # a note written to the right of the table (注：… in column G): the columns the table does not use
    beside = sorted((set(lay.unused) | set(lay.spacer) | set(range(width, grid.cells.shape[1])))
                    & set(range(grid.cells.shape[1])))
    rows = grid.rows.tolist()
    outside = np.flatnonzero(~np.isin(np.asarray(rows, dtype=np.int64), np.fromiter(data_rows, dtype=np.int64))).tolist()
    for i in outside:
        for j, cell in enumerate(grid.cells.iloc[i].tolist()):
            if isinstance(cell, str) and cell.strip():
                yield int(rows[i]), j, cell
    for j in beside:
        col = grid.cells.iloc[:, j].tolist()
        for i, cell in enumerate(col):
            if isinstance(cell, str) and int(rows[i]) in data_rows and is_note(cell):
                yield int(rows[i]), j, cell
    # a comment on the title (批注 on 平川区…完成情况: 2020年为1-11月数据) says what a note row would
    for (r, c), text in sorted((getattr(grid, "comments", None) or {}).items()):
        if int(r) not in data_rows and isinstance(text, str) and text.strip():
            yield int(r), int(c), text


def _part_year_statements(rec: pd.DataFrame, lay: Layout, P: _Collector, years, ok, info: Intake) -> np.ndarray:
    """Values of a year that the sheet's title or a note row outside the table says is part of the year
    (（2021年上半年）, 注：2021年1-6月为快报数): not the year's value, so not read, and said once per year
    at the statement. (A header naming part of a year, 2021年1-6月, is not read as a year at all.)"""
    out = np.zeros(len(rec), dtype=bool)
    grid = P.grid
    if not ok.any():
        return out
    found: dict[int, tuple[int, int, str]] = {}
    for row, j, cell in _cells_outside_table(rec, lay, grid):
        for year in part_year_statement_years(cell):
            found.setdefault(year, (row, j, cell.strip()))
    # 本年 / 上年同期 of a one-year table (read as 2019 / 2018 from its title): when 2019 is part of the
    # year, 上年同期 is the same months of 2018, not 2018's whole year
    period = {y for (_, y), _ in getattr(grid, "period_years", {}).items()}
    last = {y - 1 for y in found if y - 1 in period and y in period and y - 1 not in found}
    for year in last:
        found[year] = found[year + 1]
    for year, (row, j, text) in sorted(found.items()):
        drop = ok & (years == year)
        if drop.any():
            out |= drop
            info.warnings.append(Problem(grid.where, row, column_letter(j), t(
                "intake.part_year_statement_last" if year in last else "intake.part_year_statement", P.lang,
                text=quote(text), year=year, n=int(drop.sum()))))
    return out


#: A note row or title saying what one year's figures are (注：1.2019年为快报数; 2020年数据为预计数).
_STATUS_STATEMENT_RE = re.compile(r"((?:19|20)[0-9]{2})\s*年(?:度)?(?:栏|列)?(?:的)?(?:数据|数值|数字|各项数据|各项指标|指标|数)?"
                                  r"(?:[^，。；;,.:：()（）0-9]{0,16}?(?:数据|数值|指标))?"   # 2020年科技型企业、院士工作站数据
                                  r"(?:中[，,]?[^，。；;:：()（）0-9]{0,16}?)?"        # 2020年数据中，高新技术企业为预计数
                                  r"(?:(?:尚未|未经|未|待)[^，,。；;]{0,8}?核定)?[，,]?(?:均|全部|皆)?(?:暂|暂时|仍)?"
                                  r"(?:为|是|系|属|按|[:：])\s*(?:全年|年度)?(?:(?P<pre>快报|初步|初报)"
                                  r"|(?P<est>预计|预测|预估|估计|估算|测算|推算)"
                                  # the plan's figures (2020年数据为规划目标值, 2020年为目标值): not actual values
                                  r"|(?P<plan>(?:[省市区县]|[省市区县]政府|上级)?(?:下达)?(?:的)?(?:考核)?(?:规划)?(?:目标|计划|预期|任务)"
                                  r"(?:值|数|任务)|规划(?:值|数|目标)(?!年)))")


#: A note saying the headers' years are not the figures' years (表中年份为报送年份，各栏数据均为上一年度数据;
#: “本年”栏为2018年数据): which year each figure is cannot be taken from the headers.
_RELABELLED_YEARS_RE = re.compile(r"年份为(?:报送|填报|报告|上报)(?:年份|年度)|(?:数据|数)?(?:均|都|全部)?为上一?(?:个)?年度?(?:的)?数据"
                                  r"|[\"“‘'「]?(?P<label>本年|上年|本期|上期)[\"”’'」]?(?:栏|列)(?:的)?(?:数据|数)?为\s*"
                                  r"(?P<year>(?:19|20)[0-9]{2})\s*年")


#: A note that marks some figures by their look (表中斜体数字为预计数, 带*号的为快报数): which ones cannot be read.
_MARKED_STATEMENT_RE = re.compile(r"(?:斜体|粗体|加粗|红色|蓝色|红字|蓝字|灰色|黄色|黄底|底色|底纹|填充|带\*号?|标\*号?|标有\*|加\*|\*号)"
                                  r"[^，。；;]{0,8}?(?:为|是|系)\s*(预计|预测|估计|估算|快报|初步|计划|目标)")


_PRELIMINARY_CELL_RE = re.compile(r"快报|初步|初报")


def _preliminary_cells(rec: pd.DataFrame, years, ok, info: Intake, wide: bool = False,
                       year_texts: np.ndarray | None = None) -> None:
    """Values read whose own source or note says they are preliminary (区科技局台账（快报）, 快报数), or
    whose year is written so (a column headed 2020年（快报）, a year cell 2020年快报): read as they are, and
    their years said (in the summary, and under the report's title), as a note row saying 2021年为快报数
    is: the verdicts rest on them until the 年报. In a wide table the note is the row's: only the years it
    names (2021年快报), none when it names none (which year cannot be told)."""
    if not ok.any():
        return
    marked = np.zeros(len(rec), dtype=bool)
    if year_texts is not None:
        marked |= map_unique(year_texts, lambda v: isinstance(v, str) and bool(
            _PRELIMINARY_CELL_RE.search(v)) and not is_final_label(v)).astype(bool)
    for col in ("source", "note"):
        texts = rec[col].to_numpy(dtype=object)
        says = map_unique(texts, lambda v: isinstance(v, str) and bool(
            _PRELIMINARY_CELL_RE.search(v)) and not is_final_label(v)).astype(bool)
        if wide and says.any():  # the row's note: the years it names, each value's own year among them
            named = map_unique(texts, lambda v: frozenset(map(int, re.findall(
                r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])", v))) if isinstance(v, str) else frozenset())
            says &= np.array([int(y) in named[i] for i, y in enumerate(years)], dtype=bool)
        marked |= says
    marked &= ok
    if not marked.any():
        return
    found = sorted(set(int(y) for y in years[marked]))
    info.preliminary.extend(y for y in found if y not in info.preliminary)
    info.note("intake.conv_preliminary_cells", int(marked.sum()), years=join_words([str(y) for y in found], info.lang))


#: A title saying the table holds the plan's targets or estimates, not outcomes: 目标任务分解表, 年度目标分解,
#: 预计完成情况, 计划表 (but 目标任务完成情况, 目标完成情况: the outcomes against the targets).
_TARGET_TITLE_RE = re.compile(r"目标(?:任务)?分解|任务分解|(?:年度|工作|规划)目标(?:任务)?表|目标任务表"
                              r"|计划(?:表|任务表)|预计完成|预计数|(?<![供为])预测(?!使用|参考|之用)"
                              # 2020年主要科技指标预期值, 2020年科技工作主要预期指标 (a plan's 预期性 figures)
                              r"|预期(?:值|数|目标|指标)"
                              # ending in 目标任务 / 年度目标 after a year (平川区2020年主要科技指标目标任务)
                              r"|(?:19|20)[0-9]{2}年.*(?:目标任务|(?:年度|工作|规划)目标)$")
_OUTCOME_TITLE_RE = re.compile(r"(?<!预计)完成情况|实际|执行情况|实绩")


def _target_table_title(rec: pd.DataFrame, lay: Layout, P: _Collector, ok, info: Intake) -> np.ndarray:
    """Every value of a table whose title says it holds the plan's targets or estimates
    (平川区2020年科技创新工作目标任务分解表, …2020年主要科技指标预计完成情况, 年度目标分解表（2018—2020年）):
    not actual values, not read, said once at the title. Before, the year was taken from such a title
    and the targets scored as that year's outcomes, every one met."""
    out = np.zeros(len(rec), dtype=bool)
    if not ok.any() or not lay.header:
        return out
    grid = P.grid
    first = int(grid.rows[lay.header[0]])
    merged = getattr(grid, "merged", {})
    filled: Counter = Counter()  # a title is alone on its row (a label over some columns is not)
    for i in range(len(grid.cells)):
        r = int(grid.rows[i])
        if r >= first:
            break
        filled[r] = sum(1 for j, c in enumerate(grid.cells.iloc[i].tolist())
                        if isinstance(c, str) and c.strip() and (r, j) not in merged)
    for row, j, cell in _cells_outside_table(rec, lay, grid):
        text = re.sub(r"\s+", "", nfkc(cell))
        if row >= first or filled.get(row, 0) != 1 or is_note(cell) or re.match(r"^(?:填报|报送|填表|制表)", text):
            continue
        if _TARGET_TITLE_RE.search(text) and not (_OUTCOME_TITLE_RE.search(text) and not re.search("预计|预测", text)):
            out |= ok
            info.warnings.append(Problem(grid.where, row, column_letter(j), t(
                "intake.target_table_title", P.lang, text=quote(cell.strip()), n=int(ok.sum()))))
            break
    return out


_ATTRIBUTE_RE = re.compile(r"^(?:指标)?属性$|^指标性质$")
_ATTRIBUTE_VALUES = {"预期性", "约束性", "预期", "约束"}


def _plan_indicator_table(rec: pd.DataFrame, lay: Layout, P: _Collector, years, ok, info: Intake) -> np.ndarray:
    """A plan's own indicator table (主要指标 | “十二五”末（2015年） | “十三五”末（2020年） | 指标属性 预期性):
    its last year's column is the plan's target for that year, not an outcome: not read, said at its
    header. The earlier years (the base year) are read. Before, the targets were read as the deadline
    year's values and every target met. Not a table of outcomes that lists the attribute too (its title
    or header says 完成情况 / 实际 / 执行情况, or it has more than three years)."""
    out = np.zeros(len(rec), dtype=bool)
    if not ok.any() or not lay.header or lay.kind != "wide" or len(set(years[ok].tolist())) > 3:
        return out
    grid = P.grid
    header = [row_values(grid, i) for i in lay.header]
    width = max(len(h) for h in header)
    attr = any(isinstance(c, str) and _ATTRIBUTE_RE.match(re.sub(r"\s+", "", nfkc(c))) for h in header for c in h)
    if not attr:  # no 指标属性 header: a column of 预期性 / 约束性 (the table's attribute column, unlabelled)
        for j in range(width):
            col = [c for c in grid.cells.iloc[:, j].tolist() if isinstance(c, str) and c.strip()]
            hits = sum(re.sub(r"\s+", "", c) in _ATTRIBUTE_VALUES for c in col)
            if hits >= 2 and hits >= 0.5 * len(col):
                attr = True
                break
    if not attr:
        return out
    said = [c for h in header for c in h if isinstance(c, str)] + [c for _, _, c in _cells_outside_table(rec, lay, grid)]
    if any(_OUTCOME_TITLE_RE.search(re.sub(r"\s+", "", nfkc(c))) for c in said):
        return out
    last = int(years[ok].max())
    drop = ok & (years == last)
    cols = sorted(set(rec["_value_c"].to_numpy()[drop].astype(int).tolist()))
    # the last column is the plan's: its header names the plan period's end or a target (“十三五”末（2020年）,
    # 2020年目标); not 2015年 | 2020年 beside a 规划目标值 column of its own (an end-of-term monitoring table)
    said_last = " ".join(str(h[c]) for h in header for c in cols if c < len(h) and isinstance(h[c], str))
    if not re.search(r"十[一二三四五六七八九]?五.?末|末期|目标|规划|预期", said_last):
        return out
    out |= drop
    info.warnings.append(Problem(grid.where, int(grid.rows[lay.header[-1]]), column_letter(cols[0]) if cols else None,
                                 t("intake.plan_indicator_table", P.lang, year=last, n=int(drop.sum()))))
    return out


def _comment_not_actual(flat: str) -> bool:
    """Whether a comment's text (blanks removed) says its value is not an actual one: an estimate, part
    of the year or a plan (预计数…, 1-11月数, 计划数); never one saying it is not an estimate (不是预计数)."""
    return not _NOT_ESTIMATE_RE.search(flat) and (says_estimate(flat) or says_part_year(flat)
                                                  or bool(re.search(r"预计|预测|估计|估算|测算", flat)))


def _comment_statements(rec: pd.DataFrame, P: _Collector, years, ok, info: Intake,
                        lay: Layout | None = None) -> np.ndarray:
    """Values whose cell comment (批注) says what they are: an estimate, part of the year or the plan's
    figure (预计数…, 1-11月数, 计划数) is not an actual value: not read, said at the cell; 快报 is read and
    its year said. A comment on a header cell (the 2020年 column's: 2020年为1-11月数据) is said of every
    value under it. Other comments are not the reader's business."""
    out = np.zeros(len(rec), dtype=bool)
    comments = getattr(P.grid, "comments", None)
    if not comments or not ok.any():
        return out
    vr, vc = rec["_value_r"].to_numpy(), rec["_value_c"].to_numpy()
    keys = vr.astype(np.int64) * 100_000 + vc.astype(np.int64)  # only the commented cells are looked at
    commented = ok & np.isin(keys, [r * 100_000 + c for r, c in comments])
    header_rows = {int(P.grid.rows[i]) for i in lay.header} if lay is not None and lay.header else set()
    value_cols = set(vc.astype(int).tolist())
    for (r, c), text in comments.items():
        under = ok & ~commented & (vc == c) if r in header_rows else None
        if under is None and c not in value_cols:  # on a row's name (高新技术企业: 2020年为预计数): that row's
            named = {int(y) for y in re.findall(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])", nfkc(text))}
            under = ok & ~commented & (vr == r) & (np.isin(years, list(named)) if named else True)
        if under is None or not under.any():
            continue
        flat = re.sub(r"\s+", "", nfkc(text))
        if _comment_not_actual(flat):
            out |= under
            info.warnings.append(Problem(P.grid.where, r, column_letter(c), t(
                "intake.header_comment_not_actual", P.lang, text=quote(text), n=int(under.sum()))))
        elif _PRELIMINARY_CELL_RE.search(flat) and not is_final_label(flat):
            info.preliminary.extend(y for y in sorted(set(int(y) for y in years[under])) if y not in info.preliminary)
    for i in np.flatnonzero(commented):
        text = comments[(int(vr[i]), int(vc[i]))]
        flat = re.sub(r"\s+", "", nfkc(text))
        if _comment_not_actual(flat):
            out[i] = True
            info.warnings.append(Problem(P.grid.where, int(vr[i]), column_letter(int(vc[i])), t(
                "intake.comment_not_actual", P.lang, text=quote(text), year=int(years[i]))))
        elif _PRELIMINARY_CELL_RE.search(flat) and not is_final_label(flat) and int(years[i]) not in info.preliminary:
            info.preliminary.append(int(years[i]))
    return out


def _mark_kind(statement: str) -> str:
    """What a 注 row says marks the figures: ``star`` (标*), ``italic`` (斜体), ``bold`` (加粗), ``red`` (红色)."""
    return ("italic" if "斜体" in statement else "bold" if re.search("粗体|加粗", statement) else
            "yellow" if re.search("黄色|黄底", statement) else
            "red" if re.search("红色|红字", statement) else "star" if "*" in statement else "")


def _marked_values(rec: pd.DataFrame, grid: Grid, statement: str) -> np.ndarray:
    """The value cells a 注 row's mark names: 6* for 标*, a cell in italics for 斜体 (the sheet's fonts,
    :attr:`Grid.marks`), bold for 加粗, a red font for 红色. None seen: all False."""
    kind = _mark_kind(statement)
    if kind == "star":
        return _starred_values(rec)
    marks = getattr(grid, "marks", None) or {}
    if not kind or not marks:
        return np.zeros(len(rec), dtype=bool)
    return np.array([kind in marks.get((int(r), int(c)), ()) for r, c in zip(rec["_value_r"], rec["_value_c"])],
                    dtype=bool)


def _starred_values(rec: pd.DataFrame) -> np.ndarray:
    """Value cells written with a star after the number (6*, 39＊): the marks a 标*者为… note explains."""
    return map_unique(rec["value"].to_numpy(dtype=object), lambda v: isinstance(v, str) and bool(
        re.fullmatch(r"\s*[-+]?[0-9][0-9,.]*\s*[*＊]\s*", v))).astype(bool)


def _status_statements(rec: pd.DataFrame, lay: Layout, P: _Collector, years, ok, info: Intake) -> np.ndarray:
    """What a note row or the title says one year's figures are: 快报数 / 初步数 (read, and said: the
    verdicts rest on preliminary figures until the 年报) or 预计数 / 预测数 (estimates, not actual values:
    not read, said), once per year at the statement. The skipped note row listed it, nothing more."""
    out = np.zeros(len(rec), dtype=bool)
    grid = P.grid
    if not ok.any():
        return out
    found: dict[int, tuple[int, int, str, bool]] = {}
    for row, j, cell in _cells_outside_table(rec, lay, grid):
        text = re.sub(r"\s+", "", nfkc(cell))
        relabel = _RELABELLED_YEARS_RE.search(text)
        if relabel and relabel.group("label"):  # “本年”栏为2019年数据 under a 2019 title says what was read: fine
            assigned = {int(y) for (h, y) in getattr(grid, "period_years", {})
                        if re.sub(r"\s+", "", str(h)).startswith(relabel.group("label"))}
            relabel = None if int(relabel.group("year")) in assigned else relabel
        if relabel:
            P.add(row, j, "intake.relabelled_years", text=quote(cell.strip()))
            return ok.copy()
        for m in _STATUS_STATEMENT_RE.finditer(text):
            # 2019、2020年数据为预计数: the years listed before the matched one are said the same
            listed = [int(m.group(1))]
            head = text[:m.start()]
            while (prev := re.search(r"((?:19|20)[0-9]{2})年?[、,，和及与]$", head)):
                listed.append(int(prev.group(1)))
                head = head[:prev.start()]
            for year in listed:
                found.setdefault(year, (row, j, cell.strip(), "plan" if m.group("plan") else
                                        "est" if m.group("est") else ""))
        marked = _MARKED_STATEMENT_RE.search(text)
        starred = _marked_values(rec, P.grid, marked.group(0)) & ok if marked else None
        if starred is not None and starred.any():  # 6* or 6 in italics beside 注：标*者（斜体数字）为预计数: seen
            if marked.group(1) in ("快报", "初步"):
                info.preliminary.extend(int(y) for y in sorted(set(years[starred].tolist()))
                                        if int(y) not in info.preliminary)
            else:
                out |= starred
            # the cells' own "mark removed, read as 6" notes would contradict this one: this one says them
            at = {(int(r), column_letter(int(c))) for r, c in zip(rec["_value_r"].to_numpy()[starred],
                                                                  rec["_value_c"].to_numpy()[starred])}
            info.warnings = [w for w in info.warnings if not ((w.row, w.column) in at and w.message.startswith(
                t("intake.note_mark_value", P.lang, value="\0", number="\0").split("\0")[0]))]
            info.warnings.append(Problem(grid.where, row, column_letter(j), t(
                "intake.starred_values" if marked.group(1) not in ("快报", "初步") else "intake.starred_preliminary",
                P.lang, text=quote(cell.strip()), what=marked.group(1), n=int(starred.sum()),
                mark=t(f"intake.mark_{_mark_kind(marked.group(0))}", P.lang),
                cells=", ".join(f"{column_letter(int(c))}{int(r)}" for r, c in zip(
                    rec["_value_r"].to_numpy()[starred][:8], rec["_value_c"].to_numpy()[starred][:8])))))
        elif marked:  # the marks are formatting the reader does not see: said, every number read
            info.warnings.append(Problem(grid.where, row, column_letter(j), t(
                "intake.marked_cells_note", P.lang, text=quote(cell.strip()), what=marked.group(1))))
    for year, (row, j, text, estimate) in sorted(found.items()):
        hit = ok & (years == year)
        if not hit.any():
            continue
        if estimate:
            out |= hit
        else:
            info.preliminary.append(year)
        info.warnings.append(Problem(grid.where, row, column_letter(j), t(
            {"est": "intake.estimate_statement", "plan": "intake.plan_statement"}.get(
                estimate, "intake.preliminary_statement"), P.lang, text=quote(text), year=year, n=int(hit.sum()))))
    return out


#: A value's source that is the plan's figure or an estimate (《平川区“十三五”科技创新规划》目标值, 预计数).
_SOURCE_NOT_ACTUAL_RE = re.compile(r"(?:目标|规划|计划|预计|预测|预期)(?:值|数|任务)?[)）]?$")


def _source_as_note(rec: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """``rec`` with the source (its text and cell) as the note of ``rows``."""
    rec = rec.copy()
    for note, source in (("note", "source"), ("_note_r", "_source_r"), ("_note_c", "_source_c")):
        rec.loc[rows, note] = rec.loc[rows, source]
    return rec


def _estimates(rec: pd.DataFrame, lay: Layout, P: _Collector, cat: Catalogue, ids, years, regions, ok,
               info: Intake) -> np.ndarray:
    """Values whose row's note calls them an estimate or a plan (:data:`ESTIMATE_NOTE_RE`): not actual
    values, so not read, each said at its note. In a long table the note is the value's own (and in a
    table of one row per indicator and year with a column per region, the row's one year's); in a wide
    one it is the row's, so only the years it names are left out (2020年为预计数), and a note naming
    no year is a warning only (every year read)."""
    notes = rec["note"].to_numpy(dtype=object)
    estimate = map_unique(notes, says_estimate).astype(bool) & ok
    if lay.kind == "long":  # a value's own source naming the plan (《…规划》目标值) or an estimate: not an outcome
        by_source = map_unique(rec["source"].to_numpy(dtype=object), lambda v: isinstance(v, str) and bool(
            _SOURCE_NOT_ACTUAL_RE.search(re.sub(r"\s+", "", nfkc(v))))).astype(bool) & ok & ~estimate
        # a source that is a monthly report (区统计局2020年11月统计月报): part of the year, said as a note is
        part_source = map_unique(rec["source"].to_numpy(dtype=object), says_part_year).astype(bool) & ok & ~estimate
        part_source &= ~map_unique(notes, lambda v: isinstance(v, str) and bool(v.strip())).astype(bool)
        if by_source.any() or part_source.any():  # the source said where the note would be
            rec = _source_as_note(rec, by_source | part_source)
            notes = rec["note"].to_numpy(dtype=object)
            estimate |= by_source
    part = map_unique(notes, says_part_year).astype(bool) & ok & ~estimate  # 1-6月: part of a year, not the year's
    flagged = estimate | part
    out = np.zeros(len(rec), dtype=bool)
    if not flagged.any():
        return out
    sep = "，" if P.lang == "zh" else ", "
    periods = {y for (_, y), _ in getattr(P.grid, "period_years", {}).items()}
    warned_rows: set[int] = set()
    for i in np.flatnonzero(flagged):
        note = str(notes[i]).strip()
        named = {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", note)}
        if periods:  # 本年为预计数 in a one-year table whose 本年 / 上年 are 2019 / 2018 (its title's year)
            if re.search(r"本年|本期|今年|当年", note):
                named.add(max(periods))
            if re.search(r"上年|去年|上期", note):
                named.add(max(periods) - 1)
        row, col = int(rec["_note_r"].iat[i]), int(rec["_note_c"].iat[i])
        if lay.kind != "wide" or getattr(P.grid, "row_year_col", None) is not None or int(years[i]) in named:
            out[i] = True
            key = ("intake.part_year_note" if part[i] else "intake.rate_note" if _RATE_WORDS.search(note)
                   else "intake.estimate_note")
            info.warnings.append(Problem(P.grid.where, row, column_letter(col) if col >= 0 else None, t(
                key, P.lang, note=quote(note), what=sep.join([str(regions[i]), P.shown(cat, str(ids[i])),
                                                             str(int(years[i]))]))))
        elif not named and row not in warned_rows:
            warned_rows.add(row)
            info.warnings.append(Problem(P.grid.where, row, column_letter(col) if col >= 0 else None, t(
                "intake.part_year_note_row" if part[i] else "intake.estimate_note_row", P.lang, note=quote(note))))
    return out
