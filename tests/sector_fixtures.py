"""A hand-computed sector panel shared by the sector tests (not a test module).

The panel (region "R", 2017-2019) has four sectors and every metric:

* ``bio_enzymes`` has zero output (and zero turnover, zero high-tech firms) in 2017;
* ``coal`` is missing 2017 entirely;
* ``platforms`` is 2 for every sector and year (no variance -> z = 0, no division by zero).
"""

from __future__ import annotations

import pandas as pd

#: metric -> (unit, {sector: {year: value}})
HAND = {
    "output_value": ("亿元", {"ceramics": {2017: 10, 2018: 11, 2019: 12.1},
                             "lithium_cathode": {2017: 5, 2018: 10, 2019: 20},
                             "bio_enzymes": {2017: 0, 2018: 1, 2019: 2},
                             "coal": {2018: 40, 2019: 36}}),
    "rd_spending": ("万元", {"ceramics": {2017: 100, 2018: 110, 2019: 121},
                            "lithium_cathode": {2017: 50, 2018: 100, 2019: 200},
                            "bio_enzymes": {2017: 10, 2018: 20, 2019: 40},
                            "coal": {2018: 400, 2019: 360}}),
    "enterprises": ("家", {"ceramics": {2017: 10, 2018: 10, 2019: 10},
                          "lithium_cathode": {2017: 2, 2018: 2, 2019: 4},
                          "bio_enzymes": {2017: 1, 2018: 1, 2019: 2},
                          "coal": {2018: 5, 2019: 5}}),
    "high_tech_enterprises": ("家", {"ceramics": {2017: 1, 2018: 2, 2019: 2},
                                    "lithium_cathode": {2017: 1, 2018: 1, 2019: 2},
                                    "bio_enzymes": {2017: 0, 2018: 1, 2019: 1},
                                    "coal": {2018: 0, 2019: 0}}),
    "invention_patents": ("件", {"ceramics": {2017: 5, 2018: 6, 2019: 8},
                                "lithium_cathode": {2017: 2, 2018: 4, 2019: 8},
                                "bio_enzymes": {2017: 1, 2018: 1, 2019: 2},
                                "coal": {2018: 0, 2019: 2}}),
    "tech_contract_turnover": ("万元", {"ceramics": {2017: 1000, 2018: 1500, 2019: 2000},
                                       "lithium_cathode": {2017: 500, 2018: 1000, 2019: 3000},
                                       "bio_enzymes": {2017: 0, 2018: 200, 2019: 500},
                                       "coal": {2018: 1000, 2019: 1500}}),
    "platforms": ("个", {"ceramics": {2017: 2, 2018: 2, 2019: 2},
                        "lithium_cathode": {2017: 2, 2018: 2, 2019: 2},
                        "bio_enzymes": {2017: 2, 2018: 2, 2019: 2},
                        "coal": {2018: 2, 2019: 2}}),
}

META_CSV = """metric,name_zh,name_en,unit,kind,additive,district_indicator,note
enterprises,企业数,Enterprises,家,count,true,,
high_tech_enterprises,高新技术企业数,High-tech enterprises,家,count,true,high_tech_enterprises,
output_value,工业总产值,Output,亿元,level,true,,
rd_spending,研发经费支出,R&D spending,万元,level,true,,
invention_patents,有效发明专利,Invention patents,件,count,true,invention_patents_per_10k,
tech_contract_turnover,技术合同交易额,Turnover,万元,level,true,tech_contract_turnover,
platforms,研发平台,Platforms,个,count,true,,
"""


def make_panel(region: str = "R", scale: float = 1.0) -> pd.DataFrame:
    rows = [{"region": region, "sector": s, "year": y, "metric": m, "value": float(v) * scale,
             "unit": unit, "source": "hand-made", "note": ""}
            for m, (unit, d) in HAND.items() for s, ys in d.items() for y, v in ys.items()]
    return pd.DataFrame(rows)
