"""Shared fixtures: every test gets its own cache folder and no corpus from the environment."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cantrade_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
SCHEMA = json.loads((ROOT / "cantrade_cli" / "data" / "schema.json").read_text("utf-8"))


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CANTRADE_CACHE_DIR", str(cache))
    for var in ("CANTRADE_CORPUS", "NO_COLOR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(var, raising=False)
    return cache


@pytest.fixture
def make_corpus(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Write {file name: text or bytes} to a fresh folder and return it."""

    def make(files: dict[str, str | bytes]) -> Path:
        folder = tmp_path / f"corpus{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        for name, content in files.items():
            p = folder / name
            p.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                p.write_bytes(content)
            else:
                p.write_text(content, encoding="utf-8")
        return folder

    return make


class Run:
    """The CLI run in-process through Typer's CliRunner."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict[str, str] | None = None) -> Any:
        return self.runner.invoke(app, list(args), env=env)

    def json(self, *args: str, expect: int = 0) -> Any:
        result = self(*args)
        assert result.exit_code == expect, (result.exit_code, result.stdout, result.stderr)
        return json.loads(result.stdout)


@pytest.fixture
def run() -> Run:
    return Run()


def validate(doc: Any, name: str) -> None:
    """Validate a JSON document against the project's schema, by document name."""
    import jsonschema

    schema = {**SCHEMA, "$ref": f"#/$defs/{name}"}
    jsonschema.validate(doc, schema)
