"""analysis.model.text: one sentence per target, for every stage, in Chinese and English.

The expected sentences are written by hand from the row's numbers.
"""

from __future__ import annotations

import math

import pytest

from analysis.i18n import catalogue, placeholders
from analysis.model import text

NAN = math.nan

HIGH_TECH = dict(indicator_id="high_tech_enterprises", name_zh="高新技术企业", name_en="Certified high-tech enterprises",
                 unit="家", kind="count", measure="stock", target=18.0, comparator=">=", deadline=2020,
                 deadline_assumed=False)
TURNOVER = dict(indicator_id="tech_contract_turnover", name_zh="全区技术市场合同交易额",
                name_en="Technology-market contract turnover", unit="亿元", kind="level", measure="flow",
                target=1.35, comparator=">=", deadline=2020, deadline_assumed=False)
SHARE = dict(indicator_id="strategic_emerging_share", name_zh="战略性新兴产业增加值占生产总值比重",
             name_en="Strategic emerging industries, share of GDP", unit="%", kind="share", measure="flow",
             target=0.7, comparator=">=", deadline=2020, deadline_assumed=False)
INCUBATORS = dict(indicator_id="tech_incubators", name_zh="科技企业孵化器", name_en="Technology business incubators",
                  unit="家", kind="milestone", measure="stock", target=1.0, comparator=">=", deadline=2020,
                  deadline_assumed=False)
ENERGY = dict(indicator_id="energy_per_gdp", name_zh="万元GDP能耗", name_en="Energy per 10,000 yuan of GDP",
              unit="吨标准煤", kind="ratio", measure="flow", target=0.8, comparator="<=", deadline=2020,
              deadline_assumed=False)

CASES = {
    "before deadline, off track (count)": (
        {**HIGH_TECH, "stage": "before deadline", "status": "off track", "last_year": 2019, "last_value": 6.0,
         "n_points": 5, "growth_from": 2018, "actual_growth": 0.2, "actual_per_year": 1.0,
         "required_growth": 2.0, "required_per_year": 12.0, "forecast": 6.94, "lower_80": 5.0, "upper_80": 9.0,
         "prob_meet": 0.0029, "achieved_year": None},
        "高新技术企业（目标：2020年达到18家以上）：2019年为6家；2018年以来年均增加1家；按期达标还须年均增加12家；"
        "预测2020年为7家（80%区间5~9家）；按期达标概率不到1%。判定：难以完成。",
        "Certified high-tech enterprises (target: at least 18 by 2020): 6 in 2019; up 1 a year since 2018; "
        "meeting the target needs 12 more a year; forecast for 2020: 7 (80% interval 5 to 9); "
        "probability of meeting the target below 1%. Status: off track.",
    ),
    "before deadline, on track (money, growth rates)": (
        {**TURNOVER, "stage": "before deadline", "status": "on track", "last_year": 2019, "last_value": 1.3,
         "n_points": 5, "growth_from": 2018, "actual_growth": 0.25, "actual_per_year": 0.26,
         "required_growth": 0.038462, "required_per_year": 0.05, "forecast": 1.663532, "lower_80": 1.476537,
         "upper_80": 1.996162, "prob_meet": 0.975},
        "全区技术市场合同交易额（目标：2020年达到1.35亿元以上）：2019年为1.3亿元；2018年以来年均增长25.0%；"
        "按期达标还须年均增长3.8%；预测2020年为1.66亿元（80%区间1.48~2亿元）；按期达标概率约98%。判定：按期可达。",
        "Technology-market contract turnover (target: at least 1.35 hundred million yuan by 2020): "
        "1.3 hundred million yuan in 2019; growing 25.0% a year since 2018; meeting the target needs growth of "
        "3.8% a year; forecast for 2020: 1.66 hundred million yuan (80% interval 1.48 to 2 hundred million yuan); "
        "probability of meeting the target about 98%. Status: on track.",
    ),
    "before deadline, at risk (share in percentage points)": (
        {**SHARE, "stage": "before deadline", "status": "at risk", "last_year": 2019, "last_value": 0.64,
         "n_points": 5, "growth_from": 2018, "actual_growth": 0.04918, "actual_per_year": 0.03,
         "required_growth": 0.09375, "required_per_year": 0.06, "forecast": 0.703, "lower_80": 0.645,
         "upper_80": 0.767, "prob_meet": 0.39},
        # the forecast said with the digits that tell it from the target (it said 0.7%, the target, beside
        # 39 %), and why the odds are under even all the same
        "战略性新兴产业增加值占生产总值比重（目标：2020年达到0.7%以上）：2019年为0.64%；2018年以来年均提高0.03个百分点；"
        "按期达标还须年均提高0.06个百分点；预测2020年为0.703%（80%区间0.65~0.77%）；按期达标概率约39%；"
        "预测值虽达到目标，但预测的不确定性大，达标的可能仍不足一半。判定：存在风险。",
        "Strategic emerging industries, share of GDP (target: at least 0.7% by 2020): 0.64% in 2019; up 0.03 "
        "percentage points a year since 2018; meeting the target needs 0.06 percentage points more a year; "
        "forecast for 2020: 0.703% (80% interval 0.65 to 0.77%); probability of meeting the target about 39%; "
        "the forecast reaches the target, but it is uncertain enough that meeting it is still less likely than "
        "not. Status: at risk.",
    ),
    "before deadline, the recent pace near the one required but the forecast short": (
        {**SHARE, "stage": "before deadline", "status": "off track", "last_year": 2019, "last_value": 0.64,
         "n_points": 5, "growth_from": 2018, "actual_growth": 0.09, "actual_per_year": 0.058,
         "required_growth": 0.09375, "required_per_year": 0.06, "forecast": 0.68, "lower_80": 0.62,
         "upper_80": 0.71, "prob_meet": 0.15},
        "战略性新兴产业增加值占生产总值比重（目标：2020年达到0.7%以上）：2019年为0.64%；2018年以来年均提高0.06个百分点；"
        "按期达标还须年均提高0.06个百分点；预测2020年为0.68%（80%区间0.62~0.71%）；按期达标概率约15%；"
        "近年增速接近所需，但按各年的趋势预测仍达不到目标。判定：难以完成。",
        "Strategic emerging industries, share of GDP (target: at least 0.7% by 2020): 0.64% in 2019; up 0.06 "
        "percentage points a year since 2018; meeting the target needs 0.06 percentage points more a year; "
        "forecast for 2020: 0.68% (80% interval 0.62 to 0.71%); probability of meeting the target about 15%; "
        "the recent pace is close to the one required, but the trend of all the years still falls short of the "
        "target. Status: off track.",
    ),
    "before deadline, at risk although the forecast reaches the target and the pace is above the one needed": (
        {**SHARE, "stage": "before deadline", "status": "at risk", "last_year": 2019, "last_value": 0.64,
         "n_points": 5, "growth_from": 2018, "actual_growth": 0.16, "actual_per_year": 0.1,
         "required_growth": 0.09375, "required_per_year": 0.06, "forecast": 0.74, "lower_80": 0.62,
         "upper_80": 0.86, "prob_meet": 0.62},
        # before, nothing said why "at risk" beside a pace above the one required (review 13, N8)
        "战略性新兴产业增加值占生产总值比重（目标：2020年达到0.7%以上）：2019年为0.64%；2018年以来年均提高0.1个百分点；"
        "按期达标还须年均提高0.06个百分点；预测2020年为0.74%（80%区间0.62~0.86%）；按期达标概率约62%；"
        "预测值达到目标，但各年波动较大，达标概率尚不足“按期可达”所需的80%。判定：存在风险。",
        "Strategic emerging industries, share of GDP (target: at least 0.7% by 2020): 0.64% in 2019; up 0.1 "
        "percentage points a year since 2018; meeting the target needs 0.06 percentage points more a year; "
        "forecast for 2020: 0.74% (80% interval 0.62 to 0.86%); probability of meeting the target about 62%; "
        "the forecast reaches the target, but the years vary enough that the probability is still below the 80% "
        "that 'on track' needs. Status: at risk.",
    ),
    "before deadline, flow already at the level": (
        {**TURNOVER, "stage": "before deadline", "status": "on track", "last_year": 2019, "last_value": 1.4,
         "n_points": 5, "growth_from": 2018, "actual_growth": 0.1, "actual_per_year": 0.13,
         "required_growth": -0.0357, "required_per_year": -0.05, "forecast": 1.5, "lower_80": 1.4,
         "upper_80": 1.6, "prob_meet": 0.9},
        "全区技术市场合同交易额（目标：2020年达到1.35亿元以上）：2019年为1.4亿元；2018年以来年均增长10.0%；"
        "已达到目标水平，但须在2020年当年达到才算完成；预测2020年为1.5亿元（80%区间1.4~1.6亿元）；按期达标概率约90%。"
        "判定：按期可达。",
        "Technology-market contract turnover (target: at least 1.35 hundred million yuan by 2020): 1.4 hundred "
        "million yuan in 2019; growing 10.0% a year since 2018; it already meets the target, but must meet it in "
        "2020 itself; forecast for 2020: 1.5 hundred million yuan (80% interval 1.4 to 1.6 hundred "
        "million yuan); probability of meeting the target about 90%. Status: on track.",
    ),
    "insufficient data": (
        {**HIGH_TECH, "name_zh": "转化重大科技成果", "name_en": "Major S&T achievements transferred", "unit": "项",
         "target": 6.0, "stage": "before deadline", "status": "insufficient data", "last_year": 2019,
         "last_value": 3.0, "n_points": 2, "growth_from": 2018, "actual_growth": 2.0, "actual_per_year": 2.0,
         "required_growth": 1.0, "required_per_year": 3.0, "forecast": NAN, "lower_80": NAN, "upper_80": NAN,
         "prob_meet": NAN},
        "转化重大科技成果（目标：2020年达到6项以上）：2019年为3项；2018年以来年均增加2项；按期达标还须年均增加3项；"
        "观测值不足3个，不作预测。判定：数据不足。",
        "Major S&T achievements transferred (target: at least 6 by 2020): 3 in 2019; up 2 a year since 2018; "
        "meeting the target needs 3 more a year; fewer than 3 observations, no forecast. Status: insufficient data.",
    ),
    "two points, low-information estimate": (
        {**HIGH_TECH, "name_zh": "入孵企业", "name_en": "Enterprises in incubation", "target": 15.0,
         "stage": "before deadline", "status": "insufficient data", "last_year": 2019, "last_value": 11.0,
         "n_points": 2, "growth_from": 2018, "actual_growth": 5.0, "actual_per_year": 5.0,
         "required_growth": 4.0, "required_per_year": 4.0, "forecast": 16.0, "lower_80": 9.0, "upper_80": 23.0,
         "prob_meet": 0.85},
        "入孵企业（目标：2020年达到15家以上）：2019年为11家；2018年以来年均增加5家；按期达标还须年均增加4家；"
        "观测值不足3个，仅能作低信息估计：按期达标概率约85%，仅供参考。判定：数据不足。",
        "Enterprises in incubation (target: at least 15 by 2020): 11 in 2019; up 5 a year since 2018; "
        "meeting the target needs 4 more a year; fewer than 3 observations, so only a low-information estimate: "
        "about 85% likely to be met on time, for reference only. Status: insufficient data.",
    ),
    "no observations": (
        {**HIGH_TECH, "stage": "before deadline", "status": "insufficient data", "last_year": None,
         "last_value": NAN, "n_points": 0},
        "高新技术企业（目标：2020年达到18家以上）：尚无观测数据。判定：数据不足。",
        "Certified high-tech enterprises (target: at least 18 by 2020): no observations yet. "
        "Status: insufficient data.",
    ),
    "met early (a stock held)": (
        {**INCUBATORS, "stage": "met early", "status": "achieved", "last_year": 2019, "last_value": 1.0,
         "achieved_year": 2018, "n_points": 5, "forecast": 1.25, "lower_80": 0.0, "upper_80": 2.0, "prob_meet": 1.0},
        "科技企业孵化器（目标：2020年达到1家以上）：2018年已达到目标；2019年为1家；须保持至2020年。判定：已完成。",
        "Technology business incubators (target: at least 1 by 2020): met in 2018; 1 in 2019; to be held until "
        "2020. Status: achieved.",
    ),
    "met early, the deadline passed unreported (data to 2021), nothing since": (
        {**INCUBATORS, "stage": "met early", "status": "achieved", "last_year": 2019, "last_value": 1.0,
         "achieved_year": 2018, "n_points": 5, "prob_meet": 1.0, "as_of": 2021},
        "科技企业孵化器（目标：2020年达到1家以上）：2018年已达到目标；2019年为1家；2020年及以后未报。判定：已完成。",
        "Technology business incubators (target: at least 1 by 2020): met in 2018; 1 in 2019; nothing reported for "
        "2020 or later. Status: achieved.",
    ),
    "met early, the deadline passed unreported, a later year still meeting it": (
        {**INCUBATORS, "stage": "met early", "status": "achieved", "last_year": 2021, "last_value": 2.0,
         "achieved_year": 2018, "n_points": 5, "prob_meet": 1.0, "as_of": 2021, "before_year": 2019,
         "before_value": 1.0, "after_year": 2021, "after_value": 2.0},
        "科技企业孵化器（目标：2020年达到1家以上）：2018年已达到目标；2020年未报；2021年为2家，仍达到目标。判定：已完成。",
        "Technology business incubators (target: at least 1 by 2020): met in 2018; 2020 not reported; 2 in 2021, "
        "still meeting the target. Status: achieved.",
    ),
    "met early, data to the year before the deadline": (
        {**INCUBATORS, "stage": "met early", "status": "achieved", "last_year": 2019, "last_value": 1.0,
         "achieved_year": 2018, "n_points": 5, "prob_meet": 1.0, "as_of": 2019},
        "科技企业孵化器（目标：2020年达到1家以上）：2018年已达到目标；2019年为1家；须保持至2020年。判定：已完成。",
        "Technology business incubators (target: at least 1 by 2020): met in 2018; 1 in 2019; to be held until "
        "2020. Status: achieved.",
    ),
    "met early in the latest year": (
        {**INCUBATORS, "stage": "met early", "status": "achieved", "last_year": 2019, "last_value": 1.0,
         "achieved_year": 2019, "n_points": 5, "prob_meet": 1.0},
        "科技企业孵化器（目标：2020年达到1家以上）：2019年为1家，已达到目标；须保持至2020年。判定：已完成。",
        "Technology business incubators (target: at least 1 by 2020): met in 2019 (1); to be held until 2020. "
        "Status: achieved.",
    ),
    "deadline observed, not achieved": (
        {**HIGH_TECH, "stage": "deadline observed", "status": "not achieved", "last_year": 2020, "last_value": 9.0,
         "completion_rate": 0.5, "gap": -9.0, "n_points": 6, "forecast": NAN, "prob_meet": NAN},
        "高新技术企业（目标：2020年达到18家以上）：2020年实际为9家；完成率50.0%；比目标少9家。判定：未完成。",
        "Certified high-tech enterprises (target: at least 18 by 2020): 9 in 2020; completion rate 50.0%; "
        "9 short of the target. Status: not achieved.",
    ),
    "deadline observed, achieved": (
        {**TURNOVER, "stage": "deadline observed", "status": "achieved", "last_year": 2020, "last_value": 1.52,
         "completion_rate": 1.52 / 1.35, "gap": 0.17, "n_points": 6, "forecast": NAN, "prob_meet": NAN},
        "全区技术市场合同交易额（目标：2020年达到1.35亿元以上）：2020年实际为1.52亿元；完成率112.6%；超过目标0.17亿元。"
        "判定：已完成。",
        "Technology-market contract turnover (target: at least 1.35 hundred million yuan by 2020): 1.52 hundred "
        "million yuan in 2020; completion rate 112.6%; 0.17 hundred million yuan above the target. Status: achieved.",
    ),
    "deadline observed, share short in points": (
        {**SHARE, "stage": "deadline observed", "status": "not achieved", "last_year": 2020, "last_value": 0.68,
         "completion_rate": 0.68 / 0.7, "gap": -0.02, "n_points": 6, "forecast": NAN, "prob_meet": NAN},
        "战略性新兴产业增加值占生产总值比重（目标：2020年达到0.7%以上）：2020年实际为0.68%；完成率97.1%；"
        "比目标低0.02个百分点。判定：未完成。",
        "Strategic emerging industries, share of GDP (target: at least 0.7% by 2020): 0.68% in 2020; completion "
        "rate 97.1%; 0.02 percentage points short of the target. Status: not achieved.",
    ),
    "deadline observed, a ceiling exceeded": (
        {**ENERGY, "stage": "deadline observed", "status": "not achieved", "last_year": 2020, "last_value": 0.9,
         "completion_rate": 0.9 / 0.8, "gap": 0.1, "n_points": 6, "forecast": NAN, "prob_meet": NAN},
        "万元GDP能耗（目标：2020年不高于0.8吨标准煤）：2020年实际为0.9吨标准煤；完成率112.5%；超出上限0.1吨标准煤。"
        "判定：未完成。",
        "Energy per 10,000 yuan of GDP (target: at most 0.8 吨标准煤 by 2020): 0.9 吨标准煤 in 2020; completion "
        "rate 112.5%; 0.1 吨标准煤 above the ceiling. Status: not achieved.",
    ),
    "deadline year not reported": (
        {**HIGH_TECH, "name_zh": "科技型企业", "name_en": "Technology-based enterprises", "target": 40.0,
         "stage": "deadline not reported", "status": "deadline year not reported", "last_year": 2019,
         "last_value": 39.0, "n_points": 5, "growth_from": 2018, "actual_growth": 0.147, "actual_per_year": 5.0,
         "required_growth": 0.0256, "required_per_year": 1.0, "forecast": 45.34, "lower_80": 41.0,
         "upper_80": 50.0, "prob_meet": 0.94},
        "科技型企业（目标：2020年达到40家以上）：期限年2020年的数据未报送；最新为2019年的39家；2018年以来年均增加5家；"
        "预测2020年为45家（80%区间41~50家）；按期达标概率约94%。判定：期限年数据缺失。",
        "Technology-based enterprises (target: at least 40 by 2020): the deadline year 2020 is not reported; "
        "latest 39 in 2019; up 5 a year since 2018; forecast for 2020: 45 (80% interval 41 to 50); probability "
        "of meeting the target about 94%. Status: deadline year not reported.",
    ),
    "no deadline in the plan": (
        {**HIGH_TECH, "name_zh": "院士工作站", "name_en": "Academician workstations", "unit": "个", "target": 3.0,
         "deadline_assumed": True, "stage": "before deadline", "status": "at risk", "last_year": 2019,
         "last_value": 2.0, "n_points": 5, "growth_from": 2018, "actual_growth": 0.0, "actual_per_year": 0.0,
         "required_growth": 0.5, "required_per_year": 1.0, "forecast": 2.31, "lower_80": 1.0, "upper_80": 4.0,
         "prob_meet": 0.41},
        "院士工作站（目标：2020年达到3个以上）：规划未设期限，按规划期末2020年评估；2019年为2个；2018年以来没有变化；"
        "按期达标还须年均增加1个；预测2020年为2个（80%区间1~4个）；按期达标概率约41%。判定：存在风险。",
        "Academician workstations (target: at least 3 by 2020): no deadline in the plan, judged at the plan "
        "horizon 2020; 2 in 2019; unchanged since 2018; meeting the target needs 1 more a year; forecast for "
        "2020: 2 (80% interval 1 to 4); probability of meeting the target about 41%. Status: at risk.",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_target_sentence(case, lang):
    row, zh, en = CASES[case]
    assert text.target_sentence(row, lang) == {"zh": zh, "en": en}[lang]


@pytest.mark.parametrize("row, stage", [
    ({**HIGH_TECH, "status": "not achieved", "last_year": 2020, "last_value": 9.0}, "deadline observed"),
    ({**HIGH_TECH, "status": "achieved", "last_year": 2019, "last_value": 18.0}, "met early"),
    ({**HIGH_TECH, "status": "at risk", "last_year": 2019, "last_value": 9.0}, "before deadline"),
    ({**HIGH_TECH, "status": "deadline year not reported", "last_year": 2021, "last_value": 9.0},
     "deadline not reported"),
    ({**HIGH_TECH, "stage": "met early", "status": "achieved", "last_year": 2019, "last_value": 18.0}, "met early"),
])
def test_stage_is_read_or_inferred(row, stage):
    assert text.stage_of(row) == stage


def test_without_stage_or_completion_columns_the_deadline_year_is_judged():
    """An older scorecard (no ``stage``, no ``completion_rate``/``gap``) still gets the end-of-term wording."""
    row = {**HIGH_TECH, "status": "off track", "last_year": 2020, "last_value": 9.0, "forecast": 9.0,
           "prob_meet": 0.0}
    assert text.target_sentence(row, "zh") == \
        "高新技术企业（目标：2020年达到18家以上）：2020年实际为9家；完成率50.0%；比目标少9家。判定：难以完成。"


@pytest.mark.parametrize("value, whole, expected", [
    (18.0, False, "18"), (1.3, False, "1.3"), (1.049, False, "1.05"), (45.34, False, "45.3"),
    (1234.5, False, "1,235"), (6.94, True, "7"), (NAN, False, "—"), (None, False, "—"), (-0.5, False, "-0.5"),
])
def test_fmt_number(value, whole, expected):
    assert text.fmt_number(value, whole=whole) == expected


@pytest.mark.parametrize("p, lang, expected", [
    (0.0029, "zh", "不到1%"), (0.51, "zh", "51%"), (0.999, "en", "above 99%"), (NAN, "en", "—")])
def test_fmt_prob(p, lang, expected):
    assert text.fmt_prob(p, lang) == expected


def test_report_words_have_both_languages_and_the_same_placeholders():
    words = {k: v for k, v in catalogue().items() if k.startswith("report.")}
    assert len(words) > 100
    for key, texts in words.items():
        assert set(texts) == {"zh", "en"}, key
        assert placeholders(texts["zh"]) == placeholders(texts["en"]), key


@pytest.mark.parametrize("unit, lang, expected", [
    ("家", "zh", "家"), ("家", "en", "number"), ("亿元", "en", "100 million yuan"), ("件/万人", "en", "per 10,000 residents"),
    ("%", "en", "%"), ("吨标准煤", "en", "吨标准煤")])
def test_unit_label(unit, lang, expected):
    assert text.unit_label(unit, lang) == expected


@pytest.mark.parametrize("model, zh, en", [
    ("drift+logdrift", "漂移与对数漂移组合", "drift and log-drift average"),
    ("observed", "期限年实际值，不预测", "observed at the deadline, no forecast"),   # end of term
    ("negbin", "负二项计数模型", "negative binomial counts"),
    ("drift+linear+holt", "漂移、线性趋势、霍尔特线性趋势平滑组合", "drift + linear trend + Holt's linear smoothing average"),
    ("insufficient", "数据不足，未预测", "insufficient data, no forecast"),
    (None, "未预测", "no forecast"),
])
def test_model_name_in_both_languages(model, zh, en):
    """The workbook's 预测模型 column never shows the table's machine words (``observed`` at the end of term)."""
    assert text.model_name(model, "zh") == zh and text.model_name(model, "en") == en


_FIRMS = {"name_zh": "高新技术企业", "name_en": "High-tech enterprises", "unit": "家", "kind": "count",
          "target": 18.0, "comparator": ">=", "deadline": 2020, "status": "deadline year not reported",
          "stage": "deadline not reported", "last_year": 2021, "last_value": 11.0}


@pytest.mark.parametrize("extra, zh, attention", [
    ({"before_year": 2019, "before_value": 6.0, "after_year": 2021, "after_value": 11.0},
     "期限年2020年的数据未报送；2019年为6家、2021年为11家，均未达到目标", True),
    ({"before_year": 2019, "before_value": 6.0, "after_year": 2021, "after_value": 19.0},
     "2019年为6家（未达标）、2021年为19家（已达标）", False),
    ({"before_year": 2019, "before_value": 6.0, "after_year": None, "after_value": None,
      "last_year": 2019, "last_value": 6.0}, "2019年为6家，未达到目标", False),   # nothing after: not flagged
])
def test_an_unreported_deadline_year_says_the_years_either_side(extra, zh, attention):
    row = {**_FIRMS, **extra}
    assert zh in text.target_sentence(row, "zh")
    assert text.misses_around_deadline(row) is attention


@pytest.mark.parametrize("later, zh", [(0.0, "此后2021年为0家，已低于目标"), (2.0, "此后2021年为2家，仍达到目标")])
def test_a_value_after_the_deadline_is_said_beside_the_deadline_years(later, zh):
    row = {**_FIRMS, "target": 1.0, "status": "achieved", "stage": "deadline observed", "deadline_value": 1.0,
           "completion_rate": 1.0, "gap": 0.0, "last_value": later}
    s = text.target_sentence(row, "zh")
    assert "2020年实际为1家；完成率100.0%" in s and zh in s


@pytest.mark.parametrize("later, zh, en", [
    (1.0, "此后2021年为1家，期限后才达到目标", "1 in 2021: the target met after its deadline"),
    (0.0, "此后2021年为0家，仍未达到目标", "0 in 2021, still short of it"),
])
def test_a_value_after_a_missed_deadline_is_not_said_to_still_meet_it(later, zh, en):
    """A target missed in 2020 (0 of 1) and met in 2021: it was "仍达到目标" (still meeting it)."""
    row = {**_FIRMS, "target": 1.0, "status": "not achieved", "stage": "deadline observed", "deadline_value": 0.0,
           "completion_rate": 0.0, "gap": -1.0, "last_value": later}
    assert zh in text.target_sentence(row, "zh") and "2020年实际为0家" in text.target_sentence(row, "zh")
    assert en in text.target_sentence(row, "en")


@pytest.mark.parametrize("target, zh", [(100.0, "2020年实现全覆盖（100%）"), (0.7, "2020年达到0.7%以上")])
def test_a_full_coverage_target_is_said_as_such(target, zh):
    """科技特派员对贫困村覆盖率 ≥ 100 %: "达到100%以上" reads oddly to an official; it is 全覆盖."""
    row = {"comparator": ">=", "deadline": 2020, "target": target, "unit": "%", "kind": "share"}
    assert text.target_text(row, "zh") == zh



@pytest.mark.parametrize("rate, digits, shown", [
    (0.85, 0, "85%"), (1.349 / 1.35, 0, "99.9%"), (1.349 / 1.35, 1, "99.9%"), (0.99996, 1, "99.9%"),
    (1.0, 1, "100.0%"), (1.0004, 0, "100%"), (float("nan"), 1, "—"),
])
def test_a_missed_target_is_never_shown_at_100_percent(rate, digits, shown):
    assert text.fmt_completion(rate, digits) == shown
