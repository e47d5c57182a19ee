"""Short texts for table cells and labels, shared by every tab: an amount of money, a count as
the language writes it. (A moment is app.l10n.short_moment; an enum's words, app.labels.label.)"""

from __future__ import annotations

from babel.numbers import format_decimal

from app.i18n import _, current_language


def money(amount: int | None) -> str:
    """'20.000 đồng'."""
    if amount is None:
        return ""
    return _("{amount} đồng").format(amount=f"{amount:,}".replace(",", "."))


def count_text(n: int) -> str:
    """'1.348' in Vietnamese, '1,348' in English."""
    return format_decimal(n, locale=current_language())
