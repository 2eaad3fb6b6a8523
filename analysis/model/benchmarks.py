"""The district beside Baiyin, Gansu and the nation on comparable real public series.

For every indicator of the target catalogue this module decides whether a comparable public
series exists in ``data/raw/public/`` (:data:`SPECS`; anything not listed has none and is
*not* compared: no series of another concept is borrowed) and, where one does, puts the
district's value (from the monitoring data, the bundled one illustrative) beside the others':

* ``level`` basis (``invention_patents_per_10k``): the same per-10,000-residents measure
  everywhere, so levels and growth are compared as published.
* ``growth_per_capita`` basis (``tech_contract_turnover``, ``high_tech_enterprises``): a
  nation's or a province's total is not comparable in level with a district's, so the table
  compares the **average annual growth** of the totals and the totals **per resident** (元/人) or
  **per 10,000 residents** (家/万人), computed with the real year-end resident population where
  the public data hold it (Pingchuan 2015-2021, Baiyin 2010-2021, Gansu 2019-2021; none for
  China, so no national per-capita value).

Growth is the compound annual growth rate between the first and last year a region has data
inside the district's own window (its first to last observed year); ``same_window`` says
whether those are the district's years. Public values are those of
:func:`analysis.io.dataset.load_public` (one per region/indicator/year, the build's choice
where sources disagree), each with its ``source_url``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pandas as pd

from analysis import config
from analysis.i18n import has, t
from analysis.i18n.names import unit_label
from analysis.io import catalogue, dataset

#: Regions compared, district first.
REGIONS: tuple[str, ...] = ("平川区", "白银市", "甘肃省", "中国")


@dataclass(frozen=True)
class Spec:
    """How one catalogue indicator is compared."""

    public_id: str
    basis: str                      # "level" or "growth_per_capita"
    per_capita_unit: str = ""       # unit of the per-capita measure
    per_capita_factor: float = 1.0  # value / population(万人) * factor -> per_capita_unit


#: Catalogue indicator -> comparable public series. Every other catalogue indicator has none.
SPECS: dict[str, Spec] = {
    "invention_patents_per_10k": Spec("invention_patents_per_10k", "level"),
    # 亿元 / 万人 * 1e4 = 元/人
    "tech_contract_turnover": Spec("tech_contract_turnover", "growth_per_capita", "元/人", 1e4),
    # 家 / 万人 = 家/万人
    "high_tech_enterprises": Spec("high_tech_enterprises", "growth_per_capita", "家/万人", 1.0),
}


#: Catalogue indicators for which a public series of a *different* concept exists; named so that
#: the table can say why it is not used (``ledger.bench.why.<id>`` in the i18n catalogue).
NOT_COMPARABLE: dict[str, str] = {
    "strategic_emerging_share": "high_tech_manufacturing_share",
    "tech_based_enterprises": "high_tech_enterprises",
}
#: Main benchmark regions (always shown, "no data" where they have none); others only when they have data.
MAIN_REGIONS: tuple[str, ...] = ("甘肃省", "中国")


def cagr(first: float, last: float, years: int) -> float:
    """Compound annual growth rate in % (NaN when it is undefined)."""
    if years <= 0 or not (first > 0) or not (last >= 0):
        return math.nan
    return ((last / first) ** (1.0 / years) - 1.0) * 100.0


def host(url: str) -> str:
    """Short source name: the host of a URL (``www.`` dropped) or the ``github:owner/repo`` prefix."""
    url = str(url or "")
    if url.startswith("github:"):
        return "/".join(url.split("/")[:2])
    h = urlparse(url).netloc
    return h[4:] if h.startswith("www.") else h


#: Hosts whose pages are the government's own (a ministry, a bureau, a government portal); anything
#: else quotes a figure second-hand (a newspaper, a copy of a communiqué) and is labelled so.
_OFFICIAL_HOST_RE = re.compile(r"(^|\.)(gov\.cn|stats\.gov\.cn|npc\.gov\.cn)$")
#: A mirror of government documents kept on GitHub (the provinces' government work reports).
_DOCUMENT_MIRRORS = ("github:lawtext/gov",)


def _compared_name(name: str) -> str:
    """A target's name as the comparison with Gansu and China says it: without the district's own words
    (全区技术市场合同交易额 -> 技术市场合同交易额, "… (district)" -> "…"), as it also names their lines."""
    out = re.sub(r"\s*\(district\)\s*$", "", re.sub(r"^全区", "", str(name)))
    return out or str(name)


def source_label(url: str, lang: str = "zh") -> str:
    """A source as a report shows it: the host of a government page as it is (``stats.gov.cn``); a
    mirror of government documents and a second-hand page said as such (``tibet.cn（转引）``), so a
    reader sees which figures come from the publisher itself."""
    url = str(url or "")
    h = host(url) if "://" in url or url.startswith("github:") else url  # a URL, or a host already
    if not h or _OFFICIAL_HOST_RE.search(h):
        return h
    key = "ledger.bench.mirror" if h in _DOCUMENT_MIRRORS else "ledger.bench.secondary"
    return t(key, lang, host=h)


@dataclass
class Benchmarks:
    """Results of :func:`benchmarks`.

    Attributes
    ----------
    coverage : DataFrame
        One row per catalogue indicator: ``indicator_id, name_zh, name_en, basis`` (``level``,
        ``growth_per_capita`` or ``none``), ``public_id``, ``regions`` (regions other than the
        district with a public value), ``not_used`` (a public series of another concept that
        exists but is deliberately not compared, see :data:`NOT_COMPARABLE`).
    levels : DataFrame
        ``indicator_id, measure`` (``level`` or ``per_capita``), ``region, year, value, unit,
        source_url, illustrative, population`` (万人, for per-capita rows).
    growth : DataFrame
        ``indicator_id, region, first_year, last_year, first_value, last_value, cagr`` (% a
        year), ``same_window``, ``unit``.
    table : DataFrame
        The report table: per compared indicator, measure and region, the latest value up to the
        district's last year, its year, and the growth of the totals.
    district : str
    as_of : int or None
        The district's last observed year among the compared indicators.
    illustrative : bool
        The district's values are illustrative.
    sources : dict
        Region -> hosts of the public values used; ``population`` -> hosts of the population.
    no_population : list
        Regions without a public population series (no per-capita value).
    """

    coverage: pd.DataFrame
    levels: pd.DataFrame
    growth: pd.DataFrame
    table: pd.DataFrame
    district: str = config.DEFAULT_REGION
    as_of: int | None = None
    illustrative: bool = False
    sources: dict = field(default_factory=dict)
    no_population: list = field(default_factory=list)

    @property
    def compared(self) -> list[str]:
        """Catalogue indicators that are compared."""
        return list(self.coverage.loc[self.coverage["basis"] != "none", "indicator_id"])


def _estimate(public: pd.DataFrame) -> pd.Series:
    """Rows the public data marks as an estimate (预计, 'estimate'): not a published statistic, so never a
    benchmark (China's 2020 high-tech enterprises, an estimate on a third-party page, set a national
    growth of 22.2 % beside the district's)."""
    note = public["note"].astype(str) if "note" in public else pd.Series("", index=public.index)
    return note.str.contains(r"预计|\bestimate", case=False, regex=True)


def _population(public: pd.DataFrame) -> dict[tuple[str, int], float]:
    pop = public.loc[public["indicator_id"] == "population"]
    return {(r.region, int(r.year)): float(r.value) for r in pop.itertuples()}


def benchmarks(obs: pd.DataFrame, public: pd.DataFrame | None = None, targets: pd.DataFrame | None = None, *,
               district: str = config.DEFAULT_REGION, regions: tuple[str, ...] = REGIONS,
               illustrative: bool | None = None) -> Benchmarks:
    """Put the district beside the other regions on every comparable catalogue indicator.

    Parameters
    ----------
    obs : DataFrame
        Monitoring observations (``region, indicator_id, year, value, unit``).
    public : DataFrame, optional
        :func:`analysis.io.dataset.load_public` (default: loaded).
    targets : DataFrame, optional
        The target catalogue (default: the plan's).
    district : str
    regions : tuple of str
        Regions compared (the district first).
    illustrative : bool, optional
        Whether ``obs`` is illustrative (default: ``obs.attrs["illustrative"]``, else the
        bundled data's provenance when ``obs`` names the bundled source).
    """
    pub = public if public is not None else dataset.load_public()
    tg = targets if targets is not None else catalogue.load_targets()
    tg = tg.drop_duplicates("id")  # an indicator once (a per-region catalogue has a row per region and target)
    if illustrative is None:
        illustrative = bool(obs.attrs.get("illustrative", False)) or obs.get(
            "source", pd.Series(dtype=str)).astype(str).str.contains("illustrative|示例", regex=True).any()
    pop = _population(pub)
    published = ~_estimate(pub)  # (once: an estimate is never a benchmark)
    others = [r for r in regions if r != district]
    dobs = obs.loc[obs["region"] == district]

    cov, levels, growth = [], [], []
    used: set[tuple[str, str]] = set()  # (region, source) of the growth rates' end points
    for t in tg.itertuples(index=False):
        spec = SPECS.get(t.id)
        d = dobs.loc[dobs["indicator_id"] == t.id].sort_values("year")
        p = pub.loc[(pub["indicator_id"] == (spec.public_id if spec else None)) & pub["region"].isin(others) & published]
        if spec is None or d.empty or p.empty:
            cov.append({"indicator_id": t.id, "name_zh": t.name_zh, "name_en": getattr(t, "name_en", t.id),
                        "basis": "none", "public_id": spec.public_id if spec else "", "regions": [],
                        "not_used": NOT_COMPARABLE.get(t.id, "")})
            continue
        cov.append({"indicator_id": t.id, "name_zh": _compared_name(t.name_zh),
                    "name_en": _compared_name(getattr(t, "name_en", t.id)),
                    "basis": spec.basis, "public_id": spec.public_id,
                    "regions": [r for r in others if (p["region"] == r).any()], "not_used": ""})
        series = {district: [(int(r.year), float(r.value), "", bool(illustrative)) for r in d.itertuples()]}
        for r in others:
            g = p.loc[p["region"] == r].sort_values("year")
            series[r] = [(int(x.year), float(x.value), str(x.source_url), False) for x in g.itertuples()]
        unit = str(d["unit"].iloc[0])
        first, last = int(d["year"].min()), int(d["year"].max())
        for region in regions:
            for year, value, url, ill in series.get(region, []):
                if year > last:  # nothing after the district's own data (as of 2019: no 2020 beside it)
                    continue
                if spec.basis == "level":
                    levels.append({"indicator_id": t.id, "measure": "level", "region": region, "year": year,
                                   "value": value, "unit": unit, "source_url": url, "illustrative": ill,
                                   "population": math.nan})
                elif (region, year) in pop:
                    levels.append({"indicator_id": t.id, "measure": "per_capita", "region": region, "year": year,
                                   "value": value / pop[(region, year)] * spec.per_capita_factor,
                                   "unit": spec.per_capita_unit, "source_url": url, "illustrative": ill,
                                   "population": pop[(region, year)]})
        for region in regions:
            inside = [(y, v) for y, v, _, _ in series.get(region, []) if first <= y <= last]
            if len(inside) >= 2:
                (y0, v0), (y1, v1) = inside[0], inside[-1]
                rate = cagr(v0, v1, y1 - y0)
                used.update((region, u) for y, _, u, _ in series.get(region, []) if u and y in (y0, y1))
            else:
                y0 = y1 = None
                v0 = v1 = rate = math.nan
            growth.append({"indicator_id": t.id, "region": region, "first_year": y0, "last_year": y1,
                           "first_value": v0, "last_value": v1, "cagr": rate,
                           "same_window": (y0, y1) == (first, last), "unit": unit})
    coverage = pd.DataFrame(cov)
    lv = pd.DataFrame(levels, columns=["indicator_id", "measure", "region", "year", "value", "unit", "source_url",
                                       "illustrative", "population"])
    gr = pd.DataFrame(growth, columns=["indicator_id", "region", "first_year", "last_year", "first_value",
                                       "last_value", "cagr", "same_window", "unit"])
    for c in ("first_year", "last_year"):
        gr[c] = gr[c].astype("Int64")
    as_of = int(dobs.loc[dobs["indicator_id"].isin(list(SPECS)), "year"].max()) if len(dobs) else None
    table = _report_table(lv, gr, coverage, district, regions, bool(illustrative))
    # every source a figure rests on: the levels' and the growth rates' end points (a growth to 2021 from
    # a year the levels do not show named no host before)
    sources = {r: sorted({host(u) for u in lv.loc[lv["region"] == r, "source_url"] if u}
                         | {host(u) for g, u in used if g == r}) for r in others}
    no_population = [r for r in others if not any(k[0] == r for k in pop)]
    pop_hosts = sorted({host(u) for u in pub.loc[pub["indicator_id"] == "population", "source_url"]})
    sources["population"] = pop_hosts
    return Benchmarks(coverage=coverage, levels=lv, growth=gr, table=table, district=district, as_of=as_of,
                      illustrative=bool(illustrative), sources=sources,
                      no_population=no_population)


def _report_table(lv: pd.DataFrame, gr: pd.DataFrame, coverage: pd.DataFrame, district: str,
                  regions: tuple[str, ...], illustrative: bool) -> pd.DataFrame:
    rows = []
    for c in coverage.loc[coverage["basis"] != "none"].itertuples():
        mine = lv.loc[lv["indicator_id"] == c.indicator_id]
        measures = list(dict.fromkeys(mine["measure"])) or ["level"]
        dist = mine.loc[mine["region"] == district]
        for measure in measures:
            m = mine.loc[mine["measure"] == measure]
            last = int(dist.loc[dist["measure"] == measure, "year"].max()) if (dist["measure"] == measure).any() else None
            for region in regions:
                g = gr.loc[(gr["indicator_id"] == c.indicator_id) & (gr["region"] == region)]
                r = m.loc[m["region"] == region]
                if last is not None:
                    r = r.loc[r["year"] <= last]
                if r.empty:
                    year = value = None
                    unit = m["unit"].iloc[0] if len(m) else ""
                    url = ""
                else:
                    x = r.sort_values("year").iloc[-1]
                    year, value, unit, url = int(x["year"]), float(x["value"]), x["unit"], x["source_url"]
                rate = float(g["cagr"].iloc[0]) if len(g) else math.nan
                if region != district and region not in MAIN_REGIONS and value is None and math.isnan(rate):
                    continue
                rows.append({
                    "indicator_id": c.indicator_id, "name_zh": c.name_zh, "name_en": c.name_en, "basis": c.basis,
                    "measure": measure, "region": region, "year": year, "value": value, "unit": unit,
                    "cagr": rate,
                    "growth_window": (f"{int(g['first_year'].iloc[0])}-{int(g['last_year'].iloc[0])}"
                                      if len(g) and pd.notna(g["first_year"].iloc[0]) else ""),
                    "source_url": url, "illustrative": region == district and illustrative,
                })
    return pd.DataFrame(rows, columns=["indicator_id", "name_zh", "name_en", "basis", "measure", "region", "year",
                                       "value", "unit", "cagr", "growth_window", "source_url", "illustrative"])


# ------------------------------------------------------------------------------ report hook
#: Figures of the report's 与全省、全国比较 section (slugs of :mod:`analysis.app.figures`).
BENCHMARK_FIGURES: tuple[str, ...] = ("benchmark_levels", "benchmark_growth")


def _fmt(v, unit: str = "", digits: int = 2) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return f"{v:,.{digits}f}{(' ' + unit) if unit else ''}"


def _region(region: str, lang: str) -> str:
    return t(f"ledger.bench.region.{region}", lang)


def section_tables(bench: Benchmarks, lang: str = "zh") -> dict[str, pd.DataFrame]:
    """``values`` (the report table, headers in ``lang``) and ``coverage`` (every catalogue
    indicator: compared or not, and why)."""
    col = lambda k: t(f"ledger.bench.col.{k}", lang)  # noqa: E731 - local shorthand
    tb = bench.table
    values = pd.DataFrame({
        col("indicator"): tb[f"name_{lang}"],
        col("measure"): [t(f"ledger.bench.measure.{m}", lang) for m in tb["measure"]],
        col("region"): [_region(r, lang) for r in tb["region"]],
        col("year"): [("" if y is None or (isinstance(y, float) and math.isnan(y)) else str(int(y))) for y in tb["year"]],
        col("value"): [_fmt(v, "", 2) or t("ledger.bench.na", lang) for v in tb["value"]],
        col("unit"): [unit_label(u, lang) for u in tb["unit"]],
        t("ledger.bench.measure.growth", lang): [(_fmt(v, "", 1) + "%") if v == v else t("ledger.bench.na", lang)
                                                  for v in tb["cagr"]],
        col("window"): tb["growth_window"],
        col("source"): [t("ledger.bench.illustrative_value", lang) if ill
                        else t("ledger.bench.own_value", lang) if r == bench.district else source_label(u, lang)
                        for ill, r, u in zip(tb["illustrative"], tb["region"], tb["source_url"])],
    })
    cov = bench.coverage
    notes = []
    for r in cov.itertuples():
        if r.basis == "none":
            key = f"ledger.bench.why.{r.indicator_id}"
            notes.append(t(key, lang) if has(key) else t("ledger.bench.why_none.default", lang))
        else:
            notes.append(t(f"ledger.bench.basis.{r.basis}", lang))
    coverage = pd.DataFrame({
        col("indicator"): cov[f"name_{lang}"],
        col("basis"): [t(f"ledger.bench.basis.{b}_short", lang) for b in cov["basis"]],
        col("note"): notes,
    })
    return {"values": values, "coverage": coverage}


def benchmark_section(obs: pd.DataFrame, lang: str = "zh", *, public: pd.DataFrame | None = None,
                      targets: pd.DataFrame | None = None, illustrative: bool | None = None) -> dict:
    """Everything the report's 与全省、全国比较 section needs, as plain data (a pure function
    of its inputs; the public series are loaded when not given).

    Returns
    -------
    dict
        ``title``; ``headline`` (sentences: coverage, one per compared indicator with the latest
        values, one with growth, the R&D-intensity note); ``tables`` (:func:`section_tables`);
        ``figures`` (:data:`BENCHMARK_FIGURES`); ``sources`` (region -> hosts); ``illustrative``;
        ``benchmarks`` (the :class:`Benchmarks`).
    """
    b = benchmarks(obs, public, targets, illustrative=illustrative)
    na = t("ledger.bench.na", lang)
    n_cmp = len(b.compared)
    lines = [t("ledger.bench.section.intro", lang, n_comparable=n_cmp, n_none=len(b.coverage) - n_cmp)
             + (t("ledger.bench.section.intro_illustrative", lang) if b.illustrative else "")]
    tb = b.table
    for ind in b.compared:
        rows = tb.loc[tb["indicator_id"] == ind].set_index("region")

        def val(region):
            if region not in rows.index or rows.loc[region, "value"] is None or pd.isna(rows.loc[region, "value"]):
                return na
            r = rows.loc[region]
            note = t("ledger.bench.illustrative_suffix", lang) if bool(r["illustrative"]) and b.illustrative else ""
            return t("ledger.bench.value_year", lang, value=_fmt(float(r["value"]), unit_label(r["unit"], lang)),
                     year=int(r["year"]), note=note)

        first = rows.iloc[0]
        lines.append(t("ledger.bench.section.line", lang, indicator=first[f"name_{lang}"],
                       measure=t(f"ledger.bench.measure.{first['measure']}", lang),
                       district=val(b.district), gansu=val("甘肃省"), china=val("中国")))

        def rate(region):
            if region not in rows.index or pd.isna(rows.loc[region, "cagr"]):
                return na
            return t("ledger.bench.rate_window", lang, rate=f"{rows.loc[region, 'cagr']:.1f}%",
                     window=rows.loc[region, "growth_window"])

        lines.append(t("ledger.bench.section.growth_line", lang, indicator=first[f"name_{lang}"],
                       district=rate(b.district), gansu=rate("甘肃省"), china=rate("中国")))
    if b.no_population:
        lines.append(t("ledger.bench.no_population", lang,
                       regions=t("ledger.sep", lang).join(_region(r, lang) for r in b.no_population)))
    lines.append(t("ledger.bench.section.rd", lang))
    return {"title": t("ledger.bench.section.title", lang), "headline": lines, "tables": section_tables(b, lang),
            "figures": list(BENCHMARK_FIGURES) if n_cmp else [], "sources": b.sources,
            "illustrative": b.illustrative, "benchmarks": b}
