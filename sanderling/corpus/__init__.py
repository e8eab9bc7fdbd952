"""Corpus runs: many documents from files, folders and archives, coded on every core (or a Dask cluster) into an
embedded DuckDB store, with duplicate documents coded once and one story per real-world event.

The stages keep their rooms: `sources` reads inputs into documents, `dedup` finds duplicate documents and links
story events, `store` keeps everything in DuckDB, `run` drives a run and `cluster` spreads it over Dask.
"""
