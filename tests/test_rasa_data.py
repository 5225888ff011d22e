"""Rasa's own checks: `rasa data validate` and `rasa test` on the test stories."""

from __future__ import annotations

import re
import subprocess

import pytest

from bot.content import responses, routing_table
from bot.engine import RASA_BIN, engine_env
from bot.settings import ROOT, Settings

pytestmark = pytest.mark.engine


def rasa(*args: str, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(RASA_BIN), *args], cwd=ROOT, env=engine_env(Settings()),
                          capture_output=True, text=True, timeout=timeout)


def test_rasa_data_validate_is_clean():
    proc = rasa("data", "validate", "--domain", "domain", "--data", "data", "--config", "config.yml")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-4000:]
    warnings = [l for l in output.splitlines() if "UserWarning" in l]
    # Responses that the routing actions send are invisible to Rasa's validator;
    # those, and only those, may be reported as unused.
    routed = {row["response"] for row in routing_table()}
    routed |= {r.more for r in responses().values() if r.more}  # shown by action_show_more
    unused = set(re.findall(r"The utterance '(\w+)' is not used in any story or rule", output))
    assert unused <= routed
    others = [w for w in warnings if "is not used in any story or rule" not in w]
    assert others == []


def test_rasa_test_stories_have_no_prediction_errors(model, tmp_path):
    proc = rasa("test", "core", "--model", str(model), "--stories", "tests/stories",
                "--endpoints", "endpoints.yml", "--fail-on-prediction-errors",
                "--out", str(tmp_path))
    failed = tmp_path / "failed_test_stories.yml"
    detail = failed.read_text() if failed.exists() else ""
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:] + detail
