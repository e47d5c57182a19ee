"""GUI fixtures: signed-in contexts, and modal boxes / file pickers patched so nothing blocks."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from ui.qt_compat import guard_true_refcount

# PySide6 6.12.0 loses a reference to True per Python-side emit (see ui/qt_compat.py); the
# suite emits thousands of signals, so guard the process before any test runs.
guard_true_refcount()

PASSWORD = "matkhau123"  # the sample accounts' password (tests/conftest.py)


# The offscreen platform says this whenever a top-level window is shown, and a popup (a
# completer's list) is raised and grabs the keyboard; it is not ours.
OFFSCREEN_NOISE = (r"This plugin does not support "
                   r"(propagateSizeHints|raise\(\)|grabbing the keyboard)")


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if "tests/gui/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@dataclass
class Boxes:
    """What the code under test asked or told the user (instead of modal boxes)."""

    answer: bool = True
    asked: list[str] = field(default_factory=list)
    informed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(autouse=True)
def boxes(monkeypatch) -> Boxes:
    from ui.common.errors import MessageBox
    from ui.common.widgets import FilePicker

    rec = Boxes()

    def ask(cls, parent, title, text, yes="Đồng ý", no="Hủy"):
        rec.asked.append(text)
        return rec.answer

    monkeypatch.setattr(MessageBox, "ask", classmethod(ask))
    monkeypatch.setattr(MessageBox, "inform",
                        classmethod(lambda cls, parent, title, text: rec.informed.append(text)))
    monkeypatch.setattr(MessageBox, "error", classmethod(
        lambda cls, parent, title, text, details="": rec.errors.append(text)))
    # a test that forgets to patch a picker gets "cancelled", never a blocking dialog
    for name in ("open_excel", "save_excel", "save_backup", "save_pdf"):
        monkeypatch.setattr(FilePicker, name, classmethod(lambda cls, *a, **k: None))
    from ui.preview.printing import PrintDialogBox

    monkeypatch.setattr(PrintDialogBox, "ask", classmethod(lambda cls, *a, **k: False))
    return rec


@pytest.fixture
def password() -> str:
    return PASSWORD


def _signed_in(ctx, username):
    from app import users

    return ctx.as_user(users.authenticate(ctx, username, PASSWORD))


@pytest.fixture
def admin_ctx(ctx):
    return _signed_in(ctx, "admin")


@pytest.fixture
def clerk_ctx(ctx):
    return _signed_in(ctx, "canbo")


@pytest.fixture
def window(qtbot, admin_ctx):
    from ui.main_window import MainWindow

    win = MainWindow(admin_ctx)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def file_ctx(tmp_path, sample_maker):
    """The sample commune in a database file (backups need a real file)."""
    from app.database import open_database

    ctx = sample_maker(open_database(tmp_path / "xa.sqlite3"))
    yield ctx
    ctx.engine.dispose()
