"""Every notebook runs top to bottom headless (nbclient, kernel python3, cwd = notebooks/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis import config
from analysis.app import report
from tests.conftest import NOTEBOOK_PARAMS

NOTEBOOKS = report.notebook_paths()


def test_there_are_notebooks():
    assert NOTEBOOKS, f"no NN_name.ipynb in {config.notebooks_dir()}"
    assert "05_report_figures.ipynb" in {p.name for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    import nbformat  # imported here: jsonschema's eager rfc3987_syntax import costs ~3 s per process

    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{path.name} cell {i} has outputs"


#: Chinese characters and full-width punctuation (the words of a code cell belong in analysis/i18n).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
#: A branch on the language (``LANG == "zh"``, ``lang != 'en'`` ...): words are chosen by ``t(key, LANG)``.
LANG_BRANCH = re.compile(r"""\blang\b["'\]]*\s*[!=]=\s*["'](?:zh|en)["']|["'](?:zh|en)["']\s*[!=]=\s*[\w\[\]"']*lang\b""",
                         re.I)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_code_has_no_words_of_its_own(path):
    """Every word a code cell prints comes from analysis/i18n: no Chinese in code cells and no
    ``LANG == "zh"`` branches (markdown cells, the notebook's prose in both languages, are exempt)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    found = [f"cell {i} line {n}: {line.strip()}" for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
             for n, line in enumerate(cell.source.splitlines(), 1) if CJK.search(line) or LANG_BRANCH.search(line)]
    assert not found, f"{path.name}: words in code cells (move them to analysis/i18n):\n" + "\n".join(found)


def test_the_word_check_sees_branches_and_chinese():
    for branch in ('if LANG == "zh":', "x = 1 if lang != 'en' else 2", 'zh = p["lang"] == "zh"', '"zh" == LANG'):
        assert LANG_BRANCH.search(branch), branch
    assert CJK.search('print("回测合计")') and CJK.search("a，b")
    assert not LANG_BRANCH.search('t("notebooks.nb01.summary", LANG, n=3)') and not CJK.search("p ≥ 0.9, ±5%")


def test_neighbouring_stream_outputs_are_joined():
    """How a kernel splits printed text into messages depends on timing: neighbours are joined
    (so notebooks.html is the same on a rerun), text after a table or figure stays after it."""
    import nbformat

    from analysis.app import notebooks

    out = nbformat.v4.new_output
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [out("stream", name="stdout", text="a\n"), out("stream", name="stdout", text=["b\n", "c\n"]),
                    out("stream", name="stderr", text="warn\n"), out("display_data", data={"text/plain": "T"}),
                    out("stream", name="stdout", text="d\n"), out("stream", name="stdout", text="e\n")]
    nb = notebooks.join_streams(nbformat.v4.new_notebook(cells=[cell, nbformat.v4.new_markdown_cell("m")]))
    got = [(o.output_type, o.get("name"), o.get("text")) for o in nb.cells[0].outputs]
    assert got == [("stream", "stdout", "a\nb\nc\n"), ("stream", "stderr", "warn\n"), ("display_data", None, None),
                   ("stream", "stdout", "d\ne\n")]
    assert "outputs" not in nb.cells[1]


# Each notebook is executed once per test run (tests/conftest.py: ``executed_notebook``); the
# tests below read that one execution.
@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_without_error(path, executed_notebook):
    nb = executed_notebook(path.name)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors


@pytest.mark.slow
def test_report_figures_notebook_follows_the_parameters(executed_notebook):
    """``ANALYSIS_LANG`` / ``ANALYSIS_AS_OF`` / ``ANALYSIS_FIGURES`` (what ``python -m analysis report``
    sets) reach notebook 05: English, values up to 2018, the two figures asked for and no other."""
    assert NOTEBOOK_PARAMS["05_report_figures.ipynb"] == {"lang": "en", "as_of": 2018,
                                                          "only": ["scorecard", "fan_charts"]}
    nb = executed_notebook("05_report_figures.ipynb")
    texts = ["".join(o.get("data", {}).get("text/plain", "")) for c in nb.cells if c.cell_type == "code"
             for o in c.outputs]
    # the report's target table, in English, with values up to 2018 (no settings dump any more)
    table = next(t for t in texts if "Target in the plan" in t)
    assert "(2018)" in table and "(2019)" not in table
    shown = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
    headings = ["".join(o["data"]["text/markdown"]) for c in nb.cells if c.cell_type == "code" for o in c.outputs
                if "text/markdown" in o.get("data", {})]
    assert len(shown) == 2 and [h.split()[1] for h in headings] == ["01", "04"], headings


@pytest.mark.slow
def test_report_pack_with_notebooks_writes_html(tmp_path, monkeypatch, executed_notebook):
    """``build_pack`` end to end with one notebook: report.html without code, linked from index.html.
    The notebook's execution is the test run's one execution of 05 (same language)."""
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "processed"))
    nb05 = config.notebooks_dir() / "05_report_figures.ipynb"
    monkeypatch.setattr(report, "notebook_paths", lambda directory=None: [nb05])
    calls = []

    def execute_notebooks(paths, *, params=None, progress=None, **kwargs):
        calls.append(([p.name for p in map(Path, paths)], params))
        for p in paths:
            if progress is not None:
                progress(Path(p).name)
        return [(Path(p), executed_notebook(Path(p).name)) for p in paths], {}

    monkeypatch.setattr(report, "execute_notebooks", execute_notebooks)
    res = report.build_pack(out=tmp_path / "pack", lang="en", formats=("png",),
                            figures_only=["growth", "region_ranking"], dpi=30, progress=False)
    assert calls and calls[0][0] == ["05_report_figures.ipynb"] and calls[0][1]["lang"] == "en"
    # notebook 05 shows the pack's figures, not every registered one, and not one left out (one region)
    assert calls[0][1]["only"] == ["growth"] and list(res.skipped_figures) == ["region_ranking"]
    assert res.notebook_errors == {}
    html = (tmp_path / "pack" / "reports" / "notebooks.html").read_text(encoding="utf-8")
    assert "Pingchuan" in html and "notebook_params" not in html  # preface shown, code hidden
    assert "<img" in html
    index = (tmp_path / "pack" / "reports" / "index.html").read_text(encoding="utf-8")
    assert 'href="report.html"' in index and 'href="notebooks.html"' in index and "02_growth_en.png" in index


@pytest.mark.slow
def test_notebook_follows_the_language_parameter(executed_notebook):
    """Notebooks 01-04 read ``notebook_params()`` (analysis.app.params): with ``ANALYSIS_LANG=en`` notebook 01
    (the fastest) prints the English title of the data and shows English indicator names."""
    from analysis.io import catalogue
    from analysis.io import dataset

    lang = NOTEBOOK_PARAMS["01_indicator_trends.ipynb"]["lang"]
    nb = executed_notebook("01_indicator_trends.ipynb")
    assert "p = notebook_params()" in nb.cells[1].source
    texts = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            assert o.output_type != "error"
            texts.append(o.get("text", "") + "".join(o.get("data", {}).get("text/plain", "")))
            texts.append("".join(o.get("data", {}).get("text/html", "")))
    joined = "\n".join(texts)
    prov = dataset.provenance()
    other = "zh" if lang == "en" else "en"
    assert prov[f"title_{lang}"] in joined and prov[f"title_{other}"] not in joined
    name = min(catalogue.load_targets()[f"name_{lang}"], key=len)   # short: not cut by pandas
    assert name in joined                                  # the growth table shows names in the language


@pytest.mark.slow
def test_scenario_explorer_notebook_shows_the_widget_and_the_answers(executed_notebook):
    """Notebook 04 headless (default language, Chinese): the explorer widget, then the three
    scenario questions answered in a table."""
    nb = executed_notebook("04_scenario_explorer.ipynb")
    widget_out = nb.cells[1].outputs[0]["data"]
    assert "application/vnd.jupyter.widget-view+json" in widget_out
    answers = nb.cells[2].outputs[0]["data"]["text/html"]
    assert "按每年增长15%" in answers and "<th scope='col'>问题</th>" in answers
    assert answers.startswith("<h2") and "研究人员的三个问题" in answers and "researchers" not in answers
    assert "still_required" not in answers
