"""What the reader understood of one file (:class:`Intake`), and the words of its messages.

``validate`` prints :meth:`Intake.lines` as the summary; every reader leaves an :class:`Intake` in
``df.attrs["intake"]`` (and on the :class:`~analysis.errors.InputError` as ``.intake``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from analysis.errors import Problem
from analysis.i18n import t
from analysis.i18n.names import place_name

CONV_ORDER = ("intake.conv_id_case", "intake.conv_blank_id_name", "intake.conv_name_same", "intake.conv_name", "intake.conv_alias", "intake.conv_sector_name",
              "intake.conv_statement", "intake.conv_unit", "intake.conv_unit_same",
              "intake.conv_percent_format", "intake.conv_excel_text", "intake.conv_apostrophe", "intake.conv_invisible", "intake.conv_fullwidth",
              "intake.conv_unit_in_cell", "intake.conv_note_mark",
              "intake.conv_not_reported", "intake.conv_unit_assumed", "intake.conv_default_region",
              "intake.conv_whole_district", "intake.conv_year_header", "intake.conv_year_cell", "intake.conv_period_header", "intake.conv_region_columns_title",
              "intake.conv_region_columns_sheet", "intake.conv_region_columns_year_column", "intake.conv_region_year_rows",
              "intake.conv_region_year_rows_below", "intake.conv_region_sheet", "intake.conv_region_sheet_named",
              "intake.conv_region_sheet_baiyin",
              "intake.conv_region_title", "intake.conv_region_unit", "intake.conv_region_filename",
              "intake.conv_region_headings",
              "intake.conv_sheets_same")


@dataclass
class Intake:
    """What the reader understood of one file: printed by ``validate`` as the summary."""

    file: str
    lang: str = "zh"
    kind: str = "observations"
    sheet: str | None = None
    #: ``FILE[SHEET]`` (or ``FILE``) of the one sheet read, as problems name it
    where: str = ""
    #: The sheets read and combined, oldest year first, when a workbook has one sheet a year
    #: (:mod:`analysis.io.readers.combine`); then :attr:`sheet` is None.
    sheets: list[str] = field(default_factory=list)
    #: What each combined sheet is: ``"year"`` or ``"region"``.
    sheets_by: str = ""
    sheets_skipped: list[str] = field(default_factory=list)
    layout: str = ""
    header_rows: list[int] = field(default_factory=list)
    rows_read: int = 0
    values_read: int = 0
    blank: int = 0
    rejected: int = 0
    indicators: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    conversions: Counter = field(default_factory=Counter)
    ignored: list[str] = field(default_factory=list)
    #: Rows skipped (row numbers; ``SHEET!ROW`` when sheets are combined).
    skipped_rows: list[int | str] = field(default_factory=list)
    #: Rows of indicators the catalogue does not have, dropped (``skip_unknown``): name -> rows.
    skipped_unknown: dict = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    #: cells a sheet-level unit statement (金额单位：万元) was applied to, by scope
    statement_use: dict[str, int] = field(default_factory=dict)
    #: years a note row or the title says are 快报 / 初步 figures (read; the report says so up front)
    preliminary: list[int] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The summary, one sentence a line, in ``self.lang``."""
        L = self.lang
        out = [t("intake.sum_file", L, file=self.file)]
        if self.sheet is not None or self.sheets:
            skipped = join_words(self.sheets_skipped, L)
            out.append((t("intake.sum_sheet", L, sheet=self.sheet) if self.sheet is not None else
                        t(f"intake.sum_sheets_combined_{self.sheets_by}", L, n=len(self.sheets),
                          sheets=join_words(self.sheets, L))) + (
                t("intake.sum_sheets_skipped", L, sheets=skipped) if self.sheets_skipped else ""))
        if self.layout:
            hrows = sorted({self.header_rows[0], self.header_rows[-1]}) if self.header_rows else []
            out.append(t("intake.sum_layout_rows" if len(hrows) > 1 else "intake.sum_layout", L,
                         layout=t(f"intake.layout_{self.layout}", L), rows="-".join(str(r) for r in hrows) or "?"))
        if not self.layout:
            return out
        out.append(t("intake.sum_rows", L, rows=self.rows_read, values=self.values_read, blank=self.blank,
                     rejected=self.rejected))
        if self.skipped_rows:
            out.append(t("intake.sum_skipped_rows", L, rows=", ".join(map(str, self.skipped_rows[:20])))
                       if not self.sheets else
                       t("intake.sum_skipped_rows_sheets", L, items=_sheet_rows(self.skipped_rows[:20], L)))
        if self.skipped_unknown:
            items = [t("intake.sum_skipped_unknown_item", L, name=name, rows=", ".join(map(str, rows[:10])))
                     if not self.sheets else f"{name}（{_sheet_rows(rows[:10], L)}）" if L == "zh" else
                     f"{name} ({_sheet_rows(rows[:10], L)})"
                     for name, rows in list(self.skipped_unknown.items())[:20]]
            out.append(t("intake.sum_skipped_unknown", L, items=join_words(items, L)))
        if self.ignored:
            out.append(t("intake.sum_ignored", L, cols=join_words(self.ignored, L)))
        ys = sorted(set(self.years))
        out.append(t("intake.sum_content", L, n_ind=len(set(self.indicators)),
                     years=(f"{ys[0]}-{ys[-1]}" if len(ys) > 1 else str(ys[0]) if ys else "-"),
                     n_reg=len(set(self.regions)),
                     regions=join_words([_region_as_read(r, L) for r in sorted(set(self.regions))[:10]], L) or "—"))
        if self.conversions:
            order = {k: i for i, k in enumerate(CONV_ORDER)}
            def rank(kv):  # the notes of one kind in the order of their years (二〇一五年 before 二〇一六年)
                (key, kw), _ = kv
                year = dict(kw).get("year")
                return order.get(key, 99), key, year if isinstance(year, int) else 0, kw

            for (key, kw), n in sorted(self.conversions.items(), key=rank):
                kw = dict(kw)
                if key in _REGION_NOTES:  # in English: Baiyin District (白银区)
                    kw["region"] = _region_as_read(kw["region"], L)
                out.append(t("intake.sum_conversion_one" if n == 1 else "intake.sum_conversion", L, n=n,
                             what=t(key, L, **kw)))
        else:
            out.append(t("intake.sum_no_conversion", L))
        return out

    def note(self, key: str, n: int = 1, **kw) -> None:
        """Count one kind of conversion (``intake.conv_*`` message key with its fields)."""
        if n:
            self.conversions[(key, tuple(sorted(kw.items())))] += int(n)


def _sheet_rows(rows: Sequence[str], lang: str) -> str:
    """Rows of combined sheets (``2019年!15``) grouped by sheet: 工作表 2019年 第 15、16 行."""
    by: dict[str, list[str]] = {}
    for r in rows:
        sheet, _, row = str(r).rpartition("!")
        by.setdefault(sheet, []).append(row)
    sep = "、" if lang == "zh" else ", "
    return t("intake.list_sep", lang).join(t("intake.rows_of_sheet", lang, sheet=s, rows=sep.join(rs))
                                           for s, rs in by.items())


def join_words(items: Sequence[str], lang: str) -> str:
    return t("intake.list_sep", lang).join(items)


#: Conversions whose ``region`` is a region's name as read (shown as the summary's regions are).
_REGION_NOTES = ("intake.conv_default_region", "intake.conv_region_sheet", "intake.conv_region_sheet_named",
                 "intake.conv_region_sheet_baiyin", "intake.conv_region_title",
                 "intake.conv_region_unit", "intake.conv_region_filename")


def quote(v: object, limit: int = 40) -> str:
    s = str(v).replace("\n", " ").replace("\r", " ")
    return repr(s if len(s) <= limit else s[:limit] + "…")


def _region_as_read(region: str, lang: str) -> str:
    """A region as the file writes it; in English its English name first: ``Pingchuan District (平川区)``."""
    named = place_name(region, lang)
    return region if named == region else f"{named} ({region})"
