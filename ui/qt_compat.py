"""Work-arounds for bugs of the Qt binding, each detected at run time rather than by version.

PySide6 6.12.0 drops one reference to `True` on every `Signal.emit()` made from Python
(6.11.3 does not). On Python 3.11, where `True` is an ordinary reference-counted object, a
few thousand emits later the interpreter aborts with "Fatal Python error: bool_dealloc" —
in the office, after an hour or two of searching and saving. Python 3.12 made `True`
immortal, which hides the bug. The real fix is a binding without the bug (pin
PySide6 != 6.12.0); until then `guard_true_refcount()` gives `True` the same kind of
inexhaustible count Python 3.12 gives it. Over-counting `True` is harmless: it is a static
object that is never freed.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_HEADROOM = 1 << 40  # 10^12 emits; the office PC is rebooted long before


class _Probe(QObject):
    fired = Signal()


def true_refs_lost_per_emit(samples: int = 64) -> float:
    """How many references to True one Python-side emit loses (0 on a sound binding)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(samples):
        probe.fired.emit()
    return (before - sys.getrefcount(True)) / samples


def guard_true_refcount() -> bool:
    """Neutralise the lost references when the bug is present; True if the guard was applied."""
    if sys.version_info >= (3, 12) or true_refs_lost_per_emit() <= 0:
        return False
    refcnt = ctypes.c_ssize_t.from_address(id(True))  # ob_refcnt is the first field
    refcnt.value += _HEADROOM
    return True
