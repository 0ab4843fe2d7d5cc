"""Write a file so that readers see either the old file, the new one, or nothing: never half of one.

`write_bytes_atomic` writes to a temporary file in the target's own directory (a rename
is only atomic inside one filesystem), flushes it to disk and renames it over the target.
On any failure the temporary file is removed and a `ModelError` names the path and the
reason, so commands show one clear line and exit 1 instead of a traceback. An existing
file is replaced only when `force` is true: reports, saved profiles and anything else the
product writes share this rule.

Must not import numpy, pydantic, rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from decisiontool.problems import ALREADY_EXISTS, ModelError, Problem

__all__ = ["check_writable", "write_bytes_atomic", "write_text_atomic"]

_TEMP_ATTEMPTS = 8
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}


def _problem(path: Path, message: str) -> ModelError:
    return ModelError([Problem(str(path), "", message)])


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)


def write_bytes_atomic(path: Path | str, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `path` atomically; replace an existing file only when `force` is true.

    Raises ModelError (one Problem naming `path`) when the file exists and `force` is false,
    when `path` is a directory, when its folder does not exist, or when it cannot be written
    (permissions, a full disk). Nothing is left behind on failure: neither a partial target
    nor the temporary file. A new file gets the usual permissions (0666 less the umask); a
    replaced file keeps its mode.
    """
    target = check_writable(path, force=force)
    temp = _write_temp(target, data)
    try:
        if force:
            if target.is_file():
                temp.chmod(target.stat().st_mode & 0o7777)
            temp.replace(target)
        else:
            _link_without_replacing(temp, target)
    except ModelError:
        _remove(temp)
        raise
    except OSError as error:
        _remove(temp)
        raise _problem(target, f"cannot write: {_reason(error)}") from None
    except BaseException:
        # Ctrl+C or SIGTERM between writing and renaming: the old file stays, the temporary goes
        _remove(temp)
        raise


def check_writable(path: Path | str, *, force: bool = False) -> Path:
    """The file a write to `path` would replace, or ModelError if it cannot be written.

    Commands that compute for a while call it before they start, so that "already exists"
    comes at once rather than after the work; `write_bytes_atomic` checks the same again.
    """
    target = _real_target(Path(path))
    folder = target.parent
    if target.is_dir():
        raise _problem(target, "is a directory; give a file name")
    if not folder.is_dir():
        raise _problem(target, f"cannot write: the folder '{folder}' does not exist")
    if target.exists() and not force:
        raise _problem(target, ALREADY_EXISTS)
    if target.exists() and not target.is_file():
        raise _problem(target, "is not a regular file; give the name of a file to write")
    return target


def _real_target(target: Path) -> Path:
    """The file a write to `target` must replace: a symbolic link is followed to the file it
    names, so `--force` over a link updates that file and leaves the link a link (replacing
    the link itself would silently detach the user's file, with the link target's mode)."""
    if not target.is_symlink():
        return target
    try:
        return target.resolve(strict=False)
    except (OSError, RuntimeError):
        raise _problem(target, "is a symbolic link that cannot be followed (a loop?)") from None


def write_text_atomic(path: Path | str, text: str, *, force: bool = False, encoding: str = "utf-8") -> None:
    """`write_bytes_atomic` for text (UTF-8 by default; newlines written as given)."""
    write_bytes_atomic(path, text.encode(encoding), force=force)


def _write_temp(target: Path, data: bytes) -> Path:
    """Write `data` to a new hidden file beside `target` and flush it to disk."""
    for _ in range(_TEMP_ATTEMPTS):
        temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            # O_EXCL: never follow or reuse a file someone else created; mode 0o666 lets the
            # umask decide the permissions, as for any file the user creates.
            descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise _problem(target, f"cannot write: {_reason(error)}") from None
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as error:
            _remove(temp)
            raise _problem(target, f"cannot write: {_reason(error)}") from None
        except BaseException:
            _remove(temp)  # interrupted mid-write: leave nothing behind
            raise
        return temp
    raise _problem(target, "cannot write: could not create a temporary file beside it")


def _link_without_replacing(temp: Path, target: Path) -> None:
    """Move `temp` to `target` unless `target` exists, without a window for a race.

    A hard link fails if the target exists, atomically; where the filesystem has no hard
    links, fall back to checking and renaming.
    """
    try:
        target.hardlink_to(temp)
    except FileExistsError:
        raise _problem(target, ALREADY_EXISTS) from None
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        if target.exists():
            raise _problem(target, ALREADY_EXISTS) from None
        temp.replace(target)
        return
    _remove(temp)


def _remove(temp: Path) -> None:
    with contextlib.suppress(OSError):
        temp.unlink()
