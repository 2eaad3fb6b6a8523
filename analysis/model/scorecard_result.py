"""The scorecard's results object (:class:`Scorecard`), in the manner of statsmodels' results.

``assess(...)`` returns a :class:`Scorecard`: the table (``.table``, one row per region x
target), provenance as attributes (``as_of``, ``baseline``, ``illustrative``, ``sources``,
``skipped``, ``untargeted``), a text :meth:`~Scorecard.summary` in Chinese or English,
per-region views (:meth:`~Scorecard.overview`, :meth:`~Scorecard.ranking`,
:meth:`~Scorecard.counts`) and exports (:meth:`~Scorecard.to_csv`, :meth:`~Scorecard.to_json`,
:meth:`~Scorecard.to_excel`). Nothing here averages across regions.

For code written against the old DataFrame return value, a Scorecard also answers the
few DataFrame questions consumers ask (``sc["status"]``, ``len(sc)``, ``sc.columns``,
``sc.loc``, ``sc.iterrows()``, ``sc.copy()`` -> DataFrame, ``sc.attrs`` -> provenance dict).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from analysis import vocab
from analysis.model import labels, text
from analysis.i18n import t, zh_punctuation
from analysis.i18n.names import place_name

__all__ = ["Scorecard", "table_view", "READABLE_COLUMNS"]

#: The table for people (``assess --format csv|xlsx``, :meth:`Scorecard.to_readable`): (column, header
#: key), in the order of the report's 目标评估 sheet; ``region`` only with several regions.
READABLE_COLUMNS = (
    ("region", "report.col.region"), ("name", "report.col.name"), ("comparator", "report.col.comparator"),
    ("target", "report.col.target"), ("unit", "report.col.unit"), ("deadline", "report.col.deadline"),
    ("last_year", "report.col.latest_year"), ("last_value", "report.col.latest"),
    ("completion_rate", "report.col.completion"), ("gap", "report.col.gap"), ("forecast", "report.col.forecast"),
    ("lower_80", "report.col.lower_80"), ("upper_80", "report.col.upper_80"), ("prob_meet", "report.col.prob_long"),
    ("required_growth", "report.col.required"), ("required_per_year", "report.col.required_per_year"),
    ("actual_growth", "report.col.actual_growth"), ("stage", "report.col.stage"), ("status", "report.col.status"),
    ("model", "report.col.model"), ("indicator_id", "report.col.id"),
)


class Scorecard:
    """Results of :func:`analysis.model.scorecard.assess`.

    Attributes
    ----------
    table : DataFrame
        One row per (region, target); columns :data:`analysis.model.scorecard.COLUMNS`.
    as_of : int or None
        The year the assessment is made at (the ``as_of`` argument, else the latest year observed):
        a deadline at or before it has passed.
    first_observed, last_observed : int or None
        The data's first year (before the ``as_of`` cut) and the last year observed at or before
        ``as_of``; :attr:`data_as_of` is what "data as of" shows.
    baseline : int or None
        The ``baseline`` argument (``--baseline``); None when each row's baseline came from
        the catalogue or the first observed year (column ``baseline_source``).
    baseline_choice : dict
        ``{"argument": [year], "catalogue": [years], "first observed": bool}``: how base years
        were chosen (shown by :meth:`summary` and :meth:`caption`).
    illustrative : bool
        The bundled illustrative data (every output says so).
    sources : dict
        ``{"zh": ..., "en": ...}``: where the observations come from.
    skipped : dict
        Indicator id -> rows skipped with ``skip_unknown``.
    untargeted : DataFrame
        ``region, indicator_id, n_points``: series with data but no target for their region
        (reported, not judged).
    """

    def __init__(self, table: pd.DataFrame, *, as_of: int | None = None, baseline: int | None = None,
                 baseline_choice: dict | None = None, illustrative: bool = False, sources: dict | None = None, skipped: dict | None = None,
                 untargeted: pd.DataFrame | None = None, warnings: list[str] | None = None,
                 first_observed: int | None = None, last_observed: int | None = None):
        self.table = table
        self.as_of = as_of
        self.first_observed = first_observed
        self.last_observed = last_observed
        self.baseline = baseline
        self.baseline_choice = dict(baseline_choice or {})
        self.illustrative = bool(illustrative)
        self.sources = {"zh": "", "en": ""} | dict(sources or {})
        self.skipped = dict(skipped or {})
        self.untargeted = untargeted if untargeted is not None else \
            pd.DataFrame(columns=["region", "indicator_id", "n_points"])
        #: the reader's warnings on the user's files, as printed (``FILE:ROW:COLUMN: 警告：...``)
        self.warnings = list(warnings or [])

    # ----------------------------------------------------------------- provenance
    @property
    def regions(self) -> list[str]:
        """Regions in table order."""
        return list(pd.unique(self.table["region"].to_numpy()))

    @property
    def data_as_of(self) -> int | None:
        """The year "数据截至" shows: ``as_of``, but never after the last year observed (``--as-of 2030``
        on data ending in 2020 is data as of 2020; the deadlines before 2030 have still passed)."""
        if self.as_of is None or self.last_observed is None:
            return self.as_of
        return min(int(self.as_of), int(self.last_observed))

    def as_of_notes(self, lang: str = "zh") -> list[str]:
        """What the command line says of ``--as-of`` (standard error): a year before the data's first
        year leaves no observation, every target 数据不足 (a typo of 2010 for 2019 looked like a table)."""
        if self.as_of is not None and self.first_observed is not None and int(self.as_of) < int(self.first_observed):
            return [t("scorecard.as_of_before_data", lang, as_of=int(self.as_of), first=int(self.first_observed))]
        return []

    @property
    def attrs(self) -> dict:
        """Provenance as the dict the old DataFrame carried in ``attrs`` (a copy: read only)."""
        return {"as_of": self.as_of, "data_as_of": self.data_as_of, "baseline": self.baseline,
                "illustrative": self.illustrative,
                "source_zh": self.sources.get("zh", ""), "source_en": self.sources.get("en", ""),
                "skipped": self.skipped}

    def source(self, lang: str = "zh") -> str:
        """Where the data come from, in ``lang`` (the illustrative note when unnamed)."""
        s = self.sources.get(lang, "")
        return s or (vocab.ILLUSTRATIVE_NOTE[lang] if self.illustrative else "")

    def with_provenance(self, *, illustrative: bool | None = None, sources: dict | None = None) -> "Scorecard":
        """The same results with provenance replaced (e.g. from a file's ``.meta.json``)."""
        return Scorecard(self.table, as_of=self.as_of, baseline=self.baseline,
                         baseline_choice=self.baseline_choice,
                         illustrative=self.illustrative if illustrative is None else illustrative,
                         sources=sources if sources is not None else self.sources, skipped=self.skipped,
                         untargeted=self.untargeted, warnings=self.warnings, first_observed=self.first_observed,
                         last_observed=self.last_observed)

    def region(self, name: str) -> "Scorecard":
        """The results of one region (same provenance)."""
        sub = self.table.loc[self.table["region"] == name].reset_index(drop=True)
        un = self.untargeted.loc[self.untargeted["region"] == name].reset_index(drop=True)
        return Scorecard(sub, as_of=self.as_of, baseline=self.baseline, baseline_choice=self.baseline_choice,
                         illustrative=self.illustrative,
                         sources=self.sources, skipped=self.skipped, untargeted=un,
                         first_observed=self.first_observed, last_observed=self.last_observed)

    # ----------------------------------------------------------------- views per region
    def counts(self) -> pd.DataFrame:
        """Targets per status in each region (rows: regions in order; columns: statuses)."""
        c = pd.crosstab(self.table["region"], self.table["status"])
        c = c.reindex(index=self.regions, columns=[s for s in vocab.STATUSES], fill_value=0)
        c.columns.name = None
        return c

    def overview(self, lang: str | None = None) -> pd.DataFrame:
        """Region x target status table (status keys, or display names in ``lang``).

        Rows are targets (catalogue order), columns regions; an empty cell means the region
        has no such target. No number is combined across regions.
        """
        tb = self.table
        ids = list(dict.fromkeys(tb["indicator_id"]))
        out = tb.pivot(index="indicator_id", columns="region", values="status").reindex(index=ids,
                                                                                        columns=self.regions)
        if lang is not None:
            out = out.map(lambda s: vocab.status_name(s, lang) if isinstance(s, str) else "")
        out.columns.name = None
        return out

    def ranking(self) -> pd.DataFrame:
        """Regions ranked by their own targets: achieved, then on track, then fewest missed.

        Columns ``region, n_targets, achieved, on_track, at_risk, off_track, not_achieved,
        not_reported, insufficient, share_achieved, rank`` (ties share a rank). Counts of each
        region's own targets; nothing is averaged across regions.
        """
        c = self.counts()
        out = pd.DataFrame({
            "region": c.index, "n_targets": c.sum(axis=1).to_numpy(),
            "achieved": c["achieved"].to_numpy(), "on_track": c["on track"].to_numpy(),
            "at_risk": c["at risk"].to_numpy(), "off_track": c["off track"].to_numpy(),
            "not_achieved": c["not achieved"].to_numpy(),
            "not_reported": c["deadline year not reported"].to_numpy(),
            "insufficient": c["insufficient data"].to_numpy()})
        out["share_achieved"] = out["achieved"] / out["n_targets"].where(out["n_targets"] > 0)
        missed = out["off_track"] + out["not_achieved"]
        key = pd.DataFrame({"a": -out["share_achieved"].fillna(0), "o": -out["on_track"] / out["n_targets"].clip(lower=1),
                            "m": missed / out["n_targets"].clip(lower=1)})
        out["rank"] = key.apply(tuple, axis=1).rank(method="min").astype(int) if len(out) else []
        return out.sort_values(["rank", "region"], kind="stable").reset_index(drop=True)

    # ----------------------------------------------------------------- text
    def caption(self, lang: str = "en") -> str:
        """One line under a table: as-of year, the baseline choice, the illustrative stamp."""
        baseline = t("scorecard.summary.baseline", lang, baseline=self.baseline_text(lang))
        if lang == "zh":  # 基期：2018（目标清单的基期列）, not 2018 (…)
            baseline = zh_punctuation(baseline).replace(" （", "（")
        bits = [t("scorecard.summary.as_of", lang, as_of=self.data_as_of), baseline, t("scorecard.table_legend", lang)]
        df = self.table
        if any(text.low_information(r) for r in df[["prob_meet", "n_points", "stage"]].to_dict("records")):
            bits.append(t("scorecard.legend_low_information", lang, n=labels.MIN_POINTS))
        if self.illustrative:
            bits.append(vocab.illustrative_stamp(lang))
        return t("common.list_sep", lang).join(bits)

    def baseline_text(self, lang: str = "zh") -> str:
        """How the base year was chosen, e.g. ``2018 (the catalogue's baseline column)``."""
        ch, parts = self.baseline_choice, []
        for src in ("argument", "catalogue"):
            ys = ch.get(src) or []
            if ys:
                span = str(ys[0]) if len(ys) == 1 else f"{ys[0]}-{ys[-1]}"
                parts.append(f"{span} ({t('scorecard.baseline.' + src, lang)})")
        if ch.get("first observed"):
            parts.append(t("scorecard.baseline.first observed", lang))
        return ", ".join(parts) or "-"

    def summary(self, lang: str = "zh") -> str:
        """A plain-text summary: provenance, status counts per region, stages, untargeted series."""
        lines = [t("scorecard.summary.title", lang), "=" * 40,
                 t("scorecard.summary.as_of", lang, as_of=self.data_as_of),
                 t("scorecard.summary.baseline", lang, baseline=self.baseline_text(lang)),
                 t("scorecard.summary.regions", lang, n=len(self.regions), names=", ".join(self.regions[:10])
                   + (" ..." if len(self.regions) > 10 else "")),
                 t("scorecard.summary.targets", lang, n=len(self.table))]
        src = self.source(lang)
        if src:
            lines.append(t("scorecard.summary.source", lang, source=src))
        if self.illustrative:
            lines.append(vocab.illustrative_stamp(lang))
        c = self.counts()
        c = c.loc[:, c.sum(axis=0) > 0]
        c.columns = [vocab.status_name(s, lang) for s in c.columns]
        c.index.name = t("scorecard.region", lang)
        lines += ["", t("scorecard.summary.counts", lang), c.to_string()]
        st = self.table["stage"].value_counts()
        lines += ["", t("scorecard.summary.stages", lang)]
        lines += ["  " + t("common.label", lang, label=t("scorecard.stage." + k, lang)) + str(int(v)) for k, v in st.items()]
        if len(self.untargeted):
            items = ", ".join(f"{r} {i}" for r, i in zip(self.untargeted["region"], self.untargeted["indicator_id"]))
            lines += ["", t("scorecard.summary.untargeted", lang, items=items)]
        if self.hint(lang):
            lines += ["", self.hint(lang)]
        return "\n".join(lines)

    def hint(self, lang: str = "zh") -> str:
        """When deadlines have passed unreported: how to get forecasts from the years before ("" otherwise)."""
        rows = self.table.loc[self.table["stage"] == "deadline not reported"]
        late = rows["deadline"].dropna()
        if not len(late):
            return ""
        # --as-of helps only targets with a value before their deadline; the others have no data at all
        before = rows["before_year"].notna() if "before_year" in rows else pd.Series(True, index=rows.index)
        out = t("scorecard.summary.hint_as_of", lang, n=len(late), k=int(before.sum()),
                year=int(rows.loc[before, "deadline"].min()) - 1 if before.any() else int(late.min()) - 1)
        if not before.all():
            out += t("scorecard.summary.hint_no_data", lang, m=int((~before).sum()))
        return out

    def __repr__(self) -> str:
        return (f"<Scorecard: {len(self.table)} targets in {len(self.regions)} region(s), as of {self.as_of}"
                f"{', illustrative' if self.illustrative else ''}>")

    def _repr_html_(self) -> str:  # a notebook shows the whole table, never "63 rows x 9 columns"
        with pd.option_context("display.max_rows", None, "display.max_columns", None):
            return f"<p>{self.caption('en')}</p>" + self.table.to_html(index=False, na_rep="-")

    # ----------------------------------------------------------------- exports
    def to_frame(self, lang: str | None = None) -> pd.DataFrame:
        """A copy of the table; with ``lang``, a ``status_name`` column in that language."""
        out = self.table.copy()
        if lang is not None:
            out["status_name"] = [vocab.status_name(s, lang) for s in out["status"]]
        return out

    def to_csv(self, path: str | Path | None = None, **kwargs) -> str | None:
        """The table as CSV (English machine words for statuses, as in the CLI's ``--format csv``)."""
        text = self.table.to_csv(index=False, **kwargs)
        if path is None:
            return text
        Path(path).write_text(text, encoding="utf-8")
        return None

    def to_readable(self, lang: str = "zh") -> pd.DataFrame:
        """The table for people, every word in ``lang``: headers, the indicator's name, units,
        stage, status and model in words, the id last. Numbers are the table's own (not
        rounded). What ``assess --format csv|xlsx`` writes; column by column (300,000 rows in
        about a second), so without the report's per-target sentence (the report's workbook
        has it)."""
        df = self.table

        def words(col, f):
            return df[col].map({v: f(v) for v in pd.unique(df[col])})

        name_col = f"name_{lang}" if f"name_{lang}" in df.columns else "indicator_id"
        cols = {
            "region": words("region", lambda r: place_name(r, lang)), "name": df[name_col], "comparator": words("comparator", lambda c: vocab.COMPARATOR_SIGNS.get(c, c)),
            "target": df["target"], "unit": words("unit", lambda u: text.unit_label(u, lang)),
            "deadline": df["deadline"], "last_year": df["last_year"], "last_value": df["last_value"],
            "completion_rate": df["completion_rate"], "gap": df["gap"], "forecast": df["forecast"],
            "lower_80": df["lower_80"], "upper_80": df["upper_80"], "prob_meet": df["prob_meet"],
            "required_growth": df["required_growth"], "required_per_year": df["required_per_year"],
            "actual_growth": df["actual_growth"], "stage": words("stage", lambda v: text.stage_label(v, lang)),
            "status": words("status", lambda v: text.status_label(v, lang)),
            "model": words("model", lambda v: text.model_name(v, lang)), "indicator_id": df["indicator_id"],
        }
        keep = [(c, k) for c, k in READABLE_COLUMNS if c != "region" or df["region"].nunique() > 1]
        return pd.DataFrame({t(k, lang): cols[c].to_numpy() for c, k in keep})

    def to_json(self, path: str | Path | None = None) -> str | None:
        """``{"meta": {...provenance...}, "scorecard": [records]}`` (missing values: null)."""
        meta = {k: v for k, v in self.attrs.items() if k != "skipped"}
        doc = {"meta": meta, "scorecard": json.loads(self.table.to_json(orient="records", force_ascii=False))}
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        if path is None:
            return text
        Path(path).write_text(text, encoding="utf-8")
        return None

    def to_excel(self, path: str | Path, lang: str = "zh") -> None:
        """A workbook: the table (with status names in ``lang``) and the region overview."""
        with pd.ExcelWriter(path) as xw:
            self.to_frame(lang).to_excel(xw, sheet_name="scorecard", index=False)
            self.overview(lang).to_excel(xw, sheet_name="regions")
            self.ranking().to_excel(xw, sheet_name="ranking", index=False)

    # ----------------------------------------------------------------- DataFrame-like
    # Enough of the DataFrame interface for code written against the old return value.
    def __len__(self) -> int:
        return len(self.table)

    def __getitem__(self, key):
        return self.table[key]

    def __contains__(self, key) -> bool:
        return key in self.table.columns

    @property
    def columns(self) -> pd.Index:
        return self.table.columns

    @property
    def empty(self) -> bool:
        return self.table.empty

    @property
    def shape(self) -> tuple[int, int]:
        return self.table.shape

    @property
    def loc(self):
        return self.table.loc

    @property
    def iloc(self):
        return self.table.iloc

    def iterrows(self):
        return self.table.iterrows()

    def itertuples(self, *args, **kwargs):
        return self.table.itertuples(*args, **kwargs)

    def set_index(self, *args, **kwargs) -> pd.DataFrame:
        return self.table.set_index(*args, **kwargs)

    def copy(self) -> pd.DataFrame:
        """A DataFrame copy of the table with the provenance in ``attrs`` (old consumers)."""
        out = self.table.copy()
        out.attrs = self.attrs
        return out


def _fmt(v, digits: int = 4) -> str:
    if v is None or pd.isna(v):
        return "-"
    return f"{float(v):.{digits}g}"


def _growth_cell(rate, per_year, lang: str = "zh") -> str:
    if rate is not None and not pd.isna(rate):
        return f"{rate * 100:+.1f}%"
    if per_year is not None and not pd.isna(per_year):
        return t("scorecard.cell.per_year", lang, change=f"{per_year:+.3g}")
    return "-"


def _outcome_cell(stage, f, lo, hi, rate, by, bv, ay, av, met=None, lang="zh", dv=None, d=None, last=None,
                  kind="") -> str:
    if stage == "met early" and met is not None and not pd.isna(met):
        return t("scorecard.cell.met_early", lang, year=int(met))  # achieved: no forecast shown
    if stage == "deadline observed":
        if pd.isna(rate):
            return "-"
        # a later year beside it in 最新值: the deadline year's value the rate is of, too (= 50% (9, 2020))
        later = last is not None and d is not None and not pd.isna(last) and int(last) != int(d)
        return f"= {text.fmt_completion(rate, 0)}" + (f" ({_fmt(dv, 3)}, {int(d)})" if later and not pd.isna(dv) else "")
    if stage == "deadline not reported":
        near = [f"{_fmt(v, 3)} ({int(y)})" for y, v in ((by, bv), (ay, av)) if not pd.isna(y)]
        mark = "？" if lang == "zh" else "?"  # the table's legend: ？ = 期限年未报
        return f"{mark} " + " / ".join(near) if near else mark
    if not pd.isna(f) and kind in text.COUNT_KINDS:  # a count is forecast in whole things (as in the report)
        f = round(float(f))
    return f"{_fmt(f, 3)} [{_fmt(lo, 3)}, {_fmt(hi, 3)}]" if not pd.isna(f) else "-"


def _unit_after(unit, lang: str) -> str:
    """The unit after a number in a narrow table: ``亿元``, ``%``, ``家``; in English spelled out
    (`` hundred million yuan``, ``%``; nothing for a count)."""
    return text.unit_text(unit, lang)


def _sign(comparator: str) -> str:
    return vocab.COMPARATOR_SIGNS.get(comparator, comparator)


def table_view(df, lang: str = "zh") -> pd.DataFrame:
    """A compact, rounded view of the scorecard for the terminal.

    ``forecast [80%] / rate`` is the forecast and its 80 % interval before the deadline,
    ``= 96%`` the completion rate (actual / target) when the deadline year is observed, and
    ``? 1.3 (2019) / 1.61 (2021)`` the nearest years when the deadline year is not reported.
    """
    df = getattr(df, "table", df)
    show_region = df["region"].nunique() > 1
    names = df[f"name_{lang}"] if f"name_{lang}" in df.columns else df["indicator_id"]
    cols = {
        **({"region": df["region"].map(lambda r: place_name(r, lang))} if show_region else {}),
        "indicator": names,
        "target": [f"{_sign(c)}{_fmt(tv)}{_unit_after(u, lang)} ({d}{'*' if a else ''})" for c, tv, u, d, a in
                   zip(df["comparator"], df["target"], df["unit"], df["deadline"], df["deadline_assumed"])],
        "last": [f"{_fmt(v)} ({y})" if not pd.isna(y) else "-" for v, y in zip(df["last_value"], df["last_year"])],
        "outcome": [_outcome_cell(*a) for a in zip(
            df["stage"], df["forecast"], df["lower_80"], df["upper_80"], df["completion_rate"],
            df["before_year"], df["before_value"], df["after_year"], df["after_value"],
            df["achieved_year"], [lang] * len(df), df["deadline_value"], df["deadline"], df["last_year"],
            df["kind"] if "kind" in df.columns else [""] * len(df))],
        # (from fewer than 3 points the probability is a low-information estimate: marked †, see the legend)
        "prob": [("-" if pd.isna(r["prob_meet"]) else f"{r['prob_meet']:.2f}"
                  + ("†" if text.low_information(r) else "")) for r in df[["prob_meet", "n_points", "stage"]].to_dict("records")],
        "need": [_growth_cell(r, a, lang) if s in ("before deadline", "met early") else "-" for r, a, s in
                 zip(df["required_growth"], df["required_per_year"], df["stage"])],
        "actual": [_growth_cell(r, a, lang) for r, a in zip(df["actual_growth"], df["actual_per_year"])],
        "eurostat": [labels.label_name(x, lang) for x in df["eurostat_label"]],
        "escap": [labels.label_name(x, lang) for x in df["anticipated_label"]],
        "schedule": [labels.label_name(x, lang) for x in df["schedule_label"]],
        "status": df["status"] if lang == "en" else [vocab.status_name(s, lang) for s in df["status"]],
    }
    out = pd.DataFrame({t(f"scorecard.col.{k}", lang): v for k, v in cols.items()})
    return out.reset_index(drop=True)

