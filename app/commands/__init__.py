"""Command-line commands. Each module has `add_parser(subparsers)` and `run(args) -> int`.

app.cli lists them in one table and imports them by name, so a module's top level stays
light (argparse and our gettext): what a command needs from the database or ReportLab is
imported inside its `run`, and `--help` stays quick. `run` receives the parsed arguments
with `args.db_path` resolved (--db, --demo, $COMMUNE_DESK_DB or the data folder); a command
that reads opens it with `app.commands.common.open_ctx(args)`, which refuses a missing file.
"""
