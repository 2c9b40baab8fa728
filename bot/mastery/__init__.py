"""Mastery and spaced review: progress by topic and skill, streak, FSRS review of areas."""
