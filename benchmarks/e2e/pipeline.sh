#!/usr/bin/env bash
# End-to-end benchmark: broker, streams app and shipper as separate processes on this machine, a
# writer appending CRI lines to pod-log files at a fixed rate with failure lines mixed in, and a probe
# measuring lines/s into logs.raw and through the topology, failure-to-diagnosis latency, and the CPU
# and memory of every process. See benchmarks/e2e/README.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: benchmarks/e2e/pipeline.sh [options]
  --rate N            lines per second the writer appends (default 20000)
  --containers N      pod-log files written, one per container (default 8; the first is kube-system/aws-node)
  --failure-every N   one failure line (IPAM-D) per N lines (default 1000)
  --warmup S          seconds excluded from the figures (default 60: a cold streams app catches up for tens of seconds)
  --measure S         seconds measured (default 60)
  --drain S           at most this long after the writer stops, waiting for the backlog (default 15)
  --delivery MODE     the shipper's delivery: exactly-once (default) or at-least-once
  --corpus DIR        lines of ordinary traffic (default ../shared/corpora; synthetic lines without it)
  --jfr FILE          record a JFR profile of the shipper to FILE (settings=profile)
  --keep              keep the temporary directory (logs of every process) instead of deleting it
Everything listens on 127.0.0.1 or ephemeral ports and is stopped at the end (or on Ctrl-C).
USAGE
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
rate=20000 containers=8 failure_every=1000 warmup=60 measure=60 drain=15 delivery=exactly-once
corpus="$repo/../shared/corpora" jfr="" keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --containers) containers="$2"; shift 2 ;;
    --failure-every) failure_every="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --measure) measure="$2"; shift 2 ;;
    --drain) drain="$2"; shift 2 ;;
    --delivery) delivery="$2"; shift 2 ;;
    --corpus) corpus="$(realpath -m "$2")"; shift 2 ;;  # the script runs from the repository root
    --jfr) jfr="$(realpath -m "$2")"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

work="$(mktemp -d /tmp/logdoctor-e2e.XXXXXX)"
pids=()
source "$here/procs.sh" # cleanup, wait_for
source "$here/lib.sh" # freeze_cli
trap cleanup EXIT
trap 'exit 130' INT TERM

cd "$repo"
freeze_cli "$work"
classpath="$(cat "$work/lib/classpath")"
logdoctor="$work/logdoctor"

echo "== $(date -u +%FT%TZ) rate=$rate containers=$containers failure-every=$failure_every warmup=$warmup measure=$measure delivery=$delivery"
echo "== load: $(uptime)"

"$logdoctor" broker --port 0 --data "$work/broker" >"$work/broker.log" 2>&1 &
pids+=($!); broker_pid=$!
bootstrap="$(wait_for "$work/broker.log" '127\.0\.0\.1:[0-9]+' 90 "$broker_pid")"
echo "broker    pid $broker_pid  $bootstrap"

"$logdoctor" streams --bootstrap-server "$bootstrap" --state-dir "$work/streams" --http-port 0 \
  --advertised-host 127.0.0.1 --repeat-interval PT0S >"$work/streams.log" 2>&1 &
pids+=($!); streams_pid=$!
streams_port="$(wait_for "$work/streams.log" 'http://127\.0\.0\.1:[0-9]+' 120 "$streams_pid" | sed 's/.*://')"
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$streams_port/healthz" >/dev/null && break
  kill -0 "$streams_pid" || { tail -n 30 "$work/streams.log" >&2; exit 1; }
  sleep 0.1
done
echo "streams   pid $streams_pid  http://127.0.0.1:$streams_port/metrics"

mkdir -p "$work/pods"
LOGDOCTOR_JAVA_OPTS="${jfr:+-XX:StartFlightRecording=filename=$jfr,settings=profile}" \
"$logdoctor" shipper --bootstrap-server "$bootstrap" --pods-root "$work/pods" --containers-root - \
  --state-dir "$work/shipper" --delivery "$delivery" --metrics-port 0 --cluster bench --node bench-node \
  >"$work/shipper.log" 2>&1 &
pids+=($!); shipper_pid=$!
shipper_port="$(wait_for "$work/shipper.log" '/metrics on :[0-9]+' 120 "$shipper_pid" | sed 's/.*://')"
echo "shipper   pid $shipper_pid  http://127.0.0.1:$shipper_port/metrics ($delivery)"

java -cp "$classpath" "$here/Writer.java" --pods-root "$work/pods" --rate "$rate" --containers "$containers" \
  --failure-every "$failure_every" --seconds "$((warmup + measure))" --corpus "$corpus" \
  --progress "$work/writer.progress" --start-after "$work/go" >"$work/writer.log" 2>&1 &
pids+=($!); writer_pid=$!
echo "writer    pid $writer_pid"
echo

java -cp "$classpath" "$here/Probe.java" --bootstrap "$bootstrap" \
  --shipper-metrics "http://127.0.0.1:$shipper_port/metrics" --streams-metrics "http://127.0.0.1:$streams_port/metrics" \
  --writer-progress "$work/writer.progress" --ready "$work/go" \
  --pids "broker=$broker_pid,streams=$streams_pid,shipper=$shipper_pid,writer=$writer_pid" \
  --warmup "$warmup" --measure "$measure" --drain "$drain" 2>"$work/probe.log"
echo
cat "$work/writer.log" | grep -v '^writer: .*distinct' || true
echo "== load: $(uptime)"
if grep -qE 'ERROR|Exception' "$work/shipper.log" "$work/streams.log"; then
  echo "(errors or exceptions in the logs: grep -i error $work/*.log)"; keep=1
fi
