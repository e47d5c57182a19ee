"""Backups, restores and the health check of a database file (SQLite's own tools)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from app import paths
from app.errors import DomainError
from app.i18n import _
from db import migrate


@dataclass
class CheckReport:
    path: Path
    integrity: str = ""
    foreign_key_problems: int = 0
    current: str | None = None
    head: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def inspect_file(path: Path | str) -> CheckReport:
    """Integrity check, foreign keys and migration state of a database file. Changes nothing."""
    path = Path(path)
    report = CheckReport(path=path, head=migrate.head_revision())
    if not path.exists():
        report.problems.append(_("Không tìm thấy tệp {path}.").format(path=path))
        return report
    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            report.problems.append(
                _("Tệp {name} không phải cơ sở dữ liệu của chương trình.").format(name=path.name))
            return report
    conn = _connect_ro(path)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        report.integrity = "; ".join(rows)
        if rows != ["ok"]:
            report.problems.append(_("Kiểm tra toàn vẹn báo lỗi: {result}").format(
                result=report.integrity[:300]))
        report.foreign_key_problems = len(conn.execute("PRAGMA foreign_key_check").fetchall())
        if report.foreign_key_problems:
            report.problems.append(_("{count} dòng trỏ tới bản ghi không tồn tại.").format(
                count=report.foreign_key_problems))
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            report.current = row[0] if row else None
        except sqlite3.DatabaseError:
            report.current = None
    except sqlite3.DatabaseError as exc:
        report.problems.append(_("Tệp hỏng, không đọc được: {error}").format(error=exc))
        return report
    finally:
        conn.close()
    if report.current is None:
        report.problems.append(
            _("Tệp chưa có phiên bản cấu trúc dữ liệu (không phải dữ liệu của chương trình)."))
    elif report.current not in migrate.known_revisions():
        report.problems.append(_("Dữ liệu thuộc phiên bản mới hơn chương trình ({revision}).").format(
            revision=report.current))
    elif report.current != report.head:
        report.problems.append(
            _("Cấu trúc dữ liệu ở phiên bản {current}, cần nâng lên {head} (chương trình tự nâng "
              "cấp khi mở).").format(current=report.current, head=report.head))
    return report


def default_backup_name(db_path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return paths.backups_dir() / f"{db_path.stem}-saoluu-{stamp}.sqlite3"


def backup(db_path: Path | str, dest: Path | str | None = None, progress=None) -> Path:
    """A consistent copy with SQLite's backup API, safe while the program has the file open."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise DomainError(_("Không tìm thấy cơ sở dữ liệu {path}.").format(path=db_path))
    target = Path(dest) if dest else default_backup_name(db_path)
    if target.is_dir():
        target = target / default_backup_name(db_path).name
    if target.resolve() == db_path.resolve():
        raise DomainError(_("Tệp sao lưu phải khác tệp dữ liệu đang dùng."))
    target.parent.mkdir(parents=True, exist_ok=True)
    migrate.sqlite_copy(db_path, target, progress=progress)
    report = inspect_file(target)
    if report.integrity != "ok":
        target.unlink(missing_ok=True)
        raise DomainError(_("Bản sao lưu vừa tạo không đạt kiểm tra toàn vẹn; đã xóa bản sao lỗi."))
    return target


def restore(file: Path | str, db_path: Path | str) -> Path | None:
    """Replace the database with `file` after verifying it; the current data is saved first.

    Returns the safety copy of the data that was replaced (None if there was none).
    """
    file, db_path = Path(file), Path(db_path)
    report = inspect_file(file)
    # An older revision is fine (the program upgrades it on open); anything else is refused.
    usable = (report.integrity == "ok" and not report.foreign_key_problems
              and report.current in migrate.known_revisions())
    if not usable:
        raise DomainError(_("Không phục hồi: {problems}").format(problems=" ".join(report.problems)))
    safety = None
    if db_path.exists():
        safety = backup(db_path, paths.backups_dir() / f"{db_path.stem}-truoc-phuc-hoi-"
                        f"{dt.datetime.now():%Y%m%d-%H%M%S}.sqlite3")
    # The backup API writes the whole file in one step into the live database.
    db_path.parent.mkdir(parents=True, exist_ok=True)
    migrate.sqlite_copy(file, db_path)
    return safety
