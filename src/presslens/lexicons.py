"""Loading YAML lexicons (topic taxonomy, stakeholder registry, claim cues) with validation.

A lexicon is data, validated on load. Every problem is reported with the file, the
entry (its position and id) and the field, for example::

    data/lexicons/topics.yaml: topics[3] (id 'energy_security'): terms: must not be empty

Each lexicon module defines a pydantic model for its file and calls :func:`load_lexicon`.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from presslens.errors import PresslensError
from presslens.textio import read_bytes

#: Ids of topics, stakeholders and cue sets: lowercase letters, digits and underscores.
ID_PATTERN = r"^[a-z0-9_]+$"
#: The longest phrase (term, alias, title, cue) a lexicon may hold, in characters: longer ones are no
#: names or terms, and the matcher's trie would nest one level per character.
MAX_PHRASE_CHARS = 200


def check_phrase_length(phrase: str, what: str) -> None:
    """Raise ValueError (reported with the lexicon's file, entry and field) for an overlong phrase."""
    if len(phrase) > MAX_PHRASE_CHARS:
        raise ValueError(f"{what} is {len(phrase)} characters long; at most {MAX_PHRASE_CHARS} are allowed")

LexiconT = TypeVar("LexiconT", bound=BaseModel)


class LexiconModel(BaseModel):
    """Base for lexicon models: unknown keys are errors, objects are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _entry_label(data: Any, loc: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    """Turn a pydantic location into ``topics[3] (id 'x')`` and the rest of the path."""
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        label = f"{loc[0]}[{loc[1]}]"
        try:
            entry = data[loc[0]][loc[1]]
            if isinstance(entry, dict) and "id" in entry:
                label += f" (id {entry['id']!r})"
        except (KeyError, IndexError, TypeError):
            pass
        return label, loc[2:]
    return "", loc


def format_lexicon_error(exc: ValidationError, data: Any) -> str:
    """One line describing the first validation problem: entry, field and message."""
    first = exc.errors()[0]
    entry, rest = _entry_label(data, tuple(first["loc"]))
    field = ".".join(str(p) for p in rest)
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "unknown key"
    parts = [p for p in (entry, field) if p]
    more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
    return f"{': '.join(parts)}: {message}{more}" if parts else f"{message}{more}"


#: libyaml's safe loader when PyYAML has it (five times faster than the pure-Python one: a
#: report reads three lexicons), which also stops at 1,000 levels of nesting by itself.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_lexicon(path: Path, model: type[LexiconT]) -> LexiconT:
    """Read and validate a YAML lexicon.

    Args:
        path: The YAML file.
        model: The pydantic model of the whole file.

    Returns:
        The validated lexicon.

    Raises:
        PresslensError: Naming the file, the entry, the field and the problem.
    """
    raw = read_bytes(path)
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_SAFE_LOADER)
    except UnicodeDecodeError:
        raise PresslensError(path, "is not valid UTF-8") from None
    except RecursionError:
        raise PresslensError(path, "is YAML nested too deeply to be a lexicon") from None
    except yaml.YAMLError as exc:
        if "nesting depth" in str(getattr(exc, "problem", "")):  # libyaml's own limit
            raise PresslensError(path, "is YAML nested too deeply to be a lexicon") from None
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PresslensError(path, f"is not valid YAML{where}: {problem}") from None
    if not isinstance(data, dict):
        raise PresslensError(path, "a lexicon must be a YAML mapping at the top level")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise PresslensError(path, format_lexicon_error(exc, data)) from None


def lexicon_sha256(path: Path) -> str:
    """The sha256 of a lexicon file's bytes, for provenance."""
    return hashlib.sha256(read_bytes(path)).hexdigest()


R = TypeVar("R")


def once_per_lexicon(func: Callable[..., R]) -> Callable[..., R]:
    """Compute ``func`` once per loaded lexicon: its result is kept by the identity of its positional
    arguments (a lexicon, or a list made from one) and its keyword arguments' values.

    An entry holds its arguments, so no other object can take their ids while it lives; a lexicon
    loaded again is a new object and is computed afresh.
    """
    kept: dict[tuple[Any, ...], tuple[tuple[Any, ...], R]] = {}

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> R:
        key = (*map(id, args), *sorted(kwargs.items()))
        hit = kept.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], args, strict=True)):
            return hit[1]
        result = func(*args, **kwargs)
        kept[key] = (args, result)
        return result

    return wrapper

