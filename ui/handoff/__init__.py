"""Handoff brief page helpers: state and view."""
