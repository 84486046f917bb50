#!/usr/bin/env bash
# The command line inside the image: the same entry point as the repository's ./vigil launcher,
# on the jars the image carries. JAVA_OPTS adds JVM options (heap, GC logging).
set -euo pipefail
home="${VIGIL_HOME:-/opt/vigil}"
exec java -Dai.djl.offline=true ${JAVA_OPTS:-} -cp "$home/vigil-cli.jar:$home/lib/*" io.vigil.cli.Vigil "$@"
