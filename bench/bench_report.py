"""Benchmark: a full assessment report to PDF, against WeasyPrint alone on the same final HTML.

The assessment: the ICSS bank (24 criteria), 30 interviews, 1,200 answered turns, 60 evidence
items, every criterion scored, and last year's assessment for the history section and trend chart.

"Ours" is everything `assessor report --format pdf` does after loading: build the report model
(suggestions, triangulation, findings), render Markdown and HTML with the charts, and print the
PDF in an isolated child process with the time limit. "WeasyPrint alone" renders the same final
HTML in this process with the same safe fetcher, WeasyPrint already imported. Median of N runs.
Usage: python bench/bench_report.py [runs]
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.core.bank.loader import find_bank  # noqa: E402
from assistant.core.evidence.sources import read_cached  # noqa: E402
from assistant.core.model import (  # noqa: E402
    Assessment,
    AssessmentData,
    BankPin,
    CriterionScore,
    Evidence,
    Interview,
    Interviewee,
    Scope,
    Site,
    Turn,
)
from assistant.core.report.builder import build_report  # noqa: E402
from assistant.export import pdf as pdf_export  # noqa: E402
from assistant.export.html import to_html  # noqa: E402

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
ANSWERS = (
    "We measure it every week against a target and report the results monthly to the board.",
    "We reviewed the results last quarter and changed the process; it is now used in all teams.",
    "There is nothing written down yet; we intend to introduce it in next year's plan.",
    "Every request is logged and acknowledged within two days, and we check the register weekly.",
    "I am not sure; I think the team leader keeps a spreadsheet but I have not seen it.",
    "After the survey we changed the script, and satisfaction rose from 64 % to 73 % next quarter.",
)
ROLES = ["lead"] * 10 + ["stakeholder"] * 5 + ["staff"] * 15


def make_assessment(bank_ids: list[str], start: date, aid: str, full: bool) -> AssessmentData:
    """Return a synthetic assessment: 30 interviews of 40 turns each when `full`."""
    people, interviews, turns, evidence = [], [], [], []
    counts = {"lead": 0, "stakeholder": 0, "staff": 0}
    for i, role in enumerate(ROLES if full else []):
        counts[role] += 1
        code = {"lead": "L", "stakeholder": "K", "staff": "S"}[role] + str(counts[role])
        people.append(
            Interviewee(
                id=f"p-{i:02d}",
                code=code,
                role=role,  # type: ignore[arg-type]
                department=f"Dept {i % 6}",
                site=f"Site {i % 4}",
            )
        )
        iv = f"iv-{i:04d}"
        interviews.append(Interview(id=iv, interviewee_ids=[f"p-{i:02d}"], started=T0))
        for n in range(1, 41):
            cid = bank_ids[(i * 7 + n) % len(bank_ids)]
            at = T0 + timedelta(minutes=n)
            turns.append(
                Turn(
                    interview_id=iv,
                    n=n,
                    question=f"Tell me about {cid}.",
                    answer=f"{ANSWERS[(i + n) % len(ANSWERS)]} That was case {i}-{n}.",
                    criteria=[cid],
                    tags=["claim-to-verify"] if n % 17 == 0 else ["fact"],
                    asked_at=at,
                    answered_at=at,
                )
            )
            if n % 20 == 0:
                evidence.append(
                    Evidence(
                        id=f"ev-{i:02d}{n:02d}",
                        type="record",
                        title=f"Record for {cid}",
                        verified=n % 40 == 0,
                        criteria=[cid],
                        interview_id=iv,
                        turn_n=n,
                        recorded_at=at,
                    )
                )
    shift = 2 if full else 0
    scores = [
        CriterionScore(
            criterion_id=cid, assessor="A", score=float((k * 3 + shift) % 9 + 1), decided_at=T0
        )
        for k, cid in enumerate(bank_ids)
    ]
    scope = Scope(
        sites=[Site(name=f"Site {k}", sampled=k < 3, reason="sample") for k in range(4)],
        sampling_rationale="Three of four sites, by contact volume.",
    )
    return AssessmentData(
        assessment=Assessment(
            id=aid,
            organisation="Benchmark Council",
            type="certification",
            bank=BankPin(id="icss", version="1", digest="x"),
            scope=scope,
            assessors=["A", "B"],
            created=T0,
            start_date=start,
        ),
        interviewees=people,
        interviews=interviews,
        turns=turns,
        evidence=evidence,
        scores=scores,
    )


def timed(fn: Callable[[], bytes]) -> tuple[float, float, bytes]:
    """Return wall seconds, CPU seconds (this process and its children) and the result."""

    def cpu() -> float:
        me = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

    wall, used = time.perf_counter(), cpu()
    result = fn()
    return time.perf_counter() - wall, cpu() - used, result


def main() -> int:
    """Run the benchmark and print both timings and their ratio."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    bank = find_bank("icss", [ROOT / "question_banks"]).bank
    ids = [c.id for c in bank.criteria()]
    data = make_assessment(ids, date(2026, 5, 4), "bench-2026", full=True)
    previous = make_assessment(ids, date(2025, 5, 4), "bench-2025", full=False)
    print(
        f"assessment: {len(ids)} criteria, {len(data.interviews)} interviews, "
        f"{len(data.turns)} turns, {len(data.evidence)} evidence items; runs: {runs}"
    )

    def ours() -> bytes:
        """What `assessor report ID --format pdf` does once the assessment is loaded."""
        read_cached.cache_clear()  # a real `assessor report` starts with nothing read yet
        with pdf_export.PdfJob() as job:  # started first, as the CLI does
            report = build_report(bank, data, [previous])
            return job.render(to_html(report, "a4"))

    report = build_report(bank, data, [previous])
    html = to_html(report, "a4")
    import weasyprint  # noqa: F401 - imported before timing: "WeasyPrint alone" pays no import

    def alone() -> bytes:
        return pdf_export.render_in_process(html)

    read_cached.cache_clear()
    t = time.perf_counter()
    build_report(bank, data, [previous])
    build_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    to_html(report, "a4")
    html_ms = (time.perf_counter() - t) * 1000
    ours_t: list[tuple[float, float]] = []
    alone_t: list[tuple[float, float]] = []
    pages = b""
    for _ in range(runs):  # interleaved, so load on the machine hits both alike
        wall, used, pdf = timed(alone)
        alone_t.append((wall, used))
        wall, used, pages = timed(ours)
        ours_t.append((wall, used))
    med = {
        name: (statistics.median(w for w, _ in ts), statistics.median(c for _, c in ts))
        for name, ts in (("ours", ours_t), ("alone", alone_t))
    }
    print(f"  build report model      {build_ms:8.0f} ms  (cold: every answer read afresh)")
    print(f"  Markdown + HTML + SVG   {html_ms:8.0f} ms  ({len(html) // 1024} KiB of HTML)")
    print(f"  {'':22}  {'wall':>8}     {'cpu':>8}")
    for name, label in (("ours", "ours, end to end"), ("alone", "WeasyPrint alone")):
        wall, used = med[name]
        print(f"  {label:22}  {wall * 1000:8.0f} ms  {used * 1000:8.0f} ms")
    for i, what in ((0, "wall"), (1, "cpu")):
        ratio = med["ours"][i] / med["alone"][i]
        verdict = "within" if ratio <= 1.5 else "OVER"
        print(f"  {'ratio (' + what + ')':22}  {ratio:8.2f}x  ({verdict} the 1.5x target)")
    print(f"  PDF: {len(pages) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
