"""Units and place names in the figure's language: one place for the zh → en mapping.

The catalogue (``targets.csv``), the sector metrics and the users' data give units and
region names in Chinese (``亿元``, ``件/万人``, ``平川区``). English outputs (figures,
workbook, report) show them through these two functions::

    from analysis.i18n.names import unit_label, place_name, with_unit
    unit_label("亿元", "en")        # -> "100 million yuan"
    unit_label("家", "en")          # -> ""  (a plain count needs no unit in English)
    place_name("平川区", "en")      # -> "Pingchuan District"
    place_name("王家山镇", "en")    # -> "Wangjiashan Town" (pinyin fallback)
    with_unit("Enterprises", "家", "en")   # -> "Enterprises"

Chinese (``lang="zh"``) returns the input unchanged. An English unit not in
:data:`UNITS_EN` is returned unchanged (never guessed); a place not in :data:`PLACES_EN`
is romanised with pypinyin, its administrative suffix translated (:data:`ADMIN_SUFFIXES`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.i18n import check_lang, t

__all__ = ["UNITS_EN", "PLACES_EN", "COUNTRIES_ZH", "ADMIN_SUFFIXES", "unit_label", "unit_after", "unit_as_written", "with_unit",
           "place_name"]

#: Chinese unit -> English unit ("" = a plain count: the English label shows no unit).
UNITS_EN: dict[str, str] = {
    "个": "", "家": "", "项": "", "件": "", "座": "", "所": "", "次": "",
    "人": "persons", "名": "persons", "人次": "person-times",
    "万人": "10,000 persons",
    "元": "yuan", "千元": "1,000 yuan", "万元": "10,000 yuan", "百万元": "million yuan", "亿元": "100 million yuan",
    "万亿元": "trillion yuan",
    "%": "%", "％": "%", "个百分点": "percentage points",
    "件/万人": "per 10,000 residents", "人/万人": "per 10,000 residents", "家/万人": "per 10,000 residents",
    "个/万人": "per 10,000 residents", "元/人": "yuan per resident", "万元/人": "10,000 yuan per resident",
    # per-enterprise ratios: the English metric names already say "per enterprise"
    "件/家": "", "万元/家": "10,000 yuan", "亿元/家": "100 million yuan",
    "年": "years",
}

#: Official English names of the places the suite knows (Baiyin City, Gansu).
PLACES_EN: dict[str, str] = {
    "平川区": "Pingchuan District",
    "白银区": "Baiyin District",
    "靖远县": "Jingyuan County",
    "会宁县": "Huining County",
    "景泰县": "Jingtai County",
    "白银市": "Baiyin City",
    "甘肃省": "Gansu Province",
    "全国": "China",
    "中国": "China",
    # the autonomous regions by their official names (pinyin would run the people's name into the place's)
    "广西壮族自治区": "Guangxi Zhuang Autonomous Region",
    "宁夏回族自治区": "Ningxia Hui Autonomous Region",
    "内蒙古自治区": "Inner Mongolia Autonomous Region",
    "新疆维吾尔自治区": "Xinjiang Uygur Autonomous Region",
    "西藏自治区": "Tibet Autonomous Region",
    # the municipalities, and cities whose usual English name is not their pinyin
    "北京市": "Beijing", "上海市": "Shanghai", "天津市": "Tianjin", "重庆市": "Chongqing",
    "呼和浩特市": "Hohhot", "西安市": "Xi'an", "乌鲁木齐市": "Urumqi", "拉萨市": "Lhasa",
    "哈尔滨市": "Harbin",
}

#: Administrative suffixes, longest first, and their English words.
ADMIN_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("自治区", "Autonomous Region"), ("自治县", "Autonomous County"), ("自治州", "Autonomous Prefecture"),
    ("地区", "Prefecture"), ("街道", "Subdistrict"),
    ("开发区", "Development Zone"), ("新区", "New Area"), ("园区", "Park"), ("省", "Province"), ("市", "City"),
    ("区", "District"), ("县", "County"), ("镇", "Town"), ("乡", "Township"), ("村", "Village"),
)

_CJK = re.compile(r"[\u3400-\u9fff]")


def unit_label(unit: object, lang: str = "zh") -> str:
    """``unit`` in ``lang`` ("" for a missing unit or, in English, a plain count)."""
    if unit is None or (isinstance(unit, float) and unit != unit):
        return ""
    u = str(unit).strip()
    if check_lang(lang) == "zh" or not u:
        return u
    return UNITS_EN.get(u, u)


#: Units whose English label would be misread after a number (1.35 100 million yuan): spelled out there.
_AFTER_NUMBER_EN: dict[str, str] = {
    "千元": "thousand yuan", "万元": "ten thousand yuan", "亿元": "hundred million yuan", "万人": "ten thousand persons",
    "万元/人": "ten thousand yuan per resident", "万元/家": "ten thousand yuan", "亿元/家": "hundred million yuan",
}


def unit_after(unit: object, lang: str = "zh") -> str:
    """The unit as it follows a number: Chinese as written (``1.35亿元``), English after a space with
    the money units spelled out (``1.35 hundred million yuan``, never ``1.35 100 million yuan``),
    nothing for a plain count (``18``), ``%`` without a space."""
    u = "" if unit is None or (isinstance(unit, float) and unit != unit) else str(unit).strip()
    if check_lang(lang) == "zh" or not u:
        return u
    if u in ("人", "名"):  # a count of people: 4 technology brokers, as other counts (no unit word)
        return ""
    label = _AFTER_NUMBER_EN.get(u) or unit_label(u, lang)
    return label if label in ("", "%", "‰") else f" {label}"


def unit_as_written(unit: object, lang: str = "zh") -> str:
    """A unit as a file writes it, with its meaning in English: ``万元 (10,000 yuan)`` in English
    (so the reader finds it in the file and knows what it is), ``万元`` in Chinese."""
    u = "" if unit is None or (isinstance(unit, float) and unit != unit) else str(unit).strip()
    label = unit_label(u, lang)
    return t("common.with_unit", lang, name=u, unit=label) if label and label != u else u


def with_unit(name: str, unit: object, lang: str = "zh") -> str:
    """``"name (unit)"`` with the unit in ``lang`` (Chinese parentheses in Chinese: ``产值（亿元）``);
    just ``name`` when there is no unit to show."""
    u = unit_label(unit, lang)
    # a name that already says its unit (Invention patents held per 10,000 residents) is not given it twice
    return t("common.with_unit", lang, name=name, unit=u) if u and u.lower() not in str(name).lower() else str(name)


@lru_cache(maxsize=512)
def _romanise(text: str) -> str:
    from pypinyin import lazy_pinyin  # heavy dictionary: loaded only for an unknown place

    return "".join(lazy_pinyin(text)).capitalize()


#: Chinese names of the countries whose plans the back-test checks (data in English: ``Sweden``).
COUNTRIES_ZH: dict[str, str] = {
    "Austria": "奥地利", "Belgium": "比利时", "Bulgaria": "保加利亚", "Croatia": "克罗地亚", "Cyprus": "塞浦路斯",
    "Czechia": "捷克", "Denmark": "丹麦", "Estonia": "爱沙尼亚", "Finland": "芬兰", "France": "法国",
    "Germany": "德国", "Greece": "希腊", "Hungary": "匈牙利", "Ireland": "爱尔兰", "Italy": "意大利",
    "Latvia": "拉脱维亚", "Lithuania": "立陶宛", "Luxembourg": "卢森堡", "Malta": "马耳他", "Netherlands": "荷兰",
    "Poland": "波兰", "Portugal": "葡萄牙", "Romania": "罗马尼亚", "Slovakia": "斯洛伐克", "Slovenia": "斯洛文尼亚",
    "Spain": "西班牙", "Sweden": "瑞典", "United Kingdom": "英国",
}


def place_name(name: object, lang: str = "zh") -> str:
    """A region name in ``lang``: the known English name, else pinyin + translated suffix; in
    Chinese, a country the data name in English (``Sweden`` -> 瑞典, :data:`COUNTRIES_ZH`).

    Any other name without Chinese characters is returned unchanged.
    """
    n = "" if name is None else str(name).strip()
    if check_lang(lang) == "zh":
        return COUNTRIES_ZH.get(n, n)
    if not n or not _CJK.search(n):
        return n
    # 白银市平川区 -> Pingchuan District, Baiyin City (the smallest place first, as in English)
    return ", ".join(_one_place(part) for part in reversed(_admin_parts(n)))


#: The levels a full place name starts with (甘肃省白银市平川区): each ends one part of the name.
_UPPER_LEVELS = ("自治区", "自治州", "地区", "省", "市", "盟")


def _admin_parts(n: str) -> list[str]:
    """``甘肃省白银市平川区`` -> ``["甘肃省", "白银市", "平川区"]``: split after a province, city or
    prefecture when what follows is itself a place (two characters or more ending in a level);
    ``兰州市``, ``市中区`` stay whole."""
    if n in PLACES_EN:
        return [n]
    for i in range(2, len(n) - 1):
        head, rest = n[:i], n[i:]
        if head.endswith(_UPPER_LEVELS) and len(rest) >= 2 and any(
                rest.endswith(s) and len(rest) > len(s) for s, _ in ADMIN_SUFFIXES):
            return [head, *_admin_parts(rest)]
    return [n]


def _one_place(n: str) -> str:
    if n in PLACES_EN:
        return PLACES_EN[n]
    for suffix, word in ADMIN_SUFFIXES:
        if n.endswith(suffix) and len(n) > len(suffix):
            return f"{_romanise(n[: -len(suffix)])} {word}"
    return _romanise(n)


#: The district's units the plan and its ledger name (责任单位) -> their key under ``report.unit_name.``.
UNIT_IDS = {"区委组织部": "party_organisation", "区人社局": "hr_social_security", "区教育局": "education",
            "区科技局": "science_technology", "各乡镇街道": "townships", "区发改局": "development_reform",
            "区工信局": "industry_it", "区财政局": "finance", "区商务局": "commerce", "区税务局": "taxation",
            "区市场监管局": "market_regulation"}


def unit_names(units: object, lang: str = "zh") -> str:
    """Responsible units (one, or several joined by 、 ; ，) in ``lang``: the district's own units by
    their name in ``lang`` (区工信局 -> Industry and IT Bureau), any
    other as written; joined by the language's list separator. "" for none."""
    text = "" if units is None or (isinstance(units, float) and units != units) else str(units)
    names = [u.strip() for u in re.split(r"[、,，;；]", text) if u.strip()]
    return t("report.list_sep", lang).join(t(f"report.unit_name.{UNIT_IDS[u]}", lang) if u in UNIT_IDS else u
                                           for u in names)
