"""Words shared by every output: statuses, the illustrative stamp, languages."""

MESSAGES = {
    "common.with_unit": {"zh": "{name}（{unit}）", "en": "{name} ({unit})"},
    "common.id_name": {"zh": "{id}（{name}）", "en": "{id} ({name})"},
    "common.label": {"zh": "{label}：", "en": "{label}: "},
    "common.list_sep": {"zh": "；", "en": "; "},
    "common.date": {"zh": "{y}年{m}月{d}日", "en": "{y}-{m:02d}-{d:02d}"},
    "common.illustrative_note": {"zh": "示例数据,非官方统计", "en": "illustrative data, not official statistics"},
    # the scorecard statuses (analysis.vocab.STATUSES; the keys are what tables store, and the English);
    # the stamp on every output of illustrative data, in the output's language
    "common.status.achieved": {"zh": "已完成", "en": "achieved"},
    "common.status.not achieved": {"zh": "未完成", "en": "not achieved"},
    "common.status.on track": {"zh": "按期可达", "en": "on track"},
    "common.status.at risk": {"zh": "存在风险", "en": "at risk"},
    "common.status.off track": {"zh": "难以完成", "en": "off track"},
    "common.status.insufficient data": {"zh": "数据不足", "en": "insufficient data"},
    "common.status.deadline year not reported": {"zh": "期限年数据缺失", "en": "deadline year not reported"},
    "common.illustrative_stamp": {"zh": "示例数据", "en": "illustrative data"},
}
