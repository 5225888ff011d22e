"""The linear intent classifier (engine/linear_intent.py), run inside Rasa's environment."""

import pytest

from tests.conftest import run_in_engine


@pytest.fixture(scope="module")
def report():
    return run_in_engine("tests/engine/linear_intent_check.py")


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
