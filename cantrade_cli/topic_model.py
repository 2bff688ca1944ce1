"""A second reading of the rules' topics: one logistic model per bundled topic.

The rules (tag.py) see a word or a pair of words at a time. A careful reader weighs the whole
sentence: "Mexican crushers have been a lifeline this year" is about trade to them, and "trade
pact" in a heading is not an amount traded. Each model reads a fact's index terms, its pairs of
neighbouring terms, the topics the rules gave it and the fact before it, and says how likely a
reader is to tag the fact with its topic; a fact has the topic when that is more likely than not.

The weights are data (``data/topic_model.json``), learned from the labelled sets in
``tests/data`` by ``benchmarks/train_topic_model.py``, which also measures the models on sets
left out of their training. A model reads the rules' output, so it is learned again whenever the
rules or the lexicon change (a test learns them again and compares).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import pairwise
from typing import Any

from .analyze import Token
from .cache import DATA, data_key, load_derived
from .models import Evidence

MODEL_FILE = "topic_model.json"
RULE, BEFORE = "rule=", "before="  # feature names for the rules' topics, not words
_NUMBER = "#"
_EVIDENCE_WORDS = 3  # the words named in a tag's evidence: those that weighed most for it


def features(terms: Sequence[str], own: Iterable[str], before: Iterable[str]) -> list[str]:
    """What a model reads of a fact: its terms, its pairs of neighbouring terms ("trade pact"),
    the topics the rules gave it, and those they gave the fact before it; a word said twice
    counts twice. A number is read as "#", any number: which one an article gives says nothing
    of what it is about."""
    terms = [_NUMBER if t[:1].isdigit() else t for t in terms]
    out = [*terms, *(f"{a} {b}" for a, b in pairwise(terms))]
    out += [RULE + t for t in own]
    out += [BEFORE + t for t in before]
    return out


def topics_before(
    paragraphs: Sequence[int], topics: Sequence[tuple[str, ...]]
) -> list[tuple[str, ...]]:
    """For each fact of a document, the rules' topics of the fact before it in the same
    paragraph (as the rules read it), or none for a paragraph's first fact."""
    out: list[tuple[str, ...]] = []
    for i, pno in enumerate(paragraphs):
        out.append(topics[i - 1] if i and paragraphs[i - 1] == pno else ())
    return out


@dataclass(frozen=True)
class TopicModel:
    topics: tuple[str, ...]  # the topics modelled, in the order of each weight tuple
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float = 0.5
    sets: tuple[str, ...] = ()  # the labelled sets it was learned from

    def probabilities(self, feats: Iterable[str]) -> list[float]:
        get = self.weights.get
        rows = [w for f in feats if (w := get(f)) is not None]
        return [sigmoid(z) for z in self._add(rows)]

    def _add(self, rows: list[tuple[float, ...]]) -> list[float]:
        """The bias plus the weights of the features a fact has (a row each), per topic."""
        if not rows:
            return list(self.bias)
        return [b + s for b, s in zip(self.bias, map(sum, zip(*rows, strict=True)), strict=True)]

    @cached_property
    def _by_term(self) -> dict[str, tuple[tuple[float, ...] | None, dict[str, tuple[float, ...]]]]:
        """Each term's own weights (or None) and the weights of the pairs it starts, by the
        pair's second term: one lookup a term reads both (most pairs are no feature)."""
        table: dict[str, tuple[tuple[float, ...] | None, dict[str, tuple[float, ...]]]] = {}
        for k, w in self.weights.items():
            if "=" in k:
                continue
            if " " in k:
                a, b = k.split(" ")
                table.setdefault(a, (self.weights.get(a), {}))[1][b] = w
            else:
                table.setdefault(k, (w, {}))
        return table

    def sums(self, terms: Sequence[str], own: Iterable[str], before: Iterable[str]) -> list[float]:
        """What ``probabilities(features(terms, own, before))`` gives, before the sigmoid: the
        same features, read in one pass (this runs for every fact indexed)."""
        get, table = self.weights.get, self._by_term.get
        rows = [w for t in own if (w := get(RULE + t)) is not None]
        rows += [w for t in before if (w := get(BEFORE + t)) is not None]
        add = rows.append
        nexts: dict[str, tuple[float, ...]] = {}  # the pairs the term before starts
        for t in terms:
            entry = table(t)
            if entry is None and t[:1].isdigit():
                t = _NUMBER
                entry = table(t)
            if nexts and (w := nexts.get(t)) is not None:
                add(w)
            if entry is None:
                nexts = {}
                continue
            w, nexts = entry
            if w is not None:
                add(w)
        return self._add(rows)

    def why(self, terms: Sequence[str], own: Iterable[str], before: Iterable[str], topic: int,
            p: float, text: str, toks: Sequence[Token]) -> str:  # fmt: skip
        """The evidence of a tag the model adds: the words that weighed most for it, as the fact
        writes them (a pair from its first word to its second, "Trade across the border")."""
        best = sorted(
            (
                (w[topic], f)
                for f in set(features(terms, own, before))
                if (w := self.weights.get(f)) is not None
                and w[topic] > 0
                and "=" not in f
                and _NUMBER not in f
            ),
            reverse=True,
        )[:_EVIDENCE_WORDS]
        spans: dict[str, str] = {}
        for i, (t, start, end) in enumerate(toks):
            spans.setdefault(t, text[start:end])
            if i + 1 < len(toks):
                spans.setdefault(f"{t} {toks[i + 1][0]}", text[start : toks[i + 1][2]])
        named = ", ".join(spans.get(f, f) for _, f in best)
        return f"the topic model ({p:.2f}): {named or 'the sentence as a whole'}"

    def reread(
        self,
        texts: Sequence[str],
        tokens: Sequence[Sequence[Token]],
        terms: Sequence[Sequence[str]],
        paragraphs: Sequence[int],
        tags: Sequence[tuple[tuple[str, ...], tuple[Evidence, ...]]],
        modelled: frozenset[str],
        order: Sequence[str],
    ) -> list[tuple[tuple[str, ...], tuple[Evidence, ...]]]:
        """Each fact's topics and evidence after the models' reading (one document, in order).

        Only the ``modelled`` topics change; ``order`` is every topic id in its tagging order,
        in which a fact's topics and evidence are listed; ``terms``, each fact's tokens' terms.
        The fact before is read only in the same paragraph, as the rules read it."""
        out: list[tuple[tuple[str, ...], tuple[Evidence, ...]]] = []
        rank = {t: i for i, t in enumerate(order)}
        cut = math.log(self.threshold / (1 - self.threshold))  # the sum at the threshold
        befores = topics_before(paragraphs, [own for own, _ in tags])
        for text, toks, fact_terms, before, (own, evidence) in zip(
            texts, tokens, terms, befores, tags, strict=True
        ):
            sums = self.sums(fact_terms, own, before)
            keep = [t for t in own if t not in modelled]
            added: list[Evidence] = []
            for i, (topic, z) in enumerate(zip(self.topics, sums, strict=True)):
                if topic not in modelled or z <= cut:
                    continue
                keep.append(topic)
                if topic not in own:
                    why = self.why(fact_terms, own, before, i, sigmoid(z), text, toks)
                    added.append(Evidence(topic, "rule", why))
            if set(keep) == set(own):
                out.append((own, evidence))
                continue
            kept = sorted(keep, key=rank.__getitem__)
            evs = [e for e in (*evidence, *added) if e.topic in keep]
            evs.sort(key=lambda e: rank[e.topic])  # stable: a topic's own evidence stays first
            out.append((tuple(kept), tuple(evs)))
        return out


def sigmoid(z: float) -> float:
    """The logistic function, its argument held in [-30, 30] (no overflow; as learned)."""
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def bundled_model() -> TopicModel | None:
    """The bundled models, or None when the data file is absent (a build without them). Read
    from a marshal copy in the cache: the JSON costs a parse about 70 ms, on every run (and in
    every worker) that parses a file."""
    path = DATA / MODEL_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    fields = ("topics", "bias", "weights", "threshold", "sets")

    def parse() -> dict[str, Any]:
        data = json.loads(raw)
        return {k: data[k] for k in fields}

    return from_mapping(load_derived("topic-model", data_key(raw), fields, parse))


def from_mapping(data: Mapping[str, Any]) -> TopicModel:
    return TopicModel(
        topics=tuple(data["topics"]),
        bias=tuple(data["bias"]),
        weights={k: tuple(v) for k, v in data["weights"].items()},
        threshold=float(data["threshold"]),
        sets=tuple(data["sets"]),
    )


def to_mapping(model: TopicModel, about: str) -> dict[str, Any]:
    return {
        "about": about,
        "topics": list(model.topics),
        "threshold": model.threshold,
        "sets": list(model.sets),
        "bias": [round(b, 4) for b in model.bias],
        "weights": {k: [round(x, 4) for x in v] for k, v in sorted(model.weights.items())},
    }
