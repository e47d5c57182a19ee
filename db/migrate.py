"""Database upgrades: copy the file aside, then `alembic upgrade head`; refuse a newer database.

db/ knows nothing of app/: it raises plain exceptions (DatabaseTooNew carries the revision),
and app.database turns them into the DomainError with the Vietnamese message.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseTooNew(Exception):
    """The database was written by a newer program (its revision is not one of ours)."""

    def __init__(self, revision: str) -> None:
        super().__init__(f"database revision {revision!r} is newer than this program")
        self.revision = revision


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@dataclass(frozen=True)
class MigrationState:
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    @property
    def too_new(self) -> bool:
        return self.current is not None and self.current not in known_revisions()


def state(engine: Engine) -> MigrationState:
    return MigrationState(current_revision(engine), head_revision())


def upgrade(engine: Engine, db_path: Path | None = None, backup_dir: Path | None = None) -> Path | None:
    """Bring the database to head. Returns the path of the copy made first, if one was made.

    A database already used by a newer program is refused before anything is touched.
    """
    st = state(engine)
    if st.too_new:
        raise DatabaseTooNew(st.current)
    if st.up_to_date:
        return None
    copy = None
    if st.current is not None and db_path is not None and db_path.exists():
        copy = backup_before_upgrade(db_path, st.current, backup_dir or db_path.parent)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return copy


def backup_before_upgrade(db_path: Path, revision: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = folder / f"{db_path.stem}.truoc-nang-cap-{revision}-{stamp}{db_path.suffix}"
    sqlite_copy(db_path, dest)
    return dest


def sqlite_copy(src: Path, dest: Path, progress=None) -> None:
    """A consistent copy with SQLite's online backup API (safe while the app has the file open)."""
    source = sqlite3.connect(str(src))
    target = sqlite3.connect(str(dest))
    try:
        with target:
            source.backup(target, pages=256, progress=progress)
    finally:
        target.close()
        source.close()
