"""Provides the exporters: functions from the domain or report model to text or bytes."""
