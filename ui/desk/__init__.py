"""The one-stop desk tab (Tiếp nhận & trả kết quả): reception, lookup, the dossier window,
the attention buckets and the list of every dossier, the ledger and the reports.

- view, controller: the tab (attention buckets, filters, the lazy list, report buttons)
- reception: the reception dialog (procedure and applicant completers, live due date)
- dossier_window, details, actions: one dossier, its events and the steps its status and
  the user's role allow (each step's small form has an `ask` class method)
- columns: the tables' columns and the labels of statuses, channels and steps
- reports: the ledger, the statistics, the fee list and the fee board
"""
