"""Checks on the paths a command is given, made before any work starts.

Inputs must exist (glob patterns aside), nothing is written into ``data/raw/``, and a
``--notebook`` must be a Jupyter notebook file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from presslens.errors import PresslensError
from presslens.paths import RAW_DIR


def check_inputs(paths: Sequence[str | Path]) -> None:
    """Every input that is not a glob pattern must exist (checked before any work starts)."""
    for path in paths:
        if not any(ch in str(path) for ch in "*?[") and not Path(path).exists():
            raise PresslensError(path, "no such file or folder")


def refuse_raw_output(folder: Path) -> None:
    """Reports and stores never go into data/raw/, which holds the original inputs."""
    resolved = folder.resolve()
    if resolved == RAW_DIR.resolve() or RAW_DIR.resolve() in resolved.parents:
        raise PresslensError(folder, "data/raw/ holds the original inputs and is never written to; choose another --out")


def chosen_notebook(given: Path | None, packaged: Path) -> Path:
    """The notebook to render: ``--notebook PATH`` when given (checked), else the packaged one."""
    if given is None:
        return packaged
    if not given.is_file():
        raise PresslensError(given, "no such notebook" if not given.exists() else "is not a file")
    if given.suffix != ".ipynb":
        raise PresslensError(given, "is not a Jupyter notebook (.ipynb)")
    return given.resolve()
