"""Topic tagging: a lexicon of words and phrases per topic, word-pair rules, and context.

Each topic (data/topics.toml, extended by a user's ``--topics FILE``) has
- ``terms``: words that put a fact in the topic on their own ("tariff", "the USMCA");
- ``[[topic.pair]]``: a word of ``a`` with a word of ``b`` a few words apart ("trade" ...
  "$40 billion"); ``"#number"`` in ``b`` stands for any number that is not a year; when the
  only ``b`` words near an ``a`` word are shares ("percent", "share") and a phrase of the pair's
  ``share_not_with`` follows that word in its clause ("85 per cent of exports *qualify*", the
  agreement's use), no share of the fact counts for the pair;
- ``context``: words that put a fact in the topic only when the fact before it in the same
  paragraph is in the topic ("during formal negotiations" after a sentence about the review);
- ``document_context``: words that put a fact in the topic anywhere after the article has been
  about the topic on its own terms in one fact ("the pact" in an article on the T-MEC);
- ``headings``: words that put a short heading in the topic, as the subject of its section
  ("Border watch", "BORDER") where a sentence needs more ("the border" is also a place);
- ``tables``: words that, as a pair's ``a`` word in a table's title or header row, make each row
  with one of the pair's ``b`` words a fact of the topic ("Canola seed exports, Aug.–Nov." over
  "Japan | 611 | 640 | +4.7%");
- ``not_before`` / ``not_after``: a topic word within two words before one of these words, or
  within two words after one, does not count ("trade *pact*" is not trade volume, "a 50% U.S.
  *tariff*" is a rate, not an amount, and "tariff on *imports*" is about the tariff). A word
  capitalised inside a name ("U.S. Trade Representative") never counts as a pair or context word;
- ``exceptions``: phrases in which the topic's words do not count: another sense of a word ("on
  duty", "a duty to help") or a name that holds one ("Customs and Border Protection").
Every tag carries its evidence: the words in the fact that gave it, or the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .analyze import Lexicon, Token, default_lexicon, lexicon_key
from .cache import DATA, data_key, load_bundled, load_derived, source_of
from .errors import TopicsFileError, UsageError
from .models import MONTHS, Evidence

_TERM, _CONTEXT, _PAIR_A, _PAIR_B, _DOCUMENT, _HEADING = 0, 1, 2, 3, 4, 5
_HEADING_TERMS = 4  # a heading this short names its section's subject ("Border and logistics")
# How many facts of a document must be in a topic on their own terms before its
# document_context words count anywhere later in the document. One: "the review" after an
# article's one sentence on the CUSMA review is that review. (Two missed 9 of the labelled sets'
# sentences for 3 fewer wrong tags, once "will review" and "agreement with" were ruled out.)
DOCUMENT_MENTIONS = 1
# A short sentence that only refers back ("The point was to reassure Washington.", "That figure
# was down 9 per cent.", "For Mexico, the equivalent loss was ...") is about what the sentence
# before is about. A longer one says something of its own ("This marks the first visit ...").
_REFERS_BACK = re.compile(
    r"""["“‘']?(?:(?:It|This|That|These|Those|Such)\b"""
    r"|The (?:move|step|measure|measures|decision|point|plan|figure|figures|change|increase"
    r"|decrease|drop|decline|rise|announcement|proposal|idea|effort|loss|losses|cost|costs"
    r"|amount|total|result|impact|effect)\b"
    r"|(?:\S+ ){1,5}the (?:equivalent|same|corresponding|comparable)\b)"
)
_REFERS_BACK_TERMS = 8  # index terms, stop words left out: about 14 words
# A transcript's speaker ("SANDHU: ", "Q: "), in capitals before what they say: the rules above
# read what is said ("SANDHU: Officially, no." is a bare reply).
_SPEAKER = re.compile(r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’ -]{0,40}: (?=\S)")
# A quote said by someone, after a sentence of the same paragraph on a topic, goes on with it
# ("“If the bridge is bad, the whole day is gone,” he said." after the trucker's border wait):
# a sentence that opens a quote and, after it closes, says who said it within a few words.
_QUOTE_MARKS = ('"', "“")
_ATTRIBUTED_QUOTE = re.compile(
    r"""^["“].*["”],?\s+(?:\S+\s+){0,5}?(?:said|says|added|adds|told|noted|warned)\b""",
    re.DOTALL,
)
# A bare reply ("No.", "Generally, yes.") to a question (a fact ending in "?", as in an FAQ or an
# interview, often a paragraph of its own) is about what was asked.
_BARE_REPLY = re.compile(
    r"(?:(?:yes|no|not|not yet|not always|possibly|probably|maybe|perhaps|generally|usually"
    r"|often|sometimes|rarely|partly|in part|certainly|absolutely|definitely|correct|exactly"
    r"|indeed|it depends|officially|unofficially|well|frankly|honestly|for now|so far)[,.!;: ]*)+",
    re.IGNORECASE,
)
# A line that ends with a colon introduces a list; its items ("Forest products — 58 per cent",
# "• Steel: 25%;") are about what the list is of, besides what they say themselves. An item is a
# short line that opens with a bullet, or one without a sentence's final stop that pairs a name
# with a value ("—", "–" or ":" between them); every item has the first one's shape (its bullet
# or its separator), so a heading, a contact line or a byline after the list ends it.
_NAME_AND_VALUE = re.compile(r"\S\s*([—–:])\s+\S")
_SENTENCE_END = re.compile(r"""[.!?]["”’')\]]*\s*$""")
_LIST_ITEM_WORDS, _LIST_ITEMS = 25, 30
TABLE_CELLS = " | "  # a table set as text: one row a line, its cells between bars
NUMBER = "#number"


class Pair(NamedTuple):
    a: tuple[str, ...]
    b: tuple[str, ...]
    window: int = 6  # at most this many words between the two
    a_not_before: tuple[str, ...] = ()
    a_not_after: tuple[str, ...] = ()
    b_not_before: tuple[str, ...] = ()
    b_not_after: tuple[str, ...] = ()
    share_not_with: tuple[str, ...] = ()


class Topic(NamedTuple):
    id: str
    label: str
    description: str
    terms: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    pairs: tuple[Pair, ...] = ()
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    document_context: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    query_words: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()


class _Pattern(NamedTuple):
    terms: tuple[str, ...]
    topic: int
    kind: int
    pair: int  # index of the pair rule, for _PAIR_A/_PAIR_B
    not_before: frozenset[str] = frozenset()
    not_after: frozenset[str] = frozenset()
    outside_names: bool = False  # a capitalised word inside a name does not count
    excepted: bool = False  # its words are in one of the topic's exception phrases


# An exception's terms, the phrase, its words in lower case, and those words joined by one space.
_Exception = tuple[frozenset[str], str, tuple[str, ...], str]


class _Hit(NamedTuple):
    pattern: _Pattern
    first: int  # token positions
    last: int
    words: str


@dataclass
class TopicSet:
    """The topics in force, compiled against a lexicon for fast tagging."""

    topics: list[Topic]
    lexicon: Lexicon
    _index: dict[str, list[_Pattern]] = field(default_factory=dict, repr=False)
    _numbers_b: list[_Pattern] = field(default_factory=list, repr=False)
    # By topic and pair, the analysed phrases of its share_not_with.
    _share_vetoes: dict[tuple[int, int], list[tuple[str, ...]]] = field(
        default_factory=dict, repr=False
    )
    # By topic and each of their terms, the topic's exception phrases (only a phrase with a hit's
    # term can cover it): the phrase's terms (all must be in a fact for it to be looked for) and
    # the phrase, looked for on the text, where the stop words it needs ("on duty") are
    # (_phrase_regex, or _lowered_phrase_regex on an ASCII text in lower case).
    _exceptions_by_term: dict[tuple[int, str], list[_Exception]] = field(
        default_factory=dict, repr=False
    )
    # The patterns are compiled when a document is first tagged: a query reads only the topics'
    # own terms (``query_topics``), and compiling every word list costs an ask about 9 ms.
    _compiled: bool = field(default=False, repr=False)
    # Per topic, the terms of its ``tables`` words (a table's title or header row).
    _table_words: dict[int, frozenset[tuple[str, ...]]] = field(default_factory=dict, repr=False)
    _frame_vetoes: dict[tuple[int, int], frozenset[str]] = field(default_factory=dict, repr=False)
    # For the bundled topics with the bundled lexicon only: the key of what queries read of
    # them in the cache (``_query_data``).
    _derived_key: str | None = field(default=None, repr=False)

    def _compile(self) -> None:
        self._compiled = True
        exceptions: dict[int, list[_Exception]] = {
            ti: [
                (
                    frozenset(t for t, _, _ in self.lexicon.tokens(p)),
                    p,
                    tuple(p.lower().split()),
                    " ".join(p.lower().split()),
                )
                for p in topic.exceptions
                if p.split()
            ]
            for ti, topic in enumerate(self.topics)
            if topic.exceptions
        }
        exception_terms = {
            ti: frozenset().union(*(terms for terms, _, _, _ in phrases))
            for ti, phrases in exceptions.items()
        }
        for ti, phrases in exceptions.items():
            for exception in phrases:
                for term in exception[0]:
                    self._exceptions_by_term.setdefault((ti, term), []).append(exception)
        index: dict[str, list[_Pattern]] = {}

        analysed: dict[str, tuple[str, ...]] = {}  # the same word lists come up many times

        def terms_of(phrase: str) -> tuple[str, ...]:
            found = analysed.get(phrase)
            if found is None:
                found = analysed[phrase] = tuple(t for t, _, _ in self.lexicon.tokens(phrase))
            return found

        def words(phrases: Sequence[str]) -> frozenset[str]:
            return frozenset(t for p in phrases for t in terms_of(p)[:1])

        def add(
            phrases: Sequence[str],
            topic: int,
            kind: int,
            pair: int = -1,
            before: Sequence[str] = (),
            after: Sequence[str] = (),
        ) -> None:
            stop_before, stop_after = words(before), words(after)
            names = kind in (_PAIR_A, _CONTEXT, _DOCUMENT, _HEADING)
            for phrase in phrases:
                if phrase == NUMBER:
                    self._numbers_b.append(
                        _Pattern((), topic, kind, pair, stop_before, stop_after, names)
                    )
                    continue
                terms = terms_of(phrase)
                excepted = not exception_terms.get(topic, frozenset()).isdisjoint(terms)
                p = _Pattern(terms, topic, kind, pair, stop_before, stop_after, names, excepted)
                if terms and p not in index.get(terms[0], []):  # "import", "imports": one
                    index.setdefault(terms[0], []).append(p)

        self._table_words = {
            ti: frozenset(terms_of(w) for w in t.tables) for ti, t in enumerate(self.topics)
        }
        # For a topic with tables words, the terms of each pair's words that rule its words out
        # (its four lists), but months: a table's title gives its period ("Jan.–Oct. 2025"),
        # which rules no amount out.
        months = {m.lower() for m in MONTHS}
        self._frame_vetoes = {
            (ti, pi): frozenset(
                term
                for w in (*p.a_not_before, *p.a_not_after, *p.b_not_before, *p.b_not_after)
                if w.lower() not in months
                for term in terms_of(w)
            )
            for ti, t in enumerate(self.topics)
            if t.tables
            for pi, p in enumerate(t.pairs)
        }
        for ti, t in enumerate(self.topics):
            add(t.terms, ti, _TERM, before=t.not_before, after=t.not_after)
            add(t.context, ti, _CONTEXT, before=t.not_before, after=t.not_after)
            add(t.document_context, ti, _DOCUMENT, before=t.not_before, after=t.not_after)
            add(t.headings, ti, _HEADING, before=t.not_before, after=t.not_after)
            for pi, pair in enumerate(t.pairs):
                add(pair.a, ti, _PAIR_A, pi, pair.a_not_before, pair.a_not_after)
                add(pair.b, ti, _PAIR_B, pi, pair.b_not_before, pair.b_not_after)
                if vetoes := [ts for p in pair.share_not_with if (ts := terms_of(p))]:
                    self._share_vetoes[ti, pi] = vetoes
        self._index = {k: sorted(v, key=lambda p: -len(p.terms)) for k, v in index.items()}

    @cached_property
    def answering_topics(self) -> dict[str, set[str]]:
        """Each query term that a fact of a topic answers (``query_words``, analysed as a query
        is: "the North American trade pact" is one term), with the index terms (``topic_term``)
        of the topics that answer it."""
        answering: dict[str, set[str]] = {}
        for topic in self.topics:
            for w in topic.query_words:
                for t, _, _ in self.lexicon.tokens(w, query=True):
                    answering.setdefault(t, set()).add(topic_term(topic.id))
        return answering

    @cached_property
    def bundled_ids(self) -> frozenset[str]:
        """The topics that tag as bundled: a user's file may add words to one, or add its own
        (a new label, description or query words change no tag)."""
        bundled = {_tagging(t) for t in _bundled_topics()}
        return frozenset(t.id for t in self.topics if _tagging(t) in bundled)

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.topics]

    def resolve(self, name: str) -> str:
        """A topic id from an id or a label, case-insensitive."""
        key = name.strip().casefold()
        for t in self.topics:
            if key in (t.id.casefold(), t.label.casefold()):
                return t.id
        raise UsageError(f"unknown topic {name!r}; valid topics: {', '.join(self.ids)}")

    def query_topics(self, terms: Sequence[str]) -> set[str]:
        """The topics whose own terms (not context or pair words) appear among a query's terms,
        outside the topic's exception phrases ("tariff shift rule" is not about tariffs)."""
        found: set[str] = set()
        for i, term in enumerate(terms):
            for words, ti in self._term_index.get(term, ()):
                if tuple(terms[i : i + len(words)]) == words and not self._query_excepted(
                    ti, terms, i
                ):
                    found.add(self.topics[ti].id)
        return found

    @cached_property
    def _query_data(self) -> dict[str, Any]:
        """What a query reads of the topics (``_term_index``, ``_whole_exceptions``), analysed
        once, then, for the bundled topics, read from the cache (load_derived)."""
        if self._derived_key is None:
            return self._analyse_for_queries()
        return load_derived(
            "topic-terms", self._derived_key, ("exceptions", "terms"), self._analyse_for_queries
        )

    def _analyse_for_queries(self) -> dict[str, Any]:
        index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        whole: dict[int, list[tuple[str, ...]]] = {}
        for ti, topic in enumerate(self.topics):
            for phrase in topic.terms:
                words = tuple(t for t, _, _ in self.lexicon.tokens(phrase))
                if words:
                    index.setdefault(words[0], []).append((words, ti))
            for phrase in topic.exceptions:
                words = tuple(t for t, _, _ in self.lexicon.tokens(phrase))
                if len(words) >= 2 and len(words) == len(phrase.split()):
                    whole.setdefault(ti, []).append(words)
        return {"terms": index, "exceptions": whole}

    @property
    def _term_index(self) -> dict[str, list[tuple[tuple[str, ...], int]]]:
        """The topics' own terms by their first analysed word (all a query needs of them)."""
        return self._query_data["terms"]  # type: ignore[no-any-return]

    def _query_excepted(self, topic: int, terms: Sequence[str], i: int) -> bool:
        """Whether an exception phrase of the topic covers query term ``i``. Only phrases that
        analysis keeps whole count: a query has no stop words left to tell "on duty" from duty."""
        for words in self._whole_exceptions.get(topic, ()):
            for start in range(max(0, i - len(words) + 1), i + 1):
                if tuple(terms[start : start + len(words)]) == words:
                    return True
        return False

    @property
    def _whole_exceptions(self) -> dict[int, list[tuple[str, ...]]]:
        """Per topic, the analysed terms of each exception phrase that analysis keeps whole."""
        return self._query_data["exceptions"]  # type: ignore[no-any-return]

    def tag_document(
        self,
        texts: Sequence[str],
        tokens: Sequence[list[Token]],
        paragraphs: Sequence[int],
        terms: Sequence[list[str]] | None = None,
        lines: Sequence[str] | None = None,
    ) -> list[tuple[tuple[str, ...], tuple[Evidence, ...]]]:
        """Topics and evidence for each fact of one document, in document order. ``terms``, each
        fact's terms as in its tokens, when the caller has them already (indexing does);
        ``lines``, each fact as written, when its text leaves out a list item's bullet."""
        if not self._compiled:
            self._compile()
        if terms is None:
            terms = [[t for t, _, _ in toks] for toks in tokens]
        results: list[tuple[tuple[str, ...], tuple[Evidence, ...]]] = []
        none: set[int] = set()  # never changed: the neighbour of a paragraph's first fact
        prev = none
        prev_paragraph = -1
        mentions: dict[int, int] = {}  # facts so far in each topic on their own terms
        salient: set[int] = set()  # topics with DOCUMENT_MENTIONS of them
        asked: set[int] = none  # the topics of the fact before, when it is a question
        listed: set[int] = none  # the topics of a line introducing a list, while its items go on
        shape: str | None = None  # the list's first item's bullet or separator
        items = 0
        table: set[int] | None = None  # while a table's rows go on: its title's and header's topics
        # While a table's rows go on: the pairs whose first word its title or header row has.
        table_pairs: dict[tuple[int, int], str] = {}
        before_text = ""  # the fact before, its tokens and terms, and its topics
        before_toks: list[Token] = []
        before_terms: list[str] = []
        before_tags: Iterable[int] = none
        rows = lines or texts
        for i, (text, line, toks, fact_terms, paragraph) in enumerate(
            zip(texts, rows, tokens, terms, paragraphs, strict=True)
        ):
            before = prev if paragraph == prev_paragraph else none
            titled = len(toks) <= _HEADING_TERMS and is_heading(text, False)
            tags = self._tag_fact(text, toks, fact_terms, before, salient, titled)
            passes_on = True
            if TABLE_CELLS in line:
                # A table's rows say what its title (the heading just above it) and its header
                # row say they are about: "Table 1: Truck crossings" over "Southbound | 33,900".
                # A lone line with cells, or one over a line with another number of them, is
                # no table's header but a masthead ("Ashgrove Research | Public Opinion
                # Release | December 18, 2025"): what the line before says is not its topic.
                header = table is None
                if header:  # its title: the fact before, when that is a heading
                    heads = heads_table(rows, i)
                    has_title = heads and is_heading(before_text, False)
                    table = set(before_tags) if has_title else set()
                    # A pair's first word in the title or the header row, one of its topic's
                    # ``tables`` words, and its second in a row, make the row a fact of the
                    # topic: "Canola seed exports, Aug.–Nov." over "Japan | 611 | 640 | +4.7%" is
                    # an amount exported.
                    # Only a table's (not a masthead's: "Trade Brief | March 2026"), and not
                    # when the title or header has a word that rules the pair's amounts out: a
                    # table of tariff rates on exports ("Product | Rate") is no amount traded.
                    table_pairs = {}
                    if heads:
                        framed = self._hits(text, toks, fact_terms)
                        frame = set(fact_terms)
                        if has_title:
                            framed += self._hits(before_text, before_toks, before_terms)
                            frame.update(before_terms)
                        table_pairs = {
                            (h.pattern.topic, h.pattern.pair): h.words
                            for h in framed
                            if h.pattern.kind == _PAIR_A
                            and h.pattern.terms in self._table_words[h.pattern.topic]
                            and frame.isdisjoint(
                                self._frame_vetoes[h.pattern.topic, h.pattern.pair]
                            )
                        }
                elif table_pairs:
                    for h in self._hits(text, toks, fact_terms, frozenset(table_pairs)):
                        key = (ti := h.pattern.topic, h.pattern.pair)
                        if h.pattern.kind == _PAIR_B and key in table_pairs and ti not in tags:
                            why = f"a row of a table ({table_pairs[key]} + {h.words})"
                            tags[ti] = [Evidence(self.topics[ti].id, "context", why)]
                for ti in sorted(table - set(tags)):
                    tags[ti] = [Evidence(self.topics[ti].id, "context", "a row of a table")]
                if header:
                    table |= set(tags)
            else:
                table, table_pairs = None, {}
            before_text, before_toks, before_terms, before_tags = text, toks, fact_terms, none
            if listed is not none:
                item = _item_shape(line)
                if item is not None and item == (shape or item) and items < _LIST_ITEMS:
                    shape, items = item, items + 1
                    for ti in sorted(listed - set(tags)):
                        tags[ti] = [Evidence(self.topics[ti].id, "context", "an item of a list")]
                else:
                    listed = none
            if not tags:
                said = text[m.end() :] if (m := _SPEAKER.match(text)) else text
                # An answer that points back points at the question it answers.
                back = before or asked
                if back and len(toks) <= _REFERS_BACK_TERMS and _REFERS_BACK.match(said):
                    words = " ".join(said.split(" ", 2)[:2])
                    self._take(back, words + " (refers to the sentence before)", tags)
                    passes_on = False  # what it took from the sentence before stops here
                elif before and said[:1] in _QUOTE_MARKS and _ATTRIBUTED_QUOTE.match(said):
                    self._take(before, "a quote (goes on from the sentence before)", tags)
                    passes_on = False
                elif asked and _BARE_REPLY.fullmatch(said.strip()):
                    self._take(asked, said.strip() + " (answers the question before)", tags)
                    passes_on = False
                else:
                    prev, prev_paragraph, asked = none, paragraph, none
                    results.append(((), ()))
                    continue
            asked = set(tags) if is_question(text) else none
            before_tags = tags.keys()
            if text.rstrip().endswith(":"):  # it introduces a list
                listed, shape, items = set(tags), None, 0
            for ti, evs in tags.items():
                if any(e.kind in ("term", "rule") for e in evs):
                    mentions[ti] = n = mentions.get(ti, 0) + 1
                    if n == DOCUMENT_MENTIONS:
                        salient.add(ti)
            prev, prev_paragraph = set(tags) if passes_on else none, paragraph
            order = sorted(tags)
            results.append(
                (
                    tuple(self.topics[ti].id for ti in order),
                    tuple(ev for ti in order for ev in tags[ti]),
                )
            )
        return results

    def _take(self, topics: set[int], why: str, tags: dict[int, list[Evidence]]) -> None:
        """A fact with nothing of its own takes these topics from a neighbour, saying why."""
        for ti in sorted(topics):
            tags[ti] = [Evidence(self.topics[ti].id, "context", why)]

    def _tag_fact(
        self,
        text: str,
        toks: list[Token],
        terms: list[str],
        prev: set[int],
        salient: set[int],
        heading: bool = False,
    ) -> dict[int, list[Evidence]]:
        tags: dict[int, list[Evidence]] = {}
        by_kind: dict[tuple[int, int, int], list[_Hit]] = {}
        for h in self._hits(text, toks, terms):
            by_kind.setdefault((h.pattern.kind, h.pattern.topic, h.pattern.pair), []).append(h)
        if not by_kind:
            return tags

        def evidence(ti: int, kind: str, words: list[str], suffix: str = "") -> None:
            tags.setdefault(ti, []).append(
                Evidence(self.topics[ti].id, kind, ", ".join(dict.fromkeys(words)) + suffix)
            )

        at: list[int] | None = None  # word positions, worked out for a pair only
        # Strongest evidence first: own terms, then pairs, then the neighbour, then the article.
        for (kind, ti, pi), hs in sorted(by_kind.items()):
            if kind == _TERM:
                evidence(ti, "term", [h.words for h in hs])
            elif kind == _PAIR_A and ti not in tags:
                b_hits = by_kind.get((_PAIR_B, ti, pi))
                if not b_hits:
                    continue
                window = self.topics[ti].pairs[pi].window
                at = at if at is not None else _word_positions(toks)
                # Each a word with the b words near it, worked out only as far as needed.
                cells = TABLE_CELLS in text
                nears: Iterable[tuple[_Hit, list[_Hit]]] = (
                    (
                        a,
                        [
                            b
                            for b in b_hits
                            if _gap(a, b, at) <= window
                            and not (cells and _across_cells(text, toks, a, b))
                        ],
                    )
                    for a in hs
                )
                if (ti, pi) in self._share_vetoes:
                    nears = list(nears)
                    if any(
                        self._share_vetoed(ti, pi, a, near, text, toks, at, window)
                        for a, near in nears
                        if near
                    ):
                        # The fact's shares are of what qualifies: none of them counts.
                        nears = [
                            (a, [b for b in n if b.pattern.terms not in _SHARES]) for a, n in nears
                        ]
                for a, near in nears:
                    if near:
                        evidence(ti, "rule", [a.words], f" + {', '.join(b.words for b in near)}")
                        break
            elif kind == _CONTEXT and ti not in tags and ti in prev:
                evidence(ti, "context", [h.words for h in hs], " (the sentence before is about it)")
            elif kind == _DOCUMENT and ti not in tags and ti in salient:
                evidence(ti, "context", [h.words for h in hs], " (the article is about it)")
            elif kind == _HEADING and ti not in tags and heading:
                evidence(ti, "term", [h.words for h in hs], " (a heading's subject)")
        return tags

    def _share_vetoed(
        self,
        ti: int,
        pi: int,
        a: _Hit,
        near: list[_Hit],
        text: str,
        toks: list[Token],
        at: list[int],
        window: int,
    ) -> bool:
        """Whether a pair's amounts near its ``a`` word are only shares, and what follows that
        word in the same clause says they are shares of something else (its ``share_not_with``:
        "85 per cent of exports now *qualify*"; not "exports go to Texas, where mills *comply*")."""
        vetoes = self._share_vetoes.get((ti, pi))
        if not vetoes or not all(b.pattern.terms in _SHARES for b in near):
            return False
        terms = [t for t, _, _ in toks[a.last + 1 :]]
        for phrase in vetoes:
            for i in _phrase_starts(terms, phrase):
                i += a.last + 1
                if at[i] - at[a.last] <= window and not CLAUSE_BREAK.search(
                    text, toks[a.last][2], toks[i][1]
                ):
                    return True
        return False

    def _hits(
        self,
        text: str,
        toks: list[Token],
        terms: list[str],
        numbers_for: frozenset[tuple[int, int]] = frozenset(),
    ) -> list[_Hit]:
        """Every pattern hit in a fact, outside the topics' exception phrases; ``numbers_for``:
        pairs whose bare numbers count here without their first word (a table's rows)."""
        hits = self._scan(text, toks, terms, numbers_for)
        if any(h.pattern.excepted for h in hits):
            hits = self._outside_exceptions(text, toks, terms, hits)
        return hits

    def _scan(
        self,
        text: str,
        toks: list[Token],
        terms: list[str],
        numbers_for: frozenset[tuple[int, int]] = frozenset(),
    ) -> list[_Hit]:
        """Every pattern hit in a fact that its neighbouring words do not rule out."""
        hits: list[_Hit] = []
        index = self._index
        n = len(toks)
        for i, term in enumerate(terms):
            pats = index.get(term)
            if not pats:
                continue
            for p in pats:
                k = len(p.terms)
                # A slice that runs past the end is shorter, so unequal.
                if k > 1 and tuple(terms[i : i + k]) != p.terms:
                    continue
                # _allowed only for a pattern with something to rule out (most have nothing).
                if (p.not_before or p.not_after or p.outside_names) and not _allowed(
                    p, toks, i, i + k - 1, text
                ):
                    continue
                hits.append(_Hit(p, i, i + k - 1, text[toks[i][1] : toks[i + k - 1][2]]))
        # Bare numbers are pair words only for a pair whose other word is here (or, in a
        # table's row, in its title or header row).
        if self._numbers_b and (
            wanted := {(h.pattern.topic, h.pattern.pair) for h in hits if h.pattern.kind == _PAIR_A}
            | numbers_for
        ):
            for p in self._numbers_b:
                if (p.topic, p.pair) not in wanted:
                    continue
                for i, term in enumerate(terms):
                    # "10 percent" is judged by its "percent"; a year is not an amount, nor a
                    # code of digits and letters ("highways 45D and 57D", "the 3rd quarter").
                    if (
                        not term[0].isdigit()
                        or not term.replace(".", "").isdigit()
                        or is_year(term)
                        or (i + 1 < n and terms[i + 1] == "percent")
                    ):
                        continue
                    if _allowed(p, toks, i, i, text) and not _not_an_amount(
                        text, toks[i][1], toks[i][2]
                    ):
                        hits.append(_Hit(p, i, i, text[toks[i][1] : toks[i][2]]))
        return hits

    def _outside_exceptions(
        self, text: str, toks: list[Token], terms: list[str], hits: list[_Hit]
    ) -> list[_Hit]:
        """The hits that no exception phrase of their topic covers."""
        spans: dict[int, list[tuple[int, int]]] = {}
        present: set[str] | None = None
        folded = ""
        single_spaced = False
        by_term = self._exceptions_by_term
        for ti, term in {(h.pattern.topic, h.pattern.terms[0]) for h in hits if h.pattern.excepted}:
            for needed, phrase, words, joined in by_term.get((ti, term), ()):
                if present is None:
                    present = set(terms)
                    folded = text.lower()
                    single_spaced = "  " not in text and not _OTHER_SPACE.search(text)
                # Cheap tests first, the regex runs on few facts: the phrase's terms are among
                # the fact's, and the phrase itself is in its text (as one string where the
                # text's words are one space apart; else each of its words, "will review").
                if needed <= present and (
                    joined in folded if single_spaced else all(w in folded for w in words)
                ):
                    rx, lowered_rx = _phrase_regex(phrase), _lowered_phrase_regex(phrase)
                    # An ASCII text in lower case has the same offsets, the same \w and \s.
                    found = (
                        lowered_rx.finditer(folded)  # type: ignore[arg-type]
                        if lowered_rx is not None and text.isascii()
                        else rx.finditer(text)
                    )
                    spans.setdefault(ti, []).extend(m.span() for m in found)
        if not spans:
            return hits
        return [
            h
            for h in hits
            if not any(
                s <= toks[h.first][1] and toks[h.last][2] <= e
                for s, e in spans.get(h.pattern.topic, ())
            )
        ]


_OTHER_SPACE = re.compile(r"[^\S ]")  # a space other than " ": a line break, a tab, a no-break


@cache
def _phrase_regex(phrase: str) -> re.Pattern[str]:
    """A whole phrase, case-insensitive, any run of spaces between its words."""
    words = r"\s+".join(map(re.escape, phrase.split()))
    return re.compile(r"(?<!\w)" + words + r"(?!\w)", re.IGNORECASE)


@cache
def _lowered_phrase_regex(phrase: str) -> re.Pattern[str] | None:
    r"""``_phrase_regex`` for an ASCII text in lower case: the same matches at the same places,
    four times faster, as a pattern that starts with a literal lets the engine skip ahead to it
    (neither IGNORECASE nor a leading look-behind does). The look-behind after the first word
    asks what ``(?<!\w)`` asked before it. None for a phrase that is not ASCII."""
    if not phrase.isascii():
        return None
    first, *rest = phrase.lower().split()
    words = "".join(r"\s+" + re.escape(w) for w in rest)
    return re.compile(
        re.escape(first) + rf"(?<!\w.{{{len(first)}}})" + words + r"(?!\w)", re.DOTALL
    )


def _allowed(p: _Pattern, toks: list[Token], first: int, last: int, text: str) -> bool:
    """Whether the words around a hit leave it standing (see the module's not_before/after).
    A word beyond a conjunction rules nothing out ("down 38 percent since the tariff": the
    percent is no tariff's)."""
    nb = p.not_before
    if nb:
        end = toks[last][2]
        for k in (last + 1, last + 2):
            if k < len(toks) and toks[k][0] in nb and not _APART.search(text, end, toks[k][1]):
                return False
    na = p.not_after
    if na:
        start = toks[first][1]
        for k in (first - 1, first - 2):
            if k >= 0 and toks[k][0] in na and not _APART.search(text, toks[k][2], start):
                return False
    return not (p.outside_names and _in_a_name(text, toks, first, last))


CLAUSE_BREAK = re.compile(r"[,;:()—–]")
_APART = re.compile(r"\b(?:since|after|before|because|until|while|when)\b")
_SHARES = frozenset({("percent",), ("share",)})


def names_a_value(text: str) -> bool:
    """Whether a line is shaped as a list's item with no bullet: a name and its value, no
    sentence ("Motor vehicles and parts — 96 per cent", "Delegation: Peace Bridge Authority")."""
    return (
        len(text.split()) <= _LIST_ITEM_WORDS
        and _SENTENCE_END.search(text) is None
        and _NAME_AND_VALUE.search(text) is not None
    )


def _item_shape(text: str) -> str | None:
    """The shape of a list item (its bullet, "1." for a number, or the separator between its name
    and value), or None for a fact that is no item."""
    if len(text.split()) > _LIST_ITEM_WORDS:
        return None
    from .segment import list_bullet  # the segmenter's bullets; imported when a list is read

    if n := list_bullet(text):
        marker = text[:n].strip()
        # Numbers and letters are one shape ("1.", "2.", "b)"), as are a checklist's boxes.
        return "[]" if marker[0] == "[" else "1." if marker[-2:-1].isalnum() else marker
    if _SENTENCE_END.search(text) is None and (m := _NAME_AND_VALUE.search(text)):
        return m.group(1)
    return None


def _phrase_starts(terms: list[str], phrase: tuple[str, ...]) -> list[int]:
    """Where these terms hold the phrase's terms in a row."""
    k, first, want = len(phrase), phrase[0], list(phrase)
    return [i for i, t in enumerate(terms) if t == first and terms[i : i + k] == want]


def _across_cells(text: str, toks: list[Token], a: _Hit, b: _Hit) -> bool:
    """Whether two hits stand in different cells of a table's row: a column's name and the next
    column's are no phrase ("Lane | Mode | Border crossing")."""
    start = toks[min(a.last, b.last)][2]
    end = toks[max(a.first, b.first)][1]
    return TABLE_CELLS in text[start:end]


def _gap(a: _Hit, b: _Hit, at: list[int]) -> int:
    """Words between two hits (``at``: each token's word position)."""
    return max(at[b.first] - at[a.last], at[a.first] - at[b.last], 0)


def _word_positions(toks: list[Token]) -> list[int]:
    """Each token's word position: a phrase's added term ("usa" after "United States") and the
    parts of a joined word ("co-operation") stand where their words do, not one further on."""
    at, pos, end = [], -1, -1
    for _, start, stop in toks:
        if start >= end:
            pos += 1
        at.append(pos)
        end = max(end, stop)
    return at


_CAPITALISED = re.compile(r"[A-Z][a-z]*\.?")
_DIGIT_GROUPS = re.compile(r"[\d-]*\d-\d+-\d[\d-]*")
_AGE = re.compile(r"[A-Z]\w*,")  # "Jean Ménard, 34, of Longueuil"
_PERIOD_AFTER = re.compile(r"\s+(?:years?|decades?|months?|weeks?|days?)\b", re.IGNORECASE)
# The day of a date written day first ("since 14 October 2025", "by 30 April").
_MONTH_AFTER = re.compile(rf"\s+(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\b")


_POST_COUNTER = re.compile(r"\d{1,3}/\d{0,3}(?=\s)")


def _not_an_amount(text: str, start: int, end: int) -> bool:
    """A bare number that names or measures time rather than counting goods or money: part of
    a name after a capitalised word ("Highway 401", "Advisory No. 1", "Phase 2"; a sentence's
    first word is no such name, and months are ruled out by the pair's own words), one group of
    a telephone number or code ("416-555-0142"), a person's age ("Ménard, 34,"), a thread's post
    counter ("7/22 ..."), a time of day ("17:00"), the day of a date ("14 October"), or a period
    ("for 16 years", "its first 12 weeks"; "40,000 a month" is an amount). A number joined to
    others by hyphens ("Customs Notice 25-34") is judged from its group's first."""
    begin = start
    while begin > 0 and (text[begin - 1].isdigit() or text[begin - 1] == "-"):
        begin -= 1
    start = begin if text[begin : start - 1].replace("-", "").isdigit() else start
    if start > 1 and text[start - 1] == " ":
        # The word before, read back to the space before it (no regex over the whole text).
        word_start = text.rfind(" ", 0, start - 1) + 1
        word = text[word_start : start - 1]
        # Not a sentence's first word, nor the first after a colon.
        first = word_start == 0 or (word_start >= 2 and text[word_start - 2] in ".!?:")
        # ("No. 14" names in a headline too; "Reaches 56,000" there is an amount.)
        if word in ("No.", "Nos.", "Number") or (
            not first and _CAPITALISED.fullmatch(word) and not _title_case(text)
        ):
            return True
        if text.startswith(",", end) and _AGE.fullmatch(word):
            return True
    if _PERIOD_AFTER.match(text, end):
        return True
    if end - start <= 2 and _MONTH_AFTER.match(text, end):
        return True
    # A thread's post counter ("7/22 Mexico's trade undersecretary put it bluntly").
    if (m := _POST_COUNTER.match(text)) and end <= m.end():
        return True
    # A time of day: "17:00", "at 6:30".
    if text.startswith(":", end) and text[end + 1 : end + 3].isdigit():
        return True
    if start > 1 and text[start - 1] == ":" and text[start - 2].isdigit():
        return True
    return bool(_DIGIT_GROUPS.match(text, begin))


@cache
def topic_term(topic_id: str) -> str:
    """The index term that every fact of a topic carries besides its words: one FTS5 token
    that no word's term can be (none starts with "."), in lower case as FTS5 stores it, with
    "-" (which FTS5 would split on) and "_" spelled apart so that "a-b" and "a_b" differ. Ids
    that differ only in case are one topic (``resolve`` reads them so)."""
    return ".topic." + topic_id.casefold().replace("_", "__").replace("-", "_d")


def is_question(text: str) -> bool:
    """Whether a sentence asks (ends with a question mark, perhaps inside quotes or brackets):
    its answer follows it, in a Q&A or an interview. (The tagger and the ranking both ask.)"""
    return text.rstrip().rstrip("\"”’')").endswith("?")


_STOPS = frozenset(".!?:;…")  # what ends a sentence, a list's introduction or a clause


def opens_list(text: str) -> bool:
    """Whether a sentence introduces what follows it with a colon ("The brief sets out four
    demands:"): the list or table after it says what it announces."""
    return text.rstrip().rstrip("\"”’')").endswith(":")


def is_heading(text: str, has_figures: bool) -> bool:
    """Whether a fact is a line with no sentence's final stop (a headline, a heading, a byline),
    which names a subject rather than saying what happened. A list item that pairs a name with
    a value ("Motor vehicles and parts — 96 per cent") says something, and is none; a table's
    or an exhibit's caption ("Table 1: Exports to the United States, 2024") is one."""
    if text.rstrip().rstrip("\"”’')]»")[-1:] in _STOPS:
        return False
    return not (has_figures and _NAME_AND_VALUE.search(text)) or is_caption(text)


_CAPTION = re.compile(
    r"(?:Table|Exhibit|Figure|Chart|Graph|Annex|Appendix|Schedule) "
    r"(?:\d{1,3}[A-Za-z]?|[A-Z]|[IVX]+)\s*[:.—–-]"
)


def heads_table(lines: Sequence[str], i: int) -> bool:
    """Whether a line with cells is over a line with as many (a table's header row), not a lone
    line with bars, nor one over a line with another number of them (a masthead)."""
    cells = lines[i].count(TABLE_CELLS)
    return i + 1 < len(lines) and lines[i + 1].count(TABLE_CELLS) == cells


def is_caption(text: str) -> bool:
    """Whether a line is a table's or a figure's caption: "Table 1: ...", "Exhibit B — ..."."""
    return _CAPTION.match(text) is not None


def is_topic_term(term: str) -> bool:
    """Whether an index term is a ``topic_term`` or a ``header_term``, not a word's."""
    return term.startswith(".")


HEADER_TERM = ".h."


def header_term(term: str) -> str:
    """The index term that a table's row carries for a word of its header row ("Issuer | Rating
    | Outlook" under "State of Guanajuato | BBB+ | Stable"): the row's cells are what the header
    names. Like a ``topic_term``, it starts with "." as no word's term does."""
    return HEADER_TERM + term


def is_year(term: str) -> bool:
    """Whether an index term is a year (a four-digit number from 1900 to 2100)."""
    return len(term) == 4 and term.isascii() and term.isdigit() and 1900 <= int(term) <= 2100


# What may come before a sentence's first word: a thread's post counter ("12/22 ") or a speaker's
# label ("MINISTER ARSENAULT-ZAMORA: ").
_OPENER = re.compile(rf"{_POST_COUNTER.pattern}\s+|{_SPEAKER.pattern}")


def _in_a_name(text: str, toks: list[Token], first: int, last: int) -> bool:
    """A capitalised word, not the first of the sentence, next to another capitalised word:
    part of a name ("U.S. Trade Representative", "the Commerce Department"). A name that the
    lexicon reads as one term ("Canada Border Services Agency", its "cbsa") is that term. So
    is a word of a user name ("Fernanda_Lozoya_Trade")."""
    start, end = toks[first][1], toks[last][2]
    if text[start - 1 : start] == "_" or text[end : end + 1] == "_":
        return True
    if start == 0 or not text[start].isupper():
        return False
    if (m := _OPENER.match(text)) and m.end() == start:
        return False  # the first word after a post counter or a speaker's label
    if first == last and " " in text[start : toks[first][2]]:
        return False
    return any(
        text[toks[j][1]].isupper() for j in (first - 1, last + 1) if 0 <= j < len(toks)
    ) and not _title_case(text)


@lru_cache(maxsize=64)
def _title_case(text: str) -> bool:
    """A headline in title case ("Canada–Mexico Trade Hits a Record"): its capitals say nothing
    about names. Every word of four letters or more starts with a capital, and no full stop ends
    it ("The Standing Committee on International Trade met." is a sentence)."""
    if text.rstrip().endswith("."):
        return False
    long_words = [w for w in text.split() if len(w) >= 4 and w[0].isalpha()]
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


def _strings(table: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"'{key}' must be a list of strings")
    return tuple(value)


_TOPIC_ID = re.compile(r"[^\W\d][\w-]*")
MAX_TOPICS = 63  # a fact's topics are a bit mask in one SQLite integer


def _topic_from_table(table: Mapping[str, Any], where: str) -> Topic:
    try:
        tid = str(table["id"]).strip()
        if not _TOPIC_ID.fullmatch(tid):
            raise ValueError(f"id {tid!r} must be a word: letters, digits, _ or -")
        pairs = tuple(
            Pair(
                _strings(p, "a"),
                _strings(p, "b"),
                max(1, min(int(p.get("window", 6)), 50)),
                _strings(p, "a_not_before"),
                _strings(p, "a_not_after"),
                _strings(p, "b_not_before"),
                _strings(p, "b_not_after"),
                _strings(p, "share_not_with"),
            )
            for p in table.get("pair", [])
        )
        return Topic(
            id=tid,
            label=str(table.get("label", tid)),
            description=str(table.get("description", "")),
            terms=_strings(table, "terms"),
            context=_strings(table, "context"),
            pairs=pairs,
            not_before=_strings(table, "not_before"),
            not_after=_strings(table, "not_after"),
            document_context=_strings(table, "document_context"),
            exceptions=_strings(table, "exceptions"),
            query_words=_strings(table, "query_words"),
            headings=_strings(table, "headings"),
            tables=_strings(table, "tables"),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise TopicsFileError(
            f"{where}: each [[topic]] needs an id and lists of words ({exc})"
        ) from exc


def _tagging(topic: Topic) -> Topic:
    """The topic as the tagger reads it: its id and its word lists, less those for queries."""
    return topic._replace(label="", description="", query_words=())


def merge_topics(base: list[Topic], extra: Sequence[Topic]) -> list[Topic]:
    """Base topics plus a user's: a repeated id adds words to the topic, a new id adds a topic."""
    by_id = {t.id: t for t in base}
    for t in extra:
        old = by_id.get(t.id)
        if old is None:
            by_id[t.id] = t
        else:
            # Every field after the description is a list of words or rules: the user's add on.
            by_id[t.id] = Topic(
                old.id,
                t.label if t.label != t.id else old.label,
                t.description or old.description,
                *(a + b for a, b in zip(old[3:], t[3:], strict=True)),
            )
    return list(by_id.values())


@cache
def _bundled_topics() -> tuple[Topic, ...]:
    data = load_bundled("topics.toml")
    return tuple(_topic_from_table(t, "topics.toml") for t in data["topic"])


# The fields of a user's topic whose words are read as index terms (an exception is matched in
# the text as written, stop words and all).
_READ_AS_TERMS = (
    "terms",
    "context",
    "document_context",
    "query_words",
    "not_before",
    "not_after",
    "headings",
    "tables",
)
_PAIR_READ_AS_TERMS = ("a", "b", "a_not_before", "a_not_after", "b_not_before", "b_not_after")


def stop_word_warnings(user: Mapping[str, Any], lexicon: Lexicon) -> list[str]:
    """What a user's topics file says that is read otherwise, so that nothing is dropped unsaid:
    a phrase loses its stop words ("at the table" is read as "table"), and one of stop words only
    matches nothing."""
    try:
        return _stop_word_warnings(user, lexicon)
    except (TypeError, ValueError, AttributeError) as exc:
        # A word list of the wrong shape ("tables = 5"): said in one line, as load_topics does.
        raise TopicsFileError(
            f"topics file: each [[topic]] needs an id and lists of words ({exc})"
        ) from None


def _stop_word_warnings(user: Mapping[str, Any], lexicon: Lexicon) -> list[str]:
    out: list[str] = []
    tables = user.get("topic", [])
    for table in tables if isinstance(tables, list) else []:
        if not isinstance(table, Mapping):
            continue
        phrases = [p for key in _READ_AS_TERMS for p in _strings(table, key)]
        for pair in table.get("pair", []) if isinstance(table.get("pair"), list) else []:
            if isinstance(pair, Mapping):
                phrases += [p for key in _PAIR_READ_AS_TERMS for p in _strings(pair, key)]
        for phrase in dict.fromkeys(phrases):
            words = phrase.split()
            stops = [w for w in words if not lexicon.tokens(w)]
            if not stops:
                continue
            where = f"topics file: topic {table.get('id', '?')}: {phrase!r}"
            if len(stops) == len(words):
                out.append(f"{where} has only stop words, and matches nothing")
            else:
                kept = " ".join(w for w in words if w not in stops)
                out.append(f"{where} is read as {kept!r} ({', '.join(stops)}: stop words)")
    return out


def read_user_file(path: Path) -> dict[str, Any]:
    """A user's TOML file of topics (and lexicon or gazetteer additions)."""
    import tomllib

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
    if len(topics) > MAX_TOPICS:
        raise TopicsFileError(f"topics file: at most {MAX_TOPICS} topics in all, not {len(topics)}")
    lexicon = lexicon or default_lexicon()
    key = None
    if not user and lexicon is default_lexicon():
        key = data_key(lexicon_key(), (DATA / "topics.toml").read_bytes(), source_of(__file__))
    return TopicSet(topics, lexicon, _derived_key=key)
