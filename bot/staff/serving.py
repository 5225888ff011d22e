"""Approved-only serving: an answer not approved for its current text gives way to a safe one.

The NLG callback asks `ApprovedAnswers.replacement` for every message, so the approved set
is cached in memory; approving on the staff pages refreshes it at once, and it is re-read
after CACHE_SECONDS in case another process approved something.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import sqlalchemy as sa

from bot.content import Response, responses
from bot.staff.review import approved_names

SAFE_ANSWER = "utter_unapproved_fallback"
SAFE_ROUTES = ["VWN", "COA"]
# Never replaced: a person in crisis must always get 112 (crisis topic, the emergency
# answer), and the menus, greetings, language and privacy texts carry no facts to check.
ALWAYS_SERVED_TOPICS = {"crisis", "general", "help", "commands", "language", "privacy"}
ALWAYS_SERVED = {"utter_emergency", SAFE_ANSWER}
CACHE_SECONDS = 30.0
logger = logging.getLogger(__name__)


def needs_approval(response: Response) -> bool:
    """Whether approved-only mode may hold this response back (domain answers only)."""
    return response.source_file.startswith("domain/") and response.name not in ALWAYS_SERVED \
        and str(response.metadata.get("topic") or "") not in ALWAYS_SERVED_TOPICS


class ApprovedAnswers:
    """The set of approved answers, cached for the NLG path."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self._names: set[str] = set()
        self._loaded = 0.0
        self._lock = threading.Lock()

    def refresh(self) -> set[str]:
        names = approved_names(self.engine)
        with self._lock:
            self._names, self._loaded = names, time.monotonic()
        return names

    def names(self) -> set[str]:
        if time.monotonic() - self._loaded > CACHE_SECONDS:
            try:
                return self.refresh()
            except sa.exc.SQLAlchemyError as exc:
                # Keep the last known set (empty at first: everything gets the safe
                # answer) rather than fail every message while the database is away.
                logger.error("approved answers not readable: %s", type(exc).__name__)
                self._loaded = time.monotonic()
        return self._names

    def replacement(self, name: str) -> str | None:
        """The safe answer's name when `name` may not be served; else None."""
        response = responses().get(name)
        if response is None or not needs_approval(response) or name in self.names():
            return None
        return SAFE_ANSWER


def safe_message(message: dict[str, Any], original: Response) -> dict[str, Any]:
    """The rendered safe answer, sending people to VWN, COA and where the original would."""
    routes = list(dict.fromkeys([*SAFE_ROUTES, *message["routes"], *original.routes]))
    return {**message, "routes": routes, "replaces": original.name}
