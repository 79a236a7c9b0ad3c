"""Calls and tokens per qualification with the LLM engine, read from the recorded cassettes.

    python bench/bench_llm_cassettes.py [tests/cassettes/test_llm_engine]

Each cassette holds the HTTP exchanges of one qualification. Requests that the server refused
(e.g. llama.cpp answering `json_schema` with an error before the `json_object` retry) are
counted apart from answered calls. Prints medians over the recorded cassettes.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

import yaml

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "cassettes" / "test_llm_engine"


def read_cassette(path: Path) -> dict[str, int]:
    """Requests, answered calls and token counts of one qualification."""
    interactions = yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]
    answered = prompt = completion = 0
    for interaction in interactions:
        response = interaction["response"]
        if response["status"]["code"] != 200:
            continue
        try:
            usage = json.loads(response["body"]["string"]).get("usage", {})
        except (ValueError, AttributeError):
            continue
        answered += 1
        prompt += int(usage.get("prompt_tokens", 0))
        completion += int(usage.get("completion_tokens", 0))
    return {"requests": len(interactions), "answered": answered, "prompt": prompt, "completion": completion}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    args = parser.parse_args()
    rows = {path.name: read_cassette(path) for path in sorted(args.folder.glob("*.yaml"))}
    recorded = {name: row for name, row in rows.items() if row["answered"]}
    for name, row in rows.items():
        print(f"{name}: {row}")
    if recorded:
        for key in ("requests", "answered", "prompt", "completion"):
            print(
                f"median {key} per qualification (recorded answers): "
                f"{statistics.median(r[key] for r in recorded.values()):g}"
            )


if __name__ == "__main__":
    main()
