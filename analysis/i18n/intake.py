"""Words of the data intake (readers, validate, template): Chinese first, English with --lang en.

Messages follow ``FILE[SHEET]:ROW:COLUMN:`` (added by :class:`analysis.errors.Problem`);
they quote at most the offending cell, never other content of a file.
"""

MESSAGES = {
    # ---- opening a file
    "intake.file_not_found": {"zh": "找不到文件", "en": "file not found"},
    "intake.file_not_found_as": {"zh": "找不到文件（由 {option} 给出）", "en": "file not found (given as {option})"},
    "intake.required_column": {"zh": "缺少必需的列", "en": "required column is missing"},
    "intake.targets.required_column": {"zh": "缺少必需的列（也可用这些表头：{names}）",
                                       "en": "required column is missing (these headers work too: {names})"},
    "intake.several_units": {"zh": "指标 {id} 出现了多个单位：{units}", "en": "indicator {id} comes in several units: {units}"},
    # ---- the target list (targets.csv or the office's own)
    "intake.targets.empty_id": {"zh": "编号（id）为空", "en": "empty id"},
    "intake.targets.duplicate_id": {"zh": "编号 {id} 重复（首次出现在第 {first} 行）",
                                    "en": "duplicate id {id} (first on row {first})"},
    "intake.targets.duplicate_id_region": {"zh": "地区 {region} 的编号 {id} 重复（首次出现在第 {first} 行）",
                                           "en": "duplicate id {id} for region {region} (first on row {first})"},
    "intake.targets.empty_name": {"zh": "指标名称（name_zh）为空", "en": "empty name"},
    "intake.targets.empty_unit": {"zh": "单位为空", "en": "empty unit"},
    "intake.targets.bad_comparator": {"zh": "比较方向须为 >=（不低于）或 <=（不高于），而此处为 {value}",
                                      "en": "must be >= or <=, got {value}"},
    "intake.targets.bad_year": {"zh": "须为 {lo}–{hi} 之间的年份或留空，而此处为 {value}",
                                "en": "must be a year {lo}-{hi} or empty, got {value}"},
    "intake.targets.bad_kind": {"zh": "指标类型须为 {kinds} 之一，而此处为 {value}",
                                "en": "must be one of {kinds}, got {value}"},
    "intake.cannot_open": {"zh": "无法打开文件（{reason}）", "en": "cannot open the file ({reason})"},
    "intake.is_directory": {"zh": "这是文件夹，不是文件", "en": "is a directory, not a file"},
    "intake.special_file": {"zh": "不是普通文件（管道、设备或套接字），拒绝读取",
                            "en": "not a regular file (a pipe, device or socket): refused"},
    "intake.file_too_large": {"zh": "文件过大（{size} MB，上限 {limit} MB；可用环境变量 ANALYSIS_MAX_FILE_MB 调整）",
                              "en": "file too large ({size} MB, limit {limit} MB; set ANALYSIS_MAX_FILE_MB to change)"},
    "intake.part_too_large": {"zh": "工作簿内部文件 {part} 解压后过大（{size} MB，上限 {limit} MB；"
                                    "可用 ANALYSIS_MAX_PART_MB 调整）",
                              "en": "workbook part {part} is too large uncompressed ({size} MB, limit {limit} MB; "
                                    "set ANALYSIS_MAX_PART_MB to change)"},
    "intake.too_many_rows": {"zh": "行数过多（{n} 行，上限 {limit}；可用 ANALYSIS_MAX_ROWS 调整）",
                             "en": "too many rows ({n}, limit {limit}; set ANALYSIS_MAX_ROWS to change)"},
    "intake.too_many_cells": {"zh": "单元格过多（约 {n} 个，上限 {limit}；可用 ANALYSIS_MAX_CELLS 调整）",
                              "en": "too many cells (about {n}, limit {limit}; set ANALYSIS_MAX_CELLS to change)"},
    "intake.cell_too_long": {"zh": "单元格过长（{n} 个字符，上限 {limit}）",
                             "en": "cell too long ({n} characters, limit {limit})"},
    "intake.cell_too_long_xml": {"zh": "工作表中有超长单元格（超过 {limit} 个字符），拒绝读取",
                                 "en": "the sheet holds a cell longer than {limit} characters: refused"},
    "intake.out_of_memory": {"zh": "文件太大，内存不足，无法读取；请拆分文件或只保留数据工作表",
                             "en": "not enough memory to read this file: split it or keep only the data sheet"},
    "intake.file_empty": {"zh": "文件为空", "en": "file is empty"},
    "intake.not_a_workbook": {"zh": "扩展名为 {suffix}，但内容不是 Excel/WPS 工作簿",
                              "en": "the name ends in {suffix} but the content is not a workbook"},
    "intake.encrypted_workbook": {"zh": "工作簿设有打开密码（已加密），无法读取：请在 Excel/WPS 中输入密码打开，"
                                        "取消密码（文件→信息→保护工作簿→用密码进行加密，清空）后另存，再读取",
                                  "en": "the workbook has an opening password (it is encrypted) and cannot be read: open it "
                                        "in Excel/WPS with the password, remove it (File > Info > Protect Workbook > "
                                        "Encrypt with Password, clear it), save and read it again"},
    "intake.html_workbook": {"zh": "扩展名为 {suffix}，但内容是网页（HTML）表格，不是 Excel/WPS 工作簿：请在 Excel/WPS 中打开，"
                                   "“另存为” Excel 工作簿（.xlsx）后再读取",
                             "en": "the name ends in {suffix} but the content is a web-page (HTML) table, not a workbook: "
                                   "open it in Excel/WPS and save it as an Excel workbook (.xlsx), then read it again"},
    "intake.text_workbook": {"zh": "扩展名为 {suffix}，但内容是以制表符或逗号分隔的文本，不是 Excel/WPS 工作簿：请把扩展名改为"
                                   " .txt（或 .csv）后再读取",
                             "en": "the name ends in {suffix} but the content is tab- or comma-separated text, not a "
                                   "workbook: rename it to .txt (or .csv) and read it again"},
    "intake.not_readable_workbook": {"zh": "无法作为 {fmt} 工作簿读取（{error}）；请在 Excel/WPS 中另存为 .xlsx 或 CSV",
                                     "en": "cannot read as a {fmt} workbook ({error}); save it again as .xlsx or CSV"},
    "intake.no_sheets": {"zh": "工作簿中没有工作表", "en": "the workbook has no sheets"},
    "intake.sheet_unreadable": {"zh": "无法读取该工作表（{error}）", "en": "cannot read this sheet ({error})"},
    "intake.cannot_decode": {"zh": "无法识别文字编码（不是 UTF-8 或 GBK/GB18030）；请另存为“CSV UTF-8”",
                             "en": "cannot decode: not UTF-8 or GBK/GB18030 text (save the file as CSV UTF-8)"},
    "intake.cannot_decode_line": {"zh": "此行的文字编码与文件前面各行（{encoding}）不同，可能是从另一个文件粘贴的："
                                        "请在记事本中把这一行重新输入，或把整个文件统一另存为“CSV UTF-8”",
                                  "en": "this line is not in the encoding of the lines before it ({encoding}): perhaps "
                                        "pasted from another file; type the line again, or save the whole file as CSV UTF-8"},
    "intake.binary": {"zh": "不是文本文件（二进制内容）：应为 CSV 或 Excel/WPS 工作簿",
                      "en": "not a text file (binary data): expected a CSV file or a workbook"},
    "intake.csv_unreadable": {"zh": "无法按 CSV 读取（引号不配对或列数异常），问题从此行开始",
                              "en": "cannot read as CSV (unbalanced quotes or columns); the problem starts here"},
    "intake.row_longer_than_header": {"zh": "此行的单元格多于表头的 {width} 列",
                                      "en": "this row has more cells than the header's {width} columns"},
    # ---- sheets and layouts
    "intake.sheet_not_found": {"zh": "没有工作表 {sheet}；现有工作表：{sheets}",
                               "en": "no sheet {sheet}; the sheets are: {sheets}"},
    "intake.no_sheet_fits": {"zh": "没有哪个工作表含有可识别的数据表头；工作表：{sheets}",
                             "en": "no sheet holds a data header this reader knows; the sheets are: {sheets}"},
    "intake.sheets_differ": {"zh": "{what}：本表为 {new}，较早的工作表 {old_sheet} 第 {old_row} 行 {old_col} 列为 {old}；"
                                   "采用较新的工作表 {sheet} 的数（后发布的表通常是修订数），请核对",
                             "en": "{what}: {new} here, {old} in the earlier sheet {old_sheet} (row {old_row}, column "
                                   "{old_col}); the value of the later sheet {sheet} is used (a later table usually "
                                   "carries the revised figure); please check"},
    "intake.sheets_differ_regions": {"zh": "{what}：本表为 {new}，工作表 {old_sheet} 第 {old_row} 行 {old_col} 列为 {old}；"
                                           "同一地区、指标和年份只能有一个数，请删去其中一个",
                                     "en": "{what}: {new} here, {old} in the sheet {old_sheet} (row {old_row}, column "
                                           "{old_col}); one region, indicator and year can have one value only: "
                                           "remove one of them"},
    "intake.estimate_note": {"zh": "{what}：备注 {note} 说明这是预计（或计划）数，不是实际值，未读取；实际数公布后请填入",
                             "en": "{what}: the note {note} says this is an estimate (or a plan), not an actual value: "
                                   "not read; enter the actual value when it is published"},
    "intake.rate_note": {"zh": "{what}：备注 {note} 说明这是完成率，不是实际值，未读取；请填入实际值，完成率由本程序按目标清单计算",
                         "en": "{what}: the note {note} says this is a completion rate, not an actual value: not read; "
                               "enter the actual value (the rate is computed from the target catalogue)"},
    "intake.part_year_note": {"zh": "{what}：备注 {note} 说明这是部分月份（非全年）的数，不是全年值，未读取；全年数公布后请填入",
                              "en": "{what}: the note {note} says this covers part of the year, not the whole year: "
                                    "not read; enter the year's value when it is published"},
    "intake.part_year_cell": {"zh": "年份 {value} 是部分月份（非全年），不是全年值：这样的 {n} 行未读取；全年数公布后请按年份填入",
                              "en": "the year {value} is part of a year, not the whole year: not read ({n} row(s) "
                                    "so labelled); enter the year's values when they are published"},
    "intake.preliminary_superseded": {"zh": "同一地区、指标、年份有两个数：{final} 和 {preliminary}；按 {final} 读取，{preliminary} 的 {n} 个数值未读取",
                                      "en": "one region, indicator and year given twice, {final} and {preliminary}: "
                                            "{final} read, the {n} values of {preliminary} not read"},
    "intake.part_year_sheet": {"zh": "工作表 {sheet} 是部分月份（非全年）的数，未读取；全年数公布后请按年份填入",
                               "en": "the sheet {sheet} covers part of a year, not the whole year: not read"},
    "intake.unused_year_beside_final": {"zh": "列 {name} 未被读取：{final} 是同一年（{year}）的年报（正式）数，按它读取",
                                        "en": "column {name} not read: {final} is the final figure of the same year "
                                              "({year}), read instead"},
    "intake.part_year_note_row": {"zh": "备注 {note} 说本行有部分月份（非全年）的数，但没有说是哪一年；各年数值均按全年值读取，请核对"
                                        "（可写明“2021年为1-6月数”）",
                                  "en": "the note {note} says this row holds part of a year but not which year; every "
                                        "year's value is read as the whole year's: please check (say, 2021年为1-6月数)"},
    "intake.summary_sheet_skipped": {"zh": "工作表 {sheet} 是各区县工作表（{sheets}）的汇总，不作为一个地区评价，未读取；各区县分别读取",
                                     "en": "sheet {sheet} sums the district sheets ({sheets}): not assessed as a "
                                           "region, not read; each district is read from its own sheet"},
    "intake.sheet_superseded": {"zh": "工作表 {old} 与 {new} 都是 {year} 年的数：按修订（年报）后的 {new} 读取，{old} 未读取",
                                "en": "sheets {old} and {new} both hold {year}: the revised (final) {new} is read, "
                                      "{old} is not"},
    "intake.target_table_title": {"zh": "标题 {text} 表明表中是目标任务（计划）数或预计数，不是实际完成值：{n} 个数值未读取；"
                                        "请提供实际完成情况表",
                                  "en": "the title {text} says the table holds targets (plans) or estimates, not "
                                        "actual values: its {n} values are not read; give the table of actual values"},
    "intake.comment_not_actual": {"zh": "单元格批注 {text} 说明这个数不是 {year} 年的全年实际值（预计、部分月份或计划数），未读取；"
                                        "实际数公布后请填入",
                                  "en": "the cell's comment {text} says this is not the actual value for the whole "
                                        "of {year} (an estimate, part of the year or a plan): not read; enter the "
                                        "actual value when published"},
    "intake.plan_indicator_table": {"zh": "这张表有“指标属性”（预期性、约束性），是规划的主要指标表：最后一列 {year} 年的数是"
                                          "规划目标，不是实际值，{n} 个数值未读取；之前各年（基期）的数照常读取",
                                    "en": "this table has an indicator-attribute column (预期性 / 约束性: expected / binding), so "
                                          "it is a plan's indicator table: its last column, {year}, holds the plan's targets, "
                                          "not outcomes; its {n} values were not read (the earlier years, the base, are read)"},
    "intake.relabelled_years": {"zh": "说明 {text} 表示表头的年份不是数据所属的年份，无法判断每个数是哪一年的：请把表头改为"
                                      "数据所属的年份（例如 2019年），删去这条说明后再读取",
                                "en": "the note {text} says the headers' years are not the years the figures are for, so "
                                      "which year each figure belongs to cannot be told: please label the columns with the "
                                      "figures' own years (say, 2019年), remove the note and read the file again"},
    "intake.header_comment_not_actual": {"zh": "表头单元格的批注 {text} 说明这一列的数不是全年实际值（预计、部分月份或计划数），"
                                               "这一列的 {n} 个数值未读取；实际数公布后请填入",
                                         "en": "the header cell's comment {text} says this column's figures are not actual "
                                               "values for a whole year (estimates, part of the year or a plan): its {n} "
                                               "values were not read; enter the actual values when published"},
    "intake.starred_values": {"zh": "{text}：{mark}的 {n} 个数值（{cells}）是{what}数，不是实际值，未读取；实际数公布后请填入",
                              "en": "{text}: the {n} values {mark} ({cells}) are {what} figures, not actual values: "
                                    "not read; enter the actual values when published"},
    "intake.starred_preliminary": {"zh": "{text}：{mark}的 {n} 个数值（{cells}）是{what}数，按此读取，据此作出的判断以快报数为准",
                                   "en": "{text}: the {n} values {mark} ({cells}) are {what} figures, read as such; "
                                         "the verdicts rest on them until the final figures"},
    "intake.mark_star": {"zh": "标*", "en": "marked *"},
    "intake.mark_italic": {"zh": "斜体", "en": "in italics"},
    "intake.mark_bold": {"zh": "加粗", "en": "in bold"},
    "intake.mark_red": {"zh": "红色", "en": "in red"},
    "intake.mark_yellow": {"zh": "黄色底纹", "en": "on a yellow fill"},
    "intake.marked_cells_note": {"zh": "{text}：本程序看不出哪些数字是{what}数（字体、颜色或符号标记不被读取），所有数字均按实际值读取；"
                                       "请删去这些数字，或在备注列注明",
                                 "en": "{text}: which figures are {what} (marked by font, colour or a sign) cannot be "
                                       "seen by this program: every number is read as an actual value; delete those "
                                       "figures, or say so in the note column"},
    "intake.month_column": {"zh": "列 {name} 表明这些是月度数（本行为 {month} 月），不是全年值；本程序只读全年数：请只保留 12 月（全年）的数，"
                                  "并删去该列",
                            "en": "column {name} shows these are monthly figures (this row: month {month}), not the "
                                  "year's; only whole years are read: keep the December (whole-year) figures and "
                                  "delete the column"},
    "intake.part_year_column": {"zh": "{year} 年下的列 {part} 是部分月份的数，不是全年值，未读取；全年数公布后请填入",
                                "en": "the column {part} under {year} covers part of the year, not the whole year: "
                                      "not read; enter the year's value when published"},
    "intake.preliminary_statement": {"zh": "{text} 说明 {year} 年的数是快报（初步）数：{year} 年的 {n} 个数值按此读取，"
                                           "据此作出的判断以快报数为准；年报（正式）数公布后请更新",
                                     "en": "{text} says the figures for {year} are preliminary (快报): the {n} values of "
                                           "{year} are read as such, and the verdicts rest on them; update them when "
                                           "the final (年报) figures are published"},
    "intake.estimate_statement": {"zh": "{text} 说明 {year} 年的数是预计（预测）数，不是实际值：{year} 年的 {n} 个数值未读取；"
                                        "实际数公布后请填入",
                                  "en": "{text} says the figures for {year} are estimates, not actual values: the {n} "
                                        "values of {year} are not read; enter the actual values when published"},
    "intake.plan_statement": {"zh": "{text} 说明 {year} 年的数是规划目标（计划）值，不是实际值：{year} 年的 {n} 个数值未读取；"
                                   "实际数公布后请填入",
                             "en": "{text} says the figures for {year} are the plan's targets, not actual values: the "
                                   "{n} values of {year} are not read; enter the actual values when published"},
    "intake.part_year_statement_last": {"zh": "{text} 说明本期是部分月份的数，上年同期（{year} 年）也是同样月份的数，不是全年值："
                                              "{year} 年的 {n} 个数值未读取",
                                        "en": "{text} says this period covers part of the year, so the same period of "
                                              "the year before ({year}) is not that year's whole year either: the {n} "
                                              "values of {year} are not read"},
    "intake.part_year_statement": {"zh": "{text} 说明 {year} 年的数是部分月份（非全年）的数，不是全年值：{year} 年的 {n} 个数值未读取；"
                                         "全年数公布后请填入",
                                   "en": "{text} says the figures for {year} cover part of the year, not the whole year: "
                                         "the {n} values of {year} are not read; enter the year's values when published"},
    "intake.estimate_note_row": {"zh": "备注 {note} 说本行有预计（或计划）数，但没有说是哪一年；各年数值均按实际值读取，请核对"
                                       "（可写明“2020年为预计数”）",
                                 "en": "the note {note} says this row holds an estimate (or a plan) but not for which "
                                       "year; every year's value is read as actual: please check (say, 2020年为预计数)"},
    "intake.several_sheets_fit": {"zh": "有多个工作表都像数据表：{sheets}；请用 --sheet 名称或序号 指定一个",
                                  "en": "several sheets look like data: {sheets}; choose one with --sheet NAME|NUMBER"},
    "intake.several_sheets_parts_hint": {
        "zh": "。如果各表是同一张表的不同部分（如历年数据和2020年数据），只读一张会漏掉另一张的年份：请把各表分别另存为文件，"
              "再用多个 --data 一起读取（各文件重叠的数值须一致）",
        "en": ". If the sheets are parts of one table (the history and the 2020 values), reading one drops the other's "
              "years: save each sheet as a file and give them together with several --data (values they share must "
              "agree)"},
    "intake.several_sheets_regions_hint": {
        "zh": "。如果每个地区一张表，请把每张工作表命名为完整的区县名（如 平川区、白银区、靖远县），各表一个不同的区县，即可全部读取",
        "en": ". If there is one sheet a district, name each sheet with its district's full name (平川区, 白银区, "
              "靖远县: a different district each), and all are read"},
    "intake.no_header": {"zh": "前 {rows} 行中找不到表头：长表需要“指标代码/指标名称、年份、数值”列；"
                               "宽表需要“指标名称”列和年份列（如 2019年）；转置表需要“年份”列和以指标为名的列",
                         "en": "no header in the first {rows} rows: a long table needs indicator, year and value "
                               "columns; a wide table an indicator column and year columns (2019, 2019年); a "
                               "transposed table a year column and columns named after indicators"},
    # after intake.no_header, when a title row above names one year
    "intake.part_year_title": {"zh": "。{title} 说明这是部分月份（非全年）的数：本程序只读全年数，不从中取年份",
                               "en": ". {title} says these figures cover part of a year: only whole years are read, so "
                                     "no year is taken from it"},
    "intake.part_year_headers": {"zh": "。表头 {headers} 是某月或某几个月的数，不是全年数，未按年份读取；如是全年数，"
                                       "请把表头改为 2019年 或 2019年1-12月",
                                 "en": ". The headers {headers} name a month or months, not a whole year, and are "
                                       "not read as years; if they are whole-year values, head them 2019 or 2019年1-12月"},
    "intake.regions_as_columns": {"zh": "。列名 {regions} 像地区：每个地区一列的表请转置为每个地区一行、每个指标一列"
                                        "（Excel“选择性粘贴—转置”），或改为长表（地区、指标名称、年份、数值各一列）",
                                  "en": ". The columns {regions} look like regions: transpose the table so that each region "
                                        "is a row and each indicator a column (Excel: Paste Special, Transpose), or make "
                                        "it a long table (one column each for region, indicator, year and value)"},
    "intake.year_only_in_title": {"zh": "。年份似乎只写在标题 {title} 中：请加一列“年份”，每行填 {year}",
                                  "en": ". The year seems to be only in the title {title}: add a year column with "
                                        "{year} on every row"},
    "intake.no_header_panel": {"zh": "前 {rows} 行中找不到表头：行业面板需要“行业、年份、指标、数值”四列（长表：每行一个"
                                     "行业、一个年份、一个指标；列名也可写 sector、year、metric、value），或宽表：“行业”和"
                                     "“指标”两列加年份列（行业 | 指标 | 计量单位 | 2018年 | 2019年）",
                               "en": "no header in the first {rows} rows: a sector panel needs the columns sector, "
                                     "year, metric, value (行业, 年份, 指标, 数值; a long table: one row per sector, "
                                     "year and metric), or, wide, a sector and a metric column and year columns "
                                     "(行业 | 指标 | 计量单位 | 2018年 | 2019年)"},
    "intake.ambiguous_layout": {"zh": "表头既像长表又像宽表（同时有“数值”列和年份列），无法确定读法；请删除其一",
                                "en": "the header fits two layouts (a value column and year columns): "
                                      "remove one so the reading is unambiguous"},
    "intake.layout_long": {"zh": "长表（每行一个指标、一个年份）", "en": "long (one row per indicator and year)"},
    "intake.layout_wide": {"zh": "宽表（指标为行、年份为列）", "en": "wide (indicators as rows, years as columns)"},
    "intake.layout_wide_regions": {"zh": "宽表（指标为行、地区为列，一个年份）",
                                   "en": "wide (indicators as rows, regions as columns, one year)"},
    "intake.layout_wide_regions_years": {"zh": "宽表（指标和年份为行、地区为列）",
                                         "en": "wide (indicators and years as rows, regions as columns)"},
    "intake.layout_wide_regions_year_rows": {"zh": "宽表（指标为行、年份和地区为列，表头两行）",
                                             "en": "wide (indicators as rows, years and regions as columns, a "
                                                   "two-row header)"},
    "intake.layout_transposed": {"zh": "转置宽表（年份为行、指标为列）",
                                 "en": "transposed (years as rows, indicators as columns)"},
    "intake.column_twice": {"zh": "列 {name} 与前面的列含义相同（{role}），只能有一列",
                            "en": "column {name} repeats an earlier column ({role}); keep one"},
    # what a column is, in column_twice ("与前面的列含义相同（指标名称）")
    "intake.role_indicator_id": {"zh": "指标代码", "en": "indicator_id"},
    "intake.role_indicator_name": {"zh": "指标名称", "en": "indicator name"},
    "intake.role_year": {"zh": "年份", "en": "year"},
    "intake.role_value": {"zh": "数值", "en": "value"},
    "intake.role_region": {"zh": "地区", "en": "region"},
    "intake.role_sector": {"zh": "行业", "en": "sector"},
    "intake.role_unit": {"zh": "计量单位", "en": "unit"},
    "intake.role_metric": {"zh": "指标", "en": "metric"},
    "intake.sub_item": {"zh": "{name} 是上一行指标的子项（其中），不是目标清单中的指标，未读取",
                        "en": "{name} is a sub-item (其中) of the row above, not an indicator of the catalogue: not read"},
    "intake.hint_second_table": {"zh": "；{col} 列起像是并排的第二张表：请把它移到另一张工作表（一张工作表放一张表）",
                                 "en": "; from column {col} on it looks like a second table beside the first: move it "
                                       "to a sheet of its own (one table per sheet)"},
    "intake.near_miss_header": {"zh": "列名 {name} 与“{known}”相近但不相同；请改为“{known}”或删除此列",
                                "en": "column {name} is close to '{known}' but not the same; rename it to "
                                      "'{known}' or remove it"},
    "intake.unused_column": {"zh": "列 {name} 未被读取（不是本程序认识的列）",
                             "en": "column {name} is not used (not a column this reader knows)"},
    "intake.unused_target_row": {"zh": "行 {name} 未被读取：目标值以目标清单为准（--targets），监测表只读实际值",
                                 "en": "row {name} not read: the targets are the catalogue's (--targets); a "
                                       "monitoring table gives actual values only"},
    "intake.unused_target_column": {"zh": "列 {name} 未被读取：目标值以目标清单为准（--targets），监测表只读实际值",
                                    "en": "column {name} is not used: targets come from the target catalogue "
                                          "(--targets); the monitoring sheet gives observed values only"},
    "intake.unused_estimate_column": {"zh": "列 {name} 未被读取：预计、预测值不是实际值",
                                      "en": "column {name} is not used: estimates and forecasts are not observed values"},
    "intake.unused_growth_column": {"zh": "列 {name} 未被读取：增长率由本程序从各年数值计算",
                                    "en": "column {name} is not used: growth is computed here from the yearly values"},
    "intake.not_value_sub_column": {"zh": "{year} 年下的列 {sub} 不是该年的数值（是完成率、位次、占比或说明）：未读取",
                                    "en": "the column {sub} under {year} is not the year's value (a rate, a rank, a "
                                          "share of a total or a remark): not read"},
    "intake.unused_rate_column": {
        "zh": "列 {name} 未被读取：完成率（实际值 ÷ 目标值）不是实际值；请提供期限年的实际值，完成率由本程序按目标清单计算",
        "en": "column {name} is not used: a completion rate (actual ÷ target) is not an actual value; give the "
              "deadline year's actual value and the rate is computed from the target catalogue"},
    "intake.unused_total_column": {"zh": "列 {name} 未被读取：合计列（各年之和）不是某一年的数值",
                                   "en": "column {name} is not used: a total over the years is no one year's value"},
    "intake.unused_total_column_regions": {"zh": "列 {name} 未被读取：合计列（各地区之和）不是某一个地区的数值",
                                           "en": "column {name} is not used: a total over the regions is no one "
                                                 "region's value"},
    "intake.unused_year_twice": {"zh": "列 {name} 未被读取：表中另有 {year} 年的数值列，本列不重复读取",
                                 "en": "column {name} is not used: the table has a plain {year} column, read instead"},
    "intake.unused_year_words": {"zh": "列 {name} 未被读取：多数单元格是文字（如“已完成”），不是 {year} 年的数值",
                                 "en": "column {name} is not used: most of its cells are words (such as 已完成), not "
                                       "values of {year}"},
    "intake.unused_year_column": {
        "zh": "列 {name} 未被读取：表头含年份，但不是本程序认识的写法；实际值的列可写作 2020年、2020年实际、2020年（快报）或“十三五”期末（2020年）",
        "en": "column {name} is not used: its header holds a year but is not a heading this reader knows; head a column "
              "of actual values 2020, 2020年, 2020年实际, 2020年（快报） or “十三五”期末（2020年）"},
    "intake.unused_year_out_of_range": {
        "zh": "列 {name} 未被读取：监测数据只读 {lo}-{hi} 年；回看更早的规划请用 python -m analysis backtest --targets",
        "en": "column {name} is not used: monitoring data are read for {lo}-{hi} only; to replay an older plan use "
              "python -m analysis backtest --targets"},
    "intake.unused_partial_year_column": {"zh": "列 {name} 未被读取：只读全年数值（年份列）",
                                          "en": "column {name} is not used: only whole-year values (year columns) "
                                                "are read"},
    "intake.no_name": {"zh": "（无列名，但有内容）", "en": "(no header, but holds cells)"},
    "intake.ignored_blank": {"zh": "{col} 列（空白分隔列）", "en": "column {col} (blank spacer)"},
    "intake.ignored_serial": {"zh": "{col} 列（{name}）", "en": "column {col} ({name})"},
    "intake.ignored_name_category": {"zh": "{col} 列（{name}合并表头下的分类列，指标按右侧的指标名称读取）",
                                     "en": "column {col} (a category under the merged {name} header; indicators read "
                                           "from the names beside it)"},
    "intake.garbled_encoding": {"zh": "。文件中的中文看起来是乱码（如“åœ°åŒº”或“??”）：文件很可能用西文编码另存过；请在 Excel 中"
                                      "另存为“CSV UTF-8”，或直接提交 .xlsx 文件",
                                "en": ". The Chinese in the file looks garbled (such as 'åœ°åŒº' or '??'): it was probably "
                                      "saved in a Western encoding; save it from Excel as 'CSV UTF-8', or send the .xlsx"},
    "intake.ignored_second": {"zh": "{col} 列（又一个{name}列，只读第一个）",
                              "en": "column {col} (another {name} column: the first one is read)"},
    "intake.ignored_own_codes": {
        "zh": "{col} 列（{name}：不是目标清单的指标代码，如 {example}；按 {names} 列的指标名称识别）",
        "en": "column {col} ({name}: not the target catalogue's ids, e.g. {example}; indicators recognised by the "
              "names in column {names})"},
    "intake.ignored_names": {"zh": "{col} 列（{name}：按指标代码读取，名称只用于核对）",
                             "en": "column {col} ({name}: read by the id column; the names only checked against it)"},
    "intake.name_id_mismatch": {"zh": "指标名称{name}对应指标代码 {other}，与本行的指标{id}不一致；已按本行的指标代码读取，请核对",
                                "en": "the name {name} belongs to {other}, not to this row's id {id}; read as {id}: "
                                      "check the row"},
    "intake.statements_disagree": {"zh": "表中有两个不同的单位说明（{a} 与 {b}），无法确定数值的单位",
                                   "en": "two different unit statements in the sheet ({a} and {b}): the unit is "
                                         "ambiguous"},
    "intake.quote_merges_rows": {"zh": "引号未正确闭合：从此行开始的单元格吞并了其后的行（至第 {last} 行）；"
                                       "请删除多余的英文引号 \"",
                                 "en": "a quote opened on this row swallows the rows after it (up to row {last}); "
                                       "remove the stray \" character"},
    "intake.warning": {"zh": "警告：", "en": "warning: "},
    # ---- cells
    "intake.indicator_empty": {"zh": "缺少指标（单元格为空）", "en": "missing indicator (the cell is empty)"},
    "intake.metric_empty": {"zh": "缺少指标代码 metric（单元格为空）", "en": "missing metric (the cell is empty)"},
    "intake.unknown_indicator": {"zh": "未知指标 {value}（不是目标目录中的代码、名称或别名）",
                                 "en": "unknown indicator {value} (not an id, name or alias in the target catalogue)"},
    "intake.skipped_near_catalogue": {"zh": "跳过的指标 {value} 与目录中的 {suggestions} 相近：如是同一指标，请改用目录中的名称，"
                                            "否则其数值不计入评估",
                                      "en": "skipped indicator {value} is close to the catalogue's {suggestions}: if it "
                                            "is the same indicator, use the catalogue's name, or its values are not "
                                            "assessed"},
    "intake.unknown_indicator_suggest": {"zh": "未知指标 {value}；是否指：{suggestions}",
                                         "en": "unknown indicator {value}; did you mean: {suggestions}"},
    "intake.unknown_more": {"zh": "；另有{n}行也是这一名称（第{rows}行）",
                            "en": "; {n} more rows name it (rows {rows})"},
    "intake.unknown_more_one": {"zh": "；另有1行也是这一名称（第{rows}行）",
                                "en": "; one more row names it (row {rows})"},
    "intake.unknown_metric": {"zh": "未知指标 {value}（不在 sector_metrics.csv 中）",
                              "en": "unknown metric {value} (not in sector_metrics.csv)"},
    "intake.unknown_metric_suggest": {"zh": "未知指标 {value}（不在 sector_metrics.csv 中）；是否指：{suggestions}",
                                      "en": "unknown metric {value} (not in sector_metrics.csv); did you mean: "
                                            "{suggestions}"},
    "intake.year_empty": {"zh": "缺少年份（单元格为空）", "en": "missing year (the cell is empty)"},
    "intake.year_not_a_year": {"zh": "不是年份：{value}", "en": "not a year: {value}"},
    "intake.hint_year_month": {"zh": "（像是年月 {year}年{month}月：年份列请只填年份，如 {year}；非全年的数不要填入）",
                               "en": " (it looks like a year and month, {year}-{month}: put the year alone in the year "
                                     "column, e.g. {year}; a figure for part of a year does not belong here)"},
    "intake.hint_year_serial": {"zh": "（像是日期 {date} 的 Excel 序列号：请在年份列直接填写年份，如 {date:.4}）",
                                "en": " (it looks like the Excel serial number of the date {date}: type the year in "
                                      "the year column, e.g. {date:.4})"},
    "intake.year_range": {"zh": "年份 {year} 不在 {lo}-{hi} 之间", "en": "{year} is outside {lo}-{hi}"},
    "intake.year_range_older": {"zh": "年份 {year} 不在 {lo}-{hi} 之间（监测数据只读这些年份；回看更早的规划请用 "
                                      "python -m analysis backtest --targets）",
                                "en": "{year} is outside {lo}-{hi} (the years monitoring data are read for; to replay "
                                      "an older plan use python -m analysis backtest --targets)"},
    "intake.foreign_digits": {"zh": "{value} 含有非阿拉伯数字字符（只接受 0-9 和全角 ０-９）",
                              "en": "{value} uses digits other than 0-9 (only ASCII and full-width digits are read)"},
    "intake.not_a_number": {"zh": "不是数字：{value}", "en": "not a number: {value}"},
    "intake.targets.decimal_comma": {"zh": "不是数字：{value}；如是小数，请用小数点写作 {number}",
                                     "en": "not a number: {value}; if it is a decimal, write it with a point: {number}"},
    "intake.value_far_above_target": {"zh": "{id}的数值 {value} 是目标值的 {times} 倍，请核对单位（如万元与亿元）",
                                      "en": "{id}: {value} is {times} times the target; check the unit (万元 or 亿元?)"},
    "intake.value_far_below_target": {"zh": "{id}的数值 {value} 换算后为 {shown}{unit}，不到目标值 {target}{unit} 的千分之一"
                                            "（{n} 处），请核对单位（如把亿元的数填在了万元下）",
                                      "en": "{id}: {value} is {shown} {unit} once converted, under a thousandth of the "
                                            "target {target} {unit} ({n} cells); check the unit (亿元 figures under 万元?)"},
    "intake.value_count_fraction": {"zh": "{id}为计数类指标，数值 {value} 不是整数，请核对",
                                    "en": "{id} is a count: {value} is not a whole number; please check"},
    "intake.value_share_fraction": {"zh": "{id}的数值 {value} 与同一指标其他年份的百分数相差上百倍，可能把 {pct}% 写成了小数，请核对",
                                    "en": "{id}: {value} is a hundred times below the other years' percentages; is it "
                                          "{pct}% written as a fraction? Please check"},
    "intake.value_share_below_target": {
        "zh": "{id}的数值 {value}（本指标共 {n} 个这样的数值）比目标值 {target}% 小上百倍：可能把 {pct}% 写成了小数，请核对；"
              "百分比指标请填百分数（{pct}），不要填小数",
        "en": "{id}: {value} ({n} such values of this indicator) is a hundred times below the target {target}%; is it "
              "{pct}% written as a fraction? Please check: a share is written as a percentage ({pct}), not a fraction"},
    "intake.hint_not_reported": {"zh": "；未报告请留空或填“—”（如为零请填 0）",
                                 "en": "; leave it empty or write '—' when not reported (0 when it is zero)"},
    "intake.hint_amount": {"zh": "；请连同完整单位填写（如“1.3亿元”“13000万元”），或只填数字并在单位列注明单位",
                           "en": "; write the whole unit (e.g. '1.3亿元', '13000万元'), or only the number with its unit "
                                 "in the unit column"},
    "intake.hint_date": {"zh": "；这是日期，不是数值（单元格设成日期格式时，数 6 会显示为 1900-01-06）：请把单元格格式改为“常规”或“数值”后核对数值",
                         "en": "; a date, not a number (in a cell formatted as a date the number 6 shows as 1900-01-06): "
                               "set its format to General or Number and check the value"},
    "intake.hint_estimate": {"zh": "；这是预计数或计划数，不是实际值，不作为实际值读取：请填写统计的实际值，尚无实际值请留空",
                             "en": "; an estimate or a plan is not an actual value and is not read as one: write the "
                                   "actual value, or leave the cell empty while there is none"},
    "intake.hint_range": {"zh": "；本格须是一个数，不能是区间：请填写统计的实际值",
                          "en": "; the cell must hold one number, not a range: write the actual value"},
    "intake.hint_approx": {"zh": "；请填写准确数值（约数、“以上”“左右”等说明请写到备注列）",
                           "en": "; write the exact number (put words such as 约, 以上, 左右 in the note column)"},
    "intake.hint_remark": {"zh": "；数值后的说明请写到备注列，本格只填数字",
                           "en": "; put the remark in the note column and only the number here"},
    "intake.hint_excel_error": {"zh": "；这是 Excel 公式的错误值，公式没有算出数值：请修正公式或直接填入数值，未报告的留空",
                                "en": "; Excel's mark of a formula that failed: fix the formula or enter the number "
                                      "(leave a value not reported blank)"},
    "intake.hint_not_applicable": {"zh": "；如“×”表示不适用或未报告，请留空或填“—”",
                                   "en": "; if × means not applicable or not reported, leave the cell blank or write —"},
    "intake.hint_words": {"zh": "；本格只填数字（文字说明请写到备注列，未报告的留空），程序不会把文字换算成数字",
                          "en": "; write only the number here (words go in the note column; leave a value not "
                                "reported blank): words are never turned into numbers"},
    "intake.second_table": {"zh": "这一行像是另一张表的表头（年份 {years}）：一个工作表只能读一张表，否则下面的数值会按上面那张表的年份读错；"
                                  "请把这张表移到另一个工作表或另一个文件",
                            "en": "this row looks like the header of another table (years {years}): one sheet holds "
                                  "one table, or the values below would be read under the first table's years; move "
                                  "this table to another sheet or file"},
    "intake.year_under_target_band": {"zh": "{year}年这一列的表头标为 {band}，是目标或预计数，不作为实际值读取",
                                      "en": "the {year} column is headed {band}: a target or an estimate, not read as "
                                            "an actual value"},
    "intake.hidden_year_column": {"zh": "{year}年这一列是隐藏列，未读取（只读表中看得见的数据；如需读取请取消隐藏）",
                                  "en": "the {year} column is hidden: not read (only what the sheet shows is read; "
                                        "unhide it to read it)"},
    "intake.hidden_region_column": {"zh": "地区列 {region} 是隐藏列，未读取（只读表中看得见的数据；如需读取请取消隐藏）",
                                    "en": "the column of the region {region} is hidden: not read (only what the sheet "
                                          "shows is read; unhide it to read it)"},
    "intake.hidden_rows": {"zh": "第 {rows} 行是隐藏行，未读取（只读表中看得见的数据；如需读取请取消隐藏）",
                           "en": "rows {rows} are hidden: not read (only what the sheet shows is read; unhide them "
                                 "to read them)"},
    "intake.region_aggregate": {"zh": "地区 {region} 是文件中其他地区（{parts}）的合计或上级地区，不作为一个地区评价（本方案的目标是区级目标）；"
                                      "其 {n} 个数值未读取。如需单独评价它，请把它的行另存为一个文件",
                                "en": "region {region} is the total or the upper level of the file's other regions "
                                      "({parts}): not assessed as a region (the plan's targets are a district's); its {n} "
                                      "values are not read. To assess it on its own, save its rows as a file of their own"},
    "intake.region_towns": {"zh": "{towns}等 {count} 个乡镇（街道）是 {district} 以下的单位，不作为地区评价（本方案的目标是区级目标）；"
                                  "其 {n} 个数值未读取",
                            "en": "{towns} ({count} towns or sub-districts) are below {district}: not assessed as "
                                  "regions (the plan's targets are a district's); their {n} values are not read"},
    "intake.regions_alike": {"zh": "地区 {a} 与 {b} 可能是同一地区的两种写法，现按两个地区分别评价；如是同一地区，请统一写法",
                             "en": "regions {a} and {b} may be one region written two ways: they are scored as two "
                                   "regions; if they are one, write it one way"},
    "intake.conv_second_header": {"zh": "第 {row} 行是表头的另一种写法（如英文列名），未作数据读取",
                                  "en": "row {row} repeats the header in other words (such as English), not read as data"},
    "intake.region_like_plan_district": {"zh": "地区 {a} 不是{city}的区县名称；{city}有 {b}：如指该地区，请改为 {b}"
                                               "（现按另一地区 {a} 单独评价）",
                                         "en": "region {a} is not a district of {city}, which has {b}: if that is "
                                               "meant, write {b} ({a} is scored as a region of its own)"},
    "intake.hidden_sheet_skipped": {"zh": "隐藏工作表 {sheet} 未读取", "en": "hidden sheet {sheet} not read"},
    "intake.hidden_sheet_read": {"zh": "读取的是隐藏工作表 {sheet}（没有其他工作表像数据表）；请核对",
                                 "en": "the sheet read, {sheet}, is hidden (no other sheet looks like data); please "
                                       "check"},
    "intake.no_values": {"zh": "没有读到任何数值（文件只有表头，或数值单元格全部为空），无法评价",
                         "en": "no values read (the file has only a header, or every value cell is empty): nothing "
                               "to assess"},
    "intake.no_values_warning": {"zh": "没有读到任何数值（文件只有表头，或数值单元格全部为空）",
                                 "en": "no values read (the file has only a header, or every value cell is empty)"},
    "intake.files_disagree": {"zh": "{region} {name} {year}年：此格为 {value}，{file} 为 {other}；"
                                    "两个文件的同一数值不一致，请核对后只保留其中一个",
                              "en": "{region} {name} {year}: {value} here but {other} in {file}; keep one of them"},
    "intake.sum_failed_across": {"zh": "{files} 个文件各自检查通过，但一起读取时有 {n} 处数值不一致（见上方错误输出；assess、report 同时读取这些文件时会拒绝）。",
                                 "en": "each of the {files} files passes on its own, but read together {n} value(s) disagree (see the errors "
                                       "above; assess and report refuse these files together)."},
    "intake.files_disagree_place": {"zh": "{where} 第 {row} 行 {col} 列", "en": "{where}, row {row}, column {col}"},
    "intake.note_mark_value": {"zh": "数值 {value} 后带脚注标记，已去掉标记按 {number} 读取；请核对（脚注宜写在表下的注中）",
                               "en": "{value} has a footnote mark after the number: read as {number} without it; "
                                     "please check (put footnotes in a note below the table)"},
    "intake.formula_no_value": {"zh": "{cell} 是公式 {formula}，但文件中没有保存计算结果；请在 Excel/WPS 中打开并保存，"
                                      "或改为数值",
                                "en": "{cell} holds the formula {formula} without a saved result: open and save "
                                      "the file in Excel/WPS, or paste the value"},
    "intake.hint_unit_conflict": {"zh": "：程序不判断哪一个对；请把单位列改为“{cell}”，或本格只填数字（按单位列的“{column}”读取）",
                                  "en": ": which is meant is not guessed; change the unit column to {cell}, or write only "
                                        "the number here (read in the unit column's {column})"},
    "intake.unit_conflict": {"zh": "单元格中的单位（{cell}）与单位列（{column}）不一致",
                             "en": "the unit in the cell ({cell}) differs from the unit column ({column})"},
    "intake.unit_conflict_name": {"zh": "指标名称中的单位（{name}）与单位列（{column}）不一致，无法确定数值的单位；请删去其一",
                                  "en": "the unit in the indicator's name ({name}) differs from the unit column "
                                        "({column}): the numbers' unit cannot be told; delete one of them"},
    "intake.unit_statement_conflict": {"zh": "单位 {unit} 与表头的“金额单位：{sheet_unit}”不一致，无法确定；请改正单位列"
                                             "或表头的金额单位，使两者一致",
                                       "en": "unit {unit} differs from the sheet's 金额单位 {sheet_unit}: ambiguous; "
                                             "correct the unit column or the sheet's 金额单位 so that they agree"},
    "intake.unit_not_convertible_indicator": {"zh": "{id}：单位“{unit}”无法换算为目标目录中的单位“{target}”",
                                              "en": "unit '{unit}' cannot be converted to {target} (the catalogue "
                                                    "unit of {id})"},
    # after the message above when both units count things (户 and 家, 个 and 人): how to fix it
    "intake.unit_hint_count": {"zh": "；如“{unit}”在此就是“{target}”，请把单位改为“{target}”",
                               "en": "; if {unit} means {target} here, write {target}"},
    "intake.unit_not_convertible_metric": {"zh": "单位“{unit}”无法换算为 {target}（指标 {id} 的单位）",
                                           "en": "unit '{unit}' cannot be converted to {target} (the unit of "
                                                 "metric {id})"},
    # the kinds of indicator, as the messages above name them
    "intake.kind.level": {"zh": "总量", "en": "level"},
    "intake.kind.count": {"zh": "计数", "en": "count"},
    "intake.kind.ratio": {"zh": "比率", "en": "ratio"},
    "intake.kind.share": {"zh": "百分比", "en": "share"},
    "intake.kind.milestone": {"zh": "里程碑", "en": "milestone"},
    "intake.kind.rate": {"zh": "增速或差额", "en": "rate"},
    "intake.value_out_of_range": {"zh": "数值 {value} 超出合理范围（绝对值不超过 {limit}）",
                                  "en": "value {value} is outside the sane range (magnitude at most {limit})"},
    "intake.value_negative": {"zh": "负数 {value}：{id}为{kind}类指标，不能为负",
                              "en": "negative value {value}: {id} is a {kind} and cannot be negative"},
    "intake.value_share_range": {"zh": "{value} 不在 0-100 之间：{id}是百分比指标",
                                 "en": "{value} is outside 0-100 ({id} is a share in %)"},
    "intake.value_count_not_per_capita": {"zh": "{value}（单位 {given}）是{id}目标值 {target}{unit} 的十倍以上：像是总件数，"
                                                 "而不是每万人的数；请填每万人的数（单位 {unit}）",
                                           "en": "{value} (unit {given}) is over ten times the target {target} {unit} of "
                                                 "{id}: it looks like a total count, not the count per 10,000 residents; "
                                                 "give the per-10,000 figure (unit {unit})"},
    "intake.value_implausible_unit": {"zh": "{value}（单位 {given}）按目录单位 {unit} 计是{id}目标值 {target} 的一千倍以上，"
                                            "数值与单位不符（如把万元的数填在亿元下）；请核对数值和单位",
                                      "en": "{value} (unit {given}) is, in the catalogue unit {unit}, over 1000 times the "
                                            "target {target} of {id}: the number does not fit its unit (a 万元 figure "
                                            "under 亿元?); check the number and the unit"},
    "intake.value_implausible_no_unit": {"zh": "{value} 未注明单位，按目录单位 {unit} 读是{id}目标值 {target} 的一千倍以上，"
                                               "疑似单位错误（如万元）；请填写单位列或“金额单位”",
                                         "en": "{value} has no unit; read in the catalogue unit {unit} it is over "
                                               "1000 times the target {target} of {id}: probably another unit "
                                               "(万元?); state the unit"},
    "intake.region_empty": {"zh": "缺少地区（该列其他行填有地区，不能默认）",
                            "en": "missing region (other rows name a region, so no default is assumed)"},
    "intake.region_empty_more": {"zh": "；另有{n}行也缺少地区（第{rows}行）",
                                 "en": "; {n} more rows lack it too (rows {rows})"},
    "intake.region_empty_more_one": {"zh": "；另有1行也缺少地区（第{rows}行）",
                                     "en": "; one more row lacks it too (row {rows})"},
    "intake.sector_empty": {"zh": "缺少行业（单元格为空）", "en": "missing sector (the cell is empty)"},
    "intake.sector_unknown": {"zh": "未知行业 {value}（不是 entities.csv 中的行业）",
                              "en": "unknown sector {value} (not a sector in entities.csv)"},
    "intake.duplicate": {"zh": "与第 {first} 行重复（{what}）", "en": "duplicate of row {first} ({what})"},
    "intake.duplicate_values_differ": {"zh": "：本行为 {this}，第 {first} 行为 {other}，同一地区、指标、年份只能有一个数；"
                                             "请核对后删去其中一行",
                                       "en": ": {this} here, {other} in row {first}; one region, indicator and year "
                                             "can have one value only: check them and delete one row"},
    "intake.duplicate_values_same": {"zh": "：两行数值相同（{this}），删去其中一行即可",
                                     "en": ": the same value ({this}) in both rows, delete one"},
    "intake.duplicate_same_row": {"zh": "与本行 {column} 列读作同一年份，重复（{what}）；每个年份只能有一列数值"
                                        "（如是快报和年报两列，请在表头注明“快报”“年报”，将按年报读取）",
                                  "en": "read as the same year as column {column} of this row, a duplicate ({what}); "
                                        "one column of values per year (for a 快报 and a 年报 column, say so in their "
                                        "headers: the 年报 is read)"},
    "intake.sheet_empty": {"zh": "工作表（或文件）为空", "en": "the sheet (or file) is empty"},
    "intake.row_longer_than_header_csv": {"zh": "此行有 {n} 个单元格，但表头只有 {width} 列"
                                                "（CSV 中带千位分隔符的数字须加引号，如 \"1,234\"；或某列没有列名）",
                                          "en": "row has {n} cells but the header has {width} (in CSV a number "
                                                "with a thousands separator must be quoted, e.g. \"1,234\"; or a "
                                                "column has no header)"},
    "intake.csv_split_thousands": {"zh": "数值 '{a}' 与右边 {col} 列的 '{b}' 像是一个数 {num}：CSV 中没加引号的千位分隔符"
                                         "把它拆成了两格，后面各格都错了位；请写作 \"{num}\"（加引号）或 {joined}（去掉逗号）",
                                   "en": "the value '{a}' and '{b}' in column {col} to its right look like one number "
                                         "{num}: an unquoted thousands separator in a CSV split it in two and shifted "
                                         "the cells after it; write \"{num}\" (quoted) or {joined} (no comma)"},
    "intake.missing_columns": {"zh": "这一行像表头，但缺少必需的列：{columns}",
                               "en": "this row looks like the header but lacks the required columns: {columns}"},
    "intake.hint_short_year": {"zh": "（第 {row} 行 {col} 列的 {value} 等只有两位数，不是完整的年份：请写作 {year}年）",
                               "en": " ({value} in row {row}, column {col}, and the like have two digits, not a whole "
                                     "year: write {year}年 or {year})"},
    "intake.hint_year_header": {"zh": "（{col} 列 {name} 的内容是年份：请把表头改为“年份”，也可用“年度”“统计年度”“时间”）",
                                "en": " (column {col} {name} holds years: head it 年份 or year)"},
    "intake.hint_name_header_blank": {"zh": "（{col} 列像是指标名称，但表头是空的：请在表头填写“指标名称”）",
                                      "en": " (column {col} looks like the indicator names but its header is empty: "
                                            "head it 指标名称)"},
    "intake.col_indicator": {"zh": "指标代码或指标名称（indicator_id）", "en": "indicator_id (or 指标名称)"},
    "intake.col_year": {"zh": "年份（year）", "en": "year (年份)"},
    "intake.col_value": {"zh": "数值（value）", "en": "value (数值)"},
    "intake.col_sector": {"zh": "行业（sector）", "en": "sector (行业)"},
    "intake.col_metric": {"zh": "指标（metric）", "en": "metric"},
    # ---- summary
    "intake.sum_ok": {"zh": "检查通过。读取情况：", "en": "OK. What was read:"},
    "intake.sum_failed": {"zh": "发现 {n} 个问题（见上方错误输出）。读取情况：",
                          "en": "{n} problems (listed on standard error). What was read:"},
    "intake.sum_failed_one": {"zh": "发现 {n} 个问题（见上方错误输出）。读取情况：",
                              "en": "{n} problem (listed on standard error). What was read:"},
    "intake.sum_file": {"zh": "文件：{file}", "en": "file: {file}"},
    "intake.sum_sheet": {"zh": "读取工作表：{sheet}", "en": "sheet read: {sheet}"},
    "intake.sum_sheets_combined_year": {"zh": "读取并合并 {n} 个工作表（每年一张）：{sheets}",
                                        "en": "{n} sheets read and combined (one a year): {sheets}"},
    "intake.sum_sheets_combined_region": {"zh": "读取并合并 {n} 个工作表（每个地区一张）：{sheets}",
                                          "en": "{n} sheets read and combined (one a region): {sheets}"},
    "intake.sum_sheets_combined_indicator": {"zh": "读取并合并 {n} 个工作表（每个指标一张）：{sheets}",
                                             "en": "{n} sheets read and combined (one an indicator): {sheets}"},
    "intake.sum_sheets_skipped": {"zh": "（跳过：{sheets}）", "en": " (skipped: {sheets})"},
    "intake.sum_layout": {"zh": "布局：{layout}；表头在第 {rows} 行", "en": "layout: {layout}; header on row {rows}"},
    "intake.sum_layout_rows": {"zh": "布局：{layout}；表头在第 {rows} 行", "en": "layout: {layout}; header on rows {rows}"},
    "intake.sum_rows": {"zh": "数据行 {rows} 行；数值单元格 {values} 个；空白（未报告）{blank} 个；有错误的行 {rejected} 行",
                        "en": "data rows {rows}; values {values}; blank (not reported) {blank}; rows with "
                              "errors {rejected}"},
    "intake.sum_skipped_rows": {"zh": "跳过的注释、落款、合计和分组标题行：第 {rows} 行", "en": "note, sign-off, total and section-heading rows skipped: {rows}"},
    "intake.sum_skipped_rows_sheets": {"zh": "跳过的注释、落款、合计和分组标题行：{items}",
                                       "en": "note, sign-off, total and section-heading rows skipped: {items}"},
    "intake.rows_of_sheet": {"zh": "工作表 {sheet} 第 {rows} 行", "en": "sheet {sheet} row {rows}"},
    "intake.sum_skipped_unknown": {"zh": "目标目录中没有的指标，未读取：{items}",
                                   "en": "indicators the target catalogue does not have, not read: {items}"},
    "intake.sum_skipped_unknown_item": {"zh": "{name}（第 {rows} 行）", "en": "{name} (row {rows})"},
    "intake.sum_ignored": {"zh": "忽略的列：{cols}", "en": "columns ignored: {cols}"},
    "intake.sum_content": {"zh": "指标 {n_ind} 个；年份 {years}；地区 {n_reg} 个（{regions}）",
                           "en": "indicators {n_ind}; years {years}; regions {n_reg} ({regions})"},
    "intake.sum_conversion": {"zh": "{what}（{n} 处）", "en": "{what} ({n} cells)"},
    "intake.sum_conversion_one": {"zh": "{what}（1 处）", "en": "{what} (1 cell)"},
    "intake.sum_no_conversion": {"zh": "换算：无", "en": "conversions: none"},
    "intake.conv_unit": {"zh": "单位换算：{given} → {target}（×{factor}）", "en": "unit converted: {given} → {target} (×{factor})"},
    "intake.conv_unit_same_firms": {"zh": "单位“{given}”按“{target}”读取（同为企业数）",
                                    "en": "unit {given} read as {target} (both count enterprises)"},
    "intake.conv_unit_same": {"zh": "单位“{given}”按“{target}”读取（同为人数）", "en": "unit {given} read as {target} (both count people)"},
    "intake.conv_blank_id_name": {"zh": "指标代码为空的行按指标名称识别", "en": "rows without an indicator id read by their name"},
    "intake.conv_unit_assumed": {"zh": "未注明单位，按目录单位读取", "en": "no unit given: read in the catalogue unit"},
    "intake.conv_statement": {"zh": "第 {row} 行的单位说明“{statement}”用于未注明单位的金额",
                              "en": "unit statement {statement} on row {row} applied to amounts without a unit"},
    "intake.conv_name": {"zh": "按指标名称识别：“{name}”→“{to}”", "en": "indicator recognised by name: '{name}' → {to}"},
    # (the catalogue's own name: nothing after it in Chinese, the id in English: {to} is "" or " → id")
    "intake.conv_name_same": {"zh": "按指标名称识别：“{name}”{to}", "en": "indicator recognised by name: '{name}'{to}"},
    "intake.conv_sector_name": {"zh": "按行业名称识别：“{name}”→ {id}", "en": "sector recognised by name: '{name}' → {id}"},
    "intake.conv_id_case": {"zh": "按指标代码识别（字母大小写不同）：“{name}”→ {to}",
                            "en": "indicator id in other letter case: '{name}' → {to}"},
    "intake.conv_alias": {"zh": "按指标别名识别：“{name}”→“{to}”", "en": "indicator recognised by alias: '{name}' → {to}"},
    "intake.conv_value_status": {"zh": "数值格 {cell}：数值为 {value}，“{word}”作为该数值的备注",
                                 "en": "value cell {cell}: the number {value}, with “{word}” as its note"},
    "intake.conv_decimal_comma": {"zh": "分号分隔的文件以逗号作小数点（如 1,04 读作 1.04）",
                                  "en": "a semicolon-separated file with decimal commas (1,04 read as 1.04)"},
    "intake.conv_indicator_from_title": {"zh": "表中没有指标列：各地区的数值按标题 {text} 读作 {id}",
                                         "en": "no indicator column: the places' values read as {id}, named by the "
                                               "title {text}"},
    "intake.conv_indicator_from_sheet": {"zh": "表中没有指标列：各地区的数值按工作表名 {text} 读作 {id}",
                                         "en": "no indicator column: the places' values read as {id}, named by the "
                                               "sheet {text}"},
    "intake.conv_indicator_from_catalogue": {"zh": "表中没有指标列：目标目录只有一个指标，各地区的数值读作 {id}",
                                             "en": "no indicator column: the catalogue has one indicator, and the "
                                                   "places' values are read as {id}"},
    "intake.conv_region_columns_title": {"zh": "列 {regions} 按地区读取，年份取自标题 {where}：{year} 年",
                                         "en": "columns {regions} read as regions, the year {year} from the title {where}"},
    "intake.conv_region_columns_yearbook": {"zh": "列 {regions} 按地区读取，年份按年鉴标题 {where} 读作 {year} 年（年鉴刊载上一年的数据）",
                                            "en": "columns {regions} read as regions, the year {year} from the "
                                                  "yearbook title {where} (a yearbook holds the year before's figures)"},
    "intake.conv_region_columns_sheet": {"zh": "列 {regions} 按地区读取，年份取自工作表名 {where}：{year} 年",
                                         "en": "columns {regions} read as regions, the year {year} from the sheet name "
                                               "{where}"},
    "intake.conv_region_year_rows": {"zh": "第 {row} 行的年份写在地区 {regions} 之上（合并单元格或只写一次）：每列按其上方的年份和该列地区读取",
                                     "en": "the years on row {row} stand over the regions {regions} (merged or written "
                                           "once): each column read as the year above it and its region"},
    "intake.conv_region_year_rows_below": {"zh": "第 {row} 行的地区 {regions} 写在年份之上（合并单元格或只写一次）：每列按其上方的地区和该列年份读取",
                                           "en": "the regions {regions} on row {row} stand over the years (merged or "
                                                 "written once): each column read as the region above it and its year"},
    "intake.conv_region_columns_year_column": {"zh": "列 {regions} 按地区读取，每行的年份取自 {col} 列 {header}",
                                               "en": "columns {regions} read as regions, each row's year from "
                                                     "column {col} {header}"},
    "intake.conv_period_header": {"zh": "表头 {header} 按标题 {title} 中的年份读作 {year} 年",
                                  "en": "header {header} read as the year {year} (from the title {title})"},
    "intake.conv_period_header_sheet": {"zh": "表头 {header} 按工作表名 {title} 读作 {year} 年",
                                        "en": "header {header} read as the year {year} (from the sheet name {title})"},
    "intake.conv_period_header_yearbook": {"zh": "表头 {header} 按标题 {title} 读作 {year} 年（年鉴刊载上一年的数据）",
                                           "en": "header {header} read as the year {year} (the title {title} names a "
                                                 "yearbook, which holds the year before's figures)"},
    "intake.conv_unit_in_cell": {"zh": "数值单元格中写有单位（如 1.2亿元）：按所写单位读取",
                                 "en": "value cells with their unit typed in (1.2亿元): read in that unit"},
    "intake.conv_apostrophe": {"zh": "开头带撇号的数字（如 '39，Excel 以撇号把数字存为文本）已去掉撇号按数字读取",
                               "en": "numbers typed after an apostrophe ('39, Excel's mark for a number kept as text) read without it"},
    "intake.conv_excel_text": {"zh": "按文本写法 =\"…\" 读取的数字（导出文件以此保留文本，Excel 显示为数字本身）",
                               "en": "numbers written as Excel text, =\"…\" (how exports keep text; Excel shows the number)"},
    "intake.conv_sheets_same": {"zh": "同一数值在较早和较新的工作表中都有、且相同：只计一次",
                                "en": "a value given by an earlier and a later sheet alike: counted once"},
    "intake.conv_year_cell": {"zh": "年份 {cell} 按 {year} 年读取", "en": "year {cell} read as {year}"},
    "intake.conv_year_header": {"zh": "表头 {header} 按 {year} 年读取", "en": "header {header} read as the year {year}"},
    "intake.conv_invisible": {"zh": "单元格中看不见的字符（零宽空格等，常见于从网页复制的文字）已去掉",
                              "en": "invisible characters in cells (zero-width spaces, as text copied from a web "
                                    "page carries) removed"},
    "intake.conv_preliminary_cells": {"zh": "年份、来源或备注注明为快报（初步）数的数值按快报读取（{years} 年），据此作出的判断以快报数为准；"
                                            "年报数公布后请更新",
                                      "en": "values whose year, source or note says they are preliminary (快报) read as such "
                                            "({years}); the verdicts rest on them until the final figures"},
    "intake.conv_fullwidth": {"zh": "全角数字按半角读取", "en": "full-width digits read as ASCII"},
    "intake.conv_note_mark": {"zh": "数值后的脚注标记（如 ①、²、*）已去掉，按数字读取",
                              "en": "footnote marks after numbers (①, ², *) removed, the number read"},
    "intake.conv_scaled_format": {"zh": "数字格式按千位缩放显示的单元格（如 #,##0, 把 130000000 显示为 130,000）按表中显示的数读取",
                                  "en": "cells whose number format shows them scaled down (#,##0, shows 130000000 as "
                                        "130,000) read as the sheet shows them"},
    "intake.conv_percent_format": {"zh": "百分比格式的单元格按百分数读取（30% 读作 30）",
                                   "en": "percent-formatted cells read as percentages (30 % read as 30)"},
    "intake.conv_not_reported": {"zh": "“—”等符号视为未报告（空白）", "en": "'—' and similar marks read as not reported"},
    "intake.conv_region_sheet": {"zh": "地区取自工作表名：{region}", "en": "region taken from the sheet name: {region}"},
    "intake.conv_region_sheet_named": {"zh": "地区取自工作表名 {sheet}：{region}",
                                       "en": "region taken from the sheet name {sheet}: {region}"},
    "intake.conv_region_sheet_baiyin": {"zh": "地区取自工作表名 {sheet}：{region}（与其他工作表的区县简称并列，指白银区而非白银市）",
                                        "en": "region taken from the sheet name {sheet}: {region} (written short beside the "
                                              "other sheets' district names: the district, not the city)"},
    "intake.conv_blank_unit_header": {"zh": "{column} 列没有列名，内容均为计量单位，按“计量单位”列读取",
                                      "en": "column {column} has no header and holds only units: read as the unit column"},
    "intake.conv_region_headings": {"zh": "地区取自各块上方的标题行：{regions}",
                                    "en": "regions taken from the heading row above each block: {regions}"},
    "intake.conv_ditto": {"zh": "{column} 列地区写作“同上”（或 〃）的单元格按上一行的地区读取",
                          "en": "region cells in column {column} written 同上 (ditto) read as the region above"},
    "intake.conv_whole_district": {"zh": "地区 {written} 指整个区（县），按 {region} 读取",
                                   "en": "region {written} (the district as a whole) read as {region}"},
    "intake.conv_region_unit": {"zh": "地区取自填报单位“{title}”：{region}",
                                "en": "region taken from the reporting unit '{title}': {region}"},
    "intake.conv_region_filename": {"zh": "地区取自文件名“{title}”：{region}",
                                    "en": "region taken from the file name '{title}': {region}"},
    "intake.year_title_sheet_conflict": {"zh": "标题 {title} 写的是 {year_title} 年，工作表名 {sheet} 写的是 {year_sheet} 年，"
                                               "不能确定表头 {headers} 是哪一年；请改正标题或工作表名中的一个后重试",
                                         "en": "the title {title} says {year_title} and the sheet name {sheet} says "
                                               "{year_sheet}: which year the headers {headers} mean cannot be told; "
                                               "correct the title or the sheet name and try again"},
    "intake.conv_region_title": {"zh": "地区取自表格标题“{title}”：{region}",
                                 "en": "region taken from the table's title '{title}': {region}"},
    "intake.conv_merged_down": {"zh": "{column} 列 {header} 有跨多行的合并单元格：合并范围内各行都按其中的值读取",
                                "en": "column {column} {header} has cells merged over several rows: every row of a "
                                      "merged range is read with its value"},
    "intake.conv_filled_down": {"zh": "{column} 列 {header} 只在每组第一行填写：空白单元格沿用上方的值",
                                "en": "column {column} {header} is filled on the first row of each group: an empty "
                                      "cell takes the value above it"},
    "intake.conv_place_short_baiyin": {"zh": "地区 {written} 按 {region} 读取（与 {others} 等区县简称并列，指白银区而非白银市）",
                                       "en": "region {written} read as {region} (written short beside {others}: the "
                                             "district, not the city)"},
    "intake.conv_place_short": {"zh": "地区 {written} 按 {region} 读取（补全“区”“县”）",
                                "en": "region {written} read as {region} (区 / 县 added)"},
    "intake.conv_place_spaces": {"zh": "地区 {written} 按 {region} 读取（去掉字间空格）",
                                 "en": "region {written} read as {region} (the spaces between its characters left out)"},
    "intake.conv_place_including": {"zh": "地区 {written} 按 {region} 读取（括号中是其所含范围）",
                                    "en": "region {written} read as {region} (the brackets say what it includes)"},
    "intake.conv_place_office": {"zh": "地区 {written} 按 {region} 读取（填报单位所属的区县）",
                                 "en": "region {written} read as {region} (the district of the reporting office)"},
    "intake.conv_place_code": {"zh": "地区代码 {written} 按 {region} 读取（行政区划代码）",
                               "en": "region code {written} read as {region} (division code)"},
    "intake.conv_filtered_rows": {"zh": "第 {rows} 行被自动筛选隐藏，照常读取（筛选只改变显示，不删除数据）",
                                  "en": "rows {rows} hidden by an AutoFilter are read (a filter changes the view, "
                                        "not the data)"},
    "intake.region_named_other": {"zh": "表格标题 {title} 说明这是另一个地方（不是本方案的区县）的数据，表中又没有“地区”列，"
                                        "不能按默认的 {region} 读取：请加一列“地区”写明所属地区",
                                  "en": "the title {title} names another place (not one of the plan's districts) and the "
                                        "table has no 地区 (region) column, so its figures cannot be read as {region}'s: "
                                        "add a 地区 column naming whose they are"},
    "intake.regions_named_several": {"zh": "表格标题、填报单位或工作表名中出现了不止一个区县（{regions}），无法确定这些数据属于哪一个；"
                                           "请加一列“地区”，或只保留一个区县的名称",
                                     "en": "the title, the 填报单位 line or the sheet's name name more than one district "
                                           "({regions}): whose figures these are cannot be told; add a 地区 column, or keep "
                                           "one district's name"},
    "intake.conv_place_code_name": {"zh": "地区 {written} 按 {region} 读取（去掉名称前的行政区划代码）",
                                    "en": "region {written} read as {region} (the division code before the name left out)"},
    "intake.conv_region_column": {"zh": "{col} 列 {name} 的内容是地区名称，按地区读取",
                                  "en": "column {col} {name} holds region names: read as the region"},
    "intake.conv_place_english": {"zh": "地区 {written} 按 {region} 读取（英文名称）",
                                  "en": "region {written} read as {region} (its English name)"},
    "intake.conv_place_own_level": {"zh": "地区 {written} 按 {region} 读取（本级）",
                                    "en": "region {written} read as {region} (本级: the district's own level)"},
    "intake.ignored_report_year": {"zh": "{col} 列（{name}：报表的年度，不是数据所属的年度；年份取自 {data} 列）",
                                   "en": "column {col} ({name}: the year of the report, not of the figures; the year "
                                         "is read from the {data} column)"},
    "intake.ignored_region_codes": {"zh": "{col} 列（{name}：地区按地区名称列读取）",
                                    "en": "column {col} ({name}: regions read from the region-name column)"},
    "intake.region_baiyin_ambiguous": {
        "zh": "地区 {written} 可能指白银市，也可能指白银区，按原样读取；请写全称（白银市或白银区）",
        "en": "region {written} may be Baiyin City (白银市) or Baiyin District (白银区); read as written: write the full name"},
    "intake.conv_place_prefix": {"zh": "地区 {written} 按 {region} 读取（去掉所属省、市名称）",
                                 "en": "region {written} read as {region} (the province and city before it left out)"},
    "intake.conv_default_region": {"zh": "未填地区，默认为 {region}", "en": "no region given: {region} assumed"},
    # ---- template
    "intake.tpl_wrote": {"zh": "已写入 {out}:{n_ind} 个指标 × {n_years} 年 = {n_cells} 个待填单元格（工作表 {sheet}）",
                         "en": "wrote {out}: {n_ind} indicators x {n_years} years = {n_cells} cells to fill "
                               "(sheet {sheet})"},
    "intake.tpl_wrote_regions": {"zh": "已写入 {out}:{n_ind} 项目标（{n_regions} 个地区）× {n_years} 年 = {n_cells} 个待填单元格（工作表 {sheet}）",
                                 "en": "wrote {out}: {n_ind} targets ({n_regions} regions) x {n_years} years = {n_cells} "
                                       "cells to fill (sheet {sheet})"},
    "intake.tpl_not_xlsx": {"zh": "模板只能保存为 .xlsx 文件，收到 {out}",
                            "en": "the template must be an .xlsx file, got {out}"},
    "intake.tpl_bad_years": {"zh": "--years 起止年份须满足 {lo} <= 起 <= 止 <= {hi}，收到 {a} {b}",
                             "en": "--years FIRST LAST must satisfy {lo} <= FIRST <= LAST <= {hi}, got {a} {b}"},
    "intake.tpl_cannot_write": {"zh": "无法写入：{reason}", "en": "cannot write: {reason}"},
    "intake.tpl_value_title": {"zh": "数值", "en": "value"},
    "intake.tpl_share_title": {"zh": "比重（%）", "en": "share (%)"},
    "intake.tpl_value_prompt": {"zh": "填写不小于 0 的数值，单位见“计量单位”列（也可写“1.2亿元”）；无数据请留空。",
                                "en": "A number >= 0 in the unit column's unit (or e.g. '1.2亿元'); leave empty if "
                                      "not available."},
    "intake.tpl_share_prompt": {"zh": "填写 0-100 之间的百分数（30% 填 30）；无数据请留空。",
                                "en": "A percentage between 0 and 100 (30 % as 30); leave empty if not available."},
    "intake.tpl_invalid_title": {"zh": "无效数值", "en": "invalid value"},
    "intake.tpl_value_error": {"zh": "请输入不小于 0 的数字（或带单位的文字，如 1.2亿元）。",
                               "en": "Enter a number >= 0 (or a number with its unit, e.g. 1.2亿元)."},
    "intake.tpl_share_error": {"zh": "请输入 0-100 之间的数字。", "en": "Enter a number 0-100."},
    "intake.tpl_id_title": {"zh": "指标代码", "en": "indicator id"},
    "intake.tpl_id_prompt": {"zh": "从列表中选择指标代码（也可填写目录中的指标名称）。",
                             "en": "Pick an id from the list (the catalogue's Chinese name is accepted too)."},
    "intake.tpl_unknown_title": {"zh": "未知指标", "en": "unknown indicator"},
    "intake.tpl_id_error": {"zh": "指标代码应来自“指标 indicators”工作表。",
                            "en": "The id should come from the indicators sheet."},
    "intake.tpl_no_deadline": {"zh": "规划未设期限", "en": "no deadline in the plan"},
    # the indicators sheet's headers (over the catalogue's column names)
    "intake.tpl_ind_id": {"zh": "指标代码", "en": "indicator id"},
    "intake.tpl_ind_name_zh": {"zh": "指标名称", "en": "name (Chinese)"},
    "intake.tpl_ind_name_en": {"zh": "英文名称", "en": "name (English)"},
    "intake.tpl_ind_unit": {"zh": "计量单位", "en": "unit"},
    "intake.tpl_ind_kind": {"zh": "指标类型", "en": "kind"},
    "intake.tpl_ind_comparator": {"zh": "目标方向", "en": "comparator"},
    "intake.tpl_ind_target": {"zh": "目标值", "en": "target"},
    "intake.tpl_ind_deadline": {"zh": "期限（年）", "en": "deadline"},
    "intake.tpl_ind_task": {"zh": "任务", "en": "task"},
    "intake.tpl_ind_clause": {"zh": "规划原文", "en": "the plan's words"},
    "intake.tpl_help_0": {"zh": "填报说明", "en": "How to fill in this template"},
    "intake.tpl_help_1": {"zh": "1. 在“填报”工作表的“数值”列填写数值，每行对应一个指标、一个年份"
                                "（宽表模板：每行一个指标，每列一个年份）。",
                          "en": "1. On the 填报 sheet, enter the number in the 数值 (value) column; each row is one "
                                "indicator in one year (wide template: one row per indicator, one column per year)."},
    "intake.tpl_help_2": {"zh": "2. 数值使用“计量单位”列所示的单位（即目标目录的单位）。金额可改用 元/千元/万元/百万元/亿元，"
                                "请同时修改“计量单位”列，程序会自动换算并在检查结果中列出；单元格中也可写带单位的数（如“1.2亿元”），但须与“计量单位”列一致。",
                          "en": "2. Use the unit shown in the 计量单位 (unit) column (the catalogue's unit). Money may "
                                "be given in 元/千元/万元/百万元/亿元 if you change the unit cell; it is converted and every "
                                "conversion is listed by the check. A cell may carry its unit ('1.2亿元') if it "
                                "agrees with the unit column."},
    "intake.tpl_help_3": {"zh": "3. 只填数字：不要写“约12”“12-15”等；比重（%）填 0-100 之间的数（30% 填 30）；数量不能为负数。",
                          "en": "3. Numbers only: no '约12' or '12-15'; shares (%) are 0-100 (30 % as 30); counts "
                                "cannot be negative."},
    "intake.tpl_help_4": {"zh": "4. 没有数据的年份请留空（或填“—”），不要填 0：空白表示“未报告”，检查结果会统计空白个数。",
                          "en": "4. Leave the value empty (or '—') when there are no data, not 0: empty means 'not "
                                "reported' and the check counts such cells."},
    "intake.tpl_help_5": {"zh": "5. 可以在表头上方插入标题行；请勿修改表头文字。可以删除行，也可以为其他地区追加行（修改“地区”列）。",
                          "en": "5. A title row may be inserted above the header; do not change the header words. "
                                "You may delete rows, or add rows for other regions (change the 地区 column)."},
    "intake.tpl_help_6": {"zh": "6. “数据来源”列填写数据来源（如统计年鉴、部门台账），“备注”列填写口径说明。",
                          "en": "6. Put the data source (statistical yearbook, department ledger ...) in 数据来源 "
                                "and any definition notes in 备注."},
    "intake.tpl_help_7": {"zh": "7. 用公式计算的单元格请保存后再提交（文件需保存计算结果）。",
                          "en": "7. Cells computed by formulas must be saved in Excel/WPS before sending (the file "
                                "must hold the results)."},
    "intake.tpl_help_8": {"zh": "8. 填完后运行检查：python -m analysis validate 文件.xlsx，按提示（文件[工作表]:行:列: 问题）修改；"
                                "“指标 indicators”工作表列出每个指标的定义、目标值、期限和规划原文。",
                          "en": "8. When done, check it: python -m analysis validate FILE.xlsx and fix what it reports "
                                "(FILE[SHEET]:ROW:COLUMN: problem); the 'indicators' sheet lists each indicator's "
                                "definition, target, deadline and the plan's clause."},
    "intake.tpl_help_footer": {"zh": "地区默认为 {region}；年份 {first}-{last}；指标 {n} 个。",
                               "en": "Region {region}; years {first}-{last}; {n} indicators."},
    "intake.tpl_help_footer_regions": {"zh": "地区：{regions}（各行按目标清单所列地区）；年份 {first}-{last}；指标 {n} 个，目标 {rows} 项。",
                                       "en": "Regions: {regions} (each row the catalogue's region); years {first}-{last}; "
                                             "indicators: {n}; targets: {rows}."},
    "intake.tpl_ind_region": {"zh": "地区", "en": "region"},
    "intake.list_sep": {"zh": "、", "en": ", "},
    "intake.horizon_note": {"zh": "规划未设期限,按规划期末{year}年评估",
                            "en": "no deadline in the plan; judged at the plan horizon ({year})"},
    "intake.merged_value": {"zh": "此单元格属于合并单元格 {range}，其中的值不能确定属于哪个年份或指标；请取消合并并逐格填写",
                            "en": "this cell is part of the merged range {range}: its value cannot be assigned to "
                                  "one year or indicator; unmerge and fill each cell"},
}
