"""Ingest: read files (load), clean their text (clean) and split them into clause units (clauses)."""
