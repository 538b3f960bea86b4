"""Provenance of a report: inputs with their sha256, parameters, package versions, time.

Enough to reproduce a report exactly: the same input bytes, the same lexicon bytes, the
same parameters and the same package versions give the same numbers.
"""

from __future__ import annotations

import platform
from collections.abc import Mapping
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from presslens.lexicons import lexicon_sha256
from presslens.model import Article

#: Packages whose versions can change a report's numbers or rendering.
REPORT_PACKAGES = ("presslens", "pandas", "numpy", "plotly", "papermill", "nbconvert", "pydantic", "PyYAML", "trafilatura", "playwright")


def package_versions(names: tuple[str, ...] = REPORT_PACKAGES) -> dict[str, str]:
    """Installed versions of ``names`` (``not installed`` when missing), plus Python's."""
    versions = {"python": platform.python_version()}
    for name in names:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _in_report_folder(value: object, folder: Path | None) -> str:
    """A parameter value as the reader of the finished report can follow it.

    A report is built in a temporary folder that is then moved into place, so a path inside
    that folder (the structured article the CLI wrote there) is shown relative to the report
    folder: ``article.json (in this report's folder)``, not a path that no longer exists.
    """
    text = str(value)
    if folder is None or not text:
        return text
    try:
        inside = Path(text).resolve().relative_to(folder)
    except (ValueError, OSError):
        return text
    return f"{inside.as_posix()} (in this report's folder)"


def provenance_table(
    article: Article,
    *,
    lexicons: Mapping[str, Path] | None = None,
    parameters: Mapping[str, object] | None = None,
    rendered_at: datetime | None = None,
) -> pd.DataFrame:
    """One row per fact: ``group`` (input, lexicon, parameter, package, run), ``name``, ``value``.

    Args:
        article: The article the report is about.
        lexicons: Lexicon files used, by role (``topics``, ``stakeholders``, ``claim cues``).
        parameters: The notebook's parameters as executed; paths inside ``output_dir`` (the
            report folder) are shown relative to it.
        rendered_at: When the report was rendered (default: now, UTC).
    """
    meta = article.metadata
    rows = [
        ("input", "source file", meta.source_path or "not recorded"),
        ("input", "source sha256", meta.source_sha256 or "not recorded"),
        ("input", "source format", meta.source_format),
        ("input", "article id", meta.id),
        ("input", "schema version", article.schema_version),
    ]
    for role, path in (lexicons or {}).items():
        rows.append(("lexicon", f"{role} file", str(path)))
        rows.append(("lexicon", f"{role} sha256", lexicon_sha256(Path(path))))
    parameters = dict(parameters or {})
    folder = Path(str(parameters.get("output_dir") or "")).resolve() if parameters.get("output_dir") else None
    for name, value in parameters.items():
        rows.append(("parameter", name, _in_report_folder(value, folder) if name != "output_dir" else
                     ("the report's own folder" if folder else "none (exploring interactively)")))
    for name, value in package_versions().items():
        rows.append(("package", name, value))
    moment = rendered_at or datetime.now(timezone.utc)
    rows.append(("run", "rendered at (UTC)", moment.strftime("%Y-%m-%d %H:%M:%S")))
    return pd.DataFrame(rows, columns=["group", "name", "value"])
