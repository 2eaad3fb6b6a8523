"""Ledger analysis on a hand-made ledger; expected values derived by hand (see the comments)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.i18n import t

from analysis.io import ledger as io_ledger
from analysis.model import ledger as M

# task, unit, period, status, reporter
LEDGER_CSV = """任务编号,责任单位,报告期,状态,填报单位
1,区工信局,2019年下半年,推进中,区工信局
1,区工信局,2020年上半年,已完成,区工信局
2,区科技局,2020年上半年,已完成,区科技局
2,区财政局,2020年上半年,推进中,区财政局
5,区工信局,2020年上半年,未启动,区工信局
7,区科技局,2020年上半年,滞后,区科技局
7,区教育局,2020年上半年,已完成,区教育局
11,区委组织部、区科技局,2019年下半年,推进中,区委组织部
12,区科技局,2020年下半年,已完成,区科技局
"""
MID_2020 = dt.date(2020, 6, 30)
SPRING_2021 = dt.date(2021, 3, 31)


@pytest.fixture(scope="module")
def led(tmp_path_factory):
    p = tmp_path_factory.mktemp("l") / "hand.csv"
    p.write_text(LEDGER_CSV, encoding="utf-8")
    return io_ledger.read_ledger(p)


@pytest.fixture(scope="module")
def status(led):
    return M.task_status(led, as_of=MID_2020).set_index("task_id")


@pytest.mark.parametrize("task_id, expected, period", [
    ("1", "completed", "2020年上半年"),      # latest period wins over 2019H2's 推进中
    ("2", "in_progress", "2020年上半年"),    # 已完成 + 推进中 from two units -> 推进中
    ("5", "not_started", "2020年上半年"),
    ("7", "delayed", "2020年上半年"),        # any 滞后 -> 滞后
    ("11", "in_progress", "2019年下半年"),   # last report in 2019H2
    ("12", "not_reported", ""),              # its only report (2020H2) is after the as-of date
    ("13", "not_reported", ""),
])
def test_status_as_of_mid_2020(status, task_id, expected, period):
    assert status.loc[task_id, "status"] == expected
    assert status.loc[task_id, "period"] == period


def test_default_as_of_is_the_end_of_the_latest_period(led):
    assert M.default_as_of(led) == dt.date(2020, 12, 31)


def test_counts_by_status(status):
    counts = M.count_by(status.reset_index()).iloc[0].to_dict()
    # 18 rows (17 tasks + 一(四)); reported: 1 completed, 2 and 11 in progress, 5 not started, 7 delayed
    assert counts == {"not_started": 1, "in_progress": 2, "completed": 1, "delayed": 1, "not_reported": 13, "total": 18}


def test_counts_by_phase(status):
    ph = M.by_phase(status.reset_index())
    assert list(ph.index) == ["实施", "巩固"]
    # 巩固: tasks 5 (not started), 15, 17 (not reported)
    assert ph.loc["巩固"].to_dict() == {"not_started": 1, "in_progress": 0, "completed": 0, "delayed": 0,
                                        "not_reported": 2, "total": 3}
    # 实施: 1 completed; 2, 11 in progress; 7 delayed; the other 11 not reported
    assert ph.loc["实施"].to_dict() == {"not_started": 0, "in_progress": 2, "completed": 1, "delayed": 1,
                                        "not_reported": 11, "total": 15}


def test_counts_by_unit(led):
    u = M.by_unit(led, as_of=MID_2020)
    # 区科技局: task 2 已完成, 7 滞后, 11 推进中 (named with 区委组织部 in one cell); 区工信局: 1 已完成, 5 未启动
    assert list(u.index[:2]) == ["区科技局", "区工信局"]
    assert u.loc["区科技局", ["completed", "delayed", "in_progress", "total"]].tolist() == [1, 1, 1, 3]
    assert u.loc["区工信局", ["completed", "not_started", "total"]].tolist() == [1, 1, 2]
    assert u.loc["区委组织部", "in_progress"] == 1
    assert u.loc["区财政局", "in_progress"] == 1 and u.loc["区教育局", "completed"] == 1
    assert len(u) == 5 and "区科技局" in u.index and "区人社局" not in u.index


def test_late_mid_2020(status):
    late = M.late_tasks(status.reset_index(), MID_2020).set_index("task_id")
    assert late.loc["5", "reasons"] == ["not_started"]     # 实施 began 2019-06-01
    assert late.loc["7", "reasons"] == ["delayed"]
    assert late.loc["13", "reasons"] == ["not_reported"]
    assert "1" not in late.index and "2" not in late.index and "11" not in late.index
    assert len(late) == 15                                 # 5, 7 and the 13 not reported


def test_late_after_the_implementation_phase(led):
    st = M.task_status(led, as_of=SPRING_2021)
    late = M.late_tasks(st).set_index("task_id")
    assert late.loc["2", "reasons"] == ["not_done"]         # in progress after 2020-12-31
    assert late.loc["11", "reasons"] == ["not_done"]
    assert late.loc["7", "reasons"] == ["delayed", "not_done"]
    assert late.loc["5", "reasons"] == ["not_started"]      # due in 巩固: no end date
    assert late.loc["17", "reasons"] == ["not_reported"]    # 巩固 task never reported: not "not_done"
    assert "1" not in late.index and "12" not in late.index  # completed


SCORECARD = pd.DataFrame({
    "region": ["平川区", "平川区", "平川区", "平川区", "平川区", "平川区", "白银市"],
    "indicator_id": ["strategic_emerging_share", "high_tech_enterprises", "tech_based_enterprises",
                     "enterprise_tech_centres", "academician_workstations", "intl_cooperation_bases",
                     "strategic_emerging_share"],
    "status": ["not achieved", "at risk", "on track", "off track", "on track", "off track", "achieved"],
})


@pytest.mark.parametrize("wrap", [False, True])
def test_consistency(status, wrap):
    sc = SimpleNamespace(table=SCORECARD) if wrap else SCORECARD
    c = M.consistency(status.reset_index(), sc).set_index("task_id")
    assert list(c.index[c["flag"]]) == ["1", "2"]
    assert c.loc["1", "finding"] == "completed_at_risk" and c.loc["1", "risky"] == ["strategic_emerging_share"]
    assert c.loc["2", "finding"] == "progress_at_risk" and c.loc["2", "risky"] == ["high_tech_enterprises"]
    assert c.loc["2", "target_status"] == ["on track", "at risk"]   # tech_based, high_tech; ip_advantage absent
    assert not c.loc["7", "flag"]          # off track, but the ledger already says 滞后
    assert not c.loc["6", "flag"]          # off track, but not reported
    assert c.loc["11", "targets"] == ["academician_workstations"]


def test_analyse_bundles_everything(led):
    a = M.analyse(led, scorecard=SCORECARD, as_of="2020-06-30")
    assert a.as_of == MID_2020 and a.illustrative is False
    assert list(a.flagged["task_id"]) == ["1", "2"]
    assert a.by_status.loc[0, "total"] == 18 and len(a.late) == 15


def test_the_consistency_table_says_consistent_rather_than_leaving_a_blank(led):
    """表5 left 核查结论 empty for the tasks that agree with their targets: it says 一致 now."""
    a = M.analyse(led, scorecard=SCORECARD, as_of="2020-06-30")
    table = M.tables(a, "zh")["consistency"]
    findings = table[t("ledger.col.finding", "zh")]
    assert (findings != "").all() and (findings == "一致").sum() == len(table) - 2
    assert set(M.tables(a, "en")["consistency"]["finding"]) >= {"consistent"}


def test_a_finding_names_each_target_with_its_own_status():
    """Never "the assessment of A, B is off track, at risk": each target with its status."""
    from types import SimpleNamespace

    from analysis.model.ledger import finding_text

    row = SimpleNamespace(finding="progress_at_risk", targets=["a", "b", "c"],
                          target_status=["off track", "at risk", "on track"], risky=["a", "b"])
    names = {"a": "Maker spaces", "b": "Brokers"}
    assert finding_text(row, "en", names) == ("the ledger says in progress, but the targets are assessed as: "
                                              "Maker spaces (off track), Brokers (at risk); mark as delayed or explain")
    assert "a（难以完成）" in finding_text(row, "zh")
