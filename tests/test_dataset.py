"""analysis.io.dataset: build (atomic, idempotent, raw untouched), loaders, provenance, CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import config
from analysis.io import dataset
from analysis.io import readers as intake
from analysis.cli import main
from analysis.io.catalogue import load_targets
from analysis.errors import InputError

OUTPUT_NAMES = ["build_manifest.json", "observations.csv", "public_series.csv", "sector_panel.csv", "targets.csv"]


@pytest.fixture
def processed(tmp_path, monkeypatch):
    """Point the processed folder at a temporary directory."""
    out = tmp_path / "processed"
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(out))
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("built")
    dataset.build(out_dir=out)
    return out


def _raw_hashes() -> dict[str, str]:
    return {p.as_posix(): dataset.file_sha256(p) for p in config.raw_dir().rglob("*") if p.is_file()}


def _bytes(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _user_file(tmp_path, rows: str, name: str = "mine.csv"):
    p = tmp_path / name
    p.write_text("region,indicator_id,year,value,unit\n" + rows, encoding="utf-8")
    return p


# ----------------------------------------------------------------------------- build
def test_build_writes_the_files_and_a_manifest(built):
    assert sorted(p.name for p in built.iterdir()) == OUTPUT_NAMES
    man = json.loads((built / "build_manifest.json").read_text(encoding="utf-8"))
    for name in OUTPUT_NAMES[1:]:
        n = len(pd.read_csv(built / name))
        assert man["outputs"][name]["rows"] == n
        assert man["outputs"][name]["sha256"] == dataset.file_sha256(built / name)
    assert man["outputs"]["observations.csv"]["illustrative"] is True
    assert man["outputs"]["sector_panel.csv"]["illustrative"] is True
    assert man["outputs"]["public_series.csv"]["illustrative"] is False
    assert man["inputs"]["observations"]["path"] == "data/raw/monitoring/pingchuan_monitoring_illustrative.csv"
    assert man["inputs"]["targets"]["sha256"] == dataset.file_sha256(config.targets_path())
    assert len(man["inputs"]["public"]) == len(dataset.PUBLIC_FILES) == 5      # + the provincial and city files (issue 16)
    text = (built / "build_manifest.json").read_text(encoding="utf-8")
    assert not re.search(r"\d{4}-\d\d-\d\dT|\d\d:\d\d:\d\d|time", text)  # no timestamps


def test_build_is_idempotent_atomic_and_leaves_raw_alone(tmp_path):
    before = _raw_hashes()
    out = tmp_path / "p"
    dataset.build(out_dir=out)
    first = _bytes(out)
    dataset.build(out_dir=out)
    assert _bytes(out) == first
    assert not [p for p in out.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]
    assert _raw_hashes() == before


def test_a_second_build_reads_the_unchanged_public_files_once_and_a_changed_one_again(tmp_path, monkeypatch):
    """The bundled sector panel and public series are read once per process while they stay the
    same; a file that changes (size or time) is read again, so a build never writes stale data."""
    import shutil

    public = tmp_path / "public"
    shutil.copytree(config.public_dir(), public)
    monkeypatch.setattr(config, "public_dir", lambda: public)
    calls = []
    real = dataset.normalise_public
    monkeypatch.setattr(dataset, "normalise_public", lambda paths=None: calls.append(paths) or real(paths))
    dataset.build(out_dir=tmp_path / "a")
    dataset.build(out_dir=tmp_path / "b")
    assert len(calls) == 1
    assert (tmp_path / "a" / "public_series.csv").read_bytes() == (tmp_path / "b" / "public_series.csv").read_bytes()
    f = public / dataset.PUBLIC_FILES[0]
    f.write_bytes(f.read_bytes() + b"\n")  # the same rows, another size: read again
    dataset.build(out_dir=tmp_path / "c")
    assert len(calls) == 2


def test_failed_build_keeps_previous_files(tmp_path):
    out = tmp_path / "p"
    dataset.build(out_dir=out)
    first = _bytes(out)
    bad = _user_file(tmp_path, "平川区,no_such_indicator,2019,1,家\n平川区,high_tech_enterprises,20x9,1,家\n")
    with pytest.raises(InputError) as exc:
        dataset.build(data=bad, out_dir=out)
    assert len(exc.value.problems) >= 2
    assert _bytes(out) == first


def test_outputs_match_the_intake(built):
    obs = dataset._read_processed(built / "observations.csv", ("value",), ("year",))
    pd.testing.assert_frame_equal(obs, intake.read_observations(config.monitoring_path(), load_targets()))
    panel = dataset._read_processed(built / "sector_panel.csv", ("value",), ("year",))
    pd.testing.assert_frame_equal(panel, intake.read_sector_panel(config.sector_panel_path()))
    t = pd.read_csv(built / "targets.csv")
    assert list(t["id"]) == list(load_targets()["id"])


def test_build_with_user_data_and_catalogue_frame(tmp_path):
    user = _user_file(tmp_path, "平川区,high_tech_enterprises,2019,7,家\n平川区,tech_contract_turnover,2019,9000,万元\n")
    out = tmp_path / "p"
    written = dataset.build(data=user, targets=load_targets(), out_dir=out)
    assert set(written) == {"observations", "sector_panel", "public_series", "targets", "manifest"}
    man = dataset.read_manifest(out)
    assert man["inputs"]["observations"]["illustrative"] is False
    assert man["inputs"]["targets"]["path"] == "<DataFrame>"
    obs = pd.read_csv(out / "observations.csv")
    assert obs.set_index("indicator_id").loc["tech_contract_turnover", "value"] == pytest.approx(0.9)


# ----------------------------------------------------------------------------- public series
def test_public_series_one_row_per_key_one_unit_per_indicator(built):
    pub = pd.read_csv(built / "public_series.csv", dtype={"value_published": str})
    assert not pub.duplicated(["region", "indicator_id", "year"]).any()
    assert (pub.groupby("indicator_id")["unit"].nunique() == 1).all()
    raw_rows = sum(len(pd.read_csv(config.public_dir() / f)) for f in dataset.PUBLIC_FILES)
    assert pub["n_sources"].sum() == raw_rows  # every raw row is kept or listed as an alternative
    assert not pub["unit"].isin(["万件", "万家", "万项", "% of GDP"]).any()


def test_public_conflicts_keep_the_official_first_published(processed):
    pub = dataset.load_public()
    row = lambda r, i, y: pub.query("region == @r and indicator_id == @i and year == @y").iloc[0]  # noqa: E731
    hte = row("中国", "high_tech_enterprises", 2019)
    assert hte.value == 225_000 and hte.unit == "家" and "21.85 万家" in hte.alternatives
    assert "DISAGREE" in hte.choice
    st = row("甘肃省", "st_progress_contribution", 2019)
    assert st.value == 53.5 and st.n_sources == 3 and "52.8" in st.alternatives and "54.03" in st.alternatives
    tc = row("甘肃省", "tech_contract_turnover", 2016)
    assert tc.value == 150.05 and "150.81" in tc.alternatives
    rd = row("甘肃省", "rd_intensity", 2019)
    assert rd.value == 1.18  # an official statement beats a paper
    vp = row("中国", "domestic_valid_invention_patents", 2019)
    assert vp.value == 1_862_000 and vp.unit == "件" and vp.value_published == "186.2"
    assert row("中国", "invention_patents_per_10k", 2019).unit == "件/万人"
    assert dataset.load_public("population", "平川区")["year"].tolist() == list(range(2015, 2022))


def test_normalise_public_reports_bad_rows(tmp_path):
    p = tmp_path / "pub.csv"
    p.write_text("region,indicator_id,year,value,unit,source_url,note\n"
                 "甲,x,2019,abc,件,u,\n甲,x,19,1,件,u,\n甲,y,2019,1,件,u,\n甲,y,2020,1,家,u,\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        dataset.normalise_public([p])
    text = str(exc.value)
    assert ":2:value:" in text and ":3:year:" in text and "出现了多个单位：件, 家" in text


def test_source_class():
    assert dataset.source_class("https://www.stats.gov.cn/x") == "official"
    assert dataset.source_class("github:lawtext/gov/政府工作报告-国务院/2017.md") == "official"
    assert dataset.source_class("https://fx361.cc/page/1") == "third_party"
    assert dataset.source_class("http://unknown.example.com/") == "third_party"


# ----------------------------------------------------------------------------- loaders
def test_load_observations_builds_when_missing_and_when_stale(processed):
    assert not processed.exists()
    obs = dataset.load_observations()
    assert (processed / "build_manifest.json").exists()
    assert set(obs.columns) == {"region", "indicator_id", "year", "value", "unit", "sector", "source", "note"}
    assert obs["year"].dtype == "int64" and obs["value"].dtype == "float64"
    assert dataset.is_fresh(processed)
    # a hand-edited processed file makes the build stale -> rebuilt
    f = processed / "observations.csv"
    f.write_text(f.read_text(encoding="utf-8").replace("平川区", "别的区"), encoding="utf-8")
    assert not dataset.is_fresh(processed)
    again = dataset.load_observations()
    pd.testing.assert_frame_equal(obs, again)
    assert dataset.is_fresh(processed)


def test_a_build_from_user_data_is_not_the_default(processed, tmp_path):
    user = _user_file(tmp_path, "平川区,high_tech_enterprises,2019,7,家\n")
    dataset.build(data=user)
    assert not dataset.is_fresh(processed)
    assert len(dataset.load_observations()) > 1  # the bundled data again


def test_load_with_path_reads_through_the_intake(tmp_path, processed):
    user = _user_file(tmp_path, "平川区,high_tech_enterprises,2018,5,家\n平川区,high_tech_enterprises,2019,7,家\n")
    obs = dataset.load_observations(user)
    assert obs["value"].tolist() == [5.0, 7.0]
    assert not processed.exists()  # nothing built
    with pytest.raises(InputError):
        dataset.load_observations(_user_file(tmp_path, "平川区,high_tech_enterprises,2019,lots,家\n", "bad.csv"))
    panel = dataset.load_sector_panel(config.sector_panel_path())
    assert len(panel) == 315


def test_load_sector_panel_default(processed):
    panel = dataset.load_sector_panel()
    pd.testing.assert_frame_equal(panel, intake.read_sector_panel(config.sector_panel_path()))


def test_load_population(processed):
    pop = dataset.load_population()
    assert list(pop.index) == list(range(2015, 2022))
    assert pop.index.dtype == "int64" and pop[2019] == 20.02 and pop.attrs["unit"] == "万人"
    assert dataset.load_population("白银市")[2015] == 160.58
    with pytest.raises(KeyError):
        dataset.load_population("火星区")


# ----------------------------------------------------------------------------- provenance
def test_provenance(tmp_path, built):
    p = dataset.provenance()
    assert p["illustrative"] is True and p["source_zh"] and p["source_en"]
    assert p["file"].endswith("pingchuan_monitoring_illustrative.csv")
    assert dataset.provenance(config.sector_panel_path())["illustrative"] is True
    user = _user_file(tmp_path, "平川区,high_tech_enterprises,2019,7,家\n")
    q = dataset.provenance(user)
    assert q == {"illustrative": False, "source_zh": "mine.csv", "source_en": "mine.csv", "file": str(user)}
    (tmp_path / "mine.meta.json").write_text(json.dumps({"illustrative": False, "source_zh": "区统计局",
                                                          "source_en": "District statistics bureau"}),
                                             encoding="utf-8")
    assert dataset.provenance(user)["source_zh"] == "区统计局"
    # a processed file is traced to its raw input through the manifest
    assert dataset.provenance(built / "observations.csv")["illustrative"] is True
    assert dataset.provenance(built / "public_series.csv")["illustrative"] is False


# ----------------------------------------------------------------------------- CLI
@pytest.mark.parametrize("lang, first, manifest", [
    ("zh", "已写入 {out}/observations.csv（88 行）  [示例数据 ILLUSTRATIVE]",
     "已写入 {out}/build_manifest.json（8 个输入、4 个输出的 sha256）"),
    ("en", "wrote {out}/observations.csv (88 rows)  [ILLUSTRATIVE 示例数据]",
     "wrote {out}/build_manifest.json (sha256 of 8 inputs, 4 outputs)"),
])
def test_cli_build_prints_one_line_per_file(processed, capsys, lang, first, manifest):
    assert main(["build", "--lang", lang]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 5
    assert out[0] == first.format(out=processed.as_posix())
    # 1405 public rows, 8 inputs: 722 and 6 before the provincial file, 853 before the 2023-2025 communiques,
    # 1001 before the provinces' 14th-plan rows, 1062 and 7 before the city file (issue 16)
    assert "public_series.csv" in out[2] and "1405" in out[2] and "ILLUSTRATIVE" not in out[2]
    assert out[4] == manifest.format(out=processed.as_posix())


def test_cli_build_invalid_data_exits_1(tmp_path, processed, capsys):
    bad = _user_file(tmp_path, "平川区,high_tech_enterprises,2019,lots,家\n")
    assert main(["build", "--data", str(bad)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"mine\.csv:2:D:", err)  # FILE:ROW:COLUMN-LETTER (docs/data_contract.md)
    assert not processed.exists() or not (processed / "observations.csv").exists()


def test_nbs_communique_rows_quote_the_sentence_they_were_read_from():
    """Every NBS row says where it was read and quotes the sentence; the value is in the quote."""
    import re

    df = pd.read_csv(config.public_dir() / "china_nbs_communique_observations.csv", dtype={"note": str})
    assert len(df) and not df.duplicated(["indicator_id", "year"]).any()
    prefix = "NBS statistical communique (as first published); text read via github lawtext/gov 国家统计局年度统计/"
    for _, r in df.iterrows():
        assert r["note"].startswith(prefix + f"{r['year']}.md; quote: \""), (r["indicator_id"], r["year"])
        quote = re.search(r'quote: "(.*?)"(;|$)', r["note"]).group(1)
        numbers = {float(x) for x in re.findall(r"\d+(?:\.\d+)?", quote)}
        assert float(r["value"]) in numbers or (r["value"] == 0 and "全部" in quote), (r["indicator_id"], r["year"])
        assert r["source_url"].startswith("https://www.stats.gov.cn/")


# ----------------------------------------------------------------------------- build as a transaction
def _consistent(folder) -> dict:
    """The folder's manifest, after checking every output's sha256 against it (wholly one build)."""
    man = json.loads((folder / "build_manifest.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in folder.iterdir() if p.name != ".gitkeep") == OUTPUT_NAMES
    for name, entry in man["outputs"].items():
        assert dataset.file_sha256(folder / name) == entry["sha256"], f"{name} is not the manifest's"
    return man


def _other_data(tmp_path):
    """The bundled observations with one value changed (a build that differs from the default)."""
    text = config.monitoring_path().read_text(encoding="utf-8").splitlines(keepends=True)
    header, first = text[0].rstrip("\n").split(","), text[1].rstrip("\n").split(",")
    first[header.index("value")] = str(float(first[header.index("value")]) + 1)
    p = tmp_path / "other.csv"
    p.write_text(text[0] + ",".join(first) + "\n" + "".join(text[2:]), encoding="utf-8")
    return p


def _build_cmd(data=None):
    import sys

    return [sys.executable, "-m", "analysis", "build"] + (["--data", str(data)] if data else [])


def _env(out):
    import os

    return {**os.environ, "ANALYSIS_PROCESSED_DIR": str(out), "PYTHONPATH": str(config.root()),
            "MPLBACKEND": "Agg"}


def test_kill_at_random_moments_leaves_the_folder_wholly_old_or_wholly_new(tmp_path):
    """SIGKILL a build subprocess at random moments, half of them while it writes (at most 4 kills,
    at most ~60 s): after each kill the
    processed folder matches its manifest and is the old build or the new one; a later build
    removes whatever temporaries the killed ones left."""
    import random
    import signal
    import subprocess
    import time

    out = tmp_path / "processed"
    dataset.build(out_dir=out)
    old = _consistent(out)
    other = _other_data(tmp_path)
    t0 = time.monotonic()
    subprocess.run(_build_cmd(other), env=_env(tmp_path / "probe"), check=True, capture_output=True, timeout=120)
    full = time.monotonic() - t0                 # one whole build, interpreter start included
    new = _consistent(tmp_path / "probe")
    assert new["outputs"] != old["outputs"]
    rnd = random.Random(20190821)
    seen = {"old": 0, "new": 0}
    moments: list[str] = []
    stale = 0
    deadline = time.monotonic() + 60
    for _ in range(4):
        if time.monotonic() > deadline:
            break
        proc = subprocess.Popen(_build_cmd(other), env=_env(out), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        if len(moments) % 2 == 0:                 # anywhere in the run
            time.sleep(rnd.uniform(0.3, 1.05) * full)
            moments.append("random")
        else:                                     # in the write phase: once the temporary folder exists
            start = time.monotonic()
            while not list(tmp_path.glob(".processed.*.tmp")) and time.monotonic() - start < 2 * full:
                time.sleep(0.001)
            time.sleep(rnd.uniform(0, 0.02))
            moments.append("writing")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        stale += len(list(tmp_path.glob(".processed.*.tmp")))
        man = _consistent(out)
        assert man in (old, new)
        seen["old" if man == old else "new"] += 1
        if man == new:                            # start the next round from the old version again
            dataset.build(out_dir=out)
            assert _consistent(out) == old
    print(f"kill test: {sum(seen.values())} kills ({', '.join(moments)}), folder old {seen['old']}x, "
          f"new {seen['new']}x, {stale} temporary folders left behind (one build {full:.2f} s)")
    dataset.build(data=other, out_dir=out)
    assert _consistent(out) == new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.csv", "probe", "processed"]


def test_two_builds_at_once_wait_for_each_other(tmp_path):
    import subprocess

    out = tmp_path / "processed"
    other = _other_data(tmp_path)
    procs = [subprocess.Popen(cmd, env=_env(out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for cmd in (_build_cmd(), _build_cmd(other))]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    _consistent(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.csv", "processed"]


def test_build_keeps_gitkeep(tmp_path):
    out = tmp_path / "processed"
    out.mkdir()
    (out / ".gitkeep").write_bytes(b"")
    dataset.build(out_dir=out)
    assert (out / ".gitkeep").exists()


@pytest.mark.parametrize("err, lang, sentence", [
    (28, "zh", "磁盘空间不足，无法写入 {path}：请清理磁盘空间后重新运行。"),       # ENOSPC
    (28, "en", "No space left on the disk to write {path}: free some space and run the command again."),
    (30, "zh", "{path} 位于只读文件系统，无法写入"),                                 # EROFS
    (30, "en", "{path} is on a read-only file system: write to another folder"),
])
def test_cli_build_os_error_is_one_sentence_exit_2(processed, monkeypatch, capsys, err, lang, sentence):
    """Fault injection: the disk fills up (ENOSPC) while writing, or the file system is read-only
    (EROFS); build prints one sentence naming the path, exit status 2, the old folder kept."""
    import os

    from analysis.io import atomic

    dataset.build(out_dir=processed)
    before = _bytes(processed)
    # ENOSPC: writing the first output fails; EROFS: creating the temporary folder beside it fails
    if err == 28:
        def fail(path, *args, **kwargs):
            raise OSError(err, os.strerror(err), str(path))

        monkeypatch.setattr(atomic, "open", fail, raising=False)   # every write of a build goes through it
        named = processed / "observations.csv"                    # the output, not its temporary name
    else:
        def fail(*args, **kwargs):
            raise OSError(err, os.strerror(err), str(processed.parent))

        monkeypatch.setattr(atomic.tempfile, "mkdtemp", fail)
        named = processed.parent
    assert main(["build", "--lang", lang]) == 2
    captured = capsys.readouterr()
    assert sentence.format(path=named) in captured.err
    assert len(captured.err.strip().splitlines()) == 1 and "Traceback" not in captured.err
    assert _bytes(processed) == before
    assert sorted(p.name for p in processed.parent.iterdir()) == ["processed"]


def test_cli_build_waits_for_a_lock_then_says_so(processed, monkeypatch, capsys):
    from analysis.io import atomic

    monkeypatch.setattr(atomic, "LOCK_TIMEOUT", 0.2)
    with atomic.locked(processed):
        assert main(["build", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err == (f"Another run is writing the same output (lock {atomic.lock_path(processed)}): "
                   "wait for it to finish and run again.\n")
