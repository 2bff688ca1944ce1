"""The small public Python API."""

from __future__ import annotations

import subprocess
import sys

import cantrade_cli


def test_api_names_resolve():
    for name in cantrade_cli.__all__:
        assert getattr(cantrade_cli, name) is not None


def test_api_round_trip():
    from cantrade_cli import ask, open_index, relate

    index = open_index(None)
    hit = ask(index, "steel tariff", limit=1).hits[0]
    assert hit.fact.id == "003_e03bf9867b15315f:4"
    assert "tariffs" in hit.fact.topics
    assert relate(index, index.fact("003_e03bf9867b15315f:1")).conflicts


def test_core_modules_never_import_typer_or_rich():
    code = (
        "import sys; import cantrade_cli.index, cantrade_cli.search, cantrade_cli.compare, "
        "cantrade_cli.pipeline, cantrade_cli.extract, cantrade_cli.segment, cantrade_cli.tag; "
        "print(sorted(m for m in ('typer', 'rich') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_json_output_path_does_not_import_rich(tmp_path):
    code = (
        "import sys; from cantrade_cli.cli import main\n"
        "sys.argv = ['cantrade', 'ask', 'steel tariff', '--json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(str('rich' in sys.modules))"
    )
    env = {"CANTRADE_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stderr.strip().endswith("False")
