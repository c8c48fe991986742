from django.core.management.base import BaseCommand, CommandError

from programmes.exchange import ExchangeError, import_data, load_file


class Command(BaseCommand):
    help = "Import programmes from an exchange file (kb-programmes/1): upsert by slug, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the JSON file, or - for standard input")

    def handle(self, *args, file, **options):
        try:
            result = import_data(load_file(file))
        except ExchangeError as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(exc.problems)} problem(s); nothing was imported.") from None
        self.stdout.write(
            f"{len(result.created)} created, {len(result.updated)} updated, "
            f"{len(result.unchanged)} unchanged, {result.translations} translation(s) written."
        )
