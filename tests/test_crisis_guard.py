"""The crisis safety net (engine/crisis_guard.py), run inside Rasa's environment."""

import pytest
import yaml

from bot.languages import LANGUAGES
from bot.settings import ROOT
from tests.conftest import run_in_engine

CRISIS = {"crisis_suicide", "crisis_violence", "crisis_trafficking", "crisis_child"}


@pytest.fixture(scope="module")
def report():
    return run_in_engine("tests/engine/crisis_check.py")


def test_every_language_has_crisis_phrases_for_every_crisis_intent():
    for code in LANGUAGES:
        data = yaml.safe_load((ROOT / "content" / "crisis_terms" / f"{code}.yml").read_text())
        # Every crisis intent; a language may add phrases for the emergency answer too.
        assert CRISIS <= set(data) <= CRISIS | {"emergency"}, code
        assert all(len(data[intent]) >= 5 for intent in CRISIS), code


def test_no_phrase_fires_on_a_non_crisis_training_example(report):
    assert report["false_alarms"] == []
    assert report["caught"] > report["crisis_examples"] // 4


def test_phrases_and_ranking_override_and_classifier_choices_stay(report):
    assert report["cases"] == {
        "phrase_overrides_menu": "crisis_suicide",
        "ranked_crisis_overrides_fallback": "crisis_violence",
        "low_ranked_crisis_does_not": "ask_health",
        "classifier_crisis_kept": "crisis_child",
        "folded_turkish_capital": "crisis_suicide",
        "emergency_number_in_any_language": "emergency",
        "longer_number_is_not_112": "ask_transfer",
        "persian_digits_112": "emergency",
    }
