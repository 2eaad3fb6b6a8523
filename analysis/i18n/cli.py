"""Words of the command line (``python -m analysis``): help texts and messages."""

MESSAGES = {
    # ------------------------------------------------------------------ program and options
    "cli.description": {
        "zh": "平川区科技成果转移转化示范区实施方案的监测与考核评价。",
        "en": "Monitor and evaluate the Pingchuan S&T achievement-transfer plan (平川区科技成果转移转化示范区).",
    },
    "cli.commands": {"zh": "命令", "en": "commands"},
    "cli.options": {"zh": "选项", "en": "options"},
    "cli.usage": {"zh": "用法:", "en": "usage: "},
    "cli.usage_error": {"zh": "{prog}:错误:{message}", "en": "{prog}: error: {message}"},
    "cli.opt.help": {"zh": "显示本帮助并退出", "en": "show this help message and exit"},
    # argparse's own usage errors, in the user's language (cli._argparse_message matches argparse's English)
    "cli.argparse.unrecognized": {"zh": "无法识别的参数：{args}（各命令可用的选项见 --help）",
                                  "en": "unrecognized arguments: {args} (see --help for the command's options)"},
    "cli.argparse.required": {"zh": "缺少必需的参数：{args}", "en": "the following arguments are required: {args}"},
    "cli.argparse.one_of": {"zh": "须给出以下参数之一：{args}", "en": "one of the arguments {args} is required"},
    "cli.argparse.argument": {"zh": "参数 {arg}：{message}", "en": "argument {arg}: {message}"},
    "cli.argparse.invalid_int": {"zh": "{value} 不是整数", "en": "invalid int value: {value}"},
    "cli.argparse.invalid_float": {"zh": "{value} 不是数字", "en": "invalid float value: {value}"},
    "cli.argparse.invalid_value": {"zh": "无效的值：{value}", "en": "invalid value: {value}"},
    "cli.argparse.invalid_choice": {"zh": "无效的选择 {value}（可选：{choices}）",
                                    "en": "invalid choice: {value} (choose from {choices})"},
    "cli.argparse.expected_one": {"zh": "需要给出一个值", "en": "expected one argument"},
    "cli.argparse.expected_at_least_one": {"zh": "至少需要给出一个值", "en": "expected at least one argument"},
    "cli.argparse.expected_at_most_one": {"zh": "最多只能给出一个值", "en": "expected at most one argument"},
    "cli.argparse.expected_n": {"zh": "需要给出 {n} 个值", "en": "expected {n} arguments"},
    "cli.argparse.not_allowed_with": {"zh": "不能与参数 {arg} 同时使用", "en": "not allowed with argument {arg}"},
    "cli.argparse.ambiguous": {"zh": "选项 {option} 不明确，可能是：{matches}", "en": "ambiguous option: {option} could match {matches}"},
    "cli.argparse.explicit_ignored": {"zh": "选项不接受值：{value}", "en": "ignored explicit argument {value}"},
    "cli.positionals": {"zh": "参数", "en": "positional arguments"},
    "cli.opt.lang": {"zh": "输出语言:zh(中文,默认)或 en(英文)",
                     "en": "language of the output: zh (Chinese, the default) or en (English)"},
    "cli.option_once": {"zh": "{option} 只能给一次（它对所有 --data 文件有效；同一工作簿的几张表请合并到一张，或分别另存为文件）",
                        "en": "{option} may be given once (it applies to every --data file; put the sheets of one "
                              "workbook on one sheet, or save them as separate files)"},
    "cli.opt.sheet": {"zh": "Excel 文件的工作表:名称或序号(1 为第一张;默认:自动找出像数据表的那一张)",
                      "en": "worksheet of an Excel file: its name or number (1 = the first; default: the one sheet "
                            "that looks like data)"},
    "cli.opt.format": {"zh": "输出格式(默认:table)", "en": "output format (default: table)"},
    "cli.opt.output": {"zh": "写入 PATH,而不是标准输出", "en": "write to PATH instead of standard output"},
    "cli.opt.targets": {"zh": "指标目录文件(默认:方案的 21 项目标)",
                        "en": "target catalogue file (default: the plan's 21 targets)"},
    "cli.opt.as_of": {"zh": "只使用截至 YEAR 年的观测值", "en": "use only observations up to YEAR"},
    # ------------------------------------------------------------------ commands
    "cli.targets.help": {"zh": "列出方案的目标指标目录", "en": "print the plan's target catalogue"},
    "cli.targets.targets": {"zh": "列相同的其他指标目录(默认:方案的目录)",
                            "en": "a catalogue in the same columns (default: the plan's)"},
    "cli.validate.help": {"zh": "检查监测数据文件;无问题时退出码为 0",
                          "en": "check monitoring files; exit 0 when clean"},
    "cli.validate.files": {"zh": "要检查的文件(CSV 或 Excel)", "en": "files to check (CSV or Excel)"},
    "cli.validate.targets": {"zh": "指标编号必须来自的目录", "en": "catalogue the indicator ids must come from"},
    "cli.validate.kind": {"zh": "文件类型(默认:按列名判断)", "en": "file contract (default: guessed from the columns)"},
    "cli.targets.col.region": {"zh": "地区", "en": "region"},
    "cli.targets.col.name": {"zh": "指标", "en": "indicator"},
    "cli.targets.col.target": {"zh": "目标", "en": "target"},
    "cli.targets.col.unit": {"zh": "单位", "en": "unit"},
    "cli.targets.col.deadline": {"zh": "期限", "en": "deadline"},
    "cli.targets.col.kind": {"zh": "类型", "en": "kind"},
    "cli.targets.col.task": {"zh": "任务", "en": "task"},
    "cli.targets.col.id": {"zh": "指标代码", "en": "id"},
    "cli.template.help": {"zh": "为统计部门生成 Excel 填报模板", "en": "write an Excel template for the statistics office"},
    "cli.template.output": {"zh": "输出的 .xlsx 文件", "en": "the .xlsx file to write"},
    "cli.template.years": {"zh": "填报年份范围(默认:2015 年至方案期末)",
                           "en": "years to fill (default: 2015 to the plan horizon)"},
    "cli.template.layout": {"zh": "long:每个指标每年一行(默认);wide:指标为行、年份为列",
                            "en": "long: one row per indicator and year (default); wide: indicators x years"},
    "cli.template.ledger": {"zh": "改为生成任务台账模板(每项任务每半年一行;--years 指定年份)",
                            "en": "write the task-ledger template (任务台账: one row per task x half-year; "
                                  "--years sets the half-years) instead of the data template"},
    "cli.template.region": {"zh": "预填的地区名称(默认:平川区)", "en": "region name to pre-fill (default: 平川区)"},
    "cli.build.help": {"zh": "原始数据 -> 处理后数据(整体替换,可重复执行)",
                       "en": "raw -> processed (one transaction, idempotent)"},
    "cli.build.data": {"zh": "监测数据文件(默认:随附的示例数据)",
                       "en": "monitoring file (default: the bundled illustrative data)"},
    "cli.assess.help": {"zh": "考核评价表:各项目标能否完成?", "en": "the scorecard: will each target be met?"},
    "cli.assess.data": {"zh": "观测数据文件(可重复以合并多个;默认:随附的示例数据)",
                        "en": "observations file (repeat to combine several; default: the bundled illustrative data)"},
    "cli.assess.baseline": {
        "zh": "方案的基期年份,用于序时进度和实际增速(默认:目标目录的 baseline 列,平川方案为 2018;否则各序列的首个观测年份;"
              "如“十三五”规划为 2015)",
        "en": "the plan's baseline year, for the schedule check and actual growth (default: the catalogue's baseline "
              "column - 2018 for the Pingchuan plan - else each series' first observed year; e.g. 2015 for a 13th FYP plan)",
    },
    "cli.assess.skip_unknown": {"zh": "忽略目录中没有的指标行(默认:报错)",
                                "en": "ignore rows of indicators that are not in the target catalogue (default: error)"},
    "cli.backtest.help": {"zh": "预测区间与概率的滚动回测校准", "en": "rolling-origin calibration of forecasts and probabilities"},
    "cli.backtest.data": {"zh": "用于回测的观测数据(默认:公开数据与随附数据)",
                          "en": "observations to back-test (default: the public series and the bundled data)"},
    "cli.backtest.targets": {"zh": "检验自选目标清单 FILE（目标目录格式，可带 region 列）：逐年判断并与评估人员的方法比较；"
                                   "数值取自 --data（默认：随附的公开序列）；不运行语料回测",
                             "en": "check the targets of your own catalogue FILE (the catalogue format, optional region "
                                   "column): called year by year and compared with the evaluators' rules, on the values "
                                   "of --data (default: the bundled public series); skips the corpus back-test"},
    "cli.backtest.refit": {"zh": "重新学习校准系数并改写 analysis/model/calibration.json",
                           "en": "re-learn the calibration factors and rewrite analysis/model/calibration.json"},
    "cli.sectors.help": {"zh": "比较方案涉及的产业", "en": "compare the plan's sectors"},
    "cli.sectors.data": {"zh": "产业面板数据(默认:随附的示例面板)",
                         "en": "sector panel (default: the bundled illustrative panel)"},
    "cli.sectors.metric": {"zh": "要比较的指标", "en": "metrics to compare"},
    "cli.sectors.sectors": {"zh": "要比较的产业", "en": "sectors to compare"},
    "cli.sectors.years": {"zh": "比较的起止年份", "en": "first and last year to compare"},
    "cli.explore.help": {"zh": "以 Voila 应用在 127.0.0.1 上运行情景分析器",
                         "en": "serve the scenario explorer as a Voila app on 127.0.0.1"},
    "cli.explore.port": {"zh": "端口(默认:8866)", "en": "port (default: 8866)"},
    "cli.explore.lan": {"zh": "在局域网内共享(监听所有网络接口;必须使用令牌,启动时打印)",
                        "en": "share on the local network (binds all interfaces; a token is required and printed)"},
    "cli.explore.no_browser": {"zh": "不打开浏览器", "en": "do not open a browser"},
    "cli.explore.data": {"zh": "页面显示的监测数据文件(可重复以合并多个;默认:随附的示例数据);启动前先检查,"
                               "有问题时逐条列出(文件、行、列)并退出",
                         "en": "monitoring file the page shows (repeat to combine several; default: the bundled "
                               "illustrative data); checked before the server starts, problems listed as FILE:ROW:COLUMN"},
    "cli.report.help": {"zh": "生成整套报告:考核评价表、图表、工作簿、HTML",
                        "en": "the whole pack: scorecard, figures, workbook, HTML"},
    "cli.report.data": {"zh": "监测数据文件(可重复以合并多个,如历年数据与期限年实际值;默认:随附的示例数据)",
                        "en": "monitoring file (repeat to combine several, such as the history and the deadline "
                              "year's values; default: the bundled illustrative data)"},
    "cli.report.formats": {"zh": "图表格式,以逗号分隔:png,svg,pdf", "en": "comma-separated: png,svg,pdf"},
    "cli.report.figures": {"zh": "只画这些图表（编号或简称，以逗号分隔，如 1,4 或 scorecard,fan_charts；默认：全部）",
                           "en": "draw only these figures (numbers or slugs, comma-separated, e.g. 1,4 or "
                                 "scorecard,fan_charts; default: all)"},
    "cli.report.out": {"zh": "输出文件夹(默认:figures/ 与 reports/)", "en": "output folder (default: figures/ and reports/)"},
    "cli.report.baseline": {"zh": "方案的基期年份(同 assess;默认:目标目录中的基期,否则各序列的首个观测年份)",
                            "en": "the plan's baseline year (as for assess; default: the catalogue's, else the first observed year)"},
    "cli.report.sectors": {"zh": "自己的产业面板数据文件(用于产业比较)",
                           "en": "your sector panel for the sector comparison"},
    "cli.report.sample_sectors": {"zh": "使用 --data 时仍附上随附的示例产业比较",
                                  "en": "with --data: still show the bundled illustrative sector comparison"},
    "cli.report.ledger": {"zh": "填报后的任务台账（.xlsx 或 .csv，模板见 template --ledger）；默认：使用随附数据时用示例台账，使用 --data 时不含任务落实情况",
                          "en": "the filled task ledger (.xlsx or .csv; template: template --ledger); default: the illustrative ledger with the bundled data, no task section with --data"},
    "cli.report.no_notebooks": {"zh": "不执行笔记本", "en": "skip executing the notebooks"},
    # ------------------------------------------------------------------ messages
    "cli.backtest.wrote": {"zh": "已写入 {path}", "en": "wrote {path}"},
    # python -m analysis backtest --targets FILE [--data FILE]: a plan check of one's own targets
    "cli.backtest.own": {
        "zh": "自选目标检验（{file}）：每项目标在截止年前五年中每年各判断一次（只用截至该年的数值），"
              "本项目的达标概率与评估人员常用方法（直线外推、复合增速外推、ETS）的判断并列；有截止年结果的以结果计分：",
        "en": "Your targets ({file}): each called from each of the five years before its deadline (with only the "
              "values up to that year), our probability of meeting it beside the evaluators' rules (straight line, "
              "compound growth, ETS); scored on the outcome where the data have it:"},
    "cli.backtest.own_years": {
        "zh": "自选目标检验（{file}）：每项目标在截止年前 {years} 年各判断一次（只用截至该年的数值），"
              "本项目的达标概率与评估人员常用方法（直线外推、复合增速外推、ETS）的判断并列；有截止年结果的以结果计分：",
        "en": "Your targets ({file}): each called {years} years before its deadline (with only the values up to that "
              "year), our probability of meeting it beside the evaluators' rules (straight line, compound growth, "
              "ETS); scored on the outcome where the data have it:"},
    "cli.backtest.years_before": {"zh": "与 --targets 同用：在每项目标截止年之前这些年份作判断，例如 1,2,3（默认：前五年每年）",
                                  "en": "with --targets: call each target this many years before its deadline, e.g. "
                                        "1,2,3 (default: each of the five years before)"},
    "cli.backtest.years_before_needs_targets": {
        "zh": "--years-before 只能与 --targets 同用（按各目标的截止年倒数）；语料回测不用它",
        "en": "--years-before works with --targets only (counted back from each target's deadline); the corpus "
              "back-test does not take it"},
    "cli.backtest.years_before_bad": {"zh": "应为用逗号分隔的1-30之间的整数，例如 1,2,3：{value}",
                                      "en": "expected whole numbers 1-30 separated by commas, such as 1,2,3: {value}"},
    "cli.backtest.own_by_horizon": {
        "zh": "按判断时距截止年的年数（提前年数）；“1-3”即截止年前1至3年的判断：",
        "en": "By years between the call and the deadline (1-3: the calls made 1 to 3 years before):"},
    "cli.backtest.set_verdicts": {
        "zh": "各组规划目标，按问题16对留出集的要求（截止年前1-3年的判断；本项目的Brier分数和判对率都须胜过两种手工方法中"
              "较好的一种，且没有高置信误判；另看Brier分数是否不超过{goal}）：",
        "en": "Each plan set as issue 16 judges a held-out one (calls made 1-3 years before the deadline; ours must beat "
              "the better hand rule on both Brier score and accuracy, with no confident wrong call; and is the Brier "
              "score within {goal}?):"},
    "cli.backtest.set_verdicts_count": {
        "zh": "{n}组中：两项都胜出{beats}组，Brier胜出而判对率持平{ties}组，落后{behind}组；Brier分数不超过{limit}的{goal}组；"
              "达到要求的{bar}组。",
        "en": "Of {n} sets: both scores better on {beats}, Brier better and accuracy level on {ties}, behind on {behind}; "
              "Brier within {limit} on {goal}; the bar met on {bar}."},
    "cli.backtest.verdict": {
        "zh": "结论（{calls}个计分判断）：Brier 分数 {brier}，{brier_word}（直线外推 {sl_brier}，复合增速外推 {cagr_brier}）；判对率 {accuracy}，"
              "{accuracy_word}（{sl_accuracy}、{cagr_accuracy}）；高置信误判 {n} 次；{goal}。{bar}",
        "en": "Verdict ({calls} scored calls): Brier score {brier}, {brier_word} (straight line {sl_brier}, compound growth {cagr_brier}); "
              "accuracy {accuracy}, {accuracy_word} ({sl_accuracy}, {cagr_accuracy}); {n} confident wrong calls; "
              "{goal}. {bar}"},
    "cli.backtest.verdict.brier_best": {"zh": "低于两种手工方法", "en": "lower than both hand rules'"},
    "cli.backtest.verdict.brier_not_best": {"zh": "不低于两种手工方法中较好的一种", "en": "not lower than the better rule's"},
    "cli.backtest.verdict.accuracy_above": {"zh": "高于两种手工方法", "en": "above both rules'"},
    "cli.backtest.verdict.accuracy_tied": {"zh": "与较好的手工方法持平", "en": "level with the better rule's"},
    "cli.backtest.verdict.accuracy_below": {"zh": "低于较好的手工方法", "en": "below the better rule's"},
    "cli.backtest.verdict.goal_met": {"zh": "Brier 分数达到 {goal} 以下的目标", "en": "the Brier score is within the goal of {goal}"},
    "cli.backtest.verdict.goal_not_met": {"zh": "Brier 分数高于 {goal} 的目标", "en": "the Brier score is above the goal of {goal}"},
    "cli.backtest.verdict.bar_met": {"zh": "这组目标上本项目胜过两种手工方法，且没有高置信误判。",
                                     "en": "On these targets ours beats both hand rules, with no confident wrong call."},
    "cli.backtest.verdict.bar_not_met": {"zh": "这组目标上本项目未能在两项得分上都胜过两种手工方法且无高置信误判。",
                                         "en": "On these targets ours does not beat both hand rules on both scores "
                                               "with no confident wrong call."},
    "cli.backtest.own_summary": {
        "zh": "计分（只计截止年已有结果、已有至少2个值的判断；本项目不作判断时按0.5计；"
              "高置信误判：概率≥0.9或≤0.1却判错）：",
        "en": "Scores (calls whose outcome is in the data, with ≥ 2 values known; ours without a call counts 0.5; "
              "confident wrong: p ≥ 0.9 or ≤ 0.1 on the wrong side):"},
    "cli.backtest.own_unscored": {
        "zh": "尚无截止年结果的目标 {n} 项（规划仍在执行中，或数据中没有截止年的值）：只列判断，不计分。",
        "en": "{n} target(s) without an outcome in the data (the plan is still running, or the deadline year is "
              "missing): calls listed, not scored."},
    "cli.backtest.own_no_data": {
        "zh": "数据中没有这 {n} 项目标的数值，未作判断：{items}",
        "en": "The data hold no value of these {n} target(s), not called: {items}"},
    "cli.backtest.own_none": {
        "zh": "没有可计分的判断：数据中没有任何目标截止年的值（或截止年前已公布的值不足2个）。",
        "en": "No call can be scored: the data hold no target's deadline-year value (or fewer than 2 values before "
              "it)."},
    "cli.backtest.own_calibration": {
        "zh": "所用校准：随附的校准文件，在随附的公开序列上学出；所给数据不在其中时，这是一次留出检验。",
        "en": "Calibration: the committed file, learned on the bundled public series; for data not among them, this "
              "is a held-out check."},
    "cli.backtest.own_public": {
        "zh": "未给 --data：在随附的公开序列上判断，每条序列的校准都在其他序列上学出（留一序列）。",
        "en": "No --data: called on the bundled public series, each with a calibration learned without it "
              "(leave one series out)."},
    # python -m analysis backtest: the headings of its tables (the tables' words: backtest.* in i18n/forecast.py)
    "cli.backtest.calls": {
        "zh": "真实序列上的达标判断，每条序列都留出（嵌套留一序列：校准系数、汇总先验和概率修正都在其他序列上学出）；"
              "假想目标取实际值的0.8-1.25倍；本项目与评估人员常用方法比较（直线外推 = FORECAST.LINEAR，"
              "复合增速外推 = 首末两点的复合增速，ETS = statsmodels 加法 ETS，代替 FORECAST.ETS）；对数得分在 {clip} 处截断；"
              "高置信误判：概率≥0.9或≤0.1却判错：",
        "en": "Attainment calls on the real series, each held out (nested leave-one-series-out: calibration, pooled "
              "prior and probability map learned without it); pseudo-targets at 0.8-1.25 x the outcome; ours vs the "
              "evaluators' rules (straight line = FORECAST.LINEAR, compound growth between the first and last points, "
              "ETS = statsmodels additive ETS for FORECAST.ETS); log score clipped at {clip}; confident wrong: p ≥ 0.9 "
              "or ≤ 0.1 on the wrong side:"},
    "cli.backtest.by_horizon": {"zh": "……按预测步长（提前年数）：", "en": "... per horizon (years ahead):"},
    "cli.backtest.by_kind": {"zh": "……按指标类型：", "en": "... per kind of indicator:"},
    "cli.backtest.by_points": {"zh": "……按已知数据点数：", "en": "... per number of points known:"},
    "cli.backtest.reliability": {"zh": "可靠性图（本项目）：按概率分组，各组的平均概率与实际达标比例：",
                                 "en": "Reliability diagram (ours): calls binned by probability; observed = share met:"},
    "cli.backtest.worst": {"zh": "本项目最差的10次判断，及从数据读出的原因：",
                           "en": "Our 10 worst calls, with the reason read from the data:"},
    "cli.backtest.national": {
        "zh": "国家规划检验：“十三五”国家科技创新规划、“十三五”规划纲要、“十二五”规划纲要和“十四五”规划纲要的真实目标，"
              "在期限前五年中每年各判断一次，以实际结果计分：",
        "en": "National plan check: the real targets of the 13th Five-Year S&T innovation plan and of the 12th, "
              "13th and 14th Five-Year Plan outlines, called from each of the five "
              "as-of years before the deadline, scored on the outcome:"},
    "cli.backtest.per_plan": {
        "zh": "分规划及合计（同一目标在两个规划中只计一次）；只计已公布至少2个值的判断；本项目不作判断时按0.5计；"
              "高置信误判：概率≥0.9或≤0.1却判错：",
        "en": "Per plan, and all (a target in two plans counted once); calls with ≥ 2 published values; ours "
              "without a call counts 0.5; confident wrong: p ≥ 0.9 or ≤ 0.1 on the wrong side:"},
    "cli.backtest.provincial": {
        "zh": "省级规划检验：各省“十三五”（2020年目标，取自2016年省政府工作报告）、“十二五”"
              "（2015年目标，取自2011年报告）和“十四五”（2025年目标，取自2021年报告）规划目标，用该省历年政府工作报告公布的数值，"
              "在期限前五年中每年各判断一次，以实际结果计分（校准及先验不使用被判断的序列）：",
        "en": "Provincial plan check: provinces' 13th (2020 targets, from the 2016 provincial "
              "work reports), 12th (2015 targets, from the 2011 reports) and 14th ("
              "2025 targets, from the 2021 reports) Five-Year Plan "
              "targets, called on the values each province's work reports published, from each of the five "
              "as-of years before the deadline, scored on the outcome (calibration and prior learned without "
              "the series called):"},
    "cli.backtest.provincial_per_plan": {
        "zh": "省级规划分组及合计；只计已公布至少2个值的判断；本项目不作判断时按0.5计；"
              "高置信误判：概率≥0.9或≤0.1却判错：",
        "en": "Per provincial plan set, and all; calls with ≥ 2 published values; ours without a call counts "
              "0.5; confident wrong: p ≥ 0.9 or ≤ 0.1 on the wrong side:"},
    "cli.backtest.city": {
        "zh": "城市规划检验：主要城市“十三五”（2020年目标，取自2016年市政府工作报告）和“十四五”"
              "（2025年目标，取自2021年报告）规划目标，用该市历年政府工作报告公布的数值，"
              "在期限前五年中每年各判断一次，以实际结果计分（校准及先验不使用被判断的序列）：",
        "en": "City plan check: major cities' 13th (2020 targets, from the 2016 city work reports) "
              "and 14th (2025 targets, from the 2021 reports) Five-Year Plan targets, called on the "
              "values each city's work reports published, from each of the five as-of years before the deadline, "
              "scored on the outcome (calibration and prior learned without the series called):"},
    "cli.backtest.city_per_plan": {
        "zh": "城市规划分组及合计；只计已公布至少2个值的判断；本项目不作判断时按0.5计；"
              "高置信误判：概率≥0.9或≤0.1却判错：",
        "en": "Per city plan set, and all; calls with ≥ 2 published values; ours without a call counts "
              "0.5; confident wrong: p ≥ 0.9 or ≤ 0.1 on the wrong side:"},
    "cli.backtest.older": {
        "zh": "早期国家规划检验（留出）：“九五”“十五”计划纲要和“十一五”规划纲要中以水平值表述的目标（2000、2005、2010年目标），"
              "用国家统计局统计公报首次公布的数值（1994-2010年），在期限前五年中每年各判断一次，以实际结果计分；"
              "这些序列不在回测语料中（语料始于2010年），用随附的校准文件：",
        "en": "Older national plans (held out): the targets stated as levels in the 9th and 10th Five-Year Plan and "
              "11th Five-Year Plan outlines (2000, 2005 and 2010 targets), called on the values the NBS "
              "communiqués first published (1994-2010), from each of the five as-of years before the deadline, "
              "scored on the outcome; these series are not in the back-test corpus, which starts in 2010 (the "
              "committed calibration):"},
    "cli.backtest.older_per_plan": {
        "zh": "分规划及合计；只计已公布至少2个值的判断；本项目不作判断时按0.5计；高置信误判：概率≥0.9或≤0.1却判错：",
        "en": "Per plan, and all; calls with ≥ 2 published values; ours without a call counts 0.5; confident wrong: "
              "p ≥ 0.9 or ≤ 0.1 on the wrong side:"},
    "cli.backtest.eleventh": {
        "zh": "各省和主要城市“十一五”规划检验（留出）：2010年目标，取自2006年省、市政府工作报告，用其历年政府工作报告首次公布的数值"
              "（2004-2010年），在期限前五年中每年各判断一次，以实际结果计分；这些序列不在回测语料中，用随附的校准文件：",
        "en": "Provinces' and major cities' 11th Five-Year plans (held out): 2010 targets from the 2006 provincial and city "
              "work reports, called on the values their work reports first published (2004-2010), from each of the five "
              "as-of years before the deadline, scored on the outcome; these series are not in the back-test corpus "
              "(the committed calibration):"},
    "cli.backtest.eleventh_per_plan": {
        "zh": "分规划及合计；只计已公布至少2个值的判断；本项目不作判断时按0.5计；高置信误判：概率≥0.9或≤0.1却判错：",
        "en": "Per plan, and all; calls with ≥ 2 published values; ours without a call counts 0.5; confident wrong: "
              "p ≥ 0.9 or ≤ 0.1 on the wrong side:"},
    "cli.backtest.prefecture": {
        "zh": "地级市规划检验（留出）：地级市“十三五”规划目标（2020年目标，取自2016年市政府工作报告），用该市历年政府工作报告公布的数值，"
              "在期限前五年中每年各判断一次，以实际结果计分；这些序列不在回测语料中，用随附的校准文件：",
        "en": "Prefecture cities' plan check (held out): prefecture-level cities' 13th Five-Year Plan targets (2020 "
              "targets, from the 2016 city work reports), called on the values each city's work reports published, "
              "from each of the five as-of years before the deadline, scored on the outcome; these series are not in "
              "the back-test corpus (the committed calibration):"},
    "cli.backtest.prefecture_per_plan": {
        "zh": "地级市规划合计；只计已公布至少2个值的判断；本项目不作判断时按0.5计；高置信误判：概率≥0.9或≤0.1却判错：",
        "en": "All prefecture-city targets; calls with ≥ 2 published values; ours without a call counts 0.5; "
              "confident wrong: p ≥ 0.9 or ≤ 0.1 on the wrong side:"},
    "cli.backtest.other": {
        "zh": "其他国家规划检验（留出）：欧盟成员国2020年可再生能源占比的国家约束性目标、“欧洲2020”研发经费投入强度"
              "国家目标、教育目标（早期离校者比例、30-34岁高等教育学历比例）和20-64岁人口就业率国家目标，"
              "用欧盟统计局公布的数值，在期限前五年中每年各判断一次，"
              "以实际结果计分；这些序列不在回测语料中，用随附的校准文件：",
        "en": "Other countries' plans (held out): EU member states' national binding 2020 targets for the share of "
              "renewable energy, Europe 2020 national R&D-intensity targets, education "
              "targets (early leavers, tertiary attainment) and employment-rate targets "
              "(ages 20-64), called on Eurostat's published values from each of the five as-of years "
              "before the deadline, scored on the outcome; these series are not in the back-test corpus (the "
              "committed calibration):"},
    "cli.backtest.other_per_plan": {
        "zh": "分组及合计；只计已公布至少2个值的判断；本项目不作判断时按0.5计；高置信误判：概率≥0.9或≤0.1却判错：",
        "en": "Per set, and all; calls with ≥ 2 published values; ours without a call counts 0.5; confident wrong: "
              "p ≥ 0.9 or ≤ 0.1 on the wrong side:"},
    "cli.backtest.plans_by_horizon": {
        "zh": "全部规划检验合计（国家（含早期规划）、省级、城市、地级市和其他国家），按判断时距截止年的年数（提前年数）；“1-3”即截止年前1至3年的判断；"
              "只计已公布至少2个值的判断；本项目不作判断时按0.5计；高置信误判：概率≥0.9或≤0.1却判错：",
        "en": "Every plan check pooled (national, older national, provincial, city, prefecture-city and other countries), by years between the call "
              "and the deadline (horizon; 1-3: the calls made 1 to 3 years before); calls with ≥ 2 published "
              "values; ours without a call counts 0.5; confident wrong: p ≥ 0.9 or ≤ 0.1 on the wrong side:"},
    "cli.backtest.base_rate": {
        "zh": "目标达成的基础比率（各规划目标通常的完成比例）是否改进判断？嵌套检验：每个规划的平移量只用其他规划学习"
              "（对数几率整体平移，按Brier分数选取）；“雄心目标”：本项目概率低于 {p} 的判断：",
        "en": "Would the base rate at which plan targets are met improve the calls? Nested: each plan's shift of "
              "the log-odds is learned on the other plans only (least Brier score); ambitious: the calls ours "
              "puts below {p}:"},
    "cli.build.wrote": {"zh": "已写入 {path}({rows} 行){flag}", "en": "wrote {path} ({rows} rows){flag}"},
    "cli.build.wrote_manifest": {"zh": "已写入 {path}({inputs} 个输入、{outputs} 个输出的 sha256)",
                                 "en": "wrote {path} (sha256 of {inputs} inputs, {outputs} outputs)"},
    "cli.build.illustrative": {"zh": "  [示例数据 ILLUSTRATIVE]", "en": "  [ILLUSTRATIVE 示例数据]"},
    "cli.option_error": {"zh": "选项 {option}:{message}", "en": "option {option}: {message}"},
    "cli.xlsx_needs_output": {"zh": "--format xlsx 需要 --output 路径.xlsx",
                              "en": "--format xlsx needs --output PATH.xlsx"},
    "cli.hint_skip_unknown": {"zh": "提示:如这些是本规划以外的指标(统计表常附带其他指标),请加 --skip-unknown 跳过这些行"
                                    "(会列出跳过了哪些);如是目录中的指标换了写法,请改用目录中的名称或代码",
                              "en": "hint: if these are indicators outside the plan (a bureau's table often has others), "
                                    "add --skip-unknown to leave their rows out (they are listed); if they are the "
                                    "catalogue's indicators written another way, use the catalogue's name or id"},
    # after the problems of an input file, what the command did not do and what to do next
    "cli.internal_error": {"zh": "出错：程序内部错误（{error}），不是输入文件的格式问题；未生成结果。详细信息已写入 {path}，"
                                 "请把该文件和所用命令发给维护者。",
                           "en": "error: an internal error of the program ({error}), not a problem of the input's "
                                 "format; nothing was written. The details are in {path}: please send that file and "
                                 "the command to the maintainers."},
    "cli.internal_error_no_file": {"zh": "出错：程序内部错误（{error}），不是输入文件的格式问题；未生成结果。"
                                         "请把所用命令发给维护者（设置环境变量 ANALYSIS_DEBUG=1 可看到详细信息{path}）。",
                                   "en": "error: an internal error of the program ({error}), not a problem of the "
                                         "input's format; nothing was written. Please send the command to the "
                                         "maintainers (set ANALYSIS_DEBUG=1 to see the details{path})."},
    "cli.input_failed": {"zh": "未完成：输入有{n}处问题，见上方各行（每行开头是文件名、行号和列）。"
                               "改正后重新运行；python -m analysis validate 文件 可列出读取情况。",
                         "en": "Not done: the input has {n} problem(s) (each line above: FILE:ROW:COLUMN: problem). "
                               "Fix them and run again; python -m analysis validate FILE lists "
                               "what was read."},
    "cli.input_failed.explore": {"zh": "未启动情景模拟：输入有{n}处问题，见上方各行（每行开头是文件名、行号和列）。"
                                       "改正后重新运行；python -m analysis validate 文件 可列出读取情况。",
                                 "en": "The scenario explorer was not started: the input has {n} problem(s) (each line "
                                       "above: FILE:ROW:COLUMN: problem). Fix them and run again; python -m analysis "
                                       "validate FILE lists what was read."},
    "cli.input_failed.report": {"zh": "未生成报告：输入有{n}处问题，见上方各行（每行开头是文件名、行号和列）。"
                                      "改正后重新运行；python -m analysis validate 文件 可列出读取情况。",
                                "en": "No report written: the input has {n} problem(s) (each line above: "
                                      "FILE:ROW:COLUMN: problem). Fix them and run again; python -m analysis "
                                      "validate FILE lists what was read."},
    # one sentence per operating-system error: what happened to which path, and what to do
    "cli.os.ENOSPC": {"zh": "磁盘空间不足,无法写入 {path}:请清理磁盘空间后重新运行。",
                      "en": "No space left on the disk to write {path}: free some space and run the command again."},
    "cli.os.EDQUOT": {"zh": "磁盘配额已满,无法写入 {path}:请清理空间或申请更大配额后重新运行。",
                      "en": "Disk quota exceeded writing {path}: free some space or ask for a larger quota, then run again."},
    "cli.os.EROFS": {"zh": "{path} 位于只读文件系统,无法写入:请改用可写的文件夹(如 --out,或设置 ANALYSIS_PROCESSED_DIR / ANALYSIS_REPORTS_DIR)。",
                     "en": "{path} is on a read-only file system: write to another folder (--out, or set "
                           "ANALYSIS_PROCESSED_DIR / ANALYSIS_REPORTS_DIR)."},
    "cli.os.EACCES": {"zh": "没有权限访问 {path}:请检查该文件或文件夹的权限,或改用其他位置。",
                      "en": "Permission denied for {path}: check the permissions of that file or folder, or use another location."},
    "cli.os.ENOENT": {"zh": "找不到 {path}:请检查路径是否正确,所在文件夹是否存在。",
                      "en": "{path} does not exist: check the path and that its folder exists."},
    "cli.os.ENOTDIR": {"zh": "{path} 中有一部分不是文件夹:请检查路径。",
                       "en": "Part of {path} is not a folder: check the path."},
    "cli.os.EISDIR": {"zh": "{path} 是文件夹,这里需要文件:请给出文件路径。",
                      "en": "{path} is a folder where a file is needed: give the path of a file."},
    "cli.os.EEXIST": {"zh": "{path} 已存在:请删除它或换一个名称。",
                      "en": "{path} already exists: remove it or choose another name."},
    "cli.os.ENOTEMPTY": {"zh": "文件夹 {path} 不为空:请清空它或换一个文件夹。",
                         "en": "The folder {path} is not empty: empty it or choose another folder."},
    "cli.os.EWOULDBLOCK": {"zh": "另一个进程正在写入同一输出(锁文件 {path}):请等待其完成后重新运行。",
                           "en": "Another run is writing the same output (lock {path}): wait for it to finish and run again."},
    "cli.os.EMFILE": {"zh": "打开的文件过多,处理 {path} 时失败:请关闭其他程序后重新运行。",
                      "en": "Too many open files while handling {path}: close other programs and run again."},
    "cli.os.EIO": {"zh": "读写 {path} 时发生输入/输出错误:请检查磁盘或网络驱动器后重新运行。",
                   "en": "Input/output error on {path}: check the disk or network drive and run again."},
    "cli.os.other": {"zh": "处理 {path} 时发生系统错误({reason}):请检查该路径后重新运行。",
                     "en": "System error on {path} ({reason}): check that path and run again."},
    "cli.os.unknown_path": {"zh": "(未知路径)", "en": "(unknown path)"},
}
