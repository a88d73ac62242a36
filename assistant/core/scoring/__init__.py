"""Provides score suggestions, the assessor's decisions and rollups over the scale."""
