"""One demo dossier's life, planned in memory: its events in order, as the desk would record them.

`plan_flow` turns a `Case` (procedure, applicant, moment of receipt, fate) into the events
the services of app.desk.lifecycle would have written (received → handed over → [supplement]
→ [apology] → result ready → returned, or refused, or withdrawn), each with the changes it
makes to the dossier. `settle` then applies the events up to the demo's "now", so a dossier
received a few days ago is naturally still in progress, waiting for a supplement or for
collection. Times stay inside office hours on working days (app.workdays.WorkCalendar).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from app.desk.lifecycle import outcome_of
from app.i18n import _
from app.l10n import format_datetime
from app.workdays import WorkCalendar
from db.models import DossierStatus as S
from db.models import Satisfaction, TimeUnit

MINUTE = dt.timedelta(minutes=1)

# the fates a case can have; "normal" is by far the commonest
NORMAL, LATE, SUPPLEMENT, PENDING, REFUSED, WITHDRAWN = (
    "normal", "late", "supplement", "pending", "refused", "withdrawn")
STALLED = "stalled"  # nothing done after the hand-over: overdue at the demo's today
SLOW = "slow"  # the result comes on the day it is due
WAITING = "waiting"  # the result is ready at once; the citizen comes on the appointment day


@dataclass(frozen=True)
class Proc:
    id: int
    code: str
    field: str
    unit: TimeUnit
    value: int
    cutoff: bool
    fee: int
    civil: str | None  # birth, marriage, death
    documents: tuple[str, ...]

    @property
    def same_day(self) -> bool:
        return self.unit == TimeUnit.SAME_DAY


@dataclass
class Case:
    proc: Proc
    received: dt.datetime
    channel: str
    fate: str = NORMAL
    resident_id: int | None = None
    household_id: int | None = None
    name: str = ""
    address: str = ""
    phone: str | None = None
    fee: int = 0
    event_person: str = ""  # the child, "Groom & Bride", the deceased
    event_subject: int | None = None  # the deceased's resident id
    event_date: dt.date | None = None  # the day of death
    good_survey_only: bool = False  # 2023: every survey "satisfied" or better, no lateness


@dataclass
class Event:
    at: dt.datetime
    kind: str
    by: int | None
    to: int | None = None
    note: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class Flow:
    events: list[Event] = field(default_factory=list)
    slip: dict[str, Any] | None = None  # the apology slip (Mẫu 04), if any

    def add(self, at: dt.datetime, kind: str, by: int | None, **kw: Any) -> Event:
        e = Event(at, kind, by, **kw)
        self.events.append(e)
        return e


@dataclass(frozen=True)
class Staffing:
    clerks: tuple[int, ...]  # receive, hand over, return
    officers: dict[str, int]  # field → officer; "" → the default
    contacts: dict[int, str]  # officer → "name – title", printed on the Mẫu 02

    def officer(self, field_name: str) -> int:
        for key, uid in self.officers.items():
            if key and field_name.startswith(key):
                return uid
        return self.officers[""]


# ---- office time --------------------------------------------------------------------------

def _sessions(cal: WorkCalendar, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    h = cal.hours
    return [(dt.datetime.combine(day, a), dt.datetime.combine(day, b))
            for a, b in (h.morning, h.afternoon)]


def office_after(cal: WorkCalendar, moment: dt.datetime, minutes: int) -> dt.datetime:
    """The moment `minutes` of office time after `moment` (lunch, nights and days off skipped)."""
    day, left = moment.date(), dt.timedelta(minutes=minutes)
    if not cal.is_working_day(day):
        day = cal.next_working_day(day)
        moment = dt.datetime.combine(day, cal.hours.opening)
    while True:
        for a, b in _sessions(cal, day):
            begin = max(a, moment)
            if b <= begin:
                continue
            if left <= b - begin:
                return begin + left
            left -= b - begin
        day = cal.next_working_day(day)
        moment = dt.datetime.combine(day, cal.hours.opening)


def office_moment(cal: WorkCalendar, rng: random.Random, day: dt.date, after: dt.datetime | None = None,
                  before: dt.datetime | None = None) -> dt.datetime | None:
    """A random moment in the office hours of `day`, strictly between `after` and `before`."""
    spans = []
    for a, b in _sessions(cal, day):
        a = max(a, after + MINUTE) if after else a
        b = min(b, before - MINUTE) if before else b
        if b > a:
            spans.append((a, b))
    total = sum((b - a).total_seconds() for a, b in spans)
    if total <= 0:
        return None
    pick = rng.uniform(0, total)
    for a, b in spans:
        length = (b - a).total_seconds()
        if pick <= length:
            return (a + dt.timedelta(seconds=int(pick))).replace(microsecond=0)
        pick -= length
    return spans[-1][1]


# ---- the plan -------------------------------------------------------------------------------

SUPPLEMENT_DOCS = {
    "Hộ tịch": [("Giấy xác nhận tình trạng hôn nhân nơi cư trú trước đây", "original"),
                ("Bản sao Giấy khai sinh", "certified_copy")],
    "Chứng thực": [("Giấy chứng nhận quyền sở hữu tài sản", "certified_copy"),
                   ("Giấy tờ tùy thân của người làm chứng", "copy")],
    "Bảo trợ xã hội": [("Biên bản họp Hội đồng xác định mức độ khuyết tật", "original"),
                       ("Giấy tờ khám, chữa bệnh liên quan", "copy")],
    "Người có công": [("Bản sao Giấy chứng nhận gia đình liệt sĩ", "certified_copy")],
    "": [("Bản sao Căn cước công dân của người ủy quyền", "copy"),
         ("Văn bản ủy quyền có chứng thực", "original")],
}
SUPPLEMENT_REASONS = ["Hồ sơ còn thiếu giấy tờ theo quy định của thủ tục.",
                      "Giấy tờ nộp kèm đã hết hạn sử dụng, cần bổ sung bản còn hiệu lực.",
                      "Thông tin trong tờ khai chưa khớp với giấy tờ tùy thân."]
APOLOGY_REASONS = ["Cần xác minh thêm thông tin tại nơi cư trú trước đây của người yêu cầu.",
                   "Chờ kết quả xác minh của cơ quan chuyên môn cấp trên.",
                   "Công chức phụ trách đi tập huấn theo kế hoạch, bàn giao hồ sơ chậm.",
                   "Hệ thống thông tin một cửa điện tử gặp sự cố, chưa ký số được kết quả."]
REFUSAL_REASONS = ["Yêu cầu chứng thực không thuộc thẩm quyền của Ủy ban nhân dân cấp xã.",
                   "Giấy tờ xuất trình có dấu hiệu tẩy xóa, sửa chữa nội dung.",
                   "Người yêu cầu không đủ năng lực hành vi dân sự để thực hiện giao dịch."]
WITHDRAWAL_REASONS = ["Công dân xin rút hồ sơ để hoàn thiện thêm giấy tờ.",
                      "Các bên không tiếp tục giao kết hợp đồng.",
                      "Công dân đã nộp hồ sơ tại nơi khác."]
GOOD_NOTES = ["Cán bộ hướng dẫn tận tình, chu đáo.", "Trả kết quả nhanh, đúng hẹn.",
              "Thái độ phục vụ niềm nở."]
NEUTRAL_NOTES = ["Phải chờ khá lâu ở bộ phận một cửa.", "Mong niêm yết rõ hơn thành phần hồ sơ."]


def plan_flow(cal: WorkCalendar, rng: random.Random, c: Case, staff: Staffing) -> Flow:
    """Every event of the case, in time order, as if it had run to its end."""
    p, f = c.proc, Flow()
    clerk = staff.clerks[1 if len(staff.clerks) > 1 and rng.random() < 0.3 else 0]
    officer = staff.officer(p.field)
    due = cal.due(c.received, p.value, p.unit, p.cutoff).due
    f.add(c.received, "received", clerk, changes={
        "status": S.RECEIVED, "legal_due_at": due, "due_at": due, "received_by": clerk})
    if c.fate == WITHDRAWN and rng.random() < 0.4:  # changed their mind before the hand-over
        return _end(f, office_after(cal, c.received, rng.randint(10, 120)), "withdrawn", clerk,
                    S.WITHDRAWN, rng.choice(WITHDRAWAL_REASONS))
    t = office_after(cal, c.received, rng.randint(2, 12) if p.same_day else rng.randint(5, 90))
    f.add(t, "handed_over", clerk, to=officer,
          changes={"status": S.IN_PROGRESS, "handler_id": officer})
    if c.fate == REFUSED:
        return _end(f, office_after(cal, t, rng.randint(15, 60 if p.same_day else 300)), "refused",
                    officer, S.REFUSED, rng.choice(REFUSAL_REASONS))
    if c.fate == WITHDRAWN:
        return _end(f, office_after(cal, t, rng.randint(30, 600)), "withdrawn", clerk,
                    S.WITHDRAWN, rng.choice(WITHDRAWAL_REASONS))
    if c.fate in (SUPPLEMENT, PENDING):
        t, due = _supplement(f, cal, rng, c, staff, officer, clerk, t, due)
        if c.fate == PENDING:
            return f
    if c.fate == STALLED:  # nothing happened since the hand-over: overdue on the attention list
        return f
    legal = due  # after a supplement: the restarted legal date
    if c.fate == LATE:
        ready, back_by = _late(f, cal, rng, t, due, officer)
    else:
        ready, back_by = _ready(cal, rng, c, t, due), due
    f.add(ready, "result_ready", officer, changes={"status": S.READY, "ready_at": ready})
    back = _collected(cal, rng, c, ready, back_by)
    _returned(f, rng, c, clerk, back, legal)
    return f


def _end(f: Flow, at: dt.datetime, kind: str, by: int, status: S, reason: str) -> Flow:
    f.add(at, kind, by, note=reason,
          changes={"status": status, "finished_at": at, "reason": reason})
    return f


def _supplement(f, cal, rng, c, staff, officer, clerk, t, due):
    """Mẫu 02 early in the processing; for SUPPLEMENT the documents come back some days later
    and the clock restarts exactly as lifecycle.supplement_received computes it."""
    asked = office_after(cal, t, rng.randint(20, 240))
    docs = SUPPLEMENT_DOCS.get(c.proc.field, SUPPLEMENT_DOCS[""])
    wanted = [{"name": n, "kind": k} for n, k in docs[: rng.randint(1, len(docs))]]
    f.add(asked, "supplement_requested", officer, data={
        "documents": wanted, "reason": rng.choice(SUPPLEMENT_REASONS),
        "contact": staff.contacts.get(officer, "")},
        changes={"status": S.SUPPLEMENT, "paused_at": asked})
    if c.fate == PENDING:
        return asked, due
    back = office_after(cal, asked, rng.randint(240, 2000))
    left = max(cal.working_days_between(asked.date(), due.date()), 0)
    start = back.date() if cal.is_working_day(back.date()) else cal.next_working_day(back.date())
    new_day = cal.add_working_days(start, left) if left else start
    new_due = dt.datetime.combine(new_day, due.time())
    lines = [
        _("Thời hạn dừng từ {paused} đến khi nhận đủ hồ sơ bổ sung lúc {resumed}.").format(
            paused=format_datetime(asked), resumed=format_datetime(back)),
        _("Còn {left} ngày làm việc chưa dùng, tính tiếp từ ngày nhận bổ sung.").format(left=left),
        _("Hẹn trả kết quả mới: {due}.").format(due=format_datetime(new_due)),
    ]
    f.add(back, "supplement_received", clerk, note=" ".join(lines),
          data={"working_days_left": left, "new_due_at": new_due.isoformat()},
          changes={"status": S.IN_PROGRESS, "paused_at": None, "legal_due_at": new_due,
                   "due_at": new_due})
    return back, new_due


def _ready(cal: WorkCalendar, rng: random.Random, c: Case, t: dt.datetime, due: dt.datetime
           ) -> dt.datetime:
    if c.proc.same_day:
        ready = office_after(cal, t, rng.randint(10, 90))
        if ready > due - 3 * MINUTE:
            ready = max(t + MINUTE, due - rng.randint(3, 10) * MINUTE)
        return ready
    back = {SLOW: 0, WAITING: 9}.get(c.fate) if c.fate in (SLOW, WAITING) else rng.choices(
        (0, 1, 2, 3), (0.3, 0.4, 0.2, 0.1))[0]
    day = max(cal.add_working_days(due.date(), -back), t.date())
    ready = office_moment(cal, rng, day, after=t + 10 * MINUTE, before=due - 5 * MINUTE)
    return ready or min(office_after(cal, t, 10), due - MINUTE)


def _late(f: Flow, cal, rng, t, due, officer) -> tuple[dt.datetime, dt.datetime]:
    """Mẫu 04 before the appointment, a new date 1–3 working days on; the result comes then."""
    day = max(cal.add_working_days(due.date(), -rng.randint(0, 1)), t.date())
    issued = office_moment(cal, rng, day, after=t, before=due - 10 * MINUTE) or office_after(
        cal, t, 5)
    new_due = dt.datetime.combine(cal.add_working_days(due.date(), rng.randint(1, 3)), due.time())
    reason = rng.choice(APOLOGY_REASONS)
    f.add(issued, "apology", officer, note=reason,
          data={"old_due_at": due.isoformat(), "new_due_at": new_due.isoformat()},
          changes={"due_at": new_due})
    f.slip = {"issued_at": issued, "reason": reason, "old_due_at": due, "new_due_at": new_due,
              "by_user": officer}
    ready_day = cal.add_working_days(new_due.date(), -rng.randint(0, 1))
    start = max(due, issued)
    ready = office_moment(cal, rng, ready_day, after=start, before=new_due - 10 * MINUTE)
    return ready or office_after(cal, start, 5), new_due


def _collected(cal: WorkCalendar, rng: random.Random, c: Case, ready: dt.datetime,
               due: dt.datetime) -> dt.datetime:
    """When the citizen comes for the result: at once at the desk, or by the appointment."""
    if c.proc.same_day and c.channel == "direct":
        return min(office_after(cal, ready, rng.randint(0, 20)), max(due, ready + MINUTE))
    choice = rng.choices((0, 1, 2), (0.35, 0.25, 0.4))[0]
    if c.fate in (SLOW, WAITING):
        choice = 2
    day = min(cal.add_working_days(ready.date(), choice), due.date()) if choice < 2 else due.date()
    moment = office_moment(cal, rng, day, after=ready, before=due + MINUTE)
    return moment or min(office_after(cal, ready, 5), max(due, ready + MINUTE))


def _returned(f: Flow, rng: random.Random, c: Case, clerk: int, at: dt.datetime,
              legal: dt.datetime) -> None:
    outcome = outcome_of(at, legal)
    sat, note = _survey(rng, c, outcome.value == "late")
    method = {"online": rng.choice((_("Trực tiếp"), _("Trực tuyến"))),
              "post": _("Bưu chính")}.get(c.channel, _("Trực tiếp"))
    f.add(at, "returned", clerk, note=c.name, data={"outcome": outcome.value, "fee_paid": c.fee},
          changes={"status": S.RETURNED, "finished_at": at, "outcome": outcome,
                   "returned_to": c.name, "return_method": method, "fee_paid": c.fee,
                   "satisfaction": sat, "satisfaction_note": note})


def _survey(rng: random.Random, c: Case, late: bool) -> tuple[Satisfaction | None, str]:
    if rng.random() < (0.45 if c.good_survey_only else 0.55):
        return None, ""  # no survey form filled in
    r = rng.random()
    if c.good_survey_only:
        sat = Satisfaction.VERY_SATISFIED if r < 0.42 else Satisfaction.SATISFIED
    elif late:
        sat = Satisfaction.SATISFIED if r < 0.6 else Satisfaction.NEUTRAL
    else:
        sat = (Satisfaction.VERY_SATISFIED if r < 0.46 else Satisfaction.SATISFIED if r < 0.985
               else Satisfaction.NEUTRAL)
    if sat == Satisfaction.NEUTRAL:
        return sat, rng.choice(NEUTRAL_NOTES)
    return sat, rng.choice(GOOD_NOTES) if rng.random() < 0.15 else ""


def settle(f: Flow, cut: dt.datetime) -> tuple[dict[str, Any], list[Event], bool]:
    """The dossier's fields and events as of `cut`; the flag says whether the apology
    slip (if any) was issued by then."""
    state: dict[str, Any] = {"handler_id": None, "paused_at": None, "ready_at": None,
                             "finished_at": None, "outcome": None, "returned_to": "",
                             "return_method": "", "satisfaction": None,
                             "satisfaction_note": "", "reason": "", "fee_paid": 0}
    done = [e for e in f.events if e.at < cut]
    for e in done:
        state.update(e.changes)
    slip = any(e.kind == "apology" for e in done)
    return state, done, slip
