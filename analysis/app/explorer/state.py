"""The explorer's state, without widgets: controls ↔ scenario, answers, uploads, downloads.

Everything the app decides lives here as plain functions and small dataclasses, so it
is tested without ipywidgets (``tests/test_explorer_state.py``); the widget shell
(:mod:`analysis.app.explorer.widgets`) only copies values between these and the
controls.

Safety: nothing here touches the file system. A scenario arrives as the bytes of a
browser upload (:func:`read_upload`) and leaves as a ``data:`` URL the browser
downloads (:func:`data_url`); no text from the page is ever used as a path. An uploaded
monitoring file (:func:`upload_kind` says which an upload is) is read by
:mod:`analysis.app.explorer.data`.
"""

from __future__ import annotations

import base64
import html
import math
import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis import vocab
from analysis.errors import InputError, Problem
from analysis.i18n import t
from analysis.i18n.names import place_name
from analysis.io.dataset import DATA_SUFFIXES
from analysis.model import scenarios as S

__all__ = [
    "SLIDERS", "SLIDER_PARAM", "FACTOR", "PERCENT_RANGES", "SliderRange", "Controls", "Answer",
    "slider_ranges", "controls_for", "params_from", "scenario_from", "read_upload", "problem_sentences",
    "check_applicable", "answer_of", "badge_ink", "start_sentence", "data_url", "download_name", "default_type",
    "round_to_step", "n_sims_of", "stable_view", "UPLOAD_ACCEPT", "MAX_DATA_UPLOAD_BYTES", "upload_kind",
    "data_loaded_sentence", "data_notes",
]

#: The sliders of the app, in display order.
SLIDERS: tuple[str, ...] = ("growth", "additions", "renewal", "outflow", "population")
#: Which parameter each slider sets, per scenario type.
SLIDER_PARAM: dict[str, dict[str, str]] = {
    "trend": {},
    "growth": {"growth": "rate"},
    "additions": {"additions": "per_year"},
    "certificates": {"additions": "new_per_year", "renewal": "renewal_rate"},
    "per_capita": {"additions": "grants_per_year", "outflow": "lapse_rate", "population": "population_change"},
    "stock": {"additions": "per_year", "outflow": "closure_rate"},
}
#: Slider value = parameter × factor (rates are shown in per cent).
FACTOR: dict[str, float] = {"growth": 100.0, "additions": 1.0, "renewal": 100.0, "outflow": 100.0,
                            "population": 100.0}
#: Fixed ranges (min, max, step) of the per-cent sliders.
PERCENT_RANGES: dict[str, tuple[float, float, float]] = {
    "growth": (-30.0, 80.0, 1.0), "renewal": (0.0, 100.0, 5.0), "outflow": (0.0, 30.0, 1.0),
    "population": (-5.0, 5.0, 0.1),
}
#: The app's Monte Carlo paths when a scenario does not set ``n_sims`` (fast enough to feel instant).
APP_N_SIMS: int = 1000


@dataclass(frozen=True)
class SliderRange:
    """Range, step and readout decimals of one slider."""

    min: float
    max: float
    step: float
    decimals: int


@dataclass
class Controls:
    """What the controls show: enough to rebuild the scenario exactly.

    ``values`` are slider positions (per cent for rates); ``exact`` remembers, per
    slider, the exact parameter a loaded scenario had while the slider still shows its
    rounded position; ``extra`` holds parameters without a slider (``sd``, ``cohorts``,
    ``validity``, ``model``, ``as_of``, ``n_sims``).
    """

    region: str
    indicator_id: str
    scenario_type: str
    lang: str = "zh"
    seed: int = 2019
    values: dict = field(default_factory=dict)
    ranges: dict = field(default_factory=dict)
    exact: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    weights: dict | None = None
    #: Where the sliders' starting pace comes from (:func:`analysis.model.scenarios.default_basis`),
    #: or ``{"source": "scenario"}`` when a loaded scenario set it.
    start: dict = field(default_factory=dict)


def _nice_step(x: float) -> float:
    """A 1-2-5 step close to ``x``."""
    if not x > 0:
        return 1.0
    e = math.floor(math.log10(x))
    for m in (1, 2, 5, 10):
        if m * 10 ** e >= x:
            return float(m * 10 ** e)
    return float(10 ** (e + 1))


def _decimals(step: float) -> int:
    return max(0, -int(math.floor(math.log10(step)))) if step < 1 else 0


def readout_decimals(value: float, step: float) -> int:
    """Decimals a slider's readout shows: the step's, and one more for a value off its grid (a
    default or loaded 33.2 % on a grid of 1 %: the readout says what the answer says)."""
    return _decimals(step) + (abs(value - round_to_step(value, step)) > 1e-9)


def round_to_step(v: float, step: float) -> float:
    """``v`` on the slider's grid, without binary noise (37.999999999999986 → 38)."""
    return round(round(v / step) * step, _decimals(step) + 2)


def slider_ranges(stype: str, history: pd.Series, meta: Mapping, params: Mapping,
                  population: pd.Series | None = None) -> dict[str, SliderRange]:
    """The ranges of the sliders ``stype`` uses.

    Per-cent sliders have fixed ranges (widened to hold a loaded value); the additions
    slider covers 2.5 × the gap to the target, 3 × the largest historical change and
    1.5 × the current value, on a 1-2-5 step (whole numbers for counts).
    """
    out: dict[str, SliderRange] = {}
    for name, key in SLIDER_PARAM.get(stype, {}).items():
        cur = params.get(key)
        cur = float(cur) * FACTOR[name] if cur is not None else None
        if name in PERCENT_RANGES:
            lo, hi, step = PERCENT_RANGES[name]
            if cur is not None:
                lo, hi = min(lo, math.floor(cur / step) * step), max(hi, math.ceil(cur / step) * step)
            out[name] = SliderRange(lo, hi, step, _decimals(step))
            continue
        last = float(history.iloc[-1]) if len(history) else 0.0
        scale = abs(float(meta["value"]) - last)
        if stype == "per_capita" and population is not None and len(history):
            scale *= float(population[population.index <= int(history.index[-1])].iloc[-1]) \
                if (population.index <= int(history.index[-1])).any() else float(population.iloc[0])
        d = np.abs(np.diff(history.to_numpy(dtype=float))) if len(history) > 1 else np.array([0.0])
        top = max(2.5 * scale, 3 * float(d.max()), abs(cur or 0.0) * 1.5, 1e-9)
        discrete = stype in ("certificates", "per_capita", "stock") or meta.get("kind") in ("count", "milestone")
        step = 1.0 if discrete and top >= 8 else _nice_step(top / 100)
        top = math.ceil(top / step) * step
        low = 0.0 if stype != "additions" else -math.ceil(top / 2 / step) * step
        if cur is not None:
            low = min(low, math.floor(cur / step) * step)
        out[name] = SliderRange(low, top, step, _decimals(step))
    return out


def controls_for(scenario: S.Scenario, history: pd.Series, meta: Mapping, *,
                 population: pd.Series | None = None) -> Controls:
    """The controls that show ``scenario`` (missing parameters from the defaults).

    Every parameter is kept: slider parameters exactly (``exact``), the others in
    ``extra`` (including ``as_of`` and ``n_sims``), the weights and the seed.
    """
    stype = scenario.scenario_type
    params, start = {}, {}
    if len(history):
        params, start = S.defaults(stype, history, meta, population=population)
        params = dict(params)
    given = {k: v for k, v in scenario.params.items() if v is not None}
    if start and S.PACE_PARAM.get(stype) in given:
        start = {"source": "scenario"}
    params.update(given)
    ranges = slider_ranges(stype, history, meta, params, population)
    values, exact = {}, {}
    for name, key in SLIDER_PARAM.get(stype, {}).items():
        if key in params:
            r = ranges[name]
            shown = round(float(params[key]) * FACTOR[name], r.decimals + 1)  # 33.2 %, as the answer says it
            v = min(max(shown, r.min), r.max)
            values[name] = v
            exact[name] = (v, float(params[key]))
    slider_keys = set(SLIDER_PARAM.get(stype, {}).values())
    extra = {k: v for k, v in params.items() if k not in slider_keys}
    return Controls(region=scenario.region, indicator_id=scenario.indicator_id, scenario_type=stype,
                    lang=scenario.lang, seed=int(scenario.seed), values=values, ranges=ranges, exact=exact,
                    extra=extra, weights=None if scenario.weights is None else dict(scenario.weights), start=start)


def start_sentence(start: Mapping, lang: str) -> str:
    """Where the sliders start, in ``lang`` ("" when no slider sets a pace)."""
    source = start.get("source")
    if not source:
        return ""
    return t(f"explorer.start_{source}", lang, **{k: v for k, v in start.items() if k != "source"})


def params_from(stype: str, values: Mapping[str, float], exact: Mapping[str, tuple], extra: Mapping) -> dict:
    """Scenario parameters from slider positions: a slider still at a loaded scenario's
    position gives that scenario's exact value; ``extra`` parameters pass through."""
    p: dict = {}
    for name, key in SLIDER_PARAM.get(stype, {}).items():
        if name not in values:
            continue
        v = float(values[name])
        hit = exact.get(name)
        p[key] = hit[1] if hit is not None and abs(hit[0] - v) < 1e-9 else round(v / FACTOR[name], 10)
    allowed = set(S.PARAMS[stype]) | set(S.COMMON_PARAMS)
    for k, v in extra.items():
        if k in allowed and k not in p and v is not None:
            p[k] = v
    return p


def scenario_from(c: Controls) -> S.Scenario:
    """The scenario the controls show."""
    return S.Scenario(indicator_id=c.indicator_id, scenario_type=c.scenario_type,
                      params=params_from(c.scenario_type, c.values, c.exact, c.extra), region=c.region,
                      weights=None if c.weights is None else dict(c.weights), seed=int(c.seed), lang=c.lang)


def n_sims_of(scenario: S.Scenario) -> int:
    """The Monte Carlo paths: the scenario's own ``n_sims`` when it sets one, else :data:`APP_N_SIMS`."""
    n = scenario.params.get("n_sims")
    return int(n) if n is not None else APP_N_SIMS


def stable_view(new: Mapping, old: Mapping | None) -> dict:
    """The chart's view after a change: the old one while the new data fit it and fill at
    least 45 % of its height (so a slider move redraws only the path), else the new one
    with a little room to move on."""
    lo, hi = new["ylim"]
    if old is not None and (old["x0"], old["x1"]) == (new["x0"], new["x1"]):
        olo, ohi = old["ylim"]
        if olo <= lo and hi <= ohi and (hi - olo) >= 0.45 * (ohi - olo):
            return dict(old)
    return {"x0": new["x0"], "x1": new["x1"], "ylim": (lo, lo + (hi - lo) * 1.1)}


# --------------------------------------------------------------------------- uploads
#: What the upload button offers in the file dialog: a scenario, or a statistics bureau's monitoring file.
UPLOAD_ACCEPT: str = ",".join((".json", *DATA_SUFFIXES, "application/json", "text/csv"))
#: The largest monitoring file the page uploads (the server caps a websocket message at 2 MB; the page
#: sends at most this + 1 byte of a data file, ``share/voila/templates/pingchuan/index.html.j2``);
#: a larger one is read with ``explore --data``.
MAX_DATA_UPLOAD_BYTES: int = 1536 * 1024


def upload_kind(name, content) -> str:
    """``"scenario"`` or ``"data"``: what an uploaded file is, by its suffix (``.json``; ``.xlsx``,
    ``.xls``, ``.xlsm``, ``.ods``, ``.csv`` ...), else by its first bytes (a workbook's signature; text
    that does not open as JSON with ``{`` or ``[``). An empty file is a (bad) scenario."""
    base = _display_file_name(name)
    suffix = "." + base.rsplit(".", 1)[1].lower() if "." in base else ""
    if suffix == ".json":
        return "scenario"
    if suffix in DATA_SUFFIXES:
        return "data"
    head = bytes(content or b"")[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head or head[:1] in (b"{", b"["):
        return "scenario"
    return "data"


def data_loaded_sentence(obs: pd.DataFrame, name: str, lang: str) -> str:
    """What an uploaded monitoring file gave: its regions, how many targets, which years."""
    regions = t("report.names_sep", lang).join(place_name(r, lang) for r in dict.fromkeys(obs["region"].astype(str)))
    years = obs["year"].astype(int)
    return t("explorer.data_loaded", lang, name=_display_file_name(name), regions=regions,
             n=int(obs["indicator_id"].nunique()), first=int(years.min()), last=int(years.max()))


def data_notes(obs: pd.DataFrame, lang: str, limit: int = 5) -> tuple[list[str], int]:
    """The reader's warnings on an uploaded file as sentences (at most ``limit``) and how many more."""
    info = obs.attrs.get("intake")
    warnings = list(getattr(info, "warnings", None) or [])
    return problem_sentences(warnings[:limit], lang), max(0, len(warnings) - limit)


def read_upload(content, name: str, lang: str) -> S.Scenario:
    """A scenario from the bytes of an uploaded file (never from a path).

    Raises :class:`InputError` with the problems in ``lang``: too large, not UTF-8,
    not JSON, wrong keys, types or ranges.
    """
    name = _display_file_name(name)
    raw = bytes(content or b"")
    if not raw.strip():
        raise InputError([Problem(name, None, None, t("explorer.upload_empty", lang))])
    return S.Scenario.from_json(raw, source=name, lang=lang)


def _display_file_name(name) -> str:
    """The uploaded file's base name, printable and short (it is only ever shown)."""
    base = re.split(r"[\\/]", str(name or "upload.json"))[-1]
    base = "".join(ch for ch in base if ch.isprintable())[:80]
    return base or "upload.json"


def check_applicable(scenario: S.Scenario, *, regions: Sequence[str], indicators: Sequence[str],
                     types: Sequence[str], lang: str, source: str = "scenario") -> list[Problem]:
    """Problems that stop a valid scenario from being shown with these data."""
    if scenario.region not in regions:
        return [Problem(source, None, "region", t("explorer.not_in_data", lang, what=t("explorer.what_region", lang),
                                                  value=scenario.region))]
    if scenario.indicator_id not in indicators:
        return [Problem(source, None, "indicator_id", t("explorer.not_in_data", lang,
                                                        what=t("explorer.what_indicator", lang),
                                                        value=scenario.indicator_id))]
    if scenario.scenario_type not in types:
        return [Problem(source, None, "scenario_type", t("explorer.type_not_applicable", lang,
                                                         type=scenario.scenario_type))]
    return []


#: A spreadsheet column (``D``, ``AB``), as the intake names a cell's column.
_COLUMN_LETTERS = re.compile(r"[A-Z]{1,3}")
#: ``FILE[SHEET]``, as the intake names a workbook's sheet.
_FILE_SHEET = re.compile(r"(.+)\[([^\[\]]+)\]")


def problem_sentences(exc: InputError | Sequence[Problem], lang: str) -> list[str]:
    """Each problem as a sentence in ``lang``, its place said as a person says it:
    "“a.json”中的params.rate：必须在…之间", "“a.json”第1行：不是有效的JSON文本",
    "“A1.xlsx”工作表“2019年”第4行D列：…" (the intake's ``FILE[SHEET]:ROW:COLUMN``)."""
    problems = exc.problems if isinstance(exc, InputError) else list(exc)
    out = []
    for p in problems:
        file, where = str(p.file), ""
        m = _FILE_SHEET.fullmatch(file)
        if m:
            file, where = m.group(1), t("explorer.problem_sheet", lang, sheet=m.group(2))
        column = "" if p.column is None else str(p.column)
        if p.row and _COLUMN_LETTERS.fullmatch(column):
            where += t("explorer.problem_cell", lang, row=p.row, column=column)
        elif _COLUMN_LETTERS.fullmatch(column):
            where += t("explorer.problem_column", lang, column=column)
        else:
            if p.row:
                where += t("explorer.problem_row", lang, row=p.row)
            if column:
                where += t("explorer.problem_where", lang, column=column)
        out.append(t("explorer.problem", lang, file=file, where=where, message=p.text(lang).rstrip("。.")))
    return out


# --------------------------------------------------------------------------- the answer
@dataclass(frozen=True)
class Answer:
    """What the app shows about a result: one consistent answer.

    ``probability`` text is "–" whenever the status has no probability (数据不足, the deadline
    year not reported), "已判定" once the deadline year is observed (an outcome, not a chance), and
    100 % for an achieved stock, as in the scorecard; the badge is the scorecard's status name and
    colour (已完成 / 未完成 / 期限年数据缺失 at the end of term, as ``assess`` says).
    """

    sentence: str
    required: str
    probability: str
    status: str
    status_name: str
    color: str
    notes: tuple[str, ...]
    #: The badge's text colour: black, or white on a dark status colour (未完成's wine).
    ink: str = "#000"


def badge_ink(color: str) -> str:
    """Black or white text on ``color`` ("#RRGGBB"), whichever contrasts more (WCAG relative luminance):
    black on 未完成's wine read at 2.4:1, white reads at 8.7:1."""
    rgb = [int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#fff"


def answer_of(res: S.ScenarioResult, lang: str) -> Answer:
    """The sentence, what is still required, the probability and the status badge."""
    color = vocab.STATUS_COLORS.get(res.status, "#BBBBBB")
    return Answer(sentence=res.sentence(lang), required=res.required_sentence(lang),
                  probability=S.text.probability_text(res, lang),
                  status=res.status, status_name=vocab.status_name(res.status, lang),
                  color=color, notes=tuple(res.note_texts(lang)), ink=badge_ink(color))


def default_type(types: Sequence[str], meta: Mapping, history: pd.Series) -> str:
    """The natural scenario for an indicator: its stock-flow model where there is one,
    growth for positive amounts, otherwise additions."""
    for kind in ("certificates", "per_capita"):
        if kind in types:
            return kind
    if str(meta.get("kind")) in ("level", "ratio", "share") and len(history) and history.iloc[-1] > 0 \
            and "growth" in types:
        return "growth"
    return "additions" if "additions" in types else types[0]


# --------------------------------------------------------------------------- downloads
def download_name(scenario: S.Scenario, ext: str) -> str:
    """A safe file name for a download ("tech_contract_turnover_growth.json")."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{scenario.indicator_id}_{scenario.scenario_type}").strip("._")
    return f"{stem[:80] or 'scenario'}.{ext}"


def data_url(payload: bytes | str, mime: str) -> str:
    """A ``data:`` URL holding ``payload`` (the browser downloads it; nothing is stored on the server)."""
    raw = payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)
    return f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}"


def link(href: str, name: str, label: str, cls: str) -> str:
    """An HTML download link."""
    return (f"<a class='{cls}' download='{html.escape(name, quote=True)}' href='{href}'>"
            f"{html.escape(label)}</a>")


def intro_html(provenance: Mapping, lang: str) -> str:
    """The page's introduction in ``lang``: what the app does, the scenario types, the score,
    downloads, and what the monitoring data are (illustrative, or the user's source)."""
    source = str(provenance.get(f"source_{lang}") or provenance.get("source_zh") or "").strip()
    data = (t("explorer.intro.illustrative", lang) if provenance.get("illustrative")
            else t("explorer.intro.source", lang, source=source) if source else "")
    items = "".join(f"<li>{html.escape(t(f'explorer.intro.{k}', lang))}</li>" for k in ("types", "score", "share"))
    note = (f"<p class='scenario-intro-data' style='border-left:3px solid #ccc;padding-left:8px'>"
            f"{html.escape(data)}</p>") if data else ""
    return (f"<div style='max-width:980px'><p>{html.escape(t('explorer.intro.what_if', lang))}</p>"
            f"<ul style='margin:0 0 6px 0'>{items}</ul>{note}</div>")
