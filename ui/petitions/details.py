"""The petition window's words: its data as (label, value) pairs, and each clock with the
state it is in and the lines that explain it (the explanations the service stored in the
events' data when it set the deadline)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.i18n import _, ngettext
from app.l10n import format_date, short_date
from app.labels import label
from app.petitions.privacy import confidential
from app.petitions.types import EventKind, EventRow, PetitionRow, PetitionStatus

S = PetitionStatus


def secret() -> str:
    return _("được giữ bí mật")


def petitioner_pairs(p: PetitionRow) -> list[tuple[str, str]]:
    """Who sent it, as this reader may see them."""
    who = _("Người tố cáo:") if confidential(p.kind) else _("Người gửi đơn:")
    if p.anonymous:
        return [(who, _("(đơn nặc danh, không rõ người gửi)"))]
    if p.identity_hidden:
        return [(who, _("Họ tên, địa chỉ, điện thoại, số định danh: {secret} (chỉ người giải "
                        "quyết và Chủ tịch được xem)").format(secret=secret()))]
    name = p.petitioner_name
    if p.petitioner_resident_id is not None:
        name += " " + _("(trong sổ nhân khẩu)")
    if p.signatories > 1:
        name += " · " + _("đại diện {count} người ký đơn").format(count=p.signatories)
    contact = " · ".join(x for x in (p.petitioner_phone or "",
                                     _("CCCD {number}").format(number=p.petitioner_cccd)
                                     if p.petitioner_cccd else "") if x)
    pairs = [(who, name), (_("Địa chỉ:"), p.petitioner_address or _("(không ghi)"))]
    if contact:
        pairs.append((_("Liên hệ:"), contact))
    return pairs


def details_pairs(p: PetitionRow, duplicate_of: str = "") -> list[tuple[str, str]]:
    source = label(p.channel)
    if p.source_agency:
        source += f" ({p.source_agency})"
    kind = label(p.kind)
    if p.signatories > 1:
        kind += " · " + _("đơn đông người")
    complexity = label(p.complexity)
    if p.remote:
        complexity += " · " + _("vùng sâu, vùng xa")
    pairs = [
        (_("Loại đơn:"), kind),
        (_("Lĩnh vực:"), label(p.field)),
        (_("Nguồn đơn:"), source),
        (_("Nhận đơn:"), _("{day}, cán bộ {name}").format(day=format_date(p.received_on),
                                                         name=p.received_by or "—")),
        *petitioner_pairs(p),
        (_("Trích yếu:"), p.subject),
        (_("Nội dung:"), p.content),
        (_("Mức độ phức tạp:"), complexity),
        (_("Người giải quyết:"), p.handler or _("(chưa thụ lý)")),
    ]
    if duplicate_of:
        pairs.append((_("Trùng với đơn:"), duplicate_of))
    if p.status == S.FORWARDED:
        pairs.append((_("Đã chuyển đến:"), p.forwarded_to))
    if p.file_reason:
        pairs.append((_("Lý do lưu đơn:"), label(p.file_reason)))
    if p.classification_note and p.status in (S.GUIDED, S.FORWARDED, S.FILED):
        pairs.append((_("Ghi chú phân loại:"), p.classification_note))
    if p.outcome:
        pairs.append((_("Kết quả:"), _("{outcome}, ngày {day}").format(
            outcome=label(p.outcome), day=short_date(p.resolved_on))))
        pairs.append((_("Văn bản giải quyết:"), p.decision))
    if p.notified_on:
        pairs.append((_("Đã thông báo kết quả:"), _("{day} – {how}").format(
            day=short_date(p.notified_on), how=p.notified_how)))
    return pairs


# -- the clocks ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ClockView:
    title: str
    due: dt.date
    state: str
    late: bool
    lines: tuple[str, ...]


def _left(due: dt.date, today: dt.date) -> tuple[str, bool]:
    if today > due:
        days = (today - due).days
        return ngettext("quá hạn {n} ngày", "quá hạn {n} ngày", days).format(n=days), True
    if today == due:
        return _("hết hạn hôm nay"), False
    days = (due - today).days
    return ngettext("còn {n} ngày", "còn {n} ngày", days).format(n=days), False


def _done(what: str, day: dt.date, due: dt.date) -> tuple[str, bool]:
    if day <= due:
        return _("{what} ngày {day}, trong hạn").format(what=what, day=short_date(day)), False
    return _("{what} ngày {day}, quá hạn").format(what=what, day=short_date(day)), True


def _lines(e: EventRow) -> list[str]:
    return list((e.data or {}).get("explanation", []))


def clocks(p: PetitionRow, events: list[EventRow], today: dt.date) -> list[ClockView]:
    """The classification clock, the denunciation's notice of acceptance, and the resolution
    clock (with its extensions and resumptions), each as it stands today."""
    first_accept = next((i for i, e in enumerate(events) if e.kind == EventKind.ACCEPTED),
                        len(events))
    # before acceptance a reopening starts classification again; after it, resolution
    classify_events = [e for e in events[:first_accept]
                       if e.kind in (EventKind.RECEIVED, EventKind.REOPENED)]
    out: list[ClockView] = []
    if p.classified_on is not None:
        state, late = _done(_("đã phân loại"), p.classified_on, p.classify_due)
    elif p.status == S.RECEIVED:
        state, late = _left(p.classify_due, today)
    else:
        state, late = _("không còn tính"), False
    out.append(ClockView(_("Phân loại, xử lý đơn"), p.classify_due, state, late,
                         tuple(_lines(classify_events[-1])) if classify_events else ()))
    if p.accept_notice_due is not None:
        if p.accept_notified_on is not None:
            state, late = _done(_("đã thông báo"), p.accept_notified_on, p.accept_notice_due)
        elif p.status in (S.ACCEPTED, S.PAUSED):
            state, late = _left(p.accept_notice_due, today)
        else:
            state, late = _("không còn tính"), False
        notice = next((e.data.get("accept_notice_explanation", ()) for e in reversed(events)
                       if e.kind == EventKind.ACCEPTED), ())
        out.append(ClockView(_("Thông báo thụ lý cho người tố cáo"), p.accept_notice_due,
                             state, late, tuple(notice)))
    if p.due_on is not None:
        lines: list[str] = []
        for e in events[first_accept:]:
            if e.kind in (EventKind.ACCEPTED, EventKind.REOPENED):
                lines = _lines(e)  # a new clock: what came before no longer counts
            elif e.kind in (EventKind.EXTENDED, EventKind.RESUMED):
                lines += _lines(e)
        if p.resolved_on is not None:
            state, late = _done(_("có kết quả"), p.resolved_on, p.due_on)
        elif p.status == S.PAUSED:
            state, late = _("tạm đình chỉ từ {day}: thời hạn dừng lại").format(
                day=short_date(p.paused_on)), False
        elif p.status == S.ACCEPTED:
            state, late = _left(p.due_on, today)
        else:
            state, late = _("không còn tính"), False
        if p.extensions:
            state += " · " + _("đã gia hạn {n} lần").format(n=p.extensions)
        out.append(ClockView(_("Giải quyết"), p.due_on, state, late, tuple(lines)))
    return out
