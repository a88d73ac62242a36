"""Provides the PDF export: the report's HTML printed by WeasyPrint, locked down and time-limited.

WeasyPrint is imported inside the functions, so nothing else pays for it. Rendering uses
`SafeFetcher`, which serves only ``data:`` URLs and files under ``assistant/export/assets``
and the packaged font files of `assistant.export.fonts` (no http, no redirects, no other file) on
both the HTML and the CSS, with ``base_url=None`` so relative URLs resolve nowhere. The PDF is
tagged (``pdf_tags``: headings, paragraphs, tables and lists carry their structure), so screen
readers can follow it. By default the render runs in a child process that is killed at
the time limit (TECH.md §3); ``isolate=False`` renders in a thread of this process instead.
"""

from __future__ import annotations

import mimetypes
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from assistant.core.errors import AssessorError
from assistant.export.fonts import allowed_font_files, font_face_css

if TYPE_CHECKING:
    from assistant.core.report.model import Report

ASSETS = Path(__file__).resolve().parent / "assets"
DEFAULT_TIMEOUT = 120.0
"""Seconds a render may take before it is stopped."""
MEMORY_LIMIT = 3 * 1024**3
"""Address-space cap for the child process that renders (bytes)."""
SYSTEM_FIX = (
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
)
_EXIT_LIBS = 3


class MissingSystemLibraries(AssessorError):
    """WeasyPrint cannot load Pango or its other system libraries."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        first = detail.strip().splitlines()[0] if detail.strip() else "unknown error"
        super().__init__(
            f"PDF export needs WeasyPrint's system libraries ({first[:160]}); "
            f"install them with: {SYSTEM_FIX}"
        )


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (OSError, ImportError) as exc:
        raise MissingSystemLibraries(str(exc)) from None
    return weasyprint


def safe_fetcher_class() -> type:
    """Return the SafeFetcher class (a `weasyprint.urls.URLFetcher` subclass)."""
    _weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SafeFetcher(URLFetcher):  # type: ignore[misc]
        """Serve ``data:`` URLs and asset files only; refuse everything else."""

        def __init__(self, asset_dir: Path = ASSETS, **kwargs: Any) -> None:
            kwargs.setdefault("allowed_protocols", {"data", "file"})
            kwargs.setdefault("allow_redirects", False)
            kwargs.setdefault("timeout", 5)
            super().__init__(**kwargs)
            self.asset_dir = asset_dir.resolve()
            self.fonts = allowed_font_files()

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if path.is_file() and (path.is_relative_to(self.asset_dir) or path in self.fonts):
                    ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": ctype})
            raise ValueError(f"blocked URL: {url[:80]}")

    return SafeFetcher


def render_in_process(html: str, fetcher: Any = None) -> bytes:
    """Render HTML to PDF bytes here and now, with the safe fetcher (or the one given)."""
    weasyprint = _weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    fetcher = fetcher if fetcher is not None else safe_fetcher_class()()
    fonts = FontConfiguration()
    css = weasyprint.CSS(string=font_face_css(), url_fetcher=fetcher, font_config=fonts)
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher)
    pdf = document.write_pdf(stylesheets=[css], font_config=fonts, pdf_tags=True)
    assert isinstance(pdf, bytes)
    return pdf


def _in_thread(html: str, timeout: float, fetcher: Any) -> bytes:
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["pdf"] = render_in_process(html, fetcher)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            result["error"] = exc

    thread = threading.Thread(target=work, name="pdf-render", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise AssessorError(f"PDF rendering took longer than {timeout:g} s and was abandoned")
    if "error" in result:
        raise result["error"]
    pdf: bytes = result["pdf"]
    return pdf


class PdfJob:
    """A child process that prints one HTML document to PDF, killed if it overruns its time.

    Start it early (`PdfJob()`), before the report is built: the child imports WeasyPrint while
    this process builds the HTML, so the import costs no wall time on a machine with two cores.
    Use it as a context manager so that an unused child is always stopped.
    """

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])
        old = env.get("PYTHONPATH")
        env["PYTHONPATH"] = root + (os.pathsep + old if old else "")
        self.timeout = timeout
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.export.pdf"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )

    def render(self, html: str) -> bytes:
        """Send the HTML and return the PDF; the time limit counts from the job's start."""
        left = max(0.01, self.timeout - (time.monotonic() - self.started))
        try:
            out, err = self.proc.communicate(html.encode("utf-8"), timeout=left)
        except subprocess.TimeoutExpired:
            self.close()
            raise AssessorError(
                f"PDF rendering took longer than {self.timeout:g} s and was stopped"
            ) from None
        except BrokenPipeError:  # the child died before reading: report why below
            out, err = self.proc.communicate(timeout=5)
        if self.proc.returncode == _EXIT_LIBS:
            raise MissingSystemLibraries(err.decode("utf-8", "replace"))
        if self.proc.returncode != 0 or not out.startswith(b"%PDF"):
            tail = err.decode("utf-8", "replace").strip().splitlines()
            raise AssessorError(
                "PDF rendering failed: "
                + (tail[-1][:200] if tail else f"exit status {self.proc.returncode}")
            )
        return out

    def close(self) -> None:
        """Stop the child if it is still running."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.communicate()

    def __enter__(self) -> PdfJob:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def html_to_pdf(
    html: str, *, timeout: float = DEFAULT_TIMEOUT, isolate: bool = True, fetcher: Any = None
) -> bytes:
    """Render HTML to PDF bytes within `timeout` seconds.

    With ``isolate=True`` (the default) the render runs in a child process that is killed when
    the time is up; otherwise in a thread here, which is abandoned (not killed) at the limit.
    A custom `fetcher` (for tests) needs ``isolate=False``.
    """
    if isolate and fetcher is None:
        with PdfJob(timeout) as job:
            return job.render(html)
    return _in_thread(html, timeout, fetcher)


def report_to_pdf(report: Report, page_size: str = "a4", **options: Any) -> bytes:
    """Render a report to PDF bytes (see `html_to_pdf` for the options)."""
    from assistant.export.html import to_html

    return html_to_pdf(to_html(report, page_size), **options)


def _child_main() -> int:
    """Import WeasyPrint, then read HTML on stdin and write the PDF on stdout."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    try:
        _weasyprint()  # before the HTML arrives: the parent is still building it
    except MissingSystemLibraries as exc:
        print(exc.detail, file=sys.stderr)
        return _EXIT_LIBS
    html = sys.stdin.buffer.read().decode("utf-8")
    pdf = render_in_process(html)
    sys.stdout.buffer.write(pdf)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_child_main())
