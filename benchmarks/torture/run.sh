#!/usr/bin/env bash
# The shipper torture harness (issue 11): every real rotation mode, SIGKILLs, a broker outage; lines
# lost and duplicated per container, counted on logs.raw with read_committed. See README.md here.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: benchmarks/torture/run.sh [options]
  --mode M        full (default: each mode alone, all together at 15k and 30k lines/s with 3-5 SIGKILLs,
                  all at 15k with the broker down 60 s; ~20 min) or short (what CI runs; ~3 min)
  --shipper S     logdoctor (default: ./logdoctor shipper, the launcher as a user runs it, on frozen jars),
                  rsyslog (imfile -> omkafka, rsyslog-shipper.sh; apt-get installs rsyslog rsyslog-kafka),
                  or a command with {bootstrap} {pods} {state} {cluster} {node}
  --repeat N      run the mode's cases N times (default 1)
  --cases A,B     only these cases (names as in the table)
  --seed N        the random seed (default: the clock; printed in the table)
  --results FILE  where the table is appended (default benchmarks/torture/results/<UTC time>-<shipper>.txt)
Exits 1 when any case lost or duplicated a line (the table is written either way).
USAGE
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
mode=full shipper=logdoctor repeat=1 cases="" seed="" results=""
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) mode="$2"; shift 2 ;;
    --shipper) shipper="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --cases) cases="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --results) results="$(realpath -m "$2")"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
work="$repo/log-shipper/target/torture-$stamp"
mkdir -p "$work"
case "$shipper" in
  logdoctor)
    cd "$repo"
    source "$here/../e2e/lib.sh"
    freeze_tree "$repo" "$work/tree" >&2 # the launcher itself, with its defaults for the shipper's JVM
    command="$work/tree/logdoctor shipper --bootstrap-server {bootstrap} --pods-root {pods} --containers-root - --state-dir {state} --cluster {cluster} --node {node} --metrics-port -1"
    name=logdoctor ;;
  rsyslog)
    if ! command -v rsyslogd >/dev/null || [ -z "$(find /usr/lib -name omkafka.so 2>/dev/null | head -1)" ]; then
      echo "installing rsyslog and rsyslog-kafka ..." >&2
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rsyslog rsyslog-kafka >/dev/null
    fi
    command="$here/rsyslog-shipper.sh {bootstrap} {pods} {state}"
    name=rsyslog ;;
  *) command="$shipper"; name=custom ;;
esac
mkdir -p "$here/results"
results="${results:-$here/results/$stamp-$name-$mode.txt}"
echo "== $(date -u +%FT%TZ) torture $mode against: $command" >&2
echo "== logdoctor $(cd "$repo" && git rev-parse --short HEAD); $(rsyslogd -v 2>/dev/null | head -1 || true); load: $(uptime | sed 's/.*load/load/')" >&2
echo "== logs in $work; table in $results" >&2

props=(-Dtorture.mode="$mode" -Dtorture.shipper="$command" -Dtorture.repeat="$repeat" -Dtorture.work="$work"
       -Dtorture.results="$results")
[ -n "$cases" ] && props+=(-Dtorture.cases="$cases")
[ -n "$seed" ] && props+=(-Dtorture.seed="$seed")
cd "$repo"
rc=0
./mvnw -o -q -B -pl log-shipper -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=TortureIT -Dfailsafe.failIfNoSpecifiedTests=false "${props[@]}" >"$work/maven.log" 2>&1 || rc=$?
if [ ! -s "$results" ]; then
  echo "no results; the last lines of $work/maven.log:" >&2
  tail -n 40 "$work/maven.log" >&2
  exit 2
fi
cat "$results"
echo "== per lossy case, the harness's journal and the shipper's log lines on that container: $work/*/explain.txt" >&2
exit $(( rc == 0 ? 0 : 1 ))
