"""The one mechanism for the words of an enum (app.labels) and for deactivating a record
(app.records)."""

from __future__ import annotations

import enum

import pytest
from sqlalchemy import func, select

import app.auth
import app.desk.types
import app.letters.types
import app.petitions.types
from app import labels, users, villages, words
from app.errors import DomainError, NotFound
from app.i18n import set_language
from db import models
from db.models import AuditEntry, DossierStatus, Role

SHOWN = [models.Role, models.Sex, models.TimeUnit, models.CivilEventKind, models.DayKind,
         models.Channel, models.DossierStatus, models.Outcome, models.Satisfaction,
         app.desk.types.EventKind, app.desk.types.DocKind, app.letters.types.LetterKind,
         app.letters.types.Occasion, app.letters.types.DeliveryMethod, models.PetitionKind,
         models.PetitionStatus, models.PetitionOutcome, models.PetitionField, models.FileReason,
         models.Complexity, models.PetitionChannel, models.ReceptionKind, models.VisitHandling,
         app.petitions.types.EventKind, models.DaySource, app.auth.Permission]


@pytest.mark.parametrize("enum_cls", SHOWN, ids=lambda c: c.__name__)
def test_every_member_of_a_shown_enum_has_its_words(enum_cls):
    for member in enum_cls:
        text = labels.label(member)
        assert text and text != member.value, member


def test_stored_values_variants_and_the_paper_language():
    assert labels.label("ready", DossierStatus) == "Có kết quả, chờ trả"
    assert labels.label(None) == "" and labels.label("gone", DossierStatus) == "gone"
    kind = app.letters.types.LetterKind.CONDOLENCE
    assert labels.label(kind, variant="short") == "Chia buồn"
    assert labels.label(kind, variant="nothing-such") == "Thư chia buồn"  # falls back
    assert [m for m, _t in labels.choices(Role)] == list(Role)
    set_language("en")
    try:
        assert labels.label(DossierStatus.RETURNED) != labels.label(DossierStatus.RETURNED,
                                                                    paper=True)
        assert labels.label(DossierStatus.RETURNED, paper=True) == "Đã trả kết quả"
    finally:
        set_language("vi")
    with pytest.raises(TypeError):
        labels.label("ready")  # a bare string needs its enum


def test_every_set_of_words_is_whole():
    """The first set names every member of its enum; a variant names only members."""
    for (enum_cls, variant), words_of in words.LABELS.items():
        assert set(words_of) <= set(enum_cls), (enum_cls, variant)
        if not variant:
            assert set(words_of) == set(enum_cls), enum_cls.__name__
    firsts = {cls for cls, variant in words.LABELS if not variant}
    assert set(SHOWN) <= firsts
    with pytest.raises(KeyError, match="no words for Half"):
        class Half(enum.Enum):
            A = "a"
        labels.label(Half.A)


def _audits(ctx, entity):
    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == entity, AuditEntry.action.in_(("activate", "deactivate"))))


def test_one_way_to_stop_and_resume_a_record(ctx):
    vid = villages.create_village(ctx, "Thôn Mới")
    villages.set_village_active(ctx, vid, False)
    villages.set_village_active(ctx, vid, False)  # already so: nothing written
    assert _audits(ctx, "village") == 1
    villages.set_village_active(ctx, vid, True)
    assert _audits(ctx, "village") == 2
    with pytest.raises(NotFound, match="Không tìm thấy thôn này"):
        villages.set_village_active(ctx, 99_999, False)
    full = villages.list_villages(ctx)[0]  # a village with households is refused, untouched
    with pytest.raises(DomainError, match="còn"):
        villages.set_village_active(ctx, full.id, False)
    assert _audits(ctx, "village") == 2
    admin = next(u for u in users.list_users(ctx) if u.role == Role.ADMIN)
    with pytest.raises(DomainError, match="quản trị"):
        users.set_user_active(ctx, admin.id, False)  # the last administrator stays
