"""The scenario explorer widgets: every control does something visible; save and load."""

from __future__ import annotations

import json
import types

import numpy as np
import pandas as pd
import pytest

from analysis.model import scenarios as S
from analysis import vocab
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
    return widgets.explorer(obs, targets, population=pop, scorecard=_scorecard(obs), n_sims=300,
                            provenance={"illustrative": True, "source_zh": "示例", "source_en": "example"},
                            save_dir=tmp_path)


def visible(w) -> bool:
    return w.layout.display != "none"


def snapshot(app):
    return (app.answer.value, app.required.value, app.prob.value, app.chart.value, app.score_html.value)


def test_builds_with_the_turnover_question_first(app):
    assert app.error == ""
    assert app.c["indicator"].value == "tech_contract_turnover"
    assert app.c["type"].value == "growth"
    assert app.chart.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert "目标" in app.answer.value
    assert vocab.ILLUSTRATIVE_STAMP in app.prob.value
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


def test_chart_shows_history_target_deadline_and_stamp(app):
    app.draw()
    ax = app._fig.axes[0]
    by_gid = {ln.get_gid(): ln for ln in ax.lines}
    assert list(by_gid["history"].get_ydata()) == [0.4, 0.55, 0.75, 0.95, 1.15]
    assert by_gid["target"].get_ydata()[0] == pytest.approx(1.35)
    assert by_gid["deadline"].get_xdata()[0] == 2020
    texts = [t.get_text() for t in app._fig.texts]
    assert any(vocab.ILLUSTRATIVE_STAMP in t for t in texts)


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
    assert "12.0" not in app.required.value  # a number computed from the data, not a constant

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
    assert list(app.c["region"].options) == ["平川区", "示例区"]
    app.c["region"].value = "示例区"
    assert app.result.history.iloc[-1] == pytest.approx(2.3)
    assert "示例区" in app._fig.axes[0].get_title(loc="left")


def test_language_toggle(app):
    app.c["lang"].value = "en"
    assert "target" in app.answer.value
    assert app.c["growth"].description == "Growth %/yr"
    labels = [lab for lab, _ in app.c["indicator"].options]
    assert "Technology-market contract turnover (district) (亿元)" in labels
    assert "Composite score" in app.tabs.get_title(0)
    assert "observed" in [t.get_text() for t in app._fig.axes[0].get_legend().get_texts()]


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
    assert "weights must sum to a positive total" in app.score_html.value
    app.c["equal"].click()
    assert all(b.value == 1.0 for b in app.weight_boxes.values())
    assert "positive total" not in app.score_html.value


def test_save_and_load_give_the_same_numbers(app, targets, tmp_path):
    app.c["indicator"].value = "high_tech_enterprises"
    app.c["type"].value = "certificates"
    app.c["additions"].value = 9
    app.c["renewal"].value = 55
    app.c["seed"].value = 99
    app.weight_boxes["high_tech_enterprises"].value = 3
    app.c["lang"].value = "en"
    numbers = app.result.numbers()
    path = app.save(tmp_path / "s.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["scenario_type"] == "certificates" and data["seed"] == 99 and data["lang"] == "en"
    assert data["weights"]["high_tech_enterprises"] == 3
    obs = _obs()
    fresh = widgets.explorer(obs, targets, population=app._population, scorecard=_scorecard(obs), n_sims=300,
                             provenance=app.provenance)
    fresh.load(path)
    assert fresh.result.numbers() == numbers
    assert fresh.c["lang"].value == "en" and fresh.weights() == app.weights()
    assert fresh.answer.value == app.answer.value


def test_load_keeps_exact_parameters_and_upload(app):
    sc = S.Scenario("tech_contract_turnover", "growth", {"rate": 0.2179, "sd": 0.05}, seed=5)
    app.load(sc)
    assert app.result.scenario.params["rate"] == 0.2179
    assert app.result.scenario.params["sd"] == 0.05
    content = S.Scenario("tech_contract_turnover", "additions", {"per_year": 0.123, "sd": 0.0}).to_json()
    app._on_upload({"new": ({"name": "x.json", "content": memoryview(content.encode("utf-8"))},)})
    assert app.c["type"].value == "additions"
    assert app.result.scenario.params["per_year"] == 0.123
    assert "x.json" in app.status.value
    app._on_upload({"new": ({"name": "bad.json", "content": b'{"indicator_id": 3}'},)})
    assert "bad.json" in app.status.value and "indicator_id" in app.status.value


def test_save_button_writes_file_and_download_link(app, tmp_path):
    app.c["file"].value = str(tmp_path / "button.json")
    app.c["save"].click()
    assert (tmp_path / "button.json").exists()
    assert "data:application/json;base64," in app.download.value
    saved_rate = json.loads((tmp_path / "button.json").read_text(encoding="utf-8"))["params"]["rate"]
    app.c["growth"].value = 11
    assert app.result.scenario.params["rate"] == pytest.approx(0.11)
    app.c["load"].click()
    assert app.result.scenario.params["rate"] == saved_rate
    app.c["file"].value = str(tmp_path / "missing.json")
    app.c["load"].click()
    assert "file not found" in app.status.value


def test_cli_explore_runs_voila_on_localhost(monkeypatch, capsys):
    seen = {}

    def fake_call(cmd, cwd=None, env=None):
        seen.update(cmd=cmd, cwd=cwd)
        return 0

    monkeypatch.setattr(widgets.subprocess, "call", fake_call)
    rc = widgets.cli_explore(types.SimpleNamespace(port=8123, no_browser=True))
    assert rc == 0
    cmd = seen["cmd"]
    assert cmd[1:3] == ["-m", "voila"] and cmd[3].endswith("04_scenario_explorer.ipynb")
    assert "--port=8123" in cmd and "--Voila.ip=127.0.0.1" in cmd and "--no-browser" in cmd
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out
    assert "--no-browser" not in widgets.voila_command(8866, open_browser=True)


def test_cli_parser_dispatches_to_explore():
    from analysis.cli import build_parser

    args = build_parser().parse_args(["explore", "--port", "9000", "--no-browser"])
    assert (args.module, args.func, args.port, args.no_browser) == ("app.explorer", "cli_explore", 9000, True)


@pytest.mark.slow
def test_notebook_runs_headless():
    import nbclient
    import nbformat

    from analysis import config

    path = config.notebooks_dir() / "04_scenario_explorer.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")  # committed without outputs
    assert nb.metadata["kernelspec"]["name"] == "python3"
    nbclient.NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}}).execute()
    widget_out = nb.cells[1].outputs[0]["data"]
    assert "application/vnd.jupyter.widget-view+json" in widget_out
    answers = nb.cells[3].outputs[0]["data"]["text/html"]  # the three questions, in the default language
    assert "按每年增长15%" in answers
