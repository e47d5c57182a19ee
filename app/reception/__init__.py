"""Citizen reception (tiếp công dân): the schedule of reception days and the register of visits.

- types: the inputs a form gives, the plain rows the screens and papers read
- schedule: the chairman's weekly day (a month or a year planned at once), extra sessions,
  a day marked held; the weeks with no reception day held
- visits: a visit written in the register, ending answered, guided, or with a petition
  registered in the same unit of work (app.petitions.intake.receive_in)
- queries: the register's lists, a returning citizen's earlier visits and petitions, one
  visit as its reader may see it (a denouncer's identity masked, app.petitions.privacy)
- papers: the month's schedule for the notice board, the register for a period
"""
