"""Words of the scorecard: stages, notes in the table, the summary, the region overview."""

MESSAGES = {
    # stages of the plan (the ``stage`` column stores the English key)
    "scorecard.stage.before deadline": {"zh": "期限前(预测)", "en": "before the deadline (forecast)"},
    "scorecard.stage.deadline observed": {"zh": "期限年已有实际值", "en": "deadline year observed"},
    "scorecard.stage.deadline not reported": {"zh": "期限已过但期限年未报", "en": "deadline passed, year not reported"},
    "scorecard.stage.met early": {"zh": "提前达标(需保持)", "en": "met early (to be held)"},
    # notes (the table's ``note`` column is English; zh for people)
    "scorecard.note.no_deadline": {"zh": "规划未设期限:按规划期末{deadline}年评估",
                                   "en": "no deadline in the plan: judged at the horizon {deadline}"},
    "scorecard.note.no_observations": {"zh": "无观测值", "en": "no observations"},
    "scorecard.note.flow_early": {"zh": "流量指标已达目标值,但须在{deadline}年达到",
                                  "en": "flow: already at the target, but it must be met in {deadline}"},
    "scorecard.note.growth_from": {"zh": "最新年份不晚于基期{base}年:增速自{start}年起算",
                                   "en": "latest year is not after the baseline {base}: growth measured from {start}"},
    "scorecard.note.single_point": {"zh": "仅一个数据点:无法计算增速",
                                    "en": "a single data point: no growth can be measured"},
    "scorecard.note.nonpositive": {"zh": "{which}值为{word}:复合增速无定义,改用年均增量",
                                   "en": "{which} value is {word}: compound growth undefined, absolute change used"},
    "scorecard.note.milestone": {"zh": "已于{year}年完成", "en": "milestone reached in {year}"},
    "scorecard.note.observed": {"zh": "期限{deadline}年实际值{value},目标{comparator}{target}:完成率{rate}",
                                "en": "deadline {deadline} observed: {value} against {comparator}{target}, "
                                      "completion rate {rate}"},
    "scorecard.note.not_reported": {"zh": "期限{deadline}年无数据,不作预测;{around}",
                                    "en": "deadline {deadline} not reported, no forecast made; {around}"},
    "scorecard.note.nearest": {"zh": "{year}年为{value}({verdict})", "en": "{year}: {value} ({verdict})"},
    "scorecard.note.nothing_near": {"zh": "前后年份均无数据", "en": "no years before or after it"},
    "scorecard.note.meets": {"zh": "达到目标", "en": "meets the target"},
    "scorecard.note.misses": {"zh": "未达目标", "en": "short of the target"},
    "scorecard.note.met_early": {"zh": "已于{year}年达标,需保持",
                                 "en": "met in {year}; to be held"},
    "scorecard.note.held_unreported": {"zh": "期限{deadline}年未报,此后未见低于目标的数据",
                                       "en": "deadline {deadline} not reported; no value since misses the target"},
    "scorecard.note.few_points": {"zh": "观测值少于{n}个", "en": "fewer than {n} observations"},
    # baseline choice
    "scorecard.baseline.argument": {"zh": "命令参数 --baseline", "en": "the --baseline argument"},
    "scorecard.baseline.catalogue": {"zh": "目标清单的基期列", "en": "the catalogue's baseline column"},
    "scorecard.baseline.first observed": {"zh": "首个观测年份", "en": "the first observed year"},
    # summary
    "scorecard.summary.title": {"zh": "目标完成情况评估", "en": "Target attainment scorecard"},
    "scorecard.summary.as_of": {"zh": "数据截至{as_of}年", "en": "data as of {as_of}"},
    "scorecard.table_legend": {"zh": "* 规划未设期限,按规划期末评估;完成率 = 期限年实际值 ÷ 目标值;"
                                     "? = 期限年未报,列出前后年份;详见 docs/attainment.md",
                               "en": "* = no deadline in the plan, judged at the horizon; = x% = completion rate "
                                     "(actual / target in the deadline year); ? = deadline year not reported, "
                                     "nearest years shown; need/yr = growth still required from the latest value; "
                                     "actual/yr = since the baseline; see docs/attainment.md"},
    "scorecard.summary.baseline": {"zh": "基期:{baseline}", "en": "baseline: {baseline}"},
    "scorecard.summary.regions": {"zh": "地区:{n}个({names})", "en": "Regions: {n} ({names})"},
    "scorecard.summary.targets": {"zh": "目标:{n}项(地区×目标)", "en": "Targets: {n} (region x target)"},
    "scorecard.summary.source": {"zh": "数据来源:{source}", "en": "Source: {source}"},
    "scorecard.summary.untargeted": {"zh": "未设目标、未评估的地区指标:{items}",
                                     "en": "Not judged (no target for the region): {items}"},
    "scorecard.summary.counts": {"zh": "各地区状态计数(不跨地区平均)", "en": "Status counts by region (no averaging across regions)"},
    "scorecard.summary.hint_as_of": {"zh": "{n}项目标的期限已过但期限年未报:不作预测。如需期限前的预测,可用 --as-of {year}",
                                     "en": "{n} targets' deadline has passed but its year is not reported: no forecast "
                                           "is made. For a forecast from the years before it, use --as-of {year}"},
    "scorecard.summary.stages": {"zh": "评估阶段", "en": "Stages"},
    # region overview / ranking (figures and tables)
    "scorecard.region": {"zh": "地区", "en": "region"},
    "scorecard.indicator": {"zh": "指标", "en": "indicator"},
    "scorecard.rank": {"zh": "位次", "en": "rank"},
    "scorecard.n_targets": {"zh": "目标数", "en": "targets"},
    "scorecard.share_achieved": {"zh": "已完成比例", "en": "share achieved"},
    "scorecard.overview_title": {"zh": "各地区目标状态总览", "en": "Status of every target in every region"},
    "scorecard.ranking_title": {"zh": "地区排名:已完成与按期可达的目标数",
                                "en": "Regions ranked: targets achieved or on track"},
    "scorecard.ranking_axis": {"zh": "目标数(项)", "en": "number of targets"},
    "scorecard.no_target": {"zh": "未设目标", "en": "no target"},
    "scorecard.ranking_note": {"zh": "按各地区自身目标计数,不跨地区平均",
                               "en": "counts of each region's own targets; nothing averaged across regions"},
    # figure words
    "scorecard.fig.prob": {"zh": "按期达标概率", "en": "probability of meeting the target"},
    "scorecard.fig.prob_or_rate": {"zh": "达标概率(期限前)/ 完成率(期限年)",
                                   "en": "probability (before deadline) / completion rate (deadline year)"},
    "scorecard.fig.title": {"zh": "目标完成情况", "en": "Target attainment"},
    "scorecard.fig.rate": {"zh": "完成率{rate}", "en": "{rate} of target"},
    "scorecard.fig.met_in": {"zh": "{year}年已达标", "en": "met in {year}"},
    "scorecard.fig.not_reported": {"zh": "期限年未报", "en": "deadline year not reported"},
    "scorecard.fig.actual": {"zh": "期限年实际值", "en": "actual in the deadline year"},
    "scorecard.fig.rate_axis": {"zh": "完成率(期限年实际值 ÷ 目标值)",
                                "en": "completion rate (actual in the deadline year ÷ target)"},
}
