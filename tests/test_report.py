"""The report pack: figure registry, files, reproducibility, workbook, HTML, index, CLI."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.app import figures
from analysis.app.figures import registry as figure_registry
from analysis.app import report
from analysis.viz import style
from analysis import vocab
from analysis.cli import build_parser, main
from analysis.errors import InputError

#: Two cheap figures from two different sources for the multi-format / multi-language checks.
FAST = [s.slug for s in figures.available(["growth", "sector_rank_slope"])] if all(
    s in figures.REGISTRY for s in ("growth", "sector_rank_slope")) else [s.slug for s in figures.available()][:2]
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def ctx():
    c = figures.ReportContext()
    c.assessment  # noqa: B018 - load once for the module
    return c


# ---------------------------------------------------------------------------- registry
def test_registry_numbers_slugs_and_file_stems():
    specs = figures.specs()
    assert specs, "no figure registered"
    assert len({s.number for s in specs}) == len(specs) == len({s.slug for s in specs})
    for s in specs:
        for lang in ("zh", "en"):
            assert re.fullmatch(r"\d\d_[a-z0-9_]+_(zh|en)", s.stem(lang))
        assert s.title("zh") and s.title("en") and s.source in figures.SOURCES
        assert figures.get(s.slug) is s and figures.get(s.number) is s


def test_core_figures_are_available():
    """The plot modules already in the suite are wired in (a regression guard for the wiring)."""
    avail = {s.slug for s in figures.available()}
    assert {"scorecard", "growth", "label_agreement", "fan_charts"} <= avail
    assert {"sector_trends", "sector_rank_slope", "sector_heatmap", "sector_contribution"} <= avail
    assert {"calibration", "brier"} <= avail
    table = figures.table("en")
    assert list(table.columns) == ["number", "slug", "title", "file", "available", "missing"]
    assert table["available"].sum() == len(avail)


def test_registry_has_no_silent_import_probing(monkeypatch):
    """Plot modules are imported at the top of analysis.app.figures: a broken one fails the
    import loudly; register() takes no ``requires=`` and every registered figure is available."""
    monkeypatch.setattr(figure_registry, "REGISTRY", dict(figure_registry.REGISTRY))
    with pytest.raises(TypeError, match="requires"):
        figures.register(99, "not_yet", title_zh="未完成", title_en="not yet",
                         requires=("analysis.no_such_module:plot",))
    assert figures.available() == figures.specs() and figures.unavailable() == {}
    with pytest.raises(ValueError, match="already used"):
        figures.register(1, "clash", title_zh="x", title_en="x")(lambda c, lang: None)
    # a plot module that cannot be imported makes the registry's import fail, loudly
    code = ("import sys; sys.modules['analysis.viz.sectors'] = None\n"
            "import analysis.app.figures")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=str(Path(figures.__file__).resolve().parents[2]))
    assert run.returncode != 0 and "analysis.viz.sectors" in run.stderr


# Every figure's caption, language and illustrative note: tests/test_figures_layout.py (one drawing
# per figure and language serves all its checks).


def test_english_figures_have_english_titles_and_axes(ctx):
    fig = figures.render("growth", ctx, "en")
    words = [ax.get_title() for ax in fig.axes] + [ax.get_xlabel() for ax in fig.axes]
    assert any(words) and not any(CJK.search(w) for w in words)


def test_export_every_format_and_language(ctx, tmp_path):
    files = figures.export(ctx, langs=("zh", "en"), formats=("png", "svg", "pdf"), out_dir=tmp_path,
                           only=FAST, dpi=40)
    expected = {f"{figures.get(s).stem(lang)}.{ext}" for s in FAST for lang in ("zh", "en")
                for ext in ("png", "svg", "pdf")}
    assert {p.name for p in files} == expected
    assert {p.name for p in tmp_path.iterdir()} == expected
    for p in files:
        head = p.read_bytes()[:8]
        assert head.startswith({"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[p.suffix[1:]])


def test_export_is_byte_identical_on_rerun(tmp_path):
    """Two runs on the same inputs (fresh contexts, fresh figures) write the same bytes."""
    a = figures.export(figures.ReportContext(), out_dir=tmp_path / "a", only=FAST, dpi=40)
    plt.close("all")
    b = figures.export(figures.ReportContext(), out_dir=tmp_path / "b", only=FAST, dpi=40)
    assert [p.name for p in a] == [p.name for p in b] and len(a) == 3 * len(FAST)
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes(), pa.name


def test_pdf_embeds_fonts(ctx, tmp_path):
    pdf = figures.export(ctx, formats=("pdf",), out_dir=tmp_path, only=FAST[:1], dpi=40)[0]
    data = pdf.read_bytes()
    assert b"/FontFile" in data or b"/CharProcs" in data
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) not installed; checked the PDF structure only")
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [ln for ln in out.splitlines()[2:] if ln.strip()]
    assert rows
    for ln in rows:  # columns: name type encoding emb sub uni ...
        emb = ln.split()[-5]
        assert emb == "yes", ln


def test_as_of_reaches_captions():
    c = figures.ReportContext(as_of=2018)
    assert c.caption("observations", "en")["as_of"] == 2018
    assert c.caption("sectors", "en")["as_of"] <= 2018
    assert c.observations_as_of["year"].max() <= 2018


# (the workbook, CSV, JSON, Word and HTML documents: tests/test_report_pack.py)


# ------------------------------------------------------------------------ HTML and index
def test_html_report_hides_code(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("secret_code_line = 1 + 1")
    code.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "VISIBLE_RESULT"},
                                           execution_count=1)]
    nb.cells = [nbformat.v4.new_markdown_cell("# 标题 Heading"), code,
                nbformat.v4.new_code_cell("no_output_here = 2")]
    page = report.write_html([(Path("x.ipynb"), nb)], tmp_path / "report.html", lang="zh").read_text(
        encoding="utf-8")
    assert "VISIBLE_RESULT" in page and "标题 Heading" in page
    assert "secret_code_line" not in page and "no_output_here" not in page
    assert 'lang="zh-CN"' in page
    assert not re.search(r'<script[^>]*src="(https?:)?//', page)  # offline: no CDN scripts


def test_index_links_resolve(ctx, tmp_path):
    figs = figures.export(ctx, langs=("en",), out_dir=tmp_path / "figures", only=FAST[:1], formats=("png", "svg"),
                          dpi=30)
    xlsx = tmp_path / "reports" / "scorecard.xlsx"
    xlsx.parent.mkdir(parents=True, exist_ok=True)
    xlsx.write_bytes(b"")
    index = report.write_index(tmp_path / "reports" / "index.html", figure_files=figs, other_files=[xlsx],
                               ctx=ctx, lang="en")
    page = index.read_text(encoding="utf-8")
    links = set(re.findall(r'(?:href|src)="([^"]+)"', page))
    assert links and all((index.parent / link).resolve().exists() for link in links)
    assert "../figures/" in page and "scorecard.xlsx" in page and vocab.illustrative_stamp("en") in page


# ------------------------------------------------------------------------ parameters, CLI
def test_notebook_params(monkeypatch):
    for var in report.ENV.values():
        monkeypatch.delenv(var, raising=False)
    assert report.notebook_params() == {"data": None, "targets": None, "as_of": None, "lang": "zh", "only": None}
    monkeypatch.setenv("ANALYSIS_AS_OF", "2018")
    monkeypatch.setenv("ANALYSIS_LANG", "en")
    monkeypatch.setenv("ANALYSIS_DATA", "/x/obs.csv")
    monkeypatch.setenv("ANALYSIS_FIGURES", "scorecard, 4")
    assert report.notebook_params() == {"data": "/x/obs.csv", "targets": None, "as_of": 2018, "lang": "en",
                                        "only": ["scorecard", "4"]}
    monkeypatch.setenv("ANALYSIS_FIGURES", "none")  # a report that draws no figure: notebook 05 shows none
    assert report.notebook_params()["only"] == []
    assert report.context_from_env().as_of == 2018
    monkeypatch.setenv("ANALYSIS_DATA", os.pathsep.join(["/x/a.xlsx", "/x/b.csv"]))   # report --data a --data b
    assert report.notebook_params()["data"] == ["/x/a.xlsx", "/x/b.csv"]
    monkeypatch.setenv("ANALYSIS_DATA", "/x/obs.csv")
    monkeypatch.setenv("ANALYSIS_AS_OF", "twenty")
    with pytest.raises(InputError, match="ANALYSIS_AS_OF"):
        report.notebook_params()


def test_params_env_resolves_paths(tmp_path):
    env = report._params_env({"data": tmp_path / "a.csv", "as_of": 2019, "lang": "en"})
    assert env == {"ANALYSIS_DATA": str((tmp_path / "a.csv").resolve()), "ANALYSIS_TARGETS": None,
                   "ANALYSIS_AS_OF": "2019", "ANALYSIS_LANG": "en", "ANALYSIS_FIGURES": None,
                   "ANALYSIS_REPORT_FIGURES": None}
    assert report._params_env({"only": ["scorecard", 4]})["ANALYSIS_FIGURES"] == "scorecard,4"
    assert report._params_env({"only": []})["ANALYSIS_FIGURES"] == "none"


def test_cli_missing_data_file_exits_1(tmp_path, capsys):
    assert main(["report", "--data", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o"),
                 "--no-notebooks"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].endswith("nope.csv::: 找不到文件（由 --data 给出）")
    assert not (tmp_path / "o").exists()


def test_cli_bad_data_content_exits_1(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "processed"))
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator_id,year,value\nno_such_indicator,20x9,abc\n", encoding="utf-8")
    assert main(["report", "--data", str(bad), "--out", str(tmp_path / "o"), "--no-notebooks"]) == 1
    err = capsys.readouterr().err
    assert "bad.csv:2:" in err and "Traceback" not in err
    # the last line says that no report was made, and what to do (the evaluator's next step)
    n = sum(1 for line in err.splitlines() if line.startswith(str(bad)))
    assert err.strip().splitlines()[-1] == (f"未生成报告：输入有{n}处问题，见上方各行（每行开头是文件名、行号和列）。"
                                            "改正后重新运行；python -m analysis validate 文件 可列出读取情况。")
    assert main(["--lang", "en", "assess", "--data", str(bad)]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith(f"Not done: the input has {n} problem(s)")


def test_cli_bad_format_exits_1(tmp_path, capsys):
    assert main(["report", "--formats", "png,bmp", "--out", str(tmp_path), "--no-notebooks"]) == 1
    assert "bmp" in capsys.readouterr().err


def test_cli_writes_pack_and_lists_files(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "processed"))
    monkeypatch.setattr(report, "DPI", 30)
    out = tmp_path / "pack"
    assert main(["report", "--out", str(out), "--no-notebooks", "--lang", "en", "--formats", "png,svg",
                 "--figures", FAST[0]]) == 0
    captured = capsys.readouterr()
    listed = [ln for ln in captured.out.splitlines() if ln.strip()]
    assert captured.err.strip().splitlines()[-1] == "8 files written."
    stem = figures.get(FAST[0]).stem("en")
    expected = {out / "figures" / f"{stem}.png", out / "figures" / f"{stem}.svg",
                out / "reports" / "evaluation_report.docx", out / "reports" / "report.html",
                out / "reports" / "scorecard.xlsx", out / "reports" / "scorecard.csv",
                out / "reports" / "scorecard.json", out / "reports" / "index.html"}
    assert {Path(p).resolve() for p in listed} == {p.resolve() for p in expected}
    assert all(p.exists() for p in expected)
    assert not (out / "reports" / "notebooks.html").exists()  # --no-notebooks
    # in Chinese (the default) the closing lines are Chinese too
    number = str(figures.get(FAST[0]).number)  # a figure named by its number
    assert main(["report", "--out", str(tmp_path / "zh"), "--no-notebooks", "--formats", "png", "--figures", number]) == 0
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == "共写出 7 个文件。"
    assert not re.search(r"\b(note|files written|skipped figure)\b", err)


def test_cli_figures_option_names_every_figure_it_does_not_know(tmp_path, capsys):
    assert main(["report", "--out", str(tmp_path / "o"), "--no-notebooks", "--figures", "1,99,maps"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert [ln.split("；")[0] for ln in err] == ["选项 --figures：没有图表 '99'", "选项 --figures：没有图表 'maps'"]
    assert "1=scorecard" in err[0] and "4=fan_charts" in err[0]
    assert main(["--lang", "en", "report", "--out", str(tmp_path / "o"), "--no-notebooks", "--figures", ","]) == 1
    assert capsys.readouterr().err.startswith("option --figures: no figure given; numbers and slugs: 1=scorecard")
    assert not (tmp_path / "o").exists()


def test_a_figure_is_laid_out_once(ctx, monkeypatch):
    """render lays a figure out to fit its titles; when nothing had to be wrapped, saving it keeps
    that layout instead of computing it again (a constrained layout is ~half of a figure's cost)."""
    import matplotlib.layout_engine as le

    calls = []
    original = le.ConstrainedLayoutEngine.execute
    monkeypatch.setattr(le.ConstrainedLayoutEngine, "execute", lambda self, fig: calls.append(fig) or original(self, fig))
    fig = figures.render("growth", ctx, "zh")
    try:
        style.figure_bytes(fig, ("png", "svg"), dpi=30)
    finally:
        plt.close(fig)
    assert len(calls) == 1


@pytest.mark.parametrize("slug", ["region_overview", "region_ranking"])
def test_region_figures_are_left_out_for_one_region(ctx, slug):
    """Figure 05 would repeat figure 01 and figure 06 rank the region against itself: with one
    region the pack leaves them out and says why (they are drawn for several regions in
    tests/test_figures_layout.py and tests/test_plots.py)."""
    with pytest.raises(figures.NotApplicable) as exc:
        figures.render(figures.get(slug), ctx, "zh")
    assert exc.value.reason("zh") == "不适用：数据只有一个地区，没有地区可比较；各目标状态见图 01"
    assert exc.value.reason("en").startswith("not applicable: the data have one region: no regions to compare")


def test_forecast_cells_agree_with_the_sentences_and_the_workbook():
    """A count's 2.5 is 3 everywhere (the report said 2, the workbook 3); two points give no forecast
    in the table (the sentence and figure 04 give none: it showed 预测7项（3~11）)."""
    from analysis.app import content
    from analysis.model import text

    assert [text.whole(x) for x in (2.5, 3.5, 2.49, 0.5)] == [3, 4, 2, 1]
    row = {"stage": "before deadline", "kind": "count", "unit": "个", "forecast": 2.5, "lower_80": 0.0,
           "upper_80": 11.0, "target": 4.0, "prob_meet": 0.3, "n_points": 3}
    assert content.result_cell(row, "zh") == "预测3个（0~11）"
    assert content.result_cell({**row, "n_points": 2}, "zh") == "—"


def test_a_file_whose_note_says_its_latest_year_is_preliminary_says_so_under_the_title():
    """A1's 注：1.2019年为快报数 was said only in the annex; the verdicts rest on those figures."""
    from analysis.app import content, workbook

    data = Path(__file__).parent / "fixtures" / "office" / "A1_宽表_统计局格式.xlsx"
    c = content.build_content(figures.ReportContext(data), "zh", include_sectors=False, include_ledger=False)
    assert c.status_line == "数据说明：2019年数据为快报（初步）数，据此作出的判断以快报数为准；年报（正式）数公布后请重新评估"
    assert c.status_line in workbook._subtitle(c)
    assert content.build_content(figures.ReportContext(), "zh", include_sectors=False,
                                 include_ledger=False).status_line == ""


def test_a_report_reads_every_data_file_given(tmp_path):
    """report --data a --data b kept only the last file (argparse's plain option): a 2015-2019 workbook
    and its 2020 CSV gave a report on the CSV alone. Now both are read together, as assess reads them,
    named as the source, each described in the annex, and the 快报 of the second said under the title."""
    from analysis.app import content

    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("indicator_id,year,value\n" + "".join(f"high_tech_enterprises,{y},{v}\n" for y, v in
                                                       ((2017, 8), (2018, 10), (2019, 12))), encoding="utf-8")
    b.write_text("indicator_id,year,value,note\nhigh_tech_enterprises,2020,19,快报\n", encoding="utf-8")
    args = build_parser().parse_args(["report", "--data", str(a), "--data", str(b)])
    assert args.data == [str(a), str(b)]
    ctx = figures.ReportContext([a, b])
    c = content.build_content(ctx, "zh", include_sectors=False, include_ledger=False)
    row = c.regions[0].rows.set_index("indicator_id").loc["high_tech_enterprises"]
    assert row["status"] == "achieved" and row["stage"] == "deadline observed"     # 2020's 19 against 18
    assert c.source.startswith("a.csv、b.csv") and c.status_line.startswith("数据说明：2020年数据为快报")
    notes = "\n".join(c.data_notes)
    assert "文件：a.csv" in notes and "文件：b.csv" in notes
    assert report._params_env({"data": [a, b]})["ANALYSIS_DATA"] == os.pathsep.join(
        str(p.resolve()) for p in (a, b))


def test_the_headline_counts_each_target_once():
    """G1: 高新技术企业, named as needing attention (short either side of its unreported 2020), was counted
    again in 另有17项数据不足或期限年数据缺失."""
    from analysis.app import content

    data = Path(__file__).parent / "fixtures" / "office" / "G1_模板_文员填好.xlsx"
    head = content.build_content(figures.ReportContext(data), "zh", include_sectors=False,
                                 include_ledger=False).regions[0].headline
    assert "需重点关注：高新技术企业" in head[1] and head[3].startswith("另有1项")
    # (stop 43) the 15 short in 2019 with 2020 unreported are named once, with the 2020 value asked for,
    # and not counted again in 另有
    assert head[2].startswith("15项目标期限年数据未报，且最近一年（2019年）未达到目标：省级技术转移示范机构、")
    assert head[2].endswith("；请补报2020年数据后判定。") and "高新技术企业" not in head[2]


def test_the_table_footnote_says_what_a_probability_means_where_the_table_shows_one():
    from analysis.app import content

    mid = content.build_content(figures.ReportContext(), "zh", include_sectors=False, include_ledger=False)
    assert "达标概率：按近年趋势和以往同类预测的误差，像这样的目标能按期达标的可能（如70%即十个中约有七个能达标）。" in mid.footnote
    data = Path(__file__).parent / "fixtures" / "office" / "H1_终期_含2020实际值.csv"
    end = content.build_content(figures.ReportContext(data), "zh", include_sectors=False, include_ledger=False)
    assert "达标概率：" not in end.footnote  # end of term: no probability column to explain


def test_the_what_if_questions_are_left_out_once_their_deadline_has_passed():
    """An end-of-term file (2020 values): figure 30 gave '2020年按期达标概率100%/0%' for values already
    observed; it is left out and says why."""
    data = Path(__file__).parent / "fixtures" / "office" / "H1_终期_含2020实际值.csv"
    with pytest.raises(figures.NotApplicable) as exc:
        figures.render(figures.get("scenario_questions"), figures.ReportContext(data), "zh")
    assert exc.value.reason("zh") == ("不适用：数据已到2020年，情景问答所涉目标的期限（2020年）已过：有期限年实际值的"
                                      "按实际值判定，未报的须补报后判定；不作情景模拟")


def test_the_growth_figure_is_left_out_when_no_target_has_time_left():
    """H1 (every 2020 value reported): figure 02 was an empty chart from -0.04 to 0.04 % with
    "另有21项…未列出"; it is left out and says why. Mid-term it draws what it drew."""
    data = Path(__file__).parent / "fixtures" / "office" / "H1_终期_含2020实际值.csv"
    with pytest.raises(figures.NotApplicable) as exc:
        figures.render(figures.get("growth"), figures.ReportContext(data), "zh")
    assert "没有尚在期限内、需要计算所需增速的目标" in exc.value.reason("zh")
    from analysis.viz import attainment

    table = figures.ReportContext().assessment.table
    rows = attainment.growth_rows(table)
    assert rows.any() and not rows[(table["deadline"] <= table["last_year"]).to_numpy()].any()
    # a share's pace is in percentage points in the report: not drawn as a growth rate beside the others
    assert (table["kind"] == "share").any() and not rows[(table["kind"] == "share").to_numpy()].any()


def test_show_uses_exported_files_when_the_report_runs(ctx, tmp_path, monkeypatch):
    import IPython.display as ipd

    shown = []
    monkeypatch.setattr(ipd, "display", lambda obj: shown.append(obj))
    files = figures.export(ctx, out_dir=tmp_path, only=FAST[:1], formats=("png",), dpi=30)
    monkeypatch.setenv(figures.EXPORTED_ENV, str(tmp_path))
    assert figures.show(ctx, "zh", only=FAST[:1]) == 1
    assert isinstance(shown[1], ipd.Image) and shown[1].data == files[0].read_bytes()
    shown.clear()
    monkeypatch.delenv(figures.EXPORTED_ENV)
    assert figures.show(ctx, "en", only=FAST[:1]) == 1
    drawn = shown[1]  # drawn afresh: the PNG savefig would write, at 100 dpi, shown at its own size
    assert isinstance(drawn, ipd.Image) and drawn.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert drawn.data != files[0].read_bytes() and drawn.width == int.from_bytes(drawn.data[16:20], "big")
    assert figures.SHOW_DPI == 100


def test_html_report_with_a_preface_is_the_same_on_a_rerun(tmp_path):
    """The preface cell has a fixed id (nbformat gives a new cell a random one): same bytes twice."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("text", id="a")]
    pages = [report.write_html([(Path("x.ipynb"), nb)], tmp_path / f"r{i}.html", lang="zh",
                               preface="# 前言").read_bytes() for i in range(2)]
    assert pages[0] == pages[1] and b"cell-id=preface" in pages[0]


def test_html_report_replaces_widgets_and_opens_with_preface(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("app")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "text/plain": "VBox(children=(...))",
        "application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2, "version_minor": 0}})]
    nb.cells = [cell]
    page = report.write_html([(Path("x.ipynb"), nb)], tmp_path / "r.html", lang="en",
                             preface="# PREFACE_TITLE").read_text(encoding="utf-8")
    assert "VBox(children" not in page and "make explore" in page
    assert page.index("PREFACE_TITLE") < page.index("make explore")
    assert nb.cells[0].outputs[0]["output_type"] == "display_data"  # the input notebook is untouched
    assert "application/vnd.jupyter.widget-view+json" in nb.cells[0].outputs[0]["data"]


def test_pack_works_with_another_plans_catalogue(tmp_path, monkeypatch):
    """Any catalogue in the same columns: figures about indicators it lacks are skipped, not fatal."""
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "processed"))
    targets = tmp_path / "targets.csv"
    targets.write_text("id,name_zh,name_en,value,unit,comparator,deadline\n"
                       "foo_count,测试企业数,Test enterprises,10,家,>=,2020\n"
                       "bar_share,测试比重,Test share,5,%,<=,\n", encoding="utf-8")
    obs = tmp_path / "obs.csv"
    rows = [("foo_count", y, v, "家") for y, v in zip(range(2015, 2020), (2, 3, 5, 6, 8))]
    rows += [("bar_share", y, v, "%") for y, v in zip(range(2017, 2020), (9, 8, 7.5))]
    obs.write_text("region,indicator_id,year,value,unit\n" + "".join(
        f"平川区,{i},{y},{v},{u}\n" for i, y, v, u in rows), encoding="utf-8")
    res = report.build_pack(data=obs, targets=targets, out=tmp_path / "pack", formats=("png",), dpi=30,
                            notebooks=False, figures_only=["fan_charts", "sector_contribution"], progress=False,
                            sample_sectors=True)
    names = {p.name for p in res.files}
    assert "04_fan_charts_zh.png" in names and "14_sector_contribution_zh.png" not in names
    # the reason in the pack's language (Chinese by default), naming the indicator
    assert res.skipped_figures["sector_contribution"][0].startswith("不适用：目标清单中没有可按产业加总的目标")
    assert "tech_contract_turnover" in res.skipped_figures["sector_contribution"][0]
    js = json.loads((tmp_path / "pack" / "reports" / "scorecard.json").read_text(encoding="utf-8"))
    assert [r["indicator_id"] for r in js["scorecard"]] == ["foo_count", "bar_share"]
    assert js["meta"]["illustrative"] is False


def test_execute_notebook_stops_its_kernel(tmp_path, monkeypatch):
    """nbclient leaves a kernel it did not start running; execute_notebook must stop it."""
    import nbformat
    from jupyter_client.manager import KernelManager

    stopped = []
    original = KernelManager.shutdown_kernel

    def spy(self, *a, **kw):
        out = original(self, *a, **kw)
        stopped.append(self.has_kernel)
        return out

    monkeypatch.setattr(KernelManager, "shutdown_kernel", spy)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1 + 1")])
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nb, path)
    report.execute_notebook(path)
    assert stopped and stopped[-1] is False


@pytest.mark.parametrize("row, zh, en", [
    ({"required_growth": -0.084, "actual_growth": -0.052}, "须年均下降8.4%（近年实际年均下降5.2%）",
     "needs a fall of 8.4% a year (recently down 5.2% a year)"),
    ({"required_growth": 0.196, "actual_growth": 0.481}, "须年均增长19.6%（近年实际年均增长48.1%）",
     "needs growth of 19.6% a year (recently up 48.1% a year)"),
    ({"unit": "%", "required_per_year": -0.5, "actual_per_year": 0.0}, "须年均降低0.5个百分点（近年实际年均持平）",
     "needs 0.5 percentage points less a year (recently flat)"),
])
def test_the_issue_of_a_limit_says_fall_never_a_negative_growth(row, zh, en):
    """Section 六 of a ≤ target (energy use): 须年均下降8.4%, never 须年均增长-8.4%."""
    from analysis.app import content

    base = {"name_zh": "能耗", "name_en": "Energy", "status": "at risk", "stage": "before deadline", "unit": "吨",
            "kind": "level", "required_per_year": float("nan"), "actual_per_year": float("nan"), "deadline": 2020,
            "required_growth": float("nan"), "actual_growth": float("nan"), "responsible": ""}
    r = pd.Series({**base, **row})
    assert zh in content._issue(r, "zh") and en in content._issue(r, "en")


def test_the_headline_at_the_end_of_term_and_a_target_short_either_side_of_an_unreported_year():
    from analysis.app import content

    base = {"unit": "家", "kind": "count", "comparator": ">=", "deadline": 2020, "target": 18.0}
    rows = pd.DataFrame([
        {**base, "name_zh": "甲", "status": "achieved", "stage": "deadline observed", "last_year": 2020,
         "last_value": 20.0},
        {**base, "name_zh": "乙", "status": "deadline year not reported", "stage": "deadline not reported",
         "last_year": 2021, "last_value": 11.0, "before_year": 2019, "before_value": 6.0, "after_year": 2021,
         "after_value": 11.0},
    ])
    head = content.headline(rows, "zh", 2021)
    assert head[1] == ("1项目标已完成，占50%。1项期限年数据缺失而前后年份均未达标，需重点关注：乙。")
    assert "按期可达" not in "".join(head) and "没有存在风险" not in "".join(head)


def test_the_target_table_at_the_end_of_term_has_no_forecast_columns():
    """Every deadline observed (the end-of-term evaluation): 完成率, and no 达标概率 column of
    dashes; before the deadline the table keeps both."""
    from analysis.app import content
    from analysis.io import catalogue
    from analysis.model import scorecard

    targets = catalogue.load_targets()
    rows = [("平川区", "high_tech_enterprises", y, v) for y, v in ((2017, 8.0), (2018, 10.0), (2019, 12.0))]
    obs = pd.DataFrame(rows, columns=["region", "indicator_id", "year", "value"])
    mid = content.target_table(content.with_catalogue(scorecard.assess(obs, targets).table, targets), "zh")
    assert list(mid.columns) == ["规划目标", "任务", "责任单位", "最新值", "完成率或预测（80%区间）", "达标概率", "状态"]
    end_obs = pd.concat([obs, pd.DataFrame([("平川区", "high_tech_enterprises", 2020, 19.0)], columns=obs.columns)])
    end = content.target_table(content.with_catalogue(scorecard.assess(end_obs, targets).table, targets), "zh")
    assert list(end.columns) == ["规划目标", "任务", "责任单位", "最新值", "完成率", "状态"]
    assert end.attrs["columns"] == ["target_text", "task", "responsible", "latest", "completion", "status"]
    row = end.loc[end["规划目标"].str.startswith("高新技术企业")].iloc[0]
    assert row["完成率"] == "105.6%" and row["状态"] == "已完成"
    en = content.target_table(content.with_catalogue(scorecard.assess(end_obs, targets).table, targets), "en")
    assert list(en.columns)[4] == "Completion rate" and "P(meet)" not in en.columns
    # a stock met early whose deadline year is not in yet (2019: 1 incubator, target 1): its cell is no rate,
    # and it has a probability, so the table keeps both columns
    early = pd.concat([end_obs, pd.DataFrame([("平川区", "tech_incubators", y, v) for y, v in ((2018, 1.0), (2019, 1.0))],
                                             columns=obs.columns)])
    mixed = content.target_table(content.with_catalogue(scorecard.assess(early, targets).table, targets), "zh")
    assert list(mixed.columns)[4:6] == ["完成率或预测（80%区间）", "达标概率"]
    # and the docx lays out every such table in the page's 160 mm
    from analysis.app import word

    for keys in (mid.attrs["columns"], end.attrs["columns"], mixed.attrs["columns"],
                 ["target_text", "task", "responsible", "latest", "result", "status"],
                 ["target_text", "task", "responsible", "latest", "completion", "prob", "status"]):
        for lang in ("zh", "en"):
            widths = word.target_widths(keys, lang)
            assert sum(widths) == 160 and len(widths) == len(keys) and min(widths) >= 13, keys
        assert word.target_widths(keys, "en")[keys.index("responsible")] == word.target_widths(keys)[
            keys.index("responsible")] + 6   # Organisation, Technology: long English words get room


@pytest.mark.parametrize("last_year, cell, said", [
    (2019, "2018年已达标，需保持", "须保持至2020年"),        # mid-term: the deadline is ahead
    (2021, "2018年已达标", "2020年及以后未报"),            # the data reach 2021, 2020 never reported
])
def test_a_target_met_early_is_to_be_held_only_while_its_deadline_is_ahead(tmp_path, last_year, cell, said):
    """A stock met in 2018 with its deadline year (2020) unreported: before 2020 the report says it is
    to be held until 2020; once the data reach past 2020 it says 2020 was not reported instead."""
    from analysis.app import content

    rows = [("平川区", "tech_incubators", 2017, 0), ("平川区", "tech_incubators", 2018, 1),
            ("平川区", "tech_incubators", 2019, 1)]
    rows += [("平川区", "tech_contract_turnover", y, v) for y, v in ((2017, 1.0), (2018, 1.1), (2019, 1.2),
                                                                  (2020, 1.4), (2021, 1.5)) if y <= last_year]
    path = tmp_path / "obs.csv"
    pd.DataFrame(rows, columns=["region", "indicator_id", "year", "value"]).to_csv(path, index=False)
    built = content.build_content(figures.ReportContext(path), "zh", include_sectors=False, include_ledger=False,
                                  figure_files={"scorecard": tmp_path / "01.png", "growth": tmp_path / "02.png"})
    part = built.regions[0]
    # growth still required is no figure once every deadline has passed
    assert ("growth" in built.figures) == (last_year < 2020) and "scorecard" in built.figures
    # every deadline (2020) has passed once the data reach 2021: an end-of-term evaluation, the target met
    # early included (not "some targets due")
    assert built.stage_line.startswith("评估类型：终期评估" if last_year > 2020 else "评估类型：进度评估")
    # and the headline speaks of targets achieved, not "achieved or on track", once the deadline has passed
    assert ("或按期可达" in part.headline[1]) == (last_year < 2020), part.headline
    i = next(i for i, r in part.rows.iterrows() if r["indicator_id"] == "tech_incubators")
    assert part.rows.loc[i, "status"] == "achieved"
    assert part.table.iloc[i]["完成率或预测（80%区间）"] == cell
    assert said in part.sentences[i] and ("须保持" in part.sentences[i]) == (last_year < 2020)
    # a probability only while the deadline is ahead (it said ">99%" for 2020, never reported); the
    # workbook the same
    probs = part.table["达标概率"].tolist() if "达标概率" in part.table else []
    assert (probs[i] if probs else "—") == (">99%" if last_year < 2020 else "—")
    from analysis.app import workbook
    sheet = workbook.target_sheet_frame(built)
    assert pd.isna(sheet["prob_meet"].iat[i]) == (last_year > 2020)
    # and no pace "still required" for a target already met (it said -100.0 %, 0 a year)
    assert pd.isna(sheet["required_growth"].iat[i]) and pd.isna(sheet["required_per_year"].iat[i])
    # nor a forecast, nor a model named (the report shows none for a target already met; the workbook said 6.74)
    assert pd.isna(sheet["forecast"].iat[i]) and pd.isna(sheet["model"].iat[i])


def test_the_workbook_gives_a_counts_pace_in_things_a_year_only(tmp_path):
    """A count's pace is said in things a year (年均增加2家, 还须年均增加3家): the workbook's percentage
    columns stay empty for it (a percentage on a base of 1 or 3 read 200 % against 100 % required: on
    track, where the note says short of pace); a level keeps them."""
    from analysis.app import content, workbook

    rows = [("平川区", "high_tech_enterprises", y, v) for y, v in ((2016, 1.0), (2017, 2.0), (2018, 3.0))]
    rows += [("平川区", "tech_contract_turnover", y, v) for y, v in ((2016, 0.55), (2017, 0.79), (2018, 1.04))]
    path = tmp_path / "obs.csv"
    pd.DataFrame(rows, columns=["region", "indicator_id", "year", "value"]).to_csv(path, index=False)
    built = content.build_content(figures.ReportContext(path), "zh", include_sectors=False, include_ledger=False)
    sheet = workbook.target_sheet_frame(built).set_index("indicator_id")
    assert pd.isna(sheet.loc["high_tech_enterprises", "required_growth"])
    assert pd.isna(sheet.loc["high_tech_enterprises", "actual_growth"])
    assert sheet.loc["high_tech_enterprises", "required_per_year"] > 0
    assert sheet.loc["tech_contract_turnover", "actual_growth"] > 0 and sheet.loc["tech_contract_turnover", "required_growth"] > 0


def test_a_probability_from_two_points_is_marked_low_information(tmp_path):
    """2 points give a probability (a low-information estimate) with the status 数据不足: the report's
    table marks it † and its footnote says what † means; the terminal table likewise. 3 points: no mark."""
    from analysis.app import content
    from analysis.io import catalogue
    from analysis.model import scorecard

    rows = [("平川区", "incubated_enterprises", 2018, 6.0), ("平川区", "incubated_enterprises", 2019, 11.0)]
    rows += [("平川区", "high_tech_enterprises", y, v) for y, v in ((2017, 4.0), (2018, 5.0), (2019, 6.0))]
    path = tmp_path / "obs.csv"
    pd.DataFrame(rows, columns=["region", "indicator_id", "year", "value"]).to_csv(path, index=False)
    built = content.build_content(figures.ReportContext(path), "zh", include_sectors=False, include_ledger=False)
    part = built.regions[0]
    prob = dict(zip(part.rows["indicator_id"], part.table["达标概率"]))
    assert prob["incubated_enterprises"].endswith("%†") and not prob["high_tech_enterprises"].endswith("†")
    assert "“†”表示观测值不足3个" in built.footnote
    sc = scorecard.assess(pd.read_csv(path), catalogue.load_targets())
    view = dict(zip(sc.table["indicator_id"], scorecard.table_view(sc, "zh")["达标概率"]))
    assert view["incubated_enterprises"].endswith("†") and "†" not in view["high_tech_enterprises"]
    assert "† 观测值不足3个" in sc.caption("zh")


def test_the_english_headline_counts_one_target_in_the_singular():
    from analysis.app import content

    base = {"unit": "家", "kind": "count", "comparator": ">=", "deadline": 2020, "target": 18.0, "stage": "before deadline"}
    rows = pd.DataFrame([{**base, "name_en": "A", "status": "off track", "prob_meet": 0.05},
                         {**base, "name_en": "B", "status": "on track", "prob_meet": 0.95}])
    assert "1 target is off track and needs attention: A." in content.headline(rows, "en", 2019)[1]
    rows.loc[1, "status"] = "at risk"
    assert "2 targets are " in content.headline(rows, "en", 2019)[1]
    rows.loc[1, "status"] = "insufficient data"
    assert content.headline(rows, "en", 2019)[2].startswith("1 more has too few values")
    rows = pd.concat([rows, rows.iloc[[1]]], ignore_index=True)
    assert content.headline(rows, "en", 2019)[2].startswith("2 more have too few values")


@pytest.mark.parametrize("unit, kind, value, target, actual, gap", [
    ("亿元", "level", 1.3499, 1.35, "实际为1.3499亿元", "比目标少0.0001亿元"),
    ("%", "share", 99.95, 100.0, "实际为99.95%", "比目标低0.05个百分点"),
])
def test_a_near_miss_never_reads_as_the_target_met(unit, kind, value, target, actual, gap):
    """1.3499 亿元 against 1.35 read "实际为1.35亿元；完成率99.9%；比目标少0亿元。判定：未完成" (stop 43)."""
    from analysis.app import content
    from analysis.model import text

    row = {"unit": unit, "kind": kind, "comparator": ">=", "deadline": 2020, "target": target,
           "stage": "deadline observed", "status": "not achieved", "last_year": 2020, "last_value": value,
           "deadline_value": value, "completion_rate": value / target, "gap": value - target,
           "name_zh": "甲", "name_en": "A"}
    said = text.target_sentence(row, "zh")
    assert actual in said and gap in said and "少0亿元" not in said
    assert actual.removeprefix("实际为") in content.latest_cell(row, "zh")
    issue = content._issue(row, "zh")
    assert actual.removeprefix("实际为") in issue and not re.search(r"差0(?![.0-9])", issue)


def test_a_missed_share_is_short_by_percentage_points():
    from analysis.app import content

    row = {"unit": "%", "kind": "share", "comparator": ">=", "deadline": 2020, "target": 0.7, "stage": "deadline observed",
           "status": "not achieved", "last_year": 2020, "last_value": 0.68, "deadline_value": 0.68,
           "completion_rate": 0.68 / 0.7, "gap": -0.02, "name_zh": "占比", "name_en": "share"}
    assert "差0.02个百分点" in content._issue(row, "zh")
    assert "0.02 percentage points short" in content._issue(row, "en")


def test_word_table_columns_are_never_narrower_than_their_longest_word():
    """I1 in English: Table 1's region column broke 'Pingchuan' as 'Pingchua / n'."""
    from analysis.app import word

    df = pd.DataFrame({"Region": ["Pingchuan District", "Baiyin District", "Jingyuan County"],
                       "achieved": [4, 14, 4], "on track": [3, 2, 0], "at risk": [5, 2, 2], "off track": [5, 2, 11],
                       "insufficient data": [4, 1, 4], "Total": [21, 21, 21]})
    widths = word._widths_by_header(df)
    assert sum(widths) == pytest.approx(word._TEXT_WIDTH_MM)
    per_unit = widths[-1] / 4.0  # 'Total' is the 4-unit minimum
    assert widths[0] >= per_unit * (0.55 * len("Pingchuan") + 1.0) - 1e-9


def test_shares_with_time_left_say_why_the_growth_figure_is_left_out_and_stacked_panels_stay_small(tmp_path):
    """Three countries' R&D-intensity targets as of 2018: figure 02 was left out as if every deadline had
    passed ("没有尚在期限内…的目标"); the targets are open, but a share's pace is in points. And figure 01
    drew three 3-inch panels with one bar filling each."""
    t_path = tmp_path / "targets.csv"
    t_path.write_text("Country,Indicator,Target,Unit,Direction,Target year\n"
                      + "".join(f"{c},R&D intensity,3,%,at least,2020\n" for c in ("Austria", "Belgium", "Denmark")),
                      encoding="utf-8")
    o_path = tmp_path / "values.csv"
    o_path.write_text("Country,Indicator,Year,Value\n" + "".join(
        f"{c},R&D intensity,{y},{v + 0.05 * k}\n" for c, v in (("Austria", 3.0), ("Belgium", 2.5), ("Denmark", 3.0))
        for k, y in enumerate(range(2014, 2019))), encoding="utf-8")
    ctx = figures.ReportContext(o_path, targets=t_path)
    with pytest.raises(figures.NotApplicable) as exc:
        figures.render(figures.get("growth"), ctx, "zh")
    assert exc.value.reason("zh") == ("不适用：尚在期限内的目标均为比重、计数或里程碑类，其进度按每年百分点或个数计（见考核评价表），"
                                      "不按增速作图")
    assert exc.value.reason("en").startswith("not applicable: the targets with time left are all shares")
    fig = figures.render("scorecard", ctx, "zh")
    try:
        assert len(fig.axes) >= 3 and fig.get_size_inches()[1] == pytest.approx(3 * 1.9)
    finally:
        plt.close(fig)


def test_another_plan_s_catalogue_is_named_as_such_each_region_keeps_its_own_target_and_a_level_reached_is_held(tmp_path):
    """Three countries' own targets (one row each, the same indicator): the report was titled with the
    Pingchuan plan and its document number, listed every country's target under each country (three rows
    each, from a catalogue merge on the id alone), named the countries in English in a Chinese report, and
    told Denmark, already at 3.03 % against ≥ 3 %, that it "须年均降低0.01个百分点"."""
    from analysis.app import content
    from analysis.app.report import _ledger_plan

    t_path = tmp_path / "eu_targets.csv"
    t_path.write_text("Country,Indicator,Target,Unit,Direction,Target year\n"
                      "Austria,R&D intensity,3.76,%,at least,2020\nBelgium,R&D intensity,3,%,at least,2020\n"
                      "Denmark,R&D intensity,3,%,at least,2020\n", encoding="utf-8")
    o_path = tmp_path / "values.csv"
    vals = {"Austria": (2.99, 3.07, 3.09, 3.16, 3.17), "Belgium": (2.46, 2.45, 2.49, 2.58, 2.76),
            "Denmark": (3.05, 3.03, 3.10, 3.05, 3.03)}
    o_path.write_text("Country,Indicator,Year,Value\n" + "".join(
        f"{c},R&D intensity,{2014 + k},{v}\n" for c, vs in vals.items() for k, v in enumerate(vs)), encoding="utf-8")
    ctx = figures.ReportContext(o_path, targets=t_path)
    zh = content.build_content(ctx, "zh", include_sectors=False, include_ledger=False)
    assert zh.title == "目标评估报告：eu_targets" and "平川" not in zh.title
    assert zh.methods[0] == "目标来自目标清单 eu_targets.csv，共3项量化目标。"
    assert [len(r.rows) for r in zh.regions] == [1, 1, 1]
    assert [content.region_name(r.region, "zh") for r in zh.regions] == ["奥地利", "比利时", "丹麦"]
    denmark = zh.regions[2]
    assert denmark.issues and "已达到目标水平（3.03%），须保持到2020年" in denmark.issues[0]
    assert "降低" not in denmark.issues[0]
    en = content.build_content(ctx, "en", include_sectors=False, include_ledger=False)
    assert en.title == "Evaluation of the targets: eu_targets"
    assert en.regions[0].headline[0].startswith("1 target assessed")             # not "1 targets"
    assert en.regions[2].headline[1].startswith("0 targets are achieved or on track")
    assert "at the target's level already (3.03%); it must hold until 2020" in en.regions[2].issues[0]
    shown, why = _ledger_plan(o_path, None, "zh", None, t_path)
    assert not shown and "另一份目标清单（eu_targets.csv）" in why
    own = content.build_content(figures.ReportContext(), "zh", include_sectors=False, include_ledger=False)
    assert own.title.startswith("平川区推进落实") and "平政办发〔2019〕137号" in own.methods[0]


def test_a_per_region_catalogue_with_benchmarked_indicators_builds_the_pack(tmp_path):
    """A per-district catalogue (高新技术企业: a target for each of three districts) made figure 46 raise
    "The truth value of a Series is ambiguous" (the benchmarks were computed once per catalogue row: three
    rows per indicator and region), and the whole pack stopped."""
    from analysis.io import catalogue
    from analysis.model import benchmarks as model_benchmarks

    cat = tmp_path / "districts.csv"
    cat.write_text("地区,编号,指标名称,目标值,单位,比较,期限\n平川区,high_tech_enterprises,高新技术企业,18,家,≥,2020\n"
                   "白银区,high_tech_enterprises,高新技术企业,40,家,≥,2020\n"
                   "靖远县,high_tech_enterprises,高新技术企业,10,家,≥,2020\n", encoding="utf-8")
    obs = tmp_path / "obs.csv"
    obs.write_text("地区,指标代码,年份,数值\n" + "".join(f"{r},high_tech_enterprises,{y},{n + y - 2015}\n"
                   for r, n in (("平川区", 3), ("白银区", 20), ("靖远县", 4)) for y in range(2015, 2020)), encoding="utf-8")
    targets = catalogue.load_targets(cat)
    ctx = figures.ReportContext(obs, targets=cat)
    b = model_benchmarks.benchmarks(ctx.observations_as_of, ctx.public, targets)
    assert not b.growth.duplicated(["indicator_id", "region"]).any()
    fig = figures.render("benchmark_growth", ctx, "zh")
    plt.close(fig)


# ------------------------------------------------------------------ stop 43: a deadline year unreported, the year before short
_END = {"unit": "家", "kind": "count", "comparator": ">=", "deadline": 2020, "target": 18.0}
_MET = {**_END, "name_zh": "甲", "name_en": "A", "status": "achieved", "stage": "deadline observed", "last_year": 2020,
        "last_value": 20.0}
#: 2020 unreported, 2019 short (4 firms against 18), nothing after 2020
_SHORT = {**_END, "name_zh": "乙", "name_en": "B", "status": "deadline year not reported", "stage": "deadline not reported",
          "last_year": 2019, "last_value": 4.0, "before_year": 2019, "before_value": 4.0}
#: 2020 unreported, 2019 already at the target: nothing to flag, only data to report
_HELD = {**_SHORT, "name_zh": "丙", "name_en": "C", "last_value": 19.0, "before_value": 19.0}
_MISSED = {**_MET, "name_zh": "丁", "name_en": "D", "status": "not achieved", "last_value": 9.0}


@pytest.mark.parametrize("rows, lang, second, third", [
    # 靖远县: every target short lacks 2020 -> named, 2020 asked for; never "没有未完成的目标"
    ([_MET, _SHORT], "zh", "1项目标已完成，占50%。1项目标期限年数据未报，且最近一年（2019年）未达到目标：乙；请补报2020年数据后判定。",
     None),
    ([_MET, _SHORT, {**_SHORT, "name_zh": "戊", "name_en": "E", "before_year": 2018, "last_year": 2018}], "zh",
     "1项目标已完成，占33%。2项目标期限年数据未报，且最近一年（2018、2019年）未达到目标：乙、戊；请补报2020年数据后判定。", None),
    ([_MET, _SHORT], "en", "1 target is achieved (50%). 1 target has no value for the deadline year and was short of the "
     "target in the latest year reported (2019): B; report 2020 before it is judged.", None),
    # a target missed too: it needs attention, the unreported one is said after it, and not counted in 另有
    ([_MET, _MISSED, _SHORT], "zh", "1项目标已完成，占33%。1项未完成，需重点关注：丁。",
     "1项目标期限年数据未报，且最近一年（2019年）未达到目标：乙；请补报2020年数据后判定。"),
    # 2019 at the target, 2020 unreported: no verdict to hint at; the wording is unchanged
    ([_MET, _HELD], "zh", "1项目标已完成，占50%。没有未完成的目标。", "另有1项数据不足或期限年数据缺失，需补报数据。"),
])
def test_the_headline_names_targets_short_before_an_unreported_deadline(rows, lang, second, third):
    """(stop 43) 靖远县 with no 2020 value and 4 high-tech firms against 18 in 2019 was told 没有未完成的目标 /
    没有存在风险…保持现有进度, while its notes said 2019年为4家，未达到目标."""
    from analysis.app import content

    head = content.headline(pd.DataFrame(rows), lang, 2020)
    assert head[1] == second
    assert (head[2] if len(head) > 2 else None) == third
    if _SHORT in rows:  # never the all-clear beside a target short the year before its unreported deadline
        assert not any(w in "".join(head) for w in ("没有未完成", "没有存在风险", "No target"))


def test_the_mid_term_headline_is_unchanged():
    """Before the deadline nothing is "deadline not reported": 没有存在风险或难以完成的目标 as before."""
    from analysis.app import content

    rows = pd.DataFrame([{**_END, "name_zh": "甲", "status": "on track", "stage": "before deadline", "last_year": 2019,
                          "last_value": 16.0, "prob_meet": 0.9}])
    assert content.headline(rows, "zh", 2019)[1] == "1项目标已完成或按期可达，占100%。没有存在风险或难以完成的目标。"
    assert content._unverified(rows).empty


@pytest.mark.parametrize("lang, need", [
    ("zh", "乙（期限年数据缺失，责任单位：规划未列明）：2020年数据未报，2019年为4家，未达到目标18家。"),
    ("en", "B (deadline year not reported; responsible: not named in the plan): 2020 not reported; 4 in 2019, short "
           "of the target of 18."),
])
def test_the_issue_of_a_target_short_before_its_unreported_deadline(lang, need):
    """六 gives the value the year before and the target, never a growth "still required" after the deadline."""
    from analysis.app import content

    assert content._issue(pd.Series({**_SHORT, "responsible": ""}), lang) == need


@pytest.mark.parametrize("lang, intro, none", [
    ("zh", "以下目标期限年数据未报，且最近一年未达到目标，暂不能判定是否完成；建议责任单位补报2020年数据后判定：", "保持现有进度"),
    ("en", "These targets have no value for the deadline year and were short of the target in the latest year "
           "reported, so they cannot be judged yet; the responsible units should report 2020, then judge them:",
     "keep the pace"),
])
def test_section_six_asks_for_the_deadline_year_never_to_keep_the_pace(tmp_path, lang, intro, none):
    """A one-region end-of-term file whose only short targets lack 2020: 六 lists them with their 2019
    values and asks for 2020 (Word and HTML alike); "建议保持现有进度" is not said."""
    import docx

    from analysis.app import content, webpage, word

    rows = [("平川区", "tech_incubators", y, v) for y, v in ((2018, 0.0), (2019, 1.0), (2020, 1.0))]
    rows += [("平川区", "high_tech_enterprises", y, v) for y, v in ((2017, 3.0), (2018, 4.0), (2019, 4.0))]
    path = tmp_path / "obs.csv"
    pd.DataFrame(rows, columns=["region", "indicator_id", "year", "value"]).to_csv(path, index=False)
    built = content.build_content(figures.ReportContext(path), lang, include_sectors=False, include_ledger=False)
    part = built.regions[0]
    assert part.issues == [] and len(part.unverified) == 1 and part.unverified_deadline == "2020"
    assert ("2019年为4家" if lang == "zh" else "4 in 2019") in part.unverified[0]
    names = dict(zip(part.rows["indicator_id"], part.rows[f"name_{lang}"]))
    assert names["high_tech_enterprises"] not in (part.missing or "")  # listed once, in 六's own list
    html = webpage.write_report_html(built, tmp_path / "r.html").read_text(encoding="utf-8")
    doc = "\n".join(p.text for p in docx.Document(word.write_docx(built, tmp_path / "r.docx")).paragraphs)
    for out in (html, doc):
        assert intro in out and none not in out


@pytest.mark.parametrize("stage, before, after, short", [
    ("deadline not reported", 4.0, None, True),       # 2019 short, nothing after: named, 2020 asked for
    ("deadline not reported", 19.0, None, False),     # 2019 at the target
    ("deadline not reported", 4.0, 11.0, False),      # a value after too: misses_around_deadline's case
    ("deadline not reported", None, None, False),     # nothing either side
    ("deadline observed", 4.0, None, False),          # the deadline year is in: a verdict
    ("before deadline", 4.0, None, False),            # mid-term
])
def test_short_before_deadline(stage, before, after, short):
    from analysis.model import text

    row = {**_SHORT, "stage": stage, "before_value": before, "before_year": 2019 if before is not None else None,
           "after_value": after, "after_year": 2021 if after is not None else None}
    assert text.short_before_deadline(row) is short


@pytest.mark.parametrize("data, zh, en", [
    # G1: 17 of 21 without a 2020 value -> the type line says so
    ("G1_模板_文员填好.xlsx", "评估类型：终期评估（期限2020年已到；21项中17项期限年数据未报，这些目标暂不能判定，请补报）",
     "Type of evaluation: end of term (the deadline, 2020, has passed; 17 of the 21 targets have no value for the "
     "deadline year and cannot be judged until it is reported)"),
    # every 2020 value in: unchanged
    ("H1_终期_含2020实际值.csv", "评估类型：终期评估（期限2020年已到，按期限年实际值判定是否完成）",
     "Type of evaluation: end of term (the deadline, 2020, has passed: each target met or not on its deadline "
     "year's value, with the completion rate)"),
])
def test_the_evaluation_type_says_when_most_deadline_years_are_unreported(data, zh, en):
    """(stop 43) 终期评估（…按期限年实际值判定是否完成） was said of a template with no 2020 value at all."""
    from analysis.app import content

    ctx = figures.ReportContext(Path(__file__).parent / "fixtures" / "office" / data)
    for lang, line in (("zh", zh), ("en", en)):
        assert content.build_content(ctx, lang, include_sectors=False, include_ledger=False).stage_line == line


@pytest.mark.parametrize("as_of, status_as_of, shown, note", [
    (2030, None, 2020, None),        # data end in 2020: 数据截至2020年, not 2030; same verdicts
    (2019, 2019, 2019, None),
    (2010, 2010, 2010, "--as-of 2010 早于数据的第一年 2015：没有可用的观测值，各项目标均为数据不足"),
])
def test_data_as_of_is_never_after_the_data_and_an_as_of_before_them_is_said(as_of, status_as_of, shown, note):
    """(stop 43) --as-of 2030 on data ending in 2020 said 数据截至2030年; --as-of 2010 on data from 2015 gave
    21 数据不足 without a word. The year shown is the last one observed; the observations used are not changed."""
    from analysis.app import content
    from analysis.io import catalogue
    from analysis.model import scorecard

    data = Path(__file__).parent / "fixtures" / "office" / "H1_终期_含2020实际值.csv"
    targets = catalogue.load_targets()
    sc = scorecard.assess(data, targets, as_of=as_of)
    assert sc.as_of == as_of and sc.data_as_of == shown
    assert f"数据截至{shown}年" in sc.caption("zh") and f"data as of {shown}" in sc.caption("en")
    assert sc.as_of_notes("zh") == ([note] if note else [])
    assert (sc.table["status"] == scorecard.assess(data, targets, as_of=status_as_of).table["status"]).all()
    built = content.build_content(figures.ReportContext(data, as_of=as_of), "zh", include_sectors=False,
                                  include_ledger=False)
    assert built.shown_as_of == shown and built.as_of == as_of
    assert built.regions[0].headline[0].startswith(f"共评估21项目标（截至{shown}年）")


def test_the_cli_says_an_as_of_before_the_data(capsys):
    data = Path(__file__).parent / "fixtures" / "office" / "H1_终期_含2020实际值.csv"
    assert main(["assess", "--data", str(data), "--as-of", "2010"]) == 0
    cap = capsys.readouterr()
    assert "注意：--as-of 2010 早于数据的第一年 2015：没有可用的观测值" in cap.err and "数据截至2010年" in cap.out
    assert main(["assess", "--data", str(data), "--as-of", "2030", "--lang", "en"]) == 0
    cap = capsys.readouterr()
    assert "data as of 2020" in cap.out and "--as-of" not in cap.err
