"""The embedded engine: an inverted index in ordinary tables, scored in SQL.

Works the same on SQLite and PostgreSQL (docs/search.md). Ranking and paging happen
inside the database; Python analyses the query, tallies the facets from one column of
the matching documents and builds the highlight for the hits on the requested page.
"""

import uuid
from collections import Counter
from contextlib import contextmanager
from operator import itemgetter

from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils.translation import get_language

from programmes.bulk import insert_rows
from programmes.languages import language_name
from programmes.models import District, ProgrammePage, TargetGroup, Theme
from programmes.models.filters import fact_labels

from ..documents import FIELD_WEIGHTS, docs_for, iter_docs
from ..expansion import CONCEPT, EXACT, idf, index_terms, plan_query, vocabulary
from ..highlight import highlight
from ..models import FacetValue, IndexedProgramme, IndexState, Posting, Vocabulary
from .base import FACETS, Hit, SearchResults, SearchService

MIN_SHOULD_MATCH = 0.6
MAX_POSTINGS_PER_TERM = 500
POSTINGS_BUDGET = 2000
TIE_WITH_DIRECT = 0.1


def _bump_version():
    stamp = uuid.uuid4().hex
    if not IndexState.objects.update(version=F("version") + 1, stamp=stamp):
        IndexState.objects.create(version=1, stamp=stamp)


def _facet_labels(lang):
    labels = {}
    for name, model in (("themes", Theme), ("target_groups", TargetGroup), ("districts", District)):
        labels[name] = {item.slug: item.label(lang) for item in model.objects.all()}
    labels["status"] = {value: str(label) for value, label in ProgrammePage.Status.choices}
    labels["languages"] = _LanguageLabels(lang, language_name)
    labels["facts"] = fact_labels(lang)
    return labels


class _LanguageLabels(dict):
    def __init__(self, lang, namer):
        super().__init__()
        self.lang, self.namer = lang, namer

    def get(self, key, default=None):
        return self.namer(key, self.lang)


MATCHES_TABLE = "kbsearch_matches"


@contextmanager
def _materialised(cursor, wanted, base_sql, base_params):
    """Evaluate the text match once into a temporary table for the count and the page of a
    search without facets (with facets, the matches are read once and tallied in Python).

    Temporary tables are per connection, so concurrent searches on other connections do not
    see each other's rows.
    """
    if not wanted:
        yield base_sql, base_params
        return
    doc_table = IndexedProgramme._meta.db_table
    cursor.execute(f"DROP TABLE IF EXISTS {MATCHES_TABLE}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {MATCHES_TABLE} AS SELECT m.doc_id AS doc_id, m.score AS score, "
        f"m.matched AS matched {base_sql}",
        base_params,
    )
    try:
        yield f"FROM {MATCHES_TABLE} m JOIN {doc_table} d ON d.id = m.doc_id WHERE 1 = 1", []
    finally:
        cursor.execute(f"DROP TABLE IF EXISTS {MATCHES_TABLE}")


def _facet_token(facet, value):
    return f"{facet}={''.join(value.split())[:60]}"


def facet_keys(facets):
    """The column `_tally` counts from: " themes=work districts=mitte " (values are slugs and codes)."""
    tokens = dict.fromkeys(_facet_token(facet, v) for facet, values in facets.items() for v in values)
    return " " + " ".join(tokens) + " "


# (index stamp, lang, filters) -> (total, facet counts) of searches without text: those count every
# document in scope, which only changes with the index (~0.5 s at 100,000 programmes).
_browse_tallies = {}
BROWSE_TALLIES = 64


def _empty_tables(*models):
    """DELETE every row, in this order. Not `QuerySet.delete()`: with foreign keys pointing at a
    model, Django loads every row into memory first to cascade (hundreds of MB at 100,000)."""
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def _postings(terms, df, restrict_sql, restrict_params):
    """FROM-clause source of the postings to score: all of them for ordinary terms, only the
    best-weighted ones for terms in many documents: together at most `POSTINGS_BUDGET`, but
    never fewer than `MAX_POSTINGS_PER_TERM` per term (so one or two common words are
    scored over more of their documents than each word of a long question).

    This bounds the work of a search however large the index grows: a word found in half of
    100,000 programmes is scored over its strongest documents instead of 50,000 rows. For
    such queries `total` and the facet counts cover the documents considered. The best-weighted
    postings are chosen among the documents the search may return (`restrict_sql` on `c` and `d`:
    language scope and filters), so a filter never empties a result the uncapped search had.
    """
    table = Posting._meta.db_table
    common = [t for t in terms if df[t] > MAX_POSTINGS_PER_TERM]
    cap = max(MAX_POSTINGS_PER_TERM, POSTINGS_BUDGET // max(len(common), 1))
    common = [t for t in common if df[t] > cap]
    rare = [t for t in terms if t not in common]
    if not common:
        return f"{table} p WHERE p.term IN ({','.join(['%s'] * len(rare))})", rare
    parts, params = [], []
    if rare:
        parts.append(f"SELECT term, doc_id, weight FROM {table} WHERE term IN ({','.join(['%s'] * len(rare))})")
        params += rare
    for n, term in enumerate(common):
        parts.append(
            f"SELECT * FROM (SELECT c.term, c.doc_id, c.weight FROM {table} c "
            f"JOIN {IndexedProgramme._meta.db_table} d ON d.id = c.doc_id "
            f"WHERE c.term = %s AND {restrict_sql} ORDER BY c.weight DESC LIMIT {cap}) top{n}"
        )
        params += [term, *restrict_params]
    return f"({' UNION ALL '.join(parts)}) p", params


def _drop_common_phrases(plan, df):
    """Several-word concept terms with a word in more than MAX_POSTINGS_PER_TERM documents
    ("Deutsch lernen" at 10,000 programmes) are left out: whether a document has all their
    words cannot be checked within the posting cap, and such words cost the most to read."""
    for group in plan.groups:
        common = {t for phrase in group.phrases if any(df.get(w, 0) > MAX_POSTINGS_PER_TERM for w in phrase)
                  for t in phrase}
        if common:
            group.phrases = [phrase for phrase in group.phrases if not common.intersection(phrase)]
            for term in common & group.weak:
                group.terms.pop(term, None)


class EmbeddedEngine(SearchService):
    name = "embedded"

    # --- indexing -------------------------------------------------------------------------

    def index_pages(self, pages, loaded=False, batch_size=500):
        pages = list(pages)
        if not pages:
            return
        with transaction.atomic():
            for start in range(0, len(pages), batch_size):  # bounded memory for large imports
                batch = pages[start:start + batch_size]
                chunk = [p.pk for p in batch]
                if loaded:
                    live_docs = list(docs_for(batch))
                else:
                    live_docs = list(iter_docs(ProgrammePage.objects.filter(pk__in=chunk), batch_size=batch_size))
                live_ids = {doc.page_id for doc in live_docs}
                self._delete([i for i in chunk if i not in live_ids])
                self._write(live_docs, replace=True)
            _bump_version()

    def remove_pages(self, page_ids):
        with transaction.atomic():
            self._delete(page_ids)
            _bump_version()

    def forget_pages(self, page_ids):
        """The index's rows point at the pages (with vocabulary counts to keep right): drop them first."""
        self.remove_pages(page_ids)

    def rebuild(self, progress=None, batch_size=500):
        queryset = ProgrammePage.objects.all()
        total = queryset.public().count()
        done = 0
        with transaction.atomic():
            _empty_tables(Posting, FacetValue, IndexedProgramme, Vocabulary)
            batch = []
            for doc in iter_docs(queryset, batch_size=batch_size):
                batch.append(doc)
                if len(batch) >= batch_size:
                    self._write(batch, replace=False)
                    done += len(batch)
                    batch = []
                    if progress:
                        progress(done, total)
            self._write(batch, replace=False)
            done += len(batch)
            _bump_version()
        if progress:
            progress(done, total)
        return done

    def _delete(self, page_ids, counts=None):
        """Drop the documents of `page_ids`; their terms are subtracted from `counts` (or applied)."""
        docs = list(IndexedProgramme.objects.filter(page_id__in=page_ids).values_list("pk", flat=True))
        if not docs:
            return
        own = counts is None
        counts = {} if own else counts
        for start in range(0, len(docs), 500):
            chunk = docs[start:start + 500]
            for term in Posting.objects.filter(doc_id__in=chunk).values_list("term", flat=True).iterator():
                counts[term] = counts.get(term, 0) - 1
            Posting.objects.filter(doc_id__in=chunk).delete()
            FacetValue.objects.filter(doc_id__in=chunk).delete()
            IndexedProgramme.objects.filter(pk__in=chunk).delete()
        if own:
            self._adjust_vocabulary(counts, {})

    def _write(self, docs, replace):
        if not docs:
            return
        counts = {}
        if replace:
            self._delete([doc.page_id for doc in docs], counts)
        rows = IndexedProgramme.objects.bulk_create([
            IndexedProgramme(
                page_id=doc.page_id, translation_key=doc.translation_key, lang=doc.lang,
                languages_available="," + ",".join(doc.languages_available) + ",",
                slug=doc.slug, title=doc.title, summary=doc.summary, body=doc.description, url=doc.url,
                themes=doc.facets["themes"], status=doc.status, start_year=doc.start_year,
                end_year=doc.end_year, published_at=doc.published_at, facet_keys=facet_keys(doc.facets),
            )
            for doc in docs
        ])
        if not all(row.pk for row in rows):  # backends that do not return ids from bulk_create
            by_page = dict(
                IndexedProgramme.objects.filter(page_id__in=[d.page_id for d in docs]).values_list("page_id", "pk")
            )
            for row in rows:
                row.pk = by_page[row.page_id]
        postings, facets, surfaces = [], [], {}
        for doc, row in zip(docs, rows, strict=True):
            weights, doc_surfaces = index_terms(doc.fields, doc.lang, FIELD_WEIGHTS)
            for term, weight in weights.items():
                term = term[:64]
                postings.append((term, row.pk, float(weight)))
                counts[term] = counts.get(term, 0) + 1
                if term not in surfaces:
                    surfaces[term] = doc_surfaces.get(term, term)[:64]
            for facet, values in doc.facets.items():
                facets.extend((row.pk, facet, v[:60]) for v in values)
        # In index order: each batch then fills the (term, weight, doc) index page by page
        # instead of touching a random page per row (it outgrows the page cache at 100,000).
        postings.sort(key=itemgetter(0, 2, 1))
        insert_rows(Posting, ["term", "doc_id", "weight"], postings)
        insert_rows(FacetValue, ["doc_id", "facet", "value"], facets)
        self._adjust_vocabulary(counts, surfaces)

    def _adjust_vocabulary(self, counts, surfaces):
        """Apply document-frequency changes: new and more frequent terms in multi-row upserts,
        less frequent ones in one UPDATE per distinct decrease."""
        table = connection.ops.quote_name(Vocabulary._meta.db_table)
        added = sorted((term, delta, surfaces.get(term, term)) for term, delta in counts.items() if delta > 0)
        with connection.cursor() as cursor:
            for start in range(0, len(added), 300):
                chunk = added[start:start + 300]
                cursor.execute(
                    f"INSERT INTO {table} (term, df, surface) VALUES {', '.join(['(%s, %s, %s)'] * len(chunk))} "
                    f"ON CONFLICT (term) DO UPDATE SET df = {table}.df + excluded.df",
                    [value for row in chunk for value in row],
                )
        by_delta = {}
        for term, delta in counts.items():
            if delta < 0:
                by_delta.setdefault(delta, []).append(term)
        for delta, terms in by_delta.items():
            for start in range(0, len(terms), 900):
                Vocabulary.objects.filter(term__in=terms[start:start + 900]).update(df=Greatest(F("df") + delta, 0))

    # --- querying -------------------------------------------------------------------------

    def _scope(self, lang):
        """SQL restricting documents to `lang`, with German standing in for missing translations."""
        if lang == "de":
            return "d.lang = %s", ["de"]
        return "(d.lang = %s OR (d.lang = 'de' AND d.languages_available NOT LIKE %s))", [lang, f"%,{lang},%"]

    def _filters_sql(self, filters, doc="d.id"):
        sql, params = [], []
        for facet, values in filters.items():
            if facet not in FACETS:
                continue
            marks = ",".join(["%s"] * len(values))
            sql.append(
                f"EXISTS (SELECT 1 FROM {FacetValue._meta.db_table} f WHERE f.doc_id = {doc} "
                f"AND f.facet = %s AND f.value IN ({marks}))"
            )
            params += [facet, *values]
        return sql, params

    def search(self, query):
        """Ranked hits; a query of several content words that finds nothing with most of them
        required is asked again with any one of them enough, so a long question is never empty
        while something in it matches. Still nothing: once more with words that are part of a
        vocabulary term naming its concept (ConceptTable.match, `partial`)."""
        results, relaxable = self._search(query, relaxed=False)
        if results.total == 0 and relaxable:
            results, _ = self._search(query, relaxed=True)
        if results.total == 0 and query.text.strip():
            results, _ = self._search(query, relaxed=True, partial=True)
        return results

    def _search(self, query, relaxed, partial=False):
        lang = query.lang
        relaxable = False
        plan = plan_query(query.text, lang, partial=partial) if query.text.strip() else None
        if partial and not plan.widened:
            return self._empty(query, plan), False
        doc_table = IndexedProgramme._meta.db_table
        scope_sql, scope_params = self._scope(lang)
        filter_sql, filter_params = self._filters_sql(query.filters)

        if plan is not None and plan.groups:
            df = dict(Vocabulary.objects.filter(term__in=list(plan.all_terms), df__gt=0).values_list("term", "df"))
            _drop_common_phrases(plan, df)
            terms = plan.all_terms
            total_docs = max(IndexedProgramme.objects.count(), 1)
            idfs = {t: idf(df[t], total_docs) for t in terms if t in df}
            weight = {t: f * idfs[t] for t, f in terms.items() if t in df}
            live_groups = [g for g in plan.groups if any(t in df for t in g.all_terms)]
            if not live_groups:
                return self._empty(query, plan), False
            group_cols, group_params = [], []
            for group in live_groups:
                col, params = self._group_score(group, weight, idfs)
                group_cols.append(col)
                group_params += params
            matched_cols = []
            # Question words score but are not required: only content words count (if any).
            required = [g for g in live_groups if not g.soft] or live_groups
            for group in required:
                col, params = self._group_matched(group, weight)
                matched_cols.append(col)
                group_params += params
            need = max(1, round(len(required) * MIN_SHOULD_MATCH)) if len(required) > 2 else 1
            relaxable, need = need > 1, 1 if relaxed else need
            # The filters on the posting's own column: SQLite then checks them (from the facet
            # index alone) before it looks up the document for its language, so the documents
            # a filter rejects cost one index probe instead of two.
            posting_filter_sql, posting_filter_params = self._filters_sql(query.filters, doc="c.doc_id")
            postings_sql, postings_params = _postings(
                weight, df, " AND ".join([*posting_filter_sql, scope_sql]), [*posting_filter_params, *scope_params],
            )
            matches_sql = (
                f"SELECT p.doc_id AS doc_id, {' + '.join(group_cols)} AS score, "
                f"{' + '.join(matched_cols)} AS matched FROM {postings_sql} GROUP BY p.doc_id"
            )
            matches_params = group_params + postings_params
            base_sql = (
                f"FROM ({matches_sql}) m JOIN {doc_table} d ON d.id = m.doc_id WHERE {scope_sql} AND m.matched >= %s"
            )
            base_params = matches_params + scope_params + [need]
            # Of equal relevance, running programmes come before planned and finished ones.
            order = "m.matched DESC, m.score DESC, CASE d.status WHEN 'active' THEN 0 ELSE 1 END, d.id"
            score_col = "m.score"
        else:
            base_sql = f"FROM {doc_table} d WHERE {scope_sql}"
            base_params = list(scope_params)
            order = "d.published_at DESC, d.id DESC"
            score_col = "0.0"

        where_sql = "".join(f" AND {s}" for s in filter_sql)
        offset = (query.page - 1) * query.page_size
        text = bool(plan and plan.groups)
        counts = None
        with connection.cursor() as cursor:
            if text and query.facets:
                # One read of the matches in rank order: filters, page and facets in Python.
                cursor.execute(f"SELECT d.id, {score_col}, d.facet_keys {base_sql} ORDER BY {order}", base_params)
                passing, counts = self._tally(cursor.fetchall(), query)
                total, page_rows = len(passing), passing[offset:offset + query.page_size]
            else:
                with _materialised(cursor, text, base_sql, base_params) as (sql, params):
                    if query.facets:  # the empty search: everything in scope, counted once per index version
                        total, counts = self._browse_tally(cursor, sql, params, query)
                    else:
                        cursor.execute(f"SELECT COUNT(*) {sql}{where_sql}", params + filter_params)
                        total = cursor.fetchone()[0]
                    if text or lang == "de":
                        cursor.execute(
                            f"SELECT d.id, {score_col} {sql}{where_sql} ORDER BY {order} LIMIT %s OFFSET %s",
                            params + filter_params + [query.page_size, offset],
                        )
                        page_rows = cursor.fetchall()
                    else:
                        page_rows = self._newest(cursor, lang, filter_sql, filter_params, offset, query.page_size)
        facets = {}
        if counts is not None:
            labels = _facet_labels(query.lang or (get_language() or "de")[:2])
            facets = {
                facet: [{"value": v, "label": labels[facet].get(v, v), "count": n} for v, n in found]
                for facet, found in counts.items()
            }

        docs = IndexedProgramme.objects.in_bulk([row[0] for row in page_rows])
        highlight_terms = set(plan.all_terms) if plan else set()
        hits = []
        for doc_id, score in page_rows:
            doc = docs[doc_id]
            hits.append(Hit(
                slug=doc.slug, title=doc.title, url=doc.url, summary=doc.summary,
                highlight=highlight([doc.summary, doc.body], doc.lang, highlight_terms, vocabulary.lexicon),
                themes=doc.themes, status=doc.status, start_year=doc.start_year, end_year=doc.end_year,
                score=float(score or 0.0), lang=doc.lang,
            ))
        suggestion = plan.suggestion if plan else None
        return SearchResults(query=query, engine=self.name, total=total, hits=hits, facets=facets, suggestion=suggestion,
                             found_via=plan.found_via if plan and total else []), relaxable

    @staticmethod
    def _newest(cursor, lang, filter_sql, filter_params, offset, limit):
        """A page of the empty search in another language: its own documents and the German ones
        standing in, each read newest first from the (lang, published_at) index and merged.
        The scope's OR made the database sort every document in scope (200 ms at 100,000)."""
        doc_table = IndexedProgramme._meta.db_table
        where = "".join(f" AND {s}" for s in filter_sql)
        branch = (
            f"SELECT * FROM (SELECT d.id, d.published_at FROM {doc_table} d WHERE d.lang = %s{{extra}}{where} "
            f"ORDER BY d.published_at DESC, d.id DESC LIMIT %s)"
        )
        cursor.execute(
            f"SELECT id, 0.0 FROM ({branch.format(extra='')} own UNION ALL "
            f"{branch.format(extra=' AND d.languages_available NOT LIKE %s')} german) newest "
            f"ORDER BY published_at DESC, id DESC LIMIT %s OFFSET %s",
            [lang, *filter_params, offset + limit, "de", f"%,{lang},%", *filter_params, offset + limit, limit, offset],
        )
        return cursor.fetchall()

    @staticmethod
    def _group_matched(group, weight, max_phrases=8):
        """SQL that is 1 when a document matches the query word: one of its terms, or every
        word of one of its several-word concept terms ("Deutsch lernen")."""
        known = [t for t in group.matching_terms if t in weight]
        tests, params = [], []
        if known:
            tests.append(f"MAX(CASE WHEN p.term IN ({','.join(['%s'] * len(known))}) THEN 1 ELSE 0 END) = 1")
            params += known
        for phrase in [p for p in group.phrases if all(t in weight for t in p)][:max_phrases]:
            tests.append("(" + " AND ".join("MAX(CASE WHEN p.term = %s THEN 1 ELSE 0 END) = 1" for _ in phrase) + ")")
            params += list(phrase)
        if not tests:
            return "0", []
        return f"(CASE WHEN {' OR '.join(tests)} THEN 1 ELSE 0 END)", params

    @staticmethod
    def _group_score(group, weight, idfs, max_phrases=8):
        """SQL for one query word's score: the best of its alternatives, its compound parts
        summed, and the several-word terms whose words a document has all of. A document with
        the word typed also gets `TIE_WITH_DIRECT` of the concept terms it has (a tie-breaker, as
        Elasticsearch's dis_max has); without it, more synonyms of a concept earn nothing, so a
        page that merely names many kinds of work does not outrank the one about the word.

        Such a term scores as one term of its kind with the mean weight of its words: the
        words typed (`group.typed`, "refugee accommodation") as a direct match (EXACT), a
        concept's term ("kultursensible Pflege") as a concept hit (CONCEPT) – so a concept hit
        never outranks the same words matched directly, and a term is not scored as its weakest
        word."""
        def case(terms, value):
            whens = " ".join("WHEN %s THEN %s" for _ in terms)
            return f"CASE p.term {whens} ELSE 0 END", [x for t in terms for x in (t, value(t))]

        alts = [t for t in group.terms if t in weight]
        parts = [t for t in group.parts if t in weight]
        alt_sql, alt_params = case(alts, weight.get) if alts else ("0", [])
        part_sql, part_params = case(parts, weight.get) if parts else ("0", [])
        best = f"MAX(p.weight * {alt_sql})"
        options, params = [best], list(alt_params)
        direct = [t for t in alts if group.terms[t] >= EXACT]
        others = [t for t in alts if group.terms[t] < EXACT]
        if direct and others:
            # The word typed, and besides it the concept's other terms: a share of those counts too
            # ("Dolmetscher" in a page that also says "Sprachmittlung" is about interpreting).
            has_direct = f"MAX(CASE WHEN p.term IN ({','.join(['%s'] * len(direct))}) THEN 1 ELSE 0 END)"
            other_sql, other_params = case(others, weight.get)
            options[0] = f"({best} + {TIE_WITH_DIRECT} * {has_direct} * SUM(p.weight * {other_sql}))"
            params += [*direct, *other_params]
        options.append(f"SUM(p.weight * {part_sql})")
        params += part_params
        for factor, phrases in ((EXACT, group.typed), (CONCEPT, group.phrases)):
            for phrase in [p for p in phrases if all(t in weight for t in p)][:max_phrases]:
                has_all = " AND ".join("MAX(CASE WHEN p.term = %s THEN 1 ELSE 0 END) = 1" for _ in phrase)
                share = factor / len(phrase)
                mean, mean_params = case(phrase, lambda t, share=share: share * idfs[t])
                options.append(f"(CASE WHEN {has_all} THEN SUM(p.weight * {mean}) ELSE 0 END)")
                params += [*phrase, *mean_params]
        greatest = "MAX" if connection.vendor == "sqlite" else "GREATEST"
        return f"{greatest}({', '.join(options)})", params

    def _empty(self, query, plan):
        facets = {facet: [] for facet in FACETS} if query.facets else {}
        return SearchResults(query=query, engine=self.name, total=0, hits=[], facets=facets, suggestion=plan.suggestion)

    def _tally(self, rows, query):
        """Apply the filters to `rows` ((doc id, score, facet keys), in rank order) and count the
        facet values (most first), each facet with every *other* filter applied.

        A document passing every filter is a result and counts in all facets; one failing a
        single filter still counts in that filter's facet, so the user sees what widening it
        would add. Done in Python over one column: for the ~3,000 matches of a common word at
        100,000 programmes this costs a fraction of joining each match to its facet rows in SQL.
        """
        wanted = {
            facet: [f" {_facet_token(facet, v)} " for v in values]
            for facet, values in query.filters.items() if facet in FACETS and values
        }
        passing, passing_keys, near = [], [], {facet: [] for facet in wanted}
        for doc_id, score, keys in rows:
            failed = [facet for facet, tokens in wanted.items() if not any(t in keys for t in tokens)]
            if not failed:
                passing.append((doc_id, score))
                passing_keys.append(keys)
            elif len(failed) == 1:
                near[failed[0]].append(keys)
        counts = {facet: Counter() for facet in FACETS}
        for token, n in Counter(" ".join(passing_keys).split()).items():
            facet, _, value = token.partition("=")
            counts[facet][value] += n
        for facet, docs in near.items():
            prefix = facet + "="
            counts[facet].update(t[len(prefix):] for t in " ".join(docs).split() if t.startswith(prefix))
        return passing, {
            facet: sorted(found.items(), key=lambda item: (-item[1], item[0])) for facet, found in counts.items()
        }

    def _browse_tally(self, cursor, base_sql, base_params, query):
        key = (
            IndexState.objects.values_list("stamp", flat=True).first(), query.lang,
            tuple(sorted((facet, tuple(sorted(values))) for facet, values in query.filters.items())),
        )
        if key not in _browse_tallies:
            if len(_browse_tallies) >= BROWSE_TALLIES:
                _browse_tallies.pop(next(iter(_browse_tallies)))
            cursor.execute(f"SELECT d.id, 0.0, d.facet_keys {base_sql}", base_params)
            passing, counts = self._tally(cursor.fetchall(), query)
            _browse_tallies[key] = len(passing), counts
        return _browse_tallies[key]

    def autocomplete(self, prefix, lang="de", limit=8):
        prefix = " ".join(prefix.split())
        if len(prefix) < 2:
            return []
        like = prefix.replace("\\", "").replace("%", "").replace("_", "")
        qs = IndexedProgramme.objects.filter(lang=lang)
        if lang != "de":
            qs = IndexedProgramme.objects.filter(
                Q(lang=lang) | (Q(lang="de") & ~Q(languages_available__contains=f",{lang},"))
            )
        titles = list(qs.filter(title__istartswith=like).values_list("title", flat=True)[:limit])
        if len(titles) < limit:
            titles += [
                t for t in qs.filter(title__icontains=" " + like).values_list("title", flat=True)[: limit * 2]
                if t not in titles
            ][: limit - len(titles)]
        return titles
