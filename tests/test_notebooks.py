"""Every notebook runs top to bottom headless (nbclient, kernel python3, cwd = notebooks/)."""

from __future__ import annotations

import nbformat
import pytest

from analysis import config
from analysis.app import figures
from analysis.app import report

NOTEBOOKS = report.notebook_paths()


def test_there_are_notebooks():
    assert NOTEBOOKS, f"no NN_name.ipynb in {config.notebooks_dir()}"
    assert "05_report_figures.ipynb" in {p.name for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{path.name} cell {i} has outputs"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_without_error(path, monkeypatch):
    for var in (*report.ENV.values(), figures.EXPORTED_ENV):
        monkeypatch.delenv(var, raising=False)
    nb = report.execute_notebook(path, timeout=300)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors


@pytest.mark.slow
def test_report_figures_notebook_follows_the_parameters(monkeypatch):
    """``ANALYSIS_LANG`` / ``ANALYSIS_AS_OF`` (what ``python -m analysis report`` sets) reach notebook 05."""
    path = config.notebooks_dir() / "05_report_figures.ipynb"
    nb = report.execute_notebook(path, timeout=300, env={"ANALYSIS_LANG": "en", "ANALYSIS_AS_OF": "2018",
                                                         "ANALYSIS_DATA": None, "ANALYSIS_TARGETS": None,
                                                         figures.EXPORTED_ENV: None})
    texts = ["".join(o.get("data", {}).get("text/plain", "")) for c in nb.cells if c.cell_type == "code"
             for o in c.outputs]
    # the report's target table, in English, with values up to 2018 (no settings dump any more)
    table = next(t for t in texts if "Target in the plan" in t)
    assert "(2018)" in table and "(2019)" not in table
    shown = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
    assert shown, "no figure displayed"


@pytest.mark.slow
def test_report_pack_with_notebooks_writes_html(tmp_path, monkeypatch):
    """``build_pack`` end to end with one notebook: report.html without code, linked from index.html."""
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "processed"))
    nb05 = config.notebooks_dir() / "05_report_figures.ipynb"
    monkeypatch.setattr(report, "notebook_paths", lambda directory=None: [nb05])
    res = report.build_pack(out=tmp_path / "pack", lang="en", formats=("png",), figures_only=["growth"],
                            dpi=30, progress=False)
    assert res.notebook_errors == {}
    html = (tmp_path / "pack" / "reports" / "notebooks.html").read_text(encoding="utf-8")
    assert "Pingchuan" in html and "notebook_params" not in html  # preface shown, code hidden
    assert "<img" in html
    index = (tmp_path / "pack" / "reports" / "index.html").read_text(encoding="utf-8")
    assert 'href="report.html"' in index and 'href="notebooks.html"' in index and "02_growth_en.png" in index


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en"])
def test_notebook_follows_the_language_parameter(lang):
    """Notebooks 01-04 read ``report.notebook_params()``: with ``ANALYSIS_LANG=en`` notebook 01
    (the fastest) prints the English title of the data and shows English indicator names."""
    from analysis.io import catalogue
    from analysis.io import dataset

    path = config.notebooks_dir() / "01_indicator_trends.ipynb"
    nb = report.execute_notebook(path, timeout=300, env={"ANALYSIS_LANG": lang, "ANALYSIS_AS_OF": None,
                                                         "ANALYSIS_DATA": None, "ANALYSIS_TARGETS": None,
                                                         figures.EXPORTED_ENV: None})
    assert "report.notebook_params()" in nb.cells[1].source
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
