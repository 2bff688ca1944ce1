"""Text analysis shared by the index and the query."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cantrade_cli.analyze import EXCHANGE_RATE, default_lexicon, fold


@pytest.fixture(scope="module")
def lex():
    return default_lexicon()


def terms(lex, text, query=False):
    return [t for t, _, _ in lex.tokens(text, query=query)]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("aluminium", "aluminum"),
        ("defence", "defense"),
        ("organised", "organized"),
        ("tariffs", "tariff"),
        ("25 per cent", "25%"),
        ("25 percent", "25 %"),
        ("CUSMA", "USMCA"),
        ("T-MEC", "USMCA"),
        ("U.S.", "US"),
        ("Economía", "economia"),
        ("Carney’s", "Carney's"),
        ("1,000", "1000"),
        ("met", "meeting"),
        ("ran", "run"),
        ("withdrew", "withdrawal"),
        ("stolen", "steals"),
    ],
)
def test_forms_that_mean_the_same_analyse_the_same(lex, a, b):
    assert terms(lex, a) == terms(lex, b)


def test_phrases_add_their_canonical_term_and_keep_their_words(lex):
    got = terms(lex, "ahead of the review of the North American trade pact")
    assert "usmca" in got and "trade" in got and "pact" in got
    assert "usmca" in terms(lex, "the U.S. Mexico–Canada Agreement")
    assert "usa" in terms(lex, "the United States")


def test_north_american_is_not_american(lex):
    assert "usa" not in terms(lex, "North American trade", query=True)
    assert "northamerica" in terms(lex, "North American trade")


def test_the_pronoun_us_is_not_the_united_states_in_text_but_is_in_a_query(lex):
    assert "usa" not in terms(lex, "They told us.")
    assert "usa" in terms(lex, "US tariffs")
    assert terms(lex, "us tariffs", query=True)[0] == "usa"


def test_a_query_phrase_is_one_term(lex):
    assert terms(lex, "organised crime", query=True) == ["crime"]


def test_social_security_is_not_security(lex):
    assert "security" not in terms(lex, "social security contributions")
    assert "security" in terms(lex, "border security")


def test_securities_are_shares_and_bonds_not_security(lex):
    assert "security" not in terms(lex, "Canadian securities laws")
    assert "security" not in terms(lex, "securities regulator", query=True)


def test_secure_is_not_security_and_invested_is_not_investment(lex):
    assert "security" not in terms(lex, "to secure a deal")
    assert "investment" not in terms(lex, "Canada invested C$1 billion")
    assert "investment" in terms(lex, "foreign direct investment rose")


def test_important_is_no_import(lex):
    # The stemmer makes both "import"; an "important partner" is no trade.
    assert lex.term("imports") not in terms(lex, "Mexico is an important partner")
    assert lex.term("imports") in terms(lex, "Canada imported cars")


def test_hyphens_and_compound_chunks(lex):
    assert terms(lex, "long-standing") == [lex.term("long"), lex.term("standing")]
    assert terms(lex, "the Canada-U.S. border") == ["canada", "usa", "border"]


def test_a_user_name_or_file_name_is_read_as_its_words(lex):
    # Found by its words typed apart, and by itself typed whole.
    assert terms(lex, "post by northshore_ceramics") == terms(lex, "post by northshore ceramics")
    assert terms(lex, "gatineau_greta", query=True) == terms(lex, "gatineau greta")
    assert terms(lex, "trade_data-2025") == [lex.term("trade"), lex.term("data"), "2025"]
    assert terms(lex, "T-MEC_review") == terms(lex, "T-MEC review")


def test_stop_words_are_dropped(lex):
    assert terms(lex, "the of and to a") == []


def test_fold():
    assert fold("Économie Mexicana") == "economie mexicana"
    assert fold("Carney’s") == "carney's"
    # Ligatures that Unicode leaves whole: the word typed without them still matches.
    assert fold("Contrecœur") == "contrecoeur" and fold("Ærø") == "aero"


@given(st.text(max_size=200))
def test_tokens_never_raise_and_spans_are_inside_the_text(text):
    lex = default_lexicon()
    for query in (False, True):
        for term, start, end in lex.tokens(text, query=query):
            assert term
            assert 0 <= start < end <= len(text)


@pytest.mark.parametrize(
    ("hyphenated", "joined"),
    [("Am-Can", "amcan"), ("co-operation", "cooperation"), ("e-mail", "email")],
)
def test_a_hyphenated_word_with_a_part_meaning_nothing_alone_is_also_its_joined_word(
    lex, hyphenated, joined
):
    text, query = terms(lex, hyphenated), terms(lex, joined, query=True)
    assert query[0] in text  # the joined word finds the hyphenated one


def test_a_hyphenated_query_word_asks_for_its_parts_or_for_the_joined_word_if_none_is_left(lex):
    assert terms(lex, "EU-Mexico", query=True) == terms(lex, "EU Mexico", query=True)
    assert terms(lex, "Am-Can", query=True) == terms(lex, "amcan", query=True)
    # A stop word left out: the rest is not the word ("teach-in" is no "teach").
    assert terms(lex, "teach-in", query=True) == terms(lex, "teachin", query=True)
    assert terms(lex, "teach-in", query=True)[0] in terms(lex, "a teach-in on trade")
    assert terms(lex, "teach-in", query=True)[0] not in terms(lex, "she teaches trade")


@pytest.mark.parametrize(
    ("hyphenated", "joined"),
    [
        ("anti-dumping", "antidumping"),
        ("non-tariff", "nontariff"),
        ("counter-tariffs", "countertariffs"),
        ("agri-food", "agrifood"),
        ("bio-fuels", "biofuels"),
    ],
)
def test_a_prefix_is_written_with_or_without_its_hyphen(lex, hyphenated, joined):
    # The text has both the joined word and its parts; a query asks for the joined word, which
    # the text has either way.
    assert terms(lex, hyphenated, query=True) == terms(lex, joined, query=True)
    assert terms(lex, joined, query=True)[0] in terms(lex, hyphenated)
    assert terms(lex, hyphenated, query=True)[0] in terms(lex, joined)
    assert "tariff" in terms(lex, "non-tariff")  # its parts stay findable in the text


def test_a_hyphenated_word_of_words_stays_its_words(lex):
    assert terms(lex, "long-standing") == terms(lex, "long standing")
    assert terms(lex, "Canada-U.S.", query=True) == terms(lex, "Canada U.S.", query=True)


@pytest.mark.parametrize(
    "text",
    [
        "The peso firmed to 17.98 per U.S. dollar.",
        "The loonie averaged 72.1 US cents in March.",
        "It traded at 19 pesos per dollar.",
        "The exchange rate held steady.",
    ],
)
def test_a_currency_quote_is_an_exchange_rate(text):
    lex = default_lexicon()
    assert EXCHANGE_RATE in [t for t, _, _ in lex.tokens(text)]
    assert [t for t, _, _ in lex.tokens("exchange rate", query=True)] == [EXCHANGE_RATE]


@pytest.mark.parametrize(
    "text", ["Exports rose 5 per cent to C$10 billion.", "Steel cost $900 per tonne."]
)
def test_other_prices_are_no_exchange_rate(text):
    assert EXCHANGE_RATE not in [t for t, _, _ in default_lexicon().tokens(text)]


@pytest.mark.parametrize(("country", "people"), [("china", "chinese"), ("japan", "japanese")])
def test_a_country_and_its_people_are_synonyms(country, people):
    lex = default_lexicon()
    assert lex.term(people) in lex.expand(lex.term(country))


def test_the_plural_of_letters_that_are_no_word_is_theirs(lex):
    # The stemmer keeps a word without a vowel whole: "TRQs" would be no TRQ. A query is read in
    # lower case, so the rule cannot need capitals.
    assert terms(lex, "tariff rate quotas (TRQs)")[-1] == terms(lex, "trq", query=True)[0]
    assert terms(lex, "trqs", query=True) == terms(lex, "TRQ")
    assert terms(lex, "MPs voted") == terms(lex, "mps voted", query=True) == terms(lex, "MP voted")
    assert terms(lex, "TARIFFS") == terms(lex, "tariffs")  # a word in capitals is a word


def test_a_state_abbreviated_after_its_city_is_the_state(lex):
    assert terms(lex, "Laredo, Tex.")[-1] == terms(lex, "Texas", query=True)[0]
    assert terms(lex, "Windsor, Ont.")[-1] == terms(lex, "Ontario")[0]
    assert terms(lex, "At Sweetgrass, Mont., waits grew.")[1] == terms(lex, "Montana")[0]
    assert terms(lex, "Steinbach, Man.")[-1] == terms(lex, "Manitoba")[0]
    assert terms(lex, "a man.")[-1] != terms(lex, "Manitoba")[0]  # in lower case: the word
    # Only after a city and its comma: not "the Isle of Man." nor "Pa." for a father.
    assert terms(lex, "a reboot of the Isle of Man.")[-1] != terms(lex, "Manitoba")[0]
    assert terms(lex, "They called him Pa.")[-1] != terms(lex, "Pennsylvania")[0]
    # Only as written, with a capital and a period: French "ont", the food "Tex-Mex".
    ontario = terms(lex, "Ontario")[0]
    assert ontario not in terms(lex, "les expéditions vers les É.-U. ont chuté")
    assert terms(lex, "Tex-Mex") != terms(lex, "Texas-Mex")
    assert terms(lex, "lorries", query=True) == terms(lex, "trucks")


def test_a_tariff_dropped_is_not_one_lifted(lex):
    # "drop" is also "fall", and "lift" also "raise": the two must not meet.
    assert lex.term("lift") not in lex.expand(lex.term("drop"))
    assert lex.term("remove") in lex.expand(lex.term("lift"))


def test_the_states_are_the_united_states_but_not_the_states_of_a_country(lex):
    usa = terms(lex, "US", query=True)
    assert terms(lex, "a weekend in the States")[-1:] == usa
    assert terms(lex, "goods bought in the states", query=True)[-1:] == usa
    assert usa[0] not in terms(lex, "the States of Jalisco and Sonora")
    assert usa[0] not in terms(lex, "the states of Michigan and Ohio")  # lower case in a text


def test_a_negation_is_one_word_whole_or_contracted(lex):
    # "isn't" was the absent word "isnt", the query's rarest: it sank every answer.
    negations = ("not", "isn't", "isn’t", "doesn't", "don't", "won't", "cannot", "didn't")
    assert {tuple(terms(lex, w, query=True)) for w in negations} == {("not",)}
    assert terms(lex, "the pact isn't extended") == terms(lex, "the pact is not extended")
    assert terms(lex, "I'm sure") == terms(lex, "sure")  # other contractions are stop words


def test_a_fiscal_year_or_an_analyst_s_year_column_is_its_year(lex):
    assert terms(lex, "FY2025 revenue") == terms(lex, "FY 2025 revenue")
    assert terms(lex, "our 2026E EBITDA") == terms(lex, "our 2026 estimate EBITDA")
    assert terms(lex, "2024A | 2025F") == terms(lex, "2024 actual | 2025 forecast")
    text = "2026E EBITDA"
    assert [text[s:e] for _, s, e in lex.tokens(text)] == ["2026", "E", "EBITDA"]
    # Other letters and digits stay one term: a model, a code, a group.
    for word in ("G7", "2026B", "F2025", "A320"):
        assert terms(lex, word) == [word.lower()]
