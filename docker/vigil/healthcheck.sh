#!/usr/bin/env bash
# Healthy when GET /health/ready answers 200: the stream application is RUNNING. Plain bash, so
# that the image needs no curl. VIGIL_HTTP_PORT names the port when it is not 8080.
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${VIGIL_HTTP_PORT:-8080}"
printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r _ status _ <&3
[[ "$status" == "200" ]]
