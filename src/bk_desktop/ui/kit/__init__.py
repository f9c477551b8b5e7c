"""The one set of widgets every window, tab, page and dialog is built from.

Each module holds one kind of piece: ``palette`` (every colour), ``labels`` (wrapped text,
notes, status and error lines), ``forms`` (forms with field-tagged errors and drafts),
``runner`` (background work), ``tiles``, ``empty_state``, ``card``, ``records`` (a read-only
list of records) and ``page`` (a scrolling page with a title).
"""
