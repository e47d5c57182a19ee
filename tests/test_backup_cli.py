"""The command line's check, backup and restore, run as a script would run them."""

import sqlite3

import pytest

from app import villages
from app.cli import main
from app.database import open_database


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNE_DESK_DATA", str(tmp_path / "data"))
    path = tmp_path / "xa.sqlite3"
    ctx = open_database(path)
    villages.create_village(ctx, "Thôn Đoài")
    return path, ctx


def names(ctx):
    return [v.name for v in villages.list_villages(ctx, include_inactive=True)]


def test_check_ok(db, capsys):
    path, _ = db
    assert main(["--db", str(path), "check"]) == 0
    assert "Kết quả: tốt" in capsys.readouterr().out


def test_check_fails_on_a_damaged_file(tmp_path, capsys):
    bad = tmp_path / "hong.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50 + b"garbage" * 200)
    assert main(["--db", str(bad), "check"]) == 1
    assert "có lỗi" in capsys.readouterr().out


def test_backup_while_open_then_restore(db, tmp_path):
    path, ctx = db  # ctx keeps the database open, as the window would
    dest = tmp_path / "saoluu.sqlite3"
    assert main(["--db", str(path), "backup", str(dest)]) == 0
    villages.create_village(ctx, "Thôn Đông")
    assert names(ctx) == ["Thôn Đoài", "Thôn Đông"]
    assert main(["--db", str(path), "restore", str(dest)]) == 0
    assert names(open_database(path)) == ["Thôn Đoài"]
    saved = list((tmp_path / "data" / "backups").glob("xa-truoc-phuc-hoi-*.sqlite3"))
    assert len(saved) == 1  # the data replaced by the restore is kept


@pytest.mark.parametrize("content", [b"not a database at all", None])
def test_restore_refuses_a_bad_file_and_changes_nothing(db, tmp_path, content, capsys):
    path, ctx = db
    bad = tmp_path / "bad.sqlite3"
    if content is None:  # a real SQLite file that is not ours
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    else:
        bad.write_bytes(content)
    assert main(["--db", str(path), "restore", str(bad)]) == 1
    assert "Không phục hồi" in capsys.readouterr().err
    assert names(ctx) == ["Thôn Đoài"]
