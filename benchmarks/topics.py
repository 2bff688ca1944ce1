#!/usr/bin/env python3
"""Topic tags against a careful reader's labels: precision and recall per topic.

Usage: python benchmarks/topics.py [--labels tests/data/topic_labels.json] [--corpus DIR ...] [-v]
The labels file lists sentences (source, exact text, topics); every corpus folder given (default:
the bundled seeds and tests/data/articles) is indexed in a temporary cache.
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


def evaluate(labels_file: Path, corpora: list[Path], verbose: bool = False) -> dict[str, tuple]:
    cache = tempfile.TemporaryDirectory(prefix="cantrade-topics-")  # removed when evaluate returns
    os.environ["CANTRADE_CACHE_DIR"] = cache.name
    from cantrade_cli.index import open_index

    labels = json.loads(labels_file.read_text("utf-8"))["sentences"]
    # A sentence may occur more than once in a file ("No." in a Q&A): its labels and its facts
    # are paired in document order.
    predicted: dict[tuple[str, str], list[set[str]]] = {}
    topic_ids: list[str] = []
    for corpus in corpora:
        index = open_index(corpus)
        topic_ids = index.analysers.topics.ids
        for f in index.facts():
            key = (Path(f.source).name, " ".join(f.text.split()))
            predicted.setdefault(key, []).append(set(f.topics))
    counts = {t: [0, 0, 0] for t in topic_ids}  # true positives, false positives, false negatives
    labelled = Counter((item["source"], " ".join(item["text"].split())) for item in labels)
    for key, n in labelled.items():
        if key in predicted and len(predicted[key]) != n:
            print(
                f"  {key[0]}: {key[1][:50]!r} labelled {n} times, a fact {len(predicted[key])}"
                " times: paired in order as far as they go",
                file=sys.stderr,
            )
    missing = 0
    for item in labels:
        key = (item["source"], " ".join(item["text"].split()))
        if key not in predicted:
            missing += 1
            print(
                f"  not a fact here (segmentation differs): {key[0]}: {key[1][:70]}",
                file=sys.stderr,
            )
            continue
        seen = predicted[key]
        got = seen.pop(0) if len(seen) > 1 else seen[0]
        gold = set(item["topics"])
        for t in topic_ids:
            if t in got and t in gold:
                counts[t][0] += 1
            elif t in got:
                counts[t][1] += 1
                if verbose:
                    print(f"  extra {t}: {key[0]}: {key[1][:100]}", file=sys.stderr)
            elif t in gold:
                counts[t][2] += 1
                if verbose:
                    print(f"  missed {t}: {key[0]}: {key[1][:100]}", file=sys.stderr)
    out = {}
    for t, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        out[t] = (p, r, tp, fp, fn)
    print(f"{len(labels)} labelled sentences, {missing} not found as facts")
    print(f"{'topic':14} precision  recall   tp  fp  fn")
    for t, (p, r, tp, fp, fn) in out.items():
        print(f"{t:14} {p:9.3f} {r:7.3f} {tp:4d} {fp:3d} {fn:3d}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--labels", type=Path, default=ROOT / "tests" / "data" / "topic_labels.json")
    ap.add_argument("--corpus", type=Path, action="append")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every wrong tag")
    args = ap.parse_args()
    corpora = args.corpus or [ROOT / "seeds", ROOT / "tests" / "data" / "articles"]
    evaluate(args.labels, corpora, args.verbose)


if __name__ == "__main__":
    main()
