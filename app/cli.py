"""`python -m app [--db TỆP | --demo] LỆNH …`: the command line. Never imports Qt.

Every command runs from here. The window is not on this side of the house: `commune-desk`
(ui.main, the composition root, which may see both ui and app) parses with the parser built
here and opens the window when no command is given. `python -m app` without a command
prints the help and says how to open the window.

The commands are listed in one table (`COMMANDS`) and imported by name; each keeps its
heavy imports inside its `run`, so `--help` stays quick. A command that reads the commune's
data runs only on a database file that exists (a missing one is refused, naming --db and
--demo, and nothing is created); with --demo it runs on the demo commune's file, built first
when it is not there yet.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType

from app import __version__, cli_strings
from app.commands import (
    backup,
    check,
    dossiers,
    letters,
    reception,
    report,
    restore,
    search,
    users,
    workdays,
)
from app.commands import demo as demo_command
from app.commands import print as print_command
from app.errors import DomainError
from app.i18n import DEFAULT, LANG_ENV, _, set_language

PROG = "python -m app"
WINDOW_PROG = "commune-desk"  # the console script (ui.main:main); also `python -m ui`


@dataclass(frozen=True)
class Command:
    module: ModuleType  # add_parser(subparsers) and run(args) -> int
    reads: bool = True  # works on the commune's data: the database must exist (or --demo)


# in the order `--help` lists them
COMMANDS: dict[str, Command] = {
    "demo": Command(demo_command, reads=False),  # makes the demo's file
    "check": Command(check),
    "backup": Command(backup),
    "restore": Command(restore, reads=False),  # may put a backup onto a new computer
    "search": Command(search),
    "workdays": Command(workdays),  # the holiday calendar is in the database
    "users": Command(users),
    "print": Command(print_command),
    "dossiers": Command(dossiers),
    "letters": Command(letters),
    "reception": Command(reception),
    "report": Command(report),
}


def build_parser(prog: str = PROG, window: bool = False) -> argparse.ArgumentParser:
    """The parser of both entry points; `window` for `commune-desk`, which opens the window
    when no command is given. Call `setup_console()` first (argparse's words are translated
    when the parser is made)."""
    cli_strings.install()
    parser = argparse.ArgumentParser(
        prog=prog,
        description=(_("Một cửa thân thiện – phần mềm làm việc của UBND xã (Commune Desk). "
                       "Không ghi LỆNH thì mở cửa sổ chương trình.") if window else
                     _("Một cửa thân thiện – phần mềm làm việc của UBND xã (Commune Desk): "
                       "các lệnh chạy không cần mở cửa sổ.")),
    )
    parser.add_argument("--db", metavar=_("TỆP"),
                        help=_("tệp cơ sở dữ liệu (mặc định: biến COMMUNE_DESK_DB, hoặc tệp "
                               "trong thư mục dữ liệu người dùng)"))
    parser.add_argument("--demo", action="store_true",
                        help=(_("dùng xã mẫu Quang Trung (tạo ở lần đầu): mở cửa sổ trên xã "
                                "mẫu, hoặc chạy LỆNH trên dữ liệu của xã mẫu") if window else
                              _("chạy LỆNH trên dữ liệu của xã mẫu Quang Trung (tạo ở lần "
                                "đầu)")))
    parser.add_argument("--version", action="version", version=f"commune-desk {__version__}",
                        help=_("xem phiên bản chương trình rồi thoát"))
    parser.add_argument("--selftest", action="store_true",
                        help=(_("tự kiểm tra: Qt, cơ sở dữ liệu, PDF với phông chữ kèm theo")
                              if window else
                              _("tự kiểm tra: cơ sở dữ liệu, PDF với phông chữ kèm theo (kiểm "
                                "tra cả Qt: commune-desk --selftest)")))
    sub = parser.add_subparsers(dest="command", metavar=_("LỆNH"))
    for command in COMMANDS.values():
        command.module.add_parser(sub)
    return parser


def setup_console() -> None:
    """UTF-8 output, and the language: Vietnamese unless COMMUNE_DESK_LANG says otherwise
    (the window switches to the language stored in its database once it is open)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    set_language(os.environ.get(LANG_ENV) or DEFAULT)


def parse_args(parser: argparse.ArgumentParser, argv: Sequence[str] | None = None
               ) -> argparse.Namespace:
    """Parse; `args.demo_example` is what was typed, run on the demo commune instead (for
    the message that refuses a missing database)."""
    typed = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(typed)
    rest: list[str] = []
    skip = False
    for word in typed:
        if skip:
            skip = False
        elif word == "--db":
            skip = True
        elif not word.startswith("--db=") and word != "--demo":
            rest.append(word if word and " " not in word else f'"{word}"')
    args.demo_example = " ".join([parser.prog, "--demo", *rest])
    return args


def resolve_database(args: argparse.Namespace) -> None:
    """Set `args.db_path`, the file the command works on; refuse a missing one for a command
    that reads, or, with --demo, build the demo commune there first."""
    from app import paths

    command = COMMANDS[args.command]
    if args.demo:
        from app.demo import demo_target_path

        args.db_path = demo_target_path(args.db)
        if command.reads:
            demo_command.ensure_demo(args.db_path)
        return
    args.db_path = paths.resolve_db_path(args.db)
    if command.reads and not args.db_path.is_file():
        from app.commands.common import missing_database

        raise missing_database(args.db_path, args.demo_example)


def guarded(call: Callable[[], int]) -> int:
    """Run `call`; a domain error is one Vietnamese line on stderr and exit status 1."""
    try:
        return int(call() or 0)
    except DomainError as exc:
        print(_("Lỗi: {message}").format(message=exc.message), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("Đã dừng."), file=sys.stderr)
        return 130


def run_command(args: argparse.Namespace) -> int:
    """Run the command the parsed arguments name (args.command is not None)."""

    def call() -> int:
        resolve_database(args)
        return COMMANDS[args.command].module.run(args)

    return guarded(call)


def run_selftest(extra: Sequence[tuple[str, Callable[[], str]]] = ()) -> int:
    """The self-test: `extra` checks (the Qt one, passed in by ui.main) and the core's."""
    from app.selftest import run_selftest as run

    return guarded(lambda: run(extra))


def no_window(parser: argparse.ArgumentParser, demo_asked: bool) -> int:
    """`python -m app` without a command: the help, and where the window is."""
    parser.print_help(sys.stderr)
    command = f"{WINDOW_PROG} --demo" if demo_asked else WINDOW_PROG
    print("\n" + _("Lệnh “python -m app” chỉ chạy các lệnh ở trên. Muốn mở cửa sổ làm việc "
                   "của chương trình, hãy gõ: {command} (hoặc {module}).").format(
        command=command, module="python -m ui" + (" --demo" if demo_asked else "")),
        file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    """`python -m app`: every command, without Qt."""
    setup_console()
    parser = build_parser()
    args = parse_args(parser, argv)
    if args.selftest:
        return run_selftest()
    if args.command is None:
        return no_window(parser, args.demo)
    return run_command(args)
