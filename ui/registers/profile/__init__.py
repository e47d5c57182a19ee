"""Thông tin đơn vị: the commune profile."""
