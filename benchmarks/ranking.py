#!/usr/bin/env python3
"""Ranking quality of cantrade against a BM25 anchor (rank_bm25), same facts, same queries.

Usage: python benchmarks/ranking.py [QUERY_FILE CORPUS_DIR ...] [-v]
Default: the dev queries (../shared/eval/dev_queries.json) over the bundled seeds, and
benchmarks/queries.json over the seeds plus tests/data/articles. Metrics as ../shared/eval/score.py:
MRR@10, Hit@1, Recall@5 over the queries, and how many negatives return nothing.
The BM25 anchor tokenises on word characters in lower case and returns the facts scoring above 0.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

Ranker = Callable[[str], list[tuple[str, str]]]


def norm(text: str) -> str:
    return " ".join(text.split())


def metrics(spec: dict, rank: Ranker, verbose: bool, label: str) -> str:
    mrr = hit1 = rec5 = 0.0
    for item in spec["queries"]:
        relevant = {(Path(r["source"]).name, norm(r["text"])) for r in item["relevant"]}
        ranked = rank(item["q"])[:10]
        rr = next((1 / (i + 1) for i, r in enumerate(ranked) if r in relevant), 0.0)
        mrr += rr
        hit1 += rr == 1.0
        found5 = len(relevant & set(ranked[:5]))
        rec5 += found5 / len(relevant)
        if verbose and rr < 1.0:
            top = ranked[0][1][:80] if ranked else "-"
            print(f"    {label} miss {item['q']!r}: rr {rr:.2f}; top: {top}", file=sys.stderr)
        elif verbose and found5 < len(relevant):
            print(
                f"    {label} short {item['q']!r}: {found5}/{len(relevant)} in the top 5",
                file=sys.stderr,
            )
    negs = spec.get("negative", [])
    neg_ok = 0
    for q in negs:
        got = rank(q)
        neg_ok += not got
        if verbose and got:
            print(f"    {label} negative {q!r} returned: {got[0][1][:80]}", file=sys.stderr)
    n = len(spec["queries"])
    return (
        f"MRR@10 {mrr / n:.3f}  Hit@1 {hit1 / n:.3f}  Recall@5 {rec5 / n:.3f}  "
        f"negatives {neg_ok}/{len(negs)}"
    )


def cantrade_ranker(corpus: Path) -> Ranker:
    from cantrade_cli.index import open_index
    from cantrade_cli.search import search

    index = open_index(corpus)

    def rank(q: str) -> list[tuple[str, str]]:
        return [(Path(h.fact.source).name, norm(h.fact.text)) for h in search(index, q).hits]

    return rank


def bm25_ranker(corpus: Path) -> Ranker:
    from rank_bm25 import BM25Okapi

    from cantrade_cli.index import open_index

    facts = [(Path(f.source).name, norm(f.text)) for f in open_index(corpus).facts()]

    def tok(s: str) -> list[str]:
        return re.findall(r"\w+", s.lower())

    bm25 = BM25Okapi([tok(t) for _, t in facts])

    def rank(q: str) -> list[tuple[str, str]]:
        scores = bm25.get_scores(tok(q))
        order = sorted(range(len(facts)), key=lambda i: -scores[i])
        return [facts[i] for i in order if scores[i] > 0][:10]

    return rank


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("pairs", nargs="*", help="QUERY_FILE CORPUS_DIR pairs")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the misses")
    args = ap.parse_args()
    cache = tempfile.TemporaryDirectory(prefix="cantrade-ranking-")  # removed when main returns
    os.environ["CANTRADE_CACHE_DIR"] = cache.name
    scratch = tempfile.TemporaryDirectory(prefix="cantrade-corpus-")  # removed when main returns
    work = Path(scratch.name)
    if args.pairs:
        if len(args.pairs) % 2:
            ap.error("give QUERY_FILE CORPUS_DIR pairs")
        runs = [(Path(q), Path(c)) for q, c in zip(args.pairs[::2], args.pairs[1::2], strict=True)]
    else:
        mixed = work / "seeds_and_articles"
        mixed.mkdir()
        for folder in (ROOT / "seeds", ROOT / "tests" / "data" / "articles"):
            for f in folder.glob("*.txt"):
                shutil.copy(f, mixed / f.name)
        runs = [
            (SHARED / "eval" / "dev_queries.json", ROOT / "seeds"),
            (ROOT / "benchmarks" / "queries.json", mixed),
        ]
    for qfile, corpus in runs:
        spec = json.loads(qfile.read_text("utf-8"))
        print(
            f"{qfile.name}: {len(spec['queries'])} queries, {len(spec.get('negative', []))} "
            f"negatives, corpus {corpus.name}"
        )
        print(f"  cantrade  {metrics(spec, cantrade_ranker(corpus), args.verbose, 'cantrade')}")
        print(f"  BM25      {metrics(spec, bm25_ranker(corpus), args.verbose, 'bm25')}")


if __name__ == "__main__":
    main()
