#!/usr/bin/env python3
"""cantrade at scale: a deterministic synthetic corpus of N facts, then in one run the index build
rate, `ask` wall time (an exact, a misspelled and a question query: medians), peak memory of each
`ask`, and ripgrep over the same files as the anchor.

Usage: python benchmarks/scale.py --facts 1000000 [--runs 5] [--keep DIR] [--cmd cantrade]
Targets (SPEC): build >= 20,000 facts/s on 2 cores; each ask median <= 250 ms, peak <= 300 MB.

The corpus: files of about 100 facts, paragraphs of 2 to 6 sentences, sentences built from news
templates over real trade vocabulary (at news-like frequencies: "Mexico" in many facts, "steel" in
few), names, figures and dates, plus a long tail of 20,000 made-up words, so that no sentence
repeats and the vocabulary keeps growing with the corpus as real text does.
"""

from __future__ import annotations

import argparse
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FACTS_PER_FILE = 100
QUERIES = {
    "exact": "steel tariff",
    "misspelled": "stel tarif",
    "question": "how much did canada export to mexico",
}

SUBJECTS = [
    "Canada",
    "Mexico",
    "The United States",
    "Washington",
    "Ottawa",
    "Mexico City",
    "The Canadian government",
    "Mexican officials",
    "U.S. negotiators",
    "Industry groups",
    "Analysts",
    "The ministry",
    "Provincial leaders",
    "Exporters",
    "Automakers",
    "Farmers",
]
VERBS = [
    "announced",
    "raised",
    "cut",
    "reviewed",
    "defended",
    "criticized",
    "welcomed",
    "proposed",
    "rejected",
    "delayed",
    "expanded",
    "suspended",
    "negotiated",
    "extended",
]
MEASURES = [
    "tariffs",
    "duties",
    "levies",
    "quotas",
    "export permits",
    "inspection rules",
    "subsidies",
    "investment screening",
    "rules of origin",
    "border checks",
    "security cooperation",
    "customs procedures",
    "procurement rules",
    "price controls",
]
PRODUCTS = [
    "steel",
    "aluminum",
    "lumber",
    "dairy",
    "auto parts",
    "vehicles",
    "crude oil",
    "natural gas",
    "electricity",
    "canola",
    "pork",
    "beef",
    "avocados",
    "tomatoes",
    "berries",
    "wheat",
    "pharmaceuticals",
    "semiconductors",
    "fertilizer",
    "copper",
]
REASONS = [
    "ahead of the 2026 USMCA review",
    "after talks in Ottawa",
    "citing fentanyl trafficking",
    "amid concerns over supply chains",
    "to protect domestic jobs",
    "following a dispute panel",
    "as trade between the two countries grew",
    "despite objections from business groups",
    "to curb irregular migration at the border",
    "under pressure from Washington",
]
PEOPLE = [
    "Mark Carney",
    "Claudia Sheinbaum",
    "Marcelo Ebrard",
    "Dominic LeBlanc",
    "Jane Doe",
    "Carlos Ruiz",
    "Ana Lopez",
    "Peter Grant",
    "Maria Santos",
    "John Smith",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
CITIES = ["Ottawa", "Mexico City", "Washington", "Monterrey", "Toronto"]
DOCUMENTS = ["plan", "report", "proposal", "agreement", "survey"]
SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "ten",
    "sul",
    "bar",
    "vo",
    "li",
    "dex",
    "qua",
    "nor",
    "pel",
    "tri",
    "zan",
    "gor",
    "fi",
    "mun",
    "sa",
    "ver",
    "hol",
    "tas",
    "ple",
    "cor",
    "wen",
]


def tail_words(rng: random.Random, n: int = 20_000) -> list[str]:
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def sentence(rng: random.Random, tail: list[str]) -> str:
    filler = " ".join(rng.choice(tail) for _ in range(rng.randint(2, 6)))
    kind = rng.random()
    if kind < 0.30:
        return (
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(MEASURES)} on "
            f"{rng.choice(PRODUCTS)} {rng.choice(REASONS)}, according to {filler} reports."
        )
    if kind < 0.50:
        value = rng.randint(2, 900) / 10
        return (
            f"Exports of {rng.choice(PRODUCTS)} from {rng.choice(['Canada', 'Mexico'])} to "
            f"{rng.choice(['the United States', 'Mexico', 'Canada'])} reached ${value} billion "
            f"in {rng.randint(2019, 2026)}, {rng.choice(['up', 'down'])} "
            f"{rng.randint(1, 40)} per cent, said {rng.choice(PEOPLE)} of the {filler} council."
        )
    if kind < 0.65:
        return (
            f"{rng.choice(PEOPLE)} met {rng.choice(PEOPLE)} in {rng.choice(CITIES)} "
            f"on {rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2020, 2026)}, to "
            f"discuss {rng.choice(MEASURES)} and {filler}."
        )
    if kind < 0.80:
        return (
            f"The {filler} sector warned that a {rng.randint(5, 60)}% tariff on "
            f"{rng.choice(PRODUCTS)} would cost {rng.randint(1, 90)} thousand jobs over "
            f"{rng.choice(['two', 'three', 'five', 'ten'])} years."
        )
    return (
        f"{filler.capitalize()} {rng.choice(VERBS)} the {rng.choice(DOCUMENTS)} "
        f"on {rng.choice(PRODUCTS)} and {rng.choice(PRODUCTS)} {rng.choice(REASONS)}."
    )


def generate(folder: Path, n_facts: int, seed: int = 20251218) -> int:
    rng = random.Random(seed)
    tail = tail_words(rng)
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    file_no = 0
    while written < n_facts:
        lines, k = [], min(FACTS_PER_FILE, n_facts - written)
        while k > 0:
            m = min(k, rng.randint(2, 6))
            lines.append(" ".join(sentence(rng, tail) for _ in range(m)))
            k -= m
        (folder / f"doc{file_no:06d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        written += min(FACTS_PER_FILE, n_facts - written)
        file_no += 1
    return file_no


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, int, int, str]:
    """(wall seconds, peak RSS in KB, exit status, stdout) of one whole process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss, proc.returncode, out.decode("utf-8", "replace")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--facts", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="generate the corpus here and keep it (and reuse it)")
    exe = shutil.which("cantrade", path=str(Path(sys.executable).parent)) or "cantrade"
    ap.add_argument("--cmd", default=exe)
    args = ap.parse_args()
    cmd = shlex.split(args.cmd)
    work = Path(tempfile.mkdtemp(prefix="cantrade-scale-"))
    corpus = args.keep or work / "corpus"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CANTRADE_CORPUS", "PYTHONDONTWRITEBYTECODE")
    }
    env["CANTRADE_CACHE_DIR"] = str(work / "cache")
    if not (corpus.is_dir() and any(corpus.iterdir())):
        t0 = time.perf_counter()
        files = generate(corpus, args.facts)
        took = time.perf_counter() - t0
        print(f"corpus   {args.facts:,} facts in {files:,} files generated in {took:.1f} s")
    size = sum(f.stat().st_size for f in corpus.iterdir())
    print(f"corpus   {corpus} ({size / 1e6:.0f} MB)")

    wall, rss, code, out = timed([*cmd, "index", "--corpus", str(corpus), "--json"], env)
    if code != 0:
        raise SystemExit(f"index failed with exit status {code}")
    import json

    built = json.loads(out)
    n, db_mb = built["facts"], Path(built["index"]).stat().st_size / 1e6
    print(
        f"build    {n:,} facts in {wall:.1f} s wall: {n / wall:,.0f} facts/s (target >= 20,000), "
        f"peak {rss / 1024:.0f} MB, index {db_mb:.0f} MB"
    )

    rg = shutil.which("rg")
    print(f"{'query':12} {'text':40} {'median':>9} {'peak':>8} {'results':>8}   ripgrep median")
    for name, q in QUERIES.items():
        walls, peaks = [], []
        total = 0
        for _ in range(args.runs):
            w, r, code, out = timed([*cmd, "ask", q, "--json", "--corpus", str(corpus)], env)
            if code not in (0, 1):
                raise SystemExit(f"ask {q!r} failed with exit status {code}")
            walls.append(w)
            peaks.append(r)
            total = json.loads(out)["total"]
        anchor = "-"
        if rg:
            words = q.split()
            pattern = words[0] if name != "question" else "export"
            rg_walls = [
                timed([rg, "-i", "-c", pattern, str(corpus)], env)[0] for _ in range(args.runs)
            ]
            anchor = f"{statistics.median(rg_walls) * 1000:.0f} ms (rg -i -c {pattern})"
        median_ms, peak_mb = statistics.median(walls) * 1000, max(peaks) / 1024
        print(f"{name:12} {q!r:40} {median_ms:6.0f} ms {peak_mb:5.0f} MB {total:8,}   {anchor}")
    print(
        "targets: each ask median <= 250 ms, peak <= 300 MB"
        + ("" if rg else "; ripgrep not installed, no anchor")
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
