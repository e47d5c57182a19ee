"""What every "In" button does: build the paper off the UI thread, then open the preview."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.i18n import N_
from ui.common.worker import JobRunner
from ui.preview.dialog import PreviewDialog


class PrintRunner(JobRunner):
    """A JobRunner whose job returns an `app.paper.Printout`, shown in the preview when done.

    Failures and Cancel behave as for any job: a DomainError is shown, nothing opens.
    `preview_opened(dialog)` hands the caller the preview, to follow its `printed` and
    `saved` signals (the letters are marked printed then).
    """

    default_title = N_("Đang chuẩn bị bản in…")

    preview_opened = Signal(object)  # the PreviewDialog just opened

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.preview: PreviewDialog | None = None  # the preview last opened (tests read it)
        self.succeeded.connect(self._on_printout_ready)

    def _on_printout_ready(self, printout: Any) -> None:
        self.preview = PreviewDialog.show_printout(self._widget, printout)
        if self.preview is not None:  # None: a test patched show_printout
            self.preview_opened.emit(self.preview)
