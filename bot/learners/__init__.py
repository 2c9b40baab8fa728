"""The learner's profile (onboarding and settings) and data rights (export, erasure)."""
