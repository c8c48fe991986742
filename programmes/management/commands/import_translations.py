from django.core.management.base import BaseCommand, CommandError

from programmes.translation_files import TranslationFileError, import_po


class Command(BaseCommand):
    help = "Publish the translations in a PO file (as written by export_translations); all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            pages = import_po(file)
        except TranslationFileError as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError("nothing was imported") from None
        self.stdout.write(f"{len(pages)} translation(s) published.")
