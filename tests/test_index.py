"""The persistent index: kept up to date, safe under concurrency, faults and odd folders."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cantrade_cli.errors import CorpusError
from cantrade_cli.index import FactIndex, _set_wal, cache_dir, open_index


def texts(index: FactIndex) -> list[str]:
    return [f.text for f in index.facts()]


def test_index_is_stored_under_the_cache_folder(make_corpus, _isolated):
    folder = make_corpus({"a.txt": "Steel quotas were raised."})
    index = open_index(folder)
    assert index.db_path is not None and index.db_path.parent == _isolated
    assert cache_dir() == _isolated


def test_cache_folder_defaults(monkeypatch, tmp_path):
    monkeypatch.delenv("CANTRADE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "cantrade"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "cantrade"


def test_second_open_parses_nothing(make_corpus):
    folder = make_corpus({"a.txt": "One fact here.", "b.txt": "Another fact there."})
    first = open_index(folder)
    assert first.stats.parsed == 2
    second = open_index(folder)
    # Files written within the racy window are hashed, not re-parsed, when unchanged.
    assert second.stats.parsed == 0
    assert texts(second) == ["One fact here.", "Another fact there."]


def test_a_settled_index_is_not_compared_file_by_file(make_corpus, monkeypatch):
    import cantrade_cli.index as index_module

    calls = []
    diff = FactIndex._diff
    monkeypatch.setattr(
        FactIndex, "_diff", lambda self, files: calls.append(1) or diff(self, files)
    )
    folder = make_corpus({"a.txt": "Alpha tariffs rose.", "b.txt": "Beta exports fell."})
    # Files written just now are racy: no digest of the listing is recorded for them, and the
    # next run compares them one by one.
    assert open_index(folder)._meta("listing") is None
    calls.clear()
    assert open_index(folder).stats.parsed == 0 and calls == [1]
    # Once every file is settled, the same listing skips the comparison.
    monkeypatch.setattr(index_module, "_RACY_NS", 0)
    (folder / "a.txt").write_text("Alpha tariffs rose sharply.", encoding="utf-8")
    assert open_index(folder)._meta("listing") is not None
    calls.clear()
    index = open_index(folder)
    assert calls == [] and index.stats.parsed == 0
    assert texts(index) == ["Alpha tariffs rose sharply.", "Beta exports fell."]
    # Any change of a name or a stat is a new listing: compared, and parsed.
    (folder / "b.txt").write_text("Beta exports fell fast.", encoding="utf-8")
    (folder / "c.txt").write_text("Gamma border talks.", encoding="utf-8")
    index = open_index(folder)
    assert calls and index.stats.parsed == 2
    assert texts(index)[1:] == ["Beta exports fell fast.", "Gamma border talks."]


def test_added_changed_and_removed_files_are_seen_on_the_next_run(make_corpus):
    folder = make_corpus({"a.txt": "Alpha tariffs rose.", "b.txt": "Beta exports fell."})
    assert len(texts(open_index(folder))) == 2
    (folder / "c.txt").write_text("Gamma border talks.", encoding="utf-8")
    (folder / "a.txt").write_text("Alpha tariffs fell sharply.", encoding="utf-8")
    (folder / "b.txt").unlink()
    index = open_index(folder)
    assert texts(index) == ["Alpha tariffs fell sharply.", "Gamma border talks."]
    assert index.stats.removed == 1


def test_rewrite_with_same_size_and_mtime_is_seen(make_corpus):
    folder = make_corpus({"a.txt": "The levy is 25 percent."})
    path = folder / "a.txt"
    old = os.stat(path)
    # Make the first index believe the file is old, so no racy-window hashing hides the test.
    os.utime(path, ns=(old.st_atime_ns - 10**11, old.st_mtime_ns - 10**11))
    old = os.stat(path)
    assert texts(open_index(folder)) == ["The levy is 25 percent."]
    path.write_text("The levy is 50 percent.", encoding="utf-8")
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    new = os.stat(path)
    assert (new.st_size, new.st_mtime_ns) == (old.st_size, old.st_mtime_ns)
    index = open_index(folder)
    assert texts(index) == ["The levy is 50 percent."]


def test_a_single_file_corpus(make_corpus):
    folder = make_corpus({"notes.md": "A file of any name. It has two facts."})
    index = open_index(folder / "notes.md")
    assert [f.id for f in index.facts()] == ["notes.md:1", "notes.md:2"]


def test_subfolders_are_read_and_hidden_ones_skipped(make_corpus):
    folder = make_corpus(
        {"a.txt": "Top.", "sub/b.txt": "Nested.", ".git/c.txt": "Hidden.", "d.md": "Not text."}
    )
    index = open_index(folder)
    assert [s.name for s in index.sources()] == ["a.txt", "sub/b.txt"]
    assert index.fact("sub/b:1").text == "Nested."


def test_folder_without_text_files_is_an_error(make_corpus):
    folder = make_corpus({"a.md": "no"})
    with pytest.raises(CorpusError, match=r"no \.txt files"):
        open_index(folder)


def test_unwritable_cache_folder_falls_back_to_memory(make_corpus, monkeypatch, tmp_path):
    folder = make_corpus({"a.txt": "Steel quotas were raised."})
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("CANTRADE_CACHE_DIR", str(blocked / "cache"))
    index = open_index(folder)
    assert index.db_path is None
    assert texts(index) == ["Steel quotas were raised."]
    assert len([w for w in index.warnings if "indexing in memory" in w]) == 1


def test_upgrade_of_the_code_rebuilds(make_corpus, monkeypatch):
    import cantrade_cli.index as mod

    folder = make_corpus({"a.txt": "Steel quotas were raised."})
    open_index(folder)
    monkeypatch.setattr(mod, "_code_fingerprint", lambda: "another version")
    index = open_index(folder)
    assert index.stats.parsed == 1


def test_rebuild_parses_everything_again(make_corpus):
    folder = make_corpus({"a.txt": "One.", "b.txt": "Two."})
    open_index(folder)
    assert open_index(folder, rebuild=True).stats.parsed == 2


def test_concurrent_first_runs_all_agree(make_corpus, _isolated):
    lines = [f"Sentence {i} about steel tariffs and border security." for i in range(300)]
    folder = make_corpus({f"f{i}.txt": "\n".join(lines) for i in range(8)})
    env = {**os.environ, "CANTRADE_CACHE_DIR": str(_isolated)}
    cmd = [
        sys.executable,
        "-m",
        "cantrade_cli",
        "ask",
        "steel border",
        "--json",
        "-n",
        "3",
        "--corpus",
        str(folder),
    ]

    def one(_: int) -> tuple[int, str, str]:
        p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
        return p.returncode, p.stdout, p.stderr

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(one, range(4)))
    assert [r[0] for r in results] == [0, 0, 0, 0], [r[2] for r in results]
    docs = [json.loads(r[1]) for r in results]
    assert all(d == docs[0] for d in docs)
    assert docs[0]["total"] == 8 * 300
    assert all(r[2] == "" for r in results), [r[2] for r in results]


def test_a_first_run_that_finds_the_new_index_locked_tries_again():
    class Conn:  # answers "locked" twice, as SQLite does to the second of two first runs
        calls = 0

        def execute(self, sql: str) -> None:
            Conn.calls += 1
            if Conn.calls <= 2:
                raise sqlite3.OperationalError("database is locked")

    _set_wal(Conn())  # type: ignore[arg-type]
    assert Conn.calls == 3


def test_facts_keep_exact_offsets_in_the_index(make_corpus):
    text = "First line here. Second sentence!\n\n  Indented third? Yes.\r\nLast."
    folder = make_corpus({"a.txt": text})
    source = (folder / "a.txt").read_bytes().decode("utf-8")
    facts = list(open_index(folder).facts())
    assert [f.text for f in facts] == [
        "First line here.",
        "Second sentence!",
        "Indented third?",
        "Yes.",
        "Last.",
    ]
    for f in facts:
        assert source[f.start : f.end] == f.text
    assert [f.paragraph for f in facts] == [1, 1, 2, 2, 3]


def test_bundled_seeds_are_byte_for_byte_the_shared_ones():
    here = Path(__file__).resolve().parent.parent
    shared = here.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for f in shared.iterdir():
        assert (here / "seeds" / f.name).read_bytes() == f.read_bytes()
