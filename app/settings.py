"""Settings declared once: key, type, default and label. Stored as JSON in the `settings` table."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app import audit
from app.auth import Permission
from app.context import AppContext
from app.errors import DomainError
from app.text import nfc
from db.models import Setting


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    label: str


OPTIONS: dict[str, Option] = {
    o.key: o
    for o in [
        Option("commune_name", str, "", "Tên xã"),
        Option("province", str, "", "Tỉnh, thành phố"),
        Option("parent_unit", str, "", "Cơ quan cấp trên (nếu có)"),
        Option("place_name", str, "", "Địa danh ghi trên văn bản"),
        Option("agency_id", str, "", "Mã cơ quan dùng trong mã hồ sơ"),
        Option("chairman_name", str, "", "Họ tên Chủ tịch UBND xã"),
        Option("office_morning", str, "07:30-11:30", "Giờ làm việc buổi sáng"),
        Option("office_afternoon", str, "13:30-17:00", "Giờ làm việc buổi chiều"),
        Option("cutoff_time", str, "15:00", "Giờ chốt nhận hồ sơ trong ngày"),
        Option("setup_done", bool, False, "Đã thiết lập ban đầu"),
        Option("is_demo", bool, False, "Cơ sở dữ liệu mẫu"),
    ]
}

PROFILE_KEYS = ["commune_name", "province", "parent_unit", "place_name", "agency_id", "chairman_name"]
# Office hours and the daily cut-off: every deadline is computed with them (app.workdays).
WORKTIME_KEYS = ["office_morning", "office_afternoon", "cutoff_time"]
EDITABLE_KEYS = PROFILE_KEYS + WORKTIME_KEYS


def get(session: Session, key: str) -> Any:
    opt = OPTIONS[key]
    row = session.get(Setting, key)
    if row is None:
        return opt.default
    value = json.loads(row.value)
    return opt.type(value) if value is not None else opt.default


def put(session: Session, key: str, value: Any) -> None:
    opt = OPTIONS[key]
    if opt.type is str:
        value = nfc(value)
    row = session.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text


def read_all(ctx: AppContext) -> dict[str, Any]:
    with ctx.read() as s:
        return {k: get(s, k) for k in OPTIONS}


@dataclass(frozen=True)
class CommuneProfile:
    commune_name: str
    province: str
    parent_unit: str
    place_name: str
    agency_id: str
    chairman_name: str

    @property
    def agency_line(self) -> str:
        """'ỦY BAN NHÂN DÂN XÃ QUANG TRUNG' as printed in the header."""
        return f"ỦY BAN NHÂN DÂN XÃ {self.commune_name}".upper()


def profile(ctx: AppContext) -> CommuneProfile:
    with ctx.read() as s:
        return CommuneProfile(**{k: get(s, k) for k in PROFILE_KEYS})


def validate_worktime(values: dict[str, Any]) -> dict[str, str]:
    """Office hours "07:30-11:30" / "13:30-17:00" and the cut-off "15:00", checked together."""
    from app.workdays import OfficeHours, _parse_clock, _parse_span

    clean = {k: nfc(values.get(k) or OPTIONS[k].default).replace(" ", "") for k in WORKTIME_KEYS}
    morning = _parse_span(clean["office_morning"], OPTIONS["office_morning"].label.lower())
    afternoon = _parse_span(clean["office_afternoon"], OPTIONS["office_afternoon"].label.lower())
    cutoff = _parse_clock(clean["cutoff_time"], OPTIONS["cutoff_time"].label.lower())
    if morning[1] > afternoon[0]:
        raise DomainError("Giờ làm việc buổi sáng phải kết thúc trước giờ bắt đầu buổi chiều.")
    hours = OfficeHours(morning, afternoon, cutoff)
    if not hours.opening <= cutoff <= hours.closing:
        raise DomainError("Giờ chốt nhận hồ sơ phải nằm trong giờ làm việc.")
    return {"office_morning": f"{morning[0]:%H:%M}-{morning[1]:%H:%M}",
            "office_afternoon": f"{afternoon[0]:%H:%M}-{afternoon[1]:%H:%M}",
            "cutoff_time": f"{cutoff:%H:%M}"}


def validate_profile(values: dict[str, Any]) -> dict[str, str]:
    clean = {k: nfc(values.get(k, "")) for k in PROFILE_KEYS}
    missing = [OPTIONS[k].label for k in ("commune_name", "province", "place_name", "agency_id",
                                          "chairman_name") if not clean[k]]
    if missing:
        raise DomainError("Vui lòng nhập: " + ", ".join(missing) + ".")
    if clean["commune_name"].lower().startswith("xã "):
        clean["commune_name"] = clean["commune_name"][3:].strip()
    if not re.fullmatch(r"[0-9A-Za-z.]{3,30}", clean["agency_id"]):
        raise DomainError(
            "Mã cơ quan chỉ gồm chữ số, chữ cái không dấu và dấu chấm, ví dụ 000.17.22.H56."
        )
    return clean


def save_profile(ctx: AppContext, values: dict[str, Any]) -> CommuneProfile:
    """Save the profile and, when `values` has them, the office hours; all or nothing."""
    ctx.require(Permission.EDIT_PROFILE)
    clean = validate_profile(values)
    if any(k in values for k in WORKTIME_KEYS):
        clean |= validate_worktime(values)
    with ctx.write() as s:
        before = {k: get(s, k) for k in clean}
        for k, v in clean.items():
            put(s, k, v)
        audit.record(s, ctx.actor, "update", "settings", None, audit.diff(before, clean))
    return CommuneProfile(**{k: clean[k] for k in PROFILE_KEYS})
