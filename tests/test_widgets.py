"""The scenario explorer's widget shell: every control does something visible; download and upload."""

from __future__ import annotations


import base64
import io
import datetime
import json
import re
import types

import numpy as np
import pandas as pd
import pytest

from analysis.model import scenarios as S
from analysis import i18n, vocab
from analysis.app import explorer as widgets
from analysis.io.catalogue import load_targets


def _obs() -> pd.DataFrame:
    rows = []
    series = {
        "tech_contract_turnover": [0.4, 0.55, 0.75, 0.95, 1.15],
        "high_tech_enterprises": [3, 4, 4, 5, 6],
        "invention_patents_per_10k": [0.5, 0.6, 0.7, 0.85, 1.0],
        "maker_spaces": [0, 0, 1, 1, 1],
        "tech_based_enterprises": [18, 22, 26, 31, 36],
    }
    for region, scale in (("平川区", 1.0), ("示例区", 2.0)):
        for ind, vals in series.items():
            for year, v in zip(range(2015, 2020), vals):
                rows.append({"region": region, "indicator_id": ind, "year": year, "value": float(v) * scale,
                             "unit": "", "sector": "", "source": "", "note": ""})
    return pd.DataFrame(rows)


def _scorecard(obs: pd.DataFrame) -> pd.DataFrame:
    last = obs.sort_values("year").groupby(["region", "indicator_id"])["value"].last().reset_index()
    last["forecast"] = last["value"] * 1.1
    return last


@pytest.fixture(scope="module")
def targets():
    return load_targets()


@pytest.fixture
def app(targets, tmp_path):
    obs = _obs()
    pop = pd.Series({2015: 20.0, 2016: 20.0, 2017: 19.9, 2018: 19.8, 2019: 19.7, 2020: 19.6})
    return widgets.explorer(obs, targets, population=pop, scorecard=_scorecard(obs),
                            provenance={"illustrative": True, "source_zh": "示例", "source_en": "example"})


def visible(w) -> bool:
    return w.layout.display != "none"


def snapshot(app):
    return (app.answer.value, app.required.value, app.prob.value, app.chart.value, app.score_html.value)


def data_of(href_html: str, cls: str) -> bytes:
    """The bytes behind a download link (``data:`` URL) of class ``cls``."""
    m = re.search(rf"class='{cls}' download='([^']+)' href='data:[^;]+;base64,([^']+)'", href_html)
    assert m, href_html[:200]
    return base64.b64decode(m.group(2))


def upload(app, name, content):
    app.c["upload"].value = ({"name": name, "type": "application/json", "size": len(content),
                              "content": memoryview(content),
                              "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)},)


def test_builds_with_the_turnover_question_first(app):
    assert app.error == ""
    assert app.c["indicator"].value == "tech_contract_turnover"
    assert app.c["type"].value == "growth"
    assert app.png[:8] == b"\x89PNG\r\n\x1a\n"
    assert "data:image/png;base64," in app.chart.value and " alt=" in app.chart.value
    assert "目标" in app.answer.value
    assert vocab.ILLUSTRATIVE_STAMP in app.prob.value
    assert "按期达标概率：<b" in app.prob.value  # a Chinese label takes the full-width colon (was "按期达标概率: ")
    assert visible(app.c["growth"]) and not visible(app.c["renewal"])


def test_growth_slider_changes_answer_and_chart(app):
    before = snapshot(app)
    app.c["growth"].value = 15
    after = snapshot(app)
    assert after[0] != before[0] and "15%" in after[0]
    assert after[3] != before[3]
    assert app.result.scenario.params["rate"] == pytest.approx(0.15)
    ax = app._fig.axes[0]
    path = [ln for ln in ax.lines if ln.get_gid() == "path"][0]
    assert path.get_ydata()[1:] == pytest.approx(1.15 * 1.15 ** np.arange(1, len(app.result.years) + 1))


def test_chart_is_the_report_figure(app):
    """The app draws with analysis.viz.scenarios.scenario_plot: same gids and line styles as the report."""
    ax = app._fig.axes[0]
    by_gid = {ln.get_gid(): ln for ln in ax.lines}
    assert list(by_gid["history"].get_ydata()) == [0.4, 0.55, 0.75, 0.95, 1.15]
    assert by_gid["target"].get_ydata()[0] == pytest.approx(1.35)
    assert by_gid["target"].get_linestyle() == "--"  # as in the report (the old app drew a dotted line)
    assert by_gid["deadline"].get_xdata()[0] == 2020
    texts = [t.get_text() for t in app._fig.texts]
    assert any(vocab.ILLUSTRATIVE_STAMP in t for t in texts)


def test_axes_fit_data_target_and_deadline(app):
    """No path to 2025 stretches the axes: x ends the year after the deadline, y near the data."""
    app.c["growth"].value = 80
    ax = app._fig.axes[0]
    assert ax.get_xlim()[1] == pytest.approx(2021.6)
    # 1.15 * 1.8**2 = 3.726 in 2021 is the largest central value shown; the band adds its spread
    assert ax.get_ylim()[1] < 1.15 * 1.8 ** 2 * 1.6
    legend_box = ax.get_legend().get_window_extent()
    assert legend_box.y1 <= ax.get_window_extent().y0  # the legend sits below the axes, off the data


def test_every_scenario_type_and_slider_does_something(app):
    app.c["type"].value = "additions"
    assert visible(app.c["additions"]) and not visible(app.c["growth"])
    before = snapshot(app)
    app.c["additions"].value = app.c["additions"].value + 2 * app.c["additions"].step
    assert snapshot(app)[0] != before[0]

    app.c["indicator"].value = "high_tech_enterprises"
    app.c["type"].value = "certificates"
    assert visible(app.c["additions"]) and visible(app.c["renewal"])
    assert "认定" in app.c["additions"].description
    for name, value in (("additions", 10), ("renewal", 20)):
        before = snapshot(app)
        app.c[name].value = value
        after = snapshot(app)
        assert after[3] != before[3], name
    assert app.result.scenario.params["renewal_rate"] == pytest.approx(0.2)

    app.c["indicator"].value = "invention_patents_per_10k"
    app.c["type"].value = "per_capita"
    assert visible(app.c["population"]) and visible(app.c["outflow"])
    for name, value in (("population", -3.0), ("outflow", 10), ("additions", 5)):
        before = snapshot(app)
        app.c[name].value = value
        assert snapshot(app)[0] != before[0], name
    assert "减少3.0%" in app.answer.value

    app.c["indicator"].value = "maker_spaces"
    app.c["type"].value = "stock"
    assert visible(app.c["outflow"]) and not visible(app.c["population"])

    app.c["indicator"].value = "tech_contract_turnover"
    app.c["type"].value = "trend"
    assert not any(visible(app.c[n]) for n in ("growth", "additions", "renewal", "outflow", "population"))
    assert "趋势" in app.answer.value and app.error == ""


def test_seed_changes_the_monte_carlo(app):
    app.c["growth"].value = 20
    before = (app.result.lower.copy(), app.chart.value)
    app.c["seed"].value = 7
    assert not np.array_equal(app.result.lower, before[0])
    assert app.chart.value != before[1]


def test_region_dropdown(app):
    assert list(app.c["region"].options) == [("平川区", "平川区"), ("示例区", "示例区")]
    app.c["region"].value = "示例区"
    assert app.result.history.iloc[-1] == pytest.approx(2.3)
    assert "示例区" in app._fig.axes[0].get_title(loc="left")
    # in English the regions are named in English (the value stays the data's name)
    app.c["lang"].value = "en"
    assert list(app.c["region"].options) == [("Pingchuan District", "平川区"), ("Shili District", "示例区")]
    assert app.c["region"].value == "示例区" and app.result.history.iloc[-1] == pytest.approx(2.3)
    assert "Shili District" in app._fig.axes[0].get_title(loc="left")


def test_language_toggle(app):
    app.c["lang"].value = "en"
    assert "target" in app.answer.value
    assert app.c["growth"].description == "Growth %/yr"
    assert "亿元" not in app.answer.value and "hundred million yuan" in app.answer.value
    assert "Composite score" in app.tabs.get_title(0)
    assert "observed" in [t.get_text() for t in app._fig.axes[0].get_legend().get_texts()]
    assert "Download this scenario (JSON)" in app.downloads.value


def test_the_sliders_say_where_they_start(app):
    # 0.55 -> 1.15 over 2016-2019 moves towards 1.35: the slider's 27.4 % is that trend (it was unexplained)
    assert "滑块起点：2016—2019年的实际走势。" in app.start.value
    app.c["lang"].value = "en"
    assert "The sliders start at the actual trend of 2016–2019." in app.start.value
    app.c["type"].value = "trend"  # no slider sets a pace
    assert app.start.value == ""
    app.c["type"].value = "growth"
    upload(app, "s.json", app.current_json().encode("utf-8"))
    assert "The sliders are set from the loaded scenario." in app.start.value


def test_the_apps_weight_sensitivity_is_the_reports(app):
    """At its defaults (equal weights, ±20 %, the default seed) the app's sensitivity is the report's
    figure 31 computation: the same draws, so the same 5-95 % range and rank-change chances."""
    from analysis.model import scenarios as S

    app.c["spread"].value = 20
    app.refresh()
    assert int(app.c["seed"].value) == S.DEFAULT_SEED
    table = S.progress_table(app.score_values(), app.targets)
    report = S.sensitivity(table, by=app.c["by"].value, spread=0.2)   # the figure's call (builders._score_sensitivity)
    assert app.sensitivity_result.total == report.total
    pd.testing.assert_frame_equal(app.sensitivity_result.groups, report.groups)


def test_weights_score_and_sensitivity_controls(app):
    total0 = app.score_result.total
    app.weight_boxes["tech_based_enterprises"].value = 5
    assert app.score_result.total > total0  # the best target counts more
    before = app.score_html.value
    app.c["by"].value = "indicator"
    assert app.score_html.value != before
    before = app.score_html.value
    app.c["spread"].value = 60
    assert app.score_html.value != before
    before = app.score_html.value
    app.c["basis"].value = "projected"
    assert app.score_html.value != before
    # projected: the explored indicator enters with its scenario value at the deadline
    assert app.score_values()["tech_contract_turnover"] == pytest.approx(app.result.value_at_deadline)
    with app.hold():
        for b in app.weight_boxes.values():
            b.value = 0
    app.refresh()
    assert "权重之和必须大于0" in app.score_html.value  # a sentence in the interface's language
    app.c["equal"].click()
    assert all(b.value == 1.0 for b in app.weight_boxes.values())
    assert "scenario-error" not in app.score_html.value
    assert app.weight_boxes["tech_based_enterprises"].max == S.MAX_WEIGHT  # weights bounded


def test_download_is_the_scenario_on_screen_and_upload_restores_it(app, targets):
    app.c["indicator"].value = "high_tech_enterprises"
    app.c["type"].value = "certificates"
    app.c["additions"].value = 9
    app.c["renewal"].value = 55
    app.c["seed"].value = 99
    app.weight_boxes["high_tech_enterprises"].value = 3
    app.c["lang"].value = "en"
    numbers = app.result.numbers()
    raw = data_of(app.downloads.value, "download-json")
    data = json.loads(raw.decode("utf-8"))
    assert data == json.loads(app.current_json())
    assert data["scenario_type"] == "certificates" and data["seed"] == 99 and data["lang"] == "en"
    assert data["params"]["new_per_year"] == 9 and data["params"]["renewal_rate"] == pytest.approx(0.55)
    assert data["weights"]["high_tech_enterprises"] == 3
    assert data_of(app.downloads.value, "download-png") == app.png
    app.c["renewal"].value = 60  # the link follows the screen: never the last "saved" scenario
    assert json.loads(data_of(app.downloads.value, "download-json"))["params"]["renewal_rate"] == pytest.approx(0.6)
    app.c["renewal"].value = 55
    obs = _obs()
    fresh = widgets.explorer(obs, targets, population=app._population, scorecard=_scorecard(obs),
                             provenance=app.provenance)
    upload(fresh, "s.json", raw)
    assert fresh.result.numbers() == numbers
    # the Chinese page stays Chinese: the file sets the scenario, not the reader's language (stop 43)
    assert fresh.c["lang"].value == "zh" and fresh.weights() == app.weights()
    app.c["lang"].value = "zh"
    assert fresh.answer.value == app.answer.value
    # the same file twice: the second upload is read again (after a change on screen)
    fresh.c["renewal"].value = 10
    upload(fresh, "s.json", raw)
    assert fresh.result.numbers() == numbers and "s.json" in fresh.status.value


@pytest.mark.parametrize("page, saved", [("zh", "en"), ("en", "zh")])
def test_a_scenario_saved_in_the_other_language_keeps_the_page_language(targets, page, saved):
    """A colleague's file saved in English, read on a Chinese page (and the reverse): the scenario's
    settings are applied, every label (the region box too) stays in the page's language (stop 43: the
    page switched to the file's language and the region box kept 平川区 among English labels)."""
    obs = _obs()
    pop = pd.Series({2015: 20.0, 2016: 20.0, 2017: 19.9, 2018: 19.8, 2019: 19.7, 2020: 19.6})
    make = lambda lang: widgets.explorer(obs, targets, population=pop, scorecard=_scorecard(obs), lang=lang,  # noqa: E731
                                         provenance={"illustrative": True, "source_zh": "示例", "source_en": "example"})
    colleague, me = make(saved), make(page)
    colleague.c["region"].value = "示例区"
    colleague.c["indicator"].value = "high_tech_enterprises"
    colleague.c["renewal"].value = 55
    raw = colleague.current_json().encode("utf-8")
    assert json.loads(raw)["lang"] == saved
    upload(me, "colleague.json", raw)
    assert me.c["lang"].value == page and me.lang == page
    assert (me.c["region"].value, me.c["indicator"].value) == ("示例区", "high_tech_enterprises")
    assert me.c["renewal"].value == 55 and me.result.numbers() == colleague.result.numbers()
    region_label = dict((v, k) for k, v in me.c["region"].options)["平川区"]
    assert region_label == ("平川区" if page == "zh" else "Pingchuan District")
    assert me.c["region"].description == i18n.t("explorer.region", page)
    assert i18n.t("explorer.loaded", page, name="colleague.json") in me.status.value
    assert json.loads(me.current_json())["lang"] == page  # saved again: in the reader's language
    other = "Adding" if page == "zh" else "按每年"
    assert other not in me.answer.value + me.required.value


def test_upload_button_shows_its_label_without_the_number_of_files(app):
    """ipywidgets 8 writes "<description> (<number of files>)" on a FileUpload's button, so a clerk saw
    上传情景文件（JSON） (0); the explorer's CSS draws the button's own text at size 0 and its tooltip,
    the label from analysis.i18n, in its place: in either language, before and after an upload
    (the page, in Chromium: tests/test_explorer_live.py)."""
    up = app.c["upload"]
    css = re.sub(r"\s+", " ", app.widget.children[0].value)
    assert "upload-control" in up._dom_classes
    assert ".scenario-explorer .upload-control { font-size: 0; }" in css
    assert re.search(r"\.scenario-explorer \.upload-control::after \{ content: attr\(title\);", css)
    for lang in ("zh", "en"):
        app.c["lang"].value = lang
        label = i18n.t("explorer.upload", lang)
        assert up.tooltip == up.description == label
        upload(app, f"{lang}.json", app.current_json().encode("utf-8"))
        assert f"{lang}.json" in app.status.value and "scenario-error" not in app.status.value
        assert up.value == () and up.tooltip == up.description == label


def test_print_downloads_are_made_on_request_and_never_stale(app):
    """The button makes an SVG and a PNG at 300 dpi (the screen's is 100 dpi: 480 px wide)."""
    from PIL import Image

    assert app.svg_link.value == ""
    app.c["svg"].click()
    svg = data_of(app.svg_link.value, "download-svg")
    assert svg.startswith(b"<?xml") and b"<svg" in svg
    png = data_of(app.svg_link.value, "download-png-print")
    printed = Image.open(io.BytesIO(png))
    assert printed.info["dpi"] == pytest.approx((300, 300), abs=0.5)
    assert printed.size[0] > 2.5 * Image.open(io.BytesIO(app.png)).size[0]  # cropped to the drawing
    assert "tech_contract_turnover_growth.300dpi.png" in app.svg_link.value
    app.c["growth"].value = 12
    assert app.svg_link.value == ""  # removed by the change


def test_upload_keeps_exact_parameters_n_sims_and_as_of(app):
    sc = S.Scenario("tech_contract_turnover", "growth", {"rate": 0.2179, "sd": 0.05, "n_sims": 200, "as_of": 2018},
                    seed=5)
    upload(app, "x.json", sc.to_json().encode("utf-8"))
    p = app.result.scenario.params
    assert (p["rate"], p["sd"], p["n_sims"], p["as_of"]) == (0.2179, 0.05, 200, 2018)
    assert app.result.last_year == 2018  # as_of cut the history
    assert json.loads(app.current_json())["params"]["as_of"] == 2018
    assert "x.json" in app.status.value


@pytest.mark.parametrize("content, words", [
    (b'{"indicator_id": 3}', ["bad.json", "indicator_id"]),
    (b"\xff\xfe\x00garbage", ["UTF-8"]),
    (b"{not json", ["JSON"]),
    (b'{"indicator_id": "tech_contract_turnover", "scenario_type": "growth", "params": {"rate": 1e308}}',
     ["params.rate", "-0.99", "10"]),
    (b'{"indicator_id": "tech_contract_turnover", "scenario_type": "growth", "params": {"rate": "fast"}}',
     ["params.rate", "数字"]),
    (b'{"indicator_id": "tech_contract_turnover", "weights": {"tech_contract_turnover": 1e308}}',
     ["weights.tech_contract_turnover", "1000"]),
    (b'{"indicator_id": "tech_contract_turnover", "colour": "red"}', ["colour", "未知的键"]),
    (b'{"indicator_id": "no_such_target"}', ["no_such_target"]),
    (b'{"indicator_id": "tech_contract_turnover", "region": "../../etc"}', ["../../etc"]),
    (b"", ["空"]),
    (b"[1, 2]", ["JSON对象"]),
    (b'{"indicator_id": "tech_contract_turnover", "params": {"n_sims": 1e9}}', ["params.n_sims"]),
])
def test_bad_uploads_give_a_sentence_in_the_interface_language(app, content, words):
    before = app.result.numbers()
    upload(app, "bad.json", content)
    status = app.status.value
    assert "scenario-error" in status and "Traceback" not in status
    for w in words:
        assert w in status, (w, status)
    assert app.result.numbers() == before  # nothing applied
    assert app.c["upload"].value == ()  # ready for the next (or the same) file


def test_cli_explore_serves_the_notebook_on_localhost(monkeypatch, capsys):
    from analysis.app.explorer import serve

    seen = {}

    class Proc:
        pid = 0

        def wait(self):
            return 0

    def fake_serve(cmd, cwd=None, env=None, lang=None):
        seen.update(cmd=cmd, cwd=cwd)
        return Proc()

    monkeypatch.setattr(serve, "serve", fake_serve)
    monkeypatch.setattr(serve, "stop_server", lambda proc, **kw: seen.update(stopped=True))
    rc = widgets.cli_explore(types.SimpleNamespace(port=8123, no_browser=True, lan=False, lang="en"))
    assert rc == 0 and seen["stopped"]
    cmd = seen["cmd"]
    assert cmd[1] == "-c" and "analysis.app.explorer.serve" in cmd[2] and cmd[4].endswith("04_scenario_explorer.ipynb")
    settings = json.loads(cmd[3])
    assert settings["tornado"]["allow_remote_access"] is False and settings["kernels"]["cull_connected"] is True
    assert "--port=8123" in cmd and "--Voila.ip=127.0.0.1" in cmd and "--no-browser" in cmd
    assert "--Voila.token=" in cmd  # no token needed on 127.0.0.1 only
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out
    assert "--no-browser" not in widgets.voila_command(8866, open_browser=True)


def test_cli_parser_dispatches_to_explore():
    from analysis.cli import build_parser

    args = build_parser().parse_args(["explore", "--port", "9000", "--no-browser", "--lan"])
    assert (args.module, args.func, args.port, args.no_browser, args.lan) == ("app.explorer", "cli_explore", 9000,
                                                                              True, True)


# Notebook 04 executed headless (the widget and the answers it shows): tests/test_notebooks.py, with the
# run's one execution of it.


def test_the_sliders_readout_says_the_rate_the_answer_uses(app):
    """The default rate is the series' own (not on the 1 % grid): the readout shows it with a
    decimal, as the answer does; moved onto the grid, the readout drops the decimal."""
    s = app.c["growth"]
    rate = app.current_scenario().params["rate"]
    shown = round(rate * 100, 1)
    assert shown != round(shown) and s.value == shown and s.readout_format == ".1f"
    assert f"{shown:.1f}%" in app.answer.value
    s.value = 34.0
    assert s.readout_format == ".0f" and app.current_scenario().params["rate"] == 0.34 and "34%" in app.answer.value


def test_the_apps_chart_is_in_the_house_style_whatever_was_set_before():
    """An Axes takes its spines and grid from the style in force when it is made: the explorer's
    figure is made in the house style even as the first figure of a process (it drew a box
    without a grid there, unlike the report's scenario figure and every later explorer)."""
    import matplotlib as mpl

    from analysis.viz import scenarios as V

    with mpl.rc_context():
        mpl.rcdefaults()
        ax = V.app_figure().axes[0]
        assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
        assert ax.yaxis._major_tick_kw.get("gridOn") and not ax.xaxis._major_tick_kw.get("gridOn")


def test_the_three_questions_follow_the_language_buttons_and_stay_in_the_static_report():
    """The questions' table under the app stayed Chinese when the app was switched to English (it was
    a static table): now a widget that follows the buttons, and the static report keeps its table."""
    import nbformat

    from analysis.app import notebooks

    app = widgets.explorer()
    box = app.questions()
    assert "研究人员的三个问题" in box.value and "analysis.model" not in box.value
    app.c["lang"].value = "en"
    assert "three questions" in box.value and "研究人员" not in box.value
    bundle = box._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle and bundle["text/html"] == box.value
    cell = nbformat.v4.new_code_cell("app.questions()")
    cell.outputs = [nbformat.v4.new_output("display_data", data={k: v for k, v in bundle.items()})]
    static = notebooks._static_outputs(cell, "en")
    assert static.outputs[0]["data"] == {"text/html": box.value}


def test_the_weight_swing_is_printed_low_to_high(app):
    """A weight that lowers the total when raised printed its range high to low (66.6% – 65.3%)."""
    app.refresh()
    cells = re.findall(r"<td>(\d+\.\d)% – (\d+\.\d)%</td>", app.score_html.value)
    assert cells and all(float(a) <= float(b) for a, b in cells)


def test_the_language_buttons_come_before_the_introduction(app):
    """An English reader finds 中文 / English at the top, before the Chinese title and introduction."""
    kids = list(app.widget.children)
    assert kids.index(app.c["lang"]) < kids.index(app.title) < kids.index(app.intro)


def test_an_uploaded_data_file_becomes_the_apps_data_and_a_bad_one_changes_nothing(app):
    """A statistics bureau's file uploaded in the page (stop 43): the regions, the introduction, the
    answer and the questions follow it; a file with problems is said (row, column) and the page keeps
    its data. It was refused as "not UTF-8 text" / "not valid JSON"."""
    q = app.questions()
    good = ("region,indicator_id,year,value,unit\n"
            + "".join(f"白银区,tech_contract_turnover,{y},{v},亿元\n" for y, v in ((2016, 0.6), (2017, 0.8),
                                                                          (2018, 1.0), (2019, 1.2)))).encode("utf-8")
    before, asked = snapshot(app), q.value
    upload(app, "bad.csv", good.replace(b"2018,1.0,", b"2018,x,"))
    assert "scenario-error" in app.status.value and "bad.csv" in app.status.value
    assert "第4行D列" in app.status.value and "页面仍显示原来的数据" in app.status.value
    assert snapshot(app) == before and [v for _, v in app.c["region"].options] == ["平川区", "示例区"]
    assert app.c["upload"].value == ()
    upload(app, "白银区2019.csv", good)
    assert [v for _, v in app.c["region"].options] == ["白银区"]
    assert "白银区2019.csv" in app.intro.value and "示例数据" not in app.intro.value
    assert "已读取监测数据“白银区2019.csv”" in app.status.value and "scenario-error" not in app.status.value
    assert app.c["indicator"].value == "tech_contract_turnover" and app.result is not None
    assert app.result.scenario.region == "白银区" and snapshot(app) != before
    assert q.value != asked  # the questions are asked of the new data
    app.c["lang"].value = "en"
    assert "白银区2019.csv" in app.intro.value and "Baiyin" in app.c["region"].options[0][0]


def test_the_upload_button_takes_data_files(app):
    accept = app.c["upload"].accept.split(",")
    assert ".json" in accept and ".xlsx" in accept and ".csv" in accept and ".xls" in accept
    for lang in ("zh", "en"):
        app.c["lang"].value = lang
        assert app.c["upload"].description == i18n.t("explorer.upload", lang)
    assert "Excel" in app.c["upload"].description
