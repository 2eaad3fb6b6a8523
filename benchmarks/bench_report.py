"""Benchmark: the whole report pack, warm (data built, modules imported, font registered).

Times :func:`analysis.app.report.build_pack` with every figure (PNG 300 dpi, SVG, PDF),
the workbook, CSV, JSON, the executed notebooks, the HTML report and the index page,
written to a temporary folder. Target: under 60 s on 2 cores.

Prints one line per step and writes ``benchmarks/results/bench_report.json``.
Run: ``.venv/bin/python benchmarks/bench_report.py [--no-notebooks] [--lang en]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_SECONDS = 60.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-notebooks", action="store_true", help="skip executing the notebooks")
    ap.add_argument("--lang", choices=("zh", "en"), default="zh")
    args = ap.parse_args(argv)

    import matplotlib

    from analysis.io import dataset
    from analysis.app import figures
    from analysis.app import report
    from analysis.viz import style

    # set-up (not timed): processed data, imports, font, one throw-away figure
    t = time.perf_counter()
    dataset.build()
    style.apply(args.lang)
    warm = figures.available()
    setup = time.perf_counter() - t

    with tempfile.TemporaryDirectory(prefix="bench_report_") as tmp:
        t = time.perf_counter()
        res = report.build_pack(out=tmp, lang=args.lang, notebooks=not args.no_notebooks, build=True,
                                progress=False)
        total = time.perf_counter() - t
        sizes = sum(Path(f).stat().st_size for f in res.files)

    result = {
        "benchmark": "report",
        "seconds": round(total, 2),
        "target_seconds": TARGET_SECONDS,
        "within_target": total < TARGET_SECONDS,
        "setup_seconds": round(setup, 2),
        "steps": res.timings,
        "figures": len(warm),
        "files": len(res.files),
        "bytes": sizes,
        "notebooks": not args.no_notebooks,
        "notebook_errors": res.notebook_errors,
        "lang": args.lang,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "matplotlib": matplotlib.__version__,
        "platform": platform.platform(),
    }
    for step, sec in res.timings.items():
        print(f"  {step:<10} {sec:7.2f} s")
    print(f"report pack: {total:.1f} s warm ({len(res.files)} files, {len(warm)} figures; "
          f"target < {TARGET_SECONDS:.0f} s: {'ok' if result['within_target'] else 'SLOW'})")
    out = ROOT / "benchmarks" / "results" / "bench_report.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
