"""Ranking facts for a query.

A query becomes *concepts*: each word (or phrase that names one thing) with its alternatives in
the corpus: itself, its synonyms (a little less weight), and when it is not in the corpus at all,
the corpus words within an edit budget that grows with its length (typos). Question words ("when",
"how much", "who") are not matched: they ask for a kind of figure or name.

Each concept weighs its rarity (BM25's idf); a fact's *coverage* is the weighted share of the
query's concepts it contains. A fact must cover at least half of the query (``FLOOR``) to be an
answer at all, so a query that the corpus does not answer returns nothing. The answers are found
by FTS5 with that rule as a boolean expression (each concept at its best alternative), the best
ones by bm25 are checked against the floor with the alternatives they have and re-scored here
with coverage, term frequency, proximity of the query's words, the query's topics, the question's
kind and the article's first sentence, into a score in [0, 1]; ties go in document order. The
sentences next to the best answers may answer with them (``CONTEXT``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations, pairwise, product
from typing import Any, NamedTuple

from .analyze import Lexicon, fold
from .errors import UsageError
from .index import FactIndex, fts_phrase
from .models import MONTHS, WEEKDAYS, Fact, Hit, Match
from .tag import (
    CLAUSE_BREAK,
    TABLE_CELLS,
    header_term,
    is_caption,
    is_heading,
    is_question,
    is_topic_term,
    is_year,
    names_a_value,
    opens_list,
)

# A fact must contain half of the query's weight, or a third of it in two or more of the query's
# concepts: long questions carry words ("used as justification") no answer needs to repeat.
FLOOR, FLOOR_SEVERAL = 0.5, 1 / 3
MAX_CONCEPTS = 32  # a longer query is cut to its first words, with a warning
MAX_QUERY_CHARS = 1_000  # only this much of a very long query is read, with a warning
RANK_CAP = 20_000  # more matches than this are taken in document order, not sorted by bm25
# A sentence next to one of the CONTEXT_FROM best answers may answer with it ("The package
# includes C$500 million", after "a support package for steel"): it is scored with that
# answer's words at CONTEXT quality, when it matches at least one concept itself.
CONTEXT, CONTEXT_FROM = 0.5, 30
LEAD = 0.2  # a query word found only in the first sentence of the fact's article
# A name that one article is about ("Laurentide" in its annual letter, "Kettle Ridge" in a case
# study) stands behind that article's facts that leave it out ("Revenue fell 6.8 per cent",
# "Option B was to open a sales office"): they count it at SUBJECT quality. An article is about
# a name that its opening names and that it goes on to name again (``subject_articles``).
SUBJECT, SUBJECT_MENTIONS, SUBJECT_OPENING = 0.6, 2, 10
_SUBJECT_DF = 2_000  # a name in more facts than this is no few articles' subject
_SUBJECT_ARTICLES = 50
_SUBJECT_FACTS = 2_000  # a longer file is read as no one article about one name
# A sentence right after an answer that points back at it ("That figure was down 9 per cent.",
# "About 79% of those vehicles ...", "Since 2023, it has applied ...") goes on with the answer,
# even when it repeats none of the query's words; the answer's words count at GOES_ON quality.
GOES_ON = 0.75
# So does a quote that its speaker, named before, is said to have said ("“We signed a 10-year
# lease,” she said."), and "Both men ..." after a sentence that names two.
_REFERS_BACK = re.compile(
    r"""^["“‘']?(?:(?:But|And|Yet|So|Still|However),? )?"""
    r"(?:It|Its|This|That|These|Those|They|Their|He|She|His|Her|Such)\b"
    r"|^(?:Both|Neither) (?:men|women|of them|leaders|ministers|officials|sides|parties"
    r"|countries|governments|companies|firms)\b"
    r"|^(?:\S+ ){0,5}(?:it|they)\b"  # "The Tribunal noted that they may ask ..."
    r"|\b(?:of|from|for|on) (?:that|those|these|it)\b"
    r"|\b(?:those|these) [a-z]"
    r"""|["”],? (?:he|she|they) (?:said|says|added|adds|noted|warned|argued|explained)\b"""
)
# The other case of the condition just told, whether in its paragraph or the next item of a list
# ("• If all three confirm, it is extended to 2042" / "• If not, annual reviews follow").
_OTHER_CASE = re.compile(r"(?:If not|If so|Otherwise|Failing that|In that case)\b")
# A question in the text (a Q&A's, an interviewer's) asks what the query asks; the facts of the
# paragraph after it answer it, as goes on from it (those among the ANSWER_ROWS facts after the
# question), and it counts a little less than they would (ASKED). An article's first line, a
# headline, is no such question: what follows it is a byline or the story. So, up to ANSWER_ROWS
# facts, do a list's items go on from the sentence that opens it with a colon, a table's rows
# from its heading, and the rest of a turn from its speaker's label (_followers).
ANSWER_ROWS, ASKED = 6, 0.85
# A headline or heading names what the sentences under it tell: it counts a little less.
HEADING = 0.85
SYNONYM, FUZZY = 0.9, 0.8
INITIALS = 0.7
WITHIN = 0.5  # a place inside the country the query names (Lexicon.places_in)
# A word of a table's header row counts in full in the rows under it: a cell is what its column
# says it is (but the word has no place in the row: no proximity, no frequency).
HEADER_CELL = 1.0
_NOT_WORDS = frozenset({"topic", "header"})  # alternatives that are no word of the fact's text
_OWN = frozenset({"exact", "fuzzy"})  # a query word's own forms: as typed, or a typo's fix
# A query word that a topic answers ("CUSMA", for usmca_review's query_words) is found, at this
# quality, in a fact of that topic that names it otherwise ("the pact", "the joint review").
TOPIC = 0.5
# A synonym counts less when the corpus has the word the user typed: "steel surtax" wants the
# facts that say surtax before those that say tariff.
SYNONYM_BESIDE_EXACT = 0.7
SOUND_MIN = 7  # letters of a word that may be spelled by ear (short ones sound like too many)
FURTHER_TYPO_DF = 10  # a fix one edit further is kept when the corpus uses it this many times more
# A name of several words is not enough for a query that asks this many other things of it, one
# of them a word the corpus never uses ("Essex Precision Stamping quarterly revenue").
NAME_ALONE_OTHERS = 2
LIGHT = 0.05  # weight factor of words that say little ("what tariff does Mexico *face*")
K1, B = 1.2, 0.75

# How the parts of the score add up (they are each in [0, 1]).
W_COVERAGE, W_TF, W_PROXIMITY, W_TOPIC, W_INTENT = 0.50, 0.20, 0.12, 0.08, 0.18

_INTENT_FIGURES = {
    "time": {"date", "weekday", "year"},
    "year": {"year", "date"},  # "what year", "since": a year is the whole answer
    "amount": {"money", "percent", "number"},
    "rate": {"money", "percent", "number"},  # "how high is the tariff": a percent, best
    "share": {"percent"},  # "what share of exports go to Mexico": 75%, "three quarters"
    "duration": {"duration", "date", "year"},
}
_INTENT_ENTITIES = {"person": {"person"}, "place": {"place", "country"}}
# "What happens if ..." is answered by a condition and what follows from it ("If one declines,
# the parties meet every year"; "otherwise annual reviews follow until 2036").
_INTENT_TEXT = {
    "condition": re.compile(r"\b(?:if|unless|otherwise|failing that|in that case)\b", re.I),
    # "Why": a fact that gives a cause or a purpose.
    "reason": re.compile(
        r"\b(?:because|due to|owing to|thanks to|driven by|as a result|result of|in response to|"
        r"in retaliation|justif(?:y|ied|ies|ication)|cit(?:ed|es|ing)|blam(?:e|ed|es|ing)|"
        r"reasons?|caus(?:e|ed|es)|so that|in order to|linked to|tied to|amid)\b",
        re.I,
    ),
}
_DAYS = frozenset({"date", "weekday"})
# A negative condition, asked or answered: "if it is not extended", "if one declines", "unless".
_NEGATIVE = re.compile(
    r"\b(?:not|no|never|without|unless|otherwise|fail(?:s|ed|ing|ure)?|declin(?:e|es|ed|ing)"
    r"|refus(?:e|es|ed|ing))\b|n't\b",
    re.IGNORECASE,
)
YEAR_ONLY = 0.75  # how well a year alone says when
# A fact whose trade goes the other way from the query's ("U.S. exports to Mexico" for "how much
# did Mexico export to the US") says something else: its score is cut by this much.
AGAINST_FLOW = 0.8
# A time told from the one before ("The next day, Ottawa adds ...", "two weeks later") says when
# as well as a year alone does: the reader has the date nearby.
_RELATIVE_TIME = re.compile(
    r"\b(?:the (?:next|following|same|previous) (?:day|morning|afternoon|evening|night|week"
    r"|month)|(?:a|one|two|three|four|five|six|\d+) (?:days?|weeks?|months?) (?:later|earlier)"
    r"|(?:later|earlier) that (?:day|week|month))\b",
    re.IGNORECASE,
)


@dataclass
class Concept:
    """One thing the query asks for, and the index terms that count as it."""

    word: str  # as the user typed it
    term: str
    alternatives: dict[str, tuple[str, float]]  # index term -> (how, quality)
    weight: float = 0.0
    # A word of a person's name typed in full ("Margaret Oduya", "Rodrigo Peña Zertuche"): the
    # name's other words stand for it in a fact that names that person ("Oduya said ...",
    # "Mr. Peña said ..."), and only there.
    person: str | None = None
    namesakes: frozenset[str] = frozenset()
    fixes: tuple[str, ...] = ()  # the corpus words it is a typo of, best first
    # The first concept of the proper name it is a word of ("Ferrum Nordique"), or None: the
    # words of one name are one thing asked about when counting how many a fact has.
    name_of: int | None = None
    # Alternatives that stand for the word only in some articles, with those articles: a name's
    # initials ("MCR") where the article writes the name in full too (``_initials_named``).
    only_in: dict[str, frozenset[str]] = field(default_factory=dict)
    # The corpus's places inside the country the word names (Lexicon.places_in): a fact that has
    # one has the word at WITHIN quality, counted after the floor (as a lead's word is), so that
    # they widen no FTS5 match: a fact needs its other words to be an answer.
    places: set[str] = field(default_factory=set)

    @property
    def present(self) -> bool:
        return bool(self.alternatives)

    @property
    def words(self) -> set[str]:
        """The alternatives that are words of a fact's text (not a topic's, nor a header's)."""
        return {t for t, (how, _) in self.alternatives.items() if how not in _NOT_WORDS}

    def stands_in(self, alt: str, source: str) -> bool:
        """Whether an alternative stands for the word in this article: not the same letters
        for another name (``only_in``)."""
        return alt not in self.only_in or source in self.only_in[alt]

    @property
    def own_forms(self) -> frozenset[str]:
        """Its own forms, as typed or a typo's fix (not a synonym's, a topic's or a header's)."""
        return frozenset(t for t, (how, _) in self.alternatives.items() if how in _OWN)


@dataclass
class Query:
    text: str
    concepts: list[Concept]
    intent: str | None = None
    topics: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    # "how many officers": the terms of the thing counted, and how to read a word of a fact.
    counted: frozenset[str] = frozenset()
    term_of: Callable[[str], str | None] | None = None
    # "Mexico export to the US": the terms (with alternatives) of where goods come from and go.
    flow: Flow | None = None
    # "What happens if the pact is not extended": the condition asked about is a negative one.
    negated: bool = False
    # "Who wrote the lesson plan", "authors of the report card": the article's credit line.
    credit: bool = False
    # The index terms of a piece of text ("what is a tariff": of the words a fact defines).
    terms_in: Callable[[str], list[str]] | None = None

    @property
    def total_weight(self) -> float:
        return sum(c.weight for c in self.concepts)

    def thing(self, i: int) -> int:
        """Which thing asked about the i-th concept is: its own, or the name it is a word of."""
        first = self.concepts[i].name_of
        return i if first is None else first

    @cached_property
    def absent(self) -> int:
        """How many of the query's words the corpus has in no form (typos and synonyms too)."""
        return sum(not c.present for c in self.concepts)

    @cached_property
    def own_words(self) -> list[frozenset[str]]:
        """Each concept's own forms (``Concept.own_forms``): read for every fact a "what is"
        query scores, so found once."""
        return [c.own_forms for c in self.concepts]

    def things_asked(self) -> dict[int, list[int]]:
        """Each thing asked about, with its concepts' indices (a name's words: several). Read
        once the names are grouped (``_names_in_query``)."""
        things: dict[int, list[int]] = {}
        for i in range(len(self.concepts)):
            things.setdefault(self.thing(i), []).append(i)
        return things


@dataclass
class SearchResult:
    query: Query
    total: int
    hits: list[Hit]


def edit_budget(term: str) -> int:
    """Typos allowed in a word: none up to 3 letters, 1 up to 5, then 2."""
    n = len(term)
    return 0 if n <= 3 else 1 if n <= 5 else 2


def reaches_floor(share: float, concepts: int, query: Query) -> bool:
    """Whether a share of the query's weight, found in so many concepts, makes an answer.

    A query with two words or more that are nowhere in the corpus ("Japanese yen exchange rate")
    asks about something the corpus does not have: its answers need half of its weight."""
    several = concepts >= 2 and query.absent < 2
    return share >= FLOOR - 1e-9 or (several and share >= FLOOR_SEVERAL)


def idf(df: int, n: int) -> float:
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def parse_query(index: FactIndex, text: str) -> Query:
    """The concepts of a query, with their alternatives and weights in this corpus."""
    if not text or not text.strip():
        raise UsageError(
            'empty query: give some words to look for, e.g. cantrade ask "steel tariff"'
        )
    lex = index.analysers.lexicon
    warnings: list[str] = []
    if len(text) > MAX_QUERY_CHARS:
        warnings.append(
            f"query is {len(text):,} characters long; only the first {MAX_QUERY_CHARS:,} are used"
        )
        text = text[:MAX_QUERY_CHARS]
    folded = fold(text)
    intent, folded_rest = _intent(folded, lex.questions)
    if intent is None and (m := _DEFINITION_ASKED.fullmatch(folded.strip())):
        thing = m.group("thing") or m.group("thing2")
        if len(thing.split()) <= _DEFINED_WORDS - 1:  # not "what is CFMA asking for in the review"
            intent, folded_rest = "definition", thing
    if intent is None:
        intent = next((lex.hints[w] for w in re.findall(r"\w+", folded) if w in lex.hints), None)
    # Keep the original text's spelling for display, but take the words left after the question.
    tokens = lex.tokens(folded_rest, query=True)
    seen: dict[str, Concept] = {}
    for term, start, end in tokens:
        if term not in seen:
            seen[term] = Concept(folded_rest[start:end], term, {})
    concepts = list(seen.values())
    if intent == "duration" and any(c.term not in _DURATION_VERBS for c in concepts):
        # "How long did the meeting last / run / take": the verb is part of the question.
        concepts = [c for c in concepts if c.term not in _DURATION_VERBS]
    # "Who wrote the lesson plan", "authors of the report card": the credit line ("By ...")
    # answers, besides the facts that say it ("Prof. Vandermeer wrote this case"). Not a verb
    # outside a question ("steel exports prepared"), nor a query that is the verb alone.
    asked = {m.group() for m in _CREDIT_ASKED.finditer(folded_rest)}
    if intent is None:
        asked -= _CREDIT_VERBS
    credit = (
        intent in (None, "person") and any(c.word not in asked for c in concepts) and bool(asked)
    )
    if credit:
        intent = "person"
    if len(concepts) > MAX_CONCEPTS:
        warnings.append(
            f"query has {len(concepts)} distinct words; only the first {MAX_CONCEPTS} are used"
        )
        concepts = concepts[:MAX_CONCEPTS]
    if not concepts:
        warnings.append(f"query {text.strip()[:60]!r} has only common words; nothing to look for")
    _find_alternatives(index, concepts, text)
    if credit:
        # A verb of the question the corpus never says ("wrote") asks for the credit line only.
        concepts = [c for c in concepts if c.word not in asked or c.term in c.alternatives]
    n = max(index.n_facts(), 1)
    dfs = index.doc_freq({t for c in concepts for t in c.alternatives})
    light = _light_terms(index)
    for c in concepts:
        # A word the corpus never uses weighs most: it is what the question is about, and the
        # corpus does not answer it ("cheese fondue" where only "cheese" is ever mentioned).
        # (A topic's term is no word of it: "CUSMA" is as rare as the words that say it.)
        df = max((dfs[t] for t in c.words or c.alternatives), default=0)
        c.weight = idf(df, n) * (LIGHT if c.term in light else 1.0)
    topics = index.analysers.topics.query_topics([t for t, _, _ in tokens])
    counted: frozenset[str] = frozenset()
    if intent == "amount" and (m := _HOW_MANY.search(folded)):
        # The thing counted is one of the next two words ("how many border officers work").
        units = {t for w in m.groups() if w and (t := lex.term(w))}
        counted = frozenset(units.union(*(lex.expand(t) for t in units)))
    flow = _query_flow(lex, folded_rest, concepts)
    negated = intent == "condition" and bool(_NEGATIVE.search(folded_rest))
    return Query(
        text,
        concepts,
        intent,
        topics,
        warnings,
        counted,
        lex.term,
        flow,
        negated,
        credit,
        lambda piece: [t for t, _, _ in lex.tokens(piece)],
    )


# Who made an article: its authors, editors, signatories ("who wrote / edits / prepared the X").
_CREDIT_VERBS = frozenset(
    {"wrote", "writes", "written", "authored", "edits", "edited", "prepared", "compiled"}
)
_CREDIT_ASKED = re.compile(rf"\b(?:{'|'.join(_CREDIT_VERBS)}|authors?|editors?|byline)\b")
# A credit line: "By Priya Roy in Mexico City", "Prepared by: Mr. D. Okonkwo", "Authors: Dr. Noor
# Salas", "— Tamsin Abernathy-Ruiz, editor".
_CREDIT_LINE = re.compile(
    r"(?:(?:(?:Prepared|Written|Reported|Compiled|Edited|Researched) by|By|Authors?|Editors?"
    r"|Editor-in-chief|Byline):? (?=[A-ZÀ-ÖØ-Þ])"
    r"|[—–] ?[A-ZÀ-ÖØ-Þ][^,|]{2,60}, (?:editor|author|publisher|correspondent)\b)"
)
CREDIT_ARTICLES = 3  # the credit lines of the articles of the best answers, at most so many
CREDIT = 1.05  # a credit line ranks just above its article's best answer
CREDIT_LOOKS = 200  # facts read to find the articles of a credit query that no fact answers


_HOW_MANY = re.compile(r"\bhow many (?:more |fewer )?(\w+)(?: (\w+))?")
_DURATION_VERBS = frozenset({"last", "run", "take"})  # as index terms


def _light_terms(index: FactIndex) -> set[str]:
    lex = index.analysers.lexicon
    return {t for w in lex.light if (t := lex.term(w))}


def _intent(folded: str, questions: dict[str, str]) -> tuple[str | None, str]:
    """The kind of answer a question asks for, and the query without its question words."""
    words = folded.split()
    for phrase in sorted(questions, key=lambda p: -len(p.split())):
        parts = phrase.split()
        k = len(parts)
        for i in range(len(words) - k + 1):
            if [w.strip("?,.!") for w in words[i : i + k]] == parts:
                rest = " ".join(words[:i] + words[i + k :])
                return questions[phrase], rest
    return None, folded


def _find_alternatives(index: FactIndex, concepts: list[Concept], text: str = "") -> None:
    lex = index.analysers.lexicon
    in_names: set[str] | None = None  # the words of the names of several words the query has
    wanted = {c.term for c in concepts}
    for c in concepts:
        wanted |= lex.expand(c.term)
    dfs = index.doc_freq(wanted)
    for c in concepts:
        exact = bool(dfs.get(c.term))
        if exact:
            c.alternatives[c.term] = ("exact", 1.0)
        for syn in lex.expand(c.term):
            if dfs.get(syn):
                c.alternatives.setdefault(
                    syn, ("synonym", SYNONYM_BESIDE_EXACT if exact else SYNONYM)
                )
        if c.alternatives:
            # A country the corpus names is named in part by its places: "how much fentanyl did
            # Mexico seize" is answered by "214 kg of fentanyl seized in Sinaloa and Sonora".
            # (Not a capital, a synonym of its country: "what did Ottawa impose" asks about the
            # government, which Alberta or Ontario is not. All the places' terms are read only
            # for a word with a country among its forms: about 1 ms.)
            places = set().union(*(lex.places_in(t) for t in (c.term, *lex.expand(c.term))))
            if places and c.term not in lex.place_terms:
                for place, df in index.doc_freq(places - c.alternatives.keys()).items():
                    if df:
                        c.places.add(place)
        if not c.alternatives:
            # A word the corpus says otherwise: a kind of good by another word of its family
            # ("pork" where it says "hog"), then a word by those that stand in for it (a "trade
            # deficit" given as exports and imports).
            for otherwise in (lex.kinds, lex.other_words):
                if not c.alternatives and c.term in otherwise:
                    for alt, df in index.doc_freq(otherwise[c.term]).items():
                        if df:
                            c.alternatives.setdefault(alt, ("synonym", SYNONYM))
        # A kind of good that the corpus lacks is a real word, not a typo of a word it has:
        # "copper" is not "cooper".
        if not c.alternatives and not c.term[0].isdigit() and c.term not in lex.kinds:
            if _capitalised_in(text, c.word) and fold(c.word) in index.analysers.names:
                # A capitalised word the gazetteer knows is that name, not a typo ("Coutts" is
                # not "counts"): unmentioned_names says when the corpus lacks it. (Only then are
                # the names read: "stel tarif" does not pay for them.)
                continue
            fixes = _typo_candidates(index, c.term)
            typed = c.word.casefold()
            if not fixes and typed != c.term and typed.isalpha():
                # The slip is in the word as typed: "fentanly" (stem "fentan") is "fentanyl".
                # But a word of a name typed whole is that name, not a typo ("Peace Bridge" is
                # not "place"): unmentioned_names says when the corpus lacks it. (The names are
                # read only here: loading them costs a query tens of milliseconds.)
                if in_names is None:
                    in_names = {w for key in _whole_names(index, text) for w in key.split()}
                if fold(c.word) not in in_names:
                    fixes = _typo_candidates(index, typed)
            c.fixes = tuple(fixed for fixed, _ in fixes)
            for fixed, dist in fixes:
                quality = FUZZY - 0.1 * (dist - 1)
                c.alternatives.setdefault(fixed, ("fuzzy", quality))
                syns = lex.expand(fixed)
                for syn, df in index.doc_freq(syns).items():
                    if df:
                        c.alternatives.setdefault(syn, ("fuzzy", quality * SYNONYM))
    # A word of a table's header row stands in every row below it: "rating" in "State of
    # Guanajuato | BBB+ | Stable" under "Issuer | Rating | Outlook".
    in_header = {
        c.term: {header_term(t): q for t, (_, q) in c.alternatives.items()} for c in concepts
    }
    dfs = index.doc_freq({t for alts in in_header.values() for t in alts})
    for c in concepts:
        for term, q in in_header[c.term].items():
            if dfs[term]:
                c.alternatives.setdefault(term, ("header", q * HEADER_CELL))
    answering = index.analysers.topics.answering_topics
    if answering:
        for c in concepts:
            # The word as typed or a typo's fix, not a synonym's: "safety" (a synonym of
            # "security") is no question about border security.
            words = {c.term, *c.own_forms}
            topic_terms = {t for w in words if w in answering for t in answering[w]}
            for term, df in index.doc_freq(topic_terms).items():
                if df:
                    c.alternatives.setdefault(term, ("topic", TOPIC))


def _typo_candidates(index: FactIndex, term: str) -> list[tuple[str, int]]:
    """Corpus terms within the edit budget of a term that the corpus does not have."""
    budget = edit_budget(term)
    if budget == 0:
        return []
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import OSA

    vocab = index.vocabulary_near(term, budget)
    found = [
        (t, d, i)
        for t, d, i in process.extract(
            term, vocab, scorer=OSA.distance, score_cutoff=budget, limit=None
        )
        if (_slip_of_key(term, t) if d < 2 else _slip(term, t))
    ]
    if not found:
        if len(term) < SOUND_MIN:
            return []
        # A long word spelled by ear ("metamfetamine" for "methamphetamine"): the same sounds
        # within one edit, and one edit over the budget as written; counted as the budget.
        key, start = sound_key(term), term[:2]
        near = [t for t in index.vocabulary_near(term, budget + 2) if t.startswith(start)]
        keys = [sound_key(t) for t in near]
        return [
            (near[i], budget)
            for _, d, i in process.extract(key, keys, scorer=OSA.distance, score_cutoff=1)
            if OSA.distance(term, near[i]) <= budget + 1 and _slip_of_key(term, near[i])
        ][:5]
    best = min(d for _, d, _ in found)
    closest = [t for t, d, _ in found if d == best]
    # Only the closest ones ("tarrif" is "tariff", not every word two edits away), and among
    # those the most alike: "stel" is "steel" (all its letters) before "step".
    alike = {t: fuzz.ratio(term, t) for t in closest}
    top = max(alike.values())
    fixes = [(t, int(best)) for t in closest if alike[t] == top][:5]
    # But a word one edit further, as long as the word typed, that the corpus uses far more is
    # the likelier slip, and comes first: "tarrif" is "tariff" (in 300 facts) before the French
    # "tarif" (in two). (Not a longer one: "trafic" is "traffic", not "trafficking".)
    further = [t for t, d, _ in found if d == best + 1 and len(t) == len(term)]
    if further:
        dfs = index.doc_freq([*(t for t, _ in fixes), *further])
        common = FURTHER_TYPO_DF * max(dfs[t] for t, _ in fixes)
        fixes = [(t, int(best) + 1) for t in further if dfs[t] >= common][:5] + fixes
    return fixes


def _slip(typed: str, word: str) -> bool:
    """Whether two edits apart can be a slip of the keys: the same letters but for one ("tarrif"
    for "tariff", "traffikcing"), not another word ("strike" is not "stake", "interest" not
    "international"), nor the word with more letters after it ("electric" is not "electron"),
    nor a word two letters shorter: two letters typed that belong to no word are rare, and a
    real word the corpus lacks is common ("forecast" is not "forest", "weather" not "water")."""
    if word.startswith(typed) or typed.startswith(word) or len(typed) - len(word) >= 2:
        return False
    return (
        sum((Counter(typed) - Counter(word)).values())
        + sum((Counter(word) - Counter(typed)).values())
        <= 2
    )


_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {k: (r, i + r / 2) for r, row in enumerate(_KEY_ROWS) for i, k in enumerate(row)}
# Letters one writes for another by ear: vowels, and consonants of one sound in some spelling.
_SAME_SOUND = ("aeiouy", "ckqsz", "bvw", "mn", "dt", "gj", "hj", "fv", "lr")


def _slip_of_key(typed: str, word: str) -> bool:
    """Whether one letter written for another can be a slip: a key next to it, or a letter of
    the same sound. "Prevent" is not "present", nor "price" "prime": real words the corpus
    lacks, not typos of words it has. (Other single edits are slips.)"""
    if len(typed) != len(word):
        return True
    diff = [(a, b) for a, b in zip(typed, word, strict=True) if a != b]
    if len(diff) != 1:
        return True  # two letters swapped
    a, b = diff[0]
    if a in _KEY_AT and b in _KEY_AT:
        (ra, ca), (rb, cb) = _KEY_AT[a], _KEY_AT[b]
        if abs(ra - rb) <= 1 and abs(ca - cb) <= 1:
            return True
    return any(a in group and b in group for group in _SAME_SOUND)


_SOUNDS = [("ph", "f"), ("th", "t"), ("ck", "k"), ("y", "i"), ("z", "s")]
_DOUBLED_RE = re.compile(r"(\w)\1+")
_WORD_RE = re.compile(r"[^\W_]+")


def sound_key(term: str) -> str:
    """A term as it sounds, roughly: the spellings of one sound made one, doubled letters single."""
    for written, sound in _SOUNDS:
        term = term.replace(written, sound)
    return _DOUBLED_RE.sub(r"\1", term)


def unmentioned_names(index: FactIndex, query: Query) -> list[str]:
    """The query's words that name a country, place, person or organisation the corpus mentions
    by none of its names ("Canadian exports to China" where no fact says China, Chinese or
    Beijing), or a kind of good or drug it mentions by no word of its family ("cranberry duty"
    where the articles are about blueberries). The query asks about that one: facts that have its
    other words do not answer it, however much of its weight they carry."""
    absent = [c for c in query.concepts if not c.present]
    if not absent:
        return []
    lex = index.analysers.lexicon

    def mentioned(names: tuple[str, ...]) -> bool:
        spelled = [lex.terms(name) for name in names]
        dfs = index.doc_freq({t for terms in spelled for t in terms})
        return any(terms and all(dfs.get(t) for t in terms) for terms in spelled)

    names = index.analysers.names
    whole = _whole_names(index, query.text)
    missing = []
    for c in absent:
        if c.term in lex.kinds:
            # _find_alternatives found no word of its family in the corpus, or it would be present.
            missing.append(c.word)
            continue
        word = fold(c.word)
        # A word may name more than one thing ("Washington"): any of them mentioned will do.
        entities = list(names.get(word, []))
        entities += [named for key in whole if word in key.split() for named in names[key]]
        if entities and not any(mentioned(named) for named in entities):
            name = entities[0][0]
            missing.append(name if fold(name) == word else f"{c.word} ({name})")
    return missing


def _capitalised_in(text: str, word: str) -> bool:
    """Whether the query typed this (folded) word with a capital: "Coutts", not "coutts"."""
    folded = fold(word)
    return any(w[0].isupper() and fold(w) == folded for w in _WORD_RE.findall(text))


def _whole_names(index: FactIndex, text: str) -> list[str]:
    """The names of several words that a query has whole ("waits at the Peace Bridge")."""
    words = " " + " ".join(_WORD_RE.findall(fold(text))) + " "
    return [key for key in index.analysers.names if " " in key and f" {key} " in words]


def _people_named(index: FactIndex, query: Query) -> None:
    """Find the people a query names in full ("Margaret Oduya", "jose luis garza", even "Gurpreet
    Dhilon" for Gurpreet Dhillon): two or three query words in a row that a fact of the corpus has
    in a row as a person's name (its last words, or a given name and a first surname:
    ``_names_end_or_open``). Each word of the name then also finds the others, in facts that name
    the same person by one of them ("Oduya said ...", "Mr. Peña said ..."): the name extractor
    knows that "Oduya" there is Margaret Oduya."""
    concepts = query.concepts
    lex = index.analysers.lexicon
    looks = 0
    # Names as typed first, then with typos, whose look-ups are counted: a query of typos could
    # otherwise try dozens of spellings.
    for typos, size in ((False, 3), (False, 2), (True, 3), (True, 2)):
        for i in range(len(concepts) - size + 1):
            run = concepts[i : i + size]
            if any(c.person for c in run):
                continue  # in a name found already
            spellings = [_name_spellings(c, lex) for c in run]
            if any(sp != [c.term] for c, sp in zip(run, spellings, strict=True)) != typos:
                continue
            for name in product(*spellings):
                looks += typos
                if looks > _NAME_LOOKS:
                    return  # a long query of typos: its first runs only
                rows = index.candidates(fts_phrase(" ".join(name)), 20, False)
                person = next(
                    (
                        fold(e.name)
                        for fact in index.facts_by_ids([r for r, _ in rows]).values()
                        for e in fact.entities
                        if e.kind == "person" and _names_end_or_open(fold(e.name), name, lex.term)
                    ),
                    None,
                )
                if person:
                    for c, spelled in zip(run, name, strict=True):
                        c.person = person
                        c.namesakes = frozenset(name) - {spelled}
                        for other in c.namesakes:
                            c.alternatives.setdefault(other, ("synonym", SYNONYM))
                    break


_NAME_LOOKS = 24  # phrase look-ups for misspelled names in one query, at most


def _names_in_query(index: FactIndex, query: Query) -> None:
    """Group the query's words that the corpus writes as one proper name ("Ferrum Nordique",
    "Kestrel Drivetrain"): two rare words in a row that a fact has in a row, each with a capital.
    A fact with only the name has one thing the query asks about, not two: "Ferrum Nordique
    quarterly earnings" is not answered by a fact that only names the company."""
    concepts = query.concepts
    n = max(index.n_facts(), 1)
    rare = idf(max(_NAME_DF, n // 1000), n)  # in 5 facts or one in a thousand, at most
    for i in range(len(concepts) - 1):
        a, b = concepts[i], concepts[i + 1]
        if a.person or b.person or min(a.weight, b.weight) < rare:
            continue
        if a.term not in a.alternatives or b.term not in b.alternatives:
            continue
        rows = index.candidates(fts_phrase(f"{a.term} {b.term}"), _NAME_FACTS, False)
        if any(
            _capitalised_run(fact.text, (a.term, b.term), index.analysers.lexicon.term)
            for fact in index.facts_by_ids([r for r, _ in rows]).values()
        ):
            b.name_of = query.thing(i)


_NAME_DF, _NAME_FACTS = 5, 5


def _initials_named(index: FactIndex, query: Query) -> None:
    """A name of three words or more that the query has ("Meridian Continental Railway") is
    found by its initials ("MCR does not act as a customs broker") in the articles that write
    both: the initials in capitals, and the name with a capital to each word, either defining
    the initials ("Meridian Continental Railway (MCR)") or standing alone, not as a piece of a
    title-case headline ("Canadian Auto Dealers Brace for Tariffs" does not make "CAD" theirs).
    Its words are then one thing asked about, and each finds the initials as a synonym, at
    INITIALS quality, in those articles only. The initials are looked up first (most runs of
    query words have none in the corpus), and at most _INITIALS_LOOKS runs whose initials the
    corpus has are read further."""
    concepts = query.concepts
    lex = index.analysers.lexicon
    runs: dict[tuple[int, int], tuple[str, str]] = {}  # (first, end) -> (initials, their term)
    for size in range(min(len(concepts), _INITIALS_WORDS), 2, -1):
        for i in range(len(concepts) - size + 1):
            run = concepts[i : i + size]
            if all(c.term in c.alternatives and c.word[:1].isalpha() for c in run):
                letters = "".join(c.word[0] for c in run).upper()
                if letters.isascii() and (term := lex.term(letters.lower())):
                    runs[i, i + size] = letters, term
    dfs = index.doc_freq({term for _, term in runs.values()})
    taken: set[int] = set()
    looks = 0
    for (i, end), (letters, term) in runs.items():  # longest first
        if not dfs[term] or taken.intersection(range(i, end)):
            continue
        looks += 1
        if looks > _INITIALS_LOOKS:
            break
        terms = tuple(c.term for c in concepts[i:end])
        defined = re.compile(rf"\({letters}s?\)|\b{letters}s? \(")
        rows = index.candidates(fts_phrase(" ".join(terms)), _INITIALS_FACTS, False)
        named = {
            f.source
            for f in index.facts_by_ids([r for r, _ in rows]).values()
            if _capitalised_run(f.text, terms, lex.term, alone=not defined.search(f.text))
        }
        if not named:
            continue
        written = re.compile(rf"\b{letters}s?\b")
        rows = index.candidates(fts_phrase(term), _INITIALS_FACTS, False, None, sorted(named))
        sources = frozenset(
            f.source
            for f in index.facts_by_ids([r for r, _ in rows]).values()
            if written.search(f.text)
        )
        if not sources:
            continue
        taken.update(range(i, end))
        first = query.thing(i)
        for c in concepts[i:end]:
            if term not in c.alternatives:  # a synonym it has already counts everywhere
                c.alternatives[term] = ("synonym", INITIALS)
                c.only_in[term] = sources
            if c is not concepts[i]:
                c.name_of = first


_INITIALS_WORDS = 6  # a name's words, at most, whose initials are looked for
_INITIALS_LOOKS = 3  # runs of query words whose initials the corpus has, at most, read further
_INITIALS_FACTS = 50  # facts read to find the articles that name it, then those with its initials


def _capitalised_run(
    text: str, terms: tuple[str, ...], term_of: Callable[[str], str | None], alone: bool = False
) -> bool:
    """Whether a text has words in a row, each with a capital, whose terms are these; if
    ``alone``, with no other capitalised word right before them (but "The") or right after
    them: a name of its own, not a piece of a title-case headline or of a longer name."""
    spans = list(_WORD_RE.finditer(text)) if alone else None
    words = _WORD_RE.findall(text) if spans is None else [m.group() for m in spans]
    k = len(terms)
    for j in range(len(words) - k + 1):
        run = words[j : j + k]
        if not all(w[:1].isupper() for w in run):
            continue
        if tuple(term_of(w.lower()) for w in run) != terms:
            continue
        if spans is None or _stands_alone(text, spans, j, j + k):
            return True
    return False


def _stands_alone(text: str, spans: list[re.Match[str]], first: int, end: int) -> bool:
    """Whether the words ``spans[first:end]`` have no capitalised word right before them (but
    "The") or right after them, with only space between."""
    if first > 0:
        before = spans[first - 1]
        if (
            before.group()[:1].isupper()
            and before.group() != "The"
            and not text[before.end() : spans[first].start()].strip()
        ):
            return False
    if end < len(spans):
        after = spans[end]
        if after.group()[:1].isupper() and not text[spans[end - 1].end() : after.start()].strip():
            return False
    return True


def _name_spellings(c: Concept, lex: Lexicon) -> list[str]:
    """How a query word may be spelled in a name: as typed, or when the corpus lacks it, as the
    two corpus words it is likeliest a typo of. A word with synonyms is no name, nor a typo of
    one ("canda" is Canada, Canadian or Ottawa)."""
    if c.words == {c.term}:
        return [c.term]
    if c.fixes and not any(lex.expand(f) for f in c.fixes):
        return list(c.fixes[:2])
    return []


def _names_end_or_open(
    name: str, terms: tuple[str, ...], term_of: Callable[[str], str | None]
) -> bool:
    """Whether query words (as index terms) are a name's last words ("Oduya", "Medina Ochoa"),
    or its first of three or more: a given name and the first of two surnames ("Rafael Quiñones"
    for Rafael Quiñones Villarreal, whom a courtesy title names by it, "Mr. Quiñones")."""
    parts = tuple(t for w in _WORD_RE.findall(name) if (t := term_of(w)))
    n = len(terms)
    return parts[-n:] == terms or (len(parts) > n and parts[:n] == terms)


def _names_person(fact: Fact, person: str) -> bool:
    return any(e.kind == "person" and fold(e.name) == person for e in fact.entities)


def subject_articles(
    index: FactIndex, query: Query, sources: Sequence[str] | None = None
) -> dict[str, frozenset[int]]:
    """The articles about a name the query asks for, each with the concepts of its names: a
    name (one word or several, as the query groups them) with no other word for it (not
    "Mexico", which "Mexican" also names), that one of an article's first SUBJECT_OPENING facts
    has (its masthead, a court's or a programme's header, a title or a lede) and
    SUBJECT_MENTIONS of its facts in all, written with a capital in most of them and, in one at
    least, inside a line past its first word or, for a name of several words, whole (a name, not
    "Revenue" opening some, nor a caption's "Chart 3: Lumber prices"). A query that is the name
    alone ("Bayfront Steel") asks for no subject. Only the _SUBJECT_ARTICLES articles that name
    it most, of those ``sources`` allows."""
    term_of = index.analysers.lexicon.term
    out: dict[str, frozenset[int]] = {}
    for members in query.things_asked().values():
        concepts = [query.concepts[i] for i in members]
        if not all(c.words - c.only_in.keys() == {c.term} for c in concepts):
            continue  # not a word of the corpus as typed, or one with other words for it
        terms = tuple(c.term for c in concepts)
        # A name is mentioned where its first word is: a name of several words is often
        # shortened to it ("Northstar" for Northstar Freightways) once given in full.
        if not SUBJECT_MENTIONS <= index.doc_freq([terms[0]])[terms[0]] <= _SUBJECT_DF:
            continue  # the vocabulary's count: no FTS5 query for a common word
        expr = fts_phrase(terms[0])
        about = [
            source
            for source, mentions, first in sorted(index.sources_matching(expr), key=lambda r: -r[1])
            if mentions >= SUBJECT_MENTIONS
            and first <= SUBJECT_OPENING
            and (not sources or source in sources)
        ][:_SUBJECT_ARTICLES]
        if not about:
            continue
        rows = index.candidates(expr, _SUBJECT_DF, False, sources=about)
        texts: dict[str, list[str]] = {}
        for fact in index.facts_by_ids([r for r, _ in rows]).values():
            texts.setdefault(fact.source, []).append(fact.text)
        for source, said in texts.items():
            capitals = sum(_capitalised_run(t, terms[:1], term_of) for t in said)
            # A name of several words written whole is a name wherever it stands ("Sierra Boreal
            # is a Vancouver-based producer"); one word, only past a line's first word.
            inside = any(
                " " in t
                and not is_caption(t)
                and (
                    _capitalised_run(t.split(" ", 1)[1], terms[:1], term_of)
                    or (len(terms) > 1 and _capitalised_run(t, terms, term_of))
                )
                for t in said
            )
            if not inside or 2 * capitals <= len(said):
                continue

            def named(lo: int, hi: int) -> bool:
                run = tuple(query.concepts[k].term for k in range(lo, hi + 1))
                return any(_capitalised_run(t, run, term_of) for t in said)  # noqa: B023

            # The query's words next to it that the article writes as part of the name.
            lo, hi = members[0], members[-1]
            while lo > 0 and named(lo - 1, hi):
                lo -= 1
            while hi + 1 < len(query.concepts) and named(lo, hi + 1):
                hi += 1
            if hi - lo + 1 < len(query.concepts):
                out[source] = out.get(source, frozenset()) | frozenset(range(lo, hi + 1))
    return out


def _concept_expr(c: Concept) -> str:
    return _any_of(c.alternatives)


def _any_of(terms: Iterable[str]) -> str:
    return "(" + " OR ".join(map(fts_phrase, terms)) + ")"


class _Way(NamedTuple):
    """One way a fact can have a concept: by its words, or by a topic that answers it."""

    concept: int  # its index in the query
    terms: tuple[str, ...]
    value: float  # the concept's weight at the best quality this way gives


def floor_expression(query: Query) -> str | None:
    """An FTS5 expression true exactly for facts above the floor (FLOOR of the query's weight,
    or FLOOR_SEVERAL in two concepts or more, each concept counted at its best quality, and a
    concept found only by a topic at TOPIC); None when no fact can be."""
    total = query.total_weight
    if total <= 0:
        return None
    ways: list[_Way] = []
    for i, c in enumerate(query.concepts):
        # By its words, by a table's header, by a topic: each way at its best quality.
        by_how: dict[str, list[str]] = {}
        for t, (how, _) in c.alternatives.items():
            by_how.setdefault(how if how in _NOT_WORDS else "", []).append(t)
        for terms in by_how.values():
            best = max(c.alternatives[t][1] for t in terms)
            ways.append(_Way(i, tuple(terms), c.weight * best))
    if not ways:
        return None

    def enough(combo: tuple[_Way, ...]) -> bool:
        concepts = {w.concept for w in combo}
        if len(concepts) < len(combo):
            return False  # one concept two ways: the better one alone says as much
        things = len({query.thing(i) for i in concepts})
        return reaches_floor(sum(w.value for w in combo) / total, things, query)

    best_each: dict[int, _Way] = {}
    for w in ways:
        if w.concept not in best_each or w.value > best_each[w.concept].value:
            best_each[w.concept] = w
    if not enough(tuple(best_each.values())):
        return None
    # Minimal sets of ways that reach the floor; small queries, so enumeration is cheap.
    ways.sort(key=lambda w: -w.value)
    ways = ways[:12]
    minimal: list[tuple[_Way, ...]] = []
    for size in range(1, len(ways) + 1):
        for combo in combinations(ways, size):
            if not enough(combo):
                continue
            if any(set(m) <= set(combo) for m in minimal):
                continue
            minimal.append(combo)
        if len(minimal) > 200:
            break
    if not minimal:
        return None
    exprs = {w: _any_of(w.terms) for m in minimal for w in m}
    return _factored([frozenset(m) for m in minimal], exprs)


def _factored(groups: list[frozenset[_Way]], exprs: dict[_Way, str]) -> str:
    """``(a AND b) OR (a AND c) OR d`` as ``(a AND (b OR c)) OR d``: the same facts, but each word
    read once where it was read in many groups. FTS5 reads a word's list of facts for each time
    the expression names it, and a long query's minimal sets name its common words in dozens
    (4.3 s for a query of ten common words over a million facts)."""
    counts: dict[_Way, int] = {}
    for g in groups:
        for w in g:
            counts[w] = counts.get(w, 0) + 1
    # The way in most groups; of those, the rarest (highest weight), which FTS5 steps through
    # fastest at the head of an AND.
    top = max(counts, key=lambda w: (counts[w], w.value))
    rest = [g - {top} for g in groups if top in g]
    without = [g for g in groups if top not in g]
    if any(not g for g in rest):
        head = exprs[top]  # enough alone (the sets are minimal: no other set holds it)
    else:
        head = f"({exprs[top]} AND ({_factored(rest, exprs)}))"
    return head if not without else f"{head} OR {_factored(without, exprs)}"


def search(
    index: FactIndex,
    text: str,
    *,
    limit: int | None = 10,
    topics: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
) -> SearchResult:
    """The facts that answer a query, best first, and how many there are in all."""
    query = parse_query(index, text)
    _people_named(index, query)
    _names_in_query(index, query)
    _initials_named(index, query)
    if missing := unmentioned_names(index, query):
        query.warnings.append(f"no fact mentions {', '.join(missing)} under any of its names")
        return SearchResult(query, 0, [])
    expr = floor_expression(query)
    total = 0 if expr is None else index.count_matches(expr, topics, sources)
    if expr is None or total == 0:
        return _credits_alone(index, query, limit, topics, sources)
    want = max(200, 5 * min(limit or 10, 100_000))
    # Facts with every concept first, then the rest of those above the floor.
    present = [c for c in query.concepts if c.present]
    tiers = [" AND ".join(_concept_expr(c) for c in present), expr]
    cands: dict[int, str] = {}
    for tier in dict.fromkeys(tiers):
        n = total if tier == expr else index.count_matches(tier, topics, sources, RANK_CAP + 1)
        if n == 0:
            continue
        for rowid, terms in index.candidates(tier, want, n <= RANK_CAP, topics, sources):
            cands.setdefault(rowid, terms)
        if len(cands) >= want:
            break
    # An article's subject stands behind its facts: those with another query word of their own
    # are candidates too (score_fact decides whether they reach the floor with it). An article
    # is read whole, by its rows, not by an FTS5 match that would scan the corpus.
    subjects = subject_articles(index, query, sources)
    for source, granted in subjects.items():
        own = {a for i, c in enumerate(query.concepts) if i not in granted for a in c.alternatives}
        for rowid, terms in _article_rows(index, source, topics):
            if rowid not in cands and not own.isdisjoint(terms.split()):
                cands[rowid] = terms
                total += 1  # taken back below if it does not reach the floor
    # A name given in full, then by its last word ("the Querétaro Joint Declaration ... The
    # Declaration also sets a goal"): that fact has the name's other words too.
    shortened = short_names(index, query, sources, topics)
    for rowid, (terms, _) in shortened.items():
        if rowid not in cands:
            cands[rowid] = terms
            total += 1  # taken back below if it does not reach the floor
    facts = index.facts_by_ids(list(cands))
    avg = index.avg_terms() or 1.0
    lex = index.analysers.lexicon
    sources = {f.source for f in facts.values()}
    leads = {
        name: {w for w in t.split() if not is_topic_term(w)}
        for name, t in index.lead_terms(sources).items()
    }
    scored = []
    for rowid, terms in cands.items():
        fact = facts[rowid]
        score = score_fact(
            query,
            terms.split(),
            fact,
            avg,
            lead=leads.get(fact.source),
            subject=subjects.get(fact.source, frozenset()) | shortened.get(rowid, ("", _NONE))[1],
        )
        if score is None:  # above the floor only by a better alternative than it has
            total -= 1
            continue
        if query.flow and _against_flow(query.flow, trade_flows(lex, fact.text, proper=True)):
            score *= AGAINST_FLOW
        scored.append((score, facts[rowid], rowid))
    scored.sort(key=_best_first)
    if query.intent == "person" and scored:  # a credit query is a "who" query too
        credits = _credit_lines(index, query, scored, topics)
        for _, fact, rowid, terms in credits:
            total += rowid not in cands
            cands[rowid], facts[rowid] = terms, fact
        rows = {rowid for *_, rowid, _ in credits}
        scored = [x for x in scored if x[2] not in rows] + [c[:3] for c in credits]
        scored.sort(key=_best_first)
    by_row = {rowid: (score, fact) for score, fact, rowid in scored}
    best = scored[:CONTEXT_FROM]
    for score, fact, rowid in _with_context(index, query, best, cands, facts, avg):
        if topics and not set(topics) & set(fact.topics):
            continue
        if sources and fact.source not in sources:
            continue
        if rowid not in by_row:
            total += 1
        if score > by_row.get(rowid, (-1.0,))[0]:
            by_row[rowid] = (score, fact)
    scored = sorted(((s, f, r) for r, (s, f) in by_row.items()), key=_best_first)
    return SearchResult(query, total, _hits(index, query, scored, limit))


def _best_first(scored: tuple[Any, ...]) -> tuple[float, str, int]:
    """The order of (score, fact, ...) answers: best first, ties in document order (source
    name, then sentence number)."""
    score, fact = scored[0], scored[1]
    return (-round(score, 6), fact.source, fact.sentence)


def _hits(
    index: FactIndex, query: Query, ranked: Sequence[tuple[Any, ...]], limit: int | None
) -> list[Hit]:
    """The first ``limit`` of (score, fact, ...) answers, ranked, as hits."""
    chosen = ranked if limit is None else ranked[:limit]
    return [
        Hit(fact, rank, round(score, 4), matches_in(index, query, fact))
        for rank, (score, fact, *_) in enumerate(chosen, start=1)
    ]


_NONE: frozenset[int] = frozenset()
_SHORT_WORDS = 4  # a name's words, at most, whose last word may stand for it
_SHORT_LOOKS = 3  # names written in full in the corpus, at most, whose short form is looked for
_SHORT_ROWS = 100  # facts with the name's last word read per article, at most
_SHORT_FACTS = 50  # facts of its rarest word read to find the articles that write a name in full
# "the Declaration", "The Fund": a word with a capital after "the", and none right after it.
# (Nor one that goes on with "of", "for" ... and a capital: "The Bank of Canada" is another bank.)
_THE_NAME = re.compile(
    r"\b[Tt]he ([A-ZÀ-ÖØ-Þ][\w'’-]*)(?! [A-ZÀ-ÖØ-Þ]| (?:of|for|on|de|del|and|&) [A-ZÀ-ÖØ-Þ])"
)


def short_names(
    index: FactIndex,
    query: Query,
    sources: Sequence[str] | None = None,
    topics: Sequence[str] | None = None,
) -> dict[int, tuple[str, frozenset[int]]]:
    """The facts that name a name of the query by its last word, capitalised after "the" ("The
    Declaration also sets a goal of C$82 billion"), in the articles that write the name in full
    and alone ("the Querétaro Joint Declaration"; not a title-case headline's words): fact id ->
    (its terms, the concepts of the name's other words, which it has at SUBJECT quality).
    Names of two to _SHORT_WORDS query words, longest first, at most _SHORT_LOOKS of them."""
    concepts = query.concepts
    lex = index.analysers.lexicon
    out: dict[int, tuple[str, frozenset[int]]] = {}
    taken: set[int] = set()
    looks = 0
    dfs = index.doc_freq({c.term for c in concepts})
    read: dict[str, list[Fact]] = {}  # a word's first facts
    for size in range(min(len(concepts), _SHORT_WORDS), 1, -1):
        for i in range(len(concepts) - size + 1):
            run = range(i, i + size)
            if taken.intersection(run) or not all(
                concepts[k].term in concepts[k].alternatives for k in run
            ):
                continue
            terms = tuple(concepts[k].term for k in run)
            # Read by its rarest word's facts, not by a phrase, which costs a common word's list.
            rarest = min(terms, key=dfs.__getitem__)
            if not 0 < dfs[rarest] <= _SUBJECT_DF:
                continue
            if rarest not in read:
                rows = index.candidates(fts_phrase(rarest), _SHORT_FACTS, False)
                read[rarest] = list(index.facts_by_ids([r for r, _ in rows]).values())
            named = {
                f.source
                for f in read[rarest]
                if _capitalised_run(f.text, terms, lex.term, alone=True)
                and (not sources or f.source in sources)
            }
            if not named:
                continue
            looks += 1
            taken.update(run)
            granted = frozenset(run[:-1])
            head = terms[-1]
            for source in sorted(named):
                # Its first facts with the word only: an article that says "declaration" in a
                # thousand facts is read no further.
                rows = _article_rows(index, source, topics)
                said = [(r, t) for r, t in rows if head in t.split()][:_SHORT_ROWS]
                facts = index.facts_by_ids([r for r, _ in said])
                for rowid, fact_terms in said:
                    text = facts[rowid].text
                    if any(
                        lex.term(m.group(1).lower()) == head for m in _THE_NAME.finditer(text)
                    ) and not _capitalised_run(text, terms, lex.term):
                        out[rowid] = (fact_terms, granted)
            if looks >= _SHORT_LOOKS:
                return out
    return out


def _article_rows(
    index: FactIndex, source: str, topics: Sequence[str] | None
) -> list[tuple[int, str]]:
    """(fact id, terms) of an article's facts, read whole by its rows; none for a file too long
    to be one article (about one name, by one author)."""
    rows = index.source_terms(source, topics, _SUBJECT_FACTS + 1)
    return [] if len(rows) > _SUBJECT_FACTS else rows


def _credits_alone(
    index: FactIndex,
    query: Query,
    limit: int | None,
    topics: Sequence[str] | None,
    sources: Sequence[str] | None,
) -> SearchResult:
    """A credit query that no fact answers ("who wrote the opinion column", where the column
    never calls itself one): the credit lines of the articles whose facts have most of its words,
    each at half of the best share of the query a fact of its article has. Otherwise nothing."""
    present = [c for c in query.concepts if c.words]
    if not (query.credit and present):
        return SearchResult(query, 0, [])
    total = query.total_weight
    shares = []
    expr = _any_of({t for c in present for t in c.words})
    for rowid, terms in index.candidates(expr, CREDIT_LOOKS, True, topics, sources):
        have = set(terms.split())
        shares.append((sum(c.weight for c in present if not have.isdisjoint(c.words)), rowid))
    facts = index.facts_by_ids([rowid for _, rowid in shares])
    scored = [(share / total / 2, facts[rowid], rowid) for share, rowid in shares]
    scored.sort(key=_best_first)
    credits = sorted(_credit_lines(index, query, scored, topics), key=_best_first)
    return SearchResult(query, len(credits), _hits(index, query, credits, limit))


def _credit_lines(
    index: FactIndex,
    query: Query,
    scored: list[tuple[float, Fact, int]],
    topics: Sequence[str] | None,
) -> list[tuple[float, Fact, int, str]]:
    """The credit lines ("By ...", "Prepared by: ..."; a name finder misses most names in them)
    of the articles of the best answers, each with its terms, scored just above its article's
    best answer: who wrote the thing the query names is said where that thing is."""
    best: dict[str, float] = {}
    for score, fact, _ in scored:
        if fact.source not in best and len(best) < CREDIT_ARTICLES:
            best[fact.source] = score
    out = []
    role = query.concepts[0].term if query.concepts else None
    for source, score in best.items():
        terms = dict(_article_rows(index, source, topics))
        # Without a credit question only a line with the role's word can answer: read only those.
        rows = list(terms) if query.credit else [r for r, t in terms.items() if role in t.split()]
        for rowid, fact in index.facts_by_ids(rows).items():
            if (query.credit and _CREDIT_LINE.match(fact.text)) or _gives_role(query, fact):
                out.append((min(1.0, score * CREDIT), fact, rowid, terms[rowid]))
    return out


# A line that gives who holds a role: "Moderator: Anneliese Obuya-Fraser", "Hosted by Dana
# Whitcombe", "Hon. Marguerite Lalonde-Achebe, M.P., Chair".
_NAMED = r"[A-ZÀ-ÖØ-Þ][\w.'’-]* [A-ZÀ-ÖØ-Þ]"  # two words with capitals: a name, or "Hon. Ann"
# (at a line's start, or a table cell's: "Released Dec. 10 | 52 min | Hosted by Dana Okonkwo")
_ROLE_BEFORE = re.compile(rf"(?:^|\| )([A-Z][\w-]*)(?::| by:?) (?={_NAMED})")
_ROLE_AFTER = re.compile(rf"(?={_NAMED})[^:!?|]*, ([A-Z][\w-]*)\.?")
_ROLE_AFTER_WORDS = 12  # a signature line is short: "..., in Ottawa, Canada." is a sentence
# A role in brackets right after a name, as a hearing's record gives its chair ("Senator Hélène
# Marchbank-Oyelowo (Chair) in the chair.") or a panel its moderator ("Dana Okonkwo (moderator)").
_ROLE_BRACKETED = re.compile(rf"(?={_NAMED})[^()|:,;]*? \(([A-Za-z][\w-]*)\)")
# A photo caption's place in the picture is no role: "Jane Doe (left) and John Roe (right)".
_IN_PICTURE = frozenset(
    {"left", "right", "centre", "center", "front", "back", "top", "bottom", "middle", "above"}
    | {"below", "inset", "pictured", "file"}
)


def _gives_role(query: Query, fact: Fact) -> bool:
    """Whether a line names who holds the role a "who" query asks about with its first word
    ("who moderated the debate": "Moderator: ..."; "who chairs the committee": "..., Chair";
    not "who is Mexico's negotiator for the review": "Reviewed by ..."). A word that is part of
    a name the fact gives ("Ottawa: ...", "..., Canada") is no role."""
    text = fact.text
    m = _ROLE_BEFORE.search(text)
    if m is None and len(text.split()) <= _ROLE_AFTER_WORDS:
        m = _ROLE_AFTER.fullmatch(text) or _ROLE_BRACKETED.match(text)
    if m is None or query.term_of is None or not query.concepts:
        return False
    if any(e.start <= m.start(1) < e.end for e in fact.entities):
        return False
    if m.group(1).lower() in _IN_PICTURE:
        return False
    return query.term_of(m.group(1).lower()) == query.concepts[0].term


def _with_context(
    index: FactIndex,
    query: Query,
    best: list[tuple[float, Fact, int]],
    seen: dict[int, str],
    known: dict[int, Fact],
    avg: float,
) -> list[tuple[float, Fact, int]]:
    """The sentences right next to the best answers (same paragraph) that answer together with
    their neighbour: the one after ("The package includes C$500 million"), or the one before
    that the answer goes on from ("Rail service remains our biggest headache." before "Grain
    cars waited nine days"); and the facts that go on from an answer whatever their words: after
    a question in the text, the next paragraph, its answer; the items of a list that a colon
    opens; a table's rows under a heading; the rest of a turn whose speaker the query names.
    ``seen`` has the candidates' terms, ``known`` their facts."""
    by_row = {rowid: fact for _, fact, rowid in best}
    speakers = {rowid for _, fact, rowid in best if _named_speaker(index, query, fact)}
    authors = {rowid for _, fact, rowid in best if _names_author(index, query, fact)}
    openers = speakers | authors | {rowid for _, fact, rowid in best if _opens(fact)}
    near: dict[int, list[int]] = {}  # a neighbour's row -> the rows of the answers next to it
    for _, fact, rowid in best:
        asks = rowid in openers or is_question(fact.text)
        after = range(1, ANSWER_ROWS + 1) if asks else (1,)
        for other in (*(rowid + k for k in after), rowid - 1):
            # A sentence that matched on its own may still go on from the answer before it.
            goes_on = other > rowid and other in seen and (asks or _refers_back(known[other]))
            if other not in seen or goes_on:
                near.setdefault(other, []).append(rowid)
    if not near:
        return []
    # Only the neighbours that were not candidates are read from the index.
    new = [r for r in near if r not in seen]
    rows = {r: seen[r] for r in near if r in seen} | dict(index.terms_by_ids(new))
    facts = {r: known[r] for r in near if r in seen} | index.facts_by_ids(new)
    # Every row after an opener, up to ANSWER_ROWS, is a candidate or a neighbour read above.
    follows = {
        rowid: _followers(
            rowid,
            fact,
            lambda r: facts.get(r) or known.get(r),
            "label" if rowid in speakers else "header" if rowid in authors else None,
        )
        for _, fact, rowid in best
        if rowid in openers
    }
    added = []
    for rowid, fact in facts.items():
        refers_back = _refers_back(fact)
        terms = rows[rowid].split()
        scores = []
        for answer in near[rowid]:
            other = by_row[answer]
            replies = (
                rowid in follows.get(answer, ())
                or _answers(other, fact)
                or (answer == rowid - 1 and _goes_on_with_person(other, fact))
                or (answer == rowid - 1 and bool(_OTHER_CASE.match(fact.text)))
            )
            if other.source != fact.source or not (other.paragraph == fact.paragraph or replies):
                continue
            goes_on = (refers_back and answer == rowid - 1) or replies
            scores.append(
                score_fact(query, terms, fact, avg, seen[answer].split(), goes_on=goes_on)
            )
        best_score = max((x for x in scores if x is not None), default=None)
        if best_score is not None:
            added.append((best_score, fact, rowid))
    return added


# A speaker's label that opens a turn in a transcript or a Hansard: "SANDHU: ", "Mr. Aucoin: ".
_SPEAKER_LABEL = re.compile(r"(?:[A-ZÀ-ÖØ-Þ][\w'’.-]* ){0,3}[A-ZÀ-ÖØ-Þ][\w'’.-]*: (?=\S)")


def _named_speaker(index: FactIndex, query: Query, fact: Fact) -> bool:
    """Whether a fact opens a turn whose speaker's label names a person by a word of the query:
    a person the name finder knows, or a name in capitals it knows as nothing else ("SANDHU: ");
    not a dateline or a heading ("OTTAWA: ", "Steel: ", "Border Security: ")."""
    m = _SPEAKER_LABEL.match(fact.text)
    if not m:
        return False
    label = m.group()
    named = [e for e in fact.entities if e.start < m.end()]
    if not any(e.kind == "person" for e in named) and (named or not label.isupper()):
        return False  # a known place's dateline ("OTTAWA: "), a heading ("Steel: ")
    return _names_query_words(index, query, label)


# A post's own voice, which a news story's byline does not have: "I import about 30 pallets a
# year", "We make stoneware mugs", "links to your own online store are not allowed". Not in a
# quote of someone else's words, nor a Roman numeral ("Schedule I").
_IN_PERSON = re.compile(r"\b(?:I|[Mm]y|[Ww]e|[Oo]ur|[Yy]ou|[Yy]our)\b")
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
_NUMERAL_BEFORE = re.compile(r"[A-Z]\w* \Z")


def _speaks_in_person(text: str) -> bool:
    said = _QUOTED.sub(" ", text)
    return any(
        m.group() != "I" or not _NUMERAL_BEFORE.search(said, 0, m.start())
        for m in _IN_PERSON.finditer(said)
    )


def _names_author(index: FactIndex, query: Query, fact: Fact) -> bool:
    """Whether a fact is a post's header, a line of its own above the post, that names its
    author by a word of the query: a user name ("Reply 6 · Fernanda_Lozoya_Trade · Monterrey ·
    March 6, 2026"), or a person named on a line of fields set apart ("Reply 2 · Dana Ortiz ·
    March 4"), not a caption or a byline. (Whether the post speaks as its author, in the first
    or second person, is for its followers to say.)"""
    if not _heading_line(fact):
        return False
    names = [m.group() for m in _HANDLE.finditer(fact.text)]
    if _FIELDS in fact.text:
        names += [e.text for e in fact.entities if e.kind == "person"]
    return bool(names) and _names_query_words(index, query, " ".join(names))


_HANDLE = re.compile(r"\w+_\w+")  # a user name: "gatineau_greta", "BorderBroker_Dave"
_FIELDS = " · "  # a post header's fields: "Reply 2 · Dana Ortiz · Windsor · March 4, 2026"


def _names_query_words(index: FactIndex, query: Query, text: str) -> bool:
    """Whether a text (a label, a name) has a word of the query, in any of its alternatives."""
    said = {t for t, _, _ in index.analysers.lexicon.tokens(text)}
    return any(alt in said for c in query.concepts for alt in c.alternatives)


# A sentence that announces so many points, and the sentences that give them in turn: "Québec
# will defend three priorities during the review." ... "First, ...", "Second, ...".
_ANNOUNCES = re.compile(
    r"\b(?:two|three|four|five|six|seven|several|a few)\s+(?:\w+\s+)?(?:priorities|demands"
    r"|points|things|reasons|measures|changes|requests|recommendations|steps|goals|objectives"
    r"|conditions|factors|lessons|proposals|commitments|concerns|questions|issues|limitations"
    r"|risks|options|findings|implications|caveats|challenges)\b",
    re.IGNORECASE,
)
_IN_TURN = re.compile(r"(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Finally|Lastly)\b")


def _opens(fact: Fact) -> bool:
    """Whether a fact opens a list (it ends with a colon, or announces so many points that the
    sentences after it give in turn) or a table: a heading, not a list's item, or a table's
    header row (cells with no figures: "Scenario | Probability")."""
    if opens_list(fact.text) or _ANNOUNCES.search(fact.text):
        return True
    if not _heading_line(fact):
        return False
    return TABLE_CELLS not in fact.text or not fact.figures


def _heading_line(fact: Fact) -> bool:
    """A heading inside an article: not its first line (the headline), nor a list's item."""
    return fact.sentence > 1 and not fact.item and is_heading(fact.text, bool(fact.figures))


def _followers(
    row: int, opener: Fact, fact_at: Callable[[int], Fact | None], turn: str | None
) -> set[int]:
    """The rows that go on from an opener, up to ANSWER_ROWS, until the first that does not: the
    rest of a speaker's turn (its paragraph, to the next label); the post under a header that
    names its author (the next paragraph, when it speaks in the first or second person); the
    items of the list a colon opens (lines that opened with a bullet or number, each with the
    rest of its paragraph, or that pair a name and a value, or a table's rows); the same lines
    under a heading, each a line of its own (a table's rows, a bulleted list, "Tel.: ..."
    lines), and the first sentence of the section a short heading opens, whatever it is (not
    a headline's, "Minister LeBlanc arrives in Washington on March 3", nor a table's caption's)."""
    colon = opens_list(opener.text)
    in_turn = not colon and _ANNOUNCES.search(opener.text) is not None
    out: set[int] = set()
    if turn == "header":
        post: dict[int, Fact] = {}
        for r in range(row + 1, row + ANSWER_ROWS + 1):
            f = fact_at(r)
            if f is None or f.source != opener.source or f.paragraph != opener.paragraph + 1:
                break
            post[r] = f
        speaks = any(_speaks_in_person(f.text) for f in post.values())
        return set(post) if speaks else out
    if not turn and not colon and TABLE_CELLS in opener.text:
        above = fact_at(row - 1)
        if above is not None and above.source == opener.source and TABLE_CELLS in above.text:
            return out  # a row under another: data, not the table's header
    prev = opener
    for r in range(row + 1, row + ANSWER_ROWS + 1):
        f = fact_at(r)
        if f is None or f.source != opener.source:
            break
        next_line = f.paragraph == prev.paragraph + 1
        # The rest of a list item's paragraph (a colon's list, or points given in turn).
        in_item = (colon or in_turn) and f.paragraph == prev.paragraph and prev is not opener
        if turn:
            ok = f.paragraph == opener.paragraph and not _SPEAKER_LABEL.match(f.text)
        elif in_turn:
            # The points given in turn: "First, ...", "Second, ...".
            ok = in_item or (f.paragraph <= prev.paragraph + 1 and bool(_IN_TURN.match(f.text)))
        else:
            # A colon's list or a heading's section: its items, rows and name-value lines.
            ok = in_item or (
                next_line
                and (
                    f.item
                    or TABLE_CELLS in f.text
                    or names_a_value(f.text)
                    # The first sentence of the section a short heading opens ("Outlook"); a
                    # caption's next line is its table or its source.
                    or (
                        prev is opener
                        and not colon
                        and len(opener.text.split()) <= 5
                        and not is_caption(opener.text)
                    )
                )
            )
        if not ok:
            break
        out.add(r)
        prev = f
    return out


# "He said ...", "Her government has ...": a person named just before, even in the paragraph
# before (news paragraphs are often one sentence long).
_PERSON_BACK = re.compile(r"""["“‘']?(?:He|She|His|Her)\b""")


def _goes_on_with_person(before: Fact, fact: Fact) -> bool:
    return (
        fact.source == before.source
        and fact.paragraph == before.paragraph + 1
        and _PERSON_BACK.match(fact.text) is not None
        and any(e.kind == "person" for e in before.entities)
    )


def _refers_back(fact: Fact) -> bool:
    return _REFERS_BACK.search(fact.text) is not None


def _answers(question: Fact, fact: Fact) -> bool:
    """Whether a fact is in the paragraph right after a question of its article (a Q&A's
    answer: "Is remission automatic?" / "No. Importers must claim it ...")."""
    return (
        is_question(question.text)
        and question.sentence > 1
        and fact.source == question.source
        and fact.paragraph == question.paragraph + 1
        and not is_question(fact.text)
    )


def score_fact(
    query: Query,
    terms: list[str],
    fact: Fact,
    avg_len: float,
    context: list[str] | None = None,
    lead: set[str] | None = None,
    goes_on: bool = False,
    subject: frozenset[int] = frozenset(),
) -> float | None:
    """A fact's score in [0, 1] for a query, or None below the floor. With ``context``, the
    terms of a sentence next to it, concepts found only there count at CONTEXT quality; the
    fact must match a concept itself unless it ``goes_on`` from that sentence."""
    positions: dict[str, list[int]] = {}
    topic_terms: set[str] = set()
    for i, t in enumerate(terms):
        if t[0] == ".":  # is_topic_term, inline: this loop runs for every candidate's terms
            topic_terms.add(t)  # the fact's topics, after its words: no position, no length
        else:
            positions.setdefault(t, []).append(i)
    if topic_terms:
        terms = terms[: len(terms) - len(topic_terms)]
    before = {t for t in context or () if not is_topic_term(t)}
    total = query.total_weight
    covered = tf_part = 0.0
    own = 0  # concepts the fact has in its own words or topics
    by_words = False  # whether it has one by words: its own, or the sentence's before it
    things: set[int] = set()  # the things asked about that the fact has (a name's words: one)
    after_floor = 0.0  # by a lead's words or a country's places: counted once above the floor
    found_at: list[list[int] | None] = []
    norm = K1 * (1 - B + B * len(terms) / avg_len)
    for ci, c in enumerate(query.concepts):
        quality, pos = 0.0, []
        for alt, (_how, q) in c.alternatives.items():
            p = positions.get(alt)
            if p and alt in c.namesakes and not _names_person(fact, c.person or ""):
                continue  # another person of that name
            if p and not c.stands_in(alt, fact.source):
                continue
            if p:
                quality = max(quality, q)
                pos.extend(p)
        if not quality and topic_terms:
            # Found only by the fact's topic or its table's header: it counts for coverage, not
            # for how often or where the word is.
            alts = c.alternatives.items()
            q_topic = max((q for alt, (_h, q) in alts if alt in topic_terms), default=0)
            if q_topic:
                own += 1
                # A table's header row is the row's words; a topic is not.
                if any(alt in topic_terms and how == "header" for alt, (how, _) in alts):
                    by_words = True
                things.add(query.thing(ci))
                covered += c.weight * q_topic
                found_at.append(None)
                continue
        if quality:
            own += 1
            by_words = True
            things.add(query.thing(ci))
            covered += c.weight * quality
            tf = len(pos)
            tf_part += c.weight * quality * (tf / (tf + norm))
            found_at.append(sorted(pos))
        else:
            found_at.append(None)
            q_before = max(
                (q for alt, (_h, q) in c.alternatives.items() if alt in before), default=0
            )
            if q_before:
                by_words = True
                things.add(query.thing(ci))
                covered += c.weight * q_before * (GOES_ON if goes_on else CONTEXT)
            elif ci in subject:
                by_words = True
                things.add(query.thing(ci))
                covered += c.weight * SUBJECT
            elif c.places and (p := [i for t in c.places for i in positions.get(t, ())]):
                after_floor += c.weight * WITHIN
                found_at[-1] = sorted(p)
            elif lead:
                # The article's first sentence says it ("January" in "January 2026 trade"): a
                # fact of that article is a little more likely to be about it.
                alts = c.alternatives.items()
                q_lead = max((q for alt, (_h, q) in alts if alt in lead), default=0)
                after_floor += c.weight * q_lead * LEAD
    coverage = covered / total if total else 0.0
    # The FTS5 floor counts each concept at its best alternative; here, at the one the fact has.
    if not ((own or goes_on) and reaches_floor(coverage, len(things), query)):
        return None
    if own and not by_words:
        return None  # a topic alone answers no query: "smuggling" is not every fact on security
    if len(things) == 1 and query.absent and _name_alone(query, next(iter(things))):
        return None
    if query.absent and _only_where_and_when(query, fact, positions):
        return None
    coverage += after_floor / total if total else 0.0
    parts = [(W_COVERAGE, coverage), (W_TF, tf_part / total if total else 0.0)]
    if len(query.concepts) > 1:
        prox = 0.0
        for a, b in pairwise(found_at):
            if a is None or b is None:
                continue
            gap = min(abs(x - y) for x in a for y in b)
            prox += 1.0 if gap <= 2 else 0.5 if gap <= 5 else 0.0
        parts.append((W_PROXIMITY, prox / max(len(query.concepts) - 1, 1)))
    if query.topics:
        parts.append((W_TOPIC, len(query.topics & set(fact.topics)) / len(query.topics)))
    if query.intent:
        parts.append((W_INTENT, _intent_part(query, fact)))
    weight = sum(w for w, _ in parts)
    score = sum(w * v for w, v in parts) / weight
    if is_question(fact.text):
        return score * ASKED
    return score * HEADING if is_heading(fact.text, bool(fact.figures)) else score


def _name_alone(query: Query, thing: int) -> bool:
    """Whether a fact that has only this thing of the query is only the name the query asks
    about: "Soo Plate & Strip strike vote", where the corpus never says "strike", is not
    answered by "I've worked at Soo Plate & Strip for 22 years." (The caller checks that a word
    of the query is nowhere in the corpus: otherwise the name may be all the fact needs.)"""
    things = query.things_asked()
    return len(things[thing]) >= 2 and len(things) - 1 >= NAME_ALONE_OTHERS


_WHEN_WORDS = frozenset(fold(w) for w in (*MONTHS, *WEEKDAYS))


def _only_where_and_when(query: Query, fact: Fact, positions: dict[str, list[int]]) -> bool:
    """Whether the query words a fact has are only a place and a time, when the query asks
    about something the corpus never names: "Guadalajara weather in April" is not answered by
    "a GRDFA mission visits Guadalajara in April". A place is one the fact names whole with the
    query's words ("Monterrey", not the "Mexico" of "Mexico City")."""
    found = [c for c in query.concepts if any(alt in positions for alt in c.words)]
    if len(found) < 2:
        return False
    typed = {c.word for c in query.concepts}  # folded, as parse_query reads them
    places = [
        words
        for e in fact.entities
        if e.kind == "place" and (words := set(_WORD_RE.findall(fold(e.name)))) <= typed
    ]
    return all(
        c.word in _WHEN_WORDS or is_year(c.term) or any(c.word in words for words in places)
        for c in found
    )


class Flow(NamedTuple):
    """Which way goods go: the terms of where they come from and of where they go."""

    source: frozenset[str]
    destination: frozenset[str]


_TRADE_WORD = re.compile(
    r"\b(?:(?P<out>export(?:s|ed|ing)?|ship(?:s|ped|ping|ments?)?|sales|sold|sell(?:s|ing)?)"
    r"|(?P<in>import(?:s|ed|ing)?|b(?:uy|uys|ought)|purchases?)"
    # A tariff is paid on goods coming in: "U.S. tariffs on Canadian steel" go from Canada to
    # the United States, as "U.S. imports of Canadian steel" do.
    r"|(?P<tariff>tariffs?|dut(?:y|ies)|levy|levies|surtax(?:es)?|surcharges?))\b",
    re.IGNORECASE,
)
# A clause's end, or a conjunction; not a full stop: within a sentence, "U.S." is most of them.
_FLOW_BREAK = re.compile(rf"{CLAUSE_BREAK.pattern}|\b(?:and|but|while|than|whereas)\b")
_FLOW_TO = re.compile(  # "to" a place, not to an amount ("rose 7 per cent to C$10.3 billion")
    r"^(?:\S+ ){0,5}?(?:to|into) (?![A-Z]{0,3}\$|\d)(?P<to>(?:\S+ ?){1,3})", re.IGNORECASE
)
_FLOW_FROM = re.compile(r"^(?:\S+ ){0,5}?from (?P<from>(?:(?!to |into )\S+ ?){1,3})", re.IGNORECASE)
_RATE = re.compile(r"\b\d[\d.,]*(?: ?%| per ?cent\b| percent\b)", re.IGNORECASE)
_NOT_OF = re.compile(r"\bnon-\S+", re.IGNORECASE)
_FLOW_ON = re.compile(r"^(?:\S+ ){0,2}?(?:on|against) (?P<on>(?:\S+ ?){1,3})", re.IGNORECASE)


def trade_flows(lex: Lexicon, text: str, proper: bool = False) -> list[Flow]:
    """The trade a text describes, by its trade words: "U.S. exports of pork to Mexico" goes from
    "usa" to "mexico"; "Canada imports from Mexico" from "mexico" to "canada". The words are read
    up to a comma or a conjunction; with ``proper``, only capitalised ones (places, peoples)."""

    def terms(part: str) -> frozenset[str]:
        part = _NOT_OF.sub(" ", part)  # "non-U.S. content" names no party
        return frozenset(
            t for t, s, _ in lex.tokens(part, query=not proper) if not proper or part[s].isupper()
        )

    flows = []
    for m in _TRADE_WORD.finditer(text):
        if proper and m["tariff"] and m.group()[0].isupper():
            continue  # a title's "Safeguard Duty on Fresh Blueberries": capitals name no place
        before = text[max(0, m.start() - 50) : m.start()]
        breaks = [b.end() for b in _FLOW_BREAK.finditer(before)]
        before = before[breaks[-1] if breaks else 0 :]
        if m["tariff"]:
            before = _RATE.sub(" ", before)  # "Canada's 25 per cent surtax": Canada imposes it
        before = " ".join(before.split()[-3:])
        after = text[m.end() : m.end() + 80]
        if cut := _FLOW_BREAK.search(after):
            after = after[: cut.start()]
        after = after.strip()
        to = terms(t["to"]) if (t := _FLOW_TO.match(after)) else frozenset()
        origin = terms(f["from"]) if (f := _FLOW_FROM.match(after)) else frozenset()
        if m["tariff"]:
            # What a tariff is on, or applies to, comes in; the imposer is named before it.
            on = o["on"] if (o := _FLOW_ON.match(after)) else ""
            origin, to = origin | terms(on) | to, frozenset()
        out = m["out"] is not None
        flow = Flow(terms(before) | origin, to) if out else Flow(origin, terms(before) | to)
        if flow.source or flow.destination:
            flows.append(flow)
    return flows


def _query_flow(lex: Lexicon, text: str, concepts: list[Concept]) -> Flow | None:
    """The way the query's trade goes, as the alternatives of the concepts at either end."""
    for c in concepts:  # read a slip as the word it is a slip of: "US tarrif on alumium"
        if c.fixes:
            text = re.sub(rf"\b{re.escape(c.word)}\b", c.fixes[0], text)
    flows = trade_flows(lex, text)
    if not flows:
        return None
    first = flows[0]

    def ends(side: frozenset[str], other: frozenset[str]) -> frozenset[str]:
        return frozenset(
            a
            for c in concepts
            if (words := {c.term, *c.fixes[:1]}) & side and not words & other
            for a in c.alternatives
        )

    flow = Flow(ends(first.source, first.destination), ends(first.destination, first.source))
    return flow if flow.source or flow.destination else None


def _against_flow(query: Flow, flows: list[Flow]) -> bool:
    """Whether a fact's trade goes only the other way from the query's."""
    against = along = False
    for f in flows:
        if query.destination & f.destination or query.source & f.source:
            along = True
        elif query.destination & f.source or query.source & f.destination:
            against = True
    return against and not along


# "What is a tariff", "what are rules of origin", "what does remission mean", "define surtax":
# the line that says what the thing is answers ("A tariff is a tax on ...", "Tariff | a tax
# charged on goods ...", "Section 232: a U.S. law ...", "Counter-tariffs — Duties ...").
_DEFINITION_ASKED = re.compile(
    r"(?:what(?: is|'s| are)|define|meaning of|definition of)"
    r" (?:(?:a|an|the) )?(?P<thing>[^?]{1,40}?)\??"
    r"|what does (?:(?:a|an|the) )?(?P<thing2>[^?]{1,40}?) mean\??"
)
# A line's opening words, then what says what they are: "is", "means", a colon, a dash, a bar.
_DEFINED_HEAD = re.compile(
    r"(?:(?:A|An|The) )?([^:|=(—–]{1,60}?)"
    r"(?=\s*(?:is|are|means?|refers? to)\b|\s*[:|=(]|\s+[—–-]\s)"
)
_DEFINED_WORDS = 4  # "Two-way trade: ...", "Derivative product — ...": a term is a few words


def _defines(query: Query, fact: Fact) -> bool:
    """Whether a fact opens by saying what the query's thing is: its words (as typed or
    misspelled, not a synonym: "Surtax: ..." does not say what a tariff is), then "is", "means",
    or a colon, a dash or a table's bar before words without a figure ("Section 232: a U.S.
    law", not the label of "Tariffs: the 35% U.S. tariff ... continued to weigh"). The words may
    be the main part of the thing: "Remission is a refund ... of the surtax"."""
    text = fact.text.lstrip("•*-– ")
    head = _DEFINED_HEAD.match(text)
    if head is None or query.terms_in is None or len(head.group(1).split()) > _DEFINED_WORDS:
        return False
    rest = text[head.end() :].lstrip()  # "is a tax ...", or ": a U.S. law ..."
    labelled = not rest[:1].isalpha()
    if labelled and any(c.isdigit() for c in " ".join(rest.split()[1:4])):
        return False
    terms = set(query.terms_in(head.group(1)))
    own = query.own_words
    if not terms or not terms <= set().union(*own):
        return False
    found = sum(c.weight for c, words in zip(query.concepts, own, strict=True) if terms & words)
    return found >= query.total_weight / 2


def _intent_part(query: Query, fact: Fact) -> float:
    """How well a fact gives the kind of answer asked for: "how many officers" is answered in
    full by a number of officers ("54 officers"), by half by any other amount; "when" by a date
    or a day, in part by a year alone ("Our 2026 budget assumes ...") or a time told from the one
    before ("The next day, ..."); "what share" by a percent of something, by half by a change or
    a rate alone ("rose 21 per cent"); "what is" by a line that says what the thing is."""
    if query.intent == "definition":
        return 1.0 if _defines(query, fact) else 0.0
    if not answers_intent(query.intent or "", fact):
        return YEAR_ONLY if query.intent == "time" and _RELATIVE_TIME.search(fact.text) else 0.0
    if query.counted and query.term_of and not _counts(fact, query.counted, query.term_of):
        return 0.5
    if query.intent == "share" and not _gives_share(fact):
        return 0.5
    if query.intent == "rate" and not any(f.kind == "percent" for f in fact.figures):
        return 0.5
    if query.negated and not _NEGATIVE.search(fact.text):
        return 0.5  # "if all three agree, it is extended" is the other case
    if query.intent == "time" and not any(f.kind in _DAYS for f in fact.figures):
        return YEAR_ONLY
    return 1.0


def _counts(fact: Fact, counted: frozenset[str], term_of: Callable[[str], str | None]) -> bool:
    """Whether a number of the fact counts one of these things: one of its next three words
    ("1.2 million light vehicles", "54 officers")."""
    for f in fact.figures:
        if f.kind == "number":
            after = _WORD_RE.findall(fact.text, f.end, f.end + 40)[:3]
            if any(term_of(w.lower()) in counted for w in after):
                return True
    return False


# A percent right after these words, or before these, is a change or a rate ("rose 21 per cent",
# "an increase of 7.4 per cent", "a duty of 14 per cent", "a 25 percent tariff"), not a share.
_CHANGE_OR_RATE_BEFORE = re.compile(
    r"\b(?:ris(?:e|es|ing|en)|rose|f[ae]ll(?:s|ing|en)?|gr[eo]w(?:s|ing|n)?|climbed|jumped"
    r"|dropped|declined|slipped|surged|gained|increased|decreased|slid|plunged|soared|advanced"
    r"|expanded|shrank|contracted|up|down|increase|decrease|drop|decline|gain|growth|jump|cut|by"
    r"|tariffs?|dut(?:y|ies)|lev(?:y|ies)|surtax(?:es)?|surcharges?|rates?)(?: of)?"
    r"(?: (?:about|nearly|roughly|almost|around|some|over|under|just|only|more than|less than"
    r"|up to|as much as))?\s*$"
)
_CHANGE_OR_RATE_AFTER = re.compile(
    r"\s*(?:[\w-]+ ){0,2}?(?:(?:counter-)?tariffs?|dut(?:y|ies)|lev(?:y|ies)|surtax(?:es)?"
    r"|surcharges?|rate|increase|decrease|rise|drop|decline|gain|jump|cut)\b"
)


def _gives_share(fact: Fact) -> bool:
    """Whether a percent of the fact reads as a share: "of" after it ("2 per cent of Ontario's
    exports"), or neither a change nor a rate around it ("Vehicles and parts — 96 per cent")."""
    text = fact.text
    for f in fact.figures:
        if f.kind != "percent":
            continue
        if text.startswith(" of ", f.end):
            return True
        if not (
            _CHANGE_OR_RATE_BEFORE.search(text, max(0, f.start - 30), f.start)
            or _CHANGE_OR_RATE_AFTER.match(text, f.end)
        ):
            return True
    return False


def answers_intent(intent: str, fact: Fact) -> bool:
    """Whether a fact carries the kind of figure or name a question asks for."""
    kinds = _INTENT_FIGURES.get(intent)
    if kinds and any(f.kind in kinds for f in fact.figures):
        return True
    ents = _INTENT_ENTITIES.get(intent)
    if ents and any(e.kind in ents for e in fact.entities):
        return True
    said = _INTENT_TEXT.get(intent)
    return bool(said and said.search(fact.text))


def matches_in(index: FactIndex, query: Query, fact: Fact) -> list[Match]:
    """Which query word matched which words of the fact, and how."""
    by_term: dict[str, tuple[str, str]] = {}
    for c in query.concepts:
        for alt, (how, _q) in c.alternatives.items():
            if c.stands_in(alt, fact.source):
                by_term.setdefault(alt, (c.word, how))
        for place in c.places:
            by_term.setdefault(place, (c.word, "synonym"))
    out: list[Match] = []
    for term, start, end in index.analysers.lexicon.tokens(fact.text):
        hit = by_term.get(term)
        if hit:
            m = Match(hit[0], fact.text[start:end], hit[1])
            if m not in out:
                out.append(m)
    return out
