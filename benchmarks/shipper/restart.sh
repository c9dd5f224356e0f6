#!/usr/bin/env bash
# Restart benchmark (issue 11 point 6): the time from `./logdoctor shipper`'s process start to its first
# record committed after a restart, with --files checkpoints on logs.shipper.offsets. A first shipper
# follows every file, commits their checkpoints and is stopped with SIGTERM (so the launcher's first run
# writes its class-data archive); then, --restarts times: SIGKILL the shipper, append one line to one file,
# start it again and poll its /metrics until logdoctor_shipper_lines_shipped_total is 1 (the counter moves
# only once the transaction holding the record committed). With --baseline, each restart is measured for
# that tree's shipper too, alternately, against the same broker, files and checkpoints.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: benchmarks/shipper/restart.sh [options]
  --files N          pod-log files, each with a committed checkpoint before the restarts (default 1000)
  --restarts N       restarts measured per shipper (default 5)
  --baseline DIR     another built tree (e.g. main before this change): its ./logdoctor shipper alternates with ours
  --bootstrap H:P    use this broker (e.g. one started with ./logdoctor broker); default: start one
  --keep             keep the temporary directory (every process's log) instead of deleting it
LOGDOCTOR_JAVA_OPTS and LOGDOCTOR_CDS pass through to the launchers.
USAGE
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
files=1000 restarts=5 bootstrap="" keep=0 baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --restarts) restarts="$2"; shift 2 ;;
    --baseline) baseline="$(cd "$2" && pwd)"; shift 2 ;;
    --bootstrap) bootstrap="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

work="$(mktemp -d /tmp/logdoctor-restart.XXXXXX)"
source "$here/common.sh"
# Frozen copies (built first if needed): an edit in the tree during the run cannot rebuild mid-measure.
freeze_tree "$repo" "$work/after"
logdoctor="$work/after/logdoctor"
shippers=("after=$work/after")
if [ -n "$baseline" ]; then
  freeze_tree "$baseline" "$work/before"
  shippers=("before=$work/before" "after=$work/after")
fi
echo "== $(date -u +%FT%TZ) files=$files restarts=$restarts; $(git -C "$repo" log -1 --format=%h 2>/dev/null || echo "$repo")$(git -C "$repo" diff --quiet HEAD -- '*/src/main' logdoctor 2>/dev/null || echo ' + uncommitted changes')${baseline:+; baseline $baseline}"
echo "== load: $(uptime)"
[ -n "$bootstrap" ] || start_broker
make_pods "$work/pods" "$files" 3
# A node name of its own: earlier runs' checkpoints on the same broker are read but never match.
node="restart-$(date +%s)"
port="$(free_port)"

# start_shipper TREE LOG: TREE's ./logdoctor shipper as a node's shipper, on $port; sets shipper_pid
start_shipper() {
  "$1/logdoctor" shipper --bootstrap-server "$bootstrap" --pods-root "$work/pods" --containers-root - \
    --metrics-port "$port" --cluster bench --node "$node" >"$2" 2>&1 &
  shipper_pid=$!
  pids+=("$shipper_pid")
}

# A first run of each tree, long enough for an older launcher to keep a class-data archive (written 8 s after
# start by jcmd, or at a clean exit after 10 s), then stopped with SIGTERM. A launcher that
# keeps only an archive of a restart that shipped (checkpoints restored, a line sent) has none after a first run
# that restored or sent nothing: that tree restarts once more, unmeasured, like a measured restart (a line
# appended, /metrics polled), until its archive is there.
first=1
for entry in "${shippers[@]}"; do
  name="${entry%%=*}" tree="${entry#*=}" archive="$tree/cli/target/cds/shipper.jsa"
  start_shipper "$tree" "$work/shipper-0-$name.log"
  [ -z "$first" ] || await_metric "$port" logdoctor_shipper_lines_shipped_total "$((files * 3))" 300 "$shipper_pid" "$work/shipper-0-$name.log" >/dev/null
  sleep 22
  kill -TERM "$shipper_pid"; wait "$shipper_pid" 2>/dev/null || true
  first=""
  echo "first run ($name): stopped (SIGTERM) after 22 s; class-data archive: $(du -h "$archive" 2>/dev/null | cut -f1 || echo none)"
  if [ "${LOGDOCTOR_CDS:-on}" != off ] && [ ! -s "$archive" ]; then
    printf '%s stdout F training restart (%s) appended\n' "$(date -u +%FT%T.%NZ)" "$name" >>"$(head -n 1 "$work/pods.list")"
    start_shipper "$tree" "$work/shipper-0b-$name.log"
    await_metric "$port" logdoctor_shipper_lines_shipped_total 1 120 "$shipper_pid" "$work/shipper-0b-$name.log" >/dev/null
    for _ in $(seq 1 120); do [ -s "$archive" ] && break; sleep 1; done
    kill -TERM "$shipper_pid"; wait "$shipper_pid" 2>/dev/null || true
    echo "training restart ($name): class-data archive: $(du -h "$archive" 2>/dev/null | cut -f1 || echo none)"
  fi
done

declare -A wall cpu
for ((r = 1; r <= restarts; r++)); do
  for entry in "${shippers[@]}"; do
    name="${entry%%=*}" tree="${entry#*=}"
    # The launcher's pid and what it started: a launcher that does not exec (a training run) has the JVM as child.
    pkill -9 -P "$shipper_pid" 2>/dev/null || true; kill -9 "$shipper_pid" 2>/dev/null || true
    wait "$shipper_pid" 2>/dev/null || true
    target="$(sed -n "$(( (r * 7919) % files + 1 ))p" "$work/pods.list")"
    printf '%s stdout F restart %d (%s) appended\n' "$(date -u +%FT%T.%NZ)" "$r" "$name" >>"$target"
    log="$work/shipper-$r-$name.log"
    t0=$(date +%s%N)
    start_shipper "$tree" "$log"
    shipped="$(await_metric "$port" logdoctor_shipper_lines_shipped_total 1 120 "$shipper_pid" "$log")"
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 )) cpu_ms="$(cpu_ms "$shipper_pid")"
    if [ "$shipped" != 1 ]; then
      echo "restart $r ($name): the first commit held $shipped lines, not 1: checkpoints were not resumed" >&2
      exit 1
    fi
    wall[$name]+="$ms " cpu[$name]+="$cpu_ms "
    printf 'restart %d %-6s first record committed %5d ms after start, %5d ms CPU  (%s; load %s)\n' \
      "$r" "$name" "$ms" "$cpu_ms" "$(phases "$log" "$t0")" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
for entry in "${shippers[@]}"; do
  name="${entry%%=*}"
  echo "== $name: $files checkpoints, $restarts restarts: wall $(stats ${wall[$name]}) ms; CPU $(stats ${cpu[$name]}) ms"
done
