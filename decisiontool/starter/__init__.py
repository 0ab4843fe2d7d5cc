"""`decisiontool init`: write the commented starter model in `files/` to a new directory.

The directory is built beside the target and renamed into place, so an interrupted run
leaves nothing half-written.
"""

from __future__ import annotations

import shutil
import tempfile
from importlib import resources
from pathlib import Path

from decisiontool.problems import ModelError, Problem


def starter_files() -> dict[str, str]:
    """Relative path -> text of every file of the starter model."""
    root = resources.files("decisiontool.starter") / "files"
    found: dict[str, str] = {}

    def walk(node: resources.abc.Traversable, prefix: str) -> None:
        for child in node.iterdir():
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            elif child.name.endswith(".toml"):
                found[f"{prefix}{child.name}"] = child.read_text(encoding="utf-8")

    walk(root, "")
    return dict(sorted(found.items()))


def write_starter(directory: Path) -> None:
    """Write the starter model to `directory`, which must not exist or must be empty."""
    target = Path(directory)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ModelError(
            [Problem(str(target), "", "already exists and is not an empty directory; choose a new one")]
        )
    parent = target.absolute().parent
    if not parent.is_dir():
        raise ModelError([Problem(str(target), "", f"the parent directory {parent} does not exist")])
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.absolute().name}-", dir=parent))
    except OSError as error:
        raise ModelError(
            [Problem(str(target), "", f"cannot write here: {error.strerror or error}")]
        ) from None
    try:
        for relative, text in starter_files().items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        staging.chmod(0o755)
        if target.is_dir():
            # an existing empty folder (`init .` included) cannot be replaced while it is in
            # use: move the staged folders into it instead, each in one rename
            for child in sorted(staging.iterdir()):
                child.replace(target / child.name)
            staging.rmdir()
        else:
            staging.replace(target)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise ModelError(
            [Problem(str(target), "", f"cannot write here: {error.strerror or error}")]
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # interrupted: nothing half-written stays
        raise
