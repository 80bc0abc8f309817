"""Time `netinbox import` on a heavy user's export: wall time and peak memory of the child process.

    python benchmarks/import_bench.py [OUTDIR]

Generates the export with make_heavy_export.py when it is missing, then runs, each in a fresh
child process: the ZIP into a new database, the same ZIP again (nothing new), and the unpacked
folder into a new database. Peak RSS is read with resource.getrusage(RUSAGE_CHILDREN) after each
child (the children run one at a time, so the maximum so far is that child's unless an earlier
one was bigger: each run is therefore measured in its own helper process). Not run by pytest.
Targets (issue 4): <= 10 s and <= 400 MB peak RSS.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ZIP_NAME = "Basic_LinkedInDataExport_10-20-2025.zip"


def _measure(args: list[str]) -> dict:
    """Run `python -m netinbox ARGS` as a child and report its wall time, peak RSS and output."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "netinbox", *args], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    return {
        "wall_s": round(wall, 2),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "exit": result.returncode,
        "stdout": result.stdout.strip(),
        "stderr": result.stderr.strip()[-500:],
    }


def _measure_isolated(args: list[str]) -> dict:
    """RUSAGE_CHILDREN keeps the maximum over all children: measure each run in its own helper."""
    helper = subprocess.run(
        [sys.executable, __file__, "--one", json.dumps(args)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(helper.stdout)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(_measure(json.loads(sys.argv[2]))))
        return
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/netinbox-heavy-export")
    archive, folder = out_dir / ZIP_NAME, out_dir / "export"
    if not archive.exists() or not folder.is_dir():
        subprocess.run(
            [sys.executable, str(HERE / "make_heavy_export.py"), str(out_dir)], check=True
        )
    csv_mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    print(f"export: {archive} ({archive.stat().st_size / 1e6:.1f} MB zip, {csv_mb:.1f} MB of CSV)")
    work = Path(tempfile.mkdtemp(prefix="netinbox-bench-"))
    try:
        runs = [
            ("zip, new database", ["import", str(archive), "--db", str(work / "a.json")]),
            ("zip again (nothing new)", ["import", str(archive), "--db", str(work / "a.json")]),
            ("folder, new database", ["import", str(folder), "--db", str(work / "b.json")]),
        ]
        for label, args in runs:
            figures = _measure_isolated(args)
            verdict = "ok" if figures["wall_s"] <= 10 and figures["peak_rss_mb"] <= 400 else "OVER"
            print(
                f"{label:26} {figures['wall_s']:6.2f} s  {figures['peak_rss_mb']:7.1f} MB  "
                f"exit {figures['exit']}  [{verdict}]"
            )
            print(f"{'':26} {figures['stdout'] or figures['stderr']}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
