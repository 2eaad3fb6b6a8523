"""data/raw/plan/tasks.csv: the plan's 17 tasks, traced word for word to the plan text."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.io import ledger

PLAN_TEXT = (config.plan_dir() / "plan_text.txt").read_text(encoding="utf-8")
SCHEDULE = PLAN_TEXT[PLAN_TEXT.index("三、建设进度安排"):PLAN_TEXT.index("四、组织实施")]
RAW = pd.read_csv(ledger.tasks_path(), dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def tasks():
    return ledger.load_tasks()


def test_seventeen_tasks_and_the_goals(tasks):
    assert list(tasks["task_id"]) == ["一(四)"] + [str(i) for i in range(1, 18)]
    assert list(tasks["kind"]) == ["goal"] + ["task"] * 17
    assert tasks["task_id"].is_unique


@pytest.mark.parametrize("column", ["title", "text", "section_title", "responsible_clause"])
def test_verbatim_columns_are_in_the_plan(column):
    for r in RAW.itertuples():
        assert getattr(r, column) in PLAN_TEXT, (r.task_id, column)


def test_each_task_is_numbered_and_titled_as_in_the_plan():
    for r in RAW.loc[RAW.kind == "task"].itertuples():
        assert f"{r.task_id}.{r.title}。{r.text}" in PLAN_TEXT, r.task_id


def test_phase_clause_is_from_the_schedule_section():
    for r in RAW.itertuples():
        assert r.phase_clause in SCHEDULE, r.task_id


@pytest.mark.parametrize("task_id, section, title", [
    ("1", "二(一)", "组织实施重大科技项目"),
    ("5", "二(二)", "推动军民融合科技成果双向转化"),
    ("11", "二(四)", "不断强化高层次人才引进培养"),
    ("13", "二(五)", "推动科技金融加速融合"),
    ("17", "二(六)", "推行科技成果转移转化直通机制"),
])
def test_sections_and_titles(tasks, task_id, section, title):
    row = tasks.set_index("task_id").loc[task_id]
    assert (row["section"], row["title"]) == (section, title)


def test_responsible_units_named_only_for_task_11(tasks):
    named = tasks.loc[tasks["units"].map(len) > 0]
    assert list(named["task_id"]) == ["11"]
    assert named.iloc[0]["units"] == ["区委组织部", "区人社局", "区教育局", "区科技局", "各乡镇街道"]
    for unit in named.iloc[0]["units"]:
        assert unit in PLAN_TEXT


def test_coordination_units_are_verbatim():
    assert ledger.COORDINATION_CLAUSE in PLAN_TEXT
    assert "、".join(ledger.COORDINATION_UNITS) in ledger.COORDINATION_CLAUSE


@pytest.mark.parametrize("phase", ["筹备", "实施", "巩固"])
def test_phase_headings_are_verbatim(phase):
    assert ledger.PHASE_HEADINGS[phase] in SCHEDULE


def test_phase_dates():
    assert ledger.PHASES["实施"][0].isoformat() == "2019-06-01"
    assert ledger.PHASES["实施"][1].isoformat() == "2020-12-31"
    assert ledger.PHASES["巩固"] [1] is None


def test_targets_link_every_catalogue_target_once_per_task():
    targets = pd.read_csv(config.targets_path(), dtype=str, keep_default_na=False)
    listed = {i for cell in RAW["targets"] for i in cell.split(";") if i}
    assert listed == set(targets["id"])
    for r in targets.itertuples():  # each target is under its own task (task 10 also repeats tech_incubators)
        assert r.id in RAW.set_index("task_id").loc[r.task, "targets"].split(";")
    assert "tech_incubators" in RAW.set_index("task_id").loc["10", "targets"].split(";")


def test_entities_exist_and_name_the_task():
    ents = pd.read_csv(config.entities_path(), dtype=str, keep_default_na=False).set_index("entity_id")
    for r in RAW.itertuples():
        for e in filter(None, r.entities.split(";")):
            assert r.task_id in ents.loc[e, "task"].split(";"), (r.task_id, e)


@pytest.mark.parametrize("task_id, expected", [("2", "实施"), ("5", "巩固"), ("15", "巩固"), ("17", "巩固"), ("11", "实施")])
def test_due_phase(tasks, task_id, expected):
    assert tasks.set_index("task_id").loc[task_id, "due_phase"] == expected


def test_task_targets_known_examples(tasks):
    t = tasks.set_index("task_id")
    assert t.loc["2", "target_ids"] == ["tech_based_enterprises", "high_tech_enterprises", "ip_advantage_enterprises"]
    assert t.loc["13", "target_ids"] == []
    assert "firm_xuesong" in t.loc["5", "entity_ids"]
