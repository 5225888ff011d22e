"""Alembic environment: runs on the engine bot.staff.migrate passes in."""

from __future__ import annotations

from alembic import context

from bot.staff.tables import metadata

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=metadata,
                      version_table=config.get_main_option("version_table"),
                      render_as_batch=True)
    context.run_migrations()
