"""A cache of what `rank`, `show` and `validate` printed, so a repeated command starts fast.

Starting the typer app costs typer, pydantic, numpy and reading and validating every model
file: about four times `python -c "import numpy"`. A script that calls the same command in a
loop gets the same bytes every time, so the first run's standard output is kept and replayed.

The key is everything the output can depend on: the command line, the working directory,
today's date, the Python version, the environment variables that shape terminal output,
the size and modification time of every file of the package, and the name and content of
every file under the model's criteria/, options/ and panel/ folders. A change to any of them
is a different key, so nothing is ever invalidated in place. Only a run that exits 0, writes
nothing to stderr and whose stdout is not a terminal is kept; `--help` and every other
command always run. Entries live in `$XDG_CACHE_HOME/decisiontool` (or ~/.cache/decisiontool),
are written atomically, carry a checksum (a damaged one is ignored and rewritten), and the
cache is never required: any error reading or writing it just runs the command.
DECISIONTOOL_NO_CACHE=1 turns it off.

This module imports nothing beyond the standard library's os, sys, hashlib and io (os.path
rather than pathlib on purpose: it runs before anything else is imported).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import sys
from collections.abc import Callable

COMMANDS = frozenset({"rank", "show", "validate"})
"""The commands whose output is replayed: quick, read-only, fully determined by the key."""

ENVIRONMENT = (
    "COLUMNS",
    "LINES",
    "NO_COLOR",
    "FORCE_COLOR",
    "TERM",
    "COLORTERM",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "PYTHONIOENCODING",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
)
"""Environment variables that change how output is laid out or encoded (part of the key)."""

MODEL_FOLDERS = ("criteria", "options", "panel")
MAGIC = b"decisiontool-result-cache/1"
MAX_ENTRIES = 256
PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cache_dir() -> str:
    """Where the platform keeps caches: $XDG_CACHE_HOME/decisiontool, else ~/.cache/decisiontool."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "decisiontool")


def _bundled_model_dir() -> str:
    """decisiontool.loading.bundled_model_dir without importing the loader (and pydantic)."""
    packaged = os.path.join(PACKAGE, "_bundled")
    if os.path.isdir(os.path.join(packaged, "criteria")):
        return packaged
    return os.path.dirname(os.path.realpath(PACKAGE))


def _data_argument(argv: list[str]) -> str | None:
    """The value of --data on the command line (None when absent)."""
    for index, argument in enumerate(argv):
        if argument == "--data" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--data="):
            return argument[len("--data=") :]
    return None


def _tree(digest: hashlib._Hash, folder: str, *, contents: bool, suffix: str = "") -> None:
    """Feed every file under `folder` (name, size, mtime, and its bytes when `contents`)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        digest.update(b"\0unreadable " + os.fsencode(folder))
        return
    for entry in entries:
        if entry.name == "__pycache__":
            continue
        digest.update(b"\0" + os.fsencode(entry.path))
        if entry.is_dir():
            _tree(digest, entry.path, contents=contents, suffix=suffix)
        elif entry.name.endswith(suffix):
            status = entry.stat()
            digest.update(f"{status.st_size} {status.st_mtime_ns}".encode())
            if contents:
                with open(entry.path, "rb") as file:
                    digest.update(file.read())


def key(argv: list[str]) -> str | None:
    """The cache key of this command line, or None when its output is not cached."""
    if os.environ.get("DECISIONTOOL_NO_CACHE") or not argv or argv[0] not in COMMANDS:
        return None
    if any(argument in ("-h", "--help", "--install-completion", "--show-completion") for argument in argv):
        return None
    if sys.stdout is None or sys.stdout.isatty():
        return None
    import datetime

    data = _data_argument(argv)
    model = _bundled_model_dir() if data is None else data
    if not all(os.path.isdir(os.path.join(model, folder)) for folder in ("criteria", "options")):
        return None
    digest = hashlib.sha256(MAGIC)
    for part in (
        *argv,
        os.getcwd(),
        datetime.date.today().isoformat(),
        sys.version,
        str(sys.stdout.encoding),
        *(f"{name}={os.environ.get(name)}" for name in ENVIRONMENT),
    ):
        digest.update(b"\0" + os.fsencode(part))
    _tree(digest, PACKAGE, contents=False, suffix=".py")
    for folder in MODEL_FOLDERS:
        _tree(digest, os.path.join(os.path.abspath(model), folder), contents=True)
    return digest.hexdigest()


def load(entry: str) -> str | None:
    """The stored output of key `entry`; None when absent, unreadable or damaged."""
    try:
        with open(os.path.join(cache_dir(), entry), "rb") as file:
            header, checksum, body = file.read().split(b"\n", 2)
        if header != MAGIC or checksum != hashlib.sha256(body).hexdigest().encode():
            return None
        return body.decode("utf-8", "surrogateescape")
    except (OSError, ValueError):
        return None


def store(entry: str, output: str) -> None:
    """Keep `output` under key `entry` (atomically; never an error when it cannot)."""
    folder = cache_dir()
    temporary = os.path.join(folder, f".{entry}.{os.getpid()}.tmp")
    try:
        os.makedirs(folder, exist_ok=True)
        body = output.encode("utf-8", "surrogateescape")
        with open(temporary, "wb") as file:
            file.write(MAGIC + b"\n" + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
        os.replace(temporary, os.path.join(folder, entry))
        _prune(folder)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _prune(folder: str) -> None:
    """Keep the MAX_ENTRIES most recently written entries."""
    entries = [entry for entry in os.scandir(folder) if entry.is_file() and not entry.name.startswith(".")]
    if len(entries) > MAX_ENTRIES:
        entries.sort(key=lambda entry: entry.stat().st_mtime_ns)
        for entry in entries[: len(entries) - MAX_ENTRIES]:
            os.unlink(entry.path)


class _Watched(io.TextIOBase):
    """stderr as it is, noting whether anything was written to it."""

    def __init__(self, stream: io.TextIOBase) -> None:
        self.stream = stream
        self.written = False

    def write(self, text: str) -> int:
        self.written = self.written or bool(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding


class _Captured(io.StringIO):
    """A stand-in stdout with the real one's encoding (rich and click read it)."""

    def __init__(self, encoding: str | None) -> None:
        super().__init__()
        self._encoding = encoding or "utf-8"

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


def run(argv: list[str], command: Callable[[], None]) -> None:
    """Answer `argv` from the cache, or run `command` (keeping its output when it may be kept)."""
    entry = key(argv)
    if entry is None:
        command()
        return
    cached = load(entry)
    if cached is not None:
        sys.stdout.write(cached)
        sys.stdout.flush()
        return
    stdout, stderr = sys.stdout, sys.stderr
    captured = _Captured(stdout.encoding)
    watched = _Watched(stderr)  # type: ignore[arg-type]
    sys.stdout, sys.stderr = captured, watched
    code: object = 0
    try:
        command()
    except SystemExit as error:
        code = error.code
        raise
    finally:
        sys.stdout, sys.stderr = stdout, stderr
        output = captured.getvalue()
        stdout.write(output)
        stdout.flush()
        if code in (0, None) and not watched.written and sys.exc_info()[0] in (None, SystemExit):
            store(entry, output)
