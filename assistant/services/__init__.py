"""Provides the use cases both front ends and the CLI call: open an assessment, start an
interview, build a report or the demo, and the review screens' data. No UI library here."""
