"""The explorer's pure state (analysis.app.explorer.state): no ipywidgets needed."""

from __future__ import annotations

import base64
import html
import json

import pandas as pd
import pytest

from analysis import vocab
from analysis.app.explorer import state as st
from analysis.errors import InputError, Problem
from analysis.io.catalogue import load_targets, target
from analysis.model import scenarios as S


@pytest.fixture(scope="module")
def targets():
    return load_targets()


def hist(values: dict) -> pd.Series:
    return pd.Series(values, dtype="float64")


TURNOVER = hist({2015: 0.4, 2016: 0.55, 2017: 0.75, 2018: 0.95, 2019: 1.15})


@pytest.mark.parametrize("v, step, expected", [
    (37.999999999999986, 1.0, 38.0), (0.30000000000000004, 0.1, 0.3), (12.346, 0.01, 12.35), (-2.5, 5.0, -0.0),
])
def test_round_to_step_removes_binary_noise(v, step, expected):
    assert st.round_to_step(v, step) == expected


def test_controls_round_trip_keeps_exact_values(targets):
    meta = target(targets, "tech_contract_turnover")
    sc = S.Scenario("tech_contract_turnover", "growth", {"rate": 0.2179, "sd": 0.05, "as_of": 2019, "n_sims": 300},
                    seed=5, weights={"tech_contract_turnover": 2.0})
    c = st.controls_for(sc, TURNOVER, meta)
    assert c.values == {"growth": 21.8}  # the slider shows 21.8 % (step 1, one decimal more: as the answer) ...
    assert st.readout_decimals(21.8, 1.0) == 1 and st.readout_decimals(22.0, 1.0) == 0
    back = st.scenario_from(c)
    assert back.params == {"rate": 0.2179, "sd": 0.05, "as_of": 2019, "n_sims": 300}  # ... the scenario keeps 0.2179
    assert (back.seed, back.weights) == (5, {"tech_contract_turnover": 2.0})
    c.values["growth"] = 23.0  # moved: the slider's value counts
    assert st.scenario_from(c).params["rate"] == 0.23


def test_controls_say_where_the_sliders_start(targets):
    meta = target(targets, "tech_contract_turnover")
    start = st.controls_for(S.Scenario("tech_contract_turnover", "growth"), TURNOVER, meta).start
    assert start == {"source": "recent", "years": [2016, 2019]}
    assert st.start_sentence(start, "zh") == "滑块起点：2016—2019年的实际走势。拖动滑块可试其他假设。"
    loaded = st.controls_for(S.Scenario("tech_contract_turnover", "growth", {"rate": 0.2}), TURNOVER, meta).start
    assert st.start_sentence(loaded, "en") == "The sliders are set from the loaded scenario."
    # a loaded file with only the noise: the pace is still the default one
    assert st.controls_for(S.Scenario("tech_contract_turnover", "growth", {"sd": 0.1}), TURNOVER, meta).start == start
    needed = st.start_sentence({"source": "required", "deadline": 2020}, "zh")
    assert needed.startswith("滑块起点：2020年按期达标所需的速度")
    assert st.start_sentence({}, "zh") == ""


def test_n_sims_is_the_scenarios_own():
    assert st.n_sims_of(S.Scenario("x", "growth", {"n_sims": 250})) == 250
    assert st.n_sims_of(S.Scenario("x", "growth", {})) == st.APP_N_SIMS


def test_slider_ranges_hold_a_loaded_value(targets):
    meta = target(targets, "tech_contract_turnover")
    r = st.slider_ranges("growth", TURNOVER, meta, {"rate": 1.5})
    assert (r["growth"].min, r["growth"].max, r["growth"].step) == (-30.0, 150.0, 1.0)
    # additions: 2.5 x the gap to the target (0.2) = 0.5, on a step of 0.005 -> 2 decimals and more
    r = st.slider_ranges("additions", TURNOVER, meta, {"per_year": 0.2})
    assert r["additions"].max == pytest.approx(0.6) and r["additions"].step == pytest.approx(0.01)


@pytest.mark.parametrize("content, needle", [
    (b"", "上传的文件是空的"),
    (b"\xff\xfe\x00", "UTF-8"),
    (b"{", "不是有效的JSON"),
    (b"x" * (S.MAX_FILE_BYTES + 1), "文件过大"),
    (b'{"indicator_id": "a", "params": {"rate": NaN}}', "不是有效的JSON"),
])
def test_read_upload_problems_in_chinese(content, needle):
    with pytest.raises(InputError) as err:
        st.read_upload(content, "C:\\Users\\me\\s.json", "zh")
    sentence = st.problem_sentences(err.value, "zh")[0]
    assert needle in sentence
    assert sentence.startswith("“s.json”")  # the base name only, never a client path


def test_problem_sentences_in_english():
    p = Problem("s.json", None, "params.rate", "must be between -0.99 and 10, got 1e+308")
    assert st.problem_sentences([p], "en") == ["“s.json”, params.rate: must be between -0.99 and 10, got 1e+308."]
    assert st.problem_sentences([p], "zh") == ["“s.json”中的params.rate：must be between -0.99 and 10, got 1e+308。"]


def test_check_applicable_names_what_is_missing():
    sc = S.Scenario("patents", "certificates", region="平川区")
    assert st.check_applicable(sc, regions=["平川区"], indicators=["patents"], types=("trend", "growth"),
                               lang="en")[0].message == "scenario type “certificates” does not apply to this indicator"
    assert "地区“平川区”" in st.check_applicable(sc, regions=["示例区"], indicators=[], types=(), lang="zh")[0].message


def _result(targets, ind, history, stype, params):
    return S.run(S.Scenario(ind, stype, params), history, target(targets, ind), n_sims=200)


def test_answer_no_probability_next_to_insufficient_data(targets):
    res = _result(targets, "major_achievements_transferred", hist({2018: 1.0, 2019: 3.0}), "additions",
                  {"per_year": 2.0})
    a = st.answer_of(res, "zh")
    assert (a.status, a.status_name, a.probability) == ("insufficient data", "数据不足", "–")


def test_answer_achieved_stock_is_achieved_everywhere(targets):
    # 4 IP-advantage enterprises, target 4: a stock met before the deadline is achieved, probability 100 %
    res = _result(targets, "ip_advantage_enterprises", hist({2015: 1, 2016: 1, 2017: 2, 2018: 3, 2019: 5}),
                  "growth", {"rate": -0.2, "sd": 0.3})
    a = st.answer_of(res, "zh")
    assert (a.status, a.probability) == ("achieved", "100%")
    assert "已于2019年达到" in a.sentence and a.required == "最新值（2019年）已达到目标，只需保持。"


def test_answer_keep_is_the_same_words_for_every_type(targets):
    h = hist({2015: 1, 2016: 1, 2017: 2, 2018: 3, 2019: 5})
    words = {st.answer_of(_result(targets, "ip_advantage_enterprises", h, k, {}), "zh").required
             for k in ("growth", "additions", "stock")}
    assert words == {"最新值（2019年）已达到目标，只需保持。"}


@pytest.mark.parametrize("ind, history", [
    ("major_achievements_transferred", {2018: 1.0, 2019: 3.0}),  # 1 -> 3: "200 % a year" is not a default
    ("tech_transfer_demo_institutions", {2015: 0, 2016: 0, 2017: 0, 2018: 0, 2019: 0}),  # nothing yet
])
def test_defaults_are_never_200_percent_or_zero(targets, ind, history):
    meta = target(targets, ind)
    g = S.default_params("growth", hist(history), meta)["rate"]
    a = S.default_params("additions", hist(history), meta)["per_year"]
    assert 0 < g <= 0.6 and a > 0


def test_default_additions_is_the_pace_still_required_when_flat(targets):
    # 0 stations every year, target 1 by 2020: one a year is what is still required
    meta = target(targets, "tech_transfer_demo_institutions")
    assert S.default_params("additions", hist({2017: 0, 2018: 0, 2019: 0}), meta)["per_year"] == 1.0
    assert S.default_params("stock", hist({2017: 0, 2018: 0, 2019: 0}), meta)["per_year"] == 1.0


@pytest.mark.parametrize("name, safe", [
    ("tech_contract_turnover", "tech_contract_turnover_growth.json"),
    ("../../etc/passwd", "etc_passwd_growth.json"),
    ("专利 x/y", "x_y_growth.json"),
])
def test_download_names_are_safe(name, safe):
    assert st.download_name(S.Scenario(name, "growth"), "json") == safe


def test_data_url_round_trip():
    url = st.data_url('{"a": "平川"}', "application/json")
    assert url.startswith("data:application/json;base64,")
    assert json.loads(base64.b64decode(url.split(",", 1)[1]).decode("utf-8")) == {"a": "平川"}


def test_stable_view_keeps_the_axes_while_the_data_fit():
    old = {"x0": 2015, "x1": 2021, "ylim": (0.0, 4.0)}
    assert st.stable_view({"x0": 2015, "x1": 2021, "ylim": (0.0, 3.0)}, old) == old
    assert st.stable_view({"x0": 2015, "x1": 2021, "ylim": (0.0, 1.0)}, old)["ylim"] == (0.0, 1.1)  # too small
    assert st.stable_view({"x0": 2015, "x1": 2021, "ylim": (0.0, 5.0)}, old)["ylim"] == (0.0, 5.5)  # too big
    assert st.stable_view({"x0": 2015, "x1": 2022, "ylim": (0.0, 3.0)}, old)["x1"] == 2022


def test_default_type_prefers_the_stock_flow_model(targets):
    assert st.default_type(("trend", "growth", "additions", "certificates"), {"kind": "count"}, hist({2019: 1})) \
        == "certificates"
    assert st.default_type(("trend", "growth", "additions"), {"kind": "level"}, hist({2019: 1.0})) == "growth"
    assert st.default_type(("trend", "growth", "additions"), {"kind": "level"}, hist({2019: 0.0})) == "additions"


@pytest.mark.parametrize("lang, first, data", [
    ("zh", "如果……会怎样？", "监测数据为示例数据（合成），非官方统计"),
    ("en", "What if …?", "The monitoring data are illustrative (synthetic)"),
])
def test_intro_is_in_one_language_and_says_what_the_data_are(lang, first, data):
    """The app's introduction (it was the notebook's bilingual prose, which also called any data
    illustrative): one language, and the data line follows the provenance."""
    page = st.intro_html({"illustrative": True}, lang)
    assert f"<p>{html.escape(first)}" in page and data in page
    own = st.intro_html({"illustrative": False, "source_zh": "区统计局2020年报", "source_en": "District bureau 2020"},
                        lang)
    assert "illustrative" not in own and "示例数据" not in own
    assert ("区统计局2020年报" if lang == "zh" else "District bureau 2020") in own
    other = "What if" if lang == "zh" else "如果"
    assert other not in page


@pytest.mark.parametrize("lang, ind, stype, history, status, name, prob, words", [
    # end of term: the outcome, 完成率 and the badge assess gives, no forecast (stop 43)
    ("zh", "high_tech_enterprises", "certificates", {2016: 3, 2017: 4, 2018: 5, 2019: 6, 2020: 9},
     "not achieved", "未完成", "已判定", "完成率50.0%"),
    ("en", "high_tech_enterprises", "certificates", {2016: 3, 2017: 4, 2018: 5, 2019: 6, 2020: 9},
     "not achieved", "not achieved", "decided", "completion rate 50.0%"),
    ("zh", "tech_contract_turnover", "growth", {2017: 0.8, 2018: 1.0, 2019: 1.2, 2020: 1.52},
     "achieved", "已完成", "已判定", "完成率112.6%"),
    # 2021 reported, 2020 not: 期限年数据缺失 with the years around it, never "0 %" beside 已完成
    ("zh", "tech_contract_turnover", "growth", {2017: 0.8, 2018: 1.0, 2019: 1.2, 2021: 1.61},
     "deadline year not reported", "期限年数据缺失", "–", "2021年为1.61亿元"),
    ("en", "tech_contract_turnover", "growth", {2017: 0.8, 2018: 1.0, 2019: 1.2, 2021: 1.61},
     "deadline year not reported", "deadline year not reported", "–", "the deadline year 2020 is not reported"),
])
def test_answer_at_the_end_of_term_is_the_outcome(targets, lang, ind, stype, history, status, name, prob, words):
    a = st.answer_of(_result(targets, ind, hist(history), stype, {}), lang)
    assert (a.status, a.status_name, a.probability) == (status, name, prob)
    assert words in a.sentence
    assert ("情景" in a.required) if lang == "zh" else ("scenario" in a.required)
    assert not any(w in a.sentence + a.required for w in ("已有观测值", "按期完成", "has been observed", "on time"))


def test_answer_follows_the_files_year_not_the_series(targets):
    """A series that stops in 2019 in a file that reaches 2021: its deadline has passed unreported (as
    ``assess`` says of the whole file), never 按期可达 for a year already over."""
    meta = target(targets, "maker_spaces")
    h = hist({2017: 0.0, 2018: 1.0, 2019: 1.0})
    ahead = S.run(S.Scenario("maker_spaces", "additions", {"per_year": 1.0}), h, meta, n_sims=200)
    passed = S.run(S.Scenario("maker_spaces", "additions", {"per_year": 1.0}), h, meta, n_sims=200, as_of=2021)
    assert ahead.stage == "before deadline" and st.answer_of(ahead, "zh").status != "deadline year not reported"
    a = st.answer_of(passed, "zh")
    assert (passed.stage, a.status_name, a.probability) == ("deadline not reported", "期限年数据缺失", "–")
    assert a.required.startswith("期限年（2020年）数据未报，以下仅为情景，不作判定：")
    # a stock met before a deadline that has since passed: 已完成, decided, not "100 %" a chance
    met = S.run(S.Scenario("tech_incubators", "additions", {}), hist({2017: 0.0, 2018: 1.0, 2019: 1.0}),
                target(targets, "tech_incubators"), n_sims=200, as_of=2021)
    a = st.answer_of(met, "zh")
    assert (met.stage, a.status_name, a.probability) == ("met early", "已完成", "已判定")
    assert "2018年已达到目标" in a.sentence and a.required.startswith("期限（2020年）已过")
    # a back-dated view (the scenario's own as_of) is before the deadline again
    back = S.run(S.Scenario("maker_spaces", "additions", {"per_year": 1.0, "as_of": 2019}), h, meta, n_sims=200,
                 as_of=2021)
    assert back.stage == "before deadline"


@pytest.mark.parametrize("status, ink", [("not achieved", "#fff"), ("achieved", "#000"), ("off track", "#000"),
                                         ("deadline year not reported", "#000"), ("insufficient data", "#000")])
def test_badge_text_is_readable_on_every_status_colour(status, ink):
    """未完成's wine badge carried black text (2.4:1); each badge's text now contrasts at least 4.5:1."""
    color = vocab.STATUS_COLORS[status]
    assert st.badge_ink(color) == ink

    def lum(c):
        v = [int(c.lstrip("#")[i:i + 2] if len(c) == 7 else c[i // 2 + 1] * 2, 16) / 255 for i in (0, 2, 4)]
        v = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in v]
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]

    hi, lo = sorted((lum(color), lum(ink)), reverse=True)
    assert (hi + 0.05) / (lo + 0.05) >= 4.5
