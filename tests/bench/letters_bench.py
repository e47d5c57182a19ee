"""Benchmark: a batch of real letters printed by app.letters.printing against a bare
ReportLab script drawing the same pages (prints figures).

    /work/venv/bin/python tests/bench/letters_bench.py [--letters 500] [--repeat 5] [--profile]

In a temporary demo database, N letters of mixed kinds are made through app.letters.service:
the queue of suggestions, then every birth, marriage and death registered and every late
dossier again (with a reason for the second letter where the demo already sent one), then
thank-you letters from scratch for households until there are N. Then, timed:

- engine: `run_to_end(printing.print_letters(ctx, ids))`, reading the letters from the
  database included;
- bare: one sqlite3 query for the same letters, then a BaseDocTemplate with the header drawn
  by canvas calls, the title, "Kính gửi", the body paragraphs and the signing table as
  platypus flowables, one letter per page (the bare side of tests/bench/print_bench.py,
  with each letter's own texts).

Reported: the median time of each, the ratio engine / bare (aim: ≤ 1.3), the page count of
both (both must be N) and the PDF sizes. `--profile` adds the top of a cProfile of one engine
run.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from print_bench import BareHeader, timed  # noqa: E402
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.fonts import register_fonts  # noqa: E402
from app.jobs import run_to_end  # noqa: E402

DEEDS = [  # (occasion, viec_lam) of the thank-you letters, in turn
    ("land", "tự nguyện hiến {n} m² đất và tháo dỡ tường rào để mở rộng đường liên thôn"),
    ("flood", "kịp thời giúp bà con trong xóm di dời tài sản, khắc phục hậu quả cơn bão số 3"),
    ("feedback", "có ý kiến đóng góp thiết thực giúp Bộ phận tiếp nhận và trả kết quả bố trí "
                 "lại nơi chờ cho người cao tuổi"),
    ("other_thanks", "tích cực vận động bà con trong xóm thu gom, phân loại rác thải tại nguồn"),
]
AGAIN = "Gia đình xin thêm một bản để lưu"


# ---- the letters ------------------------------------------------------------------------------

def make_letters(ctx, n: int) -> list[int]:
    """N letters of mixed kinds made through the service, in register order."""
    from sqlalchemy import select

    from app.l10n import today
    from app.letters import drafts, queries, service
    from app.letters.types import Occasion
    from db.models import CivilEvent, Dossier, Household, Letter, Outcome

    day = today()
    batch = [g.draft for g in queries.suggestions(ctx, day)][:n]
    with ctx.read() as s:
        answered = set(s.scalars(select(Letter.civil_event_id).where(
            Letter.civil_event_id.is_not(None))))
        answered |= {d.civil_event_id for d in batch}
        late = set(s.scalars(select(Letter.dossier_id).where(Letter.kind == "apology")))
        late |= {d.dossier_id for d in batch}
        for event_id in s.scalars(select(CivilEvent.id).order_by(CivilEvent.id)):
            if len(batch) >= n:
                break
            draft = drafts.civil_event_draft(s, event_id, day)
            draft.duplicate_reason = AGAIN if event_id in answered else ""
            batch.append(draft)
        for dossier_id in s.scalars(select(Dossier.id).where(Dossier.outcome == Outcome.LATE)):
            if len(batch) >= n:
                break
            draft = drafts.dossier_draft(s, dossier_id, day)
            draft.duplicate_reason = AGAIN if dossier_id in late else ""
            batch.append(draft)
        homes = s.scalars(select(Household.id).where(Household.head_id.is_not(None))
                          .order_by(Household.id))
        for home, (occasion, deed) in zip(homes, itertools.cycle(DEEDS), strict=False):
            if len(batch) >= n:
                break
            draft = drafts.household_draft(s, home, Occasion(occasion), day)
            draft.values["viec_lam"] = deed.format(n=50 + home % 200)
            batch.append(draft)
    if len(batch) < n:
        raise SystemExit(f"only {len(batch)} letters could be drafted")
    return sorted(service.create_batch(ctx, batch))


# ---- with the engine ------------------------------------------------------------------------

def engine_pdf(ctx, ids: list[int]):
    from app.letters import printing

    return run_to_end(printing.print_letters(ctx, ids))


# ---- bare ReportLab ---------------------------------------------------------------------------

def read_bare(db_path: Path, ids: list[int]) -> list[tuple]:
    con = sqlite3.connect(db_path)
    try:
        found = {}
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            found.update((r[0], r[1:]) for r in con.execute(
                "SELECT id, number_text, letter_date, title, addressee, body, signer_lines, "
                f"signer_name FROM letters WHERE id IN ({','.join('?' * len(part))})", part))
    finally:
        con.close()
    return [found[i] for i in ids]


def bare_pdf(db_path: Path, ids: list[int], commune: str, place: str) -> bytes:
    out = io.BytesIO()
    body = ParagraphStyle("b", fontName="Serif", fontSize=14, leading=17.5,
                          alignment=TA_JUSTIFY, firstLineIndent=12.7 * mm, spaceAfter=6)
    centre = ParagraphStyle("c", fontName="Serif-Bold", fontSize=14, leading=17.5,
                            alignment=TA_CENTER)
    plain = ParagraphStyle("p", parent=centre, fontName="Serif", spaceBefore=6, spaceAfter=6)
    sign = ParagraphStyle("s", parent=centre)
    small = ParagraphStyle("n", fontName="Serif", fontSize=12, leading=14.4, alignment=TA_LEFT)
    doc = BaseDocTemplate(out, pagesize=A4, leftMargin=30 * mm, rightMargin=15 * mm,
                          topMargin=20 * mm, bottomMargin=20 * mm, initialFontName="Serif")
    frame = Frame(30 * mm, 20 * mm, 165 * mm, 257 * mm, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("p", [frame])])  # one-page letters: no page numbers
    story = []
    for i, (number, day, title, addressee, paragraphs, lines, name) in enumerate(
            read_bare(db_path, ids)):
        y, m, d = day.split("-")
        if i:
            story.append(PageBreak())
        story += [BareHeader(number, commune, f"{place}, ngày {d} tháng {m} năm {y}"),
                  Spacer(1, 12), Paragraph(escape(title), centre), Spacer(1, 6),
                  Paragraph(f"Kính gửi: {escape(addressee)}", plain)]
        story += [Paragraph(escape(p), body) for p in json.loads(paragraphs)]
        left = [Paragraph("<b><i>Nơi nhận:</i></b>", small), Paragraph("- Như trên;", small),
                Paragraph("- Lưu: VT.", small)]
        right = [Paragraph(escape(line), sign) for line in json.loads(lines)]
        right += [Spacer(1, 24 * mm), Paragraph(escape(name), sign)]
        t = Table([[left, right]], colWidths=[74 * mm, 91 * mm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(t)
    doc.build(story)
    return out.getvalue()


# ---- the run ----------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--letters", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--profile", action="store_true", help="cProfile one engine run")
    args = ap.parse_args()

    from pypdf import PdfReader

    from app import settings
    from app.database import open_database
    from app.demo import DEMO_SEED, build_demo
    from app.letters import queries

    with tempfile.TemporaryDirectory(prefix="letters-bench-") as tmp:
        db_path = Path(tmp) / "quang-trung.sqlite3"
        ctx = open_database(db_path)
        try:
            t = time.perf_counter()
            run_to_end(build_demo(ctx, DEMO_SEED))
            built = time.perf_counter() - t
            t = time.perf_counter()
            ids = make_letters(ctx, args.letters)
            made = time.perf_counter() - t
            rows = queries.get_letters(ctx, ids)
            kinds = {k: sum(r.kind == k for r in rows) for k in sorted({r.kind for r in rows})}
            print(f"demo built in {built:.1f} s; {len(ids)} letters made through the service in "
                  f"{made:.1f} s: " + ", ".join(f"{k.value} {n}" for k, n in kinds.items()))
            profile = settings.profile(ctx)
            commune, place = profile.commune_name, profile.place_name or profile.commune_name
            register_fonts()
            engine_pdf(ctx, ids[:2])
            bare_pdf(db_path, ids[:2], commune, place)  # warm up: fonts parsed, modules imported

            printout = engine_pdf(ctx, ids)
            bare = bare_pdf(db_path, ids, commune, place)
            pages = len(PdfReader(io.BytesIO(printout.pdf)).pages)
            bare_pages = len(PdfReader(io.BytesIO(bare)).pages)
            read = timed(lambda: queries.get_letters(ctx, ids), args.repeat)
            e = timed(lambda: engine_pdf(ctx, ids), args.repeat)
            b = timed(lambda: bare_pdf(db_path, ids, commune, place), args.repeat)
            print(f"{len(ids)} letters, median of {args.repeat}:")
            print(f"  engine (print_letters) {e * 1000:8.1f} ms  {pages} pages "
                  f"(page_count {printout.page_count})  {len(printout.pdf) / 1024:7.1f} KiB")
            print(f"  bare ReportLab         {b * 1000:8.1f} ms  {bare_pages} pages"
                  f"                  {len(bare) / 1024:7.1f} KiB")
            print(f"  ratio engine / bare    {e / b:.2f}×  (aim ≤ 1.30)")
            print(f"  of which reading the letters (queries.get_letters): {read * 1000:.1f} ms")
            ok = pages == bare_pages == printout.page_count == len(ids)
            print("  page counts: " + ("both equal to the number of letters" if ok
                                       else "MISMATCH"))
            if args.profile:
                import cProfile
                import pstats

                prof = cProfile.Profile()
                prof.runcall(engine_pdf, ctx, ids)
                pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
            if not ok:
                raise SystemExit(1)
        finally:
            ctx.engine.dispose()


if __name__ == "__main__":
    main()
