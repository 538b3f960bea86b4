"""Rendering a report: papermill executes the notebook, nbconvert exports HTML, Chromium prints PDF.

All work happens in a temporary folder next to the destination; only when every
requested format has been written is the folder moved into place as
``<out>/<slug>/``. A failed run therefore leaves any previous report untouched.
:func:`render_notebook` does this for any report notebook (the comparison report goes
to ``<out>/compare-<name>/``); :func:`render_report` is the article report.

Outputs in the report folder: ``report.ipynb`` (the executed notebook), ``report.html``,
``report.pdf``, ``article.json`` (the structured article the report was built from) and
one CSV per chart or table.
"""

from __future__ import annotations

import concurrent.futures
import os
import shutil
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from presslens.errors import PresslensError
from presslens.ingest import load_any
from presslens.languages import unanalysed_language_note
from presslens.model import save_article
from presslens.paths import ARTICLE_REPORT_NOTEBOOK, PLOTLY_JS, PROJ_ROOT, TEMPLATES_DIR
from presslens.report.placement import move_into_place, open_work_folder

if TYPE_CHECKING:
    from presslens.ingest.sidecar import MetadataSidecar
    from presslens.report.pdf import PdfPrinter

FORMATS = ("html", "pdf")
#: Parameters presslens sets itself; users choose them through the command's own options.
RESERVED_PARAMETERS = {"article": "give the article as PATH", "output_dir": "use --out"}
TEMPLATE_NAME = "presslens_report"


@dataclass
class RenderResult:
    """What a render produced."""

    folder: Path
    files: dict[str, Path] = field(default_factory=dict)
    charts_printed: int | None = None


def notebook_parameters(notebook: Path) -> dict[str, dict[str, Any]]:
    """The parameters a notebook declares in its ``parameters`` cell, by name.

    Raises:
        PresslensError: If the file is not a notebook papermill can read.
    """
    import papermill

    try:
        return papermill.inspect_notebook(str(notebook))
    except Exception as exc:  # noqa: BLE001 - nbformat and json raise many kinds; one line for the user
        message = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise PresslensError(notebook, f"is not a Jupyter notebook papermill can read ({message})") from None


def parse_parameters(notebook: Path, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Check ``-p NAME VALUE`` pairs against the notebook's parameters and convert the values.

    A value is parsed as YAML (numbers, booleans, lists) unless the parameter is declared
    ``str``, in which case it stays text. A text value that names an existing file relative
    to the working directory is made absolute, because the notebook runs in the project
    root (``-p topics my-topics.yaml`` means the file beside the user, not in the project).

    Raises:
        PresslensError: For an unknown or reserved name, listing the names that exist.
    """
    declared = notebook_parameters(notebook)
    values: dict[str, Any] = {}
    for name, raw in pairs:
        if name in RESERVED_PARAMETERS:
            raise PresslensError(f"-p {name}", f"is set by presslens; {RESERVED_PARAMETERS[name]}")
        if name not in declared:
            allowed = ", ".join(n for n in declared if n not in RESERVED_PARAMETERS) or "none"
            raise PresslensError(f"-p {name}", f"unknown parameter for {notebook.name}; parameters: {allowed}")
        if (declared[name].get("inferred_type_name") or "").strip() == "str":
            local = Path(raw).expanduser()
            values[name] = str(local.resolve()) if raw and not local.is_absolute() and local.is_file() else raw
        else:
            try:
                values[name] = yaml.safe_load(raw)
            except yaml.YAMLError:
                values[name] = raw
    return values


def html_exporter() -> Any:
    """The nbconvert exporter of the report template: no code, no prompts, nothing from the network."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )


def warm_html_exporter() -> concurrent.futures.Future[Any]:
    """An exporter made ready in a background thread while the notebook executes.

    Importing nbconvert and compiling the report template on the first export take about
    0.25 s; the thread does both (it exports an empty notebook) while the kernel works.
    """
    def build() -> Any:
        import nbformat

        exporter = html_exporter()
        exporter.from_notebook_node(nbformat.v4.new_notebook(), resources={"plotly_js": ""})
        return exporter

    future: concurrent.futures.Future[Any] = concurrent.futures.Future()

    def run() -> None:
        try:
            future.set_result(build())
        except BaseException as exc:  # noqa: BLE001 - raised again where the exporter is used
            future.set_exception(exc)

    threading.Thread(target=run, name="presslens-nbconvert", daemon=True).start()
    return future


def export_html(executed: Path, html_path: Path, *, title: str, exporter: Any = None) -> None:
    """Export an executed notebook to self-contained HTML: no code, no prompts, nothing from the network.

    plotly.js is inlined once, in the head, by the template; the notebook itself carries
    only each chart's data and the call that draws it.

    Args:
        executed: The executed notebook.
        html_path: Where to write the HTML.
        title: The page title.
        exporter: An exporter from :func:`html_exporter` to reuse; a new one by default.
    """
    import nbformat

    notebook = nbformat.read(executed, as_version=4)
    notebook.metadata["title"] = title
    exporter = exporter if exporter is not None else html_exporter()
    body, _ = exporter.from_notebook_node(notebook, resources={"plotly_js": PLOTLY_JS.read_text(encoding="utf-8")})
    html_path.write_text(body, encoding="utf-8")


def kernel_manager_logging_to(log: Path) -> type:
    """A kernel manager whose kernel writes its stderr to ``log`` instead of the terminal.

    ipykernel prints start-up warnings there that would break the one-line-per-step
    progress; the log is read back when a run fails.
    """
    from jupyter_client.manager import AsyncKernelManager

    class LoggingKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            kw["stderr"] = log.open("ab")
            return await super()._async_launch_kernel(kernel_cmd, **kw)

    return LoggingKernelManager


def _execute(notebook: Path, output: Path, parameters: Mapping[str, Any]) -> None:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    kernel_log = output.with_name("kernel.log")
    try:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=dict(parameters),
            cwd=str(PROJ_ROOT),
            progress_bar=False,
            log_output=False,
            kernel_name="python3",
            kernel_manager_class=kernel_manager_logging_to(kernel_log),
            # papermill rewrites the whole notebook after every cell by default; the
            # executed notebook is written once, at the end, instead
            request_save_on_cell_execute=False,
            autosave_cell_every=0,
        )
    except PapermillExecutionError as exc:
        value = str(exc.evalue).strip().splitlines()[0] if str(exc.evalue).strip() else ""
        raise PresslensError(notebook, f"cell {exc.exec_count} failed: {exc.ename}: {value}") from None
    except RuntimeError as exc:  # the kernel died or could not start
        tail = kernel_log.read_text(errors="replace").strip().splitlines()[-3:] if kernel_log.exists() else []
        raise PresslensError(notebook, f"kernel failed: {exc} {' | '.join(tail)}".strip()) from None
    finally:
        kernel_log.unlink(missing_ok=True)


def check_formats(formats: tuple[str, ...]) -> None:
    """Refuse a format other than ``html`` and ``pdf``.

    Raises:
        PresslensError: Naming the unknown format.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise PresslensError("--format", f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}")


def render_notebook(
    notebook: Path,
    *,
    parameters: Mapping[str, Any],
    folder_name: str,
    title: str,
    out_dir: Path,
    formats: tuple[str, ...] = FORMATS,
    prepare: Callable[[Path], Mapping[str, Any]] | None = None,
    progress: Callable[[str], None] = lambda message: None,
    steps_before: int = 0,
    printer: PdfPrinter | None = None,
) -> RenderResult:
    """Execute a report notebook and export it, atomically, into ``<out_dir>/<folder_name>/``.

    The notebook runs with ``parameters`` plus ``output_dir`` (the work folder, which
    becomes the report folder) and whatever ``prepare`` returns.

    Args:
        notebook: The report notebook.
        parameters: Notebook parameters.
        folder_name: The report folder's name under ``out_dir``.
        title: The HTML and PDF title.
        out_dir: The reports folder.
        formats: Which of ``html`` and ``pdf`` to produce (PDF needs HTML and implies it).
        prepare: Called with the work folder before the notebook runs, to write input
            files there; returns further parameters (for example the path it wrote).
        progress: Called with one line per step.
        steps_before: Steps the caller has already announced, for the ``[k/n]`` count.
        printer: The browser to print the PDF with (a batch worker keeps one); by default
            one is launched in the background as the notebook starts, and closed at the end.

    Returns:
        Where the report went and which files it holds.

    Raises:
        PresslensError: For a failing cell or a failed export, or no browser for a PDF
            (found before the notebook runs); nothing is left behind in ``out_dir``.
    """
    check_formats(formats)
    if "pdf" in formats and printer is None:
        from presslens.report.pdf import PdfPrinter

        with PdfPrinter() as own:  # Chromium starts while the notebook executes
            return render_notebook(
                notebook, parameters=parameters, folder_name=folder_name, title=title, out_dir=out_dir, formats=formats,
                prepare=prepare, progress=progress, steps_before=steps_before, printer=own,
            )
    steps = steps_before + 2 + ("pdf" in formats)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        # absolute: papermill runs the notebook with the project root as working directory
        work, work_lock = open_work_folder(out_dir.absolute(), folder_name)  # also removes those killed runs left
    except OSError as exc:
        raise PresslensError(out_dir, f"cannot write the output folder ({exc.strerror})") from None
    try:
        extra = dict(prepare(work)) if prepare is not None else {}
        exporter = warm_html_exporter()
        executed = work / "report.ipynb"
        progress(f"[{steps_before + 1}/{steps}] executing {notebook.name}")
        _execute(notebook, executed, {**dict(parameters), **extra, "output_dir": str(work)})
        result = RenderResult(folder=out_dir / folder_name, files={"ipynb": executed})
        progress(f"[{steps_before + 2}/{steps}] exporting HTML")
        html_path = work / "report.html"
        export_html(executed, html_path, title=title, exporter=exporter.result())
        result.files["html"] = html_path
        if printer is not None and "pdf" in formats:
            progress(f"[{steps_before + 3}/{steps}] printing PDF in Chromium")
            pdf_path = work / "report.pdf"
            result.charts_printed = printer.print(html_path, pdf_path, title=title)
            result.files["pdf"] = pdf_path
        move_into_place(work, result.folder)
        result.files = {kind: result.folder / path.name for kind, path in result.files.items()}
        return result
    except OSError as exc:  # a full disk (ENOSPC), a quota, a folder made read-only meanwhile
        shutil.rmtree(work, ignore_errors=True)
        raise report_write_error(exc, work, out_dir / folder_name) from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    finally:
        os.close(work_lock)


def report_write_error(exc: OSError, work: Path, destination: Path) -> PresslensError:
    """The one-line error for a report that could not be written: the file, the reason, what is left.

    Args:
        exc: The error raised while writing (``filename`` names the file when the system says it).
        work: The temporary folder the report was written in; a file there is named by its
            place in ``destination``, since the folder is removed.
        destination: The report folder that was to be replaced.
    """
    where = Path(exc.filename) if exc.filename else destination
    if where.is_relative_to(work):
        where = destination / where.relative_to(work)
    reason = exc.strerror or str(exc) or type(exc).__name__
    return PresslensError(where, f"cannot write the report ({reason}); {destination} is left as it was")


def render_report(
    source: Path,
    *,
    out_dir: Path,
    formats: tuple[str, ...] = FORMATS,
    parameters: Mapping[str, Any] | None = None,
    notebook: Path = ARTICLE_REPORT_NOTEBOOK,
    overrides: Mapping[str, Any] | None = None,
    progress: Callable[[str], None] = lambda message: None,
    printer: PdfPrinter | None = None,
    sidecar: MetadataSidecar | None = None,
) -> RenderResult:
    """Render one article's report into ``<out_dir>/<slug>/``.

    Args:
        source: A raw article file or a structured article JSON.
        out_dir: The reports folder; the report goes in a sub-folder named by the slug.
        formats: Which of ``html`` and ``pdf`` to produce (PDF needs HTML and implies it).
        parameters: Further notebook parameters, already checked by :func:`parse_parameters`.
        notebook: The report notebook.
        overrides: Metadata overrides for the article (title, outlet, published, url).
        progress: Called with one line per step.
        printer: The browser to print the PDF with; by default one of its own.
        sidecar: A manifest and file-name pattern filling what a raw article file lacks.

    Returns:
        Where the report went and which files it holds.

    Raises:
        PresslensError: For bad input, a failing cell or a failed export; nothing is
            left behind in ``out_dir``.
    """
    check_formats(formats)
    steps = 3 + ("pdf" in formats)
    progress(f"[1/{steps}] reading {source}")
    article = load_any(source, sidecar=sidecar, **dict(overrides or {}))
    note = unanalysed_language_note(article.metadata.language, skipped=False)
    if note is not None:
        progress(f"presslens: note: {source}: {note}")

    def write_article(work: Path) -> dict[str, str]:
        article_json = work / "article.json"
        save_article(article, article_json)
        return {"article": str(article_json)}

    return render_notebook(
        notebook,
        parameters=dict(parameters or {}),
        folder_name=article.metadata.slug,
        title=" ".join(str((parameters or {}).get("title") or article.metadata.title).split()),
        out_dir=out_dir,
        formats=formats,
        prepare=write_article,
        progress=progress,
        steps_before=1,
        printer=printer,
    )
