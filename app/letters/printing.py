"""Letters on paper: the "thư công" of Nghị định 30/2020 (app.paper.letter) with the text each
letter was made with; a batch as one PDF (each letter on its own pages), a draft or a
template as a preview that takes no number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.platypus import Flowable

from app import settings
from app.context import AppContext
from app.errors import DomainError, NotFound
from app.i18n import _, paper_text
from app.jobs import Job, Progress
from app.l10n import long_date, place_date
from app.l10n import today as vn_today
from app.paper import Printout, file_name
from app.paper.letter import Letter, Letterhead, letter_flowables
from app.paper.numbering import number_text
from app.paper.signature import Signer, signer_in
from app.paper.styles import markup, page_spec
from app.paper.template import batch, build_pdf

from . import drafts, queries, templates
from .types import DOC_TYPE, FIELDS, TEMPLATES, LetterDraft, LetterRow, Occasion, fields_of

CHUNK = 200  # letters read per query


class _Tick(Flowable):
    """Counts the letters laid out (drawn at the top of each one), for the progress bar."""

    def __init__(self, counter: list[int]) -> None:
        super().__init__()
        self.counter = counter

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.counter[0] += 1


def _head(ctx: AppContext) -> Letterhead:
    p = settings.profile(ctx)
    return Letterhead(p.commune_name, p.parent_unit, p.place_name)


def copies_to() -> tuple[str, ...]:
    return (paper_text("Như trên"), paper_text("Lưu: VT"))


def paper_of(head: Letterhead, row: LetterRow) -> Letter:
    """A stored letter as the page prints it: exactly the text it was made with."""
    return Letter(head=head, number=row.number_text,
                  place_date=place_date(head.place_name, row.letter_date), doc_type=row.title,
                  addressees=(row.addressee,), body=tuple(markup(p) for p in row.body),
                  signer=Signer(row.signer_lines, row.signer_name), copies_to=copies_to())


def print_letters(ctx: AppContext, ids: Sequence[int], *, page_size: str | None = None
                  ) -> Job[Printout]:
    """One PDF of these letters in the order given, each starting on a new page with its own
    page numbers. The page size is the letters' own (A4 when they differ) unless given."""
    if not ids:
        raise DomainError(_("Chưa chọn thư nào để in."))
    head = _head(ctx)
    total = len(ids)
    rows: list[LetterRow] = []
    for start in range(0, total, CHUNK):
        rows += queries.get_letters(ctx, ids[start:start + CHUNK])
        yield Progress(len(rows), 2 * total, _("Đang đọc thư…"))
    if len(rows) != len(set(ids)):
        raise NotFound(_("Không tìm thấy {count} thư trong số thư cần in.")
                       .format(count=len(set(ids)) - len(rows)))
    sizes = {r.page_size for r in rows}
    spec = page_spec(page_size or (sizes.pop() if len(sizes) == 1 else "A4"),
                     settings.paper(ctx))
    done = [0]
    docs = [[_Tick(done), *letter_flowables(spec, paper_of(head, r))] for r in rows]
    shown = [-1]

    def progress() -> Progress | None:
        if done[0] == shown[0]:
            return None
        shown[0] = done[0]
        return Progress(total + done[0], 2 * total, _("Đang dàn trang: {done}/{total} thư")
                        .format(done=done[0], total=total))

    first = rows[0]
    title = (paper_text("Thư số {number}").format(number=first.number_text) if len(rows) == 1
             else paper_text("{count} thư của Ủy ban nhân dân xã").format(count=len(rows)))
    name = (file_name("thu", first.number, first.year) if len(rows) == 1
            else file_name("thu", len(rows), "ban", vn_today().isoformat()))
    job = build_pdf(spec, batch(docs), title=title, author=head.commune, suggested_name=name,
                    progress=progress)
    return (yield from job)


def draft_paper(ctx: AppContext, draft: LetterDraft, template: templates.Template | None = None
                ) -> Letter:
    """What a draft would print, with the blank number a draft carries ('     /TC-UBND')."""
    with ctx.read() as s:
        template = template or templates.load(s, draft.template)
        values = drafts.recipient_values(draft, drafts.commune_name(s))
        who = signer_in(s, draft.deputy)
    merged = templates.merge(template, values)
    head = _head(ctx)
    return Letter(head=head, number=number_text(DOC_TYPE, None),
                  place_date=place_date(head.place_name, draft.letter_date), doc_type=merged.title,
                  addressees=(values["kinh_gui"],), body=tuple(markup(p) for p in merged.paragraphs),
                  signer=who,
                  copies_to=copies_to())


def preview_draft(ctx: AppContext, draft: LetterDraft,
                  template: templates.Template | None = None) -> Printout:
    """The draft as a PDF (no number is taken); raises DomainError naming a missing field."""
    from app.jobs import run_to_end

    spec = page_spec(draft.page_size, settings.paper(ctx))
    paper = draft_paper(ctx, draft, template)
    return run_to_end(build_pdf(spec, letter_flowables(spec, paper),
                                title=paper_text("Bản xem trước thư"), suggested_name="thu-nhap.pdf"))


def sample_draft(key: str, day: dt.date | None = None) -> LetterDraft:
    """A made-up recipient with every field of the template filled from its example: what
    the template editor previews."""
    if key not in TEMPLATES:
        raise DomainError(_("Không có mẫu thư “{key}”.").format(key=key))
    day = day or vn_today()
    values = {f.key: paper_text(f.hint) for f in fields_of(key) if f.templates}
    for field_key, back in (("ngay_dang_ky", 2), ("ngay_mat", 5), ("ngay_hen", 9)):
        if field_key in values:  # recent dates, as a real letter would have
            values[field_key] = long_date(day - dt.timedelta(days=back))
    occasion = {"apology": Occasion.ERROR, "thanks": Occasion.LAND}.get(key, key)
    salutation = {"marriage": "Anh chị", "apology": "Ông"}.get(key, "Gia đình ông")
    name = {"marriage": paper_text("Nguyễn Văn Hùng và Lê Thị Mai")}.get(
        key, paper_text("Nguyễn Văn An"))
    addressee = (paper_text("Anh Nguyễn Văn Hùng và chị Lê Thị Mai") if key == "marriage" else "")
    return LetterDraft(Occasion(occasion), name, salutation, day,
                       address=paper_text("Xóm 2, Thôn Đoài"), village=paper_text("Thôn Đoài"),
                       values=values, addressee=addressee)


def preview_template(ctx: AppContext, key: str, text: str) -> Printout:
    """The editor's text (checked) printed for the sample recipient."""
    return preview_draft(ctx, sample_draft(key), templates.parse(key, text))


__all__ = ["FIELDS", "draft_paper", "paper_of", "preview_draft", "preview_template",
           "print_letters", "sample_draft"]
