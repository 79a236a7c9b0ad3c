"""Guard the development-case figures the README reports, through the real batch command.

Reads the shared labelled cases generically (no case is named here) and runs the scorer the
project is measured with; skipped where the shared folder is not beside the checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EVAL_CASES

SCORER = EVAL_CASES.parent / "score.py"


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval is not beside this checkout")
def test_development_cases_meet_the_targets(tmp_path: Path) -> None:
    command = f"{Path(sys.executable).parent / 'sales-assistant'} qualify-batch"
    proc = subprocess.run(
        [sys.executable, str(SCORER), str(EVAL_CASES), "--cmd", command, "--json"],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "ASSISTANT_DATA_DIR": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    metrics = json.loads(proc.stdout.strip().splitlines()[-1])
    assert metrics["errors"] == 0
    assert metrics["criterion_accuracy"] >= 0.9
    assert metrics["verdict_accuracy"] >= 0.9
    assert metrics["role_recall"] >= 0.8
    assert metrics["role_false_alarms"] == 0
    assert metrics["evidence_verbatim"] == 1.0
