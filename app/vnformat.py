"""Dates and times written the way a Vietnamese office says them: "Thứ Sáu, 13/02/2026".

Kept for its callers; the formatting itself lives in app.l10n.
"""

from __future__ import annotations

from app.l10n import WEEKDAYS, format_date, format_datetime, format_time, weekday_name

__all__ = ["WEEKDAYS", "format_date", "format_datetime", "format_time", "weekday_name"]
