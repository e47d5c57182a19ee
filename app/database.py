"""Opening a commune database: create or upgrade (after a backup copy), then hand out a context."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from app import paths
from app.context import AppContext
from db import migrate
from db.session import make_engine, sqlite_url


def open_database(db_path: Path, *, upgrade: bool = True) -> AppContext:
    """Open (creating if needed) the database at `db_path` and bring its schema to head.

    Before an existing database is upgraded it is copied to the backups folder. A database
    written by a newer program raises DatabaseTooNew and is left untouched.
    """
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(sqlite_url(db_path))
    if upgrade:
        try:
            migrate.upgrade(engine, db_path, paths.backups_dir())
        except Exception:
            engine.dispose()
            raise
    return AppContext(engine=engine, db_path=db_path)


def open_memory() -> AppContext:
    """An in-memory database at head, for tests and the self-test."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import StaticPool

    from db.session import _sqlite_pragmas

    engine: Engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    migrate.upgrade(engine)
    return AppContext(engine=engine)
