"""Provides what the organisation brings to an assessment, read from its own spreadsheets.

The self-assessment workbook (`selfassess`), the evidence library (`library`) and the interview
schedule checks (`schedule`). Files are read by `assistant.store.sheets` into a `table.Table`;
everything here is pure: columns are matched by name, cells are parsed, and every problem is a
`table.Problem` naming the row and column so that the rest of the file can still be imported.
"""
