"""The monitoring data the explorer shows: the files the server was started with, or an uploaded one.

``python -m analysis explore --data FILE [--data FILE2] [--targets FILE]`` checks the files in the
command's process (a bad file is refused there, ``FILE:ROW:COLUMN`` lines, before any server
starts) and passes their paths to the kernels in the environment (:func:`analysis.app.params.paths_env`,
read back by :func:`analysis.app.params.notebook_params`); the notebook reads them again with
:func:`load` and, should that fail, the page says the problems (:mod:`.launch`). A file uploaded in
the page arrives as bytes (:func:`read_upload`): the intake reads a private temporary copy
(:func:`analysis.io.dataset.load_observations_bytes`); its name is only shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from analysis.app.explorer import state as st
from analysis.errors import InputError, Problem
from analysis.i18n import t
from analysis.io import catalogue, dataset, readers
from analysis.model import scenarios as S

__all__ = ["Data", "load", "check", "provenance_of", "read_upload"]


@dataclass(frozen=True)
class Data:
    """Observations, the catalogue and where the observations come from (``illustrative``, ``source_zh``,
    ``source_en``, as :func:`analysis.io.dataset.provenance`)."""

    obs: pd.DataFrame
    targets: pd.DataFrame
    provenance: dict


def provenance_of(data: Any) -> dict:
    """:func:`analysis.io.dataset.provenance` of a path, or of several joined (illustrative if any is)."""
    return dataset.provenance(data[0] if isinstance(data, (list, tuple)) and len(data) == 1 else data)


def load(params: Mapping) -> Data:
    """The data of :func:`analysis.app.params.notebook_params` (``data``, ``targets``, ``as_of``), read
    through the intake with its messages in ``params["lang"]``.

    Raises
    ------
    InputError
        Every problem of the files (``FILE[SHEET]:ROW:COLUMN``).
    OSError
        When a file cannot be read at all.
    """
    data, targets_path = params.get("data"), params.get("targets")
    with readers.options(lang=params.get("lang") or "zh"):
        targets = catalogue.load_targets(targets_path)
        obs = dataset.load_observations(data, targets_path)
    as_of = params.get("as_of")
    if as_of is not None:  # --as-of: history up to that year
        obs = obs.loc[obs["year"] <= int(as_of)].reset_index(drop=True)
    return Data(obs, targets, provenance_of(data))


def check(data: Any, targets: Any = None, *, lang: str = "zh") -> pd.DataFrame:
    """Read the files ``explore --data`` names, as the page will (:func:`load`): the observations, or
    :class:`InputError` with every problem."""
    return load({"data": None if not data else list(data) if isinstance(data, (list, tuple)) else data,
                 "targets": targets, "lang": lang}).obs


def read_upload(content, name: str, targets: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict]:
    """An uploaded monitoring file (its bytes; ``name`` only shown): ``(observations, provenance)``.

    A file larger than the page uploads (:data:`~analysis.app.explorer.state.MAX_DATA_UPLOAD_BYTES`,
    or a scenario's limit for a file whose name does not say it is a data file: the page cut it
    there) is refused with the way to read it: ``explore --data``.
    """
    shown = st._display_file_name(name)
    raw = bytes(content or b"")
    limit = st.MAX_DATA_UPLOAD_BYTES if Path(shown).suffix.lower() in dataset.DATA_SUFFIXES else S.MAX_FILE_BYTES
    if len(raw) > limit:
        raise InputError([Problem(shown, None, None, t("explorer.data_too_big", lang,
                                                       mb=f"{limit / 2 ** 20:.1f}".rstrip("0").rstrip(".")))])
    obs = dataset.load_observations_bytes(raw, shown, targets, lang=lang)
    return obs, {"illustrative": False, "source_zh": shown, "source_en": shown}
