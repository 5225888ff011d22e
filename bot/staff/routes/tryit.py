""""Try it": ask a question as a resident would, through the app's own /api/chat."""

from __future__ import annotations

import secrets

import httpx
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from bot.languages import LANGUAGES
from bot.staff.web import Staff, page, require, settings_of

router = APIRouter(prefix="/staff", include_in_schema=False)


def _sender(staff: Staff, conversation: str) -> str:
    # Clearly a staff test in any log or tracker, and one conversation per panel.
    return f"staff-test-{staff.user.username}-{conversation}"


@router.get("/try", response_class=HTMLResponse)
async def form(request: Request, staff: Staff = Depends(require())) -> Response:
    return page(request, "try.html", staff, text="", language="", result=None, error="",
                conversation=secrets.token_hex(6))


@router.post("/try", response_class=HTMLResponse)
async def ask(request: Request, text: str = Form(""), language: str = Form(""),
              conversation: str = Form(""), staff: Staff = Depends(require())) -> Response:
    conversation = conversation if conversation.isalnum() and len(conversation) <= 32 \
        else secrets.token_hex(6)
    body: dict[str, str] = {"sender": _sender(staff, conversation), "text": text}
    if language:
        body["language"] = language
    settings = settings_of(request)
    result, error, status = None, "", 200
    if language and language not in LANGUAGES:
        error, status = "Choose a language from the list.", 400
    elif not text.strip():
        error, status = "Type a question first.", 400
    else:
        try:
            resp = await request.app.state.http.post(
                f"http://127.0.0.1:{settings.port}/api/chat", json=body,
                timeout=settings.engine_timeout + 25)
            data = resp.json()
        except (httpx.HTTPError, ValueError):
            error, status = "The assistant did not answer. Is it running (make run)?", 503
        else:
            if "messages" in data:
                result = data
            if "error" in data:
                error = data["error"]["message"]
                status = resp.status_code
    return page(request, "try.html", staff, status=status, text=text, language=language,
                result=result, error=error, conversation=conversation)
