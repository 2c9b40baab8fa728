"""STAR structure, measurable results and reasoning, found from the cues assessors listen for."""

from __future__ import annotations

import re

STAR_CUES: dict[str, re.Pattern[str]] = {
    "situation": re.compile(
        r"\b(situation|there was a|a customer (came|called|rang|phoned|emailed|contacted|complained|"
        r"asked|wanted|was|had)|one (day|time)|last (week|month|year)|when i was|i was working|"
        r"i work(ed)? (at|in|on|for)|came (in|into|to)|was unhappy|complained|"
        r"(called|rang|phoned|emailed) (in|us|me))\b",
        re.I,
    ),
    "task": re.compile(
        r"\b(my (task|job|role|aim|goal|responsibility) (was|is)|i (needed|had|was asked|was expected) "
        r"to|i was responsible|it was my (job|responsibility)|the (task|aim|goal|objective) was|"
        r"i wanted to (make sure|ensure|resolve|find)|i had to)\b",
        re.I,
    ),
    "action": re.compile(
        r"\b(i (then |first |also |quickly |calmly )?(explained|checked|listened|apologi[sz]ed|offered|"
        r"arranged|processed|escalated|spoke|told|asked|called|rang|emailed|wrote|sent|gave|made|"
        r"followed|referred|raised|logged|recorded|verified|refunded|replaced|booked|contacted|"
        r"reviewed|set up|introduced|created|trained|analysed|updated|used|took|investigated|"
        r"agreed|suggested|showed|read|looked|found|organised|led|held|ran|changed|"
        r"implemented|monitored|put|acted|handled|dealt)|my action|what i did)\b",
        re.I,
    ),
    "result": re.compile(
        r"\b(as a result|the result|in the end|resulted|outcome|this (meant|led)|which (meant|led)|"
        r"resolved|was (happy|pleased|satisfied|delighted)|thanked|left (happy|a review|positive)|"
        r"(went|came) (up|down)|(reduced|increased|improved|dropped|fell|rose)|feedback (was|score)|"
        r"score|rating|complaint was closed|no further|kept (the|their) custom|returned|"
        r"afterwards|since then|now)\b",
        re.I,
    ),
}

MEASURABLE = re.compile(
    r"(\b\d+(\.\d+)?\s*(%|per ?cent|percent)|\b\d+(\.\d+)?\s*(out of|/)\s*\d+|"
    r"\b\d+(\.\d+)?\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|"
    r"points?|stars?|calls?|complaints?|customers?|cases?|tickets?)\b|£\s?\d+|"
    r"\b(nps|csat|ces|first contact resolution|fcr|average handling time|aht)\b[^.]{0,40}\d)",
    re.I,
)

REASONING = re.compile(
    r"\b(because|so that|in order to|the reason|which meant|this meant|that meant|this is why|"
    r"that's why|thats why|to make sure|to ensure|to comply|to protect|as required by|"
    r"otherwise|since (the|it|they|he|she|we)|due to|i chose|i decided)\b",
    re.I,
)

ESCALATION = re.compile(
    r"\b(escalat\w*|(passed|referred|handed) (it|this|the \w+)? ?(on |over )?to (my|a|the) "
    r"(manager|supervisor|team leader|senior|specialist|complaints team)|outside (my|of my) "
    r"(authority|remit)|(above|beyond) my (authority|remit|level)|limit(s)? of my (authority|role)|"
    r"(asked|got|sought) (my )?(manager|supervisor|team leader)'?s? (approval|authorisation|"
    r"permission|sign[- ]off)|supervisor(y)? approval)\b",
    re.I,
)


def star_parts(text: str) -> dict[str, bool]:
    return {part: bool(rx.search(text)) for part, rx in STAR_CUES.items()}


def is_measurable(text: str) -> bool:
    return bool(MEASURABLE.search(text))


def has_reasoning(text: str) -> bool:
    return bool(REASONING.search(text))


def escalates(text: str) -> bool:
    return bool(ESCALATION.search(text))
