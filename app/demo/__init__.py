"""The demo commune Xã Quang Trung: `python -m app demo` and the GUI's `--demo`.

`build_demo(ctx, seed)` is the job that fills an empty database (see app.demo.commune);
`ensure_demo_database(path)` is what the GUI calls before showing the sign-in window.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.context import AppContext
from app.demo.build import DemoSummary
from app.demo.commune import DEMO_PASSWORD, DEMO_SEED, PROFILE, STAFF, build_demo, has_data
from app.jobs import Job

__all__ = ["DEMO_PASSWORD", "DEMO_SEED", "PROFILE", "STAFF", "DemoSummary", "build_demo",
           "demo_target_path", "ensure_demo_database", "has_data"]


def demo_target_path(db: str | Path | None = None) -> Path:
    """The demo's database file: `db` (the --db option) if given, else $COMMUNE_DESK_DB, else
    the demo file in the user data folder (app.paths.demo_db_path()).

    `python -m app demo` and `python -m app --demo` both use it, so they open the same file.
    """
    from app import paths

    if db:
        return Path(db).expanduser().resolve()
    env = os.environ.get(paths.DB_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return paths.demo_db_path()


def ensure_demo_database(path: str | Path | None = None, seed: int = DEMO_SEED
                         ) -> tuple[AppContext, Job[DemoSummary] | None]:
    """Open (creating if needed) the demo database and say whether it still has to be built.

    `path` None means `demo_target_path()`. Returns `(ctx, job)`:

    * `job is None`: the database already holds a commune (the demo built on an earlier
      start, or any set-up database); `ctx` is ready, go straight to the sign-in window.
    * otherwise the database is empty and `job` is `build_demo(ctx, seed)`, not started yet.
      The caller must drive it to its end before using `ctx`: on a worker thread behind a
      progress dialog (each item is an `app.jobs.Progress` out of 1000 with a Vietnamese
      message), or with `app.jobs.run_to_end(job)`. Its return value is the `DemoSummary`.
      Closing the job before it ends (Cancel) rolls the whole build back and leaves the
      database empty, so the next call offers a fresh job. Sign in afterwards with any
      account of `STAFF` and the password `DEMO_PASSWORD` ("quangtrung").

    Opening errors (for example a database made by a newer version) propagate unchanged;
    the caller disposes of `ctx.engine` when done.
    """
    from app.database import open_database

    ctx = open_database(Path(path) if path else demo_target_path())
    if has_data(ctx):
        return ctx, None
    return ctx, build_demo(ctx, seed)
