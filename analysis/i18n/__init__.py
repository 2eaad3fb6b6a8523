"""Every word a user reads, in Chinese (default) and English: one place.

Messages live in per-domain catalogues in this package (``common``, ``cli``,
``intake``, ``scorecard``, ``report``, ``explorer``, ``ledger`` ...), each a module
with ``MESSAGES = {key: {"zh": ..., "en": ...}}``. Keys are dotted and start with
the domain (``intake.unknown_indicator``) so catalogues never collide; a test checks
every key has both languages and the same ``{placeholders}`` in each.

Use::

    from analysis.i18n import t
    t("intake.unknown_indicator", "zh", name="专利")   # -> "未知指标 …"

Code never branches on ``lang == "zh"`` to choose words: it asks :func:`t`.
"""

from __future__ import annotations

import importlib
import pkgutil
import string
from typing import Mapping

LANGS: tuple[str, ...] = ("zh", "en")
DEFAULT_LANG = "zh"

_CATALOGUE: dict[str, dict[str, str]] | None = None


def _load() -> dict[str, dict[str, str]]:
    global _CATALOGUE
    if _CATALOGUE is None:
        merged: dict[str, dict[str, str]] = {}
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
            mod = importlib.import_module(f"{__name__}.{info.name}")
            for key, texts in getattr(mod, "MESSAGES", {}).items():
                if key in merged:
                    raise RuntimeError(f"i18n key {key!r} defined twice (in {info.name})")
                merged[key] = dict(texts)
                if "zh" in merged[key]:
                    merged[key]["zh"] = zh_punctuation(merged[key]["zh"])
        _CATALOGUE = merged
    return _CATALOGUE


def _cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}


def zh_punctuation(text: str) -> str:
    """Chinese punctuation where a Chinese text has ASCII: ``,:;?!`` next to a Chinese character
    become ``，：；？！``, and a pair ``( )`` with a Chinese character just inside or outside either
    of them becomes ``（ ）`` (``年均增速(%)`` -> ``年均增速（%）``). Placeholders, numbers, codes
    and English stay as they are (``{prog}``, ``08:30``, ``--years``, ``P(meet)``)."""
    chars = list(text)
    n = len(chars)

    def near(i: int) -> bool:  # a Chinese character, or a placeholder of this Chinese sentence, beside it
        return (i > 0 and (_cjk(chars[i - 1]) or chars[i - 1] == "}")) or (
            i + 1 < n and (_cjk(chars[i + 1]) or chars[i + 1] == "{"))

    if not any(_cjk(ch) for ch in chars):
        return text

    pairs, stack = {}, []
    for i, ch in enumerate(chars):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs[stack.pop()] = i
    for i, j in pairs.items():
        if near(i) or near(j):
            chars[i], chars[j] = "（", "）"
    for i, ch in enumerate(chars):
        if ch in ",:;?!" and near(i):
            chars[i] = _FULL[ch]
    return "".join(chars)


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is supported, else raise ``ValueError``."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    return lang


def t(key: str, lang: str = DEFAULT_LANG, /, **kwargs) -> str:
    """The text for ``key`` in ``lang``, formatted with ``kwargs``.

    Raises ``KeyError`` for an unknown key (a bug, caught by the tests).
    """
    text = _load()[key][check_lang(lang)]
    return text.format(**kwargs) if kwargs else text


def has(key: str) -> bool:
    """Whether ``key`` is in the catalogue."""
    return key in _load()


def words(prefix: str, lang: str = DEFAULT_LANG) -> dict[str, str]:
    """Every ``key -> text`` under ``prefix.`` in ``lang`` (keys without the prefix)."""
    pre = prefix.rstrip(".") + "."
    return {k[len(pre):]: v[check_lang(lang)] for k, v in _load().items() if k.startswith(pre)}


def catalogue() -> Mapping[str, Mapping[str, str]]:
    """The whole merged catalogue (read-only use: tests and docs)."""
    return _load()


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a message expects."""
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}
