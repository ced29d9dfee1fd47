"""What each page (and each command line) shows, assembled from the database.

The one layer that combines queries with rules, charts and reports. Each page's data is
one function of a connection and the language (``overview_page(con, lang)``), so the
app's cache (``pages/store.py``) keeps one result per database version and language.
"""
