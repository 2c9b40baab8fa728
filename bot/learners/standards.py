"""The apprenticeship standard a learner works to: set by them, or read from their level where
only one standard fits (Level 2: ST0072 Customer service practitioner; Level 3: ST0071 Customer
service specialist). Levels 4 and 5 have no customer-service standard in the coach, so there it
must be chosen."""

from __future__ import annotations

from content.loader import Content
from content.models import Standard
from storage.models import Learner

LEVEL_STANDARDS = {2: "st0072", 3: "st0071"}


def standard_id_of(learner: Learner) -> str | None:
    return learner.standard or LEVEL_STANDARDS.get(learner.level or 0)


def standard_of(learner: Learner, content: Content) -> Standard | None:
    ident = standard_id_of(learner)
    return content.standards.get(ident) if ident else None
