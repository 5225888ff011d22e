"""The NLG endpoint renders every response in every language through the real app."""

from __future__ import annotations

import shutil

import pytest
from babel.messages.pofile import read_po, write_po
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.content import contact_values, responses
from bot.i18n.catalogs import Catalogs
from bot.languages import LANGUAGES
from bot.render import LRI, PDI, QUIET_TOPICS, Renderer
from bot.settings import Settings

NAMES = sorted(responses())


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("var"), secret_key="k")
    with TestClient(create_app(settings)) as c:
        yield c


def nlg(client, name, language=None, arguments=None, metadata=None):
    tracker = {"sender_id": "s", "slots": {"language": language},
               "latest_message": {"intent": {"name": "greet", "confidence": 0.91},
                                  "metadata": metadata or {}}}
    resp = client.post("/nlg", json={"response": name, "arguments": arguments or {},
                                     "tracker": tracker, "channel": {"name": "rest"}})
    assert resp.status_code == 200
    return resp.json()["custom"]


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("name", NAMES)
def test_every_response_renders_in_every_language(client, name, language):
    source = responses()[name]
    message = nlg(client, name, language, arguments={a: f"<{a}>" for a in source.arguments})
    assert message["response"] == name
    assert message["language"] == language
    assert message["translation"] in ({"source"} if language == "en" else {"translated", "draft"})
    assert "{" not in message["text"] and message["text"].strip()
    # Answers that state facts also carry the quiet line and the 👍/👎 buttons.
    rate = [b.payload for b in responses()["utter_rate_buttons"].buttons] if message["notice"] else []
    assert [b["payload"] for b in message["buttons"]] == [b.payload for b in source.buttons] + rate
    assert bool(message["notice"]) == (source.source_file.startswith("domain/")
                                       and message["topic"] not in QUIET_TOPICS
                                       and bool(source.metadata.get("sources")))
    assert message["routes"] == source.routes
    assert message["checked"] == source.metadata["checked"]
    if language == "en":
        assert message["text"].startswith(source.text.split("{")[0])
    else:
        assert message["text"] != source.text
    for key in source.placeholders():
        value = contact_values().get(key, f"<{key}>")
        rtl = LANGUAGES[language].direction == "rtl"
        assert (f"{LRI}{value}{PDI}" if rtl else value) in message["text"]


def test_intent_and_conversation_language_are_passed_on(client):
    message = nlg(client, "utter_greet", None, metadata={"language": "nl"})
    assert message["conversation_language"] == "nl"
    assert message["intent"] == {"name": "greet", "confidence": 0.91}


def test_slot_beats_metadata_and_default_is_english(client):
    assert nlg(client, "utter_menu", "ar", metadata={"language": "nl"})["language"] == "ar"
    assert nlg(client, "utter_menu")["language"] == "en"
    assert nlg(client, "utter_menu", "xx")["language"] == "en"


def test_arguments_fill_placeholders_and_override_the_directory(client):
    message = nlg(client, "utter_contact_dtv", "en", arguments={"dtv_phone": "0000"})
    assert "0000" in message["text"]


def test_unknown_response_renders_the_default_answer(client):
    assert nlg(client, "utter_does_not_exist", "nl")["response"] == "utter_default"


def test_language_buttons_are_not_translated(client):
    titles = [b["title"] for b in nlg(client, "utter_choose_language", "ar")["buttons"]]
    assert titles == [lang.native_name for lang in LANGUAGES.values()]


def test_missing_translation_falls_back_to_english_and_is_counted(tmp_path):
    shutil.copytree("translations", tmp_path / "t")
    po = tmp_path / "t" / "nl" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as fh:
        catalog = read_po(fh)
    menu = responses()["utter_menu"]
    catalog.delete(menu.text, context="utter_menu")  # the text goes, its buttons stay
    with po.open("wb") as fh:
        write_po(fh, catalog)
    renderer = Renderer(Catalogs(tmp_path / "t"))
    message = renderer.render("utter_menu", "nl")
    assert message["text"] == responses()["utter_menu"].text
    assert message["translation"] == "fallback" and message["language"] == "en"
    assert renderer.catalogs.fallbacks["nl"] == 1
    assert renderer.render("utter_greet", "nl")["translation"] == "draft"
    assert renderer.catalogs.fallbacks["nl"] == 1


def test_drafts_can_be_switched_off(tmp_path):
    renderer = Renderer(Catalogs(serve_drafts=False))
    message = renderer.render("utter_greet", "ar")
    assert message["translation"] == "fallback"
    assert message["text"] == responses()["utter_greet"].text
