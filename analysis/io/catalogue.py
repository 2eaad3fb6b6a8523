"""The plan's target catalogue, its named entities and indicator metadata.

The catalogue format (``data/raw/plan/targets.csv``) is the suite's general target
format: any plan's targets in the same columns work everywhere. Only
``id, name_zh, value, unit, comparator, deadline`` are required; the rest are
filled with sensible defaults:

=============  ========  ==============================================================
column         required  meaning
=============  ========  ==============================================================
id             yes       snake_case indicator id, the key used by monitoring data (a list without the
                         column: the name is the id)
name_zh        yes       name as the plan words it (a list with ``name_en`` only: that name)
name_en        no        English name (defaults to the name when it has no Chinese, else to ``id``)
value          yes       the target value
unit           yes       unit of ``value`` (亿元, 家, 件/万人, % ...)
comparator     yes       ``>=`` (higher is better) or ``<=`` (lower is better)
deadline       yes       target year; may be empty: then the plan horizon (2020) is used
kind           no        level, count, ratio, share, milestone or rate (a growth rate or balance that
                         may be negative); inferred from the unit when empty (never rate)
task           no        the plan's task number, or 一(四)
clause         no        the sentence the target comes from, verbatim
value_text     no        the words of the clause that state the value
sectors        no        ``;``-separated sector ids (see entities.csv)
responsible    no        ``;``-separated responsible units, where the plan names them
note           no        free text
region         no        the region (district) this row's target is for; empty = every region.
                         The same id may appear once per region; a region-specific row
                         replaces the general row of the same id for that region
baseline       no        the plan's base year for this target (growth and 序时进度 from it);
                         empty = ``--baseline`` or the first observed year. The bundled
                         plan's catalogue gets :data:`analysis.config.PLAN_BASELINE_YEAR`
aliases        no        ``;``-separated other wordings offices use for the indicator
                         (``技术合同成交额``); the intake accepts them like ``name_zh``
=============  ========  ==============================================================

Headers may also be an office's Chinese ones (编号, 指标名称, 目标值 ...) or a researcher's English ones
(Country, Indicator, Target, Direction, Target year ...): :data:`HEADER_ALIASES`, compared in any letter
case and without blanks, ``_`` or ``-``.
"""

from __future__ import annotations

from functools import lru_cache
import re
import unicodedata
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.errors import InputError, Problem, display_name
from analysis.i18n import names, t
from analysis.io.numbers import MONEY_UNITS, parse_number
from analysis.io.sheets import header_key, read_table

REQUIRED_COLUMNS = ("id", "name_zh", "value", "unit", "comparator", "deadline")
OPTIONAL_COLUMNS = (
    "name_en", "kind", "task", "clause", "value_text", "sectors", "responsible", "note", "aliases",
)
#: Optional columns for per-region targets and per-target base years (scorecard).
SCOPE_COLUMNS = ("region", "baseline")
KINDS = ("level", "count", "ratio", "share", "milestone", "rate")
COMPARATORS = (">=", "<=")
_COMPARATOR_ALIASES = {"≥": ">=", "≤": "<=", ">＝": ">=", "<＝": "<=", "＞=": ">=", "＜=": "<=",
                       # as an office writes the direction of a target (达到…以上 / 控制在…以内)
                       "不低于": ">=", "不少于": ">=", "以上": ">=", "大于等于": ">=", "越大越好": ">=",
                       "不高于": "<=", "不超过": "<=", "以内": "<=", "以下": "<=", "小于等于": "<=", "越小越好": "<=",
                       # and in English (compared by header_key: "At least", "higher is better")
                       "atleast": ">=", "min": ">=", "minimum": ">=", "higher": ">=", "higherisbetter": ">=",
                       "notlessthan": ">=", "nolessthan": ">=",
                       "atmost": "<=", "max": "<=", "maximum": "<=", "lower": "<=", "lowerisbetter": "<=",
                       "notmorethan": "<=", "nomorethan": "<="}
#: Headers an office gives its own target list (Chinese) or a researcher another plan's (English), and the
#: column each names (the suite's own headers always work, and win over an alias of the same column).
HEADER_ALIASES: dict[str, str] = {
    "编号": "id", "指标编号": "id", "指标代码": "id", "代码": "id",
    "指标名称": "name_zh", "指标": "name_zh", "名称": "name_zh", "中文名称": "name_zh",
    "英文名称": "name_en",
    "目标值": "value", "目标": "value", "目标数值": "value",
    "单位": "unit", "计量单位": "unit",
    "比较": "comparator", "方向": "comparator", "比较符": "comparator", "达标方向": "comparator",
    "期限": "deadline", "目标年份": "deadline", "目标年": "deadline", "截止年份": "deadline", "完成年限": "deadline",
    "类型": "kind", "指标类型": "kind",
    "地区": "region", "区县": "region",
    "基期": "baseline", "基期年份": "baseline", "基年": "baseline",
    "原文": "clause", "规划原文": "clause", "条文": "clause",
    "备注": "note", "说明": "note", "别名": "aliases", "其他名称": "aliases",
    "任务": "task", "责任单位": "responsible", "牵头单位": "responsible", "产业": "sectors",
    "国家": "region", "省份": "region", "城市": "region", "区域": "region", "县区": "region",
    # a researcher's own list of another plan's targets, in English (compared by header_key: any letter
    # case, blanks, _ or -: "Target year", target_year)
    "code": "id", "indicator id": "id", "indicator code": "id", "series id": "id", "series code": "id",
    "indicator": "name_zh", "indicator name": "name_zh", "name": "name_zh", "series name": "name_zh",
    "english name": "name_en",
    "target": "value", "target value": "value", "goal": "value",
    "units": "unit", "unit of measure": "unit",
    "direction": "comparator", "operator": "comparator", "comparison": "comparator",
    "target year": "deadline", "deadline year": "deadline", "due year": "deadline", "year": "deadline",
    "by": "deadline",
    "type": "kind", "indicator type": "kind",
    "country": "region", "state": "region", "member state": "region", "province": "region", "city": "region",
    "district": "region", "county": "region", "geo": "region", "place": "region", "area": "region",
    "base year": "baseline",
    "quote": "clause", "notes": "note", "comment": "note", "comments": "note", "remarks": "note",
    "alias": "aliases", "other names": "aliases",
}
#: :data:`HEADER_ALIASES` by :func:`~analysis.io.sheets.header_key`.
_ALIAS_BY_KEY: dict[str, str] = {header_key(k): v for k, v in HEADER_ALIASES.items()}
#: Every header text that names a catalogue column (a title row above the header names none).
_HEADER_NAMES = frozenset(REQUIRED_COLUMNS + OPTIONAL_COLUMNS + SCOPE_COLUMNS) | frozenset(HEADER_ALIASES)
#: The suite's own column names by :func:`~analysis.io.sheets.header_key` (``ID``, ``Name_ZH``).
_SUITE_COLUMNS: dict[str, str] = {header_key(c): c for c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS + SCOPE_COLUMNS}
#: The kinds' Chinese names (the catalogue's ``intake.kind.*`` words: 总量, 计数, 比率, 百分比, 里程碑, 增速或差额).
_KIND_ALIASES: dict[str, str] = {t(f"intake.kind.{k}", "zh"): k for k in KINDS}


def infer_kind(unit: str, value: float) -> str:
    """Guess an indicator's kind from its unit when the catalogue leaves it empty."""
    unit = (unit or "").strip()
    if unit in ("%", "％"):
        return "share"
    if "/" in unit or "每" in unit:
        return "ratio"
    if unit in MONEY_UNITS:
        return "level"
    return "count"


def _suite_headers(raw: pd.DataFrame) -> pd.DataFrame:
    """Name an office's Chinese or a researcher's English headers (:data:`HEADER_ALIASES`; ``目标值（注）`` by
    the words before its bracket) as the suite's columns, unless that column is already there."""
    have = set(raw.columns)
    rename: dict[str, str] = {}
    for c in raw.columns:
        key = re.sub(r"\s*[（(].*$", "", unicodedata.normalize("NFKC", c)).strip()
        to = HEADER_ALIASES.get(key) or _ALIAS_BY_KEY.get(header_key(key))
        if to is None and header_key(key) in _SUITE_COLUMNS and header_key(key) != key:  # ID, Name_ZH
            to = _SUITE_COLUMNS[header_key(key)]
        if to and to not in have and to not in rename.values():
            rename[c] = to
    return raw.rename(columns=rename)


def _named_by_name(raw: pd.DataFrame) -> pd.DataFrame:
    """A list that names each indicator once: without an ``id`` column, the name is the id (``name_en``
    where given, else ``name_zh``); a list in one language fills the other name with the same words
    (an English ``name`` column is also the ``name_en``; a ``name_en`` alone is also the ``name_zh``)."""
    raw = raw.copy()
    if "name_zh" not in raw.columns and "name_en" in raw.columns:
        raw["name_zh"] = raw["name_en"]
    if "name_zh" in raw.columns and "name_en" not in raw.columns:
        zh = raw["name_zh"].fillna("").astype(str)
        if len(zh) and not zh.str.contains(_CJK).any():
            raw["name_en"] = zh
    if "id" not in raw.columns:
        for c in ("name_en", "name_zh"):
            if c in raw.columns:
                raw["id"] = raw[c].fillna("").astype(str).str.strip()
                break
    return raw


#: A Chinese (CJK) character.
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _read_table(path: Path) -> pd.DataFrame:
    """Read a CSV (UTF-8, UTF-8-BOM, GB18030) or Excel file as strings."""
    return read_table(path)


def load_targets(path: str | Path | None = None) -> pd.DataFrame:
    """Load and check a target catalogue.

    Parameters
    ----------
    path : path-like, optional
        A catalogue CSV or XLSX. Defaults to the plan's ``data/raw/plan/targets.csv``.

    Returns
    -------
    DataFrame
        One row per target with every catalogue column plus
        ``deadline_effective`` (int; the plan horizon where ``deadline`` is empty),
        ``deadline_assumed`` (bool) and ``higher_is_better`` (bool).
        ``value`` is float; ``deadline`` is a nullable ``Int64``.

    Raises
    ------
    InputError
        With one ``FILE:ROW:COLUMN: message`` per problem.
    """
    path = Path(path) if path is not None else config.targets_path()
    return _load_targets_cached(str(path.resolve()), path.stat().st_mtime_ns if path.exists() else 0,
                                display_name(path), config.year_range()).copy()


@lru_cache(maxsize=16)
def _load_targets_cached(path: str, mtime: int, shown: str, years: tuple[int, int]) -> pd.DataFrame:
    p = Path(path)
    if not p.exists():
        raise InputError([Problem.said(shown, None, None, "intake.file_not_found")])
    raw = read_table(p, header_names=_HEADER_NAMES)
    file_rows = list(raw.attrs.get("rows", range(2, len(raw) + 2)))
    raw.columns = [str(c).strip() for c in raw.columns]
    raw = _named_by_name(_suite_headers(raw))
    problems: list[Problem] = []
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        raise InputError([Problem.said(shown, 1, c, "intake.targets.required_column",
                                       names=" / ".join(k for k, v in HEADER_ALIASES.items() if v == c))
                          for c in missing])
    for c in OPTIONAL_COLUMNS + SCOPE_COLUMNS:
        if c not in raw.columns:
            raw[c] = ""
    df = raw.fillna("").astype(str).apply(lambda s: s.str.strip())
    values, deadlines, comps, kinds, baselines = [], [], [], [], []
    seen: dict[tuple[str, str], int] = {}
    for i, r in enumerate(df.itertuples(index=False)):
        row = file_rows[i]  # the file's own row (a title row or a blank row above counts)
        if not r.id:
            problems.append(Problem.said(shown, row, "id", "intake.targets.empty_id"))
        elif (r.region, r.id) in seen:
            first = seen[(r.region, r.id)]
            problems.append(Problem.said(shown, row, "id", "intake.targets.duplicate_id_region", id=repr(r.id),
                                         region=repr(r.region), first=first) if r.region else
                            Problem.said(shown, row, "id", "intake.targets.duplicate_id", id=repr(r.id), first=first))
        else:
            seen[(r.region, r.id)] = row
        if not r.name_zh:
            problems.append(Problem.said(shown, row, "name_zh", "intake.targets.empty_name"))
        v = parse_number(_percent_in_unit(r.value, r.unit))
        if v is None:
            comma = re.fullmatch(r"(\d+),(\d{1,2})", str(r.value).strip())  # 9,5: a decimal comma (never read as one)
            problems.append(Problem.said(shown, row, "value", "intake.targets.decimal_comma", value=repr(r.value),
                                         number=f"{comma[1]}.{comma[2]}") if comma else
                            Problem.said(shown, row, "value", "intake.not_a_number", value=repr(r.value)))
        values.append(v)
        if not r.unit:
            problems.append(Problem.said(shown, row, "unit", "intake.targets.empty_unit"))
        comp = _COMPARATOR_ALIASES.get(r.comparator) or _COMPARATOR_ALIASES.get(header_key(r.comparator), r.comparator)
        if comp not in COMPARATORS:
            problems.append(Problem.said(shown, row, "comparator", "intake.targets.bad_comparator",
                                         value=repr(r.comparator)))
        comps.append(comp)
        if r.deadline == "":
            deadlines.append(None)
        else:
            d = parse_number(r.deadline)
            if d is None or d != int(d) or not (years[0] <= d <= years[1]):
                problems.append(Problem.said(shown, row, "deadline", "intake.targets.bad_year", lo=years[0],
                                             hi=years[1], value=repr(r.deadline)))
                deadlines.append(None)
            else:
                deadlines.append(int(d))
        kind = _KIND_ALIASES.get(r.kind, r.kind) or infer_kind(r.unit, v or 0.0)
        if kind not in KINDS:
            problems.append(Problem.said(shown, row, "kind", "intake.targets.bad_kind", kinds=", ".join(KINDS),
                                         value=repr(r.kind)))
        kinds.append(kind)
        baselines.append(_scope_baseline(r.baseline, shown, row, problems))
    if problems:
        raise InputError(problems)
    out = df.copy()
    out["value"] = pd.Series(values, dtype="float64")
    out["comparator"] = comps
    out["kind"] = kinds
    out["deadline"] = pd.array(deadlines, dtype="Int64")
    out["deadline_assumed"] = out["deadline"].isna()
    out["deadline_effective"] = out["deadline"].fillna(config.PLAN_HORIZON).astype(int)
    out["higher_is_better"] = out["comparator"].eq(">=")
    out["name_en"] = out["name_en"].where(out["name_en"] != "", out["id"])
    out["baseline"] = pd.array(baselines, dtype="Int64")
    if p == config.targets_path().resolve() and out["baseline"].isna().all():
        out["baseline"] = pd.array([config.PLAN_BASELINE_YEAR] * len(out), dtype="Int64")  # the plan's base year
    cols = list(REQUIRED_COLUMNS) + [c for c in OPTIONAL_COLUMNS + SCOPE_COLUMNS] + [
        "deadline_assumed", "deadline_effective", "higher_is_better"]
    extra = [c for c in out.columns if c not in cols]
    return out[cols + extra].reset_index(drop=True)


def _percent_in_unit(value: str, unit: str) -> str:
    """A target written with its unit's sign (``3.76%`` in a ``%`` row): the number (the sign is the unit's,
    so nothing changes); any other text as it is."""
    v = unicodedata.normalize("NFKC", str(value)).strip()
    if v.endswith("%") and unicodedata.normalize("NFKC", str(unit)).strip() == "%":
        return v[:-1].strip()
    return str(value)


def _scope_baseline(text: str, shown: str, row: int, problems: list) -> int | None:
    """The optional ``baseline`` cell: a year or empty."""
    if text == "":
        return None
    y = parse_number(text)
    lo, hi = config.year_range()
    if y is None or y != int(y) or not (lo <= y <= hi):
        problems.append(Problem.said(shown, row, "baseline", "intake.targets.bad_year", lo=lo, hi=hi,
                                     value=repr(text)))
        return None
    return int(y)


def load_entities(path: str | Path | None = None) -> pd.DataFrame:
    """The sectors, anchor firms, research centres, transfer bases and partnerships the plan names.

    Columns: ``entity_id, type, name_zh, name_en, sector, task, partners, note``.
    """
    path = Path(path) if path is not None else config.entities_path()
    df = _read_table(path).fillna("")
    return df


def target(targets: pd.DataFrame, indicator_id: str) -> pd.Series:
    """One catalogue row by id (``KeyError`` with the known ids if absent)."""
    hit = targets.loc[targets["id"] == indicator_id]
    if hit.empty:
        raise KeyError(f"unknown indicator {indicator_id!r}; known: {', '.join(targets['id'])}")
    return hit.iloc[0]


def indicator_label(meta: pd.Series, lang: str = "zh", *, with_unit: bool = True) -> str:
    """Display name of an indicator in ``zh`` or ``en``, optionally with its unit in that language
    (``技术市场合同交易额（亿元）``, ``Technology-market contract turnover (100 million yuan)``)."""
    name = meta[{"zh": "name_zh", "en": "name_en"}[lang]]
    return names.with_unit(name, meta["unit"], lang) if with_unit else str(name)


def horizon_note(meta: pd.Series, lang: str = "zh") -> str:
    """Caption text saying when the deadline is the assumed plan horizon."""
    if not bool(meta.get("deadline_assumed", False)):
        return ""
    return t("intake.horizon_note", lang, year=int(meta["deadline_effective"]))
