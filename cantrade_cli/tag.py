"""Topic tagging: a lexicon of words and phrases per topic, word-pair rules, and context.

Each topic (data/topics.toml, extended by a user's ``--topics FILE``) has
- ``terms``: words that put a fact in the topic on their own ("tariff", "the USMCA");
- ``pairs``: a word of one list with a word of the other ("trade" ... "$40 billion");
- ``context``: words that put a fact in the topic only when the fact before it in the same
  paragraph is in the topic on its own evidence ("during formal negotiations" after a sentence
  about the USMCA review).
Every tag carries its evidence: the words in the fact that gave it, or the rule.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from .analyze import DATA, Lexicon, Token, default_lexicon
from .errors import TopicsFileError
from .models import Evidence

_TERM, _CONTEXT, _PAIR_A, _PAIR_B = 0, 1, 2, 3


class Topic(NamedTuple):
    id: str
    label: str
    description: str
    terms: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    pairs: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()


class _Pattern(NamedTuple):
    terms: tuple[str, ...]
    topic: int
    kind: int
    pair: int  # index of the pair rule, for _PAIR_A/_PAIR_B


@dataclass
class TopicSet:
    """The topics in force, compiled against a lexicon for fast tagging."""

    topics: list[Topic]
    lexicon: Lexicon
    _index: dict[str, list[_Pattern]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, list[_Pattern]] = {}

        def add(phrase: str, topic: int, kind: int, pair: int = -1) -> None:
            terms = tuple(t for t, _, _ in self.lexicon.tokens(phrase))
            if terms:
                index.setdefault(terms[0], []).append(_Pattern(terms, topic, kind, pair))

        for ti, topic in enumerate(self.topics):
            for phrase in topic.terms:
                add(phrase, ti, _TERM)
            for phrase in topic.context:
                add(phrase, ti, _CONTEXT)
            for pi, (left, right) in enumerate(topic.pairs):
                for phrase in left:
                    add(phrase, ti, _PAIR_A, pi)
                for phrase in right:
                    add(phrase, ti, _PAIR_B, pi)
        self._index = {k: sorted(v, key=lambda p: -len(p.terms)) for k, v in index.items()}

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.topics]

    def resolve(self, name: str) -> str:
        """A topic id from an id or a label, case-insensitive; None if unknown."""
        key = name.strip().casefold()
        for t in self.topics:
            if key in (t.id.casefold(), t.label.casefold()):
                return t.id
        valid = ", ".join(self.ids)
        from .errors import UsageError

        raise UsageError(f"unknown topic {name!r}; valid topics: {valid}")

    def query_topics(self, terms: Sequence[str]) -> set[str]:
        """The topics whose own terms (not context words) appear among a query's terms."""
        found: set[str] = set()
        for i, term in enumerate(terms):
            for p in self._index.get(term, ()):
                if p.kind == _TERM and tuple(terms[i : i + len(p.terms)]) == p.terms:
                    found.add(self.topics[p.topic].id)
        return found

    def tag_document(
        self, texts: Sequence[str], tokens: Sequence[list[Token]], paragraphs: Sequence[int]
    ) -> list[tuple[tuple[str, ...], tuple[Evidence, ...]]]:
        """Topics and evidence for each fact of one document, in document order."""
        results: list[tuple[tuple[str, ...], tuple[Evidence, ...]]] = []
        prev_strong: set[int] = set()
        prev_paragraph = -1
        for text, toks, paragraph in zip(texts, tokens, paragraphs, strict=True):
            found = self._scan(text, toks)
            strong: dict[int, list[Evidence]] = {}
            for (ti, kind, _pi), words in found.items():
                if kind == _TERM:
                    strong.setdefault(ti, []).append(
                        Evidence(self.topics[ti].id, "term", ", ".join(words))
                    )
            pair_rules = {(ti, pi) for (ti, kind, pi) in found if kind == _PAIR_A}
            for ti, pi in sorted(pair_rules):
                right = found.get((ti, _PAIR_B, pi))
                if right and ti not in strong:
                    left = found[(ti, _PAIR_A, pi)]
                    strong.setdefault(ti, []).append(
                        Evidence(
                            self.topics[ti].id, "rule", f"{', '.join(left)} + {', '.join(right)}"
                        )
                    )
            tags = dict(strong)
            if paragraph == prev_paragraph:
                for (ti, kind, _pi), words in found.items():
                    if kind == _CONTEXT and ti not in tags and ti in prev_strong:
                        tags[ti] = [
                            Evidence(
                                self.topics[ti].id,
                                "context",
                                f"{', '.join(words)} (the sentence before is about it)",
                            )
                        ]
            prev_strong = set(strong)
            prev_paragraph = paragraph
            order = sorted(tags)
            results.append(
                (
                    tuple(self.topics[ti].id for ti in order),
                    tuple(ev for ti in order for ev in tags[ti]),
                )
            )
        return results

    def _scan(self, text: str, toks: list[Token]) -> dict[tuple[int, int, int], list[str]]:
        """Every pattern hit in a fact: (topic, kind, pair) -> the words, as written, in order."""
        found: dict[tuple[int, int, int], list[str]] = {}
        index = self._index
        n = len(toks)
        for i, (term, _, _) in enumerate(toks):
            pats = index.get(term)
            if not pats:
                continue
            for p in pats:
                k = len(p.terms)
                if k > 1 and (i + k > n or any(toks[i + j][0] != p.terms[j] for j in range(1, k))):
                    continue
                words = text[toks[i][1] : toks[i + k - 1][2]]
                hits = found.setdefault((p.topic, p.kind, p.pair), [])
                if words not in hits:
                    hits.append(words)
        return found


def _topic_from_table(table: Mapping[str, Any], where: str) -> Topic:
    try:
        tid = str(table["id"]).strip()
        if not tid:
            raise KeyError("id")
        pairs = tuple(
            (tuple(map(str, left)), tuple(map(str, right)))
            for left, right in table.get("pairs", [])
        )
        return Topic(
            id=tid,
            label=str(table.get("label", tid)),
            description=str(table.get("description", "")),
            terms=tuple(map(str, table.get("terms", []))),
            context=tuple(map(str, table.get("context", []))),
            pairs=pairs,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise TopicsFileError(
            f"{where}: each [[topic]] needs an id and lists of words ({exc})"
        ) from exc


def merge_topics(base: list[Topic], extra: Sequence[Topic]) -> list[Topic]:
    """Base topics plus a user's: a repeated id adds words to the topic, a new id adds a topic."""
    by_id = {t.id: t for t in base}
    for t in extra:
        old = by_id.get(t.id)
        if old is None:
            by_id[t.id] = t
        else:
            by_id[t.id] = Topic(
                old.id,
                t.label if t.label != t.id else old.label,
                t.description or old.description,
                old.terms + t.terms,
                old.context + t.context,
                old.pairs + t.pairs,
            )
    return list(by_id.values())


@cache
def _bundled_topics() -> tuple[Topic, ...]:
    text = (DATA / "topics.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return tuple(_topic_from_table(t, "topics.toml") for t in data["topic"])


def read_user_file(path: Path) -> dict[str, Any]:
    """A user's TOML file of topics (and lexicon or gazetteer additions)."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TopicsFileError(f"{path}: no such topics file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TopicsFileError(f"{path}: cannot read topics file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise TopicsFileError(f"{path}: not valid TOML: {exc}") from None


def load_topics(user: Mapping[str, Any] | None = None, lexicon: Lexicon | None = None) -> TopicSet:
    """The bundled topics, plus a user's ``[[topic]]`` tables if given."""
    topics = list(_bundled_topics())
    if user:
        tables = user.get("topic", [])
        if not isinstance(tables, list):
            raise TopicsFileError("topics file: 'topic' must be an array of tables ([[topic]])")
        topics = merge_topics(topics, [_topic_from_table(t, "topics file") for t in tables])
    return TopicSet(topics, lexicon or default_lexicon())
