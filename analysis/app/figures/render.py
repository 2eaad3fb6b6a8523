"""Drawing registered figures: :func:`render` one with the house style and caption, :func:`export` them all
to files, :func:`show` them in a notebook."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Sequence

import matplotlib.pyplot as plt

from analysis import config
from analysis.app.figures.context import ReportContext
from analysis.app.figures.registry import FigureSpec, NotApplicable, available, get
from analysis.i18n.names import unit_label
from analysis.viz import common, style

def _root_figure(obj):
    fig = obj if hasattr(obj, "savefig") else getattr(obj, "figure", None)
    if fig is None and hasattr(obj, "flat"):  # an array of Axes
        fig = obj.flat[0].figure
    if fig is None:
        raise TypeError(f"a figure function must return a Figure or Axes, got {type(obj).__name__}")
    while getattr(fig, "figure", None) is not None and fig.figure is not fig:
        fig = fig.figure
    return fig


def render(spec: FigureSpec | str | int, ctx: ReportContext | None = None, lang: str = "zh"):
    """Draw one registered figure in ``lang`` with the house style and caption line.

    Returns the matplotlib ``Figure`` (the caller closes it).
    """
    spec = spec if isinstance(spec, FigureSpec) else get(spec)
    ctx = ctx if ctx is not None else ReportContext()
    style.apply(lang)
    before = set(plt.get_fignums())
    try:
        fig = _root_figure(spec.func(ctx, lang))
    except BaseException:
        for num in set(plt.get_fignums()) - before:
            plt.close(num)
        raise
    _localise_units(fig, lang)
    if not common.fit_titles(fig):
        # fit_titles has just laid the figure out and changed nothing: keep that layout (the
        # caption line added next sits outside it) instead of computing it again when saved
        fig.set_layout_engine("none")
    style.stamp(fig, lang=lang, **ctx.caption(spec.source, lang))
    return fig


def _localise_units(fig, lang: str) -> None:
    """An axis label that is only a catalogue unit (``家``, ``亿元``) is shown in ``lang``
    (:func:`analysis.i18n.names.unit_label`); plot functions that label axes with a bare unit
    thus read right in English figures."""
    for ax in fig.axes:
        for label in (ax.xaxis.label, ax.yaxis.label):
            text = label.get_text()
            if text and text != unit_label(text, lang):
                label.set_text(unit_label(text, lang))


def export(ctx: ReportContext | None = None, *, langs: Sequence[str] = ("zh",),
           formats: Sequence[str] = ("png", "svg", "pdf"), out_dir: str | Path | None = None,
           only: Iterable[str | int] | None = None, dpi: int = 300,
           progress: Callable[[str], None] | None = None,
           skipped: dict[str, list[str]] | None = None) -> list[Path]:
    """Write every registered figure in every language and format.

    Parameters
    ----------
    ctx : ReportContext, optional
        Default: the bundled data.
    langs : sequence of {"zh", "en"}
    formats : sequence of {"png", "svg", "pdf"}
    out_dir : path-like, optional
        Default :func:`analysis.config.figures_dir`.
    only : slugs or numbers, optional
        A subset of figures.
    dpi : int
        PNG resolution.
    progress : callable, optional
        Called with each figure's file stem after it is written (or skipped).
    skipped : dict, optional
        Filled with slug -> [reason] for figures that raised :class:`NotApplicable`.

    Returns
    -------
    list of Path
        Files written, figure by figure.
    """
    ctx = ctx if ctx is not None else ReportContext()
    out = Path(out_dir) if out_dir is not None else config.figures_dir()
    written: list[Path] = []
    for spec in available(only):
        for lang in langs:
            try:
                fig = render(spec, ctx, lang)
            except NotApplicable as exc:
                if skipped is not None:
                    skipped[spec.slug] = [exc.reason(lang)]
                if progress is not None:
                    progress(spec.stem(lang))
                continue
            try:
                written += style.savefig(fig, out / spec.stem(lang), formats=formats, dpi=dpi)
            finally:
                plt.close(fig)
            if progress is not None:
                progress(spec.stem(lang))
    return written


#: Resolution of the figures :func:`show` draws in a notebook, shown at 100 pixels per inch
#: (the size of matplotlib's inline display).
SHOW_DPI = 100


def _png_width(png: bytes) -> int:
    """Width in pixels of a PNG (its IHDR chunk)."""
    return int.from_bytes(png[16:20], "big")


#: Set by ``python -m analysis report`` while it runs the notebooks: the folder it has just
#: written the figures to, so :func:`show` displays those files instead of drawing again.
EXPORTED_ENV = "ANALYSIS_REPORT_FIGURES"


def show(ctx: ReportContext | None = None, lang: str = "zh", only: Iterable[str | int] | None = None) -> int:
    """Render the available figures inline in a notebook, each under a numbered heading.

    Each figure is shown as the PNG :func:`analysis.viz.style.savefig` would write (the same
    margins, caption and illustrative note as the exported file), at :data:`SHOW_DPI`.
    Inside ``python -m analysis report`` (environment variable :data:`EXPORTED_ENV` set)
    the PNG files the report has just written for these inputs are shown instead of
    drawing each figure a second time; they are the same figures.

    Returns the number of figures shown.
    """
    import os

    from IPython.display import Image, Markdown, display

    ctx = ctx if ctx is not None else ReportContext()
    exported = os.environ.get(EXPORTED_ENV, "").strip()
    n = 0
    for spec in available(only):
        display(Markdown(f"### {spec.number:02d} {spec.title(lang)}"))
        png = Path(exported) / f"{spec.stem(lang)}.png" if exported else None
        if png is not None and png.is_file():
            display(Image(filename=str(png), width=720))
        else:
            try:
                fig = render(spec, ctx, lang)
            except NotApplicable as exc:
                display(Markdown(f"*{exc.reason(lang)}*"))
                continue
            try:
                png = style.figure_bytes(fig, ("png",), dpi=SHOW_DPI)[0][1]
            finally:
                plt.close(fig)
            display(Image(data=png, width=_png_width(png) * 100 // SHOW_DPI))
        n += 1
    return n
