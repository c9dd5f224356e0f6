# Sourced by pipeline.sh, streams-catchup.sh and vs-rsyslog.sh.
# freeze_cli WORK [REPO]: builds the CLI of REPO (default: this checkout) if needed (./logdoctor does), then copies its own jars into
# WORK/lib and writes WORK/logdoctor, which runs the CLI exactly as ./logdoctor does (same main class,
# classpath, LOGDOCTOR_JAVA_OPTS) but from the copies and without the launcher's rebuild check: a
# colleague editing a source file or running mvn package cannot rebuild or swap jars mid-run.
freeze_cli() {
  local work="$1" repo="${2:-}"; [ -n "$repo" ] || repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  (cd "$repo" && ./logdoctor --help >/dev/null)
  mkdir -p "$work/lib"
  local cp="" entry
  for entry in "$repo/cli/target/cli-0.1.0-SNAPSHOT.jar" $(tr ':' ' ' <"$repo/cli/target/logdoctor.classpath"); do
    case "$entry" in
      "$repo"/*) cp -p "$entry" "$work/lib/"; entry="$work/lib/$(basename "$entry")" ;;
    esac
    cp="${cp:+$cp:}$entry"
  done
  echo "$cp" >"$work/lib/classpath"
  cat >"$work/logdoctor" <<SH
#!/usr/bin/env bash
exec "\${JAVA_HOME:+\$JAVA_HOME/bin/}java" \${LOGDOCTOR_JAVA_OPTS:-} -Dlogdoctor.home="$repo" -cp "$cp" io.logdoctor.cli.Main "\$@"
SH
  chmod +x "$work/logdoctor"
  echo "== logdoctor $(cd "$repo" && git rev-parse --short HEAD)$(cd "$repo" && git diff --quiet HEAD -- '*/src/main' || echo ' + uncommitted changes in src/main'), jars frozen in $work/lib"
}

# freeze_tree SRC DEST: SRC's launcher and built jars copied into DEST in the launcher's layout, so
# DEST/logdoctor runs exactly as SRC/logdoctor (its class-data archive included) while nothing there can
# trigger a rebuild or swap a jar mid-run (DEST has no sources). The jars are copied by the e2e scripts'
# freeze_cli (which also builds SRC if needed); the launcher then finds them where it looks.
freeze_tree() {
  local src="$1" dest="$2"
  (source "$src/benchmarks/e2e/lib.sh" && freeze_cli "$dest" >/dev/null 2>&1)
  mkdir -p "$dest/cli/target"
  cp -p "$src/logdoctor" "$dest/"
  cp -p "$dest/lib/cli-0.1.0-SNAPSHOT.jar" "$dest/cli/target/"
  sed 's#^[^:]*/cli-0\.1\.0-SNAPSHOT\.jar:##' "$dest/lib/classpath" >"$dest/cli/target/logdoctor.classpath"
  touch "$dest/cli/target/.logdoctor-built"
}
