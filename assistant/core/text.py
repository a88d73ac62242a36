"""Provides text helpers shared by searches and filters: folding case and accents."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case text without accents, for comparing what people type with what was saved:
    "Café" and "cafe" fold alike, as do "ÉTÉ" and "ete"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
