"""Command line: ``python -m analysis COMMAND ...``.

One CLI exposes the same functions the notebooks call. Each command lives in the
module that does the work (``cli_<command>(args) -> int``); this file only parses
arguments, dispatches, and turns :class:`~analysis.errors.InputError` into clear
``FILE:ROW:COLUMN: message`` lines with exit status 1 (never a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from analysis.errors import InputError

FORMATS = ("table", "csv", "json")


def _add_io(p: argparse.ArgumentParser, *, xlsx: bool = True) -> None:
    p.add_argument("--format", choices=FORMATS + (("xlsx",) if xlsx else ()), default="table",
                   help="output format (default: table)")
    p.add_argument("--output", "-o", metavar="PATH", help="write to PATH instead of standard output")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Monitor and evaluate the Pingchuan S&T achievement-transfer plan (平川区科技成果转移转化示范区).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("targets", help="print the plan's target catalogue")
    p.add_argument("--targets", metavar="FILE", help="a catalogue in the same columns (default: the plan's)")
    _add_io(p, xlsx=False)
    p.set_defaults(module="io.catalogue_cli", func="cli_targets")

    p = sub.add_parser("validate", help="check monitoring files; exit 0 when clean")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--targets", metavar="FILE", help="catalogue the indicator ids must come from")
    p.add_argument("--kind", choices=("auto", "observations", "sectors"), default="auto",
                   help="file contract (default: guessed from the columns)")
    p.set_defaults(module="io.readers", func="cli_validate")

    p = sub.add_parser("template", help="write an Excel template for the statistics office")
    p.add_argument("output", metavar="OUT.xlsx")
    p.add_argument("--targets", metavar="FILE")
    p.add_argument("--years", nargs=2, type=int, metavar=("FIRST", "LAST"), default=None,
                   help="years to fill (default: 2015 to the plan horizon)")
    p.add_argument("--region", default=None, help="region name to pre-fill (default: 平川区)")
    p.set_defaults(module="io.template", func="cli_template")

    p = sub.add_parser("build", help="raw -> processed (atomic, idempotent)")
    p.add_argument("--data", metavar="FILE", help="monitoring file (default: the bundled illustrative data)")
    p.add_argument("--targets", metavar="FILE")
    p.set_defaults(module="io.dataset", func="cli_build")

    p = sub.add_parser("assess", help="the scorecard: will each target be met?")
    p.add_argument("--data", metavar="FILE", action="append",
                   help="observations file (repeat to combine several; default: the bundled illustrative data)")
    p.add_argument("--targets", metavar="FILE")
    p.add_argument("--as-of", type=int, metavar="YEAR", help="use only observations up to YEAR")
    p.add_argument("--baseline", type=int, metavar="YEAR",
                   help="the plan's baseline year, for the schedule check and actual growth "
                        "(default: 2018, the Pingchuan plan's; another plan's own, e.g. 2015 for a 13th FYP plan)")
    p.add_argument("--skip-unknown", action="store_true",
                   help="ignore rows of indicators that are not in the target catalogue (default: error)")
    _add_io(p)
    p.set_defaults(module="model.scorecard", func="cli_assess")

    p = sub.add_parser("backtest", help="rolling-origin calibration of forecasts and probabilities")
    p.add_argument("--data", metavar="FILE", action="append",
                   help="observations to back-test (default: the public series and the bundled data)")
    p.add_argument("--refit", action="store_true",
                   help="re-learn the calibration factors and rewrite analysis/calibration.json")
    _add_io(p)
    p.set_defaults(module="model.backtest", func="cli_backtest")

    p = sub.add_parser("sectors", help="compare the plan's sectors")
    p.add_argument("--data", metavar="FILE", help="sector panel (default: the bundled illustrative panel)")
    p.add_argument("--metric", nargs="+", metavar="M")
    p.add_argument("--sectors", nargs="+", metavar="S")
    p.add_argument("--years", nargs=2, type=int, metavar=("A", "B"))
    _add_io(p)
    p.set_defaults(module="model.sectors", func="cli_sectors")

    p = sub.add_parser("explore", help="serve the scenario explorer as a Voila app on 127.0.0.1")
    p.add_argument("--port", type=int, default=8866)
    p.add_argument("--no-browser", action="store_true")
    p.add_argument("--lan", action="store_true",
                   help="share on the local network (binds all interfaces; a token is required and printed)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the messages printed")
    p.set_defaults(module="app.explorer", func="cli_explore")

    p = sub.add_parser("report", help="the whole pack: scorecard, figures, workbook, HTML")
    p.add_argument("--data", metavar="FILE")
    p.add_argument("--targets", metavar="FILE")
    p.add_argument("--as-of", type=int, metavar="YEAR")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--formats", default="png,svg,pdf", help="comma-separated: png,svg,pdf")
    p.add_argument("--out", metavar="DIR", help="output folder (default: figures/ and reports/)")
    p.add_argument("--no-notebooks", action="store_true", help="skip executing the notebooks")
    p.set_defaults(module="app.report", func="cli_report")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        module = importlib.import_module(f"analysis.{args.module}")
        return int(getattr(module, args.func)(args) or 0)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        if args.command == "assess" and any(p.message.startswith("unknown indicator") for p in exc.problems):
            print("hint: to score only the indicators the catalogue has, add --skip-unknown", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # pragma: no cover
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. `| head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
