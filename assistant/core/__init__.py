"""Provides the pure core: banks, assessment model, interview engine, scoring, findings, report.

Nothing here imports a front end, storage or rendering library (tests/test_architecture.py).
"""
