"""Staff accounts, server-side sessions and the failed sign-in limit."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.languages import LANGUAGES, SOURCE_LANGUAGE
from bot.staff.tables import failed_sign_ins, sessions, users

ROLES = ("reviewer", "translator", "admin")
MIN_PASSWORD = 10
# Failed sign-ins allowed in the window, per username and per client address (a shared
# office connection gets more room than one account).
WINDOW = dt.timedelta(minutes=15)
MAX_FAILS_PER_USER = 5
MAX_FAILS_PER_CLIENT = 20

hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified against when the username is unknown, so both cases take the same time.
_DUMMY_HASH = hasher.hash(secrets.token_hex(16))


class AccountError(ValueError):
    """A bad username, role, language or password; the message says what."""


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    languages: tuple[str, ...]
    disabled: bool

    @property
    def work_languages(self) -> list[str]:
        """The languages a translator works on (all but English when none are assigned)."""
        return list(self.languages) or [c for c in LANGUAGES if c != SOURCE_LANGUAGE]

    def can(self, *roles: str) -> bool:
        return self.role == "admin" or self.role in roles


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite gives naive datetimes back; everything we store is UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def _user(row: sa.Row) -> User:
    m = row._mapping
    return User(m["id"], m["username"], m["role"],
                tuple(c for c in m["languages"].split(",") if c), bool(m["disabled"]))


def check_languages(codes: list[str]) -> str:
    unknown = [c for c in codes if c not in LANGUAGES or c == SOURCE_LANGUAGE]
    if unknown:
        raise AccountError(f"unknown translation language(s): {', '.join(unknown)}; "
                           f"choose from {', '.join(c for c in LANGUAGES if c != SOURCE_LANGUAGE)}")
    return ",".join(codes)


def add_user(engine: sa.Engine, username: str, password: str, role: str,
             languages: list[str] | None = None) -> User:
    username = username.strip()
    if not username or len(username) > 64 or not username.replace("-", "").replace(
            ".", "").replace("_", "").isalnum():
        raise AccountError("a username is 1-64 letters, digits, '.', '-' or '_'")
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose from {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password has at least {MIN_PASSWORD} characters")
    langs = check_languages(languages or [])
    with engine.begin() as conn:
        if conn.execute(sa.select(users.c.id).where(users.c.username == username)).first():
            raise AccountError(f"user {username!r} already exists")
        conn.execute(sa.insert(users).values(
            username=username, password_hash=hasher.hash(password), role=role,
            languages=langs, disabled=False, created_at=now()))
    found = get_user(engine, username)
    assert found is not None
    return found


def get_user(engine: sa.Engine, username: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.username == username)).first()
    return _user(row) if row else None


def list_users(engine: sa.Engine) -> list[User]:
    with engine.connect() as conn:
        return [_user(r) for r in conn.execute(sa.select(users).order_by(users.c.username))]


def set_disabled(engine: sa.Engine, username: str, disabled: bool) -> None:
    with engine.begin() as conn:
        done = conn.execute(sa.update(users).where(users.c.username == username)
                            .values(disabled=disabled)).rowcount
        if not done:
            raise AccountError(f"no user {username!r}")
        if disabled:  # a disabled account is signed out everywhere at once
            ids = sa.select(users.c.id).where(users.c.username == username).scalar_subquery()
            conn.execute(sa.delete(sessions).where(sessions.c.user_id == ids))


def set_password(engine: sa.Engine, username: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password has at least {MIN_PASSWORD} characters")
    with engine.begin() as conn:
        if not conn.execute(sa.update(users).where(users.c.username == username)
                            .values(password_hash=hasher.hash(password))).rowcount:
            raise AccountError(f"no user {username!r}")


def verify(engine: sa.Engine, username: str, password: str) -> User | None:
    """The user when the password is right and the account is enabled."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.username == username)).first()
    try:
        hasher.verify(row._mapping["password_hash"] if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or row._mapping["disabled"]:
        return None
    if hasher.check_needs_rehash(row._mapping["password_hash"]):
        with engine.begin() as conn:
            conn.execute(sa.update(users).where(users.c.id == row._mapping["id"])
                         .values(password_hash=hasher.hash(password)))
    return _user(row)


# -- failed sign-ins ---------------------------------------------------------------
def too_many_failures(engine: sa.Engine, username: str, client: str) -> bool:
    since = now() - WINDOW
    with engine.connect() as conn:
        def count(col: sa.Column, value: str) -> int:
            return conn.execute(sa.select(sa.func.count()).select_from(failed_sign_ins).where(
                col == value, failed_sign_ins.c.at > since)).scalar_one()
        return count(failed_sign_ins.c.username, username) >= MAX_FAILS_PER_USER or \
            count(failed_sign_ins.c.client, client) >= MAX_FAILS_PER_CLIENT


def record_failure(engine: sa.Engine, username: str, client: str) -> None:
    with engine.begin() as conn:
        conn.execute(sa.delete(failed_sign_ins).where(failed_sign_ins.c.at < now() - WINDOW))
        conn.execute(sa.insert(failed_sign_ins).values(username=username[:64], client=client[:64],
                                                       at=now()))


# -- sessions ----------------------------------------------------------------------
def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(engine: sa.Engine, user: User, hours: int) -> str:
    """A new session; returns the token for the cookie (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(sa.delete(sessions).where(sessions.c.expires_at < now()))
        conn.execute(sa.insert(sessions).values(
            token_hash=_hash(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
            created_at=now(), expires_at=now() + dt.timedelta(hours=hours)))
    return token


def session_user(engine: sa.Engine, token: str) -> tuple[User, str] | None:
    """(user, CSRF token) of a live session of an enabled account."""
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(users, sessions.c.csrf_token, sessions.c.expires_at)
            .join(sessions, sessions.c.user_id == users.c.id)
            .where(sessions.c.token_hash == _hash(token))).first()
    if row is None or row._mapping["disabled"] or _aware(row._mapping["expires_at"]) < now():
        return None
    return _user(row), row._mapping["csrf_token"]


def end_session(engine: sa.Engine, token: str) -> None:
    with engine.begin() as conn:
        conn.execute(sa.delete(sessions).where(sessions.c.token_hash == _hash(token)))
