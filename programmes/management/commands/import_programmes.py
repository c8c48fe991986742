import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from programmes.exchange import ExchangeError, import_data, load_file


class Command(BaseCommand):
    help = "Import programmes from an exchange file (kb-programmes/1): upsert by slug, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the JSON file, or - for standard input")
        parser.add_argument("--user", help="admin username recorded in the audit log as the importer")

    def handle(self, *args, file, user=None, **options):
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"--user: no user named {user!r}; nothing was imported.")
        try:
            result = import_data(load_file(file), user=account, source=str(file),
                                 by=user or f"{getpass.getuser()} (command line)")
        except ExchangeError as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(exc.problems)} problem(s); nothing was imported.") from None
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(
            f"{len(result.created)} created, {len(result.updated)} updated, "
            f"{len(result.unchanged)} unchanged, {result.translations} translation(s) written"
            + (f", {len(result.warnings)} warning(s)." if result.warnings else ".")
        )
