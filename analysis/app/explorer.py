"""The scenario explorer: ipywidgets controls over :mod:`analysis.model.scenarios`.

A thin layer: every control change builds a :class:`~analysis.model.scenarios.Scenario`
from the control values, runs it (a few milliseconds) and redraws one matplotlib
figure into an ``ipywidgets.Image`` (PNG), plus the one-sentence answer, the
probability and status label, and the composite score with its sensitivity view.

Use it in a notebook::

    from analysis.app import explorer as widgets
    app = widgets.explorer()
    app            # displays the app

or in a browser without code: ``python -m analysis explore`` (``make explore``)
serves ``notebooks/04_scenario_explorer.ipynb`` as a Voila app on 127.0.0.1.
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable, Mapping

import numpy as np
import pandas as pd

from analysis import config
from analysis.model import scenarios
from analysis import vocab
from analysis.errors import InputError, Problem
from analysis.model.scenarios import Scenario, ScenarioResult

__all__ = ["ScenarioExplorer", "explorer", "cli_explore", "notebook_path", "voila_command", "TEXT"]

#: Every word the explorer shows, in both languages.
TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "title": "情景模拟:目标能否按期实现?", "region": "地区", "indicator": "指标", "type": "情景类型",
        "lang": "语言", "growth": "年增长率 %", "additions": "每年新增", "new_certifications": "每年新认定(家)",
        "grants": "每年新增授权(件)", "openings": "每年新建", "renewal": "到期重新认定率 %",
        "population": "人口年变化 %", "lapse": "专利年失效率 %", "closure": "年撤销率 %", "seed": "随机种子",
        "prob": "按期达标概率", "status": "状态", "score_title": "考核评分(各项目标完成度,封顶100%)",
        "by": "排名口径", "basis": "评分依据", "basis_latest": "最新值", "basis_projected": "期限预测值",
        "spread": "权重扰动 ±%", "equal": "恢复等权", "weights": "权重(可编辑,随情景保存)",
        "total": "综合得分", "group": "分组", "score": "得分", "rank": "排名", "rank_range": "扰动后排名(5%–95%)",
        "p_change": "排名变动概率", "total_range": "权重扰动后综合得分(5%–95%)", "save": "保存情景",
        "load": "读取情景", "file": "文件", "upload": "上传JSON", "saved": "已保存", "loaded": "已读取",
        "download": "下载JSON", "json": "情景JSON(可复制分享)", "history": "实际值", "path": "情景路径",
        "band": "80%区间", "target": "目标", "deadline": "期限", "reached": "达标年份",
        "by_task": "按任务", "by_sector": "按行业", "by_indicator": "按指标", "missing": "项目标无数据,未计入",
        "error": "错误", "indicator_col": "指标", "value": "数值", "progress": "完成度", "weight": "权重",
        "controls": "情景参数", "score_tab": "考核评分", "share_tab": "保存与分享",
        "illustrative": vocab.ILLUSTRATIVE_STAMP, "all": "全区",
        "swing": "单项权重±变动对综合得分的影响(前5项)",
    },
    "en": {
        "title": "Scenario explorer: will the target be met on time?", "region": "Region",
        "indicator": "Indicator", "type": "Scenario", "lang": "Language", "growth": "Growth %/yr",
        "additions": "Added per year", "new_certifications": "New certifications/yr",
        "grants": "New patent grants/yr", "openings": "Opened per year", "renewal": "Renewal rate %",
        "population": "Population %/yr", "lapse": "Lapse rate %/yr", "closure": "Closure rate %/yr",
        "seed": "Random seed", "prob": "Probability of meeting it by the deadline", "status": "Status",
        "score_title": "Composite score (progress per target, capped at 100%)", "by": "Rank",
        "basis": "Score on", "basis_latest": "latest values", "basis_projected": "projected to deadline",
        "spread": "Weight noise ±%", "equal": "Equal weights", "weights": "Weights (editable, saved with the scenario)",
        "total": "Total score", "group": "Group", "score": "Score", "rank": "Rank",
        "rank_range": "Rank under noise (5%–95%)", "p_change": "P(rank changes)",
        "total_range": "Total under weight noise (5%–95%)", "save": "Save scenario", "load": "Load scenario",
        "file": "File", "upload": "Upload JSON", "saved": "Saved", "loaded": "Loaded", "download": "Download JSON",
        "json": "Scenario JSON (copy to share)", "history": "observed", "path": "scenario",
        "band": "80% band", "target": "target", "deadline": "deadline", "reached": "reached",
        "by_task": "by task", "by_sector": "by sector", "by_indicator": "by target",
        "missing": "targets without data left out", "error": "Error", "indicator_col": "Target",
        "value": "Value", "progress": "Progress", "weight": "Weight", "controls": "Scenario",
        "score_tab": "Composite score", "share_tab": "Save & share",
        "illustrative": vocab.ILLUSTRATIVE_STAMP, "all": "district",
        "swing": "Effect of one weight ± noise on the total (top 5)",
    },
}
TYPE_NAMES = {
    "zh": {"trend": "趋势预测", "growth": "自定年增长率", "additions": "每年固定新增",
           "certificates": "证书存量(新认定+重新认定-到期)", "per_capita": "存量÷人口(每万人)",
           "stock": "平台/机构存量(新建-撤销)"},
    "en": {"trend": "trend forecast", "growth": "annual growth rate", "additions": "additions per year",
           "certificates": "certificates (new + renewed - expired)", "per_capita": "stock per 10,000 residents",
           "stock": "platforms/institutions (opened - closed)"},
}
#: Which sliders each scenario type uses.
SLIDERS_FOR = {
    "trend": (), "growth": ("growth",), "additions": ("additions",),
    "certificates": ("additions", "renewal"), "per_capita": ("additions", "outflow", "population"),
    "stock": ("additions", "outflow"),
}
_ADD_PARAM = {"additions": "per_year", "certificates": "new_per_year", "per_capita": "grants_per_year",
              "stock": "per_year"}
_ADD_LABEL = {"additions": "additions", "certificates": "new_certifications", "per_capita": "grants",
              "stock": "openings"}
FIG_SIZE = (7.2, 3.9)
FIG_DPI = 90


def notebook_path() -> Path:
    """The explorer notebook served by ``python -m analysis explore``."""
    return config.notebooks_dir() / "04_scenario_explorer.ipynb"


def _nice_step(x: float) -> float:
    """A 1-2-5 step close to ``x``."""
    if not x > 0:
        return 1.0
    e = math.floor(math.log10(x))
    for m in (1, 2, 5, 10):
        if m * 10 ** e >= x:
            return float(m * 10 ** e)
    return float(10 ** (e + 1))


class ScenarioExplorer:
    """The explorer app: controls, chart, answer, composite score, save/load.

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
        ``illustrative``, ``source_zh``, ``source_en`` of ``obs``
        (default :func:`analysis.io.dataset.provenance`).
    fit : callable, optional
        Forecast function for trend scenarios (default :func:`analysis.model.forecast.fit`).
    scorecard : DataFrame, optional
        :func:`analysis.model.scorecard.assess` output for the "projected" score basis
        (computed on first use when not given).
    scenario : Scenario, optional
        Initial state; default: the first indicator with data (technology-contract
        turnover in the plan) at its historical growth rate.
    n_sims : int
        Monte Carlo paths per redraw.
    """

    def __init__(self, obs: pd.DataFrame | None = None, targets: pd.DataFrame | None = None, *,
                 population: pd.Series | Callable | None = None, provenance: Mapping | None = None,
                 fit: Callable | None = None, scorecard: pd.DataFrame | None = None,
                 scenario: Scenario | None = None, lang: str = "zh", n_sims: int = 1000,
                 save_dir: str | Path | None = None):
        import ipywidgets as W

        from analysis.io import catalogue

        self._W = W
        self.targets = targets if targets is not None else catalogue.load_targets()
        if obs is None:
            from analysis.io import dataset

            obs = dataset.load_observations()
            if provenance is None:
                provenance = dataset.provenance()
        self.obs = obs
        self.provenance = dict(provenance or {"illustrative": bool(obs.attrs.get("illustrative", False)),
                                              "source_zh": obs.attrs.get("source_zh", ""),
                                              "source_en": obs.attrs.get("source_en", "")})
        self._population = population
        self._pop_cache: dict[str, pd.Series | None] = {}
        self.fit = fit
        self._scorecard = scorecard
        self._scorecards: dict[str, pd.DataFrame | None] = {}
        self.n_sims = int(n_sims)
        self.save_dir = Path(save_dir) if save_dir is not None else config.reports_dir() / "scenarios"
        self.result: ScenarioResult | None = None
        self.error: str = ""
        self._hold = 0
        self._extra: dict = {}        # parameters without a slider (sd, cohorts, validity, model ...)
        self._exact: dict = {}        # slider name -> (slider value, exact parameter value) after a load
        self._fig = None
        self.n_redraws = 0
        self._build(lang)
        with self.hold():
            self._set_region_options()
            if scenario is None:
                ind = self._default_indicator()
                scenario = Scenario(indicator_id=ind, scenario_type=self._default_type(ind),
                                    region=self.c["region"].value, lang=lang)
            self.apply_scenario(scenario, refresh=False)
        self.refresh()

    # ------------------------------------------------------------------ construction
    def _build(self, lang: str) -> None:
        W = self._W
        wide = {"description_width": "initial"}
        c: dict = {}
        c["region"] = W.Dropdown(description="", layout=W.Layout(width="220px"), style=wide)
        c["indicator"] = W.Dropdown(description="", layout=W.Layout(width="420px"), style=wide)
        c["type"] = W.Dropdown(description="", layout=W.Layout(width="360px"), style=wide)
        c["lang"] = W.ToggleButtons(options=[("中文", "zh"), ("English", "en")], value=lang,
                                    style={"button_width": "70px"})
        def slider(**kw):  # one Layout per control: a shared Layout would hide them all at once
            return W.FloatSlider(continuous_update=False, style=dict(wide), layout=W.Layout(width="460px"), **kw)

        c["growth"] = slider(value=10, min=-30, max=80, step=1, readout_format=".1f")
        c["additions"] = slider(value=1, min=0, max=10, step=1, readout_format=".2f")
        c["renewal"] = slider(value=70, min=0, max=100, step=5, readout_format=".0f")
        c["outflow"] = slider(value=5, min=0, max=30, step=1, readout_format=".0f")
        c["population"] = slider(value=0, min=-5, max=5, step=0.1, readout_format=".1f")
        c["seed"] = W.BoundedIntText(value=2019, min=0, max=2**31 - 1, style=wide, layout=W.Layout(width="200px"))
        c["by"] = W.Dropdown(options=[("task", "task")], value="task", style=wide, layout=W.Layout(width="220px"))
        c["basis"] = W.ToggleButtons(options=[("latest", "latest")], value="latest", style={"button_width": "120px"})
        c["spread"] = slider(value=20, min=0, max=90, step=5, readout_format=".0f")
        c["equal"] = W.Button(icon="balance-scale")
        c["save"] = W.Button(icon="save", button_style="primary")
        c["load"] = W.Button(icon="folder-open")
        c["file"] = W.Text(value="", style=wide, layout=W.Layout(width="520px"))
        c["upload"] = W.FileUpload(accept=".json,application/json", multiple=False)
        self.weight_boxes: dict[str, object] = {}
        for _, meta in self.targets.iterrows():
            box = W.BoundedFloatText(value=1.0, min=0.0, max=1000.0, step=0.5,
                                     layout=W.Layout(width="300px"), style={"description_width": "190px"})
            box.observe(self._on_change, names="value")
            self.weight_boxes[str(meta["id"])] = box
        self.c = c
        for name in ("region", "indicator", "type", "lang"):
            c[name].observe(getattr(self, f"_on_{name}"), names="value")
        for name in ("growth", "additions", "renewal", "outflow", "population", "seed", "by", "basis", "spread"):
            c[name].observe(self._on_change, names="value")
        c["equal"].on_click(lambda _b: self.set_weights(None))
        c["save"].on_click(lambda _b: self._save_clicked())
        c["load"].on_click(lambda _b: self._load_clicked())
        c["upload"].observe(self._on_upload, names="value")
        for name, cls in (("growth", "growth-slider"), ("additions", "additions-slider"),
                          ("renewal", "renewal-slider"), ("outflow", "outflow-slider"),
                          ("population", "population-slider"), ("indicator", "indicator-select"),
                          ("type", "type-select"), ("lang", "lang-toggle"), ("spread", "spread-slider")):
            c[name].add_class(cls)

        self.title = W.HTML()
        self.answer = W.HTML().add_class("scenario-answer")
        self.required = W.HTML().add_class("scenario-required")
        self.prob = W.HTML().add_class("scenario-prob")
        self.chart = W.Image(format="png", layout=W.Layout(width="100%", max_width="760px"))
        self.chart.add_class("scenario-chart")
        self.score_html = W.HTML().add_class("scenario-score")
        self.status = W.HTML().add_class("scenario-status")
        self.json_view = W.Textarea(layout=W.Layout(width="100%", height="180px"), disabled=True)
        self.download = W.HTML()
        self._labels = {k: W.HTML() for k in ("weights", "score_title", "json")}

        row1 = W.HBox([c["region"], c["indicator"]], layout=W.Layout(flex_flow="row wrap"))
        row2 = W.HBox([c["type"], c["lang"]], layout=W.Layout(flex_flow="row wrap"))
        params = W.VBox([c["growth"], c["additions"], c["renewal"], c["outflow"], c["population"], c["seed"]])
        weights_grid = W.GridBox(list(self.weight_boxes.values()),
                                 layout=W.Layout(grid_template_columns="repeat(auto-fill, 310px)"))
        score_box = W.VBox([self._labels["score_title"], W.HBox([c["basis"]]), W.HBox([c["by"], c["equal"]]),
                            c["spread"], self.score_html, self._labels["weights"], weights_grid])
        share_box = W.VBox([c["file"], W.HBox([c["save"], c["load"], c["upload"]]), self.status, self.download,
                            self._labels["json"], self.json_view])
        self.params_box = params
        self.tabs = W.Tab(children=[score_box, share_box], selected_index=0)
        self.widget = W.VBox([self.title, row1, row2, params, self.answer, self.required, self.prob, self.chart,
                              self.tabs], layout=W.Layout(max_width="980px"))
        self.widget.add_class("scenario-explorer")
        with self.hold():
            self._set_texts(lang)

    def _ipython_display_(self):  # pragma: no cover - notebook display
        from IPython.display import display

        display(self.widget)

    def _repr_mimebundle_(self, **kwargs):  # pragma: no cover - notebook display
        return self.widget._repr_mimebundle_(**kwargs)

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

    def t(self, key: str) -> str:
        return TEXT[self.lang].get(key, key)

    def meta(self, indicator_id: str | None = None) -> pd.Series:
        from analysis.io import catalogue

        return catalogue.target(self.targets, indicator_id or self.c["indicator"].value)

    def population(self, region: str | None = None) -> pd.Series | None:
        """Population of ``region`` (None when unknown)."""
        region = region or self.c["region"].value
        if region not in self._pop_cache:
            pop = self._population
            try:
                if callable(pop):
                    pop = pop(region)
                elif pop is None:
                    from analysis.io import dataset

                    pop = dataset.load_population(region)
            except (KeyError, FileNotFoundError, InputError):
                pop = None
            self._pop_cache[region] = pop
        return self._pop_cache[region]

    def history(self) -> pd.Series:
        """Observations of the selected indicator in the selected region."""
        key = (self.c["region"].value, self.c["indicator"].value)
        cache = self.__dict__.setdefault("_hist_cache", {})
        if key not in cache:
            cache[key] = scenarios.history_for(self.obs, *key)
        return cache[key]

    def available_types(self, indicator_id: str | None = None) -> tuple[str, ...]:
        types = scenarios.scenario_types(self.meta(indicator_id),
                                         has_population=self.population() is not None)
        if self.fit is None:
            try:
                from analysis.model import forecast  # noqa: F401
            except ImportError:  # pragma: no cover - forecast is part of the suite
                types = tuple(t for t in types if t != "trend")
        return types

    def _default_indicator(self) -> str:
        """The first money-amount (``level``) target with at least 3 observations, else the first."""
        ids = [v for _, v in self.c["indicator"].options]
        region = self.c["region"].value
        counts = self.obs.loc[(self.obs["region"] == region) & self.obs["value"].notna()].groupby(
            "indicator_id")["year"].nunique()
        for i in ids:
            if str(self.meta(i).get("kind")) == "level" and counts.get(i, 0) >= 3:
                return i
        return ids[0]

    def _default_type(self, indicator_id: str) -> str:
        """The natural scenario for an indicator: its stock-flow model where there is one,
        growth for positive amounts, otherwise additions."""
        types = self.available_types(indicator_id)
        for t in ("certificates", "per_capita"):
            if t in types:
                return t
        region = self.c["region"].value
        h = scenarios.history_for(self.obs, region, indicator_id)
        if str(self.meta(indicator_id).get("kind")) in ("level", "ratio", "share") and len(h) and h.iloc[-1] > 0:
            return "growth"
        return "additions" if "additions" in types else types[0]

    # ------------------------------------------------------------------ options and texts
    def _set_region_options(self) -> None:
        regions = list(dict.fromkeys(self.obs["region"].astype(str))) or [config.DEFAULT_REGION]
        cur = self.c["region"].value
        self.c["region"].options = regions
        self.c["region"].value = cur if cur in regions else regions[0]
        self._set_indicator_options()

    def _set_indicator_options(self) -> None:
        from analysis.io.catalogue import indicator_label

        region = self.c["region"].value
        have = set(self.obs.loc[(self.obs["region"] == region) & self.obs["value"].notna(), "indicator_id"])
        opts = [(indicator_label(m, self.lang), str(m["id"])) for _, m in self.targets.iterrows() if m["id"] in have]
        if not opts:
            opts = [(indicator_label(m, self.lang), str(m["id"])) for _, m in self.targets.iterrows()]
        cur = self.c["indicator"].value
        ids = [v for _, v in opts]
        self.c["indicator"].options = opts
        self.c["indicator"].value = cur if cur in ids else ids[0]

    def _set_type_options(self) -> None:
        types = self.available_types()
        cur = self.c["type"].value
        self.c["type"].options = [(TYPE_NAMES[self.lang][t], t) for t in types]
        self.c["type"].value = cur if cur in types else self._default_type(self.c["indicator"].value)

    def _set_texts(self, lang: str) -> None:
        T = TEXT[lang]
        c = self.c
        for k in ("region", "indicator", "type", "lang", "growth", "renewal", "population", "seed", "by",
                  "basis", "spread", "file"):
            c[k].description = T[k]
        c["outflow"].description = T["lapse"] if c["type"].value == "per_capita" else T["closure"]
        c["additions"].description = T[_ADD_LABEL.get(c["type"].value, "additions")]
        c["equal"].description = T["equal"]
        c["save"].description = T["save"]
        c["load"].description = T["load"]
        c["upload"].description = T["upload"]
        by = c["by"].value
        c["by"].options = [(T["by_task"], "task"), (T["by_sector"], "sector"), (T["by_indicator"], "indicator")]
        c["by"].value = by
        basis = c["basis"].value
        c["basis"].options = [(T["basis_latest"], "latest"), (T["basis_projected"], "projected")]
        c["basis"].value = basis
        for i, t in enumerate(("score_tab", "share_tab")):
            self.tabs.set_title(i, T[t])
        for _, meta in self.targets.iterrows():
            name = str(meta["name_zh"] if lang == "zh" else meta["name_en"])
            self.weight_boxes[str(meta["id"])].description = name if len(name) <= 26 else name[:25] + "…"
        self._labels["weights"].value = f"<b>{html.escape(T['weights'])}</b>"
        self._labels["score_title"].value = f"<b>{html.escape(T['score_title'])}</b>"
        self._labels["json"].value = f"<b>{html.escape(T['json'])}</b>"
        self.title.value = f"<h3 style='margin:4px 0'>{html.escape(T['title'])}</h3>"

    def _show_sliders(self) -> None:
        used = SLIDERS_FOR.get(self.c["type"].value, ())
        for name in ("growth", "additions", "renewal", "outflow", "population"):
            self.c[name].layout.display = None if name in used else "none"
        self.c["seed"].layout.display = "none" if self.c["type"].value == "trend" else None
        T = TEXT[self.lang]
        self.c["outflow"].description = T["lapse"] if self.c["type"].value == "per_capita" else T["closure"]
        self.c["additions"].description = T[_ADD_LABEL.get(self.c["type"].value, "additions")]

    def _range_additions(self, stype: str, params: Mapping) -> None:
        """Slider range and step for the additions-like parameter of ``stype``."""
        h = self.history()
        meta = self.meta()
        key = _ADD_PARAM.get(stype)
        if key is None or h.empty:
            return
        cur = float(params.get(key, 0.0))
        last = float(h.iloc[-1])
        target = float(meta["value"])
        if stype == "per_capita":
            pop = self.population()
            scale = abs(target - last) * (scenarios._population_at(pop, int(h.index[-1])) if pop is not None else 1)
        else:
            scale = abs(target - last)
        d = np.abs(np.diff(h.to_numpy())) if len(h) > 1 else np.array([0.0])
        top = max(2.5 * scale, 3 * float(d.max()), abs(cur) * 1.5, 1e-9)
        discrete = stype in ("certificates", "per_capita", "stock") or meta.get("kind") in ("count", "milestone")
        step = 1.0 if discrete and top >= 8 else _nice_step(top / 100)
        top = math.ceil(top / step) * step
        low = 0.0 if stype != "additions" else -math.ceil(top / 2 / step) * step
        s = self.c["additions"]
        s.step = step
        s.readout_format = ".0f" if step >= 1 else (".2f" if step >= 0.01 else ".4f")
        if top > s.min:
            s.max = top
            s.min = low
        else:
            s.min = low
            s.max = top

    # ------------------------------------------------------------------ state <-> scenario
    def _slider_value(self, name: str, exact: float, factor: float = 1.0) -> float:
        """Put an exact parameter on a slider, remembering it so the scenario keeps it exactly."""
        s = self.c[name]
        v = round(exact * factor, 9)
        if v > s.max:
            s.max = v
        if v < s.min:
            s.min = v
        s.value = v
        self._exact[name] = (s.value, exact)
        return s.value

    def _param(self, name: str, factor: float = 1.0) -> float:
        v = self.c[name].value
        hit = self._exact.get(name)
        if hit is not None and abs(hit[0] - v) < 1e-12:
            return hit[1]
        return round(v / factor, 10)

    def scenario(self) -> Scenario:
        """The scenario the controls show (weights included)."""
        stype = self.c["type"].value
        p: dict = {}
        if stype == "growth":
            p["rate"] = self._param("growth", 100)
        if stype in _ADD_PARAM:
            p[_ADD_PARAM[stype]] = self._param("additions")
        if stype == "certificates":
            p["renewal_rate"] = self._param("renewal", 100)
        if stype == "per_capita":
            p["lapse_rate"] = self._param("outflow", 100)
            p["population_change"] = self._param("population", 100)
        if stype == "stock":
            p["closure_rate"] = self._param("outflow", 100)
        for k, v in self._extra.get(stype, {}).items():
            if k in scenarios.PARAMS[stype] and k not in p:
                p[k] = v
        return Scenario(indicator_id=self.c["indicator"].value, scenario_type=stype, params=p,
                        region=self.c["region"].value, weights=self.weights(), seed=int(self.c["seed"].value),
                        lang=self.lang)

    def weights(self) -> dict[str, float]:
        return {k: float(b.value) for k, b in self.weight_boxes.items()}

    def set_weights(self, weights: Mapping[str, float] | None) -> None:
        """Set the weight editors (``None``: equal weights) and redraw once."""
        with self.hold():
            for k, b in self.weight_boxes.items():
                b.value = float((weights or {}).get(k, 1.0))
        self.refresh()

    def _reset_params(self, stype: str) -> None:
        """Sliders to the defaults computed from the history for ``stype``."""
        h = self.history()
        if h.empty:
            return
        d = scenarios.default_params(stype, h, self.meta(), population=self.population())
        self._exact = {}
        self._apply_params(stype, d, exact=False)

    def _apply_params(self, stype: str, params: Mapping, *, exact: bool = True) -> None:
        set_ = self._slider_value if exact else (lambda n, v, f=1.0: setattr(self.c[n], "value", self._clamp(n, v * f)))
        self._range_additions(stype, params)
        if "rate" in params:
            set_("growth", float(params["rate"]), 100)
        if _ADD_PARAM.get(stype) in params:
            set_("additions", float(params[_ADD_PARAM[stype]]))
        if "renewal_rate" in params:
            set_("renewal", float(params["renewal_rate"]), 100)
        if "lapse_rate" in params:
            set_("outflow", float(params["lapse_rate"]), 100)
        if "closure_rate" in params:
            set_("outflow", float(params["closure_rate"]), 100)
        if "population_change" in params:
            set_("population", float(params["population_change"]), 100)
        slider_keys = {"rate", "renewal_rate", "lapse_rate", "closure_rate", "population_change", _ADD_PARAM.get(stype)}
        self._extra[stype] = {k: v for k, v in params.items() if k not in slider_keys and v is not None}

    def _clamp(self, name: str, v: float) -> float:
        s = self.c[name]
        step = s.step or 1
        v = round(round(v / step) * step, 10)
        if v > s.max:
            s.max = v
        if v < s.min:
            s.min = v
        return v

    def apply_scenario(self, scenario: Scenario, *, refresh: bool = True) -> None:
        """Set every control from a scenario (exact parameters kept) and redraw once."""
        with self.hold():
            self.c["lang"].value = scenario.lang
            self._set_texts(scenario.lang)
            regions = list(self.c["region"].options)
            if scenario.region not in regions:
                raise InputError([Problem("scenario", None, "region",
                                                    f"no observations for region {scenario.region!r}")])
            self.c["region"].value = scenario.region
            self._set_indicator_options()
            ids = [v for _, v in self.c["indicator"].options]
            if scenario.indicator_id not in ids:
                raise InputError([Problem("scenario", None, "indicator_id",
                                                    f"no observations for {scenario.indicator_id!r} in {scenario.region}")])
            self.c["indicator"].value = scenario.indicator_id
            self._set_type_options()
            if scenario.scenario_type not in self.available_types():
                raise InputError([Problem("scenario", None, "scenario_type",
                                                    f"{scenario.scenario_type!r} does not apply to {scenario.indicator_id!r}")])
            self.c["type"].value = scenario.scenario_type
            self._extra = {}
            self._exact = {}
            self._reset_params(scenario.scenario_type)
            self._exact = {}
            self._apply_params(scenario.scenario_type, scenario.params, exact=True)
            self.c["seed"].value = int(scenario.seed)
            for k, b in self.weight_boxes.items():
                b.value = float((scenario.weights or {}).get(k, 1.0))
            self._show_sliders()
        if refresh:
            self.refresh()

    # ------------------------------------------------------------------ events
    def _on_region(self, change) -> None:
        if self._hold:
            return
        with self.hold():
            self._set_indicator_options()
            self._set_type_options()
            self._reset_params(self.c["type"].value)
            self._show_sliders()
        self.refresh()

    def _on_indicator(self, change) -> None:
        if self._hold:
            return
        with self.hold():
            self._set_type_options()
            self.c["type"].value = self._default_type(self.c["indicator"].value)  # its natural scenario
            self._extra = {}
            self._reset_params(self.c["type"].value)
            self._show_sliders()
        self.refresh()

    def _on_type(self, change) -> None:
        if self._hold:
            return
        with self.hold():
            self._reset_params(self.c["type"].value)
            self._show_sliders()
        self.refresh()

    def _on_lang(self, change) -> None:
        if self._hold:
            return
        with self.hold():
            self._set_texts(change["new"])
            self._set_indicator_options()
            self._set_type_options()
            self._show_sliders()
        self.refresh()

    def _on_change(self, change) -> None:
        if not self._hold:
            self.refresh()

    # ------------------------------------------------------------------ compute and draw
    def refresh(self) -> None:
        """Recompute the scenario and update the answer, probability, chart, score and JSON."""
        if self._hold:
            return
        self.n_redraws += 1
        try:
            sc = self.scenario()
            meta = self.meta(sc.indicator_id)
            pop = self.population(sc.region) if sc.scenario_type == "per_capita" else None
            res = scenarios.run(sc, self.history(), meta, population=pop, fit=self.fit, n_sims=self.n_sims)
        except (InputError, ValueError, KeyError) as exc:
            self.error = str(exc)
            self.result = None
            self.answer.value = (f"<div style='color:#D55E00;font-size:1.1em'><b>{html.escape(self.t('error'))}:</b> "
                                 f"{html.escape(self.error)}</div>")
            self.required.value = ""
            self.prob.value = ""
            return
        self.error = ""
        self.result = res
        self._show_answer(res)
        self.chart.value = self.render_png(res)
        self._show_score(res)
        self.json_view.value = self.current_json()

    def _show_answer(self, res: ScenarioResult) -> None:
        lang = self.lang
        self.answer.value = (f"<div style='font-size:1.25em;line-height:1.4;margin:6px 0'>"
                             f"<b>{html.escape(res.sentence(lang))}</b></div>")
        note = " ".join(res.notes)
        self.required.value = (f"<div style='margin:2px 0'>{html.escape(res.required_sentence(lang))}"
                               + (f" <i>({html.escape(note)})</i>" if note else "") + "</div>")
        p = res.probability
        ptxt = "–" if p is None or math.isnan(p) else f"{p:.0%}"
        col = vocab.STATUS_COLORS.get(res.status, "#BBBBBB")
        self.prob.value = (
            f"<div style='margin:4px 0'>{html.escape(self.t('prob'))}: "
            f"<b class='scenario-prob-value' style='font-size:1.2em'>{ptxt}</b> &nbsp; "
            f"<span style='background:{col};color:#000;padding:2px 8px;border-radius:10px'>"
            f"{html.escape(vocab.status_name(res.status, lang))}</span>"
            + (f" &nbsp;<span style='color:#B00020;font-weight:bold'>{html.escape(vocab.ILLUSTRATIVE_STAMP)}</span>"
               if self.provenance.get("illustrative") else "") + "</div>")

    # chart ---------------------------------------------------------------
    def figure(self):
        """The explorer's matplotlib figure (created once, redrawn in place)."""
        if self._fig is None:
            from matplotlib.figure import Figure

            try:
                from analysis.viz import style

                style.apply(self.lang)
            except Exception:  # pragma: no cover - style is optional for the engine
                pass
            self._fig = Figure(figsize=FIG_SIZE, dpi=FIG_DPI, layout="none")
            self._fig.subplots_adjust(left=0.09, right=0.98, top=0.88, bottom=0.2)
            # a placeholder engine: savefig restores the engine it found, and restoring
            # "no engine" would pick up the house style's constrained layout (slow)
            self._fig.set_layout_engine("none")
            self._fig.add_subplot(1, 1, 1)
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            FigureCanvasAgg(self._fig)
        return self._fig

    def draw(self, res: ScenarioResult | None = None):
        """Draw ``res`` (default the current result) on the explorer's axes and return them.

        The axes, history, target, deadline, legend and stamp (the *static* layer) are
        rendered once per (region, indicator, scenario type, language, y range) and kept
        as a bitmap; a slider change only draws the path, the band and the "reached"
        marker over it (blitting). The y range keeps its value while the data fit and
        use at least 45 % of it, so most slider moves need no static redraw.
        """
        res = res or self.result
        fig = self.figure()
        ax = fig.axes[0]
        h = res.history
        lo = min(0.0, float(np.nanmin(np.r_[h.to_numpy(), res.lower, res.path])))
        hi = max(res.target, float(np.nanmax(np.r_[h.to_numpy(), res.upper, res.path])))
        hi = hi if hi > 0 else 1.0
        base = (res.scenario.region, res.scenario.indicator_id, res.scenario.scenario_type, self.lang,
                tuple(h.index), tuple(h.to_numpy()), res.target, res.deadline, len(res.years))
        old = getattr(self, "_draw_key", None)
        ylim = getattr(self, "_ylim", None)
        if old is None or old[0] != base or ylim is None or lo < ylim[0]:
            ylim = (lo, hi * 1.15)
        elif hi > ylim[1] or hi < 0.45 * ylim[1]:  # out of range: leave room to move on
            ylim = (lo, hi * (1.35 if hi > ylim[1] else 1.15))
        key = (base, ylim)
        if key != old:
            if old is None or old[0] != base:
                self._draw_static(ax, res)
            ax.set_ylim(*ylim)
            self._ylim = ylim
            fig.canvas.draw()
            self._background = fig.canvas.copy_from_bbox(fig.bbox)
            self._draw_key = key
            self.n_static_draws = getattr(self, "n_static_draws", 0) + 1
        a = self._artists
        a["band"].remove()
        a["band"] = ax.fill_between(res.years, res.lower, res.upper, color="#56B4E9", alpha=0.25,
                                    linewidth=0, gid="band", animated=True)
        a["path"].set_data(np.r_[h.index[-1], res.years], np.r_[h.iloc[-1], res.path])
        if res.year_reached is not None:
            years_all = np.r_[h.index, res.years]
            yv = float(np.r_[h.to_numpy(), res.path][int(np.nonzero(years_all == res.year_reached)[0][0])])
            a["reached"].set_data([res.year_reached], [yv])
            a["reached_text"].xy = (res.year_reached, yv)
            a["reached_text"].set_text(f" {res.year_reached}")
            a["reached"].set_visible(True)
            a["reached_text"].set_visible(True)
        else:
            a["reached"].set_visible(False)
            a["reached_text"].set_visible(False)
        return ax

    def _draw_static(self, ax, res: ScenarioResult) -> None:
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch
        from matplotlib.ticker import MaxNLocator

        from analysis.io.catalogue import indicator_label

        ax.clear()
        T = TEXT[self.lang]
        h = res.history
        a: dict = {}
        a["band"] = ax.fill_between([], [], [], gid="band", animated=True)
        (a["path"],) = ax.plot([], [], color="#0072B2", linestyle="--", marker="o", markersize=3.5, gid="path",
                               animated=True)
        (a["history"],) = ax.plot(h.index, h.to_numpy(), color="#000000", linestyle="-", marker="o",
                                  markersize=4, gid="history")
        a["target"] = ax.axhline(res.target, color="#D55E00", linestyle=":", linewidth=1.6, gid="target")
        a["deadline"] = ax.axvline(res.deadline, color="#555555", linestyle="-.", linewidth=1.0, gid="deadline")
        (a["reached"],) = ax.plot([], [], marker="*", markersize=13, color="#009E73", linestyle="none",
                                  gid="reached", animated=True)
        a["reached_text"] = ax.annotate("", (0, 0), xytext=(7, -12), textcoords="offset points", color="#009E73",
                                        fontsize=8, va="bottom", ha="left", animated=True)
        ax.set_xlim(h.index[0] - 0.4, (res.years[-1] if len(res.years) else h.index[-1]) + 0.6)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        meta = self.meta(res.scenario.indicator_id)
        ax.set_title(f"{res.scenario.region} · {indicator_label(meta, self.lang)}", loc="left", fontsize=10.5)
        ax.set_ylabel(res.unit)
        ax.grid(True, axis="y", color="#DDDDDD", linewidth=0.6)
        handles = [Line2D([], [], color="#000000", marker="o", markersize=4, label=T["history"]),
                   Line2D([], [], color="#0072B2", linestyle="--", marker="o", markersize=3.5, label=T["path"]),
                   Patch(facecolor="#56B4E9", alpha=0.25, label=T["band"]),
                   Line2D([], [], color="#D55E00", linestyle=":", label=f"{T['target']} {scenarios._fmt(res.target)}"),
                   Line2D([], [], color="#555555", linestyle="-.", label=f"{T['deadline']} {res.deadline}"),
                   Line2D([], [], marker="*", markersize=9, color="#009E73", linestyle="none", label=T["reached"])]
        ax.legend(handles=handles, loc="upper left", fontsize=7.5, ncol=3, frameon=False)
        self._artists = a
        self._stamp(ax.figure, res)

    def _stamp(self, fig, res: ScenarioResult) -> None:
        illustrative = bool(self.provenance.get("illustrative"))
        source = str(self.provenance.get("source_zh" if self.lang == "zh" else "source_en", ""))
        try:
            from analysis.viz import style

            texts = style.stamp(fig, illustrative=illustrative, source=source, as_of=res.last_year, lang=self.lang)
            for t in texts:  # keep the stamp inside the canvas: the PNG is not cropped "tight"
                t.set_y(0.015)
                t.set_va("bottom")
        except Exception:  # pragma: no cover - style missing: a plain note
            for t in list(fig.texts):
                t.remove()
            if illustrative:
                fig.text(0.99, 0.015, vocab.ILLUSTRATIVE_STAMP, ha="right", va="bottom", fontsize=8,
                         color="#B00020", fontweight="bold")

    def render_png(self, res: ScenarioResult | None = None) -> bytes:
        """The chart as PNG bytes: the cached static layer plus the scenario's artists."""
        from PIL import Image

        ax = self.draw(res)
        canvas = self._fig.canvas
        canvas.restore_region(self._background)
        for k in ("band", "path", "reached", "reached_text"):
            art = self._artists[k]
            if art.get_visible():
                ax.draw_artist(art)
        w, h = canvas.get_width_height(physical=True)
        img = Image.frombuffer("RGBA", (w, h), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buf = io.BytesIO()
        img.save(buf, format="PNG", compress_level=1)
        return buf.getvalue()

    def savefig(self, path: str | Path, **kwargs) -> None:
        """Save the current chart (all layers) with matplotlib, e.g. as SVG or PDF."""
        self.draw()
        for k in ("band", "path", "reached", "reached_text"):
            self._artists[k].set_animated(False)
        try:
            self._fig.savefig(path, **kwargs)
        finally:
            for k in ("band", "path", "reached", "reached_text"):
                self._artists[k].set_animated(True)

    # score ---------------------------------------------------------------
    def scorecard(self, region: str | None = None) -> pd.DataFrame | None:
        """The assess scorecard of ``region`` (for the projected score basis)."""
        region = region or self.c["region"].value
        if region not in self._scorecards:
            sc = self._scorecard
            if sc is None:
                try:
                    from analysis.model import scorecard as assess

                    sc = assess.assess(self.obs, self.targets)
                except Exception:  # pragma: no cover - projected basis unavailable
                    sc = None
            self._scorecards[region] = None if sc is None else sc.loc[sc["region"] == region]
        return self._scorecards[region]

    def score_values(self, res: ScenarioResult | None = None) -> pd.Series:
        """The value per target the score uses (basis ``latest`` or ``projected``).

        latest: each target's latest observation; projected: the forecast at each
        target's deadline (the scorecard's ``forecast``), with the latest value where
        the deadline is observed. Either way the explored indicator takes its
        scenario value at the deadline in ``projected`` mode.
        """
        region = self.c["region"].value
        cache = self.__dict__.setdefault("_latest_cache", {})
        if region not in cache:
            d = self.obs.loc[(self.obs["region"] == region) & self.obs["value"].notna()]
            cache[region] = d.sort_values("year").groupby("indicator_id")["value"].last()
        latest = cache[region]
        if self.c["basis"].value == "latest":
            return latest
        sc = self.scorecard(region)
        vals = latest.copy()
        if sc is not None:
            fc = pd.Series(sc["forecast"].to_numpy(dtype=float), index=sc["indicator_id"].to_numpy())
            fc = fc[np.isfinite(fc.to_numpy())]
            vals.loc[fc.index] = fc
        res = res or self.result
        if res is not None:
            vals.loc[res.scenario.indicator_id] = res.value_at_deadline
        return vals

    def _show_score(self, res: ScenarioResult | None) -> None:
        lang = self.lang
        T = TEXT[lang]
        vals = self.score_values(res)
        by = self.c["by"].value
        w = self.weights()
        key = (tuple(vals.items()), tuple(w.items()), by, self.c["spread"].value, int(self.c["seed"].value), lang)
        if key == getattr(self, "_score_key", None):
            return
        self._score_key = key
        try:
            table = scenarios.progress_table(vals, self.targets)
            sr = scenarios.score(table, w, by=by)
            sens = scenarios.sensitivity(table, w, by=by, spread=self.c["spread"].value / 100, n=300,
                                         seed=int(self.c["seed"].value))
        except InputError as exc:
            self.score_html.value = (f"<div style='color:#D55E00'><b>{html.escape(T['error'])}:</b> "
                                     f"{html.escape(str(exc))}</div>")
            return
        self.score_result, self.sensitivity_result = sr, sens
        name_col = "name_zh" if lang == "zh" else "name_en"
        names = dict(zip(self.targets["id"], self.targets[name_col]))
        sectors = self._sector_names(lang)

        def gname(g):
            if by == "indicator":
                return names.get(g, g)
            if by == "sector":
                return sectors.get(g, g)
            return (f"任务{g}" if lang == "zh" else f"task {g}") if g != "—" else T["all"]

        rows = []
        gs = sens.groups.set_index("group")
        for r in sr.groups.itertuples(index=False):
            if r.weight <= 0 or (isinstance(r.score, float) and math.isnan(r.score)):
                continue
            s = gs.loc[r.group]
            rng = (f"{int(s.rank_p05)}–{int(s.rank_p95)}" if s.rank_p05 != s.rank_p95 else f"{int(s.rank_p05)}")
            rows.append(f"<tr><td>{int(r.rank)}</td><td>{html.escape(str(gname(r.group)))}</td>"
                        f"<td>{r.score:.0%}</td><td>{rng}</td><td>{s.p_rank_change:.0%}</td></tr>")
        tot = sens.total
        missing = f" · {sr.n_missing} {T['missing']}" if sr.n_missing else ""
        swing = sens.one_at_a_time.head(5)
        swing_rows = "".join(
            f"<tr><td>{html.escape(str(names.get(r.indicator_id, r.indicator_id)))}</td>"
            f"<td>{r.total_down:.1%} – {r.total_up:.1%}</td></tr>" for r in swing.itertuples(index=False))
        self.score_html.value = (
            "<div class='scenario-score-inner'>"
            f"<div style='font-size:1.15em;margin:4px 0'>{html.escape(T['total'])}: "
            f"<b class='scenario-total'>{sr.total:.1%}</b>{html.escape(missing)}</div>"
            f"<div>{html.escape(T['total_range'])}: {tot['p05']:.1%} – {tot['p95']:.1%}</div>"
            "<table style='border-collapse:collapse;margin-top:4px' cellpadding='3' border='1'>"
            f"<tr><th>{T['rank']}</th><th>{T['group']}</th><th>{T['score']}</th><th>{T['rank_range']}</th>"
            f"<th>{T['p_change']}</th></tr>" + "".join(rows) + "</table>"
            f"<div style='margin-top:6px'>{html.escape(T['swing'])}</div>"
            "<table style='border-collapse:collapse' cellpadding='3' border='1'>" + swing_rows + "</table></div>")

    def _sector_names(self, lang: str) -> dict:
        if not hasattr(self, "_sectors_cache"):
            self._sectors_cache = {}
            try:
                from analysis.io import catalogue

                ent = catalogue.load_entities()
                sec = ent.loc[ent["type"] == "sector"] if "type" in ent else ent.iloc[0:0]
                for r in sec.itertuples(index=False):
                    self._sectors_cache[str(r.entity_id)] = (str(r.name_zh), str(r.name_en))
            except Exception:
                pass
        return {k: (v[0] if lang == "zh" else v[1]) for k, v in self._sectors_cache.items()}

    # save / load -----------------------------------------------------------
    def current_scenario(self) -> Scenario:
        """The scenario to save: the result's completed parameters, with the weights."""
        if self.result is None:
            return self.scenario()
        s = self.result.scenario
        return Scenario(indicator_id=s.indicator_id, scenario_type=s.scenario_type, params=dict(s.params),
                        region=s.region, weights=self.weights(), seed=s.seed, lang=self.lang)

    def current_json(self) -> str:
        return self.current_scenario().to_json()

    def save(self, path: str | Path | None = None) -> Path:
        """Save the current scenario as JSON (default under ``reports/scenarios/``)."""
        if path is None or str(path).strip() == "":
            sc = self.current_scenario()
            path = self.save_dir / f"{sc.indicator_id}_{sc.scenario_type}.json"
        return self.current_scenario().save(path)

    def load(self, path_or_scenario) -> Scenario:
        """Load a scenario (path, JSON text, dict or :class:`Scenario`) and show it."""
        if isinstance(path_or_scenario, Scenario):
            sc = path_or_scenario
        elif isinstance(path_or_scenario, Mapping):
            sc = Scenario.from_dict(path_or_scenario)
        elif isinstance(path_or_scenario, str) and path_or_scenario.lstrip().startswith("{"):
            sc = Scenario.from_json(path_or_scenario)
        else:
            sc = Scenario.load(path_or_scenario)
        self.apply_scenario(sc)
        return sc

    def _save_clicked(self) -> None:
        try:
            p = self.save(self.c["file"].value or None)
        except (OSError, InputError) as exc:
            self.status.value = f"<span style='color:#D55E00'>{html.escape(str(exc))}</span>"
            return
        self.c["file"].value = str(p)
        text = self.current_json()
        b64 = base64.b64encode(text.encode("utf-8")).decode("ascii")
        self.status.value = f"{html.escape(self.t('saved'))}: <code>{html.escape(str(p))}</code>"
        self.download.value = (f"<a download='{html.escape(p.name)}' href='data:application/json;base64,{b64}'>"
                               f"⬇ {html.escape(self.t('download'))} ({html.escape(p.name)})</a>")

    def _load_clicked(self) -> None:
        try:
            sc = self.load(self.c["file"].value)
        except (OSError, InputError) as exc:
            self.status.value = f"<span style='color:#D55E00'>{html.escape(str(exc))}</span>"
            return
        self.status.value = f"{html.escape(self.t('loaded'))}: {html.escape(sc.indicator_id)} · {sc.scenario_type}"

    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        f = files[0]
        name = f.get("name", "upload.json") if isinstance(f, Mapping) else getattr(f, "name", "upload.json")
        content = f["content"] if isinstance(f, Mapping) else f.content
        try:
            sc = Scenario.from_json(bytes(content).decode("utf-8-sig"), source=name)
            self.apply_scenario(sc)
        except InputError as exc:
            self.status.value = f"<span style='color:#D55E00'>{html.escape(str(exc))}</span>"
            return
        self.status.value = f"{html.escape(self.t('loaded'))}: {html.escape(name)}"


def explorer(obs: pd.DataFrame | None = None, targets: pd.DataFrame | None = None, **kwargs) -> ScenarioExplorer:
    """Build the scenario explorer (see :class:`ScenarioExplorer`); display the returned object."""
    return ScenarioExplorer(obs, targets, **kwargs)


# --------------------------------------------------------------------------- the Voila app
def voila_command(port: int = 8866, *, notebook: str | Path | None = None, open_browser: bool = False) -> list[str]:
    """The command that serves the explorer notebook with Voila on 127.0.0.1."""
    nb = Path(notebook) if notebook is not None else notebook_path()
    cmd = [sys.executable, "-m", "voila", str(nb), f"--port={int(port)}", "--Voila.ip=127.0.0.1",
           "--Voila.port_retries=0", "--theme=light"]
    if not open_browser:
        cmd.append("--no-browser")
    return cmd


def _has_display() -> bool:
    """Whether a desktop browser can be opened (no display: a server or a container)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cli_explore(args) -> int:
    """``python -m analysis explore [--port N] [--no-browser]``: serve the explorer until Ctrl+C."""
    nb = notebook_path()
    if not nb.exists():
        print(f"{nb}: notebook not found", file=sys.stderr)
        return 1
    port = int(getattr(args, "port", 8866))
    if not 0 < port < 65536:
        print(f"--port must be 1-65535, got {port}", file=sys.stderr)
        return 1
    open_browser = not getattr(args, "no_browser", False) and _has_display()
    cmd = voila_command(port, notebook=nb, open_browser=open_browser)
    print(f"Scenario explorer / 情景模拟: http://127.0.0.1:{port}/  (Ctrl+C to stop)", flush=True)
    env = dict(os.environ)
    env.setdefault("MPLBACKEND", "Agg")
    try:
        return subprocess.call(cmd, cwd=str(nb.parent), env=env)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 0
