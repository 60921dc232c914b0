#!/usr/bin/env bash
# Starts a private Redis on a loopback port for the demo, keeping nothing on disk.
# Prints the port it chose. Usage: scripts/redis.sh PIDFILE [PORT]
set -euo pipefail
pidfile="$1"
port="${2:-}"
if [ -z "$port" ]; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
fi
redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
  --daemonize yes --pidfile "$pidfile" --logfile "$(dirname "$pidfile")/redis.log" \
  --dir "$(dirname "$pidfile")" >/dev/null
for _ in $(seq 50); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
echo "$port"
