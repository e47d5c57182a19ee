"""Short texts for table cells and labels, shared by every tab: a moment, a label from an
enum's dictionary, an amount of money, a count as the language writes it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.numbers import format_decimal

from app.i18n import _, current_language


def moment(value: dt.datetime | None) -> str:
    """'08:30 05/11/2025' — short enough for a table cell."""
    return value.strftime("%H:%M %d/%m/%Y") if value else ""


def label(labels: dict, value: Any) -> str:
    """The translated label of `value` in `labels` (marked with N_), else the value itself."""
    return _(labels[value]) if value in labels else ("" if value is None else str(value))


def money(amount: int | None) -> str:
    """'20.000 đồng'."""
    if amount is None:
        return ""
    return _("{amount} đồng").format(amount=f"{amount:,}".replace(",", "."))


def count_text(n: int) -> str:
    """'1.348' in Vietnamese, '1,348' in English."""
    return format_decimal(n, locale=current_language())
