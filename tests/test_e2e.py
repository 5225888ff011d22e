"""End to end: a real trained model served by `rasa run`, the action server and the
gateway as separate processes, SQLite tracker store, over HTTP. Multi-turn
conversations in Dutch, English and Arabic."""

from __future__ import annotations

import json
import sqlite3

import httpx
import pytest
import yaml

from bot.content import responses, route
from bot.settings import ROOT

pytestmark = pytest.mark.engine


def test_dutch_conversation_with_phase_remembered(chat):
    person = chat("nl")
    body = person.say("hallo")
    assert person.responses() == ["utter_greet"] and body["language"] == "nl"
    assert body["messages"][0]["text"].lower().startswith("hallo")
    person.press_payload("/ask_phase")
    assert person.responses() == ["utter_ask_phase"]
    person.press_payload('/inform_phase{"phase": "refused"}')
    assert person.responses() == ["utter_phase_refused"]
    assert person.routes()[0] == "LAWYER"
    # Later turns are tailored by the stored phase.
    person.say("krijg ik een gratis advocaat")
    assert person.responses() == ["utter_legal_aid_refused"]
    assert person.routes()[:2] == ["LAWYER", "VWN"]
    assert person.last["language"] == "nl"
    # "Who can help me?" after that answer: the contact cards of its routes, in order.
    person.say("wie kan mij helpen")
    assert person.responses()[:2] == ["utter_contact_lawyer", "utter_contact_vwn"]


def test_english_return_and_contacts(chat):
    person = chat("en")
    person.say("I want to go back to my country")
    assert person.responses() == ["utter_return_support"]
    assert person.routes()[:3] == ["DTV", "IOM", "VWN"]
    assert "088 077 77 00" in person.last["messages"][0]["text"]
    person.say("how can I contact COA")
    assert person.responses() == ["utter_contact_coa"]
    person.say("hello")
    person.say("who can help me")
    assert person.responses() == ["utter_contact_overview"]
    person.press_payload('/ask_contact{"organisation": "DTV"}')
    assert person.responses() == ["utter_contact_dtv"] and person.routes() == ["DTV"]


def test_arabic_detected_from_the_script_and_answered_right_to_left(chat):
    person = chat()
    body = person.say("مرحبا")
    assert body["language"] == "ar"
    message = body["messages"][0]
    assert message["response"] == "utter_greet" and message["direction"] == "rtl"
    person.say("هل احصل على محامي مجاني")
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
    person.say("do I get a free lawyer")
    assert person.responses() == ["utter_legal_aid_minor"]
    assert person.routes()[0] == "NIDOS"


def test_switching_language_by_button_and_by_typing(chat):
    person = chat("en")
    person.say("change language")
    assert person.responses() == ["utter_choose_language"]
    body = person.press_payload('/choose_language{"language": "ar"}')
    assert body["language"] == "ar" and person.responses() == ["utter_language_set"]
    body = person.say("ik wil terug naar mijn land")  # clearly Dutch: switches to Dutch
    assert body["language"] == "nl" and person.responses() == ["utter_return_support"]


def test_language_chosen_with_a_button_stays_for_typed_text(chat):
    # The web chat's language selector sends the menu payload with `language`; Persian
    # without telling words ("I need a doctor") cannot be told from Dari by its letters.
    person = chat("fa")
    body = person.say("/menu")
    assert body["language"] == "fa" and person.responses() == ["utter_menu"]
    body = person.say("به دکتر نیاز دارم")
    assert person.responses() == ["utter_health"]
    assert body["language"] == "fa" and body["messages"][0]["language"] == "fa"


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
    person.press_payload("/ask_phase")
    person.press_payload('/inform_phase{"phase": "refused"}')
    stack.stop_engines()
    stack.start_engines()
    stack.wait_ready(timeout=240)
    body = person.say("krijg ik een gratis advocaat")  # no language sent: kept in the tracker
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
        resp = httpx.post(person.url, json={"sender": person.sender,
                                            "text": "do I get a free lawyer"}, timeout=30)
        assert resp.status_code == 503
        assert resp.json()["messages"][0]["response"] == "utter_engine_unavailable"
        assert "112" in resp.json()["messages"][0]["text"]
    finally:
        stack.start_actions()
        stack.wait_ready(timeout=60)
    person.say("do I get a free lawyer")
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
    assert {a["name"] for a in listed} == {"action_answer_question", "action_give_contact",
                                           "action_show_more", "action_record_feedback"}
    person = chat("en")
    person.say("I am 16 years old")  # slot set by Rasa, read by a custom action below
    person.say("I want to go back home")
    assert person.responses() == ["utter_return_minor"]


# --- every topic, in every language, through the real processes ------------------

STORIES = {lang: yaml.safe_load((ROOT / "tests" / "stories" / f"{lang}.yml").read_text())["stories"]
           for lang in ("nl", "en", "ar")}


def expected(intent: str, action: str, situation: dict, previous: str | None) -> list[str] | None:
    """The responses the routing table and rules promise for this turn (None: any contact)."""
    if action.startswith("utter_"):
        return [action]
    if action == "action_answer_question":
        return [route(intent, situation)["response"]]
    if action == "action_show_more":
        more = responses()[previous].more if previous else None
        return [more or "utter_menu"]
    if action == "action_record_feedback":
        return None
    return None


@pytest.mark.parametrize("lang, index", [(lang, i) for lang, stories in STORIES.items()
                                         for i in range(len(stories))],
                         ids=lambda v: str(v))
def test_every_topic_answers_in_every_language(chat, stack, lang, index):
    """The test stories' turns, sent to /api/chat: the promised response, in the person's
    language, with the routing table's routes, sources and a checked date. A turn written
    as a payload is a button press: sent signed, as our buttons are."""
    from bot.gateway import Gateway

    gateway = Gateway(stack.settings, None, None)  # only its signing key is used here
    story = STORIES[lang][index]
    person = chat(lang)
    situation: dict = {"phase": None, "minor": False}
    previous = None
    steps = story["steps"]
    for i, step in enumerate(steps):
        if "user" not in step:
            continue
        text = step["user"].strip()
        action = next(s["action"] for s in steps[i + 1:] if "action" in s)
        body = person.say(gateway.sign(text) if text.startswith("/") else text)
        got = person.responses()
        # The phase and minor slots are set by this very message, before the answer.
        if step["intent"] == "inform_phase":
            situation["phase"] = json.loads(text[text.index("{"):])["phase"]
        if step["intent"] == "inform_minor":
            situation["minor"] = True
        if step["intent"] == "out_of_scope":
            # Outside what we know: a kind "I can only help with…" or "I did not understand",
            # both with the menu.
            assert got in (["utter_out_of_scope"], ["utter_default"]), (lang, text, got)
            previous = got[-1]
            continue
        assert body["intent"]["name"] == step["intent"], (lang, text, body["intent"])
        want = expected(step["intent"], action, situation, previous)
        if action == "action_give_contact":
            assert got and all(r.startswith("utter_contact_") or r == "utter_emergency"
                               for r in got), (text, got)
        elif action == "action_record_feedback":
            assert got in (["utter_feedback_thanks"], ["utter_feedback_sorry"]), (text, got)
        else:
            assert got == want, (lang, text, got)
        for message in body["messages"]:
            assert message["language"] == lang and message["text"], (text, message)
            assert message["routes"] == responses()[message["response"]].routes
            assert message["checked"]
        previous = got[-1]
