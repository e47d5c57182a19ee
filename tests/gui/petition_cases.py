"""Petitions for the tab's GUI tests: an office of a clerk, two officers and the chairman, and
one petition in each attention bucket, dated back from today (the clocks run on today)."""

from __future__ import annotations

import datetime as dt

from app import users
from app.l10n import today
from app.petitions import intake, service
from app.petitions.types import PetitionInput

PASSWORD = "matkhau123"


def sign_in_office(ctx) -> dict:
    """The sample commune with two officers and the chairman; everyone signed in."""
    users.create_user(ctx, "tuphap", "Hoàng Thị Lan", "officer", PASSWORD,
                      title="Công chức Tư pháp – Hộ tịch")
    users.create_user(ctx, "diachinh", "Bùi Quang Minh", "officer", PASSWORD)
    users.create_user(ctx, "chutich", "Nguyễn Văn Chủ", "chairman", PASSWORD)
    return {name: ctx.as_user(users.authenticate(ctx, name, PASSWORD))
            for name in ("canbo", "tuphap", "diachinh", "chutich", "admin")}


def ago(days: int) -> dt.date:
    return today() - dt.timedelta(days=days)


def receive(ctx, kind="recommendation", days=0, name="Lê Văn Tám", **kw):
    data = dict(subject=kw.pop("subject", "Đề nghị sửa đường giao thông nội đồng"),
                content="Đề nghị UBND xã xem xét.", field=kw.pop("field", "land"),
                received_on=ago(days), petitioner_name=name)
    data.update(kw)
    return intake.receive(ctx, PetitionInput(kind, **data))


def make_cases(office: dict) -> dict[str, int]:
    """To classify (fresh), overdue (late), due soon with no extension left (a denunciation,
    soon), resolved and not notified (answered)."""
    clerk, lan, minh = office["canbo"], office["tuphap"], office["diachinh"]
    fresh = receive(clerk, days=0, subject="Phản ánh đèn đường hỏng", kind="feedback")
    late = receive(clerk, days=40, subject="Khiếu nại đo đạc ranh giới", kind="complaint",
                   name="Phạm Văn Hùng")
    service.accept(lan, late.id, handler_id=lan.user.user_id, on=ago(38))
    soon = receive(clerk, days=30, subject="Tố cáo thu tiền sai quy định", kind="denunciation",
                   field="conduct", name="Trần Văn Tố")
    service.accept(minh, soon.id, handler_id=minh.user.user_id, on=ago(28))
    service.notify_acceptance(minh, soon.id, on=ago(27), how="Gửi văn bản")
    answered = receive(clerk, days=20, subject="Kiến nghị hỗ trợ hộ nghèo", field="social")
    service.accept(lan, answered.id, handler_id=lan.user.user_id, on=ago(19))
    service.resolve(lan, answered.id, "answered", "Công văn 12/UBND", on=ago(2))
    return {"fresh": fresh.id, "late": late.id, "soon": soon.id, "answered": answered.id}
