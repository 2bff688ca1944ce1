"""The bundled data files' JSON copies in the cache folder."""

from __future__ import annotations

import json
import marshal
import tomllib
import zlib

import pytest

from cantrade_cli.cache import DATA, load_bundled

NAMES = ["lexicon.toml", "topics.toml", "kinds.toml", "gazetteer.toml"]


@pytest.mark.parametrize("name", NAMES)
def test_a_bundled_file_reads_the_same_from_its_copy_as_from_toml(name, _isolated):
    parsed = tomllib.loads((DATA / name).read_text("utf-8"))
    assert load_bundled(name) == parsed  # parsed, and a copy written
    (copy,) = (_isolated / "data").glob(name.replace(".toml", "-*.json"))
    assert json.loads(copy.read_text("utf-8")) == parsed
    assert load_bundled(name) == parsed  # from the copy


def test_the_copy_is_what_is_read_and_a_broken_one_is_replaced(_isolated):
    load_bundled("kinds.toml")
    (copy,) = (_isolated / "data").glob("kinds-*.json")
    copy.write_text('{"kinds": {"families": [["marker"]]}}', "utf-8")
    assert load_bundled("kinds.toml") == {"kinds": {"families": [["marker"]]}}
    copy.write_text('{"kinds": ', "utf-8")  # cut short
    parsed = tomllib.loads((DATA / "kinds.toml").read_text("utf-8"))
    assert load_bundled("kinds.toml") == parsed
    assert json.loads(copy.read_text("utf-8")) == parsed


def test_a_cache_folder_that_cannot_be_written_only_costs_the_speed_up(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("CANTRADE_CACHE_DIR", str(blocker))
    parsed = tomllib.loads((DATA / "lexicon.toml").read_text("utf-8"))
    assert load_bundled("lexicon.toml") == parsed
    assert blocker.read_text() == "a file where the cache folder would be"


def test_data_json_cannot_hold_is_still_read_and_a_changed_file_is_read_afresh(
    _isolated, monkeypatch, tmp_path
):
    data = tmp_path / "data"
    data.mkdir()
    (data / "d.toml").write_text("day = 2026-07-01\n", "utf-8")
    monkeypatch.setattr("cantrade_cli.cache.DATA", data)
    assert str(load_bundled("d.toml")["day"]) == "2026-07-01"  # parsed; no copy, no error
    assert not list((_isolated / "data").glob("d-*"))
    (data / "d.toml").write_text('day = "Monday"\n', "utf-8")
    assert load_bundled("d.toml") == {"day": "Monday"}
    (data / "d.toml").write_text('day = "Tuesday"\n', "utf-8")
    assert load_bundled("d.toml") == {"day": "Tuesday"}  # its own copy, not Monday's
    assert len(list((_isolated / "data").glob("d-*.json"))) == 2


def _analysed(lex):
    return (lex.acronyms, lex._passes, lex._firsts, lex.synonyms, lex._abbreviated)


def test_the_lexicon_read_from_its_analysed_copy_is_the_one_analysed(_isolated):
    from cantrade_cli.analyze import Lexicon

    data = load_bundled("lexicon.toml")
    fresh = Lexicon.from_mapping(data)  # no key: analysed, nothing kept
    assert not list((_isolated / "data").glob("lexicon-k1*"))
    built = Lexicon.from_mapping(data, "k1")  # analysed, and a copy kept
    (copy,) = (_isolated / "data").glob("lexicon-k1-*.marshal")
    read = Lexicon.from_mapping(data, "k1")  # from the copy
    assert _analysed(built) == _analysed(read) == _analysed(fresh)
    text = "Prices in the United States rose, said the North American trade pact's TRQs"
    assert read.tokens(text) == fresh.tokens(text)
    assert read.tokens(text, query=True) == fresh.tokens(text, query=True)
    good = copy.read_bytes()
    flipped = good[:-3] + bytes([good[-3] ^ 0x40]) + good[-2:]  # one bit of its body damaged
    other = marshal.dumps({"other": 1})
    header = zlib.crc32(other).to_bytes(4, "big") + len(other).to_bytes(4, "big")
    # Unreadable, damaged, or another table (whole and checked): analysed again and kept again.
    for broken in (b"\x00broken", flipped, header + other):
        copy.write_bytes(broken)
        assert _analysed(Lexicon.from_mapping(data, "k1")) == _analysed(fresh)
        assert copy.read_bytes() != broken  # analysed again and kept again


def test_the_topics_query_terms_read_from_their_copy_are_the_ones_analysed(_isolated):
    from cantrade_cli.analyze import default_lexicon
    from cantrade_cli.tag import load_topics

    cached = load_topics()  # the bundled topics: keyed, kept in the cache
    assert cached._derived_key is not None
    assert cached.query_topics(["steel", "tariff"]) == {"tariffs"}
    assert list((_isolated / "data").glob("topic-terms-*.marshal"))
    again = load_topics()
    fresh = load_topics(lexicon=default_lexicon())
    fresh._derived_key = None  # analysed in the process, as a user's topics are
    assert again._query_data == fresh._query_data == cached._query_data
    # A user's topics are never read from the bundled topics' copy.
    user = load_topics({"topic": [{"id": "dairy", "label": "Dairy", "terms": ["cheese"]}]})
    assert user._derived_key is None
    assert user.query_topics([default_lexicon().term("cheese")]) == {"dairy"}
