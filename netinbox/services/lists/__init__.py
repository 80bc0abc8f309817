"""The lists netinbox shows, prints and exports: one query per list, returning typed rows.

The screens, `netinbox list …` and `netinbox export …` all read a list through the same query, so
the three can never disagree on who is in it or in what order. Import the query from its module
(`from netinbox.services.lists.conversations import conversations`).
"""
