"""The cache folder, the bundled data files (``data/*.toml``) kept there as JSON, and what the
analysis derives from them (``load_derived``).

``ask`` reads the lexicon and the topics on every run; JSON loads them about twenty times faster
than TOML (0.2 ms against 3.5 ms), and tomllib is then not imported at all. The JSON copy is
named by a checksum of the TOML file's bytes, so an edited or upgraded data file is parsed afresh
(old copies stay: two installed versions sharing a cache keep one each, a few kilobytes).
"""

from __future__ import annotations

import json
import marshal
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def cache_dir() -> Path:
    """Where index files live: $CANTRADE_CACHE_DIR, $XDG_CACHE_HOME/cantrade, ~/.cache/cantrade."""
    if d := os.environ.get("CANTRADE_CACHE_DIR"):
        return Path(d).expanduser()
    if d := os.environ.get("XDG_CACHE_HOME"):
        return Path(d).expanduser() / "cantrade"
    return Path.home() / ".cache" / "cantrade"


def data_key(*parts: bytes | str) -> str:
    """A checksum of what something derives from (data files' bytes, modules' sources,
    versions), to name its copy in the cache."""
    crc = 0
    for part in parts:
        crc = zlib.crc32(part if isinstance(part, bytes) else part.encode(), crc)
    return f"{crc:08x}"


def source_of(module_file: str) -> bytes:
    """A module's own source, which derived data depends on (read as bytes: cheap)."""
    try:
        return Path(module_file).read_bytes()
    except OSError:
        return b""  # no source beside the bytecode: the key still holds the data's checksums


def load_derived(
    name: str, key: str, fields: tuple[str, ...], build: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """What the analysis derives from the bundled data on every run (the lexicon's analysed
    phrases and synonyms, the topics' terms by word), kept in the cache as marshal under ``key``
    (``data_key`` of what it derives from): built afresh when that changes, or when the copy is
    missing, unreadable, damaged or not a table of these ``fields``. ``build`` returns that
    table, of what marshal can hold. The copy starts with its body's checksum and length, checked
    before it is read: marshal trusts its input, and a damaged copy could crash every run."""
    copy = cache_dir() / "data" / f"{name}-{key}-v{_DERIVED_FORMAT}.marshal"
    value = None
    try:
        raw = copy.read_bytes()
        body = raw[8:]
        if raw[:8] == _derived_header(body):
            value = marshal.loads(body)
    except (OSError, ValueError, EOFError, TypeError):
        pass  # none yet, or unreadable: build it, and try to keep a copy
    if isinstance(value, dict) and set(value) == set(fields):
        return value
    value = build()
    body = marshal.dumps(value)
    _keep(copy, _derived_header(body) + body)
    return value


_DERIVED_FORMAT = 1  # the layout of a derived copy, in its name


def _derived_header(body: bytes) -> bytes:
    return zlib.crc32(body).to_bytes(4, "big") + len(body).to_bytes(4, "big")


def _keep(copy: Path, data: bytes) -> None:
    """Write a cache file whole under another name first, so that a concurrent run reads all of
    it or none; a read-only cache only loses the speed-up."""
    import tempfile

    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=copy.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o644)  # as the index files: readable by whoever shares the cache
            os.replace(tmp, copy)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except (OSError, ValueError):
        pass


def load_bundled(name: str) -> dict[str, Any]:
    """A bundled data file, parsed: from its JSON copy in the cache when there is one."""
    raw = (DATA / name).read_bytes()
    copy = cache_dir() / "data" / f"{Path(name).stem}-{zlib.crc32(raw):08x}-{len(raw)}.json"
    try:
        return json.loads(copy.read_bytes())  # type: ignore[no-any-return]
    except (OSError, ValueError):
        pass  # none yet, or unreadable: parse the TOML, and try to keep a copy
    import tomllib

    data = tomllib.loads(raw.decode("utf-8"))
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):
        return data  # data JSON cannot hold (a date): only the speed-up is lost
    _keep(copy, text.encode("utf-8"))
    return data
