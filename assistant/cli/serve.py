"""Provides `assessor serve`: the app in a browser on this machine, guarded against other pages.

textual-serve on its own answers any page the user visits: a web page can open
``ws://127.0.0.1:PORT/ws``, read the screens and type into the app, and a DNS-rebinding host name
reaches it too. Its page also loads a font from an outside font service. `GuardedServer` wraps it:

* every request must name this server as its Host (``127.0.0.1:PORT`` or ``localhost:PORT``),
  and any Origin it sends must be this server's own; the WebSocket must send such an Origin;
* the page and the WebSocket need a per-run random token (in the URL printed, and opened with
  ``--open``), so a page that guesses the port still cannot connect;
* the page is our own: it loads only textual-serve's script, stylesheet and fonts from this
  server (fonts from the package's static folder, not the font service), and a
  Content-Security-Policy forbids the browser any other request.

Until the live app has sent its first bytes the page shows a picture of the app's first screen
(``/preview.svg``, rendered headless in a thread for each page load by the `preview` function
the command passes): a page captured before the WebSocket has delivered anything, as a headless
browser with a time budget captures it, shows the home screen, not an empty terminal.

What it does not protect against: other users and programs on this machine that can read the
URL (from the process list of the browser, or its history), and anyone who can reach loopback.
README.md says so.
"""

from __future__ import annotations

import asyncio
import html
import logging
import secrets
from collections.abc import Callable
from typing import Any, Final

from aiohttp import web
from textual_serve.server import Server

log = logging.getLogger(__name__)

TOKEN_BYTES: Final = 24
LOOPBACK: Final = "127.0.0.1"
PREVIEW_WAIT: Final = 20.0
"""Seconds the picture request waits for the headless render before answering 404."""

PAGE: Final = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="/static/css/xterm.css">
<style>
@font-face {{
  font-family: "Roboto Mono";
  src: url("/static/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
  font-weight: 100 700;
  font-style: normal;
}}
@font-face {{
  font-family: "Roboto Mono";
  src: url("/static/fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype");
  font-weight: 100 700;
  font-style: italic;
}}
html, body {{ margin: 0; background: #0c181f; }}
.ended {{ display: none; position: absolute; inset: 0; align-items: center;
  justify-content: center; color: #eee; font: 16px "Roboto Mono", monospace; }}
body.-closed .ended {{ display: flex; }}
body.-closed .textual-terminal {{ display: none; }}
#start {{ display: none; }}
.preview {{ position: absolute; inset: 0; display: flex; flex-direction: column;
  align-items: center; justify-content: center; background: #0c181f; z-index: 2; }}
.preview img {{ max-width: 96vw; max-height: 88vh; }}
.preview p {{ color: #9ab; font: 14px "Roboto Mono", monospace; margin: 8px; }}
body.-first-byte .preview, body.-closed .preview {{ display: none; }}
</style>
<script src="/static/js/textual.js"></script>
</head>
<body>
<div class="ended">The session ended. Reload this page to start again.</div>
<button type="button" id="start">Start</button>
<div class="preview">{preview}<p>Starting the app: this picture of its first screen becomes
live in a moment.</p></div>
<div id="terminal" class="textual-terminal" data-session-websocket-url="{ws_url}"
  data-font-size="{font_size}"></div>
</body>
</html>
"""


def policy(host: str) -> str:
    """Return the Content-Security-Policy of the page: this server and nothing else."""
    return (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"font-src 'self'; img-src 'self' data:; connect-src 'self' ws://{host}; "
        "worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


class GuardedServer(Server):
    """textual-serve's server, answering only its own origin and host, with a token."""

    def __init__(
        self,
        command: str,
        port: int,
        *,
        title: str,
        token: str | None = None,
        preview: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(command, host=LOOPBACK, port=port, title=title)
        self.token = token or secrets.token_urlsafe(TOKEN_BYTES)
        self.preview = preview
        """Returns an SVG of the app's first screen (blocking: run in a thread), or None."""
        self._picture: asyncio.Future[str] | None = None

    # ------------------------------------------------------------ what is allowed

    def hosts(self) -> set[str]:
        """Return the Host headers this server answers."""
        return {f"{LOOPBACK}:{self.port}", f"localhost:{self.port}"}

    def origins(self) -> set[str]:
        """Return the Origins this server accepts (its own page, by either name)."""
        return {f"http://{host}" for host in self.hosts()}

    def url(self) -> str:
        """Return the URL to open: the page with this run's token."""
        return f"http://{LOOPBACK}:{self.port}/?token={self.token}"

    def _token_ok(self, given: str | None) -> bool:
        return given is not None and secrets.compare_digest(given, self.token)

    @web.middleware
    async def guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Refuse a foreign Host or Origin before any handler runs."""
        if request.headers.get("Host", "") not in self.hosts():
            raise web.HTTPForbidden(text="refused: foreign Host header")
        origin = request.headers.get("Origin")
        if origin is not None and origin not in self.origins():
            raise web.HTTPForbidden(text="refused: foreign Origin")
        if request.path.startswith("/ws") and origin is None:
            raise web.HTTPForbidden(text="refused: a WebSocket without Origin")
        response: web.StreamResponse = await handler(request)
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    # ------------------------------------------------------------ the application

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        app.add_routes(
            [
                web.get("/", self.handle_page, name="index"),
                web.get("/ws/{token}", self.handle_guarded_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.get("/preview.svg", self.handle_preview, name="preview"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Say nothing: `cmd_serve` prints the URL itself."""

    async def handle_page(self, request: web.Request) -> web.Response:
        """Serve our page, which loads nothing from outside this server."""
        if not self._token_ok(request.query.get("token")):
            raise web.HTTPForbidden(text="refused: open the URL that `assessor serve` printed")
        try:
            font_size = max(6, min(48, int(request.query.get("fontsize", "16"))))
        except ValueError:
            font_size = 16
        host = request.headers["Host"]
        picture = ""
        if self.preview is not None:
            # A fresh picture for each page load: the workspace may have changed since.
            self._picture = asyncio.get_running_loop().run_in_executor(None, self.preview)
            src = html.escape(f"/preview.svg?token={self.token}")
            picture = f'<img src="{src}" alt="The app\'s first screen, starting">'
        page = PAGE.format(
            preview=picture,
            title=html.escape(self.title),
            ws_url=html.escape(f"ws://{host}/ws/{self.token}"),
            font_size=font_size,
        )
        return web.Response(
            text=page,
            content_type="text/html",
            headers={"Content-Security-Policy": policy(host), "Cache-Control": "no-store"},
        )

    async def handle_preview(self, request: web.Request) -> web.Response:
        """Answer the picture of the first screen once it is rendered (404 if it cannot be)."""
        if not self._token_ok(request.query.get("token")):
            raise web.HTTPForbidden(text="refused: wrong token")
        if self._picture is None:
            raise web.HTTPNotFound(text="no picture")
        try:
            svg = await asyncio.wait_for(asyncio.shield(self._picture), PREVIEW_WAIT)
        except Exception as exc:  # noqa: BLE001 - a picture that fails must not stop the server
            log.warning("serve: the first screen's picture failed: %s", exc)
            raise web.HTTPNotFound(text="no picture") from None
        return web.Response(
            text=svg,
            content_type="image/svg+xml",
            headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"},
        )

    async def handle_guarded_websocket(self, request: web.Request) -> web.StreamResponse:
        """Run the app for a WebSocket that carries this run's token."""
        if not self._token_ok(request.match_info.get("token")):
            raise web.HTTPForbidden(text="refused: wrong token")
        return await self.handle_websocket(request)
