"""Everything a person reads: feedback, nudges, progress, assessor views, charts and reports (no telegram)."""
