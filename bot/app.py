"""The FastAPI application: web chat, chat API, health, Rasa's NLG endpoint and the staff pages."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator

import httpx
from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from bot.api import chat, errors, health, nlg, telegram
from bot.gateway import Gateway
from bot.i18n.catalogs import Catalogs
from bot.render import Renderer
from bot.settings import Settings, get_settings
from bot.staff import web as staff

WEB_DIR = Path(__file__).parent / "web"


async def start_telegram(settings: Settings, app: FastAPI) -> object | None:
    """The Telegram channel when a bot token is set; the rest runs without it."""
    if not settings.telegram_bot_token:
        logging.getLogger("bot").info("Telegram is off (no TELEGRAM_BOT_TOKEN)")
        return None
    from bot.store import Store
    from bot.telegram.channel import TelegramChannel

    channel = TelegramChannel(settings, app.state.gateway, app.state.renderer, Store(settings))
    try:
        await channel.start()
    except Exception as exc:  # a bad token or no network must not take the web chat down
        logging.getLogger("bot").error("Telegram could not start: %s", exc)
        channel.store.close()
        app.state.telegram_error = type(exc).__name__
        return None
    return channel


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        staff.startup(app)  # review database migrations
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)
        async with httpx.AsyncClient(limits=limits) as client:
            app.state.http = client
            app.state.gateway = Gateway(settings, app.state.renderer, client)
            app.state.telegram = await start_telegram(settings, app)
            try:
                yield
            finally:
                if app.state.telegram:
                    await app.state.telegram.stop()
                    app.state.telegram.store.close()

    app = FastAPI(title="Wegwijs", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.renderer = Renderer(Catalogs(serve_drafts=settings.serve_drafts))
    errors.install(app)
    app.include_router(chat.router)
    app.include_router(health.router)
    app.include_router(nlg.router)
    app.include_router(telegram.router)
    staff.install(app, settings)
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html")

    return app


def main() -> None:
    """Serve the app on 127.0.0.1 (used by the process stack)."""
    import uvicorn

    settings = get_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is noise
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
