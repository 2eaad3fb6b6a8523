"""Words of the figures: caption line, registry titles, sector charts.

Units and place names are not here: see :mod:`analysis.i18n.names`.
"""

MESSAGES = {
    "figures.paren": {"zh": "（{text}）", "en": " ({text})"},
    # caption line (analysis.viz.style.caption_text)
    "figures.caption_source": {"zh": "资料来源：{source}", "en": "Source: {source}"},
    "figures.caption_as_of": {"zh": "数据截至{year}年", "en": "data as of {year}"},
    "figures.caption_latest": {"zh": "数据截至最新年份", "en": "latest data"},
    "figures.caption_sep": {"zh": "；", "en": "; "},
    "figures.caption_end": {"zh": "。", "en": "."},
    # report context captions (analysis.app.figures.ReportContext.caption)
    "figures.public_source": {"zh": "公开统计资料(见 data/raw/sources.csv)",
                              "en": "published statistics (see data/raw/sources.csv)"},
    "figures.public_short": {"zh": "公开统计资料", "en": "published statistics"},
    "figures.source_join": {"zh": "{a}、{b}", "en": "{a}; {b}"},
    "figures.no_data": {"zh": "无可用数据", "en": "no data available"},
    # why a figure is left out (analysis.app.figures.NotApplicable)
    "figures.na": {"zh": "不适用：{why}", "en": "not applicable: {why}"},
    "figures.na.no_sector_target": {"zh": "目标清单中没有可按产业加总的目标 {indicator}",
                                    "en": "the catalogue has no sector-additive target {indicator}"},
    "figures.na.no_backtest": {"zh": "没有足够长的真实公开序列可做回测",
                               "en": "no real public series with enough points to back-test"},
    # (an unreported deadline year is judged on nothing: "按实际值判定" alone claimed a verdict; stop 43)
    "figures.na.no_growth_left": {"zh": "没有尚在期限内、需要计算所需增速的目标（期限年已有实际值或已过期限：有实际值的按实际值判定，未报的须补报后判定）",
                                  "en": "no target has time left that needs a growth rate (each deadline year is "
                                        "reported or past: judged on its actual value where reported, else once "
                                        "it is reported)"},
    "figures.na.no_growth_rate_kind": {"zh": "尚在期限内的目标均为比重、计数或里程碑类，其进度按每年百分点或个数计（见考核评价表），不按增速作图",
                                       "en": "the targets with time left are all shares, counts or milestones, whose "
                                             "pace is in points or things a year (see the scorecard), not a growth rate"},
    "figures.na.questions_deadline_passed": {"zh": "数据已到{year}年，情景问答所涉目标的期限（{deadline}年）已过：有期限年实际值的按实际值判定，未报的须补报后判定；不作情景模拟",
                                             "en": "the data reach {year}, past the deadline ({deadline}) of the "
                                                   "questions' targets: judged on the deadline year's actual value "
                                                   "where reported, else once it is reported; no what-if"},
    "figures.na.no_question_indicators": {"zh": "目标清单和数据中都没有情景问答所需的指标（{ids}）",
                                          "en": "neither the catalogue nor the data have the questions' indicators ({ids})"},
    "figures.na.one_region": {"zh": "数据只有一个地区，没有地区可比较；各目标状态见图 01",
                              "en": "the data have one region: no regions to compare; see figure 01 for every "
                                    "target's status"},
    "figures.na.no_observations": {"zh": "没有可评分的监测数据", "en": "no observations to score"},
    "figures.na.no_scored_target": {"zh": "目标清单中没有一项目标有监测值可评分",
                                    "en": "no target of the catalogue has an observation to score"},
    "figures.na.too_few_groups": {"zh": "目标清单中有数据的任务或产业不足两个，无法排名",
                                  "en": "the catalogue names fewer than two tasks or sectors with data to rank"},
    "figures.na.no_public_series": {"zh": "没有指标有可比的公开统计序列",
                                    "en": "no catalogue indicator has a comparable public series"},
    # registry titles (analysis.app.figures)
    "figures.title.scorecard": {"zh": '目标完成情况:按期达标概率、完成率与状态', "en": 'Scorecard: probability of meeting each target or its completion rate, and status'},
    "figures.title.growth": {"zh": '实际年均增速与所需年均增速', "en": 'Actual growth vs growth still required'},
    "figures.title.label_agreement": {"zh": '三种进度判定方法与状态对照', "en": 'Three progress labels and the status, side by side'},
    "figures.title.fan_charts": {"zh": '各指标走势与目标（期限未到的附预测区间）', "en": 'Each indicator against its target (with the forecast where the deadline is ahead)'},
    "figures.title.region_overview": {"zh": '各地区目标状态总览', "en": 'Status of every target in every region'},
    "figures.title.region_ranking": {"zh": '地区排名:已完成与按期可达的目标数', "en": 'Regions ranked by targets achieved or on track'},
    "figures.title.scenario_questions": {"zh": '情景问答:增速、高新技术企业认定与人口变化', "en": 'Scenario questions: growth rate, high-tech certifications, shrinking population'},
    "figures.title.score_sensitivity": {"zh": '考核评分及权重扰动下的排名范围', "en": 'Composite score and rank ranges under weight perturbation'},
    "figures.title.ledger_status": {"zh": '任务台账:各项任务各报告期进展状态', "en": 'Task ledger: status of each task by reporting period'},
    "figures.title.ledger_units": {"zh": '任务台账:各责任单位任务进展', "en": 'Task ledger: tasks by responsible unit'},
    "figures.title.ledger_phases": {"zh": '任务台账:按完成阶段统计的任务状态', "en": 'Task ledger: task status by due phase'},
    "figures.title.ledger_late": {"zh": '对照建设进度安排的滞后任务', "en": "Tasks late against the plan's phases"},
    "figures.title.ledger_consistency": {"zh": '台账与量化目标一致性核查', "en": 'Task ledger against the quantified targets'},
    "figures.title.benchmark_levels": {"zh": '与全省、全国比较:水平', "en": 'Beside Gansu and China: levels'},
    "figures.title.benchmark_growth": {"zh": '与全省、全国比较:年均增速', "en": 'Beside Gansu and China: average annual growth'},
    "figures.title.sector_trends": {"zh": "重点产业产值走势", "en": "Output of the plan's sectors"},
    "figures.title.sector_rank_slope": {"zh": "产业技术合同交易额位次变化",
                                        "en": "Sector ranks by technology-contract turnover, first and last year"},
    "figures.title.sector_heatmap": {"zh": "产业指标标准化得分", "en": "Sector metrics, standardised scores"},
    "figures.title.sector_contribution": {"zh": "各产业对技术合同成交额的贡献",
                                          "en": "Sector contributions to technology-contract turnover"},
    "figures.title.calibration": {"zh": "预测区间校准:名义与实际覆盖率",
                                  "en": "Forecast interval calibration: nominal vs actual coverage"},
    "figures.title.brier": {"zh": "达标判断:本项目方法与直线、复合增速外推比较",
                            "en": "Calling targets: ours vs straight line vs compound growth"},
    # sector charts (analysis.viz.sectors)
    "figures.sectors.others": {"zh": "其他行业", "en": "other sectors"},
    "figures.sectors.trend_title": {"zh": "{label} · {region}", "en": "{label} · {region}"},
    "figures.sectors.index_title": {"zh": "{label}:指数({base}年=100) · {region}",
                                    "en": "{label}: index ({base} = 100) · {region}"},
    "figures.sectors.rank_title": {"zh": "{label}:行业排名 {a}→{b}(1=最大)· {region}",
                                   "en": "{label}: sector rank {a}→{b} (1 = largest) · {region}"},
    "figures.sectors.z_label": {"zh": "标准分数 z", "en": "z"},
    "figures.sectors.heatmap_title": {"zh": "各行业指标标准分数(z,{year}年)· {region}",
                                      "en": "Sector metrics, standardised across sectors (z, {year}) · {region}"},
    "figures.sectors.target_line": {"zh": "{year}年目标 {value} {unit}", "en": "{year} target {value} {unit}"},
    "figures.sectors.contribution_title": {"zh": "{name}:各行业贡献 · {region}",
                                           "en": "{name}: contribution by sector · {region}"},
    # notebook 03, sector comparison (printed summaries)
    "figures.nb03.data": {"zh": "数据: {source};示例数据: {illustrative}", "en": "data: {source}; illustrative: {illustrative}"},
    "figures.nb03.yes": {"zh": "是", "en": "yes"},
    "figures.nb03.no": {"zh": "否", "en": "no"},
    "figures.nb03.shape": {"zh": "{sectors} 个行业, {metrics} 项指标, {first}-{last}年",
                           "en": "{sectors} sectors, {metrics} metrics, {first}-{last}"},
    "figures.nb03.contribution": {
        "zh": "{indicator}: {year}年全区 {total}{unit}(目标 {target}, 差距 {gap});三个重点行业占 {focus_share}%,"
              "完成目标的 {focus_of_target}%,贡献了{base_year}年以来缩小差距的 {gap_closed}%;"
              "最大贡献行业 {top}({top_share}%)",
        "en": "{indicator}: district {total}{unit} in {year} (target {target}, gap {gap}); the three focus sectors "
              "hold {focus_share}%, {focus_of_target}% of the target, and closed {gap_closed}% of the gap since "
              "{base_year}; largest: {top} ({top_share}%)"},
    "figures.nb03.focus": {
        "zh": "{metric}: 重点行业占比 {share_a}% ({year_a}) -> {share_b}% ({year_b});年均增长 重点 {focus_cagr}% / 其他 {rest_cagr}%",
        "en": "{metric}: focus share {share_a}% ({year_a}) -> {share_b}% ({year_b}); growth a year: focus {focus_cagr}% / rest {rest_cagr}%"},
    "figures.nb03.ranks": {
        "zh": "{metric}: 上升最多 {up} ({up_a}->{up_b}),下降最多 {down} ({down_a}->{down_b})",
        "en": "{metric}: climbed most {up} ({up_a}->{up_b}), fell most {down} ({down_a}->{down_b})"},
    "figures.nb03.growth": {
        "zh": "{metric}: 增长最快 {fast} {fast_cagr}%/年,最慢 {slow} {slow_cagr}%/年",
        "en": "{metric}: fastest {fast} {fast_cagr}%/yr, slowest {slow} {slow_cagr}%/yr"},
    # the attainment charts' labels (analysis.viz.attainment: scorecard, growth, labels, fan charts)
    "figures.att.history": {"zh": '实际值', "en": 'observed'},
    "figures.att.target": {"zh": '目标', "en": 'target'},
    "figures.att.deadline": {"zh": '期限', "en": 'deadline'},
    "figures.att.forecast": {"zh": '预测', "en": 'forecast'},
    "figures.att.band80": {"zh": '80%区间', "en": '80% interval'},
    "figures.att.band95": {"zh": '95%区间', "en": '95% interval'},
    "figures.att.band95_clipped": {"zh": '95%区间上端超出图幅', "en": '95% band runs above the chart'},
    "figures.att.bands_clipped": {"zh": '80%、95%区间上端超出图幅', "en": '80% and 95% bands run above the chart'},
    "figures.att.year": {"zh": '年份', "en": 'year'},
    "figures.att.actual": {"zh": '实际年均增速', "en": 'actual growth a year'},
    "figures.att.required": {"zh": '所需年均增速', "en": 'growth still required a year'},
    "figures.att.growth": {"zh": '年均增速(%)', "en": 'growth a year (%)'},
    "figures.att.prob": {"zh": '按期达标概率', "en": 'probability of meeting the target'},
    "figures.att.scorecard": {"zh": '目标完成情况', "en": 'Target attainment'},
    "figures.att.growth_title": {"zh": '实际增速与所需增速', "en": 'Actual vs required growth'},
    "figures.att.labels_title": {"zh": '三种进展判断与综合状态', "en": 'Three progress labels and the status'},
    "figures.att.disagree": {"zh": '三种判断不一致', "en": 'rules disagree'},
    "figures.att.eurostat": {"zh": '欧盟统计局\n(增速比)', "en": 'Eurostat\n(growth ratio)'},
    "figures.att.anticipated": {"zh": '亚太经社会\n(预期进展)', "en": 'ESCAP\n(anticipated)'},
    "figures.att.schedule": {"zh": '序时进度', "en": 'schedule\nprogress'},
    "figures.att.status": {"zh": '综合状态', "en": 'status'},
    "figures.att.met": {"zh": "已达标", "en": "met"},
    "figures.att.left_out": {"zh": "另有{n}项（里程碑、比重类、计数类、零值或已到期）未列出；比重类按百分点、计数类按年均增加数见正文",
                             "en": "{n} more not shown (milestones, shares, counts, zero values or past deadlines); "
                                   "the pace of shares (percentage points) and counts (things a year) is in the text"},
}
