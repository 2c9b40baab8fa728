"""STAR structure, measurable results and reasoning, found from the cues an assessor listens for.

Learners type in a chat: lower case, no full stops, "i done that", "customer rang saying...". The
cues below are written for that register and checked against the labelled dev set
(docs/assessment.md gives the rule each label follows).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from bot.assessment.cues import (
    ACTION,
    AFFECTED,
    AFTER,
    AIMED_AFTER,
    BOSS,
    CONDITION,
    COUNT_WORD,
    DUTY_WHAT,
    ESCALATION,
    GENERIC,
    HARM,
    MODAL,
    NOT_A_RESULT,
    NOT_A_RESULT_RIGHT_BEFORE,
    NOT_A_TASK,
    OPENING,
    OUTCOME,
    OWED,
    OWN_HYPOTHETICAL,
    PEOPLE,
    PERIOD,
    QUANTITY,
    REASONING,
    RESULT,
    RHYTHM_WORDS,
    SCENE_EVENT,
    SITUATION,
    TASK_CLASSES,
    alternation,
)
from bot.assessment.spoken import Written, for_cues

# A figure moved, with both ends or the size of the move: "our score went 74 to 82", "complaints went
# 48 in march to 19 in may", "only 3 substitutions instead of like 40", "halved", "csat 3.9 to 4.5".
_MOVED = (
    r"\b(went|gone|moved|jumped|rose|fell|dropped|climbed) (\w+ ){0,3}?\d[\d.,]*%?( (in|on|at) \w+)? "
    r"to \d|\b\d[\d.,]* \w+ instead of (like |about |around |the usual )?\d|\b(halved|doubled|tripled)\b|"
    r"\bfrom (minus|plus|-) ?\d+ to (minus|plus|\+|-)? ?\d|"
    r"\b(up|down|rose|fell|dropped|went|increased|decreased|doubled|halved|cut|improved|reduced|"
    r"climbed|jumped)\b[^.!?\n]{0,40}?\bfrom (about |around )?\d[\d.,]*[^.!?\n]{0,25}?\bto \d|"
    r"\b(down|up|fell|rose|dropped|cut|reduced) (by )?\d[\d.,]*\s?(%|per ?cent)|"
    r"\b\d[\d.,]*\s?(%|per ?cent) (down|up|fewer|less|more|lower|higher)\b|"
    r"\b\d+ (a|per) (day|week|month) (down|up) to \d|\b\d+\.\d+ to \d+(\.\d+)?\b"
)
# ... for `measurable`, also a figure said alone as an outcome ("full marks", "found no gaps",
# "twenty percent", "100% of"). A change asked for (`_change_span`) needs `MOVED_FROM_TO`.
CHANGE = alternation(
    _MOVED + "|"
    r"\b(100|\d\d)\s?% of\b|"
    r"\b(0|zero|no) [\w ]{0,25}\b(since|after week|after day)\b|"
    r"\bfull marks\b|\bno (gaps|errors|mistakes|complaints|repeat calls)\b|"
    r"\b(\d+|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred) "
    r"(percent|per cent|pound|pounds|quid|days|minutes|mins|hours)\b|"
    # Said in words: "went down from about three hundred a week to about a hundred and twenty".
    rf"\b(up|down|rose|fell|dropped|went|increased|decreased|cut|improved|reduced)\b[^.!?\n]{{0,30}}?"
    rf"\bfrom (about |around |like |roughly |nearly |over |just over )?({COUNT_WORD}|\d[\d.,]*)\b"
    rf"[^.!?\n]{{0,25}}?\bto (about |around |like |roughly |just |only )?({COUNT_WORD}|\d)|"
    # A figure reached: "handover complaints down to 3 in feb", "moans on trustpilot down to 9".
    rf"\b(down|fell|dropped|came down|went down|cut) to (about |around |just |only |under )?\d",
    re.I,
)
# Where a clause starts, for reading whether a scene cue is generic ("if ..." governs its clause).
CLAUSE_START = re.compile(
    r"[,;:]\s*|\b(?:and|but|so|then)\s+(?=(?:i|we|she|he|they|there|it|last|one)\b)", re.I
)
GENERIC_REACH = 40  # characters before a scene cue that can make it generic
# A full stop between digits ("4.6 out of 5", "£12.50") is a decimal point, not a sentence end.
SENTENCE = re.compile(r"(?:[^.!?\n]|(?<=\d)\.(?=\d))+[.!?\n]*")
Span = tuple[int, int]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.findall(text) if s.strip()]


@lru_cache(maxsize=4)  # the situation, the result and the figures each ask for it
def _first_action(text: str) -> int:
    m = ACTION.search(text)
    return m.start() if m else len(text)


HEADLINE_WORDS = 4  # words at most in an opening sentence that only heads the answer ("used HEAT.")


def _situation_span(text: str) -> Span | None:
    """A scene: a particular customer, time or event, not customers in general. A customer's state
    ("the customer was upset") sets the scene only before the learner acts; after, it is a result."""
    acted_at = _first_action(text)
    opening = next(iter(sentences(text)), "")
    if acted_at < len(opening) and len(opening.split()) <= HEADLINE_WORDS:
        # A headline first ("used HEAT.", "I used LATER."): the scene may still be told after it.
        nxt = ACTION.search(text, text.find(opening) + len(opening))
        acted_at = nxt.start() if nxt else len(text)
    offset = 0
    for s in sentences(text):
        offset = text.find(s, offset)
        for rx in (SITUATION, OPENING, SCENE_EVENT) if offset <= acted_at else (SITUATION,):
            for m in rx.finditer(s):
                # "If a customer..." is no scene; a long spoken sentence that said "every" earlier
                # may still go on to one ("after every call, and I noticed..."), so only the words
                # just before the cue, in its own clause, are read.
                before = s[max(0, m.start() - GENERIC_REACH) : m.start() + 1]
                before = CLAUSE_START.split(before)[-1]
                if not GENERIC.search(before):
                    return offset + m.start(), offset + m.end()
        offset += len(s)
    return None


# Where a clause starts, for reading a task cue's own clause: any joining word, as "so I had to"
# and "and my job is to" start a new one after a hypothetical or a negation.
CLAUSE_END = re.compile(r"[.!?\n;]")
# Reported speech starts a clause of its own too: "my supervisor said its on me to get it up" is
# not undone by a "didnt" before "said" in a phone note with no full stops.
TASK_CLAUSE = re.compile(
    r"[,;:]\s*|\b(?:and|but|so|then|because|cos|as|when|said|says|told (?:me|us))\s+(?:that\s+)?", re.I
)
# "my job", "my role": the possessive starts its own clause, so only the words right before it can
# undo it ("wasn't my job", "if my job was", "would be my role"), not an "if" three words back in
# an unpunctuated phone note ("check if theyre vulnerable my job was hitting aht").
OWNED_REACH = 15
# Whose aim a bare "had to" / "wanted to" is, in a phone note that drops the subject: the nearest
# person named before it in the sentence ("passenger at cardiff airport wanted to bring", "she'd
# taken a day off n had to rebook" are the customer's; "thats not mine to fix had to pass it up" is
# the learner's). With no one named before it, it is the learner's.
LEARNER_WORD = re.compile(r"(i|i'?m|im|i'?d|i'?ve|we|we'?d|my|mine|myself|our)", re.I)
# ... and a bare aim that shares a hypothetical verb before it is no task: "if we hadnt caught it we
# couldve had trading standards on us n had to refund everyone".
SHARED_MOOD = re.compile(r"(if|would|could|should|might|must)('?ve|ve|n'?t|nt)?", re.I)
# "our" or "my" right after a place word says where, not whose aim: "guest at our b&b had to leave".
PLACE_WORD = re.compile(r"at|in|on|from|into|to|near|outside|inside|round|around", re.I)
# What a law or rule made everyone do, said right before "we had to": "it meant we had to let the
# dog in", "the FCA rules were why we had to look at it properly". Not the learner's own task.
OBLIGED = re.compile(r"\b(meant|means|why)\s+(that\s+)?$", re.I)
OTHER_SUBJECT = re.compile(
    rf"(he|she|they|he'?s|she'?s|they'?re|he'?d|she'?d|they'?d|hes|shes|theyre|{PEOPLE}|{BOSS})s?",
    re.I,
)


def _word_before(text: str, at: int) -> str:
    words = text[:at].split()
    return words[-1].strip('.,;:!?"()-').lower() if words else ""


def _whose_aim(text: str, start: int) -> bool:
    """True when a bare aim at ``start`` is the learner's own (see ``LEARNER_WORD``), not someone
    else's and not governed by a hypothetical before it (``SHARED_MOOD``)."""
    begin = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    ws = [w.strip('.,;:!?"()-').lower() for w in text[begin:start].split()]
    for i in range(len(ws) - 1, -1, -1):
        word = ws[i]
        if SHARED_MOOD.fullmatch(word):
            return False
        if LEARNER_WORD.fullmatch(word):
            if word in ("our", "my") and i > 0 and PLACE_WORD.fullmatch(ws[i - 1]):
                # "guest at our b&b ... had to leave early": where, not whose.
                continue
            return True
        if OTHER_SUBJECT.fullmatch(word):
            return False
    return True


def _clause_before(text: str, start: int, end: int, reach: int = GENERIC_REACH) -> str:
    """The words of the clause a cue at ``start:end`` sits in, before the cue: back to the sentence
    start, at most ``reach`` characters, cut at the last clause boundary."""
    begin = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    clause = TASK_CLAUSE.split(text[max(begin, start - reach) : end])[-1]
    return clause[: max(0, len(clause) - (end - start))]


def _task_reach(name: str, cue: str) -> int:
    """How far back a task cue's clause is read for what undoes it: a duty noun ("my job") or an
    aim with its own subject ("I needed to") starts its clause, so only the words right before it
    can undo it ("if I had to"), not a negation in a spoken run-on before it ("the till wouldn't
    let me do a refund um I needed to work out what she was owed")."""
    if name == "owned" or (name == "aim" and SUBJECT_FIRST.match(cue)):
        return OWNED_REACH
    return GENERIC_REACH


SUBJECT_FIRST = re.compile(r"(i|we)\b", re.I)
WE_FIRST = re.compile(r"we\b", re.I)


@lru_cache(maxsize=4)  # read for the STAR parts and again for where the scene ends (`_measurable_span`)
def _task_span(text: str) -> Span | None:
    """The task said in words: in one clause, the learner as owner (I, me, my, mine) and a word of
    duty, goal or assignment (``cues.TASK_CLASSES``), in any order ("my job that morning was to",
    "drafting the reply fell to me", "my team leader gave me the job of", "I wanted the next
    observation to show"). A hypothetical, a negation or "you" before it in its clause makes it no
    task ("if I had to", "it wasn't my job"); a duty noun needs what the duty was after it ("my job
    to get it fixed", not "I love my job"). The earliest such clause is the task."""
    found: list[Span] = []
    for name, rx in TASK_CLASSES.items():
        for m in rx.finditer(text):
            start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(".!?\n \t"))
            if name == "bare_aim":
                # No subject: its clause starts at the aim, so only the word right before it and
                # whose aim it is decide ("thats not mine to fix had to pass it up" is a task).
                # With a subject right before it, it is no bare aim: "aim" reads "I had to"
                # with its clause, and "if I had to" stays a hypothetical.
                word = _word_before(text, start)
                if NOT_A_TASK.fullmatch(word) or LEARNER_WORD.fullmatch(word) or not _whose_aim(text, start):
                    continue
            elif NOT_A_TASK.search(
                _clause_before(text, start, m.end(), _task_reach(name, text[start : m.end()]))
            ):
                continue
            elif (name == "aim" and WE_FIRST.match(text, start)
                  and OBLIGED.search(text, max(0, start - 20), start)):
                # What a law or rule made everyone do: "it meant we had to let the dog in".
                continue
            if name == "owned":
                stop = CLAUSE_END.search(text, m.end())
                what = DUTY_WHAT.match(text[m.end() : stop.start() if stop else len(text)])
                if not what:
                    continue
                found.append((start, m.end() + what.end()))
            else:
                found.append((start, m.end()))
            break
    return min(found) if found else None


# A past action with its "I" dropped anywhere in a phone note ("first time did bullet points, bold
# the amount", "got the IT team to show the slot"): a verb of doing, then a word that is not a
# preposition, with no one else named as its subject right before it ("they took days off").
BARE_ACTION = re.compile(
    r"\b(did|got|took|made|put|gave|sent|rang|phoned|emailed|texted|wrote|rewrote|set up|booked|"
    r"logged|raised|checked|moved|changed|added|asked|told|offered|refunded|called|explained|"
    r"printed|built|fixed|sorted)\s+(?!(?:to|by|with|from|in|on|at|out|up|off|back|into|for|of|"
    r"about|over|through|away|down|me|us|it)\b)\w+",
    re.I,
)
NOT_BEFORE_A_BARE_ACTION = re.compile(
    rf"(i|we|you|he|she|they|it|who|that|which|this|there|what|to|had|have|has|was|were|been|be|"
    rf"would|could|will|should|can|might|must|not|never|if|{PEOPLE}|{BOSS})s?",
    re.I,
)


def _bare_action(text: str) -> Span | None:
    for m in BARE_ACTION.finditer(text):
        word = _word_before(text, m.start())
        if word and not NOT_BEFORE_A_BARE_ACTION.fullmatch(word) and not word.endswith(("'s", "s'")):
            return m.span()
    return None


# In the words just before result words, in their own clause: what did not or might not happen,
# what was meant to come of it, or what the learner could not say. "so her religion didn't mean she
# got a worse service", "I told them I'd stay till everyone was sorted", "dunno if they all use it".
UNREAL_RESULT = re.compile(
    r"\b(if|whether|would|could|might|should|mean|meant|means|make sure|making sure|to ensure|"
    r"till|until|unless|in case|dunno|don'?t know|not sure|hope|hoped|hoping|so that)\b[^.!?\n]*$",
    re.I,
)
UNREAL_REACH = 40


def _unreal(text: str, at: int) -> bool:
    """Whether result words at ``at`` sit in a clause that says they did not or may not happen
    (`UNREAL_RESULT`), read back to the clause's start."""
    before = CLAUSE_START.split(text[max(0, at - UNREAL_REACH) : at])[-1]
    return UNREAL_RESULT.search(before) is not None


@lru_cache(maxsize=4)  # read for the STAR parts and again for where the result begins
def _result_span(text: str) -> Span | None:
    m = next((m for m in RESULT.finditer(text) if not _unreal(text, m.start())), None)
    if m:
        return m.span()
    acted_at = _first_action(text)
    if acted_at < len(text):
        m = next((m for m in OUTCOME.finditer(text, acted_at + 1) if not _unreal(text, m.start())), None)
        if m:
            return m.span()
    return None


def _span(m: re.Match[str] | None) -> Span | None:
    return m.span() if m else None


def _star_spans(text: str) -> dict[str, Span | None]:
    """Where each STAR part was heard (the cue's words), or None."""
    action = _span(ACTION.search(text)) or _bare_action(text)
    result = _result_span(text)
    if result is None and action is not None:
        # A figure the actions achieved is a result said without result words: "by June my first
        # contact resolution was 79%", "got the full £349 back on her own card, showed in 3 days".
        measured = _measurable_span(text)
        if measured is not None and measured[0] > action[0]:
            result = measured
    return {
        "situation": _situation_span(text),
        "task": _task_span(text),
        "action": action,
        "result": result,
    }


def _result_start(text: str) -> int:
    """Where the result part begins: the sentence of the first result words (the end if none)."""
    span = _result_span(text)
    if span is None:
        return len(text)
    return max(text.rfind(c, 0, span[0]) for c in ".!?\n") + 1


BEFORE_REACH = 45  # characters before a figure read for what makes it no result
# A figure aimed at, not reached: a target, goal or KPI earlier in its clause ("the target for next
# year is to answer 90% of chats within two minutes", "our KPI is 85% on quality"), read further
# back than BEFORE_REACH but never past a comma or a full stop.
AIMED = re.compile(
    r"\b(target|targets|aim|aims|aiming|goal|goals|objective|objectives|kpi|kpis)\b"
    r"(?! (was|were) (hit|met|reached|beaten|smashed|achieved))"
    r"[^,;.!?\n]*$|"
    # What a figure should be: "it's meant to be ninety eight percent", "supposed to be under 5".
    r"\b(meant|supposed|expected) to be( \w+)?\s*$",
    re.I,
)
AIMED_REACH = 100
# ... and a hope or expectation that opens the figure's clause further back than BEFORE_REACH: "I
# would expect callbacks within two hours to reach about 90% by the spring".
HOPED_CLAUSE = re.compile(
    r"\b(i|we)(?:['’]d|['’]m hoping|['’]re hoping|\s+(?:would|might|hope|expect|am hoping|are hoping))\s+"
    r"(?:(?!\b(?:and|but|so|then|which|because|cos)\b)[^,;:.!?\n])*$",
    re.I,
)
# A target said as reached is no aim: "we've hit the 24 hour target 98% of the time since".
TARGET_REACHED = re.compile(
    r"\b(hit|hitting|met|meeting|reached|beat|beaten|beating|smashed|achieved|exceeded|made)"
    r"( (the|our|my|its|their|that|this))?( [\w-]+){0,2}?\s*$",
    re.I,
)
# A figure said as what would or might come, or what was hoped for, in its own clause: "I'd
# expect the scores to go up by around 10%", "it might save 20 calls a week".
HOPED = re.compile(
    # ... and what would not be, would have been, or would be for anyone ("I wouldn't leave them sat
    # in the lobby for five hours", "she'd have been £1,300 out of pocket", "you don't want to sit on
    # hold for 20 minutes").
    r"(\b(would|might|hope|hoped|hoping|expect|expected|predict\w*|wouldn'?t|wouldnt|won'?t|you|u)\b|"
    r"['’]d (have|of)\b)"
    r"(?:(?!\b(?:and|but|so|then|which|because|cos)\b)[^,;:.!?\n])*$",
    re.I,
)


def _aimed(text: str, at: int) -> bool:
    """Whether the figure at ``at`` is aimed at, not reached (`AIMED`, unless `TARGET_REACHED`)."""
    m = AIMED.search(text, max(0, at - AIMED_REACH), at)
    return m is not None and not TARGET_REACHED.search(text, max(0, m.start() - 40), m.start())


def _said_as_no_result(text: str, at: int) -> bool:
    """Whether the words just before the figure at ``at`` make it no result: a sample, a bill, a
    workload, a threshold, a standard in the present (`NOT_A_RESULT_RIGHT_BEFORE`), a hope
    (`HOPED`), what an agreement promises (`PROMISED`) or a deadline asked of someone else
    (`ASKED_TO`). Both passes of `_measurable_span` read it."""
    before = _before(text, at)
    if NOT_A_RESULT_RIGHT_BEFORE.search(before) or HOPED.search(before):
        return True
    if HOPED_CLAUSE.search(text, max(0, at - AIMED_REACH), at):
        return True
    promised = PROMISED.search(text, max(0, at - PROMISED_REACH), at)
    if promised and not KEPT_BEFORE.search(text, max(0, promised.start() - 30), promised.start()):
        return True
    return ASKED_TO.search(text, max(0, at - ASKED_REACH), at) is not None


def _before(text: str, at: int) -> str:
    """The words just before a figure, whole: a window that starts inside a word drops that word
    ("...followed" cut to "owed" read as a debt)."""
    start = max(0, at - BEFORE_REACH)
    window = text[start:at]
    if start > 0 and text[start - 1].isalnum() and window[:1].isalnum():
        space = window.find(" ")
        window = window[space + 1 :] if space != -1 else ""
    return window


TASK_AFTER_ACTION = 200  # characters past the first action a task said in words still closes the scene


# What the learner worked with, said as the object of their own step: "I trained my 15 advisers",
# "I played them three of the calls", "I asked the four advisers who'd been there longest". A count
# of who or what was worked with, not of what it achieved (not "got", "gave", "put" or "moved":
# "I got 12 a week", "I gave her £100 off", "I moved forty people onto cheaper tariffs").
USED_IN_ACTION = re.compile(
    r"\b(i|we)\s+(\w+\s+)?(trained|coached|briefed|played|showed|asked|brought in|hired|took on|"
    r"listened to|sampled|picked|chose|invited|pulled in|sat down with|went through|went thru|read through|"
    r"looked (at|through)|reviewed|analysed|analyzed|pulled|pulled out|dug through)[\s,]+"
    r"((him|her|them|us|my|our|the|a|an|all|each|every|some|off|in)\s+){0,3}?"
    r"(\w+\s+)?(of\s+(the|our|my|their)\s+)?(about |around |like |just |only )?$",
    re.I,
)
USED_REACH = 60


def _measurable_span(text: str) -> Span | None:
    """A quantity in what the actions achieved: not the situation, not a legal time limit.

    Figures before the first action set the scene ("after 3 weeks", "£400 bill"), so they count
    only inside a sentence that reports a result."""
    first = ACTION.search(text)
    acted_at = first.start() if first else len(text)
    # The task said in words comes after the scene: a figure before it is how things stood, even
    # in a sentence with result words ("he waited on the aircraft forty minutes, ... which we ended
    # up paying for. It was my job to get him off safely").
    task = _task_span(text)
    scene_until = task[0] if task is not None and task[0] < acted_at + TASK_AFTER_ACTION else 0
    # A change in a figure ("calls down 70%", "CSAT up from 72 to 84") in the second half of the
    # answer is an outcome, even in chat notes that never say "I" before their actions.
    for m in CHANGE.finditer(text, len(text) // 2):
        if _aimed(text, m.start()) or SCALE.match(text, m.start()):
            continue
        after = text[m.end() :]
        if NOT_A_RESULT.search(_before(text, m.start())) or PERIOD.match(after) or OWED.match(after):
            continue
        if _said_as_no_result(text, m.start()):
            continue
        if _when_someone_acted(text, m.start(), m.end()) or _how_long_it_ran(text, m.start(), m.end()):
            continue
        return m.span()
    offset = 0
    for s in sentences(text):
        offset = text.find(s, offset)
        # A sentence reports a result when its result words come after the learner's first action:
        # "he said he was taking us to CISAS" before anything was done is the situation.
        # With no action found (phone notes), any result words do.
        is_result = any(offset + r.start() >= (acted_at if first else 0) for r in RESULT.finditer(s))
        for q in QUANTITY.finditer(s):
            if offset + q.start() < acted_at and not is_result:
                continue
            if offset + q.end() <= scene_until:
                continue
            # A run after the actions is judged by what ran ("he'd had eight collections in a row"
            # is a result, "his bin wasnt emptied 3 wks runnin" is not), not by the words before.
            run = IN_A_ROW.search(s, q.start(), q.end()) is not None
            # Money given back under a law is still money given: "refunded her £25 under the Consumer
            # Rights Act 2015" (the law's name after it makes a period a right, not a sum a result).
            given = MONEY_GIVEN.search(s, max(0, q.start() - MONEY_GIVEN_REACH), q.start()) is not None
            # Money the learner gave is a result even after the law it was given under: "Under the
            # Consumer Rights Act 2015 I gave her a full refund of £25".
            gave = given and bool(LEARNER_GAVE.search(s, max(0, q.start() - MONEY_GIVEN_REACH), q.start()))
            if not run and ((NOT_A_RESULT.search(_before(s, q.start())) and not gave)
                            or (AFTER.match(s[q.end() :]) and not given)):
                continue
            if _said_as_no_result(s, q.start()):
                continue
            if AIMED_AFTER.match(s, q.end()) and not TARGET_REACHED.search(_before(s, q.start())):
                continue
            if _when_someone_acted(s, q.start(), q.end()) or _how_long_it_ran(s, q.start(), q.end()):
                continue
            if _aimed(s, q.start()) or SCALE.match(s, q.start()):
                continue
            if not is_result and _in_action(s, q.start(), q.end()):
                continue
            if USED_IN_ACTION.search(s, max(0, q.start() - USED_REACH), q.start()):
                continue
            if RHYTHM.match(s, q.start()) and _in_own_clause(s, q.start(), q.end()):
                continue
            if not is_result and _in_the_scene(text, s, offset + q.start()):
                continue
            return offset + q.start(), offset + q.end()
        offset += len(s)
    return None


# Where the scene can still be told: a figure in the first SCENE_SHARE of the answer, in a sentence
# with no result words that is not the answer's last, is how things stood ("our abandoned call rate
# was eighteen percent", "she owed £720", "waited with him for ten minutes"), unless it is said as a
# change ("down to 3", "2 days instead of 10", "b4 it 18%, after it 6%").
SCENE_SHARE = 0.6
REACHED = re.compile(
    r"\b(down|up|fell|dropped|rose|cut|reduced|came down|went up|went down|brought it down) "
    r"(to|by) (about |around |just |only |under |below )?(\d|" + COUNT_WORD + r")|"
    r"\b(after|since) (it|that|then|the change)\b",
    re.I,
)

# Money the learner gave back is what the actions achieved wherever it is said: "refunded £120",
# "paid the Guaranteed Standards Scheme payment of £50" (the labelling rule: "money refunded").
MONEY_GIVEN = re.compile(
    r"\b(refunded|reimbursed|credited|compensated|paid (her|him|them|the customer|back|out)?|"
    r"(refund|payment|credit|compensation|goodwill gesture) of)\b[^,;:.!?\n]{0,40}$",
    re.I,
)
MONEY_GIVEN_REACH = 60
LEARNER_GAVE = re.compile(
    r"\b(i|we)\s+(\w+\s+)?(gave|refunded|credited|paid|reimbursed|processed|issued|put through)\b"
    r"[^,;:.!?\n]{0,40}$",
    re.I,
)


def _in_the_scene(text: str, sentence: str, at: int) -> bool:
    """Whether a figure at ``at`` in ``text``, outside a result sentence, is the scene: early enough
    (`SCENE_SHARE`), not in the answer's last sentence, not money given back (`MONEY_GIVEN`), and in
    a sentence that says no change (`MOVED_FROM_TO`, `MOVED`, `REACHED`)."""
    if text.rstrip().endswith(sentence.strip()):
        return False  # the answer's last sentence is where a result is told
    if at >= SCENE_SHARE * len(text) or MONEY_GIVEN.search(text, max(0, at - MONEY_GIVEN_REACH), at):
        return False
    return not (MOVED_FROM_TO.search(sentence) or MOVED.search(sentence) or REACHED.search(sentence))


# "Next day" or "same day" as when someone got in touch, or as a kind of service, is no result:
# "chased it next day", "her mam rang in the next day", "sent the acknowledgement the next day",
# "by next day courier", "offer them the next day's sailing". What came then is: "it arrived the
# next day", "she moved in the next day", "a swap for next day".
DAY = re.compile(r"(same|next)\W+(day|morning|afternoon|evening)$", re.I)
# Getting in touch, and coming back in person: shared by the checks below.
_GETS_IN_TOUCH = (
    r"chased|chase|rang|ring|rung|called|phoned|emailed|texted|messaged|wrote|replied|"
    r"followed (it |her |him |them )?up"
)
_CAME_BACK = r"(came|come|popped|went) (back|in|round)"
GOT_IN_TOUCH = re.compile(rf"\b({_GETS_IN_TOUCH}|sent)\b(\W+\w+){{0,3}}?\W+(the\W+)?$", re.I)
# A time said as how long after: "3 days after", "a week later", "two weeks on" (not "after the
# call", which starts a clause).
LATER = re.compile(
    r"(\s*[\w-]+)?\s+(later|after|afterwards|on)\b(?!\s+(the|that|this|it|we|i|she|he|they)\b)", re.I
)
# Getting in touch, in the clause before it.
CONTACT = re.compile(
    rf"\b({_GETS_IN_TOUCH}|{_CAME_BACK}|(got|wrote) (back|in|round)|checked|check|(got|get) in touch)\b", re.I
)
# ... or came back in person: "his daughter came in next day to thank us" (not "it came the next day").
CAME_IN = re.compile(rf"\b{_CAME_BACK}( (in|to see us|to us))?\W+(the\W+)?$", re.I)
CONTACT_BREAK = re.compile(r"[,;:]|\b(and|so|then|but)\b", re.I)
DAY_KIND = re.compile(r"^(['’]s\b|[\s-]+(courier|delivery|service|post)\b)", re.I)


# ... and the same for what a process does every time, in the present: "the card order goes out
# the same afternoon" (not "got a nurse out that same afternoon").
GOES_EVERY_TIME = re.compile(
    r"\b(goes|go|comes|happens|runs|arrives|is sent|are sent|gets sent)\b"
    r"(\W+\w+){0,2}?\W+(the\W+|that\W+)?$",
    re.I,
)


# A deadline given to someone else, in the same clause: "asked the team leader to call her back
# within two days" is what was asked for, not what came of it.
ASKED_TO = re.compile(r"\basked (\w+ ){1,4}to \w+(?:(?!\b(?:and|so|then)\b)[^,;:.!?])*$", re.I)
ASKED_REACH = 90
# What an agreement or a promise says, in the figure's own clause: "our SLA is that all emails get
# answered in 24 hours", "an SLA with the engineers to get back to us in 48 hours", "the customer
# promise says a callback within the hour". Not a promise said as kept: "we hit the SLA 98% of the
# time", "the SLA was met for 95% of faults".
PROMISED = re.compile(
    r"\b(sla|slas|s l a|service level agreements?|promise|pledge|charter|guarantee)\b"
    r"(?![^,;:.!?\n]*\b(hit|hitting|met|meet|meeting|beat|beating|achieved|reached|kept|missed|breached|"
    r"was|were|went|got|now|since|after|before)\b)[^,;:.!?\n]{0,80}$",
    re.I,
)
PROMISED_REACH = 100
# ... and kept or missed, said before it: "we hit the SLA 98% of the time", "within SLA".
KEPT_BEFORE = re.compile(
    r"\b(hit|hitting|met|meeting|beat|beating|achieved|kept|keeping|missed|breached|within|inside|outside)"
    r"( (the|our|their|its|that|this|my))?\s*$",
    re.I,
)
BOOKED_FOR = re.compile(r"\bfor\W+(the\W+)?$", re.I)


def _when_someone_acted(sentence: str, start: int, end: int) -> bool:
    """Whether "next day" / "same afternoon" tells when someone got in touch, what kind of service
    it was, when a process runs every time or what time was booked (`GOT_IN_TOUCH`, `DAY_KIND`,
    `GOES_EVERY_TIME`, `BOOKED_FOR`), not when something came about; and whether "3 days after" /
    "a week later" tells when someone got in touch (`LATER`, `CONTACT`)."""
    before = sentence[max(0, start - 50) : start]
    later = LATER.match(sentence, end)
    if later and TIME_UNIT.search(sentence, start, later.end()):
        # "rang her 3 days after to check", "she emailed in a week later to say thanks": when someone
        # got in touch, not what was achieved ("it was fixed 3 days later" is a time taken).
        clause = sentence[max(0, start - 50) : end]
        breaks = list(CONTACT_BREAK.finditer(clause))
        return CONTACT.search(clause, breaks[-1].end() if breaks else 0) is not None
    if not DAY.search(sentence, start, end):
        return False
    if BOOKED_FOR.search(before) and not sentence[start:end].lower().endswith("day"):
        # A time booked for, part of a day: "arranged a swap for the next morning".
        return True
    return bool(
        DAY_KIND.match(sentence[end:]) or GOT_IN_TOUCH.search(before) or GOES_EVERY_TIME.search(before)
        or CAME_IN.search(before)
    )


# How long a contact or a problem ran, right before the figure, is no result: "I took twenty-two
# minutes on that call", "the call lasted 25 minutes", "his broadband kept dropping for like two
# months", "over about six weeks I noticed"; nor a run of things going wrong after it ("bin not emptied 3 wks
# runnin", "lost marks two visits running"). "It took me two days to get her refund" and "fixed
# in 2 days" are what the actions achieved.
RAN_FOR = re.compile(
    r"(\b(i|we) (took|spent)|\b(call|chat|conversation|meeting|visit|session|huddle|briefing)s? "
    r"(lasted|took|ran)( for)?|\bon the (phone|call|line) for)"
    r"( (about|around|like|roughly|nearly|almost|just|only|over))?\s*$",
    re.I,
)
# ... and a rough length of something going wrong: "kept dropping for like two months" (not "he's
# been in every week since for about three months").
ROUGHLY_FOR = re.compile(r"\b(for|over) (like|about|around|roughly|nearly|almost|well over)\s*$", re.I)
IN_A_ROW = re.compile(r"(^|(?<=\s))\s*(runn?in[g'’]?|in a row|on the trot)\b", re.I)
# ... a run of something going wrong, that is: "he's been back every week, eight weeks running" is
# a result.
WENT_WRONG = re.compile(
    r"\b(not|no|never|hardly|barely|\w+n'?t|wasnt|werent|didnt|hadnt|couldnt|isnt|arent|dont|doesnt|lost|missed|"
    r"failed|late|down|broken|dropp\w*|complain\w*|wrong)\b",
    re.I,
)


def _how_long_it_ran(sentence: str, start: int, end: int) -> bool:
    """Whether a time is how long a contact or a problem ran (`RAN_FOR`, `IN_A_ROW`), and not set
    against what it used to be ("the call took 6 minutes instead of the usual 20" is a change)."""
    if SET_AGAINST.match(sentence, end):
        return False
    if IN_A_ROW.match(sentence[end:]) or IN_A_ROW.search(sentence, start, end):
        return _went_wrong(sentence[max(0, start - 60) : start])
    if not TIME_UNIT.search(sentence, start, end + 8):
        return False
    before = sentence[max(0, start - 40) : start]
    if RAN_FOR.search(before):
        return True
    return bool(ROUGHLY_FOR.search(before)) and _went_wrong(sentence[max(0, start - 60) : start])


SET_AGAINST = re.compile(
    r"\s*(instead of|rather than|compared (to|with)|down from|against the usual)\b", re.I
)


def _went_wrong(before: str) -> bool:
    """Whether the clause running up to a figure tells of something going wrong (`WENT_WRONG`)."""
    breaks = list(CLAUSE_BREAK.finditer(before))
    return bool(WENT_WRONG.search(before, breaks[-1].end() if breaks else 0))


ACTION_REACH = 60  # characters from a learner's action back from a figure in the same clause
# What ends the clause of an action before a figure: a comma, "and", "so", "then", "which".
CLAUSE_BREAK = re.compile(r"[,;:]|\b(and|so|then|which|but|until|till|after|before|when|by)\b", re.I)
# A length said as the size of a thing, or how long something ran: "a five minute slot", "a
# four-week pilot", "for two weeks"; not when something came ("for next day", "the same day").
ACTION_LENGTH = re.compile(r"\b(a|an|for|over)\s+$", re.I)
WHEN = re.compile(r"(next|same|following|that|the)\b", re.I)
TIME_UNIT = re.compile(r"\b(sec|secs|seconds?|mins?|minutes?|hrs?|hours?|days?|wks?|weeks?|months?)\b", re.I)


def _in_action(sentence: str, start: int, end: int) -> bool:
    """Whether a figure is the length of the learner's own action, in that action's clause, not
    what the action achieved: "I did a five minute slot at the depot briefing", "ran a four-week
    pilot with three advisers". A time the case took ("fixed in two days"), when a thing came
    ("a swap for next day") and a change ("cut it to 2 days") are left alone."""
    if not ACTION_LENGTH.search(sentence[max(0, start - 8) : start]) or not TIME_UNIT.search(
        sentence, start, end + 8
    ):
        return False
    if WHEN.match(sentence, start):
        return False
    return _in_own_clause(sentence, start, end)


def _in_own_clause(sentence: str, start: int, end: int) -> bool:
    """Whether a figure is in the clause of one of the learner's own actions, said as no change."""
    for m in ACTION.finditer(sentence, max(0, start - ACTION_REACH), start):
        between = sentence[m.end() : start]
        if not CLAUSE_BREAK.search(between) and not CHANGE.search(sentence, m.start(), end + 20):
            return True
    return False


# How often something is done (`RHYTHM_WORDS`). In the clause of the learner's own action it is that
# action's rhythm ("did a spot check with the checklist once a week"), not what it achieved
# ("complaints fell to once a week" is).
RHYTHM = re.compile(RHYTHM_WORDS, re.I)


MONTH_WORDS = (
    "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|"
    "oct|october|nov|november|dec|december"
)
# A figure said as how things stood, before anything was done: "our score was 3.8", "only 61
# percent", "sat at 71%". Read only before the result's figure (`_change_span`).
STOOD_AT = re.compile(
    r"\b(was|were|is|are|stood at|sat at|at|only|of|had|got|dropped to|fell to|down to|around|about|"
    r"roughly|like)\s+\d[\d.,]*\s*(%|per ?cent|percent|out of \d+|/\s?\d+)?|"
    # A count in a month: "'parcel not received' was top, 41 in feb".
    rf"\b\d[\d,]*\s+in\s+({MONTH_WORDS})\b",
    re.I,
)


# A rating scale, not a change: "score from 0 to 10 how likely they are to recommend us".
SCALE = re.compile(r"(?:\w+\s+)?from (?:0|1|zero|one) to (?:5|10|100|five|ten|a hundred)\b", re.I)


# A figure moved, both ends or the size of the move (not a figure said alone: "91 percent of calls").
MOVED_FROM_TO = alternation(_MOVED, re.I)
# A figure moved, said the other way round: "17, down from 58", "a 71% fall", "from like forty a
# month to about twelve".
MOVED = alternation(
    rf"\b(down|up) from (about |around |like )?(\d|{COUNT_WORD})|\b\d+\s?(%|per ?cent) "
    rf"(fall|drop|rise|increase|reduction|cut|improvement)\b|"
    rf"\bfrom (about |around |like |roughly )?({COUNT_WORD}|\d[\d.,]*)\b[^.!?\n]{{0,25}}?\bto "
    rf"(about |around |like |roughly |just )?({COUNT_WORD}|\d)",
    re.I,
)


def _figure_kind(words: str) -> str:
    """What a figure measures, roughly: a percentage, a score out of something, money, a time, a
    decimal score or a count. A before and an after figure are a change only of the same kind."""
    if re.search(r"%|per ?cent", words, re.I):
        return "percent"
    if re.search(r"\bout of\b|\d\s?/\s?\d", words, re.I):
        return "out of"
    if re.search(r"[£$€]|\b(pounds?|quid|p)\b", words, re.I):
        return "money"
    if re.search(r"\b(sec|secs|seconds?|mins?|minutes?|hrs?|hours?|days?|wks?|weeks?)\b", words, re.I):
        return "time"
    if re.search(r"\d\.\d", words):
        return "score"
    return "count"


def _changes(text: str) -> Iterator[Span]:
    """Each measured change: a figure moved ("from 14 to 6 minutes", "down 30%", "halved"), or a
    result's figure with a figure of the same kind before it ("our score was 3.8 ... since the
    change it is 4.6 out of 5"). For points that ask for the figures before and after, a fall, or
    an improvement: the after figure alone is not enough (the labelling rule)."""
    for m in MOVED_FROM_TO.finditer(text):
        if _aimed(text, m.start()):
            continue
        after = text[m.end() :]
        if NOT_A_RESULT.search(_before(text, m.start())) or PERIOD.match(after) or OWED.match(after):
            continue
        yield m.span()
    for m in MOVED.finditer(text):
        if not _aimed(text, m.start()):
            yield m.span()
    result = _measurable_span(text)
    if result is None:
        return
    # Two figures of one kind, the later one in the result: "before: 22% ... after: 9%".
    figures = sorted(
        (q.start(), q.end(), _figure_kind(text[q.start() : q.end() + 15]))
        for q in [*QUANTITY.finditer(text), *STOOD_AT.finditer(text)]
        if not _aimed(text, q.start())
    )
    # The later figure reaches into the result; the earlier one ends before it starts (one figure
    # read by two patterns, "like 91 percent" and "91 percent", is one figure).
    for start, end, kind in figures:
        if end > result[0] and any(k == kind and e <= start for _, e, k in figures):
            yield result
            return


CAUSAL = frozenset({"because", "cos", "coz", "'cause", "as", "since"})
STATE_REACH = 100  # characters before a causal word read for the customer's state
# Words just before a "because" that show it explains the customer's state, not the learner's choice.
_STATES = (
    r"angry|upset|unhappy|annoyed|frustrated|cross|worried|confused|distressed|shouting|furious|"
    r"disappointed|stressed|crying|fuming|raging|livid|panicking|scared|anxious"
)
# People a learner's story is about, said as "a (wee/young/older) woman ...".
_PERSON = (
    r"(a|an|the|this|one) (\w+ )?(woman|man|lady|gentleman|fella|lad|girl|guy|tenant|resident|patient|"
    r"guest|passenger|mum|dad|student|member|caller|customer|cx)"
)
CUSTOMER_STATE = re.compile(
    rf"\b({_STATES}|complain\w*|rang|called|phoned|contacted|emailed|"
    r"wrote in|came in|report(ed)? us|late)\W+(\w+\W+){0,4}$|"
    # What the customer asked for, and why they wanted it: "a landlord rang asking for his old
    # tenant's forwarding address because she owed him rent", "rang wanting to leave because her
    # signal was bad".
    r"(?<!\bi )(?<!\bwe )\b(asking|asked|wanting|wanted|requesting|requested|demanding|demanded) "
    r"(for|to) (\w+\W+){0,8}$|"
    # ... and what the customer wanted, said as a thing: "he wanted a new phone cos his old one was
    # slow", "wanting to cancel there and then cause he was moving".
    r"\b(he|she|they|customer|cx|guest|tenant|resident|passenger|patient|member|caller|lady|man|woman|"
    r"fella|guy|gentleman|mum|dad)\s+((in|from|at) \w+\s+)?(wanted|wants|wanting|needed|needs|was after) "
    r"(a|an|his|her|their|"
    r"the|some|new|to) (\w+\W+){0,6}$|"
    # What happened to the customer, and how it came about: "a wee woman w a walkin frame missed
    # her connection cos the first bus was late", "she was in bits bc it was pics of her mum".
    rf"\b(she|he|they|she'?d|he'?d|they'?d|cx|the customer|a customer|{_PERSON})\s+(\w+\s+){{0,4}}?"
    r"(missed|lost|broke|fell|forgot|cancelled|brought|bought|ordered|(was|were|got) in (bits|tears|a state)|"
    # ... or how long they were kept waiting: "they'd waited like fifty minutes for their mains
    # because the kitchen printer jammed".
    r"waited|(been|were|was) waiting|queued)"
    r"\W+(\w+\W+){0,8}$",
    re.I,
)
# A reason someone else gave, reported: "She said we could do it because the lady had a hospital
# letter" is the supervisor's reason, not the learner's (the labelling rule: what the learner did).
SOMEONE_ELSES = re.compile(
    r"\b(she|he|they|(my|the|our) (manager|supervisor|team leader|tl|boss|colleague|mgr))\s+"
    r"(said|says|told (me|us|her|him|them)|explained|decided)\b(?:(?!\bi\b)[^.!?;]){0,60}$",
    re.I,
)
# ... and a "so" that leads to the customer's state explains the situation too: "the charge is £15
# a kilo, so he was angry".
STATE_AFTER_SO = re.compile(
    rf"\W*so\s+(he|she|they|the customer|the \w+|hes|shes|theyre)\s+(was|were|got|felt|became|is|are)"
    rf"\s+(\w+\s+){{0,2}}?({_STATES})\b",
    re.I,
)


# A question of why, asked by the learner of the case ("so why wasn't it fixed?", "Why vague?"),
# and the sentence after it that answers it, not with the learner's next step ("Why? I asked").
WHY_ASKED = re.compile(r"\bwhy\b[^.!?\n]{0,60}\?\s*$", re.I)
WHY_ANSWERED = re.compile(r"\s*(?!(?:i|we|so i|so we|then i|then we)\b)(\w+)", re.I)


def _reasoning_spans(text: str) -> list[Span]:
    """The learner says why: a reason or purpose for what they did, or why a rule applied.

    "He was angry because his order was late" explains the situation, not a choice, so a causal
    word right after the customer's state or contact does not count."""
    out: list[Span] = []
    offset = 0
    asked = False
    for s in sentences(text):
        offset = text.find(s, offset)
        found = False
        if asked and (first := WHY_ANSWERED.match(s)) is not None:
            # A why asked and answered, as in five whys: "Why the wrong part? The job notes were
            # vague." The answer's first word is the cue; its substance is read after it.
            out.append((offset + first.start(1), offset + first.end(1)))
            found = True
        asked = WHY_ASKED.search(s) is not None
        for m in REASONING.finditer(s):
            # The state is at most four words before the cue: read only that far back.
            before = s[max(0, m.start() - STATE_REACH) : m.start()]
            if m.group(0).split()[0].lower() in CAUSAL and CUSTOMER_STATE.search(before):
                continue
            if m.group(0).split()[0].lower() in CAUSAL and SOMEONE_ELSES.search(s, 0, m.start()):
                continue
            so = s.find("so", m.start(), m.end())
            if so != -1 and STATE_AFTER_SO.match(s, so):
                continue
            out.append((offset + m.start(), offset + m.end()))
            found = True
        if not found and (span := _consequence_span(s)) is not None:
            out.append((offset + span[0], offset + span[1]))
        offset += len(s)
    return out


# A modal in what someone said is their words, not a consequence weighed: "he said thanks and that
# he'd come back to us", "she told me she'd ring back".
SAID_THAT = re.compile(
    r"\b(said|says|told (me|us|him|her|them)|promised|replied)( thanks| thank you)?( and)?( that)?\s+"
    r"(\w+\s+)?$",
    re.I,
)


def _consequence_span(sentence: str) -> Span | None:
    """A consequence weighed in one sentence: a harm (cues.HARM) said after a modal ("someone
    overhearing could use it against him") or after the comma that closes a condition ("if the
    alarm goes, a guest ... is in danger"), to someone (cues.AFFECTED), and not the learner's own
    hypothetical step. A harm inside the condition ("if the customer complains, give them
    whatever") is the rule's trigger, not a consequence. The span is the modal or condition word,
    so its substance is read in the words after it."""
    if OWN_HYPOTHETICAL.search(sentence) or not AFFECTED.search(sentence):
        return None
    cues: list[tuple[Span, int]] = [
        (m.span(), m.end()) for m in MODAL.finditer(sentence)
        if not SAID_THAT.search(sentence, max(0, m.start() - 25), m.start())
    ]
    for m in CONDITION.finditer(sentence):
        comma = sentence.find(",", m.end())
        if comma != -1:
            cues.append((m.span(), comma))
    for span, after in sorted(cues):
        if HARM.search(sentence, after):
            return span
    return None


def _escalation_span(text: str) -> Span | None:
    return _span(ESCALATION.search(text))


# --- what the engine calls: the cues read the answer as ``spoken.for_cues`` writes it, and every
# span is mapped back to the learner's own words.


# The engine reads one answer five ways in a row; a few entries are enough.
@lru_cache(maxsize=4)
def cue_text(text: str) -> Written:
    """``spoken.for_cues(text)``, kept for the few reads of one answer in a row."""
    return for_cues(text)


def _back(w: Written, span: Span | None) -> Span | None:
    return None if span is None else w.span(*span)


def star_spans(text: str) -> dict[str, Span | None]:
    """Where each STAR part was heard (the cue's words), or None."""
    w = cue_text(text)
    return {part: _back(w, span) for part, span in _star_spans(w.text).items()}


def measurable_span(text: str) -> Span | None:
    w = cue_text(text)
    return _back(w, _measurable_span(w.text))


def change_spans(text: str) -> list[Span]:
    """Every measured change in the answer (`_changes`), in the order found."""
    w = cue_text(text)
    return [w.span(*span) for span in dict.fromkeys(_changes(w.text))]


def reasoning_spans(text: str) -> list[Span]:
    w = cue_text(text)
    return [w.span(*span) for span in _reasoning_spans(w.text)]


def escalation_span(text: str) -> Span | None:
    w = cue_text(text)
    return _back(w, _escalation_span(w.text))


def result_start(text: str) -> int:
    """Where the result part begins in the learner's words (see `_result_start`)."""
    w = cue_text(text)
    at = _result_start(w.text)
    return len(text) if at >= len(w.text) else w.span(at, at + 1)[0]
