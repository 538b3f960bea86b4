"""The ``presslens`` command line: ingest, analyze, report, corpus, sql and compare.

Every user-fixable problem ends in one line on stderr that names the file and the
problem, and a non-zero exit status; tracebacks are kept for bugs.

:func:`main` parses the arguments (:mod:`~presslens.cli.parser`) and runs one sub-command:
:mod:`~presslens.cli.ingest`, :mod:`~presslens.cli.analyze`, :mod:`~presslens.cli.report`, or
:mod:`~presslens.cli.corpus` (corpus, compare and sql).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from presslens.cli.analyze import cmd_analyze
from presslens.cli.corpus import cmd_compare, cmd_corpus, cmd_sql
from presslens.cli.ingest import cmd_ingest
from presslens.cli.parser import build_parser
from presslens.cli.report import cmd_report
from presslens.errors import PresslensError

COMMANDS = {"ingest": cmd_ingest, "analyze": cmd_analyze, "report": cmd_report, "corpus": cmd_corpus, "compare": cmd_compare, "sql": cmd_sql}


#: Modules the command line keeps out of its own process. ``rfc3987_syntax`` builds about 35
#: Earley parsers at import time (0.8 s here) because ``jsonschema._format`` imports it eagerly
#: for the ``iri`` formats, which no notebook schema uses (jsonschema issue 1428); nbformat
#: then validates notebooks without those two format checks. Library users are not affected.
SKIPPED_IMPORTS = ("rfc3987_syntax",)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    for name in SKIPPED_IMPORTS:
        sys.modules.setdefault(name, None)  # a None entry makes `import name` raise ImportError
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except PresslensError as exc:
        print(f"presslens: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        print(f"presslens: interrupted{f'; {exc}' if str(exc) else ''}", file=sys.stderr)
        return 130
