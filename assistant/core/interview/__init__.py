"""Provides the interview engine: commands, replies, plans, progress and the recorder protocol."""
