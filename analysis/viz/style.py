"""The house style: one theme, one caption line, one way to save figures.

Every figure in the suite goes through three calls::

    from analysis.viz import style
    style.apply(lang)                       # theme + bundled CJK font (idempotent, cheap)
    ...plot...
    style.stamp(fig, illustrative=True, source="…", as_of=2019, lang=lang)
    style.savefig(fig, "figures/01_scorecard_zh")   # -> .png, .svg, .pdf

Font
    Chinese text needs a CJK font. The suite ships two cuts of **Noto Sans CJK SC
    Regular** (SIL Open Font License 1.1, ``analysis/viz/fonts/OFL.txt``) and registers
    them with matplotlib's font manager on the first :func:`apply`, so glyphs render after
    ``pip install`` alone, on a machine with no CJK fonts installed and whatever font cache
    matplotlib built earlier:

    * ``PingchuanSansSC-Regular.ttf`` (family "Pingchuan Sans SC"), the one used: a subset
      (GB2312, Latin, punctuation, symbols and every character of the project's text) with
      **TrueType outlines**, made from the OTF by ``fonts/make_ttf_subset.py`` (fontTools
      cu2qu). TrueType outlines let PDFs embed it as Type 42 (``pdffonts``: "CID TrueType"),
      which publishers accept; PNG and SVG look the same as with the OTF.
    * ``NotoSansCJKsc-Regular.otf`` (CFF outlines, every Chinese character), the fallback
      for a character outside the subset (a rare character in a user's region name).
      matplotlib cannot embed CFF outlines as Type 42, so a PDF whose text needs the
      fallback is written with Type 3 fonts (:func:`pdf_fonttype`), the documented
      exception.

    The same fonts are used for English figures (they have Latin glyphs), so a Chinese
    name in an English figure still renders.

Colours
    Categorical colours are the Okabe-Ito palette (safe for the common forms of
    colour blindness), ordered so neighbours differ in lightness, and paired with
    line styles in the property cycle so series stay distinguishable when printed
    in greyscale. Scorecard statuses use :data:`analysis.vocab.STATUS_COLORS`.

Reproducible files
    :func:`savefig` removes or fixes every date and version string matplotlib
    writes (PNG ``Software``, PDF ``CreationDate``/``ModDate``/``Producer``, SVG
    ``Date``), fixes ``svg.hashsalt``, and writes atomically, so the same figure
    gives the same bytes on every run.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from functools import lru_cache
from typing import Iterable, Sequence

import matplotlib as mpl
from cycler import cycler

from analysis import vocab
from analysis.i18n import check_lang, t, zh_punctuation
from analysis.io.atomic import atomic_write

#: The bundled font files and their licence.
FONT_DIR: Path = Path(__file__).resolve().parent / "fonts"
#: TrueType-outline subset, the font every figure uses (PDF: Type 42).
FONT_FILE: Path = FONT_DIR / "PingchuanSansSC-Regular.ttf"
#: Full CFF-outline font, fallback for characters outside the subset (PDF: Type 3).
FALLBACK_FONT_FILE: Path = FONT_DIR / "NotoSansCJKsc-Regular.otf"
FONT_LICENSE: Path = FONT_DIR / "OFL.txt"
#: Family names matplotlib knows the bundled fonts by.
FONT_NAME: str = "Pingchuan Sans SC"
FALLBACK_FONT_NAME: str = "Noto Sans CJK SC"

#: Okabe-Ito colours, ordered so that consecutive series alternate dark / light in greyscale.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue (dark)
    "#E69F00",  # orange (light)
    "#000000",  # black
    "#56B4E9",  # sky blue (light)
    "#D55E00",  # vermillion (mid)
    "#009E73",  # bluish green (mid)
    "#CC79A7",  # reddish purple (mid-light)
    "#999999",  # grey
)
#: Line styles paired with :data:`PALETTE` in the property cycle (greyscale-safe).
LINESTYLES: tuple = ("-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 2)), (0, (8, 3)))
#: Colour of observed data, targets and annotations, shared by the plot modules.
OBSERVED_COLOR = "#0072B2"
TARGET_COLOR = "#D55E00"
FORECAST_COLOR = "#E69F00"
NEUTRAL_COLOR = "#555555"
STAMP_COLOR = "#B2182B"
#: Status colours for scorecards (the same mapping the workbook uses).
STATUS_COLORS: dict[str, str] = dict(vocab.STATUS_COLORS)
#: Hatches and markers per status: ``on track`` and ``at risk`` have nearly the same
#: lightness, so status colours alone do not survive greyscale printing; plots should
#: also use these (and label the status in text).
STATUS_HATCHES: dict[str, str] = {
    "achieved": "", "on track": "//", "at risk": "..", "off track": "xx", "not achieved": "\\\\",
    "deadline year not reported": "++", "insufficient data": "",
}
STATUS_MARKERS: dict[str, str] = {
    "achieved": "o", "on track": "^", "at risk": "D", "off track": "v", "not achieved": "s",
    "deadline year not reported": "P", "insufficient data": "x",
}
#: Sequential colour map for heatmaps (perceptually uniform, greyscale-monotone).
SEQUENTIAL_CMAP = "cividis"
#: Diverging colour map (colour-blind safe) for signed values such as growth gaps.
DIVERGING_CMAP = "PuOr"

#: Fixed salt so SVG element ids are the same on every run.
SVG_HASHSALT = "pingchuan-analysis"
#: PDF font type: Type 42 (TrueType/CID) from the TrueType subset; Type 3 only for a
#: figure whose text needs the CFF fallback font (see :func:`pdf_fonttype`).
PDF_FONTTYPE = 42
#: Figure size in inches (fits an A4 text column at 100 %).
FIGSIZE = (7.2, 4.4)
#: gids of the artists :func:`stamp` adds (tests and re-stamping find them by these).
CAPTION_GID = "analysis-caption"
ILLUSTRATIVE_GID = "analysis-illustrative"
NOTE_GID = "analysis-note"

_registered: str | None = None


def font_path() -> Path:
    """Path of the bundled CJK font file every figure uses."""
    return FONT_FILE


def register_font() -> str:
    """Register the bundled CJK fonts with matplotlib (idempotent) and return the main family name.

    ``fontManager.addfont`` adds the fonts to the live font list, so this works
    whether or not matplotlib's on-disk font cache was built before.
    """
    global _registered
    from matplotlib import font_manager

    known = {Path(f.fname) for f in font_manager.fontManager.ttflist}
    if _registered is not None and FONT_FILE in known and FALLBACK_FONT_FILE in known:
        return _registered
    for path in (FONT_FILE, FALLBACK_FONT_FILE):
        if not path.exists():  # pragma: no cover - broken installation
            raise FileNotFoundError(f"bundled font missing: {path} (reinstall the package)")
        if path not in known:
            font_manager.fontManager.addfont(str(path))
    _registered = font_manager.FontProperties(fname=str(FONT_FILE)).get_name()
    return _registered


@lru_cache(maxsize=1)
def covered() -> frozenset[str]:
    """Characters the TrueType subset (:data:`FONT_FILE`) has glyphs for."""
    from matplotlib.ft2font import FT2Font

    return frozenset(chr(c) for c in FT2Font(str(FONT_FILE)).get_charmap())


def figure_text(fig, *, drawn: bool = False) -> str:
    """All the text a figure draws (titles, labels, ticks, legends, annotations), concatenated.

    Tick labels exist only after a draw: the figure is laid out first unless ``drawn``.
    """
    from matplotlib.text import Text

    if not drawn:
        fig.draw_without_rendering()
    return "".join(t.get_text() for t in fig.findobj(Text) if t.get_visible())


def pdf_fonttype(fig=None, *, drawn: bool = False) -> int:
    """PDF font type for ``fig``: 42 (TrueType/CID) unless its text needs the CFF fallback font.

    Matplotlib's Type 42 path writes the subset as ``FontFile2`` (TrueType), which is valid
    only for TrueType outlines. The main font has them; a figure with a character outside
    it (drawn from the CFF fallback, see the module docstring) is written with Type 3 fonts,
    which every viewer shows and ``pdffonts`` lists as embedded. Without ``fig``: 42.
    """
    if fig is None:
        return 42
    missing = {c for c in figure_text(fig, drawn=drawn) if not c.isspace()} - covered()
    return 3 if missing else 42


def theme(lang: str = "zh") -> dict:
    """The rcParams of the house theme (without touching the global state)."""
    _check_lang(lang)
    family = _registered or FONT_NAME
    return {
        # a list of families: matplotlib falls back glyph by glyph along it (a generic
        # "sans-serif" family alone resolves to one font and has no fallback). Not "sans-serif"
        # after them: it resolves to the first of them again, and every text laid out would look
        # it up once more for nothing; when neither is found matplotlib takes its default font
        # (DejaVu Sans) all the same.
        "font.family": [family, FALLBACK_FONT_NAME],
        "font.sans-serif": [family, FALLBACK_FONT_NAME, "DejaVu Sans"],
        "font.size": 9.0,
        "axes.titlesize": 10.5,
        "axes.titleweight": "normal",
        "axes.titlelocation": "left",
        "axes.labelsize": 9.0,
        "xtick.labelsize": 8.5,
        "ytick.labelsize": 8.5,
        "legend.fontsize": 8.5,
        "legend.title_fontsize": 8.5,
        "legend.frameon": False,
        "figure.titlesize": 11.5,
        "figure.titleweight": "normal",
        "figure.figsize": FIGSIZE,
        "figure.dpi": 100,
        "figure.facecolor": "white",
        "figure.constrained_layout.use": True,
        "axes.facecolor": "white",
        "axes.edgecolor": "#333333",
        "axes.linewidth": 0.8,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "axes.axisbelow": True,
        "grid.color": "#DDDDDD",
        "grid.linewidth": 0.6,
        "axes.prop_cycle": cycler(color=list(PALETTE)) + cycler(linestyle=list(LINESTYLES)),
        "axes.unicode_minus": False,
        "lines.linewidth": 1.8,
        "lines.markersize": 5.0,
        "patch.edgecolor": "white",
        "image.cmap": SEQUENTIAL_CMAP,
        "savefig.dpi": 300,
        "savefig.bbox": "tight",
        "savefig.pad_inches": 0.08,
        "savefig.facecolor": "white",
        "svg.fonttype": "path",
        "svg.hashsalt": SVG_HASHSALT,
        "pdf.fonttype": PDF_FONTTYPE,
        "ps.fonttype": PDF_FONTTYPE,
        "pdf.compression": 6,
    }


def apply(lang: str = "zh") -> dict:
    """Set the house theme for every following figure (matplotlib and seaborn).

    Registers the bundled CJK font at the first call. Idempotent and cheap, so plot
    functions may call it on every use.

    Parameters
    ----------
    lang : {"zh", "en"}
        Figure language. Both use the bundled fonts (they cover Latin too); the
        argument is checked and kept for future language-specific settings.

    Returns
    -------
    dict
        The rcParams that were set.
    """
    _check_lang(lang)
    register_font()
    rc = theme(lang)
    mpl.rcParams.update(seaborn_theme())
    mpl.rcParams.update(rc)
    _draw_inline_figures_once()
    return rc


_inline_checked = False


def _draw_inline_figures_once() -> None:
    """In a Jupyter kernel drawing with the inline backend, stop pyplot's redraw of every open
    figure at the end of each cell (its REPL display hook, for screen windows): the inline
    backend draws each figure again to show it, so every figure of a notebook was drawn once
    more than needed (about an eighth of a notebook's run). The figures shown are the same.
    Checked once per process; nothing changes outside IPython or with another backend (a
    screen window or ipympl's widget keeps the hook; switching to one installs it again)."""
    global _inline_checked
    if _inline_checked or "IPython" not in sys.modules:
        return
    _inline_checked = True
    ip = sys.modules["IPython"].get_ipython()
    backend = mpl.get_backend(auto_select=False) or ""
    if ip is None or not (backend == "inline" or backend.endswith("matplotlib_inline.backend_inline")):
        return
    from matplotlib import pyplot as plt

    plt.switch_backend(backend)   # load it now (pyplot would at the first figure, installing the hook)
    plt.uninstall_repl_displayhook()


#: seaborn's ``plotting_context("notebook")`` and ``axes_style("ticks")`` (seaborn 0.13), which
#: :func:`apply` sets as ``seaborn.set_theme(style="ticks")`` would, without importing seaborn
#: and scipy.stats (0.6-0.8 s of every notebook kernel's start). ``tests/test_style.py`` checks
#: them against the installed seaborn.
SEABORN_NOTEBOOK_CONTEXT: dict = {
    "axes.linewidth": 1.25, "grid.linewidth": 1, "lines.linewidth": 1.5, "lines.markersize": 6,
    "patch.linewidth": 1, "xtick.major.width": 1.25, "ytick.major.width": 1.25, "xtick.minor.width": 1,
    "ytick.minor.width": 1, "xtick.major.size": 6, "ytick.major.size": 6, "xtick.minor.size": 4,
    "ytick.minor.size": 4, "font.size": 12, "axes.labelsize": 12, "axes.titlesize": 12, "xtick.labelsize": 11,
    "ytick.labelsize": 11, "legend.fontsize": 11, "legend.title_fontsize": 12,
}
SEABORN_TICKS_STYLE: dict = {
    "figure.facecolor": "white", "axes.labelcolor": ".15", "xtick.direction": "out", "ytick.direction": "out",
    "xtick.color": ".15", "ytick.color": ".15", "axes.axisbelow": True, "grid.linestyle": "-", "text.color": ".15",
    "font.family": "sans-serif",
    "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans", "Bitstream Vera Sans", "sans-serif"],
    "lines.solid_capstyle": "round", "patch.edgecolor": "w", "patch.force_edgecolor": True,
    "xtick.top": False, "ytick.right": False, "axes.grid": False, "axes.facecolor": "white",
    "axes.edgecolor": ".15", "grid.color": ".8", "axes.spines.left": True, "axes.spines.bottom": True,
    "axes.spines.right": True, "axes.spines.top": True, "xtick.bottom": True, "ytick.left": True,
}


def seaborn_theme() -> dict:
    """The rcParams of ``seaborn.set_theme(style="ticks", palette=PALETTE)`` (without its
    ``image.cmap``, seaborn's own ``rocket``, which the house theme replaces)."""
    return {**SEABORN_NOTEBOOK_CONTEXT, **SEABORN_TICKS_STYLE,
            "axes.prop_cycle": cycler("color", [mpl.colors.to_rgb(c) for c in PALETTE])}


def status_color(status: str) -> str:
    """Colour of a scorecard status (grey for an unknown status)."""
    return STATUS_COLORS.get(status, STATUS_COLORS["insufficient data"])


def _check_lang(lang: str) -> None:
    check_lang(lang)


def _figure(fig_or_ax):
    fig = getattr(fig_or_ax, "figure", None)
    if fig is None or fig is fig_or_ax:
        fig = fig_or_ax
    # a SubFigure's .figure is its parent; climb to the root figure
    while getattr(fig, "figure", None) is not None and fig.figure is not fig:
        fig = fig.figure
    return fig


def caption_text(source: str, as_of: int | None, lang: str = "zh") -> str:
    """The caption line: data source and the as-of year, in ``lang``."""
    _check_lang(lang)
    if source and lang == "zh":  # 示例数据(合成),非官方统计 reads as Chinese: 示例数据（合成），非官方统计
        source = zh_punctuation(source)
    parts = [t("figures.caption_source", lang, source=source)] if source else []
    parts.append(t("figures.caption_as_of", lang, year=as_of) if as_of is not None
                 else t("figures.caption_latest", lang))
    return t("figures.caption_sep", lang).join(parts) + t("figures.caption_end", lang)


def stamp(fig_or_ax, *, illustrative: bool, source: str, as_of: int | None,
          lang: str = "zh") -> list:
    """Add the caption line (source, as-of year) and, for illustrative data, a visible note.

    The caption sits below the figure's lower edge (left aligned); the note
    "示例数据" ("illustrative data" in English) sits at the right end of the same line, boxed in red.
    (The bundled font has one weight, so the house style never asks for bold.)
    Files saved with :func:`savefig` (``bbox_inches="tight"``) include both.
    Calling ``stamp`` again replaces the previous stamp.

    Parameters
    ----------
    fig_or_ax : Figure, SubFigure or Axes
    illustrative : bool
        Whether the data are the bundled illustrative data
        (``dataset.provenance(path)["illustrative"]``).
    source : str
        Data source in the figure's language.
    as_of : int or None
        Last year of data used.
    lang : {"zh", "en"}

    Returns
    -------
    list of matplotlib.text.Text
        The caption, then the illustrative note when present.
    """
    fig = _figure(fig_or_ax)
    for old in list(fig.texts):
        if old.get_gid() in (CAPTION_GID, ILLUSTRATIVE_GID):
            old.remove()
    size = mpl.rcParams["font.size"] * 0.85
    y = -0.005
    for note in fig.texts:  # a figure's footnote (figure_note) comes first, the caption line under it
        if note.get_gid() == NOTE_GID:
            note.set_y(y)
            y -= (note.get_text().count("\n") + 1) * note.get_fontsize() * 1.5 / 72 / fig.get_figheight()
    caption = fig.text(0.005, y, caption_text(source, as_of, lang), transform=fig.transFigure,
                       ha="left", va="top", fontsize=size, color=NEUTRAL_COLOR, gid=CAPTION_GID)
    out = [caption]
    if illustrative:
        note = fig.text(0.995, y, vocab.illustrative_stamp(lang), transform=fig.transFigure,
                        ha="right", va="top", fontsize=size * 1.1,
                        color=STAMP_COLOR, gid=ILLUSTRATIVE_GID,
                        bbox=dict(boxstyle="round,pad=0.25", facecolor="white",
                                  edgecolor=STAMP_COLOR, linewidth=0.8))
        out.append(note)
    return out


def figure_note(fig, text: str) -> None:
    """A footnote of the whole figure (``* 规划未设期限，按规划期末2020年评估``), left aligned just
    below the figure's lower edge; :func:`stamp` puts the caption line under it. Calling it again
    replaces the note."""
    fig = _figure(fig)
    for old in list(fig.texts):
        if old.get_gid() == NOTE_GID:
            old.remove()
    fig.text(0.005, -0.005, text, transform=fig.transFigure, ha="left", va="top",
             fontsize=mpl.rcParams["font.size"] * 0.85, color=NEUTRAL_COLOR, gid=NOTE_GID)


def _metadata(fmt: str) -> dict | None:
    if fmt == "png":
        return {"Software": None}
    if fmt == "pdf":
        return {"Creator": "pingchuan-analysis", "Producer": "matplotlib",
                "CreationDate": None, "ModDate": None}
    if fmt == "svg":
        return {"Date": None, "Creator": "pingchuan-analysis"}
    return None


#: White margin around the tight bounding box of a saved figure, in inches.
PAD_INCHES = 0.08


def _tight_bbox(fig):
    """The figure's tight bounding box in inches, padded (``"tight"`` if it cannot be computed)."""
    get_renderer = getattr(fig.canvas, "get_renderer", None)
    if get_renderer is None:  # pragma: no cover - non-Agg canvas
        return "tight"
    bbox = fig.get_tightbbox(get_renderer())
    return bbox.padded(PAD_INCHES) if bbox is not None else "tight"


def _readable(path: Path) -> None:
    """Give a written file the usual permissions (``mkstemp`` creates it 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def figure_bytes(fig, formats: Sequence[str] | Iterable[str] = ("png",), dpi: int = 300) -> list[tuple[str, bytes]]:
    """``fig`` in each format as bytes, exactly what :func:`savefig` writes (the same layout,
    tight bounding box and metadata): ``[(format, bytes), ...]`` in the order of ``formats``.
    A notebook shows the PNG (one draw, where IPython's inline display draws twice)."""
    rc = {"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path", "pdf.compression": 6}
    # Constrained layout moves axes by float noise on every pass, which would change the
    # SVG/PDF bytes from one save to the next: lay out once (the layout engine alone, not a
    # whole draw), then freeze the layout and compute the tight bounding box once, so every
    # format is drawn from the same layout with one draw each (instead of a layout and two
    # draws per format).
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)
        fig.set_layout_engine("none")
    blobs = []
    try:
        bbox = _tight_bbox(fig)  # (measuring every artist also sets the tick labels the fonts need)
        fonttype = pdf_fonttype(fig, drawn=True)
        for fmt in formats:
            fmt = fmt.strip().lower().lstrip(".")
            if fmt not in ("png", "svg", "pdf"):
                raise ValueError(f"unknown figure format {fmt!r} (use png, svg or pdf)")
            buf = io.BytesIO()
            if fmt == "pdf":
                # matplotlib sizes the PDF's glyph subsets by ps.fonttype: keep the two equal
                rc["pdf.fonttype"] = rc["ps.fonttype"] = fonttype
            with mpl.rc_context(rc):
                fig.savefig(buf, format=fmt, dpi=dpi, metadata=_metadata(fmt), bbox_inches=bbox,
                            pad_inches=PAD_INCHES, facecolor="white")
            blobs.append((fmt, buf.getvalue()))
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)
    return blobs


def savefig(fig, path_without_ext: str | Path, formats: Sequence[str] | Iterable[str] = ("png", "svg", "pdf"),
            dpi: int = 300) -> list[Path]:
    """Save ``fig`` in each format with reproducible bytes, atomically.

    Parameters
    ----------
    fig : Figure
    path_without_ext : path-like
        Target path without the extension, e.g. ``figures/01_scorecard_zh``.
    formats : sequence of {"png", "svg", "pdf"}
    dpi : int
        Raster resolution for PNG (vector formats ignore it).

    Returns
    -------
    list of Path
        The files written, in the order of ``formats``.
    """
    base = Path(path_without_ext)
    if base.suffix.lower() in (".png", ".svg", ".pdf"):
        base = base.with_suffix("")
    written: list[Path] = []
    blobs = figure_bytes(fig, formats, dpi=dpi)
    for fmt, blob in blobs:
        path = base.parent / f"{base.name}.{fmt}"
        with atomic_write(path, binary=True) as fh:
            fh.write(blob)
        _readable(path)
        written.append(path)
    return written
