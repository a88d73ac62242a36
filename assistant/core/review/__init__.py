"""Provides the rules of team review: status moves, consensus arithmetic, sign-off blockers.

Pure functions over `assistant.core.model` records and the bank; no I/O. The use cases that
apply them to a stored assessment are in `assistant.services.review`.
"""
