"""Telegram's webhook: updates are accepted only with the secret registered at start-up."""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request

from bot.api.errors import ApiError

router = APIRouter(tags=["telegram"])
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@router.post("/telegram/webhook", include_in_schema=False)
async def webhook(request: Request) -> dict[str, bool]:
    """Receive one update from Telegram (webhook mode only)."""
    channel = getattr(request.app.state, "telegram", None)
    if channel is None or not channel.webhook:
        raise ApiError(404, "not_found", "Telegram webhook mode is off.")
    if not hmac.compare_digest(request.headers.get(SECRET_HEADER, ""), channel.secret):
        raise ApiError(403, "forbidden", "Missing or wrong secret token.")
    try:
        data = await request.json()
    except ValueError:
        raise ApiError(400, "invalid_json", "The body must be valid JSON.") from None
    if not isinstance(data, dict) or "update_id" not in data:
        raise ApiError(400, "invalid_update", "Not a Telegram update.")
    await channel.process_webhook(data)
    return {"ok": True}
