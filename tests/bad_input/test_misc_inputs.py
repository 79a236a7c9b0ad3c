"""Secrets pasted into notes (OpenAI, AWS, GitHub and Slack keys, bearer tokens, private key blocks, the
configured API key) are redacted before the notes are read, saved, exported or sent to a model, and
reports still quote the text the graph read verbatim; look-alikes stay. A database URL whose
password holds unencoded '/', ':' or '@' is a clear message that never shows the password."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.account_jobs import AccountJobs, DealNotes
from assistant.cli.main import app
from assistant.errors import redact_notes, redact_url
from assistant.history import AccountHistory, HistoryError
from assistant.history.database import parse_url
from assistant.runtime import Assistant
from assistant.settings import load_settings
from assistant.text.decoding import clean_notes
from tests.bad_input.conftest import CALL, baseline, verdict_of
from tests.bad_input.faults import ACCOUNT, Env
from tests.bad_input.samples import GOOD
from tests.openai_stub import Reply, serve

runner = CliRunner()
AS_OF = ["--as-of", "2026-11-10"]
CONFIGURED_KEY = "corp-gateway-key-7f3a9c2e51d04b68"
SECRETS = {
    "openai-project": "sk-proj-Xq3vT9bL2mN8pR4sW6yZ1aC5dE7fG0hJ",
    "openai-legacy": "sk-" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3",
    "anthropic": "sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe",
    "aws-access-key": "AKIAIOSFODNN7EXAMPLE",
    "aws-secret-labelled": "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "github-classic": "ghp_" + "1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R",
    "github-fine-grained": "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
    "slack-bot": "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
    "bearer": "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVP",
    "private-key": "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo\n4lgOEePzNm0tRgeLezV6ffAt0gunVTLw\n-----END RSA PRIVATE KEY-----",
    "private-key-cut-short": "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAE",
    "configured-key": CONFIGURED_KEY,
}
SECRET_PARTS = {
    name: value.split("\n")[1] if "\n" in value else value.split()[-1] for name, value in SECRETS.items()
}
"""The part of each secret that must never appear (the label may stay)."""
LOOK_ALIKES = [
    "We use sk-learn-pipelines-for-churn-scoring in the data team.",
    "The task-force-on-procurement-modernisation meets weekly.",
    "Ticket ASK-1234 and AKIA-style ids are internal.",
    "He was the bearer of bad news about the budget.",
    "Slack channel #xox-team and ghp_short are fine.",
]


@pytest.fixture(autouse=True)
def configured_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_API_KEY", CONFIGURED_KEY)


def with_secret(name: str) -> str:
    return f"{GOOD}\nThe admin pasted this by mistake:\n{SECRETS[name]}\nThanks, talk soon."


@pytest.mark.parametrize("name", SECRETS)
def test_clean_notes_redacts_each_secret_and_says_so(name: str) -> None:
    text, warnings = clean_notes(with_secret(name), 100_000)
    assert SECRET_PARTS[name] not in text and "[redacted]" in text
    assert any("removed from the notes" in warning for warning in warnings), warnings
    assert GOOD in text and "Thanks, talk soon." in text, "only the secret goes"


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_are_kept(text: str) -> None:
    assert redact_notes(text) == (text, 0)
    assert clean_notes(text, 100_000) == (text, [])


@pytest.mark.parametrize("name", SECRETS)
def test_a_report_never_carries_a_pasted_secret_and_quotes_what_the_graph_read(name: str, env: Env) -> None:
    notes = with_secret(name)
    report = Assistant(env.settings()).qualify(notes, CALL)
    dumped = report.model_dump_json()
    assert SECRET_PARTS[name] not in dumped
    assert any("removed from the notes" in warning for warning in report.warnings)
    read, _ = clean_notes(notes, env.settings().max_note_chars)
    assert verdict_of(report.model_dump(mode="json")) == baseline(env, read), "redaction changes nothing else"
    quotes = [quote for result in report.criteria.values() for quote in result.evidence]
    assert quotes and all(quote in read for quote in quotes), "evidence stays verbatim spans of what was read"


@pytest.mark.parametrize("name", ["openai-project", "private-key", "configured-key", "bearer"])
def test_the_model_is_never_sent_a_pasted_secret(name: str, env: Env, tmp_path: Path) -> None:
    with serve({"stub": [Reply(200, "{}")]}) as stub:
        settings = load_settings(model="openai/stub", api_base=stub.url, timeout_s=10, max_retries=0)
        Assistant(settings).qualify(with_secret(name), CALL)
    assert stub.seen, "the model was asked"
    sent = " ".join(request.body for request in stub.seen)
    assert "Delta Bank" in sent and "[redacted]" in sent
    assert SECRET_PARTS[name] not in sent


@pytest.mark.parametrize(
    "name", ["aws-access-key", "github-classic", "slack-bot", "private-key", "configured-key"]
)
def test_saved_and_exported_notes_carry_no_secret(name: str, env: Env) -> None:
    notes = env.files / "call.txt"
    notes.write_text(with_secret(name), encoding="utf-8")
    result = runner.invoke(app, ["qualify", str(notes), "--json", *AS_OF, "--save", "--account", ACCOUNT])
    assert result.exit_code == 0, result.output
    exported = runner.invoke(app, ["accounts", "export", ACCOUNT])
    assert exported.exit_code == 0 and "The admin pasted this" in exported.stdout
    for text in (result.stdout, result.stderr, exported.stdout):
        assert SECRET_PARTS[name] not in text
    raw = env.history_file.read_bytes() + b"".join(
        p.read_bytes() for p in env.data_dir.glob("history.sqlite3-*")
    )
    assert SECRET_PARTS[name].encode() not in raw


@pytest.mark.parametrize("name", ["openai-legacy", "aws-secret-labelled"])
def test_deal_notes_filed_by_a_handoff_carry_no_secret(name: str, env: Env) -> None:
    assistant = Assistant(env.settings())
    with AccountHistory.from_settings(env.settings()) as history:
        jobs = AccountJobs(assistant, history)
        jobs.save_qualification(ACCOUNT, assistant.qualify(GOOD, CALL), GOOD)
        fresh = [DealNotes(text=with_secret(name), label="Deal notes")]
        jobs.write_brief(ACCOUNT, fresh, as_of=CALL)
        assert jobs.unsaved_notes(ACCOUNT, fresh) == [], "the same notes are not filed twice"
        kept = [record.source_text or "" for record in history.records(ACCOUNT)]
    assert any("[redacted]" in text for text in kept) and not any(SECRET_PARTS[name] in text for text in kept)


def test_batch_output_carries_no_secret(env: Env) -> None:
    batch = env.files / "leads.jsonl"
    batch.write_text(
        "".join(json.dumps({"id": name, "notes": with_secret(name)}) + "\n" for name in SECRETS),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["qualify-batch", str(batch), *AS_OF])
    assert result.exit_code == 0, result.output
    assert not any(part in result.output for part in SECRET_PARTS.values())


PASSWORD_URLS = [
    ("postgresql://sales:P@ss:w0/rd@db.internal:5432/crm", "P@ss:w0/rd", r"has '@' inside its password"),
    ("postgresql://sales:s3cr3t/x@yz@db.internal/crm", "s3cr3t/x@yz", r"has '@' inside its password"),
    ("postgresql://sales:=ViR/@:U@db.internal:5432/crm", "=ViR/@:U", r"has '@' inside its password"),
    ("postgresql://sales:hunter2@db.internal:port/crm", "hunter2", r"is not a URL; use"),
    ("postgresql+psycopg://sales:ab/cd:ef@db.internal:5432/crm", "ab/cd:ef", None),
    ("postgresql://sales:pa%2Fss%40x@db.internal/crm", "pa%2Fss%40x", None),
]


@pytest.mark.parametrize(("url", "password", "refused"), PASSWORD_URLS)
def test_a_database_url_with_special_characters_in_the_password(
    url: str, password: str, refused: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert password not in redact_url(url)
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", url)
    result = runner.invoke(app, ["info"])
    assert "Traceback" not in result.output and password not in result.output
    if refused is None:
        assert (
            result.exit_code == 0 and "history: postgresql+psycopg://sales:***@db.internal" in result.stdout
        )
        parse_url(url)
        return
    assert result.exit_code == 2 and "percent-encode" in result.stderr, result.output
    assert re.search(refused, result.stderr)
    with pytest.raises(HistoryError, match=refused) as failed:
        parse_url(url)
    assert password not in str(failed.value)


def test_sqlite_paths_with_at_signs_still_work(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    path = env.files / "team@site" / "history.sqlite3"
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", f"sqlite:///{path}")
    with AccountHistory.from_settings(load_settings()) as history:
        history.save(ACCOUNT, "qualification", {"verdict": "nurture"}, source_text=GOOD)
    assert sqlite3.connect(path).execute("select count(*) from assistant_records").fetchone() == (1,)
