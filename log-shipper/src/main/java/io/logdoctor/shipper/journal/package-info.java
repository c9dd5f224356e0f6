/**
 * The node journal (docs/shipper.md, "The node journal"): {@code JournalSource} runs {@code JournalProcess}
 * (journalctl and its reader thread, bounded queue), turns each {@code JournalEntry} into a record with
 * {@code JournalRecords}, and stages a {@code JournalCheckpoint} (the cursor) in the same transaction;
 * {@code JournalConfig}: its settings.
 */
package io.logdoctor.shipper.journal;
