"""Figures and names in one fact (one sentence).

``extract_figures(text)``
    percent ("50%", "25 per cent"; "2 percentage points" has unit "pp"), money ("$40 billion",
    "2.5 million pesos"; the unit is the currency as written: "$", "C$", "US$", "€"), year ("2026"),
    date ("December 18, 2025" -> "2025-12-18"; "December 18" -> "--12-18"; "December 2025" ->
    "2025-12"), weekday ("Wednesday"), duration ("eight years", "three decades" -> 30 year,
    "2 hours and 40 minutes" -> 160 minute) and other cardinal numbers ("1.2 million", "3,500",
    "three").
``extract_entities(text, gazetteer)``
    person, country, place, organization, agreement, each with its canonical name, from the
    gazetteer (``data/gazetteer.toml``, extendable by a user's table of the same shape) and from
    two rules: a title before capitalised words is a person ("Minister Jane Doe" -> "Jane Doe";
    the title is *not* part of the span), and capitalised words ending in an organisation word are
    an organisation ("Canadian Steel Producers Association", "Ministry of Economy").

Both return records sorted by start, with offsets into ``text`` (``text[r.start:r.end] ==
r.text``); no two records of one call overlap: the longest match wins, then the more specific
source (a date beats a year, the gazetteer beats a rule).

Speed matters (a million facts per index build), so everything is a handful of regexes compiled
once. Patterns start with a literal or a character class, never with a look-behind, so that the
regex engine can skip ahead to candidate characters; word boundaries on the left are checked in
Python on the (few) matches instead. The gazetteer aliases are compiled into one trie-shaped
regex. Standard library only: the CLI layer, not this module, deals with typer and rich.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate
from typing import Any

from .cache import load_bundled
from .errors import TopicsFileError
from .models import MONTHS, WEEKDAYS, Entity, Figure

__all__ = [
    "ENTITY_KINDS",
    "FIGURE_KINDS",
    "Gazetteer",
    "GazetteerEntry",
    "date_years",
    "extract_entities",
    "extract_figures",
    "load_gazetteer",
    "next_to",
    "resolve_people",
]

FIGURE_KINDS = ("percent", "money", "number", "year", "date", "weekday", "duration")
ENTITY_KINDS = ("person", "country", "place", "organization", "agreement")

# --------------------------------------------------------------------------------------------
# Normalisation. Every mapping is one character to one character, so offsets in the normalised
# text are offsets in the original one.

_HYPHENS = "\u2010\u2011\u2012\u2013\u2212"  # hyphen, non-breaking hyphen, figure/en dash, minus
_SPACES = "\u00a0\u2007\u2009\u202f"
# Figures: an en dash is a range ("20–25%"); an em dash is a break ("$40 billion—Canada") and must
# not glue the number to the next word, so it is left alone.
_FIG_MAP = {**dict.fromkeys(_HYPHENS, "-"), **dict.fromkeys(_SPACES, " ")}
# Names: all dashes are equal ("Mexico–Canada", "Mexico—Canada"), curly quotes are straight.
_ENT_MAP = {
    **dict.fromkeys(_HYPHENS + "\u2014\u2015", "-"),
    **dict.fromkeys(_SPACES, " "),
    **dict.fromkeys("\u2018\u2019\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201f\u2033", '"'),
}
_FIG_NORM_RE = re.compile("[" + "".join(_FIG_MAP) + "]")
_ENT_NORM_RE = re.compile("[" + "".join(_ENT_MAP) + "]")


def _normalise(text: str, pattern: re.Pattern[str], table: dict[str, str]) -> str:
    """``text`` with odd dashes, spaces and quotes made plain (str.translate is slower here)."""
    if text.isascii():
        return text
    return pattern.sub(lambda m: table[m.group()], text)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


# --------------------------------------------------------------------------------------------
# A trie-shaped alternation: "US|USA|USMCA" -> "US(?:A|MCA)?". Python's regex engine tries
# alternatives one by one; sharing prefixes makes a few hundred aliases cost about as much as a
# handful, and a top-level branch of literals lets the engine skip to possible first characters.

_SEP = "\0"  # stands for "a space or a dash" inside alias keys
_SEP_PATTERN = r"(?:\s*-\s*|\s+)"
_SEP_RE = re.compile(r"\s*-\s*|\s+")


def _trie_pattern(words: Iterable[str]) -> str:
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root) or "(?!)"


def _emit(node: dict[str, dict]) -> str:
    alts = [
        (_SEP_PATTERN if ch == _SEP else re.escape(ch)) + _emit(child)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not alts:
        return ""
    if "" in node:  # a word ends here: longer ones first (greedy "?"), then this one
        return "(?:" + "|".join(alts) + ")?"
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


# --------------------------------------------------------------------------------------------
# Figures

_NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALE_WORDS: dict[str, int] = {
    "hundred": 100, "dozen": 12, "thousand": 10**3, "million": 10**6, "billion": 10**9,
    "trillion": 10**12,
}  # fmt: skip
_SCALES: dict[str, int] = {
    **_SCALE_WORDS, "k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "b": 10**9, "bn": 10**9,
    "tn": 10**12,
}  # fmt: skip
# Duration units: (canonical unit, factor).
_DURATIONS: dict[str, tuple[str, int]] = {
    "year": ("year", 1), "years": ("year", 1), "decade": ("year", 10), "decades": ("year", 10),
    "century": ("year", 100), "centuries": ("year", 100), "month": ("month", 1),
    "months": ("month", 1), "week": ("week", 1), "weeks": ("week", 1), "day": ("day", 1),
    "days": ("day", 1), "hour": ("hour", 1), "hours": ("hour", 1), "minute": ("minute", 1),
    "minutes": ("minute", 1),
}  # fmt: skip
# Currency words after a number, and the unit they stand for.
_CURRENCY_WORDS: dict[str, str] = {
    "dollars": "$", "canadian dollars": "C$", "u.s. dollars": "US$", "us dollars": "US$",
    "american dollars": "US$", "mexican dollars": "$", "pesos": "pesos", "mexican pesos": "pesos",
    "canadian pesos": "pesos", "u.s. pesos": "pesos", "us pesos": "pesos",
    "american pesos": "pesos", "euros": "€", "usd": "USD", "cad": "CAD", "mxn": "MXN",
    "eur": "EUR", "gbp": "GBP",
}  # fmt: skip
_MAX_DAY = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# Same-span ties: the more specific kind wins ("2026" inside nothing else is a year, not a number).
_FIG_PRIORITY = {
    "date": 0, "money": 1, "percent": 2, "duration": 3, "year": 4, "weekday": 5, "number": 6,
}  # fmt: skip

# 3,500 | 2025 | 12.5. [0-9], not \d: a plain range is cheaper to test than a Unicode category.
_NUM = r"[0-9](?:[0-9]{0,2}(?:,[0-9]{3})+(?![0-9])|[0-9]*)(?:\.[0-9]+)?"
_TAIL = (
    r"(?: ?(?P<pct>%|per ?cent(?!\w)|pct(?!\w)|percentage points?(?!\w))"
    # "45 business days" (not "the 2025 calendar year")
    r"|[ -](?:(?:business|working|calendar|trading|consecutive) (?=(?:day|week|month)s?(?!\w)))?"
    r"(?P<dur>years?|months?|weeks?|days?|hours?|minutes?|decades?|century|centuries)(?!\w)"
    r"| (?P<cw>(?:(?:Canadian|U\.S\.|US|American|Mexican) )?(?:dollars|pesos)"
    r"|euros|USD|CAD|MXN|EUR|GBP)(?!\w))?"
)
# A number in digits, an optional second one for a range ("20-25%"), a scale word ("1.2 million",
# glued "bn"/"B" only after a currency), then a unit. Starts with a digit, which the engine can
# jump to.
_DIGITS_RE = re.compile(
    rf"(?P<n1>{_NUM})(?:-(?P<n2>{_NUM}))?"
    r"(?:[ -]?(?P<scale>thousand|million|billion|trillion|bn|mn|mln|tn)(?!\w)"
    r"|(?P<short>[bBmMkK])(?!\w))?" + _TAIL
)
# A currency written before the number, read backwards from the digit ("US$40", "USD 40").
_CUR_BEFORE = re.compile(
    r"(?:(?:C|CA|CAD|CDN|US|U\.S\. ?|USD|MX|Mex|MXN|A|AU|NZ|HK)?\$|€|£|¥"
    r"|(?:USD|CAD|MXN|EUR|GBP) )\Z"
)
# A number after these words is an identifier ("Section 232", "Chapter 19"), not a figure.
_IDENT_BEFORE = re.compile(
    r"(?:Section|Sections|Article|Articles|Chapter|Bill|Clause|Annex|Appendix|No\.|Nos\.|Rule|"
    r"Paragraph|Schedule|Item|Title|Part|Resolution|Regulation|Form|Route|Highway|Flight|Docket|"
    r"Case|Version|Phase|Tier|Room|Exit|Page|Figure|Table) \Z"
)
_YEAR_PREFIXES = frozenset({"mid", "pre", "post", "early", "late", "fiscal"})

_WORD_TOKEN = (
    "(?:"
    + _trie_pattern(
        [w for base in (*_NUMBER_WORDS, *_SCALE_WORDS) for w in (base, base.capitalize())]
    )
    + r")(?!\w)"
)
# Word patterns are searched right after a delimiter (_DELIM + a look-ahead for the possible first
# letters + pattern): the engine then stops only at spaces and brackets, and tries the long
# alternation only before a plausible letter. The start of the text is tried on its own (_scan).
_DELIM = "[ \t\n\"'(\\[/\u2014]"  # listed, not \s: testing a category is slower


def _first_letters(words: Iterable[str]) -> str:
    return "(?=[" + "".join(sorted({re.escape(w[0]) for w in words if w})) + "])"


# Number words: "three", "twenty-five", "two hundred and fifty", "forty billion dollars".
_WORDS_ONLY = rf"(?P<w>{_WORD_TOKEN}(?:(?:-|(?<=hundred) and | ){_WORD_TOKEN})*)" + _TAIL
_WORDS_ONLY_RE = re.compile(_WORDS_ONLY)
_WORD_SPLIT_RE = re.compile(r"[- ]+")
# ... or "a"/"an" as one before a scale word or a decade, century, year or hour ("an hour").
_WORDS_BODY = (
    r"(?:(?P<a>[Aa]n? )(?=(?P<next>hundred|thousand|million|billion|trillion|dozen|decade|century"
    r"|year|hour|half|third|quarter|fifth|tenth)(?!\w))|" + _WORDS_ONLY + ")"
)
_WORDS_RE = re.compile(_WORDS_BODY)
_WORDS_SCAN_RE = re.compile(
    _DELIM
    + _first_letters(w for b in (*_NUMBER_WORDS, *_SCALE_WORDS, "a") for w in (b, b.title()))
    + _WORDS_BODY
)
# "a year" right after a figure or "twice" is a rate ("$40 billion a year"), not a duration.
_RATE_BEFORE = re.compile(
    r"(?:[0-9]|%|\b(?:once|twice|thrice|times|per|percent|cent|dollars|pesos|euros|thousand|"
    r"million|billion|trillion|bn))\s*\Z"
)

# Full names, then abbreviations with an optional dot ("Dec. 18"); a full name takes no dot, so
# that "on 1st March." leaves the full stop to the sentence.
_MONTH_PATTERN = (
    "(?:(?:"
    + "|".join(m for m in MONTHS if len(m) > 4 or m in ("May", "June", "July"))
    + r")(?!\w)|(?:"
    + "|".join(
        m
        for m in sorted(MONTHS, key=len, reverse=True)
        if len(m) <= 4 and m not in ("May", "June", "July")
    )
    + r")(?:\.|(?!\w)))"
)
# "December 18, 2025", "Dec. 18", "December 2025" (a month name alone is never a date: "May").
_DATE_MDY_RE = re.compile(
    # The first letters up front: the engine tries the pattern at every position, and one class
    # test rejects most of them faster than the alternation of month names (about 2 us a fact).
    "(?=[" + "".join(sorted({m[0] for m in MONTHS})) + "])"
    rf"(?P<mon>{_MONTH_PATTERN})"
    r"(?: (?P<day>[0-9][0-9]?)(?:st|nd|rd|th)?(?![0-9])(?:,? (?P<y1>[0-9]{4}))?"
    r"|,? (?P<y2>[0-9]{4}))(?!\w)"
)
# The rest of "18 December 2025", "18 December", after the day's digits (see _digit_figures).
_DMY_REST_RE = re.compile(
    rf"(?:st|nd|rd|th)? (?P<mon>{_MONTH_PATTERN})(?:,? (?P<y>[0-9]{{4}}))?(?!\w)"
)
_DATE_ISO_RE = re.compile(r"[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9](?![\w-])")
_WEEKDAY_RE = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?!\w)")
_DIGIT_RE = re.compile(r"[0-9]")

# (start, end, priority, kind, value, unit)
_Cand = tuple[int, int, int, str, Any, Any]


def _number(digits: str, mult: int = 1) -> int | float:
    """The value of "3,500" or "12.5" times ``mult``; an int when it is whole ("$100.00" -> 100)."""
    digits = digits.replace(",", "")
    if "." not in digits:
        return int(digits) * mult
    value = Decimal(digits) * mult  # Decimal: 40.5 * 10**9 must be exactly 40500000000
    whole = int(value)
    return whole if value == whole else float(value)


def _left_ok(t: str, s: int) -> bool:
    """A figure may start at ``s``: not inside a word, a URL, a file name or an identifier."""
    if s == 0:
        return True
    c = t[s - 1]
    if _is_word_char(c) or c in "./\\@#=&:":
        return False
    if c == "[" and s >= 2 and not t[s - 2].isspace():
        return False  # a citation marker, "in 2025.[6]" or "tariffs[7]"
    if c in "-," and s >= 2 and _is_word_char(t[s - 2]):
        if c == "," or not t[s - 2].isalpha():
            return False  # "1,2", "2025-2026" (a range is matched as a whole)
        i = s - 2
        while i > 0 and t[i - 1].isalpha():
            i -= 1
        return t[i : s - 1].lower() in _YEAR_PREFIXES  # "mid-2025" yes, "COVID-19" no
    return True


def _right_ok(t: str, e: int) -> bool:
    """A figure may end at ``e``: not before a letter, nor before ".pdf", "/12", "-based", ":30"."""
    if e >= len(t):
        return True
    c = t[e]
    if _is_word_char(c):
        return False
    return not (c in "./\\@:-" and e + 1 < len(t) and _is_word_char(t[e + 1]))


def _unit_of_tail(m: re.Match[str]) -> tuple[str, str | None, int] | None:
    """(kind, unit, factor) for the unit after a number, or None when there is none."""
    if m["pct"]:
        return ("percent", "pp" if m["pct"].startswith("percentage") else "%", 1)
    if m["dur"]:
        unit, factor = _DURATIONS[m["dur"]]
        return ("duration", unit, factor)
    if m["cw"]:
        return ("money", _CURRENCY_WORDS[m["cw"].lower()], 1)
    return None


def _currency_before(t: str, s: int) -> tuple[int, str] | None:
    """The currency written just before the digit at ``s``, as (start, unit)."""
    if s == 0 or t[s - 1] not in "$€£¥ ":
        return None
    m = _CUR_BEFORE.search(t, max(0, s - 7), s)
    if m is None:
        return None
    start = m.start()
    if start and _is_word_char(t[start - 1]):
        if t[s - 1] == " ":
            return None  # "XUSD 40"
        start = s - 1  # "AUS$40": keep only the symbol
    return start, t[start:s].replace(" ", "")


def _digit_figures(t: str, out: list[_Cand]) -> None:
    for m in _DIGITS_RE.finditer(t):
        s, e = m.start(), m.end()
        if not _left_ok(t, s):
            continue
        n1, n2 = m["n1"], m["n2"]
        if n2 is None and len(n1) <= 2 and (dm := _DMY_REST_RE.match(t, s + len(n1))):
            # "18 December 2025" (checked here rather than by a regex of its own: one scan less)
            value = _date_value(dm["y"], MONTHS[dm["mon"].rstrip(".")], n1)
            if value is not None and _right_ok(t, dm.end()):
                out.append((s, dm.end(), _FIG_PRIORITY["date"], "date", value, None))
        if not _right_ok(t, e):
            continue
        scale = m["scale"] or m["short"]
        mult = _SCALES[scale.lower()] if scale else 1
        tail = _unit_of_tail(m)
        cur = _currency_before(t, s)
        if cur is not None and (tail is None or tail[0] != "money"):
            tail = ("money", cur[1], 1)
        if m["short"] and (tail is None or tail[0] != "money"):
            continue  # "5m" is five metres or a model name, not five million
        start = cur[0] if cur is not None else s
        if tail is not None or scale:
            kind, unit, factor = tail if tail is not None else ("number", None, 1)
            if n2 is None:
                out.append((start, e, _FIG_PRIORITY[kind], kind, _number(n1, mult * factor), unit))
            else:  # "20-25%": both ends carry the unit
                e1, s2 = s + len(n1), s + len(n1) + 1
                out.append((start, e1, _FIG_PRIORITY[kind], kind, _number(n1, mult * factor), unit))
                out.append((s2, e, _FIG_PRIORITY[kind], kind, _number(n2, mult * factor), unit))
            continue
        if n2 is None and _IDENT_BEFORE.search(t, max(0, s - 12), s):
            continue  # "Section 232"
        parts = ((s, n1),) if n2 is None else ((s, n1), (s + len(n1) + 1, n2))
        for i, (ns, num) in enumerate(parts):
            if len(num) == 4 and num.isdigit() and 1900 <= int(num) <= 2100:
                out.append((ns, ns + 4, _FIG_PRIORITY["year"], "year", int(num), None))
            elif i == 1 and len(num) == 2 and len(n1) == 4:
                continue  # "2025-26": the second half of a fiscal year is not a number
            else:
                out.append(
                    (ns, ns + len(num), _FIG_PRIORITY["number"], "number", _number(num), None)
                )


def _words_value(words: Sequence[str]) -> int:
    """The value of number words: ["two", "hundred", "fifty"] -> 250."""
    total = current = 0
    for w in words:
        if w in _NUMBER_WORDS:
            current += _NUMBER_WORDS[w]
        elif w == "hundred" or w == "dozen":
            current = (current or 1) * _SCALE_WORDS[w]
        else:
            total += (current or 1) * _SCALE_WORDS[w]
            current = 0
    return total + current


def _word_match_figure(m: re.Match[str], start: int, article: bool) -> _Cand | None:
    words = [w for w in _WORD_SPLIT_RE.split(m["w"].lower()) if w != "and"]
    tail = _unit_of_tail(m)
    if not article:
        if all(w in _SCALE_WORDS for w in words):
            return None  # "million" alone, e.g. "the million-dollar question"
        if words == ["one"] and tail is None:
            return None  # "one another", "one of", "no one"
    value = _words_value(["one", *words] if article else words)
    kind, unit, factor = tail if tail is not None else ("number", None, 1)
    return (start, m.end(), _FIG_PRIORITY[kind], kind, value * factor, unit)


def _scan(body: re.Pattern[str], scan: re.Pattern[str], t: str) -> Iterator[re.Match[str]]:
    """Matches of ``body`` at the start of ``t``, then after delimiters (``scan`` = _DELIM+body)."""
    m = body.match(t)
    if m is not None:
        yield m
    yield from scan.finditer(t, 0 if m is None else m.end())


# Fractions in words are shares, read as percents: "a third of", "three quarters of", "fell by a
# fifth", "nearly half of", "one in four". Only in a share's context: "a third country", "the
# first quarter", "a quarter point" and "the second half of 2025" are not shares. They are found
# by the number-word scan (the numerator), so facts without number words pay nothing.
_DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_SMALL_NUMBERS = {w: v for w, v in _NUMBER_WORDS.items() if 1 <= v <= 10}
_DENOMINATOR_AFTER_RE = re.compile(r"[ -](half|third|quarter|fifth|tenth)s?(?![\w-])")
_ONE_IN_RE = re.compile(" in (" + "|".join(_SMALL_NUMBERS) + r")(?![\w-])")
_HALF_RE = re.compile(r"[Hh]alf(?![\w-])")
# Before a share: "by a third", "nearly half", "more than a quarter", "cut in half".
_SHARE_BEFORE_RE = re.compile(
    r"(?:\b(?:by|in|nearly|almost|about|roughly|around|some|over|under|than|to|approximately"
    r"|fully|just|only|least|most)) \Z",
    re.IGNORECASE,
)
# After a share: "of" (not "a quarter of an hour", "half of 2025", "a third of the way").
_SHARE_AFTER_RE = re.compile(
    r" of (?!an? (?:hour|century|decade|year|mile|point)s?\b|(?:the )?(?:year|way|[0-9]{4})\b)"
)
_NOT_SHARE_AFTER_RE = re.compile(
    r"[ -](?:point|points|century|centuries|hour|hours|mile|miles|final|finals|note|notes"
    r"|term|round|party|parties|country|countries|time|times|place|day|way)\b"
)


def _share_figure(
    t: str, s: int, e: int, x: int, y: int, out: list[_Cand], bare: bool = False
) -> None:
    """The share x/y written at ``t[s:e]``, as a percent, if its context makes it a share;
    ``bare`` for a "half" written with no numerator."""
    if x == 1 and t.endswith("and ", 0, s):
        return  # "one and a half"
    if _NOT_SHARE_AFTER_RE.match(t, e):
        return
    if not _SHARE_AFTER_RE.match(t, e):
        before = _SHARE_BEFORE_RE.search(t, max(0, s - 16), s)
        # A bare "half" with no "of" is a share only cut "by" or "in" it ("half the time").
        if before is None or (bare and before.group().lower() not in ("by ", "in ")):
            return
    out.append(_share(s, e, x, y))


def _share(s: int, e: int, x: int, y: int) -> _Cand:
    value = round(100 * x / y, 1)
    return (
        s,
        e,
        _FIG_PRIORITY["percent"],
        "percent",
        int(value) if value.is_integer() else value,
        "%",
    )


def _numerator_figures(t: str, m: re.Match[str], out: list[_Cand]) -> None:
    """A share whose numerator is the number word ``m`` matched: "three quarters", "one in four"."""
    x = _SMALL_NUMBERS.get(m["w"].lower())
    e = m.end("w")
    if x is None or e >= len(t) or t[e] not in " -":
        return
    if (fm := _DENOMINATOR_AFTER_RE.match(t, e)) is not None:
        _share_figure(t, m.start("w"), fm.end(), x, _DENOMINATORS[fm[1]], out)
    elif (im := _ONE_IN_RE.match(t, e)) is not None and x < (y := _SMALL_NUMBERS[im[1]]):
        out.append(_share(m.start("w"), im.end(), x, y))


def _word_figures(t: str, out: list[_Cand]) -> None:
    for m in _scan(_WORDS_RE, _WORDS_SCAN_RE, t):
        if m["a"] is None:  # number words
            _numerator_figures(t, m, out)
            if _right_ok(t, m.end()):
                cand = _word_match_figure(m, m.start("w"), article=False)
                if cand is not None:
                    out.append(cand)
            continue
        s, nxt = m.start("a"), m["next"]
        if nxt in _DENOMINATORS:  # "a third"
            _share_figure(t, s, m.end() + len(nxt), 1, _DENOMINATORS[nxt], out)
        elif nxt in ("decade", "century", "year", "hour"):  # "a decade"
            e = m.end() + len(nxt)
            if not _right_ok(t, e) or _RATE_BEFORE.search(t, max(0, s - 12), s):
                continue
            unit, factor = _DURATIONS[nxt]
            out.append((s, e, _FIG_PRIORITY["duration"], "duration", factor, unit))
        else:  # "a billion dollars"
            wm = _WORDS_ONLY_RE.match(t, m.end())
            if wm is not None and _right_ok(t, wm.end()):
                cand = _word_match_figure(wm, s, article=True)
                if cand is not None:
                    out.append(cand)
    if "alf" in t:
        for hm in _HALF_RE.finditer(t):  # "cut in half", "half of": a share with no numerator
            if _left_ok(t, hm.start()):
                _share_figure(t, hm.start(), hm.end(), 1, 2, out, bare=True)


def _date_value(year: str | None, month: int, day: str | None) -> str | None:
    """ISO 8601 for a full date, "--MM-DD" without a year, "YYYY-MM" without a day."""
    if year is not None and not 1000 <= int(year) <= 2999:
        return None
    if day is None:
        return f"{year}-{month:02d}" if year is not None else None
    d = int(day)
    if year is None:
        return f"--{month:02d}-{d:02d}" if 1 <= d <= _MAX_DAY[month] else None
    try:
        return datetime.date(int(year), month, d).isoformat()
    except ValueError:
        return None  # "February 30, 2025"


def _date_figures(t: str, out: list[_Cand]) -> None:
    prio = _FIG_PRIORITY["date"]
    for m in _DATE_MDY_RE.finditer(t):
        s = m.start()
        if s and _is_word_char(t[s - 1]):
            continue
        month = MONTHS[m["mon"].rstrip(".")]
        value = _date_value(m["y1"] or m["y2"], month, m["day"])
        e = m.end()
        if value is not None and (_right_ok(t, e) or t.startswith("-", e)):  # "December 18-19"
            out.append((s, e, prio, "date", value, None))
    if "-" in t:
        for m in _DATE_ISO_RE.finditer(t):
            s = m.start()
            if not _left_ok(t, s):
                continue
            g = m.group()
            value = _date_value(g[:4], int(g[5:7]), g[8:]) if 1 <= int(g[5:7]) <= 12 else None
            if value is not None:
                out.append((s, m.end(), prio, "date", value, None))


def _resolve(cands: list[tuple]) -> list[tuple]:
    """Non-overlapping candidates, longest first then by priority, returned in text order.

    A candidate is ``(start, end, priority, ...)``; a lower priority number wins a tie.
    """
    if len(cands) < 2:
        return cands
    cands.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    chosen: list[tuple] = []
    for c in cands:
        s, e = c[0], c[1]
        for d in chosen:
            if s < d[1] and d[0] < e:
                break
        else:
            chosen.append(c)
    chosen.sort(key=lambda c: c[0])
    return chosen


def extract_figures(text: str) -> tuple[Figure, ...]:
    """The figures in one fact, sorted by start; overlaps resolved in favour of the longest."""
    t = _normalise(text, _FIG_NORM_RE, _FIG_MAP)
    cands: list[_Cand] = []
    if _DIGIT_RE.search(t) is not None:  # dates, money and percents all need a digit
        _date_figures(t, cands)
        _digit_figures(t, cands)
    _word_figures(t, cands)
    if "day" in t:
        for m in _WEEKDAY_RE.finditer(t):
            s = m.start()
            if not (s and _is_word_char(t[s - 1])):
                cands.append((s, m.end(), _FIG_PRIORITY["weekday"], "weekday", m.group(), None))
    return tuple(
        Figure(text[s:e], kind, value, unit, s, e)
        for s, e, _, kind, value, unit in _hours_and_minutes(t, _resolve(cands))
    )


def _hours_and_minutes(t: str, cands: list[_Cand]) -> list[_Cand]:
    """ "3 hours and 20 minutes" is one wait of 200 minutes, not two figures."""
    out: list[_Cand] = []
    for c in cands:
        if out and c[3] == "duration" and c[5] == "minute":
            p = out[-1]
            if p[3] == "duration" and p[5] == "hour" and t[p[1] : c[0]] in (" and ", ", ", " "):
                out[-1] = (p[0], c[1], p[2], "duration", p[4] * 60 + c[4], "minute")
                continue
        out.append(c)
    return out


# --------------------------------------------------------------------------------------------
# Entities

# Capitalised words that begin sentences or clauses but never begin a name.
_STOPWORDS = frozenset(
    """A About According After Against All Also Although Among An And Another Any As At Because
    Before Being Between Both But By Despite During Each Earlier Either Even Every Few For Former
    From Further He Her Here His How However I If In Instead Into It Its Last Later Like Many
    Meanwhile Moreover More Most My Neither Next No Nor Not Now Of On Once One Only Or Other Our
    Over Per Rather Recently Several She Since So Some Still Such Than That The Their Them Then
    There These They This Those Though Through Thus To Today Tomorrow Under Unlike Until Upon
    We What When Where Whether Which While Who Why With Within Without Yesterday Yet You Your
    Officials Experts Analysts Critics Sources Economically Politically Together Overall
    Mr Mrs Ms Dr""".split()  # noqa: SIM905 - a word list reads better as text
)
# Not the months: "Prime Minister Theresa May".
_STOPWORDS_NAME = _STOPWORDS | frozenset(WEEKDAYS)
_PARTICLES = frozenset(
    {"de", "del", "la", "van", "von", "der", "da", "dos", "di", "du", "bin", "al"}
)

_UPPER = "A-ZÀ-ÖØ-Þ"
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿ"
# A word of a name: "Carney", "LeBlanc", "O'Toole", "François-Philippe", "JD", an initial "J.".
_NAME_TOKEN = (
    rf"(?:[A-Z]\.){{1,3}}(?= )|[{_UPPER}][{_LETTER}]*"
    rf"(?:['-](?:(?:[A-Z]\.)+|[{_UPPER}][{_LETTER}]*))*"
)
# Name words, with particles ("de la") and, for "Minister of Finance and Revenue Jane Doe", "and".
_JOINERS = "|".join((*sorted(_PARTICLES), "and", "&"))
_NAME_RUN = rf"(?P<run>(?:{_NAME_TOKEN})(?: (?:(?:{_JOINERS}) ){{0,2}}(?:{_NAME_TOKEN}))*)"
_TOKEN_RE = re.compile(r"\S+")
_ENT_DELIM = '[ \t\n"(\\[/-]'  # see _DELIM
# A word of an organisation's name: "Canadian", "U.S.", "Agri-Food", "G7".
_ORG_TOKEN = rf"(?:[A-Z]\.){{2,}}|[{_UPPER}][\w-]*"
# Not "and": "the Ambassador Bridge and General Motors" is two names, not one organisation.
_ORG_LEFT_RE = re.compile(rf"(?<![\w.'-])(?:(?:{_ORG_TOKEN})(?: &)? )+\Z")
_ORG_RIGHT_RE = re.compile(
    rf" (?:of|for|on)(?: the)?(?: (?:{_ORG_TOKEN}))(?:(?: of(?: the)?)? (?:{_ORG_TOKEN}))*"
)

_ORG_JOINERS = frozenset({"of", "for", "on", "the"})  # never the last word of a name
_ENT_PRIORITY = {"gazetteer": 0, "title": 1, "organization": 2, "speaker": 3, "surname": 4}


# Titles a company or a town may also be said to be ("a world leader in", "a key partner").
_NOT_COPULA_ROLES = frozenset(["Leader", "Partner", "Founder", "Fellow", "Justice", "Judge",
    "Speaker", "Steward", "Sir", "Honourable", "Honorable", "Representative",
    "Lawmaker"])  # fmt: skip


def _alias_key(alias: str) -> str:
    """The lookup key of an alias or a matched text: spaces and dashes become one separator."""
    return _SEP_RE.sub(_SEP, _normalise(alias, _ENT_NORM_RE, _ENT_MAP).strip())


def _case_variants(alias: str) -> set[str]:
    """An alias as written, with its later words in lower case, and in Title Case."""
    out = {alias}
    if len(alias) < 6 or alias.upper() == alias:
        return out
    words = re.split(r"([\s-]+)", alias)

    def keep(w: str) -> bool:  # acronyms and abbreviations keep their case
        return w.upper() == w or "." in w or any(ch.isdigit() for ch in w)

    out.add(words[0] + "".join(w if keep(w) else w.lower() for w in words[1:]))
    out.add("".join(w if keep(w) else w[:1].upper() + w[1:] for w in words))
    return out


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One named thing: its canonical name, kind, and the ways it is written."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    ignore_case: bool = False


class Gazetteer:
    """Known names, titles and organisation words, compiled for fast matching.

    The data has the shape of ``data/gazetteer.toml``: ``[[entity]]`` tables (``name``, ``kind``,
    ``aliases``, optional ``ignore_case``) and the lists ``titles``, ``organization_heads`` and
    ``portfolio_words``. Build one with :func:`load_gazetteer`. It pickles as its data (worker
    processes recompile the regexes).
    """

    __slots__ = (
        "_alias_re",
        "_appositive_re",
        "_copula_re",
        "_head_re",
        "_heads",
        "_lookup",
        "_portfolio",
        "_title_re",
        "_title_scan_re",
        "_title_words",
        "entries",
        "organization_heads",
        "portfolio_words",
        "titles",
    )

    def __init__(
        self,
        entries: Sequence[GazetteerEntry],
        titles: Sequence[str] = (),
        organization_heads: Sequence[str] = (),
        portfolio_words: Sequence[str] = (),
    ) -> None:
        self.entries = tuple(entries)
        self.titles = tuple(titles)
        self.organization_heads = tuple(organization_heads)
        self.portfolio_words = tuple(portfolio_words)
        lookup: dict[str, tuple[str, str]] = {}
        for entry in self.entries:  # later entries win an alias both claim
            for alias in (entry.name, *entry.aliases):
                variants = _case_variants(alias) if entry.ignore_case else {alias}
                for variant in variants:
                    key = _alias_key(variant)
                    if key:
                        lookup[key] = (entry.kind, entry.name)
        self._lookup = lookup
        # "$" on the right: "US$40" is a currency, not the country.
        self._alias_re = re.compile(f"(?:{_trie_pattern(lookup)})(?![\\w$])")
        title_words = set()
        for title in self.titles:
            title_words.add(_alias_key(title))
            if len(title) >= 4 and "." not in title and title.upper() != title:
                title_words.add(_alias_key(title.lower()))  # "trade minister Jane Doe"
        title_body = f"(?:{_trie_pattern(title_words)})(?: (?P<of>of|for)(?: the)?)? {_NAME_RUN}"
        self._title_re = re.compile(title_body)
        self._title_scan_re = re.compile(_ENT_DELIM + _first_letters(title_words) + title_body)
        self._heads = frozenset(self.organization_heads)
        self._head_re = re.compile(
            f"(?:{_trie_pattern(_alias_key(h) for h in self.organization_heads)})(?![\\w-])"
        )
        self._portfolio = frozenset(self.portfolio_words) | {"and", "&", "the", "of", "for"}
        self._title_words = frozenset(t for t in self.titles if " " not in t)
        # A comma and within five words a title ("Jane Doe, the bank's chief economist"): one
        # search tells the few facts that may name someone so (_appositive_candidates); so does
        # "is" or "was" ("Jane Doe is chief executive of ..."), a second search, as one pattern
        # for both would try every space of every fact.
        singles = {w for t in self._title_words for w in (t, t.lower()) if w.isalpha()}
        titles = _trie_pattern(singles) if singles else "(?!)"
        self._appositive_re = re.compile(rf", (?:[^\s,]+ ){{0,4}}(?:{titles})\b")
        # After "is", a role held somewhere ("is chief executive of", "was director at").
        roles = {w for w in singles if w.capitalize() not in _NOT_COPULA_ROLES}
        self._copula_re = re.compile(
            rf" (?:is|was) (?:(?:the|a|an) )?(?:[\w'’.-]+ ){{0,3}}"
            rf"(?:{_trie_pattern(roles) if roles else '(?!)'}) (?:of|at|for|with)\b"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            Gazetteer,
            (self.entries, self.titles, self.organization_heads, self.portfolio_words),
        )

    def __repr__(self) -> str:
        return f"Gazetteer({len(self.entries)} entities, {len(self._lookup)} aliases)"

    def lookup(self, alias: str) -> tuple[str, str] | None:
        """(kind, canonical name) of an alias as written, or None."""
        return self._lookup.get(_alias_key(alias))

    @classmethod
    def from_data(cls, data: Mapping[str, Any], where: str = "gazetteer") -> Gazetteer:
        """A gazetteer from parsed TOML of the shape of ``data/gazetteer.toml``."""
        return cls(
            _entries_from(data.get("entity", []), where),
            _strings(data, "titles", where),
            _strings(data, "organization_heads", where),
            _strings(data, "portfolio_words", where),
        )


def _strings(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TopicsFileError(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _entries_from(tables: Any, where: str) -> list[GazetteerEntry]:
    if not isinstance(tables, list):
        raise TopicsFileError(f"{where}: 'entity' must be an array of tables ([[entity]])")
    entries = []
    for i, table in enumerate(tables, start=1):
        at = f"{where}: entity {i}"
        if not isinstance(table, Mapping):
            raise TopicsFileError(f"{at}: must be a table")
        name, kind = table.get("name"), table.get("kind")
        if not isinstance(name, str) or not name.strip():
            raise TopicsFileError(f"{at}: 'name' must be a non-empty string")
        if kind not in ENTITY_KINDS:
            raise TopicsFileError(f"{at} ({name}): 'kind' must be one of {', '.join(ENTITY_KINDS)}")
        aliases = _strings(table, "aliases", f"{at} ({name})")
        ignore_case = table.get("ignore_case", False)
        if not isinstance(ignore_case, bool):
            raise TopicsFileError(f"{at} ({name}): 'ignore_case' must be true or false")
        entries.append(GazetteerEntry(name.strip(), kind, aliases, ignore_case))
    return entries


@functools.cache
def _bundled_data() -> dict[str, Any]:
    return load_bundled("gazetteer.toml")


@functools.cache
def _bundled_gazetteer() -> Gazetteer:
    return Gazetteer.from_data(_bundled_data(), "gazetteer.toml")


def load_gazetteer(extra: Mapping[str, Any] | None = None) -> Gazetteer:
    """The bundled gazetteer (cached), optionally extended by a user's parsed TOML table.

    ``extra`` has the shape of ``data/gazetteer.toml`` (other keys, such as ``topic``, are
    ignored): its ``[[entity]]`` tables add entities, or add aliases to a bundled entity with the
    same name and kind; an alias that two entities claim goes to the user's one. Its ``titles``,
    ``organization_heads`` and ``portfolio_words`` add to the bundled lists. A table of the wrong
    shape raises :class:`~cantrade_cli.errors.TopicsFileError`.
    """
    base = _bundled_gazetteer()
    if not extra:
        return base
    entries = {(e.name, e.kind): e for e in base.entries}
    for new in _entries_from(extra.get("entity", []), "gazetteer"):
        old = entries.pop((new.name, new.kind), None)  # re-inserted last: its aliases win
        if old is not None:
            aliases = tuple(dict.fromkeys((*old.aliases, *new.aliases)))
            new = GazetteerEntry(new.name, new.kind, aliases, new.ignore_case or old.ignore_case)
        entries[(new.name, new.kind)] = new

    def merged(key: str, old: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*old, *_strings(extra, key, "gazetteer"))))

    return Gazetteer(
        list(entries.values()),
        merged("titles", base.titles),
        merged("organization_heads", base.organization_heads),
        merged("portfolio_words", base.portfolio_words),
    )


def names_by_word(extra: Mapping[str, Any] | None = None) -> dict[str, list[tuple[str, ...]]]:
    """Each one-word name of an entity, folded ("chinese"), with all the names of each entity it
    names (China: "China", "Chinese", "Beijing", ...), from the bundled gazetteer and a user's
    ``[[entity]]`` tables; a name of several words is there whole ("peace bridge"). Acronyms are
    left out: typed in lower case ("gm") they are as likely words as names. Cheap: no name
    pattern is compiled."""
    from .analyze import fold

    entries = _entries_from(_bundled_data().get("entity", []), "gazetteer.toml")
    if extra and "entity" in extra:
        entries += _entries_from(extra["entity"], "gazetteer")
    out: dict[str, list[tuple[str, ...]]] = {}
    for e in entries:
        names = tuple(a for a in (e.name, *e.aliases) if a.replace(".", "").upper() != a)
        for name in names:
            out.setdefault(" ".join(re.findall(r"[^\W_]+", fold(name))), []).append(names)
    return out


def _gazetteer_candidates(t: str, gz: Gazetteer, out: list[tuple]) -> None:
    lookup = gz._lookup
    pos, n = 0, len(t)
    search = gz._alias_re.search
    while pos < n:
        m = search(t, pos)
        if m is None:
            break
        s, e = m.span()
        if s and _is_word_char(t[s - 1]):
            pos = s + 1  # inside a word ("McCarney"): look again from the next character
            continue
        g = m.group()
        hit = lookup.get(g if " " not in g and "-" not in g else _SEP_RE.sub(_SEP, g))
        if hit is not None and not (hit[0] == "person" and _in_double_barrel(t, s, e, lookup)):
            out.append((s, e, _ENT_PRIORITY["gazetteer"], hit[0], hit[1]))
        pos = e


_WORD_BEFORE_RE = re.compile(r"[^\W\d_][\w'’]*\Z")
_WORD_AFTER_RE = re.compile(r"[^\W\d_][\w'’]*")


def _in_double_barrel(t: str, s: int, e: int, lookup: Mapping[str, tuple[str, str]]) -> bool:
    """Whether a known person's name is one half of a hyphenated surname whose other half is no
    known person: the "LeBlanc" of "Rajiv Kapoor-LeBlanc" is another person, while the
    "Carney-Sheinbaum meeting" is both leaders'."""
    other = None
    if s >= 2 and t[s - 1] == "-" and (m := _WORD_BEFORE_RE.search(t, 0, s - 1)):
        other = m.group()
    elif e + 1 < len(t) and t[e] == "-" and t[e + 1].isupper():
        other = _WORD_AFTER_RE.match(t, e + 1).group()  # type: ignore[union-attr]
    if other is None:
        return False
    hit = lookup.get(other)
    return hit is None or hit[0] != "person"


def _title_candidates(t: str, gz: Gazetteer, gaz: list[tuple], out: list[tuple]) -> list[str]:
    """Persons named after a title; returns the full names that the gazetteer did not know."""
    found: list[str] = []
    pos, n = 0, len(t)
    while pos < n:
        m = gz._title_re.match(t) if pos == 0 else None
        if m is None:  # after a delimiter, which is at pos - 1 at the earliest
            m = gz._title_scan_re.search(t, max(pos - 1, 0))
            if m is None:
                break
        pos = m.start("run")  # the run may hold the next title ("X and President Y")
        base = m.start("run")
        tokens = [
            (base + tm.start(), base + tm.end(), tm.group()) for tm in _TOKEN_RE.finditer(m["run"])
        ]
        if m["of"]:  # "Minister of International Trade Jane Doe": skip the portfolio
            portfolio = 0
            while tokens and tokens[0][2] in gz._portfolio:
                tokens.pop(0)
                portfolio += 1
            if not portfolio:
                continue  # "president of Acme Steel": an organisation, no person
        # "Chief Executive Officer Dana Whitcombe": a title's later words are no name.
        while tokens and tokens[0][2] in gz._title_words:
            tokens.pop(0)
        name: list[tuple[int, int, str]] = []
        for tok in tokens:
            word = tok[2]
            if word in ("and", "&"):
                break
            if word in _PARTICLES:
                if not name:
                    break
                name.append(tok)
                continue
            if len(name) >= 5 or word in _STOPWORDS_NAME or word in gz._heads:
                break
            hit = gz._lookup.get(word)
            if hit is not None and hit[0] != "person":
                break  # "President Trump Canada ...": a country is not part of the name
            name.append(tok)
        while name and name[-1][2] in _PARTICLES:
            name.pop()
        if not name:
            continue
        s, e = name[0][0], name[-1][1]
        pos = e
        full = t[s:e]
        hit = gz._lookup.get(_alias_key(full))
        if hit is not None and hit[0] != "person":
            continue
        if hit is None:  # "Claudia Sheinbaum Pardo" holds a known person: use its name
            inner = [g for g in gaz if g[3] == "person" and s <= g[0] and g[1] <= e]
            hit = ("person", inner[0][4]) if inner else None
        if hit is None:
            hit = ("person", full)
            if len(name) > 1:
                found.append(full)
        out.append((s, e, _ENT_PRIORITY["title"], "person", hit[1]))
    return found


# "Karen Whitfield, president of the B.C. Lumber Trade Council": a name of two to four words, a
# comma, and within a few words a title (Gazetteer._appositive_re), the name found from the comma
# back.
_PARTICLE_RUN = "(?:(?:" + "|".join(sorted(_PARTICLES)) + ") ){0,2}"  # "de la"
_APPOSITIVE_NAME_RE = re.compile(
    rf"(?<![\w.'’-])(?:{_NAME_TOKEN})(?: {_PARTICLE_RUN}(?:{_NAME_TOKEN})){{1,4}}\Z"
)


# "Raymond Okafor, who heads ...", "Lucie Tremblay said ...": a name before what a person does.
_SPEAKER_WORDS = ("said", "says", "told", "added", "noted", "warned", "argued", "explained",
                  "wrote", "asked", "who")  # fmt: skip
_SPEAKER_CUE_RE = re.compile(rf" (?:{'|'.join(_SPEAKER_WORDS)})(?![\w-])")


def _appositive_candidates(t: str, gz: Gazetteer, out: list[tuple]) -> list[str]:
    """Persons named before a comma and their title ("Raúl Medina Ochoa, Mexico's Secretary of
    Economy"), before "is" or "was" and a role held somewhere ("Jane Doe is chief executive of
    ..."), or before what a person does ("said", ", who"); returns their full names."""
    found: list[str] = []
    titles = gz._title_words
    # A title after the name is as sure as one before it; what the person does ("said") less:
    # a name found so gives way to any other name over the same words (extract_entities).
    cues = [(m.start(), _ENT_PRIORITY["title"]) for m in gz._appositive_re.finditer(t)]
    if " is " in t or " was " in t:
        cues += [(m.start(), _ENT_PRIORITY["title"]) for m in gz._copula_re.finditer(t)]
    for m in _SPEAKER_CUE_RE.finditer(t):
        end = m.start() - (m.start() > 0 and t[m.start() - 1] == ",")
        last = t[t.rfind(" ", 0, end) + 1 : end]
        # Most are "he said", "officials said", or a name the gazetteer has ("Ottawa said").
        if last[:1].isupper() and gz._lookup.get(last) is None:
            cues.append((end, _ENT_PRIORITY["speaker"]))
    cues.sort()
    for comma, priority in cues:
        m = _APPOSITIVE_NAME_RE.search(t, max(0, comma - 80), comma)
        if m is None:
            continue
        words = m.group().split(" ")
        # "Economy Secretary Rodrigo Salinas Vega, who ...": the name starts after the title.
        last_title = max((i for i, w in enumerate(words) if w in titles), default=-1)
        words = words[last_title + 1 :]
        # "Today, ..." is not a name, nor the portfolio of "Minister of International Trade".
        while words and (words[0] in _STOPWORDS_NAME or words[0] in gz._portfolio):
            words.pop(0)
        if len(words) < 2 or any(w in gz._heads or w in _STOPWORDS_NAME for w in words):
            continue
        name = " ".join(words)
        if gz._lookup.get(_alias_key(name)) is not None or any(
            (hit := gz._lookup.get(w)) is not None and hit[0] != "person" for w in words
        ):
            continue  # a known place or country ("Mexico City, Mexico")
        found.append(name)
        out.append((comma - len(name), comma, priority, "person", name))
    return found


# A credit line's people: "By Harriet Lindgren-Obi | ...", "Photographs by Inés Valdivia-Cruz
# and Owen T. Mbatha", "Summary by volunteer producer Kwame R. Lindgren-Sousa", "Analyst: Teodora
# Vasquez-Lindholm", "prepared on February 16, 2026, by Sofía Márquez Ortega and Daniel Okafor".
_CREDIT_PERSON = rf"(?:(?:Dr|Mr|Mrs|Ms|Prof)\. )?(?:{_NAME_TOKEN})(?: (?:{_NAME_TOKEN})){{1,3}}"
_BY_A_NAME = re.compile(rf" by (?:[a-z]+ ){{0,3}}(?:(?:Dr|Mr|Mrs|Ms|Prof)\. )?[{_UPPER}]")
_CREDIT_END = r"(?=\s*(?:[|,;(]|$|\.\s*$))"
_CREDIT_RE = re.compile(
    rf"(?:(?:^|\| |— )By "
    rf"|(?i:\b(?:photographs?|photos?|illustrations?|captions?|summary|written|reported|prepared"
    rf"|posted|compiled|edited|researched|translated|produced|hosted)\b)[^|]{{0,40}}? by "
    rf"(?:(?!(?:the|a|an|our|its|their)\b)[a-z]+ ){{0,3}}"
    rf"|(?:^|\| )(?:[A-Za-z]+ )?(?i:analysts?|presenters?|authors?|hosts?|moderators?|speakers?"
    rf"|reporters?|editors?|byline|photographers?|writers?): )"
    rf"(?P<a>{_CREDIT_PERSON}){_CREDIT_END.replace('$', '$| and ')}"
    rf"(?: and (?P<b>{_CREDIT_PERSON}){_CREDIT_END})?"
)


_NOT_A_CREDITED_NAME = _STOPWORDS_NAME | {
    "Staff", "Reporter", "Reporters", "Desk", "Team", "Bureau", "Correspondent", "Newsroom",
    "Wire", "Editors", "Editorial", "Board", "Contributor", "Contributors", "Writer", "Writers",
}  # fmt: skip


def _credit_candidates(t: str, gz: Gazetteer, out: list[tuple]) -> list[str]:
    """Persons a credit line names (the author, photographer, analyst); returns their names."""
    found: list[str] = []
    for m in _CREDIT_RE.finditer(t):
        for g in ("a", "b"):
            if m[g] is None:
                continue
            s, e = m.span(g)
            words = m[g].split(" ")
            if words[0].endswith(".") and len(words[0]) > 2:  # "Dr. Amelia Kowalczyk-Ruiz"
                words, s = words[1:], s + len(words[0]) + 1
            if len(words) < 2 or any(
                w in gz._heads or w in gz._title_words or w in _NOT_A_CREDITED_NAME for w in words
            ):
                continue  # "Cataraqui University Press", "Staff Reporter"
            name = " ".join(words)
            hit = gz._lookup.get(_alias_key(name))
            if hit is not None and hit[0] != "person":
                continue
            if any((h := gz._lookup.get(w)) is not None and h[0] != "person" for w in words):
                continue  # a place or an organisation ("Naviera Golfo Norte")
            found.append(name)
            out.append((s, e, _ENT_PRIORITY["title"], "person", hit[1] if hit else name))
    return found


def _organization_candidates(t: str, gz: Gazetteer, out: list[tuple]) -> None:
    """Capitalised words ending in an organisation word, and maybe "of ...", are an organisation."""
    for m in gz._head_re.finditer(t):
        hs, he = m.span()
        if hs and _is_word_char(t[hs - 1]):
            continue
        start = end = -1
        left = _ORG_LEFT_RE.search(t, max(0, hs - 100), hs) if hs else None
        if left is not None:
            words = [w for w in _TOKEN_RE.finditer(t, left.start(), hs)]
            while words and (words[0].group() in _STOPWORDS_NAME or words[0].group() == "&"):
                words.pop(0)  # "The", "On Wednesday" begin the sentence, not the name
            if words:
                start = words[0].start()
        right = _ORG_RIGHT_RE.match(t, he)
        if right is not None:
            words = []
            for w in _TOKEN_RE.finditer(t, he, right.end()):
                word = w.group()
                if word in _STOPWORDS_NAME or (word in gz._title_words and w.end() < right.end()):
                    break  # "Bank of Canada Governor Tiff Macklem": the title starts a person
                words.append(w)
            while words and words[-1].group() in _ORG_JOINERS:
                words.pop()
            if len(words) > 1:
                end = words[-1].end()
        if start < 0 and end < 0:
            continue  # a bare "Department" or "Bank" is not a name
        s, e = (start if start >= 0 else hs), (end if end >= 0 else he)
        out.append((s, e, _ENT_PRIORITY["organization"], "organization", t[s:e]))


def date_years(figures: list[tuple[Figure, ...]]) -> list[tuple[Figure, ...]]:
    """Dates without a year ("on Monday, March 2") given the year a reader would: the one their
    own sentence gives before them ("in 2025 ... on July 14"), else the one that puts them
    nearest the article's last full date before them (or its first one), on the weekday the
    sentence names if there is one ("January 5" after "December 30, 2025" is in 2026). Other
    sentences' bare years are not followed ("exports in 2025" is a statistic, not the time of
    the story); in an article without a full date such a date keeps no year ("--03-02"), unless
    the sentence names its weekday and one year only, of those the article names or the ones
    next to them, puts the date on that weekday ("Thursday, Feb. 12" in an article on 2026)."""
    ref = next((d for figs in figures for f in figs if (d := _full_date(f))), None)
    years = {f.value for figs in figures for f in figs if f.kind == "year"}
    near_years = {y + k for y in years if isinstance(y, int) for k in (-1, 0, 1)}
    if ref is None:
        ref = _weekday_anchor(figures, near_years)
    out = []
    for figs in figures:
        new = []
        own: int | None = None  # a bare year earlier in this sentence
        named = {f.value for f in figs if f.kind == "weekday"}
        dates = sum(f.kind == "date" for f in figs)
        for f in figs:
            value = str(f.value)
            if f.kind == "date" and value.startswith("--") and (own or ref or named):
                # A weekday is this date's when written next to it ("Thursday, Feb. 12"), or
                # when the sentence has no other date; elsewhere in a sentence of two dates
                # ("Feb 12 - ministers met on Thursday to prepare for the July 1 review") it
                # settles a year only among those the article names.
                beside = weekdays_next_to(figs, f)
                weekdays = beside or (named if dates == 1 else set())
                month, day_of = _month_day(value)
                if own or ref:
                    # Near a known date, only a weekday written next to it moves it: "April 17
                    # (Wire) - ... said on Thursday" is the report's date and the day before.
                    day = _nearest_date(month, day_of, own, ref, beside)
                    f = f._replace(value=day.isoformat()) if day else f
                else:
                    pool = near_years if weekdays else {y for y in years if isinstance(y, int)}
                    days = _on_weekday(month, day_of, pool, weekdays or named)
                    f = f._replace(value=days[0].isoformat()) if len(days) == 1 else f
            elif day := _full_date(f):
                ref = day
            elif f.kind == "year" and isinstance(f.value, int):
                own = f.value
            new.append(f)
        out.append(figs if new == list(figs) else tuple(new))
    return out


def _weekday_anchor(
    figures: list[tuple[Figure, ...]], near_years: set[int]
) -> datetime.date | None:
    """In an article without a full date, the first date that its weekday, written next to it,
    places in one year: the one year of those the article names or next to them that puts every
    such date on its weekday, the nearest to the latest year named if several do ("Monday, May 4"
    in a report of 2025's exports is in 2026, not 2020)."""
    dated = [
        (f, weekdays_next_to(figs, f))
        for figs in figures
        for f in figs
        if f.kind == "date" and str(f.value).startswith("--")
    ]
    dated = [(f, w) for f, w in dated if w]
    if not dated or not near_years:
        return None
    fits = set(near_years)
    for f, weekdays in dated:
        fits &= {d.year for d in _on_weekday(*_month_day(str(f.value)), fits, weekdays)}
    if not fits:
        return None
    latest = max(near_years) - 1
    year = min(fits, key=lambda y: (abs(y - latest), -y))
    return datetime.date(year, *_month_day(str(dated[0][0].value)))


def _month_day(value: str) -> tuple[int, int]:
    """The month and day of a date's value without a year ("--05-04")."""
    return int(value[2:4]), int(value[5:7])


def next_to(a: Figure, b: Figure) -> bool:
    """Two figures with at most a comma, a space or a bracket between them."""
    return 0 <= b.start - a.end <= 3 or 0 <= a.start - b.end <= 3


def weekdays_next_to(figures: Iterable[Figure], date: Figure) -> set[Any]:
    """The weekdays written next to a date ("Thursday, Feb. 12")."""
    return {f.value for f in figures if f.kind == "weekday" and next_to(f, date)}


def _full_date(f: Figure) -> datetime.date | None:
    value = str(f.value)
    if f.kind != "date" or len(value) != 10 or not value[:4].isdigit():
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _days(month: int, day: int, years: Iterable[int]) -> list[datetime.date]:
    days = []
    for year in years:
        try:
            days.append(datetime.date(year, month, day))
        except ValueError:
            continue  # February 29 of a year without one
    return days


def _on_weekday(
    month: int, day: int, years: Iterable[int], weekdays: set[Any]
) -> list[datetime.date]:
    return [d for d in _days(month, day, sorted(years)) if WEEKDAYS[d.weekday()] in weekdays]


def _nearest_date(
    month: int, day: int, own: int | None, ref: datetime.date | None, weekdays: set[Any]
) -> datetime.date | None:
    years = [own] if own else [ref.year - 1, ref.year, ref.year + 1] if ref else []
    days = _on_weekday(month, day, years, weekdays) or _days(month, day, years)
    if not days:
        return None
    return min(days, key=lambda d: abs((d - ref).days)) if ref and not own else days[0]


_WORD_RE = re.compile(r"\w+")
_CAPITALISED_RUN_RE = re.compile(rf"[{_UPPER}][\w'’.-]*(?: [{_UPPER}][\w'’.-]*)*")
_POSSESSIVE_ENDS = ("'s", "’s")
_OPENERS = "\"“‘'([—–"  # what may open a clause right before a title: “Mr. Quiñones
# A speaker's label in capitals: "SANDHU: ", "MR. SANDHU: ", "SANDHU (CEO): ", its name a group.
_CAPITALS_LABEL = re.compile(
    rf"(?:(?:MR|MRS|MS|DR|HON)\. )?([{_UPPER}][{_UPPER} .'’-]*?)(?: \([^()]*\))?: "
)
_COURTESY_TITLES = frozenset(
    "Mr. Mrs. Ms. Dr. Sr. Sra. Mme Prof. Lic. Ing. Mr Mrs Ms Dr".split()  # noqa: SIM905
)


def _capitals_label(text: str) -> re.Match[str] | None:
    """A label in capitals that opens a fact, or None. (Its second letter a capital first: a
    cheap test that almost every sentence fails.)"""
    return _CAPITALS_LABEL.match(text) if text[1:2].isupper() else None


# A dateline in capitals before a dash or a comma: "OTTAWA — ", "LAREDO, Texas, Dec. 9 — ".
_CAPITALS_DATELINE = re.compile(rf"([{_UPPER}][{_UPPER} .'’-]*?[{_UPPER}])(?: [—–-]|, )")


# A speaker's label in a transcript's usual case: "Owen Pritchard: ", "Graciela Etxeberría Solís: ".
_SPEAKER_LABEL_RE = re.compile(
    rf"((?:{_NAME_TOKEN})(?: (?:(?:{'|'.join(sorted(_PARTICLES))}) )?(?:{_NAME_TOKEN})){{1,3}}): "
)


_LABEL_CHARS = 80  # a label of four long names and its colon fit in this many characters
_SAYS_RE = re.compile(r"""[.!?…]["”’')\]]*\s*$""")


def _speakers(
    texts: Sequence[str], entities: list[tuple[Entity, ...]], gz: Gazetteer
) -> list[tuple[Entity, ...]]:
    """Speakers named by the labels that open their turns ("Owen Pritchard: Thank you."): a
    label of two to four name words whose name the document writes twice or more (two turns, or
    a list of participants and a turn) is a person's; a heading with a colon, "Border Security:
    ...", is written once. Not a label that names something known, nor one with a common word,
    a title or an organisation's word."""
    # A turn says something: "Research Brief: Trade Diversion After a Year" is a headline.
    found = [
        _SPEAKER_LABEL_RE.match(t)
        if ": " in t[:_LABEL_CHARS] and t[:1].isupper() and _SAYS_RE.search(t)
        else None
        for t in texts
    ]
    labels = {m.group(1) for m in found if m is not None}
    if not labels:
        return entities
    # How often the document writes each label's name, as a label or in a sentence ("Company
    # participants: ..., Owen Pritchard, Vice President").
    whole = "\n".join(texts)
    counts = {label: whole.count(label) for label in labels}
    speakers = {
        label
        for label, n in counts.items()
        if n >= 2
        and not label.isupper()  # a label in capitals is _capitals_label's
        and not any(w in _STOPWORDS_NAME or w in gz._heads or w in gz._title_words
                    for w in label.split(" "))
        and (gz._lookup.get(_alias_key(label)) or ("person",))[0] == "person"
    }  # fmt: skip
    if not speakers:
        return entities
    out = []
    for m, ents in zip(found, entities, strict=True):
        if m is not None and m.group(1) in speakers and not any(e.start < m.end(1) for e in ents):
            label = m.group(1)
            ents = (Entity(label, "person", label, 0, len(label)), *ents)
        out.append(ents)
    return out


def resolve_people(
    texts: Sequence[str], entities: list[tuple[Entity, ...]], gazetteer: Gazetteer | None = None
) -> list[tuple[Entity, ...]]:
    """Persons across one document: a shorter form of a full name found in another sentence is
    that person ("Secretary Medina Ochoa" and a bare "Desrosiers" after "Minister Anita
    Desrosiers"), when it belongs to one full name only and the article does not also use it
    as a word ("steel" makes "Steel" no surname of Mark Steel). Speakers' labels name them."""
    gz = gazetteer if gazetteer is not None else load_gazetteer()
    entities = _speakers(texts, entities, gz)
    # The gazetteer's people are known in every sentence already ("Carney" is Mark Carney).
    full = {
        e.name
        for ents in entities
        for e in ents
        if e.kind == "person" and " " in e.name and gz._lookup.get(_alias_key(e.name)) is None
    }
    if not full:
        return entities
    # "Medina Ochoa" after a title is itself a shorter form of "Raúl Medina Ochoa".
    forms = {n: [" ".join(n.split(" ")[i:]) for i in range(1, n.count(" ") + 1)] for n in full}
    full -= {f for fs in forms.values() for f in fs}
    shorter = [(f, name) for name in full for f in forms[name] if _opens_name(f.split(" ", 1)[0])]
    if not shorter:
        return entities
    words = set(_WORD_RE.findall("\n".join(texts)))
    short = {f: name for f, name in _one_owner(shorter).items() if f.lower() not in words}
    # A name of three words or more may end in two surnames, as Spanish names do: after a
    # courtesy title, the first of them is the person ("Mr. Quiñones" after "Rafael Quiñones
    # Villarreal", "Mr. Rodríguez" after "José Luis Rodríguez Zapatero"). Alone, it could be a
    # second given name ("Juan Carlos Pérez").
    seconds = [
        (parts[-2], name)
        for name in full
        if len(parts := name.split(" ")) >= 3
        and parts[-2][:1].isupper()
        and parts[-2] not in _STOPWORDS_NAME
    ]
    titled = {w: name for w, name in _one_owner(seconds).items() if w not in short}
    # A person spoken to by their given name, as in a transcript or a thread ("Colin, the
    # statement named the committee", "from this podium, Dana, however", "Fair question,
    # Marco."): only there, where nothing but a name stands, and when one full name has it.
    firsts = [(w, name) for name in full if _opens_name(w := name.split(" ", 1)[0])]
    given = {
        w: name
        for w, name in _one_owner(firsts).items()
        if w not in short and w.lower() not in words
    }
    # A transcript's speaker labels are in capitals ("SANDHU:", "GURPREET SANDHU:").
    labels = [_capitals_label(t) for t in texts]
    capitals = (
        {n.upper(): n for n in full} | {f.upper(): n for f, n in short.items()}
        if any(labels)
        else {}
    )
    if not short and not titled and not capitals and not given:
        return entities
    vocative = (
        re.compile(rf"(?:^|(?<=[:,] ))({'|'.join(map(re.escape, given))})(?=, |[.!?]$)")
        if given
        else None
    )
    longest = max((f.count(" ") for f in (capitals or short)), default=0) + 1
    out = []
    for text, ents, m in zip(texts, entities, labels, strict=True):
        # Only a whole label in capitals names someone ("THE DOE REPORT:" is no Doe's).
        label, label_at = (m.group(1), m.start(1)) if m and capitals else (None, -1)
        cands = [
            (
                e.start,
                e.end,
                0,
                e.kind,
                _person(e, text, short, titled) if e.kind == "person" else e.name,
            )
            for e in ents
        ]
        # Runs of capitalised words, looked up a few words at a time: linear in the text,
        # whatever the number of people the article names.
        for run in _CAPITALISED_RUN_RE.finditer(text):
            run_words = run.group().split(" ")
            at = list(accumulate((len(w) + 1 for w in run_words[:-1]), initial=run.start()))
            i = 0
            while i < len(run_words):
                if i and _is_courtesy_title(run_words[i - 1]):
                    bare = _bare(run_words[i])
                    if bare in titled:
                        cands.append((at[i], at[i] + len(bare), 1, "person", titled[bare]))
                        i += 1
                        continue
                for k in range(min(longest, len(run_words) - i), 0, -1):
                    bare = _bare(run_words[i + k - 1])
                    form = " ".join([*run_words[i : i + k - 1], bare])
                    named = short.get(form) or (
                        capitals.get(form) if form == label and at[i] == label_at else None
                    )
                    if named is None:
                        continue
                    start, end = at[i], at[i + k - 1] + len(bare)
                    cands.append((start, end, 1, "person", named))
                    i += k - 1
                    break
                i += 1
        for m in vocative.finditer(text) if vocative else ():
            cands.append((m.start(1), m.end(1), 1, "person", given[m.group(1)]))
        if cands == [(e.start, e.end, 0, e.kind, e.name) for e in ents]:
            out.append(ents)  # nothing new: keep the very same records
            continue
        out.append(
            tuple(Entity(text[s:e], kind, name, s, e) for s, e, _, kind, name in _resolve(cands))
        )
    return out


def _opens_name(word: str) -> bool:
    """Whether a word may be the first of a person's name (not a month or a stop word)."""
    return word[:1].isupper() and not (word in MONTHS or word in _STOPWORDS_NAME)


def _one_owner(forms: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Of (form, full name) pairs, each form that only one full name has, with that name."""
    owners: dict[str, set[str]] = {}
    for form, name in forms:
        owners.setdefault(form, set()).add(name)
    return {form: next(iter(names)) for form, names in owners.items() if len(names) == 1}


def _bare(word: str) -> str:
    """A name's word without a possessive or the stop after it ("Quiñones's" -> "Quiñones")."""
    return (word[:-2] if word.endswith(_POSSESSIVE_ENDS) else word).rstrip(".'’")


def _is_courtesy_title(word: str) -> bool:
    """Whether the word before a name is a courtesy title, perhaps after an opening quote."""
    return word.lstrip(_OPENERS) in _COURTESY_TITLES


def _person(e: Entity, text: str, short: dict[str, str], titled: dict[str, str]) -> str:
    """The full name of a person found in one sentence, from the article's other sentences."""
    if e.name in titled and _is_courtesy_title(text[: e.start].rstrip().rpartition(" ")[2]):
        return titled[e.name]
    return short.get(e.name, e.name)


def extract_entities(text: str, gazetteer: Gazetteer | None = None) -> tuple[Entity, ...]:
    """The names in one fact, sorted by start, with canonical names; longest match wins.

    A person's span is the name only: in "Prime Minister Mark Carney" the entity is "Mark Carney".
    """
    gz = gazetteer if gazetteer is not None else load_gazetteer()
    t = _normalise(text, _ENT_NORM_RE, _ENT_MAP)
    gaz: list[tuple] = []
    _gazetteer_candidates(t, gz, gaz)
    if (
        t[1:2].isupper()  # a label or dateline in capitals: a cheap test most facts fail
        and (m := _CAPITALS_LABEL.match(t) or _CAPITALS_DATELINE.match(t))
        and (hit := gz.lookup(m[1].title()))
    ):
        # A dateline in capitals ("OTTAWA: ", "MEXICO CITY: ") names its place, as written
        # in its own case would; a speaker's label is left to resolve_people.
        gaz.append((m.start(1), m.end(1), _ENT_PRIORITY["gazetteer"], *hit))
    cands = list(gaz)
    new_people = _title_candidates(t, gz, gaz, cands)
    new_people += _appositive_candidates(t, gz, cands)
    if "By " in t or ": " in t or (" by " in t and _BY_A_NAME.search(t)):
        new_people += _credit_candidates(t, gz, cands)
    _organization_candidates(t, gz, cands)
    speaker = _ENT_PRIORITY["speaker"]
    if any(c[2] == speaker for c in cands):
        # A name found only by what the person does gives way to any other name over its words.
        others = [c for c in cands if c[2] != speaker]
        cands = others + [
            c
            for c in cands
            if c[2] == speaker and not any(c[0] < o[1] and o[0] < c[1] for o in others)
        ]
        named = {c[4] for c in cands if c[3] == "person"}
        new_people = [p for p in new_people if p in named]
    # A bare surname of a person found by the title rule is that person ("Doe" -> "Jane Doe").
    for full in new_people:
        surname = full.rsplit(" ", 1)[-1]
        if surname in MONTHS or surname in _STOPWORDS:
            continue  # "Theresa May ... in May 2019"
        # str.find, not a regex: one pattern per name would churn the re module's cache
        i, size = t.find(surname), len(surname)
        while i >= 0:
            e = i + size
            if not (i and _is_word_char(t[i - 1])) and not (e < len(t) and _is_word_char(t[e])):
                cands.append((i, e, _ENT_PRIORITY["surname"], "person", full))
            i = t.find(surname, e)
    return tuple(
        Entity(text[s:e], *_capital_as_place(t, s, e, kind, name), s, e)
        if kind == "country" and t[s:e] in _CAPITALS
        else Entity(text[s:e], kind, name, s, e)
        for s, e, _, kind, name in _resolve(cands)
    )


# A capital that stands for its country's government ("Ottawa lifted its counter-tariffs") is
# the country; where something happens in it ("met in Ottawa", a dateline "OTTAWA — "), the city.
_CAPITALS = {"Ottawa": "Ottawa", "OTTAWA": "Ottawa", "Washington": "Washington",
             "WASHINGTON": "Washington"}  # fmt: skip
_IN_A_PLACE_RE = re.compile(
    r"(?:in|at|to|from|near|outside|inside|across|around|visits?|visited|visiting)\s+\Z",
    re.IGNORECASE,
)
_DATELINE_AFTER_RE = re.compile(r"(?:,| —| –| -|:) ")


def _capital_as_place(t: str, s: int, e: int, kind: str, name: str) -> tuple[str, str]:
    """(kind, name) of a capital named as a country: the city where something happens in it."""
    city = _CAPITALS[t[s:e]]
    if s == 0 and t[s:e].isupper() and _DATELINE_AFTER_RE.match(t, e):
        return "place", city
    before = t[max(0, s - 12) : s]
    if (m := _IN_A_PLACE_RE.search(before)) and (
        m.start() == 0 or not before[m.start() - 1].isalnum()
    ):
        return "place", city
    return kind, name
