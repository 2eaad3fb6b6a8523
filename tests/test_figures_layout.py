"""Every registered figure, in Chinese and English, lays its text out without collisions.

Each figure is drawn once per session and language (with the bundled data) and every text
element actually drawn is collected: titles, axis labels, tick labels, legend texts,
annotations, colour-bar labels, the caption line and the illustrative note. Then:

* no two of them overlap: their window extents (axis-aligned boxes, in pixels at the
  figure's 100 dpi) may share at most :data:`TOLERANCE_PX` in width **or** height.
  Glyph boxes include the font's line gap and descender room, so two lines that merely
  touch (stacked tick labels, a two-line title) share a pixel row or two; that is not an
  overlap a reader sees. A real collision (titles overprinting, tick labels running
  into each other) overlaps by many pixels in both directions;
* every text fits inside the figure: inside the canvas, except the caption line and
  the illustrative note, which sit just below it and must be inside the area
  :func:`analysis.viz.style.savefig` writes;
* the caption is in the figure's language, names the data's year and source, and the
  illustrative note is there exactly when the data are illustrative.

(The same one drawing serves every check: drawing each figure is the costly part. It is laid out
and drawn with painting turned off, ``draw_without_rendering``: the same boxes, no pixels.)
"""

from __future__ import annotations

import itertools
import re

import pandas as pd
import matplotlib.pyplot as plt
import pytest
from matplotlib.text import Text

from analysis import vocab
from analysis.app import figures
from analysis.viz import style

#: Pixels two text boxes may share (in width or height) without counting as overlapping.
TOLERANCE_PX = 2.0
LANGS = ("zh", "en")
SLUGS = [s.slug for s in figures.specs()]
_STAMP_GIDS = (style.CAPTION_GID, style.ILLUSTRATIVE_GID, style.NOTE_GID)
CJK = re.compile(r"[\u3400-\u9fff]")


class Drawn:
    """The text boxes of one rendered figure."""

    def __init__(self, fig, texts, boxes, saved):
        self.canvas = fig.bbox.frozen()
        self.texts = texts      # [(label for messages, gid)]
        self.boxes = boxes      # [Bbox in display pixels]
        self.saved = saved      # Bbox of the area savefig writes, in display pixels
        self.stamps = {t.get_gid(): t.get_text() for t in fig.texts}  # figure-level texts by gid
        self.n_axes = len(fig.axes)


def _draw(spec, ctx, lang) -> Drawn | None:
    """Render ``spec`` and record each Text as matplotlib draws it (only what is really drawn:
    visible, non-empty, inside the view for tick labels)."""
    try:
        fig = figures.render(spec, ctx, lang)
    except figures.NotApplicable:
        return None
    drawn: list[Text] = []
    original = Text.draw

    def record(self, renderer):
        if self.get_visible() and self.get_text().strip():
            drawn.append(self)
        return original(self, renderer)

    Text.draw = record
    try:
        fig.draw_without_rendering()  # every artist's draw, with the renderer's painting turned off
    finally:
        Text.draw = original
    renderer = fig.canvas.get_renderer()
    texts, boxes = [], []
    for t in dict.fromkeys(drawn):  # a Text drawn twice counts once
        texts.append((repr(t.get_text()[:40]), t.get_gid()))
        boxes.append(t.get_window_extent(renderer).frozen())
    saved = fig.get_tightbbox(renderer).padded(style.PAD_INCHES)
    saved = saved.transformed(fig.dpi_scale_trans)
    out = Drawn(fig, texts, boxes, saved)
    plt.close(fig)
    return out


@pytest.fixture(scope="session")
def report_ctx():
    """The bundled data's report context, shared by every figure drawn in the session."""
    return figures.ReportContext()


#: Figures that compare regions (not applicable to the bundled data's one region): drawn from the
#: bundled data and a second region.
REGION_FIGURES = ("region_overview", "region_ranking")


@pytest.fixture(scope="session")
def two_regions_ctx(tmp_path_factory):
    from analysis.io import dataset

    obs = dataset.load_observations()
    other = obs.assign(region="白银区", value=(obs["value"] * 1.1).where(obs["unit"] != "%", obs["value"] * 0.9))
    path = tmp_path_factory.mktemp("regions") / "two_regions.csv"
    pd.concat([obs, other])[["region", "indicator_id", "year", "value", "unit"]].to_csv(path, index=False)
    return figures.ReportContext(path)


@pytest.fixture(scope="session")
def drawn(report_ctx, two_regions_ctx):
    """``(slug, lang) -> Drawn`` for every registered figure, drawn once per session."""
    cache: dict = {}

    def get(slug, lang):
        if (slug, lang) not in cache:
            ctx = two_regions_ctx if slug in REGION_FIGURES else report_ctx
            cache[slug, lang] = _draw(figures.get(slug), ctx, lang)
        return cache[slug, lang]

    return get


def _overlap(a, b) -> tuple[float, float]:
    return min(a.x1, b.x1) - max(a.x0, b.x0), min(a.y1, b.y1) - max(a.y0, b.y0)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_no_two_texts_overlap(drawn, slug, lang):
    d = drawn(slug, lang)
    if d is None:
        pytest.skip(f"{slug} has nothing to show for the bundled data")
    assert len(d.boxes) >= 3, f"{slug}: too few texts drawn ({d.texts})"
    clashes = []
    for (i, a), (j, b) in itertools.combinations(enumerate(d.boxes), 2):
        w, h = _overlap(a, b)
        if w > TOLERANCE_PX and h > TOLERANCE_PX:
            clashes.append(f"{d.texts[i][0]} × {d.texts[j][0]} ({w:.0f}×{h:.0f} px)")
    assert not clashes, f"{slug} [{lang}]: {len(clashes)} overlapping texts: " + "; ".join(clashes[:8])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_every_text_fits_inside_the_figure(drawn, slug, lang):
    d = drawn(slug, lang)
    if d is None:
        pytest.skip(f"{slug} has nothing to show for the bundled data")
    tol = TOLERANCE_PX
    outside = []
    for (label, gid), box in zip(d.texts, d.boxes):
        area = d.saved if gid in _STAMP_GIDS else d.canvas
        if box.x0 < area.x0 - tol or box.x1 > area.x1 + tol or box.y0 < area.y0 - tol or box.y1 > area.y1 + tol:
            outside.append(f"{label} {tuple(round(v) for v in box.extents)} not in "
                           f"{tuple(round(v) for v in area.extents)}")
    assert not outside, f"{slug} [{lang}]: " + "; ".join(outside[:8])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_caption_in_the_language_with_year_source_and_illustrative_note(drawn, report_ctx, two_regions_ctx, slug,
                                                                        lang):
    d = drawn(slug, lang)
    if d is None:
        pytest.skip(f"{slug} has nothing to show for the bundled data")
    spec, ctx = figures.get(slug), two_regions_ctx if slug in REGION_FIGURES else report_ctx
    caption = d.stamps[style.CAPTION_GID]
    cap = ctx.caption(spec.source, lang)
    year = {"sectors": ctx.sector_as_of_year,   # the ledger's figures: the year of the ledger's date
            "ledger": ctx.ledger_as_of.year if ctx.ledger_as_of else None}.get(spec.source, ctx.as_of_year)
    assert str(year) in caption or spec.source == "backtest"
    assert str(cap["as_of"]) in caption
    assert ("资料来源" in caption) == (lang == "zh")
    if lang == "en":
        assert "Source" in caption and not CJK.search(caption)
    # the bundled data are illustrative: every figure drawn from them says so; the
    # calibration back-test runs on real public series only and must not
    assert (d.stamps.get(style.ILLUSTRATIVE_GID) == vocab.illustrative_stamp(lang)) == cap["illustrative"]
    # (the two-region file is a user's file to the reader: not illustrative, and its figures say nothing)
    assert cap["illustrative"] or spec.source in ("backtest", "public") or slug in REGION_FIGURES
    assert d.n_axes


@pytest.mark.parametrize("lang", LANGS)
def test_small_multiples_say_the_assumed_deadline_once_under_the_figure(drawn, report_ctx, lang):
    """Figure 04's panels of targets without a deadline of their own carry a ``*`` on their title;
    the note ``* 规划未设期限，按规划期末2020年评估`` is said once, under the figure and above the
    caption line, not inside a panel where the lines would cross it."""
    d = drawn("fan_charts", lang)
    assumed = report_ctx.targets.loc[report_ctx.targets["deadline_assumed"], f"name_{lang}"]
    assert len(assumed) == 4                                           # the plan: 4 of its 21 targets
    note = d.stamps[style.NOTE_GID]
    assert note == {"zh": "* 规划未设期限，按规划期末2020年评估",
                    "en": "* no deadline in the plan; judged at the plan horizon (2020)"}[lang]
    assert "horizon_note" not in {gid for _, gid in d.texts}
    box = dict(zip((gid for _, gid in d.texts), d.boxes))
    assert box[style.NOTE_GID].y0 >= box[style.CAPTION_GID].y1 - TOLERANCE_PX   # the caption under the note


def test_overlap_check_would_catch_overprinting_titles():
    """Sanity check for the test above: two long titles in neighbouring panels do collide."""
    style.apply("en")
    fig, (a, b) = plt.subplots(1, 2, figsize=(4, 2), layout="constrained")
    a.set_title("Provincial technology-transfer demonstration institutions", loc="left")
    b.set_title("Technology business incubators", loc="left")
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    w, h = _overlap(a._left_title.get_window_extent(r), b._left_title.get_window_extent(r))
    assert w > TOLERANCE_PX and h > TOLERANCE_PX
