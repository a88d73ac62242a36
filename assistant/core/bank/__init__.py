"""Provides the question-bank model and the loader that validates bank files."""
