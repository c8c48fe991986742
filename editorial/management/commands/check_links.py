"""List broken links of published programmes: `manage.py check_links [--timeout 10]`.

Results replace the previous run's and appear in the admin under Reports → Broken links.
"""

from django.core.management.base import BaseCommand

from editorial.links import check_links


class Command(BaseCommand):
    help = "Check websites, description links and contact e-mail addresses of published programmes."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, help="Seconds to wait per link (LINK_CHECK_TIMEOUT).")

    def handle(self, *args, timeout=None, **options):
        rows = check_links(timeout=timeout)
        broken = [row for row in rows if not row.ok]
        for row in broken:
            self.stdout.write(f"{row.page.slug}: {row.where}: {row.target} – {row.error}")
        self.stdout.write(f"{len(rows)} link(s) checked, {len(broken)} broken")
