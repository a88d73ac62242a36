"""Provides the reading of one answer into 3-I evidence: plans, practice, improvement.

Every decision can be shown to an assessor: each rule that fires leaves a `Cue` pointing at the
exact words that triggered it. `read_rules` reads by the rules alone, in four steps:

1. find cues: plans and future timing; routine practice, measures, records, figures, examples;
   reviews, changes made because of results, spread across the organisation, sustained results;
   and the modifiers (negation, hedging, doubt, aspiration, one-off changes, unused measures);
2. neutralise cues by their clause: a negated measure is not a measure ("we don't measure that
   yet"); practice in a clause about the future is a plan ("next year we will report monthly");
   practice "in theory" or "supposed to" happen is doubtful; future tense that describes a
   standard already in force ("will be acknowledged within two days, our standard since 2019")
   stays practice, because only intent verbs ("will introduce") count as plans;
3. decide the level: improvement needs a change made because of results within a routine or
   organisation-wide loop (a one-off change is practice); practice needs something in place
   today; otherwise plans, or nothing when the passage says nothing about the practice;
4. place the passage inside its band by how much supporting evidence it carries.

`read_passage`, which everything else uses, then lets the learned wording weights
(`wording_model.py`) decide the level and the place in the band from the words and the rules'
cues together, because rules alone miss phrasings nobody wrote a rule for (docs/SCORING.md).

Only the first `MAX_CHARS` characters are read, which keeps a pasted document fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import Pattern

from assistant.core import wording, wording_model
from assistant.core.bank.model import Band, Gap, Scale, Signal

MAX_CHARS = 20_000

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty)"


@dataclass(frozen=True)
class Cue:
    """Words in the passage that triggered a rule, and what they mean for the score."""

    kind: str
    text: str
    start: int
    end: int
    signal: Signal | None
    effect: str


@dataclass(frozen=True)
class Reading:
    """What a passage shows: its level, how strongly, how surely, the cues and what it lacks."""

    signal: Signal | None
    strength: float
    confidence: float
    cues: tuple[Cue, ...]
    gaps: tuple[Gap, ...]


def _rx(pattern: str) -> Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# kind -> (pattern, signal, effect)
_RULES: dict[str, tuple[Pattern[str], Signal | None, str]] = {
    "plan": (
        _rx(
            r"\b(?:plan(?:s|ned|ning)?\s+(?:to|for)|(?:the|our) plan is|(?:our|the) aim is"
            r"|(?:are|'re|is) putting together|(?<!what )(?<!how )\bwe(?:'ll| will) (?!be\b)\w+"
            r"|never got round"
            r"|talked about|(?:are|'re|am|is) planning|intend(?:s|ed)?\s+to"
            r"|(?:our|the) intention|(?:are|'re) going to|(?:is|'s) going to|going to start|gonna"
            r"|(?:are|'re) looking (?:at|to)|considering|propos(?:e|ed|ing) to|the idea is"
            r"|the next step is|(?:will|'ll) (?:introduce|bring in|set up|start|launch|roll out"
            r"|develop|create|implement|decide|be introducing|begin|look at|pilot)"
            r"|there(?:'ll| will) be a new|(?:is|are) being (?:drafted|developed|designed|built"
            r"|written|prepared|procured|planned)|(?:a|the) (?:business|strategic) plan"
            r"|one of (?:the|our) priorities|a priority for|early days|in the pipeline|on the list"
            r"|(?:is|are) due to|about to"
            r"|(?:will|'ll) (?:soon|shortly|be (?:moving|launching|bringing|rolling|setting"
            r"|starting"
            r"|introducing|recruiting|trialling))|(?:are|'re|is) (?:introducing|bringing in"
            r"|rolling out"
            r"|setting up|launching|moving to) .{0,40}?(?:next|soon|later|from|in 20\d\d)"
            r"|once the new|when the new|hopefully|under discussion"
            r"|being considered)\b"
        ),
        "plan",
        "plans or intentions: what will happen, not what happens now",
    ),
    "future": (
        _rx(
            r"\b(?:next (?:\w+ )?(?:year(?!'s)|month|quarter|financial year|spring|summer|autumn"
            r"|winter|cycle)"
            r"|in the (?:coming|next) (?:year|months?|quarter|few months)|by the end of (?:the"
            r"|this|"
            r"next) (?:year|month|quarter)|later this year|from " + _MONTH + r"|in the (?:spring|"
            r"summer|autumn|winter)|going forward|in (?:the )?future|in due course|planned for"
            r"|scheduled for|go(?:es)? live in|on the roadmap|draft(?:ed|ing)?|not yet|yet to)\b"
        ),
        "plan",
        "future timing",
    ),
    "concrete": (
        _rx(
            r"(?:\b(?:budget|approved|approval|funded|owner|owns the|named|committee|signed off"
            r"|procured)\b|[£$€]\d)"
        ),
        None,
        "a concrete plan: budget, owner or approval",
    ),
    "aspiration": (
        _rx(
            r"(?:'d like to|would like to|at some point|ideally|should really|hoping to|hope to"
            r"|we should\b|wish)"
        ),
        None,
        "a wish rather than practice",
    ),
    "doubt": (
        _rx(
            r"\b(?:in theory|on paper|supposed to|meant to|sort of|kind of|(?:really )?depends"
            r"|another matter|not sure|i'm not sure|don't really know)\b"
        ),
        None,
        "doubtful: said to happen in theory, not shown to happen",
    ),
    "hedge": (
        _rx(
            r"\b(?:i think|i believe|probably|maybe|perhaps|i guess|i'd say|try to|tend to"
            r"|usually|generally|mostly|most of the time|as far as i know|should)\b"
        ),
        None,
        "hedged: the speaker is unsure",
    ),
    "routine": (
        _rx(
            r"\b(?:(?:on )?(?:mondays|tuesdays|wednesdays|thursdays|fridays)|(?:monday|tuesday"
            r"|wednesday|thursday|friday) (?:mornings|afternoons)|(?:every"
            r"|each)\s+(?:single\s+)?(?!one\b)[\w'-]+|all\s+(?:new\s+)?(?:complaints"
            r"|calls|callers|contacts|customers|patients|visitors|cases|letters|emails|repairs"
            r"|requests|starters|branches|sites|teams|wards|visits|stores|staff)|every one"
            r"|daily|weekly|monthly|quarterly|annually|annual|fortnightly|termly|routinely"
            r"|as standard|always|twice a (?:year|month|week)|automatically|whenever|without fail"
            r"|no (?:\w+ )?(?:gets?|is|goes) \w+ (?:until|unless|without))\b"
        ),
        "practice",
        "a routine practice in place",
    ),
    "measure": (
        _rx(
            r"\b(?:targets?|kpis?|nps|csat|satisfaction (?:scores?|rates?|results?|surveys?)"
            r"|survey(?:s|ed)?|dashboards?|scorecards?|service levels?|slas?|(?:response|waiting"
            r"|resolution|handling|call) times?|same day|next day"
            r"|within " + _NUM + r" (?:working )?(?:days?|hours?"
            r"|minutes?|seconds?)|measur(?:e|es|ed|ing)|track(?:s|ed|ing)?|monitor(?:s|ed|ing)?"
            r"|stats|statistics|figures|numbers|audit(?:s|ed)?|compliance)\b"
        ),
        "practice",
        "a measure or target",
    ),
    "figure": (
        _rx(
            r"(?:\b\d+(?:\.\d+)?\s?(?:%|per ?cent)|\b\d{2,}\s+(?:responses|calls|complaints"
            r"|contacts"
            r"|customers|people|cases)\b|\b(?:fallen|dropped|risen|rose|fell) by\b)"
        ),
        "practice",
        "a figure showing results",
    ),
    "record": (
        _rx(
            r"\b(?:log(?:s|ged)?|register|spreadsheet|crm|(?:case|learning|booking|customer) "
            r"(?:system|records?)|on the system|in the system|recorded|records?|minutes|on file"
            r"|reports?|reported|reporting|publish(?:ed|es)?|documented|checklists?|procedures?"
            r"|charter|signs? (?:it )?off|completed checklists)\b"
        ),
        "practice",
        "a record or document that can be checked",
    ),
    "example": (
        _rx(
            r"\b(?:last (?:week|month|year|quarter|time|monday|tuesday|wednesday|thursday|friday)"
            r"|yesterday|this (?:morning|week|month)|for example|for instance|e\.g\.|the other day"
            r"|in " + _MONTH + r"|in 20\d\d|recently|that way)\b"
        ),
        "practice",
        "a concrete example",
    ),
    "practice": (
        _rx(
            r"\b(?:(?:we|i|they|staff|advisers|the team|managers?|supervisors?|team leaders?"
            r"|colleagues|agents|officers|nurses|leads|drivers|tellers|receptionists|the \w+ team"
            r"|supervisor|manager|most \w+)"
            r"\s+(?:\w+ly\s+)?"
            r"(?:do\s+|all\s+|always\s+)?(?:log|record|answer|reply|respond|call (?:\w+ )?back"
            r"|check|manage it|open|confirm|scan"
            r"|greet|escalate|handle|process|close|book|issue|chase|email|text|phone|contact|visit"
            r"|send|use|run"
            r"|hold|give|offer|keep|put|publish|track|measure|survey|listen|acknowledge|follow"
            r"|update|complete|shadow|flag|sign|ring|get|tell|have (?:a|an)\s+\w+|collect"
            r"|take|leave|chuck|drop|score|listen in)(?:s|es)?"
            r"|(?:is|are|gets?) (?:\w+ly )?(?!planned|proposed|expected|intended|hoped|scheduled"
            r"|supposed|due|being)(?:[a-z]+ed|done|sent|given|seen|kept|taken|made|shown|run|rung)"
            r"|(?:has|have|'ve) been (?:\w+ing|trained|doing|running|using)|gets? an? \w+)\b"
        ),
        "practice",
        "practice described as happening now",
    ),
    "in_force": (
        _rx(
            r"\b(?:since (?:19|20)\d\d|since (?:the|it|we) \w+(?: \w+)? (?:started|opened|began)"
            r"|since then|for (?:about |around |over |nearly )?(?:years|" + _NUM + r" years)"
            r"|" + _NUM + r" years ago"
            r"|already(?! (?:approved|agreed|signed|funded|allocated))"
            r"|went live|(?:is|are|has been|have been) in place|we've done that|as they have done"
            r"|that's been our|it's been our|what we've always done)\b"
        ),
        "practice",
        "already in force",
    ),
    "review": (
        _rx(
            r"\b(?:work out what|figure out what|sit down with|audit(?:s|ed)? (?:a sample|the"
            r"|every)|go(?:es)? through (?:[\w'-]+ ){0,4}?(?:data|comments|reports?|feedback"
            r"|complaints|results|verbatims)|review(?:s|ed|ing)?"
            r"|go(?:es)? through (?:\w+ ){0,4}?(?:data|comments|reports?"
            r"|feedback"
            r"|complaints|register|results|figures)|look(?:s|ed)? over|pull(?:s|ed)? (?:the|out"
            r"|together)"
            r"|picks? out|look(?:s|ed|ing)? at (?:the |our )?(?:[\w-]+ )?(?:results|figures"
            r"|data|trends|themes|comments|numbers|dashboard|survey)|go(?:es)? through (?:our|the) "
            r"(?:\w+ )?(?:survey|comments|results)|analys(?:e|es|is|ed)|root causes?|lessons"
            r"|themes|trends?|discussed at|standing item|compar(?:e|ed|ing) (?:our|the|with"
            r"|against)"
            r"|top \w+ (?:complaint |call )?(?:reasons|causes|drivers)|what went wrong|panel meets"
            r"|checks? progress|check the next month|benchmark\w*|evaluat\w+|assess(?:es|ed"
            r"|ing)? (?:the |how |whether )"
            r"|look back|retrospective|debrief\w*|post-implementation|what worked|act(?:ed)? on"
            r"|take action|closes? the loop|feedback loop"
            r"|continuous(?:ly)? improv\w*)\b"
        ),
        "improvement",
        "results are reviewed or compared",
    ),
    "change": (
        _rx(
            r"\b(?:corrective actions?|agree\w* who|who(?:'s| is) fixing|swap\w* (?:fixes|ideas"
            r"|tips)|(?:gets?|got) (?:adjusted|changed|fixed|sorted)|the changes (?:they"
            r"|we) make|trial\w* (?:a )?(?:fix|change)|gets? written up and shared"
            r"|actions? (?:are|were) assigned|as a result|because of (?:it|this|that|the)"
            r"|led to|so we (?!don|do not|never"
            r"|can)\w+"
            r"|based on"
            r"|(?:we|they|it|she|he|and) (?:changed|adjusted|shortened|redesigned|improved|updated"
            r"|reset|rolled out|added|moved|rewrote|introduced|simplified|tweaked|put up|ran)"
            r"|(?:adjusted|amended|reset) (?:them|the|it)|adjust (?:the|it|our)|(?:agree\w*"
            r"|assign\w*|pick\w*"
            r"|decide\w*) (?:which |what |one |on )?(?:improvements?|improvement actions|changes?"
            r"|actions?|thing to improve|to change)|change the process|changes go into"
            r"|actions? (?:are|were) (?:agreed|tracked|logged|followed)|improvement (?:actions?"
            r"|plan"
            r"|targets?)|you said,? we did|followed up|tracked to (?:completion|closure)"
            r"|feed(?:s)? back|flows? into|drives|got changed|what (?:it |they )?changed"
            r"|fall behind|roll(?:ed)? (?:it |them |the best ones )?out|adopted by|made from"
            r"|produces? actions|an owner and a fix date|fix dates?|have to explain|held to account"
            r"|picks? (?:\w+ )?(?:things?|one) to (?:change|improve|fix)|agree\w* (?:one|a|two"
            r"|what)"
            r"|adjusts?|updates? (?:the|their|our)|(?:and|to) (?:adjust|update|change|fix)"
            r"|(?:was|were|got) (?:redone|changed|updated|rewritten|replaced|added|moved)"
            r"|every action|best fix(?:es)?|best practice"
            r"|what we'll do (?:about|differently)|(?:we've|we have|they've) changed"
            r"|followed (?:two|three|\d+) years|after (?:the|our) (?:review|survey|outage)"
            r"|following the"
            r"|(?:we|they|and) (?:refined|revised|adapted|reduced|removed|scrapped|retrained"
            r"|rewrote)"
            r"|action plans?|improvement projects?|changes? (?:were|was|are|is) made|made changes"
            r"|tweaks?|refine[sd]?|revise[sd]?)\b"
        ),
        "improvement",
        "something was changed because of results",
    ),
    "spread": (
        _rx(
            r"\b(?:across (?:all |every |the (?:whole )?)?(?:our |the )?(?:teams|sites|departments"
            r"|organisation|group|business|services|branches|regions|directorates|wards)"
            r"|(?:all|every|other|each) (?:heads of service|directorates?|regions?|sites?|wards?"
            r"|teams?|stores?|depots?|offices?|branch(?:es)?)|the other regions|whole (?:group"
            r"|organisation|company)|organisation-wide"
            r"|corporate (?:strategy|plan)|strategy|board|executive|service plan|team objectives"
            r"|(?:company|group|trust|council|organisation)-wide|across the (?:trust|council|bank"
            r"|company|business|organisation)|senior (?:leadership|management)|leadership team"
            r"|management team|governance|objectives|appraisals?|part of how we work|embedded"
            r"|shared (?:with|across))\b"
        ),
        "improvement",
        "spread across the organisation or tied to strategy",
    ),
    "result": (
        _rx(
            r"\b(?:(?:have |has )?come down from|climbed from|gone down|held there|steadily"
            r"|(?:six|five|four|three|\d+) consecutive|(?:have|has) (?:fallen|dropped|risen"
            r"|improved|gone (?:down|up))|fallen|dropped"
            r"|went up|much lower|cut complaints|year on year|consistently|up from|down from|halved"
            r"|doubled|improved from|(?:has|have) (?:reduced|increased|decreased)|over time"
            r"|for (?:the last |the past )?"
            + _NUM
            + r" years|since (?:19|20)\d\d|every six months since)\b"
        ),
        "improvement",
        "results sustained or improved",
    ),
    "one_off": (
        _rx(
            r"\b(?:once|one time|on one occasion|one-off|one off|a while ago|one big review"
            r"|hasn't been (?:reviewed|looked at) since|after (?:one|a) (?:customer|complaint)"
            r"|a few people)\b"
        ),
        None,
        "a one-off change, not a routine loop",
    ),
    "unused": (
        _rx(
            r"(?:don't think (?:anyone|anybody)|nobody has (?:opened|looked)|\b(?:nobody|no one"
            r"|no-one|never)\s+(?:\w+\s+)?(?:looks?|reads?|uses?|acts?|checks?"
            r"|reviews?|runs?|opens?|discuss\w*)\b|\bjust (?:get )?filed|\b(?:sit|sits) in a"
            r"|(?:go|goes) into a (?:folder|drawer)|not (?:discussed|used|looked at)|aren't used"
            r"|isn't used|nothing (?:changes|happens)|just go into|haven't been looked at"
            r"|don't (?:really )?(?:track|use"
            r"|look at) it|couldn't tell you the last time|don't (?:really )?know what they do)"
        ),
        None,
        "measures exist but nobody uses them",
    ),
    "informal": (
        _rx(
            r"\b(?:just (?:kinda |kind of |sort of |really )?(?:deal|get on|sort|answer|handle"
            r"|do what)\w*|sort it out|as fast as we can"
            r"|there and then|no idea)\b"
        ),
        "plan",
        "informal: no defined practice",
    ),
    "partial": (
        _rx(
            r"\b(?:pilot (?:stores?|sites?|teams?|wards?|branches?|areas?)|a couple of|some"
            r"|a few) (?:sites|teams|branches|wards|departments)|just started"
            r"|a pilot|pilot of|for the big ones|in one team|one (?:depot|team|site|branch"
            r"|store|ward"
            r"|office) (?:has|is|does)|one or two teams\b"
        ),
        "practice",
        "only in part of the organisation",
    ),
}

_NEGATION = _rx(
    r"(?:\b(?:not|no|never|nobody|none|nothing|without|yet to|no longer|lack of)\b|n't\b)"
)
_DOUBLE_NEGATIVE = _rx(
    r"\b(?:never|don't|do not|won't|can't) (?:\w+ )?(?:skip|miss|fail|forget|let)\w*|without fail"
    r"|\bno \w+ (?:\w+ )?(?:gets?|is|goes) \w+ (?:until|unless|without)"
)
_CLAUSE_END = re.compile(
    r"[.;:!?]\s|,\s*but\b|\bbut\b|\s[-–—]\s|,\s*(?:and|so|which)\b", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
_POSITIVE = (
    "routine",
    "measure",
    "figure",
    "record",
    "example",
    "practice",
    "in_force",
    "review",
    "change",
    "spread",
    "result",
    "partial",
)
_PLANNED_KINDS = ("plan", "future")


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _span_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for lo, hi in spans:
        if lo <= pos < hi or (pos == hi and hi == spans[-1][1]):
            return lo, hi
    return spans[-1]


def _find(text: str) -> list[Cue]:
    cues: list[Cue] = []
    for kind, (pattern, signal, effect) in _RULES.items():
        for m in pattern.finditer(text):
            if m.end() > m.start():
                cues.append(Cue(kind, m.group(0), m.start(), m.end(), signal, effect))
    cues.sort(key=lambda c: (c.start, c.end))
    return cues


def _negated(text: str, cue: Cue, clauses: list[tuple[int, int]]) -> bool:
    lo, _ = _span_of(clauses, cue.start)
    window = text[max(lo, cue.start - 40) : cue.start]
    if not _NEGATION.search(window):
        return False
    clause = text[lo : min(len(text), cue.end + 20)]
    return not _DOUBLE_NEGATIVE.search(clause)


def _neutralise(text: str, cues: list[Cue]) -> list[Cue]:
    """Turn positive cues into what their clause makes of them: negated, planned or doubtful."""
    clauses = _clauses(text)
    sentences = _sentences(text)
    plan_clauses = {_span_of(clauses, c.start) for c in cues if c.kind in _PLANNED_KINDS}
    wish_sentences = {_span_of(sentences, c.start) for c in cues if c.kind == "aspiration"}
    doubt_sentences = {_span_of(sentences, c.start) for c in cues if c.kind == "doubt"}
    force_sentences = {_span_of(sentences, c.start) for c in cues if c.kind == "in_force"}
    out: list[Cue] = []
    for cue in cues:
        if cue.kind not in _POSITIVE:
            out.append(cue)
            continue
        clause = _span_of(clauses, cue.start)
        sentence = _span_of(sentences, cue.start)
        if cue.kind != "in_force" and _negated(text, cue, clauses):
            out.append(
                Cue(
                    "negation",
                    cue.text,
                    cue.start,
                    cue.end,
                    None,
                    f"negated: '{cue.text}' is said not to happen",
                )
            )
        elif clause in plan_clauses and sentence not in force_sentences:
            out.append(
                Cue(
                    "planned",
                    cue.text,
                    cue.start,
                    cue.end,
                    "plan",
                    f"'{cue.text}' is planned, not yet happening",
                )
            )
        elif sentence in wish_sentences:
            out.append(
                Cue(
                    "planned",
                    cue.text,
                    cue.start,
                    cue.end,
                    "plan",
                    f"'{cue.text}' is wished for, not yet happening",
                )
            )
        elif sentence in doubt_sentences:
            out.append(
                Cue(
                    "doubted",
                    cue.text,
                    cue.start,
                    cue.end,
                    "plan",
                    f"'{cue.text}' is said to happen in theory only",
                )
            )
        else:
            out.append(cue)
    return out


def _kinds(cues: list[Cue]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for c in cues:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    return counts


def _decide(k: dict[str, int]) -> tuple[Signal | None, float]:
    """Return the level and the strength within its band from the cue counts."""
    has = k.get
    loop = bool(has("routine") or has("spread") or has("result") or has("in_force"))
    one_off = bool(has("one_off")) and not has("spread")
    improvement = (
        has("change")
        and loop
        and has("review")
        or has("change")
        and (has("routine") or has("spread"))
        and not one_off
        or has("review")
        and has("spread")
        and (has("result") or has("routine"))
    )
    if improvement and not has("unused"):
        loop_points = sum(
            1
            for x in ("review", "change", "routine", "spread", "result", "example", "figure")
            if has(x)
        )
        return "improvement", min(1.0, max(0.0, (loop_points - 3) / 6))
    firm = ("routine", "measure", "figure", "record", "in_force")
    if has("informal") and not any(has(x) for x in firm):
        return "plan", 1.0
    exists = ("routine", "measure", "figure", "record", "practice", "in_force", "partial")
    if has("unused") and any(has(x) for x in exists):
        return "practice", 0.0
    practice_kinds = (
        "routine",
        "measure",
        "figure",
        "record",
        "practice",
        "in_force",
        "change",
        "review",
        "partial",
    )
    if any(has(x) for x in practice_kinds):
        if has("unused") or has("partial") and not has("figure"):
            return "practice", 0.0
        points: float = (
            min(1, has("routine", 0))
            + min(2, has("measure", 0))
            + min(1, has("record", 0))
            + min(1, has("figure", 0))
            + min(1, has("in_force", 0))
            + 0.5 * min(1, has("example", 0))
            + 0.5 * min(1, has("practice", 0))
            + 0.5 * min(1, has("change", 0))
        )
        if has("planned") or has("plan"):
            points -= 1
        if has("hedge"):
            points -= 0.5 * has("hedge", 0)
        if has("one_off") and not has("figure") and not has("result"):
            points = min(points, 1)
        return "practice", min(1.0, max(0.0, (points - 1) / 3))
    if has("doubted") or has("doubt") and (has("practice") or has("planned")):
        return "plan", 1.0
    if has("plan") or has("future") or has("planned"):
        strength = 0.5
        if has("concrete"):
            strength = 1.0
        if has("aspiration") and not has("planned") and not has("plan"):
            strength = 0.0
        return "plan", strength
    if has("aspiration"):
        return "plan", 0.0
    if has("negation") or has("unused"):
        return "plan", 0.0
    return None, 0.0


def _gaps(signal: Signal | None, k: dict[str, int]) -> tuple[Gap, ...]:
    if signal is None:
        return ()
    gaps: list[Gap] = []
    if signal == "plan":
        gaps.append("only_plans")
    if not (k.get("example") or k.get("figure")):
        gaps.append("no_example")
    if not (k.get("measure") or k.get("figure")):
        gaps.append("no_measure")
    if signal != "plan" and not k.get("record"):
        gaps.append("claim_without_evidence")
    if (k.get("measure") or k.get("figure")) and not (k.get("review") or k.get("change")):
        gaps.append("no_review")
    return tuple(gaps)


def read_rules(text: str) -> Reading:
    """Read one passage by the rules alone; never raises for any string."""
    if not isinstance(text, str) or not text.strip():
        return Reading(None, 0.0, 0.0, (), ())
    text = text[:MAX_CHARS]
    cues = _neutralise(text, _find(text))
    counts = _kinds(cues)
    signal, strength = _decide(counts)
    if signal is None:
        return Reading(None, 0.0, 0.0, tuple(cues), ())
    support = sum(1 for c in cues if c.signal == signal)
    doubt = counts.get("hedge", 0) + counts.get("doubt", 0) + counts.get("doubted", 0)
    confidence = 0.45 + 0.1 * min(4, support) - 0.1 * min(3, doubt)
    if counts.get("negation") and signal != "plan":
        confidence -= 0.1
    confidence = round(min(0.95, max(0.1, confidence)), 2)
    return Reading(signal, round(strength, 3), confidence, tuple(cues), _gaps(signal, counts))


def place_on_scale(reading: Reading, scale: Scale) -> tuple[Band, float]:
    """Return the band a reading supports and a score inside it, rounded to the scale's step."""
    if reading.signal is None:
        band = scale.bands[0]
        return band, band.min
    band = scale.band_for_signal(reading.signal)
    raw = band.min + reading.strength * (band.max - band.min)
    score = round(round(raw / scale.step) * scale.step, 4)
    return band, min(band.max, max(band.min, score))


def read_passage(text: str) -> Reading:
    """Read one passage by the rules and the learned wording weights; never raises.

    The rules find the cues; the wording weights (`wording_model.py`) read the words and those
    cues together and decide the level and the place inside the band. When no rule cue
    supports the level the weights chose, a `wording` cue quoting the sentence whose words
    pulled hardest is added, so every level can still be quoted; the rules' own cues stay.
    """
    rules = read_rules(text)
    if not isinstance(text, str) or not text.strip():
        return rules
    text = text[:MAX_CHARS]
    vector = wording.features(text, [c.kind for c in rules.cues])
    verdict = wording_model.judge(vector)
    chance = verdict.probabilities[verdict.signal]
    if rules.signal is None and sum(p for _, p in verdict.contributions) < MIN_PULL:
        return rules
    signal = verdict.signal
    lo, hi = REFERENCE_BANDS[signal]
    strength = (min(hi, max(lo, verdict.score)) - lo) / (hi - lo)
    cues = list(rules.cues)
    if not any(c.signal == signal for c in cues):
        cues.extend(_wording_cues(text, signal, verdict))
        cues.sort(key=lambda c: (c.start, c.end))
    counts = _kinds(cues)
    doubt = counts.get("hedge", 0) + counts.get("doubt", 0) + counts.get("doubted", 0)
    confidence = 0.3 + 0.65 * chance - 0.1 * min(3, doubt)
    if signal == rules.signal:
        confidence = (confidence + rules.confidence) / 2
    else:
        confidence -= 0.1
    confidence = round(min(0.95, max(0.1, confidence)), 2)
    return Reading(signal, round(strength, 3), confidence, tuple(cues), _gaps(signal, counts))


MIN_PULL = 2.0
"""When the rules find no cue, the words must pull at least this hard towards one level, or
the passage is taken to say nothing ("Thanks, good question.")."""
REFERENCE_BANDS: dict[Signal, tuple[float, float]] = {
    "plan": (0, 2),
    "practice": (3, 5),
    "improvement": (6, 10),
}
"""The bands of the 0-10 scale the labelled passages use; a bank's own bands may differ."""
_PLAIN_WORDS = frozenset(
    "a an and are as at be but by for from had has have i in is it its of on or our so some "
    "that the their them there they this to was we were with you".split()
)
"""Words too common to name as the reason for a level, though the weights may count them."""
_LEVEL_WORDS = {"plan": "plans", "practice": "practice in place", "improvement": "improvement"}


def _wording_cues(text: str, signal: Signal, verdict: wording_model.Verdict) -> list[Cue]:
    """Return a cue for the sentence whose words pulled hardest towards the level.

    One word rarely decides: the weights add many small pulls. So the cue quotes the sentence
    where those pulls add up most, and names the words in it that pulled hardest.
    """
    pulls = dict(verdict.contributions)
    sentences = _sentences(text)
    totals: dict[tuple[int, int], float] = {}
    best_words: dict[tuple[int, int], list[tuple[float, str]]] = {}
    for word in wording.words(text):
        pull = pulls.get(word.feature, 0.0)
        if word.feature.startswith("w:"):
            pull += pulls.get("s:" + wording.stem(word.feature[2:]), 0.0)
        if pull <= 0:
            continue
        span = _span_of(sentences, word.start)
        totals[span] = totals.get(span, 0.0) + pull
        if word.feature.startswith("w:") and word.feature[2:] not in _PLAIN_WORDS:
            best_words.setdefault(span, []).append((pull, text[word.start : word.end]))
    if not totals:
        return []
    span = max(totals, key=lambda k: totals[k])
    lo, hi = span
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    named: list[str] = []
    for _pull, word_text in sorted(best_words.get(span, []), key=lambda p: -p[0]):
        if word_text.lower() not in named:
            named.append(word_text.lower())
    listed = ", ".join(f"'{w}'" for w in named[:3])
    effect = f"wording that labelled passages read as {_LEVEL_WORDS[signal]}"
    if listed:
        effect += f" (words such as {listed})"
    return [Cue("wording", text[lo:hi], lo, hi, signal, effect)]
