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


# --------------------------------------------------------------------------- monitoring data (stop 43)
GOOD_CSV = ("region,indicator_id,year,value,unit\n"
            + "".join(f"白银区,tech_contract_turnover,{y},{v},亿元\n" for y, v in ((2017, 0.8), (2018, 1.0), (2019, 1.2)))
            + "".join(f"白银区,high_tech_enterprises,{y},{v},家\n" for y, v in ((2017, 4), (2018, 5), (2019, 6)))
            ).encode("utf-8")
BAD_CSV = GOOD_CSV.replace(b"2018,1.0,", b"2018,abc,")


def test_problem_places_read_as_words():
    """A line of a scenario file is 第 N 行 (was "(1)"); a data file's cell is its row and column, a sheet named."""
    json_line = Problem("X.csv", 1, None, "不是有效的JSON文本。")
    assert st.problem_sentences([json_line], "zh") == ["“X.csv”第1行：不是有效的JSON文本。"]
    assert st.problem_sentences([json_line], "en") == ["“X.csv”, line 1: 不是有效的JSON文本."]
    cell = Problem("A1.xlsx[2019年]", 4, "D", "m")
    assert st.problem_sentences([cell], "zh") == ["“A1.xlsx”工作表“2019年”第4行D列：m。"]
    assert st.problem_sentences([cell], "en") == ["“A1.xlsx”, sheet “2019年”, row 4, column D: m."]
    assert st.problem_sentences([Problem("a.csv", None, "E", "m")], "zh") == ["“a.csv”E列：m。"]
    assert st.problem_sentences([Problem("s.json", 3, "params.rate", "m")], "zh") == ["“s.json”第3行中的params.rate：m。"]


@pytest.mark.parametrize("name, content, kind", [
    ("s.json", b"{}", "scenario"), ("A1.xlsx", b"PK\x03\x04", "data"), ("a.CSV", b"{", "data"),
    ("b.xls", b"", "data"), ("c.ods", b"x", "data"), ("d.xlsm", b"x", "data"),
    ("upload", b"PK\x03\x04rest", "data"), ("old", b"\xd0\xcf\x11\xe0rest", "data"),
    ("data.txt", "地区,指标,年份\n".encode("utf-8"), "data"), ("x", b"  {\"a\": 1}", "scenario"),
    ("empty", b"", "scenario"), ("C:\\Users\\me\\A1.xlsx", b"", "data"),
])
def test_upload_kind_by_suffix_then_content(name, content, kind):
    assert st.upload_kind(name, content) == kind


def test_the_upload_offers_scenarios_and_data_files():
    for ext in (".json", ".xlsx", ".xls", ".xlsm", ".ods", ".csv"):
        assert ext in st.UPLOAD_ACCEPT.split(",")


def test_an_uploaded_data_file_is_read_through_the_intake(targets):
    from analysis.app.explorer import data

    obs, prov = data.read_upload(GOOD_CSV, "C:\\Users\\me\\白银区数据.csv", targets, "zh")
    assert set(obs["region"]) == {"白银区"} and len(obs) == 6
    assert prov == {"illustrative": False, "source_zh": "白银区数据.csv", "source_en": "白银区数据.csv"}
    assert st.data_loaded_sentence(obs, "白银区数据.csv", "zh") == \
        "已读取监测数据“白银区数据.csv”：白银区；2项指标，2017–2019年。"
    assert st.data_loaded_sentence(obs, "b.csv", "en") == \
        "Loaded the monitoring data “b.csv”: Baiyin District; 2 targets, 2017–2019."
    assert st.data_notes(obs, "zh") == ([], 0)


@pytest.mark.parametrize("lang, words", [("zh", "第3行D列"), ("en", "row 3, column D")])
def test_an_uploaded_data_files_problems_name_its_cells_and_never_the_copy(targets, lang, words):
    from analysis.app.explorer import data

    with pytest.raises(InputError) as err:
        data.read_upload(BAD_CSV, "../../etc/bad.csv", targets, lang)
    sentences = st.problem_sentences(err.value, lang)
    assert sentences and all(s.startswith("“bad.csv”") for s in sentences), sentences
    assert words in sentences[0]
    assert not any("upload" in s or "/tmp" in s for s in sentences)


def test_an_uploaded_workbook_is_read_and_a_broken_one_said(targets, tmp_path):
    from openpyxl import Workbook

    from analysis.app.explorer import data

    wb = Workbook()
    ws = wb.active
    for row in GOOD_CSV.decode("utf-8").splitlines():
        ws.append([float(x) if x.replace(".", "").isdigit() and "." in x else int(x) if x.isdigit() else x
                   for x in row.split(",")])
    wb.save(tmp_path / "w.xlsx")
    obs, _ = data.read_upload((tmp_path / "w.xlsx").read_bytes(), "w.xlsx", targets, "zh")
    assert len(obs) == 6
    with pytest.raises(InputError) as err:
        data.read_upload(b"PK\x03\x04broken", "w.xlsx", targets, "zh")
    assert st.problem_sentences(err.value, "zh")[0].startswith("“w.xlsx”：")


def test_a_data_file_too_large_for_the_page_points_to_explore_data(targets):
    from analysis.app.explorer import data

    with pytest.raises(InputError) as err:
        data.read_upload(b"x" * (st.MAX_DATA_UPLOAD_BYTES + 1), "big.xlsx", targets, "zh")
    assert "python -m analysis explore --data" in st.problem_sentences(err.value, "zh")[0]
    with pytest.raises(InputError) as err:  # no data suffix: the page cut it at the scenario's limit
        data.read_upload(b"a,b\n" * 20000, "big.txt", targets, "en")
    assert "explore --data" in st.problem_sentences(err.value, "en")[0]


def test_the_data_explore_is_started_with_and_their_problems_on_the_page(tmp_path, targets):
    from analysis.app.explorer import data, launch, markup

    good, bad = tmp_path / "白银区.csv", tmp_path / "坏.csv"
    good.write_bytes(GOOD_CSV)
    bad.write_bytes(BAD_CSV)
    d = data.load({"data": str(good), "targets": None, "lang": "zh", "as_of": 2018})
    assert set(d.obs["region"]) == {"白银区"} and d.obs["year"].max() == 2018
    assert d.provenance["source_zh"] == "白银区.csv" and d.provenance["illustrative"] is False
    page = launch.from_params({"data": str(bad), "targets": None, "lang": "zh", "as_of": None})
    assert isinstance(page, launch.DataProblems)
    assert page.error.startswith("“坏.csv”第3行D列") and str(tmp_path) not in page.widget.value
    shown = page.widget.value
    assert "无法读取监测数据" in shown and "python -m analysis explore --data" in shown and "role='alert'" in shown
    assert "There was an error" not in shown and page.questions().value == ""
    en = launch.from_params({"data": str(bad), "targets": None, "lang": "en", "as_of": None})
    assert "row 3, column D" in en.error and "could not be read" in en.widget.value
    missing = launch.from_params({"data": str(tmp_path / "none.xlsx"), "targets": None, "lang": "zh", "as_of": None})
    assert isinstance(missing, launch.DataProblems) and "none.xlsx" in missing.error
    assert markup.data_failed_html(["a"], "zh").count("<li>") == 1


def test_the_environment_names_the_data_for_the_kernel(tmp_path, monkeypatch):
    import os

    from analysis.app.params import notebook_params, paths_env

    a, b, cat = tmp_path / "a.csv", tmp_path / "b.xlsx", tmp_path / "t.csv"
    env = paths_env([str(a), str(b)], str(cat))
    assert env == {"ANALYSIS_DATA": f"{a.resolve()}{os.pathsep}{b.resolve()}", "ANALYSIS_TARGETS": str(cat.resolve())}
    assert paths_env(None, None) == {}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    p = notebook_params()
    assert p["data"] == [str(a.resolve()), str(b.resolve())] and p["targets"] == str(cat.resolve())


def test_a_bad_language_in_the_environment_is_said_on_the_page(monkeypatch):
    from analysis.app.explorer import launch

    monkeypatch.setenv("ANALYSIS_LANG", "fr")
    page = launch.from_env()
    assert isinstance(page, launch.DataProblems) and "ANALYSIS_LANG" in page.error


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
