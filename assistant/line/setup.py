"""Provides the line mode's setup: choose or create the assessment, then who is interviewed.

Each step prints a numbered list or one short question and reads one line; q goes back (or
quits at the first list). The plan comes from the core (`make_plan`); every write goes through
the workspace's Session. An interviewee's name, when given, is stored apart by the workspace and
never printed: people are named by their role code (L1, K2, S3).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant import paths
from assistant.core.errors import AssessorError
from assistant.core.model import (
    ASSESSMENT_TYPES,
    ROLE_LABEL,
    AssessmentType,
    Interviewee,
    Profile,
    RoleType,
)
from assistant.line.opened import (
    Opened,
    interview_line,
    listing_line,
    person_line,
    pick,
)
from assistant.line.prompts import LineIO
from assistant.line.render import Printer
from assistant.services import interviews
from assistant.services.opening import open_assessment
from assistant.services.report_texts import make_profile

if TYPE_CHECKING:  # the plan, banks and store are imported when first needed
    from assistant.core.bank.loader import LoadedBank
    from assistant.core.interview.plan import Plan
    from assistant.core.model import Scope
    from assistant.store.workspace import Workspace

QUIT = ("q", "quit", "exit")
NEW = ("n", "new")
ROLES: tuple[RoleType, ...] = ("lead", "stakeholder", "staff")
DEFAULT_TIME_BOX = 45


class Setup:
    """The questions asked before an interview starts."""

    def __init__(self, io: LineIO, out: Printer, workspace: Workspace, who: str = "") -> None:
        self.io = io
        self.out = out
        self.ws = workspace
        self.who = who

    # ------------------------------------------------------------ the assessment

    def open(self, assessment_id: str) -> Opened:
        """Open an assessment and print its title and any warnings."""
        opened = open_assessment(self.ws, assessment_id, who=self.who)
        a = opened.data.assessment
        self.out.line(f"Opened {a.organisation}, {a.type}, bank {a.bank.id} (id {a.id}).")
        for warning in opened.warnings:
            self.out.line(f"Warning: {warning}")
        if a.scope.schedule:
            from assistant.services.scope import schedule_summary

            self.out.line(schedule_summary(opened.bank, a.scope, a.id))
        return opened

    def choose_assessment(self) -> Opened | None:
        """List the assessments; open the one chosen or a new one. None: the assessor quit."""
        while True:
            rows = self.ws.list_assessments()
            if rows:
                self.out.choices(f"Assessments in {self.ws.root}:", map(listing_line, rows))
                self.out.line("Type a number to open an assessment, n for a new one, or q to quit.")
            else:
                self.out.line(
                    f"No assessments in {self.ws.root} yet. Type n to create one, or q to quit."
                )
            word = self.io.ask("Assessment> ").lower()
            ids = [r.id for r in rows]
            if word in QUIT:
                return None
            if word in NEW:
                target = self.new_assessment()
                if target is None:
                    continue
            elif word.isdecimal() and 1 <= int(word) <= len(rows):
                target = ids[int(word) - 1]
            elif word in ids:
                target = word
            else:
                self.out.line(
                    f"Warning: '{word[:40]}' is not in the list: type a number"
                    + (f" from 1 to {len(rows)}" if rows else "")
                    + ", n or q."
                )
                continue
            try:
                return self.open(target)
            except AssessorError as exc:
                self.out.line(f"Error: {exc}")

    def _choose(
        self,
        title: str,
        options: tuple[str, ...],
        labels: list[str],
        label: str,
        default: str | None = None,
    ) -> str | None:
        """Ask for one of `options` until one is named; None when the assessor types q."""
        self.out.choices(title, labels)
        while True:
            word = self.io.ask(label)
            if word.lower() in QUIT:
                return None
            if not word and default is not None:
                return default
            chosen = pick(word, options)
            if chosen is not None:
                return chosen
            self.out.line(f"Warning: type a number from 1 to {len(options)}, a name, or q.")

    def banks(self) -> list[LoadedBank]:
        """Return the banks that can be read (one per id), warning about the others."""
        from assistant.core.bank.loader import BankError, bank_files, read_bank

        found: dict[str, LoadedBank] = {}
        for path in bank_files(paths.bank_dirs(self.ws.root)):
            try:
                loaded = read_bank(path)
            except BankError as exc:
                self.out.line(f"Warning: bank not usable: {exc}")
                continue
            found.setdefault(loaded.bank.id, loaded)
        return list(found.values())

    def new_assessment(self) -> str | None:
        """Ask for organisation, type and bank; create the assessment and return its id."""
        self.out.line("New assessment (type q at any question to go back).")
        organisation = ""
        while not organisation:
            organisation = self.io.ask("Organisation> ")
            if organisation.lower() in QUIT:
                return None
            if not organisation:
                self.out.line("Warning: type the organisation's name (or q to go back).")
        kind = self._choose(
            "Assessment types:",
            ASSESSMENT_TYPES,
            list(ASSESSMENT_TYPES),
            f"Type (Enter for {ASSESSMENT_TYPES[0]})> ",
            ASSESSMENT_TYPES[0],
        )
        if kind is None:
            return None
        banks = self.banks()
        if not banks:
            self.out.line("Error: no question bank found (see assessor banks list).")
            return None
        ids = tuple(b.bank.id for b in banks)
        bank_id = self._choose(
            "Question banks:", ids, [f"{b.bank.id}: {b.bank.title}" for b in banks], "Bank> "
        )
        if bank_id is None:
            return None
        bank = banks[ids.index(bank_id)]
        assessment_type: AssessmentType = next(t for t in ASSESSMENT_TYPES if t == kind)
        profile = self._profile()
        if profile is None:
            return None
        scope = self.sampling()
        if scope is None:
            return None
        try:
            self.ws.root.mkdir(parents=True, exist_ok=True)
            new_id = self.ws.create_assessment(
                organisation=organisation,
                type=assessment_type,
                bank=bank,
                assessors=[self.who] if self.who else [],
                lead_assessor=self.who or None,
                scope=scope,
                who=self.who,
                profile=profile,
            )
        except (AssessorError, OSError) as exc:
            self.out.line(f"Error: not created: {exc}")
            return None
        self.out.line(f"Created assessment {new_id}.")
        return new_id

    def _profile(self) -> Profile | None:
        """Ask for the organisation profile, each question optional (Enter skips); None: q."""
        self.out.line("Organisation profile for the report (Enter skips a question).")
        answers = []
        for label in (
            "Sector> ",
            "Size> ",
            "Where it serves customers> ",
            "Channels (comma-separated)> ",
            "Customer groups (comma-separated)> ",
        ):
            text = self.io.ask(label)
            if text.lower() in QUIT:
                return None
            answers.append(text)
        sector, size, locations, channels, groups = answers
        return make_profile(sector, size, locations, channels, groups)

    def sampling(self) -> Scope | None:
        """Ask for the sites in scope, those not visited and, then, why; None: went back."""
        from assistant.core.model import Scope, Site
        from assistant.services.scope import scoped, split_names

        answer = self.io.ask("Sites in scope (comma-separated; Enter for none)> ")
        if answer.lower() in QUIT:
            return None
        sites = [Site(name=n) for n in split_names(answer)]
        if not sites:
            return Scope()
        answer = self.io.ask("Sites not visited (comma-separated; Enter if all are visited)> ")
        if answer.lower() in QUIT:
            return None
        skipped = split_names(answer)
        rationale = ""
        while skipped and not rationale:
            rationale = self.io.ask("Sampling rationale: why are those sites not visited?> ")
            if rationale.lower() in QUIT:
                return None
            if not rationale:
                self.out.line("Warning: a rationale is required when a site is not visited.")
        return scoped(Scope(sites=sites), skip=skipped, rationale=rationale)

    # ------------------------------------------------------------ the interview

    def choose_interview(self, opened: Opened) -> tuple[str, Plan] | None:
        """Resume an open interview or start one; return its id and plan. None: quit."""

        while True:
            data = opened.data
            people = data.interviewees
            waiting = [iv for iv in data.interviews if iv.ended is None]
            self.out.line(
                "Interviewees: " + ("; ".join(map(person_line, people)) or "none yet") + "."
            )
            if waiting:
                self.out.choices(
                    "Open interviews (type the number to resume):",
                    [interview_line(data, iv) for iv in waiting],
                )
            self.out.line(
                "Type "
                + ("a number to resume, " if waiting else "")
                + ("a role code to interview someone listed, " if people else "")
                + "n for someone new, or q to quit."
            )
            word = self.io.ask("Interviewee> ")
            low = word.lower()
            if low in QUIT:
                return None
            try:
                if low.isdecimal() and 1 <= int(low) <= len(waiting):
                    interview = waiting[int(low) - 1]
                    return interview.id, interviews.resume_plan(opened, interview.id)
                person = next((p for p in people if p.code.lower() == low), None)
                if person is None and low not in NEW:
                    self.out.line(f"Warning: no interviewee '{word[:20]}'.")
                    continue
                started = self.start(opened, person)
            except AssessorError as exc:
                self.out.line(f"Error: {exc}")
                continue
            if started is not None:
                return started

    def start(self, opened: Opened, person: Interviewee | None) -> tuple[str, Plan] | None:
        """Ask for a new person's details (when `person` is None) and the time box, then start.

        Raises AssessorError when a write fails.
        """
        details: tuple[RoleType, str, str, str] | None = None
        if person is None:
            details = self.new_person()
            if details is None:
                return None
        box = self.time_box()
        if box is None:
            return None
        if details is not None:
            role, department, site, name = details
            person = interviews.add_person(
                opened, role, department=department, site=site, name=name
            )
            self.out.line(f"Added interviewee {person.code} ({ROLE_LABEL[role]}).")
        assert person is not None
        plan = interviews.propose_plan(opened, person, box)
        interview = interviews.start_interview(opened, person, plan, box, self.who)
        self.out.line(
            f"Interview with {person.code} started. Plan: {plan.summary()} "
            "/plan shows it; /plan add, drop or move changes it."
        )
        return interview.id, plan

    def new_person(self) -> tuple[RoleType, str, str, str] | None:
        """Ask for role, department, site and an optional name (never printed)."""
        role = self._choose("Roles:", ROLES, [f"{r} ({ROLE_LABEL[r]})" for r in ROLES], "Role> ")
        if role is None:
            return None
        answers = []
        for label in (
            "Department (optional)> ",
            "Site (optional)> ",
            "Name (optional; stored apart, never shown)> ",
        ):
            text = self.io.ask(label)
            if text.lower() in QUIT:
                return None
            answers.append(text)
        chosen: RoleType = next(r for r in ROLES if r == role)
        return chosen, answers[0], answers[1], answers[2]

    def time_box(self) -> int | None:
        """Ask for the interview's length in minutes (5 to 480)."""
        while True:
            word = self.io.ask(f"Time box in minutes, 5 to 480 (Enter for {DEFAULT_TIME_BOX})> ")
            if word.lower() in QUIT:
                return None
            if not word:
                return DEFAULT_TIME_BOX
            if word.isdecimal() and 5 <= int(word) <= 480:
                return int(word)
            self.out.line("Warning: the time box is a number of minutes from 5 to 480.")
