"""One translation system for the screens and the paper: gettext catalogs managed with Babel.

Source strings are Vietnamese (the office's language and the default); the catalogs live in
resources/locale/<lang>/LC_MESSAGES/commune_desk.po (compiled to .mo). `vi` is complete by
construction and is where a translator refines wording; `en` serves a visiting reader.

Mark strings with `_()` where they are shown, `N_()` where they are defined at import time
(then call `_()` on them when shown), and keep placeholders named: `_("Hộ {code}").format(code=c)`.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

DOMAIN = "commune_desk"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT = "vi"
LANG_ENV = "COMMUNE_DESK_LANG"  # `COMMUNE_DESK_LANG=en python -m app …`: an English command line

_current = DEFAULT
_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def locale_dir() -> Path:
    from app.paths import resource_path

    return resource_path("locale")


def set_language(lang: str | None) -> str:
    """Switch every later `_()` to `lang` ('vi' or 'en'); unknown codes fall back to Vietnamese."""
    global _current, _translations
    lang = lang if lang in LANGUAGES else DEFAULT
    _translations = _gettext.translation(DOMAIN, locale_dir(), languages=[lang], fallback=True)
    _current = lang
    return lang


def current_language() -> str:
    return _current


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """For a word that reads differently by use, e.g. "Số hộ": a number vs. how many."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (module-level constants)."""
    return message


_paper: _gettext.NullTranslations | None = None


def paper_text(message: str) -> str:
    """Fixed text of official papers: always Vietnamese, whatever the interface language.

    Nghị định 30/2020 papers are written in Vietnamese; the `vi` catalog is where their
    wording is refined. Marked with `_` in app/paper so extraction still finds them.
    """
    global _paper
    if _paper is None:
        _paper = _gettext.translation(DOMAIN, locale_dir(), languages=[DEFAULT], fallback=True)
    return _paper.gettext(message)
