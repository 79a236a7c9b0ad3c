"""Playbook library and rubric-and-roster page helpers."""
