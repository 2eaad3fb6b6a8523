#!/usr/bin/env python
"""Make the ILLUSTRATIVE (synthetic) monitoring dataset and sector panel for Pingchuan district.

示例数据生成脚本:生成平川区科技成果转移转化监测的示例(合成)数据。不是官方统计数据。

Why: the district's monitoring data for the plan (平政办发〔2019〕137号) is not public, so the
suite ships a synthetic dataset with the right shape, plausible magnitudes for a district of about
20万 residents and a realistic mix of targets already met, on track, at risk and off track, to
show what the notebooks and the scorecard do. Replace it with real data when you have it.

How: every district series below is a hand-written *scenario* (``DISTRICT``), stated as the plan's
own indicators in the catalogue's units. The sector panel spreads the district totals over the
sectors with a seeded random generator (``SEED``) so that it adds up exactly:

* high-tech enterprises: sum over sectors == district high_tech_enterprises;
* technology-contract turnover: sum over sectors (万元) / 1e4 == district value (亿元);
* valid invention patents: sum over sectors == the patent stock behind invention_patents_per_10k,
  which is that stock divided by the REAL resident population of Pingchuan (万人, year-end,
  read from ``data/raw/public/gansu_observations.csv``).

Pure Python + numpy; deterministic: running it twice writes byte-identical files.

Usage::

    python data/raw/monitoring/make_illustrative.py            # rewrite the bundled files
    python data/raw/monitoring/make_illustrative.py --out DIR  # write elsewhere (tests)
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import numpy as np

SEED = 20190821  # the plan's date, 2019-08-21
REGION = "平川区"
YEARS = (2015, 2016, 2017, 2018, 2019)
SOURCE = "illustrative (synthetic) 示例数据,非官方统计; make_illustrative.py"
HERE = Path(__file__).resolve().parent
RAW = HERE.parent
MONITORING_NAME = "pingchuan_monitoring_illustrative"
PANEL_NAME = "pingchuan_sector_panel_illustrative"

# --------------------------------------------------------------------------------------------
# District scenario: indicator -> {year: value}. Years left out are "not collected".
# Designed mix (the scorecard's own method decides the status; this is the intent):
#   met by 2019  : tech_incubators, ip_advantage_enterprises, intl_cooperation_bases, tech_brokers
#   on track     : tech_contract_turnover, tech_based_enterprises, expert_doctors_linked,
#                  poor_village_commissioner_coverage
#   at risk      : maker_spaces, invention_patents_per_10k, strategic_emerging_share,
#                  enterprise_tech_centres, academician_workstations
#   off track    : tech_transfer_demo_institutions, high_tech_enterprises,
#                  specialised_maker_spaces, star_innovation_spaces
#   short (<=2)  : major_achievements_transferred, engineering_innovation_centres,
#                  tech_transfer_institutions, incubated_enterprises
# --------------------------------------------------------------------------------------------
DESIGN = {
    "met_by_2019": ["tech_incubators", "ip_advantage_enterprises", "intl_cooperation_bases", "tech_brokers"],
    "on_track": ["tech_contract_turnover", "tech_based_enterprises", "expert_doctors_linked",
                 "poor_village_commissioner_coverage"],
    "at_risk": ["maker_spaces", "invention_patents_per_10k", "strategic_emerging_share",
                "enterprise_tech_centres", "academician_workstations"],
    "off_track": ["tech_transfer_demo_institutions", "high_tech_enterprises", "specialised_maker_spaces",
                  "star_innovation_spaces"],
    "short_series": ["major_achievements_transferred", "engineering_innovation_centres",
                     "tech_transfer_institutions", "incubated_enterprises"],
}


def _series(values, years=YEARS):
    return dict(zip(years, values))


#: Valid invention patents held at year-end (件): the stock behind invention_patents_per_10k.
PATENT_STOCK = _series([9, 11, 14, 17, 21])
#: High-tech enterprises (家), district stock at year-end.
HIGH_TECH = _series([3, 4, 4, 5, 6])
#: Technology-contract turnover, 万元 (the catalogue states it in 亿元).
TURNOVER_WAN = _series([3600, 5500, 7900, 10400, 13000])

DISTRICT: dict[str, dict[int, float]] = {
    "tech_transfer_demo_institutions": _series([0, 0, 0, 0, 0]),
    "tech_incubators": _series([0, 0, 0, 1, 1]),
    "maker_spaces": _series([0, 0, 1, 1, 1]),
    "tech_contract_turnover": {y: v / 1e4 for y, v in TURNOVER_WAN.items()},
    # invention_patents_per_10k is computed below from PATENT_STOCK and the real population
    "strategic_emerging_share": _series([0.42, 0.49, 0.53, 0.61, 0.64]),
    "tech_based_enterprises": _series([19, 24, 29, 34, 39]),
    "high_tech_enterprises": dict(HIGH_TECH),
    "ip_advantage_enterprises": _series([1, 1, 2, 3, 5]),
    "major_achievements_transferred": _series([1, 3], (2018, 2019)),
    "intl_cooperation_bases": _series([0, 0, 0, 1, 1]),
    "enterprise_tech_centres": _series([2, 3, 3, 4, 5]),
    "engineering_innovation_centres": _series([1, 1], (2018, 2019)),
    "tech_transfer_institutions": _series([0], (2019,)),
    "specialised_maker_spaces": _series([0, 0, 0], (2017, 2018, 2019)),
    "star_innovation_spaces": _series([0, 0, 1, 1, 1]),
    "incubated_enterprises": _series([6, 11], (2018, 2019)),
    "academician_workstations": _series([1, 1, 2, 2, 2]),
    "expert_doctors_linked": _series([3, 4, 6, 8, 9]),
    "poor_village_commissioner_coverage": _series([62.0, 71.0, 83.0, 92.0, 97.0]),
    "tech_brokers": _series([1, 2, 4], (2017, 2018, 2019)),
}
NOTES = {
    "tech_contract_turnover": "sum of the sector panel's tech_contract_turnover (万元) / 1e4",
    "high_tech_enterprises": "sum of the sector panel's high_tech_enterprises",
    "major_achievements_transferred": "cumulative since 2018",
    "strategic_emerging_share": "not derived from the sector panel",
}

# --------------------------------------------------------------------------------------------
# Sector panel: nine main sectors (ids from data/raw/plan/entities.csv). new_materials excludes
# lithium_cathode, so the sectors are disjoint and add up.
# --------------------------------------------------------------------------------------------
SECTORS = ("coal", "power", "ceramics", "equipment", "new_energy", "new_materials",
           "lithium_cathode", "bio_enzymes", "agro_processing")
METRIC_UNITS = {"enterprises": "家", "high_tech_enterprises": "家", "output_value": "亿元",
                "rd_spending": "万元", "invention_patents": "件", "tech_contract_turnover": "万元",
                "platforms": "个"}
#: Stories: enterprises in 2015 and yearly change; output 2015 (亿元) and growth; R&D intensity
#: (share of output) 2015 and 2019.
STORY = {
    #                 ent  d_ent  out15  growth  rd15    rd19
    "coal":            (14, -0.5, 28.0, -0.02, 0.0015, 0.0016),
    "power":           (4, 0.0, 36.0, 0.01, 0.0020, 0.0021),
    "ceramics":        (26, 0.6, 18.0, 0.03, 0.0050, 0.0060),
    "equipment":       (12, 0.5, 6.5, 0.06, 0.0180, 0.0200),
    "new_energy":      (5, 0.7, 2.2, 0.12, 0.0080, 0.0090),
    "new_materials":   (6, 0.3, 3.5, 0.05, 0.0120, 0.0130),
    "lithium_cathode": (1, 0.5, 0.6, 0.45, 0.0450, 0.0550),
    "bio_enzymes":     (1, 0.25, 0.25, 0.08, 0.0800, 0.0850),
    "agro_processing": (15, 0.8, 4.2, 0.07, 0.0040, 0.0045),
}
#: High-tech enterprises by sector (a certificate lapses in ceramics in 2017 and is regained in 2019).
HIGH_TECH_BY_SECTOR = {
    "ceramics": [1, 1, 0, 0, 1], "equipment": [1, 1, 1, 2, 2], "new_materials": [0, 0, 1, 1, 1],
    "lithium_cathode": [1, 1, 1, 1, 1], "bio_enzymes": [0, 1, 1, 1, 1],
}
#: R&D platforms by sector (the eight centres of task 7, the ceramics research centre, later additions).
PLATFORMS_BY_SECTOR = {
    "ceramics": [2, 2, 2, 2, 2], "equipment": [3, 3, 3, 3, 4], "new_energy": [0, 0, 0, 1, 1],
    "new_materials": [1, 1, 1, 1, 1], "lithium_cathode": [1, 1, 1, 2, 2], "bio_enzymes": [1, 1, 1, 1, 1],
    "agro_processing": [1, 1, 2, 2, 2],
}
#: Patent stock in 2015 by sector; later increments are drawn with PATENT_WEIGHTS.
PATENTS_2015 = {"ceramics": 2, "equipment": 3, "new_materials": 1, "lithium_cathode": 1, "bio_enzymes": 2}
PATENT_WEIGHTS = {"coal": 0.1, "power": 0.1, "ceramics": 1.0, "equipment": 2.0, "new_energy": 0.4,
                  "new_materials": 0.8, "lithium_cathode": 3.0, "bio_enzymes": 1.5, "agro_processing": 0.6}
#: Typical share of technology-contract turnover by sector (lithium rising); bio_enzymes none in 2015.
TURNOVER_WEIGHTS = {"coal": 0.10, "power": 0.05, "ceramics": 0.22, "equipment": 0.30, "new_energy": 0.04,
                    "new_materials": 0.08, "lithium_cathode": 0.05, "bio_enzymes": 0.03,
                    "agro_processing": 0.12}


def read_population(path: Path, region: str = REGION) -> dict[int, float]:
    """Real year-end resident population (万人) of ``region`` from the public reference CSV."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["region"] == region and r["indicator_id"] == "population"]
    pop = {int(r["year"]): float(r["value"]) for r in rows}
    missing = [y for y in YEARS if y not in pop]
    if missing:
        raise SystemExit(f"{path}: no population of {region} for {missing}")
    return pop


def read_catalogue(path: Path) -> dict[str, str]:
    """Indicator id -> unit, in catalogue order."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {r["id"]: r["unit"] for r in csv.DictReader(fh)}


def allocate(total: int, weights: np.ndarray) -> np.ndarray:
    """Split an integer total into integers proportional to weights (largest remainder, stable ties)."""
    weights = np.asarray(weights, dtype=float)
    if total == 0 or weights.sum() == 0:
        return np.zeros(len(weights), dtype=int)
    raw = total * weights / weights.sum()
    out = np.floor(raw).astype(int)
    rest = total - out.sum()
    order = np.argsort(-(raw - out), kind="stable")
    out[order[:rest]] += 1
    return out


def draw_increments(rng: np.random.Generator, n: int, weights: np.ndarray) -> np.ndarray:
    """Give ``n`` unit increments to sectors one by one, each with probability ~ weights."""
    cum = np.cumsum(weights) / np.sum(weights)
    out = np.zeros(len(weights), dtype=int)
    for u in rng.random(n):
        out[min(int(np.searchsorted(cum, u, side="right")), len(weights) - 1)] += 1
    return out


def fmt(value: float, decimals: int) -> str:
    """Fixed decimals; integers without a decimal point."""
    if decimals == 0:
        return str(int(round(value)))
    return f"{value:.{decimals}f}"


def make_panel(rng: np.random.Generator) -> list[dict[str, str]]:
    """The sector panel rows (strings), consistent with the district totals."""
    n, T = len(SECTORS), len(YEARS)
    data = {m: np.zeros((n, T)) for m in METRIC_UNITS}
    for i, s in enumerate(SECTORS):
        ent0, d_ent, out0, g, rd0, rd1 = STORY[s]
        z = rng.standard_normal((3, T))
        for t in range(T):
            ent = ent0 + d_ent * t + (0.6 * z[0, t] if ent0 >= 10 else 0.0)
            data["enterprises"][i, t] = max(1, round(ent))
            out = out0 * (1 + g) ** t * (1 + 0.03 * z[1, t])
            data["output_value"][i, t] = round(out, 2)
            intensity = (rd0 + (rd1 - rd0) * t / (T - 1)) * (1 + 0.05 * z[2, t])
            data["rd_spending"][i, t] = round(data["output_value"][i, t] * 1e4 * intensity)
        data["high_tech_enterprises"][i] = HIGH_TECH_BY_SECTOR.get(s, [0] * T)
        data["platforms"][i] = PLATFORMS_BY_SECTOR.get(s, [0] * T)
    # a high-tech enterprise is an enterprise of the sector
    data["enterprises"] = np.maximum(data["enterprises"], data["high_tech_enterprises"])
    # invention patents: 2015 stock by design, then seeded increments up to the district stock
    w = np.array([PATENT_WEIGHTS[s] for s in SECTORS])
    stock = np.array([PATENTS_2015.get(s, 0) for s in SECTORS])
    assert stock.sum() == PATENT_STOCK[YEARS[0]]
    for t, y in enumerate(YEARS):
        if t:
            stock = stock + draw_increments(rng, PATENT_STOCK[y] - PATENT_STOCK[YEARS[t - 1]], w)
        data["invention_patents"][:, t] = stock
    # technology-contract turnover: noisy shares, integer 万元 adding up to the district total
    for t, y in enumerate(YEARS):
        wt = np.array([TURNOVER_WEIGHTS[s] for s in SECTORS]) * np.exp(0.2 * rng.standard_normal(n))
        wt[SECTORS.index("lithium_cathode")] *= 1 + 0.6 * t  # fast-growing
        if y == 2015:
            wt[SECTORS.index("bio_enzymes")] = 0.0  # no registered contract yet
        data["tech_contract_turnover"][:, t] = allocate(TURNOVER_WAN[y], wt)
    # checks: the panel adds up to the district totals
    for t, y in enumerate(YEARS):
        assert data["high_tech_enterprises"][:, t].sum() == HIGH_TECH[y]
        assert data["invention_patents"][:, t].sum() == PATENT_STOCK[y]
        assert data["tech_contract_turnover"][:, t].sum() == TURNOVER_WAN[y]
    assert all((v >= 0).all() for v in data.values())
    rows = []
    for i, s in enumerate(SECTORS):
        for t, y in enumerate(YEARS):
            for m, unit in METRIC_UNITS.items():
                v = data[m][i, t]
                note = ""
                if m == "tech_contract_turnover" and v == 0:
                    note = "no registered technology contract this year"
                rows.append({"region": REGION, "sector": s, "year": str(y), "metric": m,
                             "value": fmt(v, 2 if m == "output_value" else 0), "unit": unit,
                             "source": SOURCE, "note": note})
    return rows


def make_monitoring(units: dict[str, str], population: dict[int, float]) -> list[dict[str, str]]:
    """The district monitoring rows (strings), one per indicator and year, catalogue order."""
    series = dict(DISTRICT)
    series["invention_patents_per_10k"] = {y: PATENT_STOCK[y] / population[y] for y in YEARS}
    missing = [i for i in units if i not in series]
    unknown = [i for i in series if i not in units]
    if missing or unknown:
        raise SystemExit(f"catalogue and scenario differ: missing {missing}, unknown {unknown}")
    decimals = {"亿元": 4, "件/万人": 4, "%": 2}
    rows = []
    for ind, unit in units.items():
        for y, v in sorted(series[ind].items()):
            note = NOTES.get(ind, "")
            if ind == "invention_patents_per_10k":
                note = (f"illustrative valid invention patent stock {PATENT_STOCK[y]} 件 / real resident "
                        f"population {population[y]:g} 万人 (gansu_observations.csv)")
            rows.append({"region": REGION, "indicator_id": ind, "year": str(y),
                         "value": fmt(v, decimals.get(unit, 0)), "unit": unit, "source": SOURCE,
                         "note": note})
    return rows


def to_csv(rows: list[dict[str, str]], columns: list[str]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def meta(kind: str) -> dict:
    common = {
        "illustrative": True,
        "not_official_statistics": True,
        "region": REGION,
        "years": [YEARS[0], YEARS[-1]],
        "source_zh": "示例数据(合成),非官方统计",
        "source_en": "Illustrative (synthetic) data, not official statistics",
        "why": ("The district's monitoring data for the plan is not public; these files show the "
                "suite working on data of the right shape and magnitude."),
        "generator": "data/raw/monitoring/make_illustrative.py",
        "seed": SEED,
        "inputs": ["data/raw/plan/targets.csv", "data/raw/public/gansu_observations.csv"],
        "licence": "CC BY 4.0",
        "producer": "this project",
    }
    if kind == "monitoring":
        return {
            **common,
            "title_zh": "平川区科技成果转移转化示范区建设监测数据(示例数据,2015-2019年)",
            "title_en": "Pingchuan S&T achievement-transfer plan: monitoring data (ILLUSTRATIVE, 2015-2019)",
            "description": ("One row per indicator of the plan's 21-target catalogue and year, 2015-2019 "
                            "(the plan's vantage point), in the catalogue's units. Some indicators have only "
                            "one to three years."),
            "how_made": ("Hand-written scenario per indicator (see DISTRICT in the generator) with a realistic "
                         "mix of targets met, on track, at risk and off track. invention_patents_per_10k = "
                         "illustrative patent stock / REAL year-end resident population of Pingchuan (万人). "
                         "tech_contract_turnover and high_tech_enterprises equal the sums of the sector panel."),
            "design": DESIGN,
            "patent_stock": {str(y): PATENT_STOCK[y] for y in YEARS},
            "columns": ["region", "indicator_id", "year", "value", "unit", "source", "note"],
        }
    return {
        **common,
        "title_zh": "平川区重点产业科技创新面板(示例数据,2015-2019年)",
        "title_en": "Pingchuan sector panel of S&T metrics (ILLUSTRATIVE, 2015-2019)",
        "description": ("Nine main sectors x seven metrics (data/raw/metadata/sector_metrics.csv) x 2015-2019. "
                        "new_materials excludes lithium_cathode so sectors are disjoint and add up."),
        "how_made": ("Per-sector stories (levels, growth, R&D intensity) with seeded noise; the district totals "
                     "of high_tech_enterprises, tech_contract_turnover (万元 -> 亿元) and invention_patents "
                     "(the stock behind invention_patents_per_10k) are split over sectors so they add up exactly."),
        "sectors": list(SECTORS),
        "columns": ["region", "sector", "year", "metric", "value", "unit", "source", "note"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: beside this script)")
    args = parser.parse_args(argv)
    units = read_catalogue(RAW / "plan" / "targets.csv")
    population = read_population(RAW / "public" / "gansu_observations.csv")
    rng = np.random.default_rng(SEED)
    panel = make_panel(rng)
    monitoring = make_monitoring(units, population)
    args.out.mkdir(parents=True, exist_ok=True)
    files = {
        f"{MONITORING_NAME}.csv": to_csv(monitoring, meta("monitoring")["columns"]),
        f"{MONITORING_NAME}.meta.json": (json.dumps(meta("monitoring"), ensure_ascii=False, indent=2) + "\n").encode(),
        f"{PANEL_NAME}.csv": to_csv(panel, meta("panel")["columns"]),
        f"{PANEL_NAME}.meta.json": (json.dumps(meta("panel"), ensure_ascii=False, indent=2) + "\n").encode(),
    }
    for name, data in files.items():
        (args.out / name).write_bytes(data)
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
