#!/bin/sh
# Serve a fresh site with the eval corpus (and a vocabulary file) on 127.0.0.1:PORT, for
# ../shared/eval/relevance.py. Usage, from a checkout:
#   sh bench/relevance_server.sh PORT DBFILE [VOCABULARY.ttl]
# then: python3 ../shared/eval/relevance.py --base http://127.0.0.1:PORT --queries ...
set -e
PORT=$1; DB=$2; VOCAB=$3
export DATABASE_URL="sqlite:///$DB" RATE_LIMIT_SEARCH=100000 RATE_LIMIT_API=100000 DEBUG=0
export ALLOWED_HOSTS=127.0.0.1,localhost SECRET_KEY=relevance-run-only PAGE_CACHE_SECONDS=0 API_CACHE_SECONDS=0
rm -f "$DB"
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py import_programmes "${EVAL_CORPUS:-../../shared/eval/corpus.json}"
if [ -n "$VOCAB" ]; then .venv/bin/python manage.py vocabulary import "$VOCAB"; fi
exec .venv/bin/python manage.py runserver "127.0.0.1:$PORT" --noreload
