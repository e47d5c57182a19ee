"""A one-to-few-page paper in the Nghị định 30/2020 layout: header, type and subject,
"Kính gửi", body, signing block and "Nơi nhận". Letters (thư công), reports and notices all
use it; a batch of them goes into one PDF with app.paper.template.batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.paper.header import (
    OfficialHeader,
    addressee_block,
    agency_lines,
    national_lines,
    title_block,
)
from app.paper.qr import QrCode
from app.paper.signature import Signer, signing_block
from app.paper.styles import PageSpec, text


@dataclass(frozen=True)
class Letterhead:
    """The issuing commune as the header prints it (from app.settings.profile)."""

    commune: str
    parent_unit: str = ""
    place: str = ""  # "Quang Trung" in "Quang Trung, ngày …"; the commune name when empty

    @property
    def place_name(self) -> str:
        return self.place or self.commune


@dataclass(frozen=True)
class Letter:
    """What one paper says. `body` items are Paragraph markup: escape user data with
    app.paper.styles.markup; <b> and <i> are available."""

    head: Letterhead
    number: str | None  # "05/BC-UBND" after "Số: "; None prints no "Số" line
    place_date: str  # "Quang Trung, ngày 05 tháng 11 năm 2023"
    doc_type: str  # "THƯ CÔNG", "BÁO CÁO"; "" for a công văn
    subject: str = ""  # trích yếu (for a công văn: 'V/v …' under the number)
    addressees: tuple[str, ...] = ()  # Kính gửi
    body: tuple[str, ...] = ()
    signer: Signer = field(default_factory=lambda: Signer(("",), ""))
    copies_to: tuple[str, ...] = ()  # Nơi nhận, ending with '- Lưu: VT.'
    qr: str | None = None  # a record's code, as a QR code under "Nơi nhận"


def letter_flowables(spec: PageSpec, letter: Letter) -> list[Flowable]:
    st = spec.styles
    head = letter.head
    is_dispatch = not letter.doc_type  # công văn: subject under the number, no title
    out: list[Flowable] = [OfficialHeader(
        spec, agency_lines(spec, head.commune, head.parent_unit), national_lines(spec),
        number=letter.number, place_date=letter.place_date,
        summary=letter.subject if is_dispatch else None)]
    if is_dispatch:
        out.append(Spacer(1, 12))
    else:
        out.extend(title_block(spec, letter.doc_type, letter.subject))
    out.extend(addressee_block(spec, letter.addressees))
    paragraphs = [Paragraph(text(p), st.body) for p in letter.body]
    if paragraphs:
        paragraphs[-1].keepWithNext = 1  # the signing block never stands alone on a page
    out.extend(paragraphs)
    qr = [QrCode(letter.qr, size=22 * mm * spec.scale)] if letter.qr else []
    out.append(signing_block(spec, letter.signer, letter.copies_to, left_extra=qr))
    return out
