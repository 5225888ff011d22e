"""The engine's schema-validation cache changes speed, not behaviour."""

import json
import subprocess

from bot.engine import RASA_VENV, engine_env
from bot.settings import ROOT, Settings


def test_cached_validation_gives_the_same_verdicts():
    proc = subprocess.run([str(RASA_VENV / "bin" / "python"), "tests/engine/schema_check.py"],
                          capture_output=True, text=True, cwd=ROOT, env=engine_env(Settings()),
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["cached"] == result["original"]
    assert result["original"].count("ok") == 3  # and four kinds of invalid result rejected
