"""The small typed records that the pipeline stages pass to one another.

Offsets are in characters of the decoded text: a fact's ``start``/``end`` index its source's
text, a figure's or entity's ``start``/``end`` index its fact's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Evidence(NamedTuple):
    """Why a fact carries a topic: the words that matched, or the rule that applied."""

    topic: str
    kind: str  # "term" (a lexicon word or phrase), "context" (the neighbouring fact), "rule"
    text: str  # the words in the fact, or a short description of the rule


# The values of a "weekday" figure, in the order of datetime.date.weekday().
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Month names as written in dates, with their numbers.
MONTHS: dict[str, int] = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12, "Jan": 1,
    "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sept": 9, "Sep": 9, "Oct": 10,
    "Nov": 11, "Dec": 12,
}  # fmt: skip


class Figure(NamedTuple):
    """A figure in a fact: 50%, $40 billion, 2026, December 18, 2025, Wednesday, eight years."""

    text: str
    kind: str  # percent | money | number | year | date | weekday | duration
    value: float | int | str
    unit: str | None
    start: int
    end: int


class Entity(NamedTuple):
    """A name found in a fact, with its canonical form: "Carney" -> "Mark Carney"."""

    text: str
    kind: str  # person | country | place | organization | agreement
    name: str
    start: int
    end: int


@dataclass
class Fact:
    """One sentence of a source, with its exact place and what was found in it."""

    source: str  # file name of the document
    paragraph: int  # 1-based, within the source
    sentence: int  # 1-based, within the source
    start: int
    end: int
    text: str
    topics: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    figures: tuple[Figure, ...] = ()
    entities: tuple[Entity, ...] = ()
    # Its line opens with a list's bullet or number ("• ", "1. "), which its text leaves out.
    item: bool = False

    @property
    def id(self) -> str:
        stem = self.source[:-4] if self.source.lower().endswith(".txt") else self.source
        return f"{stem}:{self.sentence}"


class Match(NamedTuple):
    """One query word and the text word it matched, and how (exact, stem, synonym, fuzzy)."""

    query: str
    text: str
    how: str


@dataclass
class Hit:
    """A fact that answers a query, with its rank and score in [0, 1]."""

    fact: Fact
    rank: int
    score: float
    matches: list[Match] = field(default_factory=list)

    @property
    def matched(self) -> list[str]:
        """The distinct text words that matched, in the fact's order (matches are in that order)."""
        return list(dict.fromkeys(m.text for m in self.matches))
