"""Ruled tables for lists, ledgers and statistics: a bold header row repeated on every page,
an optional bold total row, and a row counter that the build loop reads for progress.

Cells are plain strings when they fit their column (fast to lay out: a list of 5,000 rows
stays a few seconds) and wrapping Paragraphs when they do not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from app.jobs import Progress
from app.paper.styles import BOLD, FONT, PageSpec, markup, text

PADDING = 3  # points, left and right of a cell's text


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # share of the frame width (the shares are scaled to add up to 1)
    align: str = "LEFT"  # LEFT, CENTER, RIGHT


class RowCounter:
    """Rows drawn so far, out of `total`: the build loop turns it into Progress."""

    def __init__(self, total: int, message: str = "", every: int = 200) -> None:
        self.total = max(total, 1)
        self.drawn = 0
        self.message = message
        self.every = every

    def progress(self) -> Progress | None:
        step = self.drawn - self.drawn % self.every if self.drawn < self.total else self.total
        return Progress(step, self.total, self.message) if step else None


def _counted_table(counter: RowCounter | None, data_rows: int, header_rows: int) -> type[Table]:
    """A Table class whose pieces add their data rows to `counter` when drawn (the pieces of
    a split table are made with `self.__class__`, so they count too)."""

    class CountedTable(Table):
        def draw(self) -> None:
            super().draw()
            if counter is not None:
                rows = len(self._cellvalues) - header_rows
                if getattr(self, "_has_total", False):
                    rows -= 1
                counter.drawn = min(counter.drawn + max(rows, 0), counter.total)

    return CountedTable


def data_table(spec: PageSpec, columns: Sequence[Column], rows: Sequence[Sequence[object]],
               total: Sequence[object] | None = None,
               counter: RowCounter | None = None) -> Table:
    """A table over the frame width: header repeated on each page, `total` as a bold last row."""
    st = spec.styles
    size = st.cell
    share = sum(c.width for c in columns)
    widths = [spec.frame_width * c.width / share for c in columns]
    header = [Paragraph(markup(c.title), st.cell_head) for c in columns]
    body: list[list[object]] = []
    for row in rows:
        cells: list[object] = []
        for value, width in zip(row, widths, strict=True):
            s = text(value)
            if stringWidth(s, FONT, size) <= width - 2 * PADDING:
                cells.append(s)
            else:
                cells.append(Paragraph(markup(s), st.cell_text))
        body.append(cells)
    data: list[list[object]] = [header, *body]
    if total is not None:
        data.append([text(v) for v in total])
    cls = _counted_table(counter, len(body), 1)
    table = cls(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), FONT, size, size * 1.15),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for i, c in enumerate(columns):
        if c.align != "LEFT":
            commands.append(("ALIGN", (i, 1), (i, -1), c.align))
    if total is not None:
        commands.append(("FONT", (0, -1), (-1, -1), BOLD, size, size * 1.15))
        table._has_total = True
    table.setStyle(TableStyle(commands))
    return table


class KeepTail(Flowable):
    """A long table and what must follow it on the same page (totals, signatures).

    When the tail does not fit under the table's last rows, the table is split earlier so
    that its last `rows` rows (with the repeated header) go over to the next page with the
    tail: a signing block never stands alone on a page. The flowable always asks to be
    split, then hands the frame ordinary flowables.

    The part that goes over starts the next page: offered the space left under the first
    part, it declines (split returns nothing), else the frame would set the repeated header
    and a few rows there, in the middle of the page.
    """

    def __init__(self, table: Table, tail: Sequence[Flowable], rows: int = 3,
                 continued: bool = False) -> None:
        super().__init__()
        self.table = table
        self.tail = list(tail)
        self.rows = rows
        self.continued = continued  # the part of a table that went over to the next page

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, avail_height + 1  # never drawn as such: always split

    def _declines(self) -> bool:
        """A continuation offered what is left of a page (not a fresh one)."""
        frame = getattr(self, "_frame", None)
        return self.continued and frame is not None and not getattr(frame, "_atTop", 1)

    def _go_on(self, rest: Table) -> KeepTail:
        return type(self)(rest, self.tail, self.rows, continued=True)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self._declines():
            return []
        _w, table_h = self.table.wrapOn(self.canv, avail_width, avail_height)
        tail_h = sum(f.wrapOn(self.canv, avail_width, avail_height)[1] + f.getSpaceBefore()
                     + f.getSpaceAfter() for f in self.tail)
        if table_h + tail_h <= avail_height:
            return [self.table, *self.tail]
        if table_h <= avail_height:
            keep = sum(self.table._rowHeights[-self.rows:])
            pieces = self.table.split(avail_width, table_h - keep - 0.5)
        else:
            pieces = self.table.split(avail_width, avail_height)
        if len(pieces) < 2:
            return []
        return [pieces[0], self._go_on(pieces[1])]

    def draw(self) -> None:  # pragma: no cover - wrap() makes the frame split it first
        raise RuntimeError("KeepTail is always split")
