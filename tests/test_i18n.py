"""The word catalogue: every key in both languages, same placeholders, no collisions."""

from pathlib import Path
import re
import pytest

from analysis import i18n


def test_every_key_has_both_languages_and_the_same_placeholders():
    cat = i18n.catalogue()
    assert cat, "the catalogue is empty"
    for key, texts in cat.items():
        assert set(texts) == set(i18n.LANGS), key
        assert all(isinstance(v, str) for v in texts.values()), key
        assert any(texts.values()), key  # a separator may be empty in one language
        assert i18n.placeholders(texts["zh"]) == i18n.placeholders(texts["en"]), key


def test_keys_start_with_their_domain():
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(i18n.__path__):
        mod = importlib.import_module(f"analysis.i18n.{info.name}")
        for key in getattr(mod, "MESSAGES", {}):
            assert key.startswith(info.name + "."), f"{key} in analysis/i18n/{info.name}.py"


def test_t_formats_and_checks_language():
    assert i18n.t("common.illustrative_note", "zh") == "示例数据，非官方统计"
    assert i18n.t("common.illustrative_note", "en") == "illustrative data, not official statistics"
    with pytest.raises(ValueError, match="lang must be one of"):
        i18n.t("common.illustrative_note", "fr")
    with pytest.raises(KeyError):
        i18n.t("common.no_such_key", "zh")


@pytest.mark.parametrize("text, expected", [
    ("用法:", "用法："), ("{prog}:错误:{message}", "{prog}：错误：{message}"),
    ("输出语言:zh(中文,默认)或 en(英文)", "输出语言：zh（中文，默认）或 en（英文）"),
    ("年均增速(%)", "年均增速（%）"), ("是否为 {suggest}?", "是否为 {suggest}？"),
    ("P(meet) 概率", "P(meet) 概率"), ("08:30 开始", "08:30 开始"), ("--years 2015 2020", "--years 2015 2020"),
    ("growth (%)", "growth (%)"), ("（已是全角）", "（已是全角）"),
])
def test_chinese_texts_get_chinese_punctuation(text, expected):
    assert i18n.zh_punctuation(text) == expected


def test_every_chinese_message_has_chinese_punctuation_next_to_chinese():
    bad = {k: v["zh"] for k, v in i18n.catalogue().items()
           if re.search(r"[\u4e00-\u9fff][,:;?!]|[,:;?!][\u4e00-\u9fff]", v["zh"])}
    assert not bad


def test_a_problem_made_from_a_key_is_said_in_either_language():
    from analysis.errors import Problem

    p = Problem.said("t.csv", 3, "id", "intake.targets.duplicate_id", id="'x'", first=2)
    assert str(p) == p.line() == "t.csv:3:id: 编号 'x' 重复（首次出现在第 2 行）"  # Chinese first
    assert p.line("en") == "t.csv:3:id: duplicate id 'x' (first on row 2)"
    assert p == Problem("t.csv", 3, "id", p.message)  # the key does not change what the problem is
    plain = Problem("t.csv", None, None, "已知文本")
    assert plain.text("en") == "已知文本"  # a message made in one language stays as it was made


def _problem_messages_written_in_code():
    """Every ``Problem(file, row, column, MESSAGE)`` in the package whose message is written in
    the code (a string or f-string) rather than taken from analysis/i18n."""
    import ast

    root = Path(__file__).resolve().parent.parent / "analysis"
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Problem"
                    and len(node.args) >= 4 and isinstance(node.args[3], (ast.Constant, ast.JoinedStr))):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return found


def test_no_problem_message_is_written_in_the_code():
    """A problem a user reads comes from analysis/i18n in their language (``t(...)`` or
    ``Problem.said``); English written in the code reached the Chinese CLI (report --formats,
    the target list's checks, the sector options)."""
    assert _problem_messages_written_in_code() == []


def _word_tables_outside_the_catalogue(root: Path | None = None) -> list[str]:
    """``file:line`` of every dict literal outside analysis/i18n with a ``"zh"`` key whose value
    holds Chinese text: a table of words in both languages kept beside the code."""
    import ast

    root = root or Path(i18n.__file__).resolve().parent.parent
    cjk = re.compile(r"[\u3400-\u9fff]")
    found = []
    for path in sorted(root.rglob("*.py")):
        if "i18n" in path.relative_to(root).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Dict):
                continue
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and key.value == "zh" and any(
                        isinstance(n, ast.Constant) and isinstance(n.value, str) and cjk.search(n.value)
                        for n in ast.walk(value)):
                    found.append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return found


def test_no_table_of_words_outside_the_catalogue():
    """The words of figures, statuses, labels and notes come from analysis/i18n, not from a
    ``{"zh": ..., "en": ...}`` table beside the code (there were seven: the attainment and
    back-test charts, the statuses, the progress labels, the illustrative note, the widget note)."""
    assert _word_tables_outside_the_catalogue() == []


def test_the_word_table_check_sees_a_table(tmp_path):
    pkg = tmp_path / "analysis"
    (pkg / "i18n").mkdir(parents=True)
    (pkg / "viz.py").write_text('X = 1\nTEXT = {"zh": {"a": "目标"}, "en": {"a": "target"}}\n'
                                'SEP = {"zh": "", "en": " "}\n', encoding="utf-8")
    (pkg / "i18n" / "figures.py").write_text('MESSAGES = {"figures.a": {"zh": "目标", "en": "target"}}\n',
                                             encoding="utf-8")
    assert _word_tables_outside_the_catalogue(pkg) == ["analysis/viz.py:2"]
