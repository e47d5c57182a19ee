"""Sổ hộ gia đình: the households register."""
