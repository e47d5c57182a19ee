"""The page template and the build loop: flowables in, PDF bytes out, progress on the way.

One frame per page, exactly inside the margins (no frame padding). The page number is
centred in the top margin from the second page of each document on; a batch of letters in
one PDF restarts the count at each `DocumentStart`. The build is a job: it yields Progress as
the pages are laid out, so the UI can show a bar and cancel (closing the generator).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from app.jobs import Job, Progress
from app.paper import Printout
from app.paper.styles import FONT, PageSpec, text


class DocumentStart(Flowable):
    """Marks the first page of a document inside a batch (page numbers restart there)."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        doc = getattr(self.canv, "_doctemplate", None)
        if doc is not None:
            doc.document_first_page = self.canv.getPageNumber()


class PaperDocTemplate(BaseDocTemplate):
    def __init__(self, out: io.BytesIO, spec: PageSpec, title: str, author: str = "",
                 subject: str = "") -> None:
        self.spec = spec
        self.document_first_page = 1
        self.pages_done = 0
        super().__init__(
            out, pagesize=(spec.width, spec.height), leftMargin=spec.left,
            rightMargin=spec.right, topMargin=spec.top, bottomMargin=spec.bottom,
            title=text(title), author=text(author), subject=text(subject),
            creator="Commune Desk", invariant=True, pageCompression=1, initialFontName=FONT,
            initialFontSize=spec.body_size,
        )
        frame = Frame(spec.left, spec.bottom, spec.frame_width, spec.frame_height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", frames=[frame], onPageEnd=self._page_end,
                                            pagesize=(spec.width, spec.height))])

    def _page_end(self, canv, doc) -> None:
        """Page number centred in the top margin, from the document's second page."""
        self.pages_done += 1
        number = canv.getPageNumber() - self.document_first_page + 1
        if number < 2:
            return
        spec = self.spec
        size = spec.styles.page_number
        canv.saveState()
        canv.setFont(FONT, size)
        canv.drawCentredString(spec.left + spec.frame_width / 2,
                               spec.height - spec.top / 2 - size / 3, str(number))
        canv.restoreState()


def batch(documents: Sequence[Sequence[Flowable]]) -> list[Flowable]:
    """Several documents in one PDF: each starts on a new page with its own page numbers."""
    out: list[Flowable] = []
    for i, flowables in enumerate(documents):
        if i:
            out.append(PageBreak())
        out.append(DocumentStart())
        out.extend(flowables)
    return out


def _drive(doc: PaperDocTemplate, flowables: list[Flowable]) -> Iterator[None]:
    """BaseDocTemplate.build, one flowable (or one page of a split table) per step."""
    doc._startBuild()
    canv = doc.canv
    saved_info = canv._doc.info
    try:
        canv._doctemplate = doc
        while flowables:
            doc.clean_hanging()
            doc.handle_flowable(flowables)
            yield
    finally:
        del canv._doctemplate
    canv._doc.info = saved_info
    doc._endBuild()


def build_pdf(spec: PageSpec, flowables: list[Flowable], *, title: str, author: str = "",
              subject: str = "", suggested_name: str,
              progress: Callable[[], Progress | None] | None = None) -> Job[Printout]:
    """Lay the flowables out on `spec`'s pages; yield what `progress()` reports (if anything)
    as the layout goes on; return the Printout."""
    out = io.BytesIO()
    doc = PaperDocTemplate(out, spec, title, author, subject)
    flowables = list(flowables)
    if not hasattr(doc, "handle_flowable") or not hasattr(doc, "_startBuild"):
        doc.build(flowables)  # a ReportLab without the build steps: no progress, same result
    else:
        last = None
        for _step in _drive(doc, flowables):
            if progress is not None:
                report = progress()
                if report is not None and report != last:
                    last = report
                    yield report
    return Printout(title=text(title), page_size=spec.name, pdf=out.getvalue(),
                    page_count=doc.pages_done, suggested_name=suggested_name)
