"""One helper for background work: run an `app.jobs` Job (a generator) on a QThread.

The job yields `Progress` and returns its result. `JobRunner` re-emits each step as
`progressed(done, total, message)` and shows a progress dialog with a Cancel button; Cancel
closes the generator between two steps, which unwinds the service's `with ctx.write()` and
rolls the whole unit of work back. At the end exactly one of `succeeded(result)`,
`failed(exc)` or `cancelled()` is emitted, always on the UI thread.

`start(factory)` runs a job (a core generator: papers, imports, batches); `run(call)` runs a
plain service call (an export, a backup) through `as_job`, the one adapter between the two.
"""

from __future__ import annotations

import inspect
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import DomainError
from app.i18n import N_, _
from app.jobs import Job, Progress
from ui.common.errors import show_error

JobFactory = Callable[[], Job[Any]]


def as_job(message: str, call: Callable[[], Any]) -> Job[Any]:
    """`call` as a job: one step saying `message`, then the call; if the call returns a job
    (a generator), that job runs on and its result is the result.

    Runs on the worker thread: `call` never touches widgets."""
    yield Progress(0, 0, message)
    result = call()
    if inspect.isgenerator(result):
        return (yield from result)
    return result


class _JobThread(QThread):
    progressed = Signal(int, int, str)

    def __init__(self, factory: JobFactory, parent: QObject | None = None):
        super().__init__(parent)
        self._factory = factory
        self._cancel = threading.Event()
        self.outcome: tuple[str, Any] = ("cancelled", None)

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        # The generator is created, advanced and closed on this thread only: a generator
        # cannot be closed from another thread while it is running.
        try:
            job = self._factory()
            while True:
                if self._cancel.is_set():
                    job.close()
                    self.outcome = ("cancelled", None)
                    return
                try:
                    step = next(job)
                except StopIteration as stop:
                    self.outcome = ("ok", stop.value)
                    return
                self.progressed.emit(step.done, step.total, step.message)
        except BaseException as exc:  # handed to the UI thread, shown or sent to the hook
            self.outcome = ("error", exc)


class JobRunner(QObject):
    """Runs one job at a time for a screen or dialog; create it once, `start()` it per job.

    The operation never touches widgets: it runs on a worker thread and may only call
    `app/` services. Results reach the UI through the signals below.
    """

    default_title = N_("Đang xử lý…")  # the progress dialog's text when none is given

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, parent: QWidget, *, show_errors: bool = True):
        super().__init__(parent)
        self._widget = parent
        self._show_errors = show_errors
        self._thread: _JobThread | None = None
        self.dialog: QProgressDialog | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, factory: JobFactory, title: str | None = None) -> None:
        """Run the job `factory()` makes (called on the worker thread)."""
        if self._thread is not None:
            raise RuntimeError("JobRunner is already running a job")
        self.dialog = self._make_dialog(title or _(self.default_title))
        thread = _JobThread(factory)
        thread.progressed.connect(self._on_progressed, Qt.ConnectionType.QueuedConnection)
        thread.finished.connect(self._on_thread_finished, Qt.ConnectionType.QueuedConnection)
        self._thread = thread
        thread.start()

    def run(self, call: Callable[[], Any], title: str | None = None) -> None:
        """Run a plain call (or one returning a job) on the worker thread; `title` is said in
        the progress dialog."""
        title = title or _(self.default_title)
        self.start(lambda: as_job(title, call), title)

    def cancel(self) -> None:
        if self._thread is not None:
            self._thread.cancel()
            if self.dialog is not None:
                self.dialog.setLabelText(_("Đang hủy, dữ liệu sẽ được giữ nguyên như trước…"))

    def wait(self, ms: int = 30000) -> None:
        """Block until the thread ends (closing a window with a job still running)."""
        if self._thread is not None:
            self._thread.cancel()
            self._thread.wait(ms)

    def _make_dialog(self, title: str) -> QProgressDialog:
        dlg = QProgressDialog(title, _("Hủy"), 0, 0, self._widget)
        dlg.setWindowTitle(_("Một cửa thân thiện"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.setMinimumDuration(400)  # short jobs finish before the dialog flickers up
        dlg.setMinimumWidth(420)
        dlg.canceled.connect(self.cancel)
        return dlg

    def _on_progressed(self, done: int, total: int, message: str) -> None:
        self.progressed.emit(done, total, message)
        dlg = self.dialog
        if dlg is None:
            return
        if message:
            dlg.setLabelText(message)
        dlg.setMaximum(max(total, 0))
        # last: a window-modal QProgressDialog processes events in setValue, and the job
        # may finish (and this dialog go away) in there
        dlg.setValue(min(done, total) if total else 0)

    def _on_thread_finished(self) -> None:
        thread, self._thread = self._thread, None
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)  # closing it emits canceled
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        kind, value = thread.outcome
        thread.deleteLater()
        if kind == "ok":
            self.succeeded.emit(value)
        elif kind == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(value)
            if self._show_errors:
                if isinstance(value, DomainError):
                    show_error(self._widget, value)
                else:
                    sys.excepthook(type(value), value, value.__traceback__)
        self.finished.emit()
