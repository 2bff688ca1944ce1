"""Retrieval on tiny corpora with hand-checked answers."""

from __future__ import annotations

import random

import pytest

from cantrade_cli.extract import extract_figures
from cantrade_cli.index import open_index
from cantrade_cli.models import Fact
from cantrade_cli.pipeline import Analysers, parse_document
from cantrade_cli.search import (
    _gives_role,
    _gives_share,
    _names_in_query,
    _slip_of_key,
    edit_budget,
    floor_expression,
    parse_query,
    reaches_floor,
    search,
    short_names,
    subject_articles,
    trade_flows,
)

ARTICLES = {
    "a.txt": "Washington imposed a 25% levy on Canadian aluminum in March. "
    "The duty was lifted a year later.",
    "b.txt": "Fentanyl seizures at the border rose sharply. Officials blamed cartels for the "
    "trafficking.",
    "c.txt": "Trade between Canada and Mexico was worth $40 billion in 2024. "
    "Exports of autos grew by 8 percent.\nThe ministers met in Ottawa on March 3, 2025.",
    "d.txt": "The steal of the century happened in a museum. Steel mills closed in Hamilton.",
}


@pytest.fixture
def index(make_corpus):
    return open_index(make_corpus(ARTICLES))


def ids(result):
    return [h.fact.id for h in result.hits]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("aluminium tariff", "a:1"),  # British spelling, and tariff finds "levy"
        ("fentanil", "b:1"),  # a typo
        ("Fentanyl", "b:1"),  # case
        ("stel mills", "d:2"),  # a typo with a word that is right
        ("steal", "d:1"),  # a word the corpus has is not "corrected" to another
        ("cartel trafficking", "b:2"),
        ("how much is trade between canada and mexico worth", "c:1"),
        ("when did the ministers meet", "c:3"),
        ("auto exports growth", "c:2"),
        ("levies on aluminum", "a:1"),
        ("cartle traffikcing", "b:2"),  # swapped letters are one edit each
        ("smuggling", "b:2"),  # a synonym: smuggling is trafficking
        ("Canadian levy", "a:1"),  # a people is its country: Canadian is Canada
    ],
)
def test_first_hit(index, query, first):
    assert ids(search(index, query))[:1] == [first]


@pytest.mark.parametrize(
    "query", ["penguin breeding season", "quantum computing startup", "zzzz", "the of and"]
)
def test_questions_the_corpus_does_not_answer_return_nothing(index, query):
    result = search(index, query)
    assert result.hits == [] and result.total == 0


def test_a_query_of_common_words_only_finds_nothing_and_says_why(index):
    result = search(index, "the of and")
    assert result.hits == [] and "only common words" in result.query.warnings[0]


def test_steal_is_not_forced_onto_steel(index):
    assert ids(search(index, "steal")) == ["d:1"]


def test_scores_are_in_0_1_and_sorted(index):
    hits = search(index, "aluminum levy border").hits
    assert hits
    scores = [h.score for h in hits]
    assert all(0 <= s <= 1 for s in scores)
    assert scores == sorted(scores, reverse=True)


def test_matches_say_which_query_word_matched_which_text_word(index):
    hit = search(index, "levvy aluminium").hits[0]
    pairs = {(m.query, m.text, m.how) for m in hit.matches}
    assert ("levvy", "levy", "fuzzy") in pairs
    assert ("aluminium", "aluminum", "exact") in pairs
    assert "aluminum" in hit.matched


def test_ties_go_in_document_order(make_corpus):
    idx = open_index(make_corpus({"b.txt": "Tariffs rose.", "a.txt": "Tariffs rose."}))
    assert ids(search(idx, "tariffs")) == ["a:1", "b:1"]


def test_total_counts_before_the_limit(make_corpus):
    idx = open_index(make_corpus({"a.txt": " ".join(f"Tariff number {i}." for i in range(30))}))
    result = search(idx, "tariff", limit=5)
    assert len(result.hits) == 5 and result.total == 30


def test_topic_and_source_filters(index):
    assert {h.fact.source for h in search(index, "border", sources=["b.txt"]).hits} == {"b.txt"}
    assert search(index, "aluminum", topics=["security"]).hits == []


def test_a_very_long_query_answers_with_a_warning(index):
    result = search(index, "aluminum " * 20_000)
    assert ids(result)[:1] == ["a:1"]
    assert result.query.warnings


@pytest.mark.parametrize(
    ("word", "budget"), [("tax", 0), ("stel", 1), ("tarif", 1), ("tarrif", 2), ("fentanil", 2)]
)
def test_edit_budget_grows_with_length(word, budget):
    assert edit_budget(word) == budget


def test_the_sentence_after_an_answer_counts_with_its_context(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "Ottawa announced a support package for steel and aluminum producers. "
                "The package includes C$500 million in loans. The weather was mild.\n"
                "A separate package of measures covers dairy.",
            }
        )
    )
    result = search(idx, "steel aluminum support package")
    assert ids(result) == ["a:1", "a:2"]  # a:2 answers with a:1; a:4 is another paragraph
    assert result.total == 2
    assert result.hits[1].score < result.hits[0].score
    # The sentence after must match something itself: "The weather was mild." never comes.
    assert "a:3" not in ids(search(idx, "steel aluminum support loans"))


def test_a_sentence_that_points_back_at_an_answer_goes_on_with_it(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "In 2025, Ontario shipped $38 billion of auto parts to the United "
                "States. That figure was down 9 per cent from a year earlier. "
                "Rain fell on the plant all week.",
                "b.txt": "Ontario exports of auto parts to Mexico doubled. "
                "Wind speeds were down 9 per cent from a year earlier.",
            }
        )
    )
    result = search(idx, "Ontario auto parts exports")
    # a:2 repeats no query word but points back at a:1 ("That figure"): it goes on with it,
    # below it and above nothing it outranks on its own. a:3 and b:2 do not point back.
    assert set(ids(result)) == {"b:1", "a:1", "a:2"}
    assert ids(result).index("a:2") > ids(result).index("a:1")
    assert result.total == 3


def test_they_early_in_a_sentence_points_back_at_the_answer_before(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "Importers, including Fabricaciones del Pacífico, warned of price rises. "
                "The Tribunal noted that they may ask for a public interest inquiry. "
                "The Tribunal noted that prices rose.",
            }
        )
    )
    assert ids(search(idx, "Fabricaciones del Pacifico")) == ["a:1", "a:2"]


def test_words_spelled_by_ear_and_hyphenated_words_written_joined(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "Agents found 400 kilograms of methamphetamine in a truck. "
                "The premier wants a Fortress Am-Can perimeter. "
                "The bank lowered its policy rate to 2.25%.",
            }
        )
    )
    assert ids(search(idx, "metamfetamine"))[:1] == ["a:1"]  # ph/f, th/t: beyond two edits
    assert ids(search(idx, "fortress amcan"))[:1] == ["a:2"]
    assert ids(search(idx, "rate cut"))[:1] == ["a:3"]  # cut = lower, a synonym
    # Sounding alike is a last resort: a word within the edit budget is taken first.
    assert ids(search(idx, "kilogrms")) == ["a:1"]
    assert search(idx, "amphibian").hits == []


def test_the_sentence_before_an_answer_counts_with_its_context(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "Rail service remains our biggest headache. "
                "Grain cars waited nine days at rail interchange points.\n"
                "Rail fares rose.",
                "b.txt": "Canola prices fell. Exports to Mexico grew. The board met in Regina.",
            }
        )
    )
    result = search(idx, "rail delays grain cars")
    # a:1 goes with a:2 after it; a:3, in another paragraph, has "rail" alone: below the floor.
    assert ids(result) == ["a:2", "a:1"]
    assert result.hits[1].score < result.hits[0].score


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("percent of GDP", "Spending reached 2 per cent of gross domestic product."),
        ("next ministerial meeting", "The ministers agreed to meet again in June."),
        ("renewal of the pact", "They want the pact extended; an extension is likely."),
        ("CBSA", "The Canada Border Services Agency will share data."),
        ("february", "The senators held a hearing on Feb. 12."),
        ("exports drop", "The tariff cut exports by a quarter."),
        ("CBSA staffing", "The CBSA added 40 officers at Emerson."),
        ("migration", "Asylum claims at Emerson rose."),
        ("who is the CFO", "Contact: Samir Okonjo, Chief Financial Officer"),
        ("chief executive officer", "The CEO wrote to shareholders."),
        ("how many employees", "The company employs approx. 2,900 people."),
        ("what do the petitioners ask", "The petitioners call upon the government to act."),
        ("union demands", "The union urged Ottawa to act."),
        ("who got grants", "Grants went to 12 firms in Windsor."),
        ("PM Carney", "Prime Minister Mark Carney spoke."),
        ("when does the review kick off", "The review begins on July 1."),
        ("when do the duties kick in", "The duties start on Jan. 1."),
        ("what does CWRS stand for", "Abbreviations: CWRS = Canada Western Red Spring."),
        ("how many answered the survey", "The survey drew 147 responses."),
        ("who relies on Mexico", "Ontario's dependence on Mexico grew."),
        ("deadline for questions", "Questions must reach us by Feb. 9, 2026."),
        ("trade target for 2030", "The leaders set a goal of C$85 billion by 2030."),
        ("sawmill closures", "Two sawmills were shut down in November."),
        ("what tariff is tied to migration", "Washington links the 35% charge to migration."),
        ("smuggled handguns", "Most smuggled guns come north."),
    ],
)
def test_words_that_name_the_same_thing(make_corpus, query, text):
    idx = open_index(make_corpus({"a.txt": text + "\nSomething else entirely."}))
    assert ids(search(idx, query)) == ["a:1"]


def test_an_article_about_a_name_answers_for_it_where_it_says_we(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "letter.txt": "Laurentide Drivetrain Systems Inc.\nLetter to Shareholders\n"
                "2025 was the hardest year in Laurentide's history.\n"
                "Revenue fell 6.8 per cent to C$1.27 billion.\n"
                "We reduced our workforce by 340 people.",
                "report.txt": "Border waits in January.\nTrucks waited 40 minutes at Windsor.\n"
                "Revenue at the ports fell 2 per cent.\nRail traffic held up.\n"
                "Cars were fewer.\nBuses were late.\nFerries ran.\nPlanes were full.\n"
                "Snow fell.\nRoads closed.\n"
                "The Peace Bridge reopened a lane.\nWaits at the Peace Bridge were short.",
                "wire.txt": "Ports and bridges.\nOfficials said waits rose.\n"
                "Toll revenue at the Peace Bridge rose.",
                "post.txt": "VP, Operations at Northstar Freightways\n"
                "Here is what we see at Northstar.\n"
                "Our southbound loads were up 14% in December.",
            }
        )
    )
    # The letter is about Laurentide: its facts that say "we" or nothing answer for it.
    assert ids(search(idx, "Laurentide revenue"))[:1] == ["letter:4"]
    assert "letter:5" in ids(search(idx, "Laurentide workforce"))
    # ... and one of several words, shortened to its first word after it is given in full.
    assert ids(search(idx, "Northstar Freightways loads"))[:1] == ["post:3"]
    # A name that the report mentions, but not in its opening, is not what it is about.
    assert ids(search(idx, "Peace Bridge waits"))[0] == "report:12"
    assert "report:2" not in ids(search(idx, "Peace Bridge waits"))
    # The name alone asks for the facts that name it, not for the article's other facts.
    assert sorted(ids(search(idx, "Laurentide"))) == ["letter:1", "letter:3"]


def test_a_name_of_several_words_that_opens_its_lines_is_a_subject(make_corpus):
    # A report that names itself only at its lines' starts, in capitals or title case.
    idx = open_index(
        make_corpus(
            {
                "mdna.txt": "SIERRA BOREAL MINERALS CORP.\n"
                "Sierra Boreal is a Vancouver-based producer of copper.\n"
                "Revenue by customer location\n"
                "Mexico | 31.9 | 22.6 | +41.2%",
            }
        )
    )
    query = parse_query(idx, "Sierra Boreal revenue by country")
    _names_in_query(idx, query)
    assert subject_articles(idx, query) == {"mdna.txt": frozenset({0, 1})}


def test_a_common_word_that_heads_an_article_is_no_subject(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "notes.txt": "Revenue\nRevenue fell 6.8 per cent.\nTrucks waited at Windsor.\n"
                "Revenue is up.",
                "memo.txt": "Lumber Prices\nChart 3: Lumber prices\nLumber sold well.",
            }
        )
    )
    for query in ("Windsor revenue", "Canada lumber"):
        assert subject_articles(idx, parse_query(idx, query)) == {}


def test_a_word_of_the_articles_first_sentence_counts_a_little_for_its_facts(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "Canadian merchandise trade in January 2026.\n"
                "Exports to the United States declined 4.0 per cent.",
                "b.txt": "Canadian merchandise trade in March 2026.\n"
                "Exports to the United States declined 2.1 per cent.",
            }
        )
    )
    result = search(idx, "exports to the United States in January")
    assert ids(result)[:2] == ["a:2", "b:2"]  # the same words; a's article is about January
    assert result.hits[0].score > result.hits[1].score
    assert search(idx, "January").total == 1  # the first sentence is no match by itself


@pytest.mark.parametrize(
    "query",
    [
        "Bank of Canada interest rate cut",  # "cut" and "Canada" only as synonyms: below the floor
        "port strike",  # "strike" is another word than "stake", not a slip of the keys
        "electric plant",  # "electric" is not "electronics" with letters missing
    ],
)
def test_near_words_and_synonyms_do_not_make_an_answer_of_a_bystander(make_corpus, query):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "Buyers want price reductions from Canadian suppliers.\n"
                "The union has a stake in the port.\nElectronics plants are busy.\n"
                "Rates for freight rose.\nThe bank held its policy steady.\n"
                "International buyers met in Halifax.",
            }
        )
    )
    result = search(idx, query)
    assert result.hits == [] and result.total == 0
    assert ids(search(idx, "price cut")) == ["a:1"]  # a synonym still answers with a word


@pytest.mark.parametrize("query", ["stall", "smell", "mess", "told", "polar"])
def test_a_short_word_is_not_taken_for_another_that_sounds_alike(query):
    # "stall" and "steel" are one edit apart once sounds and doubled letters are made one;
    # spelling by ear is for long words only.
    assert search(open_index(None), query).hits == []


def test_layoffs_finds_laid_off_workers(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Give laid-off smelter workers access to the relief fund.",
                "b.txt": "A quarter of smelters had laid off workers. Talks kicked off.",
            }
        )
    )
    assert ids(search(index, "layoffs at smelters")) == ["a:1", "b:1"]
    assert set(ids(search(index, "smelters lay off workers"))) == {"a:1", "b:1"}


@pytest.mark.parametrize("query", ["counter-duties raised costs", "counter duties costs"])
def test_counter_duties_are_counter_tariffs(make_corpus, query):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Of 86 firms, 31 said Canada's counter-tariffs had raised their costs.",
                "b.txt": "Shipping costs fell in March.",
            }
        )
    )
    assert ids(search(index, query))[:1] == ["a:1"]


def test_the_word_typed_goes_before_its_synonyms_when_the_corpus_has_it(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "The program answers U.S. tariffs on steel and autos.",
                "b.txt": "Ottawa set a 25 per cent surtax on imports of certain steel products.",
            }
        )
    )
    assert ids(search(index, "steel surtax")) == ["b:1", "a:1"]
    # Without the word in the corpus, its synonyms answer in its place.
    assert ids(search(index, "auto surcharge")) == ["a:1"]


def test_a_query_with_two_words_the_corpus_lacks_needs_half_its_weight(make_corpus):
    filler = " ".join(f"Filler sentence number {i} says little." for i in range(18))
    index = open_index(
        make_corpus(
            {
                "a.txt": "The peso exchange rate rose against the dollar. Tomato growers paid "
                "the antidumping duty.",
                "b.txt": filler,
            }
        )
    )
    # "exchange rate" is a third of the query's weight but not half: two words it lacks.
    assert ids(search(index, "digital yen exchange rate")) == []
    assert ids(search(index, "weekly peso exchange rate")) == ["a:1"]  # one word it lacks
    assert ids(search(index, "tomato anti-dumping duty")) == ["a:2"]  # written without hyphen


def test_a_name_the_corpus_never_mentions_finds_nothing(index, make_corpus, tmp_path):
    # "Canadian ... exports" carry most of the weight, but the query is about China.
    result = search(index, "canadian aluminum exports to China")
    assert result.hits == [] and result.total == 0
    assert "China" in result.query.warnings[0]
    assert ids(search(index, "canadian aluminum exports"))  # the rest of it is answered
    # Any of the entity's names counts as a mention: "Beijing" is China.
    beijing = open_index(make_corpus({"a.txt": "Canadian aluminum exports to Beijing fell."}))
    assert ids(search(beijing, "canadian aluminum exports to China")) == ["a:1"]
    # An acronym typed in lower case may be a word ("gm" corn): it does not veto.
    assert search(index, "gm steel mills").query.warnings == []
    # A user's [[entity]] tables count too.
    mine = tmp_path / "names.toml"
    mine.write_text('[[entity]]\nname = "Kestrel Point"\nkind = "place"\naliases = ["Kestrel"]\n')
    with_user = open_index(make_corpus(ARTICLES), mine)
    assert search(with_user, "border seizures at Kestrel").hits == []
    assert search(index, "border seizures at Kestrel").hits != []
    # The bundled places include the border crossings ("Lacolle").
    assert search(index, "border seizures at Lacolle").hits == []
    # A name of several words, typed whole: the Peace Bridge is not the Ambassador Bridge.
    bridge = open_index(make_corpus({"a.txt": "Waits at the Ambassador Bridge rose to an hour."}))
    assert ids(search(bridge, "waits at the Ambassador Bridge")) == ["a:1"]
    result = search(bridge, "waits at the Peace Bridge")
    assert result.hits == [] and "Peace Bridge" in result.query.warnings[0]
    assert ids(search(bridge, "Ambassador Bridge waits for peace")) == ["a:1"]  # not the name
    # A capitalised word the gazetteer knows is that name, not a typo: "Coutts" is not "courts".
    courts = open_index(make_corpus({"a.txt": "The courts heard seizure cases at the border."}))
    result = search(courts, "seizures at the Coutts border crossing")
    assert result.hits == [] and "Coutts" in result.query.warnings[0]
    # Nor is a word of it a typo of another word the corpus has ("Peace" is not "place").
    place = open_index(make_corpus({"a.txt": "Waits at the crossing place rose to an hour."}))
    assert search(place, "waits at the Peace Bridge").hits == []


def test_a_kind_of_good_the_corpus_never_mentions_finds_nothing(index, make_corpus, tmp_path):
    # "aluminum levy" is answered; "copper levy" asks about copper, which no fact mentions, and
    # copper is a real word, not a typo of one the corpus has.
    copper = open_index(make_corpus({"a.txt": "Ottawa put a levy on cooper barrels and aluminum."}))
    assert ids(search(copper, "aluminum levy")) == ["a:1"]
    result = search(copper, "copper levy")
    assert result.hits == [] and "copper" in result.query.warnings[0]
    # "heroin seizures at the border" is not answered by fentanyl seizures at the border ...
    assert ids(search(index, "fentanyl seizures at the border")) == ["b:1"]
    assert search(index, "heroin seizures at the border").hits == []
    # ... and any word of the kind's family is a mention: "hog" is pork.
    hogs = open_index(make_corpus({"a.txt": "Mexico put a duty on Canadian hog carcasses."}))
    assert ids(search(hogs, "pork duty")) == ["a:1"]
    # A user's [kinds] families count too.
    mine = tmp_path / "kinds.toml"
    mine.write_text('[kinds]\nfamilies = [["kestrelberry"]]\n')
    query = "levy on canadian aluminum and kestrelberries"
    assert search(open_index(make_corpus(ARTICLES), mine), query).hits == []
    assert ids(search(index, query))[:1] == ["a:1"]


def test_a_person_named_in_full_is_found_by_the_surname_alone(make_corpus, monkeypatch):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Minister Margaret Oduya released the plan on Monday.\n"
                "The plan covers parts makers.\n"
                "Oduya said it would bring back 6,500 jobs.\n"
                "Economist Priya Raman disagreed.\nCar sales fell.\n"
                "Raman called the estimate generous.",
                "b.txt": "Dr. Anjali Raman studied cheese prices.\nPrices rose.\n"
                "Raman found a 1.8% rise.",
            }
        )
    )
    # "Oduya said ..." (a paragraph of its own) is Margaret Oduya's: it answers, after the
    # sentence with her full name.
    assert ids(search(index, "Margaret Oduya")) == ["a:1", "a:3"]
    # So with a typo in her name.
    assert ids(search(index, "Margaret Odyua")) == ["a:1", "a:3"]
    # A name typed right is looked for even when a long query's typos have used up the
    # look-ups for misspelled names (here, none are left).
    monkeypatch.setattr("cantrade_cli.search._NAME_LOOKS", 0)
    assert search(index, "anjali raman relased").query.concepts[0].person == "anjali raman"
    assert search(index, "Margaret Odyua").query.concepts[0].person is None
    # Two people named Raman: each one's surname-only sentence goes with her own name.
    assert ids(search(index, "Anjali Raman"))[:2] == ["b:1", "b:3"]
    assert "a:6" not in ids(search(index, "Anjali Raman"))
    assert ids(search(index, "priya raman"))[:2] == ["a:4", "a:6"]


def test_a_given_name_and_first_surname_find_the_person_named_by_that_surname(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Lucía Herrera Campos, the chamber's president, spoke first.\n"
                "The session ran late.\n"
                "Ms. Herrera said members want a 16-year extension.",
            }
        )
    )
    assert ids(search(index, "Lucia Herrera")) == ["a:1", "a:3"]


def test_a_full_name_finds_the_person_named_by_any_one_of_its_words(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Chamber president Rodrigo Peña Zertuche spoke first.\n"
                "The session ran late.\n"
                "Mr. Peña said members want a 16-year extension.",
                "b.txt": "Senator Ana Peña Ruiz spoke first.\nThe vote was close.\n"
                "Ms. Peña said the bill would pass.",
            }
        )
    )
    # All three words typed: "Mr. Peña" is the same person, and counts as the whole name.
    assert ids(search(index, "Rodrigo Pena Zertuche")) == ["a:1", "a:3"]
    # Another Peña's sentences stay out.
    assert ids(search(index, "Ana Pena Ruiz")) == ["b:1", "b:3"]


def test_a_name_of_three_words_finds_its_initials_where_its_article_writes_both(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Meridian Continental Railway (MCR) issued a holiday advisory.\n"
                "The session ran late.\n"
                "MCR does not act as a customs broker.",
                # The same letters for another name, in an article that never writes it out.
                "b.txt": "MCR expects more freight to Mexico.",
                # Initials in lower case are a word, not the name ("tap" is no Trade Action Plan).
                "c.txt": "The Trade Action Plan was adopted.\nImporters can tap a new fund.",
            }
        )
    )
    result = search(index, "Meridian Continental Railway")
    assert ids(result) == ["a:1", "a:3"]
    # The initials stand for the name's words, and count a little less than the name itself.
    assert result.hits[0].score > result.hits[1].score
    assert {m.text for m in result.hits[1].matches} == {"MCR"}
    assert ids(search(index, "Trade Action Plan")) == ["c:1"]


def test_initials_need_a_name_that_stands_alone_or_defines_them(make_corpus):
    index = open_index(
        make_corpus(
            {
                # A title-case headline and a currency: "CAD" is not the dealers' initials.
                "a.txt": "Canadian Auto Dealers Brace for Tariffs\n"
                "The average new truck now sells for $68,000 CAD.\n"
                "Prices in CAD rose 4% in a year.",
                # A name alone in its header line stands for the initials in its article.
                "b.txt": "NORTHERN EXPORT CREDIT CORPORATION\n"
                "NECC paid C$14.2 million in claims in 2025.",
            }
        )
    )
    assert ids(search(index, "Canadian Auto Dealers")) == ["a:1"]
    assert ids(search(index, "Northern Export Credit Corporation claims"))[:1] == ["b:2"]


def test_initials_do_not_take_a_synonym_the_word_has_elsewhere(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Canadian Auto Retail Group (CAR) reported results.\n"
                "CAR expects growth in 2026.",
                "b.txt": "Car sales at Canadian dealers fell 5% in retail channels.",
            }
        )
    )
    hits = {h.fact.id: h for h in search(index, "canadian auto retail sales").hits}
    # "Car" stays a synonym of "auto" in every article, and is shown as one.
    assert "b:1" in hits
    assert ("auto", "Car") in {(m.query, m.text) for m in hits["b:1"].matches}


def test_initials_are_found_whatever_the_articles_before_them(make_corpus):
    files = {f"a{i:03}.txt": f"Exporters can tap fund number {i}." for i in range(60)}
    files["z.txt"] = "The Trade Action Plan (TAP) was adopted.\nTAP grants cover 40% of costs."
    index = open_index(make_corpus(files))
    assert ids(search(index, "Trade Action Plan grants")) == ["z:2", "z:1"]


def test_a_plural_in_capitals_is_found_as_typed_in_a_query(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Opposition MPs voted against the surtax bill.\n"
                "Canada applies tariff rate quotas (TRQs) to steel.",
            }
        )
    )
    assert ids(search(index, "MPs surtax")) == ["a:1"]
    assert ids(search(index, "TRQ on steel"))[:1] == ["a:2"]


def test_a_state_abbreviation_is_the_state_only_as_written_after_a_city(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Trucks enter Mexico at Laredo, Tex., every day.",
                "b.txt": "Les exportations vers les É.-U. ont chuté de 19 %.",
            }
        )
    )
    assert ids(search(index, "Laredo Texas")) == ["a:1"]
    assert ids(search(index, "Ontario exports")) == []


def test_a_name_of_two_words_has_no_initials_looked_for(make_corpus):
    # Two letters are too many other names' initials ("GA", "BP").
    index = open_index(
        make_corpus({"a.txt": "Global Affairs (GA) issued a notice.\nGA expects a reply."})
    )
    assert ids(search(index, "Global Affairs")) == ["a:1"]


def test_a_tariff_lifted_is_one_removed_but_no_pact_withdrawn_from(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "The counter-tariffs were removed on Sept. 1.\n"
                "The U.S. may withdraw from the pact.\n"
                "Delays at the bridge grew.",
            }
        )
    )
    assert ids(search(index, "when were the counter-tariffs lifted")) == ["a:1"]
    lex = index.analysers.lexicon
    assert lex.term("withdraw") not in lex.expand(lex.term("remove"))
    assert ids(search(index, "bridge queue")) == ["a:3"]


def test_why_asks_for_a_cause(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Washington imposed tariffs on Canada on March 4, 2025.\n"
                "Washington imposed tariffs on Canada, citing the fentanyl crossing its border.",
            }
        )
    )
    assert ids(search(index, "why did Washington impose tariffs on Canada"))[0] == "a:2"
    assert ids(search(index, "when did Washington impose tariffs on Canada"))[0] == "a:1"


def test_how_often_asks_for_a_period(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "The review team met in Ottawa.\n"
                "The joint review takes place every six years.\n"
                "The review drew comment from business groups.",
            }
        )
    )
    assert ids(search(index, "how often is the joint review held"))[:1] == ["a:2"]


def test_a_fact_about_the_agreement_answers_its_name_where_it_says_the_pact(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Ministers prepared for the CUSMA joint review.\n\n"
                "The pact expires in 2036 unless the three countries confirm an extension.\n\n"
                "Lumber mills expect a busy spring.",
                "b.txt": "A fisheries pact with Korea expires in 2030.",
            }
        )
    )
    result = search(index, "when does CUSMA expire")
    # "The pact" in a fact tagged usmca_review answers "CUSMA", below a fact that names it;
    # another pact, in a fact not about the agreement, does not.
    assert ids(result)[:1] == ["a:2"]
    assert "b:1" not in ids(result)
    assert "cusma" not in [m.query.casefold() for m in result.hits[0].matches]


def test_a_user_topic_can_say_which_query_words_its_facts_answer(make_corpus, tmp_path):
    topic = (
        '[[topic]]\nid = "Dairy"\nlabel = "Dairy"\nterms = ["dairy", "milk"]\ncontext = ["quota"]\n'
    )
    plain, answering = tmp_path / "plain.toml", tmp_path / "answering.toml"
    plain.write_text(topic, "utf-8")
    answering.write_text(topic + 'query_words = ["dairy"]\n', "utf-8")
    corpus = make_corpus({"a.txt": "Canada protects its dairy farmers. The quota system stays."})
    # "The quota system" (tagged Dairy by its context) answers "dairy" too, with query_words;
    # the id's capital does not matter.
    hits = {
        f.name: {
            h.fact.sentence: h.score
            for h in search(open_index(corpus, topics_file=f), "dairy quota").hits
        }
        for f in (plain, answering)
    }
    assert hits["answering.toml"][2] > hits["plain.toml"][2]


def test_a_typo_is_read_in_the_word_as_typed_not_in_its_stem(make_corpus):
    # "fentanly" stems to "fentan", a prefix of "fentanyl"; as typed, it is one swap away.
    index = open_index(make_corpus({"a.txt": "Officers found 26 kilograms of fentanyl."}))
    assert ids(search(index, "kilograms of fentanly")) == ["a:1"]


def test_a_typo_is_also_a_word_one_edit_further_that_the_corpus_uses_far_more(make_corpus):
    # "tarrif" is one edit from the French "tarif" and two from "tariff"; the corpus has
    # "tariff" ten times as often, so both are read.
    tariffs = "".join(f"Ottawa raised the tariff on good {i}.\n\n" for i in range(10))
    index = open_index(make_corpus({"a.txt": "Le tarif reste en vigueur.\n\n" + tariffs}))
    assert parse_query(index, "tarrif").concepts[0].fixes == ("tariff", "tarif")
    assert len(search(index, "tarrif", limit=None).hits) == 11
    # Twice as often is not enough: the closer word alone.
    few = open_index(make_corpus({"b.txt": "Le tarif reste.\n\n" + tariffs[: tariffs.index("2")]}))
    assert parse_query(few, "tarrif").concepts[0].fixes == ("tarif",)
    # Nor a longer word: "trafic" is "traffic", however often the corpus says "trafficking".
    trafficking = "".join(f"Police stopped trafficking ring {i}.\n\n" for i in range(12))
    index = open_index(make_corpus({"c.txt": "Truck traffic grew.\n\n" + trafficking}))
    assert parse_query(index, "trafic").concepts[0].fixes == ("traffic",)


def test_security_and_tariff_are_answered_by_facts_of_their_topic(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Mexico sent 10,000 troops to the northern border.\n\n"
                "Trade across the border grew 3 percent.\n",
                "b.txt": "Washington put section 232 measures on steel imports.\n\n"
                "Steel imports rose 4 percent.\n",
            }
        )
    )
    # No fact says "security" or "tariff"; the facts tagged with the topic answer them.
    assert ids(search(index, "border security")) == ["a:1"]
    assert ids(search(index, "steel tariff")) == ["b:1"]
    # Nor "smuggling": a check for guns answers "gun smuggling".
    index = open_index(
        make_corpus(
            {"c.txt": "Officers now check southbound trucks for guns.\n\nSales rose 4 percent.\n"}
        )
    )
    assert ids(search(index, "gun smuggling")) == ["c:1"]
    # But a topic alone answers nothing ("smuggling" is not every fact on security), nor does it
    # answer a synonym's word ("safety" is not "security").
    assert ids(search(index, "smuggling")) == []
    index = open_index(make_corpus({"d.txt": "Police recovered stolen vehicles in Montreal.\n"}))
    assert ids(search(index, "vehicle safety standards")) == []


def test_a_quote_said_by_a_person_named_before_goes_on_from_that_sentence(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Ana Ruiz, an analyst at Bajio Insight, expects more plants in Celaya. "
                "“The companies that come now are betting on the treaty,” she said.\n\n"
                "Carlos Soto and Ana Ruiz were charged on Friday. "
                "Both men appeared in court in Laval.\n\n"
                "“Freight rates doubled,” a trucker said.",
            }
        )
    )
    # The sentences that name her first, then the two that go on from them; not a stranger's.
    got = ids(search(index, "Ana Ruiz"))
    assert set(got[:2]) == {"a:1", "a:3"} and set(got[2:]) == {"a:2", "a:4"}


def test_how_many_favours_a_number_of_the_thing_counted(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Border officers at Emerson seized 37 kilograms of methamphetamine.\n\n"
                "The Emerson border port has 54 officers for a post that should have 71.\n\n"
                "Ontario assembled 1.2 million light vehicles in 2025.",
            }
        )
    )
    # Both have a number, "border" and "officers"; the one that counts officers answers.
    assert ids(search(index, "how many officers are at the Emerson border"))[:1] == ["a:2"]
    # The thing counted is the word after "how many" or the one after that.
    officer = index.analysers.lexicon.term("officers")
    assert officer in parse_query(index, "how many border officers are at Emerson").counted
    assert parse_query(index, "how much is the levy").counted == frozenset()
    # To build is to assemble.
    assert ids(search(index, "how many vehicles did Ontario build"))[:1] == ["a:3"]


def test_a_topic_only_counts_for_coverage_and_total_is_exact(make_corpus):
    files = {
        f"r{i}.txt": f"Officials in Ottawa met about the joint review, round {i}."
        for i in range(30)
    }
    files["u.txt"] = "The USMCA joint review opens on July 1 in Ottawa."
    index = open_index(make_corpus(files))
    result = search(index, "USMCA Ottawa", limit=None)
    # The facts that say only "the joint review" reach the floor by the topic or not at all;
    # total counts exactly the facts returned.
    assert result.total == len(result.hits)
    assert ids(result)[:1] == ["u:1"]
    # A fact's topic terms are not words: the same fact scores the same with or without them
    # when it has the word itself.
    from cantrade_cli.search import score_fact
    from cantrade_cli.tag import topic_term

    query = parse_query(index, "USMCA Ottawa")
    fact = index.fact("u:1")
    words = index.analysers.lexicon.terms(fact.text)
    plain = score_fact(query, words, fact, 8.0)
    tagged = score_fact(query, [*words, topic_term("usmca_review")], fact, 8.0)
    assert plain == tagged


def test_both_men_goes_on_but_both_companies_named_anew_does_not(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Ana Ruiz and Carlos Soto were charged on Friday. "
                "Both men appeared in court in Laval.\n\n"
                "Ana Ruiz used to work in Windsor. "
                "Both Ford and GM cut output in Ontario in March.",
            }
        )
    )
    got = ids(search(index, "Ana Ruiz"))
    assert set(got[:2]) == {"a:1", "a:3"} and got[2:] == ["a:2"]


def test_a_query_s_topics_are_read_from_its_words_in_order(index):
    assert parse_query(index, "does a tariff shift change the tariff rate").topics == {"tariffs"}


def test_what_share_asks_for_a_percent(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Alberta pork exports to Mexico reached $612 million in 2025.\n\n"
                "Mexico took 38 per cent of Alberta pork exports last year.",
            }
        )
    )
    assert ids(search(index, "what share of Alberta pork exports go to Mexico"))[:1] == ["a:2"]
    assert ids(search(index, "how much were Alberta pork exports to Mexico"))[:1] == ["a:1"]


def test_the_paragraph_after_a_question_in_the_text_answers_it(make_corpus):
    index = open_index(
        make_corpus(
            {
                "faq.txt": "Refunds: questions and answers\n\n"
                "Is the lumber remission refund automatic? Many readers ask.\n\n"
                "No. Importers must file a claim within 90 days. "
                "A customs broker can file it for them. Forms are online.\n\n"
                "Does the notice change inspections?\n\n"
                "No. Examinations continue at every port.",
                "news.txt": "Will the lumber remission refund survive?\n\n"
                "By Jane Doe, staff reporter",
            }
        )
    )
    # The answer's sentences go on from the question, though they repeat none of its words (a
    # sentence after the question in its paragraph does not take a place of the answer's); the
    # next question and its answer do not; a headline's byline is no answer.
    got = ids(search(index, "lumber remission refund"))
    assert set(got) == {"faq:2", "faq:4", "faq:5", "faq:6", "faq:7", "news:1"}


def test_the_items_of_a_list_or_table_go_on_from_what_introduces_them(make_corpus):
    index = open_index(
        make_corpus(
            {
                "union.txt": "Smelter union calls for action\n"
                "The union's brief for the review sets out three demands:\n"
                "1. Lift the tariff before July 1.\n"
                "2. Keep the labour mechanism. It protects workers.\n"
                "3. Open the relief fund to laid-off workers.\n"
                "The mayor of Saguenay also spoke.\n"
                "Police closed two roads.",
                "sectors.txt": "Exports that entered duty-free, by sector:\n"
                "Motor vehicles and parts — 96 per cent\n"
                "Machinery — 89 per cent\n"
                "The study ends in 2025.",
                "deals.txt": "Province | Status | Lead\n"
                "Ontario | Signed | Ford\n"
                "Quebec | Pending | Legault\n"
                "Alberta | Refused | Smith",
                "theft.txt": "Cargo theft rose in the first quarter.\n"
                "Claims by location\n"
                "Location | Claims | Change\n"
                "Toronto | 68 | +24%\n"
                "Laredo | 44 | +9%\n"
                "Claims by month\n"
                "January | 40 | +3%\n"
                "Trade rose as well.",
                "brochure.txt": "Invest in Guanajuato\n\n"
                "Incentives for new investment\n\n"
                "• Payroll tax: a full exemption for 24 months\n"
                "• Land: lots at 35 per cent below market price\n\n"
                "Rail links run north to Laredo.\n\n"
                "Contact us\n"
                "Canada desk: Ximena Ordóñez, Director for Canada\n"
                "E-mail: canada@example.org\n\n"
                "We answer within two days.",
                "memo.txt": "The memo weighs three options.\n"
                "Table 1: Exports to the United States by metal, 2024 (C$ billions)\n"
                "Metal | Canada | Mexico\n"
                "Steel | 11.2 | 3.9\n"
                "Aluminum | 16.4 | 1.6\n"
                "Source: Northbridge calculations.",
                "chart.txt": "Mills ran.\nChart 3: Lumber prices\n"
                "Source: Statistics Canada, table 18-10.",
                "record.txt": "The group took three decisions.\nNext session\n"
                "Canada will host the fourth round in Windsor on April 23.\n"
                "The chair thanked the interpreters.",
                "study.txt": "Our study has several limitations. First, the sample is short. "
                "Second, customs records show declared destinations only.\nWe thank the referees.",
                "quebec.txt": "Québec will defend three priorities during the review.\n\n"
                "First, supply management must stay off the table.\n\n"
                "Second, the aluminum tariffs should go. Smelters cannot live with them.\n\n"
                "Third, the rules of origin should count Canadian metal.\n\n"
                "The premier met exporters in Laval.",
            }
        )
    )
    # The items say what the brief's demands are, though they repeat none of its words, with
    # the rest of an item's line; the one-line paragraphs after the list do not.
    got = ids(search(index, "union brief demands"))
    assert got[0] == "union:2" and set(got[1:]) == {"union:3", "union:4", "union:5", "union:6"}
    # Items without bullets: a name and its value.
    assert set(ids(search(index, "exports duty-free by sector"))) == {
        "sectors:1",
        "sectors:2",
        "sectors:3",
    }
    # Under a heading, a table's rows, to the next heading.
    got = ids(search(index, "claims by location"))
    assert set(got) == {"theft:2", "theft:3", "theft:4", "theft:5"}
    # A row is no heading of the rows under it, even with no figures.
    assert ids(search(index, "Toronto")) == ["theft:4"]
    # Under a heading, a bulleted list's items, to the next paragraph that is none.
    got = ids(search(index, "incentives for new investment"))
    assert got[0] == "brochure:2" and set(got[1:]) == {"brochure:3", "brochure:4"}
    # A sentence that announces so many points: the sentences that give them in turn.
    got = ids(search(index, "Quebec priorities for the review"))
    assert got[0] == "quebec:1" and set(got[1:]) == {"quebec:2", "quebec:3", "quebec:4", "quebec:5"}
    # ... and its lines of a name and a value, to the first sentence.
    got = ids(search(index, "contact"))
    assert got[0] == "brochure:6" and set(got[1:]) == {"brochure:7", "brochure:8"}
    assert ids(search(index, "Quebec pending")) == ["deals:3"]
    # A heading's first sentence goes on from it, not the sentence after that.
    assert ids(search(index, "next session")) == ["record:2", "record:3"]
    got = ids(search(index, "limitations of the study"))
    assert got[0] == "study:1" and set(got[1:]) == {"study:2", "study:3"}
    # A chart's caption is followed by its source, which does not go on from it.
    assert ids(search(index, "lumber prices")) == ["chart:2"]
    # A table's caption, figures and all, is its heading: its rows say what it is about.
    assert ids(search(index, "aluminum exports to the United States"))[:1] == ["memo:5"]


def test_a_table_row_has_the_words_of_its_header_row(make_corpus):
    index = open_index(
        make_corpus(
            {
                "ratings.txt": "Ratings and outlooks\n\n"
                "Issuer | Rating | Outlook\n\n"
                "Canada | AAA | Stable\n\n"
                "State of Guanajuato | BBB+ | Negative",
                "news.txt": "Guanajuato's governor visited Calgary.",
                "trade.txt": "Partner | Canadian exports, 2024 | Canadian imports, 2024\n"
                "United States | 603.5 | 391.2\n"
                "China | 32.7 | 89.4\n"
                "Exports to China fell.",
            }
        )
    )
    # The row says Guanajuato, its header says rating: the row answers, before the sentence
    # that only names Guanajuato.
    assert ids(search(index, "Guanajuato credit rating"))[:1] == ["ratings:4"]
    assert ids(search(index, "how much does Canada import from China"))[:1] == ["trade:3"]
    # Each row has the header's words it lacks; the header row and the lines after the table
    # have none, nor the rows under a first line with amounts (a row, not a header).
    parsed = parse_document(
        "x.txt",
        "Port | Units | Due\nLacolle | 2 | Dec. 18\nNote.\nPort | 12 | 14\nLacolle | 3 | 5\nEnd.",
        Analysers(),
    )
    assert [p.header for p in parsed] == [[], ["port", "unit", "due"], [], [], [], []]
    # A table's title, the heading above its header row, says what its rows are too; a lone
    # line with bars is a masthead, no header.
    parsed = parse_document(
        "x.txt",
        "Table 2: Wire rod imports\nSource | 2024\nMexico | 38,600\nNote.\nPort | Lane\nEnd.",
        Analysers(),
    )
    title_and_header = ["tabl", "2", "wire", "rod", "import", "sourc", "2024"]
    assert [p.header for p in parsed] == [[], [], title_and_header, [], [], []]


def test_who_wrote_an_article_is_its_credit_line(make_corpus):
    index = open_index(
        make_corpus(
            {
                "plan.txt": "Lesson Plan: The Joint Review in Class\n"
                "Prepared by: Mr. D. Okonkwo, Social Sciences\n"
                "Students read the lesson plan aloud.",
                "brief.txt": "THE CONTINENTAL BRIEF\n"
                "Steel mills ran at 70 per cent.\n"
                "— Tamsin Ruiz, editor",
                "wire.txt": "Lesson plans reach schools\nBy Ana Soto\nSchools got the plans.",
            }
        )
    )
    # The credit line of the article the query names, not of another one.
    assert ids(search(index, "who wrote the lesson plan"))[:1] == ["plan:2"]
    assert ids(search(index, "who edits the Continental Brief"))[:1] == ["brief:3"]
    assert ids(search(index, "authors of the lesson plan"))[:1] == ["plan:2"]
    assert ids(search(index, "who compiled the lesson plan"))[:1] == ["plan:2"]
    # No question of who, no credit line: the verb is a word like any other.
    assert parse_query(index, "who prepared the lesson plan").credit
    assert not parse_query(index, "lesson plan prepared").credit
    assert not parse_query(index, "who wrote").credit


def test_who_wrote_a_thing_no_fact_names_is_the_credit_line_of_its_article(make_corpus):
    index = open_index(
        make_corpus(
            {
                "op.txt": "OPINION\nBy Jane Roe\nCanada should hold firm in the review.",
                "news.txt": "Steel exports fell\nBy Tom Poe\nSteel exports fell 5 per cent.",
            }
        )
    )
    # No fact says "column": the byline of the article with the query's other word answers.
    assert ids(search(index, "who wrote the opinion column")) == ["op:2"]
    # Not a credit question: nothing, as before.
    assert ids(search(index, "opinion column ratings")) == []


def test_who_holds_a_role_is_the_line_that_gives_it(make_corpus):
    index = open_index(
        make_corpus(
            {
                "debate.txt": "Leaders' Debate on Trade and Jobs\n"
                "Moderator: Anneliese Obuya-Fraser, chief political correspondent\n"
                "The leaders argued about steel tariffs for an hour.",
                "report.txt": "Report of the Standing Committee on International Trade\n"
                "The committee heard 31 witnesses on the steel surtax.\n"
                "Hon. Marguerite Lalonde-Achebe, M.P., Chair",
                "blog.txt": "LIVE: Carney and Sheinbaum meet on the debate over steel\n"
                "The leaders spoke for two hours.",
            }
        )
    )
    assert ids(search(index, "who moderated the leaders' debate"))[:1] == ["debate:2"]
    assert ids(search(index, "who chairs the trade committee"))[:1] == ["report:3"]
    # A line's label is a role only before a name: "LIVE: Carney and ..." is a headline.
    headline = search(index, "LIVE Carney Sheinbaum", limit=1).hits[0].fact
    assert not _gives_role(parse_query(index, "who live blog"), headline)
    moderator = search(index, "Moderator Anneliese", limit=1).hits[0].fact
    assert _gives_role(parse_query(index, "who moderated"), moderator)


def test_a_role_in_brackets_after_a_name_gives_it(make_corpus):
    index = open_index(
        make_corpus(
            {
                "hearing.txt": "Standing Senate Committee on Foreign Affairs and Trade\n"
                "The committee met this day to examine trade with Mexico.\n"
                "Senator Hélène Marchbank-Oyelowo (Chair) in the chair.\n"
                "Priya Castellanos-Whitby, Global Affairs Canada: Thank you, Madam Chair.",
            }
        )
    )
    result = search(index, "who chairs the Senate foreign affairs and trade committee")
    assert ids(result)[:1] == ["hearing:3"]
    # Not a bracket that is no role's: a currency, a name's initials, a caption's place.
    for text in (
        "Exports rose to C$4 billion (US$2.9 billion).",
        "Bank of Canada (BoC) said.",
        "Jane Doe (left) and John Roe (right) at the hearing on Tuesday.",
    ):
        fact = Fact("x.txt", 1, 1, 0, len(text), text)
        assert not _gives_role(parse_query(index, "who chairs the committee"), fact)
        assert not _gives_role(parse_query(index, "who left the hearing"), fact)


def test_a_table_cell_gives_a_role_too(make_corpus):
    index = open_index(
        make_corpus(
            {
                "show.txt": "THE LOADING DOCK\n"
                "Released Dec. 10, 2025 | 52 min | Hosted by Dana Okonkwo-Reyes\n"
                "Subscribe to The Loading Dock wherever you get your podcasts.",
            }
        )
    )
    assert ids(search(index, "who hosts The Loading Dock podcast"))[:1] == ["show:2"]


def test_a_place_is_no_role(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Canada's trade minister is Dominic LeBlanc.\n\n"
                "President Sheinbaum met the minister in Ottawa, Canada.\n",
            }
        )
    )
    # "..., Canada" ends a sentence with a place, not a signature with a role.
    assert ids(search(index, "who is Canada's trade minister"))[:1] == ["a:1"]


def test_the_rest_of_a_turn_goes_on_with_the_speaker_the_query_names(make_corpus):
    index = open_index(
        make_corpus(
            {
                "hansard.txt": "Mr. Aucoin: Mr. Speaker, the team seized 41 kilograms of drugs. "
                "The budget was cut.\n"
                "The Speaker: Second supplementary.\n"
                "Ms. Lee: Mr. Speaker, the team needs more money. Will the minister act?",
                "radio.txt": "SANDHU: We shipped 310 million board feet. Sales tripled. "
                "HOST: Thanks. Next, the weather.",
                # A dateline or a heading before a colon is no speaker.
                "wire.txt": "OTTAWA: The government raised tariffs. Dairy farmers protested.",
                "report.txt": "Steel: Exports fell 9% in March. Aluminium shipments rose.",
                "brief.txt": "Border Security: Wait times rose. Dairy quotas were unchanged.",
            }
        )
    )
    assert ids(search(index, "border security")) == ["brief:1"]
    assert ids(search(index, "Ottawa tariffs")) == ["wire:1"]
    assert ids(search(index, "steel exports")) == ["report:1"]
    assert ids(search(index, "Aucoin")) == ["hansard:1", "hansard:2"]
    # A turn ends at the next label, even in the same paragraph.
    assert ids(search(index, "sandhu")) == ["radio:1", "radio:2"]
    # A word of the label that is not the query's does not carry the turn.
    assert "hansard:2" not in ids(search(index, "seized drugs kilograms"))


def test_a_post_goes_on_from_a_header_that_names_its_author(make_corpus):
    index = open_index(
        make_corpus(
            {
                "thread.txt": "Thread: Selling canola to Mexico?\n\n"
                "Reply 1 · prairie_grower · Regina · March 3, 2026\n\n"
                "We ship canola oil to Jalisco. The paperwork took a week.\n\n"
                "Reply 2 · Dana_Ortiz · March 4, 2026\n\n"
                "Rail rates rose in March.",
                "news.txt": "Canola exports rise\n\n"
                "Minister Dominic LeBlanc arrives in Washington on March 3\n\n"
                '"We cannot absorb this," one mill owner said. Exports fell 12 per cent.',
                "forum.txt": "Thread: Canola?\n\nReply 1 · Minister Dominic LeBlanc · March 3\n\n"
                "We will press Washington on canola.",
            }
        )
    )
    # A user name is found by its words; the post under its header speaks as its author.
    assert ids(search(index, "prairie grower")) == ["thread:2", "thread:3", "thread:4"]
    # A post that speaks as no one (no I, we, you) is not said to be its author's.
    assert ids(search(index, "Dana Ortiz")) == ["thread:5"]
    # Nor is a news story its caption's, even with a quote that says "we"; a person named on a
    # post's header line is its author.
    assert set(ids(search(index, "LeBlanc"))) == {"forum:2", "forum:3", "news:2"}


def test_he_said_in_the_next_paragraph_goes_on_with_the_person_named_before(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Dr. Tomás Rocha, the association's agronomist, said the autumn was dry.\n"
                "He said a smaller crop would not threaten supplies.\n"
                "Canola exports fell in March.\n"
                "He said prices would recover.",
            }
        )
    )
    assert ids(search(index, "Tomas Rocha")) == ["a:1", "a:2"]
    # After a sentence that names no one, "He" is no one the answer names.
    assert ids(search(index, "canola exports")) == ["a:3"]


def test_a_question_counts_a_little_less_than_a_statement_with_the_same_words(make_corpus):
    index = open_index(
        make_corpus({"a.txt": "Is the steel quota full?", "b.txt": "The steel quota is full."})
    )
    result = search(index, "steel quota")
    assert ids(result) == ["b:1", "a:1"] and result.hits[1].score < result.hits[0].score


def test_a_heading_counts_a_little_less_than_a_sentence_with_the_same_words(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Lumber Duties and Cargo Theft",
                "b.txt": "Lumber duties rose again.",
                # A list item that pairs a name with a value says something: no heading.
                "c.txt": "Lumber duties — 45 per cent",
            }
        )
    )
    result = search(index, "lumber duties")
    assert ids(result)[-1] == "a:1" and result.hits[-1].score < result.hits[-2].score
    assert {"b:1", "c:1"} == set(ids(result)[:2])


def test_the_floor_expression_finds_exactly_the_facts_above_the_floor(make_corpus):
    words = ["steel", "quota", "canada", "mexico", "export", "border", "review", "security"]
    rng = random.Random(7)
    lines = [" ".join(rng.sample(words, rng.randint(1, 6))) + "." for _ in range(150)]
    index = open_index(make_corpus({"a.txt": "\n".join(lines)}))
    every = dict(index.terms_by_ids(range(1, len(lines) + 1)))
    for n in (2, 4, 6, 8):
        query = parse_query(index, " ".join(words[:n]))
        expr = floor_expression(query)
        assert expr is not None
        got = {rowid for rowid, _ in index.candidates(expr, 10_000, False)}
        want = set()
        for rowid, terms in every.items():
            # Each concept the fact has, by its word or by its topic, at its best quality.
            present = set(terms.split())
            have = {
                i: max(q for t, (_, q) in c.alternatives.items() if t in present)
                for i, c in enumerate(query.concepts)
                if present & c.alternatives.keys()
            }
            share = sum(query.concepts[i].weight * q for i, q in have.items()) / query.total_weight
            if reaches_floor(share, len({query.thing(i) for i in have}), query):
                want.add(rowid)
        # (Factored for speed, "(a AND (b OR c)) OR d", it still means its minimal sets.)
        assert got == want and 0 < len(want) < len(lines)


def test_when_is_answered_by_a_date_before_a_year_alone(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Our 2026 budget assumes the joint review ends the joint review talks.\n"
                "The joint review opens in Ottawa on July 1.",
            }
        )
    )
    assert ids(search(index, "when is the joint review")) == ["a:2", "a:1"]


def test_what_year_is_answered_by_a_year_as_well_as_by_a_date(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "The steel safeguard took effect in 2019.\n"
                "On March 3 officials said the steel safeguard may take effect again.",
            }
        )
    )
    assert ids(search(index, "what year did the steel safeguard take effect"))[0] == "a:1"


def test_the_words_of_one_name_are_one_thing_asked_about(make_corpus):
    filler = " ".join(f"Mills in town {i} shipped steel to Ohio." for i in range(8))
    corpus = {
        "a.txt": "Ferrum Nordique opened a sales office in Monterrey. " + filler,
        "b.txt": "Quarterly steel shipments fell. " + filler,
    }
    index = open_index(make_corpus(corpus))
    # The fact names the company and nothing else the query asks: one thing of three.
    assert search(index, "Ferrum Nordique quarterly earnings").hits == []
    assert ids(search(index, "Ferrum Nordique sales office"))[:1] == ["a:1"]
    # Written as two words of a sentence, not as a name, they are two things.
    plain = {**corpus, "a.txt": "The ferrum nordique alloy opened markets in Monterrey. " + filler}
    index = open_index(make_corpus(plain))
    assert ids(search(index, "ferrum nordique quarterly earnings"))[:1] == ["a:1"]


@pytest.mark.parametrize(
    ("typed", "word", "slip"),
    [
        ("stel", "steel", True),  # a letter left out
        ("tarfif", "tariff", True),  # a key next to the right one
        ("fentanil", "fentanyl", True),  # a letter of the same sound
        ("reveiw", "review", True),  # two letters swapped
        ("prevent", "present", False),  # another word: v is far from s
        ("price", "prime", False),
    ],
)
def test_a_one_letter_typo_is_a_slip_of_the_keys_or_the_ear(typed, word, slip):
    assert _slip_of_key(typed, word) is slip


def test_a_real_word_the_corpus_lacks_is_not_read_as_another(make_corpus):
    idx = open_index(
        make_corpus({"a.txt": "Prices were present at the meeting. Prime costs rose."})
    )
    assert ids(search(idx, "prevent")) == []
    assert ids(search(idx, "presemt")) == ["a:1"]  # m is next to n


def test_a_word_two_letters_longer_is_not_a_typo_of_a_shorter_one(make_corpus):
    idx = open_index(make_corpus({"a.txt": "The forest fire spread. Tariffs rose."}))
    assert ids(search(idx, "forecast")) == []  # two letters more than "forest"
    assert ids(search(idx, "forrest")) == ["a:1"]  # one more
    assert ids(search(idx, "tarrifs")) == ["a:2"]  # one for another, as long


def test_what_share_is_answered_by_a_percent_of_something_before_a_change(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "Ontario's exports to Mexico rose 7 per cent in 2025.\n\n"
                "Mexico took about 2 per cent of Ontario's exports last year.\n"
            }
        )
    )
    assert ids(search(idx, "what share of Ontario's exports go to Mexico")) == ["a:2", "a:1"]
    # Without the question, the change comes first: it is the earlier fact.
    assert ids(search(idx, "Ontario exports Mexico")) == ["a:1", "a:2"]


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("Mexico took 2 per cent of Ontario's exports.", True),
        ("Vehicles and parts — 96 per cent", True),
        ("Exports rose 21 per cent in 2025.", False),
        ("Exports rose by an increase of 7.4 per cent.", False),
        ("It faces a duty of 14 per cent on blueberries.", False),
        ("It faces a 25 percent tariff.", False),
    ],
)
def test_a_percent_reads_as_a_share_unless_a_change_or_a_rate(text, share):
    fact = Fact("a.txt", 1, 1, 0, len(text), text, figures=tuple(extract_figures(text)))
    assert _gives_share(fact) is share


def test_when_is_answered_in_part_by_a_time_told_from_the_one_before(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "Ottawa imposed counter-tariffs on steel.\n\n"
                "The next day, Ottawa imposed counter-tariffs on steel.\n"
            }
        )
    )
    assert ids(search(idx, "when did Ottawa impose counter-tariffs on steel")) == ["a:2", "a:1"]


@pytest.mark.parametrize(
    ("text", "flows"),
    [
        ("U.S. farm exports to Mexico rose.", [({"usa"}, {"mexico"})]),
        (
            "Mexico's exports to the United States rose 6 per cent to US$534 billion.",
            [({"mexico"}, {"usa", "unit", "state"})],
        ),
        (
            "Exports from Ontario to Texas fell 3 per cent to C$2 billion.",
            [({"ontario"}, {"texa"})],
        ),
        ("Canada imports steel from Mexico, and sells lumber.", [({"mexico"}, {"canada"})]),
        ("The plant closed in March.", []),
        # A tariff is paid on goods coming in: from what it is on, to who imposes it.
        ("Canada's 25 per cent surtax on U.S. aluminum remains.", [({"usa"}, {"canada"})]),
        ("A 25% tariff applies to Mexican trucks.", [({"mexican"}, set())]),
        ("A 25% tariff applies to the non-U.S. content of cars.", []),  # names no party
        ("U.S. Safeguard Duty on Fresh Blueberries Starts", []),  # a title's capitals
    ],
)
def test_trade_flows_read_which_way_goods_go(text, flows):
    lex = Analysers.build(None).lexicon
    assert [
        (set(f.source), set(f.destination)) for f in trade_flows(lex, text, proper=True)
    ] == flows


def test_a_fact_whose_trade_goes_the_other_way_comes_after(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "U.S. exports to Mexico reached $30 billion in 2025.\n\n"
                "In 2025, Mexico's exports to its northern neighbour, the U.S., reached "
                "$534 billion.\n"
            }
        )
    )
    assert ids(search(idx, "how much did Mexico export to the US in 2025")) == ["a:2", "a:1"]
    assert ids(search(idx, "how much did the US export to Mexico in 2025"))[:1] == ["a:1"]


def test_a_tariff_asked_for_by_who_imposes_it_puts_that_one_first(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "Canada's 25 per cent surtax on U.S. aluminum remains in place.\n\n"
                "U.S. tariffs of 50 per cent on Canadian aluminum remain in place.\n"
            }
        )
    )
    assert ids(search(idx, "US tariff on aluminum")) == ["a:2", "a:1"]
    assert ids(search(idx, "US tarrif on alumium")) == ["a:2", "a:1"]  # typed with slips
    assert ids(search(idx, "Canadian tariff on US aluminum")) == ["a:1", "a:2"]


def test_how_high_a_tariff_is_is_said_best_by_a_percent(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "The lumber tariff covers C$4 billion of exports.\n\n"
                "The lumber tariff is 10 per cent.\n"
            }
        )
    )
    assert ids(search(idx, "how high is the lumber tariff")) == ["a:2", "a:1"]
    assert ids(search(idx, "how much is covered by the lumber tariff")) == ["a:1", "a:2"]


def test_what_happens_if_is_answered_by_a_condition(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "A party may extend the pact.\n\n"
                "If one party does not extend it, the pact is reviewed every year until 2036.\n"
            }
        )
    )
    question = "what happens if a party does not extend the pact"
    assert parse_query(idx, question).intent == "condition"
    assert ids(search(idx, question)) == ["a:2", "a:1"]
    # Without the question, the shorter fact comes first.
    assert ids(search(idx, "party extend the pact")) == ["a:1", "a:2"]


def test_a_review_that_opens_starts(make_corpus):
    idx = open_index(
        make_corpus({"a.txt": "The joint review, which opens on July 1, may end in talks.\n"})
    )
    assert ids(search(idx, "when does the review start")) == ["a:1"]
    assert ids(search(idx, "when does the review end")) == ["a:1"]
    assert ids(search(idx, "when does the review stop")) == []


def test_a_demand_is_what_someone_wants_or_asks_for(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "Washington wants a higher content rule in the review.\n\n"
                "The review opens in July.\n"
            }
        )
    )
    assert ids(search(idx, "US demands in the review")) == ["a:1"]


def test_how_long_did_it_last_asks_for_a_duration_not_the_word_last(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "Last year the meeting was held in Ottawa.\n\n"
                "The meeting went on for six hours.\n\n"
                "A working visit of six hours followed in May.\n"
            }
        )
    )
    assert parse_query(idx, "how long did the meeting last").intent == "duration"
    assert ids(search(idx, "how long did the meeting last"))[:1] == ["a:2"]
    # A visit is a meeting too, at a lower quality than the word itself.
    assert "a:3" in ids(search(idx, "how long did the meeting last"))


def test_a_fee_is_what_something_costs(make_corpus):
    idx = open_index(make_corpus({"a.txt": "Membership costs $30 a year per family."}))
    assert ids(search(idx, "membership fee")) == ["a:1"]


@pytest.mark.parametrize("query", ["when did the leaders meet", "where did the leaders meet"])
def test_the_leaders_are_the_prime_minister_and_the_president(make_corpus, query):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Negotiators will meet every four weeks.\n"
                "Prime Minister Mark Carney and President Claudia Sheinbaum met in Mexico City "
                "on Dec. 11, 2025.",
            }
        )
    )
    assert ids(search(index, query))[:1] == ["a:2"]


def test_a_name_alone_does_not_answer_what_the_corpus_never_says_of_it(make_corpus):
    goods = ["canola", "pork", "lumber", "aluminum", "wheat", "beef", "potash", "copper"]
    others = [f"Exports of {g} rose in month {i + 1}." for i, g in enumerate(goods)]
    others += [f"Truck waits at crossing {i} grew by {i + 3} minutes." for i in range(16)]
    text = (
        "I have worked at Soo Plate Strip for 22 years.\n\n"
        "Soo Plate Strip ships steel to Mexico.\n\n" + "\n\n".join(others) + "\n\n"
        "The union met on Monday.\n"
    )
    index = open_index(make_corpus({"a.txt": text}))
    # No fact says "strike": naming the company is no answer.
    assert not {"a:1", "a:2"} & set(ids(search(index, "Soo Plate Strip strike union")))
    # Where the corpus has every word, the name still finds its facts.
    assert ids(search(index, "Soo Plate Strip steel shipments"))[:2] == ["a:2", "a:1"]


def test_a_place_and_a_month_alone_do_not_answer_what_the_corpus_never_names(make_corpus):
    goods = ["canola", "pork", "lumber", "aluminum", "wheat", "beef", "potash", "copper"]
    others = [f"Exports of {g} rose in month {i + 1}." for i, g in enumerate(goods)]
    text = (
        "A trade mission visits Guadalajara in April.\n\n"
        "Pork exports to Guadalajara doubled in 2025.\n\n" + "\n\n".join(others) + "\n"
    )
    index = open_index(make_corpus({"a.txt": text}))
    # No fact says "weather": the mission's place and month are no answer.
    assert ids(search(index, "Guadalajara weather in April")) == []
    # A query the corpus has every word of is answered by them.
    assert ids(search(index, "Guadalajara trade mission in April"))[:1] == ["a:1"]


@pytest.mark.parametrize("word", ["deficit", "imbalance"])
def test_a_trade_deficit_the_corpus_never_names_is_found_in_its_exports_and_imports(
    make_corpus, word
):
    facts = {
        "a.txt": "Canada's exports to Japan rose 8 per cent.\n\n"
        "Canada exported C$9.8 billion of goods to Mexico and imported C$46.0 billion.\n",
    }
    assert ids(search(open_index(make_corpus(facts)), f"Canada trade {word} with Mexico")) == [
        "a:2"
    ]
    if word != "deficit":
        return
    # Where the corpus says "deficit", that word answers, and exports alone do not.
    facts["b.txt"] = "Canada ran a trade deficit of C$36 billion with Mexico.\n"
    hits = ids(search(open_index(make_corpus(facts)), "Canada trade deficit with Mexico"))
    assert hits == ["b:1"]


def test_a_negative_condition_is_answered_by_the_negative_case(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "If all three countries agree, the pact is extended for 16 years.\n\n"
                "If one country does not agree to extend it, the pact is reviewed every year.\n",
            }
        )
    )
    assert parse_query(idx, "what happens if the pact is not extended").negated
    assert ids(search(idx, "what happens if the pact is not extended")) == ["a:2", "a:1"]
    assert not parse_query(idx, "what happens if the pact is extended").negated


def test_the_other_case_of_a_condition_goes_on_from_it_in_the_next_item(make_corpus):
    idx = open_index(
        make_corpus(
            {
                "a.txt": "• If all three confirm, the agreement is extended for 16 years\n"
                "• If not, annual reviews follow until 2036\n"
                "• Annual reviews cost money\n",
            }
        )
    )
    # The negative case, which goes on from the first item, answers first: it says "not".
    assert ids(search(idx, "what happens if the agreement is not extended")) == ["a:2", "a:1"]


def test_closures_are_not_things_close_by(make_corpus):
    near = open_index(
        make_corpus(
            {
                "a.txt": "Warehouses sit close to the border at Windsor.",
                "b.txt": "Trucks waited four hours at the border.",
            }
        )
    )
    assert ids(search(near, "border closures")) == []
    shut = open_index(make_corpus({"c.txt": "The sawmill was shut down in November."}))
    assert ids(search(shut, "sawmill closures")) == ["c:1"]


@pytest.mark.parametrize(
    "query",
    ["what is a tariff", "what's a tariff?", "what does tariff mean", "define tariff"],
)
def test_what_is_a_thing_is_answered_by_the_line_that_says_what_it_is(make_corpus, query):
    index = open_index(
        make_corpus(
            {
                "news.txt": "Tariffs: the 35% U.S. tariff on Canadian goods weighed on trade.\n"
                "Surtax: Canada's word for its counter-tariffs.\n"
                "The U.S. tariff on steel rose to 50% in June.",
                "explainer.txt": "A tariff is a tax on imported goods, paid by the importer.",
            }
        )
    )
    result = search(index, query)
    assert result.query.intent == "definition"
    assert ids(result)[:1] == ["explainer:1"]


def test_a_longer_what_is_question_is_no_definition(make_corpus):
    index = open_index(make_corpus({"a.txt": "The dumping margin for China is 23.5%."}))
    assert parse_query(index, "what is the dumping margin for China").intent is None


def test_a_country_is_named_in_part_by_its_places(make_corpus, tmp_path):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Officers seized 6 kg of fentanyl at the border crossing in 2025. "
                "Federal forces seized 214 kg of fentanyl in Sinaloa in November.",
                "b.txt": "Mexico's cabinet met on Monday.",
            }
        )
    )
    result = search(index, "fentanyl seized in Mexico")
    # Sinaloa is in Mexico: its fact comes first, and says which word answered "Mexico".
    assert ids(result)[:2] == ["a:2", "a:1"]
    assert ("mexico", "Sinaloa") in {(m.query, m.text) for m in result.hits[0].matches}
    # Only the country's places: a province of Canada is no part of Mexico.
    assert "sinaloa" not in index.analysers.lexicon.places_in("canada")
    # A place is no country: a query for it does not find the country's other facts.
    assert ids(search(index, "Sinaloa")) == ["a:2"]
    lex = index.analysers.lexicon
    # A place's stem that is a common word's is left out ("Kitchener" is "kitchen").
    assert "kitchen" not in lex.place_terms and "main" not in lex.place_terms


def test_a_capital_names_its_government_not_its_countrys_places(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Alberta imposed a pause on U.S. liquor sales in March.",
                "b.txt": "The Canadian government imposed counter-tariffs in March.",
            }
        )
    )
    # "Ottawa" is the government (a synonym of Canadian), not Alberta.
    result = search(index, "what did Ottawa impose in March")
    assert ids(result)[:1] == ["b:1"]
    assert all(m.text != "Alberta" for h in result.hits for m in h.matches)


def test_a_users_places_add_to_a_countrys(make_corpus, tmp_path):
    corpus = make_corpus(
        {
            "a.txt": "Steel plant jobs grew in Ohio.",
            "b.txt": "Steel plant jobs grew in Apodaca. Mexico welcomed the news.",
        }
    )
    topics = tmp_path / "topics.toml"
    topics.write_text('[places]\nMexico = ["Apodaca"]\n', "utf-8")
    # The bundled table does not know Apodaca: the two facts tie, in document order.
    assert ids(search(open_index(corpus), "steel plant jobs Mexico"))[:2] == ["a:1", "b:1"]
    with_places = open_index(corpus, topics_file=topics)
    assert ids(search(with_places, "steel plant jobs Mexico"))[:2] == ["b:1", "a:1"]
    # The bundled places of Mexico stay.
    assert "sinaloa" in with_places.analysers.lexicon.places_in("mexico")


def test_a_place_makes_no_answer_on_its_own(make_corpus):
    # A place counts for its country only in a fact that is an answer by its other words: it
    # widens no match ("Toronto" alone does not answer half of "Canada tariffs").
    index = open_index(make_corpus({"a.txt": "Tariffs rose in Toronto.", "b.txt": "Canada."}))
    assert ids(search(index, "Canada tariffs dairy")) == []
    assert ids(search(index, "Canada tariffs")) == ["a:1", "b:1"]


def test_a_name_given_in_full_then_by_its_last_word_is_the_same_name(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "The leaders signed the Querétaro Joint Declaration on Tuesday.\n"
                "The Declaration also sets a goal of C$82 billion in trade by 2030.\n"
                "Under the Declaration, a task force on cargo theft meets in January.",
                # No full name here: its "Declaration" may be another one.
                "b.txt": "The Declaration of the ministers names no figure.",
                # A title-case headline's words are no name given in full.
                "c.txt": "Leaders Hail Querétaro Joint Declaration Deal\n"
                "The Declaration was short.",
            }
        )
    )
    result = search(index, "Querétaro Joint Declaration")
    assert ids(result)[:2] == ["a:1", "c:1"]
    # The short name's facts have the name's other words at SUBJECT quality, not in full.
    assert sorted(ids(result)[2:]) == ["a:2", "a:3"]
    assert result.hits[2].score < result.hits[1].score
    # A last word that goes on with "of" and a capital names another thing: the Bank of Canada
    # is not the Business Development Bank.
    bank = open_index(
        make_corpus(
            {
                "bdc.txt": "The Business Development Bank lends to exporters.\n"
                "The Bank of Canada held its rates at 2.25%.\n"
                "The Bank raised its rates for small loans.",
            }
        )
    )
    shortened = short_names(bank, parse_query(bank, "Business Development Bank rates"))
    said = [f.text for f in bank.facts_by_ids(list(shortened)).values()]
    assert said == ["The Bank raised its rates for small loans."]


def test_commerce_is_trade_and_a_hold_up_is_a_delay(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Two-way trade reached C$58 billion in 2024.\n\n"
                "Trucks faced delays at the Laredo crossing.\n\n"
                "The ministers met in Ottawa.\n",
                "b.txt": "Hold-ups at the bridge cost carriers money.\n",
            }
        )
    )
    assert ids(search(index, "bilateral commerce in 2024")) == ["a:1"]
    # Written as typed it is found first, and its synonym after it; a hold-up is a delay.
    assert ids(search(index, "hold-ups")) == ["b:1", "a:2"]
    assert set(ids(search(index, "delays"))) == {"a:2", "b:1"}
