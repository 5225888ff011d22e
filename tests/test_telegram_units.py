"""Telegram channel pieces without the engine: callback ids, splitting, pacing."""

from __future__ import annotations

import asyncio

import pytest
from telegram.error import RetryAfter

from bot.content import responses
from bot.i18n.catalogs import Catalogs
from bot.render import Renderer
from bot.telegram import render
from bot.telegram.buttons import payload_for, registry, short_id
from bot.telegram.pacing import Pacer


def test_every_button_has_a_short_unique_callback_id():
    payloads = {b.payload for r in responses().values() for b in r.buttons}
    assert set(registry().values()) == payloads
    assert all(len(short_id(p).encode()) <= 64 for p in payloads)
    assert payload_for(short_id("/show_menu")) == "/show_menu"
    assert payload_for("b:forged") is None and payload_for(None) is None


def test_long_text_is_split_below_the_limit_at_sentence_boundaries():
    sentence = "Dit is een zin over de asielprocedure en wie je kan helpen. "
    text = sentence * 200  # about 12,000 characters
    parts = render.split(text)
    assert len(parts) >= 3
    assert all(len(p) <= render.SAFE for p in parts)
    assert all(p.endswith(".") for p in parts)
    assert " ".join(parts) == text.strip()


def test_text_without_spaces_is_still_split():
    parts = render.split("x" * 9000)
    assert [len(p) for p in parts] == [render.SAFE, render.SAFE, 9000 - 2 * render.SAFE]


def test_parts_put_the_keyboard_on_the_last_part_and_add_the_footer():
    renderer = Renderer(Catalogs())
    message = renderer.render("utter_legal_aid", "nl")
    message["text"] = "Lange tekst. " * 700
    out = render.parts(renderer, message, message["buttons"])
    assert len(out) > 1 and all(markup is None for _, markup in out[:-1])
    # Two answer buttons, one per row, then 👍/👎 together on one row.
    rows = out[-1][1].inline_keyboard
    assert [len(r) for r in rows] == [1] * (len(rows) - 1) + [2]
    assert "2026-11-23" in out[-1][0] and "rvr.org" in out[-1][0]
    assert message["notice"] and message["notice"] in out[-1][0]


def test_pacer_honours_retry_after_and_still_delivers():
    calls = []

    async def send() -> str:
        calls.append(len(calls))
        if len(calls) < 3:
            raise RetryAfter(0)
        return "delivered"

    async def main() -> str:
        pacer = Pacer()
        return await pacer.process_request(send, (), {}, "sendMessage", {"chat_id": 1}, None)

    assert asyncio.run(main()) == "delivered"
    assert calls == [0, 1, 2]


def test_pacer_gives_up_after_max_retries():
    async def send() -> str:
        raise RetryAfter(0)

    async def main() -> None:
        await Pacer(max_retries=2).process_request(send, (), {}, "sendMessage", {"chat_id": 1}, None)

    with pytest.raises(RetryAfter):
        asyncio.run(main())


def send_times(pacer: Pacer, chats: list[int]) -> list[float]:
    """When each message, one per chat id in order, left through the pacer."""
    sent: list[float] = []

    async def main() -> None:
        loop = asyncio.get_running_loop()

        async def send() -> None:
            sent.append(loop.time())

        for chat in chats:
            await pacer.process_request(send, (), {}, "sendMessage", {"chat_id": chat}, None)

    asyncio.run(main())
    return sent


def test_pacer_spaces_messages_to_one_chat_after_a_burst():
    sent = send_times(Pacer(per_chat_per_second=20, per_chat_burst=2), [7] * 4)
    # Two at once (the burst), then one per 1/20 s: the fourth no earlier than ~0.1 s.
    assert sent[1] - sent[0] < 0.04 and sent[3] - sent[0] >= 0.09


def test_pacer_sends_a_burst_then_keeps_the_overall_average():
    # Different chats, so only the overall pace applies: 5 at once (0.1 s of 50/s), then
    # one per 1/50 s — the 15th no earlier than ~0.2 s after the first.
    sent = send_times(Pacer(overall_per_second=50, overall_burst_seconds=0.1), list(range(15)))
    assert sent[4] - sent[0] < 0.03
    assert sent[14] - sent[0] >= 0.19
