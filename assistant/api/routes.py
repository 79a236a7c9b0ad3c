"""The HTTP API's endpoints: each job of the assistant, answering the CLI's `--json` contract.

Endpoints are plain `def` functions, so FastAPI runs the synchronous graphs in its threadpool
while the event loop keeps accepting requests. A saved result carries its history record id in
the `X-Record-Id` header, so the body stays exactly the report, brief or plan.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Security
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from assistant.handoff import TransitionBrief
from assistant.history import AccountExport, AccountSummary, SavedRecord
from assistant.qualify.schemas import QualificationReport
from assistant.renewal.schemas import RenewalPlan
from assistant.service.contracts import (
    AccountDetail,
    BatchRequest,
    HandoffRequest,
    PlaybookMatch,
    QualifyRequest,
    RenewalRequest,
)
from assistant.service.http_guard import UNAUTHORIZED_MESSAGE, token_equals
from assistant.service.jobs import Service
from assistant.settings import Settings

bearer = HTTPBearer(auto_error=False, description="The value of ASSISTANT_API_TOKEN.")


class ErrorBody(BaseModel):
    """Every error the API answers: one readable message."""

    error: str


class BatchResults(BaseModel):
    """One row per item, in input order: {"id", "report"} or {"id", "error"}, as `qualify-batch` writes."""

    results: list[dict[str, Any]]


def get_service(request: Request) -> Service:
    """The process's one service (assistant and history), built when the app started."""
    service: Service = request.app.state.service
    return service


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]
) -> None:
    """With ASSISTANT_API_TOKEN set, every /v1 request must bear it (a 401 otherwise)."""
    settings: Settings = request.app.state.settings
    if settings.api_token is None:
        return
    if credentials is None or not token_equals(credentials.credentials, settings.api_token):
        raise HTTPException(401, UNAUTHORIZED_MESSAGE, headers={"WWW-Authenticate": "Bearer"})


ServiceDep = Annotated[Service, Depends(get_service)]
AccountName = Annotated[str, Path(description="Account name; 'acme inc.' finds 'Acme'.")]
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": why}
    for code, why in {
        400: "the body is not JSON",
        401: "missing or wrong bearer token",
        404: "no such account",
        413: "the body is over ASSISTANT_MAX_REQUEST_BYTES",
        422: "the request or its notes, facts or account name cannot be used (the message says why)",
        503: "the server's knowledge files, playbook index or history cannot be used",
    }.items()
}
router = APIRouter(prefix="/v1", dependencies=[Depends(require_token)], responses=ERRORS)


def contract(result: BaseModel | list[Any], record: SavedRecord | None = None) -> JSONResponse:
    """The result as the CLI's `--json` prints it (field names as in the models, dates as ISO text)."""
    if isinstance(result, list):
        content: Any = [item.model_dump(mode="json") for item in result]
    else:
        content = result.model_dump(mode="json")
    headers = {"X-Record-Id": str(record.id)} if record is not None else None
    return JSONResponse(content, headers=headers)


@router.post("/qualify", response_model=QualificationReport, tags=["qualify"])
def qualify(body: QualifyRequest, service: ServiceDep) -> JSONResponse:
    """Qualify one set of call notes; with save and account, file the report in the account's history."""
    done = service.qualify(body)
    return contract(done.report, done.record)


@router.post("/qualify/batch", response_model=BatchResults, tags=["qualify"])
def qualify_batch(body: BatchRequest, service: ServiceDep) -> JSONResponse:
    """Qualify many notes; a bad item gets an error row and the others still run, in input order."""
    return JSONResponse({"results": service.qualify_batch(body)})


@router.post("/accounts/{name}/handoff", response_model=TransitionBrief, tags=["accounts"])
def handoff(name: AccountName, body: HandoffRequest, service: ServiceDep) -> JSONResponse:
    """The transition brief from the account's saved calls and reports plus the AE's deal notes."""
    saved = service.write_brief(name, body)
    return contract(saved.result, saved.record)


@router.post("/accounts/{name}/renewal", response_model=RenewalPlan, tags=["accounts"])
def renewal(name: AccountName, body: RenewalRequest, service: ServiceDep) -> JSONResponse:
    """The renewal and expansion plan from the account's facts (and its saved history)."""
    saved = service.plan_renewal(name, body)
    return contract(saved.result, saved.record)


@router.get("/accounts", response_model=list[AccountSummary], tags=["accounts"])
def accounts(service: ServiceDep) -> JSONResponse:
    """Every account with saved work, most recently updated first."""
    return contract(service.accounts())


@router.get("/accounts/{name}", response_model=AccountDetail, tags=["accounts"])
def account(name: AccountName, service: ServiceDep) -> JSONResponse:
    """One account and its saved records, oldest first (payloads left out)."""
    return contract(service.account_detail(name))


@router.get("/accounts/{name}/export", response_model=AccountExport, tags=["accounts"])
def account_export(name: AccountName, service: ServiceDep) -> JSONResponse:
    """Everything saved for one account, payloads and source notes included."""
    return contract(service.account_export(name))


@router.get("/playbooks/search", response_model=list[PlaybookMatch], tags=["playbooks"])
def search_playbooks(
    service: ServiceDep,
    q: Annotated[str, Query(min_length=1, max_length=2_000, description="What to look for.")],
    k: Annotated[int, Query(ge=1, le=50, description="How many passages.")] = 4,
    kind: Annotated[str | None, Query(description="Only playbooks of this kind.")] = None,
    industry: Annotated[str | None, Query(description="Only playbooks for this industry key.")] = None,
) -> JSONResponse:
    """The playbook passages closest to the query, best first."""
    return contract(service.search(q, k=k, kind=kind, industry=industry))
