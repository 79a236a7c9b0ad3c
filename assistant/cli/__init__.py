"""The `sales-assistant` console script, one module per command group."""

from assistant.cli.main import app, main

__all__ = ["app", "main"]
