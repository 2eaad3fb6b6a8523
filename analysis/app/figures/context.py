"""The data a report is drawn from (:class:`ReportContext`), loaded once, and its caption lines."""

from __future__ import annotations

import datetime as _dt
from functools import cached_property
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.i18n import check_lang, t
from analysis.io import catalogue, dataset
from analysis.io import ledger as io_ledger
from analysis.model import ledger as model_ledger
from analysis.model.backtest_results import backtest_results
from analysis.model.scorecard import assess
from analysis.viz import attainment, common


class ReportContext:
    """The data a report is drawn from, loaded once and shared by every figure and table.

    Parameters
    ----------
    data : path-like, optional
        Monitoring observations (default: the bundled illustrative data).
    targets : path-like, optional
        Target catalogue (default: the plan's).
    as_of : int, optional
        Use only observations (and sector-panel years) up to this year.
    sector_data : path-like, optional
        Sector panel (default: the bundled illustrative panel).
    baseline : int, optional
        The plan's base year (``--baseline``; default the catalogue's, else the first observed year).
    ledger : path-like or DataFrame, optional
        The filled task ledger (a file for :func:`analysis.io.ledger.read_ledger`, or what it
        returned); default: the bundled illustrative ledger.
    """

    def __init__(self, data: str | Path | None = None, targets: str | Path | None = None,
                 as_of: int | None = None, sector_data: str | Path | None = None, baseline: int | None = None,
                 ledger: str | Path | pd.DataFrame | None = None):
        self.ledger_input = ledger
        self.baseline = int(baseline) if baseline is not None else None
        # one file, or several (report --data a.xlsx --data b.csv: read together, as assess does)
        paths = [data] if isinstance(data, (str, Path)) else list(data) if data is not None else []
        self.data: Path | list[Path] | None = (Path(paths[0]) if len(paths) == 1 else
                                               [Path(p) for p in paths] if paths else None)
        self.targets_path = Path(targets) if targets is not None else None
        self.as_of = int(as_of) if as_of is not None else None
        self.sector_data = Path(sector_data) if sector_data is not None else None

    # ---------------------------------------------------------------- inputs
    @cached_property
    def targets(self) -> pd.DataFrame:
        """The target catalogue."""
        return catalogue.load_targets(self.targets_path)

    @cached_property
    def observations(self) -> pd.DataFrame:
        """All observations (not cut at ``as_of``; see :attr:`observations_as_of`)."""
        return dataset.load_observations(self.data, self.targets if self.targets_path else None)

    @cached_property
    def observations_as_of(self) -> pd.DataFrame:
        """Observations up to ``as_of`` (what every figure and table uses)."""
        obs = self.observations
        if self.as_of is None:
            return obs
        return obs.loc[obs["year"].astype(int) <= self.as_of].reset_index(drop=True)

    @cached_property
    def assessment(self):
        """:func:`analysis.model.scorecard.assess` on these inputs: a
        :class:`~analysis.model.scorecard.Scorecard` (``.table`` is the DataFrame) carrying
        the data file's provenance."""
        sc = assess(self.observations, self.targets, as_of=self.as_of, baseline=self.baseline)
        prov = self.provenance
        sources = {lang: sc.sources.get(lang) or prov.get(f"source_{lang}", "") for lang in ("zh", "en")}
        return sc.with_provenance(illustrative=bool(prov.get("illustrative", sc.illustrative)), sources=sources)

    @cached_property
    def provenance(self) -> dict:
        """:func:`analysis.io.dataset.provenance` of the monitoring data."""
        if isinstance(self.data, list):  # several files: each one's, joined (illustrative if any is)
            return dataset.joined_provenance([_provenance(p) for p in self.data])
        return _provenance(self.data if self.data is not None else config.monitoring_path())

    @cached_property
    def sector_panel(self) -> pd.DataFrame:
        """The sector panel up to ``as_of``."""
        panel = dataset.load_sector_panel(self.sector_data)
        if self.as_of is not None:
            panel = panel.loc[panel["year"].astype(int) <= self.as_of].reset_index(drop=True)
        return panel

    @cached_property
    def sector_provenance(self) -> dict:
        """Provenance of the sector panel."""
        return _provenance(self.sector_data if self.sector_data is not None else config.sector_panel_path())

    @cached_property
    def ledger(self) -> pd.DataFrame:
        """The task ledger (:func:`analysis.io.ledger.read_ledger`; default the bundled illustrative one)."""
        if isinstance(self.ledger_input, pd.DataFrame):
            return self.ledger_input
        return io_ledger.load_ledger(self.ledger_input)

    @property
    def ledger_as_of(self):
        """The ledger's as-of date: the end of its latest reporting period, cut at the end of
        ``as_of`` when that is earlier (``None`` for an empty ledger)."""
        last = model_ledger.default_as_of(self.ledger)
        if last is None or self.as_of is None:
            return last
        return min(last, _dt.date(self.as_of, 12, 31))

    @cached_property
    def public(self) -> pd.DataFrame:
        """The real public series (:func:`analysis.io.dataset.load_public`)."""
        return dataset.load_public()

    @cached_property
    def backtest(self) -> dict:
        """The calibration back-test on the real public series and the national-plan check
        (:func:`analysis.model.backtest_results.backtest_results`), once per context: about 5 s
        the first time, then read back (:mod:`analysis.io.cache`).

        It tests the forecasting method, not the district: it uses every year of the
        public series whatever ``as_of`` is (the national check needs the 2020 outcomes).
        """
        return backtest_results()

    # ---------------------------------------------------------------- captions
    @property
    def as_of_year(self) -> int | None:
        """Last year of monitoring data used."""
        y = self.assessment.attrs.get("as_of")
        if y is not None:
            return int(y)
        obs = self.observations_as_of
        return int(obs["year"].max()) if len(obs) else None

    @property
    def data_as_of_year(self) -> int | None:
        """The last year observed at or before :attr:`as_of_year`: what "数据截至" shows (``--as-of 2030`` on
        data ending in 2020 said 数据截至2030年; stop 43). :attr:`as_of_year` still decides which deadlines
        have passed."""
        y = self.assessment.attrs.get("data_as_of")
        return int(y) if y is not None else self.as_of_year

    @property
    def sector_as_of_year(self) -> int | None:
        """Last year of the sector panel used."""
        p = self.sector_panel
        return int(p["year"].max()) if len(p) else None

    def caption(self, source: str, lang: str = "zh") -> dict:
        """``illustrative``, ``source`` and ``as_of`` for :func:`analysis.viz.style.stamp`.

        Whether data are illustrative comes from their ``.meta.json`` (:func:`common.provenance`).
        """
        check_lang(lang)
        if source == "sectors":
            return common.caption(self.sector_provenance, lang=lang, as_of=self.sector_as_of_year)
        if source == "backtest":
            bt = self.backtest
            return common.caption({"illustrative": bt["illustrative"]}, lang=lang, as_of=bt["last_year"],
                                  source=attainment.BACKTEST_SOURCE[lang])
        if source == "ledger":  # the task ledger's own source and date (not the monitoring data's year)
            attrs = getattr(self.ledger, "attrs", {}) or {}
            day = self.ledger_as_of
            return common.caption({"illustrative": bool(attrs.get("illustrative", False))}, lang=lang,
                                  as_of=day.year if day is not None else None,
                                  source=attrs.get(f"source_{lang}") or attrs.get("file") or "")
        if source == "public":
            pub = self.public
            year = int(pub["year"].max()) if len(pub) else None
            if self.as_of is not None and year is not None:
                year = min(year, self.as_of)
            return common.caption(None, lang=lang, as_of=year, source=t("figures.public_source", lang))
        cap = common.caption(self.provenance, lang=lang, as_of=self.data_as_of_year)
        if source == "mixed":
            extra = t("figures.public_short", lang)
            cap["source"] = t("figures.source_join", lang, a=cap["source"], b=extra) if cap["source"] else extra
        return cap


def _provenance(path: Path) -> dict:
    """:func:`analysis.io.dataset.provenance` (the file's ``.meta.json``); a caption never stops
    the report, so an unreadable ``.meta.json`` gives the file name as source (and the bundled
    files, whose metadata say illustrative, stay illustrative)."""
    try:
        return dict(dataset.provenance(path))
    except (OSError, ValueError) as exc:
        bundled = Path(path).resolve() in (config.monitoring_path().resolve(),
                                           config.sector_panel_path().resolve())
        return {"illustrative": bundled, "source_zh": Path(path).name, "source_en": Path(path).name,
                "file": str(path), "problem": str(exc)}
