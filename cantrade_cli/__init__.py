"""cantrade: fact lookup over news articles.

The Python API, for scripts that prefer Python to the shell::

    from cantrade_cli import ask, open_index, relate

    index = open_index("~/news")            # or None for the bundled articles
    for hit in ask(index, "steel tariff", limit=3).hits:
        print(hit.rank, hit.score, hit.fact.id, hit.fact.text)

    fact = index.fact("003_e03bf9867b15315f:4")
    print(fact.topics, fact.figures, relate(index, fact).conflicts)

Names are imported on first use, so `import cantrade_cli` stays cheap for the command line.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

# name -> (module, attribute). `ask` is search.search: a name that is not also a submodule.
_API = {
    "open_index": ("index", "open_index"),
    "FactIndex": ("index", "FactIndex"),
    "ask": ("search", "search"),
    "SearchResult": ("search", "SearchResult"),
    "relate": ("compare", "relate"),
    "compare_sources": ("compare", "compare_sources"),
    "parse_document": ("pipeline", "parse_document"),
    "Fact": ("models", "Fact"),
    "Hit": ("models", "Hit"),
    "Figure": ("models", "Figure"),
    "Entity": ("models", "Entity"),
    "Evidence": ("models", "Evidence"),
    "Match": ("models", "Match"),
    "CantradeError": ("errors", "CantradeError"),
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    where = _API.get(name)
    if where is None:
        raise AttributeError(f"module 'cantrade_cli' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"cantrade_cli.{where[0]}"), where[1])
