"""Units and place names in the figure's language (analysis.i18n.names)."""

from __future__ import annotations

import pytest

from analysis.i18n.names import place_name, unit_label, unit_names, with_unit


@pytest.mark.parametrize("unit, en", [
    ("亿元", "100 million yuan"), ("万元", "10,000 yuan"), ("件/万人", "per 10,000 residents"), ("%", "%"),
    ("个", ""), ("家", ""), ("项", ""), ("人", "persons"), ("名", "persons"),
    ("kg", "kg"),            # unknown: shown as given, never guessed
    ("", ""), (None, ""), (float("nan"), ""),
])
def test_unit_label_in_english(unit, en):
    assert unit_label(unit, "en") == en


@pytest.mark.parametrize("unit", ["亿元", "家", "件/万人", "%"])
def test_unit_label_in_chinese_is_unchanged(unit):
    assert unit_label(unit, "zh") == unit


@pytest.mark.parametrize("name, unit, lang, expected", [
    ("Enterprises", "家", "en", "Enterprises"),
    ("Turnover", "亿元", "en", "Turnover (100 million yuan)"),
    ("企业数", "家", "zh", "企业数（家）"),  # Chinese parentheses in Chinese
    ("企业数", "", "zh", "企业数"),
    # a name that already says its unit: not twice (the app listed "… per 10,000 residents (per 10,000 residents)")
    ("Invention patents held per 10,000 residents", "件/万人", "en", "Invention patents held per 10,000 residents"),
    ("每万人发明专利拥有量", "件/万人", "zh", "每万人发明专利拥有量（件/万人）"),
])
def test_with_unit(name, unit, lang, expected):
    assert with_unit(name, unit, lang) == expected


@pytest.mark.parametrize("name, en", [
    ("平川区", "Pingchuan District"), ("白银区", "Baiyin District"), ("靖远县", "Jingyuan County"),
    ("甘肃省", "Gansu Province"),
    ("王家山镇", "Wangjiashan Town"),          # pinyin fallback + suffix
    ("长征街道", "Changzheng Subdistrict"),
    ("浦东新区", "Pudong New Area"), ("上海市浦东新区", "Pudong New Area, Shanghai"),   # 新区 is a New Area (stop 38)
    ("Pingchuan", "Pingchuan"),               # already Latin: unchanged
    # a full name (a city bureau's file): each part, the smallest place first
    ("白银市平川区", "Pingchuan District, Baiyin City"),
    ("甘肃省白银市靖远县", "Jingyuan County, Baiyin City, Gansu Province"),
    ("兰州市", "Lanzhou City"), ("市中区", "Shizhong District"),   # one place: not split
    ("白银市白银区", "Baiyin District, Baiyin City"),
    # municipalities and cities known by another English name (the back-test's city plans)
    ("上海市", "Shanghai"), ("呼和浩特市", "Hohhot"), ("西安市", "Xi'an"), ("深圳市", "Shenzhen City"),
    ("重庆市", "Chongqing"),
])
def test_place_name_in_english(name, en):
    assert place_name(name, "en") == en


def test_place_name_in_chinese_is_unchanged():
    assert place_name("平川区", "zh") == "平川区"


@pytest.mark.parametrize("name, zh", [("Sweden", "瑞典"), ("United Kingdom", "英国"), ("Pingchuan", "Pingchuan")])
def test_a_country_the_data_name_in_english_is_chinese_in_chinese(name, zh):
    """The back-test's other countries (EU member states) read in Chinese; in English as given."""
    assert place_name(name, "zh") == zh and place_name(name, "en") == name


@pytest.mark.parametrize("units, lang, expected", [
    ("区工信局", "en", "Industry and IT Bureau"),
    ("区委组织部、区科技局", "en", "Party Organisation Dept., S&T Bureau"),
    ("区科技局;平川区某某中心", "en", "S&T Bureau, 平川区某某中心"),   # a unit the plan does not name: as written
    ("区委组织部、区科技局", "zh", "区委组织部、区科技局"),
    ("", "en", ""),
    (None, "zh", ""),
])
def test_unit_names(units, lang, expected):
    assert unit_names(units, lang) == expected
