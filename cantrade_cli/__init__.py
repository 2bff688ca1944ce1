"""cantrade: fact lookup over news articles."""

__version__ = "0.1.0"
