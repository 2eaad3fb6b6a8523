"""Words of the sector comparison's terminal table."""

MESSAGES = {
    "sectors.col.region": {"zh": "地区", "en": "region"},
    "sectors.col.metric": {"zh": "指标", "en": "metric"},
    "sectors.col.sector": {"zh": "产业", "en": "sector"},
    "sectors.col.name": {"zh": "产业名称", "en": "name"},
    "sectors.col.unit": {"zh": "单位", "en": "unit"},
    "sectors.col.year_a": {"zh": "起始年", "en": "year_a"},
    "sectors.col.year_b": {"zh": "终止年", "en": "year_b"},
    "sectors.col.value_a": {"zh": "起始值", "en": "value_a"},
    "sectors.col.value_b": {"zh": "终止值", "en": "value_b"},
    "sectors.col.cagr_pct": {"zh": "年均增速%", "en": "cagr_pct"},
    "sectors.col.share_pct": {"zh": "占比%", "en": "share_pct"},
    "sectors.col.rank_a": {"zh": "起始排名", "en": "rank_a"},
    "sectors.col.rank_b": {"zh": "终止排名", "en": "rank_b"},
    "sectors.col.rank_change": {"zh": "排名变化", "en": "rank_change"},
    "sectors.col.z": {"zh": "标准分", "en": "z"},
    "sectors.col.note": {"zh": "说明", "en": "note"},
    # ---- problems with the options (--metric, --sectors, --years, an indicator)
    "sectors.err.unknown_metric": {"zh": "未知指标 {value}；面板中有：{known}", "en": "unknown metric {value}; the panel has: {known}"},
    "sectors.err.unknown_sector": {"zh": "未知产业 {value}；面板中有：{known}", "en": "unknown sector {value}; the panel has: {known}"},
    "sectors.err.years_order": {"zh": "起始年（{a}）须早于终止年（{b}）", "en": "year A ({a}) must be before year B ({b})"},
    "sectors.err.not_summable": {"zh": "{value} 不是可按产业加总的区级目标；可用：{known}",
                                 "en": "{value} is not a district target that sums over sectors; known: {known}"},
    "sectors.err.none": {"zh": "无", "en": "none"},
}
