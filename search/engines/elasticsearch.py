"""The Elasticsearch engine: the same `SearchService` contract as the embedded engine.

Used when ELASTICSEARCH_URL is set (search/service.py). The mapping, analysers and synonym
sets live in `search/es_mapping.py`; this module builds request bodies (pure functions, so
tests assert them as data), parses responses (pure as well) and talks to the cluster.

Index lifecycle
    The public name `<index_name>` is an alias. `rebuild()` writes the synonym sets, creates a
    new concrete index `<index_name>-<UTC timestamp>` (refresh off while loading), bulk-loads
    every live programme from `iter_docs` in batches, refreshes, then moves the alias in ONE
    `update_aliases` call (remove from the old indices + add to the new one: atomic, searches
    never see a missing or half-filled index) and deletes the old indices. `index_pages` and
    `remove_pages` write through the alias (`require_alias`, so a write can never create a
    stray concrete index under the alias name); the first write on a cluster without the
    alias runs a full rebuild instead.

Synonyms
    Staff edit `search.models.Synonym`; each language's groups become a synonyms set
    (`PUT _synonyms/<index_name>-synonyms-<lang>`, Elasticsearch >= 8.10) used by an
    `updateable` synonym_graph filter in the search analysers. Putting a set makes
    Elasticsearch reload those analysers on every index using it: no re-index, no closing
    the index, no synonym files on the nodes. We chose sets over `_reload_search_analyzers`
    because that API only re-reads files from each node's config directory, which a web
    application cannot write. The engine notices edits itself: before a search (at most
    every `synonym_check_interval` seconds) it compares the table's count and latest
    `updated_at` with what it last synced, and puts the sets that differ from the cluster's.
    `sync_synonyms()` can also be called directly (e.g. from a Synonym post_save handler).

Query
    A `bool` of `should` multi_match clauses over the weighted fields (FIELD_WEIGHTS): exact
    word forms (boost 3) > stems and synonyms (2) > compound parts, the query analysed with the
    decompounding index analyser (0.8) > typo-tolerant `fuzziness: AUTO` on the exact forms
    (0.5). Clauses are term-centric (`cross_fields`) with `minimum_should_match` so longer
    queries need most of their words, wherever in the document they are. Stop words are
    removed from the text first, so they neither count for nor block that threshold. The
    user's text only ever goes into `query` of match-type queries (and the suggesters' text),
    never into query_string syntax. Language scope and facet filters are filters; facet
    filters go into `post_filter` and into per-facet filter aggregations that apply every
    filter except the facet's own (the contract's facet counts).
"""

import html
import logging
import re
import time
from datetime import UTC, datetime

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers

from programmes.languages import language_name
from programmes.models import District, ProgrammePage, TargetGroup, Theme
from programmes.models.filters import fact_labels

from ..analysis import fold, is_stop, lower, tokenize
from ..concepts import concepts, found_via, is_question_word, label_key
from ..documents import FIELD_WEIGHTS, docs_for, iter_docs
from ..es_mapping import (
    SUBFIELD_LANGUAGES,
    SYNONYM_LANGUAGES,
    ProgrammeDocument,
    concept_synonym_groups,
    index_body,
    synonym_rules,
    synonym_set_id,
)
from .base import FACETS, Hit, SearchResults, SearchService, SearchUnavailable

logger = logging.getLogger(__name__)

# minimum_should_match for the text clauses: one word alone is required; of 2–3 words one may
# be missing; from 4 words on 60 % must match (the embedded engine's MIN_SHOULD_MATCH).
MINIMUM_SHOULD_MATCH = "1<-1 3<60%"
BOOST_EXACT, BOOST_STEMMED, BOOST_PARTS, BOOST_FUZZY = 3.0, 2.0, 0.8, 0.5
BOOST_CONCEPT, BOOST_QUESTION = 1.4, 0.3  # concept terms: below a direct match (0.7 of it, as embedded)
FACET_SIZE = 250
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's index.max_result_window default
HIGHLIGHT_FIELDS = ("summary", "description")
SOURCE_FIELDS = ["slug", "title", "url", "summary", "description", "themes", "status",
                 "start_year", "end_year", "lang"]
MARK, UNMARK = "<mark>", "</mark>"


# --- query bodies (pure) ------------------------------------------------------------------

def query_text(text):
    """The text to search: whitespace-normalised, stop words dropped (kept if nothing else is left)."""
    words = text.split()
    kept = [w for w in words if not _is_stop(w)]
    return " ".join(kept or words)


def split_question(text):
    """(content words, question words) of the query text: question phrasing ("where can I",
    "welche Hilfe", "nerede") is searched but not required (search/concepts.py)."""
    words = query_text(text).split()
    content = [w for w in words if not is_question_word(re.sub(r"\W", "", w.lower()))]
    if not content:
        return " ".join(words), ""
    return " ".join(content), " ".join(w for w in words if w not in content)


def concept_matches(text, lang, partial=False):
    """The vocabulary concepts the query names (read from the database, like the embedded
    engine); `partial`: the last resort, see ConceptTable.match."""
    words = [w for w in tokenize(lower(text, lang)) if not _is_stop(w)]
    # A question word alone ("help", "Hilfe") names no concept worth widening the query to.
    return [m for m in concepts.refresh().match(words, partial=partial) if not all(is_question_word(w) for w in m.words)]


def _is_stop(word):
    bare = re.sub(r"\W", "", word.lower())
    return bool(bare) and is_stop(bare)


def weighted_fields(suffix=None):
    """`title^5`, … for the main (German) fields, a language's sub-fields, or `.exact`."""
    out = []
    for name, weight in FIELD_WEIGHTS.items():
        field = f"{name}.{suffix}" if suffix else name
        out.append(f"{field}^{weight:g}")
    return out


def text_fields(lang):
    """Stemmed fields searched for `lang`: German (which also stands in) plus the language's own."""
    fields = weighted_fields()
    if lang in SUBFIELD_LANGUAGES:
        fields += weighted_fields(lang)
    return fields


def language_scope(lang):
    """`lang` documents, and German ones where no `lang` translation exists."""
    return {
        "bool": {
            "should": [
                {"term": {"lang": lang}},
                {"bool": {
                    "filter": [{"term": {"lang": "de"}}],
                    "must_not": [{"term": {"languages_available": lang}}],
                }},
            ],
            "minimum_should_match": 1,
        }
    }


def facet_filters(filters, skip=None):
    """One `terms` filter per facet (OR within a facet); the list is ANDed by the caller."""
    clauses = []
    for facet in FACETS:
        values = [v for v in filters.get(facet) or [] if isinstance(v, str) and v]
        if facet == skip or not values:
            continue
        clauses.append({"terms": {facet: values}})
    return clauses


def concept_clauses(matches, lang):
    """One clause per concept the query names: any of its German terms (and the page
    language's) as a phrase, boosted below the direct clauses; named `concept:<uri>` so the
    hits say which concept found them (found_via)."""
    langs = ["de"] if lang == "de" else ["de", lang]
    clauses, seen, claimed = [], set(), set()
    for match in matches:
        for entry in match.concepts:
            if entry.uri in seen:
                continue
            seen.add(entry.uri)
            # As in the embedded engine: a one-word term that answers an earlier query word's
            # concept ("Nachhilfe" of tutoring and of homework help) is not scored again.
            phrases, own = [], set()
            for code in langs:
                for term in entry.terms.get(code, []):
                    key = label_key(term, code)
                    if term in phrases or (len(key) == 1 and key in claimed):
                        continue
                    phrases.append(term)
                    if len(key) == 1:
                        own.add(key)
            claimed |= own
            if not phrases:
                continue
            clauses.append({"dis_max": {
                "queries": [{"multi_match": {"query": phrase, "type": "phrase", "fields": text_fields(lang)}}
                            for phrase in phrases],
                "boost": BOOST_CONCEPT, "_name": f"concept:{entry.uri}",
            }})
    return clauses


def relaxable(text):
    """Whether a text that found nothing is worth asking again with any one word enough: only
    with three or more content words does MINIMUM_SHOULD_MATCH require more than one."""
    return len(split_question(text)[0].split()) > 2


def text_query(text, lang, matches=(), relaxed=False):
    """The scored part: exact > stemmed/synonyms > vocabulary concepts > compound parts > fuzzy.

    Question words are left out of the required part and only add to the score. `relaxed`:
    the second try after no hits, where one content word is enough (as the embedded engine)."""
    q, question = split_question(text)
    common = {"query": q, "minimum_should_match": 1 if relaxed else MINIMUM_SHOULD_MATCH}
    scored = {
        "bool": {
            "should": [
                {"multi_match": {**common, "type": "cross_fields", "fields": weighted_fields("exact"),
                                 "boost": BOOST_EXACT, "_name": "exact"}},
                {"multi_match": {**common, "type": "cross_fields", "fields": text_fields(lang),
                                 "auto_generate_synonyms_phrase_query": False,
                                 "boost": BOOST_STEMMED, "_name": "stemmed"}},
                {"multi_match": {**common, "type": "cross_fields", "fields": weighted_fields(),
                                 "analyzer": "kb_de", "boost": BOOST_PARTS, "_name": "compound_parts"}},
                {"multi_match": {**common, "type": "best_fields", "fields": weighted_fields("exact"),
                                 "fuzziness": "AUTO", "prefix_length": 1, "max_expansions": 50,
                                 "tie_breaker": 0.3, "boost": BOOST_FUZZY, "_name": "fuzzy"}},
                *concept_clauses(matches, lang),
            ],
            "minimum_should_match": 1,
        }
    }
    if not question:
        return scored
    return {"bool": {"must": [scored], "should": [
        {"multi_match": {"query": question, "type": "cross_fields", "fields": text_fields(lang),
                         "boost": BOOST_QUESTION, "_name": "question_words"}},
    ]}}


def highlight_fields(lang):
    fields = {}
    for name in HIGHLIGHT_FIELDS:
        fields[name] = {}
        if lang in SUBFIELD_LANGUAGES:
            fields[f"{name}.{lang}"] = {}
    return fields


def build_search_body(query, matches=(), relaxed=False):
    """The whole `_search` request for a SearchQuery, as a dict; `matches`: the vocabulary
    concepts the text names (`concept_matches`); `relaxed`: see `text_query`."""
    text = (query.text or "").strip()
    scope = language_scope(query.lang)
    if text:
        main = {"bool": {"must": [text_query(text, query.lang, matches, relaxed)], "filter": [scope]}}
        # Of equal relevance, running programmes ("active" sorts first) before the others.
        sort = [{"_score": {"order": "desc"}}, {"status": {"order": "asc"}}, {"page_id": {"order": "asc"}}]
    else:
        main = {"bool": {"must": [{"match_all": {}}], "filter": [scope]}}
        sort = [{"published_at": {"order": "desc", "missing": "_last"}}, {"page_id": {"order": "desc"}}]

    start = (query.page - 1) * query.page_size
    size = query.page_size
    if start + size > MAX_RESULT_WINDOW:  # past the end: no hits, but total and facets still
        start, size = 0, 0
    body = {
        "query": main,
        "sort": sort,
        "from": start,
        "size": size,
        "track_total_hits": True,
        "_source": SOURCE_FIELDS,
    }
    active = facet_filters(query.filters)
    if active:
        body["post_filter"] = {"bool": {"filter": active}}
    if query.facets:
        body["aggs"] = {
            f"facet_{facet}": {
                "filter": {"bool": {"filter": facet_filters(query.filters, skip=facet)}},
                "aggs": {"values": {"terms": {
                    "field": facet, "size": FACET_SIZE, "order": [{"_count": "desc"}, {"_key": "asc"}],
                }}},
            }
            for facet in FACETS
        }
    if text and query.highlight:
        body["highlight"] = {
            "pre_tags": [MARK],
            "post_tags": [UNMARK],
            "encoder": "html",
            "type": "unified",
            "require_field_match": False,
            "number_of_fragments": 1,
            "fragment_size": 200,
            "fields": highlight_fields(query.lang),
        }
    if text:
        body["suggest"] = {"spelling": suggest_body(text)}
    return body


def suggest_body(text):
    """A phrase suggester on the spelling field, keeping only corrections that find something."""
    return {
        "text": text,
        "phrase": {
            "field": "spell.shingle",   # word n-gram statistics (the language model)
            "analyzer": "kb_spell",     # the text as single words; n-grams are looked up
            "gram_size": 3,
            "size": 1,
            "max_errors": 2,
            "confidence": 1.0,
            "direct_generator": [{
                "field": "spell", "suggest_mode": "missing", "min_word_length": 4,
                "prefix_length": 1, "max_edits": 2,
            }],
            "collate": {
                "query": {"source": {"match": {"spell": {"query": "{{suggestion}}", "operator": "and"}}}},
                "prune": False,
            },
        },
    }


def build_autocomplete_body(prefix, lang, limit):
    return {
        "size": 0,
        "_source": ["title"],
        "suggest": {
            "titles": {
                "prefix": prefix,
                "completion": {
                    "field": "title_suggest",
                    "size": limit,
                    "skip_duplicates": True,
                    "contexts": {"scope": [lang]},
                },
            }
        },
    }


# --- responses (pure) ---------------------------------------------------------------------

def safe_highlight(fragment):
    """Fragment text with only <mark>/</mark> as markup; everything else escaped (again).

    Elasticsearch's html encoder already escapes the text, and a literal "<mark>" in a
    document arrives as "&lt;mark&gt;", so the only real tags are the highlighter's. We
    still unescape and re-escape every piece between them (as html.escape(quote=False),
    like the embedded engine) and keep the tags balanced.
    """
    out, open_ = [], False
    for piece in re.split(r"(</?mark>)", fragment or ""):
        if piece == MARK:
            if not open_:
                out.append(MARK)
                open_ = True
        elif piece == UNMARK:
            if open_:
                out.append(UNMARK)
                open_ = False
        elif piece:
            out.append(html.escape(html.unescape(piece), quote=False))
    if open_:
        out.append(UNMARK)
    return "".join(out)


def _plain(fragment):
    return html.unescape(re.sub(r"</?mark>", "", fragment or ""))


def pick_highlight(highlight, source, lang):
    """The best fragment (summary before description, most marks), with … where text was cut."""
    for name in HIGHLIGHT_FIELDS:
        candidates = [frag for key in (f"{name}.{lang}", name) for frag in (highlight or {}).get(key, [])[:1]]
        candidates = [c for c in candidates if MARK in c]
        if not candidates:
            continue
        best = max(candidates, key=lambda c: c.count(MARK))
        text = source.get(name) or ""
        plain = _plain(best).strip()
        where = text.find(plain) if plain else -1
        prefix = "… " if where > 0 else ""
        suffix = " …" if where >= 0 and where + len(plain) < len(text.rstrip()) else ""
        return prefix + safe_highlight(best).strip() + suffix
    return None


def parse_suggestion(response, text):
    """The corrected query from the phrase suggester, in the user's capitalisation, or None."""
    entries = ((response.get("suggest") or {}).get("spelling")) or []
    options = entries[0].get("options") if entries else None
    if not options:
        return None
    option = options[0]
    if option.get("collate_match") is False:
        return None
    suggested = option.get("text", "").split()
    original = text.split()
    if not suggested:
        return None
    if len(suggested) == len(original):
        words = []
        for orig, new in zip(original, suggested, strict=True):
            if new == orig.lower():
                words.append(orig)
            elif orig[:1].isupper():
                words.append(new[:1].upper() + new[1:])
            else:
                words.append(new)
        suggested = words
    result = " ".join(suggested)
    if fold(result.lower()) == fold(" ".join(original).lower()):
        return None
    return result


def _label(labels, facet, value):
    table = (labels or {}).get(facet)
    if callable(table):
        return table(value)
    return (table or {}).get(value, value)


def parse_search_response(response, query, labels=None, matches=()):
    """SearchResults from a `_search` response (a dict or the client's ObjectApiResponse)."""
    response = getattr(response, "body", response)
    found = set()
    hits_block = response.get("hits") or {}
    total = hits_block.get("total") or 0
    if isinstance(total, dict):
        total = total.get("value", 0)
    hits = []
    for raw in hits_block.get("hits") or []:
        source = raw.get("_source") or {}
        found |= {name[len("concept:"):] for name in raw.get("matched_queries") or () if name.startswith("concept:")}
        summary = source.get("summary") or ""
        marked = pick_highlight(raw.get("highlight"), source, query.lang) if query.text.strip() else None
        hits.append(Hit(
            slug=source.get("slug", ""),
            title=source.get("title", ""),
            url=source.get("url", ""),
            summary=summary,
            highlight=marked if marked is not None else html.escape(summary[:240], quote=False),
            themes=list(source.get("themes") or []),
            status=source.get("status", ""),
            start_year=source.get("start_year"),
            end_year=source.get("end_year"),
            score=float(raw.get("_score") or 0.0),
            lang=source.get("lang", "de"),
        ))
    facets = {}
    if query.facets:
        aggs = response.get("aggregations") or {}
        for facet in FACETS:
            buckets = ((aggs.get(f"facet_{facet}") or {}).get("values") or {}).get("buckets") or []
            facets[facet] = [
                {"value": b["key"], "label": _label(labels, facet, b["key"]), "count": b["doc_count"]}
                for b in buckets if b.get("doc_count")
            ]
    suggestion = parse_suggestion(response, query.text.strip()) if query.text.strip() else None
    via = [item for item in found_via(matches, query.lang) if item["concept"] in found]
    return SearchResults(query=query, engine=ElasticsearchEngine.name, total=total, hits=hits,
                         facets=facets, suggestion=suggestion, found_via=via)


def parse_autocomplete_response(response, limit):
    response = getattr(response, "body", response)
    titles = []
    for entry in ((response.get("suggest") or {}).get("titles")) or []:
        for option in entry.get("options") or []:
            title = (option.get("_source") or {}).get("title") or option.get("text")
            if title and title not in titles:
                titles.append(title)
    return titles[:limit]


def facet_labels(lang):
    """Facet value → label in `lang` (database lookups; the parser itself is pure)."""
    labels = {
        name: {item.slug: item.label(lang) for item in model.objects.all()}
        for name, model in (("themes", Theme), ("target_groups", TargetGroup), ("districts", District))
    }
    labels["status"] = {value: str(label) for value, label in ProgrammePage.Status.choices}
    labels["languages"] = lambda code: language_name(code, lang)
    labels["facts"] = fact_labels(lang)
    return labels


def site_languages():
    return [code for code, _name in settings.LANGUAGES]


class IndexingError(RuntimeError):
    """Elasticsearch refused some of a bulk request's documents."""


def _streaming_bulk(client, actions, **kwargs):
    return helpers.streaming_bulk(client, actions, **kwargs)


# --- the engine ---------------------------------------------------------------------------

class ElasticsearchEngine(SearchService):
    name = "elasticsearch"

    request_timeout = 10
    max_retries = 2
    retry_on_timeout = True
    # Searches: None uses the client above; seconds make searches (and the synonym check before
    # them) give up after that long, without retries, raising SearchUnavailable (the fallback
    # wrapper in engines/fallback.py sets it from ELASTICSEARCH_TIMEOUT).
    search_timeout = None
    batch_size = 500
    synonym_check_interval = 5.0  # seconds between checks of the Synonym table
    raise_write_errors = False    # page writes log failures (see _guarded); rebuild always raises

    def __init__(self, url, index_name, *, client=None, replicas=None, refresh_writes=False, bulk=None):
        self.url = url
        self.index_name = index_name
        self.replicas = replicas
        self.refresh_writes = refresh_writes  # "wait_for" makes each publish visible before returning
        self.bulk = bulk or _streaming_bulk   # injectable, so tests can record the actions
        self._client = client
        self._alias_ready = False
        self._synonym_stamp = None
        self._synonyms_checked_at = None
        self._concrete = re.compile(rf"^{re.escape(index_name)}-\d{{20}}$")

    @property
    def client(self):
        if self._client is None:
            self._client = Elasticsearch(self.url, request_timeout=self.request_timeout, max_retries=self.max_retries,
                                         retry_on_timeout=self.retry_on_timeout)
        return self._client

    @property
    def search_client(self):
        """The client for searches: bounded by `search_timeout`, no retries, when that is set."""
        client = self.client
        if self.search_timeout is None or not hasattr(client, "options"):  # injected test clients
            return client
        return client.options(request_timeout=self.search_timeout, max_retries=0, retry_on_timeout=False)

    # --- synonyms -----------------------------------------------------------------------

    def sync_synonyms(self, force=False, client=None):
        """Put each language's synonym set where it differs from the cluster's; returns the ids put."""
        client = client or self.client
        rows = concept_synonym_groups(concepts.refresh().entries.values())
        put = []
        for lang in SYNONYM_LANGUAGES:
            set_id = synonym_set_id(self.index_name, lang)
            rules = synonym_rules(rows, lang)
            if not force:
                try:
                    current = client.synonyms.get_synonym(id=set_id, size=10_000)
                    current = sorted(
                        ({"id": r.get("id"), "synonyms": r.get("synonyms")} for r in current.get("synonyms_set", [])),
                        key=lambda r: r["id"] or "",
                    )
                    if current == rules:
                        continue
                except NotFoundError:
                    pass
            client.synonyms.put_synonym(id=set_id, synonyms_set=rules)
            put.append(set_id)
        return put

    def _synonyms_stamp(self):
        return concepts._current_stamp()

    def _maybe_sync_synonyms(self):
        now = time.monotonic()
        if self._synonyms_checked_at is not None and now - self._synonyms_checked_at < self.synonym_check_interval:
            return
        self._synonyms_checked_at = now
        try:
            stamp = self._synonyms_stamp()
            if stamp != self._synonym_stamp:
                self.sync_synonyms(client=self.search_client)
                self._synonym_stamp = stamp
        except TransportError as exc:  # unreachable or timed out: the search would be too
            self._synonyms_checked_at = None  # check again on the next search
            raise SearchUnavailable(f"Elasticsearch is not reachable: {exc}") from exc
        except Exception:
            logger.warning("Could not sync synonyms to Elasticsearch", exc_info=True)

    # --- indexing -----------------------------------------------------------------------

    def _document(self, doc, index, langs):
        return ProgrammeDocument.from_doc(doc, langs).to_dict(include_meta=True) | {"_index": index}

    def _alias_exists(self):
        if not self._alias_ready:
            self._alias_ready = bool(self.client.indices.exists_alias(name=self.index_name))
        return self._alias_ready

    def _write(self, actions):
        errors = []
        for ok, item in self.bulk(self.client, actions, chunk_size=self.batch_size, raise_on_error=False,
                                  raise_on_exception=True, max_retries=3, require_alias=True,
                                  refresh=self.refresh_writes):
            if ok:
                continue
            op, result = next(iter(item.items()))
            if op == "delete" and result.get("status") == 404:
                continue  # already gone
            errors.append(item)
        if errors:
            raise IndexingError(f"Elasticsearch rejected {len(errors)} writes: {errors[:3]!r}")

    def _guarded(self, what, page_ids, write):
        """Run a page write; by default a failure is logged, not raised.

        Page writes happen inside Wagtail's publish/unpublish/delete: an unreachable cluster
        must not stop editors from publishing. The index then lags until the next write of
        those pages or `manage.py search_index rebuild`. (Through `get_search_service()` the
        fallback wrapper sets `raise_write_errors`, catches the error itself and queues the
        pages for `search_index replay`.)
        """
        try:
            write()
        except (IndexingError, ApiError, TransportError):
            self._alias_ready = False  # look again next time
            if self.raise_write_errors:
                raise
            logger.exception("Elasticsearch: could not %s pages %s; run `manage.py search_index rebuild`",
                             what, list(page_ids)[:20])

    def index_pages(self, pages, loaded=False):
        pages = list(pages)
        ids = [p.pk for p in pages]
        if ids:
            self._guarded("index", ids, lambda: self._index_pages(ids, pages if loaded else None))

    def _index_pages(self, ids, loaded_pages=None):
        if not self._alias_exists():
            logger.info("No Elasticsearch index %s yet: building it from scratch", self.index_name)
            self.rebuild()
            return
        langs = site_languages()
        if loaded_pages is not None:
            docs = list(docs_for(loaded_pages))
        else:
            docs = list(iter_docs(ProgrammePage.objects.filter(pk__in=ids)))
        live = {doc.page_id for doc in docs}
        actions = [self._document(doc, self.index_name, langs) for doc in docs]
        actions += [{"_op_type": "delete", "_index": self.index_name, "_id": pk} for pk in ids if pk not in live]
        self._write(actions)

    def remove_pages(self, page_ids):
        page_ids = list(page_ids)
        if page_ids:
            self._guarded("remove", page_ids, lambda: self._remove_pages(page_ids))

    def _remove_pages(self, page_ids):
        if self._alias_exists():
            self._write([{"_op_type": "delete", "_index": self.index_name, "_id": pk} for pk in page_ids])

    def new_index_name(self):
        return f"{self.index_name}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"

    def rebuild(self, progress=None, batch_size=None):
        """Build a new concrete index, then swap the alias to it atomically; returns the count."""
        batch_size = batch_size or self.batch_size
        client = self.client
        self.sync_synonyms()  # sets must exist before an index that names them
        new_index = self.new_index_name()
        body = index_body(self.index_name, replicas=self.replicas, building=True)
        client.indices.create(index=new_index, settings=body["settings"], mappings=body["mappings"])
        queryset = ProgrammePage.objects.all()
        total = queryset.public().count()
        done = 0
        try:
            langs = site_languages()
            actions = (self._document(doc, new_index, langs) for doc in iter_docs(queryset, batch_size=batch_size))
            for _ok, _item in self.bulk(client, actions, chunk_size=batch_size, raise_on_error=True, max_retries=3):
                done += 1
                if progress and done % batch_size == 0:
                    progress(done, total)
            client.indices.put_settings(index=new_index, settings={"index": {"refresh_interval": None}})
            client.indices.refresh(index=new_index)
        except BaseException:
            try:
                client.indices.delete(index=new_index, ignore_unavailable=True)
            except Exception:
                logger.warning("Could not delete the unfinished index %s", new_index, exc_info=True)
            raise
        self._swap_alias(new_index)
        self._alias_ready = True
        if progress:
            progress(done, total)
        return done

    def _swap_alias(self, new_index):
        """Point the alias at `new_index` in one update_aliases call, then drop older indices."""
        client, alias = self.client, self.index_name
        try:
            existing = dict(client.indices.get_alias(index=f"{alias}-*"))
        except NotFoundError:
            existing = {}
        ours = {name: info for name, info in existing.items() if self._concrete.match(name) and name != new_index}
        actions = [{"remove": {"index": name, "alias": alias}}
                   for name, info in sorted(ours.items()) if alias in (info or {}).get("aliases", {})]
        # A concrete index squatting on the alias name (written before any rebuild) goes too.
        if client.indices.exists(index=alias) and not client.indices.exists_alias(name=alias):
            actions.append({"remove_index": {"index": alias}})
        actions.append({"add": {"index": new_index, "alias": alias}})
        client.indices.update_aliases(actions=actions)
        # Older indices only: a newer one belongs to a rebuild still running elsewhere.
        old = sorted(name for name in ours if name < new_index)
        if old:
            client.indices.delete(index=",".join(old))
        return actions

    # --- searching ----------------------------------------------------------------------

    def search(self, query):
        self._maybe_sync_synonyms()
        matches = concept_matches(query.text, query.lang) if (query.text or "").strip() else []
        try:
            response = self.search_client.search(index=self.index_name, body=build_search_body(query, matches))
            # Nothing with most words required: once more with any one of them enough.
            if response.get("hits", {}).get("total", {}).get("value") == 0 and relaxable(query.text or ""):
                response = self.search_client.search(
                    index=self.index_name, body=build_search_body(query, matches, relaxed=True))
            # Still nothing: words that are part of a vocabulary term name its concept (as embedded).
            if response.get("hits", {}).get("total", {}).get("value") == 0 and (query.text or "").strip():
                wider = concept_matches(query.text, query.lang, partial=True)
                if any(m.partial for m in wider):
                    matches = wider
                    response = self.search_client.search(
                        index=self.index_name, body=build_search_body(query, matches, relaxed=True))
        except (TransportError, ConnectionError) as exc:
            raise SearchUnavailable(f"Elasticsearch is not reachable: {exc}") from exc
        except ApiError as exc:
            if not isinstance(exc, NotFoundError):
                raise SearchUnavailable(f"Elasticsearch answered {exc.status_code}") from exc
            logger.error("Elasticsearch index %s does not exist; run `manage.py search_index rebuild`",
                         self.index_name)
            return SearchResults(query=query, engine=self.name, total=0, hits=[],
                                 facets={f: [] for f in FACETS} if query.facets else {}, suggestion=None)
        labels = facet_labels(query.lang) if query.facets else {}
        return parse_search_response(response, query, labels, matches)

    def autocomplete(self, prefix, lang="de", limit=8):
        prefix = " ".join((prefix or "").split())
        if len(prefix) < 2:
            return []
        try:
            response = self.search_client.search(index=self.index_name,
                                                 body=build_autocomplete_body(prefix, lang, limit))
        except NotFoundError:
            return []
        except (TransportError, ConnectionError) as exc:
            raise SearchUnavailable(f"Elasticsearch is not reachable: {exc}") from exc
        return parse_autocomplete_response(response, limit)
