"""The command line end to end on the bundled articles and on small corpora."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cantrade_cli.cli import app, main
from cantrade_cli.render import choose_format

from .conftest import SEEDS, validate

STEEL = "003_e03bf9867b15315f.txt"
COMMANDS = ["ask", "facts", "topics", "sources", "show", "index", "compare"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.stdout
    assert "Examples" in result.stdout


def test_top_level_help_lists_every_command(run):
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.stdout


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("cantrade ")


def test_ask_steel_tariff_puts_the_steel_levies_first(run):
    doc = run.json("ask", "steel tariff", "--json")
    validate(doc, "ask")
    top = doc["results"][0]
    assert top["source"] == STEEL
    assert "50% levies on Canadian steel" in top["text"]
    assert top["rank"] == 1
    assert 0 < top["score"] <= 1
    assert {"steel"} <= {w.lower() for w in top["matched"]}
    assert doc["corpus"] == "bundled"
    assert doc["total"] >= len(doc["results"])


def test_facts_json_lists_32_facts_whose_spans_match_the_sources(run):
    doc = run.json("facts", "--json")
    validate(doc, "facts")
    assert doc["total"] == 32 == len(doc["facts"])
    per_source = {}
    for f in doc["facts"]:
        text = (SEEDS / f["source"]).read_text(encoding="utf-8")
        assert text[f["start"] : f["end"]] == f["text"]
        per_source[f["source"]] = per_source.get(f["source"], 0) + 1
        assert f["id"] == f"{f['source'][:-4]}:{f['sentence']}"
    assert sorted(per_source.values()) == [12, 20]


def test_ask_of_something_absent_is_valid_json_and_exit_1(run):
    doc = run.json("ask", "zebra migration", "--json", expect=1)
    validate(doc, "ask")
    assert doc["results"] == [] and doc["total"] == 0


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_query_is_a_one_line_error_exit_2(run, query):
    result = run("ask", query, "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "empty query" in result.stderr


def test_bad_option_is_a_one_line_error_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["ask", "steel", "--no-such-option"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "no-such-option" in err


def test_topics_with_and_without_json(run):
    doc = run.json("topics", "--json")
    validate(doc, "topics")
    assert [t["id"] for t in doc["topics"]] == [
        "tariffs",
        "usmca_review",
        "security",
        "trade_volume",
    ]
    for t in doc["topics"]:
        assert t["facts"] == sum(t["by_source"].values())
    assert doc["topics"][0]["by_source"][STEEL] >= 3
    plain = run("topics")
    assert plain.exit_code == 0 and "usmca_review" in plain.stdout


def test_sources_with_and_without_json(run):
    doc = run.json("sources", "--json")
    validate(doc, "sources")
    by_name = {s["name"]: s for s in doc["sources"]}
    assert by_name[STEEL]["facts"] == 12
    assert by_name["000_f06eaa97497e30ce.txt"]["facts"] == 20
    assert by_name[STEEL]["first_sentence"].startswith("In a significant diplomatic shift")
    plain = run("sources")
    assert plain.exit_code == 0 and STEEL in plain.stdout


def test_show_with_and_without_json(run):
    doc = run.json("show", "003_e03bf9867b15315f:4", "--json")
    validate(doc, "show")
    assert doc["fact"]["id"] == "003_e03bf9867b15315f:4"
    assert "tariffs" in doc["topic_evidence"]
    assert doc["fact"] in doc["context"]
    plain = run("show", "003_e03bf9867b15315f:4")
    assert plain.exit_code == 0 and "fentanyl" in plain.stdout


def test_show_of_an_unknown_id_is_an_error(run):
    result = run("show", "003_e03bf9867b15315f:99")
    assert result.exit_code == 2
    assert "no fact" in result.stderr


def test_jsonl_prints_one_object_per_line(run):
    result = run("facts", "--jsonl")
    lines = result.stdout.splitlines()
    assert len(lines) == 32
    for line in lines:
        validate(json.loads(line), "fact")
    result = run("ask", "security", "--jsonl", "-n", "2")
    assert [json.loads(x)["rank"] for x in result.stdout.splitlines()] == [1, 2]


def test_json_wins_over_jsonl(run):
    doc = run.json("ask", "steel", "--json", "--jsonl")
    assert "results" in doc


def test_limit_and_total(run):
    doc = run.json("ask", "mexico", "--json", "--limit", "2")
    assert len(doc["results"]) == 2
    assert doc["total"] > 2


@pytest.mark.parametrize("limit", ["0", "-3"])
def test_limit_below_one_is_an_error(run, limit):
    result = run("ask", "steel", "--limit", limit)
    assert result.exit_code == 2
    assert "--limit" in result.stderr


def test_topic_filter_by_id_or_label(run):
    by_id = run.json("facts", "--json", "--topic", "security")
    by_label = run.json("facts", "--json", "-t", "Security")
    assert by_id == by_label
    assert by_id["facts"] and all("security" in f["topics"] for f in by_id["facts"])


def test_unknown_topic_lists_the_valid_ones(run):
    result = run("facts", "--topic", "weather")
    assert result.exit_code == 2
    assert "tariffs" in result.stderr and "trade_volume" in result.stderr


def test_source_filter_by_prefix(run):
    doc = run.json("facts", "--json", "--source", "003")
    assert {f["source"] for f in doc["facts"]} == {STEEL}
    result = run("facts", "--source", "nope")
    assert result.exit_code == 2 and "unknown source" in result.stderr


def test_corpus_option_and_environment_variable(run, make_corpus):
    folder = make_corpus({"a.txt": "Steel quotas were raised. Dairy was untouched."})
    doc = run.json("facts", "--json", "--corpus", str(folder))
    assert [f["text"] for f in doc["facts"]] == [
        "Steel quotas were raised.",
        "Dairy was untouched.",
    ]
    assert doc["corpus"] == str(folder)
    via_env = run("facts", "--json", env={"CANTRADE_CORPUS": str(folder)})
    assert json.loads(via_env.stdout)["total"] == 2


def test_missing_corpus_is_an_error_naming_the_path(run, tmp_path):
    missing = tmp_path / "nowhere"
    result = run("facts", "--corpus", str(missing))
    assert result.exit_code == 2
    assert str(missing) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_plain_output_when_not_a_terminal(run):
    result = run("ask", "steel tariff")
    first = result.stdout.splitlines()[0].split("\t")
    assert first[0] == "1" and first[2] == "003_e03bf9867b15315f:4"
    assert "\x1b[" not in result.stdout


def test_color_always_gives_a_table_with_highlights(run):
    result = run("ask", "steel tariff", "--color", "always")
    assert result.exit_code == 0
    assert "\x1b[" in result.stdout  # colour codes: the matched words are highlighted
    assert "003_e03bf9867b15315f:4" in result.stdout


@pytest.mark.parametrize(
    ("flags", "tty", "no_color", "color", "expected"),
    [
        ((True, True), True, False, "auto", "json"),
        ((True, False), True, True, "always", "json"),
        ((False, True), True, False, "always", "jsonl"),
        ((False, False), True, False, "auto", "table"),
        ((False, False), False, False, "auto", "plain"),
        ((False, False), True, True, "auto", "plain"),
        ((False, False), True, False, "never", "plain"),
        ((False, False), False, False, "always", "table"),
    ],
)
def test_choose_format(flags, tty, no_color, color, expected):
    assert (
        choose_format(
            json_flag=flags[0], jsonl_flag=flags[1], is_tty=tty, no_color=no_color, color=color
        )
        == expected
    )


def test_user_topics_file_adds_a_topic(run, make_corpus, tmp_path):
    folder = make_corpus({"a.txt": "Canola exports fell. The weather was fine."})
    topics = tmp_path / "mine.toml"
    topics.write_text(
        '[[topic]]\nid = "agriculture"\nlabel = "Agriculture"\nterms = ["canola", "dairy"]\n',
        encoding="utf-8",
    )
    doc = run.json(
        "facts",
        "--json",
        "--corpus",
        str(folder),
        "--topics",
        str(topics),
        "--topic",
        "agriculture",
    )
    assert [f["text"] for f in doc["facts"]] == ["Canola exports fell."]
    evidence = [e for e in doc["facts"][0]["evidence"] if e["topic"] == "agriculture"]
    assert evidence == [{"topic": "agriculture", "kind": "term", "text": "Canola"}]
    bad = tmp_path / "bad.toml"
    bad.write_text("[[topic]\n", encoding="utf-8")
    result = run("facts", "--corpus", str(folder), "--topics", str(bad))
    assert result.exit_code == 2 and "not valid TOML" in result.stderr


def test_a_topics_file_s_stop_words_are_said_not_silently_dropped(run, make_corpus, tmp_path):
    folder = make_corpus({"a.txt": "Milk prices rose.\nThey sat at the table."})
    topics = tmp_path / "mine.toml"
    topics.write_text(
        '[[topic]]\nid = "dairy"\nterms = ["milk", "at the table", "the of"]\n'
        '[[topic.pair]]\na = ["cheese"]\nb = ["of"]\n',
        encoding="utf-8",
    )
    result = run("facts", "--corpus", str(folder), "--topics", str(topics), "--json")
    assert result.exit_code == 0
    said = result.stderr.strip().splitlines()
    assert said == [
        "cantrade: warning: topics file: topic dairy: 'at the table' is read as 'table' "
        "(at, the: stop words)",
        "cantrade: warning: topics file: topic dairy: 'the of' has only stop words, and "
        "matches nothing",
        "cantrade: warning: topics file: topic dairy: 'of' has only stop words, and matches "
        "nothing",
    ]


def _installed_cantrade() -> list[str]:
    exe = shutil.which("cantrade", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "cantrade_cli"]


def test_installed_entry_point_runs_as_a_subprocess(tmp_path):
    env = {**os.environ, "CANTRADE_CACHE_DIR": str(tmp_path)}
    env.pop("CANTRADE_CORPUS", None)
    proc = subprocess.run(
        [*_installed_cantrade(), "ask", "steel tariff", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["results"][0]["source"] == STEEL
    proc = subprocess.run(
        [sys.executable, "-m", "cantrade_cli", "--version"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0 and proc.stdout.startswith("cantrade ")


def test_closed_pipe_ends_quietly(tmp_path):
    env = {**os.environ, "CANTRADE_CACHE_DIR": str(tmp_path)}
    cmd = " ".join(_installed_cantrade()) + " facts --jsonl | head -1"
    proc = subprocess.run(
        ["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, env=env, timeout=60
    )
    assert len(proc.stdout.splitlines()) == 1
    assert json.loads(proc.stdout)["id"]
    assert proc.stderr == ""
    assert proc.returncode == 0


def test_app_is_a_typer_app():
    assert app.info.name == "cantrade"


def test_a_list_item_s_fact_leaves_out_its_bullet_and_keeps_the_list_s_topic(run, make_corpus):
    corpus = make_corpus(
        {
            "alert.txt": "Goods on Ottawa's counter-tariff list:\n\n• orange juice\n"
            "•  bourbon from Kentucky\n\n-5% is no bullet.\n- a dash is one.\n"
        }
    )
    doc = run.json("facts", "--json", "-c", str(corpus))
    text = (corpus / "alert.txt").read_text(encoding="utf-8")
    facts = doc["facts"]
    assert [f["text"] for f in facts] == [
        "Goods on Ottawa's counter-tariff list:",
        "orange juice",
        "bourbon from Kentucky",
        "-5% is no bullet.",
        "a dash is one.",
    ]
    for f in facts:
        assert text[f["start"] : f["end"]] == f["text"]
    assert [f["topics"] for f in facts[:3]] == [["tariffs"]] * 3
