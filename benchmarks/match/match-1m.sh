#!/usr/bin/env bash
# logdoctor match over a 1M-line file of real lines, whole process (JVM start, catalogue, reading, output),
# in turns in the same run: the line path (-Dlogdoctor.match.path=lines, the command before issue 16 point 5)
# and the byte path (the default since), each with the JVM's default compilers and with C1 only
# (-XX:TieredStopAtLevel=1, what ./logdoctor match runs since); then start-up alone (a 1-line file).
# Prints wall and CPU seconds (user+sys) per run; figures in BENCHMARKS.md.
#
#   benchmarks/match/match-1m.sh [--reps N] [--lines N] [--corpora DIR] [--formats "raw cri"] [--cds on|off]
#
# The input is built in a temporary directory from the corpora (never copied into the repository): every
# non-blank line of every file under DIR except READMEs (.md) and Loghub's derived .csv files, in path
# order, repeated to N lines (as MixedCorpus does for JMH, without the inserted fixtures); the cri file is
# the same lines as `<time> stdout F <line>`. Needs the cli built (./logdoctor --version builds it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="$(cd "$here/../.." && pwd)"
reps=3 lines=1000000 corpora="$home/../shared/corpora" formats="raw cri" cds=off
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --lines) lines="$2"; shift 2 ;;
    --corpora) corpora="$2"; shift 2 ;;
    --formats) formats="$2"; shift 2 ;;
    --cds) cds="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -d "$corpora" ] || { echo "no corpora at $corpora (pass --corpora DIR)" >&2; exit 2; }
jar="$home/cli/target/cli-0.1.0-SNAPSHOT.jar"
[ -f "$jar" ] || { echo "build the cli first: ./logdoctor --version" >&2; exit 2; }
cp="$jar:$(cat "$home/cli/target/logdoctor.classpath")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

find "$corpora" -type f ! -name '*.md' ! -name '*.csv' | LC_ALL=C sort | xargs cat | grep -v '^[[:space:]]*$' > "$work/real.txt" || true
awk -v n="$lines" '{ l[NR] = $0 } END { for (i = 0; i < n; i++) print l[i % NR + 1] }' "$work/real.txt" > "$work/raw.log"
awk '{ print "2026-12-06T23:00:00.000000000Z stdout F " $0 }' "$work/raw.log" > "$work/cri.log"
head -1 "$work/raw.log" > "$work/one.log"
echo "input: $(wc -l < "$work/raw.log") lines, $(wc -c < "$work/raw.log") bytes (raw), from $(wc -l < "$work/real.txt") distinct corpus lines"

cds_opts=()
if [ "$cds" = on ]; then # one archive for both paths, trained on a run of each
  java -XX:ArchiveClassesAtExit="$work/match.jsa" -Xlog:cds*=off -cp "$cp" io.logdoctor.cli.Main match "$work/one.log" >/dev/null
  cds_opts=(-XX:SharedArchiveFile="$work/match.jsa" -Xlog:cds*=off)
fi

# prints: wall seconds, CPU seconds (user+sys), output lines
run() {
  local mode="$1" file="$2" out="$work/out.$1" t path="${1%-c1}" opts=()
  [ "$mode" = "$path" ] || opts=(-XX:TieredStopAtLevel=1)
  t="$( { /usr/bin/time -f '%e %U %S' java "${cds_opts[@]}" "${opts[@]}" -Dlogdoctor.match.path="$path" -cp "$cp" io.logdoctor.cli.Main \
        match --format "${3:-raw}" "$file" > "$out"; } 2>&1 | tail -1)"
  set -- $t
  echo "$1 $(echo "$2 + $3" | bc) $(wc -l < "$out")"
}

echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for format in $formats; do
  for rep in $(seq 1 "$reps"); do
    for path in lines bytes lines-c1 bytes-c1; do
      set -- $(run "$path" "$work/$format.log" "$format")
      echo "$format $path rep $rep: ${1} s wall, ${2} CPU-s, $(echo "scale=0; $lines / $1" | bc) lines/s, $3 matches, load $(cut -d' ' -f1 /proc/loadavg)"
    done
    cmp -s "$work/out.lines" "$work/out.bytes" && cmp -s "$work/out.lines-c1" "$work/out.bytes-c1" || { echo "OUTPUTS DIFFER ($format)" >&2; exit 1; }
  done
done
for rep in $(seq 1 "$reps"); do
  for path in lines bytes lines-c1 bytes-c1; do
    set -- $(run "$path" "$work/one.log")
    echo "start-up $path rep $rep (1-line file): ${1} s wall, ${2} CPU-s"
  done
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
