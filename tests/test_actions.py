"""Action tests: exact events and response names for each routing case, run through
rasa-sdk's ActionExecutor the way the action server runs them."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk.executor import ActionExecutor

import actions.actions


def call(action: str, slots: dict[str, Any] | None = None, entities: list | None = None,
         metadata: dict | None = None, intent: str = "x") -> dict[str, Any]:
    executor = ActionExecutor()
    executor.register_package(actions.actions)
    tracker = {
        "sender_id": "test", "slots": {"language": None, "phase": None, "minor": None, **(slots or {})},
        "latest_message": {"text": "x", "intent": {"name": intent, "confidence": 1.0},
                           "entities": entities or [], "metadata": metadata or {}},
        "events": [], "paused": False, "followup_action": None, "active_loop": {},
        "latest_action_name": "action_listen", "latest_event_time": 0,
    }
    result = asyncio.run(executor.run({"next_action": action, "tracker": tracker,
                                       "domain": {}, "version": "3.6.21"}))
    return result.model_dump()


def responses(result: dict[str, Any]) -> list[str]:
    return [m["response"] for m in result["responses"]]


@pytest.mark.parametrize("slots, expected", [
    ({}, "utter_legal_aid"),
    ({"phase": "general_procedure"}, "utter_legal_aid"),
    ({"phase": "refused"}, "utter_legal_aid_refused"),
    ({"minor": True}, "utter_legal_aid_minor"),
    ({"minor": True, "phase": "refused"}, "utter_legal_aid_minor"),
])
def test_legal_aid_routing(slots, expected):
    result = call("action_route_legal_aid", slots)
    assert result["events"] == []
    assert responses(result) == [expected]


@pytest.mark.parametrize("slots, expected", [
    ({}, "utter_return_support"),
    ({"phase": "refused"}, "utter_return_support"),
    ({"minor": True}, "utter_return_minor"),
])
def test_return_routing(slots, expected):
    result = call("action_route_return", slots)
    assert (result["events"], responses(result)) == ([], [expected])


@pytest.mark.parametrize("entity, expected", [
    (None, "utter_contact_overview"),
    ("VWN", "utter_contact_vwn"),
    ("COA", "utter_contact_coa"),
    ("DTV", "utter_contact_dtv"),
    ("dtv", "utter_contact_dtv"),
    ("IND", "utter_contact_overview"),  # not yet in the table: the overview, never an error
])
def test_contact_routing(entity, expected):
    entities = [{"entity": "organisation", "value": entity}] if entity else []
    result = call("action_give_contact", entities=entities)
    assert (result["events"], responses(result)) == ([], [expected])


@pytest.mark.parametrize("phase", ["arrival", "rest_preparation", "general_procedure",
                                   "extended_procedure", "dublin", "permit", "refused"])
def test_explain_phase(phase):
    result = call("action_explain_phase", {"phase": phase})
    assert responses(result) == [f"utter_phase_{phase}"]


def test_explain_phase_without_phase_asks_for_it():
    assert responses(call("action_explain_phase")) == ["utter_ask_phase"]
