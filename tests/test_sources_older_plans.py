"""The held-out set of the 9th, 10th and 11th Five-Year Plans' national targets and their NBS series.

``china_9th_fyp_outline_targets.csv``, ``china_10th_…`` and ``china_11th_…`` hold level targets for 2000, 2005 and
2010 read from the plan outlines;
``china_nbs_communique_1995_2010_observations.csv`` holds the values the NBS statistical communiques first
published for the deadline and the six years before it. Every value is checked against its quote and every
target against its clause; where the lawtext/gov mirror is on this machine (it is not in CI) the quotes and
clauses are also looked up in the mirrored files.
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
#: plan -> its target catalogue (the suite's format: one file per plan, as the later outlines')
TARGET_FILES = {"9th": "china_9th_fyp_outline_targets.csv", "10th": "china_10th_fyp_outline_targets.csv",
                "11th": "china_11th_fyp_outline_targets.csv"}
OBSERVATIONS = "china_nbs_communique_1995_2010_observations.csv"
MIRROR = Path("/work/.mirror/lawtext+gov/repo")

TARGET_COLUMNS = ["plan", "id", "name_zh", "name_en", "value", "unit", "comparator", "deadline", "kind", "clause",
                  "note"]
OBS_COLUMNS = ["region", "indicator_id", "year", "value", "unit", "source_url", "note"]
#: plan -> (the outline in the mirror, the deadline)
PLANS = {"9th": ("五年规划/1996-九五计划纲要.md", 2000),
         "10th": ("五年规划/2001-十五计划纲要.md", 2005),
         "11th": ("五年规划/2006-十一五规划纲要.md", 2010)}
UNITS = {"%", "万人", "万吨", "亿美元"}
#: units stored in 万 or 亿 of a base unit: a quote or clause may print the number in 亿 of the same base
SCALE = {"万人": 1e4, "万吨": 1e4, "亿美元": 1e8, "%": 1.0}
QUOTE = re.compile(r'quote: "([^"]+)"')


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(PUBLIC / name, dtype=str, keep_default_na=False)


def _targets(**kw) -> pd.DataFrame:
    """The three plans' catalogues in one frame, with a ``plan`` column (``read_csv`` arguments ``kw``)."""
    return pd.concat([pd.read_csv(PUBLIC / f, **kw).assign(plan=k) for k, f in TARGET_FILES.items()],
                     ignore_index=True)[TARGET_COLUMNS]


def _nfkc(text: str) -> str:
    """Full-width digits, points and per-cent signs (2．9％) read as ASCII (2.9%)."""
    return unicodedata.normalize("NFKC", text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --------------------------------------------------------------------------- numbers of a Chinese text

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万亿点]+")


def _cn_integer(s: str) -> float:
    if s and all(ch in _CN_DIGITS for ch in s):          # 二〇〇〇 (a year, digit by digit) or 五
        return float("".join(str(_CN_DIGITS[ch]) for ch in s))
    total = wan = section = num = 0
    for ch in s:
        if ch in _CN_DIGITS:
            num = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (num or 1) * _CN_SMALL[ch]
            num = 0
        elif ch == "万":
            wan = (wan + section + num) * 10_000
            section = num = 0
        elif ch == "亿":
            total = (total + wan + section + num) * 100_000_000
            wan = section = num = 0
    return float(total + wan + section + num)


def _cn_number(s: str) -> float | None:
    """四亿九千万 -> 4.9e8, 百分之八十五's 八十五 -> 85, 十点八三 -> 10.83, 一万四千亿 -> 1.4e12."""
    s = s.strip("点")
    if not s or s in ("万", "亿", "万亿"):
        return None
    if "点" in s:
        head, tail = s.split("点", 1)
        unit = re.search(r"[万亿]+$", tail)
        digits = tail[: unit.start()] if unit else tail
        if not digits or not all(ch in _CN_DIGITS for ch in digits):
            return None
        x = _cn_integer(head) + float("0." + "".join(str(_CN_DIGITS[ch]) for ch in digits))
        for ch in unit.group(0) if unit else "":
            x *= 10_000 if ch == "万" else 100_000_000
        return x
    return _cn_integer(s)


def _quantities(text: str) -> set[float]:
    """Every number of a clause as an absolute quantity: Arabic numbers with their 万/亿/万亿 (2.23亿 ->
    2.23e8, 2.3万亿 -> 2.3e12) and Chinese numerals (四千亿 -> 4e11)."""
    text = _nfkc(text)
    out = set()
    for m in re.finditer(r"(\d+(?:\.\d+)?)\s*(万亿|亿|万)?", text):
        x = float(m.group(1))
        out.add(x)
        out.add(x * {"万亿": 1e12, "亿": 1e8, "万": 1e4, None: 1}[m.group(2)])
    for m in _CN_RUN.finditer(text):
        run = m.group(0)
        for end in range(1, len(run) + 1):     # 一万四千亿千瓦时: the run 一万四千亿千 runs into 千瓦
            x = _cn_number(run[:end])
            if x is not None:
                out.add(x)
    return out


def _in_unit(quantities: set[float], unit: str) -> set[float]:
    """The clause's quantities in a row's unit: 13.3亿(人) is 133000 万人, 四千亿(美元) is 4000 亿美元."""
    scale = SCALE[unit]
    return quantities | {q / scale for q in quantities}


def _close(x: float, xs: set[float]) -> bool:
    return any(math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9) for y in xs)


def test_chinese_numerals_are_read():
    assert {4.9e8, 5e8} <= _quantities("粮食四亿九千万～五亿吨")
    assert 85 in _quantities("初中入学率达到百分之八十五左右")
    assert 1.05e8 in _quantities("钢一亿零五百万吨")
    assert 1.4e12 in _quantities("发电量一万四千亿千瓦时")
    assert 1.3e9 in _quantities("人口控制在十三亿以内")
    assert 10.83 in _quantities("人口自然增长率控制在年均千分之十点八三")
    assert 2000 in _quantities("二〇〇〇年")
    assert 2.3e12 in _quantities("2.3万亿美元") and 2.23e8 in _quantities("2.23亿人")
    assert 23000 in _in_unit(_quantities("2.3万亿美元"), "亿美元")
    assert 133000 in _in_unit(_quantities("13.3亿人以内"), "万人")


# --------------------------------------------------------------------------- structure

def test_target_catalogue_structure():
    t = _targets(dtype=str, keep_default_na=False)
    assert list(t.columns) == TARGET_COLUMNS
    assert not t.duplicated(["plan", "id"]).any()
    assert set(t["plan"]) == set(PLANS)
    for r in t.itertuples(index=False):
        assert int(r.deadline) == PLANS[r.plan][1], (r.plan, r.id)
        assert re.fullmatch(r"[a-z][a-z0-9_]*", r.id), r.id
        assert r.comparator in (">=", "<=") and r.kind in ("level", "share", "ratio", "count")
        assert r.unit in UNITS and r.name_zh and r.name_en and r.clause
        if r.kind == "share":
            assert r.unit == "%" and 0 <= float(r.value) <= 100
        assert f"text read via github lawtext/gov {PLANS[r.plan][0]}" in r.note
        assert "纲要》" in r.note                                        # the document's title


def test_observation_file_structure():
    o = _read(OBSERVATIONS)
    assert list(o.columns) == OBS_COLUMNS
    assert (o["region"] == "中国").all()
    assert not o.duplicated(["indicator_id", "year"]).any()
    assert o["unit"].isin(UNITS).all()
    assert o["year"].astype(int).between(1994, 2010).all()
    for r in o.itertuples(index=False):
        assert r.source_url.startswith("https://www.stats.gov.cn/") or r.source_url == (
            f"https://github.com/lawtext/gov/blob/master/国家统计局年度统计/{r.year}.md")
        assert r.note.startswith("NBS statistical communique (as first published); text read via github lawtext/gov "
                                 f"国家统计局年度统计/{r.year}.md; quote: \"")


def _obs_rows():
    df = _read(OBSERVATIONS)
    return [pytest.param(r, id=f"{r.indicator_id}-{r.year}") for r in df.itertuples(index=False)]


@pytest.mark.parametrize("row", _obs_rows())
def test_every_value_is_in_its_quote(row):
    """The value as a number of its quote (full-width digits read as ASCII); a value stored in 万 of a
    quote printed in 亿 (5.08亿吨 -> 50800 万吨) is found as value / 10000 followed by 亿, and the note says
    so. Estimates (预计) and lower bounds (以上, 超过) are flagged in the note."""
    quotes = QUOTE.findall(row.note)
    assert len(quotes) == 1, row.note
    quote = _nfkc(quotes[0])
    tokens = re.findall(r"\d+(?:\.\d+)?", quote)
    if row.value not in tokens:
        assert row.unit.startswith("万"), (row.value, quote)
        conv = f"{float(row.value) / 10_000:g}"
        assert conv in tokens and f"{conv}亿" in _squash(quote), (row.value, quote)
        assert f"{conv}亿{row.unit[1:]} = {row.value} {row.unit}" in row.note
    if row.unit == "%":
        assert "%" in quote
    elif row.value in tokens:
        assert row.unit in _squash(quote), (row.unit, quote)
    if "预计" in quote:
        assert "[estimate: " in row.note
    if "以上" in quote or "超过" in quote:
        assert "[lower bound: " in row.note


def _target_rows():
    df = _targets(dtype=str, keep_default_na=False)
    return [pytest.param(r, id=f"{r.plan}-{r.id}") for r in df.itertuples(index=False)]


@pytest.mark.parametrize("row", _target_rows())
def test_every_target_value_is_in_its_clause(row):
    assert _close(float(row.value), _in_unit(_quantities(row.clause), row.unit)), (row.value, row.clause)
    if "左右" in row.clause:
        assert "左右" in row.note and "scored at" in row.note
    if "～" in row.clause:
        assert "range" in row.note and "near end" in row.note
    if re.search(r"\d亿|[一二三四五六七八九十]亿", row.clause) and row.unit != "亿美元":
        assert f"= {row.value} {row.unit}" in row.note                  # the conversion is spelt out


@pytest.mark.parametrize("row", _target_rows())
def test_every_target_has_its_outcome_and_three_earlier_values(row):
    obs = pd.read_csv(PUBLIC / OBSERVATIONS, dtype={"note": str})
    s = obs[obs["indicator_id"] == row.id]
    deadline = int(row.deadline)
    assert (s["year"] == deadline).sum() == 1, (row.plan, row.id)
    assert s["year"].between(deadline - 6, deadline - 1).sum() >= 3, (row.plan, row.id)
    window = s[s["year"].between(deadline - 6, deadline)]
    assert (window["unit"] == row.unit).all(), (row.plan, row.id)


def test_every_value_is_used_by_a_target():
    t = _targets()
    obs = pd.read_csv(PUBLIC / OBSERVATIONS)
    for r in obs.itertuples(index=False):
        assert ((t["id"] == r.indicator_id) & (t["deadline"] - 6 <= r.year) & (r.year <= t["deadline"])).any(), \
            (r.indicator_id, r.year)


def test_values_shared_with_the_later_series_agree():
    """Where the 2010-2025 series has the same indicator and year, the value and unit are the same."""
    new = pd.read_csv(PUBLIC / OBSERVATIONS)
    old = pd.read_csv(PUBLIC / "china_nbs_communique_observations.csv")
    both = new.merge(old, on=["indicator_id", "year"], suffixes=("", "_old"))
    assert len(both) >= 3
    assert (both["unit"] == both["unit_old"]).all()
    assert (both["value"].astype(float) == both["value_old"].astype(float)).all()


@pytest.mark.parametrize("indicator_id, year, value, quote", [
    ("registered_unemployment_rate", 1995, 2.9, "登记失业率2．9％"),        # full-width in the text
    ("grain_output", 1998, 49000, "4.9亿吨以上"),                          # a lower bound, 亿 -> 万
    ("grain_output", 1999, 50800, "5.08亿吨"),
    ("cotton_output", 2000, 435, "全年产量435万吨"),
    ("trade_total_usd", 2000, 4743, "全年进出口总额达4743亿美元"),
    ("trade_total_usd", 2010, 29728, "全年货物进出口总额29728亿美元"),
    ("exports_usd", 2000, 2492, "出口总额2492亿美元"),
    ("junior_secondary_gross_enrolment_rate", 2000, 88.6, "初中毛入学率达88.6％"),
    ("population", 2005, 130756, "年末全国总人口为130756万人"),
    ("population", 2010, 134100, "初步预计，年末全国总人口[16]134100万人"),
    ("rd_intensity", 2005, 1.30, "占国内生产总值的1.30%"),
    ("pension_insured", 2010, 25673, "参加城镇基本养老保险人数25673万人"),
    ("urban_sewage_treatment_rate", 2006, 56, "城市污水处理率达到56%"),
])
def test_hand_checked_values(indicator_id, year, value, quote):
    obs = pd.read_csv(PUBLIC / OBSERVATIONS, dtype={"note": str})
    r = obs[(obs["indicator_id"] == indicator_id) & (obs["year"] == year)]
    assert len(r) == 1 and float(r["value"].iloc[0]) == value
    assert quote in QUOTE.search(r["note"].iloc[0]).group(1)


#: the outcome of each target on the first-published deadline value (True: met)
OUTCOMES = {
    ("9th", "registered_unemployment_rate"): True, ("9th", "grain_output"): False,
    ("9th", "cotton_output"): False, ("9th", "trade_total_usd"): True, ("9th", "exports_usd"): True,
    ("9th", "primary_net_enrolment_rate"): True, ("9th", "junior_secondary_gross_enrolment_rate"): True,
    ("10th", "registered_unemployment_rate"): True, ("10th", "population"): True,
    ("10th", "trade_total_usd"): True,
    ("11th", "registered_unemployment_rate"): True, ("11th", "rd_intensity"): False,
    ("11th", "pension_insured"): True, ("11th", "population"): True, ("11th", "grain_output"): True,
    ("11th", "trade_total_usd"): True, ("11th", "urban_sewage_treatment_rate"): True,
}


def test_outcomes():
    t = _targets()
    obs = pd.read_csv(PUBLIC / OBSERVATIONS)
    got = {}
    for r in t.itertuples(index=False):
        x = obs[(obs["indicator_id"] == r.id) & (obs["year"] == r.deadline)]["value"].iloc[0]
        got[(r.plan, r.id)] = bool(x >= r.value) if r.comparator == ">=" else bool(x <= r.value)
    assert got == OUTCOMES


# --------------------------------------------------------------------------- local only: the mirror

def _mirror_text(path: str) -> str:
    if not MIRROR.exists():
        pytest.skip("the lawtext/gov mirror is not on this machine (local-only check)")
    out = subprocess.run(["git", "-C", str(MIRROR), "show", f"HEAD:{path}"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


@pytest.mark.parametrize("row", _obs_rows())
def test_quote_is_in_the_mirrored_communique(row):
    path = f"国家统计局年度统计/{row.year}.md"
    text = _mirror_text(path)
    head = text[:400]
    assert f"{row.year}年" in head                                     # the communique on that year
    m = re.search(r"^source:\s*(\S+)", head, re.M)
    if m:
        assert row.source_url == m.group(1)
    assert _squash(QUOTE.search(row.note).group(1)) in _squash(text)


@pytest.mark.parametrize("row", _target_rows())
def test_clause_is_in_the_mirrored_outline(row):
    text = _mirror_text(PLANS[row.plan][0])
    assert _squash(row.clause) in _squash(text)
