"""What the reception forms give and the plain rows the screens, the command line and the papers
read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from db.models import (
    Complexity,
    PetitionField,
    PetitionKind,
    ReceptionKind,
    VisitHandling,
)

DAY = "reception_day"  # audit entity of a reception day
VISIT = "reception_visit"  # audit and search-index entity of a visit (app.petitions.types.VISIT)
DEFAULT_HOURS = "07:30-11:30"


@dataclass
class VisitInput:
    """One visit as the form gives it. The citizen: a resident id, or a name typed in; a
    delegation (đoàn đông người) gives its number of people. `answer` is the answer given on the
    spot or the guidance; a visit that ends with a petition gives the petition's `subject`."""

    kind: PetitionKind | str
    content: str
    handling: VisitHandling | str
    field: PetitionField | str = PetitionField.OTHER
    visited_at: dt.datetime | None = None  # None: now
    received_by: int | None = None  # the user who received the citizen; None: the current user
    citizen_resident_id: int | None = None
    citizen_name: str = ""
    citizen_address: str = ""
    citizen_phone: str | None = None
    group_size: int = 1
    answer: str = ""
    subject: str = ""  # the petition's trích yếu (handling PETITION)
    complexity: Complexity | str = Complexity.NORMAL  # the petition's
    previous_visit_id: int | None = None  # the earlier visit about the same matter
    duplicate_of_id: int | None = None  # the earlier petition this one repeats
    day_id: int | None = None  # None: the reception day of that date, if there is one


@dataclass(frozen=True)
class DayRow:
    id: int
    day: dt.date
    kind: ReceptionKind
    host_id: int | None
    host: str
    place: str
    hours: str
    held: bool
    note: str
    visits: int  # visits recorded on it


@dataclass(frozen=True)
class Week:
    """A week of the office calendar (Monday to Sunday)."""

    monday: dt.date

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)


@dataclass(frozen=True)
class PlanResult:
    created: list[DayRow]
    moved: list[tuple[dt.date, dt.date]] = field(default_factory=list)  # off day → worked day
    skipped: list[dt.date] = field(default_factory=list)  # already planned, or no day to move to


@dataclass(frozen=True)
class VisitRow:
    id: int
    visited_at: dt.datetime
    day_id: int | None
    received_by_id: int | None
    received_by: str
    citizen_resident_id: int | None
    citizen_name: str  # masked for whoever may not see a denouncer
    citizen_address: str
    citizen_phone: str | None
    group_size: int
    kind: PetitionKind
    field: PetitionField
    content: str
    handling: VisitHandling
    answer: str
    petition_id: int | None
    petition_reference: str  # "05/2026", or ""
    previous_visit_id: int | None
    identity_hidden: bool

    @property
    def group(self) -> bool:
        return self.group_size > 1


@dataclass(frozen=True)
class Earlier:
    """A returning citizen: earlier visits and petitions, the same matter first."""

    visits: list[VisitRow]
    same_visits: set[int]  # ids of the visits about the same matter
    petition_ids: list[int]
    same_petitions: set[int]

    @property
    def empty(self) -> bool:
        return not self.visits and not self.petition_ids


@dataclass(frozen=True)
class Filters:
    start: dt.date | None = None
    end: dt.date | None = None
    kind: PetitionKind | str | None = None
    handling: VisitHandling | str | None = None
    text: str = ""
