"""Telegram end to end: the real app (long polling) and engines, Telegram replaced by
a local Bot API server. Each test is a different person (user id)."""

from __future__ import annotations

import itertools
import sqlite3
import time

import pytest
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.languages import LANGUAGES
from tests.fake_telegram import FakeTelegram

pytestmark = pytest.mark.engine
PEOPLE = itertools.count(900_001)


@pytest.fixture
def tg(fake_telegram: FakeTelegram, stack):
    return fake_telegram


def buttons(message: dict) -> dict[str, str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    return {b["text"]: b["callback_data"] for row in rows for b in row}


def start_and_consent(tg: FakeTelegram, user: int, language_title: str, ui: str = "en") -> list:
    """/start → language menu → choose → privacy notice → accept → greeting."""
    tg.text(user, "/start", ui)
    [menu] = tg.wait_messages(user, 1)
    tg.press(user, buttons(menu)[language_title], ui)
    notice = tg.wait_messages(user, 3)[2]
    [accept] = buttons(notice).values()
    tg.press(user, accept, ui)
    return tg.wait_messages(user, 4)


def test_start_language_consent_then_first_answer(tg, stack):
    user = next(PEOPLE)
    tg.text(user, "/start", "nl")
    [menu] = tg.wait_messages(user, 1)
    assert list(buttons(menu)) == [lang.native_name for lang in LANGUAGES.values()]
    tg.press(user, buttons(menu)["العربية"])
    messages = tg.wait_messages(user, 3)
    assert "العربية" in messages[1]["text"]  # language confirmed in Arabic
    notice = messages[2]
    assert "/forget" in notice["text"] and "112" in notice["text"]
    # Before consent nothing reaches the engine: a question gets the notice again.
    tg.text(user, "أريد محامي")
    assert tg.wait_messages(user, 4)[3]["text"] == notice["text"]
    assert tg.calls("answerCallbackQuery")  # presses are acknowledged
    [accept] = buttons(notice).values()
    tg.press(user, accept)
    greeting = tg.wait_messages(user, 5)[4]
    assert "Wegwijs" in greeting["text"] and len(buttons(greeting)) >= 5
    tg.text(user, "أريد محامي مجاني")
    answer = tg.wait_messages(user, 6)[5]
    assert "Raad voor Rechtsbijstand" in answer["text"]
    assert "2026-11-23" in answer["text"]  # checked date and sources under the answer


def test_commands_are_in_the_menu_in_each_language(tg, stack):
    calls = [c["params"] for c in tg.calls("setMyCommands")]
    by_language = {c.get("language_code"): c["commands"] for c in calls}
    assert set(by_language) >= {None, "nl", "ar"}
    for commands in by_language.values():
        assert [c["command"] for c in commands] == ["start", "menu", "language", "help",
                                                    "privacy", "forget"]
    assert by_language["nl"][0]["description"] != by_language[None][0]["description"]


def test_button_press_and_language_switch(tg, stack):
    user = next(PEOPLE)
    greeting = start_and_consent(tg, user, "English")[3]
    tg.press(user, buttons(greeting)["Which phase am I in?"])
    phase_menu = tg.wait_messages(user, 5)[4]
    tg.press(user, buttons(phase_menu)["I was refused"])
    assert "lawyer today" in tg.wait_messages(user, 6)[5]["text"]
    tg.text(user, "/language")
    menu = tg.wait_messages(user, 7)[6]
    tg.press(user, buttons(menu)["Nederlands"])
    assert "Nederlands" in tg.wait_messages(user, 8)[7]["text"]
    tg.text(user, "ik heb een advocaat nodig")
    reply = tg.wait_messages(user, 9)[8]["text"]
    assert "advocaat" in reply.lower() and "vandaag" in reply  # refused phase remembered, in Dutch


def test_non_text_updates_get_a_kind_reply_in_the_persons_language(tg, stack):
    user = next(PEOPLE)
    tg.message_update(user, "nl", voice={"file_id": "v", "file_unique_id": "v", "duration": 3})
    tg.message_update(user, "nl", photo=[{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}])
    tg.message_update(user, "nl", sticker={"file_id": "s", "file_unique_id": "s", "type": "regular",
                                          "width": 1, "height": 1, "is_animated": False,
                                          "is_video": False})
    tg.message_update(user, "nl", document={"file_id": "d", "file_unique_id": "d"})
    tg.message_update(user, "nl", location={"latitude": 52.0, "longitude": 5.0})
    tg.message_update(user, "nl", key="edited_message", text="toch anders", edit_date=1)
    texts = [m["text"] for m in tg.wait_messages(user, 6)]
    assert len(set(texts)) == 6
    assert all("Sorry" in t or "Dank" in t or "nieuwe" in t for t in texts)  # Dutch replies
    assert "112" in texts[0]


def test_group_chats_are_refused_politely(tg, stack):
    user = next(PEOPLE)
    group = -100_000 - user
    tg.text(user, "hallo allemaal", chat_type="group", chat_id=group)
    [reply] = tg.wait_messages(group, 1)
    assert "private" in reply["text"] or "privé" in reply["text"]
    deadline = time.monotonic() + 10  # the bot leaves right after replying
    while not any(str(c["params"]["chat_id"]) == str(group) for c in tg.calls("leaveChat")):
        assert time.monotonic() < deadline, "the bot did not leave the group"
        time.sleep(0.05)


def test_forget_erases_the_conversation_everywhere(tg, stack):
    user = next(PEOPLE)
    start_and_consent(tg, user, "English")
    tg.text(user, "I want to go back to my country")
    tg.wait_messages(user, 5)
    pseudonym = stack_pseudonym(stack, user)
    tracker = sqlite3.connect(stack.settings.data_dir / "tracker.db")
    store = sqlite3.connect(stack.settings.data_dir / "wegwijs.db")
    count = "select count(*) from events where sender_id = ?"
    assert tracker.execute(count, (pseudonym,)).fetchone()[0] > 0
    # Pseudonymous: neither the Telegram user id nor the name is in the tracker store.
    rows = tracker.execute("select sender_id, data from events").fetchall()
    assert not any(str(user) in (sender + (data or "")) or "Resident" in (data or "")
                   for sender, data in rows)
    tg.text(user, "/forget")
    confirm = tg.wait_messages(user, 6)[5]
    tg.press(user, buttons(confirm)["Yes, delete everything"])
    assert "deleted" in tg.wait_messages(user, 7)[6]["text"]
    assert tracker.execute(count, (pseudonym,)).fetchone()[0] == 0
    assert store.execute("select count(*) from telegram_people where pseudonym = ?",
                         (pseudonym,)).fetchone()[0] == 0
    tg.text(user, "hello")  # a new start: the privacy notice again
    assert "/forget" in tg.wait_messages(user, 8)[7]["text"]


def stack_pseudonym(stack, user: int) -> str:
    import hashlib
    import hmac
    return hmac.new(stack.settings.key(), f"telegram:{user}".encode(),
                    hashlib.sha256).hexdigest()[:40]


def test_429_is_retried_after_the_delay_and_delivered(tg, stack):
    user = next(PEOPLE)
    tg.fail_sends = 1
    tg.text(user, "/help")
    [message] = tg.wait_messages(user, 1, timeout=20)
    assert "/forget" in message["text"]
    refused = [c for c in tg.calls("429") if str(c["params"]["chat_id"]) == str(user)]
    delivered = tg.calls("sendMessage", user)
    assert refused and delivered[0]["at"] - refused[0]["at"] >= tg.retry_after * 0.9


def test_engine_down_gives_the_unavailable_message_then_continues(tg, stack):
    user = next(PEOPLE)
    start_and_consent(tg, user, "Nederlands", "nl")
    stack.stop_engines()
    try:
        tg.text(user, "ik heb een advocaat nodig")
        down = tg.wait_messages(user, 5, timeout=15)[4]["text"]
        assert "112" in down and "088 112 2 112" in down and "VWN" in down
    finally:
        stack.start_engines()
        stack.wait_ready(timeout=240)
    tg.text(user, "ik heb een advocaat nodig")
    assert "Raad voor Rechtsbijstand" in tg.wait_messages(user, 6)[5]["text"]


def test_webhook_checks_the_secret(fake_telegram, stack_settings, stack, tmp_path):
    settings = stack_settings.model_copy(update={
        "telegram_webhook_url": "https://wegwijs.example/telegram/webhook",
        "telegram_webhook_secret": "s3cret-token", "data_dir": tmp_path})
    with TestClient(create_app(settings)) as client:
        registered = fake_telegram.calls("setWebhook")[-1]["params"]
        assert registered["url"] == settings.telegram_webhook_url
        assert registered["secret_token"] == "s3cret-token"
        user = next(PEOPLE)
        update = {"update_id": 1, "message": {
            "message_id": 1, "date": 0, "chat": {"id": user, "type": "private"},
            "from": FakeTelegram.user(user), "text": "/help",
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}]}}
        assert client.post("/telegram/webhook", json=update).status_code == 403
        assert client.post("/telegram/webhook", json=update,
                           headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}).status_code == 403
        assert fake_telegram.messages(user) == []
        ok = client.post("/telegram/webhook", json=update,
                         headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})
        assert ok.status_code == 200
        assert "/forget" in fake_telegram.wait_messages(user, 1)[0]["text"]
        assert client.get("/api/health").json()["telegram"] == "webhook"


def test_messages_of_one_chat_are_answered_in_order(tg, stack):
    user = next(PEOPLE)
    start_and_consent(tg, user, "English")
    for text in ("I need a free lawyer", "I want to go back to my country", "how can I contact COA"):
        tg.text(user, text)
    replies = [m["text"] for m in tg.wait_messages(user, 7)[4:]]
    assert "free lawyer" in replies[0] and "DT&V" in replies[1] and "COA desk" in replies[2]


def test_plain_text_nothing_to_escape(tg, stack):
    user = next(PEOPLE)
    tg.text(user, "/help")
    [message] = tg.wait_messages(user, 1)
    assert "parse_mode" not in message  # sent as plain text: no markup can break or inject
