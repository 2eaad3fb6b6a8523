"""The house style: bundled font, theme, caption stamp, reproducible saving."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from matplotlib import font_manager

from analysis.viz import style
from analysis import vocab

ZH = "平川区技术合同成交额(亿元)年份目标示例数据"


def _chinese_figure(lang="zh"):
    style.apply(lang)
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([2017, 2018, 2019], [1.0, -2.0, 3.0], label="高新技术企业数")
    ax.set_title(ZH)
    ax.set_xlabel("年份")
    ax.legend(title="图例")
    return fig, ax


def test_font_and_licence_are_bundled():
    for path in (style.FONT_FILE, style.FALLBACK_FONT_FILE):
        assert path.is_file() and path.stat().st_size > 1_000_000
    assert style.FONT_FILE.stat().st_size < 10_000_000  # the subset stays small enough to ship
    text = style.FONT_LICENSE.read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text and "Adobe" in text
    readme = (style.FONT_DIR / "README.md").read_text(encoding="utf-8")
    assert style.FONT_FILE.name in readme and "make_ttf_subset.py" in readme


def test_main_font_has_truetype_outlines_and_covers_the_plan():
    with open(style.FONT_FILE, "rb") as fh:
        assert fh.read(4) == b"\x00\x01\x00\x00"  # TrueType, not "OTTO" (CFF)
    with open(style.FALLBACK_FONT_FILE, "rb") as fh:
        assert fh.read(4) == b"OTTO"
    covered = style.covered()
    # characters of the plan's catalogue, the place names, the stamp, and common symbols
    for text in ("平川区白银市甘肃省", "省级技术转移示范机构每万人发明专利拥有量", vocab.ILLUSTRATIVE_STAMP,
                 "≥≤→·—…%（）：；、", "Technology-market contract turnover 0123456789"):
        assert set(text.replace(" ", "")) <= covered, text
    assert "鑫" in covered and "龘" not in covered  # GB2312 level 2 in; a rare character out


def test_fallback_font_draws_characters_outside_the_subset():
    fig, ax = _chinese_figure()
    ax.set_title("龘")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    assert not [w for w in caught if "missing from" in str(w.message)]
    assert style.pdf_fonttype(fig) == 3  # documented fallback: CFF glyphs embed as Type 3


def test_register_font_is_idempotent_and_findable():
    name = style.register_font()
    assert name == style.FONT_NAME
    n = sum(1 for f in font_manager.fontManager.ttflist
            if f.fname in (str(style.FONT_FILE), str(style.FALLBACK_FONT_FILE)))
    assert n >= 2
    style.register_font()
    style.apply("zh")
    assert sum(1 for f in font_manager.fontManager.ttflist
               if f.fname in (str(style.FONT_FILE), str(style.FALLBACK_FONT_FILE))) == n
    found = font_manager.findfont(font_manager.FontProperties(family=mpl.rcParams["font.sans-serif"]),
                                  fallback_to_default=False)
    assert found == str(style.FONT_FILE)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chinese_renders_with_bundled_font_without_missing_glyphs(lang):
    fig, ax = _chinese_figure(lang)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        style.stamp(fig, illustrative=True, source="平川区统计局", as_of=2019, lang=lang)
        fig.canvas.draw()
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert missing == []
    for text in (ax.title, ax.xaxis.label, *ax.get_legend().get_texts(), *fig.texts):
        assert font_manager.findfont(text.get_fontproperties()) == str(style.FONT_FILE)


def test_missing_glyph_check_would_catch_a_font_without_cjk():
    """Sanity check for the test above: DejaVu alone does warn about Chinese glyphs."""
    style.apply("zh")
    with mpl.rc_context({"font.family": "DejaVu Sans"}):
        fig, ax = plt.subplots(figsize=(2, 2))
        ax.set_title("平川")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig.canvas.draw()
    assert any("missing from" in str(w.message) for w in caught)


def test_theme_settings():
    rc = style.apply("zh")
    assert mpl.rcParams["axes.unicode_minus"] is False
    assert mpl.rcParams["svg.fonttype"] == "path"
    assert mpl.rcParams["svg.hashsalt"] == style.SVG_HASHSALT
    assert mpl.rcParams["pdf.fonttype"] == style.pdf_fonttype() == 42  # TrueType outlines -> Type 42
    assert mpl.rcParams["font.sans-serif"][:2] == [style.FONT_NAME, style.FALLBACK_FONT_NAME]
    assert style.STATUS_COLORS == vocab.STATUS_COLORS
    assert len(set(style.PALETTE)) == len(style.PALETTE)
    # colour and line style change together (greyscale-safe cycle)
    cycle = list(rc["axes.prop_cycle"])
    assert len({(c["color"], str(c["linestyle"])) for c in cycle}) == len(cycle)
    with pytest.raises(ValueError):
        style.apply("fr")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_house_theme_equals_seaborn_set_theme(lang):
    """``apply`` sets what ``seaborn.set_theme(style="ticks", palette=PALETTE)`` and the house rc
    would, without importing seaborn (checked against the installed seaborn)."""
    import seaborn as sns

    with mpl.rc_context():
        mpl.rcdefaults()
        style.apply(lang)
        ours = dict(mpl.rcParams)
    with mpl.rc_context():
        mpl.rcdefaults()
        rc = style.theme(lang)
        sns.set_theme(style="ticks", palette=list(style.PALETTE), rc=rc)
        mpl.rcParams.update(rc)
        theirs = dict(mpl.rcParams)
    assert {k: str(v) for k, v in ours.items()} == {k: str(v) for k, v in theirs.items()}


def test_a_figure_does_not_import_seaborn():
    code = ("import sys, matplotlib; matplotlib.use('agg'); from analysis.viz import style; import matplotlib.pyplot as plt;"
            "style.apply('zh'); fig, ax = plt.subplots(); ax.plot([1, 2]); fig.canvas.draw();"
            "print('seaborn' in sys.modules, 'scipy.stats' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_palette_is_distinguishable_in_greyscale():
    def luminance(hex_colour):
        r, g, b = mpl.colors.to_rgb(hex_colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lum = [luminance(c) for c in style.PALETTE[:4]]
    assert all(abs(a - b) > 0.15 for a, b in zip(lum, lum[1:]))
    # status colours alone are not greyscale-safe (on track ~ at risk): hatches/markers differ
    assert len(set(style.STATUS_MARKERS[s] for s in vocab.STATUSES)) == len(vocab.STATUSES)
    assert len(set(style.STATUS_HATCHES[s] for s in vocab.STATUSES if s != "insufficient data")) == 6


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_stamp_caption_and_illustrative_note(lang):
    fig, ax = _chinese_figure(lang)
    texts = style.stamp(ax, illustrative=True, source="SRC", as_of=2019, lang=lang)
    assert len(texts) == 2
    caption, note = (t.get_text() for t in texts)
    assert "SRC" in caption and "2019" in caption
    assert ("资料来源" in caption) == (lang == "zh")
    assert note == vocab.illustrative_stamp(lang) == {"zh": "示例数据", "en": "illustrative data"}[lang]
    # re-stamping replaces, and non-illustrative data get no note
    again = style.stamp(fig, illustrative=False, source="SRC2", as_of=None, lang=lang)
    gids = [t.get_gid() for t in fig.texts]
    assert gids.count(style.CAPTION_GID) == 1 and style.ILLUSTRATIVE_GID not in gids
    assert len(again) == 1 and "SRC2" in again[0].get_text()


def test_stamp_is_inside_the_saved_image(tmp_path):
    fig, _ = _chinese_figure()
    style.stamp(fig, illustrative=True, source="SRC", as_of=2019)
    svg = style.savefig(fig, tmp_path / "f", formats=("svg",))[0].read_text(encoding="utf-8")
    assert 'id="analysis-illustrative"' in svg and 'id="analysis-caption"' in svg


def test_savefig_reproducible_and_without_dates(tmp_path):
    def make():
        fig, _ = _chinese_figure()
        style.stamp(fig, illustrative=True, source="平川区", as_of=2019)
        return fig

    first = style.savefig(make(), tmp_path / "a" / "fig_zh", dpi=60)
    assert [p.name for p in first] == ["fig_zh.png", "fig_zh.svg", "fig_zh.pdf"]
    blobs = [p.read_bytes() for p in first]
    plt.close("all")
    second = style.savefig(make(), tmp_path / "a" / "fig_zh.png", dpi=60)  # extension is dropped
    assert [p.read_bytes() for p in second] == blobs
    png, svg, pdf = blobs
    assert png.startswith(b"\x89PNG") and b"Matplotlib version" not in png
    assert b"<dc:date>" not in svg and b"<text" not in svg  # text as paths
    assert b"/CreationDate" not in pdf and b"/ModDate" not in pdf
    assert not list(tmp_path.glob("a/.*.tmp"))


def test_savefig_png_alone_equals_png_among_formats(tmp_path):
    """The layout is settled before saving, so a format's bytes do not depend on the others."""
    def make():
        fig, _ = _chinese_figure()
        style.stamp(fig, illustrative=False, source="S", as_of=2019)
        return fig

    alone = style.savefig(make(), tmp_path / "alone", formats=("png",), dpi=50)[0].read_bytes()
    among = style.savefig(make(), tmp_path / "among", formats=("svg", "pdf", "png"), dpi=50)[2].read_bytes()
    assert alone == among


def test_savefig_rejects_unknown_format(tmp_path):
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="unknown figure format"):
        style.savefig(fig, tmp_path / "x", formats=("bmp",))


def _pdffonts(pdf) -> list[list[str]]:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) not installed")
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def test_pdf_embeds_the_font_as_truetype_cid(tmp_path):
    """Publishers refuse Type 3: the CJK font is embedded as Type 42 (CID TrueType), subset."""
    fig, _ = _chinese_figure()
    style.stamp(fig, illustrative=True, source="平川区统计局", as_of=2019)
    pdf = style.savefig(fig, tmp_path / "f", formats=("pdf",))[0]
    data = pdf.read_bytes()
    assert b"PingchuanSansSC-Regular" in data and b"/FontFile2" in data and b"/CharProcs" not in data
    rows = _pdffonts(pdf)
    assert rows
    for name, *rest in rows:  # name type... encoding emb sub uni object ID
        line = " ".join(rest)
        assert "PingchuanSansSC" in name and line.startswith("CID TrueType Identity-H yes yes yes"), line


def test_pdf_export_prints_no_font_warning(tmp_path, caplog):
    """The bundled font's head dates are valid: subsetting it for a PDF logs nothing (it used to log
    fontTools' "'created' timestamp seems very low" twice per figure)."""
    fig, _ = _chinese_figure()
    with caplog.at_level("WARNING", logger="fontTools"):
        style.savefig(fig, tmp_path / "f", formats=("pdf",))
    assert not [r for r in caplog.records if r.name.startswith("fontTools")]


def test_pdf_falls_back_to_type3_only_for_characters_outside_the_subset(tmp_path):
    fig, ax = _chinese_figure()
    ax.set_xlabel("龘")
    pdf = style.savefig(fig, tmp_path / "rare", formats=("pdf",))[0]
    rows = _pdffonts(pdf)
    assert rows and all(r[1:3] == ["Type", "3"] for r in rows)
    assert all(r[-5] == "yes" for r in rows)  # still embedded


def test_chinese_renders_on_a_machine_without_cjk_fonts(monkeypatch):
    """Simulate a fresh machine: drop every CJK font matplotlib knows, then apply() the style."""
    fm = font_manager.fontManager
    no_cjk = [f for f in fm.ttflist if not re.search(r"CJK|Han|Hei|Song|Kai|Ming|WenQuanYi|Droid Sans Fallback",
                                                        f.name, re.I)]
    monkeypatch.setattr(fm, "ttflist", no_cjk)
    monkeypatch.setattr(style, "_registered", None)
    fm._findfont_cached.cache_clear()
    try:
        fig, ax = _chinese_figure()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig.canvas.draw()
        assert not [w for w in caught if "missing from" in str(w.message)]
        assert font_manager.findfont(ax.title.get_fontproperties()) == str(style.FONT_FILE)
    finally:
        plt.close("all")
        fm._findfont_cached.cache_clear()


def test_a_chinese_caption_has_chinese_punctuation_whatever_the_source_wrote():
    """The bundled provenance writes 示例数据(合成),非官方统计: every caption (report, notebooks, the app's
    chart) shows it with full-width punctuation; English is left as it is."""
    assert style.caption_text("示例数据(合成),非官方统计", 2019, "zh") == "资料来源：示例数据（合成），非官方统计；数据截至2019年。"
    assert style.caption_text("Illustrative (synthetic) data", 2019, "en") == \
        "Source: Illustrative (synthetic) data; data as of 2019."


def test_a_notebook_draws_each_figure_once():
    """In a Jupyter kernel (the inline backend), pyplot redrew every open figure at the end of
    each cell and the inline backend then drew it again to show it: each figure was drawn one
    time more than needed. After :func:`style.apply` it is drawn as the inline backend needs."""
    code = ("import matplotlib; matplotlib.use('module://matplotlib_inline.backend_inline')\n"
            "from IPython.core.interactiveshell import InteractiveShell\n"
            "from matplotlib.figure import Figure\n"
            "draws, draw = [], Figure.draw\n"
            "Figure.draw = lambda self, r: (draws.append(1), draw(self, r))[1]\n"
            "shell = InteractiveShell.instance()\n"
            "shell.run_cell('import matplotlib.pyplot as plt\\nfig, ax = plt.subplots(); ax.plot([1, 2]);')\n"
            "plain = len(draws); draws.clear()\n"
            "shell.run_cell('from analysis.viz import style\\nstyle.apply(\"zh\")\\nfig, ax = plt.subplots(); ax.plot([1, 2]);')\n"
            "ours = len(draws); draws.clear()\n"
            "shell.run_cell('fig, ax = plt.subplots(); ax.plot([1, 2]);')\n"
            "print(plain, ours, len(draws))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[-3:] == ["3", "2", "2"], out
