import datetime as dt

import pytest

from app import settings, users, workdays
from app.database import open_memory
from app.errors import DomainError, PermissionDenied
from db.models import Role, TimeUnit

PROFILE = {"commune_name": "Xã Quang Trung", "province": "Thanh Hóa", "parent_unit": "",
           "place_name": "Quang Trung", "agency_id": "000.17.22.H56",
           "chairman_name": "Nguyễn Văn Thắng"}


def test_profile_saved_and_read_back():
    ctx = open_memory()
    saved = settings.save_profile(ctx, PROFILE)
    assert saved.commune_name == "Quang Trung"  # "Xã " is not part of the name
    assert settings.profile(ctx).agency_line == "ỦY BAN NHÂN DÂN XÃ QUANG TRUNG"


@pytest.mark.parametrize("bad,message", [
    ({"agency_id": "mã có dấu"}, "Mã cơ quan"), ({"commune_name": ""}, "Tên xã"),
    ({"office_morning": "7h30-25:00"}, "không hợp lệ"),
    ({"office_morning": "08:00-14:00"}, "trước giờ bắt đầu buổi chiều"),
    ({"cutoff_time": "18:00"}, "trong giờ làm việc")])
def test_bad_settings_refused_nothing_written(bad, message):
    ctx = open_memory()
    settings.save_profile(ctx, PROFILE)
    before = settings.read_all(ctx)
    with pytest.raises(DomainError, match=message):
        settings.save_profile(ctx, {**PROFILE, **bad})
    assert settings.read_all(ctx) == before


def test_office_hours_drive_the_deadlines():
    ctx = open_memory()
    settings.save_profile(ctx, {**PROFILE, "office_morning": "07:00-11:30",
                                "office_afternoon": "13:00-16:30", "cutoff_time": "15:30"})
    # Same-day procedure with the cut-off, filed at 15:15: before the new 15:30 cut-off.
    result = workdays.compute_due(ctx, dt.datetime(2026, 3, 2, 15, 15), 0, TimeUnit.SAME_DAY, True)
    assert result.due == dt.datetime(2026, 3, 2, 16, 30)


def test_only_the_administrator_edits_the_profile():
    ctx = open_memory()
    users.create_user(ctx, "motcua", "Lê Thị Mai", Role.CLERK, "123456")
    clerk = ctx.as_user(users.authenticate(ctx, "motcua", "123456"))
    with pytest.raises(PermissionDenied):
        settings.save_profile(clerk, PROFILE)


def test_paper_settings_within_the_legal_ranges():
    ctx = open_memory()
    saved = settings.save_paper(ctx, {"margin_top_mm": "25", "margin_left_mm": 35,
                                      "vice_chairmen": "Lê Đình Hải\n Trần  Văn Nam \n"})
    assert (saved.margin_top_mm, saved.margin_left_mm) == (25, 35)
    assert saved.vice_chairmen == ("Lê Đình Hải", "Trần Văn Nam")
    for bad in ({"margin_left_mm": 10}, {"margin_top_mm": "hai mươi"}, {"body_font_size": 16},
                {"chairman_title": ""}):
        with pytest.raises(DomainError):
            settings.save_paper(ctx, bad)
    assert settings.paper(ctx) == saved
