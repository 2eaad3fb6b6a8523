"""Words shared by every output: statuses, the illustrative stamp, languages."""

MESSAGES = {
    "common.with_unit": {"zh": "{name}（{unit}）", "en": "{name} ({unit})"},
    "common.id_name": {"zh": "{id}（{name}）", "en": "{id} ({name})"},
    "common.label": {"zh": "{label}：", "en": "{label}: "},
    "common.list_sep": {"zh": "；", "en": "; "},
    "common.illustrative_note": {"zh": "示例数据,非官方统计", "en": "illustrative data, not official statistics"},
}
