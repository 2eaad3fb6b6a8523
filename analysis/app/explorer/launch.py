"""The notebook's one call: the explorer on the data the server was started with, or why not.

``notebooks/04_scenario_explorer.ipynb`` calls :func:`from_env`. The data come from the
environment (:func:`analysis.app.params.notebook_params`: ``explore --data``, ``--targets``,
``--lang``; ``report`` sets the same); when they cannot be read, the page shows the intake's
problems (file, sheet, row, column) in a clear box, in the page's language, instead of a blank page
with Voila's English "There was an error when executing cell".
"""

from __future__ import annotations

import dataclasses
import os

import ipywidgets as W

from analysis.app.explorer import data as explorer_data, markup, state as st
from analysis.app.explorer.widgets import ScenarioExplorer
from analysis.app.params import notebook_params
from analysis.errors import InputError, Problem
from analysis.i18n import t

__all__ = ["DataProblems", "from_env", "from_params"]


class DataProblems:
    """What the page shows when its data cannot be read: the problems, and what to do (:attr:`widget`);
    :meth:`questions` is empty (there is nothing to answer them from)."""

    def __init__(self, sentences: list[str], lang: str):
        self.sentences, self.lang = list(sentences), lang
        self.error = " ".join(self.sentences)
        self.widget = W.HTML(markup.CSS + markup.data_failed_html(self.sentences, lang))

    def questions(self) -> W.HTML:
        return W.HTML("")

    def _ipython_display_(self):  # pragma: no cover - notebook display
        from IPython.display import display

        display(self.widget)


def from_params(params) -> ScenarioExplorer | DataProblems:
    """The explorer on the data ``params`` name (:func:`analysis.app.params.notebook_params`), or
    :class:`DataProblems` saying, in ``params["lang"]``, why they cannot be shown (each file by its
    name, without the server's folders: the command line said the whole path)."""
    lang = params.get("lang") or "zh"
    try:
        d = explorer_data.load(params)
    except InputError as exc:  # each file by its name: the page does not show the server's folders (--lan)
        return DataProblems(st.problem_sentences([dataclasses.replace(p, file=os.path.basename(p.file))
                                                  for p in exc.problems], lang), lang)
    except OSError as exc:
        file = os.path.basename(str(exc.filename or params.get("data") or ""))
        return DataProblems(st.problem_sentences([Problem(file, None, None, t(
            "explorer.data_os_error", lang, reason=exc.strerror or type(exc).__name__))], lang), lang)
    return ScenarioExplorer(d.obs, d.targets, lang=lang, provenance=d.provenance)


def from_env() -> ScenarioExplorer | DataProblems:
    """:func:`from_params` of the environment's parameters (a bad ``ANALYSIS_LANG`` or ``ANALYSIS_AS_OF``
    is said on the page too, in Chinese)."""
    try:
        params = notebook_params()
    except InputError as exc:
        return DataProblems(st.problem_sentences(exc, "zh"), "zh")
    return from_params(params)
