"""Assessors and cohorts: roles, cohorts and invites, insights per learner, the weekly digest."""
