"""Rasa's NLG endpoint: renders each response in the conversation's language."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends

from bot.deps import get_renderer, get_settings
from bot.languages import resolve
from bot.render import Renderer
from bot.settings import Settings

router = APIRouter(tags=["nlg"])


def conversation_language(tracker: dict[str, Any], default: str) -> str:
    """The language slot; else the gateway's metadata for this message; else the default."""
    slots = tracker.get("slots") or {}
    metadata = (tracker.get("latest_message") or {}).get("metadata") or {}
    for candidate in (slots.get("language"), metadata.get("language")):
        lang = resolve(candidate) if isinstance(candidate, str) else None
        if lang:
            return lang.code
    return default


@router.post("/nlg")
async def nlg(body: dict[str, Any] = Body(...), renderer: Renderer = Depends(get_renderer),
              settings: Settings = Depends(get_settings)) -> dict[str, Any]:
    """Rasa's callback NLG: return the rendered message as a custom payload."""
    tracker = body.get("tracker") or {}
    language = conversation_language(tracker, settings.default_language)
    arguments = body.get("arguments") or {}
    message = renderer.render(str(body.get("response")), language, arguments,
                              tracker.get("slots") or {})
    latest = tracker.get("latest_message") or {}
    intent = latest.get("intent") or {}
    message["intent"] = {"name": intent.get("name"), "confidence": intent.get("confidence")}
    message["conversation_language"] = language
    return {"custom": message}
