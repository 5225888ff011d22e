"""Review state of the answers: source-text hash, approvals, flags, translation status, filters.

What an approval covers (its hash): sha256 over the English text and every button's title
and payload, in order. Changing any of these needs a new approval; metadata (dates,
sources, notes) and translations do not count.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from bot.content import Response, describe_source, responses
from bot.freshness import _date
from bot.i18n.catalogs import Catalogs
from bot.languages import LANGUAGES, SOURCE_LANGUAGE
from bot.staff import audit
from bot.staff.accounts import User, now
from bot.staff.tables import approvals, flags


def source_hash(response: Response) -> str:
    """The hash an approval is bound to (see the module docstring)."""
    data = {"text": response.text, "buttons": [[b.title, b.payload] for b in response.buttons]}
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def messages_of(response: Response) -> list[str]:
    """The translatable texts of a response (msgids under its name as context)."""
    out = [response.text] if response.text else []
    if response.translate_buttons:
        out += [b.title for b in response.buttons]
    return out


def translation_status(catalogs: Catalogs, response: Response, code: str) -> str:
    """"source", "translated", "draft" (any text still fuzzy) or "missing" (any text absent)."""
    if code == SOURCE_LANGUAGE:
        return "source"
    entries = catalogs.entries.get(code, {})
    found = [entries.get((response.name, m)) for m in messages_of(response)]
    if any(f is None for f in found):
        return "missing"
    return "draft" if any(f[1] for f in found if f) else "translated"


@dataclass
class AnswerState:
    """One answer as the review pages show it."""

    response: Response
    current_hash: str
    approval: dict[str, Any] | None  # the latest approval, of any hash
    open_flags: list[dict[str, Any]] = field(default_factory=list)
    translations: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.response.name

    @property
    def topic(self) -> str:
        return str(self.response.metadata.get("topic") or "other")

    @property
    def state(self) -> str:
        """"approved", "changed" (text changed since the last approval) or "never"."""
        if self.approval is None:
            return "never"
        return "approved" if self.approval["source_hash"] == self.current_hash else "changed"

    @property
    def checked(self) -> dt.date | None:
        return _date(self.response.metadata.get("checked"))

    @property
    def valid_from(self) -> dt.date | None:
        return _date(self.response.metadata.get("valid_from"))

    @property
    def valid_until(self) -> dt.date | None:
        return _date(self.response.metadata.get("valid_until"))

    @property
    def sources(self) -> list[dict[str, str | None]]:
        return [describe_source(s) for s in self.response.metadata.get("sources") or []]


def latest_approvals(conn: sa.Connection) -> dict[str, dict[str, Any]]:
    latest = sa.select(sa.func.max(approvals.c.id)).group_by(approvals.c.response)
    rows = conn.execute(sa.select(approvals).where(approvals.c.id.in_(latest)))
    return {r.response: dict(r._mapping) for r in rows}


def open_flags(conn: sa.Connection) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(sa.select(flags).where(flags.c.resolved_at.is_(None))
                          .order_by(flags.c.id)):
        out.setdefault(r.response, []).append(dict(r._mapping))
    return out


def answer_states(engine: sa.Engine, catalogs: Catalogs) -> list[AnswerState]:
    """Every response (domain answers and the gateway's own texts), by topic then name."""
    with engine.connect() as conn:
        approved, flagged = latest_approvals(conn), open_flags(conn)
    out = []
    for r in responses().values():
        out.append(AnswerState(
            r, source_hash(r), approved.get(r.name), flagged.get(r.name, []),
            {code: translation_status(catalogs, r, code) for code in LANGUAGES}))
    return sorted(out, key=lambda a: (a.topic, a.name))


@dataclass(frozen=True)
class Filters:
    """What the answers page lists; every field empty/zero means no restriction."""

    state: str = ""  # never | changed | approved | flagged
    topic: str = ""
    older_than_days: int = 0  # checked longer ago than this (or never checked)
    ending_within_days: int = 0  # validity ends within this many days (or ended)
    language: str = ""
    translation: str = ""  # missing | draft | either (in `language`, or any language)

    def keep(self, a: AnswerState, today: dt.date) -> bool:
        if self.state == "flagged" and not a.open_flags:
            return False
        if self.state in ("never", "changed", "approved") and a.state != self.state:
            return False
        if self.topic and a.topic != self.topic:
            return False
        if self.older_than_days and a.checked and \
                (today - a.checked).days <= self.older_than_days:
            return False
        if self.ending_within_days and (
                a.valid_until is None
                or (a.valid_until - today).days > self.ending_within_days):
            return False
        if self.translation:
            wanted = {"missing", "draft"} if self.translation == "either" else {self.translation}
            codes = [self.language] if self.language else [c for c in LANGUAGES
                                                           if c != SOURCE_LANGUAGE]
            if not any(a.translations.get(c) in wanted for c in codes):
                return False
        return True


def approve(engine: sa.Engine, user: User, name: str) -> str:
    """Approve the answer's current text; returns the hash approved."""
    response = responses()[name]
    digest = source_hash(response)
    with engine.begin() as conn:
        conn.execute(sa.insert(approvals).values(response=name, source_hash=digest,
                                                 username=user.username, at=now()))
        audit.record(conn, user.username, "approve", response=name, detail=f"sha256 {digest}")
    return digest


def flag(engine: sa.Engine, user: User, name: str, comment: str, language: str = "") -> None:
    with engine.begin() as conn:
        conn.execute(sa.insert(flags).values(response=name, language=language, comment=comment,
                                             username=user.username, at=now()))
        audit.record(conn, user.username, "flag", response=name, language=language,
                     detail=comment)


def resolve_flag(engine: sa.Engine, user: User, flag_id: int) -> str | None:
    """Mark an open flag resolved; returns its answer's name (None when there is none)."""
    with engine.begin() as conn:
        row = conn.execute(sa.select(flags).where(flags.c.id == flag_id,
                                                  flags.c.resolved_at.is_(None))).first()
        if row is None:
            return None
        conn.execute(sa.update(flags).where(flags.c.id == flag_id)
                     .values(resolved_by=user.username, resolved_at=now()))
        audit.record(conn, user.username, "resolve_flag", response=row.response,
                     language=row.language, detail=f"flag {flag_id}: {row.comment}")
        return str(row.response)


def history(engine: sa.Engine, name: str) -> dict[str, list[dict[str, Any]]]:
    with engine.connect() as conn:
        return {
            "approvals": [dict(r._mapping) for r in conn.execute(
                sa.select(approvals).where(approvals.c.response == name)
                .order_by(approvals.c.id.desc()))],
            "flags": [dict(r._mapping) for r in conn.execute(
                sa.select(flags).where(flags.c.response == name).order_by(flags.c.id.desc()))],
        }


def approved_names(engine: sa.Engine) -> set[str]:
    """Answers whose latest approval matches their current text."""
    with engine.connect() as conn:
        latest = latest_approvals(conn)
    known = responses()
    return {n for n, a in latest.items() if n in known and a["source_hash"] == source_hash(known[n])}
