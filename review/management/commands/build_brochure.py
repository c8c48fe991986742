from django.core.management.base import BaseCommand, CommandError

from review.admin_views import EDITIONS
from review.models import BrochureBuild
from review.tasks import run_build


class Command(BaseCommand):
    help = "Generate the anniversary brochure PDF (de, en or both); the admin page shows its progress."

    def add_arguments(self, parser):
        parser.add_argument("languages", nargs="*", default=[code for code, _ in EDITIONS])
        parser.add_argument("--output", help="also write the PDF to this file (one language only)")

    def handle(self, *args, languages, output=None, **options):
        unknown = set(languages) - {code for code, _ in EDITIONS}
        if unknown:
            raise CommandError(f"Unknown edition(s): {', '.join(sorted(unknown))}; choose de or en.")
        for language in languages:
            build = run_build(BrochureBuild.objects.create(language=language))
            if build.state != BrochureBuild.State.DONE:
                raise CommandError(f"{language}: {build.error}")
            self.stdout.write(f"{language}: {build.pages} pages")
            if output:
                with open(output, "wb") as handle:
                    handle.write(bytes(build.pdf))
