"""The kinds of letter, their occasions and templates, the merge fields, and the plain rows.

Four kinds (the model's fourth criterion): thư chúc mừng (a birth, a marriage), thư chia buồn
(a death), thư xin lỗi (a late result, an error, an inconvenience) and thư cảm ơn (land given
for a road, help in a flood, useful feedback). Each occasion is written with one of five
templates: the congratulation has two (birth and marriage), the other kinds one each.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from app.i18n import N_

LETTER = "letter"  # audit and search-index entity
# a condolence letter goes out within two working days of the death registration
CONDOLENCE_WORKING_DAYS = 2
DOC_TYPE = "TC"  # numbered as thư công: "05/TC-UBND"


class LetterKind(enum.StrEnum):
    CONGRATULATION = "congratulation"
    CONDOLENCE = "condolence"
    APOLOGY = "apology"
    THANKS = "thanks"


class Occasion(enum.StrEnum):
    BIRTH = "birth"
    MARRIAGE = "marriage"
    DEATH = "death"
    LATE = "late"  # a dossier returned late, or an apology slip issued
    ERROR = "error"  # a mistake in a paper the commune issued
    INCONVENIENCE = "inconvenience"  # trouble caused to a citizen
    LAND = "land"  # land given for a road, a school …
    FLOOD = "flood"  # help in a flood or a storm
    FEEDBACK = "feedback"  # useful feedback or a proposal
    OTHER_THANKS = "other_thanks"


OCCASION_KIND = {
    Occasion.BIRTH: LetterKind.CONGRATULATION,
    Occasion.MARRIAGE: LetterKind.CONGRATULATION,
    Occasion.DEATH: LetterKind.CONDOLENCE,
    Occasion.LATE: LetterKind.APOLOGY,
    Occasion.ERROR: LetterKind.APOLOGY,
    Occasion.INCONVENIENCE: LetterKind.APOLOGY,
    Occasion.LAND: LetterKind.THANKS,
    Occasion.FLOOD: LetterKind.THANKS,
    Occasion.FEEDBACK: LetterKind.THANKS,
    Occasion.OTHER_THANKS: LetterKind.THANKS,
}

# the occasions that answer an event registered at the desk: the event is required
CIVIL_EVENT_OCCASIONS = (Occasion.BIRTH, Occasion.MARRIAGE, Occasion.DEATH)

# template key → (kind, label); the key is also the file name in resources/letters
TEMPLATES: dict[str, tuple[LetterKind, str]] = {
    "birth": (LetterKind.CONGRATULATION, N_("Chúc mừng sinh con")),
    "marriage": (LetterKind.CONGRATULATION, N_("Chúc mừng kết hôn")),
    "death": (LetterKind.CONDOLENCE, N_("Chia buồn")),
    "apology": (LetterKind.APOLOGY, N_("Xin lỗi")),
    "thanks": (LetterKind.THANKS, N_("Cảm ơn")),
}


def template_key(occasion: Occasion | str) -> str:
    occasion = Occasion(occasion)
    if occasion in CIVIL_EVENT_OCCASIONS:
        return occasion.value
    return OCCASION_KIND[occasion].value


# Salutations as the "Kính gửi" line begins; the second form is how the body says it.
SALUTATIONS: dict[str, str] = {
    "Ông": "ông",
    "Bà": "bà",
    "Anh": "anh",
    "Chị": "chị",
    "Gia đình ông": "gia đình ông",
    "Gia đình bà": "gia đình bà",
    "Ông bà": "ông bà",
    "Anh chị": "anh chị",
}

class DeliveryMethod(enum.StrEnum):
    DESK = "desk"
    HOME = "home"
    POST = "post"


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # marked with N_
    hint: str = ""  # an example, marked with N_
    templates: tuple[str, ...] = ()  # the templates it belongs to; () = every template


# Every merge field a template may use, written {key} in the template text.
FIELDS: tuple[Field, ...] = (
    Field("kinh_gui", N_("Người nhận, như dòng Kính gửi"), N_("Gia đình ông Nguyễn Văn An")),
    Field("danh_xung", N_("Danh xưng (viết hoa)"), N_("Gia đình ông")),
    Field("goi", N_("Cách gọi người nhận trong thư"), N_("gia đình ông")),
    Field("nguoi_nhan", N_("Họ và tên người nhận"), N_("Nguyễn Văn An")),
    Field("dia_chi", N_("Địa chỉ người nhận"), N_("Xóm 2, Thôn Đoài")),
    Field("thon", N_("Thôn"), N_("Thôn Đoài")),
    Field("xa", N_("Tên xã"), N_("Quang Trung")),
    Field("ngay_thu", N_("Ngày của thư"), N_("ngày 05 tháng 11 năm 2023")),
    Field("ngay_dang_ky", N_("Ngày đăng ký (khai sinh, kết hôn, khai tử)"),
          N_("ngày 05 tháng 11 năm 2023"), ("birth", "marriage", "death")),
    Field("ten_con", N_("Họ và tên cháu bé"), N_("Nguyễn Minh Khang"), ("birth",)),
    Field("chu_re", N_("Họ và tên người chồng"), N_("Nguyễn Văn Hùng"), ("marriage",)),
    Field("co_dau", N_("Họ và tên người vợ"), N_("Lê Thị Mai"), ("marriage",)),
    Field("nguoi_mat", N_("Họ và tên người đã mất"), N_("Nguyễn Văn Bình"), ("death",)),
    Field("goi_nguoi_mat", N_("Cách gọi người đã mất"), N_("cụ"), ("death",)),
    Field("tuoi", N_("Tuổi của người đã mất"), N_("85"), ("death",)),
    Field("huong_tho", N_("Hưởng thọ (hưởng dương) … tuổi"), N_("hưởng thọ 85 tuổi"), ("death",)),
    Field("ngay_mat", N_("Ngày mất"), N_("ngày 03 tháng 11 năm 2023"), ("death",)),
    Field("ly_do", N_("Việc phải xin lỗi (viết tiếp sau “vì đã”)"),
          N_("chậm trả kết quả hồ sơ chứng thực"), ("apology",)),
    Field("ho_so", N_("Mã hồ sơ"), N_("000.17.22.H56-240315-0012"), ("apology",)),
    Field("thu_tuc", N_("Tên thủ tục"), N_("Chứng thực bản sao từ bản chính"), ("apology",)),
    Field("ngay_hen", N_("Ngày hẹn trả kết quả"), N_("ngày 20 tháng 3 năm 2024"), ("apology",)),
    Field("viec_lam", N_("Việc làm được cảm ơn (viết tiếp sau “đã”)"),
          N_("tự nguyện hiến 120 m² đất để mở rộng đường liên thôn"), ("thanks",)),
)
FIELD_KEYS = {f.key: f for f in FIELDS}


def fields_of(template: str) -> list[Field]:
    return [f for f in FIELDS if not f.templates or template in f.templates]


@dataclass
class LetterDraft:
    """A letter before it is issued: who it goes to, what it answers, the merge values.

    `values` holds the event's fields (ten_con, nguoi_mat, ly_do …); the recipient's fields
    (kinh_gui, goi, thon …) are computed from the other attributes when the letter is merged.
    """

    occasion: Occasion
    recipient_name: str
    salutation: str
    letter_date: dt.date
    address: str = ""
    village: str = ""
    household_id: int | None = None
    resident_id: int | None = None
    subject_resident_id: int | None = None  # the deceased
    civil_event_id: int | None = None
    dossier_id: int | None = None
    about: str = ""  # "Khai sinh: Nguyễn Minh Khang (hồ sơ …)"
    values: dict[str, str] = field(default_factory=dict)
    addressee: str = ""  # the "Kính gửi" line; empty: salutation + name
    page_size: str = "A4"
    deputy: str | None = None  # a vice-chairman signing for the chairman
    duplicate_reason: str = ""  # why a second letter answers the same event

    @property
    def kind(self) -> LetterKind:
        return OCCASION_KIND[Occasion(self.occasion)]

    @property
    def template(self) -> str:
        return template_key(self.occasion)


@dataclass(frozen=True)
class Suggestion:
    """A letter the commune owes: an event or a late dossier with no letter yet."""

    key: str  # "event:12", "dossier:340"
    source: str  # "event" or "dossier"
    source_id: int
    day: dt.date  # when the event was registered, or the dossier came back late
    kind: LetterKind
    occasion: Occasion
    recipient: str  # the "Kính gửi" line as suggested
    village: str
    what: str  # "Khai sinh: Nguyễn Minh Khang"
    draft: LetterDraft
    waiting_days: int = 0  # calendar days since `day`
    overdue: bool = False  # a condolence not made within CONDOLENCE_WORKING_DAYS


@dataclass(frozen=True)
class LetterRow:
    id: int
    year: int
    number: int
    number_text: str
    kind: LetterKind
    occasion: Occasion
    letter_date: dt.date
    salutation: str
    recipient_name: str
    addressee: str
    address: str
    village: str
    household_id: int | None
    resident_id: int | None
    civil_event_id: int | None
    dossier_id: int | None
    about: str
    title: str
    body: tuple[str, ...]
    page_size: str
    signer_lines: tuple[str, ...]
    signer_name: str
    duplicate_reason: str
    created_by: str
    created_at: dt.datetime
    printed_at: dt.datetime | None
    print_count: int
    delivered_at: dt.date | None
    delivery_method: str
    delivered_by: str

    @property
    def reference(self) -> str:
        """'5/2023': how the register and the command line name a letter."""
        return f"{self.number}/{self.year}"


@dataclass(frozen=True)
class Filters:
    start: dt.date | None = None  # letter date from (inclusive)
    end: dt.date | None = None
    kind: LetterKind | str | None = None
    village: str | None = None
    delivered: bool | None = None  # None: any; False: not yet delivered
    text: str = ""
