"""Provides workbooks made at test time with openpyxl (no binary fixtures in the repository)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook


def workbook(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    title: str = "Sheet1",
    before: Sequence[tuple[str, Sequence[Sequence[object]]]] = (),
    merge: Sequence[str] = (),
    cached: dict[str, str] | None = None,
) -> Path:
    """Write an XLSX: sheets `before` first, then `rows` on sheet `title`.

    `cached` gives saved values for formula cells (``{"C3": "7"}``), as Excel or LibreOffice
    would write them after calculating; other formulas keep no saved value, as openpyxl writes.
    """
    wb = Workbook()
    first = wb.active
    sheets = [*before, (title, rows)]
    for i, (name, content) in enumerate(sheets):
        ws = first if i == 0 else wb.create_sheet()
        ws.title = name
        for row in content:
            ws.append(list(row))
    for rng in merge:
        wb[title].merge_cells(rng)
    buffer = io.BytesIO()
    wb.save(buffer)
    raw = buffer.getvalue()
    if cached:
        raw = _with_cached(raw, len(sheets), cached)
    path.write_bytes(raw)
    return path


def _with_cached(raw: bytes, sheet_no: int, cached: dict[str, str]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    target = f"xl/worksheets/sheet{sheet_no}.xml"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == target:
                text = data.decode()
                for ref, value in cached.items():
                    text = re.sub(
                        rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v ?/>',
                        rf"\1\2<v>{value}</v>",
                        text,
                    )
                data = text.encode()
            dst.writestr(info, data)
    return out.getvalue()
