"""The office's wall clock (Vietnam, UTC+7) as naive datetimes, as stored in the database."""

from __future__ import annotations

import datetime as dt

from app.l10n import VN_TZ


def now() -> dt.datetime:
    return dt.datetime.now(VN_TZ).replace(tzinfo=None, microsecond=0)
