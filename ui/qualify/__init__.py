"""Qualify page helpers: state, view and the override panel."""
