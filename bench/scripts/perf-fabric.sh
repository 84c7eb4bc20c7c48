#!/usr/bin/env bash
# A fabric for measurements, on a running Kafka (the lab's by default): one sequencer and N
# frontends, each in its own JVM (one process may hold at most `ulimit -n` sockets), on topics of
# their own (perf.*), so the lab's own parts stay idle. Usage:
#   bench/scripts/perf-fabric.sh start [frontends=1] [commit-interval-ms=20]
#   bench/scripts/perf-fabric.sh restart-frontends [frontends=1]   (the sequencer keeps running: a
#       restarted sequencer waits out its old consumer-group session, ~45 s, before it sequences)
#   bench/scripts/perf-fabric.sh stop
# Frontends listen on ws://127.0.0.1:8090/v1/ws, :8091, ... Environment: KAFKA (127.0.0.1:19092),
# FABRIC (the ./fabric command), FRONTEND_OPTS (JVM flags of each frontend), FRONTEND_SET (more
# frontend settings, e.g. "presence.enabled=false hazelcast.enabled=false"), STATE (pid/log dir).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fabric="${FABRIC:-$root/fabric}"
kafka="${KAFKA:-127.0.0.1:19092}"
state="${STATE:-/tmp/syncfabric-perf}"
secret="${FABRIC_JWT_SECRET:-syncfabric-lab-secret-not-for-production-use}"
topics=(--set kafka.bootstrap="$kafka" --set topics.ingress=perf.ingress --set topics.events=perf.events --set topics.dlq=perf.dlq)

start() {
  local n="${1:-1}" commit="${2:-20}"
  mkdir -p "$state"
  start_bridge "$commit"
  start_frontends "$n"
}

start_bridge() {
  FABRIC_JAVA_OPTS="-Xms256m -Xmx1g" setsid "$fabric" bridge "${topics[@]}" --set topics.rekey=perf.rekey \
    --set sequencer.application.id=perf-sequencer --set sequencer.state.dir="$state/sequencer" \
    --set sequencer.commit.interval.ms="$1" --set http.port=9500 >"$state/bridge.log" 2>&1 </dev/null &
  echo $! >"$state/bridge.pid"
}

start_frontends() {
  local n="$1"
  local members="" extra=()
  for kv in ${FRONTEND_SET:-}; do extra+=(--set "$kv"); done
  for ((i = 0; i < n; i++)); do members+="${members:+,}127.0.0.1:$((5801 + i))"; done
  for ((i = 0; i < n; i++)); do
    local port=$((8090 + i))
    FABRIC_JAVA_OPTS="${FRONTEND_OPTS:--Xms512m -Xmx2g}" setsid "$fabric" frontend "${topics[@]}" \
      --set http.port="$port" --set node.id="perf-$port" --set jwt.secret="$secret" --set api.keys=lab-api-key \
      --set hazelcast.cluster.name=perf --set hazelcast.port=$((5801 + i)) --set hazelcast.members="$members" \
      "${extra[@]}" >"$state/frontend-$port.log" 2>&1 </dev/null &
    echo $! >"$state/frontend-$port.pid"
  done
  for ((i = 0; i < n; i++)); do
    local port=$((8090 + i)) deadline=$((SECONDS + 90))
    until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do
      if ((SECONDS > deadline)); then echo "frontend $port not ready; see $state/frontend-$port.log" >&2; exit 1; fi
      sleep 0.5
    done
    echo "ws://127.0.0.1:$port/v1/ws ready"
  done
}

stop() {
  stop_matching '*.pid'
}

stop_matching() {
  local pids=()
  for pidfile in "$state"/$1; do
    [ -f "$pidfile" ] || continue
    pids+=("$(cat "$pidfile")")
    kill "${pids[-1]}" 2>/dev/null || true
    rm -f "$pidfile"
  done
  # a frontend drains for up to drain.timeout.ms (10 s) on SIGTERM: wait until its port is free
  local deadline=$((SECONDS + 30))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  done
}

case "${1:-}" in
  start) shift; start "$@" ;;
  restart-frontends) stop_matching 'frontend-*.pid'; sleep 2; start_frontends "${2:-1}" ;;
  stop) stop ;;
  *) echo "usage: $0 start [frontends] [commit-interval-ms] | restart-frontends [frontends] | stop" >&2; exit 2 ;;
esac
