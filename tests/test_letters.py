"""Letters through app.letters: the queue, templates and merge fields, numbering, counts, bad
input leaving the database as it was."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from app import catalogue_io, procedures, resident_lists, residents, settings, users, villages
from app.database import open_memory
from app.desk import lifecycle as L
from app.desk import reception
from app.desk.types import DossierInput
from app.errors import DomainError, PermissionDenied
from app.letters import drafts, queries, service, templates
from app.letters.types import Filters, LetterKind, Occasion
from db.models import AuditEntry, DocumentNumber, Letter, LetterDismissal, Resident, Role

PROFILE = {"commune_name": "Quang Trung", "province": "Thanh Hóa", "place_name": "Quang Trung",
           "agency_id": "000.17.22.H56", "chairman_name": "Nguyễn Văn Thắng"}
BIRTH, MARRIAGE, DEATH, CERTIFY = "1.001193", "1.000894", "1.000656", "1.004873"
DAY = dt.date(2026, 3, 10)


def as_user(ctx, username):
    return ctx.as_user(users.authenticate(ctx, username, "123456"))


def _rid(ctx, name):
    return resident_lists.search_resident_ids(ctx, name, include_inactive=True)[0]


def _civil(ctx, code, person, applicant, when, **kw):
    clerk = as_user(ctx, "motcua")
    pid = procedures.search_procedure_ids(ctx, code)[0]
    d = reception.receive(clerk, DossierInput(pid, applicant_resident_id=_rid(ctx, applicant),
                                              received_at=when))
    L.mark_ready(clerk, d.code, at=when + dt.timedelta(minutes=30))
    L.return_result(clerk, d.code, returned_to=applicant, event_person=person,
                    at=when + dt.timedelta(hours=1), **kw)
    return d


@pytest.fixture
def ctx():
    ctx = open_memory()
    settings.save_profile(ctx, PROFILE)
    with ctx.write() as s:
        catalogue_io.load_starter(s, ctx.user)
    users.create_user(ctx, "motcua", "Trần Thị Thu Hà", Role.CLERK, "123456")
    users.create_user(ctx, "quantri", "Phạm Văn Toàn", Role.ADMIN, "123456")
    vid = villages.create_village(ctx, "Thôn Đoài")
    R = residents.ResidentInput
    residents.create_household(ctx, vid, "Xóm 1", R("Lê Văn Tám", "Nam", "12/03/1990"), [
        R("Phạm Thị Mai", "Nữ", "05/11/1992", relation="Vợ"),
        R("Lê Văn Cường", "Nam", "01/02/1940", relation="Bố"),
        R("Đỗ Thị Thơm", "Nữ", "15/08/1962", relation="Mẹ"),
        R("Lê Thị Hoa", "Nữ", "20/01/1999", relation="Em")], code="QT-0001")
    residents.create_household(ctx, vid, "Xóm 2", R("Nguyễn Văn Bình", "Nam", "02/09/1955"),
                               code="QT-0002")
    with ctx.write() as s:  # the grandfather died on 01/03/2026
        old = s.get(Resident, _rid(ctx, "le van cuong"))
        old.death_date, old.active = dt.date(2026, 3, 1), False
    _civil(ctx, BIRTH, "Lê Minh Khôi", "le van tam", dt.datetime(2026, 3, 2, 9))
    _civil(ctx, MARRIAGE, "Trần Văn Nam & Lê Thị Hoa", "le thi hoa", dt.datetime(2026, 3, 3, 9))
    _civil(ctx, DEATH, "Lê Văn Cường", "le van tam", dt.datetime(2026, 3, 4, 9))
    yield ctx
    ctx.engine.dispose()


def state(ctx):
    with ctx.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (Letter, DocumentNumber, AuditEntry, LetterDismissal))


def by_occasion(ctx):
    return {g.occasion: g for g in queries.suggestions(ctx, DAY)}


def test_each_event_is_suggested_once_until_answered(ctx):
    found = queries.suggestions(ctx, DAY)
    assert sorted(g.occasion for g in found) == sorted([Occasion.BIRTH, Occasion.MARRIAGE,
                                                        Occasion.DEATH])
    assert queries.suggestion_count(ctx) == 3
    birth = by_occasion(ctx)[Occasion.BIRTH]
    assert birth.recipient == "Gia đình ông Lê Văn Tám" and birth.village == "Thôn Đoài"
    assert birth.draft.values["ten_con"] == "Lê Minh Khôi"
    service.create_letter(as_user(ctx, "motcua"), birth.draft)
    assert Occasion.BIRTH not in by_occasion(ctx)
    marriage = by_occasion(ctx)[Occasion.MARRIAGE]
    assert marriage.recipient == "Anh Trần Văn Nam và chị Lê Thị Hoa"
    with pytest.raises(DomainError, match="lý do"):
        queries.dismiss(ctx, marriage.key, "  ")
    queries.dismiss(ctx, marriage.key, "Gia đình đã chuyển đi nơi khác")
    assert list(by_occasion(ctx)) == [Occasion.DEATH]
    assert queries.suggestion_count(ctx) == 1


def test_several_suggestions_are_dismissed_together_or_not_at_all(ctx):
    keys = [g.key for g in queries.suggestions(ctx, DAY)]
    before = state(ctx)
    with pytest.raises(DomainError, match="Không tìm thấy việc cần gửi thư"):
        queries.dismiss(ctx, [keys[0], "event:999"], "Đã gửi thư tay")
    assert state(ctx) == before
    queries.dismiss(ctx, keys[:2], "Đã gửi thư tay")
    assert [g.key for g in queries.suggestions(ctx, DAY)] == keys[2:]
    with pytest.raises(DomainError, match="đã được bỏ qua"):
        queries.dismiss(ctx, keys[1], "Lần nữa")


def test_condolence_takes_age_and_date_from_the_register(ctx):
    death = by_occasion(ctx)[Occasion.DEATH].draft
    assert death.values["tuoi"] == "86" and death.values["goi_nguoi_mat"] == "cụ"
    assert death.values["huong_tho"] == "hưởng thọ 86 tuổi"
    assert death.values["ngay_mat"] == "ngày 01 tháng 3 năm 2026"
    letter = queries.get_letters(ctx, [service.create_letter(ctx, death)])[0]
    assert letter.title == "THƯ CHIA BUỒN" and letter.addressee == "Gia đình ông Lê Văn Tám"
    assert letter.body[0] == ("Ủy ban nhân dân xã Quang Trung vô cùng thương tiếc nhận được tin "
                              "cụ Lê Văn Cường, hưởng thọ 86 tuổi, đã từ trần ngày 01 tháng 3 năm "
                              "2026.")


def test_numbers_run_per_year(ctx):
    drafts_ = [g.draft for g in queries.suggestions(ctx, DAY)]
    ids = service.create_batch(ctx, drafts_[:2])
    late = dataclasses.replace(drafts_[2], letter_date=dt.date(2027, 1, 5))
    ids.append(service.create_letter(ctx, late))
    rows = queries.get_letters(ctx, ids)
    assert [(r.number_text, r.year) for r in rows] == [
        ("01/TC-UBND", 2026), ("02/TC-UBND", 2026), ("01/TC-UBND", 2027)]
    assert queries.get_letter(ctx, "2/2026").id == ids[1]
    assert queries.get_letter(ctx, "01/TC-UBND/2027").id == ids[2]
    with pytest.raises(DomainError):
        queries.get_letter(ctx, "9/2026")


def test_counts_per_period_and_register_search(ctx):
    ids = service.create_batch(ctx, [g.draft for g in queries.suggestions(ctx, DAY)])
    assert queries.counts(ctx, dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == {
        LetterKind.CONGRATULATION: 2, LetterKind.CONDOLENCE: 1, LetterKind.APOLOGY: 0,
        LetterKind.THANKS: 0}
    assert queries.counts(ctx, dt.date(2026, 3, 11), dt.date(2026, 12, 31))[
        LetterKind.CONGRATULATION] == 0
    assert set(queries.search_ids(ctx, Filters(text="tran van nam"))) <= set(ids)
    assert len(queries.search_ids(ctx, Filters(text="tran van nam"))) == 1
    assert len(queries.search_ids(ctx, Filters(kind="condolence"))) == 1
    assert len(queries.search_ids(ctx, Filters(delivered=False))) == 3


def test_a_printed_letter_keeps_its_text_when_the_template_changes(ctx):
    admin = as_user(ctx, "quantri")
    birth = by_occasion(ctx)[Occasion.BIRTH].draft
    first = queries.get_letters(ctx, [service.create_letter(ctx, birth)])[0]
    text = templates.get_template(ctx, "birth").text.replace("lời chúc mừng tốt đẹp nhất",
                                                             "lời chúc mừng nồng ấm")
    assert templates.save_template(admin, "birth", text).edited
    again = dataclasses.replace(birth, duplicate_reason="Gia đình xin thêm một bản")
    second = queries.get_letters(ctx, [service.create_letter(ctx, again)])[0]
    assert "tốt đẹp nhất" in first.body[1] and "nồng ấm" in second.body[1]
    assert queries.get_letter(ctx, first.id).body == first.body
    assert not templates.reset_template(admin, "birth").edited


@pytest.mark.parametrize("text,names", [
    ("THƯ\n\nChúc {ten_nguoi_la}.", "ten_nguoi_la"),
    ("THƯ\n\nChia buồn cùng gia đình {nguoi_mat}.", "nguoi_mat"),  # a condolence field
    ("THƯ\n\nChúc {ten_con.", "{"),
    ("THƯ", "nội dung"),
])
def test_a_template_with_a_bad_field_is_refused(ctx, text, names):
    admin = as_user(ctx, "quantri")
    before = state(ctx)
    with pytest.raises(DomainError, match=names.replace("{", r"\{")):
        templates.save_template(admin, "birth", text)
    assert state(ctx) == before
    assert not templates.get_template(ctx, "birth").edited


def test_templates_are_edited_by_the_administrator_only(ctx):
    with pytest.raises(PermissionDenied):
        templates.save_template(as_user(ctx, "motcua"), "birth", "THƯ\n\nChúc mừng {goi}.")


def test_a_missing_field_is_named_and_nothing_is_saved(ctx):
    death = by_occasion(ctx)[Occasion.DEATH].draft
    values = {k: v for k, v in death.values.items() if k != "tuoi" and k != "huong_tho"}
    before = state(ctx)
    with pytest.raises(DomainError, match=r"Hưởng thọ.*\{huong_tho\}"):
        service.create_letter(ctx, dataclasses.replace(death, values=values))
    assert state(ctx) == before


def test_bad_input_is_refused_and_leaves_the_database_as_it_was(ctx):
    clerk = as_user(ctx, "motcua")
    found = by_occasion(ctx)
    before = state(ctx)
    cases = [
        (dataclasses.replace(found[Occasion.BIRTH].draft, recipient_name=" "), "người nhận"),
        (dataclasses.replace(found[Occasion.MARRIAGE].draft, civil_event_id=None),
         "đăng ký kết hôn"),
        (dataclasses.replace(found[Occasion.MARRIAGE].draft,
                             civil_event_id=found[Occasion.BIRTH].source_id), "đăng ký kết hôn"),
        (dataclasses.replace(found[Occasion.DEATH].draft, civil_event_id=None,
                             subject_resident_id=_rid(ctx, "nguyen van binh")), "còn sống"),
        (dataclasses.replace(found[Occasion.BIRTH].draft, page_size="A3"), "A4 hoặc A5"),
    ]
    for draft, message in cases:
        with pytest.raises(DomainError, match=message):
            service.create_letter(clerk, draft)
    with pytest.raises(DomainError, match="còn sống"):
        with ctx.read() as s:
            drafts.resident_draft(s, _rid(ctx, "nguyen van binh"), Occasion.DEATH, DAY)
    # a batch with one bad letter makes none, and says whose letter it was
    with pytest.raises(DomainError, match="Anh Trần Văn Nam và chị Lê Thị Hoa.*Chưa lập thư nào"):
        service.create_batch(clerk, [found[Occasion.BIRTH].draft,
                                     dataclasses.replace(found[Occasion.MARRIAGE].draft,
                                                         civil_event_id=None)])
    assert state(ctx) == before


def test_a_second_letter_for_one_event_needs_a_reason(ctx):
    birth = by_occasion(ctx)[Occasion.BIRTH].draft
    first = service.create_letter(ctx, birth)
    before = state(ctx)
    with pytest.raises(service.DuplicateLetter, match="01/TC-UBND") as err:
        service.create_letter(ctx, birth)
    assert err.value.existing == "01/TC-UBND" and state(ctx) == before
    second = service.create_letter(ctx, dataclasses.replace(birth, duplicate_reason="Thư bị mất"))
    assert queries.get_letter(ctx, second).duplicate_reason == "Thư bị mất" and second != first


def test_condolence_from_scratch_for_a_resident_who_died(ctx):
    with ctx.read() as s:
        draft = drafts.resident_draft(s, _rid(ctx, "le van cuong"), Occasion.DEATH, DAY)
    assert draft.recipient_name == "Lê Văn Tám" and draft.salutation == "Gia đình ông"
    # the death was registered at the desk too: one condolence per death, unless a reason
    service.create_letter(ctx, by_occasion(ctx)[Occasion.DEATH].draft)
    with pytest.raises(service.DuplicateLetter):
        service.create_letter(ctx, draft)


def test_thanks_from_scratch_for_a_household(ctx):
    with ctx.read() as s:
        draft = drafts.household_draft(s, 2, Occasion.LAND, DAY)
    assert draft.addressee == "" and draft.salutation == "Gia đình ông"
    with pytest.raises(DomainError, match="viec_lam"):
        service.create_letter(ctx, draft)
    draft.values["viec_lam"] = "tự nguyện hiến 80 m² đất để mở rộng đường liên thôn"
    row = queries.get_letter(ctx, service.create_letter(ctx, draft))
    assert row.kind == LetterKind.THANKS and row.addressee == "Gia đình ông Nguyễn Văn Bình"
    assert row.body[0] == ("Ủy ban nhân dân xã Quang Trung trân trọng cảm ơn gia đình ông đã tự "
                           "nguyện hiến 80 m² đất để mở rộng đường liên thôn.")


def test_a_late_dossier_is_owed_an_apology(ctx):
    clerk = as_user(ctx, "motcua")
    pid = procedures.search_procedure_ids(ctx, CERTIFY)[0]
    d = reception.receive(clerk, DossierInput(pid, applicant_resident_id=_rid(ctx, "pham thi mai"),
                                              received_at=dt.datetime(2026, 2, 13, 10)))
    L.mark_ready(clerk, d.code, at=dt.datetime(2026, 2, 27, 9))
    L.return_result(clerk, d.code, returned_to="Phạm Thị Mai", at=dt.datetime(2026, 2, 27, 10))
    late = by_occasion(ctx)[Occasion.LATE]
    assert late.key == f"dossier:{d.id}" and late.recipient == "Bà Phạm Thị Mai"
    assert d.code in late.draft.values["ly_do"] and "mới trả được kết quả" in late.draft.values["ly_do"]
    row = queries.get_letter(ctx, service.create_letter(clerk, late.draft))
    assert row.kind == LetterKind.APOLOGY and "vì đã chậm trả kết quả hồ sơ" in row.body[1]
    assert Occasion.LATE not in by_occasion(ctx)


def test_delivery_is_recorded_with_how_and_by_whom(ctx):
    clerk = as_user(ctx, "motcua")
    lid = service.create_letter(clerk, by_occasion(ctx)[Occasion.BIRTH].draft)
    before = state(ctx)
    for kw, message in [({"method": "home"}, "người đến tận nhà"),
                        ({"method": "fax"}, "cách giao"),
                        ({"method": "desk", "on": dt.date(2026, 3, 9)}, "ngày của thư")]:
        with pytest.raises(DomainError, match=message):
            service.deliver(clerk, lid, **{"on": DAY, **kw})
    assert state(ctx) == before
    service.deliver(clerk, lid, on=DAY, method="home", by="Mai Thị Ngọc Anh")
    row = queries.get_letter(ctx, lid)
    assert (row.delivered_at, row.delivery_method, row.delivered_by) == (
        DAY, "home", "Mai Thị Ngọc Anh")
    service.mark_printed(clerk, [lid])
    assert queries.get_letter(ctx, lid).print_count == 1


def test_a_death_registered_at_the_desk_updates_the_register_and_the_letter(ctx):
    thom = _rid(ctx, "do thi thom")
    when = dt.datetime(2026, 3, 20, 9)
    with pytest.raises(DomainError, match="Ngày mất"):
        _civil(ctx, DEATH, "Đỗ Thị Thơm", "le van tam", when, event_date="21/03/2026")
    with ctx.read() as s:
        assert s.get(Resident, thom).death_date is None
    _civil(ctx, DEATH, "Đỗ Thị Thơm", "le van tam", when, event_date="18/03/2026")
    with ctx.read() as s:
        person = s.get(Resident, thom)
        assert (person.death_date, person.active) == (dt.date(2026, 3, 18), False)
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "resident", AuditEntry.entity_id == thom,
            AuditEntry.action == "update")) == 1
    [owed] = [g for g in queries.suggestions(ctx, DAY) if "Thơm" in g.what]
    assert owed.draft.subject_resident_id == thom
    assert (owed.draft.values["tuoi"], owed.draft.values["goi_nguoi_mat"],
            owed.draft.values["ngay_mat"]) == ("63", "bà", "ngày 18 tháng 3 năm 2026")
    row = queries.get_letter(ctx, service.create_letter(ctx, owed.draft))
    assert row.body[0].endswith("tin bà Đỗ Thị Thơm, hưởng thọ 63 tuổi, đã từ trần ngày 18 "
                                "tháng 3 năm 2026.")


# -- how long a letter has been owed ---------------------------------------------------------------

def test_every_letter_owed_shows_its_age_and_a_late_condolence_is_flagged(ctx):
    # registered Mon 02/03 (birth), Tue 03/03 (marriage), Wed 04/03 (death)
    rows = {g.occasion: g for g in queries.suggestions(ctx, day=dt.date(2026, 3, 6))}
    assert rows[Occasion.BIRTH].waiting_days == 4
    assert rows[Occasion.DEATH].waiting_days == 2
    # Wed 04/03 + 2 working days = Fri 06/03: still on time that day, late on Monday 09/03
    assert not rows[Occasion.DEATH].overdue
    monday = {g.occasion: g for g in queries.suggestions(ctx, day=dt.date(2026, 3, 9))}
    assert monday[Occasion.DEATH].overdue
    assert not monday[Occasion.BIRTH].overdue  # only condolences have the two-day rule
    death = monday[Occasion.DEATH].draft.dossier_id
    assert queries.late_condolence_dossiers(ctx, dt.date(2026, 3, 6)) == []
    assert queries.late_condolence_dossiers(ctx, dt.date(2026, 3, 9)) == [death]


def test_a_condolence_made_or_dismissed_is_no_longer_late(ctx):
    later = dt.date(2026, 3, 20)
    [death_key] = [g.key for g in queries.suggestions(ctx, day=later)
                   if g.occasion == Occasion.DEATH]
    assert len(queries.late_condolence_dossiers(ctx, later)) == 1
    queries.dismiss(as_user(ctx, "motcua"), death_key, "Gia đình đã chuyển đi nơi khác")
    assert queries.late_condolence_dossiers(ctx, later) == []
