"""The staff review database on a real PostgreSQL server (the production configuration):
Alembic migrations, accounts, approvals bound to the text, flags, the audit trail.

A throw-away cluster is started on a free 127.0.0.1 port (Debian's postgresql server
binaries; `make setup` installs them when missing)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

import pytest
import sqlalchemy as sa

from bot.staff import accounts, review
from bot.staff.migrate import current, upgrade
from bot.staff.tables import audit_log
from bot.store import engine_for
from tests.conftest import free_port

ANSWER = "utter_procedure_overview"


def server_bin() -> Path:
    found = shutil.which("initdb") or next(iter(sorted(glob.glob(
        "/usr/lib/postgresql/*/bin/initdb"), reverse=True)), None)
    if not found:
        pytest.fail("PostgreSQL's server is missing: run `make setup` as root "
                    "(apt-get install postgresql) or put initdb on PATH.")
    return Path(found).parent


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    bindir = server_bin()
    # initdb refuses to run as root: then the cluster belongs to the postgres user.
    as_user: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="wegwijs-pg-"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(tmp, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = tmp / "data", free_port()
    run = lambda *cmd: subprocess.run([*as_user, *map(str, cmd)], check=True,  # noqa: E731
                                      capture_output=True, timeout=120)
    run(bindir / "initdb", "-D", data, "-U", "wegwijs", "-A", "trust", "--no-sync")
    run(bindir / "pg_ctl", "-D", data, "-w", "-l", tmp / "log", "-o",
        f"-c listen_addresses=127.0.0.1 -p {port} -k {tmp} -c fsync=off", "start")
    try:
        yield f"postgresql://wegwijs@127.0.0.1:{port}/postgres"
    finally:
        run(bindir / "pg_ctl", "-D", data, "-m", "immediate", "stop")
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def engine(postgres_url: str) -> Iterator[sa.Engine]:
    engine = engine_for(postgres_url)
    yield engine
    engine.dispose()


def test_migrations_reach_head_on_postgresql(engine):
    assert current(engine) is None
    upgrade(engine)
    assert current(engine) is not None
    upgrade(engine)  # idempotent: a second start-up changes nothing
    assert engine.dialect.name == "postgresql"


def test_accounts_sessions_and_review_on_postgresql(engine):
    upgrade(engine)
    accounts.add_user(engine, "anna", "a-long-password-1", "reviewer")
    user = accounts.verify(engine, "anna", "a-long-password-1")
    assert user is not None and user.role == "reviewer"
    assert accounts.verify(engine, "anna", "wrong-password-1") is None
    token = accounts.start_session(engine, user, hours=1)
    assert accounts.session_user(engine, token)[0].username == "anna"
    accounts.end_session(engine, token)
    assert accounts.session_user(engine, token) is None

    digest = review.approve(engine, user, ANSWER)
    assert ANSWER in review.approved_names(engine)
    review.flag(engine, user, ANSWER, "the phone number changed", language="ar")
    flag_id = review.history(engine, ANSWER)["flags"][0]["id"]
    assert review.resolve_flag(engine, user, flag_id) == ANSWER
    assert review.resolve_flag(engine, user, flag_id) is None  # already resolved
    history = review.history(engine, ANSWER)
    assert history["approvals"][0]["source_hash"] == digest
    with engine.connect() as conn:
        actions = [r.action for r in conn.execute(sa.select(audit_log.c.action))]
    assert {"approve", "flag", "resolve_flag"} <= set(actions)
