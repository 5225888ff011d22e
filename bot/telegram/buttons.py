"""Short callback data for inline buttons (Telegram allows 64 bytes).

Every button payload the assistant can send is in the responses, so each gets a
fixed short id derived from it: no table to store, valid across restarts, and a
pressed id that is not in the registry is simply ignored.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from bot.content import responses

PREFIX = "b:"


def short_id(payload: str) -> str:
    return PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:12]


@lru_cache
def registry() -> dict[str, str]:
    """short id → payload, for every button of every response."""
    return {short_id(b.payload): b.payload for r in responses().values() for b in r.buttons}


def payload_for(callback_data: str | None) -> str | None:
    return registry().get(callback_data or "")
