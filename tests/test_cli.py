"""analysis.cli: options every command shares, words from i18n, errors as sentences."""

from __future__ import annotations

import errno

import pytest

from analysis import i18n
from analysis.cli import build_parser, main, os_error_sentence, problem_line
from analysis.errors import Problem

COMMANDS = {  # command -> the smallest valid argument list
    "targets": [], "validate": ["f.csv"], "template": ["t.xlsx"], "build": [], "assess": [],
    "backtest": [], "sectors": [], "explore": [], "report": [],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("given, lang", [([], "zh"), (["--lang", "en"], "en"), (["--lang", "zh"], "zh")])
def test_every_command_takes_lang_default_zh(command, given, lang):
    args = build_parser().parse_args([command, *COMMANDS[command], *given])
    assert args.lang == lang
    assert args.module and args.func.startswith("cli_")


@pytest.mark.parametrize("command", ["validate", "build", "assess", "report", "backtest"])
@pytest.mark.parametrize("given, sheet", [([], None), (["--sheet", "填报"], "填报"), (["--sheet", "2"], 2),
                                          (["--sheet", "Sheet 1"], "Sheet 1")])
def test_commands_that_read_data_take_sheet(command, given, sheet):
    assert build_parser().parse_args([command, *COMMANDS[command], *given]).sheet == sheet


@pytest.mark.parametrize("command", ["targets", "template", "sectors", "explore"])
def test_other_commands_have_no_sheet(command, capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args([command, *COMMANDS[command], "--sheet", "1"])
    err = capsys.readouterr().err
    # said with the command's own usage, in the user's language (Chinese by default)
    assert f"python -m analysis {command}：错误：无法识别的参数：--sheet 1" in err
    assert err.startswith(f"用法：python -m analysis {command} ")


@pytest.mark.parametrize("lang, words", [("zh", "考核评价表：各项目标能否完成？"),
                                         ("en", "the scorecard: will each target be met?")])
def test_help_is_in_the_language_asked(capsys, lang, words):
    assert main(["assess", "--help", "--lang", lang]) == 0
    assert words in capsys.readouterr().out


def test_help_headings_end_as_the_language_writes_them(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "选项：" in out and "命令：" in out and "选项:" not in out
    assert main(["--lang", "en", "--help"]) == 0
    assert "options:" in capsys.readouterr().out.splitlines()


def test_lang_before_the_command_counts(monkeypatch, capsys):
    assert main(["--lang", "en", "template", "out.csv"]) != 0   # a bad template output: any message
    assert main(["--lang", "en", "assess", "--format", "xlsx"]) == 1
    assert capsys.readouterr().err.endswith("--format xlsx needs --output PATH.xlsx\n")


@pytest.mark.parametrize("problem, lang, line", [
    (Problem("--formats", None, None, "unknown format 'gif'"), "en", "option --formats: unknown format 'gif'"),
    (Problem("--formats", None, None, "unknown format 'gif'"), "zh", "选项 --formats：unknown format 'gif'"),
    (Problem("data.csv", 3, "value", "not a number"), "zh", "data.csv:3:value: not a number"),
    (Problem("data.csv", None, "unit", "required column is missing"), "en",
     "data.csv::unit: required column is missing"),
])
def test_problem_lines(problem, lang, line):
    assert problem_line(problem, lang) == line


def test_option_error_is_one_clean_line(capsys):
    assert main(["report", "--formats", "gif", "--no-notebooks", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert err == "option --formats: unknown format 'gif'; use png, svg, pdf\n"


@pytest.mark.parametrize("err, lang, sentence", [
    (errno.ENOSPC, "en", "No space left on the disk to write /x/y.csv: free some space and run the command again."),
    (errno.EACCES, "zh", "没有权限访问 /x/y.csv：请检查该文件或文件夹的权限，或改用其他位置。"),
    (errno.EPERM, "en", "Permission denied for /x/y.csv: check the permissions of that file or folder, "
                        "or use another location."),
    (errno.ENOENT, "en", "/x/y.csv does not exist: check the path and that its folder exists."),
    (errno.ELOOP, "en", "System error on /x/y.csv (Too many levels of symbolic links): check that path and run again."),
])
def test_os_error_sentences(err, lang, sentence):
    import os

    assert os_error_sentence(OSError(err, os.strerror(err), "/x/y.csv"), lang) == sentence


def test_os_error_without_a_path():
    assert os_error_sentence(OSError(errno.ENOSPC, "No space left on device"), "en") == (
        "No space left on the disk to write (unknown path): free some space and run the command again.")


@pytest.mark.parametrize("lang, sentence", [("zh", "{path} 已存在：请删除它或换一个名称。\n"),
                                            ("en", "{path} already exists: remove it or choose another name.\n")])
def test_output_under_a_file_is_a_sentence_exit_2(tmp_path, capsys, lang, sentence):
    """A real OS error in another command: targets --output below a file."""
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["targets", "--format", "csv", "--lang", lang, "--output", str(blocker / "targets.csv")]) == 2
    assert capsys.readouterr().err == sentence.format(path=blocker)   # mkdir of the folder finds a file: EEXIST


def test_cli_words_have_both_languages_and_the_same_placeholders():
    cli = {k: v for k, v in i18n.catalogue().items() if k.startswith("cli.")}
    assert len(cli) > 40
    for key, texts in cli.items():
        assert set(texts) == set(i18n.LANGS), key
        assert i18n.placeholders(texts["zh"]) == i18n.placeholders(texts["en"]), key


@pytest.mark.parametrize("lang, sentence", [
    ("zh", "磁盘空间不足，无法写入 {path}：请清理磁盘空间后重新运行。\n"),
    ("en", "No space left on the disk to write {path}: free some space and run the command again.\n"),
])
def test_disk_full_while_writing_any_output_is_one_sentence(tmp_path, monkeypatch, capsys, lang, sentence):
    """Fault injection: the disk fills up when ``targets --output`` flushes its file (os.fsync
    without a file name, as the kernel reports it); the sentence names the output, exit 2."""
    import os

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "targets.csv"
    assert main(["targets", "--format", "csv", "--output", str(out), "--lang", lang]) == 2
    assert capsys.readouterr().err == sentence.format(path=out)
    assert list(tmp_path.iterdir()) == []          # no half-written file, no temporary


@pytest.mark.parametrize("lang, usage, last", [
    ("zh", "用法：python -m analysis assess", "python -m analysis assess：错误：参数 --as-of：'x' 不是整数"),
    ("en", "usage: python -m analysis assess", "python -m analysis assess: error: argument --as-of: invalid int value: 'x'"),
])
def test_mistyped_option_usage_then_one_error_line_exit_2(capsys, lang, usage, last):
    assert main(["assess", "--as-of", "x", "--lang", lang]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith(usage) and err[-1] == last


@pytest.mark.parametrize("argv, zh, en", [
    (["asses"], "参数 COMMAND：无效的选择 'asses'（可选：", "argument COMMAND: invalid choice: 'asses' (choose from "),
    (["validate"], "缺少必需的参数：FILE", "the following arguments are required: FILE"),
    (["assess", "--format", "pdf"], "参数 --format：无效的选择 'pdf'", "argument --format: invalid choice: 'pdf'"),
    (["assess", "--as-of"], "参数 --as-of：需要给出一个值", "argument --as-of: expected one argument"),
    (["template", "t.xlsx", "--output", "x"], "无法识别的参数：--output x", "unrecognized arguments: --output x"),
])
def test_argparse_usage_errors_in_the_users_language(capsys, argv, zh, en):
    for lang, said in (("zh", zh), ("en", en)):
        assert main([*argv, "--lang", lang] if argv != ["assess", "--as-of"] else ["--lang", lang, *argv]) == 2
        last = capsys.readouterr().err.strip().splitlines()[-1]
        assert said in last, last


@pytest.mark.parametrize("lang, said", [
    ("zh", "--sheet 只能给一次（它对所有 --data 文件有效"), ("en", "--sheet may be given once (it applies to every --data file"),
])
def test_sheet_given_twice_is_a_usage_error_not_the_last_one_silently(capsys, lang, said):
    """``--data a.xlsx --sheet 2 --data a.xlsx --sheet 3`` read sheet 3 for both files."""
    from analysis.cli import main

    assert main(["--lang", lang, "assess", "--data", "a.xlsx", "--sheet", "2", "--data", "a.xlsx", "--sheet", "3"]) == 2
    assert said in capsys.readouterr().err


def test_an_internal_error_is_a_sentence_and_its_traceback_a_file(monkeypatch, capsys, tmp_path):
    """A bug (a per-region catalogue made figure 46 raise "The truth value of a Series is ambiguous") printed
    a 25-line traceback and no word of what to do. Now one sentence, exit status 3, the traceback in a file;
    ANALYSIS_DEBUG=1 raises it for a developer."""
    import tempfile

    from analysis.cli import main
    from analysis.io import catalogue_cli

    def broken(args):
        raise ValueError("The truth value of a Series is ambiguous")

    monkeypatch.setattr(catalogue_cli, "cli_targets", broken)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.delenv("ANALYSIS_DEBUG", raising=False)
    assert main(["targets"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("出错：程序内部错误（ValueError: The truth value of a Series is ambiguous），不是输入文件的格式问题")
    assert "Traceback" not in err
    (report,) = tmp_path.glob("pingchuan-analysis-error-*.txt")
    text = report.read_text(encoding="utf-8")
    assert text.startswith("python -m analysis targets") and "Traceback" in text and "broken" in text
    assert str(report) in err
    monkeypatch.setenv("ANALYSIS_DEBUG", "1")
    with pytest.raises(ValueError, match="ambiguous"):
        main(["targets"])
