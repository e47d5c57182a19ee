"""Settings declared once: key, type, default and label. Stored as JSON in the `settings` table."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Permission
from app.context import AppContext
from app.errors import DomainError
from app.i18n import N_, _
from app.text import nfc
from app.validators import parse_clock, parse_span
from db.models import Setting


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    label: str  # marked with N_: show it with _(option.label)


# the one-stop forms (Mẫu 01–06) were re-issued in 2025: the basis printed on them is a setting
LEGAL_BASIS_FORMS = "Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ"

OPTIONS: dict[str, Option] = {
    o.key: o
    for o in [
        Option("commune_name", str, "", N_("Tên xã")),
        Option("province", str, "", N_("Tỉnh, thành phố")),
        Option("parent_unit", str, "", N_("Cơ quan cấp trên (nếu có)")),
        Option("place_name", str, "", N_("Địa danh ghi trên văn bản")),
        Option("agency_id", str, "", N_("Mã cơ quan dùng trong mã hồ sơ")),
        Option("chairman_name", str, "", N_("Họ tên Chủ tịch UBND xã")),
        Option("office_morning", str, "07:30-11:30", N_("Giờ làm việc buổi sáng")),
        Option("office_afternoon", str, "13:30-17:00", N_("Giờ làm việc buổi chiều")),
        Option("cutoff_time", str, "15:00", N_("Giờ chốt nhận hồ sơ trong ngày")),
        Option("margin_top_mm", int, 20, N_("Lề trên (mm)")),
        Option("margin_bottom_mm", int, 20, N_("Lề dưới (mm)")),
        Option("margin_left_mm", int, 30, N_("Lề trái (mm)")),
        Option("margin_right_mm", int, 15, N_("Lề phải (mm)")),
        Option("body_font_size", int, 13, N_("Cỡ chữ nội dung (13–14)")),
        Option("chairman_title", str, "CHỦ TỊCH", N_("Chức danh người ký")),
        Option("vice_chairmen", str, "", N_("Các Phó Chủ tịch (mỗi tên một dòng)")),
        Option("legal_basis_forms", str, LEGAL_BASIS_FORMS,
               N_("Căn cứ pháp lý in trên phiếu một cửa")),
        Option("petitions_remote_area", bool, False,
               N_("Xã thuộc vùng sâu, vùng xa (thời hạn giải quyết khiếu nại dài hơn)")),
        Option("language", str, "vi", N_("Ngôn ngữ giao diện")),
        Option("setup_done", bool, False, N_("Đã thiết lập ban đầu")),
        Option("is_demo", bool, False, N_("Cơ sở dữ liệu mẫu")),
    ]
}

# Paper layout (Nghị định 30/2020: margins within the legal ranges) and who signs.
PAPER_KEYS = ["margin_top_mm", "margin_bottom_mm", "margin_left_mm", "margin_right_mm",
              "body_font_size", "chairman_title", "vice_chairmen", "legal_basis_forms"]
MARGIN_RANGES = {"margin_top_mm": (20, 25), "margin_bottom_mm": (20, 25),
                 "margin_left_mm": (30, 35), "margin_right_mm": (15, 20)}
PROFILE_KEYS = ["commune_name", "province", "parent_unit", "place_name", "agency_id", "chairman_name"]
# Office hours and the daily cut-off: every deadline is computed with them (app.workdays).
WORKTIME_KEYS = ["office_morning", "office_afternoon", "cutoff_time"]
EDITABLE_KEYS = PROFILE_KEYS + WORKTIME_KEYS
# the commune is a remote area (vùng sâu, vùng xa): longer clocks for complaints; a check box
# on the profile page, saved with it
REMOTE_KEY = "petitions_remote_area"


def label(key: str) -> str:
    """The translated label of an option."""
    return _(OPTIONS[key].label)


def get(session: Session, key: str) -> Any:
    opt = OPTIONS[key]
    row = session.get(Setting, key)
    if row is None:
        return opt.default
    value = json.loads(row.value)
    return opt.type(value) if value is not None else opt.default


def get_many(session: Session, keys: Sequence[str]) -> dict[str, Any]:
    """Several options in one query (defaults for those never saved)."""
    rows = {r.key: r for r in session.scalars(select(Setting).where(Setting.key.in_(list(keys))))}
    out = {}
    for key in keys:
        opt, row = OPTIONS[key], rows.get(key)
        value = json.loads(row.value) if row is not None else None
        out[key] = opt.type(value) if value is not None else opt.default
    return out


def put(session: Session, key: str, value: Any) -> None:
    opt = OPTIONS[key]
    if opt.type is str:  # multi-line values (lists of names) keep their lines
        value = "\n".join(line for line in (nfc(x) for x in str(value or "").splitlines()) if line)
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
        return profile_in(s)


def profile_in(session: Session) -> CommuneProfile:
    """The profile as `session` sees it (inside a unit of work that may have changed it)."""
    return CommuneProfile(**get_many(session, PROFILE_KEYS))


def validate_worktime(values: dict[str, Any]) -> dict[str, str]:
    """Office hours "07:30-11:30" / "13:30-17:00" and the cut-off "15:00", checked together."""
    clean = {k: nfc(values.get(k) or OPTIONS[k].default).replace(" ", "") for k in WORKTIME_KEYS}
    morning = parse_span(clean["office_morning"], label("office_morning").lower())
    afternoon = parse_span(clean["office_afternoon"], label("office_afternoon").lower())
    cutoff = parse_clock(clean["cutoff_time"], label("cutoff_time").lower())
    if morning[1] > afternoon[0]:
        raise DomainError(_("Giờ làm việc buổi sáng phải kết thúc trước giờ bắt đầu buổi chiều."))
    if not morning[0] <= cutoff <= afternoon[1]:
        raise DomainError(_("Giờ chốt nhận hồ sơ phải nằm trong giờ làm việc."))
    return {"office_morning": f"{morning[0]:%H:%M}-{morning[1]:%H:%M}",
            "office_afternoon": f"{afternoon[0]:%H:%M}-{afternoon[1]:%H:%M}",
            "cutoff_time": f"{cutoff:%H:%M}"}


def validate_profile(values: dict[str, Any]) -> dict[str, str]:
    clean = {k: nfc(values.get(k, "")) for k in PROFILE_KEYS}
    missing = [_(OPTIONS[k].label) for k in ("commune_name", "province", "place_name", "agency_id",
                                          "chairman_name") if not clean[k]]
    if missing:
        raise DomainError(_("Vui lòng nhập: {fields}.").format(fields=", ".join(missing)))
    if clean["commune_name"].lower().startswith("xã "):
        clean["commune_name"] = clean["commune_name"][3:].strip()
    if not re.fullmatch(r"[0-9A-Za-z.]{3,30}", clean["agency_id"]):
        raise DomainError(
            _("Mã cơ quan chỉ gồm chữ số, chữ cái không dấu và dấu chấm, ví dụ 000.17.22.H56.")
        )
    return clean


def save_profile(ctx: AppContext, values: dict[str, Any]) -> CommuneProfile:
    """Save the profile and, when `values` has them, the office hours and the remote-area
    flag of the petitions' clocks; all or nothing."""
    ctx.require(Permission.EDIT_PROFILE)
    clean = validate_profile(values)
    if any(k in values for k in WORKTIME_KEYS):
        clean |= validate_worktime(values)
    if REMOTE_KEY in values:  # kept as it is when the caller does not give it
        clean[REMOTE_KEY] = bool(values[REMOTE_KEY])
    with ctx.write() as s:
        before = {k: get(s, k) for k in clean}
        for k, v in clean.items():
            put(s, k, v)
        audit.record(s, ctx.user, "update", "settings", None, audit.diff(before, clean))
    return CommuneProfile(**{k: clean[k] for k in PROFILE_KEYS})


@dataclass(frozen=True)
class PaperSettings:
    margin_top_mm: int
    margin_bottom_mm: int
    margin_left_mm: int
    margin_right_mm: int
    body_font_size: int
    chairman_title: str
    vice_chairmen: tuple[str, ...]
    legal_basis_forms: str = LEGAL_BASIS_FORMS


def _int_in(values: dict[str, Any], key: str, low: int, high: int) -> int:
    raw = values.get(key, OPTIONS[key].default)
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise DomainError(_("{label} phải là một số nguyên.").format(
            label=_(OPTIONS[key].label))) from None
    if not low <= value <= high:
        raise DomainError(_("{label} phải từ {low} đến {high} theo Nghị định 30/2020.").format(
            label=_(OPTIONS[key].label), low=low, high=high))
    return value


def validate_paper(values: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {k: _int_in(values, k, lo, hi) for k, (lo, hi) in MARGIN_RANGES.items()}
    clean["body_font_size"] = _int_in(values, "body_font_size", 13, 14)
    title = nfc(values.get("chairman_title", OPTIONS["chairman_title"].default)).upper()
    if not title:
        raise DomainError(_("Vui lòng nhập chức danh người ký (ví dụ: CHỦ TỊCH)."))
    clean["chairman_title"] = title
    raw = values.get("vice_chairmen", "")
    names = raw if isinstance(raw, list | tuple) else str(raw or "").splitlines()
    clean["vice_chairmen"] = "\n".join(n for n in (nfc(x) for x in names) if n)
    if "legal_basis_forms" in values:  # kept as it is when the screen does not show it
        clean["legal_basis_forms"] = (" ".join(nfc(values["legal_basis_forms"]).split())
                                      or LEGAL_BASIS_FORMS)
    return clean


def paper(ctx: AppContext) -> PaperSettings:
    with ctx.read() as s:
        return paper_in(s)


def paper_in(session: Session) -> PaperSettings:
    values = get_many(session, PAPER_KEYS)
    values["vice_chairmen"] = tuple(n for n in values["vice_chairmen"].splitlines() if n)
    return PaperSettings(**values)


def save_paper(ctx: AppContext, values: dict[str, Any]) -> PaperSettings:
    """Margins, body size and signers; refused whole when any value is outside its range."""
    ctx.require(Permission.EDIT_PROFILE)
    clean = validate_paper(values)
    with ctx.write() as s:
        before = {k: get(s, k) for k in clean}
        for k, v in clean.items():
            put(s, k, v)
        audit.record(s, ctx.user, "update", "settings", None, audit.diff(before, clean))
    return paper(ctx)


def save_language(ctx: AppContext, lang: str) -> str:
    """The interface language is a per-office preference any signed-in user may switch."""
    from app.i18n import LANGUAGES

    if lang not in LANGUAGES:
        raise DomainError(_("Ngôn ngữ “{lang}” chưa được hỗ trợ.").format(lang=lang))
    with ctx.write() as s:
        before = get(s, "language")
        put(s, "language", lang)
        audit.record(s, ctx.user, "update", "settings", None, {"language": [before, lang]})
    return lang
