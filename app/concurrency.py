"""Writes that take the next number of a register (a dossier's code and ledger line, a
petition's number in its year) while another desk may take one at the same moment.

Each such write reads the highest number and inserts the next in one transaction; the unique
constraints are the guarantee. When two desks collide, the loser's transaction fails (on the
constraint, or on SQLite's write lock) and is simply run again with the next number.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError, OperationalError

from app.errors import DomainError

T = TypeVar("T")
ATTEMPTS = 8


def retried(write: Callable[[], T], busy: str) -> T:
    """Run `write` (one whole unit of work) until it commits; after the last attempt, raise
    the DomainError `busy` (a Vietnamese message asking to save again)."""
    for attempt in range(ATTEMPTS):
        try:
            return write()
        except (IntegrityError, OperationalError):
            if attempt == ATTEMPTS - 1:
                raise DomainError(busy) from None
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")
