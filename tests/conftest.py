"""Shared fixtures. The `stack` fixture runs the real processes: a trained Rasa model
served by `rasa run`, the action server and the gateway app, with SQLite on disk."""

from __future__ import annotations

import json
import socket
import subprocess
import uuid
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from bot import engine
from bot.settings import ROOT, Settings
from bot.stack import Stack
from tests.fake_telegram import FakeTelegram


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_in_engine(script: str) -> dict:
    """Run a check script in Rasa's environment; its last line of output is JSON."""
    proc = subprocess.run([str(engine.RASA_VENV / "bin" / "python"), script],
                          capture_output=True, text=True, cwd=ROOT,
                          env=engine.engine_env(Settings()), timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def free_ports(count: int) -> int:
    """The first of `count` consecutive free ports (one per Rasa engine)."""
    for _ in range(50):
        first = free_port()
        try:
            for port in range(first, first + count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise RuntimeError("no run of free ports")


@pytest.fixture(scope="session")
def model() -> Path:
    """A model for the current training data; trained once, then reused by fingerprint."""
    return engine.train(Settings(models_dir=ROOT / "models"))


@pytest.fixture(scope="session")
def fake_telegram() -> Iterator[FakeTelegram]:
    """Stands in for Telegram's servers; the stack's app polls it like the real Bot API."""
    server = FakeTelegram(free_port()).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def stack_settings(tmp_path_factory: pytest.TempPathFactory, fake_telegram: FakeTelegram) -> Settings:
    return Settings(port=free_port(), rasa_port=free_ports(2), engines=2,
                    actions_port=free_port(), data_dir=tmp_path_factory.mktemp("var"),
                    secret_key="test-key", telegram_bot_token=fake_telegram.token,
                    telegram_api_base_url=fake_telegram.base_url)


@pytest.fixture(scope="session")
def stack(model: Path, stack_settings: Settings) -> Iterator[Stack]:
    running = Stack(stack_settings, model)
    running.start()
    try:
        running.wait_ready(timeout=240)
        yield running
    finally:
        running.stop()


class Chat:
    """One person talking to the running assistant through POST /api/chat."""

    def __init__(self, base: str, language: str | None = None) -> None:
        self.url = f"{base}/api/chat"
        self.sender = f"test-{uuid.uuid4().hex[:12]}"
        self.language = language
        self.last: dict = {}

    def say(self, text: str, language: str | None = None) -> dict:
        body = {"sender": self.sender, "text": text}
        if language or self.language:
            body["language"] = language or self.language
            self.language = None  # the conversation keeps it from here on
        resp = httpx.post(self.url, json=body, timeout=30)
        assert resp.status_code == 200, resp.text
        self.last = resp.json()
        return self.last

    def press(self, title: str) -> dict:
        """Press a button of the last reply by its (translated) title."""
        for message in self.last["messages"]:
            for button in message["buttons"]:
                if button["title"] == title:
                    return self.say(button["payload"])
        raise AssertionError(f"no button {title!r} in {self.last}")

    def press_payload(self, payload: str) -> dict:
        """Press the button of the last reply that carries this payload (signed by the API)."""
        import base64

        for message in self.last["messages"]:
            for button in message["buttons"]:
                body = button["payload"].split(".")[1]
                if base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode() == payload:
                    return self.say(button["payload"])
        raise AssertionError(f"no button {payload!r} in {self.last}")

    def responses(self) -> list[str]:
        return [m["response"] for m in self.last["messages"]]

    def routes(self) -> list[str]:
        return [r for m in self.last["messages"] for r in m["routes"]]


@pytest.fixture
def chat(stack: Stack):
    base = f"http://127.0.0.1:{stack.settings.port}"
    return lambda language=None: Chat(base, language)
