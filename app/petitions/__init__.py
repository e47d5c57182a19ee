"""Petitions (đơn thư: khiếu nại, tố cáo, kiến nghị, phản ánh), each on its legal clock.

- types: enums and their words, the input, the plain rows
- clock: the rule table and the day deadlines with their explanations
- privacy: who may see a denouncer's identity; masking for everyone else
- service: receive, classify (accept, forward, guide, file), extend, pause, resolve, notify,
  withdraw, reopen; one unit of work each
- queries: lists over ids, the attention lists, counts for a period
"""
