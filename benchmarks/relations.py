#!/usr/bin/env python3
"""Corroboration and conflicts against a careful reader's links (tests/data/relations.json).

Usage: python benchmarks/relations.py [--labels FILE] [--corpus DIR] [--between A B]
Prints, over the pairs `cantrade show` would list between different sources of the corpus (default:
the bundled seeds): how many of the reader's clear links are listed (recall), how many listed
pairs the reader accepts (clear or debatable: precision), and which labelled conflicts are found.
With --between, only pairs of a file whose name starts with A and one whose name starts with B:
the held-out readers labelled every pair of their two reports of one event, and only those.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--labels", type=Path, default=ROOT / "tests" / "data" / "relations.json")
    ap.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    ap.add_argument("--between", nargs=2, metavar=("A", "B"), help="two file-name prefixes")
    args = ap.parse_args()
    cache = tempfile.TemporaryDirectory(prefix="cantrade-relations-")  # removed when main returns
    os.environ["CANTRADE_CACHE_DIR"] = cache.name
    from cantrade_cli.compare import relate
    from cantrade_cli.index import open_index

    index = open_index(args.corpus)
    facts = list(index.facts())
    by_text = {(f.source, f.text): f.id for f in facts}
    labels = json.loads(args.labels.read_text("utf-8"))

    def pair(item: dict) -> frozenset[str] | None:
        a = by_text.get((item["a"]["source"], item["a"]["text"]))
        b = by_text.get((item["b"]["source"], item["b"]["text"]))
        return frozenset((a, b)) if a and b else None

    clear = {p for c in labels["corroborations"] if c["strength"] == "clear" and (p := pair(c))}
    accepted = {p for c in labels["corroborations"] if (p := pair(c))}
    wrong = {p for c in labels.get("must_not_link", []) if (p := pair(c))}
    conflicts = {p for c in labels.get("conflicts", []) if (p := pair(c))}

    def counted(p: frozenset[str]) -> bool:
        if not args.between:
            return True
        sa, sb = (index.fact(i).source for i in sorted(p))
        pa, pb = args.between
        return any(x.startswith(pa) and y.startswith(pb) for x, y in ((sa, sb), (sb, sa)))

    clear, accepted, wrong, conflicts = (
        {p for p in s if counted(p)} for s in (clear, accepted, wrong, conflicts)
    )
    listed: set[frozenset[str]] = set()
    found_conflicts: dict[frozenset[str], set[str]] = {}
    for f in facts:
        rel = relate(index, f, limit=50)
        listed.update(frozenset((f.id, c.fact.id)) for c in rel.corroborated_by)
        for c in rel.conflicts:
            found_conflicts.setdefault(frozenset((f.id, c.fact.id)), set()).add(f.id)
    listed = {p for p in listed if counted(p)}
    found_conflicts = {p: s for p, s in found_conflicts.items() if counted(p)}
    between = f" between {' and '.join(args.between)}" if args.between else ""
    print(
        f"corpus {args.corpus.name}: {len(facts)} facts,"
        f" {len(listed)} corroborating pairs listed{between}"
    )
    print(f"  recall of clear links      {len(listed & clear)}/{len(clear)}")
    print(f"  recall of all links        {len(listed & accepted)}/{len(accepted)}")
    print(f"  precision (reader accepts) {len(listed & accepted)}/{len(listed)}")
    print(f"  must-not-link pairs listed {len(listed & wrong)}/{len(wrong)}")
    for p in conflicts:
        sides = found_conflicts.get(p, set())
        print(f"  labelled conflict {' / '.join(sorted(p))}: listed from {len(sides)} of 2 sides")
    others = set(found_conflicts) - conflicts
    print(f"  other conflicts listed     {len(others)}")


if __name__ == "__main__":
    main()
