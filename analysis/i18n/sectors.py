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
}
