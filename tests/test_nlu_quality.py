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
# Crisis messages must get a crisis answer (112 and a line): the goal, 1.0, is the floor,
# on the first set and on the later crisis sets (tests/nlu_second/, tests/nlu_third/). The exact crisis intent (its own
# line: 113, Veilig Thuis, the Kindertelefoon…) measured 0.96–1.0 on the first set.
EXACT_CRISIS_FLOOR = 0.95
# Of the later sets' 10 near misses per language, measured 0–2 got a crisis answer.
NEAR_MISS_ALARMS_CEILING = 3
CRISIS_SETS = ("second_set", "third_set")


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
    assert report[code]["crisis_answered_as_crisis"] == 1.0, report[code]["confusions"][:10]
    assert report[code]["crisis_recall"] >= EXACT_CRISIS_FLOOR


@pytest.mark.parametrize("name", CRISIS_SETS)
@pytest.mark.parametrize("code", list(LANGUAGES))
def test_later_sets_crisis_messages_get_a_crisis_answer(report, code, name):
    result = report[code][name]
    assert result["crisis_examples"] >= 20
    assert result["crisis_answered_as_crisis"] == 1.0, result["confusions"]


@pytest.mark.parametrize("name", CRISIS_SETS)
@pytest.mark.parametrize("code", list(LANGUAGES))
def test_near_misses_seldom_get_a_crisis_answer(report, code, name):
    assert report[code][name]["crisis_false_alarms"] <= NEAR_MISS_ALARMS_CEILING
