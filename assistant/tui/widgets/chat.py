"""Provides ChatLog: the interview transcript as one widget per message, pinned to the latest.

Messages are the engine's replies (questions, probes, notes, read-back) and the answers the
assessor saved. Each message is a `ChatMessage` whose CSS class is the reply's `kind`, so the
stylesheet alone decides how a question, an answer or a NOT SAVED note looks. Text typed by
the assessor is never read as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from assistant.core.interview import replies as r
from assistant.core.interview import views as rv

PREVIEW = 2_000
"""Characters of an answer shown in its bubble."""
MAX_MESSAGES = 300
"""Messages kept mounted; older ones leave the screen (they stay on disk and in the
transcript view). Keeps a long interview light on memory and quick to scroll."""


class ChatMessage(Static):
    """One message: a title in its border and a body."""

    def __init__(
        self, body: Content | str, *, title: str = "", kind: str = "notice", key: str | None = None
    ) -> None:
        super().__init__(
            body if isinstance(body, Content) else Content(body), classes=f"msg {kind}"
        )
        self.kind = kind
        self.key = key
        if title:
            self.border_title = title

    @property
    def text(self) -> str:
        """The message body as plain text."""
        return str(self.content)


def answer_message(
    text: str, *, code: str, n: int, key: str, tags: Iterable[str] = (), kind: str = "answer"
) -> ChatMessage:
    """Return the bubble for a saved answer (or note): who said it, its turn, its tags.

    A very long answer (a paste) shows its first PREVIEW characters: laying out 100 kB of
    wrapped text would stall the screen, and the whole answer is on disk.
    """
    what = "note" if kind == "note" else code
    msg = ChatMessage(answer_body(text), title=f"{what} · turn {n}", kind=kind, key=key)
    set_tags(msg, tags)
    return msg


def answer_body(text: str) -> Content:
    """Return an answer's body: the text, or its first PREVIEW characters and a count."""
    if len(text) > PREVIEW:
        rest = f"\n… {len(text) - PREVIEW:,} more characters saved (see the transcript)"
        return Content.assemble(text[:PREVIEW], (rest, "italic"))
    return Content(text)


def set_tags(msg: ChatMessage, tags: Iterable[str]) -> None:
    """Show a message's tags in its lower border."""
    tags = list(tags)
    msg.border_subtitle = " ".join(f"#{t}" for t in tags) if tags else ""


def render_reply(reply: r.Reply) -> ChatMessage | None:
    """Return the message for a reply, or None for replies shown elsewhere (side panel)."""
    if isinstance(reply, r.Ask):
        body = Content(reply.text)
        if reply.show_me:
            body = Content.assemble(body, ("\nShow me: ", "bold"), "; ".join(reply.show_me))
        must = " · mandatory" if reply.mandatory else ""
        title = (
            f"Q {reply.index}/{reply.total} · {reply.criterion_id} {reply.criterion_title}"
            f" · for {reply.audience}{must}"
        )
        return ChatMessage(body, title=title, kind=reply.kind)
    if isinstance(reply, r.ProbeSuggested):
        how = f"F10 or /probe {reply.n}" if reply.n else "F10 or /probe"
        body = Content.assemble(reply.text, (f"\n{reply.why} · {how} asks it", "dim"))
        return ChatMessage(body, title="suggested probe", kind=reply.kind)
    if isinstance(reply, r.ProbeDropped):
        return ChatMessage(reply.plain(), kind="notice")
    if isinstance(reply, r.Coverage):
        return ChatMessage(reply.plain(), title="time", kind=reply.kind) if reply.asked else None
    if isinstance(reply, r.ProbeAsked):
        return ChatMessage(reply.text, title=f"probe · {reply.criterion_id}", kind=reply.kind)
    if isinstance(reply, r.NotSaved):
        return ChatMessage(reply.plain(), title="NOT SAVED", kind=reply.kind)
    if isinstance(reply, r.Notice):
        return ChatMessage(reply.plain(), kind=f"notice -{reply.level}")

    if isinstance(reply, rv.ReadBack):
        return ChatMessage(read_back_body(reply), title="closing read-back", kind=reply.kind)
    if isinstance(reply, (r.Saved, r.SuggestionUpdate, r.Tagged)):
        return None
    return ChatMessage(reply.plain(), kind=reply.kind)


def marked(reply: rv.ReadBack, point: rv.Point) -> rv.ReadBack:
    """Return the read-back with one point's new mark (after /confirm N or /dispute N)."""
    points = tuple(point if p.n == point.n else p for p in reply.points)
    disputed = tuple(x for x in reply.disputed if x != point.record)
    confirmed = tuple(x for x in reply.confirmed if x != point.record)
    if point.status == "disputed":
        disputed += (point.record,)
    elif point.status == "confirmed":
        confirmed += (point.record,)
    return replace(reply, points=points, disputed=disputed, confirmed=confirmed)


def read_back_body(reply: rv.ReadBack) -> Content:
    parts: list[str | tuple[str, str]] = [
        ("Read each point back; /confirm N or /dispute N as they answer.\n", "dim")
    ]
    for p in reply.points:
        mark = {"open": "○", "confirmed": "✔", "disputed": "✖"}[p.status]
        parts += [(f"{mark} {p.n}. ", "bold"), f"{p.record}\n"]
    if not reply.points:
        parts.append("No answers recorded yet.\n")
    if reply.open_items:
        parts.append(("Still to follow up:\n", "bold"))
        parts += [f"  • {item}\n" for item in reply.open_items]
    if reply.disputed:
        parts.append(("Disputed:\n", "bold"))
        parts += [f"  ✖ {item}\n" for item in reply.disputed]
    parts.append(("Invite anything else, thank them, then /end again to finish.", "dim"))
    return Content.assemble(*parts)


class ChatLog(VerticalScroll, can_focus=False):
    """The transcript; it follows the newest message unless the assessor scrolls up."""

    def on_mount(self) -> None:
        self.anchor()

    def add(self, *messages: ChatMessage) -> None:
        """Append messages and drop the oldest beyond MAX_MESSAGES."""
        if not messages:
            return
        extra = len(self.children) + len(messages) - MAX_MESSAGES
        if extra > 0:
            for old in list(self.children)[:extra]:
                old.remove()
        self.mount_all(messages)

    def add_reply(self, reply: r.Reply) -> ChatMessage | None:
        """Append the message for a reply (if it has one) and return it."""
        msg = render_reply(reply)
        if msg is not None:
            self.add(msg)
        return msg

    def find(self, key: str) -> ChatMessage | None:
        """Return the mounted message of a turn key, if it is still on screen."""
        for child in reversed(self.children):
            if isinstance(child, ChatMessage) and child.key == key:
                return child
        return None

    def messages(self) -> list[ChatMessage]:
        """Return the mounted messages, oldest first."""
        return [c for c in self.children if isinstance(c, ChatMessage)]
