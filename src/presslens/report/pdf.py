"""Printing a report's HTML to PDF in headless Chromium, driven by playwright.

nbconvert's ``webpdf`` exporter cannot be pointed at a system Chromium and crops plotly
charts, so presslens prints the HTML itself: print media and a viewport as wide as the
printable A4 width are set *before* the page loads (plotly sizes charts on load), it
waits until every chart has drawn, then prints A4 with page numbers and the title in
the running header. The browser is found by :func:`find_chromium`; a :class:`PdfPrinter`
launches it in the background and prints many reports with it.
"""

from __future__ import annotations

import concurrent.futures
import os
import queue
import shutil
import threading
from pathlib import Path
from typing import Any

from presslens.errors import PresslensError
from presslens.report.html import FONT_STACK, render_html

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

    Order: the ``PRESSLENS_CHROMIUM`` environment variable; ``chromium``, ``chromium-browser``
    or ``google-chrome`` on PATH (Debian's wrapper script is replaced by the binary it wraps);
    a browser installed by ``playwright install`` (asking playwright starts its driver, 0.3 s,
    so it comes last).

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
    for name in _SYSTEM_BROWSERS:
        found = shutil.which(name)
        if found:
            real = Path(os.path.realpath(found))
            wrapped = _WRAPPED_BINARIES.get(str(real)) or _WRAPPED_BINARIES.get(found)
            if wrapped and Path(wrapped).is_file():
                return Path(wrapped)
            return real
    return _playwright_chromium()


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


class PdfPrinter:
    """One headless Chromium, launched in the background, that prints any number of reports.

    :func:`presslens.report.render.render_notebook` starts a printer before the notebook executes,
    so the browser is up and its page ready when the HTML is (running plotly.js once in that page
    meanwhile was tried and dropped: on two cores it slowed the kernel more than it saved);
    a batch worker keeps one printer for all its reports. playwright's synchronous API
    belongs to the thread that started it, so a thread of the printer's own owns the browser
    and :meth:`print` hands it each job. Use it as a context manager, or call :meth:`close`.

    Raises:
        PresslensError: At construction when no Chromium is found (before any work is done).
    """

    def __init__(self, *, timeout_ms: int = 60_000):
        self.executable = require_chromium()
        self.timeout_ms = timeout_ms
        self._jobs: queue.SimpleQueue[tuple[Path, Path, str, concurrent.futures.Future[int]] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="presslens-pdf", daemon=True)
        self._thread.start()

    def __enter__(self) -> PdfPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def print(self, html_path: Path, pdf_path: Path, *, title: str) -> int:
        """Print an HTML report to an A4 PDF.

        Args:
            html_path: The self-contained report HTML.
            pdf_path: Where to write the PDF.
            title: The running header on every page.

        Returns:
            The number of plotly charts that were drawn before printing.

        Raises:
            PresslensError: If the browser did not start or the page fails to render.
        """
        if not self._thread.is_alive():
            raise PresslensError(html_path, "the PDF printer is closed")
        job: concurrent.futures.Future[int] = concurrent.futures.Future()
        self._jobs.put((html_path, pdf_path, title, job))
        return job.result()

    def close(self) -> None:
        """Close the browser (waits for a print in progress)."""
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()

    def _run(self) -> None:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(self.executable), args=CHROMIUM_ARGS)
                try:
                    page = self._new_page(browser)
                    while (item := self._jobs.get()) is not None:
                        html_path, pdf_path, title, job = item
                        try:
                            if page.is_closed():
                                page = self._new_page(browser)
                            job.set_result(self._print(page, html_path, pdf_path, title))
                        except PlaywrightError as exc:
                            job.set_exception(self._error(html_path, exc))
                        except BaseException as exc:  # noqa: BLE001 - handed to the caller, who raises it
                            job.set_exception(exc)
                finally:
                    browser.close()
        except Exception as exc:  # noqa: BLE001 - the browser did not start: every job fails, saying why
            failure = self._error(Path("PDF"), exc)
            while True:
                item = self._jobs.get()
                if item is None:
                    return
                item[3].set_exception(PresslensError(item[0], failure.problem))

    def _error(self, html_path: Path, exc: Exception) -> PresslensError:
        message = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return PresslensError(html_path, f"printing to PDF failed in Chromium ({self.executable}): {message}")

    @staticmethod
    def _new_page(browser: Any) -> Any:
        page = browser.new_page(viewport={"width": A4_PRINTABLE_WIDTH_PX, "height": 1000})
        page.emulate_media(media="print")
        # the report loads nothing from the network; refuse anything that tries
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        return page

    def _print(self, page: Any, html_path: Path, pdf_path: Path, title: str) -> int:
        try:
            page.goto(html_path.resolve().as_uri(), wait_until="load", timeout=self.timeout_ms)
            page.wait_for_function(_WAIT_FOR_CHARTS, timeout=self.timeout_ms)
            charts = page.locator(".plotly-graph-div").count()
            page.pdf(
                path=str(pdf_path),
                format="A4",
                print_background=True,
                margin=PAGE_MARGIN,
                display_header_footer=True,
                header_template=str(render_html("pdf_header.html.j2", title=title, font_stack=FONT_STACK)),
                footer_template=str(render_html("pdf_footer.html.j2", font_stack=FONT_STACK)),
            )
        except BaseException:
            page.close()  # a fresh page for the next report
            raise
        return charts


def print_pdf(html_path: Path, pdf_path: Path, *, title: str, timeout_ms: int = 60_000) -> int:
    """Print one HTML report to an A4 PDF in a browser of its own (see :class:`PdfPrinter`).

    Returns:
        The number of plotly charts that were drawn before printing.

    Raises:
        PresslensError: If no browser is found or the page fails to render.
    """
    with PdfPrinter(timeout_ms=timeout_ms) as printer:
        return printer.print(html_path, pdf_path, title=title)
