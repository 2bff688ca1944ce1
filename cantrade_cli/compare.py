"""What the sources agree and disagree on.

*Corroboration*: a fact in another source that states the same thing, judged by the words the
two share, names and figures included, weighted by rarity, synonyms counted as one: two
sentences that merely both mention Mexico share too little weight.

*Conflict*: two facts about the same event or measure (they corroborate each other otherwise)
whose figures cannot both be true: a weekday that does not fall on the other's calendar date,
two different dates, or different rates or amounts for the same measure ("50% levies on
Canadian steel" against "a 25% levy on Canadian steel").
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from .extract import next_to, weekdays_next_to
from .index import FactIndex, fts_phrase
from .models import WEEKDAYS, Fact, Figure
from .search import idf

# Calibrated on tests/data/relations.json (a careful reader's links between the seeds); see
# benchmarks/relations.py. Conflicts are looked for only between facts this similar: two facts
# are about the same event or measure when they otherwise say the same thing.
CORROBORATE = 0.16
WORDS_SHARE = 0.5  # of CORROBORATE, from words outside figures
# One or two shared words, however rare ("Security is the other card." / "Security spending has
# also become a trade issue."), are a shared subject, not the same statement. On the labelled
# report pairs of the seeds and holdout3-6 this cut the pairs listed from 86 to 73, all 45
# accepted ones kept.
MIN_SHARED = 3
CANDIDATES = 300
PROBE = 24  # the rarest words of a fact that find its candidates
_MEASURE_WORDS = {
    "tariff",
    "levi",
    "duti",
    "surcharg",
    "rate",
    "percent",
    "tax",
    "share",
    "growth",
    "increas",
    "rise",
    "declin",
    "dollar",
    "billion",
    "million",
    "valu",
    "worth",
}
# Words next to many dates that say nothing of what happened on them.
_DATE_WORDS = {"sinc", "until", "befor", "after", "year", "month", "day", "week", "last", "next",
               "first", "second", "third", "fourth", "quarter", "half"}  # fmt: skip


class Corroboration(NamedTuple):
    fact: Fact
    similarity: float


class Conflict(NamedTuple):
    fact: Fact
    about: str  # weekday | date | percent | money
    this: str  # what this fact says
    other: str  # what the other fact says


@dataclass
class Related:
    corroborated_by: list[Corroboration] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass
class _Profile:
    """What a fact says, for comparison: its weighted words, the same without the words of its
    figures (dates, weekdays, amounts), and its tokens (for the words next to its figures)."""

    fact: Fact
    weights: dict[str, float]
    words: dict[str, float]
    tokens: list[tuple[str, int, int]]

    # A fact is compared with up to CANDIDATES others, twice: its norms are worked out once.
    @cached_property
    def norm(self) -> float:  # squared
        return sum(w * w for w in self.weights.values())

    @cached_property
    def words_norm(self) -> float:  # squared
        return sum(w * w for w in self.words.values())


def _profile(index: FactIndex, fact: Fact, idf: dict[str, float]) -> _Profile:
    lex = index.analysers.lexicon
    toks = lex.tokens(fact.text)
    spans = [(f.start, f.end) for f in fact.figures]
    weights: dict[str, float] = {}
    words: dict[str, float] = {}
    for term, start, end in toks:
        key = _canonical(index, term)
        w = idf.get(term, 0.0)
        weights[key] = max(weights.get(key, 0.0), w)
        if not any(a <= start and end <= b for a, b in spans):
            words[key] = max(words.get(key, 0.0), w)
    return _Profile(fact, weights, words, toks)


def _canonical(index: FactIndex, term: str) -> str:
    """One representative for a term and its synonyms, so "pledged to expand cooperation"
    and "collaboration" count as the same word."""
    syns = index.analysers.lexicon.expand(term)
    return min(syns | {term}) if syns else term


def similarity(a: _Profile, b: _Profile, figures: bool = True) -> float:
    """Cosine of the two facts' rarity-weighted word sets (synonyms as one word), in [0, 1];
    with ``figures=False``, of their words outside figures.

    Squared weights let a rare word both sources use ("pledged") count for more than the many
    common ones they share with everything ("Mexico", "trade")."""
    wa, wb = (a.weights, b.weights) if figures else (a.words, b.words)
    shared = sum(min(w, wb[t]) ** 2 for t, w in wa.items() if t in wb)
    if not shared:
        return 0.0
    return shared / math.sqrt(a.norm * b.norm if figures else a.words_norm * b.words_norm)


def relate(index: FactIndex, fact: Fact, limit: int = 10) -> Related:
    """The facts of other sources that corroborate or contradict a fact."""
    lex = index.analysers.lexicon
    terms = list(dict.fromkeys(lex.terms(fact.text)))
    if not terms:
        return Related()
    n = max(index.n_facts(), 1)
    dfs = index.doc_freq(terms)
    # The rarest words find the candidates; the full comparison is made below.
    probe = sorted((t for t in terms if dfs.get(t)), key=lambda t: dfs[t])[:PROBE]
    if not probe:
        return Related()
    expr = " OR ".join(fts_phrase(t) for t in probe)
    rows = dict(index.candidates(expr, CANDIDATES, True))
    others = index.facts_by_ids(list(rows))
    other_ids = [i for i, f in others.items() if f.source != fact.source]
    other_facts = [others[i] for i in other_ids]
    all_terms = set(terms)
    for i in other_ids:
        all_terms.update(rows[i].split())  # the index's terms: no need to analyse them again
    dfs = index.doc_freq(all_terms)
    weights = {t: idf(d, n) for t, d in dfs.items()}
    me = _profile(index, fact, weights)
    related = Related()
    for f in other_facts:
        other = _profile(index, f, weights)
        sim = similarity(me, other)
        if sim < CORROBORATE or len(me.weights.keys() & other.weights.keys()) < MIN_SHARED:
            continue
        # The same figures alone ("Thursday, 2026") do not make the same statement; and two
        # facts disagree on a figure only when their words say they are about the same thing.
        words = similarity(me, other, figures=False)
        if words >= CORROBORATE * WORDS_SHARE:
            related.corroborated_by.append(Corroboration(f, round(sim, 3)))
        if words >= CORROBORATE:
            related.conflicts.extend(figure_conflicts(me, other))
    related.corroborated_by.sort(key=lambda c: (-c.similarity, c.fact.source, c.fact.sentence))
    related.corroborated_by = related.corroborated_by[:limit]
    related.conflicts.sort(key=lambda c: (c.fact.source, c.fact.sentence, c.about))
    return related


def figure_conflicts(a: _Profile, b: _Profile) -> list[Conflict]:
    """Figures of two facts about the same thing that cannot both be true."""
    out: list[Conflict] = []
    a_dates, b_dates = _dates(a.fact.figures), _dates(b.fact.figures)
    # A weekday is a date of its own fact's when written next to it ("on Tuesday, February 17")
    # or when that date falls on it ("Feb 12 - ministers met on Thursday"), unless the other
    # fact gives the date too. Any other weekday is checked against the other fact's dates of
    # the same thing, but for a date both give, which is agreed on ("met last Wednesday to
    # prepare for the July 1 review" / "met on Thursday ... for the July 1 review": the
    # meeting's day is in question, not July 1's).
    for mine, theirs, own, other, flip in (
        (a, b, a_dates, b_dates, False),
        (b, a, b_dates, a_dates, True),
    ):
        for fig in (f for f in mine.fact.figures if f.kind == "weekday"):
            if any(
                next_to(fig, d.fig) or (d.weekday() == fig.value and not d.among(other))
                for d in own
            ):
                continue
            for d in other:
                if d.among(own):
                    continue
                real = d.weekday()
                if real and real != fig.value and _same_subject(mine, fig, theirs, d.fig):
                    said = f"{d.fig.text} ({d.iso()}, a {real})"
                    out.append(
                        Conflict(b.fact, "weekday", said, str(fig.value))
                        if flip
                        else Conflict(b.fact, "weekday", str(fig.value), said)
                    )
    for da in a_dates:
        for db in b_dates:
            if not da.same_day(db):
                # A date the other fact also gives is agreed on; its other dates are of
                # something else ("signed on March 10 ... the review that starts July 1").
                agreed = da.among(b_dates) or db.among(a_dates)
                if not agreed and _same_subject(a, da.fig, b, db.fig):
                    out.append(Conflict(b.fact, "date", da.fig.text, db.fig.text))
                continue
            # The same date on two days of the week, each written next to it.
            wa, wb = _weekdays(a.fact, da.fig), _weekdays(b.fact, db.fig)
            if wa and wb and wa != wb:
                known = da if da.written or not db.written else db
                real = known.weekday()
                note = f" ({known.iso()} is a {real})" if real else ""
                out.append(
                    Conflict(
                        b.fact,
                        "weekday",
                        f"{'/'.join(wa)}, {da.fig.text}",
                        f"{'/'.join(wb)}, {db.fig.text}{note}",
                    )
                )
    for kind in ("percent", "money"):
        # An earlier or compared value ("up from 40 per cent") is not what the fact says.
        a_figs = [f for f in a.fact.figures if f.kind == kind and not _compared_value(a.fact, f)]
        b_figs = [f for f in b.fact.figures if f.kind == kind and not _compared_value(b.fact, f)]
        for fa in a_figs:
            for fb in b_figs:
                if fa.value == fb.value or (kind == "money" and fa.unit != fb.unit):
                    continue
                # The same measure: the words right after the figures ("50% levies on steel"),
                # and not of other countries or places ("on Canadian steel" / "on U.S. steel").
                shared = _subject(a, fa, places=False) & _subject(b, fb, places=False)
                subject = shared - _MEASURE_WORDS - _DATE_WORDS  # "in the first quarter"
                if not subject or _same_value_elsewhere(fa, b.fact.figures):
                    continue
                # Whose figure: the countries and places named before each ("*Mexico* shipped
                # US$1.27 billion" / "*Canadian* blueberry exports reached US$310 million").
                pa, pb = _places(a, end=fa.start), _places(b, end=fb.start)
                if pa and pb and not pa & pb:
                    continue
                ca, cb = _places_near(a, fa), _places_near(b, fb)
                if not ca or not cb or ca & cb:
                    out.append(Conflict(b.fact, kind, fa.text, fb.text))
    return out


# "up from 40 per cent", "compared with roughly three quarters": an earlier or another
# thing's value, given beside the one the fact is about.
_COMPARED_RE = re.compile(
    r"\b(?:from|compared (?:with|to)|against|versus|vs\.?)"
    r"(?: (?:about|roughly|around|nearly|almost|just|some|over|under|more than|less than))? \Z",
    re.IGNORECASE,
)


def _compared_value(fact: Fact, fig: Figure) -> bool:
    return _COMPARED_RE.search(fact.text, max(0, fig.start - 40), fig.start) is not None


def _weekdays(fact: Fact, date: Figure) -> list[str]:
    """The weekdays written next to a date ("Thursday, Feb. 12")."""
    return sorted(str(w) for w in weekdays_next_to(fact.figures, date))


def _same_subject(a: _Profile, fa: Figure, b: _Profile, fb: Figure) -> bool:
    """Whether two dates or weekdays are of the same thing: the same words around them ("met in
    Mexico City on Wednesday" / "met in Mexico City on December 18, 2025")."""
    # A country next to both ("... the United States has charged" / "U.S. goods on September
    # 1") is too broad a subject: two things happen to every country on different days.
    near = _subject(a, fa, 4, 4, countries=False) & _subject(b, fb, 4, 4, countries=False)
    # Or the same word right before or after both, over the names between ("shipments
    # entering the United States from Monday, May 4" / "berries entered on or after May 11").
    beside = _subject(a, fa, 2, 2, countries=False, over_names=True) & _subject(
        b, fb, 2, 2, countries=False, over_names=True
    )
    return bool((near | beside) - _DATE_WORDS - _MEASURE_WORDS)


def _same_value_elsewhere(fig: Figure, figures: Iterable[Figure]) -> bool:
    return any(f.kind == fig.kind and f.value == fig.value for f in figures)


class _Date(NamedTuple):
    """A date figure: its month and day, and its year when the fact writes it or the article's
    other dates give it ("on March 2" in an article dated 2026)."""

    fig: Figure
    month: int
    day: int
    year: int | None
    written: bool  # the year is in the fact's own words

    def same_day(self, other: _Date) -> bool:
        if (self.month, self.day) != (other.month, other.day):
            return False
        # Years count only when both facts write them: an inferred year may be wrong.
        return not (self.written and other.written) or self.year == other.year

    def among(self, dates: Iterable[_Date]) -> bool:
        """Whether one of these dates is the same day."""
        return any(self.same_day(d) for d in dates)

    def weekday(self) -> str | None:
        if self.year is None:
            return None
        try:
            return WEEKDAYS[dt.date(self.year, self.month, self.day).weekday()]
        except ValueError:
            return None

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.year else self.fig.text


_YEAR_RE = re.compile(r"\d{4}")


def _dates(figures: Sequence[Figure]) -> list[_Date]:
    out = []
    for f in figures:
        value = f.value if f.kind == "date" and isinstance(f.value, str) else ""
        if len(value) == 10 and value[:4].isdigit():  # 2025-12-18
            year: int | None = int(value[:4])
        elif len(value) == 7 and value.startswith("--"):  # --12-18
            year = None
        else:
            continue
        month, day = int(value[-5:-3]), int(value[-2:])
        out.append(_Date(f, month, day, year, bool(_YEAR_RE.search(f.text))))
    return out


def _figure_tokens(p: _Profile, fig: Figure) -> list[int]:
    """The positions of a figure's own tokens in its fact."""
    return [i for i, (_, s, e) in enumerate(p.tokens) if s >= fig.start and e <= fig.end]


def _subject(
    p: _Profile,
    fig: Figure,
    before: int = 0,
    after: int = 4,
    places: bool = True,
    countries: bool = True,
    over_names: bool = False,
) -> set[str]:
    """The content words next to a figure: what the figure is a figure of; never the words of
    figures ("C$" of "C$412 million"). With ``places=False`` not the names of countries and
    places: "85% destined for the United States" and "a 10% U.S. tariff" are not amounts of
    the same thing (while "met in Mexico City on Wednesday" and "met in Mexico City on December
    18" are days of the same meeting); with ``countries=False``, not countries. With
    ``over_names``, the names left out do not count in the ``before`` and ``after`` words:
    "shipments entering the United States from Monday, May 4" has "entering" as near as
    "entered on or after May 11" has."""
    toks = p.tokens
    idx = _figure_tokens(p, fig)
    if not idx:
        return set()
    names: set[str] = set()
    if not places:
        names = {"country", "place"}
    elif not countries:
        names = {"country"}
    named = [(e.start, e.end) for e in p.fact.entities if e.kind in names]
    skip = named + [(f.start, f.end) for f in p.fact.figures]

    def within(i: int, spans: list[tuple[int, int]]) -> bool:
        return any(a <= toks[i][1] < b for a, b in spans)  # "Ontario's" too

    if over_names:
        left = [i for i in range(idx[0] - 1, -1, -1) if not within(i, named)][:before]
        right = [i for i in range(idx[-1] + 1, len(toks)) if not within(i, named)][:after]
        near = [*left, *right]
    else:
        near = list(range(max(0, idx[0] - before), min(len(toks), idx[-1] + 1 + after)))
    return {toks[i][0] for i in near if not toks[i][0][0].isdigit() and not within(i, skip)}


def _places_near(p: _Profile, fig: Figure, after: int = 4) -> set[str]:
    """The countries and places named in the words right after a figure ("50% tariff on
    *Canadian* steel", "2 per cent of *Ontario's* exports")."""
    idx = _figure_tokens(p, fig)
    if not idx:
        return set()
    end = min(len(p.tokens), idx[-1] + 1 + after)
    return _places(p, p.tokens[idx[0]][1], p.tokens[end - 1][2])


def _places(p: _Profile, start: int = 0, end: int = 1 << 30) -> set[str]:
    """The countries and places a fact names from ``start`` to ``end``."""
    return {
        e.name for e in p.fact.entities if e.kind in ("country", "place") and start <= e.start < end
    }


@dataclass
class Comparison:
    """The sources side by side: facts confirmed elsewhere, facts one source alone reports,
    and conflicting facts (each pair once, under the fact that comes first)."""

    sources: list[str]
    confirmed: list[tuple[Fact, Related]]
    single_source: list[Fact]
    conflicts: list[tuple[Fact, Related]]


def compare_sources(index: FactIndex, sources: Sequence[str] | None = None) -> Comparison:
    """Relate every fact of the chosen sources (default: all) to the other sources."""
    facts = list(index.facts(None, sources))
    chosen = sorted({f.source for f in facts})
    confirmed: list[tuple[Fact, Related]] = []
    single: list[Fact] = []
    conflicts: list[tuple[Fact, Related]] = []
    key = {f.id: (f.source, f.sentence) for f in facts}
    for f in facts:
        rel = relate(index, f)
        if sources:
            rel.corroborated_by = [c for c in rel.corroborated_by if c.fact.source in chosen]
            rel.conflicts = [c for c in rel.conflicts if c.fact.source in chosen]
        if rel.corroborated_by:
            confirmed.append((f, rel))
        else:
            single.append(f)
        later = [c for c in rel.conflicts if key.get(c.fact.id, ("~", 0)) > (f.source, f.sentence)]
        if later:
            conflicts.append((f, Related([], later)))
    return Comparison(chosen, confirmed, single, conflicts)
