#!/usr/bin/env bash
# Time to recover a gap of N messages after a reconnect, against a running lab: a subscriber learns
# its position, N messages are published while it is away, then it resubscribes with --since on the
# other frontend and the time until the N-th replayed message arrives is printed.
# usage: scripts/recovery-latency.sh [N]   (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
channel="recovery:$RANDOM"
first=$(mktemp)
./fabric subscribe "$channel" --count 1 --timeout 30 > "$first" 2>/dev/null &
sub=$!
sleep 3
./fabric publish "$channel" '{"n":0}' > /dev/null
wait "$sub" || true
position=$(python3 -c "import json,sys; m=json.loads(open(sys.argv[1]).readline()); print(m['epoch']+':'+str(m['seq']))" "$first")
./fabric publish "$channel" '{"n":{n}}' --count "$n" > /dev/null
sleep 1
./fabric subscribe "$channel" --url ws://127.0.0.1:8081/v1/ws --since "$position" --count "$n" --timeout 60 2>&1 >/dev/null \
  | grep -E "subscribed|received"
rm -f "$first"
