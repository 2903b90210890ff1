"""Alembic environment: always runs on a connection handed in by lobbycrm.db.migrate."""

from __future__ import annotations

from alembic import context

from lobbycrm.db.models import metadata

config = context.config
target_metadata = metadata()

connection = config.attributes.get("connection")
if connection is None:
    from sqlalchemy import create_engine

    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("lobbycrm migrations run through `lobbycrm init`, not bare alembic")
    with create_engine(url).connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        conn.commit()
else:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
