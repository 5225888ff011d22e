"""Outgoing pacing within Telegram's limits, and 429 handling.

About 30 messages per second overall and about one per second per chat (a small
burst allowed, so a two-part answer is not held back). The overall pace is an average:
up to `overall_burst_seconds` worth of messages may go at once, so random bunching of
people's messages does not queue replies while the average stays at the limit (at 30
updates/s a 1 s allowance made p95 314–619 ms, 3 s made it 169 ms; README). A 429 answer's retry_after
is honoured and the message is sent again, so it is still delivered.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections import OrderedDict
from typing import Any, Callable, Coroutine

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

logger = logging.getLogger(__name__)
# Telegram's limits are on messages sent; acknowledging a button press is not paced.
SENDING = {"sendMessage", "editMessageText", "editMessageReplyMarkup", "sendChatAction"}


class Bucket:
    """Token bucket: `rate` per second, up to `burst` at once."""

    def __init__(self, rate: float, burst: float) -> None:
        self.rate, self.burst = rate, burst
        self.tokens, self.stamp = burst, time.monotonic()
        self.lock = asyncio.Lock()

    async def take(self) -> None:
        async with self.lock:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens >= 1:
                self.tokens -= 1
                return
            await asyncio.sleep((1 - self.tokens) / self.rate)
            self.tokens, self.stamp = 0.0, time.monotonic()


class Pacer(BaseRateLimiter[None]):
    def __init__(self, overall_per_second: float = 30, per_chat_per_second: float = 1,
                 per_chat_burst: float = 3, max_retries: int = 5,
                 overall_burst_seconds: float = 3) -> None:
        self.overall = Bucket(overall_per_second, overall_per_second * overall_burst_seconds)
        self.per_chat_rate, self.per_chat_burst = per_chat_per_second, per_chat_burst
        self.chats: OrderedDict[Any, Bucket] = OrderedDict()
        self.max_retries = max_retries

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def _chat(self, chat_id: Any) -> Bucket:
        bucket = self.chats.pop(chat_id, None) or Bucket(self.per_chat_rate, self.per_chat_burst)
        self.chats[chat_id] = bucket
        while len(self.chats) > 10_000:  # forget the least recently used chats
            self.chats.popitem(last=False)
        return bucket

    async def process_request(self, callback: Callable[..., Coroutine[Any, Any, Any]],
                              args: Any, kwargs: dict[str, Any], endpoint: str,
                              data: dict[str, Any], rate_limit_args: None) -> Any:
        chat_id = data.get("chat_id")
        for attempt in range(self.max_retries + 1):
            if endpoint in SENDING:
                await self.overall.take()
                if chat_id is not None:
                    await self._chat(chat_id).take()
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == self.max_retries:
                    raise
                delay = exc.retry_after
                seconds = delay.total_seconds() if isinstance(delay, dt.timedelta) else float(delay)
                logger.warning("Telegram asked to wait %.1fs (%s)", seconds, endpoint)
                await asyncio.sleep(seconds)
        raise AssertionError("unreachable")
