"""The command line: parse options, call the core, render. Nothing else happens here.

Exit statuses, as grep and ripgrep: 0 something printed, 1 nothing matched, 2 an error (130 on
Ctrl-C). Core errors become statuses in one place (``_errors``); option errors, broken pipes and
Ctrl-C in ``main``. Data goes to stdout, warnings and errors to stderr, one line each.
"""

# No ``from __future__ import annotations`` here: Typer reads every command's annotations on each
# run, and evaluating them from strings cost about 3 ms of start-up.
import functools
import os
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from . import __version__
from .errors import CantradeError, UsageError

if TYPE_CHECKING:
    from .index import FactIndex

F = TypeVar("F", bound=Callable[..., Any])

EXAMPLES_ASK = """
Examples:

  cantrade ask "steel tariff"

  cantrade ask "stel tarif" --limit 3

  cantrade ask "when did carney meet sheinbaum"

  cantrade ask "cusma review" --topic usmca_review --json | jq '.results[0].text'

  cantrade ask "border" --corpus ~/news --source reuters_
"""

app = typer.Typer(
    name="cantrade",
    help="Fact lookup over news articles: sentence-level facts, their topics, figures and names, "
    "and fuzzy search. Runs over the bundled articles on the December 2025 Carney–Sheinbaum "
    "meeting, or your own folder of .txt files (--corpus or $CANTRADE_CORPUS).",
    epilog='Exit status: 0 found, 1 nothing matched, 2 error. Try: cantrade ask "steel tariff"',
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


MAX_SOURCE_COLUMNS = 6


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


# -- options shared by the commands, defined once ---------------------------------------------

CorpusOpt = Annotated[
    str | None,
    typer.Option(
        "--corpus",
        "-c",
        metavar="PATH",
        help="A folder of .txt files, or one file. Default: $CANTRADE_CORPUS, else the bundled "
        "articles.",
    ),
]
TopicsFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--topics",
        metavar="FILE",
        help="A TOML file of your own topics (and synonyms, names) added to the bundled ones.",
    ),
]
TopicOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--topic",
        "-t",
        metavar="TOPIC",
        help="Only facts with this topic (id or label; repeatable).",
    ),
]
SourceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--source",
        "-s",
        metavar="FILE",
        help="Only facts from this source (file name or a unique prefix; repeatable).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document (see README).")]
JsonlOpt = Annotated[bool, typer.Option("--jsonl", help="Print one JSON object per line.")]
ColorOpt = Annotated[
    Color,
    typer.Option(
        "--color", help="Colour and tables: auto (a terminal without NO_COLOR), always, never."
    ),
]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"cantrade {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", is_eager=True, callback=_version, help="Show the version."),
    ] = False,
) -> None:
    """Fact lookup over news articles."""


# -- plumbing ---------------------------------------------------------------------------------


def warn(message: str) -> None:
    from .render import safe

    sys.stderr.write(f"cantrade: warning: {safe(message)}\n")


def _quiet_stdout() -> None:
    """The reader went away (`| head -1`): send the rest to /dev/null and stop quietly, as
    ripgrep does, so no flush at exit can complain."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _errors(fn: F) -> F:
    """The one place core errors become exit statuses and one-line messages."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            code = fn(*args, **kwargs)
            sys.stdout.flush()
        except CantradeError as exc:
            from .render import safe

            sys.stderr.write(f"cantrade: error: {safe(str(exc))}\n")
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(0) from None
        raise typer.Exit(code or 0)

    return wrapper  # type: ignore[return-value]


def _open(
    corpus: str | None, topics_file: Path | None, *, rebuild: bool = False, progress: Any = None
) -> "FactIndex":
    from .index import open_index

    index = open_index(corpus, topics_file, rebuild=rebuild, progress=progress)
    for w in index.warnings:
        warn(w)
    return index


def _format(json_flag: bool, jsonl_flag: bool, color: Color) -> str:
    from .render import choose_format

    return choose_format(
        json_flag=json_flag,
        jsonl_flag=jsonl_flag,
        is_tty=sys.stdout.isatty(),
        no_color=bool(os.environ.get("NO_COLOR")),
        color=color.value,
    )


def _emit(
    fmt: str,
    color: Color,
    doc: Any,
    items: Sequence[Any],
    plain: Callable[[Any], None],
    table: Callable[[], Any],
) -> None:
    """Print a command's answer in the chosen format: the whole document, one item per line,
    plain text, or a table (only when there is something to show)."""
    from . import render

    if fmt == "json":
        render.write_json(doc, sys.stdout)
    elif fmt == "jsonl":
        render.write_jsonl(items, sys.stdout)
    elif fmt == "plain":
        plain(sys.stdout)
    elif items:
        _console(color).print(table())


def _console(color: Color) -> Any:
    from rich.console import Console

    return Console(force_terminal=True if color == Color.always else None, highlight=False)


def _check_limit(limit: int | None) -> None:
    if limit is not None and limit < 1:
        raise UsageError(f"--limit must be at least 1 (got {limit})")


def _filters(
    index: "FactIndex", topics: Sequence[str] | None, sources: Sequence[str] | None
) -> tuple[list[str] | None, list[str] | None]:
    t = [index.analysers.topics.resolve(x) for x in topics] if topics else None
    s = index.resolve_sources(sources) if sources else None
    return t, s


# -- commands ---------------------------------------------------------------------------------


@app.command(epilog=EXAMPLES_ASK)
@_errors
def ask(
    query: Annotated[str, typer.Argument(help="What to look for: words, a phrase or a question.")],
    corpus: CorpusOpt = None,
    topic: TopicOpt = None,
    source: SourceOpt = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", help="How many facts to show, best first.")
    ] = 10,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    topics_file: TopicsFileOpt = None,
    color: ColorOpt = Color.auto,
) -> int:
    """The facts that answer QUERY, best first: typos, synonyms and simple questions welcome."""
    from .search import search

    _check_limit(limit)
    if not query.strip():
        raise UsageError(
            'empty query: give some words to look for, e.g. cantrade ask "steel tariff"'
        )
    index = _open(corpus, topics_file)
    t, s = _filters(index, topic, source)
    result = search(index, query, limit=limit, topics=t, sources=s)
    for w in result.query.warnings:
        warn(w)
    fmt = _format(json_, jsonl, color)
    from . import render

    title = f"{result.total} fact{'s' if result.total != 1 else ''} for “{query}”"
    if result.total > len(result.hits):
        title += f" (best {len(result.hits)})"
    doc = render.ask_doc(query, index.corpus_label, result.total, result.hits)
    _emit(
        fmt,
        color,
        doc,
        doc["results"],
        lambda out: render.plain_hits(result.hits, out),
        lambda: render.hits_table(result.hits, title),
    )
    if not result.hits and fmt in ("plain", "table"):
        sys.stderr.write(f"cantrade: nothing matched {render.safe(query)!r}\n")
    return 0 if result.hits else 1


@app.command(
    epilog="Examples:\n\n  cantrade facts --topic tariffs\n\n"
    "  cantrade facts --jsonl | head -1\n\n  cantrade facts --source 003 --json"
)
@_errors
def facts(
    corpus: CorpusOpt = None,
    topic: TopicOpt = None,
    source: SourceOpt = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", help="Show at most this many facts.")
    ] = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    topics_file: TopicsFileOpt = None,
    color: ColorOpt = Color.auto,
) -> int:
    """Every fact, in document order: its id, text and topics."""
    _check_limit(limit)
    index = _open(corpus, topics_file)
    t, s = _filters(index, topic, source)
    from . import render

    fmt = _format(json_, jsonl, color)
    items = islice(index.facts(t, s), limit)
    if fmt == "jsonl":  # streamed, a line as each fact is read
        n = 0
        for f in items:
            render.write_jsonl([render.fact_dict(f)], sys.stdout)
            n += 1
        return 0 if n else 1
    chosen = list(items)
    _emit(
        fmt,
        color,
        render.facts_doc(index.corpus_label, chosen, index.count_facts(t, s))
        if fmt == "json"
        else None,
        chosen,
        lambda out: render.plain_facts(chosen, out),
        lambda: render.facts_table(chosen, f"{len(chosen)} facts"),
    )
    return 0 if chosen else 1


@app.command(
    epilog="Examples:\n\n  cantrade topics\n\n  cantrade topics --json | jq '.topics[].id'"
)
@_errors
def topics(
    corpus: CorpusOpt = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    topics_file: TopicsFileOpt = None,
    color: ColorOpt = Color.auto,
) -> int:
    """The topics, what defines each, and how many facts each source has per topic."""
    index = _open(corpus, topics_file)
    from . import render

    counts = index.topic_counts()
    doc = render.topics_doc(index.corpus_label, index.analysers.topics.topics, counts)
    # A column per source while they fit; for an archive, the totals (JSON has every source).
    per_source = list(counts) if len(counts) <= MAX_SOURCE_COLUMNS else []
    columns = ["topic", "label", "facts", *per_source, "about"]
    rows = [
        [
            d["id"],
            d["label"],
            d["facts"],
            *(d["by_source"][n] for n in per_source),
            d["description"],
        ]
        for d in doc["topics"]
    ]
    _emit(
        _format(json_, jsonl, color),
        color,
        doc,
        doc["topics"],
        lambda out: render.plain_rows(rows, out),
        lambda: render.rows_table(columns, rows, "Topics"),
    )
    return 0


@app.command(epilog="Examples:\n\n  cantrade sources\n\n  cantrade sources --corpus ~/news --json")
@_errors
def sources(
    corpus: CorpusOpt = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    topics_file: TopicsFileOpt = None,
    color: ColorOpt = Color.auto,
) -> int:
    """The documents: file name, number of facts, first sentence."""
    index = _open(corpus, topics_file)
    from . import render

    doc = render.sources_doc(index.corpus_label, index.sources())
    rows = [[d["name"], d["facts"], d["first_sentence"]] for d in doc["sources"]]
    _emit(
        _format(json_, jsonl, color),
        color,
        doc,
        doc["sources"],
        lambda out: render.plain_rows(rows, out),
        lambda: render.rows_table(
            ["source", "facts", "first sentence"], rows, f"Sources of {index.corpus_label}"
        ),
    )
    docs = doc["sources"]
    return 0 if docs else 1


@app.command(
    epilog="Examples:\n\n  cantrade show 003_e03bf9867b15315f:4\n\n"
    "  cantrade show 000_f06eaa97497e30ce:2 --json | jq .corroborated_by"
)
@_errors
def show(
    fact_id: Annotated[str, typer.Argument(metavar="ID", help="A fact id, SOURCE:NUMBER.")],
    corpus: CorpusOpt = None,
    json_: JsonOpt = False,
    topics_file: TopicsFileOpt = None,
    color: ColorOpt = Color.auto,
) -> int:
    """One fact with its paragraph, its topics and why, its figures and names, and the facts in
    other sources that say the same or the opposite."""
    from . import render
    from .compare import relate

    index = _open(corpus, topics_file)
    fact = index.fact(fact_id)
    context = index.paragraph(fact)
    related = relate(index, fact)
    doc = render.show_doc(fact, context, related)
    fmt = _format(json_, False, color)
    if fmt == "json":
        render.write_json(doc, sys.stdout)
    elif fmt == "plain":
        render.plain_show(doc, sys.stdout)
    else:
        _console(color).print(render.show_table(doc))
    return 0


@app.command(epilog="Examples:\n\n  cantrade index --corpus ~/news\n\n  cantrade index --rebuild")
@_errors
def index(
    corpus: CorpusOpt = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Parse every file again.")] = False,
    json_: JsonOpt = False,
    topics_file: TopicsFileOpt = None,
) -> int:
    """Build or refresh the index of a corpus now (other commands do it when needed)."""
    progress, stop = _progress_bar()
    try:
        idx = _open(corpus, topics_file, rebuild=rebuild, progress=progress)
    finally:
        stop()
    st = idx.stats
    assert st is not None
    doc = {
        "corpus": idx.corpus_label,
        "index": str(idx.db_path) if idx.db_path else None,
        "files": st.files,
        "parsed": st.parsed,
        "removed": st.removed,
        "facts": st.facts,
        "seconds": round(st.seconds, 3),
    }
    if json_:
        from .render import write_json

        write_json(doc, sys.stdout)
    else:
        sys.stdout.write(
            f"{st.files} files ({st.parsed} parsed, {st.removed} removed), {st.facts} facts, "
            f"{st.seconds:.2f} s -> {doc['index'] or 'memory'}\n"
        )
    return 0


@app.command(
    epilog="Examples:\n\n  cantrade compare\n\n  cantrade compare --json | jq '.conflicts'\n\n"
    "  cantrade compare --corpus ~/news --source reuters_ --source ap_"
)
@_errors
def compare(
    corpus: CorpusOpt = None,
    source: SourceOpt = None,
    json_: JsonOpt = False,
    topics_file: TopicsFileOpt = None,
    color: ColorOpt = Color.auto,
) -> int:
    """The sources side by side: facts more than one source confirms, facts only one source
    reports, and facts that conflict."""
    from . import render
    from .compare import compare_sources

    index = _open(corpus, topics_file)
    _, s = _filters(index, None, source)
    doc = render.compare_doc(index.corpus_label, compare_sources(index, s))
    found = bool(doc["confirmed"] or doc["single_source"] or doc["conflicts"])
    fmt = _format(json_, False, color)
    if fmt == "json":
        render.write_json(doc, sys.stdout)
    elif fmt == "plain":
        render.plain_compare(doc, sys.stdout)
    else:
        console = _console(color)
        for table in render.compare_tables(doc):
            console.print(table)
    return 0 if found else 1


def _progress_bar() -> tuple[Any, Callable[[], None]]:
    """A Rich progress bar on stderr when stderr is a terminal, else nothing."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)
    task = bar.add_task("indexing", total=None)
    bar.start()

    def update(done: int, todo: int, n_facts: int) -> None:
        bar.update(task, completed=done, total=todo, description=f"indexing ({n_facts} facts)")

    return update, bar.stop


# -- entry point ------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    """The ``cantrade`` command: option errors in one line, quiet on a closed pipe."""
    from typer._click.exceptions import ClickException

    # Started with stdout or stderr closed (`>&-`): write into the void rather than fail.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115

    try:
        try:
            code = app(args=argv, prog_name="cantrade", standalone_mode=False)
            sys.stdout.flush()
        except ClickException as exc:
            hint = ""
            ctx = getattr(exc, "ctx", None)
            if ctx is not None:
                hint = f" (see '{ctx.command_path} --help')"
            sys.stderr.write(f"cantrade: error: {exc.format_message()}{hint}\n")
            code = 2 if exc.exit_code == 2 else exc.exit_code
        except typer.Abort:
            code = 130
        except KeyboardInterrupt:
            sys.stderr.write("cantrade: interrupted\n")
            code = 130
    except BrokenPipeError:
        _quiet_stdout()
        code = 0
    sys.exit(code if isinstance(code, int) else 0)
