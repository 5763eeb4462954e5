"""Edits by more than one person at a time (team mode, or two windows on one file):
row versions, so that no save silently overwrites another (versions), and the cheap
stamp of recent writes that lets lists follow others' changes (changes)."""
