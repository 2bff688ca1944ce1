#!/usr/bin/env python3
"""Figures and names against a careful reader's list, on articles the extractor was not written for.

Usage: python benchmarks/figures.py [--labels FILE] [--corpus DIR] [-v]
The labels file (default: tests/data/holdout3/figures.json) lists facts (source, exact text) with
every figure ({kind, value, unit}) and every name ({kind, name}) a reader finds in them. Prints,
per figure kind, how many of the reader's figures cantrade finds with the same value (and unit,
for money) and how many it gives that the reader did not list; then the same for names, by
canonical name, and by name and kind. Counts ("640 people"), which the reader does not list, are
left out of the comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "data" / "holdout3"


def _figure_key(kind: str, value: object, unit: object) -> tuple:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = round(float(value), 6)
    return (kind, value, unit if kind == "money" else None)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--labels", type=Path, default=DEFAULT / "figures.json")
    ap.add_argument("--corpus", type=Path, default=DEFAULT / "articles")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the differences")
    args = ap.parse_args()
    cache = tempfile.TemporaryDirectory(prefix="cantrade-figures-")  # removed when main returns
    os.environ["CANTRADE_CACHE_DIR"] = cache.name
    from cantrade_cli.index import open_index

    index = open_index(args.corpus)
    facts = {(f.source, " ".join(f.text.split())): f for f in index.facts()}
    labels = json.loads(args.labels.read_text("utf-8"))["facts"]
    gold_n, found_n, extra_n = Counter(), Counter(), Counter()
    names = Counter()
    missing = 0
    for item in labels:
        fact = facts.get((item["source"], " ".join(item["text"].split())))
        if fact is None:
            missing += 1
            print(f"  not a fact here: {item['source']}: {item['text'][:70]}", file=sys.stderr)
            continue
        kinds = {g["kind"] for g in item["figures"]} | {"percent", "money", "date", "weekday"}
        gold = Counter(_figure_key(g["kind"], g["value"], g.get("unit")) for g in item["figures"])
        ours = Counter(
            _figure_key(f.kind, f.value, f.unit) for f in fact.figures if f.kind in kinds
        )
        for key, n in gold.items():
            gold_n[key[0]] += n
            found_n[key[0]] += min(n, ours[key])
        for key, n in (ours - gold).items():
            extra_n[key[0]] += n
        if args.verbose:
            for key in (gold - ours).elements():
                print(f"  missed {key}: {fact.id}: {fact.text[:80]}", file=sys.stderr)
            for key in (ours - gold).elements():
                print(f"  extra  {key}: {fact.id}: {fact.text[:80]}", file=sys.stderr)
        gold_names = {e["name"] for e in item["entities"]}
        gold_kinds = {(e["name"], e["kind"]) for e in item["entities"]}
        our_names = {e.name for e in fact.entities}
        our_kinds = {(e.name, e.kind) for e in fact.entities}
        names["gold"] += len(gold_names)
        names["found"] += len(gold_names & our_names)
        names["found_kind"] += len(gold_kinds & our_kinds)
        names["extra"] += len(our_names - gold_names)
        if args.verbose:
            for name in sorted(gold_names - our_names):
                print(f"  missed name {name!r}: {fact.id}: {fact.text[:70]}", file=sys.stderr)
            for name in sorted(our_names - gold_names):
                print(f"  extra  name {name!r}: {fact.id}: {fact.text[:70]}", file=sys.stderr)
    print(f"{len(labels) - missing} labelled facts ({missing} not found as facts)")
    print(f"{'figure kind':12} {'found':>9} {'extra':>6}")
    for kind in sorted(gold_n):
        print(f"{kind:12} {found_n[kind]:>4}/{gold_n[kind]:<4} {extra_n[kind]:>6}")
    total, found = sum(gold_n.values()), sum(found_n.values())
    print(f"{'all':12} {found:>4}/{total:<4} {sum(extra_n.values()):>6}")
    print(
        f"names: {names['found']}/{names['gold']} found by canonical name, "
        f"{names['found_kind']}/{names['gold']} with the same kind, {names['extra']} extra"
    )


if __name__ == "__main__":
    main()
