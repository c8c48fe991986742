"""nDCG@10 of the configured engine on a graded query file, in process.

The held-out sets in search/eval/ are scored with this by tests/test_search_heldout.py, the
same measure as ../shared/eval/relevance.py uses over HTTP, so a change that only fits the
practice queries shows up as a drop here.
"""

import json
import math
from pathlib import Path

from .service import SearchQuery, get_search_service

EVAL_DIR = Path(__file__).parent / "eval"


def _dcg(gains):
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at_10(ranked, relevant):
    """nDCG@10 of a ranked slug list against {slug: grade}."""
    gains = [relevant.get(slug, 0) for slug in ranked[:10]]
    ideal = _dcg(sorted(relevant.values(), reverse=True)[:10])
    return _dcg(gains) / ideal if ideal else 0.0


def evaluate(name):
    """Per-query rows (id, q, ndcg, zero, top3) for search/eval/<name>."""
    queries = json.loads((EVAL_DIR / name).read_text(encoding="utf-8"))["queries"]
    service = get_search_service()
    rows = []
    for query in queries:
        results = service.search(SearchQuery(text=query["q"], lang=query["lang"], facets=False, highlight=False))
        ranked = [hit.slug for hit in results.hits]
        rows.append({"id": query["id"], "q": query["q"], "kind": query["kind"],
                     "ndcg": ndcg_at_10(ranked, query["relevant"]), "zero": not ranked, "top3": ranked[:3]})
    return rows


def mean_ndcg(rows):
    return sum(r["ndcg"] for r in rows) / len(rows)
