"""Commune Desk GUI (PySide6). Talks only to `app/` services; no SQL, no business rules here."""
