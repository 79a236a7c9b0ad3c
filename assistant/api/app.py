"""The HTTP API application (`sales-assistant serve`): FastAPI on uvicorn, one service per process.

The service (assistant, playbook index, history) is built in the lifespan, before uvicorn accepts
a connection, and shared by every request thread. Every error is JSON `{"error": "..."}`: the
CLI's own messages for what the caller can fix (4xx) or what the server's files break (503),
and a bare "internal error" for anything unforeseen, whose traceback stays in the server's log.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.api.routes import router
from assistant.service.errors import KNOWN_ERRORS, problem_of
from assistant.service.http_guard import BodyLimit, check_exposure
from assistant.service.jobs import Service
from assistant.settings import Settings

log = logging.getLogger("sales_assistant.api")

DESCRIPTION = (
    "Qualify discovery-call notes, write transition briefs and renewal plans over the account "
    "history, and search the playbooks. Bodies and answers follow the CLI's `--json` contracts. "
    "With ASSISTANT_API_TOKEN set, every /v1 request needs `Authorization: Bearer <token>`."
)


def create_app(settings: Settings, service: Service | None = None) -> FastAPI:
    """The API over `service`, or over one built from `settings` when the server starts."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.service = service or Service.from_settings(settings)
        try:
            yield
        finally:
            if service is None:  # built here, so closed here; a given one belongs to its caller
                app.state.service.close()

    app = FastAPI(title="Sales assistant API", version="1", description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.include_router(router)
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    _add_error_handlers(app)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        """Liveness for a load balancer: open without the token, answers once the index is built."""
        return {"status": "ok"}

    return app


def _add_error_handlers(app: FastAPI) -> None:
    """Every failure as `{"error": "..."}` with the status that says whose it is."""

    async def known(request: Request, exc: Exception) -> JSONResponse:
        problem = problem_of(exc)
        if problem is None:  # pragma: no cover - KNOWN_ERRORS are exactly what problem_of phrases
            return await unforeseen(request, exc)
        return JSONResponse({"error": problem.message}, status_code=problem.status)

    async def invalid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = exc.errors()
        if any(error.get("type") == "json_invalid" for error in errors):
            return JSONResponse({"error": "the body is not valid JSON"}, status_code=400)
        return JSONResponse({"error": "; ".join(_described(error) for error in errors[:3])}, status_code=422)

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    async def unforeseen(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected failure on %s %s", request.method, request.url.path, exc_info=exc)
        return JSONResponse({"error": "internal error: the server's log has the details"}, status_code=500)

    for error_class in KNOWN_ERRORS:
        app.add_exception_handler(error_class, known)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unforeseen)


def _described(error: dict[str, object]) -> str:
    """'body.call_date: Input should be a valid date' from one of FastAPI's validation errors."""
    location = error.get("loc") or ()
    where = ".".join(str(part) for part in location) if isinstance(location, tuple | list) else ""
    return f"{where}: {error.get('msg')}" if where else str(error.get("msg"))


def run_api(settings: Settings, host: str, port: int) -> None:
    """Serve the API until Ctrl-C (one process: the graphs run in its threadpool)."""
    import uvicorn

    check_exposure(host, settings.api_token, "HTTP API")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", server_header=False)
