"""Renders a response in a language: translated text and buttons, placeholders filled."""

from __future__ import annotations

import logging
from typing import Any

from bot.content import PLACEHOLDER, Response, contact_values, describe_source, responses
from bot.i18n.catalogs import Catalogs
from bot.languages import LANGUAGES

logger = logging.getLogger(__name__)

# Left-to-Right Isolate / Pop Directional Isolate around an inserted value: phone
# numbers and URLs always read left to right; unisolated inside right-to-left text
# a number shows its groups reversed ("088 077 77 00" as "00 77 077 088").
LRI, PDI = "\u2066", "\u2069"
# Answers that state facts about a person's situation carry the quiet line that this is
# general information, and ask whether they helped; greetings, menus, contact cards and
# crisis answers do neither (a crisis answer must stay short and direct).
QUIET_TOPICS = {"general", "crisis", "contacts", "help", "commands"}
NOTICE = "utter_general_info"
RATE = "utter_rate_buttons"


class Renderer:
    """Turns a response name plus arguments into the message the person sees."""

    def __init__(self, catalogs: Catalogs) -> None:
        self.catalogs = catalogs
        self.responses = responses()
        self.directory = contact_values()

    def render(self, name: str, language: str, arguments: dict[str, Any] | None = None,
               slots: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self.responses.get(name)
        if response is None:
            logger.error("unknown response %s; sending utter_default", name)
            response = self.responses["utter_default"]
        lang = LANGUAGES[language]
        text = self.catalogs.lookup(lang.code, response.name, response.text)
        values = {**self.directory, **_strings(slots), **_strings(arguments)}
        rtl = LANGUAGES[text.language].direction == "rtl"
        topic = str(response.metadata.get("topic") or "")
        buttons = self._buttons(response, lang.code)
        notice = ""
        # Only the assistant's answers (domain/), never the gateway's own texts (notices).
        if response.source_file.startswith("domain/") and topic not in QUIET_TOPICS \
                and response.metadata.get("sources"):
            notice = self.catalogs.lookup(lang.code, NOTICE, self.responses[NOTICE].text).text
            buttons += self._buttons(self.responses[RATE], lang.code)
        return {
            "response": response.name,
            "topic": topic,
            "text": _fill(text.text, values, rtl, response.name),
            "notice": notice,
            "buttons": buttons,
            "language": text.language,
            "direction": LANGUAGES[text.language].direction,
            "translation": text.status,
            "routes": response.routes,
            "sources": [describe_source(s) for s in response.metadata.get("sources") or []],
            "checked": str(response.metadata.get("checked") or ""),
        }

    def _buttons(self, response: Response, code: str) -> list[dict[str, str]]:
        out = []
        for button in response.buttons:
            title = button.title
            if response.translate_buttons:
                title = self.catalogs.lookup(code, response.name, button.title).text
            out.append({"title": title, "payload": button.payload})
        return out


def _strings(values: dict[str, Any] | None) -> dict[str, str]:
    return {k: str(v) for k, v in (values or {}).items() if isinstance(v, (str, int, float))}


def _fill(text: str, values: dict[str, str], rtl: bool, name: str) -> str:
    def replace(match: Any) -> str:
        key = match.group(1)
        if key not in values:
            # Never show a raw {key} to a person; the content tests catch this earlier.
            logger.error("response %s: no value for placeholder %s", name, key)
            return ""
        return f"{LRI}{values[key]}{PDI}" if rtl else values[key]

    return PLACEHOLDER.sub(replace, text)
