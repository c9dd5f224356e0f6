# Sourced by restart.sh and rss.sh after they set $work and $keep. Stops what the script started on
# exit (newest first) and deletes $work unless --keep or a failure.
pids=()
source "$(dirname "${BASH_SOURCE[0]}")/../e2e/procs.sh" # cleanup (and wait_for)
trap cleanup EXIT
trap 'exit 130' INT TERM

# freeze_tree SRC DEST: in benchmarks/e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../e2e/lib.sh"

# start_broker: ./logdoctor broker as a process of its own on a free port; sets $bootstrap
start_broker() {
  "$logdoctor" broker --port 0 --data "$work/broker" >"$work/broker.log" 2>&1 &
  pids+=($!)
  local pid=$!
  for _ in $(seq 1 900); do
    bootstrap="$(grep -m1 -oE '127\.0\.0\.1:[0-9]+' "$work/broker.log" 2>/dev/null || true)"
    [ -n "$bootstrap" ] && { echo "broker pid $pid $bootstrap"; return 0; }
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$work/broker.log" >&2; return 1; }
    sleep 0.1
  done
  echo "the broker did not start in 90 s" >&2; return 1
}

# make_pods DIR N LINES: N container logs DIR/<ns>_<pod>_<uid>/app/0.log (50 namespaces) of LINES CRI
# lines each, every file's first line unique (so is its fingerprint); their paths go to $work/pods.list
make_pods() {
  python3 - "$1" "$2" "$3" >"$work/pods.list" <<'PY'
import os, sys
root, n, lines = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for i in range(n):
    d = os.path.join(root, f"ns-{i % 50:02d}_pod-{i:05d}_{i:08d}-0000-4000-8000-000000000000", "app")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "0.log")
    with open(path, "w") as f:
        for k in range(lines):
            f.write(f"2026-12-06T08:00:{k % 60:02d}.{i:09d}Z stdout F pod-{i:05d} line {k}: "
                    f"level=info msg=\"request served\" status=200 path=/api/v1/items/{i * 31 + k}\n")
    print(path)
PY
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# metric PORT NAME: the value of an unlabelled metric on the shipper's /metrics, or nothing
metric() {
  curl -sf --max-time 1 "http://127.0.0.1:$1/metrics" 2>/dev/null | awk -v n="$2" '$1 == n { printf "%d\n", $2 }' || true
}

# await_metric PORT NAME MIN SECONDS PID LOG: polls every 10 ms until NAME >= MIN; prints its value
await_metric() {
  local port="$1" name="$2" min="$3" deadline=$(( $(date +%s) + $4 )) pid="$5" log="$6" value
  while :; do
    value="$(metric "$port" "$name")"
    if [ -n "$value" ] && [ "$value" -ge "$min" ]; then echo "$value"; return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "the shipper died; its log:" >&2; tail -n 30 "$log" >&2; return 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "no $name >= $min in time; log:" >&2; tail -n 30 "$log" >&2; return 1; }
    sleep 0.01
  done
}

# phases LOG T0NS: when the shipper's start-up steps were logged, in ms after T0NS (epoch ns). The log prints
# ISO-8601 UTC (2026-12-06T20:21:25.448Z); older shippers printed HH:mm:ss.SSS of this machine's time zone.
phases() {
  local utc_ms=$(( ($2 / 1000000) % 86400000 ))
  local local_ms=$(( ($2 / 1000000 + $(date +%z | sed -E 's/^([+-])0?([0-9]+)([0-9]{2})$/\1(\2*60+\3)/') * 60000) % 86400000 ))
  awk -v utc="$utc_ms" -v loc="$local_ms" '
    function ms(ts,  p, t0) {
      t0 = loc
      if (ts ~ /^[0-9][0-9][0-9][0-9]-/) { sub(/^[^T]*T/, "", ts); sub(/Z$/, "", ts); t0 = utc }
      split(ts, p, /[:.]/); return ((p[1] * 60 + p[2]) * 60 + p[3]) * 1000 + p[4] - t0
    }
    /^([0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T)?[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9]+Z? / {
      if (/ shipping / && !s) { s = 1; printf "up %d", ms($1) }
      if (/ producer ready/ && !p) { p = 1; printf ", producer %d", ms($1) }
      if (/ restored / && !r) { r = 1; printf ", offsets %d", ms($1) }
      if (/ following /) { last = ms($1); n++ }
      if (/ first round committed/ && !c) { c = ms($1) }
    }
    /topics checked in/ { match($0, /topics checked in [0-9]+/); topics = substr($0, RSTART + 18, RLENGTH - 18) }
    END { if (n) printf ", %d files by %d", n, last; if (c) printf ", first commit logged %d", c; if (topics != "") printf "; topics took %d", topics }' "$1"
}

# cpu_ms PID: user + system CPU time of the process so far, in ms
cpu_ms() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%d\n", ($12 + $13) * 1000 / hz }' "/proc/$1/stat"
}

# stats N...: "min / median / max" of the numbers
stats() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "min %d / median %d / max %d", v[1], v[int((NR + 1) / 2)], v[NR] }'
}

# rss_mib PID: resident memory of the process, in MiB
rss_mib() {
  awk '/^VmRSS:/ { printf "%d\n", $2 / 1024 }' "/proc/$1/status"
}
