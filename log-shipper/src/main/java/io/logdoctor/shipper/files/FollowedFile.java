package io.logdoctor.shipper.files;


import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** One file the {@code ShipperLoop} follows: its follower, where it is, and where it stands in the round. */
final class FollowedFile {

    final PodLogFollower follower;
    /** Its checkpoint key: device and inode. */
    final String key;
    LogFile file;
    /** No longer listed (renamed away, moved, deleted): read on through the open handle until quiet. */
    boolean gone;
    /** Read to its end and flushed in this round: let go once the round commits. */
    boolean finished;
    /** True once a checkpoint of it was committed under {@link #key}. */
    boolean committedOnce;
    Instant lastRead;

    FollowedFile(PodLogFollower follower, String key, LogFile file, Instant now) {
        this.follower = follower;
        this.key = key;
        this.file = file;
        this.lastRead = now;
    }

    /**
     * The committed checkpoint of the content this file holds, among {@code unclaimed}: its own key's if
     * its first bytes still match, else one whose content it carries (a copy), else null (nothing of it
     * was committed: it starts from 0).
     */
    FileCheckpoint committedContent(Map<String, FileCheckpoint> unclaimed) {
        byte[] head;
        try {
            head = follower.head();
        } catch (IOException e) {
            return unclaimed.get(key); // cannot look: keep what the inode had
        }
        FileCheckpoint own = unclaimed.get(key);
        if (own != null && CheckpointMatcher.matches(own.fingerprint(), head)) {
            return own;
        }
        return CheckpointMatcher.contentOf(head, unclaimed.values());
    }
}
