"""A completer for a line edit that filters on folded text ("khai sinh" finds "khai sinh",
"Khai Sinh" and "Khải Sinh" alike), with a richer line in the popup than in the field.

QCompleter matches by prefix or substring with the diacritics; here the matching is done by
a function the owner gives (a service search, or a filter over a short list) each time the
user edits the text, and the completer only shows what it returned (unfiltered popup).
Down enters the popup, Enter picks; a pick puts `Choice.text` in the field and emits
`chosen(Choice)`; editing the text again emits `cleared()`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from app.i18n import _
from app.text import fold

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(frozen=True)
class Choice:
    key: Any  # an id
    text: str  # what goes into the field
    display: str  # the line in the popup
    item: Any = None  # the row it came from


class ChoiceModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.choices: list[Choice] = []

    def set_choices(self, choices: Sequence[Choice]) -> None:
        self.beginResetModel()
        self.choices = list(choices)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.choices)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.choices):
            return None
        c = self.choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return c.display
        if role == Qt.ItemDataRole.EditRole:
            return c.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return c.display
        if role == Qt.ItemDataRole.UserRole:
            return index.row()
        return None


def rank_by_fold(text: str, items: Sequence[Any], key: Callable[[Any], str],
                 limit: int = 30) -> list[Any]:
    """Items whose folded key holds every folded word of `text`; those holding the words
    together come first, earlier and shorter ones before the rest."""
    query = fold(text)
    words = query.split()
    if not words:
        return list(items)[:limit]
    scored = []
    for n, item in enumerate(items):
        k = fold(key(item))
        if all(w in k for w in words):
            pos = k.find(query)
            scored.append((pos < 0, pos if pos >= 0 else 0, len(k), n, item))
    scored.sort(key=lambda t: t[:4])
    return [t[-1] for t in scored[:limit]]


class FoldCompleter(QObject):
    """Attach to `field`; `search(text)` returns the Choices for what was typed."""

    chosen = Signal(object)  # the Choice picked
    cleared = Signal()  # the text was edited after a pick

    def __init__(self, field: QLineEdit, search: Callable[[str], Sequence[Choice]],
                 min_chars: int = 1, visible_items: int = 10):
        super().__init__(field)
        self.field = field
        self._search = search
        self._min_chars = min_chars
        self.current: Choice | None = None
        self._hand_on: QWidget | None = None  # where the cursor goes after a pick
        self.model = ChoiceModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(visible_items)
        self.completer.setWidget(field)
        field.setCompleter(self.completer)
        field.installEventFilter(self)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.field.textEdited.connect(self._on_text_edited)
        self.completer.activated[QModelIndex].connect(self._on_activated)

    def refresh(self) -> None:
        """Search again for the text in the field and show the popup (Down in an empty field)."""
        self._fill(self.field.text())
        if self.model.rowCount():
            self.completer.complete()

    def _fill(self, text: str) -> None:
        found = self._search(text) if len(fold(text)) >= self._min_chars else []
        self.model.set_choices(found)
        width = max(self.field.width(), 560)
        self.completer.popup().setMinimumWidth(width)

    def _on_text_edited(self, text: str) -> None:
        if self.current is not None:
            self.current = None
            self.cleared.emit()
        self._fill(text)

    def _on_activated(self, index: QModelIndex) -> None:
        row = index.data(Qt.ItemDataRole.UserRole)
        if row is None or not 0 <= row < len(self.model.choices):
            return
        self.pick(self.model.choices[row])

    def hand_on(self, target: QWidget) -> None:
        """After a pick, the cursor goes on to `target`, and stays there: when the popup's
        window closes, the window manager gives the focus back to the field it was opened
        from, sometimes after this call; that one return is sent on to `target` too."""
        self._hand_on = target
        target.installEventFilter(self)
        target.setFocus()
        QTimer.singleShot(1000, self, self._forget_hand_on)  # a later visit to the field is the user's

    def _forget_hand_on(self) -> None:
        if self._hand_on is not None:
            self._hand_on.removeEventFilter(self)
            self._hand_on = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        target = getattr(self, "_hand_on", None)  # None too while Qt tears the field down
        if event.type() == QEvent.Type.FocusIn and target is not None:
            if watched is self.field:  # handed back by the popup's closing: on again
                QTimer.singleShot(0, target, target.setFocus)  # skipped if the form is gone
            elif watched is target and target.window().isActiveWindow():
                self._forget_hand_on()  # arrived for good
        return False

    def pick(self, choice: Choice) -> None:
        self.current = choice
        self.field.setText(choice.text)  # setText: no textEdited, the pick stays
        self.completer.popup().hide()
        self.chosen.emit(choice)

    def pick_single(self) -> bool:
        """Enter in the field with the popup closed: take the only match, if there is one."""
        if self.current is not None:
            return True
        found = self._search(self.field.text()) if self.field.text().strip() else []
        if len(found) == 1:
            self.pick(found[0])
            return True
        return False


# -- the register's people and households as choices (the desk's applicant, a letter's
#    recipient) -------------------------------------------------------------------------

def resident_choice(r) -> Choice:
    parts = [r.full_name]
    if r.birth_date:
        parts.append(str(r.birth_date.year))
    if r.cccd:
        parts.append(_("CCCD {number}").format(number=r.cccd))
    if r.phone:
        parts.append(r.phone)
    parts.append(r.full_address)
    return Choice(r.id, r.full_name, " · ".join(p for p in parts if p), r)


def household_choice(h) -> Choice:
    parts = [h.head_name or _("(chưa có chủ hộ)"),
             _("hộ số {code}").format(code=h.code) if h.code else "",
             h.full_address,
             _("{count} nhân khẩu").format(count=h.members)]
    return Choice(h.id, h.head_name, " · ".join(p for p in parts if p), h)
