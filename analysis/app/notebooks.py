"""The researchers' route: the notebooks, executed with the report's parameters, as one HTML page.

``python -m analysis report`` runs the story-telling notebooks (``notebooks/NN_*.ipynb``)
headless with the report's parameters in the environment (:data:`ENV`, read in a notebook
with :func:`notebook_params`) and joins them, without code cells, into ``notebooks.html``
(linked from ``reports/index.html``). The evaluator's documents are the Word report and
``report.html`` (:mod:`analysis.app.word`, :mod:`analysis.app.webpage`).
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable, Sequence

from analysis import config, vocab
from analysis.app import figures
from analysis.app.params import ENV, NO_FIGURES, notebook_params
from analysis.errors import InputError, Problem
from analysis.i18n import LANGS, t
from analysis.io.atomic import atomic_write

__all__ = ["ENV", "CELL_TIMEOUT", "notebook_params", "context_from_env", "notebook_paths", "execute_notebook",
           "join_streams", "execute_notebooks", "write_html", "preface", "WIDGET_NOTE"]

#: A ``<script src="http...">`` element (require.js, MathJax from a CDN).
EXTERNAL_SCRIPT = re.compile(r'<script[^>]*\ssrc="(?:https?:)?//[^"]*"[^>]*>\s*</script>\s*', re.I)
#: Seconds a notebook cell may run before the report gives up on it.
CELL_TIMEOUT = 600


# ------------------------------------------------------------------------ notebook parameters
def context_from_env() -> figures.ReportContext:
    """A :class:`~analysis.app.figures.ReportContext` for the parameters in the environment."""
    p = notebook_params()
    return figures.ReportContext(p["data"], p["targets"], p["as_of"])


@contextlib.contextmanager
def _env(values: dict):
    old = {k: os.environ.get(k) for k in values}
    try:
        for k, v in values.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = str(v)
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# ---------------------------------------------------------------------------------- notebooks
def notebook_paths(directory: str | Path | None = None) -> list[Path]:
    """The story-telling notebooks ``NN_name.ipynb``, in order."""
    d = Path(directory) if directory is not None else config.notebooks_dir()
    return sorted(p for p in d.glob("[0-9][0-9]_*.ipynb") if not p.name.startswith("."))


def execute_notebook(path: str | Path, *, timeout: int = CELL_TIMEOUT, env: dict | None = None):
    """Run one notebook headless (nbclient, kernel ``python3``, cwd = its folder); return it.

    Raises ``nbclient.exceptions.CellExecutionError`` on the first failing cell.
    """
    import nbformat
    from nbclient import NotebookClient

    from jupyter_client.manager import KernelManager

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    # a local kernel talks over IPC sockets in a private temporary folder (no TCP ports,
    # no "running over TCP without encryption" warning)
    sockets = tempfile.mkdtemp(prefix="analysis-kernel-")
    km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "k"))
    client = NotebookClient(nb, km=km, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    # the kernel must draw with the inline backend (figures as outputs), whatever
    # MPLBACKEND the calling process uses (tests set Agg)
    try:
        with _env({"MPLBACKEND": None, **(env or {})}):
            client.execute()
    finally:
        # nbclient leaves a kernel it did not create running: stop it here, or it lingers
        # until this process exits ("Parent appears to have exited, shutting down")
        try:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
        except Exception:  # pragma: no cover - best effort; the kernel dies with us anyway
            pass
        shutil.rmtree(sockets, ignore_errors=True)
    return join_streams(nb)


def _text(text) -> str:
    return "".join(text) if isinstance(text, list) else text


def join_streams(nb):
    """``nb`` with each run of consecutive stream outputs of a cell (stdout, stderr) joined into one.

    How a kernel splits what a cell prints into messages depends on timing, so without this
    the same notebook gave a different ``notebooks.html`` from one run to the next. Only
    neighbours are joined: text printed after a table or figure stays after it.
    """
    for cell in nb.cells:
        outs = []
        for o in cell.get("outputs", []):
            if (o.get("output_type") == "stream" and outs and outs[-1].get("output_type") == "stream"
                    and outs[-1].get("name") == o.get("name")):
                outs[-1]["text"] = _text(outs[-1]["text"]) + _text(o["text"])
            else:
                outs.append(o)
        if "outputs" in cell:
            cell.outputs = outs
    return nb


def execute_notebooks(paths: Iterable[str | Path], *, params: dict | None = None,
                      timeout: int = CELL_TIMEOUT, progress=None, workers: int | None = None
                      ) -> tuple[list, dict[str, str]]:
    """Execute notebooks with the report's parameters in the environment.

    Notebooks run ``workers`` at a time (default: 2, or 1 on a single core), each in its
    own kernel, with BLAS on one thread unless the environment says otherwise
    (:func:`analysis.config.one_blas_thread`). Returns ``(executed, errors)``: the executed notebooks (``(path,
    notebook)``, in the order given) and, for each one that failed, its name -> the
    error's last line.
    """
    paths = [Path(p) for p in paths]
    workers = workers or min(2, os.cpu_count() or 1)

    def run(p: Path):
        try:
            return p, execute_notebook(p, timeout=timeout), None
        except Exception as exc:  # noqa: BLE001 - report every notebook, then fail
            text = re.sub(r"\x1b\[[0-9;]*m", "", str(exc))  # tracebacks come with terminal colours
            lines = [ln for ln in text.strip().splitlines() if ln.strip()]
            return p, None, (lines[-1] if lines else type(exc).__name__)

    results = {}
    # the parameters are set once for the whole run: kernels inherit them when they start, with
    # BLAS on one thread (config.one_blas_thread)
    blas = config.one_blas_thread({v: os.environ[v] for v in config.BLAS_THREAD_VARS if v in os.environ})
    with _env({"MPLBACKEND": None, **blas, **_params_env(params or {})}):
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            for p, nb, err in pool.map(run, paths):
                results[p] = (nb, err)
                if progress is not None:
                    progress(p.name)
    done = [(p, results[p][0]) for p in paths if results[p][0] is not None]
    errors = {p.name: results[p][1] for p in paths if results[p][1] is not None}
    return done, errors


def _params_env(params: dict) -> dict:
    out = {}
    for key, var in {**ENV, "figures": figures.EXPORTED_ENV}.items():
        v = params.get(key)
        if v is not None and key == "data" and isinstance(v, (list, tuple)):  # several files: a path list
            v = os.pathsep.join(str(Path(p).expanduser().resolve()) for p in v)
        elif v is not None and key in ("data", "targets", "figures"):
            v = str(Path(v).expanduser().resolve())
        elif v is not None and key == "only":
            v = ",".join(map(str, v)) or NO_FIGURES
        out[var] = None if v is None else str(v)
    return out


#: Shown in the static HTML report where a notebook displays an interactive widget.
WIDGET_NOTE: dict[str, str] = {lang: t("notebooks.widget_note", lang) for lang in LANGS}
_WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _static_outputs(cell, lang: str):
    """A copy of a code cell whose widget outputs are replaced by :data:`WIDGET_NOTE`, or by their
    own HTML where the widget carries it (the explorer's questions)."""
    import nbformat

    if not any(_WIDGET_MIME in o.get("data", {}) for o in cell.get("outputs", [])):
        return cell
    cell = copy.deepcopy(cell)
    outs = []
    for o in cell.outputs:
        if _WIDGET_MIME in o.get("data", {}) and "text/html" in o["data"]:
            o = nbformat.v4.new_output("display_data", data={"text/html": o["data"]["text/html"]})
        elif _WIDGET_MIME in o.get("data", {}):
            o = nbformat.v4.new_output("display_data", data={
                "text/html": f'<p class="widget-note"><i>{WIDGET_NOTE[lang]}</i></p>',
                "text/plain": re.sub(r"<[^>]+>", "", WIDGET_NOTE[lang])})
        outs.append(o)
    cell.outputs = outs
    return cell


def write_html(executed: Sequence, path: str | Path, *, lang: str = "zh", title: str | None = None,
               preface: str | None = None) -> Path:
    """Join executed notebooks into one HTML page without code cells (nbconvert, exclude_input).

    ``preface`` (Markdown) opens the page; interactive widget outputs become a short note
    (a static page cannot run them).
    """
    import nbformat
    from nbconvert import HTMLExporter

    path = Path(path)
    title = title or t("report.notebooks.title", lang)
    merged = nbformat.v4.new_notebook()
    merged.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                       "language_info": {"name": "python"}}
    if preface:
        merged.cells.append(nbformat.v4.new_markdown_cell(preface, id="preface"))  # fixed id: same page on a rerun
    for _, nb in executed:
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell = _static_outputs(cell, lang)
                if not cell.get("outputs"):
                    continue
            merged.cells.append(cell)
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(merged, resources={"metadata": {"name": title}})
    body = re.sub(r"<html(\s+lang=\"[^\"]*\")?>", f'<html lang="{t("report.lang_tag", lang)}">', body,
                  count=1)
    # no scripts from the network: the page must open offline (widgets are replaced by a note above)
    body = EXTERNAL_SCRIPT.sub("", body)
    with atomic_write(path) as fh:
        fh.write(body)
    return path


def preface(ctx: figures.ReportContext, lang: str) -> str:
    """The Markdown that opens ``notebooks.html``: title, source, as-of, the illustrative note."""
    cap = ctx.caption("observations", lang)
    lines = [f"# {t('report.notebooks.title', lang)}",
             t("report.notebooks.preface", lang, source=cap["source"], as_of=cap["as_of"])]
    if cap["illustrative"]:
        lines.append(f"**{vocab.illustrative_stamp(lang)}**: {vocab.ILLUSTRATIVE_NOTE[lang]}")
    return "\n\n".join(lines)
