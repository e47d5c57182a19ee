"""Screens refresh from what changed: a birth returned at the desk reaches the letters tab's
queue, a letter made (on a worker thread) reaches the register, without anyone reloading;
a hidden page waits until it is shown; the relay hands over to the UI thread and lets go
of the hub when it is deleted."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QWidget

from app import procedures, resident_lists, users
from app.changes import ChangeHub, Topic
from app.desk import lifecycle, reception
from app.desk.types import DossierInput
from app.letters import service
from app.letters.types import LetterKind
from ui.common.changes import ChangeRelay, ChangeWatch
from ui.common.worker import JobRunner

CHILD = "Nguyễn Minh Khang"


@pytest.fixture
def clerk(ctx):
    return ctx.as_user(users.authenticate(ctx, "canbo", "matkhau123"))


def _return_a_birth(clerk) -> int:
    """A birth registration received, ready and returned through the service, step by step
    as the dossier window calls it."""
    pid = procedures.search_procedure_ids(clerk, "dang ky khai sinh")[0]
    mother = resident_lists.search_resident_ids(clerk, "dang thi ha")[0]
    row = reception.receive(clerk, DossierInput(procedure_id=pid,
                                                applicant_resident_id=mother))
    lifecycle.mark_ready(clerk, row.id)
    lifecycle.return_result(clerk, row.id, returned_to="Đặng Thị Hà", event_person=CHILD)
    return row.id


def _births(c) -> list:
    return [s for s in c.suggestions.rows() if s.kind == LetterKind.CONGRATULATION
            and CHILD in s.what]


def test_a_birth_returned_reaches_the_queue_and_its_letter_the_register(qtbot, clerk):
    from ui.letters.controller import build

    view, c = build(clerk)
    qtbot.addWidget(view, before_close_func=lambda _v: c.close_windows())
    view.show()
    qtbot.waitExposed(view)
    assert c.suggestions.total == 0 and c.register.ids == []
    refreshed: list = []
    c.watch.refreshed.connect(refreshed.append)
    _return_a_birth(clerk)
    qtbot.waitUntil(lambda: len(_births(c)) == 1)  # nobody called reload
    assert refreshed and Topic.LETTERS in refreshed[0]
    assert "1" in view.queue_title.text()
    # the letter made on a worker thread, as a batch is: the register follows, the queue empties
    [suggestion] = _births(c)
    runner = JobRunner(view)
    with qtbot.waitSignal(runner.succeeded, timeout=10000) as made:
        runner.run(lambda: service.create_batch(clerk, [suggestion.draft]))
    [letter_id] = made.args[0]
    qtbot.waitUntil(lambda: letter_id in c.register.ids)
    qtbot.waitUntil(lambda: not _births(c))
    assert "1 thư" in view.register_count.text() and "Chúc mừng: 1" in view.counts_label.text()


def test_the_register_keeps_its_selection_when_it_follows(qtbot, clerk):
    from ui.letters.controller import build

    _return_a_birth(clerk)
    view, c = build(clerk)
    qtbot.addWidget(view, before_close_func=lambda _v: c.close_windows())
    view.show()
    [suggestion] = _births(c)
    [first] = service.create_batch(clerk, [suggestion.draft])
    qtbot.waitUntil(lambda: first in c.register.ids)
    c.register.list.select_id(first)
    service.mark_printed(clerk, [first])  # the preview printed it
    qtbot.waitUntil(lambda: c.register.model.row_at(0).printed_at is not None)
    assert c.register.current_id() == first


def test_a_hidden_page_refreshes_when_it_is_shown(qtbot, clerk):
    from ui.main_window import MainWindow

    win = MainWindow(clerk)
    qtbot.addWidget(win)
    win.show()
    desk, letters = win.controllers["Tiếp nhận & trả kết quả"], win.controllers["Thư"]
    assert win.stack.currentWidget() is win.pages["Tiếp nhận & trả kết quả"]
    assert desk.mode == "all" and desk.model.total == 0
    dossier_id = _return_a_birth(clerk)
    # the desk, on screen, follows at once; the letters page, hidden, keeps it for later
    qtbot.waitUntil(lambda: desk.model.row_of(dossier_id) >= 0)
    qtbot.waitUntil(lambda: Topic.LETTERS in letters.watch.pending)
    assert not _births(letters)
    win.show_page("Thư")
    assert len(_births(letters)) == 1 and not letters.watch.pending


def test_the_relay_hands_over_to_the_ui_thread(qtbot):
    hub = ChangeHub()
    host = QWidget()
    qtbot.addWidget(host)
    relay = ChangeRelay(hub, host)
    threads: list = []
    relay.changed.connect(lambda topics: threads.append(QThread.currentThread()))
    worker = threading.Thread(target=lambda: hub.publish([Topic.RESIDENTS]))
    with qtbot.waitSignal(relay.changed, timeout=5000) as told:
        worker.start()
    worker.join()
    assert told.args == [frozenset({Topic.RESIDENTS})]
    assert threads == [QApplication.instance().thread()]


def test_a_deleted_relay_lets_go_of_the_hub(qtbot):
    hub = ChangeHub()
    host = QWidget()
    relay = ChangeRelay(hub, host)
    heard: list = []
    relay.changed.connect(heard.append)
    assert hub.listeners == 1
    hub.publish([Topic.USERS])  # queued: not delivered yet …
    shiboken6.delete(host)  # … when the screen goes away with its relay
    assert hub.listeners == 0
    qtbot.wait(50)  # the queued delivery is dropped, nothing raises
    hub.publish([Topic.USERS])
    assert heard == []


def test_a_watch_refreshes_only_for_its_topics(qtbot, ctx):
    view = QWidget()
    qtbot.addWidget(view)
    seen: list = []
    watch = ChangeWatch(view, ctx, {Topic.VILLAGES}, seen.append)
    view.show()
    ctx.changes.publish([Topic.CALENDAR])
    ctx.changes.publish([Topic.VILLAGES, Topic.USERS])
    qtbot.waitUntil(lambda: bool(seen))
    qtbot.wait(20)
    assert seen == [{Topic.VILLAGES}]  # only what it shows, once
    view.hide()
    ctx.changes.publish([Topic.VILLAGES])
    qtbot.waitUntil(lambda: bool(watch.pending))
    assert len(seen) == 1
    view.show()
    assert seen == [{Topic.VILLAGES}, {Topic.VILLAGES}] and not watch.pending
