"""What every "In" button does: build the paper off the UI thread, then open the preview."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from app.i18n import _
from ui.preview.dialog import PreviewDialog
from ui.worker import JobFactory, JobRunner


class PrintRunner(JobRunner):
    """A JobRunner whose job returns an `app.paper.Printout`, shown in the preview when done.

    Failures and Cancel behave as for any job: a DomainError is shown, nothing opens.
    """

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.preview: PreviewDialog | None = None  # the preview last opened (tests read it)
        self.succeeded.connect(self._on_printout_ready)

    def start(self, factory: JobFactory, title: str | None = None) -> None:
        super().start(factory, title or _("Đang chuẩn bị bản in…"))

    def _on_printout_ready(self, printout: Any) -> None:
        self.preview = PreviewDialog.show_printout(self._widget, printout)
