"""What the explorer shows, as HTML: the page's CSS, the answer, the chart, the score table, errors.

Pure functions of computed results (no widgets, no state): the widget shell
(:mod:`.widgets`) puts their text into its ``HTML`` widgets; :func:`questions_table` is the
notebook's table of the researchers' three questions.
"""

from __future__ import annotations

import base64
import html
import math
from typing import Callable, Mapping

import pandas as pd
from IPython.display import HTML

from analysis import vocab
from analysis.i18n import t
from analysis.model import scenarios as S
from analysis.viz import style

#: Text and focus colours: contrast against white ≥ 4.5:1 (error #A4262C 6.4:1, focus #1A1A1A 17:1).
ERROR_COLOR = "#A4262C"
FOCUS_COLOR = "#1A1A1A"
#: The upload button shows its words only: ipywidgets 8's ``FileUpload`` writes
#: ``"<description> (<number of files>)"`` into one text node of its button and has no option to
#: leave the number out (jupyter-widgets/ipywidgets#2904, #4009), so a clerk saw 上传情景文件（JSON） (0).
#: No selector can reach part of a text node, hence CSS as the only way short of our own
#: front-end widget: scoped to the explorer's own ``upload-control`` class, the button's text is
#: drawn at size 0 and its tooltip (the ``title`` the widget sets from ``tooltip``, which
#: :class:`~analysis.app.explorer.widgets.ScenarioExplorer` keeps equal to the label from
#: :mod:`analysis.i18n` in either language) is drawn in its place, after the icon (with empty
#: alternative text where the browser knows the syntax, so a screen reader does not say the words
#: twice; the Voila page names the button by its tooltip).
#: Layout from 360 px to a desktop: labels above controls, nothing wider than the screen; the
#: controls beside the chart where both fit (``scenario-main``), one above the other where not.
CSS = f"""
<style>
.scenario-explorer {{ max-width: 980px; width: 100%; box-sizing: border-box; }}
.scenario-explorer * {{ box-sizing: border-box; }}
.scenario-explorer .widget-inline-hbox, .scenario-explorer .widget-hslider {{
  flex-wrap: wrap; width: 100% !important; max-width: 560px; height: auto; }}
.scenario-explorer .widget-inline-hbox > .widget-label, .scenario-explorer .widget-hslider > .widget-label {{
  width: 100% !important; max-width: 100%; text-align: left; white-space: normal; overflow: visible; }}
.scenario-explorer .widget-hslider .slider-container {{ flex: 1 1 60%; min-width: 0; }}
.scenario-explorer .widget-readout {{ flex: 0 0 auto; min-width: 4em; }}
.scenario-explorer select, .scenario-explorer input {{ max-width: 100%; min-width: 0; }}
.scenario-explorer .widget-dropdown > select {{ flex: 1 1 auto; }}
.scenario-explorer .widget-html-content {{ white-space: normal; overflow-wrap: anywhere; }}
.scenario-explorer .scenario-main {{ flex-flow: row wrap; align-items: flex-start; column-gap: 24px; }}
.scenario-explorer .scenario-controls {{ flex: 1 1 340px; min-width: 0; max-width: 560px; }}
.scenario-explorer .scenario-figure {{ flex: 1 1 380px; min-width: 0; }}
.scenario-explorer .scenario-chart img {{ width: 100%; max-width: 600px; height: auto; display: block; }}
.scenario-explorer a {{ color: #0B5394; }}
.scenario-explorer .scenario-error {{ color: {ERROR_COLOR}; }}
.scenario-explorer :focus-visible, .scenario-explorer .noUi-handle:focus {{
  outline: 3px solid {FOCUS_COLOR} !important; outline-offset: 2px; }}
.scenario-explorer table {{ border-collapse: collapse; max-width: 100%; }}
.scenario-explorer td, .scenario-explorer th {{ border: 1px solid #767676; padding: 3px 5px; text-align: left; }}
.scenario-explorer .scenario-downloads a {{ display: inline-block; margin: 4px 12px 4px 0; }}
.scenario-explorer .widget-tab, .scenario-explorer .lm-TabBar {{ max-width: 100%; }}
.scenario-explorer .widget-gridbox {{ grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)) !important; }}
.scenario-explorer .widget-toggle-buttons {{ flex-wrap: wrap; }}
.scenario-explorer .widget-toggle-button {{ width: auto !important; min-width: 5em; padding: 0 10px; }}
.scenario-explorer .upload-control {{ font-size: 0; }}
.scenario-explorer .upload-control > i, .scenario-explorer .upload-control::after {{
  font-size: var(--jp-widgets-font-size, 13px); }}
.scenario-explorer .upload-control::after {{ content: attr(title); content: attr(title) / ""; }}
.scenario-explorer .sr-only {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }}
</style>
"""


def error_html(sentences, lang: str, lead: str = "") -> str:
    """The status line for problems: a heading, what happened (``lead``) and one list item per sentence."""
    items = "".join(f"<li>{html.escape(s)}</li>" for s in sentences)
    lead = f" {html.escape(lead)}" if lead else ""
    return (f"<div class='scenario-error' role='alert'><b>{html.escape(t('explorer.error', lang))}"
            f"</b>{lead}<ul style='margin:2px 0'>{items}</ul></div>")


def data_loaded_html(sentence: str, notes, more: int, lang: str) -> str:
    """The status line after an uploaded monitoring file was read: what it gave, the reader's notes."""
    items = "".join(f"<li>{html.escape(s)}</li>" for s in notes)
    if more:
        items += f"<li>{html.escape(t('explorer.data_more_notes', lang, n=more))}</li>"
    notes_html = (f"<div>{html.escape(t('explorer.data_notes', lang))}</div><ul style='margin:2px 0'>{items}</ul>"
                  if items else "")
    return f"<div role='status' aria-live='polite'>{html.escape(sentence)}{notes_html}</div>"


def data_failed_html(sentences, lang: str) -> str:
    """The page when the data the app was started with cannot be read: the title, a box with each
    problem (file, sheet, row, column) and what to do; no controls over data that are not there."""
    items = "".join(f"<li>{html.escape(s)}</li>" for s in sentences)
    return (f"<div class='scenario-explorer'><h2 style='margin:4px 0;font-size:1.3em'>"
            f"{html.escape(t('explorer.title', lang))}</h2>"
            f"<div class='scenario-error scenario-data-error' role='alert' style='border:2px solid {ERROR_COLOR};"
            f"border-radius:4px;padding:8px 12px;max-width:980px'>"
            f"<b>{html.escape(t('explorer.data_failed_title', lang))}</b>"
            f"<ul style='margin:6px 0'>{items}</ul>"
            f"<div style='color:#1A1A1A'>{html.escape(t('explorer.data_failed_next', lang))}</div></div></div>")


def answer_html(a, lang: str, illustrative: bool) -> tuple[str, str, str]:
    """The answer sentence, what is still required (with notes) and the probability line with its
    status badge, from :func:`~analysis.app.explorer.state.answer_of`."""
    answer = (f"<div style='font-size:1.2em;line-height:1.4;margin:6px 0'>"
              f"<b>{html.escape(a.sentence)}</b></div>")
    notes = " ".join(t("explorer.note", lang, note=n) for n in a.notes)
    required = (f"<div style='margin:2px 0'>{html.escape(a.required)}"
                + (f" <i>{html.escape(notes)}</i>" if notes else "") + "</div>")
    stamp = (f" <span style='color:{style.STAMP_COLOR};white-space:normal'>{html.escape(vocab.illustrative_stamp(lang))}"
             "</span>" if illustrative else "")
    prob = (
        f"<div style='margin:4px 0'>{html.escape(t('common.label', lang, label=t('explorer.prob', lang)))}"
        f"<b class='scenario-prob-value' style='font-size:1.2em'>{a.probability}</b> "
        f"<span class='scenario-badge' data-status='{html.escape(a.status)}' "
        f"style='background:{a.color};color:{a.ink};padding:2px 8px;border-radius:10px;white-space:nowrap'>"
        f"{html.escape(a.status_name)}</span>{stamp}</div>")
    return answer, required, prob


def start_html(sentence: str) -> str:
    """Where the sliders start, a grey line under them ("" shows nothing)."""
    return (f"<div style='color:#555;font-size:0.9em;margin:0 0 4px 0'>{html.escape(sentence)}</div>"
            if sentence else "")


def chart_html(png: bytes, alt: str, width: int, height: int) -> str:
    """The chart as an ``<img>`` holding the PNG as a ``data:`` URL, with its text alternative."""
    return (f"<figure style='margin:0'><img src='data:image/png;base64,"
            f"{base64.b64encode(png).decode('ascii')}' alt='{html.escape(alt, quote=True)}' "
            f"width='{width}' height='{height}'></figure>")


def score_error_html(sentences) -> str:
    """The score tab when the weights are refused: one list item per sentence."""
    items = "".join(f"<li>{html.escape(x)}</li>" for x in sentences)
    return f"<div class='scenario-error' role='alert'><ul>{items}</ul></div>"


def score_html(sr, sens, names: Mapping, group_name: Callable[[str], str], lang: str) -> str:
    """The composite score: total and its range, one row per group (rank, score, rank range under
    weight perturbation, chance the rank changes) and the five targets that swing the total most.

    ``sr`` and ``sens`` are :func:`analysis.model.scenarios.score` and
    :func:`analysis.model.scenarios.sensitivity` results; ``names`` maps indicator id -> name.
    """
    rows = []
    gs = sens.groups.set_index("group")
    for r in sr.groups.itertuples(index=False):
        if r.weight <= 0 or (isinstance(r.score, float) and math.isnan(r.score)):
            continue
        s = gs.loc[r.group]
        rng = f"{int(s.rank_p05)}–{int(s.rank_p95)}" if s.rank_p05 != s.rank_p95 else f"{int(s.rank_p05)}"
        rows.append(f"<tr><td>{int(r.rank)}</td><td>{html.escape(group_name(r.group))}"
                    f"</td><td>{r.score:.0%}</td><td>{rng}</td><td>{s.p_rank_change:.0%}</td></tr>")
    tot = sens.total
    missing = f" · {t('explorer.missing', lang, n=sr.n_missing)}" if sr.n_missing else ""
    swing_rows = "".join(
        f"<tr><td>{html.escape(str(names.get(r.indicator_id, r.indicator_id)))}</td>"
        f"<td>{min(r.total_down, r.total_up):.1%} – {max(r.total_down, r.total_up):.1%}</td></tr>"  # low to high
        for r in sens.one_at_a_time.head(5).itertuples(index=False))
    head = "".join(f"<th scope='col'>{html.escape(t(f'explorer.{k}', lang))}</th>"
                   for k in ("rank", "group", "score", "rank_range", "p_change"))
    return (
        "<div class='scenario-score-inner' style='overflow-x:auto'>"
        f"<div style='font-size:1.15em;margin:4px 0'>{html.escape(t('common.label', lang, label=t('explorer.total', lang)))}"
        f"<b class='scenario-total'>{sr.total:.1%}</b>{html.escape(missing)}</div>"
        f"<div>{html.escape(t('common.label', lang, label=t('explorer.total_range', lang)))}{tot['p05']:.1%} – "
        f"{tot['p95']:.1%}</div>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<div style='margin-top:6px'>{html.escape(t('explorer.swing', lang))}</div>"
        f"<table><thead><tr><th scope='col'>{html.escape(t('explorer.target_col', lang))}</th>"
        f"<th scope='col'>{html.escape(t('explorer.swing_col', lang))}</th></tr></thead>"
        f"<tbody>{swing_rows}</tbody></table></div>")


def questions_table(obs: pd.DataFrame | None = None, targets: pd.DataFrame | None = None, *, lang: str = "zh",
                    **kwargs) -> HTML:
    """The researchers' three questions answered (:func:`analysis.model.scenarios.questions`) as a
    table in ``lang``: headers in words, no index, nothing cut short."""
    return HTML(questions_html(obs, targets, lang=lang, **kwargs))


def questions_html(obs: pd.DataFrame | None = None, targets: pd.DataFrame | None = None, *, lang: str = "zh",
                   **kwargs) -> str:
    """The HTML of :func:`questions_table`."""
    table = S.questions(obs, targets, lang=lang, **kwargs)
    head = "".join(f"<th scope='col'>{html.escape(str(c))}</th>" for c in table.columns)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r) + "</tr>"
                   for r in table.itertuples(index=False))
    return (f"<h2 style='font-size:1.2em'>{html.escape(t('explorer.questions_title', lang))}</h2>"
            f"<p>{html.escape(t('explorer.questions_note', lang))}</p>"
            f"<table class='scenario-questions' style='border-collapse:collapse'><thead><tr>{head}</tr>"
            f"</thead><tbody>{rows}</tbody></table>")
