"""Words the story-telling notebooks print (``notebooks/NN_*.ipynb``): their summary lines,
rule explanations and findings, with the numbers as format fields.

Keys are ``notebooks.nbNN.*`` by notebook. Notebook 03's sentences are in
:mod:`analysis.i18n.figures` (``figures.nb03.*``); method and plan names shared with the
figures in :mod:`analysis.i18n.forecast`.
"""

MESSAGES = {
    # notebook 01, indicator trends
    "notebooks.nb01.summary": {"zh": "{indicators} 项指标,{first}-{last}年,共 {n} 个观测值",
                               "en": "{indicators} indicators, {first}-{last}, {n} observations"},
    # notebook 02, target attainment: the three progress rules' thresholds
    "notebooks.nb02.rule_eurostat": {
        "zh": "欧盟统计局: 增速比 >= {on_track:.0%} 按期, >= {acceleration:.0%} 需加速, >= 0 进展有限, < 0 背离目标",
        "en": "Eurostat: on track >= {on_track:.0%}, acceleration needed >= {acceleration:.0%}, "
              "limited progress >= 0, moving away < 0"},
    "notebooks.nb02.rule_escap": {
        "zh": "亚太经社会: 预期比 >= {expected} 预期可达, >= {progress} 需加速, 否则停滞或倒退",
        "en": "ESCAP:    expected to achieve >= {expected}, acceleration needed >= {progress}, "
              "else stagnation or regression"},
    "notebooks.nb02.rule_schedule": {
        "zh": "序时进度: 完成比例与时间比例相差不超过 ±{tolerance:.0%} 为符合序时进度",
        "en": "Schedule:  on schedule within +-{tolerance:.0%} of the elapsed time share"},
    # notebook 06, forecast calibration: the corpus
    "notebooks.nb06.corpus": {
        "zh": "真实公开序列 {series} 条,回测案例 {cases} 个(预测起点 × 目标年,1-{max_h}年),数据截至 {last_year} 年。",
        "en": "{series} real public series, {cases} back-test cases (origin x target year, 1-{max_h} years "
              "ahead), data up to {last_year}."},
    # the coverage table's headings (columns of the back-test table)
    "notebooks.nb06.col.horizon": {"zh": "预测步长(年)", "en": "years ahead"},
    "notebooks.nb06.col.n": {"zh": "案例数", "en": "cases"},
    "notebooks.nb06.col.coverage_80_before": {"zh": "80%区间·校准前", "en": "80% before"},
    "notebooks.nb06.col.coverage_80_after_cv": {"zh": "80%区间·校准后", "en": "80% after"},
    "notebooks.nb06.col.coverage_95_before": {"zh": "95%区间·校准前", "en": "95% before"},
    "notebooks.nb06.col.coverage_95_after_cv": {"zh": "95%区间·校准后", "en": "95% after"},
    "notebooks.nb06.coverage": {
        "zh": "校准前:80%区间包住了 {b80:.0%} 的实际值,95%区间包住了 {b95:.0%};校准后(留一序列):{a80:.0%} 和 {a95:.0%}。",
        "en": "Before calibration the 80% interval held {b80:.0%} of outcomes and the 95% interval {b95:.0%}; "
              "after (leave-one-series-out): {a80:.0%} and {a95:.0%}."},
    "notebooks.nb06.calibration_verdict_ok": {
        "zh": "与名义值相差在{points}个百分点以内即可视为校准良好。",
        "en": "Within {points} percentage points of nominal: well calibrated."},
    "notebooks.nb06.calibration_verdict_off": {
        "zh": "校准后仍与名义值相差超过{points}个百分点,区间需谨慎使用。",
        "en": "Still more than {points} points off nominal after calibration: use the intervals with care."},
    # calling targets: ours vs the hand rules
    "notebooks.nb06.check.pooled": {"zh": "回测合计", "en": "pooled back-test"},
    "notebooks.nb06.check.national": {"zh": "国家规划检验", "en": "national plan check"},
    "notebooks.nb06.pooled_brier": {
        "zh": "回测合计:本项目方法 Brier {ours:.3f},{verdict}直线外推({straight_line:.3f})和复合增速外推({cagr:.3f})。",
        "en": "Pooled back-test: our Brier score {ours:.3f} is {verdict} the straight line ({straight_line:.3f}) "
              "and compound growth ({cagr:.3f})."},
    "notebooks.nb06.below": {"zh": "低于", "en": "below"},
    "notebooks.nb06.not_below": {"zh": "并非全部低于", "en": "not below both"},
    # the national-plan check
    "notebooks.nb06.national": {
        "zh": "三项规划合计 {n} 次判断:本项目准确率 {ours_accuracy:.0%}、Brier {ours_brier:.3f};"
              "直线外推 {straight_line_accuracy:.0%}、{straight_line_brier:.3f};"
              "复合增速外推 {cagr_accuracy:.0%}、{cagr_brier:.3f}。{verdict}",
        "en": "All three plans, {n} calls: ours accuracy {ours_accuracy:.0%}, Brier {ours_brier:.3f}; "
              "straight line {straight_line_accuracy:.0%}, {straight_line_brier:.3f}; "
              "compound growth {cagr_accuracy:.0%}, {cagr_brier:.3f}. {verdict}"},
    "notebooks.nb06.wins_both": {"zh": "本项目在准确率和Brier分数上都优于两种手工方法。",
                                 "en": "Ours beats both hand methods on accuracy and on Brier."},
    "notebooks.nb06.not_both": {"zh": "本项目并未在两项指标上同时胜出。",
                                "en": "Ours does not win on both measures."},
    "notebooks.nb06.plan_cagr_better": {
        "zh": "但单看{plan},复合增速外推更好:准确率 {cagr_accuracy:.0%} 对 {ours_accuracy:.0%},"
              "Brier {cagr_brier:.3f} 对 {ours_brier:.3f}。",
        "en": "But on {plan} alone compound growth did better: accuracy {cagr_accuracy:.0%} vs "
              "{ours_accuracy:.0%}, Brier {cagr_brier:.3f} vs {ours_brier:.3f}."},
    "notebooks.nb06.confident_wrong": {
        "zh": "高把握错判(p≥{high:g} 或 ≤{low:g} 却错了):本项目 {ours} 次,复合增速 {cagr} 次。",
        "en": "Confident wrong calls (p ≥ {high:g} or ≤ {low:g}, wrong): ours {ours}, CAGR {cagr}."},
    # the calls we lost to compound growth, and why
    "notebooks.nb06.lost": {
        "zh": "我们错而复合增速对的 {n_lost} 次判断中,{n} 次是 {indicator}(目标 {target:g}{unit},"
              "{deadline}年实际 {actual:g}):我们给出的概率为 {probs}。",
        "en": "Of the {n_lost} calls we got wrong and CAGR got right, {n} are {indicator} (target {target:g}{unit}, "
              "{deadline} outcome {actual:g}); our probabilities by as-of year: {probs}."},
    "notebooks.nb06.lost_prob": {"zh": "{year}: {prob:.2f}", "en": "{year}: {prob:.2f}"},
    "notebooks.nb06.lost_growth": {"zh": "{year}年 {growth:+.0f}%", "en": "{growth:+.0f}% in {year}"},
    "notebooks.nb06.list_sep": {"zh": ", ", "en": ", "},
    "notebooks.nb06.lost_why": {
        "zh": "原因:{first}-{last}年年均增长 {before:.0f}%,之后 {after},增长快于指数趋势。"
              "我们的方法在加法与乘法趋势之间取折中,点预测平均 {ours_forecast:.5g}(目标 {target:g}),"
              "达标概率平均只有 {mean_prob:.0%};纯乘法的复合增速外推平均预测 {cagr_forecast:.5g},高于目标,"
              "恰好判断对了。合并回测中折中更好,在这一条序列、这一时期运气在复合增速一边。",
        "en": "Why: growth averaged {before:.0f}% a year in {first}-{last}, then {after}: faster than exponential. "
              "Our method hedges between additive and multiplicative trends: its point forecast averaged "
              "{ours_forecast:.5g} against the target {target:g}, a probability of only {mean_prob:.0%} on "
              "average; the purely multiplicative CAGR line averaged {cagr_forecast:.5g}, above the target, and "
              "happened to call it right. On the pooled back-test the hedge is the better bet; on this one "
              "series in this one period, CAGR was luckier."},
    # shown in the static HTML where a notebook displays a widget (analysis.app.notebooks)
    "notebooks.widget_note": {"zh": '交互式部件只能在 Jupyter 或 Voila 中使用:运行 <code>make explore</code>(<code>python -m analysis explore</code>)。',
        "en": 'Interactive widgets work in Jupyter or Voila only: run <code>make explore</code> (<code>python -m analysis explore</code>).'},
}
