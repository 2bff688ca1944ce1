#!/usr/bin/env python3
"""Learn the topic models (cantrade_cli/data/topic_model.json) from the labelled sets, or measure
them on sets left out of their training.

Usage: python benchmarks/train_topic_model.py [--cv 8] [--exclude holdout62 ...]
The labelled sets: tests/data/topic_labels.json (over the seeds and tests/data/articles) and every
tests/data/holdout*/topic_labels.json. Each labelled sentence that is a fact becomes one example:
what the model reads of the fact (topic_model.features, with the topics the rules give it) and the
reader's topics. One logistic model per bundled topic, learned by stochastic gradient descent in
a fixed order (the same data give the same weights).

--cv K: the sets in K groups; each group's facts are tagged by models learned on the other
groups, and precision and recall are printed for the rules alone and with the models, so that
the figures are for articles the models never saw. Nothing is written.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cantrade_cli.cache import DATA  # noqa: E402
from cantrade_cli.pipeline import Analysers, parse_document  # noqa: E402
from cantrade_cli.read import decode  # noqa: E402
from cantrade_cli.topic_model import (  # noqa: E402
    MODEL_FILE,
    RULE,
    TopicModel,
    features,
    sigmoid,
    to_mapping,
    topics_before,
)

DATA_DIR = ROOT / "tests" / "data"
EPOCHS, RATE, L2 = 8, 0.2, 1e-4
# A feature of fewer sets is learned (it takes in what is peculiar to its set), but not kept.
MIN_SETS = 2
KEEP = 0.1  # a feature whose weights are all smaller than this is left out of the file
SEED = 1


def labelled_sets(
    names: Iterable[str] | None = None, exclude: Iterable[str] = ()
) -> Iterator[tuple[str, Path, list[Path]]]:
    """(name, labels file, corpus folders) of each labelled set: those named, else all but those
    excluded."""
    found = {"tuning": (DATA_DIR / "topic_labels.json", [ROOT / "seeds", DATA_DIR / "articles"])}
    for labels in sorted(DATA_DIR.glob("holdout*/topic_labels.json")):
        found[labels.parent.name] = (labels, [labels.parent / "articles"])
    for name in list(names) if names is not None else [n for n in found if n not in exclude]:
        yield name, *found[name]


Example = tuple[str, list[str], set[str]]  # (set, what a model reads of a fact, its topics)


def examples(sets: Iterable[tuple[str, Path, list[Path]]]) -> list[Example]:
    """One example for every labelled sentence that is a fact, the rules alone tagging it."""
    an = Analysers.build(None)
    an.reread_topics = False
    out = []
    for name, labels_file, folders in sets:
        facts: dict[tuple[str, str], list[list[str]]] = {}
        for folder in folders:
            for path in sorted(folder.glob("*.txt")):
                text, _ = decode(path.name, path.read_bytes())
                parsed = parse_document(path.name, text or "", an)
                befores = topics_before(
                    [p.fact.paragraph for p in parsed], [p.fact.topics for p in parsed]
                )
                for p, before in zip(parsed, befores, strict=True):
                    key = (path.name, " ".join(p.fact.text.split()))
                    facts.setdefault(key, []).append(
                        features(p.tag_terms or p.terms, p.fact.topics, before)
                    )
        for item in json.loads(labels_file.read_text("utf-8"))["sentences"]:
            found = facts.get((item["source"], " ".join(item["text"].split())))
            if found:  # a sentence said twice is paired in document order, as topics.py does
                feats = found.pop(0) if len(found) > 1 else found[0]
                out.append((name, feats, set(item["topics"])))
    return out


def train(data: list[Example], topics: list[str]) -> TopicModel:
    """One logistic model per topic, from the same shuffles."""
    in_sets: dict[str, set[str]] = {}
    for name, feats, _ in data:
        for f in feats:
            in_sets.setdefault(f, set()).add(name)
    weights: dict[str, list[float]] = {}
    bias = [0.0] * len(topics)
    order = list(range(len(data)))
    rng = random.Random(SEED)
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for i in order:
            _, feats, gold = data[i]
            rows = [weights.setdefault(f, [0.0] * len(topics)) for f in feats]
            for k, topic in enumerate(topics):
                z = bias[k] + sum(r[k] for r in rows)
                p = sigmoid(z)
                g = (p - (topic in gold)) * RATE
                bias[k] -= g
                for r in rows:
                    r[k] -= g + L2 * r[k]
    kept = {
        f: tuple(w)
        for f, w in weights.items()
        if len(in_sets[f]) >= MIN_SETS and max(abs(x) for x in w) >= KEEP
    }
    return TopicModel(
        tuple(topics), tuple(bias), kept, sets=tuple(dict.fromkeys(d[0] for d in data))
    )


def scores(data, tagged, topics: list[str]) -> dict[str, tuple[float, float]]:  # type: ignore[no-untyped-def]
    out = {}
    for t in topics:
        tp = fp = fn = 0
        for (_, _, gold), got in zip(data, tagged, strict=True):
            tp += t in got and t in gold
            fp += t in got and t not in gold
            fn += t not in got and t in gold
        out[t] = (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)
    return out


def cross_validate(data, topics: list[str], k: int) -> None:  # type: ignore[no-untyped-def]
    sets = sorted({d[0] for d in data})
    random.Random(SEED).shuffle(sets)
    group = {s: i % k for i, s in enumerate(sets)}
    tagged: list[set[str]] = [set() for _ in data]
    for g in range(k):
        model = train([d for d in data if group[d[0]] != g], topics)
        for i, d in enumerate(data):
            if group[d[0]] == g:
                p = model.probabilities(d[1])
                tagged[i] = {t for t, x in zip(topics, p, strict=True) if x > model.threshold}
    rules = [{f[len(RULE) :] for f in d[1] if f.startswith(RULE)} for d in data]
    before, after = scores(data, rules, topics), scores(data, tagged, topics)
    print(f"{len(data)} labelled facts in {len(sets)} sets, {k} groups left out in turn")
    print(f"{'topic':14} {'rules P / R':>15} {'with the models':>17}")
    for t in topics:
        (p0, r0), (p1, r1) = before[t], after[t]
        print(f"{t:14} {p0:7.3f} / {r0:.3f} {p1:9.3f} / {r1:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--cv", type=int, metavar="K", help="measure on sets left out; write nothing")
    ap.add_argument("--exclude", nargs="*", default=[], help="labelled sets to leave out")
    args = ap.parse_args()
    topics = Analysers.build(None).topics.ids
    data = examples(labelled_sets(exclude=args.exclude))
    if args.cv:
        cross_validate(data, topics, args.cv)
        return
    model = train(data, topics)
    about = (
        "Logistic topic models learned by benchmarks/train_topic_model.py from "
        f"{len(data)} labelled facts of {len({d[0] for d in data})} sets; see topic_model.py."
    )
    path = DATA / MODEL_FILE
    data = to_mapping(model, about)
    weights = data.pop("weights")
    # One feature a line: the file diffs line by line when the models are learned again.
    lines = [json.dumps(data, ensure_ascii=False)[:-1] + ', "weights": {']
    lines += [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}," for k, v in weights.items()]
    lines[-1] = lines[-1].rstrip(",")
    path.write_text("\n".join(lines) + "\n}}\n", encoding="utf-8")
    print(f"{path}: {len(model.weights)} features, from {len(model.sets)} sets")


if __name__ == "__main__":
    main()
