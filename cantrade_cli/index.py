"""The persistent fact index: one SQLite file per corpus, kept up to date without being asked.

Layout: ``files`` (what was indexed, with its stat and content hash), ``facts`` (spans, text,
topics, evidence, figures, names as compact JSON) and ``fts`` (an FTS5 table of each fact's
analysed terms, rowid = fact id), plus ``fts5vocab`` for document frequencies and typo
correction.

Every run compares the corpus with ``files`` (size, mtime, ctime, inode; a content hash when
those cannot tell) and re-parses only added or changed files, dropping removed ones, in one
transaction: a concurrent run waits for it or reads the previous snapshot (WAL), and an
interrupted build leaves the previous index as it was. The cache folder is
``$CANTRADE_CACHE_DIR``, else ``$XDG_CACHE_HOME/cantrade``, else ``~/.cache/cantrade``; when it
cannot be written the index is built in memory, with a warning.
"""

from __future__ import annotations

import json
import marshal
import os
import signal
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from . import __version__
from .cache import cache_dir
from .errors import CorpusError, FactNotFound, UsageError
from .models import Entity, Evidence, Fact, Figure
from .pipeline import Analysers, parse_document
from .read import CorpusFile, CorpusLocation, decode, list_files, locate_corpus, read_bytes
from .tag import header_term, stop_word_warnings, topic_term

INDEX_FORMAT = 3
# Files changed within this window before they were indexed may change again unseen in the same
# clock tick: such files are hashed on the next run rather than trusted by their stat.
_RACY_NS = 3_000_000_000
# Below this many bytes to parse, worker processes cost more than they save.
_PARALLEL_BYTES = 4_000_000
_BUSY_TIMEOUT_S = 600  # how long a run waits for another run's index build, at most
_LOCK_SLICE_MS = 200  # one wait for the write lock; Ctrl-C is heard between slices
_READ_TIMEOUT_MS = 5000
_FTS_HASH_BYTES = 8 << 20  # memory for terms not yet written to the FTS index (see _reset_schema)

Progress = Callable[[int, int, int], None]  # files done, files to do, facts so far

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files(
    id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, size INT, mtime_ns INT, ctime_ns INT,
    inode INT, sha TEXT, indexed_ns INT, n_facts INT NOT NULL DEFAULT 0, warning TEXT,
    skipped INT NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS facts(
    id INTEGER PRIMARY KEY, file_id INT NOT NULL, paragraph INT, sentence INT, start INT,
    "end" INT, text TEXT, topics TEXT, topic_mask INT, details TEXT, nterms INT, item INT);
CREATE INDEX IF NOT EXISTS facts_file ON facts(file_id, sentence);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    terms, tokenize = "unicode61 remove_diacritics 0 tokenchars '._'");
CREATE VIRTUAL TABLE IF NOT EXISTS fts_vocab USING fts5vocab(fts, 'row');
CREATE TABLE IF NOT EXISTS vocab(term TEXT PRIMARY KEY, doc INT) WITHOUT ROWID;
"""


def _code_fingerprint() -> str:
    """Changes whenever the installed code or its data changes, so an upgrade rebuilds."""
    here = Path(__file__).parent
    parts = [__version__, str(INDEX_FORMAT)]
    for folder in (here, here / "data"):
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.name.endswith((".py", ".toml", ".json")):
                st = entry.stat()
                parts.append(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    return f"{zlib.crc32('|'.join(parts).encode()):08x}"


class SourceInfo(NamedTuple):
    name: str
    facts: int
    first_sentence: str


@dataclass
class RefreshStats:
    files: int = 0
    parsed: int = 0
    removed: int = 0
    facts: int = 0
    seconds: float = 0.0


@dataclass
class FactIndex:
    """The facts of one corpus, in SQLite, with what search needs to rank them."""

    conn: sqlite3.Connection
    location: CorpusLocation
    analysers: Analysers
    user_topics: Mapping[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)
    db_path: Path | None = None
    stats: RefreshStats | None = None
    _df_cache: dict[str, int] = field(default_factory=dict, repr=False)

    # -- opening and refreshing -------------------------------------------------------------

    @classmethod
    def open(
        cls,
        corpus: str | os.PathLike[str] | None = None,
        user_topics: Mapping[str, Any] | None = None,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
    ) -> FactIndex:
        """Open (creating or refreshing as needed) the index of a corpus."""
        loc = locate_corpus(corpus)
        walk_warnings: list[str] = []
        files = list_files(loc, walk_warnings)
        analysers = Analysers.build(user_topics)
        topics_key = json.dumps(user_topics, sort_keys=True, default=str) if user_topics else ""
        # A short name per corpus (and topics file): a collision would only cost re-parsing.
        where = f"{loc.root}|{loc.single_file}|{topics_key}"  # a path may hold any bytes
        key = f"{zlib.crc32(where.encode('utf-8', 'surrogateescape')):08x}"
        warnings: list[str] = list(walk_warnings)
        if user_topics:
            warnings += stop_word_warnings(user_topics, analysers.lexicon)
        conn, db_path = _connect(cache_dir(), f"{key}.sqlite", warnings)
        index = cls(conn, loc, analysers, user_topics, warnings, db_path)
        try:
            index.stats = index.refresh(files, progress=progress, rebuild=rebuild)
        except sqlite3.OperationalError as exc:
            if db_path is None or "readonly" not in str(exc).replace("-", ""):
                raise
            # An index file we may read but not write: work in memory instead.
            warnings.append(f"index {db_path} is read-only ({exc}); indexing in memory")
            index.conn = sqlite3.connect(":memory:", isolation_level=None)
            index.db_path = None
            index.stats = index.refresh(files, progress=progress, rebuild=True)
        index._collect_warnings()
        # One read snapshot for the rest of the run: a refresh by another run cannot change
        # what this one sees between two of its queries.
        index.conn.execute("BEGIN")
        index.conn.execute("SELECT count(*) FROM files").fetchone()
        return index

    def _meta(self, key: str) -> str | None:
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        except sqlite3.OperationalError:  # no meta table: a new file
            return None
        return row[0] if row else None

    def _reset_schema(self, fingerprint: str) -> None:
        """Drop and create the tables (inside the caller's write transaction)."""
        for name in ("vocab", "fts_vocab", "fts", "facts", "files", "meta"):
            self.conn.execute(f"DROP TABLE IF EXISTS {name}")
        # Statement by statement: executescript() would commit the open transaction.
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                self.conn.execute(statement)
        # FTS5 writes its pending terms out as a new segment every 1 MB by default; 8 MB means
        # fewer segments to write and merge: a fifth less CPU per fact inserted. A setting of
        # the table kept in its file, so an update of a few files later uses it too.
        self.conn.execute("INSERT INTO fts(fts, rank) VALUES ('hashsize', ?)", (_FTS_HASH_BYTES,))
        self.conn.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint,))

    def refresh(
        self,
        files: Sequence[CorpusFile] | None = None,
        progress: Progress | None = None,
        rebuild: bool = False,
    ) -> RefreshStats:
        """Bring the index in line with the files on disk; parse only what changed.

        A new index, an index written by other code (an upgrade) or ``rebuild`` starts from
        empty tables, in the same transaction as the parsing: an interrupted rebuild leaves the
        previous index as it was."""
        t0 = time.perf_counter()
        if files is None:
            files = list_files(self.location)
        stats = RefreshStats(files=len(files))
        fingerprint = _code_fingerprint()
        reset = rebuild or self._meta("fingerprint") != fingerprint
        listing = _listing_digest(files)
        if not reset and self._meta("listing") == listing:
            todo, touched, removed = [], [], []  # as last recorded, and settled then
        else:
            todo, touched, removed = ([], [], []) if reset else self._diff(files)
        if reset or todo or touched or removed:
            with _immediate(self.conn):
                # Another run may have done the work while we waited for the lock: look again.
                if rebuild or self._meta("fingerprint") != fingerprint:
                    self._reset_schema(fingerprint)
                    todo, touched, removed = [(f, None) for f in files], [], []
                else:
                    todo, touched, removed = self._diff(files)
                self._apply(todo, touched, removed, stats, progress)
                self._record_listing(listing)
        stats.facts = self.n_facts()
        stats.seconds = time.perf_counter() - t0
        return stats

    def _record_listing(self, listing: str) -> None:
        """Record the digest of the files the table now holds, when none of them is racy: the
        next run that lists the same digest may skip comparing them one by one (a fifth of an
        `ask` over 10,000 files). Inside the caller's write transaction."""
        racy = self.conn.execute(
            "SELECT EXISTS(SELECT 1 FROM files WHERE max(mtime_ns, ctime_ns) + ? > indexed_ns)",
            (_RACY_NS,),
        ).fetchone()[0]
        if racy:
            self.conn.execute("DELETE FROM meta WHERE key='listing'")
        else:
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('listing', ?)", (listing,))

    def _diff(
        self, files: Sequence[CorpusFile]
    ) -> tuple[list[tuple[CorpusFile, bytes | None]], list[tuple[CorpusFile, str]], list[str]]:
        """(files to parse with their bytes if read, files whose stat changed only, removed)."""
        known = {
            row[0]: row[1:]
            for row in self.conn.execute(
                "SELECT name, size, mtime_ns, ctime_ns, inode, sha, indexed_ns FROM files"
            )
        }
        todo: list[tuple[CorpusFile, bytes | None]] = []
        touched: list[tuple[CorpusFile, str]] = []
        for f in files:
            old = known.pop(f.name, None)
            if old is None:
                todo.append((f, None))
                continue
            *stat, sha, indexed = old
            same_stat = (f.size, f.mtime_ns, f.ctime_ns, f.inode) == tuple(stat)
            racy = max(f.mtime_ns, f.ctime_ns) + _RACY_NS > indexed
            if same_stat and not racy:
                continue
            try:
                data = read_bytes(f)
            except CorpusError:
                todo.append((f, None))  # parsing will record it as unreadable
                continue
            digest = content_hash(data)
            if digest == sha:
                if not same_stat or time.time_ns() > max(f.mtime_ns, f.ctime_ns) + _RACY_NS:
                    touched.append((f, digest))
            else:
                todo.append((f, data))
        return todo, touched, sorted(known)

    def _apply(
        self,
        todo: list[tuple[CorpusFile, bytes | None]],
        touched: list[tuple[CorpusFile, str]],
        removed: list[str],
        stats: RefreshStats,
        progress: Progress | None,
    ) -> None:
        conn = self.conn
        now = time.time_ns()
        for f, digest in touched:
            conn.execute(
                "UPDATE files SET size=?, mtime_ns=?, ctime_ns=?, inode=?, sha=?, indexed_ns=? "
                "WHERE name=?",
                (f.size, f.mtime_ns, f.ctime_ns, f.inode, digest, now, f.name),
            )
        for name in removed + [f.name for f, _ in todo]:
            self._drop_file(name)
        stats.removed = len(removed)
        next_id = (conn.execute("SELECT max(id) FROM facts").fetchone()[0] or 0) + 1
        n_facts = 0
        for done, parsed in enumerate(self._parse_all(todo), start=1):
            f, digest, warning, rows = parsed
            cur = conn.execute(
                "INSERT INTO files(name, size, mtime_ns, ctime_ns, inode, sha, indexed_ns, "
                "n_facts, warning, skipped) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    f.name,
                    f.size,
                    f.mtime_ns,
                    f.ctime_ns,
                    f.inode,
                    digest,
                    now,
                    len(rows) if rows is not None else 0,
                    warning,
                    int(rows is None),
                ),
            )
            file_id = cur.lastrowid
            if rows:
                ids = range(next_id, next_id + len(rows))
                conn.executemany(
                    "INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    ((i, file_id, *r[:-1]) for i, r in zip(ids, rows, strict=True)),
                )
                conn.executemany(
                    "INSERT INTO fts(rowid, terms) VALUES (?,?)",
                    ((i, r[-1]) for i, r in zip(ids, rows, strict=True)),
                )
                next_id += len(rows)
                n_facts += len(rows)
            stats.parsed += 1
            if progress:
                progress(done, len(todo), n_facts)
        if not (todo or removed):
            return  # only stats brought up to date: the facts are the same
        # A plain copy of the FTS vocabulary with document counts: typo correction and idf read
        # it by key in a query, where scanning fts5vocab would cost a third of a second.
        conn.execute("DELETE FROM vocab")
        conn.execute("INSERT INTO vocab SELECT term, doc FROM fts_vocab")
        avg = conn.execute("SELECT avg(nterms), count(*) FROM facts").fetchone()
        conn.execute(
            "INSERT OR REPLACE INTO meta VALUES ('avg_terms', ?), ('n_facts', ?)",
            (str(avg[0] or 0.0), str(avg[1])),
        )

    def _drop_file(self, name: str) -> None:
        row = self.conn.execute("SELECT id FROM files WHERE name=?", (name,)).fetchone()
        if row is None:
            return
        self.conn.execute(
            "DELETE FROM fts WHERE rowid IN (SELECT id FROM facts WHERE file_id=?)", (row[0],)
        )
        self.conn.execute("DELETE FROM facts WHERE file_id=?", (row[0],))
        self.conn.execute("DELETE FROM files WHERE id=?", (row[0],))

    def _parse_all(
        self, todo: list[tuple[CorpusFile, bytes | None]]
    ) -> Iterator[tuple[CorpusFile, str, str | None, list[tuple[Any, ...]] | None]]:
        """Parse files, in order; in worker processes when there is a lot to parse."""
        total = sum(f.size for f, _ in todo)
        workers = min(os.cpu_count() or 1, 8)
        if total < _PARALLEL_BYTES or workers < 2:
            for f, data in todo:
                yield (f, *_parse_file(f, data, self.analysers))
            return
        # Batches of about 1 MB keep the workers busy without holding the corpus in memory.
        batches: list[list[CorpusFile]] = [[]]
        size = 0
        for f, _ in todo:
            if size > 1_000_000:
                batches.append([])
                size = 0
            batches[-1].append(f)
            size += f.size
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(
            workers, initializer=_worker_init, initargs=(self.user_topics,)
        ) as pool:
            try:
                for batch, results in zip(batches, pool.map(_worker_parse, batches), strict=True):
                    for f, result in zip(batch, results, strict=True):
                        yield (f, *result)
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise

    def _collect_warnings(self) -> None:
        for (warning,) in self.conn.execute(
            "SELECT warning FROM files WHERE warning IS NOT NULL ORDER BY name"
        ):
            self.warnings.append(warning)

    # -- reading --------------------------------------------------------------------------

    @property
    def corpus_label(self) -> str:
        return self.location.label

    def n_facts(self) -> int:
        """How many facts the index holds: the count each refresh stores (counting a million
        rows would cost every query milliseconds, and far more from a cold disk)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key='n_facts'").fetchone()
        return int(row[0])

    def avg_terms(self) -> float:
        row = self.conn.execute("SELECT value FROM meta WHERE key='avg_terms'").fetchone()
        return float(row[0]) if row else 1.0

    def sources(self) -> list[SourceInfo]:
        rows = self.conn.execute(
            "SELECT files.name, files.n_facts, "
            "(SELECT text FROM facts WHERE file_id = files.id AND sentence = 1) "
            "FROM files WHERE skipped = 0 ORDER BY files.name"
        )
        return [SourceInfo(name, n, first or "") for name, n, first in rows]

    def source_names(self) -> list[str]:
        """The documents' names, sorted (without sources()' first sentences)."""
        return [
            name
            for (name,) in self.conn.execute(
                "SELECT name FROM files WHERE skipped = 0 ORDER BY name"
            )
        ]

    def resolve_sources(self, names: Iterable[str]) -> list[str]:
        """File names from names or unique prefixes given by the user."""
        known = self.source_names()
        out: list[str] = []
        for name in names:
            if name in known:
                out.append(name)
                continue
            if f"{name}.txt" in known:
                out.append(f"{name}.txt")
                continue
            matches = [k for k in known if k.startswith(name)]
            if len(matches) == 1:
                out.append(matches[0])
            elif not matches:
                raise UsageError(f"unknown source {name!r}; sources: {', '.join(known)}")
            else:
                raise UsageError(f"source {name!r} is ambiguous: {', '.join(matches)}")
        return out

    def topic_mask(self, topic_ids: Iterable[str]) -> int:
        ids = self.analysers.topics.ids
        mask = 0
        for t in topic_ids:
            mask |= 1 << ids.index(t)
        return mask

    def _filters(
        self, topics: Sequence[str] | None, sources: Sequence[str] | None
    ) -> tuple[str, list[Any]]:
        sql, args = "", []
        if topics:
            sql += " AND (facts.topic_mask & ?) != 0"
            args.append(self.topic_mask(topics))
        if sources:
            sql += f" AND files.name IN ({','.join('?' * len(sources))})"
            args.extend(sources)
        return sql, args

    def facts(
        self, topics: Sequence[str] | None = None, sources: Sequence[str] | None = None
    ) -> Iterator[Fact]:
        """Every fact, in document order (sources by name, then sentence)."""
        where, args = self._filters(topics, sources)
        yield from map(
            _row_to_fact,
            self.conn.execute(
                f"SELECT {_FACT_COLUMNS} FROM facts JOIN files ON files.id = facts.file_id "
                f"WHERE 1{where} ORDER BY files.name, facts.sentence",
                args,
            ),
        )

    def count_facts(
        self, topics: Sequence[str] | None = None, sources: Sequence[str] | None = None
    ) -> int:
        where, args = self._filters(topics, sources)
        return self.conn.execute(
            f"SELECT count(*) FROM facts JOIN files ON files.id = facts.file_id WHERE 1{where}",
            args,
        ).fetchone()[0]

    def facts_by_ids(self, ids: Sequence[int]) -> dict[int, Fact]:
        out: dict[int, Fact] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            for row in self.conn.execute(
                f"SELECT facts.id, {_FACT_COLUMNS} FROM facts JOIN files ON files.id = "
                f"facts.file_id WHERE facts.id IN ({','.join('?' * len(part))})",
                part,
            ):
                out[row[0]] = _row_to_fact(row[1:])
        return out

    def fact(self, fact_id: str) -> Fact:
        """One fact by its id, ``<file name without .txt>:<sentence>``."""
        stem, sep, num = fact_id.rpartition(":")
        if not sep or not stem or not (num.isascii() and num.isdigit()) or len(num) > 9:
            raise UsageError(f"{fact_id!r} is not a fact id (expected SOURCE:NUMBER, e.g. 003_x:4)")
        # The id's stem is the file name without a .txt ending of any case (Fact.id); a file
        # named exactly like the stem (a single-file corpus "notes.md") matches too.
        row = self.conn.execute(
            f"SELECT {_FACT_COLUMNS} FROM facts JOIN files ON files.id = facts.file_id "
            "WHERE facts.sentence = ? AND ((files.name = ? AND lower(substr(files.name, -4)) "
            "!= '.txt') OR (files.name LIKE ? ESCAPE '\\' AND lower(substr(files.name, -4)) "
            "= '.txt' AND substr(files.name, 1, length(files.name) - 4) = ?)) LIMIT 1",
            (int(num), stem, _like_prefix(stem) + "____", stem),
        ).fetchone()
        if row is None:
            raise FactNotFound(f"no fact {fact_id!r} in corpus {self.corpus_label}")
        return _row_to_fact(row)

    def paragraph(self, fact: Fact) -> list[Fact]:
        """The facts of the paragraph a fact belongs to, in order."""
        return list(
            map(
                _row_to_fact,
                self.conn.execute(
                    f"SELECT {_FACT_COLUMNS} FROM facts JOIN files ON files.id = facts.file_id "
                    "WHERE files.name = ? AND facts.paragraph = ? ORDER BY facts.sentence",
                    (fact.source, fact.paragraph),
                ),
            )
        )

    def topic_counts(self) -> dict[str, dict[str, int]]:
        """Per source, how many facts have each topic."""
        counts: dict[str, dict[str, int]] = {name: {} for name in self.source_names()}
        for name, topics in self.conn.execute(
            "SELECT files.name, facts.topics FROM facts JOIN files ON files.id = facts.file_id"
        ):
            per = counts.setdefault(name, {})
            for t in topics.split():
                per[t] = per.get(t, 0) + 1
        return counts

    # -- what search needs ----------------------------------------------------------------

    def doc_freq(self, terms: Iterable[str]) -> dict[str, int]:
        """How many facts contain each term (0 if none)."""
        need = [t for t in set(terms) if t not in self._df_cache]
        if need:
            for term, doc in self.conn.execute(
                f"SELECT term, doc FROM vocab WHERE term IN ({','.join('?' * len(need))})", need
            ):
                self._df_cache[term] = doc
            for t in need:
                self._df_cache.setdefault(t, 0)
        return {t: self._df_cache[t] for t in terms}

    def vocabulary_near(self, term: str, budget: int) -> list[str]:
        """Index terms that could be a typo's target: the same first character, and a length
        within the edit budget."""
        first = term[0]
        return [
            t
            for (t,) in self.conn.execute(
                "SELECT term FROM vocab WHERE term >= ? AND term < ? "
                "AND length(term) BETWEEN ? AND ?",
                (first, chr(ord(first) + 1), len(term) - budget, len(term) + budget),
            )
        ]

    def count_matches(
        self,
        expr: str,
        topics: Sequence[str] | None = None,
        sources: Sequence[str] | None = None,
        up_to: int | None = None,
    ) -> int:
        """How many facts match an FTS5 expression; with ``up_to``, counting stops there (a
        cheap "more than N?" for large match sets)."""
        matching, args = self._matching(expr, topics, sources)
        inner = f"SELECT 1 {matching}"
        if up_to is not None:
            inner += f" LIMIT {int(up_to)}"
        return self.conn.execute(f"SELECT count(*) FROM ({inner})", args).fetchone()[0]

    def candidates(
        self,
        expr: str,
        limit: int,
        ranked: bool,
        topics: Sequence[str] | None = None,
        sources: Sequence[str] | None = None,
    ) -> list[tuple[int, str]]:
        """(fact id, terms) of facts matching an FTS5 expression: best bm25 first if ranked,
        else in document order."""
        matching, args = self._matching(expr, topics, sources)
        order = "ORDER BY fts.rank" if ranked else "ORDER BY fts.rowid"
        return self.conn.execute(
            f"SELECT fts.rowid, fts.terms {matching} {order} LIMIT ?", (*args, limit)
        ).fetchall()

    def _matching(
        self, expr: str, topics: Sequence[str] | None, sources: Sequence[str] | None
    ) -> tuple[str, list[Any]]:
        """FROM ... WHERE for the facts matching an FTS5 expression and the filters."""
        where, args = self._filters(topics, sources)
        join = (
            " JOIN facts ON facts.id = fts.rowid JOIN files ON files.id = facts.file_id"
            if where
            else ""
        )
        return f"FROM fts{join} WHERE fts MATCH ?{where}", [expr, *args]

    def source_terms(
        self, source: str, topics: Sequence[str] | None, limit: int
    ) -> list[tuple[int, str]]:
        """(fact id, analysed terms) of one source's facts, in document order, at most limit."""
        where, args = self._filters(topics, None)
        return self.conn.execute(
            "SELECT fts.rowid, fts.terms FROM files JOIN facts ON facts.file_id = files.id "
            f"JOIN fts ON fts.rowid = facts.id WHERE files.name = ?{where} "
            "ORDER BY facts.sentence LIMIT ?",
            (source, *args, limit),
        ).fetchall()

    def sources_matching(self, expr: str) -> list[tuple[str, int, int]]:
        """(source, how many of its facts match an FTS5 expression, the first one's number)."""
        return self.conn.execute(
            "SELECT files.name, count(*), min(facts.sentence) FROM fts JOIN facts ON "
            "facts.id = fts.rowid JOIN files ON files.id = facts.file_id WHERE fts MATCH ? "
            "GROUP BY files.name",
            (expr,),
        ).fetchall()

    def terms_by_ids(self, ids: Sequence[int]) -> list[tuple[int, str]]:
        """(fact id, analysed terms) for the given facts."""
        return self.conn.execute(
            f"SELECT rowid, terms FROM fts WHERE rowid IN ({','.join('?' * len(ids))})", ids
        ).fetchall()

    def lead_terms(self, sources: Iterable[str]) -> dict[str, str]:
        """The analysed terms of each source's first fact (its headline or lede)."""
        names = list(dict.fromkeys(sources))
        out: dict[str, str] = {}
        for chunk in range(0, len(names), 500):
            part = names[chunk : chunk + 500]
            out.update(
                self.conn.execute(
                    "SELECT files.name, fts.terms FROM files JOIN facts ON facts.file_id = "
                    "files.id AND facts.sentence = 1 JOIN fts ON fts.rowid = facts.id "
                    f"WHERE files.name IN ({','.join('?' * len(part))})",
                    part,
                ).fetchall()
            )
        return out

    def close(self) -> None:
        self.conn.close()


_FACT_COLUMNS = (
    'files.name, facts.paragraph, facts.sentence, facts.start, facts."end", facts.text, '
    "facts.topics, facts.details, facts.item"
)
_NO_DETAILS = "[[],[],[]]"
# One encoder for every fact: json.dumps with an option builds a new one per call, and the
# details (tuples of strings and numbers) cannot hold a cycle to check for.
_encode_details = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def fts_phrase(term: str) -> str:
    """A term as an FTS5 string, whatever characters it has."""
    return '"' + term.replace('"', '""') + '"'


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _row_to_fact(row: Sequence[Any]) -> Fact:
    name, paragraph, sentence, start, end, text, topics, details, item = row
    evidence, figures, entities = json.loads(details)
    return Fact(
        source=name,
        paragraph=paragraph,
        sentence=sentence,
        start=start,
        end=end,
        text=text,
        topics=tuple(topics.split()),
        evidence=tuple(Evidence(*e) for e in evidence),
        figures=tuple(Figure(*f) for f in figures),
        entities=tuple(Entity(*e) for e in entities),
        item=bool(item),
    )


def _topic_bits(topic_ids: list[str]) -> dict[str, tuple[int, str]]:
    """Each topic's bit in a fact's mask and its index term, worked out once per file."""
    return {t: (1 << i, topic_term(t)) for i, t in enumerate(topic_ids)}


def _fact_row(
    fact: Fact, terms: list[str], bits: dict[str, tuple[int, str]], header: list[str]
) -> tuple[Any, ...]:
    """A fact as stored (without its id and file id); the FTS terms last."""
    mask = 0
    for t in fact.topics:
        mask |= bits[t][0]
    return (
        fact.paragraph,
        fact.sentence,
        fact.start,
        fact.end,
        fact.text,
        " ".join(fact.topics),
        mask,
        # Evidence, figures and names as one compact JSON document: one encode per fact.
        _encode_details([fact.evidence, fact.figures, fact.entities])
        if fact.evidence or fact.figures or fact.entities
        else _NO_DETAILS,
        len(terms),
        int(fact.item),
        # Its topics as terms too: a query word a topic answers ("CUSMA") finds "the pact"; and
        # a table row's header words, after its own (they have no place in its text).
        " ".join([*terms, *map(header_term, header), *[bits[t][1] for t in fact.topics]])
        if fact.topics or header
        else " ".join(terms),
    )


def _listing_digest(files: Sequence[CorpusFile]) -> str:
    """A digest of the files' names and stats: equal digests, the same files, unchanged."""
    try:  # hashlib's own blake2b, without the 2 ms of hashlib's OpenSSL import
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - another Python
        from hashlib import blake2b
    stats = [(f.name, f.size, f.mtime_ns, f.ctime_ns, f.inode) for f in files]
    return blake2b(marshal.dumps(stats), digest_size=16).hexdigest()


def content_hash(data: bytes) -> str:
    import hashlib  # only when a file is read: its OpenSSL import costs a query 2 ms

    return hashlib.sha1(data).hexdigest()


def _parse_file(
    f: CorpusFile, data: bytes | None, an: Analysers
) -> tuple[str, str | None, list[tuple[Any, ...]] | None]:
    """(content hash, warning, rows or None when skipped) for one file."""
    if data is None:
        try:
            data = read_bytes(f)
        except CorpusError as exc:  # unreadable, or gone since it was listed: skipped, said
            return "", f"{exc}, skipped", None
    digest = content_hash(data)
    text, warning = decode(f.name, data)
    if text is None:
        return digest, warning, None
    bits = _topic_bits(an.topics.ids)
    rows = [_fact_row(p.fact, p.terms, bits, p.header) for p in parse_document(f.name, text, an)]
    return digest, warning, rows


_WORKER: Analysers | None = None


def _worker_init(user_topics: Mapping[str, Any] | None) -> None:
    global _WORKER
    # Ctrl-C reaches the whole process group; only the main process answers it. A worker
    # that died of it would break the pool, and Python 3.11's pool thread then dies too
    # (setting an exception on a future Ctrl-C cancelled), leaving a worker blocked on a
    # result no one reads and this process waiting for it at exit (seen once under load).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = Analysers.build(user_topics)


def _worker_parse(
    batch: list[CorpusFile],
) -> list[tuple[str, str | None, list[tuple[Any, ...]] | None]]:
    assert _WORKER is not None
    return [_parse_file(f, None, _WORKER) for f in batch]


class _immediate:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (Ctrl-C included).

    Waiting for another run's write happens here, in short slices, so that Ctrl-C is heard
    while waiting (SQLite's own busy wait is deaf to it)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        if self.conn.in_transaction:  # the read snapshot of an earlier refresh
            self.conn.execute("COMMIT")
        deadline = time.monotonic() + _BUSY_TIMEOUT_S
        self.conn.execute(f"PRAGMA busy_timeout = {_LOCK_SLICE_MS}")
        try:
            while True:
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    return self.conn
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {_READ_TIMEOUT_MS}")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


def _set_wal(conn: sqlite3.Connection) -> None:
    """Put the index in WAL mode. On a new file, two first runs at once can each need the
    exclusive lock this takes; SQLite then answers "locked" at once rather than wait (a wait
    could deadlock), so the later one tries again for as long as a read may wait."""
    deadline = time.monotonic() + _READ_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _connect(
    folder: Path, name: str, warnings: list[str]
) -> tuple[sqlite3.Connection, Path | None]:
    """A connection to the index file, or to memory when the cache folder is unusable. No lock
    is taken: a run that finds the index current only reads (WAL: never waiting for a writer)."""
    path = folder / name
    for attempt in (1, 2):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not os.access(folder, os.W_OK):
                raise PermissionError(13, "not writable")
            conn = sqlite3.connect(path, timeout=_READ_TIMEOUT_MS / 1000, isolation_level=None)
            _set_wal(conn)
            conn.execute("PRAGMA synchronous=NORMAL")
            return conn, path
        except sqlite3.DatabaseError as exc:
            if attempt == 1 and "not a database" in str(exc):
                # A damaged index file is only a cache: start it again.
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
                warnings.append(f"index {path} was damaged; building it again")
                continue
            reason = str(exc)
        except OSError as exc:
            reason = exc.strerror or str(exc)
        break
    warnings.append(f"cache folder {folder} is not usable ({reason}); indexing in memory")
    return sqlite3.connect(":memory:", isolation_level=None), None


def open_index(
    corpus: str | os.PathLike[str] | None = None,
    topics_file: str | os.PathLike[str] | None = None,
    **kwargs: Any,
) -> FactIndex:
    """The index of a corpus (default: $CANTRADE_CORPUS, else the bundled articles)."""
    from .tag import read_user_file

    user = read_user_file(Path(topics_file)) if topics_file else None
    return FactIndex.open(corpus, user, **kwargs)
