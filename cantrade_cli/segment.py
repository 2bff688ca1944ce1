"""Paragraph and sentence segmentation with exact character spans.

The segmenter is tuned for edited English news text. It works in two steps:

1. One compiled regex finds every *candidate* boundary: a run of terminators
   (``.``, ``!``, ``?``, ``…``, contiguous or spaced ellipses), optional closing
   quotes/brackets and citation markers ("[3]", kept in the sentence), then whitespace.
2. A handful of cheap checks on the token the terminators are attached to and
   on the next token decide whether the candidate really ends a sentence
   (abbreviations, initials, ellipses, list markers, ...).

A sentence only ever ends before whitespace, so "winds.In" stays one token, and
a colon never ends one ("Mexico City: Canadian Prime Minister ..."). A word
starting with a lower-case letter never starts a sentence after ".", "!", "?"
or "...": edited news text capitalises sentence starts.

Numbered/lettered lists ("1) A 2) B", "a. A b. B") are detected separately, and
only in paragraphs that start with a list marker, because their items need not
end with a terminator.

All spans are ``(start, end)`` offsets into the original string, trimmed of
surrounding whitespace (``str.isspace`` semantics, which equals regex ``\\s``).
Standard library only.
"""

from __future__ import annotations

import re

__all__ = ["list_bullet", "segment_paragraph", "split_paragraphs"]

# --------------------------------------------------------------------------- #
# Character classes
# --------------------------------------------------------------------------- #

# Closing quotes/brackets that stay with the sentence they close.
_CLOSERS = "\"'”’»)]"
# Opening quotes/brackets that may precede a token.
_OPENERS = "\"'“‘«(["
# List bullets that may precede a list marker ("• 9.", "⁃9.").
_BULLETS = "•◦▪‣⁃●○■□*·-→➜➔➤►▶▸"
_LEAD_STRIP = _OPENERS + _BULLETS

_CLOSERS_RE = re.escape(_CLOSERS)
_BULLETS_RE = re.escape(_BULLETS)

# Terminator run: terminators (including a spaced ellipsis such as ". . . ."),
# closing quotes/brackets, then - group "gap" - the whitespace before the next
# token. A run not followed by whitespace and another token ("U.S" inner dots,
# "12.75", "end.") still matches, with no gap, and is skipped: consuming every
# run whole in one match keeps the scan linear even on "......" or ". . . .".
# Possessive quantifiers stop the engine from giving back part of an ellipsis.
# The token the terminators are attached to is recovered afterwards with
# rfind, which is much cheaper than matching it.
_CANDIDATE = re.compile(
    r"([.!?…]++(?:\s+[.…]++(?=[\s" + _CLOSERS_RE + r"]|$))*+)"  # terminators
    r"[" + _CLOSERS_RE + r"]*+"  # closing quotes / brackets
    r"(?:\[(?:\d{1,3}|[a-z]|note \d{1,3}|citation needed)\])*+"  # citations: "2020.[1][2]"
    r"[¹²³⁴⁵⁶⁷⁸⁹⁰]*+"  # a paper's footnote markers: "fixed effects.³ We find"
    r"(?P<gap>\s++(?=\S))?"
)

# A paragraph: from a non-space character to the last non-space character of
# its line. Only \n and \r break lines (other Unicode separators are plain
# whitespace inside a paragraph).
_PARAGRAPH = re.compile(r"[^\s](?:[^\r\n]*[^\s])?")

# Multi-period abbreviations: U.S, U.S.A, E.U, a.m, e.g, i.e, Ph.D (final "."
# is the terminator, so it is not part of the token).
_MULTI_PERIOD = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")

# List markers: optional bullet, then 1-3 digits or one lowercase letter,
# then ".)", "." or ")".
_LIST_MARKER_BODY = r"(?:[" + _BULLETS_RE + r"]\s*)?(\d{1,3}|[a-z])(\.\)|[.)])\s+(?=\S)"
_LIST_START = re.compile(r"\s*" + _LIST_MARKER_BODY)
_LIST_MARKER = re.compile(r"(?:(?<=\s)|^)" + _LIST_MARKER_BODY)

# Bullets and spaces that may precede the first token of a sentence.
_ONLY_BULLETS = re.compile(r"[\s" + _BULLETS_RE + r"]*")

_WORD = re.compile(r"[A-Za-z]+")

# Longest token (in characters) inspected before a terminator.
_MAX_TOKEN = 64

# --------------------------------------------------------------------------- #
# Word lists
# --------------------------------------------------------------------------- #


def _wordset(words: str) -> frozenset[str]:
    """A frozenset of the whitespace-separated words (keeps the lists readable)."""
    return frozenset(words.split())


# Prepositive abbreviations: they precede a name, so a capitalised word after
# them never starts a new sentence. (With the Spanish ones of Mexican usage: "Lic. Mariana
# Echeverría", "Ing. Raúl Medina", "Dra. Ana Ruiz".)
_TITLES = _wordset(
    """Mr Mrs Ms Mx Messrs Mmes Mme Mlle Dr Drs Prof Profs Gen Gens Sen Sens Rep Reps
    Gov Govs Lt Col Maj Capt Cmdr Cmdt Sgt Cpl Pvt Adm Brig Rev Msgr Fr Hon Pres
    Supt Det Insp Atty Amb vs v Rt Lic Licda Ing Arq Mtro Mtra Dra Sra Srta Coun Cllr"""
)
# The titles a transcript writes in capitals ("PROF. MBEKI-SØRENSEN: "), and a headline's "VS.";
# not "ING." or "GEN.", which are also names and acronyms.
_TITLES_IN_CAPITALS = _wordset("MR MRS MS MX DR PROF SEN HON VS")
# A hearing's speaker label, as the U.S. Congress prints it: a title and a name in capitals with
# a period, opening the line ("The CHAIRMAN. The committee will come to order.", "Senator STRAND.
# Mr. Marchetti-Abara, ...", "Ms. OYELOWO-FINCH. Yes."): the label is no sentence of its own.
_SPEAKER_TITLE = re.compile(
    r"(?:The|Mr\.|Mrs\.|Ms\.|Dr\.|Senator|Sen\.|Representative|Rep\.|Chairman|Chairwoman"
    r"|Madam|Secretary|Ambassador) (?:[A-Z][a-z]+ )?\Z"
)

# Other abbreviations (compared lower-cased). A capitalised word after them
# continues the sentence unless it is a typical sentence starter (see
# _STARTERS): "Apple Inc. Chief Executive ..." vs "... & Co. It closed ...".
_ABBREVIATIONS = _wordset(
    """inc co cos corp ltd bros assn dept univ ave blvd rd hwy st ste mt ft jr sr esq
    jan feb apr jun jul aug sep sept oct nov dec approx est al cf govt ca viz
    lb lbs oz hon ref incl voy av reg"""
)

# Of those, the ones that end a company's name, after which a quote opens a new sentence.
_COMPANY_ENDINGS = frozenset({"inc", "ltd", "corp", "co"})

# Abbreviations that are (or contain) ordinary words when lower-cased, so they
# only count in their capitalised form: AP-style US state abbreviations, "Mar", and
# those of Canada's provinces and Mexico's states ("Guelph, Ont. (Plant 1)", "Saltillo, Coah."),
# and the days of a timetable ("Mon., Wed., Fri. | 6 days").
_ABBREVIATIONS_CASED = _wordset(
    """Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich
    Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Tex Vt Va Wash Wis Wyo Mar
    Ont Que Alta Man Sask Nfld Coah Gto Jal Qro Chih Son Tamps Ags Gro Oax Pue Yuc Zac Sin
    Dgo Hgo Tlax Chis Tab Camp Mon Tue Tues Wed Thu Thur Thurs Fri Sat"""
)
# A country or its people named after "U.S." open a new sentence when a verb follows within two
# words ("... also sell to the U.S. Mexico is their second market", "from the U.S. Mexican
# officials said"); otherwise they name one thing with it ("the U.S. Canada border", "the U.S.
# Mexico Canada Agreement").
_COUNTRY_WORDS = _wordset(
    """Canada Canadian Canadians Mexico Mexican Mexicans Ottawa Washington China Chinese Japan
    Japanese Europe European Europeans"""
)
_FINITE_VERBS = _wordset(
    """is are was were has have had will would should can could must may might does do did
    said says say told wants want"""
)
# What a country's possessive ranks another by: "the U.S. Canada's largest / top / No. 1 market".
_RANK = re.compile(
    r"(?:\w+est|\w+-largest|top|main|most|leading|chief|key|primary|principal|first|second"
    r"|third|number|biggest|largest)\b|No\."
)
# Forms that are verbs only right after the country: "the U.S. Mexico bought C$11.6 billion",
# "the U.S. Mexico sends 83% of its own", but "the U.S. Mexico border sent 300 migrants back" is
# one sentence.
_VERBS_RIGHT_AFTER = _wordset(
    "bought sold paid made took sent buys sells pays makes takes sends gets got"
)

# Abbreviations that introduce a number: "p. 55", "No. 5", "N°. 12", "Vol. 3", and a legal
# citation's "paras. 41–47", "s. 68", "c. 36" (a statute's chapter).
# Only a following number keeps the sentence going ("He said no. The ...").
_NUMBER_ABBREVIATIONS = _wordset(
    """no nos nr n° nº p pp vol vols ch chap art arts sec fig figs para paras tel ext op
    c s ss cl sch"""
)

# Capitalised words that typically begin a sentence: pronouns, determiners,
# wh-words and common sentence-initial connectives. After an abbreviation such
# a word signals a sentence boundary ("I live in the U.S. How about you?").
_STARTERS = _wordset(
    """I He She It We They You This That These Those There Here The A An His Her Its
    Our Their My Your What When Where Who Whom Whose Why How Which While Whether
    But And Or So Yet However Meanwhile Also Still Then Now Thus Instead If As In On
    At After Before Since Although Though Despite For With During Some Many Most All
    Both Each Every Such Another No Not Roughly Nearly Approximately Currently Recently
    Similarly Likewise Finally Overall Additionally Furthermore Moreover Separately Initially
    Ultimately Eventually Previously Subsequently Notably Importantly Specifically Okay Yes"""
)

# Words that begin a sentence only when a lower-case word follows: "U.S. Of these, 23 ..." ends
# a sentence, a title-case headline's "U.S. To Impose Tariffs" or "Dept. Of Commerce" does not.
_STARTERS_BEFORE_LOWER = _wordset(
    """Of To From By Among Between Because Unless Until Once Only Even Several Few None Almost
    Perhaps Indeed Often Sometimes Usually Already Again Later Earlier Today Yesterday Nobody
    Everyone Nothing Otherwise Therefore Nonetheless Nevertheless Besides Just"""
)
# A verb that asks a question begins one when a "?" ends it and one of the next three words is
# in lower case: "... made in the U.S. Is that still a thing?". In a title-case headline it goes
# on from the name ("U.S. Is Raising Tariffs", "What Happens if the U.S. Does Not Renew
# CUSMA?"); "May" is the month too ("the U.S. May 5 order").
_QUESTION_VERBS = _wordset(
    "Is Are Was Were Do Does Did Can Could Will Would Should Has Have Had Might Must Shall"
)
_QUESTION_END = re.compile(r"[^.!?]*\?")
# The words a title-case headline leaves in lower case ("Should the U.S. Have the Final Say?").
_TITLE_SMALL = _wordset("a an the of to for and or nor but in on at by with as from into")

# Tokens that act as list markers when they open a sentence ("1. The first
# item", "a. The first item", "II. Background").
_ROMAN = _wordset("i ii iii iv v vi vii viii ix x xi xii")

_JOINED_RE = re.compile(r"[-–/]")
# What a caption's number follows: "Table 1. ", "Figure 2. ", "Fig. 3. ".
_CAPTION = re.compile(
    r"(?:Table|Figure|Fig\.|Chart|Exhibit|Graph|Map|Box|Annex|Appendix) ", re.IGNORECASE
)
_CAPTION_NUMBER = re.compile(r"[A-Z]?\d{1,3}(?:\.\d{1,3})*|[A-Z]|[IVX]{1,4}")  # 1, 2.1, A1, B, IV

# Categories of the next token.
_LOWER, _UPPER, _DIGIT, _OTHER = 0, 1, 2, 3


# --------------------------------------------------------------------------- #
# Helpers
# --------------------------------------------------------------------------- #


def _next_kind(text: str, pos: int) -> tuple[int, int]:
    """Classify the token starting at ``pos`` (opening quotes/brackets skipped).

    Returns ``(kind, index of the first significant character)``.
    """
    n = len(text)
    while pos < n and text[pos] in _OPENERS:
        pos += 1
    if pos >= n:
        return _OTHER, pos
    c = text[pos]
    if c.islower():
        # "iPhone", "eBay": lower-case first letter, but a proper-noun start.
        if pos + 1 < n and text[pos + 1].isupper():
            return _UPPER, pos
        return _LOWER, pos
    if c.isupper():
        return _UPPER, pos
    if c.isdigit():
        return _DIGIT, pos
    return _OTHER, pos


def _is_starter(text: str, pos: int) -> bool:
    """True if the word at ``pos`` is a typical sentence starter.

    A word directly followed by "." ("A." in "Dr. A. Smith") is an initial, not
    a starter.
    """
    m = _WORD.match(text, pos)
    if m is None:
        return False
    end = m.end()
    if end < len(text) and text[end] == ".":
        return False
    return m.group() in _STARTERS


def _first_token(text: str, sent_start: int) -> int:
    """Position of the first character of a sentence that is not a bullet or space.

    A token starting at or before it opens the sentence ("⁃9." or "• 9.").
    """
    if text[sent_start] not in _BULLETS:
        return sent_start
    m = _ONLY_BULLETS.match(text, sent_start)  # always matches (possibly empty)
    return m.end() if m else sent_start


def _previous_word(text: str, pos: int) -> str:
    """The whitespace-delimited token before ``pos`` ("" at paragraph start)."""
    words = text[max(0, pos - 48) : pos].split()
    return words[-1].lstrip(_LEAD_STRIP) if words else ""


def _is_marker_token(word: str) -> bool:
    """True for tokens that can number a list item: 1-3 digits, a letter, i-xii."""
    if word.isdecimal():
        return len(word) <= 3
    return (len(word) == 1 and word.isalpha()) or word.lower() in _ROMAN


def _list_splits(text: str) -> list[int]:
    """Start positions of list items in a paragraph that opens with a list marker.

    Markers form a list when they count up by one with the same style
    ("1." then "2.", "a)" then "b)", "• 9." then "• 10."); every marker of such a
    chain starts a new item, even without a terminator before it.
    """
    last: dict[tuple[bool, str], tuple[int, int]] = {}
    splits: list[int] = []
    for m in _LIST_MARKER.finditer(text):
        token, style = m.group(1), m.group(2)
        numeric = token.isdecimal()
        value = int(token) if numeric else ord(token)
        key = (numeric, style)
        prev = last.get(key)
        if prev is not None and value == prev[0] + 1:
            if not splits or splits[-1] != prev[1]:
                splits.append(prev[1])
            splits.append(m.start())
        last[key] = (value, m.start())
    return splits


def _period_ends_sentence(
    text: str, start: int, pre: str, kind: int, next_pos: int, first_token: int
) -> bool:
    """Decide a single "." attached to token ``pre`` (which starts at ``start``)."""
    if kind == _LOWER:
        # Edited text starts sentences with a capital: "co. at", "U.S. for",
        # "(... an engineer.) at", "p.m. on".
        return False
    if kind == _OTHER and text.startswith(("—", "–", "- ", "| "), next_pos):
        # No sentence starts with a dash, "EMERSON, Man. — On a cold morning" is a dateline, nor
        # with a table's bar: "No. | Company | City" is one row.
        return False
    word = pre.lstrip(_LEAD_STRIP)
    if not word:
        return True
    # "Canada-U.S. Trade": the abbreviation is the last part of a joined word.
    if "-" in word or "–" in word or "/" in word:
        word = _JOINED_RE.split(word)[-1] or word
    # "1. The first item", "a. The first item", "• 9. The first item": a number
    # or letter opening the sentence is a list marker, not a sentence.
    if _is_marker_token(word) and start <= first_token:
        return False
    if _CAPTION_NUMBER.fullmatch(word) and _CAPTION.fullmatch(text, first_token, start):
        return False  # a caption's number: "Table 1. Canadian exports, 2024 and 2025 (C$ billions)"
    if word in _TITLES or word in _TITLES_IN_CAPITALS:
        return False  # "Dr. Lee", and a transcript's "PROF. MBEKI: " or "MR. SMITH: "
    if word in ("P.S", "P.P.S", "PS") and start <= first_token:
        return False  # a letter's "P.S. Our warehouse will be closed ...": it opens the sentence
    if (
        len(word) > 1
        and word.isupper()
        and word.replace("-", "").isalpha()
        and _SPEAKER_TITLE.match(text, first_token, start)
    ):
        return False  # "The CHAIRMAN. The committee ...": a hearing's speaker label
    if len(word) == 1 and word.isupper():
        # An initial ("Jonas E. Smith") unless followed by a sentence starter,
        # or it is the pronoun "I" closing a clause ("you and I. Did ...").
        if kind != _UPPER:
            return False
        if _is_starter(text, next_pos):
            return True
        if word == "I":
            prev = _previous_word(text, start)
            return bool(prev) and prev[0].islower()
        return False
    if word.lower() in ("a.m", "p.m") and kind == _UPPER:
        # A time ends its sentence before a sentence starter or a title ("at 6 P.M. Mr. Smith
        # then went"), unless the time is all the sentence has so far ("At 5 a.m. Mr. Smith went
        # to the bank."); any other capital goes on with it ("10 a.m. Ottawa time", "Monday").
        if len(text[first_token:start].split()) < 3:
            return False
        m = _WORD.match(text, next_pos)
        return _is_starter(text, next_pos) or (m is not None and m.group() in _TITLES)
    if (
        word.lower() in _ABBREVIATIONS
        or word in _ABBREVIATIONS_CASED
        or ("." in word and _MULTI_PERIOD.fullmatch(word) is not None)
    ):
        # "U.S. Government" / "U.S. 10-year" continue; "U.S. How about" ends, and so does a
        # company's name before a quote: '... President of Nechako Timber Ltd. "Last year we'.
        quote = (
            text[next_pos - 1] in '"“'
            and text[next_pos - 2].isspace()  # not '("Harwick")', a name given in brackets
            and word.lower() in _COMPANY_ENDINGS
        )
        if kind != _UPPER:
            return False
        m = _WORD.match(text, next_pos)
        if m is None:
            return quote
        after = text[m.end() : m.end() + 40].split()
        verbs = [w.strip(",;:") for w in after[:2]]  # the next two words, as a verb would read
        return (
            quote
            or _is_starter(text, next_pos)
            or (m.group() in _STARTERS_BEFORE_LOWER and bool(after) and after[0][:1].islower())
            or (
                m.group() in _QUESTION_VERBS
                and any(w[:1].islower() and w not in _TITLE_SMALL for w in after[:3])
                and bool(_QUESTION_END.match(text, m.end()))
            )
            or (
                "." in word
                and word.isupper()  # "U.S.", not "e.g. Chinese steel"
                and m.group() in _COUNTRY_WORDS
                and (
                    # A country's possessive names no one thing with it: "... comes from the
                    # U.S. Canada's 25% counter-tariff on U.S. steel applies to it." But a rank
                    # goes on: "... makes the U.S. Canada's largest customer".
                    (
                        text.startswith(("'s ", "’s "), m.end())
                        and not _RANK.match(text, m.end() + 3)
                    )
                    or (
                        text[m.end() : m.end() + 1].isspace()  # not "U.S. Mexico–Canada"
                        and (
                            any(w in _FINITE_VERBS for w in verbs)
                            or (bool(verbs) and verbs[0] in _VERBS_RIGHT_AFTER)
                        )
                    )
                )
            )
        )
    if word == "in" and _previous_word(text, start)[-1:].isdigit() and "| " in text:
        # Inches in a table's row: "OSB 7/16 in. North Central | 348 | 352".
        return False
    # "No. 5", "p. 55", "N°. 12", "Tel. +1 416", "No. DGAN-0417"; any other word followed by
    # "." ends the sentence.
    if word.lower() in _NUMBER_ABBREVIATIONS:
        following = text[next_pos : next_pos + 24].split(maxsplit=1)
        return not (following and any(c.isdigit() for c in following[0]))
    return True


# --------------------------------------------------------------------------- #
# Public API
# --------------------------------------------------------------------------- #


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the paragraphs of a document: a paragraph is one line (split on \\n,
    \\r\\n or \\r); blank or whitespace-only lines make no paragraph; each span is trimmed of
    surrounding whitespace."""
    return [m.span() for m in _PARAGRAPH.finditer(text)]


# A checklist's box, ticked or not ("[ ] Renew your bond", "[x] Bond renewed"), is a bullet too;
# so is a social-media thread's post number ("3/ The declaration sets a goal ..."), a judgment's
# paragraph number ("[12] ") or a report's before a sentence ("5.1 In March
# 2025, ... surtax."; not "3.5 million tonnes", "2.5 GW" or "1.2 Million Jobs"). A heading's
# section number is its name ("4.1 Context", "5.2 Motion: Steel"), which the text refers to.
_LIST_BULLET = re.compile(
    _LIST_MARKER_BODY
    + rf"|[{_BULLETS_RE}☐☑☒]\s+(?=\S)"
    + r"|\[(?:[ xX✓✔]|\d{1,3})\]\s+(?=\S)"
    + r"|\d{1,2}/\s+(?=[^\s\d])"  # a thread's post: "1/ Lots of hot takes", not "3/ 5 of"
    + r"|\d{1,2}\.\d{1,3}\s+(?=[A-Z])(?!(?:Million|Billion|Trillion|Thousand)\b|[A-Z]{1,4}\b)"
    + r"""(?=.*[.!?]["”’)\]]*\s*$)"""
)


def list_bullet(sentence: str) -> int:
    """How many characters of a sentence are the bullet or number that opens a list item ("• ",
    "- ", "1. ", "b) "): page layout, not the item's words. 0 when there is none ("-5%", "*Note"
    and "2025 was" open with no bullet)."""
    m = _LIST_BULLET.match(sentence)
    return m.end() if m else 0


def segment_paragraph(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans of the sentences of one paragraph, each trimmed of surrounding whitespace, shifted by
    offset.

    Every non-whitespace character of ``text`` belongs to exactly one span; spans are in order
    and do not overlap.
    """
    stripped = text.strip()
    if not stripped:
        return []
    first = text.find(stripped[0])  # first non-space character
    last = first + len(stripped)

    # Sentence starts (positions of non-space characters), in increasing order.
    starts: list[int] = []
    items = _list_splits(text) if _LIST_START.match(text) is not None else []
    item_i = 0
    sent_start = first
    first_token = _first_token(text, first)

    for m in _CANDIDATE.finditer(text, first, last):
        if m.end("gap") < 0:
            continue  # not followed by whitespace and another token
        term_start = m.start()
        # The token the terminator is attached to: back to the previous space.
        # The look-back is bounded so that space-less text stays linear; a
        # token that long is no abbreviation or list marker anyway.
        lo = term_start - _MAX_TOKEN if term_start > _MAX_TOKEN else 0
        start = text.rfind(" ", lo, term_start) + 1 or lo
        pre = text[start:term_start]
        if not pre.isprintable():
            # Rare: some other whitespace (tab, no-break space, ...) may sit in
            # between; every whitespace character except " " is non-printable.
            pre = pre.split()[-1] if pre.split() and not pre[-1].isspace() else ""
            start = term_start - len(pre)
        # Keep the current sentence start in step with list-item splits, so
        # "2." right after a list split is seen as a sentence-initial marker.
        while item_i < len(items) and items[item_i] <= start:
            if items[item_i] > sent_start:
                sent_start = items[item_i]
                first_token = _first_token(text, sent_start)
            item_i += 1

        term = m.group(1)
        nxt = m.end()
        kind, next_pos = _next_kind(text, nxt)
        split_at = nxt

        if term == ".":
            if not _period_ends_sentence(text, start, pre, kind, next_pos, first_token):
                continue
        elif "!" in term or "?" in term:
            # "Hello?! Is that you?" ends; "Yahoo! in the ..." and
            # "'Is it?' she asked" do not, nor a table's question before its figures
            # ("Did your sales grow? | 41% | 33%" is one row).
            if kind == _LOWER or (kind == _OTHER and text.startswith("| ", next_pos)):
                continue
        else:
            # Ellipses.
            if kind == _LOWER or pre.endswith(("[", "(")):
                # "... well", "[...]" editorial omissions.
                continue
            dots = term.count(".") + 3 * term.count("…")
            if any(ch.isspace() for ch in term):
                # Spaced ellipsis (". . ."): three dots mark an omission inside
                # a sentence; four are the sentence end plus an omission.
                if dots < 4:
                    continue
                if pre and term[0] == "." and term[1].isspace():
                    # "word. . . . Next": the period ends the sentence and the
                    # ellipsis opens the next one.
                    split_at = term_start + 1
                    while text[split_at].isspace():
                        split_at += 1
            elif dots == 3 and kind != _UPPER:
                # "...5 percent", "... $5": a contiguous 3-dot ellipsis only
                # ends a sentence before a capitalised word.
                continue

        starts.append(split_at)
        sent_start = split_at
        first_token = _first_token(text, split_at)

    if items:
        starts = sorted({p for p in (*starts, *items) if first < p < last})

    spans: list[tuple[int, int]] = []
    begin = first
    for p in starts:
        end = p
        while text[end - 1].isspace():
            end -= 1
        spans.append((begin + offset, end + offset))
        begin = p
    spans.append((begin + offset, last + offset))
    return spans
