"""Hostile input: markup, links, images, huge and control-laden text never escape into structure,
never make the PDF renderer read a file outside the assets or open a network connection."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from report_sample import previous_data, sample_bank, sample_data

from assistant.core.report.builder import build_report
from assistant.export import pdf as pdf_export
from assistant.export.fonts import allowed_font_files
from assistant.export.html import ASSETS, to_html
from assistant.export.markdown import to_markdown
from assistant.export.tabular import to_csv, to_json


class Listener:
    """A loopback TCP server that counts the connections it receives."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def _spy_fetcher() -> Any:
    base = pdf_export.safe_fetcher_class()

    class Spy(base):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:
            super().__init__()
            self.asked: list[str] = []
            self.served: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            self.asked.append(url)
            response = super().fetch(url, headers)
            self.served.append(url)
            return response

    return Spy()


def _report(port: int) -> Any:
    return build_report(sample_bank(), sample_data(hostile=True, port=port), [previous_data()])


def test_markdown_escapes_every_user_field(listener: Listener) -> None:
    md = to_markdown(_report(listener.port))
    assert not re.search(r"(?<!\\)[<>]", md), "an unescaped angle bracket"
    assert not re.search(r"(?<!\\)!(?<!\\)\[", md) and "](javascript" not in md.replace(
        "\\](javascript", ""
    )
    assert "\\<script\\>" in md and "\\!\\[x\\]" in md
    assert not any(ch in md for ch in "\x00\x07\x1b\u202e")
    assert "\n# heading" not in md and "\\# heading" in md
    assert "A" * 2_001 not in md and "truncated" in md


def test_html_has_no_active_content(listener: Listener) -> None:
    html = to_html(_report(listener.port))
    lowered = html.lower()
    for bad in ("<script", "<img", "<iframe", "<link", 'href="javascript', 'src="', "url("):
        assert bad not in lowered, bad
    links = re.findall(r"<a [^>]*>", html)
    assert links and all(re.fullmatch(r'<a href="#s\d+">', a) for a in links), links
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not any(ch in html for ch in "\x00\x07\x1b\u202e")
    assert len(html) < 400_000  # the 100 kB answer is capped, not copied into every place


def test_pdf_reads_no_file_outside_assets_and_opens_no_connection(listener: Listener) -> None:
    spy = _spy_fetcher()
    pdf = pdf_export.report_to_pdf(_report(listener.port), isolate=False, fetcher=spy)
    assert pdf.startswith(b"%PDF")
    fonts = allowed_font_files()
    for url in spy.served:
        path = Path(url.removeprefix("file://")).resolve()
        assert url.startswith("data:") or path.is_relative_to(ASSETS.resolve()) or path in fonts, (
            url
        )
    assert listener.hits == 0
    assert b"root:x:" not in pdf and b"/EmbeddedFile" not in pdf


def test_raw_hostile_html_is_blocked_by_the_fetcher(listener: Listener) -> None:
    port = listener.port
    html = (
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/s.css">'
        '<link rel="attachment" href="file:///etc/passwd">'
        f'<style>@import url("http://127.0.0.1:{port}/i.css");</style>'
        f'<p>x<img src="http://127.0.0.1:{port}/i.png"><img src="file:///etc/passwd">'
        f'<svg><image href="http://127.0.0.1:{port}/svg.png"/></svg>'
        f'<img src="{ASSETS}/../html.py"></p>'
    )
    spy = _spy_fetcher()
    pdf = pdf_export.html_to_pdf(html, isolate=False, fetcher=spy)
    assert pdf.startswith(b"%PDF")
    assert spy.asked, "the spy saw no request: the test would prove nothing"
    fonts = allowed_font_files()  # the packaged fonts the report's CSS registers, and only those
    assert all(Path(u.removeprefix("file://")).resolve() in fonts for u in spy.served)
    assert listener.hits == 0
    assert b"/EmbeddedFile" not in pdf
    # the default, isolated render uses the same fetcher
    pdf_export.html_to_pdf(html)
    assert listener.hits == 0


def test_safe_fetcher_serves_assets_and_data_only() -> None:
    fetcher = pdf_export.safe_fetcher_class()()
    assert fetcher.fetch(f"file://{ASSETS / 'report.css'}").read().startswith(b"/*")
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    for url in (
        "file:///etc/passwd",
        f"file://{ASSETS}/../../../../etc/passwd",
        "http://127.0.0.1:9/x",
        "https://example.com/",
        "ftp://example.com/x",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_csv_defuses_formulas_and_json_keeps_text_verbatim() -> None:
    data = sample_data()
    data.scores[0].comment = '=HYPERLINK("http://evil","x")'
    report = build_report(sample_bank(), data)
    assert "'=HYPERLINK" in to_csv(report)
    assert '=HYPERLINK(\\"http://evil\\",\\"x\\")' in to_json(report)
