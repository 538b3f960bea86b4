"""HTML fragments of the reports, rendered from Jinja2 templates with autoescape on.

Every piece of HTML a report shows (header, findings, tables' captions, the annotated
article, the comparison report's overview) comes from a template in
``presslens/report/templates/html/``. Autoescape is on for every template, so article text,
titles and metadata are escaped unless a template marks a value ``|safe`` on purpose (HTML
the package itself built from escaped parts).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

#: The report's one font stack, for text, tables and charts: Helvetica or Arial where installed, else
#: Liberation Sans (metric-compatible with both, with Cyrillic) and DejaVu Sans for any character it
#: lacks; ``scripts/system-deps.sh`` installs those two. ``report.css`` holds it as ``--pl-font``; the
#: PDF's header and footer, which Chromium renders apart from the page, get it from here.
FONT_STACK = 'Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif'

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
#: A sentence id as the structured article numbers sentences ("s1", "s18"); the annotated
#: article gives each sentence that id, so a table cell holding one can link to it.
SENTENCE_ID = re.compile(r"s[1-9][0-9]*")


def is_sentence_id(value: object) -> bool:
    """Whether ``value`` is a sentence id such as ``s18``."""
    return isinstance(value, str) and SENTENCE_ID.fullmatch(value) is not None


def unbroken_dates(text: str) -> Markup:
    """``text`` escaped, with each ``YYYY-MM-DD`` date in a span that does not wrap at its hyphens."""
    return Markup(ISO_DATE.sub(lambda m: f'<span class="pl-date">{m.group(0)}</span>', str(escape(text))))


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The report layer's Jinja2 environment (autoescape on, undefined names are errors)."""
    env = Environment(
        loader=PackageLoader("presslens.report", "templates/html"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["unbroken_dates"] = unbroken_dates
    env.tests["sentence_id"] = is_sentence_id
    return env


def render_html(template: str, **context: Any) -> Markup:
    """Render ``templates/html/<template>`` with ``context``; the result is safe HTML.

    Args:
        template: The template's file name, e.g. ``"header.html.j2"``.
        **context: The template's variables; strings in them are escaped by the template.
    """
    return Markup(environment().get_template(template).render(**context))
