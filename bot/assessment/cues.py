"""The word patterns behind STAR, measurable results, reasoning and escalation.

Kept apart from the logic in ``structure`` so they can be read (and argued with) as a list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# --- compiling the big alternations fast -------------------------------------------------------


def _group_marks(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """Each "(", ")" and "|" of a pattern from ``start``, outside escapes and character classes,
    with the group depth just before it."""
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern.startswith("]", i + 1) or pattern.startswith("^]", i + 1):
                i += 2 if pattern[i + 1] == "]" else 3  # a "]" first in a class is literal
                continue
        elif ch in "(|)":
            yield i, ch, depth
            depth += (ch == "(") - (ch == ")")
        i += 1


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern: split at each "|" outside groups and classes."""
    out: list[str] = []
    start = 0
    for i, ch, depth in _group_marks(pattern):
        if ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def _close(pattern: str, at: int) -> int | None:
    """The index of the ")" that closes the group opened at ``at`` (None if it never closes)."""
    return next((i for i, ch, depth in _group_marks(pattern, at) if ch == ")" and depth == 1), None)


_OPTIONAL = ("?", "*", "{")


def _opens_with_word(branch: str) -> bool:
    """Whether every match of ``branch`` starts with a letter or digit: it opens with one (not
    made optional), with ``\\w`` or ``\\d``, or with a plain group whose alternatives all do."""
    if branch[:1].isalnum():
        return branch[1:2] not in _OPTIONAL
    if branch.startswith(("\\w", "\\d")):
        return branch[2:3] not in _OPTIONAL
    if branch.startswith("(") and (not branch.startswith("(?") or branch.startswith("(?:")):
        end = _close(branch, 0)
        if end is None or branch[end + 1 : end + 2] in _OPTIONAL:
            return False
        inner = branch[3 if branch.startswith("(?:") else 1 : end]
        return all(_opens_with_word(b) for b in _branches(inner))
    return False


def _after_boundary(run: list[str]) -> str:
    """One ``\\b`` for a run of alternatives, those that open with a word character grouped behind
    ``(?=\\w)``: after a word ends, they are not tried at all."""
    parts: list[str] = []
    words: list[str] = []
    for branch in run:
        if _opens_with_word(branch):
            words.append(branch)
            continue
        if words:
            parts.append("(?=\\w)(?:" + "|".join(words) + ")")
            words = []
        parts.append(branch)
    if words:
        parts.append("(?=\\w)(?:" + "|".join(words) + ")")
    return "\\b(?:" + "|".join(parts) + ")"


def factor_boundaries(pattern: str) -> str:
    """The same pattern with each run of neighbouring alternatives that open with ``\\b`` put
    behind one ``\\b``, and those of them that open with a letter or digit behind one ``(?=\\w)``
    too: ``\\bA|\\bB|C|\\b(?=x)D`` becomes ``\\b(?:(?=\\w)(?:A|B))|C|\\b(?:(?=x)D)``. It matches
    the same text at the same places, alternatives still tried in their order, but Python's
    engine fails inside a word, or at its end, after one test instead of one per alternative: the
    long cue lists below (forty alternatives and more) read an answer about twice as fast.
    ``tests`` check every pattern built this way against its plain form on the marking sets."""
    out: list[str] = []
    run: list[str] = []
    for branch in _branches(pattern):
        if branch.startswith("\\b"):
            run.append(branch[2:])
            continue
        if run:
            out.append(_after_boundary(run))
            run = []
        out.append(branch)
    if run:
        out.append(_after_boundary(run))
    return "|".join(out)


# Each pattern built by `alternation`, by its plain form: the tests hold the two to the same matches.
FACTORED: dict[str, re.Pattern[str]] = {}


def alternation(pattern: str, flags: int = re.I) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, with its word-boundary alternatives factored
    (`factor_boundaries`)."""
    compiled = re.compile(factor_boundaries(pattern), flags)
    FACTORED[pattern] = compiled
    return compiled


_PEOPLE = (
    r"customer|client|caller|lady|man|woman|gentleman|guy|lad|girl|boy|teenager|family|couple|"
    r"guest|patient|resident|tenant|passenger|member|student|user|service user|account holder|"
    r"supplier|someone|somebody|person|pensioner|visitor|shopper|homeowner|parent|mum|dad|"
    r"wheelchair user|learner|colleague|daughter|son|husband|wife|elderly \w+|owner|fella|bloke|"
    r"lass|chap|mother|father|gran|grandad|nan|student|driver|traveller|diner|player|young \w+|"
    r"new starter|starter|agent|adviser|advisor|carer|trainee|apprentice|neighbour|partner|pupil|"
    r"applicant|claimant|business customer|small business|landlord|widow|widower|child|kid|baby|"
    r"porter|cleaner|chef|waiter|waitress|nurse|engineer|receptionist|courier|delivery driver"
)
_BOSS = (
    r"manager|team leader|supervisor|boss|senior|lead|head|director|coach|trainer|mentor|gaffer|"
    r"owner|line manager|duty manager|store manager|area manager|"
    # Those who give work as a body: "the board asked me to look at how others cut no-shows".
    r"board|committee|trustees|management"
)
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"
_REPORTING = (
    r"came|rang|phoned|called|emailed|contacted|complained|asked|wanted|was|were|had|said|told|"
    r"brought|bought|returned|ordered|tried|reported|kept|got|needed|wrote|messaged|turned up|"
    r"walked|arrived|started|missed|lost|deposited|found|slipped|fell|couldn't|could not|did not|"
    r"didn't|wasn't|seemed|looked|became|refused"
)

SITUATION = alternation(
    rf"\bsituation\b|"
    rf"\b(a|an|one|this|another)\s+(\w+\s+){{0,3}}?({_PEOPLE})s?\b|"
    rf"\b(last|this|that|on a)\s+({_DAYS}|week|month|year|summer|winter|christmas|"
    rf"night|weekend|shift|morning|afternoon|time)\b|\bone (day|time|night|morning|afternoon|"
    rf"evening|shift|week|weekend|month|year)\b|\bin (the )?(spring|summer|autumn|winter)\b|"
    rf"\b(yesterday|recently|once)\b|\b(my|a) (\w+ )?(supervisor|manager|"
    rf"colleague|team leader|boss) (who|was|had|set|gave|asked|told)\b|"
    # A clock time is one occasion: "alarm went off at 2am".
    rf"\bat \d{{1,2}}([:.]\d\d)?\s?(am|pm)\b|"
    # A day shortened in a note ("last fri"; not after "that": "the emails that sat there").
    rf"\b(last|this|on a)\s+(mon|tues?|wed|thur?s?|fri|sat|sun)\b|"
    rf"\b\d+\s+(days?|weeks?|months?|years?)\s+ago\b|\bin ({_MONTHS})\b|"
    # A month shortened in a note, and work that sat waiting: "oct we were on 81% for emergencies",
    # "all sat in a shared inbox for weeks" ("mar" and "may" are other words too).
    rf"(^|[.!?\n]\s*|\bin )(jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec)\b|"
    rf"\b(sat|sitting|piling up|piled up|stuck)\b[^.!?\n]{{0,40}}\bfor (days|weeks|months)\b|"
    # "when we moved...", "When our council in Newport moved the form online": a past event.
    rf"\bwhen (we|i|they|(our|the|my) (\w+ ){{0,3}}?\w+) \w+ed\b|"
    rf"\bwhen i (was|worked|started)\b|\bi work(ed)? (at|in|on|for|as)\b|\bin my role\b|"
    rf"\b(we|i) had (a|an|loads|lots|a lot|some|two|three|\d+)\b|\bthere (was|were)\b|"
    rf"\bi (noticed|saw|spotted|overheard|caught)\b|\bduring (a |the )?\w+|"
    # Spoken and chat scenes: a named customer, a season or year, a problem that kept recurring.
    rf"\b(mrs|mr|ms|miss)\.? [A-Z]\w+|\blast (spring|autumn|fall|easter|year)\b|\bin (19|20)\d\d\b|"
    rf"\b(customers?|people|calls?|complaints?|orders?|we|they)\s+(\w+\s+){{0,3}}?kept\s+\w+ing\b|"
    rf"\b(mystery shopper|an? (inspector|auditor|inspection|audit)|(the|our|my) (last|latest) "
    rf"(audit|inspection|observation|review|survey|report|visit))\b|"
    rf"\b(after|when) (a|an|our|the) [\w ]{{0,25}}\b(scored|showed|found|came back|went live)\b|"
    rf"\bour (manager|supervisor|team leader) did\b|\bwe (got|brought in|introduced|launched|"
    rf"went for|moved to)\b|"
    # A project the learner led: "I led a change to how we registered warranties".
    rf"\bi (led|introduced|launched|ran|set up|brought in) (a|an|the|our) (\w+ ){{0,2}}?(change|project|"
    rf"trial|pilot|review|new)\b|"
    # ... or helped with: "I helped move the blue badge application from a paper form to an online
    # one", "I helped roll out the new booking system".
    rf"\bi helped (to )?(move|moving|switch|introduce|launch|set up|bring in|roll out|run|change|redesign|"
    rf"rewrite|build|plan|trial|test|pilot) (a|an|the|our|my|us)\b|"
    # Work handed to the learner once: "I was asked to look at the lunchtime queues", "my team
    # leader asked me to cut down no-shows" (not "I'm always asked to").
    rf"\b(i|we) (was|were|got) (\w+ )?(asked|tasked|given the job) (to|with)\b|"
    # A period the learner looked back over: "when I went through the log for October".
    rf"\b(log|logs|figures|report|returns|complaints|calls|feedback|scores|results) (for|from) "
    rf"(last |that )?({_MONTHS}|last (week|month|quarter|year))\b|"
    # The learner in the middle of something on one occasion: "I was checking the offers email
    # before it went out and saw...", "we were closing up when".
    # Phone notes that drop the "I" or the "my": "saw a linkedin post from ...", "mgr asked me to
    # redo our callback process", "cx in newry, washing machine we installed flooded".
    rf"(^|[.!?\n]\s*)(saw|noticed|spotted|overheard|caught)\b|"
    rf"(^|[.!?\n]\s*)(my |our )?({_BOSS})( in \w+)? "
    rf"(asked|told|set|gave|said|came|noticed|wanted|rang|did)\b|"
    # Something new where the learner works, at a note's start: "new online appt booking at our gp
    # practice in bristol", "new click + collect process in our leeds store".
    rf"(^|[.!?\n]\s*)(a |the |our )?new [\w+&/' -]{{2,40}}?\b(at|in|for) (our|the|my) \w+|"
    # A problem that arose: "because our mystery diner scores had slipped", "sales dropped".
    rf"\b(scores?|figures?|numbers?|ratings?|sales|reviews|results) (had )?(slipped|dropped|fallen|fell|"
    rf"gone down|went down|dipped|tanked|plummeted)\b|"
    # One person, introduced in a note without an article: "old boy at the counter reading out his
    # account number", "regular cx w/ autism finds the tills loud".
    rf"(^|[.!?,;]\s*)(an? |this |one )?(old|older|young|elderly) (boy|lad|fella|man|woman|lady|girl|"
    rf"gent|couple|chap|bloke|dear|fellow)\b|\bregular (cx|customer|guest|diner)\b|"
    rf"\b(a|one|our|this) regular\b|"
    rf"\b(customer|lady|man|woman|gentleman|guest|tenant|passenger|patient|resident) (in|from) "
    rf"(?!(?:the|a|an|my|our|their|general|front|person|store|branch|shop)\b)[a-z]+|"
    # ... and where, at the start of a note: "resident in the care home in newry, mary, didnt want".
    rf"(^|[.!?\n]\s*)(cx|customer|lady|man|woman|gentleman|guest|tenant|passenger|patient|resident|"
    rf"fella|guy) (in|at|on|from) (the|our) \w+|"
    rf"\b(i|we) (was|were) (just |still )?(?!(?:going|trying|hoping|planning|meaning|being|thinking|"
    rf"wondering|told|asked)\b)\w{{2,}}ing\b|"
    # A meeting or check had with someone, the "I" dropped in chat: "had my monthly call QA with my
    # TL", "we had our one to one with".
    rf"(^|[.!?]\s*|\b(i|we) )had (my|our|a|an) [\w' -]{{0,30}}?\bwith (my|our|a|an|the) \w+|"
    # Something the learner and another did together: "the target my manager and I agreed".
    rf"\b(my|our|the) (\w+ ){{0,2}}?({_PEOPLE}|{_BOSS}|team|colleagues)s? and i "
    rf"(\w+ed|met|sat|set|spoke|went|had|got|took|made)\b",
    re.I,
)
# Someone else's doing on one occasion, read as an event wherever it sits, as phone notes have no
# full stops ("pharmacy counter in norwich, saturday, queue out the door lady asked me out loud",
# "One farmer had moved his accounts to us", "A regular who has autism told us"): a person (any
# word after a determiner, or a word of ``_PEOPLE``, or he / she / they), then within a few words a
# past verb of getting in touch, wanting, buying or a thing going wrong. Read only before the
# learner's first action, where it cannot be a result, and not in a generic clause ("if a customer
# rang").
_SCENE_VERB = (
    r"came|come|rang|phoned|called|emailed|messaged|wrote|complained|asked|wanted|told|said|bought|"
    r"brought|ordered|returned|booked|had|was|were|got|lost|missed|moved|tried|turned up|walked|"
    r"arrived|needed|kept|couldn'?t|didn'?t|wasn'?t|hadn'?t|refused|left|paid|received|applied|"
    r"fell|collapsed|broke|failed|stopped|went|sent|made|found|used|started|owed|raised|queried|"
    r"disputed|challenged|struggled|waited|chased|reported|flagged|posted|tweeted|shouted|swore|"
    r"threatened|demanded|insisted|mentioned|explained|admitted|panicked|cried|spilt|spilled|dropped|"
    r"tripped|slipped|forgot|overpaid|noticed|spotted|opened|closed|signed|checked in|checked out"
)
SCENE_EVENT = alternation(
    rf"\b((a|an|one|this|that|the|some|our|another|two|three|\d+)\s+(\w+\s+){{0,2}}?(?!(?:i|we|you|it|so|and)\b)\w+|"
    rf"({_PEOPLE})s?|she|he|they)('s|’s)?(\s+who\s+[\w' ]{{0,30}}?)?"
    # ... where they were: "guest in the cafe in tenby spilt", "caller in bangor (the NI one) wanted".
    rf"(\s+(in|at|from|on)\s+[\w' ]{{1,30}}?(\s*\([\w' ]{{1,25}}\))?)?"
    rf"\s+((just|then|also|only|still|never|already|suddenly|\w+ly)\s+)?(had\s+)?({_SCENE_VERB})\b|"
    # Where the learner's side stood before anything was done: "We'd dropped in the league table".
    r"\b(we'?d|we had|we) (been )?(dropped|fallen|fell|slipped|lost|missed|failed|struggled|fallen behind)\b|"
    # Anyone or anything that kept on: "Our online returns team in Leeds kept getting chasers",
    # and in notes with the subject dropped or the g: "office. kept getting cx ringing", "we kept
    # gettin cx sayin", "rooms kept not being ready".
    r"\b(?=kept )(?<!\bi )kept (on |not )?\w+(ing|in)\b|"
    # Someone else's doing in any past form: "Customers filled in a paper form", "cx drove 40 min".
    rf"\b(({_PEOPLE})s?|lassies|lasses|lads|fellas|she|he|they)(\s+(in|at|from|on)\s+[\w' ]{{1,30}}?)?"
    r"\s+(\w{3,}ed|drove|flew|spent|came|went|sent|brought|bought|wrote|ran)\b|"
    # A problem going on before anything was done: "repairs calls were getting logged w/ no info".
    r"\b\w+s( \w+)? (were|was) (\w+ )?\w+ing\b|"
    # A problem named as one: "problem was cx on prepay meters who'd run out of credit".
    r"\b(the |a |one |our )?(problem|issue|trouble|challenge) (was|were)\b",
    re.I,
)
# Scene-setting that reads the same as a result ("the customer was upset" / "was happy"), so it
# only counts before the learner's first action.
OPENING = alternation(
    # "customer rang", "older cx in perth rang to cancel", "the guest in room 12 complained"
    rf"(^|[.!?]\s*|\b(so|when|because|as)\s+)(the\s+)?(\w+\s+)?({_PEOPLE})('s)?\s+(\w+\s+){{0,3}}?"
    rf"({_REPORTING})\b|"
    rf"\b(gave|sent|issued) (us|me) (a|an)\b|"
    # Anyone who got in touch, whatever they are called: "A journalist emailed our council".
    rf"(^|[.!?,;]\s*|\b(so|when|and|then|because|but)\s+)(a|an|one)\s+(\w+\s+){{0,2}}?\w+\s+"
    rf"(emailed|rang|phoned|called|wrote|messaged|complained|contacted|came in|walked in|turned up|"
    rf"arrived|got in touch)\b|"
    # A problem that was there before anything was done: "emails to customers were too formal",
    # "people in cardiff were ringing up to ask".
    rf"\b(customers?|people|callers|residents|tenants|guests|we) (\w+ ){{0,3}}?(were|was) \w+ing\b|"
    rf"\b(were|was) (too|really|very|so) \w+|"
    rf"(^|\b(our|the|my) )[\w\- ]{{0,25}}\b(had )?(dropped|fell|rose|went (way |right )?(up|down)|"
    rf"were (low|high|up|down)|was (low|high|down|up))\b|"
    rf"\b(was|were|is|stood at|sat at|dropped to|fell to|down to|only)\s+\d+(\.\d+)?\s*"
    rf"(%|per ?cent|out of)|"
    # Figures that showed the problem before anything was done: "our complaints log showed that 30%
    # of complaints were about...", "roughly one in five first bills was disputed".
    rf"\b(log|report|data|figures|stats|survey|audit|dashboard|feedback|results?|review|sample)\b"
    rf"[\w' ,]{{0,30}}?\b(showed|found|flagged|highlighted|revealed|told us)\b|"
    rf"\b(one|1) in (\w+|\d+) [\w ]{{0,30}}?\b(was|were|had|got)\b",
    re.I,
)
# A sentence that speaks of customers in general, not of one occasion.
GENERIC = alternation(
    r"\b(if|whenever|every time|any time|always|usually|normally|should|would|never|"
    r"make sure|any|every|each)\b",
    re.I,
)

# --- The task, read by clause (``structure._task_span``): the learner as the owner (I, me, my, mine)
# and a word of duty, goal or assignment in the same clause, in any order, each class a set of words
# rather than one sentence. A hypothetical, a negation or "you" before the cue in its clause
# (``NOT_A_TASK``) makes it no task.
_DUTY = (
    r"job|role|part|bit|task|responsibility|duty|aim|goal|target|priority|mission|focus|project|"
    r"objective|remit"
)
# An aim that says nothing of what was to be achieved: "we needed to do something".
# ... unless said with whom it was for: "i had to sort something for her" is the task.
_VAGUE = (
    r"(do|try|sort) (something|anything|summat|sommat|stuff)\b(?! so\b)"
    r"(?! (out )?for (her|him|them|the customer|the guest|the \w+)\b)"
)
# What someone can give the learner to do ("gave me a bit of abuse" is no duty).
_DUTY_GIVEN = (
    r"job|role|task|responsibility|duty|aim|goal|target|priority|mission|project|objective|challenge|"
    # A share of a bigger piece of work: "I was given the timeliness criteria", "handed me the
    # complaints section".
    r"criteria|criterion|section|workstream|brief"
)
# What a duty noun is said to be: "my job that morning was to make sure", "my job on the till is
# making sure", "my job to get it fixed", "my part was to build", "the job of finding out why".
DUTY_WHAT = alternation(
    # Fillers after "to" in speech ("my job was to, like, get her complaint handled").
    r"^[\w' :\-]{0,60}?\b(to(?:[,\s]+(?:like|you know|um|erm|uh|basically))*[,\s]*\s"
    r"(?!(?:the|a|an|me|my|him|her|them|us|it|this|that|our|their|his|be honest|"
    r"do with|bits)\b)\w+|"
    # Phone notes drop the "to": "my job was check him b4 i poured", "my job was cut them".
    r"(is|was) (check|cut|get|protect|sort|fix|make|find|stop|keep|help|deal|handle|reduce|bring|clear|"
    r"chase|ring|call|decide|tell|explain|rebook|refund|calm|train|coach|improve|update|work out)\b|"
    r"(is|was|were|being|(?<=['’])s) "
    r"((basically|just|really|mainly|mostly|all about|about) )?\w+ing|(of|on) \w+ing|"
    # What the duty was, named: "my task was the check stage", "my target was 12 a week".
    r"(is|was|were) (the \w+ (stage|step|part|bit|side|end)|(about |around |over |under |at least )?\d))\b",
    re.I,
)
TASK_CLASSES = {
    # The learner's own duty, goal or role, its content said after it (``DUTY_WHAT``).
    "owned": alternation(rf"\bmy (own |main |first |whole |only |real |one )?({_DUTY})\b", re.I),
    # ... or the duty noun, then the learner given or taking it: "the target I was set was".
    "owned_after": alternation(
        rf"\b({_DUTY_GIVEN}) (that |which )?(i|we) (was given|were given|was set|were set|had been set|"
        r"agreed|took on|set myself)\b|\b(i|we) set (myself|ourselves) (a|an|the) (\w+ )?"
        rf"({_DUTY_GIVEN})\b",
        re.I,
    ),
    # The duty landed on the learner: "drafting the reply fell to me", "the checks were mine to do",
    # "it's on me to make sure", "I was put in charge of".
    "landed": alternation(
        r"\b(fell|falls|fall) (to|on) me\b|\bleft to me\b|"
        r"\b(?=up |down )(?<!came )(?<!come )(?<!walked )(?<!went )(?<!ran )(up|down) to me\b|"
        r"\b(it'?s|it is|its|it was|was|is)( then| now| all| really)? on me\b|"
        r"\bmine to \w+|"
        # An activity that was the learner's: "putting it right and stopping it happening again was
        # mine" (not "the mistake was mine").
        r"\b\w{3,}ing\b[\w' ]{0,50}?\b(was|is) (all )?mine\b|"
        r"\bon my (plate|shoulders)\b|\b(i was|i'?m|put me|left me) (\w+ )?in charge\b|"
        rf"\bi (was|were|am|'m) (\w+ )?responsible\b|\b(was|became|is) my ({_DUTY})\b|"
        # The decision was the learner's: "it was my call whether we could tell him anything", "it
        # was my decision what we told the tenants".
        r"\b(it'?s|it is|its|it was)( all)? my (call|decision|choice)"
        r"( in the end| really| then| ultimately)?\b"
        r"(?=,|\s+(whether|what|if|how|to|and|which|who|as|because|cos)\b)|"
        # ... or set for the learner: "my area manager's target for me was to get us above 80%".
        r"\b(target|aim|goal|brief|job|task) for me (was|is) "
        r"(to\b|(about |around |over |under |at least )?\d)|"
        # ... or the learner's own target in a note: "target was to get myself to 70%+ in 8 wks".
        r"(^|[.!?,;]\s*|\b(my|the) )target (was|is) to (get|hit|reach|bring|cut|raise|improve) "
        r"(me|myself|my)\b|"
        # ... or handed over in so many words: "he said right, that's yours then, cut the calls".
        r"\b(said|says|told me),? (right,? |ok,? |okay,? |so,? )?(that'?s|thats|it'?s|its) (all )?yours\b",
        re.I,
    ),
    # Someone gave it to the learner: "my team leader gave me the job of", "asked me to trial".
    "given": alternation(
        rf"\b(gave|give|handed|assigned|set|left|trusted|put) me (with )?(\w+ ){{0,2}}?"
        rf"({_DUTY_GIVEN}|in charge)\b|"
        # ... or made the learner answer for it: "my manager made me responsible for fixing it".
        r"\b(made|making|make) me (\w+ )?(responsible|accountable) (for|to)\b|"
        # A boss (the word read once, the ways on after it as one group) who asked or chose the
        # learner; or said what to do: "tl gave me the spreadsheet n said find whats driving the
        # repair ones", not in answer to the learner's question ("asked my manager if we could ...
        # she said take"); or gave the learner something to do it with: "the area manager gave me
        # the quarter to turn that section of the score round".
        rf"\b({_BOSS})s?\b(?:[\w' ]{{0,60}}?\b(asked|told|wanted|needed|got|trusted|picked|chose) me\b|"
        r"(?:(?!\bif\b)[\w' ]){0,40}?\b(said|says|told me|told us)( to)? "
        r"(find|sort|fix|look|get|check|work|deal|chase|ring|call|make|clear|cut|stop|take|handle|go|bring|"
        r"reduce)\b|"
        r"[\w' ]{0,20}?\b(gave|give|handed|left) me\b[\w' ]{0,25}?\bto "
        r"(?!(?:the|a|an|me|him|her|them|us|my|our)\b)\w+)|"
        # ... or passed it on: "my manager put it on me to find out", "handed it to me to stop it".
        r"\b(put|handed|passed|gave|left|landed|dumped|palmed|threw|pushed) (it|this|that|the (\w+ )?\w+) "
        r"(on|to|onto|over to) me\b|"
        # ... or agreed it for the learner: "my team leader and I agreed a target for me: answer 90%".
        r"\b(agreed|set|made) (a|an|the) (\w+ )?(target|goal|objective|aim|plan)s? for me\b|"
        # ... and in the passive: "I was asked to look into", "I was tasked with".
        r"\b(i|we|me and \w+( \w+)?) (was|were) (\w+ )?(asked|told|expected|tasked|trusted|chosen|picked|"
        r"meant|supposed) (to|with)\b|"
        r"\b(i|we)( had been|'d been|’d been) (asked|tasked) (to|with)\b|"
        rf"\b(i|we)( was| were| had been|'d been|’d been| got) (\w+ )?(given|handed|set|assigned) (the|a|an) "
        rf"(\w+ ){{0,5}}?"
        rf"({_DUTY_GIVEN})\b|"
        r"\bi was (\w+ )?(asked|tasked)\b|"
        # A boss named, then "she asked me to" in the next words: "mgr came up w/ a new late
        # checkout process ... she asked me to get the team doing it".
        rf"\b({_BOSS})s?\b[^.!?\n]{{0,200}}[.!?]?[^.!?\n]{{0,80}}?\b(she|he|they)( then| also)? "
        r"(asked|told|wanted|needed|got) me to\b",
        re.I,
    ),
    # What the learner needed or wanted to bring about: "I wanted the next observation to show",
    # "I was trying to", and chat that drops the "I": "needed to get over 85 next month".
    "aim": alternation(
        # ... or in the present of a story told aloud: "and I thought right I need to make sure".
        r"\bi (really |just |also |then |first )?(had|needed|need|wanted|was trying|set out|aimed|was aiming|"
        rf"was determined|was meant|was supposed|was keen) to (?!{_VAGUE})\w+|"
        r"\bi (really )?(wanted|needed) (?!to\b)(\w+ ){1,6}?to (?!(?:the|a|me|him|her|them|us)\b)\w+|"
        # ... or a figure to reach: "I wanted my mark back up over 85".
        r"\bi (really |just )?(wanted|needed) (my|our|the) (\w+ ){0,2}?(back )?(up|down) "
        r"(to|over|under|above|below|past|beyond)\b|"
        # ... or what should become of it: "I wanted that changed, so I put it to my manager".
        r"\bi (really |just )?(wanted|needed) (it|that|this|them) (changed|fixed|sorted|stopped|gone|done|"
        r"sorting|fixing|changing)\b|"
        # ... or the people to bring round: "I wanted everyone doing it the same way".
        r"\bi (really |just )?(wanted|needed) (everyone|everybody|all of them|the whole team|the team|"
        r"each of them) (\w+ )?\w+ing\b|"
        # ... or the thing to bring about, said as a noun: "I needed a working bike at her door
        # before Saturday", "I wanted a fix the crews would actually use".
        r"\bi (really |just )?(needed|wanted) (a|an) (\w+ ){1,2}?(at|by|before|that|which|who|the|"
        r"people|customers|they|we)\b|"
        # ... or someone brought in: "I needed someone qualified out to her fast".
        r"\bi (really |just )?(needed|wanted) (someone|somebody|an? \w+) (\w+ )?(out|round|there|over|in) "
        r"(to|by|before|today|that|fast|quickly|asap)\b|"
        r"(^|[.!?\n]\s*)(had|needed|wanted|was trying) to \w+|"
        r"\bi had (\w+ ){0,2}?things? to\b|\bwhat i (had|needed) to do\b|"
        # "we" when the learner is one of them: "we needed to get the backlog down".
        r"\bwe (really |just |also |then |first )?(had|needed|were trying|set out|aimed) to "
        rf"(?!{_VAGUE})\w+|"
        r"\bi was the one (who|that) (had|needed|was meant) to\b|"
        # A decision or an agreement about what the learner would do: "I decided this time I'd stay
        # on until I knew why", "my manager and I agreed I would get the reply time down".
        r"\bi decided (that )?(this time |there and then |then |straight away )?(to|i'?d|i’d|i would|"
        r"i was going to)\b|"
        r"\b(agreed|committed) (that )?(i'?d|i’d|i would|i was to|i'?ll|i’ll)\b|"
        # ... or said as what not to let happen: "cos I didn't want to let him down".
        r"\bi (didn'?t|didnt|did not) want to let (\w+ ){1,2}?down\b",
        re.I,
    ),
    # Phone notes drop the "I" anywhere, not only at a sentence start: "on the prom wanted to make
    # it a bit special", "not mine to fix had to pass it up". Not when the word before can be the
    # subject ("the customer wanted to": ``structure.OTHER_SUBJECT``).
    "bare_aim": alternation(
        rf"\b(had|needed|wanted) to (?!{_VAGUE})(?!(?:under|the|a|an|by|with|for|because|as|in|on|at|"
        r"from|me|him|her|them|us|it|be honest)\b)\w+",
        re.I,
    ),
    # The part named as such, as in "Task: process the return" or "the aim was to".
    "named": alternation(r"\btask\b|\bthe (aim|goal|objective) was\b", re.I),
    # The learner took the job on: "I took ownership of the complaint", "I took it on myself".
    "took_on": alternation(
        r"\bi (then |personally )?(took|had taken) (on )?(full |the |personal )?(responsibility|charge)\b|"
        # ... or made it theirs: "I made it my responsibility that he got the same answer".
        rf"\bi (then |personally )?made it my (own |personal |main |first |whole |only |one )?({_DUTY})\b|"
        # ... or said yes when someone was wanted: "my manager wanted someone to take it on and I
        # said I would".
        r"\b(someone|somebody|a volunteer|volunteers)\b[\w' ]{0,30}?\b(and|so) i (said|told (her|him|them)) "
        r"(i'?d|i’d|i would|i will|i'?ll|yes|yeah)\b|"
        # "I took ownership" is a keyword answer's stock claim: only with what was owned and what it
        # took ("took ownership of getting her refund back") is it the task.
        r"\bi (then |personally )?(took|had taken) (full |personal )?ownership of (getting|sorting|making|"
        r"fixing|finding|chasing|putting|(the|her|his|their) (complaint|case|claim|booking|order|refund|"
        r"repair|job))\b|\bi took it (on|upon) myself\b|\bi volunteered to \w+|"
        # ... or promised it in so many words: "told her I'd sort it myself", "promised him I would".
        r"\b(told|promised|assured) (her|him|them|the \w+) (that )?(i'?ll|i’ll|i'?d|i’d|i will|i would) "
        r"(personally )?(\w+ )?(sort|fix|deal|handle|chase|find|get|look|take care|put)\b|"
        # ... or a promise made to them: "I promised him a call back on the Thursday".
        r"\bi (promised|guaranteed) (her|him|them|the \w+) (a|an) \w+",
        re.I,
    ),
}
# In the words before a task cue: a hypothetical, a negation or "you" makes it no task of the
# learner's on this occasion ("if I had to...", "it wasn't my job", "your job is to").
NOT_A_TASK = alternation(
    r"\b(if|whenever|unless|would|should|could|might|you|your|not|never|no|isn'?t|wasn'?t|aren'?t|"
    r"weren'?t|didn'?t|don'?t|doesn'?t|won'?t|wouldn'?t|couldn'?t|shouldn'?t)\b",
    re.I,
)

_STATIVE = (
    r"needed|wanted|hoped|liked|loved|seemed|noticed|realised|realized|learned|learnt|"
    r"wondered|believed|assumed|expected|felt|enjoyed|preferred|worried|recognised|recognized|"
    r"used to|supposed|was|were|had|think|thought|knew|know|guess|love|like|want|need|feel|am|"
    r"would|could|should|have been|got told"
)
_ACT_PAST = (
    r"gave|told|took|made|spoke|rang|sent|wrote|put|got|went|found|kept|let|paid|read|brought|"
    r"sought|did|done|set|ran|led|held|showed|stayed|said|shook|met|chose|began|left|won|"
    r"whistleblew|drew|hung|stood|tried|offered|apologised|apologized|listened|asked|called|"
    r"explained|checked|refunded|spent|rewrote|rebuilt|built|taught|drove|bought|sold|drew up|swapped|"
    r"sat|rode|caught|dealt|lent|flew|threw|cut|shut|fed|swept|overrode|withdrew|stuck"
)
_ACT_PRESENT = (
    r"check|explain|offer|ask|tell|call|ring|process|refund|escalate|log|record|apologise|"
    r"listen|follow|use|report|make sure|put|help|try|shred|lock|treat|deal|pass|give|send|"
    r"always \w+|work to|keep|update|signpost|refer|read|go through|flag|raise|take|text|email|"
    r"phone|message|contact|visit|show"
)
ACTION = alternation(
    # The word itself only as the learner's heading or their own actions ("Action: I rang",
    # "my actions were"), not a noun of the situation ("disciplinary action", "an action plan").
    rf"\baction\s*[:\-–]|\b(my|our) actions?\b(?! plans?\b)|\baction (i|we) took\b|\bwhat i did\b|"
    rf"\b(?=i\b|we\b)(?<!can )(?<!could )(?<!shall )(i|we)(\s+(then|also|quickly|calmly|immediately|first|"
    rf"just|always|never|personally|straight away|did|have|had|'ve|’ve|then also))?\s+"
    rf"(?!(?:{_STATIVE})\b)"
    rf"(\w{{2,}}ed|{_ACT_PAST}|{_ACT_PRESENT})\b|"
    rf"\bi'?ve\s+\w+ed\b|"
    rf"\b(?=i\b|we\b)(?<!if )(i|we)\s+(never|didn'?t|did not|don'?t|do not|won'?t|refused to)\s+"
    rf"(?!(?:{_STATIVE}|really|even|get|have|usually|normally|actually)\b)\w+|"
    rf"(^|[.!?;]\s*|\band\s+)(checked|refunded|explained|logged|rang|called|booked|sent|"
    rf"apologised|offered|arranged|raised|escalated|processed|sorted|replaced|took|gave|told)\b|"
    # Chat notes drop the "I": "asked my team leader + checked the policy", "rewrote my templates".
    # Also after "=" or a dash ("responsiveness = rang the warehouse"), a four-letter past ("used
    # our charter"), a habit ("always check the address"), an apology or a sum ("refunded £80").
    # Not "kept getting ...": what went on, the situation ("kept getting cx ringing re 2 bills").
    rf"(^|[.!?;:,+=\-]\s*|\b(and|then|so|n)\s+)(?!kept\s+\w+ing\b)(?!(?:{_STATIVE}|based|named|located|scared|worried|"
    rf"shocked|tired|surprised|interested|delivered|closed|called|cancelled|booked|annoyed|frustrated|"
    rf"confused|disappointed|embarrassed|stressed|upset)\b)"
    rf"(\w{{3,}}ed|{_ACT_PAST}|rewrote|used|always \w+)\s+(?!(to|by|with|from|in|on|at|out|up|off)\b)"
    rf"(my|the|a|an|him|her|them|it|his|their|our|every|each|\w+ing|\w+s|\d+|two|three|four|five|"
    rf"six|some|all|new|extra|sorry|[£$€]\d+|"
    # A team or a thing named bare in a note: "chased finance", "used shortcut notes templates".
    rf"(?!(?:he|she|they|we|i|you|me|us|that|this|there|then|so|and|but|if|when|as|because|cos)\b)\w{{4,}})\b",
    re.I,
)

# A habit of the learner's own, which the labelling rule counts as a real example ("I always check
# ID"): "I always do ID&V", "I always lock mine", "we do ID n V on every call". Keeping to a rule or
# an attitude ("I always follow GDPR", "I always take ownership", "I always try my best") is no
# thing done, and nor is a thought ("I think about our mission statement every day").
# Keeping to a rule, a thought, or something done to the learner ("we get a QA every month").
_KEEPING = r"think|believe|follow|comply|adhere|stick|work|abide|get|got|have|receive"
HABIT = alternation(
    r"\b(i|we)\s+(always|never|usually|normally)\s+(?!(follow|comply|adhere|stick|work|abide|treat|"
    r"take|try|make sure|ensure|put|aim|strive|keep|act|go above)\w*\b)\w+|"
    rf"\b(i|we)\s+(?!(?:{_STATIVE}|{_KEEPING})\b)(\w+\s+){{1,6}}?"
    r"(every|each|on all)\s+(call|customer|time|day|shift|one|sale|order|visit|contact|query|complaint|"
    r"morning|evening|night|week|fortnight|month|quarter)s?\b|"
    # ... and said first: "Every morning I run a huddle", "each week we go through the reviews".
    r"\b(every|each)\s+(morning|evening|night|day|shift|week|fortnight|month|quarter|monday|tuesday|"
    rf"wednesday|thursday|friday|saturday|sunday)\W+(i|we)\s+(?!(?:{_STATIVE}|{_KEEPING})\b)\w+|"
    # ... or with the case that brings it on said first: "every call i do the id n v first",
    # "Every time someone rings for test results I do the three checks".
    r"\b(every|each)\s+(call|customer|time|sale|order|visit|contact|query|complaint|booking|delivery|"
    rf"return|refund)s?\b[^.!?\n]{{0,60}}?\b(i|we)\s+(?!(?:{_STATIVE}|{_KEEPING})\b)\w+|"
    # ... or said as what is done with everything past a limit: "Anything over £20 credit I pass to
    # my team leader".
    rf"\b(anything|everything|any \w+) (over|above|under|below|more than) [£$€]?\d[\w,.]*\b[^.!?\n]{{0,30}}?"
    rf"\b(i|we) (?!(?:{_STATIVE}|{_KEEPING})\b)\w+|"
    # ... or said as what is done whenever the case comes up, in the present: "when someone rings up
    # about a bill I do the security questions first", "when cx order online n pay at till i have to
    # check name + order no." (not "when a customer complained I ...", one occasion).
    r"\bwhen(ever)? (someone|somebody|anyone|a customer|customers|cx|a cx|people|a caller|callers|a tenant|"
    r"tenants|a guest|guests|a patient|patients|a passenger|passengers|a member|members|a resident|"
    r"residents) (\w+s|order|pay|ring|call|come|ask|want|need|hand|bring|book|phone|email|walk)\b"
    rf"[^.!?\n]{{0,80}}?\b(i|we)\s+(have to|need to|(?!(?:{_STATIVE}|{_KEEPING})\b)\w+)|"
    # ... or how long the learner has kept it up: "been doing it 6 wks".
    r"\b(been|i'?ve been|we'?ve been) doing (it|this|that) (for )?(\d+|a few|a couple of|six|two|three|four) "
    r"(wks|weeks|months|mths)\b|"
    # ... or said as what is done now, since a change: "i slow down now", "we ring them back now".
    rf"\b(i|we)\s+(?!(?:{_STATIVE}|{_KEEPING}|are|is|'re|can|can'?t|cannot|do|don'?t|will|won'?t|just)\b)\w+"
    rf"(\s+(?!now\b)\w+){{0,5}}\s+now\b",
    re.I,
)

# What a later check or period that measured the outcome is called.
_FOLLOW_UP = r"(audit|inspection|review|survey|visit|check|sample|report|observation|month|quarter|week)"
RESULT = alternation(
    r"\bresult(ed|s)?\b|\bin the end\b|\bended up\b|\boutcome\b|\bafterwards\b|\bsince then\b|"
    r"\bwhich (meant|led)\b|\bthis (meant|led)\b|\bit worked\b|\bresolved\b|\bfixed\b|"
    r"\b(she|he|they|customer|the customer|guest|tenant|passenger|family|resident|patient|"
    r"daughter|everyone|we|i)\s+(was|were|is|seemed|felt|left|went away|looked|got|became)\s+"
    r"(really |very |so |much |a lot |more |still )?(happy|pleased|satisfied|grateful|delighted|"
    r"fine|ok|okay|calm|calmer|relieved|made up|content|annoyed|angry|upset|unhappy|grand|sound|"
    r"chuffed|over the moon|reassured|thankful|appreciative|happier|glad|beaming|thrilled|buzzing|"
    r"ecstatic|smiling)\b|"
    # A reaction said back: "he said oh aye good idea", "she said that's brilliant".
    r"\b(he|she|they)( just)? said (oh |aye |yeah |ah |right |ok |okay ){0,2}(good idea|great|"
    r"brilliant|that'?s (great|brilliant|fine|lovely|perfect|grand|fair)|lovely|perfect|fair enough|"
    r"no problem|no worries|thanks|cheers)\b|"
    r"\bwent (off|away|home|out) (happy|pleased|smiling|delighted|satisfied|made up)\b|"
    # How the customer felt, told to someone: "she told her daughter she feels like herself again".
    r"\b(he|she|they) (told|said to) (\w+ ){0,3}?(she|he|they) (feels|felt|was feeling|is feeling)\b|"
    r"\b(wasn'?t|was not|wasnt|still wasn'?t)\s+(happy|satisfied|pleased)\b|"
    r"\bthank(ed|s|ing)? (me|us|you)\b|\bto say (thanks|thank you|cheers)\b|"
    # Praise said back: "Kirsty said I'd done really well".
    r"\bsaid (i|we)('d|’d| had| did) (done|did) (really |so |very |a )?(well|great|brilliant|good|"
    r"amazing|fab|fantastic|job)\b|"
    r"\bsaid (thanks|thank you|cheers|ta|it was|it'?s|she'?d|he'?d|i was|"
    r"i'?m|i am|we were|that was|that'?s|she was|he was|they were)\b|"
    # ... not work handed over: "my manager gave me a target".
    r"\b(left|gave|giving|rated|scored) (us|me|a|an|\d)"
    r"(?<!gave me)(?<!giving me)(?<!gave us)(?<!giving us)|"
    r"\b(gave|giving) (us|me)\b(?! (a|an|the|my|our|some|this|that)? ?(\w+ )?(target|targets|job|task|role|"
    r"project|list|call|ring|chance|bit|go|brief|goal|aim|deadline|objective|idea|heads up|number|details|"
    r"form)\b)|"
    r"\breview\b|\bshook my hand\b|"
    # A check a while later: "checked 50 of our calls the month after, 48 had the code done right".
    r"\b(the|a) (month|week|fortnight|quarter|year) (after|later),?\s+(\d|none|no|all|every|nobody)|"
    r"\b(accepted|understood|calmed down|agreed|went ahead|booked again|came back|recovered|"
    r"shops with us|stayed with us|kept (his|her|their) custom|backed me up|sent a card|"
    r"wrote in)\b|\b(next|the|our|follow[- ]up) (audit|inspection|review|survey|visit|check) "
    r"(had|found|showed|gave|came back|rated|scored)\b|\bfound nothing (wrong|amiss)\b|"
    r"\bgot (her|his|their|the|a) (money|refund|compensation|replacement|\W?\d)|"
    r"\b(got|received|was|were) (reimbursed|refunded|compensated|dismissed|disciplined|"
    r"upheld|closed|replaced|fixed|delivered|done|passed|sorted)\b(?! by)|\bupheld\b|"
    r"\bno (more|further|repeat|other) \w+|\b(didn'?t|didnt|did not|never) (report|complain|go|take|"
    r"come|get|have|ring back|call back|phone back|chase|need to (ring|call|come) back)\b|"
    # A change that stuck or a problem that stopped: "everyone does it now", "complaints about chat
    # waiting mostly stopped after that", "the assessor said the letters were a clear improvement".
    r"\b(everyone|everybody|all of them|the whole team|they all) (now )?(does|do|follows?|uses?) "
    r"(it|them|this|that)( now)?\b|"
    r"\b(complaints|calls|moans|queries|emails|chasers|comments|messages|texts|reviews) (\w+ ){0,3}?"
    r"(mostly |pretty much |basically |all but )?(stopped|dried up|disappeared|went away)\b|"
    r"\b(assessor|inspector|auditor|inspection|assessment)( \w+){0,3} said (the|our|my) \w+ "
    r"(was|were|is|are)\b|"
    r"\b(went|came|gone) (up|down)\b|\bwent from\b|\b(dropped|fell|rose|increased|reduced|improved|"
    r"decreased|went up|went down)\s+(by|to|from|\d)|\b(hit|achieved|cleared) \W?\d|"
    r"\bpassed (our|the|with|it)\b|\b(returned them|now (comes|shops|goes|has|uses|do))\b|"
    r"\bsince\s*([,.!]|$)|\b(he|she|they|customer|manager|team leader|everyone|the \w+ team)\s+"
    r"(booked|approved|accepted|agreed|decided|chose|replied|responded|got out|signed|"
    r"understood|came back|stayed|returned)\b|"
    # Everyone accounted for, said without a verb: "all 46 guests out in 6 mins".
    r"\b(all|every one of the) (\d+ )?\w+ (were )?(out|safe|back|sorted|done|fixed|evacuated|"
    r"accounted for|paid|served|answered|cleared)\b|"
    # A figure moved: "calls about my emails down from about 10 a week to 2", "chat csat 3.9 to 4.5".
    r"\b(down|up) (from|to|by) (about |around )?\d|\b\d+\.\d+ to \d+(\.\d+)?\b|"
    # A target reached: "hit 12 a week by March", "got it down to 58 secs".
    r"\b(hit|reached|got (it |them |this |that )?(down |up )?to) \d|"
    # A figure back where it was: "back up to 4.4 in a month", "came back down to 12".
    r"\b(went|gone|came|got|been)? ?back (up|down) to (about |around )?\d|"
    r"\b(i|we|she|he|they) got \d+\s*(%|out of|/|stars?)|"
    # Better now, said of what was changed: "the members say the hand-over is much smoother now".
    r"\b(is|are|feels?) (much |a lot |loads |way |far )?(smoother|quicker|faster|easier|simpler|clearer|"
    r"calmer|better|shorter) now\b|"
    r"\bwas back\b|\bwas fine\b|\bcame out at\b|\bnothing (more|else) came\b|\bnow\b.*\bweek\b|"
    r"\b(he|she|they) (left|stayed|kept|got|did(?! (have|know|say|want|need|ask|tell|mean|not|get|go)\b))\b|"
    r"\basked for the manager\b|\bgot angry\b|"
    # A later check that measured it: "the next month's audit of withdrawals showed", "at the next
    # visit the score was 91%", "in the next sample, 1 of 20 skipped it", "by the second month
    # eighteen out of eighteen".
    rf"\b(next|following|second|third|later)\b[\w' ]{{0,25}}?\b{_FOLLOW_UP}s?\b[\w' %]{{0,30}}?"
    r"\b(showed|found|had|gave|came back|rated|scored|was|were)\b|"
    rf"\b(at|in|by|over) the (next|following|second|third|end of the) (\w+ )?{_FOLLOW_UP}s?\b,?\s+"
    r"(\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|every|all|"
    r"no|none|nobody|only)|"
    r"\b(sent|wrote|left|gave) (us |me |the \w+( \w+)? )?an? (\w+ )?(card|thank[- ]you|compliment|"
    r"review)\b",
    re.I,
)
# After the learner's first action, a clause whose subject is someone else (or "we" with an outcome
# verb) reporting something done is the result: "the bag turned up", "she's kept to the plan".
OUTCOME = alternation(
    # A clause start, then perhaps a time ("and in the next observation she found no gaps", "After
    # about six months she stopped checking"), then someone or something else as the subject.
    r"(^|[.!?;,]\s*|\b(and|then|so)\s+)((after|within|in|by|over|at) [\w ]{1,30}?,?\s+)?"
    r"(she|he|they|it|everyone|people|customers|the customer|customer|"
    r"(the|her|his|their) (\w+ ){0,3}?\w+|facilities)"
    r"('s|’s|'ve|’ve|\s+(has|have|had|now|then|also|finally|later|soon|all))?\s+"
    r"(?!(?:was|were|is|are|had|has|have|said|asked|wanted|needed|told|could|would|should|used to|"
    r"called|named|based|supposed|wanted|noticed|realised|realized|claimed|complained|expected|"
    r"demanded|refused|rang|phoned|emailed|contacted|insisted|threatened|explained|mentioned)\b)"
    r"(\w{3,}ed|got|took|went|came|left|kept|gave|made|paid|sent|won|turned up|found|put)\b|"
    # The problem put right, in the passive: "the daughter was added within the week".
    r"\b(was|were|got) (then |finally |all |quickly )?(?!(?:asked|told|used|called|named|based|"
    r"supposed|worried|scared|shocked|annoyed|confused|frustrated|concerned|interested|tired|"
    r"pleased|involved|allowed|expected|required|needed|meant|charged|billed|overcharged)\b)"
    r"(\w{3,}ed|sent|paid|given|done|made|taken|sorted|fixed|rebuilt|set up)\b"
    # ... "by" the time it was done is still the outcome: "everyone was rebooked by 11am".
    r"(?! (to|about|that|of|with)\b| by (?!\d))|"
    r"\b(she|he|they) had (a|an|her|his|their) (\w+ )?(refund|replacement|repair|credit|apology|"
    r"answer|reply|decision|visit|new)\b|"
    r"\b(she|he|they|everyone|the \w+( \w+)?) now \w+s\b|"
    # Many of them did it, after the action: "loads of people bought it", "most of them signed up".
    r"\b(loads|lots|most|all|many|plenty|half|a lot) of (people|customers|them|the customers|guests|"
    r"members|tenants|callers) (\w+ed|bought|paid|took|got|came back|signed up|joined|renewed|said)\b|"
    # What the customer told someone about it: "he told the interpreter it was the first time a bank
    # had bothered".
    r"\b(she|he|they) (told|said to) (me|us|(the|her|his|their|my|our) \w+) "
    r"(it was|it'?s|that was|that'?s)\b|"
    # How things stand now, said after the action: "Her son runs the account now".
    r"(^|[.!?;]\s*|\b(and|so)\s+)(she|he|they|(the|her|his|their) (\w+ ){0,2}?\w+) "
    r"(?!(?:is|are|was|were|has|have|had|needs|wants|says|thinks)\b)\w+s\b[^.!?\n,;]{0,40}?\bnow\b|"
    r"\b(she|he|they) had (it|them|everything|all of it|the \w+|her \w+|his \w+|their \w+) "
    r"(within|in|by|the same|that|the next|before)\b|"
    # Someone came back later: "the brother rang in that afternoon", "they rang together the next
    # day", "she flew the next week", "he came back to thank me".
    r"\b(she|he|they|the customer|(the|her|his|their) \w+) (rang|called|phoned|emailed|wrote|came|flew|"
    r"returned|went)"
    r"( \w+){0,2}? (back|again|the (next|following) (day|week|morning|month)|later|"
    r"that (afternoon|evening|morning|day|week)|to (say|thank|tell))\b|"
    r"\bwith no (problems|issues|trouble|complaints|hassle)\b|"
    # Things better than before, said after the action: "it's a lot better now", "he's seen a big
    # difference", "he doesn't dread the mornings any more", "so the daughter can now manage it".
    r"\b(a lot|lots|loads|much|way|so much|heaps|miles) better\b|"
    r"\b(seen|noticed|made|see|notice|saw) (a |such a )?(big |real |huge |massive |noticeable )?difference\b|"
    r"\b(any ?more|no longer)\b|\b(can|could) now\b|"
    r"\bthere (were|was|have been|has been|had been) no (more |further |new )?(\w+ ){0,2}?(complaints|"
    r"appeals|errors|issues|problems|repeats?|incidents|mistakes|returns|escalations|gaps|breaches|"
    r"falls|claims|disputes)\b|"
    r"\bwe\s+(stopped|got|saved|hit|reached|achieved|won|passed|received|avoided|prevented|kept|"
    r"had no|haven'?t had|met|beat|exceeded|switched|cleared)\b|"
    r"\b(we|it|they|i) (were|was) (back|at|down to|up to) \d|"
    # How things stand now: "Now we only get the odd one a month."
    r"(^|[.!?;,]\s*|\b(and|so)\s+)now,? (we|they|she|he|it|customers|people|everyone|the \w+) "
    r"(only |always |never |all |just |also |even )?\w+|"
    # A pronoun's doing needs no clause start in a phone note: "when his contract was up he renewed",
    # "hes paid 10 wks straight", "said she appreciated it".
    r"\b(she|he|they)('s|s|’s|'ve|ve|’ve)? (?!(?:was|were|is|are|had|has|have|said|asked|wanted|needed|"
    r"told|could|would|should|called|named|based|supposed|noticed|realised|realized|claimed|complained|"
    r"expected|demanded|refused|rang|phoned|emailed|contacted|insisted|threatened|explained|mentioned|"
    r"used to|lived|worked|booked|ordered|bought|owed|paid for|tried|struggled|moved|missed|lost)\b)"
    r"(\w{3,}ed|used|paid|kept|stayed|made|got|came back|left|won|sent|gave|took)\b(?! to\b)|"
    r"\bsaid (she|he|they) (appreciated|loved|liked|felt|was|were|would|'?d)\b|"
    # Another subject opening a sentence, such as a team: "Metering reset the meter remotely in 2
    # hours" (any word but I, we, it, this, ...; the pattern ignores case).
    r"(^|[.!?]\s+)(?!(?:i|we|it|this|that|there|our|my|they|he|she|you|if|when)\b)[A-Z]\w+ "
    r"(\w{3,}ed|reset|put|set|cut|paid|sent|got|took|gave|made|won|kept|sold|found|rang|wrote)\b",
    re.I,
)

_UNIT = (
    r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|points?|stars?|calls?|"
    r"complaints?|customers?|cases?|tickets?|records?|files?|staff|people|visits?|ratings?|"
    r"working days?|problems?|issues?|errors?|faults?|households?|items?|orders?|refunds?|members?|"
    r"appointments?|sign ups?|signups?|bookings?|visits?|accounts?|applications?|appeals?|disputes?|"
    r"agents?|advisers?|advisors?|colleagues?|findings?|incidents?|letters?|emails?|pounds?|quid|"
    r"payments?|reviews?|sign-ups?|callbacks?|call-backs?|chasers?|breaches?|mistakes?"
)
_NUMBER_WORD = r"two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|a third|half"
# Counts said in words, as speech and careful writing give them: "eleven", "fifty odd", "a hundred
# and twenty", "three hundred".
COUNT_WORD = (
    r"(a|one|two|three|four|five|six|seven|eight|nine|ten) hundred( and \w+( \w+)?)?|"
    r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)( \w+)?( odd)?|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"two|three|four|five|six|seven|eight|nine|ten"
)
# A word between a count and what it counts: "11 other accounts", "fifty odd visits".
_BETWEEN = r"other|more|extra|odd|separate|new|further"
# What follows the first word of a year said in words ("twenty twenty four", "nineteen ninety
# eight", "two thousand and ten"): "one in twenty twenty four" is a date, not a rate.
_YEAR_AFTER = (
    "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
    "forty|fifty|sixty|seventy|eighty|ninety|thousand|hundred"
)
# How often something is done: "once a week", "twice a day", "3 times a month".
RHYTHM_WORDS = r"(once|twice|\d+ times) a (day|week|month)\b"
QUANTITY = alternation(
    rf"\d+(\.\d+)?\s*(%|per ?cent|percent)|\b\d+(\.\d+)?\s*(out of|/)\s*\d+|"
    rf"\b\d+\s*\*|[£$€]\s?\d[\d,.]*|\b(?!(19|20)\d\d\b)\d[\d,]*(\.\d+)?\s+({_UNIT})\b|"
    rf"\b\d+\s+(\w+\s+){{1,2}}?(ratings?|stars?|records?|files?|reviews)\b|"
    # "all 4 of her next appointments", "bought 4 more".
    rf"\b\d+ of (her|his|their|the|our|my|its) (\w+ ){{0,2}}?({_UNIT})\b|"
    rf"\b(bought|ordered|booked|sold) \d+ more\b|"
    rf"\b\d[\d,]*(\.\d+)?({_UNIT})\b|"
    rf"\b({_NUMBER_WORD})\s+({_UNIT})\b|\bby (a third|half)\b|"
    # ... said with a filler as speech gives it: "went from like 5 google reviews a month to 30ish",
    # "went from about thirty the winter before to, um, four".
    rf"\b(from|down from|up from) \d+|"
    rf"(?:(?<=\bwent )|(?<=\bgone )|(?<=\bcame )|(?<=\bcome )|(?<=\bdropped )|(?<=\bfell )|(?<=\brose ))"
    rf"from ((like|about|around|roughly|nearly|almost|over|just|um|uh|er),? )*(\d+|{COUNT_WORD})\b|"
    # A rate: "roughly one in five first bills", "1 in 4 to 1 in 10".
    rf"\b(one|1) in ((?!(19|20)\d\d\b)\d+|{COUNT_WORD})\b(?!\s+({_YEAR_AFTER})\b)|"
    # A count in words, perhaps with a word between: "eleven other accounts", "fifty odd visits".
    rf"\b({COUNT_WORD})\s+({_BETWEEN} )?({_UNIT})\b|\b\d[\d,]* ({_BETWEEN}) ({_UNIT})\b|"
    # A score or rate reported: "her CSAT was 10", "our NPS came back at 62".
    # ... not where it sits, which is how things stand ("our NPS sits at 42").
    r"\b(csat|nps|ces|fcr|aht|score|rating)\b ((?!(?:sits|stands|sitting|standing)\b)\w+ ){0,2}?"
    r"(was|were|of|at|hit|reached|went to) "
    r"\d[\d.]*\b|\b\d+ (a|an|per|each) (day|wk|week|month|quarter|year|shift)\b|"
    r"\b(hit|reached|got (it |them |this |that )?(down |up )?to) \d|"
    # A month's figure: "march was 19, april was 9", "by june it was 12".
    rf"\b({_MONTHS})('s)? (was|were|came in at|came out at|had|hit|got) (down to |up to |only |just )?\d|"
    # A score changed to: "CSAT rose to 4.4", "back up to 4.4", "fell to 12".
    r"\b(rose|risen|climbed|increased|improved|jumped|went (back )?(up|down)|gone (back )?(up|down)|"
    r"back (up|down)|came (back )?(up|down)|fell|fallen|dropped|dropping) to (about |around |roughly |just )?"
    r"\d[\d.,]*\b(?!\s*(days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|o'?clock|am|pm)\b)|"
    rf"\b(same|next) day\b|\bby the (next|following) morning\b|"
    # A time of day something was put right by: "fixed by 11am", "water back on by 7pm", "all home by
    # half one" (a time achieved, as "the same day" is).
    rf"\b(fixed|sorted|resolved|done|back on|on again|working|restored|reconnected|delivered|arrived|home|"
    rf"back|collected|open|opened)( \w+){{0,2}}? by ((about|around|roughly) )?(\d{{1,2}}([:.]\d\d)?\s*"
    rf"(am|pm|o'?clock)\b|half (past )?({COUNT_WORD}|\d{{1,2}})\b|(lunch|dinner|tea)(time)?\b|"
    rf"the end of (the|her|his|my) (day|shift)\b|midday\b|noon\b)|"
    # A time taken said without a digit: "paid in about a minute", "through in under a minute",
    # "served within a couple of minutes".
    # Said of something done ("paid", "served", "put through"), not a standard ("a hello within a
    # minute of coming to the counter").
    r"\b(\w+ed|paid|through|sorted|done|back|fixed|sent|seen)( \w+){0,4}? (in|within|inside) "
    r"(about |around |roughly |just |less than |under )?(a|an|one|a couple of) "
    r"(minute|minutes|min|mins|hour|hours|day|days|week|weeks|fortnight)\b|"

    # ... or part of a day: "got a nurse out that same afternoon", "she got it the next morning".
    rf"\b(same|next) (morning|afternoon|evening)\b|"
    # A rate said per hundred, and a figure said as where it now stands: "11 in every hundred",
    # "my repeat calls were down to 11".
    rf"\b(\d+|{COUNT_WORD}) (in|out of) (every|each) (hundred|\d+)\b|"
    r"\b(was|were|is|are|now|it'?s) (down|up) to (about |around |roughly |just )?\d|"
    # ... not when it was, said as which one: "she came back in the week after".
    rf"\b(in|within) (the|an|a|one) (hour|day|week|fortnight|month)\b(?! (after|before|when|that)\b)|"
    rf"\bzero \w+|"
    # "a month free", "a year's credit", "a week off the bill"; "took a day off" is the customer's loss.
    rf"\b{RHYTHM_WORDS}|\ba (day|week|month|year)'?s? "
    rf"(free|credit|refund)\b|\ba (week|month|year)'?s? off\b|\b(gave|scored|rated) (us|me|it) (a )?\d+\b|"
    rf"\b\d+ on the (survey|feedback|review|scorecard)\b|"
    # A rating said as a kind of review ("a five-star review", "5 star on google"); a score from a
    # check of the learner's work ("aprils monitoring i got 86").
    rf"\b\d+[- ]star\b|"
    rf"\b(monitoring|audit|observation|mystery shop\w*|scorecard|qa|assessment|check)\b[^.!?\n]{{0,25}}?"
    rf"\b(i |we |me )?(got|scored|hit|reached|came back( at)?) (a |an )?\d|"
    # The day it was done, counted: "he got the figures on day 17".
    rf"\b(on|by) day \d+\b|"
    # A run: "he's had eight collections in a row", "six weeks running".
    rf"\b({COUNT_WORD}|\d+)\s+(\w+\s+)?(in a row|running|on the trot)\b|"
    # A count set against what it was: "she ordered four cakes from us instead of one".
    rf"\b({COUNT_WORD}|\d+)\s+(\w+\s+){{0,3}}?(instead of|rather than|compared to|compared with) "
    rf"({COUNT_WORD}|\d+|one|a|an)\b|"
    # None after it, said as none more: "I rang her a week later: no more texts", "no further
    # complaints", "she's had no calls since".
    rf"\bno (more|further) ({_UNIT}|texts?|messages?)\b|\b(had|been) no ({_UNIT}|texts?|messages?) since\b|"
    # None since, said as not one: "he hadn't had one text since", "not a single complaint since".
    r"\b(\w+n'?t|\w+nt|not|never)\s+(had\s+|been\s+|got\s+)?(one|a single)\s+(\w+\s+){1,2}?since\b|"
    # People the customer brought: "referred three other tradesmen", "recommended two friends".
    rf"\b(referred|recommended|brought in|introduced)\s+(us\s+)?({COUNT_WORD}|\d+)\b",
    re.I,
)
# Words shortly before a quantity that make it a legal limit, a rule, or part of the situation
# (the price paid, the age of a product), not something the learner's actions achieved.
NOT_A_RESULT = alternation(
    r"\b(right|rights|entitled|law|act|regulations?|regs|rules?|must|have to|has to|had to|"
    r"need|needs|policy|limit|deadline|says|say|gives?|allows?|"
    r"(?<!back )(?<!went )(?<!gone )(?<!came )up to|cooling[- ]off|"
    r"(you|they|customers?|she|he) gets?|aim|target|try|trying|keep|"
    r"ago|bought|ordered|pays|deposited|charged|cost|costs|spent|owed|worth|estimated at|"
    # What the customer may do ("she could go to the ombudsman after 8 weeks"), what is done every
    # time ("I always answer on the same day"), how long something was owned ("she'd had it about
    # four months") and a period ahead ("over the next two months") are no result.
    r"(he|she|they|you|customers?|cx) (can|could)|always|usually|whenever|'d had|had had|"
    # How long things had been wrong before anyone acted: "his broadband had been down for three
    # days", "a cx had been without broadband for 3 wks", "had stopped working after seven weeks".
    r"(had|'d) been (\w+ ){0,2}?(down|without|off|waiting|on hold|stuck|out|going|trying|ringing|"
    r"calling|chasing|paying|overcharged|charged|billed|using)|(had|'d) stopped|"
    # ... in any verb, with how long: "we'd been estimating her readings for eight months".
    r"(had|'d) been \w+ing\b( \w+){0,4}? (for|over)|"
    # What the customer asked for, how late things ran and the figure before: "wanted a refund of
    # like three hundred pound", "delayed by three hours", "before that our rating was 3.8", "we
    # used to get sixty complaints a month".
    r"wanted|asked for|asking for|demanded|requested|delayed by|late by|delay of|before that|"
    r"beforehand|previously|used to|"
    r"(over|during) the (next|following|last|past)|"
    # How long the learner's own trial or look ran: "ran it 4 wks then reviewed", "ran the old and
    # new forms side by side for two weeks", "a huddle on anything over four days old".
    r"\b(ran|run|running|trialled|trialed|tried|tested|piloted)\b( \w+){0,8}? for|"
    r"\b(ran|run) (it|them|this|that)|"
    r"side by side( for)?|anything (over|older than)|"
    # A step's own timing inside a procedure: "first I acknowledged it within a day", "issued a
    # deadlock letter after 8 weeks".
    r"acknowledg\w*|deadlock letter|final response (letter )?(was )?(issued|sent)|"
    # A standard, said in the present of every case: "we agreed every table gets greeted within two
    # minutes", "stage 1 is an acknowledgement within 3 days".
    r"\bevery (\w+ ){1,2}?(gets?|is|are|should|has to|must)|\b(stage|step) (\d|one|two|three) is|"
    # A limit waited out or a clock started, and a trigger in a process: "he cant go til its been 8
    # wks", "which starts the eight weeks", "it goes red after 20 hours", "chase any on day 8", "greet
    # within 30 seconds of someone walking in".
    r"\b(til|until)\b|\bstarts? the|\b(goes|go|turns|turn) (red|amber)( after| at)?|\bon day|"
    # What a check found, and how things were going, before the change: "it found that 40% of
    # callers were hanging up", "we were getting about 25 complaints a week about it".
    r"\b(it|the (\w+ )?(audit|review|report|check|survey|data)) (found|showed|revealed) (that )?|"
    r"\b(we|i|they) (were|was) getting\b|"
    r"\bgreet (\w+ ){0,3}?within|"
    # A period said as the reason the case qualifies: "she can have a refund or a replacement as its
    # within 30 days", "cos it was still inside the 14 days".
    r"\b(as|because|cos|coz|bc|since|so) (it'?s|it’s|its|it is|it was|they'?re|they were|she was|he was) "
    r"(still |just )?(within|inside|in|under)( the)?|"
    # The fault coming back, before anything fixed it: "it fell over again within a day or two".
    r"(fell over|broke|broken|failed|stopped|dropped|dropping|went down|crashed|came back|happened) "
    r"(\w+ )?again|"
    # The figure before the change: "before the change about sixty percent of folk came to the desk".
    r"before (the|we|i|this|that|it|any|my|our)\b|"
    # How long something was out of use sets the scene: "the pool was shut for three weeks".
    r"(was|were|been|being) (shut|closed|broken|out of action|out of order|offline|unavailable|"
    r"off sick|off work|down) (for|over)|"
    # A standard's own figure, a thing's lifetime, a payment plan's length, the day of the event the
    # customer had ahead, and a figure said back in sympathy: "our emergency SLA, which is four hours",
    # "the accreditation lasts two years", "paying monthly over 10 months", "the wedding was the next
    # day", "I said I understood £55 more a month is a big hit".
    r"\b(sla|slas|service level|service level agreement|standard), which (is|was|says)|"
    r"\b(lasts|lasted|will last|is valid for|valid for|runs for)|"
    r"\b(paying|pay|pays|paid|spread|split|spreading|payments|instalments)( \w+){0,2}? over|"
    r"\b(wedding|funeral|party|flight|appointment|interview|birthday|exam|operation|christening|do) "
    r"(was|is|were|'s)( on)?( the)?|"
    r"\bi (said|told (her|him|them))( that)? i (understood|understand|know|knew|get|got|could see)|"
    # How long the learner stayed with someone, and where a figure sits now: "waited with him for
    # like ten minutes till it come", "our NPS sits at 42".
    r"(waited|stayed|sat|stood) with (him|her|them|the \w+)|sits at|stands at|"
    # "was in hospital for 3 weeks" sets the scene; "he's been in every day since" is a result.
    r"normally|if|unless|(was|were|is|still|been) (in|inside|within|outside|over|past)"
    # ... but not a place or a state reached within a time: "he was in the taxi within 20 minutes",
    # "the account was in his sole name in four working days".
    r"(?! (every|since|ever)\b)(?![^,;:]*\b(within|in)\s*$))\b"
    # ... read back to a comma, never past the learner's own next step: "his wages had stopped so I
    # got them refunded, it was sixty four pounds" (the money is what was done).
    r"(?:(?!\b(?:so|and|then) (?:i|we) (?!(?:had|have|has|were|was|are|must|need|needed|could|can|should|"
    r"would)\b))[^,;:]){0,45}$|\bevery\W+((like|about|around|roughly|so)\W+)?$",
    re.I,
)
# Words just after a quantity that make it a period the law or a policy allows ...
PERIOD_AFTER = (
    r"(\w+\s+){0,2}?(to (reject|cancel|return|complain|claim|respond|reply)|"
    r"right|cooling|limit|under the|by law|deadline|breathing space|"
    # A period a procedure sets: "anything still open after a further five days is escalated".
    r"(is|are|gets?) (escalated|passed|referred|sent))"
)
PERIOD = re.compile(rf"^\s*{PERIOD_AFTER}\b", re.I)
# ... or the situation ("a kettle 3 weeks old", "bought 2 months earlier").
# ... or what the figure was owed or notice given: "£89 of arrears", "at less than 14 days' notice".
_OWED_AFTER = r"of (arrears|debt)|in arrears|overdue|(\w+ )?notice"
# ... or the scope of what the learner looked at: "eight weeks of contact data", "a month's calls".
_SCOPE_AFTER = (
    r"(of|'s|’s|worth of)\s+(\w+\s+){0,2}?(data|calls|records|figures|reviews|complaints|cases|feedback|"
    r"notes|recordings|emails|chats|contacts|orders|surveys|stats|tickets)"
)
OWED = re.compile(rf"^['’]?\s*({_OWED_AFTER})\b", re.I)
# ... or the kind of service it names: "moans about 3 to 5 day delivery", "a two hour slot".
_SERVICE_KIND = r"[\s-]*(delivery|shipping|slot|window)"
AFTER = re.compile(
    rf"^['’]?\s*(old|ago|earlier|{_OWED_AFTER}|{_SCOPE_AFTER}|{PERIOD_AFTER}|{_SERVICE_KIND})\b", re.I
)
# ... or a target, named after the figure: "a twenty eight day target", "a 90% KPI" (unless it was
# hit: structure.TARGET_REACHED).
AIMED_AFTER = re.compile(r"\s*([\w-]+\s+)?(target|targets|goal|kpi|sla)\b", re.I)
# Words right before a figure that make it the size of what the learner looked at ("I pulled fifty
# of the cases", "listened back to about twenty of the calls"), what a bill or price was ("the bill
# was £34"), a figure agreed as what to aim for ("we agreed 12% was realistic") or the learner's
# everyday workload ("I log around 60 calls a day"): none is what the actions achieved.
NOT_A_RESULT_RIGHT_BEFORE = re.compile(
    r"(\b(pull|pulled|pulled out|listen(ed)?( back)? to|"
    r"look(ed)? (at|through|into)|go through|went through|"
    r"review(ed)?|read( through| back)?|sampled|dip[- ]?sampled|audit(ed)?|analy[sz]ed|picked( out)?|"
    r"check(ed)?)( (another|some|(the|my|our|her|his) (last|first|next|latest)|a sample of|a batch of))?|"
    # A standard said in the present, not what was done: "we reply to complaints within five
    # working days" (not "we replied within two days").
    r"(\bwe |\(\s*)(reply|respond|answer|aim|promise|guarantee|commit)( to [\w ]{1,25}?)? (within|in|inside)|"
    r"\b(bill|price|fare|invoice|fee|charge|tab|total)s? (was|were|is|came to|of)|"
    # An instalment agreed is the support, not what it achieved: "put her on a payment plan £10 a
    # wk", "a repayment plan of £25 a month".
    r"\b(payment|repayment|instalment|installment|debt) plan( (of|at|for|which is|that'?s))?|"
    r"\bagreed( on| that)?( a| an| the)?|"
    r"\bi (log|take|handle|answer|deal with|see|serve|make|get)|\b(we|i) (agreed|set|set up|picked)|"
    # The scope of what was read ("the comments from like six weeks"), and a threshold ("a card
    # purchase over a hundred pound", "refunds over £100 need a manager").
    r"\b(comments|reviews|calls|complaints|feedback|data|figures|cases|emails|notes|surveys|chats)"
    r" (from|over|for|covering)( the (last|past|previous))?|"
    r"\b(purchases?|spend|payments?|items?|orders?|goods|claims?|transactions?|refunds?) (of )?"
    r"(over|under|above|below|more than|less than|up to)|"
    # The window a measure counts in: "how many are fixed inside twenty four hours", "% of faults
    # fixed in 48 hrs", "shows how many emails are older than 24 hours" (not the measure's value).
    r"(\bhow many|%\s*of|\bpercent of|\bper cent of|\bpercentage of|\bnumber of|\bproportion of|\bshare of)\b"
    r"[\w' ]{0,40}?\b(fixed|answered|resolved|closed|done|sorted|picked up|replied to|responded to|"
    r"older|cleared|seen)( \w+)? (within|inside|in|under|than|over|after)|"
    # ... and a period someone else has: "told her theyve got five working days on the SLA".
    r"\b(they|you)(['’]?ve| have) got|\b(they|you) have|"
    # ... and a known period, said with "the": "the stage one response inside the ten days", "any
    # date in the next three months" (not "in the six weeks since").
    r"\b(within|inside|under) the|\bin the (next|following)|"
    # ... and a figure told to the customer as information: "now i just tell everyone its 14 days",
    # "I told her it's £25 to replace".
    r"\b(tell|tells|told|telling|explain|explained|explaining)( \w+){0,2}? "
    r"(it'?s|its|it’s|it is|it was|that it'?s|that it is|there'?s|they'?ve got|they have|"
    # ... or promised: "I told her it'd be looked at within ten working days".
    r"(that )?(it|they|she|he|we|someone|somebody)('d|’d|'ll|’ll| would| will)( \w+){0,4}?)|"
    # ... and a period kept by rule: "set them to delete after 30 days", "we keep recordings for 6 years".
    r"\b(delete|deleted|deletes|keep|kept|keeps|retain|retained|store|stored|hold|held)( \w+){0,3}? "
    r"(after|for)|"
    # ... and a figure inside a reason, which explains and achieves nothing: "the reason it helped him
    # is he was getting like five calls a week", "because the gate closes 20 minutes before".
    r"\b(because|cos|coz|bc|'cause|the reason)\b(?! of\b)[^,;:.!?\n]{0,60})"
    r"( (about|around|roughly|like|over|nearly|almost|just|only|maybe))?( a| an)?\s*$",
    re.I,
)

# The `\b` before `\w[\w')]*, so ...` matters: without it the engine starts that branch at every
# letter of a long word and walks to its end each time (a 20,000-letter "word" took 34 s).
REASONING = alternation(
    r"\b(because|cos|coz|'cause|since (she|he|they|it|we|i|the))\b|\bso that\b|\bin order to\b|"
    # A purpose said as what it let someone else know or do: "i put full notes on the ticket so the
    # engineer knew it was the router", "so the kitchen could", "so she didn't have to ring again".
    r"\bso (the|our|my|his|her|their) (\w+ )?\w+ (knew|know|could|can|understood|was able|were able|"
    r"didn'?t have to|did not have to|wouldn'?t have to|had what)\b|"
    r"\bso (she|he|they) (knew|could|understood|was able|were able|didn'?t have to|did not have to|"
    r"wouldn'?t have to|had what)\b|"
    # ... not a duty: "the Data Protection Act says we have to protect patient information".
    r"\b(?=to )(?<!was )(?<!had )(?<!needed )(?<!need )(?<!wanted )(?<!asked )(?<!have )(?<!has )"
    r"to (make sure|ensure|comply|avoid|prevent|protect|stop)\b|\botherwise\b|"
    # A trade weighed: "one call of six minutes beats two calls of five", "it was worth the wait".
    r"\b(beats|outweigh(s|ed)?|is worth|was worth)\b|"
    r"\b(is|was|'s|’s) (better|worse|fairer|safer|cheaper|quicker|kinder) (for|than)\b|"
    r"\b(which|this|that) (meant|means) (we|i|that|she|he|they)\b|\bthe reason\b|"
    # What a finding costs, said as what it is: "ppl left their basket and walked out. so thats lost
    # sales and ppl not coming back".
    r"\bso (that'?s|thats|that’s|that is|which is|it'?s|its) (\w+ )?(lost|losing|less|fewer|extra|"
    r"wasted|money|worse|a lot of|loads of|repeat)\b|"
    # ... and said the long way round: "so what that meant was guests were arriving".
    r"\bwhat (that|this|it) (meant|means) (was|is)\b|"
    # Phone notes drop the article: "reason was the contractor booked am/pm slots".
    r"\b(?=reason )(?<!\bno )reason (was|is|being)\b|"
    # What would have happened otherwise, with no comma in a run-on: "if we'd fobbed her off to the
    # manufacturer she'd have gone to the consumer council".
    # Also with a plain past ("if we skipped the checks a fraudster couldve emptied his savings",
    # "if i rushed to hit aht id have just logged it").
    r"\bif (i|we|you|they|she|he)('d| had| hadn'?t| hadnt| didn'?t| didnt| \w+ed| left| let| kept| sent|"
    r" told| took| gave| put| got| did| said| went)\b[^.!?\n,]{3,80}?\b"
    r"((she|he|they|we|it|i|you|customers?|people|(a|the|our|their|his|her|my) \w+)('d| would| could| might| "
    r"(was|were) "
    r"(gonna|going to))( have|'ve| of)?"
    r"|(she|he|they|we|it|i|you|customers?|people|a \w+|the \w+) (couldve|wouldve|mightve)|id have)\b|"
    # Explanations in chat: "meant we could show", "cause was the software", "which kills FCR".
    # ... not a duty restated in the present: "the Consumer Duty means we have to look after
    # vulnerable people" ("the Act meant he was entitled to a refund" is the law applied to the case).
    r"\b(?=mean)(?<![.!?]\s)(meant|means(?! (?:we|you) (?:have to|has to|must|need to|'ve got to|"
    # ... nor a duty or a practice restated: "the Equality Act 2010 means we treat everyone the same",
    # "the Consumer Duty means we mustn't sell people products that don't give them fair value".
    r"mustn'?t|must not|can'?t|cannot|can only|should|shouldn'?t|treat|give|offer|keep|protect|"
    r"are(?:n'?t| not) allowed)\b)) "
    r"(we|i|that|she|he|they|customers|people|its|it's|it|you|the)\b|"
    r"\b(the |root )?cause was\b|"
    r"\bturned out\b|\bsince (a|an|our|their|his|her|every|each)\b|"
    r"\bsince \w+ (have|has|had|are|is|was|were|can|could|need|needs|would|will|do|does|don'?t)\b|"
    r"\bif\b[^.!?\n]{3,60}?,?\s+(the customer|customers|customer|cx|someone|they|she|he|people|residents)"
    r"( else)?\s+(gets?|would|could|will|might|ends? up|won'?t|can'?t|loses|pays|waits|misses)\b|"
    # ... said of any customer: "if the reading isn't taken, the new household gets billed".
    rf"\bif\b[^.!?\n]{{3,60}}?,\s+(the|a|our|their) (\w+ )?({_PEOPLE}|household)s?"
    r"\s+(gets?|would|could|will|might|ends? up|won'?t|can'?t|loses|pays|waits|misses)\b|"
    # What a slip elsewhere stops the learner doing: "if ops don't update the job I can't tell them".
    r"\bif\b[^.!?\n]{3,60}?\b(don'?t|dont|doesn'?t|doesnt|isn'?t|isnt|aren'?t|arent)\b[^.!?\n]{0,40}?"
    r"\b(i|we)\s+(can'?t|cant|cannot|won'?t|wont|couldn'?t|couldnt)\b|"
    # A past that did not happen, with what would have come of it, in a run-on with no comma: "if
    # those notes had been rubbish she'd have been turned down" (not the learner's own wish: "if I'd
    # had time I'd have rung her").
    r"\bif\b[^.!?\n]{3,60}?\b(had|hadn'?t|hadnt|had not)\b[^.!?\n]{1,60}?"
    r"\b(?!i\b)(she|he|they|it|you|customers?|people|(a|the|our|their|his|her|my) (\w+ )?\w+)"
    r"('d|’d| would| could| might)( not)? (have|'ve|of)\b|"
    # What would have happened otherwise: "If it had gone, her ex would have seen her address",
    # "Without that note it would have been her word against ours".
    r"\b(if|without)\b[^.!?\n]{3,50}?,\s*(\w+\s+){1,2}?(would|could|might|'d)( have)?\b|"
    r"\bwithout (that|this|the|those|these|it|them|a|an|his|her|their|any|our|my)\b[^.!?\n,]{0,25}?"
    r"\s((it|we|she|he|they|you|i)( would|'d|’d| could| might)|wed|theyd|shed|hed|youd|itd)\b|"
    # The step not taken, weighed: "Letting that slide would have meant anyone could...", "Rushing
    # him could have cost him the sale", "pushing a dearer deal could be an unfair practice".
    r"(^|[.!?;:]\s*|\b(but|and)\s+)\w+ing\b[^.!?\n]{0,80}?\b(would|could|might)( also| only| just)?"
    r"( have| be)? (meant|mean|been|be|left|leave|treated|treat|put|caused|cause|given|let|made|make|"
    r"cost|risked|risk|broken|breached)\b|"
    # What a step does: "that check is what stops a slip", "it's what protects him and us".
    r"\b(is|it'?s|that'?s|thats|its|was) what (protects|protected|stops|stopped|keeps|kept|makes|made|"
    r"lets|gives|helps|tipped|means|saves|prevents)\b|"
    r"\b(gave|gives|give) (him|her|them|us|me|people|customers) (time|the chance|a chance|space|room) to\b|"
    # What a team's slip does to customers: "when finance is slow, customers chase us for weeks".
    r"\b(when|whenever)\b[^.!?\n]{3,50}?,\s*(the customers?|customers|people|residents|tenants|"
    r"guests|patients)\s+(?!(?:was|were|had|did|said|asked|rang|called)\b)\w+(?<!ed)\b|"
    # A rule's purpose: "the procedure's there so residents don't get dropped", "it's there to".
    r"\bthere (so|to|for)\b|"
    r"\bif (i|we|you|they|she|he) (hadn'?t|didn'?t|don'?t|rush|skip|had not|did not)\b|"
    # The learner's slip imagined, then what it leads to in the present of a story: "If I'd got the
    # address wrong in a rush, the crew goes to the wrong house" (not "if I'd had time, I ...").
    r"\bif (i|we)('d|’d| had)\b[^.!?\n,]{3,60},\s+(the|his|her|their|our|a|it|they|she|he|nobody|no one|"
    r"someone|you)\b|"
    r"\bwhich (kills|killed|caused|causes|led to|leads to)\b|"
    r"\b(that'?s|this is|which is|thats) why\b|\bfor \w+ reasons\b|\bdue to\b|\bin case\b|"
    # What the figures meant, read by the learner: "that told me calls weren't taking longer", "the
    # figure was telling me I was closing calls too soon".
    r"\b(that|this|which|it|the (figure|figures|data|numbers?|report|dashboard|pattern|scores?|comments|"
    r"feedback|reviews|results|survey))"
    r"( was| were)? (told|tells|telling|showed|shows|showing) (me|us)\b|"
    # ... or where the figures pointed: "so the data pointed at my troubleshooting not my manner".
    r"\b(the|that|this) (figures?|data|numbers?|report|pattern|scores?|comments|feedback|reviews|results|"
    r"survey|analysis) (pointed|points|was pointing) (at|to|straight at|straight to)\b|"
    # A change that followed from a rule or the data: "the change followed directly: if the policy
    # says ...", "so the action followed from the data".
    r"\b(the|that|this|our|my) (change|action|decision|plan|fix) (followed|follows)\b|"
    r"\bas (she|he|they|it|i|we)('s|'d|’s|’d)|\bas (its|thats|shes|hes|theyre)\b|"
    r"\bas (the|her|his|their|our|it|she|he|they|i|we|"
    r"\w+ing)\b[\w' ]{0,40}?\b(was|were|is|are|had|has|means|needed|needs|wanted|knew|felt|"
    r"couldn'?t|could|can'?t|wasn'?t|didn'?t|would|uses|did|hadn'?t|isn'?t|have|looked|seemed|"
    r"kept|should|shouldn'?t|must|mustn'?t|won'?t)\b|"
    r"\bcause (thats|that's|it|its|it's|she|he|they|we|i|the)\b|"
    r",\s+so\s+(?!(much|many|far|good|happy|glad|sorry|yeah|basically|anyway|why)\b)\w+|"
    r"\b\w[\w')]*,?\s+so (i|we|she|he|they|shes|hes|theyre|it|its|it's|everyone|every|all|each|no|nobody|"
    r"future|more|"
    r"nothing|the|my|our|her|his|their|under|as|people|customers|residents|someone|no one|noone|"
    r"only)\b|"
    # "so" before what could or must (not) happen: a consequence or purpose, not a next step
    # ("at risk of harm so couldn't wait", "so nobody behind could nick his details").
    r"\bso (that )?(\w+ ){0,3}?(can|could|would|will|won'?t|wouldn'?t|couldn'?t|cant|can'?t|"
    r"couldnt|don'?t|doesn'?t|dont|doesnt|never|isn'?t|aren'?t|has to|had to|have to|must)\b|"
    r"\bunder [\w ]{2,40}\b(they|she|he|we|you) (can|could|get|have|must)\b.{0,40}\bso\b",
    re.I,
)

# A consequence weighed: what could go wrong (or right) for someone, said with a condition or a
# modal in the same sentence, whatever the word order: "if the alarm goes in the night, a guest who
# doesn't know where to go is in danger", "someone overhearing could use it against him", "if IT
# goes down nobody can log in". Read per sentence by `structure._consequence_span`: a HARM word
# after a MODAL or after the comma closing a CONDITION, someone AFFECTED, and not the learner's own
# hypothetical step ("I would have", "next time I'd"), which is no reason (labelling rule 4).
CONDITION = re.compile(r"\b(if|without|otherwise|unless|or else|in case)\b", re.I)
MODAL = alternation(
    r"\b(could|would|might|can'?t|cant|cannot|won'?t|wont|wouldn'?t|couldn'?t|nobody can|"
    r"no one can|noone can)\b|\b(she|he|they|we|it|you|someone|anyone)'d\b",
    re.I,
)
HARM = alternation(
    r"\b(danger\w*|risk\w*|harm\w*|hurt|injur\w*|unsafe|safe|fined?|fines|breach\w*|unlawful|"
    r"illegal\w*|against (him|her|them)|embarrass\w*|lose|loses|lost out|losing|exposed|"
    r"scam\w*|fraud\w*|stranded|stuck|worse|pay (more|twice|extra)|out of pocket|"
    r"complain\w*|come back|ring back|call back|chasing|log in|cut off|go without)\b",
    re.I,
)
# ... and it happens to someone: a bare list of harms ("could lead to a fine, harm, injury") says
# only key words.
AFFECTED = alternation(
    rf"\b(he|she|him|her|they|them|we|us|someone|somebody|anyone|anybody|nobody|no one|"
    rf"everyone|people|{_PEOPLE})s?\b",
    re.I,
)
OWN_HYPOTHETICAL = alternation(
    # ... not what would befall the learner or the business: "we could get fined", "we'd be in
    # trouble", "i could lose my job" are consequences, not steps.
    r"\b(i|we) (would|could|might|should)\s+(?!(?:get|be|end up|lose|face)\b)\w+|\bnext time\b|"
    r"\bi'd (have|of)\b",
    re.I,
)


ESCALATION = alternation(
    r"\b(escalat\w*|(passed|referred|handed) (it|this|the \w+)? ?(on |over )?to (my|a|the) "
    r"(manager|supervisor|team leader|senior|specialist|complaints team)|outside (my|of my) "
    r"(authority|remit)|(above|beyond) my (authority|remit|level)|limit(s)? of my (authority|role)|"
    r"(asked|got|sought) (my )?(manager|supervisor|team leader)'?s? (approval|authorisation|"
    r"permission|sign[- ]off)|supervisor(y)? approval)\b",
    re.I,
)

# The people and boss words, for structure's subject test.
PEOPLE = _PEOPLE
BOSS = _BOSS
