"""Renewal plan page helpers: state, form, tables, chart and view."""
