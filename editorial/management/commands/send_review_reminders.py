"""Weekly: e-mail each team the programmes it should check (`manage.py send_review_reminders`).

Cron: `0 7 * * 1  manage.py send_review_reminders` (docs/staff.md). Programmes without a
team go to the Integrationsbeauftragte.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from editorial.freshness import by_team, overdue_programmes
from programmes.teams import PUBLISHERS


class Command(BaseCommand):
    help = "E-mail every team the programmes that are overdue for review."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be sent, send nothing.")

    def handle(self, *args, dry_run=False, **options):
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        sent = 0
        with translation.override(settings.LANGUAGE_CODE):
            for team, rows in by_team(overdue_programmes()):
                group = team or Group.objects.filter(name=PUBLISHERS).first()
                recipients = sorted(
                    group.user_set.filter(is_active=True).exclude(email="").values_list("email", flat=True)
                ) if group else []
                name = team.name if team else PUBLISHERS
                if not recipients:
                    self.stderr.write(f"{name}: {len(rows)} overdue, but nobody in the group has an e-mail address")
                    continue
                items = [
                    {"row": row, "url": base + reverse("wagtailadmin_pages:edit", args=[row.page.pk])}
                    for row in rows
                ]
                body = render_to_string("editorial/review_reminder.txt", {"team": name, "items": items})
                subject = f"[{settings.WAGTAIL_SITE_NAME}] {len(rows)} Programme zur Überprüfung ({name})"
                self.stdout.write(f"{name}: {len(rows)} overdue -> {', '.join(recipients)}")
                if not dry_run:
                    send_mail(subject, body, None, recipients)
                    sent += 1
        self.stdout.write(f"{sent} reminder(s) sent")
