#!/usr/bin/env bash
# Container health check: GET http://127.0.0.1:<port><path>, healthy on status 200.
# Plain bash (/dev/tcp) because the JRE base image ships neither curl nor wget.
# Usage: fabric-healthcheck PORT [PATH]   (PATH defaults to /health/ready)
set -euo pipefail
port="${1:?usage: fabric-healthcheck PORT [PATH]}"
path="${2:-/health/ready}"

exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
read -r -t 5 _ status _ <&3
[ "$status" = 200 ]
