import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from programmes.exchange import export_text


class Command(BaseCommand):
    help = "Export every programme in the exchange format (kb-programmes/1)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to write, or - for standard output")
        parser.add_argument(
            "--strict", action="store_true",
            help="core kb-programmes/1 only: leave out extensions such as kb-lessons/1 (docs/exchange-extensions.md)",
        )

    def handle(self, *args, file, strict=False, **options):
        # Written as the records are read: a large catalogue is never held in memory at once.
        if file == "-":
            sys.stdout.writelines(export_text(strict=strict))
            sys.stdout.write("\n")
        else:
            partial = Path(f"{file}.part")  # renamed once complete: a failure leaves no half file
            try:
                with open(partial, "w", encoding="utf-8") as handle:
                    handle.writelines(export_text(strict=strict))
                    handle.write("\n")
                os.replace(partial, file)
            finally:
                partial.unlink(missing_ok=True)
            self.stderr.write(f"Exported to {file}.")
