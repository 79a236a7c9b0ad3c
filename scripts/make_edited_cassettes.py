"""Re-make the hand-edited renewal cassettes (an HTTP 500, a body cut short) from the recorded one.

Run after scripts/record_cassettes.sh re-records the renewal cassette, because the failure
cassettes must carry the same request bodies as the recording to match on replay:

    python scripts/make_edited_cassettes.py tests/cassettes/test_renewal_llm
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


def http_500(response: dict[str, Any]) -> None:
    """The server crashes on the model's answer."""
    response["body"]["string"] = '{"error": {"message": "model crashed", "type": "server_error"}}'
    response["status"] = {"code": 500, "message": "Internal Server Error"}


def truncated(response: dict[str, Any]) -> None:
    """The connection drops halfway through the answer."""
    response["body"]["string"] = response["body"]["string"][: len(response["body"]["string"]) // 2]


def write_edited(folder: Path, kind: str, edit: Callable[[dict[str, Any]], None]) -> None:
    """A copy of the recording whose last response is edited, with a matching content length."""
    data = yaml.safe_load((folder / RECORDED).read_text(encoding="utf-8"))
    edited = copy.deepcopy(data)
    last = edited["interactions"][-1]["response"]
    edit(last)
    last["headers"]["content-length"] = [str(len(last["body"]["string"].encode()))]
    (folder / EDITED.format(kind)).write_text(yaml.dump(edited, allow_unicode=True), encoding="utf-8")


if __name__ == "__main__":
    target = Path(sys.argv[1])
    write_edited(target, "http_500", http_500)
    write_edited(target, "truncated_json", truncated)
