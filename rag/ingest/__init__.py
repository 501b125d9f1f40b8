"""Ingest stage: files → cleaned documents (with their metadata) → citable units.

* load: ``load.py`` (files, ids), ``decode.py`` (encodings), ``formats_pdf.py``,
  ``formats_docx.py``, ``formats_html.py``, ``errors.py``;
* clean: ``clean.py`` (entry), ``markdown.py`` (re-flow, escapes, struck text), ``noise.py``
  (page marks, footers, tables), ``spaces.py`` and ``widths.py`` (display normalisation),
  ``paragraphs.py`` (joining broken lines), ``frontmatter.py`` (``DocumentMeta``);
* parse: ``clauses.py`` (entry: ``parse``), ``grammar.py`` (the line grammar), ``numerals.py``,
  ``structure.py`` (heading tree), ``numbering.py`` (warnings), ``prose.py`` (unnumbered texts),
  ``units.py`` and ``passages.py`` (units and their passages);
* ``subcite.py``: the span of an item or paragraph inside an article.

See docs/documents.md for the structures recognised and the citation labels.
"""
