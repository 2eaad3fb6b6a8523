"""An Excel template for the statistics office: ``python -m analysis template OUT.xlsx``.

The workbook has three sheets:

* ``填报`` – the data-entry sheet. Chinese header in row 1 (``地区, 指标代码, 指标名称,
  计量单位, 年份, 数值, 数据来源, 备注``; 指标代码 keeps the ids), one pre-filled row per
  catalogue indicator and year with an empty 数值; or, with ``layout="wide"``, one
  row per indicator and one column per year (``2015年`` ...). Excel checks what the
  reader checks: numbers >= 0 (shares 0-100) or text such as ``1.2亿元``; ids from the
  list (a warning only: names and aliases are accepted too). A title row inserted
  above the header is fine (the reader finds the header by content).
* ``指标 indicators`` – the catalogue: id, names, unit, kind, target, deadline, clause.
* ``说明 instructions`` – how to fill it in, in Chinese and English.

A filled template is read back by :func:`analysis.io.readers.read_observations`; rows
whose value is left empty are "not reported" (counted in the summary), so an unfilled
template reads as zero observations.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from analysis import config, vocab
from analysis.io import catalogue
from analysis.errors import InputError, Problem
from analysis.i18n import has, t
from analysis.io.atomic import atomic_write
from analysis.io.safe_cells import no_formulas

DATA_SHEET = "填报"
INDICATOR_SHEET = "指标 indicators"
#: The catalogue's columns on the indicators sheet (headed 指标代码 / id ...; ids in column A, which
#: the 指标代码 column's drop-down lists).
INDICATOR_COLUMNS: tuple[str, ...] = ("id", "name_zh", "name_en", "unit", "kind", "comparator", "target",
                                      "deadline", "task", "clause")
HELP_SHEET = "说明 instructions"
#: Contract names of the long sheet's columns, in order.
DATA_COLUMNS: tuple[str, ...] = ("region", "indicator_id", "name_zh", "unit", "year", "value", "source", "note")
#: Chinese headers written by default (each is a header the reader knows; 指标代码 keeps the ids).
HEADERS_ZH: dict[str, str] = {"region": "地区", "indicator_id": "指标代码", "name_zh": "指标名称", "unit": "计量单位",
                              "year": "年份", "value": "数值", "source": "数据来源", "note": "备注"}
_WIDTHS = {"region": 10, "indicator_id": 34, "name_zh": 30, "unit": 9, "year": 7, "value": 12,
           "source": 28, "note": 30}
DEFAULT_YEARS: tuple[int, int] = (2015, config.PLAN_HORIZON)
LAYOUTS = ("long", "wide")
#: Keys of the instruction lines (``analysis/i18n/intake.py``), shown in Chinese and English side by side.
INSTRUCTIONS: tuple[str, ...] = tuple(f"intake.tpl_help_{i}" for i in range(9))


def _load_targets(targets) -> pd.DataFrame:
    return targets if isinstance(targets, pd.DataFrame) else catalogue.load_targets(targets)


def _regions(targets: pd.DataFrame) -> list[str]:
    """The regions a per-region catalogue names (none for a catalogue without a ``region`` column)."""
    if "region" not in targets.columns:
        return []
    return [r for r in dict.fromkeys(targets["region"].fillna("").astype(str).str.strip()) if r]


def _row_region(tg, default: str) -> str:
    """A catalogue row's region: its own where it names one, else the template's (``--region``)."""
    own = str(getattr(tg, "region", "") or "").strip()
    return own or default


def _ranges(rows: list[int], col: str) -> list[str]:
    """Compact cell ranges (``F2:F7``) for a sorted list of row numbers."""
    out: list[str] = []
    start = prev = None
    for r in rows:
        if start is None:
            start = prev = r
        elif r == prev + 1:
            prev = r
        else:
            out.append(f"{col}{start}:{col}{prev}")
            start = prev = r
    if start is not None:
        out.append(f"{col}{start}:{col}{prev}")
    return out


def _dv_value(share: bool, anchor: str, common: dict):
    """Excel check of a value cell: a number >= 0 (0-100 for shares) or any text (``1.2亿元``, ``—``).

    The reader accepts numbers with a unit in the cell and marks such as ``—``, so text is allowed;
    negative numbers are refused as the reader refuses them.
    """
    from openpyxl.worksheet.datavalidation import DataValidation

    rng = f"{anchor}>=0,{anchor}<=100" if share else f"{anchor}>=0"
    return DataValidation(
        type="custom", formula1=f"OR(ISTEXT({anchor}),AND(ISNUMBER({anchor}),{rng}))",
        promptTitle=t("intake.tpl_share_title" if share else "intake.tpl_value_title", "zh"),
        prompt=t("intake.tpl_share_prompt" if share else "intake.tpl_value_prompt", "zh") + "\n"
        + t("intake.tpl_share_prompt" if share else "intake.tpl_value_prompt", "en"),
        errorTitle=t("intake.tpl_invalid_title", "zh"),
        error=t("intake.tpl_share_error" if share else "intake.tpl_value_error", "zh") + " "
        + t("intake.tpl_share_error" if share else "intake.tpl_value_error", "en"), **common)


def build_workbook(targets: pd.DataFrame, years: tuple[int, int] = DEFAULT_YEARS,
                   region: str = config.DEFAULT_REGION, layout: str = "long"):
    """The template as an ``openpyxl.Workbook`` (see :func:`write_template`).

    ``layout="long"``: one row per indicator and year (columns :data:`HEADERS_ZH`);
    ``layout="wide"``: one row per indicator, one column per year (``2015年`` ...), the
    sheet statistics offices prefer. Both read back through
    :func:`analysis.io.readers.read_observations`.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, got {layout!r}")
    first, last = int(years[0]), int(years[1])
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    entry = PatternFill("solid", fgColor="FFF2CC")
    common = dict(allow_blank=True, showInputMessage=True, showErrorMessage=True, errorStyle="stop")
    n_ind = len(targets)
    regional = bool(_regions(targets))  # a per-region catalogue: each row in its own region, said on the sheet
    n_distinct = targets["id"].nunique() if "id" in targets.columns else n_ind
    di = DataValidation(type="list", formula1=f"'{INDICATOR_SHEET}'!$A$2:$A${n_ind + 1}",
                        promptTitle=t("intake.tpl_id_title", "zh"),
                        prompt=t("intake.tpl_id_prompt", "zh") + "\n" + t("intake.tpl_id_prompt", "en"),
                        errorTitle=t("intake.tpl_unknown_title", "zh"),
                        error=t("intake.tpl_id_error", "zh") + " " + t("intake.tpl_id_error", "en"),
                        allow_blank=True, showInputMessage=True, showErrorMessage=True, errorStyle="warning")
    validations = [di]
    if layout == "long":
        cols = list(DATA_COLUMNS)
        ws.append([HEADERS_ZH[c] for c in cols])
        share_rows: list[int] = []
        other_rows: list[int] = []
        r = 1
        for tg in targets.itertuples(index=False):
            for y in range(first, last + 1):
                r += 1
                ws.append([_row_region(tg, region), tg.id, tg.name_zh, tg.unit, y, None, None, None])
                ws.cell(row=r, column=cols.index("value") + 1).fill = entry
                (share_rows if getattr(tg, "kind", "") == "share" else other_rows).append(r)
        for j, c in enumerate(cols, start=1):
            ws.column_dimensions[get_column_letter(j)].width = _WIDTHS.get(c, 12)
        vcol = get_column_letter(cols.index("value") + 1)
        icol = get_column_letter(cols.index("indicator_id") + 1)
        max_row = max(r, 2) + 500  # room for added rows
        for rows_, share in ((other_rows, False), (share_rows, True)):
            for rng in _ranges(rows_, vcol):
                dv = _dv_value(share, rng.split(":")[0], common)
                dv.add(rng)
                validations.append(dv)
        extra = _dv_value(False, f"{vcol}{r + 1}", common)
        extra.add(f"{vcol}{r + 1}:{vcol}{max_row}")
        validations.append(extra)
        di.add(f"{icol}2:{icol}{max_row}")
        last_col = len(cols)
    else:
        ycols = [f"{y}年" for y in range(first, last + 1)]
        head = ["地区", "指标代码", "指标名称", "计量单位"] + ycols + ["数据来源", "备注"]
        ws.append(head)
        r = 1
        y0 = 5
        for tg in targets.itertuples(index=False):
            r += 1
            ws.append([_row_region(tg, region), tg.id, tg.name_zh, tg.unit] + [None] * len(ycols) + [None, None])
            share = getattr(tg, "kind", "") == "share"
            a = f"{get_column_letter(y0)}{r}"
            dv = _dv_value(share, a, common)
            dv.add(f"{a}:{get_column_letter(y0 + len(ycols) - 1)}{r}")
            validations.append(dv)
            for j in range(len(ycols)):
                ws.cell(row=r, column=y0 + j).fill = entry
        for j, w in enumerate([10, 34, 30, 9] + [10] * len(ycols) + [28, 30], start=1):
            ws.column_dimensions[get_column_letter(j)].width = w
        di.add(f"B2:B{max(r, 2) + 100}")
        last_col = len(head)
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
    ws.freeze_panes = "A2"
    if r > 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(last_col)}{r}"
    for v in validations:
        ws.add_data_validation(v)

    wi = wb.create_sheet(INDICATOR_SHEET)
    # the catalogue's columns, headed in Chinese over the catalogue's own column name
    ind_cols = INDICATOR_COLUMNS + (("region",) if regional else ())
    wi.append([f"{t(f'intake.tpl_ind_{c}', 'zh')}\n{c}" for c in ind_cols])
    for cell in wi[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    wi.row_dimensions[1].height = 30  # two lines: Excel does not fit a row's height to wrapped text on opening
    for tg in targets.itertuples(index=False):
        deadline = getattr(tg, "deadline_effective", getattr(tg, "deadline", ""))
        assumed = bool(getattr(tg, "deadline_assumed", False))
        kind = str(getattr(tg, "kind", "") or "")
        wi.append([tg.id, tg.name_zh, getattr(tg, "name_en", ""), tg.unit,
                   f"{t(f'intake.kind.{kind}', 'zh')} {kind}" if has(f"intake.kind.{kind}") else kind,
                   vocab.COMPARATOR_SIGNS.get(str(tg.comparator), tg.comparator), float(tg.value),
                   f"{deadline} ({t('intake.tpl_no_deadline', 'zh')} / {t('intake.tpl_no_deadline', 'en')})"
                   if assumed else deadline,
                   str(getattr(tg, "task", "")), getattr(tg, "clause", "")]
                  + ([_row_region(tg, region)] if regional else []))
    for j, w in enumerate((34, 30, 40, 9, 10, 11, 9, 16, 8, 80, 12), start=1):
        wi.column_dimensions[get_column_letter(j)].width = w
    wi.freeze_panes = "B2"

    wh = wb.create_sheet(HELP_SHEET)
    wh.append(["中文", "English"])
    for cell in wh[1]:
        cell.font = bold
        cell.fill = fill
    for key in INSTRUCTIONS:
        wh.append([t(key, "zh"), t(key, "en")])
    wh.append([])
    wh.append([t("intake.tpl_help_footer_regions", lang, regions=t("intake.list_sep", lang).join(
                   dict.fromkeys(_row_region(tg, region) for tg in targets.itertuples(index=False))),
                   first=first, last=last, n=n_distinct, rows=n_ind) if regional else
               t("intake.tpl_help_footer", lang, region=region, first=first, last=last, n=n_ind)
               for lang in ("zh", "en")])
    wh.column_dimensions["A"].width = 70
    wh.column_dimensions["B"].width = 90
    for row in wh.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    no_formulas(wb)  # a region or name from input text is stored as text, never a formula
    return wb


def write_template(path: str | Path, targets: pd.DataFrame | str | Path | None = None,
                   years: tuple[int, int] = DEFAULT_YEARS, region: str = config.DEFAULT_REGION,
                   layout: str = "long") -> Path:
    """Write the data-entry template (``.xlsx``) atomically.

    Parameters
    ----------
    path : path-like
        Output ``.xlsx`` file (replaced atomically).
    targets : DataFrame or path, optional
        The target catalogue (default: the plan's).
    years : (int, int)
        First and last year to pre-fill, inclusive.
    region : str
        Region written in every row.
    layout : {"long", "wide"}
        One row per indicator and year, or one row per indicator with a column per year.

    Returns
    -------
    Path
        ``path``.
    """
    first, last = int(years[0]), int(years[1])
    if first > last or first < config.MIN_YEAR or last > config.MAX_YEAR:
        raise ValueError(f"years must satisfy {config.MIN_YEAR} <= first <= last <= {config.MAX_YEAR}, "
                         f"got {first} {last}")
    tt = _load_targets(targets)
    wb = build_workbook(tt, (first, last), region, layout)
    path = Path(path)
    with atomic_write(path, binary=True) as fh:
        wb.save(fh)
    return path


def cli_template(args) -> int:
    """``python -m analysis template OUT.xlsx [--targets FILE] [--years A B] [--region R] [--layout long|wide]``."""
    lang = getattr(args, "lang", None) or "zh"
    years = tuple(args.years) if getattr(args, "years", None) else DEFAULT_YEARS
    region = getattr(args, "region", None) or config.DEFAULT_REGION
    layout = getattr(args, "layout", None) or "long"
    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        print(f"template: {t('intake.tpl_not_xlsx', lang, out=args.output)}", file=sys.stderr)
        return 2
    if not (config.MIN_YEAR <= years[0] <= years[1] <= config.MAX_YEAR):
        print(f"template: {t('intake.tpl_bad_years', lang, lo=config.MIN_YEAR, hi=config.MAX_YEAR, a=years[0], b=years[1])}",
              file=sys.stderr)
        return 2
    tt = _load_targets(getattr(args, "targets", None))
    try:
        write_template(out, tt, years, region, layout)
    except OSError as exc:
        raise InputError([Problem(str(out), None, None, t("intake.tpl_cannot_write", lang,
                                                          reason=exc.strerror or type(exc).__name__))]) from None
    n_years = years[1] - years[0] + 1
    regions = _regions(tt)
    print(t("intake.tpl_wrote_regions", lang, out=out, n_ind=len(tt), n_regions=len(regions), n_years=n_years,
            n_cells=len(tt) * n_years, sheet=DATA_SHEET) if regions else
          t("intake.tpl_wrote", lang, out=out, n_ind=len(tt), n_years=n_years,
            n_cells=len(tt) * n_years, sheet=DATA_SHEET))
    return 0
