"""The petitions tab (Đơn thư & Tiếp công dân): petitions on their legal clocks, and citizen
reception beside them.

- view, controller: the tab and its petitions page (attention buckets, filters, lookup,
  the lazy list); the reception page (reception*.py) is another sub-tab of the same view
- columns: the tables' columns, the rows past their clock in red
- new_petition: the form of a petition received (the earlier cases of its petitioner)
- window, details, step_forms: one petition, its clocks and history, and the steps its
  state, kind and the user's role allow (each step's form has an `ask` class method)
- rules: the clocks' rule table, amended by the administrator
"""
