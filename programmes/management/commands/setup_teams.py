"""Create (or repair) the team, publisher and moderator groups: `manage.py setup_teams`."""

from django.core.management.base import BaseCommand

from programmes.teams import ensure_teams


class Command(BaseCommand):
    help = "Create the office teams, Integrationsbeauftragte and Moderators with their page permissions."

    def handle(self, *args, **options):
        groups = ensure_teams()
        self.stdout.write(", ".join(sorted(groups)))
