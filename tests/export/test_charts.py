"""The radar: long labels stay inside the drawing, unscored axes are shown as unscored."""

from __future__ import annotations

import re
from pathlib import Path

from report_sample import sample_data

from assistant.core.bank.loader import read_bank
from assistant.core.model import CriterionScore
from assistant.core.report.builder import build_report
from assistant.export.charts import CHAR_W, radar

ROOT = Path(__file__).resolve().parents[2]
TEXT = re.compile(
    r'<text x="([-\d.]+)" y="([-\d.]+)" font-size="([\d.]+)" text-anchor="(\w+)"[^>]*>([^<]*)</text>'
)


def _icxs_radar(scored_groups: set[str]) -> str:
    bank = read_bank(ROOT / "question_banks" / "icxs2019.yaml").bank
    data = sample_data()
    scores = [
        CriterionScore(criterion_id=c.id, assessor="A. Assessor", score=5)
        for g in bank.groups
        if g.id in scored_groups
        for c in g.criteria
    ]
    data = data.model_copy(update={"scores": scores, "findings": []})
    return radar(build_report(bank, data))


def test_every_label_lies_inside_the_view_box() -> None:
    svg = _icxs_radar({"POL", "PRD", "PLC", "PRC", "PPL", "MEA", "RES"})
    x0, y0, w, h = (float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split())  # type: ignore[union-attr]
    texts = TEXT.findall(svg)
    assert any("Measurement" in t[4] for t in texts)
    for x, y, size, anchor, body in texts:
        width = len(body) * float(size) * CHAR_W
        left = float(x) - {"start": 0.0, "end": width, "middle": width / 2}[anchor]
        assert x0 <= left and left + width <= x0 + w, body
        assert y0 <= float(y) - float(size) and float(y) <= y0 + h, body
    assert all(len(t[4]) <= 26 for t in texts), "labels wrap"


def test_unscored_axes_are_marked_and_not_drawn_at_zero() -> None:
    svg = _icxs_radar({"POL", "PRD", "PLC", "PRC", "PPL"})
    unscored = re.findall(r'font-style="italic"[^>]*>not scored</text>', svg)
    assert len(unscored) == 2
    shape = re.findall(r'<polygon points="([^"]+)" fill="#1f2a37"', svg)
    assert len(shape) == 1 and len(shape[0].split()) == 5  # five scored axes, no point at 0
