#!/usr/bin/env python3
"""Wall time of `cantrade ask "steel tariff" --json` on the bundled articles against the import
floor `python -c "import typer, rapidfuzz"`, measured in the same run, interleaved, as medians.

Usage: python benchmarks/latency.py [--runs 30] [--cmd "cantrade"]
Target (SPEC): ask median <= 1.5 x floor median. The index is built once before timing.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def wall(argv: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=30)
    exe = shutil.which("cantrade", path=str(Path(sys.executable).parent)) or "cantrade"
    ap.add_argument("--cmd", default=exe, help="how to start the CLI")
    ap.add_argument("--query", default="steel tariff")
    args = ap.parse_args()
    env = dict(os.environ)
    env.pop("CANTRADE_CORPUS", None)
    # Both sides as a user runs them: with bytecode caches (written by the warm-up runs).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["CANTRADE_CACHE_DIR"] = tempfile.mkdtemp(prefix="cantrade-bench-")
    ask = [*shlex.split(args.cmd), "ask", args.query, "--json"]
    floor = [sys.executable, "-c", "import typer, rapidfuzz"]
    subprocess.run(ask, stdout=subprocess.DEVNULL, env=env, check=True)  # build the index
    subprocess.run(floor, env=env, check=True)
    asks, floors = [], []
    for _ in range(args.runs):
        floors.append(wall(floor, env))
        asks.append(wall(ask, env))
    a, f = statistics.median(asks), statistics.median(floors)
    print(f"floor  python -c 'import typer, rapidfuzz'  median {f * 1000:6.1f} ms")
    print(f"ask    cantrade ask {args.query!r} --json      median {a * 1000:6.1f} ms")
    print(f"ratio  {a / f:.2f} (target <= 1.50), {args.runs} interleaved runs each")
    shutil.rmtree(env["CANTRADE_CACHE_DIR"], ignore_errors=True)


if __name__ == "__main__":
    main()
