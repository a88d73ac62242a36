"""Provides the PDF's fonts: packaged font files, loaded by path, covering emoji and common scripts.

The report is set in DejaVu Sans (``--report-fonts`` in ``assets/report.css``), which covers
Latin, Greek, Cyrillic, Arabic and Hebrew. The PDF registers, by path, DejaVu Sans and the Noto
faces for the scripts DejaVu lacks and for colour emoji, from Debian packages
(``fonts-dejavu-core``, ``fonts-noto-core``, ``fonts-noto-color-emoji``, installed by
``.ci/sysdeps``) with ``@font-face`` rules; a character DejaVu lacks falls back to them. They are
registered, not named in the stack: named there, Noto Color Emoji takes over the digits (it has
keycap digits), which Pango then sets in emoji spacing. A file that is missing is left out and
`missing_fonts` says which; the safe fetcher serves exactly these files.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["FONT_FILES", "PACKAGES", "allowed_font_files", "font_face_css", "missing_fonts"]

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
NOTO = Path("/usr/share/fonts/truetype/noto")
PACKAGES = ("fonts-dejavu-core", "fonts-noto-core", "fonts-noto-color-emoji")
"""The Debian packages the files below come from."""

FONT_FILES: tuple[tuple[str, Path, str, str], ...] = (
    ("DejaVu Sans", DEJAVU / "DejaVuSans.ttf", "normal", "normal"),
    ("DejaVu Sans", DEJAVU / "DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVu Sans", DEJAVU / "DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("DejaVu Sans", DEJAVU / "DejaVuSans-BoldOblique.ttf", "bold", "italic"),
    ("Noto Sans Devanagari", NOTO / "NotoSansDevanagari-Regular.ttf", "normal", "normal"),
    ("Noto Sans Bengali", NOTO / "NotoSansBengali-Regular.ttf", "normal", "normal"),
    ("Noto Sans Tamil", NOTO / "NotoSansTamil-Regular.ttf", "normal", "normal"),
    ("Noto Sans Thai", NOTO / "NotoSansThai-Regular.ttf", "normal", "normal"),
    ("Noto Sans Sinhala", NOTO / "NotoSansSinhala-Regular.ttf", "normal", "normal"),
    ("Noto Sans Ethiopic", NOTO / "NotoSansEthiopic-Regular.ttf", "normal", "normal"),
    ("Noto Sans Arabic", NOTO / "NotoSansArabic-Regular.ttf", "normal", "normal"),
    ("Noto Sans Hebrew", NOTO / "NotoSansHebrew-Regular.ttf", "normal", "normal"),
    ("Noto Color Emoji", NOTO / "NotoColorEmoji.ttf", "normal", "normal"),
)
"""(family, file, weight, style) for every face the report stack names."""


def allowed_font_files() -> frozenset[Path]:
    """Return the font files the PDF may load (those present on this machine)."""
    return frozenset(p.resolve() for _, p, _, _ in FONT_FILES if p.is_file())


def missing_fonts() -> list[str]:
    """Return the families with a face whose file is missing (install `PACKAGES` to fix)."""
    return sorted({family for family, p, _, _ in FONT_FILES if not p.is_file()})


def font_face_css() -> str:
    """Return ``@font-face`` rules binding the report's font names to the packaged files."""
    rules = []
    for family, path, weight, style in FONT_FILES:
        if path.is_file():
            rules.append(
                f'@font-face {{ font-family: "{family}"; src: url("{path.resolve().as_uri()}"); '
                f"font-weight: {weight}; font-style: {style}; }}"
            )
    return "\n".join(rules) + "\n"
