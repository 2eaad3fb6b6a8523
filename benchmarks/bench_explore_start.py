"""Benchmark: starting the scenario explorer as a user does, ``python -m analysis explore``.

Launches the command as a subprocess (its own process group, default settings: a preheated
kernel) and times, from the launch, (1) until the server listens on 127.0.0.1 and (2) until
the first ``GET /`` returns the rendered page (the kernel has run the explorer notebook).
Then stops the whole group. ``--source DIR`` times an older checkout of the project too, in
the same run, alternating with this one (same machine, same load), e.g. a ``git worktree``
of the commit before a change.

Prints one line per start and writes ``benchmarks/results/bench_explore_start.json``.
Run: ``.venv/bin/python benchmarks/bench_explore_start.py [--repeat 3] [--source DIR]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def start_once(root: Path, timeout: float = 180.0) -> dict:
    """One start of ``python -m analysis explore`` from the checkout ``root``: seconds to listening
    and to the first rendered page."""
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(root))
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "explore", "--port", str(port)], cwd=root,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while not _listening(port):
            if proc.poll() is not None or time.monotonic() - t0 > timeout:
                raise RuntimeError(f"the explorer from {root} did not start (exit {proc.poll()})")
            time.sleep(0.05)
        listening = time.monotonic() - t0
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=timeout) as r:
            size = len(r.read())
        page = time.monotonic() - t0
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        proc.wait(30)
    return {"listening_s": round(listening, 2), "first_page_s": round(page, 2), "page_bytes": size}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="starts per checkout (default 3)")
    ap.add_argument("--source", type=Path, help="an older checkout to time in the same run")
    args = ap.parse_args(argv)
    roots = {"this": ROOT} | ({"source": args.source.resolve()} if args.source else {})
    runs: dict[str, list[dict]] = {k: [] for k in roots}
    for _ in range(args.repeat):
        for name, root in roots.items():  # alternating: both see the same load
            r = start_once(root)
            runs[name].append(r)
            print(f"{name:<6} listening {r['listening_s']:5.2f} s, first page {r['first_page_s']:5.2f} s", flush=True)
    result = {"benchmark": "explore_start", "command": "python -m analysis explore --port P",
              "load_average": os.getloadavg()[0], "cpus": os.cpu_count(), "python": platform.python_version(),
              "runs": runs, "source": str(args.source) if args.source else None,
              "median": {k: {m: statistics.median(r[m] for r in v) for m in ("listening_s", "first_page_s")}
                         for k, v in runs.items()}}
    out = ROOT / "benchmarks" / "results" / "bench_explore_start.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for k, med in result["median"].items():
        print(f"median {k}: listening {med['listening_s']:.2f} s, first page {med['first_page_s']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
