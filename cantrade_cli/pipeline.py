"""One document through the stages: paragraphs -> sentences -> tokens -> figures -> topics, names.

``Analysers`` bundles what the stages need (lexicon, topics, gazetteer) so that an index build can
hand the same set to worker processes; ``parse_document`` is a pure function of the text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .analyze import Lexicon, Token, lexicon_for
from .errors import TopicsFileError
from .models import Fact, Figure
from .tag import TopicSet, load_topics

if TYPE_CHECKING:
    from .extract import Gazetteer
    from .topic_model import TopicModel


class Analysers:
    """The bundled analysers, extended by a user's topics file (already parsed TOML).

    Each is built on first use: a query needs the lexicon and topics, only parsing needs the
    gazetteer (whose big name regex costs more than the rest of a query).
    """

    def __init__(self, user: Mapping[str, Any] | None = None) -> None:
        self.user = user
        # The topic models' second reading of the rules' topics (off to learn them again).
        self.reread_topics = True

    @classmethod
    def build(cls, user: Mapping[str, Any] | None = None) -> Analysers:
        return cls(user)

    @cached_property
    def lexicon(self) -> Lexicon:
        with _user_data("word lists"):
            return lexicon_for(self.user)

    @cached_property
    def topics(self) -> TopicSet:
        with _user_data("[[topic]] tables"):
            return load_topics(self.user, self.lexicon)

    @cached_property
    def topic_model(self) -> tuple[TopicModel, frozenset[str]] | None:
        """The bundled topic models, with the topics they may change: those the user's file
        leaves as bundled (a model learned the bundled rules, not a user's words)."""
        from .topic_model import bundled_model

        model = bundled_model()
        if model is None:
            return None
        modelled = frozenset(model.topics) & self.topics.bundled_ids
        return (model, modelled) if modelled else None

    @cached_property
    def names(self) -> dict[str, list[tuple[str, ...]]]:
        """One-word names of entities and all the names of what they name (a query's check)."""
        from .extract import names_by_word

        with _user_data("[[entity]] tables"):
            return names_by_word(self.user)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        from .extract import load_gazetteer

        with _user_data("[[entity]] tables"):
            return load_gazetteer(dict(self.user) if self.user and "entity" in self.user else None)


@contextmanager
def _user_data(what: str) -> Iterator[None]:
    """A user's topics file of the wrong shape is their error, said in one line (exit 2)."""
    try:
        yield
    except TopicsFileError:
        raise
    except (TypeError, AttributeError, ValueError, KeyError, OverflowError) as exc:
        raise TopicsFileError(
            f"topics file: its {what} do not have the expected shape ({exc})"
        ) from None


@dataclass
class ParsedFact:
    fact: Fact
    terms: list[str]
    # A table row's header words that the row does not have itself ("rating" for "State of
    # Guanajuato | BBB+ | Stable" under "Issuer | Rating | Outlook").
    header: list[str] = field(default_factory=list)
    # The terms the topic rules and models read, where they differ from ``terms`` (a share in
    # words, "a fifth", read as "percent"); None where they are the same.
    tag_terms: list[str] | None = None


def parse_document(name: str, text: str, an: Analysers) -> list[ParsedFact]:
    """The facts of one document, with their index terms, topics, figures and names."""
    from .extract import date_years, extract_entities, extract_figures, resolve_people
    from .segment import list_bullet, segment_paragraph, split_paragraphs

    spans: list[tuple[int, int, int]] = []  # (paragraph, start, end)
    items: list[bool] = []  # whether the fact's line opens with a list's bullet or number
    lines: list[str] = []  # each fact as written, with the bullet its text leaves out
    for pno, (pstart, pend) in enumerate(split_paragraphs(text), start=1):
        for start, end in segment_paragraph(text[pstart:pend], pstart):
            line = text[start:end]
            bullet = list_bullet(line)
            spans.append((pno, start + bullet, end))
            items.append(bullet > 0)
            lines.append(line)
    texts = [text[s:e] for _, s, e in spans]
    tokens = [an.lexicon.tokens(t) for t in texts]
    figures = date_years([extract_figures(t) for t in texts])
    terms = [[t for t, _, _ in toks] for toks in tokens]
    tag_tokens = [
        _shares_as_percent(toks, figs) for toks, figs in zip(tokens, figures, strict=True)
    ]
    # The tagger reads the same terms, but where a share in words became "percent".
    tag_terms = [
        fact_terms if tt is toks else [t for t, _, _ in tt]
        for fact_terms, tt, toks in zip(terms, tag_tokens, tokens, strict=True)
    ]
    paragraphs = [p for p, _, _ in spans]
    tags = an.topics.tag_document(texts, tag_tokens, paragraphs, tag_terms, lines)
    if an.reread_topics and (reader := an.topic_model) is not None:
        tags = reader[0].reread(
            texts, tag_tokens, tag_terms, paragraphs, tags, reader[1], an.topics.ids
        )
    gz = an.gazetteer
    names = resolve_people(texts, [extract_entities(t, gz) for t in texts], gz)
    out: list[ParsedFact] = []
    for i, (
        (pno, start, end),
        sentence,
        fact_terms,
        fact_tag_terms,
        (topics, evidence),
        entities,
        figs,
        item,
    ) in enumerate(
        zip(spans, texts, terms, tag_terms, tags, names, figures, items, strict=True), start=1
    ):
        fact = Fact(
            source=name,
            paragraph=pno,
            sentence=i,
            start=start,
            end=end,
            text=sentence,
            topics=topics,
            evidence=evidence,
            figures=figs,
            entities=entities,
            item=item,
        )
        out.append(
            ParsedFact(
                fact, fact_terms, tag_terms=None if fact_tag_terms is fact_terms else fact_tag_terms
            )
        )
    _give_header_words(out)
    return out


# What a table's header row may hold as figures: its columns' dates ("Dec. 19 | Dec. 12").
_HEADER_FIGURES = frozenset({"date", "weekday", "year"})


def _give_header_words(facts: list[ParsedFact]) -> None:
    """Each row of a table (lines with cells between bars, one after another) gets the words of
    the table's header row, its first line, when that line names columns (no amounts) and the
    next has as many cells (a lone line with bars is a masthead), and of its title, the heading
    just above it ("Table 2: Imports of steel wire rod (tonnes)"), as the tagger reads them."""
    from .tag import TABLE_CELLS, heads_table, is_heading

    texts = [p.fact.text for p in facts]
    header: list[str] | None = None
    for i, p in enumerate(facts):
        if TABLE_CELLS not in texts[i]:
            header = None
        elif header is None:
            names = not any(f.kind not in _HEADER_FIGURES for f in p.fact.figures)
            header = []
            if names and heads_table(texts, i):
                title = facts[i - 1] if i and is_heading(texts[i - 1], False) else None
                header = list(dict.fromkeys([*(title.terms if title else ()), *p.terms]))
        else:
            own = set(p.terms)
            p.header = [t for t in header if t not in own]


def _shares_as_percent(tokens: list[Token], figures: tuple[Figure, ...]) -> list[Token]:
    """The tokens the topic rules read: a share written in words ("three quarters of exports")
    reads as the "percent" it is, as "75 percent of exports" would."""
    shares = [f for f in figures if f.kind == "percent" and not f.text[0].isdigit()]
    if not shares:
        return tokens
    return [
        ("percent", s, e) if any(f.start <= s and e <= f.end for f in shares) else (t, s, e)
        for t, s, e in tokens
    ]
