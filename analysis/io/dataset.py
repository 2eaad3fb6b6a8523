"""Raw -> processed: the ``build`` step and the loaders every module uses.

``build()`` reads the immutable inputs under ``data/raw/`` (the monitoring observations, the
sector panel, the real public series and the target catalogue), checks them through
:mod:`analysis.io.readers`, normalises them and writes tidy files to ``data/processed/``:

=======================  ==================================================================
file                     content
=======================  ==================================================================
``observations.csv``     region, indicator_id, year, value, unit, sector, source, note
``sector_panel.csv``     region, sector, year, metric, value, unit, source, note
``public_series.csv``    the real public series, one row per region/indicator/year, in one
                         unit per indicator, with the choice made where sources disagree
``targets.csv``          the checked target catalogue (with ``deadline_effective`` ...)
``build_manifest.json``  sha256 and row counts of inputs and outputs, illustrative flags
=======================  ==================================================================

``build`` is one transaction: the files are written into a temporary folder beside
``data/processed`` that is swapped in whole, under a lock (``data/.processed.lock``), so the
folder is always wholly one build; the manifest holds no timestamp, so building twice from the
same inputs rewrites byte-identical files. ``build`` never writes under ``data/raw/``.

The loaders (``load_observations``, ``load_sector_panel``, ``load_public``) read the processed
files and rebuild them first when they are missing or stale (an input's sha256 differs from
the manifest). Given an explicit path, ``load_observations``/``load_sector_panel`` read that
file through the intake instead.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import re
import shutil
import tempfile
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import config
from analysis.errors import InputError, Problem, display_name
from analysis.i18n import t
from analysis.io import readers as intake
from analysis.io.atomic import atomic_dir, atomic_write, locked, write_bytes
from analysis.io.catalogue import load_targets
from analysis.io.sheets import WORKBOOK_SUFFIXES, open_book, shown_name

PUBLIC_FILES = ("china_st_observations.csv", "gansu_observations.csv", "china_nbs_communique_observations.csv",
                "china_provincial_observations.csv", "china_city_observations.csv")
PUBLIC_COLUMNS = ("region", "indicator_id", "year", "value", "unit", "source_url", "note")
OBSERVATION_COLUMNS = ("region", "indicator_id", "year", "value", "unit", "sector", "source", "note")
PANEL_COLUMNS = ("region", "sector", "year", "metric", "value", "unit", "source", "note")
PUBLIC_OUT_COLUMNS = (
    "region", "indicator_id", "year", "value", "unit", "value_published", "unit_published",
    "official", "source_class", "published", "source_url", "note", "n_sources", "choice", "alternatives", "file",
)
MANIFEST = "build_manifest.json"
OUTPUTS = ("observations.csv", "sector_panel.csv", "public_series.csv", "targets.csv")

#: Published unit -> (unit used in the processed data, factor). Everything else is kept as is.
UNIT_CONVERSIONS: dict[str, tuple[str, int]] = {
    "万件": ("件", 10_000), "万家": ("家", 10_000), "万项": ("项", 10_000), "% of GDP": ("%", 1),
    "万亿元": ("亿元", 10_000),
}
#: Indicators whose published unit "件" means 件 per 10,000 residents.
PER_10K_INDICATORS = ("invention_patents_per_10k", "high_value_invention_patents_per_10k")
#: How the bundled public sources are classed (host -> class). ``official``: a government site or
#: the text of a government work report / statistical communique; ``official_via_media``: an
#: official statement (minister, provincial S&T conference, statistics bulletin) in a news copy;
#: ``third_party``: papers, books, compilations and estimates. Unknown hosts: *.gov.cn and
#: ``github:lawtext/gov`` are official, anything else third_party.
SOURCE_CLASSES: dict[str, str] = {
    "gansu.gansudaily.com.cn": "official_via_media",  # provincial S&T conference reports
    "www.tibet.cn": "official_via_media",             # S&T department head at the 2018 conference
    "m.lycygs.cn": "official_via_media",              # MOST minister via 经济参考报
    "www.ghqlgyb.cn": "official_via_media",           # MOST minister via 中新网
    "zzkede.cn": "official_via_media",                # 2021 provincial S&T conference
    "yzyba.cn": "official_via_media",                 # MOST technology-market annual report copy
    "www.thepaper.cn": "official_via_media",          # census / statistics bureau bulletin
    "5728338.com": "official_via_media",              # quotes the Gansu statistical communique
    "sdxcmqj.com": "official_via_media",              # national IP status report via 中国科学报
    "www.soulun.net": "official_via_media",           # SIPO head, journal abstract
    "hbzqbyyxgs.com": "third_party",                  # compilation citing the Baiyin communiques
    "jillmcgivering.com": "third_party",              # industry analysis / estimate
    "fx361.cc": "third_party",                        # research paper
    "blog.sciencenet.cn": "third_party",              # research count, different method
    "m.novel.qq.com": "third_party",                  # book
    "zscq.366861.com": "third_party",                 # third-party page quoting SIPO
}


# ------------------------------------------------------------------------------------------------
# small helpers
# ------------------------------------------------------------------------------------------------
def file_sha256(path: str | Path) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def _rel(path: Path) -> str:
    """``path`` relative to the project root when inside it (POSIX), else absolute."""
    path = Path(path).resolve()
    try:
        return path.relative_to(config.root().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _csv_bytes(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _read_meta(path: Path) -> dict | None:
    for cand in (path.with_suffix(".meta.json"), path.parent / f"{path.name}.meta.json"):
        if cand.is_file():
            try:
                return json.loads(cand.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return None
    return None


# ------------------------------------------------------------------------------------------------
# public series
# ------------------------------------------------------------------------------------------------
def source_class(url: str) -> str:
    """``official``, ``official_via_media`` or ``third_party`` (see :data:`SOURCE_CLASSES`)."""
    host = re.sub(r"^https?://", "", url).split("/")[0].lower()
    if host in SOURCE_CLASSES:
        return SOURCE_CLASSES[host]
    if host.endswith("gov.cn") or url.startswith("github:lawtext/gov"):
        return "official"
    return "third_party"


def _published(url: str, note: str) -> str:
    """Best guess of the publication date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) or ''."""
    m = re.search(r"(20\d\d)-(\d\d)-(\d\d)", note)
    if m:
        return m.group(0)
    m = re.search(r"/(20\d\d)/(\d\d)/?(\d\d)/", url)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    m = re.search(r"/(20\d\d)(\d\d)/", url)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    m = re.search(r"(?:/|政府工作报告[^/]*/.*/)(20\d\d)\.md", url) or re.search(r"Government Work Report (20\d\d)", note)
    if m:
        return m.group(1)
    return ""


def _convert(indicator: str, value: str, unit: str) -> tuple[float, str]:
    d = Decimal(value)
    if unit in UNIT_CONVERSIONS:
        new_unit, factor = UNIT_CONVERSIONS[unit]
        return float(d * factor), new_unit
    if indicator in PER_10K_INDICATORS and unit == "件":
        return float(d), "件/万人"
    return float(d), unit


def normalise_public(paths: list[Path] | None = None) -> pd.DataFrame:
    """Read the real public series and make one row per region/indicator/year.

    Units are converted to one unit per indicator (万件 -> 件, 万家 -> 家, 万项 -> 项, 万亿元 -> 亿元,
    ``% of GDP`` -> %, per-10k ``件`` -> ``件/万人``); the published value and unit are kept in
    ``value_published``/``unit_published``. Where several rows give the same region, indicator
    and year, the **official** figure (government site or work report, statistical communique,
    an official's statement at a conference) published **first** is kept; ties keep file order.
    The rows not kept are listed in ``alternatives`` and the rule applied in ``choice``.

    Raises
    ------
    InputError
        Missing columns, non-numeric values or years, or an indicator in two units.
    """
    paths = [Path(p) for p in (paths if paths is not None else
                               [config.public_dir() / f for f in PUBLIC_FILES])]
    problems: list[Problem] = []
    records: list[dict[str, Any]] = []
    for path in paths:
        shown = display_name(path)
        raw = intake.read_table(path)
        missing = [c for c in PUBLIC_COLUMNS if c not in raw.columns]
        if missing:
            problems += [Problem.said(shown, 1, c, "intake.required_column") for c in missing]
            continue
        for i, r in enumerate(raw.itertuples(index=False)):
            row = i + 2
            year = str(r.year).strip()
            if not re.fullmatch(r"\d{4}", year):
                problems.append(Problem.said(shown, row, "year", "intake.year_not_a_year", value=repr(r.year)))
                continue
            try:
                value, unit = _convert(r.indicator_id, str(r.value).strip(), str(r.unit).strip())
            except InvalidOperation:
                problems.append(Problem.said(shown, row, "value", "intake.not_a_number", value=repr(r.value)))
                continue
            url, note = str(r.source_url).strip(), str(r.note).strip()
            records.append({
                "region": r.region.strip(), "indicator_id": r.indicator_id.strip(), "year": int(year),
                "value": value, "unit": unit, "value_published": str(r.value).strip(),
                "unit_published": str(r.unit).strip(), "source_class": source_class(url),
                "published": _published(url, note), "source_url": url, "note": note,
                "file": path.name, "_order": len(records), "_row": row, "_shown": shown,
            })
    df = pd.DataFrame.from_records(records)
    if not df.empty:
        units = df.groupby("indicator_id")["unit"].unique()
        for ind, us in units.items():
            if len(us) > 1:
                first = df.loc[df["indicator_id"] == ind].iloc[0]
                problems.append(Problem.said(first["_shown"], int(first["_row"]), "unit", "intake.several_units",
                                             id=repr(ind), units=", ".join(us)))
    if problems:
        raise InputError(problems)
    if df.empty:
        return pd.DataFrame(columns=list(PUBLIC_OUT_COLUMNS))
    # rank: official first, then earliest publication (unknown dates last), then file order
    df["official"] = df["source_class"] != "third_party"
    df["_rank_official"] = (~df["official"]).astype(int)
    df["_rank_date"] = df["published"].where(df["published"] != "", "9999")
    df = df.sort_values(["region", "indicator_id", "year", "_rank_official", "_rank_date", "_order"],
                        kind="stable")
    key = ["region", "indicator_id", "year"]
    df = df.reset_index(drop=True)
    grp = df.groupby(key, sort=True)
    df["n_sources"] = grp["value"].transform("size")
    df["choice"], df["alternatives"] = "single source", ""
    first = grp.cumcount() == 0
    for _, g in df[df["n_sources"] > 1].groupby(key, sort=False):  # the few with several sources
        keep, others = g.iloc[0], g.iloc[1:]
        agree = "agree" if (others["value"] == keep["value"]).all() else "DISAGREE"
        rule = ("kept the official figure published first" if keep["official"] else
                "no official source; kept the one published first")
        df.loc[g.index[0], "choice"] = f"{len(g)} sources {agree}; {rule}"
        df.loc[g.index[0], "alternatives"] = " | ".join(
            f"{o.value_published} {o.unit_published} ({o.source_url})" for o in others.itertuples())
    res = df.loc[first, list(PUBLIC_OUT_COLUMNS)].sort_values(key, kind="stable")
    res["year"] = res["year"].astype(int)
    res["n_sources"] = res["n_sources"].astype(int)
    res["official"] = res["official"].astype(bool)
    return res.reset_index(drop=True)


# ------------------------------------------------------------------------------------------------
# build
# ------------------------------------------------------------------------------------------------
def _inputs(data: str | Path | None, targets: Any) -> dict[str, Any]:
    obs = Path(data) if data is not None else config.monitoring_path()
    tpath = Path(targets) if isinstance(targets, (str, Path)) else (
        config.targets_path() if targets is None else None)
    return {
        "observations": obs,
        "sector_panel": config.sector_panel_path(),
        "targets": tpath,
        "public": [config.public_dir() / f for f in PUBLIC_FILES],
    }


def _input_entry(path: Path) -> dict[str, Any]:
    prov = provenance(path)
    return {"path": _rel(path), "sha256": file_sha256(path), "illustrative": bool(prov["illustrative"])}


def _unchanged_files_read(what: str, paths: list[Path]) -> pd.DataFrame:
    """The sector panel (``what="sector_panel"``) or the public series read from ``paths``, once
    per process while the files stay the same (path, size and modification time): a second
    build in the same process (a notebook, the test suite, several report packs) reads
    them again only when one of them changed. A copy each time."""
    ident = tuple((str(Path(p).resolve()), *_stat(p)) for p in paths)
    opts = (intake.option("sheet", None, None), intake.option("lang", None, "zh"),  # the CLI's --sheet, --lang,
            intake.option("skip_unknown", None, False))                             # --skip-unknown
    return _read_files(what, ident, opts).copy()


def _stat(path) -> tuple[int, int]:
    try:
        st = Path(path).stat()
    except OSError:
        return (-1, -1)  # missing: the reader says so (and nothing is kept)
    return (st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=8)
def _read_files(what: str, ident: tuple, opts: tuple) -> pd.DataFrame:
    paths = [Path(p) for p, *_ in ident]
    return intake.read_sector_panel(paths[0]) if what == "sector_panel" else normalise_public(paths)


def build(data: str | Path | None = None, targets: Any = None, *,
          out_dir: str | Path | None = None, _unless_fresh: bool = False) -> dict[str, Path]:
    """Build the processed files from the raw inputs (one transaction, idempotent).

    The inputs are read and checked first; then, holding a lock beside the output folder
    (``.processed.lock``: a second build waits for the first), every output is written into a
    temporary folder beside it that replaces the folder in one atomic swap. The folder is
    therefore always wholly the previous build or wholly this one; a killed build's temporary
    folder is removed by the next build.

    Parameters
    ----------
    data : path-like, optional
        Monitoring observations (CSV/XLSX in the intake's format). Default: the bundled
        illustrative dataset ``data/raw/monitoring/pingchuan_monitoring_illustrative.csv``.
    targets : path-like or DataFrame, optional
        Target catalogue. Default: the plan's ``data/raw/plan/targets.csv``.
    out_dir : path-like, optional
        Output folder. Default: :func:`analysis.config.processed_dir`.

    Returns
    -------
    dict
        Output name (``observations``, ``sector_panel``, ``public_series``, ``targets``,
        ``manifest``) -> path written.

    Raises
    ------
    InputError
        When any input fails its checks (every problem listed); nothing is written.
    OSError
        When the folder cannot be written (read-only, disk full ...); the old folder is kept.
    analysis.io.atomic.LockedError
        When another build still holds the lock after 10 minutes.
    """
    out = Path(out_dir) if out_dir is not None else config.processed_dir()
    inputs = _inputs(data, targets)
    cat = targets if isinstance(targets, pd.DataFrame) else load_targets(inputs["targets"])
    problems: list[Problem] = []
    frames: dict[str, pd.DataFrame] = {}
    for name, fn in (("observations", lambda: intake.read_observations(inputs["observations"], cat)),
                     ("sector_panel", lambda: _unchanged_files_read("sector_panel", [inputs["sector_panel"]])),
                     ("public_series", lambda: _unchanged_files_read("public_series", inputs["public"]))):
        try:
            frames[name] = fn()
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    frames["targets"] = cat

    blobs = {f"{name}.csv": _csv_bytes(frames[name]) for name in
             ("observations", "sector_panel", "public_series", "targets")}
    obs_entry = _input_entry(inputs["observations"])
    panel_entry = _input_entry(inputs["sector_panel"])
    manifest = {
        "builder": "analysis.io.dataset.build",
        "format": 1,
        "inputs": {
            "observations": obs_entry,
            "sector_panel": panel_entry,
            "targets": (_input_entry(inputs["targets"]) if inputs["targets"] is not None else
                        {"path": "<DataFrame>", "sha256": hashlib.sha256(_csv_bytes(cat)).hexdigest(),
                         "illustrative": False}),
            "public": [_input_entry(p) for p in inputs["public"]],
        },
        "outputs": {
            name: {"sha256": hashlib.sha256(blob).hexdigest(),
                   "rows": int(len(frames[name.removesuffix(".csv")])),
                   "illustrative": {"observations.csv": obs_entry["illustrative"],
                                    "sector_panel.csv": panel_entry["illustrative"]}.get(name, False)}
            for name, blob in blobs.items()
        },
    }
    manifest_bytes = (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    # one transaction: every file goes into a temporary folder beside ``out`` that is swapped in
    # whole (the manifest last); a concurrent build waits for the lock; a crash leaves ``out`` as it was
    with locked(out):
        if _unless_fresh and is_fresh(out):
            return _written(out)
        with atomic_dir(out, lock=False) as tmp:
            for name, blob in blobs.items():
                write_bytes(tmp / name, blob)
            write_bytes(tmp / MANIFEST, manifest_bytes)
    return _written(out)


def _written(out: Path) -> dict[str, Path]:
    written = {name.removesuffix(".csv"): out / name for name in OUTPUTS}
    written["manifest"] = out / MANIFEST
    return written


def read_manifest(out_dir: str | Path | None = None) -> dict | None:
    """The processed folder's ``build_manifest.json`` (None when absent or unreadable)."""
    path = Path(out_dir or config.processed_dir()) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_fresh(out_dir: str | Path | None = None) -> bool:
    """True when the processed files were built from the *default* inputs as they are now."""
    out = Path(out_dir or config.processed_dir())
    man = read_manifest(out)
    if not man:
        return False
    try:
        want = _inputs(None, None)
        got = man["inputs"]
        for key in ("observations", "sector_panel", "targets"):
            if got[key]["path"] != _rel(want[key]) or got[key]["sha256"] != file_sha256(want[key]):
                return False
        if [e["path"] for e in got["public"]] != [_rel(p) for p in want["public"]]:
            return False
        if any(e["sha256"] != file_sha256(p) for e, p in zip(got["public"], want["public"])):
            return False
        for name, entry in man["outputs"].items():
            if file_sha256(out / name) != entry["sha256"]:
                return False
    except (OSError, KeyError, TypeError):
        return False
    return True


def _ensure_built() -> Path:
    out = config.processed_dir()
    if not is_fresh(out):
        build(out_dir=out, _unless_fresh=True)  # under the lock: another process may have just built it
    return out


def _read_processed(path: Path, numeric: tuple[str, ...], integer: tuple[str, ...]) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for c in integer:
        df[c] = df[c].astype(int)
    for c in numeric:
        df[c] = pd.to_numeric(df[c].replace("", None), errors="coerce").astype("float64")
    return df


# ------------------------------------------------------------------------------------------------
# loaders
# ------------------------------------------------------------------------------------------------
def load_observations(path: str | Path | list | None = None, targets: Any = None, *,
                      skip_unknown: bool = False) -> pd.DataFrame:
    """Monitoring observations: ``region, indicator_id, year, value, unit, sector, source, note``.

    Parameters
    ----------
    path : path-like or list of them, optional
        A user's file: read and checked by :func:`analysis.io.readers.read_observations`;
        several: each read so, and stacked (a value two files give differently is an error).
        Default: the processed bundled data (built first when missing or stale).
    targets : path-like or DataFrame, optional
        Catalogue the indicator ids and units must come from. With a non-default catalogue
        and no ``path``, the bundled raw file is read through the intake against it.
    skip_unknown : bool
        With ``path``: drop rows of indicators the catalogue does not have, instead of
        reporting them as errors (see :func:`analysis.io.readers.read_observations`).
    """
    if isinstance(path, (list, tuple)):  # --data a.xlsx --data b.csv: read, checked across, stacked
        if len(path) != 1:
            return _load_files(list(path), targets, skip_unknown)
        path = path[0]
    if path is not None:
        df = intake.read_observations(path, targets, skip_unknown=skip_unknown)
        if df.empty:  # a header only, or the template unfilled: nothing to assess, said as such
            info = df.attrs.get("intake")
            raise InputError([Problem(info.file if info is not None else display_name(path), None, None,
                                      t("intake.no_values", info.lang if info is not None else "zh"))])
        return df
    if targets is not None:
        return intake.read_observations(config.monitoring_path(), targets, skip_unknown=skip_unknown)
    out = _ensure_built()
    return _read_processed(out / "observations.csv", ("value",), ("year",))


#: Suffixes a monitoring file that arrives as bytes keeps on its private temporary copy (anything else: ``.csv``;
#: the format is found by content either way, the suffix only tells an ``.ods`` from an ``.xlsx``).
DATA_SUFFIXES: tuple[str, ...] = (".csv", *WORKBOOK_SUFFIXES)


def load_observations_bytes(content: bytes, name: str, targets: Any = None, *, lang: str | None = None,
                            skip_unknown: bool = False) -> pd.DataFrame:
    """A monitoring file that arrives as bytes (a file uploaded in the scenario explorer), read as
    :func:`load_observations` reads a path, its problems naming ``name``.

    The bytes are written to a private temporary folder (``mkdtemp``: this user only) under a fixed
    name with ``name``'s suffix when it is a data file's (:data:`DATA_SUFFIXES`), read, and removed.
    ``name`` is only ever shown (in the problems, the summary and where a file's name names its
    district, as for a path): it is never part of a path.

    Raises
    ------
    InputError
        Every problem, ``name[SHEET]:ROW:COLUMN: message``, in ``lang`` (default: the reader's
        :func:`~analysis.io.readers.options`); a temporary copy that cannot be written is one too.
    """
    lang = intake.option("lang", lang, "zh")
    suffix = Path(name).suffix.lower()
    suffix = suffix if suffix in DATA_SUFFIXES else ".csv"
    try:
        folder = tempfile.mkdtemp(prefix="analysis-upload-")
    except OSError as exc:
        raise InputError([Problem(name, None, None, t("intake.cannot_open", lang,
                                                      reason=exc.strerror or type(exc).__name__))]) from None
    path = Path(folder) / f"upload{suffix}"
    shown = shown_name(path)

    def named(problems):
        return [dataclasses.replace(p, file=name + p.file[len(shown):]) if p.file.startswith(shown) else p
                for p in problems]

    try:
        try:
            path.write_bytes(bytes(content or b""))
        except OSError as exc:
            raise InputError([Problem(name, None, None, t("intake.cannot_open", lang,
                                                          reason=exc.strerror or type(exc).__name__))]) from None
        try:
            book = open_book(path, lang=lang)
        except InputError as exc:
            raise InputError(named(exc.problems)) from None
        book.file = name  # every problem and the summary say the user's name, not the copy's
        df = intake.read_observations(path, targets, skip_unknown=skip_unknown, lang=lang, _book=book)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if df.empty:
        raise InputError([Problem(name, None, None, t("intake.no_values", lang))])
    return df


def _load_files(paths: list, targets: Any, skip_unknown: bool) -> pd.DataFrame:
    """Several observation files read through the intake and stacked: every file's problems
    reported together; a (region, indicator, year) two files give must carry the same value (then
    it is kept once), different values are an error at the later file's cell naming the earlier's
    (:func:`analysis.io.readers.disagreements`). ``attrs``: the first file's ``intake`` (and every
    file's in ``intakes``), ``illustrative`` if any file is, the sources joined, every file's
    warnings as printed in ``read_warnings``."""
    frames, problems, skipped = [], [], {}
    for p in paths:
        try:
            df = load_observations(p, targets, skip_unknown=skip_unknown)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        try:
            prov = provenance(p)
        except (OSError, ValueError):  # provenance is a courtesy: the file name stands as its source
            prov = {"illustrative": False, "source_zh": Path(p).name, "source_en": Path(p).name}
        df.attrs.setdefault("illustrative", bool(prov.get("illustrative", False)))
        for lang in ("zh", "en"):
            df.attrs.setdefault(f"source_{lang}", prov.get(f"source_{lang}", ""))
        info = df.attrs.get("intake")
        df.attrs["read_warnings"] = [intake.intake_warning_line(w, info.lang) for w in info.warnings] \
            if info is not None else []
        frames.append((p, df))
        for k, rows in (df.attrs.get("skipped") or {}).items():
            skipped.setdefault(k, []).extend(rows)
    if problems:
        raise InputError(problems)
    clash = intake.disagreements(frames, targets, skip_unknown=skip_unknown)
    if clash:
        raise InputError(clash)
    key = ["region", "indicator_id", "year"]
    out = pd.concat([df for _, df in frames], ignore_index=True).drop_duplicates(key)
    out = out.sort_values(key, kind="stable").reset_index(drop=True)
    dfs = [df for _, df in frames]
    out.attrs = dict(dfs[0].attrs)
    out.attrs["intakes"] = [df.attrs.get("intake") for df in dfs]
    out.attrs["illustrative"] = any(bool(df.attrs.get("illustrative", False)) for df in dfs)
    out.attrs["skipped"] = skipped
    out.attrs["read_warnings"] = [w for df in dfs for w in df.attrs.get("read_warnings", [])]
    for lang in ("zh", "en"):
        srcs = [df.attrs.get(f"source_{lang}", "") for df in dfs]
        out.attrs[f"source_{lang}"] = t("report.names_sep", lang).join(dict.fromkeys(s for s in srcs if s))
    return out


def load_sector_panel(path: str | Path | None = None) -> pd.DataFrame:
    """Sector panel: ``region, sector, year, metric, value, unit, source, note``.

    ``path`` given: read through :func:`analysis.io.readers.read_sector_panel`; otherwise the
    processed bundled (illustrative) panel.
    """
    if path is not None:
        return intake.read_sector_panel(path)
    out = _ensure_built()
    return _read_processed(out / "sector_panel.csv", ("value",), ("year",))


def load_public(indicator_id: str | None = None, region: str | None = None) -> pd.DataFrame:
    """The REAL public series, one row per region/indicator/year (see :func:`normalise_public`)."""
    out = _ensure_built()
    df = _read_processed(out / "public_series.csv", ("value",), ("year", "n_sources"))
    df["official"] = df["official"].eq("True")
    if indicator_id is not None:
        df = df.loc[df["indicator_id"] == indicator_id]
    if region is not None:
        df = df.loc[df["region"] == region]
    return df.reset_index(drop=True)


def load_population(region: str = config.DEFAULT_REGION) -> pd.Series:
    """Real year-end resident population of ``region`` in 万人, indexed by int year.

    Raises ``KeyError`` when the public data has no population for ``region``.
    """
    df = load_public("population", region)
    if df.empty:
        raise KeyError(f"no public population series for {region!r}")
    s = pd.Series(df["value"].to_numpy(dtype=float), index=pd.Index(df["year"].astype(int), name="year"),
                  name="population").sort_index()
    s.attrs.update(unit="万人", region=region, source="data/raw/public/gansu_observations.csv")
    return s


def joined_provenance(provs: list[dict]) -> dict[str, Any]:
    """The provenance of several files read together: the first's, illustrative if any is, the sources
    joined (``a.xlsx、b.csv``)."""
    out = dict(provs[0])
    out["illustrative"] = any(bool(p.get("illustrative", False)) for p in provs)
    for lang in ("zh", "en"):
        out[f"source_{lang}"] = t("report.names_sep", lang).join(
            dict.fromkeys(str(p.get(f"source_{lang}", "")) for p in provs if p.get(f"source_{lang}")))
    return out


def provenance(path: str | Path | list | None = None) -> dict[str, Any]:
    """Where a data file comes from and whether it is illustrative.

    Reads the ``.meta.json`` beside the file (``NAME.meta.json`` or ``NAME.csv.meta.json``).
    A processed file is traced through the build manifest to its raw input. A file without
    metadata (a user's own data) is taken as real: ``illustrative`` False, source = file name.

    Returns
    -------
    dict
        ``illustrative`` (bool), ``source_zh``, ``source_en``, ``file`` and, when known,
        ``title_zh``, ``title_en``.
    """
    if isinstance(path, (list, tuple)):  # several files read together: each one's, joined
        return joined_provenance([provenance(q) for q in path])
    p = Path(path) if path is not None else config.monitoring_path()
    meta = _read_meta(p)
    if meta is not None:
        return {
            "illustrative": bool(meta.get("illustrative", False)),
            "source_zh": meta.get("source_zh") or meta.get("title_zh") or p.name,
            "source_en": meta.get("source_en") or meta.get("title_en") or p.name,
            "file": str(p),
            "title_zh": meta.get("title_zh", ""),
            "title_en": meta.get("title_en", ""),
        }
    man = read_manifest(p.parent) if p.name in OUTPUTS else None
    if man:
        key = p.name.removesuffix(".csv")
        entry = man.get("inputs", {}).get(key)
        if isinstance(entry, dict) and entry.get("path", "").startswith(("/", "data")):
            src = Path(entry["path"])
            src = src if src.is_absolute() else config.root() / src
            if src.exists() and src.resolve() != p.resolve():
                info = provenance(src)
                info["file"] = str(p)
                return info
    return {"illustrative": False, "source_zh": p.name, "source_en": p.name, "file": str(p)}


# ------------------------------------------------------------------------------------------------
# provenance register of data/raw
# ------------------------------------------------------------------------------------------------
def raw_files(raw: str | Path | None = None) -> list[Path]:
    """Every file under ``data/raw`` that ``sources.csv`` must list (not itself, no hidden files)."""
    raw = Path(raw or config.raw_dir())
    return sorted(p for p in raw.rglob("*") if p.is_file() and p.name != "sources.csv"
                  and not any(part.startswith(".") or part == "__pycache__"
                              for part in p.relative_to(raw).parts))


def refresh_source_hashes(path: str | Path | None = None) -> list[str]:
    """Maintainers: rewrite the ``sha256`` column of ``sources.csv`` after changing a raw file.

    Returns the paths whose hash changed. Rows are not added or removed.
    """
    path = Path(path or config.sources_path())
    raw = path.parent
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    changed = []
    for r in rows:
        f = raw / r["path"]
        if f.is_file():
            h = file_sha256(f)
            if h != r["sha256"]:
                changed.append(r["path"])
                r["sha256"] = h
    with atomic_write(path) as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return changed


# ------------------------------------------------------------------------------------------------
# CLI
# ------------------------------------------------------------------------------------------------
def cli_build(args) -> int:
    """``python -m analysis build [--data FILE] [--targets FILE]``: one line per file written."""
    lang = getattr(args, "lang", None) or "zh"
    written = build(data=getattr(args, "data", None), targets=getattr(args, "targets", None))
    man = read_manifest(written["manifest"].parent) or {}
    for name, path in written.items():
        if name == "manifest":
            n = 1 + len(man.get("inputs", {}).get("public", [])) + 2
            print(t("cli.build.wrote_manifest", lang, path=_rel(path), inputs=n,
                    outputs=len(man.get("outputs", {}))))
            continue
        entry = man.get("outputs", {}).get(path.name, {})
        flag = t("cli.build.illustrative", lang) if entry.get("illustrative") else ""
        print(t("cli.build.wrote", lang, path=_rel(path), rows=entry.get("rows", "?"), flag=flag))
    return 0
