"""Who signs, and the signing block with "Nơi nhận:" beside it.

UBND xã works collectively, so every paper is signed "TM. ỦY BAN NHÂN DÂN" over the
chairman's title; a vice-chairman signing for the chairman adds "KT. CHỦ TỊCH" over
"PHÓ CHỦ TỊCH" (Nghị định 30/2020, Phụ lục I). The names come from settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from app.context import AppContext
from app.errors import DomainError
from app.i18n import paper_text as _  # official papers are always Vietnamese
from app.paper.styles import FONT, PageSpec, markup, text


@dataclass(frozen=True)
class Signer:
    lines: tuple[str, ...]  # the bold authority lines, top to bottom
    name: str


def signer(ctx: AppContext, deputy: str | None = None) -> Signer:
    """The chairman from the profile; or `deputy`, one of the vice-chairmen in the settings."""
    with ctx.read() as s:
        return signer_in(s, deputy)


def signer_in(session: Session, deputy: str | None = None) -> Signer:
    """`signer` as `session` sees the settings."""
    from app import settings

    paper = settings.paper_in(session)
    tm = _("TM. ỦY BAN NHÂN DÂN")
    if deputy is None:
        return Signer((tm, paper.chairman_title), settings.profile_in(session).chairman_name)
    if text(deputy) not in paper.vice_chairmen:
        raise DomainError(_("“{name}” không có trong danh sách Phó Chủ tịch ở phần cài đặt.")
                          .format(name=text(deputy)))
    return Signer((tm, _("KT. {title}").format(title=paper.chairman_title),
                   _("PHÓ {title}").format(title=paper.chairman_title)), text(deputy))


def default_recipients(storage: str = "") -> list[str]:
    """The last line of every list: '- Lưu: VT.' or '- Lưu: VT, VP.'."""
    return [_("Lưu: VT, {unit}.").format(unit=storage) if storage else _("Lưu: VT.")]


def _signing_column(spec: PageSpec, who: Signer, place_date: str | None) -> list[Flowable]:
    st = spec.styles
    out: list[Flowable] = []
    if place_date:
        out.append(Paragraph(markup(place_date), st.sign_date))
    out += [Paragraph(markup(line).upper(), st.sign) for line in who.lines]
    out.append(Spacer(1, 24 * mm * spec.scale))  # signature and seal
    out.append(Paragraph(markup(who.name), st.sign))
    return out


def signing_block(spec: PageSpec, who: Signer, recipients: Sequence[str] = (),
                  place_date: str | None = None, left_title: str | None = None,
                  left_name: str | None = None,
                  left_extra: Sequence[Flowable] = ()) -> Flowable:
    """Signing block on the right; on the left "Nơi nhận:" and its list (each item as
    '- …;', the last one usually '- Lưu: VT.'), or, on lists and tables, a second signature
    (`left_title`, e.g. 'NGƯỜI LẬP DANH SÁCH', and `left_name`). `place_date` goes above the
    signing block where the paper has none in its header."""
    st = spec.styles
    left: list[Flowable] = []
    if left_title:
        if place_date:
            left.append(Paragraph("&nbsp;", st.sign_date))
        left.append(Paragraph(markup(left_title).upper(), st.sign))
        left.append(Spacer(1, 24 * mm * spec.scale + st.sign.leading * (len(who.lines) - 1)))
        if left_name:
            left.append(Paragraph(markup(left_name), st.sign))
    elif recipients:
        # "Nơi nhận:" (12 pt) on the baseline of the signing block's first line (13–14 pt)
        left.append(Spacer(1, st.sign.fontSize - st.recipients_head.fontSize))
        left.append(Paragraph(markup(_("Nơi nhận:")), st.recipients_head))
        items = [text(r).rstrip(";.") for r in recipients if text(r)]
        for i, item in enumerate(items):
            end = "." if i == len(items) - 1 else ";"
            left.append(Paragraph(f"- {markup(item)}{end}", st.recipients_item))
    if left_extra:
        left += [Spacer(1, 6), *left_extra]
    right = _signing_column(spec, who, place_date)
    width = spec.frame_width
    left_w = width * (0.5 if left_title else 0.45)
    # one row: never split, moved whole to the next page when it does not fit
    table = Table([[left, right]], colWidths=[left_w, width - left_w], spaceBefore=6)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, st.sign.fontSize),  # never the default Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table
