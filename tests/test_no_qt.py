"""The core (app/ and db/) never imports Qt: checked in a fresh interpreter."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import importlib, pkgutil, sys
import app, db
names = []
for pkg in (app, db):
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        if ".migrations." in info.name or info.name.endswith("__main__"):
            continue  # alembic scripts run inside alembic; __main__ would run the program
        importlib.import_module(info.name)
        names.append(info.name)
leaked = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(len(names))
if leaked:
    raise SystemExit("Qt loaded by the core: " + ", ".join(leaked))
"""


def test_core_modules_do_not_load_qt():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr + result.stdout
    assert int(result.stdout.strip().splitlines()[-1]) > 15  # really walked the packages
