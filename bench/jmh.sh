#!/usr/bin/env bash
# Runs the JMH benchmarks of the hot paths (bench/src/jmh/java). Arguments go to JMH, e.g.
#   bench/jmh.sh                          # all, short settings (about 4 minutes on 2 cores)
#   bench/jmh.sh FanOut -p subscribers=100 -f 1 -wi 5 -i 10
#   bench/jmh.sh -lp                      # list benchmarks and parameters
# Maven runs under the shared lock (one build at a time on this machine).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
lock=/tmp/syncfabric-mvn.lock
flock "$lock" ./mvnw -B -q -DskipTests install -pl bench -am >&2
flock "$lock" ./mvnw -B -q -pl bench test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath >&2
cp="$root/bench/target/test-classes:$root/bench/target/classes:$(cat "$root/bench/target/jmh.classpath")"
if [ $# -eq 0 ]; then
  set -- -f 1 -wi 3 -w 1s -i 5 -r 1s
fi
exec java -Xms1g -Xmx1g -cp "$cp" org.openjdk.jmh.Main "$@"
