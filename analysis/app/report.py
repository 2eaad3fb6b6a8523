"""The report pack: figures, scorecard workbook/CSV/JSON, the notebooks as HTML, an index page.

``python -m analysis report`` (and ``make report``) runs :func:`cli_report`::

    build data -> assess -> figures -> workbook, CSV, JSON -> execute notebooks -> HTML -> index

Files (``--out DIR`` puts ``figures/`` and ``reports/`` under ``DIR``; defaults
:func:`analysis.config.figures_dir` and :func:`analysis.config.reports_dir`):

* ``figures/<NN>_<slug>_<lang>.{png,svg,pdf}``: every figure of :mod:`analysis.app.figures`;
* ``reports/scorecard.xlsx``: sheets targets / sectors / sources and method notes;
* ``reports/scorecard.csv`` (UTF-8 with BOM, headers in ``lang``) and ``scorecard.json``
  (column ids, records);
* ``reports/report.html``: the executed notebooks without code cells;
* ``reports/index.html``: links to all of the above.

Parameters reach the notebooks through environment variables (:data:`ENV`), read in
a notebook with :func:`notebook_params`.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import html
import io
import json
import os
import re
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from analysis import config
from analysis.app import figures
from analysis import vocab
from analysis.errors import InputError, Problem, display_name
from analysis.io.atomic import atomic_write

__all__ = [
    "ENV", "notebook_params", "context_from_env", "scorecard_table", "sector_table", "sources_table",
    "method_notes", "write_workbook", "write_scorecard_csv", "write_scorecard_json", "notebook_paths",
    "execute_notebooks", "write_html", "write_index", "build_pack", "PackResult", "cli_report",
]

#: Environment variables that carry the report's parameters into the notebooks.
ENV = {"data": "ANALYSIS_DATA", "targets": "ANALYSIS_TARGETS", "as_of": "ANALYSIS_AS_OF",
       "lang": "ANALYSIS_LANG"}
#: Fixed timestamp written into the workbook and its zip entries (reproducible bytes).
FIXED_TIME = _dt.datetime(2020, 1, 1, 0, 0, 0)
#: PNG resolution of the report's figures.
DPI = 300
#: Seconds a notebook cell may run before the report gives up on it.
CELL_TIMEOUT = 600
FORMATS = ("png", "svg", "pdf")


# ------------------------------------------------------------------------ notebook parameters
def notebook_params() -> dict:
    """The report's parameters as a notebook sees them (environment variables :data:`ENV`).

    Returns
    -------
    dict
        ``data`` and ``targets`` (path strings or None: the defaults), ``as_of`` (int or
        None) and ``lang`` ("zh" unless ``ANALYSIS_LANG=en``). Pass them on:
        ``assess(p["data"], p["targets"], as_of=p["as_of"])``, ``plot(..., lang=p["lang"])``.
    """
    def text(var):
        v = os.environ.get(var, "").strip()
        return v or None

    as_of = text(ENV["as_of"])
    try:
        as_of = int(as_of) if as_of is not None else None
    except ValueError:
        raise InputError([Problem(ENV["as_of"], None, None, f"not a year: {as_of!r}")]) from None
    lang = (text(ENV["lang"]) or "zh").lower()
    if lang not in ("zh", "en"):
        raise InputError([Problem(ENV["lang"], None, None, f"must be zh or en, got {lang!r}")])
    return {"data": text(ENV["data"]), "targets": text(ENV["targets"]), "as_of": as_of, "lang": lang}


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


# ------------------------------------------------------------------------------------ tables
#: Scorecard column headers (``assess`` column -> zh, en).
SCORECARD_HEADERS: dict[str, tuple[str, str]] = {
    "region": ("地区", "Region"), "indicator_id": ("指标代码", "Indicator id"),
    "name_zh": ("指标", "Indicator (zh)"), "name_en": ("指标(英文)", "Indicator"),
    "unit": ("单位", "Unit"), "kind": ("类型", "Kind"), "measure": ("存量/流量", "Stock or flow"),
    "target": ("目标值", "Target"), "comparator": ("比较", "Comparator"), "deadline": ("期限", "Deadline"),
    "deadline_assumed": ("期限为推定", "Deadline assumed"), "baseline_year": ("基期", "Baseline year"),
    "baseline_value": ("基期值", "Baseline value"), "last_year": ("最新年份", "Latest year"),
    "last_value": ("最新值", "Latest value"), "n_points": ("观测数", "Observations"),
    "achieved_year": ("达标年份", "Year achieved"), "forecast": ("期限预测值", "Forecast at deadline"),
    "lower_80": ("80%区间下限", "80% lower"), "upper_80": ("80%区间上限", "80% upper"),
    "lower_95": ("95%区间下限", "95% lower"), "upper_95": ("95%区间上限", "95% upper"),
    "prob_meet": ("按期达标概率", "P(meet target)"), "required_growth": ("所需年均增速", "Growth required / yr"),
    "required_per_year": ("所需年均增量", "Increase required / yr"),
    "actual_growth": ("实际年均增速", "Actual growth / yr"), "actual_per_year": ("实际年均增量", "Actual increase / yr"),
    "growth_from": ("增速起算年", "Growth from"), "growth_basis": ("增速口径", "Growth basis"),
    "growth_ratio": ("增速比", "Growth ratio"), "anticipated_ratio": ("预期进展比", "Anticipated ratio"),
    "progress_share": ("完成进度", "Progress"), "time_share": ("时间进度", "Time elapsed"),
    "eurostat_label": ("欧盟统计局判定", "Eurostat label"), "anticipated_label": ("亚太经社会判定", "ESCAP label"),
    "schedule_label": ("序时进度判定", "Schedule label"), "model": ("预测模型", "Forecast model"),
    "status": ("状态", "Status"), "note": ("说明", "Note"),
}
#: Number formats by scorecard column (Excel format codes).
SCORECARD_FORMATS: dict[str, str] = {
    **{c: "0%" for c in ("prob_meet",)},
    **{c: "0.0%" for c in ("required_growth", "actual_growth", "progress_share", "time_share")},
    **{c: "0.00" for c in ("growth_ratio", "anticipated_ratio")},
    **{c: "#,##0.00" for c in ("target", "baseline_value", "last_value", "forecast", "lower_80", "upper_80",
                               "lower_95", "upper_95", "required_per_year", "actual_per_year")},
    **{c: "0" for c in ("deadline", "baseline_year", "last_year", "achieved_year", "growth_from", "n_points")},
}
#: Columns of the scorecard sheet, in order (others of ``assess`` are left to the CSV/JSON).
SCORECARD_SHEET_COLUMNS = (
    "region", "indicator_id", "name", "unit", "target", "comparator", "deadline", "last_year", "last_value",
    "forecast", "lower_80", "upper_80", "prob_meet", "required_growth", "actual_growth", "progress_share",
    "eurostat_label", "anticipated_label", "schedule_label", "status", "model", "note",
)
SECTOR_HEADERS: dict[str, tuple[str, str]] = {
    "region": ("地区", "Region"), "metric": ("指标代码", "Metric id"), "metric_name": ("指标", "Metric"),
    "sector": ("产业代码", "Sector id"), "name": ("产业", "Sector"), "unit": ("单位", "Unit"),
    "year_a": ("起始年", "Year A"), "year_b": ("终止年", "Year B"), "value_a": ("起始值", "Value A"),
    "value_b": ("终止值", "Value B"), "cagr_pct": ("年均增速(%)", "CAGR (%)"),
    "share_pct": ("占全区比重(%)", "Share of district (%)"), "rank_a": ("起始位次", "Rank A"),
    "rank_b": ("终止位次", "Rank B"), "rank_change": ("位次变化", "Rank change"), "z": ("标准分数", "z-score"),
    "note": ("说明", "Note"),
}
SECTOR_FORMATS: dict[str, str] = {
    "value_a": "#,##0.00", "value_b": "#,##0.00", "cagr_pct": "0.0", "share_pct": "0.0", "z": "0.00",
    "rank_a": "0", "rank_b": "0", "rank_change": "+0;-0;0", "year_a": "0", "year_b": "0",
}
SOURCES_HEADERS: dict[str, tuple[str, str]] = {
    "path": ("文件", "File"), "title": ("标题", "Title"), "producer": ("发布者", "Producer"),
    "url": ("网址", "URL"), "accessed": ("访问日期", "Accessed"), "licence": ("许可", "Licence"),
    "sha256": ("SHA-256", "SHA-256"), "illustrative": ("示例数据", "Illustrative"), "note": ("说明", "Note"),
}
_LABEL_COLUMNS = ("eurostat_label", "anticipated_label", "schedule_label")


def _header(headers: dict, col: str, lang: str) -> str:
    pair = headers.get(col)
    return pair[0 if lang == "zh" else 1] if pair else col


def _label_name(key: str, lang: str) -> str:
    try:
        from analysis.model.labels import label_name

        return label_name(key, lang)
    except Exception:  # noqa: BLE001 - a display name is never worth failing for
        return key


def scorecard_table(assessment: pd.DataFrame, lang: str = "zh", *, columns: Sequence[str] | None = None
                    ) -> pd.DataFrame:
    """The scorecard for people: chosen columns, names and labels in ``lang``, headers in ``lang``.

    ``columns`` defaults to :data:`SCORECARD_SHEET_COLUMNS`; ``"name"`` is the indicator
    name in ``lang``. Status and label keys become display names. Numbers stay numbers.
    """
    df = assessment.copy()
    df["name"] = df["name_zh"] if lang == "zh" else df["name_en"]
    df["status"] = [vocab.status_name(s, lang) for s in df["status"]]
    for c in _LABEL_COLUMNS:
        if c in df.columns:
            df[c] = [_label_name(v, lang) if isinstance(v, str) else v for v in df[c]]
    cols = [c for c in (columns or SCORECARD_SHEET_COLUMNS) if c in df.columns]
    if df["region"].nunique() <= 1 and columns is None:
        cols = [c for c in cols if c != "region"]
    out = df[cols]
    headers = dict(SCORECARD_HEADERS)
    headers["name"] = ("指标", "Indicator")
    out.columns = [_header(headers, c, lang) for c in cols]
    out.attrs = {"columns": cols}
    return out


def sector_table(ctx: figures.ReportContext, lang: str = "zh") -> pd.DataFrame:
    """:func:`analysis.model.sectors.compare` on the context's panel, with headers in ``lang``."""
    from analysis.model import sectors

    df = sectors.compare(ctx.sector_panel, lang=lang)
    try:
        meta = sectors.metric_metadata()
    except Exception:  # noqa: BLE001
        meta = None
    # the unit has its own column: drop the "(unit)" the label ends with
    df.insert(2, "metric_name", [re.sub(r"\s*\([^()]*\)$", "", sectors.metric_label(m, lang, meta))
                                 for m in df["metric"]])
    cols = list(df.columns)
    df.columns = [_header(SECTOR_HEADERS, c, lang) for c in cols]
    df.attrs = {"columns": cols}
    return df


def sources_table(lang: str = "zh") -> pd.DataFrame:
    """``data/raw/sources.csv`` (provenance of every raw file), headers in ``lang``."""
    path = config.sources_path()
    if not path.exists():
        return pd.DataFrame(columns=[_header(SOURCES_HEADERS, c, lang) for c in SOURCES_HEADERS])
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    cols = list(df.columns)
    df.columns = [_header(SOURCES_HEADERS, c, lang) for c in cols]
    df.attrs = {"columns": cols}
    return df


def method_notes(ctx: figures.ReportContext, lang: str = "zh") -> list[str]:
    """Short method notes for the workbook and the index page (computed facts, no results)."""
    cap = ctx.caption("observations", lang)
    as_of = cap["as_of"]
    n = len(ctx.targets)
    if lang == "zh":
        notes = [
            f"数据来源:{cap['source']};数据截至{as_of}年。",
            f"目标:{n}项,来自规划目标清单(data/raw/plan/targets.csv);未设期限的按规划期末{config.PLAN_HORIZON}年评估。",
            "状态规则:已完成 = 最新值达到目标且按存量/流量口径已计入;到期未达标为难以完成;"
            "少于3个观测为数据不足;其余按按期达标概率判定(≥0.8 按期可达,0.2-0.8 存在风险,<0.2 难以完成)。",
            "预测:按指标类型选用趋势模型,80%/95%预测区间;按期达标概率由预测分布计算。",
            "进度判定:欧盟统计局增速比、亚太经社会预期进展比、序时进度三种方法并列,见 docs/attainment.md。",
            "产业比较:年均增速、占全区比重、位次与标准分数,见 docs/sectors.md。",
        ]
        if cap["illustrative"]:
            notes.insert(0, f"{vocab.ILLUSTRATIVE_STAMP}:{vocab.ILLUSTRATIVE_NOTE['zh']},仅用于演示方法。")
    else:
        notes = [
            f"Data: {cap['source']}; data as of {as_of}.",
            f"Targets: {n} from the plan's catalogue (data/raw/plan/targets.csv); targets with no deadline "
            f"are judged at the plan horizon ({config.PLAN_HORIZON}).",
            "Status: achieved = the latest value meets the target and counts now (stock/flow rule); "
            "off track when the deadline year is observed and the target is missed; insufficient data "
            "with fewer than 3 observations; otherwise by the probability of meeting the target "
            "(>= 0.8 on track, 0.2-0.8 at risk, < 0.2 off track).",
            "Forecasts: trend models chosen by indicator kind, 80 % / 95 % intervals; the probability "
            "of meeting the target comes from the forecast distribution.",
            "Progress labels: Eurostat growth ratio, ESCAP anticipated progress and the schedule check "
            "(序时进度) side by side; see docs/attainment.md.",
            "Sectors: compound growth, share of the district, ranks and z-scores; see docs/sectors.md.",
        ]
        if cap["illustrative"]:
            notes.insert(0, f"{vocab.ILLUSTRATIVE_STAMP}: {vocab.ILLUSTRATIVE_NOTE['en']}; shown to "
                            "demonstrate the method only.")
    return notes


# ---------------------------------------------------------------------------------- workbook
def _fixed_zip(data: bytes) -> bytes:
    """Rewrite an xlsx (zip) with fixed entry timestamps and fixed core-property dates."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = blob.decode("utf-8")
                text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rf"\g<1>{stamp}\g<2>", text)
                blob = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, blob)
    return out.getvalue()


def _write_sheet(ws, df: pd.DataFrame, formats: dict[str, str], *, start_row: int = 1,
                 status_col: str | None = None, lang: str = "zh") -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ids = df.attrs.get("columns", list(df.columns))
    head_fill = PatternFill("solid", start_color="FFE8EEF4", end_color="FFE8EEF4")
    bold = Font(bold=True)
    line = Border(bottom=Side(style="thin", color="FF7F7F7F"))
    for j, name in enumerate(df.columns, start=1):
        c = ws.cell(row=start_row, column=j, value=str(name))
        c.font, c.fill, c.border = bold, head_fill, line
        c.alignment = Alignment(wrap_text=True, vertical="center")
    for i, row in enumerate(df.itertuples(index=False), start=start_row + 1):
        for j, v in enumerate(row, start=1):
            if v is None or (isinstance(v, float) and v != v) or v is pd.NA or v is pd.NaT:
                v = None
            elif hasattr(v, "item"):  # numpy scalar
                v = v.item()
            c = ws.cell(row=i, column=j, value=v)
            fmt = formats.get(ids[j - 1]) if j - 1 < len(ids) else None
            if fmt and isinstance(v, (int, float)) and not isinstance(v, bool):
                c.number_format = fmt
    # column widths from the longest cell (CJK characters count double)
    for j, name in enumerate(df.columns, start=1):
        values = [str(name)] + ["" if v is None else str(v) for v in df.iloc[:, j - 1].tolist()[:500]]
        width = max(_display_width(v) for v in values)
        ws.column_dimensions[get_column_letter(j)].width = max(6, min(60, width + 2))
    ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
    if len(df):
        ws.auto_filter.ref = f"A{start_row}:{get_column_letter(len(df.columns))}{start_row + len(df)}"
    if status_col is not None and status_col in ids and len(df):
        j = ids.index(status_col) + 1
        letter = get_column_letter(j)
        rng = f"{letter}{start_row + 1}:{letter}{start_row + len(df)}"
        for status in vocab.STATUSES:
            colour = "FF" + vocab.STATUS_COLORS[status].lstrip("#").upper()
            fill = PatternFill("solid", start_color=colour, end_color=colour, bgColor=colour)
            ws.conditional_formatting.add(rng, CellIsRule(operator="equal",
                                                          formula=[f'"{vocab.status_name(status, lang)}"'],
                                                          fill=fill))


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def write_workbook(ctx: figures.ReportContext, path: str | Path, lang: str = "zh") -> Path:
    """Write the scorecard workbook: targets, sectors, sources and method notes.

    Sheets (names in ``lang``): the scorecard (:func:`scorecard_table`, status cells
    coloured by conditional formatting with :data:`analysis.vocab.STATUS_COLORS`), the
    sector comparison (:func:`sector_table`; omitted with a note when the sector panel
    cannot be read) and the sources with method notes. Frozen header rows, filters,
    column widths, number formats. The bytes are reproducible (fixed timestamps).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    zh = lang == "zh"
    wb = Workbook()
    ws = wb.active
    ws.title = "目标评估" if zh else "Targets"
    table = scorecard_table(ctx.assessment, lang)
    _write_sheet(ws, table, SCORECARD_FORMATS, status_col="status", lang=lang)
    _source_note(ws, len(table), ctx.caption("observations", lang), lang)

    ws2 = wb.create_sheet("产业比较" if zh else "Sectors")
    try:
        st = sector_table(ctx, lang)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - the sectors part may be missing; say so in the sheet
        ws2.cell(row=1, column=1, value=("产业比较不可用:" if zh else "Sector comparison unavailable: ")
                 + f"{type(exc).__name__}: {exc}")
    else:
        _write_sheet(ws2, st, SECTOR_FORMATS, lang=lang)
        _source_note(ws2, len(st), ctx.caption("sectors", lang), lang)

    ws3 = wb.create_sheet("来源与方法" if zh else "Sources and methods")
    src = sources_table(lang)
    _write_sheet(ws3, src, {}, lang=lang)
    row = len(src) + 3
    ws3.cell(row=row, column=1, value="方法说明" if zh else "Method notes").font = Font(bold=True)
    for k, note in enumerate(method_notes(ctx, lang), start=row + 1):
        c = ws3.cell(row=k, column=1, value=note)
        c.alignment = Alignment(wrap_text=False)
    for w in wb.worksheets:
        w.sheet_view.zoomScale = 100
    wb.properties.creator = "pingchuan-analysis"
    wb.properties.title = "平川区科技成果转移转化示范区目标监测" if zh else "Pingchuan plan monitoring scorecard"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    with atomic_write(path, binary=True) as fh:
        fh.write(_fixed_zip(buf.getvalue()))
    return path


def _source_note(ws, n_rows: int, cap: dict, lang: str) -> None:
    """Below a data table (one blank row): the source and as-of year, and for illustrative data a
    red "示例数据 / illustrative data" line; also in the printed page header."""
    from openpyxl.styles import Font

    from analysis.viz import style

    src = style.caption_text(source=cap["source"], as_of=cap["as_of"], lang=lang)
    row = n_rows + 3
    ws.cell(row=row, column=1, value=src).font = Font(italic=True, color="555555")
    if cap["illustrative"]:
        ws.cell(row=row + 1, column=1, value=f"{vocab.ILLUSTRATIVE_STAMP}: {vocab.ILLUSTRATIVE_NOTE[lang]}").font = \
            Font(bold=True, color="B2182B")
        ws.oddHeader.center.text = vocab.ILLUSTRATIVE_STAMP


def write_scorecard_csv(ctx: figures.ReportContext, path: str | Path, lang: str = "zh") -> Path:
    """The scorecard sheet as CSV (UTF-8 with BOM so Excel opens it; headers in ``lang``)."""
    path = Path(path)
    text = scorecard_table(ctx.assessment, lang).to_csv(index=False, lineterminator="\n")
    with atomic_write(path, encoding="utf-8-sig") as fh:
        fh.write(text)
    return path


def write_scorecard_json(ctx: figures.ReportContext, path: str | Path, lang: str = "zh") -> Path:
    """The full assessment as JSON: ``{"meta": {...}, "scorecard": [records with column ids]}``.

    Adds ``status_name`` (in ``lang``); numbers stay numbers, missing values are null.
    """
    path = Path(path)
    df = ctx.assessment.copy()
    df["status_name"] = [vocab.status_name(s, lang) for s in df["status"]]
    records = json.loads(df.to_json(orient="records", force_ascii=False))
    cap = ctx.caption("observations", lang)
    meta = {"as_of": cap["as_of"], "illustrative": cap["illustrative"], "source": cap["source"], "lang": lang,
            "targets": len(ctx.targets)}
    text = json.dumps({"meta": meta, "scorecard": records}, ensure_ascii=False, indent=2) + "\n"
    with atomic_write(path) as fh:
        fh.write(text)
    return path


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

    import tempfile

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
        import shutil

        # nbclient leaves a kernel it did not create running: stop it here, or it lingers
        # until this process exits ("Parent appears to have exited, shutting down")
        try:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
        except Exception:  # pragma: no cover - best effort; the kernel dies with us anyway
            pass
        shutil.rmtree(sockets, ignore_errors=True)
    return nb


def execute_notebooks(paths: Iterable[str | Path], *, params: dict | None = None,
                      timeout: int = CELL_TIMEOUT, progress=None, workers: int | None = None
                      ) -> tuple[list, dict[str, str]]:
    """Execute notebooks with the report's parameters in the environment.

    Notebooks run ``workers`` at a time (default: 2, or 1 on a single core), each in its
    own kernel. Returns ``(executed, errors)``: the executed notebooks (``(path,
    notebook)``, in the order given) and, for each one that failed, its name -> the
    error's last line.
    """
    from concurrent.futures import ThreadPoolExecutor

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
    # the parameters are set once for the whole run: kernels inherit them when they start
    with _env({"MPLBACKEND": None, **_params_env(params or {})}):
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
        if v is not None and key in ("data", "targets", "figures"):
            v = str(Path(v).expanduser().resolve())
        out[var] = None if v is None else str(v)
    return out


#: Shown in the static HTML report where a notebook displays an interactive widget.
WIDGET_NOTE = {
    "zh": "交互式部件只能在 Jupyter 或 Voila 中使用:运行 <code>make explore</code>"
          "(<code>python -m analysis explore</code>)。",
    "en": "Interactive widgets work in Jupyter or Voila only: run <code>make explore</code> "
          "(<code>python -m analysis explore</code>).",
}
_WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _static_outputs(cell, lang: str):
    """A copy of a code cell whose widget outputs are replaced by :data:`WIDGET_NOTE`."""
    import copy

    import nbformat

    if not any(_WIDGET_MIME in o.get("data", {}) for o in cell.get("outputs", [])):
        return cell
    cell = copy.deepcopy(cell)
    outs = []
    for o in cell.outputs:
        if _WIDGET_MIME in o.get("data", {}):
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
    title = title or ("平川区科技成果转移转化示范区建设监测报告" if lang == "zh"
                      else "Pingchuan S&T achievement-transfer plan: monitoring report")
    merged = nbformat.v4.new_notebook()
    merged.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                       "language_info": {"name": "python"}}
    if preface:
        merged.cells.append(nbformat.v4.new_markdown_cell(preface))
    for _, nb in executed:
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell = _static_outputs(cell, lang)
                if not cell.get("outputs"):
                    continue
            merged.cells.append(cell)
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(merged, resources={"metadata": {"name": title}})
    body = re.sub(r"<html(\s+lang=\"[^\"]*\")?>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}">', body,
                  count=1)
    with atomic_write(path) as fh:
        fh.write(body)
    return path


def _preface(ctx: figures.ReportContext, lang: str) -> str:
    cap = ctx.caption("observations", lang)
    if lang == "zh":
        lines = ["# 平川区科技成果转移转化示范区建设监测报告",
                 f"资料来源：{cap['source']}；数据截至{cap['as_of']}年。"
                 "图表、记分卡工作簿和本报告由 `python -m analysis report` 生成,见 [index.html](index.html)。"]
        if cap["illustrative"]:
            lines.append(f"**{vocab.ILLUSTRATIVE_STAMP}**:{vocab.ILLUSTRATIVE_NOTE['zh']}。")
    else:
        lines = ["# Pingchuan S&T achievement-transfer plan: monitoring report",
                 f"Source: {cap['source']}; data as of {cap['as_of']}. Figures, the scorecard workbook and "
                 "this page are made by `python -m analysis report`; see [index.html](index.html)."]
        if cap["illustrative"]:
            lines.append(f"**{vocab.ILLUSTRATIVE_STAMP}**: {vocab.ILLUSTRATIVE_NOTE['en']}.")
    return "\n\n".join(lines)


# -------------------------------------------------------------------------------- index page
def write_index(path: str | Path, *, figure_files: Sequence[Path], other_files: Sequence[Path],
                ctx: figures.ReportContext, lang: str = "zh") -> Path:
    """A plain HTML page linking every figure (with a thumbnail) and the other outputs."""
    path = Path(path)
    zh = lang == "zh"
    base = path.parent

    def rel(p: Path) -> str:
        return html.escape(Path(os.path.relpath(Path(p).resolve(), base.resolve())).as_posix())

    by_stem: dict[str, list[Path]] = {}
    for f in figure_files:
        by_stem.setdefault(Path(f).stem, []).append(Path(f))
    cap = ctx.caption("observations", lang)
    items = []
    for spec in figures.specs():
        stem = spec.stem(lang)
        files = by_stem.get(stem)
        if not files:
            continue
        png = next((f for f in files if f.suffix == ".png"), None)
        thumb = f'<a href="{rel(png)}"><img src="{rel(png)}" alt="{html.escape(spec.title(lang))}" loading="lazy"></a>' \
            if png else ""
        links = " · ".join(f'<a href="{rel(f)}">{f.suffix[1:].upper()}</a>' for f in sorted(files, key=lambda x: x.suffix))
        items.append(f'<figure>{thumb}<figcaption><b>{spec.number:02d}</b> {html.escape(spec.title(lang))}'
                     f'<br><span class="files">{links}</span></figcaption></figure>')
    others = "".join(f'<li><a href="{rel(f)}">{html.escape(Path(f).name)}</a></li>' for f in other_files)
    title = "平川区科技成果转移转化示范区建设监测" if zh else "Pingchuan plan monitoring"
    stamp = (f'<p class="stamp">{html.escape(vocab.ILLUSTRATIVE_STAMP)}:'
             f'{html.escape(vocab.ILLUSTRATIVE_NOTE[lang])}</p>') if cap["illustrative"] else ""
    source = (f"资料来源:{cap['source']};数据截至{cap['as_of']}年。" if zh
              else f"Source: {cap['source']}; data as of {cap['as_of']}.")
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in method_notes(ctx, lang))
    page = f"""<!DOCTYPE html>
<html lang="{'zh-CN' if zh else 'en'}">
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
<h2>{'报告与数据表' if zh else 'Report and tables'}</h2>
<ul>{others}</ul>
<h2>{'图表' if zh else 'Figures'}</h2>
<div class="grid">
{chr(10).join(items)}
</div>
<h2>{'方法说明' if zh else 'Method notes'}</h2>
<ul>{notes}</ul>
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
    #: Seconds per step (``build``, ``assess``, ``figures``, ``tables``, ``notebooks``, ``html``, ``index``).
    timings: dict[str, float] = field(default_factory=dict)


def _progress_bar(total: int, enabled: bool | None):
    from tqdm.auto import tqdm

    # disable=None: a bar only when standard error is a terminal
    return tqdm(total=total, desc="report", unit="step", file=sys.stderr,
                disable=None if enabled is None else not enabled, dynamic_ncols=True, leave=False)


def build_pack(*, data: str | Path | None = None, targets: str | Path | None = None, as_of: int | None = None,
               lang: str = "zh", formats: Sequence[str] = FORMATS, out: str | Path | None = None,
               notebooks: bool = True, figures_only: Iterable[str | int] | None = None,
               build: bool = True, progress: bool | None = None, dpi: int | None = None,
               baseline: int | None = None) -> PackResult:
    """Make the whole report pack; see the module docstring for the files.

    Parameters
    ----------
    data, targets, as_of, baseline : as for :func:`analysis.model.scorecard.assess`.
    lang : {"zh", "en"}
    formats : figure formats.
    out : path-like, optional
        Put ``figures/`` and ``reports/`` under this folder (default: the configured ones).
    notebooks : bool
        Execute the notebooks and write ``report.html`` (slow part).
    figures_only : slugs or numbers, optional
        Only these figures (tests, quick previews).
    build : bool
        Run :func:`analysis.io.dataset.build` first (writes ``data/processed``).
    progress : bool or None
        Progress bar on standard error (None: only on a terminal).
    dpi : int, optional
        PNG resolution (default :data:`DPI`).

    Raises
    ------
    InputError
        Bad ``data``/``targets`` (every problem listed) or an unknown format.
    """
    if lang not in ("zh", "en"):
        raise InputError([Problem("--lang", None, None, f"must be zh or en, got {lang!r}")])
    formats = tuple(f.strip().lower() for f in formats if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise InputError([Problem("--formats", None, None,
                                  f"unknown format {f!r}; use png, svg, pdf") for f in bad] or
                         [Problem("--formats", None, None, "no format given; use png, svg, pdf")])
    for name, p in (("--data", data), ("--targets", targets)):
        if p is not None and not Path(p).is_file():
            raise InputError([Problem(display_name(p), None, None, f"file not found (given as {name})")])
    if out is not None:
        fig_dir, rep_dir = Path(out) / "figures", Path(out) / "reports"
    else:
        fig_dir, rep_dir = config.figures_dir(), config.reports_dir()
    specs = figures.available(figures_only)
    result = PackResult(skipped_figures=figures.unavailable(figures_only))
    nb_paths = notebook_paths() if notebooks else []
    total = 2 + len(specs) + 3 + (len(nb_paths) + 1 if notebooks else 0) + 1
    bar = _progress_bar(total, progress)

    def step(label: str) -> None:
        bar.set_postfix_str(label, refresh=False)
        bar.update(1)

    clock = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        result.timings[name] = round(now - clock[0], 3)
        clock[0] = now

    try:
        if build:
            from analysis.io import dataset

            bar.set_postfix_str("build")
            dataset.build(data, targets)
        step("build")
        lap("build")
        ctx = figures.ReportContext(data, targets, as_of, baseline=baseline)
        ctx.assessment  # noqa: B018 - load and assess once, before drawing
        step("assess")
        lap("assess")
        result.files += figures.export(ctx, langs=(lang,), formats=formats, out_dir=fig_dir,
                                       only=[s.slug for s in specs], dpi=dpi or DPI, progress=step,
                                       skipped=result.skipped_figures)
        fig_files = list(result.files)
        lap("figures")
        reports = [write_workbook(ctx, rep_dir / "scorecard.xlsx", lang)]
        step("scorecard.xlsx")
        reports.append(write_scorecard_csv(ctx, rep_dir / "scorecard.csv", lang))
        step("scorecard.csv")
        reports.append(write_scorecard_json(ctx, rep_dir / "scorecard.json", lang))
        step("scorecard.json")
        lap("tables")
        if notebooks:
            params = {"data": data, "targets": targets, "as_of": as_of, "lang": lang,
                      "figures": fig_dir if "png" in formats else None}
            executed, result.notebook_errors = execute_notebooks(nb_paths, params=params, progress=step)
            lap("notebooks")
            if executed:
                reports.append(write_html(executed, rep_dir / "report.html", lang=lang,
                                          preface=_preface(ctx, lang)))
            else:
                result.warnings.append("no notebook ran; report.html not written")
            step("report.html")
            lap("html")
        result.files += reports
        index = write_index(rep_dir / "index.html", figure_files=fig_files, other_files=reports, ctx=ctx,
                            lang=lang)
        result.files.append(index)
        step("index.html")
        lap("index")
    finally:
        bar.close()
    return result


def cli_report(args) -> int:
    """``python -m analysis report [--data FILE] [--targets FILE] [--as-of YEAR] [--lang zh|en]
    [--formats png,svg,pdf] [--out DIR] [--no-notebooks]``.

    Prints every file written (one per line), then what was skipped. Exit status 1 on bad
    input (``FILE:ROW:COLUMN: message`` lines) or when a notebook fails.
    """
    formats = [f for f in str(getattr(args, "formats", "png,svg,pdf") or "").split(",")]
    res = build_pack(data=getattr(args, "data", None), targets=getattr(args, "targets", None),
                     as_of=getattr(args, "as_of", None), lang=getattr(args, "lang", "zh") or "zh",
                     formats=formats, out=getattr(args, "out", None),
                     notebooks=not getattr(args, "no_notebooks", False), baseline=getattr(args, "baseline", None))
    for f in res.files:
        print(display_name(f))
    for slug, why in res.skipped_figures.items():
        why = ", ".join(why)
        print(f"skipped figure {slug}: {why if why.startswith('not applicable') else 'missing ' + why}",
              file=sys.stderr)
    for w in res.warnings:
        print(f"warning: {w}", file=sys.stderr)
    for name, err in res.notebook_errors.items():
        print(f"notebooks/{name}: failed: {err}", file=sys.stderr)
    print(f"{len(res.files)} files written", file=sys.stderr)
    return 1 if res.notebook_errors else 0
