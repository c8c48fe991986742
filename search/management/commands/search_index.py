from django.core.management.base import BaseCommand, CommandError

from search.models import PendingIndexUpdate
from search.service import get_search_service


class Command(BaseCommand):
    help = (
        "Manage the public search index: `search_index rebuild` indexes every live programme; "
        "`search_index replay` writes the page updates Elasticsearch missed while it was down."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "replay"])
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, action, batch_size, **options):
        service = get_search_service()
        if action == "replay":
            return self.replay(service, batch_size)

        def progress(done, total):
            self.stdout.write(f"  {done}/{total} programme pages indexed")

        secondary = getattr(service, "secondary", None)
        names = f"{secondary.name} and {service.name}" if secondary else service.name
        self.stdout.write(f"Rebuilding the {names} index …")
        count = service.rebuild(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Done: {count} programme pages in the index."))

    def replay(self, service, batch_size):
        if not hasattr(service, "replay"):
            self.stdout.write(f"The {service.name} engine writes synchronously: nothing to replay.")
            return
        waiting = PendingIndexUpdate.objects.count()
        self.stdout.write(f"Replaying {waiting} queued page updates to {service.primary.name} …")
        try:
            done = service.replay(batch_size=batch_size)
        except Exception as exc:
            left = PendingIndexUpdate.objects.count()
            raise CommandError(f"Replay failed ({type(exc).__name__}: {exc}); {left} updates stay queued.") from exc
        service.skip_primary_until = 0.0
        self.stdout.write(self.style.SUCCESS(f"Done: {done} queued page updates written."))
