"""Provides the app's screens, one module per screen named after its class."""

from __future__ import annotations
