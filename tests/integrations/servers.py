"""Start `sales-assistant serve` and `mcp --http` as real processes on loopback, and stop them.

Each server runs with the offline engine, the hashing embedding (no model load) and its own data
directory, in its own process group, so stopping it never touches anything else.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx

from assistant.settings import PROJECT_ROOT

CLI = [sys.executable, "-c", "from assistant.cli import main; main()"]
START_TIMEOUT_S = 90.0
TOKEN = "test-token-0123456789abcdef"


def server_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """What a server process gets: this checkout on the path, offline, its own data directory."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ASSISTANT_")}
    env.update(
        PYTHONPATH=str(PROJECT_ROOT),
        ASSISTANT_DATA_DIR=str(data_dir),
        ASSISTANT_EMBEDDING="hashing",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    env.update(extra)
    return env


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running(
    command: list[str], env: Mapping[str, str], ready_url: str, log_path: Path, cwd: Path = PROJECT_ROOT
) -> Iterator[None]:
    """`command` (a server) until the block ends; entered once `ready_url` answers at all."""
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=dict(env),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_until_answering(ready_url, process, log_path)
            yield
        finally:
            _stop(process)


def _wait_until_answering(url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the server exited with {process.returncode}:\n{log_path.read_text()[-3000:]}"
            )
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer on {url} in {START_TIMEOUT_S:.0f} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server's process group (ours alone), politely first."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
