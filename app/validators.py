"""Validation of what people type: CCCD, phone numbers, dates, names. Vietnamese messages."""

from __future__ import annotations

import datetime as dt
import re

from app.errors import DomainError
from app.i18n import _
from app.l10n import today as vn_today
from app.text import nfc

_DIGITS = re.compile(r"\D")
# Mobile: 10 digits, 03/05/07/08/09; landline: 11 digits starting 02 (area code 2xx).
_MOBILE = re.compile(r"^0[35789]\d{8}$")
_LANDLINE = re.compile(r"^02\d{9}$")


def cccd(value: str | None, *, required: bool = False) -> str | None:
    text = nfc(value).replace(" ", "").replace(".", "")
    if not text:
        if required:
            raise DomainError(_("Vui lòng nhập số căn cước công dân (12 chữ số)."), field="cccd")
        return None
    if not (len(text) == 12 and text.isascii() and text.isdigit()):
        raise DomainError(
            _("Số căn cước công dân “{value}” không hợp lệ: phải gồm đúng 12 chữ số.").format(
                value=nfc(value)),
            field="cccd",
        )
    return text


def phone(value: str | None) -> str | None:
    raw = nfc(value)
    if not raw:
        return None
    if not re.fullmatch(r"[0-9+ .()\-]+", raw):
        raise DomainError(_("Số điện thoại “{value}” không hợp lệ.").format(value=raw), field="phone")
    digits = _DIGITS.sub("", raw)
    if raw.lstrip().startswith("+84") or (digits.startswith("84") and len(digits) in (11, 12)):
        digits = "0" + digits[2:]
    if _MOBILE.match(digits) or _LANDLINE.match(digits):
        return digits
    raise DomainError(
        _("Số điện thoại “{value}” không phải số điện thoại Việt Nam (di động 10 số bắt đầu "
          "bằng 03, 05, 07, 08, 09 hoặc cố định 11 số bắt đầu bằng 02).").format(value=raw),
        field="phone",
    )


def person_name(value: str | None, *, label: str | None = None) -> str:
    label = label or _("Họ và tên")
    text = nfc(value)
    if not text:
        raise DomainError(_("Vui lòng nhập {what}.").format(what=label.lower()), field="full_name")
    if len(text) > 120:
        raise DomainError(_("{label} quá dài (tối đa {max_len} ký tự).").format(label=label, max_len=120),
                          field="full_name")
    if any(ch.isdigit() for ch in text) or not any(ch.isalpha() for ch in text):
        raise DomainError(_("{label} “{value}” không hợp lệ: chỉ gồm chữ cái.").format(
            label=label, value=text), field="full_name")
    return text


def required_text(value: str | None, label: str, *, max_len: int = 250) -> str:
    text = nfc(value)
    if not text:
        raise DomainError(_("Vui lòng nhập {what}.").format(what=label))
    if len(text) > max_len:
        raise DomainError(_("{label} quá dài (tối đa {max_len} ký tự).").format(
            label=label[:1].upper() + label[1:], max_len=max_len))
    return text


def birth_date(value: dt.date | None, *, today: dt.date | None = None) -> dt.date | None:
    if value is None:
        return None
    today = today or vn_today()
    if value > today:
        raise DomainError(
            _("Ngày sinh {date} ở tương lai; vui lòng kiểm tra lại.").format(
                date=f"{value:%d/%m/%Y}"), field="birth_date"
        )
    if value.year < 1880:
        raise DomainError(_("Ngày sinh {date} không hợp lệ.").format(date=f"{value:%d/%m/%Y}"),
                          field="birth_date")
    return value


def parse_date(value, label: str | None = None) -> dt.date | None:
    """Accepts a date, a datetime, 'dd/mm/yyyy', 'd/m/yyyy', 'yyyy-mm-dd' or just 'yyyy'."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = nfc(str(value))
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1)
    raise DomainError(_("{label} “{value}” không đúng dạng ngày/tháng/năm (ví dụ 05/11/1980).")
                      .format(label=label or _("Ngày"), value=text))


def parse_clock(text: str, label: str) -> dt.time:
    """A clock setting "07:30" (also "7h30", "7g30"); `label` names it in the message."""
    m = re.fullmatch(r"\s*(\d{1,2})[:hg](\d{2})\s*", text or "")
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise DomainError(_("Cài đặt {label} “{value}” không hợp lệ (ví dụ đúng: 07:30).").format(
            label=label, value=text))
    return dt.time(int(m.group(1)), int(m.group(2)))


def parse_span(text: str, label: str) -> tuple[dt.time, dt.time]:
    """A span setting "07:30-11:30", its start before its end."""
    parts = (text or "").split("-")
    if len(parts) != 2:
        raise DomainError(_("Cài đặt {label} “{value}” không hợp lệ (ví dụ đúng: 07:30-11:30).")
                          .format(label=label, value=text))
    start, end = (parse_clock(p, label) for p in parts)
    if start >= end:
        raise DomainError(_("Cài đặt {label} “{value}”: giờ bắt đầu phải trước giờ kết thúc.").format(
            label=label, value=text))
    return start, end
