"""Words of the scenario explorer app (controls, answers, downloads, errors, the server)."""

MESSAGES = {
    "explorer.title": {"zh": "情景模拟:目标能否按期实现?", "en": "Scenario explorer: will the target be met on time?"},
    # the page's introduction (the app shows it in its language; the notebook's prose is for Lab)
    "explorer.intro.what_if": {"zh": "如果……会怎样？选择地区、指标和情景类型，拖动滑块，即可看到到期限的路径、能否按期实现、"
                                     "达标概率，以及每年还需要的增长或新增量。",
                               "en": "What if …? Choose a region, an indicator and a scenario type and move the sliders: "
                                     "the chart shows the path to the deadline, whether and when the target is reached, "
                                     "the probability of meeting it, and what is still needed per year."},
    "explorer.intro.types": {"zh": "情景类型：趋势预测 · 自定年增长率 · 每年固定新增 · 证书存量（高新技术企业证书有效期三年："
                                   "新认定＋重新认定－到期）· 存量÷人口（每万人发明专利拥有量：上年＋授权－失效）· 平台/机构存量。",
                             "en": "Scenario types: trend forecast · growth rate · additions per year · certificates "
                                   "(high-tech certificates are valid three years: new + renewed − expired) · stock per "
                                   "10,000 residents (patents held = previous + grants − lapses) · platforms and institutions."},
    "explorer.intro.score": {"zh": "考核评分：各目标进度（封顶100%）加权平均（默认等权，可修改），并显示权重扰动下任务或产业排名的变化。",
                             "en": "Composite score: progress per target capped at 100 %, weighted (equal by default, "
                                   "editable), with the ranking of tasks or sectors and how it moves when the weights "
                                   "are perturbed."},
    "explorer.intro.share": {"zh": "下载与上传：当前情景可下载为 JSON，上传后还原同样的数字；图表可下载为 PNG"
                                   "（屏幕大小；印刷用 300 dpi）或 SVG。上传统计局的监测数据文件（Excel、CSV），页面即改用这些数据。"
                                   "服务器上不保存任何内容。",
                             "en": "Download & upload: the scenario on screen downloads as JSON and uploads back to the "
                                   "same numbers; the chart downloads as PNG (screen size, or 300 dpi for print) or "
                                   "SVG. Upload the statistics bureau's monitoring file (Excel, CSV) and the page uses "
                                   "those data. Nothing is saved on the server."},
    "explorer.intro.illustrative": {"zh": "监测数据为示例数据（合成），非官方统计；人口为真实公开数据。",
                                    "en": "The monitoring data are illustrative (synthetic), not official statistics; "
                                          "the population series is real public data."},
    "explorer.intro.source": {"zh": "监测数据：{source}。", "en": "Monitoring data: {source}."},
    "explorer.questions_title": {"zh": "研究人员的三个问题", "en": "The researchers' three questions"},
    "explorer.questions_note": {"zh": "由上面应用所用的同一情景引擎回答，数字由数据计算。",
                                "en": "Answered by the scenario engine the app above uses, computed from the data."},
    "explorer.region": {"zh": "地区", "en": "Region"},
    "explorer.indicator": {"zh": "指标", "en": "Indicator"},
    "explorer.type": {"zh": "情景类型", "en": "Scenario"},
    "explorer.lang": {"zh": "语言", "en": "Language"},
    "explorer.growth": {"zh": "年增长率 %", "en": "Growth %/yr"},
    "explorer.additions": {"zh": "每年新增", "en": "Added per year"},
    "explorer.new_certifications": {"zh": "每年新认定(家)", "en": "New certifications/yr"},
    "explorer.grants": {"zh": "每年新增授权(件)", "en": "New patent grants/yr"},
    "explorer.openings": {"zh": "每年新建", "en": "Opened per year"},
    "explorer.renewal": {"zh": "到期重新认定率 %", "en": "Renewal rate %"},
    "explorer.population": {"zh": "人口年变化 %", "en": "Population %/yr"},
    "explorer.lapse": {"zh": "专利年失效率 %", "en": "Lapse rate %/yr"},
    "explorer.closure": {"zh": "年撤销率 %", "en": "Closure rate %/yr"},
    "explorer.seed": {"zh": "模拟编号（编号相同，结果相同）", "en": "Random seed (same seed, same result)"},
    # where the sliders start (analysis.model.scenarios.default_basis); {years} is [first, last]
    "explorer.start_recent": {"zh": "滑块起点：{years[0]}—{years[1]}年的实际走势。拖动滑块可试其他假设。",
                              "en": "The sliders start at the actual trend of {years[0]}–{years[1]}. Move them to "
                                    "try other assumptions."},
    "explorer.start_required": {"zh": "滑块起点：{deadline}年按期达标所需的速度（近年走势未朝目标方向变化，或变化过快）。"
                                      "拖动滑块可试其他假设。",
                                "en": "The sliders start at the pace needed to meet the target by {deadline} (the "
                                      "recent trend does not move towards it, or moves implausibly fast). Move them to "
                                      "try other assumptions."},
    "explorer.start_assumed": {"zh": "滑块起点：假设值（近年数据算不出这一速度，如数据太少，或从0起步算不出增长率）。"
                                     "拖动滑块可试其他假设。",
                               "en": "The sliders start at an assumed value (the recent data give no such pace: too "
                                     "few values, or no growth rate from zero). Move them to try other assumptions."},
    "explorer.start_scenario": {"zh": "滑块位置取自载入的情景文件。", "en": "The sliders are set from the loaded scenario."},
    "explorer.prob": {"zh": "按期达标概率", "en": "Probability of meeting it by the deadline"},
    "explorer.status": {"zh": "状态", "en": "Status"},
    "explorer.score_title": {"zh": "考核评分(各项目标完成度,封顶100%)",
                             "en": "Composite score (progress per target, capped at 100%)"},
    "explorer.by": {"zh": "排名口径", "en": "Rank"},
    "explorer.basis": {"zh": "评分依据", "en": "Score on"},
    "explorer.basis_latest": {"zh": "最新值", "en": "latest values"},
    "explorer.basis_projected": {"zh": "期限预测值", "en": "projected to deadline"},
    "explorer.spread": {"zh": "权重扰动 ±%", "en": "Weight noise ±%"},
    "explorer.equal": {"zh": "恢复等权", "en": "Equal weights"},
    "explorer.weights": {"zh": "权重(可编辑,随情景下载)", "en": "Weights (editable, saved with the scenario)"},
    "explorer.weight_of": {"zh": "{name}的权重", "en": "Weight of {name}"},
    "explorer.total": {"zh": "综合得分", "en": "Total score"},
    "explorer.group": {"zh": "分组", "en": "Group"},
    "explorer.score": {"zh": "得分", "en": "Score"},
    "explorer.rank": {"zh": "排名", "en": "Rank"},
    "explorer.rank_range": {"zh": "扰动后排名(5%–95%)", "en": "Rank under noise (5%–95%)"},
    "explorer.p_change": {"zh": "排名变动概率", "en": "P(rank changes)"},
    "explorer.total_range": {"zh": "权重扰动后综合得分(5%–95%)", "en": "Total under weight noise (5%–95%)"},
    "explorer.missing": {"zh": "{n}项目标无数据,未计入", "en": "{n} targets without data left out"},
    "explorer.swing": {"zh": "单项权重±变动对综合得分的影响(前5项)",
                       "en": "Effect of one weight ± noise on the total (top 5)"},
    "explorer.target_col": {"zh": "指标", "en": "Target"},
    "explorer.swing_col": {"zh": "综合得分范围", "en": "Total score range"},
    "explorer.by_task": {"zh": "按任务", "en": "by task"},
    "explorer.by_sector": {"zh": "按任务所涉产业", "en": "by the sectors the tasks name"},
    "explorer.by_indicator": {"zh": "按指标", "en": "by target"},
    "explorer.all": {"zh": "全区", "en": "district"},
    "explorer.controls": {"zh": "情景参数", "en": "Scenario"},
    "explorer.score_tab": {"zh": "考核评分", "en": "Composite score"},
    "explorer.share_tab": {"zh": "下载与上传", "en": "Download & upload"},
    "explorer.upload": {"zh": "上传情景(JSON)或监测数据(Excel、CSV)", "en": "Upload a scenario (JSON) or data (Excel, CSV)"},
    "explorer.download_json": {"zh": "下载当前情景(JSON)", "en": "Download this scenario (JSON)"},
    "explorer.download_png": {"zh": "下载图表(PNG)", "en": "Download the chart (PNG)"},
    "explorer.make_svg": {"zh": "生成印刷用图表(PNG、SVG)", "en": "Make the chart for print (PNG, SVG)"},
    "explorer.download_png_print": {"zh": "下载图表(PNG，{dpi} dpi)", "en": "Download the chart (PNG, {dpi} dpi)"},
    "explorer.download_svg": {"zh": "下载图表(SVG)", "en": "Download the chart (SVG)"},
    "explorer.share_help": {"zh": "下载的文件就是屏幕上的情景;上传它即可恢复同样的数字。",
                            "en": "The download is the scenario on screen; upload it to get the same numbers back."},
    "explorer.json": {"zh": "情景JSON(可复制分享)", "en": "Scenario JSON (copy to share)"},
    "explorer.loaded": {"zh": "已读取“{name}”。", "en": "Loaded “{name}”."},
    "explorer.error": {"zh": "错误", "en": "Error"},
    "explorer.problem": {"zh": "“{file}”{where}:{message}。", "en": "“{file}”{where}: {message}."},
    "explorer.problem_where": {"zh": "中的{column}", "en": ", {column}"},
    # where a problem is, read as a person says it (was "(1)"): a sheet, a line of a scenario file, a cell
    "explorer.problem_sheet": {"zh": "工作表“{sheet}”", "en": ", sheet “{sheet}”"},
    "explorer.problem_row": {"zh": "第{row}行", "en": ", line {row}"},
    "explorer.problem_cell": {"zh": "第{row}行{column}列", "en": ", row {row}, column {column}"},
    "explorer.problem_column": {"zh": "{column}列", "en": ", column {column}"},
    # ---- monitoring data: explore --data, ANALYSIS_DATA, an uploaded bureau file
    "explorer.data_loaded": {"zh": "已读取监测数据“{name}”:{regions};{n}项指标,{first}–{last}年。",
                             "en": "Loaded the monitoring data “{name}”: {regions}; {n} targets, {first}–{last}."},
    "explorer.data_notes": {"zh": "读取时的提示:", "en": "Notes from reading the file:"},
    "explorer.data_more_notes": {"zh": "另有{n}条提示(python -m analysis validate 文件 可列出全部)。",
                                 "en": "{n} more notes (python -m analysis validate FILE lists them all)."},
    "explorer.data_upload_failed": {"zh": "监测数据“{name}”未能读取,页面仍显示原来的数据。请按下面的位置(文件、行、列)修改后再上传:",
                                    "en": "The monitoring data “{name}” could not be read; the page still shows the data it "
                                          "had. Correct the file at the places below (file, row, column) and upload it again:"},
    "explorer.data_too_big": {"zh": "文件过大,无法在页面上传(上限{mb} MB);请用 python -m analysis explore --data 文件 启动。",
                              "en": "the file is too large to upload in the page (limit {mb} MB); start the app with "
                                    "python -m analysis explore --data FILE instead"},
    "explorer.data_failed_title": {"zh": "无法读取监测数据,情景模拟未能启动", "en": "The monitoring data could not be read; "
                                                                          "the scenario explorer did not start"},
    "explorer.data_failed_next": {"zh": "请按上面的位置(文件、行、列)修改文件后重新启动:python -m analysis explore --data 文件"
                                        "(也可先用 python -m analysis validate 文件 检查)。",
                                  "en": "Correct the file at the places above (file, row, column), then start again: "
                                        "python -m analysis explore --data FILE (python -m analysis validate FILE checks "
                                        "it first)."},
    "explorer.data_os_error": {"zh": "无法读取该文件({reason})。", "en": "cannot read the file ({reason})"},
    "explorer.serve_data": {"zh": "监测数据:{files}(已检查,{n}个观测值)", "en": "Monitoring data: {files} (checked, {n} values)"},
    "explorer.not_in_data": {"zh": "数据中没有{what}“{value}”,该情景无法显示。",
                             "en": "the data have no {what} “{value}”; the scenario cannot be shown"},
    "explorer.what_region": {"zh": "地区", "en": "region"},
    "explorer.what_indicator": {"zh": "指标", "en": "indicator"},
    "explorer.type_not_applicable": {"zh": "情景类型“{type}”不适用于该指标。",
                                     "en": "scenario type “{type}” does not apply to this indicator"},
    "explorer.upload_empty": {"zh": "上传的文件是空的。", "en": "the uploaded file is empty"},
    "explorer.failed": {"zh": "无法计算该情景:{message}", "en": "This scenario cannot be computed: {message}"},
    "explorer.chart_alt_none": {"zh": "没有可显示的图表。", "en": "No chart to show."},
    "explorer.note": {"zh": "注:{note}", "en": "Note: {note}"},
    "explorer.type.trend": {"zh": "趋势预测", "en": "trend forecast"},
    "explorer.type.growth": {"zh": "自定年增长率", "en": "annual growth rate"},
    "explorer.type.additions": {"zh": "每年固定新增", "en": "additions per year"},
    "explorer.type.certificates": {"zh": "证书存量(新认定+重新认定-到期)",
                                   "en": "certificates (new + renewed - expired)"},
    "explorer.type.per_capita": {"zh": "存量÷人口(每万人)", "en": "stock per 10,000 residents"},
    "explorer.type.stock": {"zh": "平台/机构存量(新建-撤销)", "en": "platforms/institutions (opened - closed)"},
    # ---- the server (python -m analysis explore)
    "explorer.serve_url": {"zh": "情景模拟已启动,请在浏览器中打开:{url}  (按Ctrl+C停止)",
                           "en": "Scenario explorer running; open {url} in a browser  (Ctrl+C to stop)"},
    "explorer.serve_lan": {"zh": "局域网共享:同事可用此地址(含访问令牌)打开;令牌请只发给需要的人。",
                           "en": "Shared on the LAN: colleagues open this address (with its token); give the "
                                 "token only to people who need it."},
    "explorer.serve_stopped": {"zh": "情景模拟已停止,所有内核已关闭。", "en": "Scenario explorer stopped; every kernel shut down."},
    "explorer.serve_no_notebook": {"zh": "找不到笔记本:{path}", "en": "notebook not found: {path}"},
    "explorer.serve_bad_port": {"zh": "--port必须在1到65535之间,而不是{port}。", "en": "--port must be 1-65535, got {port}"},
    "explorer.serve_no_voila": {"zh": "未安装Voila:请安装项目的全部依赖(pip install -e .[app])。",
                                "en": "Voila is not installed: install the project's dependencies (pip install -e .[app])."},
    "explorer.serve_failed": {"zh": "Voila服务器启动失败(退出码{code})。", "en": "the Voila server failed to start (exit code {code})"},
    "explorer.too_many": {"zh": "当前打开的页面过多(上限{n}个),请稍后再试或关闭其他页面。",
                          "en": "Too many open pages (limit {n}); try again later or close another page."},
}
