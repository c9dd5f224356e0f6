#!/usr/bin/env bash
# The image's class-data archive (log-shipper/Dockerfile): trains the shipper on a restart, as the `logdoctor`
# launcher does on a node. A first start against the embedded broker ships a line and commits its checkpoint;
# then a restart (its checkpoint restored, a new line sent, /metrics and /readyz asked as kubelet and Prometheus
# do) records the classes it loads (-XX:DumpLoadedClassList) until the shipper says it shipped after a restore
# (-Dlogdoctor.cds.mark, cli ClassDataMark), and -Xshare:dump makes the archive of that list. A fresh start alone
# would leave out what every restart loads to parse its checkpoints, and JDK 17's dynamic archive every class
# loaded but not linked (BENCHMARKS.md, "The restart, eighth session: a class-data archive of a restart"). The
# CLASSPATH must be the one the DaemonSet's JVM runs with. Best effort: without an archive the shipper starts as
# before. usage: cds-train.sh CLASSPATH ARCHIVE
set -u
cp="$1" archive="$2"
t="$(mktemp -d /tmp/cds-train.XXXXXX)"
d="$t/pods/train_cds-0_00000000-0000-4000-8000-000000000000/app"
mkdir -p "$d"
# The DaemonSet's collector; an archive holds classes, not heap objects, so the other flags need not match.
flags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1)
port=19093

line() { printf '%s stdout F class-data training line %s\n' "$(date -u +%FT%T.%NZ)" "$1" >>"$d/0.log"; }
# get PATH: the shipper's answer on PATH (bash's /dev/tcp: the JRE image has no curl)
get() { (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET %s HTTP/1.0\r\n\r\n' "$1" >&3 && cat <&3) 2>/dev/null; }
shipped() { get /metrics | awk '$1 == "logdoctor_shipper_lines_shipped_total" && $2 >= 1 { ok = 1 } END { exit !ok }'; }
shipper() {
  exec java "${flags[@]}" "$@" -cp "$cp" io.logdoctor.cli.Main shipper --bootstrap-server 127.0.0.1:19092 --pods-root "$t/pods" \
    --containers-root - --metrics-port "$port" --cluster train --node train
}
# await CONDITION SECONDS: true once CONDITION holds, polled every second
await() { local i; for i in $(seq 1 "$2"); do eval "$1" && return 0; sleep 1; done; return 1; }

line 1
java -cp "$cp" io.logdoctor.cli.Main broker --port 19092 --data "$t/kafka" >"$t/broker.log" 2>&1 &
broker=$!
await "grep -q '^bootstrap:' '$t/broker.log'" 120 || echo "cds-train: the broker did not start" >&2
shipper >"$t/first.log" 2>&1 &
pid=$!
await shipped 120 || { echo "cds-train: the first start shipped nothing; its log:" >&2; tail -n 20 "$t/first.log" >&2; }
kill -TERM "$pid"; wait "$pid"
line 2
shipper -XX:DumpLoadedClassList="$t/classes" -Dlogdoctor.cds.mark="$t/mark" >"$t/restart.log" 2>&1 &
pid=$!
await "[ -e '$t/mark' ]" 120
get /readyz >/dev/null
sleep 5 # the probe's Admin client starts after the first commit
get /metrics >/dev/null
kill -TERM "$pid"; wait "$pid"
kill "$broker"; wait "$broker"
if [ -e "$t/mark" ] && java -Xshare:dump -XX:SharedClassListFile="$t/classes" -XX:SharedArchiveFile="$archive.partial" \
     -cp "$cp" >"$t/dump.log" 2>&1 && [ -s "$archive.partial" ]; then
  mv -f "$archive.partial" "$archive"
  echo "cds-train: class-data archive $archive of a restart: $(du -h "$archive" | cut -f1)"
else
  rm -f "$archive.partial"
  echo "cds-train: no class-data archive (the shipper starts without one); the restart's log and the dump's:" >&2
  tail -n 20 "$t/restart.log" "$t/dump.log" >&2
fi
rm -rf "$t"
