#!/usr/bin/env bash
# make demo: migrate, load the demo case, start a private Redis, an rq worker and the
# web server; stop them all on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
port="${PORT:-8000}"
export DJANGO_DEBUG="${DJANGO_DEBUG:-1}"
mkdir -p var/run

"$py" manage.py migrate --noinput >/dev/null
redis_port=$(scripts/redis.sh "$PWD/var/run/redis.pid" "${REDIS_PORT:-}")
export REDIS_URL="redis://127.0.0.1:${redis_port}/0"

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f var/run/redis.pid ] && kill "$(cat var/run/redis.pid)" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

"$py" manage.py rqworker default --with-scheduler --worker-class sealing.order_jobs.PreloadingWorker >var/run/worker.log 2>&1 &
pids+=($!)
"$py" manage.py load_demo
echo
echo "  Demo:   http://127.0.0.1:${port}/"
echo "  Redis:  ${REDIS_URL} (private; the worker log is var/run/worker.log)"
echo "  Stop with Ctrl-C."
echo
"$py" manage.py runserver "127.0.0.1:${port}" --noreload &
pids+=($!)
wait "${pids[-1]}"
