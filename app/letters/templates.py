"""Letter templates: the shipped text (resources/letters/<key>.txt), the administrator's edits
(table letter_templates), checking them, and merging a draft into one.

A template is a title line ("THƯ CHÚC MỪNG") and paragraphs separated by a blank line. Merge
fields are written {ten_con}; "{{" and "}}" print a brace. A field outside app.letters.types
FIELDS, or one that does not belong to the template (the child's name in a condolence
letter), is refused when the template is saved; a field with no value for the chosen
recipient is refused when the letter is made. Both messages name the field.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app import audit
from app.auth import Permission
from app.context import AppContext
from app.desk.clock import now as clock
from app.errors import DomainError
from app.i18n import _
from app.paths import resource
from app.text import nfc
from db.models import LetterTemplate

from .types import FIELD_KEYS, TEMPLATES, fields_of

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
MAX_PARAGRAPHS = 12
MAX_CHARS = 4000


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    paragraphs: tuple[str, ...]
    edited: bool = False  # False: the shipped text
    updated_at: dt.datetime | None = None

    @property
    def text(self) -> str:
        """The template as the editor shows it: title, blank line, paragraphs."""
        return "\n\n".join((self.title, *self.paragraphs))


@dataclass(frozen=True)
class Merged:
    title: str
    paragraphs: tuple[str, ...]


def _check_key(key: str) -> str:
    if key not in TEMPLATES:
        raise DomainError(_("Không có mẫu thư “{key}”.").format(key=key))
    return key


def split_text(text: str) -> tuple[str, tuple[str, ...]]:
    """'TITLE\\n\\nparagraph\\n\\nparagraph' → (title, paragraphs); line breaks inside a
    paragraph become spaces."""
    blocks = [nfc(" ".join(line.strip() for line in block.splitlines() if line.strip()))
              for block in re.split(r"\n\s*\n", unicodedata.normalize("NFC", text or "")
                                    .replace("\r\n", "\n"))]
    blocks = [b for b in blocks if b]
    if not blocks:
        return "", ()
    return blocks[0], tuple(blocks[1:])


@functools.cache
def default(key: str) -> Template:
    """The shipped template."""
    raw = resource("letters", f"{_check_key(key)}.txt").read_text(encoding="utf-8")
    title, paragraphs = split_text(raw)
    return Template(key, title, paragraphs)


def used_fields(text: str) -> list[str]:
    """The field names in `text`, in order of first use; raises on an unmatched brace."""
    out: list[str] = []
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        if token in ("{{", "}}"):
            continue
        if m.group(1) is None:
            raise DomainError(_("Mẫu thư có dấu ngoặc “{brace}” không khớp. Trường trộn được viết "
                                "trong cặp ngoặc nhọn, ví dụ {{ten_con}}.").format(brace=token))
        name = m.group(1).strip()
        if name not in out:
            out.append(name)
    return out


def check(key: str, title: str, paragraphs: tuple[str, ...]) -> None:
    """Refuse a template with an unknown field, a field of another kind of letter, an
    unmatched brace, no title or no body."""
    _check_key(key)
    if not title.strip():
        raise DomainError(_("Mẫu thư phải có tiêu đề ở dòng đầu, ví dụ “THƯ CHÚC MỪNG”."))
    if not paragraphs:
        raise DomainError(_("Mẫu thư chưa có nội dung: sau dòng tiêu đề, để một dòng trống rồi "
                            "viết các đoạn của thư."))
    if len(paragraphs) > MAX_PARAGRAPHS or sum(map(len, paragraphs)) > MAX_CHARS:
        raise DomainError(_("Mẫu thư quá dài: thư công chỉ nên trong một trang "
                            "(tối đa {paragraphs} đoạn, {chars} ký tự).")
                          .format(paragraphs=MAX_PARAGRAPHS, chars=MAX_CHARS))
    allowed = {f.key for f in fields_of(key)}
    for name in used_fields("\n".join((title, *paragraphs))):
        if name not in FIELD_KEYS:
            raise DomainError(_("Mẫu thư dùng trường “{{{name}}}” không có trong danh sách các "
                                "trường trộn. Hãy chọn trong danh sách các trường dùng được của mẫu này.").format(name=name))
        if name not in allowed:
            raise DomainError(_("Trường “{{{name}}}” ({label}) không dùng được trong mẫu "
                                "“{template}”.").format(name=name,
                                                        label=_(FIELD_KEYS[name].label),
                                                        template=_(TEMPLATES[key][1])))


def fill(text: str, values: dict[str, str]) -> str:
    """Put the values in; a field with no value is refused with its name."""
    def one(m: re.Match) -> str:
        token = m.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = (m.group(1) or "").strip()
        value = nfc(values.get(name, "")).strip()
        if not value:
            label = _(FIELD_KEYS[name].label) if name in FIELD_KEYS else name
            raise DomainError(_("Thư này còn thiếu “{label}” (trường {{{name}}}): hãy ghi vào "
                                "trước khi lập thư.").format(label=label, name=name), field=name)
        return value
    used_fields(text)  # unmatched braces
    return _TOKEN.sub(one, text)


def merge(template: Template, values: dict[str, str]) -> Merged:
    check(template.key, template.title, template.paragraphs)
    return Merged(fill(template.title, values).upper(),
                  tuple(fill(p, values) for p in template.paragraphs))


def missing(template: Template, values: dict[str, str]) -> list[str]:
    """The fields the template uses that have no value in `values`."""
    text = "\n".join((template.title, *template.paragraphs))
    return [name for name in used_fields(text) if not nfc(values.get(name, "")).strip()]


# ---- stored templates ----------------------------------------------------------------------

def load(s: Session, key: str) -> Template:
    row = s.get(LetterTemplate, _check_key(key))
    if row is None:
        return default(key)
    title, paragraphs = split_text(row.title + "\n\n" + row.body)
    return Template(key, title, paragraphs, edited=True, updated_at=row.updated_at)


def get_template(ctx: AppContext, key: str) -> Template:
    with ctx.read() as s:
        return load(s, key)


def all_templates(ctx: AppContext) -> list[Template]:
    with ctx.read() as s:
        return [load(s, key) for key in TEMPLATES]


def parse(key: str, text: str) -> Template:
    """The editor's text as a template, checked (raises DomainError naming the problem)."""
    title, paragraphs = split_text(text)
    check(key, title, paragraphs)
    return Template(key, title, paragraphs, edited=True)


def save_template(ctx: AppContext, key: str, text: str) -> Template:
    """Store the administrator's version of a template (letters already made keep theirs)."""
    ctx.require(Permission.EDIT_LETTER_TEMPLATES)
    new = parse(key, text)
    with ctx.write() as s:
        before = load(s, key)
        row = s.get(LetterTemplate, key)
        if row is None:
            row = LetterTemplate(key=key)
            s.add(row)
        row.title, row.body = new.title, "\n\n".join(new.paragraphs)
        row.updated_at, row.updated_by = clock(), ctx.user.user_id
        audit.record(s, ctx.user, "update", "letter_template", None,
                     {"key": key, "text": [before.text, new.text]})
    return get_template(ctx, key)


def reset_template(ctx: AppContext, key: str) -> Template:
    """Go back to the shipped text."""
    ctx.require(Permission.EDIT_LETTER_TEMPLATES)
    with ctx.write() as s:
        row = s.get(LetterTemplate, _check_key(key))
        if row is not None:
            audit.record(s, ctx.user, "reset", "letter_template", None,
                         {"key": key, "text": [load(s, key).text, default(key).text]})
            s.delete(row)
    return get_template(ctx, key)
