from django.core.management.base import BaseCommand

from programmes.demo import load_demo
from research.demo import ensure_research_pages
from review.demo import ensure_review_pages


class Command(BaseCommand):
    help = "Create the site tree and load the demo programmes (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--create-admin", action="store_true", help="create admin/admin for local use")

    def handle(self, *args, create_admin=False, **options):
        result = load_demo(create_admin=create_admin, stdout=self.stdout)
        # Here, not in programmes/demo.py: research/ and review/ build on programmes/, not the
        # other way round.
        ensure_research_pages()
        ensure_review_pages()
        self.stdout.write(
            f"Demo loaded: {len(result.created)} created, {len(result.updated)} updated, "
            f"{len(result.unchanged)} unchanged."
        )
