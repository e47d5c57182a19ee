"""The "In danh sách…" button of a register: the list of the village chosen in its filter."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from app.auth import Permission
from app.context import AppContext
from app.i18n import _
from app.jobs import Job
from ui.common.widgets import VillageFilter
from ui.preview import PrintRunner
from ui.registers.common.view import RegisterView


class ListPrinter(QObject):
    """Adds the button to the register's buttons; `document` is an `app.paper.documents` job
    (household_list, resident_list), run for the village filter's choice (None = every
    village). Anyone who may view the registers may print them."""

    def __init__(self, view: RegisterView, ctx: AppContext,
                 document: Callable[..., Job], village_filter: VillageFilter, tooltip: str):
        super().__init__(view)
        self.ctx = ctx
        self._document = document
        self._village_filter = village_filter
        self.button = view.add_button(_("In danh sách…"), tooltip)
        self.button.setEnabled(ctx.user.can(Permission.VIEW_REGISTERS))
        self.runner = PrintRunner(view)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.button.clicked.connect(self._on_print_requested)

    def _on_print_requested(self) -> None:
        if self.runner.running:
            return
        make = self._document
        ctx, village_id = self.ctx, self._village_filter.value()
        self.runner.start(lambda: make(ctx, village_id=village_id),
                          _("Đang chuẩn bị danh sách để in…"))
