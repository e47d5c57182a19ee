"""Who takes a dossier: the officers a hand-over offers, and the one it suggests.

Only active officers (công chức chuyên môn) take dossiers: not the clerks who receive them,
the administrator or the chairman. The suggestion follows the catalogue: the procedure's own
officer, else the officer of its field (set on the procedures register), else the officer who
last handled a dossier of this procedure; the reason is said, so the clerk can trust it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.context import AppContext
from app.desk.queries import load_dossier
from app.desk.types import EventKind
from app.i18n import _
from app.users import UserRow, list_officers
from db.models import Dossier, DossierEvent, FieldOfficer, Procedure


@dataclass(frozen=True)
class HandOverChoices:
    officers: list[UserRow]  # active officers, in name order
    suggested_id: int | None  # one of `officers`, or None when nothing points at anyone
    reason: str  # why that one, in a sentence for the form


def hand_over_choices(ctx: AppContext, key) -> HandOverChoices:
    offered = list_officers(ctx)
    allowed = {u.id: u for u in offered}
    with ctx.read() as s:
        d = load_dossier(s, key)
        proc = s.get(Procedure, d.procedure_id)
        field_officer = s.scalar(select(FieldOfficer.user_id)
                                 .where(FieldOfficer.field == proc.field))
        last = s.scalar(
            select(DossierEvent.to_user)
            .join(Dossier, Dossier.id == DossierEvent.dossier_id)
            .where(Dossier.procedure_id == d.procedure_id, Dossier.id != d.id,
                   DossierEvent.kind == EventKind.HANDED_OVER.value,
                   DossierEvent.to_user.is_not(None))
            .order_by(DossierEvent.at.desc(), DossierEvent.id.desc()).limit(1))
    for candidate, why in (
            (proc.officer_id, _("cán bộ phụ trách thủ tục này")),
            (field_officer, _("cán bộ phụ trách lĩnh vực {field}").format(field=proc.field)),
            (last, _("cán bộ xử lý thủ tục này gần đây nhất"))):
        if candidate in allowed:
            return HandOverChoices(offered, candidate, _("Gợi ý: {name}, {why}.").format(
                name=allowed[candidate].full_name, why=why))
    return HandOverChoices(offered, None, _("Chưa có cán bộ phụ trách lĩnh vực {field}; vui "
                                            "lòng chọn cán bộ xử lý.").format(field=proc.field))
