"""Elasticsearch with the embedded engine as a fallback: what `get_search_service()` returns
when Elasticsearch is configured (docs/elasticsearch.md, "When Elasticsearch is down").

Writes
    `index_pages` / `remove_pages` / `rebuild` write the embedded index first (cheap: it is in
    the site's own database), then Elasticsearch. A failed Elasticsearch page write is logged
    and queued as `PendingIndexUpdate` rows, never raised: publishing must work while the
    cluster is down. The queue is replayed by `manage.py search_index replay` and after the
    next successful Elasticsearch write.

Reads
    `search` / `autocomplete` ask Elasticsearch, whose searches give up after
    ELASTICSEARCH_TIMEOUT seconds without retries. If it cannot answer, a warning is logged and
    the embedded engine answers (its results say `engine: "embedded"`). After an outage
    (unreachable, timed out, 5xx/429) Elasticsearch is skipped for ELASTICSEARCH_RETRY_AFTER
    seconds — a small per-process circuit breaker, so requests do not each wait for the timeout;
    page writes in that window are queued without trying. Only if the embedded engine fails too
    does the caller get `SearchUnavailable` (503).
"""

import logging
import time

from django.conf import settings
from elasticsearch import ApiError, TransportError

from ..models import PendingIndexUpdate
from .base import SearchService, SearchUnavailable
from .elasticsearch import ElasticsearchEngine
from .embedded import EmbeddedEngine

logger = logging.getLogger(__name__)

REPLAY_BATCH = 500


def _outage(exc):
    """Whether `exc` means the cluster is unreachable or overloaded (not a bad request)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, TransportError | OSError):
            return True
        if isinstance(exc, ApiError):
            return exc.status_code is None or exc.status_code >= 500 or exc.status_code == 429
        exc = exc.__cause__
    return False


FALLBACK_ERRORS = (SearchUnavailable, TransportError, ApiError, OSError)


def from_settings():
    """Elasticsearch at ELASTICSEARCH_URL, backed by the embedded engine (settings.SEARCH_ENGINE)."""
    primary = ElasticsearchEngine(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX)
    primary.search_timeout = settings.ELASTICSEARCH_TIMEOUT
    # A hanging cluster costs a page write one request_timeout, not one per retry.
    primary.retry_on_timeout = False
    return FallbackSearchService(primary, EmbeddedEngine(), retry_after=settings.ELASTICSEARCH_RETRY_AFTER)


class FallbackSearchService(SearchService):
    name = "elasticsearch"

    def __init__(self, primary, secondary, *, retry_after=30.0, clock=time.monotonic):
        self.primary = primary
        self.secondary = secondary
        self.retry_after = retry_after
        self.clock = clock
        self.skip_primary_until = 0.0
        # Page writes raise to us instead of only logging, so we can queue what was missed.
        primary.raise_write_errors = True

    # --- circuit breaker ------------------------------------------------------------------

    def primary_down(self):
        return self.clock() < self.skip_primary_until

    def _primary_failed(self, exc):
        if _outage(exc):
            self.skip_primary_until = self.clock() + self.retry_after

    # --- reading ----------------------------------------------------------------------------

    def _answer(self, what, call):
        if self.primary_down():
            logger.info("Elasticsearch skipped after a recent failure: %s answered by the embedded engine", what)
        else:
            try:
                return call(self.primary)
            except FALLBACK_ERRORS as exc:
                self._primary_failed(exc)
                logger.warning(
                    "Elasticsearch could not answer a %s (%s: %s); answering from the embedded engine%s",
                    what, type(exc).__name__, exc,
                    f", skipping Elasticsearch for {self.retry_after:g} s" if self.primary_down() else "",
                )
        try:
            return call(self.secondary)
        except SearchUnavailable:
            raise
        except Exception as exc:
            logger.exception("The embedded search engine failed too")
            raise SearchUnavailable(f"no search engine could answer: {exc}") from exc

    def search(self, query):
        return self._answer("search", lambda engine: engine.search(query))

    def autocomplete(self, prefix, lang="de", limit=8):
        return self._answer("autocomplete", lambda engine: engine.autocomplete(prefix, lang=lang, limit=limit))

    # --- writing ----------------------------------------------------------------------------

    def index_pages(self, pages, loaded=False):
        pages = list(pages)
        ids = [p.pk for p in pages]
        if ids:
            self._write("index", ids, lambda engine: engine.index_pages(pages, loaded=loaded))

    def remove_pages(self, page_ids):
        ids = list(page_ids)
        if ids:
            self._write("remove", ids, lambda engine: engine.remove_pages(ids))

    def forget_pages(self, page_ids):
        self.secondary.forget_pages(page_ids)

    def _write(self, action, ids, call):
        try:
            call(self.secondary)
        except Exception:
            logger.exception("Embedded search index: could not %s pages %s", action, ids[:20])
        if self.primary_down():
            logger.info("Elasticsearch skipped after a recent failure: queued %s of pages %s", action, ids[:20])
            self._queue(action, ids)
            return
        try:
            call(self.primary)
        except Exception as exc:
            self._primary_failed(exc)
            logger.warning("Elasticsearch: could not %s pages %s (%s: %s); queued for replay",
                           action, ids[:20], type(exc).__name__, exc)
            self._queue(action, ids)
            return
        self._replay_quietly()

    def _queue(self, action, ids):
        try:
            PendingIndexUpdate.objects.bulk_create([PendingIndexUpdate(page_id=pk, action=action) for pk in ids])
        except Exception:
            logger.exception("Could not queue the missed Elasticsearch %s of pages %s; "
                             "run `manage.py search_index rebuild` when the cluster is back", action, ids[:20])

    def _replay_quietly(self):
        """After a successful write: drain (a bounded part of) the queue; failures stay queued."""
        try:
            if not PendingIndexUpdate.objects.exists():
                return
            done = self.replay(limit=REPLAY_BATCH)
            logger.info("Elasticsearch is back: replayed %s queued page updates", done)
        except Exception as exc:
            self._primary_failed(exc)
            logger.warning("Elasticsearch: replaying queued page updates failed (%s: %s); they stay queued",
                           type(exc).__name__, exc)

    def replay(self, batch_size=REPLAY_BATCH, limit=None):
        """Write queued page updates to Elasticsearch, deleting them as they succeed.

        Each page is written as it is now: indexed if live, deleted from the index otherwise
        (unpublished or gone). Raises on the first failure; what was not written stays queued.
        Returns the number of queue entries drained.
        """
        done = 0
        while limit is None or done < limit:
            size = batch_size if limit is None else min(batch_size, limit - done)
            batch = list(PendingIndexUpdate.objects.order_by("pk").values_list("pk", "page_id")[:size])
            if not batch:
                break
            ids = sorted({page_id for _pk, page_id in batch})
            self.primary._guarded("replay", ids, lambda ids=ids: self.primary._index_pages(ids))
            PendingIndexUpdate.objects.filter(pk__in=[pk for pk, _page_id in batch]).delete()
            done += len(batch)
        return done

    def rebuild(self, progress=None):
        """Rebuild the embedded index, then Elasticsearch's (which raises on failure)."""
        self.secondary.rebuild(progress=progress)
        covered = PendingIndexUpdate.objects.order_by("-pk").values_list("pk", flat=True).first()
        count = self.primary.rebuild(progress=progress)
        if covered is not None:  # the new index has every page as it was when the rebuild began
            PendingIndexUpdate.objects.filter(pk__lte=covered).delete()
        self.skip_primary_until = 0.0
        return count
