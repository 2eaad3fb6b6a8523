"""What every attainment chart shares: colours, words, the Axes set-up, the caption stamp, data look-ups."""

from __future__ import annotations

import pandas as pd

from analysis import config, vocab
from analysis.i18n import LANGS, words
from analysis.io.catalogue import target as target_row
from analysis.model import trends
from analysis.model.labels import is_illustrative
from analysis.viz import style

_OBSERVED, _TARGET, _FORECAST, _NEUTRAL = "#0072B2", "#D55E00", "#E69F00", "#555555"
FALLBACK_GID = "analysis-illustrative-fallback"

#: The charts' labels in each language, from the catalogue (``figures.att.<key>``).
TEXT: dict[str, dict[str, str]] = {lang: words("figures.att", lang) for lang in LANGS}

#: Line colours of several regions in one chart (Okabe-Ito / Tol, colour-blind safe; not the
#: target line's vermillion, which stays the target's).
REGION_COLORS = ("#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#882255", "#999933")
REGION_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def _style():
    return style


def setup_ax(lang: str, ax, figsize=None):
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', got {lang!r}")
    st = _style()
    if st is not None and hasattr(st, "apply"):
        st.apply(lang)
    if ax is None:
        import matplotlib.pyplot as plt

        size = figsize or getattr(st, "FIGSIZE", (7.2, 4.4))
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def colors():
    st = _style()
    return (getattr(st, "OBSERVED_COLOR", _OBSERVED), getattr(st, "TARGET_COLOR", _TARGET),
            getattr(st, "FORECAST_COLOR", _FORECAST), getattr(st, "NEUTRAL_COLOR", _NEUTRAL))


def _source(data: pd.DataFrame, lang: str, illustrative: bool) -> str:
    s = data.attrs.get(f"source_{lang}") if hasattr(data, "attrs") else None
    if s:
        return str(s)
    if illustrative:
        return vocab.ILLUSTRATIVE_NOTE[lang]
    return ""


def stamp_ax(ax, data: pd.DataFrame, lang: str, illustrative: bool | None, source: str | None,
           as_of: int | None) -> None:
    ill = is_illustrative(data) if illustrative is None else bool(illustrative)
    src = _source(data, lang, ill) if source is None else source
    if as_of is None:
        as_of = data.attrs.get("as_of") if hasattr(data, "attrs") else None
        if as_of is None and "year" in getattr(data, "columns", ()) and len(data):
            as_of = int(data["year"].max())
    st = _style()
    if st is not None and hasattr(st, "stamp"):
        st.stamp(ax, illustrative=ill, source=src, as_of=as_of, lang=lang)
    elif ill:  # pragma: no cover - used only without analysis.viz.style
        ax.figure.text(0.99, 0.01, vocab.illustrative_stamp(lang), ha="right", va="bottom", fontsize=8,
                       color="#B2182B", gid=FALLBACK_GID)


def as_catalogue(targets) -> pd.DataFrame:
    if not isinstance(targets, pd.DataFrame):
        raise TypeError("pass the target catalogue as a DataFrame: analysis.io.catalogue.load_targets(path)")
    return targets


def target_meta(targets: pd.DataFrame, indicator: str, region: str | None) -> pd.Series:
    """The catalogue row of ``indicator`` for ``region`` (its own row first, else the general one)."""
    if "region" in targets.columns and region is not None:
        own = targets.loc[(targets["id"] == indicator) & (targets["region"].fillna("").astype(str) == region)]
        if len(own):
            return own.iloc[0]
        general = targets.loc[(targets["id"] == indicator) & (targets["region"].fillna("").astype(str) == "")]
        if len(general):
            return general.iloc[0]
    return target_row(targets, indicator)


def indicator_series(data: pd.DataFrame, indicator: str, region: str | None) -> tuple[pd.Series, str]:
    d = data.loc[data["indicator_id"] == indicator]
    if "region" in d.columns and len(d):
        regions = list(dict.fromkeys(d["region"]))
        region = region if region is not None else (
            config.DEFAULT_REGION if config.DEFAULT_REGION in regions else regions[0])
        d = d.loc[d["region"] == region]
    s = trends.clean(pd.Series(d["value"].to_numpy(), index=d["year"].to_numpy()))
    return s, region or ""


def scorecard_table(data) -> pd.DataFrame:
    """The table of a computed scorecard (plot functions never run the model)."""
    table = getattr(data, "table", data)
    if not isinstance(table, pd.DataFrame) or "status" not in table.columns:
        raise TypeError("pass a computed scorecard: analysis.model.scorecard.assess(obs, targets)")
    return table


def target_name(row, lang: str) -> str:
    return str(row["name_zh"] if lang == "zh" else row.get("name_en", row["indicator_id"]))


def fmt_value(v: float) -> str:
    return f"{v:.4g}"
