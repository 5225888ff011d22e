"""A local stand-in for Telegram's Bot API (the parts Wegwijs uses), over real HTTP.

The application under test talks to it through python-telegram-bot's `base_url`.
Tests queue updates (served by getUpdates, or posted to the webhook) and read what
the bot sent. It can answer the next sends with 429 to test retry_after.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from typing import Any
from urllib.parse import parse_qsl

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

BOT = {"id": 4242, "is_bot": True, "first_name": "Wegwijs", "username": "WegwijsBot",
       "can_join_groups": True, "can_read_all_group_messages": False,
       "supports_inline_queries": False}


class FakeTelegram:
    def __init__(self, port: int, token: str = "123456:TEST") -> None:
        self.port, self.token = port, token
        self.lock = threading.Lock()
        self.updates: list[dict[str, Any]] = []
        self.pushed_at: dict[int, float] = {}
        self.fetched_at: dict[int, float] = {}  # when getUpdates first handed an update out
        self.sent: list[dict[str, Any]] = []  # every call: {"method", "params", "at"}
        self.fail_sends = 0  # the next N sendMessage calls get 429
        self.retry_after = 1
        self.ids = itertools.count(1)
        self.message_ids = itertools.count(100)
        self.server: uvicorn.Server | None = None
        self.by_chat: dict[str, list[dict[str, Any]]] = {}  # sendMessage params per chat
        self.arrived: dict[str, threading.Condition] = {}
        self.app = self._app()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # -- what tests use --------------------------------------------------------------
    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            update = {"update_id": next(self.ids), **update}
            self.updates.append(update)
            self.pushed_at[update["update_id"]] = time.monotonic()
        return update

    def calls(self, method: str, chat_id: int | None = None) -> list[dict[str, Any]]:
        with self.lock:
            return [c for c in self.sent if c["method"] == method and
                    (chat_id is None or str(c["params"].get("chat_id")) == str(chat_id))]

    def _arrived(self, chat: str) -> threading.Condition:
        return self.arrived.setdefault(chat, threading.Condition(self.lock))

    def messages(self, chat_id: int) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.by_chat.get(str(chat_id), []))

    def wait_messages(self, chat_id: int, count: int, timeout: float = 30) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        chat = str(chat_id)
        with self.lock:
            arrived = self._arrived(chat)
            while time.monotonic() < deadline:
                found = self.by_chat.get(chat, [])
                if len(found) >= count:
                    return list(found)
                arrived.wait(max(0.0, min(0.5, deadline - time.monotonic())))
        raise AssertionError(f"chat {chat_id}: {len(self.messages(chat_id))} of {count} "
                             f"messages after {timeout}s: {self.messages(chat_id)}")

    # -- update builders -------------------------------------------------------------
    @staticmethod
    def user(user_id: int, language: str = "en") -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": "Resident", "language_code": language}

    def message_update(self, user_id: int, language: str = "en", chat_type: str = "private",
                       chat_id: int | None = None, key: str = "message", **content: Any) -> dict:
        chat = {"id": chat_id or user_id, "type": chat_type}
        if chat_type != "private":
            chat["title"] = "A group"
        return self.push({key: {"message_id": next(self.message_ids), "date": int(time.time()),
                                "chat": chat, "from": self.user(user_id, language), **content}})

    def text(self, user_id: int, text: str, language: str = "en", **kw: Any) -> dict:
        entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] \
            if text.startswith("/") else []
        return self.message_update(user_id, language, text=text, entities=entities, **kw)

    def press(self, user_id: int, callback_data: str, language: str = "en") -> dict:
        return self.push({"callback_query": {
            "id": str(next(self.ids)), "from": self.user(user_id, language),
            "chat_instance": "ci", "data": callback_data,
            "message": {"message_id": next(self.message_ids), "date": int(time.time()),
                        "chat": {"id": user_id, "type": "private"}, "from": BOT,
                        "text": "…"}}})

    # -- the server ----------------------------------------------------------------------
    def _app(self) -> FastAPI:
        app = FastAPI()

        @app.api_route("/bot{token}/{method}", methods=["GET", "POST"])
        async def call(token: str, method: str, request: Request) -> JSONResponse:
            if token != self.token:
                return JSONResponse({"ok": False, "error_code": 401,
                                     "description": "Unauthorized"}, 401)
            params = await self._params(request)
            with self.lock:
                if method == "sendMessage" and self.fail_sends > 0:
                    self.fail_sends -= 1
                    self.sent.append({"method": "429", "params": params, "at": time.monotonic()})
                    return JSONResponse({"ok": False, "error_code": 429,
                                         "description": "Too Many Requests: retry later",
                                         "parameters": {"retry_after": self.retry_after}}, 429)
                self.sent.append({"method": method, "params": params, "at": time.monotonic()})
                if method == "sendMessage":
                    chat = str(params.get("chat_id"))
                    self.by_chat.setdefault(chat, []).append(params)
                    self._arrived(chat).notify_all()
            if method == "getUpdates":
                return JSONResponse({"ok": True, "result": await self._get_updates(params)})
            return JSONResponse({"ok": True, "result": self._result(method, params)})

        return app

    @staticmethod
    async def _params(request: Request) -> dict[str, Any]:
        if request.headers.get("content-type", "").startswith("application/json"):
            return await request.json()
        # python-telegram-bot posts url-encoded fields, JSON-encoding the complex ones.
        form = dict(parse_qsl((await request.body()).decode())) if request.method == "POST" else {}
        params: dict[str, Any] = {**dict(request.query_params), **form}
        for key, value in params.items():
            if isinstance(value, str) and value[:1] in "[{":
                params[key] = json.loads(value)
        return params

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 1.0)
        while True:
            with self.lock:
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
                ready = list(self.updates)
            if ready or time.monotonic() >= deadline:
                with self.lock:
                    for u in ready:
                        self.fetched_at.setdefault(u["update_id"], time.monotonic())
                return ready
            await asyncio.sleep(0.005)

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT
        if method == "sendMessage":
            return {"message_id": next(self.message_ids), "date": int(time.time()),
                    "chat": {"id": int(params["chat_id"]), "type": "private"}, "from": BOT,
                    "text": params.get("text", "")}
        return True  # setWebhook, deleteWebhook, setMyCommands, answerCallbackQuery, leaveChat

    def start(self) -> "FakeTelegram":
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        threading.Thread(target=self.server.run, daemon=True).start()
        while not self.server.started:
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self.server:
            self.server.should_exit = True
