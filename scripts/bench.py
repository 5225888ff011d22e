"""Benchmark: training time, time until ready, /api/chat latency with 1 and 10
concurrent conversations, sustained messages per second, resident memory per process.

Starts its own stack on free ports (SQLite in a temporary directory) and prints figures.
Each simulated person holds conversations of 10 messages (a realistic length; Rasa's
work per turn grows with the length of the session) and then starts a new one.
Two load models:
  closed loop  every person sends the next message as soon as the reply arrives
               (saturation: what the machine can do at most)
  paced        every person sends on average one message per second, at random
               moments (Poisson arrivals; already far faster than people type)
Usage: python scripts/bench.py [--seconds N] [--skip-training]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import engine  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.stack import Stack  # noqa: E402
from tests.conftest import free_port, free_ports  # noqa: E402

# A realistic mix: greetings, questions in three languages, button payloads, fallbacks.
TEXTS = [
    ("hallo", "nl"), ("ik heb een advocaat nodig", "nl"), ("hoe werkt de asielprocedure", "nl"),
    ("I want to go back to my country", "en"), ("how can I contact COA", "en"),
    ("someone is hurt", "en"), ("أريد محامي", "ar"), ("كيف أتواصل مع COA", "ar"),
    ("what is the weather", "en"), ("/menu", None),
]


CONVERSATION_LENGTH = 10


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def person(client: httpx.AsyncClient, url: str, deadline: float, pace: float,
                 out: list[float]) -> None:
    """One simulated person: conversations of 10 messages until the deadline."""
    i = 0
    sender = ""
    if pace:
        await asyncio.sleep(random.uniform(0, pace))  # people do not start in step
    while time.perf_counter() < deadline:
        if i % CONVERSATION_LENGTH == 0:
            sender = f"bench-{uuid.uuid4().hex[:12]}"
        text, language = TEXTS[i % len(TEXTS)]
        body = {"sender": sender, "text": text, **({"language": language} if language else {})}
        start = time.perf_counter()
        resp = await client.post(url, json=body, timeout=30)
        took = time.perf_counter() - start
        resp.raise_for_status()
        out.append(took * 1000)
        i += 1
        if pace:
            # Independent people: exponential gaps between messages, mean `pace`
            # (never past the end of the run, which would stretch the measured time).
            gap = random.expovariate(1 / pace) - took
            await asyncio.sleep(max(0.0, min(gap, deadline - time.perf_counter())))


async def load(url: str, people: int, seconds: float, pace: float = 0.0) -> tuple[list[float], float]:
    latencies: list[float] = []
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=people + 5)) as client:
        start = time.perf_counter()
        await asyncio.gather(*(person(client, url, start + seconds, pace, latencies)
                               for _ in range(people)))
        elapsed = time.perf_counter() - start
    return latencies, len(latencies) / elapsed


def report(name: str, latencies: list[float], rate: float) -> None:
    print(f"{name:<34} n={len(latencies):<5} p50={percentile(latencies, 50):6.0f} ms  "
          f"p95={percentile(latencies, 95):6.0f} ms  p99={percentile(latencies, 99):6.0f} ms  "
          f"{rate:5.1f} msg/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20, help="length of each load run")
    parser.add_argument("--skip-training", action="store_true",
                        help="reuse the cached model instead of timing a fresh training")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(port=free_port(), rasa_port=free_ports(Settings().engines),
                            actions_port=free_port(),
                            data_dir=Path(tmp) / "var",
                            models_dir=Settings().models_dir if args.skip_training
                            else Path(tmp) / "models")
        training = None
        if not args.skip_training:
            # An empty training cache, so this is the time of a real first training.
            os.environ["RASA_CACHE_DIRECTORY"] = str(Path(tmp) / "rasa-cache")
            start = time.perf_counter()
            model = engine.train(settings, force=True)
            training = time.perf_counter() - start
        else:
            model = engine.train(settings)
        stack = Stack(settings, model)
        start = time.perf_counter()
        stack.start()
        try:
            stack.wait_ready(timeout=300)
            ready = time.perf_counter() - start
            url = f"http://127.0.0.1:{settings.port}/api/chat"
            asyncio.run(load(url, 2, 3))  # warm-up
            results = {}
            runs = [("1 conversation, closed loop", 1, 0.0),
                    ("10 conversations, closed loop", 10, 0.0),
                    ("10 conversations, paced 1 msg/s", 10, 1.0),
                    ("30 conversations, closed loop", 30, 0.0)]
            print(f"\nWegwijs benchmark: {os.cpu_count()} cores, {settings.engines} engine(s), "
                  f"{args.seconds:.0f} s per run, conversations of {CONVERSATION_LENGTH} messages\n")
            if training is not None:
                print(f"{'training time (empty cache)':<34} {training:6.1f} s")
            print(f"{'time until ready':<34} {ready:6.1f} s")
            for name, people, pace in runs:
                results[name] = asyncio.run(load(url, people, args.seconds, pace))
                report(name, *results[name])
            print("\nresident memory")
            for name, pid in stack.pids().items():
                print(f"  {name:<10} {rss_mb(pid):6.0f} MB")
            sustained = max(rate for _, rate in results.values())
            print("\ngoals")
            for name in ("10 conversations, closed loop", "10 conversations, paced 1 msg/s"):
                p95 = percentile(results[name][0], 95)
                print(f"  p95 <= 150 ms, {name + ':':<34} {p95:5.0f} ms  {'met' if p95 <= 150 else 'NOT met'}")
            print(f"  >= 30 msg/s sustained:{'':<23} {sustained:5.1f}     {'met' if sustained >= 30 else 'NOT met'}")
            rasa = max(rss_mb(stack.pids()[name]) for name in stack.engines)
            print(f"  each Rasa engine <= 1536 MB:{'':<17} {rasa:5.0f} MB  {'met' if rasa <= 1536 else 'NOT met'}")
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
