"""Tests for cantrade_cli.extract: figures and names in one fact."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantrade_cli.errors import TopicsFileError
from cantrade_cli.extract import (
    ENTITY_KINDS,
    FIGURE_KINDS,
    Gazetteer,
    date_years,
    extract_entities,
    extract_figures,
    load_gazetteer,
    resolve_people,
)
from cantrade_cli.models import Entity, Figure

SEEDS = Path(__file__).parent.parent / "seeds"
SEED_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def figs(text: str, kind: str | None = None) -> list[tuple[str, object, str | None]]:
    """(kind, value, unit) of the figures, or (text, value, unit) of one kind."""
    out = extract_figures(text)
    if kind is None:
        return [(f.kind, f.value, f.unit) for f in out]
    return [(f.text, f.value, f.unit) for f in out if f.kind == kind]


def ents(text: str, kind: str | None = None, gazetteer: Gazetteer | None = None) -> list:
    """(kind, name) of the entities, or (text, name) of one kind."""
    out = extract_entities(text, gazetteer)
    if kind is None:
        return [(e.kind, e.name) for e in out]
    return [(e.text, e.name) for e in out if e.kind == kind]


def seed(sentence: str) -> str:
    """A sentence that is in the seed files exactly as written here."""
    assert sentence in SEED_TEXT, sentence
    return sentence


# --------------------------------------------------------------------------------------------
# Done-when checks on the seed sentences

S_TARIFFS = seed(
    "Despite the display of unity, both leaders acknowledged the immense economic strain caused "
    "by recent U.S. tariffs, including 50% levies on Canadian steel and a 25% “fentanyl tariff” "
    "imposed on Mexico."
)
S_TRADE = seed(
    "By strengthening ties with Mexico—a trade relationship valued at over $40 billion—Canada "
    "seeks to diversify its economic reliance and bolster its leverage within North America."
)
S_MEETING = seed(
    "In a significant diplomatic shift, Canadian Prime Minister Mark Carney and Mexican President "
    "Claudia Sheinbaum met in Mexico City on December 18, 2025, to deepen bilateral ties and "
    "present a unified front against the protectionist policies of the United States."
)
S_VISIT = seed(
    "This marks the first Canadian prime ministerial visit to Mexico in eight years, underscoring "
    "the urgency of closer cooperation."
)
S_DECADES = seed(
    "Carney acknowledged this imbalance but expressed confidence that the next three decades will "
    "bring significant growth in bilateral trade and investment."
)
S_REVIEW = seed(
    "The discussions centered on preparing a united front ahead of the 2026 review of the U.S. "
    "Mexico–Canada Agreement (USMCA), a process expected to shape the future of North American "
    "trade."
)
S_ARRIVAL = seed(
    "Mexico City: Canadian Prime Minister Mark Carney arrived in Mexico City on Wednesday for a "
    "landmark visit, aiming to revive and reinforce ties with Mexico at a time when both nations "
    "face renewed uncertainty over U.S. tariff policies and the upcoming review of the North "
    "American trade pact."
)


def test_seed_percents() -> None:
    assert figs(S_TARIFFS) == [("percent", 50, "%"), ("percent", 25, "%")]
    assert [f.text for f in extract_figures(S_TARIFFS)] == ["50%", "25%"]


def test_seed_money() -> None:
    assert figs(S_TRADE, "money") == [("$40 billion", 40_000_000_000, "$")]
    assert figs(S_TRADE) == [("money", 40_000_000_000, "$")]


def test_seed_date_people_place() -> None:
    assert figs(S_MEETING) == [("date", "2025-12-18", None)]  # no separate year 2025
    assert figs(S_MEETING, "date") == [("December 18, 2025", "2025-12-18", None)]
    assert ents(S_MEETING, "person") == [
        ("Mark Carney", "Mark Carney"),
        ("Claudia Sheinbaum", "Claudia Sheinbaum"),
    ]
    assert ents(S_MEETING, "place") == [("Mexico City", "Mexico City")]
    assert ents(S_MEETING, "country") == [
        ("Canadian", "Canada"),
        ("Mexican", "Mexico"),
        ("United States", "United States"),
    ]


def test_seed_duration_years() -> None:
    assert figs(S_VISIT) == [("duration", 8, "year")]  # "the first" is not a figure
    assert figs(S_VISIT, "duration") == [("eight years", 8, "year")]


def test_seed_duration_decades() -> None:
    assert figs(S_DECADES) == [("duration", 30, "year")]
    assert ents(S_DECADES) == [("person", "Mark Carney")]


def test_seed_agreement_and_year() -> None:
    assert figs(S_REVIEW) == [("year", 2026, None)]
    agreements = ents(S_REVIEW, "agreement")
    assert agreements and {name for _, name in agreements} == {"USMCA"}
    assert ("USMCA", "USMCA") in agreements
    assert ("North American", "North America") in ents(S_REVIEW, "place")


def test_seed_weekday() -> None:
    assert figs(S_ARRIVAL) == [("weekday", "Wednesday", None)]
    assert ents(S_ARRIVAL, "agreement") == [("North American trade pact", "USMCA")]
    assert ents(S_ARRIVAL, "place") == [("Mexico City", "Mexico City")] * 2
    assert ("country", "Mexico") in ents(S_ARRIVAL)


# --------------------------------------------------------------------------------------------
# Offsets, order and overlaps on every sentence of both seed files


def _seed_pieces() -> list[str]:
    pieces: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                pieces.append(line)  # whole paragraphs too: longer texts, more overlaps
                pieces += [s for s in re.split(r"(?<=[.!?])\s+|(?<=[a-z]\.)(?=[A-Z])", line) if s]
    return pieces


SEED_PIECES = _seed_pieces()


def assert_well_formed(text: str, records: tuple, kinds: tuple[str, ...]) -> None:
    """Offsets round-trip, results sorted by start, no two overlap, kinds known."""
    prev_end = 0
    for r in records:
        assert text[r.start : r.end] == r.text, (text, r)
        assert r.text and r.text == r.text.strip()
        assert r.start >= prev_end, (text, records)
        assert r.kind in kinds
        prev_end = r.end


def test_seed_pieces_found() -> None:
    assert len(SEED_PIECES) > 30


@pytest.mark.parametrize("text", SEED_PIECES)
def test_seed_offsets_round_trip(text: str) -> None:
    figures = extract_figures(text)
    entities = extract_entities(text)
    assert all(isinstance(f, Figure) for f in figures)
    assert all(isinstance(e, Entity) for e in entities)
    assert_well_formed(text, figures, FIGURE_KINDS)
    assert_well_formed(text, entities, ENTITY_KINDS)


TRICKY_WORDS = [
    "$40", "billion", "50%", "per", "cent", "2025", "2026", "December", "18,", "Dec.", "May",
    "March", "one", "another", "three", "decades", "a", "decade", "Wednesday", "U.S.", "US",
    "us", "Mexico", "City", "Mexico–Canada", "Agreement", "Prime", "Minister", "Mark", "Carney",
    "President", "Jane", "Doe", "Bank", "of", "Canada", "Ministry", "the", "and", "—", "–", "-",
    "“", "”", "’s", "(USMCA),", "C$5", "2.5", "million", "pesos", "18", "months", "1st", "G7",
    "2025-12-18", "3,500", "twenty-five", "Dr.", "Secretary", "LeBlanc", "Association", ".",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TRICKY_WORDS), max_size=25), st.sampled_from(["", " ", "  "]))
def test_random_word_salad_is_well_formed(words: list[str], sep: str) -> None:
    text = (sep or " ").join(words) if sep != "" else "".join(words)
    assert_well_formed(text, extract_figures(text), FIGURE_KINDS)
    assert_well_formed(text, extract_entities(text), ENTITY_KINDS)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_well_formed(text: str) -> None:
    assert_well_formed(text, extract_figures(text), FIGURE_KINDS)
    assert_well_formed(text, extract_entities(text), ENTITY_KINDS)


# --------------------------------------------------------------------------------------------
# Figures, kind by kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a 50% levy", [("50%", 50, "%")]),
        ("a 25 per cent levy", [("25 per cent", 25, "%")]),
        ("a 25 percent levy", [("25 percent", 25, "%")]),
        ("up 12.5% on the year", [("12.5%", 12.5, "%")]),
        ("fifty percent of it", [("fifty percent", 50, "%")]),
        ("rates rose 2 percentage points", [("2 percentage points", 2, "pp")]),
        ("a 20–25% tariff", [("20", 20, "%"), ("25%", 25, "%")]),
        ("(10%)", [("10%", 10, "%")]),
    ],
)
def test_percent(text: str, expected: list) -> None:
    assert figs(text, "percent") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("roughly three quarters of Canada's exports", [("three quarters", 75, "%")]),
        ("three-quarters of its steel", [("three-quarters", 75, "%")]),
        ("exports fell by a third", [("a third", 33.3, "%")]),
        ("down nearly a fifth since June", [("a fifth", 20, "%")]),
        ("more than a quarter of shipments", [("a quarter", 25, "%")]),
        ("up to half of eligible costs", [("half", 50, "%")]),
        ("cut in half", [("half", 50, "%")]),
        ("one in four firms", [("one in four", 25, "%")]),
        ("two thirds of trade", [("two thirds", 66.7, "%")]),
        # Ordinals, periods and other senses are not shares.
        ("in the first quarter of 2025", []),
        ("in the second half of 2025", []),
        ("cut its rate by a quarter point", []),
        ("a third country", []),
        ("at least half the time", []),
        ("one and a half years", []),
        ("a third of the way there", []),
    ],
)
def test_fractions_in_words_are_percents(text: str, expected: list) -> None:
    assert figs(text, "percent") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("worth $40 billion", [("$40 billion", 40_000_000_000, "$")]),
        ("worth C$5 billion", [("C$5 billion", 5_000_000_000, "C$")]),
        ("worth US$3.2 billion", [("US$3.2 billion", 3_200_000_000, "US$")]),
        ("worth €4bn", [("€4bn", 4_000_000_000, "€")]),
        ("worth £2 million", [("£2 million", 2_000_000, "£")]),
        ("worth $40.5bn", [("$40.5bn", 40_500_000_000, "$")]),
        ("worth $100.00", [("$100.00", 100, "$")]),
        ("worth $0.75", [("$0.75", 0.75, "$")]),
        ("worth 2.5 million pesos", [("2.5 million pesos", 2_500_000, "pesos")]),
        ("worth 300 Canadian dollars", [("300 Canadian dollars", 300, "C$")]),
        ("worth forty billion dollars", [("forty billion dollars", 40_000_000_000, "$")]),
        ("worth a billion dollars", [("a billion dollars", 1_000_000_000, "$")]),
        ("worth USD 5 million", [("USD 5 million", 5_000_000, "USD")]),
        ("worth $5M", [("$5M", 5_000_000, "$")]),
    ],
)
def test_money(text: str, expected: list) -> None:
    assert figs(text, "money") == expected
    assert len(extract_figures(text)) == 1  # the number inside is not a figure of its own


def test_money_value_types() -> None:
    (f,) = extract_figures("$40.5bn")
    assert type(f.value) is int
    (f,) = extract_figures("12.5%")
    assert type(f.value) is float


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in 2025 they met", [("2025", 2025, None)]),
        ("the 2026 review", [("2026", 2026, None)]),
        ("since 1994,", [("1994", 1994, None)]),
        ("by mid-2025", [("2025", 2025, None)]),
        ("from 2025-2026", [("2025", 2025, None), ("2026", 2026, None)]),
        ("the 2025–26 budget", [("2025", 2025, None)]),
    ],
)
def test_year(text: str, expected: list) -> None:
    assert figs(text, "year") == expected


@pytest.mark.parametrize(
    "text",
    [
        "a 1,999 total",  # a number, not a year
        "the 1990s",  # a decade
        "on December 18, 2025",  # part of a date
        "in December 2025",  # part of a date
        "2025-12-18",  # part of a date
        "costs $2025",  # money
        "COVID-2019",  # an identifier
        "report_2025.pdf",  # a file name
        "https://example.com/2025/12/story",  # a URL
        "in 1850 and 2150",  # out of range
    ],
)
def test_not_a_year(text: str) -> None:
    assert figs(text, "year") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("met on December 18, 2025, to", "2025-12-18"),
        ("met on 18 December 2025 to", "2025-12-18"),
        ("met on Dec. 18, 2025 to", "2025-12-18"),
        ("met on 2025-12-18 to", "2025-12-18"),
        ("met on Sept. 3, 2024", "2024-09-03"),
        ("met on December 18th, 2025", "2025-12-18"),
        ("met on December 18 to", "--12-18"),
        ("met on 1st March.", "--03-01"),
        ("met in December 2025", "2025-12"),
        ("met in May 2025", "2025-05"),
        ("the March 3 deadline", "--03-03"),
        ("on February 29", "--02-29"),
    ],
)
def test_date(text: str, value: str) -> None:
    (f,) = extract_figures(text)
    assert (f.kind, f.value, f.unit) == ("date", value, None)


def test_date_text_spans() -> None:
    assert figs("on 1st March.", "date") == [("1st March", "--03-01", None)]
    assert figs("Dec. 18, 2025.", "date") == [("Dec. 18, 2025", "2025-12-18", None)]


@pytest.mark.parametrize(
    "text",
    [
        "May we begin the talks?",  # modal verb
        "They may meet in May.",  # a month alone is not a date
        "March on, they said, in March.",
        "on February 30, 2025",  # no such day
        "on 2025-13-45",
        "Decision 18 was taken",
    ],
)
def test_not_a_date(text: str) -> None:
    assert figs(text, "date") == []


def test_weekday() -> None:
    assert figs("on Wednesday, Thursday and Friday's talks", "weekday") == [
        ("Wednesday", "Wednesday", None),
        ("Thursday", "Thursday", None),
        ("Friday", "Friday", None),
    ]
    assert figs("on wednesday or Wednesdays or Someday", "weekday") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in eight years", [("eight years", 8, "year")]),
        ("for three decades", [("three decades", 30, "year")]),
        ("for two months", [("two months", 2, "month")]),
        ("for a decade", [("a decade", 10, "year")]),
        ("for 18 months", [("18 months", 18, "month")]),
        ("for two weeks", [("two weeks", 2, "week")]),
        ("for 30 days", [("30 days", 30, "day")]),
        ("for a century", [("a century", 100, "year")]),
        ("for two centuries", [("two centuries", 200, "year")]),
        ("a 25-year deal", [("25-year", 25, "year")]),
        ("a two-year review", [("two-year", 2, "year")]),
        ("one year later", [("one year", 1, "year")]),
        ("after a year of friction", [("a year", 1, "year")]),
        ("for twenty-one years", [("twenty-one years", 21, "year")]),
        ("for 1.5 decades", [("1.5 decades", 15, "year")]),
        ("waits rose to 47 minutes", [("47 minutes", 47, "minute")]),
        ("a 15-minute delay", [("15-minute", 15, "minute")]),
        ("in his cab for almost an hour", [("an hour", 1, "hour")]),
        # A wait of hours and minutes is one figure, in minutes.
        ("a wait of 3 hours and 20 minutes", [("3 hours and 20 minutes", 200, "minute")]),
        ("as long as two hours and 40 minutes", [("two hours and 40 minutes", 160, "minute")]),
        ("3 hours, then 20 minutes", [("3 hours", 3, "hour"), ("20 minutes", 20, "minute")]),
        # Days of a kind are days; a calendar year is none ("the 2025 calendar year").
        ("processed in 45 business days.", [("45 business days", 45, "day")]),
        ("within two working days", [("two working days", 2, "day")]),
        ("for 3 consecutive months", [("3 consecutive months", 3, "month")]),
        ("in the 2025 calendar year", []),
    ],
)
def test_duration(text: str, expected: list) -> None:
    assert figs(text, "duration") == expected


def test_rate_is_not_a_duration() -> None:
    assert figs("$40 billion a year", "duration") == []
    assert figs("it grows 2% a year", "duration") == []
    assert figs("twice a year", "duration") == []
    assert figs("drivers earn $30 an hour", "duration") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.2 million jobs", [("1.2 million", 1_200_000, None)]),
        ("3,500 firms", [("3,500", 3500, None)]),
        ("the two leaders", [("two", 2, None)]),
        ("Three nations signed", [("Three", 3, None)]),
        ("all three nations", [("three", 3, None)]),
        ("twenty-five cars", [("twenty-five", 25, None)]),
        ("one hundred and fifty trucks", [("one hundred and fifty", 150, None)]),
        ("two million people", [("two million", 2_000_000, None)]),
        ("one billion people", [("one billion", 1_000_000_000, None)]),
        ("a hundred firms", [("a hundred", 100, None)]),
        ("42 firms", [("42", 42, None)]),
        ("40bn in trade", [("40bn", 40_000_000_000, None)]),
    ],
)
def test_number(text: str, expected: list) -> None:
    assert figs(text, "number") == expected


@pytest.mark.parametrize(
    "text",
    [
        "They trade with one another.",
        "One of them refused.",
        "No one knows, someone said.",
        "It is one thing.",
        "The first, second and third rounds; the 2nd and 3rd; the 18th.",  # ordinals
        "See report_2025.pdf or https://example.com/a/12/b?id=7 or www.x.ca/3",
        "G7 leaders, COVID-19, Bill C-2, F-35 jets, v2.5, 10:30, 401k, a 5m pole",
        "Section 232 tariffs under Chapter 19 and Article 10",
        "Two-thirds agreed.",  # a fraction, not two
        "the million-dollar question",
        "often, tension, attention, someone, phone, money",  # number words inside words
    ],
)
def test_not_a_number(text: str) -> None:
    assert figs(text) == []


def test_figures_prefer_longest() -> None:
    # the date wins over its day and year; the money over its number
    assert figs("On December 18, 2025, $40 billion") == [
        ("date", "2025-12-18", None),
        ("money", 40_000_000_000, "$"),
    ]


def test_no_figures_in_plain_text() -> None:
    assert extract_figures("") == ()
    assert extract_figures("Trade ties between Canada and Mexico deepened.") == ()


def test_a_citation_marker_is_no_figure() -> None:
    got = extract_figures("The rate rose to 50 per cent on June 4, 2025.[6] Tariffs[7] followed.")
    assert [(f.kind, f.value) for f in got] == [("percent", 50), ("date", "2025-06-04")]
    # A number in brackets after a space is the text's own: "[3 items]".
    assert [f.value for f in extract_figures("a list [3 items] of goods")] == [3]


# --------------------------------------------------------------------------------------------
# Entities, kind by kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Carney said", [("Carney", "Mark Carney")]),
        ("Mark Carney said", [("Mark Carney", "Mark Carney")]),
        ("Prime Minister Mark Carney said", [("Mark Carney", "Mark Carney")]),
        ("Prime Minister Carney said", [("Carney", "Mark Carney")]),
        ("Carney’s visit", [("Carney", "Mark Carney")]),
        ("Sheinbaum said", [("Sheinbaum", "Claudia Sheinbaum")]),
        ("Claudia Sheinbaum said", [("Claudia Sheinbaum", "Claudia Sheinbaum")]),
        ("President Claudia Sheinbaum Pardo", [("Claudia Sheinbaum Pardo", "Claudia Sheinbaum")]),
        ("Trump said", [("Trump", "Donald Trump")]),
        ("Donald Trump said", [("Donald Trump", "Donald Trump")]),
        ("President Trump said", [("Trump", "Donald Trump")]),
        ("Mr. Carney said", [("Carney", "Mark Carney")]),
    ],
)
def test_person_gazetteer(text: str, expected: list) -> None:
    assert ents(text, "person") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Minister Dominic LeBlanc said", [("Dominic LeBlanc", "Dominic LeBlanc")]),
        ("President Joe Biden said", [("Joe Biden", "Joe Biden")]),
        ("Secretary Marcelo Ebrard said", [("Marcelo Ebrard", "Marcelo Ebrard")]),
        ("Ambassador Jane Roe said", [("Jane Roe", "Jane Roe")]),
        ("Dr. Jane Roe.", [("Jane Roe", "Jane Roe")]),
        ("Minister Maninder Sidhu said", [("Maninder Sidhu", "Maninder Sidhu")]),
        ("trade minister Maninder Sidhu said", [("Maninder Sidhu", "Maninder Sidhu")]),
        ("Minister of International Trade Jane Doe said", [("Jane Doe", "Jane Doe")]),
        ("Secretary of the Treasury John Q. Public", [("John Q. Public", "John Q. Public")]),
        ("Governor Maria de la Cruz spoke", [("Maria de la Cruz", "Maria de la Cruz")]),
        ("Senator Ana O'Neil-Smith's bill", [("Ana O'Neil-Smith", "Ana O'Neil-Smith")]),
        ("Prime Minister Theresa May said", [("Theresa May", "Theresa May")]),
        ("President Jane Roe on Tuesday", [("Jane Roe", "Jane Roe")]),
        # A title of several title words: its later words are no part of the name, nor one.
        ("Chief Executive Officer Dana Whitcombe said", [("Dana Whitcombe", "Dana Whitcombe")]),
        ("Dana Whitcombe, Chief Executive Officer, said", [("Dana Whitcombe", "Dana Whitcombe")]),
    ],
)
def test_person_title_rule(text: str, expected: list) -> None:
    assert ents(text, "person") == expected


def test_person_title_rule_two_people() -> None:
    text = "Minister Jane Doe and President John Roe met."
    assert ents(text, "person") == [("Jane Doe", "Jane Doe"), ("John Roe", "John Roe")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Raymond Okafor, who heads the association, said prices rose.", ["Raymond Okafor"]),
        ("The CBSA's Lucie Tremblay said seizures fell.", ["Lucie Tremblay"]),
        ("At a shed, supervisor Lupita Anaya said workers left.", ["Lupita Anaya"]),
        (
            "Economy Secretary Rodrigo Salinas Vega, who led the talks, agreed.",
            ["Rodrigo Salinas Vega"],
        ),
        # Not names of people: a pronoun, a common noun, a known organisation or place.
        ("He said prices rose, and officials said so too.", []),
        ("Statistics Canada said exports fell.", []),
        ("Mexico City, who hosted the talks, agreed.", []),
    ],
)
def test_a_person_named_before_what_they_do(text: str, expected: list[str]) -> None:
    assert [t for t, _ in ents(text, "person")] == expected


def test_person_surname_maps_to_full_name() -> None:
    text = "Minister Maninder Sidhu said Sidhu would travel, and Sidhu’s office agreed."
    people = extract_entities(text)
    assert [(e.text, e.name) for e in people] == [
        ("Maninder Sidhu", "Maninder Sidhu"),
        ("Sidhu", "Maninder Sidhu"),
        ("Sidhu", "Maninder Sidhu"),
    ]
    assert [e.start for e in people] == [9, 29, 53]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "said Karen Whitfield, president of the B.C. Lumber Trade Council.",
            [("Karen Whitfield", "Karen Whitfield")],
        ),
        (
            "Today, the Honourable Anita Desrosiers, Minister of International Trade, met with "
            "Raúl Medina Ochoa, Mexico's Secretary of Economy.",
            [("Anita Desrosiers", "Anita Desrosiers"), ("Raúl Medina Ochoa", "Raúl Medina Ochoa")],
        ),
        ("Union steward Marco Bellini said so.", [("Marco Bellini", "Marco Bellini")]),
        (
            "Raúl de la Fuente Medina, the economy secretary, spoke.",
            [("Raúl de la Fuente Medina", "Raúl de la Fuente Medina")],
        ),
        ("Stelco Holdings, the steelmaker's owner, said so.", []),  # a company
        # A comma after a place, or no title after the comma, names nobody.
        ("Mexico City, the capital, where the secretary spoke.", []),
        ("Grain, Oilseeds and Pulses, a report, was late.", []),
    ],
)
def test_person_named_before_a_comma_and_a_title(text: str, expected: list) -> None:
    assert ents(text, "person") == expected


def test_a_shorter_form_of_a_name_in_another_sentence_is_that_person() -> None:
    texts = [
        "Minister Anita Desrosiers met Secretary Raúl Medina Ochoa.",
        "Secretary Medina Ochoa noted that Desrosiers agreed.",
        "Ochoa and Anita spoke; Mark Carney did not.",  # "Anita" is a first name, not a surname
        "Nobody was named.",
    ]
    got = resolve_people(texts, [extract_entities(t) for t in texts])
    people = [[(e.text, e.name) for e in ents if e.kind == "person"] for ents in got]
    assert people == [
        [("Anita Desrosiers", "Anita Desrosiers"), ("Raúl Medina Ochoa", "Raúl Medina Ochoa")],
        [("Medina Ochoa", "Raúl Medina Ochoa"), ("Desrosiers", "Anita Desrosiers")],
        [("Ochoa", "Raúl Medina Ochoa"), ("Mark Carney", "Mark Carney")],
        [],
    ]
    for text, ents in zip(texts, got, strict=True):
        assert all(text[e.start : e.end] == e.text for e in ents)


def test_after_a_courtesy_title_the_first_of_two_surnames_is_the_person() -> None:
    texts = [
        "Secretary Lucía Herrera Campos opened the session.",
        "Ms. Herrera said exports rose.",
        "Herrera is also a town in Sonora.",  # without a title, a word of a name is not her
        "“Ms. Herrera,” he said, “is right.”",  # a title after an opening quote
        "Minister José Luis Rodríguez Zapatero replied.",
        "Mr. Rodríguez agreed.",  # of four words, the second last is the first surname
    ]
    got = resolve_people(texts, [extract_entities(t) for t in texts])
    people = [[(e.text, e.name) for e in ents if e.kind == "person"] for ents in got]
    assert people[1] == people[3] == [("Herrera", "Lucía Herrera Campos")]
    assert people[2] == []
    assert people[5] == [("Rodríguez", "José Luis Rodríguez Zapatero")]


def test_a_person_spoken_to_by_a_given_name_is_the_person_named_in_full() -> None:
    texts = [
        "Operator: Our first question comes from analyst Owen Pritchard.",
        "Ms. Lévesque: Thanks, Owen, and good morning.",
        "CHAIR: Owen, go ahead.",
        "That was a fair question, Owen.",
        "Owen Sound is a town in Ontario.",  # not spoken to: a place's word
        "Thanks, Kevin.",  # nobody named Kevin in full
    ]
    got = resolve_people(texts, [extract_entities(t) for t in texts])
    people = [[(e.text, e.name) for e in ents if e.kind == "person"] for ents in got]
    owen = ("Owen", "Owen Pritchard")
    assert people[0] == [("Owen Pritchard", "Owen Pritchard")]
    assert owen in people[1] and people[2] == people[3] == [owen]
    assert owen not in people[4]
    assert people[5] == []


def test_a_transcript_s_speaker_label_in_capitals_is_the_person_named_in_full() -> None:
    texts = [
        "Gurpreet Sandhu is chief executive of Fraser Plateau Lumber.",
        "GURPREET SANDHU: Thanks for having me.",
        "SANDHU: We shipped 310 million board feet.",
        "MR. SANDHU (via video): Thank you.",  # a title and a note around the name
        "MACKENZIE: Thank you.",  # nobody named Mackenzie in full: no one
        # Capitals outside a label, or a label that is more than the name, are no one.
        "Exports to SANDHU rose.",
        "THE SANDHU REPORT: a summary.",
    ]
    got = resolve_people(texts, [extract_entities(t) for t in texts])
    people = [[(e.text, e.name) for e in ents if e.kind == "person"] for ents in got]
    assert people == [
        [("Gurpreet Sandhu", "Gurpreet Sandhu")],
        [("GURPREET SANDHU", "Gurpreet Sandhu")],
        [("SANDHU", "Gurpreet Sandhu")],
        [("SANDHU", "Gurpreet Sandhu")],
        [],
        [],
        [],
    ]


def test_a_speaker_label_the_document_writes_twice_is_a_person() -> None:
    texts = [
        "Participants: Owen Pritchard and Tamsin Okonkwo-Reid.",
        "Owen Pritchard: Thank you, operator.",
        "Tamsin Okonkwo-Reid: Good morning.",
        "Tamsin Okonkwo-Reid: And at the border?",
        "Research Brief: Trade Diversion After a Year",  # a headline says nothing: no turn
        "Research Brief 14 is out.",
        "Border Watch: waits fell.",  # a heading the document writes once
        "Canada Border Services Agency: Officers seized guns.",
        "Canada Border Services Agency: Waits fell.",  # a known organisation, twice
    ]
    got = resolve_people(texts, [extract_entities(t) for t in texts])
    people = [[e.name for e in ents if e.kind == "person"] for ents in got]
    assert people[1:] == [
        ["Owen Pritchard"],
        ["Tamsin Okonkwo-Reid"],
        ["Tamsin Okonkwo-Reid"],
        [],
        [],
        [],
        [],
        [],
    ]
    assert all(
        text[e.start : e.end] == e.text for text, ents in zip(texts, got, strict=True) for e in ents
    )


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # "is" or "was" and a title after a name make it a person's, as a comma does.
        ("Gurpreet Sandhu is chief executive of Fraser Plateau Lumber.", ["Gurpreet Sandhu"]),
        ("Jane Doe was president of the chamber.", ["Jane Doe"]),
        ("Maria Lopez is the director of operations at the port.", ["Maria Lopez"]),
        ("Jane Doe is chief financial officer at Acme Steel.", ["Jane Doe"]),
        ("Jane Doe is the president and chief executive of Acme Steel.", ["Jane Doe"]),
        # Not a company or a town said to be something, nor a title not held anywhere.
        ("Mexico is the leader in auto parts.", []),
        ("Rio Tinto is a world leader in aluminum.", []),
        ("Magna International is a key partner for Mexico.", []),
        ("Rio Tinto was told by the minister to wait.", []),
        ("Acme Steel is president Trump's favourite target.", ["Donald Trump"]),
        # "President of" an organisation is no portfolio: the organisation is no person.
        ("The board named him president of Acme Steel.", []),
        ("Minister of International Trade Jane Doe spoke.", ["Jane Doe"]),
    ],
)
def test_a_title_after_is_and_an_organisation_after_president_of(text, people) -> None:
    assert [e.name for e in extract_entities(text) if e.kind == "person"] == people


def test_a_dateline_in_capitals_names_its_place() -> None:
    assert ents("MEXICO CITY: President Claudia Sheinbaum said so.") == [
        ("place", "Mexico City"),
        ("person", "Claudia Sheinbaum"),
    ]
    assert ents("SANDHU: We shipped.") == []  # a speaker's label is resolve_people's to read


def test_a_surname_the_article_also_uses_as_a_word_is_the_word() -> None:
    texts = [
        "Mark Steel, the chief negotiator, said talks failed.",
        "Steel tariffs remain, and steel prices rose.",
        "Ambassador Jane Price spoke; Price said little.",
    ]
    got = resolve_people(texts, [extract_entities(t) for t in texts])
    people = [[e.text for e in ents if e.kind == "person"] for ents in got]
    assert people == [["Mark Steel"], [], ["Jane Price", "Price"]]


def test_a_date_without_a_year_takes_the_year_of_the_last_full_date_before_it() -> None:
    texts = [
        "It takes effect on March 2.",  # before any full date: the document's first one
        "Washington announced it on Tuesday, February 17, 2026.",
        "Exports were worth $4.6 billion in 2025.",  # a statistic's year is not the story's
        "The review opens on July 1.",
        "Last year, talks began on December 18, 2025, and ended on December 20.",
    ]
    dates = [
        [f.value for f in figs if f.kind == "date"]
        for figs in date_years([extract_figures(t) for t in texts])
    ]
    assert dates == [
        ["2026-03-02"],
        ["2026-02-17"],
        [],
        ["2026-07-01"],
        ["2025-12-18", "2025-12-20"],
    ]
    # Without a full date in the article, a bare year is no guide: the date keeps no year.
    no_full = date_years([extract_figures(t) for t in ("In 2025, exports grew.", "On March 4.")])
    assert [f.value for f in no_full[1]] == ["--03-04"]
    # Unless its weekday puts it in one year only of those near the article's years:
    # February 12 is a Thursday in 2026, not in 2025 or 2027.
    texts = ("The 2026 review is near.", "They met on Thursday, Feb. 12.", "On Monday, Feb. 12.")
    named = date_years([extract_figures(t) for t in texts])
    assert [f.value for f in named[1] if f.kind == "date"] == ["2026-02-12"]
    assert [f.value for f in named[2] if f.kind == "date"] == ["--02-12"]  # no such year


def test_a_weekday_next_to_a_date_gives_an_article_without_full_dates_its_year() -> None:
    texts = [
        "ZAPOPAN, Mexico, April 17 (Wire) - The duty was announced on Thursday.",
        "It applies from Monday, May 4.",
        "Exports grew 19 percent in 2025, and 47 percent since 2019.",
        "Growers meet on May 11.",
    ]
    dates = [
        [f.value for f in figs if f.kind == "date"]
        for figs in date_years([extract_figures(t) for t in texts])
    ]
    # May 4 is a Monday in 2020 and 2026: the one nearer the latest year named. The dateline's
    # April 17 is then the nearest to it, though a Thursday in 2025: "on Thursday" is not
    # written next to it (the day before the report).
    assert dates == [["2026-04-17"], ["2026-05-04"], [], ["2026-05-11"]]


def test_a_known_surname_in_another_person_s_hyphenated_surname_is_not_that_person() -> None:
    # "LeBlanc" alone is Dominic LeBlanc; "Rajiv Kapoor-LeBlanc" is someone else.
    assert ents("The Hon. Rajiv Kapoor-LeBlanc", "person") == [
        ("Rajiv Kapoor-LeBlanc", "Rajiv Kapoor-LeBlanc")
    ]
    assert ents("Ana LeBlanc-Ruiz spoke first.", "person") == []
    # Two known people joined by a hyphen are both of them; a known name before "-era" is his.
    assert [n for _, n in ents("the Carney-Sheinbaum meeting", "person")] == [
        "Mark Carney",
        "Claudia Sheinbaum",
    ]
    assert [n for _, n in ents("Mark Carney-era policy", "person")] == ["Mark Carney"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The capital as the government is the country; where something happens, the city.
        ("Ottawa lifted most of its counter-tariffs.", [("country", "Canada")]),
        ("The task force meets in Ottawa in February.", [("place", "Ottawa")]),
        ("Talks with Washington continue.", [("country", "United States")]),
        ("A hearing is planned in Washington in May.", [("place", "Washington")]),
        ("A deal within Ottawa's reach.", [("country", "Canada")]),
        # A dateline in capitals before a dash or a comma names its place.
        ("OTTAWA — The committee met.", [("place", "Ottawa")]),
        ("MEXICO CITY, Dec. 10, 2025 — The leaders met.", [("place", "Mexico City")]),
    ],
)
def test_a_capital_where_something_happens_is_the_city(text: str, expected: list) -> None:
    assert [x for x in ents(text) if x[0] in ("country", "place")] == expected


@pytest.mark.parametrize(
    ("text", "people"),
    [
        (
            "By Harriet Lindgren-Obi | Cataraqui University Press | 438 pp.",
            ["Harriet Lindgren-Obi"],
        ),
        (
            "Photographs by Inés Valdivia-Cruz and Owen T. Mbatha | Captions by the desk",
            ["Inés Valdivia-Cruz", "Owen T. Mbatha"],
        ),
        ("Summary by volunteer producer Kwame R. Lindgren-Sousa", ["Kwame R. Lindgren-Sousa"]),
        (
            "Published Dec. 15, 2025 | Analyst: Teodora Vasquez-Lindholm",
            ["Teodora Vasquez-Lindholm"],
        ),
        (
            "This note was prepared on Feb. 16, 2026, by Sofía Márquez Ortega and Daniel Okafor.",
            ["Sofía Márquez Ortega", "Daniel Okafor"],
        ),
        # Not people: a company, a desk, a branch.
        ("A weekly service operated by Naviera Golfo Norte, S.A. de C.V.", []),
        ("Written by Staff Reporter", []),
        ("Prepared by the Trade Policy Branch", []),
    ],
)
def test_a_credit_line_names_its_people(text: str, people: list[str]) -> None:
    assert [name for _, name in ents(text, "person")] == people


def test_person_surname_not_a_month() -> None:
    text = "Prime Minister Theresa May spoke in May 2019."
    assert ents(text, "person") == [("Theresa May", "Theresa May")]


@pytest.mark.parametrize(
    "text",
    [
        "Let us talk; they told us so.",  # the pronoun
        "He played a trump card; Trumpet and McCarney are not names here.",
        "The president said the minister was away.",  # titles without names
        "The Ambassador Bridge reopened.",
        "Minister of Finance said",
        "She met the President On Tuesday.",
    ],
)
def test_not_a_person(text: str) -> None:
    assert ents(text, "person") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the U.S. said", [("U.S.", "United States")]),
        ("the US said", [("US", "United States")]),
        ("the USA said", [("USA", "United States")]),
        ("the United States said", [("United States", "United States")]),
        ("America said", [("America", "United States")]),
        ("Washington said", [("Washington", "United States")]),
        ("American pressure", [("American", "United States")]),
        ("Canada said", [("Canada", "Canada")]),
        ("Canadian steel", [("Canadian", "Canada")]),
        ("Ottawa values partnership", [("Ottawa", "Canada")]),
        ("Mexico said", [("Mexico", "Mexico")]),
        ("Mexican President", [("Mexican", "Mexico")]),
        ("the Canada-Mexico relationship", [("Canada", "Canada"), ("Mexico", "Mexico")]),
        ("Mexico—a partner", [("Mexico", "Mexico")]),
    ],
)
def test_country(text: str, expected: list) -> None:
    assert ents(text, "country") == expected


def test_country_case_sensitive_short_aliases() -> None:
    assert ents("let us in, us all", "country") == []
    assert ents("US$40 billion", "country") == []  # a currency
    assert ents("the USD rose", "country") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("met in Mexico City", [("place", "Mexico City")]),  # not the country Mexico
        ("Mexico City: Carney", [("place", "Mexico City"), ("person", "Mark Carney")]),
        ("North America as a whole", [("place", "North America")]),
        ("North America’s partners", [("place", "North America")]),
        ("in North American diplomacy", [("place", "North America")]),
        ("in Latin America", [("place", "Latin America")]),
        ("in Toronto and Ontario", [("place", "Toronto"), ("place", "Ontario")]),
        ("the Gulf of Mexico", [("place", "Gulf of Mexico")]),
    ],
)
def test_place(text: str, expected: list) -> None:
    assert ents(text) == expected


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ("the USMCA review", "USMCA"),
        ("the CUSMA review", "CUSMA"),
        ("the T-MEC review", "T-MEC"),
        ("the U.S. Mexico–Canada Agreement says", "U.S. Mexico–Canada Agreement"),
        ("the U.S.-Mexico-Canada Agreement says", "U.S.-Mexico-Canada Agreement"),
        ("the United States-Mexico-Canada Agreement", "United States-Mexico-Canada Agreement"),
        ("the United States—Mexico—Canada Agreement", "United States—Mexico—Canada Agreement"),
        ("the North American trade pact", "North American trade pact"),
        ("the North American Trade Pact", "North American Trade Pact"),
        ("the new NAFTA", "new NAFTA"),
    ],
)
def test_agreement_usmca(text: str, alias: str) -> None:
    assert ents(text) == [("agreement", "USMCA")]
    assert ents(text, "agreement") == [(alias, "USMCA")]


def test_agreement_nafta_is_another_one() -> None:
    assert ents("NAFTA and the North American Free Trade Agreement", "agreement") == [
        ("NAFTA", "NAFTA"),
        ("North American Free Trade Agreement", "NAFTA"),
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the Trump administration said", "Trump administration"),
        ("the World Trade Organization ruled", "World Trade Organization"),
        ("the WTO ruled", "World Trade Organization"),
        ("the Bank of Canada cut rates", "Bank of Canada"),
        ("Statistics Canada reported", "Statistics Canada"),
        ("INEGI reported", "INEGI"),
        ("Global Affairs Canada said", "Global Affairs Canada"),
        ("the CBSA said", "Canada Border Services Agency"),
        ("the Canada Border Services Agency said", "Canada Border Services Agency"),
        ("Parliament voted", "Parliament"),
        ("the Economy Ministry said", "Secretaría de Economía"),
        ("the U.S. Department of Commerce said", "U.S. Department of Commerce"),
    ],
)
def test_organization_gazetteer(text: str, name: str) -> None:
    assert ents(text) == [("organization", name)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Canadian Steel Producers Association said", "Canadian Steel Producers Association"),
        ("the Ministry of Energy said", "Ministry of Energy"),
        ("the Mexican Council of Foreign Trade said", "Mexican Council of Foreign Trade"),
        ("the University of Toronto said", "University of Toronto"),
        ("the Toronto Region Board of Trade said", "Toronto Region Board of Trade"),
        ("the Ontario Chamber of Commerce said", "Ontario Chamber of Commerce"),
        ("Yesterday the Department of Finance said", "Department of Finance"),
        ("The Canadian Institute said", "Canadian Institute"),
        ("the Bank of Canada Governor Tiff Macklem", "Bank of Canada"),
    ],
)
def test_organization_rule(text: str, expected: str) -> None:
    orgs = ents(text, "organization")
    assert orgs == [(expected, expected)]


@pytest.mark.parametrize(
    "text",
    [
        "The Department said so.",  # a head word alone
        "the bank of the river",
        "Bank officials met.",
    ],
)
def test_not_an_organization(text: str) -> None:
    assert ents(text, "organization") == []


def test_organization_rule_does_not_join_names() -> None:
    assert ents("the Ambassador Bridge and General Motors", "organization") == [
        ("General Motors", "General Motors")
    ]


def test_title_is_outside_person_span() -> None:
    text = "Bank of Canada Governor Tiff Macklem spoke."
    assert ents(text) == [("organization", "Bank of Canada"), ("person", "Tiff Macklem")]
    (_, person) = extract_entities(text)
    assert (person.start, person.end) == (24, 36)


def test_entities_prefer_longest() -> None:
    assert ents("Statistics Canada and Canada") == [
        ("organization", "Statistics Canada"),
        ("country", "Canada"),
    ]
    assert ents("the Trump administration") == [("organization", "Trump administration")]


# --------------------------------------------------------------------------------------------
# The gazetteer


def test_bundled_gazetteer_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer()
    assert load_gazetteer({}) is load_gazetteer()
    assert extract_entities("Carney") == extract_entities("Carney", load_gazetteer())


def test_gazetteer_lookup() -> None:
    gz = load_gazetteer()
    assert gz.lookup("Mexico–Canada") is None
    assert gz.lookup("U.S. Mexico–Canada Agreement") == ("agreement", "USMCA")
    assert gz.lookup("Prime Minister") is None
    assert gz.lookup("us") is None
    assert "Prime Minister" in gz.titles


def test_gazetteer_extended_by_user_table() -> None:
    extra = {
        "topic": [{"id": "ignored"}],  # other keys of the user's file are ignored
        "entity": [
            {"name": "Jane Roe", "kind": "person", "aliases": ["Roe", "J. Roe"]},
            {"name": "Mark Carney", "kind": "person", "aliases": ["PM Carney"]},
            {"name": "Acme", "kind": "organization"},
        ],
        "titles": ["Trade Czar"],
        "organization_heads": ["Syndicate"],
    }
    gz = load_gazetteer(extra)
    assert gz is not load_gazetteer()
    assert ents("Roe met PM Carney and Acme", gazetteer=gz) == [
        ("person", "Jane Roe"),
        ("person", "Mark Carney"),
        ("organization", "Acme"),
    ]
    assert ents("Trade Czar John Smith", "person", gz) == [("John Smith", "John Smith")]
    assert ents("the Northern Steel Syndicate", "organization", gz) == [
        ("Northern Steel Syndicate", "Northern Steel Syndicate")
    ]
    assert ents("Carney met Sheinbaum", gazetteer=gz) == [
        ("person", "Mark Carney"),
        ("person", "Claudia Sheinbaum"),
    ]
    # the bundled one is unchanged
    assert ents("Roe met PM Carney and Acme") == [("person", "Mark Carney")]


def test_user_alias_wins() -> None:
    gz = load_gazetteer(
        {"entity": [{"name": "Washington State", "kind": "place", "aliases": ["Washington"]}]}
    )
    assert ents("Washington said", gazetteer=gz) == [("place", "Washington State")]


def test_ignore_case() -> None:
    gz = load_gazetteer(
        {"entity": [{"name": "Pacific Trade Pact", "kind": "agreement", "ignore_case": True}]}
    )
    assert ents("the Pacific trade pact, the Pacific Trade Pact", "agreement", gz) == [
        ("Pacific trade pact", "Pacific Trade Pact"),
        ("Pacific Trade Pact", "Pacific Trade Pact"),
    ]
    assert ents("the pacific trade pact", "agreement", gz) == []  # the first word keeps its case
    gz = load_gazetteer({"entity": [{"name": "Atlantic Trade Pact", "kind": "agreement"}]})
    assert ents("the Atlantic trade pact", "agreement", gz) == []


@pytest.mark.parametrize(
    "extra",
    [
        {"entity": {"name": "X"}},
        {"entity": ["X"]},
        {"entity": [{"kind": "person"}]},
        {"entity": [{"name": "X", "kind": "planet"}]},
        {"entity": [{"name": "X", "kind": "person", "aliases": "X"}]},
        {"entity": [{"name": "X", "kind": "person", "aliases": [1]}]},
        {"entity": [{"name": "X", "kind": "person", "ignore_case": "yes"}]},
        {"entity": [], "titles": "Dr."},
    ],
)
def test_bad_user_table(extra: dict) -> None:
    with pytest.raises(TopicsFileError):
        load_gazetteer(extra)


def test_gazetteer_pickles() -> None:
    gz = load_gazetteer({"entity": [{"name": "Jane Roe", "kind": "person", "aliases": ["Roe"]}]})
    again = pickle.loads(pickle.dumps(gz))
    assert isinstance(again, Gazetteer)
    text = S_MEETING + " Roe agreed."
    assert extract_entities(text, again) == extract_entities(text, gz)


def test_gazetteer_file_is_consistent() -> None:
    gz = load_gazetteer()
    names = [(e.name, e.kind) for e in gz.entries]
    assert len(names) == len(set(names))
    assert all(e.kind in ENTITY_KINDS for e in gz.entries)
    # every alias finds its own entity
    for entry in gz.entries:
        for alias in (entry.name, *entry.aliases):
            found = extract_entities(alias, gz)
            assert [(e.text, e.name) for e in found] == [(alias, entry.name)], alias


def test_standard_library_only() -> None:
    code = (
        "import sys, cantrade_cli.extract as x; x.extract_entities('Carney'); "
        "bad = {'typer', 'rich'} & set(sys.modules); assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
