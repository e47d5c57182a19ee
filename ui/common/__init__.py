"""What every tab uses; nothing here knows a tab.

- widgets: the search box, date fields, the inline error, file pickers, a list's table
- forms: the edit dialog (inline errors, `ask`), a few lines of text, the reason dialog
- models: table models over ids (lazy pages) or a short list; selection helpers
- filtered_list: filters → query → the list, its count, its kept selection, Enter to it
- formats: a moment, a label, money, a count, as table cells write them
- completer: a completer that filters on folded text (typing without diacritics)
- worker: background jobs (progress, Cancel), and `as_job` for a plain call
- errors: message boxes, the error box, the one excepthook
- settings_page: the shape and the save / undo logic of a settings page
- changes: the relay from `app.changes` to the UI thread, and the watch a screen keeps on
  the topics it shows (refreshed at once when visible, on its next show when hidden)
"""
