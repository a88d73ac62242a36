"""Provides the cues about what the 3-I scale turns on, named in an assessor's words.

`cues.py` finds the everyday phrasings of plans and practice. These cues look for what the
rubric's boundary cases turn on (docs/SCORING.md): a measured outcome ("fell by a third", "from
61 % to 78 %"); a change made because of the data; a loop that runs routinely or has run for
years; results across the organisation; a service standard in force told in "we will" words; a
plan to review or extend a practice that exists now; money as a result, not a plan; and what
pulls a passage down: admitted absence, admitted non-use, culture claims with nothing
checkable, pilots, hedges, an outsider's finding. Each is data: kind -> (pattern, the level it
supports or None for a modifier, its name for a reason).
"""

from __future__ import annotations

from re import Pattern

from assistant.core.bank.model import Signal
from assistant.core.reading.cues import rx

_N = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|a (?:third|quarter|half|fifth)|half|a fifth)"
)
_N_UNIT = _N + r"(?:\s?%|\s?per ?cent\b|\s?percentage points?\b)?"
"""A number with its unit when it has one, so that a reason quotes "by 45%", not "by 45"."""
_PCT = r"(?:\d[\d,.]*\s?(?:%|per ?cent|percentage points?|points?|pts))"
_VERBS_UP_DOWN = (
    r"(?:rose|risen|rising|fell|fallen|falling|increased|increasing|decreased|decreasing"
    r"|reduced|reducing|dropped|dropping|improved|improving|grew|grown|cut|climbed|jumped"
    r"|declined|went (?:up|down)|gone (?:up|down)|came down|come down|shrank|shortened)"
)

SIGNS: dict[str, tuple[Pattern[str], Signal | None, str]] = {
    "outcome": (
        rx(
            r"\bfrom (?:an? |the )?(?:average of |around |about )?[£$€]?\d[\d,.]*\s?%?"
            r"(?: \w+)?(?: per cent)? (?:in \d{4} )?to [£$€]?\d+(?:[.,]\d+)*\s?%?"
            r"|\b" + _VERBS_UP_DOWN + r"\s+(?:\w+\s+){0,2}?(?:by|to)\s+(?:almost |nearly |over "
            r"|more than |around |about |some )?" + _N_UNIT + r"|\b" + _PCT + r"\s+(?:\w+\s+){0,2}?"
            r"(?:fewer|less|more|reduction|increase|improvement|rise|drop|decrease|fall|higher"
            r"|lower|faster|quicker)\b|\b(?:halved|doubled|tripled|trebled)\b"
            r"|\b(?:reduction|increase|improvement|drop|fall|rise|decrease) (?:of|in) "
            r"(?:\w+ ){0,3}?" + _N_UNIT + r"|\b(?:record (?:high|low)|highest ever|lowest ever)\b"
        ),
        "improvement",
        "measured outcome",
    ),
    "data_change": (
        rx(
            r"\b(?:as a (?:direct )?result(?! of (?:the )?(?:pandemic|covid))|led to|leading to"
            r"|resulted in|resulting in|in response to|following (?:feedback|the (?:survey"
            r"|review|feedback|complaints?|audit|consultation)|customer|complaints|their"
            r" feedback)|based on (?:the )?(?:feedback|data|insight|findings|results|what"
            r"|customer|complaints|survey)|(?:feedback|data|insights?|complaints?|findings"
            r"|results|comments|learning|surveys?|information)\s+(?:\w+\s+){0,3}?(?:(?:is|are"
            r"|was|were|has been|have been|being) )?used to|use[sd]? (?:the |this |that |our "
            r"|their )?(?:\w+ ){0,2}?(?:feedback|data|insights?|findings|results|information"
            r"|learning|figures|scores|comments) to"
            r"|you said,? we did|lessons? (?:learned|learnt)|learning from|acted on"
            r"|because of (?:the |this |customer |their )?(?:feedback|data|complaints|survey"
            r"|findings)|informed by|root causes?|after (?:listening|hearing|analysing"
            r"|reviewing|customers? (?:told|said|asked))|customers? (?:told us|asked for)"
            r"|changes? (?:were|was|have been|has been) made|made changes)\b"
        ),
        "improvement",
        "a change made because of the data",
    ),
    "sustained": (
        rx(
            r"\b(?:over (?:the )?(?:last |past )?(?:" + _N + r"|several|many) (?:years"
            r"|consecutive)|year[- ]on[- ]year|consistently|sustained|for (?:the )?"
            r"(?:" + _N + r"|several) (?:consecutive |successive )?(?:years|quarters)"
            r"(?: running| in a row)?|continu(?:e|es|ed|ing) to (?:improve|rise|fall|reduce"
            r"|increase)|ever since|embedded|business as usual|each (?:year|quarter|month)"
            r"(?= (?:we|they|the)\b))"
        ),
        "improvement",
        "sustained over time or run as a routine loop",
    ),
    "orgwide": (
        rx(
            r"\b(?:across (?:all |the whole |the )?(?:organi[sz]ation|council|trust|business"
            r"|company|group|bank|services|departments|teams|directorates|sites|branches"
            r"|network|agency)|organi[sz]ation[- ]wide|company[- ]wide|council[- ]wide"
            r"|whole (?:organi[sz]ation|council|company)|every (?:department|directorate"
            r"|branch|site)|all (?:departments|directorates|branches|sites))\b"
        ),
        "improvement",
        "across the organisation",
    ),
    "governance": (
        rx(
            r"\b(?:reported (?:\w+ ){0,3}?to (?:the )?(?:board|committee|cabinet|scrutiny"
            r"|council|members|executive|senior|leadership|management)|(?:board|committee"
            r"|cabinet|scrutiny|panel|executive)s? (?:receives?|reviews?|scrutinis\w+"
            r"|monitors?|considers?)|performance (?:report|framework|indicators?|data"
            r"|dashboard|management)|key performance indicators?)\b"
        ),
        "practice",
        "reported to governance",
    ),
    "standard_will": (
        rx(
            r"\b(?:we|staff|they|our \w+|the \w+)\s+(?:will|shall|aim to)\s+(?:always\s+"
            r"|normally\s+|usually\s+)?(?:answer|respond|reply|acknowledge|call|return|deal"
            r"|resolve|treat|provide|give|offer|tell|keep|explain|contact|visit|arrive|send"
            r"|issue|investigate|let|apologise|process|pay)\b[^.;]{0,80}?(?:within|by the end"
            r"|same day|next working day|\d+ (?:working )?(?:days?|hours?|minutes?|seconds?))"
        ),
        "practice",
        "a service standard in force ('we will' for what happens now)",
    ),
    "in_place_now": (
        rx(
            r"\b(?:(?:is|are) (?:now )?in place|now (?:has|have|operates?|offers?|provides?"
            r"|uses?|publishes?|runs?)|currently (?:has|have|use|uses|operate|offer|provide"
            r"|run|publish|measure|monitor)|went live|in operation|(?:has|have) (?:run"
            r"|operated|been (?:running|operating))|we (?:offer|provide|operate|run|use"
            r"|publish|hold)\b)"
        ),
        "practice",
        "in place now",
    ),
    "review_existing": (
        rx(
            r"\b(?:(?:review|refresh|update|extend|expand|widen|strengthen|revis|renew|roll)\w*"
            r"\s+(?:out\s+)?(?:of\s+)?(?:the |our |its |their )?(?:existing|current"
            r"|established)|(?:in place|running|operated|operating|run) since|build on)\b"
        ),
        "practice",
        "a plan to review or extend a practice that exists now",
    ),
    "money_result": (
        rx(
            r"(?:\b(?:sav\w+|revenue|income|generated|recovered|delivered|worth|benefits?"
            r"|refunds?|efficienc\w+)\b[^.;]{0,40}?[£$€]\s?\d[\d,.]*(?:\s?(?:m|k|bn|million|billion"
            r"|thousand)\b)?|[£$€]\s?\d[\d,.]*\s?(?:m\b|k\b"
            r"|bn\b|million|billion|thousand)?\s+(?:in |of )?(?:\w+ ){0,2}?(?:savings?"
            r"|revenue|income|saved|returned|recovered|generated|benefits?|efficienc\w+))"
        ),
        "improvement",
        "money as a result, not a plan",
    ),
    "absence": (
        rx(
            r"\b(?:there (?:is|are|was|were) (?:no|little|limited)|(?:do|does|did|have|has)"
            r" not (?:have|yet|currently|measure|monitor|track|record|collect|know|analyse)"
            r"|(?:don't|doesn't|didn't|haven't|hasn't) (?:have|yet|currently|measure|monitor"
            r"|track|record|collect|know|analyse|got)|(?:lack of|lacks?|lacking|absence of"
            r"|without (?:a|any)) (?:formal |consistent |corporate |clear |systematic |proper "
            r"|reliable |robust |defined )?(?:data|measures?|targets?|process|system|policy"
            r"|strategy|framework|records?|monitoring|approach|standards?|oversight"
            r"|information|evidence)|not (?:yet )?(?:in place|measured|monitored|tracked"
            r"|recorded|collected)|failed to|fails? to|have yet to|has yet to|is yet to)\b"
        ),
        "plan",
        "admitted absence: the practice is said not to exist yet",
    ),
    "non_use": (
        rx(
            r"\b(?:(?:staff|nobody|no one|no-one|managers|colleagues|people|teams?) (?:\w+ )"
            r"{0,2}?(?:don't|do not|doesn't|does not|rarely|never|seldom) (?:\w+ ){0,2}?"
            r"(?:use|follow|look at|read|act on|know about|apply)|not (?:being |been )?"
            r"(?:used|followed|applied|acted on|looked at|read)|rarely (?:used|followed"
            r"|looked at|read|acted on)|sits? (?:on a shelf|in a drawer)|gather(?:s|ing)? dust"
            r"|in name only|no action (?:was|is|has been) taken|nothing (?:changed|happened"
            r"|was done))\b"
        ),
        None,
        "admitted non-use: it exists on paper but is not used",
    ),
    "culture_claim": (
        rx(
            r"\b(?:in our dna|at the heart of|customer[- ](?:centric|focused|first|obsessed)"
            r"|passionate|we (?:strive|pride|believe|value|care)|committed to|dedicated to"
            r"|world[- ]class|best in class|putting (?:the )?customers? first"
            r"|continuously improve everything|everything we do|second to none)\b"
        ),
        None,
        "a culture claim with nothing checkable in it",
    ),
    "pilot": (
        rx(
            r"\b(?:pilot\w*|trial\w*|proof of concept|in (?:one|a single) (?:team|ward|branch"
            r"|site|office|area|depot|region)|(?:six|four|eight|twelve|\d+)[- ]weeks?"
            r"|early (?:days|stages?)|first phase|phase one|small[- ]scale)\b"
        ),
        None,
        "a pilot or trial, not yet the practice for everyone",
    ),
    "hedge_claim": (
        rx(
            r"\b(?:may|might|could|perhaps|possibly|hopefully|potentially|seems?|appears?"
            r"|where possible|aspire|aspiration)\b"
        ),
        None,
        "hedged wording",
    ),
    "outsider": (
        rx(
            r"\b(?:inspect\w+|ombudsman|regulator|auditor|audit (?:office|commission)"
            r"|found that|concluded)\b"
        ),
        None,
        "an outside view: an inspector's or regulator's finding",
    ),
}
"""The 3-I cues: kind -> (pattern, level it supports or None, its name in a reason)."""
