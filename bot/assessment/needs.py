"""What a marking point needs, checked with the words that met it.

A point is met when every one of its needs is met (``content.models.Need``). A need collects hits
from its sources (concepts, named catalogue entries, a kind of entry, a structural signal) and
counts the distinct ones: "the IT team ... finance" is two teams, "the IT team ... IT" one.
Points written without needs get the needs their check implies, so every point is judged, and
quoted, the same way.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import takewhile

from bot.assessment.concepts import FUNCTION_WORDS, ConceptIndex, Word, excerpt, stem, words
from bot.assessment.cues import ACTION
from bot.assessment.structure import cue_text
from bot.assessment.types import WHY_MISSING, Flag, Found, Quote
from bot.assessment.wording import the
from content import nations
from content.loader import Content
from content.models import Check, Kind, MarkingPoint, Need

Span = tuple[int, int]

# What the coach says it could not find, for needs with no concept to say it.
KIND_MISSING = {
    Kind.LEGISLATION: "the name of the law that applied (the Act and its year)",
    Kind.POLICY: "the name of the policy or procedure you followed",
    Kind.REGULATOR: "the name of the regulator or ombudsman",
    Kind.STANDARD: "the name of the standard, model or measure you used",
}
# Added to what is missing when the model was named but not put to work on this occasion.
NAMED_ONLY = " put to work on this occasion (you named it; say what you did with it)"
SIGNAL_MISSING = {
    "situation": "the situation: one real customer or occasion",
    "task": "your task: what you had to do or decide",
    "action": "what you did yourself",
    "result": "the result: how it ended for the customer",
    "star": "a whole example: the situation, your task, what you did and how it ended",
    "measurable": "a result with a figure in it (a number, a time, a rating or money)",
    "change": "the figure before and the figure after, so the change can be measured",
    "reasoning": WHY_MISSING,
    "escalation": "who you passed it to, or whose approval you asked for, when it went beyond you",
}


# A reason made only of these is conformity ("because of data protection", "as it's mandatory").
CONFORMITY = frozenset(
    stem(w)
    for w in (
        "law", "laws", "legal", "legally", "legislation", "rule", "rules", "policy", "policies",
        "procedure", "procedures", "process", "mandatory", "compulsory", "required", "requirement",
        "regulation", "regulations", "data", "protection", "gdpr", "confidential", "confidentiality",
        "compliance", "comply", "compliant", "allowed", "supposed", "standard", "standards", "obliged",
        "anyway",
        # Words that say a reason exists without giving it ("it's important", "it's all connected").
        # Compared by stem, so not "reason" ("reasonable adjustment") nor "right" ("her rights").
        "important", "matters", "matter", "connected", "necessary", "essential", "vital", "proper",
        "properly", "correct", "best", "good", "thing",
        # Where the rule is written or who set it: "cos its in our chat guide", "a requirement from
        # the chief executive".
        "guide", "guidance", "guidelines", "handbook", "manual", "requirement", "requirements",
        "instructed", "chief", "executive",
        # Whose job it is in general: "because safeguarding is everyone's responsibility".
        "responsibility", "responsibilities", "duty", "duties", "obligation", "obligations",
    )
)
# Keeping to the rules, compared by the word as written: "to make sure we are following
# regulations", not "follow" ("anyone could follow her up" is a reason).
CONFORMITY_FORMS = frozenset({"following", "adhere", "adhering", "regs"})
# "..., so I made a card" is the next step. "It's there so we know", "that's so we don't sell to
# under 18s" are a purpose: the thing is there *so that*.
NEXT_STEP = re.compile(
    r"(?!(?:there|thats|that's|that’s|is|are|was|were|exists?)\s+so\b)[\w')]*,?\s*so\s+(i|we)\b"
    # ... nor is what the facts before it ruled out: "order was in her name so i couldnt talk
    # about it with him".
    r"(?!\s+(couldn'?t|couldnt|can'?t|cant|cannot|wasn'?t allowed|wasnt allowed|wasn'?t able|"
    r"weren'?t allowed|werent allowed)\b)"
    # ... nor a purpose said with what would or would not come of it: "we do that so we don't tell
    # the results to the wrong person", "so we wouldn't lose her", "so we'd know" ("so that").
    r"(?!\s+(don'?t|dont|do not|won'?t|wont|wouldn'?t|wouldnt|would|never|didn'?t have to|don'?t have to)\b)"
    r"(?!['’]d\b)"
    # ... nor how things then stood: "ppl were walking out so we were losing the sale", "that's
    # under the DDA so we're not allowed to charge him".
    r"(?!\s+(were|was|are|is|am|['’]re|['’]m)\s+(\w+ing|going to|gonna)\b)"
    r"(?!['’](re|m) not\b)",
    re.I,
)
# What makes the words before "..., so I" a reason rather than the event that set it off: a
# consequence weighed ("would have meant", "could have been"), what can or cannot be in general
# ("everyone can read it", "I can't change it"), a comparison or a judgement of enough.
STANCE = re.compile(
    r"\b(would|wouldn'?t|wouldnt|can|can'?t|cannot|cant|(could|might|couldn'?t|couldnt)( not)? "
    r"(have|of|be|'ve)|unlike|enough|plenty|means|meant|entitled|(a|the) (right|duty) to|"
    # ... or more than the case can bear: "calls cost too much", "the wait was too long".
    r"too (much|many|long|expensive|dear|hard|far|late|slow|small|big)|"
    # What the case counts as in law or rule: "her anxiety counts as a disability, so we had to".
    r"(counts|counted|count|classed|classes|qualifies|qualified) as|"
    # What a named law or rule obliged: "under the Equality Act we had to make an adjustment".
    r"under\b[^,;.]{2,60}?\b(had to|have to|has to|must|needed to|need to|were required|are required))\b",
    re.I,
)
# A customer's feelings before "so I" are the situation, not the learner's reason.
FEELINGS = frozenset(
    {"angry", "upset", "unhappy", "annoyed", "frustrated", "cross", "worried", "confused", "furious",
     "disappointed", "stressed", "crying", "happy", "pleased", "scared", "nervous", "anxious", "fuming"}
)
# Where the words read back from "so" stop: the clause before an earlier "so", "then" or "and" is
# its own (a spoken run-on is one sentence: "I ask for the password and if they can't I can't go
# on and he didn't know it, so I" gives no reason for this "so"), and at most REASON_REACH words.
REASON_STOPS = frozenset({"so", "then", "because", "cos", "and"})
# Who or what an effect happens to after "so", in "X, so Y" (`Findings.cause_before`): customers,
# things and "it", not the learner, a boss or a colleague taking the next step.
EFFECT_SUBJECTS = frozenset(
    {"cx", "customer", "customers", "people", "ppl", "tenants", "guests", "residents", "callers", "members",
     "passengers", "patients", "they", "it", "its", "the", "complaints", "calls"}
)
SPOKEN_FILLERS = frozenset({"um", "uh", "er", "erm", "like", "basically"})
REASON_REACH = 25
# What is done every time, not on one occasion: a clause with "I" or "we", a word of habit and no
# verb in the past ("I follow the complaint handling cycle on every complaint", "we always use
# HEAT"); "we used PDCA every month" and "our statement says every guest ..." are no such habit.
HABIT = frozenset({"every", "always", "whenever", "usually", "normally", "routinely"})
FIRST_PERSON = frozenset({"i", "we"})
PAST = frozenset(
    {"was", "were", "had", "did", "went", "got", "took", "made", "put", "kept", "ran", "rang", "told",
     "gave", "found", "sent", "said", "paid", "left", "saw", "came", "brought", "thought", "felt",
     "spoke", "wrote", "set", "led", "sat", "met"}
)


def habit(clause: list[Word]) -> bool:
    """Whether a clause says what the learner does in general (`HABIT`), not what they did."""
    lows = {w.low for w in clause}
    return bool(
        lows & HABIT and lows & FIRST_PERSON
        and not any(w.low in PAST or (w.low.endswith("ed") and len(w.low) > 4) for w in clause)
    )

# Words any answer to any prompt can say without saying anything particular: praise and blame in
# general ("positive", "strong", "fair"), manner ("appropriately", "correctly", "throughout"),
# management talk ("ownership", "holistic", "proactive") and the names of the parts of an answer
# ("outcome", "result", "situation"). They are never the substance of a mention: "I negotiated an
# outcome that both sides could accept" says nothing of what was agreed. Compared by stem, so no
# word whose stem is also a word of substance ("needs" / "needed", "rights", "line", "issued").
BOILERPLATE = frozenset(
    stem(w)
    for w in (
        "positive", "positively", "negative", "negatively", "strong", "fair", "fairly", "unfair",
        "appropriate", "appropriately", "relevant", "correct", "correctly", "accurate", "accurately",
        "effective", "effectively", "efficient", "efficiently", "professional", "professionally",
        "proactive", "proactively", "excellent", "genuine", "genuinely", "throughout", "accordance",
        "holistic", "ownership", "outcome", "outcomes", "result", "results", "situation", "situations",
        "measurable", "experience", "expectations", "difference", "priority", "ensure", "ensuring",
        "ensured", "approach", "manner", "aspect", "aspects", "necessary", "deserve", "deserves",
        "business", "organisation", "organization", "company", "everyone", "both", "sides", "multiple",
        "various", "overall", "whole", "quality", "recognised", "recognized", "practice", "practices",
        # Light verbs carry what follows them, not a thing of their own: "I took ownership and I
        # followed up" says no more than "ownership" and "followed up".
        "take", "took", "taken", "taking", "keep", "kept", "keeping",
        # Business filler that names no particular: "engaged all the key stakeholders from the
        # start", "communicated the change through the right channels so it was fully embedded".
        "key", "stakeholder", "stakeholders", "engage", "engaged", "engaging", "embed", "embedded",
        "fully", "channels", "continuously", "continuous", "collaboratively",
        "collaborative", "joined", "centric", "seamless", "seamlessly", "robust", "best",
        "going", "forward", "start", "always", "every", "all",
        # Report-writing verbs and nouns that name no particular: "I identified a negative trend in
        # the data, fed it back and implemented an action plan". Not "shows", "place", "address",
        # "understand", "improved" or "data": their stems are words of substance too ("showed her
        # the app", "asked for her data"); `STOCK_PHRASES` takes them in their stock phrases.
        "identified", "identify", "implemented", "implement", "insight", "insights", "analyse",
        "analysed", "analyze", "analyzed", "analysis", "fed", "demonstrates", "demonstrate",
        "ability", "structured", "framework", "rationale", "critically", "consistently", "consistent",
        "win", "wins", "win-win",
        # Praise and weight given without a particular: "there would have been serious consequences",
        # "I evaluated it thoroughly", "it was a real success", "I'm very aware that" (not "clear" nor
        # "clearly": "cleared the backlog" shares their stem).
        "serious", "seriously", "thorough", "thoroughly", "success", "successful",
        "successfully", "aware", "awareness", "importance",
    )
)
# Stock phrases of report writing, whose words name no particular even where the same words
# alone would ("put actions in place to address it", "this shows my ability to", "I spotted a
# trend"): never words of the answer's own (`Findings._own`).
STOCK_PHRASES = re.compile(
    r"\b(?:put|putting|puts|have|had|got)\s+(?:\w+\s+){0,3}?in place\b|"
    r"\bto address (?:it|this|that|them|these|those|the (?:\w+ )?(?:issues?|problems?|concerns?|gaps?))\b|"
    r"\b(?:this|which|that|it) (?:shows|showed|demonstrates|demonstrated|proves|proved|highlights|"
    r"highlighted)\b(?: (?:that|how))?(?: (?:i|we|my|our|the))?"
    r"(?: (?:ability|skills?|understanding|understand|know|commitment|knowledge|competence|value|"
    r"importance))?|"
    r"\b(?:i|we) (?:spotted|noticed|saw|found|identified) (?:a|an|some|the) (?:\w+ )?(?:trends?|patterns?|"
    r"themes?|issues?|problems?)\b|"
    r"\b(?:in|from|through|at|analy[sz]ed?|analy[sz]ing|tracked|tracking|monitored|monitoring) the data\b|"
    # Where it went and how, in words that name nobody: "escalated it through the correct channel",
    # "passed it to the right people"; and management talk: "mapped the journey end to end", "to
    # drive continuous improvement", "a significant positive impact", "aligned to our brand values".
    r"\bthrough (?:the |our )?(?:correct|right|proper|appropriate|relevant|usual|normal|official) "
    r"(?:channels?|routes?|process|processes|people|person)\b|"
    r"\bto the (?:right|relevant|appropriate|correct) (?:people|person|team|department)\b|"
    r"\bend[- ]to[- ]end\b|\bdrive (?:continuous |real )?improvements?\b|"
    r"\b(?:a |an )?(?:significant|positive|real|big|huge|massive) (?:positive )?impact\b|"
    r"\balign(?:s|ed|ing)? (?:to|with) (?:our |the )?(?:brand |company |core )?values\b|"
    r"\b\w+[- ]centric mindset\b|"
    # ... and the stock endings and habits of a keyword answer: "resolved to the customer's
    # satisfaction", "we reached an agreement", "did a deep dive into the data", "play a key role",
    # "in line with procedure", "followed it to the letter", "works together as one".
    r"\bto (?:the (?:customer'?s?|customers'|client'?s?|resident'?s?)|their|his|her|everyone'?s) "
    r"(?:full |complete |total )?satisfaction\b|"
    r"\b(?:reached|came to|come to|reach) (?:an|a mutual|a fair) (?:agreement|resolution|compromise)\b|"
    r"\b(?:did|do|doing|done|carried out) (?:a|an) deep[- ]dive\b|"
    r"\bplays? (?:a|an) (?:key|vital|big|important|crucial|huge|major) (?:part|role)\b|"
    r"\bin line with (?:the |our )?(?:procedure|procedures|policy|policies|guidance|process)\b|"
    r"\bto the letter\b|\b(?:works?|worked|working) together as one\b|"
    r"\b(?:gave|give|giving|gives) (?:her|him|them|the team|my team|everyone) "
    r"(?:regular|constructive|ongoing|lots of|plenty of|some) feedback\b|"
    r"\bregular (?:coaching sessions?|one[- ]to[- ]ones?|1[- ]2[- ]1s?|catch[- ]ups?|check[- ]ins?|"
    r"feedback)\b|"
    r"\bset (?:her|him|them|us|my team|the team) smart (?:targets?|goals?|objectives?)\b|"
    r"\b(?:went|go|going|goes) (?:above and beyond|the extra mile)\b|"
    r"\bactive listening\b|"
    # A model's own words recited as what was done, with nothing done in them: "we planned it, did
    # it, checked it and acted on it", "it was specific, measurable, achievable, relevant and time
    # bound", "carried out a root cause analysis ... and identified the root cause", "the review
    # showed it was a success".
    r"\bplan(?:ned)?(?: it)?,? (?:then )?did it,? (?:then )?check(?:ed)? it,?(?: and| then)* "
    r"act(?:ed)? on it\b|"
    r"\bspecific,? measurable,? (?:achievable|attainable|agreed),? (?:relevant|realistic),? (?:and )?"
    r"time[- ]?(?:bound|bond|based|limited)\b|"
    r"\b(?:carried out|did|done|doing|used|using|conducted|ran|run|performed) (?:a |an |the |some )?"
    r"(?:full |proper |thorough )?root[- ]cause analysis\b|"
    r"\b(?:identified|found|established|got to|determined|pinpointed) (?:the|a) (?:real |underlying |main )?"
    r"root[- ]?causes?\b(?! (?:was|were|is|of)\b)|"
    r"\b(?:the |our )?(?:review|evaluation|check|results?) (?:showed|proved|found|confirmed) "
    r"(?:that )?(?:it|this|the change) (?:was|had been) (?:a )?(?:big |huge |real |great )?"
    r"(?:success|successful|improvement|effective|positive)\b|"
    # A model's dimensions recited in one breath: "reliability, assurance, tangibles, empathy and
    # responsiveness" (RATER) names them; applying two to the case is something else.
    r"\breliability,? (?:and )?assurance,? (?:and )?tangibles?,? (?:and )?empathy,? (?:and )?"
    r"responsiveness\b|"
    # A review said to have happened, with nothing it found: "we reviewed it as a team", "I
    # evaluated the change", "was found to be a success", "everyone agreed it was much better".
    r"\b(?:reviewed|evaluated|reviewing|evaluating) (?:it|the (?:change|changes|results|process|outcome))"
    r"(?: as a team| together)?\b|"
    r"\b(?:was|were|got|been) (?:reviewed|evaluated) by (?:senior |the |my |our )?"
    r"(?:management|managers?|team)\b|"
    r"\b(?:i|we) (?:always )?(?:evaluate|review) (?:changes|improvements|everything)\b|"
    r"\b(?:found|proved|deemed) to be (?:a )?(?:success|successful|effective)\b|"
    r"\beveryone (?:agreed|said|felt|thought) it was (?:much |a lot |way )?(?:better|a success|good)\b|"
    # Self-assessment and attitudes said as habits: "This shows I can find and apply guidance",
    # "I always act on my feedback to continuously improve", "I always stay calm and follow the
    # complaints procedure", "I make sure we always make reasonable adjustments".
    r"\b(?:this|which|that|it) (?:shows|showed|demonstrates|demonstrated|proves|proved) (?:that )?"
    r"(?:i|we) (?:can|could|am|was|know|understand|have|always)\b[^.!?\n]*|"
    r"\b(?:i|we) (?:always|never) (?:try to |aim to |make sure (?:i |we )?|strive to )?"
    r"(?:follow|act on|stay calm|remain|take ownership|treat|go above|deliver|exceed|keep the focus|"
    r"understand|adapt|personalise|personalize)\b[^,.;!?\n]*|"
    r"\bmake sure (?:i|we) always\b[^,.;!?\n]*|"
    r"\btook (?:full |complete )?ownership"
    r"(?: of (?:it|this|that|the (?:issue|situation|problem|complaint|case)))?\b|"
    r"\bwent (?:above and beyond|the extra mile)\b|"
    # Culture asserted, not shown: "our culture is very compliance focused", "a strong culture",
    # "compliance is part of our DNA", "everyone buys into the values", "it supports following the
    # rules".
    r"\bculture is (?:very |really |quite |so )?(?:strong|positive|good|great|open|healthy|"
    r"[\w]+[- ](?:centric|focused|led|driven))\b|"
    r"\b(?:a |our )?(?:very |really )?(?:strong|positive|good|great|healthy|open) culture\b|"
    r"\bpart of (?:our|the) dna\b|\b(?:buy|buys|bought) into (?:the|our|it)(?: (?:values|culture|vision))?\b|"
    r"\bstrong on compliance\b|\b(?:positive |good |strong )?compliance culture\b|"
    r"\bthe way (?:we|things) (?:do things|are done|get done) (?:round|around) here\b|"
    r"\b(?:shapes?|drives?) (?:our |people'?s |everyone'?s )?behaviou?rs?\b|"
    r"\bembedded (?:from the top down|across the (?:business|organisation))\b|\btop[- ]down\b|"
    # Management talk about data and customers: "took a data-driven approach", "the key themes and
    # pain points", "analysed the trends", "across all our services", "a customer-centric approach".
    r"\bdata[- ]driven(?: approach| decisions?)?\b|\bpain points?\b|"
    r"\b(?:analy[sz]ed?|analy[sz]ing|looked at|reviewed) (?:the |our )?(?:trends|themes)\b|"
    r"\bacross (?:all )?(?:of )?(?:our|the) (?:services|teams|channels|business|organisation)\b|"
    r"\b\w+[- ]centric approach\b|"
    r"\b(?:supports?|helps?) (?:us )?(?:with )?(?:following|follow|comply(?:ing)? with) (?:the )?"
    r"(?:rules|law|regulations)\b",
    re.I,
)
# Where the learner works, said to set the scene ("At the bank in Paisley", "in my role at the
# council contact centre in Leicester", "I work on the tills at a supermarket in Aberdeen"): the
# setting is no substance for an idea said beside it ("At the phone shop in Glasgow I always keep
# the focus on the customer's needs"), so it counts as one word of the answer's own however long it
# is (`Findings._own`, `Findings.hollow`); a name put to work keeps it whole, and a team named in it
# is still a team.
_WORKPLACE = (
    r"(?:the|our|my|a|an) (?:[\w'-]+ ){0,3}?(?:shop|store|bank|branch|office|centre|center|hub|desk|"
    r"caf[eé]|hotel|pub|bar|restaurant|council|practice|surgery|company|supplier|provider|society|"
    r"association|airline|airport|station|gym|salon|pharmacy|warehouse|site|helpline|tills|phones|"
    r"agency|trust)"
)
SETTING = re.compile(
    # Said as where the learner works ("I work on the tills at a supermarket", "in my role at ..."),
    rf"(?i:\b(?:i work|i'm|i am|working|in my role|my role is|based)\s+(?:[\w'-]+\s+){{0,3}}?"
    rf"(?:at|in|on|for) {_WORKPLACE})(?: (?i:in|at|on) [A-Z][\w'-]+)?|"
    # ... or as a workplace and its town ("At the bank in Paisley").
    rf"(?i:\b(?:at|in|on|for) {_WORKPLACE}) (?i:in|at|on) [A-Z][\w'-]+"
)
SETTING_WORD = "<setting>"  # what a setting counts as among an answer's own words
# Signals whose words must say something of this answer's own (see `Findings.substantial`).
SUBSTANTIAL_SIGNALS = frozenset({"reasoning", "escalation"})
SUBSTANCE_MIN = 2  # content words of the answer's own a hit's sentence needs
LONG_CUE = 3  # words in a reason's cue beyond which the cue holds the case's own words
REASON_MIN = 1  # and the clause after a reason's cue ("because it was faulty")
# A sentence that only names what was just told ("equality act, reasonable adjustments."): at most
# LABEL_MAX words, a name and the idea set apart by one of LABEL_SEPARATOR (`Findings._label`).
LABEL_SEPARATOR = re.compile(r"[,+/]")
LABEL_MAX = 6
RUN_ON = 40  # words in one sentence that make it a run-on, read clause by clause (`part_of`)
DEVELOPED_MIN = 30  # distinct words of its own that make an answer developed (see `substantial`)
HOLLOW_BELOW = 9  # fewer distinct words of its own than this make an answer hollow (see `hollow`)
HOLLOW_MARGIN = 0  # ... when it repeats the prompt at least this many words more than it says of its own
HOLLOW_SHARE = 4 / 3  # ... and so does repeating more than three words for every four of its own


# What makes a mention a plan or a wish (`Findings.planned`), read back at most PLAN_REACH words.
PLAN = re.compile(
    r"\b(next time|in (the )?future|going forward|from now on|if i|i'?d|i would|i'?ll|i will|"
    r"probably|would (have )?(use|follow|try))\b",
    re.I,
)
PLAN_REACH = 12
# What one would do for anyone: "if a customer is upset you would ...", "you'd then apologise".
ANY_CASE = re.compile(
    r"\b(?:if|when|whenever) (?:a|an|any) (?:customer|caller|guest|client|patient|tenant|passenger|"
    r"member|resident|person)\b|\b(?:you|u) (?:would|'d|’d|should)\b",
    re.I,
)
OTHERS_REACH = 6  # words back from a mention read for someone else as its doer

# A sentence that defines a term or says what a thing is in general (`Findings.defines`): "SMART
# means Specific, Measurable, ...", "HEAT stands for Hear, Empathise, ...", "a moment of truth is
# any point where ...", "Net Promoter Score is a feedback tool where customers score ...". It tells
# what the learner knows, not what they did or why on this occasion.
DEFINITION = re.compile(
    r"(?:(?:so|and|basically|um|well|right)\W+)*(?:(?:a|an|the)\s+)?(?P<term>(?:[\w'’-]+\s+){0,4}?)"
    r"(?:stands? for|is short for|refers? to|is defined as"
    r"|(?:is|are) (?:when|where|basically|all about|any)\b"
    r"|means? (?!(?:we|you|i|that|they|it|he|she|our|your|their|staff|customers?|people|everyone|"
    r"nobody|no one|there|a lot|more|less)\b)"
    # ... with or without its "that": "records are the notes we write about each contact".
    r"|(?:is|are) (?:a|an|the) (?:[\w-]+ ){0,3}?(?:where|that|which|who|when|used|we|you)\b"
    # "internal customers are people you work with", "a stakeholder is anyone who ..."
    r"|(?:is|are) (?:the )?(?:people|someone|somebody|anyone|anybody|a person|the ones?) "
    r"(?:who|that|you|we)\b)",
    re.I,
)
# A sentence of advice to anyone, not an account of this occasion (`Findings.defines`): "you
# should always apologise", "staff must check ID", "everyone needs to follow the script".
ADVICE = re.compile(
    r"(?:(?:so|and|basically|um|well|i think|i believe|i feel)\W+)*"
    r"(?:you|staff|advisors?|advisers?|agents?|colleagues|everyone|people|employees|workers)\s+"
    r"(?:\w+\s+)?(?:should|must|need to|needs to|have to|has to|'ve got to|’ve got to|ought to)\b",
    re.I,
)
# A value said of a thing in general, before a reason's cue: "coaching is really important
# because it develops people", "it's important to take ownership because ...". The reason after
# it is why the thing matters to anyone, not why the learner did what they did on this occasion.
IN_GENERAL = re.compile(
    r"(?:\b(?:is|are|'s|’s)\s+(?:\w+\s+){0,1}?(?:important|vital|key|essential|crucial|so important|"
    r"really important|very important)"
    # ... or what builds loyalty, to anyone: "consistency builds loyalty and trust because
    # customers know what to expect" ("it matters because ..." is often the case's own reason).
    r"|\b(?:builds?|creates?|leads? to|drives?)\s+(?:\w+\s+){0,2}?(?:loyalty|trust|satisfaction|"
    r"retention|happy customers|repeat business))\b[^.;]*$",
    re.I,
)
# A sentence that opens on a value said of a thing in general, in the present: "following up is
# important because it shows you care", "it's vital to take ownership". Like a definition, it says
# what the learner believes, not what they did (`Findings.defines`).
GENERAL_VALUE = re.compile(
    r"(?:(?:so|and|basically|um|well|i think|i believe)\W+)*(?:(?:a|an|the)\s+)?"
    r"(?P<term>(?:[\w'’-]+\s+){0,4}?(?:[\w-]+))\s*(?:is|are|'s|’s)\s+(?:\w+\s+)?"
    r"(?:important|vital|key|essential|crucial)\b",
    re.I,
)
# Customers in general, in the present (`Findings.said_of_everyone`) ...
EVERYONE = re.compile(
    r"\b(?:customers|people|clients|guests|consumers|members|regulars)\s+(?:\w+\s+){0,2}?"
    r"(?:trust|trusts|know|are|become|keep|stay|come|return|feel|value|love|like|recommend|expect)\b|"
    r"\b(?:consistency|consistent service|being consistent)\s+(?:\w+\s+){0,2}?"
    r"(?:builds?|creates?|earns?|leads? to|means|gives|is)\b|\btrust is everything\b|"
    # ... and what is owed or possible in general: "we have to make reasonable adjustments, for
    # example ramps", "adjustments can be things like large print".
    r"\b(?:we|you|staff|businesses|shops|companies)\s+(?:have to|must|need to|should|are required to|"
    r"'ve got to|are supposed to)\b|\bcan (?:be|include) (?:things )?(?:like|such as)?\b",
    re.I,
)
# ... and the words that tell something that happened instead.
HAPPENED = re.compile(
    r"\b(?:i|we|she|he|they)\s+(?:\w+\s+)?(?:was|were|did|came|rang|said|told|asked|had|got|went|"
    r"read|sent|took|gave|made|brought|put|wrote|met|found|kept|left|spoke|showed|paid|set|\w+ed)\b|"
    r"\b(?:last|yesterday|ago|once|one day|this one)\b",
    re.I,
)
# Someone else at work as the doer, right before what was done: "my supervisor apologised to him",
# "the store manager wrote an action plan", "my colleague wrote everything down for him".
OTHERS_DOING = re.compile(
    r"\b(?:my|our|the|her|his|a|another|one of (?:my|our|the))\s+(?:\w+\s+){0,2}?"
    r"(?:manager|team leader|supervisor|boss|colleague|colleagues|tl|mgr|team mate|teammate|"
    r"coworker|co-worker|director|senior|trainer|mentor|engineer|nurse|officer)s?"
    r"(?:\s*,?\s*(?:\w+\s*,\s*)?)(?:\s+(?:then|also|just|had|has|did|quickly|straight away|later))*\s+"
    # ... perhaps with the verb before the mention: "the store manager wrote an action plan".
    r"(?:(?:\w+ed|wrote|did|gave|made|put|sent|rang|held|ran|took|kept)\s+(?:(?:an?|the|his|her|their|him|them)\s+)?)?$",
    re.I,
)
# What no definition starts with: a pronoun ("that means we had to") or the words of a case ("the
# problem is the rota that ...", "my task was ...").
NOT_A_TERM = frozenset(
    {"it", "this", "that", "which", "he", "she", "they", "i", "we", "you", "there", "my", "our",
     "his", "her", "their", "your", "problem", "issue", "reason", "thing", "point", "trouble",
     "result", "outcome", "answer", "plan", "aim", "goal", "idea", "task", "job", "what", "who"}
)


# A reason that only says who wants it or that it is the done thing, right after its cue: "bc
# mgr said thats how we do phones now", "cos the manager says so", "because that's what we are
# trained on", "that's the rules innit", "bc u cant skip them". Conformity, not a reason of
# the case (`Findings.substantial`, the labelling rule's "because it's the rules").
CONFORMITY_CLAUSE = re.compile(
    r"\W*(?:(?:just|only|basically|like|um|you know|y'?know)\W+)*(?:"
    # ... who said so, and no more: not "because my manager said the part was out of stock".
    # ... perhaps with a word for which one: "because our email guidance says that's the standard".
    r"(?:(?:my|the|our|his|her|their)\s+(?:\w+\s+)?)?(?:mgr|manager|boss|tl|team leader|supervisor|"
    r"head office|company|compliance|script|policy|procedure|process|guidance|guide|rules|training|handbook|"
    r"system|standard)s?"
    r"(?:\s+\w+)?\s+(?:said|says?|told|tells?|wants?|expects?|requires?|insists?)"
    r"(?:\s+(?:me|us|so|it|them))?(?:\s+(?:that way|like that))?"
    r"(?=\s*(?:[.,;!?]|$)|\s+(?:so|to|that'?s|that’s|thats|it'?s|it’s|its|we (?:have|had|must|should|"
    r"need|all)|you (?:have|must|should|need))\b)|"
    r"(?:that'?s|that’s|thats|it'?s|it’s|its|it is|that is|it was)\s+(?:just\s+)?(?:the rules?|the law|"
    r"(?:the\s+|our\s+|company\s+|store\s+|shop\s+){0,2}policy|"
    r"the procedure|mandatory|compulsory|how we do|how it'?s done|what we do|"
    r"what we (?:follow|go by|stick to)|"
    r"what we(?:'re| are| were|re)? (?:trained|told|taught)|what (?:you|we) (?:have|had|got) to do)\b|"
    # ... or where the rule is written, and no more: "because it's in our licence conditions".
    r"(?:that'?s|that’s|thats|it'?s|it’s|its|it is|that is|it was)\s+(?:all\s+)?in\s+(?:the|our|their)\s+"
    r"(?:\w+\s+)?(?:policy|policies|rules|licen[cs]e(?: conditions)?|conditions|contract|procedures?|"
    r"handbook|script|terms|standards|charter|training)(?=\s*(?:[.,;!?]|$)|\s+and\b)|"
    # ... or what the rule says, and no more: "that's what the policy says we have to do".
    r"(?:that'?s|that’s|thats|it'?s|it’s|its)\s+what\s+(?:the|our|my|their)\s+(?:\w+\s+)?(?:policy|rules?|law|"
    r"procedure|process|guidance|script|handbook|standards?|charter)\s+"
    r"(?:says?|said|tells? us|requires?|wants?)"
    r"(?:\s+(?:we|you|i)\s+(?:(?:have|had|need|needed|ought)\s+to|must|should)(?:\s+be)?(?:\s+do(?:ing)?)?)?"
    r"(?=\s*(?:[.,;!?]|$|and\b))|"
    # ... or who chose it, and no more: "because the board decided we were going for it".
    r"(?:(?:my|the|our|his|her|their)\s+)?(?:board|management|senior management|directors?|head office|"
    r"company|owners?|ceo|chief executive|manager|mgr|boss)\s+(?:decided|chose|wanted)"
    r"(?:\s+(?:we|to)(?:\s+(?:were|was|would|should))?\s+(?:go|going|do|doing|get|getting)\s+"
    r"(?:for\s+)?(?:it|that|this|one))?(?=\s*(?:[.,;!?]|$))|"
    # ... or the fear of being caught out: "cos you get marked down on your QA if you miss them".
    r"(?:you|we|i|u)\s+(?:get|got|'d get|would get|could get)\s+(?:marked|pulled up|told off|"
    r"in trouble|a warning|disciplined|written up)\b|"
    r"(?:you|we|u|i)\s+(?:can'?t|can’t|cannot|mustn'?t|aren'?t allowed to|are not allowed to)\s+skip\b|"
    r"(?:we(?:'re| are)|i(?:'m| am)) (?:trained|told|taught) (?:to|on)\b|"
    # ... or that keeping to it matters: "so it's important to follow it".
    r"(?:it'?s|it’s|its|it is|s|is)\s+(?:really\s+|very\s+|so\s+)?(?:important|vital|essential|key)\s+"
    r"(?:to|that we|that you|we|you)\s+(?:follow|stick to|comply with|obey|keep to)\b)",
    re.I,
)


# Whose it is, right after a reason's cue, is the reason data may not be shared: "because it's his
# information", "as its not her acc", "cos they're her mum's results". Its words are the prompt's
# key words, so without this they count for nothing (`Findings.substantial`).
WHOSE_IT_IS = re.compile(
    r"\W*(?:it'?s|it’s|its|it is|it was|they'?re|they’re|they are|that'?s|that’s|thats)\s+(?:not\s+)?"
    r"(?:his|hers|her|their|theirs|someone else'?s|somebody else'?s|sum1 elses|(?:the|her|his|their)\s+"
    r"\w+'?s|\w+['’]s)\s+(?:own\s+)?(?:\w+\s+)?(?:info|information|data|account|acc|details|records?|"
    r"results|personal|medical|business|money)\b",
    re.I,
)


# A name said only to deny it, right before the name: "we don't really do mystery shopping",
# "there's no set script", "we never use PDCA", "without a refunds policy". Only the few words a
# denial of the thing itself uses may come between, so "we can't refund sale items under our
# returns policy" still names the policy, and "no AHT target on those calls" still names AHT.
NAME_DENIED = re.compile(
    r"\b(?:don'?t|don’t|dont|do not|didn'?t|didn’t|didnt|did not|never|not|haven'?t|havent|have not|"
    r"hasn'?t|hasnt|without|"
    r"(?:there'?s|there’s|theres|there is|there was|we have|we had|we'?ve got|we'?ve) no)"
    r"\s+(?:really\s+|actually\s+|even\s+|ever\s+)?"
    r"(?:(?:do|use|used|have|had|follow|followed|got|offer|run|ran|get|bother with)\s+)?"
    r"(?:(?:a|an|any|the|our|set|proper|formal|official)\s+){0,2}$",
    re.I,
)
NAME_DENIED_REACH = 45
# The way of working that the improvement changed is what was improved, not a policy it kept to:
# "we changed our online returns form", "I helped redesign our appointment booking process", "a new
# meter reading process came in" (a policy changed is still named: "our refunds policy changed").
CHANGED_WORK = re.compile(
    r"\b(?:changed|changing|change|improved|improving|improve|redesigned|redesigning|redesign|"
    r"introduced|introducing|launched|launching|updated|updating|rolled out|brought in|replaced|"
    r"moved|streamlined|simplified)\b(?:\s+(?:our|the|a|an|how|we|its|their))?(?:\s+[\w-]+){0,3}?\s*$",
    re.I,
)
CHANGED_WORK_REACH = 50
# ... or said to have arrived: "a new meter reading process came in at our place".
CHANGED_WORK_AFTER = re.compile(
    r"\s+(?:came in|come in|was brought in|got brought in|was introduced|got introduced|went live|"
    r"was rolled out|got rolled out|was launched|started|was changed|got changed|changed)\b",
    re.I,
)
CHANGED_WORK_NOUNS = ("process", "form", "system", "forms", "processes", "systems")
# A regulator's rule book said without its body, which no organisation writes for itself.
REGULATORS_OWN = re.compile(
    r"(?:the\s+)?(?:fundamental|consumer|national)\s+standards?|general\s+conditions|standards\s+of\s+conduct",
    re.I,
)


QUESTION_WORDS = frozenset({"how", "what", "which", "who", "when", "where"})


# A claim about any business, in the present: "Good internal customer service leads to good
# external customer service", "happy staff mean happy customers" (`Findings.defines`).
GENERAL_CLAIM = re.compile(
    r"(?:(?:so|and|basically|um|well|i think|i believe)\W+)*(?:good|bad|poor|great|excellent|happy|"
    r"unhappy|consistent)\s+(?:[\w-]+\s+){0,4}?(?:leads?\s+to|means?|builds?|creates?|results?\s+in|"
    r"drives?)\s",
    re.I,
)


# An acronym spelled out: "KPIs are key performance indicators", "an SLA is a service level
# agreement", "ADR means alternative dispute resolution" (`Findings.defines`).
EXPANSION = re.compile(
    r"(?i:(?:(?:so|and|basically|um|well)\W+)*(?:(?:a|an|the|our)\s+)?)(?P<acronym>[A-Z]{2,6})s?\s+"
    r"(?i:(?:is|are|means|=|stands for|is short for)\s+(?:(?:a|an|the)\s+)?)(?P<words>(?:[\w-]+\s*){2,8})"
)


# The words opening a sentence that name what was just done: "thats a reasonable adjustment", "that
# was the knock-on", "this is what we call a moment of truth".
NAMES_WHAT_WAS_DONE = re.compile(
    r"\W*(?:(?:and|so|but|um|yeah)\W+)?(?:that'?s|thats|that’s|that was|that is|this was|this is|it'?s|its|"
    r"it’s|it was|which is|which was)(?: (?:a|an|the|what|called|basically|like|just|my|our))*\W*",
    re.I,
)


def expands_acronym(sentence: str) -> bool:
    m = EXPANSION.match(sentence)
    if m is None:
        return False
    letters = m.group("acronym").casefold()
    initials = "".join(w[0] for w in re.split(r"[\s-]+", m.group("words").casefold()) if w)
    return initials.startswith(letters)


# Days and months, in full and as typed short: a particular of the occasion, like a figure. Short
# forms that are everyday words ("sat", "sun", "wed", "mar", "may") are left out.
WHEN_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues",
    "weds", "thu", "thur", "thurs", "fri", "january", "february", "march", "april", "june", "july",
    "august", "september", "october", "november", "december", "jan", "feb", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
})


def _word_start_matches(rx: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """The non-overlapping matches of a pattern whose every branch opens at a word boundary
    (`STOCK_PHRASES`), tried only where a word starts: the same matches as ``finditer`` for the
    words the engine reads, without trying dozens of branches at every character."""
    out: list[re.Match[str]] = []
    end = tried = -1
    for at in starts:
        if at < end or at == tried:
            continue
        tried = at
        m = rx.match(text, at)
        if m is not None and m.end() > at:
            out.append(m)
            end = m.end()
    return out


def figure(w: Word) -> bool:
    """A figure ("8", "£30", "95%") is always a detail of the answer's own, never a key word."""
    return any(c.isdigit() for c in w.low)


@dataclass(frozen=True)
class Keywords:
    """The words a prompt hands the learner: its question, its points' texts, their concepts' terms.

    Saying only these is the "key words without substance" answer ("I took ownership and
    apologised"): a hit counts when its sentence also says something of the answer's own."""

    stems: frozenset[str]
    prefixes: tuple[str, ...]
    # Only the words of the question and the points' texts, without their concepts' terms: what
    # a learner repeats when they repeat the prompt (`Findings.hollow`).
    prompt_stems: frozenset[str] = frozenset()
    # Key words only because a harm concept lists them (`HARM_CONCEPTS`: "scammed", "hurt"): in a
    # reason they are its substance ("if it went wrong the cx could get scammed").
    harm_stems: frozenset[str] = frozenset()
    harm_prefixes: tuple[str, ...] = ()

    def covers(self, w: Word) -> bool:
        return w.stem in self.stems or w.low in self.stems or w.low.startswith(self.prefixes or ("\0",))

    def harm(self, w: Word) -> bool:
        return (w.stem in self.harm_stems or w.low in self.harm_stems
                or w.low.startswith(self.harm_prefixes or ("\0",)))

    def in_prompt(self, w: Word) -> bool:
        return w.stem in self.prompt_stems or w.low in self.prompt_stems


NO_KEYWORDS = Keywords(frozenset(), ())


@dataclass
class Findings:
    """One answer as the needs see it; concept hits are matched on first use and kept."""

    text: str
    found: list[Found]
    signals: dict[str, list[Span]]
    result_from: int
    index: ConceptIndex
    words: list[Word]
    keywords: Keywords = NO_KEYWORDS
    # Entries named that stand, in the learner's nation, for others a need may ask for (issue 14).
    stands_for: dict[str, frozenset[str]] = field(default_factory=dict)
    # Entries named that do not apply in the learner's nation: never "the law that applied".
    elsewhere: frozenset[str] = frozenset()
    # Where the learner works (content.nations id): what a miss names is that nation's law.
    nation: str = nations.UNKNOWN
    # Where a legal period or date is stated wrongly (claims.wrong_figures, corrected as a
    # legal_claim): "she can go to the ombudsman within 12 months" shows no time limit known.
    wrong_law: tuple[Span, ...] = ()
    _hits: dict[str, list[tuple[str, Span]]] = field(default_factory=dict)
    _substance: dict[tuple[Span, bool, bool], bool] = field(default_factory=dict)
    _ends: list[int] = field(default_factory=list)
    _sentences: dict[int, list[Word]] = field(default_factory=dict)
    _listed: frozenset[int] = frozenset()
    _stock: frozenset[int] = frozenset()
    _setting: frozenset[int] = frozenset()
    _statutes: list[tuple[str, Span]] | None = None
    _developed: bool | None = None
    _hollow: bool | None = None
    # A reason whose cue is followed by names only is quoted from what the names guard against.
    reason_quotes: dict[Span, Span] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._ends = [w.end for w in self.words]
        for w in self.words:
            self._sentences.setdefault(w.sentence, []).append(w)
        self._listed = listed(self.text, self.words)
        # The words inside each stock phrase, found by position rather than by scanning every word
        # for every phrase (this runs once per answer).
        starts = [w.start for w in self.words]
        self._stock = frozenset(
            starts[i] for m in _word_start_matches(STOCK_PHRASES, self.text, starts)
            for i in range(bisect.bisect_left(starts, m.start()), bisect.bisect_left(starts, m.end()))
        )
        self._setting = frozenset(
            starts[i] for m in SETTING.finditer(self.text)
            for i in range(bisect.bisect_left(starts, m.start()), bisect.bisect_left(starts, m.end()))
        )

    def substantial(self, span: Span, *, after: bool = False, named: bool = False) -> bool:
        """Whether the sentence of a hit (for a reason, the clause after its cue) says something
        beyond the prompt's key words: "because it's the law" and "I escalated it" do not; nor does
        a definition ("SMART means Specific, Measurable, ...", `defines`). For a name (``named``),
        where the learner works counts word by word: "at our contact centre in Hull we are measured
        on AHT" puts the measure somewhere; for an idea it counts once (`SETTING`)."""
        key = (span, after, named)
        if key in self._substance:
            return self._substance[key]
        if self.defines(span):
            self._substance[key] = False
            return False
        at = bisect.bisect_right(self._ends, span[0])
        if at >= len(self.words):
            return False
        sentence = self.words[at].sentence
        same = self._sentences.get(sentence, [])
        if after and CONFORMITY_CLAUSE.match(self.text, span[1]):
            self._substance[key] = False
            return False
        if after and WHOSE_IT_IS.match(self.text, span[1]):
            self._substance[key] = True
            return True
        if after:
            rest = [w for w in same if w.start >= span[1]]
            ws = [w for w in rest if w.clause == rest[0].clause]
            inside = [w for w in same if span[0] <= w.start < span[1]]
            if len(inside) > LONG_CUE:
                # A cue that takes in the case itself ("if that goes down cx can't", "so cx think
                # everyone can"): the words past its opening are the reason's own as well.
                ws = inside[2:] + ws
            colon = bool(ws) and self.text[ws[-1].end :].lstrip().startswith(":")
            if ws and not colon and self._own(ws, conformity=True) < REASON_MIN:
                # A list of names goes on past its "and" ("because of the UK GDPR and data protection
                # act 2018, ..."): what follows the list is read from its end.
                names = [(f.start, f.end) for f in self.found]
                while True:
                    more = [w for w in rest if w.clause == ws[-1].clause + 1]
                    if not more or not all(w.low in FUNCTION_WORDS or any(a <= w.start < b for a, b in names)
                                           for w in more):
                        break
                    ws = ws + more
                # The rule named, then what it guards against: "its bc of gdpr and the data
                # protection act 2018, if i give info to the wrong person thats a data breach".
                between = [w for w in rest if ws[-1].clause < w.clause <= ws[-1].clause + WHAT_IF_REACH]
                firsts = [w for i, w in enumerate(between) if i == 0 or between[i - 1].clause != w.clause]
                # ... perhaps after a joining word: "so if I just told anyone who rang it could end up
                # with the wrong person".
                nexts = {w.start: between[i + 1] for i, w in enumerate(between[:-1])
                         if w.low in WHAT_IF_JOINS and between[i + 1].clause == w.clause}
                opener = next((w for w in firsts if w.low in WHAT_IF
                               or (w.start in nexts and nexts[w.start].low in WHAT_IF)), None)
                if opener is not None:
                    # ... with what is at stake said between: "her health info is special category
                    # data so if I just told anyone ...". The quote shown is that part, not the names.
                    guards = [w for w in between if w.clause <= opener.clause]
                    ws = ws + guards
                    self.reason_quotes[span] = (guards[0].start, guards[-1].end)
            if colon and self._own(ws, conformity=True) < REASON_MIN:
                # The reason set out after a colon: "The change followed from that: if people can't
                # get through and then wait a week, the charter isn't worth the paper."
                ws = [w for w in rest if w.clause in (ws[0].clause, ws[0].clause + 1)]
        else:
            # The figures inside a hit are the answer's own, like those around it: "a target to cut
            # after-call work from 90 to 60 seconds within 6 weeks" is a SMART target in use.
            # So are the days and months that date it: "rang her fri to check it was ok".
            ws = [w for w in same if not span[0] <= w.start < span[1] or figure(w) or w.low in WHEN_WORDS]
            if same and (NAMES_WHAT_WAS_DONE.fullmatch(self.text, same[0].start, span[0])
                         or self._label(same, span)):
                # The idea named as what was just done: "i wrote the specials down on my pad so they
                # could point. thats a reasonable adjustment": the sentence before is its substance.
                # Not a habit or a definition ("I treat everyone the same. That's the Equality Act").
                before = self._sentences.get(sentence - 1, [])
                opening = (before[0].start, before[0].end) if before else None
                if opening is not None and not self.habitual(opening) and not self.defines(opening):
                    ws = ws + before
        # A hit inside the setting ("I work in the contact centre for a housing association"): the
        # setting is the hit's own sentence, not words beside an idea.
        inside_setting = not after and any(
            span[0] <= w.start < span[1] and w.start in self._setting for w in same
        )
        own = self._own(ws, conformity=after, setting=not (inside_setting or named))
        need = REASON_MIN if after else SUBSTANCE_MIN
        # In a developed answer (many words of its own), one own word beside the idea is enough:
        # "the policy is extra goodwill on top of his rights" in a full account of the case.
        if not after and self.developed():
            need = 1
        self._substance[key] = own >= need
        return self._substance[key]

    def _label(self, sentence: list[Word], span: Span) -> bool:
        """Whether a short sentence only names what was just told, with no words of its own: "so i
        turned away from the noise, slowed down + wrote the price on a bit of paper for him. equality
        act, reasonable adjustments." (its substance is the sentence before, as for "thats a
        reasonable adjustment")."""
        if len(sentence) > LABEL_MAX or (sentence[0].start >= span[0] and sentence[-1].end <= span[1]):
            return False
        named = [(f.start, f.end) for f in self.found]
        rest = [w for w in sentence if not span[0] <= w.start < span[1]]
        # A list of labels: a name beside the idea, set apart by a comma, "+" or a slash.
        listed = LABEL_SEPARATOR.search(self.text, sentence[0].start, sentence[-1].end) is not None
        return listed and any(any(s <= w.start < e for s, e in named) for w in rest) and all(
            w.low in FUNCTION_WORDS or any(s <= w.start < e for s, e in named) for w in rest
        )

    def defines(self, span: Span) -> bool:
        """Whether the sentence a span starts in defines a term or says what a thing is in general
        (`DEFINITION`): it tells no occasion and no reason of the learner's own."""
        at = bisect.bisect_right(self._ends, span[0])
        if at >= len(self.words):
            return False
        sentence = self._sentences.get(self.words[at].sentence, [])
        if not sentence:
            return False
        if len(sentence) > RUN_ON and self.words[at].clause != sentence[0].clause:
            # Speech runs a definition on into the case ("internal customers is basically anyone
            # who needs something off me, so for me that's the repairs team, they rely on what I
            # put on the system"): the definition is its opening clause, not what follows.
            return False
        m = DEFINITION.match(self.text, sentence[0].start, sentence[-1].end)
        if m is not None:
            term = m.group("term").split()
            if term and not {t.casefold().strip("'’") for t in term} & NOT_A_TERM:
                return True
        if ADVICE.match(self.text, sentence[0].start, sentence[-1].end):
            return True
        if expands_acronym(self.text[sentence[0].start : sentence[-1].end]):
            return True
        if GENERAL_CLAIM.match(self.text, sentence[0].start, sentence[-1].end):
            return True
        m = GENERAL_VALUE.match(self.text, sentence[0].start, sentence[-1].end)
        if m is None:
            return False
        term = [t.casefold().strip("'’") for t in m.group("term").split()]
        if term == ["it"]:
            # "It's important to take ownership", not "it's important that I ...".
            return self.text.startswith(" to ", m.end()) or self.text.startswith(" to\n", m.end())
        return not set(term) & NOT_A_TERM

    def _sentence_at(self, span: Span) -> list[Word]:
        """The words of the sentence a span starts in (empty past the last word)."""
        at = bisect.bisect_right(self._ends, span[0])
        if at >= len(self.words):
            return []
        return self._sentences.get(self.words[at].sentence, [])

    def in_general(self, span: Span) -> bool:
        """Whether a reason's cue at ``span`` follows a value said in general, in the present
        (`IN_GENERAL`: "apologising is really important because ...")."""
        sentence = self._sentence_at(span)
        return bool(sentence) and bool(IN_GENERAL.search(self.text, sentence[0].start, span[0]))

    def of_anyone(self, span: Span) -> bool:
        """Whether the sentence of a span tells what one would do for any customer, not what was
        done (`ANY_CASE`): "If a customer is upset you would hear them out first, then ..."."""
        sentence = self._sentence_at(span)
        return bool(sentence) and bool(ANY_CASE.search(self.text, sentence[0].start, sentence[-1].end))

    def habitual(self, span: Span) -> bool:
        """Whether the clause a span starts in says what is done in general (`habit`): "I always
        use HEAT, which is Hear, Empathise, ...", "we follow up every complaint"."""
        at = bisect.bisect_right(self._ends, span[0])
        if at >= len(self.words):
            return False
        first = self.words[at]
        return habit([w for w in self._sentences.get(first.sentence, []) if w.clause == first.clause])

    def others_doing(self, span: Span) -> bool:
        """Whether a mention is of someone else at work doing it (`OTHERS_DOING`), not the learner:
        the words just before it in its clause name a colleague or a manager as the doer."""
        at = bisect.bisect_right(self._ends, span[0])
        if at >= len(self.words):
            return False
        first = self.words[at]
        lo = at
        while lo > 0 and self.words[lo - 1].clause == first.clause and at - lo < OTHERS_REACH:
            lo -= 1
        return bool(OTHERS_DOING.search(self.text, self.words[lo].start, span[0]))

    def said_of_everyone(self, span: Span) -> bool:
        """Whether the sentence a span is in says what customers in general do or feel, or what is
        owed in general, in the present, and tells nothing that happened (`EVERYONE`, `HAPPENED`):
        "customers trust us", "consistency builds loyalty and trust because customers know what to
        expect", "we have to make reasonable adjustments, for example ramps"."""
        sentence = self._sentence_at(span)
        if not sentence:
            return False
        lo, hi = sentence[0].start, sentence[-1].end
        return bool(EVERYONE.search(self.text, lo, hi)) and not HAPPENED.search(self.text, lo, hi)

    def class_of_documents(self, span: Span) -> bool:
        """Whether a name ends in a plural document word with nothing to say which ones: "always
        follow health and safety procedures" speaks of procedures in general; "our health and
        safety procedures" (`spelled_names`) names them."""
        at = bisect.bisect_left(self._ends, span[1])
        if at >= len(self.words) or self.words[at].low not in PLURAL_DOCUMENTS:
            return False
        return not any(end == span[1] for _, (_, end) in spelled_names(self))

    def generic_name(self, span: Span) -> bool:
        """Whether a name in the learner's words says only what sort of document it is, not which
        one: "our organisational policies and standards", "our service standards", "the relevant
        guidance", "company procedures" (`NAME_GENERIC`, `NOT_WHICH`)."""
        at = bisect.bisect_right(self._ends, span[0])
        if self.text[span[0] : span[1]].lower().endswith(" that"):
            # Said by what it says, which tells which one: "Our rule is that we always ask the
            # person first".
            return False
        inside = [w for w in self.words[at : self.word_index(span[1]) + 1]
                  if span[0] <= w.start < span[1] and w.low not in FUNCTION_WORDS]
        return bool(inside) and all(w.stem in NAME_GENERIC or w.low in NOT_WHICH for w in inside)

    def word_index(self, end: int) -> int:
        """The index of the first word that ends at or after ``end``."""
        return bisect.bisect_left(self._ends, end)

    def all_stock(self, span: Span) -> bool:
        """Whether every word of a span is inside a stock phrase (`STOCK_PHRASES`)."""
        after = self.words[bisect.bisect_right(self._ends, span[0]) :]
        inside = [w for w in takewhile(lambda w: w.start < span[1], after) if w.start >= span[0]]
        return bool(inside) and all(w.start in self._stock for w in inside)

    def in_stock(self, word: Word) -> bool:
        """Whether a word is inside a stock phrase (`STOCK_PHRASES`): words anyone could say."""
        return word.start in self._stock

    def in_list(self, word: Word) -> bool:
        """Whether a word is an item of a bare list of short items (`listed`)."""
        return word.start in self._listed

    def put_to_work(self, span: Span) -> bool:
        """Whether a model or procedure named at ``span`` is put to work there: its sentence says
        something of the answer's own (`substantial`) and is not a habit ("I follow the complaint
        handling cycle on every complaint" says what is done in general, not on this occasion)."""
        if not self.substantial(span, named=True):
            return False
        at = bisect.bisect_right(self._ends, span[0])
        if at >= len(self.words):
            return False
        first = self.words[at]
        clause = [w for w in self._sentences.get(first.sentence, []) if w.clause == first.clause]
        return not habit(clause)

    def about(self, span: Span, concepts: list[str]) -> bool:
        """Whether the figures at ``span`` are about one of ``concepts`` ("a measurable fall in
        complaints"), read where the figures end: said in their clause ("complaints were down to
        about 12 a month"); else, unless their clause names another measure ("Our satisfaction score
        went from 71% to 86%, and complaints went down a good bit"), said elsewhere in their sentence
        ("complaints were 17, down from 58") or, where the sentence names no measure at all ("march
        was 19, april was 9"), earlier in the answer."""
        hits = [sp for cid in concepts if cid in self.index.concepts for _, sp in self.concept(cid)]
        # Where the figures end: "dropped after that and our CSAT went from 71 to 80" is the CSAT's.
        span = (max(span[0], span[1] - 1), span[1])
        own = self.clause_of(span)
        if any(self.clause_of(h) == own for h in hits):
            return True
        sentence = self.sentence_of(span)
        words = self._sentences.get(sentence, [])
        clause = [w for w in words if w.clause == own[1]]
        if clause and OTHER_MEASURE.search(self.text, clause[0].start, clause[-1].end):
            return False
        if any(self.sentence_of(h) == sentence for h in hits):
            # "complaints were 17, down from 58, a 71% fall"
            return True
        said = self.text[words[0].start : words[-1].end] if words else ""
        return not OTHER_MEASURE.search(said) and any(h[0] < span[0] for h in hits)

    def clause_of(self, span: Span) -> tuple[int, int]:
        """The sentence and clause a span starts in."""
        w = self.words[min(bisect.bisect_right(self._ends, span[0]), len(self.words) - 1)]
        return w.sentence, w.clause

    def sentence_of(self, span: Span) -> int:
        """The index of the sentence a span starts in."""
        if not self.words:
            return 0
        return self.words[min(bisect.bisect_right(self._ends, span[0]), len(self.words) - 1)].sentence

    def part_of(self, span: Span) -> str:
        """Which sentence a span starts in, or in a run-on sentence (speech without full stops,
        longer than RUN_ON words) which clause: two reasons there are "said apart"."""
        if not self.words:
            return "0"
        w = self.words[min(bisect.bisect_right(self._ends, span[0]), len(self.words) - 1)]
        if len(self._sentences.get(w.sentence, [])) > RUN_ON:
            return f"{w.sentence}.{w.clause}"
        return str(w.sentence)

    def _own(self, ws: list[Word], *, conformity: bool, setting: bool = True) -> int:
        """How many of ``ws`` say something of the answer's own: not a key word of the prompt, not
        a name (naming a law or policy is no reason of one's own: "because of GDPR"), and with
        ``conformity``, not a word of rules alone ("because it's policy")."""
        named = [(f.start, f.end) for f in self.found]
        own = [
            w for w in ws
            if (figure(w) or (w.low not in FUNCTION_WORDS and len(w.low) > 2
                              and (not self.keywords.covers(w) or (conformity and self.keywords.harm(w)))))
            and w.start not in self._listed and w.start not in self._stock
            and not any(s <= w.start < e for s, e in named)
            and not (conformity and (w.stem in CONFORMITY or w.low in CONFORMITY_FORMS))
            and w.stem not in BOILERPLATE
        ]
        if not setting:
            return len(own)
        # Where the learner works counts once, however many words it takes (`SETTING`).
        placed = [w for w in own if w.start in self._setting]
        return len(own) - len(placed) + (1 if placed else 0)

    def _before_so(self, span: Span, *, previous_sentence: bool = False) -> tuple[int, list[Word]] | None:
        """The "so" of a reason's cue at ``span`` and the words back from it to its clause's start
        (an earlier "so", "then", "because", "and", or the sentence's start; at most REASON_REACH
        words). With ``previous_sentence``, a "So" opening a sentence reads the sentence before."""
        at = bisect.bisect_right(self._ends, span[0])
        so = next((i for i in range(at, len(self.words))
                   if self.words[i].low == "so" or self.words[i].start >= span[1]), len(self.words))
        if so >= len(self.words) or self.words[so].low != "so":
            return None
        sentence = self.words[so].sentence
        if previous_sentence and so > 0 and self.words[so - 1].sentence != sentence:
            sentence = self.words[so - 1].sentence
        start = so
        while (start > 0 and so - start < REASON_REACH
               and self.words[start - 1].sentence == sentence
               and self.words[start - 1].low not in REASON_STOPS):
            start -= 1
        return so, self.words[start:so]

    def cause_before(self, span: Span) -> bool:
        """Whether "X, so <someone else> Y" gives X as the cause of Y: "courier leaving parcels in
        porches w/ no photo so cx said it never came" explains why the complaints came. The words
        back to the clause's start say something of the answer's own and are not the learner's
        own step ("I checked the log, so the team knew" is a step and its purpose)."""
        found = self._before_so(span)
        if found is None:
            return False
        so, ws = found
        after = next((w for w in self.words[so + 1 : so + 4] if w.low not in SPOKEN_FILLERS), None)
        if after is None or after.low not in EFFECT_SUBJECTS:
            return False
        if not ws or ACTION.search(self.text, ws[0].start, ws[-1].end):
            return False
        if any(w.low in FEELINGS for w in ws):
            return False
        return self._own(ws, conformity=True) >= SUBSTANCE_MIN

    def reason_before(self, span: Span) -> bool:
        """Whether "..., so I ..." gives a reason before its "so": the words back to the sentence's
        start (or an earlier "so", "then", "and") weigh the case (`STANCE`) rather than tell what
        happened, in words of the answer's own. "Her speed was plenty, so I didn't push the upgrade"
        and "sending her away would have treated her as a form, so I" are reasons; "I checked the
        log, so I rang her" is a next step, "he couldn't answer them, so I" the event that set it
        off, "she was upset, so I apologised" her feelings, and "it's the policy, so I" conformity.
        "So I ..." opening a sentence follows on from the sentence before: "she only uses it for her
        sister in Canada and calls cost too much. So I had to find a better option"."""
        found = self._before_so(span, previous_sentence=True)
        if found is None:
            return False
        ws = found[1]
        if not ws or not STANCE.search(self.text, ws[0].start, ws[-1].end):
            return False
        if any(w.low in FEELINGS for w in ws):
            return False
        if ACTION.search(self.text, ws[0].start, ws[-1].end):
            return False
        return self._own(ws, conformity=True) >= SUBSTANCE_MIN

    def self_evident(self, cid: str, span: Span) -> bool:
        """Whether a mention carries its own substance: it contains a mention of the concept's
        `substantive_with` ("told my branch manager": who it went to is the learner's detail)."""
        inner = self.index.concepts[cid].substantive_with
        if inner is None:
            return False
        return any(span[0] <= s and e <= span[1] for _, (s, e) in self.concept(inner))

    def planned(self, span: Span, *, clause: bool = False) -> bool:
        """Whether a mention at ``span`` is said as a plan or a wish, not as what was done: its
        sentence, up to the mention, says "next time", "in future", "I'd", "I would", "probably"
        or "if I" ("next time I'd probably use plan do check act"). With ``clause``, only its own
        clause is read: "I said I'd be cross too, I said sorry" said sorry."""
        at = bisect.bisect_right(self._ends, span[0])
        if at >= len(self.words):
            return False
        sentence, own = self.words[at].sentence, self.words[at].clause
        lo = at
        while (lo > 0 and self.words[lo - 1].sentence == sentence and at - lo < PLAN_REACH
               and not (clause and self.words[lo - 1].clause != own)):
            lo -= 1
        return bool(PLAN.search(self.text, self.words[lo].start, span[0]))

    def developed(self) -> bool:
        """Whether the answer as a whole says enough of its own to carry a terse sentence."""
        if self._developed is None:
            own = {
                w.stem for w in self.words
                if w.low not in FUNCTION_WORDS and len(w.low) > 2 and not self.keywords.covers(w)
                and w.start not in self._listed and w.start not in self._stock
            }
            self._developed = len(own) >= DEVELOPED_MIN
        return self._developed

    def hollow(self) -> bool:
        """Whether the answer as a whole says almost nothing of its own and mostly repeats the
        prompt: fewer than HOLLOW_BELOW different words of its own (not function words, not words
        of the prompt's question or points' texts, not words any answer could say, `BOILERPLATE`
        and `STOCK_PHRASES`;
        figures count; the terms of the concepts are how learners say a thing, so they count as
        the answer's own), and no fewer repeated than its own (HOLLOW_MARGIN); or, at any length,
        more than three words of the prompt handed back for every four of its own (HOLLOW_SHARE).
        Such an answer is the point's key words without substance ("I made a reasonable adjustment
        in line with the Equality Act and she was happy with the outcome"): no idea or reason in it
        is met, however its sentences are built. A short answer of particulars ("I phoned my shift
        manager") is not hollow. Names are judged as names (`asks_for_a_name`), not by this."""
        if self._hollow is None:
            own: set[str] = set()
            said: set[str] = set()  # the prompt's own words and words any answer could say
            for w in self.words:
                fig = figure(w)
                if not fig and (w.low in FUNCTION_WORDS or len(w.low) <= 2):
                    continue
                if w.start in self._setting and not fig:
                    # Where the learner works is one thing of their own, however many words it takes
                    # ("at the council contact centre in Leicester").
                    own.add(SETTING_WORD)
                elif fig or not (
                    self.keywords.in_prompt(w) or w.stem in BOILERPLATE or self.in_list(w)
                    or w.start in self._stock
                ):
                    own.add(w.stem)
                else:
                    said.add(w.stem)
            few = len(own) < HOLLOW_BELOW and len(said) >= len(own) + HOLLOW_MARGIN
            # A longer answer is hollow too when most of what it says is the prompt handed back.
            self._hollow = few or HOLLOW_SHARE * len(said) > len(own)
        return self._hollow

    def statutes(self) -> list[tuple[str, Span]]:
        """Laws named by their full title and year that the catalogue does not hold (see
        `statutes`), each keyed by its title."""
        if self._statutes is None:
            self._statutes = statutes(self.text, self.found)
        return self._statutes

    def _key(self, i: int, j: int) -> str:
        first = self.words[i]
        if first.low in QUESTION_WORDS and i + 1 < j:
            return f"{first.stem} {self.words[i + 1].stem}"
        return first.stem

    def concept(self, cid: str) -> list[tuple[str, Span]]:
        if cid not in self._hits and self.index.concepts[cid].steps:
            # A model used without its name: at least `steps_min` of its stages said, anywhere in the
            # answer; quoted stage by stage in the answer's order, and one thing however many stages.
            concept = self.index.concepts[cid]
            firsts = [hits[0][1] for step in concept.steps if (hits := self.concept(step))]
            self._hits[cid] = [(cid, sp) for sp in sorted(firsts)] if len(firsts) >= concept.steps_min else []
        if cid not in self._hits:
            ranges = self.index.find(cid, self.words)
            # A hit is known by its first word, and by its first two when the first only asks
            # ("how long calls are" and "how many ring back" are two measures, not one "how").
            self._hits[cid] = [
                (self._key(i, j), (self.words[i].start, self.words[j - 1].end)) for i, j in ranges
            ]
        return self._hits[cid]


# A UK statute by its title and year: "the Criminal Justice Act 1988", "licensing (northern ireland)
# order 1996", "the Renting Homes (Wales) Act 2016", "act nineteen eighty eight" (spoken years are
# read as digits first). Up to seven title words before Act / Order / Regulations / Measure.
STATUTE = re.compile(
    r"\b((?:[a-z][\w'’-]*\s+|\([a-z][^()\n]{0,40}\)\s+|&\s+){1,7}?)"
    r"(act|order|regulations|regs|measure)\s*(?:\((?:northern ireland|wales|scotland|ni)\)\s*)?"
    r"(?:of\s+)?[(,]?\s*((?:18|19|20)\d\d)\b",
    re.I,
)
STATUTE_WORD = re.compile(r"\b(act|order|regulations|regs|measure)\b", re.I)
# Title words that make no statute ("the law act", "our policy act", "I had to act in 2019").
NOT_A_TITLE = frozenset(
    {"law", "policy", "procedure", "rule", "rules", "to", "had", "have", "has", "must", "would",
     "should", "could", "will", "can", "quickly", "properly", "fast", "didn't", "did", "we", "i",
     "you", "they", "she", "he", "i'd", "we'd"}
)


# A statute's end, its kind of law and year, found first: the title before it is read only there.
STATUTE_TAIL = re.compile(
    r"\b(act|order|regulations|regs|measure)\s*(?:\((?:northern ireland|wales|scotland|ni)\)\s*)?"
    r"(?:of\s+)?[(,]?\s*(?:18|19|20)\d\d\b",
    re.I,
)
STATUTE_REACH = 360  # characters before a statute's end its title is read from (seven words, brackets)


def _statute_matches(text: str) -> list[re.Match[str]]:
    """What `STATUTE.finditer` over the whole text finds (for titles up to STATUTE_REACH characters
    long), read only around each statute's end: the first match ending at each end, so a 400-word
    answer is not tried for a title at every word."""
    out: list[re.Match[str]] = []
    taken = -1
    for tail in STATUTE_TAIL.finditer(text):
        for m in STATUTE.finditer(text, max(taken, tail.start() - STATUTE_REACH, 0), tail.end()):
            if m.start(2) == tail.start(1):
                out.append(m)
                taken = m.end()
                break
    return out


def statutes(text: str, found: list[Found]) -> list[tuple[str, Span]]:
    """Statutes named by title and year that are not catalogue entries already found: a learner
    who names "the Criminal Justice Act 1988" has named a law, even one the coach does not know.
    Only needs for any law (``kind: legislation`` without ``relevant``) count them."""
    if not STATUTE_WORD.search(text):
        return []
    w = cue_text(text)
    out: list[tuple[str, Span]] = []
    for m in _statute_matches(w.text):
        title = [t for t in re.split(r"[\s()&]+", m.group(1)) if t]
        capitals = any(t[:1].isupper() and t.casefold() not in FUNCTION_WORDS for t in title)
        # Written with capitals, the title starts at its first capitalised word: "told the tenant
        # about the Housing (Scotland) Act 2006" names the "Housing (Scotland) Act 2006".
        while title and (title[0].casefold() in FUNCTION_WORDS or (capitals and not title[0][:1].isupper())):
            title.pop(0)
        if not title or any(t.casefold() in NOT_A_TITLE for t in title):
            continue
        start, end = w.span(m.start(1) + m.group(1).find(title[0]), m.end())
        if any(f.start < end and start < f.end for f in found):
            continue
        key = " ".join(t.casefold() for t in title) + " " + m.group(2).casefold() + " " + m.group(3)
        out.append((key, (start, end)))
    return out


LIST_SEPARATORS = re.compile(r"[,;:+&/]")
LIST_WORDS = frozenset({"and", "or", "n", "then", "plus"})
LIST_ITEM_MAX = 2  # content words an item of a bare list has at most ("reputation damage")
LIST_ITEM_WORDS = 3  # and words in all ("spotted a trend"); a clause with more is no bare item
LIST_MIN = 3  # items in a row that make a bare list


def listed(text: str, ws: list[Word]) -> frozenset[int]:
    """Where the words of bare lists start: three or more short items in a row ("I listened,
    apologised, thanked, explained and resolved", "a fine, a penalty, enforcement, reputation
    damage"). A list of key words is not substance, however many words it has."""
    items: list[list[Word]] = []
    for n, w in enumerate(ws):
        prev = ws[n - 1] if n else None
        if w.low in LIST_WORDS:
            items.append([])
            continue
        if (
            prev is None or prev.sentence != w.sentence
            or LIST_SEPARATORS.search(text, prev.end, w.start)
        ):
            items.append([])
        items[-1].append(w)
    out: set[int] = set()
    run: list[list[Word]] = []

    def close() -> None:
        if len(run) >= LIST_MIN:
            out.update(w.start for item in run for w in item)
        run.clear()

    for item in items:
        if not item:
            continue
        content = [w for w in item if w.low not in FUNCTION_WORDS and len(w.low) > 2]
        # A figure is a detail of the answer's own ("rang 5 times"), never a bare key word.
        bare = (
            len(content) <= LIST_ITEM_MAX and len(item) <= LIST_ITEM_WORDS
            and not any(c.isdigit() for w in item for c in w.low)
        )
        if not bare or (run and run[-1][0].sentence != item[0].sentence):
            close()
        if bare:
            run.append(item)
    close()
    return frozenset(out)


def keywords_for(index: ConceptIndex, question: str, points: list[MarkingPoint]) -> Keywords:
    """The key words of one prompt: its question, its points' texts, and the terms they need."""
    stems: set[str] = set()
    prefixes: set[str] = set()
    for text in [question, *(p.text for p in points)]:
        stems |= {w.stem for w in words(text) if w.low not in FUNCTION_WORDS}
    prompt = set(stems)
    harm_stems: set[str] = set()
    harm_prefixes: set[str] = set()
    todo = [(c, False) for p in points for n in p.needs for c in n.concepts]
    seen: set[str] = set()
    while todo:
        cid, harm = todo.pop()
        harm = harm or cid in HARM_CONCEPTS
        if cid in seen or cid not in index.terms or not index.concepts[cid].key_words:
            continue
        seen.add(cid)
        for term in index.terms[cid]:
            for pos in term:
                for kind, value in pos or ():
                    if kind == "stem":
                        stems.add(value)
                        if harm:
                            harm_stems.add(value)
                    elif kind == "prefix":
                        prefixes.add(value)
                        if harm:
                            harm_prefixes.add(value)
                    elif kind == "exact":
                        stems.add(value.casefold())
                        if harm:
                            harm_stems.add(value.casefold())
                    elif kind == "ref":
                        todo.append((value, harm))
    # A word the question or a point's text says is the prompt's, whatever concept lists it.
    harm_stems -= prompt
    return Keywords(
        frozenset(stems - {""}), tuple(sorted(p for p in prefixes if len(p) > 2)), frozenset(prompt - {""}),
        frozenset(harm_stems - {""}), tuple(sorted(p for p in harm_prefixes if len(p) > 2)),
    )


# A measure named beside a figure: the figure is about it, not what a point asks to be measured.
OTHER_MEASURE = re.compile(
    r"\b(satisfaction|csat|nps|net promoter|score|scores|rating|ratings|survey|reviews?|stars?|sales|"
    r"calls|waits?|waiting|handling time|aht)\b",
    re.I,
)


# Words that open what a rule guards against, after the rule is named.
WHAT_IF = frozenset({"if", "otherwise", "or", "else"})
WHAT_IF_JOINS = frozenset({"so", "and", "but", "cos", "because"})
WHAT_IF_REACH = 2  # clauses after a reason's own read for what the rule guards against
# Concepts that list what could happen to a customer: in a reason their words are its substance.
HARM_CONCEPTS = frozenset({"customer_harm", "injury"})


# A measurable result point whose text asks for the change itself, not any figure.
CHANGE_ASKED = re.compile(
    r"\bbefore and after\b|\bmeasurable (fall|rise|drop|improvement|reduction|increase)\b", re.I
)


def implied(point: MarkingPoint) -> list[Need]:
    """The needs a point's check stands for when the content gives none."""
    minimum = int(point.params.get("min", 1))
    # The point's own words decide whether the year is part of it ("with its year").
    dated = "year" in point.text.lower()
    # ... and whether an abbreviation is enough ("by its full name").
    full = "full name" in point.text.lower()
    match point.check:
        case Check.NAMES_LEGISLATION:
            return [Need(kind=Kind.LEGISLATION, min=minimum, dated=dated, full_name=full)]
        case Check.NAMES_POLICY:
            # As the prompts write it: a catalogue policy or one named in the learner's words.
            return [Need(kind=Kind.POLICY, concepts=[OWN_NAME_CONCEPT], min=minimum)]
        case Check.NAMES_STANDARD:
            return [Need(kind=Kind.STANDARD, min=minimum)]
        case Check.NAMES_REGULATOR:
            return [Need(kind=Kind.REGULATOR)]
        case Check.NAMES_ANY_OF:
            return [Need(named=list(point.params["ids"]), min=minimum, dated=dated, full_name=full)]
        case Check.STAR_COMPLETE:
            return [Need(signal="star")]
        case Check.MEASURABLE_RESULT:
            # "Gives before and after figures", "a measurable fall in complaints", "a measurable
            # improvement": the change, measured (labelling rule: the after figure alone is not met).
            return [Need(signal="change" if CHANGE_ASKED.search(point.text) else "measurable")]
        case Check.EXPLAINS_WHY:
            return [Need(signal="reasoning")]
        case Check.ESCALATION:
            return [Need(signal="escalation")]
    return []


def _credited(found: list[Found]) -> list[Found]:
    return [f for f in found if Flag.OUTDATED.value not in f.flags]


# Points that ask for a name: there the name is the substance ("Our script says..." names it).
NAME_CHECKS = frozenset(
    {Check.NAMES_LEGISLATION, Check.NAMES_POLICY, Check.NAMES_STANDARD, Check.NAMES_REGULATOR,
     Check.NAMES_ANY_OF}
)


# Points whose text asks the learner only to say something: name it, identify it, know it.
ONLY_TO_SAY = ("names", "refers", "knows")


# Where a name point asks for more than the name (labelling rule 2: "the name alone is not"):
# "Names the complaints procedure and follows its stages", "... in the decision", "Names at least
# two measures and how they pull against each other".
ASKS_MORE = re.compile(r"\band (?:follows|uses|applies|how|why|explains)\b|\bin the decision\b")


def asks_for_a_name(point: MarkingPoint) -> bool:
    """Points that ask for a name ("Names the HEAT model"): there the name is the substance. A
    point that asks for a model to be used ("Uses root cause analysis") needs it put to work, and
    so does one that asks for the name and its use ("... and follows its stages")."""
    text = point.text.lower()
    return (
        text.startswith(ONLY_TO_SAY) and "explain" not in text and " role" not in text
        and not ASKS_MORE.search(text)
    )


# The concept that says "a policy or procedure named in the learner's words" (concepts.yaml).
OWN_NAME_CONCEPT = "named_policy"
# Words of a policy's name that say what sort of document it is, not which one.
NAME_GENERIC = frozenset(
    stem(w)
    for w in (
        "policy", "policies", "procedure", "procedures", "process", "code", "standard", "standards",
        "framework", "plan", "guidelines", "guidance", "rules", "terms", "customer", "customers",
        "service", "services", "organisation", "organisational", "company", "our", "the", "and",
        "of", "for", "statement", "agreement", "level", "protocol", "form", "checks", "check",
    )
)


# Words beside a document word that say nothing of which one it is: "the relevant guidance", "our
# usual process", "all our policies".
NOT_WHICH = frozenset(
    {"relevant", "usual", "normal", "correct", "right", "appropriate", "proper", "internal", "existing",
     "various", "all", "every", "different", "same", "whole", "general", "standard", "official", "set",
     "business", "organization", "organizational", "organisation's", "company's", "in-house", "house",
     "strict", "clear", "own", "main", "key", "important", "new",
     # "a non-standard request" names no standard.
     "non", "sub"}
)


# What makes words a document's name; "rules" is left out: "the data protection rules" is the law.
DOCUMENT = frozenset(
    stem(w)
    for w in (
        "policy", "procedure", "process", "code", "charter", "terms", "standard", "framework",
        "scorecard", "matrix", "guidelines", "checklist", "protocol", "promise", "plan", "system",
        "guide", "manual", "handbook",
        # The record a procedure keeps: "the complaints log" is where the complaints procedure lives.
        "log",
    )
)


# Document words in the plural: without a determiner, documents of a kind, not named ones.
PLURAL_DOCUMENTS = frozenset({"policies", "procedures", "processes", "protocols", "standards"})


# A name spelled out in the learner's words (labelling rule: "an organisational policy is named
# when the answer says which one"): a determiner or possessive ("our", "the", "the bank's"), the
# words that say which one, joined by "and", "n" or "&" ("our returns n refunds process", "our
# vulnerable customer and financial abuse procedure"), and a head that says what sort of document
# it is. The heads are DOCUMENT's and the documents of the same kind named otherwise.
NAME_HEADS = DOCUMENT | frozenset(
    stem(w) for w in ("guidance", "guide", "mandate", "register", "script", "book", "rulebook")
)
NAME_OPENERS = frozenset({"our", "the", "my", "their", "its", "your"})
NAME_JOINS = frozenset({"and", "n", "plus"})
NAME_GAP = re.compile(r"[\s&+-]*")  # between the words of one name: no comma, colon or stop
NAME_REACH = 5  # words that say which one, at most


def spelled_names(fx: Findings) -> list[tuple[frozenset[str], Span]]:
    """Names in the learner's words (`NAME_HEADS`): each as the stems of the words that say which
    one and of its head, and its span from the first of those words. "I followed the policy" and
    "always follow procedures" name none (no word says which; no determiner)."""
    out: list[tuple[frozenset[str], Span]] = []
    ws = fx.words
    for i, head in enumerate(ws):
        # "terms" is a document, "the short term" a period; "the room we'd booked" and "the call I
        # logged" name no book and no log (a verb's -ed or -ing form is no document's head).
        if head.stem not in NAME_HEADS or head.low == "term" or i == 0 or head.low.endswith(("ed", "ing")):
            continue
        which: list[Word] = []
        j = i
        opened = False
        while j > 0 and len(which) < NAME_REACH:
            w = ws[j - 1]
            if w.sentence != head.sentence or not NAME_GAP.fullmatch(fx.text, w.end, ws[j].start):
                break
            if w.low in NAME_OPENERS or (w.low.endswith("'s") and which):
                opened = True
                break
            if w.low in NAME_JOINS:
                if not which:
                    break
            elif w.low in FUNCTION_WORDS or figure(w):
                break
            else:
                which.append(w)
            j -= 1
        if not opened or not which or ws[j].low in NAME_JOINS:
            continue
        said = frozenset(w.stem for w in which) | {head.stem}
        out.append((said, (ws[j].start, head.end)))
    return out


_NAME_STEMS: dict[tuple[int, str], frozenset[str]] = {}


def name_stems(content: Content, entry_id: str) -> frozenset[str]:
    """The distinctive words of a policy's names ("refund", "return" for the refund and returns
    policy; "charter" for the customer service charter), worked out once per catalogue."""
    key = (id(content.catalogue), entry_id)
    if key not in _NAME_STEMS:
        _NAME_STEMS[key] = _name_stems(content, entry_id)
    return _NAME_STEMS[key]


def _name_stems(content: Content, entry_id: str) -> frozenset[str]:
    entry = content.catalogue.get(entry_id)
    if entry is None or entry.kind != Kind.POLICY:
        return frozenset()
    out: set[str] = set()
    for form in [entry.name, *entry.aliases]:
        out |= {w.stem for w in words(form) if w.low not in FUNCTION_WORDS and len(w.low) > 2}
    return frozenset(out - NAME_GENERIC)


def own_names(need: Need, fx: Findings, content: Content | None) -> list[tuple[str, Span]]:
    """A policy the need asks for, named in the learner's words: a named policy ("our complaints
    code", "the refunds and returns terms", "our vulnerable customer and financial abuse
    procedure": `spelled_names`, or the `named_policy` concept) sharing a distinctive word with
    the entry's names. The learner names the document; the catalogue need not list every form."""
    if content is None or not need.named or OWN_NAME_CONCEPT not in fx.index.terms:
        return []
    wanted = {i: name_stems(content, i) for i in need.named}
    wanted = {i: st for i, st in wanted.items() if st}
    if not wanted:
        return []
    out: list[tuple[str, Span]] = []
    for spelled, span in spelled_names(fx):
        for entry_id, st in wanted.items():
            if spelled & st:
                out.append((entry_id, span))
                break
    for _, (start, end) in fx.concept(OWN_NAME_CONCEPT):
        inside = [n for n, w in enumerate(fx.words) if start <= w.start < end]
        if inside and fx.words[inside[0]].low in PLURAL_DOCUMENTS:
            # "all our policies on equality": documents of a kind, not one named.
            continue
        said = {fx.words[n].stem for n in inside}
        # The document word may follow a name the concept knows whole: "our think 21 policy".
        after = inside[-1] + 1 if inside else len(fx.words)
        if after < len(fx.words) and fx.words[after].sentence == fx.words[inside[-1]].sentence:
            said.add(fx.words[after].stem)
        if not said & DOCUMENT:
            continue
        for entry_id, st in wanted.items():
            if said & st:
                out.append((entry_id, (start, end)))
                break
    return out


_STAGES: dict[tuple[int, str], frozenset[str]] = {}
STAGE_FORM_MIN = 3  # words a form of a model's name needs to be its stages ("Plan-Do-Check-Act")


def stages(content: Content | None, entry_id: str) -> frozenset[str]:
    """The stages of a model, from the forms of its name that spell them: "Plan-Do-Check-Act",
    "Listen Apologise Thank Explain Resolve", "listen, empathise, apologise, resolve, follow up".
    Lower case; empty for entries that are no model."""
    if content is None:
        return frozenset()
    key = (id(content.catalogue), entry_id)
    if key not in _STAGES:
        entry = content.catalogue.get(entry_id)
        out: set[str] = set()
        if entry is not None and entry.kind == Kind.STANDARD:
            for form in [entry.name, *entry.aliases]:
                if "," in form:
                    parts = [p.split()[0] for p in form.split(",") if p.strip()]
                else:
                    hyphened = [t for t in form.split() if t.count("-") >= STAGE_FORM_MIN - 1]
                    parts = hyphened[0].split("-") if hyphened else form.split()
                    if not hyphened and not all(
                        t[:1].isupper() and not t.isupper() for t in parts[:STAGE_FORM_MIN]
                    ):
                        continue
                if len(parts) >= STAGE_FORM_MIN:
                    out |= {p.casefold() for p in parts if len(p) > 1}
        _STAGES[key] = frozenset(out)
    return _STAGES[key]


def staged(content: Content | None, entry_id: str, text: str) -> Span | None:
    """Where the answer works through a stage of the model: a stage as the label of what was
    done ("Check: I compared ...") or pointed to ("this was the check stage")."""
    said = stages(content, entry_id)
    if not said:
        return None
    alt = "|".join(sorted(map(re.escape, said)))
    m = re.search(rf"(?:^|(?<=[.;!?\n])\s*)((?:{alt})\s*:\s*\w+)", text, re.I) or re.search(
        rf"\b((?:the|this|that|our)\s+(?:{alt})\s+(?:stage|step|phase|part))\b", text, re.I
    )
    return (m.start(1), m.end(1)) if m else None


ENACTED_MIN = 2  # a named model's stages done as the learner's steps that put it to work
# The words learners use for doing a model's stage, by the stage's stem (`enacted`).
STAGE_DONE: dict[str, frozenset[str]] = {
    stem(k): frozenset(stem(w) for w in v)
    for k, v in {
        "hear": ("heard", "listened"),
        "listen": ("heard", "hear"),
        "empathise": ("sympathised", "sympathized", "empathized", "understood", "understand"),
        "apologise": ("sorry", "apologized"),
        "take": ("took",),
        "ownership": ("myself",),
        "resolve": ("fixed", "sorted", "solved", "refunded", "replaced", "swapped", "resolved"),
        "explain": ("explained", "told"),
        "thank": ("thanked",),
        "follow": ("rang", "checked"),
        "check": ("checked", "compared", "measured", "reviewed"),
        "do": ("tried", "trialled", "trialed", "piloted"),
        "plan": ("planned",),
        "act": ("rolled", "kept", "adopted"),
        "review": ("reviewed", "checked", "compared"),
    }.items()
}


# The stages a learner's word for doing one stands for ("heard" -> hear, "took" -> take).
STAGE_DONE_BY: dict[str, frozenset[str]] = {
    w: frozenset(st for st, ws in STAGE_DONE.items() if w in ws) for ws in STAGE_DONE.values() for w in ws
}


def enacted(content: Content | None, entry_id: str, fx: Findings) -> Span | None:
    """Where the answer does a named model's stages as its own steps: words of at least
    `ENACTED_MIN` different stages ("planned", "checked"; "listened", "apologised"), outside the
    model's name and its spelled-out forms, not in a bare list or a stock phrase ("we planned it,
    did it, checked it and acted on it"), not defined and not planned. The span runs from the first
    such word to the last."""
    steps = stages(content, entry_id)
    said = {stem(s) for s in steps if len(s) > 2 and s not in FUNCTION_WORDS}
    # The "do" of a cycle ("plan, do, review") is the change itself: an answer that tells what the
    # learner did has done it, so one more stage of the learner's own is enough.
    done = 1 if any(s.lower() == "do" for s in steps) and fx.signals.get("action") else 0
    if len(said) + done < ENACTED_MIN:
        return None
    # A stage done in the learner's own word for it ("I heard her out", "I said sorry", "I checked
    # the figures"): each such word stands for its stage.
    doing = {w: st for st in said for w in STAGE_DONE.get(st, ())} | {st: st for st in said}
    names = [(f.start, f.end) for f in fx.found]
    seen: dict[str, Word] = {}
    for w in fx.words:
        stage_of = doing.get(w.stem)
        if stage_of is None or stage_of in seen or fx.in_list(w):
            continue
        if fx.in_stock(w) and not fx.substantial((w.start, w.end)):
            # "We reviewed it as a team" is stock; "when we reviewed it after a month the wait was
            # about 4 minutes, so we kept it" says what the review found.
            continue
        if any(a <= w.start < b for a, b in names) or fx.defines((w.start, w.end)):
            continue
        if fx.planned((w.start, w.end), clause=True):
            continue
        seen[stage_of] = w
    if len(seen) + done < ENACTED_MIN:
        return None
    ws = sorted(seen.values(), key=lambda w: w.start)
    return ws[0].start, ws[-1].end


ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")
STEP_START = re.compile(r"[,;:(\-]\s*[\"'(]*\s*$|\b(?:and|then|n)\s+$")
STEPS_REACH = 60  # words after an acronym its steps may take
STEPS_SHARED = 2  # steps a spelled-out model shares with a listed one to be of its kind


def acronym_steps(fx: Findings, at: int, letters: str) -> list[Word]:
    """The steps an acronym at word ``at`` is spelled out with in its sentence: each a word of its
    own (not "a" or "and"), starting with the next letter and, after the first, a clause ("HEAT: I
    heard him out, empathised ..., apologised, and took ownership")."""
    steps: list[Word] = []
    for w in fx.words[at + 1 : at + 1 + STEPS_REACH]:
        if w.sentence != fx.words[at].sentence or len(steps) == len(letters):
            break
        prev = fx.text[max(0, w.start - 8) : w.start]
        if (w.low.startswith(letters[len(steps)]) and w.low not in FUNCTION_WORDS
                and (not steps or STEP_START.search(prev))):
            steps.append(w)
    return steps


def spelled_models(need: Need, fx: Findings, content: Content | None) -> list[tuple[str, Span]]:
    """A model the catalogue may not list, named by its acronym and spelled out step by step in
    the learner's actions: each letter the first letter of a step, in order, each step starting
    a clause ("used LAST - listened..., apologised..., solved it..., thanked her"). It counts for a
    need's listed model when they share `STEPS_SHARED` steps (listen, apologise, thank: LATER's).
    A bare list of the steps ("LAST: listen, apologise, solve, thank") is no use of it."""
    if content is None or not need.named:
        return []
    wanted = {i: frozenset(stem(w) for w in stages(content, i)) for i in need.named}
    wanted = {i: st for i, st in wanted.items() if st}
    if not wanted:
        return []
    out: list[tuple[str, Span]] = []
    for m in ACRONYM.finditer(fx.text):
        at = fx.word_index(m.end())
        if at >= len(fx.words) or fx.words[at].start != m.start():
            continue
        if any(f.start <= m.start() < f.end for f in fx.found):
            # A model the catalogue knows by this acronym ("HEAT") is judged as itself: spelled
            # out with the wrong steps, it is not another model that shares two of them.
            continue
        letters = m.group().casefold()
        steps = acronym_steps(fx, at, letters)
        if len(steps) < len(letters) or all(fx.in_list(w) for w in steps):
            continue
        said = {w.stem for w in steps}
        best = max(wanted, key=lambda i: len(said & wanted[i]))
        if len(said & wanted[best]) >= STEPS_SHARED:
            # Quoted as the acronym and its first steps: "LAST - listened ..., apologised".
            out.append((best, (m.start(), steps[1].end)))
    return out


def wrong_steps(content: Content | None, fx: Findings, entry_id: str, span: Span) -> list[Word]:
    """The steps a model named by its acronym is spelled out with, when they are the wrong ones:
    "HEAT, which stands for Help, Explain, Action, Thank", "PDCA, Plan, Deliver, Communicate,
    Action". Each letter starts a step, as `spelled_models` reads them, but fewer than half the
    steps are the model's own: the learner named a model they do not know, so it is not the
    model used. Empty when the steps are right or not spelled out."""
    own = frozenset(stem(w) for w in stages(content, entry_id))
    acronym = ACRONYM.search(fx.text, span[0], span[1])  # "HEAT", "HEAT model", "the HEAT model"
    if not own or acronym is None:
        return []
    letters = acronym.group().casefold()
    at = fx.word_index(span[1])
    if at >= len(fx.words):
        return []
    steps = acronym_steps(fx, at, letters)
    if len(steps) < min(len(letters), STAGE_FORM_MIN):
        return []
    # A step in the learner's own word for it is the model's ("heard him out", "took ownership").
    right = [w for w in steps if w.stem in own or STAGE_DONE_BY.get(w.stem, frozenset()) & own]
    return steps if 2 * len(right) < len(steps) else []


def wrongly_spelled_out(content: Content | None, fx: Findings, entry_id: str, span: Span) -> bool:
    return bool(wrong_steps(content, fx, entry_id, span))


def spelled_form(content: Content, entry_id: str) -> str | None:
    """The form of a model's name that spells its steps ("Hear Empathise Apologise Take
    ownership", "Plan-Do-Check-Act"), as `stages` reads them."""
    entry = content.catalogue.get(entry_id)
    if entry is None or entry.kind != Kind.STANDARD:
        return None
    for form in [entry.name, *entry.aliases]:
        if "," in form:
            if len([p for p in form.split(",") if p.strip()]) >= STAGE_FORM_MIN:
                return form
            continue
        hyphened = [t for t in form.split() if t.count("-") >= STAGE_FORM_MIN - 1]
        parts = form.split()
        if hyphened or (len(parts) >= STAGE_FORM_MIN and all(
            t[:1].isupper() and not t.isupper() for t in parts[:STAGE_FORM_MIN]
        )):
            return hyphened[0] if hyphened else form
    return None


YEAR_AROUND = re.compile(r"\(?\b(19|20)\d\d\b\)?|\b\d\d\b|['’]s\b")


SHORT_REGS = re.compile(r"\bregs?\b", re.I)


def abbreviated(content: Content, found: Found) -> bool:
    """Whether a mention is only an abbreviation of the entry ("MCA 2005", "the GDPR", "CRA15"), or
    shortens a word of its title ("consumer contracts regs 2013" for the Regulations)."""
    entry = content.catalogue.get(found.entry_id)
    if entry is None:
        return False
    if SHORT_REGS.search(found.text) and "regulations" in entry.name.casefold():
        return True
    said = " ".join(YEAR_AROUND.sub(" ", found.text).split()).strip(" .,").casefold()
    said = said.removeprefix("the ").strip()
    short = {a.casefold() for a in entry.abbreviations}
    short |= {a.casefold() for a in entry.aliases if a.isupper() or (len(a) <= 6 and " " not in a)}
    return said in short or (said.replace(" ", "") in short)


def hits(
    need: Need, fx: Findings, *, substance: bool = True, content: Content | None = None,
    occasion: bool = False, changed: bool = False,
) -> list[tuple[str, Span]]:
    """Every (key, span) the need's sources found; equal keys are one thing said twice. With
    ``substance``, concept and reason hits must say something beyond the prompt's key words. With
    ``changed`` (a point naming what changed), a process said as changed is a name."""
    out: list[tuple[str, Span]] = []
    for cid in need.concepts:
        if cid not in fx.index.concepts:  # an implied need's concept a content pack leaves out
            continue
        said = fx.concept(cid)
        if cid == OWN_NAME_CONCEPT:
            said = [h for h in said if not fx.class_of_documents(h[1]) and not fx.generic_name(h[1])]
            # Not the organisation's own: one said not to exist ("theres no set procedure for it"),
            # or a regulator's ("CQC check this", "the fundamental standards").
            bodies = [(f.start, f.end) for f in fx.found if f.kind == Kind.REGULATOR.value]
            said = [
                h for h in said
                if not NAME_DENIED.search(fx.text, max(0, h[1][0] - NAME_DENIED_REACH), h[1][0])
                and not any(s < h[1][1] and h[1][0] < e for s, e in bodies)
                and not REGULATORS_OWN.fullmatch(fx.text[h[1][0] : h[1][1]])
                and not (not changed and fx.text[h[1][0] : h[1][1]].lower().endswith(CHANGED_WORK_NOUNS)
                         and (CHANGED_WORK.search(fx.text, max(0, h[1][0] - CHANGED_WORK_REACH), h[1][0])
                              or CHANGED_WORK_AFTER.match(fx.text, h[1][1])))
            ]
        if fx.wrong_law:
            # Words that state the law wrongly meet no point, whatever they say besides.
            said = [h for h in said if not any(s < h[1][1] and h[1][0] < e for s, e in fx.wrong_law)]
        if occasion:
            # A point about what was done on the occasion: a plan or a wish is not it ("As a
            # manager I would set clear KPIs ... I would then check the standards were met"), even
            # for a concept read past negation and "if" (``negatable: false``).
            said = [h for h in said if not fx.planned(h[1])]
        knowledge = fx.index.concepts[cid].knowledge
        if substance:
            # Words anyone could say, or a model's parts recited (`STOCK_PHRASES`), are no use of it.
            said = [h for h in said if not fx.all_stock(h[1])]
        if substance and not knowledge:
            # A definition tells what the learner knows, not what they did ("SMART means ...").
            said = [h for h in said if not fx.defines(h[1])]
            if fx.index.concepts[cid].occasion:
                # Done by a colleague or a manager, it is not what the learner did (rule 4); said of
                # customers in general ("customers trust us and become loyal"), it happened to no one.
                said = [h for h in said if not fx.others_doing(h[1]) and not fx.said_of_everyone(h[1])]

        # One developed mention carries a list: "Warehousing, IT and Finance are central teams"
        # counts three teams when the answer goes on to say what one of them did.
        if said and substance and fx.hollow() and not knowledge:
            continue
        # A concept whose terms are no key words (`key_words: false`: "within 4 hours", "sets our
        # charges") is a detail of the learner's own, substance by itself.
        own = not fx.index.concepts[cid].key_words
        if not substance or own or any(
            fx.substantial(span) or fx.self_evident(cid, span) for _, span in said
        ):
            out += said
    named: list[tuple[str, Span]] = []
    for f in _credited(fx.found):
        ids = {f.entry_id} | fx.stands_for.get(f.entry_id, frozenset())
        by_id = bool(ids & set(need.named))
        by_kind = need.kind is not None and f.kind == need.kind.value
        if not (by_id or by_kind):
            continue
        if NAME_DENIED.search(fx.text, max(0, f.start - NAME_DENIED_REACH), f.start):
            # "We don't really do mystery shopping", "there's no set script": named only to say it
            # is not there (labelling rule 4).
            continue
        if f.entry_id in fx.elsewhere:
            # A law (or body) that does not apply where the learner works meets no point: not one
            # asking for the law that applied, and not one naming it either, as those texts name
            # the counterpart for that nation beside it ("Names the Equality Act 2010 (in Northern
            # Ireland, where it does not apply, the Disability Discrimination Act 1995)"), which
            # meets it there (``stands_for``).
            continue
        if need.relevant and f.kind == Kind.LEGISLATION.value and not ids & set(need.relevant):
            continue
        if f.kind == Kind.POLICY.value and fx.class_of_documents((f.start, f.end)):
            continue
        if need.dated and {Flag.WRONG_YEAR.value, Flag.MISSING_YEAR.value} & set(f.flags):
            continue
        if need.full_name and content is not None and abbreviated(content, f):
            continue
        if occasion and fx.planned((f.start, f.end)):
            # "Next time I'd probably use plan do check act": not the model used (rule 4).
            continue
        named.append((f.entry_id, (f.start, f.end)))
    if distinct(named) < need.min or (substance and not any(fx.put_to_work(sp) for _, sp in named)):
        # Only when the catalogue's names fall short (too few, or none put to work): the
        # learner's own words are the fallback ("... but the charter, so I took one off the shelf").
        named += own_names(need, fx, content)
    if substance:
        # "I used HEAT, which stands for Help, Explain, Action, Thank": not HEAT in use (a point
        # asking only for the name is met by the name).
        named = [(k, sp) for k, sp in named if not wrongly_spelled_out(content, fx, k, sp)]
    # A model named by an acronym and spelled out in what the learner did ("used LAST - listened,
    # apologised, solved it, thanked her"): its steps are its use.
    spelled = spelled_models(need, fx, content) if distinct(named) < need.min or substance else []
    if substance:
        # Its steps said as what is always done, or as what the letters stand for, are no use on
        # this occasion ("I always use HEAT, which is Hear, Empathise, Apologise, Take ownership").
        spelled = [h for h in spelled if not fx.habitual(h[1]) and not fx.defines(h[1])]
    named += spelled
    if need.kind == Kind.LEGISLATION and not need.relevant:
        named += fx.statutes()
    # "Uses PDCA" needs the model put to work, not only named ("We used PDCA with a review stage"):
    # in a sentence of the answer's own on this occasion, its stages said as the learner's steps
    # ("Check: I compared the scores", "this was the check stage"), or its steps spelled out.
    stage = [(key, sp) for key, _ in named if (sp := staged(content, key, fx.text)) is not None]
    # ... or its stages done as the learner's own steps elsewhere in the answer ("We used Plan Do
    # Check Act. We planned to send a reminder text ... After a month we checked it").
    stage += [(key, sp) for key, _ in named if (sp := enacted(content, key, fx)) is not None]
    # A hollow answer (`Findings.hollow`: the prompt's words handed back) puts no model to work,
    # however its sentences are built: "we mapped the customer journey end to end and identified the
    # key moments of truth and the pain points".
    used = (spelled or stage or any(fx.put_to_work(span) for _, span in named)) and not fx.hollow()
    if not substance or used:
        out += named + stage
    if need.signal == "star":
        parts = [fx.signals.get(p, []) for p in ("situation", "task", "action", "result")]
        if all(parts) and not (substance and fx.hollow()):
            out += [("star", p[0]) for p in parts]
    elif need.signal:
        spans = fx.signals.get(need.signal, [])
        if need.signal == "reasoning":
            # Reasons in different sentences are different reasons ("why each rule exists").
            out += [(f"reasoning:{fx.part_of(s)}", fx.reason_quotes.get(s, s))
                    for s in reasons(fx, spans, substance=substance)]
        else:
            if substance and need.signal in SUBSTANTIAL_SIGNALS:
                spans = [s for s in spans if fx.substantial(s)]
            if need.about:
                spans = [s for s in spans if fx.about(s, need.about)]
            out += [(need.signal, s) for s in spans]
    if need.where == "result":
        out = [h for h in out if h[1][0] >= fx.result_from]
    return sorted(out, key=lambda h: h[1][0])


GENERIC_YOU = re.compile(
    r"\b(so|because|cos|as) (you|u) (have to|need to|should|must|got to|gotta|ought to)\b", re.I
)


def reasons(fx: Findings, spans: list[Span], *, substance: bool) -> list[Span]:
    """The reason cues that give a reason. "..., so I made a card" is the next step, not a reason
    for it (the labelling rule), unless the words before "so" say how things stood: then they are
    the reason (`Findings.reason_before`). Any other cue needs words of its own after it."""
    if spans and substance and fx.hollow():
        return []
    out = []
    for sp in spans:
        if substance and fx.in_general(sp):
            continue
        if substance and GENERIC_YOU.search(fx.text, sp[0], sp[1] + 20):
            # Advice to anyone, not this case's reason: "social media is public so you have to be
            # careful what you put".
            continue
        if NEXT_STEP.match(fx.text, sp[0]):
            if fx.reason_before(sp):
                out.append(sp)
        elif not substance or fx.substantial(sp, after=True) or fx.cause_before(sp):
            out.append(sp)
    return out


def distinct(found: list[tuple[str, Span]]) -> int:
    """How many different things the hits are: hits with the same key, or over the same words
    ("our refunds policy" is the catalogue's policy and a named policy), are one thing."""
    if any(k == "star" for k, _ in found):
        return 1
    group = list(range(len(found)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i, (ki, (si, ei)) in enumerate(found):
        for j in range(i):
            kj, (sj, ej) = found[j]
            if ki == kj or (si < ej and sj < ei):
                group[root(i)] = root(j)
    return len({root(i) for i in range(len(found))})


def for_nation(content: Content, ids: list[str], nation: str) -> list[str]:
    """The catalogue ids a need names, as they stand where the learner works: a law that does not
    apply there gives way to its counterparts ("the Mental Capacity Act 2005" becomes, in Scotland,
    "the Adults with Incapacity (Scotland) Act 2000"), or drops out when it has none there."""
    out: list[str] = []
    for i in ids:
        entry = content.catalogue.get(i)
        if entry is None:
            continue
        there = [i] if entry.applies_in(nation) else next(
            (local for place, local in entry.counterparts.items() if place == nation), []
        )
        out += [j for j in there if j in content.catalogue and j not in out]
    return out or list(ids)


def describe(content: Content, need: Need, have: int, nation: str = nations.UNKNOWN) -> str:
    """What the coach could not find for one need, in the learner's terms (and the law of the
    learner's ``nation``)."""
    if need.concepts:
        says = content.concepts[need.concepts[0]].says
    elif need.named:
        names = [the(content.catalogue[i]) for i in for_nation(content, need.named, nation)[:3]]
        says = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    elif need.kind is not None:
        says = KIND_MISSING[need.kind]
    else:
        says = SIGNAL_MISSING[need.signal or "star"]
    if need.min > 1:
        return f"{says}: {need.min} different ones (I found {have})"
    return says


def quotes(text: str, spans: list[Span], limit: int = 4) -> tuple[Quote, ...]:
    out: list[Quote] = []
    seen: set[Span] = set()
    for start, end in spans:
        lo, hi = excerpt(text, start, end)
        if (lo, hi) in seen:
            continue
        seen.add((lo, hi))
        out.append(Quote(lo, hi, text[lo:hi]))
        if len(out) == limit:
            break
    return tuple(out)


Judgement = tuple[bool, tuple[Quote, ...], str | None, int]


def judge(content: Content, point: MarkingPoint, fx: Findings) -> Judgement:
    """Met or not, the evidence, what was missing, and how much the first need found."""
    needs = list(point.needs) or implied(point)
    spans: list[Span] = []
    missing: str | None = None
    first = 0
    substance = not asks_for_a_name(point)
    for n, need in enumerate(needs):
        # "Names the policy that changed": there the way of working that changed is the name asked.
        changed = "changed" in point.text.lower()
        found = hits(need, fx, substance=substance, content=content, occasion=point.occasion, changed=changed)
        have = distinct(found)
        if n == 0:
            first = have
        if have >= need.min:
            spans += [s for _, s in found]
        elif missing is None:
            missing = point.missing or describe(content, need, have, fx.nation)
            names = need.model_copy(update={"concepts": []}) if need.named else None
            own_words = need.model_copy(update={"named": []}) if need.concepts else None
            if (
                substance and names is not None and not point.missing and need.min == 1
                and distinct(hits(names, fx, substance=False, content=content)) >= need.min
                and (own_words is None or not hits(own_words, fx, substance=False, content=content))
            ):
                # Named, and nothing said of using it ("I follow HEAT on every complaint"): say so,
                # of the name (not of the learner's own words for it, which the need also takes).
                missing = describe(content, names, have, fx.nation) + NAMED_ONLY
            if need.signal == "star" and not point.missing:
                # Say which part: "your task: what you had to do or decide".
                parts = [p for p in ("situation", "task", "action", "result") if not fx.signals.get(p)]
                missing = " and ".join(SIGNAL_MISSING[p] for p in parts[:2]) or missing
    met = missing is None
    if met and (point.occasion or any(
        content.concepts[c].occasion for need in needs for c in need.concepts if c in content.concepts
    )):
        # What was done is best quoted from the doing: "I moved her to a ground floor room" before
        # "a guest in a wheelchair arrived" (the situation), each part in the answer's order.
        acted = fx.signals.get("action")
        if acted:
            spans = sorted(spans, key=lambda sp: (sp[0] < acted[0][0], sp[0]))
    return met, quotes(fx.text, spans) if met else (), missing, first
