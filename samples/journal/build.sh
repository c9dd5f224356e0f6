#!/bin/sh
# Rebuilds node.journal from node.export (the journal export format) with Debian's systemd-journal-remote.
set -eu
cd "$(dirname "$0")"
rm -f node.journal
/lib/systemd/systemd-journal-remote --output="$PWD/node.journal" node.export
chmod 644 node.journal
journalctl --file=node.journal --output=short-iso-precise --no-pager
