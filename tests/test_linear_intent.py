"""The linear intent classifier (engine/linear_intent.py), run inside Rasa's environment."""

import json
import subprocess

import pytest

from bot.engine import RASA_VENV, engine_env
from bot.settings import ROOT, Settings


@pytest.fixture(scope="module")
def report():
    proc = subprocess.run([str(RASA_VENV / "bin" / "python"), "tests/engine/linear_intent_check.py"],
                          capture_output=True, text=True, cwd=ROOT, env=engine_env(Settings()),
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("case, intent", [("en", "ask_legal_aid"), ("nl", "ask_health"),
                                          ("ar", "greet")])
def test_trained_model_is_stored_loaded_and_classifies(report, case, intent):
    result = report[case]
    assert result["intent"] == intent
    assert result["confidence"] > 0.5
    assert result["ranking"][0] == intent and len(result["ranking"]) == 3
    assert abs(result["sum"] - 1.0) < 1e-6  # a probability distribution
    assert result["same_as_trained"]


def test_a_message_unlike_any_example_gets_a_low_confidence(report):
    # No intent scores above the floor: below the FallbackClassifier's threshold (0.2 in
    # config.yml), so the person gets "I did not understand" and the menu.
    assert report["unknown"]["top_score"] < 0.3
    assert report["unknown"]["confidence"] < 0.2
    assert all(report[case]["top_score"] >= 0.3 for case in ("en", "nl", "ar"))
    assert report["no_text_untouched"]
