# Sourced by pipeline.sh, streams-catchup.sh and benchmarks/shipper/common.sh (not by lib.sh: vs-rsyslog.sh has its own).
# cleanup: their EXIT trap: stops the processes in $pids (last started first,
# SIGKILL after 10 s) and deletes $work unless --keep was given or the script failed.
cleanup() {
  local rc=$?
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  if [ "$keep" = 1 ] || [ "$rc" != 0 ]; then echo "logs and data kept in $work" >&2; else rm -rf "$work"; fi
}

# wait_for FILE REGEX SECONDS PID: until a line of FILE matches; prints the match
wait_for() {
  local file="$1" regex="$2" limit="$3" pid="$4"
  for _ in $(seq 1 $((limit * 10))); do
    if grep -m1 -oE "$regex" "$file" 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "process $pid died; its log:" >&2; tail -n 30 "$file" >&2; return 1; }
    sleep 0.1
  done
  echo "timed out waiting for /$regex/ in $file" >&2; tail -n 30 "$file" >&2; return 1
}
