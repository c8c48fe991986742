"""Import and export of programmes in the exchange format (kb-programmes/1).

The contract is ../shared/contracts/programme-exchange.md; the record itself (fields and
their conversion) is programmes/record.py. Here, by job:

- `schema`: the JSON schema and problems worded as `programmes[i].field: reason`
- `validate`: every check of a file before anything is written
- `extensions`: the declared extensions kb-lessons/1 and /2, kb-licence/1
- `export`: pages -> file
- `importer`: file -> pages (Wagtail's publish for updates, a bulk insert for new pages)
"""

from .export import Export, export_data, export_text, programme_record, source_programmes
from .extensions import (
    FACTS_EXTENSION,
    KNOWN_EXTENSIONS,
    LESSONS_EXTENSION,
    LESSONS_V1,
    LICENCE_EXTENSION,
    add_licence,
    split_extensions,
)
from .importer import TAXONOMIES, ImportResult, catalogue_for, import_data, publish, update_indexes
from .schema import CORE_CHECK, FORMAT, SCHEMA, ExchangeError, SchemaCheck
from .validate import load_file, validate

__all__ = [
    "CORE_CHECK", "FACTS_EXTENSION", "FORMAT", "Export", "KNOWN_EXTENSIONS", "LESSONS_EXTENSION", "LESSONS_V1", "LICENCE_EXTENSION", "SCHEMA",
    "TAXONOMIES", "ExchangeError", "ImportResult", "SchemaCheck", "add_licence", "catalogue_for", "export_data",
    "export_text", "import_data", "load_file", "programme_record",
    "publish", "source_programmes", "split_extensions", "update_indexes", "validate",
]
