"""The bundled serif font (Liberation Serif 2, SIL OFL), registered with ReportLab once.

Official papers (Nghị định 30/2020) want a Times-like serif that covers Vietnamese; the
ReportLab standard Times does not, so every document uses the family returned here.
"""

from __future__ import annotations

import threading

FAMILY = "Serif"

# ReportLab face name -> bundled file
_FACES = {
    FAMILY: "LiberationSerif-Regular.ttf",
    f"{FAMILY}-Bold": "LiberationSerif-Bold.ttf",
    f"{FAMILY}-Italic": "LiberationSerif-Italic.ttf",
    f"{FAMILY}-BoldItalic": "LiberationSerif-BoldItalic.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the four faces and the family "Serif" with ReportLab; return the family name.

    Safe to call any number of times from any thread: the work is done once per process.
    After it, `fontName="Serif"` works in canvases and paragraph styles, and <b>, <i>
    and <b><i> in Paragraph markup pick the matching face.
    """
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if _registered:
            return FAMILY
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        from app.paths import resource_path

        known = set(pdfmetrics.getRegisteredFontNames())
        for face, filename in _FACES.items():
            if face not in known:
                pdfmetrics.registerFont(TTFont(face, str(resource_path("fonts", filename))))
        pdfmetrics.registerFontFamily(
            FAMILY,
            normal=FAMILY,
            bold=f"{FAMILY}-Bold",
            italic=f"{FAMILY}-Italic",
            boldItalic=f"{FAMILY}-BoldItalic",
        )
        _registered = True
    return FAMILY


def font_paths() -> dict[str, str]:
    """Face name -> file path of each bundled face (for the self-test and the UI preview)."""
    from app.paths import resource_path

    return {face: str(resource_path("fonts", name)) for face, name in _FACES.items()}
