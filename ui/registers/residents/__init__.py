"""Sổ nhân khẩu: the residents register."""
