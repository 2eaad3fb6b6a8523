"""One helper for every chart's set-up, provenance, caption stamp and label fitting.

Every plot module (:mod:`analysis.viz.attainment`, :mod:`analysis.viz.sectors`, the
scenario charts) and the report's figure registry call these instead of keeping their own
copies::

    from analysis.viz import common

    def my_plot(result, *, lang="zh", ax=None, provenance=None):
        ax = common.setup(lang, ax, figsize=(7.2, 4.0))         # theme + font, new Axes if needed
        ...draw...
        ax.set_title(common.wrap(title, common.chars_for(ax)))  # long English titles wrap
        common.stamp(ax, provenance, lang=lang, as_of=2019)    # caption + 示例数据 note
        return ax

Provenance: one rule
    Whether data are illustrative is written in the ``.meta.json`` beside the data file
    and read by :func:`analysis.io.dataset.provenance`. :func:`provenance` accepts that
    dict, a path (read through that function), a results object or DataFrame that
    carries it (``illustrative`` / ``source_zh`` / ``source_en`` as attributes or in
    ``DataFrame.attrs``, as the scorecard sets them from the same ``.meta.json``), or
    ``None`` (unknown data: not illustrative, no source). Column contents such as
    ``source`` or ``note`` are never read to guess it.

Words
    Every label here comes from :mod:`analysis.i18n` (``figures.*`` keys) and units and
    places from :mod:`analysis.i18n.names`.

Replacing the old per-module copies
    ==========================================  ============================================
    old (module)                                here
    ==========================================  ============================================
    ``attainment.base.setup_ax(lang, ax, ..)``  :func:`setup`
    ``attainment.base.stamp_ax(ax, data, ..)``  :func:`stamp` (``as_of``: :func:`last_year`)
    ``attainment.is_illustrative(data)``        :func:`is_illustrative` (``.meta.json`` only)
    ``sectors._apply`` / ``sectors._stamp``     :func:`setup` / :func:`stamp`
    ``scenarios._plot_setup(lang)``             :func:`setup` or :func:`figure`
    ``scenarios._plot_stamp(fig, prov, ...)``   :func:`stamp`
    long titles and category labels             :func:`wrap`, :func:`wrap_title`,
                                                :func:`fit_titles`
    a unit or a region name in English          :func:`analysis.i18n.names.unit_label`,
                                                :func:`analysis.i18n.names.place_name`
    ==========================================  ============================================
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Mapping
from os import PathLike
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd

from analysis.i18n import check_lang, zh_punctuation
from analysis.io import dataset
from analysis.viz import style

__all__ = ["setup", "figure", "provenance", "is_illustrative", "last_year", "caption", "stamp", "text_width",
           "wrap", "chars_for", "wrap_title", "wrap_ticklabels", "fit_titles"]

#: Width of one half-width text column, in em (see :func:`chars_for`).
COLUMN_EM = 0.5
#: Keys of a provenance dict (see :func:`analysis.io.dataset.provenance`).
PROVENANCE_KEYS = ("illustrative", "source_zh", "source_en")


# ------------------------------------------------------------------------------ set-up
def setup(lang: str = "zh", ax=None, *, figsize: tuple[float, float] | None = None):
    """Check ``lang``, apply the house style, and return ``ax`` or a new Axes.

    Parameters
    ----------
    lang : {"zh", "en"}
    ax : Axes, optional
        Draw here; default a new figure of ``figsize`` (default :data:`style.FIGSIZE`)
        with constrained layout.
    figsize : (float, float), optional

    Returns
    -------
    Axes
    """
    check_lang(lang)
    style.apply(lang)
    if ax is None:
        _, ax = plt.subplots(figsize=figsize or style.FIGSIZE, layout="constrained")
    return ax


def figure(lang: str = "zh", *, figsize: tuple[float, float] | None = None):
    """Check ``lang``, apply the house style and return a new empty constrained-layout Figure."""
    check_lang(lang)
    style.apply(lang)
    return plt.figure(figsize=figsize or style.FIGSIZE, layout="constrained")


# ------------------------------------------------------------------------------ provenance
def provenance(obj: Any = None) -> dict:
    """Normalise what a figure's data came from to ``{"illustrative", "source_zh", "source_en"}``.

    Parameters
    ----------
    obj : dict, path, results object, DataFrame or None
        * a dict as returned by :func:`analysis.io.dataset.provenance` (extra keys kept);
        * a path to a data file: its ``.meta.json`` is read;
        * an object with ``illustrative`` (and ``source_zh``/``source_en`` or
          ``sources``) attributes, e.g. the scorecard results object;
        * a DataFrame whose ``attrs`` hold those keys (the scorecard table);
        * ``None``: unknown data, not illustrative, no source.

    Returns
    -------
    dict
    """
    if obj is None:
        return {"illustrative": False, "source_zh": "", "source_en": ""}
    if isinstance(obj, (str, PathLike)):
        return provenance(dataset.provenance(obj))
    if isinstance(obj, Mapping):
        out = dict(obj)
    elif isinstance(obj, pd.DataFrame):
        out = dict(obj.attrs)
    else:
        out = {k: getattr(obj, k) for k in ("illustrative", "source_zh", "source_en", "sources")
               if hasattr(obj, k)}
        sources = out.pop("sources", None)
        if isinstance(sources, Mapping):
            out.setdefault("source_zh", sources.get("zh", ""))
            out.setdefault("source_en", sources.get("en", ""))
        if not out and hasattr(obj, "table"):
            return provenance(obj.table)
    out["illustrative"] = bool(out.get("illustrative", False))
    out["source_zh"] = str(out.get("source_zh") or "")
    out["source_en"] = str(out.get("source_en") or "")
    return out


def last_year(data: Any) -> int | None:
    """The as-of year of what a figure shows: ``as_of`` (attribute or ``DataFrame.attrs``),
    else the largest ``year`` of a frame, else None."""
    y = getattr(data, "as_of", None)
    if y is None and isinstance(data, pd.DataFrame):
        y = data.attrs.get("as_of")
        if y is None and "year" in data.columns and len(data):
            y = data["year"].max()
    return None if y is None or pd.isna(y) else int(y)


def is_illustrative(obj: Any = None) -> bool:
    """Whether data are illustrative, by their ``.meta.json`` (see :func:`provenance`)."""
    return provenance(obj)["illustrative"]


def caption(obj: Any = None, *, lang: str = "zh", as_of: int | None = None,
            source: str | None = None) -> dict:
    """Keyword arguments for :func:`analysis.viz.style.stamp`: ``illustrative``, ``source``, ``as_of``.

    ``source`` overrides the provenance's source text in ``lang``.
    """
    check_lang(lang)
    prov = provenance(obj)
    src = prov[f"source_{lang}"] if source is None else source
    src = zh_punctuation(src) if src and lang == "zh" else src  # 示例数据(合成),… reads as Chinese (tables, JSON too)
    return {"illustrative": prov["illustrative"], "source": src,
            "as_of": int(as_of) if as_of is not None else None}


def stamp(fig_or_ax, obj: Any = None, *, lang: str = "zh", as_of: int | None = None,
          source: str | None = None) -> list:
    """Stamp the caption line (source, as-of year) and, for illustrative data, the 示例数据 note.

    Parameters
    ----------
    fig_or_ax : Figure, SubFigure or Axes
    obj : provenance, path, results object, DataFrame or None
        What the figure shows (see :func:`provenance`).
    lang : {"zh", "en"}
    as_of : int, optional
        Last year of data shown.
    source : str, optional
        Source text overriding the provenance's.

    Returns
    -------
    list of Text
        See :func:`analysis.viz.style.stamp`.
    """
    return style.stamp(fig_or_ax, lang=lang, **caption(obj, lang=lang, as_of=as_of, source=source))


# ------------------------------------------------------------------------------ fitting labels
def text_width(text: str) -> int:
    """Width of ``text`` in half-width columns (a CJK or full-width character counts 2)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(text))


def _wrap_cjk(line: str, width: int) -> list[str]:
    out, cur, w = [], "", 0
    for tok in _tokens(line):
        tw = text_width(tok)
        if cur and w + tw > width:
            out.append(cur.rstrip())
            cur, w = tok.lstrip(), text_width(tok.lstrip())
        else:
            cur, w = cur + tok, w + tw
    if cur:
        out.append(cur.rstrip())
    return out


#: Characters a line must not start with / end with (Chinese line-breaking rules, 禁则).
_NO_START = set(")）]】」』，,。.、：:；;！!？?%％…·")
_NO_END = set("(（[【「『")
#: A bracketed group up to this many columns ("(亿元)", "（件/万人）") is never split.
_GROUP_MAX = 12


def _tokens(line: str) -> list[str]:
    """Unbreakable pieces: Latin words (with their trailing space), single CJK characters,
    short bracketed groups, with closing punctuation glued to what precedes it and opening
    punctuation to what follows."""
    raw = _raw_tokens(line)
    out: list[str] = []
    i = 0
    while i < len(raw):
        tok = raw[i]
        if tok.lstrip()[:1] in ("(", "（"):  # keep a short bracketed group together
            j, group = i, ""
            while j < len(raw):
                group += raw[j]
                if ")" in raw[j] or "）" in raw[j]:
                    break
                j += 1
            if j < len(raw) and text_width(group) <= _GROUP_MAX:
                tok, i = group, j
        if out and tok[:1] in _NO_START:
            out[-1] += tok
        elif out and out[-1] and out[-1].rstrip()[-1:] in _NO_END:
            out[-1] += tok
        else:
            out.append(tok)
        i += 1
    return out


def _raw_tokens(line: str) -> list[str]:
    toks, cur = [], ""
    for c in line:
        if unicodedata.east_asian_width(c) in "WF":
            if cur:
                toks.append(cur)
                cur = ""
            toks.append(c)
        elif c == " ":
            toks.append(cur + c)
            cur = ""
        else:
            cur += c
    if cur:
        toks.append(cur)
    return toks


def wrap(text: str, width: int, *, max_lines: int | None = None) -> str:
    """Wrap ``text`` at ``width`` half-width columns (CJK counts 2), breaking between words.

    English breaks at spaces (like :func:`textwrap.wrap`), Chinese between characters.
    With ``max_lines`` the last kept line ends in "…". Existing newlines are kept.
    """
    width = max(int(width), 4)
    lines: list[str] = []
    for para in str(text).split("\n"):
        if any(unicodedata.east_asian_width(c) in "WF" for c in para):
            lines += _wrap_cjk(para, width) or [""]
        else:
            lines += textwrap.wrap(para, width, break_long_words=False, break_on_hyphens=True) or [""]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width(last) + 1 > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return "\n".join(lines)


def chars_for(ax, fontsize: float | None = None, *, fraction: float = 1.0) -> int:
    """How many half-width columns of text at ``fontsize`` fit across ``fraction`` of ``ax``.

    Uses the Axes' width in inches (before constrained layout settles it, a slight
    underestimate) and :data:`COLUMN_EM` em per column (a CJK glyph, 1 em, counts 2 columns;
    an average Latin glyph of the bundled font is about 0.5 em).
    """
    fig = ax.figure
    fontsize = fontsize or plt.rcParams["axes.titlesize"]
    if isinstance(fontsize, str):
        fontsize = plt.rcParams["font.size"] * 1.2
    width_in = ax.get_position().width * fig.get_size_inches()[0] * fraction
    return max(8, int(width_in * 72 / (float(fontsize) * COLUMN_EM)))


def wrap_title(ax, text: str, *, loc: str | None = None, fontsize: float | None = None,
               max_lines: int = 3, **kwargs):
    """Set ``ax``'s title to ``text`` wrapped to the Axes' width; returns the title Text."""
    size = fontsize or plt.rcParams["axes.titlesize"]
    if isinstance(size, str):
        size = plt.rcParams["font.size"] * 1.2
    return ax.set_title(wrap(text, chars_for(ax, size), max_lines=max_lines), loc=loc,
                        fontsize=size, **kwargs)


def wrap_ticklabels(labels: list[str], width: int, *, max_lines: int = 3) -> list[str]:
    """Each label wrapped at ``width`` half-width columns (for long category names)."""
    return [wrap(str(lab), width, max_lines=max_lines) for lab in labels]


def fit_titles(fig, *, max_lines: int = 3) -> int:
    """Wrap every Axes title (left, centre, right) and the suptitle that would stick out of ``fig``.

    Lays the figure out once, measures each title and, when it crosses the figure's
    left or right edge, wraps it to the width of its Axes (the figure for the
    suptitle). Titles that fit are left alone, so a figure that already fits is
    unchanged. Returns the number of titles wrapped.
    """
    # Only the layout is needed (where each Axes, and so each title, ends up), not a draw:
    # the layout engine measures the titles itself (``get_tightbbox``), at ~45 % of a draw's cost.
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)
    renderer = fig.canvas.get_renderer()
    width_in = fig.get_size_inches()[0]
    edge = fig.bbox
    n = 0
    titles = [(ax, t) for ax in fig.axes for t in (ax.title, ax._left_title, ax._right_title)]
    if getattr(fig, "_suptitle", None) is not None:
        titles.append((None, fig._suptitle))
    for ax, title in titles:
        if not title.get_visible() or not title.get_text():
            continue
        box = title.get_window_extent(renderer)
        if box.x0 >= edge.x0 - 1 and box.x1 <= edge.x1 + 1:
            continue
        size = title.get_fontsize()
        cols = chars_for(ax, size) if ax is not None else max(8, int(width_in * 72 / (size * COLUMN_EM)))
        title.set_text(wrap(title.get_text().replace("\n", " "), cols, max_lines=max_lines))
        n += 1
    return n
