"""Where things live: the user data folder, the database path, bundled resources."""

from __future__ import annotations

import os
from importlib import resources as _res
from importlib.resources.abc import Traversable
from pathlib import Path

import platformdirs

from app import APP_NAME

DB_ENV = "COMMUNE_DESK_DB"
DATA_ENV = "COMMUNE_DESK_DATA"  # tests and portable installs point this elsewhere


def data_dir(create: bool = True) -> Path:
    """The user data folder (made when `create`: a path only asked about is not made)."""
    override = os.environ.get(DATA_ENV)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


# The database paths create nothing: opening a database makes its folder (app.database), and
# a command that only reads refuses a file that is not there, leaving no empty folder behind.
def default_db_path() -> Path:
    return data_dir(create=False) / "commune-desk.sqlite3"


def demo_db_path() -> Path:
    return data_dir(create=False) / "demo-quang-trung.sqlite3"


def resolve_db_path(cli_value: str | None) -> Path:
    """--db wins, then COMMUNE_DESK_DB, then the user data folder."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_db_path()


def logs_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def backups_dir(create: bool = True) -> Path:
    path = data_dir(create) / "backups"
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def resource(*parts: str) -> Traversable:
    """A file shipped in resources/, read through importlib.resources so the bundle works."""
    node = _res.files("resources")
    for part in parts:
        node = node.joinpath(part)
    return node


def resource_path(*parts: str) -> Path:
    """A real filesystem path of a resource (ReportLab and Qt want paths)."""
    return Path(str(resource(*parts)))
