"""The demo commune's citizen reception, from January 2023 to today.

The chairman receives citizens every Friday morning at the commune's reception room (a Friday
off moves within its week, as app.reception.schedule plans it), and every week's day is held:
the weeks of 2023 give 52 regular days at least. A few extra sessions (a delegation about a
land clearance, the harvest's irrigation, a storm) are held too. The days of this month and
next stay planned, the days still to come not held.

Visits believable for a farming commune: land first, then irrigation, roads, social policy,
environment; most are answered on the spot or guided to the desk or another agency. Every
petition received at reception (channel `reception`, another stage's) gets the visit it came
from: the same day, the same citizen, handling `petition`, linked. Some citizens come back
about the same matter, linked to their earlier visit.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit, search_index
from app.auth import SYSTEM, CurrentUser
from app.demo.build import DemoBuild
from app.demo.desk_history import work_calendar
from app.reception.schedule import worked_in_week
from app.reception.types import DAY, VISIT
from app.reception.visits import visit_tokens
from app.resident_lists import full_address
from app.text import fold
from app.workdays import WorkCalendar
from db.models import (
    Household,
    Petition,
    PetitionChannel,
    PetitionField,
    PetitionKind,
    ReceptionDay,
    ReceptionKind,
    ReceptionVisit,
    Resident,
    Role,
    User,
    Village,
    VisitHandling,
)

START = dt.date(2023, 1, 2)  # the first Monday of 2023
WEEKDAY = 4  # Friday
HOURS = "07:30-11:30"
PLACE = "Phòng tiếp công dân, trụ sở UBND xã"
K, F, H = PetitionKind, PetitionField, VisitHandling

# (kind, field, what the citizen says, how it ended, the answer or the guidance)
MATTERS = [
    (K.RECOMMENDATION, F.LAND, "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho thửa đất "
     "ở đã sử dụng ổn định từ năm 1992", H.GUIDED, "Hướng dẫn lập hồ sơ đề nghị cấp giấy "
     "chứng nhận, nộp tại Bộ phận một cửa; công chức địa chính hỗ trợ đo đạc."),
    (K.FEEDBACK, F.LAND, "Phản ánh hộ liền kề xây tường rào lấn sang ranh giới đất",
     H.ANSWERED, "Giao công chức địa chính kiểm tra hiện trạng, đối chiếu bản đồ địa chính, "
     "tổ chức hòa giải tại thôn."),
    (K.RECOMMENDATION, F.OTHER, "Đề nghị nạo vét kênh tưới tiêu nội đồng trước vụ chiêm xuân",
     H.ANSWERED, "UBND xã đã đưa vào kế hoạch thủy lợi nội đồng, huy động ngày công lao động "
     "công ích trong tháng."),
    (K.FEEDBACK, F.OTHER, "Phản ánh đường bê tông liên thôn bị sụt lún sau mưa lớn",
     H.ANSWERED, "Giao Ban quản lý thôn kiểm tra, xã bố trí kinh phí sửa chữa trong quý."),
    (K.RECOMMENDATION, F.SOCIAL, "Hỏi về chế độ trợ cấp xã hội hằng tháng cho người cao tuổi "
     "từ đủ 75 tuổi", H.GUIDED, "Hướng dẫn hồ sơ hưởng trợ cấp xã hội, nộp tại Bộ phận một "
     "cửa; công chức văn hóa - xã hội tiếp nhận."),
    (K.RECOMMENDATION, F.SOCIAL, "Đề nghị xem xét đưa hộ gia đình vào danh sách hộ cận nghèo",
     H.ANSWERED, "Giải thích tiêu chí rà soát hộ nghèo, cận nghèo; hộ được đưa vào danh sách "
     "rà soát cuối năm tại thôn."),
    (K.FEEDBACK, F.ENVIRONMENT, "Phản ánh trại chăn nuôi lợn xả nước thải ra mương chung gây "
     "ô nhiễm", H.ANSWERED, "Giao công chức địa chính - môi trường kiểm tra, yêu cầu chủ "
     "trại khắc phục; xã sẽ thông báo kết quả."),
    (K.FEEDBACK, F.ENVIRONMENT, "Phản ánh việc đốt rơm rạ sau thu hoạch gây khói bụi khu dân "
     "cư", H.ANSWERED, "Xã thông báo trên loa truyền thanh, vận động nhân dân không đốt rơm "
     "rạ, xử lý làm phân bón."),
    (K.RECOMMENDATION, F.ORDER, "Đề nghị lắp đèn chiếu sáng đường ngõ xóm đảm bảo an ninh",
     H.ANSWERED, "Ghi nhận, đưa vào chương trình thắp sáng đường quê; thôn vận động nhân dân "
     "cùng đóng góp."),
    (K.RECOMMENDATION, F.LAND, "Hỏi thủ tục tách thửa, tặng cho quyền sử dụng đất cho con",
     H.GUIDED, "Hướng dẫn điều kiện tách thửa và hồ sơ, nộp tại Bộ phận một cửa; chứng thực "
     "hợp đồng tặng cho tại xã."),
    (K.COMPLAINT, F.LAND, "Không đồng ý với diện tích đất bị thu hồi làm đường giao thông",
     H.GUIDED, "Giải thích: việc thu hồi do UBND thị xã quyết định; hướng dẫn gửi đơn khiếu "
     "nại đến UBND thị xã."),
    (K.FEEDBACK, F.CONDUCT, "Phản ánh thái độ của cán bộ thôn khi thu quỹ phòng chống thiên "
     "tai", H.ANSWERED, "Tiếp thu; giao Văn phòng kiểm tra, nhắc nhở cán bộ thôn; thông báo "
     "mức thu theo quy định."),
]
EXTRA = [  # (date, the note)
    (dt.date(2023, 6, 14), "Tiếp đoàn hộ dân thôn Tam Đa về bồi thường giải phóng mặt bằng "
                           "tuyến đường liên xã"),
    (dt.date(2023, 11, 8), "Tiếp công dân về nước tưới vụ đông"),
    (dt.date(2024, 9, 11), "Tiếp công dân sau bão số 3: hỗ trợ khắc phục thiệt hại"),
    (dt.date(2025, 4, 16), "Tiếp đoàn hộ dân về quy hoạch khu dân cư mới"),
    (dt.date(2026, 3, 18), "Tiếp công dân về chuyển đổi cơ cấu cây trồng trên đất lúa"),
]


def _user(s: Session, b: DemoBuild, username: str) -> CurrentUser:
    u = s.get(User, b.user_ids[username])
    return CurrentUser(u.id, u.username, u.full_name, Role(u.role))


def _schedule(s: Session, cal: WorkCalendar, host: int, today: dt.date,
              rng: random.Random) -> list[ReceptionDay]:
    horizon = (today.replace(day=1) + dt.timedelta(days=62)).replace(day=1) - dt.timedelta(1)
    days: list[ReceptionDay] = []
    monday = START
    while monday <= horizon:
        day = worked_in_week(cal, monday + dt.timedelta(days=WEEKDAY))
        if day is not None and day <= horizon:
            held = day <= today
            days.append(ReceptionDay(day=day, kind=ReceptionKind.REGULAR, host_id=host,
                                     place=PLACE, hours=HOURS, held=held,
                                     note="Chủ tịch UBND xã chủ trì" if held else ""))
        monday += dt.timedelta(days=7)
    for day, note in EXTRA:
        if day <= today:
            days.append(ReceptionDay(day=day, kind=ReceptionKind.EXTRA, host_id=host,
                                     place="Hội trường UBND xã", hours="14:00-17:00",
                                     held=True, note=note))
    s.add_all(days)
    s.flush()
    for d in days:
        audit.record(s, SYSTEM, "create", DAY, d.id, {"day": d.day.isoformat(),
                                                      "kind": d.kind.value, "held": d.held})
    return days


def _resident(s: Session, b: DemoBuild, rng: random.Random) -> tuple[int, str, str, str | None]:
    """An adult of the register (a household's head or spouse), with their address."""
    i = rng.randrange(len(b.household_ids))
    members = b.resident_ids[i]
    r = s.get(Resident, members[0 if len(members) < 2 or rng.random() < 0.7 else 1])
    hh = s.get(Household, r.household_id)
    village = s.get(Village, hh.village_id)
    return r.id, r.full_name, full_address(hh.address, village.name if village else ""), r.phone


def _add(s: Session, visits: list[ReceptionVisit], v: ReceptionVisit) -> ReceptionVisit:
    s.add(v)
    visits.append(v)
    return v


def run(b: DemoBuild, today: dt.date | None = None) -> Iterator[float]:
    from app.desk.clock import now

    s = b.session
    today = today or now().date()
    rng = b.rng("reception")
    chairman = _user(s, b, "chutich")
    clerk = _user(s, b, "motcua")
    cal = work_calendar(s, START.year, today.year + 1)
    days = _schedule(s, cal, chairman.user_id, today, rng)
    yield 0.2
    by_day = {d.day: d for d in days if d.kind == ReceptionKind.REGULAR}
    by_day.update({d.day: d for d in days if d.kind == ReceptionKind.EXTRA})
    visits: list[ReceptionVisit] = []
    # every petition received at reception: the visit it came from
    petitions = list(s.scalars(select(Petition).where(
        Petition.channel == PetitionChannel.RECEPTION).order_by(Petition.received_on)))
    for p in petitions:
        d = by_day.get(p.received_on)
        at = dt.datetime.combine(p.received_on, dt.time(rng.randint(7, 10), rng.randint(0, 59)))
        if d is not None and d.kind == ReceptionKind.EXTRA:
            at = at.replace(hour=rng.randint(14, 16))
        _add(s, visits, ReceptionVisit(
            day_id=d.id if d else None, visited_at=at,
            received_by=chairman.user_id if d else clerk.user_id,
            citizen_resident_id=p.petitioner_resident_id,
            citizen_name=p.petitioner_name or "Người gửi đơn", citizen_key=p.petitioner_key,
            citizen_address=p.petitioner_address, citizen_phone=p.petitioner_phone,
            group_size=p.signatories, kind=p.kind, field=p.field, content=p.content,
            subject_key=fold(f"{p.subject} {p.content}")[:300], handling=H.PETITION,
            petition_id=p.id))
    yield 0.4
    # the other visits: on most held days one to three citizens, some coming back
    earlier: list[tuple[ReceptionVisit, int]] = []  # (a visit, its matter) that may recur
    held = [d for d in days if d.held]
    for n, d in enumerate(held):
        for _i in range(rng.choices((0, 1, 2, 3), (2, 4, 3, 1))[0]):
            at = dt.datetime.combine(d.day, dt.time(14 if d.kind == ReceptionKind.EXTRA else 8,
                                                    rng.randint(0, 59)))
            if earlier and rng.random() < 0.12:  # the same citizen, the same matter, again
                first, m = earlier.pop(rng.randrange(len(earlier)))
                kind, field, said, _how, _answer = MATTERS[m]
                resident, name, address, phone = (first.citizen_resident_id, first.citizen_name,
                                                  first.citizen_address, first.citizen_phone)
                said = f"{said} (đến lần hai, đề nghị xã trả lời kết quả)"
                how, answer = H.ANSWERED, "Thông báo kết quả kiểm tra, giải quyết của xã."
                previous = first.id
            else:
                m = rng.choices(range(len(MATTERS)), (5, 4, 3, 3, 3, 2, 2, 1, 2, 3, 1, 1))[0]
                kind, field, said, how, answer = MATTERS[m]
                resident, name, address, phone = _resident(s, b, rng)
                previous = None
            group = rng.choice((5, 8, 12)) if d.kind == ReceptionKind.EXTRA else 1
            v = _add(s, visits, ReceptionVisit(
                day_id=d.id, visited_at=at, received_by=chairman.user_id,
                citizen_resident_id=resident, citizen_name=name, citizen_key=fold(name),
                citizen_address=address, citizen_phone=phone, group_size=group, kind=kind,
                field=field, content=said, subject_key=fold(said)[:300], handling=how,
                answer=answer, previous_visit_id=previous))
            s.flush()
            if previous is None and m < 4:
                earlier.append((v, m))
        if n % 40 == 0:
            yield 0.4 + 0.5 * n / max(len(held), 1)
    s.flush()
    search_index.bulk_add(s, VISIT, [(v.id, visit_tokens(v)) for v in visits])
    for v in visits:
        audit.record(s, SYSTEM, "create", VISIT, v.id, {
            "visited_at": v.visited_at.isoformat(), "kind": v.kind.value,
            "handling": v.handling.value, "petition_id": v.petition_id})
    b.summary.reception_days = sum(1 for d in days if d.held)
    b.summary.visits = len(visits)
    yield 1.0
