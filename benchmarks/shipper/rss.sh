#!/usr/bin/env bash
# Memory benchmark (issue 10 point 5): the shipper's resident memory (VmRSS) while it follows --files
# container logs that a writer keeps appending to, run with the JVM flags and memory limit of
# deploy/shipper-daemonset.yaml (JAVA_TOOL_OPTIONS, MALLOC_ARENA_MAX, and -XX:MaxRAM=<limits.memory>, which
# is what the JVM sees inside the container). See benchmarks/shipper/README.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: benchmarks/shipper/rss.sh [options]
  --files N          pod-log files followed (default 1000)
  --rate N           lines per second appended over all files (default 5000)
  --seconds N        how long the writer runs, sampling VmRSS every second (default 60)
  --java-opts OPTS   JVM flags instead of the DaemonSet's JAVA_TOOL_OPTIONS (e.g. to compare)
  --limit SIZE       the container memory limit the JVM sees, e.g. 512m (default: the DaemonSet's limits.memory)
  --malloc-arena-max N  MALLOC_ARENA_MAX (default: the DaemonSet's; '' for glibc's default)
  --nmt              also print the JVM's native memory summary at the end (-XX:NativeMemoryTracking=summary)
  --bootstrap H:P    use this broker (e.g. one started with ./logdoctor broker); default: start one
  --keep             keep the temporary directory (every process's log) instead of deleting it
USAGE
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
yaml="$repo/deploy/shipper-daemonset.yaml"
files=1000 rate=5000 seconds=60 bootstrap="" keep=0 nmt=0 limit=""
# env_value NAME: the value of the DaemonSet's environment variable NAME (plain or a folded '>-' block)
env_value() {
  awk -v name="$1" '
    $0 ~ "name: " name "$" { found = 1; next }
    found && /value: >-/ { folded = 1; next }
    found && folded && /^ *-XX|^ *-D|^ *-X/ { sub(/^ */, ""); v = v (v == "" ? "" : " ") $0; next }
    found && folded { print v; exit }
    found { sub(/^ *value: */, ""); gsub(/"/, ""); print; exit }' "$yaml"
}
java_opts="$(env_value JAVA_TOOL_OPTIONS)"
arena="$(env_value MALLOC_ARENA_MAX)"
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --java-opts) java_opts="$2"; shift 2 ;;
    --limit) limit="$2"; shift 2 ;;
    --malloc-arena-max) arena="$2"; shift 2 ;;
    --nmt) nmt=1; shift ;;
    --bootstrap) bootstrap="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
if [ -z "$limit" ]; then
  limit="$(sed -n '/limits:/s/.*memory: *\([0-9]*\)Mi.*/\1m/p' "$yaml")"
fi

work="$(mktemp -d /tmp/logdoctor-rss.XXXXXX)"
source "$here/common.sh"
freeze_tree "$repo" "$work/tree"
logdoctor="$work/tree/logdoctor"
opts="-XX:MaxRAM=$limit $java_opts"
[ "$nmt" = 0 ] || opts="$opts -XX:NativeMemoryTracking=summary"
echo "== $(date -u +%FT%TZ) files=$files rate=$rate seconds=$seconds; $(git -C "$repo" log -1 --format=%h 2>/dev/null || echo "$repo")$(git -C "$repo" diff --quiet HEAD -- '*/src/main' logdoctor deploy 2>/dev/null || echo ' + uncommitted changes')"
echo "== JVM: $opts${arena:+; MALLOC_ARENA_MAX=$arena}"
echo "== load: $(uptime)"
[ -n "$bootstrap" ] || start_broker
make_pods "$work/pods" "$files" 3
port="$(free_port)"

# As in the container: the flags through JAVA_TOOL_OPTIONS, no class-data archive of the launcher's.
env JAVA_TOOL_OPTIONS="$opts" LOGDOCTOR_CDS=off ${arena:+MALLOC_ARENA_MAX=$arena} \
  "$logdoctor" shipper --bootstrap-server "$bootstrap" --pods-root "$work/pods" --containers-root - \
  --metrics-port "$port" --cluster bench --node "rss-$(date +%s)" >"$work/shipper.log" 2>&1 &
shipper_pid=$!
pids+=("$shipper_pid")
await_metric "$port" logdoctor_shipper_lines_shipped_total "$((files * 3))" 300 "$shipper_pid" "$work/shipper.log" >/dev/null
echo "all $files files followed and their $((files * 3)) lines committed; RSS $(rss_mib "$shipper_pid") MiB"

# The writer: every 100 ms, rate/10 lines, round-robin over the files (each its own write).
python3 - "$work/pods.list" "$rate" "$seconds" >"$work/writer.log" 2>&1 <<'PY' &
import sys, time, datetime
paths = [p.strip() for p in open(sys.argv[1])]
rate, seconds = int(sys.argv[2]), int(sys.argv[3])
per_tick, n, start = max(1, rate // 10), 0, time.time()
while time.time() - start < seconds:
    ts = datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    for _ in range(per_tick):
        with open(paths[n % len(paths)], "a") as f:
            f.write(f"{ts} stdout F writer line {n}: level=info msg=\"tick\" path=/api/v1/items/{n % 9973} took=12ms\n")
        n += 1
    time.sleep(max(0, start + (n / rate) - time.time()))
print(n)
PY
writer_pid=$!
pids+=("$writer_pid")
cpu_before="$(cpu_ms "$shipper_pid")"
peak=0 samples=()
while kill -0 "$writer_pid" 2>/dev/null; do
  kill -0 "$shipper_pid" 2>/dev/null || { echo "the shipper died; its log:" >&2; tail -n 30 "$work/shipper.log" >&2; exit 1; }
  rss="$(rss_mib "$shipper_pid")"
  samples+=("$rss")
  [ "$rss" -gt "$peak" ] && peak="$rss"
  sleep 1
done
written="$(tail -1 "$work/writer.log")"
await_metric "$port" logdoctor_shipper_lines_shipped_total "$((files * 3 + written))" 120 "$shipper_pid" "$work/shipper.log" >/dev/null
cpu_used=$(( $(cpu_ms "$shipper_pid") - cpu_before ))
echo "writer: $written lines in ${seconds} s, all committed; files followed: $(metric "$port" logdoctor_shipper_files_tailed);" \
  "shipper CPU meanwhile $cpu_used ms ($(( cpu_used * 1000000 / written / 1000 )) CPU-s per million lines)"
echo "RSS every 10 s (MiB): $(printf '%s\n' "${samples[@]}" | awk 'NR % 10 == 1' | tr '\n' ' ')"
echo "== RSS with $files files: peak $peak MiB, last $(rss_mib "$shipper_pid") MiB (256 MiB is the goal)"
echo "== heap: $(jcmd "$shipper_pid" GC.heap_info 2>/dev/null | grep -E 'total|used' | head -2 | tr -s ' ' | tr '\n' ';')"
if [ "$nmt" = 1 ]; then
  jcmd "$shipper_pid" VM.native_memory summary | grep -E '^(Total|-)|committed=' | grep -E 'Total|^-' | sed 's/^/   /'
fi
