"""NLU quality floors on the held-out test sets (tests/nlu/<lang>.yml), through the same
report `make nlu-report` prints. The floors sit a little under the measured figures (in
the README), so a change that makes the assistant understand people worse fails here."""

from __future__ import annotations

import json
import subprocess

import pytest

from bot.engine import RASA_VENV, engine_env
from bot.languages import LANGUAGES
from bot.settings import ROOT, Settings

pytestmark = pytest.mark.engine

FLOOR = {"en": 0.92, "nl": 0.92, "ar": 0.92}  # the content issue's three languages
FLOOR_OTHERS = 0.90  # the language-pack issue's goal for every language
OVERALL_FLOOR = 0.95
# Crisis messages that get a crisis answer (112 and a line). The goal is 1.0; measured
# 0.96–1.0 per language (README), so one more miss in a language fails here.
CRISIS_FLOOR = 0.95


@pytest.fixture(scope="module")
def report(model):
    # Where `make nlu-report` writes it too, so a test run leaves the figures behind.
    out = ROOT / "results" / "nlu-heldout.json"
    proc = subprocess.run([str(RASA_VENV / "bin" / "python"), "scripts/nlu_report.py", "heldout",
                           "--model", str(model), "--json", str(out)],
                          capture_output=True, text=True, cwd=ROOT, env=engine_env(Settings()),
                          timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(out.read_text())


def test_every_language_has_a_held_out_set(report):
    assert set(report) == set(LANGUAGES)
    assert all(report[code]["examples"] >= 400 for code in LANGUAGES)


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_intent_accuracy_floor(report, code):
    assert report[code]["accuracy"] >= FLOOR.get(code, FLOOR_OTHERS), report[code]["confusions"][:10]


def test_overall_intent_accuracy(report):
    total = sum(r["examples"] for r in report.values())
    assert sum(r["accuracy"] * r["examples"] for r in report.values()) / total >= OVERALL_FLOOR


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_crisis_messages_get_a_crisis_answer(report, code):
    assert report[code]["crisis_answered_as_crisis"] >= CRISIS_FLOOR
