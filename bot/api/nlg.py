"""Rasa's NLG endpoint: renders each response in the conversation's language."""

from __future__ import annotations

from typing import Any

import json

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from bot.content import responses
from bot.deps import get_renderer, get_settings
from bot.languages import resolve
from bot.render import Renderer
from bot.settings import Settings
from bot.staff.serving import safe_message

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
async def nlg(request: Request, renderer: Renderer = Depends(get_renderer),
              settings: Settings = Depends(get_settings)) -> JSONResponse:
    """Rasa's callback NLG: return the rendered message as a custom payload."""
    # Rasa sends the whole tracker; plain json.loads is several times cheaper than
    # validating it field by field, and this runs for every message.
    try:
        body = json.loads(await request.body())
    except ValueError:
        return JSONResponse({"error": "invalid JSON"}, 400)
    if not isinstance(body, dict):
        return JSONResponse({"error": "expected an object"}, 400)
    tracker = body.get("tracker") or {}
    language = conversation_language(tracker, settings.default_language)
    arguments = body.get("arguments") or {}
    name = str(body.get("response"))
    safe = request.app.state.approved.replacement(name) if settings.serve_only_approved else None
    if safe:
        message = safe_message(renderer.render(safe, language, arguments,
                                               tracker.get("slots") or {}), responses()[name])
    else:
        message = renderer.render(name, language, arguments, tracker.get("slots") or {})
    latest = tracker.get("latest_message") or {}
    intent = latest.get("intent") or {}
    message["intent"] = {"name": intent.get("name"), "confidence": intent.get("confidence")}
    message["conversation_language"] = language
    return JSONResponse({"custom": message})
