"""Re-make the hand-edited failure cassettes (qualify: a 500, a 429 and a cut body; renewal: a 500
and a cut body; handoff: a 500).

Run after scripts/record_cassettes.sh re-records the renewal cassette, because the failure
cassettes must carry the same request bodies as the recording to match on replay:

    python scripts/make_edited_cassettes.py tests/cassettes/test_llm_engine
    python scripts/make_edited_cassettes.py tests/cassettes/test_renewal_llm
    python scripts/make_edited_cassettes.py tests/cassettes/test_handoff_llm
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

RECORDED = "test_one_model_call_words_the_plan_and_numbers_stay_computed.yaml"
EDITED = "test_edited_failures_fall_back_to_the_offline_advisor[{}].yaml"
HANDOFF_RECORDED = "test_one_model_call_verified_against_the_sources.yaml"
HANDOFF_EDITED = "test_edited_failure_falls_back.yaml"
QUALIFY_RECORDED = "test_one_model_call_verified_against_the_notes.yaml"
QUALIFY_EDITED = "test_edited_failures_fall_back[{}].yaml"


def http_500(response: dict[str, Any]) -> None:
    """The server crashes on the model's answer."""
    response["body"]["string"] = '{"error": {"message": "model crashed", "type": "server_error"}}'
    response["status"] = {"code": 500, "message": "Internal Server Error"}


def rate_limited(response: dict[str, Any]) -> None:
    """The provider refuses: too many requests."""
    response["body"]["string"] = '{"error": {"message": "rate limited", "type": "rate_limit_error"}}'
    response["status"] = {"code": 429, "message": "Too Many Requests"}


def truncated(response: dict[str, Any]) -> None:
    """The connection drops halfway through the answer."""
    response["body"]["string"] = response["body"]["string"][: len(response["body"]["string"]) // 2]


def write_edited(
    folder: Path,
    kind: str,
    edit: Callable[[dict[str, Any]], None],
    recorded: str = RECORDED,
    edited_name: str = EDITED,
) -> None:
    """A copy of the recording whose last response is edited, with a matching content length."""
    data = yaml.safe_load((folder / recorded).read_text(encoding="utf-8"))
    edited = copy.deepcopy(data)
    last = edited["interactions"][-1]["response"]
    edit(last)
    last["headers"]["content-length"] = [str(len(last["body"]["string"].encode()))]
    (folder / edited_name.format(kind)).write_text(yaml.dump(edited, allow_unicode=True), encoding="utf-8")


def handoff_overloaded(folder: Path) -> None:
    """The handoff reader's failure cassette: the model's answer replaced by a 500."""
    data = yaml.safe_load((folder / HANDOFF_RECORDED).read_text(encoding="utf-8"))
    last = data["interactions"][-1]["response"]
    last["body"]["string"] = (
        '{"error":{"message":"server overloaded (edited by hand)","type":"internal_server_error",'
        '"param":null,"code":null}}'
    )
    last["status"] = {"code": 500, "message": "Internal Server Error"}
    last["headers"]["content-length"] = [str(len(last["body"]["string"].encode()))]
    (folder / HANDOFF_EDITED).write_text(yaml.dump(data, allow_unicode=True), encoding="utf-8")


if __name__ == "__main__":
    target = Path(sys.argv[1])
    if target.name == "test_handoff_llm":
        handoff_overloaded(target)
    elif target.name == "test_llm_engine":
        for kind, edit in (
            ("http_500", http_500),
            ("rate_limit", rate_limited),
            ("truncated_json", truncated),
        ):
            write_edited(target, kind, edit, QUALIFY_RECORDED, QUALIFY_EDITED)
    else:
        write_edited(target, "http_500", http_500)
        write_edited(target, "truncated_json", truncated)
