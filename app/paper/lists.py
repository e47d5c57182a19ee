"""Lists printed from the registers: households and residents, one section per village.

A list carries the compact header (agency and national motto, no number: a list is not a
numbered paper), a centred title with the date it was drawn up, one ruled table per village
with its total, and at the end the place and date with two signatures: the officer who drew
the list up and the chairman. When every village is printed each village starts on a new
page, so the pages of one village can be handed to its village head.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph

from app.i18n import N_
from app.i18n import paper_text as _  # official papers are always Vietnamese
from app.l10n import format_number, long_date, place_date, short_date
from app.masking import mask_id_number
from app.paper.header import OfficialHeader, agency_lines, national_lines, title_block
from app.paper.letter import Letterhead
from app.paper.signature import Signer, signing_block
from app.paper.styles import PageSpec, markup, text
from app.paper.tables import Column, KeepTail, RowCounter, data_table
from app.resident_lists import HouseholdRow, ResidentRow
from app.text import fold
from db.models import Sex

_VILLAGE_WORDS = ("thon ", "xom ", "ban ", "ap ", "lang ", "khu ", "to dan pho ", "khom ",
                  "buon ", "soc ", "phum ")


def village_title(name: str) -> str:
    """'Đoài' → 'Thôn Đoài'; a name that already says thôn, xóm, bản … is kept as it is."""
    name = text(name)
    if fold(name + " ").startswith(_VILLAGE_WORDS):
        return name
    return _("Thôn {name}").format(name=name)


@dataclass(frozen=True)
class Section:
    village: str
    rows: Sequence[object]  # HouseholdRow or ResidentRow


def list_header(spec: PageSpec, head: Letterhead) -> Flowable:
    return OfficialHeader(spec, agency_lines(spec, head.commune, head.parent_unit),
                          national_lines(spec))


def _title(spec: PageSpec, title: str, day: dt.date) -> list[Flowable]:
    out = title_block(spec, title)[:1]
    out.append(Paragraph(markup(_("(Tính đến {date})").format(date=long_date(day))),
                         spec.styles.subtitle))
    out.append(Paragraph("&nbsp;", spec.styles.subtitle))
    return out


def _body(spec: PageSpec, sections: Sequence[Section], table_of,
          closing: Sequence[Flowable]) -> list[Flowable]:
    """Each section's table (under the village's name when there are several, a new page
    for each), then `closing` kept on the page of the last table's last rows."""
    several = len(sections) > 1
    out: list[Flowable] = []
    if not sections:
        return [Paragraph(markup(_("(Chưa có thôn nào trong danh mục.)")), spec.styles.subtitle),
                *closing]
    for i, section in enumerate(sections):
        if several:
            # each village on a new page; never its name alone at the foot of a page
            out.append(PageBreak() if i else CondPageBreak(80))
            out.append(Paragraph(markup(village_title(section.village).upper()),
                                 spec.styles.section))
        table, after = table_of(section)
        if i == len(sections) - 1:
            out.append(KeepTail(table, [*after, *closing]))
        else:
            out += [table, *after]
    return out


HOUSEHOLD_COLUMNS = [
    Column(N_("STT"), 7, "CENTER"), Column(N_("Số hộ"), 13, "CENTER"),
    Column(N_("Họ và tên chủ hộ"), 30), Column(N_("Địa chỉ"), 36),
    Column(N_("Số nhân khẩu"), 14, "CENTER"),
]


def household_flowables(spec: PageSpec, head: Letterhead, sections: Sequence[Section],
                        title: str, day: dt.date, who: Signer, drawn_up_by: str,
                        counter: RowCounter) -> list[Flowable]:
    st = spec.styles
    columns = [Column(_(c.title), c.width, c.align) for c in HOUSEHOLD_COLUMNS]

    def table_of(section: Section) -> tuple[Flowable, list[Flowable]]:
        rows: Sequence[HouseholdRow] = section.rows  # type: ignore[assignment]
        data = [(i, r.code or "", r.head_name, r.address, format_number(r.members))
                for i, r in enumerate(rows, start=1)]
        members = sum(r.members for r in rows)
        total = ("", _("Cộng"), _("{n} hộ").format(n=format_number(len(rows))), "",
                 format_number(members))
        return data_table(spec, columns, data, total, counter), []

    closing: list[Flowable] = []
    if len(sections) > 1:
        households = sum(len(s.rows) for s in sections)
        people = sum(r.members for s in sections for r in s.rows)  # type: ignore[attr-defined]
        summary = _("Toàn xã có {villages} thôn, {households} hộ gia đình với {people} nhân "
                    "khẩu.").format(villages=format_number(len(sections)),
                                    households=format_number(households),
                                    people=format_number(people))
        closing.append(Paragraph(markup(summary), st.body))
    closing.append(signing_block(spec, who, place_date=_place_date(head, day),
                                 left_title=_("NGƯỜI LẬP DANH SÁCH"), left_name=drawn_up_by))
    return [list_header(spec, head), *_title(spec, title, day),
            *_body(spec, sections, table_of, closing)]


RESIDENT_COLUMNS = [
    Column(N_("STT"), 5, "CENTER"), Column(N_("Họ và tên"), 24),
    Column(N_("Giới tính"), 8, "CENTER"), Column(N_("Ngày sinh"), 11, "CENTER"),
    Column(N_("Số định danh cá nhân"), 15, "CENTER"), Column(N_("Quan hệ với chủ hộ"), 16),
    Column(N_("Số hộ"), 10, "CENTER"), Column(N_("Ghi chú"), 11),
]


def resident_flowables(spec: PageSpec, head: Letterhead, sections: Sequence[Section],
                       title: str, day: dt.date, who: Signer, drawn_up_by: str,
                       counter: RowCounter) -> list[Flowable]:
    st = spec.styles
    columns = [Column(_(c.title), c.width, c.align) for c in RESIDENT_COLUMNS]
    sex = {Sex.MALE: _("Nam"), Sex.FEMALE: _("Nữ")}

    def table_of(section: Section) -> tuple[Flowable, list[Flowable]]:
        rows: Sequence[ResidentRow] = section.rows  # type: ignore[assignment]
        data = [(i, r.full_name, sex.get(r.sex, ""),
                 short_date(r.birth_date) if r.birth_date else "", mask_id_number(r.cccd),
                 r.relation, r.household_code or "", "")
                for i, r in enumerate(rows, start=1)]
        men = sum(1 for r in rows if r.sex == Sex.MALE)
        total = ("", _("Cộng: {n} người").format(n=format_number(len(rows))),
                 "", "", "", "", "", "")
        line = _("{village}: {n} nhân khẩu (nam {men}, nữ {women}).").format(
            village=village_title(section.village), n=format_number(len(rows)),
            men=format_number(men), women=format_number(len(rows) - men))
        return data_table(spec, columns, data, total, counter), [Paragraph(markup(line), st.note)]

    note = _("Số định danh cá nhân được che, chỉ in 3 chữ số cuối (bảo vệ dữ liệu cá nhân).")
    closing = [Paragraph(markup(note), st.note),
               signing_block(spec, who, place_date=_place_date(head, day),
                             left_title=_("NGƯỜI LẬP DANH SÁCH"), left_name=drawn_up_by)]
    return [list_header(spec, head), *_title(spec, title, day),
            *_body(spec, sections, table_of, closing)]


def _place_date(head: Letterhead, day: dt.date) -> str:
    return place_date(head.place_name, day)
