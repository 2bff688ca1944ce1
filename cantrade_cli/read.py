"""Reading the corpus: which files, decoded how, and what to warn about.

A corpus is a folder of ``.txt`` files (searched recursively, hidden files and folders skipped,
as ripgrep does) or one file of any name. Text is UTF-8 (a BOM is dropped); a file that is not
valid UTF-8 is decoded with replacement characters and a warning; a file with NUL bytes is binary
and skipped with a warning; an empty file simply has no facts.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from .errors import CorpusError

BUNDLED = "bundled"
ENV_CORPUS = "CANTRADE_CORPUS"


class CorpusFile(NamedTuple):
    """A file of the corpus as found on disk, before it is read."""

    name: str  # path relative to the corpus root, with "/" (the file name for a flat folder)
    path: str
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int


class CorpusLocation(NamedTuple):
    """Where the corpus is: its root and how the user named it ("bundled" for the seeds)."""

    root: Path
    label: str
    single_file: bool


def bundled_seeds() -> Path:
    """The bundled articles: inside the installed package, or the checkout's seeds/ folder."""
    packaged = Path(__file__).with_name("seeds")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds"


def locate_corpus(path: str | os.PathLike[str] | None) -> CorpusLocation:
    """The corpus named by ``--corpus``, else ``$CANTRADE_CORPUS``, else the bundled seeds."""
    if path is None or str(path) == "":
        path = os.environ.get(ENV_CORPUS) or None
    if path is None:
        return CorpusLocation(bundled_seeds(), BUNDLED, False)
    p = Path(path).expanduser()
    label = display_name(str(path))  # a path may hold bytes that are not UTF-8
    if not p.exists():
        raise CorpusError(f"{label}: no such file or folder")
    p = p.resolve()
    if p.is_file():
        return CorpusLocation(p, label, True)
    if not p.is_dir():
        raise CorpusError(f"{label}: not a file or folder")
    return CorpusLocation(p, label, False)


def list_files(loc: CorpusLocation, warnings: list[str] | None = None) -> list[CorpusFile]:
    """The corpus's files with their stat, sorted by name. A subfolder or file that cannot be
    read is skipped with a warning (appended to ``warnings``), as ripgrep does; only a corpus
    with nothing readable at all is an error."""
    if loc.single_file:
        return [_stat(display_name(loc.root.name), str(loc.root))]
    found: list[CorpusFile] = []
    problems: list[str] = []
    try:
        _walk(str(loc.root), "", found, problems, top=True)
    except OSError as exc:
        raise CorpusError(f"{loc.label}: cannot read folder: {exc.strerror or exc}") from None
    if warnings is not None:
        warnings.extend(problems)
    if not found:
        raise CorpusError(f"{loc.label}: no .txt files in this folder")
    found.sort(key=lambda f: f.name)
    return found


def display_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogate escapes) are
    written as escapes ("\\xff"), so the name can be stored, shown and printed, and two such
    names stay two."""
    if name.isascii():  # nearly every name: no encoding to try
        return name
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _walk(
    folder: str, prefix: str, out: list[CorpusFile], problems: list[str], top: bool = False
) -> None:
    # Plain strings, not Path objects: this runs for every file on every command.
    try:
        it = os.scandir(folder)
    except OSError as exc:
        if top:
            raise
        problems.append(f"{display_name(prefix)}: cannot read folder ({exc.strerror}), skipped")
        return
    with it:
        for entry in it:
            base = entry.name
            if base.startswith("."):
                continue
            name = prefix + display_name(base)
            try:
                # Symlinked folders are not followed (no loops); symlinked files are read.
                if base[-4:].lower() == ".txt" and entry.is_file():
                    st = entry.stat()
                    out.append(
                        CorpusFile(
                            name, entry.path, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino
                        )
                    )
                elif entry.is_dir(follow_symlinks=False):
                    _walk(entry.path, f"{name}/", out, problems)
            except OSError as exc:
                problems.append(f"{name}: cannot read ({exc.strerror}), skipped")


def _stat(name: str, path: str) -> CorpusFile:
    try:
        st = os.stat(path)
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return CorpusFile(name, path, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def decode(name: str, data: bytes) -> tuple[str | None, str | None]:
    """(text, warning): text None for a binary file; a warning for a file that is not UTF-8."""
    if b"\x00" in data:
        return None, f"{name}: binary file (NUL bytes), skipped"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        return text, (
            f"{name}: not valid UTF-8 (first bad byte at {exc.start}); "
            "read with replacement characters"
        )


def read_bytes(f: CorpusFile) -> bytes:
    try:
        with open(f.path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise CorpusError(f"{f.name}: cannot read ({exc.strerror or exc})") from None
