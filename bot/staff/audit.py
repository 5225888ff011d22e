"""The audit log: every staff action, who and when; viewable and exportable as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

import sqlalchemy as sa

from bot.staff.accounts import now
from bot.staff.tables import audit_log

COLUMNS = ("at", "username", "action", "response", "language", "detail")


def record(conn: sa.Connection, username: str, action: str, response: str = "",
           language: str = "", detail: str = "") -> None:
    """Log an action inside the caller's transaction, so the action and its record agree."""
    conn.execute(sa.insert(audit_log).values(at=now(), username=username, action=action,
                                             response=response, language=language,
                                             detail=detail))


def log(engine: sa.Engine, username: str, action: str, **fields: str) -> None:
    with engine.begin() as conn:
        record(conn, username, action, **fields)


def entries(engine: sa.Engine, limit: int | None = 500, action: str = "",
            username: str = "") -> list[dict[str, Any]]:
    query = sa.select(audit_log).order_by(audit_log.c.id.desc())
    if action:
        query = query.where(audit_log.c.action == action)
    if username:
        query = query.where(audit_log.c.username == username)
    if limit:
        query = query.limit(limit)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # A cell starting like a formula would run in a spreadsheet (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in reversed(rows):  # oldest first, as a log reads
        writer.writerow([_cell(row[c].isoformat() if c == "at" else row[c]) for c in COLUMNS])
    return out.getvalue()
