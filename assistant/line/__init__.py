"""Provides the accessible line mode: the interview as plain lines in an ordinary terminal.

For screen readers, braille displays and poor connections. It prints each engine reply as a
line with a role prefix and reads input with prompt-toolkit; it never imports Textual, and the
Textual front end never imports it. Start it with `assessor --plain` (see `repl.run`).
"""
