"""Screens refresh from what changed (the UI half of `app.changes`).

`ChangeRelay` turns the hub's calls, which come from whichever thread committed (a worker's
job commits too), into its `changed(topics)` signal on the UI thread. `ChangeWatch` is what a
screen uses: the topics it shows and how it refreshes; a visible screen refreshes as soon as
the write is committed, a hidden one when it is next shown. Nobody else calls a screen's
refresh; F5 and “Làm mới” stay for what other computers write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from app.changes import ChangeHub, Topic
from app.context import AppContext


class _Sender(QObject):
    """Emits from the committing thread. It has no parent and the hub's listener holds it,
    so it is never deleted while a worker may still emit on it (the relay may be)."""

    published = Signal(object)


class ChangeRelay(QObject):
    """Listens to a hub while it lives; `changed(topics)` is emitted on the relay's thread."""

    changed = Signal(object)  # frozenset[Topic]

    def __init__(self, hub: ChangeHub, parent: QObject | None = None):
        super().__init__(parent)
        sender = _Sender()
        # queued: delivered by the UI thread's event loop, whatever thread published; Qt
        # drops the delivery if the relay is deleted before it
        sender.published.connect(self._on_published, Qt.ConnectionType.QueuedConnection)

        def listener(topics: frozenset[Topic]) -> None:
            sender.published.emit(topics)

        hub.subscribe(listener)
        # the closure holds the hub and the listener, not the relay being deleted
        self.destroyed.connect(lambda *_args: hub.unsubscribe(listener))
        self._sender = sender

    def _on_published(self, topics: frozenset[Topic]) -> None:
        self.changed.emit(topics)


class ChangeWatch(QObject):
    """A screen says which topics it shows and how it refreshes (`refresh(topics)` gets the
    topics it shows that changed). Lives as long as the screen's view."""

    refreshed = Signal(object)  # the topics the screen was refreshed for

    def __init__(self, view: QWidget, ctx: AppContext, topics: Iterable[Topic],
                 refresh: Callable[[frozenset[Topic]], object]):
        super().__init__(view)
        self.view = view
        self.topics = frozenset(topics)
        self.pending: frozenset[Topic] = frozenset()  # changed while the screen was hidden
        self._refresh = refresh
        self.relay = ChangeRelay(ctx.changes, self)
        self.relay.changed.connect(self._on_changed)
        view.installEventFilter(self)

    def _on_changed(self, topics: frozenset[Topic]) -> None:
        wanted = topics & self.topics
        if not wanted:
            return
        self.pending |= wanted
        if self.view.isVisible():
            self.flush()

    def flush(self) -> None:
        """Refresh now for what changed since the last refresh, if anything did."""
        if not self.pending:
            return
        topics, self.pending = self.pending, frozenset()
        self._refresh(topics)
        self.refreshed.emit(topics)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # while the screen is torn down Qt may still call in after Python let go of the
        # attributes: nothing to refresh then
        if event.type() == QEvent.Type.Show and watched is getattr(self, "view", None):
            self.flush()
        return False
