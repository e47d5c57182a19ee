"""Danh mục thôn: the villages register."""
