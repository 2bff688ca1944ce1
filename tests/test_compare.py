"""Corroboration and conflicts: what sources confirm, and where they contradict each other."""

from __future__ import annotations

from pathlib import Path

import pytest

from cantrade_cli import compare
from cantrade_cli.compare import relate
from cantrade_cli.index import open_index

from .conftest import validate

# Sentences on other things, so that the words of a tiny corpus weigh as in a real one.
FILLER = " ".join(f"Filler sentence number {i} says little of note." for i in range(12))
PLEDGE_000 = "000_f06eaa97497e30ce:3"
PLEDGE_003 = "003_e03bf9867b15315f:3"


@pytest.fixture
def seeds():
    return open_index(None)


def linked(index, fact_id):
    return {c.fact.id for c in relate(index, index.fact(fact_id)).corroborated_by}


def test_the_two_pledges_corroborate_each_other(seeds):
    assert PLEDGE_003 in linked(seeds, PLEDGE_000)
    assert PLEDGE_000 in linked(seeds, PLEDGE_003)


def test_the_2026_review_sentences_corroborate(seeds):
    assert "003_e03bf9867b15315f:6" in linked(seeds, "000_f06eaa97497e30ce:4")


def test_past_disputes_and_previous_tensions_corroborate(seeds):
    # "In past trade disputes, Canadian leaders had considered negotiating separately with the
    # United States" / "previous tensions ... bypass Mexico to secure a bilateral trade deal with
    # Washington": the same episode, in other words (synonym groups past/previous,
    # dispute/tension).
    assert "003_e03bf9867b15315f:5" in linked(seeds, "000_f06eaa97497e30ce:7")
    assert "000_f06eaa97497e30ce:7" in linked(seeds, "003_e03bf9867b15315f:5")


def test_a_year_over_year_comparison_is_not_a_shared_statement():
    # "earlier" is not in the past/previous group: "over the previous year" and "than a year
    # earlier" frame two different figures (holdout8: Ontario's exports, the peso), not one claim.
    index = open_index(Path(__file__).parent / "data" / "holdout8" / "articles")
    exports = index.fact("800_ontario_export_mexico:4")
    assert "previous year" in exports.text
    assert "802_bank_trade_monitor:8" not in {
        c.fact.id for c in relate(index, exports).corroborated_by
    }


def test_facts_that_merely_mention_mexico_are_not_linked(seeds):
    # "Economically, Canada and Mexico see untapped potential" shares only common words.
    assert linked(seeds, "000_f06eaa97497e30ce:12") == set()


def test_the_day_of_the_meeting_is_a_conflict_both_ways(seeds):
    a, b = "000_f06eaa97497e30ce:1", "003_e03bf9867b15315f:1"
    from_a = [c for c in relate(seeds, seeds.fact(a)).conflicts if c.fact.id == b]
    from_b = [c for c in relate(seeds, seeds.fact(b)).conflicts if c.fact.id == a]
    assert [c.about for c in from_a] == ["weekday"] == [c.about for c in from_b]
    assert from_a[0].this == "Wednesday" and "Thursday" in from_a[0].other
    assert "2025-12-18" in from_b[0].this and from_b[0].other == "Wednesday"


def test_no_other_conflicts_between_the_seeds(seeds):
    found = {(f.id, c.fact.id) for f in seeds.facts() for c in relate(seeds, f).conflicts}
    assert found == {
        ("000_f06eaa97497e30ce:1", "003_e03bf9867b15315f:1"),
        ("003_e03bf9867b15315f:1", "000_f06eaa97497e30ce:1"),
    }


def test_different_rates_for_the_same_tariff_conflict(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Washington imposed a 50% tariff on Canadian steel imports on Monday.",
                "b.txt": "Washington imposed a 25% tariff on Canadian steel imports on Monday.",
                "c.txt": "Washington imposed a 25% tariff on Mexican avocados in a separate move.",
            }
        )
    )
    rel = relate(index, index.fact("a:1"))
    assert [(c.fact.id, c.about, c.this, c.other) for c in rel.conflicts] == [
        ("b:1", "percent", "50%", "25%")
    ]


def test_the_same_word_beside_two_dates_over_a_name_makes_them_of_one_thing(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "The duty will apply to shipments entering the United States from "
                "Monday, May 4, 2026.",
                "b.txt": "The duty applies to fresh berries entered on or after May 11, 2026.",
                "z.txt": FILLER,
            }
        )
    )
    rel = relate(index, index.fact("a:1"))
    assert [(c.about, c.this, c.other) for c in rel.conflicts] == [
        ("date", "May 4, 2026", "May 11, 2026")
    ]


def test_amounts_of_different_countries_do_not_conflict(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Mexico shipped US$1.27 billion worth of fresh blueberries to the "
                "United States in 2025, up 19 percent.",
                "b.txt": "Canadian blueberry exports to the United States reached US$310 "
                "million in 2025, fresh and frozen combined.",
                "c.txt": "Mexico shipped US$1.1 billion worth of fresh blueberries to the "
                "United States in 2025, up 19 percent.",
                "z.txt": FILLER,
            }
        )
    )
    rel = relate(index, index.fact("a:1"))
    assert {"b:1", "c:1"} <= {c.fact.id for c in rel.corroborated_by}
    assert [(c.fact.id, c.this, c.other) for c in rel.conflicts] == [
        ("c:1", "US$1.27 billion", "US$1.1 billion")
    ]


def test_same_figures_do_not_conflict(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Officials met in Ottawa on March 3, 2025 to discuss the steel tariff.",
                "b.txt": "On March 3, 2025, officials met in Ottawa to discuss the steel tariff.",
            }
        )
    )
    rel = relate(index, index.fact("a:1"))
    assert [c.fact.id for c in rel.corroborated_by] == ["b:1"]
    assert rel.conflicts == []


def test_a_different_date_for_the_same_meeting_conflicts(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Ministers met in Ottawa on March 3, 2025 to discuss the steel tariff.",
                "b.txt": "Ministers met in Ottawa on March 5, 2025 to discuss the steel tariff.",
            }
        )
    )
    rel = relate(index, index.fact("b:1"))
    assert [(c.about, c.this, c.other) for c in rel.conflicts] == [
        ("date", "March 5, 2025", "March 3, 2025")
    ]


def test_dates_of_different_things_do_not_conflict_nor_do_dates_alone_corroborate(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "The February trade release is scheduled for Thursday, April 2, 2026.\n"
                "Vehicles from Mexico have faced a 25% tariff since April 3, 2025.",
                "b.txt": "The podcast was recorded on Thursday, February 19, 2026.\n"
                "Lumber shipments have paid a 25% tariff since October 14, 2025.",
            }
        )
    )
    assert relate(index, index.fact("a:1")).corroborated_by == []  # "Thursday ... 2026" only
    for fact in index.facts():
        assert relate(index, fact).conflicts == []


def test_a_weekday_is_checked_against_the_date_it_goes_with(make_corpus):
    index = open_index(
        make_corpus(
            {
                # March 4, 2026 is a Wednesday; "Thursday, March 4" takes the year of its article.
                "a.txt": "Trade ministers met for talks in Mexico City on Wednesday, "
                "March 4, 2026.",
                "b.txt": "Published March 1, 2026.\n"
                "Trade ministers met for talks in Mexico City on Thursday, March 4.",
                # "on Tuesday, February 17" is a Tuesday: no conflict with March 2 elsewhere.
                "c.txt": "Washington announced a power levy on Canadian electricity on Tuesday, "
                "February 17, 2026.",
                "d.txt": "Canadian electricity exporters will pay the power levy from "
                "March 2, 2026.",
            }
        )
    )
    conflicts = relate(index, index.fact("a:1")).conflicts
    assert [(c.fact.id, c.about) for c in conflicts] == [("b:2", "weekday")]
    assert "Thursday" in conflicts[0].other and "a Wednesday" in conflicts[0].other
    rel = relate(index, index.fact("c:1"))
    assert [c.fact.id for c in rel.corroborated_by] == ["d:1"] and rel.conflicts == []


def test_a_weekday_away_from_the_dates_of_its_sentence_is_the_meeting_s(make_corpus):
    index = open_index(
        make_corpus(
            {
                # Feb 12, 2026 is a Thursday; July 1 is the review's date, not the meeting's.
                "a.txt": "The 2026 review is near.\nMEXICO CITY, Feb 12 (Wire) - Trade ministers "
                "met on Thursday in Mexico City to prepare for the July 1 joint review.",
                "b.txt": "The 2026 review is near.\nTrade ministers met in Mexico City last "
                "Wednesday to prepare for the July 1 joint review.\nThey agreed to meet again "
                "in Ottawa on April 21.",
            }
        )
    )
    feb12 = next(f for f in index.fact("a:2").figures if f.text == "Feb 12")
    july1 = next(f for f in index.fact("a:2").figures if f.text == "July 1")
    # Thursday puts Feb 12 in 2026, and says nothing of July 1 (not July 1, 2027, a Thursday).
    assert feb12.value == "2026-02-12" and july1.value == "--07-01"
    conflicts = relate(index, index.fact("a:2")).conflicts
    assert [(c.fact.id, c.about) for c in conflicts] == [("b:2", "weekday")]
    assert "Feb 12" in conflicts[0].this and conflicts[0].other == "Wednesday"
    assert relate(index, index.fact("b:3")).conflicts == []  # another meeting


def test_an_earlier_value_or_another_place_s_share_is_no_conflict(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Mexico took about 2 per cent of Ontario's merchandise exports last year.",
                "b.txt": "About 85 per cent of Canada's exports to the U.S. qualify for "
                "duty-free entry, up from roughly 40 per cent early last year.",
                "c.txt": "Provincial exports fell 6.2 percent from the first quarter of 2025.",
                "d.txt": "The tariff cut steel exports by a quarter in its first six months.",
            }
        )
    )
    for fact in index.facts():
        assert relate(index, fact).conflicts == []


def test_a_date_both_facts_give_is_agreed_and_a_country_is_no_subject(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "LeBlanc and Ebrard signed a joint declaration before the USMCA review "
                "opens on July 1.\nCoahuila exports totalled US$52.3 billion in 2025, with 85% "
                "destined for the United States.",
                "b.txt": "LeBlanc and Ebrard signed a joint declaration on March 10 ahead of the "
                "USMCA review that opens July 1.\nEnergy exporters face a reduced 10% U.S. "
                "tariff on sales to the United States in 2025.",
            }
        )
    )
    for fact in index.facts():
        assert relate(index, fact).conflicts == []


def test_figures_of_other_countries_or_other_things_do_not_conflict(make_corpus):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Since June 4, 2025, the United States has charged a 50 percent tariff "
                "on Canadian steel and aluminum.\n"
                "Manitoba exports to Mexico rose 14 percent to C$412 million on canola sales.",
                "b.txt": "Ottawa lifted its tariffs on U.S. goods on September 1, 2025, but kept "
                "its 25 percent surtax on U.S. steel and aluminum.\n"
                "Canada's exports to Mexico rose 3.1 percent, to C$9.6 billion.",
            }
        )
    )
    # Steel of two countries; "U.S." next to both dates; "C$" after both rates.
    assert relate(index, index.fact("b:1")).corroborated_by  # alike enough to be compared
    for fact in index.facts():
        assert relate(index, fact).conflicts == []


def test_two_shared_words_are_a_subject_not_the_same_statement(make_corpus, monkeypatch):
    index = open_index(
        make_corpus(
            {
                "a.txt": "Lobster processors fear the new rules.\nOttawa held talks on steel.\n"
                "Mexico raised its tariff on pork.",
                "b.txt": "Lobster processors gathered for a picnic.\nWheat farmers met in Regina.",
            }
        )
    )
    # "lobster" and "processors" alone: similar enough by weight, but only two words.
    assert relate(index, index.fact("b:1")).corroborated_by == []
    monkeypatch.setattr(compare, "MIN_SHARED", 2)
    assert [x.fact.id for x in relate(index, index.fact("b:1")).corroborated_by] == ["a:1"]
    monkeypatch.undo()
    # Three shared words ("fear ... new rules" too) between other sources are a link.
    c = open_index(
        make_corpus(
            {
                "a.txt": "Lobster processors fear the new rules.",
                "b.txt": "Lobster processors in Halifax fear new rules.",
            }
        )
    )
    assert [x.fact.id for x in relate(c, c.fact("a:1")).corroborated_by] == ["b:1"]


def test_show_json_has_corroboration_and_conflicts(run):
    doc = run.json("show", "003_e03bf9867b15315f:1", "--json")
    validate(doc, "show")
    assert any(c["id"] == "000_f06eaa97497e30ce:1" for c in doc["conflicts"])
    conflict = next(c for c in doc["conflicts"] if c["id"] == "000_f06eaa97497e30ce:1")
    assert conflict["about"] == "weekday"
    assert all(0 <= c["similarity"] <= 1 for c in doc["corroborated_by"])


def test_show_json_figures_and_names_of_the_seeds(run):
    four = run.json("show", "003_e03bf9867b15315f:4", "--json")["fact"]
    assert sorted(f["value"] for f in four["figures"] if f["kind"] == "percent") == [25, 50]
    eleven = run.json("show", "003_e03bf9867b15315f:11", "--json")["fact"]
    assert [f["value"] for f in eleven["figures"] if f["kind"] == "money"] == [40_000_000_000]
    one = run.json("show", "003_e03bf9867b15315f:1", "--json")["fact"]
    assert [f["value"] for f in one["figures"] if f["kind"] == "date"] == ["2025-12-18"]
    people = {e["name"] for e in one["entities"] if e["kind"] == "person"}
    assert {"Mark Carney", "Claudia Sheinbaum"} <= people
    two = run.json("show", "000_f06eaa97497e30ce:2", "--json")["fact"]
    assert [(f["value"], f["unit"]) for f in two["figures"] if f["kind"] == "duration"] == [
        (8, "year")
    ]
    fourteen = run.json("show", "000_f06eaa97497e30ce:14", "--json")["fact"]
    assert [(f["value"], f["unit"]) for f in fourteen["figures"] if f["kind"] == "duration"] == [
        (30, "year")
    ]
    usmca = run.json("show", "000_f06eaa97497e30ce:4", "--json")["fact"]
    assert {e["name"] for e in usmca["entities"] if e["kind"] == "agreement"} == {"USMCA"}


def test_ask_results_carry_figures_and_entities(run):
    doc = run.json("ask", "how much is canada mexico trade worth", "--json")
    top = doc["results"][0]
    assert top["id"] == "003_e03bf9867b15315f:11"
    assert any(f["kind"] == "money" for f in top["figures"])
    assert any(e["name"] == "Canada" for e in top["entities"])


def test_compare_command(run):
    doc = run.json("compare", "--json")
    validate(doc, "compare")
    confirmed = {d["id"] for d in doc["confirmed"]}
    single = {d["id"] for d in doc["single_source"]}
    assert PLEDGE_000 in confirmed and PLEDGE_003 in confirmed
    assert not confirmed & single
    assert len(confirmed) + len(single) == 32
    assert [d["id"] for d in doc["conflicts"]] == ["000_f06eaa97497e30ce:1"]
    plain = run("compare")
    assert plain.exit_code == 0 and "conflict" in plain.stdout


def test_compare_selected_sources(run, make_corpus):
    folder = make_corpus(
        {
            "a.txt": "Washington imposed a 50% tariff on Canadian steel imports on Monday.",
            "b.txt": "Washington imposed a 25% tariff on Canadian steel imports on Monday.",
            "c.txt": "Washington imposed a 50% tariff on Canadian steel imports on Monday.",
        }
    )
    doc = run.json("compare", "--json", "--corpus", str(folder), "-s", "a", "-s", "b")
    assert doc["sources"] == ["a.txt", "b.txt"]
    assert [c["id"] for d in doc["conflicts"] for c in d["conflicts"]] == ["b:1"]
