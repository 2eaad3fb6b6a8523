"""The report pack: the evaluation report (Word and HTML), the workbook, figures, notebooks, an index.

``python -m analysis report`` (and ``make report``) runs :func:`cli_report`::

    build data -> assess -> figures -> content -> 评估报告.docx, report.html, workbook, CSV, JSON
               -> (notebooks -> notebooks.html) -> index.html

Files (``--out DIR`` puts ``figures/`` and ``reports/`` under ``DIR``; defaults
:func:`analysis.config.figures_dir` and :func:`analysis.config.reports_dir`):

* ``figures/<NN>_<slug>_<lang>.{png,svg,pdf}``: every figure of :mod:`analysis.app.figures`
  (report.html and index.html show the PNG, else the SVG; with ``--formats pdf`` only, the
  figures the report shows are also written as PNG, and a note says so; the Word report
  embeds a PNG, drawn aside and not kept when no PNG is asked for);
* ``reports/评估报告.docx`` (``evaluation_report.docx`` in English): the evaluation report
  (:mod:`analysis.app.word`);
* ``reports/report.html``: the same report as a publishable page (:mod:`analysis.app.webpage`);
* ``reports/scorecard.xlsx``, ``scorecard.csv`` (UTF-8 with BOM) and ``scorecard.json``
  (:mod:`analysis.app.workbook`);
* ``reports/notebooks.html``: the executed notebooks without code (:mod:`analysis.app.notebooks`;
  not with ``--no-notebooks``);
* ``reports/index.html``: links to all of the above.

The pack is written into a temporary folder and moved into place at the end; files of an
earlier pack (another language, other data, a step not run this time) are removed first,
so the folders never mix two packs. Other files in the folders are left alone.

A pack built on the user's own monitoring data (``--data``) leaves out the illustrative
sector comparison unless a sector panel is given (``--sectors FILE``) or asked for
(``--sample-sectors``), and says so in the report. Likewise 三 任务落实情况: the filled task
ledger given with ``--ledger FILE`` (read by :func:`analysis.io.ledger.read_ledger`; bad cells
are ``FILE:ROW:COLUMN`` errors), else the bundled illustrative ledger on the bundled data,
else (``--data`` without ``--ledger``) the section says it is left out.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from analysis import config, vocab
from analysis.app import content as content_mod
from analysis.app import figures, webpage, word, workbook
from analysis.app.notebooks import (CELL_TIMEOUT, ENV, WIDGET_NOTE, _params_env, context_from_env,  # noqa: F401
                                    execute_notebook, execute_notebooks, notebook_params, notebook_paths,
                                    preface, write_html)
from analysis.app.reproducible import FIXED_TIME  # noqa: F401 - re-exported
from analysis.errors import InputError, Problem, display_name
from analysis.i18n import check_lang, t
from analysis.io import dataset
from analysis.io.atomic import atomic_write
from analysis.io.ledger import read_ledger

__all__ = [
    "ENV", "notebook_params", "context_from_env", "notebook_paths", "execute_notebooks", "write_html",
    "write_index", "build_pack", "PackResult", "cli_report", "PACK_FILES", "docx_name",
]

#: PNG resolution of the report's figures (print resolution).
DPI = 300
FORMATS = ("png", "svg", "pdf")
#: Files of ``reports/`` a pack owns (removed before a new pack is moved in).
PACK_FILES = ("评估报告.docx", "evaluation_report.docx", "report.html", "notebooks.html", "index.html",
              "scorecard.xlsx", "scorecard.csv", "scorecard.json")
#: Figure files a pack owns in ``figures/``.
FIGURE_FILE = re.compile(r"^\d\d_[a-z0-9_]+_(zh|en)\.(png|svg|pdf)$")


def docx_name(lang: str) -> str:
    """File name of the Word report in ``lang``."""
    return t("report.docx_name", lang)


# -------------------------------------------------------------------------------- index page
def write_index(path: str | Path, *, figure_files: Sequence[Path], other_files: Sequence[Path],
                ctx: figures.ReportContext, lang: str = "zh", final_dirs: dict[Path, Path] | None = None) -> Path:
    """A plain HTML page linking the reports, the workbook, the notebooks and every figure.

    ``final_dirs`` maps a staging folder to the folder its files will be moved to (links are
    written for the final places).
    """
    path = Path(path)
    final_dirs = final_dirs or {}

    def final(p: Path) -> Path:
        p = Path(p).resolve()
        for staged, dest in final_dirs.items():
            with contextlib.suppress(ValueError):
                return Path(dest).resolve() / p.relative_to(Path(staged).resolve())
        return p

    base = final(path).parent

    def rel(p: Path) -> str:
        return html.escape(Path(os.path.relpath(final(p), base)).as_posix())

    by_stem: dict[str, list[Path]] = {}
    for f in figure_files:
        by_stem.setdefault(Path(f).stem, []).append(Path(f))
    cap = ctx.caption("observations", lang)
    items = []
    for spec in figures.specs():
        files = by_stem.get(spec.stem(lang))
        if not files:
            continue
        # a thumbnail in a format browsers show: the PNG, else the SVG (a PDF only is linked)
        img = next((f for ext in (".png", ".svg") for f in files if f.suffix == ext), None)
        thumb = (f'<a href="{rel(img)}"><img src="{rel(img)}" alt="{html.escape(spec.title(lang))}" '
                 f'loading="lazy"></a>') if img else ""
        links = " · ".join(f'<a href="{rel(f)}">{f.suffix[1:].upper()}</a>'
                           for f in sorted(files, key=lambda x: x.suffix))
        items.append(f'<figure>{thumb}<figcaption><b>{spec.number:02d}</b> {html.escape(spec.title(lang))}'
                     f'<br><span class="files">{links}</span></figcaption></figure>')
    names = {"report.html": "report.index.html_report", "notebooks.html": "report.index.notebooks",
             "scorecard.xlsx": "report.index.workbook", "scorecard.csv": "report.index.csv",
             "scorecard.json": "report.index.json", docx_name(lang): "report.index.docx"}
    others = "".join(f'<li><a href="{rel(f)}">{html.escape(t(names[Path(f).name], lang)) if Path(f).name in names else ""}'
                     f' ({html.escape(Path(f).name)})</a></li>' for f in other_files)
    title = (t("report.index.title", lang) if config.is_plan_catalogue(ctx.targets_path)
             else t("report.index.title_catalogue", lang, name=Path(ctx.targets_path).stem))
    stamp = (f'<p class="stamp">{html.escape(vocab.illustrative_stamp(lang))}: '
             f'{html.escape(vocab.ILLUSTRATIVE_NOTE[lang])}</p>') if cap["illustrative"] else ""
    source = t("report.source", lang, source=cap["source"]) + t("report.sentence.sep", lang) + \
        t("report.as_of", lang, year=cap["as_of"]) + t("report.sentence.end", lang)
    page = f"""<!DOCTYPE html>
<html lang="{t('report.lang_tag', lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.5; }}
.stamp {{ color: #B2182B; border: 1px solid #B2182B; display: inline-block; padding: .2em .6em; }}
.grid {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 1.2em; }}
figure {{ margin: 0; border: 1px solid #ddd; padding: .5em; background: #fff; }}
figure img {{ width: 100%; height: auto; }}
figcaption {{ font-size: .95em; }} .files {{ font-size: .85em; color: #555; }}
</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
{stamp}
<p>{html.escape(source)}</p>
<h2>{html.escape(t('report.index.files', lang))}</h2>
<ul>{others}</ul>
<h2>{html.escape(t('report.h.figures', lang))}</h2>
<div class="grid">
{chr(10).join(items)}
</div>
</body>
</html>
"""
    with atomic_write(path) as fh:
        fh.write(page)
    return path


# ------------------------------------------------------------------------------------ the pack
@dataclass
class PackResult:
    """What :func:`build_pack` wrote and what it could not do."""

    files: list[Path] = field(default_factory=list)
    skipped_figures: dict[str, list[str]] = field(default_factory=dict)
    notebook_errors: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: Seconds per step (``build``, ``assess``, ``figures``, ``documents``, ``notebooks``, ``index``).
    timings: dict[str, float] = field(default_factory=dict)


def _progress_bar(total: int, enabled: bool | None):
    from tqdm.auto import tqdm

    # disable=None: a bar only when standard error is a terminal
    return tqdm(total=total, desc="report", unit="step", file=sys.stderr,
                disable=None if enabled is None else not enabled, dynamic_ncols=True, leave=False)


def _owned(folder: Path, *, figures_folder: bool) -> list[Path]:
    if not folder.is_dir():
        return []
    if figures_folder:
        return [p for p in folder.iterdir() if p.is_file() and FIGURE_FILE.match(p.name)]
    return [folder / n for n in PACK_FILES if (folder / n).is_file()]


def _move_in(staged: Path, dest: Path, *, figures_folder: bool) -> list[Path]:
    """Remove the pack files of an earlier pack from ``dest``, then move the staged files in."""
    dest.mkdir(parents=True, exist_ok=True)
    for old in _owned(dest, figures_folder=figures_folder):
        old.unlink()
    moved = []
    for p in sorted(staged.iterdir()) if staged.is_dir() else []:
        target = dest / p.name
        os.replace(p, target)
        moved.append(target)
    return moved


#: Prefixes of the pack's temporary folders (beside ``figures/`` and ``reports/``).
STAGING_PREFIXES = (".report-staging-", ".figures-staging-", ".report-scratch-")
#: A temporary folder older than this (seconds) belongs to a run that died: removed.
STALE_AFTER = 6 * 3600


def _remove_stale_staging(folder: Path) -> None:
    """Remove temporary folders left by a run that was killed (older than :data:`STALE_AFTER`)."""
    now = time.time()
    for p in folder.glob(".*-*"):
        if p.is_dir() and p.name.startswith(STAGING_PREFIXES):
            with contextlib.suppress(OSError):
                if now - p.stat().st_mtime > STALE_AFTER:
                    shutil.rmtree(p, ignore_errors=True)


def _sector_plan(data, sectors, sample_sectors: bool, lang: str) -> tuple[bool, str | None]:
    """Whether the pack shows the sector comparison, and the note when it does not."""
    if sectors is not None:
        return True, None
    if data is not None and not sample_sectors:
        return False, t("report.sectors_left_out", lang)
    return True, None


def _ledger_plan(data, ledger, lang: str, as_of: int | None = None, targets=None) -> tuple[bool, str | None]:
    """Whether the pack shows 三 任务落实情况, and the note when it does not (also for a report as
    of a year before the plan took effect: its tasks had not started; and for another plan's
    catalogue without a ledger of its own: the bundled ledger is the Pingchuan plan's)."""
    if ledger is None and not config.is_plan_catalogue(targets):
        return False, t("report.ledger_other_catalogue", lang, file=Path(targets).name)
    if as_of is not None and as_of < config.PLAN_START_YEAR:
        return False, t("report.ledger_before_plan", lang, as_of=as_of, start=config.PLAN_START_YEAR)
    if ledger is None and data is not None:
        return False, t("report.ledger_left_out", lang)
    return True, None


def _document_figures(ctx: figures.ReportContext, specs, fig_files: Sequence[Path], *, lang: str,
                      stage_fig: Path, fig_final: Path, rep_final: Path, scratch: Path, dpi: int,
                      skipped: dict[str, list[str]]) -> tuple[dict[str, Path], dict[str, str], list[Path]]:
    """The figures the documents show: the PNG each embeds and the pack file report.html links.

    The docx needs a raster: the exported PNG, else one drawn into ``scratch`` (removed with
    it). report.html links a file of the pack: the PNG, else the SVG; with neither format
    asked for (``pdf`` only) the PNGs the documents show are written into the pack's
    ``figures/`` (returned as the third item, so the caller can say so).

    Returns
    -------
    (dict, dict, list)
        slug -> PNG for the documents; slug -> link from ``reports/`` to the figure's final
        place; the PNG files added to the pack.
    """
    wanted = {sp.slug for sp in specs}
    shown = [s for s in (*content_mod.REPORT_FIGURES, *content_mod.SECTOR_FIGURES, *content_mod.LEDGER_FIGURES,
                         *content_mod.BENCHMARK_FIGURES) if s in wanted and s not in skipped]
    files: dict[str, dict[str, Path]] = {}
    for f in fig_files:
        files.setdefault(Path(f).stem, {})[Path(f).suffix] = Path(f)
    added: list[Path] = []
    web = [s for s in shown if not {".png", ".svg"} & set(files.get(figures.get(s).stem(lang), {}))]
    if web:  # no browser format in the pack: its PNGs go into figures/
        added = figures.export(ctx, langs=(lang,), formats=("png",), out_dir=stage_fig, only=web, dpi=dpi)
        for f in added:
            files.setdefault(f.stem, {})[f.suffix] = f
    raster = [s for s in shown if ".png" not in files.get(figures.get(s).stem(lang), {})]
    drawn_aside = {}
    if raster:  # the docx embeds a PNG: drawn aside, removed with the scratch folder
        drawn_aside = {f.stem: f for f in figures.export(ctx, langs=(lang,), formats=("png",), out_dir=scratch,
                                                         only=raster, dpi=dpi)}
    doc_figs: dict[str, Path] = {}
    hrefs: dict[str, str] = {}
    for s in shown:
        stem = figures.get(s).stem(lang)
        mine = files.get(stem, {})
        png = mine.get(".png") or drawn_aside.get(stem)
        if png is None:
            continue
        doc_figs[s] = png
        linked = mine.get(".png") or mine.get(".svg")
        if linked is not None:
            hrefs[s] = Path(os.path.relpath(fig_final.resolve() / linked.name, rep_final.resolve())).as_posix()
    return doc_figs, hrefs, added


def build_pack(*, data: str | Path | None = None, targets: str | Path | None = None, as_of: int | None = None,
               lang: str = "zh", formats: Sequence[str] = FORMATS, out: str | Path | None = None,
               notebooks: bool = True, figures_only: Iterable[str | int] | None = None,
               build: bool = True, progress: bool | None = None, dpi: int | None = None,
               sectors: str | Path | None = None, sample_sectors: bool = False,
               baseline: int | None = None, ledger: str | Path | None = None) -> PackResult:
    """Make the whole report pack; see the module docstring for the files.

    Parameters
    ----------
    data, targets, as_of, baseline : as for :func:`analysis.model.scorecard.assess`.
    lang : {"zh", "en"}
    formats : figure formats.
    out : path-like, optional
        Put ``figures/`` and ``reports/`` under this folder (default: the configured ones).
    notebooks : bool
        Execute the notebooks and write ``notebooks.html`` (slow part).
    figures_only : slugs or numbers, optional
        Only these figures (tests, quick previews).
    build : bool
        Run :func:`analysis.io.dataset.build` first (writes ``data/processed``).
    progress : bool or None
        Progress bar on standard error (None: only on a terminal).
    dpi : int, optional
        PNG resolution (default :data:`DPI`).
    sectors : path-like, optional
        The user's sector panel (四 重点产业, the sector figures and sheet).
    sample_sectors : bool
        With ``data``: still show the bundled illustrative sector panel.
    ledger : path-like, optional
        The office's filled task ledger (三 任务落实情况, figures 40-44, the 任务台账 sheet).
        Without it: the bundled illustrative ledger on the bundled data; with ``data``, the
        section is left out and says so.

    Raises
    ------
    InputError
        Bad ``data``/``targets``/``sectors``/``ledger`` (every problem listed) or an unknown format.
    """
    if lang not in ("zh", "en"):
        raise InputError([Problem.said("--lang", None, None, "report.err.lang", value=repr(lang))])
    formats = tuple(f.strip().lower() for f in formats if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise InputError([Problem.said("--formats", None, None, "report.err.format", lang=lang, value=repr(f))
                          for f in bad] or [Problem.said("--formats", None, None, "report.err.no_format", lang=lang)])
    if figures_only is not None:
        figures_only = list(figures_only)
        bad = [str(x) for x in figures_only if not figures.has(x)]
        if bad or not figures_only:
            known = ", ".join(f"{s.number}={s.slug}" for s in figures.specs())
            raise InputError([Problem.said("--figures", None, None, "report.err.figure", lang=lang, value=repr(x),
                                           known=known) for x in bad] or
                             [Problem.said("--figures", None, None, "report.err.no_figure", lang=lang, known=known)])
    # one file, or several read together (report --data a.xlsx --data b.csv, as assess): a list of one is one
    if isinstance(data, (list, tuple)):
        data = None if not data else data[0] if len(data) == 1 else list(data)
    given = [("--data", p) for p in (data if isinstance(data, list) else [data])]
    for name, p in given + [("--targets", targets), ("--sectors", sectors), ("--ledger", ledger)]:
        if p is not None and not Path(p).is_file():
            raise InputError([Problem.said(display_name(p), None, None, "intake.file_not_found_as", lang=lang,
                                           option=name)])
    if out is not None:
        fig_final, rep_final = Path(out) / "figures", Path(out) / "reports"
    else:
        fig_final, rep_final = config.figures_dir(), config.reports_dir()
    include_sectors, sectors_note = _sector_plan(data, sectors, sample_sectors, lang)
    include_ledger, ledger_note = _ledger_plan(data, ledger, lang, as_of, targets)
    # the office's ledger is read (and every bad cell reported) before anything is drawn
    ledger_df = read_ledger(ledger, lang=lang) if ledger is not None else None
    specs = [s for s in figures.available(figures_only) if (include_sectors or s.source != "sectors")
             and (include_ledger or s.slug not in content_mod.LEDGER_FIGURES)]
    result = PackResult(skipped_figures=figures.unavailable(figures_only))
    if not include_sectors:
        result.warnings.append(sectors_note)
    if not include_ledger:
        result.warnings.append(ledger_note)
    if ledger_df is not None:
        result.warnings.extend(str(p) if p.row is not None else f"{p.file}: {p.message}"
                               for p in ledger_df.attrs.get("conversions", []))
    nb_paths = notebook_paths() if notebooks else []
    total = 2 + len(specs) + 2 + (len(nb_paths) + 1 if notebooks else 0) + 1
    bar = _progress_bar(total, progress)

    def step(label: str) -> None:
        bar.set_postfix_str(label, refresh=False)
        bar.update(1)

    clock = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        result.timings[name] = round(now - clock[0], 3)
        clock[0] = now

    rep_final.parent.mkdir(parents=True, exist_ok=True)
    fig_final.parent.mkdir(parents=True, exist_ok=True)
    for parent in {rep_final.parent, fig_final.parent}:
        _remove_stale_staging(parent)
    stage_rep = Path(tempfile.mkdtemp(prefix=".report-staging-", dir=rep_final.parent))
    stage_fig = Path(tempfile.mkdtemp(prefix=".figures-staging-", dir=fig_final.parent))
    scratch = Path(tempfile.mkdtemp(prefix=".report-scratch-", dir=rep_final.parent))
    final_dirs = {stage_rep: rep_final, stage_fig: fig_final}
    try:
        if build:
            bar.set_postfix_str("build")
            # (several files are read by the report itself, as assess reads them: the build keeps one input)
            dataset.build(data if not isinstance(data, list) else None, targets)
        step("build")
        lap("build")
        ctx = figures.ReportContext(data, targets, as_of, sector_data=sectors, baseline=baseline, ledger=ledger_df)
        ctx.assessment  # noqa: B018 - load and assess once, before drawing
        result.warnings.extend(ctx.assessment.warnings)  # what the reader said of the user's files
        result.warnings.extend(ctx.assessment.as_of_notes(lang))  # --as-of before the data's first year
        step("assess")
        lap("assess")
        fig_files = figures.export(ctx, langs=(lang,), formats=formats, out_dir=stage_fig,
                                   only=[s.slug for s in specs], dpi=dpi or DPI, progress=step,
                                   skipped=result.skipped_figures)
        lap("figures")
        doc_figs, hrefs, added = _document_figures(ctx, specs, fig_files, lang=lang, stage_fig=stage_fig,
                                                   fig_final=fig_final, rep_final=rep_final, scratch=scratch,
                                                   dpi=dpi or DPI, skipped=result.skipped_figures)
        if added:
            fig_files = fig_files + added
            result.warnings.append(t("report.raster_added", lang, formats=", ".join(formats), n=len(added)))
        body = content_mod.build_content(ctx, lang, include_sectors=include_sectors,
                                         sectors_reason=None if include_sectors else t("report.sectors_left_out_doc", lang),
                                         figure_files=doc_figs, include_ledger=include_ledger,
                                         ledger_reason=None if include_ledger else
                                         ledger_note if (as_of is not None and as_of < config.PLAN_START_YEAR)
                                         or not config.is_plan_catalogue(targets) else
                                         t("report.ledger_left_out_doc", lang))
        body.hrefs = hrefs
        reports = [word.write_docx(body, stage_rep / docx_name(lang)),
                   webpage.write_report_html(body, stage_rep / "report.html")]
        step("report")
        reports.append(workbook.write_workbook(body, stage_rep / "scorecard.xlsx"))
        reports.append(workbook.write_scorecard_csv(body, stage_rep / "scorecard.csv"))
        reports.append(workbook.write_scorecard_json(ctx.assessment, body, stage_rep / "scorecard.json"))
        step("scorecard")
        lap("documents")
        if notebooks:
            # notebook 05 shows the figures of this pack: the same selection (report --figures; no
            # sector or ledger figure where the report leaves that part out; none that was not
            # applicable), from its PNG files
            params = {"data": data, "targets": targets, "as_of": as_of, "lang": lang,
                      "figures": stage_fig if "png" in formats else None,
                      "only": [s.slug for s in specs if s.slug not in result.skipped_figures]}
            executed, result.notebook_errors = execute_notebooks(nb_paths, params=params, progress=step)
            lap("notebooks")
            if executed:
                reports.append(write_html(executed, stage_rep / "notebooks.html", lang=lang,
                                          preface=preface(ctx, lang)))
            else:
                result.warnings.append(t("report.no_notebook_ran", lang))
            step("notebooks.html")
            lap("html")
        index = write_index(stage_rep / "index.html", figure_files=fig_files, other_files=reports, ctx=ctx,
                            lang=lang, final_dirs=final_dirs)
        step("index.html")
        # everything is written: move the pack into place
        moved_figs = _move_in(stage_fig, fig_final, figures_folder=True)
        moved_reps = _move_in(stage_rep, rep_final, figures_folder=False)
        by_name = {p.name: p for p in moved_reps}
        result.files = moved_figs + [by_name[Path(r).name] for r in reports] + [by_name[index.name]]
        lap("index")
    finally:
        bar.close()
        for d in (stage_rep, stage_fig, scratch):
            shutil.rmtree(d, ignore_errors=True)
    return result


def cli_report(args) -> int:
    """``python -m analysis report [--data FILE] [--targets FILE] [--as-of YEAR] [--lang zh|en]
    [--formats png,svg,pdf] [--out DIR] [--no-notebooks] [--sectors FILE] [--sample-sectors]
    [--ledger FILE]``.

    Prints every file written (one per line), then what was skipped. Exit status 1 on bad
    input (``FILE:ROW:COLUMN: message`` lines) or when a notebook fails.
    """
    formats = [f for f in str(getattr(args, "formats", "png,svg,pdf") or "").split(",")]
    only = getattr(args, "figures", None)
    only = [s.strip() for s in only.split(",") if s.strip()] if only is not None else None
    res = build_pack(data=getattr(args, "data", None), targets=getattr(args, "targets", None),
                     as_of=getattr(args, "as_of", None), lang=getattr(args, "lang", "zh") or "zh",
                     formats=formats, out=getattr(args, "out", None),
                     notebooks=not getattr(args, "no_notebooks", False),
                     sectors=getattr(args, "sectors", None),
                     sample_sectors=bool(getattr(args, "sample_sectors", False)),
                     baseline=getattr(args, "baseline", None), ledger=getattr(args, "ledger", None),
                     figures_only=only)
    lang = check_lang(getattr(args, "lang", "zh") or "zh")
    for f in res.files:
        print(display_name(f))
    for slug, why in res.skipped_figures.items():
        print(t("report.cli_skipped", lang, slug=slug, why="; ".join(why)), file=sys.stderr)
    for w in res.warnings:  # the reader's own warnings (FILE:ROW:COLUMN: 警告：...) are printed as they are
        print(w if t("intake.warning", lang) in w else t("report.cli_note", lang, text=w), file=sys.stderr)
    for name, err in res.notebook_errors.items():
        print(t("report.cli_notebook_failed", lang, name=name, err=err), file=sys.stderr)
    print(t("report.cli_written", lang, n=len(res.files)), file=sys.stderr)
    return 1 if res.notebook_errors else 0
