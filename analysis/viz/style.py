"""The house style: one theme, one caption line, one way to save figures.

Every figure in the suite goes through three calls::

    from analysis.viz import style
    style.apply(lang)                       # theme + bundled CJK font (idempotent, cheap)
    ...plot...
    style.stamp(fig, illustrative=True, source="…", as_of=2019, lang=lang)
    style.savefig(fig, "figures/01_scorecard_zh")   # -> .png, .svg, .pdf

Font
    Chinese text needs a CJK font. The suite ships **Noto Sans CJK SC Regular**
    (SIL Open Font License 1.1, ``analysis/fonts/OFL.txt``) and registers it with
    matplotlib's font manager on the first :func:`apply`, so glyphs render after
    ``pip install`` alone, on a machine with no CJK fonts installed and whatever
    font cache matplotlib built earlier. The same font is used for English figures
    (it has Latin glyphs), so a Chinese region name in an English figure still renders.

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
from pathlib import Path
from typing import Iterable, Sequence

import matplotlib as mpl
from cycler import cycler

from analysis import vocab
from analysis.io.atomic import atomic_write

#: The bundled font file and its licence.
FONT_DIR: Path = Path(__file__).resolve().parent / "fonts"
FONT_FILE: Path = FONT_DIR / "NotoSansCJKsc-Regular.otf"
FONT_LICENSE: Path = FONT_DIR / "OFL.txt"
#: Family name matplotlib knows the bundled font by.
FONT_NAME: str = "Noto Sans CJK SC"

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
    "achieved": "", "on track": "//", "at risk": "..", "off track": "xx", "insufficient data": "",
}
STATUS_MARKERS: dict[str, str] = {
    "achieved": "o", "on track": "^", "at risk": "D", "off track": "v", "insufficient data": "x",
}
#: Sequential colour map for heatmaps (perceptually uniform, greyscale-monotone).
SEQUENTIAL_CMAP = "cividis"
#: Diverging colour map (colour-blind safe) for signed values such as growth gaps.
DIVERGING_CMAP = "PuOr"

#: Fixed salt so SVG element ids are the same on every run.
SVG_HASHSALT = "pingchuan-analysis"
#: Matplotlib's PDF backend embeds TrueType outlines only as Type 42; the bundled
#: font is CFF-based (OpenType/CFF), so PDFs embed it as Type 3 (see ``pdf_fonttype``).
PDF_FONTTYPE = 3
#: Figure size in inches (fits an A4 text column at 100 %).
FIGSIZE = (7.2, 4.4)
#: gids of the artists :func:`stamp` adds (tests and re-stamping find them by these).
CAPTION_GID = "analysis-caption"
ILLUSTRATIVE_GID = "analysis-illustrative"

_registered: str | None = None


def font_path() -> Path:
    """Path of the bundled CJK font file."""
    return FONT_FILE


def register_font() -> str:
    """Register the bundled CJK font with matplotlib (idempotent) and return its family name.

    ``fontManager.addfont`` adds the font to the live font list, so this works
    whether or not matplotlib's on-disk font cache was built before.
    """
    global _registered
    from matplotlib import font_manager

    if _registered is not None and any(
            Path(f.fname) == FONT_FILE for f in font_manager.fontManager.ttflist):
        return _registered
    if not FONT_FILE.exists():  # pragma: no cover - broken installation
        raise FileNotFoundError(f"bundled font missing: {FONT_FILE} (reinstall the package)")
    font_manager.fontManager.addfont(str(FONT_FILE))
    _registered = font_manager.FontProperties(fname=str(FONT_FILE)).get_name()
    return _registered


def pdf_fonttype() -> int:
    """PDF font type used for the bundled font: 42 for TrueType outlines, 3 for CFF.

    Matplotlib's Type 42 path writes the subset as ``FontFile2`` (TrueType), which is
    invalid for a CFF-based OpenType font such as Noto Sans CJK; Type 3 embeds the
    glyph outlines themselves, which every viewer shows and ``pdffonts`` lists as
    embedded.
    """
    with open(FONT_FILE, "rb") as fh:
        tag = fh.read(4)
    return 42 if tag in (b"\x00\x01\x00\x00", b"true") else 3


def theme(lang: str = "zh") -> dict:
    """The rcParams of the house theme (without touching the global state)."""
    _check_lang(lang)
    family = _registered or FONT_NAME
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [family, "DejaVu Sans"],
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
        "pdf.fonttype": pdf_fonttype(),
        "ps.fonttype": pdf_fonttype(),
        "pdf.compression": 6,
    }


def apply(lang: str = "zh") -> dict:
    """Set the house theme for every following figure (matplotlib and seaborn).

    Registers the bundled CJK font at the first call. Idempotent and cheap, so plot
    functions may call it on every use.

    Parameters
    ----------
    lang : {"zh", "en"}
        Figure language. Both use the bundled font (it covers Latin too); the
        argument is checked and kept for future language-specific settings.

    Returns
    -------
    dict
        The rcParams that were set.
    """
    _check_lang(lang)
    register_font()
    rc = theme(lang)
    try:
        import seaborn as sns

        sns.set_theme(style="ticks", palette=list(PALETTE), rc=rc)
    except ImportError:  # pragma: no cover - seaborn is a dependency
        pass
    mpl.rcParams.update(rc)
    return rc


def status_color(status: str) -> str:
    """Colour of a scorecard status (grey for an unknown status)."""
    return STATUS_COLORS.get(status, STATUS_COLORS["insufficient data"])


def _check_lang(lang: str) -> None:
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")


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
    parts = []
    if lang == "zh":
        if source:
            parts.append(f"资料来源：{source}")
        parts.append(f"数据截至{as_of}年" if as_of is not None else "数据截至最新年份")
        return "；".join(parts) + "。"
    if source:
        parts.append(f"Source: {source}")
    parts.append(f"data as of {as_of}" if as_of is not None else "latest data")
    return "; ".join(parts) + "."


def stamp(fig_or_ax, *, illustrative: bool, source: str, as_of: int | None,
          lang: str = "zh") -> list:
    """Add the caption line (source, as-of year) and, for illustrative data, a visible note.

    The caption sits below the figure's lower edge (left aligned); the note
    "示例数据 / illustrative data" sits at the right end of the same line, boxed in red.
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
    for t in list(fig.texts):
        if t.get_gid() in (CAPTION_GID, ILLUSTRATIVE_GID):
            t.remove()
    size = mpl.rcParams["font.size"] * 0.85
    caption = fig.text(0.005, -0.005, caption_text(source, as_of, lang), transform=fig.transFigure,
                       ha="left", va="top", fontsize=size, color=NEUTRAL_COLOR, gid=CAPTION_GID)
    out = [caption]
    if illustrative:
        note = fig.text(0.995, -0.005, vocab.ILLUSTRATIVE_STAMP, transform=fig.transFigure,
                        ha="right", va="top", fontsize=size * 1.1,
                        color=STAMP_COLOR, gid=ILLUSTRATIVE_GID,
                        bbox=dict(boxstyle="round,pad=0.25", facecolor="white",
                                  edgecolor=STAMP_COLOR, linewidth=0.8))
        out.append(note)
    return out


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
    rc = {"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path", "pdf.fonttype": pdf_fonttype(),
          "pdf.compression": 6}
    # Constrained layout moves axes by float noise on every draw, which would change the
    # SVG/PDF bytes from one save to the next: lay out once, then freeze the layout and
    # compute the tight bounding box once, so every format is drawn from the same layout
    # with one draw each (instead of a layout and two draws per format).
    engine = fig.get_layout_engine()
    fig.draw_without_rendering()
    if engine is not None:
        fig.set_layout_engine("none")
    try:
        bbox = _tight_bbox(fig)
        blobs = []
        for fmt in formats:
            fmt = fmt.strip().lower().lstrip(".")
            if fmt not in ("png", "svg", "pdf"):
                raise ValueError(f"unknown figure format {fmt!r} (use png, svg or pdf)")
            buf = io.BytesIO()
            with mpl.rc_context(rc):
                fig.savefig(buf, format=fmt, dpi=dpi, metadata=_metadata(fmt), bbox_inches=bbox,
                            pad_inches=PAD_INCHES, facecolor="white")
            blobs.append((fmt, buf.getvalue()))
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)
    for fmt, blob in blobs:
        path = base.parent / f"{base.name}.{fmt}"
        with atomic_write(path, binary=True) as fh:
            fh.write(blob)
        _readable(path)
        written.append(path)
    return written
