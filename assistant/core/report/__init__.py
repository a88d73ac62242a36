"""Provides the report model and the builders that compose it from an assessment."""
