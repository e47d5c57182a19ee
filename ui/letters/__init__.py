"""The letters tab (Thư): congratulations, condolences, apologies and thanks.

- view, controller: the tab (the queue of letters owed, made at a press of Enter; printing
  and its marks; the compose dialog and the template editor opened from here)
- register: the register of letters (filters, counts per kind, reprint, delivery, Excel)
- columns: the tables' columns and short texts
- dialogs: the small forms (a reason, a delivery), each with an `ask` class method
- compose, template_editor: writing one letter, editing the templates
"""
