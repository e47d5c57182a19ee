"""Which step of a petition is allowed, for whom, in which state and for which kind: one table.

app.petitions.service enforces it on every step; the petitions window asks `allowed_steps`
to enable its buttons, so the two never disagree.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from app.auth import CurrentUser, Permission
from app.errors import DomainError
from app.i18n import N_, _
from app.labels import label
from db.models import PetitionKind, PetitionStatus

S, K, P = PetitionStatus, PetitionKind, Permission
ALL_KINDS = tuple(PetitionKind)


class Step(enum.StrEnum):
    ACCEPT = "accept"  # thụ lý
    FORWARD = "forward"  # chuyển đơn
    GUIDE = "guide"  # hướng dẫn
    FILE = "file"  # lưu đơn
    NOTIFY_ACCEPTANCE = "notify_acceptance"  # thông báo thụ lý (tố cáo)
    EXTEND = "extend"  # gia hạn (tố cáo)
    PAUSE = "pause"
    RESUME = "resume"
    RESOLVE = "resolve"
    NOTIFY = "notify"  # thông báo kết quả
    WITHDRAW = "withdraw"
    REOPEN = "reopen"


@dataclass(frozen=True)
class StepRule:
    permission: Permission
    statuses: tuple[PetitionStatus, ...]
    kinds: tuple[PetitionKind, ...]
    action: str  # N_-marked, for the refusal "không thể {action}"


STEPS: dict[Step, StepRule] = {
    Step.ACCEPT: StepRule(P.HANDLE_PETITIONS, (S.RECEIVED,), ALL_KINDS, N_("thụ lý đơn")),
    Step.FORWARD: StepRule(P.HANDLE_PETITIONS, (S.RECEIVED,), ALL_KINDS, N_("chuyển đơn")),
    Step.GUIDE: StepRule(P.HANDLE_PETITIONS, (S.RECEIVED,), ALL_KINDS,
                         N_("hướng dẫn công dân")),
    Step.FILE: StepRule(P.HANDLE_PETITIONS, (S.RECEIVED,), ALL_KINDS, N_("lưu đơn")),
    Step.NOTIFY_ACCEPTANCE: StepRule(P.HANDLE_PETITIONS, (S.ACCEPTED, S.PAUSED),
                                     (K.DENUNCIATION,), N_("thông báo thụ lý")),
    Step.EXTEND: StepRule(P.HANDLE_PETITIONS, (S.ACCEPTED,), (K.DENUNCIATION,),
                          N_("gia hạn giải quyết")),
    Step.PAUSE: StepRule(P.HANDLE_PETITIONS, (S.ACCEPTED,), ALL_KINDS, N_("tạm đình chỉ")),
    Step.RESUME: StepRule(P.HANDLE_PETITIONS, (S.PAUSED,), ALL_KINDS,
                          N_("tiếp tục giải quyết")),
    Step.RESOLVE: StepRule(P.HANDLE_PETITIONS, (S.ACCEPTED,), ALL_KINDS,
                           N_("ghi kết quả giải quyết")),
    Step.NOTIFY: StepRule(P.HANDLE_PETITIONS, (S.RESOLVED,), ALL_KINDS,
                          N_("thông báo kết quả")),
    Step.WITHDRAW: StepRule(P.RECEIVE_PETITIONS, (S.RECEIVED, S.ACCEPTED, S.PAUSED), ALL_KINDS,
                            N_("ghi công dân rút đơn")),
    Step.REOPEN: StepRule(P.HANDLE_PETITIONS, (S.CLOSED, S.WITHDRAWN, S.FILED), ALL_KINDS,
                          N_("mở lại đơn")),
}


def allowed_steps(user: CurrentUser, status: PetitionStatus, kind: PetitionKind, *,
                  notice_given: bool = False) -> frozenset[Step]:
    """The steps `user` may take on a petition of `kind` in `status`; `notice_given`: a
    denunciation's notice of acceptance has gone out (it is given once)."""
    return frozenset(step for step, rule in STEPS.items()
                     if user.can(rule.permission) and status in rule.statuses
                     and kind in rule.kinds
                     and not (step == Step.NOTIFY_ACCEPTANCE and notice_given))


def check(step: Step, status: PetitionStatus, kind: PetitionKind, reference: str) -> None:
    """The refusal a user reads when `step` does not fit the petition (the role is checked with
    AppContext.require); nothing was written."""
    rule = STEPS[step]
    action = _(rule.action)
    if kind not in rule.kinds:
        raise DomainError(_("Đơn {ref} là đơn {kind}; chỉ đơn tố cáo mới {action}.").format(
            ref=reference, kind=label(kind).lower(), action=action))
    if status not in rule.statuses:
        raise DomainError(_("Đơn {ref} đang ở trạng thái “{status}”; không thể {action}.").format(
            ref=reference, status=label(status), action=action))
