"""The background helper (threads, progress, cancel, errors) and the two levels of errors."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtWidgets import QWidget

from app import paths, resident_lists, residents
from app.errors import DomainError
from app.jobs import Progress
from ui.common import errors
from ui.common.worker import JobRunner


@pytest.fixture
def runner(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    return JobRunner(host, show_errors=False)


def test_succeeded_with_progress_from_another_thread(qtbot, runner):
    seen, threads = [], []
    runner.progressed.connect(lambda d, t, m: seen.append((d, t, m)))

    def job():
        threads.append(threading.current_thread())
        for i in range(3):
            yield Progress(i + 1, 3, f"bước {i + 1}")
        return "xong"

    with qtbot.waitSignal(runner.succeeded, timeout=5000) as blocker:
        runner.start(job)
    assert blocker.args == ["xong"]
    assert threads[0] is not threading.main_thread()
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen[-1] == (3, 3, "bước 3")
    assert not runner.running and runner.dialog is None


def test_failed_carries_the_domain_error(qtbot, runner):
    def job():
        yield Progress(0, 1)
        raise DomainError("Tệp còn 1 dòng lỗi.")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.start(job)
    assert blocker.args[0].message == "Tệp còn 1 dòng lỗi."


def test_run_takes_a_plain_call_or_one_that_returns_a_job(qtbot, runner):
    """`run` is `start` through `as_job`: a plain call is one step, a returned job runs on."""
    seen, threads = [], []
    runner.progressed.connect(lambda d, t, m: seen.append((d, t, m)))

    def plain():
        threads.append(threading.current_thread())
        return 42

    with qtbot.waitSignal(runner.succeeded, timeout=5000) as blocker:
        runner.run(plain, "Đang xuất tệp…")
    assert blocker.args == [42] and threads[0] is not threading.main_thread()
    qtbot.waitUntil(lambda: seen == [(0, 0, "Đang xuất tệp…")])

    def job():
        yield Progress(1, 2, "nửa đường")
        return "xong"

    with qtbot.waitSignal(runner.succeeded, timeout=5000) as blocker:
        runner.run(job)  # the function returns a generator: it runs to its end
    assert blocker.args == ["xong"]
    qtbot.waitUntil(lambda: seen[-1] == (1, 2, "nửa đường"))
    assert seen[-2] == (0, 0, "Đang xử lý…")  # the runner's own title when none is given


def test_failure_is_shown_when_asked(qtbot, boxes):
    host = QWidget()
    qtbot.addWidget(host)
    shown = JobRunner(host)

    def job():
        raise DomainError("Không có hộ hợp lệ nào để nhập.")
        yield  # a generator

    with qtbot.waitSignal(shown.finished, timeout=5000):
        shown.start(job)
    assert boxes.errors == ["Không có hộ hợp lệ nào để nhập."]


def test_cancel_closes_the_generator_between_steps(qtbot, runner, admin_ctx):
    """Cancel is honoured before the next step: the later write never happens."""
    from app.residents import ResidentInput

    village = resident_lists.get_households(admin_ctx, resident_lists.search_household_ids(admin_ctx))[0].village_id
    before = resident_lists.search_household_ids(admin_ctx)
    closed = threading.Event()
    release = threading.Event()

    def job():
        try:
            yield Progress(0, 2, "đang chạy")
            release.wait(5)  # the UI has pressed Cancel by now
            yield Progress(1, 2)
            residents.create_household(admin_ctx, village, "", ResidentInput("Không Được Ghi", "Nam"))
            yield Progress(2, 2)
        finally:
            closed.set()

    def on_progress(*_args) -> None:
        runner.cancel()
        release.set()

    runner.progressed.connect(on_progress)
    with qtbot.waitSignal(runner.cancelled, timeout=5000):
        runner.start(job)
    assert closed.is_set()
    assert resident_lists.search_household_ids(admin_ctx) == before


def test_cancel_of_a_real_import_keeps_the_database(qtbot, runner, admin_ctx, tmp_path):
    from app import household_io
    from app.excel import write_sheet

    path = tmp_path / "nhieu-ho.xlsx"
    rows = [[f"N-{i:03d}", "Đồng Lạc", "", f"Người Thứ {chr(65 + i % 26)}", "Nam", "", "", "",
             "Chủ hộ"] for i in range(60)]
    write_sheet(path, "Hộ", household_io.HEADERS, rows)
    preview = household_io.preview_households(admin_ctx, path)
    assert len(preview.good) == 60
    before = resident_lists.search_household_ids(admin_ctx)
    gate = threading.Event()  # the worker waits for the UI after each step: no race

    def gated():
        inner = household_io.import_households(admin_ctx, preview)
        try:
            while True:
                try:
                    step = next(inner)
                except StopIteration as stop:
                    return stop.value
                yield step
                gate.wait(5)
                gate.clear()
        finally:
            inner.close()  # what the runner's close() reaches: the service rolls back

    def on_progress(done: int, _total: int, _message: str) -> None:
        if done >= 25:
            runner.cancel()
        gate.set()

    runner.progressed.connect(on_progress)
    with qtbot.waitSignal(runner.cancelled, timeout=10000):
        runner.start(gated)
    assert resident_lists.search_household_ids(admin_ctx) == before


def test_excepthook_logs_writes_a_crash_file_and_apologises(boxes):
    errors.setup_logging()
    try:
        raise ZeroDivisionError("chia cho 0")
    except ZeroDivisionError:
        errors.handle_exception(*sys.exc_info())
    crash_files = sorted(paths.logs_dir().glob("crash-*.txt"))
    assert crash_files and "ZeroDivisionError" in crash_files[-1].read_text(encoding="utf-8")
    log = (paths.logs_dir() / "commune-desk.log").read_text(encoding="utf-8")
    assert "chia cho 0" in log
    assert boxes.errors and boxes.errors[-1].startswith("Chương trình gặp lỗi không lường trước")
    assert str(crash_files[-1]) in boxes.errors[-1]


def test_domain_errors_reaching_the_hook_are_shown_as_they_are(boxes):
    try:
        raise DomainError("Số hộ “DL-001” đã có trong sổ; vui lòng dùng số khác.")
    except DomainError:
        errors.handle_exception(*sys.exc_info())
    assert boxes.errors == ["Số hộ “DL-001” đã có trong sổ; vui lòng dùng số khác."]


def test_error_box_copy_button_copies_details(qtbot):
    """The real box: "Sao chép chi tiết" copies message and details, and does not close it."""
    from PySide6.QtWidgets import QApplication

    box = errors.ErrorBox(None, "Không thực hiện được", "Thông báo", "chi tiết kỹ thuật")
    qtbot.addWidget(box)
    box.show()
    box.copy_button.click()
    assert box.isVisible()
    assert "chi tiết kỹ thuật" in QApplication.clipboard().text()
    assert box.message.text() == "Thông báo"
    box.close_button.click()
    assert not box.isVisible()


def test_signals_can_be_emitted_without_exhausting_true():
    """Whatever the binding does to True on emit, the guarded process never runs out of it."""
    import gc

    from ui import qt_compat

    qt_compat.guard_true_refcount()
    gc.collect()
    probe = qt_compat._Probe()
    for _ in range(5000):
        probe.fired.emit()
    gc.collect()
    assert sys.getrefcount(True) > 100_000 or qt_compat.true_refs_lost_per_emit() == 0
