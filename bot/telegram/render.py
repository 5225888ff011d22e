"""Turns gateway replies into Telegram messages: plain text (nothing to escape),
split below Telegram's 4096 characters, buttons as an inline keyboard on the last part."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.render import Renderer
from bot.telegram.buttons import short_id

LIMIT = 4096
SAFE = 3900  # room for the footer and isolate marks


def split(text: str, limit: int = SAFE) -> list[str]:
    """Split at paragraph, then line, then sentence, then word boundaries."""
    parts: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < limit // 2:
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "), window.rfind("። "))
            cut = cut + 1 if cut >= limit // 2 else window.rfind(" ")
        if cut <= 0:
            cut = limit
        parts.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        parts.append(rest)
    return parts


def keyboard(buttons: list[dict[str, str]]) -> InlineKeyboardMarkup | None:
    """One button per row (long translated titles stay readable), except the 👍/👎 pair,
    which shares a row; raw payloads in."""
    if not buttons:
        return None
    rows: list[list[InlineKeyboardButton]] = []
    for b in buttons:
        button = InlineKeyboardButton(b["title"], callback_data=short_id(b["payload"]))
        if b["payload"].startswith("/rate_answer") and rows and \
                rows[-1][0].callback_data == short_id(_previous_rating(buttons, b)):
            rows[-1].append(button)
        else:
            rows.append([button])
    return InlineKeyboardMarkup(rows)


def _previous_rating(buttons: list[dict[str, str]], current: dict[str, str]) -> str:
    index = buttons.index(current)
    previous = buttons[index - 1] if index else None
    return previous["payload"] if previous and previous["payload"].startswith("/rate_answer") \
        else ""


def footer(renderer: Renderer, message: dict[str, Any]) -> str:
    """The quiet general-information line, the checked date and sources, in the message's
    language."""
    if not message.get("sources"):
        return ""
    sources = ", ".join(s["url"] or s["title"] for s in message["sources"])
    checked = renderer.render("utter_checked_on", message["language"],
                              {"checked": message["checked"], "sources": sources})["text"]
    return "\n".join(line for line in (message.get("notice"), checked) if line)


def parts(renderer: Renderer, message: dict[str, Any],
          raw_buttons: list[dict[str, str]]) -> list[tuple[str, InlineKeyboardMarkup | None]]:
    text = message["text"]
    note = footer(renderer, message)
    if note:
        text = f"{text}\n\n{note}"
    chunks = split(text)
    return [(chunk, keyboard(raw_buttons) if i == len(chunks) - 1 else None)
            for i, chunk in enumerate(chunks)]
