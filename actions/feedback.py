"""Where the action server keeps answer ratings: our own store (no person, no text)."""

from __future__ import annotations

from functools import lru_cache

from bot.settings import get_settings
from bot.store import Store


@lru_cache
def store() -> Store:
    return Store(get_settings())


async def record(response: str, language: str, rating: str) -> None:
    await store().add_feedback(response, language, rating)
