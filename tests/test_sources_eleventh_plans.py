"""The held-out set of provinces' and major cities' 11th Five-Year Plan (2006-2010) targets for 2010.

``china_provincial_11th_fyp_targets.csv`` and ``china_city_11th_fyp_targets.csv`` hold level targets for 2010 as
the 2006 government work reports state them (the 2006 report of 四川省 is the mirror's ``2005.md``: that folder
files each report under the year before it); ``china_subnational_2004_2010_observations.csv`` holds the values
the later work reports first published for 2004-2010, each with the sentence it was read from. Every value is
checked against its quote and every target against its clause; where the lawtext/gov mirror is on this machine
(it is not in CI) the quotes and clauses are also looked up in the mirrored files.
"""

from __future__ import annotations

import math
import re
import subprocess
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from analysis import config

PUBLIC = config.raw_dir() / "public"
#: level -> (target catalogue, the mirror's folder of that level's work reports)
CATALOGUES = {"provincial": ("china_provincial_11th_fyp_targets.csv", "政府工作报告-省自治区"),
              "city": ("china_city_11th_fyp_targets.csv", "政府工作报告-主要城市")}
OBSERVATIONS = "china_subnational_2004_2010_observations.csv"
MIRROR = Path("/work/.mirror/lawtext+gov/repo")
#: regions whose mirror folder files each report under the year before the one it was delivered in
FILED_A_YEAR_EARLY = {"四川省"}

TARGET_COLUMNS = ["region", "id", "name_zh", "name_en", "value", "unit", "comparator", "deadline", "kind", "clause",
                  "note"]
OBS_COLUMNS = ["region", "indicator_id", "year", "value", "unit", "source_url", "note"]
#: indicator -> units its values may be stored in (the quote's own unit; 万亿元 converts to 亿元)
UNITS = {"gdp": {"亿元", "万亿元"}, "general_budget_revenue": {"亿元"}, "total_fiscal_revenue": {"亿元"},
         "tertiary_industry_value_added": {"亿元"}, "urban_income_per_capita": {"元"},
         "rural_income_per_capita": {"元"}, "urbanization_rate": {"%"}, "rd_intensity": {"%"}}
#: a value's unit -> (the target's unit, factor)
TO_TARGET_UNIT = {"万亿元": ("亿元", 10_000), "亿元": ("亿元", 1), "元": ("元", 1), "%": ("%", 1)}
QUOTE = re.compile(r'quote: "([^"]+)"$')
READ_FROM = re.compile(r"text read via github lawtext/gov (政府工作报告-[^/]+)/([^/]+)/(\d{4})\.md")


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(PUBLIC / name, dtype=str, keep_default_na=False)


def _targets() -> pd.DataFrame:
    return pd.concat([_read(f).assign(level=lv) for lv, (f, _folder) in CATALOGUES.items()], ignore_index=True)


def _nfkc(text: str) -> str:
    """Full-width digits, points and per-cent signs (45％) read as ASCII (45%)."""
    return unicodedata.normalize("NFKC", text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _numbers(text: str) -> set[float]:
    """The numbers of a clause, and those followed by 万亿 or 万 also in 亿 or units (1.2万亿 -> 12000,
    1.3万元 -> 13000); full-width digits count."""
    out = set()
    for m in re.finditer(r"(\d+(?:\.\d+)?)\s*(万亿|万)?", _nfkc(text)):
        x = float(m.group(1))
        out.add(x)
        if m.group(2):
            out.add(round(x * 10_000, 6))
    return out


def _folder_of(region: str) -> str:
    t = _targets()
    levels = set(t.loc[t["region"] == region, "level"])
    assert len(levels) == 1, region
    return CATALOGUES[levels.pop()][1]


def test_numbers_are_read():
    assert {1.2, 12000} <= _numbers("到2010年达到1.2万亿元以上")
    assert 13000 in _numbers("城镇居民人均可支配收入将达到1.3万元")
    assert 45 in _numbers("城镇化率达到４５％以上")


# --------------------------------------------------------------------------- structure

def test_target_catalogue_structure():
    for level, (name, folder) in CATALOGUES.items():
        t = _read(name)
        assert list(t.columns) == TARGET_COLUMNS
        assert not t.duplicated(["region", "id"]).any()
        for r in t.itertuples(index=False):
            assert r.id in UNITS and r.region and r.name_zh and r.name_en and r.clause, (r.region, r.id)
            assert r.deadline == "2010" and r.comparator in (">=", "<=")
            assert r.unit == ("%" if UNITS[r.id] == {"%"} else min(UNITS[r.id], key=len)), (r.region, r.id, r.unit)
            assert r.kind == ("share" if r.unit == "%" else "level")
            if r.kind == "share":
                assert 0 <= float(r.value) <= 100
            m = READ_FROM.search(r.note)
            assert m and m.group(1) == folder and m.group(2) == r.region, r.note
            report = int(m.group(3)) + (1 if r.region in FILED_A_YEAR_EARLY else 0)
            assert report == 2006, (r.region, r.id)                  # the plan's first-year report
            assert r.note.startswith(f"{r.region}人民政府工作报告 2006 (“十一五” goals), http")
            assert "2010 outcome: " in r.note and OBSERVATIONS in r.note
    both = _targets()
    assert not (set(both.loc[both.level == "provincial", "region"]) & set(both.loc[both.level == "city", "region"]))


def test_observation_file_structure():
    o = _read(OBSERVATIONS)
    assert list(o.columns) == OBS_COLUMNS
    assert not o.duplicated(["region", "indicator_id", "year"]).any()
    assert o["year"].astype(int).between(2004, 2010).all()
    assert o["source_url"].str.startswith("http").all()
    for r in o.itertuples(index=False):
        assert r.unit in UNITS[r.indicator_id], (r.region, r.indicator_id, r.unit)
        float(r.value)


def test_every_series_belongs_to_a_target():
    t = _targets()
    kept = set(zip(t["region"], t["id"]))
    o = _read(OBSERVATIONS)
    assert set(zip(o["region"], o["indicator_id"])) == kept


# --------------------------------------------------------------------------- values against their quotes

def _obs_rows():
    df = _read(OBSERVATIONS)
    return [pytest.param(r, id=f"{r.region}-{r.indicator_id}-{r.year}") for r in df.itertuples(index=False)]


def _followed_by(text: str, value: str, unit: str, words: str) -> bool:
    """Whether ``value`` (with its unit) is followed at once by one of ``words`` (以上, 左右 ...)."""
    return re.search(rf"(?<![\d.]){re.escape(value)}(?:{re.escape(unit)})?(?:{words})", text) is not None


@pytest.mark.parametrize("row", _obs_rows())
def test_every_value_is_in_its_quote(row):
    """The value as printed, with its unit, in its quote (full-width digits read as ASCII, spaces inside
    numbers such as 16 403 dropped); estimates, lower bounds and 左右 are flagged in the note."""
    m = QUOTE.search(row.note)
    assert m, row.note
    quote = _squash(_nfkc(m.group(1)))
    assert row.value in re.findall(r"\d+(?:\.\d+)?", quote), (row.value, quote)
    assert f"{row.value}{row.unit}" in quote, (row.value, row.unit, quote)
    if "预计" in quote:
        assert "estimate: " in row.note
    if _followed_by(quote, row.value, row.unit, "以上|多") or re.search(
            rf"(超过|突破|超){re.escape(row.value)}", quote):
        assert "lower bound: " in row.note
    if _followed_by(quote, row.value, row.unit, "左右"):
        assert "approximate: 左右" in row.note


@pytest.mark.parametrize("row", _obs_rows())
def test_every_quote_names_its_report(row):
    """The quote is read from the report of the next year (the one reviewing ``year``); the note names that
    file of the mirror and the report's year."""
    m = READ_FROM.search(row.note)
    assert m, row.note
    folder, region, file_year = m.group(1), m.group(2), int(m.group(3))
    assert folder == _folder_of(row.region) and region == row.region
    report = file_year + (1 if row.region in FILED_A_YEAR_EARLY else 0)
    assert report == int(row.year) + 1, (row.region, row.indicator_id, row.year, file_year)
    assert row.note.startswith(f"{row.region}人民政府工作报告 {report} (figure for {row.year}, as first published)")
    if row.region in FILED_A_YEAR_EARLY:
        assert f"(the mirror files the {report} report" in row.note
    if not row.source_url.startswith("https://github.com/lawtext/gov/"):
        assert "github" not in row.source_url


# --------------------------------------------------------------------------- targets against their clauses

def _target_rows():
    df = _targets()
    return [pytest.param(r, id=f"{r.level}-{r.region}-{r.id}") for r in df.itertuples(index=False)]


@pytest.mark.parametrize("row", _target_rows())
def test_every_target_value_is_in_its_clause(row):
    value = float(row.value)
    clause = _squash(_nfkc(row.clause))
    assert any(math.isclose(value, x, rel_tol=1e-9) for x in _numbers(clause)), (row.value, row.clause)
    plain = {float(x) for x in re.findall(r"\d+(?:\.\d+)?", clause)}
    if not any(math.isclose(value, x, rel_tol=1e-9) for x in plain):            # read from 1.2万亿 / 1.3万
        assert re.search(rf"= {re.escape(row.value)}{re.escape(row.unit)}", row.note), row.note
    near = [m for m in re.finditer(r"\d+(?:\.\d+)?(?:万亿|万)?(?:亿元|元|%)?(左右|以上|以内)", clause)
            if any(math.isclose(value, x, rel_tol=1e-9) for x in _numbers(m.group(0)))]
    for m in near:
        word = m.group(1)
        if word == "左右":
            assert "左右" in row.note and "scored at" in row.note
        elif word == "以上":
            assert row.comparator == ">=" and "以上" in row.note
        else:
            assert row.comparator == "<="


@pytest.mark.parametrize("row", _target_rows())
def test_every_target_has_its_outcome_and_three_earlier_values(row):
    obs = _read(OBSERVATIONS)
    s = obs[(obs["region"] == row.region) & (obs["indicator_id"] == row.id)]
    years = s["year"].astype(int)
    assert (years == 2010).sum() == 1, (row.region, row.id)
    assert years.between(2004, 2009).sum() >= 3, (row.region, row.id)
    assert {TO_TARGET_UNIT[u][0] for u in s["unit"]} == {row.unit}, (row.region, row.id)


def _outcome(row) -> float:
    obs = pd.read_csv(PUBLIC / OBSERVATIONS)
    r = obs[(obs["region"] == row.region) & (obs["indicator_id"] == row.id) & (obs["year"] == 2010)].iloc[0]
    return float(r["value"]) * TO_TARGET_UNIT[r["unit"]][1]


#: the targets missed on the first-published 2010 value (every other target was met)
MISSED = {("江西省", "urbanization_rate"), ("烟台市", "urbanization_rate")}


def test_outcomes():
    got = set()
    for r in _targets().itertuples(index=False):
        x = _outcome(r)
        met = x >= float(r.value) if r.comparator == ">=" else x <= float(r.value)
        if not met:
            got.add((r.region, r.id))
    assert got == MISSED


def test_the_set_is_wide_enough():
    t = _targets()
    assert (t.level == "provincial").sum() >= 20 and t.loc[t.level == "provincial", "region"].nunique() >= 10
    assert (t.level == "city").sum() >= 25 and t.loc[t.level == "city", "region"].nunique() >= 12


@pytest.mark.parametrize("region, indicator_id, year, value, unit, in_quote", [
    ("宁夏回族自治区", "gdp", 2010, "1643", "亿元", "实现地区生产总值1643亿元"),
    ("湖南省", "gdp", 2010, "1.5", "万亿元", "全省生产总值达到1.5万亿元以上（预计数）"),     # 万亿 and a lower bound
    ("四川省", "gdp", 2006, "8637.8", "亿元", "全年完成生产总值8637.8亿元"),              # the mirror's 2006.md
    ("江西省", "urbanization_rate", 2005, "37", "%", "全省城镇化率达到37％"),              # full-width in the text
    ("厦门市", "urban_income_per_capita", 2005, "16403", "元", "可支配收入16 403元"),    # a space in the number
    ("陕西省", "gdp", 2004, "2883.5", "亿元", "全省实现生产总值2883.5亿元"),              # before the 2004 census
    ("福州市", "gdp", 2005, "1720", "亿元", "2005年全市生产总值达1720亿元"),              # census basis: 1481.78
    ("上海市", "rd_intensity", 2010, "2.8", "%", "比例达到2.8%以上"),
])
def test_hand_checked_values(region, indicator_id, year, value, unit, in_quote):
    obs = _read(OBSERVATIONS)
    r = obs[(obs["region"] == region) & (obs["indicator_id"] == indicator_id) & (obs["year"] == str(year))]
    assert len(r) == 1 and r["value"].iloc[0] == value and r["unit"].iloc[0] == unit
    assert in_quote in QUOTE.search(r["note"].iloc[0]).group(1)


# --------------------------------------------------------------------------- local only: the mirror

def _mirror_text(path: str) -> str:
    if not MIRROR.exists():
        pytest.skip("the lawtext/gov mirror is not on this machine (local-only check)")
    out = subprocess.run(["git", "-C", str(MIRROR), "show", f"HEAD:{path}"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def _mirror_path(note: str) -> str:
    m = READ_FROM.search(note)
    return f"{m.group(1)}/{m.group(2)}/{m.group(3)}.md"


@pytest.mark.parametrize("row", _obs_rows())
def test_quote_is_in_the_mirrored_report(row):
    text = _mirror_text(_mirror_path(row.note))
    m = re.search(r"^source:\s*(\S+)", text[:600], re.M)
    if m and m.group(1).startswith("http"):
        assert row.source_url == m.group(1)
    else:
        assert row.source_url == f"https://github.com/lawtext/gov/blob/master/{_mirror_path(row.note)}"
    assert _squash(QUOTE.search(row.note).group(1)) in _squash(text)


@pytest.mark.parametrize("row", _target_rows())
def test_clause_is_in_the_mirrored_report(row):
    text = _mirror_text(_mirror_path(row.note))
    assert _squash(row.clause) in _squash(text)
