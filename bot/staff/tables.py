"""The review database's tables (SQLAlchemy Core); Alembic migrations create them."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

users = sa.Table(
    "staff_users", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(64), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    # Translators: comma-separated language codes they work on; empty means all.
    sa.Column("languages", sa.String(200), nullable=False, server_default=""),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# Server-side sessions: the cookie holds a random token, the table only its sha256,
# so signing out (deleting the row) really ends the session.
sessions = sa.Table(
    "staff_sessions", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("staff_users.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("csrf_token", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)

failed_sign_ins = sa.Table(
    "staff_failed_sign_ins", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(64), nullable=False, index=True),
    sa.Column("client", sa.String(64), nullable=False, index=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
)

approvals = sa.Table(
    "staff_approvals", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("response", sa.String(100), nullable=False, index=True),
    sa.Column("source_hash", sa.String(64), nullable=False),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

flags = sa.Table(
    "staff_flags", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("response", sa.String(100), nullable=False, index=True),
    sa.Column("language", sa.String(16), nullable=False, server_default=""),
    sa.Column("comment", sa.Text, nullable=False),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("resolved_by", sa.String(64)),
    sa.Column("resolved_at", sa.DateTime(timezone=True)),
)

audit_log = sa.Table(
    "staff_audit_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("response", sa.String(100), nullable=False, server_default=""),
    sa.Column("language", sa.String(16), nullable=False, server_default=""),
    sa.Column("detail", sa.Text, nullable=False, server_default=""),
)
