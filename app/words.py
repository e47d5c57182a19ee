"""Every word an enum shows, in one place: the statuses, kinds, roles and units as the office
says them (N_-marked here, translated when shown by app.labels.label).

A second set for the same enum is a variant: "short" for a table cell whose column already
says what it is, "paper" where an official form words it its own way. A member missing from a
variant falls back to the first set. Add an enum's words here when the enum is added.
"""

from __future__ import annotations

from app.auth import Permission
from app.desk.types import DocKind
from app.desk.types import EventKind as DeskEventKind
from app.i18n import N_
from app.letters.types import DeliveryMethod, LetterKind, Occasion
from app.petitions.types import EventKind as PetitionEventKind
from db.models import (
    Channel,
    CivilEventKind,
    Complexity,
    DayKind,
    DaySource,
    DossierStatus,
    FileReason,
    Outcome,
    PetitionChannel,
    PetitionField,
    PetitionKind,
    PetitionOutcome,
    PetitionStatus,
    ReceptionKind,
    Role,
    Satisfaction,
    Sex,
    TimeUnit,
    VisitHandling,
)

LABELS: dict[tuple[type, str], dict] = {
    # -- users and what they may do --------------------------------------------------------------
    (Role, ''): {
        Role.CLERK: N_("Cán bộ tiếp nhận và trả kết quả"),
        Role.OFFICER: N_("Công chức chuyên môn"),
        Role.CHAIRMAN: N_("Chủ tịch UBND xã"),
        Role.ADMIN: N_("Quản trị hệ thống"),
    },
    (Permission, ''): {
        Permission.VIEW_REGISTERS: N_("xem các sổ, danh mục"),
        Permission.EDIT_RESIDENTS: N_("sửa thôn, hộ gia đình và nhân khẩu"),
        Permission.EDIT_CATALOGUE: N_("sửa danh mục thủ tục hành chính"),
        Permission.EDIT_CALENDAR: N_("sửa lịch ngày nghỉ, ngày làm bù"),
        Permission.MANAGE_USERS: N_("quản lý tài khoản cán bộ"),
        Permission.EDIT_PROFILE: N_("sửa thông tin đơn vị"),
        Permission.BACKUP: N_("sao lưu, phục hồi dữ liệu"),
        Permission.RECEIVE_DOSSIERS: N_("tiếp nhận và trả kết quả hồ sơ"),
        Permission.PROCESS_DOSSIERS: N_("xử lý hồ sơ"),
        Permission.CORRECT_DOSSIERS: N_("sửa hồ sơ đã kết thúc"),
        Permission.WRITE_LETTERS: N_("lập, in và giao thư gửi hộ gia đình"),
        Permission.EDIT_LETTER_TEMPLATES: N_("sửa mẫu thư"),
        Permission.RECEIVE_PETITIONS: N_("nhận đơn thư, ghi sổ tiếp công dân"),
        Permission.HANDLE_PETITIONS: N_("phân loại, thụ lý và giải quyết đơn thư"),
        Permission.PLAN_RECEPTION: N_("lập lịch tiếp công dân"),
    },
    # -- the registers, the calendar, time units -------------------------------------------------
    (DaySource, ''): {DaySource.PACKAGE: N_("Theo quy định (tự động)"),
        DaySource.ADMIN: N_("Văn phòng nhập")},
    (DayKind, ''): {DayKind.OFF: N_("ngày nghỉ"), DayKind.WORK: N_("ngày làm bù")},
    # how a procedure's or a petition's time is said: "03 ngày làm việc"
    (TimeUnit, ''): {
        TimeUnit.SAME_DAY: N_("trong ngày"),
        TimeUnit.WORKING_DAYS: N_("ngày làm việc"),
        TimeUnit.WORKING_HOURS: N_("giờ làm việc"),
        TimeUnit.CALENDAR_DAYS: N_("ngày"),
        TimeUnit.UNKNOWN: N_("chưa xác định"),
    },
    # marked with N_, translated with _() where shown
    (CivilEventKind, ''): {CivilEventKind.BIRTH: N_("Khai sinh"),
        CivilEventKind.MARRIAGE: N_("Kết hôn"),
        CivilEventKind.DEATH: N_("Khai tử")},
    # Vietnamese as written in the Excel files; shown on screen through _()
    (Sex, ''): {Sex.MALE: N_("Nam"), Sex.FEMALE: N_("Nữ")},
    # -- the one-stop desk -----------------------------------------------------------------------
    (Channel, ''): {Channel.DIRECT: N_("Trực tiếp"),
        Channel.ONLINE: N_("Trực tuyến"),
        Channel.POST: N_("Bưu chính")},
    (DossierStatus, ''): {
        DossierStatus.RECEIVED: N_("Đã tiếp nhận"),
        DossierStatus.IN_PROGRESS: N_("Đang giải quyết"),
        DossierStatus.SUPPLEMENT: N_("Chờ bổ sung"),
        DossierStatus.READY: N_("Có kết quả, chờ trả"),
        DossierStatus.RETURNED: N_("Đã trả kết quả"),
        DossierStatus.REFUSED: N_("Từ chối"),
        DossierStatus.WITHDRAWN: N_("Đã rút hồ sơ"),
    },
    (Outcome, ''): {Outcome.EARLY: N_("Trước hạn"),
        Outcome.ON_TIME: N_("Đúng hạn"),
        Outcome.LATE: N_("Quá hạn")},
    (Satisfaction, ''): {
        Satisfaction.VERY_SATISFIED: N_("Rất hài lòng"), Satisfaction.SATISFIED: N_("Hài lòng"),
        Satisfaction.NEUTRAL: N_("Bình thường"), Satisfaction.DISSATISFIED: N_("Không hài lòng"),
    },
    # on screen (the dossier window's list of steps)
    (DeskEventKind, ''): {
        DeskEventKind.RECEIVED: N_("Tiếp nhận hồ sơ"),
        DeskEventKind.HANDED_OVER: N_("Chuyển xử lý"),
        DeskEventKind.SUPPLEMENT_REQUESTED: N_("Yêu cầu bổ sung"),
        DeskEventKind.SUPPLEMENT_RECEIVED: N_("Nhận hồ sơ bổ sung"),
        DeskEventKind.RESULT_READY: N_("Có kết quả"),
        DeskEventKind.RETURNED: N_("Trả kết quả"),
        DeskEventKind.REFUSED: N_("Từ chối"),
        DeskEventKind.WITHDRAWN: N_("Công dân rút hồ sơ"),
        DeskEventKind.APOLOGY: N_("Xin lỗi, hẹn lại"),
        DeskEventKind.CORRECTED: N_("Sửa hồ sơ"),
    },
    # on the Phiếu kiểm soát (Mẫu 05), in the form's own words; a correction is not printed
    (DeskEventKind, 'paper'): {
        DeskEventKind.SUPPLEMENT_REQUESTED: N_("Yêu cầu bổ sung, hoàn thiện hồ sơ (tạm dừng thời hạn)"),
        DeskEventKind.RESULT_READY: N_("Có kết quả giải quyết"),
        DeskEventKind.APOLOGY: N_("Phiếu xin lỗi, hẹn lại ngày trả"),
        DeskEventKind.REFUSED: N_("Từ chối giải quyết"),
    },
    (DocKind, ''): {DocKind.ORIGINAL: N_("Bản chính"),
        DocKind.CERTIFIED_COPY: N_("Bản sao chứng thực"),
        DocKind.COPY: N_("Bản chụp")},
    # -- letters ---------------------------------------------------------------------------------
    (LetterKind, ''): {
        LetterKind.CONGRATULATION: N_("Thư chúc mừng"),
        LetterKind.CONDOLENCE: N_("Thư chia buồn"),
        LetterKind.APOLOGY: N_("Thư xin lỗi"),
        LetterKind.THANKS: N_("Thư cảm ơn"),
    },
    # the kind in a table cell, where the column title already says "Loại thư"
    (LetterKind, 'short'): {
        LetterKind.CONGRATULATION: N_("Chúc mừng"),
        LetterKind.CONDOLENCE: N_("Chia buồn"),
        LetterKind.APOLOGY: N_("Xin lỗi"),
        LetterKind.THANKS: N_("Cảm ơn"),
    },
    (Occasion, ''): {
        Occasion.BIRTH: N_("Sinh con"),
        Occasion.MARRIAGE: N_("Đăng ký kết hôn"),
        Occasion.DEATH: N_("Có người thân qua đời"),
        Occasion.LATE: N_("Trả kết quả chậm"),
        Occasion.ERROR: N_("Sai sót trong giấy tờ"),
        Occasion.INCONVENIENCE: N_("Gây phiền hà"),
        Occasion.LAND: N_("Hiến đất, góp công"),
        Occasion.FLOOD: N_("Giúp đỡ khi thiên tai"),
        Occasion.FEEDBACK: N_("Góp ý, kiến nghị hữu ích"),
        Occasion.OTHER_THANKS: N_("Việc làm tốt khác"),
    },
    (DeliveryMethod, ''): {
        DeliveryMethod.DESK: N_("Trao tại Bộ phận một cửa"),
        DeliveryMethod.HOME: N_("Đến tận nhà trao"),
        DeliveryMethod.POST: N_("Gửi qua bưu điện"),
    },
    # in a table cell, where the column already says what it is
    (DeliveryMethod, 'short'): {DeliveryMethod.DESK: N_("Một cửa"), DeliveryMethod.HOME: N_("Tận nhà"),
        DeliveryMethod.POST: N_("Bưu điện")},
    # -- petitions and citizen reception ---------------------------------------------------------
    (PetitionKind, ''): {PetitionKind.COMPLAINT: N_("Khiếu nại"), PetitionKind.DENUNCIATION: N_("Tố cáo"),
        PetitionKind.RECOMMENDATION: N_("Kiến nghị"), PetitionKind.FEEDBACK: N_("Phản ánh")},
    (PetitionChannel, ''): {
        PetitionChannel.RECEPTION: N_("Tiếp công dân, tại trụ sở"),
        PetitionChannel.POST: N_("Qua bưu chính"),
        PetitionChannel.BOX: N_("Hòm thư góp ý"),
        PetitionChannel.ONLINE: N_("Trực tuyến, thư điện tử"),
        PetitionChannel.FORWARDED: N_("Cơ quan khác chuyển đến"),
    },
    (PetitionField, ''): {
        PetitionField.LAND: N_("Đất đai"), PetitionField.SOCIAL: N_("Chính sách xã hội"),
        PetitionField.ENVIRONMENT: N_("Môi trường"), PetitionField.ORDER: N_("An ninh, trật tự"),
        PetitionField.CONDUCT: N_("Cán bộ, công chức"), PetitionField.OTHER: N_("Lĩnh vực khác"),
    },
    (Complexity, ''): {Complexity.NORMAL: N_("Thông thường"), Complexity.COMPLEX: N_("Phức tạp"),
        Complexity.VERY_COMPLEX: N_("Đặc biệt phức tạp")},
    (PetitionStatus, ''): {
        PetitionStatus.RECEIVED: N_("Chờ phân loại"), PetitionStatus.ACCEPTED: N_("Đang giải quyết"),
        PetitionStatus.PAUSED: N_("Tạm đình chỉ"), PetitionStatus.RESOLVED: N_("Có kết quả, chưa thông báo"),
        PetitionStatus.CLOSED: N_("Đã giải quyết xong"), PetitionStatus.FORWARDED: N_("Đã chuyển đơn"),
        PetitionStatus.GUIDED: N_("Đã hướng dẫn"), PetitionStatus.FILED: N_("Lưu đơn"), PetitionStatus.WITHDRAWN: N_("Rút đơn"),
    },
    (PetitionOutcome, ''): {
        PetitionOutcome.RIGHT: N_("Khiếu nại đúng"), PetitionOutcome.PARTLY_RIGHT: N_("Khiếu nại đúng một phần"),
        PetitionOutcome.WRONG: N_("Khiếu nại sai"), PetitionOutcome.FOUNDED: N_("Tố cáo đúng"),
        PetitionOutcome.PARTLY_FOUNDED: N_("Tố cáo đúng một phần"), PetitionOutcome.UNFOUNDED: N_("Tố cáo sai"),
        PetitionOutcome.ANSWERED: N_("Đã trả lời"),
    },
    (FileReason, ''): {
        FileReason.ANONYMOUS: N_("Đơn nặc danh, mạo danh"),
        FileReason.DUPLICATE: N_("Đơn trùng nội dung đã hoặc đang được giải quyết"),
        FileReason.NOT_ELIGIBLE: N_("Không đủ điều kiện xử lý"),
        FileReason.OUT_OF_TIME: N_("Hết thời hiệu"),
    },
    (ReceptionKind, ''): {ReceptionKind.REGULAR: N_("Tiếp công dân định kỳ"),
        ReceptionKind.EXTRA: N_("Tiếp công dân đột xuất")},
    (ReceptionKind, 'short'): {ReceptionKind.REGULAR: N_("Định kỳ"),
        ReceptionKind.EXTRA: N_("Đột xuất")},
    (VisitHandling, ''): {VisitHandling.ANSWERED: N_("Trả lời trực tiếp"),
        VisitHandling.GUIDED: N_("Hướng dẫn"),
        VisitHandling.PETITION: N_("Nhận đơn")},
    (PetitionEventKind, ''): {
        PetitionEventKind.RECEIVED: N_("Nhận đơn"), PetitionEventKind.ACCEPTED: N_("Thụ lý"),
        PetitionEventKind.FORWARDED: N_("Chuyển đơn"), PetitionEventKind.GUIDED: N_("Hướng dẫn công dân"),
        PetitionEventKind.FILED: N_("Lưu đơn"), PetitionEventKind.ACCEPT_NOTIFIED: N_("Thông báo thụ lý"),
        PetitionEventKind.EXTENDED: N_("Gia hạn giải quyết"), PetitionEventKind.PAUSED: N_("Tạm đình chỉ"),
        PetitionEventKind.RESUMED: N_("Tiếp tục giải quyết"), PetitionEventKind.RESOLVED: N_("Có kết quả giải quyết"),
        PetitionEventKind.NOTIFIED: N_("Thông báo kết quả"), PetitionEventKind.WITHDRAWN: N_("Rút đơn"),
        PetitionEventKind.REOPENED: N_("Mở lại"),
    },
}
