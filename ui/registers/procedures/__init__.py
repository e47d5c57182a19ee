"""Danh mục TTHC: the procedures catalogue."""
