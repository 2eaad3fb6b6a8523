"""An Excel template for the statistics office: ``python -m analysis template OUT.xlsx``.

The workbook has three sheets:

* ``填报`` – the data-entry sheet in the observations contract. Header in row 1
  (``region, indicator_id, name_zh, unit, year, value, source, note``), one
  pre-filled row per catalogue indicator and year with an empty ``value``. Excel
  checks the entries (value >= 0, shares 0-100, indicator ids from the list).
* ``指标 indicators`` – the catalogue: id, names, unit, kind, target, deadline, clause.
* ``说明 instructions`` – how to fill it in, in Chinese and English.

A filled template is read back by :func:`analysis.io.readers.read_observations`; rows
whose value is left empty are "not reported" and skipped, so an unfilled template
reads as zero observations.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.errors import InputError, Problem
from analysis.io.atomic import atomic_write
from analysis.io.safe_cells import no_formulas

DATA_SHEET = "填报"
INDICATOR_SHEET = "指标 indicators"
HELP_SHEET = "说明 instructions"
DATA_COLUMNS: tuple[str, ...] = ("region", "indicator_id", "name_zh", "unit", "year", "value", "source", "note")
_WIDTHS = {"region": 10, "indicator_id": 34, "name_zh": 30, "unit": 9, "year": 7, "value": 12,
           "source": 28, "note": 30}
DEFAULT_YEARS: tuple[int, int] = (2015, config.PLAN_HORIZON)

INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    ("填报说明", "How to fill in this template"),
    ("1. 在“填报”工作表的 value 列填写数值,每行对应一个指标、一个年份。",
     "1. On the 填报 sheet, enter the number in the value column; each row is one indicator in one year."),
    ("2. 数值使用 unit 列所示的单位(即目标目录的单位)。金额可改用 元/千元/万元/百万元/亿元,"
     "请同时修改 unit 列,程序会自动换算。",
     "2. Use the unit shown in the unit column (the catalogue's unit). Money may be given in "
     "元/千元/万元/百万元/亿元 if you change the unit cell too; it is converted automatically."),
    ("3. 只填数字:不要写“约12”“12-15”等;比重(%)填 0-100 之间的数;数量不能为负数。",
     "3. Numbers only: no '约12' or '12-15'; shares (%) are 0-100; counts cannot be negative."),
    ("4. 没有数据的年份请留空(不要填 0 或“-”):空白表示“未报告”,该行会被忽略。",
     "4. Leave the value empty when there are no data (not 0 or '-'): empty means 'not reported' "
     "and the row is skipped."),
    ("5. 请勿修改第 1 行表头,也不要插入标题行;可以删除行,也可以为其他地区追加行(修改 region 列)。",
     "5. Do not change the header in row 1 or insert title rows; you may delete rows, or add rows for "
     "other regions (change the region column)."),
    ("6. source 列填写数据来源(如统计年鉴、部门台账),note 列填写口径说明。",
     "6. Put the data source (statistical yearbook, department ledger ...) in source and any definition "
     "notes in note."),
    ("7. 填完后运行检查:python -m analysis validate 文件.xlsx ,按提示(文件:行:列: 问题)修改。",
     "7. When done, check it: python -m analysis validate FILE.xlsx and fix what it reports "
     "(FILE:ROW:COLUMN: problem)."),
    ("“指标 indicators”工作表列出每个指标的定义、目标值、期限和规划原文。",
     "The '指标 indicators' sheet lists each indicator's definition, target, deadline and the plan's clause."),
)


def _load_targets(targets) -> pd.DataFrame:
    from analysis.io import catalogue

    return targets if isinstance(targets, pd.DataFrame) else catalogue.load_targets(targets)


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


def build_workbook(targets: pd.DataFrame, years: tuple[int, int] = DEFAULT_YEARS,
                   region: str = config.DEFAULT_REGION):
    """The template as an ``openpyxl.Workbook`` (see :func:`write_template`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    first, last = int(years[0]), int(years[1])
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    entry = PatternFill("solid", fgColor="FFF2CC")
    ws.append(list(DATA_COLUMNS))
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
    share_rows: list[int] = []
    other_rows: list[int] = []
    r = 1
    for t in targets.itertuples(index=False):
        for y in range(first, last + 1):
            r += 1
            ws.append([region, t.id, t.name_zh, t.unit, y, None, None, None])
            ws.cell(row=r, column=DATA_COLUMNS.index("value") + 1).fill = entry
            (share_rows if getattr(t, "kind", "") == "share" else other_rows).append(r)
    ws.freeze_panes = "A2"
    for j, c in enumerate(DATA_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(j)].width = _WIDTHS.get(c, 12)
    if r > 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(DATA_COLUMNS))}{r}"
    vcol = get_column_letter(DATA_COLUMNS.index("value") + 1)
    icol = get_column_letter(DATA_COLUMNS.index("indicator_id") + 1)
    common = dict(allow_blank=True, showInputMessage=True, showErrorMessage=True, errorStyle="stop")
    dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                        promptTitle="数值 value", prompt="填写数值(不小于 0),单位见 unit 列;无数据请留空。\n"
                        "A number >= 0 in the unit column's unit; leave empty if not available.",
                        errorTitle="无效数值 invalid value", error="请输入不小于 0 的数字。Enter a number >= 0.",
                        **common)
    ds = DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                        promptTitle="比重 share (%)", prompt="填写 0-100 之间的百分数;无数据请留空。\n"
                        "A percentage between 0 and 100; leave empty if not available.",
                        errorTitle="无效比重 invalid share", error="请输入 0-100 之间的数字。Enter a number 0-100.",
                        **common)
    n_ind = len(targets)
    di = DataValidation(type="list", formula1=f"'{INDICATOR_SHEET}'!$A$2:$A${n_ind + 1}",
                        promptTitle="指标代码 indicator_id", prompt="从列表中选择指标代码。Pick an id from the list.",
                        errorTitle="未知指标 unknown indicator",
                        error="指标代码必须来自“指标 indicators”工作表。The id must come from the indicators sheet.",
                        **common)
    max_row = max(r, 2) + 500  # room for added rows
    for rng in _ranges(other_rows, vcol):
        dv.add(rng)
    for rng in _ranges(share_rows, vcol):
        ds.add(rng)
    dv.add(f"{vcol}{r + 1}:{vcol}{max_row}")
    di.add(f"{icol}2:{icol}{max_row}")
    for v in (dv, ds, di):
        ws.add_data_validation(v)

    wi = wb.create_sheet(INDICATOR_SHEET)
    cols = ["id", "name_zh", "name_en", "unit", "kind", "comparator", "target", "deadline", "task", "clause"]
    wi.append(cols)
    for cell in wi[1]:
        cell.font = bold
        cell.fill = fill
    for t in targets.itertuples(index=False):
        deadline = getattr(t, "deadline_effective", getattr(t, "deadline", ""))
        assumed = bool(getattr(t, "deadline_assumed", False))
        wi.append([t.id, t.name_zh, getattr(t, "name_en", ""), t.unit, getattr(t, "kind", ""),
                   t.comparator, float(t.value),
                   f"{deadline} (规划未设期限 / no deadline in the plan)" if assumed else deadline,
                   str(getattr(t, "task", "")), getattr(t, "clause", "")])
    for j, w in enumerate((34, 30, 40, 9, 10, 11, 9, 16, 8, 80), start=1):
        wi.column_dimensions[get_column_letter(j)].width = w
    wi.freeze_panes = "B2"

    wh = wb.create_sheet(HELP_SHEET)
    wh.append(["中文", "English"])
    for cell in wh[1]:
        cell.font = bold
        cell.fill = fill
    for zh, en in INSTRUCTIONS:
        wh.append([zh, en])
    wh.append([])
    wh.append([f"地区默认为 {region};年份 {first}-{last};指标 {n_ind} 个。",
               f"Region {region}; years {first}-{last}; {n_ind} indicators."])
    wh.column_dimensions["A"].width = 70
    wh.column_dimensions["B"].width = 90
    for row in wh.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    no_formulas(wb)  # a region or name from input text is stored as text, never a formula
    return wb


def write_template(path: str | Path, targets: pd.DataFrame | str | Path | None = None,
                   years: tuple[int, int] = DEFAULT_YEARS, region: str = config.DEFAULT_REGION) -> Path:
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

    Returns
    -------
    Path
        ``path``.
    """
    first, last = int(years[0]), int(years[1])
    if first > last or first < config.MIN_YEAR or last > config.MAX_YEAR:
        raise ValueError(f"years must satisfy {config.MIN_YEAR} <= first <= last <= {config.MAX_YEAR}, "
                         f"got {first} {last}")
    t = _load_targets(targets)
    wb = build_workbook(t, (first, last), region)
    path = Path(path)
    with atomic_write(path, binary=True) as fh:
        wb.save(fh)
    return path


def cli_template(args) -> int:
    """``python -m analysis template OUT.xlsx [--targets FILE] [--years A B] [--region R]``."""
    years = tuple(args.years) if getattr(args, "years", None) else DEFAULT_YEARS
    region = getattr(args, "region", None) or config.DEFAULT_REGION
    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        print(f"template: the output must be an .xlsx file, got {args.output}", file=sys.stderr)
        return 2
    if not (config.MIN_YEAR <= years[0] <= years[1] <= config.MAX_YEAR):
        print(f"template: --years FIRST LAST must satisfy {config.MIN_YEAR} <= FIRST <= LAST <= "
              f"{config.MAX_YEAR}, got {years[0]} {years[1]}", file=sys.stderr)
        return 2
    t = _load_targets(getattr(args, "targets", None))
    try:
        write_template(out, t, years, region)
    except OSError as exc:
        raise InputError([Problem(str(out), None, None, f"cannot write: {exc.strerror or exc}")]) from None
    n_years = years[1] - years[0] + 1
    print(f"wrote {out}: {len(t)} indicators x {n_years} years = {len(t) * n_years} rows to fill "
          f"(sheet {DATA_SHEET})")
    return 0
