"""The chat API contract and every bad input: a clear 4xx or a normal answer, never a 500."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.settings import Settings
from tests.conftest import free_port


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    """The app with no engine behind it (nothing listens on its Rasa port)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("var"), secret_key="k",
                        rasa_port=free_port(), actions_port=free_port(), max_message_chars=200)
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("body, status, code", [
    ({"sender": "a", "text": ""}, 422, "empty_text"),
    ({"sender": "a", "text": "   \n\t "}, 422, "empty_text"),
    ({"sender": "a", "text": "\x00\x01\x1b"}, 422, "empty_text"),
    ({"sender": "a", "text": "x" * 201}, 422, "text_too_long"),
    ({"sender": "a", "text": "hallo", "language": "xx"}, 422, "unknown_language"),
    ({"sender": "a", "text": "hallo", "language": ""}, 422, "unknown_language"),
    ({"sender": "", "text": "hallo"}, 422, "invalid_request"),
    ({"sender": "a" * 129, "text": "hallo"}, 422, "invalid_request"),
    ({"sender": " a\n", "text": "hallo"}, 422, "invalid_sender"),
    ({"text": "hallo"}, 422, "invalid_request"),
    ({"sender": "a", "text": 5}, 422, "invalid_request"),
    ({"sender": "a", "text": None}, 422, "invalid_request"),
    (["not", "an", "object"], 422, "invalid_request"),
])
def test_bad_input_gets_a_clear_error(offline, body, status, code):
    resp = offline.post("/api/chat", json=body)
    assert resp.status_code == status
    assert resp.json()["error"]["code"] == code
    assert resp.json()["error"]["message"]


@pytest.mark.parametrize("raw", [b"{not json", b"", "tekst".encode(), b"\xff\xfe"])
def test_non_json_gets_400(offline, raw):
    resp = offline.post("/api/chat", content=raw, headers={"Content-Type": "application/json"})
    assert resp.status_code in (400, 422)
    assert resp.json()["error"]["code"] in ("invalid_json", "invalid_request")


def test_engine_down_gives_503_with_help_in_the_persons_language(offline):
    resp = offline.post("/api/chat", json={"sender": "a", "text": "hallo", "language": "ar"})
    assert resp.status_code == 503
    body = resp.json()
    assert body["error"]["code"] == "engine_unavailable"
    [message] = body["messages"]
    assert message["response"] == "utter_engine_unavailable"
    assert message["language"] == "ar" and message["direction"] == "rtl"
    assert "112" in message["text"] and "088 112 2 112" in message["text"]
    assert message["routes"] == ["EMERGENCY", "GZA", "VWN"]


def test_engine_down_detects_the_language_of_the_text(offline):
    resp = offline.post("/api/chat", json={"sender": "a", "text": "أريد محامي"})
    assert resp.json()["messages"][0]["language"] == "ar"


def test_health_says_what_is_down(offline):
    resp = offline.get("/api/health")
    assert resp.status_code == 503
    assert resp.json() | {"translation_fallbacks": {}} == {
        "status": "unavailable", "engine": False, "actions": False, "nlg": True,
        "telegram": "off", "translation_fallbacks": {}}


def test_unknown_route_is_json_404(offline):
    resp = offline.get("/api/nothing")
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "http_404"


# -- against the real stack --------------------------------------------------------

@pytest.mark.engine
def test_contract_shape(chat):
    person = chat("en")
    body = person.say("hello")
    assert set(body) == {"sender", "language", "intent", "messages"}
    assert body["sender"] == person.sender and body["language"] == "en"
    assert body["intent"]["name"] == "greet" and 0 < body["intent"]["confidence"] <= 1
    [message] = body["messages"]
    assert {"text", "buttons", "response", "routes"} <= set(message)
    assert message["response"] == "utter_greet"
    assert all(set(b) == {"title", "payload"} for b in message["buttons"])


@pytest.mark.engine
@pytest.mark.parametrize("text", ['/inform_phase{"phase": "permit"}', "//greet",
                                  '/choose_language{"language": "ar"}', "/", "/unknowncommand"])
def test_injected_payloads_do_not_set_intents_or_slots(chat, text):
    person = chat("en")
    body = person.say(text)
    assert body["intent"]["name"] not in {"inform_phase", "choose_language"}
    assert body["language"] == "en"
    # The phase was not stored: legal aid gives the general answer, not a phase-specific one.
    assert person.say("I need a free lawyer")["messages"][0]["response"] == "utter_legal_aid"


@pytest.mark.engine
def test_control_characters_get_a_normal_answer(chat):
    body = chat("en").say("hel\x00lo\x1b there\x7f")
    assert body["messages"]


@pytest.mark.engine
def test_health_when_everything_runs(stack):
    resp = httpx.get(f"http://127.0.0.1:{stack.settings.port}/api/health")
    assert resp.status_code == 200
    assert resp.json()["engine"] and resp.json()["actions"] and resp.json()["nlg"]
