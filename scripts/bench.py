"""Benchmark: training time, time until ready, /api/chat latency with 1 and 10
concurrent conversations, sustained messages per second, resident memory per process.

Starts its own stack on free ports (SQLite in a temporary directory) and prints figures.
Usage: python scripts/bench.py [--messages N] [--skip-training]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
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
from tests.conftest import free_port  # noqa: E402

# A realistic mix: greetings, questions in three languages, button payloads, fallbacks.
TEXTS = [
    ("hallo", "nl"), ("ik heb een advocaat nodig", "nl"), ("hoe werkt de asielprocedure", "nl"),
    ("I want to go back to my country", "en"), ("how can I contact COA", "en"),
    ("someone is hurt", "en"), ("أريد محامي", "ar"), ("كيف أتواصل مع COA", "ar"),
    ("what is the weather", "en"), ("/menu", None),
]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def conversation(client: httpx.AsyncClient, url: str, n: int, out: list[float]) -> None:
    sender = f"bench-{uuid.uuid4().hex[:8]}"
    for i in range(n):
        text, language = TEXTS[i % len(TEXTS)]
        body = {"sender": sender, "text": text, **({"language": language} if language else {})}
        start = time.perf_counter()
        resp = await client.post(url, json=body, timeout=30)
        out.append((time.perf_counter() - start) * 1000)
        resp.raise_for_status()


async def load(url: str, concurrency: int, per_conversation: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=concurrency + 5)) as client:
        start = time.perf_counter()
        await asyncio.gather(*(conversation(client, url, per_conversation, latencies)
                               for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
    return latencies, len(latencies) / elapsed


def report(name: str, latencies: list[float], rate: float) -> None:
    print(f"{name:<28} n={len(latencies):<5} p50={percentile(latencies, 50):7.1f} ms  "
          f"p95={percentile(latencies, 95):7.1f} ms  p99={percentile(latencies, 99):7.1f} ms  "
          f"{rate:6.1f} msg/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=40, help="messages per conversation")
    parser.add_argument("--skip-training", action="store_true",
                        help="reuse the cached model instead of timing a fresh training")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        models = Path(tmp) / "models" if not args.skip_training else Settings().models_dir
        settings = Settings(port=free_port(), rasa_port=free_port(), actions_port=free_port(),
                            data_dir=Path(tmp) / "var", models_dir=models)
        start = time.perf_counter()
        model = engine.train(settings, force=not args.skip_training)
        training = time.perf_counter() - start
        stack = Stack(settings, model)
        start = time.perf_counter()
        stack.start()
        try:
            stack.wait_ready(timeout=300)
            ready = time.perf_counter() - start
            url = f"http://127.0.0.1:{settings.port}/api/chat"
            asyncio.run(load(url, 2, 5))  # warm-up
            print(f"\nWegwijs benchmark on {os.cpu_count()} cores\n")
            if not args.skip_training:
                print(f"{'training time':<28} {training:7.1f} s")
            print(f"{'time until ready':<28} {ready:7.1f} s")
            report("1 conversation", *asyncio.run(load(url, 1, args.messages)))
            lat10, rate10 = asyncio.run(load(url, 10, args.messages))
            report("10 concurrent conversations", lat10, rate10)
            lat30, rate30 = asyncio.run(load(url, 30, args.messages // 2))
            report("30 concurrent (sustained)", lat30, rate30)
            print("\nresident memory")
            for name, pid in stack.pids().items():
                print(f"  {name:<10} {rss_mb(pid):8.0f} MB")
            print(f"\ngoals: p95 <= 150 ms at 10 concurrent ({percentile(lat10, 95):.0f} ms), "
                  f">= 30 msg/s ({max(rate10, rate30):.1f}), "
                  f"Rasa <= 1536 MB ({rss_mb(stack.pids()['rasa']):.0f} MB)")
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
