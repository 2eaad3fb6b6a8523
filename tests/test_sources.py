"""data/raw/sources.csv: every raw file is listed with its provenance and a matching sha256.

Every file under data/raw is listed (READMEs included) except sources.csv itself, hidden files and
__pycache__. Paths are relative to data/raw.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import config
from analysis.io.dataset import PUBLIC_FILES, file_sha256, raw_files

RAW = config.raw_dir()
COLUMNS = ["path", "title", "producer", "url", "accessed", "licence", "sha256", "illustrative", "note", "title_zh",
           "producer_zh"]
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return pd.read_csv(config.sources_path(), dtype=str, keep_default_na=False)


def test_columns_and_unique_paths(sources):
    assert list(sources.columns) == COLUMNS
    assert sources["path"].is_unique
    assert set(sources["illustrative"]) <= {"true", "false"}
    assert (sources[["title", "producer", "licence", "sha256"]] != "").all().all()


def test_every_raw_file_is_listed_and_nothing_else(sources):
    on_disk = {p.relative_to(RAW).as_posix() for p in raw_files()}
    assert on_disk == set(sources["path"])


def test_sha256_matches(sources):
    bad = [r.path for r in sources.itertuples() if file_sha256(RAW / r.path) != r.sha256]
    assert not bad, f"sha256 differs (refresh with analysis.io.dataset.refresh_source_hashes): {bad}"


def test_illustrative_flags(sources):
    flags = dict(zip(sources.path, sources.illustrative))
    for p in sources.path:
        if p.startswith("monitoring/"):
            assert flags[p] == "true", p
        else:
            assert flags[p] == "false", p
    for r in sources.loc[sources.illustrative == "true"].itertuples():
        assert r.producer == "this project" and r.licence.startswith("CC BY 4.0")


def test_plan_text_provenance(sources):
    r = sources.set_index("path").loc["plan/plan_text.txt"]
    assert r.producer_zh == "白银市平川区人民政府办公室" and "Pingchuan District People's Government" in r.producer
    assert "平政办发〔2019〕137号" in r.title and r.title_zh.startswith("白银市平川区人民政府办公室关于印发《平川区")
    assert "GS2337/2019-5178" in r.note and "2019-08-21" in r.note
    assert r.url == "" and "not recorded" in r.note


def test_public_files_provenance_and_copies(sources):
    s = sources.set_index("path")
    for name in PUBLIC_FILES:
        r = s.loc[f"public/{name}"]
        # the reference copies were made on 2026-11-27; files collected later carry their own date
        assert r.accessed == "2026-11-27" or ("copy" not in r.note and r.accessed >= "2026-11-27")
        assert "Official statistics" in r.licence and "CC BY 4.0" in r.licence
        ref = config.root().parent / "shared" / "reference" / name
        if "copy" in r.note:   # a copy of the reference compilation: unchanged where it can be compared
            if ref.exists():
                assert (RAW / "public" / name).read_bytes() == ref.read_bytes()
        else:                  # collected by this project: says from where, per row
            assert not ref.exists()
            assert "read by this project" in r.producer and r.url == "per row: source_url column"


def test_raw_files_helper_skips_itself_and_hidden(tmp_path):
    (tmp_path / "a").mkdir()
    for rel in ("a/x.csv", "sources.csv", ".hidden", "a/__pycache__/m.pyc", "b.txt"):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in raw_files(tmp_path)] == ["a/x.csv", "b.txt"]


# --------------------------------------------------------------------------- issue 16: wider real corpus

TWELFTH = "china_12th_fyp_outline_targets.csv"
FOURTEENTH = "china_14th_fyp_outline_targets.csv"
#: Where each outline's targets were read (the 14th's grain capacity from the 2021 Government Work Report).
_READ_FROM = {TWELFTH: ("2015", ("2011-十二五规划纲要.md",)),
              FOURTEENTH: ("2025", ("2021-十四五规划纲要.md", "政府工作报告-国务院/2021.md"))}


@pytest.mark.parametrize("file, target_id, value, comparator, in_clause", [
    (TWELFTH, "rd_intensity", 2.2, ">=", "2.2%"),
    (TWELFTH, "invention_patents_per_10k", 3.3, ">=", "3.3件"),
    (TWELFTH, "population", 139000, "<=", "13.9亿人以内"),          # 13.9亿 = 139000万
    (TWELFTH, "registered_unemployment_rate", 5, "<=", "5%以内"),
    (FOURTEENTH, "urbanization_rate", 65, ">=", "65%"),
    (FOURTEENTH, "surveyed_unemployment_rate", 5.5, "<=", "5.5%以内"),
    (FOURTEENTH, "rd_basic_research_share", 8, ">=", "8%以上"),
    (FOURTEENTH, "grain_output", 65000, ">=", "1.3万亿斤以上"),   # 6.5亿吨 = 65000万吨 (capacity, scored on output)
    (FOURTEENTH, "upper_secondary_gross_enrolment_rate", 92, ">=", "92%以上"),
])
def test_outline_targets_are_read_from_their_clause(file, target_id, value, comparator, in_clause):
    df = pd.read_csv(RAW / "public" / file, dtype=str, keep_default_na=False).set_index("id")
    r = df.loc[target_id]
    deadline, sources = _READ_FROM[file]
    assert float(r["value"]) == value and r["comparator"] == comparator and r["deadline"] == deadline
    assert in_clause in r["clause"]
    assert any(src in r["note"] for src in sources)
    if file == TWELFTH:
        assert "第三章 主要目标" in r["note"]
    else:  # the 14th's outcome is published (the 2025 communique)
        obs = pd.read_csv(RAW / "public" / "china_nbs_communique_observations.csv")
        assert ((obs["indicator_id"] == target_id) & (obs["year"] == 2025)).any()


@pytest.mark.parametrize("indicator_id, year, value, quote", [
    ("grain_output", 2015, 62144, "全年粮食产量62144万吨"),
    ("rd_basic_research", 2016, 798, "其中基础研究经费798亿元"),
    ("population", 2015, 137462, "年末全国大陆总人口137462万人"),
    ("registered_unemployment_rate", 2015, 4.05, "年末城镇登记失业率为4.05%"),
    ("hospital_beds", 2018, 845, "医疗卫生机构床位845万张"),          # not the 养老服务床位 of the same year
    ("rural_income_per_capita", 2019, 16021, "农村居民人均可支配收入16021元"),   # not the 贫困地区 11567 before it
    ("exports", 2016, 138455, "其中，出口138455亿元"),                 # goods: + imports 104932 = total 243386
    ("graduate_graduates", 2010, 38.4, "在学研究生153.8万人，毕业生38.4万人"),
    ("meat_output", 2017, 8431, "全年猪牛羊禽肉产量8431万吨"),
    # 2023-2025 communiques and the 14th Five-Year Plan's series (added 2026-12-05)
    ("surveyed_unemployment_rate", 2022, 5.6, "全年全国城镇调查失业率平均值为5.6%"),   # the year's average, not year-end
    ("surveyed_unemployment_rate", 2025, 5.2, "全年全国城镇调查失业率平均值为5.2%"),
    ("high_value_invention_patents_per_10k", 2023, 11.8, "每万人口高价值发明专利拥有量[67]11.8件"),
    ("upper_secondary_gross_enrolment_rate", 2025, 92.0, "高中阶段毛入学率为92.0%"),
    ("urbanization_rate", 2025, 67.89, "年末全国常住人口城镇化率为67.89%，比上年末提高0.89个百分点"),
    ("grain_output", 2025, 71488, "全年粮食产量71488万吨"),
])
def test_added_nbs_rows_hold_the_number_of_their_quote(indicator_id, year, value, quote):
    df = pd.read_csv(RAW / "public" / "china_nbs_communique_observations.csv", dtype={"note": str})
    r = df[(df["indicator_id"] == indicator_id) & (df["year"] == year)]
    assert len(r) == 1
    note = r["note"].iloc[0]
    assert float(r["value"].iloc[0]) == value
    assert f'quote: "{quote}"' in note


def test_corpus_has_at_least_60_real_series_of_five_points():
    from analysis.model import backtest as bt

    real = bt.series_list(bt.public_series(), min_points=5)
    assert len(real) >= 60          # issue 16 aimed at 60 (26 before)


# --------------------------------------------------------------------------- issue 16: provinces' and cities' plans

PROVINCIAL_OBS = "china_provincial_observations.csv"
#: The provincial and city plan sets: the series file, the mirror's folder of the work reports the
#: values are quoted from, each target catalogue with its deadline and the reports that may state its
#: targets (the plan's first-year report, for cities also the next one where the first states none),
#: and the least number of targets and of regions.
SUBNATIONAL = {
    "provincial": (PROVINCIAL_OBS, "政府工作报告-省自治区",
                   {"china_provincial_13th_fyp_targets.csv": ("2020", ("2016.md",)),
                    "china_provincial_12th_fyp_targets.csv": ("2015", ("2011.md",)),
                    "china_provincial_14th_fyp_targets.csv": ("2025", ("2021.md",))}, 20, 8),
    "city": ("china_city_observations.csv", "政府工作报告-主要城市",
             {"china_city_13th_fyp_targets.csv": ("2020", ("2016.md", "2017.md")),
              "china_city_14th_fyp_targets.csv": ("2025", ("2021.md", "2022.md"))}, 40, 20),
    "prefecture": ("china_prefecture_observations.csv", "政府工作报告-其他地市",
                   {"china_prefecture_13th_fyp_targets.csv": ("2020", ("2016.md", "2017.md"))}, 15, 10),
}


def _subnational_rows():
    out = []
    for level, (obs, *_rest) in SUBNATIONAL.items():
        df = pd.read_csv(RAW / "public" / obs, dtype={"note": str, "source_url": str, "value": str})
        out += [pytest.param(level, r, id=f"{r.region}-{r.indicator_id}-{r.year}") for r in df.itertuples(index=False)]
    return out


@pytest.mark.parametrize("level, row", _subnational_rows())
def test_every_provincial_and_city_value_is_in_its_quote(level, row):
    import re

    m = re.search(r'quote: "(.+)"$', row.note)
    assert m, row.note
    quote = m.group(1)
    assert row.value in quote                                   # the value as published, in its unit
    assert row.unit in ("亿元", "万亿元", "%", "家", "万家", "件")
    if row.unit in ("亿元", "万亿元"):
        assert row.unit.removesuffix("元") in quote               # 9万亿 (台阶) says 万亿元
    if row.unit == "万家":
        assert "万家" in quote or "万户" in quote                   # 户: firms counted as households
    assert f"{SUBNATIONAL[level][1]}/{row.region}/" in row.note    # the report the quote was read from
    assert row.source_url.startswith("http")


def _numbers(text: str) -> set[float]:
    import re

    out = set()
    for m in re.finditer(r"(\d+(?:\.\d+)?)\s*(万亿|万)?", text):
        x = float(m.group(1))
        out.add(x)
        if m.group(2):
            out.add(round(x * 10_000, 6))
    if re.search(r"[^0-9.]万亿(元|台阶)", text):                # 万亿 without a number: 1万亿元
        out.add(10_000.0)
    return out


def _subnational_targets():
    out = []
    for level, (_obs, _folder, files, *_n) in SUBNATIONAL.items():
        for f in files:
            df = pd.read_csv(RAW / "public" / f, dtype=str, keep_default_na=False)
            out += [pytest.param(level, f, r, id=f"{f.split('_')[2]}-{r.region}-{r.id}")
                    for r in df.itertuples(index=False)]
    return out


@pytest.mark.parametrize("level, file, row", _subnational_targets())
def test_every_provincial_and_city_target_value_is_in_its_clause(level, file, row):
    _obs, folder, files, *_n = SUBNATIONAL[level]
    deadline, reports = files[file]
    assert float(row.value) in _numbers(row.clause)
    assert row.comparator == ">=" and row.region and row.deadline == deadline
    assert any(f"{folder}/{row.region}/{r}" in row.note for r in reports)


@pytest.mark.parametrize("level", SUBNATIONAL)
def test_provincial_and_city_targets_have_an_outcome_and_earlier_values(level):
    """Only targets whose outcome is published are kept, each with 3 values before the deadline."""
    obs_file, _folder, files, min_targets, min_regions = SUBNATIONAL[level]
    obs = pd.read_csv(RAW / "public" / obs_file)
    n = 0
    for f in files:
        for r in pd.read_csv(RAW / "public" / f).itertuples(index=False):
            s = obs[(obs.region == r.region) & (obs.indicator_id == r.id)]
            assert (s.year == r.deadline).sum() == 1, (r.region, r.id)
            assert (s.year < r.deadline).sum() >= 3, (r.region, r.id)
            n += 1
    assert n >= min_targets and obs["region"].nunique() >= min_regions


#: The other countries' plan sets: (series, catalogue, number of regions, number of targets, the
#: producer's table the series' ``source_url`` names, or None where it is the page read).
EU_SETS = {
    "renewables": ("eu_renewable_share_observations.csv", "eu_2020_renewable_share_targets.csv", 19, 19,
                   "https://ec.europa.eu/eurostat/databrowser/view/"),
    "rd": ("eu_rd_observations.csv", "eu_2020_rd_targets.csv", 15, 15, None),
    "education": ("eu_education_observations.csv", "eu_2020_education_targets.csv", 10, 14, None),
    "employment": ("eu_employment_observations.csv", "eu_2020_employment_targets.csv", 15, 15, None),
}


def _quoted_numbers(quote: str) -> set[float]:
    """The numbers of a quote in English, French, Portuguese, Italian or Romanian (30,6 % is 30.6)."""
    import re

    return {float(m.replace(",", ".")) for m in re.findall(r"\d+(?:[.,]\d+)?", quote)}


@pytest.mark.parametrize("name", EU_SETS)
def test_every_eu_value_is_in_its_quote_and_names_the_page_it_was_read_from(name):
    """The EU sets (held-out checks of other countries' plans): each value is a number of its quote,
    and the note says where it was read (the Eurostat table's copy or the page)."""
    import re

    obs, _targets, n_regions, _n, table = EU_SETS[name]
    df = pd.read_csv(RAW / "public" / obs, dtype={"note": str, "source_url": str})
    bad = []
    for r in df.itertuples(index=False):
        m = re.search(r'quote: "(.+)"$', r.note)
        ok = bool(m) and float(r.value) in _quoted_numbers(m.group(1)) and r.unit == "%"
        ok = ok and r.source_url.startswith(table or "http")
        ok = ok and ("read from page http" in r.note or "github tonistubin/datasciencecoursera" in r.note)
        if not ok:
            bad.append((r.region, r.indicator_id, r.year))
    assert not bad
    assert df["region"].nunique() == n_regions and not df.duplicated(["region", "indicator_id", "year"]).any()


@pytest.mark.parametrize("name", EU_SETS)
def test_eu_targets_are_in_their_clause_with_an_outcome_and_earlier_values(name):
    obs_file, targets_file, _r, n_targets, _t = EU_SETS[name]
    obs = pd.read_csv(RAW / "public" / obs_file)
    targets = pd.read_csv(RAW / "public" / targets_file, dtype={"value": str, "clause": str, "note": str})
    for r in targets.itertuples(index=False):
        assert float(r.value) in _quoted_numbers(r.clause), r.region
        assert r.comparator in (">=", "<=") and r.deadline == 2020 and r.kind == "share"
        s = obs[(obs.region == r.region) & (obs.indicator_id == r.id)]
        assert (s.year == 2020).sum() == 1 and (s.year < 2020).sum() >= 3, (r.region, r.id)
    assert len(targets) == n_targets


@pytest.mark.parametrize("region, indicator_id, year, value, unit, quote", [
    ("广东省", "gdp", 2015, 7.28, "万亿元", "增加到2015年的7.28万亿元"),
    ("江西省", "gdp", 2015, 16723.8, "亿元", "全省实现生产总值16723.8亿元"),
    ("浙江省", "rd_intensity", 2015, 2.33, "%", "研发经费支出占生产总值比重提高到2.33%"),
    ("贵州省", "urbanization_rate", 2020, 50, "%", "常住人口城镇化率超过50%"),     # a lower bound
    ("宁夏回族自治区", "urbanization_rate", 2020, 61, "%", "城镇化率预计达61%"),      # an estimate
])
def test_provincial_rows_hold_the_number_of_their_quote(region, indicator_id, year, value, unit, quote):
    df = pd.read_csv(RAW / "public" / PROVINCIAL_OBS, dtype={"note": str})
    r = df[(df.region == region) & (df.indicator_id == indicator_id) & (df.year == year)]
    assert len(r) == 1 and float(r["value"].iloc[0]) == value and r["unit"].iloc[0] == unit
    assert f'quote: "{quote}"' in r["note"].iloc[0]


def test_published_sources_have_a_chinese_title_and_producer(sources):
    """The reports are Chinese first: every source they cite (not the project's own files) reads in
    Chinese, from ``title_zh`` / ``producer_zh`` or because the original is Chinese already."""
    cited = sources[~sources["producer"].str.lower().str.startswith("this project")]
    assert len(cited) >= 10
    for r in cited.itertuples():
        title, producer = r.title_zh or r.title, r.producer_zh or r.producer
        assert CJK.search(title) and not re.search(r"[A-Za-z]{4,} [A-Za-z]{4,}", title), r.path
        assert CJK.search(producer) and "this project" not in producer, r.path
