from django.core.management.base import BaseCommand, CommandError

from programmes.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up programmes (exchange format plus extras) and all media files into a new directory."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="where to write the backup; must not exist or be empty")

    def handle(self, *args, directory, **options):
        try:
            manifest, warnings = backup(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        for warning in warnings:
            self.stderr.write(f"Warning: {warning}")
        counts = manifest["counts"]
        self.stdout.write(
            f"Backed up {counts['programmes']} programme(s), {counts['translations']} translation(s), "
            f"{counts['concepts']} vocabulary concept(s) and {counts['media_files']} media file(s) to {directory}."
        )
