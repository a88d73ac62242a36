"""Provides SearchScreen: search every answer in the workspace, and jump to one.

A lead assessor's first question is often "how did others answer this?". The screen asks the
store's full-text index (`assistant.store.search`, stemming and accent folding) in a worker as
the assessor types, lists the hits best first, and Enter opens the hit's assessment (read-only
unless it is the one already open) on the Transcripts screen at that turn.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from assistant.core.errors import AssessorError
from assistant.tui.screens import SCREENS_CSS

if TYPE_CHECKING:
    from assistant.store.search import Hit
    from assistant.tui.app import AssessorApp


ORGANISATION_CHARS = 18


def short(text: str, limit: int) -> str:
    """Return `text` cut to `limit` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


SHOWN: Final = 100
"""Hits the table shows: the best ones; the count line says how many matched in all."""


def matches(n: int, shown: int | None = None) -> str:
    """Return the count line: "1 answer matches", "7 answers match", "No answers match.",
    "1,000 answers match · the best 100 shown" when the table holds fewer than matched."""
    if n == 0:
        return "No answers match."
    line = "1 answer matches" if n == 1 else f"{n:,} answers match"
    if shown is not None and shown < n:
        line += f" · the best {shown:,} shown: add a word to narrow them"
    return line


def _marked(snippet: str) -> Text:
    """The snippet as plain text (never markup), the matched words [in brackets] highlighted."""
    out = Text()
    for n, part in enumerate(re.split(r"\[([^\]]*)\]", snippet)):
        out.append(part, style="reverse" if n % 2 else "")
    return out


class SearchScreen(Screen[None]):
    """A search box over every assessment, its ranked hits, and jump-to-turn."""

    CSS_PATH = SCREENS_CSS

    app: AssessorApp
    BINDINGS = [
        Binding("escape", "close", "Back", id="search.close", tooltip="Leave the search"),
        Binding("slash", "focus_box", "Search", id="search.focus", tooltip="Type another search"),
    ]

    def __init__(self) -> None:
        super().__init__(id="search")
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Search every assessment", classes="screen-title")
        yield Input(placeholder="words to find (every word must appear)", id="search-box")
        yield Static("", id="search-count")
        yield DataTable(id="search-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="search-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#search-table", DataTable)
        for name in ("Assessment", "Who", "Turn", "Criteria", "Answer"):
            table.add_column(name, key=name)
        self.query_one("#search-box", Input).focus()

    @on(Input.Changed, "#search-box")
    def _typed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted, "#search-box")
    def _submitted(self) -> None:
        if self.hits:
            self.query_one("#search-table", DataTable).focus()

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        """Search in a thread (the index may need refreshing); show the hits when done."""
        from assistant.store.search import SearchIndex

        try:
            index = SearchIndex(self.app.workspace)
            hits = index.search(query, limit=SHOWN)
            total = index.count(query) if len(hits) >= SHOWN else len(hits)
            error = ""
        except AssessorError as exc:
            hits, total, error = [], 0, str(exc)
        self.app.call_from_thread(self.show, query, hits, error, total)

    def show(self, query: str, hits: list[Hit], error: str = "", total: int | None = None) -> None:
        """Fill the table with the hits of `query` (`total`: how many matched in all)."""
        self.hits = hits
        table = self.query_one("#search-table", DataTable)
        table.clear()
        for i, hit in enumerate(hits):
            table.add_row(
                f"{short(hit.organisation, ORGANISATION_CHARS)} · {hit.assessment_id[-12:]}",
                hit.code or "?",
                str(hit.n),
                ", ".join(hit.criteria),
                _marked(hit.snippet.replace("\n", " ")),
                key=str(i),
            )
        count = self.query_one("#search-count", Static)
        if error:
            count.update(f"Search failed: {error}")
        elif not query.strip():
            count.update("")
        else:
            count.update(matches(max(total or 0, len(hits)), len(hits)))
        self._detail(0 if hits else None)

    @on(DataTable.RowHighlighted, "#search-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self._detail(int(event.row_key.value))

    def _detail(self, index: int | None) -> None:
        """Show the whole snippet of one hit under the table (the table's column is short)."""
        detail = self.query_one("#search-detail", Static)
        if index is None or index >= len(self.hits):
            detail.update("")
            return
        hit = self.hits[index]
        head = Text(
            f"{hit.organisation} · {hit.assessment_id} · {hit.code or '?'} · turn {hit.n}"
            + (f" · {', '.join(hit.criteria)}" if hit.criteria else "")
            + "\n",
            style="bold",
        )
        detail.update(head + _marked(hit.snippet.replace("\n", " ")))

    @on(DataTable.RowSelected, "#search-table")
    async def _chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            await self.open_hit(self.hits[int(event.row_key.value)])

    async def open_hit(self, hit: Hit) -> None:
        """Open the hit's assessment on the Transcripts screen at its turn."""
        from assistant.tui.screens.transcript_screen import TranscriptScreen

        app = self.app
        current = app.current
        if current is None or current.data.assessment.id != hit.assessment_id:
            if app.interview_running():
                app.notify(
                    "An interview is running: end it or leave it before opening another "
                    "assessment.",
                    severity="warning",
                )
                return
            try:
                app.open_assessment(hit.assessment_id, read_only=True)
            except AssessorError as exc:
                app.notify(str(exc), severity="error")
                return
        app.pop_screen()
        await app.switch_mode("transcripts")
        screen = app.screen
        if isinstance(screen, TranscriptScreen):
            screen.draw(app.current)  # type: ignore[arg-type]
            screen.show_turn(hit.turn_key)

    def action_close(self) -> None:
        """Leave the search."""
        self.app.pop_screen()

    def action_focus_box(self) -> None:
        """Put the cursor back in the search box."""
        self.query_one("#search-box", Input).focus()
