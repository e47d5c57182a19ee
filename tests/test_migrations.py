"""Schema migrations: empty → head, every released revision upgrades, a newer database is refused."""

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from app import resident_lists
from app.database import open_database
from app.errors import DatabaseTooNew
from db import migrate
from db.models import Base
from db.session import make_engine, sqlite_url

FIXTURES = Path(__file__).with_name("fixtures")


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNE_DESK_DATA", str(tmp_path / "data"))


def test_empty_to_head_matches_the_models(tmp_path):
    ctx = open_database(tmp_path / "new.sqlite3")
    assert migrate.state(ctx.engine).up_to_date
    tables = set(inspect(ctx.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    with ctx.engine.connect() as conn:
        from alembic.autogenerate import compare_metadata
        from alembic.runtime.migration import MigrationContext

        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diffs == [], f"models and migrations differ: {diffs}"


def test_pragmas(tmp_path):
    ctx = open_database(tmp_path / "p.sqlite3")
    with ctx.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_a_fixture_exists_for_every_revision():
    have = {p.stem.removeprefix("rev_") for p in FIXTURES.glob("rev_*.sqlite3")}
    assert have == migrate.known_revisions()


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("rev_*.sqlite3")))
def test_every_released_revision_upgrades(tmp_path, fixture):
    db = tmp_path / fixture
    shutil.copy(FIXTURES / fixture, db)
    ctx = open_database(db)
    assert migrate.state(ctx.engine).up_to_date
    [hh] = resident_lists.get_households(ctx, resident_lists.search_household_ids(ctx, "nguyen van thang"))
    assert hh.members == 2


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_newer_database_is_refused_untouched(tmp_path):
    db = tmp_path / "newer.sqlite3"
    open_database(db).engine.dispose()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(db)
    with pytest.raises(DatabaseTooNew, match="phiên bản mới hơn") as caught:
        open_database(db)
    assert "9999_from_the_future" in caught.value.message
    assert _digest(db) == before
    # db/ raises a plain error with the revision; app/ gives it its Vietnamese message
    engine = make_engine(sqlite_url(db))
    with pytest.raises(migrate.DatabaseTooNew) as plain:
        migrate.upgrade(engine, db)
    engine.dispose()
    assert plain.value.revision == "9999_from_the_future"
    assert not isinstance(plain.value, DatabaseTooNew)
    assert _digest(db) == before


def test_upgrade_copies_the_database_aside_first(tmp_path, monkeypatch):
    db = tmp_path / "old.sqlite3"
    engine = make_engine(sqlite_url(db))
    migrate.upgrade(engine)
    engine.dispose()
    head, known = migrate.head_revision(), migrate.known_revisions()
    # Pretend the file is one revision behind by making the program's head a new revision.
    monkeypatch.setattr(migrate, "head_revision", lambda: "9998_next")
    monkeypatch.setattr(migrate, "known_revisions", lambda: known | {"9998_next"})
    calls = []
    monkeypatch.setattr(migrate.command, "upgrade", lambda cfg, rev: calls.append(rev))
    engine = make_engine(sqlite_url(db))
    copy = migrate.upgrade(engine, db, tmp_path / "backups")
    engine.dispose()
    assert calls == ["head"]
    assert copy is not None and copy.exists() and f"truoc-nang-cap-{head}" in copy.name
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
    conn.close()
