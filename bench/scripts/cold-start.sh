#!/usr/bin/env bash
# Cold start (issue #9): how long a new frontend takes, from its process start to GET /health/ready
# answering 200, when it joins a running pool (the perf fabric of perf-fabric.sh by default).
#   bench/scripts/cold-start.sh [runs=3]
# Environment: FABRIC (./fabric), KAFKA, PORT (8099), HAZELCAST_MEMBERS (the pool's, plus this one's).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fabric="${FABRIC:-$root/fabric}"
port="${PORT:-8099}"
hz_port=$((port - 8090 + 5801))
members="${HAZELCAST_MEMBERS:-127.0.0.1:5801,127.0.0.1:$hz_port}"
secret="${FABRIC_JWT_SECRET:-syncfabric-lab-secret-not-for-production-use}"
log="${TMPDIR:-/tmp}/syncfabric-cold-start.log"

for ((run = 1; run <= ${1:-3}; run++)); do
  start=$(date +%s%N)
  FABRIC_JAVA_OPTS="${FRONTEND_OPTS:--Xms512m -Xmx2g}" setsid "$fabric" frontend \
    --set kafka.bootstrap="${KAFKA:-127.0.0.1:19092}" --set topics.ingress=perf.ingress --set topics.events=perf.events \
    --set topics.dlq=perf.dlq --set http.port="$port" --set node.id="cold-$port" --set jwt.secret="$secret" \
    --set hazelcast.cluster.name=perf --set hazelcast.port="$hz_port" --set hazelcast.members="$members" \
    >"$log" 2>&1 </dev/null &
  pid=$!
  ready=""
  for ((i = 0; i < 1200; i++)); do # at most 60 s
    if curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; then
      ready=$(( ($(date +%s%N) - start) / 1000000 ))
      break
    fi
    sleep 0.05
  done
  if [ -n "$ready" ]; then outcome="ready after $ready ms"; else outcome="not ready within 60 s"; fi
  echo "run $run: $outcome (load $(cut -d' ' -f1 /proc/loadavg))"
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
done
