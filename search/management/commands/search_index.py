from django.core.management.base import BaseCommand

from search.service import get_search_service


class Command(BaseCommand):
    help = "Manage the public search index: `search_index rebuild` indexes every live programme."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild"])
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, action, batch_size, **options):
        service = get_search_service()

        def progress(done, total):
            self.stdout.write(f"  {done}/{total} programme pages indexed")

        self.stdout.write(f"Rebuilding the {service.name} index …")
        count = service.rebuild(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Done: {count} programme pages in the index."))
