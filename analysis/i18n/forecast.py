"""Words of the forecast-calibration outputs (reliability diagram)."""

MESSAGES = {
    "forecast.reliability_title": {"zh": "达标概率的可靠性(留一序列交叉验证,真实数据)",
                                   "en": "Reliability of the attainment probabilities (held-out real series)"},
    "forecast.reliability_x": {"zh": "预测的达标概率", "en": "Forecast probability of meeting the target"},
    "forecast.reliability_y": {"zh": "实际达标比例", "en": "Observed share met"},
    "forecast.reliability_ideal": {"zh": "完全校准", "en": "Perfect calibration"},
    "forecast.reliability_ours": {"zh": "本工具(每格 {n} 次以上)", "en": "This suite (bins of {n}+ calls)"},
}
