"""POST /api/chat: the stable chat contract every channel and tool relies on."""

from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from bot import languages
from bot.api.errors import ApiError
from bot.deps import get_gateway, get_settings
from bot.detect import detect_language
from bot.gateway import EngineUnavailable, Gateway, Reply, clean_text
from bot.settings import Settings

router = APIRouter(tags=["chat"])


class ChatRequest(BaseModel):
    sender: str = Field(min_length=1, max_length=128, description="Opaque id of the person.")
    text: str = Field(description="The message, or the payload of one of our buttons.")
    language: Optional[str] = Field(None, description="Language code; optional.")


class Button(BaseModel):
    title: str
    payload: str


class Source(BaseModel):
    title: str
    url: Optional[str]


class Message(BaseModel):
    text: str
    buttons: list[Button]
    response: str
    topic: str = Field("", description="The answer's topic (content metadata).")
    notice: str = Field("", description="Quiet line: general information, who decides.")
    routes: list[str]
    language: str
    direction: str
    translation: str
    sources: list[Source]
    checked: str


class Intent(BaseModel):
    name: Optional[str]
    confidence: Optional[float]


class ChatResponse(BaseModel):
    sender: str
    language: str
    intent: Optional[Intent]
    messages: list[Message]


def _body(gateway: Gateway, sender: str, reply: Reply) -> dict[str, object]:
    return {"sender": sender, "language": reply.language, "intent": reply.intent,
            "messages": gateway.sign_buttons(reply.messages)}


@router.post("/api/chat", response_model=ChatResponse,
             responses={400: {}, 422: {}, 503: {"description": "engine unavailable"}})
async def chat(req: ChatRequest, gateway: Gateway = Depends(get_gateway),
               settings: Settings = Depends(get_settings)) -> object:
    """Send one message and get the assistant's replies in the person's language."""
    text = clean_text(req.text)
    if not text:
        raise ApiError(422, "empty_text", "The text is empty.")
    if len(text) > settings.max_message_chars:
        raise ApiError(422, "text_too_long",
                       f"The text is longer than {settings.max_message_chars} characters.",
                       limit=settings.max_message_chars)
    if clean_text(req.sender) != req.sender:
        raise ApiError(422, "invalid_sender", "The sender id has control characters or spaces at its ends.")
    language = None
    if req.language is not None:
        lang = languages.resolve(req.language)
        if lang is None:
            raise ApiError(422, "unknown_language", f"Unknown language code {req.language!r}.",
                           supported=sorted(languages.LANGUAGES))
        language = lang.code
    try:
        reply = await gateway.handle("api", req.sender, text, language)
    except EngineUnavailable:
        reply = gateway.unavailable(language or detect_language(text))
        return JSONResponse(
            {**_body(gateway, req.sender, reply),
             "error": {"code": "engine_unavailable",
                       "message": "The assistant is temporarily unavailable."}},
            status_code=503)
    return _body(gateway, req.sender, reply)


@router.get("/api/languages")
async def list_languages() -> list[dict[str, object]]:
    """The supported languages: native name, script direction, browser codes that map here."""
    return [{"code": l.code, "name": l.native_name, "direction": l.direction,
             "aliases": list(l.aliases)} for l in languages.LANGUAGES.values()]
