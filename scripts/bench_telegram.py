"""Telegram benchmark: N simulated people chat through a local Bot API server
(tests/fake_telegram.py) with the real app, engines and action server.

Each person has accepted the privacy notice first (not timed), pauses a random moment
(mean --think seconds), sends a question, waits for the reply, pauses again and asks the
next one: a steady stream of about people / (think + reply time) updates per second. Prints updates per second processed and p50/p95/p99 time from
the update being available to the reply reaching the Bot API.
Usage: python scripts/bench_telegram.py [--people N] [--seconds S] [--think T]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import engine  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.stack import Stack  # noqa: E402
from scripts.bench import percentile  # noqa: E402
from tests.conftest import free_port, free_ports  # noqa: E402
from tests.fake_telegram import FakeTelegram  # noqa: E402

FETCH: list[float] = []  # from the update being available to the app fetching it
QUESTIONS = ["I need a free lawyer", "ik wil terug naar mijn land", "أريد محامي",
             "how can I contact COA", "hoe werkt de asielprocedure", "someone is hurt",
             "what is the weather", "/menu"]


def consent(fake: FakeTelegram, user: int) -> int:
    """/start, choose English, accept; returns the number of messages so far."""
    from tests.test_telegram import buttons

    fake.text(user, "/start")
    menu = fake.wait_messages(user, 1, timeout=60)[0]
    fake.press(user, buttons(menu)["English"])
    notice = fake.wait_messages(user, 3, timeout=60)[2]
    fake.press(user, next(iter(buttons(notice).values())))
    return len(fake.wait_messages(user, 4, timeout=60))


def person(fake: FakeTelegram, user: int, seen: int, deadline: float, think: float,
           latencies: list[float]) -> None:
    rng = random.Random(user)
    # A pause before the first question too (reading the privacy notice): otherwise all
    # people ask at the same instant, a burst of N updates no steady load has.
    time.sleep(min(rng.expovariate(1 / think), max(0.0, deadline - time.monotonic())))
    while time.monotonic() < deadline:
        update = fake.text(user, rng.choice(QUESTIONS))
        start = time.monotonic()
        seen += 1
        fake.wait_messages(user, seen, timeout=60)
        latencies.append((time.monotonic() - start) * 1000)
        fetched = fake.fetched_at.get(update["update_id"], start)
        FETCH.append((fetched - start) * 1000)
        seen = len(fake.messages(user))  # an answer may come in more than one message
        time.sleep(max(0.0, min(rng.expovariate(1 / think), deadline - time.monotonic())))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=120,
                        help="120 people with a 4 s mean pause offer about 30 updates per second")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--think", type=float, default=4.0, help="mean pause between messages")
    parser.add_argument("--pace", type=float, default=Settings().telegram_messages_per_second,
                        help="overall messages per second sent to Telegram")
    parser.add_argument("--burst", type=float, default=Settings().telegram_burst_seconds,
                        help="seconds' worth of the pace that may be sent at once")
    args = parser.parse_args()

    fake = FakeTelegram(free_port()).start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(port=free_port(), rasa_port=free_ports(Settings().engines),
                            actions_port=free_port(), data_dir=Path(tmp),
                            telegram_bot_token=fake.token, telegram_api_base_url=fake.base_url,
                            telegram_messages_per_second=args.pace,
                            telegram_burst_seconds=args.burst)
        stack = Stack(settings, engine.train(settings))
        stack.start()
        try:
            stack.wait_ready(timeout=300)
            users = list(range(700_001, 700_001 + args.people))
            seen = {u: consent(fake, u) for u in users}
            latencies: list[float] = []
            deadline = time.monotonic() + args.seconds
            threads = [threading.Thread(target=person, args=(fake, u, seen[u], deadline,
                                                             args.think, latencies))
                       for u in users]
            start = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.monotonic() - start
            rate = len(latencies) / elapsed
            sent = sum(len(fake.messages(u)) - seen[u] for u in users)
            print(f"\nTelegram benchmark: {args.people} people, {args.seconds:.0f} s, "
                  f"mean pause {args.think:.1f} s, {settings.engines} engine(s)\n")
            print(f"updates processed   {len(latencies)}  ({rate:.1f} per second)")
            print(f"messages sent       {sent}  ({sent / elapsed:.1f} per second, "
                  f"{sent / max(1, len(latencies)):.2f} per update; paced at "
                  f"{settings.telegram_messages_per_second:g}/s overall, "
                  f"bursts of {settings.telegram_burst_seconds:g} s)")
            print(f"update to reply     p50 {percentile(latencies, 50):.0f} ms   "
                  f"p95 {percentile(latencies, 95):.0f} ms   p99 {percentile(latencies, 99):.0f} ms")
            print(f"  of which fetching  p50 {percentile(FETCH, 50):.0f} ms   "
                  f"p95 {percentile(FETCH, 95):.0f} ms   (long polling)")
            p95 = percentile(latencies, 95)
            print(f"\ngoals: >= 30 updates/s {'met' if rate >= 30 else 'NOT met'} ({rate:.1f}); "
                  f"p95 <= 300 ms {'met' if p95 <= 300 else 'NOT met'} ({p95:.0f} ms)")
        finally:
            stack.stop()
            fake.stop()


if __name__ == "__main__":
    main()
