"""Provides SetupScreen: choose or add the interviewee, set the time box, shape the plan, start.

The plan comes from the core (`make_plan`); this screen only lets the assessor reorder, add and
drop areas, then starts the interview through the Session and hands it to InterviewScreen.
Unfinished interviews are offered for resuming.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from assistant.core.errors import AssessorError
from assistant.core.interview.plan import Plan, PlanError
from assistant.core.interview.progress import OPENING_STEPS
from assistant.core.model import ROLE_LABEL, Interviewee, RoleType
from assistant.services import interviews
from assistant.tui.screens import SCREENS_CSS
from assistant.tui.widgets.plan_list import PlanList

if TYPE_CHECKING:
    from assistant.services.opening import OpenAssessment
    from assistant.tui.app import AssessorApp

NEW = "new"
DEFAULT_TIME_BOX = 45


class SetupScreen(Screen[None]):
    """Interview setup for the open assessment."""

    CSS_PATH = SCREENS_CSS

    app: AssessorApp

    BINDINGS: ClassVar = [
        Binding(
            "ctrl+s",
            "start",
            "Start interview",
            priority=True,
            id="setup.start",
            tooltip="Start the interview with this interviewee and plan",
        ),
        Binding(
            "f2",
            "add_area",
            "Add area",
            id="setup.add",
            tooltip="Pick a criterion to add to the plan",
        ),
        Binding("escape", "back", "Back", id="setup.back", tooltip="Back to the assessments"),
        Binding(
            "enter",
            "choose_person",
            "Choose",
            show=False,
            priority=True,
            id="setup.choose",
            tooltip="In the people list: start with the highlighted person, or add a new one",
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="setup")
        self.plan: Plan | None = None

    @property
    def current(self) -> OpenAssessment:
        """The open assessment (the app opens one before showing this screen)."""
        assert self.app.current is not None
        return self.app.current

    def compose(self) -> ComposeResult:
        cur = self.current
        sites = [s.name for s in cur.data.assessment.scope.sites]
        yield Header()
        yield Static(f"Interview setup · {cur.title}", classes="screen-title")
        with Horizontal(id="setup-body"):
            with VerticalScroll(id="setup-left"):
                yield Label("Resume an unfinished interview", id="resume-label")
                yield OptionList(id="resume", compact=True)
                yield Label("Interviewee (shown by role code only)")
                yield OptionList(id="people", compact=True)
                with Vertical(id="new-person"):
                    roles = [(f"{label} ({role})", role) for role, label in ROLE_LABEL.items()]
                    yield Select(roles, value="staff", allow_blank=False, id="role", compact=True)
                    yield Input(
                        placeholder="Department, e.g. Contact centre", id="department", compact=True
                    )
                    yield Input(
                        placeholder="Site" + (f": {', '.join(sites)}" if sites else ""),
                        suggester=SuggestFromList(sites, case_sensitive=False),
                        id="site",
                        compact=True,
                    )
                    yield Input(
                        placeholder="Name (optional; kept apart, never shown)",
                        id="name",
                        compact=True,
                    )
                yield Label("Time box (minutes)")
                yield Input(str(DEFAULT_TIME_BOX), type="integer", id="time-box", compact=True)
                yield Label("Opening checklist (ticked live: F9 or /tick)")
                yield Static(
                    "  ".join(f"☐ {step}" for step, _ in OPENING_STEPS), id="opening-preview"
                )
                yield Static("", id="setup-error", classes="form-error")
                yield Button(
                    "Start interview (ctrl+s)", variant="primary", id="start", compact=True
                )
                yield Label("Scope, sampling and schedule (assessor scope / schedule)")
                yield Static(self._scope_text(), id="setup-scope")
            with Vertical(id="setup-right"):
                yield Static("", id="plan-summary")
                yield PlanList(id="plan")
                yield Select(
                    [], prompt="Add an area to the plan… (F2)", id="add-area", compact=True
                )
        yield Footer()

    def _scope_text(self) -> Content:
        """The sites, sampling rationale, schedule and its checks (warnings highlighted)."""
        from assistant.services.scope import scope_lines

        cur = self.current
        lines = scope_lines(cur.bank, cur.data.assessment.scope)
        parts: list[str | tuple[str, str]] = []
        for line in lines:
            style = (
                "$error"
                if line.startswith("error:")
                else "$warning"
                if line.startswith("warning:")
                else ""
            )
            parts.append((line + "\n", style) if style else line + "\n")
        return Content.assemble(*parts).rstrip()

    def on_mount(self) -> None:
        self._fill_people()
        self._fill_resume()
        # The plan is made once the screen is drawn: a first plan on a big assessment reads
        # every answer in a thread, which would slow the screen's first layout.
        self.call_after_refresh(self._replan)
        if self.current.read_only:
            self._error(
                "Read-only: no interview can be started or resumed. ctrl+p opens Scores, "
                "Coverage, Transcripts and Report to read it."
            )

        self._focus_first_list()

    def _focus_first_list(self) -> None:
        """Focus the list to pick from: unfinished interviews if any, else the people."""
        resume = self.query_one("#resume", OptionList)
        (resume if resume.option_count else self.query_one("#people", OptionList)).focus()

    def on_screen_resume(self) -> None:
        if self.plan is not None:
            self._fill_people()
            self._fill_resume()
            self._replan()
            self._focus_first_list()  # back from an interview: Down and Enter work at once

    # ------------------------------------------------------------ lists

    def _fill_people(self) -> None:
        people = self.query_one("#people", OptionList)
        keep = people.highlighted
        people.clear_options()
        for p in self.current.data.interviewees:
            where = " · ".join(x for x in (p.role, p.department, p.site) if x)

            people.add_option(Option(f"{p.code}  {where}", id=p.id))
        people.add_option(Option("+ new interviewee", id=NEW))
        people.highlighted = (
            keep if keep is not None and keep < people.option_count else (people.option_count - 1)
        )

    def _fill_resume(self) -> None:
        resume = self.query_one("#resume", OptionList)
        resume.clear_options()
        data = self.current.data
        for iv in data.interviews:
            if iv.ended is None:
                codes = ", ".join(
                    data.interviewee(i).code
                    for i in iv.interviewee_ids
                    if any(p.id == i for p in data.interviewees)
                )
                turns = sum(1 for t in data.turns if t.interview_id == iv.id)
                started = iv.started.astimezone().strftime("%d %b %H:%M")
                resume.add_option(Option(f"{codes} · {turns} turns · started {started}", id=iv.id))
        shown = resume.option_count > 0
        if shown:
            resume.highlighted = 0

        resume.display = shown
        self.query_one("#resume-label").display = shown

    def _interviewee(self) -> Interviewee | None:
        """Return the chosen interviewee, or an unsaved one built from the form."""
        people = self.query_one("#people", OptionList)
        if people.highlighted is None:
            return None
        option = people.get_option_at_index(people.highlighted)
        self.query_one("#new-person").display = option.id == NEW
        if option.id != NEW:
            return self.current.data.interviewee(str(option.id))
        role: RoleType = self.query_one("#role", Select).value  # type: ignore[assignment]
        return Interviewee(code="new", role=role)

    def _time_box(self) -> int | None:
        text = self.query_one("#time-box", Input).value.strip()
        value = int(text) if text.isdigit() else 0
        return value if 5 <= value <= 480 else None

    # ------------------------------------------------------------ the plan

    @on(OptionList.OptionHighlighted, "#people")
    @on(Select.Changed, "#role")
    @on(Input.Changed, "#time-box")
    def _replan(self) -> None:
        person, box = self._interviewee(), self._time_box()
        if person is None or box is None:
            return
        self.plan = None
        self.query_one("#plan-summary", Static).update("Making the plan…")
        self._make_plan(person, box)

    @work(thread=True, exclusive=True, group="setup-plan")
    def _make_plan(self, person: Interviewee, box: int) -> None:
        """Propose the plan in a thread: on a big assessment the first plan reads every answer
        (later ones reuse the readings), and the screen must answer keys meanwhile."""
        plan = interviews.propose_plan(self.current, person, box)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_plan, plan)

    def _show_plan(self, plan: Plan, keep: str | None = None) -> None:
        self.plan = plan
        self.query_one("#plan-summary", Static).update(plan.summary())
        self.query_one("#plan", PlanList).show(self.current.bank, plan, keep)
        add = self.query_one("#add-area", Select)
        add.set_options(
            [
                (f"{c.id} {c.title}{' · mandatory' if c.mandatory else ''}", c.id)
                for c in self.current.bank.criteria()
                if c.id not in plan.criteria
            ]
        )

    @on(PlanList.Changed)
    def _plan_changed(self, event: PlanList.Changed) -> None:
        if self.plan is None:
            return
        cid = event.criterion_id
        try:
            if event.change == "drop":
                self._show_plan(self.plan.drop(cid))
            else:
                at = self.plan.criteria.index(cid) + 1 + (-1 if event.change == "up" else 1)
                self._show_plan(self.plan.move(cid, at), keep=cid)
        except PlanError as exc:
            self._error(str(exc))

    @on(Select.Changed, "#add-area")
    def _add_area(self, event: Select.Changed) -> None:
        if self.plan is not None and isinstance(event.value, str):
            self._show_plan(self.plan.add(event.value), keep=event.value)

    def action_add_area(self) -> None:
        """Open the list of criteria to add."""
        add = self.query_one("#add-area", Select)
        add.focus()
        add.expanded = True

    # ------------------------------------------------------------ starting

    def _error(self, text: str) -> None:
        self.query_one("#setup-error", Static).update(text)

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        """Save the interviewee (if new), start the interview and open the interview screen."""
        cur, plan, box = self.current, self.plan, self._time_box()
        if cur.read_only:
            self._error("Read-only: nothing can be started.")
            return
        if box is None:
            self._error("Time box: give the minutes, from 5 to 480.")
            return
        if plan is None:
            self._error("The plan is still being made: press ctrl+s again in a moment.")
            return
        person = self._interviewee()
        try:
            if person is not None and person.code == "new":
                person = interviews.add_person(
                    cur,
                    person.role,
                    department=self.query_one("#department", Input).value,
                    site=self.query_one("#site", Input).value,
                    name=self.query_one("#name", Input).value,
                )
                self._clear_person_form()
            if person is None:
                return
            interview = interviews.start_interview(cur, person, plan, box, self.app.who)
        except AssessorError as exc:
            self._error(f"Not started: {exc}")
            return
        self._open(interview.id, plan)

    def action_choose_person(self) -> None:
        """Enter on a person starts the interview; on "+ new interviewee", fill in the form.

        Only the Enter key does this (a click on a person just shows their plan).
        """
        people = self.query_one("#people", OptionList)
        if self.focused is not people or people.highlighted is None:
            raise SkipAction()
        if people.get_option_at_index(people.highlighted).id == NEW:
            self.query_one("#role", Select).focus()
        else:
            self.action_start()

    def _clear_person_form(self) -> None:
        """Empty the new-person form once that person is saved: the next one starts afresh."""
        self.query_one("#role", Select).value = "staff"
        for field in ("#department", "#site", "#name"):
            self.query_one(field, Input).value = ""

    @on(OptionList.OptionSelected, "#resume")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        if self.current.read_only or event.option.id is None:
            return
        interview_id = event.option.id
        self._open(interview_id, interviews.resume_plan(self.current, interview_id))

    def _open(self, interview_id: str, plan: Plan) -> None:
        from assistant.tui.screens.interview_screen import InterviewScreen

        cur = self.current
        engine = interviews.engine_for(cur, interview_id, plan, clock=self.app.clock)
        self._error("")
        self.app.push_screen(InterviewScreen(engine))

    def action_back(self) -> None:
        """Close the assessment and go back to the list."""
        self.app.close_assessment()
        self.app.pop_screen()
