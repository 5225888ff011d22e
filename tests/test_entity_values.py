"""The entity value classifier (engine/entity_values.py), run inside Rasa's environment."""

import pytest

from tests.conftest import run_in_engine


@pytest.fixture(scope="module")
def report():
    return run_in_engine("tests/engine/entity_values_check.py")


@pytest.mark.parametrize("case, entity, value", [
    ("arrival", "phase", "arrival"), ("dublin", "phase", "dublin"),
    ("coa", "organisation", "COA"), ("ind", "organisation", "IND")])
def test_a_new_phrasing_gets_the_value_of_its_intent(report, case, entity, value):
    (found,) = report[case]
    assert (found["entity"], found["value"]) == (entity, value)
    assert found["extractor"] == "EntityValueClassifier"
    assert found["start"] == 0 and found["end"] > 0  # the whole message


def test_no_value_when_the_message_names_none(report):
    assert report["none"] == []


def test_only_intents_with_marked_entities_get_values(report):
    assert report["intents"] == ["ask_contact", "inform_phase"]
    assert report["other_intent"] == []


def test_stored_and_loaded_model_answers_like_the_trained_one(report):
    assert report["same_as_trained"]
