"""Printing a report's HTML to PDF in headless Chromium, driven by playwright.

nbconvert's ``webpdf`` exporter cannot be pointed at a system Chromium and crops plotly
charts, so presslens prints the HTML itself: print media and a viewport as wide as the
printable A4 width are set *before* the page loads (plotly sizes charts on load), it
waits until every chart has drawn, then prints A4 with page numbers and the title in
the running header. The browser is found by :func:`find_chromium`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from presslens.errors import PresslensError
from presslens.report.html import render_html

#: Extra Chromium flags: no sandbox (CI runs as root in a container), and no connection
#: leaves the machine: background networking, component updates, sync, domain reliability
#: reports, DNS prefetch, pings and the services that phone home are off, and every request
#: that still tries goes to a proxy on the discard port of loopback, which refuses it (so
#: Chromium resolves no host name either). The page itself is a local file and is routed
#: past the proxy; anything else it asks for is aborted (:func:`print_pdf`).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-domain-reliability",
    "--dns-prefetch-disable",
    "--no-pings",
    "--disable-client-side-phishing-detection",
    "--disable-default-apps",
    "--disable-breakpad",
    "--metrics-recording-only",
    "--disable-features=OptimizationHints,MediaRouter,DialMediaRouteProvider,NetworkTimeServiceQuerying,"
    "CertificateTransparencyComponentUpdater,AutofillServerCommunication,Translate,InterestFeedContentSuggestions",
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--disable-quic",
    "--no-first-run",
]

#: A4 is 210 mm wide; with 12 mm margins each side, 186 mm ≈ 703 CSS px at 96 px/inch.
A4_PRINTABLE_WIDTH_PX = 703
PAGE_MARGIN = {"top": "18mm", "bottom": "16mm", "left": "12mm", "right": "12mm"}

_SYSTEM_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Debian's /usr/bin/chromium is a shell wrapper that misbehaves in containers; the real
# binary sits here.
_WRAPPED_BINARIES = {"/usr/bin/chromium": "/usr/lib/chromium/chromium"}


def find_chromium() -> Path | None:
    """Find a Chromium executable.

    Order: the ``PRESSLENS_CHROMIUM`` environment variable; a browser installed by
    ``playwright install``; ``chromium``, ``chromium-browser`` or ``google-chrome`` on PATH
    (Debian's wrapper script is replaced by the binary it wraps).

    Returns:
        The executable, or None when there is none.

    Raises:
        PresslensError: If ``PRESSLENS_CHROMIUM`` names a file that does not exist.
    """
    configured = os.environ.get("PRESSLENS_CHROMIUM")
    if configured:
        path = Path(configured)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise PresslensError(configured, "PRESSLENS_CHROMIUM does not name an executable file")
        return path
    bundled = _playwright_chromium()
    if bundled is not None:
        return bundled
    for name in _SYSTEM_BROWSERS:
        found = shutil.which(name)
        if found:
            real = Path(os.path.realpath(found))
            wrapped = _WRAPPED_BINARIES.get(str(real)) or _WRAPPED_BINARIES.get(found)
            if wrapped and Path(wrapped).is_file():
                return Path(wrapped)
            return real
    return None


def _playwright_chromium() -> Path | None:
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            candidate = Path(p.chromium.executable_path)
    except Exception:  # noqa: BLE001 - no playwright driver or browser: fall through to PATH
        return None
    return candidate if candidate.is_file() else None


def require_chromium() -> Path:
    """Like :func:`find_chromium`, but raise a helpful error when no browser is found."""
    found = find_chromium()
    if found is None:
        raise PresslensError(
            "PDF",
            "no Chromium found: install Debian's chromium package (apt-get install chromium), "
            "or set PRESSLENS_CHROMIUM to a Chromium executable",
        )
    return found


# Resolves once every plotly chart on the page has drawn its SVG.
_WAIT_FOR_CHARTS = """() => {
  const plots = Array.from(document.querySelectorAll('.plotly-graph-div'));
  return plots.every(p => p.querySelector('.main-svg'));
}"""


def print_pdf(html_path: Path, pdf_path: Path, *, title: str, timeout_ms: int = 60_000) -> int:
    """Print an HTML report to an A4 PDF.

    Args:
        html_path: The self-contained report HTML.
        pdf_path: Where to write the PDF.
        title: The running header on every page.
        timeout_ms: How long to wait for the page and its charts.

    Returns:
        The number of plotly charts that were drawn before printing.

    Raises:
        PresslensError: If no browser is found or the page fails to render.
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    executable = require_chromium()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": A4_PRINTABLE_WIDTH_PX, "height": 1000})
                page.emulate_media(media="print")
                # the report loads nothing from the network; refuse anything that tries
                page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
                page.goto(html_path.resolve().as_uri(), wait_until="load", timeout=timeout_ms)
                page.wait_for_function(_WAIT_FOR_CHARTS, timeout=timeout_ms)
                charts = page.locator(".plotly-graph-div").count()
                page.pdf(
                    path=str(pdf_path),
                    format="A4",
                    print_background=True,
                    margin=PAGE_MARGIN,
                    display_header_footer=True,
                    header_template=str(render_html("pdf_header.html.j2", title=title)),
                    footer_template=str(render_html("pdf_footer.html.j2")),
                )
            finally:
                browser.close()
    except PlaywrightError as exc:
        message = str(exc).strip().splitlines()[0]
        raise PresslensError(html_path, f"printing to PDF failed in Chromium ({executable}): {message}") from None
    return charts
