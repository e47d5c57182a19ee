import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import validators
from app.errors import DomainError


@given(st.from_regex(r"\A[0-9]{12}\Z"))
def test_any_twelve_digits_is_a_cccd(value):
    assert validators.cccd(value) == value


@given(st.text(max_size=20))
def test_cccd_rejects_everything_else_with_a_message(value):
    clean = value.strip().replace(" ", "").replace(".", "")
    try:
        result = validators.cccd(value)
    except DomainError as exc:
        assert "12 chữ số" in exc.message
    else:
        assert result is None or (len(result) == 12 and result.isdigit() and result.isascii())
        assert result is None or result == clean


@given(st.sampled_from(["03", "05", "07", "08", "09"]), st.from_regex(r"\A[0-9]{8}\Z"))
def test_vietnamese_mobiles_pass(prefix, rest):
    assert validators.phone(prefix + rest) == prefix + rest
    assert validators.phone(f"+84 {prefix[1:]}{rest}") == prefix + rest


@given(st.text(max_size=16))
def test_phone_never_crashes(value):
    try:
        result = validators.phone(value)
    except DomainError as exc:
        assert "điện thoại" in exc.message
    else:
        assert result is None or (result.startswith("0") and len(result) in (10, 11))


@pytest.mark.parametrize("bad", ["0123456789", "091234567", "09123456789", "1912345678", "abc"])
def test_bad_phones(bad):
    with pytest.raises(DomainError):
        validators.phone(bad)


def test_landline_and_formatting():
    assert validators.phone("0237 3824 123") == "02373824123"
    assert validators.phone("091.234.5678") == "0912345678"


def test_birth_date_in_future_refused():
    with pytest.raises(DomainError, match="tương lai"):
        validators.birth_date(dt.date(2030, 1, 1), today=dt.date(2026, 11, 24))


@pytest.mark.parametrize("text,expected", [
    ("05/11/1980", dt.date(1980, 11, 5)), ("5/1/1980", dt.date(1980, 1, 5)),
    ("1980-11-05", dt.date(1980, 11, 5)), ("1975", dt.date(1975, 1, 1)), ("", None)])
def test_parse_date(text, expected):
    assert validators.parse_date(text) == expected


def test_parse_date_refuses_garbage():
    with pytest.raises(DomainError, match="ngày/tháng/năm"):
        validators.parse_date("31/02/1980")


@pytest.mark.parametrize("name", ["", "   ", "Nguyễn Văn 3", "12345"])
def test_person_name_refused(name):
    with pytest.raises(DomainError):
        validators.person_name(name)
