"""Monitoring and evaluation of the Pingchuan S&T achievement-transfer plan (平川区科技成果转移转化示范区).

Layers (imports point one way): ``analysis.config / errors / i18n`` (base) →
``analysis.io`` (readers, contract, catalogue, dataset) → ``analysis.model`` (trends,
forecasts, the scorecard, sectors, scenarios) → ``analysis.viz`` (charts) →
``analysis.app`` (report, workbook, explorer) and ``analysis.cli``.
"""

from __future__ import annotations

__version__ = "0.2.0"

__all__ = ["__version__"]
