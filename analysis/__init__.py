"""Monitoring and evaluation of the Pingchuan S&T achievement-transfer plan (平川区科技成果转移转化示范区).

What a researcher imports::

    import analysis

    targets = analysis.load_targets()                      # the plan's 21 targets (or your catalogue)
    obs = analysis.read_observations("mine.xlsx", targets)  # checked; bad cells -> FILE:ROW:COLUMN
    card = analysis.assess(obs, targets)                    # the scorecard: will each target be met?
    fc = analysis.fit(series, kind="level")                 # one forecast (a ForecastResult)
    panel = analysis.forecast_panel(obs, targets)           # forecasts for every region x target
    comp = analysis.compare_sectors(analysis.load_sector_panel())  # the sector comparison
    res = analysis.run_scenario(analysis.Scenario(...))     # a what-if scenario
    pack = analysis.build_pack(lang="zh")                   # the report pack: workbook, figures, HTML

These names are loaded on first use (PEP 562), so ``import analysis`` stays cheap and does not
pull in matplotlib. The modules behind them, in layers whose imports point one way
(docs/architecture.md): ``analysis.config / errors / vocab / i18n`` (base) → ``analysis.io``
(readers, catalogue, dataset/build, template, atomic output) → ``analysis.model`` (trends,
labels, forecasts, back-test, the scorecard, sectors, scenarios) → ``analysis.viz`` (charts) →
``analysis.app`` (figure registry, report, explorer) → ``analysis.cli`` (``python -m analysis``).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.2.0"

#: public name -> (module, attribute in that module)
_API: dict[str, tuple[str, str]] = {
    # io: reading the inputs
    "load_targets": ("analysis.io.catalogue", "load_targets"),
    "read_observations": ("analysis.io.readers", "read_observations"),
    "read_sector_panel": ("analysis.io.readers", "read_sector_panel"),
    "load_observations": ("analysis.io.dataset", "load_observations"),
    "load_sector_panel": ("analysis.io.dataset", "load_sector_panel"),
    # model: the scorecard, forecasts, sectors, scenarios
    "assess": ("analysis.model.scorecard", "assess"),
    "fit": ("analysis.model.forecast", "fit"),
    "forecast_panel": ("analysis.model.forecast", "forecast_panel"),
    "ForecastResult": ("analysis.model.forecast", "ForecastResult"),
    "compare_sectors": ("analysis.model.sectors", "compare"),
    "Scenario": ("analysis.model.scenarios", "Scenario"),
    "run_scenario": ("analysis.model.scenarios", "run_for"),
    # app: the report pack
    "build_pack": ("analysis.app.report", "build_pack"),
}
#: subpackages and base modules reachable as attributes without an explicit import
_SUBMODULES = ("config", "errors", "vocab", "i18n", "io", "model", "viz", "app", "cli")

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    """Load a public name (or a subpackage) on first access and cache it in the module."""
    if name in _API:
        module, attr = _API[name]
        value = getattr(importlib.import_module(module), attr)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API) | set(_SUBMODULES))
