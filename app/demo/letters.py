"""The demo commune's letters: what the one-stop desk has sent households since 2023.

As the seed report says for 2023: a congratulation letter for every birth and marriage
registered (70), a condolence letter for every death (17), handed over with the certificate
on the day, and no apology or thank-you letter. From 2024 on the commune also apologises for
every late result (with the apology slip) and thanks a few households (land given for a road,
help after a storm, useful feedback). The last two weeks' events are not answered yet: they
wait in the tab's queue, as they would in a real office.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.auth import CurrentUser
from app.demo.build import DemoBuild
from app.letters import drafts, service
from app.letters.queries import open_civil_events, open_dossiers
from app.letters.types import Occasion
from db.models import CivilEvent, Dossier, Household, Letter, Role, User

PENDING_DAYS = 14  # events this recent still wait in the queue
HOME_VISIT = {"death": 0.35, "birth": 0.08, "marriage": 0.05, "late": 0.3}

# (year, month, occasion, deed): the households the commune thanked
THANKS = [
    (2024, 4, Occasion.LAND, "tự nguyện hiến {area} m² đất và tháo dỡ tường rào để mở rộng "
                             "đường giao thông liên thôn"),
    (2024, 10, Occasion.FLOOD, "kịp thời giúp bà con trong thôn di dời tài sản, khắc phục hậu "
                               "quả cơn bão số 3 năm 2024"),
    (2025, 3, Occasion.LAND, "tự nguyện hiến {area} m² đất để xây dựng nhà văn hóa thôn"),
    (2025, 6, Occasion.FEEDBACK, "có ý kiến đóng góp thiết thực giúp Bộ phận tiếp nhận và trả "
                                 "kết quả bố trí lại nơi chờ và hướng dẫn thủ tục cho người cao tuổi"),
    (2025, 9, Occasion.LAND, "tự nguyện hiến {area} m² đất để làm đường giao thông nội đồng"),
    (2026, 5, Occasion.OTHER_THANKS, "tích cực vận động bà con trong xóm tham gia thu gom, phân "
                                     "loại rác thải tại nguồn"),
    (2026, 9, Occasion.FLOOD, "ủng hộ và trực tiếp tham gia giúp các hộ bị ngập úng trong đợt "
                              "mưa lớn tháng 9 năm 2026"),
]


def _clerk(s: Session, b: DemoBuild, username: str) -> CurrentUser:
    user = s.get(User, b.user_ids[username])
    return CurrentUser(user.id, user.username, user.full_name, Role(user.role))


def run(b: DemoBuild, today: dt.date | None = None) -> Iterator[float]:
    from app.desk.clock import now

    s = b.session
    today = today or now().date()
    rng = b.rng("letters")
    clerk = _clerk(s, b, "motcua")
    visitor = s.get(User, b.user_ids["vanhoa"]).full_name
    chairman = s.get(User, b.user_ids["chutich"]).full_name
    cutoff = today - dt.timedelta(days=PENDING_DAYS)
    work: list[tuple[dt.date, int, str, int]] = []  # (day, order, source, id)
    for event_id, on in s.execute(open_civil_events(s)).all():
        if on < cutoff:
            work.append((on, 0, "event", event_id))
    for dossier_id, when in s.execute(open_dossiers(s)).all():
        if when.date() < cutoff:
            work.append((when.date(), 1, "dossier", dossier_id))
    thanks = _thanks(s, rng, today)
    work += [(day, 2, "thanks", i) for i, (day, *_rest) in enumerate(thanks)]
    work.sort()
    made = []
    for i, (day, _order, source, key) in enumerate(work):
        if source == "event":
            draft = drafts.civil_event_draft(s, key, day)
            ev = s.get(CivilEvent, key)
            at = ev.recorded_at + dt.timedelta(minutes=rng.randint(2, 20))
            kind = ev.kind
        elif source == "dossier":
            d = s.get(Dossier, key)
            draft = drafts.dossier_draft(s, key, day)
            at = dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.randint(0, 59)))
            kind = "late"
            if d.finished_at and d.finished_at.date() == day:
                at = d.finished_at - dt.timedelta(minutes=rng.randint(5, 30))
        else:
            _day, hh, occasion, deed = thanks[key]
            draft = drafts.household_draft(s, hh, occasion, day)
            draft.values["viec_lam"] = deed
            at = dt.datetime.combine(day, dt.time(9, rng.randint(0, 59)))
            kind = "thanks"
        letter_id = service.create_in(s, clerk, draft, at=at)
        home = kind == "thanks" or rng.random() < HOME_VISIT.get(kind, 0)
        later = day + dt.timedelta(days=rng.randint(0, 2) if home else 0)
        made.append({"id": letter_id, "printed_at": at, "print_count": 1,
                     "delivered_at": min(later, today - dt.timedelta(days=1)),
                     "delivery_method": "home" if home else "desk",
                     "delivered_by": (chairman if kind == "thanks" else visitor) if home else ""})
        if i % 50 == 0:
            yield i / max(len(work), 1)
    if made:
        s.execute(update(Letter), made)
    b.summary.letters = len(made)
    yield 1.0


def _thanks(s: Session, rng: random.Random, today: dt.date
            ) -> list[tuple[dt.date, int, Occasion, str]]:
    """The thanked households, each on a weekday of its month (only months already past)."""
    count = s.scalar(select(func.count(Household.id)))
    out = []
    for year, month, occasion, deed in THANKS:
        day = dt.date(year, month, rng.randint(3, 26))
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        household = rng.randint(1, count)
        hh_id = s.scalars(select(Household.id).where(Household.head_id.is_not(None))
                          .order_by(Household.id).offset(household - 1).limit(1)).first()
        if day < today - dt.timedelta(days=PENDING_DAYS) and hh_id is not None:
            out.append((day, hh_id, occasion, deed.format(area=rng.choice((45, 60, 80, 120, 150)))))
    return out
