"""Command line: ``python -m analysis COMMAND ...``.

One CLI exposes the same functions the notebooks call. Each command lives in the
module that does the work (``cli_<command>(args) -> int``); this file only parses
arguments, dispatches, and turns errors into sentences, never a traceback:

* :class:`~analysis.errors.InputError` (bad input): one ``FILE:ROW:COLUMN: message`` line
  per problem (an option's problem as ``option --x: message``), exit status 1;
* :class:`OSError` (permission, read-only, disk full, missing folder, a locked output): one
  sentence naming the path and what to do, exit status 2 (argparse's usage errors also exit 2).

Every command takes ``--lang zh|en`` (default zh: Chinese first), and the commands that read
data files take ``--sheet NAME|NUMBER`` for Excel files. Words come from
:mod:`analysis.i18n.cli`.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import re
import sys

from analysis.app.startup import skip_unused_slow_imports
from analysis.errors import InputError, Problem
from analysis.io import readers
from analysis.i18n import DEFAULT_LANG, LANGS, has, t

FORMATS = ("table", "csv", "json")

#: errno -> message key (several errnos share a sentence)
_OS_KEYS: dict[int, str] = {
    errno.ENOSPC: "ENOSPC", errno.EDQUOT: "EDQUOT", errno.EROFS: "EROFS",
    errno.EACCES: "EACCES", errno.EPERM: "EACCES", errno.ENOENT: "ENOENT", errno.ENOTDIR: "ENOTDIR",
    errno.EISDIR: "EISDIR", errno.EEXIST: "EEXIST", errno.ENOTEMPTY: "ENOTEMPTY",
    errno.EWOULDBLOCK: "EWOULDBLOCK", errno.EAGAIN: "EWOULDBLOCK", errno.EMFILE: "EMFILE",
    errno.ENFILE: "EMFILE", errno.EIO: "EIO",
}
#: commands that read data files (and so take --sheet)
READS_DATA = ("validate", "build", "assess", "report")


def _sheet(value: str) -> int | str:
    """``--sheet``: a number (1 = the first sheet) or a sheet name."""
    value = value.strip()
    return int(value) if value.isdigit() else value


class _Once(argparse.Action):
    """An option that may be given once: a second one is a usage error, not silently the one used
    (``--data a.xlsx --sheet 2 --data a.xlsx --sheet 3`` read sheet 3 for both)."""

    def __call__(self, parser, namespace, values, option_string=None):
        if getattr(namespace, self.dest, None) is not None:
            parser.error(t("cli.option_once", getattr(parser, "lang", DEFAULT_LANG), option=option_string))
        setattr(namespace, self.dest, values)


def _lang_of(argv: list[str]) -> str:
    """The last ``--lang`` given on the command line, before or after the command (read
    before parsing too, so that ``--help`` speaks it)."""
    lang = DEFAULT_LANG
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            lang = argv[i + 1]
        elif a.startswith("--lang=") and a.split("=", 1)[1] in LANGS:
            lang = a.split("=", 1)[1]
    return lang


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with the ``usage:`` prefix in the user's language."""

    lang = DEFAULT_LANG

    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: D102
        return super().add_usage(usage, actions, groups,
                                 prefix=t("cli.usage", self.lang) if prefix is None else prefix)

    def format_help(self) -> str:  # noqa: D102 - argparse ends a section's heading with ':' itself
        text = super().format_help()
        return _ZH_HEADING_RE.sub(r"\1：", text) if self.lang == "zh" else text


#: A Chinese section heading of argparse's help (``选项:``), to end with a full-width colon.
_ZH_HEADING_RE = re.compile(r"(?m)^(\s*[^\s:][^\n:]*[\u4e00-\u9fff]):$")


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose own words (usage, options, help, error) follow ``lang``."""

    def __init__(self, *args, lang: str = DEFAULT_LANG, **kwargs):
        formatter = type("Formatter", (_Formatter,), {"lang": lang})
        super().__init__(*args, formatter_class=formatter, add_help=False, **kwargs)
        self.lang = lang
        self._optionals.title = t("cli.options", lang)
        self._positionals.title = t("cli.positionals", lang)
        self.add_argument("-h", "--help", action="help", help=t("cli.opt.help", lang))

    def error(self, message: str):  # noqa: D102 - usage, then one line; exit status 2 as argparse
        self.print_usage(sys.stderr)
        self.exit(2, t("cli.usage_error", self.lang, prog=self.prog, message=_argparse_message(message, self.lang))
                  + "\n")

    def parse_args(self, args=None, namespace=None):  # noqa: D102
        # an option the command does not know is said with that command's usage, not the program's
        ns, extra = self.parse_known_args(args, namespace)
        if extra:
            sub = self._subcommand(getattr(ns, "command", None))
            (sub or self).error(f"unrecognized arguments: {' '.join(extra)}")
        return ns

    def _subcommand(self, name) -> argparse.ArgumentParser | None:
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction) and name in action.choices:
                return action.choices[name]
        return None


#: argparse's own English usage errors (Python 3.11-3.13) -> the message key and how to read its values;
#: anything else (our own messages, already in the user's language) is passed through.
_ARGPARSE_MESSAGES = [
    (re.compile(r"unrecognized arguments: (?P<args>.*)", re.S), "cli.argparse.unrecognized"),
    (re.compile(r"the following arguments are required: (?P<args>.*)", re.S), "cli.argparse.required"),
    (re.compile(r"one of the arguments (?P<args>.*) is required", re.S), "cli.argparse.one_of"),
    (re.compile(r"invalid int value: (?P<value>.*)", re.S), "cli.argparse.invalid_int"),
    (re.compile(r"invalid float value: (?P<value>.*)", re.S), "cli.argparse.invalid_float"),
    (re.compile(r"invalid \S+ value: (?P<value>.*)", re.S), "cli.argparse.invalid_value"),
    (re.compile(r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)", re.S), "cli.argparse.invalid_choice"),
    (re.compile(r"expected one argument"), "cli.argparse.expected_one"),
    (re.compile(r"expected at least one argument"), "cli.argparse.expected_at_least_one"),
    (re.compile(r"expected at most one argument"), "cli.argparse.expected_at_most_one"),
    (re.compile(r"expected (?P<n>[0-9]+) arguments?"), "cli.argparse.expected_n"),
    (re.compile(r"not allowed with argument (?P<arg>.*)", re.S), "cli.argparse.not_allowed_with"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", re.S), "cli.argparse.ambiguous"),
    (re.compile(r"ignored explicit argument (?P<value>.*)", re.S), "cli.argparse.explicit_ignored"),
]
_ARGPARSE_ARGUMENT_RE = re.compile(r"argument (?P<arg>[^:]+): (?P<message>.*)", re.S)


def _argparse_message(message: str, lang: str) -> str:
    """One of argparse's usage errors in ``lang`` (``argument --as-of: invalid int value: 'abc'`` ->
    ``参数 --as-of：'abc' 不是整数``); a message it does not know is returned as it is."""
    m = _ARGPARSE_ARGUMENT_RE.fullmatch(message)
    if m and not m.group("message").startswith("argument "):
        return t("cli.argparse.argument", lang, arg=m.group("arg"), message=_argparse_message(m.group("message"), lang))
    for pattern, key in _ARGPARSE_MESSAGES:
        m = pattern.fullmatch(message)
        if m:
            return t(key, lang, **m.groupdict())
    return message


def build_parser(lang: str = DEFAULT_LANG) -> argparse.ArgumentParser:
    """The argument parser for every command, its help texts in ``lang``."""
    def h(key: str) -> str:
        return t(key, lang)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help=h("cli.opt.lang"))
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument("--sheet", type=_sheet, default=None, metavar="NAME|NUMBER", action=_Once, help=h("cli.opt.sheet"))

    def io_options(p: argparse.ArgumentParser, *, xlsx: bool = True) -> None:
        p.add_argument("--format", choices=FORMATS + (("xlsx",) if xlsx else ()), default="table",
                       help=h("cli.opt.format"))
        p.add_argument("--output", "-o", metavar="PATH", help=h("cli.opt.output"))

    def command(name: str, module: str, func: str, *, reads: bool = False) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=h(f"cli.{name}.help"), description=h(f"cli.{name}.help"),
                           parents=[common] + ([data] if reads else []), lang=lang)
        p.set_defaults(module=module, func=func)
        return p

    parser = _Parser(prog="python -m analysis", description=h("cli.description"), lang=lang)
    # also accepted before the command; a subcommand's own default must not override it, hence
    # another dest (main() reads the last --lang given)
    parser.add_argument("--lang", dest="top_lang", choices=LANGS, default=None, help=h("cli.opt.lang"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, title=h("cli.commands"),
                                parser_class=_Parser)

    p = command("targets", "io.catalogue_cli", "cli_targets")
    p.add_argument("--targets", metavar="FILE", help=h("cli.targets.targets"))
    io_options(p, xlsx=False)

    p = command("validate", "io.readers", "cli_validate", reads=True)
    p.add_argument("files", nargs="+", metavar="FILE", help=h("cli.validate.files"))
    p.add_argument("--targets", metavar="FILE", help=h("cli.validate.targets"))
    p.add_argument("--kind", choices=("auto", "observations", "sectors"), default="auto",
                   help=h("cli.validate.kind"))
    p.add_argument("--skip-unknown", action="store_true", help=h("cli.assess.skip_unknown"))

    p = command("template", "io.template", "cli_template")
    p.add_argument("output", metavar="OUT.xlsx", help=h("cli.template.output"))
    p.add_argument("--targets", metavar="FILE", help=h("cli.opt.targets"))
    p.add_argument("--years", nargs=2, type=int, metavar=("FIRST", "LAST"), default=None,
                   help=h("cli.template.years"))
    p.add_argument("--region", default=None, help=h("cli.template.region"))
    p.add_argument("--layout", choices=("long", "wide"), default="long", help=h("cli.template.layout"))
    p.add_argument("--ledger", dest="module", action="store_const", const="io.ledger",
                   help=h("cli.template.ledger"))

    p = command("build", "io.dataset", "cli_build", reads=True)
    p.add_argument("--data", metavar="FILE", help=h("cli.build.data"))
    p.add_argument("--targets", metavar="FILE", help=h("cli.opt.targets"))
    p.add_argument("--skip-unknown", action="store_true", help=h("cli.assess.skip_unknown"))

    p = command("assess", "model.scorecard", "cli_assess", reads=True)
    p.add_argument("--data", metavar="FILE", action="append", help=h("cli.assess.data"))
    p.add_argument("--targets", metavar="FILE", help=h("cli.opt.targets"))
    p.add_argument("--as-of", type=int, metavar="YEAR", help=h("cli.opt.as_of"))
    p.add_argument("--baseline", type=int, metavar="YEAR", help=h("cli.assess.baseline"))
    p.add_argument("--skip-unknown", action="store_true", help=h("cli.assess.skip_unknown"))
    io_options(p)

    def _years_before(value: str) -> tuple[int, ...]:
        """``--years-before 1,2,3``: whole numbers of years, 1-30."""
        parts = [x.strip() for x in re.split(r"[,，、\s]+", value.strip()) if x.strip()]
        if not parts or not all(x.isdigit() and 1 <= int(x) <= 30 for x in parts):
            raise argparse.ArgumentTypeError(t("cli.backtest.years_before_bad", lang, value=repr(value)))
        return tuple(sorted({int(x) for x in parts}))

    p = command("backtest", "model.backtest", "cli_backtest", reads=True)
    p.add_argument("--data", metavar="FILE", action="append", help=h("cli.backtest.data"))
    p.add_argument("--targets", metavar="FILE", help=h("cli.backtest.targets"))
    p.add_argument("--refit", action="store_true", help=h("cli.backtest.refit"))
    p.add_argument("--years-before", type=_years_before, metavar="LIST", help=h("cli.backtest.years_before"))
    io_options(p)

    p = command("sectors", "model.sectors", "cli_sectors")
    p.add_argument("--data", metavar="FILE", help=h("cli.sectors.data"))
    p.add_argument("--metric", nargs="+", metavar="M", help=h("cli.sectors.metric"))
    p.add_argument("--sectors", nargs="+", metavar="S", help=h("cli.sectors.sectors"))
    p.add_argument("--years", nargs=2, type=int, metavar=("A", "B"), help=h("cli.sectors.years"))
    io_options(p)

    p = command("explore", "app.explorer", "cli_explore")
    p.add_argument("--data", metavar="FILE", action="append", help=h("cli.explore.data"))
    p.add_argument("--targets", metavar="FILE", help=h("cli.opt.targets"))
    p.add_argument("--port", type=int, default=8866, help=h("cli.explore.port"))
    p.add_argument("--no-browser", action="store_true", help=h("cli.explore.no_browser"))
    p.add_argument("--lan", action="store_true", help=h("cli.explore.lan"))

    p = command("report", "app.report", "cli_report", reads=True)
    p.add_argument("--data", metavar="FILE", action="append", help=h("cli.report.data"))
    p.add_argument("--targets", metavar="FILE", help=h("cli.opt.targets"))
    p.add_argument("--skip-unknown", action="store_true", help=h("cli.assess.skip_unknown"))
    p.add_argument("--as-of", type=int, metavar="YEAR", help=h("cli.opt.as_of"))
    p.add_argument("--baseline", type=int, metavar="YEAR", help=h("cli.report.baseline"))
    p.add_argument("--formats", default="png,svg,pdf", help=h("cli.report.formats"))
    p.add_argument("--figures", metavar="LIST", help=h("cli.report.figures"))
    p.add_argument("--out", metavar="DIR", help=h("cli.report.out"))
    p.add_argument("--no-notebooks", action="store_true", help=h("cli.report.no_notebooks"))
    p.add_argument("--sectors", metavar="FILE", help=h("cli.report.sectors"))
    p.add_argument("--sample-sectors", action="store_true", help=h("cli.report.sample_sectors"))
    p.add_argument("--ledger", metavar="FILE", help=h("cli.report.ledger"))
    return parser


# ------------------------------------------------------------------------------------------ messages
def problem_line(problem: Problem, lang: str = DEFAULT_LANG) -> str:
    """``FILE:ROW:COLUMN: message``; a problem with a command-line option (``--formats``)
    has no row or column: ``option --formats: message``."""
    if problem.file.startswith("-") and problem.row is None:
        option = problem.file if problem.column is None else f"{problem.file} {problem.column}"
        return t("cli.option_error", lang, option=option, message=problem.text(lang))
    return problem.line(lang)


def os_error_sentence(exc: OSError, lang: str = DEFAULT_LANG) -> str:
    """One sentence for an operating-system error: which path, what happened, what to do."""
    paths = [str(p) for p in (exc.filename, exc.filename2) if p not in (None, "")]
    path = " -> ".join(paths) if paths else t("cli.os.unknown_path", lang)
    key = _OS_KEYS.get(exc.errno or -1)
    if key is None:
        reason = exc.strerror or type(exc).__name__
        return t("cli.os.other", lang, path=path, reason=reason)
    return t(f"cli.os.{key}", lang, path=path)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 input error, 2 system or usage error, 3 an internal
    error: said in a sentence, its traceback written to a file; ``ANALYSIS_DEBUG=1`` raises it instead)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    skip_unused_slow_imports()
    lang = _lang_of(argv)
    parser = build_parser(lang)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2, printed by argparse)
        return int(exc.code or 0)
    args.lang = lang
    if getattr(args, "format", None) == "xlsx" and not getattr(args, "output", None):
        print(t("cli.xlsx_needs_output", lang), file=sys.stderr)
        return 1
    try:
        module = importlib.import_module(f"analysis.{args.module}")
        with readers.options(sheet=getattr(args, "sheet", None), lang=lang,
                             skip_unknown=getattr(args, "skip_unknown", False)):
            return int(getattr(module, args.func)(args) or 0)
    except InputError as exc:
        for problem in exc.problems:
            print(problem_line(problem, lang), file=sys.stderr)
        if hasattr(args, "skip_unknown") and readers.unknown_indicator_said(exc.problems):
            print(t("cli.hint_skip_unknown", lang), file=sys.stderr)
        if any(p.row is not None for p in exc.problems):  # a file's cells: what was not done, what next
            key = f"cli.input_failed.{args.command}"
            print(t(key if has(key) else "cli.input_failed", lang, n=len(exc.problems)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # pragma: no cover
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. `| head`
        return 0
    except OSError as exc:
        print(os_error_sentence(exc, lang), file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the last resort: a sentence, the details in a file
        if os.environ.get("ANALYSIS_DEBUG"):
            raise
        path = _crash_report(exc, argv)
        print(t("cli.internal_error" if path else "cli.internal_error_no_file", lang,
                error=f"{type(exc).__name__}: {exc}", path=path or ""), file=sys.stderr)
        return 3


def _crash_report(exc: BaseException, argv) -> str | None:
    """Write the traceback of an unexpected error to a file in the temporary folder; its path, or None
    when it cannot be written. Never the data: the command's arguments and the traceback only."""
    import tempfile
    import time
    import traceback

    try:
        fd, path = tempfile.mkstemp(prefix=time.strftime("pingchuan-analysis-error-%Y%m%d-%H%M%S-"), suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("python -m analysis " + " ".join(map(str, argv if argv is not None else sys.argv[1:])) + "\n\n")
            fh.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        return path
    except OSError:
        return None


if __name__ == "__main__":
    sys.exit(main())
