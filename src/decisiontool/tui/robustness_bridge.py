"""The robustness documents (sensitivity, SMAA), looked up when first needed.

`decisiontool.robustness` may be missing from a build; the app then shows a clear "not
available" state in its sensitivity and SMAA tabs instead of failing. Nothing here
imports textual.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from typing import Any


def _find(module: str, name: str) -> Callable[..., Any] | None:
    try:
        if importlib.util.find_spec(module) is None:
            return None
    except (ImportError, ValueError):
        return None
    found = getattr(importlib.import_module(module), name, None)
    return found if callable(found) else None


def sensitivity_function() -> Callable[..., dict[str, Any]] | None:
    """`decisiontool.robustness.sensitivity_document`, or None when it is not there."""
    return _find("decisiontool.robustness", "sensitivity_document")


def smaa_function() -> Callable[..., dict[str, Any]] | None:
    """`decisiontool.robustness.smaa_document`, or None when it is not there."""
    return _find("decisiontool.robustness", "smaa_document")
