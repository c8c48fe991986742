"""`manage.py vocabulary import FILE [--replace]` / `manage.py vocabulary export FILE`: SKOS Turtle."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search.skos import VocabularyError, export_vocabulary, import_vocabulary


class Command(BaseCommand):
    help = "Import or export the search vocabulary as SKOS (Turtle)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["import", "export"])
        parser.add_argument("file", help="Turtle file to read, or to write ('-' for standard output on export)")
        parser.add_argument("--replace", action="store_true",
                            help="import: delete concepts that are not in the file (default: keep them)")

    def handle(self, action, file, replace=False, **options):
        if action == "export":
            text = export_vocabulary()
            if file == "-":
                self.stdout.write(text)
            else:
                Path(file).write_text(text, encoding="utf-8")
                self.stdout.write(f"Exported the vocabulary to {file}.")
            return
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        try:
            created, updated = import_vocabulary(data, replace=replace)
        except VocabularyError as exc:
            raise CommandError(f"{file}: {exc} Nothing was imported.") from exc
        self.stdout.write(f"Imported {created + updated} concepts from {file} ({created} new, {updated} updated).")
