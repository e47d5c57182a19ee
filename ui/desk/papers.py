"""The desk's papers and exports, looked up by name when a button is pressed.

The forms (app.desk.forms) and the statistics (app.desk.stats) are jobs of the core; they
are imported when first used so the tab opens fast and a missing one is a message, not a
crash at start. An export that is a plain call (returns a count) is wrapped as a job.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from typing import Any

from app.errors import DomainError
from app.i18n import _
from app.jobs import Job, Progress

# where each kind of paper is looked for, in order (the fee papers have a module of their own)
FORMS = ("app.desk.forms", "app.desk.fees")
STATS = ("app.desk.stats",)


def paper(modules: tuple[str, ...], name: str) -> Callable[..., Any]:
    """The function `name` of the first of `modules` (FORMS or STATS) that has it."""
    for module in modules:
        try:
            found = getattr(importlib.import_module(module), name, None)
        except ImportError:
            found = None
        if found is not None:
            return found
    raise DomainError(_("Mẫu in hoặc báo cáo này chưa có trong phiên bản đang dùng; vui "
                        "lòng báo cho quản trị hệ thống."),
                      details=" / ".join(f"{m}.{name}" for m in modules))


def as_job(message: str, call: Callable[[], Any]) -> Job[Any]:
    """Run `call` on the worker: its own job if it returns one, else one step.

    Runs off the UI thread; never touches widgets."""
    yield Progress(0, 0, message)
    result = call()
    if inspect.isgenerator(result):
        return (yield from result)
    return result


def paper_job(modules: tuple[str, ...], name: str, *args: Any,
              message: str = "") -> Callable[[], Job[Any]]:
    """A factory for JobRunner.start: resolves the function on the worker and runs it."""
    return lambda: as_job(message or _("Đang chuẩn bị bản in…"),
                          lambda: paper(modules, name)(*args))
