"""Run every ``benchmarks/bench_*.py`` in turn (``make bench``); exit 1 if any fails.

Each script runs with the same Python, from the project root, without arguments; it
prints its own lines and writes ``benchmarks/results/<name>.json``.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if not scripts:
        print("no benchmarks/bench_*.py found")
        return 0
    failed = []
    summary = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        t = time.perf_counter()
        rc = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        dt = time.perf_counter() - t
        summary.append((script.name, rc, dt))
        if rc != 0:
            failed.append(script.name)
    print("== summary")
    for name, rc, dt in summary:
        print(f"  {name:<32} {'ok' if rc == 0 else f'FAILED ({rc})':<12} {dt:7.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
