"""The registry: every report figure's number, slug, titles, caption source and drawing function."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

import pandas as pd

from analysis.i18n import check_lang, t, zh_punctuation

#: Sources a figure can be stamped with (see :meth:`ReportContext.caption`).
SOURCES = ("observations", "sectors", "public", "mixed", "backtest", "ledger")


class NotApplicable(Exception):
    """Raised by a figure function when these inputs give it nothing to show (e.g. another
    plan's catalogue without the indicator the figure is about). :func:`export` skips the
    figure and records the reason; it is not an error.

    ``key`` names the reason in :mod:`analysis.i18n.figures` (``figures.na.*``) with its
    fields; ``str(exc)`` is the English sentence, :meth:`reason` the sentence in a language.
    """

    def __init__(self, key: str, **fields):
        self.key, self.fields = key, fields
        super().__init__(t(key, "en", **fields))

    def reason(self, lang: str) -> str:
        """``不适用：…`` / ``not applicable: …`` in ``lang``."""
        return t("figures.na", lang, why=t(self.key, lang, **self.fields))


@dataclass(frozen=True)
class FigureSpec:
    """One registered report figure."""

    number: int
    slug: str
    title_zh: str
    title_en: str
    func: Callable = field(repr=False, compare=False)
    source: str = "observations"

    def title(self, lang: str = "zh") -> str:
        """The figure's title in ``lang`` (used by the index page and notebook 05)."""
        return {"zh": zh_punctuation(self.title_zh), "en": self.title_en}[check_lang(lang)]

    def stem(self, lang: str = "zh") -> str:
        """File name without extension: ``<NN>_<slug>_<lang>``."""
        return file_stem(self.number, self.slug, lang)

    def missing(self) -> list[str]:
        """Always ``[]``: kept for callers of the old ``requires=`` probing (plot functions are
        imported at module top now, so a figure is never silently unavailable)."""
        return []


#: Every registered figure by slug, in registration order (see :func:`specs` for number order).
REGISTRY: dict[str, FigureSpec] = {}


def file_stem(number: int, slug: str, lang: str) -> str:
    """``<NN>_<slug>_<lang>``, the file name of a figure without its extension."""
    return f"{int(number):02d}_{slug}_{lang}"


def register(number: int, slug: str, *, title_zh: str, title_en: str, source: str = "observations"):
    """Decorator: register ``f(ctx, lang)`` as report figure ``number`` / ``slug``.

    ``source`` is which data the caption names: ``observations`` (monitoring data),
    ``sectors`` (sector panel), ``public`` (real public series), ``mixed`` or
    ``backtest`` (the calibration back-test: its real series' publishers, last year, and
    the illustrative note only when illustrative series are in it) or ``ledger`` (the task
    ledger's source and the year of its as-of date).
    """
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}, got {source!r}")

    def deco(func):
        for other in REGISTRY.values():
            if other.slug != slug and other.number == number:
                raise ValueError(f"figure number {number} already used by {other.slug!r}")
        REGISTRY[slug] = FigureSpec(int(number), slug, title_zh, title_en, func, source)
        return func

    return deco


def get(slug_or_number: str | int) -> FigureSpec:
    """A registered figure by slug or number."""
    for spec in REGISTRY.values():
        if spec.slug == slug_or_number or spec.number == slug_or_number or (
                isinstance(slug_or_number, str) and slug_or_number.isdigit() and spec.number == int(slug_or_number)):
            return spec
    raise KeyError(f"no figure {slug_or_number!r}; registered: {', '.join(s.slug for s in specs())}")


def has(slug_or_number: str | int) -> bool:
    """Whether a figure of that slug or number is registered."""
    try:
        get(slug_or_number)
    except KeyError:
        return False
    return True


def specs(only: Iterable[str | int] | None = None) -> list[FigureSpec]:
    """Registered figures in number order (``only``: a subset by slug or number)."""
    if only is not None:
        return sorted({get(x).slug: get(x) for x in only}.values(), key=lambda s: s.number)
    return sorted(REGISTRY.values(), key=lambda s: s.number)


def available(only: Iterable[str | int] | None = None) -> list[FigureSpec]:
    """Same as :func:`specs` (every registered figure is available; kept for callers)."""
    return specs(only)


def unavailable(only: Iterable[str | int] | None = None) -> dict[str, list[str]]:
    """Always ``{}`` (kept for callers; see :meth:`FigureSpec.missing`)."""
    return {}


def table(lang: str = "zh") -> pd.DataFrame:
    """The registry as a table: number, slug, title in ``lang``, file stem, available, missing."""
    rows = []
    for s in specs():
        miss = s.missing()
        rows.append({"number": s.number, "slug": s.slug, "title": s.title(lang), "file": s.stem(lang),
                     "available": not miss, "missing": "; ".join(miss)})
    return pd.DataFrame(rows, columns=["number", "slug", "title", "file", "available", "missing"])
