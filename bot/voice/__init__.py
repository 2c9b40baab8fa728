"""Spoken answers: decode a voice note, transcribe it on this machine, keep no audio."""
