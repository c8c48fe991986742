from django.core.management.base import BaseCommand, CommandError

from programmes.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup written by `backup`: checksums first, then the database atomically, then media."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a backup directory (with manifest.json)")

    def handle(self, *args, directory, **options):
        try:
            result = restore(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        imported = result.imported
        self.stdout.write(
            f"Restored from {directory}: {len(imported.created)} created, {len(imported.updated)} updated, "
            f"{len(imported.unchanged)} unchanged, {result.extras_changed} with images/review data or state changed, "
            f"{result.concepts_changed} vocabulary concept(s) changed; "
            f"media: {result.media_copied} copied, {result.media_skipped} already identical."
        )
