#!/usr/bin/env bash
# Builds the server (tests skipped: `mvn verify` runs them) and runs the demo on embedded defaults.
# Extra arguments go to the demo, e.g. ./demo.sh --devices 200 ; ./demo.sh --help
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -DskipTests install
exec java -jar shouhu-server/target/shouhu-server.jar demo "$@"
