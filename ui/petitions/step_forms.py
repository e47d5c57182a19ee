"""The small forms of a petition's steps, one per step, each opened with `ask` (FormDialog's).

A form's `values()` are the keyword arguments of its step in app.petitions.service (the day
it happened as typed, "dd/mm/yyyy", which the service checks); `STEP_FORMS` pairs each step
with its form and its service call. "Lưu" calls the service; its DomainError is shown in
the form, which stays open with what was typed. Tests patch `ask`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from app.i18n import N_, _
from app.l10n import short_date, today
from app.labels import choices, label
from app.petitions import service
from app.petitions.steps import Step
from app.petitions.types import OUTCOMES, Complexity, FileReason, PetitionRow
from ui.common.forms import FormDialog, text_box
from ui.common.widgets import DateField

# how a result or a notice of acceptance usually reaches the citizen (the field is free text)
NOTICE_WAYS = [N_("Gửi văn bản qua bưu chính"), N_("Giao trực tiếp cho công dân"),
               N_("Công bố tại cuộc họp, có biên bản")]


def hint(text: str) -> QLabel:
    note = QLabel(text)
    note.setWordWrap(True)
    note.setStyleSheet("color: #555;")
    return note


class StepDialog(FormDialog):
    """A step of one petition: the form's own fields, then the day it happened (today)."""

    def __init__(self, title: str, ok_text: str, row: PetitionRow,
                 parent: QWidget | None = None):
        super().__init__(title.format(ref=row.reference), parent, ok_text=ok_text)
        self.row = row
        self.on: DateField | None = None

    def add_day(self, text: str) -> DateField:
        self.on = self.add_row(text, DateField())
        self.on.set_date(today())
        return self.on

    def add_hint(self, text: str) -> None:
        self.form.addRow("", hint(text))

    def fields(self) -> dict:
        return {}

    def values(self) -> dict:
        return {**self.fields(), "on": self.on.value() if self.on is not None else None}


def _ways_combo() -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems([_(w) for w in NOTICE_WAYS])
    return combo


class AcceptDialog(StepDialog):
    """Thụ lý: who handles it (officers and the chairman), how complex, a remote area."""

    def __init__(self, row: PetitionRow, handlers: Sequence, me: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(_("Thụ lý đơn {ref}"), _("Thụ lý"), row, parent)
        self.handler = QComboBox()
        self.handler.addItem(_("(chọn người giải quyết)"), None)
        for u in handlers:
            self.handler.addItem(f"{u.full_name} – {u.title or u.role_label}", u.id)
        self.handler.setCurrentIndex(max(self.handler.findData(me), 0))
        self.add_row(_("Người giải quyết:"), self.handler)
        self.complexity = QComboBox()
        for value, text in choices(Complexity):
            self.complexity.addItem(text, value)
        self.complexity.setCurrentIndex(max(self.complexity.findData(row.complexity), 0))
        self.add_row(_("Mức độ phức tạp:"), self.complexity)
        self.remote = QCheckBox(_("Vùng sâu, vùng xa (thời hạn dài hơn)"))
        self.remote.setChecked(row.remote)
        self.add_row("", self.remote)
        self.note = self.add_row(_("Ghi chú:"), QLineEdit())
        self.add_day(_("Ngày thụ lý:"))
        self.add_hint(_("Thời hạn giải quyết tính từ ngày thụ lý theo bảng thời hạn; cửa sổ "
                        "đơn ghi rõ cách tính."))

    def fields(self) -> dict:
        return {"handler_id": self.handler.currentData(),
                "complexity": self.complexity.currentData(),
                "remote": self.remote.isChecked(), "note": self.note.text()}


class ForwardDialog(StepDialog):
    def __init__(self, row: PetitionRow, parent: QWidget | None = None):
        super().__init__(_("Chuyển đơn {ref}"), _("Chuyển đơn"), row, parent)
        self.to = self.add_row(_("Chuyển đến cơ quan:"), QLineEdit())
        self.to.setPlaceholderText(_("cơ quan, tổ chức có thẩm quyền giải quyết"))
        self.note = self.add_row(_("Ghi chú:"), text_box(2))
        self.add_day(_("Ngày chuyển:"))

    def fields(self) -> dict:
        return {"to": self.to.text(), "note": self.note.toPlainText()}


class GuideDialog(StepDialog):
    def __init__(self, row: PetitionRow, parent: QWidget | None = None):
        super().__init__(_("Hướng dẫn công dân – đơn {ref}"), _("Ghi hướng dẫn"), row, parent)
        self.note = self.add_row(_("Nội dung hướng dẫn:"), text_box(4))
        self.add_day(_("Ngày hướng dẫn:"))

    def fields(self) -> dict:
        return {"note": self.note.toPlainText()}


class FileDialog(StepDialog):
    def __init__(self, row: PetitionRow, parent: QWidget | None = None):
        super().__init__(_("Lưu đơn {ref}"), _("Lưu đơn"), row, parent)
        self.reason = QComboBox()
        self.reason.addItem(_("(chọn lý do)"), None)
        for value, text in choices(FileReason):
            self.reason.addItem(text, value)
        self.add_row(_("Lý do lưu đơn:"), self.reason)
        self.note = self.add_row(_("Ghi chú:"), text_box(2))
        self.add_day(_("Ngày lưu đơn:"))

    def fields(self) -> dict:
        return {"reason": self.reason.currentData(), "note": self.note.toPlainText()}


class AcceptanceNoticeDialog(StepDialog):
    def __init__(self, row: PetitionRow, parent: QWidget | None = None):
        super().__init__(_("Thông báo thụ lý đơn {ref}"), _("Ghi đã thông báo"), row, parent)
        self.how = self.add_row(_("Cách thông báo:"), _ways_combo())
        self.add_day(_("Ngày thông báo:"))
        if row.accept_notice_due:
            self.add_hint(_("Hạn thông báo thụ lý cho người tố cáo: {day}.").format(
                day=short_date(row.accept_notice_due)))

    def fields(self) -> dict:
        return {"how": self.how.currentText()}


class ExtendDialog(StepDialog):
    def __init__(self, row: PetitionRow, parent: QWidget | None = None):
        super().__init__(_("Gia hạn giải quyết đơn {ref}"), _("Gia hạn"), row, parent)
        self.decision = self.add_row(_("Quyết định gia hạn:"), QLineEdit())
        self.decision.setPlaceholderText(_("số, ngày của quyết định, ví dụ 12/QĐ-UBND ngày "
                                           "05/11/2026"))
        self.add_day(_("Ngày gia hạn:"))
        if row.due_on:
            self.add_hint(_("Hạn giải quyết hiện tại: {day}; đã gia hạn {done} lần.").format(
                day=short_date(row.due_on), done=row.extensions))

    def fields(self) -> dict:
        return {"decision": self.decision.text()}


class PauseDialog(StepDialog):
    def __init__(self, row: PetitionRow, parent: QWidget | None = None):
        super().__init__(_("Tạm đình chỉ giải quyết đơn {ref}"), _("Tạm đình chỉ"), row, parent)
        self.reason = self.add_row(_("Lý do:"), text_box(3))
        self.add_day(_("Ngày tạm đình chỉ:"))
        self.add_hint(_("Thời hạn dừng lại; số ngày chưa dùng được tính tiếp khi giải quyết "
                        "lại."))

    def fields(self) -> dict:
        return {"reason": self.reason.toPlainText()}


class ResumeDialog(StepDialog):
    def __init__(self, row: PetitionRow, parent: QWidget | None = None):
        super().__init__(_("Tiếp tục giải quyết đơn {ref}"), _("Tiếp tục giải quyết"), row,
                         parent)
        self.note = self.add_row(_("Ghi chú:"), QLineEdit())
        self.add_day(_("Ngày tiếp tục:"))

    def fields(self) -> dict:
        return {"note": self.note.text()}


class ResolveDialog(StepDialog):
    """The outcomes of the petition's kind only (app.petitions.types.OUTCOMES)."""

    def __init__(self, row: PetitionRow, parent: QWidget | None = None):
        super().__init__(_("Kết quả giải quyết đơn {ref}"), _("Ghi kết quả"), row, parent)
        self.outcome = QComboBox()
        outcomes = OUTCOMES[row.kind]
        if len(outcomes) > 1:
            self.outcome.addItem(_("(chọn kết quả)"), None)
        for value in outcomes:
            self.outcome.addItem(label(value), value)
        self.add_row(_("Kết quả:"), self.outcome)
        self.decision = self.add_row(_("Văn bản giải quyết:"), text_box(3))
        self.decision.setPlaceholderText(_("số, ngày và nội dung chính của quyết định, kết luận "
                                           "hoặc văn bản trả lời"))
        self.add_day(_("Ngày có kết quả:"))

    def fields(self) -> dict:
        return {"outcome": self.outcome.currentData(), "decision": self.decision.toPlainText()}


class NotifyDialog(StepDialog):
    def __init__(self, row: PetitionRow, parent: QWidget | None = None):
        super().__init__(_("Thông báo kết quả đơn {ref}"), _("Ghi đã thông báo"), row, parent)
        self.how = self.add_row(_("Cách thông báo:"), _ways_combo())
        self.add_day(_("Ngày thông báo:"))
        self.add_hint(_("Sau khi ghi thông báo kết quả, đơn được kết thúc."))

    def fields(self) -> dict:
        return {"how": self.how.currentText()}


class ReasonStepDialog(StepDialog):
    """A step that asks only why: a withdrawal, a reopening."""

    def __init__(self, title: str, ok_text: str, reason_label: str, day_label: str,
                 row: PetitionRow, parent: QWidget | None = None):
        super().__init__(title, ok_text, row, parent)
        self.reason = self.add_row(reason_label, text_box(3))
        self.add_day(day_label)

    def fields(self) -> dict:
        return {"reason": self.reason.toPlainText()}


class WithdrawDialog(ReasonStepDialog):
    def __init__(self, row: PetitionRow, parent: QWidget | None = None):
        super().__init__(_("Công dân rút đơn {ref}"), _("Ghi rút đơn"), _("Lý do rút đơn:"),
                         _("Ngày rút đơn:"), row, parent)


class ReopenDialog(ReasonStepDialog):
    def __init__(self, row: PetitionRow, parent: QWidget | None = None):
        super().__init__(_("Mở lại đơn {ref}"), _("Mở lại"), _("Lý do mở lại:"),
                         _("Ngày mở lại:"), row, parent)
        self.add_hint(_("Đơn chưa thụ lý trở lại chờ phân loại; đơn đã thụ lý được giải quyết "
                        "lại với thời hạn mới."))


# each step: its form and its service call, service(ctx, petition id, **form values)
STEP_FORMS: dict[Step, tuple[type[StepDialog], Callable]] = {
    Step.ACCEPT: (AcceptDialog, service.accept),
    Step.FORWARD: (ForwardDialog, service.forward),
    Step.GUIDE: (GuideDialog, service.guide),
    Step.FILE: (FileDialog, service.file),
    Step.NOTIFY_ACCEPTANCE: (AcceptanceNoticeDialog, service.notify_acceptance),
    Step.EXTEND: (ExtendDialog, service.extend),
    Step.PAUSE: (PauseDialog, service.pause),
    Step.RESUME: (ResumeDialog, service.resume),
    Step.RESOLVE: (ResolveDialog, service.resolve),
    Step.NOTIFY: (NotifyDialog, service.notify),
    Step.WITHDRAW: (WithdrawDialog, service.withdraw),
    Step.REOPEN: (ReopenDialog, service.reopen),
}
