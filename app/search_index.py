"""Folded-token search index shared by every register (and later tabs).

Each searchable record stores its folded tokens in `search_tokens`. A query word matches a
token by prefix, which is a range scan on the (token, entity, entity_id) index: no
`LIKE '%…%'` over whole tables. Every word of the query must match (AND).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, intersect, select
from sqlalchemy.orm import Session

from app.text import tokens
from db.models import SearchToken

MAX_TOKEN = 80


def _prefix_upper(word: str) -> str:
    # Smallest string greater than every string starting with `word`.
    return word[:-1] + chr(ord(word[-1]) + 1)


def index_tokens(*texts: str | None) -> set[str]:
    out: set[str] = set()
    for text in texts:
        out.update(t[:MAX_TOKEN] for t in tokens(text))
    return out


def set_tokens(session: Session, entity: str, entity_id: int, toks: Iterable[str]) -> None:
    session.execute(
        delete(SearchToken).where(SearchToken.entity == entity, SearchToken.entity_id == entity_id)
    )
    rows = [{"entity": entity, "entity_id": entity_id, "token": t} for t in sorted(set(toks))]
    if rows:
        session.execute(insert(SearchToken), rows)


def bulk_add(session: Session, entity: str, items: Iterable[tuple[int, Iterable[str]]]) -> None:
    """Index many new records at once (imports, demo data)."""
    rows = [
        {"entity": entity, "entity_id": eid, "token": t}
        for eid, toks in items
        for t in sorted(set(toks))
    ]
    for start in range(0, len(rows), 5000):
        session.execute(insert(SearchToken), rows[start : start + 5000])


def matching_ids_stmt(entity: str, query: str):
    """A SELECT of the ids of `entity` whose tokens cover every word of `query` (by prefix).

    Returns None for an empty query (the caller lists everything).
    """
    words = sorted(set(tokens(query)), key=len, reverse=True)[:8]
    if not words:
        return None
    # One index range per word (entity = ? AND token in [word, word+1)); a record must
    # match every word, so the per-word id sets are intersected.
    per_word = [
        select(SearchToken.entity_id).where(
            SearchToken.entity == entity,
            SearchToken.token >= w,
            SearchToken.token < _prefix_upper(w),
        )
        for w in words
    ]
    if len(per_word) == 1:
        return per_word[0]  # used inside IN (…): repeats do not matter
    return intersect(*per_word)
