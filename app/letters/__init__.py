"""Outreach letters (the "Thư" tab): congratulations at births and marriages, condolences at
deaths, apologies and thanks, made from templates, numbered, printed in batches, delivered.

- types: kinds, occasions, templates, merge fields, drafts and rows
- templates: shipped and edited templates, checking and merging
- drafts: drafts filled from the registers (events, late dossiers, households, residents)
- service: making letters (one or a batch), printing and delivery marks
- queries: the queue of letters owed, the register, counts per kind
- printing: the letters as PDF (batch, draft preview, template preview)
"""
