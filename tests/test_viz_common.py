"""The shared chart helper: provenance from .meta.json, stamp, CJK-aware wrapping, title fitting."""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import config, vocab
from analysis.viz import common, style


def test_bundled_data_are_illustrative_by_their_meta_json():
    assert common.is_illustrative(config.monitoring_path()) is True
    assert common.is_illustrative(config.sector_panel_path()) is True


def test_a_file_without_meta_json_is_real_whatever_its_columns_say(tmp_path):
    csv = tmp_path / "mine.csv"
    pd.DataFrame({"region": ["平川区"], "source": ["示例 illustrative"], "note": ["示例"]}).to_csv(csv, index=False)
    prov = common.provenance(csv)
    assert prov["illustrative"] is False and prov["source_zh"] == "mine.csv"
    (tmp_path / "mine.meta.json").write_text(json.dumps({"illustrative": True, "source_zh": "甲", "source_en": "A"}),
                                             encoding="utf-8")
    assert common.provenance(csv)["illustrative"] is True


@pytest.mark.parametrize("obj, expected", [
    (None, {"illustrative": False, "source_zh": "", "source_en": ""}),
    ({"illustrative": 1, "source_zh": "甲"}, {"illustrative": True, "source_zh": "甲", "source_en": ""}),
])
def test_provenance_normalises(obj, expected):
    assert {k: common.provenance(obj)[k] for k in expected} == expected


def test_provenance_from_a_frames_attrs_and_a_results_object():
    df = pd.DataFrame({"x": [1]})
    df.attrs.update(illustrative=True, source_en="B")
    assert common.provenance(df)["illustrative"] is True and common.provenance(df)["source_en"] == "B"

    class Result:
        illustrative = True
        sources = {"zh": "乙", "en": "C"}
    prov = common.provenance(Result())
    assert prov == {"illustrative": True, "source_zh": "乙", "source_en": "C"}


@pytest.mark.parametrize("lang, start", [("zh", "资料来源：甲"), ("en", "Source: A")])
def test_stamp_uses_the_provenance(lang, start):
    style.apply(lang)
    fig, ax = plt.subplots()
    texts = common.stamp(ax, {"illustrative": True, "source_zh": "甲", "source_en": "A"}, lang=lang, as_of=2019)
    assert texts[0].get_text().startswith(start) and "2019" in texts[0].get_text()
    assert texts[1].get_text() == vocab.illustrative_stamp(lang)


@pytest.mark.parametrize("text, width, expected", [
    ("Provincial technology-transfer demonstration institutions", 30,
     "Provincial technology-transfer\ndemonstration institutions"),
    ("有效发明专利 (件)", 12, "有效发明专利\n(件)"),          # 12 columns = 6 CJK characters
    ("技术合同交易额 (万元)", 14, "技术合同交易额\n(万元)"),    # the bracketed unit stays whole
    ("短", 10, "短"),
    ("one two three four", 9, "one two\nthree…"),
])
def test_wrap(text, width, expected):
    max_lines = 2 if text.startswith("one") else None
    assert common.wrap(text, width, max_lines=max_lines) == expected


def test_wrap_never_starts_a_line_with_closing_punctuation():
    out = common.wrap("规划未设期限,按规划期末2020年评估", 8)
    assert all(line[:1] not in ",，。)" for line in out.split("\n"))


def test_text_width_counts_cjk_twice():
    assert common.text_width("平川 ab") == 7


def test_fit_titles_wraps_only_titles_that_stick_out():
    style.apply("en")
    fig, (a, b) = plt.subplots(1, 2, figsize=(4, 2), layout="constrained")
    a.set_title("short", loc="left")
    b.set_title("A very long English title that cannot possibly fit in this small panel", loc="left")
    assert common.fit_titles(fig) == 1
    assert a._left_title.get_text() == "short" and "\n" in b._left_title.get_text()


def test_last_year():
    df = pd.DataFrame({"year": [2017, 2019, 2018]})
    assert common.last_year(df) == 2019
    df.attrs["as_of"] = 2018
    assert common.last_year(df) == 2018
    assert common.last_year(pd.DataFrame()) is None
