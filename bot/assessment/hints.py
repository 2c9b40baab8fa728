"""Hints: the law left vague, an organisation's rule presented as law, a regulator left unnamed.

* ``vague_law``: a legal concept ("consumer rights", "data protection", "the law") with no Act
  that covers it named anywhere in the answer. Job titles and teams ("data protection officer",
  "health and safety rep") are not references to the law.
* ``policy_as_law``: the law (or a named Act) said to require what is only shop policy: a receipt,
  the original packaging, store credit or exchange only, a day count the law does not set.
* ``vague_regulator``: "the ombudsman" or "the regulator" with no regulator named; the hint names
  the learner's sector's own in their nation, and for "the ombudsman" only ombudsmen and approved
  dispute-resolution schemes (never a regulator such as Trading Standards or the CQC).
* ``legal_claim`` and the further ``policy_as_law`` cases: ``claims``; ``other_nation`` and
  ``other_sector``: ``extent``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.assessment.claims import LAW_SAYS, check_claims, policy_claim
from bot.assessment.extent import other_nation_hints, other_sector_hints
from bot.assessment.types import Found, Hint
from bot.assessment.wording import join
from content import nations
from content.loader import Content

# Nouns after a concept that make it a role, a team or a document rather than the law.
_NOT_LAW = (
    r"(?!\s+(officers?|team|teams|lead|leads|rep|reps|representative|training|course|module|"
    r"policy|policies|procedures?|checks?|questions|department|manager|champion|notice|form|forms|"
    r"poster|induction|audit|breach|breaches|executive|act|regulations?|risk assessment)\b)"
)


@dataclass(frozen=True)
class Concept:
    pattern: re.Pattern[str]
    suggest: tuple[str, ...]  # entry ids to name in the hint
    satisfied_by: frozenset[str]  # entry ids that make the concept specific; empty: any law


CONCEPTS = (
    Concept(
        re.compile(r"\bconsumer (rights?|law|laws|protection law|legislation)\b" + _NOT_LAW, re.I),
        ("consumer_rights_act_2015",),
        frozenset({"consumer_rights_act_2015", "consumer_contracts_regulations_2013",
                   "dmcc_act_2024", "consumer_protection_unfair_trading_2008",
                   "sale_of_goods_act_1979", "supply_goods_services_act_1982",
                   "consumer_credit_act_1974", "consumer_protection_act_1987",
                   "consumer_duty", "distance_selling_regulations_2000"}),
    ),
    Concept(
        re.compile(r"\b(data protection|privacy)( law| laws| rules| legislation)?\b" + _NOT_LAW
                   + r"(?<!privacy)(?<!privacy rules)", re.I),
        ("data_protection_act_2018", "uk_gdpr"),
        frozenset({"data_protection_act_2018", "uk_gdpr", "data_protection_act_1998",
                   "data_use_access_act_2025", "pecr_2003"}),
    ),
    Concept(
        re.compile(r"\b(equality|discrimination|disability|equal rights) (law|laws|rules|"
                   r"legislation)\b", re.I),
        ("equality_act_2010",),
        frozenset({"equality_act_2010", "disability_discrimination_act_1995"}),
    ),
    Concept(
        re.compile(r"\b(health (and|&) safety|h&s)( law| laws| rules| legislation)?\b" + _NOT_LAW,
                   re.I),
        ("health_safety_at_work_act_1974",),
        frozenset({"health_safety_at_work_act_1974"}),
    ),
    Concept(
        re.compile(r"\b(the law|by law|against the law|legally|legislation|legal (requirement|"
                   r"obligation|duty))\b", re.I),
        (),
        frozenset(),
    ),
)

LAW_ANCHOR = re.compile(
    r"\b(the law|by law|legally|legal(ly)? (requirement|right|obligation)|it'?s the law|"
    r"(act|regulations|regs|legislation) (says|say|states|means|requires))\b",
    re.I,
)
POLICY_RULE = re.compile(
    r"\b(receipts?\b|original packaging|store credit|credit note|exchange only|"
    r"only (offer|give|do) (an )?exchange|restocking fee|tags? (on|attached)|unworn|"
    r"manager'?s? (approval|authorisation))",
    re.I,
)
# A day count the law does not set (14 days to cancel online, 30 days to reject a faulty item).
DAY_COUNT = re.compile(r"\b(?!14\b|30\b)\d+\s*days?\b", re.I)
SAYS = re.compile(r"^\W*(\w+\W+){0,2}?(says|say|states|means|requires|gives)\b", re.I)
# Contrast, negation or someone else's belief: the learner is correcting the myth, not repeating it.
NEGATED = re.compile(
    r"\b(no|not|n't|without|only needs|doesn'?t|isn'?t|but the|think|thinks|believe|believes|"
    r"assume|assumes|myth|more than|beyond|on top of|better than|further than|"
    # ... or the policy said to give more than the law: "our policy can add to what the law gives".
    r"adds? to|added to|adding to|over and above|as well as)\b",
    re.I,
)
# Words that make a rule said before a law claim the law's: "the receipt cause that's the law".
LINKED = re.compile(r"\b(because|cause|cos|coz|as|since|that'?s|thats|it'?s|its|is|are|by|required|needed)\b",
                    re.I)
CONTRAST = re.compile(r"\b(but|whereas|while|however|unlike|although|though)\b", re.I)
VAGUE_BODY = re.compile(r"\b(the|an|our) (ombudsman|ombudsmen|regulator|watchdog|regulatory body)\b",
                        re.I)


def _overlaps(start: int, end: int, found: list[Found]) -> bool:
    return any(f.start < end and start < f.end for f in found)


def _names(content: Content, ids: tuple[str, ...] | list[str]) -> str:
    return join(content.catalogue[i] for i in ids if i in content.catalogue)


def _policy_as_law(text: str, found: list[Found]) -> tuple[int, int] | None:
    """The span of a law claim followed by a policy rule in the same sentence, if any.

    After "the law" any policy rule counts, a day count too; after a named Act only a rule the
    Act plainly does not make (a receipt, store credit), and only when the Act is said to say it:
    "under the Distance Selling Regulations she had 7 days" quotes the law, right or wrong."""
    anchors = [(m.start(), m.end(), True) for m in LAW_ANCHOR.finditer(text)]
    anchors += [(f.start, f.end, False) for f in found if f.kind == "legislation"]
    for start, end, vague in anchors:
        if not vague and not SAYS.match(text[end:]):
            continue
        sentence_start = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
        sentence_end = re.search(r"[.!?\n]", text[end:])
        stop = end + (sentence_end.start() if sentence_end else len(text) - end)
        window = text[end : min(stop, end + 90)]
        rule = POLICY_RULE.search(window) or (DAY_COUNT.search(window) if vague else None)
        if rule and not NEGATED.search(text[sentence_start : end + rule.start()]):
            return start, end + rule.end()
        # The rule may come first: "I always ask for the receipt cause that's the law".
        lead = max(sentence_start, start - 60)
        before = text[lead:start]
        rule = POLICY_RULE.search(before) or (DAY_COUNT.search(before) if vague else None)
        # Looking back, any contrast in the sentence ("without a receipt, so the law comes first")
        # means the learner is telling policy and law apart.
        # ... and the rule is said to be the law ("the receipt cause that's the law"), not only
        # mentioned beside it ("with the receipt and what the Act says") or set against it ("needs
        # a receipt, but faulty goods are the customer's legal right").
        between = before[rule.end() :] if rule else ""
        if (vague and rule and not NEGATED.search(text[sentence_start:stop])
                and LINKED.search(between) and not CONTRAST.search(between)):
            return lead + rule.start(), end
    return None


def find_hints(
    text: str, found: list[Found], content: Content, sector: str, nation: str = nations.UNKNOWN
) -> list[Hint]:
    hints: list[Hint] = []
    named = {f.entry_id for f in found}
    claim = _policy_as_law(text, found)
    if claim is not None:
        hints.append(Hint(
            "policy_as_law",
            "Careful: a receipt, a time limit or exchange-only is your organisation's policy, not "
            f"the law. {LAW_SAYS} Say which is which: the law sets the minimum, and your policy "
            "can give more.",
        ))
    else:
        policy = policy_claim(text)
        if policy is not None:
            hints.append(policy)
            claim = (0, len(text))  # the whole answer's law talk is already corrected
    if claim is None:
        hints.extend(check_claims(text, content, found))
    hints.extend(other_nation_hints(found, content, nation))
    hints.extend(other_sector_hints(found, content, sector, nation))
    vague: list[tuple[str, Concept]] = []
    for concept in CONCEPTS:
        for m in concept.pattern.finditer(text):
            if _overlaps(m.start(), m.end(), found):
                continue
            if claim is not None and claim[0] <= m.start() < claim[1]:
                continue  # already corrected as policy presented as law
            laws = {f.entry_id for f in found if f.kind == "legislation"}
            if (concept.satisfied_by & named) or (not concept.satisfied_by and laws):
                continue
            vague.append((m.group(0), concept))
            break
    if vague:
        phrase, concept = vague[0]
        suggestion = next((_names(content, c.suggest) for _p, c in vague if c.suggest), "")
        message = f"You said \u201c{phrase}\u201d: name the law itself"
        message += f", here {suggestion}." if suggestion else ", the Act and its year."
        hints.append(Hint("vague_law", message))
    body = VAGUE_BODY.search(text)
    if body and not any(f.kind == "regulator" for f in found):
        hints.append(Hint("vague_regulator", _which_body(content, sector, nation, body.group(2))))
    return hints


def _which_body(content: Content, sector: str, nation: str, said: str) -> str:
    """ "Which ombudsman?" offers only ombudsmen and approved schemes; "which regulator?" the
    sector's bodies; both as they are where the learner works."""
    sector_def = content.sectors.get(sector)
    expected = sector_def.regulators_in(nation) if sector_def else []
    usable = [i for i in expected if i in content.catalogue
              and content.catalogue[i].applies_in(nation)]
    word = said.lower()
    if word.startswith("ombudsm"):
        usable = [i for i in usable if content.catalogue[i].ombudsman]
        if not usable:
            return ("Which ombudsman? Name the scheme your organisation belongs to, or say where "
                    "the customer could take the complaint.")
    else:
        usable = [i for i in usable if not content.catalogue[i].ombudsman] or usable
    message = f"Which {word}? Name the body"
    return message + (f": in your sector, {_names(content, usable[:2])}." if usable else ".")
