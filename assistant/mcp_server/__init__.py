"""The assistant as an MCP server (`sales-assistant mcp`): tools for each job, the knowledge as resources.

Imported only by that command, so the official `mcp` SDK never loads for `qualify` and the rest.
"""
