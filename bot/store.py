"""Our own small store, and erasure of a person's data from every store.

Holds only what the Telegram channel needs between messages: whether a person
accepted the privacy notice and their language, keyed by the same pseudonym the
tracker store sees. SQLite by default, PostgreSQL by URL (SQLAlchemy Core).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any, Callable

import sqlalchemy as sa

from bot.settings import Settings

metadata = sa.MetaData()
people = sa.Table(
    "telegram_people", metadata,
    sa.Column("pseudonym", sa.String(64), primary_key=True),
    sa.Column("language", sa.String(16)),
    sa.Column("consent_at", sa.DateTime(timezone=True)),
)
# Ratings of answers ("was this helpful?"). Deliberately no pseudonym and no text: it
# says which answer, in which language, helped or not, and nothing about who asked.
feedback = sa.Table(
    "answer_feedback", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("response", sa.String(100), nullable=False),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("rating", sa.String(16), nullable=False),
    sa.Column("created_on", sa.Date, nullable=False),
)


def engine_for(url: str) -> sa.Engine:
    """An engine for a tracker/store URL; PostgreSQL URLs use the psycopg 3 driver."""
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 10})

        @sa.event.listens_for(engine, "connect")
        def _wal(conn: Any, _record: Any) -> None:
            conn.execute("PRAGMA journal_mode=WAL")

        return engine
    return sa.create_engine(url, pool_pre_ping=True)


class Store:
    """Blocking database work runs in a thread so the event loop stays free."""

    def __init__(self, settings: Settings) -> None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.engine = engine_for(settings.store_url)
        self.tracker = engine_for(settings.tracker_url)
        metadata.create_all(self.engine)

    async def _run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return await asyncio.to_thread(fn, *args, **kwargs)

    def _get(self, pseudonym: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(people).where(people.c.pseudonym == pseudonym)).first()
        return dict(row._mapping) if row else None

    def _upsert(self, pseudonym: str, **values: Any) -> None:
        with self.engine.begin() as conn:
            done = conn.execute(sa.update(people).where(people.c.pseudonym == pseudonym)
                                .values(**values)).rowcount
            if not done:
                conn.execute(sa.insert(people).values(pseudonym=pseudonym, **values))

    def _erase(self, pseudonym: str) -> int:
        with self.engine.begin() as conn:
            conn.execute(sa.delete(people).where(people.c.pseudonym == pseudonym))
        # Rasa's SQL tracker store keeps one row per event in `events`.
        with self.tracker.begin() as conn:
            if not sa.inspect(conn).has_table("events"):
                return 0
            events = sa.table("events", sa.column("sender_id"))
            return conn.execute(sa.delete(events).where(events.c.sender_id == pseudonym)).rowcount

    async def person(self, pseudonym: str) -> dict[str, Any] | None:
        return await self._run(self._get, pseudonym)

    async def set_language(self, pseudonym: str, language: str) -> None:
        await self._run(self._upsert, pseudonym, language=language)

    async def set_consent(self, pseudonym: str) -> None:
        await self._run(self._upsert, pseudonym, consent_at=dt.datetime.now(dt.timezone.utc))

    def _add_feedback(self, response: str, language: str, rating: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(sa.insert(feedback).values(
                response=response, language=language, rating=rating,
                created_on=dt.date.today()))

    async def add_feedback(self, response: str, language: str, rating: str) -> None:
        await self._run(self._add_feedback, response, language, rating)

    def feedback_counts(self) -> dict[tuple[str, str], int]:
        """(response, rating) → count, for the staff pages and tests."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(feedback.c.response, feedback.c.rating,
                                          sa.func.count()).group_by(feedback.c.response,
                                                                    feedback.c.rating))
            return {(r[0], r[1]): r[2] for r in rows}

    async def erase(self, pseudonym: str) -> int:
        """Delete this person from every store of ours; returns tracker events deleted."""
        return await self._run(self._erase, pseudonym)

    def close(self) -> None:
        self.engine.dispose()
        self.tracker.dispose()
