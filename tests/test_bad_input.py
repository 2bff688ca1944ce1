"""Bad input, faults and hostile text: a clear answer every time, nothing lost (issue 6).

Each case runs the installed `cantrade` entry point as a subprocess where the behaviour is about
the process (exit status, stderr, signals, pipes), and Typer's CliRunner otherwise.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cantrade_cli.index import open_index
from cantrade_cli.search import search
from cantrade_cli.segment import segment_paragraph, split_paragraphs

from .test_cli import _installed_cantrade


def cli(*args: str, cache: Path, corpus: Path | None = None, timeout: float = 60, **kw):
    env = {**os.environ, "CANTRADE_CACHE_DIR": str(cache)}
    env.pop("CANTRADE_CORPUS", None)
    if corpus is not None:
        args = (*args, "--corpus", str(corpus))
    return subprocess.run(
        [*_installed_cantrade(), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        **kw,
    )


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


# 1 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", " ", "\t \n"])
def test_empty_or_whitespace_query(tmp_path, query):
    proc = cli("ask", query, cache=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "empty query" in one_line(proc.stderr)


def test_100000_character_query_answers_within_seconds(tmp_path):
    query = ("steel tariff " * 8000)[:100_000]
    started = time.monotonic()
    proc = cli("ask", query, "--json", cache=tmp_path, timeout=30)
    elapsed = time.monotonic() - started
    assert proc.returncode in (0, 1)
    json.loads(proc.stdout)
    assert "only the first" in proc.stderr  # what was not read is said, not silently dropped
    assert elapsed < 10


# 2 -------------------------------------------------------------------------------------------


def test_missing_corpus_path(tmp_path):
    missing = tmp_path / "no" / "such" / "folder"
    proc = cli("facts", cache=tmp_path, corpus=missing)
    assert proc.returncode == 2
    assert str(missing) in one_line(proc.stderr)


def test_folder_with_no_text_files(tmp_path, make_corpus):
    folder = make_corpus({"notes.md": "Not a text file.", "data.csv": "a,b"})
    proc = cli("facts", cache=tmp_path / "c", corpus=folder)
    assert proc.returncode == 2
    line = one_line(proc.stderr)
    assert str(folder) in line and "no .txt files" in line


# 3 -------------------------------------------------------------------------------------------


def test_non_utf8_file_is_read_with_replacement_and_a_warning(tmp_path, make_corpus):
    folder = make_corpus(
        {
            "latin1.txt": "Les tarifs sur l'acier ont augmenté à Montréal.".encode("latin-1"),
            "good.txt": "Steel tariffs rose.",
        }
    )
    proc = cli("facts", "--json", cache=tmp_path / "c", corpus=folder)
    assert proc.returncode == 0
    doc = json.loads(proc.stdout)
    texts = {f["source"]: f["text"] for f in doc["facts"]}
    assert "\ufffd" in texts["latin1.txt"] and texts["good.txt"] == "Steel tariffs rose."
    assert "latin1.txt" in one_line(proc.stderr) and "UTF-8" in proc.stderr


def test_binary_file_is_skipped_with_a_warning(tmp_path, make_corpus):
    folder = make_corpus(
        {"image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "good.txt": "Steel."}
    )
    proc = cli("facts", "--json", cache=tmp_path / "c", corpus=folder)
    assert proc.returncode == 0
    assert [f["source"] for f in json.loads(proc.stdout)["facts"]] == ["good.txt"]
    line = one_line(proc.stderr)
    assert "image.txt" in line and "binary" in line


def test_empty_file_has_no_facts_and_no_warning(tmp_path, make_corpus):
    folder = make_corpus({"empty.txt": "", "blank.txt": "\n\n  \n", "good.txt": "Steel."})
    proc = cli("sources", "--json", cache=tmp_path / "c", corpus=folder)
    assert proc.returncode == 0 and proc.stderr == ""
    facts = {s["name"]: s["facts"] for s in json.loads(proc.stdout)["sources"]}
    assert facts == {"blank.txt": 0, "empty.txt": 0, "good.txt": 1}


# 4 -------------------------------------------------------------------------------------------

HOSTILE = (
    "The [red]tariff[/red] was [link=https://example.com]raised[/link] by \x1b[31m25%"
    "\x1b[0m in \x1b]0;owned\x07 March."
)


def test_rich_markup_and_escape_codes_are_shown_literally(tmp_path, make_corpus):
    folder = make_corpus({"evil.txt": HOSTILE})
    for color in ("always", "never"):
        proc = cli("ask", "tariff", "--color", color, cache=tmp_path / "c", corpus=folder)
        assert proc.returncode == 0
        assert "[red]tariff[/red]" in proc.stdout.replace("\x1b[1;35m", "").replace("\x1b[0m", "")
        assert "[link=https://example.com]" in proc.stdout
        assert (
            "\x1b[31m" not in proc.stdout
            and "\x1b]0;" not in proc.stdout
            and "\x07" not in proc.stdout
        )
        assert "\\x1b[31m" in proc.stdout  # made visible instead
    doc = json.loads(cli("facts", "--json", cache=tmp_path / "c", corpus=folder).stdout)
    assert doc["facts"][0]["text"] == HOSTILE  # JSON keeps the exact text, escaped as JSON


def test_escape_codes_in_a_file_name_are_not_written_to_the_terminal(tmp_path, make_corpus):
    folder = make_corpus({"a\x1b[2Jb.txt": b"\x00binary"})
    (folder / "good.txt").write_text("Steel.", encoding="utf-8")
    proc = cli("facts", cache=tmp_path / "c", corpus=folder)
    assert "\x1b[2J" not in proc.stderr and "\\x1b[2J" in proc.stderr


# 5 -------------------------------------------------------------------------------------------


def test_changed_added_removed_and_same_size_same_mtime_rewrite(tmp_path, make_corpus):
    folder = make_corpus({"a.txt": "The levy on steel is 25 percent.", "b.txt": "Old news."})
    path = folder / "a.txt"
    st0 = os.stat(path)
    os.utime(path, ns=(st0.st_atime_ns - 10**11, st0.st_mtime_ns - 10**11))
    st0 = os.stat(path)
    cache = tmp_path / "c"
    assert cli("ask", "levy", "--json", cache=cache, corpus=folder).returncode == 0
    path.write_text("The levy on steel is 50 percent.", encoding="utf-8")  # same size
    os.utime(path, ns=(st0.st_atime_ns, st0.st_mtime_ns))  # same mtime
    (folder / "b.txt").unlink()
    (folder / "c.txt").write_text("Lumber levy doubled.", encoding="utf-8")
    doc = json.loads(cli("ask", "levy", "--json", cache=cache, corpus=folder).stdout)
    assert sorted(r["text"] for r in doc["results"]) == [
        "Lumber levy doubled.",
        "The levy on steel is 50 percent.",
    ]


# 6 -------------------------------------------------------------------------------------------


def test_four_runs_at_once_on_a_corpus_nobody_has_indexed(tmp_path, make_corpus):
    body = "\n".join(f"Sentence {i} on steel tariffs and the border." for i in range(400))
    folder = make_corpus({f"f{i:02d}.txt": body for i in range(12)})
    cache = tmp_path / "c"
    with ThreadPoolExecutor(4) as pool:
        procs = list(
            pool.map(
                lambda _: cli(
                    "ask", "steel border", "--json", cache=cache, corpus=folder, timeout=120
                ),
                range(4),
            )
        )
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [p.stderr for p in procs]
    docs = [json.loads(p.stdout) for p in procs]
    assert all(d == docs[0] for d in docs) and docs[0]["total"] == 4800


# 7 -------------------------------------------------------------------------------------------


def test_ctrl_c_during_index_exits_130_and_the_next_run_answers_completely(tmp_path):
    from benchmarks.scale import generate

    folder = tmp_path / "big"
    generate(folder, 100_000)
    cache = tmp_path / "c"
    env = {**os.environ, "CANTRADE_CACHE_DIR": str(cache)}
    proc = subprocess.Popen(
        [*_installed_cantrade(), "index", "--corpus", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    # Interrupt mid-build: once facts are being written (the WAL grows), long before the end.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        wal = list(cache.glob("*.sqlite-wal"))
        if wal and wal[0].stat().st_size > 1_000_000:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)  # as the terminal does: the whole process group
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out, err)
    assert "Traceback" not in err
    done = cli("facts", "--json", cache=cache, corpus=folder, timeout=300)
    assert done.returncode == 0
    assert json.loads(done.stdout)["total"] == 100_000


# 8 -------------------------------------------------------------------------------------------


def test_unwritable_cache_folder_still_answers_with_one_warning(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    proc = cli("ask", "steel tariff", "--json", cache=blocked / "cantrade")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["results"][0]["id"] == "003_e03bf9867b15315f:4"
    assert "indexing in memory" in one_line(proc.stderr)


# 9 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_limit_zero_or_negative(tmp_path, limit):
    proc = cli("ask", "steel", "--limit", limit, cache=tmp_path)
    assert proc.returncode == 2 and "--limit" in one_line(proc.stderr)


def test_unknown_topic_lists_the_valid_ones(tmp_path):
    proc = cli("facts", "--topic", "weather", cache=tmp_path)
    assert proc.returncode == 2
    line = one_line(proc.stderr)
    assert all(t in line for t in ("tariffs", "usmca_review", "security", "trade_volume"))


def test_unknown_source(tmp_path):
    proc = cli("facts", "--source", "nope", cache=tmp_path)
    assert proc.returncode == 2 and "unknown source 'nope'" in one_line(proc.stderr)


@pytest.mark.parametrize("fact_id", ["003_e03bf9867b15315f:99", "nosuch:1", "garbage"])
def test_show_of_an_id_that_does_not_exist(tmp_path, fact_id):
    proc = cli("show", fact_id, cache=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    one_line(proc.stderr)


def test_bad_option_value(tmp_path):
    proc = cli("ask", "steel", "--limit", "many", cache=tmp_path)
    assert proc.returncode == 2 and "many" in one_line(proc.stderr)


# 10 ------------------------------------------------------------------------------------------


def test_closed_pipe_is_quiet(tmp_path, make_corpus):
    # Far more output than a pipe holds, so the writer really meets the closed pipe.
    folder = make_corpus(
        {"big.txt": "\n".join(f"Fact number {i} about tariffs." for i in range(20_000))}
    )
    env = {**os.environ, "CANTRADE_CACHE_DIR": str(tmp_path / "c")}
    cmd = [*_installed_cantrade(), "facts", "--jsonl", "--corpus", str(folder)]
    subprocess.run(cmd, capture_output=True, env=env, timeout=120, check=True)  # build first
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does
    _, err = proc.communicate(timeout=60)
    assert json.loads(first)["id"] == "big:1"
    assert err == b"" and proc.returncode == 0


# 11 ------------------------------------------------------------------------------------------

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400) | st.lists(
    st.sampled_from(
        [
            "U.S.",
            "Dec.",
            "Mr.",
            "$40.5",
            "billion",
            "tariff",
            ".",
            "!",
            "?",
            "“",
            "”",
            "\n",
            " ",
            "...",
            "e.g.",
            "1.",
            "a.",
            "(",
            ")",
            "Mexico City:",
            "50%",
        ]
    ),
    max_size=60,
).map("".join)


@SETTINGS
@given(texts)
def test_property_facts_partition_every_paragraph(text):
    for ps, pe in split_paragraphs(text):
        para = text[ps:pe]
        spans = segment_paragraph(para, ps)
        covered = [0] * len(para)
        prev = ps
        for s, e in spans:
            assert ps <= s < e <= pe and s >= prev  # in order, never overlapping
            assert text[s:e] == text[s:e].strip() and text[s:e]
            for i in range(s - ps, e - ps):
                covered[i] += 1
            prev = e
        for i, c in enumerate(para):
            if not c.isspace():
                assert covered[i] == 1  # every visible character in exactly one fact


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory):
    os.environ["CANTRADE_CACHE_DIR"] = str(tmp_path_factory.mktemp("prop-cache"))
    return open_index(None)


@SETTINGS
@given(st.text(max_size=300))
def test_property_no_query_string_raises(seed_index, query):
    from cantrade_cli.errors import CantradeError

    try:
        result = search(seed_index, query)
    except CantradeError:
        assert not query.strip()  # only an empty query is refused
        return
    assert all(0 <= h.score <= 1 for h in result.hits)
    assert result.total >= len(result.hits)


# Found in review: each is a case a user could hit --------------------------------------------


def test_file_name_that_is_not_utf8(tmp_path, make_corpus):
    folder = make_corpus({"good.txt": "Steel."})
    # Two names that differ only in bytes that are not UTF-8 stay two sources.
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text("Dairy quotas.", encoding="utf-8")
    (folder / os.fsdecode(b"caf\xe8.txt")).write_text("Pork exports.", encoding="utf-8")
    proc = cli("facts", "--json", cache=tmp_path / "c", corpus=folder)
    assert proc.returncode == 0, proc.stderr
    sources = {f["source"] for f in json.loads(proc.stdout)["facts"]}
    assert sources == {"caf\\xe9.txt", "caf\\xe8.txt", "good.txt"}


def test_corpus_folder_whose_name_is_not_utf8(tmp_path):
    folder = tmp_path / os.fsdecode(b"art\xedculos")
    folder.mkdir()
    (folder / "a.txt").write_text("Steel tariffs rose.", encoding="utf-8")
    proc = cli("ask", "steel", "--json", cache=tmp_path / "c", corpus=folder)
    assert proc.returncode == 0, proc.stderr
    assert [r["text"] for r in json.loads(proc.stdout)["results"]] == ["Steel tariffs rose."]
    # And a single file whose name is not UTF-8.
    one = folder / os.fsdecode(b"caf\xe9.txt")
    one.write_text("Dairy quotas rose.", encoding="utf-8")
    proc = cli("ask", "dairy", "--json", cache=tmp_path / "c", corpus=one)
    assert proc.returncode == 0, proc.stderr
    assert [r["source"] for r in json.loads(proc.stdout)["results"]] == ["caf\\xe9.txt"]


def test_unreadable_file_and_symlink_loop_are_skipped_with_warnings(tmp_path, make_corpus):
    folder = make_corpus({"good.txt": "Steel tariffs rose.", "sub/ok.txt": "Dairy."})
    (folder / "sub" / "up").symlink_to("..")  # a folder loop: not followed
    (folder / "bad.txt").symlink_to("/proc/self/mem")  # listed, but reading it fails
    proc = cli("facts", "--json", cache=tmp_path / "c", corpus=folder)
    assert proc.returncode == 0, proc.stderr
    assert {f["source"] for f in json.loads(proc.stdout)["facts"]} == {"good.txt", "sub/ok.txt"}
    assert "bad.txt" in one_line(proc.stderr) and "skipped" in proc.stderr


def test_ask_does_not_wait_for_another_runs_write_lock(tmp_path):
    import sqlite3

    cache = tmp_path / "c"
    assert cli("ask", "steel", cache=cache).returncode == 0  # build the index
    (db,) = cache.glob("*.sqlite")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another run writing
    try:
        started = time.monotonic()
        proc = cli("ask", "steel tariff", "--json", cache=cache, timeout=30)
        assert proc.returncode == 0 and proc.stderr == ""
        assert time.monotonic() - started < 5
    finally:
        holder.execute("ROLLBACK")


def test_topic_filter_holds_for_every_result(tmp_path):
    proc = cli("ask", "arrived", "--topic", "tariffs", "--json", cache=tmp_path)
    assert all("tariffs" in r["topics"] for r in json.loads(proc.stdout)["results"])


def test_markup_and_escape_codes_in_file_names_in_tables(tmp_path, make_corpus):
    folder = make_corpus({"[bold]x.txt": "Steel tariffs.", "e\x1b[2Jy.txt": "Dairy tariffs."})
    for command in ("topics", "sources", "facts"):
        proc = cli(command, "--color", "always", cache=tmp_path / "c", corpus=folder)
        assert proc.returncode == 0, proc.stderr
        assert "[bold]x" in proc.stdout.replace("\x1b[1m", "")
        assert "\x1b[2J" not in proc.stdout and "\\x1b[2J" in proc.stdout


@pytest.mark.parametrize(
    "content",
    [
        'spelling = "x"',
        'synonyms = ["a"]',
        "[synonyms]\ngroups = [[1, 2]]",
        "[kinds]\nfamilies = [[1, 2]]",
        '[kinds]\nfamilies = ["cloudberry"]',
        '[other_words]\nshortfall = "gap"',
        "other_words = 3",
        "[other_words]\nshortfall = {gap = 1}",  # a table is no list of words
        '[places]\nMexico = "Apodaca"',
        "[places.Mexico]\nApodaca = 1",
        "places = 3",
        '[[topic]]\nid = "x"\ntables = "exports"',  # a topic's word list given as a string
        '[[topic]]\nid = "x"\nterms = [1, 2]',
        "[terms]\nfoo = 1",
        "acronyms = 3",
        '[[topic]]\nid = "trade war"',
        '[[topic]]\nid = "x"\n[[topic.pair]]\na = ["a"]\nb = ["b"]\nwindow = inf',
        "\n".join(f'[[topic]]\nid = "t{i}"' for i in range(70)),
    ],
)
def test_topics_files_of_the_wrong_shape(tmp_path, content):
    f = tmp_path / "t.toml"
    f.write_text(content, encoding="utf-8")
    proc = cli("facts", "--topics", str(f), cache=tmp_path / "c")
    assert proc.returncode == 2
    assert "topics file" in one_line(proc.stderr)


def test_show_ids_of_odd_forms(tmp_path, make_corpus):
    folder = make_corpus({"REPORT.TXT": "Upper case.", "x.txt": "Plain.", "x.txt.txt": "Double."})
    cache = tmp_path / "c"
    for fact_id, text in (("REPORT:1", "Upper case."), ("x:1", "Plain."), ("x.txt:1", "Double.")):
        proc = cli("show", fact_id, "--json", cache=cache, corpus=folder)
        assert json.loads(proc.stdout)["fact"]["text"] == text
    for bad in ("x:²", "x:99999999999999999999", "x:٤"):
        proc = cli("show", bad, cache=cache, corpus=folder)
        assert proc.returncode == 2
        one_line(proc.stderr)


def test_words_with_apostrophes_and_other_digit_forms(tmp_path, make_corpus):
    folder = make_corpus(
        {"a.txt": "Sean O'Brien praised L’Oréal. Exports were ²²²² tonnes in 2025."}
    )
    cache = tmp_path / "c"
    proc = cli("ask", "O'Brien", "--json", cache=cache, corpus=folder)
    assert json.loads(proc.stdout)["results"][0]["id"] == "a:1"
    proc = cli("ask", "exports ２０２５", "--json", cache=cache, corpus=folder)
    assert json.loads(proc.stdout)["results"][0]["id"] == "a:2"


def test_a_huge_limit(tmp_path):
    proc = cli("ask", "steel", "-n", "2000000000000000000", cache=tmp_path)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr


def test_compare_with_nothing_to_compare_exits_1(tmp_path, make_corpus):
    folder = make_corpus({"a.txt": "", "b.txt": "\n"})
    assert cli("compare", "--json", cache=tmp_path / "c", corpus=folder).returncode == 1


def test_facts_total_counts_before_the_limit(tmp_path):
    doc = json.loads(cli("facts", "--json", "-n", "2", cache=tmp_path).stdout)
    assert len(doc["facts"]) == 2 and doc["total"] == 32


def test_closed_stdout_and_stderr(tmp_path):
    env = {**os.environ, "CANTRADE_CACHE_DIR": str(tmp_path)}
    cmd = " ".join(_installed_cantrade()) + " ask steel"
    proc = subprocess.run(
        ["bash", "-c", cmd + " >&- 2>/dev/null; echo $?"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.stdout.strip() == "0"
    proc = subprocess.run(
        ["bash", "-c", cmd + " 2>&-"], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0 and "steel" in proc.stdout.lower()


def test_a_damaged_index_file_is_built_again(tmp_path):
    cache = tmp_path / "c"
    assert cli("ask", "steel", cache=cache).returncode == 0
    (db,) = cache.glob("*.sqlite")
    for extra in cache.glob("*.sqlite-*"):
        extra.unlink()
    db.write_bytes(b"this is not a database" * 100)
    proc = cli("ask", "steel tariff", "--json", cache=cache)
    assert proc.returncode == 0
    assert "damaged" in one_line(proc.stderr)
    assert cli("ask", "steel", cache=cache).stderr == ""  # and it is a good index again
