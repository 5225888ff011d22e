"""Starts and stops the three processes: Rasa engine, action server, gateway app."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bot import engine
from bot.settings import ROOT, Settings

PYTHON = sys.executable
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child: get SIGTERM when the supervisor dies, even by SIGKILL (Linux)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass  # not Linux: Ctrl-C and `stop()` still stop the children


class Stack:
    """The running assistant; each process logs to <data_dir>/logs/<name>.log."""

    def __init__(self, settings: Settings, model: Path) -> None:
        self.settings = settings
        self.model = model
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self.logs = settings.data_dir / "logs"

    def _env(self) -> dict[str, str]:
        env = engine.engine_env(self.settings, serving=True)
        # The children read the same settings, whether they came from the
        # environment or were given in code (tests, benchmark).
        for name, value in self.settings.model_dump().items():
            env[f"WEGWIJS_{name.upper()}"] = str(value)
        return env

    def _start(self, name: str, cmd: list[str]) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        log = open(self.logs / f"{name}.log", "ab")
        # Own process group, so Ctrl-C in the terminal reaches only us and we stop
        # the children in order.
        self.procs[name] = subprocess.Popen(cmd, cwd=ROOT, env=self._env(), stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True,
                                            preexec_fn=_die_with_parent)

    @property
    def engines(self) -> list[str]:
        return [f"rasa-{i}" for i in range(self.settings.engines)]

    def start_engines(self) -> None:
        for i, name in enumerate(self.engines):
            self._start(name, engine.serve_command(self.settings, self.model, i))

    def stop_engines(self) -> None:
        for name in self.engines:
            self.stop_process(name)

    def start_actions(self) -> None:
        self._start("actions", [PYTHON, "-m", "actions"])

    def start(self) -> None:
        self.settings.key()  # create the secret once, before the processes read it
        self.start_actions()
        self._start("app", [PYTHON, "-m", "bot.app"])
        self.start_engines()

    def dead(self) -> list[str]:
        return [name for name, p in self.procs.items() if p.poll() is not None]

    def wait_ready(self, timeout: float = 180.0) -> None:
        """Block until /api/health says every part is ready."""
        url = f"http://127.0.0.1:{self.settings.port}/api/health"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.dead():
                raise RuntimeError(f"process exited: {self.dead()}; see {self.logs}")
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise TimeoutError(f"not ready after {timeout:.0f}s; see {self.logs}")

    def stop_process(self, name: str, timeout: float = 15.0) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    def stop(self) -> None:
        self.stop_engines()
        for name in ("app", "actions"):
            self.stop_process(name)

    def pids(self) -> dict[str, int]:
        return {name: p.pid for name, p in self.procs.items()}


def run(settings: Settings) -> None:
    """`make run`: train if needed, start everything, wait for Ctrl-C."""
    model = engine.train(settings)
    stack = Stack(settings, model)
    started = time.monotonic()
    print("Starting the engine, the action server and the web app...", flush=True)
    stack.start()
    stopping = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        stack.wait_ready()
        url = f"http://127.0.0.1:{settings.port}"
        telegram = httpx.get(f"{url}/api/health", timeout=5).json().get("telegram", "off")
        if telegram == "off":
            telegram = "off (no TELEGRAM_BOT_TOKEN set)"
        elif telegram == "error":
            telegram = f"could not start; see {stack.logs / 'app.log'}"
        print(f"\nWegwijs is ready after {time.monotonic() - started:.0f}s.\n"
              f"  Web chat:  {url}/\n  Chat API:  POST {url}/api/chat\n"
              f"  Health:    {url}/api/health\n  Logs:      {stack.logs}\n"
              f"  Telegram:  {telegram}\n"
              "Press Ctrl-C to stop.", flush=True)
        while not stopping:
            if stack.dead():
                print(f"A process stopped unexpectedly: {stack.dead()}; see {stack.logs}")
                break
            time.sleep(0.5)
    except (RuntimeError, TimeoutError) as exc:
        if not stopping:
            print(f"Could not start: {exc}", file=sys.stderr)
    finally:
        print("\nStopping...", flush=True)
        stack.stop()
        print("Stopped.")
