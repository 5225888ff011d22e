"""The action server: rasa-sdk's ActionExecutor behind a FastAPI app on 127.0.0.1.

rasa-sdk's own command line binds 0.0.0.0, so we serve its executor ourselves with
the same webhook contract (200 result, 400 rejection, 404 unknown action).
"""

from __future__ import annotations

import logging
from typing import Any

import json

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

import actions.actions

logger = logging.getLogger(__name__)


def create_app() -> FastAPI:
    executor = ActionExecutor()
    executor.register_package(actions.actions)
    app = FastAPI(title="Wegwijs actions")

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/actions")
    async def list_actions() -> list[dict[str, Any]]:
        return [a.model_dump() for a in executor.list_actions()]

    @app.post("/webhook")
    async def webhook(request: Request) -> JSONResponse:
        # The call carries the whole tracker and domain: json.loads, not field validation.
        try:
            action_call = json.loads(await request.body())
        except ValueError:
            action_call = None
        if not isinstance(action_call, dict):
            return JSONResponse({"error": "Invalid body request"}, 400)
        try:
            result = await executor.run(action_call)
        except ActionExecutionRejection as exc:
            return JSONResponse({"error": exc.message, "action_name": exc.action_name}, 400)
        except ActionNotFoundException as exc:
            return JSONResponse({"error": exc.message, "action_name": exc.action_name}, 404)
        return JSONResponse(result.model_dump() if result else None, 200)

    return app


def main() -> None:
    import uvicorn

    from bot.settings import get_settings

    settings = get_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is noise
    uvicorn.run(create_app(), host="127.0.0.1", port=settings.actions_port,
                log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
