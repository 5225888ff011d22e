"""Readiness of the engine, the action server and the NLG service."""

from __future__ import annotations

import httpx
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from bot.deps import get_settings
from bot.settings import Settings

router = APIRouter(tags=["health"])


async def _up(client: httpx.AsyncClient, url: str) -> bool:
    try:
        return (await client.get(url, timeout=2.0)).status_code == 200
    except httpx.HTTPError:
        return False


@router.get("/api/health")
async def health(request: Request, settings: Settings = Depends(get_settings)) -> JSONResponse:
    """200 when every part is ready, else 503; always says which part is down."""
    client: httpx.AsyncClient = request.app.state.http
    catalogs = request.app.state.renderer.catalogs
    parts = {
        "engine": all([await _up(client, f"{url}/") for url in settings.rasa_urls]),
        "actions": await _up(client, f"{settings.actions_url}/health"),
        "nlg": bool(request.app.state.renderer.responses),
    }
    ready = all(parts.values())
    channel = getattr(request.app.state, "telegram", None)
    telegram = (channel.mode if channel else
                "error" if getattr(request.app.state, "telegram_error", None) else "off")
    body = {"status": "ok" if ready else "unavailable", **parts, "telegram": telegram,
            "translation_fallbacks": dict(catalogs.fallbacks)}
    return JSONResponse(body, status_code=200 if ready else 503)
