"""What the commands print about many inputs: warnings, failures, and the exit status when some failed.

Long lists are cut after a fixed number of lines with a count of the rest, so a run over
thousands of files stays readable.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from presslens.ingest.sidecar import MetadataSidecar

#: Exit status of corpus, compare and batch report when they finish but some inputs failed
#: (the failures are listed; everything else was written).
EXIT_PARTIAL = 3


#: At most this many warnings are listed one by one.
MAX_LISTED_WARNINGS = 20


def print_warnings(sidecar: MetadataSidecar | None) -> None:
    """Print the sidecar's warnings (manifest and file-name problems) once each, at most a screenful."""
    if sidecar is None:
        return
    warnings = list(dict.fromkeys(sidecar.warnings))
    for warning in warnings[:MAX_LISTED_WARNINGS]:
        print(f"presslens: warning: {warning}", file=sys.stderr)
    if len(warnings) > MAX_LISTED_WARNINGS:
        print(f"presslens: warning: ... and {len(warnings) - MAX_LISTED_WARNINGS} more", file=sys.stderr)


#: At most this many duplicates are listed one by one in the summary.
MAX_LISTED_DUPLICATES = 20

#: At most this many failures are listed one by one in a corpus or batch summary.
MAX_LISTED_FAILURES = 50


def print_failures(failed: Sequence[object]) -> None:
    """Print what failed, one line each, at most :data:`MAX_LISTED_FAILURES` of them."""
    if not failed:
        return
    print(f"failed {len(failed)}:", file=sys.stderr)
    for error in failed[:MAX_LISTED_FAILURES]:
        print(f"  {error}", file=sys.stderr)
    if len(failed) > MAX_LISTED_FAILURES:
        print(f"  ... and {len(failed) - MAX_LISTED_FAILURES} more", file=sys.stderr)
