#!/usr/bin/env bash
# Times the Redactor on an 80k-character line and on 1 MiB lines (see RedactionBench.java).
# Usage, from the repository root: benchmarks/redaction/run.sh [runs]   (default 15 timed runs per line)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -o -q -pl records compile
slf4j=$(find ~/.m2/repository/org/slf4j/slf4j-api -name 'slf4j-api-*.jar' | sort | tail -1)
exec java -Xmx512m -cp "records/target/classes:$slf4j" benchmarks/redaction/RedactionBench.java "${1:-15}"
