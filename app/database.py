"""Opening a commune database: create or upgrade (after a backup copy), then hand out a context."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from app import paths
from app.context import AppContext
from app.errors import DatabaseTooNew
from app.i18n import _
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
            # the folder is made when a copy is made (only before an upgrade)
            migrate.upgrade(engine, db_path, paths.backups_dir(create=False))
        except migrate.DatabaseTooNew as exc:
            engine.dispose()
            raise too_new(exc.revision) from exc
        except Exception:
            engine.dispose()
            raise
    return AppContext(engine=engine, db_path=db_path)


def too_new(revision: str) -> DatabaseTooNew:
    """The domain error for a database written by a newer program (db.migrate.DatabaseTooNew)."""
    return DatabaseTooNew(
        _("Cơ sở dữ liệu này do phiên bản mới hơn của chương trình tạo ra (phiên bản dữ liệu "
          "{revision}). Vui lòng cài phiên bản mới của Một cửa thân thiện để mở tệp này; "
          "chương trình không thay đổi gì trong tệp.").format(revision=revision))


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
