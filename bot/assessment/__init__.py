"""The assessment engine: what an answer names, its STAR structure, its marks and feedback."""

from bot.assessment.engine import Assessor
from bot.assessment.types import Assessment, Found, Grade, Hint, PointResult

__all__ = ["Assessment", "Assessor", "Found", "Grade", "Hint", "PointResult"]
