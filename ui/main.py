"""`commune-desk` (and `python -m ui`): the composition root, the one module that sees both
sides of the house.

It parses with the parser app.cli builds. Without a command it opens the window
(ui.launch); `--selftest` runs the core's checks with the Qt check of ui.selfcheck passed in;
any command runs as `python -m app` runs it (app.cli), without loading Qt.
"""

from __future__ import annotations

from app import cli
from app.i18n import N_


def main(argv: list[str] | None = None) -> int:
    cli.setup_console()
    parser = cli.build_parser(prog=cli.WINDOW_PROG, window=True)
    args = cli.parse_args(parser, argv)
    if args.selftest:
        from ui.selfcheck import check_qt

        return cli.run_selftest(extra=[(N_("Giao diện (Qt)"), check_qt)])
    if args.command is None:
        from ui.launch import launch

        return launch(db=args.db, demo=args.demo)
    return cli.run_command(args)
