"""The routing table, row by row, and the actions that read it (through rasa-sdk's
ActionExecutor, the way the action server runs them: events and response names)."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest
import yaml
from rasa_sdk.executor import ActionExecutor

import actions.actions
from bot.content import conditions, contacts, responses, route, routing_table
from bot.settings import ROOT

ROWS = routing_table()
DOMAIN = yaml.safe_load((ROOT / "domain" / "core.yml").read_text())


def rules() -> dict[str, str]:
    """intent → the action its rule runs."""
    out = {}
    for path in (ROOT / "data" / "rules").glob("*.yml"):
        for rule in yaml.safe_load(path.read_text())["rules"]:
            steps = rule["steps"]
            out[steps[0]["intent"]] = steps[1]["action"]
    return out


def day_for(response: str) -> dt.date:
    """A day on which the response is valid."""
    meta = responses()[response].metadata
    return dt.date.fromisoformat(str(meta.get("valid_from") or meta.get("valid_until") or
                                     "2026-11-23"))


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r['intent']}-{r['response']}")
def test_each_row_is_chosen_in_its_own_situation(row):
    """No row is shadowed by an earlier one, and each names real things."""
    assert row["response"] in responses()
    assert set(row["routes"]) <= set(contacts()), row
    assert route(row["intent"], conditions(row), today=day_for(row["response"])) == row


def test_every_intent_has_rows_ending_without_conditions_on_every_day():
    intents = {i for i in DOMAIN["intents"]} - {"show_more"}
    for intent in intents:
        # From the EU Pact (the earliest valid_from of current content) onwards.
        for day in (dt.date(2026, 6, 12), dt.date.today(), dt.date(2030, 1, 1)):
            route(intent, {}, today=day)  # raises LookupError when no row matches


def test_rules_and_table_agree():
    """A rule that answers with a response directly gives the table's (only) response;
    intents with conditions in the table go through an action that reads it."""
    by_rule = rules()
    for intent in DOMAIN["intents"]:
        rows = [r for r in ROWS if r["intent"] == intent]
        action = by_rule[intent]
        if action.startswith("utter_"):
            assert [r["response"] for r in rows] == [action], intent
        elif intent != "show_more":
            assert action.startswith("action_"), intent
            assert len(rows) > 1 or conditions(rows[0]), f"{intent}: plain rule would do"


def routes_of(intent: str, **situation: Any) -> list[str]:
    return route(intent, situation)["routes"]


def test_routing_examples_from_the_issue():
    assert routes_of("inform_phase", phase="refused")[:2] == ["LAWYER", "VWN"]
    assert routes_of("ask_legal_aid", phase="refused")[:2] == ["LAWYER", "VWN"]
    assert routes_of("ask_departure")[0] == "LAWYER"
    assert routes_of("ask_return") == ["DTV", "IOM", "VWN"]
    assert routes_of("ask_legal_aid", minor=True)[0] == "NIDOS"
    assert routes_of("ask_return", minor=True)[0] == "NIDOS"
    assert routes_of("ask_health")[0] == "GZA"
    for intent in [i for i in DOMAIN["intents"] if i.startswith("crisis_")] + ["emergency"]:
        assert routes_of(intent)[0] == "EMERGENCY", intent
        assert rules()[intent].startswith("utter_"), "crisis answers must not need the action server"


def test_work_answer_follows_the_law_of_the_day():
    assert route("ask_work", {}, today=dt.date(2026, 6, 1))["response"] == "utter_work_before_pact"
    assert route("ask_work", {}, today=dt.date(2026, 6, 12))["response"] == "utter_work"
    assert route("ask_work", {"phase": "permit"})["response"] == "utter_work_permit_holder"


# --- the actions --------------------------------------------------------------

def bot_event(response: str) -> dict[str, Any]:
    return {"event": "bot", "text": "x", "data": {}, "metadata": {"utter_action": response},
            "timestamp": 1}


def call(action: str, intent: str = "x", slots: dict[str, Any] | None = None,
         entities: list | None = None, events: list | None = None,
         text: str = "x") -> dict[str, Any]:
    executor = ActionExecutor()
    executor.register_package(actions.actions)
    tracker = {
        "sender_id": "test",
        "slots": {"language": "en", "phase": None, "minor": None, **(slots or {})},
        "latest_message": {"text": text, "intent": {"name": intent, "confidence": 1.0},
                           "entities": entities or [], "metadata": {}},
        "events": events or [], "paused": False, "followup_action": None, "active_loop": {},
        "latest_action_name": "action_listen", "latest_event_time": 0,
    }
    result = asyncio.run(executor.run({"next_action": action, "tracker": tracker,
                                       "domain": {}, "version": "3.6.21"}))
    return result.model_dump()


def said(result: dict[str, Any]) -> list[str]:
    return [m["response"] for m in result["responses"]]


ROUTED = [r for r in ROWS if rules().get(r["intent"]) == "action_answer_question"
          and r["response"] in responses() and "organisation" not in r]


@pytest.mark.parametrize("row", ROUTED, ids=lambda r: f"{r['intent']}-{r['response']}")
def test_answer_question_follows_each_row(row, monkeypatch):
    cond = conditions(row)
    slots = {k: cond[k] for k in ("phase", "minor") if k in cond}
    entities = [{"entity": k, "value": cond[k]} for k in ("rating",) if k in cond]
    today = day_for(row["response"])
    monkeypatch.setattr(actions.actions, "route",
                        lambda i, s=None: route(i, s, today=today))
    result = call("action_answer_question", row["intent"], slots, entities)
    assert (result["events"], said(result)) == ([], [row["response"]])


def test_answer_question_with_an_unknown_intent_gives_the_default():
    assert said(call("action_answer_question", "no_such_intent")) == ["utter_default"]


@pytest.mark.parametrize("entity, text, expected", [
    ("VWN", "x", ["utter_contact_vwn"]),
    ("dtv", "x", ["utter_contact_dtv"]),
    ("NIDOS", "x", ["utter_contact_nidos"]),
    (None, "how do i call the ind", ["utter_contact_ind"]),          # named in the text
    ("NOT_AN_ORG", "x", ["utter_contact_overview"]),                  # never an error
])
def test_give_contact_for_a_named_organisation(entity, text, expected):
    entities = [{"entity": "organisation", "value": entity}] if entity else []
    assert said(call("action_give_contact", "ask_contact", entities=entities, text=text)) == expected


def test_who_can_help_after_an_answer_shows_that_answers_organisations():
    events = [{"event": "session_started"}, bot_event("utter_phase_refused")]
    result = call("action_give_contact", "ask_contact", events=events)
    assert said(result) == ["utter_contact_lawyer", "utter_contact_vwn", "utter_contact_coa"]


def test_who_can_help_without_an_answer_shows_the_overview():
    assert said(call("action_give_contact", "ask_contact")) == ["utter_contact_overview"]
    events = [bot_event("utter_greet")]
    assert said(call("action_give_contact", "ask_contact", events=events)) == \
        ["utter_contact_overview"]


def test_show_more_continues_the_last_answer():
    first = next(r for r in responses().values() if r.more)
    assert said(call("action_show_more", "show_more", events=[bot_event(first.name)])) == \
        [first.more]
    assert said(call("action_show_more", "show_more", events=[bot_event("utter_greet")])) == \
        ["utter_menu"]


def test_feedback_is_stored_without_the_person(tmp_path, monkeypatch):
    from actions import feedback
    from bot.settings import Settings
    from bot.store import Store

    store = Store(Settings(data_dir=tmp_path))
    monkeypatch.setattr(feedback, "store", lambda: store)
    events = [bot_event("utter_health")]  # the 👍/👎 buttons are part of the answer
    result = call("action_record_feedback", "rate_answer",
                  entities=[{"entity": "rating", "value": "not_helpful"}], events=events)
    assert said(result) == ["utter_feedback_sorry"]
    result = call("action_record_feedback", "rate_answer",
                  entities=[{"entity": "rating", "value": "helpful"}], events=events)
    assert said(result) == ["utter_feedback_thanks"]
    assert store.feedback_counts() == {("utter_health", "not_helpful"): 1,
                                       ("utter_health", "helpful"): 1}
    # Nothing rated when there was no answer to rate.
    call("action_record_feedback", "rate_answer",
         entities=[{"entity": "rating", "value": "helpful"}])
    assert sum(store.feedback_counts().values()) == 2
