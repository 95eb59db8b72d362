"""Importers that turn external sources into catalog procedures.

``knowledge.importer.cells`` holds one small parser per kind of portal cell (channels, documents,
legal basis, results, levels, steps ...) and :func:`variant_family`; ``knowledge.importer.portal``
reads the national portal's JSON records (dichvucong.gov.vn) and writes a JSON-lines catalog.
"""

from knowledge.importer.portal import ImportReport, import_portal, iter_portal_records, parse_record

__all__ = ["ImportReport", "import_portal", "iter_portal_records", "parse_record"]
