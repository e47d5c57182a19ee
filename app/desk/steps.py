"""Which step of a dossier is allowed, for whom and in which status: one table.

`app.desk.lifecycle` enforces it on every step; the dossier window asks `allowed_steps` to
enable its buttons and `papers` to enable its prints, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.auth import CurrentUser, Permission
from app.desk.types import CLOSED_STATUSES, OPEN_STATUSES, EventKind, Paper, Step
from app.errors import DomainError
from app.i18n import N_, _
from app.labels import label
from db.models import DossierStatus

S = DossierStatus
P = Permission


@dataclass(frozen=True)
class StepRule:
    permission: Permission
    statuses: tuple[DossierStatus, ...]
    action: str  # N_-marked verb for the refusal: "không thể {action}"


STEPS: dict[Step, StepRule] = {
    Step.HAND_OVER: StepRule(P.PROCESS_DOSSIERS, (S.RECEIVED, S.IN_PROGRESS),
                             N_("chuyển xử lý")),
    Step.SUPPLEMENT: StepRule(P.PROCESS_DOSSIERS, (S.RECEIVED, S.IN_PROGRESS),
                              N_("yêu cầu bổ sung")),
    Step.SUPPLEMENT_RECEIVED: StepRule(P.PROCESS_DOSSIERS, (S.SUPPLEMENT,),
                                       N_("ghi nhận hồ sơ bổ sung")),
    Step.READY: StepRule(P.PROCESS_DOSSIERS, (S.RECEIVED, S.IN_PROGRESS),
                         N_("ghi nhận có kết quả")),
    Step.RETURN: StepRule(P.RECEIVE_DOSSIERS, (S.READY,), N_("trả kết quả khi chưa có kết quả")),
    Step.REFUSE: StepRule(P.PROCESS_DOSSIERS, (S.RECEIVED, S.IN_PROGRESS, S.SUPPLEMENT),
                          N_("từ chối")),
    Step.WITHDRAW: StepRule(P.RECEIVE_DOSSIERS, OPEN_STATUSES, N_("rút hồ sơ")),
    Step.APOLOGY: StepRule(P.PROCESS_DOSSIERS, (S.RECEIVED, S.IN_PROGRESS, S.READY),
                           N_("hẹn lại ngày trả")),
    Step.CORRECT: StepRule(P.CORRECT_DOSSIERS, CLOSED_STATUSES, N_("sửa hồ sơ")),
}


def allowed_steps(user: CurrentUser, status: DossierStatus) -> frozenset[Step]:
    """The steps `user` may take on a dossier in `status` (the buttons to enable)."""
    return frozenset(step for step, rule in STEPS.items()
                     if user.can(rule.permission) and status in rule.statuses)


def check_status(step: Step, status: DossierStatus, code: str) -> None:
    """Raise the refusal a user reads when `step` is not allowed in `status` (the role is
    checked with AppContext.require); nothing was written."""
    rule = STEPS[step]
    action = _(rule.action)
    if status in rule.statuses:
        return
    if status in CLOSED_STATUSES and step != Step.CORRECT:
        raise DomainError(_("Hồ sơ {code} đã kết thúc ({status}); không thể {action}. Chỉ quản "
                            "trị hệ thống được sửa hồ sơ đã kết thúc, kèm lý do.")
                          .format(code=code, status=label(status), action=action))
    if step == Step.CORRECT:
        raise DomainError(_("Hồ sơ chưa kết thúc; hãy xử lý theo quy trình bình thường."))
    raise DomainError(_("Hồ sơ {code} đang ở trạng thái “{status}”; không thể {action}.")
                      .format(code=code, status=label(status), action=action))


def papers(status: DossierStatus, events: Iterable[EventKind], apologies: int) -> frozenset[Paper]:
    """The papers a dossier has something to print on: the slip and the control sheet always,
    the supplement request once one was made, the refusal once refused, the apology once one
    was issued."""
    kinds = set(events)
    found = {Paper.SLIP, Paper.CONTROL}
    if EventKind.SUPPLEMENT_REQUESTED in kinds:
        found.add(Paper.SUPPLEMENT)
    if status == S.REFUSED:
        found.add(Paper.REFUSAL)
    if apologies > 0:
        found.add(Paper.APOLOGY)
    return frozenset(found)
