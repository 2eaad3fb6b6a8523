"""The explorer's widget shell: ipywidgets controls around :mod:`.state` and the shared chart.

A thin layer: every control change updates a :class:`~analysis.app.explorer.state.Controls`,
builds the :class:`~analysis.model.scenarios.Scenario`, runs it (a few milliseconds), and
shows the answer (:func:`~analysis.app.explorer.state.answer_of`), the chart drawn by
:func:`analysis.viz.scenarios.scenario_plot` (the function the report uses; kept and redrawn by
:class:`~analysis.app.explorer.chart.ScenarioChart`), the downloads of the scenario and the chart
(always the state on screen, as ``data:`` URLs) and the composite score; the HTML of each comes
from :mod:`.markup`.

Nothing here reads or writes a file: loading is a browser upload, saving a download.
Every callback is total: a bad file, number or JSON becomes a sentence in the
interface's language, never a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import html
import math
from typing import Callable, Mapping

import ipywidgets as W
import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.i18n import t
from analysis.i18n.names import place_name
from analysis.io import catalogue, dataset
from analysis.app.explorer import data as explorer_data, markup, state as st
from analysis.app.explorer.chart import ScenarioChart
from analysis.app.explorer.markup import CSS
from analysis.model import scenarios as S
from analysis.model import scorecard as scorecard_model
from analysis.viz import scenarios as V

__all__ = ["ScenarioExplorer", "explorer", "CSS"]

#: The resolution of the chart's PNG for print (the report's figures are saved at the same).
PRINT_DPI = 300


def _total(method: Callable) -> Callable:
    """Make a callback total: any problem becomes a sentence in the status line."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except InputError as exc:
            self._say_error(st.problem_sentences(exc, self.lang))
        except Exception as exc:  # noqa: BLE001 - a callback must never raise into the page
            self._say_error([t("explorer.failed", self.lang, message=type(exc).__name__)])
        return None

    return wrapper


def _held_change(method: Callable) -> Callable:
    """A control's callback that sets other controls: ignored while the controls are held (a change
    the code makes itself), its own changes held together, then one :meth:`refresh`; total."""

    @functools.wraps(method)
    def wrapper(self, change) -> None:
        if self._hold:
            return
        with self.hold():
            method(self, change)
        self.refresh()

    return _total(wrapper)


class _StaticHTML(W.HTML):
    """An HTML widget that also carries its HTML as ``text/html``: a live widget in JupyterLab and
    Voila, the table itself in the static report (which cannot run widgets)."""

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        if isinstance(data, tuple):
            data = data[0]
        return {**(data or {}), "text/html": self.value}


class ScenarioExplorer:
    """The explorer app: controls, answer, chart, downloads, upload, composite score.

    Parameters
    ----------
    obs : DataFrame, optional
        Observations (default :func:`analysis.io.dataset.load_observations`).
    targets : DataFrame, optional
        Catalogue (default :func:`analysis.io.catalogue.load_targets`).
    population : Series or callable, optional
        Resident population (万人) by year, or ``region -> Series``; default
        :func:`analysis.io.dataset.load_population` (per-capita scenarios need it).
    provenance : dict, optional
        ``illustrative``, ``source_zh``, ``source_en`` of ``obs``.
    fit : callable, optional
        Forecast function for trend scenarios (default :func:`analysis.model.forecast.fit`).
    scorecard : DataFrame or Scorecard, optional
        :func:`analysis.model.scorecard.assess` output for the "projected" score basis.
    scenario : Scenario, optional
        Initial state; default: the first money target with data at its recent pace.
    lang : {"zh", "en"}
    """

    def __init__(self, obs: pd.DataFrame | None = None, targets: pd.DataFrame | None = None, *,
                 population: pd.Series | Callable | None = None, provenance: Mapping | None = None,
                 fit: Callable | None = None, scorecard=None, scenario: S.Scenario | None = None,
                 lang: str = "zh"):
        self.targets = targets if targets is not None else catalogue.load_targets()
        if obs is None:
            obs = dataset.load_observations()
            provenance = provenance if provenance is not None else dataset.provenance()
        self.obs = obs
        self.provenance = dict(provenance if provenance is not None else
                               {"illustrative": bool(obs.attrs.get("illustrative", False)),
                                "source_zh": obs.attrs.get("source_zh", ""),
                                "source_en": obs.attrs.get("source_en", "")})
        self._population = population
        self._pop_cache: dict = {}
        self._hist_cache: dict = {}
        self._latest_cache: dict = {}
        self._scorecard = scorecard
        self._scorecards: dict = {}
        self.fit = fit
        self.result: S.ScenarioResult | None = None
        self.error = ""
        self.n_redraws = 0
        self._hold = 0
        self._score_key = None
        self._chart = ScenarioChart()
        self._question_boxes: list[Callable[[], None]] = []
        self.svg = ""
        self._build(lang)
        with self.hold():
            self._set_region_options()
            if scenario is None:
                ind = self._default_indicator()
                scenario = S.Scenario(indicator_id=ind, scenario_type=self._default_type(ind),
                                      region=self.c["region"].value, lang=lang)
            self._apply(scenario)
        self.refresh()

    # ------------------------------------------------------------------ construction
    def _build(self, lang: str) -> None:
        c: dict = {}
        full = {"width": "100%", "max_width": "560px"}
        c["region"] = W.Dropdown(layout=W.Layout(**full))
        c["indicator"] = W.Dropdown(layout=W.Layout(**full))
        c["type"] = W.Dropdown(layout=W.Layout(**full))
        c["lang"] = W.ToggleButtons(options=[("中文", "zh"), ("English", "en")], value=lang,
                                    style={"button_width": "84px"})
        for name in st.SLIDERS:
            c[name] = W.FloatSlider(value=0, min=-1, max=1, step=1, continuous_update=False,
                                    layout=W.Layout(**full), readout_format=".0f")
        c["seed"] = W.BoundedIntText(value=S.DEFAULT_SEED, min=0, max=int(S.LIMITS["seed"][1]), layout=W.Layout(**full))
        c["by"] = W.Dropdown(options=[("task", "task")], value="task", layout=W.Layout(**full))
        c["basis"] = W.ToggleButtons(options=[("latest", "latest")], value="latest")
        c["spread"] = W.FloatSlider(value=20, min=0, max=90, step=5, continuous_update=False, readout_format=".0f",
                                    layout=W.Layout(**full))
        c["equal"] = W.Button()
        # buttons as wide as their words (the default width cut 生成印刷用图表（PNG、SVG） to 生成印刷用图表（P…)
        c["upload"] = W.FileUpload(accept=st.UPLOAD_ACCEPT, multiple=False, layout=W.Layout(width="auto"))
        c["svg"] = W.Button(description="SVG", layout=W.Layout(width="auto"))
        self.weight_boxes: dict[str, W.BoundedFloatText] = {}
        for _, meta in self.targets.iterrows():
            box = W.BoundedFloatText(value=1.0, min=0.0, max=S.MAX_WEIGHT, step=0.5, layout=W.Layout(width="100%"))
            box.observe(self._on_change, names="value")
            self.weight_boxes[str(meta["id"])] = box
        self.c = c
        for name in ("region", "indicator", "type", "lang"):
            c[name].observe(getattr(self, f"_on_{name}"), names="value")
        for name in st.SLIDERS:  # 33.2 (loaded) shows a decimal; moved onto the grid, 34 does not
            c[name].observe(self._fit_readout, names="value")
        for name in (*st.SLIDERS, "seed", "by", "basis", "spread"):
            c[name].observe(self._on_change, names="value")
        c["equal"].on_click(self._on_equal)
        c["svg"].on_click(self.make_svg)
        c["upload"].observe(self._on_upload, names="value")
        for name in (*st.SLIDERS, "indicator", "type", "lang", "spread", "region", "seed", "upload"):
            c[name].add_class(f"{name}-control")

        self.title = W.HTML()
        self.intro = W.HTML().add_class("scenario-intro")
        self.start = W.HTML().add_class("scenario-start")
        self.answer = W.HTML().add_class("scenario-answer")
        self.required = W.HTML().add_class("scenario-required")
        self.prob = W.HTML().add_class("scenario-prob")
        self.chart = W.HTML().add_class("scenario-chart")
        self.downloads = W.HTML().add_class("scenario-downloads")
        self.svg_link = W.HTML().add_class("scenario-downloads")
        self.score_html = W.HTML().add_class("scenario-score")
        self.status = W.HTML().add_class("scenario-status")
        self.json_view = W.Textarea(layout=W.Layout(width="100%", height="180px"), disabled=True)
        self._labels = {k: W.HTML() for k in ("weights", "score_title", "json", "share_help")}
        params = W.VBox([c[n] for n in st.SLIDERS] + [self.start, c["seed"]], layout=W.Layout(width="100%"))
        weights_grid = W.GridBox(list(self.weight_boxes.values()), layout=W.Layout(width="100%"))
        score_box = W.VBox([self._labels["score_title"], c["basis"], c["by"], c["equal"], c["spread"],
                            self.score_html, self._labels["weights"], weights_grid])
        share_box = W.VBox([self._labels["share_help"], self._labels["json"], self.json_view])
        self.tabs = W.Tab(children=[score_box, share_box], selected_index=0, layout=W.Layout(width="100%"))
        # the controls and the answer beside the chart on a wide screen (the chart moves with the
        # slider in view, without scrolling), one column below it on a phone (CSS .scenario-main)
        left = W.VBox([c["region"], c["indicator"], c["type"], params, self.answer, self.required, self.prob])
        right = W.VBox([self.chart,
                        W.HBox([self.downloads, c["svg"], self.svg_link, c["upload"]],
                               layout=W.Layout(flex_flow="row wrap", align_items="center")),
                        self.status])
        main = W.HBox([left.add_class("scenario-controls"), right.add_class("scenario-figure")],
                      layout=W.Layout(width="100%")).add_class("scenario-main")
        # the language buttons first: an English reader finds them before the Chinese introduction
        self.widget = W.VBox([W.HTML(CSS), c["lang"], self.title, self.intro, main, self.tabs],
                             layout=W.Layout(width="100%"))
        self.widget.add_class("scenario-explorer")
        with self.hold():
            self._set_texts(lang)

    def _ipython_display_(self):  # pragma: no cover - notebook display
        from IPython.display import display

        display(self.widget)

    # ------------------------------------------------------------------ helpers
    @contextlib.contextmanager
    def hold(self):
        """Suppress redraws while several controls change (one :meth:`refresh` afterwards is the caller's)."""
        self._hold += 1
        try:
            yield
        finally:
            self._hold -= 1

    @property
    def lang(self) -> str:
        return self.c["lang"].value

    def questions(self) -> W.HTML:
        """The researchers' three questions answered, as a widget that follows the app's language
        buttons (the questions are computed once per language). Shown where widgets do not run
        (the static report), it is the table itself."""
        cache: dict[str, str] = {}

        def text(lang: str) -> str:
            if lang not in cache:
                cache[lang] = markup.questions_html(self.obs, self.targets, lang=lang)
            return cache[lang]

        box = _StaticHTML(value=text(self.lang))
        self.c["lang"].observe(lambda change: setattr(box, "value", text(change["new"])), "value")

        def new_data() -> None:  # an uploaded monitoring file: the questions are asked of it
            cache.clear()
            box.value = text(self.lang)

        self._question_boxes.append(new_data)
        return box

    def meta(self, indicator_id: str | None = None) -> pd.Series:
        return catalogue.target(self.targets, indicator_id or self.c["indicator"].value)

    def population(self, region: str | None = None) -> pd.Series | None:
        """Population of ``region`` (None when unknown)."""
        region = region or self.c["region"].value
        if region not in self._pop_cache:
            pop = self._population
            try:
                pop = pop(region) if callable(pop) else (dataset.load_population(region) if pop is None else pop)
            except (KeyError, FileNotFoundError, InputError):
                pop = None
            self._pop_cache[region] = pop
        return self._pop_cache[region]

    def history(self, indicator_id: str | None = None) -> pd.Series:
        """Observations of the indicator in the selected region."""
        key = (self.c["region"].value, indicator_id or self.c["indicator"].value)
        if key not in self._hist_cache:
            self._hist_cache[key] = S.history_for(self.obs, *key)
        return self._hist_cache[key]

    def available_types(self, indicator_id: str | None = None) -> tuple[str, ...]:
        return S.scenario_types(self.meta(indicator_id), has_population=self.population() is not None)

    def _default_indicator(self) -> str:
        """The first money-amount (``level``) target with at least 3 observations, else the first."""
        ids = [v for _, v in self.c["indicator"].options]
        for i in ids:
            if str(self.meta(i).get("kind")) == "level" and len(self.history(i)) >= 3:
                return i
        return ids[0]

    def _default_type(self, indicator_id: str) -> str:
        return st.default_type(self.available_types(indicator_id), self.meta(indicator_id), self.history(indicator_id))

    # ------------------------------------------------------------------ options and texts
    def _set_region_options(self) -> None:
        regions = list(dict.fromkeys(self.obs["region"].astype(str))) or [S.Scenario("x").region]
        cur = self.c["region"].value
        self.c["region"].options = [(place_name(r, self.lang), r) for r in regions]  # 平川区 -> Pingchuan District
        self.c["region"].value = cur if cur in regions else regions[0]
        self._set_indicator_options()

    def _set_indicator_options(self) -> None:
        region = self.c["region"].value
        have = set(self.obs.loc[(self.obs["region"] == region) & self.obs["value"].notna(), "indicator_id"])
        rows = [m for _, m in self.targets.iterrows() if m["id"] in have] or \
            [m for _, m in self.targets.iterrows()]
        opts = [(catalogue.indicator_label(m, self.lang), str(m["id"])) for m in rows]
        cur = self.c["indicator"].value
        ids = [v for _, v in opts]
        self.c["indicator"].options = opts
        self.c["indicator"].value = cur if cur in ids else ids[0]

    def _set_type_options(self, preferred: str | None = None) -> None:
        types = self.available_types()
        cur = preferred or self.c["type"].value
        self.c["type"].options = [(t(f"explorer.type.{k}", self.lang), k) for k in types]
        self.c["type"].value = cur if cur in types else self._default_type(self.c["indicator"].value)

    def _set_texts(self, lang: str) -> None:
        c = self.c
        for k in ("region", "indicator", "type", "lang", "growth", "renewal", "population", "seed", "by",
                  "basis", "spread"):
            c[k].description = t(f"explorer.{k}", lang)
        c["equal"].description = t("explorer.equal", lang)
        c["upload"].description = t("explorer.upload", lang)
        c["svg"].description = t("explorer.make_svg", lang)
        by, basis = c["by"].value, c["basis"].value
        c["by"].options = [(t(f"explorer.by_{k}", lang), k) for k in ("task", "sector", "indicator")]
        c["by"].value = by
        c["basis"].options = [(t("explorer.basis_latest", lang), "latest"),
                              (t("explorer.basis_projected", lang), "projected")]
        c["basis"].value = basis
        for i, k in enumerate(("score_tab", "share_tab")):
            self.tabs.set_title(i, t(f"explorer.{k}", lang))
        for _, meta in self.targets.iterrows():
            box = self.weight_boxes[str(meta["id"])]
            name = str(meta[f"name_{lang}"] if f"name_{lang}" in meta else meta["name_zh"])
            box.description = name
            box.tooltip = t("explorer.weight_of", lang, name=name)
        for k in ("weights", "score_title", "json"):
            self._labels[k].value = f"<b>{html.escape(t(f'explorer.{k}', lang))}</b>"
        self._labels["share_help"].value = f"<p>{html.escape(t('explorer.share_help', lang))}</p>"
        self.title.value = f"<h2 style='margin:4px 0;font-size:1.3em'>{html.escape(t('explorer.title', lang))}</h2>"
        self.intro.value = st.intro_html(self.provenance, lang)
        self._slider_texts()
        for k, w in c.items():
            if hasattr(w, "tooltip") and k not in ("equal",):
                w.tooltip = getattr(w, "description", "") or None
        c["equal"].tooltip = c["equal"].description
        c["svg"].tooltip = c["svg"].description
        # the words the upload button shows: its CSS (markup.CSS) draws the tooltip, not the widget's
        # own text, which ipywidgets ends with the number of files ("(0)")
        c["upload"].tooltip = c["upload"].description

    def _slider_texts(self) -> None:
        stype, lang = self.c["type"].value, self.lang
        add_word = {"certificates": "new_certifications", "per_capita": "grants", "stock": "openings"}
        self.c["additions"].description = t(f"explorer.{add_word.get(stype, 'additions')}", lang)
        self.c["outflow"].description = t("explorer.lapse" if stype == "per_capita" else "explorer.closure", lang)
        for name in ("additions", "outflow"):
            self.c[name].tooltip = self.c[name].description

    def _show_sliders(self) -> None:
        used = st.SLIDER_PARAM.get(self.c["type"].value, {})
        for name in st.SLIDERS:
            self.c[name].layout.display = None if name in used else "none"
        self.c["seed"].layout.display = "none" if self.c["type"].value == "trend" else None
        self._slider_texts()

    # ------------------------------------------------------------------ state <-> controls
    def _indicators_with_data(self, region: str) -> list[str]:
        have = set(self.obs.loc[(self.obs["region"] == region) & self.obs["value"].notna(), "indicator_id"])
        return [str(i) for i in self.targets["id"] if i in have] or [str(i) for i in self.targets["id"]]

    def _apply(self, scenario: S.Scenario) -> None:
        """Set every control from ``scenario``; checked against the data first, so a scenario that does
        not fit changes nothing (:class:`InputError` in the interface's language)."""
        regions = [v for _, v in self.c["region"].options]
        ids = self._indicators_with_data(scenario.region) if scenario.region in regions else []
        types = self.available_types(scenario.indicator_id) if scenario.indicator_id in ids else ()
        problems = st.check_applicable(scenario, regions=regions, indicators=ids, types=types, lang=self.lang)
        if problems:
            raise InputError(problems)
        # the page keeps its own language: a colleague's file saved in English sets the scenario, never
        # this reader's interface (stop 43: it switched the page and left the region box in the other
        # language); the scenario's ``lang`` is that of whoever saves it next, the page's
        self.c["region"].value = scenario.region
        self._set_indicator_options()
        self.c["indicator"].value = scenario.indicator_id
        self._set_type_options(scenario.scenario_type)
        self.c["type"].value = scenario.scenario_type
        self.controls = st.controls_for(scenario, self.history(), self.meta(), population=self.population())
        self._controls_to_widgets()

    def _controls_to_widgets(self) -> None:
        ctl = self.controls
        for name, r in ctl.ranges.items():
            s = self.c[name]
            if r.max > s.min:
                s.max, s.min = r.max, r.min
            else:
                s.min, s.max = r.min, r.max
            s.step = r.step
            v = ctl.values.get(name, r.min)
            s.readout_format = f".{st.readout_decimals(v, r.step)}f"
            s.value = v
        self.c["seed"].value = int(ctl.seed)
        for k, b in self.weight_boxes.items():
            b.value = float((ctl.weights or {}).get(k, 1.0))
        self._show_sliders()
        self._show_start()

    def _show_start(self) -> None:
        """Where the sliders start (the recent trend, the pace required, an assumption, a loaded file)."""
        self.start.value = markup.start_html(st.start_sentence(self.controls.start, self.lang))

    def _reset(self, stype: str | None = None) -> None:
        """Controls to the defaults of the selected indicator and type (weights and seed kept)."""
        stype = stype or self.c["type"].value
        sc = S.Scenario(indicator_id=self.c["indicator"].value, scenario_type=stype, region=self.c["region"].value,
                        weights=self.weights(), seed=int(self.c["seed"].value), lang=self.lang)
        self.controls = st.controls_for(sc, self.history(), self.meta(), population=self.population())
        self._controls_to_widgets()

    def scenario(self) -> S.Scenario:
        """The scenario the controls show (weights included)."""
        ctl = self.controls
        ctl.region, ctl.indicator_id, ctl.scenario_type = (self.c["region"].value, self.c["indicator"].value,
                                                           self.c["type"].value)
        ctl.lang, ctl.seed = self.lang, int(self.c["seed"].value)
        ctl.values = {n: float(self.c[n].value) for n in st.SLIDER_PARAM.get(ctl.scenario_type, {})}
        ctl.weights = self.weights()
        return st.scenario_from(ctl)

    def weights(self) -> dict[str, float]:
        return {k: float(b.value) for k, b in self.weight_boxes.items()}

    def set_weights(self, weights: Mapping[str, float] | None) -> None:
        """Set the weight editors (``None``: equal weights) and redraw once."""
        with self.hold():
            for k, b in self.weight_boxes.items():
                b.value = float((weights or {}).get(k, 1.0))
        self.refresh()

    def apply_scenario(self, scenario: S.Scenario, *, refresh: bool = True) -> None:
        """Show ``scenario`` (exact parameters kept) and redraw once; :class:`InputError` when it does not
        fit the data."""
        with self.hold():
            self._apply(scenario)
        if refresh:
            self.refresh()

    def load(self, scenario_or_json) -> S.Scenario:
        """Show a scenario given as a :class:`Scenario`, a dict or JSON text (never a path)."""
        if isinstance(scenario_or_json, S.Scenario):
            sc = scenario_or_json
        elif isinstance(scenario_or_json, Mapping):
            sc = S.Scenario.from_dict(scenario_or_json, lang=self.lang)
        else:
            sc = S.Scenario.from_json(scenario_or_json, lang=self.lang)
        self.apply_scenario(sc)
        return sc

    # ------------------------------------------------------------------ events (all total)
    @_held_change
    def _on_region(self, change) -> None:
        self._hist_cache.clear()
        self._set_indicator_options()
        self._set_type_options()
        self._reset()

    @_held_change
    def _on_indicator(self, change) -> None:
        self._set_type_options(self._default_type(self.c["indicator"].value))
        self._reset()

    @_held_change
    def _on_type(self, change) -> None:
        self._reset()

    @_held_change
    def _on_lang(self, change) -> None:
        self._set_texts(change["new"])
        self._show_start()
        self._set_region_options()
        self._set_type_options()
        self._score_key = None

    @staticmethod
    def _fit_readout(change) -> None:
        slider = change["owner"]
        slider.readout_format = f".{st.readout_decimals(float(change['new']), float(slider.step))}f"

    @_total
    def _on_change(self, change) -> None:
        if not self._hold:
            self.refresh()

    @_total
    def _on_equal(self, _button) -> None:
        self.set_weights(None)

    @_total
    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        f = files[0]
        name = f.get("name", "upload.json") if isinstance(f, Mapping) else getattr(f, "name", "upload.json")
        content = f.get("content", b"") if isinstance(f, Mapping) else getattr(f, "content", b"")
        try:
            if st.upload_kind(name, content) == "data":
                self._upload_data(content, name)
                return
            sc = st.read_upload(content, name, self.lang)
            self.apply_scenario(sc)
        finally:
            self._clear_upload()  # so the same file uploaded again is read again
        self.status.value = (f"<div role='status' aria-live='polite'>"
                             f"{html.escape(t('explorer.loaded', self.lang, name=st._display_file_name(name)))}</div>")

    def _upload_data(self, content, name: str) -> None:
        """An uploaded monitoring file: read through the intake; shown, or its problems said (the data on
        screen unchanged)."""
        lang = self.lang
        try:
            obs, prov = explorer_data.read_upload(content, name, self.targets, lang)
        except InputError as exc:
            self._say_error(st.problem_sentences(exc, lang),
                            lead=t("explorer.data_upload_failed", lang, name=st._display_file_name(name)))
            return
        self.set_data(obs, prov)
        notes, more = st.data_notes(obs, lang)
        self.status.value = markup.data_loaded_html(st.data_loaded_sentence(obs, name, lang), notes, more, lang)

    def set_data(self, obs: pd.DataFrame, provenance: Mapping) -> None:
        """Show other monitoring data: the regions, indicators, introduction, answer, chart, score and
        questions follow; the controls start again at the data's first money target and its defaults."""
        with self.hold():
            self.obs, self.provenance = obs, dict(provenance)
            for cache in (self._hist_cache, self._latest_cache, self._scorecards):
                cache.clear()
            self._scorecard, self._score_key = None, None
            self._chart.reset()
            self.intro.value = st.intro_html(self.provenance, self.lang)
            self._set_region_options()
            ind = self._default_indicator()
            self.c["indicator"].value = ind
            self._set_type_options(self._default_type(ind))
            self._reset()
        for refresh_questions in self._question_boxes:
            refresh_questions()
        self.refresh()

    def _clear_upload(self) -> None:
        up = self.c["upload"]
        with self.hold():
            up.unobserve(self._on_upload, names="value")
            try:
                up.value = ()
            finally:
                up.observe(self._on_upload, names="value")

    def _say_error(self, sentences, lead: str = "") -> None:
        self.error = " ".join([lead, *sentences] if lead else sentences)
        self.status.value = markup.error_html(sentences, self.lang, lead)

    # ------------------------------------------------------------------ compute and show
    def refresh(self) -> None:
        """Recompute the scenario and update the answer, chart, downloads, score and JSON."""
        if self._hold:
            return
        self.n_redraws += 1
        try:
            sc = self.scenario()
            pop = self.population(sc.region) if sc.scenario_type == "per_capita" else None
            res = S.run(sc, self.history(), self.meta(sc.indicator_id), population=pop, fit=self.fit,
                        n_sims=st.n_sims_of(sc), as_of=S.data_as_of(self.obs))  # the file's year, as assess
        except InputError as exc:
            self.result = None
            self._say_error(st.problem_sentences(exc, self.lang))
            self.answer.value = self.required.value = self.prob.value = ""
            return
        except (ValueError, KeyError, ArithmeticError) as exc:
            self.result = None
            self._say_error([t("explorer.failed", self.lang, message=type(exc).__name__)])
            return
        if self.error:
            self.error = ""
            self.status.value = ""
        self.result = res
        self._show_answer(res)
        self._show_chart(res)
        self._show_downloads()
        self._show_score(res)
        self.json_view.value = self.current_json()

    def _show_answer(self, res: S.ScenarioResult) -> None:
        lang = self.lang
        a = st.answer_of(res, lang)
        self.answer.value, self.required.value, self.prob.value = markup.answer_html(
            a, lang, bool(self.provenance.get("illustrative")))

    # chart ---------------------------------------------------------------
    def draw(self, res: S.ScenarioResult | None = None):
        """Draw ``res`` on the app's figure with :func:`analysis.viz.scenarios.scenario_plot` (the
        report's function) and return the Axes.

        The full figure is drawn when the indicator, type, language or view changes; a
        slider move only moves the path, band and marker
        (:func:`analysis.viz.scenarios.update_scenario`) over the cached rest (blitting).
        """
        return self._chart.draw(res or self.result, self.lang, self.provenance)

    @property
    def _fig(self):
        """The chart's figure."""
        return self._chart.fig

    @property
    def png(self) -> bytes:
        """The chart on screen as PNG."""
        return self._chart.png

    @property
    def n_static_draws(self) -> int:
        """How many times the whole chart was drawn (a slider move redraws only the path)."""
        return self._chart.n_static_draws

    def _show_chart(self, res: S.ScenarioResult) -> None:
        w, h = self._chart.render(res, self.lang, self.provenance)
        self.chart.value = markup.chart_html(self.png, V.alt_text(res, self.lang), w, h)

    def svg_bytes(self) -> bytes:
        """The chart on screen as SVG (every layer)."""
        return self._chart.svg_bytes()

    def render_png(self, res: S.ScenarioResult | None = None) -> bytes:
        """The chart as PNG bytes."""
        if res is not None and res is not self.result:
            self._show_chart(res)
        return self.png

    def _show_downloads(self) -> None:
        """Links to the scenario (JSON) and the chart (PNG) on screen; the SVG link is made on request
        (:meth:`make_svg`) and removed by any change, so no link is ever stale."""
        sc = self.current_scenario()
        lang = self.lang
        self.downloads.value = (
            st.link(st.data_url(self.current_json(), "application/json"), st.download_name(sc, "json"),
                    "⬇ " + t("explorer.download_json", lang), "download-json")
            + st.link(st.data_url(self.png, "image/png"), st.download_name(sc, "png"),
                      "⬇ " + t("explorer.download_png", lang), "download-png"))
        self.svg_link.value = ""
        self.c["svg"].layout.display = None

    @_total
    def make_svg(self, _button=None) -> None:
        """Put links to the chart on screen as SVG and as a PNG for print (:data:`PRINT_DPI`)."""
        if self.result is None:
            return
        sc = self.current_scenario()
        files = self._chart.files(("png", "svg"), dpi=PRINT_DPI)
        self.svg_link.value = (
            st.link(st.data_url(files["png"], "image/png"),
                    st.download_name(sc, f"{PRINT_DPI}dpi.png"),
                    "⬇ " + t("explorer.download_png_print", self.lang, dpi=PRINT_DPI), "download-png-print")
            + st.link(st.data_url(files["svg"], "image/svg+xml"), st.download_name(sc, "svg"),
                      "⬇ " + t("explorer.download_svg", self.lang), "download-svg"))
        self.c["svg"].layout.display = "none"

    # score ---------------------------------------------------------------
    def scorecard(self, region: str | None = None) -> pd.DataFrame | None:
        """The scorecard table of ``region`` (for the projected score basis)."""
        region = region or self.c["region"].value
        if region not in self._scorecards:
            sc = self._scorecard
            if sc is None:
                sc = scorecard_model.assess(self.obs, self.targets)
            table = getattr(sc, "table", sc)
            self._scorecards[region] = table.loc[table["region"] == region]
        return self._scorecards[region]

    def score_values(self, res: S.ScenarioResult | None = None) -> pd.Series:
        """The value per target the score uses (basis ``latest`` or ``projected``)."""
        region = self.c["region"].value
        if region not in self._latest_cache:
            self._latest_cache[region] = S.latest_values(self.obs, region)
        latest = self._latest_cache[region]
        if self.c["basis"].value == "latest":
            return latest
        table = self.scorecard(region)
        vals = latest.copy()
        fc = pd.Series(table["forecast"].to_numpy(dtype=float), index=table["indicator_id"].to_numpy())
        fc = fc[np.isfinite(fc.to_numpy())]
        vals.loc[fc.index] = fc
        res = res or self.result
        if res is not None and math.isfinite(res.value_at_deadline):
            vals.loc[res.scenario.indicator_id] = res.value_at_deadline
        return vals

    def _group_name(self, g: str, by: str, names: Mapping, sectors: Mapping) -> str:
        if by == "indicator":
            return str(names.get(g, g))
        if by == "sector":
            return str(sectors.get(g, g))
        return S.text.task_label(g, self.lang) if g != "—" else t("explorer.all", self.lang)

    def _show_score(self, res: S.ScenarioResult | None) -> None:
        lang = self.lang
        vals = self.score_values(res)
        by, w = self.c["by"].value, self.weights()
        key = (tuple(vals.items()), tuple(w.items()), by, self.c["spread"].value, int(self.c["seed"].value), lang)
        if key == self._score_key:
            return
        self._score_key = key
        table = S.progress_table(vals, self.targets)
        try:
            S.check_weights(w, table["indicator_id"].tolist(), lang=lang)
            sr = S.score(table, w, by=by)
            sens = S.sensitivity(table, w, by=by, spread=self.c["spread"].value / 100,
                                 seed=int(self.c["seed"].value))  # the report's draws: the same numbers
        except InputError as exc:
            self.score_html.value = markup.score_error_html(st.problem_sentences(exc, lang))
            return
        self.score_result, self.sensitivity_result = sr, sens
        names = dict(zip(self.targets["id"], self.targets[f"name_{lang}"]))
        sectors = self._sector_names(lang)
        self.score_html.value = markup.score_html(sr, sens, names, lambda g: self._group_name(g, by, names, sectors),
                                                  lang)

    def _sector_names(self, lang: str) -> dict:
        if not hasattr(self, "_sectors_cache"):
            self._sectors_cache = {}
            ent = catalogue.load_entities()
            sec = ent.loc[ent["type"] == "sector"] if "type" in ent else ent.iloc[0:0]
            for r in sec.itertuples(index=False):
                self._sectors_cache[str(r.entity_id)] = {"zh": str(r.name_zh), "en": str(r.name_en)}
        return {k: v[lang] for k, v in self._sectors_cache.items()}

    # the scenario on screen ------------------------------------------------
    def current_scenario(self) -> S.Scenario:
        """The scenario on screen: the result's completed parameters, with the weights."""
        if self.result is None:
            return self.scenario()
        s = self.result.scenario
        return S.Scenario(indicator_id=s.indicator_id, scenario_type=s.scenario_type, params=dict(s.params),
                          region=s.region, weights=self.weights(), seed=s.seed, lang=self.lang)

    def current_json(self) -> str:
        """The scenario on screen as JSON text (what the download link holds)."""
        return self.current_scenario().to_json()


def explorer(obs: pd.DataFrame | None = None, targets: pd.DataFrame | None = None, **kwargs) -> ScenarioExplorer:
    """Build the scenario explorer (see :class:`ScenarioExplorer`); display the returned object."""
    return ScenarioExplorer(obs, targets, **kwargs)
