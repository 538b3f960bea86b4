"""HTML fragments of the reports, rendered from Jinja2 templates with autoescape on.

Every piece of HTML a report shows (header, findings, tables' captions, the annotated
article, the comparison report's overview) comes from a template in
``presslens/report/templates/html/``. Autoescape is on for every template, so article text,
titles and metadata are escaped unless a template marks a value ``|safe`` on purpose (HTML
the package itself built from escaped parts).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The report layer's Jinja2 environment (autoescape on, undefined names are errors)."""
    return Environment(
        loader=PackageLoader("presslens.report", "templates/html"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render_html(template: str, **context: Any) -> Markup:
    """Render ``templates/html/<template>`` with ``context``; the result is safe HTML.

    Args:
        template: The template's file name, e.g. ``"header.html.j2"``.
        **context: The template's variables; strings in them are escaped by the template.
    """
    return Markup(environment().get_template(template).render(**context))
