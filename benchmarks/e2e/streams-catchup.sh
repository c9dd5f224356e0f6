#!/usr/bin/env bash
# The streams app catching up with a pre-filled logs.raw (issue 16, point 3): `kcat -C` reads the topic
# as the baseline, then a fresh app (new application id, empty state) runs to lag 0, once per mode of
# the raw prefilter, in turns, on the same broker and records. See benchmarks/e2e/README.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: benchmarks/e2e/streams-catchup.sh [options]
  --records N   records pre-filled into logs.raw (default 2000000)
  --reps N      repetitions of every mode (default 2)
  --modes LIST  values of -Dlogdoctor.raw.prefilter, in turn (default off,on: decode every record, then the raw test)
  --corpus DIR  the lines (default: ../shared/corpora beside the repository, whatever the working directory)
  --baseline DIR  another checkout, built (e.g. a worktree at the commit before a change): its app runs too, in
                turns with this one's in every mode, on the same broker and records (a before/after in one run)
  --keep        keep the temporary directory (every process's log)
  --jfr         record each app run with JDK Flight Recorder (profile settings, -XX:+DebugNonSafepoints) and
                print its 25 hottest methods by execution samples (top frame); implies --keep
CATCHUP_JAVA_OPTS adds JVM flags to every app run (e.g. -Xmx512m). Prints per run: seconds from the app's start to its first record and to the last, records/s over the whole
run and between 10% and 90% of the records (steady state), and the app's CPU-seconds per million records.
USAGE
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
records=2000000 reps=2 modes="off,on" corpus="$repo/../shared/corpora" keep=0 jfr=0 baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --records) records="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    --corpus) corpus="$(realpath -m "$2")"; shift 2 ;;
    --baseline) baseline="$(realpath "$2")"; shift 2 ;;
    --keep) keep=1; shift ;;
    --jfr) jfr=1; keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

work="$(mktemp -d /tmp/logdoctor-catchup.XXXXXX)"
pids=()
source "$here/procs.sh" # cleanup, wait_for
source "$here/lib.sh" # freeze_cli
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v kcat >/dev/null || { echo "kcat is missing: apt-get install kcat" >&2; exit 1; }
cd "$repo"
freeze_cli "$work"
classpath="$(cat "$work/lib/classpath")"
logdoctor="$work/logdoctor"
if [ -n "$baseline" ]; then
  freeze_cli "$work/baseline" "$baseline"
fi
echo "== $(date -u +%FT%TZ) records=$records reps=$reps modes=$modes corpus=$corpus"
echo "== load: $(uptime)"

"$logdoctor" broker --port 0 --data "$work/broker" >"$work/broker.log" 2>&1 &
broker_pid=$!; pids+=("$broker_pid")
bootstrap="$(wait_for "$work/broker.log" '127\.0\.0\.1:[0-9]+' 90 "$broker_pid")"
echo "broker pid $broker_pid $bootstrap"
java -cp "$classpath" "$here/Fill.java" --bootstrap "$bootstrap" --records "$records" --corpus "$corpus"

kcat_run() {
  local out; TIMEFORMAT='%R %U %S'
  out="$( { time kcat -C -b "$bootstrap" -t logs.raw -o beginning -e -q -X isolation.level=read_committed -f '\n' | wc -l >"$work/kcat.count"; } 2>&1 )"
  read -r wall user sys <<<"$out"
  python3 -c "import sys; n=int(open('$work/kcat.count').read()); w,u,s=map(float,sys.argv[1:]); print(f'kcat -C: {n} records in {w:.2f} s: {n/w:,.0f} records/s, {(u+s)/n*1e6:.2f} CPU-s per 1M')" "$wall" "$user" "$sys"
}

# app_run MODE N [baseline]: a fresh app (application id and state of its own) from start to its last record
app_run() {
  local mode="$1" n="$2" label="${3:-}" id="catchup-$1-$2${3:+-$3}" launcher="$logdoctor"
  [ -n "$label" ] && launcher="$work/$label/logdoctor"
  printf 'kafka.application.id=%s\n' "$id" >"$work/$id.properties"
  local opts="-Dlogdoctor.raw.prefilter=$mode ${CATCHUP_JAVA_OPTS:-}"
  [ "$jfr" = 1 ] && opts="$opts -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -XX:StartFlightRecording=settings=profile,filename=$work/$id.jfr,dumponexit=true"
  LOGDOCTOR_JAVA_OPTS="$opts" "$launcher" streams --bootstrap-server "$bootstrap" \
    --config "$work/$id.properties" --state-dir "$work/$id" --http-port 0 >"$work/$id.log" 2>&1 &
  local pid=$!; pids+=("$pid")
  python3 - "$pid" "$work/$id.log" "$records" "$mode${label:+ ($label)}" <<'PY'
import re, sys, time, urllib.request, os
pid, log, total, mode = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
tick = os.sysconf("SC_CLK_TCK")
def cpu():
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / tick
start, port = time.time(), None
marks = {}
while True:
    if not os.path.exists(f"/proc/{pid}"):
        sys.exit(f"streams app died; see {log}")
    if port is None:
        m = re.search(r"listening on /127\.0\.0\.1:(\d+)", open(log).read())
        port = m and m.group(1)
    n = skipped = 0
    if port:
        try:
            text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2).read().decode()
            n = int(float(re.search(r"^logdoctor_records_in_total (\S+)", text, re.M).group(1)))
            s = re.search(r"^logdoctor_records_skipped_total (\S+)", text, re.M)
            skipped = int(float(s.group(1))) if s else 0
        except Exception:
            pass
    now, c = time.time() - start, cpu()
    for name, at in (("first", 1), ("p10", total // 10), ("p90", total * 9 // 10), ("last", total)):
        if n >= at and name not in marks:
            marks[name] = (now, c, n)
    if "last" in marks:
        break
    if now > 1800:
        sys.exit("no lag 0 after 30 minutes")
    # A scrape costs the app ~10 ms of CPU (hundreds of series): polling at 20 Hz took a fifth of its CPU in a
    # profile. Poll often only until the first record, then twice a second (Prometheus scrapes every 15-60 s).
    time.sleep(0.05 if n == 0 else 0.5)
(t1, c1, _), (t10, c10, n10), (t90, c90, n90), (tl, cl, nl) = marks["first"], marks["p10"], marks["p90"], marks["last"]
hwm = next((l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmHWM:")), "?")
steady = (f"10%-90% {(n90-n10)/(t90-t10):,.0f} records/s at {(c90-c10)/(n90-n10)*1e6:.2f} CPU-s per 1M"
          if t90 > t10 and n90 > n10 else "10%-90% too short to tell")
print(f"app raw-prefilter={mode}: first record after {t1:.1f} s, last after {tl:.1f} s; whole run {nl/tl:,.0f} records/s "
      f"at {cl/nl*1e6:.2f} CPU-s per 1M; {steady}; {skipped} of {nl} records not decoded; peak RSS {int(hwm) // 1024} MiB")
PY
  kill "$pid"; for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if [ "$jfr" = 1 ] && [ -s "$work/$id.jfr" ]; then
    echo "hottest methods of $id (top frame of execution samples; $work/$id.jfr):"
    jfr print --stack-depth 64 --events jdk.ExecutionSample "$work/$id.jfr" | python3 "$here/hot-methods.py" 25
  fi
}

kcat_run
for rep in $(seq 1 "$reps"); do
  for mode in ${modes//,/ }; do
    app_run "$mode" "$rep"
    kcat_run
    if [ -n "$baseline" ]; then
      app_run "$mode" "$rep" baseline
      kcat_run
    fi
  done
done
echo "== load: $(uptime)"
