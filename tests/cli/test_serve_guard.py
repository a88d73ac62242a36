"""`assessor serve` answers only its own page: a foreign Host, a foreign Origin and a missing or
wrong token are refused on the page and on the WebSocket, and the page loads nothing from
outside this server. Each test starts the server on a free loopback port and stops it itself."""

from __future__ import annotations

import asyncio
import gc
import re
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import aiohttp
import pytest
from aiohttp import web

from assistant.cli.serve import GuardedServer

TIMEOUT = aiohttp.ClientTimeout(total=20)


class Watched(GuardedServer):
    """Says when each app session it started has been stopped again."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.sessions_done = 0
        self.changed = asyncio.Event()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions_done += 1
            self.changed.set()


@asynccontextmanager
async def running(
    preview: Callable[[], str] | None = None,
) -> AsyncIterator[tuple[Watched, str]]:
    # The app command exits at once: these tests are about who may connect, not the app.
    server = Watched(
        f"{sys.executable} -c pass", 0, title="Assessor", token="t0ken", preview=preview
    )
    runner = web.AppRunner(await server._make_app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server.port = runner.addresses[0][1]
    try:
        yield server, f"http://127.0.0.1:{server.port}"
    finally:
        await asyncio.wait_for(runner.cleanup(), 20)
        gc.collect()  # textual-serve leaves its app's pipe transport to the collector


async def status(url: str, **headers: str) -> int:
    async with aiohttp.ClientSession(timeout=TIMEOUT) as client:
        async with client.get(url, headers=headers) as response:
            return response.status


async def ws_status(url: str, **headers: str) -> int:
    async with aiohttp.ClientSession(timeout=TIMEOUT) as client:
        try:
            async with client.ws_connect(url, headers=headers) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def test_the_page_needs_the_token() -> None:
    async with running() as (server, base):
        assert await status(f"{base}/?token=t0ken") == 200
        assert await status(f"{base}/") == 403
        assert await status(f"{base}/?token=wrong") == 403
        assert server.url() == f"{base}/?token=t0ken"


async def test_a_foreign_host_is_refused_everywhere() -> None:
    async with running() as (server, base):
        evil = f"rebind.example:{server.port}"
        assert await status(f"{base}/?token=t0ken", Host=evil) == 403
        assert await status(f"{base}/static/js/textual.js", Host=evil) == 403
        assert await status(f"{base}/static/js/textual.js") == 200
        assert await status(f"{base}/?token=t0ken", Host=f"localhost:{server.port}") == 200


async def test_a_foreign_origin_is_refused() -> None:
    async with running() as (_, base):
        assert await status(f"{base}/?token=t0ken", Origin="http://evil.example") == 403
        assert await status(f"{base}/?token=t0ken", Origin=base) == 200


async def test_the_websocket_needs_its_own_origin_and_the_token() -> None:
    async with running() as (server, base):
        ws = base.replace("http://", "ws://")
        assert await ws_status(f"{ws}/ws/t0ken", Origin="http://evil.example") == 403
        assert await ws_status(f"{ws}/ws/t0ken") == 403  # no Origin: not a browser page of ours
        assert await ws_status(f"{ws}/ws/wrong", Origin=base) == 403
        assert await ws_status(f"{ws}/ws", Origin=base) in (403, 404)
        assert await ws_status(f"{ws}/ws/t0ken", Origin=base) == 101
        await asyncio.wait_for(server.changed.wait(), 20)  # its app process is stopped
        assert server.sessions_done == 1


async def test_the_page_references_nothing_outside_this_server() -> None:
    async with running() as (_, base):
        async with aiohttp.ClientSession(timeout=TIMEOUT) as client:
            async with client.get(f"{base}/?token=t0ken") as response:
                page = await response.text()
                csp = response.headers["Content-Security-Policy"]
            async with client.get(f"{base}/static/css/xterm.css") as response:
                css = await response.text()
            async with client.get(f"{base}/static/js/textual.js") as response:
                js = await response.text()
    urls = re.findall(r"(?:https?|wss?)://[^\s\"'()<>]+", page)
    assert urls and all(u.startswith(("http://127.0.0.1:", "ws://127.0.0.1:")) for u in urls)
    assert "fonts.googleapis" not in page and "@import" not in css
    for src in re.findall(r"(?:src|href)=\"([^\"]+)\"", page):
        assert src.startswith("/static/"), src
    assert "default-src 'none'" in csp and "font-src 'self'" in csp
    # No stylesheet or script pulls anything in from elsewhere (comments in xterm.css aside).
    assert not re.search(r"url\(\s*['\"]?https?:", css)
    assert not re.search(r"""(?:fetch|import)\(\s*['"`]https?:""", js)


PICTURE = '<svg xmlns="http://www.w3.org/2000/svg"><text>Tidewater</text></svg>'


async def fetch(url: str) -> tuple[int, str, str]:
    async with aiohttp.ClientSession(timeout=TIMEOUT) as client:
        async with client.get(url) as response:
            return response.status, response.content_type, await response.text()


async def test_the_page_shows_a_picture_of_the_first_screen_until_the_app_answers() -> None:
    # A capture taken before the WebSocket delivers anything (a headless browser with a time
    # budget) shows this picture; the page hides it once the app's first bytes arrive.
    async with running(preview=lambda: PICTURE) as (_, base):
        code, _, page = await fetch(f"{base}/?token=t0ken")
        assert code == 200
        assert '<img src="/preview.svg?token=t0ken"' in page
        assert "body.-first-byte .preview" in page
        code, kind, svg = await fetch(f"{base}/preview.svg?token=t0ken")
        assert (code, kind, svg) == (200, "image/svg+xml", PICTURE)
        assert (await fetch(f"{base}/preview.svg?token=wrong"))[0] == 403
        assert (await fetch(f"{base}/preview.svg"))[0] == 403


async def test_a_picture_that_fails_is_a_404_and_the_server_goes_on() -> None:
    def broken() -> str:
        raise OSError("disk gone")

    async with running(preview=broken) as (_, base):
        assert (await fetch(f"{base}/?token=t0ken"))[0] == 200
        assert (await fetch(f"{base}/preview.svg?token=t0ken"))[0] == 404
        assert (await fetch(f"{base}/?token=t0ken"))[0] == 200


async def test_without_a_picture_function_the_page_has_no_picture() -> None:
    async with running() as (_, base):
        _, _, page = await fetch(f"{base}/?token=t0ken")
        assert "preview.svg" not in page
        assert (await fetch(f"{base}/preview.svg?token=t0ken"))[0] == 404


@pytest.mark.parametrize("port", [0, 70000])
def test_serve_refuses_a_port_that_is_not_one(
    port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli import main

    assert main(["serve", "--port", str(port)]) == 1
    assert "--port" in capsys.readouterr().err
