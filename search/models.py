"""The embedded engine's index, and the multilingual vocabulary staff edit in the admin.

The index is plain tables (documents, postings, facet values, vocabulary), so one
implementation serves SQLite and PostgreSQL alike; docs/search.md says why.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable


class IndexedProgramme(models.Model):
    """One programme page (German source or a translation) as the search index sees it."""

    page = models.OneToOneField("programmes.ProgrammePage", on_delete=models.CASCADE, related_name="+")
    translation_key = models.UUIDField(db_index=True)
    lang = models.CharField(max_length=8, db_index=True)
    # Languages this programme has pages in, as ",de,en,": German documents stand in for
    # missing translations, so a search in English also finds untranslated programmes.
    languages_available = models.CharField(max_length=100, default=",de,")
    slug = models.CharField(max_length=255, db_index=True)
    title = models.CharField(max_length=255)
    summary = models.TextField()
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    themes = models.JSONField(default=list)
    status = models.CharField(max_length=20)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField(null=True)
    published_at = models.DateTimeField(null=True, db_index=True)
    # The document's facet values as " themes=work districts=mitte ... ": facet counts read this
    # one column of the matching documents instead of joining every match to its facet rows
    # (35 ms instead of 2 s for an empty search at 100,000 programmes, docs/benchmarks.md).
    facet_keys = models.TextField(default="")

    class Meta:
        indexes = [
            models.Index(fields=["lang", "languages_available"]),
            # the empty search lists newest first
            models.Index(fields=["lang", "published_at", "id"], name="kbsearch_doc_lang_newest"),
        ]


# Postings and facet values point at their document without a database constraint: with one,
# SQLite deletes a table row by row (checking every row against its parent) instead of
# truncating it: emptying 2.7 million postings (30,000 programmes) took 20 s and 63 MB
# instead of under a second, and both grew with the index. The engine removes a document's
# rows itself before the document (engines/embedded.py).
class Posting(models.Model):
    term = models.CharField(max_length=64)
    doc = models.ForeignKey(IndexedProgramme, on_delete=models.CASCADE, related_name="postings", db_constraint=False)
    weight = models.FloatField()

    class Meta:
        # weight in the key: a common term's best postings are read straight from the index
        # (search caps each term at its top postings), and the match query is index-only.
        indexes = [models.Index(fields=["term", "weight", "doc"])]


class FacetValue(models.Model):
    doc = models.ForeignKey(
        IndexedProgramme, on_delete=models.CASCADE, related_name="facet_values", db_constraint=False
    )
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=60)

    class Meta:
        indexes = [models.Index(fields=["facet", "value", "doc"]), models.Index(fields=["doc", "facet"])]


class Vocabulary(models.Model):
    """Every indexed term with its document frequency and a readable word that produced it."""

    term = models.CharField(max_length=64, unique=True)
    df = models.PositiveIntegerField(default=0)
    surface = models.CharField(max_length=64)


class IndexState(models.Model):
    """Changed on every index change, so each process knows when its caches are stale.

    A random stamp rather than a counter: a rolled-back transaction must not make an
    old cache look current again.
    """

    version = models.PositiveBigIntegerField(default=0)
    stamp = models.CharField(max_length=32, default="")


LANGUAGES = [("de", "Deutsch"), ("en", "English"), ("tr", "Türkçe"), ("ar", "العربية"), ("uk", "Українська")]
VOCABULARY_LANGUAGES = tuple(code for code, _name in LANGUAGES)
VOCABULARY_NAMESPACE = "https://kb-integration.example/vocabulary/"


class Concept(ClusterableModel):
    """One idea of the integration domain (a SKOS concept): "integration course", with its
    names in every site language. A query naming it in any language also searches its German
    names; staff edits apply on the next search (search/concepts.py), no re-index."""

    uri = models.CharField(
        _("identifier"), max_length=255, unique=True,
        help_text=_("Stable web address of the concept (SKOS), e.g. https://kb-integration.example/vocabulary/integration-course"),
    )
    definition = models.CharField(_("definition"), max_length=500, blank=True)
    broader = models.ManyToManyField(
        "self", symmetrical=False, related_name="narrower", blank=True, verbose_name=_("broader concepts"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("uri"), FieldPanel("definition"), FieldPanel("broader"),
        InlinePanel("labels", heading=_("Terms"), label=_("term")),
    ]

    class Meta:
        verbose_name = _("vocabulary concept")
        verbose_name_plural = _("vocabulary")
        ordering = ["uri"]

    def __str__(self):
        return self.pref_label("de") or self.uri

    def pref_label(self, lang):
        for label in self.labels.all():
            if label.lang == lang and label.kind == ConceptLabel.PREF:
                return label.text
        return ""


class ConceptLabel(Orderable):
    """A term for a concept in one language: its preferred name or an alternative one
    (synonym, abbreviation, everyday word, common inflected form)."""

    PREF, ALT = "pref", "alt"

    concept = ParentalKey(Concept, on_delete=models.CASCADE, related_name="labels")
    lang = models.CharField(_("language"), max_length=8, choices=LANGUAGES, default="de")
    kind = models.CharField(
        _("kind"), max_length=4, default=ALT,
        choices=[(PREF, _("preferred term")), (ALT, _("alternative term"))],
    )
    text = models.CharField(_("term"), max_length=255)

    panels = [FieldPanel("lang"), FieldPanel("kind"), FieldPanel("text")]

    def __str__(self):
        return f"{self.text} ({self.lang})"


class PendingIndexUpdate(models.Model):
    """A page write Elasticsearch missed (the cluster was down); replayed when it is back.

    Written by the fallback wrapper (search/engines/fallback.py) when an Elasticsearch page
    write fails or is skipped; drained by `manage.py search_index replay` and after the next
    successful write. Replay writes each page as it is *now* (indexed if live, else deleted),
    so `action` only records what was missed. `page_id` is no foreign key: deleted pages'
    removals must stay queued.
    """

    class Action(models.TextChoices):
        INDEX = "index", "index"
        REMOVE = "remove", "remove"

    page_id = models.IntegerField(db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.action} page {self.page_id}"
