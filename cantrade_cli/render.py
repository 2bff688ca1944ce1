"""Rendering: the output format chosen in one place, JSON documents, plain text, Rich tables.

JSON is the documented contract (``data/schema.json``); its builders here are the only place
records become JSON. Rich is imported only for the table format, so ``--json`` never pays for it.
Text from articles is shown literally: Rich markup in it is not interpreted (it is put in
``Text`` objects, never parsed as markup) and control characters such as terminal escape codes
are replaced by visible escapes before anything reaches a terminal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any, Literal

from .models import Evidence, Fact, Hit

Format = Literal["json", "jsonl", "table", "plain"]

_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def choose_format(
    *, json_flag: bool, jsonl_flag: bool, is_tty: bool, no_color: bool, color: str = "auto"
) -> Format:
    """--json always wins, then --jsonl; a table for a terminal (or --color always), else text."""
    if json_flag:
        return "json"
    if jsonl_flag:
        return "jsonl"
    if color == "always":
        return "table"
    if color == "never" or no_color or not is_tty:
        return "plain"
    return "table"


def safe(text: str) -> str:
    """Text with control characters (escape codes included) made visible: ESC -> \\x1b; a tab
    becomes a space (it would break the columns of plain output)."""
    return _CONTROL_RE.sub(lambda m: " " if m.group() == "\t" else f"\\x{ord(m.group()):02x}", text)


# -- JSON documents -------------------------------------------------------------------------


def evidence_dict(e: Evidence) -> dict[str, str]:
    return {"topic": e.topic, "kind": e.kind, "text": e.text}


def fact_dict(f: Fact) -> dict[str, Any]:
    return {
        "id": f.id,
        "source": f.source,
        "paragraph": f.paragraph,
        "sentence": f.sentence,
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "topics": list(f.topics),
        "evidence": [evidence_dict(e) for e in f.evidence],
        "figures": [
            {
                "text": g.text,
                "kind": g.kind,
                "value": g.value,
                "unit": g.unit,
                "start": g.start,
                "end": g.end,
            }
            for g in f.figures
        ],
        "entities": [
            {"text": e.text, "kind": e.kind, "name": e.name, "start": e.start, "end": e.end}
            for e in f.entities
        ],
    }


def hit_dict(h: Hit) -> dict[str, Any]:
    d: dict[str, Any] = {"rank": h.rank, "score": h.score, "matched": h.matched}
    d.update(fact_dict(h.fact))
    d["matches"] = [{"query": m.query, "text": m.text, "how": m.how} for m in h.matches]
    return d


def ask_doc(query: str, corpus: str, total: int, hits: Sequence[Hit]) -> dict[str, Any]:
    return {
        "query": query,
        "corpus": corpus,
        "total": total,
        "results": [hit_dict(h) for h in hits],
    }


def facts_doc(corpus: str, facts: Sequence[Fact], total: int | None = None) -> dict[str, Any]:
    """`total` counts the facts before --limit, as in `ask`."""
    return {
        "corpus": corpus,
        "total": len(facts) if total is None else total,
        "facts": [fact_dict(f) for f in facts],
    }


def topics_doc(
    corpus: str, topics: Sequence[Any], counts: Mapping[str, Mapping[str, int]]
) -> dict[str, Any]:
    docs = [
        {
            "id": t.id,
            "label": t.label,
            "description": t.description,
            "terms": list(t.terms),
            "context": list(t.context),
            "facts": sum(per.get(t.id, 0) for per in counts.values()),
            "by_source": {name: per.get(t.id, 0) for name, per in counts.items()},
        }
        for t in topics
    ]
    return {"corpus": corpus, "total": len(docs), "topics": docs}


def sources_doc(corpus: str, sources: Sequence[Any]) -> dict[str, Any]:
    docs = [{"name": s.name, "facts": s.facts, "first_sentence": s.first_sentence} for s in sources]
    return {"corpus": corpus, "total": len(docs), "sources": docs}


def write_json(doc: Any, out: IO[str]) -> None:
    out.write(json.dumps(doc, ensure_ascii=False, indent=2))
    out.write("\n")


def write_jsonl(items: Iterable[Any], out: IO[str]) -> None:
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False))
        out.write("\n")


# -- plain text -----------------------------------------------------------------------------


def plain_hits(hits: Sequence[Hit], out: IO[str]) -> None:
    """One line per hit, grep style: rank, score, id, text."""
    for h in hits:
        out.write(f"{h.rank}\t{h.score:.2f}\t{safe(h.fact.id)}\t{safe(h.fact.text)}\n")


def plain_rows(rows: Iterable[Sequence[Any]], out: IO[str]) -> None:
    """Tab-separated rows, control characters made visible."""
    for row in rows:
        out.write("\t".join(safe(str(x)) for x in row) + "\n")


def plain_facts(facts: Iterable[Fact], out: IO[str]) -> None:
    for f in facts:
        topics = ",".join(f.topics) or "-"
        out.write(f"{safe(f.id)}\t{safe(topics)}\t{safe(f.text)}\n")


# -- Rich tables ----------------------------------------------------------------------------


def highlighted(text: str, words: Iterable[str]) -> Any:
    """A Rich Text of a fact with the matched words in bold (never parsed as markup)."""
    from rich.text import Text

    t = Text(safe(text))
    for w in set(words):
        if w:
            t.highlight_words([safe(w)], style="bold magenta", case_sensitive=True)
    return t


def hits_table(hits: Sequence[Hit], title: str) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(safe(title)), show_lines=False, expand=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("score", justify="right")
    table.add_column("fact", style="cyan", no_wrap=True)
    table.add_column("text", ratio=1)
    table.add_column("topics", style="green")
    for h in hits:
        table.add_row(
            str(h.rank),
            f"{h.score:.2f}",
            Text(safe(h.fact.id)),
            highlighted(h.fact.text, h.matched),
            Text(safe(", ".join(h.fact.topics))),
        )
    return table


def facts_table(facts: Iterable[Fact], title: str) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(safe(title)))
    table.add_column("fact", style="cyan", no_wrap=True)
    table.add_column("text", ratio=1)
    table.add_column("topics", style="green")
    for f in facts:
        table.add_row(Text(safe(f.id)), Text(safe(f.text)), Text(safe(", ".join(f.topics))))
    return table


def key_value_table(rows: Sequence[tuple[str, Any]], title: str | None = None) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(safe(title)) if title else None, show_header=False)
    table.add_column("", style="bold")
    table.add_column("", ratio=1)
    for k, v in rows:
        table.add_row(Text(safe(k)), v if not isinstance(v, str) else Text(safe(v)))
    return table


def rows_table(columns: Sequence[str], rows: Sequence[Sequence[str]], title: str) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(safe(title)))
    for i, c in enumerate(columns):
        numeric = bool(rows) and all(str(r[i]).isdigit() for r in rows)
        table.add_column(Text(safe(c)), justify="right" if numeric else "left")
    for r in rows:
        table.add_row(*(Text(safe(str(x))) for x in r))
    return table


# -- show -----------------------------------------------------------------------------------


def show_doc(fact: Fact, context: Sequence[Fact], related: Any) -> dict[str, Any]:
    """The `show --json` document: the fact, its paragraph, evidence, corroboration, conflicts."""
    evidence: dict[str, list[dict[str, str]]] = {}
    for e in fact.evidence:
        evidence.setdefault(e.topic, []).append(evidence_dict(e))
    return {
        "fact": fact_dict(fact),
        "context": [fact_dict(f) for f in context],
        "topic_evidence": evidence,
        **related_dicts(related),
    }


def related_dicts(related: Any) -> dict[str, list[dict[str, Any]]]:
    """A fact's corroborations and conflicts as JSON (for `show` and `compare`)."""
    return {
        "corroborated_by": [
            {
                "id": c.fact.id,
                "source": c.fact.source,
                "text": c.fact.text,
                "similarity": c.similarity,
            }
            for c in related.corroborated_by
        ],
        "conflicts": [
            {
                "id": c.fact.id,
                "source": c.fact.source,
                "text": c.fact.text,
                "about": c.about,
                "this": c.this,
                "other": c.other,
            }
            for c in related.conflicts
        ],
    }


def _figure_line(g: Mapping[str, Any]) -> str:
    unit = f" {g['unit']}" if g["unit"] else ""
    return f"{g['text']} ({g['kind']}: {g['value']}{unit})"


def _show_lines(doc: Mapping[str, Any]) -> list[tuple[str, str]]:
    f = doc["fact"]
    lines: list[tuple[str, str]] = [
        ("fact", f["id"]),
        ("text", f["text"]),
        (
            "source",
            f"{f['source']}, paragraph {f['paragraph']}, sentence {f['sentence']}, "
            f"characters {f['start']}-{f['end']}",
        ),
        ("paragraph", " ".join(c["text"] for c in doc["context"])),
    ]
    for topic, evs in doc["topic_evidence"].items():
        lines.append((f"topic {topic}", "; ".join(f"{e['kind']}: {e['text']}" for e in evs)))
    if not doc["topic_evidence"]:
        lines.append(("topics", "-"))
    lines.append(("figures", "; ".join(_figure_line(g) for g in f["figures"]) or "-"))
    lines.append(
        (
            "names",
            "; ".join(f"{e['text']} ({e['kind']}: {e['name']})" for e in f["entities"]) or "-",
        )
    )
    for c in doc["corroborated_by"]:
        lines.append(("confirmed by", f"{c['id']} ({c['similarity']:.2f}): {c['text']}"))
    if not doc["corroborated_by"]:
        lines.append(("confirmed by", "no other source"))
    for c in doc["conflicts"]:
        lines.append(
            (
                f"conflict ({c['about']})",
                f"{c['id']}: this says {c['this']}, it says {c['other']}: {c['text']}",
            )
        )
    return lines


def plain_show(doc: Mapping[str, Any], out: IO[str]) -> None:
    for key, value in _show_lines(doc):
        out.write(f"{safe(key)}:\t{safe(value)}\n")


def show_table(doc: Mapping[str, Any]) -> Any:
    return key_value_table(_show_lines(doc), title=f"Fact {doc['fact']['id']}")


# -- compare --------------------------------------------------------------------------------


def compare_doc(corpus: str, comparison: Any) -> dict[str, Any]:
    def item(fact: Fact, related: Any = None) -> dict[str, Any]:
        d: dict[str, Any] = {"id": fact.id, "source": fact.source, "text": fact.text}
        if related is not None:
            both = related_dicts(related)
            d["confirmed_by"] = both["corroborated_by"]
            d["conflicts"] = both["conflicts"]
        return d

    return {
        "corpus": corpus,
        "sources": comparison.sources,
        "confirmed": [item(f, r) for f, r in comparison.confirmed],
        "single_source": [item(f) for f in comparison.single_source],
        "conflicts": [item(f, r) for f, r in comparison.conflicts],
    }


def plain_compare(doc: Mapping[str, Any], out: IO[str]) -> None:
    for d in doc["confirmed"]:
        others = ", ".join(c["id"] for c in d["confirmed_by"])
        out.write(f"confirmed\t{safe(d['id'])}\t{safe(others)}\t{safe(d['text'])}\n")
    for d in doc["single_source"]:
        out.write(f"single\t{safe(d['id'])}\t-\t{safe(d['text'])}\n")
    for d in doc["conflicts"]:
        for c in d["conflicts"]:
            out.write(
                f"conflict\t{safe(d['id'])}\t{safe(c['id'])}\t{c['about']}: "
                f"{safe(c['this'])} / {safe(c['other'])}\n"
            )


def compare_tables(doc: Mapping[str, Any]) -> list[Any]:
    from rich.table import Table
    from rich.text import Text

    confirmed = Table(title="Confirmed by more than one source")
    confirmed.add_column("fact", style="cyan", no_wrap=True)
    confirmed.add_column("text", ratio=1)
    confirmed.add_column("also in", style="green")
    for d in doc["confirmed"]:
        confirmed.add_row(
            Text(safe(d["id"])),
            Text(safe(d["text"])),
            Text("\n".join(safe(c["id"]) for c in d["confirmed_by"])),
        )
    single = rows_table(
        ["fact", "text"],
        [[d["id"], d["text"]] for d in doc["single_source"]],
        "Reported by one source only",
    )
    conflicts = Table(title="Conflicts")
    conflicts.add_column("fact", style="cyan", no_wrap=True)
    conflicts.add_column("other", style="cyan", no_wrap=True)
    conflicts.add_column("about")
    conflicts.add_column("this says / the other says", ratio=1)
    for d in doc["conflicts"]:
        for c in d["conflicts"]:
            conflicts.add_row(
                Text(safe(d["id"])),
                Text(safe(c["id"])),
                Text(c["about"]),
                Text(safe(f"{c['this']} / {c['other']}")),
            )
    return [confirmed, single, conflicts]
