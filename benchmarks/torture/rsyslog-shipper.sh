#!/usr/bin/env bash
# rsyslog (imfile -> omkafka) as the torture harness's shipper command:
#   -Dtorture.shipper="benchmarks/torture/rsyslog-shipper.sh {bootstrap} {pods} {state}"
# Writes its config into the state dir (the same on every restart, so imfile's state files and the
# queue's files are found again) and execs rsyslogd in the foreground, so the harness's SIGKILL hits it.
# The settings are the ones an operator wanting "nothing lost" picks, each with its reason:
set -euo pipefail
bootstrap="$1" pods="$2" state="$3"
mkdir -p "$state/work"
cat >"$state/rsyslog.conf" <<CONF
global(workDirectory="$state/work" maxMessageSize="1m")
# inotify: a rename or truncation is seen at once, not at the next poll.
module(load="imfile" mode="inotify")
module(load="omkafka")
template(name="raw" type="string" string="%msg%")
# A disk-assisted queue: spills to disk under back-pressure (a broker outage) and is saved on a clean stop.
# (A pure disk queue would also survive SIGKILL, at a fraction of the rate; see benchmarks/torture/README.md.)
ruleset(name="tokafka"
        queue.type="LinkedList" queue.filename="kafka-q" queue.size="200000" queue.dequeueBatchSize="1024"
        queue.highWatermark="150000" queue.saveOnShutdown="on" queue.maxDiskSpace="2g") {
  # acks=all + idempotence: no loss or duplicate between rsyslog and the broker; retry forever while the
  # broker is down; resubmitOnFailure/keepFailedMessages: what librdkafka failed is retried, kept across a restart.
  action(type="omkafka" broker=["$bootstrap"] topic="logs.raw" template="raw" partitions.auto="on"
         resubmitOnFailure="on" keepFailedMessages="on" failedMsgFile="$state/work/omkafka-failed.data"
         action.resumeRetryCount="-1" action.resumeInterval="1"
         confParam=["enable.idempotence=true", "acks=all", "compression.codec=lz4", "queue.buffering.max.ms=5",
                    "message.timeout.ms=0"])
}
# Only 0.log: rotated copies hold lines already read from 0.log. reopenOnTruncate: copytruncate.
# persistStateAfterSubmission: the read position is saved once lines are handed to the queue, not only
# every persistStateInterval lines, so a crash re-reads little.
input(type="imfile" file="$pods/*/*/0.log" tag="pods" ruleset="tokafka" addMetadata="on"
      reopenOnTruncate="on" persistStateInterval="1000" persistStateAfterSubmission="on"
      freshStartTail="off" readMode="0")
CONF
exec rsyslogd -n -f "$state/rsyslog.conf" -i "$state/rsyslogd.pid"
