"""Packaging: the public API, declared dependencies, package data, and the wheel itself.

The wheel test builds the wheel from a copy of the sources without network
(``pip wheel --no-deps --no-build-isolation``), installs it with ``--no-deps --target DIR``
and runs ``assess`` from DIR in a folder outside the project (dependencies come from the
current environment), then checks the calibrated intervals equal the in-repo package's.
"""

from __future__ import annotations

import ast
import importlib.metadata as md
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import analysis
from analysis.model import forecast

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
#: files the package reads at run time; the wheel must hold them
PACKAGE_DATA = ("analysis/model/calibration.json", "analysis/viz/fonts/NotoSansCJKsc-Regular.otf",
                "analysis/viz/fonts/PingchuanSansSC-Regular.ttf", "analysis/viz/fonts/OFL.txt")
INTERVALS = ["forecast", "lower_80", "upper_80", "lower_95", "upper_95", "prob_meet"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANALYSIS_")}
    env.update(MPLBACKEND="Agg", PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", **extra)
    return env


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[;\s]", req, maxsplit=1)[0].lower().replace("_", "-")


# ----------------------------------------------------------------------------- public API
def test_import_analysis_is_cheap_and_the_api_resolves():
    code = ("import sys, analysis\n"
            "heavy = sorted(m for m in ('matplotlib', 'pandas', 'analysis.viz', 'analysis.model') if m in sys.modules)\n"
            "assert not heavy, heavy\n"
            "from analysis.model import scorecard\n"
            "assert analysis.assess is scorecard.assess\n"
            "assert 'matplotlib' not in sys.modules, 'the scorecard pulled in matplotlib'\n"
            "print('ok')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env=_env(PYTHONPATH=str(ROOT)), timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


@pytest.mark.parametrize("name, module, attr", [
    ("load_targets", "analysis.io.catalogue", "load_targets"),
    ("read_observations", "analysis.io.readers", "read_observations"),
    ("assess", "analysis.model.scorecard", "assess"),
    ("fit", "analysis.model.forecast", "fit"),
    ("forecast_panel", "analysis.model.forecast", "forecast_panel"),
    ("compare_sectors", "analysis.model.sectors", "compare"),
    ("Scenario", "analysis.model.scenarios", "Scenario"),
    ("build_pack", "analysis.app.report", "build_pack"),
])
def test_public_name_is_the_module_function(name, module, attr):
    import importlib

    assert name in analysis.__all__
    assert getattr(analysis, name) is getattr(importlib.import_module(module), attr)


def test_every_public_name_resolves_and_unknown_names_raise():
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None, name
    assert set(analysis.__all__) <= set(dir(analysis))
    assert analysis.__version__ == PYPROJECT["project"]["version"]
    with pytest.raises(AttributeError, match="has no attribute 'no_such_thing'"):
        analysis.no_such_thing  # noqa: B018


def test_subpackages_are_attributes():
    import analysis.io.catalogue as cat

    assert analysis.io.catalogue is cat
    assert analysis.config.root() == ROOT


# ----------------------------------------------------------------------------- dependencies
def _third_party_imports() -> dict[str, str]:
    """Top-level module imported anywhere in analysis/ -> first file:line, stdlib excluded."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "analysis").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
            for n in names:
                top = n.split(".")[0]
                if top != "analysis" and top not in sys.stdlib_module_names:
                    found.setdefault(top, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_third_party_import_is_a_declared_dependency():
    # the explorer's server (analysis/app/explorer/serve.py) may use the `app` extra
    declared = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    app_extra = {_name(r) for r in PYPROJECT["project"]["optional-dependencies"]["app"]}
    dists = md.packages_distributions()
    missing = []
    for module, where in sorted(_third_party_imports().items()):
        owners = {d.lower().replace("_", "-") for d in dists.get(module, [module])}
        allowed = declared | (app_extra if where.startswith("analysis/app/explorer/serve.py") else set())
        if not owners & allowed:
            missing.append(f"{where}: imports {module} (distribution {', '.join(sorted(owners))}) "
                           "but pyproject.toml does not declare it")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("dist", ["defusedxml", "pillow", "jupyter-client", "ipykernel"])
def test_libraries_relied_on_without_an_import_are_declared(dist):
    # openpyxl parses a user's .xlsx safely only with defusedxml; matplotlib/explorer PNGs need
    # Pillow; the report runs notebooks through jupyter_client on an ipykernel
    assert dist in {_name(r) for r in PYPROJECT["project"]["dependencies"]}


def test_make_installs_every_extra():
    extras = set(PYPROJECT["project"]["optional-dependencies"])
    assert extras == {"app", "test"}
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet -e '.[app,test]'" in make


# ----------------------------------------------------------------------------- package data
def test_package_data_exists_and_is_declared():
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["analysis"]
    for pat in patterns:
        assert list((ROOT / "analysis").glob(pat)), f"package-data pattern {pat!r} matches no file"
    for rel in PACKAGE_DATA:
        assert (ROOT / rel).is_file(), rel


def test_missing_calibration_is_an_error_not_an_empty_dict(tmp_path):
    with pytest.raises(FileNotFoundError, match="calibration file missing"):
        forecast.load_calibration(tmp_path / "calibration.json")


def _copy_sources(dst: Path) -> Path:
    src = dst / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "analysis", src / "analysis",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
    return src


DATA = ROOT / "data" / "raw" / "monitoring" / "pingchuan_monitoring_illustrative.csv"
TARGETS = ROOT / "data" / "raw" / "plan" / "targets.csv"


def _assess_json(site: Path, cwd: Path) -> list[dict]:
    # what the installed `pingchuan-analysis` command runs (its entry point), after showing where
    # analysis was imported from
    code = ("import sys, analysis\n"
            "print(analysis.__file__, file=sys.stderr)\n"
            "from analysis.__main__ import run\n"
            "sys.exit(run())\n")
    out = subprocess.run([sys.executable, "-c", code, "assess", "--format", "json", "--data", str(DATA),
                          "--targets", str(TARGETS), "--lang", "en"],
                         capture_output=True, text=True, cwd=cwd, timeout=300,
                         env=_env(PYTHONPATH=str(site), ANALYSIS_PROCESSED_DIR=str(cwd / "processed")))
    assert out.returncode == 0, out.stderr
    where = Path(out.stderr.strip().splitlines()[0])
    assert where.is_relative_to(site), f"imported {where}, not the copy in {site}"
    return json.loads(out.stdout)


def _in_repo_assess_json(capsys) -> list[dict]:
    from analysis.cli import main

    capsys.readouterr()
    assert main(["assess", "--format", "json", "--data", str(DATA), "--targets", str(TARGETS), "--lang", "en"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.slow
def test_wheel_holds_the_package_data_and_assesses_like_the_repo(tmp_path, capsys):
    pytest.importorskip("setuptools", minversion="77")
    src = _copy_sources(tmp_path)
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(dist), str(src)], check=True, env=_env(), timeout=300, cwd=tmp_path)
    (wheel,) = dist.glob("pingchuan_analysis-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for rel in PACKAGE_DATA:
        assert rel in names, f"{rel} is not in {wheel.name}"

    entry = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith(".dist-info/entry_points.txt")))
    assert "pingchuan-analysis = analysis.__main__:run" in entry.decode("utf-8")
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--target", str(site), str(wheel)], check=True, env=_env(), timeout=300, cwd=tmp_path)
    away = tmp_path / "elsewhere"
    away.mkdir()
    installed = _assess_json(site, away)
    in_repo = _in_repo_assess_json(capsys)
    key = ["region", "indicator_id"]
    assert [[r[k] for k in key + INTERVALS] for r in installed] == \
           [[r[k] for k in key + INTERVALS] for r in in_repo]
    # the intervals are the calibrated ones: the installed copy read the committed factors
    committed = json.loads((ROOT / "analysis" / "model" / "calibration.json").read_text(encoding="utf-8"))
    shipped = json.loads((site / "analysis" / "model" / "calibration.json").read_text(encoding="utf-8"))
    assert shipped == committed and committed.get("factors")
