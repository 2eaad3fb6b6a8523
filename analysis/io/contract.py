"""The data contract: column names (English and Chinese), near misses, indicator names.

What a header cell means (:func:`header_role`), which headers are near misses of a
known name and therefore errors (``units``, ``regin``, ``valeu``), which cells are
years, and how an indicator given by id, exact ``name_zh`` or catalogue alias
resolves to its id (:class:`NameIndex`, with "did you mean" suggestions).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from analysis import config
from analysis.i18n import t
from analysis.io.numbers import COUNT_UNITS, MONEY_UNITS, TEN_THOUSAND_UNITS, normalize_unit, parse_year

#: Observations contract (long layout).
OBS_REQUIRED: tuple[str, ...] = ("indicator_id", "year", "value")
OBS_OPTIONAL: tuple[str, ...] = ("region", "sector", "unit", "source", "note")
OBS_COLUMNS: tuple[str, ...] = ("region", "indicator_id", "year", "value", "unit", "sector", "source", "note")
#: Sector-panel contract.
PANEL_REQUIRED: tuple[str, ...] = ("sector", "year", "metric", "value")
PANEL_OPTIONAL: tuple[str, ...] = ("region", "unit", "source", "note")
PANEL_COLUMNS: tuple[str, ...] = ("region", "sector", "year", "metric", "value", "unit", "source", "note")

#: The plan's district and its neighbours in Baiyin (白银市), and the names a file may write before them:
#: a table with no region column whose title or sheet names one of them is that district's.
PLAN_DISTRICTS: tuple[str, ...] = ("平川区", "白银区", "靖远县", "会宁县", "景泰县")
#: The plan's city, whose districts those are.
PLAN_CITY = "白银市"
PLACE_PREFIXES: tuple[str, ...] = ("甘肃省白银市", "甘肃白银市", "白银市", "甘肃省")
#: The administrative division codes (GB/T 2260) of the plan's city and its districts: a region column
#: of codes (行政区划代码 620403) is read as the places' names, said.
PLACE_CODES: dict[str, str] = {"620400": "白银市", "620402": "白银区", "620403": "平川区", "620421": "靖远县",
                               "620422": "会宁县", "620423": "景泰县", "620000": "甘肃省"}
#: Headers of a column of division codes (a region column; beside a column of names, the names are read).
REGION_CODE_HEADERS: tuple[str, ...] = ("行政区划代码", "区划代码", "地区代码", "区域代码", "行政区代码", "区县代码",
                                        "县区代码", "地区编码", "区划编码", "行政区划编码")
#: Header words -> role (compared after NFKC, lower-casing and removing blanks).
COLUMN_ALIASES: dict[str, str] = {
    "indicator_id": "indicator_id", "indicator": "indicator_id", "indicatorid": "indicator_id",
    "指标代码": "indicator_id", "指标id": "indicator_id", "指标编号": "indicator_id", "指标编码": "indicator_id",
    "指标名称": "indicator_name", "指标": "indicator_name", "指标名": "indicator_name", "name_zh": "indicator_name",
    "项目": "indicator_name", "项目名称": "indicator_name", "统计指标": "indicator_name",
    "考核指标": "indicator_name", "考核项目": "indicator_name", "考核内容": "indicator_name",
    # 名称 | 单位 under a merged 指标 (a two-row header): the indicator's name (stop 43)
    "名称": "indicator_name",
    "行标签": "indicator_name",  # a pivot table copied as values (求和项:数值 over 行标签 | 2015 | … | 总计)
    "year": "year", "年份": "year", "年度": "year", "年": "year",
    "统计年度": "year", "统计年份": "year", "报告年度": "year", "报告年份": "year", "报告期": "year",
    "统计时期": "year", "数据年度": "year", "数据年份": "year", "所属年度": "year", "所属年份": "year",
    # the national statistics database's exports and many 联网直报 tables head the year 时间 (stop 43)
    "时间": "year", "统计时间": "year", "数据时间": "year",
    "value": "value", "数值": "value", "值": "value", "指标值": "value", "数据": "value",
    # a long table's value column as bureaus head it (本期数: this period's figure, beside a 年份 column)
    "本期数": "value", "本期值": "value", "本期": "value", "本年数": "value", "实际值": "value", "实际数": "value",
    "完成值": "value", "完成数": "value", "实际完成值": "value", "实际完成数": "value",
    "完成值": "value", "完成数": "value", "统计值": "value", "统计数": "value", "填报值": "value", "填报数": "value", "填报数值": "value",
    "本年实际": "value", "本年实际数": "value", "本年实际值": "value", "本期实际": "value", "本期实际数": "value",
    "本年完成": "value", "本年完成数": "value", "实际完成": "value", "实际完成数": "value", "实际完成值": "value",
    # a stock's value as at the year's end (年末数: enterprises, platforms, brokers at 31 December)
    "年末数": "value", "年末值": "value", "期末数": "value", "年末实有数": "value", "年末实有": "value",
    "region": "region", "地区": "region", "区域": "region", "区县": "region", "县区": "region",
    "地区名称": "region", "地区名": "region", "区县名称": "region", "区县名": "region", "县区名称": "region",
    "区域名称": "region", "行政区": "region", "行政区划": "region", "行政区划名称": "region", "所属地区": "region",
    "县(区)": "region", "区(县)": "region", "县(市、区)": "region", "县(市区)": "region", "县市区": "region",
    "所属区县": "region", "所在区县": "region", "所属县区": "region", "所在县区": "region", "所在地区": "region",
    "所属区域": "region", "所在区域": "region", "区划名称": "region", "行政区名称": "region", "所属行政区": "region",
    "市县区": "region", "县市区名称": "region", "district": "region", "county": "region", "area": "region",
    "regionname": "region", "districtname": "region", "countyname": "region",
    # another country's or level's table (a held-out plan of the EU's states, a province's cities): the place
    "country": "region", "countryname": "region", "state": "region", "memberstate": "region", "nation": "region",
    "province": "region", "city": "region", "geo": "region", "territory": "region", "location": "region",
    "国家": "region", "国家或地区": "region", "国家(地区)": "region", "省份": "region", "省份名称": "region",
    "省(区、市)": "region", "城市": "region", "城市名称": "region",
    # Eurostat's and the SDMX exports' own headers (TIME_PERIOD, OBS_VALUE; the data browser's GEO (Labels)
    # over the places and a wide table's geo\time corner)
    "time_period": "year", "timeperiod": "year", "obs_value": "value", "obsvalue": "value",
    "geo(labels)": "region", "geo(codes)": "region", "geo\\time": "region", "geo\\time_period": "region",
    **{h: "region" for h in REGION_CODE_HEADERS},
    "sector": "sector", "行业": "sector", "行业代码": "sector", "产业": "sector",
    "unit": "unit", "单位": "unit", "计量单位": "unit",
    "source": "source", "来源": "source", "数据来源": "source", "资料来源": "source",
    "source_url": "source", "来源网址": "source", "来源链接": "source",
    "note": "note", "notes": "note", "备注": "note", "说明": "note",
    # the status of the figure (快报 / 预计 / 年报), read like a 备注: a 预计 there is not read as a value
    "数据状态": "note", "数据类型": "note", "数据性质": "note", "数据属性": "note", "数据标识": "note",
    "备注说明": "note", "数据说明": "note", "值类型": "note", "数值类型": "note", "数据类别": "note",
    # the period a value covers (期别 1-11月, 季度 三季度, 数据截止日期 2020-11-30): part of a year is not read
    "期别": "note", "统计期别": "note", "数据期别": "note", "季度": "note", "截止日期": "note",
    "统计口径": "note", "数据口径": "note", "统计时段": "note", "统计期间": "note",
    "数据截止日期": "note", "统计截止日期": "note", "截止时间": "note",
    "序号": "serial", "编号": "serial", "行次": "serial", "no": "serial", "no.": "serial",
    "name_en": "informational",
}
#: Extra words of the sector-panel contract.
PANEL_ALIASES: dict[str, str] = {
    "metric": "metric", "指标": "metric", "指标代码": "metric", "指标id": "metric", "统计指标": "metric",
    "指标名称": "metric",
}
#: Year headers that name the year the figures are *about* (统计时期), against the year of the report
#: (报告年度): with both, the data's year is read and the report's said as not read.
DATA_YEAR_HEADERS: tuple[str, ...] = ("统计时期", "数据年度", "数据年份", "所属年度", "所属年份", "统计年度", "统计年份")
#: First words of a note row below (or above) a table.
NOTE_WORDS: tuple[str, ...] = ("注", "备注", "说明", "资料来源", "数据来源", "注释", "附注", "填报说明", "填表说明",
                               "数据说明", "编制说明", "统计说明", "指标说明", "note", "notes", "source")
#: First words of a sign-off row (填表人：… 审核人：…).
SIGNOFF_WORDS: tuple[str, ...] = ("填表人", "填报人", "制表人", "审核人", "负责人", "单位负责人", "统计负责人",
                                  "联系电话", "报出日期", "填报日期", "制表", "审核", "填表日期",
                                  "填报单位", "报送单位", "填表单位", "制表单位", "报送日期")
_NOTE_RE = re.compile(r"^(?:" + "|".join(NOTE_WORDS + SIGNOFF_WORDS) + r")\s*(?:[:：]|[0-9]|[(（])", re.I)
#: Units that may follow a name in parentheses (``技术市场合同交易额（万元）``).
KNOWN_UNITS: tuple[str, ...] = tuple(MONEY_UNITS) + COUNT_UNITS + ("%", "件/万人", "户") + tuple(TEN_THOUSAND_UNITS)
#: A total row (合计, 总计, 小计, 全区合计): a sum over indicators or years, never an observation.
#: A total row: 合计, 全区合计, 各县区合计, 平川区小计; not an indicator's own total named so (技术市场合同交易额合计,
#: 科技型企业合计: a name of more than three characters not ending in a place is the indicator, read by its name
#: or refused as unknown, never skipped).
_TOTAL_RE = re.compile(r"^((?:[\u4e00-\u9fff]{1,3}?|[\u4e00-\u9fff]{1,10}?[区县市省镇乡旗]))?\s*(合\s*计|总\s*计|小\s*计|汇\s*总)"
                       r"\s*([(（][^)）]{0,10}[)）])?$")
#: Prefixes before an indicator name in bureau tables: 其中：, 1., （一）, 一、.
_PREFIX_RE = re.compile(r"^(其中[:：]?|[0-9]{1,2}(?:[.．][0-9]{1,2})+[.．、]?\s*"  # 1.1, 1.2.3 (before 1.)
                        r"|[(（]?[0-9一二三四五六七八九十]{1,3}[)）、.．]+|[*＊]+"
                        r"|[IVX]{1,4}[、.．]\s*)")  # Ⅳ. (NFKC: IV.)

#: Words in brackets after a name that say what it counts without changing it (有效期内, 累计数, 年末数,
#: 登记数, 含国家级): read past. Not 当年 / 新增 (a flow is not the stock the plan counts).
_EXPLAINED_RE = re.compile(r"\s*[(（](?:有效期内|有效|累计|累计数|年末|年末数|期末|期末数|存量|登记数|认定数|含[^)）]{1,12})[)）]\s*$")
#: A circled or parenthesised number before a name, as written (①, ⑴): NFKC would make ① a plain 1.
_CIRCLED_PREFIX_RE = re.compile(r"^[\u2460-\u2473\u2474-\u2487\u2776-\u277f]\s*")
#: Words a table adds to an indicator's name: the whole district (全区高新技术企业, 占全区GDP比重),
#: "the number of" after it (高新技术企业数, 数量). Dropped only when the name then matches exactly.
#: (not 全市: 全市技术市场合同交易额 in a district's table is the city's figure, not the district's)
_WORDING_RE = re.compile(r"全区|全县|全旗|本区|本县|(?:总数|个数|数量|数)$")
#: A footnote mark after an indicator name in bureau tables: （注1）, (注), 注1, (1), [注], *, #, ※, ①, ¹.
_NOTE_MARK_RE = re.compile(r"\s*(?:[(（\[【]\s*注?\s*[0-9一二三四五六七八九十]{0,2}\s*[)）\]】]|注\s*[0-9一二三四五六七八九十]{0,2}"
                           r"|[*＊※#＃]+|[\u2460-\u2473]+|[\u00b9\u00b2\u00b3\u2070-\u2079]+)$")
#: A section heading row (一、科技创新主体), when the row holds no value.
HEADING_RE = re.compile(r"^([一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）])")
#: A 序号 cell of a section heading row (一 | 科技创新平台 | … no values), where the indicators' rows count 1, 2, 3.
HEADING_SERIAL_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|[(（][一二三四五六七八九十]{1,3}[)）])$")
_UNIT_STATEMENT_RE = re.compile(r"^[(\[]?(金额单位|计量单位|单位)\s*:\s*([^\s,;)\]]+)[)\]]?$")
_PAREN_UNIT_RE = re.compile(r"^(.*?)\s*[(\[]([^()\[\]]+)[)\]]$")


def header_key(name: object) -> str:
    """A header cell as compared: NFKC, lower case, no blanks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(name))).lower()


def name_key(name: object) -> str:
    """An indicator name as compared: NFKC, without blanks, full stops, enumeration commas and
    brackets (``院士（专家）工作站`` is ``院士专家工作站``, ``省、市级众创空间`` is ``省市级众创空间``)."""
    return _NAME_NOISE_RE.sub("", unicodedata.normalize("NFKC", str(name)))


#: What a name is compared without (after NFKC, which makes full-width brackets ASCII).
_NAME_NOISE_RE = re.compile(r"[\s。、·()\[\]【】〔〕]+")


def split_unit(text: str) -> tuple[str, str]:
    """``"交易额（万元）"`` -> ``("交易额", "万元")`` when the bracket holds a known unit."""
    s = unicodedata.normalize("NFKC", str(text)).strip()
    m = _PAREN_UNIT_RE.match(s)
    if m:
        u = normalize_unit(m.group(2))
        if u in KNOWN_UNITS or u in MONEY_UNITS:
            return m.group(1).strip(), u
    return s, ""


def header_role(cell: object, aliases: dict[str, str] = COLUMN_ALIASES) -> str | None:
    """The role of a header cell (``indicator_id``, ``year``, ``value``, ``serial`` ...) or ``None``.
    A bilingual cell (指标\nItem, as yearbooks print them) is its Chinese line's."""
    if cell is None or cell == "":
        return None
    k = header_key(cell)
    if k in aliases:
        return aliases[k]
    base, unit = split_unit(str(cell))
    if unit and header_key(base) in aliases:
        return aliases[header_key(base)]
    chinese = bilingual_chinese(cell)
    if chinese is not None:
        return header_role(chinese, aliases)
    return None


def bilingual_chinese(cell: object) -> str | None:
    """The Chinese line of a cell that gives a name in Chinese then in English on the next line
    (技术市场合同交易额\nTurnover of Technology Contracts, a yearbook's bilingual table), else None."""
    if not isinstance(cell, str) or "\n" not in cell:
        return None
    first, rest = cell.split("\n", 1)
    if re.search(r"[\u4e00-\u9fff]", first) and rest.strip() and not re.search(r"[\u4e00-\u9fff]", rest):
        return first.strip()
    return None


def header_unit(cell: object) -> str:
    """The unit written in brackets after a header (``数值（万元）`` -> ``万元``)."""
    return split_unit(str(cell))[1] if cell not in (None, "") else ""


def near_miss(cell: object, aliases: dict[str, str] = COLUMN_ALIASES) -> str | None:
    """The known header a cell is a misspelling of (``units`` -> ``unit``), else ``None``."""
    k = header_key(cell)
    if not k or k in aliases or not k.isascii() or len(k) < 3:
        return None
    words = [a for a in aliases if a.isascii() and len(a) >= 3]
    hit = difflib.get_close_matches(k, words, n=1, cutoff=0.78)
    return hit[0] if hit else None


#: A year in a header with the words bureaus add to an actual value: 2019年（快报）, 2019年报, 2019年实际.
_QUALIFIED_YEAR_RE = re.compile(r"([0-9]{4})年?(?:度|报|末|底|全年|1[-—–~至]12月)?[(（]?(?:快报|快报数|初步统计|初步核算|初步数|初步|"
                                r"正式数|正式|终审数|核定数|统计|统计数|统计值|年报|年报数|数|实际|实际数|实际值|实际完成|实际完成数|实际完成值|完成|完成数|完成值|"
                                r"实绩|决算|基期|基期值|基期数|基数|完成情况|实际完成情况|修订|修订数|修订后|更正|更正数|更正后|调整后|调整数|数据)?[)）]?")
#: A plan period's first or last year named with the year (“十三五”期末（2020年）, “十二五”初（2010年）,
#: 2020年（“十三五”期末）): the year's actual value, as an end-of-term table heads it.
_PLAN_PERIOD = r"[\"“”'‘’]?十[一二三四五六]五[\"“”'‘’]?(?:规划)?(?:期末|末期|末|期初|初|初期)"
_PERIOD_YEAR_RE = re.compile(_PLAN_PERIOD + r"[(（]([0-9]{4})年?[)）]|([0-9]{4})年?[(（]" + _PLAN_PERIOD + r"[)）]")
#: A five-year plan's last year named by the plan alone (十三五期末, “十二五”末): 2020, 2015. Its first year is
#: not read so (十三五初: 2015, the base, or 2016?).
_PERIOD_END_RE = re.compile(r"[\"“”'‘’]?十([一二三四])五[\"“”'‘’]?(?:规划)?(?:期末|末期|末)(?:实际|实际值|完成|完成值|完成情况)?")
_PERIOD_END_YEAR = {"一": 2010, "二": 2015, "三": 2020, "四": 2025}
#: A date cell Excel shows as a year (yyyy"年" on 2017-01-01).
_YEAR_DATE_RE = re.compile(r"([0-9]{4})(?:-(?:01-01|12-31)|/(?:0?1/0?1|12/31)|\.(?:0?1\.0?1|12\.31))(?:[T ]?00:00(?::00)?)?")
_CN_DIGITS = str.maketrans("〇零○ＯO一二三四五六七八九", "00000123456789")


def year_header(cell: object) -> int | None:
    """The year a header cell names, within the accepted range: ``2019``, ``2019年``, ``2019.0``,
    ``二〇一九年``, ``2019年（快报）`` / ``2019年报`` / ``2019年实际`` (an actual value, as bureaus label
    it; 预计 and 目标 are not years, they are said as columns not read), the whole year or its end
    (``2019年末``, ``2019年底``, ``2019年全年``, ``2019年1-12月``; not ``2019年1-6月``), and a date cell Excel shows
    as a year (``2017-01-01`` formatted ``yyyy"年"``)."""
    if cell is None or cell == "" or isinstance(cell, bool):
        return None
    y = parse_year(cell)
    if y is None and isinstance(cell, str):
        s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell))
        # 二〇一九年, also typed with a digit zero or a letter O among the Chinese numerals (二0一九年)
        if re.fullmatch(r"[〇零○0OＯ一二三四五六七八九]{4}年度?", s) and re.search(r"[一二三四五六七八九]", s):
            s = s.translate(_CN_DIGITS)
        s = re.sub(r"^(?:截至|截止到?|至)(?=[0-9]{4}年?(?:底|末|12月31日|12月底|12月末))", "", s)  # 截至2019年底
        m = _QUALIFIED_YEAR_RE.fullmatch(s) or _YEAR_DATE_RE.fullmatch(s) or _PERIOD_YEAR_RE.fullmatch(s)
        y = int(next(g for g in m.groups() if g)) if m else None
        end = _PERIOD_END_RE.fullmatch(s) if y is None else None
        y = _PERIOD_END_YEAR[end.group(1)] if end else y
    lo, hi = config.year_range()
    if y is None or not (lo <= y <= hi):
        return None
    return y


def unit_statement(cell: object) -> tuple[str, str] | None:
    """A sheet-level unit statement: ``金额单位：万元`` -> ``("money", "万元")``; ``单位：家`` -> ``("all", "家")``."""
    if not isinstance(cell, str) or not cell:
        return None
    # the 填报单位 line is often one cell (填报单位：平川区统计局        金额单位：万元): each labelled part is
    # looked at on its own; a piece without a colon belongs to the label after it (金额 单位：万元, 单 位：家)
    parts: list[str] = []
    pending = ""
    for piece in _LABELLED_PART_RE.split(unicodedata.normalize("NFKC", cell)):
        if ":" in piece:
            parts.append(pending + piece)
            pending = ""
        else:
            pending += piece
    for part in parts or [pending]:
        m = _UNIT_STATEMENT_RE.match(re.sub(r"\s+", "", part))
        if m:
            return ("money" if m.group(1) == "金额单位" else "all"), normalize_unit(m.group(2))
    return None


#: Where a cell's next labelled part starts: blanks or a comma / semicolon before ``label:`` (NFKC text).
_LABELLED_PART_RE = re.compile(r"[\s,;，；]+(?=[^\s:]{1,8}\s*:)")


_TITLE_UNIT_RE = re.compile(r"[(\[](金额单位|计量单位|单位)\s*:\s*([^\s,;)\]]+)[)\]]")


def title_unit_statement(cell: object) -> tuple[str, str] | None:
    """A unit stated in brackets inside a title (``平川区主要指标（单位：万元）``): for money units
    ``("money", unit)`` (a title's unit is the amounts'), else ``("all", unit)``."""
    if not isinstance(cell, str) or not cell:
        return None
    m = _TITLE_UNIT_RE.search(re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell)))
    if not m:
        return None
    unit = normalize_unit(m.group(2))
    return ("money" if unit in MONEY_UNITS or m.group(1) == "金额单位" else "all"), unit


def is_total(cell: object) -> bool:
    """Whether a name cell is a total (合计, 小计, 全区合计, 合  计): a sum, never an observation."""
    return isinstance(cell, str) and bool(_TOTAL_RE.match(unicodedata.normalize("NFKC", cell).strip()))


def is_note(cell: object) -> bool:
    """Whether a cell starts a row that holds no observation: a note (注：…, 资料来源：…), a sign-off
    (填表人：…) or a total (合计, 总计)."""
    if not isinstance(cell, str):
        return False
    s = unicodedata.normalize("NFKC", cell).strip()
    # a footnote starting with * (*注：…, * 2019年为快报数, *以上数据由区统计局提供); not a name marked with
    # one, however long (*技术市场合同交易额, *战略性新兴产业增加值占生产总值比重)
    bare = re.sub(r"[(（][^)）]*[)）]", "", s)  # what a bracket says (（按户籍人口计算）) is about the name
    starred = s.startswith("*") and (len(s) > 40 or bool(re.search(r"[:：，,。;；]|为|是|由|按", bare))
                                     or bool(_NOTE_RE.match(s.lstrip("* "))))
    # a statistical form's 栏次 row under its header (甲 | 乙 | 丙 | 1 | 2 | 3): the columns' numbers, no observation
    return starred or bool(_NOTE_RE.match(s)) or bool(_TOTAL_RE.match(s)) or s in ("甲", "栏次", "行次")


#: The least similarity (difflib's ratio) for an unknown indicator that stops the read to be offered a
#: catalogue entry: at 0.5, 'tech_incubators' was offered high_tech_enterprises (their common ``tech_``); a
#: typo scores 0.9 and more (high_tech_enterprise, 技术市场合同交易额度).
SUGGEST_CUTOFF = 0.6
#: The least similarity for a *skipped* indicator (``--skip-unknown``) to be said to resemble a
#: catalogue one. The NBS communiqué's series read against the plan's catalogue drew 11 such
#: warnings at the default 0.5, all chance overlaps of words (afforestation ~ academician_workstations,
#: urbanization_rate ~ star_innovation_spaces); the near misses worth a word score 0.75 and up
#: (技术合同成交额 ~ 技术市场合同交易额, invention_patents_granted ~ invention_patents_per_10k).
SKIPPED_SUGGEST_CUTOFF = 0.7


@dataclass
class NameIndex:
    """Indicator ids, exact Chinese names, aliases and English names of a catalogue, for lookup."""

    ids: dict[str, str]
    names: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    label: dict[str, str] = field(default_factory=dict)
    #: English names (``name_en``), read like aliases; never offered as suggestions.
    english: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # ids by their lower case, where that is one id only (never a guess between two)
        lower: dict[str, list[str]] = {}
        for i in self.ids:
            lower.setdefault(i.lower(), []).append(i)
        self._lower_ids = {k: v[0] for k, v in lower.items() if len(v) == 1}

    @classmethod
    def from_targets(cls, targets: pd.DataFrame) -> "NameIndex":
        ids = {str(i): str(i) for i in targets["id"]}
        names: dict[str, str] = {}
        aliases: dict[str, str] = {}
        label: dict[str, str] = {}
        for r in targets.itertuples(index=False):
            i = str(r.id)
            nz = str(getattr(r, "name_zh", "") or "")
            label[i] = nz
            if nz:
                names[name_key(nz)] = i
            for a in re.split(r"[;；|]", str(getattr(r, "aliases", "") or "")):
                if a.strip():
                    aliases[name_key(a)] = i
        english: dict[str, str] = {}
        for r in targets.itertuples(index=False):  # the English name (a Eurostat table's), where it names one
            ne = str(getattr(r, "name_en", "") or "")
            if ne and name_key(ne) not in names and name_key(ne) not in aliases:
                english[name_key(ne)] = str(r.id)
        return cls(ids, names, aliases, label, english)

    @classmethod
    def from_ids(cls, ids) -> "NameIndex":
        return cls({str(i): str(i) for i in ids})

    def resolve(self, text: str) -> tuple[str | None, str]:
        """``(id, how)`` with how one of ``id``, ``id_case`` (the id in other letter case:
        ``HIGH_TECH_ENTERPRISES``), ``name``, ``alias``; ``(None, "")`` when unknown."""
        s = unicodedata.normalize("NFKC", text).strip()
        if s in self.ids:
            return s, "id"
        k = name_key(s)
        if k in self.ids:
            return k, "id"
        if k.lower() in self._lower_ids:
            return self._lower_ids[k.lower()], "id_case"
        if k in self.names:
            return self.names[k], "name"
        if k in self.aliases:
            return self.aliases[k], "alias"
        if k in self.english:
            return self.english[k], "alias"
        spaced = re.sub(r"\s+", "", s)
        bare = _PREFIX_RE.sub("", spaced)  # 其中：高新技术企业, 1、高新技术企业, （一）高新技术企业
        if bare != spaced and bare:
            i, how = self.resolve(bare)
            if i is not None:
                return i, how
        worded = _WORDING_RE.sub("", k)  # 全区高新技术企业数, 高新技术企业数量
        if worded != k and worded and (worded in self.names or worded in self.aliases):
            return (self.names[worded], "name") if worded in self.names else (self.aliases[worded], "alias")
        totalled = re.sub(r"(?:合\s*计|总\s*计)$", "", spaced)  # 技术合同成交额合计: the indicator's own total
        if totalled != spaced and len(totalled) >= 4:
            i, how = self.resolve(totalled)
            if i is not None:
                return i, how
        chinese = bilingual_chinese(text)  # 技术市场合同交易额\nTurnover of Technology Contracts
        if chinese:
            return self.resolve(chinese)
        unmarked = _NOTE_MARK_RE.sub("", text.strip())  # 技术市场合同交易额（注1）, 高新技术企业*, 院士工作站①
        if unmarked != text.strip() and unmarked:
            return self.resolve(unmarked)
        explained = _EXPLAINED_RE.sub("", s)  # 高新技术企业（有效期内）, 院士工作站（累计数）: the name said more fully
        if explained != s and explained:
            i, how = self.resolve(explained)
            if i is not None:
                return i, how
        circled = _CIRCLED_PREFIX_RE.sub("", text.strip())  # ①每万人发明专利拥有量 (NFKC made ① a plain 1)
        if circled != text.strip() and circled:
            return self.resolve(circled)
        return None, ""

    def suggest(self, text: str, n: int = 3, lang: str = "zh", cutoff: float = SUGGEST_CUTOFF) -> list[str]:
        """Closest catalogue entries, as ``id（name_zh）`` (``id (name_zh)`` in English: the
        Chinese name is what the file would say). ``cutoff``: the least similarity (difflib's
        ratio) of a close match; an unknown name that stops the read gets the loose default, a
        skipped one a stricter bar (:data:`SKIPPED_SUGGEST_CUTOFF`)."""
        k = name_key(text)
        pool = {**{x: x for x in self.ids}, **self.names, **self.aliases}
        hits = difflib.get_close_matches(k, list(pool), n=n * 3, cutoff=cutoff)
        if not hits:  # a name containing, or contained in, a catalogue name
            hits = [key for key in {**self.names, **self.aliases} if key and (key in k or k in key)]
            pool = {**self.names, **self.aliases}
        out: list[str] = []
        for h in hits:
            i = pool[h]
            label = self.label.get(i)
            s = t("common.id_name", lang, id=i, name=label) if label else i
            if s not in out:
                out.append(s)
        return out[:n]
