"""The report's parameters as a notebook reads them, without loading the report itself.

A notebook's first cell calls :func:`notebook_params` (``python -m analysis report`` and
``explore --lang`` set them in the environment, :data:`ENV`); this module needs only the
configuration, so a notebook's kernel does not import the report writer to learn its language.
"""

from __future__ import annotations

import os
from pathlib import Path

from analysis import config
from analysis.errors import InputError, Problem

__all__ = ["ENV", "NO_FIGURES", "notebook_params", "paths_env"]

#: Environment variables that carry the report's parameters into the notebooks.
ENV = config.NOTEBOOK_ENV
#: ``ANALYSIS_FIGURES`` for a report that draws no figure (empty means all of them).
NO_FIGURES = "none"


def notebook_params() -> dict:
    """The report's parameters as a notebook sees them (environment variables :data:`ENV`).

    Returns
    -------
    dict
        ``data`` and ``targets`` (path strings or None: the defaults), ``as_of`` (int or
        None), ``lang`` ("zh" unless ``ANALYSIS_LANG=en``) and ``only`` (the figures the
        report draws, slugs or numbers, from ``report --figures``; None: all). Pass them on:
        ``assess(p["data"], p["targets"], as_of=p["as_of"])``, ``plot(..., lang=p["lang"])``,
        ``figures.show(ctx, p["lang"], only=p["only"])``.
    """
    def text(var):
        v = os.environ.get(var, "").strip()
        return v or None

    as_of = text(ENV["as_of"])
    try:
        as_of = int(as_of) if as_of is not None else None
    except ValueError:
        raise InputError([Problem.said(ENV["as_of"], None, None, "intake.year_not_a_year",
                                       value=repr(as_of))]) from None
    lang = (text(ENV["lang"]) or "zh").lower()
    if lang not in ("zh", "en"):
        raise InputError([Problem.said(ENV["lang"], None, None, "report.err.lang", value=repr(lang))])
    only = text(ENV["only"])
    only = None if only is None else [] if only == NO_FIGURES else [s.strip() for s in only.split(",") if s.strip()]
    data = text(ENV["data"])
    if data is not None and os.pathsep in data:  # report --data a.xlsx --data b.csv: the files, read together
        data = [p for p in data.split(os.pathsep) if p]
    return {"data": data, "targets": text(ENV["targets"]), "as_of": as_of, "lang": lang, "only": only}


def paths_env(data=None, targets=None) -> dict[str, str]:
    """The environment that gives a notebook these files (what :func:`notebook_params` reads back):
    absolute paths, several data files joined by :data:`os.pathsep`; nothing for what is not given."""
    out = {}
    if data:
        files = data if isinstance(data, (list, tuple)) else [data]
        out[ENV["data"]] = os.pathsep.join(str(Path(p).expanduser().resolve()) for p in files)
    if targets:
        out[ENV["targets"]] = str(Path(targets).expanduser().resolve())
    return out
