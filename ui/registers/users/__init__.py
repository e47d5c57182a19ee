"""Tài khoản: staff accounts (administrators only)."""
