"""SQLite tracker store in write-ahead-log mode.

The default rollback journal costs several fsyncs per commit and blocks readers
while a conversation is saved. WAL with synchronous=FULL is as durable (every
commit is on disk before Rasa answers) with one fsync per commit.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


def _pragmas(dbapi_connection: Any, _record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def install() -> None:
    event.listen(Engine, "connect", _pragmas)
