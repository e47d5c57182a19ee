"""Long work as generators: a job yields Progress and returns its result.

The UI runs a job on a worker thread and re-emits each Progress as a signal; Cancel closes
the generator, which unwinds its `with ctx.write()` block and so rolls the work back whole.
The command line simply drains the generator with `run_to_end`.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    message: str = ""


Job = Generator[Progress, None, T]


def run_to_end(job: Job[T], on_progress: Callable[[Progress], Any] | None = None) -> T:
    while True:
        try:
            step = next(job)
        except StopIteration as stop:
            return stop.value
        if on_progress:
            on_progress(step)
