"""Provides what each answer and evidence item says for a criterion, and triangulation."""
