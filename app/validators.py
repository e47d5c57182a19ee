"""Validation of what people type: CCCD, phone numbers, dates, names. Vietnamese messages."""

from __future__ import annotations

import datetime as dt
import re

from app.errors import DomainError
from app.text import nfc

_DIGITS = re.compile(r"\D")
# Mobile: 10 digits, 03/05/07/08/09; landline: 11 digits starting 02 (area code 2xx).
_MOBILE = re.compile(r"^0[35789]\d{8}$")
_LANDLINE = re.compile(r"^02\d{9}$")


def cccd(value: str | None, *, required: bool = False) -> str | None:
    text = nfc(value).replace(" ", "").replace(".", "")
    if not text:
        if required:
            raise DomainError("Vui lòng nhập số căn cước công dân (12 chữ số).", field="cccd")
        return None
    if not (len(text) == 12 and text.isascii() and text.isdigit()):
        raise DomainError(
            f"Số căn cước công dân “{nfc(value)}” không hợp lệ: phải gồm đúng 12 chữ số.",
            field="cccd",
        )
    return text


def phone(value: str | None) -> str | None:
    raw = nfc(value)
    if not raw:
        return None
    if not re.fullmatch(r"[0-9+ .()\-]+", raw):
        raise DomainError(f"Số điện thoại “{raw}” không hợp lệ.", field="phone")
    digits = _DIGITS.sub("", raw)
    if raw.lstrip().startswith("+84") or (digits.startswith("84") and len(digits) in (11, 12)):
        digits = "0" + digits[2:]
    if _MOBILE.match(digits) or _LANDLINE.match(digits):
        return digits
    raise DomainError(
        f"Số điện thoại “{raw}” không phải số điện thoại Việt Nam (di động 10 số bắt đầu bằng "
        f"03, 05, 07, 08, 09 hoặc cố định 11 số bắt đầu bằng 02).",
        field="phone",
    )


def person_name(value: str | None, *, label: str = "Họ và tên") -> str:
    text = nfc(value)
    if not text:
        raise DomainError(f"Vui lòng nhập {label.lower()}.", field="full_name")
    if len(text) > 120:
        raise DomainError(f"{label} quá dài (tối đa 120 ký tự).", field="full_name")
    if any(ch.isdigit() for ch in text) or not any(ch.isalpha() for ch in text):
        raise DomainError(f"{label} “{text}” không hợp lệ: chỉ gồm chữ cái.", field="full_name")
    return text


def required_text(value: str | None, label: str, *, max_len: int = 250) -> str:
    text = nfc(value)
    if not text:
        raise DomainError(f"Vui lòng nhập {label}.")
    if len(text) > max_len:
        raise DomainError(f"{label[:1].upper()}{label[1:]} quá dài (tối đa {max_len} ký tự).")
    return text


def birth_date(value: dt.date | None, *, today: dt.date | None = None) -> dt.date | None:
    if value is None:
        return None
    today = today or dt.date.today()
    if value > today:
        raise DomainError(
            f"Ngày sinh {value:%d/%m/%Y} ở tương lai; vui lòng kiểm tra lại.", field="birth_date"
        )
    if value.year < 1880:
        raise DomainError(f"Ngày sinh {value:%d/%m/%Y} không hợp lệ.", field="birth_date")
    return value


def parse_date(value, label: str = "Ngày") -> dt.date | None:
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
    raise DomainError(f"{label} “{text}” không đúng dạng ngày/tháng/năm (ví dụ 05/11/1980).")
