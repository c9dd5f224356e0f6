package io.logdoctor.shipper.journal;

/**
 * How far the node's journal has been shipped: the cursor of the last entry shipped, committed in the same
 * Kafka transaction as the entries before it, so {@code journalctl --after-cursor} resumes exactly after it.
 *
 * @param version the format version ({@value #VERSION}), so a later shipper can refuse or migrate
 * @param cursor  the journal cursor ({@code __CURSOR}) of the last entry shipped, or null when none was shipped yet
 * @param ts      that entry's time (RFC 3339), for people reading the offsets topic; without a cursor, the start
 *                point ({@code --since}) reading resumes from
 */
record JournalCheckpoint(int version, String cursor, String ts) {

    static final int VERSION = 1;
}
