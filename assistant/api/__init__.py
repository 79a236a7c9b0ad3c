"""The assistant as an HTTP API (`sales-assistant serve`): FastAPI endpoints over one service per process.

Imported only by that command, so FastAPI and uvicorn never load for `qualify` and the rest.
"""
