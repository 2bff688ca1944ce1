"""Text analysis shared by the index, the topic tagger and the query: one pipeline, both sides.

text -> tokens: Unicode folding (case, accents, curly quotes), acronyms in capitals ("U.S." = "US"
-> usa), numbers ("1,000" -> 1000, "50%" -> 50 percent), stop words out, British spellings and
irregular forms to one form, a Snowball stem, then names that must stay whole ("North American")
and phrases that name one thing ("the North American trade pact" -> usmca).

A token is a tuple ``(term, start, end)``: the term and the character span of the words it came
from, so a match can be shown in the original text. Which words mean what is data, in
``data/lexicon.toml``; a user's topics file may add to it (``Lexicon.extended``).
"""

from __future__ import annotations

import bisect
import re
import sys
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, NamedTuple

import Stemmer

from .cache import DATA, data_key, load_bundled, load_derived, source_of

Token = tuple[str, int, int]
_MISSING = object()

# Chunks: runs of word characters joined by . , ' ’ - ("U.S", "1,000.5", "Carney’s", "T-MEC",
# "long-standing"), and currency and percent signs. A simple pattern is twice as fast as one that
# tells the kinds apart; each distinct chunk is then read once (Lexicon._read_chunk) and cached.
_CHUNK_RE = re.compile(r"\w+(?:[.,'’\-]\w+)*|[%$€£]")
_ABBR_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]$")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*$")
_THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_SYMBOLS = {"%": "percent", "$": "dollar", "€": "euro", "£": "pound"}
# A currency's price in another: an exchange rate the text does not call one ("the peso firmed to
# 17.98 per U.S. dollar", "the loonie averaged 72.1 US cents"). It is also the term EXCHANGE_RATE,
# as "exchange rate" is (data/lexicon.toml).
_CURRENCY_QUOTE = re.compile(
    r"\b\d+(?:\.\d+)?(?: (?:Mexican )?(?:pesos|yen|yuan|euros))? per (?:U\.S\. |US |American "
    r"|Canadian )?(?:dollar|euro|peso|pound|yen|yuan)\b|\b\d+(?:\.\d+)? (?:U\.S\.|US) cents\b"
)
EXCHANGE_RATE = "fxrate"
# "The States", as Canadians say the United States: with a capital in a text ("the states of
# Jalisco" are not), in any case in a query ("a weekend in the states"); never "the States of".
_THE_STATES = re.compile(r"\bthe (states)\b(?! of\b)", re.IGNORECASE)
# British -ise/-isation to -ize/-ization. Applied on both sides, so a word it bends that has no
# -ize form ("promise" -> "promize") still meets itself.
_ISE_RE = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations|er|ers)$")
_POSSESSIVE = ("'s", "’s")
_NO_VOWEL = re.compile(r"[b-df-hj-np-tv-xz]+")
# A fiscal year or an analyst's year column: "FY2025" is "FY 2025", "2026E" the 2026 estimate
# ("2025F" forecast, "2024A" actual), so that "2026 EBITDA estimate" finds "2026E EBITDA".
_MARKED_YEAR = re.compile(r"(FY)?((?:19|20)\d\d)([AEF])?", re.IGNORECASE)
_YEAR_MARKS = {"a": "actual", "e": "estimate", "f": "forecast"}
# Prefixes written both with and without a hyphen: "anti-dumping" / "antidumping", "non-tariff" /
# "nontariff", "counter-measures" / "countermeasures".
_JOINABLE_PREFIXES = frozenset(
    {"anti", "non", "co", "pre", "post", "re", "counter", "cross", "inter", "intra", "multi",
     "sub", "tri", "bi", "semi", "over", "under", "mid", "un", "agri", "agro", "bio", "petro",
     "geo", "macro", "micro", "socio"}
)  # fmt: skip


def _words(family: Any) -> list[str]:
    """A list of words from data (checked now: it is read only when a query needs it)."""
    if not isinstance(family, list) or not all(isinstance(w, str) for w in family):
        raise ValueError(f"expected a list of words, got {family!r}")
    return list(family)


# Letters that Unicode does not decompose into a base letter and an accent ("Contrecœur").
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d"})


def fold(word: str) -> str:
    """Lower case without accents: "Economía" -> "economia", "Contrecœur" -> "contrecoeur",
    curly apostrophes made straight."""
    word = word.casefold()
    if word.isascii():
        return word
    word = word.replace("’", "'").translate(_LIGATURES)
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


class Multiword(NamedTuple):
    """A phrase found on the term stream: replace its terms, or add one after them."""

    terms: tuple[str, ...]
    canonical: str
    replace: bool


@dataclass
class Lexicon:
    """The analysis data: spellings, acronyms, phrases, synonyms, question words, stop words."""

    spelling: dict[str, str]
    fixed: dict[str, str]
    acronyms: dict[str, str]
    stopwords: frozenset[str]
    light: frozenset[str]
    questions: dict[str, str]
    hints: dict[str, str]
    raw_phrases: dict[str, str]
    raw_compounds: dict[str, str]
    raw_synonyms: list[list[str]]
    raw_kinds: list[list[str]] = field(default_factory=list)
    raw_other_words: dict[str, list[str]] = field(default_factory=dict)
    # The places inside a country, by the country's name ("Mexico": Sinaloa, Monterrey, ...).
    raw_places: dict[str, list[str]] = field(default_factory=dict)
    # A place's abbreviation as written after a city, with its capital ("Tex", "Ont"): the
    # place's name, read only where a period follows.
    abbreviations: dict[str, str] = field(default_factory=dict)
    _stemmer: Any = field(default=None, repr=False)
    _cache: dict[str, str | None] = field(default_factory=dict, repr=False)
    _text_tokens: dict[str, Any] = field(default_factory=dict, repr=False)
    _query_tokens: dict[str, Any] = field(default_factory=dict, repr=False)
    _firsts: frozenset[str] = field(default=frozenset(), repr=False)
    _abbreviated: dict[str, str] = field(default_factory=dict, repr=False)
    _abbreviation_re: re.Pattern[str] | None = field(default=None, repr=False)
    # For the bundled tables only: the key of their analysed copy in the cache (default_lexicon).
    _derived_key: str | None = field(default=None, repr=False)
    _passes: list[dict[str, list[Multiword]]] = field(default_factory=list, repr=False)
    synonyms: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _places: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._stemmer = Stemmer.Stemmer("english")
        if self._derived_key is None:
            self._analyse_tables()
        else:
            # The bundled tables: analysed once, then read from the cache (load_derived).
            self._take(load_derived("lexicon", self._derived_key, _ANALYSED, self._analyse_tables))
        self._abbreviation_re = (
            # After a city and its comma only: "Laredo, Tex.", not "the Isle of Man." or "Pa.".
            re.compile(rf"(?<=, )({'|'.join(map(re.escape, self._abbreviated))})\.")
            if self._abbreviated
            else None
        )

    def _analyse_tables(self) -> dict[str, Any]:
        """Analyse the acronyms, compounds, phrases, synonyms and abbreviations into index terms,
        and return the result as plain data (what marshal holds) for ``_take``."""
        self.acronyms = {k.upper(): self.term(v) or v for k, v in self.acronyms.items()}
        # Compounds first, then phrases, each a pass over the terms; a phrase is written in words,
        # so it is analysed with the compounds already applied.
        for table, replace in ((self.raw_compounds, True), (self.raw_phrases, False)):
            multi: dict[str, list[Multiword]] = {}
            for phrase, canonical in table.items():
                terms = tuple(t for t, _, _ in self.tokens(phrase))
                canon = self.term(canonical) or canonical
                if len(terms) >= 2:
                    multi.setdefault(terms[0], []).append(Multiword(terms, canon, replace))
            self._passes.append(
                {k: sorted(v, key=lambda m: -len(m.terms)) for k, v in multi.items()}
            )
            self._firsts = frozenset(k for p in self._passes for k in p)
        groups: dict[str, set[str]] = {}
        for group in self.raw_synonyms:
            terms = {t for w in group if (t := self.single_term(w))}
            for t in terms:
                groups.setdefault(t, set()).update(terms - {t})
        self.synonyms = {k: frozenset(v) for k, v in groups.items()}
        self._abbreviated = {
            k: t for k, v in self.abbreviations.items() if (t := self.single_term(v))
        }
        return {
            "acronyms": self.acronyms,
            "passes": [
                {k: [tuple(m) for m in v] for k, v in table.items()} for table in self._passes
            ],
            "synonyms": {k: tuple(sorted(v)) for k, v in self.synonyms.items()},
            "abbreviated": self._abbreviated,
        }

    def _take(self, state: dict[str, Any]) -> None:
        """Set the analysed tables from ``_analyse_tables``'s plain data."""
        self.acronyms = state["acronyms"]
        self._passes = [
            {k: [Multiword(*m) for m in v] for k, v in table.items()} for table in state["passes"]
        ]
        self._firsts = frozenset(k for table in self._passes for k in table)
        self.synonyms = {k: frozenset(v) for k, v in state["synonyms"].items()}
        self._abbreviated = state["abbreviated"]

    @cached_property
    def kinds(self) -> dict[str, frozenset[str]]:
        """Each term that names one kind of good, crop, material or drug, with the terms of its
        family (itself included), from data/kinds.toml and a user's [kinds]. Built on first use:
        only a query with a word the corpus lacks needs it."""
        kinds: dict[str, set[str]] = {}
        for family in [*_bundled_kinds(), *self.raw_kinds]:
            terms = {t for w in family if (t := self.single_term(w))}
            for t in terms:
                kinds.setdefault(t, set()).update(terms)
        return {k: frozenset(v) for k, v in kinds.items()}

    @cached_property
    def other_words(self) -> dict[str, frozenset[str]]:
        """Each term a corpus may say in other words, with the terms of those words (read only
        when the corpus lacks the term itself)."""
        said = {
            t: frozenset(o for w in words if (o := self.single_term(w)))
            for word, words in self.raw_other_words.items()
            if (t := self.single_term(word))
        }
        return {t: words for t, words in said.items() if words}

    @cached_property
    def _countries(self) -> dict[str, list[str]]:
        """Each country's term, with the names of its places (one country may have several
        names in the table: a user's "USA" and the bundled "United States")."""
        out: dict[str, list[str]] = {}
        for country, places in self.raw_places.items():
            if term := self.single_term(country):
                out.setdefault(term, []).extend(places)
        return out

    @cached_property
    def place_terms(self) -> frozenset[str]:
        """The terms of all the places of the [places] table (a capital's too)."""
        return frozenset().union(*(self.places_in(t) for t in self._countries))

    def places_in(self, term: str) -> frozenset[str]:
        """The terms of the places inside the country a term names (none if it names none);
        a place's name of several words is several terms, and is left out. Read on first use:
        only a query that names a country needs them."""
        found = self._places.get(term)
        if found is None:
            names = self._countries.get(term, ())
            found = frozenset(t for name in names if (t := self.single_term(name)))
            self._places[term] = found
        return found

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], derived_key: str | None = None) -> Lexicon:
        return cls(
            spelling={fold(k): fold(v) for k, v in data.get("spelling", {}).items()},
            fixed={fold(k): fold(v) for k, v in data.get("terms", {}).items()},
            acronyms={k.replace(".", ""): v for k, v in data.get("acronyms", {}).items()},
            stopwords=frozenset(data.get("stopwords", {}).get("words", [])),
            light=frozenset(data.get("light", {}).get("words", [])),
            questions={fold(k): v for k, v in data.get("questions", {}).items()},
            hints={fold(k): v for k, v in data.get("hints", {}).items()},
            raw_phrases={fold(k): v for k, v in data.get("phrases", {}).items()},
            raw_compounds={fold(k): v for k, v in data.get("compounds", {}).items()},
            raw_synonyms=[list(g) for g in data.get("synonyms", {}).get("groups", [])],
            raw_kinds=[_words(f) for f in data.get("kinds", {}).get("families", [])],
            raw_other_words={fold(k): _words(v) for k, v in data.get("other_words", {}).items()},
            raw_places={k: _words(v) for k, v in data.get("places", {}).items()},
            abbreviations=dict(data.get("abbreviations", {})),
            _derived_key=derived_key,
        )

    def extended(self, extra: Mapping[str, Any]) -> Lexicon:
        """This lexicon with a user's additions (same table names as data/lexicon.toml)."""
        merged = {
            "spelling": {**self.spelling, **extra.get("spelling", {})},
            "terms": {**self.fixed, **extra.get("terms", {})},
            "acronyms": {**self.acronyms, **extra.get("acronyms", {})},
            "stopwords": {"words": sorted(self.stopwords)},
            "light": {"words": sorted(self.light)},
            "questions": {**self.questions, **extra.get("questions", {})},
            "hints": {**self.hints, **extra.get("hints", {})},
            "phrases": {**self.raw_phrases, **extra.get("phrases", {})},
            "compounds": {**self.raw_compounds, **extra.get("compounds", {})},
            "synonyms": {
                "groups": self.raw_synonyms + list(extra.get("synonyms", {}).get("groups", []))
            },
            "kinds": {
                "families": self.raw_kinds + list(extra.get("kinds", {}).get("families", []))
            },
            "other_words": {**self.raw_other_words, **extra.get("other_words", {})},
            # A user's places add to the bundled ones of that country.
            "places": {
                k: self.raw_places.get(k, []) + _words(extra.get("places", {}).get(k, []))
                for k in {**self.raw_places, **extra.get("places", {})}
            },
            "abbreviations": {**self.abbreviations, **extra.get("abbreviations", {})},
        }
        return Lexicon.from_mapping(merged)

    # -- words -----------------------------------------------------------------------------

    def term(self, word: str) -> str | None:
        """The index term of one word as written in lower case, or None for a stop word."""
        cached = self._cache.get(word)
        if cached is not None or word in self._cache:
            return cached
        w = fold(word)
        if w.endswith(_POSSESSIVE[0]):
            w = w[:-2]
        # "O'Brien", "L'Oréal": one word without the apostrophe (the FTS index splits on it).
        w = w.replace("'", "")
        if not w or w in self.stopwords:
            result = None
        elif w in self.fixed:
            result = self.fixed[w]
        else:
            if len(w) > 2 and w[-1] == "s" and _NO_VOWEL.fullmatch(w, 0, len(w) - 1):
                # The plural of letters that are no word: "TRQs" are TRQ, "MPs" MP (the
                # stemmer keeps a word without a vowel whole), typed in any case.
                w = w[:-1]
            w = self.spelling.get(w, w)
            w = _ISE_RE.sub(r"iz\1", w)
            w = self.spelling.get(w, w)
            result = self._stemmer.stemWord(w)
            result = self.spelling.get(result, result)
        self._cache[word] = result
        return result

    def single_term(self, text: str) -> str | None:
        """The one term a word or short phrase stands for (its canonical term if a phrase)."""
        toks = self.tokens(text, query=True)
        return toks[0][0] if len(toks) == 1 else None

    # -- text ------------------------------------------------------------------------------

    def tokens(self, text: str, query: bool = False) -> list[Token]:
        """The tokens of a text.

        ``query=True`` reads acronyms in any case ("us" = "US", as people type) and puts a phrase's
        canonical term in place of its words, so that "organised crime" or "the North American
        trade pact" is one thing asked for, not several.
        """
        out: list[Token] = []
        append = out.append
        # What a chunk becomes depends only on its characters: decide once per distinct one
        # (this loop is most of the cost of indexing).
        cache = self._query_tokens if query else self._text_tokens
        # findall and str.find cost less than a match object per chunk. A chunk starts with a
        # word character or a sign, which the text between two chunks never holds, so the
        # first place the chunk is found after the one before is where it was matched.
        find = text.find
        end = 0
        for raw in _CHUNK_RE.findall(text):
            start = find(raw, end)
            end = start + len(raw)
            found = cache.get(raw, _MISSING)
            if found is _MISSING:
                found = cache[raw] = self._read_chunk(raw, query)
            if found is None:
                continue
            if found.__class__ is str:
                append((found, start, end))
            else:  # several terms from one chunk ("x-ray", "2,3")
                for term, a, b in found:
                    append((term, start + a, start + b))
        if out and not self._firsts.isdisjoint(terms := [t for t, _, _ in out]):
            present = self._firsts.intersection(terms)
            for multi in self._passes:
                # Only a pass with a phrase that starts here; a compound may start a phrase
                # ("north american" -> "northamerica", in "the North American trade pact").
                if not present.isdisjoint(multi):
                    found = self._multiwords(out, terms, multi, query)
                    if found is not out:
                        out = found
                        terms = [t for t, _, _ in out]
                        present = self._firsts.intersection(terms)
        if self._abbreviation_re is not None and "." in text:
            for m in self._abbreviation_re.finditer(text):
                _replace_token(out, m.start(1), m.end(1), self._abbreviated[m.group(1)])
        if "tates" in text and (usa := self.acronyms.get("US")):
            for m in _THE_STATES.finditer(text):
                if query or m.group(1)[0] == "S":
                    _replace_token(out, m.start(1), m.end(1), usa)
        if " per " in text or " cents" in text:
            for m in _CURRENCY_QUOTE.finditer(text):
                # EXCHANGE_RATE after the quote's first token (its number).
                at = bisect.bisect_right(out, m.start(), key=lambda t: t[1])
                out.insert(at, (EXCHANGE_RATE, m.start(), m.end()))
        return out

    def _read_chunk(self, raw: str, query: bool) -> str | list[tuple[str, int, int]] | None:
        """The term of one chunk, or its terms with offsets in the chunk, or None."""
        if raw in _SYMBOLS:
            return _SYMBOLS[raw]
        acronyms = self.acronyms
        if raw.isalnum():  # the common case: one plain word or number
            if raw.isdigit():
                return raw if raw.isascii() else fold(raw)  # "２０２５" is 2025
            if len(raw) > 1 and (raw.isupper() or query) and raw.upper() in acronyms:
                return acronyms[raw.upper()]
            if raw.isalpha():
                return self.term(raw.lower() if raw.isascii() else raw)
            if (m := _MARKED_YEAR.fullmatch(raw)) and (m[1] or m[3]):
                return self._marked_year(m, query)
            return fold(raw)  # letters and digits: "G7", "Ü2"
        if raw.endswith(_POSSESSIVE) and len(raw) > 2:
            return self._read_chunk(raw[:-2], query)  # "T-MEC's" is "T-MEC", "Carney's" "Carney"
        if _NUMBER_RE.match(raw):
            if not raw.isascii():
                raw = fold(raw)
            if "," not in raw:
                return raw
            if _THOUSANDS_RE.match(raw):
                return raw.replace(",", "")
        letters = raw.replace(".", "").replace("-", "")
        abbr = _ABBR_RE.match(raw) is not None
        if (abbr or "-" in raw) and letters.isalpha():
            if (letters.isupper() or query) and letters.upper() in acronyms:
                return acronyms[letters.upper()]  # "U.S", "T-MEC"
            if abbr:
                return self.term(letters.lower())  # "e.g", "a.m"
        if "." not in raw and "," not in raw and "-" not in raw and "_" not in raw:
            return self.term(raw.lower() if raw.isascii() else raw)  # "Carney’s"
        # Anything else is read as its parts: "long-standing", "Canada-U.S", "2,3", "example.com",
        # a forum handle or file name ("northshore_ceramics" is found by "northshore ceramics").
        sep = "_" if "_" in raw else "-" if "-" in raw else "," if "," in raw else "."
        parts: list[tuple[str, int, int]] = []
        pos = 0
        for piece in raw.split(sep):
            if piece:
                term = self._read_chunk(piece, query)
                if isinstance(term, str):
                    parts.append((term, pos, pos + len(piece)))
                elif term:
                    parts.extend((t, pos + a, pos + b) for t, a, b in term)
            pos += len(piece) + 1
        # A hyphenated word with a part that means nothing alone (a stop word, a letter or two)
        # is also written joined: "Am-Can" = "amcan", "co-operation" = "cooperation", "e-mail"
        # = "email". The text keeps its parts too, the joined term first so that a phrase
        # through the parts runs unbroken. A query asks for its parts, as they may be written
        # apart ("EU-Mexico" finds "EU and Mexico"), or for the joined word when a part is a
        # prefix or a stop word ("anti-dumping", "teach-in") or none is left.
        dropped = raw.count("-") + 1 > len(parts)
        if sep == "-" and letters.isalpha():
            prefixed = raw[: raw.index("-")].lower() in _JOINABLE_PREFIXES
            if prefixed or dropped or any(len(t) <= 2 for t, _, _ in parts):
                joined = self.term(letters.lower() if letters.isascii() else letters)
                if joined and all(joined != t for t, _, _ in parts):
                    if query and (prefixed or dropped):
                        # Found written either way: the text has both. (Without its stop word,
                        # the part left says less than the whole: "teach-in" is no "teach".)
                        return joined
                    if not (query and parts):
                        parts.insert(0, (joined, 0, len(raw)))
        return parts or None

    def _marked_year(self, m: re.Match[str], query: bool) -> list[tuple[str, int, int]]:
        """The terms of "FY2025" (as of "FY 2025") or "2026E" (the year, then "estimate")."""
        out: list[tuple[str, int, int]] = []
        if m[1] and isinstance(fy := self._read_chunk(m[1], query), str):
            out.append((fy, 0, 2))
        out.append((m[2], m.start(2), m.end(2)))
        if m[3] and (mark := self.term(_YEAR_MARKS[m[3].lower()])):
            out.append((mark, m.start(3), m.end(3)))
        return out

    def terms(self, text: str) -> list[str]:
        """Just the terms of a text, in order (what the index stores)."""
        return [t for t, _, _ in self.tokens(text)]

    @staticmethod
    def _multiwords(
        toks: list[Token],
        terms: list[str],
        multi: dict[str, list[Multiword]],
        replace_all: bool = False,
    ) -> list[Token]:
        """``toks`` with the phrases of one pass found (``terms``: the tokens' terms)."""
        starts = [i for i, t in enumerate(terms) if t in multi]
        if not starts:
            return toks
        # Copy the runs between phrases in slices; only candidate positions are looked at.
        out: list[Token] = []
        done, n = 0, len(toks)
        for i in starts:
            if i < done:
                continue  # inside a phrase already taken
            for mw in multi[terms[i]]:
                k = len(mw.terms)
                if i + k <= n and tuple(terms[i : i + k]) == mw.terms:
                    out.extend(toks[done:i])
                    if not (mw.replace or replace_all):
                        out.extend(toks[i : i + k])
                    out.append((mw.canonical, toks[i][1], toks[i + k - 1][2]))
                    done = i + k
                    break
        if not done:
            return toks  # no phrase here after all
        out.extend(toks[done:])
        return out

    def expand(self, term: str) -> frozenset[str]:
        """The synonyms of a term (not the term itself)."""
        return self.synonyms.get(term, frozenset())


_ANALYSED = ("acronyms", "passes", "synonyms", "abbreviated")  # Lexicon._analyse_tables's


def _replace_token(out: list[Token], start: int, end: int, term: str) -> None:
    """Give the token that starts at ``start`` another term (tokens are in text order)."""
    at = bisect.bisect_left(out, start, key=lambda t: t[1])
    if at < len(out) and out[at][1] == start:
        out[at] = (term, start, end)


@cache
def _bundled_kinds() -> list[list[str]]:
    data = load_bundled("kinds.toml")
    return [_words(f) for f in data["kinds"]["families"]]


@cache
def default_lexicon() -> Lexicon:
    """The bundled lexicon, built once per process (its analysed tables once per version)."""
    data = load_bundled("lexicon.toml")
    return Lexicon.from_mapping(data, lexicon_key())


@cache
def lexicon_key() -> str:
    """What the bundled lexicon's analysis depends on: its data, this module, the stemmer and the
    Python (Unicode) version."""
    return data_key(
        (DATA / "lexicon.toml").read_bytes(),
        source_of(__file__),
        str(Stemmer.version()),
        sys.version,
    )


def lexicon_for(extra: Mapping[str, Any] | None) -> Lexicon:
    return default_lexicon().extended(extra) if extra else default_lexicon()
