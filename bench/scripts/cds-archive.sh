#!/usr/bin/env bash
# Builds cli/target/frontend.jsa, a class-data-sharing archive of every class a frontend loads up to
# serving (the JVM maps it instead of reading ~130 jars class by class): `./fabric frontend` uses it
# from then on, until the next build. A training run: one frontend on a running Kafka (the lab's by
# default) that is stopped once ready; the JVM writes the archive as it exits. It only reads the
# events topic (which must exist: the lab's by default) and announces itself on a topic of its own.
#   bench/scripts/cds-archive.sh
# Environment: FABRIC (./fabric), KAFKA (127.0.0.1:19092), EVENTS_TOPIC (fabric.events), PORT (8098).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fabric="${FABRIC:-$root/fabric}"
archive="$root/cli/target/frontend.jsa"
port="${PORT:-8098}"
kafka="${KAFKA:-127.0.0.1:19092}"
"$fabric" --version >/dev/null # builds first if sources changed: the archive must match the jars
tmp="$archive.$$"
log="${TMPDIR:-/tmp}/syncfabric-cds-training.log"
rm -f "$tmp"
trap 'rm -f "$tmp"' EXIT
FABRIC_CDS=off FABRIC_JAVA_OPTS="-Xms256m -Xmx1g -XX:ArchiveClassesAtExit=$tmp -Xlog:cds=off -Xlog:cds+dynamic=off" \
  "$fabric" frontend --set kafka.bootstrap="$kafka" --set topics.ingress=cds.ingress \
  --set topics.events="${EVENTS_TOPIC:-fabric.events}" --set topics.dlq=cds.dlq --set topics.members=cds.members \
  --set http.port="$port" \
  --set node.id=cds-training --set jwt.secret=cds-training-secret-cds-training-secret \
  --set hazelcast.cluster.name=cds-training --set hazelcast.port=5890 --set hazelcast.members=127.0.0.1:5890 \
  --set drain.timeout.ms=1000 >"$log" 2>&1 </dev/null &
pid=$!
ready=""
for ((i = 0; i < 600; i++)); do # at most 60 s
  if curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; then ready=yes; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill "$pid" 2>/dev/null || true
wait "$pid" || true # the JVM writes the archive on its way out
if [ -z "$ready" ]; then
  echo "the training frontend never became ready (Kafka at $kafka, topic ${EVENTS_TOPIC:-fabric.events}?): no archive; see $log" >&2
  exit 1
fi
[ -s "$tmp" ] || { echo "the JVM wrote no archive; see $log" >&2; exit 1; }
mv "$tmp" "$archive"
echo "$archive: $(du -h "$archive" | cut -f1); ./fabric frontend uses it until the next build"
