"""Catalog upkeep for the developers: extract → update → compile, with Babel's Python API.

`python -m app.i18n_tools` refreshes everything in resources/locale/. It does in-process what
these commands do from the repository root (pybabel comes with Babel):

    pybabel extract -F resources/locale/babel.cfg -k N_ -k ngettext:1,2 -k pgettext:1c,2 \
        --add-comments=TRANSLATORS: --project="Commune Desk" \
        -o resources/locale/commune_desk.pot app ui db
    pybabel update -i resources/locale/commune_desk.pot -d resources/locale \
        -D commune_desk --ignore-obsolete
    pybabel compile -d resources/locale -D commune_desk --statistics

and one step pybabel has no switch for: in the Vietnamese catalog every new or empty msgstr
is filled with its msgid (the source strings are Vietnamese, so `vi` is complete by
construction; a translator may still refine its wording there). The English catalog keeps
its translations; new strings stay empty (or fuzzy, a guess from a similar old string) until
a translator fills them in, and meanwhile show in Vietnamese.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from app import __version__
from app.i18n import DOMAIN, LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
MAPPING = LOCALE / "babel.cfg"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
SOURCES = ("app", "ui", "db")
KEYWORDS = {"_": None, "N_": None, "paper_text": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
COMMENT_TAGS = ("TRANSLATORS:",)
PROJECT = "Commune Desk"
HOLDER = "the Commune Desk authors"
WIDTH = 100


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def _method_map() -> tuple[list[tuple[str, str]], dict]:
    from babel.messages import frontend

    parse = getattr(frontend, "parse_mapping_cfg", None) or frontend.parse_mapping
    with open(MAPPING, encoding="utf-8") as fh:
        return parse(fh)


def extract_template(root: Path = ROOT, sources: Iterable[str] = SOURCES) -> Catalog:
    """Every marked string of the source folders, as a template catalog (no translations)."""
    method_map, options_map = _method_map()
    catalog = Catalog(project=PROJECT, version=__version__, copyright_holder=HOLDER,
                      charset="utf-8", fuzzy=False)
    for folder in sources:
        found = extract_from_dir(root / folder, method_map, options_map, keywords=KEYWORDS,
                                 comment_tags=COMMENT_TAGS, strip_comment_tags=True)
        for filename, lineno, message, comments, context in found:
            where = f"{folder}/{Path(filename).as_posix()}"
            catalog.add(message, None, [(where, lineno)], auto_comments=comments,
                        context=context)
    return catalog


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with open(path, "rb") as fh:
        return read_po(fh, locale=locale)


def _write_po(catalog: Catalog, path: Path) -> None:
    buf = io.BytesIO()
    write_po(buf, catalog, width=WIDTH, ignore_obsolete=True, include_previous=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != buf.getvalue():
        path.write_bytes(buf.getvalue())


def compile_catalog(catalog: Catalog) -> bytes:
    """The .mo bytes of a catalog; fuzzy and empty entries are left out, as gettext wants."""
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def fill_from_source(catalog: Catalog) -> int:
    """Give every empty msgstr its msgid (the Vietnamese catalog). Returns how many."""
    filled = 0
    for message in catalog:
        if not message.id:
            continue  # the header
        if message.pluralizable:
            if not any(message.string):
                message.string = tuple(message.id[1] for _n in range(catalog.num_plurals))
                filled += 1
        elif not message.string:
            message.string = message.id
            filled += 1
        message.flags.discard("fuzzy")
    return filled


def update_catalogs(verbose: bool = True) -> dict[str, tuple[int, int]]:
    """Extract the template, merge it into every catalog, compile. Returns {lang: (done, all)}."""
    template = extract_template()
    if TEMPLATE.exists():  # keep the old date when nothing changed: no noise in the diffs
        old = read_catalog(TEMPLATE)
        if [m.id for m in old] == [m.id for m in template]:
            template.creation_date = old.creation_date
    _write_po(template, TEMPLATE)
    stats: dict[str, tuple[int, int]] = {}
    for lang in LANGUAGES:
        path = po_path(lang)
        if path.exists():
            catalog = read_catalog(path, locale=lang)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project=PROJECT, version=__version__,
                              copyright_holder=HOLDER, charset="utf-8", fuzzy=False)
        # update() adopts the template's Message objects: give each catalog its own copy
        catalog.update(copy.deepcopy(template), no_fuzzy_matching=lang == "vi",
                       update_creation_date=True)
        if lang == "vi":
            fill_from_source(catalog)
        _write_po(catalog, path)
        data = compile_catalog(catalog)
        target = mo_path(lang)
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
        messages = [m for m in catalog if m.id]
        done = sum(1 for m in messages if m.string and not m.fuzzy
                   and (not m.pluralizable or all(m.string)))
        stats[lang] = (done, len(messages))
        if verbose:
            print(f"{lang}: {done}/{len(messages)} translated → {path.relative_to(ROOT)}")
    return stats


if __name__ == "__main__":
    update_catalogs()
