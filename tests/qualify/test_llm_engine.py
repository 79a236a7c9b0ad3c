"""The LLM engine through litellm, replayed from cassettes recorded against a real server.

Cassettes under tests/cassettes/test_llm_engine/ were recorded with scripts/record_cassettes.sh
against llama.cpp's server over the tiny Gemma 3 270M GGUF (often wrong: good material for
verification). CI replays them with record mode `none`, so a missing cassette fails.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from assistant.qualify.schemas import QualificationReport
from assistant.runtime import Assistant
from assistant.settings import Settings
from tests.conftest import LLM_API_BASE, LLM_MODEL

CALL = dt.date(2026, 11, 10)
NOTES = (
    "Call with Maya Lin, VP Operations at Harbor Freight Logistics (trucking, 1,200 employees).\n"
    "Problem: dispatch is manual and late deliveries cost $30k a month in penalties.\n"
    "Budget: $150k approved. Timeline: wants to sign by end of January.\n"
    "Asked about API access and SSO with Okta."
)


def llm_assistant(tmp_path: Path) -> Assistant:
    settings = Settings(
        data_dir=tmp_path,
        embedding="hashing",
        model=LLM_MODEL,
        api_base=LLM_API_BASE,
        max_retries=0,
        timeout_s=120,
    )
    return Assistant(settings)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def assert_verbatim(report: QualificationReport, notes: str) -> None:
    for result in report.criteria.values():
        for quote in result.evidence:
            assert squash(quote) in squash(notes)


@pytest.mark.vcr
def test_one_model_call_verified_against_the_notes(tmp_path: Path) -> None:
    report = llm_assistant(tmp_path).qualify(NOTES, CALL)
    assert report.engine == f"litellm:{LLM_MODEL}"
    assert report.metadata is not None and report.metadata.llm is not None
    usage = report.metadata.llm
    assert 1 <= usage.calls <= 2, "one call, plus at most one repair"
    assert usage.prompt_tokens > 0 and usage.completion_tokens > 0
    assert_verbatim(report, NOTES)
    assert report.recommendations, "specialists still come from the rules and the roster"


# The three cassettes below are copies of the recorded one with the model's answer edited by
# hand (a 500, a 429, a body cut in half): failures a live server rarely gives on demand.
@pytest.mark.vcr
@pytest.mark.parametrize(
    ("kind"),
    [
        pytest.param("http", id="http_500"),
        pytest.param("rate_limit", id="rate_limit"),
        pytest.param("invalid_output", id="truncated_json"),
    ],
)
def test_edited_failures_fall_back(tmp_path: Path, kind: str) -> None:
    report = llm_assistant(tmp_path).qualify(NOTES, CALL)
    assert report.engine == "offline"
    warning = next(w for w in report.warnings if w.startswith("LLM engine failed"))
    assert f"({kind}:" in warning
    assert report.criteria["title"].status == "met"
    assert report.criteria["timeline"].status == "met"
    assert_verbatim(report, NOTES)
