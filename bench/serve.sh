#!/usr/bin/env bash
# Page speed under load: the site with production settings behind gunicorn on 127.0.0.1, a seeded
# newsroom of N stories, and wrk, measured side by side with a bare Django view (the floor).
#
#   bench/serve.sh                  # 10,000 stories on a throwaway PostgreSQL database
#   N=2000 DURATION=5 bench/serve.sh
#
# Prints requests/s, p50 and p99 latency and non-2xx answers for each page, with the page cache
# off and on, and each page's requests/s as a ratio to the floor's, measured just before it. Needs wrk
# (apt-get install wrk), PostgreSQL at 127.0.0.1:5432 (user postgres, or BENCH_POSTGRES_URL) and
# Redis (database 14 of 127.0.0.1:6379, or BENCH_REDIS_URL, emptied). Everything it makes is
# removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-10000}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
WORKERS=${WORKERS:-2}
PORT=${PORT:-8765}
POSTGRES_URL=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
PY=.venv/bin/python

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
db="newsroom_bench_$$"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  psql "$POSTGRES_URL/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
psql "$POSTGRES_URL/postgres" -qc "CREATE DATABASE $db"

export DATABASE_URL="$POSTGRES_URL/$db"
export DEBUG=0 SECRET_KEY="bench-$(date +%s)-not-secret" ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=0 STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media"
export DJANGO_SETTINGS_MODULE=settings PYTHONPATH="$PWD/bench:$PWD"
export REDIS_URL=${BENCH_REDIS_URL:-redis://127.0.0.1:6379/14}

$PY manage.py migrate --noinput >/dev/null
$PY manage.py collectstatic --noinput >/dev/null
$PY bench/seed_site.py --n "$N"
# A live database has planner statistics (autovacuum); a freshly bulk-loaded one has none yet.
psql "$DATABASE_URL" -qc "VACUUM ANALYZE" >/dev/null
url_of() {  # a Django expression → its value, printed
  $PY -c "import django; django.setup(); from articles.models import *; print($1)"
}
article=$(url_of "Article.objects.published().order_by('pk')[$N // 2].get_absolute_url()")
place=$(url_of "Place.objects.order_by('pk').first().get_absolute_url()")
section=$(url_of "Section.objects.order_by('pk').first().get_absolute_url()")

start_server() {  # page cache seconds (0: off)
  [ -n "$server" ] && kill "$server" && wait "$server" 2>/dev/null || true
  NEWSROOM_PAGE_CACHE_SECONDS=$1 .venv/bin/gunicorn newsroom.wsgi --workers "$WORKERS" \
    --bind "127.0.0.1:$PORT" --log-level warning >>"$work/gunicorn.log" 2>&1 &
  server=$!
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/bench/floor/" >/dev/null && break; sleep 0.2; done
}

measure() {  # name path → "name rps p50 p99 non2xx"
  local out rps p50 p99 bad
  curl -fs -o /dev/null "http://127.0.0.1:$PORT$2" || echo "warning: $2 does not answer 2xx" >&2
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$PORT$2")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "$1 $rps $p50 $p99 ${bad:-0}"
}

echo "stories: $N · gunicorn workers: $WORKERS · wrk: $CONNECTIONS connections, ${DURATION}s each"
echo "Each page is measured right after a run of the floor, and its ratio is to that run: on a"
echo "machine whose load changes, a page and the floor it is compared with see the same load."
printf '%-20s %10s %9s %9s %7s %10s %7s\n' page "req/s" p50 p99 non2xx "floor" ratio
for mode in uncached cached; do
  start_server "$([ $mode = cached ] && echo 300 || echo 0)"
  redis-cli -u "$REDIS_URL" flushdb >/dev/null
  for page in "article $article" "home /" "place $place" "section $section" \
    "search /search/?q=budget"; do
    read -r name path <<<"$page"
    floor=$(measure floor /bench/floor/ | awk '{print $2}')
    read -r name rps p50 p99 bad <<<"$(measure "$name" "$path")"
    ratio=$(awk -v a="$rps" -v b="$floor" 'BEGIN {printf "%.3f", a / b}')
    printf '%-20s %10s %9s %9s %7s %10s %7s\n' "$name ($mode)" "$rps" "$p50" "$p99" "$bad" \
      "$floor" "$ratio"
  done
done
