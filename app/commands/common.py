"""What the commands share: the database a command works on, JSON output, dates typed on
the command line, a progress line on the terminal, and the account named with --user.

A command that reads the commune's data never creates a database: `existing_db(args)` and
`open_ctx(args)` refuse a file that is not there, with a message that names --db and --demo,
instead of quietly making an empty database in the data folder (python -m app --demo
letters once counted 0 letters of every kind that way).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.errors import DomainError
from app.i18n import _


def whole_number(text: str) -> int:
    """argparse type of a count typed on the command line (--limit, --seed): 0, 1, 2 …"""
    raw = (text or "").strip()
    if not (raw.isascii() and raw.isdigit()):
        raise argparse.ArgumentTypeError(
            _("“{value}” không phải số nguyên không âm (ví dụ: 20).").format(value=text))
    return int(raw)


def db_path(args: argparse.Namespace) -> Path:
    """The database the arguments point at: --db (or --demo's file, set by app.cli), else
    $COMMUNE_DESK_DB, else the user data folder. Creates nothing."""
    from app import paths

    found = getattr(args, "db_path", None)
    return Path(found) if found else paths.resolve_db_path(getattr(args, "db", None))


def missing_database(path: Path, example: str | None = None) -> DomainError:
    """The refusal of a command that reads a database that does not exist; `example` is
    the command again with --demo (app.cli.demo_example)."""
    return DomainError(_(
        "Không tìm thấy tệp dữ liệu {path}. Lệnh này chỉ làm việc trên dữ liệu đã có nên "
        "không tạo tệp mới. Hãy chỉ rõ tệp dữ liệu của xã bằng --db TỆP, hoặc dùng thử trên "
        "xã mẫu Quang Trung bằng --demo, ví dụ: {example}").format(
            path=path, example=example or "python -m app --demo users"))


def existing_db(args: argparse.Namespace) -> Path:
    """`db_path(args)`, refused (DomainError naming --db and --demo) when there is no file."""
    path = db_path(args)
    if not path.is_file():
        raise missing_database(path, getattr(args, "demo_example", None))
    return path


def open_ctx(args: argparse.Namespace):
    """Open the database the arguments point at, which must exist (upgrading it after a
    backup copy, as the window does)."""
    from app.database import open_database

    return open_database(existing_db(args))


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def parse_day(value: str, label: str):
    """dd/mm/yyyy or yyyy-mm-dd (a bare year is not a day here)."""
    from app.validators import parse_date

    if value and value.strip().isdigit():
        raise DomainError(_("{label} “{value}” không đúng dạng ngày/tháng/năm (ví dụ 05/11/2023)."
                            ).format(label=label, value=value))
    return parse_date(value, label)


class ProgressLine:
    """Keeps one line on the terminal, "  42%  Đang tạo …", for a job's Progress items."""

    def __init__(self) -> None:
        self.last = -1
        self.open = False  # a line is drawn and not ended yet

    def __call__(self, p) -> None:
        pct = p.done * 100 // max(p.total, 1)
        if pct != self.last:
            self.last = pct
            sys.stderr.write(f"\r{pct:3d}%  {p.message[:60]:<60}")
            self.open = True
            if p.done >= p.total:
                self.end()
            sys.stderr.flush()

    def end(self) -> None:
        if self.open:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self.open = False


def progress_printer() -> ProgressLine | None:
    """A ProgressLine on stderr; None when stderr is not a terminal (a log file gets the
    result without the progress)."""
    return ProgressLine() if sys.stderr.isatty() else None


def end_progress(show: ProgressLine | None) -> None:
    """End the progress line (if one is drawn) before the result is printed."""
    if show is not None:
        show.end()


def find_user(ctx, username: str):
    """The account (app.users.UserRow) whose user name is `username`, any case; the message
    quotes what was typed when there is none."""
    from app import users

    key = username.strip().lower()
    for u in users.list_users(ctx):
        if u.username.lower() == key:
            return u
    raise DomainError(_("Không có tài khoản “{name}”.").format(name=username))


def acting_as(ctx, username: str):
    """`ctx` acting as the account `username` (for the papers that print who made them)."""
    from app.auth import CurrentUser

    u = find_user(ctx, username)
    return ctx.as_user(CurrentUser(u.id, u.username, u.full_name, u.role))
