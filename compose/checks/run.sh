#!/usr/bin/env bash
# Offline checks of compose/ (no Docker engine or compose plugin needed): compose.yaml against the
# compose-spec schema with dclint, plus mounted files, Prometheus targets and the Docker build
# context (node --test). ComposeTopologyTest (cli module, Maven) checks ports and wiring against
# ./fabric lab's topology.
set -euo pipefail

checks_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$checks_dir"

# dclint 3.1.0 declares node >= 20.19: fail with that, not with a syntax error deep inside it.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "compose checks need Node >= 20.19 (found $(node --version))" >&2
  exit 1
fi

npm ci --no-audit --no-fund --loglevel=error
node --test
