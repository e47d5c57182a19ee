"""The one-stop desk (Tiếp nhận & trả kết quả): dossiers from reception to the returned result.

- types: inputs, plain rows handed to the window and the papers, labels
- reception: a new dossier (code, ledger line, due date-time)
- lifecycle: hand-over, supplement (clock stops), result ready, return, refusal, withdrawal,
  apology slip, administrator's correction
- queries: lookup, the attention lists, filtered lists over ids, the control sheet
"""
