"""End to end: a real trained model served by `rasa run`, the action server and the
gateway as separate processes, SQLite tracker store, over HTTP. Multi-turn
conversations in Dutch, English and Arabic."""

from __future__ import annotations

import sqlite3

import httpx

import pytest

pytestmark = pytest.mark.engine


def test_dutch_conversation_with_phase_remembered(chat):
    person = chat("nl")
    body = person.say("hallo")
    assert person.responses() == ["utter_greet"] and body["language"] == "nl"
    assert body["messages"][0]["text"].startswith("Hallo")
    person.press("In welke fase zit ik?")
    assert person.responses() == ["utter_ask_phase"]
    person.press("Mijn aanvraag is afgewezen")
    assert person.responses() == ["utter_phase_refused"]
    assert person.routes()[0] == "LAWYER"
    # Later turns are tailored by the stored phase.
    person.say("ik heb een advocaat nodig")
    assert person.responses() == ["utter_legal_aid_refused"]
    assert person.routes() == ["LAWYER", "VWN"]
    assert person.last["language"] == "nl"


def test_english_return_and_contacts(chat):
    person = chat("en")
    person.say("I want to go back to my country")
    assert person.responses() == ["utter_return_support"]
    assert person.routes() == ["DTV", "IOM", "VWN"]
    assert "088 077 77 00" in person.last["messages"][0]["text"]
    person.say("how can I contact COA")
    assert person.responses() == ["utter_contact_coa"]
    person.say("who can help me")
    assert person.responses() == ["utter_contact_overview"]
    person.press("DT&V")
    assert person.responses() == ["utter_contact_dtv"] and person.routes() == ["DTV"]


def test_arabic_detected_from_the_script_and_answered_right_to_left(chat):
    person = chat()
    body = person.say("مرحبا")
    assert body["language"] == "ar"
    message = body["messages"][0]
    assert message["response"] == "utter_greet" and message["direction"] == "rtl"
    person.say("أحتاج محامي مجاني")
    assert person.responses() == ["utter_legal_aid"]
    assert person.last["language"] == "ar"


def test_emergency_in_every_language(chat):
    for language, text in (("nl", "help er is iemand gewond, bel een ambulance"),
                           ("en", "someone is hurt, I need an ambulance"),
                           ("ar", "في شخص مصاب نحتاج اسعاف")):
        person = chat(language)
        body = person.say(text)
        assert person.responses() == ["utter_emergency"], (language, body["intent"])
        assert person.routes() == ["EMERGENCY", "GZA"]
        assert "112" in body["messages"][0]["text"]


def test_minor_routes_to_nidos(chat):
    person = chat("en")
    person.say("I am 16 years old")
    assert person.responses() == ["utter_minor_noted"]
    person.say("I need a lawyer")
    assert person.responses() == ["utter_legal_aid_minor"]
    assert person.routes()[0] == "NIDOS"


def test_switching_language_by_button_and_by_typing(chat):
    person = chat("en")
    person.say("change language")
    assert person.responses() == ["utter_choose_language"]
    body = person.press("العربية")
    assert body["language"] == "ar" and person.responses() == ["utter_language_set"]
    body = person.say("ik wil terug naar mijn land")  # clearly Dutch: switches to Dutch
    assert body["language"] == "nl" and person.responses() == ["utter_return_support"]


def test_out_of_scope_and_fallback_offer_the_menu(chat):
    person = chat("en")
    person.say("what will the weather be tomorrow")
    assert person.responses() == ["utter_out_of_scope"]
    person.say("qwxz vbnm plk")
    assert person.responses() in (["utter_default"], ["utter_out_of_scope"])
    assert person.last["messages"][0]["buttons"]


def test_conversation_survives_an_engine_restart(chat, stack):
    person = chat("nl")
    person.say("hallo")
    person.press("In welke fase zit ik?")
    person.press("Mijn aanvraag is afgewezen")
    stack.stop_engines()
    stack.start_engines()
    stack.wait_ready(timeout=240)
    body = person.say("ik heb een advocaat nodig")  # no language sent: kept in the tracker
    assert person.responses() == ["utter_legal_aid_refused"]
    assert body["language"] == "nl"


def test_tracker_store_holds_pseudonyms_not_sender_ids(chat, stack):
    person = chat("en")
    person.say("hello")
    db = sqlite3.connect(stack.settings.data_dir / "tracker.db")
    ids = {row[0] for row in db.execute("select distinct sender_id from events")}
    assert ids and person.sender not in ids
    assert not any(person.sender in (row[0] or "") for row in db.execute("select data from events"))


def test_action_server_down_gives_the_unavailable_message_then_recovers(chat, stack):
    person = chat("en")
    person.say("hello")
    stack.stop_process("actions")
    try:
        resp = httpx.post(person.url, json={"sender": person.sender, "text": "I need a lawyer"},
                          timeout=30)
        assert resp.status_code == 503
        assert resp.json()["messages"][0]["response"] == "utter_engine_unavailable"
        assert "112" in resp.json()["messages"][0]["text"]
    finally:
        stack.start_actions()
        stack.wait_ready(timeout=60)
    person.say("I need a lawyer")
    assert person.responses() == ["utter_legal_aid"]


def test_rasa_sdk_3_21_serves_the_rasa_3_6_21_engine(chat, stack):
    """The pair the locks pin: our action server on rasa-sdk 3.21.1, the engine on 3.6.21."""
    from importlib.metadata import version
    import subprocess

    from bot.engine import RASA_VENV

    assert version("rasa-sdk") == "3.21.1"
    engine_version = subprocess.run(
        [str(RASA_VENV / "bin" / "python"), "-c", "import rasa; print(rasa.__version__)"],
        capture_output=True, text=True, check=True).stdout.strip()
    assert engine_version == "3.6.21"
    listed = httpx.get(f"{stack.settings.actions_url}/actions").json()
    assert {a["name"] for a in listed} == {"action_explain_phase",
                                           "action_route_legal_aid", "action_route_return",
                                           "action_give_contact"}
    person = chat("en")
    person.say("I am 16 years old")  # slot set by Rasa, read by a custom action below
    person.say("I want to go back home")
    assert person.responses() == ["utter_return_minor"]
