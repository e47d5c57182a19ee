"""The tab "Đơn thư & Tiếp công dân": petitions, and citizen reception (reception*.py)."""
