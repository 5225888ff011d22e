"""Gateway pieces: signed buttons, typed commands, text cleaning, language detection."""

from __future__ import annotations

import httpx
import pytest

from bot.detect import detect_language
from bot.gateway import Gateway, clean_text, with_language
from bot.i18n.catalogs import Catalogs
from bot.render import Renderer
from bot.settings import Settings


@pytest.fixture
def gateway(tmp_path):
    settings = Settings(secret_key="k1", data_dir=tmp_path)
    return Gateway(settings, Renderer(Catalogs()), httpx.AsyncClient())


def test_signed_button_round_trip(gateway):
    token = gateway.sign('/inform_phase{"phase": "refused"}')
    assert gateway.to_engine_text(token) == ('/inform_phase{"phase": "refused"}', True)


def test_forged_or_altered_buttons_are_plain_text(gateway, tmp_path):
    token = gateway.sign("/greet")
    other = Gateway(Settings(secret_key="k2", data_dir=tmp_path), gateway.renderer, gateway.client)
    assert other.verify(token) is None
    assert gateway.verify(token[:-1] + ("0" if token[-1] != "0" else "1")) is None
    assert gateway.verify("b.!!!.abc") is None


@pytest.mark.parametrize("typed", ['/inform_phase{"phase": "permit"}', "//greet", " /greet",
                                   '/choose_language{"language":"ar"}'])
def test_typed_slash_text_never_reaches_the_engine_as_a_payload(gateway, typed):
    text, is_payload = gateway.to_engine_text(clean_text(typed))
    assert not is_payload and not text.startswith("/")


@pytest.mark.parametrize("command, payload", [("/start", "/greet"), ("/menu", "/show_menu"),
                                              ("/language", "/ask_language"),
                                              ("/help@WegwijsBot", "/show_menu")])
def test_known_commands_map_to_gateway_payloads(gateway, command, payload):
    assert gateway.to_engine_text(command) == (payload, True)


def test_lone_slash_is_a_fallback(gateway):
    assert gateway.to_engine_text("/") == ("/nlu_fallback", True)


def test_pseudonym_is_stable_keyed_and_not_the_id(gateway):
    a = gateway.pseudonym("telegram", "12345")
    assert a == gateway.pseudonym("telegram", "12345")
    assert a != gateway.pseudonym("api", "12345") and "12345" not in a


def test_clean_text():
    assert clean_text("  hallo\x00\x07 daar\n\tjij ") == "hallo daar jij"
    assert clean_text("\x00\x1f") == ""
    assert clean_text("e\u0301") == "\u00e9"  # NFC


@pytest.mark.parametrize("text, language", [
    ("ik heb een advocaat nodig", "nl"),
    ("waar kan ik hulp krijgen", "nl"),
    ("I need a lawyer please", "en"),
    ("where can I get help", "en"),
    ("أريد محامي", "ar"),
    ("وين الـ COA", "ar"),
    ("hallo", None),
    ("ok", None),
    ("IND COA", None),
    ("112", None),
])
def test_detect_language(text, language):
    assert detect_language(text) == language


def test_each_conversation_always_goes_to_the_same_engine(tmp_path):
    settings = Settings(secret_key="k", data_dir=tmp_path, engines=2, rasa_port=6000)
    gw = Gateway(settings, Renderer(Catalogs()), httpx.AsyncClient())
    ids = [gw.pseudonym("api", f"person-{i}") for i in range(200)]
    assert all(gw.engine_url(c) == gw.engine_url(c) for c in ids)
    used = {gw.engine_url(c) for c in ids}
    assert used == {"http://127.0.0.1:6000", "http://127.0.0.1:6001"}


def test_chat_api_buttons_are_signed_and_round_trip(gateway):
    messages = [{"text": "t", "buttons": [{"title": "Menu", "payload": "/show_menu"}]}]
    [signed] = gateway.sign_buttons(messages)
    token = signed["buttons"][0]["payload"]
    assert token != "/show_menu" and gateway.to_engine_text(token) == ("/show_menu", True)
    assert messages[0]["buttons"][0]["payload"] == "/show_menu"  # input left as it was


@pytest.mark.parametrize("text, command", [("/menu", "menu"), ("/Help@WegwijsBot now", "help"),
                                           ("/", ""), ("/ ", "")])
def test_command_of(text, command):
    from bot.gateway import command_of
    assert command_of(text) == command


@pytest.mark.parametrize("payload, expected", [
    ("/show_menu", '/show_menu{"conversation_language":"fa"}'),
    ('/inform_phase{"phase": "refused"}', '/inform_phase{"phase":"refused","conversation_language":"fa"}'),
    ('/choose_language{"language": "ar"}', '/choose_language{"language": "ar"}'),  # the choice wins
    ("/broken{not json", "/broken{not json"),
    ("not a payload", "not a payload"),
])
def test_payloads_carry_the_conversation_language(payload, expected):
    assert with_language(payload, "fa") == expected
