"""The words an enum shows on screen and on paper, read with `label()`, offered in a combo with
`choices()`; they are declared, all of them, in app.words.

Labels are translated here, when shown (`paper=True`: in Vietnamese whatever the interface
language). A variant ("short", "paper") falls back to the enum's first set for a member it
does not name. A value read from the database as a plain string is accepted when the enum is
named: `label("received", DossierStatus)`.
"""

from __future__ import annotations

import enum
from typing import TypeVar

from app.i18n import _, paper_text

E = TypeVar("E", bound=enum.Enum)

def _words() -> dict:
    # imported on first use: the enums live with their models, and a command's --help (which
    # builds labels of choices lazily) must not load SQLAlchemy
    from app.words import LABELS

    return LABELS


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
        text = _words().get(key, {}).get(member)
        if text is not None:
            return paper_text(text) if paper else _(text)
    raise KeyError(f"app.words has no words for {cls.__name__}")


def choices(enum_cls: type[E], *, variant: str = "",
            only: tuple[E, ...] | None = None) -> list[tuple[E, str]]:
    """(member, translated label) in the enum's order, for a combo box or a command's help."""
    return [(m, label(m, variant=variant)) for m in (only or list(enum_cls))]
