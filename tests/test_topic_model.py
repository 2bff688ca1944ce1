"""The topic models' second reading of the rules' topics (topic_model.py)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

from cantrade_cli.models import Evidence
from cantrade_cli.pipeline import Analysers, parse_document
from cantrade_cli.topic_model import TopicModel, bundled_model, features

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import train_topic_model

ORDER = ["tariffs", "usmca_review", "security", "trade_volume"]


def doc(*sentences: str) -> tuple[list[str], list[list[tuple[str, int, int]]], list[list[str]]]:
    """Texts, tokens and terms, each word its own term (lower case), for ``reread``."""
    tokens = []
    for text in sentences:
        at, toks = 0, []
        for word in text.split():
            at = text.index(word, at)
            toks.append((word.lower(), at, at + len(word)))
            at += len(word)
        tokens.append(toks)
    return list(sentences), tokens, [[t for t, _, _ in toks] for toks in tokens]


def toy() -> TopicModel:
    # Two topics modelled: "crushers" alone makes trade_volume likely, and a rule's tariffs tag
    # with "trade pact" beside it is unlikely.
    return TopicModel(
        topics=("tariffs", "trade_volume"),
        bias=(-1.0, -1.0),
        weights={
            "rule=tariffs": (3.0, 0.0),
            "trade pact": (-4.0, 0.0),
            "crushers": (0.0, 2.5),
            "canola": (0.0, 0.3),
            "before=trade_volume": (0.0, 0.8),
        },
    )


def test_features_read_words_pairs_numbers_and_the_rules_topics():
    got = features(["steel", "50", "percent", "steel"], ("tariffs",), ("security",))
    assert sorted(got) == sorted(
        [
            "steel", "#", "percent", "steel", "steel #", "# percent", "percent steel",
            "rule=tariffs", "before=security",
        ]
    )  # fmt: skip


def test_the_fast_sums_are_the_features_weights():
    model = bundled_model()
    assert model is not None
    get = model.weights.get
    for terms, own, before in [
        (["steel", "tariff", "25", "percent", "steel", "tariff"], ("tariffs",), ()),
        (["truck", "cross", "border", "#"], (), ("security", "trade_volume")),
        (["export", "mexico", "grow", "12", "percent"], ("trade_volume",), ("tariffs",)),
        ([], (), ()),
    ]:
        slow = list(model.bias)
        for f in features(terms, own, before):
            for i, x in enumerate(get(f, (0.0,) * len(slow))):
                slow[i] += x
        assert model.sums(terms, own, before) == pytest.approx(slow)
        assert model.probabilities(features(terms, own, before)) == pytest.approx(
            [1 / (1 + math.exp(-z)) for z in slow]
        )


def test_a_model_adds_a_topic_with_the_words_that_weighed_for_it():
    tags = [((), ()), (("security",), (Evidence("security", "term", "border"),))]
    texts, toks, terms = doc("Mexican Crushers buy canola 40", "border")
    got = toy().reread(
        texts, toks, terms, [1, 2], tags, frozenset({"tariffs", "trade_volume"}), ORDER
    )
    assert got[0][0] == ("trade_volume",)
    (ev,) = got[0][1]
    assert ev.topic == "trade_volume" and ev.kind == "rule"
    # The words as written, most weight first; no number, nor the rules' topics, is named.
    assert ev.text.startswith("the topic model (0.8") and ev.text.endswith(": Crushers, canola")
    # A topic it does not model is left as the rules gave it.
    assert got[1] == tags[1]


def test_a_model_takes_away_a_rule_s_topic_it_finds_unlikely_and_its_evidence():
    rule = Evidence("tariffs", "term", "tariff")
    other = Evidence("security", "term", "border")
    tags = [(("tariffs", "security"), (rule, other)), (("tariffs",), (rule,))]
    texts, toks, terms = doc("trade pact border", "tariff steel")
    got = toy().reread(
        texts, toks, terms, [1, 1], tags, frozenset({"tariffs", "trade_volume"}), ORDER
    )
    assert got[0] == (("security",), (other,))
    assert got[1] == tags[1]  # likely: kept as it was, with the rule's evidence
    # Not modelled (the user's words are in it): left alone.
    assert (
        toy().reread(texts, toks, terms, [1, 1], tags, frozenset({"trade_volume"}), ORDER) == tags
    )


def test_the_fact_before_in_its_paragraph_is_read_with_the_rules_topics_it_had():
    tags = [(("trade_volume",), (Evidence("trade_volume", "rule", "x"),)), ((), ())]
    texts, toks, terms = doc("export", "canola crushers")
    model = toy()
    alone = model.probabilities(features(["canola", "crushers"], (), ()))[1]
    after = model.probabilities(features(["canola", "crushers"], (), ("trade_volume",)))[1]
    assert after > alone
    modelled = frozenset({"trade_volume"})
    got = model.reread(texts, toks, terms, [1, 1], tags, modelled, ORDER)
    assert f"({after:.2f})" in got[1][1][0].text
    # In another paragraph, the fact before is not read (as the rules do not read it).
    got = model.reread(texts, toks, terms, [1, 2], tags, modelled, ORDER)
    assert f"({alone:.2f})" in got[1][1][0].text


def test_a_pair_in_the_evidence_is_the_text_from_its_first_word_to_its_second():
    model = TopicModel(("trade_volume",), (-1.0,), {"trade border": (2.0,)})
    text = "Trade across the border grew."
    toks = [("trade", 0, 5), ("border", 17, 23), ("grew", 24, 28)]
    ((_, (ev,)),) = model.reread(
        [text], [toks], [[t for t, _, _ in toks]], [1], [((), ())], frozenset(ORDER), ORDER
    )
    assert ev.text.endswith(": Trade across the border")


def dropping_tariffs() -> TopicModel:
    # Takes away every tariffs tag the rules give.
    return TopicModel(("tariffs",), (0.0,), {"rule=tariffs": (-9.0,)})


def test_a_user_s_words_for_a_bundled_topic_leave_it_to_the_rules():
    assert set(Analysers().topic_model[1]) == set(ORDER)
    user = {
        "topic": [
            {"id": "tariffs", "terms": ["gabelle"]},
            {"id": "dairy", "label": "Dairy", "terms": ["dairy"]},
            # A new label or query words change no tag: still modelled.
            {"id": "security", "label": "Border security", "query_words": ["guard"]},
        ]
    }
    an = Analysers(user)
    modelled = an.topic_model[1]
    assert set(modelled) == {"usmca_review", "security", "trade_volume"}
    # A model that would take every tariffs tag away leaves the user's word's tag alone...
    an.__dict__["topic_model"] = (dropping_tariffs(), modelled)
    (fact,) = parse_document("a.txt", "The gabelle stays.", an)
    assert "tariffs" in fact.fact.topics
    # ... and takes away a tariffs tag where the topic is as bundled.
    bundled = Analysers()
    bundled.__dict__["topic_model"] = (dropping_tariffs(), frozenset({"tariffs"}))
    (fact,) = parse_document("a.txt", "The tariff stays.", bundled)
    assert "tariffs" not in fact.fact.topics


def test_a_model_reads_a_share_in_words_as_the_rules_do():
    # The rules read "a quarter" as "percent"; a model that only knows "percent" must see it too.
    model = TopicModel(("trade_volume",), (-5.0,), {"percent": (9.0,)})
    an = Analysers()
    an.__dict__["topic_model"] = (model, frozenset({"trade_volume"}))
    shares, plain = parse_document("a.txt", "Imports fell by a quarter.\nThe quarter ended.", an)
    assert shares.tag_terms is not None and "percent" in shares.tag_terms
    assert "quarter" in shares.terms  # the index keeps the word as written
    assert shares.fact.topics == ("trade_volume",)
    assert plain.tag_terms is None and plain.fact.topics == ()


def test_switched_off_the_rules_alone_tag():
    rules = Analysers()
    rules.__dict__["topic_model"] = (dropping_tariffs(), frozenset({"tariffs"}))
    rules.reread_topics = False
    (fact,) = parse_document("a.txt", "The tariff stays.", rules)
    assert fact.fact.topics == ("tariffs",)


def test_the_bundled_models_are_what_learning_from_their_sets_gives():
    # The models read the rules' topics: a change to the rules, the lexicon, the features or
    # the labels needs them learned again (python benchmarks/train_topic_model.py). Learning
    # is in a fixed order, so the same sets give the same weights.
    shipped = bundled_model()
    assert shipped is not None and shipped.topics == tuple(ORDER) and len(shipped.sets) > 60
    data = train_topic_model.examples(train_topic_model.labelled_sets(shipped.sets))
    learned = train_topic_model.train(data, ORDER)
    assert learned.sets == shipped.sets and learned.weights.keys() == shipped.weights.keys()
    assert learned.bias == pytest.approx(shipped.bias, abs=1e-3)
    for feature, weights in shipped.weights.items():
        assert learned.weights[feature] == pytest.approx(weights, abs=1e-3), feature
