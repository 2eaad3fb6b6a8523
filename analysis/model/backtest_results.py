"""The calibration back-test and the national-plan check, run once for the figures.

:func:`backtest_results` runs what ``python -m analysis backtest`` runs for the figures
(the automatic method on the real public series, and the national-plan check) and returns
one dict; the plot functions of :mod:`analysis.viz.attainment` draw from it.
"""

from __future__ import annotations

from analysis.model import backtest as bt
from analysis.model import forecast as fc

__all__ = ["backtest_results"]


def backtest_results(*, illustrative: bool = False) -> dict:
    """Run the calibration back-test (automatic method only) and the national-plan check.

    Parameters
    ----------
    illustrative : bool
        Also back-test the bundled illustrative series (the out-of-sample check of
        ``python -m analysis backtest``); by default only the real public series.

    Returns
    -------
    dict
        ``table`` (:func:`analysis.model.backtest.score`: one row per data group, method and
        horizon), ``check`` (:func:`analysis.model.backtest.national_plan_check`), ``national``
        (:func:`analysis.model.backtest.national_summary`), ``last_year`` (last year of the
        series used) and ``illustrative`` (whether illustrative series are in ``table``).
        About 5 s; :class:`analysis.app.figures.ReportContext` keeps one per report.
    """
    pub = bt.public_series()
    series = bt.series_list(pub)
    if illustrative:
        series = series + bt.series_list(bt.illustrative_series())
    cal = fc.load_calibration()
    table = bt.score(bt.run(series, methods=("auto",)), cal)
    check = bt.national_plan_check(calibration=cal)
    years = [int(s["years"].max()) for s in series]
    return {"table": table, "check": check, "national": bt.national_summary(check),
            "last_year": max(years) if years else None,
            "illustrative": bool(len(table) and (table["data"] == "illustrative").any())}
