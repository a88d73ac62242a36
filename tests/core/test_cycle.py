"""Tests for the certification cycle read from the banks' cycle sections."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.core.bank.loader import read_bank
from assistant.core.cycle import Cycle, add_months, cycle_status, months_between

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def icss() -> Cycle:
    return read_bank(ROOT / "question_banks" / "icss.yaml").bank.cycle


@pytest.fixture(scope="module")
def icxs() -> Cycle:
    return read_bank(ROOT / "question_banks" / "icxs2019.yaml").bank.cycle


def test_months_arithmetic_handles_month_ends_and_direction() -> None:
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)
    assert months_between(date(2025, 3, 10), date(2026, 3, 9)) == 11
    assert months_between(date(2025, 3, 10), date(2026, 3, 10)) == 12
    assert months_between(date(2026, 3, 10), date(2025, 3, 11)) == -11


def test_icss_certificate_lasts_a_year_and_recertification_is_due_by_then(icss: Cycle) -> None:
    status = cycle_status(icss, [("certification", date(2025, 5, 20))])
    assert status.expires == date(2026, 5, 20)
    assert status.surveillance_due == ()
    assert status.next_due == ("recertification", date(2026, 5, 20))
    assert status.earliest_reassessment is None


def test_icss_on_time_annual_recertification_is_not_flagged(icss: Cycle) -> None:
    status = cycle_status(
        icss, [("certification", date(2025, 5, 20)), ("recertification", date(2026, 5, 1))]
    )
    assert status.breaches == ()
    assert status.certified_on == date(2026, 5, 1)
    assert status.certified_by == "recertification"


def test_icxs_three_years_with_yearly_surveillance(icxs: Cycle) -> None:
    status = cycle_status(icxs, [("certification", date(2025, 4, 1))])
    assert status.expires == date(2028, 4, 1)
    assert status.surveillance_due == (date(2026, 4, 1), date(2027, 4, 1))
    assert status.next_due == ("surveillance", date(2026, 4, 1))
    assert status.earliest_reassessment == date(2025, 10, 1)
    held = cycle_status(
        icxs, [("certification", date(2025, 4, 1)), ("surveillance", date(2026, 3, 20))]
    )
    assert held.surveillance_done == (date(2026, 3, 20),)
    assert held.next_surveillance == date(2027, 4, 1)


def test_icxs_interval_rule_applies_between_certifications_only(icxs: Cycle) -> None:
    gap_then_cert = [("gap-analysis", date(2025, 1, 10)), ("certification", date(2025, 3, 1))]
    assert cycle_status(icxs, gap_then_cert).breaches == ()
    ci_many = gap_then_cert + [("continuous-improvement", date(2025, 4, 1))] * 3
    assert cycle_status(icxs, ci_many).breaches == ()
    too_soon = [("certification", date(2025, 3, 1)), ("recertification", date(2025, 7, 1))]
    (breach,) = cycle_status(icxs, too_soon).breaches
    assert (breach.months, breach.minimum) == (4, 6)


def test_no_certification_means_no_dates_and_as_of_ignores_later_events(icxs: Cycle) -> None:
    assert cycle_status(icxs, [("gap-analysis", date(2025, 1, 1))]).next_due is None
    events = [("gap-analysis", date(2025, 1, 1)), ("certification", date(2025, 6, 1))]
    assert cycle_status(icxs, events, as_of=date(2025, 5, 1)).certified_on is None
    assert cycle_status(Cycle(), events).expires is None
