import sys

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from programmes.models import ProgrammePage
from programmes.translated_facts import untranslated
from programmes.translation import MISSING, OUTDATED, translation_statuses
from programmes.translation_files import export_po


class Command(BaseCommand):
    help = "Write programme texts to a PO file for translators (msgid German, msgstr the translation)."

    def add_arguments(self, parser):
        parser.add_argument("lang", help="target language code, e.g. tr")
        parser.add_argument("file", help="PO file to write, or - for stdout")
        parser.add_argument("--slug", action="append", help="only these programmes (repeatable)")
        parser.add_argument("--needed", action="store_true", help="only missing or outdated translations, or untranslated facts")

    def handle(self, *args, lang, file, slug=None, needed=False, **options):
        if not Locale.objects.filter(language_code=lang).exclude(pk=Locale.get_default().pk).exists():
            raise CommandError(f"{lang!r} is not a translation language of this site")
        sources = ProgrammePage.objects.live().filter(locale=Locale.get_default()).order_by("path")
        if slug:
            sources = sources.filter(slug__in=slug)
        if needed:
            sources = [s for s in sources if self.needed(s, lang)]
        po = export_po(sources, lang)
        if file == "-":
            sys.stdout.write(str(po))
        else:
            po.save(file)
            self.stderr.write(f"{len(po)} entries written to {file}.")

    @staticmethod
    def needed(source, lang):
        status, translation = translation_statuses(source)[lang]
        return status in (MISSING, OUTDATED) or bool(untranslated(source, lang, translation))
