"""The words an enum shows on screen and on paper: declared once next to the enum, read with
`label()`, offered in a combo with `choices()`.

Labels are marked with N_ where they are declared and translated here, when shown. An enum
may have a second, shorter set for table cells (`variant="short"`); a member missing there
falls back to its full label. A value read from the database as a plain string is accepted
when the enum is named: `label("received", DossierStatus)`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TypeVar

from app.i18n import _, paper_text

E = TypeVar("E", bound=enum.Enum)

_LABELS: dict[tuple[type[enum.Enum], str], Mapping[enum.Enum, str]] = {}


def register(enum_cls: type[E], labels: Mapping[E, str], *, variant: str = "") -> Mapping[E, str]:
    """Declare the labels of `enum_cls` (every member, N_-marked); returns them unchanged."""
    if not variant:
        missing = [m.name for m in enum_cls if m not in labels]
        if missing:
            raise ValueError(f"{enum_cls.__name__}: no label for {', '.join(missing)}")
    _LABELS[(enum_cls, variant)] = labels
    return labels


def _member(value: enum.Enum | str, enum_cls: type[enum.Enum] | None) -> enum.Enum | None:
    if isinstance(value, enum.Enum):
        return value
    if enum_cls is None:
        raise TypeError(f"label({value!r}) needs the enum it belongs to")
    try:
        return enum_cls(value)
    except ValueError:
        return None


def label(value: enum.Enum | str | None, enum_cls: type[enum.Enum] | None = None, *,
          variant: str = "", paper: bool = False) -> str:
    """The translated label of an enum member (or of its stored value, given `enum_cls`);
    `paper`: in Vietnamese whatever the interface language (official papers).

    None gives ""; a value the enum does not know is shown as it is, never hidden."""
    if value is None or value == "":
        return ""
    member = _member(value, enum_cls)
    if member is None:
        return str(value)
    cls = type(member)
    for key in ((cls, variant), (cls, "")):
        text = _LABELS.get(key, {}).get(member)
        if text is not None:
            return paper_text(text) if paper else _(text)
    raise KeyError(f"no labels registered for {cls.__name__}")


def choices(enum_cls: type[E], *, variant: str = "",
            only: tuple[E, ...] | None = None) -> list[tuple[E, str]]:
    """(member, translated label) in the enum's order, for a combo box or a command's help."""
    return [(m, label(m, variant=variant)) for m in (only or list(enum_cls))]
