"""`python -m app [--db PATH] COMMAND`: the command line. Imports no Qt unless it opens the GUI."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from typing import Any

from app import __version__
from app.errors import DomainError
from app.i18n import DEFAULT, LANG_ENV, _, set_language

# name of each command module in app/commands, in the order `--help` lists them
COMMANDS = ["demo", "check", "backup", "restore", "search", "workdays", "users", "print", "dossiers", "letters", "report"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m app",
        description=_("Một cửa thân thiện – phần mềm làm việc của UBND xã (Commune Desk)."),
    )
    parser.add_argument("--db", metavar="PATH", help=_("tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu người dùng hoặc biến COMMUNE_DESK_DB)"))
    parser.add_argument("--demo", action="store_true", help=_("mở giao diện trên xã mẫu Quang Trung (tạo ở lần đầu)"))
    parser.add_argument("--version", action="version", version=f"commune-desk {__version__}")
    parser.add_argument("--selftest", action="store_true", help=_("tự kiểm tra: Qt, cơ sở dữ liệu, PDF với phông chữ kèm theo"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"app.commands.{name}")
        module.add_parser(sub)
    return parser


def open_ctx(args: argparse.Namespace):
    """Open the database the arguments point at (upgrading it after a backup copy)."""
    from app import paths
    from app.database import open_database

    return open_database(paths.resolve_db_path(args.db))


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def main(argv: list[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")
    # the command line speaks Vietnamese unless asked otherwise; the GUI switches to the
    # language stored in the settings once its database is open (ui.launch)
    set_language(os.environ.get(LANG_ENV) or DEFAULT)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.selftest:
            from app.selftest import run_selftest

            return run_selftest()
        if args.command is None:
            from ui.launch import launch  # the only path from the CLI into Qt

            return launch(db=args.db, demo=args.demo)
        module = importlib.import_module(f"app.commands.{args.command}")
        return int(module.run(args) or 0)
    except DomainError as exc:
        print(_("Lỗi: {message}").format(message=exc.message), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("Đã dừng."), file=sys.stderr)
        return 130
