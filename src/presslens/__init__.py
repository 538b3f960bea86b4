"""presslens: turn news articles into analytical reports people can trust.

The package parses articles into structured data (:mod:`presslens.model`,
:mod:`presslens.ingest`), measures what they say and how (:mod:`presslens.analysis.structure`
and the analysis modules), and renders parameterized notebooks into HTML and PDF
reports (:mod:`presslens.report.render`).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("presslens")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
