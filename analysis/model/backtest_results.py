"""The calibration back-test and the national-plan check, run once for the figures.

:func:`backtest_results` runs what ``python -m analysis backtest`` runs for the figures
(the automatic method on the real public series, and the national-plan check) and returns
one dict; the plot functions of :mod:`analysis.viz.attainment` draw from it.

It depends only on the public series, the calibration file and the code, so the result is
kept by :func:`analysis.io.cache.memo`: the first report, notebook or figure computes it
(about 5-10 s), the next ones read it back until one of those changes.
"""

from __future__ import annotations

from analysis import config
from analysis.io.cache import memo
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
        horizon), ``calls`` (:func:`analysis.model.backtest.calls`: every held-out call of ours and
        of the hand rules on the real series), ``check`` (:func:`analysis.model.backtest.national_plan_check`), ``national``
        (:func:`analysis.model.backtest.national_summary`), ``last_year`` (last year of the
        series used) and ``illustrative`` (whether illustrative series are in ``table``).
        About 5-10 s the first time (:mod:`analysis.io.cache`).
    """
    inputs = [*sorted(config.public_dir().glob("*.csv")), fc.calibration_path()]
    if illustrative:
        inputs.append(config.monitoring_path())
    return memo("backtest", lambda: _compute(illustrative), inputs=inputs, params=f"illustrative={illustrative}")


def _compute(illustrative: bool) -> dict:
    pub = bt.public_series()
    series = bt.series_list(pub)
    if illustrative:
        series = series + bt.series_list(bt.illustrative_series())
    cal = fc.load_calibration()
    if illustrative:
        run = bt.run(series, methods=("auto",))
    else:  # the saved run the plan checks share, with the hand rules beside it
        run = bt.public_auto_run(series)
        run = bt.Backtest(run.cases, run.f_le, run.f_lt, bt.run(series, methods=(), baselines=True).baselines)
    table = bt.score(run, cal)
    check = bt.national_plan_check(calibration=cal)
    years = [int(s["years"].max()) for s in series]
    window = bt.public_window_run(bt.series_list(pub))
    return {"table": table, "calls": bt.calls(run, cal, window=window), "check": check,
            "national": bt.national_summary(check),
            "last_year": max(years) if years else None,
            "illustrative": bool(len(table) and (table["data"] == "illustrative").any())}
