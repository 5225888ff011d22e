"""The gateway: one code path from any channel to the Rasa engine and back.

It cleans the text, decides the language, pseudonymises the sender, and lets
only trusted payloads through: a channel's own (Telegram's button ids) or, for
the chat API whose clients echo payloads back as text, buttons it signed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import httpx

from bot import languages
from bot.detect import detect_language
from bot.render import Renderer
from bot.settings import Settings

logger = logging.getLogger(__name__)

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Commands a person may type; each maps to a payload the gateway sends on their behalf.
COMMANDS = {
    "start": "/greet",
    "menu": "/show_menu",
    "help": "/show_menu",
    "language": "/ask_language",
    "taal": "/ask_language",
}
BUTTON_PREFIX = "b."


class EngineUnavailable(Exception):
    """The Rasa server (or what it depends on) did not answer in time."""


@dataclass
class Reply:
    language: str
    intent: dict[str, Any] | None
    messages: list[dict[str, Any]] = field(default_factory=list)


def command_of(text: str) -> str:
    """The command of a message like '/menu' or '/menu@WegwijsBot hi', in lower case."""
    return text[1:].split(maxsplit=1)[0].split("@")[0].lower() if text[1:].strip() else ""


def clean_text(text: str) -> str:
    """NFC-normalised text without control characters and with collapsed whitespace."""
    text = unicodedata.normalize("NFC", text)
    text = CONTROL.sub(" ", text.replace("\n", " ").replace("\t", " "))
    return " ".join(text.split())


PAYLOAD = re.compile(r"^(/[A-Za-z0-9_.-]+)(\{.*\})?$", re.DOTALL)


def with_language(payload: str, language: str) -> str:
    """The payload with the conversation's language as an entity.

    Rasa reads a "/intent{...}" payload without running the NLU pipeline, so the
    metadata → entity step (engine.metadata_language) never sees it; the entity in the
    payload fills the language slot instead. An explicit language choice is kept.
    """
    match = PAYLOAD.match(payload)
    if not match:
        return payload
    try:
        entities = json.loads(match.group(2)) if match.group(2) else {}
    except ValueError:
        return payload
    if not isinstance(entities, dict) or "language" in entities:
        return payload
    entities["conversation_language"] = language
    return match.group(1) + json.dumps(entities, ensure_ascii=False, separators=(",", ":"))


class Gateway:
    def __init__(self, settings: Settings, renderer: Renderer, client: httpx.AsyncClient) -> None:
        self.settings = settings
        self.renderer = renderer
        self.client = client
        self.key = settings.key()

    # -- identities and buttons ------------------------------------------------------
    def pseudonym(self, channel: str, sender: str) -> str:
        """Keyed hash of the sender: the tracker store never sees the raw id."""
        return hmac.new(self.key, f"{channel}:{sender}".encode(), hashlib.sha256).hexdigest()[:40]

    def _mac(self, data: bytes) -> str:
        return hmac.new(self.key, b"button:" + data, hashlib.sha256).hexdigest()[:16]

    def sign(self, payload: str) -> str:
        data = payload.encode()
        return f"{BUTTON_PREFIX}{base64.urlsafe_b64encode(data).decode().rstrip('=')}.{self._mac(data)}"

    def verify(self, token: str) -> str | None:
        """The payload of one of our own buttons, or None for anything else."""
        if not token.startswith(BUTTON_PREFIX) or token.count(".") != 2:
            return None
        _, body, mac = token.split(".")
        try:
            data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        except ValueError:
            return None
        return data.decode("utf-8", "replace") if hmac.compare_digest(mac, self._mac(data)) else None

    def engine_url(self, conversation: str) -> str:
        """The engine that holds this conversation. Always the same one, so Rasa's
        per-conversation lock (in memory, per process) keeps turns in order."""
        urls = self.settings.rasa_urls
        return urls[int(conversation[:8], 16) % len(urls)]

    def sign_buttons(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Messages whose button payloads are signed tokens (for clients that echo them)."""
        return [{**m, "buttons": [{"title": b["title"], "payload": self.sign(b["payload"])}
                                  for b in m["buttons"]]} for m in messages]

    # -- one message -----------------------------------------------------------------
    def to_engine_text(self, text: str) -> tuple[str, bool]:
        """(text for Rasa, is_payload). Typed text can never start with '/'."""
        payload = self.verify(text)
        if payload is not None:
            return payload, True
        if text.startswith("/"):
            command = command_of(text)
            if command in COMMANDS:
                return COMMANDS[command], True
            text = text.lstrip("/ ")
            if not text:
                return "/nlu_fallback", True
        return text, False

    async def handle(self, channel: str, sender: str, text: str, language: str | None = None,
                     *, payload: bool = False) -> Reply:
        """Send one message of a person to the engine and return the rendered replies.

        `payload=True` only for a payload the channel itself vouches for.
        """
        engine_text, is_payload = (text, True) if payload else self.to_engine_text(text)
        lang = language or (None if is_payload else detect_language(engine_text))
        if is_payload and language:
            engine_text = with_language(engine_text, language)
        metadata = {"language": lang} if lang else {}
        conversation = self.pseudonym(channel, sender)
        body = {"sender": conversation, "message": engine_text, "metadata": metadata}
        if self.settings.log_messages:
            logger.info("to engine: %s", engine_text)
        try:
            resp = await self.client.post(
                f"{self.engine_url(conversation)}/webhooks/rest/webhook", json=body,
                timeout=self.settings.engine_timeout,
            )
            resp.raise_for_status()
            raw = resp.json()
        except (httpx.HTTPError, ValueError) as exc:
            logger.error("engine unavailable: %s", type(exc).__name__)
            raise EngineUnavailable from exc
        messages = []
        intent = None
        conversation_language = None
        for item in raw if isinstance(raw, list) else []:
            custom = item.get("custom")
            if not isinstance(custom, dict) or "response" not in custom:
                continue  # only messages rendered by our NLG service are passed on
            message_intent = custom.pop("intent", None)
            intent = intent or message_intent
            conversation_language = custom.pop("conversation_language", None)
            messages.append(custom)
        if not messages:
            raise EngineUnavailable("the engine sent no rendered message")
        return Reply(language=conversation_language or messages[-1]["language"],
                     intent=intent, messages=messages)

    def unavailable(self, language: str | None) -> Reply:
        """The message a person gets when the engine is down: 112, GZA and VWN."""
        lang = languages.resolve(language) or languages.LANGUAGES[self.settings.default_language]
        message = self.renderer.render("utter_engine_unavailable", lang.code)
        return Reply(language=message["language"], intent=None, messages=[message])
