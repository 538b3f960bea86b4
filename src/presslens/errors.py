"""The one exception type presslens raises for problems a user can fix.

Every message names the file (or other input) and the problem, so the command line
can print it as a single line and exit non-zero without a traceback.
"""

from __future__ import annotations

from pathlib import Path


class PresslensError(Exception):
    """A user-facing error about one input.

    Args:
        source: The file, folder or other input the problem is about.
        problem: What is wrong, as a short sentence fragment.
    """

    def __init__(self, source: str | Path | None, problem: str):
        self.source = str(source) if source is not None else None
        self.problem = problem
        super().__init__(f"{self.source}: {problem}" if self.source else problem)
