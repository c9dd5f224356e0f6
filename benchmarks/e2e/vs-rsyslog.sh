#!/usr/bin/env bash
# The shipper side by side with rsyslog (imfile -> omkafka) and kcat -P on the same pre-written CRI
# files and the same broker, each into a topic of its own; lines/s and CPU per line as ratios against
# rsyslog, several repetitions. See benchmarks/e2e/README.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: benchmarks/e2e/vs-rsyslog.sh [options]
  --lines N        lines written beforehand, 100 bytes each with the newline (default 1000000)
  --files N        spread over N pod-log files (default 10)
  --reps N         repetitions of every contender, interleaved (default 3)
  --contenders L   comma-separated, run in this order each repetition
                   (default rsyslog,rsyslog-json,shipper,shipper-alo,kcat)
                     rsyslog       imfile -> omkafka, the raw line
                     rsyslog-json  the same with a JSON template of the shipper's fields
                     shipper       ./logdoctor shipper --delivery exactly-once
                     shipper-alo   ./logdoctor shipper --delivery at-least-once
                     kcat          kcat -P -z lz4 (idempotent, acks=all) reading the same lines from stdin
  --jfr DIR        record a JFR profile of every shipper run into DIR
  --keep           keep the temporary directory
Installs rsyslog, rsyslog-kafka and kcat with apt-get if missing. Loopback only; everything it starts
is stopped at the end.
USAGE
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
lines=1000000 files=10 reps=3 contenders="rsyslog,rsyslog-json,shipper,shipper-alo,kcat" jfr="" keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --lines) lines="$2"; shift 2 ;;
    --files) files="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --contenders) contenders="$2"; shift 2 ;;
    --jfr) jfr="$(realpath -m "$2")"; mkdir -p "$jfr"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

if ! command -v rsyslogd >/dev/null || [ ! -e /usr/lib/x86_64-linux-gnu/rsyslog/omkafka.so ] && [ -z "$(find /usr/lib -name omkafka.so 2>/dev/null | head -1)" ] || ! command -v kcat >/dev/null; then
  echo "installing rsyslog, rsyslog-kafka and kcat ..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rsyslog rsyslog-kafka kcat >/dev/null
fi

work="$(mktemp -d /tmp/logdoctor-vs-rsyslog.XXXXXX)"
broker_pid=""
cleanup() {
  local rc=$?
  if [ -n "$broker_pid" ]; then
    kill "$broker_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$broker_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$broker_pid" 2>/dev/null || true
  fi
  if [ "$keep" = 1 ] || [ "$rc" != 0 ]; then echo "logs and data kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cd "$repo"
source "$here/lib.sh"
freeze_cli "$work"
classpath="$(cat "$work/lib/classpath")"
logdoctor="$work/logdoctor"

echo "== $(date -u +%FT%TZ) lines=$lines files=$files reps=$reps"
echo "== $(rsyslogd -v | head -1); librdkafka $(dpkg-query -W -f='${Version}' librdkafka1 2>/dev/null); $(kcat -V 2>&1 | head -1)"
echo "== load: $(uptime)"

# 1. the files: kubelet layout, CRI lines of exactly 100 bytes with the newline
pods="$work/pods"
python3 - "$pods" "$lines" "$files" <<'PY'
import os, sys
root, lines, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
per = lines // files
for f in range(files):
    d = os.path.join(root, f"bench_app-{f}-7d9f8c6b5-x{f:04d}_{f:08d}-0000-0000-0000-000000000000", "app")
    os.makedirs(d)
    with open(os.path.join(d, "0.log"), "w") as out:
        buf = []
        for i in range(per):
            s, ns = divmod(i, 1000)
            head = f"2026-01-01T00:{(s // 60) % 60:02d}:{s % 60:02d}.{ns * 1000000 + f:09d}Z stdout F "
            msg = f"level=info msg=\"served request\" file={f} n={i} path=/api/v1/items status=200 "
            buf.append((head + msg).ljust(99, "x")[:99] + "\n")
        out.write("".join(buf))
PY
cat "$pods"/*/app/0.log > "$work/all.log"
total=$(( (lines / files) * files ))
echo "== $total lines in $files files, $(du -sh "$pods" | cut -f1); every file read once beforehand, so all come from the page cache"

# 2. the broker
"$logdoctor" broker --port 0 --data "$work/broker" >"$work/broker.log" 2>&1 &
broker_pid=$!
for _ in $(seq 1 900); do
  bootstrap="$(grep -m1 -oE '127\.0\.0\.1:[0-9]+' "$work/broker.log" || true)"
  [ -n "$bootstrap" ] && break
  kill -0 "$broker_pid" || { tail -n 30 "$work/broker.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$bootstrap" ] || { echo "the broker did not start" >&2; exit 1; }
echo "== broker pid $broker_pid at $bootstrap"

# 3. rsyslog configs: imfile with the settings of notes/anchors.md, omkafka lz4, acks=all, idempotent
rsyslog_conf() {   # rsyslog_conf NAME TOPIC TEMPLATE_KIND
  local dir="$work/$1"; mkdir -p "$dir/state"
  local template metadata=off
  if [ "$3" = json ]; then
    metadata=on   # the template reads the file name and offset
    # the shipper's record, as far as rsyslog can build it from the path and the CRI fields
    template='template(name="out" type="list" option.jsonf="on") {
  property(outname="ts" name="msg" field.delimiter="32" field.number="1" format="jsonf")
  constant(outname="source" value="k8s" format="jsonf")
  constant(outname="cluster" value="bench" format="jsonf")
  constant(outname="node" value="bench-node" format="jsonf")
  property(outname="namespace" name="$!metadata!filename" regex.type="ERE" regex.expression="/pods/([^_/]+)_" regex.submatch="1" format="jsonf")
  property(outname="pod" name="$!metadata!filename" regex.type="ERE" regex.expression="/pods/[^_/]+_([^_/]+)_" regex.submatch="1" format="jsonf")
  property(outname="container" name="$!metadata!filename" regex.type="ERE" regex.expression="/([^/]+)/[^/]+$" regex.submatch="1" format="jsonf")
  property(outname="stream" name="msg" field.delimiter="32" field.number="2" format="jsonf")
  property(outname="line" name="msg" regex.type="ERE" regex.expression="^[^ ]+ [^ ]+ [^ ]+ (.*)$" regex.submatch="1" format="jsonf")
  property(outname="file" name="$!metadata!filename" format="jsonf")
  property(outname="offset" name="$!metadata!fileoffset" format="jsonf")
}'
  else
    # as an expert runs it: addMetadata="off", or imfile builds a metadata object per message that %msg% never reads
    template='template(name="out" type="string" string="%msg%")'
  fi
  cat >"$dir/rsyslog.conf" <<CONF
global(workDirectory="$dir/state" maxMessageSize="1m")
main_queue(queue.type="LinkedList" queue.size="200000" queue.dequeueBatchSize="1024")
module(load="imfile" mode="inotify")
module(load="omkafka")
$template
ruleset(name="tokafka"
        queue.type="LinkedList" queue.filename="kafka-q" queue.size="200000" queue.dequeueBatchSize="1024"
        queue.highWatermark="150000" queue.saveOnShutdown="on" queue.maxDiskSpace="1g") {
  action(type="omkafka" broker=["$bootstrap"] topic="$2" template="out" partitions.auto="on"
         confParam=["compression.codec=lz4", "enable.idempotence=true", "acks=all", "queue.buffering.max.ms=5",
                    "batch.size=131072", "queue.buffering.max.messages=1000000"])
}
input(type="imfile" file="$pods/*/*/0.log" tag="pods" ruleset="tokafka" addMetadata="$metadata"
      reopenOnTruncate="on" persistStateInterval="1000" freshStartTail="off" readMode="0")
CONF
}

results="$work/results.txt"; : >"$results"
race() {   # race NAME TOPIC [race options] -- COMMAND...
  local name="$1" topic="$2"; shift 2
  java -cp "$classpath" "$here/Race.java" --name "$name" --bootstrap "$bootstrap" --topic "$topic" --lines "$total" \
    --broker-pid "$broker_pid" --timeout 300 --log "$work/$name.$rep.log" "$@" 2>>"$work/race.log" | tee -a "$results"
}

IFS=, read -r -a order <<<"$contenders"
for rep in $(seq 1 "$reps"); do
  echo "== repetition $rep of $reps; load: $(uptime | sed 's/.*load/load/')"
  for c in "${order[@]}"; do
    sync; sleep 2
    case "$c" in
      rsyslog|rsyslog-json)
        rm -rf "$work/$c.$rep"; rsyslog_conf "$c.$rep" "bench.$c.$rep" "$([ "$c" = rsyslog-json ] && echo json || echo raw)"
        race "$c" "bench.$c.$rep" -- rsyslogd -n -f "$work/$c.$rep/rsyslog.conf" -i "$work/$c.$rep/rsyslogd.pid" ;;
      shipper|shipper-alo)
        mode=exactly-once; [ "$c" = shipper-alo ] && mode=at-least-once
        port="$(free_port)"
        opts=""; [ -n "$jfr" ] && opts="-XX:StartFlightRecording=filename=$jfr/$c.$rep.jfr,settings=profile"
        LOGDOCTOR_JAVA_OPTS="$opts" race "$c" logs.raw --metrics "http://127.0.0.1:$port/metrics" -- \
          "$logdoctor" shipper --bootstrap-server "$bootstrap" --pods-root "$pods" --containers-root - \
          --state-dir "$work/$c.$rep.state" --delivery "$mode" --metrics-port "$port" --cluster bench --node "bench-$c-$rep" ;;
      kcat)
        race kcat "bench.kcat.$rep" --stdin "$work/all.log" --exits yes -- bash -c \
          "TIMEFORMAT='cpu %3U %3S'; time kcat -P -b $bootstrap -t bench.kcat.$rep -z lz4 -X enable.idempotence=true -X acks=all -X linger.ms=5" ;;
      *) echo "unknown contender $c" >&2; exit 2 ;;
    esac
  done
done
echo "== load: $(uptime)"
echo "== one record of each topic:"
for t in $(printf '%s\n' "${order[@]}" | sed 's/^shipper.*/logs.raw/' | sort -u); do
  [ "$t" = logs.raw ] || t="bench.$t.1"
  printf '%-22s ' "$t"; kcat -C -b "$bootstrap" -t "$t" -p 0 -o 0 -c 1 -e -q 2>/dev/null | cut -c1-400 || echo "(none)"
done
echo
python3 "$here/summarize.py" "$results"
