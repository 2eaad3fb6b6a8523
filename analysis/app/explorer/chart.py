"""The explorer's chart: one figure, redrawn in full only when it must, as PNG for the page and SVG on request.

The chart is :func:`analysis.viz.scenarios.scenario_plot`, the report's function. The full figure
is drawn when the indicator, type, language or view changes; a slider move only moves the path,
band and marker (:func:`analysis.viz.scenarios.update_scenario`) over the cached rest (blitting).
"""

from __future__ import annotations

import io
from typing import Mapping

from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from analysis.app.explorer import state as st
from analysis.i18n import t
from analysis.i18n.names import place_name, with_unit
from analysis.model import scenarios as S
from analysis.viz import scenarios as V
from analysis.viz import style


class ScenarioChart:
    """The chart of :class:`~analysis.app.explorer.widgets.ScenarioExplorer` on its own figure.

    Attributes
    ----------
    fig : Figure
        The figure (one Axes), drawn on an Agg canvas.
    png : bytes
        The chart as last rendered by :meth:`render`.
    n_static_draws : int
        How many times the whole figure was drawn (not only the moving parts).
    """

    def __init__(self):
        self.fig = V.app_figure()
        FigureCanvasAgg(self.fig)
        self.png = b""
        self.n_static_draws = 0
        self._moving: list = []
        self._background = None
        self._static_key = None
        self._view = None

    def draw(self, res: S.ScenarioResult, lang: str, provenance: Mapping):
        """Draw ``res`` in ``lang`` (the whole figure only when it changed) and return the Axes."""
        fig, ax = self.fig, self.fig.axes[0]
        view = st.stable_view(V.scenario_view(res), self._view)
        key = (res.scenario.region, res.scenario.indicator_id, res.scenario.scenario_type, lang,
               tuple(res.history.index), tuple(res.history.to_numpy()), res.target, res.deadline,
               view["x0"], view["x1"], tuple(view["ylim"]))
        if key != self._static_key:
            ax.clear()
            name = getattr(res, f"name_{lang}") or res.scenario.indicator_id
            title = V.wrap_text(f"{place_name(res.scenario.region, lang)} · {with_unit(name, res.unit, lang)}", 25)
            V.scenario_plot(res, lang=lang, ax=ax, provenance=provenance, answer=False, title=title,
                            path_label=t("scenarios.plot.path", lang), view=view, legend_cols=2,
                            legend_size=9.0)
            for txt in fig.texts:  # the PNG is not cropped "tight": keep the stamp inside the canvas,
                txt.set_y(0.055 if txt.get_gid() == style.ILLUSTRATIVE_GID else 0.012)  # on its own line
                txt.set_va("bottom")
            self._moving = V.update_scenario(ax, res)
            for a in self._moving:
                a.set_animated(True)
            fig.canvas.draw()
            self._background = fig.canvas.copy_from_bbox(fig.bbox)
            self._static_key, self._view = key, view
            self.n_static_draws += 1
        self._moving = V.update_scenario(ax, res)
        return ax

    def reset(self) -> None:
        """Forget the drawn figure: the next :meth:`draw` draws it whole (other data, another source line)."""
        self._static_key, self._view, self._background = None, None, None

    def render(self, res: S.ScenarioResult, lang: str, provenance: Mapping) -> tuple[int, int]:
        """Draw ``res`` and keep it as PNG in :attr:`png`; return its width and height in pixels."""
        ax = self.draw(res, lang, provenance)
        canvas = self.fig.canvas
        canvas.restore_region(self._background)
        for a in self._moving:
            ax.draw_artist(a)
        w, h = canvas.get_width_height(physical=True)
        img = Image.frombuffer("RGBA", (w, h), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
        buf = io.BytesIO()
        img.save(buf, format="PNG", compress_level=1)
        self.png = buf.getvalue()
        return w, h

    def svg_bytes(self) -> bytes:
        """The chart as SVG (every layer)."""
        return self.files(("svg",))["svg"]

    def files(self, formats=("png", "svg"), dpi: int = 300) -> dict[str, bytes]:
        """The chart in each of ``formats`` (every layer), saved as the report saves a figure
        (:func:`analysis.viz.style.figure_bytes`: one layout, cropped to the drawing, reproducible
        bytes), raster formats at ``dpi``."""
        for a in self._moving:
            a.set_animated(False)
        try:
            return dict(style.figure_bytes(self.fig, formats, dpi=dpi))
        finally:
            for a in self._moving:
                a.set_animated(True)
