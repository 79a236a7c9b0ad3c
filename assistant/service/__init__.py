"""The jobs as the HTTP API and the MCP server call them: requests, the CLI's JSON contracts, errors.

Both front ends sit above this package and never import each other; what they share is here:
`contracts` (request and listing models, also the CLI's `--json` shapes), `jobs` (one `Service`
per process), `errors` (which failures are the caller's) and `http_guard` (token, body limit).
Nothing is imported here, so the CLI can use `contracts` without loading the rest at start-up.
"""
