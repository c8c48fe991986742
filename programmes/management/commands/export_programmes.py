import json
import sys

from django.core.management.base import BaseCommand

from programmes.exchange import export_data


class Command(BaseCommand):
    help = "Export every programme in the exchange format (kb-programmes/1)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to write, or - for standard output")
        parser.add_argument(
            "--strict", action="store_true",
            help="core kb-programmes/1 only: leave out extensions such as kb-lessons/2 (docs/exchange-extensions.md)",
        )

    def handle(self, *args, file, strict=False, **options):
        text = json.dumps(export_data(strict=strict), ensure_ascii=False, indent=2) + "\n"
        if file == "-":
            sys.stdout.write(text)
        else:
            with open(file, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(f"Exported to {file}.")
