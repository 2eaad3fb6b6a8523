"""Words of the forecast-calibration outputs (reliability diagram, method and plan names)."""

MESSAGES = {
    "forecast.reliability_title": {"zh": "达标概率的可靠性(留一序列交叉验证,真实数据)",
                                   "en": "Reliability of the attainment probabilities (held-out real series)"},
    "forecast.reliability_x": {"zh": "预测的达标概率", "en": "Forecast probability of meeting the target"},
    "forecast.reliability_y": {"zh": "实际达标比例", "en": "Observed share met"},
    "forecast.reliability_ideal": {"zh": "完全校准", "en": "Perfect calibration"},
    "forecast.reliability_ours": {"zh": "本工具(每格 {n} 次以上)", "en": "This suite (bins of {n}+ calls)"},
    # the methods compared in the back-test (figures and notebook 06)
    "forecast.method.ours": {"zh": "本项目方法(自动,校准)", "en": "ours (automatic, calibrated)"},
    "forecast.method.straight_line": {"zh": "直线外推(FORECAST.LINEAR)", "en": "straight line (FORECAST.LINEAR)"},
    "forecast.method.cagr": {"zh": "复合增速外推(CAGR)", "en": "compound growth (CAGR)"},
    # the real national plans of the national-plan check (analysis.model.backtest_national.NATIONAL_PLANS)
    "forecast.plan.st_plan": {"zh": "《“十三五”国家科技创新规划》", "en": "the 13th Five-Year S&T Innovation Plan"},
    "forecast.plan.outline": {"zh": "“十三五”规划纲要", "en": "the 13th Five-Year Plan outline"},
    "forecast.plan.outline_12th": {"zh": "“十二五”规划纲要", "en": "the 12th Five-Year Plan outline"},
    "forecast.plan.outline_14th": {"zh": "“十四五”规划纲要", "en": "the 14th Five-Year Plan outline"},
    # the older national plans (backtest_national.OLDER_PLANS): held out, never in the corpus
    "forecast.plan.outline_9th": {"zh": "“九五”计划纲要(2000年目标)", "en": "the 9th Five-Year Plan outline (2000 targets)"},
    "forecast.plan.outline_10th": {"zh": "“十五”计划纲要(2005年目标)", "en": "the 10th Five-Year Plan outline (2005 targets)"},
    "forecast.plan.provincial_11th": {"zh": "各省“十一五”规划目标(2006年省政府工作报告)",
                                      "en": "provinces' 11th Five-Year Plan targets (2006 provincial work reports)"},
    "forecast.plan.city_11th": {"zh": "主要城市“十一五”规划目标(2006年市政府工作报告)",
                                "en": "major cities' 11th Five-Year Plan targets (2006 city work reports)"},
    "forecast.plan.outline_11th": {"zh": "“十一五”规划纲要(2010年目标)", "en": "the 11th Five-Year Plan outline (2010 targets)"},
    # the provincial plan sets of the provincial-plan check (backtest_national.PROVINCIAL_PLANS)
    "forecast.plan.provincial_13th": {"zh": "各省“十三五”规划目标(2016年省政府工作报告)",
                                      "en": "provinces' 13th Five-Year Plan targets (2016 provincial work reports)"},
    "forecast.plan.provincial_12th": {"zh": "各省“十二五”规划目标(2011年省政府工作报告)",
                                      "en": "provinces' 12th Five-Year Plan targets (2011 provincial work reports)"},
    "forecast.plan.provincial_14th": {"zh": "各省“十四五”规划目标(2021年省政府工作报告)",
                                      "en": "provinces' 14th Five-Year Plan targets (2021 provincial work reports)"},
    # the major cities' plan sets of the city-plan check (backtest_national.CITY_PLANS)
    "forecast.plan.city_13th": {"zh": "主要城市“十三五”规划目标(2016年市政府工作报告)",
                                "en": "major cities' 13th Five-Year Plan targets (2016 city work reports)"},
    "forecast.plan.city_14th": {"zh": "主要城市“十四五”规划目标(2021年市政府工作报告)",
                                "en": "major cities' 14th Five-Year Plan targets (2021 city work reports)"},
    # prefecture-level cities' plans (backtest_national.PREFECTURE_PLANS): held out, never in the corpus
    "forecast.plan.prefecture_13th": {"zh": "地级市“十三五”规划目标(2020年)",
                                      "en": "Prefecture-level cities' 13th Five-Year targets (2020)"},
    # other countries' plans (backtest_national.OTHER_PLANS): held out, never in the corpus
    "forecast.plan.eu_2020": {"zh": "欧盟成员国2020年可再生能源占比目标(2009/28/EC 指令)",
                              "en": "EU member states' 2020 renewable-energy share targets (Directive 2009/28/EC)"},
    "forecast.plan.eu_2020_rd": {"zh": "欧盟成员国“欧洲2020”研发经费投入强度国家目标",
                                 "en": "EU member states' Europe 2020 national R&D-intensity targets"},
    "forecast.plan.eu_2020_education": {"zh": "欧盟成员国“欧洲2020”教育目标(早期离校者、高等教育学历)",
                                        "en": "EU member states' Europe 2020 education targets (early leavers, "
                                              "tertiary attainment)"},
    "forecast.plan.eu_2020_employment": {"zh": "欧盟成员国“欧洲2020”20-64岁人口就业率国家目标",
                                         "en": "EU member states' Europe 2020 national employment-rate targets "
                                               "(ages 20-64)"},
}
