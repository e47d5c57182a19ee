"""Command-line commands. Each module has `add_parser(subparsers)` and `run(args) -> int`.

`run` receives the parsed arguments (with `args.db_path` resolved); commands that need the
database open it themselves with `app.cli.open_ctx(args)`.
"""
