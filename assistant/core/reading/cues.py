"""Provides the rules' cue table: the phrasings that show plans, practice or improvement.

Each entry is data: a kind, the pattern that finds it, the level it supports (or None for a
modifier such as a hedge) and what it means in an assessor's words. `rules.py` holds the
algorithm that finds these cues, judges them by their clause and decides a level; `signs.py`
holds the cues about what the 3-I scale is about (outcomes, a change made because of the data,
admitted non-use, culture claims, pilots).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import Pattern

from assistant.core.bank.model import Signal

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty)"


@dataclass(frozen=True)
class Cue:
    """Words in the passage that triggered a rule, and what they mean for the score.

    `text` is what a reason quotes; `start`/`end` point at it in the passage. `effect` names
    the cue in an assessor's words. `words` keeps the exact words the rule matched when the
    quote is their whole clause.
    """

    kind: str
    text: str
    start: int
    end: int
    signal: Signal | None
    effect: str
    words: str = ""


def rx(pattern: str) -> Pattern[str]:
    """Compile a cue pattern: case-insensitive, as every cue is."""
    return re.compile(pattern, re.IGNORECASE)


# kind -> (pattern, signal, effect)
RULES: dict[str, tuple[Pattern[str], Signal | None, str]] = {
    "plan": (
        rx(
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
        rx(
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
        rx(
            r"\b(?:budget|approved|approval|funded|owner|owns the|named|committee|signed off"
            r"|procured)\b"
        ),
        None,
        "something concrete behind it: a budget, an owner or an approval",
    ),
    "aspiration": (
        rx(
            r"(?:'d like to|would like to|at some point|ideally|should really|hoping to|hope to"
            r"|we should\b|wish)"
        ),
        None,
        "a wish rather than practice",
    ),
    "doubt": (
        rx(
            r"\b(?:in theory|on paper|supposed to|meant to|sort of|kind of|(?:really )?depends"
            r"|another matter|not sure|i'm not sure|don't really know)\b"
        ),
        None,
        "doubtful: said to happen in theory, not shown to happen",
    ),
    "hedge": (
        rx(
            r"\b(?:i think|i believe|probably|maybe|perhaps|i guess|i'd say|try to|tend to"
            r"|usually|generally|mostly|most of the time|as far as i know|should)\b"
        ),
        None,
        "hedged: the speaker is unsure",
    ),
    "routine": (
        rx(
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
        rx(
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
        rx(
            r"(?:\b\d+(?:\.\d+)?\s?(?:%|per ?cent)|\b\d{2,}\s+(?:responses|calls|complaints"
            r"|contacts"
            r"|customers|people|cases)\b|\b(?:fallen|dropped|risen|rose|fell) by\b)"
        ),
        "practice",
        "a figure showing results",
    ),
    "record": (
        rx(
            r"\b(?:log(?:s|ged)?|register|spreadsheet|crm|(?:case|learning|booking|customer) "
            r"(?:system|records?)|on the system|in the system|recorded|records?"
            r"|(?<!\d )(?<!\d)minutes|on file"
            r"|reports?|reported|reporting|publish(?:ed|es)?|documented|checklists?|procedures?"
            r"|charter|signs? (?:it )?off|completed checklists)\b"
        ),
        "practice",
        "a record or document that can be checked",
    ),
    "example": (
        rx(
            r"\b(?:last (?:week|month|year|quarter|time|monday|tuesday|wednesday|thursday|friday)"
            r"|yesterday|this (?:morning|week|month)|for example|for instance|e\.g\.|the other day"
            r"|in " + _MONTH + r"|in 20\d\d|recently|that way)\b"
        ),
        "practice",
        "a concrete example",
    ),
    "practice": (
        rx(
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
        rx(
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
        rx(
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
        rx(
            r"\b(?:corrective actions?|agree\w* who|who(?:'s| is) fixing|swap\w* (?:fixes|ideas"
            r"|tips)|(?:gets?|got) (?:adjusted|changed|fixed|sorted)|the changes (?:they"
            r"|we) make|trial\w* (?:a )?(?:fix|change)|gets? written up and shared"
            r"|actions? (?:are|were) assigned|as a result|because of (?:it|this|that|the)"
            r"|led to|so we (?!don|do not|never"
            r"|can)\w+"
            r"|based on"
            r"|(?:we|they|it|she|he|and) (?:changed|adjusted|shortened|redesigned|improved|updated"
            r"|reset|rolled out|added|moved|rewrote|introduced|simplified|tweaked|put up)"
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
        rx(
            r"\b(?:across (?:all |every |the (?:whole )?)?(?:our |the )?(?:teams|sites|departments"
            r"|organisation|group|business|services|branches|regions|directorates|wards)"
            r"|(?:all|every|other|each) (?:heads of service|directorates?|regions?|sites?|wards?"
            r"|teams?|stores?|depots?|offices?|branch(?:es)?)|the other regions|whole (?:group"
            r"|organisation|company)|organisation-wide"
            r"|corporate (?:strategy|plan)|strategy|(?<!on )board|executive|service plan"
            r"|team objectives"
            r"|(?:company|group|trust|council|organisation)-wide|across the (?:trust|council|bank"
            r"|company|business|organisation)|senior (?:leadership|management)|leadership team"
            r"|management team|governance|objectives|appraisals?|part of how we work|embedded"
            r"|shared (?:with|across))\b"
        ),
        "improvement",
        "spread across the organisation or tied to strategy",
    ),
    "result": (
        rx(
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
        rx(
            r"\b(?:once|one time|on one occasion|one-off|one off|a while ago|one big review"
            r"|hasn't been (?:reviewed|looked at) since|after (?:one|a) (?:customer|complaint)"
            r"|a few people)\b"
        ),
        None,
        "a one-off change, not a routine loop",
    ),
    "unused": (
        rx(
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
        rx(
            r"\b(?:just (?:kinda |kind of |sort of |really )?(?:deal|get on|sort|answer|handle"
            r"|do what)\w*|sort it out|as fast as we can"
            r"|there and then|no idea)\b"
        ),
        "plan",
        "informal: no defined practice",
    ),
    "partial": (
        rx(
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


NEGATION = rx(
    r"(?:\b(?:not|no|never|nobody|none|nothing|without|yet to|no longer|lack of)\b|n't\b)"
)
DOUBLE_NEGATIVE = rx(
    r"\b(?:never|don't|do not|won't|can't) (?:\w+ )?(?:skip|miss|fail|forget|let)\w*|without fail"
    r"|\bno \w+ (?:\w+ )?(?:gets?|is|goes) \w+ (?:until|unless|without)"
)
MISSED_TARGET = rx(
    r"(?:\bnot|n't|\bnever)\s+(?:yet\s+|always\s+|consistently\s+)?(?:hitting|meeting|reaching"
    r"|achieving|making|on track (?:for|to meet)|hit|meet|reach|achieve|make)\s+(?:[\w-]+\s+){0,3}$"
)
"""A negation of reaching a target, right before the target: the target is there, only missed."""
CLAUSE_END = re.compile(
    r"[.;:!?]\s|,\s*but\b|\bbut\b|\s[-–—]\s|,\s*(?:and|so|which)\b", re.IGNORECASE
)
SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
POSITIVE = (
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
    "outcome",
    "data_change",
    "sustained",
    "orgwide",
    "governance",
    "standard_will",
    "in_place_now",
    "review_existing",
    "money_result",
)
"""Kinds that show something exists or happened: negated, planned or doubted by their clause."""
PLANNED_KINDS = ("plan", "future")
