"""Maintainers: rebuild ``PingchuanSansSC-Regular.ttf`` from the bundled Noto Sans CJK SC OTF.

Why: matplotlib embeds a font in a PDF as Type 42 (TrueType/CID, what publishers
accept) only from TrueType (quadratic) outlines; ``NotoSansCJKsc-Regular.otf`` has CFF
(cubic) outlines, so PDFs drawn with it embed Type 3 fonts. This script

1. keeps the glyphs the suite needs: every character of GB2312 (levels 1 and 2,
   6,763 hanzi), every non-ideographic character of the source font except Hangul
   and kana (Latin, Greek, Cyrillic, punctuation, symbols, full-width forms), and every
   character used in the repository's text files (catalogue, plan text, i18n catalogues,
   notebooks, docs);
2. converts the CFF outlines to TrueType quadratic outlines with fontTools ``cu2qu``
   (maximum error 1 font unit of 1000, invisible at any print size);
3. renames the family (the SIL OFL 1.1 asks a modified version not to use a Reserved
   Font Name; "Noto" is also a Google trademark) and writes the TTF.

Run from the repository root (deterministic: same input, same bytes)::

    python analysis/viz/fonts/make_ttf_subset.py

The result is licensed under the SIL Open Font License 1.1 like its source (``OFL.txt``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SOURCE = HERE / "NotoSansCJKsc-Regular.otf"
TARGET = HERE / "PingchuanSansSC-Regular.ttf"
FAMILY = "Pingchuan Sans SC"
PS_NAME = "PingchuanSansSC-Regular"
#: Text files whose characters the font must cover.
TEXT_GLOBS = ("data/raw/**/*.csv", "data/raw/**/*.txt", "data/raw/**/*.json", "data/raw/**/*.md",
              "analysis/**/*.py", "notebooks/*.ipynb", "docs/**/*.md", "README.md")
#: Ranges left out unless a text file uses them (they would triple the size).
SKIP = ((0x1100, 0x11FF), (0x3040, 0x30FF), (0x3130, 0x318F), (0x31F0, 0x31FF), (0xAC00, 0xD7AF),
        (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF), (0xFF66, 0xFF9F))
MAX_ERR = 1.0  # font units


def gb2312() -> set[int]:
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out


def repo_chars() -> set[int]:
    out: set[int] = set()
    for pattern in TEXT_GLOBS:
        for p in sorted(ROOT.glob(pattern)):
            try:
                out |= {ord(c) for c in p.read_text(encoding="utf-8")}
            except (UnicodeDecodeError, OSError):
                continue
    return out


def wanted(cmap: dict[int, str]) -> list[int]:
    keep = gb2312() | repo_chars()
    keep |= {c for c in cmap if not any(a <= c <= b for a, b in SKIP)}
    return sorted(c for c in keep if c in cmap)


def to_truetype(font: TTFont) -> TTFont:
    """A TrueType copy of a CFF-based OpenType ``font`` (glyph order, metrics and cmap kept)."""
    order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(gs)
        gs[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    upm = font["head"].unitsPerEm
    fb = FontBuilder(upm, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(font.getBestCmap())
    fb.setupGlyf(glyphs)
    metrics = {n: tuple(font["hmtx"][n]) for n in order}
    fb.setupHorizontalMetrics(metrics)
    hhea = font["hhea"]
    fb.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
    os2 = font["OS/2"]
    fb.setupOS2(sTypoAscender=os2.sTypoAscender, sTypoDescender=os2.sTypoDescender,
                sTypoLineGap=os2.sTypoLineGap, usWinAscent=os2.usWinAscent, usWinDescent=os2.usWinDescent,
                sxHeight=os2.sxHeight, sCapHeight=os2.sCapHeight, achVendID="NONE",
                fsType=0, usWeightClass=os2.usWeightClass, ulUnicodeRange1=os2.ulUnicodeRange1,
                ulUnicodeRange2=os2.ulUnicodeRange2, ulUnicodeRange3=os2.ulUnicodeRange3,
                ulUnicodeRange4=os2.ulUnicodeRange4, ulCodePageRange1=os2.ulCodePageRange1,
                ulCodePageRange2=os2.ulCodePageRange2, panose=os2.panose)
    src_names = font["name"]
    copyright_ = src_names.getDebugName(0) or ""
    licence = src_names.getDebugName(13) or "SIL Open Font License, Version 1.1"
    fb.setupNameTable({
        "copyright": copyright_,
        "familyName": FAMILY,
        "styleName": "Regular",
        "uniqueFontIdentifier": f"{PS_NAME};subset of Noto Sans CJK SC 1.004",
        "fullName": f"{FAMILY} Regular",
        "psName": PS_NAME,
        "version": "Version 1.004; subset, TrueType outlines",
        "description": ("Subset of Noto Sans CJK SC Regular (Adobe/Google, SIL OFL 1.1) with "
                        "TrueType outlines made by fontTools cu2qu for the pingchuan-analysis suite."),
        "licenseDescription": licence,
        "licenseInfoURL": "https://openfontlicense.org",
    }, mac=False)
    fb.setupPost(keepGlyphNames=False, underlinePosition=font["post"].underlinePosition,
                 underlineThickness=font["post"].underlineThickness)
    # the source font's own dates: fixed (reproducible) and valid (0 would be before 1904 and makes
    # fontTools warn "timestamp seems very low" each time matplotlib subsets the font for a PDF)
    fb.setupHead(unitsPerEm=upm, created=font["head"].created, modified=font["head"].modified)
    fb.font["head"].fontRevision = font["head"].fontRevision
    fb.setupMaxp()
    return fb.font


def main() -> int:
    font = TTFont(SOURCE, lazy=False)
    codepoints = wanted(font.getBestCmap())
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.hinting = False
    opts.desubroutinize = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=codepoints)
    sub.subset(font)
    tt = to_truetype(font)
    for tag in ("GSUB", "GPOS", "GDEF"):  # layout tables refer to glyphs by name: kept as is
        if tag in font:
            tt[tag] = font[tag]
    tt.save(TARGET, reorderTables=True)
    print(f"{TARGET.name}: {len(codepoints)} characters, {len(tt.getGlyphOrder())} glyphs, "
          f"{TARGET.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
