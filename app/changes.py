"""What a write changed, said to whoever shows it (Qt-free; the UI relays it to its screens).

A unit of work (`AppContext.write()`) notes the tables it wrote; after the commit the context
publishes their topics on its `ChangeHub`, nothing after a rollback. A screen subscribes
through the UI's relay and refreshes itself when a topic it shows was changed, instead of a
main window asking every screen to read everything again.

Topics are kinds of records as the screens show them, not tables: one table may concern
several topics (a dossier returned late is owed a letter, so `dossiers` concerns the letters
too), and bookkeeping tables (the audit log, the search index, the number counters) concern
none: they only ever change along with a record that has a topic.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from enum import StrEnum

log = logging.getLogger("commune_desk")


class Topic(StrEnum):
    DOSSIERS = "dossiers"  # dossiers and their steps, apology slips, civil events registered
    LETTERS = "letters"  # letters, templates, dismissals, and the queue of letters owed
    RESIDENTS = "residents"  # households and residents
    VILLAGES = "villages"
    PROCEDURES = "procedures"  # the procedures catalogue and its documents
    USERS = "users"  # staff accounts
    CALENDAR = "calendar"  # days off and make-up days
    SETTINGS = "settings"  # the commune profile, office hours, paper, language
    PETITIONS = "petitions"  # petitions, their events, the clocks' rule table
    RECEPTION = "reception"  # the reception schedule and the register of visits


# table → the topics a change in it concerns; a table not listed concerns no topic
TABLE_TOPICS: dict[str, frozenset[Topic]] = {
    # the queue of letters owed is read from returned dossiers, apology slips and the
    # civil events registered at the desk: a change there may add or remove a letter owed
    "dossiers": frozenset({Topic.DOSSIERS, Topic.LETTERS}),
    "dossier_events": frozenset({Topic.DOSSIERS}),
    "apology_slips": frozenset({Topic.DOSSIERS, Topic.LETTERS}),
    "civil_events": frozenset({Topic.DOSSIERS, Topic.LETTERS}),
    "letters": frozenset({Topic.LETTERS}),
    "letter_templates": frozenset({Topic.LETTERS}),
    "letter_dismissals": frozenset({Topic.LETTERS}),
    "households": frozenset({Topic.RESIDENTS}),
    "residents": frozenset({Topic.RESIDENTS}),
    "villages": frozenset({Topic.VILLAGES}),
    "procedures": frozenset({Topic.PROCEDURES}),
    "procedure_documents": frozenset({Topic.PROCEDURES}),
    "field_officers": frozenset({Topic.PROCEDURES}),  # who takes a field's dossiers (0005)
    "users": frozenset({Topic.USERS}),
    "calendar_days": frozenset({Topic.CALENDAR}),
    "calendar_years": frozenset({Topic.CALENDAR}),
    "settings": frozenset({Topic.SETTINGS}),
    "petitions": frozenset({Topic.PETITIONS}),
    "petition_events": frozenset({Topic.PETITIONS}),
    "petition_rules": frozenset({Topic.PETITIONS}),
    # a visit may register a petition, and the petitions' window shows the visits behind it
    "reception_days": frozenset({Topic.RECEPTION}),
    "reception_visits": frozenset({Topic.RECEPTION, Topic.PETITIONS}),
    # bookkeeping, always written along with a record that has a topic
    "audit_log": frozenset(),
    "search_tokens": frozenset(),
    "document_numbers": frozenset(),
}


def topics_of(tables: Iterable[str]) -> frozenset[Topic]:
    """The topics concerned by a write to `tables`."""
    found: set[Topic] = set()
    for table in tables:
        found |= TABLE_TOPICS.get(table, frozenset())
    return frozenset(found)


Listener = Callable[[frozenset[Topic]], object]


class ChangeHub:
    """Subscribers are called with the topics changed, on the thread that committed (a
    worker's job commits too): a listener that touches widgets must hand over to the UI
    thread itself. A listener that fails is logged and the others are still called."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        with self._lock:
            if listener not in self._listeners:
                self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    @property
    def listeners(self) -> int:
        with self._lock:
            return len(self._listeners)

    def publish(self, topics: Iterable[Topic]) -> None:
        """Tell every listener that `topics` changed (nothing when there are none)."""
        changed = frozenset(topics)
        if not changed:
            return
        with self._lock:  # a listener may unsubscribe while it is called
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(changed)
            except Exception:  # the write is committed: one bad listener must not undo it
                log.exception("Lỗi khi báo thay đổi %s", sorted(changed))
