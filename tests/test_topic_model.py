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


def doc(*sentences: str) -> tuple[list[str], list[list[tuple[str, int, int]]]]:
    """Texts and tokens, each word its own term (lower case), for ``reread``."""
    tokens = []
    for text in sentences:
        at, toks = 0, []
        for word in text.split():
            at = text.index(word, at)
            toks.append((word.lower(), at, at + len(word)))
            at += len(word)
        tokens.append(toks)
    return list(sentences), tokens


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
    texts, toks = doc("Mexican Crushers buy canola 40", "border")
    got = toy().reread(texts, toks, tags, frozenset({"tariffs", "trade_volume"}), ORDER)
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
    texts, toks = doc("trade pact border", "tariff steel")
    got = toy().reread(texts, toks, tags, frozenset({"tariffs", "trade_volume"}), ORDER)
    assert got[0] == (("security",), (other,))
    assert got[1] == tags[1]  # likely: kept as it was, with the rule's evidence
    # Not modelled (the user's words are in it): left alone.
    assert toy().reread(texts, toks, tags, frozenset({"trade_volume"}), ORDER) == tags


def test_the_fact_before_is_read_with_the_rules_topics_it_had():
    tags = [(("trade_volume",), (Evidence("trade_volume", "rule", "x"),)), ((), ())]
    texts, toks = doc("export", "canola crushers")
    model = toy()
    alone = model.probabilities(features(["canola", "crushers"], (), ()))[1]
    after = model.probabilities(features(["canola", "crushers"], (), ("trade_volume",)))[1]
    assert after > alone
    got = model.reread(texts, toks, tags, frozenset({"trade_volume"}), ORDER)
    assert f"({after:.2f})" in got[1][1][0].text


def test_a_user_s_words_for_a_bundled_topic_leave_it_to_the_rules():
    assert set(Analysers().topic_model[1]) == set(ORDER)
    user = {
        "topic": [
            {"id": "tariffs", "terms": ["gabelle"]},
            {"id": "dairy", "label": "Dairy", "terms": ["dairy"]},
        ]
    }
    an = Analysers(user)
    assert set(an.topic_model[1]) == {"usmca_review", "security", "trade_volume"}
    # The user's word tags the fact; no model takes it away.
    (fact,) = parse_document("a.txt", "The gabelle stays.", an)
    assert "tariffs" in fact.fact.topics


def test_switched_off_the_rules_alone_tag():
    text = "Mexico is our third-biggest pork customer, and it keeps growing.\n"
    rules = Analysers()
    rules.reread_topics = False
    assert parse_document("a.txt", text, rules)[0].fact.topics == ()
    (ev,) = parse_document("a.txt", text, Analysers())[0].fact.evidence
    assert ev.topic == "trade_volume" and ev.text.startswith("the topic model")
    assert "customer" in ev.text  # the word as the fact writes it, not its stem


def test_the_bundled_models_were_learned_from_the_rules_and_labels_as_they_are():
    # The models read the rules' topics: a change to the rules, the lexicon or the labelled
    # sets needs them learned again (python benchmarks/train_topic_model.py).
    model = bundled_model()
    assert model is not None and model.topics == tuple(ORDER)
    assert train_topic_model.digest(train_topic_model.examples()) == model.digest


def test_learning_is_repeatable():
    data = train_topic_model.examples()[:400]
    first, second = (train_topic_model.train(data, ORDER) for _ in range(2))
    assert first == second and first.weights
