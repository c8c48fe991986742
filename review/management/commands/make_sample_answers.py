from django.core.management.base import BaseCommand, CommandError

from review.demo import make_sample_answers
from review.models import SurveyPage, SurveySubmission


class Command(BaseCommand):
    help = "Generate invented survey answers, each marked as sample data (for the demo and for testing charts)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=120)
        parser.add_argument("--replace", action="store_true", help="delete earlier sample answers first")

    def handle(self, *args, count, replace, **options):
        survey = SurveyPage.objects.filter(locale__language_code="de").first()
        if survey is None:
            raise CommandError("No survey page yet: run `manage.py load_demo` or create one in the admin.")
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if replace:
            deleted, _ = SurveySubmission.objects.filter(is_sample=True).delete()
            self.stdout.write(f"Deleted {deleted} earlier sample answers.")
        made = make_sample_answers(survey, count=count)
        self.stdout.write(f"Created {made} sample answers (marked as sample data).")
