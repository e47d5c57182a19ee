"""Lịch nghỉ lễ: the holiday calendar."""
