#!/usr/bin/env bash
# Publish→client latency through a running lab, with the product's own commands: a subscriber
# prints lagMs (now - publish timestamp) per message; this prints p50/p90/p99/max.
# usage: scripts/lab-latency.sh [COUNT] [RATE]   (defaults 1000 messages at 100/s)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
rate=${2:-100}
channel="latency:$RANDOM"
out=$(mktemp)
./fabric subscribe "$channel" --count "$count" --timeout $((count / rate + 60)) > "$out" 2>/dev/null &
sub=$!
sleep 3 # let the subscriber connect before the first message
./fabric publish "$channel" '{"n":{n}}' --count "$count" --rate "$rate" > /dev/null
wait "$sub" || true
python3 - "$out" <<'PY'
import json, sys
lags = sorted(json.loads(line)["lagMs"] for line in open(sys.argv[1]))
n = len(lags)
pick = lambda q: lags[min(n - 1, int(n * q))]
print(f"messages {n}  p50 {pick(0.5)} ms  p90 {pick(0.9)} ms  p99 {pick(0.99)} ms  max {lags[-1]} ms")
PY
rm -f "$out"
